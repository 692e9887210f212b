"""Scoring (chấm điểm thi đua): points for results, as a scheme a plan or cluster declares.

There is no national formula; each cluster or province sets its own scale
(see the docs page "Scoring and ranking"). A :class:`Scheme` is therefore data: points per
indicator (or criterion), the credit policy of each — all-or-nothing,
proportional to attainment with a cap, banded ("từ 95 % trở lên: 2,5 điểm;
dưới 95 %: 0"), or against the cluster's leader (:class:`Leader`, found by
:func:`cluster_leaders`) — bonus and deduction points with their caps, and what happens
to the points of an indicator that does not apply (spread evenly over the
others, or the total rescaled to the maximum). :func:`score` applies a scheme
to an evaluation; every point of the :class:`Score` can be traced to the
indicator, rule and policy that gave it.

>>> import thidua
>>> scheme = loads_scheme('''
... id = "demo"
... name = "Thang điểm minh họa"
... maximum = 10
... [[items]]
... indicator = "KT07"
... points = 5
... [[items]]
... indicator = "KT03"
... points = 5
... credit = "proportional"
... ''')
>>> ev = thidua.evaluate(thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data())
>>> result = score(ev, scheme)
>>> result.total
Fraction(1943, 195)
>>> [str(line.reason) for line in result.lines]
['đạt: 5 điểm', '5 × ≈99,2821% mức đạt = ≈4,9641 điểm']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import math
import operator
import os
from collections.abc import Callable, Collection, Mapping, Sequence
from fractions import Fraction
from itertools import repeat
from typing import Any, NamedTuple

import attrs

from thidua import _fields as f
from thidua._choices import Choice
from thidua._files import read_text
from thidua._text import fold
from thidua.errors import NotFoundError, PlanError, ThiduaError, UsageError, clean_text
from thidua.evaluation import Evaluation, Explanation, Status
from thidua.evaluation.core import Pair
from thidua.evaluation.judging import checker
from thidua.numbers import MAX_EXACT_DIGITS, format_number, to_fraction
from thidua.rules import RULE_CLASSES, Assigned, Comparison, Op, Rule, parse_rule
from thidua.units import Quantity

__all__ = [
    "Adjustment",
    "Band",
    "Credit",
    "Leader",
    "NotApplicable",
    "Scheme",
    "Score",
    "ScoreItem",
    "ScoreLine",
    "cluster_leaders",
    "load_scheme",
    "loads_scheme",
    "score",
    "score_facts",
]

#: Largest scheme file read (bytes).
MAX_SCHEME_BYTES = 4 * 1024 * 1024


class Credit(Choice):
    """How an indicator's points are earned.

    .. versionadded:: 0.1.0
    """

    #: Full points when achieved, none otherwise.
    ALL_OR_NOTHING = "all_or_nothing"
    #: Points × attainment (actual / target), capped (Hải Phòng 212/2025).
    PROPORTIONAL = "proportional"
    #: The points of the first band whose rule the actual value meets.
    BANDED = "banded"
    #: Scored against the cluster's leader (see :class:`Leader`): ½ × points ×
    #: attainment below the target, ½ at it, all for the leader, and for the others
    #: that exceeded ½ plus ½ × their share of the leader's excess. Rules ``>=``
    #: and ``<=`` only: a strict ``>`` or ``<`` has no "at the target" and is refused.
    #:
    #: .. versionadded:: 0.4.0
    LEADER = "leader"


class NotApplicable(Choice):
    """What happens to the points of an indicator that does not apply.

    .. versionadded:: 0.1.0
    """

    #: Spread them evenly over the indicators that do apply.
    SPREAD = "spread"
    #: Score the applicable indicators, then rescale the total to the maximum.
    RESCALE = "rescale"


def _points(value: object) -> Fraction:
    number = f.check_magnitude(
        to_fraction(value, what="points", max_digits=MAX_EXACT_DIGITS), "the points", "số điểm"
    )
    if number < 0:
        quoted = f.shown(value)
        msg = f"points={quoted} must not be negative"
        raise PlanError(
            msg,
            code="scoring.negative_points",
            vi=f"số điểm {quoted} không được âm",
            hint="deductions are declared as adjustments (deduction = true)",
            hint_vi="điểm trừ được khai báo ở mục adjustments (deduction = true)",
        )
    return number


def _optional_points(value: object) -> Fraction | None:
    return None if value is None else _points(value)


def _rule(value: object) -> Rule:
    if isinstance(value, RULE_CLASSES):
        return value
    if not isinstance(value, str):
        msg = "the band's rule"
        raise f.wrong_type(
            msg,
            "mức của khung điểm",
            "rule text such as '>= 95 %'",
            "chữ như '>= 95 %'",
            value,
        )
    return parse_rule(
        clean_text(value, what="the band's rule", what_vi="mức của khung điểm", error=PlanError)
    )


@attrs.frozen
class Band:
    """One band of banded credit: the points when the actual value meets ``rule``.

    .. versionadded:: 0.1.0
    """

    #: The rule the actual value must meet, e.g. ``>= 95 %`` (or "từ 95% trở lên").
    rule: Rule = attrs.field(converter=_rule)
    #: The points of the band.
    points: Fraction = attrs.field(converter=_points)


def _bands(value: object) -> tuple[Band, ...]:
    return f.models(Band, "the bands", "các khung điểm")(value)


_SCOREITEM_INDICATOR = f.identifier("the scored indicator's id", "mã chỉ tiêu được chấm điểm")


def _scoreitem_indicator(value: object) -> str:
    return _SCOREITEM_INDICATOR(value)


_SCOREITEM_CREDIT = f.choice(Credit, "credit", "mục credit")


def _scoreitem_credit(value: object) -> Credit:
    return _SCOREITEM_CREDIT(value)


@attrs.frozen
class ScoreItem:
    """The points of one indicator (or criterion) and how they are earned.

    Raises:
        PlanError: Banded credit without bands (or bands without it), a cap
            outside (0, 1], a band worth more than the item, negative points.

    .. versionadded:: 0.1.0
    """

    #: Indicator or criterion id.
    indicator: str = attrs.field(converter=_scoreitem_indicator)
    #: Its points on the scheme's scale.
    points: Fraction = attrs.field(converter=_points)
    #: How they are earned.
    credit: Credit = attrs.field(default=Credit.ALL_OR_NOTHING, converter=_scoreitem_credit)
    #: For proportional credit, the largest attainment credited (1 = 100 %).
    cap: Fraction = attrs.field(default=Fraction(1), converter=_points)
    #: For banded credit, the bands, best first.
    bands: tuple[Band, ...] = attrs.field(default=(), converter=_bands)

    def __attrs_post_init__(self) -> None:
        where: dict[str, Any] = {"indicator": self.indicator}
        if self.credit is Credit.BANDED and not self.bands:
            msg = f"banded credit for {self.indicator} needs bands"
            raise PlanError(
                msg,
                code="scoring.bands",
                vi=f"chấm điểm theo khung cho {self.indicator} cần có các khung điểm",
                hint='add [[items.bands]] with rule = ">= 95 %" and points = 2.5',
                hint_vi='hãy thêm [[items.bands]] với rule = ">= 95 %" và points = 2.5',
                **where,
            )
        if self.credit is not Credit.BANDED and self.bands:
            msg = f"bands are only for banded credit (credit = {self.credit.value!r})"
            raise PlanError(
                msg,
                code="scoring.bands",
                vi="khung điểm chỉ dùng khi chấm theo khung (đang là credit = "
                f"{self.credit.value!r})",
                hint="write credit = 'banded', or remove the bands",
                hint_vi="hãy ghi credit = 'banded', hoặc bỏ các khung điểm",
                key="bands",
                **where,
            )
        if not 0 < self.cap <= 1:
            msg = f"cap={_show(self.cap)} must lie above 0 and at most 1 (100 % attainment)"
            raise PlanError(
                msg,
                code="scoring.cap",
                vi=f"mức trần (cap) {_vi(self.cap)} phải lớn hơn 0 và không quá 1 (tức 100 %"
                " mức đạt)",
                hint="points above the item's are bonus points: declare them as adjustments",
                hint_vi="điểm vượt quá điểm của chỉ tiêu là điểm thưởng: hãy khai "
                "báo ở mục adjustments",
                key="cap",
                **where,
            )
        for number, band in enumerate(self.bands):
            if band.points > self.points:
                msg = (
                    f"a band gives {_show(band.points)} points, more than the item's "
                    f"{_show(self.points)}"
                )
                raise PlanError(
                    msg,
                    code="scoring.bands",
                    vi=f"một khung cho {_vi(band.points)} điểm, nhiều hơn {_vi(self.points)} "
                    "điểm của chỉ tiêu",
                    key=f"bands[{number}].points",
                    **where,
                )


_ADJUSTMENT_ID = f.identifier("the adjustment id", "mã điểm thưởng/trừ", hint="sang-kien")


def _adjustment_id(value: object) -> str:
    return _ADJUSTMENT_ID(value)


_ADJUSTMENT_NAME = f.text("the adjustment name", "tên điểm thưởng/trừ")


def _adjustment_name(value: object) -> str:
    return _ADJUSTMENT_NAME(value)


_ADJUSTMENT_DEDUCTION = f.flag("deduction", "mục deduction")


def _adjustment_deduction(value: object) -> bool:
    return _ADJUSTMENT_DEDUCTION(value)


@attrs.frozen
class Adjustment:
    """A bonus (điểm thưởng) or deduction (điểm trừ), in points per occurrence.

    .. versionadded:: 0.1.0
    """

    #: Its id, used to count occurrences when scoring.
    id: str = attrs.field(converter=_adjustment_id)
    #: What it is for.
    name: str = attrs.field(converter=_adjustment_name)
    #: Points per occurrence (positive).
    points: Fraction = attrs.field(converter=_points)
    #: Whether it is a deduction (else a bonus).
    deduction: bool = attrs.field(default=False, converter=_adjustment_deduction)


def _items(value: object) -> tuple[ScoreItem, ...]:
    return f.models(ScoreItem, "the scored items", "các chỉ tiêu chấm điểm")(value)


def _adjustments(value: object) -> tuple[Adjustment, ...]:
    return f.models(Adjustment, "the adjustments", "các điểm thưởng/trừ")(value)


_SCHEME_ID = f.text("the scheme id", "mã thang điểm")


def _scheme_id(value: object) -> str:
    return _SCHEME_ID(value)


_SCHEME_NAME = f.text("the scheme name", "tên thang điểm")


def _scheme_name(value: object) -> str:
    return _SCHEME_NAME(value)


_SCHEME_NOT_APPLICABLE = f.choice(NotApplicable, "not_applicable", "mục not_applicable")


def _scheme_not_applicable(value: object) -> NotApplicable:
    return _SCHEME_NOT_APPLICABLE(value)


@attrs.frozen
class Scheme:
    """A scoring scheme: the scale, the points of each indicator, bonuses and deductions.

    Raises:
        PlanError: An indicator scored twice, an adjustment id used twice, or
            items whose points do not add up to the maximum.

    .. versionadded:: 0.1.0
    """

    #: Its id.
    id: str = attrs.field(converter=_scheme_id)
    #: Its name.
    name: str = attrs.field(converter=_scheme_name)
    #: The scale (e.g. 100 or 1000 points).
    maximum: Fraction = attrs.field(converter=_points)
    #: The scored indicators.
    items: tuple[ScoreItem, ...] = attrs.field(default=(), converter=_items)
    #: Bonuses and deductions.
    adjustments: tuple[Adjustment, ...] = attrs.field(default=(), converter=_adjustments)
    #: The most bonus points counted (None: no cap).
    bonus_cap: Fraction | None = attrs.field(default=None, converter=_optional_points)
    #: The most deduction points counted (None: no cap).
    deduction_cap: Fraction | None = attrs.field(default=None, converter=_optional_points)
    #: What happens to the points of indicators that do not apply.
    not_applicable: NotApplicable = attrs.field(
        default=NotApplicable.SPREAD,
        converter=_scheme_not_applicable,
    )

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for number, item in enumerate(self.items):
            if item.indicator in seen:
                msg = f"indicator {item.indicator!r} is scored twice"
                raise PlanError(
                    msg,
                    code="plan.duplicate_id",
                    vi=f"chỉ tiêu {item.indicator!r} được chấm điểm hai lần",
                    hint="give each indicator one item",
                    hint_vi="mỗi chỉ tiêu chỉ được có một mục chấm điểm: hãy xóa mục thừa",
                    indicator=item.indicator,
                    key=f"items[{number}].indicator",
                )
            seen.add(item.indicator)
        total = sum((i.points for i in self.items), Fraction(0))
        if total != self.maximum:
            msg = (
                f"the items' points add up to {_show(total)}, not the maximum {_show(self.maximum)}"
            )
            raise PlanError(
                msg,
                code="scoring.total",
                vi=f"tổng điểm các chỉ tiêu là {_vi(total)}, không bằng điểm tối đa "
                f"{_vi(self.maximum)} của thang điểm",
                hint="make the points add up to the scale",
                hint_vi="hãy sửa điểm các chỉ tiêu, hoặc mục maximum, cho khớp nhau",
                key="maximum",
            )
        ids: set[str] = set()
        for number, adjustment in enumerate(self.adjustments):
            if adjustment.id in ids:
                msg = f"the adjustment id {adjustment.id!r} is used twice"
                raise PlanError(
                    msg,
                    code="plan.duplicate_id",
                    vi=f"mã điểm thưởng/trừ {adjustment.id!r} được dùng hai lần",
                    hint="give every adjustment its own id",
                    hint_vi="hãy đặt cho mỗi điểm thưởng/trừ một mã riêng",
                    key=f"adjustments[{number}].id",
                )
            ids.add(adjustment.id)


def _show(value: Fraction) -> str:
    return format_number(value, locale="en", max_decimals=4)


def _made(value: Explanation | Callable[[], Explanation]) -> Explanation:
    """An explanation, or the one its maker makes."""
    return value if isinstance(value, Explanation) else value()


@attrs.frozen(repr=False)
class ScoreLine:
    """The points one indicator earned, and why.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.3.0
       The reason is written when first read (it may also be given as its maker).
    """

    #: Indicator id.
    indicator: str
    #: Indicator name.
    name: str
    #: Its status.
    status: Status
    #: The rule it was judged by (canonical text), if any.
    rule: str | None
    #: The credit policy applied.
    credit: Credit
    #: The points it could earn (after spreading not-applicable points).
    possible: Fraction
    #: The points it earned.
    awarded: Fraction
    #: Why, or its maker: written when first read (:attr:`reason`).
    _reason: Explanation | Callable[[], Explanation] = attrs.field(eq=_made, alias="reason")
    #: Whether the indicator was exceeded (achieved with a positive margin).
    exceeded: bool = False

    @functools.cached_property
    def reason(self) -> Explanation:
        """Why, in Vietnamese and English (written when first read)."""
        return _made(self._reason)

    def __repr__(self) -> str:
        return (
            f"ScoreLine(indicator={self.indicator!r}, name={self.name!r}, "
            f"status={self.status!r}, rule={self.rule!r}, credit={self.credit!r}, "
            f"possible={self.possible!r}, awarded={self.awarded!r}, reason={self.reason!r}, "
            f"exceeded={self.exceeded!r})"
        )


@attrs.frozen
class Score:
    """A scheme applied to an evaluation: the total and its breakdown.

    .. versionadded:: 0.1.0
    """

    #: The scheme's id.
    scheme: str
    #: One line per scored indicator, in the scheme's order.
    lines: tuple[ScoreLine, ...]
    #: The scheme's maximum.
    maximum: Fraction
    #: Points from the indicators (rescaled if the scheme says so).
    earned: Fraction
    #: Bonus points counted (after the cap).
    bonus: Fraction
    #: Deduction points counted (after the cap).
    deduction: Fraction

    @functools.cached_property
    def total(self) -> Fraction:
        """Earned points plus bonus minus deduction."""
        return _total(self.earned, self.bonus, self.deduction)

    def line(self, indicator: str) -> ScoreLine:
        """The line of one indicator (its id in any case, NFC or NFD, spaces collapsed).

        The id as written comes first; else the first line whose id folds the
        same, as :meth:`thidua.plans.Plan.indicator` finds it.

        Raises:
            NotFoundError: The scheme does not score it.
        """
        for line in self.lines:
            if line.indicator == indicator:
                return line
        folded = fold(indicator) if isinstance(indicator, str) else None
        for line in self.lines:
            if fold(line.indicator) == folded:
                return line
        quoted = f.shown(indicator)
        scored = ", ".join(line.indicator for line in self.lines)
        msg = f"indicator {quoted} is not scored by scheme {self.scheme!r}"
        raise NotFoundError(
            msg,
            code="scoring.not_scored",
            vi=f"chỉ tiêu {quoted} không được chấm điểm trong thang điểm {self.scheme!r}",
            hint=f"scored: {scored}",
            hint_vi=f"các chỉ tiêu được chấm: {scored}",
            indicator=indicator if isinstance(indicator, str) else None,
        )


def _scored(
    scheme: str,
    lines: tuple[ScoreLine, ...],
    maximum: Fraction,
    earned: Fraction,
    adjusted: tuple[Fraction, Fraction],
) -> Score:
    """``Score(...)`` with its :attr:`~Score.total` set at once, as the property computes it.

    ``adjusted``: the bonus and the deduction. For many scores whose totals are
    all read (rating, ranking): set when made, not looked up one by one through
    the cached property's first reading.
    """
    bonus, deduction = adjusted
    score = object.__new__(Score)
    Score.__init__(score, scheme, lines, maximum, earned, bonus, deduction)
    object.__setattr__(score, "total", _total(earned, bonus, deduction))  # the property's slot
    return score


def _total(earned: Fraction, bonus: Fraction, deduction: Fraction) -> Fraction:
    """:attr:`Score.total`: earned points plus bonus minus deduction (earned itself if none)."""
    if not bonus and not deduction:
        return earned
    return earned + bonus - deduction


_ZERO = Fraction(0)
_NO_ADJUSTMENTS = (_ZERO, _ZERO)  # no bonus, no deduction
_NO_DATA = Explanation("chưa có số liệu: 0 điểm", "no data: 0 points")
_NOT_ACHIEVED = Explanation("không đạt: 0 điểm", "not achieved: 0 points")
_IN_NO_BAND = Explanation("không vào khung điểm nào: 0 điểm", "in no band: 0 points")
_SPREAD = Explanation(
    "không áp dụng: chia đều cho chỉ tiêu khác", "not applicable: spread over the others"
)
_RESCALED = Explanation("không áp dụng: quy đổi lại thang điểm", "not applicable: total rescaled")

#: Why a line earned what it did, or the maker of the sentence (written when read).
_Why = Explanation | Callable[[], Explanation]


def _achieved(possible: Fraction) -> Explanation:
    return Explanation(f"đạt: {_vi(possible)} điểm", f"achieved: {_show(possible)} points")


def _proportional(possible: Fraction, share: Fraction | Pair, awarded: Fraction) -> Explanation:
    """Why proportional credit gave ``awarded`` (``share``: a fraction, or its two integers)."""
    if isinstance(share, tuple):
        share = Fraction(*share)
    return Explanation(
        f"{_vi(possible)} × {_vi(share * 100)}% mức đạt = {_vi(awarded)} điểm",
        f"{_show(possible)} × {_show(share * 100)}% attainment = {_show(awarded)} points",
    )


def _banded(band: Band, awarded: Fraction) -> Explanation:
    return Explanation(f"{band.rule}: {_vi(awarded)} điểm", f"{band.rule}: {_show(awarded)} points")


def _vi(value: Fraction) -> str:
    return format_number(value, locale="vi", max_decimals=4)


# ---------------------------------------------------------------- scoring against the leader


def _leader_actual(value: object) -> Fraction | None:
    if value is None:
        return None
    return f.check_magnitude(
        to_fraction(value, what="the leader's actual", max_digits=MAX_EXACT_DIGITS),
        "the leader's actual",
        "kết quả của đơn vị dẫn đầu",
    )


_LEADER_MEMBERS = f.texts("the leading members", "các đơn vị dẫn đầu")


def _leader_members(value: object) -> tuple[str, ...]:
    return _LEADER_MEMBERS(value)


@attrs.frozen
class Leader:
    """The cluster's leader on one indicator scored with ``credit = "leader"``.

    The first pass over a cluster (:func:`cluster_leaders`) finds it; the second
    scores each member against it. Figures are magnitudes in the indicator's unit.

    .. versionadded:: 0.4.0
    """

    #: The indicator's id.
    indicator: str = attrs.field(converter=_scoreitem_indicator)
    #: The best actual among the members that exceeded their target (largest where
    #: more is better, smallest where less is); None when nobody exceeded.
    actual: Fraction | None = attrs.field(default=None, converter=_leader_actual)
    #: The members with that actual (several when tied), in the cluster's order.
    members: tuple[str, ...] = attrs.field(default=(), converter=_leader_members)
    #: The best actual among the members without an assigned target (None: none).
    untargeted: Fraction | None = attrs.field(default=None, converter=_leader_actual)
    #: The members with that actual.
    untargeted_members: tuple[str, ...] = attrs.field(default=(), converter=_leader_members)
    #: Members left out of the comparison because their data could not be evaluated.
    left_out: tuple[str, ...] = attrs.field(default=(), converter=_leader_members)


class _Reading(NamedTuple):
    """What leader credit reads of one member's indicator."""

    #: Its actual and its target, magnitudes in the indicator's unit (None: none).
    actual: Fraction | None
    target: Fraction | None
    #: +1 when more is better, -1 when less is.
    direction: int
    #: No data only because its assigned target is missing (its actual is known).
    untargeted: bool


def _direction(rule: object, indicator: str) -> int:
    """+1 or -1: the direction of a rule leader credit can score (else PlanError).

    A strict rule (``>``, ``<``) is refused: its threshold is not reached by
    meeting it, so a unit at the threshold did not achieve, yet the formula
    below the target (½ × P × a/t) gives it ½ × P, the points of a unit at its
    target. No share of that half can be told for it without a guess.
    """
    if isinstance(rule, Comparison) and rule.op in (Op.GT, Op.LT):
        op = rule.op.value
        msg = (
            f"leader credit for {indicator} gives ½ of the points at the target, which a "
            f"strict rule ({rule}) has not: a unit at the threshold did not achieve it"
        )
        raise PlanError(
            msg,
            code="scoring.leader_rule",
            vi=f"chấm điểm theo đơn vị dẫn đầu cho {indicator} cho ½ số điểm khi đạt đúng "
            f"chỉ tiêu, mà mức yêu cầu {rule} là so sánh chặt: đơn vị bằng đúng ngưỡng là "
            "không đạt",
            hint=f"write the rule with {op}= if reaching the threshold achieves it, or score "
            "this indicator with all_or_nothing or banded credit",
            hint_vi=f"nếu bằng ngưỡng là đạt, hãy viết mức yêu cầu với {op}=; nếu không, hãy "
            "chấm chỉ tiêu này theo all_or_nothing hoặc banded",
            indicator=indicator,
        )
    if isinstance(rule, Comparison) and rule.op.direction:
        return rule.op.direction
    shown = "none (a composite)" if rule is None else str(rule)
    shown_vi = "không có (chỉ tiêu tổng hợp)" if rule is None else str(rule)
    msg = (
        f"leader credit for {indicator} needs a rule that compares the actual with a "
        f"target (>=, <=), not {shown}"
    )
    raise PlanError(
        msg,
        code="scoring.leader_rule",
        vi=f"chấm điểm theo đơn vị dẫn đầu cho {indicator} cần mức yêu cầu so sánh kết quả "
        f"với chỉ tiêu (>=, <=), không phải {shown_vi}",
        hint="score this indicator with all_or_nothing or banded credit",
        hint_vi="hãy chấm chỉ tiêu này theo all_or_nothing hoặc banded",
        indicator=indicator,
    )


def _leader_read(fact: Any, indicator: str) -> _Reading:
    """What leader credit reads of one fact (Result or Facts).

    Raises:
        PlanError: The indicator's rule is not a comparison with a direction.
    """
    rule = fact.rule
    direction = _direction(rule, indicator)
    actual = fact.actual
    a = actual.magnitude if isinstance(actual, Quantity) else None
    target = fact.target
    quantity = None if target is None else target.quantity
    t = None if quantity is None or target.bounds is not None else quantity.magnitude
    untargeted = (
        fact.status is Status.NO_DATA
        and a is not None
        and target is None
        and isinstance(rule.operand, Assigned)
    )
    return _Reading(a, t, direction, untargeted)


def _leader_mismatch(indicator: str, why: str, why_vi: str) -> UsageError:
    msg = f"the leader given for {indicator} does not fit the figures: {why}"
    return UsageError(
        msg,
        code="scoring.leader_mismatch",
        vi=f"đơn vị dẫn đầu đã cho của chỉ tiêu {indicator} không khớp với số liệu: {why_vi}",
        hint="find the leaders with thidua.scoring.cluster_leaders over the whole cluster",
        hint_vi="hãy tìm đơn vị dẫn đầu bằng thidua.scoring.cluster_leaders trên cả cụm",
        indicator=indicator,
    )


def _needs_cluster(indicator: str) -> UsageError:
    msg = (
        f"{indicator} is scored against the cluster's leader, which one unit's figures cannot tell"
    )
    return UsageError(
        msg,
        code="scoring.leader_needs_cluster",
        vi=f"chỉ tiêu {indicator} được chấm điểm so với đơn vị dẫn đầu cụm, mà số liệu "
        "của một đơn vị không cho biết đơn vị dẫn đầu",
        hint="score the whole cluster (thidua.rank_cluster), or give leaders= "
        "(thidua.scoring.cluster_leaders)",
        hint_vi="hãy chấm điểm cả cụm (thidua.rank_cluster), hoặc truyền leaders= "
        "(thidua.scoring.cluster_leaders)",
        indicator=indicator,
    )


def _better(a: Fraction, b: Fraction, direction: int) -> bool:
    """Whether ``a`` is better than ``b`` in ``direction``."""
    return (a - b) * direction > 0


_HALF = Fraction(1, 2)


def _names(members: Sequence[str], actual: Fraction) -> tuple[str, str]:
    shown = ", ".join(members) or "?"
    return f"{shown} ({_vi(actual)})", f"{shown} ({_show(actual)})"


def _left_out(leader: Leader) -> tuple[str, str]:
    if not leader.left_out:
        return "", ""
    ids = ", ".join(leader.left_out)
    return (
        f"; chưa so với {ids} (số liệu có lỗi)",
        f"; not compared with {ids} (data could not be evaluated)",
    )


def _leader_points(
    possible: Fraction, status: Status, over: bool, read: _Reading, leader: Leader
) -> tuple[Fraction, Callable[[], Explanation]]:
    """The points of one unit's line under leader credit, and the maker of its reason.

    Raises:
        UsageError: ``leader`` does not fit the unit's figures (code
            ``scoring.leader_mismatch``).
    """
    a, t, d = read.actual, read.target, read.direction
    half = possible * _HALF
    tail = _left_out(leader)
    if status is Status.NO_DATA:  # untargeted: against the best unit without a target
        best = leader.untargeted
        if best is None or a is None or _better(a, best, d):
            raise _leader_mismatch(
                leader.indicator,
                "a member without a target is not the best such one",
                "có đơn vị chưa được giao chỉ tiêu tốt hơn đơn vị cao nhất đã cho",
            )
        if d > 0 and best <= 0:
            share = _ZERO
        elif a == best:
            share = Fraction(1)
        elif d > 0:
            share = max(_ZERO, a / best)
        else:
            share = max(_ZERO, best / a) if a > 0 else _ZERO
        return possible * share, functools.partial(
            _untargeted, possible, read, possible * share, leader, tail
        )
    if status is Status.NOT_ACHIEVED:
        attainment = None
        if a is not None and t is not None and t > 0 and (d > 0 or a > 0):
            attainment = a / t if d > 0 else t / a
        if attainment is None:
            return _ZERO, functools.partial(_below_none, possible)
        share = min(max(attainment, _ZERO), Fraction(1))
        awarded = half * share
        return awarded, functools.partial(_below, possible, read, awarded)
    if not over:
        return half, functools.partial(_at_target, possible, half)
    top = leader.actual
    if top is None or a is None or t is None:
        raise _leader_mismatch(
            leader.indicator,
            "a member exceeded its target, but the leader given has no actual",
            "có đơn vị vượt chỉ tiêu, nhưng đơn vị dẫn đầu đã cho không có kết quả",
        )
    if _better(a, top, d):
        raise _leader_mismatch(
            leader.indicator,
            "a member exceeded beyond the leader's actual",
            "có đơn vị vượt chỉ tiêu hơn kết quả của đơn vị dẫn đầu đã cho",
        )
    if a == top:
        return possible, functools.partial(_leads, possible, leader, tail)
    awarded = half + half * (a - t) / (top - t)  # top - t is not 0: t < a < top (or >)
    return awarded, functools.partial(_behind, possible, read, awarded, leader, tail)


def _known(value: Fraction | None) -> Fraction:
    """A figure scoring checked was there (None never reaches a reason)."""
    return _ZERO if value is None else value


def _leads(possible: Fraction, leader: Leader, tail: tuple[str, str]) -> Explanation:
    vi, en = _names(leader.members, _known(leader.actual))
    if len(leader.members) > 1:
        return Explanation(
            f"đồng dẫn đầu: {vi}: {_vi(possible)} điểm{tail[0]}",
            f"tied for the lead: {en}: {_show(possible)} points{tail[1]}",
        )
    return Explanation(
        f"đơn vị dẫn đầu: {vi}: {_vi(possible)} điểm{tail[0]}",
        f"the leader: {en}: {_show(possible)} points{tail[1]}",
    )


def _behind(
    possible: Fraction, read: _Reading, awarded: Fraction, leader: Leader, tail: tuple[str, str]
) -> Explanation:
    actual, target, top = _known(read.actual), _known(read.target), _known(leader.actual)
    vi, en = _names(leader.members, top)
    parts = (actual, target, top, target) if read.direction > 0 else (target, actual, target, top)
    ratio_vi = f"({_vi(parts[0])} − {_vi(parts[1])})/({_vi(parts[2])} − {_vi(parts[3])})"
    ratio_en = f"({_show(parts[0])} − {_show(parts[1])})/({_show(parts[2])} − {_show(parts[3])})"
    p_vi, p_en = _vi(possible), _show(possible)
    return Explanation(
        f"½ × {p_vi} + ½ × {p_vi} × {ratio_vi} = {_vi(awarded)} điểm; "
        f"đơn vị dẫn đầu: {vi}{tail[0]}",
        f"½ × {p_en} + ½ × {p_en} × {ratio_en} = {_show(awarded)} points; "
        f"the leader: {en}{tail[1]}",
    )


def _at_target(possible: Fraction, awarded: Fraction) -> Explanation:
    return Explanation(
        f"đạt, không vượt chỉ tiêu: ½ × {_vi(possible)} = {_vi(awarded)} điểm",
        f"achieved, not exceeded: ½ × {_show(possible)} = {_show(awarded)} points",
    )


def _below(possible: Fraction, read: _Reading, awarded: Fraction) -> Explanation:
    actual, target = _known(read.actual), _known(read.target)
    top, bottom = (actual, target) if read.direction > 0 else (target, actual)
    return Explanation(
        f"không đạt: ½ × {_vi(possible)} × {_vi(top)}/{_vi(bottom)} = {_vi(awarded)} điểm",
        f"not achieved: ½ × {_show(possible)} × {_show(top)}/{_show(bottom)} = "
        f"{_show(awarded)} points",
    )


def _below_none(possible: Fraction) -> Explanation:
    return Explanation(
        f"không đạt, không tính được tỷ lệ so với chỉ tiêu: 0/{_vi(possible)} điểm",
        f"not achieved, no ratio to the target: 0 of {_show(possible)} points",
    )


def _untargeted(
    possible: Fraction, read: _Reading, awarded: Fraction, leader: Leader, tail: tuple[str, str]
) -> Explanation:
    actual, best, direction = _known(read.actual), _known(leader.untargeted), read.direction
    vi, en = _names(leader.untargeted_members, best)
    if direction > 0 and best <= 0:
        how_vi, how_en = (
            "đơn vị cao nhất không có kết quả dương: 0 điểm",
            ("the best has no positive figure: 0 points"),
        )
    elif actual == best:
        how_vi, how_en = f"cao nhất: {_vi(possible)} điểm", f"the best: {_show(possible)} points"
    else:
        top, bottom = (actual, best) if direction > 0 else (best, actual)
        how_vi = f"{_vi(possible)} × {_vi(top)}/{_vi(bottom)} = {_vi(awarded)} điểm"
        how_en = f"{_show(possible)} × {_show(top)}/{_show(bottom)} = {_show(awarded)} points"
    return Explanation(
        f"chưa được giao chỉ tiêu, so với đơn vị tốt nhất chưa được giao: {vi}: {how_vi}{tail[0]}",
        f"no assigned target, against the best unit without one: {en}: {how_en}{tail[1]}",
    )


def score(
    evaluation: Evaluation,
    scheme: Scheme,
    *,
    events: Mapping[str, int] | None = None,
    leaders: Mapping[str, Leader] | None = None,
) -> Score:
    """Score an evaluation with a scheme.

    Args:
        evaluation: The evaluation (of one unit, for one period).
        scheme: The scoring scheme.
        events: How many times each bonus or deduction happened, by adjustment id.
        leaders: For items with leader credit, the cluster's leader of each, by
            indicator id (see :func:`cluster_leaders`): one unit's figures cannot
            tell it.

    Raises:
        PlanError: The scheme scores an indicator the evaluation does not have;
            leader credit on an indicator without a target to compare with
            (``scoring.leader_rule``).
        UsageError: ``events`` names an unknown adjustment, or gives a count
            that is not a whole number, 0 or more; an item with leader credit
            and no leader given (``scoring.leader_needs_cluster``), or a leader
            that does not fit the figures (``scoring.leader_mismatch``).
        ArgumentTypeError: ``evaluation`` is not an Evaluation, ``scheme`` not a
            Scheme, or ``events`` not a mapping.

    .. versionchanged:: 0.4.0
       ``leaders=``.
    """
    if not isinstance(evaluation, Evaluation):
        msg = "the evaluation"
        raise f.wrong_type(msg, "kết quả đánh giá", "an Evaluation", "một Evaluation", evaluation)
    return score_facts(evaluation.results, scheme, events=events, leaders=leaders)


def _scheme_facts(results: Mapping[str, Any], scheme: Scheme) -> list[Any]:
    """The fact of each item of ``scheme``, in its order.

    Raises:
        PlanError: The scheme scores an indicator the facts do not have.
    """
    facts = []
    for item in scheme.items:
        result = results.get(item.indicator)
        if result is None:
            msg = (
                f"scheme {scheme.id!r} scores indicator {item.indicator!r}, "
                "which the plan does not have"
            )
            raise PlanError(
                msg,
                code="scoring.unknown_indicator",
                vi=f"thang điểm {scheme.id!r} chấm chỉ tiêu {item.indicator!r}, "
                "nhưng kế hoạch không có chỉ tiêu này",
                hint="correct the indicator id in the scheme, or use the scheme of this plan",
                hint_vi="hãy sửa mã chỉ tiêu trong thang điểm, hoặc dùng thang điểm "
                "của kế hoạch này",
                indicator=item.indicator,
            )
        facts.append(result)
    return facts


def score_facts(
    results: Mapping[str, Any],
    scheme: Scheme,
    *,
    events: Mapping[str, int] | None = None,
    leaders: Mapping[str, Leader] | None = None,
) -> Score:
    """:func:`score` from the facts of each indicator, by id (results or their facts).

    Each fact has ``name``, ``status``, ``rule``, ``actual``, ``target``,
    ``exceeded`` and ``attainment``, as :class:`~thidua.evaluation.Result` and
    :class:`~thidua.evaluation.Facts` have: a cluster is scored from its batch's
    facts, without every member's full evaluation.

    Raises:
        PlanError: The scheme scores an indicator the facts do not have, or
            gives leader credit to one without a target to compare with.
        UsageError: ``events`` names an unknown adjustment, or a bad count; an
            item with leader credit and no leader in ``leaders``, or one that
            does not fit (see :func:`score`).
        ArgumentTypeError: ``scheme`` is not a Scheme, or ``events`` not a mapping.

    .. versionadded:: 0.3.0
    .. versionchanged:: 0.4.0
       ``leaders=``.
    """
    if not isinstance(scheme, Scheme):
        msg = "the scheme"
        raise f.wrong_type(msg, "thang điểm", "a Scheme", "một Scheme", scheme)
    occurrences = event_counts(events, {a.id for a in scheme.adjustments}, scheme=scheme.id)
    facts = _scheme_facts(results, scheme)
    scorer = Scorer(
        scheme, [r.name for r in facts], [_rule_text(r.rule) for r in facts], leaders=leaders
    )
    statuses = [r.status for r in facts]
    reads = {
        n: None
        if statuses[n] is Status.NOT_APPLICABLE
        else _leader_read(facts[n], scheme.items[n].indicator)
        if what == "leader"
        else None
        if statuses[n] is Status.NO_DATA
        else facts[n].attainment
        if what == "attainment"
        else facts[n].actual
        for n, what in scorer.reads.items()
    }
    return scorer.score(statuses, [r.exceeded for r in facts], reads, occurrences)


def cluster_leaders(
    scheme: Scheme,
    facts: Mapping[str, Mapping[str, Any]],
    *,
    left_out: Sequence[str] = (),
) -> dict[str, Leader]:
    """The first pass of leader credit: the leader of each item with it, by indicator id.

    Args:
        scheme: The scheme.
        facts: Each member's facts (or results) by indicator id, by member id, in
            the cluster's order.
        left_out: Members whose data could not be evaluated: the leaders are found
            without them, and each line scored against them says so.

    The leader of an item is the member with the best actual among those that
    exceeded their target (largest where more is better, smallest where less
    is); members tied on it all lead. Members with no data only because their
    assigned target is missing are compared among themselves: the best of them
    is :attr:`Leader.untargeted`.

    Raises:
        PlanError: The scheme scores an indicator the facts do not have, or gives
            leader credit to one whose rule is not a comparison with a
            direction and an at-target point (``>=``, ``<=``; a strict ``>``
            or ``<`` is refused too, ``scoring.leader_rule``).
        ArgumentTypeError: ``scheme`` is not a Scheme.

    .. versionadded:: 0.4.0
    """
    if not isinstance(scheme, Scheme):
        msg = "the scheme"
        raise f.wrong_type(msg, "thang điểm", "a Scheme", "một Scheme", scheme)
    out: dict[str, Leader] = {}
    places = [n for n, i in enumerate(scheme.items) if i.credit is Credit.LEADER]
    if not places:
        return out
    tables = {member: _scheme_facts(table, scheme) for member, table in facts.items()}
    for n in places:
        indicator = scheme.items[n].indicator
        best: Fraction | None = None
        leading: list[str] = []
        low: Fraction | None = None
        lowest: list[str] = []
        for member, table in tables.items():
            fact = table[n]
            if fact.status is Status.NOT_APPLICABLE:
                continue
            read = _leader_read(fact, indicator)
            a, d = read.actual, read.direction
            if a is None:
                continue
            if fact.status is Status.ACHIEVED and fact.exceeded:
                if best is None or _better(a, best, d):
                    best, leading = a, [member]
                elif a == best:
                    leading.append(member)
            elif read.untargeted:
                if low is None or _better(a, low, d):
                    low, lowest = a, [member]
                elif a == low:
                    lowest.append(member)
        out[indicator] = Leader(
            indicator,
            best,
            leading,
            untargeted=low,
            untargeted_members=lowest,
            left_out=tuple(left_out),
        )
    return out


#: A line and its points over its pattern's denominator.
_Made = tuple[ScoreLine, int]

#: A status and an exceeded flag: what an all-or-nothing item's line depends on.
_Cell = tuple[Status, bool]


@attrs.define(eq=False)
class _Pattern:
    """What a scheme gives the units whose not-applicable items are the same."""

    #: The points each item could earn (0 where it does not apply).
    possible: list[Fraction]
    #: The points of the applicable items.
    applicable: Fraction
    #: A denominator every award but proportional credit's is a whole multiple of.
    denominator: int
    #: The lines made so far, with their points over :attr:`denominator` (a memo:
    #: a line is a value, shared): for each item, by status, then by exceeded
    #: (and, for banded credit, by exceeded and band).
    lines: list[dict[Status, dict[Any, _Made]]]
    #: The lines and points of all-or-nothing items by (status, exceeded), by item
    #: (see :meth:`Scorer._table`).
    tables: dict[int, tuple[dict[_Cell, ScoreLine], dict[_Cell, int]]] = attrs.field(factory=dict)


#: What each credit policy but all-or-nothing reads (see :meth:`Scorer.reads_of`).
_READS = {Credit.PROPORTIONAL: "attainment", Credit.BANDED: "actual", Credit.LEADER: "leader"}


class Scorer:
    """A scheme ready to score many units from their statuses (see :func:`score_facts`).

    Made once for many units: a line is a pure function of its item, status,
    exceeded flag and band (proportional credit aside) and of the items that do
    not apply, so equal lines are made once and shared, their points added as
    whole numbers over a common denominator, and their reasons written only
    when read. Units are scored item by item, one column of units at a time.
    """

    def __init__(
        self,
        scheme: Scheme,
        names: Sequence[str],
        rules: Sequence[str | None],
        *,
        leaders: Mapping[str, Leader] | None = None,
    ) -> None:
        self.scheme = scheme
        #: The leader of each item with leader credit, by indicator id (None: not known).
        self.leaders = leaders
        self.items = scheme.items
        self.names = list(names)
        self.rules = list(rules)
        #: What the credit of some items reads, by place (see :meth:`reads_of`).
        self.reads = self.reads_of(scheme)
        self._known = {a.id: a for a in scheme.adjustments}
        self._patterns: dict[tuple[int, ...], _Pattern] = {}
        self._bands: dict[tuple[int, int, str | None], Callable[[object], Status]] = {}
        #: The band each quantity fell in, by item, unit and magnitude (a memo: a
        #: band is a pure function of the value, and figures repeat).
        self._placed: dict[tuple[int, str | None, int, int], int] = {}
        #: The bonus and the deduction of each count of events (a memo).
        self._adjusted: dict[frozenset[tuple[str, int]], tuple[Fraction, Fraction]] = {}

    @staticmethod
    def reads_of(scheme: Scheme) -> dict[int, str]:
        """What the credit of some items reads, by place.

        Proportional credit reads the attainment (``"attainment"``), banded credit
        the actual value (``"actual"``), leader credit the actual and the target
        (``"leader"``: the reading of the whole fact, also where there is no data).
        """
        return {n: _READS[i.credit] for n, i in enumerate(scheme.items) if i.credit in _READS}

    @staticmethod
    def read_leader(fact: Any, indicator: str) -> Any:
        """What leader credit reads of one fact (a column's value for ``"leader"``).

        Raises:
            PlanError: The indicator's rule is not a comparison with a direction.
        """
        return _leader_read(fact, indicator)

    def score(
        self,
        statuses: Sequence[Status],
        exceeded: Sequence[bool],
        reads: Mapping[int, Any],
        occurrences: Mapping[str, int],
    ) -> Score:
        """The score of one unit: each item's status and exceeded flag, in the scheme's order.

        ``reads``: the attainment or the actual value of each item of :attr:`reads`
        (read only where the status is neither no data nor not applicable).
        ``occurrences``: the events' counts, checked.

        Raises:
            ThiduaError: A band's rule that cannot judge the actual value (as
                :func:`~thidua.evaluation.check` raises it).
        """
        (made,) = self.score_many(
            [[s] for s in statuses],
            [[e] for e in exceeded],
            {n: [v] for n, v in reads.items()},
            [occurrences],
        )
        if isinstance(made, ThiduaError):
            raise made
        assert made is not None  # noqa: S101 - nothing skipped
        return made

    def score_many(
        self,
        statuses: Sequence[Sequence[Status]],
        exceeded: Sequence[Sequence[bool]],
        reads: Mapping[int, Sequence[Any]],
        occurrences: Sequence[Mapping[str, int]],
        skip: Collection[int] = (),
    ) -> list[Score | ThiduaError | None]:
        """The scores of many units, from one column per item (:meth:`score` for each).

        Each column holds one value per unit: the statuses, the exceeded flags,
        and the reads of the items of :attr:`reads` (an attainment as a Fraction,
        or as its numerator and positive denominator); ``occurrences`` holds each
        unit's events' counts. A unit whose band could not be judged has its
        error instead of a score; a unit at a place in ``skip``, None.
        """
        count = len(occurrences)
        patterns, single = self._patterns_of(statuses, count)
        failed: dict[int, ThiduaError] = {}
        lines: list[list[ScoreLine]] = []
        points: list[list[int]] = []
        parts: list[list[Pair | None]] = []  # the points units do not share
        for number, column in enumerate(statuses):
            line_column, point_column, part_column = self._column(
                number,
                column,
                exceeded[number],
                reads=reads.get(number),
                patterns=patterns,
                single=single,
                failed=failed,
            )
            lines.append(line_column)
            points.append(point_column)
            if part_column is not None:
                parts.append(part_column)
        scheme = self.scheme
        rescale = scheme.not_applicable is NotApplicable.RESCALE
        out: list[Score | ThiduaError | None] = []
        wholes = list(map(sum, zip(*points, strict=True))) if points else [0] * count
        rows = list(zip(*lines, strict=True)) if lines else [()] * count
        left = set(skip) | failed.keys()
        identity, maximum = scheme.id, scheme.maximum
        adjustments = self._adjustments
        totals: dict[tuple[int, int], Fraction] = {}
        append = out.append
        for m in range(count):
            if left and m in left:
                append(None if m in skip else failed[m])
                continue
            pattern = patterns[m]
            numerator, denominator = wholes[m], pattern.denominator
            for own in parts:  # added as integers, normalised once
                part = own[m]
                if part is not None:
                    above, below = part
                    numerator = numerator * below + above * denominator
                    denominator *= below
            earned = totals.get((numerator, denominator))
            if earned is None:  # equal sums are one Fraction (a value), made once
                earned = totals[numerator, denominator] = Fraction(numerator, denominator)
            if rescale and pattern.applicable not in (0, maximum):
                earned = earned * maximum / pattern.applicable
            occurred = occurrences[m]
            adjusted = adjustments(occurred) if occurred else _NO_ADJUSTMENTS
            append(_scored(identity, rows[m], maximum, earned, adjusted))
        return out

    def _patterns_of(
        self, statuses: Sequence[Sequence[Status]], count: int
    ) -> tuple[list[_Pattern], _Pattern | None]:
        """Each unit's pattern (from its items not applicable), and the one all share, if any."""
        na = Status.NOT_APPLICABLE
        left_out = [n for n, column in enumerate(statuses) if na in column]
        keys: list[tuple[int, ...]] = [()] * count
        if left_out and all(statuses[n].count(na) == count for n in left_out):
            keys = [tuple(left_out)] * count  # the same items not applicable for every unit
        elif left_out:  # each unit's items not applicable: from its flags, read in C
            flags = list(
                zip(*(map(operator.is_, statuses[n], repeat(na)) for n in left_out), strict=True)
            )
            places = {
                f: tuple(n for n, x in zip(left_out, f, strict=True) if x) for f in set(flags)
            }
            keys = list(map(places.__getitem__, flags))
        distinct = set(keys)
        for key in distinct:
            if key not in self._patterns:
                self._patterns[key] = self._pattern(key)
        single = self._patterns[keys[0]] if len(distinct) == 1 else None
        return list(map(self._patterns.__getitem__, keys)), single

    def _column(
        self,
        number: int,
        statuses: Sequence[Status],
        exceeded: Sequence[bool],
        *,
        reads: Sequence[Any] | None,
        patterns: Sequence[_Pattern],
        single: _Pattern | None,
        failed: dict[int, ThiduaError],
    ) -> tuple[list[ScoreLine], list[int], list[Pair | None] | None]:
        """Item ``number``'s line of each unit, its points, and the points of its own.

        A unit's own points (proportional and leader credit: not a line units
        share) are a numerator and a denominator; its shared points, over its
        pattern's denominator.
        """
        credit = self.items[number].credit
        if credit is Credit.LEADER:
            return self._leader_column(
                number, statuses, exceeded, reads, patterns=patterns, failed=failed
            )
        if reads is None and single is not None:  # all or nothing, one pattern for all
            lines_of, points_of = self._table(single, number)
            return (
                list(map(lines_of.__getitem__, zip(statuses, exceeded, strict=True))),
                list(map(points_of.__getitem__, zip(statuses, exceeded, strict=True))),
                None,
            )
        if credit is Credit.PROPORTIONAL:  # its attainment is always read (reads_of)
            assert reads is not None  # noqa: S101 - score_many is given what reads_of asks
            return self._proportional_column(number, statuses, exceeded, reads, patterns)
        lines: list[ScoreLine] = []
        points: list[int] = []
        banded = reads is not None and credit is Credit.BANDED
        line = lines.append
        point = points.append
        for m, status in enumerate(statuses):
            how: Any = exceeded[m]
            if banded and status is not Status.NOT_APPLICABLE and status is not Status.NO_DATA:
                try:
                    how = (how, self._band(number, reads[m]))  # type: ignore[index]
                except ThiduaError as exc:
                    failed.setdefault(m, exc)
                    how = (how, -1)
            cells = patterns[m].lines[number].setdefault(status, {})
            found = cells.get(how)
            if found is None:
                found = cells[how] = self._made(patterns[m], number, status, how)
            line(found[0])
            point(found[1])
        return lines, points, None

    def _proportional_column(
        self,
        number: int,
        statuses: Sequence[Status],
        exceeded: Sequence[bool],
        reads: Sequence[Any],
        patterns: Sequence[_Pattern],
    ) -> tuple[list[ScoreLine], list[int], list[Pair | None]]:
        """:meth:`_column` of a proportional item.

        Each unit's own line where it has an attainment (as :meth:`_proportional`
        makes it), else the line it shares.
        """
        item = self.items[number]
        cap = item.cap
        cn, cd = cap.numerator, cap.denominator
        indicator, name, rule, credit = (
            item.indicator,
            self.names[number],
            self.rules[number],
            item.credit,
        )
        lines: list[ScoreLine] = []
        points: list[int] = []
        parts: list[Pair | None] = []
        last: _Pattern | None = None
        possible, pn, pd = _ZERO, 0, 1
        #: The line of the units at the cap, by pattern (alive: the scorer's), status, exceeded.
        at_cap: dict[tuple[int, Status, bool], tuple[ScoreLine, Pair]] = {}
        for m, status in enumerate(statuses):
            read = reads[m]
            how = exceeded[m]
            if read is None or status is Status.NOT_APPLICABLE or status is Status.NO_DATA:
                parts.append(None)
                cells = patterns[m].lines[number].setdefault(status, {})
                found = cells.get(how)
                if found is None:
                    found = cells[how] = self._made(patterns[m], number, status, how)
                lines.append(found[0])
                points.append(found[1])
                continue
            pattern = patterns[m]
            if pattern is not last:  # the points it could earn, as integers
                last, possible = pattern, pattern.possible[number]
                pn, pd = possible.numerator, possible.denominator
            if read.__class__ is tuple:  # a pair: the fraction made only below the cap
                rn, rd = read
            else:
                rn, rd = read.numerator, read.denominator
            capped = cn * rd <= rn * cd  # min(read, cap): the cap, a line units share
            key = (id(pattern), status, how)
            made = at_cap.get(key) if capped else None
            if made is None:
                share: Fraction | Pair = cap if capped else (rn, rd)  # a fraction when written
                sn, sd = (cn, cd) if capped else (rn, rd)
                awarded = Fraction(pn * sn, pd * sd)  # possible * share
                line = ScoreLine(
                    indicator,
                    name,
                    status,
                    rule,
                    credit,
                    possible,
                    awarded,
                    functools.partial(_proportional, possible, share, awarded),
                    exceeded=how,
                )
                made = (line, (awarded.numerator, awarded.denominator))
                if capped:
                    at_cap[key] = made
            lines.append(made[0])
            points.append(0)
            parts.append(made[1])
        return lines, points, parts

    def _leader_column(
        self,
        number: int,
        statuses: Sequence[Status],
        exceeded: Sequence[bool],
        reads: Sequence[Any] | None,
        *,
        patterns: Sequence[_Pattern],
        failed: dict[int, ThiduaError],
    ) -> tuple[list[ScoreLine], list[int], list[Pair | None]]:
        """:meth:`_column` of an item with leader credit: each unit's own line.

        Raises:
            UsageError: No leader is known for the item (``scoring.leader_needs_cluster``).
        """
        item = self.items[number]
        indicator = item.indicator
        leader = None if self.leaders is None else self.leaders.get(indicator)
        if leader is None or reads is None:
            raise _needs_cluster(indicator)
        lines: list[ScoreLine] = []
        points: list[int] = []
        parts: list[Pair | None] = []
        for m, status in enumerate(statuses):
            read = reads[m]
            over = exceeded[m]
            if (
                status is Status.NOT_APPLICABLE
                or read is None
                or (status is Status.NO_DATA and not read.untargeted)
            ):
                cells = patterns[m].lines[number].setdefault(status, {})
                found = cells.get(over)
                if found is None:
                    found = cells[over] = self._made(patterns[m], number, status, over)
                lines.append(found[0])
                points.append(found[1])
                parts.append(None)
                continue
            possible = patterns[m].possible[number]
            why: _Why
            try:
                awarded, why = _leader_points(possible, status, over, read, leader)
            except ThiduaError as exc:
                failed.setdefault(m, exc)
                awarded, why = _ZERO, _NO_DATA
            lines.append(self._line(number, status, possible, awarded, why, exceeded=over))
            points.append(0)
            parts.append((awarded.numerator, awarded.denominator))
        return lines, points, parts

    def _adjustments(self, occurrences: Mapping[str, int]) -> tuple[Fraction, Fraction]:
        """The bonus and the deduction counted, after the caps (made once per count of events)."""
        if not occurrences:  # the caps are never negative: min(0, cap) is 0
            return _NO_ADJUSTMENTS
        key = frozenset(occurrences.items())
        found = self._adjusted.get(key)
        if found is None:
            found = self._adjusted[key] = self._adjusted_of(occurrences)
        return found

    def _adjusted_of(self, occurrences: Mapping[str, int]) -> tuple[Fraction, Fraction]:
        """:meth:`_adjustments`, computed."""
        scheme, known = self.scheme, self._known
        bonus = sum(
            (known[k].points * n for k, n in occurrences.items() if not known[k].deduction),
            _ZERO,
        )
        deduction = sum(
            (known[k].points * n for k, n in occurrences.items() if known[k].deduction),
            _ZERO,
        )
        if scheme.bonus_cap is not None:
            bonus = min(bonus, scheme.bonus_cap)
        if scheme.deduction_cap is not None:
            deduction = min(deduction, scheme.deduction_cap)
        return bonus, deduction

    def _band(self, number: int, actual: Any) -> int:
        """The place of the first band of item ``number`` the actual value meets (-1: none)."""
        if actual is None:
            return -1
        key = None
        if actual.__class__ is Quantity:
            key = (number, actual.unit, *actual.magnitude.as_integer_ratio())
            placed = self._placed.get(key)
            if placed is not None:
                return placed
        unit = getattr(actual, "unit", None)
        found = -1
        for place, band in enumerate(self.items[number].bands):
            decide = self._bands.get((number, place, unit))
            if decide is None:
                decide = self._bands[number, place, unit] = checker(band.rule, unit=unit)
            if decide(actual) is Status.ACHIEVED:
                found = place
                break
        if key is not None:
            self._placed[key] = found
        return found

    def _pattern(self, left_out: tuple[int, ...]) -> _Pattern:
        """What the scheme gives when the items at ``left_out`` do not apply."""
        scheme, items = self.scheme, self.items
        applicable = sum((i.points for n, i in enumerate(items) if n not in left_out), Fraction(0))
        count = len(items) - len(left_out)
        spread = (
            (scheme.maximum - applicable) / count
            if scheme.not_applicable is NotApplicable.SPREAD and count
            else Fraction(0)
        )
        possible = [_ZERO if n in left_out else i.points + spread for n, i in enumerate(items)]
        denominator = 1
        for n, item in enumerate(items):
            denominator = math.lcm(denominator, possible[n].denominator)
            scale = possible[n] / item.points if item.points else Fraction(0)
            for band in item.bands:
                denominator = math.lcm(denominator, (band.points * scale).denominator)
        return _Pattern(possible, applicable, denominator, [{} for _ in items])

    def _table(
        self, pattern: _Pattern, number: int
    ) -> tuple[dict[_Cell, ScoreLine], dict[_Cell, int]]:
        """The lines and points of an all-or-nothing item, by status and exceeded flag.

        Made once per pattern and item, for every status and flag (a line's
        reason is written only when read): a column of units is then looked up
        in C.
        """
        found = pattern.tables.get(number)
        if found is None:
            lines: dict[_Cell, ScoreLine] = {}
            points: dict[_Cell, int] = {}
            for status in Status:
                cells = pattern.lines[number].setdefault(status, {})
                for over in (False, True):
                    made = cells.get(over)
                    if made is None:
                        made = cells[over] = self._made(pattern, number, status, over)
                    lines[status, over], points[status, over] = made
            found = pattern.tables[number] = (lines, points)
        return found

    def _made(self, pattern: _Pattern, number: int, status: Status, how: object) -> _Made:
        """The line of item ``number`` (``how``: exceeded, or exceeded and band), its points."""
        item = self.items[number]
        possible = pattern.possible[number]
        over, band = how if isinstance(how, tuple) else (how, -1)
        why: _Why
        if status is Status.NOT_APPLICABLE:
            spread = self.scheme.not_applicable is NotApplicable.SPREAD
            line = self._line(number, status, _ZERO, _ZERO, _SPREAD if spread else _RESCALED)
            return line, 0
        if status is Status.NO_DATA:
            awarded, why = _ZERO, _NO_DATA
        elif item.credit is not Credit.BANDED:
            if status is Status.ACHIEVED:
                awarded, why = possible, functools.partial(_achieved, possible)
            else:
                awarded, why = _ZERO, _NOT_ACHIEVED
        elif band < 0:
            awarded, why = _ZERO, _IN_NO_BAND
        else:
            chosen = item.bands[band]
            scale = possible / item.points if item.points else Fraction(0)
            awarded = chosen.points * scale
            why = functools.partial(_banded, chosen, awarded)
        line = self._line(number, status, possible, awarded, why, exceeded=over)
        return line, int(awarded * pattern.denominator)

    def _line(
        self,
        number: int,
        status: Status,
        possible: Fraction,
        awarded: Fraction,
        why: _Why,
        *,
        exceeded: bool = False,
    ) -> ScoreLine:
        item = self.items[number]
        return ScoreLine(
            item.indicator,
            self.names[number],
            status,
            self.rules[number],
            item.credit,
            possible,
            awarded,
            why,
            exceeded=exceeded,
        )


def event_counts(
    events: Mapping[str, int] | None,
    known: set[str] | frozenset[str] | None,
    *,
    scheme: str,
    error: type[ThiduaError] = UsageError,
) -> dict[str, int]:
    """``events`` as a dict, each count a whole number, 0 or more (and each event known).

    Raises:
        UsageError: A count that is not a whole number, 0 or more; an event not in
            ``known`` (None: any event is accepted). ``error`` instead, if given.
        ArgumentTypeError: ``events`` is not a mapping.
    """
    if events is None:
        return {}
    if not isinstance(events, Mapping):
        msg = "the events"
        raise f.wrong_type(msg, "các sự kiện", "a mapping of counts", "một bảng số lần", events)
    counts: dict[str, int] = {}
    for key, count in events.items():
        if known is not None and key not in known:
            quoted = f.shown(key)
            listed = ", ".join(sorted(known)) or "none"
            msg = f"event {quoted} is not an adjustment of scheme {scheme!r}"
            raise error(
                msg,
                code="event.unknown",
                vi=f"sự kiện {quoted} không phải là điểm thưởng/trừ của thang điểm {scheme!r}",
                hint=f"adjustments: {listed}",
                hint_vi=f"các điểm thưởng/trừ của thang điểm: {listed if known else 'không có'}",
            )
        if (
            isinstance(count, bool)
            or not isinstance(count, int)
            or count < 0
            or count >= f.MAX_MAGNITUDE
        ):
            quoted = f.shown(key)
            msg = f"event {quoted} happened {f.shown(count)} times; give a whole number, 0 or more"
            raise error(
                msg,
                code="event.bad_count",
                vi=f"số lần của sự kiện {quoted} phải là số nguyên từ 0 trở lên, "
                f"không phải {f.shown(count)}",
            )
        counts[key] = count
    return counts


def _rule_text(rule: Rule | None) -> str | None:
    return None if rule is None else str(rule)


def _converter() -> Any:
    from thidua import _tomlfile  # noqa: PLC0415  (cattrs only when reading files)

    return _tomlfile.converter((Scheme, ScoreItem, Band, Adjustment))


def loads_scheme(text: str, *, file: str | None = None) -> Scheme:
    """Read a scoring scheme from TOML text (see :func:`load_scheme`).

    Raises:
        PlanError: Not valid TOML, or an invalid scheme; the first problem, naming
            the file, the line and the key path.

    .. versionadded:: 0.1.0
    """
    from thidua import _tomlfile  # noqa: PLC0415

    return _tomlfile.read(text, Scheme, _converter(), file=file or "<scheme>")


def load_scheme(path: str | os.PathLike[str]) -> Scheme:
    """Read a scoring scheme from a TOML file.

    The file has ``id``, ``name``, ``maximum``, optional ``bonus_cap``,
    ``deduction_cap`` and ``not_applicable`` (``spread`` or ``rescale``), then
    ``[[items]]`` (``indicator``, ``points``, ``credit`` -- ``all_or_nothing``,
    ``proportional``, ``banded`` or ``leader`` --, ``cap``, and for banded
    credit ``[[items.bands]]`` with ``rule`` and ``points``) and
    ``[[adjustments]]`` (``id``, ``name``, ``points``, ``deduction``).

    Raises:
        PlanError: The file cannot be read or describes an invalid scheme.

    .. versionadded:: 0.1.0
    """
    name, text = read_text(path, what="scoring scheme", max_bytes=MAX_SCHEME_BYTES, error=PlanError)
    return loads_scheme(text, file=name)
