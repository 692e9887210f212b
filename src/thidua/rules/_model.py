"""The rule model: comparisons, flags and org-unit counts."""

from __future__ import annotations

import operator
from collections.abc import Callable
from fractions import Fraction
from typing import Any, TypeAlias

import attrs

from thidua._choices import Choice
from thidua._text import safe_repr
from thidua.errors import ArgumentTypeError, ParseError, instance_of
from thidua.numbers import is_decimal
from thidua.units import Quantity

__all__ = ["Assigned", "Comparison", "Flag", "Op", "Operand", "OrgUnits", "Previous", "Rule"]

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
_ATTRIBUTE_VI = {"operand": "số so sánh", "offset": "số cộng thêm", "factor": "hệ số nhân"}


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


@attrs.frozen
class Previous:
    """The value of the same period one year earlier, optionally shifted or scaled.

    ``Previous()`` is ``previous``; ``Previous(offset=Quantity(-2, "household"))`` is
    ``previous - 2 household``; ``Previous(factor=Quantity(105, "percent"))`` is
    ``previous * 105 %``.

    .. versionadded:: 0.1.0
    """

    #: Added to the previous value (negative to subtract).
    offset: Quantity | None = attrs.field(default=None, validator=_decimal_quantity)
    #: Multiplies the previous value (a percent or a bare number).
    factor: Quantity | None = attrs.field(default=None, validator=_decimal_quantity)

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

    def __str__(self) -> str:
        if self.offset is not None:
            return f"previous {_signed(self.offset)}"
        if self.factor is not None:
            return f"previous * {self.factor}"
        return "previous"


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

    def __attrs_post_init__(self) -> None:
        if isinstance(self.operand, Quantity):
            _decimal_quantity(self, attrs.fields(Comparison).operand, self.operand)

    def __str__(self) -> str:
        return f"{self.op.value} {self.operand}"


@attrs.frozen
class Flag:
    """``is true`` / ``is false``: a yes-or-no indicator (đạt chuẩn).

    .. versionadded:: 0.1.0
    """

    #: The value that achieves the indicator.
    expected: bool = attrs.field(
        default=True, validator=instance_of(bool, "True or False", "True hoặc False")
    )

    def __str__(self) -> str:
        return "is true" if self.expected else "is false"


def _count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        shown = safe_repr(value, limit=60)
        msg = f"count={shown} must be a whole number of org units, 0 or more"
        raise ParseError(
            msg,
            code="rule.org_unit_count",
            vi=f"số khóm/ấp phải đạt phải là số nguyên từ 0 trở lên, không phải {shown}",
            text=shown,
        )


@attrs.frozen
class OrgUnits:
    """How many org units must meet the indicator's per-unit rule.

    ``OrgUnits()`` is ``all org units`` (5/5 khóm); ``OrgUnits(4, Op.GE)`` is
    ``>= 4 org units``.

    .. versionadded:: 0.1.0
    """

    #: The number of org units, or None for all of them.
    count: int | None = attrs.field(default=None, validator=_count)
    #: How the number of org units that meet the rule compares with ``count``.
    op: Op = attrs.field(
        default=Op.GE,
        validator=instance_of(Op, "an Op (Op.GE, ...)", "một toán tử Op (Op.GE, ...)"),
    )

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

    def __str__(self) -> str:
        return "all org units" if self.count is None else f"{self.op.value} {self.count} org units"


#: A rule: a comparison, a flag, or an org-unit count.
Rule: TypeAlias = Comparison | Flag | OrgUnits
