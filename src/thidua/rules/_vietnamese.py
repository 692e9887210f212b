"""Reading the Vietnamese phrasing of real plans (the phrase table in ``phrases.toml``).

Every pattern of the table is matched in time linear in the length of the text
(the rules are in the header of ``phrases.toml``; ``tests/test_linear_time.py``
checks each pattern's structure and times adversarial texts). The leading verbs
(``{pre}``) are read by one possessive loop whose words each end with their
space, so a run of them ("đạt điểm số đạt điểm số …") is read one way only; a
verb that begins a phrase of its own ("có thêm", "đạt chuẩn") is left to it.
"""

from __future__ import annotations

import functools
import re
import tomllib
from typing import Any

import attrs

from thidua._files import packaged_text
from thidua._text import caseless, nfc, printable, squeeze
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
    "{pre}": (
        r"(?:(?>phấn đấu |phân đấu |phân đầu |có (?!thêm )|đạt điểm số |đạt (?!chuẩn)"
        r"|điểm số |duy trì |số lượng ))*+"
    ),
    "{ou}": r"(?:khóm|ấp|tổ dân phố|xã|phường|đơn vị|thôn|bản|tổ)",
}
_DESCRIPTION = r"(?P<rest> .*)?"
_NUMBER = re.compile(r"[+-]?\d[\d.,]*+")
_ANNUAL = re.compile(r"\s*+/\s*+(?:năm|year)\b")
#: A comma between words ("100%, trở lên"), read as a space.
_COMMA = re.compile(r",(?=\s)")
_MEANINGFUL = re.compile(r"\d|%|so với|năm trước|cùng kỳ|trở lên|trở xuống|chỉ tiêu")


@attrs.frozen
class Phrase:
    """One row of the phrase table."""

    patterns: tuple[re.Pattern[str], ...]
    rule: str
    describes: bool
    examples: tuple[str, ...]
    #: Whether the number is a change or a share, which a sign would turn around.
    unsigned: bool = False


def normalise(text: str) -> str:
    """NFC, lower case, single spaces, no trailing punctuation, ``a, b`` as ``a b``.

    The text the phrase table is matched on: a pre-pass of the grammar, not a
    lookup key. It drops the commas between words and the final ``.;:!`` a phrase
    may carry ("trên 98%."), which an id or a name keeps, so it is not
    :func:`thidua._text.fold` (the key of those); it is built from the same
    primitives, so its case and Unicode folding are the lookups' own.
    """
    return squeeze(_COMMA.sub(" ", caseless(text))).rstrip(" .;:!")


def _compile(pattern: str, describes: bool) -> re.Pattern[str]:
    source = nfc(pattern)  # patterns are written in lower case
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
            unsigned=row.get("unsigned", False),
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


_HINT_WORDS = "keep the phrase as the plan writes it, without words that change its meaning"
_HINT_WORDS_VI = "hãy giữ cách viết của kế hoạch, không thêm từ làm thay đổi nghĩa"


def _unexpected(words: str, after: str, after_vi: str, text: str) -> ParseError:
    shown = printable(repr(words[:60]))
    return ParseError(
        f"unexpected {shown} after {after}",
        code="rule.unexpected_words",
        vi=f"không hiểu phần {shown} viết thêm sau {after_vi}",
        hint=_HINT_WORDS,
        hint_vi=_HINT_WORDS_VI,
        text=printable(text),
    )


def _read_quantity(
    text: str, *, units: Units, number_format: NumberFormat, describes: bool
) -> Quantity:
    """A number, the longest unit name that follows it, and (if allowed) a description."""
    number = _NUMBER.match(text)
    if number is None:  # pragma: no cover - the pattern guarantees a digit
        raise _NoMatchError(_unexpected(text, "the verb", "động từ", text))
    value = parse_number(number[0], number_format=number_format)
    rest = _ANNUAL.sub("", text[number.end() :].replace("%", " % ", 1)).split()
    unit: str | None = None
    used = 0
    for size in range(min(len(rest), units.max_words), 0, -1):  # no unit has more words
        info = units.get(" ".join(rest[:size]))
        if info is not None:
            unit, used = info.name, size
            break
    leftover = " ".join(rest[used:])
    if leftover:
        if not describes:
            if unit is None:
                shown, after = printable(repr(leftover[:60])), printable(repr(number[0]))
                known = units.labels()
                msg = f"unknown unit {shown} after {after}"
                raise _NoMatchError(
                    UnitError(
                        msg,
                        code="unit.unknown",
                        vi=f"không có đơn vị tính {shown} sau số {after}",
                        hint=f"known units: {known}",
                        hint_vi=f"các đơn vị tính đã biết: {known}",
                        text=printable(text),
                    )
                )
            en = f"{number[0]} {units.label(unit, 'en')}"
            vi = f"{number[0]} {units.label(unit, 'vi')}"
            raise _NoMatchError(_unexpected(leftover, en, vi, text))
        if _MEANINGFUL.search(leftover):
            shown = printable(repr(leftover[:60]))
            msg = f"the words {shown} after the number change the meaning"
            raise _NoMatchError(
                ParseError(
                    msg,
                    code="rule.unexpected_words",
                    vi=f"các từ {shown} sau con số làm thay đổi nghĩa",
                    hint=_HINT_WORDS,
                    hint_vi=_HINT_WORDS_VI,
                    text=printable(text),
                )
            )
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
    shown = printable(repr(text))
    if near_miss is not None:
        msg = f"cannot read rule {shown}: {near_miss.what()}"
        hint, hint_vi = near_miss.how("en"), near_miss.how("vi")
        raise ParseError(
            msg,
            code=near_miss.code,
            vi=f"không đọc được mức yêu cầu {shown}: {near_miss.what('vi')}",
            hint=hint or f"understood phrasings: {forms}",
            hint_vi=hint_vi or f"các cách viết đọc được: {forms}",
            text=printable(text),
            position=0,
        )
    msg = (
        f"cannot read rule {shown}: it is neither a canonical rule nor a known Vietnamese phrasing"
    )
    canonical = "'>= 97.5 %', '> previous', '<= previous - 2 household', 'is true', 'all org units'"
    raise ParseError(
        msg,
        code="rule.unknown_phrase",
        vi=(
            f"không đọc được mức yêu cầu {shown}: không phải dạng chuẩn,"
            " cũng không phải cách viết tiếng Việt đã biết"
        ),
        hint=f"understood: canonical rules such as {canonical}; phrasings such as {forms}",
        hint_vi=f"hãy viết theo dạng chuẩn như {canonical}, hoặc theo cách viết như {forms}",
        text=printable(text),
        position=0,
    )


def _signed_change(number: str, text: str, position: int) -> ParseError:
    shown = printable(number)
    return ParseError(
        f"the number {shown} carries a sign, but the words give the direction of the change",
        code="rule.signed_change",
        vi=f"số {shown} không được mang dấu: tăng hay giảm phải nói bằng lời",
        hint=(
            "state the direction in words and write the number without a sign: "
            "'giảm 5%' instead of 'tăng -5%', 'tăng 5%' instead of 'tăng +5%'"
        ),
        hint_vi=(
            "hãy viết số không có dấu: 'giảm 5%' thay cho 'tăng -5%', 'tăng 5%' thay cho 'tăng +5%'"
        ),
        text=printable(text),
        position=position,
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
        shown = printable(repr(rest.strip()[:60]))
        example = repr(phrase.examples[0])
        msg = f"the words {shown} change the meaning of {example}"
        raise _NoMatchError(
            ParseError(
                msg,
                code="rule.unexpected_words",
                vi=f"các từ {shown} làm thay đổi nghĩa của {example}",
                hint=_HINT_WORDS,
                hint_vi=_HINT_WORDS_VI,
                text=printable(text),
            )
        )
    if phrase.rule == "{org}":
        return _org_units(groups, org_unit_count, text)
    canonical = phrase.rule
    if groups.get("q") is not None:
        if phrase.unsigned and groups["q"][0] in "+-":
            number = _NUMBER.match(groups["q"])
            raise _signed_change(number[0] if number else groups["q"], text, match.start("q"))
        try:
            q = _read_quantity(
                groups["q"], units=units, number_format=number_format, describes=phrase.describes
            )
        except ParseError as exc:
            if exc.code == "number.ambiguous":
                raise ParseError(
                    exc.what("en"),
                    code=exc.code,
                    vi=exc.what("vi"),
                    hint=exc.how("en"),
                    hint_vi=exc.how("vi"),
                    text=printable(text),
                    position=match.start("q"),
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
    except ParseError as exc:  # pragma: no cover - the table's rules are canonical
        raise _NoMatchError(exc) from None


def _org_units(groups: dict[str, str], org_unit_count: int | None, text: str) -> Rule:
    """``4/5 khóm``: how many of the plan's org units must meet the rule."""
    achieved, total = int(groups["n"]), int(groups["m"])
    if achieved > total:
        msg = f"{achieved}/{total} asks for more org units than there are"
        raise ParseError(
            msg,
            code="rule.org_unit_count",
            vi=f"{achieved}/{total}: số khóm/ấp phải đạt lớn hơn tổng số khóm/ấp",
            hint="the first number counts the org units that must meet the rule, of the second",
            hint_vi="số thứ nhất là số khóm/ấp phải đạt, số thứ hai là tổng số khóm/ấp",
            text=printable(text),
            position=0,
        )
    if org_unit_count is not None and total != org_unit_count:
        shown = printable(repr(text))
        msg = f"{shown} speaks of {total} org units but the plan has {org_unit_count}"
        raise ParseError(
            msg,
            code="rule.org_unit_count",
            vi=f"{shown} nói tới {total} khóm/ấp nhưng kế hoạch có {org_unit_count} khóm/ấp",
            hint="correct the count or the plan's org units",
            hint_vi="hãy sửa lại con số, hoặc danh sách khóm/ấp (org_units) của kế hoạch",
            text=printable(text),
            position=0,
        )
    return OrgUnits() if achieved == total else OrgUnits(achieved)
