"""Time: periods and dates as documents write them, roll-ups, in-year outlook, the calendar."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction

import attrs
import icalendar
import pytest

import thidua
from thidua import (
    Dataset,
    Indicator,
    IndicatorGroup,
    Observation,
    ParseError,
    Period,
    PeriodKind,
    Plan,
    Quantity,
    Status,
    evaluate,
    parse_date,
    parse_period,
)
from thidua.cli import main
from thidua.periods import MAX_YEAR, MIN_YEAR
from thidua.reporting import DeadlineStatus, deadlines, next_deadline, to_ics

from .builders import plan_of as _plan

A, N, D, X = Status.ACHIEVED, Status.NOT_ACHIEVED, Status.NO_DATA, Status.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024", "2024"),
        ("năm 2024", "2024"),
        ("Năm 2024", "2024"),
        ("2024-H1", "2024-H1"),
        ("H2/2024", "2024-H2"),
        ("6 tháng đầu năm 2024", "2024-H1"),
        ("sáu tháng cuối năm 2024", "2024-H2"),
        ("2024-Q3", "2024-Q3"),
        ("Q3/2024", "2024-Q3"),
        ("quý III/2024", "2024-Q3"),
        ("Quý IV năm 2024", "2024-Q4"),
        ("quý 1/2024", "2024-Q1"),
        ("2024-06", "2024-06"),
        ("06/2024", "2024-06"),
        ("tháng 6/2024", "2024-06"),
        ("tháng 06 năm 2024", "2024-06"),
        ("9 tháng đầu năm 2024", "2024-01-01..2024-09-30"),
        ("3 tháng đầu năm 2024", "2024-Q1"),
        ("2024-01-01..2024-06-10", "2024-01-01..2024-06-10"),
        ("từ 01/01/2024 đến 10/6/2024", "2024-01-01..2024-06-10"),
        ("Từ ngày 01/7/2024 đến ngày 31/12/2024", "2024-H2"),
    ],
)
def test_period_forms(text: str, expected: str) -> None:
    """Every short and document form of a period is read, and prints canonically."""
    period = parse_period(text)
    assert str(period) == expected
    assert parse_period(str(period)) == period


@pytest.mark.parametrize(
    "text",
    [
        "2024-H3",
        "Q5/2024",
        "quý V/2024",
        "tháng 13/2024",
        "13 tháng đầu năm 2024",
        "2024-02-30..2024-03-01",
        "từ 10/6/2024 đến 01/01/2024",
        "từ 31/02/2024 đến 10/3/2024",
        "mùa xuân 2024",
        "2024-06-10..",
        "",
    ],
)
def test_bad_period_forms(text: str) -> None:
    """Malformed periods are ParseErrors with the accepted forms in the hint."""
    with pytest.raises(ParseError, match="cannot read period"):
        parse_period(text)


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("ngày 11 tháng 01 năm 2024", None, dt.date(2024, 1, 11)),
        ("Ngày 02 tháng 6 năm 2020", None, dt.date(2020, 6, 2)),
        ("11/01/2024", None, dt.date(2024, 1, 11)),
        ("11.01.2024", None, dt.date(2024, 1, 11)),
        ("11-01-2024", None, dt.date(2024, 1, 11)),
        ("2024-01-11", None, dt.date(2024, 1, 11)),
        ("10/6", 2024, dt.date(2024, 6, 10)),
        ("05/10", 2024, dt.date(2024, 10, 5)),
        ("ngày 10 tháng 6", 2024, dt.date(2024, 6, 10)),
        ("29/02/2024", None, dt.date(2024, 2, 29)),
        ("10/6/2023", 2024, dt.date(2023, 6, 10)),
    ],
)
def test_date_forms(text: str, year: int | None, expected: dt.date) -> None:
    """Dates are read day first, in every form documents use."""
    assert parse_date(text, year=year) == expected


@pytest.mark.parametrize(
    ("text", "year", "message"),
    [
        ("31/02/2024", None, "31/02/2024 is not a day of the calendar"),
        ("29/02/2023", None, "29/02/2023 is not a day of the calendar"),
        ("10/6", None, "has no year"),
        ("ngày mười tháng sáu", 2024, "cannot read date"),
        ("2024/06/10", None, "cannot read date"),
        ("32/1/2024", None, "is not a day of the calendar"),
    ],
)
def test_bad_dates(text: str, year: int | None, message: str) -> None:
    """Invalid or unreadable dates are ParseErrors."""
    with pytest.raises(ParseError, match=message):
        parse_date(text, year=year)


def test_format_date_follows_decree_30() -> None:
    """Leading zeros for days below 10 and for months 1 and 2."""
    assert thidua.format_date(dt.date(2024, 1, 11)) == "ngày 11 tháng 01 năm 2024"
    assert thidua.format_date(dt.date(2024, 6, 5)) == "ngày 05 tháng 6 năm 2024"


def test_period_arithmetic() -> None:
    """Lengths, containment, sub-periods, ordering and leap years."""
    assert parse_period("2024").days == 366
    assert parse_period("2023").days == 365
    assert parse_period("2024-Q1").days == 91
    assert len(parse_period("2024-02")) == 29
    assert len(parse_period("2024").subperiods("month")) == 12
    assert parse_period("2024").subperiods() == (parse_period("2024-H1"), parse_period("2024-H2"))
    with pytest.raises(thidua.UsageError, match="kind='week'") as info:
        parse_period("2024").subperiods("week")
    assert info.value.code == "usage.period_kind"
    assert [str(p) for p in parse_period("2024").split(PeriodKind.QUARTER)] == [
        "2024-Q1",
        "2024-Q2",
        "2024-Q3",
        "2024-Q4",
    ]
    assert len(parse_period("2024-H1").split(PeriodKind.MONTH)) == 6
    assert parse_period("2024-02-29..2024-03-31").previous() == Period.range(
        dt.date(2023, 2, 28), dt.date(2023, 3, 31)
    )
    assert sorted([parse_period("2024-Q2"), parse_period("2024"), parse_period("2024-01")]) == [
        parse_period("2024-01"),
        parse_period("2024"),
        parse_period("2024-Q2"),
    ]
    assert parse_period("2024-06").overlaps(parse_period("2024-H1"))
    assert not parse_period("2024-07").overlaps(parse_period("2024-H1"))
    with pytest.raises(ParseError, match="before it starts"):
        Period.range(dt.date(2024, 6, 1), dt.date(2024, 5, 1))


# ----------------------------------------------------------------- roll-ups


NEW = Indicator("N", "Cơ sở mới", unit="establishment", rule=">= 10", aggregation="sum")
POOR = Indicator(
    "P", "Hộ nghèo", unit="household", rule="<= previous - 2 household", aggregation="last"
)
RATE = Indicator(
    "R", "Tỷ lệ giải quyết", unit="percent", rule="> 98 %", rate=True, aggregation="rate"
)
SCORE = Indicator("S", "Điểm", unit="point", rule=">= 80", aggregation="mean")
ZERO = Indicator("Z", "Trọng án", unit="case", rule="== 0", aggregation="sum")


def _monthly(
    indicator: str, values: list[object], *, year: int = 2024, kind: str = "actual"
) -> list[Observation]:
    return [
        Observation(indicator, f"{year}-{m:02d}", value=v, kind=kind)
        for m, v in enumerate(values, 1)
        if v is not None
    ]


def test_sum_rolls_up_months_and_says_what_it_used() -> None:
    """A year without its own figure is the sum of its months; the result lists them."""
    ev = evaluate(_plan(NEW), Dataset(_monthly("N", [1] * 12)), "2024")
    result = ev.results["N"]
    assert (result.status, result.actual) == (A, Quantity(12, "establishment"))
    assert result.rollup is not None
    assert [str(p) for p in result.rollup.periods] == [f"2024-{m:02d}" for m in range(1, 13)]
    assert len(result.observations) == 12
    assert "(cộng 12 kỳ)" in result.explanation.vi


def test_the_periods_own_figure_wins_and_coarser_figures_are_used() -> None:
    """The period's own observation is used when present; quarters stand in for their months."""
    obs = [Observation("N", "2024", value=11), *_monthly("N", [5] * 12)]
    assert evaluate(_plan(NEW), Dataset(obs), "2024").results["N"].actual == Quantity(
        11, "establishment"
    )
    mixed = [
        Observation("N", "2024-H1", value=4),
        Observation("N", "2024-Q3", value=3),
        *_monthly("N", [None] * 9 + [1, 1, 1]),
    ]
    result = evaluate(_plan(NEW), Dataset(mixed), "2024").results["N"]
    assert result.actual == Quantity(10, "establishment")
    assert [str(p) for p in result.rollup.periods] == [
        "2024-H1",
        "2024-Q3",
        "2024-10",
        "2024-11",
        "2024-12",
    ]  # type: ignore[union-attr]


def test_gaps_are_reported_never_zero() -> None:
    """A missing month is a gap: no data, unless the months present already decide."""
    few = _monthly("N", [1, 1, None, 1, 1, 1, 1, 1, 1, 1, 1, 1])
    result = evaluate(_plan(NEW), Dataset(few), "2024").results["N"]
    assert result.status is A  # 11 new establishments already meet >= 10
    too_few = _monthly("N", [0, 0, None, 1, 1, 1, 1, 1, 1, 1, 1, 1])
    result = evaluate(_plan(NEW), Dataset(too_few), "2024").results["N"]
    assert result.status is D
    assert [str(g) for g in result.rollup.gaps] == ["2024-03"]  # type: ignore[union-attr]
    assert "thiếu số liệu tháng 3/2024" in result.explanation.vi


def test_zero_tolerance_is_broken_by_one_month() -> None:
    """An incident in March breaks `== 0` for the year even with months missing."""
    result = evaluate(_plan(ZERO), Dataset(_monthly("Z", [0, 0, 1])), "2024").results["Z"]
    assert result.status is N


def test_last_takes_the_latest_figure() -> None:
    """A level takes its latest figure; gaps before it do not matter, gaps after it do."""
    data = Dataset(
        [
            Observation("P", "2023", value=45),
            Observation("P", "2024-Q1", value=45),
            Observation("P", "2024-Q4", value=42),
        ]
    )
    result = evaluate(_plan(POOR), data, "2024").results["P"]
    assert (result.status, result.actual) == (A, Quantity(42, "household"))
    assert "(số liệu quý IV/2024)" in result.explanation.vi
    early = Dataset([Observation("P", "2023", value=45), Observation("P", "2024-Q3", value=40)])
    result = evaluate(_plan(POOR), early, "2024").results["P"]
    assert result.status is D
    assert [str(g) for g in result.rollup.gaps] == ["2024-10", "2024-11", "2024-12"]  # type: ignore[union-attr]


def test_rates_are_recomputed_from_numerators_and_denominators() -> None:
    """A rate over months is Σ numerators / Σ denominators, exactly."""
    obs = [
        Observation("R", f"2024-{m:02d}", numerator=n, denominator=d)
        for m, (n, d) in enumerate([(10, 10)] * 11 + [(38, 40)], 1)
    ]
    result = evaluate(_plan(RATE), Dataset(obs), "2024").results["R"]
    assert result.actual == Quantity(Fraction(148, 150) * 100, "percent")
    assert result.status is A  # 148/150 ≈ 98.67 % > 98 %
    assert result.assessment.ratio == thidua.Ratio(148, 150)


def test_mean_is_weighted_by_days() -> None:
    """A mean over parts of different lengths weighs each by its days."""
    obs = [
        Observation("S", "2024-H1", value=70),
        Observation("S", "2024-Q3", value=90),
        Observation("S", "2024-Q4", value=90),
    ]
    result = evaluate(_plan(SCORE), Dataset(obs), "2024").results["S"]
    assert result.actual == Quantity(Fraction(70 * 182 + 90 * 184, 366), "point")


def test_aggregation_errors() -> None:
    """Yes/no values cannot be summed; rates need numerators; plans check their aggregation."""
    flags = Indicator("F", "Cờ", rule=">= 1", aggregation="sum")
    with pytest.raises(thidua.DataError, match="yes/no value cannot be added up"):
        evaluate(_plan(flags), Dataset(_monthly("F", [True, False])), "2024")
    with pytest.raises(thidua.DataError, match="rolled up from numerators and denominators"):
        evaluate(_plan(RATE), Dataset([Observation("R", "2024-01", value="99%")]), "2024")
    with pytest.raises(thidua.PlanError, match="needs rate = true"):
        _plan(Indicator("R", "x", unit="percent", rule="> 9 %", aggregation="rate"))
    with pytest.raises(thidua.PlanError, match="can only take its last value"):
        _plan(Indicator("F", "x", rule="is true", aggregation="sum"))
    with pytest.raises(thidua.PlanError, match="no figures of its own"):
        Plan(
            "p",
            "t",
            year=2024,
            groups=[
                IndicatorGroup(
                    "G",
                    "g",
                    indicators=[
                        Indicator(
                            "C",
                            "c",
                            combine="all",
                            aggregation="sum",
                            criteria=[Indicator("C1", "x", rule="is true")],
                        )
                    ],
                )
            ],
        )


# ----------------------------------------------------------------- in-year


def test_as_of_gives_status_so_far_and_outlook() -> None:
    """Before the period ends: decided statuses, pace against pro rata, projection."""
    data = Dataset(_monthly("N", [1, 1, 2, 1, 0]) + _monthly("Z", [0, 0, 1]))
    ev = evaluate(_plan(NEW, ZERO), data, "2024", as_of=dt.date(2024, 6, 10))
    n = ev.results["N"]
    assert n.status is D  # 5 so far, not yet 10
    assert n.outlook is not None
    assert n.outlook.so_far == Quantity(5, "establishment")
    assert n.outlook.through == dt.date(2024, 5, 31)
    assert n.outlook.elapsed == Fraction(152, 366)
    assert n.outlook.pro_rata == Quantity(Fraction(1520, 366), "establishment")
    assert n.outlook.pace is thidua.Pace.ON_TRACK
    assert n.outlook.projected == Quantity(Fraction(5 * 366, 152), "establishment")
    assert n.outlook.projected_status is A
    assert n.outlook.method == "linear"
    assert "theo nhịp độ hiện tại" in n.outlook.explanation.vi  # type: ignore[union-attr]
    z = ev.results["Z"]
    assert z.status is N  # broken in March: not achieved for the year
    assert "đã không đạt cho cả năm 2024" in z.explanation.vi
    assert ev.as_of == dt.date(2024, 6, 10)


def test_as_of_ignores_figures_of_periods_not_ended() -> None:
    """Figures for periods that had not ended by the as-of date are not used, and say so."""
    data = Dataset([*_monthly("N", [1] * 12), Observation("N", "2024", value=12)])
    ev = evaluate(_plan(NEW), data, "2024", as_of="30/04/2024")
    assert ev.results["N"].outlook.so_far == Quantity(4, "establishment")  # type: ignore[union-attr]
    reasons = {str(u.observation.period): u.reason for u in ev.unused}
    assert reasons["2024"] == "period 2024 had not ended by 2024-04-30"
    assert reasons["2024-05"] == "period 2024-05 had not ended by 2024-04-30"


def test_estimates_are_the_projection_when_given() -> None:
    """An estimate for the period (ước thực hiện cả năm) is the projection."""
    data = Dataset([*_monthly("N", [0, 0, 1]), Observation("N", "2024", value=11, kind="estimate")])
    outlook = evaluate(_plan(NEW), data, "2024", as_of="10/6/2024").results["N"].outlook
    assert outlook is not None
    assert (outlook.method, outlook.projected, outlook.projected_status) == (
        "estimate",
        Quantity(11, "establishment"),
        A,
    )
    assert outlook.pace is thidua.Pace.BEHIND  # 1 so far against ≈3.73 pro rata


def test_levels_are_judged_on_their_latest_value() -> None:
    """A level's outlook is its latest value, judged against the rule."""
    data = Dataset([Observation("P", "2023", value=45), Observation("P", "2024-Q1", value=44)])
    outlook = evaluate(_plan(POOR), data, "2024", as_of="10/6/2024").results["P"].outlook
    assert outlook is not None
    assert (outlook.method, outlook.projected, outlook.projected_status, outlook.pace) == (
        "latest",
        Quantity(44, "household"),
        N,
        thidua.Pace.BEHIND,
    )


def test_as_of_after_the_period_is_a_normal_evaluation() -> None:
    """As of a date after the period ended, nothing is in-year: no outlook."""
    ev = evaluate(_plan(NEW), Dataset(_monthly("N", [1] * 12)), "2024", as_of="2025-01-10")
    assert ev.results["N"].status is A
    assert ev.results["N"].outlook is None
    with pytest.raises(thidua.ThiduaError, match="is before the period 2024 starts"):
        evaluate(_plan(NEW), Dataset(), "2024", as_of="2023-12-31")


def test_seed_half_year_report_as_of_10_6() -> None:
    """The seed plan as of 10/6/2024 (sơ kết 6 tháng): monthly data through May."""
    ev = evaluate(
        thidua.examples.hoa_thuan_2024(),
        thidua.examples.hoa_thuan_2024_data(),
        "2024",
        as_of="10/6/2024",
    )
    kt10 = ev.results["KT10"]
    assert kt10.status is A  # 9 conscripts enlisted in February meet >= 9 for the year
    kt01 = ev.results["KT01"]
    assert kt01.outlook is not None
    assert kt01.outlook.through == dt.date(2024, 5, 31)
    assert kt01.outlook.so_far == Quantity(5, "establishment")
    assert ev.results["KT11b"].status is D
    assert ev.results["KT11b"].outlook.pace is thidua.Pace.ON_TRACK  # type: ignore[union-attr]


def test_cli_as_of_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--as-of adds each result's outlook (on_track or behind) with projected value and status."""
    assert (
        main(
            ["evaluate", "--example", "hoa-thuan-2024", "--as-of", "5/10/2024", "--format", "json"]
        )
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["as_of"] == "2024-10-05"
    kt01 = next(r for r in doc["results"] if r["indicator"] == "KT01")
    assert kt01["outlook"] == "on_track"
    assert doc["schema"] == "thidua/outlook/v1"
    assert kt01["projection"]["value"]["exact"] == "12"
    assert kt01["projection"]["value"]["unit"] == "establishment"
    assert kt01["projection"]["status"] == "achieved"
    assert kt01["projection"]["method"] == "estimate"
    assert main(["evaluate", "--example", "hoa-thuan-2024", "--as-of", "5/10/2024"]) == 0
    assert "Tiến độ" in capsys.readouterr().out


# ----------------------------------------------------------------- calendar


@pytest.mark.parametrize(
    ("as_of", "statuses", "following"),
    [
        ("01/01/2024", ["upcoming", "upcoming"], "Báo cáo sơ kết 6 tháng"),
        ("27/05/2024", ["due", "upcoming"], "Báo cáo sơ kết 6 tháng"),
        ("10/06/2024", ["due", "upcoming"], "Báo cáo sơ kết 6 tháng"),
        ("11/06/2024", ["overdue", "upcoming"], "Báo cáo tổng kết năm"),
        ("05/10/2024", ["overdue", "due"], "Báo cáo tổng kết năm"),
        ("06/10/2024", ["overdue", "overdue"], None),
    ],
)
def test_seed_deadlines(as_of: str, statuses: list[str], following: str | None) -> None:
    """The seed's two reports (10/6 and 05/10) as of several dates."""
    plan = thidua.examples.hoa_thuan_2024()
    assert [d.status.value for d in deadlines(plan, as_of)] == statuses
    nxt = next_deadline(plan, as_of)
    assert (nxt.name if nxt else None) == following


def test_submitted_reports_and_bad_arguments() -> None:
    """Submitted reports are marked; unknown names and negative notice are errors."""
    plan = thidua.examples.hoa_thuan_2024()
    found = deadlines(plan, "20/06/2024", submitted=["Báo cáo sơ kết 6 tháng"])
    assert found[0].status is DeadlineStatus.SUBMITTED
    with pytest.raises(thidua.ThiduaError, match="does not have"):
        deadlines(plan, "20/06/2024", submitted=["Báo cáo quý"])
    with pytest.raises(thidua.ThiduaError, match="notice_days=-1"):
        deadlines(plan, "20/06/2024", notice_days=-1)
    with pytest.raises(thidua.ThiduaError, match="alarm_days=-1"):
        to_ics(plan, alarm_days=-1)


def test_deadline_argument_errors_have_codes() -> None:
    """Each bad argument of the calendar raises the error class and code it documents."""
    plan = thidua.examples.hoa_thuan_2024()
    cases = [
        (
            lambda: deadlines(plan, "20/06/2024", submitted=["Báo cáo quý"]),
            thidua.NotFoundError,
            "report.not_found",
        ),
        (lambda: deadlines(plan, "20/06/2024", notice_days=-1), thidua.UsageError, "usage.days"),
        (
            lambda: deadlines(plan, "20/06/2024", notice_days=10**12),
            thidua.UsageError,
            "usage.days",
        ),
        (
            lambda: deadlines(plan, "20/06/2024", notice_days="3"),
            thidua.ArgumentTypeError,
            "argument.type",
        ),  # type: ignore[arg-type]
        (
            lambda: deadlines(plan, "20/06/2024", submitted="Báo cáo"),
            thidua.ArgumentTypeError,
            "argument.type",
        ),
        (lambda: deadlines("plan", "20/06/2024"), thidua.ArgumentTypeError, "argument.type"),  # type: ignore[arg-type]
        (lambda: next_deadline("plan", "20/06/2024"), thidua.ArgumentTypeError, "argument.type"),  # type: ignore[arg-type]
        (lambda: to_ics(plan, alarm_days=10**12), thidua.UsageError, "usage.days"),
        (lambda: to_ics(plan, alarm_days=True), thidua.ArgumentTypeError, "argument.type"),
        (lambda: to_ics(plan, stamp="2024"), thidua.ArgumentTypeError, "argument.type"),  # type: ignore[arg-type]
    ]
    for call, error, code in cases:
        with pytest.raises(error) as info:
            call()
        assert info.value.code == code
    with pytest.raises(KeyError):  # a NotFoundError is a KeyError
        deadlines(plan, "20/06/2024", submitted=["x"])


def _with_reports(plan: Plan, *dues: dt.date, year: int | None = None) -> Plan:
    """The plan with one report per due date, set past the models' checks (as a program could)."""
    reports = []
    for i, due in enumerate(dues):
        report = attrs.evolve(plan.reports[0], name=f"Báo cáo {i}")
        object.__setattr__(report, "due", due)
        reports.append(report)
    changed = attrs.evolve(plan, reports=())
    object.__setattr__(changed, "reports", tuple(reports))
    if year is not None:
        object.__setattr__(changed, "year", year)
        object.__setattr__(changed, "issued", None)
    return changed


@pytest.mark.parametrize(
    "due", [dt.date.max, dt.date.min, dt.date(1900, 1, 1), dt.date(2200, 12, 31)]
)
def test_the_calendar_takes_any_date_a_plan_holds(due: dt.date) -> None:
    """9999-12-31 has no next day: its event has no DTEND (it lasts that one day)."""
    plan = _with_reports(thidua.examples.hoa_thuan_2024(), due)
    text = to_ics(plan, alarm_days=365)
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert event.decoded("dtstart") == due
    if due == dt.date.max:
        assert "dtend" not in event
    else:
        assert event.decoded("dtend") == due + dt.timedelta(days=1)
    (found,) = deadlines(plan, "01/01/2024")
    assert found.days_left == (due - dt.date(2024, 1, 1)).days
    last = dt.date(2200, 12, 30)
    assert next_deadline(plan, last) == (plan.reports[0] if due > last else None)


@pytest.mark.parametrize("year", [0, -5, 1, 1900, 2024, 2200, 9999, 10000, 10**12])
def test_the_calendar_takes_any_year_a_plan_holds(year: int) -> None:
    """Plan years 0 or 10000 (refused by the models, held by a Plan changed past them)."""
    plan = _with_reports(thidua.examples.hoa_thuan_2024(), dt.date(2024, 6, 10), year=year)
    assert "DTSTART;VALUE=DATE:20240610" in to_ics(plan)
    assert deadlines(plan, dt.date(2024, 6, 1))[0].days_left == 9
    if MIN_YEAR <= year <= MAX_YEAR:
        assert deadlines(plan, "10/6")[0].report.due == dt.date(2024, 6, 10)
    else:  # a short date takes the plan's year, which lies outside the range
        with pytest.raises(thidua.ParseError):
            deadlines(plan, "10/6")


def test_ics_reads_back() -> None:
    """The iCalendar export parses, with one all-day event per report on its due date."""
    text = to_ics(thidua.examples.hoa_thuan_2024())
    assert text == to_ics(thidua.examples.hoa_thuan_2024())  # deterministic
    calendar = icalendar.Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events] == [dt.date(2024, 6, 10), dt.date(2024, 10, 5)]
    assert str(events[0]["summary"]) == "Hạn nộp: Báo cáo sơ kết 6 tháng (6 tháng đầu năm 2024)"
    assert len({str(e["uid"]) for e in events}) == 2
    assert all(e.walk("VALARM") for e in events)


def test_cli_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    """`thidua calendar` lists deadlines as a table, JSON with ISO dates, or .ics."""
    assert main(["calendar", "--example", "hoa-thuan-2024", "--as-of", "1/6/2024"]) == 0
    out = capsys.readouterr().out
    assert "10/06/2024  Báo cáo sơ kết 6 tháng" in out
    assert "Hạn tiếp theo: Báo cáo sơ kết 6 tháng" in out
    assert (
        main(
            ["calendar", "--example", "hoa-thuan-2024", "--format", "json", "--as-of", "2024-06-11"]
        )
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert [(r["due"], r["status"]) for r in doc["reports"]] == [
        ("2024-06-10", "overdue"),
        ("2024-10-05", "upcoming"),
    ]
    assert main(["calendar", "--example", "hoa-thuan-2024", "--format", "ics"]) == 0
    assert capsys.readouterr().out.startswith("BEGIN:VCALENDAR")
    assert main(["calendar"]) == 2
    assert "hãy ghi tên một tệp kế hoạch" in capsys.readouterr().err
    argv = ["calendar", "--example", "hoa-thuan-2024", "--as-of", "31/02/2024"]
    assert main([*argv, "--language", "en"]) == 2
    assert "31/02/2024 is not a day of the calendar" in capsys.readouterr().err
    assert main(argv) == 2
    assert "ngày 31/02/2024 không có trên lịch" in capsys.readouterr().err
