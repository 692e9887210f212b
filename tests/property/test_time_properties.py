"""Properties of periods, roll-ups and in-year evaluation."""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

from thidua import (
    Dataset,
    Indicator,
    Observation,
    Period,
    PeriodKind,
    Status,
    evaluate,
    parse_period,
)

from ..builders import plan_of as _plan

KINDS = [PeriodKind.YEAR, PeriodKind.HALF, PeriodKind.QUARTER, PeriodKind.MONTH]


@st.composite
def calendar_periods(draw: st.DrawFn) -> Period:
    """Years, halves, quarters and months, leap years included."""
    kind = draw(st.sampled_from(KINDS))
    return Period(draw(st.integers(1901, 2099)), kind, draw(st.integers(1, 12 // kind.months)))


@st.composite
def ranges(draw: st.DrawFn) -> Period:
    """Explicit ranges of days (within two years)."""
    start = draw(st.dates(dt.date(1901, 1, 1), dt.date(2098, 12, 31)))
    return Period.range(start, start + dt.timedelta(days=draw(st.integers(0, 730))))


periods = calendar_periods() | ranges()


def _leaves(period: Period) -> list[Period]:
    children = period.children()
    return [period] if not children else [leaf for c in children for leaf in _leaves(c)]


@given(periods)
def test_parts_partition_the_period(period: Period) -> None:
    """Children (and their children) tile the parent: no day lost or counted twice."""
    for parts in (list(period.children()), _leaves(period)):
        if not parts:
            continue
        assert parts[0].start == period.start
        assert parts[-1].end == period.end
        for a, b in itertools.pairwise(parts):
            assert b.start == a.end + dt.timedelta(days=1)
        assert sum(p.days for p in parts) == period.days


@given(calendar_periods())
def test_split_into_months_partitions_calendar_periods(period: Period) -> None:
    """A calendar period is exactly its months."""
    months = period.split(PeriodKind.MONTH)
    assert sum(m.days for m in months) == period.days
    assert all(m in period for m in months)


@given(calendar_periods(), calendar_periods())
def test_previous_is_an_injective_shift_by_one_year(a: Period, b: Period) -> None:
    """previous() shifts by exactly one year, and different periods stay different."""
    pa = a.previous()
    assert (pa.kind, pa.index, pa.year) == (a.kind, a.index, a.year - 1)
    assert pa.start.replace(year=pa.start.year + 1) == a.start
    assert (pa == b.previous()) == (a == b)


@given(calendar_periods())
def test_previous_commutes_with_splitting(period: Period) -> None:
    """The previous period's parts are the parts' previous periods."""
    assert period.previous().children() == tuple(c.previous() for c in period.children())
    assert period.previous().split(PeriodKind.MONTH) == tuple(
        m.previous() for m in period.split(PeriodKind.MONTH)
    )


@given(periods)
def test_periods_print_and_read_back(period: Period) -> None:
    """str() of a period reads back as the same period."""
    assert parse_period(str(period)) == period


# ----------------------------------------------------------------- roll-ups

SUM = Indicator("N", "Cơ sở mới", unit="establishment", rule=">= 10", aggregation="sum")
ZERO = Indicator("Z", "Trọng án", unit="case", rule="== 0", aggregation="sum")
AT_MOST = Indicator("M", "Vụ", unit="case", rule="<= 12", aggregation="sum")


@st.composite
def partitions(draw: st.DrawFn, period: Period) -> list[Period]:
    """A random tiling of ``period`` by calendar periods (coarse here, fine there)."""
    children = period.children()
    if not children or draw(st.booleans()):
        return [period]
    return [p for c in children for p in draw(partitions(c))]


@given(st.lists(st.integers(0, 50), min_size=12, max_size=12), st.data())
def test_sum_over_any_partition_equals_sum_over_months(
    monthly: list[int], data: st.DataObject
) -> None:
    """Rolling up a sum over any tiling of the year gives the monthly roll-up."""
    year = Period(2024)
    months = year.split(PeriodKind.MONTH)
    by_month = dict(zip(months, monthly, strict=True))
    tiling = data.draw(partitions(year))
    coarse = [
        Observation("N", p, value=sum(v for m, v in by_month.items() if m in p)) for p in tiling
    ]
    fine = [Observation("N", m, value=v) for m, v in by_month.items()]
    a = evaluate(_plan(SUM), Dataset(coarse), "2024").results["N"]
    b = evaluate(_plan(SUM), Dataset(fine), "2024").results["N"]
    assert a.actual == b.actual
    assert a.status is b.status


@given(
    st.lists(st.integers(0, 3), min_size=12, max_size=12),
    st.integers(1, 11),
    st.integers(0, 12),
    st.sampled_from([SUM, ZERO, AT_MOST]),
)
def test_a_status_decided_as_of_a_date_never_changes(
    monthly: list[int], known_months: int, extra_months: int, indicator: Indicator
) -> None:
    """What is decided as of a date stays so when later data only adds other periods."""
    as_of = Period(2024, PeriodKind.MONTH, known_months).end
    months = Period(2024).split(PeriodKind.MONTH)
    early = [
        Observation(indicator.id, m, value=v)
        for m, v in zip(months[:known_months], monthly, strict=False)
    ]
    later = [
        Observation(indicator.id, m, value=v)
        for m, v in zip(
            months[known_months : known_months + extra_months], monthly[known_months:], strict=False
        )
    ]
    before = evaluate(_plan(indicator), Dataset(early), "2024", as_of=as_of).results[indicator.id]
    assume(before.status is not Status.NO_DATA)
    more = Dataset(early + later)
    for day in (
        as_of,
        Period(2024, PeriodKind.MONTH, min(12, known_months + extra_months)).end,
        None,
    ):
        after = evaluate(_plan(indicator), more, "2024", as_of=day).results[indicator.id]
        assert after.status is before.status


@given(st.integers(1, 10**6), calendar_periods())
def test_pro_rata_targets_add_up_to_the_target(target: int, period: Period) -> None:
    """The pro-rata targets of the months (as successive as-of outlooks) add up to the target."""
    assume(period.kind is not PeriodKind.MONTH)
    indicator = Indicator("N", "x", unit="establishment", rule=f">= {target}", aggregation="sum")
    months = period.split(PeriodKind.MONTH)
    data = Dataset([Observation("N", m, value=0) for m in months])
    shares = []
    for month in months[:-1]:
        outlook = evaluate(_plan(indicator), data, period, as_of=month.end).results["N"].outlook
        assert outlook is not None
        assert outlook.pro_rata is not None
        shares.append(outlook.pro_rata.magnitude)
    increments = [
        b - a for a, b in zip([Fraction(0), *shares], [*shares, Fraction(target)], strict=True)
    ]
    assert sum(increments) == target
    assert all(i * period.days == target * m.days for i, m in zip(increments, months, strict=True))
