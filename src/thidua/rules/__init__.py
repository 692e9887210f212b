"""Rules: what an indicator's value must satisfy.

A rule is a :class:`Comparison` (``>= 97.5 %``, ``> previous``,
``<= previous - 2 household``, ``>= year 2020 * 110 %``, ``>= assigned``), a
:class:`Range` (``>= 8 .. 10 household``), a :class:`Flag` (``is true``) or an
:class:`OrgUnits` count (``all org units``, ``>= 4 of 5 org units``). The
term targets of a plan's term (nhiệm kỳ) are :class:`ByYear`
(``>= 95 % by 2030``), :class:`Cumulative` (``cumulative >= 5000 billion_VND
over 2026-2030``), :class:`AnnualGrowth` (``>= base * 108 % per year``) and
:class:`AnnualChange` (``<= base - 1.5 % per year``). Every rule
may carry a ``note`` (the plan's words after the target), which is not part of
its meaning. Rules are
immutable, hashable values; ``str(rule)`` is the canonical form and
``parse_rule(str(rule)) == rule``.

:func:`parse_rule` reads the canonical form and the phrasing of real Vietnamese
plans ("trên 98%", "giảm 02 hộ/năm", "5/5 khóm"), whatever the case and Unicode
normalisation. Text it does not understand is a :class:`~thidua.ParseError`
that quotes it and lists what is understood -- never a guess. Reading takes
time linear in the length of the text, which is at most :data:`MAX_RULE_LENGTH`
characters.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from thidua._text import caseless, nfc, printable, safe_repr, squeeze
from thidua.errors import ArgumentTypeError, ParseError, ThiduaError
from thidua.numbers import MAX_NUMBER_LENGTH, NumberFormat
from thidua.periods import MAX_YEAR, MIN_YEAR
from thidua.rules._grammar import parse_canonical, starts_with_operator
from thidua.rules._model import (
    RULE_CLASSES,
    TERM_RULE_CLASSES,
    AnnualChange,
    AnnualGrowth,
    Assigned,
    ByYear,
    Comparison,
    Cumulative,
    Flag,
    Op,
    Operand,
    OrgUnits,
    Previous,
    Range,
    Rule,
    TermRule,
)
from thidua.rules._vietnamese import parse_vietnamese
from thidua.units import Units, default_units

__all__ = [
    "MAX_RULE_LENGTH",
    "RULE_CLASSES",
    "TERM_RULE_CLASSES",
    "AnnualChange",
    "AnnualGrowth",
    "Assigned",
    "ByYear",
    "Comparison",
    "Cumulative",
    "Flag",
    "Op",
    "Operand",
    "OrgUnits",
    "Previous",
    "Range",
    "Rule",
    "TermRule",
    "parse_rule",
]

#: Longest rule text accepted (characters).
MAX_RULE_LENGTH = 10 * MAX_NUMBER_LENGTH


def parse_rule(
    text: str | Rule,
    *,
    units: Units | None = None,
    number_format: NumberFormat = None,
    org_unit_count: int | None = None,
    unit: str | None = None,
    year: int | None = None,
    term: tuple[int, int] | None = None,
) -> Rule:
    """Read a rule in canonical form or in the Vietnamese phrasing of plans.

    Args:
        text: The rule, e.g. ``">= 97.5 %"``, ``"trên 98%"``, ``"giảm 02 hộ/năm"``.
            A rule object is returned as it is.
        units: The unit registry (a plan's, with its declared units); the domain's
            by default.
        number_format: ``"vi"`` or ``"en"`` to read ambiguous numbers such as ``12.345``.
        org_unit_count: How many org units the plan has, to check ``5/5 khóm``.
        unit: The indicator's unit (a name or alias of ``units``): on a rate (``%``)
            "giảm 1%" is a fall of one percentage point, on a count or an amount it
            is relative; without it such a change stays open (``previous - 1 % change``)
            and is resolved when the rule is judged.
        year: The year the target is for: "so với năm 2023" in a 2024 plan is
            ``previous``, in a 2030 plan the base year ``year 2023``.
        term: The plan's term, first and last year (``(2025, 2030)``): a term
            target that names other years ("giai đoạn 2021-2025") is refused.

    Raises:
        ParseError: The text is neither canonical nor a known phrasing; the error
            quotes it, gives the position and lists the understood forms. Its code
            says why: ``rule.empty``, ``rule.too_long`` (more than
            :data:`MAX_RULE_LENGTH` characters), ``rule.syntax``,
            ``rule.unknown_phrase``, ``rule.unexpected_words``,
            ``rule.signed_change`` ("tăng -5%": the words give the direction),
            ``rule.org_unit_count``, ``rule.org_unit_share``, ``rule.two_targets``,
            ``rule.term_target`` (average-annual and multi-year targets),
            ``rule.rating``, ``rule.points``, ``rule.change_direction``,
            ``rule.factor_unit``, ``rule.share_of_count``, ``rule.range``,
            ``rule.base_year``, ``rule.unclear_unit``, or the code of the number or
            unit that could not be read (``number.ambiguous``, ``unit.unknown``,
            ``unit.incompatible``, …). Every code and its messages are in
            ``rules/refusals.toml`` and the Bad input page.
        UnitError: ``unit`` names no unit of the registry (``unit.unknown``).
        ArgumentTypeError: ``text`` is neither text nor a rule; ``unit`` is not
            text; ``year`` or ``org_unit_count`` is not a whole number in range.

    >>> str(parse_rule("trên 98%"))
    '> 98 %'
    >>> str(parse_rule("giảm 02 hộ/năm"))
    '<= previous - 2 household'

    .. versionadded:: 0.1.0
    """
    if isinstance(text, RULE_CLASSES):
        return text
    if not isinstance(text, str):
        shown = safe_repr(text, limit=60)
        msg = f"rule={shown} must be text or a Rule"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"mức yêu cầu phải là chữ (str) hoặc một Rule, không phải {shown}",
            hint=_EXAMPLE,
            hint_vi=_EXAMPLE_VI,
            text=shown,
        )
    if len(text) > 10 * MAX_RULE_LENGTH:  # refused before any work on it
        raise _too_long(text)
    raw = squeeze(nfc(text))
    if not raw:
        msg = "the rule is empty"
        raise ParseError(
            msg,
            code="rule.empty",
            vi="mức yêu cầu bị để trống",
            hint=_EXAMPLE,
            hint_vi=_EXAMPLE_VI,
            text=printable(text),
            position=0,
        )
    if len(raw) > MAX_RULE_LENGTH:
        raise _too_long(raw)
    registry = units or default_units()
    unit = _context_unit(unit, registry)
    _whole("year", year, MIN_YEAR, MAX_YEAR)
    if term is not None:
        if not isinstance(term, tuple) or len(term) != 2:
            shown = safe_repr(term, limit=60)
            msg = f"term={shown} must be the first and last year, e.g. (2025, 2030)"
            raise ArgumentTypeError(
                msg,
                code="argument.type",
                vi=f"term={shown} phải gồm năm đầu và năm cuối, ví dụ (2025, 2030)",
                text=shown,
            )
        _whole("term", term[0], MIN_YEAR, MAX_YEAR)
        _whole("term", term[1], MIN_YEAR, MAX_YEAR)
    _whole("org_unit_count", org_unit_count, 0, None)

    def phrase() -> Rule:
        return parse_vietnamese(
            raw,
            units=registry,
            number_format=number_format,
            org_unit_count=org_unit_count,
            unit=unit,
            year=year,
            term=term,
        )

    if not (starts_with_operator(raw) or caseless(raw).startswith(("is ", "all ", "cumulative "))):
        return phrase()
    try:
        return parse_canonical(raw, units=registry, number_format=number_format)
    except ParseError:
        if raw.isascii():
            raise
        # "≥ 98% hộ gia đình": a symbol before Vietnamese words, read as a phrase
        try:
            return phrase()
        except ThiduaError:
            pass
        raise


def _context_unit(unit: object, registry: Units) -> str | None:
    """The indicator's unit given to :func:`parse_rule`, by its canonical name."""
    if unit is None:
        return None
    if not isinstance(unit, str):
        shown = safe_repr(unit, limit=60)
        msg = f"unit={shown} must be the name of a unit, such as '%' or 'hộ'"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"đơn vị tính unit= phải là tên một đơn vị, ví dụ '%' hoặc 'hộ', không phải {shown}",
            text=shown,
        )
    info = registry.get(unit.removesuffix("/năm").rstrip()) if unit.endswith("/năm") else None
    return (info or registry.resolve(unit)).name  # "triệu đồng/người/năm": the annual suffix


def _whole(name: str, value: object, low: int, high: int | None) -> None:
    """``year=`` and ``org_unit_count=`` are whole numbers in range, or None."""
    if value is None:
        return
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or value < low
        or (high is not None and value > high)
    ):
        shown = safe_repr(value, limit=60)
        span = f"from {low} to {high}" if high is not None else f"of {low} or more"
        span_vi = f"từ {low} đến {high}" if high is not None else f"từ {low} trở lên"
        msg = f"{name}={shown} must be a whole number {span}"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"{name}={shown} phải là một số nguyên {span_vi}",
            text=shown,
        )


_EXAMPLE = "write e.g. '>= 97.5 %' or 'trên 98%'"
_EXAMPLE_VI = "hãy viết ví dụ '>= 97.5 %' hoặc 'trên 98%'"


def _too_long(text: str) -> ParseError:
    msg = f"the rule is longer than {MAX_RULE_LENGTH} characters"
    return ParseError(
        msg,
        code="rule.too_long",
        vi=f"mức yêu cầu dài quá {MAX_RULE_LENGTH} ký tự",
        hint="write the rule alone; put explanations in the indicator's notes",
        hint_vi="hãy chỉ viết mức yêu cầu; phần giải thích ghi vào ghi chú (notes) của chỉ tiêu",
        text=printable(text[:40]) + "…",
        position=MAX_RULE_LENGTH,
    )
