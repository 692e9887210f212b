"""Term targets (mục tiêu nhiệm kỳ): their yearly milestones and the mid-term review.

A plan for a term (``term = "2025-2030"``, ``base_year = 2025``) may set term
targets: a level by the end year (``>= 95 % by 2030``), a cumulative total
(``cumulative >= 5000 billion_VND over 2026-2030``), average annual growth
(``>= base * 108 % per year``) or a yearly change of a rate
(``<= base - 1.5 % per year``). :func:`milestones` gives the path year by year
-- geometric for growth, linear for a yearly change and for a level by the end
year, pro rata for a cumulative total -- reaching the term target exactly at
the end year. :func:`mid_term` reviews a unit as of a year: on the path or
behind it, and by how much. Both judge through the evaluation core
(:class:`~thidua.evaluation.core.TermJudge`), as :func:`thidua.evaluate` and
:func:`thidua.check` do.

.. versionadded:: 0.4.0
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

import attrs

from thidua._choices import Choice
from thidua.data import Dataset, ValueLike, parse_value
from thidua.errors import ArgumentTypeError, UsageError, require_type
from thidua.evaluation import Status, evaluate
from thidua.evaluation.core import TermJudge, compile_plan, compile_term
from thidua.lineage import Lineage
from thidua.plans import Indicator, Plan
from thidua.rules import (
    TERM_RULE_CLASSES,
    AnnualChange,
    AnnualGrowth,
    ByYear,
    Cumulative,
    Rule,
    TermRule,
)
from thidua.rules import parse_rule as _parse_rule
from thidua.units import Quantity, Ratio, Units, default_units

__all__ = ["TermProgress", "TermStatus", "mid_term", "milestones"]


class TermStatus(Choice):
    """Where a unit stands on the path of a term target in a year.

    .. versionadded:: 0.4.0
    """

    ON_PATH = "on_path"
    BEHIND = "behind"
    NO_DATA = "no_data"
    NOT_APPLICABLE = "not_applicable"

    @property
    def vi(self) -> str:
        """The Vietnamese label (Đúng lộ trình, Chậm so với lộ trình, …)."""
        return _LABELS[self.value][0]

    @property
    def en(self) -> str:
        """The English label."""
        return _LABELS[self.value][1]


_LABELS = {
    "on_path": ("Đúng lộ trình", "On the path"),
    "behind": ("Chậm so với lộ trình", "Behind the path"),
    "no_data": ("Chưa có số liệu", "No data"),
    "not_applicable": ("Không áp dụng", "Not applicable"),
}
_FROM_STATUS = {
    Status.ACHIEVED: TermStatus.ON_PATH,
    Status.NOT_ACHIEVED: TermStatus.BEHIND,
    Status.NO_DATA: TermStatus.NO_DATA,
    Status.NOT_APPLICABLE: TermStatus.NOT_APPLICABLE,
}


@attrs.frozen
class TermProgress:
    """One term target of a unit as of a year: the milestone, the actual, the gap.

    .. versionadded:: 0.4.0
    """

    #: The indicator id.
    indicator: str
    #: The year reviewed.
    year: int
    #: On the path, behind it, no data, or not applicable.
    status: TermStatus
    #: The term rule.
    rule: TermRule
    #: The year's milestone on the path (the term target in the end year), if known.
    milestone: Quantity | None = None
    #: The year's figure (for a cumulative target, the sum of its years so far).
    actual: Quantity | None = None
    #: The signed gap in the good direction: positive ahead of the path, negative behind.
    gap: Quantity | None = None
    #: The term target: the level of the end year on the path.
    target: Quantity | None = None
    #: The base year's figure the path starts from (None for a cumulative target).
    baseline: Quantity | None = None

    @property
    def on_path(self) -> bool | None:
        """True on the path, False behind it, None when not decided."""
        if self.status is TermStatus.ON_PATH:
            return True
        return False if self.status is TermStatus.BEHIND else None

    @property
    def behind_by(self) -> Quantity | None:
        """How far behind the path (a positive quantity), or None when not behind."""
        if self.status is not TermStatus.BEHIND or self.gap is None:
            return None
        return Quantity(-self.gap.magnitude, self.gap.unit)


def _term_rule(rule: object, units: Units) -> TermRule:
    parsed = _parse_rule(rule, units=units)  # type: ignore[arg-type] # parse_rule checks it
    if not isinstance(parsed, TERM_RULE_CLASSES):
        shown = str(parsed)
        msg = f"{shown} is not a term target"
        raise UsageError(
            msg,
            code="term.not_a_term_rule",
            vi=f"'{shown}' không phải là chỉ tiêu nhiệm kỳ",
            hint="give e.g. '>= 95 % by 2030' or '>= base * 108 % per year'",
            hint_vi="hãy cho, ví dụ, '>= 95 % by 2030' hoặc '>= base * 108 % per year'",
        )
    return parsed


def _year(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        shown = type(value).__name__
        msg = f"{name} must be a whole year such as 2025, not {shown}"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"{name} phải là một số năm như 2025, không phải {shown}",
        )
    return value


def milestones(
    rule: Rule | str,
    baseline: ValueLike,
    base_year: int,
    end_year: int,
    *,
    unit: str | None = None,
    units: Units | None = None,
    minimum: Quantity | str | int | float | Fraction | Decimal | None = None,
    maximum: Quantity | str | int | float | Fraction | Decimal | None = None,
) -> dict[int, Quantity]:
    """The yearly milestones of a term target, from the year after the base year to the end.

    Growth is geometric (``baseline × factorⁿ``), a yearly change linear
    (``baseline + step × n``), a level by the end year linear from the baseline
    to the target (and the target itself from its year on), a cumulative total
    pro rata over its years (the years of its span only). Each milestone is
    exact, and the last is the term target exactly.

    Args:
        rule: A term target, or its text.
        baseline: The base year's figure (text such as ``"85 %"``, a number, a
            Quantity); not used by a cumulative target (None).
        base_year: The base year (``2025``).
        end_year: The last year of the term (``2030``).
        unit: The indicator's unit; bare numbers take it.
        units: The unit registry; the domain's by default.
        minimum: The indicator's smallest figure (``"0 %"``), as in a plan: a
            path running below it is clipped to it (so is one below 0 for a count).
        maximum: The indicator's largest figure (``"100 %"``), likewise.

    Raises:
        UsageError: The rule is no term target (``term.not_a_term_rule``), the
            end year is not after the base year or lies before a level's year
            or outside a cumulative target's years (``term.year_outside``), or
            a path that needs the baseline has none (``term.no_baseline``).
        ArgumentTypeError: A year is not a whole number.
        PlanError: A bound is not a figure, or the minimum is above the maximum.
        UnitError: A bound does not compare with ``unit``.

    >>> {year: str(q) for year, q in milestones(">= 95 % by 2030", "85 %", 2025, 2030).items()}
    {2026: '87 %', 2027: '89 %', 2028: '91 %', 2029: '93 %', 2030: '95 %'}
    >>> path = milestones("<= base - 1.5 % per year", "3 %", 2025, 2030, minimum="0 %")
    >>> {year: str(q) for year, q in path.items()}
    {2026: '1.5 %', 2027: '0 %', 2028: '0 %', 2029: '0 %', 2030: '0 %'}

    .. versionadded:: 0.4.0

    .. versionchanged:: 0.4.0
       ``minimum`` and ``maximum``: the path stays within the indicator's bounds.
    """
    registry = units or default_units()
    term = _term_rule(rule, registry)
    base_year, end_year = _year("base_year", base_year), _year("end_year", end_year)
    indicator = None
    if minimum is not None or maximum is not None:
        indicator = Indicator(
            id="milestones",
            name="milestones",
            unit=unit,
            rule=term,
            minimum=minimum,
            maximum=maximum,
        )
        against = unit or next(
            (q.unit for q in (_read(baseline, unit, registry), _own_of(term)) if q and q.unit), None
        )
        for bound in (indicator.minimum, indicator.maximum):
            if bound is not None and bound.unit is not None and against is not None:
                registry.require_compatible(bound.unit, against)
    judge = compile_term(term, registry, unit=unit, indicator=indicator, base_year=base_year)
    first, last = base_year + 1, end_year
    if isinstance(term, Cumulative):
        first, last = term.start, term.end
    if (
        end_year <= base_year
        or (isinstance(term, Cumulative) and not (base_year < term.start and term.end <= end_year))
        or (isinstance(term, ByYear) and not base_year < term.year <= end_year)
    ):
        msg = f"the years {base_year}-{end_year} do not hold the term of the rule {term}"
        raise UsageError(
            msg,
            code="term.year_outside",
            vi=f"các năm {base_year}-{end_year} không chứa thời hạn của mức yêu cầu '{term}'",
            hint="give a base year before the end year, and the term's own years",
            hint_vi="hãy cho năm gốc trước năm cuối, và đúng các năm của nhiệm kỳ",
        )
    base = _read(baseline, unit, registry)
    if base is None and not isinstance(term, Cumulative):
        msg = f"the path of the rule {term} starts from the base year's figure: give baseline"
        raise UsageError(
            msg,
            code="term.no_baseline",
            vi=f"lộ trình của mức yêu cầu '{term}' bắt đầu từ giá trị năm gốc: hãy cho baseline",
            hint="give the base year's figure",
            hint_vi="hãy cho giá trị của năm gốc",
        )
    out: dict[int, Quantity] = {}
    for year in range(first, last + 1):
        years = year - term.start + 1 if isinstance(term, Cumulative) else year - base_year
        if isinstance(term, ByYear):
            years = min(years, term.year - base_year)
        found = judge.milestone(base, years, base_year)
        assert found is not None  # noqa: S101 - the baseline is given where needed
        out[year] = found
    return out


def _own_of(term: TermRule) -> Quantity | None:
    """The quantity a term rule is written with (None for a growth factor)."""
    if isinstance(term, ByYear):
        return term.target
    if isinstance(term, Cumulative):
        return term.total
    return term.step if isinstance(term, AnnualChange) else None


def _read(value: ValueLike, unit: str | None, units: Units) -> Quantity | None:
    read = parse_value(value, unit=unit, units=units)
    if isinstance(read, Ratio):
        return read.quantity
    if read is None or isinstance(read, Quantity):
        return read
    msg = "the baseline is a yes/no value, but a term target's path needs a figure"
    raise UsageError(
        msg,
        code="term.no_baseline",
        vi="giá trị năm gốc là đạt/không đạt, nhưng lộ trình của chỉ tiêu nhiệm kỳ cần một con số",
        hint="give the base year's figure",
        hint_vi="hãy cho số liệu của năm gốc",
    )


def mid_term(
    plan: Plan,
    data: Dataset,
    year: int,
    *,
    lineage: Lineage | None = None,
    area: str | None = None,
) -> Mapping[str, TermProgress]:
    """The mid-term review of a plan's term targets as of ``year``, by indicator id.

    Each term indicator is evaluated for ``year`` by :func:`thidua.evaluate`
    (through the evaluation core): its figure against that year's milestone
    (the term target in the end year; for a cumulative target the sum of its
    years so far against the pro-rata share of the total).

    Args:
        plan: The plan, with its term and base year.
        data: The observations.
        year: The year reviewed, after the base year and within the term.
        lineage: Which units were merged into which, as for
            :func:`thidua.evaluate`: a merged unit's base-year figure is then
            composed from its predecessors' (see :doc:`/after-merger-vi`).
        area: The id of the plan's own area in ``lineage``, as for
            :func:`thidua.evaluate`.

    .. versionchanged:: 0.4.0
       ``lineage`` and ``area``, passed to :func:`thidua.evaluate`.

    Raises:
        UsageError: ``year`` is not a year of the term after its base year
            (``term.year_outside``), the plan has no term (``plan.term_rule``),
            or ``area`` is not a successor in ``lineage`` (``lineage.unknown_area``).
        ArgumentTypeError: ``plan`` is not a Plan, ``data`` not a Dataset, or
            ``year`` not a whole number.

    .. versionadded:: 0.4.0
    """
    require_type(plan, Plan, "plan", "a Plan (see load_plan)", "một kế hoạch (xem load_plan)")
    year = _year("year", year)
    years, base = plan.term_years, plan.base_year
    if years is None or base is None:
        msg = "the plan has no term and base year to review"
        raise UsageError(
            msg,
            code="plan.term_rule",
            vi="kế hoạch chưa có nhiệm kỳ (term) và năm gốc (base_year) để đánh giá giữa kỳ",
            hint="add e.g. term = '2025-2030' and base_year = 2025 to the plan",
            hint_vi="hãy thêm vào kế hoạch, ví dụ, term = '2025-2030' và base_year = 2025",
        )
    if not base < year <= years[1]:
        msg = f"the year {year} is not a year of the term {plan.term} after its base year {base}"
        raise UsageError(
            msg,
            code="term.year_outside",
            vi=f"năm {year} không phải một năm của nhiệm kỳ {plan.term} sau năm gốc {base}",
            hint=f"give a year from {base + 1} to {years[1]}",
            hint_vi=f"hãy cho một năm từ {base + 1} đến {years[1]}",
        )
    evaluation = evaluate(plan, data, year, lineage=lineage, area=area)
    compiled = compile_plan(plan)
    out: dict[str, TermProgress] = {}
    for indicator in plan.indicators():
        rule = indicator.rule
        if not isinstance(rule, TERM_RULE_CLASSES):
            continue
        a = evaluation.results[indicator.id].assessment
        target = a.target
        baseline = a.previous
        end = _end_target(compiled.term_judge(indicator), baseline, base, years[1])
        actual = a.actual if isinstance(a.actual, Quantity) else None
        out[indicator.id] = TermProgress(
            indicator.id,
            year,
            _FROM_STATUS[a.status],
            rule,
            milestone=None if target is None else target.quantity,
            actual=actual,
            gap=a.margin,
            target=end,
            baseline=baseline,
        )
    return out


def _end_target(
    judge: TermJudge, baseline: Quantity | None, base_year: int, end_year: int
) -> Quantity | None:
    rule = judge.rule
    if isinstance(rule, AnnualGrowth | AnnualChange):
        return None if baseline is None else judge.milestone(baseline, end_year - base_year)
    return judge.milestone(baseline, None, base_year)
