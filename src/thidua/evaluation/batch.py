"""The batch path of :func:`thidua.evaluate_many`: a plan compiled once, judged for many members.

:func:`compile_plan` resolves every unit, threshold, bound and operator of a plan
once. A threshold is kept, for every unit a figure may be written in, as a pair of
integers in that unit -- so judging ``98,5 %`` against ``> 98 %`` is one lookup
and one comparison of integer products, exact, with no pint, no
:class:`~fractions.Fraction` arithmetic, no parsing and no explanations.

:meth:`Compiled.statuses` judges members through a :class:`View` each of their
data: lookups in the dataset's own tables (no copy, no split of a shared
dataset). It goes indicator by indicator over blocks of members, so each
indicator's compiled form is read once per block while the block's figures stay
in the processor's cache. It covers the common case (each figure given for the
period itself, after the period); anything else -- a figure a roll-up over months
or khóm might give, an in-year evaluation, a member written two ways, a figure
the full path would refuse -- makes it give up for that member, and the full
evaluation (:func:`thidua.evaluation.evaluate_area`) decides, errors included.
``tests/property/test_batch.py`` checks that both paths always agree;
``tests/test_batch.py`` does so case by case, and says where each case is decided.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import Any, NamedTuple

import attrs

from thidua.data import Dataset, Kind, Observation
from thidua.errors import not_found
from thidua.evaluation.outcomes import Status
from thidua.periods import Period, PeriodKind
from thidua.plans import Combine, Indicator, OrgUnit, Plan
from thidua.rules import Assigned, Comparison, Flag, OrgUnits, Previous
from thidua.units import Quantity, Units

__all__ = ["ABSENT", "Compiled", "GiveUp", "Shape", "Statuses", "View", "compile_plan", "view"]

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}
_ACTUAL, _ASSIGNED = Kind.ACTUAL, Kind.ASSIGNED
_ACHIEVED, _NOT_ACHIEVED = Status.ACHIEVED, Status.NOT_ACHIEVED
_NO_DATA, _NOT_APPLICABLE = Status.NO_DATA, Status.NOT_APPLICABLE
ABSENT = object()  # an org-unit key no observation has
_NONE: Mapping[str, Observation] = MappingProxyType({})
_ZERO = object()  # a rate with a zero denominator

#: An exact number as (numerator, denominator), the denominator positive.
_Pair = tuple[int, int]


class GiveUp(Exception):  # noqa: N818 - a signal, not an error: the full path decides
    """The batch path cannot decide this member; the full evaluation will."""


class View(NamedTuple):
    """One member's data as the batch path reads it (see :func:`view`)."""

    #: The member's own actual figures for the period, by indicator.
    own: Mapping[str, Observation]
    #: Its own actual figures for the previous period, and its assigned targets.
    before: Mapping[str, Observation]
    assigned: Mapping[str, Observation]
    #: The dataset's figures by (period number, org-unit key, kind), then indicator.
    group: Callable[[tuple[int, object, Kind]], Mapping[str, Observation] | None]
    #: The dataset's numbers for the period and the previous period (-1: none of its figures).
    period: int
    previous: int
    #: The kind of the period (and of the previous period).
    kind: PeriodKind
    #: The org-unit key of the member's own figures.
    owner: object
    #: The org-unit key of each of the member's org units, by its id or name as
    #: written; None: the member has the dataset to itself, and an org unit's id or
    #: name is its key.
    units: Mapping[str, object] | None
    #: Every org-unit key of the member's org units present in the dataset (None:
    #: found when first asked for).
    unit_keys: Collection[object] | None
    #: The dataset, for the rare questions :class:`Shape` answers.
    dataset: Dataset
    shape: Shape


@attrs.define
class Shape:
    """What datasets hold beyond the figures looked up: computed only when asked, once.

    One per batch: a memo of answers by dataset (their ids, the datasets being alive
    for the whole batch).
    """

    _finer: dict[tuple[int, PeriodKind], frozenset[tuple[str, Any]]] = attrs.field(factory=dict)
    _series: dict[int, frozenset[tuple[str, Any]]] = attrs.field(factory=dict)

    def finer(self, dataset: Dataset, kind: PeriodKind) -> frozenset[tuple[str, Any]]:
        """(indicator, org unit) with figures for other kinds of period, or for ranges."""
        found = self._finer.get((id(dataset), kind))
        if found is None:
            if all(p.kind is kind and p.first is None for p in dataset._periods):
                found = frozenset()
            else:
                found = frozenset(
                    (o.indicator, o.org_unit)
                    for o in dataset.observations
                    if o.period.kind is not kind or o.period.first is not None
                )
            self._finer[id(dataset), kind] = found
        return found

    def unit_keys(self, member: View) -> Collection[object]:
        """Every org-unit key of the member's org units present in its dataset."""
        if member.units is None:  # the member's own dataset: any org unit's figures
            return [u for u in member.dataset.org_units if u is not None]
        return list(member.units.values())

    def series(self, dataset: Dataset) -> frozenset[tuple[str, Any]]:
        """(indicator, org unit) of every figure."""
        found = self._series.get(id(dataset))
        if found is None:
            found = frozenset((o.indicator, o.org_unit) for o in dataset.observations)
            self._series[id(dataset)] = found
        return found


def view(
    dataset: Dataset,
    period: Period,
    previous: Period,
    shape: Shape,
    *,
    owner: object = None,
    units: Mapping[str, object] | None = None,
    has_org_units: bool = True,
    numbers: tuple[int, int] | None = None,
) -> View:
    """A member's view of ``dataset`` (``shape``: the batch's memo).

    With ``owner`` None the dataset is the member's own: its figures have no org
    unit and its org units' figures are keyed by their id or name. Otherwise the
    member's figures are those keyed ``owner`` and ``units`` maps each of its org
    units' labels (id or name, as written) to its key in the dataset. A member
    without org units (``has_org_units`` False) has no khóm figures to roll up.
    ``numbers``: the dataset's numbers of the two periods, if already looked up.
    """
    unit_keys: Collection[object] | None = None if has_org_units else ()
    groups: Any = dataset._groups  # read in place: no copy, no split
    now, before = numbers or (dataset._periods.get(period, -1), dataset._periods.get(previous, -1))
    return tuple.__new__(  # View(...) without its Python-level __new__: one per member
        View,
        (
            groups.get((now, owner, _ACTUAL), _NONE),
            groups.get((before, owner, _ACTUAL), _NONE),
            groups.get((now, owner, _ASSIGNED), _NONE),
            groups.get,
            now,
            before,
            period.kind,
            owner,
            units,
            unit_keys,
            dataset,
            shape,
        ),
    )


def _pair(value: Fraction) -> _Pair:
    return value.numerator, value.denominator


#: How a figure written in one unit reads against one indicator: the factor from
#: that unit to base (n, d), the constant threshold in that unit (n, d; 0, 1 when
#: the rule has none), and the lowest and highest valid figure in that unit (counts
#: are not negative; the indicator's minimum and maximum), each (n, d) or None.
_Scale = tuple[int, int, int, int, "_Pair | None", "_Pair | None"]


@attrs.frozen
class _Leaf:
    """One simple indicator (or the per-org-unit rule of an org-unit indicator), compiled.

    Numbers are integer pairs (n, d) with d > 0, compared by cross-multiplying:
    exact, and several times faster than comparing :class:`~fractions.Fraction`.
    """

    id: str
    #: Reference unit: its dimension (None: bare numbers).
    dimension: str | None
    rate: bool
    unit: str | None
    #: Valid range in base units (counts are not negative).
    low: _Pair | None
    high: _Pair | None
    #: The figure may be rolled up over time, or across khóm.
    rolls_up: bool
    across: bool
    zero: Status
    #: For each unit a figure may be written in (None: the indicator's), how it reads.
    scales: Mapping[str | None, _Scale]
    #: A flag's expected value, or None for a comparison.
    expected: bool | None = None
    op: Callable[[int, int], bool] | None = None
    #: "constant", "previous" or "assigned".
    operand: str = "constant"
    #: The constant threshold in base units.
    threshold: _Pair | None = None
    offset: _Pair | None = None
    scale: _Pair | None = None

    def column(self, members: list[View | None], org_units: object, columns: object) -> _Column:
        """The status of each member's own figure (a step); see :meth:`Compiled.statuses`."""
        if self.threshold is None and self.expected is None:
            return self._column_of_references(members)
        out: _Column = []
        append = out.append
        lid = self.id
        threshold = self.threshold
        scales = self.scales
        op = self.op
        # a rate (numerator/denominator) reads in base units, against the base threshold
        rates = (
            threshold is not None
            and self.dimension == "dimensionless"
            and (self.rate or self.unit in (None, "percent", "dimensionless"))
        )
        tn, td = threshold or (0, 1)
        low, high = self.low, self.high
        for i, member in enumerate(members):
            if member is None:
                append(None)
                continue
            try:
                obs = member[0].get(lid)  # View.own
                if threshold is not None and obs is not None and obs.numerator is None:
                    value = obs.value
                    if value.__class__ is Quantity:  # the common case, inline
                        scale = scales.get(value.unit)
                        if scale is not None:
                            n, d = value.magnitude.as_integer_ratio()
                            _, _, un, ud, ulow, uhigh = scale
                            if (ulow is None or n * ulow[1] >= ulow[0] * d) and (
                                uhigh is None or n * uhigh[1] <= uhigh[0] * d
                            ):
                                append(_ACHIEVED if op(n * ud, un * d) else _NOT_ACHIEVED)  # type: ignore[misc]
                                continue
                elif rates and obs is not None and obs.denominator:  # a rate, inline
                    nn, nd = obs.numerator.as_integer_ratio()  # type: ignore[union-attr]
                    dn, dd = obs.denominator.as_integer_ratio()
                    n, d = nn * dd, nd * dn
                    if (low is None or n * low[1] >= low[0] * d) and (
                        high is None or n * high[1] <= high[0] * d
                    ):
                        append(_ACHIEVED if op(n * td, tn * d) else _NOT_ACHIEVED)  # type: ignore[misc]
                        continue
                append(self.judge(member))
            except GiveUp:
                members[i] = None
                append(None)
        return out

    def _column_of_references(self, members: list[View | None]) -> _Column:
        """:meth:`column` for a rule against the previous or the assigned figure."""
        out: _Column = []
        append = out.append
        lid = self.id
        scales = self.scales
        op = self.op
        which = 1 if self.operand == "previous" else 2  # View.before or View.assigned
        offset, factor = self.offset, self.scale
        for i, member in enumerate(members):
            if member is None:
                append(None)
                continue
            try:
                obs = member[0].get(lid)  # View.own
                ref = member[which].get(lid)  # type: ignore[attr-defined]
                if (
                    obs is not None
                    and ref is not None
                    and obs.numerator is None
                    and ref.numerator is None
                    and (a := obs.value).__class__ is Quantity
                    and (b := ref.value).__class__ is Quantity
                ):  # the common case, inline: two figures in known units, in range
                    mine = scales.get(a.unit)
                    theirs = scales.get(b.unit)
                    if mine is not None and theirs is not None:
                        n, d = a.magnitude.as_integer_ratio()
                        rn, rd = b.magnitude.as_integer_ratio()
                        fn, fd, _, _, low, high = mine
                        gn, gd, _, _, rlow, rhigh = theirs
                        if (
                            (low is None or n * low[1] >= low[0] * d)
                            and (high is None or n * high[1] <= high[0] * d)
                            and (rlow is None or rn * rlow[1] >= rlow[0] * rd)
                            and (rhigh is None or rn * rhigh[1] <= rhigh[0] * rd)
                        ):
                            n, d, rn, rd = n * fn, d * fd, rn * gn, rd * gd
                            if offset is not None:
                                rn, rd = rn * offset[1] + offset[0] * rd, rd * offset[1]
                            elif factor is not None:
                                rn, rd = rn * factor[0], rd * factor[1]
                            append(_ACHIEVED if op(n * rd, rn * d) else _NOT_ACHIEVED)  # type: ignore[misc]
                            continue
                append(self.judge(member))
            except GiveUp:
                members[i] = None
                append(None)
        return out

    def judge(self, member: View) -> Status:
        """The status of the member's own figure."""
        obs = member.own.get(self.id)
        if obs is None:
            if self.could_roll_up(member, member.owner):
                raise GiveUp
            return self.decide(member, None, None)
        if self.threshold is not None:
            return self.against(obs)
        if (
            self.operand == "previous"
            and member.before.get(self.id) is None
            and self.could_roll_up(member, member.owner)
        ):
            raise GiveUp  # the previous figure might be rolled up from finer ones
        return self.decide(member, obs, None)

    def against(self, obs: Observation) -> Status:
        """The status of a figure against the constant threshold."""
        value = obs.value
        if value.__class__ is Quantity and obs.numerator is None:  # the common case, inline
            scale = self.scales.get(value.unit)
            if scale is None:
                raise GiveUp  # another dimension: the full path explains
            n, d = value.magnitude.as_integer_ratio()
            _, _, tn, td, low, high = scale
            if (low is not None and n * low[1] < low[0] * d) or (
                high is not None and n * high[1] > high[0] * d
            ):
                raise GiveUp  # a bad figure: the full path explains
            return _ACHIEVED if self.op(n * td, tn * d) else _NOT_ACHIEVED  # type: ignore[misc]
        if value is None and obs.numerator is None:
            return _NO_DATA
        actual = self._base(obs)
        if actual is _ZERO:
            return self.zero
        (an, ad), (tn, td) = actual, self.threshold or (0, 1)
        return _ACHIEVED if self.op(an * td, tn * ad) else _NOT_ACHIEVED  # type: ignore[misc]

    def decide(self, member: View, obs: Observation | None, unit: OrgUnit | None) -> Status:
        """The status of ``obs`` (None: missing) for the member or one of its org units."""
        if self.expected is not None:
            if obs is None or (obs.value is None and obs.numerator is None):
                return _NO_DATA
            if obs.value.__class__ is not bool or obs.numerator is not None:
                raise GiveUp
            return _ACHIEVED if obs.value is self.expected else _NOT_ACHIEVED
        if self.operand == "constant":
            reference: Any = self.threshold
        else:  # looked up (and checked) whether or not the actual is there, as in full
            reference = self._reference(member, unit)
        if obs is None or (obs.value is None and obs.numerator is None):
            return _NO_DATA
        actual = self._base(obs)
        if actual is _ZERO:
            return self.zero
        if reference is None or reference is _ZERO:
            return _NO_DATA
        (an, ad), (rn, rd) = actual, reference
        return _ACHIEVED if self.op(an * rd, rn * ad) else _NOT_ACHIEVED  # type: ignore[misc]

    def could_roll_up(self, member: View, key: object) -> bool:
        """Whether the full path might roll the missing figure up from other figures."""
        if self.rolls_up and (self.id, key) in member.shape.finer(member.dataset, member.kind):
            return True
        if self.across and key is member.owner:
            keys = member.unit_keys
            if keys is None:
                keys = member.shape.unit_keys(member)
            series = member.shape.series(member.dataset) if keys else ()
            return any((self.id, k) in series for k in keys)
        return False

    def _reference(self, member: View, unit: OrgUnit | None) -> Any:
        """The previous or assigned figure in base units, offset or scaled."""
        previous = self.operand == "previous"
        if unit is None:  # the member's own reference: judge() has asked could_roll_up
            obs = (member.before if previous else member.assigned).get(self.id)
        else:
            keys = _unit_keys(member, unit)
            kind = _ACTUAL if previous else _ASSIGNED
            period = member.previous if previous else member.period
            obs = None
            for key in keys:
                obs = _figure(member, (period, key, kind), self.id)
                if obs is not None:
                    break
            if obs is None and previous and any(self.could_roll_up(member, k) for k in keys):
                raise GiveUp
        if obs is None or (obs.value is None and obs.numerator is None):
            return None
        value = self._base(obs)
        if value is _ZERO:
            return _ZERO
        n, d = value
        if self.offset is not None:
            on, od = self.offset
            return n * od + on * d, d * od
        if self.scale is not None:
            sn, sd = self.scale
            return n * sn, d * sd
        return value

    def _base(self, obs: Observation) -> Any:
        """The observed value in base units as (n, d), validated as the full path validates it."""
        value = obs.value
        if obs.numerator is None:
            if value.__class__ is not Quantity:
                raise GiveUp  # yes/no against a number: the full path explains the error
            scale = self.scales.get(value.unit)
            if scale is None:
                raise GiveUp
            n, d = value.magnitude.as_integer_ratio()
            fn, fd, _, _, low, high = scale
        else:  # a rate
            if not self.rate and self.unit not in (None, "percent", "dimensionless"):
                raise GiveUp
            if not obs.denominator:
                return _ZERO
            if self.dimension != "dimensionless":
                raise GiveUp  # pragma: no cover - a rate indicator is in percent
            nn, nd = obs.numerator.as_integer_ratio()
            dn, dd = obs.denominator.as_integer_ratio()
            n, d, fn, fd, low, high = nn * dd, nd * dn, 1, 1, self.low, self.high
        if (low is not None and n * low[1] < low[0] * d) or (
            high is not None and n * high[1] > high[0] * d
        ):
            raise GiveUp  # a bad figure: the full path explains
        return n * fn, d * fd


def _figure(member: View, where: tuple[int, object, Kind], indicator: str) -> Observation | None:
    group = member.group(where)
    return None if group is None else group.get(indicator)


def _unit_keys(member: View, unit: OrgUnit) -> list[object]:
    labels = member.units
    if labels is None:
        return [unit.id] if unit.name == unit.id else [unit.id, unit.name]
    keys = [] if (key := labels.get(unit.id)) is None else [key]
    if unit.name != unit.id and (key := labels.get(unit.name)) is not None:
        keys.append(key)
    return keys  # only keys the dataset has: a khóm without rows has no figures


@attrs.frozen
class _Count:
    """An org-unit indicator: its per-unit rule judged for each of the member's org units."""

    leaf: _Leaf
    rule: OrgUnits

    def column(
        self,
        members: list[View | None],
        org_units: Sequence[Sequence[OrgUnit]],
        columns: object,
    ) -> _Column:
        """The status of the count for each member and its org units (a step)."""
        out: _Column = []
        labels: dict[
            int, list[tuple[OrgUnit, list[object]]]
        ] = {}  # by id() of a member's org units
        for i, member in enumerate(members):
            if member is None:
                out.append(None)
                continue
            own = org_units[i]
            try:
                if member.units is None:  # labels are keys: the same for every member
                    keyed = labels.get(id(own))
                    if keyed is None:
                        keyed = labels[id(own)] = [(u, _unit_keys(member, u)) for u in own]
                    out.append(self.judge(member, own, keyed))
                else:
                    out.append(self.judge(member, own))
            except GiveUp:
                members[i] = None
                out.append(None)
        return out

    def judge(
        self,
        member: View,
        org_units: Sequence[OrgUnit],
        keyed: Sequence[tuple[OrgUnit, list[object]]] | None = None,
    ) -> Status:
        """The status of the org-unit count for the member's ``org_units``.

        ``keyed``: each org unit with its keys in the member's data, if known.
        """
        leaf = self.leaf
        lid = leaf.id
        period = member.period
        against = leaf.against if leaf.threshold is not None else None
        counts = {_ACHIEVED: 0, _NOT_ACHIEVED: 0, _NO_DATA: 0, _NOT_APPLICABLE: 0}
        seen = False
        if keyed is None:
            keyed = [(u, _unit_keys(member, u)) for u in org_units]
        for unit, keys in keyed:
            found = None
            for key in keys:
                obs = _figure(member, (period, key, _ACTUAL), lid)
                if obs is not None:
                    if found is not None:
                        raise GiveUp  # written twice: the full path says so
                    found = obs
            if found is None:
                if any(leaf.could_roll_up(member, k) for k in keys):
                    raise GiveUp
                counts[leaf.decide(member, found, unit)] += 1
            else:
                seen = True
                counts[against(found) if against else leaf.decide(member, found, unit)] += 1
        if not seen and member.own.get(lid) is not None:
            raise GiveUp  # a count of org units given as one figure
        return _count_status(self.rule, counts)


def _count_status(rule: OrgUnits, counts: Mapping[Status, int]) -> Status:
    """As :func:`thidua.evaluation._assess_org_units` decides, from the counts of statuses."""
    achieved, unknown = counts[_ACHIEVED], counts[_NO_DATA]
    relevant = achieved + unknown + counts[_NOT_ACHIEVED]
    if not relevant:
        return _NOT_APPLICABLE
    required = relevant if rule.count is None else rule.count
    holds = _OPS[rule.op.value]
    outcomes = {holds(x, required) for x in range(achieved, achieved + unknown + 1)}
    if len(outcomes) > 1:
        return _NO_DATA
    return _ACHIEVED if outcomes == {True} else _NOT_ACHIEVED


@attrs.frozen
class _Composite:
    """A composite indicator: its criteria's statuses combined."""

    how: Combine
    #: The places of its criteria among the steps.
    criteria: tuple[int, ...]

    def column(
        self, members: list[View | None], org_units: object, columns: list[_Column]
    ) -> _Column:
        """The combined status of each member (a step): :func:`thidua.evaluation.combine`."""
        decisive = _NOT_ACHIEVED if self.how is Combine.ALL else _ACHIEVED
        otherwise = _ACHIEVED if self.how is Combine.ALL else _NOT_ACHIEVED
        out: _Column = []
        append = out.append
        for member, statuses in zip(
            members, zip(*(columns[i] for i in self.criteria), strict=True), strict=True
        ):
            if member is None:
                append(None)
            elif decisive in statuses:
                append(decisive)
            elif _NO_DATA in statuses:
                append(_NO_DATA)
            elif statuses.count(_NOT_APPLICABLE) == len(statuses):
                append(_NOT_APPLICABLE)
            else:
                append(otherwise)
        return out


#: Members judged together, indicator by indicator: enough to read each indicator's
#: compiled form once for many members, few enough that their figures stay in the
#: processor's cache from one indicator to the next.
_BLOCK = 128

#: The status of one indicator for each member (None: that member gave up).
_Column = list["Status | None"]
#: One step of a compiled plan: judge a leaf, an org-unit count or a composite for
#: every member, given the members' org units and the columns of the steps before.
_Step = Callable[[list["View | None"], Sequence[Sequence[OrgUnit]], list[_Column]], _Column]


def _base_value(units: Units, quantity: Quantity, unit: str | None) -> tuple[Fraction, str | None]:
    name = quantity.unit or unit
    if name is None:
        return quantity.magnitude, None
    info = units.resolve(name)
    return quantity.magnitude * info.factor, info.dimension


def _scales(
    units: Units,
    *,
    unit: str | None,
    dimension: str | None,
    threshold: Fraction | None,
    low: Fraction | None,
    high: Fraction | None,
) -> dict[str | None, _Scale]:
    """How figures in each unit of the indicator's dimension read against it."""
    out: dict[str | None, _Scale] = {}
    for info in units:
        if info.dimension != dimension:
            continue
        out[info.name] = (
            *_pair(info.factor),
            *_pair(Fraction(0) if threshold is None else threshold / info.factor),
            None if low is None else _pair(low / info.factor),
            None if high is None else _pair(high / info.factor),
        )
    if unit is not None and unit in out:
        out[None] = out[unit]
    return out


def _leaf(indicator: Indicator, rule: Comparison | Flag, units: Units) -> _Leaf | None:
    unit = indicator.unit
    info = units.get(unit) if unit else None
    if unit and info is None:
        return None  # pragma: no cover - refused by the plan's validation
    dimension = info.dimension if info else None
    bounds: dict[str, Fraction | None] = {"minimum": None, "maximum": None}
    for bound in bounds:
        value = getattr(indicator, bound)
        if value is not None:
            bounds[bound], dim = _base_value(units, value.with_unit(unit), unit)
            if dim != dimension:
                return None  # pragma: no cover - refused by the plan's validation
    low, high = bounds["minimum"], bounds["maximum"]
    if info is not None and info.count:
        low = Fraction(0) if low is None else max(low, Fraction(0))
    common: dict[str, Any] = {
        "id": indicator.id,
        "dimension": dimension,
        "rate": indicator.rate,
        "unit": unit,
        "low": None if low is None else _pair(low),
        "high": None if high is None else _pair(high),
        "rolls_up": indicator.aggregation is not None,
        "across": indicator.across_org_units is not None,
        "zero": Status(indicator.zero_denominator.value),
    }
    if isinstance(rule, Flag):
        return _Leaf(**common, scales={}, expected=rule.expected)
    if unit is None:  # the reference unit would come from the values: leave it to the full path
        return None
    operand = rule.operand
    op = _OPS[rule.op.value]
    if isinstance(operand, Quantity):
        threshold, dim = _base_value(units, operand, unit)
        if dim != dimension:
            return None  # pragma: no cover - refused by the plan's validation
        scales = _scales(
            units, unit=unit, dimension=dimension, threshold=threshold, low=low, high=high
        )
        return _Leaf(**common, scales=scales, op=op, threshold=_pair(threshold))
    offset = scale = None
    if isinstance(operand, Previous) and operand.offset is not None:
        offset, dim = _base_value(units, operand.offset, unit)
        if dim != dimension:
            return None  # pragma: no cover - refused by the plan's validation
    if operand.factor is not None:
        scale, dim = _base_value(units, operand.factor, None)
        if dim not in (None, "dimensionless"):
            return None  # pragma: no cover - refused by the plan's validation
    kind = "previous" if isinstance(operand, Previous) else "assigned"
    assert isinstance(operand, Previous | Assigned)  # noqa: S101 - the grammar's operands
    scales = _scales(units, unit=unit, dimension=dimension, threshold=None, low=low, high=high)
    return _Leaf(
        **common,
        scales=scales,
        op=op,
        operand=kind,
        offset=None if offset is None else _pair(offset),
        scale=None if scale is None else _pair(scale),
    )


def _compile(indicator: Indicator, units: Units, steps: list[_Step], ids: list[str]) -> bool:
    """Append the steps judging ``indicator`` (criteria first); False if it needs the full path."""
    if indicator.is_composite:
        children = []
        for criterion in indicator.criteria:
            if not _compile(criterion, units, steps, ids):
                return False
            children.append(len(steps) - 1)
        assert indicator.combine is not None  # noqa: S101 - a composite has one
        steps.append(_Composite(indicator.combine, tuple(children)).column)
        ids.append(indicator.id)
        return True
    rule = indicator.rule
    if isinstance(rule, OrgUnits):
        each = indicator.unit_rule
        assert isinstance(each, Comparison | Flag)  # noqa: S101 - guaranteed by Indicator
        leaf = _leaf(indicator, each, units)
        if leaf is None:
            return False
        steps.append(_Count(leaf, rule).column)
    else:
        assert isinstance(rule, Comparison | Flag)  # noqa: S101
        leaf = _leaf(indicator, rule, units)
        if leaf is None:
            return False
        steps.append(leaf.column)
    ids.append(indicator.id)
    return True


@attrs.frozen
class Compiled:
    """A plan compiled for one period: judge a member's observations quickly."""

    period: Period
    previous: Period
    #: The steps, criteria before their composite, and the indicator id of each.
    steps: tuple[_Step, ...]
    ids: tuple[str, ...]
    _places: Mapping[str, int] = attrs.field(
        default=attrs.Factory(lambda self: {k: i for i, k in enumerate(self.ids)}, takes_self=True)
    )

    def statuses(
        self, members: Sequence[View | None], org_units: Sequence[Sequence[OrgUnit]]
    ) -> list[Statuses | None]:
        """The status of every indicator (criteria included) of each member.

        Judged indicator by indicator across the members (the loop over members is
        the inner one: each indicator's compiled form is read once, not once per
        member). None for a member the full evaluation must decide -- given as
        None, or given up on along the way.
        """
        out: list[Statuses | None] = []
        for start in range(0, len(members), _BLOCK):
            alive = list(members[start : start + _BLOCK])
            columns: list[_Column] = []
            for step in self.steps:
                columns.append(step(alive, org_units[start : start + _BLOCK], columns))
            if not columns:
                out.extend(None if m is None else Statuses(self.places, ()) for m in alive)
                continue
            out.extend(
                None if member is None else Statuses(self.places, row)
                for member, row in zip(alive, zip(*columns, strict=True), strict=True)
            )
        return out

    @property
    def places(self) -> Mapping[str, int]:
        """Each indicator's place in a member's row of statuses."""
        return self._places


@attrs.frozen(eq=False, repr=False)
class Statuses(Mapping[str, Status]):
    """One member's statuses by indicator id: a row of a batch, read in place."""

    places: Mapping[str, int]
    row: tuple[Status, ...]

    def __getitem__(self, key: str) -> Status:
        try:
            return self.row[self.places[key]]
        except (KeyError, TypeError):
            raise not_found(key, self.places, "indicator", "chỉ tiêu") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.places)

    def __len__(self) -> int:
        return len(self.places)

    def __eq__(self, other: object) -> bool:
        return dict(self) == other if isinstance(other, Mapping) else NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable-looking, like dict

    def __repr__(self) -> str:
        return repr(dict(self))


def compile_plan(plan: Plan, period: Period) -> Compiled | None:
    """The plan compiled for ``period``, or None when an indicator needs the full path."""
    units = plan.unit_registry()
    steps: list[_Step] = []
    ids: list[str] = []
    for _, indicator in plan.top_indicators():
        if not _compile(indicator, units, steps, ids):
            return None
    return Compiled(period, period.previous(), tuple(steps), tuple(ids))
