"""The report's forms in Markdown, HTML and xlsx: kinds, sơ kết columns, options, fixes."""

from __future__ import annotations

import datetime as dt
import html as html_module
import io
import re
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import report
from thidua.errors import ArgumentTypeError, UsageError
from thidua.evaluation import Status
from thidua.plans import Signer
from thidua.report import percent_format, render, to_xlsx, write

from . import report_data


@pytest.fixture(scope="module")
def half() -> tuple[thidua.Evaluation, thidua.Dataset]:
    """The 2024-H1 evaluation of the report plan and its data."""
    return report_data.half_year()


@pytest.fixture(scope="module")
def seed() -> thidua.Evaluation:
    """The seed plan evaluated for 2024."""
    return thidua.evaluate(thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data())


def _rows(text: str, ident: str) -> list[str]:
    """The cells of the Markdown table row of indicator ``ident``."""
    line = next(x for x in text.splitlines() if x.startswith(f"| {ident} |"))
    return [c.strip() for c in line.strip("|").split(" | ")]


def _head(text: str, first: str) -> list[str]:
    line = next(x for x in text.splitlines() if x.startswith(f"| {first} |"))
    return [c.strip() for c in line.strip("|").split(" | ")]


# ------------------------------------------------------------------ the kinds


def test_half_year_report_is_a_so_ket_with_annual_targets(
    half: tuple[thidua.Evaluation, thidua.Dataset],
) -> None:
    """2024-H1: the year judged as of 30/6; annual target, so far, % of plan, cùng kỳ, outlook."""
    ev, data = half
    text = render(ev, "markdown", data=data)
    assert "**Sơ kết 6 tháng đầu năm 2024 thực hiện Kế hoạch phát động" in text
    head = _head(text, "Mã")
    assert head == [
        "Mã",
        "Chỉ tiêu",
        "Chỉ tiêu năm",
        "Thực hiện lũy kế",
        "% kế hoạch năm",
        "Cùng kỳ năm trước",
        "Ước cả năm",
        "Kết quả",
        "Giải thích",
    ]
    kt01 = dict(zip(head, _rows(text, "KT01"), strict=True))
    assert kt01["Chỉ tiêu năm"] == "≥ 25.000 tấn lúa"  # the annual target, not lost
    assert kt01["Thực hiện lũy kế"] == "12.500 tấn lúa"  # the declared unit's label
    assert kt01["% kế hoạch năm"] == "50%"
    assert kt01["Cùng kỳ năm trước"] == "11.000 tấn lúa"  # 2023-H1
    assert kt01["Ước cả năm"].endswith("tấn lúa")
    assert kt01["Kết quả"] == "**Chưa đến kỳ đánh giá**"
    kt02 = dict(zip(head, _rows(text, "KT02"), strict=True))
    assert (kt02["Chỉ tiêu năm"], kt02["Thực hiện lũy kế"]) == ("≥ 4,2 tỷ đồng", "2,1 tỷ đồng")
    assert (kt02["% kế hoạch năm"], kt02["Cùng kỳ năm trước"]) == ("50%", "1,9 tỷ đồng")
    kt03 = dict(zip(head, _rows(text, "KT03"), strict=True))
    assert kt03["% kế hoạch năm"] == "≈101,1%"  # 91 / 90
    assert kt03["Cùng kỳ năm trước"] == ""  # no 2023 figure: blank, never made up
    kt04 = dict(zip(head, _rows(text, "KT04"), strict=True))
    assert kt04["% kế hoạch năm"] == ""
    assert kt04["Kết quả"] == "**Chưa có số liệu**"
    assert "tonne" not in text


def test_the_numbers_agree_with_the_evaluation(
    half: tuple[thidua.Evaluation, thidua.Dataset],
) -> None:
    """The report's year is the evaluation of 2024 as of 30/06/2024, figure for figure."""
    ev, data = half
    year = thidua.evaluate(ev.plan, data, "2024", as_of="30/06/2024")
    text = render(ev, "markdown", data=data)
    assert render(ev, "markdown", data=data, date="10/6") == render(
        year, "markdown", data=data, date="10/06/2024"
    )
    units = ev.plan.unit_registry()
    for ident in ("KT01", "KT02", "KT03"):
        result = year.results[ident]
        cells = _rows(text, ident)
        assert cells[3] == thidua.presentation.value_text(result.actual, units=units)
        assert cells[6] == thidua.presentation.value_text(result.outlook.projected, units=units)


def test_kind_defaults_from_the_period_and_can_be_chosen(
    half: tuple[thidua.Evaluation, thidua.Dataset], seed: thidua.Evaluation
) -> None:
    """H1 (and a year as of a day of the first half): sơ kết; a year: tổng kết; or as asked."""
    ev, data = half
    june = thidua.evaluate(ev.plan, data, "2024", as_of="10/06/2024")
    assert "**Sơ kết 6 tháng đầu năm 2024" in render(june, "markdown")
    assert "Hòa Thuận, ngày 10 tháng 6 năm 2024" in render(june, "markdown")  # the 10/6 report
    assert "**Tổng kết năm 2024 thực hiện" in render(seed, "markdown")
    october = thidua.evaluate(ev.plan, data, "2024", as_of="05/10/2024")
    assert "**Tổng kết năm 2024" in render(october, "markdown")
    assert "**Sơ kết năm 2024" in render(october, "markdown", kind="so-ket")
    assert "**Tổng kết 6 tháng" in render(ev, "markdown", data=data, kind="tong-ket")
    english = render(ev, "markdown", data=data, language="en")
    assert "**Half-year review of 2024-H1 carrying out" in english
    with pytest.raises(UsageError) as info:
        render(seed, "markdown", kind="giua-ky")  # type: ignore[arg-type]
    assert info.value.code == "usage.report_kind"
    assert "sơ kết" in info.value.message("vi")


def test_a_half_year_without_data_is_refused(
    half: tuple[thidua.Evaluation, thidua.Dataset],
) -> None:
    """Judging half-year figures against annual targets would be wrong: the report says so."""
    ev, _ = half
    with pytest.raises(UsageError) as info:
        render(ev, "markdown")
    assert info.value.code == "report.needs_data"
    assert "as_of='2024-06-30'" in str(info.value)
    assert "chỉ tiêu năm 2024" in info.value.message("vi")


def test_a_half_year_after_its_year_and_an_early_as_of(
    half: tuple[thidua.Evaluation, thidua.Dataset],
) -> None:
    """H2 ends with the year: the year is judged whole; an as-of in the half is kept."""
    ev, data = half
    h2 = thidua.evaluate(ev.plan, data, "2024-H2")
    text = render(h2, "markdown", data=data)
    assert "**Sơ kết 6 tháng cuối năm 2024" in text
    assert "Ước cả năm" not in text  # not in-year
    early = thidua.evaluate(ev.plan, data, "2024-H1", as_of="31/03/2024")
    text = render(early, "markdown", data=data)
    assert "Tính đến ngày 31/03/2024" in text
    assert "Hòa Thuận, ngày 31 tháng 3 năm 2024" in text


# ------------------------------------------------------------------ never 0 % for unknowns


def test_no_zero_percent_when_nothing_is_decided(
    half: tuple[thidua.Evaluation, thidua.Dataset],
) -> None:
    """In-year unknowns are counted apart and named; the share is of the decided only."""
    ev, data = half
    for language in ("vi", "en"):
        for fmt in ("markdown", "html"):
            text = render(ev, fmt, data=data, language=language)  # type: ignore[arg-type]
            assert not re.search(r"(?<![\d,.])0 ?%", text.replace("50%", "")), (fmt, language)
    text = render(ev, "markdown", data=data)
    assert "Tỷ lệ đạt 0" not in text
    assert "| KT — Kinh tế | 4 | 0 | 0 | 3 | 1 | 0 | — |" in text
    assert "3 chỉ tiêu chưa đến kỳ đánh giá, 1 chỉ tiêu chưa có số liệu" in text
    assert "Chưa có chỉ tiêu nào đủ điều kiện đánh giá" in text
    assert "**Chỉ tiêu chưa đến kỳ đánh giá (kỳ chưa kết thúc):**" in text
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(ev, data=data)))
    summary = book.worksheets[0]
    row = next(r for r in summary.iter_rows() if r[0].value == "KT — Kinh tế")
    assert [c.value for c in row[:8]] == ["KT — Kinh tế", 4, 0, 0, 3, 1, 0, "—"]


def test_share_counts_the_decided(seed: thidua.Evaluation) -> None:
    """After the year: achieved over achieved and not achieved; no data counted apart."""
    text = render(seed, "markdown")
    assert "Tỷ lệ đạt ≈77,3% trên 22 chỉ tiêu đã đánh giá." in text
    assert "2 chỉ tiêu chưa có số liệu" in text


# ------------------------------------------------------------------ the form's parts


def test_markdown_form_parts(half: tuple[thidua.Evaluation, thidua.Dataset]) -> None:
    """Motto at the top, no stray ``**``, number, trích yếu, nơi nhận, signing block."""
    ev, data = half
    text = render(ev, "markdown", data=data)
    lines = text.splitlines()
    assert lines[:2] == [
        "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**  ",
        "**Độc lập - Tự do - Hạnh phúc**",
    ]
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ CAO LÃNH  " in lines
    assert "**ỦY BAN NHÂN DÂN PHƯỜNG HÒA THUẬN**  " in lines
    assert "Số: /BC-UBND" in lines  # the plan's KH made BC, the figure left to the office
    # the data reach 30/6, after the deadline 10/6: the date is left for the office to fill
    assert "*Hòa Thuận, ngày … tháng … năm 2024*" in lines
    assert "# BÁO CÁO" in lines
    assert "***Nơi nhận:***  " in lines
    assert lines[lines.index("***Nơi nhận:***  ") + 1 :][:2] == [
        "- Phòng Nội vụ Thành phố;  ",
        "- Lưu: VT.  ",
    ]
    assert "**TM. ỦY BAN NHÂN DÂN**  " in lines
    assert "**KT. CHỦ TỊCH**  " in lines
    assert "**PHÓ CHỦ TỊCH**  " in lines
    assert "**Ngô Hữu Phước**" in lines
    assert not [x for x in lines if x.strip() in ("**", "****", "** **")]
    english = render(ev, "markdown", data=data, language="en")
    assert english.splitlines()[0] == "**SOCIALIST REPUBLIC OF VIETNAM**  "
    assert not [x for x in english.splitlines() if x.strip() in ("**", "****")]
    assert "***Recipients:***  " in english


def test_a_plan_without_heading_fields_has_no_empty_marks() -> None:
    """No superior, issuer, place or signer: nothing shows as ``****``."""
    plan = thidua.Plan(
        "p",
        "Kế hoạch",
        year=2024,
        groups=[
            thidua.IndicatorGroup("G", "g", indicators=[thidua.Indicator("A", "a", rule="is true")])
        ],
    )
    ev = thidua.evaluate(plan, thidua.Dataset([thidua.Observation("A", "2024", value=True)]))
    text = render(ev, "markdown")
    assert "****" not in text
    assert "\n**\n" not in text
    assert "Số: /BC" in text
    assert "*ngày … tháng … năm 2024*" in text  # no deadline: the date left to fill
    assert "- Lưu: VT." in text
    assert "Tất cả chỉ tiêu đã đạt." in text
    assert "Mọi số liệu đã được sử dụng." in text
    html = render(ev, "html")
    assert "Mọi số liệu đã được sử dụng." in html
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(ev, language="en")))
    assert book.worksheets[-1]["A2"].value == "Every observation was used."


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.classes: list[str] = []
        self._in_th = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_th = tag == "th"
        self.classes += [v or "" for k, v in attrs if k == "class"]

    def handle_data(self, data: str) -> None:
        if self._in_th and data.strip():
            self.headers.append(data.strip())
            self._in_th = False


def test_html_form_parts(half: tuple[thidua.Evaluation, thidua.Dataset]) -> None:
    """The HTML has every part, a header on every column, the outlook in-year."""
    ev, data = half
    html = render(ev, "html", data=data)
    parser = _Cells()
    parser.feed(html)
    for label in ("Mã", "Chỉ tiêu năm", "% kế hoạch năm", "Cùng kỳ năm trước", "Ước cả năm"):
        assert label in parser.headers
    assert {"Nhóm chỉ tiêu", "Đơn vị", "Lý do"} <= set(parser.headers)
    for part in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /BC-UBND",
        "Hòa Thuận, ngày … tháng … năm 2024",
        "Sơ kết 6 tháng đầu năm 2024",
        "Nơi nhận:",
        "- Lưu: VT.",
        "KT. CHỦ TỊCH",
        "Ngô Hữu Phước",
        "kế hoạch không có chỉ tiêu &#39;kt04&#39;",
    ):
        assert part in html, part
    assert {"rule", "number", "abstract", "recipients", "signer"} <= set(parser.classes)


def test_options_number_date_signer_recipients(
    half: tuple[thidua.Evaluation, thidua.Dataset],
) -> None:
    """Each option shows in each text format, NFC-normalised."""
    ev, data = half
    signer = Signer("Lê Văn Tám", "Chủ tịch", on_behalf_of="TM. Ủy ban nhân dân")
    decomposed = "Ủy ban nhân dân Thành phố".replace("Ủ", "U\u0309")
    for fmt in ("markdown", "html"):
        text = render(
            ev,
            fmt,  # type: ignore[arg-type]
            data=data,
            number="15/BC-UBND",
            date=dt.date(2024, 6, 9),
            signer=signer,
            recipients=[decomposed, "Lưu: VT, VP"],
        )
        assert "Số: 15/BC-UBND" in text
        assert "Hòa Thuận, ngày 09 tháng 6 năm 2024" in text
        assert "Lê Văn Tám" in text
        assert "KT. CHỦ TỊCH" not in text
        assert "- Ủy ban nhân dân Thành phố;" in text
        assert "- Lưu: VT, VP." in text
    assert "ngày 08 tháng 6" in render(ev, "markdown", data=data, date="8/6")


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("signer", "Ngô Hữu Phước"),
        ("signer", 3),
        ("number", 12),
        ("date", 2024.5),
        ("recipients", "Phòng Nội vụ"),
        ("recipients", ["ok", 3]),
        ("data", [1, 2]),
    ],
)
def test_options_of_the_wrong_type(
    half: tuple[thidua.Evaluation, thidua.Dataset], option: str, value: object
) -> None:
    """A wrong type is an ArgumentTypeError naming the option, in every format."""
    ev, data = half
    options = {"data": data, option: value}
    for call in (
        lambda: render(ev, "markdown", **options),  # type: ignore[arg-type]
        lambda: to_xlsx(ev, **options),  # type: ignore[arg-type]
        lambda: report.to_docx(ev, **options),  # type: ignore[arg-type]
    ):
        with pytest.raises(ArgumentTypeError) as info:
            call()
        assert info.value.code == "argument.type"
        assert option in str(info.value)


def test_a_bad_date_is_a_parse_error(half: tuple[thidua.Evaluation, thidua.Dataset]) -> None:
    """A date that cannot be read is a ParseError."""
    ev, data = half
    with pytest.raises(thidua.ParseError) as info:
        render(ev, "markdown", data=data, date="hôm qua")
    assert info.value.code == "date.unreadable"


# ------------------------------------------------------------------ unused rows


def test_unused_rows_are_listed_in_every_format(
    half: tuple[thidua.Evaluation, thidua.Dataset], tmp_path: Path
) -> None:
    """The mistyped kt04 row shows with its reason, so KT04's missing figure is explained."""
    ev, data = half
    text = render(ev, "markdown", data=data)
    assert "| kt04 | 6 tháng đầu năm 2024 | 87% |  | kế hoạch không có chỉ tiêu 'kt04' |" in text
    assert "2023" not in text.split("## IV.")[1]  # the cùng kỳ rows are used
    english = render(ev, "markdown", data=data, language="en")
    assert "the plan has no indicator 'kt04'" in english
    assert "kt04" in render(ev, "html", data=data)
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(ev, data=data)))
    sheet = book["Số liệu không dùng"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert [
        "kt04",
        "6 tháng đầu năm 2024",
        "87%",
        None,
        "kế hoạch không có chỉ tiêu 'kt04'",
    ] in rows
    import docx

    path = write(ev, tmp_path / "r.docx", data=data)
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "kế hoạch không có chỉ tiêu 'kt04'" in cells


# ------------------------------------------------------------------ xlsx


def test_xlsx_number_formats_widths_and_print_setup(
    half: tuple[thidua.Evaluation, thidua.Dataset],
) -> None:
    """Formats Excel shows right, widths that fit 4.200.000.000 đồng, A4 fitted, header repeated."""
    ev, data = half
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(ev, data=data)))
    formats = {
        c.number_format
        for s in book.worksheets
        for r in s.iter_rows()
        for c in r
        if c.value is not None
    }
    assert not [f for f in formats if "#.##" in f or "0.##" in f or ".#%" in f or f.endswith(".")]
    sheet = book["KT"]
    head = [c.value for c in sheet[1]]
    assert head[:6] == [
        "Mã",
        "Chỉ tiêu",
        "Thực hiện lũy kế",
        "Đơn vị tính",
        "Chỉ tiêu năm",
        "Kết quả",
    ]
    assert all(head), "every column has a header"
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    kt02 = rows["KT02"]
    target = kt02[head.index("Chỉ tiêu năm")]
    assert (target.value, target.number_format) == (4200000000, '"≥ "#,##0 "đồng"')
    width = sheet.column_dimensions[target.column_letter].width
    assert width >= len("≥ 4.200.000.000 đồng")  # never ###
    share = kt02[head.index("% kế hoạch năm")]
    assert (share.value, share.number_format) == (0.5, "0%")
    kt03 = rows["KT03"]
    assert kt03[head.index("% kế hoạch năm")].number_format == "0.00%"
    assert kt03[head.index("Chỉ tiêu năm")].number_format == '"≥ "0%'
    assert kt03[head.index("Thực hiện lũy kế")].number_format == "0%"
    assert kt03[head.index("Thực hiện lũy kế")].value == pytest.approx(0.91)
    kt01 = rows["KT01"]
    assert kt01[head.index("Đơn vị tính")].value == "tấn lúa"
    assert kt01[head.index("Cùng kỳ năm trước")].value == 11000
    assert kt01[head.index("Ước cả năm")].number_format == "#,##0.00"
    for ws in book.worksheets:
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$1:$1"
    summary = book.worksheets[0]
    values = [c.value for r in summary.iter_rows() for c in r if c.value is not None]
    for part in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /BC-UBND",
        "Hòa Thuận, ngày … tháng … năm 2024",
        "BÁO CÁO",
        "Nơi nhận:",
        "- Lưu: VT.",
        "KT. CHỦ TỊCH",
        "Ngô Hữu Phước",
    ):
        assert part in values, part
    assert any(str(v).startswith("Sơ kết 6 tháng đầu năm 2024") for v in values)


@given(st.fractions(min_value=0, max_value=10, max_denominator=1000))
def test_percent_format_shows_the_share(share: Fraction) -> None:
    """Whole percents get ``0%``, one decimal ``0.0%``, more ``0.00%``: never ``0.%``."""
    fmt = percent_format(share)
    assert fmt in ("0%", "0.0%", "0.00%")
    places = {"0%": 0, "0.0%": 1, "0.00%": 2}[fmt]
    if places < 2:
        assert (share * 100 * 10**places).denominator == 1


def test_huge_figures_stay_exact_text() -> None:
    """Beyond Excel's 15 digits a figure is exact text; widths still fit."""
    plan = thidua.loads_plan(report_data.PLAN)
    data = thidua.loads_data(
        "indicator,period,value\nKT02,2024,10000000000000000 tỷ đồng\n", plan=plan
    )
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(thidua.evaluate(plan, data))))
    cell = next(r for r in book["KT"].iter_rows(min_row=2) if r[0].value == "KT02")[2]
    assert isinstance(cell.value, str)
    assert "10.000.000.000.000.000 tỷ đồng" in cell.value
    assert book["KT"].column_dimensions["C"].width >= len(cell.value)


# ------------------------------------------------------------------ writing and the CLI


def test_write_picks_the_format_and_passes_options(
    half: tuple[thidua.Evaluation, thidua.Dataset], tmp_path: Path
) -> None:
    """write() tells the format from the suffix (docx too) and passes the options."""
    ev, data = half
    for name in ("r.md", "r.html", "r.xlsx", "r.docx"):
        path = write(ev, tmp_path / name, data=data, number="3/BC-UBND")
        assert path.stat().st_size > 0
    assert "Số: 3/BC-UBND" in (tmp_path / "r.md").read_text(encoding="utf-8")
    path = write(ev, tmp_path / "bao-cao", format="docx", data=data)
    assert path.read_bytes()[:2] == b"PK"
    with pytest.raises(UsageError) as info:
        write(ev, tmp_path / "r.pdf", data=data)
    assert info.value.code == "usage.format"
    assert ".docx" in str(info.value.hint)
    with pytest.raises(UsageError, match="must be 'markdown' or 'html'"):
        render(ev, "docx", data=data)  # type: ignore[arg-type]


def test_cli_report_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--kind, --number, --date, --signer…, --recipient, and docx with --output."""
    from thidua.cli import main

    base = ["report", "--example", "hoa-thuan-2024"]
    assert main([*base, "--period", "2024-H1", "--number", "9/BC-UBND", "--date", "10/6/2024"]) == 0
    out = capsys.readouterr().out
    assert "Sơ kết 6 tháng đầu năm 2024" in out
    assert "Số: 9/BC-UBND" in out
    assert "Hòa Thuận, ngày 10 tháng 6 năm 2024" in out
    assert "Cùng kỳ năm trước" in out
    assert "Ước cả năm" in out
    argv = [*base, "--signer", "Trần Thị B", "--signer-title", "Phó Chủ tịch", "--recipient", "X"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "**TM. ỦY BAN NHÂN DÂN**" in out
    assert "**KT. CHỦ TỊCH**" in out
    assert "**Trần Thị B**" in out
    assert "- X;" in out
    assert main([*base, "--kind", "so-ket"]) == 0
    assert "**Sơ kết năm 2024" in capsys.readouterr().out
    out_file = tmp_path / "r.docx"
    assert main([*base, "--format", "docx", "--output", str(out_file)]) == 0
    assert out_file.read_bytes()[:2] == b"PK"
    capsys.readouterr()
    assert main([*base, "--format", "docx"]) == 2
    assert "báo cáo docx cần --output" in capsys.readouterr().err


def test_cli_signer_without_a_title(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A plan without a signer needs --signer-title with --signer."""
    from thidua.cli import main

    plan = tmp_path / "p.toml"
    plan.write_text(
        report_data.PLAN.split("[signer]")[0]
        + "[[units]]"
        + report_data.PLAN.split("[[units]]")[1],
        encoding="utf-8",
    )
    data = tmp_path / "d.csv"
    data.write_text(report_data.DATA, encoding="utf-8")
    assert main(["report", str(plan), "--data", str(data), "--signer", "A"]) == 2
    assert "--signer-title" in capsys.readouterr().err
    assert (
        main(
            [
                "report",
                str(plan),
                "--data",
                str(data),
                "--signer",
                "A",
                "--signer-title",
                "Chủ tịch",
            ]
        )
        == 0
    )
    assert "**CHỦ TỊCH**" in capsys.readouterr().out


def test_statuses_in_the_workbook_keep_their_colours(seed: thidua.Evaluation) -> None:
    """The status column (F) is filled with the status colour in every group's sheet."""
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(seed)))
    fills = {
        c.fill.fgColor.rgb[-6:].lower()
        for s in book.worksheets[1:-1]
        for c in s["F"][1:]
        if c.fill.fill_type == "solid"
    }
    statuses = {r.status for r in seed.results.values()}
    assert fills == {thidua.presentation.COLOURS[s].lstrip("#") for s in statuses}
    assert Status.NOT_APPLICABLE in statuses


def test_unused_reasons_in_vietnamese() -> None:
    """Each reason a row is not used reads in Vietnamese in the report (English in English)."""
    plan = thidua.examples.hoa_thuan_2024()
    q = thidua.units.Quantity
    rows = [
        thidua.Observation("CK06", "2024", value=True),  # a composite
        thidua.Observation("KT01", "2024", value=q(1, "establishment"), org_unit="K9"),
        thidua.Observation("KT01", "2024", value=q(1, "establishment"), org_unit="K1"),
        thidua.Observation("KT01", "2024", value=q(9, "establishment")),
        thidua.Observation("CK04", "2024", value=q(1, "person"), org_unit="K1"),
        thidua.Observation("CK04", "2024", value=q(4, "person")),
        thidua.Observation("CK04", "2024", value=q(5, "person"), kind="estimate"),
        thidua.Observation("CK04", "2021", value=q(5, "person")),
        thidua.Observation("CK03", "2024-Q1", value=q(90, "percent")),
        thidua.Observation("CK03", "2024", value=q(96, "percent")),
    ]
    ev = thidua.evaluate(plan, thidua.Dataset(rows), "2024")
    text = render(ev, "markdown")
    for reason in (
        "chỉ tiêu gồm nhiều tiêu chí lấy kết quả từ các tiêu chí của nó",
        "kế hoạch không có đơn vị 'K9'",
        "đã dùng số liệu chung, không cộng gộp số liệu của các đơn vị",
        "quy tắc của chỉ tiêu này không dùng số liệu của từng đơn vị",
        "số ước thực hiện chỉ dùng để ước cả năm khi đánh giá giữa kỳ",
        "kỳ năm 2021 không phải năm 2024 cũng không phải cùng kỳ năm trước",
        "là một phần của năm 2024",
    ):
        assert reason in text, reason
    assert "estimates are used only for an in-year outlook" in render(ev, "markdown", language="en")
    early = thidua.evaluate(plan, thidua.Dataset(rows), "2024", as_of="31/03/2024")
    assert "kỳ năm 2024 chưa kết thúc vào ngày 31/03/2024" in render(early, "markdown")


def test_leap_day_and_composite_outlook_in_the_workbook() -> None:
    """As of 29/2 the same period last year runs to 28/2; a composite's outlook is its status."""
    plan = thidua.examples.hoa_thuan_2024()
    data = thidua.examples.hoa_thuan_2024_data()
    ev = thidua.evaluate(plan, data, "2024", as_of="29/02/2024")
    text = render(ev, "markdown", data=data)
    assert "Tính đến ngày 29/02/2024" in text
    assert "**Sơ kết 6 tháng đầu năm 2024" in text
    june = thidua.evaluate(plan, data, "2024", as_of="30/06/2024")
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(june, data=data)))
    sheet = book["CK"]
    head = [c.value for c in sheet[1]]
    ck06 = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "CK06")
    assert ck06[head.index("Ước cả năm")].value == "Đạt"


def test_write_refuses_a_path_of_the_wrong_type(seed: thidua.Evaluation) -> None:
    """A path that is no path is an ArgumentTypeError."""
    with pytest.raises(ArgumentTypeError) as info:
        write(seed, 42)  # type: ignore[arg-type]
    assert info.value.code == "argument.type"


def test_pending_explanations_say_not_yet_due(
    half: tuple[thidua.Evaluation, thidua.Dataset],
) -> None:
    """An undecided in-year indicator's explanation ends "not yet due", not "no data"."""
    ev, data = half
    text = render(ev, "markdown", data=data)
    assert "năm 2024 chưa kết thúc — Chưa đến kỳ đánh giá" in text
    assert "năm 2024 chưa kết thúc — Chưa có số liệu" not in text
    assert "— Not yet due" in render(ev, "markdown", data=data, language="en")


_SEED = thidua.examples.hoa_thuan_2024()
_SEED_DATA = thidua.examples.hoa_thuan_2024_data()


@given(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2025, 1, 31)))
def test_summary_counts_add_up_and_share_is_of_the_decided(day: dt.date) -> None:
    """For any as-of date: the counts add up to the total, and the share is of the decided."""
    ev = thidua.evaluate(_SEED, _SEED_DATA, "2024", as_of=day)
    text = render(ev, "markdown")
    for line in (x for x in text.splitlines() if x.startswith(("| CK —", "| KT —"))):
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        total, achieved, not_achieved, *rest = (int(c) for c in cells[1:7])
        assert total == achieved + not_achieved + sum(rest)
        if achieved + not_achieved == 0:
            assert cells[7] == "—"
        else:
            share = Fraction(achieved * 100, achieved + not_achieved)
            assert cells[7] == thidua.numbers.format_number(share, max_decimals=1) + "%"
    assert "Tỷ lệ đạt 0%" not in text or "Tỷ lệ đạt 0% trên" in text


def test_the_first_year_has_no_same_period_before() -> None:
    """A plan for 1900 has no year before it: the cùng kỳ column is left out, nothing fails."""
    plan = thidua.Plan(
        "p",
        "Kế hoạch",
        year=1900,
        groups=[
            thidua.IndicatorGroup("G", "g", indicators=[thidua.Indicator("A", "a", rule="is true")])
        ],
    )
    data = thidua.Dataset(
        [thidua.Observation("A", "1900", value=True), thidua.Observation("A", "1901", value=True)]
    )
    text = render(thidua.evaluate(plan, data), "markdown", data=data)
    assert "Cùng kỳ năm trước" not in text
    assert "| A | a | đạt | đạt |" in text
    assert "kỳ năm 1901 không phải năm 1900 cũng không phải cùng kỳ năm trước" in text


def test_a_range_target_shows_both_bounds_and_no_plan_share() -> None:
    """A range rule: both bounds in the declared unit's label; no % of plan (two figures)."""
    plan = thidua.loads_plan(
        report_data.PLAN.replace(
            'rule = ">= 25000 rice_tonne"', 'rule = ">= 20000 .. 30000 rice_tonne"'
        )
    )
    data = thidua.loads_data(report_data.DATA, plan=plan)
    text = render(thidua.evaluate(plan, data, "2024", as_of="30/06/2024"), "markdown", data=data)
    cells = _rows(text, "KT01")
    assert cells[2] == "≥ 20.000 tấn lúa – 30.000 tấn lúa"
    assert cells[4] == ""


def test_sheet_titles_stay_unique_and_text_is_never_a_formula() -> None:
    """A group named like the summary sheet gets its own title; ``=…`` stays text."""
    plan = thidua.Plan(
        "p",
        "Kế hoạch",
        year=2024,
        groups=[
            thidua.IndicatorGroup(
                "Summary", "=1+1", indicators=[thidua.Indicator("A", "=SUM(A1)", rule="is true")]
            )
        ],
    )
    ev = thidua.evaluate(plan, thidua.Dataset([thidua.Observation("A", "2024", value=True)]))
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(ev, language="en")))
    assert book.sheetnames == ["Summary", "Summary~2", "Data not used"]
    cells = [c for s in book.worksheets for r in s.iter_rows() for c in r if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert any(c.value == "=SUM(A1)" for c in cells)


# ------------------------------------------------- what the share and cùng kỳ cells mean


def _table_cells(text: str, fmt: str, ident: str) -> dict[str, str]:
    """The results-table row of ``ident`` as header → cell text, from Markdown or HTML."""
    if fmt == "markdown":
        head = _head(text, "Mã")
        line = next(x for x in text.splitlines() if re.match(rf"\| (&nbsp;)*{ident} \|", x))
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        return dict(zip(head, cells, strict=True))
    parser = _Cells()
    parser.feed(text)
    line = next(x for x in text.splitlines() if f"<td>{ident}</td>" in x)
    cells = [
        html_module.unescape(re.sub("<[^>]+>", "", c))
        for c in re.findall(r"<td[^>]*>(.*?)</td>", line)
    ]
    head = next(x for x in text.splitlines() if "<th>Mã</th>" in x)
    names = [html_module.unescape(h) for h in re.findall(r"<th>(.*?)</th>", head)]
    return dict(zip(names, cells, strict=True))


def _sheet_cells(content: bytes, ident: str) -> dict[str, object]:
    """The row of ``ident`` in its group's sheet of the workbook, header → value."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    for sheet in book.worksheets[1:-1]:
        head = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2, values_only=True):
            if str(row[0]).strip() == ident:
                return dict(zip(head, row, strict=False))
    raise AssertionError(ident)  # pragma: no cover - the row is always there


@pytest.fixture(scope="module")
def seed_pair() -> tuple[thidua.Plan, thidua.Dataset]:
    """The seed plan and its data."""
    return thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data()


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_no_share_of_plan_where_less_is_better(
    seed_pair: tuple[thidua.Plan, thidua.Dataset], fmt: str
) -> None:
    """44 poor households against "at most 43" is behind, never "102,3% of the plan"."""
    plan, data = seed_pair
    half = render(thidua.evaluate(plan, data, "2024-H1"), fmt, data=data)  # type: ignore[arg-type]
    kt07 = _table_cells(half, fmt, "KT07")
    assert (kt07["Chỉ tiêu năm"], kt07["Thực hiện lũy kế"]) == ("≤ 43 hộ", "44 hộ")
    assert kt07["% kế hoạch năm"] == ""
    assert _table_cells(half, fmt, "KT11a")["% kế hoạch năm"] == ""  # < 14 vụ
    assert _table_cells(half, fmt, "KT01")["% kế hoạch năm"] != ""  # >= target: progress
    year = render(thidua.evaluate(plan, data, "2024"), fmt, data=data)  # type: ignore[arg-type]
    kt07 = _table_cells(year, fmt, "KT07")
    assert (kt07["Thực hiện"], kt07["% kế hoạch năm"]) == ("42 hộ", "")  # not "≈97,7% | Đạt"
    assert _table_cells(year, fmt, "KT11a")["% kế hoạch năm"] == ""


def test_no_share_of_plan_where_less_is_better_in_the_workbook(
    seed_pair: tuple[thidua.Plan, thidua.Dataset],
) -> None:
    """The workbook leaves the cell empty, with no percent format."""
    plan, data = seed_pair
    content = to_xlsx(thidua.evaluate(plan, data, "2024-H1"), data=data)
    assert _sheet_cells(content, "KT07")["% kế hoạch năm"] is None
    assert _sheet_cells(content, "KT11a")["% kế hoạch năm"] is None
    assert _sheet_cells(content, "KT01")["% kế hoạch năm"] is not None


_SHARE_PLAN = """
id = "p"
title = "Kế hoạch"
year = 2024
[[groups]]
id = "G"
name = "G"
"""


def _share_of(rule: str, actual: str, unit: str = "case") -> str:
    """The "% kế hoạch năm" cell of one indicator with ``rule`` and ``actual``."""
    plan = thidua.loads_plan(
        _SHARE_PLAN + f'[[groups.indicators]]\nid = "A"\nname = "a"\nunit = "{unit}"\n'
        f'rule = "{rule}"\n'
    )
    data = thidua.Dataset([thidua.Observation("A", "2024", value=actual)])
    text = render(thidua.evaluate(plan, data, "2024"), "markdown")
    return _rows(text, "A")[4]


@pytest.mark.parametrize(
    ("rule", "actual", "unit", "shown"),
    [
        (">= 200", "150", "case", "75%"),
        ("> 200", "150", "case", "75%"),
        (">= 5 %", "4 %", "percent", "80%"),
        ("<= 200", "150", "case", ""),
        ("< 200", "250", "case", ""),
        ("< 0.8 %", "0.9 %", "percent", ""),  # the term plan's "< 0,8% | 0,9% | 112,5%"
        (">= 0", "3", "case", ""),  # a target of 0: no share of it
        (">= -1.5 %", "0 %", "percent", ""),  # a negative target
        ("<= -1.5 %", "0 %", "percent", ""),
        (">= 100 .. 200", "150", "case", ""),  # a range: two figures
        ("== 3", "3", "case", ""),
        ("!= 3", "2", "case", ""),
    ],
)
def test_share_of_plan_only_where_it_measures_progress(
    rule: str, actual: str, unit: str, shown: str
) -> None:
    """Only a >=/> target, a positive figure of the actual's dimension, has a share of plan."""
    assert _share_of(rule, actual, unit) == shown


def test_no_share_of_plan_for_yes_no_rules() -> None:
    """A yes/no rule has no share of plan."""
    plan = thidua.loads_plan(
        _SHARE_PLAN + '[[groups.indicators]]\nid = "A"\nname = "a"\nrule = "is true"\n'
    )
    data = thidua.Dataset([thidua.Observation("A", "2024", value=True)])
    assert _rows(render(thidua.evaluate(plan, data, "2024"), "markdown"), "A")[4] == ""


@given(
    op=st.sampled_from([">=", ">", "<=", "<", "==", "!="]),
    target=st.integers(min_value=-50, max_value=50),
    actual=st.integers(min_value=0, max_value=100),
)
def test_share_of_plan_is_shown_exactly_for_progress(op: str, target: int, actual: int) -> None:
    """The share is actual ÷ target for a positive >=/> target, and blank for any other rule."""
    shown = _share_of(f"{op} {target}", str(actual))
    if op in (">=", ">") and target > 0:
        share = Fraction(actual * 100, target)
        assert shown == thidua.numbers.format_number(share, max_decimals=1) + "%"
    else:
        assert shown == ""


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_an_unknown_count_of_org_units_is_never_zero(
    seed_pair: tuple[thidua.Plan, thidua.Dataset], fmt: str
) -> None:
    """KT06a in 2024-H1: no khóm had a figure, then or a year before: blank, never 0."""
    plan, data = seed_pair
    before = thidua.evaluate(plan, data, 2023, as_of="2023-06-30").results["KT06a"]
    assert before.status is Status.NO_DATA  # the cùng kỳ evaluation could not tell
    half = render(thidua.evaluate(plan, data, "2024-H1"), fmt, data=data)  # type: ignore[arg-type]
    kt06a = _table_cells(half, fmt, "KT06a")
    assert kt06a["Cùng kỳ năm trước"] == ""
    assert kt06a["Thực hiện lũy kế"] == ""  # not "0/5": no khóm has a figure yet
    assert "chưa có số liệu: Khóm 1, Khóm 2, Khóm 3, Khóm 4, Khóm 5" in kt06a["Giải thích"]
    year = render(thidua.evaluate(plan, data, "2024"), fmt, data=data)  # type: ignore[arg-type]
    kt06a = _table_cells(year, fmt, "KT06a")
    assert kt06a["Thực hiện"] == "4/5"  # four khóm known to have achieved, one without data
    assert kt06a["Cùng kỳ năm trước"] == "4"  # 2023: every khóm judged, a whole figure
    earlier = render(thidua.evaluate(plan, data, "2023"), fmt, data=data)  # type: ignore[arg-type]
    assert _table_cells(earlier, fmt, "KT06a")["Cùng kỳ năm trước"] == ""  # no 2022 figures


def test_an_unknown_count_of_org_units_is_empty_in_the_workbook(
    seed_pair: tuple[thidua.Plan, thidua.Dataset],
) -> None:
    """The workbook leaves both cells empty rather than writing 0."""
    plan, data = seed_pair
    row = _sheet_cells(to_xlsx(thidua.evaluate(plan, data, "2024-H1"), data=data), "KT06a")
    assert row["Cùng kỳ năm trước"] is None
    assert row["Thực hiện lũy kế"] is None
    row = _sheet_cells(to_xlsx(thidua.evaluate(plan, data, "2024"), data=data), "KT06a")
    assert row["Cùng kỳ năm trước"] == 4


def test_same_period_with_months_missing_is_blank() -> None:
    """A cùng kỳ sum with months missing is a part of the figure: blank; whole, it is shown."""
    plan = thidua.loads_plan(
        _SHARE_PLAN + '[[groups.indicators]]\nid = "V"\nname = "Số vụ"\nunit = "case"\n'
        'rule = "< 14"\naggregation = "sum"\n'
    )
    rows = [thidua.Observation("V", "2024-01", value=1)]
    gaps = thidua.Dataset([*rows, thidua.Observation("V", "2023-01", value=3)])
    text = render(thidua.evaluate(plan, gaps, "2024-01"), "markdown", data=gaps)
    assert _table_cells(text, "markdown", "V")["Cùng kỳ năm trước"] == "3 vụ"  # Jan 2023: whole
    text = render(thidua.evaluate(plan, gaps, "2024-H1"), "markdown", data=gaps)
    assert _table_cells(text, "markdown", "V")["Cùng kỳ năm trước"] == ""  # Feb–Jun 2023 missing
    whole = thidua.Dataset(
        [*rows, *(thidua.Observation("V", f"2023-{m:02d}", value=1) for m in range(1, 7))]
    )
    text = render(thidua.evaluate(plan, whole, "2024-H1"), "markdown", data=whole)
    assert _table_cells(text, "markdown", "V")["Cùng kỳ năm trước"] == "6 vụ"
