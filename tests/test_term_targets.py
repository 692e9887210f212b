"""Term targets (mục tiêu nhiệm kỳ): rule forms, check(), milestones, the mid-term review."""

from __future__ import annotations

import unicodedata
from fractions import Fraction

import pytest

import thidua
import thidua.strategies
from thidua import Quantity, Status
from thidua.evaluation.core import compile_plan, path_value
from thidua.rules import AnnualChange, AnnualGrowth, ByYear, Cumulative, Op
from thidua.terms import TermStatus, mid_term, milestones

PLAN = """
id = "nhiem-ky"
title = "Nghị quyết nhiệm kỳ 2025-2030"
year = 2025
term = "2025–2030"
base_year = 2025

[[groups]]
id = "KT"
name = "Kinh tế - xã hội"

[[groups.indicators]]
id = "NS"
name = "Tỷ lệ hộ dùng nước sạch"
unit = "%"
rule = "đến năm 2030 đạt 95%"

[[groups.indicators]]
id = "TN"
name = "Thu ngân sách"
unit = "tỷ đồng"
rule = "bình quân hằng năm tăng 8%"

[[groups.indicators]]
id = "HN"
name = "Tỷ lệ hộ nghèo"
unit = "%"
rule = "giai đoạn 2026–2030 giảm 1,5%/năm"

[[groups.indicators]]
id = "VDT"
name = "Tổng vốn đầu tư"
unit = "tỷ đồng"
rule = "tổng vốn đầu tư giai đoạn 2026-2030 đạt 5.000 tỷ đồng"

[[groups.indicators]]
id = "K1"
name = "Chỉ tiêu hằng năm"
unit = "%"
rule = ">= 90 %"
"""

DATA = """indicator,period,value
NS,2025,85 %
NS,2027,89 %
NS,2030,95 %
TN,2025,1000 tỷ đồng
TN,2027,1166.4 tỷ đồng
TN,2030,1469.3280767 tỷ đồng
HN,2025,10 %
HN,2027,7.5 %
VDT,2026,900 tỷ đồng
VDT,2027,1100 tỷ đồng
K1,2027,91 %
"""


def _plan() -> thidua.Plan:
    return thidua.loads_plan(PLAN)


def _data(plan: thidua.Plan) -> thidua.Dataset:
    return thidua.loads_data(DATA, plan=plan)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (">= 95 % by 2030", ByYear(Op.GE, Quantity(95, "percent"), 2030)),
        (
            "cumulative >= 5000 billion_VND over 2026-2030",
            Cumulative(Op.GE, Quantity(5000, "billion_VND"), 2026, 2030),
        ),
        (">= base * 108 % per year", AnnualGrowth(Op.GE, Quantity(108, "percent"))),
        ("<= base - 1.5 % per year", AnnualChange(Op.LE, Quantity(Fraction(-3, 2), "percent"))),
        ("≥ 95% by 2030", ByYear(Op.GE, Quantity(95, "percent"), 2030)),
        (
            "cumulative <= 5 tỷ đồng over 2026 – 2030",
            Cumulative(Op.LE, Quantity(5, "billion_VND"), 2026, 2030),
        ),
        (">= base + 10 hộ per year", AnnualChange(Op.GE, Quantity(10, "household"))),
    ],
)
def test_canonical_forms_read_and_print_back(text: str, rule: thidua.Rule) -> None:
    """Each canonical term form reads as its rule and prints back to text that reads equal."""
    assert thidua.parse_rule(text) == rule
    assert thidua.parse_rule(str(rule)) == rule


@pytest.mark.parametrize(
    ("text", "unit", "rule"),
    [
        ("đến năm 2030 đạt 95%", "%", ">= 95 % by 2030"),
        ("phấn đấu đến năm 2030 đạt 100%", "%", ">= 100 % by 2030"),
        ("đến năm 2030 tỷ lệ hộ dân dùng nước sạch đạt trên 98%", "%", "> 98 % by 2030"),
        ("đến năm 2030 giảm tỷ lệ hộ nghèo còn dưới 1%", "%", "< 1 % by 2030"),
        ("đến năm 2030 giảm còn 1%", "%", "<= 1 % by 2030"),
        ("đạt 95% đến năm 2030", "%", ">= 95 % by 2030"),
        ("bình quân hằng năm tăng 8%", "tỷ đồng", ">= base * 108 % per year"),
        ("tăng bình quân 8%/năm", "tỷ đồng", ">= base * 108 % per year"),
        (
            "tốc độ tăng trưởng bình quân 8%/năm giai đoạn 2026-2030",
            "tỷ đồng",
            ">= base * 108 % per year",
        ),
        ("bình quân mỗi năm giảm 1,5%", "%", "<= base - 1.5 % per year"),
        ("bình quân mỗi năm giảm 1,5%", "hộ", "<= base * 98.5 % per year"),
        ("giảm bình quân 1,5%/năm giai đoạn 2026-2030", "%", "<= base - 1.5 % per year"),
        ("giai đoạn 2026–2030 giảm 1,5%/năm", "%", "<= base - 1.5 % per year"),
        ("tỷ lệ hộ nghèo giai đoạn 2026-2030 giảm 1,5%/năm", "%", "<= base - 1.5 % per year"),
        ("tăng bình quân 10 hộ/năm", "hộ", ">= base + 10 household per year"),
        ("tăng bình quân 0,5 điểm phần trăm/năm", "%", ">= base + 0.5 % per year"),
        (
            "tổng vốn đầu tư giai đoạn 2026-2030 đạt 5.000 tỷ đồng",
            "tỷ đồng",
            "cumulative >= 5000 billion_VND over 2026-2030",
        ),
        (
            "lũy kế giai đoạn 2026-2030 đạt trên 500 hộ",
            "hộ",
            "cumulative > 500 household over 2026-2030",
        ),
    ],
)
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_vietnamese_phrasings(text: str, unit: str, rule: str, form: str) -> None:
    """The phrasings of real term targets read as their canonical rule, NFC or NFD."""
    assert str(thidua.parse_rule(unicodedata.normalize(form, text), unit=unit)) == rule


def test_the_note_keeps_the_subject() -> None:
    """The subject words of a term target go to its note."""
    rule = thidua.parse_rule("tỷ lệ hộ nghèo giai đoạn 2026-2030 giảm 1,5%/năm", unit="%")
    assert rule.note == "tỷ lệ hộ nghèo giai đoạn 2026-2030"


def test_the_end_year_of_the_plan_itself_is_this_year() -> None:
    """'Đến năm 2030' in a 2030 plan is this year's level."""
    assert str(thidua.parse_rule("đến năm 2030 đạt 95%", unit="%", year=2030)) == ">= 95 %"


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        ("bình quân hằng năm tăng 8%", None, "rule.term_unit"),
        ("tăng bình quân 2%/năm", "%", "rule.term_target"),
        ("tốc độ tăng trưởng bình quân 8%/năm", "%", "rule.term_target"),
        ("giai đoạn 2026-2030 giảm 5%", "%", "rule.term_target"),
        ("giai đoạn 2026-2030 đạt 5.000 tỷ đồng", "tỷ đồng", "rule.term_target"),
        ("tổng giai đoạn 2026-2030 đạt 50%", "%", "rule.term_target"),
        ("cả giai đoạn tổng đạt 5.000 tỷ đồng", "tỷ đồng", "rule.term_target"),
        ("bình quân 8%/năm", "tỷ đồng", "rule.term_target"),
        ("đến năm đạt 95%", "%", "rule.term_target"),
        ("vào năm 2030 đạt 100%", "%", "rule.term_target"),
        ("đến năm 2030 đạt 2 điểm phần trăm", "%", "rule.points"),
        ("bình quân hằng năm giảm 120%", "hộ", "rule.syntax"),
        ("tăng bình quân 2 điểm phần trăm/năm", "hộ", "rule.points"),
        ("== 95 % by 2030", None, "rule.syntax"),
        (">= 95 % by 1200", None, "rule.term_year"),
        (">= 95 % by 20300", None, "rule.syntax"),
        ("cumulative >= 5 over 2030-2026", None, "rule.term_year"),
        ("cumulative >= 5 over 2026", None, "rule.syntax"),
        ("cumulative >= 5", None, "rule.syntax"),
        (">= base * 108 %", None, "rule.syntax"),
        (">= base * -5 % per year", None, "rule.signed_change"),
        (">= base * 108 household per year", None, "rule.factor_unit"),
        (">= base * 0 % per year", None, "rule.factor_unit"),
    ],
)
def test_what_is_refused(text: str, unit: str | None, code: str) -> None:
    """A term target whose meaning is not certain is refused, with a code that says why."""
    with pytest.raises(thidua.ThiduaError) as info:
        thidua.parse_rule(text, unit=unit)
    assert info.value.code == code


def test_check_judges_every_form() -> None:
    """check() judges a year's figure against the milestone, exactly."""
    check = thidua.check
    assert (
        check(">= base * 108 % per year", 11664, baseline=10000, years=2, unit="billion_VND")
        is Status.ACHIEVED
    )
    assert (
        check(">= base * 108 % per year", 11663, baseline=10000, years=2, unit="billion_VND")
        is Status.NOT_ACHIEVED
    )
    assert check("<= base - 1.5 % per year", "7 %", baseline="10 %", years=2) is Status.ACHIEVED
    assert (
        check("<= base - 1.5 % per year", "7.1 %", baseline="10 %", years=2) is Status.NOT_ACHIEVED
    )
    assert check(">= 95 % by 2030", "95 %") is Status.ACHIEVED
    assert (
        check(">= 95 % by 2030", "91 %", baseline="85 %", years=3, base_year=2025)
        is Status.ACHIEVED
    )
    assert (
        check(">= 95 % by 2030", "90.9 %", baseline="85 %", years=3, base_year=2025)
        is Status.NOT_ACHIEVED
    )
    assert (
        check(">= 95 % by 2030", "90 %", baseline="85 %", years=5, base_year=2025)
        is Status.NOT_ACHIEVED
    )
    cumulative = "cumulative >= 5000 billion_VND over 2026-2030"
    assert check(cumulative, "2000 tỷ đồng", years=2) is Status.ACHIEVED
    assert check(cumulative, "1999 tỷ đồng", years=2) is Status.NOT_ACHIEVED
    assert check(cumulative, "5000 tỷ đồng") is Status.ACHIEVED
    assert check(">= base * 108 % per year", None, baseline=10, years=1) is Status.NO_DATA
    assert check(">= base * 108 % per year", 10, years=1) is Status.NO_DATA


def test_assess_gives_the_milestone_and_the_gap() -> None:
    """assess() gives the milestone as the target, the baseline as its reference, the gap."""
    a = thidua.assess(">= 95 % by 2030", "90 %", baseline="85 %", years=3, base_year=2025)
    assert a.target is not None
    assert a.target.quantity == Quantity(91, "percent")
    assert a.target.reference == Quantity(85, "percent")
    assert a.margin == Quantity(-1, "percent")
    assert a.attainment == Fraction(90, 91)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"years": -1}, "term.years"),
        ({"years": True}, "term.years"),
        ({"years": 1.5}, "term.years"),
        ({"years": 6, "base_year": 2025, "baseline": "85 %"}, "term.year_outside"),
        ({"years": 2, "baseline": "85 %"}, "term.base_year"),
        ({"years": 2, "baseline": "85 %", "base_year": 2031}, "term.base_year"),
        ({"previous": "85 %"}, "term.arguments"),
    ],
)
def test_check_refuses_bad_years(kwargs: dict[str, object], code: str) -> None:
    """Bad years are located usage errors with a code, never a bare exception."""
    with pytest.raises(thidua.UsageError) as info:
        thidua.check(">= 95 % by 2030", "90 %", **kwargs)  # type: ignore[arg-type]
    assert info.value.code == code
    assert info.value.what("vi")


def test_term_arguments_for_other_rules_and_checks() -> None:
    """baseline= on a yearly rule, years= missing for growth, a cumulative beyond its years."""
    with pytest.raises(thidua.UsageError, match="term targets") as info:
        thidua.check(">= 5", 5, baseline=4, years=1)
    assert info.value.code == "term.not_a_term_rule"
    with pytest.raises(thidua.UsageError) as info:
        thidua.check(">= base * 108 % per year", 5, baseline=4)
    assert info.value.code == "term.years"
    with pytest.raises(thidua.UsageError) as info:
        thidua.check("cumulative >= 5 over 2026-2030", 5, years=6)
    assert info.value.code == "term.year_outside"
    with pytest.raises(thidua.DataError):
        thidua.check(">= base * 108 % per year", 5, baseline=True, years=1)


def test_milestones_of_every_path() -> None:
    """Linear, geometric and pro-rata paths, reaching the target exactly at the end."""
    shown = {y: str(q) for y, q in milestones(">= 95 % by 2030", "85 %", 2025, 2030).items()}
    assert shown == {2026: "87 %", 2027: "89 %", 2028: "91 %", 2029: "93 %", 2030: "95 %"}
    growth = milestones(">= base * 108 % per year", "1000 tỷ đồng", 2025, 2030)
    assert growth[2030].magnitude == 1000 * Fraction(108, 100) ** 5
    change = milestones("<= base - 1.5 % per year", "10 %", 2025, 2030)
    assert change[2030] == Quantity(Fraction(5, 2), "percent")
    total = milestones("cumulative >= 5000 billion_VND over 2026-2030", None, 2025, 2030)
    assert [q.magnitude for q in total.values()] == [1000, 2000, 3000, 4000, 5000]
    early = milestones(">= 95 % by 2028", "85 %", 2025, 2030)
    assert early[2027].magnitude == Fraction(85) + Fraction(10) * 2 / 3
    assert early[2028] == early[2030] == Quantity(95, "percent")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ((">= 5", 4, 2025, 2030), "term.not_a_term_rule"),
        ((">= 95 % by 2030", None, 2025, 2030), "term.no_baseline"),
        ((">= 95 % by 2030", True, 2025, 2030), "term.no_baseline"),
        ((">= 95 % by 2030", 85, 2025, 2028), "term.year_outside"),
        ((">= base * 108 % per year", 85, 2025, 2025), "term.year_outside"),
        (("cumulative >= 5 over 2026-2031", None, 2025, 2030), "term.year_outside"),
    ],
)
def test_milestones_refuse_bad_input(args: tuple[object, ...], code: str) -> None:
    """Bad input to milestones() is a usage error with a code."""
    with pytest.raises(thidua.UsageError) as info:
        milestones(*args)  # type: ignore[arg-type]
    assert info.value.code == code


def test_milestones_refuse_a_year_that_is_no_year() -> None:
    """The years are whole numbers."""
    with pytest.raises(thidua.ArgumentTypeError):
        milestones(">= 95 % by 2030", 85, "2025", 2030)  # type: ignore[arg-type]


def test_path_value_is_the_one_formula() -> None:
    """The core's path_value gives the milestone without a baseline where none is needed."""
    rule = thidua.parse_rule(">= 95 % by 2030")
    assert isinstance(rule, ByYear)
    assert path_value(rule, own=Fraction(95), baseline=None, years=2, length=5) is None
    assert path_value(rule, own=Fraction(95), baseline=None, years=5, length=5) == 95


def test_the_plan_file_round_trip() -> None:
    """The term and base_year are read and written back, the rules canonical."""
    plan = _plan()
    assert plan.term == "2025-2030"
    assert plan.term_years == (2025, 2030)
    assert plan.base_year == 2025
    text = thidua.dumps_plan(plan)
    assert 'term = "2025-2030"' in text
    assert 'rule = "cumulative >= 5000 billion_VND over 2026-2030"' in text
    assert thidua.loads_plan(text) == plan


def test_evaluate_a_year_of_the_term() -> None:
    """evaluate() judges each term indicator against that year's milestone."""
    plan = _plan()
    ev = thidua.evaluate(plan, _data(plan), 2027)
    results = ev.results
    assert results["NS"].status is Status.ACHIEVED  # 89 % against 89 %
    assert results["TN"].status is Status.ACHIEVED  # 1166.4 against 1000 × 1.08²
    assert results["HN"].status is Status.NOT_ACHIEVED  # 7.5 % against 7 %
    assert results["VDT"].status is Status.ACHIEVED  # 2000 against 2000
    assert results["K1"].status is Status.ACHIEVED
    assert "mốc lộ trình" in results["HN"].explanation.vi
    assert "behind the path by 0.5%" in results["HN"].explanation.en
    assert "on the path" in results["NS"].explanation.en


def test_evaluate_the_end_year_and_outside_the_term() -> None:
    """The end year is judged against the target; the base year and halves are not applicable."""
    plan = _plan()
    data = _data(plan)
    end = thidua.evaluate(plan, data, 2030).results
    assert end["NS"].status is Status.ACHIEVED
    assert end["TN"].status is Status.NOT_ACHIEVED  # one unit below 1000 × 1.08⁵
    assert end["VDT"].status is Status.NO_DATA
    assert end["VDT"].assessment.missing == ("2028", "2029", "2030")
    assert "no figures yet for 2028, 2029, 2030" in end["VDT"].explanation.en
    assert "chưa có số liệu các năm 2028, 2029, 2030" in end["VDT"].explanation.vi
    assert end["VDT"].explanation.vi.startswith("Tổng vốn đầu tư: ")
    base = thidua.evaluate(plan, data, 2025).results
    assert base["NS"].status is Status.NOT_APPLICABLE
    assert "not judged" in base["NS"].explanation.en
    assert thidua.evaluate(plan, data, "2027-H1").results["NS"].status is Status.NOT_APPLICABLE


def test_a_missing_baseline_is_no_data_with_the_reason() -> None:
    """A term whose base year has no figure is no data, saying the baseline is missing."""
    plan = _plan()
    data = thidua.loads_data("indicator,period,value\nNS,2027,89 %\n", plan=plan)
    result = thidua.evaluate(plan, data, 2027).results["NS"]
    assert result.status is Status.NO_DATA
    assert result.assessment.missing == ("baseline",)
    assert result.explanation.vi == (
        "Tỷ lệ hộ dùng nước sạch: chưa có số liệu năm gốc 2025 để xét mục tiêu nhiệm kỳ."
    )
    assert result.explanation.en == (
        "Tỷ lệ hộ dùng nước sạch: no figures yet for the base year 2025 to judge the term target."
    )
    assert ">=" not in result.explanation.vi  # the plan's words, not the canonical rule


def test_every_path_agrees() -> None:
    """evaluate, evaluate_many and check give the same statuses for term indicators."""
    plan = _plan()
    data = _data(plan)
    single = thidua.evaluate(plan, data, 2027)
    member = thidua.Member("m", "Đơn vị")
    many = thidua.evaluate_many(plan, {member.id: data}, 2027, members=[member])
    for ident in ("NS", "TN", "HN", "VDT"):
        assert many[member.id].results[ident].status is single.results[ident].status
    assert (
        thidua.check(plan.indicator("HN").rule, "7.5 %", baseline="10 %", years=2)
        is single.results["HN"].status
    )


def test_the_mid_term_review() -> None:
    """mid_term() says on the path or behind it, and by how much."""
    plan = _plan()
    review = mid_term(plan, _data(plan), 2027)
    poor = review["HN"]
    assert poor.status is TermStatus.BEHIND
    assert poor.on_path is False
    assert poor.milestone is not None
    assert poor.milestone.magnitude == 7
    assert poor.actual is not None
    assert poor.actual.magnitude == Fraction(15, 2)
    assert poor.behind_by is not None
    assert poor.behind_by.magnitude == Fraction(1, 2)
    assert poor.target is not None
    assert poor.target.magnitude == Fraction(5, 2)
    water = review["NS"]
    assert water.on_path is True
    assert water.behind_by is None
    assert water.target is not None
    assert water.target.magnitude == 95
    assert review["VDT"].target is not None
    assert review["VDT"].target.magnitude == 5000
    assert review["TN"].target is not None
    assert "K1" not in review
    assert TermStatus.BEHIND.vi == "Chậm so với lộ trình"
    assert TermStatus.ON_PATH.en == "On the path"


def test_the_mid_term_review_refuses_bad_years() -> None:
    """A year outside the term, or a plan with no term, is refused."""
    plan = _plan()
    with pytest.raises(thidua.UsageError) as info:
        mid_term(plan, _data(plan), 2031)
    assert info.value.code == "term.year_outside"
    example = thidua.examples.hoa_thuan_2024()
    with pytest.raises(thidua.UsageError) as info:
        mid_term(example, thidua.examples.hoa_thuan_2024_data(), 2024)
    assert info.value.code == "plan.term_rule"


def test_no_data_in_the_mid_term_review() -> None:
    """No data is neither on the path nor behind it."""
    plan = _plan()
    review = mid_term(plan, thidua.loads_data("indicator,period,value\n", plan=plan), 2027)
    assert review["NS"].status is TermStatus.NO_DATA
    assert review["NS"].on_path is None
    assert review["TN"].target is None


@pytest.mark.parametrize(
    ("head", "rule", "code"),
    [
        ('term = "2030-2025"\n', ">= 90 %", "plan.term"),
        ('term = "2025"\n', ">= 90 %", "plan.term"),
        ('term = "2025-2030"\nbase_year = 2030\n', ">= 90 %", "plan.term"),
        ("", ">= 95 % by 2030", "plan.term_rule"),
        ('term = "2025-2030"\nbase_year = 2025\n', ">= 95 % by 2035", "plan.term_year"),
        (
            'term = "2025-2030"\nbase_year = 2025\n',
            "cumulative >= 5 % over 2025-2030",
            "plan.term_year",
        ),
        ('term = "2025-2030"\nbase_year = 2025\n', ">= 95 household by 2030", "plan.rule_unit"),
    ],
)
def test_bad_plans(head: str, rule: str, code: str) -> None:
    """A plan's term, base year and term targets are checked, located."""
    text = (
        f'id = "p"\ntitle = "T"\nyear = 2025\n{head}[[groups]]\nid = "G"\nname = "g"\n'
        f'[[groups.indicators]]\nid = "I1"\nname = "x"\nunit = "%"\nrule = "{rule}"\n'
    )
    with pytest.raises(thidua.PlanError) as info:
        thidua.loads_plan(text, file="plan.toml")
    assert info.value.code == code
    assert info.value.file == "plan.toml"


def test_a_term_target_is_no_per_org_unit_rule() -> None:
    """per_org_unit cannot be a term target."""
    with pytest.raises(thidua.PlanError) as info:
        thidua.Indicator("I", "x", rule="all org units", per_org_unit=">= 95 % by 2030")
    assert info.value.code == "plan.per_org_unit"


def test_the_term_must_be_text() -> None:
    """A term that is not text is refused."""
    with pytest.raises(thidua.ThiduaError):
        thidua.Plan("p", "T", year=2025, term=2025)  # type: ignore[arg-type]


def test_a_yes_no_figure_cannot_be_summed() -> None:
    """A cumulative target with a yes/no figure is a located data error."""
    plan = _plan()
    compiled = compile_plan(plan)
    assert compiled.term_judge(plan.indicator("VDT")).rule == plan.indicator("VDT").rule
    data = thidua.loads_data("indicator,period,value\nVDT,2026,đạt\n", plan=plan)
    with pytest.raises(thidua.DataError):
        thidua.evaluate(plan, data, 2026)


def test_values_for_refuses_term_targets() -> None:
    """The strategies draw values for yearly rules only."""
    with pytest.raises(thidua.DataError):
        thidua.strategies.values_for(">= 95 % by 2030", "achieved")


@pytest.mark.parametrize(
    ("text", "unit", "code"),
    [
        ("đến năm 2030 đạt 95%", "hộ", "rule.share_of_count"),
        ("đến năm 2030 đạt -5 hộ", "hộ", "rule.signed_change"),
        ("bình quân hằng năm tăng -5 hộ", "hộ", "rule.signed_change"),
        ("tổng giai đoạn 2026-2030 đạt -5 hộ", "hộ", "rule.signed_change"),
    ],
)
def test_more_refusals(text: str, unit: str, code: str) -> None:
    """Signs and shares of a count are refused in term phrasings as in yearly ones."""
    with pytest.raises(thidua.ParseError) as info:
        thidua.parse_rule(text, unit=unit)
    assert info.value.code == code


def test_term_rule_fields_are_checked() -> None:
    """The term rule classes check their fields' types."""
    with pytest.raises(thidua.ArgumentTypeError):
        ByYear(Op.GE, Quantity(95, "percent"), "2030")  # type: ignore[arg-type]
    with pytest.raises(thidua.ArgumentTypeError):
        ByYear(Op.GE, None, 2030)  # type: ignore[arg-type]
    assert Cumulative(Op.GE, Quantity(10), 2026, 2030).years == 5
    assert AnnualGrowth(Op.GE, Quantity(Fraction(108, 100))).ratio == Fraction(27, 25)


def test_milestones_take_a_ratio_baseline() -> None:
    """A baseline given as numerator/denominator is its quantity."""
    path = milestones(">= 95 % by 2030", thidua.ratio(17, 20), 2025, 2030)
    assert path[2026].magnitude == 87


def test_a_compiled_term_error_is_raised_where_judged() -> None:
    """A term rule that cannot be compiled keeps its error, located when judged."""
    from thidua.evaluation.core import CompiledPlan

    plan = _plan()
    error = thidua.UnitError("x", code="unit.incompatible", vi="x")
    compiled = CompiledPlan(plan, plan.unit_registry(), {}, {"NS": error})
    with pytest.raises(thidua.UnitError):
        compiled.term_judge(plan.indicator("NS"))


def test_ahead_of_the_path_bare_numbers_and_a_later_cumulative() -> None:
    """Ahead of the path is said; bare cumulative figures sum; a later span is not yet due."""
    text = (
        'id = "p"\ntitle = "T"\nyear = 2025\nterm = "2025-2030"\nbase_year = 2025\n'
        '[[groups]]\nid = "G"\nname = "g"\n'
        '[[groups.indicators]]\nid = "A"\nname = "a"\nunit = "%"\nrule = ">= 95 % by 2030"\n'
        '[[groups.indicators]]\nid = "B"\nname = "b"\nrule = "cumulative >= 10 over 2026-2030"\n'
        '[[groups.indicators]]\nid = "C"\nname = "c"\nunit = "hộ"\n'
        'rule = "cumulative >= 10 household over 2028-2030"\n'
    )
    plan = thidua.loads_plan(text)
    data = thidua.loads_data(
        "indicator,period,value\nA,2025,85 %\nA,2026,90 %\nB,2026,3\n", plan=plan
    )
    results = thidua.evaluate(plan, data, 2026).results
    assert results["A"].status is Status.ACHIEVED
    assert "ahead by 3%" in results["A"].explanation.en
    assert results["B"].status is Status.ACHIEVED
    assert results["C"].status is Status.NOT_APPLICABLE


def test_a_term_rule_in_another_unit_keeps_its_error() -> None:
    """A plan built without its checks: the term rule's unit error is kept, raised when judged."""
    from thidua.plans import _DEFERRED

    token = _DEFERRED.set(True)
    try:
        indicator = thidua.Indicator("I", "x", unit="hộ", rule=">= 95 tỷ đồng by 2030")
        group = thidua.IndicatorGroup("G", "g", indicators=[indicator])
        plan = thidua.Plan("p", "T", year=2025, term="2025-2030", base_year=2025, groups=[group])
    finally:
        _DEFERRED.reset(token)
    compiled = compile_plan(plan)
    with pytest.raises(thidua.UnitError):
        compiled.term_judge(indicator)


def test_the_years_named_must_be_the_plans_term() -> None:
    """A phrasing naming years outside the plan's term is refused, in a plan file too."""
    with pytest.raises(thidua.ParseError) as info:
        thidua.parse_rule("đến năm 2035 đạt 95%", unit="%", term=(2025, 2030))
    assert info.value.code == "rule.term_span"
    with pytest.raises(thidua.ParseError) as info:
        thidua.parse_rule("giai đoạn 2021-2025 giảm 1,5%/năm", unit="%", term=(2025, 2030))
    assert info.value.code == "rule.term_span"
    rule = thidua.parse_rule("giai đoạn 2026-2030 giảm 1,5%/năm", unit="%", term=(2025, 2030))
    assert str(rule) == "<= base - 1.5 % per year"
    text = PLAN.replace("giai đoạn 2026–2030 giảm 1,5%/năm", "giai đoạn 2021-2025 giảm 1,5%/năm")
    with pytest.raises(thidua.PlanError) as plan_info:
        thidua.loads_plan(text, file="plan.toml")
    assert plan_info.value.code == "rule.term_span"
    assert plan_info.value.indicator == "HN"


@pytest.mark.parametrize("term", [(2025,), "2025-2030", (2025, "2030")])
def test_the_term_argument_is_checked(term: object) -> None:
    """parse_rule's term= is two whole years."""
    with pytest.raises(thidua.ArgumentTypeError):
        thidua.parse_rule(">= 1", term=term)  # type: ignore[arg-type]


def test_before_the_year_is_over_there_is_no_data_yet() -> None:
    """As of a date inside the year, a term target has no data yet."""
    plan = _plan()
    results = thidua.evaluate(plan, _data(plan), 2027, as_of="30/6/2027").results
    assert results["NS"].status is Status.NO_DATA
    assert results["VDT"].status is Status.NO_DATA
    assert "2027" in results["VDT"].assessment.missing


def test_a_cumulative_rate_given_as_parts_sums_its_values() -> None:
    """Figures given as numerator/denominator sum as their values."""
    text = (
        'id = "p"\ntitle = "T"\nyear = 2025\nterm = "2025-2030"\nbase_year = 2025\n'
        '[[groups]]\nid = "G"\nname = "g"\n'
        '[[groups.indicators]]\nid = "R"\nname = "r"\nunit = "percent"\nrate = true\n'
        'rule = "cumulative >= 100 % over 2026-2030"\n'
    )
    plan = thidua.loads_plan(text)
    data = thidua.loads_data(
        "indicator,period,numerator,denominator\nR,2026,1,2\nR,2027,1,4\n", plan=plan
    )
    result = thidua.evaluate(plan, data, 2027).results["R"]
    assert result.assessment.actual is not None
    assert result.assessment.actual.magnitude == 75
    assert result.status is Status.ACHIEVED  # 50 % + 25 % against 100 % × 2 / 5 = 40 %


BOUNDED = """
id = "nk"
title = "Nghị quyết nhiệm kỳ 2025-2030"
year = 2025
term = "2025-2030"
base_year = 2025
[[groups]]
id = "XH"
name = "Xã hội"
[[groups.indicators]]
id = "HN"
name = "Tỷ lệ hộ nghèo"
unit = "%"
rule = "tỷ lệ hộ nghèo giảm bình quân 1,5%/năm"
{bounds}
[[groups.indicators]]
id = "BHYT"
name = "Tỷ lệ tham gia bảo hiểm y tế"
unit = "%"
rule = "bình quân mỗi năm tăng 1,5 điểm phần trăm"
{bounds}
[[groups.indicators]]
id = "SH"
name = "Số hộ nghèo"
unit = "hộ"
rule = ">= base - 10 hộ per year"
"""
DECLARED = 'minimum = "0 %"\nmaximum = "100 %"'
BOUNDED_DATA = (
    "indicator,period,value\nHN,2025,3 %\nHN,2028,0 %\nBHYT,2025,99 %\nBHYT,2026,100 %\n"
    "SH,2025,15 hộ\nSH,2027,0 hộ\n"
)


def test_a_term_path_is_clipped_to_the_declared_bounds() -> None:
    """A rate at 0 % or 100 % is on a path that runs beyond the bound it declares."""
    plan = thidua.loads_plan(BOUNDED.format(bounds=DECLARED))
    data = thidua.loads_data(BOUNDED_DATA, plan=plan, number_format="en")
    poor = thidua.evaluate(plan, data, 2028).results["HN"]
    assert poor.status is Status.ACHIEVED
    assert poor.assessment.target is not None
    assert poor.assessment.target.quantity == Quantity(0, "percent")
    assert poor.assessment.target.clipped == "minimum"
    assert "mốc lộ trình ≤ 0% (giới hạn dưới của tỷ lệ): đúng lộ trình" in poor.explanation.vi
    assert "(the lower bound of a rate)" in poor.explanation.en
    insured = thidua.evaluate(plan, data, 2026).results["BHYT"]
    assert insured.status is Status.ACHIEVED
    assert "≥ 100% (giới hạn trên của tỷ lệ)" in insured.explanation.vi
    assert "(the upper bound of a rate)" in insured.explanation.en
    review = mid_term(plan, data, 2028)
    assert review["HN"].status is TermStatus.ON_PATH
    assert review["HN"].milestone == Quantity(0, "percent")
    assert review["HN"].target == Quantity(0, "percent")  # 3 − 7.5, clipped
    # above the bound is still behind it, by the distance to the bound (exactly)
    above = thidua.loads_data("indicator,period,value\nHN,2025,3 %\nHN,2028,0.5 %\n", plan=plan)
    late = mid_term(plan, above, 2028)["HN"]
    assert late.status is TermStatus.BEHIND
    assert late.behind_by == Quantity(Fraction(1, 2), "percent")


def test_a_count_path_stops_at_zero() -> None:
    """A count's path never runs below 0: none left is on the path."""
    plan = thidua.loads_plan(BOUNDED.format(bounds=DECLARED))
    data = thidua.loads_data(BOUNDED_DATA, plan=plan, number_format="en")
    count = thidua.evaluate(plan, data, 2027).results["SH"]
    assert count.status is Status.ACHIEVED
    assert count.assessment.target is not None
    assert count.assessment.target.clipped == "count"
    assert "(giới hạn dưới của số đếm)" in count.explanation.vi
    assert "(the lower bound of a count)" in count.explanation.en


def test_a_path_beyond_bounds_not_declared_is_not_guessed() -> None:
    """Without declared bounds a % figure may go beyond 0–100 %: where it decides, no data."""
    plan = thidua.loads_plan(BOUNDED.format(bounds=""))
    data = thidua.loads_data(BOUNDED_DATA, plan=plan, number_format="en")
    poor = thidua.evaluate(plan, data, 2028).results["HN"]
    assert poor.status is Status.NO_DATA
    assert poor.assessment.missing == ("bounds",)
    assert poor.assessment.target is not None
    assert poor.assessment.target.quantity == Quantity(Fraction(-3, 2), "percent")
    assert "mốc ≤ -1,5% nằm ngoài khoảng 0–100%" in poor.explanation.vi
    assert 'minimum = "0 %"' in poor.explanation.vi
    assert "lies outside 0–100 %" in poor.explanation.en
    assert thidua.evaluate(plan, data, 2026).results["BHYT"].status is Status.NO_DATA
    assert mid_term(plan, data, 2028)["HN"].status is TermStatus.NO_DATA
    # where the bound could not change the verdict, the path judges as written
    high = thidua.loads_data("indicator,period,value\nHN,2025,3 %\nHN,2028,1 %\n", plan=plan)
    assert thidua.evaluate(plan, high, 2028).results["HN"].status is Status.NOT_ACHIEVED
    # the path itself is the arithmetic one, unless bounds are given
    assert milestones("<= base - 1.5 % per year", "3 %", 2025, 2030)[2028] == Quantity(
        Fraction(-3, 2), "percent"
    )


PREVIOUS = """
id = "p"
title = "KH 2025"
year = 2025
[[groups]]
id = "XH"
name = "Xã hội"
[[groups.indicators]]
id = "HN"
name = "Tỷ lệ hộ nghèo"
unit = "%"
rule = "giảm 1,5%"
{bounds}
[[groups.indicators]]
id = "R"
name = "Tỷ lệ hồ sơ trễ hạn"
unit = "%"
rate = true
rule = "<= previous - 2 %"
[[groups.indicators]]
id = "SH"
name = "Số hộ nghèo"
unit = "hộ"
rule = "<= previous - 10 hộ"
"""


@pytest.mark.parametrize(
    ("bounds", "value", "status", "said"),
    [
        (DECLARED, "0 %", Status.ACHIEVED, "0% ≤ 0% (năm trước 1% − 1,5 điểm phần trăm, giới hạn"),
        (DECLARED, "0.5 %", Status.NOT_ACHIEVED, "0,5% > 0%"),
        ("", "0 %", Status.NO_DATA, "mốc ≤ -0,5% (năm trước 1% − 1,5 điểm phần trăm) nằm ngoài"),
        ("", "2 %", Status.NOT_ACHIEVED, "2% > -0,5%"),
    ],
)
def test_a_yearly_change_is_clipped_to_the_bounds(
    bounds: str, value: str, status: Status, said: str
) -> None:
    """``≤ previous − 1,5`` points from 1 %: 0 % meets it where 0 % is the declared bound."""
    plan = thidua.loads_plan(PREVIOUS.format(bounds=bounds))
    csv = (
        f"indicator,period,value,numerator,denominator\nHN,2024,1 %,,\nHN,2025,{value},,\n"
        "R,2024,,1,100\nR,2025,,0,100\nSH,2024,5 hộ,,\nSH,2025,0 hộ,,\n"
    )
    data = thidua.loads_data(csv, plan=plan, number_format="en")
    results = thidua.evaluate(plan, data, 2025).results
    assert results["HN"].status is status
    assert said in results["HN"].explanation.vi
    assert results["R"].status is Status.ACHIEVED  # a rate is not negative
    assert results["R"].assessment.target is not None
    assert results["R"].assessment.target.clipped == "rate"
    assert results["SH"].status is Status.ACHIEVED  # a count is not negative
    assert "giới hạn dưới của số đếm" in results["SH"].explanation.vi
    member = thidua.Member("X", "Đơn vị")
    many = thidua.evaluate_many(plan, {"X": data}, 2025, members=[member])
    assert dict(many.statuses("X")) == {k: r.status for k, r in results.items()}
    assert many["X"].results["HN"].explanation == results["HN"].explanation
    assert many["X"].results["SH"].explanation == results["SH"].explanation
    facts = thidua.evaluate_many(plan, {"X": data}, 2025, members=[member]).facts("X")
    for key in ("HN", "SH", "R"):
        assert facts[key].status is results[key].status
        full, quick = results[key].assessment.target, facts[key].target
        assert full is not None
        assert quick is not None
        assert quick.clipped == full.clipped
        assert quick.quantity is not None
        assert full.quantity is not None
        assert quick.quantity.magnitude == full.quantity.magnitude


def test_check_does_not_guess_bounds() -> None:
    """check() with no indicator knows no bound of a % figure: beyond 0 % it does not decide."""
    rule = "<= previous - 1.5 % change"
    assert thidua.check(rule, "0 %", previous="1 %", unit="%") is Status.NO_DATA
    assert thidua.check(rule, "2 %", previous="1 %", unit="%") is Status.NOT_ACHIEVED
    assert thidua.check(rule, "0 %", previous="3 %", unit="%") is Status.ACHIEVED
    assert thidua.check("<= previous - 10 hộ", "0 hộ", previous="5 hộ") is Status.ACHIEVED
    # a figure itself beyond a bound (check() with no indicator checks none): as written
    assert thidua.check(">= previous - 1 person", "-1 person", previous="0 person") is (
        Status.ACHIEVED
    )
    term = thidua.check(">= base - 10 hộ per year", "-5 hộ", baseline="5 hộ", years=1)
    assert term is Status.ACHIEVED
    # a figure itself below 0 % shows the indicator goes there: judged as written
    assert thidua.check(">= previous - 5 % change", "-1 %", previous="2 %", unit="%") is (
        Status.ACHIEVED
    )
    assert thidua.check(">= previous - 5 % change", "-4 %", previous="2 %", unit="%") is (
        Status.NOT_ACHIEVED
    )
    assert thidua.check("<= previous + 5 % change", "101 %", previous="98 %", unit="%") is (
        Status.ACHIEVED
    )
    assert thidua.check("<= previous + 5 % change", "99 %", previous="98 %", unit="%") is (
        Status.ACHIEVED  # within 0-100 %: the bound changes nothing
    )


def test_milestones_within_bounds() -> None:
    """milestones(minimum=, maximum=) keeps the path within the indicator's bounds."""
    down = milestones("<= base - 1.5 % per year", "3 %", 2025, 2030, minimum="0 %")
    assert [str(q) for q in down.values()] == ["1.5 %", "0 %", "0 %", "0 %", "0 %"]
    up = milestones(">= base + 1.5 % per year", "99 %", 2025, 2027, maximum="100 %")
    assert list(up.values()) == [Quantity(100, "percent")] * 2
    level = milestones(">= 95 % by 2030", "85 %", 2025, 2030, maximum="100 %")
    assert level[2030] == Quantity(95, "percent")
    total = milestones("cumulative >= 5 tỷ đồng over 2026-2030", None, 2025, 2030, minimum=0)
    assert total[2030] == Quantity(5, "billion_VND")
    with pytest.raises(thidua.UnitError) as info:
        milestones("<= base - 1.5 % per year", "3 %", 2025, 2030, minimum="3 hộ")
    assert info.value.code == "unit.incompatible"
    with pytest.raises(thidua.PlanError) as bad:
        milestones("<= base - 1.5 % per year", "3 %", 2025, 2030, minimum="5 %", maximum="1 %")
    assert bad.value.code == "plan.bounds"


MERGED = """
id = "nk"
title = "Nghị quyết nhiệm kỳ 2025-2030"
year = 2025
term = "2025-2030"
base_year = 2025
[[groups]]
id = "KT"
name = "Kinh tế"
[[groups.indicators]]
id = "THU"
name = "Thu ngân sách"
unit = "tỷ đồng"
rule = "thu ngân sách tăng bình quân 10%/năm"
aggregation = "sum"
[[groups.indicators]]
id = "VDT"
name = "Tổng vốn đầu tư"
unit = "tỷ đồng"
rule = "tổng vốn đầu tư giai đoạn 2026-2030 đạt 500 tỷ đồng"
aggregation = "sum"
[[groups.indicators]]
id = "HN"
name = "Tỷ lệ hộ nghèo"
unit = "%"
rule = "tỷ lệ hộ nghèo giảm bình quân 0,5%/năm"
aggregation = "rate"
rate = true
"""
MERGED_DATA = """indicator,period,value,org_unit,numerator,denominator
THU,2025,100 tỷ đồng,,,
THU,2025,50 tỷ đồng,P2,,
THU,2025,50 tỷ đồng,MT,,
THU,2026,130 tỷ đồng,,,
VDT,2026,100 tỷ đồng,,,
HN,2025,,,4,100
HN,2025,,P2,10,100
HN,2025,,MT,10,100
HN,2026,,,20,300
"""


def test_the_mid_term_review_of_a_merged_unit_agrees_with_evaluate() -> None:
    """mid_term(lineage=, area=) judges a merged unit as evaluate does."""
    lineage = thidua.loads_lineage(
        "successor,predecessor,date\nP1,P2,2025-07-01\nP1,MT,2025-07-01\n"
    )
    plan = thidua.loads_plan(MERGED)
    data = thidua.loads_data(MERGED_DATA, plan=plan)
    merged = thidua.evaluate(plan, data, 2026, lineage=lineage, area="P1").results
    review = mid_term(plan, data, 2026, lineage=lineage, area="P1")
    alone = mid_term(plan, data, 2026)
    for key in ("THU", "VDT", "HN"):
        a = merged[key].assessment
        assert (
            review[key].status.value
            == {"achieved": "on_path", "not_achieved": "behind"}[a.status.value]
        )
        assert a.target is not None
        assert review[key].milestone == a.target.quantity
        assert review[key].baseline == a.previous
    assert review["THU"].status is TermStatus.BEHIND  # 130 against 200 × 110 %
    assert alone["THU"].status is TermStatus.ON_PATH  # 130 against 100 × 110 %
    assert review["HN"].status is TermStatus.ON_PATH
    assert review["THU"].target == Quantity(Fraction(200) * Fraction(11, 10) ** 5, "billion_VND")
    with pytest.raises(thidua.UsageError) as info:
        mid_term(plan, data, 2026, lineage=lineage, area="NOWHERE")
    assert info.value.code == "lineage.unknown_area"


def test_a_rate_may_be_written_in_percent_sign() -> None:
    """A rate indicator (rate = true) takes unit = "%", which is percent; others are refused."""
    head = 'id="p"\ntitle="t"\nyear=2025\n[[groups]]\nid="G"\nname="g"\n[[groups.indicators]]\n'
    text = head + 'id="A"\nname="Tỷ lệ hộ nghèo"\nunit="{unit}"\nrule="<= 2 %"\nrate=true\n'
    plan = thidua.loads_plan(text.format(unit="%"))
    data = thidua.loads_data("indicator,period,numerator,denominator\nA,2025,1,100\n", plan=plan)
    assert thidua.evaluate(plan, data, 2025).results["A"].status is Status.ACHIEVED
    with pytest.raises(thidua.PlanError) as info:
        thidua.loads_plan(text.format(unit="hộ").replace("<= 2 %", "<= 2"))
    assert info.value.code == "plan.rate"


def test_term_explanations_name_the_indicator_and_what_is_missing() -> None:
    """No data says, in Vietnamese and English, which indicator lacks which year's figure."""
    plan = _plan()
    data = thidua.loads_data("indicator,period,value\nTN,2025,1000 tỷ đồng\n", plan=plan)
    results = thidua.evaluate(plan, data, 2027).results
    assert results["NS"].explanation.vi == (
        "Tỷ lệ hộ dùng nước sạch: chưa có số liệu năm 2027 và năm gốc 2025 để xét mục tiêu"
        " nhiệm kỳ."
    )
    assert results["NS"].explanation.en == (
        "Tỷ lệ hộ dùng nước sạch: no figures yet for 2027 and for the base year 2025 to judge"
        " the term target."
    )
    assert results["NS"].assessment.missing == ("actual", "baseline")
    assert results["TN"].explanation.vi == (
        "Thu ngân sách: mốc lộ trình năm 2027 (năm gốc 2025): ≥ 1.166,4 tỷ đồng; chưa có số liệu"
        " năm 2027."
    )
    assert results["VDT"].explanation.vi.startswith("Tổng vốn đầu tư: mốc lộ trình năm 2027")
    assert "chưa có số liệu các năm 2026, 2027" in results["VDT"].explanation.vi
    before = thidua.evaluate(plan, data, 2025).results["NS"].explanation
    assert before.vi.startswith("Tỷ lệ hộ dùng nước sạch: mục tiêu nhiệm kỳ không xét cho năm 2025")
    assert before.en.startswith("Tỷ lệ hộ dùng nước sạch: the term target is not judged")
