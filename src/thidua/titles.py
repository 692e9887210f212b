"""Emulation titles (danh hiệu thi đua): who is eligible, and which condition failed.

Each title is a rule set written as data (``titles.toml``, shipped) on top of
the same rule machinery as a plan: a condition is a rule on a fact of the
candidate (``ty_le_ldtt >= 70 %``), a least rating (HTTNV), another title
already met (Lao động tiên tiến), or any one of several conditions. Checking is
three-valued: a missing fact makes a title "cannot tell yet" (``no_data``),
never silently eligible or not.

The shipped titles follow the Law on Emulation and Commendation 06/2022/QH15:
Lao động tiên tiến (Art. 24), Chiến sĩ thi đua cơ sở (Art. 23),
Tập thể lao động xuất sắc (Art. 27) and Tập thể lao động tiên tiến (Art. 28 as
restated by Bắc Ninh 86/2025/QĐ-UBND — its 70 % condition is **unverified**
against the national text, and marked so). Each names its legal policy
(:mod:`thidua.legal`): ``default_titles(on)`` cites the version in force on a
day, and marks what was not verified (the docs page "Legal sources").

Facts used by the shipped titles:

================================  ==========  ========================================
fact                              subject     meaning
================================  ==========  ========================================
``tich_cuc_thi_dua``              person      takes an active part in emulation (yes/no)
``sang_kien``                     person      an initiative recognised at grassroots level
``de_tai``                        person      a research project accepted
``ty_le_hoan_thanh``              collective  share of members who completed their tasks
``ty_le_ldtt``                    collective  share of members who are Lao động tiên tiến
``so_cstdcs``                     collective  members who are Chiến sĩ thi đua cơ sở
``doan_ket``                      collective  internal unity (yes/no)
``so_bi_ky_luat``                 collective  members disciplined with a warning or worse
================================  ==========  ========================================

>>> person = Candidate("nv-01", "Nguyễn Thị A", "person", rating="HTXSNV",
...                    facts={"tich_cuc_thi_dua": True, "sang_kien": False, "de_tai": False})
>>> result = eligibility(person)
>>> result.eligible
('LDTT', 'CSTDCS')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import attrs

from thidua import _fields as f
from thidua._choices import Choice
from thidua._files import packaged_text, read_text
from thidua._text import fold
from thidua.classification import Rating
from thidua.errors import NotFoundError, PlanError, ThiduaError, clean_text
from thidua.evaluation import Explanation, Status, assess, combine
from thidua.legal import LegalFact, in_force
from thidua.rules import RULE_CLASSES, Rule, parse_rule

#: Largest titles file read (bytes).
MAX_TITLES_BYTES = 1024 * 1024

__all__ = [
    "Candidate",
    "Condition",
    "ConditionResult",
    "Eligibility",
    "Subject",
    "Title",
    "TitleResult",
    "default_titles",
    "eligibility",
    "load_titles",
    "loads_titles",
]


class Subject(Choice):
    """Who a title is for.

    .. versionadded:: 0.1.0
    """

    PERSON = "person"
    COLLECTIVE = "collective"


def _optional_rule(value: object) -> Rule | None:
    if value is None or isinstance(value, RULE_CLASSES):
        return value
    if not isinstance(value, str):
        msg = "the condition's rule"
        raise f.wrong_type(
            msg,
            "mức yêu cầu của điều kiện",
            "rule text such as '>= 70 %'",
            "chữ như '>= 70 %'",
            value,
        )
    text = clean_text(
        value, what="the condition's rule", what_vi="mức yêu cầu của điều kiện", error=PlanError
    )
    return parse_rule(text)


def _optional_rating(value: object) -> Rating | None:
    return None if value is None else Rating.parse(value)


def _conditions(value: object) -> tuple[Condition, ...]:
    return f.models(Condition, "the conditions", "các điều kiện")(value)


_CONDITION_NAME = f.text("the condition's name", "tên điều kiện")


def _condition_name(value: object) -> str:
    return _CONDITION_NAME(value)


_CONDITION_FACT = f.optional_text("the fact", "dữ kiện")


def _condition_fact(value: object) -> str | None:
    return _CONDITION_FACT(value)


_CONDITION_TITLE = f.optional_text("the title needed", "danh hiệu cần có")


def _condition_title(value: object) -> str | None:
    return _CONDITION_TITLE(value)


_CONDITION_UNVERIFIED = f.flag("unverified", "mục unverified")


def _condition_unverified(value: object) -> bool:
    return _CONDITION_UNVERIFIED(value)


_CONDITION_SOURCE = f.optional_text("the source", "nguồn", multiline=True)


def _condition_source(value: object) -> str | None:
    return _CONDITION_SOURCE(value)


_LEGAL = f.optional_text("the legal policy", "chính sách pháp lý")


def _legal(value: object) -> str | None:
    return _LEGAL(value)


@attrs.frozen
class Condition:
    """One condition of a title: a rule on a fact, a least rating, another title, or any of several.

    .. versionadded:: 0.1.0
    """

    #: What it asks, in the law's words.
    name: str = attrs.field(converter=_condition_name)
    #: The fact the rule judges (with ``rule``).
    fact: str | None = attrs.field(default=None, converter=_condition_fact, kw_only=True)
    #: The rule on the fact, e.g. ``>= 70 %`` or ``is true``.
    rule: Rule | None = attrs.field(default=None, converter=_optional_rule, kw_only=True)
    #: The least rating (``HTTNV`` means HTTNV or better).
    rating: Rating | None = attrs.field(default=None, converter=_optional_rating, kw_only=True)
    #: Another title the candidate must meet (its id).
    title: str | None = attrs.field(
        default=None,
        converter=_condition_title,
        kw_only=True,
    )
    #: Alternatives: the condition holds when any of them does.
    any: tuple[Condition, ...] = attrs.field(default=(), converter=_conditions, kw_only=True)
    #: Not verified against the national text: shown as such wherever it decides.
    unverified: bool = attrs.field(default=False, converter=_condition_unverified, kw_only=True)
    #: Where it comes from.
    source: str | None = attrs.field(
        default=None,
        converter=_condition_source,
        kw_only=True,
    )
    #: The legal policy it follows (see :mod:`thidua.legal`), e.g.
    #: ``titles.TTLDTT.ty_le_ldtt``: :func:`default_titles` cites the version in
    #: force at a date as its ``source`` (and marks it unverified if that is).
    #:
    #: .. versionadded:: 0.4.0
    legal: str | None = attrs.field(default=None, converter=_legal, kw_only=True)

    def __attrs_post_init__(self) -> None:
        kinds = [
            self.fact is not None or self.rule is not None,
            self.rating is not None,
            self.title is not None,
            bool(self.any),
        ]
        if sum(kinds) != 1:
            msg = (
                f"condition {self.name!r} must be exactly one of: fact with rule, rating, "
                "title, or any"
            )
            raise PlanError(
                msg,
                code="titles.condition",
                vi=f"điều kiện {self.name!r} phải là đúng một trong: dữ kiện kèm mức yêu cầu "
                "(fact và rule), mức xếp loại (rating), danh hiệu (title), hoặc các lựa chọn (any)",
                hint='e.g. fact = "ty_le_ldtt" and rule = ">= 70 %"',
                hint_vi='ví dụ fact = "ty_le_ldtt" và rule = ">= 70 %"',
            )
        if (self.fact is None) != (self.rule is None):
            msg = f"condition {self.name!r} needs both a fact and a rule"
            raise PlanError(
                msg,
                code="titles.condition",
                vi=f"điều kiện {self.name!r} cần có cả dữ kiện (fact) và mức yêu cầu (rule)",
            )


_TITLE_ID = f.identifier("the title id", "mã danh hiệu", hint="LDTT")


def _title_id(value: object) -> str:
    return _TITLE_ID(value)


_TITLE_NAME = f.text("the title's name", "tên danh hiệu")


def _title_name(value: object) -> str:
    return _TITLE_NAME(value)


_TITLE_SUBJECT = f.choice(Subject, "subject", "mục subject")


def _title_subject(value: object) -> Subject:
    return _TITLE_SUBJECT(value)


_TITLE_SOURCE = f.optional_text("the source", "nguồn", multiline=True)


def _title_source(value: object) -> str | None:
    return _TITLE_SOURCE(value)


@attrs.frozen
class Title:
    """An emulation title and its conditions (all must hold).

    .. versionadded:: 0.1.0
    """

    #: Fixed id, e.g. ``LDTT``.
    id: str = attrs.field(converter=_title_id)
    #: Its name, e.g. ``Lao động tiên tiến``.
    name: str = attrs.field(converter=_title_name)
    #: Who it is for.
    subject: Subject = attrs.field(converter=_title_subject)
    #: Its conditions.
    conditions: tuple[Condition, ...] = attrs.field(converter=_conditions)
    #: Where it comes from.
    source: str | None = attrs.field(
        default=None,
        converter=_title_source,
        kw_only=True,
    )
    #: The legal policy it follows (see :mod:`thidua.legal`), e.g. ``titles.LDTT``:
    #: :func:`default_titles` cites the version in force at a date as its ``source``.
    #:
    #: .. versionadded:: 0.4.0
    legal: str | None = attrs.field(default=None, converter=_legal, kw_only=True)

    def walk(self) -> Iterable[Condition]:
        """Every condition, alternatives included."""
        stack = list(self.conditions)
        while stack:
            condition = stack.pop(0)
            yield condition
            stack[:0] = condition.any


def _titles(value: object) -> tuple[Title, ...]:
    """The titles, each declared once and after the titles it needs.

    Raises:
        PlanError: A title declared twice, or needing a title not declared
            before it or for another subject.
    """
    titles = f.models(Title, "the titles", "các danh hiệu")(value)
    seen: dict[str, Title] = {}
    for number, title in enumerate(titles):
        if title.id in seen:
            msg = f"title {title.id!r} is declared twice"
            raise PlanError(
                msg,
                code="plan.duplicate_id",
                vi=f"danh hiệu {title.id!r} được khai báo hai lần",
                hint="give every title its own id",
                hint_vi="hãy đặt cho mỗi danh hiệu một mã riêng",
                key=f"titles[{number}].id",
            )
        for condition in title.walk():
            if condition.title is None:
                continue
            needed = seen.get(condition.title)
            if needed is None:
                msg = (
                    f"title {title.id!r} needs title {condition.title!r}, "
                    "which is not declared before it"
                )
                raise PlanError(
                    msg,
                    code="titles.unknown_title",
                    vi=f"danh hiệu {title.id!r} cần danh hiệu {condition.title!r}, "
                    "nhưng danh hiệu này chưa được khai báo trước nó",
                    hint="declare titles before those that need them",
                    hint_vi="hãy khai báo danh hiệu được cần đến ở trước danh hiệu cần nó",
                    key=f"titles[{number}]",
                )
            if needed.subject is not title.subject:
                msg = f"title {title.id!r} needs {condition.title!r}, a title for another subject"
                raise PlanError(
                    msg,
                    code="titles.subject",
                    vi=f"danh hiệu {title.id!r} cần danh hiệu {condition.title!r}, nhưng "
                    f"{condition.title!r} dành cho đối tượng khác (cá nhân hay tập thể)",
                    key=f"titles[{number}]",
                )
        seen[title.id] = title
    return titles


def _facts(value: object) -> tuple[tuple[str, object], ...]:
    if isinstance(value, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in value):
        value = dict(value)
    if not isinstance(value, Mapping):
        msg = "the facts"
        raise f.wrong_type(
            msg,
            "các dữ kiện",
            "a mapping of fact to value",
            "một bảng dữ kiện và giá trị",
            value,
        )
    out = []
    for key, fact in value.items():
        name = f.text("a fact's name", "tên dữ kiện")(key)
        kept = (
            f.text(f"the fact {name!r}", f"dữ kiện {name!r}")(fact)
            if isinstance(fact, str)
            else fact
        )
        out.append((name, kept))
    return tuple(sorted(out, key=lambda p: p[0]))


_CANDIDATE_ID = f.text("the candidate's id", "mã đối tượng")


def _candidate_id(value: object) -> str:
    return _CANDIDATE_ID(value)


_CANDIDATE_NAME = f.text("the candidate's name", "tên đối tượng")


def _candidate_name(value: object) -> str:
    return _CANDIDATE_NAME(value)


_CANDIDATE_SUBJECT = f.choice(Subject, "subject", "đối tượng")


def _candidate_subject(value: object) -> Subject:
    return _CANDIDATE_SUBJECT(value)


@attrs.frozen
class Candidate:
    """A person or collective whose titles are checked.

    .. versionadded:: 0.1.0
    """

    #: Its id.
    id: str = attrs.field(converter=_candidate_id)
    #: Its name.
    name: str = attrs.field(converter=_candidate_name)
    #: A person or a collective.
    subject: Subject = attrs.field(converter=_candidate_subject)
    #: Its rating for the year (None: not yet rated).
    rating: Rating | None = attrs.field(default=None, converter=_optional_rating, kw_only=True)
    #: Its facts: values as people write them (``"5/7"``, ``"75%"``, ``True``, ``2``).
    facts: tuple[tuple[str, object], ...] = attrs.field(default=(), converter=_facts, kw_only=True)

    def fact(self, name: str) -> object:
        """The value of a fact, or None when not given."""
        return dict(self.facts).get(name)


@attrs.frozen
class ConditionResult:
    """How one condition went.

    .. versionadded:: 0.1.0
    """

    #: The condition.
    condition: Condition
    #: Achieved (holds), not achieved, or no data (cannot tell).
    status: Status
    #: Why, in Vietnamese and English.
    explanation: Explanation
    #: The results of the alternatives of an ``any`` condition.
    parts: tuple[ConditionResult, ...] = ()


@attrs.frozen
class TitleResult:
    """Whether a candidate is eligible for one title.

    .. versionadded:: 0.1.0
    """

    #: The title.
    title: Title
    #: Achieved: eligible; not achieved: not eligible; no data: cannot tell yet.
    status: Status
    #: One result per condition.
    conditions: tuple[ConditionResult, ...]

    @property
    def eligible(self) -> bool:
        """Whether the candidate is eligible."""
        return self.status is Status.ACHIEVED

    @property
    def failed(self) -> tuple[ConditionResult, ...]:
        """The conditions that do not hold."""
        return tuple(c for c in self.conditions if c.status is Status.NOT_ACHIEVED)

    @property
    def unknown(self) -> tuple[ConditionResult, ...]:
        """The conditions that cannot be told for lack of facts."""
        return tuple(c for c in self.conditions if c.status is Status.NO_DATA)

    @property
    def unverified(self) -> tuple[Condition, ...]:
        """The unverified conditions among this title's."""
        return tuple(c for c in self.title.walk() if c.unverified)

    @property
    def explanation(self) -> Explanation:
        """In one line: eligible, or which conditions failed or are unknown."""
        name = self.title.name
        if self.status is Status.ACHIEVED:
            vi, en = f"{name}: đủ điều kiện", f"{name}: eligible"
        elif self.status is Status.NOT_ACHIEVED:
            failed_vi = "; ".join(c.explanation.vi for c in self.failed)
            failed_en = "; ".join(c.explanation.en for c in self.failed)
            vi, en = (
                f"{name}: không đủ điều kiện — {failed_vi}",
                f"{name}: not eligible — {failed_en}",
            )
        else:
            missing_vi = "; ".join(c.explanation.vi for c in self.unknown)
            missing_en = "; ".join(c.explanation.en for c in self.unknown)
            vi = f"{name}: chưa đủ thông tin — {missing_vi}"
            en = f"{name}: cannot tell yet — {missing_en}"
        if self.unverified:
            vi += " (có điều kiện chưa được kiểm chứng với văn bản gốc)"
            en += " (includes a condition not verified against the national text)"
        return Explanation(vi, en)


@attrs.frozen
class Eligibility:
    """Every title of the candidate's subject, and whether it is eligible for each.

    .. versionadded:: 0.1.0
    """

    #: The candidate.
    candidate: Candidate
    #: One result per title for its subject, in the titles' order.
    results: tuple[TitleResult, ...]

    @property
    def eligible(self) -> tuple[str, ...]:
        """The ids of the titles it is eligible for."""
        return tuple(r.title.id for r in self.results if r.eligible)

    def result(self, title: str) -> TitleResult:
        """The result for one title (its id in any case, NFC or NFD, spaces collapsed).

        The id as written comes first; else the first title whose id folds the
        same (``ldtt`` is ``LDTT``).

        Raises:
            NotFoundError: No title of the candidate's subject has that id.
        """
        for r in self.results:
            if r.title.id == title:
                return r
        folded = fold(title) if isinstance(title, str) else None
        for r in self.results:
            if fold(r.title.id) == folded:
                return r
        quoted = f.shown(title)
        subject = self.candidate.subject
        listed = ", ".join(r.title.id for r in self.results) or "none"
        msg = f"no title {quoted} for a {subject.value}"
        raise NotFoundError(
            msg,
            code="titles.unknown_title",
            vi=f"không có danh hiệu {quoted} dành cho "
            f"{'cá nhân' if subject is Subject.PERSON else 'tập thể'}",
            hint=f"titles: {listed}",
            hint_vi=f"các danh hiệu: {listed if self.results else 'không có'}",
        )


def _check(
    condition: Condition, candidate: Candidate, done: Mapping[str, TitleResult]
) -> ConditionResult:
    mark = " [chưa kiểm chứng]" if condition.unverified else ""
    mark_en = " [unverified]" if condition.unverified else ""
    if condition.any:
        parts = tuple(_check(c, candidate, done) for c in condition.any)
        status = combine("any", (p.status for p in parts))
        return ConditionResult(
            condition,
            status,
            Explanation(
                f"{condition.name}: {status.vi}{mark}", f"{condition.name}: {status.en}{mark_en}"
            ),
            parts,
        )
    if condition.title is not None:
        status = done[condition.title].status
        return ConditionResult(
            condition,
            status,
            Explanation(
                f"{condition.name} ({done[condition.title].title.name}: {status.vi}){mark}",
                f"{condition.name} ({done[condition.title].title.name}: {status.en}){mark_en}",
            ),
        )
    if condition.rating is not None:
        rating = candidate.rating
        if rating is None:
            status = Status.NO_DATA
            vi, en = "chưa xếp loại", "not rated yet"
        else:
            status = Status.ACHIEVED if rating.at_least(condition.rating) else Status.NOT_ACHIEVED
            vi, en = f"xếp loại {rating.value}", f"rated {rating.value}"
        return ConditionResult(
            condition,
            status,
            Explanation(
                f"{condition.name} ({vi}, yêu cầu từ {condition.rating.value}){mark}",
                f"{condition.name} ({en}, {condition.rating.value} or better needed){mark_en}",
            ),
        )
    assert condition.fact is not None  # noqa: S101 - guaranteed by Condition
    assert condition.rule is not None  # noqa: S101
    value = candidate.fact(condition.fact)
    try:
        assessment = assess(condition.rule, value)  # type: ignore[arg-type]  # a wrong type: refused
    except ThiduaError as exc:
        raise exc.located(key=f"facts.{condition.fact}", member=candidate.id) from None
    status = assessment.status
    shown_vi = "chưa có" if value is None else str(value)
    return ConditionResult(
        condition,
        status,
        Explanation(
            f"{condition.name} ({condition.fact} = {shown_vi}, yêu cầu {condition.rule}){mark}",
            f"{condition.name} ({condition.fact} = "
            f"{'missing' if value is None else value}, needs {condition.rule}){mark_en}",
        ),
    )


def eligibility(
    candidate: Candidate,
    titles: Iterable[Title] | None = None,
    *,
    on: dt.date | str | None = None,
) -> Eligibility:
    """Which titles ``candidate`` is eligible for, and for each it misses, which condition failed.

    Args:
        candidate: The person or collective.
        titles: The titles (the shipped ones by default, see :func:`default_titles`);
            only those for the candidate's subject are checked.
        on: The day the titles are judged for — the end of the period they
            reward, e.g. ``2024-12-31`` for the year 2024: the shipped titles
            cite the law in force that day (None: the latest, see
            :func:`default_titles`). Not used with your own ``titles``.

    Raises:
        ThiduaError: A fact cannot be read by its condition's rule (a ParseError
            or UnitError naming the fact and the candidate).
        PlanError: ``titles`` are inconsistent (see :func:`load_titles`).
        NotFoundError: No shipped titles are in force on ``on`` (code
            ``legal.not_in_force``: before 2024).
        ArgumentTypeError: ``candidate`` is not a Candidate.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.4.0
       ``on=``.
    """
    if not isinstance(candidate, Candidate):
        msg = "the candidate"
        raise f.wrong_type(msg, "đối tượng", "a Candidate", "một Candidate", candidate)
    chosen = default_titles(on) if titles is None else _titles(titles)
    done: dict[str, TitleResult] = {}
    results = []
    for title in chosen:
        if title.subject is not candidate.subject:
            continue
        conditions = tuple(_check(c, candidate, done) for c in title.conditions)
        status = combine("all", (c.status for c in conditions))
        done[title.id] = TitleResult(title, status, conditions)
        results.append(done[title.id])
    return Eligibility(candidate, tuple(results))


@attrs.frozen
class _TitlesFile:
    """What a titles file holds."""

    titles: tuple[Title, ...] = attrs.field(default=(), converter=_titles)


def loads_titles(text: str, *, file: str | None = None) -> tuple[Title, ...]:
    """Read titles from TOML text (see :func:`load_titles`).

    Raises:
        PlanError: Not valid TOML, or invalid titles; the first problem, naming
            the file, the line and the key path.

    .. versionadded:: 0.1.0
    """
    from thidua import _tomlfile  # noqa: PLC0415  (cattrs only when reading files)

    conv = _tomlfile.converter((_TitlesFile, Title, Condition))
    made: Any = _tomlfile.read(text, _TitlesFile, conv, file=file or "<titles>")
    return made.titles  # type: ignore[no-any-return]


def load_titles(path: str | os.PathLike[str]) -> tuple[Title, ...]:
    """Read titles from a TOML file.

    The file holds ``[[titles]]`` (``id``, ``name``, ``subject``, ``source``), each
    with ``[[titles.conditions]]`` (``name`` and one of ``fact`` + ``rule``,
    ``rating``, ``title``, ``any``; optional ``unverified``, ``source``).

    Raises:
        PlanError: The file cannot be read or describes invalid titles.

    .. versionadded:: 0.1.0
    """
    name, text = read_text(path, what="titles", max_bytes=MAX_TITLES_BYTES, error=PlanError)
    return loads_titles(text, file=name)


@cache
def _shipped() -> tuple[Title, ...]:
    """The shipped titles as ``titles.toml`` writes them (each naming its legal policy)."""
    return loads_titles(packaged_text("titles.toml"), file="titles.toml")


def _policies(titles: Iterable[Title]) -> tuple[str, ...]:
    """The legal policies the titles and their conditions follow, in order, once each."""
    found: dict[str, None] = {}
    for title in titles:
        for name in (title.legal, *(c.legal for c in title.walk())):
            if name is not None:
                found[name] = None
    return tuple(found)


def _cited_condition(condition: Condition, facts: Mapping[str, LegalFact]) -> Condition:
    changes: dict[str, Any] = {}
    if condition.any:
        changes["any"] = tuple(_cited_condition(c, facts) for c in condition.any)
    if condition.legal is not None:
        fact = facts[condition.legal]
        changes["source"] = fact.cite("vi")
        changes["unverified"] = condition.unverified or not fact.verified
    return attrs.evolve(condition, **changes) if changes else condition


@cache
def _cited(facts: tuple[LegalFact, ...]) -> tuple[Title, ...]:
    """The shipped titles citing these versions of their policies (one per policy)."""
    by_policy = {fact.policy: fact for fact in facts}
    out = []
    for title in _shipped():
        conditions = tuple(_cited_condition(c, by_policy) for c in title.conditions)
        source = title.source if title.legal is None else by_policy[title.legal].cite("vi")
        out.append(attrs.evolve(title, conditions=conditions, source=source))
    return tuple(out)


def default_titles(on: dt.date | str | None = None) -> tuple[Title, ...]:
    """The shipped titles: LĐTT, CSTĐCS, TTLĐXS, TTLĐTT (Law 06/2022/QH15).

    Each title and condition names its legal policy (:mod:`thidua.legal`);
    its ``source`` cites the version in force on the day ``on`` — the end of
    the period the titles reward — and a condition whose version was not
    verified against the text is marked ``unverified``. Without ``on``, the
    latest version (the law as it now stands, as far as thidua knows).

    >>> [t.source for t in default_titles("2024-12-31")][1]
    'Luật Thi đua, khen thưởng 06/2022/QH15, Điều 23'

    Raises:
        NotFoundError: No version is in force on ``on`` (``legal.not_in_force``:
            before 2024).
        ParseError: ``on`` is text that is not a date.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.4.0
       ``on=``, and the sources cite the law in force.
    """
    return _cited(tuple(in_force(policy, on) for policy in _policies(_shipped())))
