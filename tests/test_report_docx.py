"""The Word report: every part of the Decree 30/2020/NĐ-CP form, read back with python-docx."""

from __future__ import annotations

import io
import sys
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

import thidua
from thidua import report
from thidua.errors import ExtraNotInstalledError
from thidua.plans import Signer
from thidua.presentation import value_text

from . import report_data

CM = 360000  # EMU per centimetre


@pytest.fixture(scope="module")
def half() -> tuple[thidua.Evaluation, thidua.Dataset]:
    """The 2024-H1 evaluation of the report plan and its data."""
    return report_data.half_year()


@pytest.fixture(scope="module")
def document(half: tuple[thidua.Evaluation, thidua.Dataset]) -> Any:
    """The sơ kết as a Word document, dated 10/6/2024."""
    ev, data = half
    return docx.Document(io.BytesIO(report.to_docx(ev, data=data, date="10/6/2024")))


def _runs(paragraph: Any) -> list[Any]:
    return [r for r in paragraph.runs if r.text]


def _paragraph(document: Any, text: str) -> Any:
    return next(p for p in document.paragraphs if p.text == text)


def _has_rule(paragraph: Any) -> bool:
    borders = paragraph._p.pPr.find(qn("w:pBdr")) if paragraph._p.pPr is not None else None
    return borders is not None and borders.find(qn("w:bottom")).get(qn("w:val")) == "single"


def _no_borders(table: Any) -> bool:
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    return borders is not None and all(e.get(qn("w:val")) == "nil" for e in borders)


def test_page_is_a4_with_the_decree_margins(document: Any) -> None:
    """A4, 2 cm top and bottom, 3 cm left, 1.5–2 cm right."""
    section = document.sections[0]
    assert section.page_width / CM == pytest.approx(21, abs=0.01)
    assert section.page_height / CM == pytest.approx(29.7, abs=0.01)
    assert section.top_margin / CM == pytest.approx(2, abs=0.01)
    assert section.bottom_margin / CM == pytest.approx(2, abs=0.01)
    assert section.left_margin / CM == pytest.approx(3, abs=0.01)
    assert 1.5 <= section.right_margin / CM + 0.001 <= 2.01


def test_fonts_are_times_new_roman(document: Any) -> None:
    """Every run is Times New Roman; the body 14 pt."""
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert 13 <= normal.font.size.pt <= 14
    runs = [r for p in document.paragraphs for r in p.runs if r.text]
    runs += [
        r
        for t in document.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
        if r.text
    ]
    assert runs
    assert {r.font.name for r in runs} == {"Times New Roman"}
    body = [r for p in document.paragraphs for r in p.runs if r.text and not r.bold]
    assert {r.font.size.pt for r in body} == {14}


def test_heading_table(document: Any) -> None:
    """Two columns, no borders: issuer and number left; national name, motto, place-date right."""
    table = document.tables[0]
    assert _no_borders(table)
    assert len(table.columns) == 2
    left, right = table.rows[0].cells
    texts = [p.text for p in left.paragraphs]
    assert texts == [
        "ỦY BAN NHÂN DÂN THÀNH PHỐ CAO LÃNH",
        "ỦY BAN NHÂN DÂN PHƯỜNG HÒA THUẬN",
        "",
        "Số: /BC-UBND",
    ]
    superior, issuer, rule, number = left.paragraphs
    assert not _runs(superior)[0].bold
    assert _runs(issuer)[0].bold
    assert _has_rule(rule)
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in (superior, issuer, number))
    republic, motto, rule, place = right.paragraphs
    assert republic.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert _runs(republic)[0].bold
    assert 12 <= _runs(republic)[0].font.size.pt <= 13
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert _runs(motto)[0].bold
    assert 13 <= _runs(motto)[0].font.size.pt <= 14
    assert _has_rule(rule)
    assert place.text == "Hòa Thuận, ngày 10 tháng 6 năm 2024"
    assert _runs(place)[0].italic
    assert table.rows[0].cells[0].width / CM == pytest.approx(6.5, abs=0.01)


def test_title_abstract_and_body(
    document: Any, half: tuple[thidua.Evaluation, thidua.Dataset]
) -> None:
    """BÁO CÁO, the trích yếu and the body in prose."""
    title = _paragraph(document, "BÁO CÁO")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert _runs(title)[0].bold
    assert 13 <= _runs(title)[0].font.size.pt <= 14
    abstract = next(p for p in document.paragraphs if p.text.startswith("Sơ kết"))
    assert abstract.text == (
        "Sơ kết 6 tháng đầu năm 2024 thực hiện Kế hoạch phát động phong trào thi đua năm 2024"
    )
    assert abstract.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert _runs(abstract)[0].bold
    body = [p.text for p in document.paragraphs]
    assert any(t.startswith("Thực hiện Kế hoạch phát động") for t in body)
    counts = next(t for t in body if t.startswith("Tính đến ngày 30/06/2024"))
    assert "3 chỉ tiêu chưa đến kỳ đánh giá" in counts
    assert "0%" not in counts
    for heading in (
        "I. TỔNG HỢP KẾT QUẢ",
        "II. KẾT QUẢ TỪNG CHỈ TIÊU",
        "IV. SỐ LIỆU KHÔNG SỬ DỤNG",
    ):
        assert _runs(_paragraph(document, heading))[0].bold


def test_results_table_numbers(
    document: Any, half: tuple[thidua.Evaluation, thidua.Dataset]
) -> None:
    """The header of every column, and each figure as the evaluation of the year has it."""
    ev, data = half
    year = thidua.evaluate(ev.plan, data, "2024", as_of="30/06/2024")
    units = ev.plan.unit_registry()
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Mã")
    head = [c.text for c in table.rows[0].cells]
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
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on each page
    assert all(r.bold for c in table.rows[0].cells for p in c.paragraphs for r in p.runs)
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert set(rows) == {"KT01", "KT02", "KT03", "KT04"}
    for ident, cells in rows.items():
        result = year.results[ident]
        assert cells[1] == result.name
        assert cells[2] == thidua.presentation.target_text(result.target, units=units)
        assert cells[3] == value_text(result.actual, units=units)
        projected = result.outlook.projected if result.outlook else None
        assert cells[6] == value_text(projected, units=units)
    assert rows["KT01"][2:6] == ["≥ 25.000 tấn lúa", "12.500 tấn lúa", "50%", "11.000 tấn lúa"]
    assert rows["KT02"][4:6] == ["50%", "1,9 tỷ đồng"]
    assert rows["KT01"][7] == "Chưa đến kỳ đánh giá"
    assert rows["KT04"][7] == "Chưa có số liệu"
    summary = next(t for t in document.tables if t.rows[0].cells[0].text == "Nhóm chỉ tiêu")
    assert [c.text for c in summary.rows[1].cells] == [
        "KT — Kinh tế",
        "4",
        "0",
        "0",
        "3",
        "1",
        "0",
        "—",
    ]


def test_recipients_and_signing_block(document: Any) -> None:
    """Nơi nhận (bold italic 12 pt, list 11 pt) and the signing block."""
    foot = document.tables[-1]
    assert _no_borders(foot)
    left, right = foot.rows[0].cells
    title = left.paragraphs[0]
    assert title.text == "Nơi nhận:"
    run = _runs(title)[0]
    assert run.bold
    assert run.italic
    assert run.font.size.pt == 12
    items = left.paragraphs[1:]
    assert [p.text for p in items] == ["- Phòng Nội vụ Thành phố;", "- Lưu: VT."]
    assert {r.font.size.pt for p in items for r in _runs(p)} == {11}
    lines = [p for p in right.paragraphs if p.text]
    assert [p.text for p in lines] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Ngô Hữu Phước",
    ]
    assert all(_runs(p)[0].bold for p in lines)
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in lines)


def test_options_and_english(half: tuple[thidua.Evaluation, thidua.Dataset]) -> None:
    """Number, signer, recipients and kind as given; the English form."""
    ev, data = half
    content = report.to_docx(
        ev,
        data=data,
        language="en",
        number="7/BC-UBND",
        signer=Signer("Lê Văn Tám", "Chủ tịch"),
        recipients=["Sở Nội vụ"],
        kind="tong-ket",
    )
    document = docx.Document(io.BytesIO(content))
    left, right = document.tables[0].rows[0].cells
    assert left.paragraphs[-1].text == "No.: 7/BC-UBND"
    assert right.paragraphs[0].text == "SOCIALIST REPUBLIC OF VIETNAM"
    assert any(p.text.startswith("Annual review of 2024-H1") for p in document.paragraphs)
    foot = document.tables[-1].rows[0].cells
    assert [p.text for p in foot[0].paragraphs] == ["Recipients:", "- Sở Nội vụ;", "- Archive: VT."]
    assert [p.text for p in foot[1].paragraphs if p.text] == ["CHỦ TỊCH", "Lê Văn Tám"]


def test_seed_annual_report_and_hostile_text(tmp_path: Any) -> None:
    """The seed's tổng kết; a control character in plan text is shown escaped, never raw."""
    seed = thidua.evaluate(thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data())
    path = report.write(seed, tmp_path / "tong-ket.docx")
    document = docx.Document(str(path))
    assert any(p.text.startswith("Tổng kết năm 2024") for p in document.paragraphs)
    groups = [t for t in document.tables if "Kết quả" in [c.text for c in t.rows[0].cells]]
    assert len(groups) == 2  # CK and KT
    plan = thidua.Plan(
        "p",
        "Kế hoạch",
        year=2024,
        groups=[
            thidua.IndicatorGroup("G", "g", indicators=[thidua.Indicator("A", "a", rule="is true")])
        ],
    )
    object.__setattr__(plan, "title", "Kế hoạch \x1b[31m\x00")  # forced past the checks
    ev = thidua.evaluate(plan, thidua.Dataset([thidua.Observation("A", "2024", value=True)]))
    document = docx.Document(io.BytesIO(report.to_docx(ev)))
    abstract = next(p.text for p in document.paragraphs if p.text.startswith("Tổng kết"))
    assert "\\x1b" in abstract
    assert "\x1b" not in abstract
    assert "\x00" not in abstract
    assert [p.text for p in document.tables[-1].rows[0].cells[0].paragraphs] == [
        "Nơi nhận:",
        "- Lưu: VT.",
    ]


def test_without_python_docx(
    half: tuple[thidua.Evaluation, thidua.Dataset], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without python-docx, the error names the extra to install."""
    ev, data = half
    for name in [m for m in sys.modules if m == "docx" or m.startswith("docx.")]:
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(ExtraNotInstalledError) as info:
        report.to_docx(ev, data=data)
    assert "thidua[docx]" in str(info.value)


def test_share_of_plan_and_unknown_counts_in_the_document() -> None:
    """The seed's sơ kết: no share of plan where less is better; unknown counts blank, never 0."""
    plan, data = thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data()
    document = docx.Document(
        io.BytesIO(report.to_docx(thidua.evaluate(plan, data, "2024-H1"), data=data))
    )
    rows = {}
    for table in document.tables:
        head = [c.text for c in table.rows[0].cells]
        if "% kế hoạch năm" in head:
            for row in table.rows[1:]:
                cells = [c.text for c in row.cells]
                rows[cells[0].strip()] = dict(zip(head, cells, strict=True))
    assert (rows["KT07"]["Thực hiện lũy kế"], rows["KT07"]["% kế hoạch năm"]) == ("44 hộ", "")
    assert rows["KT11a"]["% kế hoạch năm"] == ""
    assert rows["KT06a"]["Cùng kỳ năm trước"] == ""
    assert rows["KT06a"]["Thực hiện lũy kế"] == ""
    assert rows["KT01"]["% kế hoạch năm"] != ""
