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
from itertools import repeat
from operator import itemgetter
from types import MappingProxyType
from typing import Any, NamedTuple, TypeAlias

import attrs

from thidua._text import fold
from thidua.data import Dataset, Kind, Observation
from thidua.errors import ThiduaError, not_found
from thidua.evaluation.core import (
    CompiledPlan,
    Judge,
    Pair,
    assess_org_units,
    combine,
    count_status,
    expected_counts,
    org_unit_counts,
    sum_pairs,
)
from thidua.evaluation.outcomes import Facts, Status, Target
from thidua.periods import Period, PeriodKind
from thidua.plans import Aggregation, Combine, Indicator, OrgUnit
from thidua.rules import TERM_RULE_CLASSES, Flag, Op, OrgUnits, Range, Rule
from thidua.units import Quantity, exact_quantity

__all__ = [
    "ABSENT",
    "Compiled",
    "GiveUp",
    "Scored",
    "ScoredColumns",
    "Shape",
    "Statuses",
    "View",
    "compile_batch",
    "unit_keys",
    "view",
]

_ACTUAL, _ASSIGNED = Kind.ACTUAL, Kind.ASSIGNED
_ACHIEVED, _NOT_ACHIEVED = Status.ACHIEVED, Status.NOT_ACHIEVED
_NO_DATA, _NOT_APPLICABLE = Status.NO_DATA, Status.NOT_APPLICABLE
ABSENT = object()  # an org-unit key no observation has
_NONE: Mapping[str, Observation] = MappingProxyType({})
_ZERO = object()  # a rate with a zero denominator


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
    #: The keys of the member's org units' figures, by the folded id or name
    #: written (:func:`thidua._text.fold`); None: the member has the dataset to
    #: itself, and an org unit's id or name, as written, is its key.
    units: Mapping[str, Sequence[object]] | None
    #: Every org-unit key of the member's org units present in the dataset (None:
    #: found when first asked for).
    unit_keys: Collection[object] | None
    #: The member's org units (for roll-ups across them).
    org_units: Sequence[OrgUnit] | None
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
    _folded: dict[int, dict[str, list[object]]] = attrs.field(factory=dict)
    _folds: dict[str, str] = attrs.field(factory=dict)

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
        return [key for keys in member.units.values() for key in keys]

    def series(self, dataset: Dataset) -> frozenset[tuple[str, Any]]:
        """(indicator, org unit) of every figure."""
        found = self._series.get(id(dataset))
        if found is None:
            found = frozenset((o.indicator, o.org_unit) for o in dataset.observations)
            self._series[id(dataset)] = found
        return found

    def folded(self, dataset: Dataset) -> Mapping[str, Sequence[object]]:
        """The dataset's org units as written, by their folded form."""
        found = self._folded.get(id(dataset))
        if found is None:
            found = self._folded[id(dataset)] = {}
            for key in dataset.org_units:
                if key is not None:
                    found.setdefault(self.fold(key), []).append(key)
        return found

    def fold(self, text: str) -> str:
        """:func:`thidua._text.fold`, remembered for the batch (org-unit ids repeat)."""
        found = self._folds.get(text)
        if found is None:
            found = self._folds[text] = fold(text)
        return found


def view(
    dataset: Dataset,
    period: Period,
    previous: Period,
    shape: Shape,
    *,
    owner: object = None,
    units: Mapping[str, Sequence[object]] | None = None,
    org_units: Sequence[OrgUnit] = (),
    numbers: tuple[int, int] | None = None,
) -> View:
    """A member's view of ``dataset`` (``shape``: the batch's memo).

    With ``owner`` None the dataset is the member's own: its figures have no org
    unit and its org units' figures are keyed by their id or name. Otherwise the
    member's figures are those keyed ``owner`` and ``units`` maps each of its org
    units' folded labels (id or name) to their keys in the dataset. A member
    without org units has no khóm figures to roll up.
    ``numbers``: the dataset's numbers of the two periods, if already looked up.
    """
    unit_keys: Collection[object] | None = None if org_units else ()
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
            org_units,
            dataset,
            shape,
        ),
    )


@attrs.frozen
class _Leaf:
    """One simple indicator (or the per-org-unit rule of an org-unit one), for the batch.

    Every judgement goes through the indicator's :class:`~thidua.evaluation.core.Judge`
    (the figure read as an exact pair, the threshold, the operator); this class only
    finds the figures in a member's view, and gives up where the full path must decide.
    """

    id: str
    judge: Judge
    #: The figure may be rolled up over time; across org units (and how).
    rolls_up: bool
    across: Aggregation | None
    #: The period of the reference figure of a ``year 2020`` rule (None: the
    #: previous period, the view's own).
    base: Period | None = None
    #: The constant target, made once (a memo).
    _targets: dict[None, Target] = attrs.field(factory=dict, repr=False)

    def column(
        self,
        members: list[View | None],
        org_units: object,
        columns: object,
        kept: _Kept | None = None,
    ) -> _Column:
        """The status of each member's own figure (a step); see :meth:`Compiled.statuses`.

        ``kept``: what scoring reads of the members judged here, kept as they are
        judged (see :class:`_Kept`).
        """
        judge = self.judge
        if judge.operand == "flag":
            return self._column_of_flags(members)
        if judge.operand != "constant":
            if self.base is not None:  # a base year: the figure is looked up in its period
                return self._column_of_steps(members)
            return self._column_of_references(members, kept)
        beyond, pairs = (None, None) if kept is None else (kept.beyond, kept.pairs)
        out: _Column = []
        append = out.append
        lid = self.id
        pair, figure = judge.pair, judge.figure
        holds = judge.holds
        tn, td = threshold = judge.threshold or (0, 1)
        missing = self._missing
        rates, zero = judge.takes_rates, judge.zero
        for i, member in enumerate(members):
            if member is None:
                append(None)
                continue
            obs = member[0].get(lid)  # View.own
            if obs is None or (obs.value is None and obs.numerator is None):
                if obs is not None or missing(member):  # no figure (an empty one is none)
                    append(_NO_DATA)
                    continue
            else:
                actual = pair(obs.value) if obs.numerator is None else figure(obs)
                if actual is not None:  # the common case: a plain figure (or rate), in range
                    achieved = holds(x := actual[0] * td, y := tn * actual[1])
                    append(_ACHIEVED if achieved else _NOT_ACHIEVED)
                    if kept is not None:  # as _column_of_references keeps (inline: per member)
                        if beyond is not None and achieved:
                            beyond[i] = x != y
                        if pairs is not None:
                            pairs[i] = (actual, threshold)
                    continue
                if obs.numerator is not None and not obs.denominator and rates:
                    append(zero)  # a rate of zero denominator: as _pair reads it
                    continue
            append(_decided(members, i, self.status, member))
        return out

    def _column_of_flags(self, members: list[View | None]) -> _Column:
        """:meth:`column` for a yes/no rule."""
        out: _Column = []
        append = out.append
        lid = self.id
        expected = self.judge.rule.expected  # type: ignore[union-attr]
        missing = self._missing
        for i, member in enumerate(members):
            if member is None:
                append(None)
                continue
            obs = member[0].get(lid)  # View.own
            if obs is None:
                if missing(member):
                    append(_NO_DATA)
                    continue
            elif obs.numerator is None:
                value = obs.value
                if value is None:  # an empty figure: no data
                    append(_NO_DATA)
                    continue
                if value.__class__ is bool:  # the common case: a plain yes or no
                    append(_ACHIEVED if value is expected else _NOT_ACHIEVED)
                    continue
            append(_decided(members, i, self.status, member))
        return out

    def _column_of_steps(
        self, members: list[View | None], status: Callable[[View, int], Status] | None = None
    ) -> _Column:
        """:meth:`column` member by member, through :meth:`status` (or ``status(member, i)``)."""
        out: _Column = []
        decide = status or self._status_of
        for i, member in enumerate(members):
            out.append(None if member is None else _decided(members, i, decide, member, i))
        return out

    def _column_of_references(self, members: list[View | None], kept: _Kept | None) -> _Column:
        """:meth:`column` for a rule against the previous or the assigned figure."""
        beyond, pairs = (None, None) if kept is None else (kept.beyond, kept.pairs)
        out: _Column = []
        append = out.append
        judge = self.judge
        lid = self.id
        pair, figure = judge.pair, judge.figure
        target_of = judge.target_of
        holds = judge.holds
        unsure = judge.unsure if judge.plausible is not None else None
        which = 1 if judge.operand == "previous" else 2  # View.before or View.assigned
        missing = self._missing
        for i, member in enumerate(members):
            if member is None:
                append(None)
                continue
            obs = member[0].get(lid)  # View.own
            ref = member[which].get(lid)  # type: ignore[attr-defined]
            if obs is None or (obs.value is None and obs.numerator is None):
                if (
                    missing(member)
                    if ref is None
                    else ref.numerator is None
                    and (ref.value is None or pair(ref.value) is not None)
                    and (obs is not None or missing(member))
                ):  # no figure (an empty one is none), and a reference the full path reads
                    append(_NO_DATA)
                    continue
            elif (
                ref is not None
                and (actual := pair(obs.value) if obs.numerator is None else figure(obs))
                is not None
                and (reference := pair(ref.value) if ref.numerator is None else figure(ref))
                is not None
            ):  # the common case: two plain figures (or rates) in known units, in range
                tn, td = threshold = target_of(reference)
                if unsure is None or not unsure(actual, threshold):
                    achieved = holds(x := actual[0] * td, y := tn * actual[1])  # Judge.decides
                    append(_ACHIEVED if achieved else _NOT_ACHIEVED)
                    if kept is not None:
                        if beyond is not None and achieved:
                            beyond[i] = x != y
                        if pairs is not None:
                            pairs[i] = (actual, threshold)
                    continue
            append(_decided(members, i, self.status, member))
        return out

    def _missing(self, member: View) -> bool:
        """Whether the member's own figure, not in its view, is missing (no data) for sure.

        Not where the full path might roll it up over time or across org units.
        """
        if self.across is not None:
            return False
        return not self.rolls_up or (self.id, member.owner) not in member.shape.finer(
            member.dataset, member.kind
        )

    def _status_of(self, member: View, _: int) -> Status:
        """:meth:`status`, called as :meth:`_column_of_steps` calls a step's own."""
        return self.status(member)

    def status(self, member: View) -> Status:
        """The status of the member's own figure, rolled up across its org units if need be."""
        actual = self.own(member, member.period, _ACTUAL, member.owner)
        return self.decide(member, actual, None)

    def own(self, member: View, period: int, kind: Kind, owner: object) -> Any:
        """The member's figure: its own, else the roll-up of its org units' figures.

        Raises GiveUp where the full path must decide (a roll-up over time, a
        roll-up across org units that is not complete and plain).
        """
        obs = _figure(member, (period, owner, kind), self.id)
        if obs is not None:
            return obs
        if self.rolls_up and (self.id, owner) in member.shape.finer(member.dataset, member.kind):
            raise GiveUp  # the figure might be rolled up over time
        if self.across is None or kind is not _ACTUAL or owner is not member.owner:
            return None
        return self._across(member, period)

    def _across(self, member: View, period: int) -> Any:
        """The member's figure as the sum or mean of its org units' (all of them, plain)."""
        keys = member.unit_keys
        if keys is None:
            keys = member.shape.unit_keys(member)
        series = member.shape.series(member.dataset) if keys else ()
        if not any((self.id, k) in series for k in keys):
            return None  # no org unit has a figure: no data
        if self.across is Aggregation.RATE or member.org_units is None:
            raise GiveUp  # rates roll up from their parts; org units unknown here
        judge = self.judge
        figures = []
        for unit in member.org_units:
            found = None
            for key in unit_keys(member, unit):
                obs = _figure(member, (period, key, _ACTUAL), self.id)
                if obs is not None:
                    if found is not None:
                        raise GiveUp  # written twice: the full path says so
                    found = obs
            if found is None:
                raise GiveUp  # incomplete: the full path decides what a partial sum says
            value = judge.figure(found)
            if value is None:
                raise GiveUp  # not a plain figure in range: the full path explains
            figures.append(value)
        return sum_pairs(figures, mean=self.across is Aggregation.MEAN)

    def decide(self, member: View, actual: Any, unit: OrgUnit | None) -> Status:
        """The status of ``actual`` (an observation, a rolled-up pair or None: missing)."""
        judge = self.judge
        if judge.operand == "flag":
            if actual is None or (actual.value is None and actual.numerator is None):
                return _NO_DATA
            if actual.value.__class__ is not bool or actual.numerator is not None:
                raise GiveUp
            return _ACHIEVED if actual.value is judge.rule.expected else _NOT_ACHIEVED  # type: ignore[union-attr]
        if judge.operand == "constant":
            threshold: Any = judge.threshold
        else:  # looked up (and checked) whether or not the actual is there, as in full
            threshold = self._reference(member, unit)
        pair = self._pair(actual)
        if pair is None:
            return _NO_DATA
        if pair is _ZERO:
            return judge.zero
        if threshold is None or threshold is _ZERO:
            return _NO_DATA
        if judge.operand != "constant" and judge.unsure(pair, threshold):
            raise GiveUp  # a threshold beyond 0-100 % deciding: the full path says why
        return _ACHIEVED if judge.decides(pair, threshold) else _NOT_ACHIEVED

    def _reference(self, member: View, unit: OrgUnit | None) -> Any:
        """The threshold the previous or assigned figure gives (None: missing)."""
        value = self._given(member, unit)
        if value is None or value is _ZERO:
            return value
        return self.judge.target_of(value)

    def _given(self, member: View, unit: OrgUnit | None) -> Any:
        """The previous or assigned figure itself, as :meth:`_pair` reads it."""
        previous = self.judge.operand == "previous"
        kind = _ACTUAL if previous else _ASSIGNED
        period = member.previous if previous else member.period
        if previous and self.base is not None:
            period = member.dataset._periods.get(self.base, -1)
        if unit is None:
            return self._pair(self.own(member, period, kind, member.owner))
        keys = unit_keys(member, unit)
        obs = next(
            (o for key in keys if (o := _figure(member, (period, key, kind), self.id))), None
        )
        if obs is None and previous and any(self.could_roll_up(member, k) for k in keys):
            raise GiveUp
        return self._pair(obs)

    def _pair(self, found: Any) -> Any:
        """A figure as an exact pair in base units; None if missing; _ZERO for 0 denominator."""
        if found is None or found.__class__ is tuple:
            return found
        if found.value is None and found.numerator is None:
            return None
        value = self.judge.figure(found)
        if value is not None:
            return value
        if found.numerator is not None and not found.denominator and self.judge.takes_rates:
            return _ZERO
        raise GiveUp  # a figure the full path refuses or explains (yes/no, unit, range)

    def facts(self, member: View) -> Facts:
        """The facts of the member's own figure, as the full path gives them.

        Only where the figure and its reference are plain and present (the common
        case); GiveUp otherwise, and the member's full evaluation gives them.
        """
        judge = self.judge
        indicator = judge.indicator
        assert indicator is not None  # noqa: S101 - a plan's judges have their indicator
        rule = judge.rule
        found = self.own(member, member.period, _ACTUAL, member.owner)
        if judge.operand == "flag":
            status = self.decide(member, found, None)
            actual = None if found is None or found.__class__ is tuple else found.value
            return Facts(indicator.id, indicator.name, status, rule, actual, self.target())
        actual_pair = self._pair(found)
        threshold: Pair | None
        target: Target | None
        if judge.operand == "constant":
            threshold, target = judge.threshold, self.target()
        else:
            given = self._given(member, None)
            if given is None or given is _ZERO:  # missing: no target
                threshold = target = None
            else:
                threshold = judge.target_of(given)
                target = self.target(threshold, given)
        if actual_pair is None:
            return Facts(indicator.id, indicator.name, _NO_DATA, rule, None, target)
        if actual_pair is _ZERO:
            return Facts(indicator.id, indicator.name, judge.zero, rule, None, target)
        if threshold is None or target is None:
            actual = self.in_unit(actual_pair, indicator.unit)
            return Facts(indicator.id, indicator.name, _NO_DATA, rule, actual)
        if judge.operand != "constant" and judge.unsure(actual_pair, threshold):
            raise GiveUp  # pragma: no cover - the member's status gave up on it first
        status = _ACHIEVED if judge.decides(actual_pair, threshold) else _NOT_ACHIEVED
        signed, attainment, exceeded = judge.facts(actual_pair, threshold)
        quantity = target.quantity
        assert quantity is not None  # noqa: S101 - a comparison's target has one
        value = None if found.__class__ is tuple else found.value
        if value.__class__ is not Quantity or value.unit != indicator.unit:
            value = self.in_unit(actual_pair, indicator.unit)
        return Facts(
            indicator.id,
            indicator.name,
            status,
            rule,
            value,
            target,
            self.in_unit(signed, quantity.unit),
            exceeded,
            attainment,
        )

    def exceeded(
        self,
        members: Sequence[View],
        statuses: Sequence[Status],
        gave_up: set[int],
        kept: _Kept | None = None,
    ) -> list[bool]:
        """:meth:`facts`' ``exceeded`` for each member, given its status (a column).

        Exceeded is achieved with a positive margin in the good direction, and for
        a range past its other bound (:meth:`~thidua.evaluation.core.Judge.exceeds`):
        an achieved status already says the rule holds, so only the margins' signs
        are left to find. A member the full path must decide is added to ``gave_up``.
        ``kept``: the flags the column of statuses kept (:class:`_Kept`).
        """
        judge = self.judge
        if not judge.direction or judge.operand == "flag":
            return [False] * len(members)
        if judge.exceeds_when_met and judge.zero is not _ACHIEVED:  # met: beyond the threshold
            return [s is _ACHIEVED for s in statuses]
        beyond = None if kept is None else kept.beyond
        # a flag is kept only for an achieved member (_Kept): as many flags as achieved
        # members are a flag for each, and the others are not exceeded
        if beyond is not None and statuses.count(_ACHIEVED) == len(beyond) - beyond.count(None):
            return list(map(operator.is_, beyond, repeat(True)))
        out: list[bool] = []
        append = out.append
        lid, pair, exceeds = self.id, judge.pair, judge.exceeds
        constant = judge.operand == "constant"
        which = 1 if judge.operand == "previous" else 2  # View.before or View.assigned
        looked_up = not constant and self.base is None  # a base year's: as _figures finds it
        # a constant >= or <= (not a range): achieved, a plain figure exceeds it unless
        # equal to it -- its magnitude is then the threshold in its unit, in lowest terms
        equal = constant and judge.beyond is None and judge.holds in (operator.ge, operator.le)
        in_unit: dict[str | None, Pair | None] = {}
        for i, member in enumerate(members):
            if statuses[i] is not _ACHIEVED:
                append(False)
                continue
            if beyond is not None and (flag := beyond[i]) is not None:  # judged in place
                append(flag)
                continue
            obs = member[0].get(lid)  # View.own
            if obs is not None and obs.numerator is None:
                value = obs.value
                if equal and value.__class__ is Quantity:  # read, in range: it is achieved
                    unit = value.unit
                    if unit not in in_unit:
                        in_unit[unit] = judge.threshold_in(unit)
                    at = in_unit[unit]
                    if at is not None:
                        append(value.magnitude.as_integer_ratio() != at)
                        continue
                actual = pair(value)
                threshold = (
                    judge.threshold
                    if constant
                    else self._reference_of(member, which)
                    if looked_up
                    else None
                )
                if actual is not None and threshold is not None:
                    append(exceeds(actual, threshold))
                    continue
            got = self._exceeded_of(member)  # not two plain figures: as _figures finds them
            if got is None:
                gave_up.add(i)
            append(bool(got))
        return out

    def _reference_of(self, member: View, which: int) -> Pair | None:
        """The threshold of the member's plain previous or assigned figure (None: not plain)."""
        ref = member[which].get(self.id)  # type: ignore[attr-defined]
        if ref is None or ref.numerator is not None:
            return None
        given = self.judge.pair(ref.value)
        return None if given is None else self.judge.target_of(given)

    def _exceeded_of(self, member: View) -> bool | None:
        """:meth:`exceeded` of one achieved member, its figures as :meth:`_figures` finds them.

        None where the full path must decide.
        """
        try:
            _, actual, threshold = self._figures(member)
        except GiveUp:
            return None
        if actual is None or actual is _ZERO or threshold is None:  # pragma: no cover
            return False  # not achieved then
        return self.judge.exceeds(actual, threshold)

    def _figures(self, member: View) -> tuple[Any, Any, Pair | None]:
        """The member's own figure as found, as a pair (or None, _ZERO), and the threshold.

        As :meth:`facts` reads them; GiveUp where the full path must decide.
        """
        judge = self.judge
        lid = self.id
        pair = judge.pair
        found: Any = member[0].get(lid)  # View.own
        if found is not None and found.numerator is None and (plain := pair(found.value)):
            actual: Any = plain
        else:
            found = self.own(member, member.period, _ACTUAL, member.owner)
            actual = self._pair(found)
        operand = judge.operand
        if operand == "constant":
            return found, actual, judge.threshold
        ref = None
        if self.base is None:  # a base year's figure is not the view's: _given finds it
            ref = member[1 if operand == "previous" else 2].get(lid)  # type: ignore[attr-defined]
        if ref is not None and ref.numerator is None and (plain := pair(ref.value)):
            given: Any = plain
        else:
            given = self._given(member, None)
        threshold = None if given is None or given is _ZERO else judge.target_of(given)
        return found, actual, threshold

    def reads(
        self,
        members: Sequence[View],
        statuses: Sequence[Status],
        actual: bool,
        gave_up: set[int],
        kept: _Kept | None = None,
    ) -> tuple[list[bool], list[Any]]:
        """:meth:`read` of each member (a column); nothing where there is nothing to read.

        Where the status is no data or not applicable: not exceeded, and None. A
        member the full path must decide is added to ``gave_up``. An attainment
        of plain figures is its pair (:meth:`~thidua.evaluation.core.Judge.attainment_pair`).
        ``kept``: the flags and figures the column of statuses kept (:class:`_Kept`).
        """
        judge = self.judge
        flags: list[bool] = []
        values: list[Any] = []
        flag, value = flags.append, values.append
        lid, pair, exceeds, attainment = self.id, judge.pair, judge.exceeds, judge.attainment_pair
        constant = judge.operand == "constant"
        plain = judge.operand != "flag" and (constant or self.base is None)
        which = 1 if judge.operand == "previous" else 2  # View.before or View.assigned
        unit = None if judge.indicator is None else judge.indicator.unit
        # the actual values of a constant >= or <= (not a range): a plain figure in the
        # indicator's unit is the value, judged in range; achieved, it exceeds unless equal
        at = (
            judge.threshold_in(unit)
            if actual
            and constant
            and judge.beyond is None
            and judge.holds in (operator.ge, operator.le)
            else None
        )
        beyond, pairs = (None, None) if kept is None else (kept.beyond, kept.pairs)
        for i, member in enumerate(members):
            status = statuses[i]
            if status is _NO_DATA or status is _NOT_APPLICABLE:
                flag(False)
                value(None)
                continue
            if pairs is not None and (judged := pairs[i]) is not None:  # judged in place
                known = None if beyond is None else beyond[i]
                over = status is _ACHIEVED and (exceeds(*judged) if known is None else known)
                flag(over)
                value(attainment(*judged))
                continue
            obs = member[0].get(lid) if plain else None  # View.own
            if at is not None and obs is not None and obs.numerator is None:
                found = obs.value
                if found.__class__ is Quantity and found.unit == unit:
                    flag(status is _ACHIEVED and found.magnitude.as_integer_ratio() != at)
                    value(found)
                    continue
            if obs is not None and obs.numerator is None:  # plain figures: read in place
                figure = pair(obs.value)
                threshold = (
                    None
                    if figure is None
                    else judge.threshold
                    if constant
                    else self._reference_of(member, which)
                )
                if figure is not None and threshold is not None:
                    flag(exceeds(figure, threshold))
                    if not actual:
                        value(attainment(figure, threshold))
                        continue
                    found = obs.value
                    in_own = found.__class__ is Quantity and found.unit == unit
                    value(found if in_own else self.in_unit(figure, unit))
                    continue
            try:
                over, got = self.read(member, actual)
            except GiveUp:
                gave_up.add(i)
                over, got = False, None
            flag(over)
            value(got)
        return flags, values

    def read(self, member: View, actual: bool) -> tuple[bool, Any]:
        """:meth:`facts`' ``exceeded``, and its ``actual`` (else its ``attainment``).

        Without the target, the margin, or the other of the two.
        """
        judge = self.judge
        if judge.operand == "flag":
            found = self.own(member, member.period, _ACTUAL, member.owner)
            if not actual:
                return False, None
            return False, None if found is None or found.__class__ is tuple else found.value
        indicator = judge.indicator
        assert indicator is not None  # noqa: S101 - a plan's judges have their indicator
        found, actual_pair, threshold = self._figures(member)
        if actual_pair is None or actual_pair is _ZERO:
            return False, None
        if threshold is None:
            return False, self.in_unit(actual_pair, indicator.unit) if actual else None
        if not actual:
            _, attainment, exceeded = judge.facts(actual_pair, threshold)
            return exceeded, attainment
        exceeded = judge.exceeds(actual_pair, threshold)
        value = None if found.__class__ is tuple else found.value
        if value.__class__ is not Quantity or value.unit != indicator.unit:
            value = self.in_unit(actual_pair, indicator.unit)
        return exceeded, value

    def in_unit(self, value: Pair, unit: str | None) -> Quantity:
        """A pair in base units as a quantity of ``unit``."""
        fn, fd = self._factor(unit)
        return exact_quantity(Fraction(value[0] * fd, value[1] * fn), unit)

    def _factor(self, unit: str | None) -> Pair:
        if unit is None:
            return (1, 1)
        fn, fd, _, _ = self.judge.scale(unit)
        if not fn:  # pragma: no cover - the indicator's own unit always reads
            raise GiveUp
        return fn, fd

    def target(self, threshold: Pair | None = None, reference: Pair | None = None) -> Target:
        """The resolved target: the constant one (made once), or from a reference figure."""
        judge = self.judge
        rule = judge.rule
        if isinstance(rule, Flag):
            return self._constant_target(lambda: Target(rule, Op.EQ, expected=rule.expected))
        if isinstance(rule, Range):
            low, high = rule.low.with_unit(judge.reference), rule.high.with_unit(judge.reference)
            decisive = low if rule.op is Op.GE else high
            return self._constant_target(
                lambda: Target(rule, rule.op, quantity=decisive, bounds=(low, high))
            )
        if threshold is None:
            assert isinstance(rule.operand, Quantity)  # noqa: S101 - a constant threshold
            quantity = rule.operand.with_unit(judge.reference)
            return self._constant_target(lambda: Target(rule, rule.op, quantity=quantity))
        unit = judge.reference
        assert reference is not None  # noqa: S101 - a previous or assigned threshold
        return Target(
            rule,
            rule.op,
            quantity=self.in_unit(threshold, unit),
            reference=self.in_unit(reference, unit),
            clipped=judge.bounded(judge._shifted(reference))[1],
        )

    def _constant_target(self, make: Callable[[], Target]) -> Target:
        found = self._targets.get(None)
        if found is None:
            found = self._targets[None] = make()
        return found

    def could_roll_up(self, member: View, key: object) -> bool:
        """Whether the full path might roll a missing figure of ``key`` up over time."""
        return self.rolls_up and (self.id, key) in member.shape.finer(member.dataset, member.kind)


def _decided(members: list[View | None], i: int, decide: Callable[..., Status], *args: Any) -> Any:
    """``decide(*args)``: a member's status the slow way; None where the full path must decide.

    Then the member (``members[i]``) is given up on for the rest of its block.
    """
    try:
        return decide(*args)
    except GiveUp:
        members[i] = None
        return None


def _figure(member: View, where: tuple[int, object, Kind], indicator: str) -> Observation | None:
    group = member.group(where)
    return None if group is None else group.get(indicator)


def _labels(units: Sequence[OrgUnit], fold: Callable[[str], str]) -> list[tuple[str, str | None]]:
    """Each org unit's folded id, and its folded name where that differs (None: the same)."""
    out: list[tuple[str, str | None]] = []
    for unit in units:
        key, name = fold(unit.id), fold(unit.name)
        out.append((key, None if name == key else name))
    return out


def unit_keys(member: View, unit: OrgUnit) -> list[object]:
    """The keys of ``unit``'s figures in the member's data: by id or by name, folded.

    Only keys the data have: a khóm without rows has no figures.
    """
    labels = member.units
    if labels is None:  # the member's own dataset: an org unit's id or name is its key
        labels = member.shape.folded(member.dataset)
    keys = labels.get(member.shape.fold(unit.id), ())
    if unit.name == unit.id:
        return list(keys)
    by_name = labels.get(member.shape.fold(unit.name), ())
    return list(dict.fromkeys([*keys, *by_name]))


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
        """The status of the count for each member and its org units (a step).

        The common case is read in place (:meth:`_quick`); anything else goes
        through :meth:`status`.
        """
        judge = self.leaf.judge
        if judge.operand not in {"flag", "constant"}:
            return self.leaf._column_of_steps(members, lambda m, i: self.status(m, org_units[i]))
        out: _Column = []
        append = out.append
        quick = self._quick
        labels_of: dict[int, list[tuple[str, str | None]]] = {}  # by org units' identity
        for i, member in enumerate(members):
            if member is None:
                append(None)
                continue
            units = org_units[i]
            labels = labels_of.get(id(units))
            if labels is None:
                labels = labels_of[id(units)] = _labels(units, member.shape.fold)
            status = quick(member, labels) if labels else None
            if status is not None:
                append(status)
                continue
            append(_decided(members, i, self.status, member, units))
        return out

    def _quick(self, member: View, labels: Sequence[tuple[str, str | None]]) -> Status | None:
        """The count's status where every org unit's figure reads plainly; None otherwise.

        ``labels``: the org units' folded ids and names (:func:`_labels`). Each org
        unit's figure is found once under its id (none under its name), and is
        missing, empty, or a plain yes/no or figure against a constant threshold.
        """
        leaf = self.leaf
        lid, judge = leaf.id, leaf.judge
        flag = judge.operand == "flag"
        keys_of = member.units
        if keys_of is None:
            keys_of = member.shape.folded(member.dataset)
        group, period = member.group, member.period
        achieved = unknown = 0
        seen = False
        for by_id, by_name in labels:
            if by_name is not None and by_name in keys_of:
                return None  # perhaps written two ways: as status finds it
            keys = keys_of.get(by_id)
            if keys is None:  # no rows for the org unit: no data
                unknown += 1
                continue
            if len(keys) != 1:
                return None
            found = group((period, keys[0], _ACTUAL))
            obs = None if found is None else found.get(lid)
            if obs is None:
                if leaf.could_roll_up(member, keys[0]):
                    return None
                unknown += 1
                continue
            seen = True
            value = obs.value
            if obs.numerator is not None:
                return None
            if value is None:  # an empty figure: no data
                unknown += 1
            elif flag:
                if value.__class__ is not bool:
                    return None
                achieved += value is judge.rule.expected  # type: ignore[union-attr]
            else:
                actual = judge.pair(value)
                if actual is None:
                    return None
                tn, td = judge.threshold  # type: ignore[misc]
                achieved += judge.holds(actual[0] * td, tn * actual[1])  # Judge.decides
        if not seen and member[0].get(lid) is not None:  # View.own
            return None  # a count of org units given as one figure: as status finds it
        given = len(labels)
        return count_status(self.rule, *expected_counts(self.rule, given, achieved, unknown, given))

    def status(self, member: View, org_units: Sequence[OrgUnit]) -> Status:
        """The status of the org-unit count for the member's ``org_units``."""
        statuses = self.statuses(member, org_units)
        return count_status(self.rule, *org_unit_counts(self.rule, statuses))

    def facts(self, member: View, org_units: Sequence[OrgUnit]) -> Facts:
        """The facts of the org-unit count, as the full path gives them."""
        indicator = self.leaf.judge.indicator
        assert indicator is not None  # noqa: S101 - a plan's judges have their indicator
        statuses = self.statuses(member, org_units)
        assessment = assess_org_units(self.rule, statuses, ())
        return Facts(
            indicator.id,
            indicator.name,
            assessment.status,
            self.rule,
            assessment.actual,
            assessment.target,
            assessment.margin,
            assessment.exceeded,
            assessment.attainment,
        )

    def statuses(self, member: View, org_units: Sequence[OrgUnit]) -> list[Status]:
        """The status of each of the member's org units under the per-unit rule."""
        leaf = self.leaf
        lid = leaf.id
        period = member.period
        out: list[Status] = []
        seen = False
        for unit in org_units:
            found = None
            keys = unit_keys(member, unit)
            for key in keys:
                obs = _figure(member, (period, key, _ACTUAL), lid)
                if obs is not None:
                    if found is not None:
                        raise GiveUp  # written twice: the full path says so
                    found = obs
            if found is None and any(leaf.could_roll_up(member, k) for k in keys):
                raise GiveUp
            seen = seen or found is not None
            out.append(leaf.decide(member, found, unit))
        if not seen and member.own.get(lid) is not None:
            raise GiveUp  # a count of org units given as one figure
        return out


@attrs.frozen
class _Composite:
    """A composite indicator: its criteria's statuses combined."""

    how: Combine
    #: The places of its criteria among the steps.
    criteria: tuple[int, ...]
    #: Its id and name.
    id: str = ""
    name: str = ""

    def column(
        self, members: list[View | None], org_units: object, columns: list[_Column]
    ) -> _Column:
        """The combined status of each member (a step), by the core's :func:`combine`."""
        how = self.how
        return [
            None if member is None else combine(how, statuses)
            for member, statuses in zip(
                members, zip(*(columns[i] for i in self.criteria), strict=True), strict=True
            )
        ]


#: Members judged together, indicator by indicator: enough to read each indicator's
#: compiled form once for many members, few enough that their figures stay in the
#: processor's cache from one indicator to the next.
_BLOCK = 128

#: The status of one indicator for each member (None: that member gave up).
_Column = list["Status | None"]


@attrs.frozen
class _Kept:
    """What a leaf's column keeps for scoring of the members it judges in place.

    One slot per member of the block, in the block's order, None where it was
    not judged in place (the reader then reads the member as it reads any
    other). A :attr:`beyond` slot is set only for a member the column found
    achieved: :meth:`_Leaf.exceeded` relies on it.
    """

    #: Each achieved member's exceeded flag, for a rule that a met figure exceeds
    #: unless equal (:attr:`~thidua.evaluation.core.Judge.exceeds_unless_equal`).
    beyond: list[bool | None] | None
    #: Each member's figure and threshold, where its attainment is read.
    pairs: list[tuple[Pair, Pair] | None] | None

    @staticmethod
    def wanted(step: _Step, what: str | None) -> tuple[bool, bool]:
        """Whether the column of ``step`` keeps exceeded flags, and (figure, threshold) pairs.

        Only a leaf judged against a constant, previous or assigned figure of its
        own period keeps anything; ``what``: what scoring reads of it.
        """
        if not isinstance(step, _Leaf) or step.judge.operand == "flag" or step.base is not None:
            return False, False
        judge = step.judge
        read = what == "attainment" and (judge.operand != "constant" or judge.threshold is not None)
        return judge.exceeds_unless_equal, read

    @classmethod
    def of(cls, step: _Step, what: str | None, size: int) -> _Kept:
        """The empty slots the column of ``step`` fills for ``size`` members (:meth:`wanted`)."""
        flags, pairs = cls.wanted(step, what)
        return cls([None] * size if flags else None, [None] * size if pairs else None)

    def picked(self, places: Sequence[int]) -> _Kept:
        """The slots of the members at ``places``, in order."""
        return _Kept(
            None if self.beyond is None else [self.beyond[p] for p in places],
            None if self.pairs is None else [self.pairs[p] for p in places],
        )


#: One step of a compiled plan: a leaf, an org-unit count or a composite, whose
#: ``column`` judges every member given the members' org units and the columns of
#: the steps before.
_Step: TypeAlias = "_Leaf | _Count | _Composite"


def _compile(
    indicator: Indicator, compiled: CompiledPlan, period: Period, steps: list[_Step], ids: list[str]
) -> bool:
    """Append the steps judging ``indicator`` (criteria first); False if it needs the full path."""
    if indicator.is_composite:
        children = []
        for criterion in indicator.criteria:
            if not _compile(criterion, compiled, period, steps, ids):
                return False
            children.append(len(steps) - 1)
        assert indicator.combine is not None  # noqa: S101 - a composite has one
        steps.append(_Composite(indicator.combine, tuple(children), indicator.id, indicator.name))
        ids.append(indicator.id)
        return True
    if isinstance(indicator.rule, TERM_RULE_CLASSES):
        return False  # a term target: the full path judges it against its path
    judge = compiled.judges[indicator.id]
    if (
        isinstance(judge, ThiduaError)
        or not judge.comparable
        or (judge.operand != "flag" and indicator.unit is None)
    ):
        return False  # an error to raise, or a unit that comes from the figures: full path
    base = None
    if judge.base_year is not None:
        try:
            base = judge.reference_period(period)
        except ThiduaError:
            return False  # a base year not before the period: the full path says so
    leaf = _Leaf(
        indicator.id, judge, indicator.aggregation is not None, indicator.across_org_units, base
    )
    rule = indicator.rule
    steps.append(_Count(leaf, rule) if isinstance(rule, OrgUnits) else leaf)
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
        self,
        members: Sequence[View | None],
        org_units: Sequence[Sequence[OrgUnit]],
        *,
        then: ScoredColumns | None = None,
    ) -> list[Statuses | None]:
        """The status of every indicator (criteria included) of each member.

        Judged indicator by indicator across the members (the loop over members is
        the inner one: each indicator's compiled form is read once, not once per
        member). None for a member the full evaluation must decide -- given as
        None, or given up on along the way. ``then``: what scoring reads of the
        members, read block by block right after their statuses (their figures
        still in the processor's cache).
        """
        out: list[Statuses | None] = []
        keeps = {} if then is None else then.scored.keeps()  # by step: what its column keeps
        for start in range(0, len(members), _BLOCK):
            alive = list(members[start : start + _BLOCK])
            units = org_units[start : start + _BLOCK]
            columns: list[_Column] = []
            kept: dict[int, _Kept] = {}
            for index, step in enumerate(self.steps):
                keep = keeps.get(index)
                if keep is None or not isinstance(step, _Leaf):  # only leaves keep (Scored.keeps)
                    columns.append(step.column(alive, units, columns))
                    continue
                number, what = keep
                made = kept[number] = _Kept.of(step, what, len(alive))
                columns.append(step.column(alive, units, columns, made))
            rows = zip(*columns, strict=True) if columns else (() for _ in alive)
            block = [
                None if member is None else Statuses(self.places, row)
                for member, row in zip(alive, rows, strict=True)
            ]
            out.extend(block)
            if then is not None:
                then.read(start, alive, units, block, kept=kept, columns=columns)
        return out

    def facts(self, member: View, org_units: Sequence[OrgUnit]) -> dict[str, Facts] | None:
        """The facts of every indicator (criteria included) of one member, by id.

        None where the member's full evaluation must give them.
        """
        out: list[Facts] = []
        try:
            for step in self.steps:
                if isinstance(step, _Composite):
                    statuses = [out[i].status for i in step.criteria]
                    status = combine(step.how, statuses)
                    out.append(Facts(step.id, step.name, status, None))
                elif isinstance(step, _Count):
                    out.append(step.facts(member, org_units))
                else:
                    out.append(step.facts(member))
        except GiveUp:
            return None
        return {f.indicator: f for f in out}

    def scored(self, ids: Sequence[str], reads: Mapping[int, str]) -> Scored | None:
        """The reading of the indicators ``ids`` a scheme scores (None: one is not in the plan).

        ``reads``: what is read too of some of them, by place among ``ids``:
        ``"attainment"`` (proportional credit) or ``"actual"`` (banded credit).
        """
        places = self._places
        if any(i not in places for i in ids):
            return None
        steps = tuple(self.steps[places[i]] for i in ids)
        names: list[str] = []
        rules: list[Rule | None] = []
        for step in steps:
            if isinstance(step, _Composite):
                names.append(step.name)
                rules.append(None)
                continue
            leaf = step if isinstance(step, _Leaf) else step.leaf
            indicator = leaf.judge.indicator
            assert indicator is not None  # noqa: S101 - a plan's judges have their indicator
            names.append(indicator.name)
            rules.append(step.rule if isinstance(step, _Count) else leaf.judge.rule)
        return Scored(
            steps,
            tuple(places[i] for i in ids),
            dict(reads),
            tuple(names),
            tuple(rules),
        )

    @property
    def places(self) -> Mapping[str, int]:
        """Each indicator's place in a member's row of statuses."""
        return self._places


@attrs.frozen
class Scored:
    """The indicators a scheme scores, read for each member beyond its batch statuses.

    What scoring needs (:class:`thidua.scoring.Scorer`): each indicator's status and
    exceeded flag, and for the indicators of :attr:`reads` the attainment or the
    actual value -- the values :meth:`Compiled.facts` gives, without making the
    facts of every indicator (targets, margins). An attainment may be read as its
    pair (:meth:`~thidua.evaluation.core.Judge.attainment_pair`), the fraction
    not made: scoring compares it with the cap first.
    """

    #: The step of each scored indicator, and its place in a row of statuses.
    steps: tuple[_Step, ...]
    places: tuple[int, ...]
    #: What is read of some of them, by place among the scored: ``"attainment"``
    #: or ``"actual"``.
    reads: Mapping[int, str]
    #: The name and the rule of each (as its facts give them).
    names: tuple[str, ...]
    rules: tuple[Rule | None, ...]

    def keeps(self) -> dict[int, tuple[int, str | None]]:
        """The steps whose columns keep what scoring reads, by their place among the plan's.

        Each with its place among the scored, and what is read of it (as
        :attr:`reads`): the leaves judged in place whose exceeded flag or
        attainment their column can give (see :class:`_Kept`).
        """
        return {
            place: (number, self.reads.get(number))
            for number, (place, step) in enumerate(zip(self.places, self.steps, strict=True))
            if any(_Kept.wanted(step, self.reads.get(number)))
        }

    def columns(
        self,
        members: Sequence[View],
        org_units: Sequence[Sequence[OrgUnit]],
        rows: Sequence[Sequence[Status]],
        kept: Mapping[int, _Kept] | None = None,
        *,
        columns: Sequence[Sequence[Status]] | None = None,
    ) -> tuple[list[list[Status]], list[list[bool]], dict[int, list[Any]], set[int]]:
        """What scoring reads of the members, one column per scored indicator.

        ``rows``: each member's batch statuses (or ``columns``: the batch's
        columns of them, one per step). The columns of statuses, of exceeded
        flags, and of what :attr:`reads` asks (by place; None where the status
        is no data or not applicable: nothing to read), and the members (their
        places) the full evaluation must give them for. ``kept``: what the
        columns of the statuses kept of some (by place among the scored), one
        slot per member: read from there, not again from the figures.
        """
        gave_up: set[int] = set()
        places = self.places
        statuses: list[list[Status]] = (
            [list(columns[p]) for p in places]
            if columns is not None
            else [list(c) for c in zip(*map(itemgetter(*places), rows), strict=True)]
            if len(places) > 1 and rows
            else [[row[p] for row in rows] for p in places]
        )
        exceeded: list[list[bool]] = [[] for _ in self.steps]
        reads: dict[int, list[Any]] = {n: [] for n in self.reads}
        for start in range(0, len(members), _BLOCK):  # as statuses: a block's figures in cache
            block = members[start : start + _BLOCK]
            given_up: set[int] = set()
            for number, step in enumerate(self.steps):
                column = statuses[number][start : start + _BLOCK]
                keep = None if kept is None else kept.get(number)
                if keep is not None and (start or len(members) > _BLOCK):
                    keep = keep.picked(range(start, start + len(block)))
                flags, values = self._column(
                    step,
                    self.reads.get(number),
                    block,
                    org_units=org_units[start : start + _BLOCK],
                    statuses=column,
                    gave_up=given_up,
                    kept=keep,
                )
                exceeded[number].extend(flags)
                if values is not None:
                    reads[number].extend(values)
            gave_up.update(start + i for i in given_up)
        return statuses, exceeded, reads, gave_up

    @staticmethod
    def _column(
        step: _Step,
        what: str | None,
        members: Sequence[View],
        *,
        org_units: Sequence[Sequence[OrgUnit]],
        statuses: Sequence[Status],
        gave_up: set[int],
        kept: _Kept | None = None,
    ) -> tuple[list[bool], list[Any] | None]:
        """One step's exceeded flags and reads (``what``: what is read, if anything)."""
        count = len(members)
        if step.__class__ is _Composite:  # no figure of its own: as its facts
            return [False] * count, None if what is None else [None] * count
        if step.__class__ is _Leaf and what is None:
            return step.exceeded(members, statuses, gave_up, kept), None
        flags: list[bool] = []
        values: list[Any] = []
        flag, value = flags.append, values.append
        actual = what == "actual"
        if step.__class__ is not _Count:  # a leaf: read where there is something to read
            return step.reads(members, statuses, actual, gave_up, kept)  # type: ignore[union-attr]
        for i, member in enumerate(members):
            status = statuses[i]
            try:
                facts = step.facts(member, org_units[i])
                over, got = facts.exceeded, facts.actual if actual else facts.attainment
            except GiveUp:
                gave_up.add(i)
                over, got = False, None
            flag(over)
            value(None if status is _NO_DATA or status is _NOT_APPLICABLE else got)
        return flags, None if what is None else values


@attrs.define(eq=False)
class ScoredColumns:
    """:meth:`Scored.columns` of the members a batch decided, read block by block.

    Filled by :meth:`Compiled.statuses` (``then=``) as each block's statuses are
    made: the same columns as :meth:`Scored.columns` of those members at once.
    """

    scored: Scored
    #: The places (among the members judged) of the members read, in order.
    places: list[int] = attrs.field(factory=list)
    #: The columns, as :meth:`Scored.columns` gives them.
    statuses: list[list[Status]] = attrs.field(
        default=attrs.Factory(lambda self: [[] for _ in self.scored.places], takes_self=True)
    )
    exceeded: list[list[bool]] = attrs.field(
        default=attrs.Factory(lambda self: [[] for _ in self.scored.steps], takes_self=True)
    )
    reads: dict[int, list[Any]] = attrs.field(
        default=attrs.Factory(lambda self: {n: [] for n in self.scored.reads}, takes_self=True)
    )
    gave_up: set[int] = attrs.field(factory=set)

    def read(
        self,
        start: int,
        members: Sequence[View | None],
        org_units: Sequence[Sequence[OrgUnit]],
        rows: Sequence[Statuses | None],
        *,
        kept: Mapping[int, _Kept] | None = None,
        columns: Sequence[Sequence[Status | None]] | None = None,
    ) -> None:
        """Read the block of members from ``start`` (None: not decided by the batch).

        ``kept``: what the block's columns kept, and ``columns`` the block's
        columns of statuses, one per step (see :meth:`Scored.columns`).
        """
        views: list[View] = []
        units: list[Sequence[OrgUnit]] = []
        own: list[tuple[Status, ...]] = []
        picks: list[int] = []
        for number, (view, row) in enumerate(zip(members, rows, strict=True)):
            if view is not None and row is not None:
                picks.append(number)
                views.append(view)
                units.append(org_units[number])
                own.append(row.row)
        self.places.extend(start + p for p in picks)
        offset = len(self.places) - len(views)
        every = len(picks) == len(members)
        if kept and not every:  # the slots of the members read
            kept = {n: k.picked(picks) for n, k in kept.items()}
        statuses, exceeded, reads, gave_up = self.scored.columns(
            views,
            units,
            own,
            kept,
            columns=columns if every else None,  # type: ignore[arg-type]  # no None: all read
        )
        for mine, theirs in zip(self.statuses, statuses, strict=True):
            mine.extend(theirs)
        for flags, more in zip(self.exceeded, exceeded, strict=True):
            flags.extend(more)
        for n, values in reads.items():
            self.reads[n].extend(values)
        self.gave_up.update(offset + i for i in gave_up)


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


def compile_batch(compiled: CompiledPlan, period: Period) -> Compiled | None:
    """The batch steps of a compiled plan for ``period``; None when it needs the full path."""
    steps: list[_Step] = []
    ids: list[str] = []
    for _, indicator in compiled.plan.top_indicators():
        if not _compile(indicator, compiled, period, steps, ids):
            return None
    return Compiled(period, period.previous(), tuple(steps), tuple(ids))
