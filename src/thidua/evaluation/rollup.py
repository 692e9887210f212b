"""Roll-up of sub-period observations into the value of a period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from fractions import Fraction

import attrs

from thidua.data import Observation, Value
from thidua.errors import DataError
from thidua.evaluation.outcomes import Composition
from thidua.periods import Period
from thidua.plans import Aggregation, OrgUnit
from thidua.units import Quantity, Ratio, Units

__all__ = ["Found", "Rollup", "cover", "roll_up", "roll_up_org_units"]


@attrs.frozen
class Rollup:
    """How a period's value was put together from the observations of its sub-periods.

    .. versionadded:: 0.1.0
    """

    #: How the values were combined.
    aggregation: Aggregation
    #: The sub-periods whose observations were used, in order.
    periods: tuple[Period, ...]
    #: Sub-periods without data (never taken as zero).
    gaps: tuple[Period, ...] = ()
    #: The last day the data covers.
    through: dt.date | None = None
    #: For a roll-up across org units: the names of those whose figures were used.
    org_units: tuple[str, ...] = ()
    #: For a roll-up across org units: the names of those without a figure.
    missing_org_units: tuple[str, ...] = ()
    #: What the org units are (``khóm``, ``ấp``, …).
    kind: str = "khóm"


@attrs.frozen
class Found:
    """A value looked up for a period: direct or rolled up, and whether it is complete."""

    value: Value | None
    observations: tuple[Observation, ...] = ()
    rollup: Rollup | None = None
    #: The value is the whole period's (no gap that could change it).
    complete: bool = True
    #: For a merged unit's figure: how it was made up from its predecessors'.
    composition: Composition | None = None


def cover(
    period: Period, lookup: Callable[[Period], Observation | None], *, until: dt.date | None = None
) -> tuple[list[Observation], list[Period]]:
    """The observations that tile ``period`` (coarsest first) and the gaps left.

    With ``until``, only sub-periods that ended by that day count; later ones are
    neither used nor gaps (they have not happened yet).
    """
    if until is not None and period.start > until:
        return [], []
    if until is None or period.end <= until:
        found = lookup(period)
        if found is not None:
            return [found], []
    children = period.children()
    if not children:
        if until is not None and period.end > until:
            return [], []
        return [], [period]
    used: list[Observation] = []
    gaps: list[Period] = []
    for child in children:
        child_used, child_gaps = cover(child, lookup, until=until)
        used += child_used
        gaps += child_gaps
    return used, gaps


def _quantity(obs: Observation, unit: str | None, units: Units) -> Quantity:
    value = obs.observed
    if isinstance(value, Ratio):
        q = value.quantity
        if q is None:
            msg = "a rate with a zero denominator cannot be added up or averaged"
            raise DataError(
                msg,
                code="data.cannot_aggregate",
                vi="không thể cộng dồn hay tính bình quân một tỷ lệ có mẫu số bằng 0",
                hint="use aggregation = 'rate' for rates",
                hint_vi="với tỷ lệ, hãy dùng aggregation = 'rate'",
                **obs.where(),
            )
        value = q
    if not isinstance(value, Quantity):
        msg = "a yes/no value cannot be added up or averaged"
        raise DataError(
            msg,
            code="data.cannot_aggregate",
            vi="không thể cộng dồn hay tính bình quân giá trị đạt/không đạt",
            hint="use aggregation = 'last' for yes/no indicators",
            hint_vi="với chỉ tiêu đạt/không đạt, hãy dùng aggregation = 'last'",
            **obs.where(),
        )
    return units.convert(value, unit) if unit else value


def roll_up(
    aggregation: Aggregation,
    observations: Sequence[Observation],
    gaps: Sequence[Period],
    *,
    window_end: dt.date,
    unit: str | None,
    units: Units,
) -> Found:
    """Combine the observations of sub-periods; ``complete`` says whether gaps could matter."""
    ordered = sorted(observations, key=lambda o: o.period)
    if not ordered:  # nothing at all: "no data", not a list of every missing month
        return Found(None, (), None, complete=False)
    periods = tuple(o.period for o in ordered)
    through = max(p.end for p in periods)
    if aggregation is Aggregation.LAST:  # only what comes after the latest figure matters
        gaps = [g for g in gaps if g.start > through]
    info = Rollup(aggregation, periods, tuple(sorted(gaps)), through)
    used = tuple(ordered)
    if aggregation is Aggregation.LAST:
        last = ordered[-1]
        value = last.observed
        if isinstance(value, Quantity) and unit:
            value = units.convert(value, unit)
        return Found(value, (last,), info, complete=last.period.end >= window_end)
    complete = not gaps
    if aggregation is Aggregation.RATE:
        numerator = denominator = Fraction(0)
        for obs in ordered:
            if obs.numerator is None or obs.denominator is None:
                msg = "a rate is rolled up from numerators and denominators, but this row has none"
                raise DataError(
                    msg,
                    code="data.rate_without_parts",
                    vi="tỷ lệ được tổng hợp từ tử số và mẫu số, nhưng dòng này không ghi tử"
                    " số và mẫu số",
                    hint="give numerator and denominator for each period",
                    hint_vi="hãy ghi tử số và mẫu số cho từng kỳ",
                    **obs.where(),
                )
            numerator += obs.numerator
            denominator += obs.denominator
        return Found(Ratio(numerator, denominator), used, info, complete=complete)
    quantities = [_quantity(o, unit, units) for o in ordered]
    shown_unit = unit if unit is not None else quantities[0].unit
    if any(q.unit != shown_unit for q in quantities):
        quantities = [units.convert(q, shown_unit) for q in quantities]
    if aggregation is Aggregation.SUM:
        return Found(
            Quantity(sum(q.magnitude for q in quantities), shown_unit),
            used,
            info,
            complete=complete,
        )
    days = [o.period.days for o in ordered]
    mean = sum(q.magnitude * d for q, d in zip(quantities, days, strict=True)) / sum(days)
    return Found(Quantity(mean, shown_unit), used, info, complete=complete)


def roll_up_org_units(
    aggregation: Aggregation,
    parts: Sequence[tuple[OrgUnit, Found]],
    missing: Sequence[OrgUnit],
    *,
    period: Period,
    unit: str | None,
    units: Units,
) -> Found:
    """Combine the figures of org units (khóm) into the figure of the plan's area.

    ``sum`` adds them, ``mean`` averages them (each org unit counts once) and
    ``rate`` recomputes the rate from the summed numerators and denominators. The
    result is complete only when every org unit has a complete figure.
    """
    if not parts:
        return Found(None, (), None, complete=False)
    observations = tuple(o for _, found in parts for o in found.observations)
    throughs = [f.rollup.through for _, f in parts if f.rollup is not None and f.rollup.through]
    gaps = sorted({g for _, f in parts if f.rollup is not None for g in f.rollup.gaps})
    info = Rollup(
        aggregation,
        (period,),
        tuple(gaps),
        min(throughs) if throughs else None,
        org_units=tuple(u.name for u, _ in parts),
        missing_org_units=tuple(u.name for u in missing),
        kind=parts[0][0].kind,
    )
    complete = not missing and all(f.complete for _, f in parts)
    where = observations[-1].where() if observations else {}
    if aggregation is Aggregation.RATE:
        numerator = denominator = Fraction(0)
        for org_unit, found in parts:
            if not isinstance(found.value, Ratio):
                msg = (
                    f"the rate of {org_unit.name} is rolled up from its numerator and "
                    "denominator, but it has none"
                )
                raise DataError(
                    msg,
                    code="data.rate_without_parts",
                    vi=f"tỷ lệ của {org_unit.name} được tổng hợp từ tử số và mẫu số, "
                    "nhưng số liệu không ghi tử số và mẫu số",
                    hint="give numerator and denominator for each org unit",
                    hint_vi="hãy ghi tử số và mẫu số cho từng khóm/ấp",
                    **(found.observations[-1].where() if found.observations else where),
                )
            numerator += found.value.numerator
            denominator += found.value.denominator
        return Found(Ratio(numerator, denominator), observations, info, complete=complete)
    quantities = []
    for org_unit, found in parts:
        value = found.value.quantity if isinstance(found.value, Ratio) else found.value
        if not isinstance(value, Quantity):
            if isinstance(found.value, bool):
                said_en, said_vi = ("yes", "đạt") if found.value else ("no", "không đạt")
            else:  # a rate with a zero denominator
                said_en, said_vi = "zero denominator", "mẫu số bằng 0"
            msg = f"the figure of {org_unit.name} ({said_en}) cannot be added up or averaged"
            raise DataError(
                msg,
                code="data.cannot_aggregate",
                vi=f"không thể cộng dồn hay tính bình quân số liệu của {org_unit.name} ({said_vi})",
                hint="give a number, or remove across_org_units",
                hint_vi="hãy ghi một con số, hoặc bỏ across_org_units",
                **(found.observations[-1].where() if found.observations else where),
            )
        quantities.append(units.convert(value, unit) if unit else value)
    shown_unit = unit if unit is not None else quantities[0].unit
    magnitudes = [units.convert(q, shown_unit).magnitude for q in quantities]
    total = sum(magnitudes, Fraction(0))
    if aggregation is Aggregation.MEAN:
        total /= len(magnitudes)
    return Found(Quantity(total, shown_unit), observations, info, complete=complete)
