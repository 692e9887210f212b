"""The report an office hands in: the evaluation of a plan, on paper.

:func:`render` gives the half-year or annual report as Markdown (no extra
needed) or HTML (Jinja2, with autoescaping: the ``report`` extra); :func:`write`
also writes an Excel workbook (openpyxl: the ``report`` extra) with a summary
sheet and one sheet per indicator group, numbers formatted in the Vietnamese
locale.

A report has the heading of an administrative document (issuer, place and
date), a summary per group (counts per status and the share achieved), the
table of indicators with results and explanations, and the list of indicators
not achieved or without data. It is in Vietnamese; English is available.

>>> import thidua
>>> ev = thidua.evaluate(thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data())
>>> print(render(ev, "markdown").splitlines()[4])
# BÁO CÁO

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import io
import os
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from thidua._extras import require
from thidua._files import os_reason_vi
from thidua._text import printable, safe_for_xml
from thidua.errors import UsageError, check_language, require_type
from thidua.evaluation import Evaluation, Result, Status
from thidua.formats import check_format, require_evaluation
from thidua.numbers import format_number
from thidua.periods import format_date
from thidua.presentation import COLOURS, target_text, value_text, walk
from thidua.units import Quantity, default_units

__all__ = ["REPORT_FORMATS", "ReportFormat", "render", "to_xlsx", "write"]

#: A report format.
ReportFormat = Literal["markdown", "html", "xlsx"]
#: The report formats.
REPORT_FORMATS: tuple[ReportFormat, ...] = ("markdown", "html", "xlsx")

_LABELS = {
    "vi": {
        "republic": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "motto": "Độc lập - Tự do - Hạnh phúc",
        "report": "BÁO CÁO",
        "results_of": "Kết quả thực hiện các chỉ tiêu thi đua",
        "under": "theo",
        "summary": "I. TỔNG HỢP KẾT QUẢ",
        "group": "Nhóm chỉ tiêu",
        "total": "Số chỉ tiêu",
        "share": "Tỷ lệ đạt",
        "id": "Mã",
        "indicator": "Chỉ tiêu",
        "actual": "Thực hiện",
        "target": "Mục tiêu",
        "status": "Kết quả",
        "explanation": "Giải thích",
        "attention": "III. CHỈ TIÊU CẦN QUAN TÂM",
        "details": "II. KẾT QUẢ TỪNG CHỈ TIÊU",
        "not_achieved": "Chỉ tiêu không đạt:",
        "no_data": "Chỉ tiêu chưa có số liệu:",
        "all_done": "Tất cả chỉ tiêu đã đạt.",
        "as_of": "Số liệu đến ngày",
        "summary_sheet": "Tổng hợp",
    },
    "en": {
        "republic": "SOCIALIST REPUBLIC OF VIETNAM",
        "motto": "Independence - Freedom - Happiness",
        "report": "REPORT",
        "results_of": "Results of the emulation targets for",
        "under": "under",
        "summary": "I. SUMMARY",
        "group": "Group",
        "total": "Indicators",
        "share": "Share achieved",
        "id": "Id",
        "indicator": "Indicator",
        "actual": "Actual",
        "target": "Target",
        "status": "Status",
        "explanation": "Explanation",
        "attention": "III. INDICATORS NEEDING ATTENTION",
        "details": "II. RESULTS BY INDICATOR",
        "not_achieved": "Not achieved:",
        "no_data": "No data:",
        "all_done": "Every indicator was achieved.",
        "as_of": "Data as of",
        "summary_sheet": "Summary",
    },
}


def _check_language(language: str) -> None:
    check_language(language)


def _share(achieved: int, relevant: int, language: str) -> str:
    if relevant == 0:
        return "—"
    return format_number(Fraction(achieved * 100, relevant), locale=language, max_decimals=1) + "%"


def _context(evaluation: Evaluation, language: str) -> dict[str, Any]:
    """Everything a report shows, as plain values (shared by every format)."""
    require_evaluation(evaluation)
    _check_language(language)
    plan = evaluation.plan
    labels = _LABELS[language]
    day = evaluation.as_of
    when = (
        format_date(day, language=language)
        if day
        else (f"ngày … tháng … năm {evaluation.period.end.year}" if language == "vi" else "")
    )
    groups = []
    not_achieved: list[str] = []
    no_data: list[str] = []
    for group in plan.groups:
        tops = [evaluation.results[i.id] for i in group.indicators if i.id in evaluation.results]
        counts = [sum(r.status is s for r in tops) for s in Status]
        relevant = len(tops) - counts[3]
        rows = []
        for top in tops:
            for r, _, level in walk(top):
                outlook = r.outlook.explanation if r.outlook and r.outlook.explanation else None
                rows.append(
                    {
                        "level": level,
                        "id": r.indicator,
                        "name": r.name,
                        "actual": value_text(r.actual, language)
                        if not r.org_units
                        else f"{value_text(r.actual, language)}/{len(r.org_units)}",
                        "target": target_text(r.target, language),
                        "status": r.status.value,
                        "status_label": r.status.label(language),
                        "explanation": getattr(r.explanation, language),
                        "outlook": getattr(outlook, language) if outlook else None,
                        "result": r,
                    }
                )
                if level == 0 and r.status is Status.NOT_ACHIEVED:
                    not_achieved.append(getattr(r.explanation, language))
                if level == 0 and r.status is Status.NO_DATA:
                    no_data.append(getattr(r.explanation, language))
        groups.append(
            {
                "id": group.id,
                "name": group.name,
                "total": len(tops),
                "counts": counts,
                "share": _share(counts[0], relevant, language),
                "rows": rows,
            }
        )
    place = plan.place or ""
    return {
        "language": language,
        "labels": labels,
        "title": plan.title,
        "superior": plan.superior,
        "issuer": plan.issuer or "",
        "place_date": f"{place}, {when}".strip(", ") if language == "vi" else when,
        "period_label": evaluation.period.label(language),
        "as_of": day,
        "statuses": [{"value": s.value, "label": s.label(language)} for s in Status],
        "colours": {s.value: c for s, c in COLOURS.items()},
        "groups": groups,
        "not_achieved": not_achieved,
        "no_data": no_data,
        "signer": plan.signer,
    }


def _md_escape(text: str) -> str:
    """Plan text is text: no raw HTML reaches a Markdown viewer."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _markdown(context: dict[str, Any]) -> str:
    labels = context["labels"]

    def cell(text: object) -> str:
        return _md_escape(str(text)).replace("|", "\\|").replace("\n", " ")

    out = [
        f"**{cell(context['superior'])}**" if context["superior"] else "",
        f"**{cell(context['issuer'])}**",
        "",
        f"*{cell(context['place_date'])}*",
        f"# {labels['report']}",
        "",
        f"{labels['results_of']} {context['period_label']} — "
        f"{labels['under']} {cell(context['title'])}",
        "",
        f"## {labels['summary']}",
        "",
        "| "
        + " | ".join(
            [
                labels["group"],
                labels["total"],
                *(s["label"] for s in context["statuses"]),
                labels["share"],
            ]
        )
        + " |",
        "|" + "---|" * (len(context["statuses"]) + 3),
    ]
    for group in context["groups"]:
        cells = [
            f"{group['id']} — {group['name']}",
            group["total"],
            *group["counts"],
            group["share"],
        ]
        out.append("| " + " | ".join(cell(c) for c in cells) + " |")
    out += ["", f"## {labels['details']}"]
    for group in context["groups"]:
        out += ["", f"### {group['id']} — {cell(group['name'])}", ""]
        head = [labels[k] for k in ("id", "indicator", "actual", "target", "status", "explanation")]
        out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for row in group["rows"]:
            ident = "&nbsp;&nbsp;" * row["level"] + cell(row["id"])
            explanation = row["explanation"] + (f" ({row['outlook']})" if row["outlook"] else "")
            cells = [
                row["name"],
                row["actual"],
                row["target"],
                f"**{row['status_label']}**",
                explanation,
            ]
            out.append("| " + " | ".join([ident, *(cell(c) for c in cells)]) + " |")
    out += ["", f"## {labels['attention']}", ""]
    for key in ("not_achieved", "no_data"):
        if context[key]:
            out += [f"**{labels[key]}**", ""] + [f"- {cell(item)}" for item in context[key]] + [""]
    if not context["not_achieved"] and not context["no_data"]:
        out += [labels["all_done"], ""]
    signer = context["signer"]
    if signer is not None:
        out += [
            f"**{cell((signer.on_behalf_of or '').upper())}**",
            f"**{cell(signer.title.upper())}**",
            "",
            f"**{cell(signer.name)}**",
            "",
        ]
    return printable("\n".join(line for line in out if line is not None), keep="\n")


def render(evaluation: Evaluation, format: ReportFormat = "html", *, language: str = "vi") -> str:
    r"""The report as Markdown or HTML text.

    No control character from the plan or the data reaches the text raw: each
    is shown escaped (``\x1b``).

    Raises:
        UsageError: Unknown format (code ``usage.format``: use :func:`write` or
            :func:`to_xlsx` for a workbook) or language (``usage.language``).
        ArgumentTypeError: ``evaluation`` is not an :class:`~thidua.evaluation.Evaluation`.
        ExtraNotInstalledError: HTML needs Jinja2 (the ``report`` extra).
    """
    if isinstance(format, str) and format == "xlsx":
        msg = "format='xlsx' must be 'markdown' or 'html' here: a workbook is not text"
        raise UsageError(
            msg,
            code="usage.format",
            vi="ở đây chỉ chọn được định dạng 'markdown' hoặc 'html': 'xlsx' là tệp bảng tính, "
            "không phải văn bản",
            hint="write an xlsx workbook with thidua.report.write or to_xlsx",
            hint_vi="hãy ghi tệp xlsx bằng thidua.report.write hoặc to_xlsx",
        )
    check_format(format, ("markdown", "html"))
    context = _context(evaluation, language)
    if format == "markdown":
        return _markdown(context)
    jinja2 = require("jinja2")
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("thidua", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    text: str = environment.get_template("report.html.j2").render(**context)
    return printable(text, keep="\n")


_VI = "[$-42A]"  # Vietnamese locale: decimal comma and dot groups in Excel


#: The largest figure written as an Excel number: Excel keeps 15 significant
#: digits, so larger figures are written exactly, as text.
_LARGEST_NUMBER = Fraction(10**15)


def _float(value: Fraction) -> float | None:
    """``value`` as a float for a cell, or None when a float would not show it faithfully."""
    if abs(value) >= _LARGEST_NUMBER or (value and abs(value) < Fraction(1, 10**9)):
        return None
    return float(value)


def _number_cell(value: Quantity | bool | None, language: str) -> tuple[Any, str | None, str]:
    """The cell value, its number format, and the unit shown beside it.

    A figure too large (or too small) for Excel's 15 digits is written as exact
    text (``10.000.000.000.000.000 tỷ đồng``), never rounded nor overflowing.
    """
    if value is None:
        return None, None, ""
    if isinstance(value, bool):
        return value_text(value, language), None, ""
    units = default_units()
    info = units.get(value.unit) if value.unit else None
    if info is not None and info.dimension == "dimensionless":
        share = _float(units.base(value)[0])
        if share is not None:
            return share, f"{_VI}0.##%", ""
    elif info is not None and info.dimension == "[currency]":
        dong = _float(units.base(value)[0])
        if dong is not None:
            return dong, f'{_VI}#,##0 "đồng"', ""
    else:
        magnitude = _float(value.magnitude)
        if magnitude is not None:
            shown = info.vi if info else (value.unit or "")
            return magnitude, f"{_VI}#,##0.##", shown
    return value_text(value, language), None, ""


#: Characters a worksheet title may not hold.
_NOT_IN_TITLES = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def _sheet_title(text: str, taken: set[str]) -> str:
    """A worksheet title from a group id: at most 31 characters, none Excel refuses, unique."""
    title = safe_for_xml(text).translate(_NOT_IN_TITLES).replace("\t", " ").strip("' ")
    title = " ".join(title.split())[:31] or "_"
    base, n = title, 1
    while title.casefold() in taken:
        n += 1
        title = f"{base[: 31 - len(str(n)) - 1]}~{n}"
    taken.add(title.casefold())
    return title


def _row(values: list[Any]) -> list[Any]:
    """A row for a worksheet: text made safe for XML (no control character, no formula)."""
    return [safe_for_xml(v) if isinstance(v, str) else v for v in values]


def to_xlsx(evaluation: Evaluation, *, language: str = "vi") -> bytes:
    r"""The report as an Excel workbook: a summary sheet and one sheet per indicator group.

    Text is written as text (never a formula), any control character shown
    escaped (``\x1b``); figures beyond Excel's 15 digits are written exactly, as text.

    Raises:
        UsageError: Unknown language (code ``usage.language``).
        ArgumentTypeError: ``evaluation`` is not an :class:`~thidua.evaluation.Evaluation`.
        ExtraNotInstalledError: openpyxl is not installed (the ``report`` extra).
    """
    openpyxl = require("openpyxl")
    styles = require("openpyxl.styles")
    context = _context(evaluation, language)
    labels = context["labels"]
    bold = styles.Font(bold=True)
    workbook = openpyxl.Workbook()
    summary = workbook.active
    summary.title = labels["summary_sheet"]
    taken = {summary.title.casefold()}
    summary.append(_row([context["issuer"]]))
    summary.append(_row([f"{labels['report']}: {labels['results_of']} {context['period_label']}"]))
    summary.append(_row([context["title"]]))
    summary.append([])
    summary.append(
        [
            labels["group"],
            labels["total"],
            *(s["label"] for s in context["statuses"]),
            labels["share"],
        ]
    )
    for group in context["groups"]:
        relevant = group["total"] - group["counts"][3]
        share = group["counts"][0] / relevant if relevant else None
        summary.append(
            _row([f"{group['id']} — {group['name']}", group["total"], *group["counts"], share])
        )
        summary.cell(summary.max_row, len(group["counts"]) + 3).number_format = f"{_VI}0.#%"
    for cell in summary[5]:
        cell.font = bold
    summary["A1"].font = bold
    summary.column_dimensions["A"].width = 60
    for group in context["groups"]:
        sheet = workbook.create_sheet(_sheet_title(group["id"], taken))
        head = [labels[k] for k in ("id", "indicator", "actual", "target", "status", "explanation")]
        sheet.append([head[0], head[1], head[2], "", head[3], head[4], head[5]])
        for cell in sheet[1]:
            cell.font = bold
        for row in group["rows"]:
            r: Result = row["result"]
            actual, actual_format, unit = _number_cell(r.actual, language)
            target_value, target_format, _ = _number_cell(
                r.target.quantity if r.target else None, language
            )
            if target_value is not None and target_format is None:  # text: with the operator
                target_value = row["target"]
            sheet.append(
                _row(
                    [
                        ("  " * row["level"]) + row["id"],
                        row["name"],
                        actual,
                        unit,
                        target_value if target_value is not None else row["target"],
                        row["status_label"],
                        row["explanation"],
                    ]
                )
            )
            line = sheet.max_row
            if actual_format:
                sheet.cell(line, 3).number_format = actual_format
            if target_format:
                sheet.cell(line, 5).number_format = target_format
            fill = COLOURS[r.status].lstrip("#")
            sheet.cell(line, 6).fill = styles.PatternFill("solid", fgColor=fill)
            sheet.cell(line, 6).font = styles.Font(bold=True, color="FFFFFF")
        for column, width in zip("ABCDEFG", (9, 55, 16, 12, 16, 16, 90), strict=True):
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "A2"
    for sheet in workbook.worksheets:  # text is text: never a formula (=, +, -, @)
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write(
    evaluation: Evaluation,
    path: str | os.PathLike[str],
    *,
    format: ReportFormat | None = None,
    language: str = "vi",
) -> Path:
    """Write the report to ``path``; the format comes from its suffix unless given.

    Raises:
        UsageError: The format cannot be told from the suffix, or is unknown (code
            ``usage.format``); the language is unknown (``usage.language``); the
            file cannot be written (``file.cannot_write``).
        ArgumentTypeError: ``path`` is not a path, or ``evaluation`` not an evaluation.
        ExtraNotInstalledError: HTML and xlsx need the ``report`` extra.
    """
    if not isinstance(path, str | os.PathLike):
        require_type(path, (str, os.PathLike), "path", "a file path", "đường dẫn một tệp")
    target = Path(path)
    shown = printable(repr(str(target)))
    if format is None:
        chosen = {".md": "markdown", ".html": "html", ".htm": "html", ".xlsx": "xlsx"}.get(
            target.suffix.lower()
        )
        if chosen is None:
            msg = f"cannot tell the report format of {shown}"
            raise UsageError(
                msg,
                code="usage.format",
                vi=f"không biết ghi báo cáo {shown} theo định dạng nào",
                hint="use a .md, .html or .xlsx file, or give format=",
                hint_vi="hãy đặt tên tệp có đuôi .md, .html hoặc .xlsx, hoặc ghi rõ format=",
            )
    else:
        chosen = check_format(format, REPORT_FORMATS)
    try:
        if chosen == "xlsx":
            content: bytes = to_xlsx(evaluation, language=language)
        else:
            content = render(evaluation, chosen, language=language).encode("utf-8")  # type: ignore[arg-type]
        target.write_bytes(content)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        reason = printable(getattr(exc, "strerror", None) or str(exc))
        msg = f"cannot write the report: {reason}"
        raise UsageError(
            msg,
            code="file.cannot_write",
            vi=f"không ghi được báo cáo: {os_reason_vi(exc, reason)}",
            hint="check the folder exists and may be written to",
            hint_vi="hãy kiểm tra thư mục có tồn tại và có quyền ghi vào đó không",
            file=printable(str(target)),
        ) from None
    return target
