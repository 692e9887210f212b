"""Outlooks: where an indicator stands before its period ends, and where it is heading."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from thidua import _explain
from thidua.data import Kind, Observation, Value
from thidua.evaluation.core import combine
from thidua.evaluation.outcomes import Assessment, Explanation, Outlook, Pace, Status
from thidua.evaluation.results import Result
from thidua.evaluation.rollup import Found
from thidua.plans import Aggregation, Indicator, OrgUnit
from thidua.rules import Comparison, Flag, Range
from thidua.units import Quantity

if TYPE_CHECKING:
    from thidua.evaluation.engine import Run

__all__ = ["combined_outlook", "leaf_outlook", "pace_of"]


def leaf_outlook(  # noqa: PLR0917 - the parts of one leaf's judgement
    run: Run,
    indicator: Indicator,
    rule: Comparison | Range | Flag,
    actual: Found,
    judge: Callable[..., Assessment],
    org_unit: OrgUnit | None,
) -> tuple[Outlook, Observation | None]:
    """The outlook of a simple indicator, and the estimate observation it used, if any."""
    assert run.as_of is not None  # noqa: S101 - only called in-year
    through = actual.rollup.through if actual.rollup else None
    elapsed = None
    if through is not None:
        elapsed = Fraction((through - run.period.start).days + 1, run.period.days)
    estimate = None
    if org_unit is None:
        estimate = run.observation(indicator.id, run.period, Kind.ESTIMATE)
    else:
        estimate = run.org_unit_observation(indicator.id, org_unit, run.period, Kind.ESTIMATE)
        if estimate is not None:
            run.used.add(id(estimate))
    so_far = run._shown(actual.value, indicator)
    projected: Value | None
    if estimate is not None:
        projected, method = run.validate(indicator, estimate), "estimate"
    elif actual.value is None:
        projected, method = None, None
    elif indicator.aggregation is Aggregation.SUM and isinstance(so_far, Quantity) and elapsed:
        projected, method = Quantity(so_far.magnitude / elapsed, so_far.unit), "linear"
    else:
        projected = actual.value
        how = indicator.aggregation
        method = "latest" if how is None or how is Aggregation.LAST else how.value
    projected_assessment = judge(projected)
    projected_status = projected_assessment.status
    pace: Pace | None = None
    pro_rata = None
    target = projected_assessment.target
    if (
        indicator.aggregation is Aggregation.SUM
        and isinstance(rule, Comparison | Range)
        and isinstance(so_far, Quantity)
        and target is not None
        and target.quantity is not None
        and elapsed is not None
    ):
        pro_rata = Quantity(target.quantity.magnitude * elapsed, target.quantity.unit)
        so_far_base, _ = run.units.base(so_far)
        pro_rata_base, _ = run.units.base(pro_rata)
        pace = Pace.ON_TRACK if rule.op.holds(so_far_base, pro_rata_base) else Pace.BEHIND
    elif projected_status is Status.ACHIEVED:
        pace = Pace.ON_TRACK
    elif projected_status is Status.NOT_ACHIEVED:
        pace = Pace.BEHIND
    shown = run._shown(projected, indicator)
    outlook = Outlook(
        run.as_of,
        pace,
        shown,
        projected_status,
        method,
        so_far=so_far,
        through=through,
        elapsed=elapsed,
        pro_rata=pro_rata,
    )
    explained = attrs.evolve(
        outlook,
        explanation=Explanation(*_explain.outlook(indicator, outlook, run.period, run.units)),
    )
    return explained, estimate


def pace_of(status: Status) -> Pace | None:
    """On track if the projection is achieved, behind if not, None if unknown."""
    if status is Status.ACHIEVED:
        return Pace.ON_TRACK
    if status is Status.NOT_ACHIEVED:
        return Pace.BEHIND
    return None


def combined_outlook(indicator: Indicator, criteria: Sequence[Result], as_of: dt.date) -> Outlook:
    """The outlook of a composite: its criteria's projected statuses combined."""
    assert indicator.combine is not None  # noqa: S101
    projected = combine(
        indicator.combine,
        (c.outlook.projected_status if c.outlook else Status.NO_DATA for c in criteria),
    )
    return Outlook(
        as_of,
        pace_of(projected),
        None,
        projected,
        "criteria",
        explanation=Explanation(*_explain.projected_status(indicator, projected)),
    )
