"""Classification (xếp loại): a rating from a score, the conditions beside it, and the quota.

Four ratings (:class:`Rating`): Hoàn thành xuất sắc nhiệm vụ (HTXSNV), Hoàn
thành tốt nhiệm vụ (HTTNV), Hoàn thành nhiệm vụ (HTNV) and Không hoàn thành
nhiệm vụ (KHTNV). A :class:`Classification` is data: bands on the total
(:class:`Grade`, each with conditions beside the score), caps set off by events
(a veto forces KHTNV, a disciplined leader caps the rating), and the cluster-wide
quota on HTXSNV. The defaults follow Regulation 366-QĐ/TW (2025) on a 100-point
scale: ≥ 90 HTXSNV (every scored indicator achieved and at least 30 % exceeded),
70 to < 90 HTTNV, 50 to < 70 HTNV, < 50 KHTNV, and HTXSNV at most 20 % of those
rated HTTNV or better (see the docs page "Scoring and ranking").
:func:`default_classification` gives them for a day, citing the texts in force
then (policies ``classification.bands``, ``classification.excellent`` and
``classification.quota`` of :mod:`thidua.legal`).

>>> from thidua.scoring import Scheme, ScoreItem, score
>>> import thidua
>>> scheme = Scheme("s", "Thang điểm", 100, items=[ScoreItem("KT07", 50), ScoreItem("KT01", 50)])
>>> ev = thidua.evaluate(thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data())
>>> result = classify(score(ev, scheme), Classification())
>>> result.rating, result.by_score
(<Rating.HTXSNV: 'HTXSNV'>, <Rating.HTXSNV: 'HTXSNV'>)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections.abc import Mapping, Sequence
from fractions import Fraction
from functools import cache
from itertools import repeat
from types import MappingProxyType

import attrs

from thidua import _fields as f
from thidua._choices import Choice
from thidua._text import fold
from thidua.errors import ParseError, PlanError, ThiduaError, UsageError
from thidua.evaluation import Explanation, Status
from thidua.legal import Legal, LegalFact, default_legal
from thidua.numbers import MAX_EXACT_DIGITS, format_number, to_fraction, to_share
from thidua.scoring import Score, ScoreLine, event_counts

__all__ = [
    "Cap",
    "Classification",
    "Classified",
    "Grade",
    "QuotaOutcome",
    "Rating",
    "apply_quota",
    "classify",
    "default_classification",
]

_NAMES = {
    "HTXSNV": ("Hoàn thành xuất sắc nhiệm vụ", "Completed tasks excellently"),
    "HTTNV": ("Hoàn thành tốt nhiệm vụ", "Completed tasks well"),
    "HTNV": ("Hoàn thành nhiệm vụ", "Completed tasks"),
    "KHTNV": ("Không hoàn thành nhiệm vụ", "Did not complete tasks"),
}


class Rating(Choice):
    """A quality rating (mức xếp loại), best first.

    >>> Rating.parse("Hoàn thành tốt nhiệm vụ")
    <Rating.HTTNV: 'HTTNV'>
    >>> Rating.HTXSNV.at_least(Rating.HTTNV)
    True

    .. versionadded:: 0.1.0
    """

    HTXSNV = "HTXSNV"
    HTTNV = "HTTNV"
    HTNV = "HTNV"
    KHTNV = "KHTNV"

    @property
    def vi(self) -> str:
        """The Vietnamese name, e.g. ``Hoàn thành tốt nhiệm vụ``."""
        return _NAMES[self.value][0]

    @property
    def en(self) -> str:
        """The English name."""
        return _NAMES[self.value][1]

    @property
    def level(self) -> int:
        """0 for HTXSNV up to 3 for KHTNV (lower is better)."""
        return _LEVELS[self._value_]

    def at_least(self, other: Rating) -> bool:
        """Whether this rating is ``other`` or better."""
        return self.level <= other.level

    @classmethod
    def parse(cls, value: object) -> Rating:
        """A rating from its code (``HTTNV``) or Vietnamese name, in any case.

        Raises:
            ParseError: A text that is not a rating (code ``rating.unknown``).
            ArgumentTypeError: Neither a Rating nor a text.

        .. versionchanged:: 0.2.0
           Raises ParseError, as documented (it raised PlanError).
        """
        if isinstance(value, Rating):
            return value
        if not isinstance(value, str):
            msg = "the rating"
            raise f.wrong_type(
                msg, "mức xếp loại", "text such as 'HTTNV'", "chữ như 'HTTNV'", value
            )
        folded = fold(value)
        for rating in cls:
            if folded in (fold(rating.value), fold(rating.vi)):
                return rating
        quoted = f.shown(value)
        msg = f"{quoted} is not a rating"
        raise ParseError(
            msg,
            code="rating.unknown",
            vi=f"{quoted} không phải là một mức xếp loại",
            hint="ratings: HTXSNV, HTTNV, HTNV, KHTNV (or their Vietnamese names)",
            hint_vi="các mức xếp loại: HTXSNV, HTTNV, HTNV, KHTNV (hoặc tên tiếng Việt của chúng)",
            text=value,
        )


#: Each rating's level, by its code: its place in :class:`Rating`, best first.
_LEVELS = {rating.value: level for level, rating in enumerate(Rating)}


def _rating(value: object) -> Rating:
    return Rating.parse(value)


def _points(value: object) -> Fraction:
    return f.check_magnitude(
        to_fraction(value, what="points", max_digits=MAX_EXACT_DIGITS), "the points", "số điểm"
    )


def _share(value: object) -> Fraction | None:
    return None if value is None else to_share(value)


def _quota(value: object) -> Fraction | None:
    return None if value is None else to_share(value, what="quota")


_ids = f.texts("an indicator id", "mã chỉ tiêu")


_GRADE_ALL_ACHIEVED = f.flag("all_achieved", "mục all_achieved")


def _grade_all_achieved(value: object) -> bool:
    return _GRADE_ALL_ACHIEVED(value)


_GRADE_REQUIRES = _ids


def _grade_requires(value: object) -> tuple[str, ...]:
    return _GRADE_REQUIRES(value)


@attrs.frozen
class Grade:
    """A band of the total, with the conditions a unit must also meet to get it.

    .. versionadded:: 0.1.0
    """

    #: The rating of the band.
    rating: Rating = attrs.field(converter=_rating)
    #: The least total (inclusive) on the scheme's scale.
    minimum: Fraction = attrs.field(converter=_points)
    #: Every scored, applicable indicator must be achieved.
    all_achieved: bool = attrs.field(default=False, converter=_grade_all_achieved)
    #: At least this share of the scored, applicable indicators must be exceeded
    #: (``0.3`` or ``"30 %"``).
    exceeded_share: Fraction | None = attrs.field(default=None, converter=_share)
    #: Indicators that must be achieved.
    requires: tuple[str, ...] = attrs.field(default=(), converter=_grade_requires)


_CAP_EVENT = f.identifier("the capping event's id", "mã sự kiện giới hạn xếp loại", hint="su-co")


def _cap_event(value: object) -> str:
    return _CAP_EVENT(value)


_CAP_NAME = f.text("the cap's name", "tên điều kiện giới hạn")


def _cap_name(value: object) -> str:
    return _CAP_NAME(value)


@attrs.frozen
class Cap:
    """An event that caps the rating: a veto (at most KHTNV) or e.g. a disciplined leader.

    .. versionadded:: 0.1.0
    """

    #: The event's id, counted in the ``events`` given to :func:`classify`.
    event: str = attrs.field(converter=_cap_event)
    #: What it is, in the regulation's words.
    name: str = attrs.field(converter=_cap_name)
    #: The best rating left when the event happened (``KHTNV`` for a veto).
    at_most: Rating = attrs.field(default=Rating.KHTNV, converter=_rating)


def _grades(value: object) -> tuple[Grade, ...]:
    return f.models(Grade, "the grades", "các mức xếp loại")(value)


def _caps(value: object) -> tuple[Cap, ...]:
    return f.models(Cap, "the caps", "các điều kiện giới hạn")(value)


#: The bands of Regulation 366-QĐ/TW (2025), Art. 11, on a 100-point scale, and its
#: HTXSNV condition (policies ``classification.bands`` and ``classification.excellent``
#: of :mod:`thidua.legal`, latest versions; a test checks they agree).
DEFAULT_GRADES = (
    Grade(Rating.HTXSNV, 90, all_achieved=True, exceeded_share=Fraction(3, 10)),
    Grade(Rating.HTTNV, 70),
    Grade(Rating.HTNV, 50),
)


_CLASSIFICATION_ID = f.text("the classification id", "mã cách xếp loại")


def _classification_id(value: object) -> str:
    return _CLASSIFICATION_ID(value)


_CLASSIFICATION_NAME = f.text("the classification name", "tên cách xếp loại")


def _classification_name(value: object) -> str:
    return _CLASSIFICATION_NAME(value)


@attrs.frozen
class Classification:
    """How totals become ratings: the bands, the caps and the quota.

    The defaults are those of Regulation 366-QĐ/TW (2025) for a 100-point scale.
    Its further conditions on timeliness (HTTNV: every task done on time; HTNV:
    at most 20 % late) need data the plan does not carry and are not in the
    defaults; add them as ``requires`` on a grade where a plan has such
    indicators. The quota counts those rated HTTNV or better (Decree 48/2023,
    Guidance 21-HD/BTCTW) and is rounded down.

    .. versionadded:: 0.1.0
    """

    #: Its id.
    id: str = attrs.field(default="366-QD-TW", converter=_classification_id)
    #: Its name and source.
    name: str = attrs.field(
        default="Quy định 366-QĐ/TW (2025): thang 100 điểm",
        converter=_classification_name,
    )
    #: The bands, best first; a total below every band is KHTNV.
    grades: tuple[Grade, ...] = attrs.field(default=DEFAULT_GRADES, converter=_grades)
    #: Events that cap the rating.
    caps: tuple[Cap, ...] = attrs.field(default=(), converter=_caps)
    #: HTXSNV at most this share of the members rated HTTNV or better (None: no quota);
    #: the default is the ``share`` of the policy ``classification.quota``
    #: (:mod:`thidua.legal`).
    quota: Fraction | None = attrs.field(default=Fraction(1, 5), converter=_quota)

    def __attrs_post_init__(self) -> None:
        levels = [g.rating.level for g in self.grades]
        if levels != sorted(levels) or len(set(levels)) != len(levels):
            msg = "grades must go from the best rating to the worst, one grade per rating"
            raise PlanError(
                msg,
                code="classification.grades",
                vi="các mức xếp loại phải xếp từ mức cao nhất đến mức thấp nhất, mỗi mức một lần",
                hint="order them HTXSNV, HTTNV, HTNV",
                hint_vi="hãy xếp theo thứ tự HTXSNV, HTTNV, HTNV",
                key="grades",
            )
        minima = [g.minimum for g in self.grades]
        if minima != sorted(minima, reverse=True):
            msg = "a better grade cannot need fewer points than a worse one"
            raise PlanError(
                msg,
                code="classification.grades",
                vi="mức xếp loại cao hơn không được cần ít điểm hơn mức thấp hơn",
                hint="make the minima fall from the best grade to the worst",
                hint_vi="hãy để điểm tối thiểu giảm dần từ mức cao nhất đến mức thấp nhất",
                key="grades",
            )
        events: set[str] = set()
        for number, cap in enumerate(self.caps):
            if cap.event in events:
                msg = f"the event {cap.event!r} caps the rating twice"
                raise PlanError(
                    msg,
                    code="plan.duplicate_id",
                    vi=f"sự kiện {cap.event!r} được dùng hai lần để giới hạn xếp loại",
                    hint="give every cap its own event",
                    hint_vi="mỗi điều kiện giới hạn xếp loại cần một sự kiện riêng",
                    key=f"caps[{number}].event",
                )
            events.add(cap.event)

    @property
    def events(self) -> frozenset[str]:
        """The ids of the events that cap the rating."""
        return frozenset(c.event for c in self.caps)


def default_classification(
    on: dt.date | str | None = None, *, legal: Legal | None = None
) -> Classification:
    r"""The default bands, HTXSNV condition and quota, from the texts in force on ``on``.

    The same figures as :class:`Classification` ``()`` (they have not changed so
    far); its ``name`` cites the texts in force on ``on`` — the end of the
    period rated — marking those not verified (None: the latest versions).
    ``legal``: a register of your own (see :func:`thidua.legal.load_legal`)
    with the policies ``classification.bands`` (values ``HTXSNV``, ``HTTNV``,
    ``HTNV``), ``classification.excellent`` (``exceeded_share``) and
    ``classification.quota`` (``share``); the shipped one by default.

    >>> print(default_classification("2026-12-31").name.replace("; ", ";\n"))
    Quy định 366-QĐ/TW, Điều 11: thang 100 điểm;
    tỷ lệ HTXSNV: Nghị định 335/2025/NĐ-CP — chưa kiểm chứng
    >>> default_classification("2024-12-31").id
    'qd-124-tw'

    Raises:
        NotFoundError: No version is in force on ``on`` (``legal.not_in_force``:
            before 2024), or ``legal`` lacks a policy or a value.
        ParseError: ``on`` is text that is not a date, or a value is not a
            number (a share for the shares).
        PlanError: A band's value is not a number of points 0 or more.

    .. versionadded:: 0.4.0
    """
    register = default_legal() if legal is None else legal
    return _classification_of(
        register.in_force("classification.bands", on),
        register.in_force("classification.excellent", on),
        register.in_force("classification.quota", on),
    )


@cache
def _classification_of(bands: LegalFact, excellent: LegalFact, quota: LegalFact) -> Classification:
    grades = (
        Grade(
            Rating.HTXSNV,
            bands.value("HTXSNV"),
            all_achieved=True,
            exceeded_share=excellent.share("exceeded_share"),
        ),
        Grade(Rating.HTTNV, bands.value("HTTNV")),
        Grade(Rating.HTNV, bands.value("HTNV")),
    )
    name = f"{bands.cite('vi')}: thang 100 điểm; tỷ lệ HTXSNV: {quota.cite('vi')}"
    return Classification(bands.source.id, name, grades, quota=quota.share("share"))


@attrs.frozen
class Classified:
    """The rating of one unit, and why it is not the band of its total alone.

    .. versionadded:: 0.1.0
    """

    #: The rating after the conditions and caps (the cluster quota may lower it further).
    rating: Rating
    #: The band of the total alone.
    by_score: Rating
    #: Why the rating is below ``by_score`` (empty when it is not).
    reasons: tuple[Explanation, ...]
    #: Share of the scored, applicable indicators exceeded.
    exceeded_share: Fraction
    #: Whether every scored, applicable indicator was achieved.
    all_achieved: bool


def _percent(value: Fraction, language: str) -> str:
    return format_number(value * 100, locale=language, max_decimals=2) + "%"


def _unmet(grade: Grade, score: Score, all_achieved: bool, exceeded: Fraction) -> list[Explanation]:
    reasons = []
    if grade.all_achieved and not all_achieved:
        failed = [line.indicator for line in score.lines if _counts(line) and not _achieved(line)]
        reasons.append(
            Explanation(
                f"{grade.rating.value} cần đạt tất cả chỉ tiêu; chưa đạt: {', '.join(failed)}",
                f"{grade.rating.value} needs every indicator achieved; not achieved: "
                f"{', '.join(failed)}",
            )
        )
    if grade.exceeded_share is not None and exceeded < grade.exceeded_share:
        reasons.append(
            Explanation(
                f"{grade.rating.value} cần vượt ít nhất {_percent(grade.exceeded_share, 'vi')} "
                f"chỉ tiêu; mới vượt {_percent(exceeded, 'vi')}",
                f"{grade.rating.value} needs at least {_percent(grade.exceeded_share, 'en')} of "
                f"indicators exceeded; exceeded {_percent(exceeded, 'en')}",
            )
        )
    for indicator in grade.requires:
        line = next((x for x in score.lines if x.indicator == indicator), None)
        if line is None or not _achieved(line):
            reasons.append(
                Explanation(
                    f"{grade.rating.value} cần đạt chỉ tiêu {indicator}",
                    f"{grade.rating.value} needs {indicator} achieved",
                )
            )
    return reasons


_NA, _ACHIEVED = Status.NOT_APPLICABLE, Status.ACHIEVED


def _counts(line: object) -> bool:
    return getattr(line, "status", None) is not Status.NOT_APPLICABLE


def _achieved(line: object) -> bool:
    return getattr(line, "status", None) is Status.ACHIEVED


def classify(
    score: Score,
    classification: Classification | None = None,
    *,
    events: Mapping[str, int] | None = None,
) -> Classified:
    """Rate one unit from its score, the grades' conditions and the events that cap it.

    A unit gets the best grade whose minimum its total reaches and whose
    conditions it meets; a grade it reaches by points but misses by a condition
    is skipped, with the reason. Caps then lower the rating. A total below every
    grade is KHTNV.

    Args:
        score: The unit's score.
        classification: The bands, caps and quota (Regulation 366-QĐ/TW by default).
        events: How many times each capping event happened, by event id; events
            the classification does not know are ignored here (they may be
            bonuses or deductions of the scheme).

    Raises:
        UsageError: An event count is not a whole number, 0 or more.
        ArgumentTypeError: ``score`` is not a Score, ``classification`` not a
            Classification, or ``events`` not a mapping.

    .. versionadded:: 0.1.0
    """
    if not isinstance(score, Score):
        msg = "the score"
        raise f.wrong_type(msg, "kết quả chấm điểm", "a Score", "một Score", score)
    if classification is not None and not isinstance(classification, Classification):
        msg = "the classification"
        raise f.wrong_type(
            msg,
            "cách xếp loại",
            "a Classification",
            "một Classification",
            classification,
        )
    counts = event_counts(events, None, scheme="")
    rules = classification or Classification()
    lines = score.lines
    statuses = [getattr(line, "status", None) for line in lines]  # as _counts, _achieved read
    counted = [line for line, s in zip(lines, statuses, strict=True) if s is not _NA]
    all_achieved = all(s is _ACHIEVED for s in statuses if s is not _NA)
    exceeded = (
        Fraction(sum(line.exceeded for line in counted), len(counted)) if counted else Fraction(0)
    )
    total = score.total
    reached = [g for g in rules.grades if total >= g.minimum]
    by_score = reached[0].rating if reached else Rating.KHTNV
    rating = Rating.KHTNV
    reasons: list[Explanation] = []
    for grade in reached:
        unmet = _unmet(grade, score, all_achieved, exceeded)
        if not unmet:
            rating = grade.rating
            break
        reasons += unmet
    for cap in rules.caps:
        count = counts.get(cap.event, 0)
        if count and not cap.at_most.at_least(rating):
            reasons.append(
                Explanation(
                    f"{cap.name}: tối đa {cap.at_most.value}",
                    f"{cap.name}: at most {cap.at_most.value}",
                )
            )
            rating = cap.at_most
    return Classified(rating, by_score, tuple(reasons), exceeded, all_achieved)


_STATUS = operator.attrgetter("status")
_NO_COUNTS: Mapping[str, int] = MappingProxyType({})
_EXCEEDED = operator.attrgetter("exceeded")


#: A unit's lines as classification counts them: applicable, achieved, and
#: exceeded among the applicable.
LineCounts = tuple[int, int, int]


def line_counts(
    statuses: Sequence[Sequence[Status]], exceeded: Sequence[Sequence[bool]], units: int
) -> list[LineCounts]:
    """The :data:`LineCounts` of ``units`` units from their scores' columns (one per item).

    ``statuses`` and ``exceeded``: each item's column of the units' statuses and
    exceeded flags, as scoring reads them (a line's status and flag); a scheme
    without items has no columns, and every unit counts nothing. Each (status,
    flag) is one integer holding the three counts in separate bit fields wide
    enough never to carry, so a unit's counts are one sum, read in C.
    """
    width = len(statuses).bit_length() + 1  # each count < 2**width: the fields never carry
    code = {
        (status, flag): (status is not _NA)
        + ((status is _ACHIEVED) << width)
        + ((flag and status is not _NA) << (2 * width))
        for status in Status
        for flag in (False, True)
    }
    if not statuses:
        return [(0, 0, 0)] * units
    mask = (1 << width) - 1
    sums = map(
        sum,
        zip(
            *(
                map(code.__getitem__, zip(s, e, strict=True))
                for s, e in zip(statuses, exceeded, strict=True)
            ),
            strict=True,
        ),
    )
    return [(t & mask, (t >> width) & mask, t >> (2 * width)) for t in sums]


def _line_counts_of(lines: Sequence[ScoreLine]) -> LineCounts:
    """A score's :data:`LineCounts`, from its lines."""
    statuses = list(map(_STATUS, lines))
    left_out = statuses.count(_NA)
    over = (  # the exceeded lines that count: not those not applicable
        sum(map(operator.and_, map(operator.is_not, statuses, repeat(_NA)), map(_EXCEEDED, lines)))
        if left_out
        else sum(map(_EXCEEDED, lines))
    )
    return len(statuses) - left_out, statuses.count(_ACHIEVED), over


def classify_many(
    scores: Sequence[Score],
    classification: Classification,
    events: Sequence[Mapping[str, int] | None],
    *,
    counts: Sequence[LineCounts | None] | None = None,
) -> list[Classified | ThiduaError]:
    """:func:`classify` of many units (their scores' lines read in C), or each one's error.

    ``events``: each unit's counts of the classification's events. The same
    ratings, reasons and shares as :func:`classify` of each; the ratings of the
    units whose conditions and caps say nothing, and their shares, are made once
    and shared (they are values). ``counts``: each score's :data:`LineCounts`
    where already known (:func:`line_counts` of the columns it was scored
    from); None, or a unit's None, counts its lines.

    .. versionadded:: 0.3.0
    .. versionchanged:: 0.4.0
       ``counts=``.
    """
    grades, caps = classification.grades, classification.caps
    minima = [(g.minimum.numerator, g.minimum.denominator) for g in grades]
    conditional = [  # the grades whose conditions may fail
        bool(g.all_achieved or g.exceeded_share is not None or g.requires) for g in grades
    ]
    shares: dict[tuple[int, int], Fraction] = {}
    plain: dict[tuple[int, int, int, int, bool], Classified] = {}  # ratings by id: singletons
    grades_of: dict[int, tuple[Fraction, list[int]]] = {}  # by the id of a total
    out: list[Classified | ThiduaError] = []
    known = repeat(None) if counts is None else counts
    for score, given, tally in zip(scores, events, known, strict=counts is not None):
        try:
            happened = event_counts(given, None, scheme="") if given else _NO_COUNTS
        except ThiduaError as exc:
            out.append(exc)
            continue
        counted, achieved, over = _line_counts_of(score.lines) if tally is None else tally
        all_achieved = achieved == counted
        exceeded = shares.get((over, counted))
        if exceeded is None:
            exceeded = shares[over, counted] = Fraction(over, counted) if counted else Fraction(0)
        total = score.total
        memo = grades_of.get(id(total))  # equal totals are often one Fraction
        if memo is None:  # the grades whose minimum the total reaches
            tn, td = total.numerator, total.denominator
            reached = [n for n, (m, d) in enumerate(minima) if tn * d >= m * td]
            grades_of[id(total)] = (total, reached)  # kept alive: its id is not reused
        else:
            reached = memo[1]
        by_score = grades[reached[0]].rating if reached else Rating.KHTNV
        rating = Rating.KHTNV
        reasons: list[Explanation] = []
        for number in reached:
            grade = grades[number]
            unmet = _unmet(grade, score, all_achieved, exceeded) if conditional[number] else ()
            if not unmet:
                rating = grade.rating
                break
            reasons += unmet
        for cap in caps if happened else ():
            count = happened.get(cap.event, 0)
            if count and not cap.at_most.at_least(rating):
                reasons.append(
                    Explanation(
                        f"{cap.name}: tối đa {cap.at_most.value}",
                        f"{cap.name}: at most {cap.at_most.value}",
                    )
                )
                rating = cap.at_most
        if reasons:
            out.append(Classified(rating, by_score, tuple(reasons), exceeded, all_achieved))
            continue
        key = (id(rating), id(by_score), over, counted, all_achieved)
        found = plain.get(key)
        if found is None:
            found = plain[key] = Classified(rating, by_score, (), exceeded, all_achieved)
        out.append(found)
    return out


@attrs.frozen
class QuotaOutcome:
    """The quota applied to a cluster: how many HTXSNV it allows, and who was moved down.

    .. versionadded:: 0.1.0
    """

    #: The ratings after the quota, by member id.
    ratings: Mapping[str, Rating]
    #: Why each member moved down was moved, by member id.
    reasons: Mapping[str, Explanation]
    #: How many were rated HTTNV or better.
    eligible: int
    #: How many HTXSNV the quota allows.
    allowed: int


def apply_quota(
    ratings: Mapping[str, Rating], ranks: Mapping[str, int], quota: Fraction | None
) -> QuotaOutcome:
    """Keep at most ``quota`` × (members rated HTTNV or better) at HTXSNV, by rank.

    Members rated HTXSNV keep it from the best rank down while the quota allows
    (rounded down); the rest are moved to HTTNV with the reason. Members tied
    on a rank that straddles the limit all move down: the quota is never
    exceeded, and the tie is reported for the competent authority to decide.

    >>> ratings = {"A": Rating.HTXSNV, "B": Rating.HTXSNV, "C": Rating.HTTNV,
    ...            "D": Rating.HTTNV, "E": Rating.HTTNV}
    >>> ranks = {"A": 1, "B": 2, "C": 3, "D": 4, "E": 5}
    >>> outcome = apply_quota(ratings, ranks, Fraction(1, 5))
    >>> outcome.allowed, outcome.ratings["A"], outcome.ratings["B"]
    (1, <Rating.HTXSNV: 'HTXSNV'>, <Rating.HTTNV: 'HTTNV'>)

    .. versionadded:: 0.1.0
    """
    missing = set(ratings) - set(ranks)
    if missing:
        listed = ", ".join(sorted(map(str, missing)))
        msg = f"members {listed} have a rating but no rank"
        raise UsageError(
            msg,
            code="quota.no_rank",
            vi=f"các đơn vị {listed} đã được xếp loại nhưng chưa có thứ hạng",
            hint="give apply_quota the rank of every member rated",
            hint_vi="hãy cho apply_quota thứ hạng của mọi đơn vị đã xếp loại",
        )
    eligible = sum(r.at_least(Rating.HTTNV) for r in ratings.values())
    if quota is None:
        return QuotaOutcome(dict(ratings), {}, eligible, eligible)
    allowed = math.floor(quota * eligible)
    candidates = sorted((ranks[m], m) for m, r in ratings.items() if r is Rating.HTXSNV)
    out = dict(ratings)
    reasons: dict[str, Explanation] = {}
    kept = 0
    share_vi, share_en = _percent(quota, "vi"), _percent(quota, "en")
    by_rank: dict[int, list[str]] = {}
    for rank, member in candidates:
        by_rank.setdefault(rank, []).append(member)
    for rank, members in sorted(by_rank.items()):
        if kept + len(members) <= allowed:
            kept += len(members)
            continue
        for member in members:
            out[member] = Rating.HTTNV
            if kept < allowed:
                others = ", ".join(m for m in members if m != member)
                reasons[member] = Explanation(
                    f"đồng hạng {rank} với {others} ở ngưỡng tỷ lệ HTXSNV (tối đa {allowed}); "
                    "cấp có thẩm quyền quyết định, tạm xếp HTTNV",
                    f"tied at rank {rank} with {others} at the HTXSNV quota (at most {allowed}); "
                    "for the competent authority to decide, HTTNV meanwhile",
                )
            else:
                reasons[member] = Explanation(
                    f"vượt tỷ lệ HTXSNV: tối đa {share_vi} của {eligible} đơn vị HTTNV trở lên "
                    f"= {allowed}; xếp hạng {rank}, chuyển xuống HTTNV",
                    f"over the HTXSNV quota: at most {share_en} of {eligible} rated HTTNV or "
                    f"better = {allowed}; rank {rank}, moved to HTTNV",
                )
        kept = max(kept, allowed)  # after a tie straddled the limit, nobody further may pass
    return QuotaOutcome(out, reasons, eligible, allowed)
