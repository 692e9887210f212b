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

from thidua._text import printable, safe_repr
from thidua.errors import ArgumentTypeError, ParseError, UsageError

__all__ = [
    "MAX_DIGITS",
    "MAX_EXACT_DIGITS",
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

#: Most digits the numerator or the denominator of a number given to thidua may
#: have (:func:`to_fraction`): a number text of :data:`MAX_NUMBER_LENGTH`
#: characters always fits.
MAX_DIGITS = 100

#: Most digits the numerator or the denominator of a :class:`~thidua.units.Quantity`
#: or a :class:`~thidua.units.Ratio` may have: room for exact arithmetic on given
#: numbers (products, sums of many) while every value stays cheap to compute with
#: and to print.
MAX_EXACT_DIGITS = 1000

_NUMBER = re.compile(r"[+-]?\d[\d.,]*+")
_CANONICAL = re.compile(r"[+-]?\d{1,100}+(?:\.\d{1,100}+)?+")
_FORMATS = ("vi", "en")
_EXAMPLE_HINT = "write e.g. 97,5 or 1.000.000"
_EXAMPLE_HINT_VI = "hãy viết ví dụ 97,5 hoặc 1.000.000"
#: Below this many bits an int prints with str() within Python's digit limit (4,300).
_STR_BITS = 14_000


def _shown(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters for a message (long input stays readable)."""
    return text if len(text) <= limit else text[:limit] + "…"


def _refuse(
    text: str,
    reason: str,
    *,
    vi: str,
    code: str,
    position: int = 0,
    hint: str = _EXAMPLE_HINT,
    hint_vi: str = _EXAMPLE_HINT_VI,
) -> ParseError:
    shown = _shown(text)
    return ParseError(
        f"cannot read {shown!r} as a number: {reason}",
        code=code,
        vi=f"không đọc được số {shown!r}: {vi}",
        hint=hint,
        hint_vi=hint_vi,
        text=shown,
        position=position,
    )


def check_number_format(number_format: object) -> NumberFormat:
    """``number_format`` if it is ``"vi"``, ``"en"`` or ``None``.

    Raises:
        UsageError: Any other value (code ``usage.number_format``).
    """
    if number_format is None or number_format in _FORMATS:
        return number_format  # type: ignore[return-value]
    shown = safe_repr(number_format, limit=60)
    msg = f"number_format={shown} must be 'vi', 'en' or None"
    raise UsageError(
        msg,
        code="usage.number_format",
        vi=f"cách viết số number_format={shown} không hợp lệ: chọn 'vi', 'en' hoặc None",
        hint="'vi' reads 1.000.000,5, 'en' reads 1,000,000.5",
        hint_vi="'vi' đọc 1.000.000,5, 'en' đọc 1,000,000.5; None nhận cả hai",
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

    Reading takes time linear in the length of the text, which is at most
    :data:`MAX_NUMBER_LENGTH` characters.

    Args:
        text: The number, e.g. ``"97,5"``, ``"1.000.000"``, ``"02"``, ``"-3.25"``.
        number_format: ``"vi"``, ``"en"`` or ``None`` (accept both where unambiguous).

    Returns:
        The exact value.

    Raises:
        ParseError: The text is not a number (``number.malformed``), is longer than
            :data:`MAX_NUMBER_LENGTH` characters (``number.too_long``), has
            separators that fit neither format (``number.separators``), or reads
            differently in Vietnamese and English while ``number_format`` is
            ``None`` (``number.ambiguous``).
        ArgumentTypeError: ``text`` is not a str.
        UsageError: ``number_format`` is not ``"vi"``, ``"en"`` or ``None``.

    >>> parse_number("97,5")
    Fraction(195, 2)
    >>> parse_number("1.000.000")
    Fraction(1000000, 1)
    >>> parse_number("12.345", number_format="en")
    Fraction(2469, 200)
    """
    check_number_format(number_format)
    if not isinstance(text, str):
        kind = type(text).__name__
        msg = f"number text must be a str, not {kind}"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"số cần đưa vào dưới dạng chữ (str), không phải kiểu {kind}",
            text=safe_repr(text, limit=40),
        )
    if len(text) > 4 * MAX_NUMBER_LENGTH:  # refused before any work on it
        raise _too_long(text)
    raw = unicodedata.normalize("NFC", text).strip()
    if len(raw) > MAX_NUMBER_LENGTH:
        raise _too_long(raw)
    if raw.isdigit() and raw.isascii():  # the common case: plain digits read the same anyway
        return Fraction(int(raw))
    if not _NUMBER.fullmatch(raw):
        raise _refuse(
            raw,
            "expected digits with an optional sign, a decimal comma or point, and groups",
            vi="số chỉ gồm chữ số, có thể có dấu + hoặc - ở đầu, dấu thập phân (phẩy hoặc chấm)"
            " và dấu phân cách hàng nghìn",
            code="number.malformed",
        )
    sign = -1 if raw.startswith("-") else 1
    body = raw.lstrip("+-")
    if body[-1] in ".,":
        raise _refuse(
            raw,
            "it ends with a separator",
            vi="số kết thúc bằng dấu chấm hoặc dấu phẩy",
            code="number.malformed",
            position=len(raw) - 1,
            hint="delete the last dot or comma, or add the digits after it",
            hint_vi="hãy xóa dấu chấm hoặc dấu phẩy cuối, hoặc viết thêm chữ số sau nó",
        )
    readings: dict[str, str] = {}
    for fmt in _FORMATS:
        if number_format is not None and fmt != number_format:
            continue
        reading = _read_as(body, fmt)
        if reading is not None:
            readings[fmt] = reading
    if not readings:
        expected, expected_vi = {
            "vi": (
                "Vietnamese format: decimal comma, dot groups of three (1.000.000,5)",
                "cách viết Việt Nam: dấu phẩy thập phân, nhóm ba chữ số cách bằng dấu chấm"
                " (1.000.000,5)",
            ),
            "en": (
                "English format: decimal point, comma groups of three (1,000,000.5)",
                "cách viết tiếng Anh: dấu chấm thập phân, nhóm ba chữ số cách bằng dấu phẩy"
                " (1,000,000.5)",
            ),
            None: (
                "Vietnamese (1.000.000,5) or English (1,000,000.5) format",
                "cách viết Việt Nam (1.000.000,5) hay tiếng Anh (1,000,000.5)",
            ),
        }[number_format]
        raise _refuse(
            raw,
            f"separators do not fit the {expected}",
            vi=f"dấu chấm, dấu phẩy không đúng {expected_vi}",
            code="number.separators",
        )
    values = {_plain_fraction(r) for r in readings.values()}
    if len(values) > 1:
        vi, en = (to_decimal_string(_plain_fraction(readings[f])) for f in _FORMATS)
        msg = f"{raw!r} is ambiguous: {vi} in Vietnamese format but {en} in English format"
        # in the Vietnamese message both readings use the decimal comma, without groups
        vi_shown, en_shown = vi.replace(".", ","), en.replace(".", ",")
        raise ParseError(
            msg,
            code="number.ambiguous",
            vi=(
                f"số {raw!r} có hai cách hiểu: là {vi_shown} theo cách viết Việt Nam"
                f" nhưng là {en_shown} theo cách viết tiếng Anh"
            ),
            hint="state the number format: number_format='vi' or 'en' (in a plan file too)",
            hint_vi="hãy khai báo cách viết số: number_format = 'vi' hoặc 'en' (cả trong tệp"
            " kế hoạch)",
            text=raw,
            position=0,
        )
    return sign * values.pop()


def _too_long(text: str) -> ParseError:
    return _refuse(
        text,
        f"longer than {MAX_NUMBER_LENGTH} characters",
        vi=f"dài quá {MAX_NUMBER_LENGTH} ký tự",
        code="number.too_long",
        position=MAX_NUMBER_LENGTH,
        hint="write a shorter number",
        hint_vi="hãy viết số ngắn hơn",
    )


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


def _digits_over(value: Fraction, max_digits: int) -> bool:
    """Whether the numerator or the denominator of ``value`` has more than ``max_digits``."""
    limit: int = _POWERS.get(max_digits) or 10**max_digits
    return abs(value.numerator) >= limit or value.denominator >= limit


_POWERS: dict[int, int] = {MAX_DIGITS: 10**MAX_DIGITS, MAX_EXACT_DIGITS: 10**MAX_EXACT_DIGITS}


#: How the Vietnamese messages name the numbers callers give (``what=``).
_WHAT_VI = {
    "value": "giá trị",
    "share": "tỷ lệ",
    "points": "số điểm",
    "score": "số điểm",
    "quota": "tỷ lệ tối đa",
    "magnitude": "số",
    "women_share": "tỷ lệ nữ",
    "flag_exceeded_share": "tỷ lệ chỉ tiêu vượt mức",
}


def _what_vi(what: str) -> str:
    """``what`` as a Vietnamese message names it (``women_share`` is "tỷ lệ nữ")."""
    return _WHAT_VI.get(what, what)


def _not_a_number(
    what: str,
    value: object,
    reason: str,
    reason_vi: str,
    *,
    hint: str | None = None,
    hint_vi: str | None = None,
) -> ParseError:
    shown = safe_repr(value, limit=40)
    return ParseError(
        f"{what}={shown} {reason}",
        code="number.not_a_number",
        vi=f"{_what_vi(what)} {shown} {reason_vi}",
        hint=hint,
        hint_vi=hint_vi,
        text=shown,
    )


def to_fraction(value: object, *, what: str = "value", max_digits: int = MAX_DIGITS) -> Fraction:
    """Convert a number given by a caller to an exact :class:`~fractions.Fraction`.

    ``int``, ``Fraction`` and ``Decimal`` are taken exactly; a ``float`` means its
    shortest decimal representation (``0.1`` is ``1/10``). Text in the canonical
    form (digits, at most one decimal point, like ``Decimal("12.345")``) is read
    as written; other text with :func:`parse_number`. ``bool``, NaN and
    infinities are refused, and so is a number whose numerator or denominator
    has more than ``max_digits`` digits (:data:`MAX_DIGITS` by default), so that
    nothing computed from it can grow out of bounds.

    Args:
        value: The number.
        what: What it is, to name it in messages (``"points"``).
        max_digits: The most digits its numerator and its denominator may have.

    Raises:
        ParseError: The value is not a finite number (``number.not_a_number``,
            ``number.not_finite``), its text cannot be read (see
            :func:`parse_number`), or it has too many digits (``number.too_long``).

    >>> to_fraction(0.1)
    Fraction(1, 10)
    """
    if isinstance(value, bool):
        raise _not_a_number(
            what,
            value,
            "is a truth value, not a number",
            "là đạt/không đạt (True/False), không phải một số",
            hint="give a number, or use a flag rule ('is true')",
            hint_vi="hãy cho một số, hoặc dùng mức yêu cầu đạt/không đạt ('is true')",
        )
    if isinstance(value, Fraction):
        number = value
    elif isinstance(value, int):
        number = Fraction(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _not_finite(what, value)
        number = Fraction(repr(value))
    elif isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise _not_finite(what, value)
        sign_digits_exponent = value.as_tuple()
        exponent = int(sign_digits_exponent.exponent)
        if len(sign_digits_exponent.digits) + abs(exponent) > 2 * max_digits + 2:
            raise _too_many_digits(what, value, max_digits)  # before building a huge int
        number = Fraction(value)
    elif isinstance(value, str):
        text = value.strip()
        if len(text) <= MAX_NUMBER_LENGTH and _CANONICAL.fullmatch(text):
            number = Fraction(text)
        else:
            number = parse_number(value)
    else:
        raise _not_a_number(
            what,
            value,
            "must be a number (int, float, Decimal, Fraction or text)",
            "phải là một số (int, float, Decimal, Fraction hoặc chữ số dạng str)",
        )
    if _digits_over(number, max_digits):
        raise _too_many_digits(what, value, max_digits)
    return number


def _not_finite(what: str, value: object) -> ParseError:
    shown = safe_repr(value, limit=60)
    return ParseError(
        f"{what}={shown} is not a finite number",
        code="number.not_finite",
        vi=f"{_what_vi(what)} {shown} không phải là một số hữu hạn",
        hint="NaN and infinities are refused",
        hint_vi="hãy cho một số cụ thể: không nhận NaN và vô cực",
        text=shown,
    )


def _too_many_digits(what: str, value: object, max_digits: int) -> ParseError:
    shown = printable(_shown(safe_repr(value)))
    shown_vi = re.sub(r"<\w+ of about (\d+) digits>", r"(khoảng \1 chữ số)", shown)
    return ParseError(
        f"{what}={shown} has more than {max_digits} digits in its numerator or denominator",
        code="number.too_long",
        vi=f"{_what_vi(what)} {shown_vi} có quá {max_digits} chữ số (ở tử số hoặc mẫu số)",
        hint="give a number as people write it in a plan",
        hint_vi="hãy cho một số có độ dài bình thường, như số viết trong kế hoạch",
        text=shown,
    )


def _twos_and_fives(denominator: int) -> tuple[int, int, int]:
    """``(a, b, rest)`` with ``denominator == 2**a * 5**b * rest``, in few big divisions."""
    twos = (denominator & -denominator).bit_length() - 1
    rest = denominator >> twos
    fives = 0
    powers = [5]  # 5, 5**2, 5**4, 5**8, ...: each divides out at most once, from the largest
    while powers[-1] * powers[-1] <= rest:
        powers.append(powers[-1] * powers[-1])
    for exponent in range(len(powers) - 1, -1, -1):
        quotient, remainder = divmod(rest, powers[exponent])
        if remainder == 0:
            rest = quotient
            fives += 1 << exponent
    return twos, fives, rest


def _int_text(number: int) -> str:
    """The decimal digits of ``number``, whatever its size (beyond ``str()``'s 4,300 digits)."""
    if number.bit_length() < _STR_BITS:
        return str(number)
    return f"{decimal.Decimal(number):f}"  # exact, and not bound by the int→str limit


def is_decimal(value: Fraction) -> bool:
    """Whether ``value`` has a finite decimal expansion (its denominator is 2^a·5^b)."""
    return _twos_and_fives(value.denominator)[2] == 1


def to_decimal_string(value: Fraction) -> str:
    """The exact plain decimal text of ``value`` (``97.5``), or ``a/b`` if it has none.

    It takes time about linear in the number of digits, whatever their number.

    >>> to_decimal_string(Fraction(195, 2)), to_decimal_string(Fraction(2, 3))
    ('97.5', '2/3')
    """
    if value.denominator == 1:
        return _int_text(value.numerator)
    twos, fives, rest = _twos_and_fives(value.denominator)
    if rest != 1:
        return f"{_int_text(value.numerator)}/{_int_text(value.denominator)}"
    sign = "-" if value < 0 else ""
    places = max(twos, fives)  # 10**places / denominator == 2**(places-twos) * 5**(places-fives)
    scaled = abs(value.numerator) * 2 ** (places - twos) * 5 ** (places - fives)
    digits = _int_text(scaled).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def format_number(value: Fraction, *, locale: str = "vi", max_decimals: int = 2) -> str:
    """Format ``value`` for people, in the CLDR style of ``locale`` (Babel).

    Exact decimals with at most ``max_decimals`` places are shown exactly; others are
    rounded half-even and marked with ``≈``. Any size of number is shown in full.

    >>> format_number(Fraction(3800019)), format_number(Fraction(195, 2), locale="en")
    ('3.800.019', '97.5')
    >>> format_number(Fraction(2, 3))
    '≈0,67'

    Raises:
        ArgumentTypeError: ``value`` is not an int or a Fraction, or ``locale`` is
            not text (code ``argument.type``).
        UsageError: ``max_decimals`` is not a whole number from 0 to 1000
            (``usage.max_decimals``), or ``locale`` is not a locale
            (``usage.locale``).
    """
    _check_format_arguments(value, locale, max_decimals)
    if value.denominator == 1 and -1000 < value.numerator < 1000 and locale in _SYMBOLS:
        return str(value.numerator)  # a small whole number: no grouping, no decimals
    scaled = value * 10**max_decimals
    approx = scaled.denominator != 1
    quantum = decimal.Decimal(1).scaleb(-max_decimals)
    whole_digits = (abs(value.numerator) // value.denominator).bit_length() * 30103 // 100000 + 1
    with decimal.localcontext() as ctx:
        ctx.prec = max(whole_digits + max_decimals + 5, 28)
        exact = decimal.Decimal(value.numerator) / decimal.Decimal(value.denominator)
        shown = exact.quantize(quantum, rounding=decimal.ROUND_HALF_EVEN) if approx else exact
    symbols = _SYMBOLS.get(locale)
    if symbols is not None:  # Vietnamese or English: the CLDR symbols, without loading Babel
        text = _grouped(shown, *symbols)
    else:
        from babel.core import UnknownLocaleError  # noqa: PLC0415  (lazy: Babel costs start-up)
        from babel.numbers import format_decimal  # noqa: PLC0415

        pattern = "#,##0." + "#" * max_decimals if max_decimals else "#,##0"
        try:
            with decimal.localcontext() as ctx:  # Babel rounds in the current context
                ctx.prec = max(whole_digits + max_decimals + 5, 28)
                text = format_decimal(
                    shown, format=pattern, locale=locale, decimal_quantization=True
                )
        except (UnknownLocaleError, ValueError):  # no locale Babel knows, or no locale name at all
            shown_locale = safe_repr(locale, limit=60)
            msg = f"locale={shown_locale} is not a locale"
            raise UsageError(
                msg,
                code="usage.locale",
                vi=f"locale={shown_locale} không phải là một ngôn ngữ (locale) đã biết",
                hint="write e.g. 'vi' or 'en'",
                hint_vi="hãy viết ví dụ 'vi' hoặc 'en'",
            ) from None
    return f"≈{text}" if approx else text


def _check_format_arguments(value: object, locale: object, max_decimals: object) -> None:
    """Refuse arguments :func:`format_number` cannot work with."""
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        given = printable(type(value).__name__)
        msg = f"value= must be an exact number (int or Fraction), not {given}"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"tham số value= phải là một số chính xác (int hoặc Fraction), không phải {given}",
        )
    if not isinstance(locale, str):
        given = printable(type(locale).__name__)
        msg = f"locale= must be text such as 'vi', not {given}"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"tham số locale= phải là chữ, ví dụ 'vi', không phải {given}",
        )
    if (
        isinstance(max_decimals, bool)
        or not isinstance(max_decimals, int)
        or not 0 <= max_decimals <= MAX_EXACT_DIGITS
    ):
        shown = safe_repr(max_decimals, limit=60)
        msg = f"max_decimals={shown} must be a whole number from 0 to {MAX_EXACT_DIGITS}"
        raise UsageError(
            msg,
            code="usage.max_decimals",
            vi=f"số chữ số thập phân max_decimals={shown} phải là số nguyên từ 0 đến "
            f"{MAX_EXACT_DIGITS}",
        )


#: CLDR's decimal and group symbols of the locales thidua writes (``vi``, ``en``), so
#: that formatting their numbers does not load Babel's locale data (≈ 60 ms at start);
#: ``tests/test_numbers.py`` checks them against Babel, number by number.
_SYMBOLS = {"vi": (",", "."), "en": (".", ",")}


def _grouped(shown: decimal.Decimal, decimal_symbol: str, group_symbol: str) -> str:
    """``shown`` in the pattern ``#,##0.##``: groups of three, no trailing zeros."""
    sign = "-" if shown.is_signed() else ""  # a small negative shows "≈-0", as with Babel
    whole, _, fraction = f"{shown.copy_abs():f}".partition(".")  # exact, whatever the context
    fraction = fraction.rstrip("0")
    whole = whole.lstrip("0") or "0"
    head = len(whole) % 3 or 3  # groups by slicing: no int(), so no int→str digit limit
    groups = [whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))]
    grouped = group_symbol.join(groups)
    return f"{sign}{grouped}{decimal_symbol}{fraction}" if fraction else f"{sign}{grouped}"


def to_share(value: object, *, what: str = "share") -> Fraction:
    """A share between 0 and 1, given as a fraction (``0.7``) or a percentage (``"70 %"``).

    Raises:
        ParseError: Not a number (see :func:`to_fraction`), or outside 0 … 1
            (0 % … 100 %: ``number.not_a_share``).

    >>> to_share("70%"), to_share(0.3)
    (Fraction(7, 10), Fraction(3, 10))
    """
    text = value.strip() if isinstance(value, str) else None
    if text is not None and text.endswith("%"):
        share = to_fraction(text[:-1].strip(), what=what) / 100
    else:
        share = to_fraction(value, what=what)
    if not 0 <= share <= 1:
        shown = safe_repr(value, limit=40)
        msg = f"{what}={shown} must lie between 0 and 1 (or 0 % and 100 %)"
        raise ParseError(
            msg,
            code="number.not_a_share",
            vi=f"{_what_vi(what)} {shown} phải nằm trong khoảng từ 0 đến 1 (tức từ 0 % đến 100 %)",
            hint="write e.g. 0.7 or 70 %",
            hint_vi="hãy viết ví dụ 0,7 hoặc 70 %",
            text=shown,
        )
    return share
