"""Rich display for notebooks: HTML tables, and charts.

Plans, indicators, evaluations and single results show in Jupyter as compact
tables (``_repr_html_``): the indicator's Vietnamese name, the actual value, the
target, the status as a coloured badge with its Vietnamese label, and the
explanation; composites show their criteria nested. All plan text is
HTML-escaped. :func:`attainment_chart` and :func:`progress_chart` draw
matplotlib figures (the ``notebook`` extra).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import html
from fractions import Fraction
from typing import TYPE_CHECKING

from thidua._extras import require
from thidua._text import printable
from thidua.errors import UsageError, check_language, require_type
from thidua.evaluation import Evaluation, Result, Status
from thidua.numbers import format_number
from thidua.plans import Indicator, Plan
from thidua.presentation import COLOURS, actual_text, target_text, walk
from thidua.units import Quantity

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from thidua.clusters import ClusterRanking, Evaluations

# COLOURS, the colour of each status, is thidua.presentation's (one palette for every face).
__all__ = [
    "COLOURS",
    "attainment_chart",
    "evaluation_html",
    "evaluations_html",
    "indicator_html",
    "plan_html",
    "progress_chart",
    "ranking_html",
    "result_html",
    "show_points",
    "status_badge",
]

_STYLE = (
    "<style>"
    ".thidua table{border-collapse:collapse;font-size:0.92em}"
    ".thidua th,.thidua td{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left;"
    "vertical-align:top}"
    ".thidua .thidua-badge{color:#fff;border-radius:4px;padding:1px 6px;white-space:nowrap;"
    "font-weight:600}"
    ".thidua .thidua-muted{color:#57606a}"
    "</style>"
)
_HEAD = {
    "vi": ("Mã", "Chỉ tiêu", "Thực hiện", "Mục tiêu", "Kết quả", "Giải thích"),
    "en": ("Id", "Indicator", "Actual", "Target", "Status", "Explanation"),
}


def _e(text: object) -> str:
    """Text for HTML: escaped, and no control character raw (the one place for this face)."""
    return html.escape(printable(str(text)), quote=True)


def _require_evaluation(evaluation: object) -> None:
    require_type(
        evaluation,
        Evaluation,
        "evaluation",
        "an Evaluation (see thidua.evaluate)",
        "một kết quả đánh giá (xem thidua.evaluate)",
    )


def status_badge(status: Status, language: str = "vi") -> str:
    """A coloured badge with the status label, as HTML.

    Raises:
        ArgumentTypeError: ``status`` is not a Status (code ``argument.type``).
        UsageError: Unknown language (code ``usage.language``).
    """
    require_type(status, Status, "status", "a Status", "một trạng thái (Status)")
    check_language(language)
    return (
        f'<span class="thidua-badge thidua-{status.value}" '
        f'style="background:{COLOURS[status]}">{_e(status.label(language))}</span>'
    )


def _result_rows(result: Result, language: str) -> str:
    rows = []
    for r, _, depth in walk(result):
        indent = f' style="padding-left:{8 + 18 * depth}px"' if depth else ""
        actual = actual_text(r, language)
        target = target_text(r.target, language)
        explanation = _e(getattr(r.explanation, language))
        if r.outlook is not None and r.outlook.explanation is not None:
            outlook = _e(getattr(r.outlook.explanation, language))
            explanation += f'<br><span class="thidua-muted">{outlook}</span>'

        rows.append(
            f'<tr class="thidua-{r.status.value}"><td{indent}>{_e(r.indicator)}</td>'
            f"<td>{_e(r.name)}</td><td>{_e(actual)}</td><td>{_e(target)}</td>"
            f"<td>{status_badge(r.status, language)}</td><td>{explanation}</td></tr>"
        )
    return "".join(rows)


def _table(body: str, language: str) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in _HEAD[language])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def result_html(result: Result, *, language: str = "vi") -> str:
    """One result (and its criteria) as an HTML table."""
    require_type(result, Result, "result", "a Result", "một kết quả của chỉ tiêu (Result)")
    check_language(language)
    return f'<div class="thidua">{_STYLE}{_table(_result_rows(result, language), language)}</div>'


def evaluation_html(evaluation: Evaluation, *, language: str = "vi") -> str:
    """An evaluation as an HTML fragment: heading, status counts, and the indicator table."""
    _require_evaluation(evaluation)
    check_language(language)
    title = f"{evaluation.plan.title} — {evaluation.period.label(language)}"
    if evaluation.as_of is not None:
        title += f" ({'đến ngày' if language == 'vi' else 'as of'} {evaluation.as_of.isoformat()})"
    counts = " ".join(f"{status_badge(s, language)} {n}" for s, n in evaluation.summary.items())
    body = "".join(_result_rows(r, language) for r in evaluation.top_results())
    return (
        f'<div class="thidua">{_STYLE}<p><strong>{_e(title)}</strong></p>'
        f"<p>{counts}</p>{_table(body, language)}</div>"
    )


def evaluations_html(evaluations: Evaluations, *, language: str = "vi") -> str:
    """Many members as an HTML matrix: one row per member, one badge per top-level indicator.

    A member whose data could not be evaluated (``errors="collect"``) has a row
    with an error badge and its error's message instead of badges.
    """
    from thidua.clusters import Evaluations  # noqa: PLC0415  (clusters imports this module)

    require_type(
        evaluations,
        Evaluations,
        "evaluations",
        "Evaluations (see thidua.evaluate_many)",
        "kết quả của nhiều đơn vị (xem thidua.evaluate_many)",
    )
    check_language(language)
    plan = evaluations.plan
    ids = [indicator.id for _, indicator in plan.top_indicators()]
    member = "Đơn vị" if language == "vi" else "Member"
    head = f"<th>{_e(member)}</th>" + "".join(f"<th>{_e(i)}</th>" for i in ids)
    rows = []
    for m in evaluations.members:
        error = evaluations.errors.get(m.id)
        if error is not None:
            rows.append(
                f'<tr class="thidua-error"><td>{_e(m.name)}</td>'
                f'<td colspan="{max(len(ids), 1)}">{_error_badge(language)} '
                f"{_e(error.message(language))}</td></tr>"
            )
            continue
        results = evaluations[m.id].results
        cells = "".join(
            f'<td title="{_e(getattr(results[i].explanation, language))}">'
            f"{status_badge(results[i].status, language)}</td>"
            for i in ids
        )
        rows.append(f"<tr><td>{_e(m.name)}</td>{cells}</tr>")
    title = f"{plan.title} — {evaluations.period.label(language)}"
    return (
        f'<div class="thidua">{_STYLE}<p><strong>{_e(title)}</strong></p>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


#: The colour of the badge of a member that could not be evaluated.
ERROR_COLOUR = "#24292f"


def _error_badge(language: str) -> str:
    label = "Lỗi số liệu" if language == "vi" else "Data error"
    return (
        f'<span class="thidua-badge thidua-error" style="background:{ERROR_COLOUR}">'
        f"{_e(label)}</span>"
    )


_RANKING_HEAD = {
    "vi": ("Hạng", "Đơn vị", "Tổng điểm", "Xếp loại", "Ghi chú"),
    "en": ("Rank", "Member", "Total", "Rating", "Notes"),
}


def ranking_html(ranking: ClusterRanking, *, language: str = "vi") -> str:
    """A cluster ranking as an HTML table: rank, member, total, rating, and the reasons.

    Members not ranked (``errors="collect"``) follow, with no rank and the reason.
    """
    from thidua.clusters import ClusterRanking  # noqa: PLC0415  (clusters imports this module)

    require_type(
        ranking,
        ClusterRanking,
        "ranking",
        "a ClusterRanking (see thidua.rank_cluster)",
        "một bảng xếp hạng cụm (xem thidua.rank_cluster)",
    )
    check_language(language)
    head = "".join(f"<th>{_e(h)}</th>" for h in _RANKING_HEAD[language])
    rows = []
    for s in ranking.standings:
        notes = [getattr(s.ranked.explanation, language)]
        notes += [getattr(r, language) for r in s.reasons]
        flag = " ★" if s.flag_candidate else ""
        rating = s.rating.vi if language == "vi" else s.rating.en
        rows.append(
            f"<tr><td>{s.rank}</td><td>{_e(s.member.name)}{flag}</td>"
            f"<td>{_e(show_points(s.total, language))}</td>"
            f"<td>{_e(s.rating.value)} ({_e(rating)})</td>"
            f"<td>{'<br>'.join(_e(n) for n in notes)}</td></tr>"
        )
    rows.extend(
        f'<tr class="thidua-error"><td>—</td><td>{_e(left_out.member.name)}</td>'
        f'<td colspan="3">{_error_badge(language)} '
        f"{_e(getattr(left_out.reason, language))}</td></tr>"
        for left_out in ranking.not_ranked
    )
    title = f"{ranking.cluster.name} — {ranking.period.label(language)}"
    flag_note = getattr(ranking.flag, language)
    return (
        f'<div class="thidua">{_STYLE}<p><strong>{_e(title)}</strong></p>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<p>{_e(flag_note)}</p></div>"
    )


def show_points(value: Fraction, language: str = "vi") -> str:
    """Points for people: ``92,5`` (vi) or ``92.5`` (en), at most four decimals."""
    return format_number(value, locale=language, max_decimals=4)


def _indicator_rows(indicator: Indicator, depth: int = 0) -> str:
    indent = f' style="padding-left:{8 + 18 * depth}px"' if depth else ""
    rule = (
        str(indicator.rule)
        if indicator.rule
        else (f"{indicator.combine.value} of criteria" if indicator.combine else "")
    )
    row = (
        f"<tr><td{indent}>{_e(indicator.id)}</td><td>{_e(indicator.name)}</td>"
        f"<td>{_e(indicator.unit or '')}</td><td><code>{_e(rule)}</code></td>"
        f'<td class="thidua-muted">{_e(indicator.text or "")}</td></tr>'
    )
    return row + "".join(_indicator_rows(c, depth + 1) for c in indicator.criteria)


_PLAN_HEAD = (
    "<thead><tr><th>Mã</th><th>Chỉ tiêu</th><th>Đơn vị</th><th>Quy tắc</th>"
    "<th>Nguyên văn</th></tr></thead>"
)


def indicator_html(indicator: Indicator) -> str:
    """An indicator (and its criteria) as an HTML table."""
    require_type(indicator, Indicator, "indicator", "an Indicator", "một chỉ tiêu (Indicator)")
    rows = _indicator_rows(indicator)
    return f'<div class="thidua">{_STYLE}<table>{_PLAN_HEAD}<tbody>{rows}</tbody></table></div>'


def plan_html(plan: Plan) -> str:
    """A plan as HTML: its heading and the table of its indicator groups."""
    require_type(
        plan, Plan, "plan", "a Plan (see thidua.load_plan)", "một kế hoạch (xem thidua.load_plan)"
    )
    meta = " · ".join(
        _e(x) for x in (plan.number, plan.issuer, str(plan.issued) if plan.issued else None) if x
    )
    parts = [f'<div class="thidua">{_STYLE}<p><strong>{_e(plan.title)}</strong><br>{meta}</p>']
    for group in plan.groups:
        rows = "".join(_indicator_rows(i) for i in group.indicators)
        parts.append(f"<p><strong>{_e(group.id)}</strong> — {_e(group.name)}</p>")
        parts.append(f"<table>{_PLAN_HEAD}<tbody>{rows}</tbody></table>")
    if plan.org_units:
        names = ", ".join(_e(u.name) for u in plan.org_units)
        parts.append(f'<p class="thidua-muted">{names}</p>')
    parts.append("</div>")
    return "".join(parts)


# ------------------------------------------------------------------ charts


def _figure(height: float) -> Figure:
    """A matplotlib Figure of its own (no pyplot, no global state)."""
    figure: Figure = require("matplotlib.figure").Figure(figsize=(9, height), layout="constrained")
    return figure


def _chart_text(text: str) -> str:
    """Text for a chart: no control character, and no ``$`` that matplotlib would read as maths."""
    return printable(text).replace("$", "\\$")


def _share(value: Fraction, limit: float = 200.0) -> float:
    """A share in percent for a chart, within ±``limit`` (no float overflow on huge figures)."""
    bound = Fraction(limit)
    return float(max(-bound, min(value, bound)))


def _label(result: Result, width: int = 42) -> str:
    name = result.name if len(result.name) <= width else result.name[: width - 1] + "…"
    return _chart_text(f"{result.indicator}  {name}")


def attainment_chart(evaluation: Evaluation, *, language: str = "vi") -> Figure:
    """A bar chart of each indicator's attainment against its target (100 %), by status colour.

    Indicators without an attainment ratio (yes/no, ``== 0``, no data) are drawn
    as faint hatched bars up to the target line, in their status colour.

    Raises:
        UsageError: Unknown language (code ``usage.language``).
        ExtraNotInstalledError: matplotlib is not installed (the ``notebook`` extra).
        ArgumentTypeError: ``evaluation`` is not an Evaluation.
    """
    _require_evaluation(evaluation)
    check_language(language)
    leaves = [
        node.result
        for top in evaluation.top_results()
        for node in walk(top)
        if not node.result.criteria
    ]
    figure = _figure(max(3.0, 0.32 * len(leaves) + 1.2))
    ax = figure.subplots()
    for position, r in enumerate(reversed(leaves)):
        colour = COLOURS[r.status]
        if r.attainment is not None:
            ax.barh(position, _share(r.attainment * 100), color=colour, height=0.6)
        else:  # no ratio (yes/no, == 0, no data): a faint hatched bar at the target line
            ax.barh(position, 100.0, color=colour, alpha=0.35, hatch="//", height=0.6)
    ax.set_yticks(range(len(leaves)), [_label(r) for r in reversed(leaves)])
    ax.axvline(100, color="#24292f", linewidth=1, linestyle="--")
    ax.set_xlabel("Mức đạt so với chỉ tiêu (%)" if language == "vi" else "Attainment (% of target)")
    ax.set_title(
        _chart_text(f"{evaluation.plan.title}\n{evaluation.period.label(language)}"), fontsize=10
    )
    ax.tick_params(axis="y", labelsize=7)
    patch = require("matplotlib.patches").Patch
    handles = [patch(color=c, label=s.label(language)) for s, c in COLOURS.items()]
    ax.legend(handles=handles, loc="lower right", fontsize=7)
    return figure


def progress_chart(evaluation: Evaluation, *, language: str = "vi") -> Figure:
    """For an in-year evaluation: each ``sum`` indicator so far against its pro-rata target.

    Bars show the share of the full target reached so far; the dashed line is
    the share of the period elapsed; dots are the projected share. Colours say
    whether each indicator is on track (green) or behind (red).

    Raises:
        UsageError: The evaluation has no outlook (it was not made ``as_of`` a date;
            code ``usage.no_outlook``), or the language is unknown.
        ExtraNotInstalledError: matplotlib is not installed (the ``notebook`` extra).
        ArgumentTypeError: ``evaluation`` is not an Evaluation.
    """
    _require_evaluation(evaluation)
    check_language(language)
    rows = []
    for top in evaluation.top_results():
        for r, _, _ in walk(top):
            o = r.outlook
            target = r.target
            if (
                o is not None
                and o.pro_rata is not None
                and isinstance(o.so_far, Quantity)
                and target is not None
                and target.quantity is not None
                and target.quantity.magnitude > 0
            ):
                full = target.quantity.magnitude
                projected = o.projected.magnitude if isinstance(o.projected, Quantity) else None
                rows.append((r, o, _share(o.so_far.magnitude / full * 100), projected, full))
    if not rows:
        msg = "the evaluation has no in-year outlook to chart"
        raise UsageError(
            msg,
            code="usage.no_outlook",
            vi="kết quả đánh giá không có dự báo trong năm để vẽ biểu đồ tiến độ",
            hint="evaluate with as_of=date before the period ends",
            hint_vi="hãy đánh giá với as_of = một ngày trước khi kỳ kết thúc",
        )
    figure = _figure(max(3.0, 0.4 * len(rows) + 1.4))
    ax = figure.subplots()
    labels = [_label(r) for r, *_ in reversed(rows)]
    shares = [share for _, _, share, _, _ in reversed(rows)]
    colours = [
        COLOURS[Status.ACHIEVED]
        if o.pace is not None and o.pace.value == "on_track"
        else COLOURS[Status.NOT_ACHIEVED]
        for _, o, *_ in reversed(rows)
    ]
    ax.barh(labels, shares, color=colours, height=0.6)
    elapsed = rows[0][1].elapsed
    if elapsed is not None:
        ax.axvline(_share(elapsed * 100), color="#24292f", linewidth=1, linestyle="--")
    ax.axvline(100, color="#57606a", linewidth=0.8)
    for y, (_, _, _, projected, full) in enumerate(reversed(rows)):
        if projected is not None:
            ax.plot(_share(projected / full * 100), y, "o", color="#24292f", markersize=4)
    line = require("matplotlib.lines").Line2D
    patch = require("matplotlib.patches").Patch
    vi = language == "vi"
    ax.legend(
        handles=[
            patch(color=COLOURS[Status.ACHIEVED], label="đúng tiến độ" if vi else "on track"),
            patch(color=COLOURS[Status.NOT_ACHIEVED], label="chậm tiến độ" if vi else "behind"),
            line(
                [],
                [],
                color="#24292f",
                linestyle="--",
                label="thời gian đã qua" if vi else "time elapsed",
            ),
            line(
                [],
                [],
                color="#24292f",
                marker="o",
                linestyle="",
                label="ước cả kỳ" if vi else "projected",
            ),
        ],
        loc="lower right",
        fontsize=7,
    )
    day = evaluation.as_of.isoformat() if evaluation.as_of else ""
    ax.set_xlabel("% chỉ tiêu cả kỳ" if language == "vi" else "% of the full target")
    ax.set_title(
        _chart_text(
            f"{evaluation.plan.title}\n"
            f"{'Tiến độ đến' if language == 'vi' else 'Progress as of'} {day}"
        ),
        fontsize=10,
    )
    ax.tick_params(axis="y", labelsize=7)
    return figure
