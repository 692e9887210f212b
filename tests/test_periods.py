"""Periods: parsing, bounds and the previous period."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

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
