"""Evaluation: check(), assess(), and evaluate() on plans."""

from __future__ import annotations

from fractions import Fraction

import pytest

import thidua
from thidua import (
    DataError,
    Dataset,
    Indicator,
    Observation,
    Quantity,
    Status,
    UnitError,
    assess,
    check,
    evaluate,
)

from .builders import plan_of as _plan

A, N, D, X = Status.ACHIEVED, Status.NOT_ACHIEVED, Status.NO_DATA, Status.NOT_APPLICABLE


def test_the_promised_entry_points() -> None:
    """The promised entry points (docs: API reference) work as written."""
    r = thidua.parse_rule("trên 98%")
    assert thidua.check(r, "98,5%") is A
    assert thidua.check(">= previous", 7, previous=7) is A
    assert thidua.check("> 98 %", thidua.ratio(49, 50)) is N
    assert Status("no_data") is D
    assert [s.value for s in Status] == ["achieved", "not_achieved", "no_data", "not_applicable"]


@pytest.mark.parametrize(
    ("rule", "value", "kwargs", "status"),
    [
        (">= 57 %", thidua.ratio(57, 100), {}, A),
        (">= 97.5 %", "97,5%", {}, A),
        (">= 97.5 %", "97,4%", {}, N),
        (">= 97.5 %", "97,8", {}, A),
        ("> 98 %", 0.985, {"unit": "dimensionless"}, A),
        ("== 0", 0, {}, A),
        ("== 0", "1 vụ", {}, N),
        ("!= 0", 2, {}, A),
        ("<= previous - 2 household", "42 hộ", {"previous": "45 hộ"}, A),
        ("<= previous - 2 household", "44 hộ", {"previous": "45 hộ"}, N),
        ("<= previous - 2 household", "44 hộ", {}, D),
        (">= previous * 105 %", 105, {"previous": 100}, A),
        (">= previous * 105 %", "104,99", {"previous": 100}, N),
        (">= previous + 1", 8, {"previous": 7}, A),
        (">= assigned", "3,2 tỷ đồng", {"assigned": "3200 triệu đồng"}, A),
        (">= assigned", "3,1 tỷ đồng", {"assigned": "3200 triệu đồng"}, N),
        (">= assigned", "3,1 tỷ đồng", {}, D),
        (">= assigned * 90 %", 90, {"assigned": 100}, A),
        ("is true", "đạt", {}, A),
        ("is true", False, {}, N),
        ("is false", "không đạt", {}, A),
        ("is true", None, {}, D),
        (">= 1", None, {}, D),
        ("> 90 %", thidua.ratio(0, 0), {}, X),
        ("> 90 %", thidua.ratio(0, 0), {"zero_denominator": "achieved"}, A),
        ("all org units", {"K1": True, "K2": True}, {}, A),
        ("all org units", {"K1": True, "K2": None}, {}, D),
        ("all org units", {"K1": False, "K2": None}, {}, N),
        (">= 4 org units", {f"K{i}": i != 5 for i in range(1, 6)}, {}, A),
        (">= 4 org units", {"K1": True, "K2": True, "K3": True, "K4": True, "K5": None}, {}, A),
        (">= 4 org units", {"K1": True, "K2": True, "K3": True, "K4": None, "K5": None}, {}, D),
        (">= 2 org units", {"K1": 5, "K2": 3}, {"per_org_unit": ">= 4"}, N),
        ("5/5 khóm", [True, True, True, True, True], {}, A),
        ("all org units", ("đạt", "không đạt"), {}, N),
    ],
)
def test_check(rule: str, value: object, kwargs: dict[str, object], status: Status) -> None:
    """check() gives the status the docs' concepts page defines."""
    assert check(rule, value, **kwargs) is status  # type: ignore[arg-type]


def test_floats_are_their_shortest_decimal_not_binary() -> None:
    """57/100 is exactly 57 %; 0.57 * 100 in floats is 56.99999999999999 and honestly below."""
    assert check(">= 57 %", thidua.ratio(57, 100)) is A
    assert check(">= 57 %", 0.57 * 100) is N
    assert check(">= 0.3", 0.1 + 0.2) is A  # 0.30000000000000004 >= 0.3


def test_assess_gives_the_facts() -> None:
    """Resolved target, margin in the good direction, exceeded and attainment."""
    a = assess("<= previous - 2 household", "42 hộ", previous="45 hộ")
    assert a.status is A
    assert a.target is not None
    assert str(a.target) == "<= 43 household"
    assert a.target.reference == Quantity(45, "household")
    assert a.margin == Quantity(1, "household")
    assert a.exceeded
    assert a.attainment == Fraction(43, 42)
    b = assess(">= 97.5 %", "96,8%")
    assert b.margin == Quantity("-0.7", "percent")
    assert not b.exceeded
    assert b.attainment == Fraction(968, 975)
    c = assess("== 0", 2)
    assert (c.margin, c.exceeded, c.attainment) == (Quantity(-2), False, None)
    d = assess(">= 100 %", "100%")
    assert (d.status, d.exceeded, d.margin) == (A, False, Quantity(0, "percent"))
    e = assess(">= previous", None)
    assert e.missing == ("actual", "previous")


def test_different_dimensions_are_a_unit_error() -> None:
    """Comparing households with persons is a UnitError."""
    with pytest.raises(UnitError, match="cannot compare person"):
        check(">= 2 household", "3 người")


def test_yes_no_against_numbers_is_a_data_error() -> None:
    """A yes/no value for a numeric rule, and the reverse, are DataErrors."""
    with pytest.raises(DataError, match="yes/no value"):
        check(">= 1", "đạt")
    with pytest.raises(DataError, match="is a number but the rule is is true"):
        check("is true", 1)
    with pytest.raises(thidua.ArgumentTypeError, match="must be a mapping from org unit"):
        check("all org units", 5)


# --------------------------------------------------------------------- plans


def test_evaluate_the_seed_example() -> None:
    """The shipped example exercises every status and explains KT07 as the spec does."""
    ev = evaluate(
        thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data(), period="2024"
    )
    assert ev.results["KT07"].status is A
    assert (
        ev.results["KT07"].explanation.vi
        == "Số hộ nghèo: 42 hộ ≤ 43 hộ (năm trước 45 hộ − 2 hộ) — Đạt"
    )
    assert ev.results["KT07"].explanation.en == (
        "Số hộ nghèo: 42 households ≤ 43 households (previous year 45 households − 2 households) — Achieved"
    )
    assert {r.status for r in ev.results.values()} == set(Status)
    assert sum(ev.summary.values()) == 25
    assert len(ev.top) == 25
    assert ev.results["CK08b"].status is N
    assert ev.results["CK08"].status is N
    assert ev.results["KT06a"].status is D
    assert ev.results["KT06"].status is D
    assert ev.results["KT13"].status is X
    assert ev.results["KT12"].status is N
    assert ev.results["CK07"].missing == ("actual",)
    assert "chưa có số liệu thực hiện năm 2024" in ev.results["CK07"].explanation.vi


def test_previous_is_the_same_period_a_year_earlier() -> None:
    """For 2024-H1, previous is 2023-H1; a missing previous is named."""
    plan = _plan(Indicator("I1", "Số vụ", unit="case", rule="< previous"))
    data = Dataset(
        [
            Observation("I1", "2024-H1", value=3),
            Observation("I1", "2023-H1", value=5),
            Observation("I1", "2023", value=1),
        ]
    )
    assert evaluate(plan, data, "2024-H1").results["I1"].status is A
    ev = evaluate(plan, data, "2025-H1")
    assert ev.results["I1"].status is D
    only_actual = Dataset([Observation("I1", "2024", value=3)])
    result = evaluate(plan, only_actual, "2024").results["I1"]
    assert result.missing == ("previous",)
    assert "chưa có số liệu năm trước (2023)" in result.explanation.vi


def test_assigned_comes_from_assigned_observations() -> None:
    """`assigned` is the observation of kind assigned for the period."""
    plan = _plan(Indicator("I1", "Thu", unit="VND", rule=">= assigned"))
    data = Dataset(
        [
            Observation("I1", "2024", value="3 tỷ đồng"),
            Observation("I1", "2024", value="2900 triệu đồng", kind="assigned"),
        ]
    )
    result = evaluate(plan, data, "2024").results["I1"]
    assert result.status is A
    assert result.exceeded
    assert "chỉ tiêu giao 2,9 tỷ đồng" in result.explanation.vi


def test_composites_and_criteria_are_in_the_results() -> None:
    """Results hold criteria too; composites combine them with Kleene logic."""
    plan = _plan(
        Indicator(
            "C",
            "Composite",
            combine="any",
            criteria=[Indicator("C1", "a", rule="is true"), Indicator("C2", "b", rule="is true")],
        )
    )
    ev = evaluate(plan, Dataset([Observation("C1", "2024", value=False)]), "2024")
    assert ev.results["C1"].status is N
    assert ev.results["C2"].status is D
    assert ev.results["C"].status is D
    assert [c.indicator for c in ev.results["C"].criteria] == ["C1", "C2"]
    assert "chưa có số liệu: C2" in ev.results["C"].explanation.vi


def test_org_unit_rules_count_org_units() -> None:
    """Per-unit observations are counted; 4 of 5 decides '>= 4 org units' despite a gap."""
    plan = _plan(Indicator("O", "Số khóm đạt", rule=">= 4 org units"), org_units=5)
    obs = [Observation("O", "2024", value=True, org_unit=f"K{i}") for i in range(1, 5)]
    result = evaluate(plan, Dataset(obs), "2024").results["O"]
    assert result.status is A
    assert [u.status for u in result.org_units] == [A, A, A, A, D]
    by_name = Dataset(
        [Observation("O", "2024", value=True, org_unit=f"Khóm {i}") for i in range(1, 6)]
    )
    assert evaluate(plan, by_name, "2024").results["O"].status is A


def test_org_unit_rules_accept_a_count() -> None:
    """Without per-unit rows, a count of org units that met the rule is used."""
    plan = _plan(Indicator("O", "Số khóm đạt", rule="all org units"), org_units=5)
    assert (
        evaluate(plan, Dataset([Observation("O", "2024", value=5)]), "2024").results["O"].status
        is A
    )
    assert (
        evaluate(plan, Dataset([Observation("O", "2024", value="4/5")]), "2024").results["O"].status
        is N
    )
    with pytest.raises(DataError, match="whole number from 0 to 5"):
        evaluate(plan, Dataset([Observation("O", "2024", value=7)]), "2024")


@pytest.mark.parametrize(
    ("indicator", "observation", "message"),
    [
        (
            Indicator("I", "Hộ nghèo", unit="household", rule="<= 40"),
            Observation("I", "2024", value="-1 hộ"),
            "a count cannot be negative (-1 households)",
        ),
        (
            Indicator("I", "Hộ nghèo", unit="household", rule="<= 40"),
            Observation("I", "2024", value="3 người"),
            "cannot compare person",
        ),
        (
            Indicator(
                "I", "Tỷ lệ", unit="percent", rule="> 98 %", maximum=Quantity(100, "percent")
            ),
            Observation("I", "2024", value="101%"),
            "above the maximum 100%",
        ),
        (
            Indicator(
                "I",
                "Tỷ lệ",
                unit="percent",
                rule="> 98 %",
                rate=True,
                minimum=Quantity(0, "percent"),
            ),
            Observation("I", "2024", value="-1%"),
            "below the minimum 0%",
        ),
        (
            Indicator("I", "Flag", rule="is true"),
            Observation("I", "2024", value=3),
            "is a number but the rule is is true",
        ),
        (
            Indicator("I", "Số", unit="case", rule="== 0"),
            Observation("I", "2024", value="đạt"),
            "yes/no value",
        ),
    ],
)
def test_bad_values_name_indicator_period_and_row(
    indicator: Indicator, observation: Observation, message: str
) -> None:
    """Incompatible units, negative counts and out-of-bounds rates name the indicator and period."""
    plan = _plan(indicator)
    with pytest.raises(thidua.ThiduaError) as info:
        evaluate(plan, Dataset([observation]), "2024")
    assert message in str(info.value)
    assert info.value.indicator == "I"
    assert info.value.period == "2024"


def test_source_rows_are_named(tmp_path: object) -> None:
    """A bad value read from a file names the file and line."""
    plan = _plan(Indicator("I", "Hộ nghèo", unit="household", rule="<= 40"))
    data = thidua.loads_data("indicator,period,value\nI,2024,-3\n", file="d.csv")
    with pytest.raises(
        DataError, match=r"^d.csv:2: indicator I, period 2024: a count cannot be negative"
    ):
        evaluate(plan, data, "2024")


def test_every_observation_is_accounted_for() -> None:
    """Unused observations are reported with the reason, unknown indicators included."""
    plan = _plan(Indicator("I", "x", rule=">= 1"))
    data = Dataset(
        [
            Observation("I", "2024", value=1),
            Observation("ZZ", "2024", value=1),
            Observation("I", "2020", value=1),
        ]
    )
    ev = evaluate(plan, data, "2024")
    reasons = {u.observation.indicator + str(u.observation.period): u.reason for u in ev.unused}
    assert reasons == {
        "ZZ2024": "the plan has no indicator 'ZZ'",
        "I2020": "period 2020 is neither 2024 nor its previous period",
    }


def test_evaluate_defaults_to_the_plan_year_and_checks_arguments() -> None:
    """The period defaults to the plan's year; wrong argument types are ThiduaErrors."""
    plan = _plan(Indicator("I", "x", rule=">= 1"))
    assert str(evaluate(plan, Dataset()).period) == "2024"
    with pytest.raises(thidua.ThiduaError, match="must be a Plan"):
        evaluate("plan.toml", Dataset())  # type: ignore[arg-type]
    with pytest.raises(thidua.ThiduaError, match="must be a Dataset"):
        evaluate(plan, [])  # type: ignore[arg-type]


def test_org_unit_rules_with_assigned_targets_per_org_unit() -> None:
    """A per-unit rule `>= assigned` uses each org unit's own assigned target."""
    plan = _plan(
        Indicator(
            "O", "Thu theo khóm", unit="VND", rule="all org units", per_org_unit=">= assigned"
        ),
        org_units=2,
    )
    data = Dataset(
        [
            Observation("O", "2024", value="12 triệu đồng", org_unit="K1"),
            Observation("O", "2024", value="10 triệu đồng", org_unit="K1", kind="assigned"),
            Observation("O", "2024", value="8 triệu đồng", org_unit="K2"),
            Observation("O", "2024", value="9 triệu đồng", org_unit="K2", kind="assigned"),
        ]
    )
    result = evaluate(plan, data, "2024").results["O"]
    assert [u.status for u in result.org_units] == [A, N]
    assert result.status is N
    assert len(result.observations) == 4


def test_an_org_unit_given_by_id_and_by_name_is_an_error() -> None:
    """The same khóm written once by id and once by name is a duplicate, not a silent choice."""
    plan = _plan(Indicator("O", "Số khóm đạt", rule="all org units"), org_units=1)
    data = Dataset(
        [
            Observation("O", "2024", value=True, org_unit="K1"),
            Observation("O", "2024", value=False, org_unit="Khóm 1"),
        ]
    )
    with pytest.raises(DataError, match="two actual observations for Khóm 1, by id"):
        evaluate(plan, data, "2024")


def test_arguments_of_the_wrong_type_name_the_argument() -> None:
    """evaluate('plan', …) is an ArgumentTypeError (a TypeError) naming the argument."""
    plan = thidua.examples.hoa_thuan_2024()
    with pytest.raises(thidua.ArgumentTypeError) as info:
        evaluate("plan", Dataset())  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert info.value.code == "argument.type"
    assert "plan= must be a Plan" in str(info.value)
    assert "tham số plan= phải là một kế hoạch" in info.value.message("vi")
    with pytest.raises(thidua.ArgumentTypeError, match="data= must be a Dataset"):
        evaluate(plan, [])  # type: ignore[arg-type]
    with pytest.raises(thidua.UsageError) as before:
        evaluate(plan, Dataset(), "2024", as_of="31/12/2023")
    assert before.value.code == "usage.as_of_before_period"
    assert before.value.period == "2024"
    assert "ngày 31/12/2023 ở trước khi năm 2024 bắt đầu" in before.value.message("vi")


def test_results_raise_not_found_for_unknown_ids() -> None:
    """Evaluation.results is a mapping whose unknown ids raise NotFoundError (a KeyError)."""
    ev = evaluate(thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data())
    with pytest.raises(thidua.NotFoundError) as info:
        ev.results["ZZ"]
    assert info.value.code == "indicator.not_found"
    assert "không có chỉ tiêu 'ZZ'" in info.value.message("vi")
    assert "known: CK01, CK02" in info.value.message("en")  # the known ids, as a hint
    assert ev.results.get("ZZ") is None
    assert "ZZ" not in ev.results
    assert [] not in ev.results  # an unhashable key is no id
    assert "KT07" in ev.results
    assert dict(ev.results) == {k: ev.results[k] for k in ev.results}
    assert ev.results == dict(ev.results)


def test_errors_while_evaluating_name_the_source_row_and_unit_labels() -> None:
    """A figure in a unit that does not compare: indicator, period, file and line."""
    plan = _plan(Indicator("I", "Hộ nghèo", unit="household", rule="<= 40"))
    data = thidua.loads_data("indicator,period,value\nI,2024,3 người\n", file="so-lieu.csv")
    with pytest.raises(thidua.UnitError) as info:
        evaluate(plan, data, "2024")
    assert (info.value.file, info.value.line) == ("so-lieu.csv", 2)
    assert (info.value.indicator, info.value.period) == ("I", "2024")
    data = thidua.loads_data("indicator,period,value\nI,2024,-2 hộ\n", file="so-lieu.csv")
    with pytest.raises(thidua.DataError) as negative:
        evaluate(plan, data, "2024")
    assert negative.value.message("vi") == (
        "so-lieu.csv:2: chỉ tiêu I, kỳ 2024: số đếm không được âm (-2 hộ). "
        "hãy kiểm tra lại dấu của số liệu"
    )
    assert "(-2 households)" in negative.value.message("en")  # labels, not registry names
