"""Make ``src/thidua/examples/hoa-thuan-2024-ke-hoach.docx`` from the shipped text.

Run from the repository root (python-docx is the ``docx`` extra)::

    python tools/make_example_docx.py

Every non-empty line of ``hoa-thuan-2024-ke-hoach.txt`` becomes a paragraph:
the title and the roman-numbered sections are headings, the footnotes stay
where the text has them (after contents item 4, before the rest of solution 3),
and every footnote mark (``¹``, ``²``) is written as a superscript digit, as
Word writes a typed footnote mark.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "thidua" / "examples" / "hoa-thuan-2024-ke-hoach.txt"
TARGET = SOURCE.with_suffix(".docx")
MARKS = {"¹": "1", "²": "2", "³": "3"}
ROMAN = re.compile(r"^[IVX]+\. ")


def _runs(paragraph: docx.text.paragraph.Paragraph, text: str) -> None:
    """Write text, with each footnote mark as a superscript digit."""
    for part in re.split(r"([¹²³])", text):
        if not part:
            continue
        run = paragraph.add_run(MARKS.get(part, part))
        if part in MARKS:
            run.font.superscript = True


def main() -> None:
    """Write the .docx."""
    document = docx.Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if not text:
            continue
        if text.startswith("KẾ HOẠCH"):
            document.add_heading(text, level=1)
        elif ROMAN.match(text):
            document.add_heading(text, level=2)
        else:
            _runs(document.add_paragraph(), text)
    fixed = dt.datetime(2024, 1, 15, tzinfo=dt.UTC)
    document.core_properties.created = fixed
    document.core_properties.modified = fixed
    document.core_properties.author = "thidua"
    document.save(str(TARGET))


if __name__ == "__main__":
    main()
