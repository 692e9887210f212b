"""Data-entry templates: written for a plan, filled as a clerk would, read back and judged."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import thidua
import thidua.report
from thidua.data import Kind
from thidua.entry import data_template, target_words
from thidua.rules import parse_rule
from thidua.spreadsheets import META_SHEET, TEMPLATE_AT, TEMPLATE_HEADER_ROW, TEMPLATE_SHEET
from thidua.units import default_units

PLAN = thidua.examples.hoa_thuan_2024()

#: What the clerk types, by indicator (and khóm): the column and the value.
FIGURES: dict[tuple[str, str | None], dict[str, Any]] = {
    ("CK01", None): {"value": 1},  # 100 %, typed in a percent cell
    ("CK02", None): {"value": 3_450_000_000, "assigned": 3_200_000_000},
    ("CK03", None): {"value": 0.968, "assigned": 0.965},
    ("CK04", None): {"value": 4, "assigned": 5},  # below the assigned 5: not achieved
    ("CK06a", None): {"value": 45, "previous": 40},
    ("CK11a", None): {"numerator": 24, "denominator": 24},
    ("KT03", None): {"value": 0.968},
    ("KT04", None): {"value": "88,4%"},  # typed as text, read as the CSV reader reads it
    ("KT05a", None): {"value": "đạt"},
    ("KT05b", None): {"value": "không đạt", "note": "chưa được công nhận"},
    ("KT12", None): {"numerator": 50, "denominator": 50},
    **{("KT07", k): {"value": 8, "previous": 10} for k in ("K1", "K2", "K3", "K4", "K5")},
    **{("KT06a", k): {"value": "đạt"} for k in ("K1", "K2", "K3", "K4", "K5")},
}


def _rows(sheet: Any) -> dict[tuple[str, str | None], int]:
    """Each (indicator, khóm) of the data sheet and its row."""
    found = {}
    for number in range(TEMPLATE_HEADER_ROW + 1, sheet.max_row + 1):
        indicator = sheet.cell(number, TEMPLATE_AT["indicator"]).value
        org_unit = sheet.cell(number, TEMPLATE_AT["org_unit"]).value
        found[indicator, org_unit] = number
    return found


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plan's template for 2024, written once for the module."""
    return data_template(PLAN, "2024", tmp_path_factory.mktemp("t") / "nhap-so-lieu.xlsx")


def _fill(template: Path, out: Path, figures: dict[tuple[str, str | None], dict[str, Any]]) -> Path:
    """The template filled with ``figures`` as a clerk would, saved to ``out``."""
    book = openpyxl.load_workbook(template)
    sheet = book[TEMPLATE_SHEET]
    rows = _rows(sheet)
    for key, columns in figures.items():
        for field, value in columns.items():
            sheet.cell(rows[key], TEMPLATE_AT[field]).value = value
    book.save(out)
    return out


def test_the_template_has_a_row_per_figure_and_per_khom(template: Path) -> None:
    """The template has a row per figure and per khóm."""
    book = openpyxl.load_workbook(template)
    sheet = book[TEMPLATE_SHEET]
    rows = _rows(sheet)
    assert ("KT07", "K3") in rows  # summed across the khóm: one row each
    assert ("KT07", None) not in rows
    assert ("KT06a", "K5") in rows  # all org units: one row each
    assert ("KT06", None) not in rows  # a composite takes no figure
    assert ("CK06a", None) in rows
    assert sheet.cell(rows["CK06a", None], TEMPLATE_AT["reference"]).value == "2023"
    assert sheet.cell(TEMPLATE_HEADER_ROW, TEMPLATE_AT["indicator"]).value == "Mã chỉ tiêu"
    assert book.sheetnames == [TEMPLATE_SHEET, "Hướng dẫn", META_SHEET]
    assert book[META_SHEET].sheet_state == "veryHidden"
    assert "Hướng dẫn nhập số liệu" in book["Hướng dẫn"]["A1"].value


def test_the_structure_is_protected_and_the_input_cells_are_validated(template: Path) -> None:
    """The structure is protected and the input cells are validated."""
    book = openpyxl.load_workbook(template)
    sheet = book[TEMPLATE_SHEET]
    rows = _rows(sheet)
    assert sheet.protection.sheet
    assert book.security.lockStructure
    kt03 = sheet.cell(rows["KT03", None], TEMPLATE_AT["value"])
    assert not kt03.protection.locked
    assert kt03.number_format == "0.0%"
    assert sheet.cell(rows["KT03", None], TEMPLATE_AT["name"]).protection.locked
    # no comparison figure for a constant target: the cell stays locked
    assert sheet.cell(rows["KT03", None], TEMPLATE_AT["previous"]).protection.locked
    assert not sheet.cell(rows["CK06a", None], TEMPLATE_AT["previous"]).protection.locked
    assert not sheet.cell(rows["CK02", None], TEMPLATE_AT["assigned"]).protection.locked
    checks = {
        (v.type, v.formula1, v.formula2): str(v.sqref)
        for v in sheet.data_validations.dataValidation
    }
    kt05a = sheet.cell(rows["KT05a", None], TEMPLATE_AT["value"]).coordinate
    kt07 = sheet.cell(rows["KT07", "K1"], TEMPLATE_AT["value"]).coordinate
    assert kt05a in checks["list", '"đạt,không đạt"', None].split()
    assert kt03.coordinate in checks["decimal", "0", "1"].split()
    assert kt07 in checks["whole", "0", None].split()


def test_a_filled_template_reads_back_and_is_judged(template: Path, tmp_path: Path) -> None:
    """A filled template reads back and is judged."""
    filled = _fill(template, tmp_path / "filled.xlsx", FIGURES)
    data = thidua.load_data(filled, plan=PLAN)
    assert data.get("KT03", "2024").value == thidua.Quantity(Fraction("96.8"), "percent")
    assert data.get("CK03", "2024", kind=Kind.ASSIGNED).value == thidua.Quantity(
        Fraction("96.5"), "percent"
    )
    assert data.get("CK06a", "2023").value == thidua.Quantity(40, "establishment")
    assert data.get("KT07", "2023", org_unit="K2").value == thidua.Quantity(10, "household")
    assert data.get("KT05b", "2024").note == "chưa được công nhận"
    assert data.get("KT12", "2024").rate == thidua.Ratio(50, 50)
    source = data.get("KT03", "2024").source
    assert source is not None
    assert source.file == str(filled)
    results = thidua.evaluate(PLAN, data, "2024").results
    status = thidua.Status
    expected = {
        "CK01": status.ACHIEVED,
        "CK02": status.ACHIEVED,
        "CK03": status.ACHIEVED,
        "CK04": status.NOT_ACHIEVED,
        "CK06a": status.ACHIEVED,
        "KT03": status.NOT_ACHIEVED,  # 96,8% < 97,5%
        "KT04": status.ACHIEVED,
        "KT05a": status.ACHIEVED,
        "KT05b": status.NOT_ACHIEVED,
        "KT06a": status.ACHIEVED,
        "KT07": status.ACHIEVED,  # 40 households, 50 the year before
        "KT12": status.ACHIEVED,
    }
    assert {i: results[i].status for i in expected} == expected
    report = thidua.report.render(thidua.evaluate(PLAN, data, "2024"), "markdown")
    assert "KT07" in report
    assert "Tỷ lệ người dân tham gia bảo hiểm y tế" in report or "KT03" in report


def test_an_empty_template_reads_as_no_data(template: Path) -> None:
    """An empty template reads as no data."""
    assert len(thidua.load_data(template, plan=PLAN)) == 0


def _edited(template: Path, tmp_path: Path, edit: Any) -> thidua.ThiduaError:
    """The error reading the template after ``edit``."""
    book = openpyxl.load_workbook(template)
    edit(book)
    path = tmp_path / "edited.xlsx"
    book.save(path)
    with pytest.raises(thidua.ThiduaError) as info:
        thidua.load_data(path, plan=PLAN)
    return info.value


def test_a_renamed_column_is_an_edit(template: Path, tmp_path: Path) -> None:
    """A renamed column is an edit."""

    def rename(book: Any) -> None:
        book[TEMPLATE_SHEET].cell(TEMPLATE_HEADER_ROW, TEMPLATE_AT["value"]).value = "Số liệu"

    err = _edited(template, tmp_path, rename)
    assert err.code == "template.edited"
    assert (err.sheet, err.cell) == (TEMPLATE_SHEET, f"I{TEMPLATE_HEADER_ROW}")
    assert "mẫu nhập số liệu đã bị sửa cấu trúc" in err.message("vi")


def test_a_removed_column_is_an_edit(template: Path, tmp_path: Path) -> None:
    """A removed column is an edit."""
    err = _edited(template, tmp_path, lambda book: book[TEMPLATE_SHEET].delete_cols(2))
    assert err.code == "template.edited"
    assert err.cell == f"B{TEMPLATE_HEADER_ROW}"


def test_a_changed_id_or_a_moved_row_is_an_edit(template: Path, tmp_path: Path) -> None:
    """A changed id or a moved row is an edit."""
    first = TEMPLATE_HEADER_ROW + 1

    def change(book: Any) -> None:
        book[TEMPLATE_SHEET].cell(first, 1).value = "XX01"

    err = _edited(template, tmp_path, change)
    assert (err.code, err.cell) == ("template.edited", f"A{first}")
    err = _edited(template, tmp_path, lambda book: book[TEMPLATE_SHEET].delete_rows(first))
    assert (err.code, err.cell) == ("template.edited", f"A{first}")

    def khom(book: Any) -> None:
        sheet = book[TEMPLATE_SHEET]
        number = _rows(sheet)["KT07", "K1"]
        sheet.cell(number, TEMPLATE_AT["org_unit"]).value = "K9"

    err = _edited(template, tmp_path, khom)
    assert err.code == "template.edited"
    assert err.cell is not None
    assert err.cell.startswith("C")

    def previous(book: Any) -> None:  # a locked cell filled once the protection was removed
        sheet = book[TEMPLATE_SHEET]
        sheet.cell(_rows(sheet)["KT03", None], TEMPLATE_AT["previous"]).value = 0.9

    err = _edited(template, tmp_path, previous)
    assert err.code == "template.edited"
    assert err.cell is not None
    assert err.cell.startswith("G")


def test_a_removed_sheet_or_changed_metadata_is_refused(template: Path, tmp_path: Path) -> None:
    """A removed sheet or changed metadata is refused."""

    def rename_sheet(book: Any) -> None:
        book[TEMPLATE_SHEET].title = "Data"

    assert _edited(template, tmp_path, rename_sheet).code == "template.edited"

    def version(book: Any) -> None:
        book[META_SHEET]["B3"] = "99"

    err = _edited(template, tmp_path, version)
    assert (err.code, err.sheet) == ("template.version", META_SHEET)

    def row(book: Any) -> None:
        book[META_SHEET]["B4"] = "x"

    assert _edited(template, tmp_path, row).code == "template.edited"


def test_a_template_of_another_plan_is_refused(template: Path) -> None:
    """A template of another plan is refused."""
    other = thidua.loads_plan('id = "khac"\ntitle = "Khác"\nyear = 2024\n')
    with pytest.raises(thidua.DataError) as info:
        thidua.load_data(template, plan=other)
    assert info.value.code == "template.other_plan"


def test_a_bad_cell_is_located_and_collected(template: Path, tmp_path: Path) -> None:
    """A bad cell is located and collected."""
    filled = _fill(template, tmp_path / "bad.xlsx", {("KT03", None): {"value": "nhiều"}})
    with pytest.raises(thidua.ParseError) as info:
        thidua.load_data(filled, plan=PLAN)
    err = info.value
    assert (err.sheet, err.indicator, err.period) == (TEMPLATE_SHEET, "KT03", "2024")
    assert err.cell is not None
    assert err.cell.startswith("I")
    from thidua.data import _load_data_collecting

    data, problems = _load_data_collecting(filled, plan=PLAN)
    assert len(data) == 0
    assert [p.code for p in problems] == ["value.unreadable"]


def test_template_arguments_are_checked(tmp_path: Path) -> None:
    """Template arguments are checked."""
    with pytest.raises(thidua.DataError) as info:
        data_template(PLAN, "2024", tmp_path / "mau.csv")
    assert info.value.code == "template.suffix"
    with pytest.raises(thidua.ArgumentTypeError):
        data_template("plan.toml", "2024", tmp_path / "mau.xlsx")  # type: ignore[arg-type]
    with pytest.raises(thidua.ArgumentTypeError):
        data_template(PLAN, 2024.5, tmp_path / "mau.xlsx")  # type: ignore[arg-type]
    with pytest.raises(thidua.ArgumentTypeError):
        data_template(PLAN, "2024", 5)  # type: ignore[arg-type]
    with pytest.raises(thidua.DataError) as info:
        data_template(PLAN, "2024", tmp_path / "no-such-folder" / "mau.xlsx")
    assert info.value.code == "file.unwritable"
    written = data_template(PLAN, None, tmp_path / "mau.xlsx")
    assert openpyxl.load_workbook(written)[META_SHEET]["B2"].value == "2024"


@pytest.mark.parametrize(
    ("rule", "unit", "words"),
    [
        (">= 97,5%", "percent", "≥ 97,5%"),
        ("<= previous - 2 household", "household", "≤ số kỳ so sánh − 2 hộ"),
        ("> previous * 105 %", "household", "> số kỳ so sánh × 105%"),
        ("previous + 5 % change", "household", "số kỳ so sánh tăng 5%"),
        (">= assigned * 90 %", "person", "≥ chỉ tiêu được giao × 90%"),
        (">= 8 .. 10 household", "household", "từ 8 hộ đến 10 hộ"),
        ("is false", None, "không đạt"),
        ("all 5 org units", None, "tất cả/5 khóm/ấp đạt"),
        (">= 4 org units", None, "≥ 4 khóm/ấp đạt"),
    ],
)
def test_target_words(rule: str, unit: str | None, words: str) -> None:
    """A rule is shown to the clerk in Vietnamese words."""
    parsed = parse_rule(rule, unit=unit) if "change" not in rule else parse_rule(">= " + rule)
    assert words in target_words(parsed, default_units())


def test_target_words_of_no_rule() -> None:
    """No rule is no words."""
    assert target_words(None, default_units()) == ""


def test_a_row_twice_in_the_metadata_is_a_duplicate(template: Path, tmp_path: Path) -> None:
    """Two rows made one indicator (its id changed in both sheets) give a duplicate, located."""
    first = TEMPLATE_HEADER_ROW + 1

    def twice(book: Any) -> None:
        meta, sheet = book[META_SHEET], book[TEMPLATE_SHEET]
        meta["C5"] = meta["C4"].value
        sheet.cell(first + 1, 1).value = sheet.cell(first, 1).value
        sheet.cell(first, TEMPLATE_AT["value"]).value = 1
        sheet.cell(first + 1, TEMPLATE_AT["value"]).value = 1
        meta.cell(40, 3).value = "a row without a key is not read"

    err = _edited(template, tmp_path, twice)
    assert err.code == "data.duplicate_observation"
    assert err.cell == f"I{first + 1}"


def test_the_command_line_writes_a_template_and_reads_it_back(
    template: Path, tmp_path: Path
) -> None:
    """``thidua template`` writes it; ``--data`` reads the filled workbook, ``--sheet`` a sheet."""
    import thidua.cli
    import thidua.examples

    plan_file = str(Path(thidua.examples.__file__).with_name("hoa-thuan-2024.toml"))
    out = tmp_path / "nhap.xlsx"
    assert thidua.cli.run(["template", plan_file, "--period", "2024", "-o", str(out)]) == f"{out}\n"
    assert thidua.load_data(out, plan=PLAN) == thidua.Dataset()
    with pytest.raises(thidua.UsageError):
        thidua.cli.run(["template", plan_file])
    filled = _fill(out, tmp_path / "filled.xlsx", FIGURES)
    table = thidua.cli.run(["evaluate", plan_file, "--data", str(filled), "--format", "json"])
    assert '"KT07"' in table
    book = openpyxl.Workbook()
    book.active.title = "Khác"
    sheet = book.create_sheet("Quý I")
    sheet.append(["Mã chỉ tiêu", "Kỳ", "Giá trị"])
    sheet.append(["KT07", 2024, "40 hộ"])
    book.save(tmp_path / "so-lieu.xlsx")
    table = thidua.cli.run(
        ["evaluate", plan_file, "--data", str(tmp_path / "so-lieu.xlsx"), "--sheet", "Quý I"]
    )
    assert "KT07" in table
    problems = thidua.validate(plan_file, filled, "2024")
    assert all(p.code != "template.edited" for p in problems)


def test_a_template_without_openpyxl_names_the_excel_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing a template needs openpyxl, from the ``excel`` extra."""
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(thidua.ExtraNotInstalledError) as info:
        data_template(PLAN, "2024", tmp_path / "mau.xlsx")
    assert "thidua[excel]" in info.value.message("en")
