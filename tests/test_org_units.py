"""Roll-up within a unit: the figures of its org units (khóm) make the ward's."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

import thidua
from thidua import Dataset, Indicator, Observation, Quantity, Status

from .builders import plan_of as _plan


def _households(across: str = "sum", rule: str = "<= previous - 2 household") -> Indicator:
    return Indicator(
        "KT07",
        "Số hộ nghèo",
        unit="household",
        rule=rule,
        aggregation="last",
        across_org_units=across,
    )


def _khom(indicator: str, period: str, values: list[object]) -> list[Observation]:
    return [
        Observation(indicator, period, value=v, org_unit=f"K{i}")  # type: ignore[arg-type]
        for i, v in enumerate(values, start=1)
        if v is not None
    ]


def test_the_ward_figure_is_the_sum_of_its_khom() -> None:
    """Without a ward figure, the khóm figures are summed (this year and last)."""
    plan = _plan(_households(), org_units=3)
    data = Dataset(_khom("KT07", "2023", [10, 12, 8]) + _khom("KT07", "2024", [9, 11, 7]))
    result = thidua.evaluate(plan, data, "2024").results["KT07"]
    assert result.actual == Quantity(27, "household")
    assert result.assessment.previous == Quantity(30, "household")
    assert result.status is Status.ACHIEVED
    assert result.rollup is not None
    assert result.rollup.org_units == ("Khóm 1", "Khóm 2", "Khóm 3")
    assert "cộng 3 khóm" in result.explanation.vi
    assert "sum of 3 org units" in result.explanation.en
    assert len(result.observations) == 6


def test_the_wards_own_figure_wins() -> None:
    """The ward's own figure is used; the khóm figures are unused, with the reason."""
    plan = _plan(_households(), org_units=2)
    data = Dataset(
        [
            Observation("KT07", "2023", value=30),
            Observation("KT07", "2024", value=26),
            *_khom("KT07", "2024", [1, 1]),
        ]
    )
    ev = thidua.evaluate(plan, data, "2024")
    assert ev.results["KT07"].actual == Quantity(26, "household")
    assert ev.results["KT07"].rollup is None
    reasons = {u.observation.org_unit: u.reason for u in ev.unused}
    assert reasons["K1"] == "the plan's own figure was used, not the roll-up of its org units"


def test_a_missing_khom_is_a_gap_never_zero() -> None:
    """A khóm without a figure is reported missing, never taken as zero."""
    plan = _plan(_households(rule="<= 20"), org_units=3)
    data = Dataset(_khom("KT07", "2024", [9, None, 7]))
    result = thidua.evaluate(plan, data, "2024").results["KT07"]
    assert result.status is Status.NO_DATA
    assert result.rollup is not None
    assert result.rollup.missing_org_units == ("Khóm 2",)
    assert "thiếu số liệu Khóm 2" in result.explanation.vi


def test_a_partial_sum_of_counts_can_already_decide() -> None:
    """Counts are never negative: two khóm already over a ceiling break it."""
    indicator = Indicator(
        "CK10", "Số vụ", unit="case", rule="== 0", aggregation="sum", across_org_units="sum"
    )
    plan = _plan(indicator, org_units=3)
    data = Dataset(_khom("CK10", "2024", [0, 1, None]))
    assert thidua.evaluate(plan, data, "2024").results["CK10"].status is Status.NOT_ACHIEVED


def test_rates_are_recomputed_across_khom() -> None:
    """Rates combine from summed numerators and denominators, not by averaging."""
    indicator = Indicator(
        "KT03",
        "Tỷ lệ BHYT",
        unit="percent",
        rule=">= 90 %",
        rate=True,
        aggregation="rate",
        across_org_units="rate",
    )
    plan = _plan(indicator, org_units=2)
    data = Dataset(
        [
            Observation("KT03", "2024", numerator=90, denominator=100, org_unit="K1"),
            Observation("KT03", "2024", numerator=880, denominator=1000, org_unit="K2"),
        ]
    )
    result = thidua.evaluate(plan, data, "2024").results["KT03"]
    assert result.actual == Quantity(Fraction(970 * 100, 1100), "percent")
    assert result.status is Status.NOT_ACHIEVED  # 88.18 %, though the plain mean is 89 %
    assert "tính lại từ 2 khóm" in result.explanation.vi


def test_mean_across_khom_counts_each_once() -> None:
    """A mean across khóm counts each khóm once."""
    indicator = Indicator(
        "S", "Điểm", unit="point", rule=">= 80", aggregation="last", across_org_units="mean"
    )
    plan = _plan(indicator, org_units=2)
    data = Dataset(_khom("S", "2024", [70, 91]))
    result = thidua.evaluate(plan, data, "2024").results["S"]
    assert result.actual == Quantity(Fraction(161, 2), "point")
    assert result.status is Status.ACHIEVED


def test_time_and_org_units_roll_up_together() -> None:
    """Monthly khóm figures: each khóm rolls up over time, then the ward over khóm."""
    indicator = Indicator(
        "KT01", "Cơ sở mới", unit="establishment", rule=">= 10", aggregation="sum",
        across_org_units="sum",
    )  # fmt: skip
    plan = _plan(indicator, org_units=2)
    months = [f"2024-{m:02d}" for m in range(1, 13)]
    data = Dataset(
        [Observation("KT01", m, value=1, org_unit="K1") for m in months]
        + [Observation("KT01", m, value=0, org_unit="K2") for m in months[:6]]
    )
    year = thidua.evaluate(plan, data, "2024").results["KT01"]
    assert year.actual == Quantity(12, "establishment")
    assert year.status is Status.ACHIEVED  # a lower bound already over the target
    assert year.rollup is not None
    assert year.rollup.gaps[0] == thidua.parse_period("2024-07")
    half = thidua.evaluate(plan, data, "2024", as_of=dt.date(2024, 6, 30)).results["KT01"]
    assert half.outlook is not None
    assert half.outlook.so_far == Quantity(6, "establishment")
    assert half.outlook.projected == Quantity(Fraction(6 * 366, 182), "establishment")  # by days


def test_khom_figures_feed_org_unit_rules_and_the_ward_total_alike() -> None:
    """The same khóm figures give the ward total and the org-unit count."""
    plan = _plan(
        _households(rule="<= 30"),
        Indicator("KT06a", "Khóm có dưới 10 hộ nghèo", rule=">= 2 org units",
                  per_org_unit="< 10 household", unit="household"),
        org_units=3,
    )  # fmt: skip
    data = Dataset(
        _khom("KT07", "2024", [9, 12, 7]) + _khom("KT06a", "2024", ["9 hộ", "12 hộ", "7 hộ"])
    )
    ev = thidua.evaluate(plan, data, "2024")
    assert ev.results["KT07"].actual == Quantity(28, "household")
    assert [r.status for r in ev.results["KT06a"].org_units] == [
        Status.ACHIEVED,
        Status.NOT_ACHIEVED,
        Status.ACHIEVED,
    ]
    assert ev.results["KT06a"].status is Status.ACHIEVED


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"rule": "is true", "across_org_units": "sum"}, "only for indicators with figures"),
        ({"rule": ">= 1", "across_org_units": "last"}, "cannot combine by 'last'"),
        ({"rule": "all org units", "across_org_units": "sum"}, "only for indicators with figures"),
    ],
)
def test_across_org_units_refuses_what_cannot_combine(
    fields: dict[str, object], message: str
) -> None:
    """Yes/no, org-unit rules and 'last' cannot combine across org units."""
    with pytest.raises(thidua.PlanError, match=message) as info:
        Indicator("X", "x", **fields)  # type: ignore[arg-type]
    assert info.value.indicator == "X"


def test_yes_no_and_rates_without_parts_are_data_errors() -> None:
    """A rate across khóm needs each khóm's numerator and denominator."""
    rate = Indicator("R", "r", unit="percent", rule=">= 90 %", across_org_units="rate")
    plan = _plan(rate, org_units=1)
    data = Dataset([Observation("R", "2024", value="95%", org_unit="K1")])
    with pytest.raises(thidua.DataError, match="numerator and denominator") as info:
        thidua.evaluate(plan, data, "2024")
    assert info.value.line is None or info.value.indicator == "R"


def test_across_org_units_round_trips_through_the_plan_file() -> None:
    """The plan file keeps across_org_units."""
    plan = _plan(_households(), org_units=2)
    again = thidua.loads_plan(thidua.dumps_plan(plan))
    assert again == plan
    assert 'across_org_units = "sum"' in thidua.dumps_plan(plan)


def test_org_units_are_found_whatever_the_case_of_their_rows() -> None:
    """A row for ``khóm 1`` is Khóm 1's figure, in every path, and is not listed unused.

    (It used to give no data, and be listed unused "because the rule does not
    need it" -- the wrong reason.)
    """
    plan = thidua.loads_plan(
        'id = "p"\ntitle = "Kế hoạch"\nyear = 2024\n'
        '[[org_units]]\nid = "K1"\nname = "Khóm 1"\n'
        '[[org_units]]\nid = "K2"\nname = "Khóm 2"\n'
        '[[groups]]\nid = "G"\nname = "Nhóm"\n'
        '[[groups.indicators]]\nid = "I1"\nname = "Khóm đạt"\nrule = "all org units"\n'
    )
    data = thidua.loads_data(
        "indicator,period,value,org_unit\nI1,2024,đạt,khóm 1\nI1,2024,đạt,KHÓM 2\n"
    )
    evaluation = thidua.evaluate(plan, data, "2024")
    assert evaluation.results["I1"].status is thidua.Status.ACHIEVED
    assert [u.status for u in evaluation.results["I1"].org_units] == [thidua.Status.ACHIEVED] * 2
    assert evaluation.unused == ()
    shared = thidua.loads_data(
        "indicator,period,value,org_unit\nI1,2024,đạt,P1/khóm 1\nI1,2024,đạt,P1/k2\n"
    )
    member = thidua.Member("P1", "Phường 1", org_units=plan.org_units)
    many = thidua.evaluate_many(plan, shared, "2024", members=[member])
    assert many.status("P1", "I1") is thidua.Status.ACHIEVED
    assert many["P1"].results["I1"].status is thidua.Status.ACHIEVED
