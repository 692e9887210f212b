"""Reading a plan document (.docx, .txt, .md, or text) into blocks of text, in order."""

from __future__ import annotations

import importlib
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from thidua._extras import require
from thidua._files import open_binary, read_text, too_large, unreadable
from thidua._text import printable, squeeze
from thidua.errors import ArgumentTypeError, DataError

#: Largest document file read (bytes).
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
#: Largest uncompressed XML inside a .docx (bytes): a zip bomb is refused.
MAX_DOCX_XML_BYTES = 64 * 1024 * 1024
#: Most paragraphs, lines and table cells read.
MAX_BLOCKS = 200_000

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_MD_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}")
_MD_MARKUP = re.compile(r"\*\*|__|`")


@attrs.frozen
class Block:
    """One paragraph, line or table cell line of a document.

    .. versionadded:: 0.4.0
    """

    #: The text: NFC, spaces collapsed, no control characters.
    text: str
    #: Its paragraph (docx) or line (text) number, from 1.
    line: int
    #: The table it is in (1 for the first table), or None.
    table: int | None = None
    #: The cell of the table, as "B3" (column B, row 3), or None.
    cell: str | None = None
    #: The row and column of the cell in its table, from 0.
    row: int = 0
    column: int = 0

    def where(self, language: str = "en") -> str:
        """Where the block is, in words."""
        if self.table is not None:
            if language == "vi":
                return f"bảng {self.table}, ô {self.cell}"
            return f"table {self.table}, cell {self.cell}"
        if language == "vi":
            return f"đoạn/dòng {self.line}"
        return f"paragraph/line {self.line}"


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return squeeze(printable(text.replace("\t", " ")).replace("\\t", " "))


def _cell_name(row: int, column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


class _Collector:
    """Blocks, with their count checked against :data:`MAX_BLOCKS`."""

    def __init__(self, file: str | None) -> None:
        self.blocks: list[Block] = []
        self.file = file
        self.count = 0

    def next(self) -> int:
        """The number of the next paragraph or line."""
        self.count += 1
        return self.count

    def add(
        self,
        text: str,
        *,
        line: int | None = None,
        table: int | None = None,
        row: int = 0,
        column: int = 0,
    ) -> None:
        if line is None:
            line = self.next()
        if line > MAX_BLOCKS or len(self.blocks) >= MAX_BLOCKS:
            msg = f"the document has more than {MAX_BLOCKS} paragraphs, lines or cells"
            raise DataError(
                msg,
                code="draft.too_large",
                vi=f"văn bản có hơn {MAX_BLOCKS} đoạn, dòng hoặc ô",
                hint="draft the plan from the part of the document that states it",
                hint_vi="hãy lập kế hoạch từ phần văn bản nêu kế hoạch",
                file=self.file,
                line=line,
            )
        cell = _cell_name(row, column) if table is not None else None
        for part in text.split("\n"):  # a line break inside a paragraph or a cell
            cleaned = _clean(part)
            if cleaned:
                self.blocks.append(Block(cleaned, line, table, cell, row, column))


def read_text_blocks(text: str, *, markdown: bool = False, file: str | None = None) -> list[Block]:
    """The lines of a text (Markdown: headings, emphasis and tables read) as blocks."""
    out = _Collector(file)
    table = 0
    in_table = False
    row = 0
    for raw in text.splitlines():
        line = raw.strip()
        if markdown:
            if line.startswith("|"):
                if not in_table:
                    in_table, table, row = True, table + 1, 0
                number = out.next()
                if _MD_TABLE_RULE.match(line) and not line.strip("|:- "):
                    continue
                for column, cell in enumerate(line.strip("|").split("|")):
                    out.add(
                        _MD_MARKUP.sub("", cell),
                        line=number,
                        table=table,
                        row=row,
                        column=column,
                    )
                row += 1
                continue
            in_table = False
            line = _MD_MARKUP.sub("", line.lstrip("#>").strip())
        out.add(line)
    return out.blocks


def _check_bytes(data: bytes, file: str | None) -> None:
    if data.startswith(_OLE):
        msg = "the .docx file is encrypted (a password-protected Word file) or an old .doc file"
        raise DataError(
            msg,
            code="draft.encrypted",
            vi="tệp .docx được đặt mật khẩu (mã hóa) hoặc là tệp .doc cũ",
            hint="open it in Word, remove the password (or save as .docx) and try again",
            hint_vi="hãy mở bằng Word, bỏ mật khẩu (hoặc lưu thành .docx) rồi thử lại",
            file=file,
        )
    if not data.startswith(b"PK"):
        raise _not_docx(file, "it is not a zip archive")


def _not_docx(file: str | None, why: str, why_vi: str | None = None) -> DataError:
    msg = f"the file is not a Word .docx document: {why}"
    return DataError(
        msg,
        code="draft.not_docx",
        vi=f"tệp không phải là văn bản Word .docx: {why_vi or why}",
        hint="save the document as .docx (Word 2007 or later), or as .txt",
        hint_vi="hãy lưu văn bản thành .docx (Word 2007 trở lên) hoặc .txt",
        file=file,
    )


def _xml(archive: zipfile.ZipFile, name: str, file: str | None) -> Any:
    etree: Any = importlib.import_module("lxml.etree")  # python-docx's own XML library

    info = archive.getinfo(name)
    if info.file_size > MAX_DOCX_XML_BYTES:
        msg = f"{name} is larger than {MAX_DOCX_XML_BYTES // (1024 * 1024)} MB uncompressed"
        raise DataError(
            msg,
            code="draft.too_large",
            vi=f"{name} lớn hơn {MAX_DOCX_XML_BYTES // (1024 * 1024)} MB khi giải nén",
            hint="draft the plan from a smaller document",
            hint_vi="hãy dùng văn bản nhỏ hơn",
            file=file,
        )
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(archive.read(name), parser=parser)


def _xml_text(text: str) -> Any:
    """An XML element from text, parsed as the parts of a .docx are (for tests)."""
    etree: Any = importlib.import_module("lxml.etree")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(text.encode(), parser=parser)


def _run_text(element: Any) -> Iterator[str]:
    """The text of a paragraph element: runs, tabs, breaks, footnote marks."""
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}footnoteReference"):
        tag = node.tag
        if tag == f"{_W}t":
            text = node.text or ""
            run = node.getparent()
            props = run.find(f"{_W}rPr") if run is not None else None
            align = props.find(f"{_W}vertAlign") if props is not None else None
            if (
                align is not None
                and align.get(f"{_W}val") == "superscript"
                and text.strip().isdigit()
            ):
                text = text.strip().translate(_SUPERSCRIPT)
            yield text
        elif tag == f"{_W}footnoteReference":
            yield (node.get(f"{_W}id") or "").translate(_SUPERSCRIPT)
        elif tag == f"{_W}br":
            yield "\n"
        else:
            yield " "


def read_docx_blocks(data: bytes, *, file: str | None = None) -> list[Block]:
    """The paragraphs, table cells and footnotes of a .docx, in document order.

    The XML is read as python-docx reads it (with lxml, entities not resolved),
    straight from the archive, so that footnotes and footnote marks are seen.
    """
    require("docx")  # the docx extra: python-docx and its lxml
    _check_bytes(data, file)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise _not_docx(file, f"a damaged zip archive ({type(exc).__name__})") from None
    if "word/document.xml" not in names:
        raise _not_docx(file, "it has no word/document.xml", "không có word/document.xml")
    try:
        document = _xml(archive, "word/document.xml", file)
        footnotes = (
            _xml(archive, "word/footnotes.xml", file) if "word/footnotes.xml" in names else None
        )
        numbering = _Numbering(
            _xml(archive, "word/numbering.xml", file) if "word/numbering.xml" in names else None,
            _xml(archive, "word/styles.xml", file) if "word/styles.xml" in names else None,
        )
    except DataError:
        raise
    except Exception as exc:
        raise _not_docx(file, f"its XML is damaged ({type(exc).__name__})") from None
    body = document.find(f"{_W}body")
    if body is None:
        raise _not_docx(file, "it has no document body", "không có phần thân văn bản")
    out = _Collector(file)
    table = 0
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            out.add(numbering.marker(child) + "".join(_run_text(child)))
        elif child.tag == f"{_W}tbl":
            table += 1
            _table(child, table, out)
    if footnotes is not None:
        for note in footnotes.iterchildren(f"{_W}footnote"):
            ident = note.get(f"{_W}id") or ""
            if not ident.isdigit() or int(ident) < 1:
                continue  # the separators
            paragraphs = ["".join(_run_text(p)) for p in note.iter(f"{_W}p")]
            text = " ".join(paragraphs).strip()
            mark = ident.translate(_SUPERSCRIPT)
            text = text.removeprefix(mark).strip()
            out.add(f"{mark} {text}")
    return out.blocks


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _formatted(number: int, fmt: str) -> str:
    if fmt in {"lowerLetter", "upperLetter"}:
        letter = chr(ord("a") + (number - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in {"lowerRoman", "upperRoman"}:
        roman = _roman(min(number, 3999))
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(number)


class _Numbering:
    """Word's automatic list numbering (``word/numbering.xml``), written out as text.

    A paragraph numbered by Word has no "1." or "a)" in its text; its marker is
    made from the list's level format ("%1.", "%2)") and counters, as Word shows
    it, so that lists read the same as typed ones. Bullets are written "-".
    """

    def __init__(self, root: Any, styles: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        #: The numbering of paragraph styles ("List Number"): style id -> numPr.
        self.styles: dict[str, Any] = {}
        if styles is not None:
            for style in styles.iterchildren(f"{_W}style"):
                props = style.find(f"{_W}pPr")
                numbered = props.find(f"{_W}numPr") if props is not None else None
                if numbered is not None:
                    self.styles[style.get(f"{_W}styleId") or ""] = numbered
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterchildren(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iterchildren(f"{_W}lvl"):
                ilvl = _int(lvl.get(f"{_W}ilvl"), 0)
                fmt = _val(lvl.find(f"{_W}numFmt")) or "decimal"
                text = _val(lvl.find(f"{_W}lvlText")) or ""
                start = _int(_val(lvl.find(f"{_W}start")), 1)
                levels[ilvl] = (fmt, text, start)
            abstract[node.get(f"{_W}abstractNumId") or ""] = levels
        for node in root.iterchildren(f"{_W}num"):
            ident = _val(node.find(f"{_W}abstractNumId")) or ""
            self.levels[node.get(f"{_W}numId") or ""] = abstract.get(ident, {})

    def marker(self, paragraph: Any) -> str:
        """The marker Word shows before the paragraph ("1. ", "a) ", "- "), or ""."""
        props = paragraph.find(f"{_W}pPr")
        numbered = props.find(f"{_W}numPr") if props is not None else None
        if numbered is None and props is not None:
            numbered = self.styles.get(_val(props.find(f"{_W}pStyle")) or "")
        if numbered is None:
            return ""
        ident = _val(numbered.find(f"{_W}numId")) or ""
        ilvl = min(_int(_val(numbered.find(f"{_W}ilvl")), 0), 8)
        levels = self.levels.get(ident)
        if not levels or ilvl not in levels:
            return ""
        fmt, text, start = levels[ilvl]
        counters = self.counters.setdefault(ident, [0] * 9)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return ""

        def level(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            kfmt = levels.get(k, ("decimal", "", 1))[0]
            return _formatted(counters[k] or levels.get(k, ("", "", 1))[2], kfmt)

        return re.sub(r"%([1-9])", level, text) + " "


def _val(node: Any) -> str | None:
    return node.get(f"{_W}val") if node is not None else None


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and len(text) < 6 else default


def _table(element: Any, number: int, out: _Collector) -> None:
    for row, tr in enumerate(element.iterchildren(f"{_W}tr")):
        column = 0
        for tc in tr.iterchildren(f"{_W}tc"):
            props = tc.find(f"{_W}tcPr")
            span = props.find(f"{_W}gridSpan") if props is not None else None
            merge = props.find(f"{_W}vMerge") if props is not None else None
            start = column
            width = span.get(f"{_W}val") if span is not None else "1"
            column += int(width) if width and width.isdigit() and int(width) < 64 else 1
            if merge is not None and merge.get(f"{_W}val") != "restart":
                continue  # the continuation of a cell merged down
            line = out.next()
            for p in tc.iterchildren(f"{_W}p"):
                out.add("".join(_run_text(p)), line=line, table=number, row=row, column=start)


def read_source(source: str | bytes | os.PathLike[str]) -> tuple[list[Block], str | None]:
    """The blocks of ``source`` (a path, the bytes of a .docx, or the text), and its file name."""
    if isinstance(source, bytes):
        if len(source) > MAX_DOCUMENT_BYTES:
            name = "<bytes>"
            raise too_large(name, what=_WHAT, max_bytes=MAX_DOCUMENT_BYTES, error=DataError)
        return read_docx_blocks(source), None
    if isinstance(source, str) and "\n" not in source.strip():
        source = source.strip()  # one line: a path copied with its line break is a path
    if isinstance(source, os.PathLike) or (
        isinstance(source, str)
        and "\n" not in source
        and len(source) < 4096
        and source.lower().endswith((*_SUFFIXES, ".doc", ".pdf", ".odt", ".rtf"))
    ):
        path = Path(source)
        suffix = path.suffix.lower()
        if suffix not in _SUFFIXES:
            shown = printable(path.suffix or "(none)")
            msg = f"a plan document must be .docx, .txt or .md, not {shown}"
            raise DataError(
                msg,
                code="draft.format",
                vi=f"văn bản kế hoạch phải là tệp .docx, .txt hoặc .md, không phải {shown}",
                hint="save it as .docx (Word 2007 or later) or as text",
                hint_vi="hãy lưu thành .docx (Word 2007 trở lên) hoặc văn bản .txt",
                file=printable(str(path)),
            )
        if suffix == ".docx":
            name, handle = open_binary(
                source, what=_WHAT, max_bytes=MAX_DOCUMENT_BYTES, error=DataError
            )
            try:
                with handle:
                    data = handle.read(MAX_DOCUMENT_BYTES + 1)
            except OSError as exc:  # a read error after opening
                raise unreadable(exc, name, what=_WHAT, error=DataError) from None
            if len(data) > MAX_DOCUMENT_BYTES:
                raise too_large(name, what=_WHAT, max_bytes=MAX_DOCUMENT_BYTES, error=DataError)
            return read_docx_blocks(data, file=name), name
        name, text = read_text(source, what=_WHAT, max_bytes=MAX_DOCUMENT_BYTES, error=DataError)
        return read_text_blocks(text, markdown=suffix in {".md", ".markdown"}, file=name), name
    if not isinstance(source, str):
        shown = printable(type(source).__name__)
        msg = (
            "source= must be a path, the bytes of a .docx or the text of a plan document, "
            f"not {shown}"
        )
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=(
                "tham số source= phải là đường dẫn tệp, nội dung tệp .docx (bytes) hoặc "
                f"nội dung văn bản kế hoạch, không phải {shown}"
            ),
        )
    if len(source) > MAX_DOCUMENT_BYTES:
        name = "<text>"
        raise too_large(name, what=_WHAT, max_bytes=MAX_DOCUMENT_BYTES, error=DataError)
    return read_text_blocks(source), None


_WHAT = "plan document"
_SUFFIXES = (".docx", ".txt", ".md", ".markdown")
