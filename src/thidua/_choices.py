"""Enumerations whose unknown values are a ThiduaError, like every other bad input.

``thidua.Op("=>")`` would raise Enum's own ValueError, whose message Python
builds from ``repr(value)`` -- which itself fails for a number of 5,000 digits
or an object whose ``repr`` raises. :class:`Choice` looks the value up as Enum
does and turns a miss into a :class:`~thidua.errors.ParseError` with the code
``choice.unknown`` that lists the choices.
"""

from __future__ import annotations

import enum
from typing import Any

from thidua._text import safe_repr
from thidua.errors import ArgumentTypeError, ParseError

__all__ = ["Choice"]


class _ChoiceType(enum.EnumType):
    """Enum's metaclass, with a lookup by value that raises a ThiduaError on a miss."""

    def __call__(cls, value: Any, *args: Any, **kwargs: Any) -> Any:
        if not cls._member_map_:  # the functional API on the bare base: a new enumeration
            return super().__call__(value, *args, **kwargs)
        if args or kwargs:  # an enumeration with members cannot be extended: one value only
            msg = f"{cls.__name__}() takes one value"
            raise ArgumentTypeError(
                msg,
                code="argument.type",
                vi=f"{cls.__name__}() chỉ nhận một giá trị",
                hint=f"e.g. {cls.__name__}({next(iter(cls.__members__.values())).value!r})",
                hint_vi=f"ví dụ: {cls.__name__}({next(iter(cls.__members__.values())).value!r})",
            )
        try:
            return super().__call__(value)
        except Exception:
            shown = safe_repr(value, limit=60)
            members: list[enum.Enum] = list(cls.__members__.values())
            choices = ", ".join(repr(m.value) for m in members)
            msg = f"{shown} is not one of the choices of {cls.__name__}: {choices}"
            raise ParseError(
                msg,
                code="choice.unknown",
                vi=f"{shown} không phải là một lựa chọn của {cls.__name__}; "
                f"các lựa chọn: {choices}",
                hint=f"write one of {choices}",
                hint_vi=f"hãy ghi một trong các giá trị {choices}",
                text=shown,
            ) from None


class Choice(enum.Enum, metaclass=_ChoiceType):
    """Base of thidua's enumerations: an unknown value is a ParseError (``choice.unknown``)."""
