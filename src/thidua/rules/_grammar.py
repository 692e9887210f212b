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
"""

from __future__ import annotations

import re

from thidua.errors import ParseError, ThiduaError
from thidua.numbers import NumberFormat
from thidua.rules._model import Assigned, Comparison, Flag, Op, OrgUnits, Previous, Rule
from thidua.units import Quantity, Units

_OP = re.compile(r"\s*(>=|<=|==|!=|≥|≤|≠|>|<|=)\s*")
_OP_ALIASES = {"≥": ">=", "≤": "<=", "≠": "!=", "=": "=="}
_FLAG = re.compile(r"\s*is\s+(true|false)\s*", re.IGNORECASE)
_ALL = re.compile(r"\s*all\s+org\s+units\s*", re.IGNORECASE)
_COUNT = re.compile(r"(\d+)\s+org\s+units\s*", re.IGNORECASE)
_KEYWORD = re.compile(r"(previous|assigned)\b\s*", re.IGNORECASE)
_ARITH = re.compile(r"([+\-*])\s*")

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


def _quantity(
    text: str, pos: int, units: Units, number_format: NumberFormat, *, what: str
) -> Quantity:
    rest = text[pos:]
    if not rest.strip():
        msg = f"rule {text!r} ends where {what} was expected (position {pos})"
        raise ParseError(msg, text=text, position=pos, hint="add a number, e.g. '>= 10'")
    try:
        return units.parse_quantity(rest, number_format=number_format, canonical=True)
    except ThiduaError as exc:
        at = pos + (exc.position or 0)
        msg = f"cannot read {what} {rest.strip()!r} in rule {text!r} (position {at}): {exc.what()}"
        raise ParseError(msg, text=text, position=at, hint=exc.hint) from None


def parse_canonical(text: str, *, units: Units, number_format: NumberFormat = None) -> Rule:
    """Parse the canonical form; raise :class:`ParseError` with a position otherwise."""
    flag = _FLAG.fullmatch(text)
    if flag is not None:
        return Flag(flag[1].lower() == "true")
    if _ALL.fullmatch(text):
        return OrgUnits()
    op_match = _OP.match(text)
    if op_match is None:
        msg = f"rule {text!r} must start with an operator (>=, >, <=, <, ==, !=)"
        raise ParseError(
            msg, text=text, position=0, hint=f"understood forms: {', '.join(CANONICAL_FORMS)}"
        )
    op = Op(_OP_ALIASES.get(op_match[1], op_match[1]))
    pos = op_match.end()
    count = _COUNT.fullmatch(text, pos)
    if count:
        return OrgUnits(int(count[1]), op)
    keyword = _KEYWORD.match(text, pos)
    if keyword is None:
        q = _quantity(text, pos, units, number_format, what="a number, 'previous' or 'assigned'")
        return Comparison(op, q)
    pos = keyword.end()
    name = keyword[1].lower()
    if pos == len(text):
        return Comparison(op, Previous() if name == "previous" else Assigned())
    arith = _ARITH.match(text, pos)
    allowed = "'+ Q', '- Q' or '* Q'" if name == "previous" else "'* Q'"
    if arith is None or (name == "assigned" and arith[1] != "*"):
        msg = f"after {name!r} rule {text!r} expects {allowed} (position {pos})"
        raise ParseError(msg, text=text, position=pos, hint=f"e.g. '{CANONICAL_FORMS[2]}'")
    sign = arith[1]
    q = _quantity(text, arith.end(), units, number_format, what="a quantity")
    if q.magnitude < 0:
        at = arith.end()
        msg = f"rule {text!r}: write the sign with the operator, not the number (position {at})"
        raise ParseError(msg, text=text, position=arith.end(), hint="e.g. 'previous - 2'")
    if sign == "*":
        return Comparison(op, Previous(factor=q) if name == "previous" else Assigned(factor=q))
    offset = q if sign == "+" else Quantity(-q.magnitude, q.unit)
    return Comparison(op, Previous(offset=offset))
