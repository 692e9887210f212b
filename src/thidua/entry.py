"""Data-entry templates: a workbook a ward's clerk fills and :func:`thidua.load_data` reads.

:func:`data_template` writes, for a plan and a period, one row per indicator
that takes figures (and one per khóm where the rule needs each khóm's figure),
with its name, unit and target, and white input cells for the figure, the
comparison period's figure and the assigned target where the rule needs them,
the numerator and denominator of a rate, and a note. The cells are validated
(whole numbers ≥ 0 for counts, 0–100 % for rates, a đạt / không đạt list for
yes/no indicators), the sheet is protected (only the input cells are
unlocked), a sheet "Hướng dẫn" explains it in Vietnamese, and a very hidden
sheet records the plan, the period, the template's version and what each row
is, so that :func:`thidua.load_data` recognises the filled workbook and reads
it back into observations (see :func:`thidua.spreadsheets.read_template`).

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from thidua._explain import show
from thidua._extras import require
from thidua._text import safe_for_xml
from thidua.errors import DataError, wrong_type
from thidua.periods import Period, parse_period
from thidua.rules import Assigned, Comparison, Flag, OrgUnits, Previous, Range, Rule
from thidua.spreadsheets import (
    META_SHEET,
    TEMPLATE_AT,
    TEMPLATE_COLUMNS,
    TEMPLATE_HEADER_ROW,
    TEMPLATE_SHEET,
    TEMPLATE_VERSION,
)
from thidua.units import Quantity, Units

if TYPE_CHECKING:
    from thidua.plans import Indicator, Plan

__all__ = ["data_template"]

_GUIDE_SHEET = "Hướng dẫn"
_INPUT_FILL = "FFFFFF"
_LOCKED_FILL = "EDEDED"
_WIDTHS = {"A": 12, "B": 48, "C": 12, "D": 14, "E": 40, "F": 12, "G": 16, "H": 16, "I": 16}


class _Row(NamedTuple):
    """One row of the template: an indicator (for one khóm) and what it needs."""

    indicator: Indicator
    org_unit: str | None
    rule: Rule | None
    reference: Period | None
    assigned: bool


def _positive(q: Quantity) -> Quantity:
    return Quantity(abs(q.magnitude), q.unit)


def _operand_text(operand: object, units: Units) -> str:
    if isinstance(operand, Previous):
        text = "số kỳ so sánh"
        if operand.offset is not None:
            sign = "−" if operand.offset.magnitude < 0 else "+"
            text += f" {sign} {show(_positive(operand.offset), 'vi', units)}"
        if operand.factor is not None:
            text += f" × {show(operand.factor, 'vi', units)}"
        if operand.change is not None:
            sign = "giảm" if operand.change.magnitude < 0 else "tăng"
            text += f" {sign} {show(_positive(operand.change), 'vi', units)}"
        return text
    if isinstance(operand, Assigned):
        text = "chỉ tiêu được giao"
        if operand.factor is not None:
            text += f" × {show(operand.factor, 'vi', units)}"
        return text
    return show(operand, "vi", units)  # type: ignore[arg-type]


def target_words(rule: Rule | None, units: Units) -> str:
    """A rule as a clerk reads it: ``≥ 97,5%``, ``≤ số kỳ so sánh − 2 hộ``, ``đạt``.

    .. versionadded:: 0.4.0
    """
    if isinstance(rule, Comparison):
        return f"{rule.op.symbol} {_operand_text(rule.operand, units)}"
    if isinstance(rule, Range):
        return f"từ {show(rule.low, 'vi', units)} đến {show(rule.high, 'vi', units)}"
    if isinstance(rule, Flag):
        return "đạt" if rule.expected else "không đạt"
    if isinstance(rule, OrgUnits):
        many = "tất cả" if rule.count is None else f"{rule.op.symbol} {rule.count}"
        total = "" if rule.total is None else f"/{rule.total}"
        return f"{many}{total} khóm/ấp đạt"
    return ""


def _rows(plan: Plan, period: Period) -> Iterator[_Row]:
    """The template's rows: leaf indicators, per khóm where the rule needs it."""
    khom: list[str | None] = [unit.id for unit in plan.org_units]
    for group in plan.groups:
        for top in group.indicators:
            for indicator in top.walk():
                if indicator.is_composite:
                    continue
                rule = indicator.rule
                if isinstance(rule, OrgUnits):
                    rule, units_needed = indicator.unit_rule, khom
                elif indicator.across_org_units is not None and khom:
                    units_needed = khom
                else:
                    units_needed = [None]
                reference = None
                assigned = False
                if isinstance(rule, Comparison):
                    if isinstance(rule.operand, Previous):
                        reference = rule.operand.reference_period(period)
                    assigned = isinstance(rule.operand, Assigned)
                for org_unit in units_needed:
                    yield _Row(indicator, org_unit, rule, reference, assigned)


def _check_period(plan: Plan, period: object) -> Period:
    if period is None:
        return Period(plan.year)
    if isinstance(period, Period | str | int) and not isinstance(period, bool):
        return parse_period(period)
    msg = "period"
    raise wrong_type(
        msg, period, "a period (text, a year or a Period)", "một kỳ (chữ, năm, Period)"
    )


def data_template(
    plan: Plan,
    period: Period | str | int | None,
    path: str | os.PathLike[str],
) -> Path:
    """Write the data-entry workbook of ``plan`` for ``period`` to ``path`` (``.xlsx``).

    Args:
        plan: The plan.
        period: The period the figures are for (the plan's year if None).
        path: Where to write the workbook.

    Returns:
        The path written.

    Raises:
        ArgumentTypeError: ``plan`` is not a Plan, or ``period`` not a period.
        ParseError: ``period`` cannot be read.
        DataError: ``path`` does not end in ``.xlsx`` (``template.suffix``) or cannot
            be written (``file.unwritable``).
        ExtraNotInstalledError: openpyxl is not installed (the ``excel`` extra).

    .. versionadded:: 0.4.0
    """
    from thidua.plans import Plan  # noqa: PLC0415

    if not isinstance(plan, Plan):
        msg = "plan"
        raise wrong_type(msg, plan, "a Plan (see load_plan)", "một kế hoạch Plan (xem load_plan)")
    when = _check_period(plan, period)
    if not isinstance(path, str | os.PathLike):
        msg = "path"
        raise wrong_type(msg, path, "a file path (str or Path)", "đường dẫn tệp (str hoặc Path)")
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        msg = "a data-entry template is an .xlsx workbook"
        raise DataError(
            msg,
            code="template.suffix",
            vi="mẫu nhập số liệu là tệp Excel .xlsx",
            hint="name the file so-lieu.xlsx",
            hint_vi="hãy đặt tên tệp có đuôi .xlsx, ví dụ nhap-so-lieu.xlsx",
            file=safe_for_xml(str(target)),
        )
    book = _workbook(plan, when)
    try:
        book.save(target)
    except OSError as exc:
        reason = safe_for_xml(str(exc.strerror or exc))
        msg = f"cannot write the template: {reason}"
        raise DataError(
            msg,
            code="file.unwritable",
            vi=f"không ghi được mẫu nhập số liệu: {reason}",
            hint="check the folder exists and the file is not open in Excel",
            hint_vi="hãy kiểm tra thư mục có tồn tại và tệp không đang mở trong Excel",
            file=safe_for_xml(str(target)),
        ) from None
    return target


def _workbook(plan: Plan, period: Period) -> Any:  # noqa: PLR0915 - one sheet, laid out
    openpyxl = require("openpyxl", extra="excel")
    styles = require("openpyxl.styles", extra="excel")
    validation = require("openpyxl.worksheet.datavalidation", extra="excel")
    units = plan.unit_registry()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = TEMPLATE_SHEET
    sheet["A1"] = safe_for_xml(f"Nhập số liệu: {plan.title}")
    sheet["A1"].font = styles.Font(bold=True, size=13)
    sheet["A2"] = safe_for_xml(f"Kỳ: {period.label('vi')} ({period}) — kế hoạch {plan.id}")
    sheet["A3"] = "Chỉ nhập vào các ô màu trắng. Xem hướng dẫn ở trang “Hướng dẫn”."
    bold = styles.Font(bold=True)
    grey = styles.PatternFill("solid", fgColor=_LOCKED_FILL)
    white = styles.PatternFill("solid", fgColor=_INPUT_FILL)
    unlocked = styles.Protection(locked=False)
    for field, title in TEMPLATE_COLUMNS:
        cell = sheet.cell(TEMPLATE_HEADER_ROW, TEMPLATE_AT[field], title)
        cell.font, cell.fill = bold, grey
        cell.alignment = styles.Alignment(wrap_text=True, vertical="center")
    for letter, width in _WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    counts = validation.DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        showErrorMessage=True,
        errorTitle="Số không hợp lệ",
        error="Hãy nhập một số nguyên từ 0 trở lên.",
    )
    amounts = validation.DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        showErrorMessage=True,
        errorTitle="Số không hợp lệ",
        error="Hãy nhập một số từ 0 trở lên.",
    )
    rates = validation.DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="1",
        showErrorMessage=True,
        errorTitle="Tỷ lệ không hợp lệ",
        error="Hãy nhập một tỷ lệ từ 0% đến 100%.",
    )
    answers = validation.DataValidation(
        type="list",
        formula1='"đạt,không đạt"',
        showErrorMessage=True,
        errorTitle="Giá trị không hợp lệ",
        error="Hãy chọn đạt hoặc không đạt.",
    )
    for check in (counts, amounts, rates, answers):
        sheet.add_data_validation(check)
    meta = book.create_sheet(META_SHEET)
    meta.append(["plan", plan.id])
    meta.append(["period", str(period)])
    meta.append(["version", TEMPLATE_VERSION])
    number = TEMPLATE_HEADER_ROW
    for row in _rows(plan, period):
        number += 1
        indicator = row.indicator
        info = units.get(indicator.unit) if indicator.unit else None
        percent = info is not None and info.name == "percent"
        yes_no = isinstance(row.rule, Flag)
        texts = {
            "indicator": indicator.id,
            "name": indicator.name,
            "org_unit": row.org_unit or "",
            "unit": units.label(indicator.unit) if indicator.unit else "",
            "target": target_words(row.rule, units),
            "reference": "" if row.reference is None else str(row.reference),
        }
        for field, text in texts.items():
            cell = sheet.cell(number, TEMPLATE_AT[field], safe_for_xml(text) or None)
            cell.fill = grey
            cell.alignment = styles.Alignment(wrap_text=field in ("name", "target"))
        inputs = ["value", "note"]
        if row.reference is not None:
            inputs.append("previous")
        if row.assigned:
            inputs.append("assigned")
        if indicator.rate:
            inputs += ["numerator", "denominator"]
        for field, _ in TEMPLATE_COLUMNS[6:]:
            cell = sheet.cell(number, TEMPLATE_AT[field])
            if field not in inputs:
                cell.fill = grey
                continue
            cell.fill, cell.protection = white, unlocked
            name = cell.coordinate
            if field in ("numerator", "denominator"):
                counts.add(name)
            elif field == "note":
                cell.alignment = styles.Alignment(wrap_text=True)
            elif yes_no:
                answers.add(name)
            elif percent:
                cell.number_format = "0.0%"
                rates.add(name)
            elif info is not None and info.count:
                cell.number_format = "0"
                counts.add(name)
            else:
                amounts.add(name)
        meta.append(
            [
                "row",
                number,
                indicator.id,
                row.org_unit or "",
                "" if row.reference is None else str(row.reference),
                indicator.unit or "",
            ]
        )
    sheet.freeze_panes = sheet.cell(TEMPLATE_HEADER_ROW + 1, 3)
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widths may change, the structure not
    book.security = require("openpyxl.workbook.protection", extra="excel").WorkbookProtection(
        lockStructure=True
    )
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    _guide(book.create_sheet(_GUIDE_SHEET, 1), plan, period, styles)
    return book


_GUIDE = (
    "Hướng dẫn nhập số liệu",
    "",
    "1. Mỗi dòng của trang “Số liệu” là một chỉ tiêu (hoặc một chỉ tiêu của một khóm/ấp).",
    "2. Chỉ nhập vào các ô màu trắng; các ô màu xám được khóa, không sửa được.",
    "3. Cột “Thực hiện”: số liệu thực hiện của kỳ. Tỷ lệ nhập dạng phần trăm (ví dụ 95,4%);"
    " số đếm nhập số nguyên (ví dụ 42); chỉ tiêu đạt/không đạt chọn trong danh sách.",
    "4. Cột “Số liệu kỳ so sánh”: số liệu của kỳ ghi ở cột “Kỳ so sánh” (thường là cùng kỳ"
    " năm trước), chỉ nhập khi chỉ tiêu cần so sánh.",
    "5. Cột “Chỉ tiêu được giao”: số cấp trên giao, chỉ nhập khi chỉ tiêu so với số được giao.",
    "6. Tỷ lệ có thể nhập bằng “Tử số” và “Mẫu số” thay cho cột “Thực hiện”.",
    "7. Không thêm, xóa, đổi tên cột; không thêm, xóa hay đổi thứ tự dòng. Nếu cấu trúc bị"
    " sửa, thidua sẽ báo lỗi và chỉ rõ ô bị sửa.",
    "8. Ô để trống nghĩa là chưa có số liệu (không phải số 0).",
    "",
    "Đọc lại tệp đã nhập: thidua evaluate KẾ-HOẠCH.toml --data nhap-so-lieu.xlsx",
)


def _guide(sheet: Any, plan: Plan, period: Period, styles: Any) -> None:
    for line in _GUIDE:
        sheet.append([line])
    sheet.append([safe_for_xml(f"Kế hoạch: {plan.title} ({plan.id}); kỳ: {period.label('vi')}")])
    sheet["A1"].font = styles.Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 110
    sheet.protection.sheet = True
