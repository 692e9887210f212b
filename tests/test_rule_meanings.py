"""The meanings of issue 15, case by case, on every path.

Points, open changes, base years, ranges, org-unit totals and notes, judged by
check, evaluate and evaluate_many's batch path (which must decide them itself).
"""

from __future__ import annotations

from typing import Any

import pytest

import thidua
from thidua import (
    Comparison,
    Dataset,
    Indicator,
    Observation,
    Op,
    OrgUnits,
    PlanError,
    Previous,
    Quantity,
    Range,
    Status,
    UnitError,
    UsageError,
    assess,
    check,
    parse_rule,
)
from thidua.clusters import Member, evaluate_many

from .builders import plan_of

A, N, D = Status.ACHIEVED, Status.NOT_ACHIEVED, Status.NO_DATA


def _q(text: str) -> Quantity:
    return thidua.default_units().parse_quantity(text, canonical=True)


def _both(plan: thidua.Plan, data: Dataset, period: str = "2024") -> dict[str, Status]:
    """The statuses of the full evaluation, checked equal to evaluate_many's."""
    full = {k: r.status for k, r in thidua.evaluate(plan, data, period).results.items()}
    many = evaluate_many(plan, {"X": data}, period, members=[Member("X", "Xã X")])
    assert dict(many.statuses("X")) == full
    assert not many._made  # decided by the batch path, not handed to the full one
    return full


# ------------------------------------------------------------------ canonical forms

FORMS = [
    ">= previous + 5 % change",
    "<= previous - 1 % change",
    ">= year 2020",
    ">= year 2020 * 110 %",
    "<= year 2020 - 1 %",
    "<= year 2020 - 1 % change",
    ">= 8 .. 10 household",
    "<= 10 .. 12 %",
    "all 5 org units",
    ">= 4 of 5 org units",
]


@pytest.mark.parametrize("text", FORMS)
def test_new_forms_read_back(text: str) -> None:
    """Each new canonical form is what str() prints, and reads back equal."""
    rule = parse_rule(text)
    assert str(rule) == text
    assert parse_rule(str(rule)) == rule


def test_the_model_of_the_new_forms() -> None:
    """The objects behind the texts."""
    assert parse_rule(">= previous + 5 % change") == Comparison(
        Op.GE, Previous(change=Quantity(5, "percent"))
    )
    assert parse_rule(">= year 2020 * 110 %") == Comparison(
        Op.GE, Previous(factor=Quantity(110, "percent"), year=2020)
    )
    assert parse_rule("<= 10 .. 12 %") == Range(
        Quantity(10, "percent"), Quantity(12, "percent"), Op.LE
    )
    assert parse_rule("all 5 org units") == OrgUnits(None, total=5)
    assert parse_rule(">= 4 of 5 org units") == OrgUnits(4, Op.GE, total=5)


def test_a_note_is_not_part_of_the_meaning() -> None:
    """Rules with different notes compare and hash equal; str() leaves the note out."""
    plain = Comparison(Op.GT, Quantity(98, "percent"))
    noted = Comparison(Op.GT, Quantity(98, "percent"), note="hộ dân được dùng nước sạch")
    assert plain == noted
    assert hash(plain) == hash(noted)
    assert str(noted) == "> 98 %"
    for rule in (
        thidua.Flag(True, note="x"),
        OrgUnits(4, Op.GE, total=5, note="x"),
        Range(Quantity(8), Quantity(10), note="x"),
    ):
        assert rule.note == "x"
        assert "x" not in str(rule)


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: Range(Quantity(10), Quantity(8)), "rule.range"),
        (lambda: Range(Quantity(8), Quantity(8)), "rule.range"),
        (lambda: Range(Quantity(8, "percent"), Quantity(10)), "rule.range"),
        (lambda: Range(Quantity(8), Quantity(10), Op.GT), "rule.syntax"),
        (lambda: OrgUnits(6, Op.GE, total=5), "rule.org_unit_count"),
        (lambda: OrgUnits(total=0), "rule.org_unit_count"),
        (lambda: Previous(change=Quantity(5, "household")), "rule.syntax"),
        (lambda: Previous(change=Quantity(5, "percent"), offset=Quantity(1)), "rule.syntax"),
        (lambda: Previous(year=10), "rule.base_year"),
        (lambda: Comparison(Op.GE, Quantity(1), note=3), "argument.type"),  # type: ignore[arg-type]
    ],
)
def test_impossible_parts_are_refused(make: Any, code: str) -> None:
    """Validators raise thidua errors with a code, in both languages."""
    with pytest.raises(thidua.ThiduaError) as info:
        make()
    assert info.value.code == code
    assert info.value.message("vi")


# ------------------------------------------------------------------ 1. percentage points


def test_an_offset_in_percent_on_a_rate_is_points_a_factor_is_relative() -> None:
    """'<= previous - 1 %' on 10 %: 9 %; '<= previous * 99 %': 9.9 %."""
    points, relative = "<= previous - 1 %", "<= previous * 99 %"
    assert check(points, "9 %", previous="10 %", unit="percent") is A
    assert check(points, "9.5 %", previous="10 %", unit="percent") is N
    assert check(relative, "9.9 %", previous="10 %", unit="percent") is A
    assert check(relative, "9.95 %", previous="10 %", unit="percent") is N


def test_the_explanation_says_percentage_points() -> None:
    """An offset in % on a percent indicator is explained in points."""
    plan = plan_of(Indicator("R", "Tỷ lệ hộ nghèo", unit="percent", rule="<= previous - 1 %"))
    data = Dataset(
        [
            Observation("R", "2023", value=_q("10 %")),
            Observation("R", "2024", value=_q("8.5 %")),
        ]
    )
    result = thidua.evaluate(plan, data, "2024").results["R"]
    assert result.status is A
    assert "điểm phần trăm" in result.explanation.vi
    assert "percentage point" in result.explanation.en


# ------------------------------------------------------------------ 2. open change


def test_an_open_change_is_resolved_by_the_indicator_unit() -> None:
    """Points on a percent indicator, relative on any other."""
    rule = ">= previous + 5 % change"
    assert check(rule, "15 %", previous="10 %", unit="percent") is A  # 10 + 5 points
    assert check(rule, "14 %", previous="10 %", unit="percent") is N
    assert check(rule, 105, previous=100, unit="household") is A  # 100 × 105 %
    assert check(rule, 104, previous=100, unit="household") is N
    fall = "<= previous - 1 % change"
    assert check(fall, 99, previous=100, unit="household") is A  # 100 × 99 %
    assert check(fall, "9 %", previous="10 %", unit="percent") is A  # 10 - 1 point


def test_an_open_change_is_resolved_by_the_values_unit() -> None:
    """With no indicator unit, the figures' unit decides."""
    rule = ">= previous + 5 % change"
    assert check(rule, "105 household", previous="100 household") is A
    assert check(rule, "104 household", previous="100 household") is N
    assert check(rule, "15 %", previous="10 %") is A
    assert check(rule, "10.5 %", previous="10 %") is N


def test_an_open_change_with_no_unit_is_refused() -> None:
    """Bare numbers cannot say whether the change is in points or relative."""
    with pytest.raises(UnitError) as info:
        check(">= previous + 5 % change", 105, previous=100)
    assert info.value.code == "rule.change_unit"
    assert "unit" in (info.value.hint or "")
    with pytest.raises(UnitError):
        assess(">= previous + 5 % change", 105, previous=100)


def test_an_open_change_in_a_plan_agrees_on_every_path() -> None:
    """The full evaluation and evaluate_many's batch resolve it the same way."""
    plan = plan_of(
        Indicator("H", "Hộ", unit="household", rule=">= previous + 5 % change"),
        Indicator("R", "Tỷ lệ", unit="percent", rule=">= previous + 5 % change"),
    )
    data = Dataset(
        [
            Observation("H", "2023", value=_q("100 household")),
            Observation("H", "2024", value=_q("105 household")),
            Observation("R", "2023", value=_q("10 %")),
            Observation("R", "2024", value=_q("14 %")),
        ]
    )
    assert _both(plan, data) == {"H": A, "R": N}


# ------------------------------------------------------------------ 3. base year


def test_a_base_year_compares_with_the_same_period_of_that_year() -> None:
    """Annual 2024 against annual 2020; the year before is not used."""
    plan = plan_of(Indicator("S", "Sản lượng", unit="person", rule=">= year 2020 * 110 %"))
    data = Dataset(
        [
            Observation("S", "2020", value=_q("100 person")),
            Observation("S", "2023", value=_q("1000 person")),
            Observation("S", "2024", value=_q("110 person")),
        ]
    )
    assert _both(plan, data) == {"S": A}
    result = thidua.evaluate(plan, data, "2024").results["S"]
    assert result.target is not None
    assert result.target.reference == _q("100 person")
    assert "năm 2020" in result.explanation.vi
    assert "year 2020" in result.explanation.en
    short = Dataset([*data.observations[:2], Observation("S", "2024", value=_q("109 person"))])
    assert _both(plan, short) == {"S": N}


def test_a_quarter_compares_with_the_same_quarter_of_the_base_year() -> None:
    """Q1 2026 against Q1 2020."""
    plan = attrs_year(
        plan_of(Indicator("S", "Sản lượng", unit="person", rule="<= year 2020 - 5 person")), 2026
    )
    data = Dataset(
        [
            Observation("S", "2020-Q1", value=_q("50 person")),
            Observation("S", "2026-Q1", value=_q("45 person")),
        ]
    )
    assert _both(plan, data, "2026-Q1") == {"S": A}


def test_a_missing_base_year_figure_is_no_data() -> None:
    """No figure for 2020: no data, and the explanation names the base year."""
    plan = plan_of(Indicator("S", "Sản lượng", unit="person", rule=">= year 2020"))
    data = Dataset(
        [
            Observation("S", "2023", value=_q("100 person")),
            Observation("S", "2024", value=_q("110 person")),
        ]
    )
    assert _both(plan, data) == {"S": D}
    result = thidua.evaluate(plan, data, "2024").results["S"]
    assert result.assessment.missing == ("previous",)
    assert "2020" in result.explanation.vi
    assert "base year 2020" in result.explanation.en


def test_a_base_year_not_before_the_period_is_an_error() -> None:
    """In the plan (its year), and when a period at or before it is evaluated."""
    with pytest.raises(PlanError) as info:
        plan_of(Indicator("S", "Sản lượng", unit="person", rule=">= year 2024"))
    assert info.value.code == "plan.base_year"
    plan = plan_of(Indicator("S", "Sản lượng", unit="person", rule=">= year 2020"))
    with pytest.raises(UsageError) as used:
        thidua.evaluate(plan, Dataset(), "2020")
    assert used.value.code == "rule.base_year"
    with pytest.raises(UsageError):
        evaluate_many(plan, {"X": Dataset()}, "2019", members=[Member("X", "Xã X")])


def attrs_year(plan: thidua.Plan, year: int) -> thidua.Plan:
    """``plan`` for another year."""
    import attrs

    return attrs.evolve(plan, year=year)


# ------------------------------------------------------------------ 4. ranges


@pytest.mark.parametrize(
    ("value", "status", "exceeded"),
    [
        ("7.9", N, False),  # just below low
        ("8", A, False),  # exactly at low
        ("10", A, False),  # exactly at high
        ("10.1", A, True),  # just beyond high
    ],
)
def test_a_range_where_more_is_better(value: str, status: Status, exceeded: bool) -> None:
    """'>= 8 .. 10 household': achieved from 8, exceeded beyond 10."""
    a = assess(">= 8 .. 10 household", f"{value} household")
    assert a.status is status
    assert a.exceeded is exceeded
    assert check(">= 8 .. 10 household", f"{value} household") is status


@pytest.mark.parametrize(
    ("value", "status", "exceeded"),
    [
        ("12.1", N, False),  # just above high
        ("12", A, False),  # exactly at high
        ("10", A, False),  # exactly at low
        ("9.9", A, True),  # just below low
    ],
)
def test_a_range_where_less_is_better(value: str, status: Status, exceeded: bool) -> None:
    """'<= 10 .. 12 %': achieved up to 12 %, exceeded below 10 %."""
    a = assess("<= 10 .. 12 %", f"{value} %")
    assert a.status is status
    assert a.exceeded is exceeded


def test_a_range_in_a_plan_agrees_and_shows_both_bounds() -> None:
    """The batch and the full path agree (facts included); the explanation shows both bounds."""
    plan = plan_of(
        Indicator("H", "Hộ thoát nghèo", unit="household", rule=">= 8 .. 10 household"),
        Indicator("R", "Tỷ lệ", unit="percent", rule="<= 10 .. 12 %"),
    )
    data = Dataset(
        [
            Observation("H", "2024", value=_q("11 household")),
            Observation("R", "2024", value=_q("12.5 %")),
        ]
    )
    assert _both(plan, data) == {"H": A, "R": N}
    result = thidua.evaluate(plan, data, "2024").results["H"]
    assert result.exceeded
    assert "8 hộ" in result.explanation.vi
    assert "10 hộ" in result.explanation.vi
    many = evaluate_many(plan, {"X": data}, "2024", members=[Member("X", "Xã X")])
    facts = many.facts("X")["H"]
    assert facts.exceeded
    assert facts.target == result.target


# ------------------------------------------------------------------ 5. org-unit totals


def _khom_plan(rule: str, khom: int = 5) -> thidua.Plan:
    return plan_of(
        Indicator("K", "Khóm đạt chuẩn", rule=rule, per_org_unit="is true"), org_units=khom
    )


def _khom_data(*values: bool | None) -> Dataset:
    return Dataset(
        Observation("K", "2024", value=v, org_unit=f"K{i}")
        for i, v in enumerate(values, 1)
        if v is not None
    )


def test_four_of_five_org_units() -> None:
    """'>= 4 of 5 org units' with data for 4, 5 or fewer org units."""
    plan = _khom_plan(">= 4 of 5 org units")
    assert _both(plan, _khom_data(True, True, True, True, False)) == {"K": A}
    assert _both(plan, _khom_data(True, True, True, False, False)) == {"K": N}
    assert _both(plan, _khom_data(True, True, True, True, None)) == {"K": A}  # decided anyway
    assert _both(plan, _khom_data(True, True, True, None, None)) == {"K": D}
    assert _both(plan, _khom_data(True, True, False, False, None)) == {"K": N}
    result = thidua.evaluate(plan, _khom_data(True, True, True, True, False), "2024")
    assert "4/5" in result.results["K"].explanation.vi


def test_all_five_org_units() -> None:
    """'all 5 org units': one without data leaves it undecided unless one failed."""
    plan = _khom_plan("all 5 org units")
    assert _both(plan, _khom_data(True, True, True, True, True)) == {"K": A}
    assert _both(plan, _khom_data(True, True, True, True, None)) == {"K": D}
    assert _both(plan, _khom_data(True, True, True, False, None)) == {"K": N}
    assert "5/5" in thidua.evaluate(plan, _khom_data(*[True] * 5)).results["K"].explanation.vi


def test_the_total_counts_org_units_the_area_lacks_as_unknown() -> None:
    """A member with fewer org units than the rule's total: the others are unknown."""
    assessment = assess("all 5 org units", [True, True, True])
    assert assessment.status is D
    assert assess(">= 3 of 5 org units", [True, True, True]).status is A
    assert assess(">= 4 of 5 org units", [True, False, False]).status is N
    assert assess("all org units", [True, True, True]).status is A  # no total: as before


def test_a_total_unlike_the_plans_org_units_is_a_plan_error() -> None:
    """The error names both numbers."""
    with pytest.raises(PlanError) as info:
        _khom_plan(">= 4 of 5 org units", khom=4)
    assert info.value.code == "plan.org_units"
    assert "5" in str(info.value)
    assert "4" in str(info.value)


def test_an_org_unit_count_given_as_one_figure_uses_the_total() -> None:
    """The aggregate figure '4' for '>= 4 of 5 org units'."""
    plan = _khom_plan(">= 4 of 5 org units")
    data = Dataset([Observation("K", "2024", value=Quantity(4))])
    assert thidua.evaluate(plan, data, "2024").results["K"].status is A


# ------------------------------------------------------------------ 6. notes


def test_the_explanation_shows_the_note() -> None:
    """The plan's words after the target are shown with the result."""
    rule = Comparison(Op.GT, Quantity(98, "percent"), note="hộ dân được dùng nước sạch")
    plan = plan_of(Indicator("N", "Nước sạch", unit="percent", rule=rule))
    data = Dataset([Observation("N", "2024", value=_q("98.5 %"))])
    result = thidua.evaluate(plan, data, "2024").results["N"]
    assert result.status is A
    assert "hộ dân được dùng nước sạch" in result.explanation.vi
    assert "hộ dân được dùng nước sạch" in result.explanation.en
