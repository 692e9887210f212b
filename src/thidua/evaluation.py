"""Evaluation: judging data against rules and plans, exactly.

:func:`check` judges one value against one rule and gives a :class:`Status`;
:func:`assess` gives the facts behind it (resolved target, margin, attainment).
:func:`evaluate` judges every indicator of a plan for a period and returns an
:class:`Evaluation` whose :attr:`~Evaluation.results` map indicator ids (criteria
of composites included) to :class:`Result` objects with explanations in
Vietnamese and English.

Semantics (the docs page "Concepts and glossary"):

* a missing actual value, or a missing ``previous``/``assigned`` the rule needs,
  gives ``no_data`` and names what is missing;
* a rate with a zero denominator gives ``not_applicable`` unless the indicator
  declares another policy;
* composites use Kleene logic, ignoring ``not_applicable`` criteria: **all** is
  not achieved if any criterion is, else no data if any is, else achieved;
  **any** is achieved if any is, else no data if any is, else not achieved;
* org-unit rules count the org units that meet the per-unit rule and decide
  whenever the missing org units could not change the answer.

All comparisons are exact (fractions in the base unit of the dimension).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any

import attrs

from thidua import _explain
from thidua._choices import Choice
from thidua._rollup import Found, Rollup, cover, roll_up, roll_up_org_units
from thidua._text import printable, safe_repr
from thidua.data import Dataset, Kind, Observation, Value, parse_value
from thidua.errors import (
    ArgumentTypeError,
    DataError,
    NotFoundError,
    ThiduaError,
    UnitError,
    UsageError,
    require_type,
)
from thidua.numbers import NumberFormat, format_number
from thidua.periods import Period, parse_date, parse_period
from thidua.plans import Aggregation, Combine, Indicator, OrgUnit, Plan, ZeroDenominator
from thidua.rules import Assigned, Comparison, Flag, Op, OrgUnits, Previous, Rule, parse_rule
from thidua.units import Quantity, Ratio, Units, default_units

__all__ = [
    "Assessment",
    "Evaluation",
    "Explanation",
    "OrgUnitResult",
    "Outlook",
    "Pace",
    "Result",
    "Results",
    "Rollup",
    "Status",
    "Target",
    "Unused",
    "assess",
    "check",
    "combine",
    "evaluate",
]


class Status(Choice):
    """The outcome of judging an indicator.

    .. versionadded:: 0.1.0
    """

    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    NO_DATA = "no_data"
    NOT_APPLICABLE = "not_applicable"

    # singletons compared by identity: identity hashing is exact, and runs in C
    __hash__ = object.__hash__

    @property
    def vi(self) -> str:
        """The Vietnamese label (Đạt, Không đạt, Chưa có số liệu, Không áp dụng)."""
        return _LABELS[self][0]

    @property
    def en(self) -> str:
        """The English label."""
        return _LABELS[self][1]

    def label(self, language: str = "vi") -> str:
        """The label in ``language`` (``vi`` or ``en``)."""
        return self.vi if language == "vi" else self.en


_LABELS = {
    Status.ACHIEVED: ("Đạt", "Achieved"),
    Status.NOT_ACHIEVED: ("Không đạt", "Not achieved"),
    Status.NO_DATA: ("Chưa có số liệu", "No data"),
    Status.NOT_APPLICABLE: ("Không áp dụng", "Not applicable"),
}


@attrs.frozen
class Explanation:
    """One sentence in Vietnamese and one in English.

    .. versionadded:: 0.1.0
    """

    #: Vietnamese.
    vi: str
    #: English.
    en: str

    def __str__(self) -> str:
        return printable(self.vi)


@attrs.frozen
class Target:
    """A rule resolved against the data: ``<= 43 household`` from previous 45 minus 2.

    .. versionadded:: 0.1.0
    """

    #: The rule it resolves.
    rule: Rule
    #: The operator.
    op: Op
    #: The threshold of a comparison, in the indicator's unit.
    quantity: Quantity | None = None
    #: The value a flag expects.
    expected: bool | None = None
    #: How many org units must meet the per-unit rule.
    count: int | None = None
    #: The previous or assigned value the threshold was computed from.
    reference: Quantity | None = None

    def __str__(self) -> str:
        if self.expected is not None:
            return "is true" if self.expected else "is false"
        if self.count is not None:
            return f"{self.op.value} {self.count} org units"
        return f"{self.op.value} {self.quantity}"


@attrs.frozen
class Assessment:
    """The facts of judging one value against one rule.

    .. versionadded:: 0.1.0
    """

    #: The status.
    status: Status
    #: The value judged (a rate as its quantity), in the indicator's unit.
    actual: Quantity | bool | None = None
    #: The resolved target, when it could be resolved.
    target: Target | None = None
    #: Signed margin in the good direction (positive when better than the target).
    margin: Quantity | None = None
    #: Achieved with a positive margin.
    exceeded: bool = False
    #: actual / target (target / actual where less is better), where meaningful.
    attainment: Fraction | None = None
    #: What was missing for ``no_data``: ``actual``, ``previous``, ``assigned``, org unit ids.
    missing: tuple[str, ...] = ()
    #: The rate, when the value came as numerator / denominator.
    ratio: Ratio | None = None
    #: The previous value used.
    previous: Quantity | None = None
    #: The assigned target used.
    assigned: Quantity | None = None


@attrs.frozen
class OrgUnitResult:
    """How one org unit fared under an org-unit rule.

    .. versionadded:: 0.1.0
    """

    #: Org unit id.
    org_unit: str
    #: Its name.
    name: str
    #: Its status under the per-unit rule.
    status: Status
    #: Its value.
    actual: Quantity | bool | None = None


class Pace(Choice):
    """Whether an indicator keeps pace with its target part-way through a period.

    .. versionadded:: 0.1.0
    """

    ON_TRACK = "on_track"
    BEHIND = "behind"


@attrs.frozen
class Outlook:
    """Where an indicator stands before its period ends, and where it is heading.

    For ``sum`` indicators the figure so far is held against a pro-rata target
    (the target times the share of the period that the data covers) and the
    full-period value is projected at the same pace; for levels, rates and yes/no
    indicators the latest value is the projection. An ``estimate`` observation
    for the period (ước thực hiện cả năm) is the projection whenever it is given.

    .. versionadded:: 0.1.0
    """

    #: The date of the evaluation.
    as_of: dt.date
    #: On track or behind; None when nothing is known yet.
    pace: Pace | None
    #: The projected value of the whole period.
    projected: Quantity | bool | None
    #: The status the projected value would have.
    projected_status: Status
    #: How the projection was made: ``linear``, ``estimate``, ``latest``, ``mean``, ``rate``.
    method: str | None
    #: The value so far.
    so_far: Quantity | bool | None = None
    #: The last day the data so far covers.
    through: dt.date | None = None
    #: The share of the period the data covers.
    elapsed: Fraction | None = None
    #: The target pro rata to ``elapsed`` (``sum`` indicators).
    pro_rata: Quantity | None = None
    #: How the outlook was reached, in Vietnamese and English.
    explanation: Explanation | None = None


@attrs.frozen
class Result:
    """The evaluation of one indicator (or criterion) for one period.

    .. versionadded:: 0.1.0
    """

    #: Indicator id.
    indicator: str
    #: Indicator name.
    name: str
    #: The status.
    status: Status
    #: The indicator's rule (None for a composite).
    rule: Rule | None
    #: The explanation.
    explanation: Explanation
    #: The facts behind the status.
    assessment: Assessment
    #: Results of the criteria of a composite.
    criteria: tuple[Result, ...] = ()
    #: Results per org unit, for org-unit rules.
    org_units: tuple[OrgUnitResult, ...] = ()
    #: The observations used.
    observations: tuple[Observation, ...] = ()
    #: How the value was rolled up from sub-periods, if it was.
    rollup: Rollup | None = None
    #: The in-year outlook, when evaluated before the period ended (``as_of``).
    outlook: Outlook | None = None

    def __repr__(self) -> str:
        target = f" {self.target}" if self.target is not None else ""
        actual = f" {self.actual}" if self.actual is not None else ""
        return printable(f"<Result {self.indicator} {self.status.value}:{actual}{target}>")

    def __str__(self) -> str:
        return printable(self.explanation.vi)

    def _repr_html_(self) -> str:
        from thidua.display import result_html  # noqa: PLC0415  (the notebook face)

        return result_html(self)

    def to_dataframe(self) -> Any:
        """This result and its criteria as a DataFrame (see :meth:`Evaluation.to_dataframe`)."""
        from thidua._frames import results_frame  # noqa: PLC0415  (pandas only when asked)

        return results_frame([self], as_of=None)

    @property
    def actual(self) -> Quantity | bool | None:
        """The value judged."""
        return self.assessment.actual

    @property
    def target(self) -> Target | None:
        """The resolved target."""
        return self.assessment.target

    @property
    def margin(self) -> Quantity | None:
        """Signed margin in the good direction."""
        return self.assessment.margin

    @property
    def exceeded(self) -> bool:
        """Achieved with a positive margin (vượt chỉ tiêu)."""
        return self.assessment.exceeded

    @property
    def attainment(self) -> Fraction | None:
        """Attainment ratio, where meaningful."""
        return self.assessment.attainment

    @property
    def missing(self) -> tuple[str, ...]:
        """What is missing, for ``no_data``."""
        return self.assessment.missing


@attrs.frozen
class Unused:
    """An observation the evaluation did not use, and why.

    .. versionadded:: 0.1.0
    """

    #: The observation.
    observation: Observation
    #: Why it was not used.
    reason: str


def _shown_ids(ids: Iterable[str], limit: int = 12) -> str:
    """Ids for a hint: the first ``limit`` of them, then how many more."""
    listed = list(ids)
    shown = ", ".join(listed[:limit])
    return shown + (f" (+{len(listed) - limit})" if len(listed) > limit else "")


def not_found(
    key: object, known: Iterable[str], what: str, what_vi: str, **where: Any
) -> NotFoundError:
    """The error of a lookup by id that finds nothing (``what``: ``indicator``, ``member``…)."""
    listed = _shown_ids(known)
    shown = safe_repr(key, limit=60)
    return NotFoundError(
        f"there is no {what} {shown}",
        code=f"{what.replace(' ', '_')}.not_found",
        vi=f"không có {what_vi} {shown}",
        hint=f"known: {listed}" if listed else None,
        hint_vi=f"các mã hiện có: {listed}" if listed else None,
        **where,
    )


class Results(Mapping[str, Result]):
    """An evaluation's results by indicator id, in plan order (a read-only mapping).

    Looking up an id the plan does not have raises
    :class:`~thidua.errors.NotFoundError` (a :class:`KeyError`), code
    ``indicator.not_found``.

    .. versionadded:: 0.2.0
    """

    __slots__ = ("_results",)

    def __init__(self, results: Mapping[str, Result]) -> None:
        self._results = dict(results)

    def __getitem__(self, key: str) -> Result:
        try:
            return self._results[key]
        except (KeyError, TypeError):
            raise not_found(key, self._results, "indicator", "chỉ tiêu") from None

    def __contains__(self, key: object) -> bool:
        try:
            return key in self._results
        except TypeError:  # an unhashable key is not an id
            return False

    def __iter__(self) -> Iterator[str]:
        return iter(self._results)

    def __len__(self) -> int:
        return len(self._results)

    def __repr__(self) -> str:
        return printable(repr(self._results))


def _results(value: Mapping[str, Result]) -> Results:
    return value if isinstance(value, Results) else Results(value)


@attrs.frozen(hash=False, repr=False)
class Evaluation:
    """A plan evaluated for a period.

    .. versionadded:: 0.1.0
    """

    #: The plan evaluated.
    plan: Plan
    #: The period.
    period: Period
    #: Results by indicator id, criteria of composites included, in plan order
    #: (an unknown id raises :class:`~thidua.errors.NotFoundError`).
    results: Mapping[str, Result] = attrs.field(converter=_results)
    #: Ids of the top-level indicators, in plan order.
    top: tuple[str, ...]
    #: Observations given but not used, with the reason.
    unused: tuple[Unused, ...] = ()
    #: The as-of date of an in-year evaluation, if one was given.
    as_of: dt.date | None = None

    @property
    def summary(self) -> dict[Status, int]:
        """How many top-level indicators have each status."""
        counts = dict.fromkeys(Status, 0)
        for indicator_id in self.top:
            counts[self.results[indicator_id].status] += 1
        return counts

    def top_results(self) -> list[Result]:
        """The results of the top-level indicators, in plan order."""
        return [self.results[i] for i in self.top]

    def __repr__(self) -> str:
        counts = ", ".join(f"{s.value} {n}" for s, n in self.summary.items())
        as_of = f" as of {self.as_of.isoformat()}" if self.as_of else ""
        return printable(f"<Evaluation {self.plan.id!r} {self.period}{as_of}: {counts}>")

    def __str__(self) -> str:
        from thidua.formats import render  # noqa: PLC0415  (the text face)

        return render(self, "table")

    def _repr_html_(self) -> str:
        from thidua.display import evaluation_html  # noqa: PLC0415  (the notebook face)

        return evaluation_html(self)

    def to_dataframe(self) -> Any:
        """The results as a pandas DataFrame, one row per indicator and criterion.

        Columns (index ``indicator``): ``name``, ``group``, ``parent`` (the composite
        a criterion belongs to), ``level`` (0 for top-level indicators),
        ``status`` (categorical, in the order of :class:`Status`), ``status_vi``,
        ``actual`` (exact: :class:`~fractions.Fraction`, bool or None), ``unit``,
        ``rule``, ``target`` (canonical text), ``threshold`` (exact), ``margin``
        (exact), ``exceeded``, ``attainment`` (exact), ``explanation_vi``,
        ``explanation_en``; for an in-year evaluation also ``pace``
        (categorical), ``projected`` (exact) and ``projected_status``.

        Raises:
            ExtraNotInstalledError: pandas is not installed (the ``notebook`` extra).
        """
        from thidua._frames import results_frame  # noqa: PLC0415  (pandas only when asked)

        return results_frame(self.top_results(), as_of=self.as_of, plan=self.plan)


# --------------------------------------------------------------------------- judging


def combine(how: Combine | str, statuses: Iterable[Status]) -> Status:
    """Combine criteria statuses with Kleene three-valued logic (``all`` or ``any``).

    ``not_applicable`` criteria are ignored; if every criterion is not applicable
    (or there are none), so is the result.

    >>> combine("all", [Status.ACHIEVED, Status.NO_DATA])
    <Status.NO_DATA: 'no_data'>
    >>> combine("any", [Status.ACHIEVED, Status.NO_DATA])
    <Status.ACHIEVED: 'achieved'>

    .. versionadded:: 0.1.0
    """
    how = Combine(how)
    relevant = [s for s in statuses if s is not Status.NOT_APPLICABLE]
    if not relevant:
        return Status.NOT_APPLICABLE
    decisive = Status.NOT_ACHIEVED if how is Combine.ALL else Status.ACHIEVED
    if decisive in relevant:
        return decisive
    if Status.NO_DATA in relevant:
        return Status.NO_DATA
    return Status.ACHIEVED if how is Combine.ALL else Status.NOT_ACHIEVED


#: The kinds of observation, as Vietnamese messages name them.
_KIND_VI = {"actual": "thực hiện", "assigned": "được giao", "estimate": "ước thực hiện"}

#: What a value is, for messages: (English, Vietnamese).
_WHAT = {
    "actual": ("the value", "giá trị"),
    "previous": ("the previous value", "giá trị năm trước"),
    "assigned": ("the assigned target", "chỉ tiêu được giao"),
}


def _as_quantity(value: Value | None, what: str, **where: Any) -> Quantity | None:
    if value is None or isinstance(value, Quantity):
        return value
    if isinstance(value, Ratio):
        return value.quantity
    said_en, said_vi = ("yes", "đạt") if value else ("no", "không đạt")
    what_en, what_vi = _WHAT[what]
    msg = f"{what_en} is a yes/no value ({said_en}) but the rule compares numbers"
    raise DataError(
        msg,
        code="data.yes_no_for_number",
        vi=f"{what_vi} được ghi là '{said_vi}', nhưng mức yêu cầu so sánh với một con số",
        hint="give a number, or make the rule 'is true'",
        hint_vi="hãy ghi một con số, hoặc đổi mức yêu cầu thành 'is true' (đạt)",
        **where,
    )


def _factor(q: Quantity, units: Units) -> Fraction:
    base, dimension = units.base(q)
    if dimension not in (None, "dimensionless"):
        msg = f"the factor {_explain.show(q, 'en', units)} must be a percent or a plain number"
        raise UnitError(
            msg,
            code="rule.factor_unit",
            vi=f"hệ số {_explain.show(q, 'vi', units)} phải là phần trăm hoặc một số không có"
            " đơn vị tính",
            hint="write the factor as '* 105 %' or '* 1,05'",
            hint_vi="hãy ghi hệ số dạng '* 105 %' hoặc '* 1,05'",
        )
    return base


def _resolve_target(
    rule: Comparison,
    *,
    previous: Quantity | None,
    assigned: Quantity | None,
    unit: str | None,
    units: Units,
) -> tuple[Quantity | None, Quantity | None, tuple[str, ...]]:
    """The threshold, the reference it came from, and what is missing."""
    operand = rule.operand
    if isinstance(operand, Quantity):
        return operand.with_unit(unit), None, ()
    reference = previous if isinstance(operand, Previous) else assigned
    if reference is None:
        return None, None, ("previous" if isinstance(operand, Previous) else "assigned",)
    reference = units.convert(reference, unit) if unit else reference
    if isinstance(operand, Previous) and operand.offset is not None:
        offset = units.convert(operand.offset.with_unit(reference.unit), reference.unit)
        return Quantity(reference.magnitude + offset.magnitude, reference.unit), reference, ()
    if operand.factor is not None:
        factor = _factor(operand.factor, units)
        return Quantity(reference.magnitude * factor, reference.unit), reference, ()
    return reference, reference, ()


def _reference_unit(rule: Comparison, unit: str | None, *values: Quantity | None) -> str | None:
    if unit is not None:
        return unit
    operand = rule.operand
    candidates: list[Quantity | None] = []
    if isinstance(operand, Quantity):
        candidates.append(operand)
    elif isinstance(operand, Previous) and operand.offset is not None:
        candidates.append(operand.offset)
    candidates.extend(values)
    return next((q.unit for q in candidates if q is not None and q.unit is not None), None)


def _assess_comparison(
    rule: Comparison,
    observed: Value | None,
    *,
    previous: Value | None,
    assigned: Value | None,
    unit: str | None,
    units: Units,
    zero: ZeroDenominator,
    where: Mapping[str, Any],
    lower_bound: bool = False,
) -> Assessment:
    """Judge a comparison; with ``lower_bound`` the actual is only a lower bound.

    A lower bound is what a sum of counts so far is: the whole period's value can
    only be the same or more, so the status is given only where more cannot
    change it (a zero-tolerance rule broken in March stays broken).
    """
    ratio_given = observed if isinstance(observed, Ratio) else None
    actual = _as_quantity(observed, "actual", **where)
    prev = _as_quantity(previous, "previous", **where)
    given = _as_quantity(assigned, "assigned", **where)
    ref_unit = _reference_unit(rule, unit, actual, prev, given)
    for q in (actual, prev, given):
        if q is not None and ref_unit is not None:
            units.require_compatible(q.unit, ref_unit, **where)
    actual = units.convert(actual, ref_unit) if actual is not None and ref_unit else actual
    prev = units.convert(prev, ref_unit) if prev is not None and ref_unit else prev
    given = units.convert(given, ref_unit) if given is not None and ref_unit else given
    threshold, reference, missing = _resolve_target(
        rule, previous=prev, assigned=given, unit=ref_unit, units=units
    )
    target = None
    if threshold is not None:
        target = Target(rule, rule.op, quantity=threshold, reference=reference)
    context = functools.partial(Assessment, ratio=ratio_given, previous=prev, assigned=given)
    if ratio_given is not None and actual is None:
        return context(Status(zero.value), None, target)
    if actual is None:
        return context(Status.NO_DATA, None, target, missing=("actual", *missing))
    if threshold is None:
        return context(Status.NO_DATA, actual, None, missing=missing)
    a_base, a_dim = units.base(actual)
    t_base, t_dim = units.base(threshold)
    if a_dim != t_dim and a_dim is not None and t_dim is not None:
        units.require_compatible(actual.unit, threshold.unit, **where)
    holds = rule.op.holds(a_base, t_base)
    status = Status.ACHIEVED if holds else Status.NOT_ACHIEVED
    if lower_bound and not _decided_by_lower_bound(rule.op, a_base, t_base):
        return context(Status.NO_DATA, actual, target, missing=("actual",))
    difference = a_base - t_base
    direction = rule.op.direction
    if direction:
        signed = difference * direction
    elif rule.op is Op.EQ:
        signed = -abs(difference)
    else:
        signed = abs(difference)
    scale = units.resolve(threshold.unit).factor if threshold.unit else Fraction(1)
    margin = Quantity(signed / scale, threshold.unit)
    attainment: Fraction | None = None
    if direction > 0 and t_base > 0:
        attainment = a_base / t_base
    elif direction < 0 and t_base > 0 and a_base > 0:
        attainment = t_base / a_base
    exceeded = holds and direction != 0 and signed > 0
    return context(status, actual, target, margin, exceeded, attainment)


def _decided_by_lower_bound(op: Op, low: Fraction, target: Fraction) -> bool:
    """Whether ``op`` gives the same answer for every value from ``low`` upwards."""
    if op in (Op.GE, Op.GT):
        return op.holds(low, target)
    if op in (Op.LE, Op.LT):
        return not op.holds(low, target)
    return low > target  # == is then broken for good, != kept for good


def _assess_flag(rule: Flag, observed: Value | None, where: Mapping[str, Any]) -> Assessment:
    target = Target(rule, Op.EQ, expected=rule.expected)
    if observed is None:
        return Assessment(Status.NO_DATA, None, target, missing=("actual",))
    if not isinstance(observed, bool):
        shown_en, shown_vi = _shown_value(observed, "en"), _shown_value(observed, "vi")
        msg = f"the value {shown_en} is a number but the rule is {rule} (yes/no)"
        raise DataError(
            msg,
            code="data.number_for_yes_no",
            vi=f"giá trị {shown_vi} là một con số, nhưng mức yêu cầu '{rule}' chỉ xét"
            " đạt/không đạt",
            hint="write đạt / không đạt (or true / false)",
            hint_vi="hãy ghi 'đạt' hoặc 'không đạt'",
            **where,
        )
    status = Status.ACHIEVED if observed is rule.expected else Status.NOT_ACHIEVED
    return Assessment(status, observed, target)


def _shown_value(value: Value | None, language: str) -> str:
    """A value as people write it (``42 hộ``, ``97,5%``, ``49/50``), with unit labels."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return ("đạt" if value else "không đạt") if language == "vi" else ("yes" if value else "no")
    if isinstance(value, Ratio):
        n = format_number(value.numerator, locale=language)
        d = format_number(value.denominator, locale=language)
        return f"{n}/{d}"
    return _explain.show(value, language)


def _assess_org_units(
    rule: OrgUnits, statuses: Sequence[Status], missing: tuple[str, ...]
) -> Assessment:
    relevant = [s for s in statuses if s is not Status.NOT_APPLICABLE]
    total = len(relevant)
    if total == 0:
        return Assessment(Status.NOT_APPLICABLE)
    achieved = relevant.count(Status.ACHIEVED)
    unknown = relevant.count(Status.NO_DATA)
    required = total if rule.count is None else rule.count
    op = rule.op
    target = Target(rule, op, count=required)
    outcomes = {
        op.holds(Fraction(x), Fraction(required)) for x in range(achieved, achieved + unknown + 1)
    }
    actual = Quantity(achieved)
    if outcomes == {True}:
        status = Status.ACHIEVED
    elif outcomes == {False}:
        status = Status.NOT_ACHIEVED
    else:
        return Assessment(Status.NO_DATA, actual, target, missing=missing)
    signed = Fraction(achieved - required) * (op.direction or 1)
    return Assessment(
        status,
        actual,
        target,
        Quantity(signed),
        exceeded=status is Status.ACHIEVED and op.direction > 0 and signed > 0,
        attainment=Fraction(achieved, required) if required and op.direction > 0 else None,
    )


def assess(
    rule: Rule | str,
    value: object,
    *,
    previous: object = None,
    assigned: object = None,
    unit: str | None = None,
    per_org_unit: Rule | str | None = None,
    zero_denominator: ZeroDenominator | str = ZeroDenominator.NOT_APPLICABLE,
    units: Units | None = None,
    number_format: NumberFormat = None,
) -> Assessment:
    """Judge ``value`` against ``rule`` and give the facts behind the status.

    Args:
        rule: A rule or rule text (canonical or Vietnamese).
        value: The actual value: text as people write it (``"98,5%"``, ``"42 hộ"``,
            ``"đạt"``), a number, a bool, a :class:`~thidua.units.Quantity`, a
            :func:`~thidua.ratio`, or ``None`` (no data). For org-unit rules, a
            mapping from org unit to its value, or a list of the org units' values.
        previous: The value of the same period one year earlier, if the rule needs it.
        assigned: The target assigned by the higher level, if the rule needs it.
        unit: The indicator's unit; bare numbers take it. By default bare numbers
            take the unit of the rule's threshold.
        per_org_unit: For org-unit rules, the rule each org unit must meet
            (``is true`` by default).
        zero_denominator: What a rate with a zero denominator means.
        units: The unit registry; the domain's by default.
        number_format: ``"vi"`` or ``"en"`` for ambiguous numbers in texts.

    Raises:
        UnitError: Value and rule are of different dimensions.
        DataError: A yes/no value for a numeric rule, or the reverse.
        ParseError: The rule or a value cannot be read.

    .. versionadded:: 0.1.0
    """
    registry = units or default_units()
    parsed = parse_rule(rule, units=registry, number_format=number_format)
    policy = ZeroDenominator(zero_denominator)

    def read(v: object) -> Value | None:
        return parse_value(v, unit=unit, units=registry, number_format=number_format)

    if isinstance(parsed, OrgUnits):
        if isinstance(value, list | tuple):
            value = {f"#{i + 1}": v for i, v in enumerate(value)}
        if not isinstance(value, Mapping):
            shown = printable(type(value).__name__)
            msg = (
                f"value= must be a mapping from org unit to value for the rule {parsed}, "
                f"not {shown}"
            )
            raise ArgumentTypeError(
                msg,
                code="argument.type",
                vi=f"mức yêu cầu '{parsed}' cần giá trị của từng khóm/ấp (value= là một bảng "
                f"khóm/ấp → giá trị), không phải {shown}",
                hint="e.g. {'Khóm 1': True, 'Khóm 2': False}, or a list",
                hint_vi="ví dụ {'Khóm 1': True, 'Khóm 2': False}, hoặc một danh sách",
            )
        each = parse_rule(per_org_unit or "is true", units=registry, number_format=number_format)
        if isinstance(each, OrgUnits):
            msg = f"per_org_unit={str(each)!r} cannot itself count org units"
            raise UsageError(
                msg,
                code="usage.per_org_unit",
                vi=f"mức yêu cầu của từng khóm/ấp (per_org_unit) không được là mức đếm số khóm/ấp"
                f" ({str(each)!r})",
                hint="give the rule each org unit must meet, e.g. '>= 90 %'",
                hint_vi="hãy ghi mức mà từng khóm/ấp phải đạt, ví dụ '>= 90 %'",
            )
        statuses = []
        missing = []
        for key, v in value.items():
            sub = assess(
                each,
                v,
                previous=None,
                assigned=None,
                unit=unit,
                units=registry,
                zero_denominator=policy,
            )
            statuses.append(sub.status)
            if sub.status is Status.NO_DATA:
                missing.append(str(key))
        return _assess_org_units(parsed, statuses, tuple(missing))
    observed = read(value)
    if isinstance(parsed, Flag):
        return _assess_flag(parsed, observed, {})
    return _assess_comparison(
        parsed,
        observed,
        previous=read(previous),
        assigned=read(assigned),
        unit=unit,
        units=registry,
        zero=policy,
        where={},
    )


def check(
    rule: Rule | str,
    value: object,
    *,
    previous: object = None,
    assigned: object = None,
    unit: str | None = None,
    per_org_unit: Rule | str | None = None,
    zero_denominator: ZeroDenominator | str = ZeroDenominator.NOT_APPLICABLE,
    units: Units | None = None,
    number_format: NumberFormat = None,
) -> Status:
    """Judge ``value`` against ``rule``: the :class:`Status` alone (see :func:`assess`).

    >>> check("trên 98%", "98,5%")
    <Status.ACHIEVED: 'achieved'>
    >>> from thidua import ratio
    >>> check("> 98 %", ratio(49, 50))
    <Status.NOT_ACHIEVED: 'not_achieved'>
    >>> check(">= previous", 7, previous=7)
    <Status.ACHIEVED: 'achieved'>

    .. versionadded:: 0.1.0
    """
    registry = units or default_units()
    parsed = parse_rule(rule, units=registry, number_format=number_format)
    if isinstance(parsed, Comparison) and per_org_unit is None:
        try:
            status = _quick_check(
                parsed,
                value,
                previous=previous,
                assigned=assigned,
                unit=unit,
                units=registry,
                number_format=number_format,
            )
        except ThiduaError:  # let the full path raise its located, explained error
            status = None
        if status is not None:
            return status
    return assess(
        rule,
        value,
        previous=previous,
        assigned=assigned,
        unit=unit,
        per_org_unit=per_org_unit,
        zero_denominator=zero_denominator,
        units=units,
        number_format=number_format,
    ).status


def _quick_check(
    rule: Comparison,
    value: object,
    *,
    previous: object,
    assigned: object,
    unit: str | None,
    units: Units,
    number_format: NumberFormat,
) -> Status | None:
    """The status of a comparison on quantities, or None where :func:`assess` must decide."""
    observed = parse_value(value, unit=unit, units=units, number_format=number_format)
    if not isinstance(observed, Quantity):
        return None
    operand = rule.operand
    if isinstance(operand, Quantity):
        if previous is not None or assigned is not None:
            return None  # assess() also checks the values the rule does not use
        return _quick_status(rule, operand, observed, unit, units)
    given, unused = (previous, assigned) if isinstance(operand, Previous) else (assigned, previous)
    if unused is not None:
        return None
    reference = parse_value(given, unit=unit, units=units, number_format=number_format)
    if not isinstance(reference, Quantity):
        return None
    ref_unit = _reference_unit(rule, unit, observed, reference)
    if ref_unit is not None:
        reference = units.convert(reference, ref_unit)
    threshold, _, _ = _resolve_target(
        rule,
        previous=reference if isinstance(operand, Previous) else None,
        assigned=reference if isinstance(operand, Assigned) else None,
        unit=ref_unit,
        units=units,
    )
    if threshold is None:
        return None
    return _quick_status(rule, threshold, observed, ref_unit, units)


def _quick_status(
    rule: Comparison, threshold: Quantity, observed: Value | None, unit: str | None, units: Units
) -> Status | None:
    """The status of a constant comparison without building an :class:`Assessment`.

    None where the full path must decide (no data, a rate, yes/no, differing
    dimensions -- which it reports as errors); ``tests/property`` checks that it
    always agrees with :func:`assess`.
    """
    if not isinstance(observed, Quantity):
        return None
    reference = unit or threshold.unit or observed.unit
    if reference is None:
        return (
            Status.ACHIEVED
            if rule.op.holds(observed.magnitude, threshold.magnitude)
            else (Status.NOT_ACHIEVED)
        )
    info = units.get(reference)
    if info is None:
        return None
    a_info = info if observed.unit is None else units.get(observed.unit)
    t_info = info if threshold.unit is None else units.get(threshold.unit)
    if (
        a_info is None
        or t_info is None
        or a_info.dimension != info.dimension
        or t_info.dimension != info.dimension
    ):
        return None
    a = observed.magnitude if a_info.factor == 1 else observed.magnitude * a_info.factor
    t = threshold.magnitude if t_info.factor == 1 else threshold.magnitude * t_info.factor
    return Status.ACHIEVED if rule.op.holds(a, t) else Status.NOT_ACHIEVED


# --------------------------------------------------------------------------- plans


@attrs.frozen
class _Leaf:
    """The judgement of one simple indicator (or of one org unit under a per-unit rule)."""

    assessment: Assessment
    observations: tuple[Observation, ...]
    rollup: Rollup | None
    outlook: Outlook | None


@attrs.define
class _Run:
    """The state of one evaluation while it runs (never escapes :func:`evaluate`)."""

    plan: Plan
    data: Dataset
    period: Period
    units: Units
    as_of: dt.date | None = None
    #: The org units of the area evaluated (the plan's, unless a member brings its own).
    org_units: tuple[OrgUnit, ...] = ()
    results: dict[str, Result] = attrs.Factory(dict)
    used: set[int] = attrs.Factory(set)

    @property
    def in_year(self) -> bool:
        """Whether the period has not ended by the as-of date."""
        return self.as_of is not None and self.as_of < self.period.end

    def observation(
        self, indicator: str, period: Period, kind: Kind, org_unit: str | None = None
    ) -> Observation | None:
        obs = self.data.get(indicator, period, kind=kind, org_unit=org_unit)
        if obs is not None:
            self.used.add(id(obs))
        return obs

    def validate(self, indicator: Indicator, obs: Observation | None) -> Value | None:
        """The observation's value, checked against the indicator (unit, sign, bounds)."""
        if obs is None:
            return None
        value = obs.observed
        where = obs.where()
        if (
            isinstance(value, Ratio)
            and not indicator.rate
            and indicator.unit not in (None, "percent", "dimensionless")
        ):
            label_en, label_vi = (
                self._label(indicator.unit, "en"),
                self._label(indicator.unit, "vi"),
            )
            msg = f"a numerator/denominator was given but the indicator's unit is {label_en}"
            raise DataError(
                msg,
                code="data.rate_for_unit",
                vi=f"số liệu ghi tử số/mẫu số nhưng đơn vị tính của chỉ tiêu là {label_vi}",
                hint="give the value itself",
                hint_vi=f"hãy ghi thẳng giá trị, tính bằng {label_vi}",
                **where,
            )
        quantity = value.quantity if isinstance(value, Ratio) else value
        if not isinstance(quantity, Quantity):
            return value
        unit = indicator.unit
        try:
            if unit is not None:
                self.units.require_compatible(quantity.unit, unit)
            in_unit = self.units.convert(quantity, unit) if unit else quantity
        except ThiduaError as exc:
            raise exc.located(**where) from None
        if (
            in_unit.unit is not None
            and self.units.resolve(in_unit.unit).count
            and in_unit.magnitude < 0
        ):
            shown_en = _explain.show(in_unit, "en", self.units)
            shown_vi = _explain.show(in_unit, "vi", self.units)
            msg = f"a count cannot be negative ({shown_en})"
            raise DataError(
                msg,
                code="data.negative_count",
                vi=f"số đếm không được âm ({shown_vi})",
                hint="check the sign",
                hint_vi="hãy kiểm tra lại dấu của số liệu",
                **where,
            )
        for bound, is_min in ((indicator.minimum, True), (indicator.maximum, False)):
            if bound is None:
                continue
            b_base, _ = self.units.base(bound.with_unit(unit))
            v_base, _ = self.units.base(in_unit)
            if (v_base < b_base) if is_min else (v_base > b_base):
                side_en = "below the minimum" if is_min else "above the maximum"
                side_vi = "nhỏ hơn mức tối thiểu" if is_min else "lớn hơn mức tối đa"
                limit = bound.with_unit(unit)
                msg = (
                    f"the value {_explain.show(in_unit, 'en', self.units)} is {side_en} "
                    f"{_explain.show(limit, 'en', self.units)}"
                )
                raise DataError(
                    msg,
                    code="data.out_of_bounds",
                    vi=f"giá trị {_explain.show(in_unit, 'vi', self.units)} {side_vi} "
                    f"{_explain.show(limit, 'vi', self.units)}",
                    hint="check the figure, or the indicator's bounds",
                    hint_vi="hãy kiểm tra lại số liệu, hoặc giới hạn của chỉ tiêu",
                    **where,
                )
        return value

    def _label(self, unit: str | None, language: str) -> str:
        """A unit as people know it (``hộ``, ``tỷ đồng``, ``%``)."""
        if unit is None:
            return "số" if language == "vi" else "a plain number"
        info = self.units.get(unit)
        if info is None:
            return printable(unit)
        if info.name == "percent":
            return "%"
        return (info.vi if language == "vi" else info.en_plural) or info.symbol

    # -------------------------------------------------------------- finding values

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
            for unit in self.org_units:
                part = self._find(indicator, period, kind, unit, as_of=as_of)
                if part.value is None:
                    missing.append(unit)
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
            return self._org_unit_observation(indicator.id, org_unit, p, kind)

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

    def _org_unit_observation(
        self, indicator: str, org_unit: OrgUnit, period: Period, kind: Kind
    ) -> Observation | None:
        """The observation of one org unit, written by its id or by its name (not both)."""
        found = [
            obs
            for key in dict.fromkeys((org_unit.id, org_unit.name))
            if (obs := self.data.get(indicator, period, kind=kind, org_unit=key)) is not None
        ]
        if len(found) > 1:
            first = found[0].source
            at = f" (first at {first})" if first is not None else ""
            at_vi = f" (lần đầu ở {first})" if first is not None else ""
            msg = (
                f"two {kind.value} observations for {org_unit.name}, "
                f"by id ({org_unit.id!r}) and by name{at}"
            )
            raise DataError(
                msg,
                code="data.duplicate_observation",
                vi=f"có hai số liệu {_KIND_VI.get(kind.value, kind.value)} cho {org_unit.name}, "
                f"một ghi theo mã "
                f"({org_unit.id!r}) và một ghi theo tên{at_vi}",
                hint="keep one of them",
                hint_vi="hãy giữ lại một trong hai dòng",
                **found[1].where(),
            )
        return found[0] if found else None

    # -------------------------------------------------------------- judging

    def leaf(
        self, indicator: Indicator, rule: Comparison | Flag, org_unit: OrgUnit | None = None
    ) -> _Leaf:
        """Judge one simple indicator, or one org unit under the per-unit rule.

        An error names the indicator and the period, and the row of the figure
        judged where it has one.
        """
        try:
            return self._leaf(indicator, rule, org_unit)
        except ThiduaError as exc:
            raise exc.located(indicator=indicator.id, period=str(self.period)) from None

    def _leaf(
        self, indicator: Indicator, rule: Comparison | Flag, org_unit: OrgUnit | None
    ) -> _Leaf:
        actual = self.find(indicator, self.period, Kind.ACTUAL, org_unit, as_of=self.as_of)
        where: dict[str, Any] = {"indicator": indicator.id, "period": str(self.period)}
        if actual.observations:
            where = actual.observations[-1].where()
        used = list(actual.observations)
        previous = assigned = None
        if isinstance(rule, Comparison):
            if isinstance(rule.operand, Previous):
                prev = self.find(indicator, self.period.previous(), Kind.ACTUAL, org_unit)
                used += prev.observations
                previous = prev.value if prev.complete else None
            if isinstance(rule.operand, Assigned):
                given = self.find(indicator, self.period, Kind.ASSIGNED, org_unit)
                used += given.observations
                assigned = given.value
        judge = functools.partial(
            self._judge, rule, indicator, previous=previous, assigned=assigned, where=where
        )
        try:
            if actual.complete and not self.in_year:
                assessment = judge(actual.value)
            elif actual.value is not None and self._sums_counts(indicator, actual.value):
                assessment = judge(actual.value, lower_bound=True)
            else:
                assessment = attrs.evolve(judge(None), actual=self._shown(actual.value, indicator))
        except ThiduaError as exc:
            raise exc.located(**where) from None
        outlook = None
        if self.in_year:
            outlook, estimate = self._outlook(indicator, rule, actual, judge, org_unit)
            used += [estimate] if estimate is not None else []
        return _Leaf(assessment, tuple(used), actual.rollup, outlook)

    def _judge(
        self,
        rule: Comparison | Flag,
        indicator: Indicator,
        value: Value | None,
        *,
        previous: Value | None,
        assigned: Value | None,
        where: Mapping[str, Any],
        lower_bound: bool = False,
    ) -> Assessment:
        if isinstance(rule, Flag):
            return _assess_flag(rule, value, where)
        return _assess_comparison(
            rule,
            value,
            previous=previous,
            assigned=assigned,
            unit=indicator.unit,
            units=self.units,
            zero=indicator.zero_denominator,
            where=where,
            lower_bound=lower_bound,
        )

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

    def _outlook(
        self,
        indicator: Indicator,
        rule: Comparison | Flag,
        actual: Found,
        judge: Callable[..., Assessment],
        org_unit: OrgUnit | None,
    ) -> tuple[Outlook, Observation | None]:
        """The outlook, and the estimate observation it used, if any."""
        assert self.as_of is not None  # noqa: S101 - only called in-year
        through = actual.rollup.through if actual.rollup else None
        elapsed = None
        if through is not None:
            elapsed = Fraction((through - self.period.start).days + 1, self.period.days)
        estimate = None
        if org_unit is None:
            estimate = self.observation(indicator.id, self.period, Kind.ESTIMATE)
        else:
            estimate = self._org_unit_observation(
                indicator.id, org_unit, self.period, Kind.ESTIMATE
            )
            if estimate is not None:
                self.used.add(id(estimate))
        so_far = self._shown(actual.value, indicator)
        projected: Value | None
        if estimate is not None:
            projected, method = self.validate(indicator, estimate), "estimate"
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
            and isinstance(rule, Comparison)
            and isinstance(so_far, Quantity)
            and target is not None
            and target.quantity is not None
            and elapsed is not None
        ):
            pro_rata = Quantity(target.quantity.magnitude * elapsed, target.quantity.unit)
            so_far_base, _ = self.units.base(so_far)
            pro_rata_base, _ = self.units.base(pro_rata)
            pace = Pace.ON_TRACK if rule.op.holds(so_far_base, pro_rata_base) else Pace.BEHIND
        elif projected_status is Status.ACHIEVED:
            pace = Pace.ON_TRACK
        elif projected_status is Status.NOT_ACHIEVED:
            pace = Pace.BEHIND
        shown = self._shown(projected, indicator)
        outlook = Outlook(
            self.as_of,
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
            explanation=Explanation(*_explain.outlook(indicator, outlook, self.period, self.units)),
        )
        return explained, estimate

    def run(self, indicator: Indicator) -> Result:
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
                outlook = _combined_outlook(indicator, criteria, self.as_of)
            result = Result(
                indicator.id,
                indicator.name,
                status,
                None,
                Explanation(*_explain.composite(indicator, criteria, status)),
                assessment,
                criteria=criteria,
                outlook=outlook,
            )
        elif isinstance(indicator.rule, OrgUnits):
            result = self._org_units(indicator, indicator.rule)
        else:
            assert isinstance(indicator.rule, Comparison | Flag)  # noqa: S101
            leaf = self.leaf(indicator, indicator.rule)
            result = Result(
                indicator.id,
                indicator.name,
                leaf.assessment.status,
                indicator.rule,
                Explanation(
                    *_explain.simple(
                        indicator,
                        leaf.assessment,
                        self.period,
                        self.units,
                        rollup=leaf.rollup,
                        as_of=self.as_of if self.in_year else None,
                    )
                ),
                leaf.assessment,
                observations=leaf.observations,
                rollup=leaf.rollup,
                outlook=leaf.outlook,
            )
        self.results[indicator.id] = result
        return result

    def _org_units(self, indicator: Indicator, rule: OrgUnits) -> Result:
        each = indicator.unit_rule
        assert isinstance(each, Comparison | Flag)  # noqa: S101 - guaranteed by Indicator
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
        assessment = _assess_org_units(rule, [r.status for r in per_unit], missing)
        outlook = None
        if self.in_year and self.as_of is not None:
            projected_status = _assess_org_units(rule, projected, ()).status
            outlook = Outlook(
                self.as_of,
                _pace_of(projected_status),
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
            Explanation(
                *_explain.org_units(indicator, assessment, per_unit, self.org_units, self.period)
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
        total = len(self.org_units)
        count = value.magnitude if isinstance(value, Quantity) else None
        if isinstance(value, Ratio):
            count, total = value.numerator, int(value.denominator)
        if count is None or count.denominator != 1 or not 0 <= count <= total:
            msg = (
                "the number of org units that met the rule must be a whole number "
                f"from 0 to {total}, not {_shown_value(value, 'en')}"
            )
            raise DataError(
                msg,
                code="data.org_unit_count",
                vi="số khóm/ấp đạt phải là số nguyên từ 0 đến "
                f"{total}, không phải {_shown_value(value, 'vi')}",
                hint="give a count such as 5, or one row per org unit",
                hint_vi="hãy ghi số khóm/ấp đạt (ví dụ 5), hoặc ghi mỗi khóm/ấp một dòng",
                **obs.where(),
            )
        statuses = [Status.ACHIEVED] * int(count) + [Status.NOT_ACHIEVED] * (total - int(count))
        assessment = _assess_org_units(rule, statuses, ())
        return Result(
            indicator.id,
            indicator.name,
            assessment.status,
            rule,
            Explanation(
                *_explain.org_units(
                    indicator,
                    assessment,
                    [],
                    self.org_units,
                    self.period,
                    count=(int(count), total),
                )
            ),
            assessment,
            observations=(obs,),
        )

    def _knows_org_unit(self, key: str) -> bool:
        folded = unicodedata.normalize("NFC", key).casefold()
        return any(u.id == key or u.name.casefold() == folded for u in self.org_units)

    def unused(self) -> tuple[Unused, ...]:
        known = {i.id: i for i in self.plan.indicators()}
        previous = self.period.previous()
        out = []
        for obs in self.data:
            if id(obs) in self.used:
                continue
            indicator = known.get(obs.indicator)
            if indicator is None:
                reason = f"the plan has no indicator {obs.indicator!r}"
            elif indicator.is_composite:
                reason = "a composite indicator takes its status from its criteria"
            elif obs.org_unit is not None and not self._knows_org_unit(obs.org_unit):
                reason = f"the plan has no org unit {obs.org_unit!r}"
            elif obs.org_unit is not None and not isinstance(indicator.rule, OrgUnits):
                reason = (
                    "the plan's own figure was used, not the roll-up of its org units"
                    if indicator.across_org_units is not None
                    else "figures per org unit are not used by this indicator's rule "
                    "(declare across_org_units to roll them up)"
                )
            elif (
                self.as_of is not None
                and obs.period.end > self.as_of
                and obs.period.overlaps(self.period)
            ):
                reason = f"period {obs.period} had not ended by {self.as_of.isoformat()}"
            elif obs.kind is Kind.ESTIMATE:
                reason = "estimates are used only for an in-year outlook (as_of)"
            elif obs.period in self.period and obs.period != self.period:
                reason = (
                    f"part of {self.period}: the period's own figure, a coarser one, or a later "
                    "one was used"
                    if indicator.aggregation is not None
                    else f"part of {self.period}, and the indicator declares no aggregation"
                )
            elif obs.period not in self.period and obs.period not in previous:
                reason = f"period {obs.period} is neither {self.period} nor its previous period"
            else:
                reason = "the indicator's rule does not need it"
            out.append(Unused(obs, reason))
        return tuple(out)


def _pace_of(status: Status) -> Pace | None:
    if status is Status.ACHIEVED:
        return Pace.ON_TRACK
    if status is Status.NOT_ACHIEVED:
        return Pace.BEHIND
    return None


def _combined_outlook(indicator: Indicator, criteria: Sequence[Result], as_of: dt.date) -> Outlook:
    assert indicator.combine is not None  # noqa: S101
    projected = combine(
        indicator.combine,
        (c.outlook.projected_status if c.outlook else Status.NO_DATA for c in criteria),
    )
    return Outlook(
        as_of,
        _pace_of(projected),
        None,
        projected,
        "criteria",
        explanation=Explanation(*_explain.projected_status(indicator, projected)),
    )


def evaluate(
    plan: Plan,
    data: Dataset,
    period: Period | str | int | None = None,
    *,
    as_of: dt.date | str | None = None,
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

    Raises:
        DataError: An observation is wrong for its indicator (negative count, out
            of bounds, yes/no against a number); the error names the indicator, the
            period and the source file and row.
        UnitError: An observation's unit does not compare with the indicator's.
        ArgumentTypeError: ``plan`` is not a :class:`~thidua.plans.Plan` or ``data``
            not a :class:`~thidua.data.Dataset`.
        ParseError: The period or the as-of date cannot be read.
        UsageError: The as-of date is before the period starts.

    >>> from thidua.examples import hoa_thuan_2024, hoa_thuan_2024_data
    >>> ev = evaluate(hoa_thuan_2024(), hoa_thuan_2024_data(), "2024")
    >>> ev.results["KT07"].status
    <Status.ACHIEVED: 'achieved'>

    .. versionadded:: 0.1.0
    """
    require_type(plan, Plan, "plan", "a Plan (see load_plan)", "một kế hoạch (xem load_plan)")
    require_type(
        data, Dataset, "data", "a Dataset (see load_data)", "một bộ số liệu (xem load_data)"
    )
    chosen, day = period_and_day(plan, period, as_of)
    return evaluate_area(plan, data, chosen, as_of=day, org_units=plan.org_units)


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
    run = _Run(plan, data, period, plan.unit_registry(), as_of, org_units)
    top = tuple(run.run(indicator).indicator for _, indicator in plan.top_indicators())
    ordered = {i.id: run.results[i.id] for i in plan.indicators()}
    return Evaluation(plan, period, ordered, top, run.unused(), as_of=as_of)
