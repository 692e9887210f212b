"""The engine: one evaluation of a plan for one area and one period.

:class:`Run` finds each figure the rules need -- the period's own, else rolled
up from its months or quarters, or from its org units (khóm) -- checks it, and
judges it through the plan's compiled :class:`~thidua.evaluation.core.Judge`.
Explanations are made only when a result's :attr:`~Result.explanation` is read.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import attrs

from thidua import _explain
from thidua._text import fold, safe_repr
from thidua.data import Dataset, Kind, Observation, Value
from thidua.errors import DataError, ThiduaError, UsageError, require_type
from thidua.evaluation import merged
from thidua.evaluation.core import (
    CompiledPlan,
    Simple,
    assess_org_units,
    combine,
    compile_plan,
    reference_period,
    shown_value,
)
from thidua.evaluation.merged import Successions
from thidua.evaluation.outcomes import (
    Assessment,
    Composition,
    Explanation,
    OrgUnitResult,
    Outlook,
    Status,
)
from thidua.evaluation.outlook import combined_outlook, leaf_outlook, pace_of
from thidua.evaluation.results import Evaluation, Result
from thidua.evaluation.rollup import Found, Rollup, cover, roll_up, roll_up_org_units
from thidua.evaluation.term_judging import term_assessment, term_explanation
from thidua.evaluation.unused import unused_observations
from thidua.lineage import Lineage, lineage_of
from thidua.periods import Period, parse_date, parse_period
from thidua.plans import Aggregation, Indicator, OrgUnit, Plan
from thidua.rules import TERM_RULE_CLASSES, Assigned, Comparison, OrgUnits, Previous, TermRule
from thidua.units import Quantity, Ratio, Units

__all__ = ["Run", "area_rows", "evaluate", "evaluate_area", "period_and_day", "run_successions"]

#: The kinds of observation, as Vietnamese messages name them.
_KIND_VI = {"actual": "thực hiện", "assigned": "được giao", "estimate": "ước thực hiện"}


@attrs.frozen
class _Leaf:
    """The judgement of one simple indicator (or of one org unit under a per-unit rule)."""

    assessment: Assessment
    observations: tuple[Observation, ...]
    rollup: Rollup | None
    outlook: Outlook | None


@attrs.define
class Run:
    """The state of one evaluation while it runs (never escapes :func:`evaluate_area`)."""

    plan: Plan
    data: Dataset
    period: Period
    compiled: CompiledPlan
    as_of: dt.date | None = None
    #: The org units of the area evaluated (the plan's, unless a member brings its own).
    org_units: tuple[OrgUnit, ...] = ()
    results: dict[str, Result] = attrs.Factory(dict)
    used: set[int] = attrs.Factory(set)
    #: The org units of the data as written, by their folded form (made when first needed).
    _written: dict[str, list[str]] | None = None
    #: The merged units of the area (None: the area itself), by folded id.
    successions: Successions = attrs.field(factory=dict, kw_only=True)

    @property
    def units(self) -> Units:
        """The unit registry."""
        return self.compiled.units

    @property
    def in_year(self) -> bool:
        """Whether the period has not ended by the as-of date."""
        return self.as_of is not None and self.as_of < self.period.end

    def observation(
        self, indicator: str, period: Period, kind: Kind, org_unit: str | None = None
    ) -> Observation | None:
        """The observation of the area's own figure, marked as used."""
        obs = self.data.get(indicator, period, kind=kind, org_unit=org_unit)
        if obs is not None:
            self.used.add(id(obs))
        return obs

    def validate(self, indicator: Indicator, obs: Observation | None) -> Value | None:
        """The observation's value, checked against the indicator (unit, sign, bounds)."""
        if obs is None:
            return None
        return self.compiled.judge(indicator).checked(obs.observed, obs.where())

    def find(
        self,
        indicator: Indicator,
        period: Period,
        kind: Kind,
        org_unit: OrgUnit | None = None,
        *,
        as_of: dt.date | None = None,
    ) -> Found:
        """The value for ``period``: its own observation, else the roll-up of its parts.

        With ``as_of`` before the period's end, only parts that ended by then count.
        For the plan's own area, an indicator that declares ``across_org_units``
        falls back on the roll-up of its org units' figures when its own is
        missing or incomplete.
        """
        if kind is Kind.ACTUAL and self.successions:
            succession = self.successions.get(None if org_unit is None else fold(org_unit.id))
            if succession is not None and period.start < succession.since:
                found = merged.compose(self, indicator, period, org_unit, succession, as_of=as_of)
                for obs in found.observations:
                    self.used.add(id(obs))
                return found
        found = self._find(indicator, period, kind, org_unit, as_of=as_of)
        if (
            org_unit is None
            and kind is Kind.ACTUAL
            and indicator.across_org_units is not None
            and self.org_units
            and not found.complete
        ):
            parts: list[tuple[OrgUnit, Found]] = []
            missing: list[OrgUnit] = []
            failed: Composition | None = None
            for unit in self.org_units:  # a merged khóm's figure composed (see merged.py)
                part = self.find(indicator, period, kind, unit, as_of=as_of)
                if part.value is None:
                    missing.append(unit)
                    failed = failed or part.composition
                else:
                    parts.append((unit, part))
            across = roll_up_org_units(
                indicator.across_org_units,
                parts,
                missing,
                period=period,
                unit=indicator.unit,
                units=self.units,
            )
            if failed is not None:  # a merged khóm without its figure: say which part
                across = attrs.evolve(across, composition=failed)
            elif self.successions:
                across = _with_composition(across, indicator.across_org_units, period, parts)
            if across.complete or (found.value is None and across.value is not None):
                found = across
        for obs in found.observations:
            self.used.add(id(obs))
        return found

    def _find(
        self,
        indicator: Indicator,
        period: Period,
        kind: Kind,
        org_unit: OrgUnit | None,
        *,
        as_of: dt.date | None,
    ) -> Found:
        until = as_of if as_of is not None and as_of < period.end else None

        def lookup(p: Period) -> Observation | None:
            if org_unit is None:
                return self.data.get(indicator.id, p, kind=kind)
            return self.org_unit_observation(indicator.id, org_unit, p, kind)

        if indicator.aggregation is None or kind is Kind.ASSIGNED:
            obs = lookup(period) if until is None else None
            if obs is None:
                return Found(None, complete=False)
            return Found(self.validate(indicator, obs), (obs,))
        observations, gaps = cover(period, lookup, until=until)
        for obs in observations:
            self.validate(indicator, obs)
        if len(observations) == 1 and observations[0].period == period:
            return Found(observations[0].observed, (observations[0],))
        return roll_up(
            indicator.aggregation,
            observations,
            gaps,
            window_end=until or period.end,
            unit=indicator.unit,
            units=self.units,
        )

    def org_unit_observation(
        self, indicator: str, org_unit: OrgUnit, period: Period, kind: Kind
    ) -> Observation | None:
        """The observation of one org unit, written by its id or by its name (not both).

        Ids and names are matched as :func:`thidua._text.fold` matches them:
        ``khóm 1`` is ``Khóm 1``.
        """
        found = [
            (key, obs)
            for key in self.org_unit_keys(org_unit)
            if (obs := self.data.get(indicator, period, kind=kind, org_unit=key)) is not None
        ]
        if len(found) > 1:
            (key, first_obs), (other, second) = found[0], found[1]
            first = first_obs.source
            at = f" (first at {first})" if first is not None else ""
            at_vi = f" (lần đầu ở {first})" if first is not None else ""
            if fold(key) == fold(org_unit.id) and fold(other) != fold(org_unit.id):
                how = f"by id ({org_unit.id!r}) and by name"
                how_vi = f"một ghi theo mã ({org_unit.id!r}) và một ghi theo tên"
            else:
                how = f"written {key!r} and {other!r}"
                how_vi = f"một ghi là {key!r} và một ghi là {other!r}"
            msg = f"two {kind.value} observations for {org_unit.name}, {how}{at}"
            raise DataError(
                msg,
                code="data.duplicate_observation",
                vi=f"có hai số liệu {_KIND_VI.get(kind.value, kind.value)} cho {org_unit.name}, "
                f"{how_vi}{at_vi}",
                hint="keep one of them",
                hint_vi="hãy giữ lại một trong hai dòng",
                **second.where(),
            )
        return found[0][1] if found else None

    def org_unit_keys(self, org_unit: OrgUnit) -> list[str]:
        """Every org unit of the data, as written, that is ``org_unit`` (by id or name)."""
        written = self._written
        if written is None:
            written = self._written = {}
            for key in self.data.org_units:
                if key is not None:
                    written.setdefault(fold(key), []).append(key)
        keys = written.get(fold(org_unit.id), [])
        name = written.get(fold(org_unit.name), []) if org_unit.name != org_unit.id else []
        return list(dict.fromkeys([*keys, *name]))

    def leaf(self, indicator: Indicator, rule: Simple, org_unit: OrgUnit | None = None) -> _Leaf:
        """Judge one simple indicator, or one org unit under the per-unit rule.

        An error names the indicator and the period, and the row of the figure
        judged where it has one.
        """
        try:
            return self._leaf(indicator, rule, org_unit)
        except ThiduaError as exc:
            raise exc.located(indicator=indicator.id, period=str(self.period)) from None

    def _leaf(self, indicator: Indicator, rule: Simple, org_unit: OrgUnit | None) -> _Leaf:
        actual = self.find(indicator, self.period, Kind.ACTUAL, org_unit, as_of=self.as_of)
        where: dict[str, Any] = {"indicator": indicator.id, "period": str(self.period)}
        if actual.observations:
            where = actual.observations[-1].where()
        used = list(actual.observations)
        previous = assigned = None
        composed = [] if actual.composition is None else [actual.composition]
        if isinstance(rule, Comparison):
            if isinstance(rule.operand, Previous):
                before = reference_period(rule.operand, self.period)
                prev = self.find(indicator, before, Kind.ACTUAL, org_unit)
                used += prev.observations
                previous = prev.value if prev.complete else None
                if prev.composition is not None:
                    role = "previous" if rule.operand.year is None else "base"
                    composed.append(attrs.evolve(prev.composition, role=role))
            if isinstance(rule.operand, Assigned):
                given = self.find(indicator, self.period, Kind.ASSIGNED, org_unit)
                used += given.observations
                assigned = given.value
        try:  # a rule that could not be compiled raises here, at the figure's row
            judge = functools.partial(
                self.compiled.judge(indicator).assess,
                previous=previous,
                assigned=assigned,
                where=where,
            )
            if actual.complete and not self.in_year:
                assessment = judge(actual.value)
            elif actual.value is not None and self._sums_counts(indicator, actual.value):
                assessment = judge(actual.value, lower_bound=True)
            else:  # the figure so far is shown, and is not what is missing
                shown = self._shown(actual.value, indicator)
                judged = judge(None)
                missing = judged.missing
                if shown is not None:
                    missing = tuple(m for m in missing if m != "actual")
                assessment = attrs.evolve(judged, actual=shown, missing=missing)
        except ThiduaError as exc:
            raise exc.located(**where) from None
        if composed:
            assessment = attrs.evolve(assessment, composed=tuple(composed))
        outlook = None
        if self.in_year:
            outlook, estimate = leaf_outlook(self, indicator, rule, actual, judge, org_unit)
            used += [estimate] if estimate is not None else []
        return _Leaf(assessment, tuple(used), actual.rollup, outlook)

    def _sums_counts(self, indicator: Indicator, value: Value) -> bool:
        """Whether a partial value is a lower bound: a sum of counts, never negative."""
        if indicator.aggregation is not Aggregation.SUM or not isinstance(value, Quantity):
            return False
        unit = indicator.unit or value.unit
        return unit is not None and self.units.resolve(unit).count

    def _shown(self, value: Value | None, indicator: Indicator) -> Quantity | bool | None:
        if isinstance(value, Ratio):
            value = value.quantity
        if isinstance(value, Quantity) and indicator.unit:
            return self.units.convert(value, indicator.unit)
        return value

    def run(self, indicator: Indicator) -> Result:
        """The result of ``indicator`` (its criteria first), recorded in :attr:`results`."""
        if indicator.is_composite:
            criteria = tuple(self.run(c) for c in indicator.criteria)
            assert indicator.combine is not None  # noqa: S101 - guaranteed by Indicator
            status = combine(indicator.combine, (c.status for c in criteria))
            assessment = Assessment(
                status,
                missing=tuple(c.indicator for c in criteria if c.status is Status.NO_DATA),
            )
            outlook = None
            if self.in_year and self.as_of is not None:
                outlook = combined_outlook(indicator, criteria, self.as_of)
            result = Result(
                indicator.id,
                indicator.name,
                status,
                None,
                _explained(_explain.composite, indicator, criteria, status),
                assessment,
                criteria=criteria,
                outlook=outlook,
            )
        elif isinstance(indicator.rule, TERM_RULE_CLASSES):
            result = self._term(indicator, indicator.rule)
        elif isinstance(indicator.rule, OrgUnits):
            result = self._org_units(indicator, indicator.rule)
        else:
            assert isinstance(indicator.rule, Simple)  # noqa: S101
            leaf = self.leaf(indicator, indicator.rule)
            result = Result(
                indicator.id,
                indicator.name,
                leaf.assessment.status,
                indicator.rule,
                _explained(
                    _composed(leaf.assessment.composed),
                    indicator,
                    leaf.assessment,
                    self.period,
                    self.units,
                    rollup=leaf.rollup,
                    as_of=self.as_of if self.in_year else None,
                ),
                leaf.assessment,
                observations=leaf.observations,
                rollup=leaf.rollup,
                outlook=leaf.outlook,
            )
        self.results[indicator.id] = result
        return result

    def _term(self, indicator: Indicator, rule: TermRule) -> Result:
        """The result of a term target for the period: its year's milestone on the path."""
        try:
            assessment, used = term_assessment(self, indicator, rule)
        except ThiduaError as exc:
            raise exc.located(indicator=indicator.id, period=str(self.period)) from None
        return Result(
            indicator.id,
            indicator.name,
            assessment.status,
            rule,
            _explained(
                term_explanation,
                indicator,
                assessment,
                self.period,
                self.plan.base_year,
                self.units,
            ),
            assessment,
            observations=used,
        )

    def _org_units(self, indicator: Indicator, rule: OrgUnits) -> Result:
        each = indicator.unit_rule
        assert isinstance(each, Simple)  # noqa: S101 - guaranteed by Indicator
        per_unit: list[OrgUnitResult] = []
        projected: list[Status] = []
        used: list[Observation] = []
        for org_unit in self.org_units:
            leaf = self.leaf(indicator, each, org_unit)
            used += leaf.observations
            per_unit.append(
                OrgUnitResult(
                    org_unit.id, org_unit.name, leaf.assessment.status, leaf.assessment.actual
                )
            )
            if leaf.outlook is not None:
                projected.append(leaf.outlook.projected_status)
        if not used and not self.in_year:
            aggregate = self.observation(indicator.id, self.period, Kind.ACTUAL)
            if aggregate is not None:
                return self._org_units_from_count(indicator, rule, aggregate)
        missing = tuple(r.org_unit for r in per_unit if r.status is Status.NO_DATA)
        assessment = assess_org_units(rule, [r.status for r in per_unit], missing)
        outlook = None
        if self.in_year and self.as_of is not None:
            projected_status = assess_org_units(rule, projected, ()).status
            outlook = Outlook(
                self.as_of,
                pace_of(projected_status),
                None,
                projected_status,
                "latest",
                explanation=Explanation(*_explain.projected_status(indicator, projected_status)),
            )
        return Result(
            indicator.id,
            indicator.name,
            assessment.status,
            rule,
            _explained(
                _explain.org_units, indicator, assessment, per_unit, self.org_units, self.period
            ),
            assessment,
            org_units=tuple(per_unit),
            observations=tuple(used),
            outlook=outlook,
        )

    def _org_units_from_count(
        self, indicator: Indicator, rule: OrgUnits, obs: Observation
    ) -> Result:
        value = obs.observed
        total = len(self.org_units) if rule.total is None else rule.total
        count = value.magnitude if isinstance(value, Quantity) else None
        if isinstance(value, Ratio):
            count, total = value.numerator, int(value.denominator)
        if count is None or count.denominator != 1 or not 0 <= count <= total:
            msg = (
                "the number of org units that met the rule must be a whole number "
                f"from 0 to {total}, not {shown_value(value, 'en')}"
            )
            raise DataError(
                msg,
                code="data.org_unit_count",
                vi="số khóm/ấp đạt phải là số nguyên từ 0 đến "
                f"{total}, không phải {shown_value(value, 'vi')}",
                hint="give a count such as 5, or one row per org unit",
                hint_vi="hãy ghi số khóm/ấp đạt (ví dụ 5), hoặc ghi mỗi khóm/ấp một dòng",
                **obs.where(),
            )
        statuses = [Status.ACHIEVED] * int(count) + [Status.NOT_ACHIEVED] * (total - int(count))
        assessment = assess_org_units(rule, statuses, ())
        return Result(
            indicator.id,
            indicator.name,
            assessment.status,
            rule,
            _explained(
                _explain.org_units,
                indicator,
                assessment,
                [],
                self.org_units,
                self.period,
                count=(int(count), total),
            ),
            assessment,
            observations=(obs,),
        )


def evaluate(
    plan: Plan,
    data: Dataset,
    period: Period | str | int | None = None,
    *,
    as_of: dt.date | str | None = None,
    lineage: Lineage | None = None,
    area: str | None = None,
) -> Evaluation:
    """Evaluate every indicator of ``plan`` on ``data`` for ``period``.

    Args:
        plan: The plan.
        data: The observations; ``previous`` values are those of the same period
            one year earlier, ``assigned`` values observations of kind ``assigned``.
            A period without its own observation is rolled up from its parts
            (months, quarters) by each indicator's ``aggregation``.
        period: The period, e.g. ``"2024"`` or ``"2024-H1"``; the plan's year by default.
        as_of: Evaluate as of this date (a date or text such as ``"10/6/2024"``).
            Before the period ends, only data of parts that ended by then count;
            each result gives the status where it is already decided and an
            :class:`Outlook`.
        lineage: Which units were merged into which (see :func:`thidua.load_lineage`),
            with the plan's org units' own ``predecessors``: a figure of a merged
            unit for a period before its date is composed from its predecessors'
            figures, found in ``data`` under their own ids (see
            :doc:`/after-merger-vi`).
        area: The id of the plan's own area in ``lineage``, when the area itself
            is a merged unit (its predecessors' rows are those of their ids). Its
            own rows are those without an org unit, or tagged with its own id
            (``org_unit = P1``, as :func:`thidua.evaluate_many` reads them).

    Raises:
        DataError: An observation is wrong for its indicator (negative count, out
            of bounds, yes/no against a number); the error names the indicator, the
            period and the source file and row.
        UnitError: An observation's unit does not compare with the indicator's.
        ArgumentTypeError: ``plan`` is not a :class:`~thidua.plans.Plan` or ``data``
            not a :class:`~thidua.data.Dataset`.
        ParseError: The period or the as-of date cannot be read.
        UsageError: The as-of date is before the period starts, or ``area`` is
            not a successor in ``lineage`` (``lineage.unknown_area``).
        DataError: The lineage is wrong (``lineage.*``), a predecessor has a
            figure after its merger (``lineage.after_merger``), or a figure of
            ``area`` is given both without an org unit and tagged with its id
            (``data.duplicate_observation``).

    >>> from thidua.examples import hoa_thuan_2024, hoa_thuan_2024_data
    >>> ev = evaluate(hoa_thuan_2024(), hoa_thuan_2024_data(), "2024")
    >>> ev.results["KT07"].status
    <Status.ACHIEVED: 'achieved'>

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.4.0
       ``lineage=`` and ``area=``.
    """
    require_type(plan, Plan, "plan", "a Plan (see load_plan)", "một kế hoạch (xem load_plan)")
    require_type(
        data, Dataset, "data", "a Dataset (see load_data)", "một bộ số liệu (xem load_data)"
    )
    chosen, day = period_and_day(plan, period, as_of)
    found = run_successions(plan.org_units, lineage, area=area)
    if area is not None:
        data = area_rows(data, area, plan.org_units)
    return evaluate_compiled(
        compile_plan(plan), data, chosen, as_of=day, org_units=plan.org_units, successions=found
    )


def run_successions(
    org_units: tuple[OrgUnit, ...],
    lineage: Lineage | None,
    *,
    area: str | None = None,
) -> dict[str | None, merged.Succession]:
    """The successions of one area: its org units', its own (``area``), from ``lineage``.

    Raises:
        ArgumentTypeError: ``lineage`` is not a :class:`~thidua.Lineage`.
        UsageError: ``area`` is not a successor (``lineage.unknown_area``).
    """
    if lineage is not None:
        require_type(
            lineage,
            Lineage,
            "lineage",
            "a Lineage (see load_lineage)",
            "một lineage (xem load_lineage)",
        )
    whole = lineage_of(org_units, lineage)
    if not whole.links:
        if area is not None:
            raise _unknown_area(area)
        return {}
    if area is not None:
        require_type(
            area, str, "area", "the area's id in the lineage", "mã của đơn vị trong lineage"
        )
        if not whole.links_of(area):
            raise _unknown_area(area)
    shown = None if area is None else (area, whole.name(area))
    return merged.successions(whole, area=shown, org_units=org_units)


def area_rows(data: Dataset, area: str, org_units: tuple[OrgUnit, ...]) -> Dataset:
    """``data`` with the area's own rows tagged with its id (``org_unit = P1``) as its own.

    The area's own figures are its rows without an org unit; rows tagged with
    the area's own id (as :func:`thidua.evaluate_many` reads ``P1``) are the
    same figures, unless one of the plan's org units has that id or name (they
    are then that org unit's).

    Raises:
        DataError: A figure is given both ways, untagged and tagged with the
            area's id (``data.duplicate_observation``, at the second row).
    """
    key = fold(area)
    if not any(w is not None and fold(w) == key for w in data.org_units) or any(
        fold(u.id) == key or fold(u.name) == key for u in org_units
    ):
        return data
    untagged = {(o.indicator, o.period, o.kind): o for o in data if o.org_unit is None}
    rows = []
    for obs in data:
        if obs.org_unit is not None and fold(obs.org_unit) == key:
            first = untagged.get((obs.indicator, obs.period, obs.kind))
            if first is not None:
                raise _area_twice(obs, first, area)
            rows.append(attrs.evolve(obs, org_unit=None))
        else:
            rows.append(obs)
    return Dataset(rows)


def _area_twice(obs: Observation, first: Observation, area: str) -> DataError:
    at = f" (first at {first.source})" if first.source else ""
    at_vi = f" (dòng trước ở {first.source})" if first.source else ""
    msg = (
        f"two {obs.kind.value} observations of {area} for {obs.period}: one without an org "
        f"unit, one tagged {obs.org_unit!r}{at}"
    )
    return DataError(
        msg,
        code="data.duplicate_observation",
        vi=f"có hai số liệu {_KIND_VI.get(obs.kind.value, obs.kind.value)} của {area} cho "
        f"{obs.period.label('vi')}: một dòng không ghi đơn vị, một dòng ghi {obs.org_unit!r}"
        f"{at_vi}",
        hint="keep one of them; nothing is overwritten",
        hint_vi="hãy giữ lại một dòng (dòng sau không tự động ghi đè dòng trước)",
        **obs.where(),
    )


def _unknown_area(area: object) -> UsageError:
    shown = safe_repr(area, limit=60)
    msg = f"area={shown} is not a successor in the lineage"
    return UsageError(
        msg,
        code="lineage.unknown_area",
        vi=f"area={shown} không phải là đơn vị mới (sau sáp nhập) trong lineage",
        hint="give the id the lineage names in its successor column",
        hint_vi="hãy ghi mã mà lineage ghi ở cột successor",
    )


def period_and_day(
    plan: Plan, period: Period | str | int | None, as_of: dt.date | str | None
) -> tuple[Period, dt.date | None]:
    """The period (the plan's year by default) and the as-of date, checked.

    Raises:
        ParseError: The period or the date cannot be read.
        UsageError: The date is before the period starts (code ``usage.as_of_before_period``).
    """
    chosen = parse_period(plan.year if period is None else period)
    day = None if as_of is None else parse_date(as_of, year=chosen.year)
    if day is not None and day < chosen.start:
        msg = f"as_of {day.isoformat()} is before the period {chosen} starts"
        raise UsageError(
            msg,
            code="usage.as_of_before_period",
            vi=f"ngày {day.day:02d}/{day.month:02d}/{day.year} ở trước khi "
            f"{chosen.label('vi')} bắt đầu",
            period=str(chosen),
            hint="give a date inside or after the period",
            hint_vi="hãy chọn một ngày trong kỳ hoặc sau khi kỳ kết thúc",
        )
    return chosen, day


def evaluate_area(
    plan: Plan,
    data: Dataset,
    period: Period,
    *,
    as_of: dt.date | None,
    org_units: tuple[OrgUnit, ...],
) -> Evaluation:
    """Evaluate ``plan`` for one area whose org units are ``org_units`` (arguments checked).

    The plan serves as a template: a ward evaluated with its own khóm, or a
    khóm evaluated with none (its org-unit rules then do not apply).
    """
    return evaluate_compiled(compile_plan(plan), data, period, as_of=as_of, org_units=org_units)


def evaluate_compiled(
    compiled: CompiledPlan,
    data: Dataset,
    period: Period,
    *,
    as_of: dt.date | None,
    org_units: tuple[OrgUnit, ...],
    successions: Successions | None = None,
) -> Evaluation:
    """:func:`evaluate_area` with the plan already compiled (many members share it).

    ``successions``: the merged units of the area (see :func:`run_successions`).
    """
    plan = compiled.plan
    if successions:
        merged.check_after_merger(data, successions)
        org_units = merged.standing(org_units, successions)
    run = Run(plan, data, period, compiled, as_of, org_units, successions=successions or {})
    top = tuple(run.run(indicator).indicator for _, indicator in plan.top_indicators())
    ordered = {i.id: run.results[i.id] for i in plan.indicators()}
    return Evaluation(plan, period, ordered, top, unused_observations(run), as_of=as_of)


def _with_composition(
    found: Found, how: Aggregation, period: Period, parts: list[tuple[OrgUnit, Found]]
) -> Found:
    """A roll-up of org units with the parts of its merged khóm named (for the explanation).

    Only a sum or a rate says "the sum of Khóm 1, Khóm 2 and Khóm 3": a mean
    of khóm is not a sum of their predecessors.
    """
    if how not in (Aggregation.SUM, Aggregation.RATE) or not any(
        f.composition is not None for _, f in parts
    ):
        return found
    names: list[str] = []
    shares: list[Fraction] = []
    for unit, part in parts:
        c = part.composition
        if c is None:
            names.append(unit.name)
            shares.append(Fraction(1))
        else:
            names += c.parts
            shares += c.shares or (Fraction(1),) * len(c.parts)
    made = Composition("actual", period, tuple(names), tuple(shares), rate=how is Aggregation.RATE)
    return attrs.evolve(found, composition=made)


def _composed(compositions: tuple[Composition, ...]) -> Callable[..., tuple[str, str]]:
    """The explanation of a simple result, with what its merged figures were made of."""
    if not compositions:
        return _explain.simple

    def make(*args: Any, **kwargs: Any) -> tuple[str, str]:
        vi, en = _explain.simple(*args, **kwargs)
        return (
            f"{vi} ({merged.note(compositions, 'vi')})",
            f"{en} ({merged.note(compositions, 'en')})",
        )

    return make


def _explained(make: Callable[..., tuple[str, str]], *args: Any, **kwargs: Any) -> Any:
    """The maker of an explanation: ``make(*args)`` when the explanation is first read."""

    def explanation() -> Explanation:
        return Explanation(*make(*args, **kwargs))

    return explanation
