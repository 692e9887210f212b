"""The canonical rule grammar.

::

    rule        := comparison | flag | org_units
    comparison  := OP operand
    operand     := quantity
                 | "previous" [ ("+" | "-") quantity | "*" quantity ]
                 | "assigned" [ "*" quantity ]
    flag        := "is true" | "is false"
    org_units   := "all org units" | OP count "org units"
    OP          := ">=" | ">" | "<=" | "<" | "==" | "!="   (also ≥ ≤ ≠ and a single =)
    quantity    := number [unit]

Each pattern below is read in one pass (possessive repetitions; literal words
between them), so canonical text is parsed in time linear in its length.
"""

from __future__ import annotations

import re

from thidua._text import printable
from thidua.errors import ParseError, ThiduaError
from thidua.numbers import NumberFormat
from thidua.rules._model import Assigned, Comparison, Flag, Op, OrgUnits, Previous, Rule
from thidua.units import Quantity, Units

_OP = re.compile(r"\s*+(>=|<=|==|!=|≥|≤|≠|>|<|=)\s*+")
_OP_ALIASES = {"≥": ">=", "≤": "<=", "≠": "!=", "=": "=="}
_FLAG = re.compile(r"\s*+is\s++(true|false)\s*+", re.IGNORECASE)
_ALL = re.compile(r"\s*+all\s++org\s++units\s*+", re.IGNORECASE)
_COUNT = re.compile(r"(\d++)\s++org\s++units\s*+", re.IGNORECASE)
_KEYWORD = re.compile(r"(previous|assigned)\b\s*+", re.IGNORECASE)
_ARITH = re.compile(r"([+\-*])\s*+")

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


def parse_canonical(text: str, *, units: Units, number_format: NumberFormat = None) -> Rule:
    """Parse the canonical form; raise :class:`ParseError` with a position otherwise."""
    flag = _FLAG.fullmatch(text)
    if flag is not None:
        return Flag(flag[1].lower() == "true")
    if _ALL.fullmatch(text):
        return OrgUnits()
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
    count = _COUNT.fullmatch(text, pos)
    if count:
        return OrgUnits(int(count[1]), op)
    keyword = _KEYWORD.match(text, pos)
    if keyword is None:
        q = _quantity(text, pos, units, number_format, what=_OPERAND, what_vi=_OPERAND_VI)
        return Comparison(op, q)
    pos = keyword.end()
    name = keyword[1].lower()
    if pos == len(text):
        return Comparison(op, Previous() if name == "previous" else Assigned())
    arith = _ARITH.match(text, pos)
    allowed = "'+ Q', '- Q' or '* Q'" if name == "previous" else "'* Q'"
    allowed_vi = "'+', '-' hoặc '*' rồi một số" if name == "previous" else "'*' rồi một số"
    example = CANONICAL_FORMS[2] if name == "previous" else ">= assigned * 90 %"
    if arith is None or (name == "assigned" and arith[1] != "*"):
        msg = f"after {name!r} rule {shown} expects {allowed} (position {pos})"
        raise _syntax(
            msg,
            f"trong mức yêu cầu {shown}, sau {name!r} phải là {allowed_vi} (vị trí {pos})",
            text,
            pos,
            hint=f"e.g. '{example}'",
            hint_vi=f"hãy viết, ví dụ, '{example}'",
        )
    sign = arith[1]
    q = _quantity(text, arith.end(), units, number_format, what="a quantity", what_vi="một số")
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
        return Comparison(op, Previous(factor=q) if name == "previous" else Assigned(factor=q))
    offset = q if sign == "+" else Quantity(-q.magnitude, q.unit)
    return Comparison(op, Previous(offset=offset))
