"""The report an office hands in: the evaluation of a plan, on paper.

:func:`render` gives the half-year (sơ kết) or annual (tổng kết) report as
Markdown (no extra needed) or HTML (Jinja2, with autoescaping: the ``report``
extra); :func:`to_xlsx` gives an Excel workbook (openpyxl) and :func:`to_docx` a
Word document (python-docx) in the form of Decree 30/2020/NĐ-CP; :func:`write`
writes any of them, the format told by the file's suffix.

Every format has the parts of an administrative report: the heading (the
superior body and the issuer, the report's number, the national motto, the
place and date), the kind and title (``BÁO CÁO``) with its summary line (trích
yếu), the body (the results in prose), the table of indicators, the indicators
needing attention, the data the plan does not use, the recipients (nơi nhận)
and the signing block. It is in Vietnamese; English is available.

The half-year report is the evaluation of the plan's **year** as of the end of
the half (or an earlier as-of date): each indicator shows its annual target,
the result so far, the share of the annual plan, the same period last year
(cùng kỳ) and the in-year projection. Given an evaluation of ``2024-H1``, the
report evaluates the year as of 30/06/2024 with the ``data`` given.

>>> import thidua
>>> ev = thidua.evaluate(thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data())
>>> print(render(ev, "markdown").splitlines()[0])
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**

.. versionadded:: 0.1.0
.. versionchanged:: 0.4.0
   Word documents (:func:`to_docx`), the two kinds of report (``kind``), the
   sơ kết columns, and the options ``number``, ``date``, ``signer`` and
   ``recipients``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import unicodedata
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from thidua._extras import require
from thidua._files import os_reason_vi
from thidua._text import printable, safe_for_xml, safe_repr
from thidua.data import Dataset
from thidua.errors import UsageError, check_language, require_type, wrong_type
from thidua.evaluation import Evaluation, Result, Status, evaluate
from thidua.formats import check_format, require_evaluation
from thidua.numbers import format_number
from thidua.periods import MIN_YEAR, Period, PeriodKind, format_date, parse_date, parse_period
from thidua.plans import Plan, Signer
from thidua.presentation import COLOURS, target_text, value_text, walk
from thidua.units import Quantity, Units

__all__ = [
    "REPORT_FORMATS",
    "REPORT_KINDS",
    "ReportFormat",
    "ReportKind",
    "percent_format",
    "render",
    "to_docx",
    "to_xlsx",
    "write",
]

#: A report format.
ReportFormat = Literal["markdown", "html", "xlsx", "docx"]
#: The report formats.
REPORT_FORMATS: tuple[ReportFormat, ...] = ("markdown", "html", "xlsx", "docx")
#: A kind of report: the half-year review (sơ kết) or the annual one (tổng kết).
#:
#: .. versionadded:: 0.4.0
ReportKind = Literal["so-ket", "tong-ket"]
#: The kinds of report.
#:
#: .. versionadded:: 0.4.0
REPORT_KINDS: tuple[ReportKind, ...] = ("so-ket", "tong-ket")

_LABELS = {
    "vi": {
        "republic": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "motto": "Độc lập - Tự do - Hạnh phúc",
        "report": "BÁO CÁO",
        "number": "Số",
        "so-ket": "Sơ kết",
        "tong-ket": "Tổng kết",
        "carrying_out": "thực hiện",
        "summary": "I. TỔNG HỢP KẾT QUẢ",
        "group": "Nhóm chỉ tiêu",
        "total": "Số chỉ tiêu",
        "achieved": "Đạt",
        "not_achieved_short": "Không đạt",
        "pending_short": "Chưa đến kỳ đánh giá",
        "no_data_short": "Chưa có số liệu",
        "not_applicable_short": "Không áp dụng",
        "share": "Tỷ lệ đạt (trên số đã đánh giá)",
        "id": "Mã",
        "indicator": "Chỉ tiêu",
        "unit": "Đơn vị tính",
        "actual": "Thực hiện",
        "so_far": "Thực hiện lũy kế",
        "target": "Mục tiêu",
        "annual_target": "Chỉ tiêu năm",
        "plan_share": "% kế hoạch năm",
        "previous": "Cùng kỳ năm trước",
        "outlook": "Ước cả năm",
        "status": "Kết quả",
        "explanation": "Giải thích",
        "details": "II. KẾT QUẢ TỪNG CHỈ TIÊU",
        "attention": "III. CHỈ TIÊU CẦN QUAN TÂM",
        "not_achieved": "Chỉ tiêu không đạt:",
        "pending": "Chỉ tiêu chưa đến kỳ đánh giá (kỳ chưa kết thúc):",
        "no_data": "Chỉ tiêu chưa có số liệu:",
        "all_done": "Tất cả chỉ tiêu đã đạt.",
        "unused": "IV. SỐ LIỆU KHÔNG SỬ DỤNG",
        "unused_none": "Mọi số liệu đã được sử dụng.",
        "period": "Kỳ",
        "value": "Giá trị",
        "org_unit": "Đơn vị",
        "reason": "Lý do",
        "recipients": "Nơi nhận:",
        "archive": "Lưu: VT.",
        "summary_sheet": "Tổng hợp",
        "unused_sheet": "Số liệu không dùng",
    },
    "en": {
        "republic": "SOCIALIST REPUBLIC OF VIETNAM",
        "motto": "Independence - Freedom - Happiness",
        "report": "REPORT",
        "number": "No.",
        "so-ket": "Half-year review of",
        "tong-ket": "Annual review of",
        "carrying_out": "carrying out",
        "summary": "I. SUMMARY",
        "group": "Group",
        "total": "Indicators",
        "achieved": "Achieved",
        "not_achieved_short": "Not achieved",
        "pending_short": "Not yet due",
        "no_data_short": "No data",
        "not_applicable_short": "Not applicable",
        "share": "Share achieved (of those decided)",
        "id": "Id",
        "indicator": "Indicator",
        "unit": "Unit",
        "actual": "Actual",
        "so_far": "Actual so far",
        "target": "Target",
        "annual_target": "Annual target",
        "plan_share": "% of annual plan",
        "previous": "Same period last year",
        "outlook": "Projected for the year",
        "status": "Status",
        "explanation": "Explanation",
        "details": "II. RESULTS BY INDICATOR",
        "attention": "III. INDICATORS NEEDING ATTENTION",
        "not_achieved": "Not achieved:",
        "pending": "Not yet due (the period has not ended):",
        "no_data": "No data:",
        "all_done": "Every indicator was achieved.",
        "unused": "IV. DATA NOT USED",
        "unused_none": "Every observation was used.",
        "period": "Period",
        "value": "Value",
        "org_unit": "Org unit",
        "reason": "Reason",
        "recipients": "Recipients:",
        "archive": "Archive: VT.",
        "summary_sheet": "Summary",
        "unused_sheet": "Data not used",
    },
}

#: The columns of the results table, in order (``outlook`` only in-year,
#: ``previous`` only with the data).
_COLUMNS = (
    "id",
    "indicator",
    "target",
    "actual",
    "plan_share",
    "previous",
    "outlook",
    "status",
    "explanation",
)

#: The summary's counts, in order: the statuses, with undecided in-year ones apart.
_COUNTS = ("achieved", "not_achieved", "pending", "no_data", "not_applicable")


def _text(value: object, name: str, expected: str, expected_vi: str) -> str | None:
    """An optional text option, NFC-normalised."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise wrong_type(name, value, expected, expected_vi)
    return unicodedata.normalize("NFC", value).strip()


def _kind(kind: object, period: Period) -> ReportKind:
    """The kind asked for, or the one the reporting period tells."""
    if kind is None:
        return "tong-ket" if period.kind is PeriodKind.YEAR else "so-ket"
    if isinstance(kind, str) and kind in REPORT_KINDS:
        return kind
    shown = safe_repr(kind, limit=60)
    msg = f"kind={shown} must be 'so-ket' (half-year) or 'tong-ket' (annual)"
    raise UsageError(
        msg,
        code="usage.report_kind",
        vi=f"loại báo cáo {shown} phải là 'so-ket' (sơ kết) hoặc 'tong-ket' (tổng kết)",
        hint="give kind='so-ket' or kind='tong-ket' (--kind so-ket|tong-ket)",
        hint_vi="hãy chọn kind='so-ket' hoặc kind='tong-ket' (--kind so-ket|tong-ket)",
    )


def _year_before(day: dt.date) -> dt.date:
    """The same day one year earlier; 29/2 becomes 28/2."""
    if day.month == 2 and day.day == 29:
        return dt.date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def _annual(evaluation: Evaluation, data: Dataset | None) -> tuple[Evaluation, Period]:
    """The evaluation of the year (annual targets, outlook) and the period reported on.

    A sub-year evaluation (``2024-H1``) judges half-year figures against targets
    written for the year; the report judges the year as of the end of the half
    instead, so needs the data.
    """
    period = evaluation.period
    if period.kind is PeriodKind.YEAR:
        day = evaluation.as_of
        half = parse_period(f"{period.year}-H1")
        if day is not None and day <= half.end:
            return evaluation, half  # as of a day of the first half: its review
        return evaluation, period
    if data is None:
        msg = (
            f"a report for {period} needs the data (data=) to judge the year's targets "
            f"as of {period.end.isoformat()}"
        )
        raise UsageError(
            msg,
            code="report.needs_data",
            vi=f"báo cáo {period.label('vi')} cần bộ số liệu (data=) để so với chỉ tiêu năm "
            f"{period.year}",
            hint=f"pass data=, or evaluate the year with as_of: evaluate(plan, data, "
            f"{period.year}, as_of='{period.end.isoformat()}')",
            hint_vi=f"hãy truyền data=, hoặc đánh giá cả năm với as_of: evaluate(plan, data, "
            f"{period.year}, as_of='{period.end.isoformat()}')",
            period=str(period),
        )
    day = evaluation.as_of if evaluation.as_of and evaluation.as_of < period.end else period.end
    year = parse_period(period.year)
    if day >= year.end:
        return evaluate(evaluation.plan, data, year), period
    return evaluate(evaluation.plan, data, year, as_of=day), period


def _previous(evaluation: Evaluation, data: Dataset | None) -> Evaluation | None:
    """The same period last year (cùng kỳ), as far as the evaluation reaches; None without data."""
    if data is None or evaluation.period.start.year <= MIN_YEAR:  # no year before the first
        return None
    period = evaluation.period.previous()
    if evaluation.as_of is not None and evaluation.as_of < evaluation.period.end:
        return evaluate(evaluation.plan, data, period, as_of=_year_before(evaluation.as_of))
    return evaluate(evaluation.plan, data, period)


def _plan_share(result: Result, units: Units) -> Fraction | None:
    """The share of the annual plan done (actual ÷ target), only where it measures progress.

    It is given for a ``>=`` or ``>`` target of one figure, positive, of the
    actual's dimension: there more is better and the share grows towards 100 %.
    Where less is better (``<=``, ``<``), for a range, a yes/no rule, an
    org-unit count, a composite, a target of 0 or less, the quotient is no
    progress (44 poor households against "at most 43" is behind, not 102 % of
    the plan): None, a blank cell in every format.
    """
    target, actual = result.target, result.actual
    if target is None or target.quantity is None or target.bounds is not None:
        return None
    if target.op.direction <= 0 or target.count is not None or target.expected is not None:
        return None
    if not isinstance(actual, Quantity) or result.org_units:
        return None
    got, got_unit = units.base(actual)
    want, want_unit = units.base(target.quantity)
    if got_unit != want_unit or want <= 0:
        return None
    return Fraction(got) / Fraction(want)


def _whole_figure(result: Result) -> Quantity | bool | None:
    """The result's figure where it is the whole figure of its period, else None (unknown).

    An org-unit count with org units still without a figure counts only those
    known (0 when none is: an unknown, not a zero); a roll-up with sub-periods
    or org units missing is a part of the figure. The same period last year
    (cùng kỳ) shows a figure only where it is whole, and is blank otherwise.
    """
    if any(u.status is Status.NO_DATA for u in result.org_units):
        return None
    rollup = result.rollup
    if rollup is not None and (rollup.gaps or rollup.missing_org_units):
        return None
    return result.actual


def _counted(result: Result) -> bool:
    """Whether an org-unit count counts any org unit with a figure (else it is unknown)."""
    decided = (Status.ACHIEVED, Status.NOT_ACHIEVED)
    return any(u.status in decided for u in result.org_units)


def _pending(result: Result, in_year: bool) -> bool:
    """Undecided because its period has not ended (not for want of data)."""
    if not in_year or result.status is not Status.NO_DATA:
        return False
    if result.criteria:
        return any(_pending(c, in_year) for c in result.criteria)
    return result.actual is not None or (
        result.outlook is not None and result.outlook.so_far is not None
    )


def _count_key(result: Result, in_year: bool) -> str:
    if _pending(result, in_year):
        return "pending"
    return result.status.value


def _percent_text(value: Fraction, language: str) -> str:
    return format_number(value * 100, locale=language, max_decimals=1) + "%"


def _number(text: str | None, plan: Plan) -> str:
    """``Số: …/BC-UBND``: the number given, or the plan's with its kind made BC (báo cáo)."""
    if text:
        return text
    written = plan.number or ""
    suffix = written.partition("/")[2] if "/" in written else ""
    match = re.fullmatch(r"[A-ZĐ]{1,5}-(.{1,40})", suffix)
    return f"/BC-{match.group(1)}" if match else "/BC"


def _recipients(given: object, plan: Plan, labels: dict[str, str]) -> list[str]:
    """The list under ``Nơi nhận:``: ``- X;`` each, and ``- Lưu: VT.`` last."""
    if given is None:
        items = list(plan.recipients)
    else:
        if not isinstance(given, list | tuple) or not all(isinstance(i, str) for i in given):
            msg = "recipients"
            raise wrong_type(msg, given, "a list of texts", "một danh sách tên nơi nhận (chữ)")
        items = [unicodedata.normalize("NFC", i) for i in given]
    archive = [i for i in items if i.strip().casefold().startswith(("lưu", "archive"))]
    others = [i.strip().rstrip(";.") for i in items if i not in archive and i.strip()]
    last = archive[0].strip().rstrip(";.") + "." if archive else labels["archive"]
    return [f"- {i};" for i in others] + [f"- {last}"]


def _signing(signer: Signer | None) -> dict[str, Any] | None:
    """The signing block of Decree 30: authority (TM./KT.), position, name."""
    if signer is None:
        return None
    lines = []
    if signer.on_behalf_of:
        lines.append(signer.on_behalf_of.upper())
    title = signer.title
    head = title.split(" ", 1)
    if head[0].casefold() == "phó" and len(head) == 2:
        lines.append(f"KT. {head[1].upper()}")
    lines.append(title.upper())
    return {"authority": lines, "name": signer.name}


def _context(
    evaluation: Evaluation,
    language: str,
    *,
    kind: object = None,
    data: object = None,
    number: object = None,
    date: object = None,
    signer: object = None,
    recipients: object = None,
) -> dict[str, Any]:
    """Everything a report shows, as plain values (shared by every format)."""
    require_evaluation(evaluation)
    check_language(language)
    if data is not None:
        require_type(data, Dataset, "data", "a Dataset (see load_data)", "một bộ số liệu")
    if signer is not None:
        require_type(signer, Signer, "signer", "a Signer", "người ký (Signer)")
    given_number = _text(number, "number", "text such as '12/BC-UBND'", "chữ như '12/BC-UBND'")
    day: dt.date | None = None
    if date is not None:
        if not isinstance(date, dt.date | str):
            msg = "date"
            raise wrong_type(msg, date, "a date or text such as '10/6/2024'", "một ngày")
        day = parse_date(date, year=evaluation.period.year)
    annual, period = _annual(evaluation, data)  # type: ignore[arg-type]
    chosen = _kind(kind, period)
    previous = _previous(annual, data)  # type: ignore[arg-type]
    plan = annual.plan
    labels = _LABELS[language]
    units = plan.unit_registry()  # a valid plan's units make a registry
    in_year = annual.as_of is not None and annual.as_of < annual.period.end
    due = next((r.due for r in plan.reports if r.period == period), None)
    if day is None:  # the as-of date asked for, else the deadline if the data reach no later
        reach = annual.as_of or annual.period.end
        day = evaluation.as_of or (due if due is not None and due >= reach else None)
    when = format_date(day, language=language) if day else "ngày … tháng … năm " + str(period.year)
    if language != "vi" and not day:
        when = ""
    columns = [c for c in _COLUMNS if (c != "outlook" or in_year) and (c != "previous" or previous)]
    groups = []
    lists: dict[str, list[str]] = {"not_achieved": [], "pending": [], "no_data": []}
    totals = dict.fromkeys(_COUNTS, 0)
    projected_achieved = 0
    for group in plan.groups:
        tops = [annual.results[i.id] for i in group.indicators if i.id in annual.results]
        counts = dict.fromkeys(_COUNTS, 0)
        rows = []
        for top in tops:
            key = _count_key(top, in_year)
            counts[key] += 1
            if key in lists:
                lists[key].append(_explained(top, in_year, language, labels))
            if top.outlook is not None and top.outlook.projected_status is Status.ACHIEVED:
                projected_achieved += 1
            for r, _, level in walk(top):
                rows.append(_row(r, level, language, units, in_year, previous, labels))
        for k in _COUNTS:
            totals[k] += counts[k]
        decided = counts["achieved"] + counts["not_achieved"]
        groups.append(
            {
                "id": group.id,
                "name": group.name,
                "total": len(tops),
                "counts": [counts[k] for k in _COUNTS],
                "share_value": Fraction(counts["achieved"], decided) if decided else None,
                "share": _percent_text(Fraction(counts["achieved"], decided), language)
                if decided
                else "—",
                "rows": rows,
            }
        )
    abstract = f"{labels[chosen]} {period.label(language)} {labels['carrying_out']} {plan.title}"
    return {
        "language": language,
        "labels": labels,
        "units": units,
        "kind": chosen,
        "title": plan.title,
        "superior": plan.superior.upper() if plan.superior else "",
        "issuer": (plan.issuer or "").upper(),
        "number": f"{labels['number']}: {_number(given_number, plan)}",
        "place_date": f"{plan.place}, {when}" if plan.place and when and language == "vi" else when,
        "date": day,
        "abstract": abstract,
        "period_label": period.label(language),
        "as_of": annual.as_of,
        "in_year": in_year,
        "body": _body(plan, period, annual, totals, projected_achieved, language),
        "count_labels": [labels[f"{k}_short" if k != "achieved" else k] for k in _COUNTS],
        "columns": [
            {"key": c, "label": _column_label(c, labels, chosen, in_year)} for c in columns
        ],
        "colours": {s.value: c for s, c in COLOURS.items()},
        "groups": groups,
        "not_achieved": lists["not_achieved"],
        "pending": lists["pending"],
        "no_data": lists["no_data"],
        "unused": _unused(annual, language, units, previous),
        "recipients": _recipients(recipients, plan, labels),
        "signer": _signing(signer if signer is not None else plan.signer),  # type: ignore[arg-type]
    }


def _column_label(key: str, labels: dict[str, str], kind: str, in_year: bool) -> str:
    if key == "target":
        return labels["annual_target"] if kind == "so-ket" or in_year else labels["target"]
    if key == "actual":
        return labels["so_far"] if in_year else labels["actual"]
    return labels[key]


def _row(  # noqa: PLR0917 - one line of the table
    r: Result,
    level: int,
    language: str,
    units: Units,
    in_year: bool,
    previous: Evaluation | None,
    labels: dict[str, str],
) -> dict[str, Any]:
    share = _plan_share(r, units)
    before = previous.results[r.indicator] if previous and r.indicator in previous.results else None
    before_value = _whole_figure(before) if before is not None else None
    projected = r.outlook.projected if r.outlook else None
    outlook_text = value_text(projected, language, units=units) if r.outlook else ""
    if r.outlook and not outlook_text and r.outlook.projected_status is not Status.NO_DATA:
        outlook_text = r.outlook.projected_status.label(language)
    actual_value = r.actual
    if r.org_units and not _counted(r):  # no org unit has a figure: unknown, never 0
        actual_value = None
    actual = value_text(actual_value, language, units=units)
    if r.org_units and isinstance(actual_value, Quantity):
        actual = f"{actual}/{len(r.org_units)}"
    pending = _pending(r, in_year)
    explanation = _explained(r, in_year, language, labels)
    if r.outlook and r.outlook.explanation:
        explanation += f" ({getattr(r.outlook.explanation, language)})"
    return {
        "level": level,
        "id": r.indicator,
        "name": r.name,
        "actual": actual,
        "actual_value": actual_value,
        "target": target_text(r.target, language, units=units),
        "target_value": r.target.quantity if r.target else None,
        "plan_share": _percent_text(share, language) if share is not None else "",
        "plan_share_value": share,
        "previous": value_text(before_value, language, units=units),
        "previous_value": before_value,
        "outlook": outlook_text,
        "outlook_value": projected,
        "status": r.status.value,
        "status_label": labels["pending_short"] if pending else r.status.label(language),
        "explanation": explanation,
        "result": r,
    }


def _explained(result: Result, in_year: bool, language: str, labels: dict[str, str]) -> str:
    """The result's explanation; one not yet due ends with that, not with "no data"."""
    text: str = getattr(result.explanation, language)
    tail = f" — {Status.NO_DATA.label(language)}"
    if _pending(result, in_year) and text.endswith(tail):
        text = text[: -len(tail)] + f" — {labels['pending_short']}"
    return text


def _body(  # noqa: PLR0917
    plan: Plan,
    period: Period,
    annual: Evaluation,
    totals: dict[str, int],
    projected_achieved: int,
    language: str,
) -> list[str]:
    """The report in prose: what it reports on, and the counts (never a share of nothing)."""
    total = sum(totals.values())
    decided = totals["achieved"] + totals["not_achieved"]
    day = annual.as_of
    vi = language == "vi"
    words = _COUNT_WORDS["vi" if vi else "en"]
    parts = [
        words[key].format(n=totals[key])
        for key in ("achieved", "not_achieved", "pending", "no_data", "not_applicable")
        if totals[key] or key in ("achieved", "not_achieved")
    ]
    if vi:
        intro = (
            f"Thực hiện {plan.title}, {plan.issuer or 'đơn vị'} báo cáo kết quả "
            f"{period.label('vi')} như sau:"
        )
        upto = f"Tính đến ngày {day.day:02d}/{day.month:02d}/{day.year}, t" if day else "T"
        counts = f"{upto}rong tổng số {total} chỉ tiêu: "
    else:
        intro = f"Carrying out {plan.title}, this reports on {period.label('en')}:"
        upto = f"As of {day.isoformat()}, o" if day else "O"
        counts = f"{upto}f {total} indicators: "
    counts += ", ".join(parts) + "."
    if decided:
        share = _percent_text(Fraction(totals["achieved"], decided), language)
        counts += words["share"].format(share=share, decided=decided)
    else:
        counts += words["none_decided"]
    out = [intro, counts]
    if totals["pending"]:
        out.append(words["projected"].format(n=projected_achieved))
    return out


#: The counts of a report's prose, in each language.
_COUNT_WORDS = {
    "vi": {
        "achieved": "{n} chỉ tiêu đạt",
        "not_achieved": "{n} chỉ tiêu không đạt",
        "pending": "{n} chỉ tiêu chưa đến kỳ đánh giá",
        "no_data": "{n} chỉ tiêu chưa có số liệu",
        "not_applicable": "{n} chỉ tiêu không áp dụng",
        "share": " Tỷ lệ đạt {share} trên {decided} chỉ tiêu đã đánh giá.",
        "none_decided": " Chưa có chỉ tiêu nào đủ điều kiện đánh giá đạt hay không đạt.",
        "projected": "Theo ước thực hiện cả năm, {n} chỉ tiêu dự kiến đạt.",
    },
    "en": {
        "achieved": "{n} achieved",
        "not_achieved": "{n} not achieved",
        "pending": "{n} not yet due",
        "no_data": "{n} without data",
        "not_applicable": "{n} not applicable",
        "share": " Share achieved: {share} of the {decided} decided.",
        "none_decided": " No indicator can be decided yet.",
        "projected": "By the projections for the year, {n} are expected to be achieved.",
    },
}


def _unused(
    evaluation: Evaluation, language: str, units: Units, previous: Evaluation | None
) -> list[dict[str, str]]:
    """The observations the report does not use, each with why (why a figure is missing).

    Those the same period last year (cùng kỳ) shows are used.
    """
    used: set[int] = set()
    if previous is not None:
        used = {id(o) for r in previous.results.values() for o in r.observations}
    out = []
    for u in evaluation.unused:
        obs = u.observation
        if id(obs) in used:
            continue
        value = obs.observed
        if isinstance(value, Quantity | bool):
            shown = value_text(value, language, units=units)
        elif value is None:
            shown = ""
        else:  # a rate given as numerator / denominator
            shown = f"{obs.numerator}/{obs.denominator}"
        out.append(
            {
                "indicator": obs.indicator,
                "period": obs.period.label(language),
                "value": shown,
                "org_unit": obs.org_unit or "",
                "reason": (u.reason_vi or u.reason) if language == "vi" else u.reason,
            }
        )
    return out


def _md_escape(text: str) -> str:
    """Plan text is text: no raw HTML reaches a Markdown viewer."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _cell(text: object) -> str:
    return _md_escape(str(text)).replace("|", "\\|").replace("\n", " ").replace("*", "\\*")


def _markdown(context: dict[str, Any]) -> str:  # noqa: PLR0915 - the form, part by part
    labels = context["labels"]
    cell = _cell
    out = [f"**{labels['republic']}**  ", f"**{labels['motto']}**", ""]
    if context["superior"]:
        out.append(f"{cell(context['superior'])}  ")
    if context["issuer"]:
        out.append(f"**{cell(context['issuer'])}**  ")
    out += [cell(context["number"]), ""]
    if context["place_date"]:
        out += [f"*{cell(context['place_date'])}*", ""]
    out += [f"# {labels['report']}", "", f"**{cell(context['abstract'])}**", ""]
    for paragraph in context["body"]:
        out += [cell(paragraph), ""]
    out += [f"## {labels['summary']}", ""]
    head = [labels["group"], labels["total"], *context["count_labels"], labels["share"]]
    out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for group in context["groups"]:
        cells = [
            f"{group['id']} — {group['name']}",
            group["total"],
            *group["counts"],
            group["share"],
        ]
        out.append("| " + " | ".join(cell(c) for c in cells) + " |")
    out += ["", f"## {labels['details']}"]
    keys = [c["key"] for c in context["columns"]]
    for group in context["groups"]:
        out += ["", f"### {cell(group['id'])} — {cell(group['name'])}", ""]
        out += [
            "| " + " | ".join(cell(c["label"]) for c in context["columns"]) + " |",
            "|" + "---|" * len(keys),
        ]
        for row in group["rows"]:
            values = []
            for key in keys:
                if key == "id":
                    values.append("&nbsp;&nbsp;" * row["level"] + cell(row["id"]))
                elif key == "indicator":
                    values.append(cell(row["name"]))
                elif key == "status":
                    values.append(f"**{cell(row['status_label'])}**")
                else:
                    values.append(cell(row[key]))
            out.append("| " + " | ".join(values) + " |")
    out += ["", f"## {labels['attention']}", ""]
    for key in ("not_achieved", "pending", "no_data"):
        if context[key]:
            out += [f"**{labels[key]}**", ""] + [f"- {cell(item)}" for item in context[key]] + [""]
    if not (context["not_achieved"] or context["pending"] or context["no_data"]):
        out += [labels["all_done"], ""]
    out += [f"## {labels['unused']}", ""]
    if context["unused"]:
        head = [labels[k] for k in ("id", "period", "value", "org_unit", "reason")]
        out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for u in context["unused"]:
            values = [u["indicator"], u["period"], u["value"], u["org_unit"], u["reason"]]
            out.append("| " + " | ".join(cell(v) for v in values) + " |")
        out.append("")
    else:
        out += [labels["unused_none"], ""]
    out += [f"***{labels['recipients']}***  "]
    out += [f"{cell(item)}  " for item in context["recipients"]]
    out.append("")
    signer = context["signer"]
    if signer is not None:
        out += [f"**{cell(line)}**  " for line in signer["authority"]]
        out += ["", f"**{cell(signer['name'])}**", ""]
    return printable("\n".join(out), keep="\n")


def render(
    evaluation: Evaluation,
    format: Literal["markdown", "html"] = "html",
    *,
    language: str = "vi",
    kind: ReportKind | None = None,
    data: Dataset | None = None,
    number: str | None = None,
    date: dt.date | str | None = None,
    signer: Signer | None = None,
    recipients: Sequence[str] | None = None,
) -> str:
    r"""The report as Markdown or HTML text.

    No control character from the plan or the data reaches the text raw: each
    is shown escaped (``\x1b``).

    Args:
        evaluation: The evaluation: of the plan's year (as of a date for an
            in-year report), or of a half (``2024-H1``) with ``data``.
        format: ``"markdown"`` or ``"html"``.
        kind: ``"so-ket"`` (half-year review) or ``"tong-ket"`` (annual); by
            default from the period reported on (a half: sơ kết; a year: tổng kết).
        data: The data evaluated: needed for a half-year evaluation (the report
            judges the year as of the half's end) and for the same period last
            year (cùng kỳ); without it that column is left out.
        number: The report's number (``12/BC-UBND``); by default the plan's
            number with its kind made ``BC``, the figure left blank.
        date: The report's date (a date or text); by default the as-of date, else
            the plan's deadline for the period.
        signer: Who signs (:class:`~thidua.plans.Signer`); the plan's by default.
        recipients: The list under ``Nơi nhận:``; the plan's by default.
        language: ``"vi"`` or ``"en"``.

    Raises:
        UsageError: Unknown format (code ``usage.format``: use :func:`write`,
            :func:`to_xlsx` or :func:`to_docx` for a file), language
            (``usage.language``) or kind (``usage.report_kind``); a half-year
            evaluation without ``data`` (``report.needs_data``).
        ArgumentTypeError: ``evaluation`` is not an :class:`~thidua.evaluation.Evaluation`,
            or an option of the wrong type (``argument.type``).
        ParseError: ``date`` cannot be read.
        ExtraNotInstalledError: HTML needs Jinja2 (the ``report`` extra).

    .. versionchanged:: 0.4.0
       The options ``kind``, ``data``, ``number``, ``date``, ``signer``, ``recipients``.
    """
    if isinstance(format, str) and format in ("xlsx", "docx"):
        msg = f"format='{format}' must be 'markdown' or 'html' here: a {format} file is not text"
        raise UsageError(
            msg,
            code="usage.format",
            vi=f"ở đây chỉ chọn được định dạng 'markdown' hoặc 'html': '{format}' là một tệp, "
            "không phải văn bản",
            hint=f"write a {format} file with thidua.report.write or to_{format}",
            hint_vi=f"hãy ghi tệp {format} bằng thidua.report.write hoặc to_{format}",
        )
    check_format(format, ("markdown", "html"))
    context = _context(
        evaluation,
        language,
        kind=kind,
        data=data,
        number=number,
        date=date,
        signer=signer,
        recipients=recipients,
    )
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


#: The largest figure written as an Excel number: Excel keeps 15 significant
#: digits, so larger figures are written exactly, as text.
_LARGEST_NUMBER = Fraction(10**15)


def _float(value: Fraction) -> float | None:
    """``value`` as a float for a cell, or None when a float would not show it faithfully."""
    if abs(value) >= _LARGEST_NUMBER or (value and abs(value) < Fraction(1, 10**9)):
        return None
    return float(value)


def _decimals(value: Fraction) -> int:
    """How many decimals show ``value`` (0, 1 or 2; more are rounded to 2)."""
    for places in (0, 1):
        if (value * 10**places).denominator == 1:
            return places
    return 2


def _whole_format(value: Fraction, suffix: str = "") -> str:
    """``#,##0`` for whole numbers, ``#,##0.0`` / ``#,##0.00`` else: never a bare dot."""
    places = _decimals(value)
    return "#,##0" + ("." + "0" * places if places else "") + suffix


def percent_format(share: Fraction) -> str:
    """The Excel number format of a share stored as a fraction: ``0%``, ``0.0%``, ``0.00%``.

    >>> percent_format(Fraction(95, 100)), percent_format(Fraction(968, 1000))
    ('0%', '0.0%')

    .. versionadded:: 0.4.0
    """
    places = _decimals(share * 100)
    return "0" + ("." + "0" * places if places else "") + "%"


def _number_cell(
    value: Quantity | bool | None, language: str, units: Units
) -> tuple[Any, str | None, str]:
    """The cell value, its number format, and the unit shown beside it.

    A figure too large (or too small) for Excel's 15 digits is written as exact
    text (``10.000.000.000.000.000 tỷ đồng``), never rounded nor overflowing.
    """
    if value is None:
        return None, None, ""
    if isinstance(value, bool):
        return value_text(value, language), None, ""
    registry = units
    info = registry.get(value.unit) if value.unit else None
    if info is not None and info.dimension == "dimensionless":
        base = Fraction(registry.base(value)[0])
        share = _float(base)
        if share is not None:
            return share, percent_format(base), ""
    elif info is not None and info.dimension == "[currency]":
        base = Fraction(registry.base(value)[0])
        dong = _float(base)
        if dong is not None:
            return dong, _whole_format(base, ' "đồng"'), ""
    else:
        magnitude = _float(value.magnitude)
        if magnitude is not None:
            shown = (info.vi if language == "vi" else info.en) if info else (value.unit or "")
            return magnitude, _whole_format(value.magnitude), shown
    return value_text(value, language, units=units), None, ""


def _shown_width(value: Any, number_format: str | None) -> int:
    """How many characters a cell shows (for a column width that never shows ###)."""
    if value is None:
        return 0
    if isinstance(value, float):
        parts = (number_format or "").split('"')
        literal = sum(len(t) for t in parts[1::2])  # the quoted text: operator, unit
        code = "".join(parts[0::2])
        decimals = code.split(".")[1].count("0") if "." in code else 0
        if "%" in code:
            number = len(f"{abs(value) * 100:,.{decimals}f}") + 1
        else:
            number = len(f"{abs(value):,.{decimals}f}")
        return number + (1 if value < 0 else 0) + literal
    return max((len(line) for line in str(value).split("\n")), default=0)


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


def _xml(value: Any) -> Any:
    return safe_for_xml(value) if isinstance(value, str) else value


def _print_setup(sheet: Any, header_row: int, columns: int) -> None:
    """A4, fitted to the page width, the header row repeated, landscape when wide."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if columns > 6 else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"


def _fit_widths(sheet: Any, widest: dict[int, int], caps: dict[int, int]) -> None:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    for column, width in widest.items():
        cap = caps.get(column, 60)
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), cap)


def to_xlsx(  # noqa: PLR0915 - the workbook, sheet by sheet
    evaluation: Evaluation,
    *,
    language: str = "vi",
    kind: ReportKind | None = None,
    data: Dataset | None = None,
    number: str | None = None,
    date: dt.date | str | None = None,
    signer: Signer | None = None,
    recipients: Sequence[str] | None = None,
) -> bytes:
    r"""The report as an Excel workbook: a summary sheet, one sheet per group, the data not used.

    The summary sheet carries the form (heading, number, motto, place and date,
    title and trích yếu, the body, the counts, nơi nhận and the signing block).
    Figures are numbers with formats Excel shows right (``#,##0``, ``0.0%``:
    a percentage stored as a fraction), columns wide enough for them, and each
    sheet prints on A4, fitted to the width, its header row repeated.

    Text is written as text (never a formula), any control character shown
    escaped (``\x1b``); figures beyond Excel's 15 digits are written exactly, as text.

    Raises:
        UsageError: Unknown language (code ``usage.language``) or kind
            (``usage.report_kind``); a half-year evaluation without ``data``
            (``report.needs_data``).
        ArgumentTypeError: ``evaluation`` is not an :class:`~thidua.evaluation.Evaluation`,
            or an option of the wrong type (``argument.type``).
        ExtraNotInstalledError: openpyxl is not installed (the ``excel`` extra).

    .. versionchanged:: 0.4.0
       The form's parts, the sơ kết columns, the sheet of data not used, number
       formats, widths and print setup; the options as for :func:`render`.
    """
    openpyxl = require("openpyxl")
    styles = require("openpyxl.styles")
    context = _context(
        evaluation,
        language,
        kind=kind,
        data=data,
        number=number,
        date=date,
        signer=signer,
        recipients=recipients,
    )
    labels = context["labels"]
    bold = styles.Font(bold=True)
    wrap = styles.Alignment(wrap_text=True, vertical="top")
    workbook = openpyxl.Workbook()
    summary = workbook.active
    summary.title = labels["summary_sheet"]
    taken = {summary.title.casefold()}

    def put(sheet: Any, values: list[Any], font: Any = None) -> int:
        sheet.append([_xml(v) for v in values])
        line: int = sheet.max_row
        if font is not None:
            for c in sheet[line]:
                c.font = font
        return line

    put(summary, [context["superior"], None, None, labels["republic"]])
    put(summary, [context["issuer"], None, None, labels["motto"]], bold)
    put(summary, [context["number"], None, None, context["place_date"]])
    summary.cell(3, 4).font = styles.Font(italic=True)
    summary.cell(1, 4).font = bold
    put(summary, [])
    put(summary, [labels["report"]], styles.Font(bold=True, size=14))
    put(summary, [context["abstract"]], bold)
    put(summary, [])
    for paragraph in context["body"]:
        put(summary, [paragraph])
    put(summary, [])
    head = [labels["group"], labels["total"], *context["count_labels"], labels["share"]]
    header = put(summary, head, bold)
    for group in context["groups"]:
        line = put(summary, [f"{group['id']} — {group['name']}", group["total"], *group["counts"]])
        share = group["share_value"]
        if share is not None:
            summary.cell(line, len(head)).value = float(share)
            summary.cell(line, len(head)).number_format = percent_format(share)
        else:
            summary.cell(line, len(head)).value = "—"
    put(summary, [])
    for key in ("not_achieved", "pending", "no_data"):
        if context[key]:
            put(summary, [labels[key]], bold)
            for item in context[key]:
                put(summary, [f"- {item}"])
    put(summary, [])
    put(summary, [labels["recipients"]], styles.Font(bold=True, italic=True))
    for item in context["recipients"]:
        put(summary, [item])
    if context["signer"] is not None:
        put(summary, [])
        for line_text in context["signer"]["authority"]:
            put(summary, [None, None, None, line_text], bold)
        put(summary, [])
        put(summary, [None, None, None, context["signer"]["name"]], bold)
    summary.column_dimensions["A"].width = 60
    for letter in "BCDEFGH":
        summary.column_dimensions[letter].width = 14
    _print_setup(summary, header, len(head))
    shown = {c["key"]: c["label"] for c in context["columns"]}
    keys = [k for k in _SHEET_COLUMNS if k in shown]  # the status stays in column F
    for group in context["groups"]:
        sheet = workbook.create_sheet(_sheet_title(group["id"], taken))
        titles = []
        for key in keys:
            titles.append(shown[key])
            if key == "actual":
                titles.append(labels["unit"])
        put(sheet, titles, bold)
        widest = {i + 1: len(t) for i, t in enumerate(titles)}
        status_column = titles.index(labels["status"]) + 1
        for row in group["rows"]:
            r: Result = row["result"]
            values: list[Any] = []
            formats: list[str | None] = []
            for key in keys:
                if key == "id":
                    values.append(("  " * row["level"]) + row["id"])
                    formats.append(None)
                elif key == "indicator":
                    values.append(row["name"])
                    formats.append(None)
                elif key == "actual":
                    v, f, unit = _number_cell(row["actual_value"], language, context["units"])
                    values += [v, unit]
                    formats += [f, None]
                elif key == "target":
                    v, f, _ = _number_cell(row["target_value"], language, context["units"])
                    if v is None or f is None or r.target is None or r.target.count is not None:
                        v, f = row["target"] or None, None
                    else:  # the operator shown, the figure a number
                        f = f'"{r.target.op.symbol} "{f}'
                    values.append(v)
                    formats.append(f)
                elif key == "plan_share":
                    share = row["plan_share_value"]
                    values.append(float(share) if share is not None else None)
                    formats.append(percent_format(share) if share is not None else None)
                elif key in ("previous", "outlook"):
                    v, f, _ = _number_cell(row[f"{key}_value"], language, context["units"])
                    if key == "outlook" and v is None and row["outlook"]:
                        v = row["outlook"]
                    values.append(v)
                    formats.append(f)
                elif key == "status":
                    values.append(row["status_label"])
                    formats.append(None)
                else:
                    values.append(row["explanation"])
                    formats.append(None)
            line = put(sheet, values)
            for column, (value, number_format) in enumerate(zip(values, formats, strict=True), 1):
                cell = sheet.cell(line, column)
                if number_format:
                    cell.number_format = number_format
                widest[column] = max(widest.get(column, 0), _shown_width(value, number_format))
            fill = COLOURS[r.status].lstrip("#")
            sheet.cell(line, status_column).fill = styles.PatternFill("solid", fgColor=fill)
            sheet.cell(line, status_column).font = styles.Font(bold=True, color="FFFFFF")
            sheet.cell(line, len(values)).alignment = wrap
        _fit_widths(sheet, widest, {2: 55, len(titles): 90})
        sheet.freeze_panes = "A2"
        _print_setup(sheet, 1, len(titles))
    unused = workbook.create_sheet(_sheet_title(labels["unused_sheet"], taken))
    head = [labels[k] for k in ("id", "period", "value", "org_unit", "reason")]
    put(unused, head, bold)
    widest = {i + 1: len(t) for i, t in enumerate(head)}
    for u in context["unused"]:
        values = [u["indicator"], u["period"], u["value"], u["org_unit"], u["reason"]]
        put(unused, values)
        for column, value in enumerate(values, 1):
            widest[column] = max(widest[column], _shown_width(value, None))
    if not context["unused"]:
        put(unused, [labels["unused_none"]])
    _fit_widths(unused, widest, {5: 90})
    _print_setup(unused, 1, len(head))
    for sheet in workbook.worksheets:  # text is text: never a formula (=, +, -, @)
        for row_cells in sheet.iter_rows():
            for cell in row_cells:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


#: The columns of a group's sheet: the figures first, the status in column F.
_SHEET_COLUMNS = (
    "id",
    "indicator",
    "actual",
    "target",
    "status",
    "plan_share",
    "previous",
    "outlook",
    "explanation",
)


def to_docx(
    evaluation: Evaluation,
    *,
    language: str = "vi",
    kind: ReportKind | None = None,
    data: Dataset | None = None,
    number: str | None = None,
    date: dt.date | str | None = None,
    signer: Signer | None = None,
    recipients: Sequence[str] | None = None,
) -> bytes:
    """The report as a Word document in the form of Decree 30/2020/NĐ-CP (Appendix I).

    A4 (21 × 29.7 cm), margins 2 cm top and bottom, 3 cm left, 2 cm right;
    Times New Roman, the body at 14 pt. The heading is a two-column table
    without borders: the superior body and the issuer (bold, a short rule under
    it) with ``Số: …/BC-…`` on the left; the national name (bold, 13 pt) and
    the motto (bold, 14 pt, a rule under it) with the place and date in italics
    on the right. Then ``BÁO CÁO`` and the trích yếu (bold, centred), the body,
    the results table, the indicators needing attention, the data not used, and
    at the foot ``Nơi nhận:`` (bold italic, 12 pt; its list 11 pt) beside the
    signing block (the authority and position bold and uppercase, the name bold).

    Raises:
        UsageError: Unknown language (code ``usage.language``) or kind
            (``usage.report_kind``); a half-year evaluation without ``data``
            (``report.needs_data``).
        ArgumentTypeError: ``evaluation`` is not an :class:`~thidua.evaluation.Evaluation`,
            or an option of the wrong type (``argument.type``).
        ExtraNotInstalledError: python-docx is not installed (the ``docx`` extra).

    .. versionadded:: 0.4.0
    """
    from thidua.report_docx import build  # noqa: PLC0415

    context = _context(
        evaluation,
        language,
        kind=kind,
        data=data,
        number=number,
        date=date,
        signer=signer,
        recipients=recipients,
    )
    return build(context)


def write(
    evaluation: Evaluation,
    path: str | os.PathLike[str],
    *,
    format: ReportFormat | None = None,
    language: str = "vi",
    kind: ReportKind | None = None,
    data: Dataset | None = None,
    number: str | None = None,
    date: dt.date | str | None = None,
    signer: Signer | None = None,
    recipients: Sequence[str] | None = None,
) -> Path:
    """Write the report to ``path``; the format comes from its suffix unless given.

    The suffixes: ``.md``, ``.html`` (``.htm``), ``.xlsx`` and ``.docx``; the
    options as for :func:`render`.

    Raises:
        UsageError: The format cannot be told from the suffix, or is unknown (code
            ``usage.format``); the language is unknown (``usage.language``); the
            file cannot be written (``file.cannot_write``); as for :func:`render`.
        ArgumentTypeError: ``path`` is not a path, or ``evaluation`` not an evaluation.
        ExtraNotInstalledError: HTML needs the ``report`` extra, xlsx the ``excel``
            one, docx the ``docx`` one.

    .. versionchanged:: 0.4.0
       Word documents (``.docx``) and the options of :func:`render`.
    """
    if not isinstance(path, str | os.PathLike):
        require_type(path, (str, os.PathLike), "path", "a file path", "đường dẫn một tệp")
    target = Path(path)
    shown = printable(repr(str(target)))
    if format is None:
        chosen = {
            ".md": "markdown",
            ".html": "html",
            ".htm": "html",
            ".xlsx": "xlsx",
            ".docx": "docx",
        }.get(target.suffix.lower())
        if chosen is None:
            msg = f"cannot tell the report format of {shown}"
            raise UsageError(
                msg,
                code="usage.format",
                vi=f"không biết ghi báo cáo {shown} theo định dạng nào",
                hint="use a .md, .html, .xlsx or .docx file, or give format=",
                hint_vi="hãy đặt tên tệp có đuôi .md, .html, .xlsx hoặc .docx, hoặc ghi rõ format=",
            )
    else:
        chosen = check_format(format, REPORT_FORMATS)
    options: dict[str, Any] = {
        "language": language,
        "kind": kind,
        "data": data,
        "number": number,
        "date": date,
        "signer": signer,
        "recipients": recipients,
    }
    if chosen == "xlsx":
        content: bytes = to_xlsx(evaluation, **options)
    elif chosen == "docx":
        content = to_docx(evaluation, **options)
    else:
        content = render(evaluation, chosen, **options).encode("utf-8")  # type: ignore[arg-type]
    try:
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
