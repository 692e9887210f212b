"""Periods: parsing, bounds and the previous period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import ParseError, Period, PeriodKind, parse_period
from thidua.periods import MAX_YEAR, MIN_YEAR


@pytest.mark.parametrize(
    ("text", "start", "end", "previous"),
    [
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "2023"),
        ("2024-H1", dt.date(2024, 1, 1), dt.date(2024, 6, 30), "2023-H1"),
        ("2024-h2", dt.date(2024, 7, 1), dt.date(2024, 12, 31), "2023-H2"),
        ("2024-Q3", dt.date(2024, 7, 1), dt.date(2024, 9, 30), "2023-Q3"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "2023-02"),
        ("2023-02", dt.date(2023, 2, 1), dt.date(2023, 2, 28), "2022-02"),
    ],
)
def test_periods(text: str, start: dt.date, end: dt.date, previous: str) -> None:
    """Each period form has its first and last day, and the same period a year earlier."""
    period = parse_period(text)
    assert (period.start, period.end, str(period.previous())) == (start, end, previous)
    assert parse_period(str(period)) == period


@pytest.mark.parametrize(
    "text", ["24", "2024-H3", "2024-Q5", "2024-13", "2024-00", "năm 2024x", "", "2024/06"]
)
def test_bad_periods(text: str) -> None:
    """Malformed periods are ParseErrors that say which forms are accepted."""
    with pytest.raises(ParseError, match="cannot read period") as info:
        parse_period(text)
    assert "2024-H1" in (info.value.hint or "")


def test_containment_and_labels() -> None:
    """Sub-periods are contained in their year; documents' labels are produced."""
    year = Period(2024)
    assert parse_period("2024-Q3") in year
    assert dt.date(2024, 6, 10) in parse_period("2024-H1")
    assert parse_period("2023-Q3") not in year
    assert Period(2024, PeriodKind.QUARTER, 3).label() == "quý III/2024"
    assert Period(2024, PeriodKind.HALF, 1).label() == "6 tháng đầu năm 2024"
    assert parse_period(2024) == year


@given(
    st.integers(MIN_YEAR, MAX_YEAR),
    st.sampled_from([PeriodKind.YEAR, PeriodKind.HALF, PeriodKind.QUARTER, PeriodKind.MONTH]),
    st.data(),
)
def test_a_calendar_period_ends_the_day_before_the_next_one_starts(
    year: int, kind: PeriodKind, data: st.DataObject
) -> None:
    """The last day (computed with the calendar) is dateutil's start + months - 1 day."""
    index = data.draw(st.integers(1, 12 // kind.months))
    period = Period(year, kind, index)
    assert period.end == period.start + relativedelta(months=kind.months, days=-1)


@pytest.mark.parametrize(
    ("build", "code"),
    [
        (lambda: Period(MIN_YEAR - 1), "period.year_out_of_range"),
        (lambda: Period(MAX_YEAR + 1), "period.year_out_of_range"),
        (lambda: Period(MIN_YEAR).previous(), "period.year_out_of_range"),
        (lambda: Period(MIN_YEAR, PeriodKind.MONTH, 3).previous(), "period.year_out_of_range"),
        (
            lambda: Period.range(dt.date(MIN_YEAR, 1, 1), dt.date(MIN_YEAR, 3, 5)).previous(),
            "period.year_out_of_range",
        ),
        (
            lambda: Period.range(dt.date(1899, 12, 1), dt.date(1900, 1, 5)),
            "period.year_out_of_range",
        ),
        (
            lambda: Period.range(dt.date(2200, 12, 1), dt.date(2201, 1, 5)),
            "period.year_out_of_range",
        ),
        (lambda: Period.range(dt.date(1, 1, 1), dt.date(1, 1, 2)), "period.year_out_of_range"),
        (lambda: parse_period("0001"), "period.year_out_of_range"),
        (lambda: parse_period("9999-Q4"), "period.year_out_of_range"),
        (lambda: parse_period("9 tháng đầu năm 0000"), "period.year_out_of_range"),
        (lambda: parse_period("quý IV/2201"), "period.year_out_of_range"),
        (lambda: parse_period("0001-01-01..0001-02-01"), "date.out_of_range"),
        (lambda: parse_period("từ 01/01/9999 đến 10/6/9999"), "date.out_of_range"),
        (lambda: parse_period(1899), "period.year_out_of_range"),
        (lambda: thidua.parse_date("1/1/1899"), "date.out_of_range"),
        (lambda: thidua.parse_date("0000-01-01"), "date.out_of_range"),
        (lambda: thidua.parse_date("10/6", year=9999), "date.out_of_range"),
        (lambda: thidua.parse_date("10/6", year=0), "date.out_of_range"),
        (lambda: thidua.parse_date(dt.date(1, 1, 1)), "date.out_of_range"),
        (lambda: thidua.parse_date(dt.datetime(9999, 12, 31, 23, 0)), "date.out_of_range"),
    ],
)
def test_years_outside_1900_to_2200_are_refused(build: Callable[[], object], code: str) -> None:
    """Periods and dates lie in MIN_YEAR … MAX_YEAR; anything else is a clear ParseError."""
    with pytest.raises(ParseError) as info:
        build()
    assert info.value.code == code
    assert f"{MIN_YEAR}" in info.value.message("en")
    assert f"{MIN_YEAR}" in info.value.message("vi")


def test_the_edges_of_the_range_are_periods() -> None:
    """1900 and 2200 themselves are fine; 1901's previous period is 1900."""
    assert Period(MIN_YEAR + 1).previous() == Period(MIN_YEAR)
    assert parse_period(f"{MAX_YEAR}-12").end == dt.date(MAX_YEAR, 12, 31)
    assert thidua.parse_date(f"31/12/{MAX_YEAR}") == dt.date(MAX_YEAR, 12, 31)
    assert thidua.parse_date(f"1/1/{MIN_YEAR}") == dt.date(MIN_YEAR, 1, 1)


@pytest.mark.parametrize(
    ("build", "error", "code"),
    [
        (lambda: Period("2024"), thidua.ArgumentTypeError, "argument.type"),  # type: ignore[arg-type]
        (lambda: Period(2024, PeriodKind.MONTH, "6"), thidua.ArgumentTypeError, "argument.type"),  # type: ignore[arg-type]
        (
            lambda: Period.range("2024-01-01", dt.date(2024, 2, 1)),
            thidua.ArgumentTypeError,
            "argument.type",
        ),  # type: ignore[arg-type]
        (lambda: parse_period([2024]), thidua.ArgumentTypeError, "argument.type"),
        (lambda: thidua.parse_date(20240101), thidua.ArgumentTypeError, "argument.type"),
        (lambda: thidua.parse_date("10/6", year="2024"), thidua.ArgumentTypeError, "argument.type"),  # type: ignore[arg-type]
        (lambda: parse_period("2024" + " " * 200 + "x"), ParseError, "period.too_long"),
        (lambda: thidua.parse_date("1" * 101), ParseError, "date.too_long"),
        (lambda: parse_period("x" * 10**6), ParseError, "period.too_long"),
        (
            lambda: Period.range(dt.date(2024, 6, 1), dt.date(2024, 5, 1)),
            ParseError,
            "period.reversed_range",
        ),
        (lambda: Period(2024).split(PeriodKind.RANGE), thidua.UsageError, "usage.period_kind"),
    ],
)
def test_period_argument_errors(build: Callable[[], object], error: type, code: str) -> None:
    """Wrong types are ArgumentTypeErrors; over-long texts and reversed ranges ParseErrors."""
    with pytest.raises(error) as info:
        build()
    assert info.value.code == code  # type: ignore[attr-defined]


@given(st.dates(dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31)), st.integers(0, 400))
def test_computed_dates_stay_in_range_or_are_refused(start: dt.date, days: int) -> None:
    """Ranges, their previous periods and parts are within the years, or a clear error."""
    end = start + dt.timedelta(days=days)
    if end.year > MAX_YEAR:
        with pytest.raises(ParseError) as info:
            Period.range(start, end)
        assert info.value.code == "period.year_out_of_range"
        return
    period = Period.range(start, end)
    for part in (*period.children(), *period.split(PeriodKind.MONTH)):
        assert MIN_YEAR <= part.start.year <= part.end.year <= MAX_YEAR
    if start.year == MIN_YEAR:
        with pytest.raises(ParseError) as info:
            period.previous()
        assert info.value.code == "period.year_out_of_range"
    else:
        assert period.previous().start.year == start.year - 1
