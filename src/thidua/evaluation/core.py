"""The compiled core: what a rule means, written once.

A plan is compiled once per unit registry (:func:`compile_plan`) into judging
objects, and every path judges through them -- :func:`thidua.evaluate`,
:func:`thidua.evaluate_many` (its batch and its full evaluations),
:func:`~thidua.evaluation.check`, scoring and titles:

* a :class:`Judge` is one simple rule (a comparison, a range or a yes/no flag)
  of one indicator: its operator, its threshold (and a range's other bound) or
  the offset and factor it applies to the previous or assigned figure (an open
  change resolved from the unit), the indicator's bounds and sign, its
  zero-denominator policy, and the conversion of figures written in any unit
  of the dimension into exact integer pairs ``(n, d)`` in base units;
* :func:`reference_period` is the period a ``previous`` or ``year 2020``
  figure is of;
* :func:`count_status` decides an org-unit rule (``5/5 khóm``) from the
  counts of its org units' statuses (:func:`org_unit_counts`, with the total
  the rule expects), :func:`combine` a composite from its
  criteria's statuses (Kleene logic), and :func:`decided_by_lower_bound`
  whether a figure known only from below (a sum so far) already decides;
* :func:`sum_pairs` adds figures up for a roll-up across org units.

Numbers are integer pairs with a positive denominator, compared by
cross-multiplying: exact, and several times faster than
:class:`~fractions.Fraction`. The facts of a judgement (margin, attainment,
exceeded) come from the same pairs (:meth:`Judge.facts`). Explanation text is
never built here: the engine asks :mod:`thidua._explain` for it, when asked.

A new rule kind is one more judging object here, one more branch in
:func:`compile_rule`, and a phrase in the grammar (the Architecture page).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, TypeAlias

import attrs

from thidua import _explain
from thidua.data import Observation, Value
from thidua.errors import DataError, ThiduaError, UnitError, UsageError
from thidua.evaluation.outcomes import Assessment, Status, Target
from thidua.numbers import format_number
from thidua.periods import Period
from thidua.plans import Combine, Indicator, Plan, ZeroDenominator
from thidua.rules import (
    TERM_RULE_CLASSES,
    AnnualChange,
    AnnualGrowth,
    Assigned,
    ByYear,
    Comparison,
    Cumulative,
    Flag,
    Op,
    OrgUnits,
    Previous,
    Range,
    Rule,
    TermRule,
)
from thidua.units import Quantity, Ratio, Units

__all__ = [
    "CompiledPlan",
    "Judge",
    "Pair",
    "TermJudge",
    "assess_org_units",
    "combine",
    "compile_plan",
    "compile_rule",
    "compile_term",
    "count_status",
    "decided_by_lower_bound",
    "org_unit_counts",
    "path_value",
    "reference_period",
    "sum_pairs",
]

#: A rule one :class:`Judge` judges: a comparison, a range or a yes/no flag.
Simple: TypeAlias = Comparison | Range | Flag

#: An exact number as (numerator, denominator), the denominator positive.
Pair = tuple[int, int]

#: Each operator on integers (cross-multiplied pairs compare as integers).
_HOLDS: Mapping[Op, Callable[[int, int], bool]] = {op: op.compare for op in Op}
_ACHIEVED, _NOT_ACHIEVED = Status.ACHIEVED, Status.NOT_ACHIEVED
_NO_DATA, _NOT_APPLICABLE = Status.NO_DATA, Status.NOT_APPLICABLE


def _pair(value: Fraction) -> Pair:
    return value.numerator, value.denominator


def _fraction(value: Pair) -> Fraction:
    return Fraction(*value)


# --------------------------------------------------------------------------- combining


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
    every = (how if isinstance(how, Combine) else Combine(how)) is Combine.ALL
    decisive = _NOT_ACHIEVED if every else _ACHIEVED
    unknown = relevant = False
    for status in statuses:
        if status is decisive:
            return decisive
        if status is not _NOT_APPLICABLE:
            relevant = True
            unknown = unknown or status is _NO_DATA
    if not relevant:
        return _NOT_APPLICABLE
    if unknown:
        return _NO_DATA
    return _ACHIEVED if every else _NOT_ACHIEVED


def count_status(rule: OrgUnits, achieved: int, unknown: int, relevant: int) -> Status:
    """The status of an org-unit rule from the counts of its org units' statuses.

    ``relevant`` org units are those the per-unit rule applies to; ``achieved``
    of them met it and ``unknown`` have no data. The rule is decided whenever the
    unknown ones could not change the answer, whatever their figures turn out to be.
    """
    if relevant == 0:
        return _NOT_APPLICABLE
    required = relevant if rule.count is None else rule.count
    holds = _HOLDS[rule.op]
    first = holds(achieved, required)
    if any(holds(x, required) is not first for x in range(achieved + 1, achieved + unknown + 1)):
        return _NO_DATA
    return _ACHIEVED if first else _NOT_ACHIEVED


def org_unit_counts(rule: OrgUnits, statuses: Sequence[Status]) -> tuple[int, int, int]:
    """``(achieved, unknown, relevant)`` of an org-unit rule from its org units' statuses.

    With the rule's ``total`` (``4/5 khóm``), that is how many org units are
    expected: those the area lacks count as unknown. An area with no org units
    at all has none to count (the rule does not apply).

    .. versionadded:: 0.3.0
    """
    achieved = unknown = relevant = 0
    for status in statuses:
        if status is _NOT_APPLICABLE:
            continue
        relevant += 1
        if status is _ACHIEVED:
            achieved += 1
        elif status is _NO_DATA:
            unknown += 1
    return expected_counts(rule, len(statuses), achieved, unknown, relevant)


def expected_counts(
    rule: OrgUnits, given: int, achieved: int, unknown: int, relevant: int
) -> tuple[int, int, int]:
    """:func:`org_unit_counts` of ``given`` org units' counts: those the area lacks added.

    With the rule's ``total`` (``4/5 khóm``), that many org units are expected:
    the ones the area lacks count as relevant and unknown. An area with no org
    units at all (``given`` 0) has none to count.

    .. versionadded:: 0.4.0
    """
    if rule.total is not None and given and given < rule.total:
        lacking = rule.total - given
        unknown += lacking
        relevant += lacking
    return achieved, unknown, relevant


def reference_period(operand: Previous, period: Period) -> Period:
    """The period whose figure ``operand`` compares with (:meth:`Previous.reference_period`).

    ``previous``: the same period one year earlier; ``year 2020``: the same period
    in 2020. The engine and the batch both find the figure's period here.

    Raises:
        UsageError: The base year is not earlier than the period's year
            (``rule.base_year``).

    .. versionadded:: 0.3.0
    """
    return operand.reference_period(period)


def decided_by_lower_bound(op: Op, low: Pair, target: Pair) -> bool:
    """Whether ``op`` gives the same answer for every value from ``low`` upwards.

    What a sum of counts so far is: the whole period's value can only be the same
    or more, so a zero-tolerance rule broken in March stays broken.
    """
    a, t = low[0] * target[1], target[0] * low[1]
    if op in (Op.GE, Op.GT):
        return _HOLDS[op](a, t)
    if op in (Op.LE, Op.LT):
        return not _HOLDS[op](a, t)
    return a > t  # == is then broken for good, != kept for good


def sum_pairs(values: Iterable[Pair], *, mean: bool = False) -> Pair:
    """The exact sum (or mean) of figures given as pairs: a roll-up across org units."""
    n, d, count = 0, 1, 0
    for vn, vd in values:
        n, d = n * vd + vn * d, d * vd
        count += 1
    if mean and count:
        d *= count
    return n, d


def assess_org_units(
    rule: OrgUnits, statuses: Sequence[Status], missing: tuple[str, ...]
) -> Assessment:
    """The facts of an org-unit rule from its org units' statuses (decided by the core)."""
    achieved, unknown, total = org_unit_counts(rule, statuses)
    status = count_status(rule, achieved, unknown, total)
    if status is Status.NOT_APPLICABLE:
        return Assessment(status)
    required = total if rule.count is None else rule.count
    op = rule.op
    target = Target(rule, op, count=required)
    actual = Quantity(achieved)
    if status is Status.NO_DATA:
        return Assessment(status, actual, target, missing=missing)
    signed = Fraction(achieved - required) * (op.direction or 1)
    return Assessment(
        status,
        actual,
        target,
        Quantity(signed),
        exceeded=status is Status.ACHIEVED and op.direction > 0 and signed > 0,
        attainment=Fraction(achieved, required) if required and op.direction > 0 else None,
    )


# --------------------------------------------------------------------------- judging


#: What a value is, for messages: (English, Vietnamese).
_WHAT = {
    "actual": ("the value", "giá trị"),
    "previous": ("the previous value", "giá trị năm trước"),
    "assigned": ("the assigned target", "chỉ tiêu được giao"),
    "baseline": ("the base year's value", "giá trị năm gốc"),
}


def yes_no_for_number(value: bool, what: str, where: Mapping[str, Any]) -> DataError:
    """The error of a yes/no value where the rule compares numbers."""
    said_en, said_vi = ("yes", "đạt") if value else ("no", "không đạt")
    what_en, what_vi = _WHAT[what]
    msg = f"{what_en} is a yes/no value ({said_en}) but the rule compares numbers"
    return DataError(
        msg,
        code="data.yes_no_for_number",
        vi=f"{what_vi} được ghi là '{said_vi}', nhưng mức yêu cầu so sánh với một con số",
        hint="give a number, or make the rule 'is true'",
        hint_vi="hãy ghi một con số, hoặc đổi mức yêu cầu thành 'is true' (đạt)",
        **where,
    )


def _as_quantity(value: Value | None, what: str, where: Mapping[str, Any]) -> Quantity | None:
    if value is None or isinstance(value, Quantity):
        return value
    if isinstance(value, Ratio):
        return value.quantity
    raise yes_no_for_number(value, what, where)


def _label(units: Units, unit: str | None, language: str) -> str:
    """A unit as people know it (``hộ``, ``tỷ đồng``, ``%``)."""
    if unit is None:
        return "số" if language == "vi" else "a plain number"
    info = units.get(unit)
    if info is None:
        return unit
    if info.name == "percent":
        return "%"
    return (info.vi if language == "vi" else info.en_plural) or info.symbol


#: How a figure written in one unit reads: its factor to the base unit of the
#: dimension (numerator, denominator), and the lowest and highest valid figure in
#: base units (counts are not negative), each a pair or None.
_Scale = tuple[int, int, "Pair | None", "Pair | None"]

#: A unit a figure cannot be read in against this rule (another dimension, unknown).
_UNREADABLE: _Scale = (0, 1, None, None)


@attrs.frozen(eq=False)
class Judge:
    """One simple rule of one indicator, compiled: judges figures exactly, as integer pairs.

    Made by :func:`compile_rule`. ``unit`` is the indicator's unit (None for a
    bare number); ``reference`` the unit figures are judged in: the indicator's,
    else the rule's own (``> 98 %``), else None -- then it comes from the figures
    (:meth:`in_unit`).
    """

    #: The rule.
    rule: Simple
    #: The indicator whose rule it is (None for a rule judged alone).
    indicator: Indicator | None
    #: The unit registry.
    units: Units
    #: The indicator's unit, and the unit figures are judged in.
    unit: str | None
    reference: str | None
    #: Whether numerator/denominator figures are allowed whatever the unit.
    rate: bool = False
    #: The status of a rate whose denominator is zero.
    zero: Status = _NOT_APPLICABLE
    #: The indicator's bounds, as written, and in base units.
    minimum: Quantity | None = None
    maximum: Quantity | None = None
    low: Pair | None = None
    high: Pair | None = None
    #: The operator on integers, and the good direction (+1 more, -1 less, 0 neither).
    holds: Callable[[int, int], bool] = operator.eq
    direction: int = 0
    #: ``constant``, ``previous``, ``assigned`` or ``flag``.
    operand: str = "constant"
    #: A constant threshold in base units.
    threshold: Pair | None = None
    #: Whether the rule's own unit compares with the unit figures are judged in
    #: (``>= 0 %`` for an indicator in VND does not: :meth:`assess` says so).
    comparable: bool = True
    #: The offset added to (``previous - 2 household``) or the factor applied to
    #: (``assigned * 105 %``) the reference figure, in base units.
    offset: Pair | None = None
    factor: Pair | None = None
    #: A range's other bound in base units: beyond it the rule is exceeded.
    beyond: Pair | None = None
    #: The base year of a ``year 2020`` rule (None: the previous year).
    base_year: int | None = None
    #: An open change (``previous + 5 % change``) with no unit yet to resolve it by.
    unresolved: bool = False
    #: The lowest and highest figure the indicator can take, in base units, with
    #: what says so (``minimum``/``maximum`` declared, ``count`` or ``rate``: not
    #: negative): a resolved threshold beyond them is clipped to them
    #: (:meth:`bounded`).
    #:
    #: .. versionadded:: 0.4.0
    floor: tuple[Pair, str] | None = None
    ceiling: tuple[Pair, str] | None = None
    #: The 0 % and 100 % of an indicator in % (or ‰) that declares no such bound,
    #: in base units (None where a bound is known): figures usually lie between,
    #: but nothing says they must (a growth rate may be negative). A resolved
    #: threshold beyond one whose verdict it decides is not judged (:meth:`unsure`).
    #:
    #: .. versionadded:: 0.4.0
    plausible: tuple[Pair | None, Pair | None] | None = None
    #: How figures in each unit read (a memo filled as units are met).
    _scales: dict[str | None, _Scale] = attrs.field(factory=dict, repr=False)
    _derived: dict[str, Judge] = attrs.field(factory=dict, repr=False)

    # ---------------------------------------------------------------- reading figures

    def scale(self, unit: str | None) -> _Scale:
        """How a figure written in ``unit`` (None: bare) reads against this rule."""
        found = self._scales.get(unit)
        if found is None:
            found = self._scales[unit] = self._make_scale(unit)
        return found

    def _make_scale(self, unit: str | None) -> _Scale:
        name = unit or self.reference
        if name is None:  # bare, judged bare
            return (1, 1, self.low, self.high)
        info = self.units.get(name)
        if info is None:
            return _UNREADABLE
        if self.reference is not None and unit is not None:
            ref = self.units.get(self.reference)
            if ref is None or ref.dimension != info.dimension:
                return _UNREADABLE
        low, high = self.low, self.high
        counted = self.units.get(self.unit) if self.unit is not None else info
        if counted is not None and counted.count and (low is None or low[0] < 0):
            low = (0, 1)
        return (info.factor.numerator, info.factor.denominator, low, high)

    def pair(self, value: object) -> Pair | None:
        """A quantity in base units, when it reads against this rule and lies in range.

        None for anything else (a bare rate, yes/no, another dimension, out of
        range): :meth:`checked` says what is wrong. The one conversion of the core.
        """
        if value.__class__ is not Quantity:
            return None
        unit = value.unit
        scale = self._scales.get(unit)
        if scale is None:
            scale = self.scale(unit)
        fn, fd, low, high = scale
        if not fn:  # another dimension, or a unit the registry does not know
            return None
        n, d = value.magnitude.as_integer_ratio()
        n, d = n * fn, d * fd
        if (low is not None and n * low[1] < low[0] * d) or (
            high is not None and n * high[1] > high[0] * d
        ):
            return None
        return n, d

    def threshold_in(self, unit: str | None) -> Pair | None:
        """The constant threshold as a magnitude in ``unit``, in lowest terms.

        A quantity in ``unit`` that :meth:`pair` reads equals the threshold when
        its magnitude's :meth:`~fractions.Fraction.as_integer_ratio` is this pair.
        None without a constant threshold, or where figures in ``unit`` do not read.
        """
        threshold = self.threshold
        if threshold is None:
            return None
        fn, fd, _, _ = self.scale(unit)
        if not fn:
            return None
        return _pair(Fraction(threshold[0] * fd, threshold[1] * fn))

    def ratio_pair(self, numerator: Fraction, denominator: Fraction) -> Pair | None:
        """A rate given as numerator/denominator in base units, in range; None if not.

        A zero denominator gives None too: :attr:`zero` says what it means.
        """
        if not denominator or not self.takes_rates:
            return None
        n, d = (
            numerator.numerator * denominator.denominator,
            (numerator.denominator * denominator.numerator),
        )
        _, _, low, high = self.scale("dimensionless")
        if (low is not None and n * low[1] < low[0] * d) or (
            high is not None and n * high[1] > high[0] * d
        ):
            return None
        return n, d

    @property
    def takes_rates(self) -> bool:
        """Whether a figure may be given as numerator/denominator."""
        return self.rate or self.unit in (None, "percent", "dimensionless")

    def figure(self, obs: Observation) -> Pair | None:
        """An observation's figure in base units (a rate from its parts); None if not plain."""
        if obs.numerator is None:
            return self.pair(obs.value)
        denominator = obs.denominator
        if denominator is None:
            return None
        return self.ratio_pair(obs.numerator, denominator)

    def checked(self, value: Value | None, where: Mapping[str, Any]) -> Value | None:
        """``value``, checked against the indicator: its unit, its sign and its bounds.

        Raises:
            DataError: A rate for an indicator in another unit (``data.rate_for_unit``),
                a negative count (``data.negative_count``), a figure out of the
                indicator's bounds (``data.out_of_bounds``).
            UnitError: A unit that does not compare with the indicator's.
        """
        if isinstance(value, Ratio) and not self.takes_rates:
            label_en, label_vi = (
                _label(self.units, self.unit, "en"),
                _label(self.units, self.unit, "vi"),
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
        units, unit = self.units, self.unit
        try:
            if unit is not None:
                units.require_compatible(quantity.unit, unit)
            in_unit = units.convert(quantity, unit) if unit else quantity
            info = units.resolve(in_unit.unit) if in_unit.unit is not None else None
        except ThiduaError as exc:
            raise exc.located(**where) from None
        factor = Fraction(1) if info is None else info.factor
        n, d = _pair(in_unit.magnitude * factor)
        if info is not None and info.count and n < 0:
            shown_en = _explain.show(in_unit, "en", units)
            shown_vi = _explain.show(in_unit, "vi", units)
            msg = f"a count cannot be negative ({shown_en})"
            raise DataError(
                msg,
                code="data.negative_count",
                vi=f"số đếm không được âm ({shown_vi})",
                hint="check the sign",
                hint_vi="hãy kiểm tra lại dấu của số liệu",
                **where,
            )
        for bound, limit, is_min in (
            (self.low, self.minimum, True),
            (self.high, self.maximum, False),
        ):
            if bound is None or limit is None:
                continue
            if (n * bound[1] < bound[0] * d) if is_min else (n * bound[1] > bound[0] * d):
                side_en = "below the minimum" if is_min else "above the maximum"
                side_vi = "nhỏ hơn mức tối thiểu" if is_min else "lớn hơn mức tối đa"
                shown = limit.with_unit(unit)
                msg = (
                    f"the value {_explain.show(in_unit, 'en', units)} is {side_en} "
                    f"{_explain.show(shown, 'en', units)}"
                )
                raise DataError(
                    msg,
                    code="data.out_of_bounds",
                    vi=f"giá trị {_explain.show(in_unit, 'vi', units)} {side_vi} "
                    f"{_explain.show(shown, 'vi', units)}",
                    hint="check the figure, or the indicator's bounds",
                    hint_vi="hãy kiểm tra lại số liệu, hoặc giới hạn của chỉ tiêu",
                    **where,
                )
        return value

    def in_unit(self, unit: str | None) -> Judge:
        """This rule judging figures in ``unit``, where the rule and the indicator have none."""
        if self.reference is not None or unit is None:
            return self
        return self._in(unit)

    def _in(self, unit: str | None) -> Judge:
        key = "" if unit is None else unit
        found = self._derived.get(key)
        if found is None:
            found = self._derived[key] = compile_rule(
                self.rule,
                self.units,
                unit=self.unit,
                indicator=self.indicator,
                zero_denominator=ZeroDenominator(self.zero.value),
                reference=unit,
            )
        return found

    # ---------------------------------------------------------------- deciding

    def target_of(self, reference: Pair) -> Pair:
        """The threshold a previous or assigned figure gives: offset added, factor applied.

        Clipped to the bounds the indicator's figures cannot leave (:meth:`bounded`).
        """
        if self.offset is not None or self.factor is not None:
            reference = self._shifted(reference)
        if self.floor is None and self.ceiling is None:
            return reference
        return self.bounded(reference)[0]

    def unsure(self, actual: Pair, threshold: Pair) -> bool:
        """Whether the verdict hangs on a bound the indicator does not declare.

        True where ``threshold`` lies beyond the 0 % or 100 % of an indicator in %
        that declares no such bound (:attr:`plausible`), and ``actual`` would be
        judged otherwise against that 0 % or 100 %: whether the figure can go
        beyond it is not known, so the rule is not judged (no data, ``bounds``).
        A figure itself beyond that 0 % or 100 % shows the indicator can go there:
        then the threshold is judged as it is.

        .. versionadded:: 0.4.0
        """
        plausible = self.plausible
        if plausible is None:
            return False
        n, d = threshold
        an, ad = actual
        low, high = plausible
        if low is not None and n * low[1] < low[0] * d:
            other = low
            if an * low[1] < low[0] * ad:
                return False  # the figure itself is beyond: the bound does not hold
        elif high is not None and n * high[1] > high[0] * d:
            other = high
            if an * high[1] > high[0] * ad:
                return False
        else:
            return False
        return self.decides(actual, threshold) is not self.decides(actual, other)

    def _shifted(self, reference: Pair) -> Pair:
        """The threshold a reference figure gives before the bounds: offset, factor."""
        n, d = reference
        if self.offset is not None:
            on, od = self.offset
            return n * od + on * d, d * od
        if self.factor is not None:
            return n * self.factor[0], d * self.factor[1]
        return reference

    def bounded(self, threshold: Pair, actual: Pair | None = None) -> tuple[Pair, str | None]:
        """A resolved threshold (in base units) clipped to the indicator's bounds.

        A figure can never go below :attr:`floor` nor above :attr:`ceiling`, so a
        threshold beyond one (a path or a yearly change running below 0 % or above
        a declared 100 %) asks no more than the bound itself: a figure at the bound
        meets it. Gives the threshold, and which bound it was clipped to (None if
        it was not): ``minimum``, ``maximum``, ``count`` or ``rate``. An
        ``actual`` figure itself beyond that bound (only where nothing checks the
        figures: :func:`thidua.check` with no indicator) shows the bound does not
        hold: the threshold is then kept as it is.

        .. versionadded:: 0.4.0
        """
        n, d = threshold
        floor, ceiling = self.floor, self.ceiling
        if floor is not None and n * floor[0][1] < floor[0][0] * d:
            (fn, fd), _ = floor
            if actual is None or actual[0] * fd >= fn * actual[1]:
                return floor
        elif ceiling is not None and n * ceiling[0][1] > ceiling[0][0] * d:
            (cn, cd), _ = ceiling
            if actual is None or actual[0] * cd <= cn * actual[1]:
                return ceiling
        return threshold, None

    def decides(self, actual: Pair, threshold: Pair) -> bool:
        """Whether the rule holds for ``actual`` against ``threshold``."""
        return self.holds(actual[0] * threshold[1], threshold[0] * actual[1])

    def facts(self, actual: Pair, threshold: Pair) -> tuple[Pair, Fraction | None, bool]:
        """The signed margin in base units (positive when better), attainment, exceeded."""
        an, ad = actual
        tn, td = threshold
        difference = an * td - tn * ad  # over ad * td
        direction = self.direction
        if direction:
            signed = difference * direction
        elif self.holds is operator.eq:
            signed = -abs(difference)
        else:
            signed = abs(difference)
        return (
            (signed, ad * td),
            self.attainment(actual, threshold),
            self.exceeds(actual, threshold),
        )

    def attainment(self, actual: Pair, threshold: Pair) -> Fraction | None:
        """:meth:`facts`' attainment: the share of the target reached.

        Actual / target when more is better, target / actual when less is better;
        None without a positive target (or, less being better, actual).
        """
        share = self.attainment_pair(actual, threshold)
        return None if share is None else Fraction(*share)

    def attainment_pair(self, actual: Pair, threshold: Pair) -> Pair | None:
        """:meth:`attainment` as a numerator and a positive denominator, not reduced.

        For a reader that only compares it (a cap) before it needs the fraction.

        .. versionadded:: 0.4.0
        """
        direction = self.direction
        an, ad = actual
        tn, td = threshold
        if direction > 0 and tn > 0:
            return an * td, ad * tn
        if direction < 0 and tn > 0 and an > 0:
            return tn * ad, td * an
        return None

    @property
    def exceeds_when_met(self) -> bool:
        """Whether every figure that meets the rule exceeds it (:meth:`exceeds`).

        So for a strict comparison (``>``, ``<``), not a range: a figure that
        meets it lies beyond the threshold in the good direction. A status given
        by :attr:`zero` is not a figure's: it exceeds nothing.

        .. versionadded:: 0.4.0
        """
        return self.beyond is None and (self.holds is operator.gt or self.holds is operator.lt)

    @property
    def exceeds_unless_equal(self) -> bool:
        """Whether a figure that meets the rule exceeds it unless it equals the threshold.

        So for ``>=`` with more being better and ``<=`` with less, not a range:
        :meth:`exceeds` of a met figure is then whether the cross products
        :meth:`decides` compares differ.

        .. versionadded:: 0.4.0
        """
        return self.beyond is None and (
            (self.holds is operator.ge and self.direction > 0)
            or (self.holds is operator.le and self.direction < 0)
        )

    def exceeds(self, actual: Pair, threshold: Pair) -> bool:
        """:meth:`facts`' exceeded: achieved with a positive margin in the good direction.

        A range is exceeded only past its other bound.
        """
        direction = self.direction
        if not direction:
            return False
        an, ad = actual
        tn, td = threshold
        if (an * td - tn * ad) * direction <= 0 or not self.decides(actual, threshold):
            return False
        beyond = self.beyond
        if beyond is None:
            return True
        bn, bd = beyond  # a range: exceeded only past its other bound
        return (an * bd - bn * ad) * direction > 0

    def reference_period(self, period: Period) -> Period:
        """The period of the previous (or base-year) figure this rule compares with.

        Raises:
            UsageError: The base year is not before ``period`` (``rule.base_year``).
        """
        return reference_period(Previous(year=self.base_year), period)

    # ---------------------------------------------------------------- the full judgement

    def assess(
        self,
        observed: Value | None,
        *,
        previous: Value | None = None,
        assigned: Value | None = None,
        where: Mapping[str, Any] | None = None,
        lower_bound: bool = False,
    ) -> Assessment:
        """Judge ``observed`` and give the facts: target, margin, attainment, exceeded.

        With ``lower_bound`` the figure is only known from below (a sum of counts
        so far): the status is given only where more could not change it.

        Raises:
            DataError: A yes/no value against a number, or a number against a flag.
            UnitError: A figure that does not compare with the rule.
        """
        where = {} if where is None else where
        if isinstance(self.rule, Flag):
            return self._assess_flag(observed, where)
        ratio_given = observed if isinstance(observed, Ratio) else None
        actual = _as_quantity(observed, "actual", where)
        prev = _as_quantity(previous, "previous", where)
        given = _as_quantity(assigned, "assigned", where)
        judge = self
        if self.reference is None:
            unit = next((q.unit for q in (actual, prev, given) if q is not None and q.unit), None)
            judge = self.in_unit(unit)
        if judge.unresolved and (actual is not None or prev is not None):
            raise change_unit_error(self.rule, where)
        return judge._assess_comparison(
            actual, prev, given, ratio=ratio_given, where=where, lower_bound=lower_bound
        )

    def _assess_comparison(
        self,
        actual: Quantity | None,
        prev: Quantity | None,
        given: Quantity | None,
        *,
        ratio: Ratio | None,
        where: Mapping[str, Any],
        lower_bound: bool,
    ) -> Assessment:
        units, unit = self.units, self.reference
        rule = self.rule
        assert isinstance(rule, Comparison | Range)  # noqa: S101 - flags are judged apart
        if unit is not None:
            for q in (actual, prev, given):
                if q is not None:
                    units.require_compatible(q.unit, unit, **where)
            actual, prev, given = (
                None if q is None else units.convert(q, unit) for q in (actual, prev, given)
            )
        threshold: Quantity | None = None
        reference: Quantity | None = None
        clipped: str | None = None
        missing: tuple[str, ...] = ()
        operand = rule.threshold if isinstance(rule, Range) else rule.operand
        bounds = None
        if isinstance(rule, Range):
            bounds = (rule.low.with_unit(unit), rule.high.with_unit(unit))
        if isinstance(operand, Quantity):
            threshold = operand.with_unit(unit)
            t_pair = self.threshold
        else:
            reference = prev if isinstance(operand, Previous) else given
            t_pair = None
            if reference is None:
                missing = ("previous" if isinstance(operand, Previous) else "assigned",)
            else:
                t_pair, clipped = self.bounded(
                    self._shifted(self._base(reference)),
                    None if actual is None else self._base(actual),
                )
                threshold = Quantity(
                    _fraction(t_pair) / self._factor_of(reference.unit), reference.unit
                )
        target = (
            None
            if threshold is None
            else Target(
                rule,
                rule.op,
                quantity=threshold,
                reference=reference,
                bounds=bounds,
                clipped=clipped,
            )
        )
        context: dict[str, Any] = {"ratio": ratio, "previous": prev, "assigned": given}
        if ratio is not None and actual is None:
            return Assessment(self.zero, None, target, **context)
        if actual is None:
            return Assessment(_NO_DATA, None, target, missing=("actual", *missing), **context)
        if t_pair is None or threshold is None:
            return Assessment(_NO_DATA, actual, None, missing=missing, **context)
        if threshold.unit is not None and actual.unit is not None:
            units.require_compatible(actual.unit, threshold.unit, **where)
        a_pair = self._base(actual)
        if lower_bound and not decided_by_lower_bound(rule.op, a_pair, t_pair):
            # the figure so far is known (not missing); only the rest of the period is
            return Assessment(_NO_DATA, actual, target, **context)
        if reference is not None and self.unsure(a_pair, t_pair):
            return Assessment(_NO_DATA, actual, target, missing=("bounds",), **context)
        status = _ACHIEVED if self.decides(a_pair, t_pair) else _NOT_ACHIEVED
        signed, attainment, exceeded = self.facts(a_pair, t_pair)
        margin = Quantity(_fraction(signed) / self._factor_of(threshold.unit), threshold.unit)
        return Assessment(status, actual, target, margin, exceeded, attainment, **context)

    def _base(self, q: Quantity) -> Pair:
        """A quantity (already checked) in base units, bare taking the reference unit."""
        return _pair(q.magnitude * self._factor_of(q.unit or self.reference))

    def _factor_of(self, unit: str | None) -> Fraction:
        return self.units.resolve(unit).factor if unit else Fraction(1)

    def _assess_flag(self, observed: Value | None, where: Mapping[str, Any]) -> Assessment:
        rule = self.rule
        assert isinstance(rule, Flag)  # noqa: S101
        target = Target(rule, Op.EQ, expected=rule.expected)
        if observed is None:
            return Assessment(_NO_DATA, None, target, missing=("actual",))
        if not isinstance(observed, bool):
            raise number_for_yes_no(rule, observed, where)
        status = _ACHIEVED if observed is rule.expected else _NOT_ACHIEVED
        return Assessment(status, observed, target)

    def status(
        self,
        observed: Value | None,
        *,
        previous: Value | None = None,
        assigned: Value | None = None,
    ) -> Status | None:
        """The status alone, where quick: both figures plain quantities in range; else None.

        None where :meth:`assess` must decide (no data, a rate, yes/no, errors).
        """
        if self.operand == "flag":
            if observed is None or observed.__class__ is not bool:
                return None
            return _ACHIEVED if observed is self.rule.expected else _NOT_ACHIEVED  # type: ignore[union-attr]
        judge = self
        if self.reference is None:
            unit = next(
                (
                    q.unit
                    for q in (observed, previous, assigned)
                    if isinstance(q, Quantity) and q.unit
                ),
                None,
            )
            judge = self.in_unit(unit)
        if not judge.comparable or judge.unresolved:
            return None
        actual = judge.pair(observed)
        if actual is None:
            return None
        if judge.operand == "constant":
            threshold = judge.threshold
            if previous is not None or assigned is not None:
                return None  # assess() also checks the figures the rule does not use
        else:
            given, unused = (
                (previous, assigned) if judge.operand == "previous" else (assigned, previous)
            )
            reference = None if unused is not None else judge.pair(given)
            if reference is None:
                return None
            threshold = judge.target_of(reference)
            if judge.unsure(actual, threshold):
                return None  # assess() says why it is not judged
        if threshold is None:
            return None
        return _ACHIEVED if judge.decides(actual, threshold) else _NOT_ACHIEVED


def number_for_yes_no(rule: Flag, value: Value, where: Mapping[str, Any]) -> DataError:
    """The error of a number where the rule is yes/no."""
    shown_en, shown_vi = shown_value(value, "en"), shown_value(value, "vi")
    msg = f"the value {shown_en} is a number but the rule is {rule} (yes/no)"
    return DataError(
        msg,
        code="data.number_for_yes_no",
        vi=f"giá trị {shown_vi} là một con số, nhưng mức yêu cầu '{rule}' chỉ xét đạt/không đạt",
        hint="write đạt / không đạt (or true / false)",
        hint_vi="hãy ghi 'đạt' hoặc 'không đạt'",
        **where,
    )


def shown_value(value: Value | None, language: str) -> str:
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


def change_unit_error(rule: Simple, where: Mapping[str, Any]) -> UnitError:
    """The error of an open change (``previous + 5 % change``) judged with no unit anywhere."""
    msg = (
        f"the rule {rule} is an open change: with no unit, it cannot say whether it is in"
        " percentage points or relative"
    )
    return UnitError(
        msg,
        code="rule.change_unit",
        vi=f"mức yêu cầu '{rule}' là mức tăng/giảm chưa rõ đơn vị: không có đơn vị tính thì"
        " không biết là điểm phần trăm hay phần trăm so với năm trước",
        hint="state the indicator's unit (unit = '%' for a rate, e.g. 'household' otherwise)",
        hint_vi="hãy ghi đơn vị tính của chỉ tiêu (unit = '%' nếu là tỷ lệ, hoặc ví dụ 'hộ')",
        **where,
    )


def _factor_error(q: Quantity, units: Units) -> UnitError:
    msg = f"the factor {_explain.show(q, 'en', units)} must be a percent or a plain number"
    return UnitError(
        msg,
        code="rule.factor_unit",
        vi=f"hệ số {_explain.show(q, 'vi', units)} phải là phần trăm hoặc một số không có"
        " đơn vị tính",
        hint="write the factor as '* 105 %' or '* 1,05'",
        hint_vi="hãy ghi hệ số dạng '* 105 %' hoặc '* 1,05'",
    )


def compile_rule(
    rule: Simple,
    units: Units,
    *,
    unit: str | None = None,
    indicator: Indicator | None = None,
    zero_denominator: ZeroDenominator = ZeroDenominator.NOT_APPLICABLE,
    reference: str | None = None,
) -> Judge:
    """``rule`` compiled into a :class:`Judge` (for ``indicator``, if given).

    ``unit``: the indicator's unit when there is no indicator (``check(unit=)``);
    ``reference``: the unit to judge in where neither the indicator nor the rule
    has one (it then comes from the figures).

    Raises:
        UnitError: The rule's factor is not a percent or a plain number
            (``rule.factor_unit``), or a unit is unknown.
    """
    if indicator is not None:
        unit = indicator.unit
        zero_denominator = indicator.zero_denominator
    common: dict[str, Any] = {
        "rule": rule,
        "indicator": indicator,
        "units": units,
        "unit": unit,
        "rate": indicator.rate if indicator is not None else False,
        "zero": Status(zero_denominator.value),
    }
    if indicator is not None:
        for name, bound in (("minimum", indicator.minimum), ("maximum", indicator.maximum)):
            if bound is not None:
                common[name] = bound
                limit = units.base(bound.with_unit(unit))[0]
                common["low" if name == "minimum" else "high"] = _pair(limit)
    if isinstance(rule, Flag):
        return Judge(**common, reference=unit or reference, operand="flag")
    operand = rule.threshold if isinstance(rule, Range) else rule.operand
    if unit is not None:
        reference = unit
    elif reference is None:
        own = operand if isinstance(operand, Quantity) else getattr(operand, "offset", None)
        reference = own.unit if own is not None else None
    common |= {"holds": _HOLDS[rule.op], "direction": rule.op.direction, "reference": reference}
    common |= _limits(units, common, reference)
    if isinstance(operand, Quantity):
        threshold = operand.with_unit(reference)
        comparable = reference is None or units.compatible(threshold.unit, reference)
        beyond = None
        if isinstance(rule, Range):
            beyond = _pair(_in_base(units, rule.beyond.with_unit(reference)))
        return Judge(
            **common,
            threshold=_pair(_in_base(units, threshold)),
            comparable=comparable,
            beyond=beyond,
        )
    assert isinstance(operand, Previous | Assigned)  # noqa: S101 - the grammar's operands
    offset = factor = None
    change = operand.change if isinstance(operand, Previous) else None
    shift = operand.offset if isinstance(operand, Previous) else None
    scale = operand.factor
    unresolved = False
    if change is not None:  # an open change: points on a rate, relative on anything else
        if reference is None:
            unresolved = True
        elif units.resolve(reference).dimension == "dimensionless":
            shift = change
        else:
            scale = Quantity(100 + change.magnitude, "percent")
    if shift is not None:
        shifted = shift.with_unit(reference)
        if reference is not None:
            units.require_compatible(shifted.unit, reference)
        offset = _pair(units.base(shifted)[0])
    if scale is not None:
        value, dimension = units.base(scale)
        if dimension not in (None, "dimensionless"):
            raise _factor_error(scale, units)
        factor = _pair(value)
    kind = "previous" if isinstance(operand, Previous) else "assigned"
    return Judge(
        **common,
        operand=kind,
        offset=offset,
        factor=factor,
        base_year=operand.year if isinstance(operand, Previous) else None,
        unresolved=unresolved,
    )


def _limits(units: Units, common: Mapping[str, Any], reference: str | None) -> dict[str, Any]:
    """A judge's floor and ceiling: the declared bounds, and 0 for a count or a rate."""
    low: Pair | None = common.get("low")
    high: Pair | None = common.get("high")
    floor = None if low is None else (low, "minimum")
    unit = common["unit"] or reference
    info = units.get(unit) if unit else None
    if low is None or low[0] < 0:
        if info is not None and info.count:
            floor = ((0, 1), "count")
        elif common["rate"]:
            floor = ((0, 1), "rate")
    ceiling = None if high is None else (high, "maximum")
    plausible = None
    if info is not None and info.name in ("percent", "per_mille") and None in (floor, ceiling):
        plausible = (None if floor else (0, 1), None if ceiling else (1, 1))
    return {"floor": floor, "ceiling": ceiling, "plausible": plausible}


def _in_base(units: Units, q: Quantity) -> Fraction:
    """A quantity's magnitude in the base unit of its dimension (a bare number as it is)."""
    return units.base(q)[0] if q.unit else q.magnitude


@attrs.frozen(eq=False)
class CompiledPlan:
    """A plan's rules compiled once for its unit registry: a :class:`Judge` per simple rule.

    Made by :func:`compile_plan`; the per-org-unit rule of an org-unit indicator
    has its judge too. An indicator whose rule cannot be compiled (a factor in
    another unit) keeps its error, raised when the indicator is judged.
    """

    plan: Plan
    units: Units
    #: The judge of each simple indicator and per-org-unit rule, by indicator id.
    judges: Mapping[str, Judge | ThiduaError]
    #: The judge of each term indicator (a term target), by indicator id.
    #:
    #: .. versionadded:: 0.4.0
    terms: Mapping[str, TermJudge | ThiduaError] = attrs.field(factory=dict)

    def term_judge(self, indicator: Indicator) -> TermJudge:
        """The judge of a term indicator.

        Raises:
            UnitError: The rule's quantity is in another unit.

        .. versionadded:: 0.4.0
        """
        found = self.terms[indicator.id]
        if isinstance(found, ThiduaError):
            raise found.located()
        return found

    def judge(self, indicator: Indicator) -> Judge:
        """The judge of a simple indicator, or of the per-org-unit rule of an org-unit one.

        Raises:
            UnitError: The rule's factor is in another unit (``rule.factor_unit``).
        """
        found = self.judges[indicator.id]
        if isinstance(found, ThiduaError):
            raise found.located()
        return found


def compile_plan(plan: Plan, units: Units | None = None) -> CompiledPlan:
    """``plan`` compiled into judging objects, once (``units``: its registry by default)."""
    registry = plan.unit_registry() if units is None else units
    judges: dict[str, Judge | ThiduaError] = {}
    terms: dict[str, TermJudge | ThiduaError] = {}
    for indicator in plan.indicators():
        if indicator.is_composite:
            continue
        if isinstance(indicator.rule, TERM_RULE_CLASSES):
            try:
                term = compile_term(
                    indicator.rule, registry, indicator=indicator, base_year=plan.base_year
                )
                judges[indicator.id], terms[indicator.id] = term.judge, term
            except ThiduaError as exc:
                judges[indicator.id] = terms[indicator.id] = exc
            continue
        rule: Rule | None = indicator.rule
        if isinstance(rule, OrgUnits):
            rule = indicator.unit_rule
        assert isinstance(rule, Simple)  # noqa: S101 - guaranteed by Indicator
        try:
            judges[indicator.id] = compile_rule(rule, registry, indicator=indicator)
        except ThiduaError as exc:
            judges[indicator.id] = exc
    return CompiledPlan(plan, registry, judges, terms)


# --------------------------------------------------------------------------- term targets


def path_value(
    rule: TermRule,
    *,
    own: Fraction | None,
    baseline: Fraction | None,
    years: int,
    length: int | None,
) -> Fraction | None:
    """The milestone of a term target after ``years``, exactly; None without the baseline.

    The one place the path of a term target is written. ``own`` is the rule's
    own quantity (a target, a total, a yearly step), ``baseline`` the base
    year's figure, both in one unit; ``length`` the years from the base year to
    the end year (for :class:`~thidua.rules.ByYear`). The path is:

    * :class:`~thidua.rules.AnnualGrowth`: geometric, ``baseline × factorⁿ``;
    * :class:`~thidua.rules.AnnualChange`: linear, ``baseline + step × n``;
    * :class:`~thidua.rules.ByYear`: linear from the baseline to the target,
      ``baseline + (target − baseline) × n / length``, the target itself from
      the end year on (no baseline needed there);
    * :class:`~thidua.rules.Cumulative`: pro rata, ``total × n / years``, where
      ``n`` is the number of the term's years summed so far.

    >>> from thidua.rules import parse_rule
    >>> path_value(parse_rule(">= base * 110 % per year"), own=None, baseline=Fraction(100),
    ...            years=2, length=None)
    Fraction(121, 1)

    .. versionadded:: 0.4.0
    """
    if isinstance(rule, Cumulative):
        assert own is not None  # noqa: S101 - a total is always given
        return own * years / rule.years
    if isinstance(rule, ByYear):
        assert own is not None  # noqa: S101
        if length is None or years >= length:
            return own
        if baseline is None:
            return None
        return baseline + (own - baseline) * years / length
    if baseline is None:
        return None
    if isinstance(rule, AnnualGrowth):
        return baseline * rule.ratio**years
    assert own is not None  # noqa: S101 - a yearly step is always given
    return baseline + own * years


def _term_usage(en: str, vi: str, code: str, hint: str, hint_vi: str) -> UsageError:
    return UsageError(en, code=code, vi=vi, hint=hint, hint_vi=hint_vi)


def _own(rule: TermRule) -> Quantity | None:
    """The quantity a term rule is written with (None for a growth factor)."""
    if isinstance(rule, ByYear):
        return rule.target
    if isinstance(rule, Cumulative):
        return rule.total
    if isinstance(rule, AnnualChange):
        return rule.step
    return None


@attrs.frozen(eq=False)
class TermJudge:
    """One term target of one indicator, compiled: judges a year's figure against its path.

    Made by :func:`compile_term`. Figures are read and checked by :attr:`judge`
    (the indicator's unit, sign and bounds), and decided exactly as every
    comparison is (:meth:`Judge.decides`, :meth:`Judge.facts`), against the
    milestone :func:`path_value` gives.

    .. versionadded:: 0.4.0
    """

    #: The term rule.
    rule: TermRule
    #: The judge of figures: a comparison with the rule's operator, for units and bounds.
    judge: Judge
    #: The base year (the plan's), if known.
    base_year: int | None = None

    def length(self, base_year: int | None) -> int | None:
        """The years from the base year to the end year of a level by an end year."""
        rule = self.rule
        if not isinstance(rule, ByYear) or base_year is None:
            return None
        if base_year >= rule.year:
            msg = f"the base year {base_year} is not before the end year of the rule {rule}"
            raise _term_usage(
                msg,
                f"năm gốc {base_year} không trước năm cuối của mức yêu cầu '{rule}'",
                "term.base_year",
                "give a base year before the end year",
                "hãy ghi năm gốc trước năm cuối",
            )
        return rule.year - base_year

    def checked_years(self, years: object, base_year: int | None) -> int | None:
        """``years`` checked: a whole number from 0, within the term (None: at the end).

        Raises:
            UsageError: ``years`` is negative or not whole (``term.years``), beyond
                the end year or the years summed (``term.year_outside``), missing
                for a growth or change (``term.years``), or a level by an end year
                judged before it with no base year (``term.base_year``).
        """
        rule = self.rule
        if years is None:
            if isinstance(rule, AnnualGrowth | AnnualChange):
                msg = f"the rule {rule} is judged after a number of years: give years="
                raise _term_usage(
                    msg,
                    f"mức yêu cầu '{rule}' được xét sau một số năm: hãy cho years=",
                    "term.years",
                    "give years=, the years since the base year (e.g. years=2 in 2027 for 2025)",
                    "hãy cho years= là số năm kể từ năm gốc (ví dụ years=2 cho năm 2027,"
                    " năm gốc 2025)",
                )
            return None
        if isinstance(years, bool) or not isinstance(years, int) or years < 0:
            shown = repr(years) if isinstance(years, int) else type(years).__name__
            msg = f"years={shown} must be a whole number of years, 0 or more"
            raise _term_usage(
                msg,
                f"years={shown} phải là một số nguyên năm, từ 0 trở lên",
                "term.years",
                "give the years since the base year",
                "hãy cho số năm kể từ năm gốc",
            )
        length = self.length(base_year)
        if isinstance(rule, Cumulative):
            length = rule.years
        if isinstance(rule, ByYear) and length is None and years:
            msg = f"the rule {rule} judged after {years} years needs the base year"
            raise _term_usage(
                msg,
                f"mức yêu cầu '{rule}' xét sau {years} năm cần biết năm gốc",
                "term.base_year",
                "give base_year= (the plan's base year)",
                "hãy cho base_year= (năm gốc của kế hoạch)",
            )
        if length is not None and years > length:
            msg = f"{years} years go beyond the term of the rule {rule} ({length} years)"
            raise _term_usage(
                msg,
                f"{years} năm vượt quá thời hạn của mức yêu cầu '{rule}' ({length} năm)",
                "term.year_outside",
                f"give at most {length} years",
                f"hãy cho nhiều nhất {length} năm",
            )
        return years

    def milestone(
        self, baseline: Quantity | None, years: int | None, base_year: int | None = None
    ) -> Quantity | None:
        """The milestone after ``years`` (None: the target), in the unit judged in.

        None where it needs the baseline and there is none. A path running beyond
        the indicator's bounds (below 0 % for a rate, above a declared maximum)
        is clipped to them (:meth:`Judge.bounded`).
        """
        return self._milestone(baseline, years, base_year)[0]

    def _milestone(
        self,
        baseline: Quantity | None,
        years: int | None,
        base_year: int | None,
        actual: Quantity | None = None,
    ) -> tuple[Quantity | None, str | None]:
        """:meth:`milestone`, and the bound it was clipped to (None if not)."""
        base_year = self.base_year if base_year is None else base_year
        n = self.checked_years(years, base_year)
        judge = self.judge if baseline is None else self.judge.in_unit(baseline.unit)
        unit = judge.reference
        own = _own(self.rule)
        length = self.length(base_year)
        if n is None:  # the term target itself: all the years summed, or the level
            n, length = (
                (self.rule.years, length) if isinstance(self.rule, Cumulative) else (0, None)
            )
        own_base = None if own is None else _in_base(judge.units, own.with_unit(unit))
        base = None
        if baseline is not None:
            if unit is not None:
                judge.units.require_compatible(baseline.unit, unit)
            base = judge._base(judge.units.convert(baseline, unit) if unit else baseline)
            base_fraction: Fraction | None = _fraction(base)
        else:
            base_fraction = None
        value = path_value(
            self.rule,
            own=own_base,
            baseline=base_fraction,
            years=n,
            length=length,
        )
        if value is None:
            return None, None
        bounded, clipped = judge.bounded(
            _pair(value), None if actual is None else judge._base(actual)
        )
        name = judge.units.resolve(unit).name if unit else None  # canonical, as figures are
        return Quantity(_fraction(bounded) / judge._factor_of(unit), name), clipped

    def assess(
        self,
        observed: Value | None,
        *,
        baseline: Value | None = None,
        years: int | None = None,
        base_year: int | None = None,
        where: Mapping[str, Any] | None = None,
    ) -> Assessment:
        """Judge a year's figure (for a cumulative target: the sum so far) against the path.

        ``years`` is the years since the base year (for a cumulative target: the
        years of its span summed so far); None judges against the term target
        itself (the end of the term).

        Raises:
            UsageError: ``years`` is not in the term (``term.years``,
                ``term.year_outside``, ``term.base_year``).
            DataError: A yes/no value.
            UnitError: A figure that does not compare with the rule.
        """
        where = {} if where is None else where
        base_year = self.base_year if base_year is None else base_year
        self.checked_years(years, base_year)
        actual = _as_quantity(observed, "actual", where)
        base = _as_quantity(baseline, "baseline", where)
        judge = self.judge
        if judge.reference is None:
            unit = next((q.unit for q in (actual, base) if q is not None and q.unit), None)
            judge = judge.in_unit(unit)
        unit = judge.reference
        units = judge.units
        if unit is not None:
            for q in (actual, base):
                if q is not None:
                    units.require_compatible(q.unit, unit, **where)
            actual, base = (None if q is None else units.convert(q, unit) for q in (actual, base))
        rule = self.rule
        milestone, clipped = self._milestone(base, years, base_year, actual)
        target = (
            None
            if milestone is None
            else Target(rule, rule.op, quantity=milestone, reference=base, clipped=clipped)
        )
        context: dict[str, Any] = {"previous": base}
        if actual is None:
            missing = ("actual",) if milestone is not None else ("actual", "baseline")
            return Assessment(_NO_DATA, None, target, missing=missing, **context)
        if milestone is None:
            return Assessment(_NO_DATA, actual, None, missing=("baseline",), **context)
        a_pair, t_pair = judge._base(actual), judge._base(milestone)
        if judge.unsure(a_pair, t_pair):
            return Assessment(_NO_DATA, actual, target, missing=("bounds",), **context)
        status = _ACHIEVED if judge.decides(a_pair, t_pair) else _NOT_ACHIEVED
        signed, attainment, exceeded = judge.facts(a_pair, t_pair)
        margin = Quantity(_fraction(signed) / judge._factor_of(milestone.unit), milestone.unit)
        return Assessment(status, actual, target, margin, exceeded, attainment, **context)


def compile_term(
    rule: TermRule,
    units: Units,
    *,
    unit: str | None = None,
    indicator: Indicator | None = None,
    base_year: int | None = None,
) -> TermJudge:
    """``rule`` compiled into a :class:`TermJudge` (for ``indicator``, if given).

    Raises:
        UnitError: The rule's quantity does not compare with the indicator's unit.

    .. versionadded:: 0.4.0
    """
    own = _own(rule)
    stand_in = Comparison(rule.op, Quantity(0, own.unit if own is not None else None))
    judge = compile_rule(stand_in, units, unit=unit, indicator=indicator)
    reference = judge.reference
    if own is not None and reference is not None and own.unit is not None:
        units.require_compatible(own.unit, reference)
    return TermJudge(rule, judge, base_year)
