"""Exact numbers as people write them in Vietnam, and back.

Every number in :mod:`thidua` is a :class:`fractions.Fraction`: decimal text is
read exactly (``"97,5"`` is 195/2), a float given by a caller means its shortest
decimal representation (``0.1`` is 1/10), and NaN or infinities are refused.

Vietnamese writing uses a decimal comma and dot groups (``1.000.000,5``); English
the reverse. A text that reads differently in the two (``12.345``: 12345 in
Vietnamese, 12.345 in English) is refused unless the caller states the format.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import decimal
import math
import re
import unicodedata
from fractions import Fraction
from typing import Literal

from thidua.errors import ParseError

__all__ = [
    "MAX_NUMBER_LENGTH",
    "NumberFormat",
    "format_number",
    "is_decimal",
    "parse_number",
    "to_decimal_string",
    "to_fraction",
    "to_share",
]

#: How numbers in a text are written (``"vi"`` for ``1.000,5``, ``"en"`` for ``1,000.5``),
#: or ``None`` to accept both where the reading is unambiguous).
NumberFormat = Literal["vi", "en"] | None

#: Longest number text accepted (characters); longer texts are a :class:`ParseError`.
MAX_NUMBER_LENGTH = 100

_NUMBER = re.compile(r"[+-]?\d[\d.,]*")
_CANONICAL = re.compile(r"[+-]?\d{1,100}(?:\.\d{1,100})?")
_FORMATS = ("vi", "en")


def _refuse(text: str, reason: str, *, position: int = 0, hint: str | None = None) -> ParseError:
    return ParseError(
        f"cannot read {text!r} as a number: {reason}", text=text, position=position, hint=hint
    )


def _is_grouped(integer: str, sep: str) -> bool:
    """Whether ``integer`` is digits grouped by threes with ``sep`` (``1.000.000``)."""
    groups = integer.split(sep)
    first = groups[0]
    return (
        len(groups) > 1
        and 1 <= len(first) <= 3
        and not first.startswith("0")
        and all(len(g) == 3 and g.isdigit() for g in groups[1:])
        and first.isdigit()
    )


def parse_number(text: str, *, number_format: NumberFormat = None) -> Fraction:
    """Read a decimal number written the Vietnamese or the English way, exactly.

    Args:
        text: The number, e.g. ``"97,5"``, ``"1.000.000"``, ``"02"``, ``"-3.25"``.
        number_format: ``"vi"``, ``"en"`` or ``None`` (accept both where unambiguous).

    Returns:
        The exact value.

    Raises:
        ParseError: The text is not a number, is too long, or reads differently in
            Vietnamese and English while ``number_format`` is ``None``.

    >>> parse_number("97,5")
    Fraction(195, 2)
    >>> parse_number("1.000.000")
    Fraction(1000000, 1)
    >>> parse_number("12.345", number_format="en")
    Fraction(2469, 200)
    """
    if number_format not in (None, *_FORMATS):
        msg = f"number_format={number_format!r} must be 'vi', 'en' or None"
        raise ParseError(msg, text=text)
    if not isinstance(text, str):
        msg = f"number text must be a str, not {type(text).__name__}"
        raise ParseError(msg, text=repr(text))
    raw = unicodedata.normalize("NFC", text).strip()
    if len(raw) > MAX_NUMBER_LENGTH:
        raise _refuse(
            raw[:20] + "…",
            f"longer than {MAX_NUMBER_LENGTH} characters",
            hint="write a shorter number",
        )
    if raw.isdigit() and raw.isascii():  # the common case: plain digits read the same anyway
        return Fraction(int(raw))
    if not _NUMBER.fullmatch(raw):
        raise _refuse(
            raw,
            "expected digits with an optional sign, a decimal comma or point, and groups",
            hint="write e.g. 97,5 or 1.000.000",
        )
    sign = -1 if raw.startswith("-") else 1
    body = raw.lstrip("+-")
    if body[-1] in ".,":
        raise _refuse(raw, "it ends with a separator", position=len(raw) - 1)
    readings: dict[str, str] = {}
    for fmt in _FORMATS:
        if number_format is not None and fmt != number_format:
            continue
        reading = _read_as(body, fmt)
        if reading is not None:
            readings[fmt] = reading
    if not readings:
        expected = {
            "vi": "Vietnamese format: decimal comma, dot groups of three (1.000.000,5)",
            "en": "English format: decimal point, comma groups of three (1,000,000.5)",
            None: "Vietnamese (1.000.000,5) or English (1,000,000.5) format",
        }[number_format]
        raise _refuse(raw, f"separators do not fit the {expected}")
    values = {_plain_fraction(r) for r in readings.values()}
    if len(values) > 1:
        vi, en = (_plain_fraction(readings[f]) for f in _FORMATS)
        msg = (
            f"{raw!r} is ambiguous: {to_decimal_string(vi)} in Vietnamese format "
            f"but {to_decimal_string(en)} in English format"
        )
        raise ParseError(
            msg,
            text=raw,
            position=0,
            hint="state the number format: number_format='vi' or 'en' (in a plan file too)",
        )
    return sign * values.pop()


def _plain_fraction(plain: str) -> Fraction:
    """The value of a plain decimal text (``97.5``) built from integers: no regex."""
    integer, _, fraction = plain.partition(".")
    return Fraction(int(integer + fraction), 10 ** len(fraction))


def _read_as(body: str, fmt: str) -> str | None:
    """The plain decimal text of ``body`` read in format ``fmt``, or None if it does not fit."""
    decimal_sep, group_sep = (",", ".") if fmt == "vi" else (".", ",")
    if body.count(decimal_sep) > 1:
        return None
    integer, _, fraction = body.partition(decimal_sep)
    if group_sep in fraction:
        return None
    if group_sep in integer:
        if not _is_grouped(integer, group_sep):
            return None
        integer = integer.replace(group_sep, "")
    if not integer.isdigit() or (fraction and not fraction.isdigit()):
        return None
    return f"{integer}.{fraction}" if fraction else integer


def to_fraction(value: object, *, what: str = "value") -> Fraction:
    """Convert a number given by a caller to an exact :class:`~fractions.Fraction`.

    ``int``, ``Fraction`` and ``Decimal`` are taken exactly; a ``float`` means its
    shortest decimal representation (``0.1`` is ``1/10``). Text in the canonical
    form (digits, at most one decimal point, like ``Decimal("12.345")``) is read
    as written; other text with :func:`parse_number`. ``bool``, NaN and
    infinities are refused.

    Raises:
        ParseError: The value is not a finite number.

    >>> to_fraction(0.1)
    Fraction(1, 10)
    """
    if isinstance(value, bool):
        msg = f"{what}={value!r} is a truth value, not a number"
        raise ParseError(
            msg, text=repr(value), hint="give a number, or use a flag rule ('is true')"
        )
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            msg = f"{what}={value!r} is not a finite number"
            raise ParseError(msg, text=repr(value), hint="NaN and infinities are refused")
        return Fraction(repr(value))
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            msg = f"{what}={value!r} is not a finite number"
            raise ParseError(msg, text=str(value), hint="NaN and infinities are refused")
        if abs(value.adjusted()) > 1000:
            raise _refuse(str(value), "its exponent is out of range", hint="write a smaller number")
        return Fraction(value)
    if isinstance(value, str):
        if _CANONICAL.fullmatch(value.strip()):
            return Fraction(value.strip())
        return parse_number(value)
    msg = f"{what}={value!r} must be a number (int, float, Decimal, Fraction or text)"
    raise ParseError(msg, text=repr(value))


def is_decimal(value: Fraction) -> bool:
    """Whether ``value`` has a finite decimal expansion (its denominator is 2^a·5^b)."""
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def to_decimal_string(value: Fraction) -> str:
    """The exact plain decimal text of ``value`` (``97.5``), or ``a/b`` if it has none.

    >>> to_decimal_string(Fraction(195, 2)), to_decimal_string(Fraction(2, 3))
    ('97.5', '2/3')
    """
    if value.denominator == 1:
        return str(value.numerator)
    if not is_decimal(value):
        return f"{value.numerator}/{value.denominator}"
    sign = "-" if value < 0 else ""
    value = abs(value)
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    digits = str(int(value * 10**places)).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def format_number(value: Fraction, *, locale: str = "vi", max_decimals: int = 2) -> str:
    """Format ``value`` for people, in the CLDR style of ``locale`` (Babel).

    Exact decimals with at most ``max_decimals`` places are shown exactly; others are
    rounded half-even and marked with ``≈``.

    >>> format_number(Fraction(3800019)), format_number(Fraction(195, 2), locale="en")
    ('3.800.019', '97.5')
    >>> format_number(Fraction(2, 3))
    '≈0,67'
    """
    scaled = value * 10**max_decimals
    approx = scaled.denominator != 1
    quantum = decimal.Decimal(1).scaleb(-max_decimals)
    with decimal.localcontext() as ctx:
        ctx.prec = max(len(str(abs(int(value)))) + max_decimals + 5, 28)
        exact = decimal.Decimal(value.numerator) / decimal.Decimal(value.denominator)
        shown = exact.quantize(quantum, rounding=decimal.ROUND_HALF_EVEN) if approx else exact
    symbols = _SYMBOLS.get(locale)
    if symbols is not None:  # Vietnamese or English: the CLDR symbols, without loading Babel
        text = _grouped(shown, *symbols)
    else:
        from babel.numbers import format_decimal  # noqa: PLC0415  (lazy: Babel costs start-up)

        pattern = "#,##0." + "#" * max_decimals if max_decimals else "#,##0"
        text = format_decimal(shown, format=pattern, locale=locale, decimal_quantization=True)
    return f"≈{text}" if approx else text


#: CLDR's decimal and group symbols of the locales thidua writes (``vi``, ``en``), so
#: that formatting their numbers does not load Babel's locale data (≈ 60 ms at start);
#: ``tests/test_numbers.py`` checks them against Babel, number by number.
_SYMBOLS = {"vi": (",", "."), "en": (".", ",")}


def _grouped(shown: decimal.Decimal, decimal_symbol: str, group_symbol: str) -> str:
    """``shown`` in the pattern ``#,##0.##``: groups of three, no trailing zeros."""
    sign = "-" if shown.is_signed() else ""  # a small negative shows "≈-0", as with Babel
    whole, _, fraction = f"{shown.copy_abs():f}".partition(".")  # exact, whatever the context
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole):,}".replace(",", group_symbol)
    return f"{sign}{grouped}{decimal_symbol}{fraction}" if fraction else f"{sign}{grouped}"


def to_share(value: object, *, what: str = "share") -> Fraction:
    """A share between 0 and 1, given as a fraction (``0.7``) or a percentage (``"70 %"``).

    Raises:
        ParseError: Not a number, or outside 0 … 1 (0 % … 100 %).

    >>> to_share("70%"), to_share(0.3)
    (Fraction(7, 10), Fraction(3, 10))
    """
    text = value.strip() if isinstance(value, str) else None
    if text is not None and text.endswith("%"):
        share = to_fraction(text[:-1].strip(), what=what) / 100
    else:
        share = to_fraction(value, what=what)
    if not 0 <= share <= 1:
        msg = f"{what}={value!r} must lie between 0 and 1 (or 0 % and 100 %)"
        raise ParseError(msg, text=str(value), hint="write e.g. 0.7 or 70 %")
    return share
