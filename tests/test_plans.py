"""Plans: the model, the seed plan, and the TOML plan file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import (
    Indicator,
    IndicatorGroup,
    OrgUnit,
    Plan,
    PlanError,
    Quantity,
    Role,
    dumps_plan,
    load_plan,
    loads_plan,
)
from thidua.strategies import rules

# Every indicator of the seed plan, its unit and its rule (docs: the example plan).
SEED = [
    ("CK01", "Tỷ lệ giải ngân vốn đầu tư công", "percent", ">= 100 %"),
    ("CK02", "Thu ngân sách", "VND", ">= assigned"),
    ("CK03", "Tỷ lệ dân cư tham gia bảo hiểm y tế", "percent", ">= assigned"),
    ("CK04", "Số lao động đi làm việc có thời hạn ở nước ngoài", "person", ">= assigned"),
    ("CK05", "Số sản phẩm OCOP mới được công nhận đạt 3 sao trở lên", "product", ">= 1"),
    (
        "CK06a",
        "Số doanh nghiệp, hộ kinh doanh đăng ký thành lập mới",
        "establishment",
        "> previous",
    ),
    ("CK06b", "Số dự án khởi nghiệp mới", "project", ">= 1"),
    ("CK07", "Chỉ số SIPAS", "point", ">= previous"),
    ("CK08a", "Chỉ số cải cách hành chính", "point", "> previous"),
    ("CK08b", "Đánh giá, xếp loại dân chủ cơ sở", "point", "> previous"),
    ("CK08c", "Đánh giá, xếp loại dân vận chính quyền", "point", "> previous"),
    ("CK09", "Số sáng kiến được Chủ tịch UBND Thành phố công nhận", "initiative", ">= 1"),
    (
        "CK10",
        "Số trường hợp bị UBND Thành phố phê bình, yêu cầu kiểm điểm bằng văn bản",
        "case",
        "== 0",
    ),
    ("CK11a", "Tỷ lệ đơn thư khiếu nại, tố cáo được giải quyết kịp thời", "percent", ">= 100 %"),
    ("CK11b", "Số vụ tham nhũng, tiêu cực, sai phạm", "case", "== 0"),
    ("CK11c", "Số điểm nóng về an ninh trật tự", "case", "== 0"),
    ("CK12", "Tỷ lệ nhiệm vụ hoàn thành đúng hạn trên phần mềm giao việc", "percent", ">= 100 %"),
    (
        "KT01",
        "Số cơ sở sản xuất kinh doanh, thương mại - dịch vụ phát triển mới",
        "establishment",
        ">= 10",
    ),
    ("KT02", "Thu ngân sách trên địa bàn", "VND", ">= assigned"),
    ("KT03", "Tỷ lệ người dân tham gia bảo hiểm y tế", "percent", ">= 97.5 %"),
    ("KT04", "Tỷ lệ lao động qua đào tạo", "percent", ">= 88 %"),
    ("KT05a", "Đạt Bộ tiêu chí quốc gia về y tế xã", None, "is true"),
    ("KT05b", "Duy trì đạt chuẩn tiên tiến về y học cổ truyền", None, "is true"),
    ("KT06a", "Số khóm đạt khóm văn minh đô thị", None, "all org units"),
    ("KT06b", "Phường đạt chuẩn phường văn minh đô thị", None, "is true"),
    ("KT06c", "Phường đạt đơn vị văn hóa", None, "is true"),
    ("KT07", "Số hộ nghèo", "household", "<= previous - 2 household"),
    ("KT08", "Số lao động đi làm việc ở nước ngoài theo hợp đồng", "person", ">= 6"),
    ("KT09", "Số căn nhà đại đoàn kết được xây dựng", "house", ">= 1"),
    ("KT10", "Số công dân nhập ngũ và thực hiện nghĩa vụ Công an nhân dân", "person", ">= 9"),
    ("KT11a", "Số vụ phạm pháp hình sự", "case", "< previous"),
    ("KT11b", "Số vụ trọng án", "case", "== 0"),
    ("KT11c", "Số điểm nóng về tệ nạn xã hội", "case", "== 0"),
    ("KT12", "Tỷ lệ giải quyết đơn thư khiếu nại, tố cáo", "percent", "> 98 %"),
    ("KT13", "Tỷ lệ hòa giải thành", "percent", "> 90 %"),
]
COMPOSITES = {
    "CK06": ["CK06a", "CK06b"],
    "CK08": ["CK08a", "CK08b", "CK08c"],
    "CK11": ["CK11a", "CK11b", "CK11c"],
    "KT05": ["KT05a", "KT05b"],
    "KT06": ["KT06a", "KT06b", "KT06c"],
    "KT11": ["KT11a", "KT11b", "KT11c"],
}


@pytest.fixture(scope="module")
def seed() -> Plan:
    """The shipped seed plan."""
    return thidua.examples.hoa_thuan_2024()


@pytest.mark.parametrize(("id_", "name", "unit", "rule"), SEED, ids=[s[0] for s in SEED])
def test_seed_indicators(seed: Plan, id_: str, name: str, unit: str | None, rule: str) -> None:
    """Every indicator of §3 has its id, the plan's words, its unit and its rule."""
    indicator = seed.indicator(id_)
    assert (indicator.name, indicator.unit, str(indicator.rule)) == (name, unit, rule)


def test_seed_structure(seed: Plan) -> None:
    """Two groups of 12 and 13, composites with all-of criteria, rates, 5 khóm, 2 reports."""
    assert [g.id for g in seed.groups] == ["CK", "KT"]
    assert [len(g.indicators) for g in seed.groups] == [12, 13]
    for composite, criteria in COMPOSITES.items():
        ind = seed.indicator(composite)
        assert ind.combine is thidua.Combine.ALL
        assert [c.id for c in ind.criteria] == criteria
    assert {i.id for i in seed.indicators() if i.rate} == {"CK01", "CK11a", "CK12", "KT12", "KT13"}
    assert [u.name for u in seed.org_units] == [f"Khóm {i}" for i in range(1, 6)]
    assert [(r.name, str(r.period), r.due) for r in seed.reports] == [
        ("Báo cáo sơ kết 6 tháng", "2024-H1", dt.date(2024, 6, 10)),
        ("Báo cáo tổng kết năm", "2024", dt.date(2024, 10, 5)),
    ]
    assert str(seed.indicator("KT06a").unit_rule) == "is true"


def test_seed_document_parts(seed: Plan) -> None:
    """Metadata, legal basis, purposes, objectives, contents, responsibilities, recipients, signer."""
    assert (seed.number, seed.issuer, seed.place, seed.year) == (
        "/KH-UBND",
        "Ủy ban nhân dân phường Hòa Thuận",
        "Hòa Thuận",
        2024,
    )
    assert seed.issued == thidua.IssueDate(2024, month=1)
    assert "Kế hoạch số 14/KH-UBND ngày 11 tháng 01 năm 2024" in seed.legal_basis[0]
    assert len(seed.purposes) == 1
    assert len(seed.requirements) == 1
    assert len(seed.objectives) == 5
    assert len(seed.contents) == 4
    assert len(seed.solutions) == 3
    assert len(seed.recipients) == 7
    assert seed.signer == thidua.Signer(
        "Ngô Hữu Phước", "Chủ tịch", on_behalf_of="TM. Ủy ban nhân dân"
    )
    roles = [(r.party.split(" ")[0], r.role) for r in seed.responsibilities]
    assert roles[0] == ("Công", Role.LEAD)
    assert len(seed.responsibilities) == 4
    assert "(10/6)" in seed.responsibilities[0].duties[2]


def test_seed_rules_agree_with_the_plans_own_words(seed: Plan) -> None:
    """Where the plan's wording is a phrasing parse_rule knows, it gives the encoded rule."""
    checked = 0
    for indicator in seed.indicators():
        if indicator.text and indicator.rule is not None:
            for clause in (indicator.text,):
                if indicator.id in {
                    "CK05",
                    "CK09",
                }:  # "có thêm 01" is '>= previous + 1'; these count new ones
                    continue
                try:
                    parsed = thidua.parse_rule(
                        clause, org_unit_count=len(seed.org_units), year=seed.year
                    )
                except thidua.ParseError:
                    continue
                checked += 1
                if isinstance(parsed, thidua.OrgUnits) and parsed.total == len(seed.org_units):
                    parsed = thidua.OrgUnits(parsed.count, parsed.op)  # "5/5 khóm" of 5: all
                unit = f" {indicator.unit}"
                assert str(parsed).replace(unit, "") == str(indicator.rule).replace(unit, ""), (
                    indicator.id
                )
    assert checked >= 8


def test_seed_plan_round_trips(seed: Plan) -> None:
    """Load -> dump -> load gives an equal plan."""
    assert loads_plan(dumps_plan(seed)) == seed


def test_dump_plan_to_a_file(tmp_path: Path, seed: Plan) -> None:
    """dump_plan writes a file load_plan reads back equal."""
    path = tmp_path / "plan.toml"
    thidua.dump_plan(seed, path)
    assert load_plan(path) == seed


@given(st.lists(rules(), min_size=1, max_size=6), st.integers(0, 5))
def test_generated_plans_round_trip(generated: list[thidua.Rule], org_units: int) -> None:
    """Plans with any rules (unit-free indicators) survive dump and load."""
    indicators = []
    for i, rule in enumerate(generated):
        if isinstance(rule, thidua.OrgUnits) and (
            org_units == 0 or (rule.count or 0) > org_units or rule.total not in (None, org_units)
        ):
            continue
        unit = None
        if isinstance(rule, thidua.Comparison):
            q = (
                rule.operand
                if isinstance(rule.operand, thidua.Quantity)
                else getattr(rule.operand, "offset", None)
            )
            unit = q.unit if isinstance(q, thidua.Quantity) else None
        indicators.append(
            Indicator(
                f"I{i}",
                f'Chỉ tiêu {i} “trích dẫn” \\ "x"',
                unit=unit,
                rule=rule,
                note="ghi chú\nhai dòng",
            )
        )
    plan = Plan(
        "gen",
        "Kế hoạch",
        year=2024,
        groups=[IndicatorGroup("G", "Nhóm", indicators=indicators)],
        org_units=[OrgUnit(f"K{i}", f"Khóm {i}") for i in range(org_units)],
    )
    assert loads_plan(dumps_plan(plan)) == plan


PLAN_HEAD = 'id = "p"\ntitle = "T"\nyear = 2024\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id = \n", "<plan>:1:6: not valid TOML"),
        ('title = "T"\nyear = 2024\n', "at id: the required key 'id' is missing"),
        (PLAN_HEAD + "colour = 3\n", "<plan>:4: at colour: unknown key 'colour'"),
        (
            PLAN_HEAD
            + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "I1"\nname = "x"\nrule = "trên abc"\n',
            "<plan>:10: at groups[0].indicators[0].rule, indicator I1: cannot read rule 'trên abc'",
        ),
        (
            PLAN_HEAD
            + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "I1"\nname = "x"\nrule = ">= 1"\nunit = "thùng"\n',
            "indicator I1: unknown unit 'thùng'",
        ),
        (
            PLAN_HEAD
            + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "I1"\nname = "x"\nrule = ">= 1 household"\nunit = "person"\n',
            "<plan>:10: at groups[0].indicators[0].rule, indicator I1: the rule is in 'household', which does not fit the indicator's unit 'person'",
        ),
        (
            PLAN_HEAD
            + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "I1"\nname = "x"\nrule = ">= 1"\n[[groups.indicators]]\nid = "I1"\nname = "y"\nrule = ">= 1"\n',
            "<plan>:12: at groups[0].indicators[1].id, indicator I1: id 'I1' is used twice",
        ),
        (
            PLAN_HEAD
            + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "I1"\nname = "x"\nrule = "all org units"\n',
            "counts org units, but the plan has none",
        ),
        (
            PLAN_HEAD
            + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "I1"\nname = "x"\n',
            "<plan>:7: at groups[0].indicators[0], indicator I1: the indicator has no rule",
        ),
        (
            PLAN_HEAD
            + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "I1"\nname = "x"\ncombine = "some"\n',
            "'some' must be one of 'all', 'any'",
        ),
        (
            PLAN_HEAD
            + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "I1"\nname = "x"\nrule = 5\n',
            "at groups[0].indicators[0].rule, indicator I1: a rule must be text such as '>= 97.5 %', not 5",
        ),
        (
            PLAN_HEAD + '[[reports]]\nname = "r"\nperiod = "2024-H1"\ndue = "10/6"\n',
            "<plan>:7: at reports[0].due: the due date '10/6' must be a date written 2024-06-10",
        ),
        (
            PLAN_HEAD + '[[units]]\nname = "bad name"\n',
            "<plan>:4: at units[0]: unit name 'bad name' must be an identifier",
        ),
        (PLAN_HEAD + 'number_format = "fr"\n', "number_format='fr' must be 'vi' or 'en'"),
        (
            'id = "p"\ntitle = "T"\nyear = "2024"\n',
            "<plan>:3: at year: the year must be a whole number, not '2024'",
        ),
        (
            PLAN_HEAD + 'purposes = "one"\n',
            "at purposes: a purpose must be a list of texts, not 'one'",
        ),
        (PLAN_HEAD + "purposes = [1]\n", "at purposes: a purpose must be text, not 1"),
        (
            PLAN_HEAD
            + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "I1"\nname = "x"\nrule = ">= 1"\nrate = "yes"\n',
            "indicator I1: rate must be true or false, not 'yes'",
        ),
        (
            PLAN_HEAD
            + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "I1"\nname = "x"\nrule = ">= 1"\nminimum = true\n',
            "at groups[0].indicators[0].minimum, indicator I1: a quantity must be text such as '100 %' or a number, not True",
        ),
        (
            PLAN_HEAD
            + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "I1"\nname = "x"\nrule = ">= 1"\nname2 = 1\n',
            "<plan>:11: at groups[0].indicators[0].name2, indicator I1: unknown key 'name2' — did you mean 'name'?",
        ),
        (
            PLAN_HEAD + '[[reports]]\nname = "r"\nperiod = 2024.5\ndue = 2024-06-10\n',
            "<plan>:6: at reports[0].period: the period must be text such as '2024-H1', not 2024.5",
        ),
        (
            'title = 5\nyear = "x"\n',
            "<plan>:1: at title: the plan title must be text, not 5 (and 2 more problems)",
        ),
    ],
)
def test_plan_file_errors_name_the_key_and_line(text: str, message: str) -> None:
    """Each kind of bad plan file is a PlanError naming the key path and, where it can, the line."""
    with pytest.raises(PlanError) as info:
        loads_plan(text)
    assert message in str(info.value)


def test_plan_file_io_errors(tmp_path: Path) -> None:
    """Missing and non-UTF-8 plan files are PlanErrors naming the file."""
    with pytest.raises(PlanError, match="cannot read the plan file"):
        load_plan(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'id = "p"\ntitle = "H\xf4a"\n')
    with pytest.raises(PlanError, match=r"bad.toml:2:11: the plan file is not UTF-8 \(byte 0xf4\)"):
        load_plan(bad)


def test_numbers_as_bounds() -> None:
    """A bound may be a plain TOML number; it takes the indicator's unit."""
    plan = loads_plan(
        PLAN_HEAD
        + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "I1"\nname = "x"\n'
        + 'unit = "percent"\nrule = "> 98 %"\nminimum = 0\nmaximum = 100\n'
    )
    assert plan.indicator("I1").maximum == thidua.Quantity(100)


def test_plan_units_and_number_format(tmp_path: Path) -> None:
    """A plan may declare units and its number format; its rules use them."""
    plan = loads_plan(
        PLAN_HEAD
        + 'number_format = "vi"\n[[units]]\nname = "petition"\naliases = ["đơn thư"]\nvi = "đơn"\n'
        + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "I1"\nname = "x"\nunit = "petition"\nrule = "trên 12.345 đơn thư"\n'
    )
    assert str(plan.indicator("I1").rule) == "> 12345 petition"
    assert loads_plan(dumps_plan(plan)) == plan


def test_model_invariants() -> None:
    """Invalid indicators and plans cannot be built."""
    with pytest.raises(PlanError, match="needs combine"):
        Indicator("C", "c", criteria=[Indicator("C1", "x", rule="is true")])
    with pytest.raises(PlanError, match="takes its status from its criteria"):
        Indicator(
            "C", "c", rule="is true", combine="all", criteria=[Indicator("C1", "x", rule="is true")]
        )
    with pytest.raises(PlanError, match="without spaces"):
        Indicator("C 1", "c", rule="is true")
    with pytest.raises(PlanError, match="per_org_unit is only for org-unit rules"):
        Indicator("C", "c", rule="is true", per_org_unit="is true")
    with pytest.raises(PlanError, match="takes no unit"):
        Plan(
            "p",
            "t",
            year=2024,
            groups=[
                IndicatorGroup(
                    "G", "g", indicators=[Indicator("I", "x", unit="case", rule="is true")]
                )
            ],
        )
    deep = Indicator("L", "leaf", rule="is true")
    for i in range(10):
        deep = Indicator(f"D{i}", "d", combine="all", criteria=[deep])
    with pytest.raises(PlanError, match="nested deeper than 8"):
        Plan("p", "t", year=2024, groups=[IndicatorGroup("G", "g", indicators=[deep])])


def test_text_is_kept_as_nfc_without_transliteration() -> None:
    """Names given in NFD are stored in NFC, diacritics kept."""
    import unicodedata

    ind = Indicator("KT07", unicodedata.normalize("NFD", "Số hộ nghèo"), rule="<= 40")
    assert ind.name == "Số hộ nghèo"
    assert unicodedata.is_normalized("NFC", ind.name)


def test_bounds_are_read_as_quantities() -> None:
    """minimum/maximum given as text or a number become Quantities (was: a crash later)."""
    text = Indicator("P", "Điểm", unit="point", rule=">= 90", minimum="0 điểm", maximum="100 point")
    assert text.minimum == Quantity(0, "point")
    assert text.maximum == Quantity(100, "point")
    number = Indicator("P", "Điểm", unit="point", rule=">= 90", maximum=100)
    assert number.maximum == Quantity(100)
    with pytest.raises(thidua.ArgumentTypeError, match="the maximum must be a Quantity, a number"):
        Indicator("P", "Điểm", unit="point", rule=">= 90", maximum=[100])
    with pytest.raises(thidua.UnitError):
        Indicator("P", "Điểm", unit="point", rule=">= 90", maximum="100 quả táo")
