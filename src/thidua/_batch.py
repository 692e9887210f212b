"""The batch path of :func:`thidua.evaluate_many`: a plan compiled once, judged for many members.

:func:`compile_plan` resolves every unit, threshold and operator of a plan once
(in base units, exact :class:`~fractions.Fraction` values); :meth:`Compiled.statuses`
then judges one member's observations with dictionary lookups and Fraction
comparisons only -- no pint, no parsing, no explanations. It covers the common
case (each figure given for the period itself, after the period); anything else
-- a roll-up over months or khóm, an in-year evaluation, a figure that the full
path would refuse -- makes it give up for that member, and the full evaluation
(:func:`thidua.evaluation.evaluate_area`) decides, errors included.
``tests/property/test_batch.py`` checks that both paths always agree.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import attrs

from thidua.data import Kind, Observation
from thidua.evaluation import Status, _assess_org_units, combine
from thidua.periods import Period
from thidua.plans import Combine, Indicator, OrgUnit, Plan
from thidua.rules import Assigned, Comparison, Flag, OrgUnits, Previous
from thidua.units import Quantity, Units

__all__ = ["Compiled", "compile_plan"]

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}
_ACTUAL, _ASSIGNED = Kind.ACTUAL, Kind.ASSIGNED
_ZERO = object()  # a rate with a zero denominator


class GiveUp(Exception):  # noqa: N818 - a signal, not an error: the full path decides
    """The batch path cannot decide this member; the full evaluation will."""


Index = Mapping[tuple[str, Period, str | None, Kind], Observation]
#: One member's observations, and the indicators a roll-up might fill in.
_Data = tuple[Index, set[str]]


@attrs.frozen
class _Leaf:
    """One simple indicator (or the per-org-unit rule of an org-unit indicator), compiled."""

    id: str
    #: Reference unit: its dimension and factor to base (None: bare numbers).
    dimension: str | None
    factor: Fraction
    #: Whether a negative value is an error (a count).
    count: bool
    rate: bool
    unit: str | None
    minimum: Fraction | None
    maximum: Fraction | None
    #: The figure may be rolled up (over time, or across khóm): a missing one gives up.
    rolls_up: bool
    across: bool
    zero: Status
    #: A flag's expected value, or None for a comparison.
    expected: bool | None = None
    op: Callable[[Any, Any], bool] | None = None
    #: "constant", "previous" or "assigned".
    operand: str = "constant"
    threshold: Fraction | None = None
    offset: Fraction | None = None
    scale: Fraction | None = None


@attrs.frozen
class _Node:
    id: str
    leaf: _Leaf | None = None
    combine: Combine | None = None
    criteria: tuple[_Node, ...] = ()
    org_units: OrgUnits | None = None


def _base(units: Units, quantity: Quantity, unit: str | None) -> tuple[Fraction, str | None]:
    name = quantity.unit or unit
    if name is None:
        return quantity.magnitude, None
    info = units.resolve(name)
    return quantity.magnitude * info.factor, info.dimension


def _leaf(indicator: Indicator, rule: Comparison | Flag, units: Units) -> _Leaf | None:
    unit = indicator.unit
    info = units.get(unit) if unit else None
    if unit and info is None:
        return None
    common: dict[str, Any] = {
        "id": indicator.id,
        "dimension": info.dimension if info else None,
        "factor": info.factor if info else Fraction(1),
        "count": bool(info and info.count),
        "rate": indicator.rate,
        "unit": unit,
        "minimum": None,
        "maximum": None,
        "rolls_up": indicator.aggregation is not None,
        "across": indicator.across_org_units is not None,
        "zero": Status(indicator.zero_denominator.value),
    }
    for bound in ("minimum", "maximum"):
        value = getattr(indicator, bound)
        if value is not None:
            common[bound], dimension = _base(units, value.with_unit(unit), unit)
            if dimension != common["dimension"]:
                return None
    if isinstance(rule, Flag):
        return _Leaf(**common, expected=rule.expected)
    if unit is None:  # the reference unit would come from the values: leave it to the full path
        return None
    operand = rule.operand
    op = _OPS[rule.op.value]
    if isinstance(operand, Quantity):
        threshold, dimension = _base(units, operand, unit)
        if dimension != common["dimension"]:
            return None
        return _Leaf(**common, op=op, threshold=threshold)
    offset = scale = None
    if isinstance(operand, Previous) and operand.offset is not None:
        offset, dimension = _base(units, operand.offset, unit)
        if dimension != common["dimension"]:
            return None
    if operand.factor is not None:
        scale, dimension = _base(units, operand.factor, None)
        if dimension not in (None, "dimensionless"):
            return None
    kind = "previous" if isinstance(operand, Previous) else "assigned"
    assert isinstance(operand, Previous | Assigned)  # noqa: S101 - the grammar's operands
    return _Leaf(**common, op=op, operand=kind, offset=offset, scale=scale)


def _node(indicator: Indicator, units: Units) -> _Node | None:
    if indicator.is_composite:
        criteria = tuple(_node(c, units) for c in indicator.criteria)
        if any(c is None for c in criteria):
            return None
        return _Node(indicator.id, combine=indicator.combine, criteria=criteria)  # type: ignore[arg-type]
    rule = indicator.rule
    if isinstance(rule, OrgUnits):
        each = indicator.unit_rule
        assert isinstance(each, Comparison | Flag)  # noqa: S101 - guaranteed by Indicator
        leaf = _leaf(indicator, each, units)
        return None if leaf is None else _Node(indicator.id, leaf=leaf, org_units=rule)
    assert isinstance(rule, Comparison | Flag)  # noqa: S101
    leaf = _leaf(indicator, rule, units)
    return None if leaf is None else _Node(indicator.id, leaf=leaf)


@attrs.frozen
class Compiled:
    """A plan compiled for one period: judge a member's observations quickly."""

    period: Period
    previous: Period
    nodes: tuple[_Node, ...]
    units: Units
    #: Factor to base (None for 1) and dimension of each unit, by canonical name.
    scales: Mapping[str, tuple[Fraction | None, str]]

    def statuses(self, index: Index, org_units: Sequence[OrgUnit]) -> dict[str, Status]:
        """The status of every indicator (criteria included) for one member.

        Raises:
            GiveUp: The full evaluation must decide for this member.
        """
        out: dict[str, Status] = {}
        kind = self.period.kind
        # indicators whose missing figure a roll-up might give: parts of other periods, khóm
        partial = {k[0] for k in index if k[1].kind is not kind or k[1].first is not None or k[2]}
        for node in self.nodes:
            self._run(node, (index, partial), org_units, out)
        return out

    def _run(
        self, node: _Node, member: _Data, org_units: Sequence[OrgUnit], out: dict[str, Status]
    ) -> Status:
        if node.criteria:
            assert node.combine is not None  # noqa: S101
            status = combine(
                node.combine, [self._run(c, member, org_units, out) for c in node.criteria]
            )
        elif node.org_units is not None:
            status = self._count(node, member, org_units)
        else:
            assert node.leaf is not None  # noqa: S101
            status = self._judge(node.leaf, member, None, bool(org_units))
        out[node.id] = status
        return status

    def _count(self, node: _Node, member: _Data, org_units: Sequence[OrgUnit]) -> Status:
        index = member[0]
        leaf = node.leaf
        assert leaf is not None  # noqa: S101
        assert node.org_units is not None  # noqa: S101
        statuses = []
        seen = False
        for unit in org_units:
            found = index.get((leaf.id, self.period, unit.id, _ACTUAL))
            if unit.name != unit.id:
                by_name = index.get((leaf.id, self.period, unit.name, _ACTUAL))
                if by_name is not None:
                    if found is not None:
                        raise GiveUp  # written twice: the full path says so
                    found = by_name
            seen = seen or found is not None
            statuses.append(self._judge(leaf, member, found, False, org_unit=unit))
        if not seen and index.get((leaf.id, self.period, None, _ACTUAL)) is not None:
            raise GiveUp  # a count of org units given as one figure
        return _assess_org_units(node.org_units, statuses, ()).status

    def _judge(
        self,
        leaf: _Leaf,
        member: _Data,
        obs: Observation | None,
        has_org_units: bool,
        *,
        org_unit: OrgUnit | None = None,
    ) -> Status:
        index, partial = member
        if org_unit is None:
            obs = index.get((leaf.id, self.period, None, _ACTUAL))
        if (
            obs is None
            and leaf.id in partial
            and (leaf.rolls_up or (leaf.across and has_org_units and org_unit is None))
        ):
            raise GiveUp  # a roll-up might give the figure
        if leaf.expected is not None:
            if obs is None or (obs.value is None and obs.numerator is None):
                return Status.NO_DATA
            if not isinstance(obs.value, bool) or obs.numerator is not None:
                raise GiveUp
            return Status.ACHIEVED if obs.value is leaf.expected else Status.NOT_ACHIEVED
        if leaf.operand == "constant":
            threshold = leaf.threshold
        else:  # looked up (and checked) whether or not the actual is there, as in full
            threshold = self._reference(leaf, member, org_unit, has_org_units)
        if obs is None or (obs.value is None and obs.numerator is None):
            return Status.NO_DATA
        actual = self._value(leaf, obs)
        if actual is _ZERO:
            return leaf.zero
        if threshold is None or threshold is _ZERO:
            return Status.NO_DATA
        assert leaf.op is not None  # noqa: S101
        return Status.ACHIEVED if leaf.op(actual, threshold) else Status.NOT_ACHIEVED

    def _reference(
        self, leaf: _Leaf, member: _Data, org_unit: OrgUnit | None, has_org_units: bool
    ) -> Any:
        index, partial = member
        key = None if org_unit is None else org_unit.id
        if leaf.operand == "previous":
            obs = index.get((leaf.id, self.previous, key, _ACTUAL))
            if obs is None and org_unit is not None and org_unit.name != org_unit.id:
                obs = index.get((leaf.id, self.previous, org_unit.name, _ACTUAL))
            if (
                obs is None
                and leaf.id in partial
                and (leaf.rolls_up or (leaf.across and has_org_units))
            ):
                raise GiveUp
        else:
            obs = index.get((leaf.id, self.period, key, _ASSIGNED))
            if obs is None and org_unit is not None and org_unit.name != org_unit.id:
                obs = index.get((leaf.id, self.period, org_unit.name, _ASSIGNED))
        if obs is None or (obs.value is None and obs.numerator is None):
            return None
        value = self._value(leaf, obs)
        if value is _ZERO:
            return _ZERO
        if leaf.offset is not None:
            return value + leaf.offset
        if leaf.scale is not None:
            return value * leaf.scale
        return value

    def _value(self, leaf: _Leaf, obs: Observation) -> Any:
        """The observed value in base units, validated as the full path validates it."""
        value = obs.value
        if obs.numerator is not None and obs.denominator is not None:  # a rate
            if not leaf.rate and leaf.unit not in (None, "percent", "dimensionless"):
                raise GiveUp
            if not obs.denominator:
                return _ZERO
            magnitude = obs.numerator / obs.denominator
            if leaf.dimension != "dimensionless":
                raise GiveUp
        elif isinstance(value, Quantity):
            if value.unit is None:
                magnitude = value.magnitude * leaf.factor
            else:
                scale = self.scales.get(value.unit)
                if scale is None or scale[1] != leaf.dimension:
                    raise GiveUp
                magnitude = value.magnitude if scale[0] is None else value.magnitude * scale[0]
        else:
            raise GiveUp  # yes/no against a number: the full path explains the error
        if leaf.count and magnitude < 0:
            raise GiveUp
        if (leaf.minimum is not None and magnitude < leaf.minimum) or (
            leaf.maximum is not None and magnitude > leaf.maximum
        ):
            raise GiveUp
        return magnitude


def compile_plan(plan: Plan, period: Period) -> Compiled | None:
    """The plan compiled for ``period``, or None when an indicator needs the full path."""
    units = plan.unit_registry()
    nodes = []
    for _, indicator in plan.top_indicators():
        node = _node(indicator, units)
        if node is None:
            return None
        nodes.append(node)
    scales = {u.name: (None if u.factor == 1 else u.factor, u.dimension) for u in units}
    return Compiled(period, period.previous(), tuple(nodes), units, scales)
