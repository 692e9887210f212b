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
