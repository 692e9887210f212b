"""Evaluations as JSON, a text table, Markdown or HTML.

The JSON form is versioned (the docs page "JSON output (v1)"): :func:`to_dict`
gives an object whose first key ``"schema"`` is ``"thidua/evaluation/v1"``
(``"thidua/outlook/v1"`` in the year), with ``plan``, ``period``, ``summary``
(count per status of the top-level indicators) and ``results``: one object per
top-level indicator with ``indicator``, ``name``, ``status``, ``actual``,
``target``, ``margin``, ``attainment``, ``missing``, ``explanation``
(``{"vi": …, "en": …}``), ``criteria`` (the same shape, for composites) and
more. Each value is an object: ``{"exact": "97.5", "value": 97.5, "unit":
"percent", "text": "97,5%"}`` (``exact`` a fraction such as ``"148/150"``
where there is no finite decimal form); a yes/no value is ``{"value": true,
"text": "đạt"}``. Each document's JSON Schema is :func:`thidua.schemas.schema`.

Scores (:func:`score_to_dict`, :func:`render_score`) and cluster rankings
(:func:`ranking_to_dict`, :func:`render_ranking`) have a text table and a JSON
form too (see :doc:`/scoring`). ``json_version=0`` gives the form before 0.4.0
(deprecated: it warns, and goes away in 0.5.0).

.. versionadded:: 0.1.0

.. versionchanged:: 0.4.0
   The versioned JSON (v1).
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import unicodedata
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from thidua import _json
from thidua._text import printable, safe_repr
from thidua.errors import ArgumentTypeError, UsageError, check_language, require_type
from thidua.evaluation import Evaluation, Result, Target
from thidua.numbers import format_number, to_decimal_string
from thidua.presentation import COLOURS, actual_text, canonical_value, target_text, value_text, walk
from thidua.units import Quantity, Units

if TYPE_CHECKING:
    from thidua.classification import Classified
    from thidua.clusters import ClusterRanking
    from thidua.evaluation.rollup import Rollup
    from thidua.scoring import Score

__all__ = [
    "FORMATS",
    "Format",
    "dumps_json",
    "ranking_to_dict",
    "render",
    "render_ranking",
    "render_score",
    "result_to_dict",
    "score_to_dict",
    "to_dict",
]

#: An output format name.
Format = Literal["table", "json", "markdown", "html"]
#: The output formats, in the order the command line lists them.
FORMATS: tuple[Format, ...] = ("table", "json", "markdown", "html")


#: What JSON text may not carry raw: C1 controls, DEL, bidirectional controls,
#: line separators and lone surrogates (``json`` escapes C0 itself).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def dumps_json(value: Any) -> str:
    r"""``value`` as JSON text (indented, UTF-8 letters kept), ending with a newline.

    No control character, bidirectional control or lone surrogate is written
    raw: each is a JSON escape (``\u001b``), so the text is safe on a terminal
    and in a UTF-8 file and reads back to the same data.

    .. versionadded:: 0.2.0
    """
    try:
        text = json.dumps(value, ensure_ascii=False, indent=2)
    except (TypeError, ValueError, RecursionError) as exc:  # not JSON data, or a huge int
        reason = safe_repr(str(exc), limit=80)
        msg = f"the value cannot be written as JSON: {reason}"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"giá trị này không ghi được thành JSON: {reason}",
            hint="give dicts, lists, text, numbers, true/false and null",
            hint_vi="hãy đưa vào dict, list, chữ, số, true/false và null",
        ) from None
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text) + "\n"


def _quiet() -> contextlib.AbstractContextManager[None]:
    """No second deprecation warning from the builder a writer calls (it warned once)."""
    return _json.silenced()


def check_format(format: object, formats: Sequence[str]) -> str:
    """``format`` if it is one of ``formats``.

    Raises:
        UsageError: Any other value (code ``usage.format``).
    """
    if isinstance(format, str) and format in formats:
        return format
    shown = safe_repr(format, limit=60)
    listed = ", ".join(formats)
    msg = f"format={shown} must be one of {listed}"
    raise UsageError(
        msg,
        code="usage.format",
        vi=f"định dạng {shown} không được hỗ trợ: chọn một trong {listed}",
    )


def result_to_dict(
    result: Result, *, language: str = "vi", json_version: int = 1
) -> dict[str, Any]:
    """One result as a JSON-ready dict (criteria nested), in the v1 form of :doc:`/json`.

    Args:
        result: The result.
        language: The language of the values' ``text`` (``vi`` or ``en``).
        json_version: 1 (the default); 0 for the form before 0.4.0 (deprecated:
            warns, goes away in 0.5.0).

    Raises:
        ArgumentTypeError: ``result`` is not a Result.
        UsageError: Unknown language (``usage.language``) or json_version
            (``usage.json_version``).

    .. versionchanged:: 0.4.0
       The v1 form (value objects) and the arguments ``language`` and ``json_version``.
    """
    require_type(result, Result, "result", "a Result", "một Result (kết quả của một chỉ tiêu)")
    language = check_language(language)
    if _json.check_version(json_version) == 0:
        return _legacy_result(result)
    return _result_v1(result, language, None)


def _target_v1(target: Target | None, language: str, units: Units | None) -> dict[str, Any] | None:
    if target is None:
        return None
    return {
        "op": target.op.value,
        "threshold": _json.value(target.quantity, language, units=units),
        "bounds": None
        if target.bounds is None
        else [_json.value(b, language, units=units) for b in target.bounds],
        "expected": _json.yes_no(target.expected, language),
        "count": target.count,
        "reference": _json.value(target.reference, language, units=units),
        "text": target_text(target, language, units=units),
    }


def _explained(explanation: Any) -> dict[str, str] | None:
    return None if explanation is None else {"vi": explanation.vi, "en": explanation.en}


def _result_v1(result: Result, language: str, units: Units | None) -> dict[str, Any]:
    a = result.assessment
    v = _json.value

    def actual_of(value: Quantity | bool | None, text: str | None = None) -> Any:
        return _json.any_value(value, language, units=units, text=text)

    counted = bool(result.org_units) and isinstance(a.actual, Quantity)
    out: dict[str, Any] = {
        "indicator": result.indicator,
        "name": result.name,
        "status": result.status.value,
        "status_text": result.status.label(language),
        "rule": None if result.rule is None else str(result.rule),
        "actual": actual_of(a.actual, actual_text(result, language) if counted else None),
        "target": _target_v1(a.target, language, units),
        "margin": actual_of(a.margin),
        "exceeded": a.exceeded,
        "attainment": v(a.attainment, language),
        "numerator": None if a.ratio is None else v(a.ratio.numerator, language),
        "denominator": None if a.ratio is None else v(a.ratio.denominator, language),
        "previous": v(a.previous, language, units=units),
        "assigned": v(a.assigned, language, units=units),
        "missing": list(a.missing),
        "explanation": _explained(result.explanation),
        "criteria": [_result_v1(c, language, units) for c in result.criteria],
        "org_units": [
            {
                "org_unit": u.org_unit,
                "name": u.name,
                "status": u.status.value,
                "status_text": u.status.label(language),
                "actual": actual_of(u.actual),
            }
            for u in result.org_units
        ],
        "rollup": None,
        "sources": [str(o.source) for o in result.observations if o.source is not None],
    }
    if result.rollup is not None:
        out["rollup"] = _rollup(result.rollup)
    if result.outlook is not None:
        o = result.outlook
        out["outlook"] = None if o.pace is None else o.pace.value
        out["projection"] = {
            "value": actual_of(o.projected),
            "status": o.projected_status.value,
            "status_text": o.projected_status.label(language),
            "method": o.method,
            "so_far": actual_of(o.so_far),
            "through": None if o.through is None else o.through.isoformat(),
            "elapsed": v(o.elapsed, language),
            "pro_rata_target": actual_of(o.pro_rata),
            "explanation": _explained(o.explanation),
        }
    return out


def _rollup(rollup: Rollup) -> dict[str, Any]:
    """A roll-up over time as JSON (the same in every version): how, over what, its gaps."""
    return {
        "aggregation": rollup.aggregation.value,
        "periods": [str(p) for p in rollup.periods],
        "gaps": [str(p) for p in rollup.gaps],
        "through": None if rollup.through is None else rollup.through.isoformat(),
    }


def _legacy_result(result: Result) -> dict[str, Any]:
    """One result in the form before 0.4.0 (``json_version=0``)."""
    a = result.assessment
    out: dict[str, Any] = {
        "indicator": result.indicator,
        "name": result.name,
        "status": result.status.value,
        "rule": None if result.rule is None else str(result.rule),
        "actual": canonical_value(a.actual),
        "target": None if a.target is None else str(a.target),
        "margin": canonical_value(a.margin),
        "exceeded": a.exceeded,
        "attainment": None if a.attainment is None else to_decimal_string(a.attainment),
        "explanation": {"vi": result.explanation.vi, "en": result.explanation.en},
        "criteria": [_legacy_result(c) for c in result.criteria],
    }
    if a.ratio is not None:
        out["numerator"] = to_decimal_string(a.ratio.numerator)
        out["denominator"] = to_decimal_string(a.ratio.denominator)
    if a.previous is not None:
        out["previous"] = str(a.previous)
    if a.assigned is not None:
        out["assigned"] = str(a.assigned)
    if a.missing:
        out["missing"] = list(a.missing)
    if result.org_units:
        out["org_units"] = [
            {
                "org_unit": u.org_unit,
                "name": u.name,
                "status": u.status.value,
                "actual": canonical_value(u.actual),
            }
            for u in result.org_units
        ]
    if result.rollup is not None:
        out["rollup"] = _rollup(result.rollup)
    if result.outlook is not None:
        o = result.outlook
        out["outlook"] = None if o.pace is None else o.pace.value
        out["projection"] = {
            "value": canonical_value(o.projected),
            "status": o.projected_status.value,
            "method": o.method,
            "so_far": canonical_value(o.so_far),
            "through": None if o.through is None else o.through.isoformat(),
            "elapsed": None if o.elapsed is None else to_decimal_string(o.elapsed),
            "pro_rata_target": canonical_value(o.pro_rata),
            "explanation": None
            if o.explanation is None
            else {"vi": o.explanation.vi, "en": o.explanation.en},
        }
    out["sources"] = [str(o.source) for o in result.observations if o.source is not None]
    return out


def to_dict(
    evaluation: Evaluation, *, language: str = "vi", json_version: int = 1
) -> dict[str, Any]:
    """The evaluation as a JSON-ready dict: the v1 form of :doc:`/json`.

    Its ``"schema"`` is ``thidua/evaluation/v1``, or ``thidua/outlook/v1`` for an
    evaluation in the year (``as_of``, each leaf with its outlook).

    Args:
        evaluation: The evaluation.
        language: The language of the values' ``text`` (``vi`` or ``en``).
        json_version: 1 (the default); 0 for the form before 0.4.0 (deprecated:
            warns, goes away in 0.5.0).

    Raises:
        ArgumentTypeError: ``evaluation`` is not an Evaluation.
        UsageError: Unknown language (``usage.language``) or json_version
            (``usage.json_version``).

    .. versionadded:: 0.1.0

    .. versionchanged:: 0.4.0
       The v1 form and the arguments ``language`` and ``json_version``.
    """
    require_type(evaluation, Evaluation, "evaluation", "an Evaluation", "một Evaluation")
    language = check_language(language)
    if _json.check_version(json_version) == 0:
        return _legacy_dict(evaluation)
    units = evaluation.plan.unit_registry()
    kind = "evaluation" if evaluation.as_of is None else "outlook"
    return _json.tagged(
        kind,
        {
            "language": language,
            "plan": evaluation.plan.id,
            "title": evaluation.plan.title,
            "period": str(evaluation.period),
            "period_text": evaluation.period.label(language),
            "as_of": None if evaluation.as_of is None else evaluation.as_of.isoformat(),
            "summary": {s.value: n for s, n in evaluation.summary.items()},
            "results": [_result_v1(r, language, units) for r in evaluation.top_results()],
            "unused": _unused(evaluation),
        },
    )


def _unused(evaluation: Evaluation) -> list[dict[str, Any]]:
    return [
        {
            "indicator": u.observation.indicator,
            "period": str(u.observation.period),
            "org_unit": u.observation.org_unit,
            "kind": u.observation.kind.value,
            "source": None if u.observation.source is None else str(u.observation.source),
            "reason": u.reason,
        }
        for u in evaluation.unused
    ]


def _legacy_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The evaluation in the form before 0.4.0 (``json_version=0``)."""
    return {
        "plan": evaluation.plan.id,
        "title": evaluation.plan.title,
        "period": str(evaluation.period),
        "as_of": None if evaluation.as_of is None else evaluation.as_of.isoformat(),
        "summary": {s.value: n for s, n in evaluation.summary.items()},
        "results": [_legacy_result(r) for r in evaluation.top_results()],
        "unused": _unused(evaluation),
    }


def _outlook_cell(result: Result, language: str) -> str:
    o = result.outlook
    if o is None:
        return ""
    pace = {"on_track": ("đúng tiến độ", "on track"), "behind": ("chậm tiến độ", "behind")}
    shown = pace[o.pace.value][language == "en"] if o.pace else "—"
    projected = "" if o.projected is None else f", ước {value_text(o.projected, language)}"
    if language == "en":
        projected = (
            "" if o.projected is None else f", projected {value_text(o.projected, language)}"
        )
    return f"{shown}{projected} → {o.projected_status.label(language)}"


def _rows(evaluation: Evaluation, language: str) -> list[tuple[str, ...]]:
    return [
        (
            "  " * node.level + node.result.indicator,
            node.result.name,
            actual_text(node.result, language),
            target_text(node.result.target, language),
            node.result.status.label(language),
            getattr(node.result.explanation, language),
            _outlook_cell(node.result, language),
        )
        for top in evaluation.top_results()
        for node in walk(top)
    ]


def _width(text: str) -> int:
    return sum(1 for ch in unicodedata.normalize("NFC", text) if not unicodedata.combining(ch))


def _summary_line(evaluation: Evaluation, language: str) -> str:
    return ", ".join(f"{s.label(language)}: {n}" for s, n in evaluation.summary.items())


_HEADERS = {
    "vi": ("Mã", "Chỉ tiêu", "Thực hiện", "Mục tiêu", "Kết quả", "Giải thích", "Tiến độ"),
    "en": ("Id", "Indicator", "Actual", "Target", "Status", "Explanation", "Outlook"),
}


def _in_year(evaluation: Evaluation) -> bool:
    return any(r.outlook is not None for r in evaluation.results.values())


def _title(evaluation: Evaluation, language: str) -> str:
    title = f"{evaluation.plan.title} — {evaluation.period.label(language)}"
    if evaluation.as_of is not None:
        day = evaluation.as_of
        title += (
            f" (đến ngày {day.day:02d}/{day.month:02d}/{day.year})"
            if language == "vi"
            else f" (as of {day.isoformat()})"
        )
    return title


def _columns(evaluation: Evaluation, language: str, *, explanation: bool) -> list[int]:
    """Which of the row's cells to show: the explanation, and the outlook in-year."""
    columns = [0, 1, 2, 3, 4]
    if explanation:
        columns.append(5)
    if _in_year(evaluation):
        columns.append(6)
    return columns


def _table(evaluation: Evaluation, language: str) -> str:
    columns = _columns(evaluation, language, explanation=False)
    header = tuple(_HEADERS[language][i] for i in columns)
    rows = []
    for row in _rows(evaluation, language):
        cells = [row[i] for i in columns]
        cells[1] = cells[1] if _width(cells[1]) <= 48 else cells[1][:47] + "…"
        rows.append(tuple(cells))
    out = [_title(evaluation, language), "", *_grid(header, rows)]
    out += ["", _summary_line(evaluation, language)]
    return _lines(out)


def _lines(lines: Sequence[str]) -> str:
    """The lines of a text face as one text: no raw control character from input."""
    return printable("\n".join(lines) + "\n", keep="\n")


def _grid(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    """Lines of a plain-text table with aligned columns (diacritics counted once).

    Cells are shown escaped (:func:`thidua._text.printable`) before the columns
    are measured: a control character in a name can neither move the cursor nor
    break the alignment, and a line break in a cell stays in its row.
    """
    header = tuple(printable(c) for c in header)
    rows = [tuple(printable(c) for c in r) for r in rows]
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    return [line(header), line(tuple("-" * w for w in widths)), *(line(r) for r in rows)]


def _markdown(evaluation: Evaluation, language: str) -> str:
    def cell(text: str) -> str:
        escaped = text.replace("&", "&amp;").replace("<", "&lt;")
        return escaped.replace("|", "\\|").replace("\n", " ")

    columns = _columns(evaluation, language, explanation=True)
    head = [_HEADERS[language][i] for i in columns]
    out = [f"# {cell(_title(evaluation, language))}", ""]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    for row in _rows(evaluation, language):
        cells = [row[i] for i in columns]
        depth = (len(cells[0]) - len(cells[0].lstrip())) // 2
        first = "&nbsp;&nbsp;" * depth + cell(cells[0].strip())
        out.append("| " + " | ".join([first, *(cell(c) for c in cells[1:])]) + " |")
    out += ["", _summary_line(evaluation, language), ""]
    return printable("\n".join(out), keep="\n")


def _html(evaluation: Evaluation, language: str) -> str:
    esc = html.escape
    columns = _columns(evaluation, language, explanation=True)
    title = _title(evaluation, language)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(language)}"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title></head><body>",
        f"<h1>{esc(title)}</h1>",
        "<table>",
        "<thead><tr>"
        + "".join(f"<th>{esc(_HEADERS[language][i])}</th>" for i in columns)
        + "</tr></thead><tbody>",
    ]
    statuses = [node.result.status for top in evaluation.top_results() for node in walk(top)]
    for row, status in zip(_rows(evaluation, language), statuses, strict=True):
        cells = [esc(row[i].strip()) for i in columns]
        cells[4] = f'<span style="color:{COLOURS[status]};font-weight:bold">{cells[4]}</span>'
        parts.append(
            f'<tr class="{status.value}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
        )
    parts += [
        "</tbody></table>",
        f"<p>{esc(_summary_line(evaluation, language))}</p>",
        "</body></html>",
        "",
    ]
    return printable("\n".join(parts), keep="\n")


def render(
    evaluation: Evaluation, format: Format = "table", *, language: str = "vi", json_version: int = 1
) -> str:
    r"""Render an evaluation as ``table``, ``json``, ``markdown`` or ``html`` text.

    Every face is safe to print: a control character from the plan or the data
    is shown escaped (``\x1b``), never written raw (JSON writes it as a JSON
    escape, which reads back to the same text).

    JSON is the v1 form of :doc:`/json` (``json_version=0``: the form before
    0.4.0, deprecated); its values' ``text`` is in ``language``.

    Raises:
        UsageError: Unknown format (code ``usage.format``), language
            (``usage.language``) or json_version (``usage.json_version``).
        ArgumentTypeError: ``evaluation`` is not an :class:`~thidua.evaluation.Evaluation`.

    .. versionadded:: 0.1.0

    .. versionchanged:: 0.4.0
       JSON in the v1 form; the argument ``json_version``.
    """
    require_evaluation(evaluation)
    language = check_language(language)
    format = check_format(format, FORMATS)  # type: ignore[assignment]
    if format == "json":
        version = _json.check_version(json_version)
        with _quiet():
            return dumps_json(to_dict(evaluation, language=language, json_version=version))
    if format == "table":
        return _table(evaluation, language)
    if format == "markdown":
        return _markdown(evaluation, language)
    return _html(evaluation, language)


def require_evaluation(evaluation: object) -> None:
    require_type(
        evaluation,
        Evaluation,
        "evaluation",
        "an Evaluation (see thidua.evaluate)",
        "một kết quả đánh giá (xem thidua.evaluate)",
    )


# ---------------------------------------------------------------- scores and rankings


def _check_score(score: object, classified: object) -> None:
    from thidua.classification import Classified  # noqa: PLC0415  (scoring loads when used)
    from thidua.scoring import Score  # noqa: PLC0415

    require_type(
        score, Score, "score", "a Score (see scoring.score)", "một Score (xem scoring.score)"
    )
    if classified is not None:
        require_type(classified, Classified, "classified", "a Classified", "một Classified")


def score_to_dict(
    score: Score,
    classified: Classified | None = None,
    *,
    plan: str | None = None,
    language: str = "vi",
    json_version: int = 1,
) -> dict[str, Any]:
    """A score (and its rating) as a JSON-ready dict: ``thidua/score/v1`` (:doc:`/json`).

    Points are value objects (bare numbers); ``json_version=0`` gives the form
    before 0.4.0 (numbers as exact decimal text; deprecated).

    Raises:
        ArgumentTypeError: ``score`` is not a Score, or ``classified`` not a Classified.
        UsageError: Unknown language (``usage.language``) or json_version
            (``usage.json_version``).

    .. versionchanged:: 0.4.0
       The v1 form and the arguments ``language`` and ``json_version``.
    """
    _check_score(score, classified)
    language = check_language(language)
    if _json.check_version(json_version) == 0:
        return _legacy_score(score, classified, plan)

    def n(value: Fraction) -> dict[str, Any] | None:
        return _json.value(value, language)

    out: dict[str, Any] = {
        "language": language,
        "plan": plan,
        "scheme": score.scheme,
        "maximum": n(score.maximum),
        "earned": n(score.earned),
        "bonus": n(score.bonus),
        "deduction": n(score.deduction),
        "total": n(score.total),
        "lines": [
            {
                "indicator": line.indicator,
                "name": line.name,
                "status": line.status.value,
                "status_text": line.status.label(language),
                "rule": line.rule,
                "credit": line.credit.value,
                "possible": n(line.possible),
                "awarded": n(line.awarded),
                "exceeded": line.exceeded,
                "reason": _explained(line.reason),
            }
            for line in score.lines
        ],
        "rating": None,
        "by_score": None,
        "reasons": [],
    }
    if classified is not None:
        out["rating"] = _rating(classified.rating, language)
        out["by_score"] = _rating(classified.by_score, language)
        out["reasons"] = [_explained(r) for r in classified.reasons]
    return _json.tagged("score", out)


def _rating(rating: Any, language: str) -> dict[str, str]:
    """A rating as ``{"value": "HTXSNV", "text": "Hoàn thành xuất sắc nhiệm vụ"}``."""
    return {"value": rating.value, "text": rating.vi if language == "vi" else rating.en}


def _legacy_score(score: Score, classified: Classified | None, plan: str | None) -> dict[str, Any]:
    """A score in the form before 0.4.0 (``json_version=0``)."""
    out: dict[str, Any] = {
        "plan": plan,
        "scheme": score.scheme,
        "maximum": to_decimal_string(score.maximum),
        "earned": to_decimal_string(score.earned),
        "bonus": to_decimal_string(score.bonus),
        "deduction": to_decimal_string(score.deduction),
        "total": to_decimal_string(score.total),
        "lines": [
            {
                "indicator": line.indicator,
                "name": line.name,
                "status": line.status.value,
                "rule": line.rule,
                "credit": line.credit.value,
                "possible": to_decimal_string(line.possible),
                "awarded": to_decimal_string(line.awarded),
                "exceeded": line.exceeded,
                "reason": {"vi": line.reason.vi, "en": line.reason.en},
            }
            for line in score.lines
        ],
    }
    if classified is not None:
        out["rating"] = classified.rating.value
        out["by_score"] = classified.by_score.value
        out["reasons"] = [{"vi": r.vi, "en": r.en} for r in classified.reasons]
    return out


def render_score(
    score: Score,
    classified: Classified | None = None,
    format: Literal["table", "json"] = "table",
    *,
    title: str = "",
    language: str = "vi",
    plan: str | None = None,
    json_version: int = 1,
) -> str:
    """A score as a plain-text table (one line per indicator, then the totals) or JSON.

    JSON is :func:`score_to_dict`'s (``plan`` its plan id).

    Raises:
        UsageError: Unknown format (code ``usage.format``), language
            (``usage.language``) or json_version (``usage.json_version``).

    .. versionchanged:: 0.4.0
       JSON in the v1 form; the arguments ``plan`` and ``json_version``.
    """
    language = check_language(language)
    _check_score(score, classified)
    if check_format(format, ("table", "json")) == "json":
        version = _json.check_version(json_version)
        with _quiet():
            doc = score_to_dict(
                score, classified, plan=plan, language=language, json_version=version
            )
        return dumps_json(doc)
    vi = language == "vi"
    header = (
        ("Mã", "Kết quả", "Điểm tối đa", "Điểm đạt", "Cách tính")
        if vi
        else ("Id", "Status", "Possible", "Awarded", "How")
    )
    rows = [
        (
            line.indicator,
            line.status.label(language),
            format_number(line.possible, locale=language, max_decimals=4),
            format_number(line.awarded, locale=language, max_decimals=4),
            getattr(line.reason, language),
        )
        for line in score.lines
    ]

    def n(value: Fraction) -> str:
        return format_number(value, locale=language, max_decimals=4)

    out = [title, ""] if title else []
    out += _grid(header, rows)
    out += [
        "",
        (
            f"Điểm chỉ tiêu: {n(score.earned)}; điểm thưởng: {n(score.bonus)}; "
            f"điểm trừ: {n(score.deduction)}; tổng: {n(score.total)}/{n(score.maximum)}"
            if vi
            else f"Indicators: {n(score.earned)}; bonus: {n(score.bonus)}; "
            f"deduction: {n(score.deduction)}; total: {n(score.total)}/{n(score.maximum)}"
        ),
    ]
    if classified is not None:
        rating = classified.rating
        out.append(
            f"Xếp loại: {rating.value} ({rating.vi})"
            if vi
            else f"Rating: {rating.value} ({rating.en})"
        )
        out += [f"  - {getattr(r, language)}" for r in classified.reasons]
    return _lines(out)


def ranking_to_dict(
    ranking: ClusterRanking, *, language: str = "vi", json_version: int = 1
) -> dict[str, Any]:
    """A cluster ranking as a JSON-ready dict: ``thidua/ranking/v1`` (:doc:`/json`).

    ``json_version=0`` gives the form before 0.4.0, that of
    :meth:`thidua.clusters.ClusterRanking.to_dict` (deprecated here).

    Raises:
        ArgumentTypeError: ``ranking`` is not a ClusterRanking.
        UsageError: Unknown language (``usage.language``) or json_version
            (``usage.json_version``).

    .. versionadded:: 0.4.0
    """
    from thidua.clusters import ClusterRanking  # noqa: PLC0415  (clusters load when used)

    require_type(ranking, ClusterRanking, "ranking", "a ClusterRanking", "một ClusterRanking")
    language = check_language(language)
    if _json.check_version(json_version) == 0:
        return ranking.to_dict()

    def n(value: Fraction) -> dict[str, Any] | None:
        return _json.value(value, language)

    candidate = ranking.flag_candidate
    return _json.tagged(
        "ranking",
        {
            "language": language,
            "cluster": ranking.cluster.id,
            "name": ranking.cluster.name,
            "period": str(ranking.period),
            "period_text": ranking.period.label(language),
            "scheme": ranking.cluster.scheme.id,
            "classification": ranking.cluster.classification.id,
            "quota": {"eligible": ranking.quota.eligible, "allowed_htxsnv": ranking.quota.allowed},
            "flag": {
                "candidate": candidate.member.id if candidate else None,
                "explanation": _explained(ranking.flag),
            },
            "standings": [
                {
                    "rank": s.rank,
                    "member": s.member.id,
                    "name": s.member.name,
                    "total": n(s.total),
                    "earned": n(s.score.earned),
                    "bonus": n(s.score.bonus),
                    "deduction": n(s.score.deduction),
                    "placed": s.ranked.placed.value,
                    "tied_with": list(s.ranked.tied_with),
                    "placement": _explained(s.ranked.explanation),
                    "rating": _rating(s.rating, language),
                    "by_score": _rating(s.classified.by_score, language),
                    "reasons": [_explained(r) for r in s.reasons],
                    "flag_candidate": s.flag_candidate,
                }
                for s in ranking.standings
            ],
            "not_ranked": [
                {
                    "member": m.member.id,
                    "name": m.member.name,
                    "reason": _explained(m.reason),
                    "error": m.error.as_dict(),
                }
                for m in ranking.not_ranked
            ],
        },
    )


def render_ranking(
    ranking: ClusterRanking,
    format: Literal["table", "json"] = "table",
    *,
    language: str = "vi",
    json_version: int = 1,
) -> str:
    """A cluster ranking as a plain-text table or JSON (see :doc:`/scoring`).

    Members not ranked (``rank_cluster(..., errors="collect")``) follow the
    table, each with the reason; in JSON (:func:`ranking_to_dict`) they are
    ``not_ranked``.

    Raises:
        UsageError: Unknown format (code ``usage.format``), language
            (``usage.language``) or json_version (``usage.json_version``).
        ArgumentTypeError: ``ranking`` is not a ClusterRanking.

    .. versionchanged:: 0.4.0
       JSON in the v1 form; the argument ``json_version``.
    """
    from thidua.clusters import ClusterRanking  # noqa: PLC0415  (clusters load when used)

    require_type(ranking, ClusterRanking, "ranking", "a ClusterRanking", "một ClusterRanking")
    language = check_language(language)
    if check_format(format, ("table", "json")) == "json":
        version = _json.check_version(json_version)
        with _quiet():
            doc = ranking_to_dict(ranking, language=language, json_version=version)
        return dumps_json(doc)
    vi = language == "vi"
    header = (
        ("Hạng", "Mã", "Đơn vị", "Tổng điểm", "Theo điểm", "Xếp loại", "Ghi chú")
        if vi
        else ("Rank", "Id", "Member", "Total", "By score", "Rating", "Notes")
    )
    rows = []
    for s in ranking.standings:
        notes = [getattr(r, language) for r in s.reasons]
        if s.ranked.placed.value != "total":
            notes.insert(0, getattr(s.ranked.explanation, language))
        rows.append(
            (
                str(s.rank),
                s.member.id,
                s.member.name + (" ★" if s.flag_candidate else ""),
                format_number(s.total, locale=language, max_decimals=4),
                s.classified.by_score.value,
                s.rating.value,
                " | ".join(notes),
            )
        )
    quota = ranking.quota
    out = [f"{ranking.cluster.name} — {ranking.period.label(language)}", "", *_grid(header, rows)]
    out += [
        "",
        (
            f"Tỷ lệ HTXSNV: tối đa {quota.allowed} trên {quota.eligible} đơn vị HTTNV trở lên"
            if vi
            else f"HTXSNV quota: at most {quota.allowed} of {quota.eligible} rated HTTNV or better"
        ),
        getattr(ranking.flag, language),
    ]
    if ranking.not_ranked:
        out += [
            "",
            "Không xếp hạng (số liệu có lỗi):" if vi else "Not ranked (data with errors):",
            *(
                f"  - {n.member.id} {n.member.name}: {getattr(n.reason, language)}"
                for n in ranking.not_ranked
            ),
        ]
    return _lines(out)
