"""The references of (c) and the pint loop: the same numbers compared by hand.

The floor is the least an exact evaluation can do: for every comparison rule
whose figures are there, one exact :class:`~fractions.Fraction` comparison of
the actual and the threshold in base units (for a roll-up, the sum of the
khóm's Fractions first). The numbers are read from the form's own data before
the clock starts; the loop does nothing else.
"""

from __future__ import annotations

import dataclasses
import operator
import time
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, NamedTuple

import thidua
from thidua import Dataset, Kind, Observation, Quantity
from thidua.clusters import Member

OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}

#: Where a form keeps a figure: (member, indicator, period, kind, khóm or None) → observation.
Getter = Callable[[str, str, str, Kind, "str | None"], "Observation | None"]


class Direct(NamedTuple):
    """One comparison of a unit's own figure (the threshold resolved beforehand)."""

    op: str
    actual: Fraction  # base units
    threshold: Fraction  # base units
    actual_q: Quantity  # as given, for the pint loop
    threshold_q: Quantity


class Rolled(NamedTuple):
    """One comparison whose figures are the khóm's: summed in the loop, then compared."""

    op: str
    actual: tuple[Fraction, ...]  # the khóm's, base units
    threshold: tuple[Fraction, ...]  # the khóm's previous figures (x factor), or ()
    add: Fraction  # added to the summed threshold: a constant threshold, or previous' offset


def per_unit_getter(data: dict[str, Dataset]) -> Getter:
    """Figures of a dataset per unit (a khóm's under its own id, ``K1``)."""

    def get(member: str, indicator: str, period: str, kind: Kind, khom: str | None) -> Any:
        return data[member].get(indicator, period, kind=kind, org_unit=khom)

    return get


def shared_getter(data: Dataset) -> Getter:
    """Figures of one dataset naming the units (``U00000``, ``U00000/K1``)."""

    def get(member: str, indicator: str, period: str, kind: Kind, khom: str | None) -> Any:
        where = member if khom is None else f"{member}/{khom}"
        return data.get(indicator, period, kind=kind, org_unit=where)

    return get


def _quantity(obs: Observation | None) -> Quantity | None:
    if obs is None:
        return None
    value = obs.observed
    if isinstance(value, thidua.Ratio):
        return value.quantity
    return value if isinstance(value, Quantity) else None


@dataclasses.dataclass
class _Reader:
    """Reads one form's figures as Fractions in base units."""

    units: thidua.Units
    get: Getter
    khom: Sequence[str]

    def base(self, q: Quantity, unit: str) -> Fraction:
        """``q`` (a bare number in ``unit``) in base units."""
        return self.units.base(self.units.convert(q.with_unit(q.unit or unit), unit))[0]

    def figure(
        self, member: str, leaf: thidua.Indicator, period: str, kind: Kind
    ) -> tuple[tuple[Quantity, ...], bool] | None:
        """The unit's own figure (a 1-tuple, False), the khóm's (True), or None: no data."""
        own = _quantity(self.get(member, leaf.id, period, kind, None))
        if own is not None:
            return (own,), False
        if not self.khom or leaf.across_org_units is None:
            return None
        if leaf.across_org_units.value != "sum":
            msg = f"{leaf.id}: the floor sums khóm; across_org_units = {leaf.across_org_units}"
            raise NotImplementedError(msg)
        parts = [_quantity(self.get(member, leaf.id, period, kind, k)) for k in self.khom]
        if any(p is None for p in parts):
            return None  # a khóm without a figure is a gap: no data
        return tuple(p for p in parts if p is not None), True

    def row(self, member: str, leaf: thidua.Indicator, period: str) -> Direct | Rolled | None:
        """The comparison of one member's indicator, or None when a figure is missing."""
        rule, unit = leaf.rule, leaf.unit
        assert isinstance(rule, thidua.Comparison)  # noqa: S101 - leaves with comparisons
        assert unit is not None  # noqa: S101 - ditto
        actual = self.figure(member, leaf, period, Kind.ACTUAL)
        if actual is None:
            return None
        operand = rule.operand
        add, scale, offset = Fraction(0), Fraction(1), None
        if isinstance(operand, Quantity):
            reference = None
            add = self.base(operand, unit)
        else:
            if isinstance(operand, thidua.Previous):
                reference = self.figure(member, leaf, str(int(period) - 1), Kind.ACTUAL)
                offset = operand.offset
            else:
                reference = self.figure(member, leaf, period, Kind.ASSIGNED)
            if reference is None:
                return None
            if operand.factor is not None:
                scale = self.units.base(operand.factor)[0]
            if offset is not None:
                add = self.base(offset, unit)
        op = rule.op.value
        if actual[1] or (reference is not None and reference[1]):
            parts = (
                () if reference is None else tuple(self.base(p, unit) * scale for p in reference[0])
            )
            return Rolled(op, tuple(self.base(p, unit) for p in actual[0]), parts, add)
        (a,) = actual[0]
        if reference is None:
            assert isinstance(operand, Quantity)  # noqa: S101 - a constant threshold
            threshold = operand.with_unit(operand.unit or unit)
            return Direct(op, self.base(a, unit), add, a, threshold)
        (ref,) = reference[0]
        shift = Fraction(0)  # the offset in the reference's own unit, as a user would write it
        if offset is not None:
            shift = self.units.convert(
                offset.with_unit(offset.unit or unit), ref.unit or unit
            ).magnitude
        threshold = Quantity(ref.magnitude * scale + shift, ref.unit or unit)
        t = self.base(ref, unit) * scale + add
        return Direct(op, self.base(a, unit), t, a, threshold)


def rows(
    plan: thidua.Plan,
    members: Sequence[Member],
    get: Getter,
    period: str = "2024",
    *,
    khom: Sequence[str] = (),
) -> list[Direct | Rolled]:
    """The comparisons of every member whose figures are there, read through ``get``.

    With ``khom`` (the member's org units), an indicator that declares
    ``across_org_units = "sum"`` and has no figure of the unit's own takes its
    khóm's figures (all of them, or none: no data), to be summed in the loop.
    """
    reader = _Reader(plan.unit_registry(), get, khom)
    leaves = [i for i in plan.indicators() if isinstance(i.rule, thidua.Comparison) and i.unit]
    out = []
    for member in members:
        for leaf in leaves:
            row = reader.row(member.id, leaf, period)
            if row is not None:
                out.append(row)
    return out


def floor_seconds(numbers: Sequence[Direct | Rolled]) -> float:
    """The time of the floor loop over ``numbers``: exact comparisons, nothing else.

    As the floor has always been written: the operator looked up by its text,
    then applied to two Fractions in base units.
    """
    direct = [(r.op, r.actual, r.threshold) for r in numbers if isinstance(r, Direct)]
    rolled = [(r.op, r.actual, r.threshold, r.add) for r in numbers if isinstance(r, Rolled)]
    start = time.perf_counter()
    for op, a, t in direct:
        OPS[op](a, t)
    for op, a_parts, t_parts, add in rolled:  # the khóm summed exactly, then compared
        OPS[op](sum(a_parts), sum(t_parts) + add)
    return time.perf_counter() - start


def _pint_unit(unit: str | None) -> str:
    return {None: "dimensionless", "percent": "percent"}.get(unit, unit or "dimensionless")


def pint_loop(numbers: Sequence[Direct | Rolled], sample: int) -> dict[str, Any]:
    """The naive pint loop over the first ``sample`` comparisons: quantities as given."""
    import pint  # noqa: PLC0415 - only for the naive reference loop

    registry: Any = pint.UnitRegistry(non_int_type=Fraction)
    for name in (
        "household",
        "person",
        "establishment",
        "product",
        "project",
        "initiative",
        "case",
        "house",
        "point",
        "VND",
    ):
        registry.define(f"{name} = [{name}]")
    for name, factor in (("thousand_VND", 10**3), ("million_VND", 10**6), ("billion_VND", 10**9)):
        registry.define(f"{name} = {factor} VND")
    chosen = [r for r in numbers if isinstance(r, Direct)][:sample]
    written = [
        (
            r.actual_q.magnitude,
            _pint_unit(r.actual_q.unit),
            r.threshold_q.magnitude,
            _pint_unit(r.threshold_q.unit or r.actual_q.unit),
            r.op,
        )
        for r in chosen
    ]
    quantity = registry.Quantity
    built = [(quantity(a, au), quantity(t, tu), OPS[op]) for a, au, t, tu, op in written]
    done = len(built)
    start = time.perf_counter()
    for qa, qt, compare in built:  # what a user would write: pint quantities compared
        compare(qa, qt)
    naive = (time.perf_counter() - start) / done
    cases: dict[str, dict[str, float]] = {}
    for case, same in (("same unit", True), ("across units", False)):
        picked = [(qa, qt, c) for qa, qt, c in built if (qa.units == qt.units) is same]
        start = time.perf_counter()
        for qa, qt, compare in picked:
            compare(qa, qt)
        if picked:
            cases[case] = {
                "comparisons": len(picked),
                "per_comparison_us": (time.perf_counter() - start) / len(picked) * 1e6,
            }
    start = time.perf_counter()
    for a, au, t, tu, op in written:  # the quantities made from the numbers in the loop itself
        OPS[op](quantity(a, au), quantity(t, tu))
    cases["quantities built in the loop"] = {
        "comparisons": done,
        "per_comparison_us": (time.perf_counter() - start) / done * 1e6,
    }
    return {"comparisons": done, "per_comparison_us": naive * 1e6, "cases": cases}
