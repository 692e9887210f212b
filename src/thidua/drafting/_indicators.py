"""One item of a plan document ("Tỷ lệ hộ nghèo giảm 02 hộ/năm") as an indicator.

The item is cut into a name and a target phrase; the phrase is read by
:func:`thidua.rules.parse_rule`. Nothing is guessed: an item whose target the
reader refuses keeps its text, with no rule, and a review note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs

from thidua._text import squeeze
from thidua.drafting._notes import ReviewNote, config, note
from thidua.errors import ThiduaError
from thidua.plans import Combine, Indicator
from thidua.rules import (
    MAX_RULE_LENGTH,
    Comparison,
    Flag,
    Op,
    OrgUnits,
    Previous,
    Range,
    Rule,
    parse_rule,
)
from thidua.units import Quantity, Units

#: Most candidate starts of a target tried in one item.
_MAX_TRIES = 12
_WORD = re.compile(r"\S+")
#: Refusals that concern the target itself: no shorter cut of the text is tried.
_FINAL = frozenset(
    {"rule.two_targets", "rule.term_target", "rule.signed_change", "rule.change_direction"}
)
_ZERO = ("không để xảy ra", "không để", "không có", "không còn", "không phát sinh")


@attrs.frozen
class Where:
    """Where an item is in the document."""

    line: int | None = None
    table: int | None = None
    cell: str | None = None


@attrs.frozen
class Context:
    """What the reader needs to know of the plan."""

    year: int | None
    units: Units
    org_unit_count: int | None = None
    #: The unit a table states for the item, if any.
    unit: str | None = None


def _lower(text: str) -> str:
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower()[:1] or c for c in text)


_YEAR = re.compile(r"(?:19|20)\d\d(?!\d)")


def _starts(text: str, words: list[str], *, numbers: bool = True) -> Iterator[int]:
    """Positions where a target word (or a number, not a year) starts, at word boundaries."""
    low = _lower(text)
    for match in _WORD.finditer(low):
        i = match.start()
        if low[i].isdigit():
            if numbers and not _YEAR.match(low, i):
                yield i
            continue
        for word in words:
            end = i + len(word)
            if low.startswith(word, i) and (end == len(low) or not low[end].isalnum()):
                yield i
                break


def after_separator(low: str, at: int) -> bool:
    """Whether position ``at`` follows a comma or *và* (and spaces)."""
    i = at - 1
    while i >= 0 and low[i].isspace():
        i -= 1
    return i >= 0 and (
        low[i] == "," or (low[i - 1 : i + 1] == "và" and (i < 2 or low[i - 2] == " "))
    )


def _has(text: str, words: list[str]) -> str | None:
    low = _lower(text)
    for word in words:
        at = low.find(word)
        while at != -1:
            end = at + len(word)
            starts = not word[:1].isalnum() or at == 0 or not low[at - 1].isalnum()
            if starts and (end == len(low) or not low[end].isalnum() or not word[-1:].isalnum()):
                return word
            at = low.find(word, at + 1)
    return None


def _trim(text: str) -> str:
    return squeeze(text).strip(" ,;:-–—.").strip()


def _unit_of(rule: Rule) -> str | None:
    quantity: Quantity | None = None
    if isinstance(rule, Comparison):
        operand = rule.operand
        if isinstance(operand, Quantity):
            quantity = operand
        elif isinstance(operand, Previous):
            quantity = operand.offset
    elif isinstance(rule, Range):
        quantity = rule.low
    return quantity.unit if quantity is not None else None


def _zero(rule: Rule) -> bool:
    return (
        isinstance(rule, Comparison)
        and isinstance(rule.operand, Quantity)
        and rule.operand.magnitude == 0
    )


def _counted_unit(text: str, units: Units) -> str | None:
    """The unit a name that counts says ("Số doanh nghiệp …" counts establishments)."""
    words = _lower(text).replace(",", " ").split()
    if not words or words[0] != "số":
        return None
    words.pop(0)
    while words and words[0] in {"lượng", "các", "những"}:
        words.pop(0)
    for size in (3, 2, 1):
        if len(words) >= size:
            found = units.get(" ".join(words[:size]))
            if found is not None:
                return found.name
    return None


@attrs.frozen
class Reading:
    """What was read from one clause."""

    name: str
    rule: Rule | None
    error: ThiduaError | None = None
    #: The review note's code when no rule is taken, and the words that say why.
    code: str = "draft.no_rule"
    word: str = ""
    #: The text the reading was made from.
    clause: str = ""


def _parse(text: str, ctx: Context, unit: str | None = None, *, rate: bool = False) -> Rule:
    """Read a target; on a rate ("Tỷ lệ …") a change in % is in percentage points."""
    unit = unit or ctx.unit
    if unit is None and rate:
        try:
            return parse_rule(
                text,
                units=ctx.units,
                year=ctx.year,
                org_unit_count=ctx.org_unit_count,
                unit="percent",
            )
        except ThiduaError as exc:
            if exc.code != "unit.incompatible":
                raise
    return parse_rule(
        text, units=ctx.units, year=ctx.year, org_unit_count=ctx.org_unit_count, unit=unit
    )


_COLON = re.compile(r"(?<!\d):|(?<=\D):(?=\d)|:(?=\D)")


def _colon(clause: str) -> int | None:
    """Where "name: target" is cut: the last colon with text after it."""
    found = None
    for match in _COLON.finditer(clause):
        if clause[match.end() :].strip():
            found = match.start()
    return found


def _per(name: str, rule: Rule, ctx: Context) -> tuple[str | None, str]:
    """The unit a "per" name gives the target ("… bình quân đầu người: 104 triệu đồng")."""
    unit = _unit_of(rule)
    for entry in config()["targets"]["per"]:
        word = _has(name, entry["words"])
        if word is None:
            continue
        if unit is None:
            return None, word
        label = ctx.units.label(unit, "vi")
        if "/" in label or "/" in unit or "_per_" in unit:
            return unit, ""
        for alias in (f"{label}{entry['suffix']}", f"{_lower(label)}{entry['suffix']}"):
            info = ctx.units.get(alias)
            if info is not None:
                return info.name, ""
        return None, word
    return unit, ""


def read_clause(text: str, ctx: Context) -> Reading:
    """Cut a clause into its name and its target, and read the target."""
    clause = _trim(text)
    if len(re.findall(r"[^\W\d_]+", clause)) < 2:  # "98%", "1": a figure of nothing named
        return Reading(clause, None, None, "draft.no_subject", clause, clause)
    hedge = _has(clause, config()["targets"]["hedges"])
    if hedge:
        return Reading(clause, None, None, "draft.hedge", hedge, clause)
    at = _colon(clause)
    if at is not None:
        reading = _read_colon(clause[:at], clause[at + 1 :], ctx)
    else:
        reading = _read_words(clause, ctx)
        reading = _checked(reading, reading.name if reading.name != clause else "", ctx, clause)
    return attrs.evolve(reading, clause=clause)


def _read_colon(name: str, target: str, ctx: Context) -> Reading:
    name, target = _trim(name), _trim(target)
    if target[:1].isdigit() and not _has(
        target, [*config()["targets"]["words"], "trở lên", "trở xuống"]
    ):
        word = _has(name, config()["targets"]["bare_review"])
        if word:
            return Reading(name, None, None, "draft.bare", word)
    try:
        rule = _parse(target, ctx, rate=_is_rate(name))
    except ThiduaError as exc:
        return Reading(name, None, exc)
    return _checked(Reading(name, rule), name, ctx, target)


def _is_rate(text: str) -> bool:
    return _has(text, config()["units"]["rate_words"]) is not None


def _checked(reading: Reading, name: str, ctx: Context, target: str) -> Reading:
    """A reading whose name asks for a unit per something is read in that unit."""
    if reading.rule is None or not name:
        return reading
    unit, word = _per(name, reading.rule, ctx)
    if word:
        return Reading(reading.name, None, None, "draft.per_unit", word)
    if unit is not None and unit != _unit_of(reading.rule):
        try:
            return Reading(reading.name, _parse(target, ctx, unit))
        except ThiduaError as exc:
            return Reading(reading.name, None, exc)
    return reading


def _read_words(clause: str, ctx: Context) -> Reading:
    words: list[str] = config()["targets"]["words"]
    starts = list(_starts(clause, words))[:_MAX_TRIES]
    rate = _is_rate(clause)
    bare = _has(clause, config()["targets"]["bare_review"])
    # a bare figure starts a target after a comma ("…, 06 người/năm") or on a rate
    word_starts = sorted(
        i
        for i in starts
        if not clause[i].isdigit() or (not bare and (rate or clause[:i].rstrip().endswith(",")))
    )
    try:
        whole: Rule | None = _parse(clause, ctx, rate=rate)
        error: ThiduaError | None = None
    except ThiduaError as exc:
        whole, error = None, exc
    if whole is not None:
        for start in starts:
            if start == 0:
                continue
            try:
                target = _parse(clause[start:], ctx, rate=rate)
            except ThiduaError:
                continue
            if target == whole:
                of_words = clause[start].isdigit() and _figure_of_words(clause[start:], ctx)
                return Reading(clause if of_words else _named(clause, start), whole)
        return Reading(clause, whole)
    if error is not None and error.code in _FINAL:
        return Reading(clause, None, error)  # the reader understood the text, and refused it
    directions: list[str] = config()["targets"]["directions"]
    for start in word_starts:
        if start == 0:
            continue
        name = clause[:start]
        if "%" in name or _has(name, directions):
            break  # a number or a direction left in the name: the cut would change the target
        try:
            rule = _parse(clause[start:], ctx, rate=rate)
        except ThiduaError:
            continue
        return Reading(_named(clause, start), rule)
    return Reading(clause, None, error)


def _figure_of_words(target: str, ctx: Context) -> bool:
    """Whether a figure is of words written right after it ("100% các nhiệm vụ …").

    Then the words before the figure ("Hoàn thành đúng hạn") do not name the
    indicator alone. Words after a comma ("772 ha, trong đó") are not the figure's.
    """
    try:
        rule = _parse(target.split(",", 1)[0], ctx)
    except ThiduaError:
        return False
    return bool(getattr(rule, "note", ""))


def _named(clause: str, start: int) -> str:
    """The name before a target, or the whole clause if only fillers are left."""
    name = _trim(clause[:start])
    rest = _lower(name)
    fillers: list[str] = config()["targets"]["fillers"]
    stripped = True
    while stripped:
        stripped = False
        for word in fillers:
            if rest.startswith(word + " ") or rest == word:
                rest = rest[len(word) :].strip()
                stripped = True
    return name if len(rest.split()) > 2 else clause


def split_targets(clause: str, ctx: Context) -> list[Reading] | None:
    """A clause that states several targets (", kéo giảm …, không để xảy ra …"), or None.

    The clause is cut before each target word that follows a comma or *và*; a
    piece with no target of its own goes with the next one. Only if every piece
    reads is the clause taken as several targets.
    """
    words: list[str] = config()["targets"]["words"]
    if len(clause) > MAX_RULE_LENGTH:
        return None  # no piece of it could be longer than a rule, nor read
    low = _lower(clause)
    cuts = [0, *(i for i in _starts(clause, words) if i > 0 and after_separator(low, i))]
    if len(cuts) < 2:
        return None
    pieces = [clause[a:b] for a, b in zip(cuts, [*cuts[1:], len(clause)], strict=True)]
    readings: list[Reading] = []
    carry = ""
    for index, part in enumerate(pieces):
        piece = carry + part
        text = _trim(re.sub(r"\s+và$", "", piece.rstrip(" ,")))
        reading = read_clause(text, ctx)
        if reading.rule is None:
            if index == len(pieces) - 1:
                return None
            carry = piece
            continue
        carry = ""
        readings.append(reading)
    return readings if len(readings) >= 2 else None


def _split_zero(reading: Reading) -> list[Reading]:
    """One zero criterion for A and one for B in "không để xảy ra A và B"."""
    rule = reading.rule
    if rule is None or not _zero(rule):
        return [reading]
    low = _lower(reading.name)
    for word in _ZERO:
        at = low.find(word)
        if at != -1:
            rest = reading.name[at + len(word) :]
            parts = [_trim(p) for p in re.split(r"\s+và\s+", rest)]
            if len(parts) > 1 and all(parts):
                return [Reading(p, rule, clause=p) for p in parts]
    return [reading]


def _sentences(text: str) -> list[str]:
    """Cut at a full stop after a lower-case word and before a capital ("… đô thị. Phường …")."""
    out = []
    begin = 0
    at = text.find(". ")
    while at != -1:
        after = text[at + 2 :].lstrip()
        prev = text[at - 1] if at >= 2 else ""
        if (prev.islower() or prev.isdigit() or prev in "%)") and after[:1].isupper():
            out.append(text[begin:at])
            begin = at + 1
        at = text.find(". ", at + 2)
    out.append(text[begin:])
    return out


def clauses(text: str) -> list[str]:
    """The clauses of an item: cut at ";" and at full stops before a capital."""
    out = []
    for part in text.split(";"):
        out.extend(_sentences(part))
    return [_trim(p) for p in out if _trim(p)]


@attrs.frozen
class Drafted:
    """An indicator drafted from an item, with its review notes."""

    #: None when no target of the item could be read (its notes say why).
    indicator: Indicator | None
    notes: tuple[ReviewNote, ...]
    #: An org-unit count stated by a target ("5/5 khóm"): (count, kind word).
    org_units: tuple[int, str] | None = None


def draft_item(ident: str, text: str, where: Where, ctx: Context) -> Drafted:
    """The indicator (simple or composite) an item of a list states."""
    text = _trim(text)
    at = {"line": where.line, "table": where.table, "cell": where.cell}
    refused = _term_or_share(text, ctx)
    if refused is not None:
        code, word = refused
        return Drafted(None, (note(code, word=word, target=ident, text=text, **at),))
    notes = [
        note("draft.title_period", word=period, target=ident, text=text, **at)
        for period in _title_periods(text)
    ]
    drafted = _draft_item(ident, text, at, ctx, notes)
    return attrs.evolve(drafted, notes=(*notes, *drafted.notes))


def _draft_item(
    ident: str, text: str, at: dict[str, Any], ctx: Context, notes: list[ReviewNote]
) -> Drafted:
    """The indicator of an item that states no term target; ``notes`` takes the item's notes."""
    lists: list[str] = config()["targets"]["lists"]
    head, tail = _list_split(text, lists)
    if tail is not None:
        parts = [_trim(p) for p in re.split(r"[;]", tail) if _trim(p)]
        if len(parts) >= 2:
            reading = read_clause(head, ctx)
            readings = [Reading(p, reading.rule, reading.error) for p in parts]
            return _composite(ident, text, reading.name, readings, at, ctx)
    pieces = clauses(text)
    readings = []
    for piece in pieces:
        reading = read_clause(piece, ctx)
        if reading.rule is None:
            several = split_targets(piece, ctx)
            if several is not None:
                readings.extend(several)
                continue
        titles = _split_titles(reading)
        if titles is not None:
            words = "; ".join(t.name for t in titles)
            notes.append(note("draft.flag_split", word=words, target=ident, text=piece, **at))
            readings.extend(titles)
            continue
        readings.extend(_split_zero(reading) if len(pieces) > 1 else [reading])
    if len(readings) == 1:
        ind, more, org = _simple(ident, readings[0], text, at, ctx, whole=True)
        return Drafted(ind, tuple(more), org)
    return _composite(ident, text, text, readings, at, ctx)


_LIST_CUT = re.compile(r",|\s+và\s+")


def _split_titles(reading: Reading) -> list[Reading] | None:
    """One yes/no criterion for each title of "đạt chuẩn phường văn minh đô thị, đơn vị văn hóa".

    Only an explicit list: after a word of a standard (*đạt chuẩn*, *đạt danh
    hiệu* …), items cut at commas and *và*, each beginning with the kind of unit
    it is the title of (*phường …*, *đơn vị …*, *gia đình …*). "đạt chuẩn an toàn
    về an ninh, trật tự" is one title, and stays one flag (note ``draft.flag_list``).
    """
    if not isinstance(reading.rule, Flag):
        return None
    clause = reading.clause or reading.name
    low = _lower(clause)
    found = None
    for word in config()["targets"]["standards"]:
        at = low.find(word)
        if at != -1 and (found is None or at < found[0]):
            found = (at, at + len(word))
    if found is None:
        return None
    end = found[1]
    cut = _LIST_CUT.search(clause, end)
    items = [_trim(p) for p in _LIST_CUT.split(clause[end:])]
    heads: list[str] = config()["targets"]["title_heads"]
    if cut is None or not all(item and _starts_with(_lower(item), heads) for item in items):
        return None
    names = [_trim(clause[: cut.start()]), *items[1:]]  # the first with the words before
    return [Reading(name, reading.rule, clause=name) for name in names]


def _starts_with(low: str, words: list[str]) -> bool:
    """Whether ``low`` begins with one of ``words``, as a whole word."""
    return any(
        low.startswith(word) and (len(low) == len(word) or not low[len(word)].isalnum())
        for word in words
    )


_FUTURE = re.compile(r"năm\s+((?:19|20)\d\d)(?!\d)")
#: The period in the title of a set of criteria ("giai đoạn đến năm 2030", "giai đoạn
#: 2021-2025"): one pass, no nested repetition.
_PERIOD = re.compile(
    r"giai đoạn(?:\s++(?:đến|tới)\s++năm\s++(?:19|20)\d\d"
    r"|\s++(?:19|20)\d\d\s*+[-–]\s*+(?:19|20)\d\d)(?!\d)"
)


def _title_periods(text: str) -> list[str]:
    """The periods that end the title of a set of criteria in each clause of ``text``.

    "Đạt Bộ tiêu chí quốc gia về y tế xã giai đoạn đến năm 2030": the years name
    the set (its title), not the target's term. Only a period that ends its clause
    right after the words of the title (no figure, no comma between) is one.
    """
    found = []
    for clause in clauses(text):
        low = _lower(clause)
        for title in config()["targets"]["titles"]:
            at = low.find(title)
            if at == -1:
                continue
            period = _PERIOD.search(low, at + len(title))
            between = low[at + len(title) : period.start()] if period else ""
            if period and period.end() == len(low) and not re.search(r"[\d,]", between):
                found.append(clause[period.start() : period.end()])
            break
    return found


def _without_title_periods(head: str) -> str:
    """``head`` (lower case) without the periods of the titles it holds."""
    for period in _title_periods(head):
        head = head.replace(_lower(period), "")
    return head


def _term_or_share(text: str, ctx: Context) -> tuple[str, str] | None:
    """An item whose head states a term target or the shares of a structure.

    The period in the title of a set of criteria is no term ("đạt Bộ tiêu chí
    quốc gia về y tế xã giai đoạn đến năm 2030" is a target of the plan's year).
    """
    head = _without_title_periods(_lower(text.split(";", 1)[0]))
    cut = _colon(head)
    if cut is not None:
        head = head[:cut]
    word = _has(head, config()["targets"]["terms"])
    if word:
        return "draft.term", word
    if ctx.year is not None:
        for match in _FUTURE.finditer(head):
            before = head[: match.start()].rstrip()
            if int(match.group(1)) > ctx.year and not before.endswith(("so với", "hơn", "so")):
                return "draft.term", match.group(0)
    word = _has(head, config()["targets"]["shares"])
    if word:
        return "draft.share", word
    return None


def _list_split(text: str, lists: list[str]) -> tuple[str, str | None]:
    low = _lower(text)
    for word in lists:
        at = low.find(word)
        if at > 0:
            return _trim(text[:at]), text[at + len(word) :]
    return text, None


def _composite(  # noqa: PLR0917  (the parts of one item)
    ident: str,
    text: str,
    name: str,
    readings: list[Reading],
    at: dict[str, Any],
    ctx: Context,
) -> Drafted:
    notes: list[ReviewNote] = []
    criteria = []
    org = None
    for index, reading in enumerate(readings):
        sub = f"{ident}{chr(ord('a') + index)}" if index < 26 else f"{ident}_{index + 1}"
        ind, more, found = _simple(
            sub, reading, reading.clause or reading.name, at, ctx, whole=False
        )
        notes.extend(more)
        if ind is not None:
            criteria.append(ind)
            org = org or found
    if not criteria:
        return Drafted(None, tuple(notes), None)
    composite = Indicator(ident, _name(name), combine=Combine.ALL, criteria=criteria, text=text)
    return Drafted(composite, tuple(notes), org)


def _name(text: str) -> str:
    name = _trim(text)
    return name[:1].upper() + name[1:] if name else "?"


def _simple(
    ident: str,
    reading: Reading,
    text: str,
    at: dict[str, Any],
    ctx: Context,
    *,
    whole: bool,
) -> tuple[Indicator | None, list[ReviewNote], tuple[int, str] | None]:
    notes: list[ReviewNote] = []
    rule = reading.rule
    name = _name(reading.name)
    where = {**at, "target": ident, "text": text}
    if rule is None:
        if reading.code != "draft.no_rule":
            notes.append(note(reading.code, word=reading.word, **where))
            return None, notes, None
        reason = reading.error.what("en") if reading.error else "no target"
        reason_vi = reading.error.what("vi") if reading.error else "không có mức yêu cầu"
        notes.append(note("draft.no_rule", reason=reason, reason_vi=reason_vi, **where))
        return None, notes, None
    unit = _unit_of(rule) if rule is not None else None
    rate = _has(name, config()["units"]["rate_words"])
    if unit is not None and unit != "percent" and rate:
        label = ctx.units.label(unit, "en")
        label_vi = ctx.units.label(unit, "vi")
        notes.append(note("draft.unit_conflict", word=rate, unit=label, unit_vi=label_vi, **where))
    if unit is None and not isinstance(rule, (Flag, OrgUnits)):
        if rate:
            unit = "percent"
        else:
            unit = _counted_unit(name, ctx.units)
            if unit is None and not _zero(rule):
                notes.append(note("draft.no_unit", **where))
    new = _new_ones(rule, reading.clause or text, ctx)
    if new is not None:
        rule = new
        notes.append(note("draft.new_ones", word="có thêm", number=str(new.operand), **where))
    added = _has(text, ["có thêm", "tăng thêm"])
    if (
        new is None
        and added
        and isinstance(rule, Comparison)
        and isinstance(rule.operand, Previous)
    ):
        offset = rule.operand.offset
        number = str(offset) if offset is not None else "1"
        notes.append(note("draft.added", word=added, number=number, **where))
    if isinstance(rule, Flag) and "," in text:
        notes.append(note("draft.flag_list", word=text, **where))
    org = None
    if isinstance(rule, OrgUnits) and rule.total is not None:
        kind = _kind(text)
        org = (rule.total, kind)
    shown = text
    try:
        return Indicator(ident, name, unit=unit, rule=rule, text=shown), notes, org
    except ThiduaError as exc:
        notes.append(
            note(
                "draft.rule_invalid",
                rule=str(rule),
                reason=exc.what("en"),
                reason_vi=exc.what("vi"),
                **where,
            )
        )
        return None, notes, None


def _new_ones(rule: Rule, clause: str, ctx: Context) -> Comparison | None:
    """``>= N`` for "có thêm (ít nhất) N …" that the reader reads ``>= previous + N``.

    In a plan for one year, "có thêm 01 sản phẩm OCOP" is one new product in the
    year: the indicator drafted counts the new ones (its name is the item's words),
    not the total. Only a rise by a count (no factor, no base year, no change in %),
    with "có thêm" and no other word of change in the clause; a note says so.
    """
    if not (
        isinstance(rule, Comparison)
        and rule.op in (Op.GE, Op.GT)
        and isinstance(rule.operand, Previous)
        and rule.operand.year is None
        and rule.operand.offset is not None
        and rule.operand.offset.magnitude > 0
    ):
        return None
    if not _has(clause, ["có thêm"]) or _has(clause, config()["targets"]["changes"]):
        return None
    offset = rule.operand.offset
    info = ctx.units.get(offset.unit) if offset.unit is not None else None
    if info is not None and not info.count:
        return None  # "có thêm 5 tỷ đồng": an amount, not things
    return Comparison(rule.op, offset, note=rule.note)


def _kind(text: str) -> str:
    matches = list(re.finditer(r"\d+\s*/\s*\d+\s+(\w+)", text))
    return _lower(matches[-1].group(1)) if matches else "đơn vị"
