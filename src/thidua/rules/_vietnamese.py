"""Reading the targets Vietnamese plans write: a tokenizer and a small grammar.

The grammar is data (``phrases.toml``): the vocabulary, by kind, and the forms,
each a sequence of token kinds and the meaning it has. :func:`parse_vietnamese`
tokenizes the text (:mod:`thidua.rules._tokens`), writes each token as the letter
of its kind, and matches that string against the forms, compiled to regular
expressions over letters with possessive repetitions only: one pass, one way.
The meaning of the first form that matches becomes a canonical rule, read by
the canonical grammar, so the two readers cannot disagree on what a rule is.

Where the meaning depends on context, it comes from the arguments: the
indicator's ``unit`` (a change of a rate is in percentage points), its plan's
``year`` (a base year) and ``org_unit_count`` (``5/5 khóm``). Without it the
rule stays open (``previous + 5 % change``) or the text is refused.
"""

# The refusals are made by one factory (_refuse) from their rows in refusals.toml.
# ruff: noqa: EM101, EM102
from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import attrs

from thidua._files import packaged_text
from thidua._text import nfc, printable
from thidua.errors import ParseError, ThiduaError
from thidua.numbers import NumberFormat, to_decimal_string
from thidua.rules._grammar import parse_canonical
from thidua.rules._model import Rule
from thidua.rules._tokens import Amount, Token, Tokenizer, Vocabulary, joined, lexemes, normalise
from thidua.units import Units

__all__ = ["Form", "examples", "normalise", "parse_vietnamese", "phrase_table"]

#: The operator each comparison kind means.
_OPS = {"G": ">=", "M": ">", "L": "<=", "S": "<", "E": "=="}
#: What a subject (the words after a target) may hold: words, fillers, org-unit
#: words, and qualifiers with their numbers ("trẻ em dưới 6 tuổi").
_SUBJECT = "(?P<subject>(?:[WfKk(][WfKQGMLSEkNyhrtAg()/]*+)?+)"
_LEAD = "(?P<lead>[WfKgy]*+)"
#: A subject without numbers, for targets without a number of their own
#: ("kéo giảm tình hình phạm pháp"): a number there would be a target left unread.
_WORDS_ONLY = "(?P<subject>(?:[WfKk][WfKkN]*+)?+)"


@attrs.frozen
class Form:
    """One form of the grammar: its token kinds, its meaning, real examples."""

    tokens: str
    pattern: re.Pattern[str]
    meaning: str
    op: str | None
    op_of: tuple[tuple[str, str], ...]
    examples: tuple[str, ...]


@attrs.frozen
class Grammar:
    """The vocabulary and the forms of ``phrases.toml``, compiled."""

    vocabulary: Vocabulary
    forms: tuple[Form, ...]
    #: The verbs of action, after which a bare count is a number to reach.
    verbs: frozenset[str]


def _compile(tokens: str) -> re.Pattern[str]:
    """A form's kinds as a regular expression over letters, every repetition possessive."""
    source = tokens.replace("lead", "\0").replace("subject", "\1").replace("words", "\2")
    out = []
    for char in source.replace(" ", ""):
        if char == "\0":
            out.append(_LEAD)
        elif char == "\1":
            out.append(_SUBJECT)
        elif char == "\2":
            out.append(_WORDS_ONLY)
        elif char == "(":
            out.append("(?:")
        elif char in "?*+":
            out.append(char + "+")
        else:
            out.append(re.escape(char) if char not in "|)" else char)
    return re.compile("".join(out))


@functools.cache
def grammar() -> Grammar:
    """The grammar of ``rules/phrases.toml``, compiled."""
    raw: dict[str, Any] = tomllib.loads(packaged_text("rules", "phrases.toml"))
    letter_of = {kind: letter for letter, kind in raw["letters"].items()}
    kinds: dict[str, str] = {}
    for kind, phrases in raw["words"].items():
        letter = "W" if kind == "subject" else ("f" if kind == "act" else letter_of[kind])
        for phrase in phrases:
            kinds.setdefault(joined(lexemes(normalise(nfc(phrase)))), letter)
    longest = max(len(lexemes(p)) for p in kinds)
    forms = tuple(
        Form(
            tokens=row["tokens"],
            pattern=_compile(row["tokens"]),
            meaning=row["meaning"],
            op=row.get("op"),
            op_of=tuple(row.get("op_of", {}).items()),
            examples=tuple(row["examples"]),
        )
        for row in raw["form"]
    )
    first = frozenset(p.split(" ")[0] for p in kinds)
    verbs = frozenset(normalise(nfc(p)) for p in raw["words"]["act"])
    return Grammar(Vocabulary(kinds, longest, first), forms, verbs)


def phrase_table() -> tuple[Form, ...]:
    """The forms of the grammar (their examples feed the docs and the tests)."""
    return grammar().forms


def examples() -> list[str]:
    """One example of each understood form, for error messages and docs."""
    return [form.examples[0] for form in grammar().forms if not form.meaning.startswith("refuse")]


@attrs.frozen
class Context:
    """What the text is read with: registry, format, and the indicator's context."""

    units: Units
    number_format: NumberFormat
    org_unit_count: int | None
    unit: str | None
    year: int | None
    text: str
    #: The plan's term (first and last year), if known.
    term: tuple[int, int] | None = None


def parse_vietnamese(
    text: str,
    *,
    units: Units,
    number_format: NumberFormat = None,
    org_unit_count: int | None = None,
    unit: str | None = None,
    year: int | None = None,
    term: tuple[int, int] | None = None,
) -> Rule:
    """Read a Vietnamese target; raise :class:`ParseError` if no form of the grammar fits."""
    norm = normalise(text)
    if number_format is None and _vietnamese_words(norm, units):
        number_format = "vi"  # Vietnamese words: numbers as Vietnamese write them
    ctx = Context(units, number_format, org_unit_count, unit, year, text, term)
    tokens = _this_year(Tokenizer(grammar().vocabulary, units, number_format).tokens(norm), year)
    codes = "".join(t.kind for t in tokens)
    _refuse_named(tokens, ctx)
    for form in grammar().forms:
        match = form.pattern.fullmatch(codes)
        if match is not None:
            parts = _Parts(tokens, match)
            _unknown_units(tokens, parts.core(), ctx)
            _one_target(tokens, match, ctx)
            note = _note(tokens, match)
            _rate_wording(note, ctx)
            rule: Rule = _MEANINGS[form.meaning](form, parts, ctx)
            return attrs.evolve(rule, note=note) if note else rule
    raise _refusal(tokens, codes, ctx)


def _rate_wording(note: str, ctx: Context) -> None:
    """Subject words that name a rate ("tỷ lệ hộ nghèo giảm 1,5%") on an indicator of a count.

    The rate's change and the count's change are different targets: neither is
    read as the other (a review found "tỷ lệ hộ nghèo giảm 1,5%" on an indicator
    counted in households read as 98,5 % of last year's households).
    """
    if not note.startswith("tỷ lệ") or _is_rate(ctx) is not False:
        return
    info = _unit_info(ctx)
    raise _refuse(
        "rate_wording",
        ctx,
        unit=printable(info.en or info.name),
        unit_vi=printable(info.vi or info.name),
    )


def _this_year(tokens: list[Token], year: int | None) -> list[Token]:
    """Without "năm 2025" or "vào năm 2025" where the plan is for 2025: it says when.

    A year named after "so với" is a reference and stays; so does any other year.
    A leading "chỉ tiêu" before what it labels ("chỉ tiêu phát triển 150 đảng
    viên") is a word of the subject, not the assigned target.
    """
    out = []
    for n, t in enumerate(tokens):
        own = year is not None and t.numbers[:1] == (year,)
        if own and t.kind == "Y" and (n == 0 or tokens[n - 1].kind != "C"):
            continue
        if own and t.kind in "TJ":  # "vào năm 2025", "đến năm 2025" in a 2025 plan: this year
            continue
        out.append(t)
    if len(out) > 1 and out[0].kind == "A" and out[0].text == "chỉ tiêu" and out[1].kind in "fUD":
        out[0] = attrs.evolve(out[0], kind="W")
    return out


_WORD = re.compile(r"[^\W\d_]++")


def _vietnamese_words(norm: str, units: Units) -> bool:
    """Whether the text is Vietnamese: letters beyond ASCII, or a Vietnamese word it knows.

    "3.830 ha" is Vietnamese (ha is the unit's Vietnamese name); "4.900 usd" is not.
    """
    if not norm.isascii():
        return True
    vocabulary = grammar().vocabulary
    for word in _WORD.findall(norm):
        info = units.get(word)
        if word in vocabulary.first or (
            info is not None and info.vi.casefold() == word and word != "usd"
        ):
            return True
    return False


@attrs.define
class _Parts:
    """The tokens of a match, by kind, outside the lead and the subject."""

    tokens: list[Token]
    match: re.Match[str]

    def core(self) -> list[Token]:
        lead_end = self.match.end("lead") if "lead" in self.match.re.groupindex else 0
        sub = self.match.start("subject") if "subject" in self.match.re.groupindex else None
        end = len(self.tokens) if sub is None else sub
        return self.tokens[lead_end:end]

    def first(self, kinds: str) -> Token | None:
        return next((t for t in self.core() if t.kind in kinds), None)

    def amounts(self) -> list[Amount]:
        return [t.amount for t in self.core() if t.amount is not None]


def _note(tokens: Sequence[Token], match: re.Match[str]) -> str:
    """The words of the subject, wherever they stand: what the target counts.

    The lead ("tỷ lệ hộ nghèo giảm 1%"), the words inside the target ("giảm tỷ lệ
    hộ nghèo còn 1,4%") and the subject after it ("trên 98% hộ dân …"), in order.
    """
    spans = [
        range(match.start(group), match.end(group))
        for group in ("lead", "subject")
        if group in match.re.groupindex
    ]
    pieces: list[list[Token]] = []
    run: list[Token] = []
    for n, token in enumerate(tokens):
        if any(n in span for span in spans) or token.kind in "WKV":
            run.append(token)
            continue
        if run:
            pieces.append(run)
            run = []
    if run:
        pieces.append(run)
    return "; ".join(
        " ".join(t.text for t in piece) for piece in pieces if any(t.kind in "WKQV" for t in piece)
    )


# ---------------------------------------------------------------- errors


@functools.cache
def _refusals() -> dict[str, dict[str, str]]:
    """The refusals of ``rules/refusals.toml``, by name."""
    found: dict[str, dict[str, str]] = tomllib.loads(packaged_text("rules", "refusals.toml"))
    return found


def _refuse(name: str, ctx: Context, at: int = 0, **values: object) -> ParseError:
    """The refusal ``name`` of ``refusals.toml`` for the text, at ``at``, with ``values``."""
    row = _refusals()[name]
    fields = {"shown": printable(repr(ctx.text[:80])), **values}
    en, vi, hint, hint_vi = (row[key].format(**fields) for key in ("en", "vi", "hint", "hint_vi"))
    return ParseError(
        en,
        code=row["code"],
        vi=vi,
        hint=hint,
        hint_vi=hint_vi,
        text=printable(ctx.text),
        position=at,
    )


def _refuse_named(tokens: Sequence[Token], ctx: Context) -> None:
    """Average-annual, multi-year and rating targets: refused, by name."""
    for token in tokens:
        if token.kind == "T":
            raise _refuse("term_target", ctx, token.start, word=printable(repr(token.text)))
        if token.kind == "R":
            raise _refuse("rating", ctx, token.start, word=printable(repr(token.text)))


def _unknown_units(tokens: Sequence[Token], core: Sequence[Token], ctx: Context) -> None:
    """A target's number followed by a word the registry does not know as a unit: refused.

    "đạt 907 tấn" where "tấn" is no unit must not become ``>= 907``.
    """
    position = {id(t): n for n, t in enumerate(tokens)}
    for here in core:
        n = position[id(here)]
        after = tokens[n + 1] if n + 1 < len(tokens) else None
        if (
            after is not None
            and here.kind == "Q"
            and here.amount is not None
            and here.amount.unit is None
            and after.kind == "W"
        ):
            shown, number = printable(repr(after.text)), printable(repr(here.text))
            known = ctx.units.labels()
            raise ParseError(
                f"unknown unit {shown} after {number}",
                code="unit.unknown",
                vi=f"không có đơn vị tính {shown} sau số {number}",
                hint=f"known units: {known}; a plan may declare more",
                hint_vi=f"các đơn vị tính đã biết: {known};"
                " kế hoạch có thể khai báo thêm ([[units]])",
                text=printable(ctx.text),
                position=after.start,
            )


#: The kinds before a counted number that make it a qualifier of the subject
#: ("hộ có thu nhập trên 50 triệu đồng", "(8 xã)", "từ 12-17 tuổi").
_QUALIFIERS = frozenset("GMLSE(rth")


def _one_target(tokens: Sequence[Token], match: re.Match[str], ctx: Context) -> None:
    """A second quantity after the target ("20 tổ …, 6 chi hội …", "…, đạt 95%"): refused.

    A number in the subject may qualify it: a bare one ("trẻ em dưới 6 tuổi", "đạt
    19 tiêu chí"), or a counted one after a comparison word, "từ", "đến" or in
    parentheses ("hộ có thu nhập trên 50 triệu đồng", "(2 thôn)"). A counted number
    after other words ("…, đạt 95%"), or any number after a comma, ";" or "và", is
    a second target, which one rule cannot hold.
    """
    if "subject" not in match.re.groupindex:
        return
    start, end = match.start("subject"), match.end("subject")
    for n in range(start, end):
        token = tokens[n]
        if token.amount is None:
            continue
        before = tokens[n - 1].kind if n > start else ""
        counted = token.amount.unit is not None
        if token.amount.after_break or (counted and before not in _QUALIFIERS):
            raise _refuse("two_targets", ctx, token.start, word=printable(repr(token.text)))


def _refusal(tokens: Sequence[Token], codes: str, ctx: Context) -> ParseError:
    """Which words were not understood, and the closest form that is."""
    forms = grammar().forms
    for cut in range(len(codes) - 1, max(0, len(codes) - 8), -1):  # bounded: linear
        head = codes[:cut]
        form = next((f for f in forms if f.pattern.fullmatch(head)), None)
        if form is not None and not form.meaning.startswith("refuse"):
            said = " ".join(t.text for t in tokens[:cut])
            rest = printable(repr(" ".join(t.text for t in tokens[cut:])[:60]))  # quoted
            return _refuse(
                "unexpected_words",
                ctx,
                tokens[cut].start,
                said=printable(repr(said)),
                rest=rest,
                example=repr(form.examples[0]),
                canonical=_CANONICAL,
                listed=_listed(),
            )
    unknown = [t.text for t in tokens if t.kind in "WN()/-"]
    near = _closest(codes)
    words = ", ".join(repr(printable(w)) for w in unknown[:8]) or "none"
    return _refuse(
        "unknown_phrase",
        ctx,
        next((t.start for t in tokens if t.kind in "WN()/-"), 0),
        words=words,
        near=repr(near),
        canonical=_CANONICAL,
        listed=_listed(),
    )


_CANONICAL = "'>= 97.5 %', '> previous', '<= previous - 2 household', 'is true', 'all org units'"


def _listed() -> str:
    return "; ".join(repr(e) for e in examples())


@functools.cache
def _example_codes() -> tuple[tuple[str, frozenset[str]], ...]:
    from thidua.units import default_units  # noqa: PLC0415 - the examples' own registry

    out = []
    vocabulary = grammar().vocabulary
    for form in grammar().forms:
        if form.meaning.startswith("refuse"):
            continue
        example = form.examples[0]
        try:
            tokens = Tokenizer(vocabulary, default_units(), "vi").tokens(normalise(example))
        except ThiduaError:  # pragma: no cover - the examples are read by the tests
            continue
        out.append((example, frozenset(t.kind for t in tokens)))
    return tuple(out)


def _closest(codes: str) -> str:
    """The example whose kinds of tokens overlap most with the text's."""
    kinds = frozenset(codes)
    best, score = "", -1.0
    for example, theirs in _example_codes():
        union = len(kinds | theirs) or 1
        value = len(kinds & theirs) / union
        if value > score:
            best, score = example, value
    return best


# ---------------------------------------------------------------- meanings


def _op(form: Form, parts: _Parts) -> str:
    """The operator: the comparison word's ("trên 98%"), else the form's, else by word.

    A reference form names its own operator first ("không giảm so với …" is ``>=``).
    """
    token = parts.first("GMLSE")
    if token is not None and form.meaning != "reference":
        return _OPS[token.kind]
    if form.op is not None:
        return form.op
    if token is not None:
        return _OPS[token.kind]
    return next(op for kind, op in form.op_of if parts.first(kind) is not None)


def _quantity(amount: Amount, ctx: Context | None = None) -> str:
    """The canonical text of an amount; a bare number takes the indicator's unit."""
    value, unit = (
        (amount.value, amount.unit) if ctx is None else _in_unit(amount.value, amount.unit, ctx)
    )
    shown = to_decimal_string(value)
    return shown if unit is None else f"{shown} {unit}"


def _in_unit(value: Fraction, unit: str | None, ctx: Context) -> tuple[Fraction, str | None]:
    """A number in the indicator's unit: a bare one takes it, "/người" left unwritten too.

    A unit that does not compare with the indicator's is refused here.
    """
    info = _unit_info(ctx)
    if info is None:
        return value, unit
    if unit is None:
        return value, None if info.name == "dimensionless" else info.name
    per = _per_capita(value, unit, info, ctx)
    if per is not None:
        return per
    _same_dimension(unit, info, ctx)
    return value, unit


def _per_capita(value: Fraction, unit: str, info: Any, ctx: Context) -> tuple[Fraction, str] | None:
    """A per-capita target written without its "/người" ("60 triệu đồng"), in the indicator's unit.

    Plans write a per-capita or per-10,000 target in its numerator's unit ("15 bác
    sĩ" for bác sĩ/vạn dân). When the indicator's unit is a quotient whose
    numerator is in the text's dimension, the number is read in the indicator's
    unit, scaled from the text's unit to the numerator's ("60 triệu đồng": 60).
    """
    found = ctx.units.get(unit)
    definition = next((d for d in ctx.units.definitions if d.name == info.name), None)
    if found is None or definition is None or "/" not in definition.definition:
        return None
    head = ctx.units.get(definition.definition.split("/")[0].strip())
    if head is None or head.dimension != found.dimension or found.dimension == info.dimension:
        return None
    return value * found.factor / head.factor, info.name


def _same_dimension(unit: str, info: Any, ctx: Context) -> None:
    """A target in a unit that does not compare with the indicator's: refused here."""
    if ctx.units.compatible(unit, info.name) or unit == "percent":
        return
    shown = printable(repr(ctx.text[:80]))
    said = ctx.units.label(unit, "en")
    said_vi = ctx.units.label(unit, "vi")
    raise ParseError(
        f"rule {shown} is in {said}, which does not compare with the indicator's unit"
        f" {info.en or info.name}",
        code="unit.incompatible",
        vi=f"mức yêu cầu {shown} tính bằng {said_vi}, không so được với đơn vị tính"
        f" {info.vi or info.name} của chỉ tiêu",
        hint="write the target in the indicator's unit, or correct the indicator's unit",
        hint_vi="hãy ghi mức yêu cầu theo đơn vị tính của chỉ tiêu,"
        " hoặc sửa đơn vị tính của chỉ tiêu",
        text=printable(ctx.text),
        position=0,
    )


def _unit_info(ctx: Context) -> Any:
    return None if ctx.unit is None else ctx.units.get(ctx.unit)


def _is_rate(ctx: Context) -> bool | None:
    """Whether the indicator is a rate (in %): None when its unit is not known."""
    info = _unit_info(ctx)
    if info is None:
        return None
    return bool(
        info.name in ("percent", "percentage_point", "per_mille")
        or (info.dimension == "dimensionless" and info.name != "dimensionless")
    )


def _canonical(text: str, ctx: Context) -> Rule:
    return parse_canonical(text, units=ctx.units)


def _level(form: Form, parts: _Parts, ctx: Context) -> Rule:
    amount = parts.amounts()[0]
    if amount.signed:  # "-02 hộ": a minus in words is a bullet or a change; say which
        raise _signed_change(amount.written, ctx, parts.first("Q"))
    if amount.points:
        raise _points_without_change(ctx)
    if amount.annual and amount.unit == "percent":
        raise _annual_rate(ctx)
    _share_of_count(amount, ctx)
    return _canonical(f"{_op(form, parts)} {_quantity(amount, ctx)}", ctx)


def _led(form: Form, parts: _Parts, ctx: Context) -> Rule:
    """A bare number after subject words: read only after a verb of action."""
    quantity = parts.first("Q")
    assert quantity is not None  # noqa: S101 - the form has one
    before = parts.tokens[parts.tokens.index(quantity) - 1]
    if before.text not in grammar().verbs:
        raise _refusal(parts.tokens, "".join(t.kind for t in parts.tokens), ctx)
    return _level(form, parts, ctx)


def _level_down(form: Form, parts: _Parts, ctx: Context) -> Rule:
    amount = parts.amounts()[0]
    op = "<" if parts.first("S") is not None else "<="
    if amount.points:
        raise _points_without_change(ctx)
    return _canonical(f"{op} {_quantity(amount, ctx)}", ctx)


def _level_up(form: Form, parts: _Parts, ctx: Context) -> Rule:
    amount = parts.amounts()[0]
    op = ">" if parts.first("M") is not None else ">="
    if amount.points:
        raise _points_without_change(ctx)
    return _canonical(f"{op} {_quantity(amount, ctx)}", ctx)


def _reference_operand(parts: _Parts, ctx: Context) -> str:
    """``previous`` or ``year 2020``, from the reference the text names (previous if none)."""
    token = parts.first("Y")
    if token is None:
        return "previous"
    base = token.numbers[0]
    if ctx.year is not None:
        if base == ctx.year - 1:
            return "previous"
        if base >= ctx.year:
            raise _refuse("base_year", ctx, token.start, base=base, year=ctx.year)
    return f"year {base}"


def _reference(form: Form, parts: _Parts, ctx: Context) -> Rule:
    return _canonical(f"{_op(form, parts)} {_reference_operand(parts, ctx)}", ctx)


def _change(form: Form, parts: _Parts, ctx: Context) -> Rule:
    up = parts.first("UD")
    assert up is not None  # noqa: S101 - the form has one
    rising = up.kind == "U"
    strict = parts.first("M") is not None
    op = (">" if strict else ">=") if rising else ("<" if strict else "<=")
    amount = parts.amounts()[0]
    base = _reference_operand(parts, ctx)
    sign = "+" if rising else "-"
    if amount.signed:
        raise _signed_change(amount.written, ctx, parts.first("Q"))
    rate = _is_rate(ctx)
    if amount.unit == "percent" and not amount.points:
        if rate is None:
            return _canonical(f"{op} {base} {sign} {_quantity(amount)} change", ctx)
        if not rate:
            factor = 100 + amount.value if rising else 100 - amount.value
            if factor < 0:
                raise _fall_beyond_all(ctx)
            return _canonical(f"{op} {base} * {to_decimal_string(factor)} %", ctx)
    elif amount.points and rate is False:
        raise _points_without_change(ctx)
    return _canonical(f"{op} {base} {sign} {_quantity(amount, ctx)}", ctx)


def _assigned(form: Form, parts: _Parts, ctx: Context) -> Rule:
    op = ">" if parts.first("M") is not None else ">="
    amounts = parts.amounts()
    if op == ">" and amounts and amounts[0].unit == "percent" and amounts[0].value < 100:
        # "vượt 5% dự toán": beyond the budget by at least 5 % (105 % of it meets it),
        # not beyond 5 % of it; only a bare "vượt dự toán" is strict
        amounts = [attrs.evolve(amounts[0], value=100 + amounts[0].value)]
        op = ">="
    if not amounts or (
        amounts[0].unit == "percent" and amounts[0].value == 100 and not amounts[0].signed
    ):
        return _canonical(f"{op} assigned", ctx)
    amount = amounts[0]
    if amount.signed:
        raise _signed_change(amount.written, ctx, parts.first("Q"))
    if amount.unit != "percent":
        raise _refuse("factor_unit", ctx, word=printable(repr(amount.written)))
    return _canonical(f"{op} assigned * {_quantity(amount)}", ctx)


def _range(form: Form, parts: _Parts, ctx: Context) -> Rule:
    low, high = parts.amounts()[:2]
    if low.unit is None and high.scale != 1:  # "22 - 23 triệu lượt": millions both
        low = attrs.evolve(low, value=low.value * high.scale, scale=high.scale)
    unit = low.unit or high.unit
    if low.unit not in (None, unit) or high.unit not in (None, unit):
        raise _refuse("range_units", ctx)
    if not low.value < high.value:
        raise _refuse("range_order", ctx)
    low_value, _ = _in_unit(low.value, unit, ctx)
    high_value, unit = _in_unit(high.value, unit, ctx)
    suffix = f" {unit}" if unit else ""
    lo, hi = to_decimal_string(low_value), to_decimal_string(high_value)
    return _canonical(f"{form.op} {lo} .. {hi}{suffix}", ctx)


def _org_share(form: Form, parts: _Parts, ctx: Context) -> Rule:
    token = parts.first("F")
    assert token is not None  # noqa: S101 - the form has one
    achieved, total = token.numbers
    if achieved > total:
        raise _refuse("org_more_than_all", ctx, token.start, achieved=achieved, total=total)
    if total == 0:
        raise _refuse("org_none", ctx, token.start)
    if ctx.org_unit_count is not None and total != ctx.org_unit_count:
        raise _refuse("org_count", ctx, token.start, total=total, count=ctx.org_unit_count)
    if achieved == total:
        return _canonical(f"all {total} org units", ctx)
    return _canonical(f">= {achieved} of {total} org units", ctx)


def _org_all(form: Form, parts: _Parts, ctx: Context) -> Rule:
    amount = parts.amounts()[0]
    if _is_rate(ctx):  # the indicator is the share of its org units: a level
        return _level(form, parts, ctx)
    if amount.unit == "percent" and amount.value == 100 and parts.first("M") is None:
        return _canonical("all org units", ctx)
    raise _refuse("org_share", ctx)


def _zero(form: Form, parts: _Parts, ctx: Context) -> Rule:
    return _canonical("== 0", ctx)


def _flag(form: Form, parts: _Parts, ctx: Context) -> Rule:
    if parts.first("k") is None and parts.tokens[-1].text not in ("đạt", "đạt được"):
        raise _refusal(parts.tokens, "".join(t.kind for t in parts.tokens), ctx)
    return _canonical("is true", ctx)


def _refused(name: str, parts: _Parts, ctx: Context) -> Rule:
    """A form that is refused by name (a term, a rating): :func:`_refuse_named` sees it first."""
    raise _refuse(name, ctx, word=printable(repr(parts.tokens[0].text)))


#: How each meaning of ``phrases.toml`` becomes a rule: (form, parts, context) -> rule.
_MEANINGS: dict[str, Callable[[Form, _Parts, Context], Rule]] = {
    "op": _level,
    "led": _led,
    "level_up": _level_up,
    "level_down": _level_down,
    "reference": _reference,
    "change": _change,
    "assigned": _assigned,
    "range": _range,
    "org_share": _org_share,
    "org_all": _org_all,
    "zero": _zero,
    "flag": _flag,
    "refuse_term": lambda form, parts, ctx: _refused("term_target", parts, ctx),
    "refuse_rating": lambda form, parts, ctx: _refused("rating", parts, ctx),
}


def _share_of_count(amount: Amount, ctx: Context) -> None:
    """A percentage target for an indicator that counts: refused, never compared."""
    rate = _is_rate(ctx)
    if amount.unit == "percent" and rate is False:
        info = _unit_info(ctx)
        raise _refuse(
            "share_of_count", ctx, counted=info.en or info.name, counted_vi=info.vi or info.name
        )


def _points_without_change(ctx: Context) -> ParseError:
    return _refuse("points", ctx)


def _annual_rate(ctx: Context) -> ParseError:
    return _refuse("change_direction", ctx)


def _fall_beyond_all(ctx: Context) -> ParseError:
    return _refuse("fall_beyond_all", ctx)


def _signed_change(number: str, ctx: Context, token: Token | None) -> ParseError:
    return _refuse(
        "signed_change", ctx, token.start if token is not None else 0, word=printable(number)
    )


# ---------------------------------------------------------------- term targets


def _outside_subject(parts: _Parts) -> list[Token]:
    """The tokens of a match before its subject (term forms may put words before the lead)."""
    sub = parts.match.start("subject") if "subject" in parts.match.re.groupindex else None
    return parts.tokens if sub is None else parts.tokens[:sub]


def _term_token(parts: _Parts, kind: str, ctx: Context) -> Token:
    """The first token of ``kind`` (``J``, ``V``) with its years; refused if it has none."""
    token = next(t for t in _outside_subject(parts) if t.kind == kind)
    if not token.numbers:
        raise _refuse("term_no_year", ctx, token.start, word=printable(repr(token.text)))
    if ctx.term is not None and not (
        ctx.term[0] <= token.numbers[0] and token.numbers[-1] <= ctx.term[1]
    ):
        first, last = ctx.term
        raise _refuse(
            "term_span",
            ctx,
            token.start,
            word=printable(repr(token.text)),
            term=f"{first}-{last}",
        )
    return token


def _by_year(form: Form, parts: _Parts, ctx: Context) -> Rule:
    """A level by the end year: "đến năm 2030 đạt 95%" is ``>= 95 % by 2030``."""
    year = _term_token(parts, "J", ctx).numbers[0]
    before = _outside_subject(parts)
    amount = next(t.amount for t in before if t.amount is not None)
    if amount.signed:
        raise _signed_change(amount.written, ctx, parts.first("Q"))
    if amount.points:
        raise _points_without_change(ctx)
    _share_of_count(amount, ctx)
    word = next((t for t in before if t.kind in "GMLSE"), None)
    if word is not None:
        op = _OPS[word.kind]
    elif any(t.kind == "d" for t in before):
        op = "<="
    else:
        op = ">="
    return _canonical(f"{op} {_quantity(amount, ctx)} by {year}", ctx)


#: Subject words that make an average a growth ("tốc độ tăng trưởng bình quân 8%/năm").
_GROWTH_WORDS = ("tăng trưởng", "tốc độ tăng trưởng", "tốc độ tăng")


def _term_change(form: Form, parts: _Parts, ctx: Context) -> Rule:
    """An average change each year: growth on counts and amounts, points on a rate."""
    before = _outside_subject(parts)
    if any(t.kind == "V" for t in before):
        _term_token(parts, "V", ctx)  # the years it names are the plan's term
    move = next((t for t in before if t.kind in "UD"), None)
    growth_named = any(t.kind == "W" and t.text in _GROWTH_WORDS for t in before)
    if move is None and not growth_named:
        raise _refuse("term_direction", ctx)
    rising = move.kind == "U" if move is not None else True
    amount = next(t.amount for t in before if t.amount is not None)
    yearly = amount.annual or any(t.kind in "By" for t in before)
    if not yearly:
        raise _refuse("term_whole_change", ctx)
    if amount.signed:
        raise _signed_change(amount.written, ctx, parts.first("Q"))
    strict = any(t.kind == "M" for t in before)
    op = (">" if strict else ">=") if rising else ("<" if strict else "<=")
    sign = "+" if rising else "-"
    rate = _is_rate(ctx)
    if amount.unit == "percent" and not amount.points:
        if rate is None:
            raise _refuse("term_unit", ctx)
        if rate and (growth_named or rising):  # a rate's average rise: points, or a growth rate?
            raise _refuse("term_growth_rate", ctx)
        if not rate:
            factor = 100 + amount.value if rising else 100 - amount.value
            if factor <= 0:
                raise _fall_beyond_all(ctx)
            return _canonical(f"{op} base * {to_decimal_string(factor)} % per year", ctx)
    elif amount.points and rate is False:
        raise _points_without_change(ctx)
    return _canonical(f"{op} base {sign} {_quantity(amount, ctx)} per year", ctx)


#: The words of a total over the term ("tổng vốn đầu tư giai đoạn …", "lũy kế …").
_TOTAL_WORDS = ("tổng",)


def _term_total(form: Form, parts: _Parts, ctx: Context) -> Rule:
    """A cumulative total: "tổng … giai đoạn 2026-2030 đạt 5.000 tỷ đồng"."""
    before = _outside_subject(parts)
    span = _term_token(parts, "V", ctx)
    total = any(t.kind == "c" or (t.kind == "W" and t.text in _TOTAL_WORDS) for t in before)
    if not total:
        raise _refuse("term_level", ctx, span.start)
    amount = next(t.amount for t in before if t.amount is not None)
    if amount.signed:
        raise _signed_change(amount.written, ctx, parts.first("Q"))
    if amount.points or amount.unit == "percent":
        raise _refuse("term_level", ctx, span.start)
    word = next((t for t in before if t.kind in "GMLSE"), None)
    op = _OPS[word.kind] if word is not None else ">="
    start, end = span.numbers
    return _canonical(f"cumulative {op} {_quantity(amount, ctx)} over {start}-{end}", ctx)


_MEANINGS |= {"by_year": _by_year, "term_change": _term_change, "term_total": _term_total}
