"""The report as a Word document, in the form of Decree 30/2020/NĐ-CP (Appendix I).

:func:`thidua.report.to_docx` builds the report's parts (shared with the other
formats) and hands them here; this module lays them out with python-docx
(imported when called: the ``docx`` extra):

* the page: A4 (21 × 29.7 cm), margins 2 cm top and bottom, 3 cm left, 2 cm
  right; Times New Roman, the body at 14 pt;
* the heading, a two-column table without borders: the superior body
  (uppercase), the issuer (uppercase, bold) with a short rule under it and
  ``Số: …/BC-…`` on the left; the national name (bold, 13 pt), the motto (bold,
  14 pt) with a rule under it, and the place and date (italics) on the right;
* ``BÁO CÁO`` (bold, 14 pt, centred) and the trích yếu (bold, 14 pt, centred);
* the body, the tables, the indicators needing attention, the data not used;
* at the foot, a two-column table without borders: ``Nơi nhận:`` (bold
  italic, 12 pt) and its list (11 pt) on the left, the signing block on the
  right (the authority and position bold and uppercase, the signer's name bold).

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import io
from typing import Any

from thidua._extras import require
from thidua._text import safe_for_xml

__all__ = ["BODY_PT", "FONT", "MARGINS_CM", "PAGE_CM", "build"]

#: The typeface of the document.
FONT = "Times New Roman"
#: The size of the body text, in points.
BODY_PT = 14
#: The page: width and height, in centimetres (A4).
PAGE_CM = (21.0, 29.7)
#: The margins: top, bottom, left, right, in centimetres.
MARGINS_CM = (2.0, 2.0, 3.0, 2.0)

#: The widths of the heading's columns, in centimetres (the text is 16 cm wide).
_HEADING_CM = (6.5, 9.5)


class _Writer:
    """The document being written, and the few ways the form sets text."""

    def __init__(self) -> None:
        docx = require("docx")
        self.shared = require("docx.shared")
        self.text_enum = require("docx.enum.text")
        self.ns = require("docx.oxml.ns")
        self.oxml = require("docx.oxml")
        self.document = docx.Document()
        cm = self.shared.Cm
        section = self.document.sections[0]
        section.page_width, section.page_height = cm(PAGE_CM[0]), cm(PAGE_CM[1])
        top, bottom, left, right = MARGINS_CM
        section.top_margin, section.bottom_margin = cm(top), cm(bottom)
        section.left_margin, section.right_margin = cm(left), cm(right)
        normal = self.document.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = self.shared.Pt(BODY_PT)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(self.ns.qn("w:eastAsia"), FONT)
        normal.paragraph_format.space_after = self.shared.Pt(3)

    def run(
        self,
        paragraph: Any,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        size: float = BODY_PT,
    ) -> Any:
        """A run of ``text`` (made safe for XML) in the document's font."""
        run = paragraph.add_run(safe_for_xml(text))
        run.bold, run.italic = bold or None, italic or None
        run.font.name = FONT
        run.font.size = self.shared.Pt(size)
        run._element.get_or_add_rPr().get_or_add_rFonts().set(self.ns.qn("w:eastAsia"), FONT)
        return run

    def paragraph(
        self,
        text: str = "",
        *,
        where: Any = None,
        align: str = "left",
        bold: bool = False,
        italic: bool = False,
        size: float = BODY_PT,
        indent: bool = False,
    ) -> Any:
        """A paragraph of the document (or of a cell: ``where``)."""
        where = where if where is not None else self.document
        paragraph = where.add_paragraph()
        alignment = self.text_enum.WD_ALIGN_PARAGRAPH
        paragraph.alignment = {
            "left": alignment.LEFT,
            "center": alignment.CENTER,
            "justify": alignment.JUSTIFY,
        }[align]
        if indent:
            paragraph.paragraph_format.first_line_indent = self.shared.Cm(1.27)
        paragraph.paragraph_format.space_after = self.shared.Pt(2)
        if text:
            self.run(paragraph, text, bold=bold, italic=italic, size=size)
        return paragraph

    def rule(self, cell: Any, width_cm: float, cell_cm: float) -> None:
        """A short centred rule: an empty paragraph with a bottom border, ``width_cm`` long."""
        paragraph = cell.add_paragraph()
        side = self.shared.Cm(max((cell_cm - width_cm) / 2, 0))
        paragraph.paragraph_format.left_indent = side
        paragraph.paragraph_format.right_indent = side
        paragraph.paragraph_format.space_after = self.shared.Pt(4)
        p_pr = paragraph._p.get_or_add_pPr()
        borders = self.oxml.OxmlElement("w:pBdr")
        bottom = self.oxml.OxmlElement("w:bottom")
        for key, value in (
            ("w:val", "single"),
            ("w:sz", "6"),
            ("w:space", "1"),
            ("w:color", "000000"),
        ):
            bottom.set(self.ns.qn(key), value)
        borders.append(bottom)
        p_pr.append(borders)
        run = paragraph.add_run()
        run.font.size = self.shared.Pt(2)

    def no_borders(self, table: Any) -> None:
        """A table without borders (the heading and the foot)."""
        properties = table._tbl.tblPr
        borders = self.oxml.OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = self.oxml.OxmlElement(f"w:{edge}")
            element.set(self.ns.qn("w:val"), "nil")
            borders.append(element)
        properties.append(borders)

    def widths(self, table: Any, widths_cm: tuple[float, ...]) -> None:
        """Fixed column widths."""
        table.autofit = False
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm, strict=True):
                cell.width = self.shared.Cm(width)

    def grid(self, head: list[str], rows: list[list[str]], *, size: float = 12) -> Any:
        """A table with borders, its header row bold and repeated on each page."""
        table = self.document.add_table(rows=1, cols=len(head))
        table.style = self.document.styles["Table Grid"]
        for cell, text in zip(table.rows[0].cells, head, strict=True):
            cell.paragraphs[0].paragraph_format.space_after = self.shared.Pt(0)
            self.run(cell.paragraphs[0], text, bold=True, size=size)
        header = table.rows[0]._tr.get_or_add_trPr()
        repeat = self.oxml.OxmlElement("w:tblHeader")
        repeat.set(self.ns.qn("w:val"), "true")
        header.append(repeat)
        for values in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                cell.paragraphs[0].paragraph_format.space_after = self.shared.Pt(0)
                self.run(cell.paragraphs[0], text, size=size)
        return table

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _heading(w: _Writer, context: dict[str, Any]) -> None:
    labels = context["labels"]
    table = w.document.add_table(rows=1, cols=2)
    w.no_borders(table)
    w.widths(table, _HEADING_CM)
    left, right = table.rows[0].cells
    first = True
    for text, bold in ((context["superior"], False), (context["issuer"], True)):
        if not text:
            continue
        paragraph = left.paragraphs[0] if first else left.add_paragraph()
        first = False
        paragraph.alignment = w.text_enum.WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = w.shared.Pt(0)
        w.run(paragraph, text, bold=bold, size=13)
    w.rule(left, 2.5, _HEADING_CM[0])
    w.paragraph(context["number"], where=left, align="center", size=13)
    republic = right.paragraphs[0]
    republic.alignment = w.text_enum.WD_ALIGN_PARAGRAPH.CENTER
    republic.paragraph_format.space_after = w.shared.Pt(0)
    w.run(republic, labels["republic"], bold=True, size=13)
    w.paragraph(labels["motto"], where=right, align="center", bold=True, size=14)
    w.rule(right, 5.8, _HEADING_CM[1])
    if context["place_date"]:
        w.paragraph(context["place_date"], where=right, align="center", italic=True, size=14)


def _foot(w: _Writer, context: dict[str, Any]) -> None:
    labels = context["labels"]
    w.paragraph()
    table = w.document.add_table(rows=1, cols=2)
    w.no_borders(table)
    w.widths(table, (7.5, 8.5))
    left, right = table.rows[0].cells
    title = left.paragraphs[0]
    w.run(title, labels["recipients"], bold=True, italic=True, size=12)
    title.paragraph_format.space_after = w.shared.Pt(0)
    for item in context["recipients"]:
        line = w.paragraph(item, where=left, size=11)
        line.paragraph_format.space_after = w.shared.Pt(0)
    signer = context["signer"]
    if signer is None:
        return
    first = True
    for text in signer["authority"]:
        paragraph = right.paragraphs[0] if first else right.add_paragraph()
        first = False
        paragraph.alignment = w.text_enum.WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = w.shared.Pt(0)
        w.run(paragraph, text, bold=True, size=14)
    for _ in range(4):  # room for the signature and the seal
        w.paragraph(where=right)
    w.paragraph(signer["name"], where=right, align="center", bold=True, size=14)


def build(context: dict[str, Any]) -> bytes:
    """The .docx file of a report, from the parts :mod:`thidua.report` makes.

    Raises:
        ExtraNotInstalledError: python-docx is not installed (the ``docx`` extra).
    """
    w = _Writer()
    labels = context["labels"]
    _heading(w, context)
    w.paragraph()
    w.paragraph(
        labels["report"], align="center", bold=True, size=14
    ).paragraph_format.space_after = w.shared.Pt(0)
    w.paragraph(context["abstract"], align="center", bold=True, size=14)
    for text in context["body"]:
        w.paragraph(text, align="justify", indent=True)
    w.paragraph(labels["summary"], bold=True)
    head = [labels["group"], labels["total"], *context["count_labels"], labels["share"]]
    rows = [
        [f"{g['id']} — {g['name']}", str(g["total"]), *map(str, g["counts"]), g["share"]]
        for g in context["groups"]
    ]
    w.grid(head, rows, size=11)
    w.paragraph(labels["details"], bold=True)
    keys = [c["key"] for c in context["columns"]]
    for group in context["groups"]:
        w.paragraph(f"{group['id']} — {group['name']}", bold=True, size=13)
        lines = []
        for row in group["rows"]:
            values = []
            for key in keys:
                if key == "id":
                    values.append("  " * row["level"] + row["id"])
                elif key == "indicator":
                    values.append(row["name"])
                elif key == "status":
                    values.append(row["status_label"])
                else:
                    values.append(str(row[key]))
            lines.append(values)
        w.grid([c["label"] for c in context["columns"]], lines, size=10)
    w.paragraph(labels["attention"], bold=True)
    for key in ("not_achieved", "pending", "no_data"):
        if context[key]:
            w.paragraph(labels[key], bold=True, italic=True)
            for item in context[key]:
                w.paragraph(f"- {item}", align="justify")
    if not (context["not_achieved"] or context["pending"] or context["no_data"]):
        w.paragraph(labels["all_done"])
    w.paragraph(labels["unused"], bold=True)
    if context["unused"]:
        w.grid(
            [labels[k] for k in ("id", "period", "value", "org_unit", "reason")],
            [
                [u["indicator"], u["period"], u["value"], u["org_unit"], u["reason"]]
                for u in context["unused"]
            ],
            size=10,
        )
    else:
        w.paragraph(labels["unused_none"])
    _foot(w, context)
    return w.save()
