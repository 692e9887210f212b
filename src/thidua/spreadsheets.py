"""Reading figures from Excel workbooks (``.xlsx``, ``.xlsm``), for :func:`thidua.load_data`.

The design, in short:

* **openpyxl, read-only**, reads the cells: their values *and their number
  formats*, which decide what a number means (``0.954`` formatted ``0.0%`` is
  95.4 %; the same number unformatted is 0.954) and what a date is (a date
  formatted ``mm/yyyy`` is a month). Read-only mode streams the sheet: memory
  stays small and time linear in the cells.
* **python-calamine** gives what read-only openpyxl cannot see: the merged
  ranges of the sheet, so that a merged header cell (``data.merged_header``)
  or merged figures (``data.merged_cells``: a khóm merged over its rows) are
  refused instead of read as empty cells.
* Numbers are exact: a float cell is read from its shortest decimal form
  (``repr``), so a cell holding ``0.1`` is 1/10, never the binary float
  0.1000000000000000055…; an int cell is the int.
* Text cells are read as the CSV reader reads a cell (``"1.850"``,
  ``"95,4%"``, ``"42 hộ"``, in the plan's number format).
* The header is the first row that names the ``indicator`` and ``period``
  columns (in English or Vietnamese, see ``data_columns.toml``); title rows
  above it are skipped. Every error names the file, the sheet and the cell.
* A data-entry template written by :func:`thidua.entry.data_template` is recognised
  by its hidden sheet and read by its own layout (see :mod:`thidua.entry`).

Limits: a workbook of at most :data:`MAX_WORKBOOK_BYTES` bytes on disk and
:data:`MAX_UNPACKED_BYTES` unpacked, at most :data:`MAX_ROWS` rows and
:data:`MAX_COLUMNS` columns read in the sheet, the header within its first
:data:`MAX_TITLE_ROWS` rows.

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import IO, Any

from thidua._extras import require
from thidua._files import open_binary, too_large, unreadable
from thidua._text import fold, nfc
from thidua.data import (
    _COLUMNS,
    Dataset,
    Kind,
    Observation,
    Source,
    Value,
    _Builder,
    _count,
    _duplicate,
    _header,
    _kind,
    _period,
    _read_value,
    _unit_conflict,
    _unit_name,
    column_of,
)
from thidua.errors import DataError, ThiduaError, wrong_type
from thidua.numbers import NumberFormat
from thidua.periods import Period, parse_period
from thidua.units import Quantity, Units

__all__ = [
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_TITLE_ROWS",
    "MAX_UNPACKED_BYTES",
    "MAX_WORKBOOK_BYTES",
    "META_SHEET",
    "TEMPLATE_AT",
    "TEMPLATE_COLUMNS",
    "TEMPLATE_HEADER_ROW",
    "TEMPLATE_SHEET",
    "TEMPLATE_VERSION",
    "cell_name",
    "exact",
    "period_of",
    "read_template",
    "read_workbook",
]

#: Largest workbook file read (bytes, as stored: zipped).
MAX_WORKBOOK_BYTES = 32 * 1024 * 1024
#: Largest total of a workbook's parts once unpacked (bytes): a zip bomb is refused.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
#: Most rows read from a sheet (the header and title rows included).
MAX_ROWS = 500_000
#: Most columns read from a sheet.
MAX_COLUMNS = 64
#: The header must be within this many first rows of the sheet.
MAX_TITLE_ROWS = 50
#: The very hidden sheet of a data-entry template, with its metadata.
META_SHEET = "thidua"
#: The version of the data-entry template's layout that this reader knows.
TEMPLATE_VERSION = "1"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted workbook, or an old .xls
_ZIP = b"PK\x03\x04"
#: Parts of a number format that are no date tokens: quoted text, [colours], escapes.
_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def _letters(column: int) -> str:
    """The letters of a 1-based column (1 → A, 28 → AB)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """A cell's name from its 1-based row and column (``cell_name(7, 3) == "C7"``).

    .. versionadded:: 0.4.0
    """
    return f"{_letters(column)}{row}"


def _not_a_workbook(name: str, reason: str) -> DataError:
    return DataError(
        f"not a readable Excel workbook ({reason})",
        code="data.not_a_workbook",
        vi=f"tệp không phải là bảng tính Excel đọc được ({reason})",
        hint="save it again from the spreadsheet as an Excel workbook (.xlsx), or as CSV UTF-8",
        hint_vi="hãy mở tệp bằng Excel rồi lưu lại theo kiểu Excel Workbook (.xlsx) hoặc CSV UTF-8",
        file=name,
    )


def _opened(path: object) -> tuple[str, IO[bytes]]:
    """The workbook's name and its file, checked: size, signature, zip, unpacked size."""
    # the size is checked here: open_binary's own check is reported as unreadable
    name, handle = open_binary(path, what="data file", max_bytes=1 << 62, error=DataError)
    try:
        if os.fstat(handle.fileno()).st_size > MAX_WORKBOOK_BYTES:
            raise too_large(name, what="data file", max_bytes=MAX_WORKBOOK_BYTES, error=DataError)
        magic = handle.read(8)
        if magic == _OLE:
            msg = "the workbook is encrypted (protected by a password) or an old .xls file"
            raise DataError(
                msg,
                code="data.workbook_encrypted",
                vi="bảng tính được đặt mật khẩu (mã hóa) hoặc là tệp .xls cũ",
                hint="remove the password (File > Info > Protect Workbook) and save as .xlsx",
                hint_vi="hãy bỏ mật khẩu của tệp (Tệp > Thông tin > Bảo vệ sổ làm việc) "
                "rồi lưu lại theo kiểu .xlsx",
                file=name,
            )
        if not magic.startswith(_ZIP):
            raise _not_a_workbook(name, "it is not a zip file")
        handle.seek(0)
        try:
            with zipfile.ZipFile(handle) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
            raise _not_a_workbook(name, f"a damaged zip file: {type(exc).__name__}") from None
        if unpacked > MAX_UNPACKED_BYTES:
            raise too_large(name, what="data file", max_bytes=MAX_UNPACKED_BYTES, error=DataError)
        handle.seek(0)
    except OSError as exc:  # pragma: no cover - a read error after the file opened
        handle.close()
        raise unreadable(exc, name, what="data file", error=DataError) from None
    except BaseException:
        handle.close()
        raise
    return name, handle


def _load_openpyxl(handle: IO[bytes], name: str) -> Any:
    openpyxl = require("openpyxl", extra="excel")
    try:
        return openpyxl.load_workbook(handle, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:
        raise _not_a_workbook(name, f"a damaged part: {type(exc).__name__}") from None


def _merged(handle: IO[bytes], name: str, sheet: str) -> list[tuple[int, int, int, int]]:
    """The merged ranges of ``sheet``: (first row, first column, last row, last column), 1-based."""
    calamine = require("python_calamine")
    handle.seek(0)
    try:
        book = calamine.CalamineWorkbook.from_filelike(handle)
        ranges = book.get_sheet_by_name(sheet).merged_cell_ranges or []
    except Exception as exc:
        raise _not_a_workbook(name, f"a damaged sheet: {type(exc).__name__}") from None
    return [(r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in ranges]


def read_workbook(
    path: object,
    *,
    sheet: str | None,
    registry: Units,
    number_format: NumberFormat,
    plan: Any = None,
    problems: list[ThiduaError] | None = None,
) -> Dataset:
    """Read a dataset from a workbook (see the module's description).

    Args:
        path: The file.
        sheet: The sheet's name (NFC, case and spacing aside); the first sheet if None.
        registry: The unit registry to read units with.
        number_format: How text cells write numbers (``"vi"``, ``"en"`` or None).
        plan: The plan the data is for (a template is checked against it).
        problems: If a list, every bad row is added to it and reading goes on;
            else the first problem is raised.

    Raises:
        DataError: The file is not a workbook (``data.not_a_workbook``), is
            encrypted (``data.workbook_encrypted``), too large (``file.too_large``),
            has no such sheet (``data.unknown_sheet``), no header
            (``data.no_header``), a merged header (``data.merged_header``) or
            merged cells below it (``data.merged_cells``), too many
            rows (``data.too_many_rows``), a cell of a wrong type
            (``data.cell_type``), a date that is no certain period
            (``data.date_period``), a template that was edited
            (``template.edited``), or any problem a CSV row can have.
        ExtraNotInstalledError: openpyxl or python-calamine is not installed.

    .. versionadded:: 0.4.0
    """
    name, handle = _opened(path)
    with handle:
        book = _load_openpyxl(handle, name)
        try:
            names = list(book.sheetnames)
            if META_SHEET in names:
                return read_template(
                    book,
                    name=name,
                    registry=registry,
                    number_format=number_format,
                    plan=plan,
                    problems=problems,
                )
            chosen = _sheet_name(names, sheet, name)
            merged = _merged(handle, name, chosen)
            rows = _rows(book[chosen], name, chosen)
            return _read_rows(
                rows,
                merged,
                name=name,
                sheet=chosen,
                registry=registry,
                number_format=number_format,
                problems=problems,
            )
        finally:
            book.close()


def _sheet_name(names: Sequence[str], sheet: str | None, name: str) -> str:
    if sheet is None:
        if not names:  # pragma: no cover - openpyxl refuses a workbook without sheets
            raise _not_a_workbook(name, "it has no sheet")
        return names[0]
    if not isinstance(sheet, str):
        msg = "sheet"
        raise wrong_type(msg, sheet, "a sheet name (str) or None", "tên trang tính (str) hoặc None")
    for candidate in names:
        if fold(candidate) == fold(sheet):
            return candidate
    shown = ", ".join(names)
    msg = f"the workbook has no sheet {nfc(sheet)!r}"
    raise DataError(
        msg,
        code="data.unknown_sheet",
        vi=f"bảng tính không có trang {nfc(sheet)!r}",
        hint=f"the sheets are: {shown}",
        hint_vi=f"các trang tính hiện có: {shown}",
        file=name,
    )


#: One cell as read: its value and its number format.
_Cell = tuple[Any, str]


def _rows(ws: Any, name: str, sheet: str) -> Iterator[tuple[int, list[_Cell]]]:
    """The sheet's rows (1-based number, cells), bounded in rows and columns."""
    try:
        declared = _declared_rows(ws)
        for number, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), start=1):
            if number > MAX_ROWS or declared > MAX_ROWS:
                msg = f"the sheet has more than {MAX_ROWS:,} rows"
                raise DataError(
                    msg,
                    code="data.too_many_rows",
                    vi=f"trang tính có hơn {MAX_ROWS:,} dòng".replace(",", "."),
                    hint="split it into smaller workbooks, or save it as CSV",
                    hint_vi="hãy chia thành nhiều tệp nhỏ hơn, hoặc lưu theo kiểu CSV",
                    file=name,
                    sheet=sheet,
                )
            yield number, [(c.value, getattr(c, "number_format", None) or "General") for c in row]
    except ThiduaError:
        raise
    except Exception as exc:
        raise _not_a_workbook(name, f"a damaged sheet: {type(exc).__name__}").located(
            sheet=sheet
        ) from None


def _declared_rows(ws: Any) -> int:
    """The rows the sheet says it has (its dimension), or 0 if it does not say."""
    try:
        return int(ws.max_row or 0)
    except (ValueError, TypeError):  # pragma: no cover - an unsized sheet: counted as read
        return 0


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return str(value)


def _is_header(cells: list[_Cell]) -> bool:
    columns = {column_of(_header_text(v)) for v, _ in cells if not _blank(v)}
    return "indicator" in columns and "period" in columns


def _read_rows(
    rows: Iterator[tuple[int, list[_Cell]]],
    merged: list[tuple[int, int, int, int]],
    *,
    name: str,
    sheet: str,
    registry: Units,
    number_format: NumberFormat,
    problems: list[ThiduaError] | None,
) -> Dataset:
    header_row = 0
    cells: list[_Cell] = []
    for number, cells in rows:
        if _is_header(cells):
            header_row = number
            break
        if number >= MAX_TITLE_ROWS:
            break
    if not header_row:
        msg = (
            f"no header row in the first {MAX_TITLE_ROWS} rows of the sheet: no row names the "
            "indicator and period columns"
        )
        raise DataError(
            msg,
            code="data.no_header",
            vi=f"không tìm thấy dòng tiêu đề trong {MAX_TITLE_ROWS} dòng đầu của trang tính: "
            "không dòng nào có cột mã chỉ tiêu và cột kỳ",
            hint="name the columns in one row: indicator, period, value "
            "(or mã chỉ tiêu, kỳ, giá trị)",
            hint_vi="hãy ghi tên các cột trên một dòng: mã chỉ tiêu, kỳ, giá trị "
            "(hoặc indicator, period, value)",
            file=name,
            sheet=sheet,
        )
    for r0, c0, r1, c1 in merged:
        if r0 <= header_row <= r1 and (r0, c0) != (r1, c1):
            span = f"{cell_name(r0, c0)}:{cell_name(r1, c1)}"
            msg = f"the header has merged cells ({span})"
            raise DataError(
                msg,
                code="data.merged_header",
                vi=f"dòng tiêu đề có ô gộp ({span})",
                hint="unmerge the header's cells and give each column its own name",
                hint_vi="hãy bỏ gộp ô (Merge & Center) ở dòng tiêu đề và đặt tên riêng cho "
                "từng cột",
                file=name,
                sheet=sheet,
                cell=cell_name(header_row, c0),
            )
        if r1 > header_row and (r0, c0) != (r1, c1):
            span = f"{cell_name(r0, c0)}:{cell_name(r1, c1)}"
            msg = (
                f"the figures have merged cells ({span}): only the first cell holds the value, "
                "the others would read as empty"
            )
            raise DataError(
                msg,
                code="data.merged_cells",
                vi=f"vùng số liệu có ô gộp ({span}): chỉ ô đầu có giá trị, các ô còn lại sẽ bị "
                "đọc là trống",
                hint="unmerge the cells and fill each row (e.g. the khóm on every row)",
                hint_vi="hãy bỏ gộp ô và ghi đủ trên từng dòng (ví dụ tên khóm ở mỗi dòng)",
                file=name,
                sheet=sheet,
                cell=cell_name(max(r0, header_row + 1), c0),
            )
    texts = [_header_text(v) for v, _ in cells]
    first = next(i for i, t in enumerate(texts) if t.strip())
    last = max(i for i, t in enumerate(texts) if t.strip())
    columns = _header(
        texts[first : last + 1],
        name,
        lambda i: (
            {"file": name, "sheet": sheet, "line": header_row}
            | {"cell": cell_name(header_row, first + 1 + (0 if i is None else i))}
        ),
    )
    at = {c: first + columns.index(c) for c in _COLUMNS if c in columns}
    builder = _Builder()
    periods: dict[tuple[type, object, str], Period] = {}  # a period cell read once
    for number, row in rows:
        if all(_blank(v) for v, _ in row):
            continue
        try:
            obs = _observation(row, at, name, sheet, number, registry, number_format, periods)
            first_seen = builder.add(obs, builder.number(obs.period))
            if first_seen is not None:
                raise _duplicate(obs, first_seen).located(
                    sheet=sheet, cell=cell_name(number, at["indicator"] + 1)
                )
        except ThiduaError as exc:
            if problems is None:
                raise
            problems.append(exc)
    return builder.dataset()


def _observation(  # noqa: PLR0917
    row: list[_Cell],
    at: dict[str, int],
    name: str,
    sheet: str,
    number: int,
    registry: Units,
    number_format: NumberFormat,
    periods: dict[tuple[type, object, str], Period],
) -> Observation:
    """One row's observation; an error is located at its cell.

    ``periods``: the periods of the cells read so far, by (type, value, format).
    """
    width = len(row)
    column = at["indicator"]
    indicator: str | None = None
    period: Period | None = None

    def cell(field: str) -> _Cell:
        i = at.get(field)
        return (None, "General") if i is None or i >= width else row[i]

    try:
        indicator = _text_cell(cell("indicator"), "indicator")
        column = at["period"]
        raw, fmt = cell("period")
        key = (type(raw), raw, fmt)
        period = periods.get(key)
        if period is None:
            given = period_of(raw, fmt)
            period = given if isinstance(given, Period) else _period(given)
            if len(periods) < _PERIOD_CACHE:
                periods[key] = period
        column = at.get("kind", column)
        kind_text = _text_cell(cell("kind"), "kind")
        kind = Kind.ACTUAL if kind_text is None or not kind_text.strip() else _kind(kind_text)
        column = at.get("unit", column)
        unit = _unit_name(_text_cell(cell("unit"), "unit"), registry)
        column = at.get("value", column)
        value = _value_cell(cell("value"), unit, registry, number_format)
        column = at.get("numerator", column)
        numerator = _count_cell(cell("numerator"), "numerator", registry, number_format)
        column = at.get("denominator", column)
        denominator = _count_cell(cell("denominator"), "denominator", registry, number_format)
        column = at.get("org_unit", column)
        org_unit = _text_cell(cell("org_unit"), "org_unit")
        column = at.get("note", column)
        note = _text_cell(cell("note"), "note")
        column = at.get("source", column)
        reference = _text_cell(cell("source"), "source")
        column = at["indicator"]
        return Observation(
            indicator or "",
            period,
            value=value,
            org_unit=org_unit,
            kind=kind,
            numerator=numerator,
            denominator=denominator,
            note=note,
            source=Source(name, number, reference),
        )
    except ThiduaError as exc:
        raise exc.located(
            file=name,
            line=number,
            sheet=sheet,
            cell=cell_name(number, column + 1),
            indicator=indicator,
            period=None if period is None else str(period),
        ) from None


def _cell_type(what: str, what_vi: str, value: object) -> DataError:
    given = "a date" if isinstance(value, dt.date | dt.time) else "a yes/no cell"
    given_vi = "ngày tháng" if isinstance(value, dt.date | dt.time) else "ô đúng/sai"
    return DataError(
        f"the {what} cell holds {given}",
        code="data.cell_type",
        vi=f"ô {what_vi} chứa {given_vi}",
        hint="write it as text or a number, as in the CSV file",
        hint_vi="hãy ghi dạng chữ hoặc số như trong tệp CSV",
    )


_PERIOD = "period"
#: How many distinct period cells a read remembers.
_PERIOD_CACHE = 4096
_WHAT_VI = {
    "indicator": "mã chỉ tiêu",
    "kind": "loại",
    "unit": "đơn vị tính",
    "org_unit": "khóm/ấp",
    "note": "ghi chú",
    "source": "nguồn",
    "value": "giá trị",
    "numerator": "tử số",
    "denominator": "mẫu số",
}


def exact(number: float | int) -> Fraction:
    """An int or float cell's number, exactly as written: ``exact(0.1) == Fraction(1, 10)``.

    A float is read from its shortest decimal form (``repr``), the digits the
    spreadsheet shows and stores, not the binary value of the float.
    """
    if isinstance(number, int):
        return Fraction(number)
    return Fraction(Decimal(repr(number)))


def _text_cell(cell: _Cell, field: str) -> str | None:
    value, _ = cell
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool | dt.date | dt.time | dt.timedelta):
        raise _cell_type(field.replace("_", " "), _WHAT_VI[field], value)
    number = exact(value)
    if number.denominator == 1:
        return str(number.numerator)
    return str(Decimal(repr(value)))


def _is_percent(number_format: str) -> bool:
    return "%" in _LITERALS.sub("", number_format)


def _number_cell(value: object, field: str) -> Fraction:
    """A numeric cell's exact number; any other cell (a date, yes/no) is refused."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return exact(value)
    raise _cell_type(field, _WHAT_VI[field], value)


def _value_cell(
    cell: _Cell, unit: str | None, registry: Units, number_format: NumberFormat
) -> Value | None:
    value, fmt = cell
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        read = _read_value(value, None, registry, number_format)
    else:
        number = _number_cell(value, "value")
        if not _is_percent(fmt) and "%" in fmt:
            msg = (
                f"the value cell's format {fmt!r} shows a % sign without making a percentage: "
                "which number is meant is not certain"
            )
            raise DataError(
                msg,
                code="data.percent_format",
                vi=f"ô giá trị có định dạng {fmt!r} hiện dấu % nhưng không phải định dạng phần "
                "trăm: không rõ là số nào",
                hint="format the cell as a percentage (0.0%), or write the value as text (95,4%)",
                hint_vi="hãy định dạng ô là phần trăm (0.0%), hoặc ghi giá trị dạng chữ (95,4%)",
            )
        read = Quantity(number * 100, "percent") if _is_percent(fmt) else Quantity(number)
    if isinstance(read, Quantity) and unit is not None:
        if read.unit is None:
            return Quantity(read.magnitude, unit)
        if read.unit != unit:
            raise _unit_conflict(read, unit)
    return read


def _count_cell(
    cell: _Cell, field: str, registry: Units, number_format: NumberFormat
) -> Fraction | None:
    value, fmt = cell
    if value is None:
        return None
    if isinstance(value, str):
        return _count(value, field, registry, number_format)
    number = _number_cell(value, field)
    if _is_percent(fmt):
        msg = f"the {field} is formatted as a percentage: it must be a plain count"
        raise DataError(
            msg,
            code="data.not_a_count",
            vi=f"ô {_WHAT_VI[field]} được định dạng phần trăm: phải là một số đếm",
            hint="format the cell as a number (General)",
            hint_vi="hãy định dạng ô là số (General)",
        )
    return number


def _date_tokens(number_format: str) -> str:
    """The date letters of a number format (y, m, d, h, s), quoted text and [..] aside."""
    stripped = _LITERALS.sub("", number_format.lower())
    return "".join(ch for ch in stripped if ch in "ymdhs")


def period_of(value: object, number_format: str = "General") -> Period | str:
    """The period a period cell gives: a date by its format, else its text (read as in CSV).

    A date cell formatted with a year only (``yyyy``) is that year; with a month
    and a year (``mm/yyyy``, ``mmm yyyy``) that month. A date shown with its day
    (``dd/mm/yyyy``) or a time is no certain period and is refused.

    Raises:
        DataError: ``data.date_period`` (a full date), ``data.cell_type`` (yes/no).
        ParseError: The text or number is no period.

    >>> str(period_of(dt.datetime(2024, 3, 1), "mm/yyyy"))
    '2024-03'

    .. versionadded:: 0.4.0
    """
    if isinstance(value, bool):
        raise _cell_type(_PERIOD, "kỳ", value)
    if isinstance(value, dt.date):
        tokens = _date_tokens(number_format)
        if "d" not in tokens and "h" not in tokens and "s" not in tokens and "y" in tokens:
            if "m" in tokens:
                return parse_period(f"{value.year:04d}-{value.month:02d}")
            return parse_period(value.year)
        shown = value.strftime("%d/%m/%Y")
        msg = f"the period cell holds the date {shown}: which period is meant is not certain"
        raise DataError(
            msg,
            code="data.date_period",
            vi=f"ô kỳ chứa ngày {shown}: không rõ là kỳ nào (năm, quý hay tháng)",
            hint="write the period as text (2024, 2024-Q1, 03/2024, quý I/2024) or format "
            "the cell as mm/yyyy (a month) or yyyy (a year)",
            hint_vi="hãy ghi kỳ dạng chữ (2024, quý I/2024, tháng 3/2024) hoặc định dạng ô "
            "là mm/yyyy (tháng) hay yyyy (năm)",
        )
    if isinstance(value, dt.time | dt.timedelta):
        raise _cell_type(_PERIOD, "kỳ", value)
    if isinstance(value, int | float):
        return _text_cell((value, number_format), "indicator") or ""
    return "" if value is None else str(value)


# ---------------------------------------------------------------- data-entry templates

#: The data sheet of a template (new in 0.4.0).
TEMPLATE_SHEET = "Số liệu"
#: The row of the data sheet's header.
TEMPLATE_HEADER_ROW = 4
#: The data sheet's columns: (field, header), in order.
TEMPLATE_COLUMNS = (
    ("indicator", "Mã chỉ tiêu"),
    ("name", "Tên chỉ tiêu"),
    ("org_unit", "Khóm/ấp"),
    ("unit", "Đơn vị tính"),
    ("target", "Mức yêu cầu"),
    ("reference", "Kỳ so sánh"),
    ("previous", "Số liệu kỳ so sánh"),
    ("assigned", "Chỉ tiêu được giao"),
    ("value", "Thực hiện"),
    ("numerator", "Tử số"),
    ("denominator", "Mẫu số"),
    ("note", "Ghi chú"),
)
#: The column (1-based) of each field of the data sheet.
TEMPLATE_AT = {field: i + 1 for i, (field, _) in enumerate(TEMPLATE_COLUMNS)}


def _edited(what: str, what_vi: str, name: str, sheet: str, cell: str) -> DataError:
    return DataError(
        f"the template was edited: {what}",
        code="template.edited",
        vi=f"mẫu nhập số liệu đã bị sửa cấu trúc: {what_vi}",
        hint="fill only the white input cells; to start again, make a new template "
        "(thidua template PLAN --period P)",
        hint_vi="chỉ nhập vào các ô trắng; nếu cần, hãy tạo lại mẫu "
        "(thidua template PLAN --period P)",
        file=name,
        sheet=sheet,
        cell=cell,
    )


def _meta(book: Any, name: str) -> tuple[dict[str, str], list[list[str]]]:
    """The template's metadata (key → value) and its row records."""
    info: dict[str, str] = {}
    records: list[list[str]] = []
    for number, cells in _rows(book[META_SHEET], name, META_SHEET):
        values = ["" if v is None else str(v) for v, _ in cells]
        if not values or not values[0]:
            continue
        if values[0] == "row":
            records.append(values[1:])
        else:
            info[values[0]] = values[1] if len(values) > 1 else ""
        if number > MAX_ROWS:  # pragma: no cover - _rows stops first
            break
    return info, records


def read_template(  # noqa: PLR0915 - one pass over a known layout
    book: Any,
    *,
    name: str,
    registry: Units,
    number_format: NumberFormat,
    plan: Any = None,
    problems: list[ThiduaError] | None = None,
) -> Dataset:
    """Read a filled data-entry template written by :func:`thidua.entry.data_template`.

    The hidden sheet gives the plan, the period, the template's version and
    what each row of the data sheet is (indicator, org unit, the period of its
    comparison figure, its unit). The data sheet's header and its id and org
    unit cells must be as written: an edited structure is refused
    (``template.edited``), located at the cell.

    Raises:
        DataError: ``template.edited``, ``template.version``, ``template.other_plan``,
            or any problem of a cell (located at it).

    .. versionadded:: 0.4.0
    """
    info, records = _meta(book, name)
    if info.get("version") != TEMPLATE_VERSION:
        shown = info.get("version", "?")
        msg = f"the template's version {shown!r} is not the one this thidua reads"
        raise DataError(
            msg,
            code="template.version",
            vi=f"phiên bản mẫu nhập {shown!r} không phải phiên bản thidua này đọc được",
            hint=f"make a new template with this thidua (version {TEMPLATE_VERSION})",
            hint_vi=f"hãy tạo lại mẫu bằng phiên bản thidua này (mẫu {TEMPLATE_VERSION})",
            file=name,
            sheet=META_SHEET,
        )
    plan_id = info.get("plan", "")
    if plan is not None and plan_id != plan.id:
        msg = f"the template is for the plan {plan_id!r}, not {plan.id!r}"
        raise DataError(
            msg,
            code="template.other_plan",
            vi=f"mẫu nhập này dành cho kế hoạch {plan_id!r}, không phải {plan.id!r}",
            hint="fill the template made for this plan",
            hint_vi="hãy dùng mẫu nhập được tạo cho kế hoạch này",
            file=name,
            sheet=META_SHEET,
        )
    sheet = TEMPLATE_SHEET
    if sheet not in book.sheetnames:
        edited = _edited(
            f"the sheet {sheet!r} is missing",
            f"thiếu trang {sheet!r}",
            name,
            sheet,
            "A1",
        )
        raise edited
    period = parse_period(info.get("period", ""))
    rows = dict(_rows(book[sheet], name, sheet))
    header = rows.get(TEMPLATE_HEADER_ROW, [])
    for field, title in TEMPLATE_COLUMNS:
        i = TEMPLATE_AT[field] - 1
        found = header[i][0] if i < len(header) else None
        if not isinstance(found, str) or nfc(found.strip()) != title:
            cell = cell_name(TEMPLATE_HEADER_ROW, i + 1)
            edited = _edited(
                f"the column {cell[0]} should be {title!r}",
                f"cột {cell[0]} phải là {title!r}",
                name,
                sheet,
                cell,
            )
            raise edited
    builder = _Builder()

    def add(obs: Observation, cell: str) -> None:
        first = builder.add(obs, builder.number(obs.period))
        if first is not None:
            raise _duplicate(obs, first).located(sheet=sheet, cell=cell)

    for record in records:
        if not record[0].isdigit() or int(record[0]) <= TEMPLATE_HEADER_ROW:
            edited = _edited(
                "its hidden sheet was changed",
                "trang ẩn của mẫu đã bị thay đổi",
                name,
                META_SHEET,
                "A1",
            )
            raise edited
        number = int(record[0])
        indicator, org_unit, reference, unit = [*record, "", "", "", ""][1:5]
        cells = rows.get(number, [])

        def at(field: str, cells: list[_Cell] = cells) -> _Cell:
            i = TEMPLATE_AT[field] - 1
            return cells[i] if i < len(cells) else (None, "General")

        column = TEMPLATE_AT["indicator"]
        try:
            given_id = _text_cell(at("indicator"), "indicator") or ""
            if nfc(given_id.strip()) != indicator:
                edited = _edited(
                    f"row {number} should be the indicator {indicator!r}",
                    f"dòng {number} phải là chỉ tiêu {indicator!r}",
                    name,
                    sheet,
                    cell_name(number, column),
                )
                raise edited
            column = TEMPLATE_AT["org_unit"]
            given_unit = _text_cell(at("org_unit"), "org_unit") or ""
            if nfc(given_unit.strip()) != org_unit:
                edited = _edited(
                    f"row {number} should be for the org unit {org_unit!r}",
                    f"dòng {number} phải là của khóm/ấp {org_unit!r}",
                    name,
                    sheet,
                    cell_name(number, column),
                )
                raise edited
            unit_name = unit or None
            org = org_unit or None
            column = TEMPLATE_AT["note"]
            note = _text_cell(at("note"), "note")
            column = TEMPLATE_AT["value"]
            value = _value_cell(at("value"), unit_name, registry, number_format)
            column = TEMPLATE_AT["numerator"]
            numerator = _count_cell(at("numerator"), "numerator", registry, number_format)
            column = TEMPLATE_AT["denominator"]
            denominator = _count_cell(at("denominator"), "denominator", registry, number_format)
            column = TEMPLATE_AT["value"]
            if value is not None or numerator is not None or denominator is not None:
                add(
                    Observation(
                        indicator,
                        period,
                        value=value,
                        org_unit=org,
                        numerator=numerator,
                        denominator=denominator,
                        note=note,
                        source=Source(name, number),
                    ),
                    cell_name(number, column),
                )
            column = TEMPLATE_AT["previous"]
            previous = _value_cell(at("previous"), unit_name, registry, number_format)
            if previous is not None and not reference:
                edited = _edited(
                    f"row {number} has a comparison figure but no comparison period",
                    f"dòng {number} có số liệu kỳ so sánh nhưng chỉ tiêu không có kỳ so sánh",
                    name,
                    sheet,
                    cell_name(number, column),
                )
                raise edited
            if previous is not None:
                add(
                    Observation(
                        indicator,
                        reference,
                        value=previous,
                        org_unit=org,
                        source=Source(name, number),
                    ),
                    cell_name(number, column),
                )
            column = TEMPLATE_AT["assigned"]
            assigned = _value_cell(at("assigned"), unit_name, registry, number_format)
            if assigned is not None:
                add(
                    Observation(
                        indicator,
                        period,
                        value=assigned,
                        org_unit=org,
                        kind=Kind.ASSIGNED,
                        source=Source(name, number),
                    ),
                    cell_name(number, column),
                )
        except ThiduaError as exc:
            located = exc.located(
                file=name,
                line=number,
                sheet=sheet,
                cell=cell_name(number, column),
                indicator=indicator,
                period=str(period),
            )
            if problems is None:
                raise located from None
            problems.append(located)
    return builder.dataset()
