"""One-sentence explanations of results, in Vietnamese and English.

"Số hộ nghèo: 42 hộ ≤ 43 hộ (năm trước 45 hộ − 2 hộ) — Đạt"
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from thidua.numbers import format_number
from thidua.rules import Assigned, Comparison, Previous
from thidua.units import Quantity, Units, default_units

if TYPE_CHECKING:
    from thidua.evaluation import Assessment, OrgUnitResult, Result, Status
    from thidua.periods import Period
    from thidua.plans import Indicator, Plan

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


def _basis(rule: Comparison, a: Assessment, language: str, units: Units) -> str:
    operand = rule.operand
    if isinstance(operand, Quantity):
        return ""
    reference = a.target.reference if a.target else None
    if reference is None:
        return ""
    word = {
        (True, "vi"): "năm trước",
        (True, "en"): "previous year",
        (False, "vi"): "chỉ tiêu giao",
        (False, "en"): "assigned",
    }[(isinstance(operand, Previous), language)]
    text = f"{word} {show(reference, language, units)}"
    if isinstance(operand, Previous) and operand.offset is not None:
        text += " " + _signed(operand.offset.with_unit(reference.unit), language, units)
    factor = operand.factor if isinstance(operand, Previous | Assigned) else None
    if factor is not None:
        text += f" × {show(factor, language, units)}"
    return f" ({text})"


def _actual(a: Assessment, language: str, units: Units) -> str:
    assert isinstance(a.actual, Quantity)  # noqa: S101
    text = show(a.actual, language, units)
    if a.ratio is not None:
        n = format_number(a.ratio.numerator, locale=language)
        d = format_number(a.ratio.denominator, locale=language)
        return f"{n}/{d} = {text}"
    return text


def simple(indicator: Indicator, a: Assessment, period: Period | None, units: Units) -> Pair:
    """Explain a comparison or flag result."""
    name = indicator.name
    status = a.status
    end = (f" — {status.vi}", f" — {status.en}")
    if status.value == "no_data":
        return _missing(name, a.missing, period, end)
    if status.value in ("not_applicable",) or (a.ratio is not None and a.actual is None):
        ratio = str(a.ratio) if a.ratio else ""
        return (
            f"{name}: mẫu số bằng 0 ({ratio}){end[0]}",
            f"{name}: zero denominator ({ratio}){end[1]}",
        )
    if isinstance(a.actual, bool):
        said = ("đạt", "yes") if a.actual else ("không đạt", "no")
        return f"{name}: {said[0]}{end[0]}", f"{name}: {said[1]}{end[1]}"
    rule = a.target.rule if a.target else None
    assert isinstance(rule, Comparison)  # noqa: S101 - a judged comparison has a rule
    assert a.target is not None  # noqa: S101
    assert a.target.quantity is not None  # noqa: S101
    op = a.target.op if status.value == "achieved" else a.target.op.negated
    out = []
    for language, tail in zip(("vi", "en"), end, strict=True):
        target = show(a.target.quantity, language, units)
        out.append(
            f"{name}: {_actual(a, language, units)} {op.symbol} {target}"
            f"{_basis(rule, a, language, units)}{tail}"
        )
    return out[0], out[1]


def _missing(name: str, missing: Sequence[str], period: Period | None, end: Pair) -> Pair:
    vi: list[str] = []
    en: list[str] = []
    for item in missing:
        if item == "actual":
            vi.append(f"chưa có số liệu thực hiện{' ' + period.label('vi') if period else ''}")
            en.append(f"no actual value{' for ' + str(period) if period else ''}")
        elif item == "previous":
            vi.append(f"chưa có số liệu năm trước{f' ({period.previous()})' if period else ''}")
            en.append(
                f"no value for the previous year{f' ({period.previous()})' if period else ''}"
            )
        elif item == "assigned":
            vi.append(f"chưa có chỉ tiêu giao{' ' + period.label('vi') if period else ''}")
            en.append(f"no assigned target{' for ' + str(period) if period else ''}")
    return f"{name}: {'; '.join(vi)}{end[0]}", f"{name}: {'; '.join(en)}{end[1]}"


def org_units(
    indicator: Indicator,
    a: Assessment,
    per_unit: Sequence[OrgUnitResult],
    plan: Plan,
    period: Period | None,
    *,
    count: tuple[int, int] | None = None,
) -> Pair:
    """Explain an org-unit count: ``5/5 khóm đạt (yêu cầu 5/5) — Đạt``."""
    kind = plan.org_units[0].kind if plan.org_units else "đơn vị"
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
    if status.value == "not_applicable":
        return (
            f"{indicator.name}: không có {kind} nào để xét — {status.vi}",
            f"{indicator.name}: no org unit to count — {status.en}",
        )
    required = a.target.count if a.target else None
    op = a.target.op if a.target else None
    rule_text = (
        f"{required}/{total}"
        if indicator.rule and str(indicator.rule) == "all org units"
        else f"{op.symbol if op else ''} {required}"
    )
    vi = f"{indicator.name}: {achieved}/{total} {kind} đạt"
    en = f"{indicator.name}: {achieved} of {total} org units achieved"
    if failed:
        vi += f"; không đạt: {', '.join(failed)}"
        en += f"; not achieved: {', '.join(failed)}"
    if unknown:
        vi += f"; chưa có số liệu: {', '.join(unknown)}"
        en += f"; no data: {', '.join(unknown)}"
    vi += f" (yêu cầu {rule_text.strip()}) — {status.vi}"
    en += f" (required {rule_text.strip()}) — {status.en}"
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
