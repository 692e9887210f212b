"""Reading the Vietnamese phrasing of real plans (the phrase table in ``phrases.toml``)."""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from typing import Any

import attrs

from thidua._files import packaged_text
from thidua.errors import ParseError, ThiduaError, UnitError
from thidua.numbers import NumberFormat, parse_number
from thidua.rules._grammar import parse_canonical
from thidua.rules._model import OrgUnits, Rule
from thidua.units import Quantity, Units

_PLACEHOLDERS = {
    "{q}": r"(?P<q>[+-]?\d.*?)",
    "{prev}": (
        r"(?:so với )?(?:năm trước(?: liền kề)?(?: trước đó)?|cùng kỳ(?: năm trước)?"
        r"|năm \d{4}|kỳ trước)"
    ),
    "{pre}": r"(?:(?:phấn đấu|phân đấu|phân đầu|có|đạt|đạt điểm số|điểm số|duy trì|số lượng) )*",
    "{ou}": r"(?:khóm|ấp|tổ dân phố|xã|phường|đơn vị|thôn|bản|tổ)",
}
_DESCRIPTION = r"(?P<rest> .*)?"
_NUMBER = re.compile(r"[+-]?\d[\d.,]*")
_ANNUAL = re.compile(r"\s*/\s*(?:năm|year)\b")
_MEANINGFUL = re.compile(r"\d|%|so với|năm trước|cùng kỳ|trở lên|trở xuống|chỉ tiêu")


@attrs.frozen
class Phrase:
    """One row of the phrase table."""

    patterns: tuple[re.Pattern[str], ...]
    rule: str
    describes: bool
    examples: tuple[str, ...]


def normalise(text: str) -> str:
    """NFC, lower case, single spaces, no trailing punctuation, ``a, b`` as ``a b``."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r",(?=\s)", " ", text)
    text = " ".join(text.split())
    return text.rstrip(" .;:!")


def _compile(pattern: str, describes: bool) -> re.Pattern[str]:
    source = unicodedata.normalize("NFC", pattern)  # patterns are written in lower case
    for key, value in _PLACEHOLDERS.items():
        source = source.replace(key, value)
    if describes and "(?P<q>" not in source:
        source += _DESCRIPTION
    return re.compile(source)


@functools.cache
def phrase_table() -> tuple[Phrase, ...]:
    """The phrase table, compiled (data in ``rules/phrases.toml``)."""
    raw: dict[str, Any] = tomllib.loads(packaged_text("rules", "phrases.toml"))
    return tuple(
        Phrase(
            patterns=tuple(_compile(p, row.get("describes", False)) for p in row["patterns"]),
            rule=row["rule"],
            describes=row.get("describes", False),
            examples=tuple(row["examples"]),
        )
        for row in raw["phrase"]
    )


def examples() -> list[str]:
    """One example of each understood Vietnamese phrasing, for error messages and docs."""
    return [row.examples[0] for row in phrase_table()]


class _NoMatchError(Exception):
    """A phrase matched in shape but its parts did not (tried the next one)."""

    def __init__(self, error: ThiduaError) -> None:
        super().__init__(error.what())
        self.error = error


def _read_quantity(
    text: str, *, units: Units, number_format: NumberFormat, describes: bool
) -> Quantity:
    """A number, the longest unit name that follows it, and (if allowed) a description."""
    number = _NUMBER.match(text)
    if number is None:  # pragma: no cover - the pattern guarantees a digit
        raise _NoMatchError(ParseError(f"expected a number in {text!r}", text=text))
    value = parse_number(number[0], number_format=number_format)
    rest = _ANNUAL.sub("", text[number.end() :].replace("%", " % ", 1)).split()
    unit: str | None = None
    used = 0
    for size in range(len(rest), 0, -1):
        info = units.get(" ".join(rest[:size]))
        if info is not None:
            unit, used = info.name, size
            break
    leftover = " ".join(rest[used:])
    if leftover:
        if not describes:
            known = ", ".join(sorted(i.vi or i.name for i in units if i.vi))
            if unit is None:
                msg = f"unknown unit {leftover!r} after {number[0]!r}"
                raise _NoMatchError(UnitError(msg, text=text, hint=f"known units: {known}"))
            msg = f"unexpected {leftover!r} after {number[0]} {unit}"
            raise _NoMatchError(ParseError(msg, text=text))
        if _MEANINGFUL.search(leftover):
            msg = f"the words {leftover!r} after the number change the meaning"
            raise _NoMatchError(ParseError(msg, text=text))
    return Quantity(value, unit)


def _percent_of(q: Quantity, change: int) -> Quantity:
    return Quantity(100 + change * q.magnitude, "percent")


def parse_vietnamese(
    text: str,
    *,
    units: Units,
    number_format: NumberFormat = None,
    org_unit_count: int | None = None,
) -> Rule:
    """Read a Vietnamese phrasing; raise :class:`ParseError` if no row of the table fits."""
    norm = normalise(text)
    near_miss: ThiduaError | None = None
    for phrase in phrase_table():
        for pattern in phrase.patterns:
            match = pattern.fullmatch(norm)
            if match is None:
                continue
            try:
                return _build(
                    phrase,
                    match,
                    units=units,
                    number_format=number_format,
                    org_unit_count=org_unit_count,
                    text=text,
                )
            except _NoMatchError as miss:
                near_miss = near_miss or miss.error
    forms = "; ".join(repr(e) for e in examples())
    if near_miss is not None:
        msg = f"cannot read rule {text!r}: {near_miss.what()}"
        raise ParseError(
            msg, text=text, position=0, hint=near_miss.hint or f"understood phrasings: {forms}"
        )
    msg = (
        f"cannot read rule {text!r}: it is neither a canonical rule nor a known Vietnamese phrasing"
    )
    raise ParseError(
        msg,
        text=text,
        position=0,
        hint=(
            "understood: canonical rules such as '>= 97.5 %', '> previous', "
            f"'<= previous - 2 household', 'is true', 'all org units'; phrasings such as {forms}"
        ),
    )


def _build(
    phrase: Phrase,
    match: re.Match[str],
    *,
    units: Units,
    number_format: NumberFormat,
    org_unit_count: int | None,
    text: str,
) -> Rule:
    groups = match.groupdict()
    rest = groups.get("rest")
    if rest and _MEANINGFUL.search(rest):
        msg = f"the words {rest.strip()!r} change the meaning of {phrase.examples[0]!r}"
        raise _NoMatchError(ParseError(msg, text=text))
    if phrase.rule == "{org}":
        achieved, total = int(groups["n"]), int(groups["m"])
        if achieved > total:
            msg = f"{achieved}/{total} asks for more org units than there are"
            raise ParseError(msg, text=text, position=0)
        if org_unit_count is not None and total != org_unit_count:
            msg = f"{text!r} speaks of {total} org units but the plan has {org_unit_count}"
            raise ParseError(
                msg, text=text, position=0, hint="correct the count or the plan's org units"
            )
        return OrgUnits() if achieved == total else OrgUnits(achieved)
    canonical = phrase.rule
    if groups.get("q") is not None:
        try:
            q = _read_quantity(
                groups["q"], units=units, number_format=number_format, describes=phrase.describes
            )
        except ParseError as exc:
            if "ambiguous" in exc.what():
                raise ParseError(
                    exc.what(), text=text, position=match.start("q"), hint=exc.hint
                ) from None
            raise _NoMatchError(exc) from None
        if canonical in ("{growth}", "{decline}"):
            change = 1 if canonical == "{growth}" else -1
            if q.unit == "percent":
                sign = ">=" if change > 0 else "<="
                canonical = f"{sign} previous * {_percent_of(q, change)}"
            else:
                canonical = f">= previous + {q}" if change > 0 else f"<= previous - {q}"
        elif canonical == ">= assigned * {q}" and q == Quantity(100, "percent"):
            canonical = ">= assigned"
        else:
            canonical = canonical.replace("{q}", str(q))
    try:
        return parse_canonical(canonical, units=units)
    except ParseError as exc:  # e.g. a negative growth: not a phrasing we understand
        raise _NoMatchError(exc) from None
