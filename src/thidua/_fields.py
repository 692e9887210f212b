"""Converters of the model fields of plans, clusters, schemes, classifications and titles.

Every text of a model goes through :func:`text` (or one of its kin): it must be
a ``str`` (else :class:`~thidua.errors.ArgumentTypeError`), it is kept in NFC
and trimmed, and control characters and lone surrogates are refused
(:func:`thidua.errors.clean_text`, a :class:`~thidua.errors.PlanError` with
code ``text.control_character`` naming the field). This is the one choke point
that keeps terminal escape sequences out of every table, Markdown, HTML, xlsx
and ICS file the library writes.

The converters raise the same errors whether the model is built in Python or
read from a file; the file readers (:mod:`thidua._tomlfile`) add the file, the
line and the key path. This module imports no third-party package.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any, TypeVar

import attrs

from thidua._text import safe_repr
from thidua.errors import ArgumentTypeError, PlanError, clean_text
from thidua.periods import MAX_YEAR, MIN_YEAR

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


#: Numbers in models stay below this magnitude (at most 100 digits before the point).
MAX_MAGNITUDE = 10**100


def shown(value: object) -> str:
    """``repr(value)`` with control characters escaped, for a message."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**30:
        return _number(value)
    return safe_repr(value)


def check_magnitude(value: Fraction, what: str, what_vi: str) -> Fraction:
    """``value`` if it has at most 100 digits before the point (else a PlanError)."""
    if abs(value) >= MAX_MAGNITUDE:
        msg = f"{what} is too large: it has more than 100 digits"
        raise PlanError(
            msg,
            code="plan.number_too_large",
            vi=f"{what_vi} quá lớn: có hơn 100 chữ số",
            hint="write a smaller number",
            hint_vi="hãy viết một số nhỏ hơn",
        )
    return value


_KEY_PART = re.compile(r"[A-Za-z0-9_-]+")


def key_path(parts: Iterable[str | int]) -> str:
    """The key path of ``parts`` as messages write it: ``groups[0].indicators[2].rule``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            name = part if _KEY_PART.fullmatch(part) else json.dumps(part, ensure_ascii=False)
            out += f".{name}" if out else name
    return out


_KEY_STEP = re.compile(r'\[(\d+)\]|"((?:[^"\\]|\\.)*)"|([^.\[\]"]+)')


def split_key(key: str) -> tuple[str | int, ...]:
    """The parts of a key path (the inverse of :func:`key_path`)."""
    parts: list[str | int] = []
    for match in _KEY_STEP.finditer(key):
        index, quoted, bare = match.groups()
        if index is not None:
            parts.append(int(index))
        elif quoted is not None:
            parts.append(json.loads(f'"{quoted}"'))
        else:
            parts.append(bare)
    return tuple(parts)


def wrong_type(what: str, what_vi: str, expected: str, expected_vi: str, value: object) -> Any:
    """The error for a value of the wrong type (``code="plan.wrong_type"``)."""
    quoted = shown(value)
    return ArgumentTypeError(
        f"{what} must be {expected}, not {quoted}",
        code="plan.wrong_type",
        vi=f"{what_vi} phải là {expected_vi}, không phải {quoted}",
    )


def text(what: str, what_vi: str, *, multiline: bool = False) -> Callable[[object], str]:
    """A converter to safe text: NFC, trimmed, without control characters.

    Args:
        what: What the text is, in English ("the indicator name").
        what_vi: The same in Vietnamese ("tên chỉ tiêu").
        multiline: Whether tab and line breaks are allowed (long free texts).
    """

    def convert(value: object) -> str:
        if not isinstance(value, str):
            raise wrong_type(what, what_vi, "text", "chữ", value)
        return clean_text(
            value, what=what, what_vi=what_vi, multiline=multiline, error=PlanError
        ).strip()

    return convert


def optional_text(
    what: str, what_vi: str, *, multiline: bool = False
) -> Callable[[object], str | None]:
    """As :func:`text`, with None kept as None."""
    convert = text(what, what_vi, multiline=multiline)
    return lambda value: None if value is None else convert(value)


def texts(
    what: str, what_vi: str, *, multiline: bool = False
) -> Callable[[object], tuple[str, ...]]:
    """A converter to a tuple of safe texts, from a list (or any iterable but a text)."""
    convert = text(what, what_vi, multiline=multiline)

    def converter(value: object) -> tuple[str, ...]:
        if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
            raise wrong_type(what, what_vi, "a list of texts", "một danh sách chữ", value)
        return tuple(convert(item) for item in value)

    return converter


def identifier(
    what: str, what_vi: str, *, slash: bool = True, hint: str = "KT07", hint_vi: str | None = None
) -> Callable[[object], str]:
    """A converter to an id: safe text, not empty, without spaces (nor ``/`` if not ``slash``)."""
    convert = text(what, what_vi)
    example = hint

    def converter(value: object) -> str:
        found = convert(value)
        if not found or any(c.isspace() for c in found) or (not slash and "/" in found):
            quoted = shown(found)
            without = "without spaces" if slash else "without spaces or '/'"
            without_vi = "có dấu cách" if slash else "có dấu cách hay dấu '/'"
            msg = f"{what} {quoted} must be non-empty and {without}"
            raise PlanError(
                msg,
                code="plan.bad_id",
                vi=f"{what_vi} {quoted} không được để trống hoặc {without_vi}",
                hint=f"use ids such as {example}",
                hint_vi=f"hãy dùng mã như {hint_vi or example}",
                text=found,
            )
        return found

    return converter


def flag(what: str, what_vi: str) -> Callable[[object], bool]:
    """A converter that accepts only ``True`` and ``False``."""

    def converter(value: object) -> bool:
        if not isinstance(value, bool):
            raise wrong_type(what, what_vi, "true or false", "true hoặc false", value)
        return value

    return converter


def whole(
    what: str, what_vi: str, *, low: int | None = None, high: int | None = None
) -> Callable[[object], int]:
    """A converter to a whole number (not a bool), optionally within ``[low, high]``."""

    def converter(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise wrong_type(what, what_vi, "a whole number", "một số nguyên", value)
        if (low is not None and value < low) or (high is not None and value > high):
            quoted = _number(value)
            msg = f"{what} {quoted} must lie between {low} and {high}"
            raise PlanError(
                msg,
                code="plan.out_of_range",
                vi=f"{what_vi} {quoted} phải nằm trong khoảng từ {low} đến {high}",
            )
        return value

    return converter


def _number(value: int) -> str:
    """A whole number as text, shortened when very long (never beyond Python's digit limit)."""
    if abs(value) >= 10**30:  # ≈10^45: read the same in Vietnamese and English
        exponent = math.floor(math.log10(abs(value)))
        return f"{'-' if value < 0 else ''}≈10^{exponent}"
    return str(value)


year = whole("the year", "năm", low=MIN_YEAR, high=MAX_YEAR)


def optional_whole(
    what: str, what_vi: str, *, low: int | None = None, high: int | None = None
) -> Callable[[object], int | None]:
    """As :func:`whole`, with None kept as None."""
    convert = whole(what, what_vi, low=low, high=high)
    return lambda value: None if value is None else convert(value)


def check_date(value: dt.date, what: str, what_vi: str) -> dt.date:
    """``value`` if it lies in the years thidua handles (``MIN_YEAR`` … ``MAX_YEAR``)."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        msg = f"{what} {value.isoformat()} is not between the years {MIN_YEAR} and {MAX_YEAR}"
        raise PlanError(
            msg,
            code="plan.out_of_range",
            vi=f"{what_vi} {value:%d/%m/%Y} phải thuộc các năm từ {MIN_YEAR} đến {MAX_YEAR}",
        )
    return value


def choice(kind: type[E], what: str, what_vi: str) -> Callable[[object], E]:
    """A converter to a member of the enum ``kind``, from itself or its value."""
    allowed = ", ".join(repr(m.value) for m in kind)

    def converter(value: object) -> E:
        if isinstance(value, kind):
            return value
        try:
            return kind(value)
        except (ValueError, TypeError):
            quoted = shown(value)
            msg = f"{what} {quoted} must be one of {allowed}"
            raise PlanError(
                msg,
                code="plan.bad_choice",
                vi=f"{what_vi} {quoted} phải là một trong {allowed}",
            ) from None

    return converter


def optional_choice(kind: type[E], what: str, what_vi: str) -> Callable[[object], E | None]:
    """As :func:`choice`, with None kept as None."""
    convert = choice(kind, what, what_vi)
    return lambda value: None if value is None else convert(value)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``word`` (a misspelt key), or None."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_key(key: str, allowed: Iterable[str], **where: Any) -> PlanError:
    """The error for a key no model has: ``unknown key 'women_shar' — did you mean ...?``.

    With no key close to it, the hint lists the keys allowed.
    """
    known = sorted(allowed)
    close = did_you_mean(key, known)
    quoted = shown(key)
    if close is not None:
        return PlanError(
            f"unknown key {quoted} — did you mean {close!r}?",
            code="plan.unknown_key",
            vi=f"không có mục {quoted} ở đây — có phải là {close!r} không?",
            **where,
        )
    return PlanError(
        f"unknown key {quoted}",
        code="plan.unknown_key",
        vi=f"không có mục {quoted} ở đây",
        hint=f"the keys here are: {', '.join(known)}",
        hint_vi=f"các mục có thể dùng ở đây: {', '.join(known)}",
        **where,
    )


def missing_key(key: str, **where: Any) -> PlanError:
    """The error for a required key that is not given."""
    return PlanError(
        f"the required key {key!r} is missing",
        code="plan.missing_key",
        vi=f"thiếu mục bắt buộc {key!r}",
        **where,
    )


def model(cls: type[T], value: object, what: str, what_vi: str) -> T:
    """``value`` if it is a ``cls``; a mapping of its fields made into one; else an error.

    A mapping with a key ``cls`` does not have is refused with a did-you-mean
    (``PlanError``, code ``plan.unknown_key``); one without a required field
    with ``plan.missing_key``.
    """
    if isinstance(value, cls):
        return value
    if not isinstance(value, Mapping):
        article = "an" if cls.__name__[0] in "AEIOU" else "a"
        raise wrong_type(what, what_vi, f"{article} {cls.__name__}", f"một {cls.__name__}", value)
    fields = attrs.fields_dict(cls)  # type: ignore[arg-type]
    names = {name.lstrip("_"): name for name in fields}
    for key in value:
        if not isinstance(key, str) or key not in names:
            raise unknown_key(str(key), names)
    for name, field in fields.items():
        if field.default is attrs.NOTHING and name.lstrip("_") not in value:
            raise missing_key(name.lstrip("_"))
    return cls(**value)


def models(cls: type[T], what: str, what_vi: str) -> Callable[[object], tuple[T, ...]]:
    """A converter to a tuple of ``cls``, from a list of them or of mappings of their fields."""

    def converter(value: object) -> tuple[T, ...]:
        if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
            raise wrong_type(what, what_vi, "a list", "một danh sách", value)
        return tuple(model(cls, item, what, what_vi) for item in value)

    return converter
