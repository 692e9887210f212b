"""The canonical rule grammar.

::

    rule        := comparison | range | flag | org_units | term
    comparison  := OP operand
    operand     := quantity
                 | base [ ("+" | "-") quantity [ "change" ] | "*" quantity ]
                 | "assigned" [ "*" quantity ]
    base        := "previous" | "year" YEAR
    range       := (">=" | "<=") number [unit] ".." quantity
    flag        := "is true" | "is false"
    org_units   := "all" [ total ] "org units" | OP count [ "of" total ] "org units"
    OP          := ">=" | ">" | "<=" | "<" | "==" | "!="   (also ≥ ≤ ≠ and a single =)
    quantity    := number [unit]
    term        := OP quantity "by" YEAR
                 | "cumulative" OP quantity "over" YEAR "-" YEAR
                 | OP "base" ( "*" quantity | ("+" | "-") quantity ) "per year"

``change`` marks an open change in % (``previous + 5 % change``): whether it is
points or a relative change is decided when judged, from the indicator's unit.

Each pattern below is read in one pass (possessive repetitions; literal words
between them), so canonical text is parsed in time linear in its length.
"""

from __future__ import annotations

import re

from thidua._text import printable
from thidua.errors import ParseError, ThiduaError
from thidua.numbers import NumberFormat
from thidua.rules._model import (
    AnnualChange,
    AnnualGrowth,
    Assigned,
    ByYear,
    Comparison,
    Cumulative,
    Flag,
    Op,
    OrgUnits,
    Previous,
    Range,
    Rule,
)
from thidua.units import Quantity, Units

_OP = re.compile(r"\s*+(>=|<=|==|!=|≥|≤|≠|>|<|=)\s*+")
_OP_ALIASES = {"≥": ">=", "≤": "<=", "≠": "!=", "=": "=="}
_FLAG = re.compile(r"\s*+is\s++(true|false)\s*+", re.IGNORECASE)
_ALL = re.compile(r"\s*+all\s++(?:(\d++)\s++)?org\s++units\s*+", re.IGNORECASE)
_COUNT = re.compile(r"(\d++)\s++(?:of\s++(\d++)\s++)?org\s++units\s*+", re.IGNORECASE)
_KEYWORD = re.compile(r"(previous|assigned|year\s++(\d++))\b\s*+", re.IGNORECASE)
_ARITH = re.compile(r"([+\-*])\s*+")
_CUMULATIVE = re.compile(r"\s*+cumulative\s++", re.IGNORECASE)
_BASE = re.compile(r"base\s*+([+\-*])\s*+", re.IGNORECASE)
_YEAR = re.compile(r"\s*+(\d{4})\s*+")
_SPAN = re.compile(r"\s*+(\d{4})\s*+[-–]\s*+(\d{4})\s*+")

CANONICAL_FORMS = (
    ">= 97.5 %",
    "> previous",
    "<= previous - 2 household",
    ">= previous * 105 %",
    ">= assigned",
    "== 0",
    "is true",
    "all org units",
    ">= 4 org units",
    ">= previous + 5 % change",
    ">= year 2020 * 110 %",
    ">= 8 .. 10 household",
    "<= 10 .. 12 %",
    "all 5 org units",
    ">= 4 of 5 org units",
    ">= 95 % by 2030",
    "cumulative >= 5000 billion_VND over 2026-2030",
    ">= base * 108 % per year",
    "<= base - 1.5 % per year",
)


def starts_with_operator(text: str) -> bool:
    """Whether ``text`` begins like a canonical comparison."""
    return _OP.match(text) is not None


def _syntax(en: str, vi: str, text: str, position: int, *, hint: str, hint_vi: str) -> ParseError:
    return ParseError(
        en,
        code="rule.syntax",
        vi=vi,
        hint=hint,
        hint_vi=hint_vi,
        text=printable(text),
        position=position,
    )


def _quantity(
    text: str, pos: int, units: Units, number_format: NumberFormat, *, what: str, what_vi: str
) -> Quantity:
    rest = text[pos:]
    shown = printable(repr(text))
    if not rest.strip():
        msg = f"rule {shown} ends where {what} was expected (position {pos})"
        raise _syntax(
            msg,
            f"mức yêu cầu {shown} còn thiếu {what_vi} ở cuối (vị trí {pos})",
            text,
            pos,
            hint="add a number, e.g. '>= 10'",
            hint_vi="hãy viết thêm một số, ví dụ '>= 10'",
        )
    try:
        return units.parse_quantity(rest, number_format=number_format, canonical=True)
    except ThiduaError as exc:
        at = pos + (exc.position or 0)
        part = printable(repr(rest.strip()[:60]))
        msg = f"cannot read {what} {part} in rule {shown} (position {at}): {exc.what('en')}"
        raise ParseError(
            msg,
            code=exc.code,
            vi=f"không đọc được {part} trong mức yêu cầu {shown} (vị trí {at}), chỗ này cần "
            f"{what_vi}: {exc.what('vi')}",
            hint=exc.how("en"),
            hint_vi=exc.how("vi"),
            text=printable(text),
            position=at,
        ) from None


_OPERAND = "a number, 'previous' or 'assigned'"
_OPERAND_VI = "một số, 'previous' hoặc 'assigned'"


def _change_suffix(text: str) -> int | None:
    """Where a trailing ``change`` word starts (after its space), or None (linear time)."""
    end = len(text.rstrip())
    start = end - len("change")
    if start > 0 and text[start:end].lower() == "change" and text[start - 1].isspace():
        return start
    return None


def parse_canonical(text: str, *, units: Units, number_format: NumberFormat = None) -> Rule:
    """Parse the canonical form; raise :class:`ParseError` with a position otherwise."""
    if (cumulative := _CUMULATIVE.match(text)) is not None:
        return _cumulative(text, cumulative.end(), units=units, number_format=number_format)
    flag = _FLAG.fullmatch(text)
    if flag is not None:
        return Flag(flag[1].lower() == "true")
    every = _ALL.fullmatch(text)
    if every:
        return OrgUnits(total=None if every[1] is None else int(every[1]))
    shown = printable(repr(text))
    forms = ", ".join(CANONICAL_FORMS)
    op_match = _OP.match(text)
    if op_match is None:
        msg = f"rule {shown} must start with an operator (>=, >, <=, <, ==, !=)"
        raise _syntax(
            msg,
            f"mức yêu cầu {shown} phải bắt đầu bằng một dấu so sánh (>=, >, <=, <, ==, !=)",
            text,
            0,
            hint=f"understood forms: {forms}",
            hint_vi=f"các dạng viết được: {forms}",
        )
    op = Op(_OP_ALIASES.get(op_match[1], op_match[1]))
    pos = op_match.end()
    term = _term_after_op(text, op, pos, units=units, number_format=number_format)
    if term is not None:
        return term
    count = _COUNT.fullmatch(text, pos)
    if count:
        total = None if count[2] is None else int(count[2])
        return OrgUnits(int(count[1]), op, total=total)
    keyword = _KEYWORD.match(text, pos)
    if keyword is None:
        dots = text.find("..", pos)
        if dots >= 0:
            return _range(text, op, pos, dots, units=units, number_format=number_format)
        q = _quantity(text, pos, units, number_format, what=_OPERAND, what_vi=_OPERAND_VI)
        return Comparison(op, q)
    pos = keyword.end()
    name = keyword[1].lower()
    year = None
    if keyword[2] is not None:
        name, year = "year", int(keyword[2])
    if pos == len(text):
        return Comparison(op, Assigned() if name == "assigned" else Previous(year=year))
    arith = _ARITH.match(text, pos)
    allowed = "'+ Q', '- Q' or '* Q'" if name != "assigned" else "'* Q'"
    allowed_vi = "'+', '-' hoặc '*' rồi một số" if name != "assigned" else "'*' rồi một số"
    example = CANONICAL_FORMS[2] if name != "assigned" else ">= assigned * 90 %"
    shown_name = keyword[1].strip()
    if arith is None or (name == "assigned" and arith[1] != "*"):
        msg = f"after {shown_name!r} rule {shown} expects {allowed} (position {pos})"
        raise _syntax(
            msg,
            f"trong mức yêu cầu {shown}, sau {shown_name!r} phải là {allowed_vi} (vị trí {pos})",
            text,
            pos,
            hint=f"e.g. '{example}'",
            hint_vi=f"hãy viết, ví dụ, '{example}'",
        )
    sign = arith[1]
    change = _change_suffix(text) if sign != "*" else None
    number_text = text if change is None else text[:change].rstrip()
    q = _quantity(
        number_text, arith.end(), units, number_format, what="a quantity", what_vi="một số"
    )
    if q.magnitude < 0:
        at = arith.end()
        msg = f"rule {shown}: write the sign with the operator, not the number (position {at})"
        raise ParseError(
            msg,
            code="rule.signed_change",
            vi=f"mức yêu cầu {shown} có con số mang dấu (vị trí {at}): dấu chỉ viết ở phép tính",
            hint="e.g. 'previous - 2'",
            hint_vi="hãy viết, ví dụ, 'previous - 2'",
            text=printable(text),
            position=at,
        )
    if sign == "*":
        return Comparison(
            op, Assigned(factor=q) if name == "assigned" else Previous(factor=q, year=year)
        )
    offset = q if sign == "+" else Quantity(-q.magnitude, q.unit)
    if change is not None:
        return Comparison(op, Previous(change=offset, year=year))
    return Comparison(op, Previous(offset=offset, year=year))


def _range(
    text: str, op: Op, pos: int, dots: int, *, units: Units, number_format: NumberFormat
) -> Range:
    """``OP low .. high``: the low bound takes the high bound's unit when it has none."""
    low = _quantity(
        text[:dots], pos, units, number_format, what="the low bound", what_vi="cận dưới"
    )
    high = _quantity(
        text, dots + 2, units, number_format, what="the high bound", what_vi="cận trên"
    )
    if low.unit is None:
        low = low.with_unit(high.unit)
    return Range(low, high, op)


# ------------------------------------------------------------------ term targets

_TERM_FORMS = ", ".join(CANONICAL_FORMS[-4:])


def _term_syntax(en: str, vi: str, text: str, position: int) -> ParseError:
    return _syntax(
        en,
        vi,
        text,
        position,
        hint=f"term targets are written {_TERM_FORMS}",
        hint_vi=f"chỉ tiêu nhiệm kỳ viết dạng {_TERM_FORMS}",
    )


def _suffix(text: str, word: str) -> int | None:
    """Where ``word`` starts as the second-last word of ``text`` (``... by 2030``), or None."""
    end = len(text.rstrip())
    last = text.rfind(" ", 0, end)
    if last <= 0:
        return None
    start = text.rfind(" ", 0, last)
    if text[start + 1 : last].lower() != word:
        return None
    return start + 1


def _term_after_op(
    text: str, op: Op, pos: int, *, units: Units, number_format: NumberFormat
) -> Rule | None:
    """``OP quantity by YEAR``, ``OP base ... per year``; None for any other comparison."""
    by = _suffix(text, "by")
    if by is not None:
        return _by_year(text, op, pos, by, units=units, number_format=number_format)
    base = _BASE.match(text, pos)
    if base is not None:
        return _per_year(text, op, base, units=units, number_format=number_format)
    return None


def _year_at(text: str, pos: int, what: str, what_vi: str) -> int:
    found = _YEAR.fullmatch(text, pos)
    if found is None:
        shown = printable(repr(text))
        msg = f"rule {shown} expects {what} written as four digits (position {pos})"
        raise _term_syntax(
            msg, f"mức yêu cầu {shown} cần {what_vi} viết bằng bốn chữ số (vị trí {pos})", text, pos
        )
    return int(found[1])


def _by_year(
    text: str, op: Op, pos: int, by: int, *, units: Units, number_format: NumberFormat
) -> ByYear:
    """``OP quantity by YEAR``."""
    year = _year_at(text, by + len("by"), "the end year", "năm cuối")
    q = _quantity(
        text[:by].rstrip(), pos, units, number_format, what="the target", what_vi="mức phải đạt"
    )
    return ByYear(op, q, year)


def _cumulative(text: str, pos: int, *, units: Units, number_format: NumberFormat) -> Cumulative:
    """``cumulative OP quantity over START-END``."""
    shown = printable(repr(text))
    op_match = _OP.match(text, pos)
    found = text.lower().rfind(" over ")
    over = found + 1 if found > 0 else None
    if op_match is None or over is None:
        msg = f"rule {shown} is written 'cumulative OP total over START-END' (position {pos})"
        raise _term_syntax(
            msg,
            f"mức yêu cầu {shown} phải viết dạng 'cumulative OP tổng over NĂM-NĂM' (vị trí {pos})",
            text,
            pos,
        )
    span = _SPAN.fullmatch(text, over + len("over"))
    if span is None:
        at = over + len("over")
        msg = f"rule {shown} expects the years as START-END, e.g. 2026-2030 (position {at})"
        raise _term_syntax(
            msg,
            f"mức yêu cầu {shown} cần các năm dạng NĂM-NĂM, ví dụ 2026-2030 (vị trí {at})",
            text,
            at,
        )
    op = Op(_OP_ALIASES.get(op_match[1], op_match[1]))
    q = _quantity(
        text[:over].rstrip(),
        op_match.end(),
        units,
        number_format,
        what="the total",
        what_vi="tổng mức",
    )
    return Cumulative(op, q, int(span[1]), int(span[2]))


def _per_year(
    text: str, op: Op, base: re.Match[str], *, units: Units, number_format: NumberFormat
) -> AnnualGrowth | AnnualChange:
    """``OP base * F per year`` or ``OP base +/- X per year``."""
    shown = printable(repr(text))
    end = len(text.rstrip())
    tail = end - len("per year")
    if tail <= base.end() or text[tail:end].lower() != "per year" or not text[tail - 1].isspace():
        msg = f"rule {shown}: 'base' is the term's base year, written 'base * F per year'"
        raise _term_syntax(
            msg,
            f"mức yêu cầu {shown}: 'base' là năm gốc của nhiệm kỳ, viết dạng"
            " 'base * F per year' hoặc 'base - X per year'",
            text,
            base.start(),
        )
    q = _quantity(
        text[:tail].rstrip(), base.end(), units, number_format, what="a quantity", what_vi="một số"
    )
    if q.magnitude < 0:
        at = base.end()
        msg = f"rule {shown}: write the sign with the operator, not the number (position {at})"
        raise ParseError(
            msg,
            code="rule.signed_change",
            vi=f"mức yêu cầu {shown} có con số mang dấu (vị trí {at}): dấu chỉ viết ở phép tính",
            hint="e.g. 'base - 1.5 % per year'",
            hint_vi="hãy viết, ví dụ, 'base - 1.5 % per year'",
            text=printable(text),
            position=at,
        )
    sign = base[1]
    if sign == "*":
        return AnnualGrowth(op, q)
    return AnnualChange(op, q if sign == "+" else Quantity(-q.magnitude, q.unit))
