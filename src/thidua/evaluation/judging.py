"""One rule judged alone: :func:`check` gives the status, :func:`assess` the facts.

Both judge through the compiled core (:func:`~thidua.evaluation.core.compile_rule`),
as a plan's evaluation does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from thidua._text import printable
from thidua.data import Value, ValueLike, parse_value
from thidua.errors import ArgumentTypeError, ThiduaError, UsageError
from thidua.evaluation.core import Simple, assess_org_units, compile_rule, compile_term
from thidua.evaluation.outcomes import Assessment, Status
from thidua.numbers import NumberFormat
from thidua.plans import ZeroDenominator
from thidua.rules import TERM_RULE_CLASSES, Comparison, Flag, OrgUnits, Rule, parse_rule
from thidua.units import Quantity, Units, default_units

__all__ = ["assess", "check", "checker"]


def assess(
    rule: Rule | str,
    value: ValueLike | Mapping[str, ValueLike] | Sequence[ValueLike],
    *,
    previous: ValueLike = None,
    assigned: ValueLike = None,
    baseline: ValueLike = None,
    years: int | None = None,
    base_year: int | None = None,
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
        previous: The value of the same period one year earlier (of the base year,
            for ``year 2020``), if the rule needs it.
        baseline: For a term target, the base year's figure (from which its path starts).
        years: For a term target, the years since the base year (for a cumulative
            target, the years of its span that ``value`` sums); None judges a level
            by an end year or a cumulative total against the term target itself.
        base_year: For a level by an end year judged before it (``>= 95 % by 2030``
            with ``years=``), the base year.
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
        UsageError: ``years`` outside the term target's years (``term.years``,
            ``term.year_outside``, ``term.base_year``), or term arguments
            (``baseline=``, ``years=``) for a rule that is no term target
            (``term.not_a_term_rule``).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.4.0
       ``baseline``, ``years`` and ``base_year`` for term targets.
    """
    registry = units or default_units()
    parsed = parse_rule(rule, units=registry, number_format=number_format)
    policy = ZeroDenominator(zero_denominator)

    def read(v: Any) -> Value | None:  # a scalar, else parse_value refuses it
        return parse_value(v, unit=unit, units=registry, number_format=number_format)

    if isinstance(parsed, TERM_RULE_CLASSES):
        if previous is not None or assigned is not None or per_org_unit is not None:
            raise _not_for_term(parsed)
        term = compile_term(parsed, registry, unit=unit, base_year=base_year)
        return term.assess(read(value), baseline=read(baseline), years=years)
    if baseline is not None or years is not None or base_year is not None:
        raise _not_a_term_rule(parsed)

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
        return assess_org_units(parsed, statuses, tuple(missing))
    judge = compile_rule(parsed, registry, unit=unit, zero_denominator=policy)
    if isinstance(parsed, Flag):  # a flag has no previous or assigned figure to read
        return judge.assess(read(value))
    return judge.assess(read(value), previous=read(previous), assigned=read(assigned))


def check(
    rule: Rule | str,
    value: ValueLike | Mapping[str, ValueLike] | Sequence[ValueLike],
    *,
    previous: ValueLike = None,
    assigned: ValueLike = None,
    baseline: ValueLike = None,
    years: int | None = None,
    base_year: int | None = None,
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
    >>> check(">= base * 108 % per year", 11664, baseline=10000, years=2, unit="tỷ đồng")
    <Status.ACHIEVED: 'achieved'>

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.4.0
       ``baseline``, ``years`` and ``base_year`` for term targets.
    """
    registry = units or default_units()
    parsed = parse_rule(rule, units=registry, number_format=number_format)
    if isinstance(parsed, Simple) and per_org_unit is None and baseline is years is base_year:
        try:  # the core's quick judgement; assess() explains whatever it leaves
            judge = compile_rule(
                parsed, registry, unit=unit, zero_denominator=ZeroDenominator(zero_denominator)
            )

            def read(v: Any) -> Value | None:  # a scalar, else parse_value refuses it
                return parse_value(v, unit=unit, units=registry, number_format=number_format)

            status = judge.status(read(value), previous=read(previous), assigned=read(assigned))
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
        baseline=baseline,
        years=years,
        base_year=base_year,
    ).status


def _not_for_term(rule: Rule) -> UsageError:
    msg = (
        f"the term target {rule} takes baseline= and years=,"
        " not previous=, assigned= or per_org_unit="
    )
    return UsageError(
        msg,
        code="term.arguments",
        vi=f"chỉ tiêu nhiệm kỳ '{rule}' nhận baseline= (giá trị năm gốc) và years= (số năm),"
        " không nhận previous=, assigned= hay per_org_unit=",
        hint="give baseline= (the base year's figure) and years=",
        hint_vi="hãy cho baseline= (giá trị năm gốc) và years=",
    )


def _not_a_term_rule(rule: Rule) -> UsageError:
    msg = f"baseline=, years= and base_year= are for term targets; {rule} is not one"
    return UsageError(
        msg,
        code="term.not_a_term_rule",
        vi=f"baseline=, years= và base_year= chỉ dùng cho chỉ tiêu nhiệm kỳ; '{rule}' không phải",
        hint="use previous= or assigned= for this rule",
        hint_vi="hãy dùng previous= hoặc assigned= cho mức yêu cầu này",
    )


_ACHIEVED, _NOT_ACHIEVED = Status.ACHIEVED, Status.NOT_ACHIEVED

#: A bare quantity: parse_value gives it ``unit=`` (or says the unit is unknown).
_BARE = Quantity(0)


def checker(rule: Rule, *, unit: str | None = None) -> Callable[[object], Status]:
    """``check(rule, value, unit=unit)`` as a function of ``value``, the rule compiled once.

    The same status, and the same errors, as :func:`check` (the domain's units, no
    previous or assigned figure): for judging many values against one rule, as
    a scheme's bands are.

    .. versionadded:: 0.3.0
    """
    registry = default_units()
    judge = None
    if isinstance(rule, Comparison | Flag):
        try:
            judge = compile_rule(rule, registry, unit=unit)
        except ThiduaError:  # check() raises it, located and explained
            judge = None
    if judge is None:
        return lambda value: check(rule, value, unit=unit)  # type: ignore[arg-type]  # refused
    quick = judge
    try:  # whether parse_value reads a quantity with its own unit as it is (unit= is known)
        parse_value(_BARE, unit=unit, units=registry)
        as_is = True
    except ThiduaError:
        as_is = False

    def decide(value: Any) -> Status:  # as check() takes it (it refuses a wrong type)
        try:  # check()'s quick judgement; check() itself decides whatever it leaves
            read = (
                value
                if as_is and value.__class__ is Quantity and value.unit is not None
                else parse_value(value, unit=unit, units=registry)
            )
            status = quick.status(read)
        except ThiduaError:
            status = None
        return check(rule, value, unit=unit) if status is None else status

    threshold = quick.threshold
    if (
        not as_is
        or quick.operand != "constant"
        or quick.reference is None
        or not quick.comparable
        or quick.unresolved
        or threshold is None
    ):
        return decide
    pair, holds = quick.pair, quick.holds
    tn, td = threshold

    def decide_constant(value: Any) -> Status:
        """:func:`decide` of a constant rule judged in the unit given.

        A quantity with a unit, in range, is judged in place, as
        :meth:`~thidua.evaluation.core.Judge.status` judges it.
        """
        if value.__class__ is Quantity and value.unit is not None:
            actual = pair(value)
            if actual is not None:
                return _ACHIEVED if holds(actual[0] * td, tn * actual[1]) else _NOT_ACHIEVED
        return decide(value)

    return decide_constant
