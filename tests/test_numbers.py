"""Exact numbers written the Vietnamese or the English way."""

from __future__ import annotations

import decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua import ParseError, UsageError, format_number, parse_number
from thidua.numbers import to_decimal_string, to_fraction


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("97,5", Fraction(195, 2)),
        ("1.000.000", Fraction(1000000)),
        ("1.000.000,5", Fraction(2000001, 2)),
        ("1,000,000.5", Fraction(2000001, 2)),
        ("02", Fraction(2)),
        ("97.5", Fraction(195, 2)),
        ("0.125", Fraction(1, 8)),
        ("-3,25", Fraction(-13, 4)),
        ("+7", Fraction(7)),
        ("3800019", Fraction(3800019)),
        (" 42 ", Fraction(42)),
    ],
)
def test_reads_numbers_exactly(text: str, value: Fraction) -> None:
    """Vietnamese and unambiguous English numbers are read exactly."""
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [("12.345", 12345, Fraction("12.345")), ("1,234", Fraction("1.234"), 1234)],
)
def test_ambiguous_numbers_need_a_format(text: str, vi: Fraction, en: Fraction) -> None:
    """A number that reads differently in the two formats is refused unless the format is stated."""
    with pytest.raises(ParseError, match="ambiguous") as info:
        parse_number(text)
    assert "number_format" in (info.value.hint or "")
    assert parse_number(text, number_format="vi") == vi
    assert parse_number(text, number_format="en") == en


@pytest.mark.parametrize(
    "text",
    ["", "abc", "1,2,3,4", "1.2.3", "12,", "1 000", "nan", "inf", "1e5", "--1", "1.000,00.0"],
)
def test_refuses_what_is_not_a_number(text: str) -> None:
    """Text that is not a decimal number is a ParseError naming it."""
    with pytest.raises(ParseError, match="cannot read"):
        parse_number(text)


def test_refuses_a_format_mismatch() -> None:
    """A stated format is enforced."""
    with pytest.raises(ParseError, match="Vietnamese format"):
        parse_number("97.5", number_format="vi")
    with pytest.raises(UsageError, match="must be 'vi', 'en' or None") as info:
        parse_number("1", number_format="fr")  # type: ignore[arg-type]
    assert info.value.code == "usage.number_format"
    assert "chọn 'vi', 'en' hoặc None" in info.value.message("vi")


def test_refuses_overlong_numbers() -> None:
    """Numbers longer than the limit are refused, not computed."""
    with pytest.raises(ParseError, match="longer than 100"):
        parse_number("9" * 1000)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.1, Fraction(1, 10)),
        (57, Fraction(57)),
        (decimal.Decimal("97.5"), Fraction(195, 2)),
        (Fraction(1, 3), Fraction(1, 3)),
        ("97,5", Fraction(195, 2)),
    ],
)
def test_caller_numbers_are_exact(value: object, expected: Fraction) -> None:
    """Floats mean their shortest decimal; ints, Decimals and Fractions are exact."""
    assert to_fraction(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        float("nan"),
        float("inf"),
        decimal.Decimal("NaN"),
        decimal.Decimal("-Infinity"),
        True,
        None,
        [1],
    ],
)
def test_caller_non_numbers_are_refused(value: object) -> None:
    """NaN, infinities, bools and other objects are ParseErrors."""
    with pytest.raises(ParseError):
        to_fraction(value)


def test_decimal_strings() -> None:
    """Exact decimals print exactly; other fractions as a/b."""
    assert to_decimal_string(Fraction(195, 2)) == "97.5"
    assert to_decimal_string(Fraction(-1, 8)) == "-0.125"
    assert to_decimal_string(Fraction(2, 3)) == "2/3"


def test_formats_in_the_vietnamese_locale() -> None:
    """CLDR Vietnamese: decimal comma and dot groups; inexact values marked ≈."""
    assert format_number(Fraction(3800019)) == "3.800.019"
    assert format_number(Fraction(195, 2)) == "97,5"
    assert format_number(Fraction(195, 2), locale="en") == "97.5"
    assert format_number(Fraction(148, 150) * 100) == "≈98,67"


@given(
    st.fractions(max_denominator=10**4).filter(lambda v: abs(v) < 10**15),
    st.sampled_from(["vi", "en"]),
    st.integers(0, 4),
)
def test_vi_and_en_are_formatted_as_babel_formats_them(
    value: Fraction, locale: str, max_decimals: int
) -> None:
    """The built-in symbols for vi and en (no Babel at start-up) agree with Babel's CLDR data."""
    from babel.numbers import format_decimal

    approx = (value * 10**max_decimals).denominator != 1
    exact = decimal.Decimal(value.numerator) / decimal.Decimal(value.denominator)
    quantum = decimal.Decimal(1).scaleb(-max_decimals)
    shown = exact.quantize(quantum, rounding=decimal.ROUND_HALF_EVEN) if approx else exact
    pattern = "#,##0." + "#" * max_decimals if max_decimals else "#,##0"
    expected = format_decimal(shown, format=pattern, locale=locale, decimal_quantization=True)
    assert format_number(value, locale=locale, max_decimals=max_decimals) == (
        f"≈{expected}" if approx else expected
    )


def test_other_locales_go_through_babel() -> None:
    """A locale without built-in symbols is formatted by Babel (here German)."""
    assert format_number(Fraction(3800019, 2), locale="de") == "1.900.009,5"
    assert format_number(Fraction(3800019, 2), locale="fr") == "1\u202f900\u202f009,5"


def test_huge_numbers_are_formatted_exactly() -> None:
    """Beyond Decimal's default 28 digits (where Babel's own rounding gives up)."""
    assert format_number(Fraction(10**30 + 1, 2)) == "500.000.000.000.000.000.000.000.000.000,5"


@pytest.mark.parametrize(
    "value",
    [
        10**100,
        -(10**100),
        Fraction(1, 10**100),
        Fraction(10**150, 3),
        decimal.Decimal("1E+100"),
        decimal.Decimal("1E-999999999"),
        decimal.Decimal("9" * 101),
        1e300,
        5e-324,
    ],
    ids=[
        "int",
        "negative",
        "tiny",
        "fraction",
        "exponent",
        "tiny exponent",
        "digits",
        "big float",
        "tiny float",
    ],
)
def test_numbers_given_from_python_have_at_most_100_digits(value: object) -> None:
    """A numerator or denominator of more than MAX_DIGITS digits is refused, not computed with."""
    from thidua.numbers import MAX_DIGITS

    with pytest.raises(ParseError, match=f"more than {MAX_DIGITS} digits") as info:
        to_fraction(value)
    assert info.value.code == "number.too_long"
    assert f"có quá {MAX_DIGITS} chữ số" in info.value.message("vi")
    assert len(info.value.message("en")) < 300  # a huge number is described, not printed


def test_numbers_just_within_the_cap_are_exact() -> None:
    """99 nines, a denominator of 10**99 and every number text of 100 characters are accepted."""
    assert to_fraction(10**100 - 1) == 10**100 - 1
    assert to_fraction(Fraction(1, 10**99)) == Fraction(1, 10**99)
    assert to_fraction(decimal.Decimal("1E+99")) == 10**99
    assert parse_number("9" * 100) == 10**100 - 1
    assert parse_number("0," + "0" * 97 + "1") == Fraction(1, 10**98)


def test_quantities_leave_room_for_arithmetic_but_are_capped() -> None:
    """Quantities and ratios take up to MAX_EXACT_DIGITS digits; more is number.too_long."""
    from thidua import Quantity, ratio
    from thidua.numbers import MAX_EXACT_DIGITS

    product = Fraction(10**99) * Fraction(10**99 + 1)  # a target computed from two given numbers
    assert Quantity(product).magnitude == product
    assert str(Quantity(product)) == str(10**99 * (10**99 + 1))
    for build in (lambda: Quantity(10**MAX_EXACT_DIGITS), lambda: ratio(1, 10**MAX_EXACT_DIGITS)):
        with pytest.raises(ParseError, match=f"more than {MAX_EXACT_DIGITS} digits") as info:
            build()
        assert info.value.code == "number.too_long"


def test_every_readable_number_prints() -> None:
    """The longest texts parse_number reads print with to_decimal_string, format_number and str()."""
    from thidua import Quantity

    for text in ("9" * 100, "-" + "9" * 99, "0," + "0" * 97 + "1", "9" * 60 + "," + "9" * 39):
        value = parse_number(text, number_format="vi")
        assert Fraction(decimal.Decimal(to_decimal_string(value))) == value
        assert format_number(value)
        assert str(Quantity(value, "percent")).endswith(" %")


@pytest.mark.parametrize("value", [None, [1], object(), "1/3"])
def test_non_numbers_name_their_code(value: object) -> None:
    """Objects that are not numbers are number.not_a_number; unreadable text number.malformed."""
    with pytest.raises(ParseError) as info:
        to_fraction(value)
    assert info.value.code == (
        "number.malformed" if isinstance(value, str) else "number.not_a_number"
    )


def test_parse_number_wants_text() -> None:
    """A non-str is an ArgumentTypeError (a TypeError), not a ParseError."""
    from thidua import ArgumentTypeError

    with pytest.raises(ArgumentTypeError, match="must be a str, not int") as info:
        parse_number(5)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert not isinstance(info.value, ParseError)


def test_share_out_of_range() -> None:
    """A share beyond 0 … 1 is number.not_a_share, in both languages."""
    from thidua.numbers import to_share

    with pytest.raises(ParseError) as info:
        to_share("170%")
    assert info.value.code == "number.not_a_share"
    assert "phải nằm trong khoảng từ 0 đến 1" in info.value.message("vi")
