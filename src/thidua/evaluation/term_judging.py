"""The term targets of a plan judged for one year: the figures, the path, the words.

:func:`term_assessment` finds what a term target needs for a year of the term
-- the year's figure (for a cumulative target, the sum of its years so far) and
the base year's -- and judges them through the plan's compiled
:class:`~thidua.evaluation.core.TermJudge`. :func:`term_explanation` says it in
Vietnamese and English.

.. versionadded:: 0.4.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from thidua import _explain
from thidua.data import Kind, Observation, Value
from thidua.errors import DataError
from thidua.evaluation.outcomes import Assessment, Status
from thidua.periods import Period, PeriodKind
from thidua.plans import Indicator
from thidua.rules import ByYear, Cumulative, TermRule
from thidua.units import Quantity, Ratio, Units

if TYPE_CHECKING:
    from thidua.evaluation.engine import Run

__all__ = ["term_assessment", "term_explanation"]


def _applies(run: Run, rule: TermRule) -> int | None:
    """The years since the base year if the period is a year of the term after it, else None."""
    plan, period = run.plan, run.period
    years, base = plan.term_years, plan.base_year
    if (
        period.kind is not PeriodKind.YEAR
        or years is None
        or base is None
        or not base < period.year <= years[1]
    ):
        return None
    if isinstance(rule, Cumulative) and not rule.start <= period.year <= rule.end:
        return None
    return period.year - base


def term_assessment(
    run: Run, indicator: Indicator, rule: TermRule
) -> tuple[Assessment, tuple[Observation, ...]]:
    """The assessment of a term target for the run's period, and the observations used.

    Not applicable outside the years of the term after its base year (and, for a
    cumulative target, outside its years), and for periods other than a year.
    Before the year is over (an as-of date inside it) there is no data yet.
    """
    elapsed = _applies(run, rule)
    if elapsed is None:
        return Assessment(Status.NOT_APPLICABLE), ()
    judge = run.compiled.term_judge(indicator)
    period = run.period
    where: dict[str, Any] = {"indicator": indicator.id, "period": str(period)}
    used: list[Observation] = []
    if isinstance(rule, Cumulative):
        total, missing = _sum(run, indicator, rule, used)
        if run.in_year:  # the year is not over: its figure is not the year's yet
            missing.append(str(period.year))
        if missing:
            assessment = judge.assess(None, years=period.year - rule.start + 1, where=where)
            return Assessment(
                Status.NO_DATA, None, assessment.target, missing=tuple(missing)
            ), tuple(used)
        return judge.assess(total, years=period.year - rule.start + 1, where=where), tuple(used)
    complete = not run.in_year
    actual = run.find(indicator, period, Kind.ACTUAL, as_of=run.as_of)
    used += actual.observations
    if actual.observations:
        where = actual.observations[-1].where()
    base_year = run.plan.base_year
    assert base_year is not None  # noqa: S101 - _applies checked it
    base = run.find(indicator, period.in_year(base_year), Kind.ACTUAL)
    used += base.observations
    years: int | None = elapsed
    if isinstance(rule, ByYear) and period.year >= rule.year:
        years = None  # the end year (and after): the target itself
    assessment = judge.assess(
        actual.value if actual.complete and complete else None,
        baseline=base.value if base.complete else None,
        years=years,
        where=where,
    )
    return assessment, tuple(used)


def _sum(
    run: Run, indicator: Indicator, rule: Cumulative, used: list[Observation]
) -> tuple[Quantity | None, list[str]]:
    """The sum of the cumulative target's years up to the period's, and the years missing."""
    total: Quantity | None = None
    missing: list[str] = []
    unit = indicator.unit
    units = run.units
    for year in range(rule.start, run.period.year + 1):
        found = run.find(indicator, run.period.in_year(year), Kind.ACTUAL)
        used += found.observations
        value: Value | None = found.value if found.complete else None
        if isinstance(value, Ratio):
            value = value.quantity
        if value is None:
            missing.append(str(year))
            continue
        if not isinstance(value, Quantity):
            where = found.observations[-1].where() if found.observations else {}
            msg = "a yes/no value cannot be summed over the term"
            raise DataError(
                msg,
                code="data.yes_no_for_number",
                vi="giá trị đạt/không đạt không cộng dồn được qua các năm",
                hint="give the year's figure",
                hint_vi="hãy ghi số liệu của năm",
                **where,
            )
        if unit is None:
            unit = value.unit
        here = units.convert(value, unit) if unit is not None else value
        total = here if total is None else Quantity(total.magnitude + here.magnitude, unit)
    return total, missing


def _missing_words(a: Assessment, period: Period, base_year: int | None) -> tuple[str, str]:
    """What a term target lacks: ``số liệu năm 2026 và năm gốc 2025`` (vi, en)."""
    vi: list[str] = []
    en: list[str] = []
    if "actual" in a.missing:
        vi.append(period.label("vi"))
        en.append(f"for {period.label('en')}")
    if "baseline" in a.missing:
        year = f" {base_year}" if base_year is not None else ""
        vi.append(f"năm gốc{year}")
        en.append(f"for the base year{year}")
    years = [m for m in a.missing if m not in ("actual", "baseline")]
    if years:
        vi.append(f"{'các năm' if len(years) > 1 else 'năm'} {', '.join(years)}")
        en.append(f"for {', '.join(years)}")
    if not vi:  # pragma: no cover - a term target lacks the year's or the base year's
        return "số liệu", "no figures yet"
    return "số liệu " + " và ".join(vi), "no figures yet " + " and ".join(en)


def term_explanation(
    indicator: Indicator, a: Assessment, period: Period, base_year: int | None, units: Units
) -> tuple[str, str]:
    """The explanation (Vietnamese, English) of a term target judged for a year."""
    rule = indicator.rule
    status = a.status
    name = indicator.name
    if status is Status.NOT_APPLICABLE:
        return (
            f"{name}: mục tiêu nhiệm kỳ không xét cho {period.label('vi')}"
            " (chỉ xét các năm của nhiệm kỳ sau năm gốc).",
            f"{name}: the term target is not judged for {period.label('en')}"
            " (only the years of the term after its base year are).",
        )
    since_vi = f" (năm gốc {base_year})" if base_year is not None else ""
    since_en = f" (base year {base_year})" if base_year is not None else ""
    if isinstance(rule, Cumulative):
        since_vi = f" (cộng dồn từ năm {rule.start})"
        since_en = f" (summed since {rule.start})"
    if a.target is None or a.target.quantity is None:
        missing_vi, missing_en = _missing_words(a, period, base_year)
        return (
            f"{name}: chưa có {missing_vi} để xét mục tiêu nhiệm kỳ.",
            f"{name}: {missing_en} to judge the term target.",
        )
    mark_vi = _explain.show(a.target.quantity, "vi", units)
    mark_vi += _explain.clip_note(a.target, "vi", units)
    mark_en = _explain.show(a.target.quantity, "en", units)
    mark_en += _explain.clip_note(a.target, "en", units)
    op = a.target.op.symbol
    if a.actual is None or not isinstance(a.actual, Quantity):
        missing_vi, missing_en = _missing_words(a, period, base_year)
        return (
            f"{name}: mốc lộ trình {period.label('vi')}{since_vi}: {op} {mark_vi};"
            f" chưa có {missing_vi}.",
            f"{name}: milestone for {period.label('en')}{since_en}: {op} {mark_en}; {missing_en}.",
        )
    if "bounds" in a.missing:
        vi, en = _explain.unsure(name, a, units)
        return f"{vi}.", f"{en}."
    actual_vi = _explain.show(a.actual, "vi", units)
    actual_en = _explain.show(a.actual, "en", units)
    gap = a.margin
    gap_vi = (
        "" if gap is None else _explain.show(Quantity(abs(gap.magnitude), gap.unit), "vi", units)
    )
    gap_en = (
        "" if gap is None else _explain.show(Quantity(abs(gap.magnitude), gap.unit), "en", units)
    )
    if status is Status.ACHIEVED:
        verdict_vi, verdict_en = "đúng lộ trình", "on the path"
        if gap is not None and gap.magnitude > 0:
            verdict_vi += f", vượt {gap_vi}"
            verdict_en += f", ahead by {gap_en}"
    else:
        verdict_vi, verdict_en = f"chậm so với lộ trình {gap_vi}", f"behind the path by {gap_en}"
    return (
        f"{name}: {period.label('vi')}{since_vi}: thực hiện {actual_vi}, mốc lộ trình {op}"
        f" {mark_vi}: {verdict_vi}.",
        f"{name}: {period.label('en')}{since_en}: actual {actual_en}, milestone {op}"
        f" {mark_en}: {verdict_en}.",
    )
