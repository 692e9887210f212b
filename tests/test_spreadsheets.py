"""Figures from Excel workbooks, Vietnamese column names, and CSV files with ; or tabs."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import spreadsheets
from thidua.data import Kind, _load_data_collecting, column_of
from thidua.spreadsheets import cell_name, exact, period_of
from thidua.units import Quantity

PLAN = thidua.examples.hoa_thuan_2024()
Rows = list[list[Any]]


def _book(path: Path, rows: Rows, *, formats: dict[str, str] | None = None, **sheets: Rows) -> Path:
    """A workbook as Excel writes it: the rows on the first sheet, cell formats by name."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    for name, number_format in (formats or {}).items():
        sheet[name].number_format = number_format
    for title, more in sheets.items():
        other = book.create_sheet(title)
        for row in more:
            other.append(row)
    book.save(path)
    return path


def _error(path: Path, **kwargs: Any) -> thidua.ThiduaError:
    with pytest.raises(thidua.ThiduaError) as info:
        thidua.load_data(path, **kwargs)
    return info.value


# ---------------------------------------------------------------- cells as Excel writes them


def test_percent_date_and_text_cells_as_excel_writes_them(tmp_path: Path) -> None:
    """A percent-formatted number is a percentage, a month-formatted date a month, text as CSV."""
    path = _book(
        tmp_path / "so-lieu.xlsx",
        [
            ["BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA"],  # a title row above the header
            ["Phường Hòa Thuận"],
            [],
            ["Mã chỉ tiêu", "Kỳ", "Giá trị", "Khóm", "Loại", "Ghi chú"],
            ["KT03", dt.datetime(2024, 3, 1), 0.954, None, None, None],
            ["KT04", dt.datetime(2024, 1, 1), 0.954, None, None, None],
            ["KT07", 2024, 42, "K1", "thực hiện", "hộ nghèo"],
            ["CK02", "2024", "3,2 tỷ đồng", None, "giao", None],
            ["KT08", "quý I/2024", "1.850", None, None, None],
            ["KT09", "2024", 0.1, None, "ước", None],
            ["KT10", "2024", "95,4%", None, "chỉ tiêu giao", None],
        ],
        formats={"C5": "0.0%", "B5": "mm/yyyy", "B6": "yyyy", "C6": "General"},
    )
    data = thidua.load_data(path, plan=PLAN, number_format="vi")
    assert data.get("KT03", "2024-03").value == Quantity(Fraction("95.4"), "percent")
    assert data.get("KT04", "2024").value == Quantity(Fraction("0.954"))  # unformatted: 0.954
    assert data.get("KT07", "2024", org_unit="K1").value == Quantity(42)
    assert data.get("KT07", "2024", org_unit="K1").note == "hộ nghèo"
    assert data.get("CK02", "2024", kind=Kind.ASSIGNED).value == Quantity(
        Fraction("3.2"), "billion_VND"
    )
    assert data.get("KT08", "2024-Q1").value == Quantity(1850)
    assert data.get("KT09", "2024", kind=Kind.ESTIMATE).value == Quantity(Fraction(1, 10))
    assert data.get("KT10", "2024", kind=Kind.ASSIGNED).value == Quantity(
        Fraction("95.4"), "percent"
    )
    source = data.get("KT07", "2024", org_unit="K1").source
    assert source is not None
    assert (source.file, source.line) == (str(path), 7)


def test_english_headers_a_unit_column_yes_no_and_rates(tmp_path: Path) -> None:
    """The English names work too; a unit column gives bare numbers their unit."""
    path = _book(
        tmp_path / "d.xlsx",
        [
            ["indicator", "period", "value", "unit", "numerator", "denominator", "source"],
            ["KT07", 2024, 42, "hộ", None, None, "Công an phường"],
            ["KT05a", 2024, True, None, None, None, None],
            ["KT12", 2024, None, None, 49, "50", None],
            ["KT13", 2024.0, None, None, 0, 0, None],
        ],
    )
    data = thidua.load_data(path)
    kt07 = data.get("KT07", "2024")
    assert kt07 is not None
    assert kt07.value == Quantity(42, "household")
    assert kt07.source is not None
    assert kt07.source.reference == "Công an phường"
    assert data.get("KT05a", "2024").value is True
    assert data.get("KT12", "2024").rate == thidua.Ratio(49, 50)
    assert data.get("KT13", "2024").rate == thidua.Ratio(0, 0)


def test_a_sheet_by_name_and_a_header_that_does_not_start_in_column_a(tmp_path: Path) -> None:
    """``sheet=`` picks a sheet (case and spacing aside); leading empty columns are skipped."""
    path = _book(
        tmp_path / "d.xlsx",
        [["nothing here"]],
        **{"Số liệu 2024": [[None, "Mã chỉ tiêu", "Kỳ", "Thực hiện"], [None, "KT07", 2024, 40]]},
    )
    data = thidua.load_data(path, sheet="số liệu  2024")
    assert data.get("KT07", "2024").value == Quantity(40)
    err = _error(path, sheet="Sheet9")
    assert err.code == "data.unknown_sheet"
    assert "Số liệu 2024" in err.message("vi")
    assert _error(path).code == "data.no_header"
    with pytest.raises(thidua.ArgumentTypeError):
        thidua.load_data(path, sheet=3)  # type: ignore[arg-type]


def test_numbers_in_text_columns_are_their_digits(tmp_path: Path) -> None:
    """An id or a khóm typed as a number is its digits, exactly; a header cell too."""
    path = _book(
        tmp_path / "d.xlsx",
        [["indicator", "period", "value", "org_unit"], [1.5, 2024, 1, 3], [7, 2024, 1, 3.0]],
    )
    data = thidua.load_data(path)
    assert data.get("1.5", "2024", org_unit="3") is not None
    assert data.get("7", "2024", org_unit="3") is not None
    path = _book(tmp_path / "e.xlsx", [["indicator", "period", "value", 2024], ["KT07", 1, 1, 1]])
    err = _error(path)
    assert (err.code, err.cell) == ("data.unknown_column", "D1")
    assert "'2024'" in err.message("en")


def test_an_xlsm_workbook_is_read_too(tmp_path: Path) -> None:
    """The suffix decides: .xlsm is a workbook (macros are never run: only cells are read)."""
    path = _book(tmp_path / "d.xlsx", [["indicator", "period", "value"], ["KT07", 2024, 3]])
    macro = path.rename(tmp_path / "d.XLSM")
    assert len(thidua.load_data(macro)) == 1


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False))
def test_a_float_cell_is_the_decimal_it_shows(number: Any) -> None:
    """A float is read from its shortest decimal form, never the binary float's value."""
    value = float(number)
    assert exact(value) == Fraction(repr(value))
    assert exact(0.1) == Fraction(1, 10)
    assert exact(7) == 7


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["KT07", "KT08", "CK05", "KT09"]),
            st.integers(2020, 2030),
            st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False),
        ),
        max_size=8,
        unique_by=lambda row: row[:2],
    )
)
def test_round_trip_through_a_workbook(rows: list[tuple[str, int, Any]]) -> None:
    """Figures written to a workbook as numbers read back as the same exact figures."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = _book(
            Path(folder, "d.xlsx"),
            [["indicator", "period", "value"], *[[i, p, float(v)] for i, p, v in rows]],
        )
        data = thidua.load_data(path)
    assert len(data) == len(rows)
    for indicator, period, value in rows:
        assert data.get(indicator, str(period)).value == Quantity(Fraction(repr(float(value))))


def test_cell_names_and_periods() -> None:
    """Cells are named as Excel names them; a date cell's format decides its period."""
    assert [cell_name(7, 3), cell_name(1, 26), cell_name(2, 28)] == ["C7", "Z1", "AB2"]
    march = dt.datetime(2024, 3, 15)
    assert str(period_of(march, "mm/yyyy")) == "2024-03"
    assert str(period_of(march, 'mmmm" năm "yyyy')) == "2024-03"
    assert str(period_of(march, "[$-42A]yyyy")) == "2024"
    assert period_of(2024) == "2024"
    assert period_of(None) == ""
    for full in ("dd/mm/yyyy", "yyyy-mm-dd h:mm", "General", "mm:ss"):
        with pytest.raises(thidua.DataError) as info:
            period_of(march, full)
        assert info.value.code == "data.date_period"
        assert "15/03/2024" in info.value.message("vi")
    for odd in (True, dt.time(8, 30)):
        with pytest.raises(thidua.DataError) as info:
            period_of(odd)
        assert info.value.code == "data.cell_type"


# ---------------------------------------------------------------- located errors


def test_a_full_date_as_period_is_refused_at_its_cell(tmp_path: Path) -> None:
    """A date shown with its day is no certain period: refused, naming sheet and cell."""
    path = _book(
        tmp_path / "d.xlsx",
        [["Chỉ tiêu", "Kỳ", "Giá trị"], ["KT07", dt.datetime(2024, 6, 30), 42]],
        formats={"B2": "dd/mm/yyyy"},
    )
    err = _error(path)
    assert (err.code, err.file, err.sheet, err.cell, err.indicator) == (
        "data.date_period",
        str(path),
        "Sheet1",
        "B2",
        "KT07",
    )
    assert err.message("vi").startswith(f"{path}, Sheet1!B2: chỉ tiêu KT07: ô kỳ chứa ngày")


@pytest.mark.parametrize(
    ("row", "formats", "code", "cell"),
    [
        (["KT07", 2024, dt.datetime(2024, 1, 1)], {}, "data.cell_type", "C2"),
        ([True, 2024, 1], {}, "data.cell_type", "A2"),
        (["KT07", 2024, "nhiều"], {}, "value.unreadable", "C2"),
        (["KT07", "năm ngoái", 1], {}, "period.unreadable", "B2"),
        (["KT07", None, 1], {}, "data.no_period", "B2"),
        (["KT07", 2024, 1, "?"], {}, "data.unknown_kind", "D2"),
        (["KT07", 2024, 1, None, "hộ", 0.5], {"F2": "0%"}, "data.not_a_count", "F2"),
        (["KT07", 2024, "4 người", None, "hộ"], {}, "data.unit_conflict", "C2"),
        (["KT07", 2024, 1, None, None, dt.datetime(2024, 1, 1)], {}, "data.cell_type", "F2"),
        (["KT07", 2024, None, None, None, 3], {}, "data.rate_needs_both", "A2"),
    ],
)
def test_a_bad_cell_is_located(
    tmp_path: Path, row: list[Any], formats: dict[str, str], code: str, cell: str
) -> None:
    """Every problem of a row names the sheet and the cell."""
    header = ["indicator", "period", "value", "kind", "unit", "numerator", "denominator"]
    path = _book(tmp_path / "d.xlsx", [header, row], formats=formats)
    err = _error(path)
    assert (err.code, err.sheet, err.cell) == (code, "Sheet1", cell)


def test_a_duplicate_is_located_and_problems_are_collected(tmp_path: Path) -> None:
    """A duplicate names its cell; collecting lists every bad row and keeps the good ones."""
    path = _book(
        tmp_path / "d.xlsx",
        [
            ["indicator", "period", "value"],
            ["KT07", 2024, 42],
            ["KT07", 2024, 41],
            ["KT08", "x", 1],
            [None, None, None],
            ["KT09", 2024, 1],
        ],
    )
    err = _error(path)
    assert (err.code, err.cell) == ("data.duplicate_observation", "A3")
    data, problems = _load_data_collecting(path)
    assert len(data) == 2
    assert [(p.code, p.cell) for p in problems] == [
        ("data.duplicate_observation", "A3"),
        ("period.unreadable", "B4"),
    ]


def test_a_merged_header_is_refused(tmp_path: Path) -> None:
    """A merged header cell would hide a column: refused, naming the merged cells."""
    path = tmp_path / "d.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Báo cáo"])
    sheet.merge_cells("A1:C1")  # a merged title above the header is fine
    sheet.append(["indicator", "period", "value", None])
    sheet.merge_cells("C2:D2")
    sheet.append(["KT07", 2024, 1])
    book.save(path)
    err = _error(path)
    assert (err.code, err.sheet, err.cell) == ("data.merged_header", "Sheet", "C2")
    assert "C2:D2" in err.message("vi")
    sheet.unmerge_cells("C2:D2")
    sheet["D2"] = "khóm"
    sheet.append(["KT08", 2024, 1])
    sheet["D3"] = "K1"
    sheet.merge_cells("D3:D4")  # a khóm merged over its rows: the second row would lose it
    book.save(path)
    err = _error(path)
    assert (err.code, err.cell) == ("data.merged_cells", "D3")


@pytest.mark.parametrize(
    ("header", "code", "cell"),
    [
        (["indicator", "period", "value", "mã chỉ tiêu"], "data.ambiguous_column", "D1"),
        (["Chỉ tiêu", "period", "Thực hiện", "giá trị"], "data.ambiguous_column", "D1"),
        (["indicator", "period", "value", "value"], "data.duplicate_column", "D1"),
        (["indicator", "period", "value", "gia tri"], "data.unknown_column", "D1"),
        (["indicator", "period", None, "value"], "data.unknown_column", "C1"),
        (["indicator", "period", "ghi chú"], "data.missing_column", "A1"),
    ],
)
def test_header_problems_are_located(
    tmp_path: Path, header: list[Any], code: str, cell: str
) -> None:
    """A header's problem names its cell (the header row's first for a missing column)."""
    path = _book(tmp_path / "d.xlsx", [header, ["KT07", 2024, 1, 2]])
    err = _error(path)
    assert (err.code, err.sheet, err.cell) == (code, "Sheet1", cell)


def test_no_header_in_the_first_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The header must be within the first rows: no row naming the columns is refused."""
    monkeypatch.setattr(spreadsheets, "MAX_TITLE_ROWS", 3)
    path = _book(
        tmp_path / "d.xlsx", [["a"], ["b"], ["c"], ["indicator", "period", "value"], ["KT07", 1, 1]]
    )
    assert _error(path).code == "data.no_header"
    assert _error(_book(tmp_path / "e.xlsx", [])).code == "data.no_header"


def test_too_many_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows read are bounded."""
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 3)
    path = _book(
        tmp_path / "d.xlsx",
        [["indicator", "period", "value"], *[[f"I{i}", 2024, i] for i in range(5)]],
    )
    err = _error(path)
    assert (err.code, err.sheet) == ("data.too_many_rows", "Sheet1")


# ---------------------------------------------------------------- files that are no workbooks


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda p: p.write_bytes(b"indicator,period,value\nKT07,2024,1\n"), "data.not_a_workbook"),
        (lambda p: p.write_bytes(b"PK\x03\x04broken"), "data.not_a_workbook"),
        (
            lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
            "data.workbook_encrypted",
        ),
        (lambda p: _zip(p, {"hello.txt": b"hi"}), "data.not_a_workbook"),
        (lambda p: p.write_bytes(b""), "data.not_a_workbook"),
        (lambda p: p.mkdir(), "file.unreadable"),
    ],
)
def test_files_that_are_no_workbooks(
    tmp_path: Path, make: Callable[[Path], Any], code: str
) -> None:
    """A file that is not a readable workbook is a located error, never a bare exception."""
    path = tmp_path / "so-lieu.xlsx"
    make(path)
    err = _error(path)
    assert (err.code, err.file) == (code, str(path))
    assert isinstance(err, thidua.DataError)


def test_a_damaged_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A workbook whose sheet is damaged is refused as such, whichever reader finds it."""
    good = _book(tmp_path / "good.xlsx", [["indicator", "period", "value"], ["KT07", 2024, 1]])
    with zipfile.ZipFile(good) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row><c r='A1'"
    err = _error(_zip(tmp_path / "bad.xlsx", parts))
    assert err.code == "data.not_a_workbook"
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts["xl/worksheets/sheet1.xml"] = (
        f'<worksheet xmlns="{main}"><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c>'
        "</row></sheetData></worksheet>"
    ).encode()
    path = _zip(tmp_path / "bad2.xlsx", parts)  # a shared string that is not there
    assert "CalamineError" in _error(path).message("en")
    monkeypatch.setattr(spreadsheets, "_merged", lambda *args: [])
    err = _error(path)
    assert (err.code, err.sheet) == ("data.not_a_workbook", "Sheet1")


def test_a_zip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The unpacked size is bounded, and so is the file's own."""
    path = _book(tmp_path / "d.xlsx", [["indicator", "period", "value"], ["KT07", 2024, 1]])
    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED_BYTES", 100)
    assert _error(path).code == "file.too_large"
    monkeypatch.setattr(spreadsheets, "MAX_WORKBOOK_BYTES", 100)
    assert _error(path).code == "file.too_large"


def test_a_missing_extra_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without openpyxl, reading a workbook says which extra to install."""
    import sys

    path = _book(tmp_path / "d.xlsx", [["indicator", "period", "value"], ["KT07", 2024, 1]])
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    err = _error(path)
    assert err.code == "extra.missing"
    assert "thidua[excel]" in err.message("en")


def test_sheet_is_for_workbooks(tmp_path: Path) -> None:
    """``sheet=`` with a CSV file is a usage error."""
    path = tmp_path / "d.csv"
    path.write_text("indicator,period,value\nKT07,2024,1\n", encoding="utf-8")
    err = _error(path, sheet="Sheet1")
    assert err.code == "usage.sheet"


# ---------------------------------------------------------------- Vietnamese names and CSV


def test_vietnamese_column_names_are_exact_in_their_diacritics() -> None:
    """Names match after NFC, case and spacing aside; their diacritics must be exact."""
    assert column_of("Mã  Chỉ Tiêu") == "indicator"
    assert column_of("MÃ CHỈ TIÊU") == "indicator"
    assert column_of("Ma chi tieu") == "ma_chi_tieu"
    assert column_of("Đơn vị tính") == "unit"
    assert column_of("Đơn vị") == "org_unit"
    assert column_of("Ấp") == "org_unit"
    assert column_of("Tu so") == "tu_so"
    assert column_of("Kỳ") == "period"
    assert column_of("Ký") == "ký"


def test_vietnamese_kinds() -> None:
    """Kinds in Vietnamese: thực hiện, giao / chỉ tiêu giao, ước / ước thực hiện."""
    rows = [("thực hiện", Kind.ACTUAL), ("Giao", Kind.ASSIGNED), ("chỉ tiêu giao", Kind.ASSIGNED)]
    rows += [("ước", Kind.ESTIMATE), ("Ước thực hiện", Kind.ESTIMATE)]
    for text, kind in rows:
        assert thidua.Observation("KT07", "2024", value=1, kind=text).kind is kind
    with pytest.raises(thidua.DataError) as info:
        thidua.Observation("KT07", "2024", value=1, kind="uoc")
    assert "ước" in info.value.message("vi")


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_csv_delimiters_are_read_from_the_header(delimiter: str) -> None:
    """A CSV file saved by a Vietnamese Excel uses ';'; tabs work too; the header decides."""
    header = delimiter.join(["Mã chỉ tiêu", "Kỳ", "Giá trị", "Khóm", "Loại"])
    rows = [
        delimiter.join(
            ["KT07", "2024", "3,2 tỷ đồng" if delimiter != "," else '"3,2 tỷ đồng"', "K1", "giao"]
        ),
        delimiter.join(["KT08", "2024", "1.850", "", ""]),
    ]
    data = thidua.loads_data("\n".join([header, *rows]) + "\n", number_format="vi")
    assert data.get("KT07", "2024", kind=Kind.ASSIGNED, org_unit="K1").value == Quantity(
        Fraction("3.2"), "billion_VND"
    )
    assert data.get("KT08", "2024").value == Quantity(1850)


def test_a_header_with_several_delimiters() -> None:
    """The delimiter whose cells all name columns wins; when none or both do, it is refused."""
    data = thidua.loads_data("indicator;period;value;ghi chú\nKT07;2024;1;a, b\n")
    assert data.get("KT07", "2024").note == "a, b"
    data = thidua.loads_data(
        'indicator,period,value,"a;b"\n'.replace(',"a;b"', "") + "KT07,2024,1\n"
    )
    assert len(data) == 1
    for header in ("indicator;period,value\n", "a;b,c\tindicator\n"):
        with pytest.raises(thidua.DataError) as info:
            thidua.loads_data(header + "KT07;2024;1\n", file="d.csv")
        assert (info.value.code, info.value.line) == ("data.ambiguous_delimiter", 1)


def test_a_vietnamese_header_in_csv_with_an_alias_twice() -> None:
    """Two columns meaning one field are refused, naming both."""
    with pytest.raises(thidua.DataError) as info:
        thidua.loads_data("chỉ tiêu,mã chỉ tiêu,kỳ,giá trị\nKT07,KT07,2024,1\n", file="d.csv")
    err = info.value
    assert (err.code, err.line, err.column) == ("data.ambiguous_column", 1, 2)
    assert "'chỉ tiêu'" in err.message("vi")
    assert "'mã chỉ tiêu'" in err.message("vi")


def test_number_formats_as_the_report_workbook_writes_them(tmp_path: Path) -> None:
    """A percent in a format with quoted text is a percentage; a quoted or escaped % is refused."""
    path = _book(
        tmp_path / "d.xlsx",
        [
            ["indicator", "period", "value"],
            ["A", 2024, 0.98],
            ["B", 2024, 0.98],
            ["C", 2024, 1850],
            ["D", 2024, 0.5],
            ["E", 2024, 0.5],
        ],
        formats={
            "C2": '"≥ "0.0%',
            "C3": "0.00%",
            "C4": '#,##0 "đồng"',
            "C5": '0.0"%"',
            "C6": "0.0\\%",
        },
    )
    data, problems = _load_data_collecting(path)
    assert data.get("A", "2024").value == Quantity(98, "percent")
    assert data.get("B", "2024").value == Quantity(98, "percent")
    assert data.get("C", "2024").value == Quantity(1850)
    assert [(p.code, p.cell) for p in problems] == [
        ("data.percent_format", "C5"),
        ("data.percent_format", "C6"),
    ]
