"""The rule model: comparisons, ranges, flags and org-unit counts."""

from __future__ import annotations

import operator
from collections.abc import Callable
from fractions import Fraction
from typing import Any, TypeAlias

import attrs

from thidua._choices import Choice
from thidua._text import safe_repr
from thidua.errors import ArgumentTypeError, ParseError, UsageError, instance_of
from thidua.numbers import is_decimal
from thidua.periods import MAX_YEAR, MIN_YEAR, Period
from thidua.units import Quantity

__all__ = [
    "RULE_CLASSES",
    "TERM_RULE_CLASSES",
    "AnnualChange",
    "AnnualGrowth",
    "Assigned",
    "ByYear",
    "Comparison",
    "Cumulative",
    "Flag",
    "Op",
    "Operand",
    "OrgUnits",
    "Previous",
    "Range",
    "Rule",
    "TermRule",
]

_HOLDS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}
_SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠"}
_NEGATED = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "==": "!=", "!=": "=="}


class Op(Choice):
    """A comparison operator; its value is the canonical ASCII text.

    .. versionadded:: 0.1.0
    """

    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    EQ = "=="
    NE = "!="

    def holds(self, left: Fraction, right: Fraction) -> bool:
        """Whether ``left OP right``."""
        return _HOLDS[self.value](left, right)

    @property
    def compare(self) -> Callable[[Any, Any], bool]:
        """The comparison itself (``operator.ge`` for ``>=``): fast on integers and fractions."""
        return _HOLDS[self.value]

    @property
    def symbol(self) -> str:
        """The typographic symbol for people (``≥``, ``≤``, ``≠``)."""
        return _SYMBOLS[self.value]

    @property
    def negated(self) -> Op:
        """The operator that holds exactly when this one does not."""
        return Op(_NEGATED[self.value])

    @property
    def direction(self) -> int:
        """+1 if more is better (``>=``, ``>``), -1 if less is better, 0 otherwise."""
        return {">=": 1, ">": 1, "<=": -1, "<": -1}.get(self.value, 0)

    def __str__(self) -> str:
        return self.value


#: How the Vietnamese messages name the attributes that hold a quantity.
_ATTRIBUTE_VI = {
    "operand": "số so sánh",
    "offset": "số cộng thêm",
    "factor": "hệ số nhân",
    "change": "mức tăng/giảm",
    "low": "cận dưới",
    "high": "cận trên",
    "target": "mức phải đạt",
    "total": "tổng mức",
    "step": "mức thay đổi mỗi năm",
}


def _decimal_quantity(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Quantity):
        shown = safe_repr(value, limit=60)
        msg = f"{attribute.name}={shown} must be a Quantity"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"{_ATTRIBUTE_VI.get(attribute.name, attribute.name)} phải là một Quantity"
            f" (số kèm đơn vị tính), không phải {shown}",
            text=shown,
        )
    if not is_decimal(value.magnitude):
        shown = f"{attribute.name}={value.magnitude}"
        msg = f"{shown} has no finite decimal form; rule numbers are decimal literals"
        shown_vi = f"{_ATTRIBUTE_VI.get(attribute.name, attribute.name)} {value.magnitude}"
        raise ParseError(
            msg,
            code="rule.not_decimal",
            vi=f"{shown_vi} không viết được thành số thập phân hữu hạn,"
            " mà số trong mức yêu cầu phải là số thập phân",
            hint="round it to a decimal",
            hint_vi="hãy làm tròn thành số thập phân",
            text=str(value.magnitude),
        )


def _signed(q: Quantity) -> str:
    sign = "-" if q.magnitude < 0 else "+"
    return f"{sign} {Quantity(abs(q.magnitude), q.unit)}"


def _base_year(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        shown = safe_repr(value, limit=60)
        msg = f"year={shown} must be a whole year such as 2020"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"năm gốc phải là một số năm như 2020, không phải {shown}",
            text=shown,
        )
    if not MIN_YEAR <= value <= MAX_YEAR:
        msg = f"the base year {value} lies outside the years {MIN_YEAR}-{MAX_YEAR}"
        raise ParseError(
            msg,
            code="rule.base_year",
            vi=f"năm gốc {value} nằm ngoài khoảng năm {MIN_YEAR}-{MAX_YEAR}",
            hint=f"give a year from {MIN_YEAR} to {MAX_YEAR}",
            hint_vi=f"hãy ghi một năm từ {MIN_YEAR} đến {MAX_YEAR}",
            text=str(value),
        )


def _note(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        shown = safe_repr(value, limit=60)
        msg = f"note={shown} must be text"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"ghi chú của mức yêu cầu (note) phải là chữ, không phải {shown}",
            text=shown,
        )


def _note_field() -> Any:
    """The note of a rule: the plan's words after the target; not part of the meaning."""
    return attrs.field(default="", eq=False, kw_only=True, validator=_note)


@attrs.frozen
class Previous:
    """The value of the same period one year earlier, optionally shifted or scaled.

    ``Previous()`` is ``previous``; ``Previous(offset=Quantity(-2, "household"))`` is
    ``previous - 2 household``; ``Previous(factor=Quantity(105, "percent"))`` is
    ``previous * 105 %``. An offset in % on a rate is in percentage points
    (``previous - 1 %``: the rate falls by one point).

    ``Previous(change=Quantity(5, "percent"))`` is an open change
    (``previous + 5 % change``, "tăng 5%" read with no unit known): judged as
    points on a percent indicator and as the factor ``105 %`` on any other.
    ``Previous(year=2020)`` is the figure of the same period in 2020 (``year 2020``,
    "so với năm 2020").

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.3.0
       ``change`` and ``year``.
    """

    #: Added to the previous value (negative to subtract).
    offset: Quantity | None = attrs.field(default=None, validator=_decimal_quantity)
    #: Multiplies the previous value (a percent or a bare number).
    factor: Quantity | None = attrs.field(default=None, validator=_decimal_quantity)
    #: An open change in percent (negative for a fall), resolved from the unit when judged.
    #:
    #: .. versionadded:: 0.3.0
    change: Quantity | None = attrs.field(default=None, validator=_decimal_quantity)
    #: The base year (None: the year before the period's).
    #:
    #: .. versionadded:: 0.3.0
    year: int | None = attrs.field(default=None, validator=_base_year)

    def __attrs_post_init__(self) -> None:
        if self.offset is not None and self.factor is not None:
            msg = "previous takes an offset or a factor, not both"
            raise ParseError(
                msg,
                code="rule.syntax",
                vi="previous chỉ đi kèm một số cộng thêm hoặc một hệ số nhân, không được cả hai",
                hint="write 'previous + 2' or 'previous * 105 %'",
                hint_vi="hãy viết 'previous + 2' hoặc 'previous * 105 %'",
            )
        if self.change is not None and (self.offset is not None or self.factor is not None):
            msg = "an open change stands alone: previous takes no offset or factor with it"
            raise ParseError(
                msg,
                code="rule.syntax",
                vi="mức tăng/giảm chưa rõ đơn vị đứng một mình: không đi kèm số cộng thêm"
                " hay hệ số nhân",
                hint="write e.g. 'previous + 5 % change'",
                hint_vi="hãy viết ví dụ 'previous + 5 % change'",
            )
        if self.change is not None and self.change.unit != "percent":
            msg = f"an open change is in percent, not {self.change}"
            raise ParseError(
                msg,
                code="rule.syntax",
                vi=f"mức tăng/giảm chưa rõ đơn vị phải tính bằng %, không phải {self.change}",
                hint="write e.g. 'previous + 5 % change', or an offset 'previous + 2 household'",
                hint_vi="hãy viết ví dụ 'previous + 5 % change', hoặc 'previous + 2 household'",
                text=str(self.change),
            )

    def reference_period(self, period: Period) -> Period:
        """The period whose figure this compares with: a year earlier, or in the base year.

        ``previous`` is the same period one year earlier; ``year 2020`` the same
        period in 2020 (annual 2030 → 2020, Q1 2026 → Q1 2020). The one place
        the engine, the batch and the explanations find it.

        Raises:
            UsageError: The base year is not earlier than the period's year
                (``rule.base_year``).
            ParseError: That year lies outside the years periods may have.

        .. versionadded:: 0.3.0
        """
        year = self.year
        if year is None:
            return period.previous()
        if year >= period.year:
            msg = f"the base year {year} of the rule is not earlier than the period {period}"
            raise UsageError(
                msg,
                code="rule.base_year",
                vi=f"năm gốc {year} của mức yêu cầu không trước {period.label('vi')}",
                hint=f"evaluate a period after {year}, or correct the base year",
                hint_vi=f"hãy đánh giá một kỳ sau năm {year}, hoặc sửa lại năm gốc",
                period=str(period),
            )
        return period.in_year(year)

    @property
    def base(self) -> str:
        """``previous`` or ``year 2020``: the figure compared with, before any offset."""
        return "previous" if self.year is None else f"year {self.year}"

    def __str__(self) -> str:
        if self.offset is not None:
            return f"{self.base} {_signed(self.offset)}"
        if self.factor is not None:
            return f"{self.base} * {self.factor}"
        if self.change is not None:
            return f"{self.base} {_signed(self.change)} change"
        return self.base


@attrs.frozen
class Assigned:
    """The target assigned by the higher level, optionally scaled (``assigned * 90 %``).

    .. versionadded:: 0.1.0
    """

    #: Multiplies the assigned target (a percent or a bare number).
    factor: Quantity | None = attrs.field(default=None, validator=_decimal_quantity)

    def __str__(self) -> str:
        return "assigned" if self.factor is None else f"assigned * {self.factor}"


#: What a comparison compares with: a fixed quantity, the previous value or the assigned target.
Operand: TypeAlias = Quantity | Previous | Assigned


@attrs.frozen
class Comparison:
    """``OP operand``: e.g. ``>= 97.5 %``, ``> previous``, ``<= previous - 2 household``.

    .. versionadded:: 0.1.0
    """

    #: The operator.
    op: Op = attrs.field(
        validator=instance_of(Op, "an Op (Op.GE, ...)", "một toán tử Op (Op.GE, ...)")
    )
    #: What the actual value is compared with.
    operand: Operand = attrs.field(
        validator=instance_of(
            (Quantity, Previous, Assigned),
            "a Quantity, Previous or Assigned",
            "một Quantity, Previous hoặc Assigned",
        )
    )

    #: The plan's words after the target (not part of the meaning, not in ``str``).
    #:
    #: .. versionadded:: 0.3.0
    note: str = _note_field()

    def __attrs_post_init__(self) -> None:
        if isinstance(self.operand, Quantity):
            _decimal_quantity(self, attrs.fields(Comparison).operand, self.operand)

    def __str__(self) -> str:
        return f"{self.op.value} {self.operand}"


def _range_op(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    instance_of(Op, "an Op (Op.GE or Op.LE)", "một toán tử Op (Op.GE hoặc Op.LE)")(
        instance, attribute, value
    )
    if value not in (Op.GE, Op.LE):
        shown = getattr(value, "value", value)
        msg = f"a range takes >= (more is better) or <= (less is better), not {shown}"
        raise ParseError(
            msg,
            code="rule.syntax",
            vi=f"khoảng chỉ đi với >= (càng cao càng tốt) hoặc <= (càng thấp càng tốt),"
            f" không đi với {shown}",
            hint="write e.g. '>= 8 .. 10 household' or '<= 10 .. 12 %'",
            hint_vi="hãy viết ví dụ '>= 8 .. 10 household' hoặc '<= 10 .. 12 %'",
            text=str(shown),
        )


def _bound(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        shown = "None"
        msg = f"{attribute.name}={shown} must be a Quantity"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"{_ATTRIBUTE_VI[attribute.name]} phải là một Quantity (số kèm đơn vị tính)",
            text=shown,
        )
    _decimal_quantity(instance, attribute, value)


@attrs.frozen
class Range:
    """``OP low .. high``: a target band, e.g. ``>= 8 .. 10 household``, ``<= 10 .. 12 %``.

    With ``>=`` more is better: the rule is achieved from ``low`` on and
    *exceeded* beyond ``high``. With ``<=`` less is better: achieved up to
    ``high``, exceeded below ``low``. ``low < high``, in the same unit.

    .. versionadded:: 0.3.0
    """

    #: The lower bound.
    low: Quantity = attrs.field(validator=_bound)
    #: The upper bound.
    high: Quantity = attrs.field(validator=_bound)
    #: ``Op.GE`` (more is better) or ``Op.LE`` (less is better).
    op: Op = attrs.field(default=Op.GE, validator=_range_op)
    #: The plan's words after the target (not part of the meaning, not in ``str``).
    note: str = _note_field()

    def __attrs_post_init__(self) -> None:
        if self.low.unit != self.high.unit:
            msg = f"the bounds of a range are in one unit, not {self.low} and {self.high}"
            raise ParseError(
                msg,
                code="rule.range",
                vi=f"hai đầu của khoảng phải cùng một đơn vị tính, không phải {self.low}"
                f" và {self.high}",
                hint="write e.g. '>= 8 .. 10 household'",
                hint_vi="hãy viết ví dụ '>= 8 .. 10 household'",
                text=str(self),
            )
        if not self.low.magnitude < self.high.magnitude:
            msg = f"the low bound of a range must be below its high bound ({self})"
            raise ParseError(
                msg,
                code="rule.range",
                vi=f"cận dưới của khoảng phải nhỏ hơn cận trên ({self})",
                hint="write the smaller number first, e.g. '>= 8 .. 10 household'",
                hint_vi="hãy viết số nhỏ trước, ví dụ '>= 8 .. 10 household'",
                text=str(self),
            )

    @property
    def threshold(self) -> Quantity:
        """The bound that decides: ``low`` for ``>=``, ``high`` for ``<=``."""
        return self.low if self.op is Op.GE else self.high

    @property
    def beyond(self) -> Quantity:
        """The bound past which the rule is exceeded: ``high`` for ``>=``, ``low`` for ``<=``."""
        return self.high if self.op is Op.GE else self.low

    def __str__(self) -> str:
        return f"{self.op.value} {_number(self.low)} .. {self.high}"


def _number(q: Quantity) -> str:
    """The magnitude of ``q`` as canonical text prints it (no unit)."""
    return str(Quantity(q.magnitude))


@attrs.frozen
class Flag:
    """``is true`` / ``is false``: a yes-or-no indicator (đạt chuẩn).

    .. versionadded:: 0.1.0
    """

    #: The value that achieves the indicator.
    expected: bool = attrs.field(
        default=True, validator=instance_of(bool, "True or False", "True hoặc False")
    )
    #: The plan's words after the target (not part of the meaning, not in ``str``).
    #:
    #: .. versionadded:: 0.3.0
    note: str = _note_field()

    def __str__(self) -> str:
        return "is true" if self.expected else "is false"


def _whole_org_units(low: int, what_vi: str) -> Callable[[object, Any, object], None]:
    """A validator: a whole number of org units, ``low`` or more (None allowed)."""

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            shown = safe_repr(value, limit=60)
            msg = f"{attribute.name}={shown} must be a whole number of org units, {low} or more"
            raise ParseError(
                msg,
                code="rule.org_unit_count",
                vi=f"{what_vi} phải là số nguyên từ {low} trở lên, không phải {shown}",
                text=shown,
            )

    return validate


_count = _whole_org_units(0, "số khóm/ấp phải đạt")
_total = _whole_org_units(1, "tổng số khóm/ấp")


@attrs.frozen
class OrgUnits:
    """How many org units must meet the indicator's per-unit rule.

    ``OrgUnits()`` is ``all org units``; ``OrgUnits(4, Op.GE)`` is
    ``>= 4 org units``. With the total the plan wrote, ``OrgUnits(total=5)`` is
    ``all 5 org units`` (5/5 khóm) and ``OrgUnits(4, Op.GE, total=5)`` is
    ``>= 4 of 5 org units`` (4/5 khóm): the total is the number of org units
    expected, those without data counting as unknown.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.3.0
       ``total``.
    """

    #: The number of org units, or None for all of them.
    count: int | None = attrs.field(default=None, validator=_count)
    #: How the number of org units that meet the rule compares with ``count``.
    op: Op = attrs.field(
        default=Op.GE,
        validator=instance_of(Op, "an Op (Op.GE, ...)", "một toán tử Op (Op.GE, ...)"),
    )
    #: The number of org units expected (``4/5 khóm``: 5), or None: those the area has.
    #:
    #: .. versionadded:: 0.3.0
    total: int | None = attrs.field(default=None, validator=_total)
    #: The plan's words after the target (not part of the meaning, not in ``str``).
    #:
    #: .. versionadded:: 0.3.0
    note: str = _note_field()

    def __attrs_post_init__(self) -> None:
        if self.count is None and self.op is not Op.GE:
            msg = f"'all org units' takes no operator (got {self.op.value!r})"
            raise ParseError(
                msg,
                code="rule.syntax",
                vi=f"'all org units' không đi kèm dấu so sánh (ở đây có {self.op.value!r})",
                hint="write 'all org units' or e.g. '>= 4 org units'",
                hint_vi="hãy viết 'all org units' hoặc ví dụ '>= 4 org units'",
            )
        if self.total is not None and self.count is not None and self.count > self.total:
            msg = f"{self.count} of {self.total} org units: the count exceeds the total"
            raise ParseError(
                msg,
                code="rule.org_unit_count",
                vi=f"{self.count}/{self.total} khóm/ấp: số khóm/ấp phải đạt lớn hơn tổng số",
                hint="write e.g. '>= 4 of 5 org units'",
                hint_vi="hãy viết ví dụ '>= 4 of 5 org units' (4/5 khóm)",
                text=f"{self.count}/{self.total}",
            )

    def __str__(self) -> str:
        if self.count is None:
            return "all org units" if self.total is None else f"all {self.total} org units"
        of = "" if self.total is None else f" of {self.total}"
        return f"{self.op.value} {self.count}{of} org units"


# ------------------------------------------------------------------ term targets


def _term_op(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    instance_of(Op, "an Op (Op.GE, Op.GT, Op.LE or Op.LT)", "một toán tử Op (Op.GE, ...)")(
        instance, attribute, value
    )
    if not value.direction:  # type: ignore[attr-defined]
        shown = getattr(value, "value", value)
        msg = f"a term target says which way is better: >=, >, <= or <, not {shown}"
        raise ParseError(
            msg,
            code="rule.syntax",
            vi=f"chỉ tiêu nhiệm kỳ phải nói rõ chiều tốt: >=, >, <= hoặc <, không phải {shown}",
            hint="write e.g. '>= 95 % by 2030' or '<= 1 % by 2030'",
            hint_vi="hãy viết ví dụ '>= 95 % by 2030' hoặc '<= 1 % by 2030'",
            text=str(shown),
        )


def _term_year(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        shown = safe_repr(value, limit=60)
        msg = f"{attribute.name}={shown} must be a whole year such as 2030"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"năm của chỉ tiêu nhiệm kỳ phải là một số năm như 2030, không phải {shown}",
            text=shown,
        )
    if not MIN_YEAR <= value <= MAX_YEAR:
        msg = f"the year {value} of the term target lies outside the years {MIN_YEAR}-{MAX_YEAR}"
        raise ParseError(
            msg,
            code="rule.term_year",
            vi=f"năm {value} của chỉ tiêu nhiệm kỳ nằm ngoài khoảng năm {MIN_YEAR}-{MAX_YEAR}",
            hint=f"give a year from {MIN_YEAR} to {MAX_YEAR}",
            hint_vi=f"hãy ghi một năm từ {MIN_YEAR} đến {MAX_YEAR}",
            text=str(value),
        )


def _required_quantity(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        msg = f"{attribute.name}=None must be a Quantity"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"{_ATTRIBUTE_VI.get(attribute.name, attribute.name)} phải là một Quantity"
            " (số kèm đơn vị tính)",
            text="None",
        )
    _decimal_quantity(instance, attribute, value)


@attrs.frozen
class ByYear:
    """``OP target by YEAR``: a level to reach by the end year of a term (``>= 95 % by 2030``).

    "Đến năm 2030 đạt 95%". Judged in a year of the term against the milestone
    on the straight path from the base year's figure to the target, and in the
    end year against the target itself.

    .. versionadded:: 0.4.0
    """

    #: The operator (``>=``, ``>``, ``<=`` or ``<``).
    op: Op = attrs.field(validator=_term_op)
    #: The level to reach.
    target: Quantity = attrs.field(validator=_required_quantity)
    #: The end year (``2030``).
    year: int = attrs.field(validator=_term_year)
    #: The plan's words after the target (not part of the meaning, not in ``str``).
    note: str = _note_field()

    def __str__(self) -> str:
        return f"{self.op.value} {self.target} by {self.year}"


@attrs.frozen
class Cumulative:
    """``cumulative OP total over START-END``: the sum of the term's yearly figures.

    "Tổng vốn đầu tư giai đoạn 2026-2030 đạt 5.000 tỷ đồng" is
    ``cumulative >= 5000 billion_VND over 2026-2030``. In a year of the term the
    sum of the years so far is judged against the pro-rata share of the total.

    .. versionadded:: 0.4.0
    """

    #: The operator (``>=``, ``>``, ``<=`` or ``<``).
    op: Op = attrs.field(validator=_term_op)
    #: The total over the years.
    total: Quantity = attrs.field(validator=_required_quantity)
    #: The first and last year summed (``2026``, ``2030``).
    start: int = attrs.field(validator=_term_year)
    end: int = attrs.field(validator=_term_year)
    #: The plan's words after the target (not part of the meaning, not in ``str``).
    note: str = _note_field()

    def __attrs_post_init__(self) -> None:
        if self.start > self.end:
            msg = f"the years {self.start}-{self.end} of a cumulative target run backwards"
            raise ParseError(
                msg,
                code="rule.term_year",
                vi=f"các năm {self.start}-{self.end} của chỉ tiêu cộng dồn bị ngược thứ tự",
                hint="write the first year first, e.g. 'over 2026-2030'",
                hint_vi="hãy ghi năm đầu trước, ví dụ 'over 2026-2030'",
                text=f"{self.start}-{self.end}",
            )

    @property
    def years(self) -> int:
        """How many years are summed (``2026-2030``: 5)."""
        return self.end - self.start + 1

    def __str__(self) -> str:
        return f"cumulative {self.op.value} {self.total} over {self.start}-{self.end}"


def _growth_factor(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _required_quantity(instance, attribute, value)
    assert isinstance(value, Quantity)  # noqa: S101 - checked just above
    if value.unit not in (None, "percent") or value.magnitude <= 0:
        msg = f"the yearly factor of a growth target is a positive percent, not {value}"
        raise ParseError(
            msg,
            code="rule.factor_unit",
            vi=f"hệ số tăng mỗi năm của chỉ tiêu tăng trưởng phải là một tỷ lệ phần trăm dương,"
            f" không phải {value}",
            hint="write e.g. '>= base * 108 % per year' (8 % a year)",
            hint_vi="hãy viết ví dụ '>= base * 108 % per year' (tăng 8 % mỗi năm)",
            text=str(value),
        )


@attrs.frozen
class AnnualGrowth:
    """``OP base * F per year``: average annual growth from the base year, compounded.

    ``>= base * 108 % per year`` ("bình quân hằng năm tăng 8%") holds after ``n``
    years when ``actual >= base × 1.08ⁿ``, exactly (integer powers of fractions).

    .. versionadded:: 0.4.0
    """

    #: The operator (``>=``, ``>``, ``<=`` or ``<``).
    op: Op = attrs.field(validator=_term_op)
    #: The factor applied each year (``108 %``: 8 % growth; ``98.5 %``: a 1.5 % fall).
    factor: Quantity = attrs.field(validator=_growth_factor)
    #: The plan's words after the target (not part of the meaning, not in ``str``).
    note: str = _note_field()

    @property
    def ratio(self) -> Fraction:
        """The factor as a number (``108 %``: 27/25)."""
        magnitude = self.factor.magnitude
        return magnitude / 100 if self.factor.unit == "percent" else magnitude

    def __str__(self) -> str:
        return f"{self.op.value} base * {self.factor} per year"


@attrs.frozen
class AnnualChange:
    """``OP base ± X per year``: a fixed change each year from the base year's figure.

    ``<= base - 1.5 % per year`` ("giai đoạn 2026–2030 giảm 1,5%/năm", a rate)
    holds after ``n`` years when ``actual <= base - 1.5 × n`` percentage points;
    ``>= base + 10 household per year`` adds 10 households a year.

    .. versionadded:: 0.4.0
    """

    #: The operator (``>=``, ``>``, ``<=`` or ``<``).
    op: Op = attrs.field(validator=_term_op)
    #: The change each year (negative for a fall); in % on a rate, percentage points.
    step: Quantity = attrs.field(validator=_required_quantity)
    #: The plan's words after the target (not part of the meaning, not in ``str``).
    note: str = _note_field()

    def __str__(self) -> str:
        return f"{self.op.value} base {_signed(self.step)} per year"


#: A term target: a level by an end year, a cumulative total, annual growth or change.
#:
#: .. versionadded:: 0.4.0
TermRule: TypeAlias = ByYear | Cumulative | AnnualGrowth | AnnualChange

#: The term rule classes, for ``isinstance``.
#:
#: .. versionadded:: 0.4.0
TERM_RULE_CLASSES = (ByYear, Cumulative, AnnualGrowth, AnnualChange)

#: A rule: a comparison, a range, a flag, an org-unit count, or a term target.
#:
#: .. versionchanged:: 0.4.0
#:    The term targets (:data:`TermRule`).
Rule: TypeAlias = Comparison | Range | Flag | OrgUnits | TermRule

#: The rule classes, for ``isinstance`` (every member of :data:`Rule`).
#:
#: .. versionadded:: 0.3.0
RULE_CLASSES = (Comparison, Range, Flag, OrgUnits, ByYear, Cumulative, AnnualGrowth, AnnualChange)
