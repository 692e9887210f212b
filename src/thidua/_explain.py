"""One-sentence explanations of results, in Vietnamese and English.

"Số hộ nghèo: 42 hộ ≤ 43 hộ (năm trước 45 hộ − 2 hộ) — Đạt"
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from thidua.numbers import format_number
from thidua.rules import Comparison, Previous, Range, Rule
from thidua.units import Quantity, Units, default_units

if TYPE_CHECKING:
    from thidua.evaluation.outcomes import Assessment, OrgUnitResult, Outlook, Status, Target
    from thidua.evaluation.results import Result
    from thidua.evaluation.rollup import Rollup
    from thidua.periods import Period
    from thidua.plans import Indicator, OrgUnit

Pair = tuple[str, str]


_MONEY_STEPS = ((10**9, "billion_VND"), (10**6, "million_VND"))


def _readable(q: Quantity, units: Units) -> Quantity:
    """Money in the largest of tỷ / triệu đồng that keeps the figure at 1 or more."""
    info = units.get(q.unit) if q.unit else None
    if info is None or info.dimension != "[currency]" or q.unit not in ("VND", "thousand_VND"):
        return q
    base = q.magnitude * info.factor
    for step, name in _MONEY_STEPS:
        if abs(base) >= step and name in units:
            return units.convert(q, name)
    return q


def show(q: Quantity, language: str, units: Units | None = None) -> str:
    """``42 hộ``, ``97,5%``, ``3,2 tỷ đồng``; English ``42 households``, ``97.5%``."""
    q = _readable(q, units or default_units())
    number = format_number(q.magnitude, locale=language)
    if q.unit is None or q.unit == "dimensionless":
        if q.unit == "dimensionless":
            return format_number(q.magnitude * 100, locale=language) + "%"
        return number
    info = (units or default_units()).get(q.unit)
    if info is None:
        return f"{number} {q.unit}"
    if info.name == "percent":
        return f"{number}%"
    name = info.vi if language == "vi" else info.en if q.magnitude == 1 else info.en_plural
    return f"{number} {name}" if name else number


def _signed(q: Quantity, language: str, units: Units) -> str:
    sign = "−" if q.magnitude < 0 else "+"
    return f"{sign} {show(Quantity(abs(q.magnitude), q.unit), language, units)}"


def _is_rate(unit: str | None, units: Units) -> bool:
    """Whether figures in ``unit`` are rates (%, a share of one): offsets are then points."""
    info = units.get(unit) if unit else None
    return info is not None and info.dimension == "dimensionless"


def _points(q: Quantity, language: str) -> str:
    """``− 1 điểm phần trăm`` / ``− 1 percentage point``: an offset in % on a rate."""
    sign = "−" if q.magnitude < 0 else "+"
    magnitude = abs(q.magnitude)
    number = format_number(magnitude, locale=language)
    if language == "vi":
        return f"{sign} {number} điểm phần trăm"
    return f"{sign} {number} percentage point{'' if magnitude == 1 else 's'}"


def clip_note(target: Target | None, language: str, units: Units) -> str:
    """`` (giới hạn dưới của tỷ lệ)``: a threshold clipped to the indicator's bound, if so."""
    clipped = target.clipped if target is not None else None
    if clipped is None or target is None:
        return ""
    unit = target.quantity.unit if target.quantity is not None else None
    low = clipped != "maximum"
    if language == "vi":
        side = "giới hạn dưới" if low else "giới hạn trên"
        what = "tỷ lệ" if _is_rate(unit, units) else "số đếm" if clipped == "count" else "chỉ tiêu"
        return f" ({side} của {what})"
    side = "the lower bound" if low else "the upper bound"
    what = (
        "a rate" if _is_rate(unit, units) else "a count" if clipped == "count" else "the indicator"
    )
    return f" ({side} of {what})"


def unsure(name: str, a: Assessment, units: Units, basis: Pair = ("", "")) -> Pair:
    """Why a rule was not judged: its threshold lies beyond 0–100 % and no bound is declared."""
    assert isinstance(a.actual, Quantity)  # noqa: S101 - judged only with a figure
    assert a.target is not None  # noqa: S101
    assert a.target.quantity is not None  # noqa: S101
    op = a.target.op.symbol
    out = []
    for language, extra in zip(("vi", "en"), basis, strict=True):
        actual, mark = show(a.actual, language, units), show(a.target.quantity, language, units)
        if language == "vi":
            out.append(
                f"{name}: thực hiện {actual}, mốc {op} {mark}{extra} nằm ngoài khoảng 0–100%"
                " mà chỉ tiêu không khai báo giới hạn: chưa xét được (hãy khai báo minimum,"
                ' maximum của chỉ tiêu, ví dụ minimum = "0 %", maximum = "100 %")'
            )
        else:
            out.append(
                f"{name}: actual {actual}, threshold {op} {mark}{extra} lies outside 0–100 %"
                " and the indicator declares no bounds: not judged (declare its minimum and"
                ' maximum, e.g. minimum = "0 %", maximum = "100 %")'
            )
    return out[0], out[1]


def _basis(rule: Comparison | Range, a: Assessment, language: str, units: Units) -> str:
    if isinstance(rule, Range):
        low, high = a.target.bounds if a.target and a.target.bounds else (rule.low, rule.high)
        word = "khoảng" if language == "vi" else "range"
        return f" ({word} {show(low, language, units)} – {show(high, language, units)})"
    operand = rule.operand
    if isinstance(operand, Quantity):
        return ""
    reference = a.target.reference if a.target else None
    if reference is None:
        return ""
    if isinstance(operand, Previous):
        year = operand.year
        word = (
            ("năm trước" if year is None else f"năm {year}")
            if language == "vi"
            else ("previous year" if year is None else f"year {year}")
        )
    else:
        word = "chỉ tiêu giao" if language == "vi" else "assigned"
    text = f"{word} {show(reference, language, units)}"
    offset = operand.offset if isinstance(operand, Previous) else None
    factor = operand.factor
    change = operand.change if isinstance(operand, Previous) else None
    rate = _is_rate(reference.unit, units)
    if change is not None:  # resolved as the core resolves it: points on a rate
        if rate:
            offset = change
        else:
            factor = Quantity(100 + change.magnitude, "percent")
    if offset is not None:
        if rate and offset.unit == "percent":
            text += " " + _points(offset, language)
        else:
            text += " " + _signed(offset.with_unit(reference.unit), language, units)
    if factor is not None:
        text += f" × {show(factor, language, units)}"
    clip = clip_note(a.target, language, units)
    if clip:
        text += ", " + clip[2:-1]
    return f" ({text})"


def _note(rule: Rule | None) -> str:
    """`` — the plan's words`` after a rule's target, if it has a note."""
    note = getattr(rule, "note", "") if rule is not None else ""
    return f" — {note}" if note else ""


def _actual(a: Assessment, language: str, units: Units) -> str:
    assert isinstance(a.actual, Quantity)  # noqa: S101
    text = show(a.actual, language, units)
    if a.ratio is not None:
        n = format_number(a.ratio.numerator, locale=language)
        d = format_number(a.ratio.denominator, locale=language)
        return f"{n}/{d} = {text}"
    return text


def _rollup_note(rollup: Rollup | None, language: str) -> str:
    """``(cộng 12 kỳ)`` / ``(sum of 12 periods)``: how a rolled-up value was made."""
    if rollup is None or not rollup.periods:
        return ""
    n = len(rollup.periods)
    how = rollup.aggregation.value
    if rollup.org_units:
        n = len(rollup.org_units)
        across = {
            ("sum", "vi"): f"cộng {n} {rollup.kind}",
            ("sum", "en"): f"sum of {n} org units",
            ("mean", "vi"): f"bình quân {n} {rollup.kind}",
            ("mean", "en"): f"mean of {n} org units",
            ("rate", "vi"): f"tính lại từ {n} {rollup.kind}",
            ("rate", "en"): f"recomputed from {n} org units",
        }
        return f" ({across[(how, language)]})"
    if how == "last":
        last = rollup.periods[-1]
        return f" (số liệu {last.label('vi')})" if language == "vi" else f" (figure of {last})"
    words = {
        ("sum", "vi"): f"cộng {n} kỳ",
        ("sum", "en"): f"sum of {n} periods",
        ("mean", "vi"): f"bình quân {n} kỳ",
        ("mean", "en"): f"mean of {n} periods",
        ("rate", "vi"): f"tính lại từ {n} kỳ",
        ("rate", "en"): f"recomputed from {n} periods",
    }
    return f" ({words[(how, language)]})"


def _gaps(rollup: Rollup | None) -> Pair:
    if rollup is not None and rollup.missing_org_units:
        names = ", ".join(rollup.missing_org_units)
        return f"; thiếu số liệu {names}", f"; missing {names}"
    if rollup is None or not rollup.gaps:
        return "", ""
    shown = rollup.gaps[:6]
    more = f" (+{len(rollup.gaps) - len(shown)})" if len(rollup.gaps) > len(shown) else ""
    return (
        f"; thiếu số liệu {', '.join(p.label('vi') for p in shown)}{more}",
        f"; missing {', '.join(str(p) for p in shown)}{more}",
    )


def simple(
    indicator: Indicator,
    a: Assessment,
    period: Period | None,
    units: Units,
    *,
    rollup: Rollup | None = None,
    as_of: dt.date | None = None,
) -> Pair:
    """Explain a comparison or flag result (rolled up, or so far as of a date)."""
    name = indicator.name
    status = a.status
    end = (f" — {status.vi}", f" — {status.en}")
    if as_of is not None and status.value == "no_data" and a.actual is not None:
        so_far = (_value(a.actual, "vi", units), _value(a.actual, "en", units))
        return (
            f"{name}: đến {_day(as_of)} đạt {so_far[0]}{_rollup_note(rollup, 'vi')}, "
            f"{period.label('vi') if period else 'kỳ'} chưa kết thúc{_gaps(rollup)[0]}{end[0]}",
            f"{name}: {so_far[1]} so far as of {as_of.isoformat()}{_rollup_note(rollup, 'en')}, "
            f"{period or 'the period'} has not ended{_gaps(rollup)[1]}{end[1]}",
        )
    if status.value == "no_data" and a.actual is not None and rollup is not None and rollup.gaps:
        gaps = _gaps(rollup)
        return (
            f"{name}: mới có {_value(a.actual, 'vi', units)}{_rollup_note(rollup, 'vi')}"
            f"{gaps[0]}{end[0]}",
            f"{name}: {_value(a.actual, 'en', units)} so far{_rollup_note(rollup, 'en')}"
            f"{gaps[1]}{end[1]}",
        )
    if status.value == "no_data" and "bounds" in a.missing and a.target is not None:
        resolved = a.target.rule
        assert isinstance(resolved, Comparison | Range)  # noqa: S101 - only comparisons resolve
        vi, en = unsure(
            name, a, units, (_basis(resolved, a, "vi", units), _basis(resolved, a, "en", units))
        )
        return vi + end[0], en + end[1]
    if status.value == "no_data":
        vi, en = _missing(name, a.missing, period, ("", ""), indicator.rule)
        gaps = _gaps(rollup)
        return vi + gaps[0] + end[0], en + gaps[1] + end[1]
    if status.value in ("not_applicable",) or (a.ratio is not None and a.actual is None):
        ratio = str(a.ratio) if a.ratio else ""
        return (
            f"{name}: mẫu số bằng 0 ({ratio}){end[0]}",
            f"{name}: zero denominator ({ratio}){end[1]}",
        )
    if isinstance(a.actual, bool):
        said = ("đạt", "yes") if a.actual else ("không đạt", "no")
        note = _note(a.target.rule if a.target else None)
        return (
            f"{name}: {said[0]}{_rollup_note(rollup, 'vi')}{note}{end[0]}",
            f"{name}: {said[1]}{_rollup_note(rollup, 'en')}{note}{end[1]}",
        )
    rule = a.target.rule if a.target else None
    assert isinstance(rule, Comparison | Range)  # noqa: S101 - a judged comparison has a rule
    assert a.target is not None  # noqa: S101
    assert a.target.quantity is not None  # noqa: S101
    op = a.target.op if status.value == "achieved" else a.target.op.negated
    out = []
    for language, tail in zip(("vi", "en"), end, strict=True):
        target = show(a.target.quantity, language, units)
        prefix = ""
        if as_of is not None:
            prefix = f"đến {_day(as_of)}, " if language == "vi" else f"as of {as_of.isoformat()}, "
        decided = ""
        if as_of is not None:
            decided = (
                f", đã {status.vi.lower()} cho cả {period.label('vi') if period else 'kỳ'}"
                if language == "vi"
                else f", {status.en.lower()} for all of {period or 'the period'} already"
            )
        out.append(
            f"{name}: {prefix}{_actual(a, language, units)}{_rollup_note(rollup, language)} "
            f"{op.symbol} {target}{_basis(rule, a, language, units)}{decided}{_note(rule)}{tail}"
        )
    return out[0], out[1]


def _day(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _value(value: Quantity | bool, language: str, units: Units) -> str:
    if isinstance(value, bool):
        return ("đạt" if value else "không đạt") if language == "vi" else ("yes" if value else "no")
    return show(value, language, units)


def outlook(indicator: Indicator, o: Outlook, period: Period, units: Units) -> Pair:
    """Explain an in-year outlook: pace against the pro-rata target and the projection."""
    name = indicator.name
    if o.method is None:
        return (
            f"{name}: chưa có số liệu đến {_day(o.as_of)} để dự báo",
            f"{name}: no data by {o.as_of.isoformat()} to project from",
        )
    out = []
    for language in ("vi", "en"):
        parts = []
        if o.so_far is not None and o.through is not None:
            so_far = _value(o.so_far, language, units)
            parts.append(
                f"lũy kế đến {_day(o.through)}: {so_far}"
                if language == "vi"
                else f"{so_far} through {o.through.isoformat()}"
            )
        if o.pro_rata is not None and o.pace is not None:
            target = show(o.pro_rata, language, units)
            pace = {"on_track": ("đúng tiến độ", "on track"), "behind": ("chậm tiến độ", "behind")}[
                o.pace.value
            ]
            parts.append(
                f"chỉ tiêu theo tiến độ {target} — {pace[0]}"
                if language == "vi"
                else f"pro-rata target {target} — {pace[1]}"
            )
        how = {
            "linear": ("theo nhịp độ hiện tại", "at the current pace"),
            "estimate": ("theo số ước thực hiện", "from the office's estimate"),
            "latest": ("theo số liệu mới nhất", "from the latest figure"),
            "mean": ("theo bình quân đến nay", "from the mean so far"),
            "rate": ("theo tỷ lệ đến nay", "from the rate so far"),
        }[o.method]
        projected = "" if o.projected is None else " " + _value(o.projected, language, units)
        status = o.projected_status.vi if language == "vi" else o.projected_status.en
        parts.append(
            f"ước cả {period.label('vi')}{projected} ({how[0]}) — {status}"
            if language == "vi"
            else f"projected{projected} for {period} ({how[1]}) — {status}"
        )
        out.append(f"{name}: " + "; ".join(parts))
    return out[0], out[1]


def projected_status(indicator: Indicator, status: Status) -> Pair:
    """Explain the projected status of a composite or org-unit indicator."""
    return (
        f"{indicator.name}: dự kiến {status.vi.lower()} (theo các tiêu chí / đơn vị)",
        f"{indicator.name}: projected {status.en.lower()} (from its criteria or org units)",
    )


def _missing(
    name: str, missing: Sequence[str], period: Period | None, end: Pair, rule: Rule | None = None
) -> Pair:
    vi: list[str] = []
    en: list[str] = []
    operand = rule.operand if isinstance(rule, Comparison) else None
    base = operand if isinstance(operand, Previous) else Previous()
    for item in missing:
        if item == "actual":
            vi.append(f"chưa có số liệu thực hiện{' ' + period.label('vi') if period else ''}")
            en.append(f"no actual value{' for ' + str(period) if period else ''}")
        elif item == "previous":
            before = f" ({base.reference_period(period)})" if period else ""
            if base.year is None:
                vi.append(f"chưa có số liệu năm trước{before}")
                en.append(f"no value for the previous year{before}")
            else:
                vi.append(f"chưa có số liệu năm gốc {base.year}{before}")
                en.append(f"no value for the base year {base.year}{before}")
        elif item == "assigned":
            vi.append(f"chưa có chỉ tiêu giao{' ' + period.label('vi') if period else ''}")
            en.append(f"no assigned target{' for ' + str(period) if period else ''}")
    return f"{name}: {'; '.join(vi)}{end[0]}", f"{name}: {'; '.join(en)}{end[1]}"


def org_units(
    indicator: Indicator,
    a: Assessment,
    per_unit: Sequence[OrgUnitResult],
    units_of_plan: Sequence[OrgUnit],
    period: Period | None,
    *,
    count: tuple[int, int] | None = None,
) -> Pair:
    """Explain an org-unit count: ``5/5 khóm đạt (yêu cầu 5/5) — Đạt``."""
    kind = units_of_plan[0].kind if units_of_plan else "đơn vị"
    status = a.status
    if count is not None:
        achieved, total = count
        failed: list[str] = []
        unknown: list[str] = []
    else:
        relevant = [r for r in per_unit if r.status.value != "not_applicable"]
        total = len(relevant)
        achieved = sum(r.status.value == "achieved" for r in relevant)
        failed = [r.name for r in relevant if r.status.value == "not_achieved"]
        unknown = [r.name for r in relevant if r.status.value == "no_data"]
        expected = getattr(indicator.rule, "total", None)
        if expected is not None and per_unit and len(per_unit) < expected:
            lacking = expected - len(per_unit)  # the org units the rule expects but the area lacks
            total += lacking
            unknown.append(f"+{lacking}")
    if status.value == "not_applicable":
        return (
            f"{indicator.name}: không có {kind} nào để xét — {status.vi}",
            f"{indicator.name}: no org unit to count — {status.en}",
        )
    required = a.target.count if a.target else None
    op = a.target.op if a.target else None
    rule = indicator.rule
    of = getattr(rule, "total", None)
    if rule is not None and getattr(rule, "count", 0) is None:  # all org units
        rule_text = f"{required}/{of or total}"
    elif of is not None:
        rule_text = f"{'' if op is None or op.value == '>=' else op.symbol} {required}/{of}"
    else:
        rule_text = f"{op.symbol if op else ''} {required}"
    vi = f"{indicator.name}: {achieved}/{total} {kind} đạt"
    en = f"{indicator.name}: {achieved} of {total} org units achieved"
    if failed:
        vi += f"; không đạt: {', '.join(failed)}"
        en += f"; not achieved: {', '.join(failed)}"
    if unknown:
        vi += f"; chưa có số liệu: {', '.join(unknown)}"
        en += f"; no data: {', '.join(unknown)}"
    note = _note(rule)
    vi += f" (yêu cầu {rule_text.strip()}){note} — {status.vi}"
    en += f" (required {rule_text.strip()}){note} — {status.en}"
    return vi, en


def composite(indicator: Indicator, criteria: Sequence[Result], status: Status) -> Pair:
    """Explain a composite: ``2/3 tiêu chí đạt; không đạt: CK08b — Không đạt``."""
    relevant = [c for c in criteria if c.status.value != "not_applicable"]
    achieved = sum(c.status.value == "achieved" for c in relevant)
    how = indicator.combine.value if indicator.combine else "all"
    vi = f"{indicator.name}: {achieved}/{len(relevant)} tiêu chí đạt"
    en = f"{indicator.name}: {achieved} of {len(relevant)} criteria achieved"
    for value, label_vi, label_en in (
        ("not_achieved", "không đạt", "not achieved"),
        ("no_data", "chưa có số liệu", "no data"),
    ):
        ids = [c.indicator for c in relevant if c.status.value == value]
        if ids:
            vi += f"; {label_vi}: {', '.join(ids)}"
            en += f"; {label_en}: {', '.join(ids)}"
    need_vi = "cần đạt tất cả" if how == "all" else "cần đạt ít nhất một"
    need_en = "all required" if how == "all" else "any one required"
    return f"{vi} ({need_vi}) — {status.vi}", f"{en} ({need_en}) — {status.en}"
