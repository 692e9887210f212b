"""The tokenizer of Vietnamese target phrases (the first step of the grammar).

The text, normalised (NFC, lower case, single spaces), is cut into *lexemes* by
one regular expression of simple alternatives (numbers, signs, words), then read
left to right into *tokens*: a number with its unit is one quantity token; a run
of words is looked up, longest first, in the vocabulary of ``phrases.toml``. Each
lexeme is looked at a bounded number of times (the longest vocabulary phrase or
unit name), so tokenizing takes time linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from fractions import Fraction

import attrs

from thidua._text import caseless, printable
from thidua.errors import ParseError
from thidua.numbers import NumberFormat, parse_number
from thidua.units import Units

#: Lexemes: a number (digits with . or , between them), a dash, a slash, a percent
#: or per-mille sign, a parenthesis, or a word (anything else up to a space or one
#: of those). One alternative per character class: no backtracking.
_LEXEME = re.compile(
    r"\d[\d.,]*+|[-–—+]|/|%|‰|[()]|[<>]=?|[≥≤=]|(?<![^\s/])m[23]\b"
    r"|[^\s\d\-–—+/%‰()<>=≥≤]++"
)
#: A comma between words ("100%, trở lên") and the final punctuation are dropped.
_COMMA = re.compile(r"[,;](?=\s)")
_FINAL = re.compile(r"[.;:!,]+$")
_SPACED_SLASH = re.compile(r"\s*+/\s*+")
#: Per mille typed without its sign: "0,30%0", "0,01%o".
_PER_MILLE = re.compile(r"%[0o](?![\w])")

#: Words that multiply the number before a count: "01 triệu căn nhà".
_MULTIPLIERS = {
    "nghìn": 1000,
    "ngàn": 1000,
    "vạn": 10_000,
    "triệu": 10**6,
    "tỷ": 10**9,
    "tỉ": 10**9,
}
#: The words before a year that make it one year token ("cuối năm 2023": the
#: year's figure, as a year's figure is its figure at the end of the year).
_YEAR_WORDS = frozenset({"năm", "trong năm", "cuối năm", "thực hiện năm", "kết quả năm"})
#: Numbers written as words before a unit ("một mô hình"); "năm" (five) is left out,
#: since it is also "year".
_NUMBER_WORDS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
}  # fmt: skip
#: Words that mean a comparison or a level before a number, and a plain word
#: before another word ("trên tổng số hộ": of all households).
_BEFORE_A_NUMBER = frozenset({"trên", "dưới", "còn"})
#: "405 tỉ 449 triệu đồng": billions then millions, read as one amount in millions.
_BILLION, _MILLION = ("tỷ", "tỉ"), ("triệu",)


@attrs.frozen
class Lexeme:
    """A piece of the text: a number, a sign or a word, with where it starts."""

    text: str
    start: int

    @property
    def end(self) -> int:
        """Where it ends in the normalised text."""
        return self.start + len(self.text)


@attrs.frozen
class Amount:
    """A number and its unit, as read from the text."""

    value: Fraction
    unit: str | None
    #: "/năm", "hằng năm" written with it.
    annual: bool = False
    #: Written in percentage points ("2 điểm phần trăm").
    points: bool = False
    #: The number as written.
    written: str = ""
    #: Written with a sign ("-5", "+5").
    signed: bool = False
    #: The multiplier word it was written with ("23 triệu lượt": 10**6), else 1.
    scale: int = 1
    #: Written after a comma or "và": the start of a new part of the text.
    after_break: bool = False


@attrs.frozen
class Token:
    """One token: its kind (a letter of the grammar), its words and where it starts."""

    kind: str
    text: str
    start: int
    amount: Amount | None = None
    #: The year of a ``năm 2020`` token, the share of a ``4/5`` token.
    numbers: tuple[int, ...] = ()


@attrs.frozen
class Vocabulary:
    """The words of the grammar: each phrase (lexemes joined by spaces) and its kind."""

    kinds: Mapping[str, str]
    longest: int
    #: The first word of every phrase.
    first: frozenset[str]


def normalise(text: str) -> str:
    """NFC, lower case, single spaces, ``a, b`` as ``a , b``, ``a / b`` as ``a/b``, no final stop.

    A comma between words is a lexeme of its own: it is no token, but a quantity
    after it begins a new part of the text (a second target, "…, 6 chi hội").
    """
    text = _SPACED_SLASH.sub("/", " ".join(caseless(text).split()))
    text = _PER_MILLE.sub("‰", text)
    return " ".join(_COMMA.sub(" , ", _FINAL.sub("", text.strip())).split())


def lexemes(text: str) -> list[Lexeme]:
    """The lexemes of normalised text, in order."""
    return [Lexeme(m[0], m.start()) for m in _LEXEME.finditer(text)]


def joined(items: Sequence[Lexeme]) -> str:
    """Lexemes as the vocabulary writes them: spaces between words, none around ``/``."""
    out = ""
    for i, lex in enumerate(items):
        glued = lex.text in "%‰" and items[i - 1].text[0].isdigit() if i else False
        if i and lex.text not in "/," and items[i - 1].text != "/" and not glued:
            out += " "
        out += lex.text
    return out


def _number(lex: Lexeme, number_format: NumberFormat, text: str) -> Fraction:
    """A number as Vietnamese write it, refusing what the format cannot decide."""
    written = lex.text.rstrip(".,")
    if number_format == "vi" and re.fullmatch(r"[1-9]\d{0,2},\d{3}", written):
        shown = printable(written)
        msg = (
            f"{shown!r} is ambiguous: {written.replace(',', '.')} in Vietnamese format "
            f"but {written.replace(',', '')} in English format"
        )
        raise ParseError(
            msg,
            code="number.ambiguous",
            vi=f"số {shown!r} không rõ nghĩa: theo cách viết Việt Nam là số thập phân,"
            " theo cách viết tiếng Anh là số nghìn",
            hint="write thousands with dots (2.500) and decimals with a comma (2,5)",
            hint_vi="hãy viết số nghìn bằng dấu chấm (2.500), số thập phân bằng dấu phẩy (2,5)",
            text=printable(text),
            position=lex.start,
        )
    try:
        return parse_number(written, number_format=number_format)
    except ParseError as exc:
        raise ParseError(
            exc.what("en"),
            code=exc.code,
            vi=exc.what("vi"),
            hint=exc.how("en"),
            hint_vi=exc.how("vi"),
            text=printable(text),
            position=lex.start,
        ) from None


class Tokenizer:
    """Reads normalised text into tokens, with a unit registry and a number format."""

    def __init__(self, vocabulary: Vocabulary, units: Units, number_format: NumberFormat) -> None:
        self.vocabulary = vocabulary
        self.units = units
        self.number_format = number_format
        #: A unit name has at most this many lexemes ("triệu đồng/người/năm": 6).
        self.unit_lexemes = 2 * units.max_words + 3
        #: Whether a comma, ";" or "và" came since the last number.
        self._after_break = False

    def tokens(self, text: str) -> list[Token]:
        """The tokens of ``text`` (normalised), left to right."""
        items = lexemes(text)
        out: list[Token] = []
        i = 0
        while i < len(items):
            lex = items[i]
            if lex.text == ",":  # no token; what follows begins a new part
                i += 1
                self._after_break = True
                continue
            if lex.text[0].isdigit():
                i = self._quantity(items, i, text, out)
                continue
            if lex.text in "-–—+":
                touching = i + 1 < len(items) and items[i + 1].start == lex.end
                if out and out[-1].kind == "Q":
                    out.append(Token("h", lex.text, lex.start))  # "8-10%", "8 - 10%": a range
                elif not out and not touching:
                    pass  # "– 98% hộ dân": a bullet before the target
                elif touching and items[i + 1].text[0].isdigit():
                    out.append(Token("-", lex.text, lex.start))  # a signed number
                else:
                    out.append(Token("N", lex.text, lex.start))
                i += 1
                continue
            if lex.text in "%‰":  # a sign with no number before it ("5‰%")
                out.append(Token("N", lex.text, lex.start))
                i += 1
                continue
            i = self._words(items, i, out)
            if out and out[-1].text in ("và", "hoặc"):
                self._after_break = True  # until the next number: "và đạt trên 84%"
        return out

    def _words(self, items: list[Lexeme], i: int, out: list[Token]) -> int:
        kinds = self.vocabulary.kinds
        number = _NUMBER_WORDS.get(items[i].text)
        if number is not None:  # "ít nhất một mô hình": a number written as a word
            counted = self._unit(items, i + 1)
            if counted is not None:
                unit, j = counted
                amount = Amount(Fraction(number), unit, written=items[i].text)
                out.append(Token("Q", joined(items[i:j]), items[i].start, amount=amount))
                return j
        for size in range(min(self.vocabulary.longest, len(items) - i), 0, -1):
            phrase = joined(items[i : i + size])
            kind = kinds.get(phrase)
            if kind is None:
                continue
            if phrase in _BEFORE_A_NUMBER and self._plain_word(items, i + size):
                break  # "trên tổng diện tích", "hộ nghèo còn sức lao động": plain words
            if kind in "TJ" and phrase.endswith("năm"):
                year = self._year(items, i + size)
                if year is not None:  # "vào năm 2025", "đến năm 2030": the plan's year may be it
                    out.append(Token(kind, f"{phrase} {year}", items[i].start, numbers=(year,)))
                    return i + size + 1
            if kind == "V":
                span = self._span(items, i + size)
                if span is not None:  # "giai đoạn 2026-2030": the term's years
                    said = f"{phrase} {span[0]}-{span[1]}"
                    out.append(Token("V", said, items[i].start, numbers=span))
                    return i + size + 3
            if phrase in _YEAR_WORDS:
                year = self._year(items, i + size)
                if year is not None:  # "năm 2020", "trong năm 2024", "cuối năm 2023": a year
                    out.append(Token("Y", f"{phrase} {year}", items[i].start, numbers=(year,)))
                    return i + size + 1
            out.append(Token(kind, phrase, items[i].start))
            return i + size
        lex = items[i]
        if lex.text == "năm":
            year = self._year(items, i + 1)
            if year is not None:
                out.append(Token("Y", f"năm {year}", lex.start, numbers=(year,)))
                return i + 2
        kind = lex.text if lex.text in "()/" else "W"
        out.append(Token(kind, lex.text, lex.start))
        return i + 1

    @classmethod
    def _span(cls, items: list[Lexeme], i: int) -> tuple[int, int] | None:
        """The years of ``2026-2030`` at ``items[i:]``, or None."""
        start = cls._year(items, i)
        if start is None or i + 1 >= len(items) or items[i + 1].text not in "-–—":
            return None
        end = cls._year(items, i + 2)
        return None if end is None else (start, end)

    @staticmethod
    def _year(items: list[Lexeme], i: int) -> int | None:
        if i < len(items) and re.fullmatch(r"(19|20)\d\d", items[i].text):
            return int(items[i].text)
        return None

    def _quantity(self, items: list[Lexeme], i: int, text: str, out: list[Token]) -> int:
        """A number and what belongs to it: a share "4/5", a unit, a multiplier, "/năm"."""
        lex = items[i]
        if _is_share(items, i):
            shares = (int(lex.text), int(items[i + 2].text))
            out.append(Token("F", joined(items[i : i + 3]), lex.start, numbers=shares))
            return i + 3
        if out and out[-1].text == "thứ" and lex.text.isdigit():  # "con thứ 3": an ordinal
            ordinal = out.pop()
            out.append(Token("W", f"thứ {lex.text}", ordinal.start))
            return i + 1
        value = _number(lex, self.number_format, text)
        signed = bool(out) and out[-1].kind == "-"
        if signed:
            sign = out.pop()
            value = -value if sign.text != "+" else value
            start, written = sign.start, sign.text + lex.text
        else:
            start, written = lex.start, lex.text
        j = i + 1
        unit: str | None = None
        scale = 1
        # "405 tỉ 449 triệu đồng": one amount in millions of đồng.
        if (
            j + 2 < len(items)
            and items[j].text in _BILLION
            and items[j + 1].text[0].isdigit()
            and items[j + 2].text in _MILLION
        ):
            value = value * 1000 + _number(items[j + 1], self.number_format, text)
            j += 3
            if j < len(items) and items[j].text == "đồng":
                j += 1
            unit = "million_VND"
        elif j < len(items) and items[j].text in _MULTIPLIERS and not self._spans(items, j):
            counted = self._unit(items, j + 1)
            if counted is not None and not self._is_vnd(counted[0]):
                scale = _MULTIPLIERS[items[j].text]  # "01 triệu căn nhà", "4,5 tỷ USD"
                value *= scale
                unit, j = counted
            elif counted is None and self._unclear_after(items, j + 1):
                raise _unclear_multiplier(items[j], items[j + 1], text)
        points = False
        if unit is None:
            unit, points, j = self._unit_after(items, j)
        annual = False
        if j + 1 < len(items) and items[j].text == "/" and items[j + 1].text == "năm":
            annual, j = True, j + 2
        if j + 1 < len(items) and items[j].text == "/" and items[j + 1].text[0].isalpha():
            raise _unknown_per(items[i:j], items[j + 1], text)  # "5 tấn/ha", "3 triệu/tháng"
        after_break, self._after_break = self._after_break, False
        amount = Amount(
            value,
            unit,
            annual=annual,
            points=points,
            written=written,
            signed=signed,
            scale=scale,
            after_break=after_break,
        )
        out.append(Token("Q", joined(items[i:j]), start, amount=amount))
        return j

    def _plain_word(self, items: list[Lexeme], j: int) -> bool:
        """Whether ``items[j]`` is a word the grammar does not know (nor a number)."""
        return (
            j < len(items)
            and items[j].text[0].isalpha()
            and items[j].text not in self.vocabulary.first
        )

    def _unclear_after(self, items: list[Lexeme], j: int) -> bool:
        """Whether the word after "triệu" is neither money, a count, nor a grammar word."""
        if j >= len(items) or not items[j].text[0].isalpha():
            return False
        return items[j].text != "đồng" and items[j].text not in self.vocabulary.first

    def _unit_after(self, items: list[Lexeme], j: int) -> tuple[str | None, bool, int]:
        """The unit after a number, whether it is in percentage points, and where it ends."""
        for words, size in (("điểm phần trăm", 3), ("điểm %", 2)):
            if joined(items[j : j + size]) == words:
                return "percent", True, j + size
        found = self._unit(items, j)
        return (None, False, j) if found is None else (found[0], False, found[1])

    def _spans(self, items: list[Lexeme], j: int) -> bool:
        """Whether a unit name begins with the multiplier word ("triệu đồng/người")."""
        found = self._unit(items, j)
        return found is not None and found[1] > j + 1

    def _is_vnd(self, unit: str) -> bool:
        """Whether ``unit`` is đồng or a multiple ("5 tỷ tỷ" is no amount)."""
        info, vnd = self.units.get(unit), self.units.get("VND")
        return info is not None and vnd is not None and info.dimension == vnd.dimension

    def _unit(self, items: list[Lexeme], j: int) -> tuple[str, int] | None:
        """The longest unit name at ``items[j:]``, and where it ends."""
        for size in range(min(self.unit_lexemes, len(items) - j), 0, -1):
            piece = items[j : j + size]
            if piece[-1].text == "/":
                continue
            info = self.units.get(joined(piece))
            if info is not None:
                return info.name, j + size
        return None


def _unclear_multiplier(multiplier: Lexeme, word: Lexeme, text: str) -> ParseError:
    said = printable(f"{multiplier.text} {word.text}")
    msg = (
        f"{said!r}: is it money ({multiplier.text} đồng) or a count of {printable(word.text)!r}?"
        " the unit after it is not known"
    )
    return ParseError(
        msg,
        code="rule.unclear_unit",
        vi=f"{said!r}: không rõ là tiền ({multiplier.text} đồng) hay là số lượng"
        f" {printable(word.text)!r}, vì đơn vị tính sau đó chưa được khai báo",
        hint=f"write '{multiplier.text} đồng' for money, or declare the unit in the plan",
        hint_vi=f"hãy viết '{multiplier.text} đồng' nếu là tiền, hoặc khai báo đơn vị tính"
        " trong kế hoạch ([[units]])",
        text=printable(text),
        position=word.start,
    )


def _is_share(items: Sequence[Lexeme], i: int) -> bool:
    """Whether ``items[i:]`` begins with a share of org units, "4/5" (at most 6 digits each)."""
    return (
        i + 2 < len(items)
        and items[i + 1].text == "/"
        and items[i].text.isdigit()
        and items[i + 2].text.isdigit()
        and len(items[i].text) <= 6
        and len(items[i + 2].text) <= 6
    )


def _unknown_per(number: Sequence[Lexeme], per: Lexeme, text: str) -> ParseError:
    said = printable(repr(joined(number) + "/" + per.text))
    msg = f"unknown unit {said}: the registry has no unit per {printable(repr(per.text))}"
    return ParseError(
        msg,
        code="unit.unknown",
        vi=f"không có đơn vị tính {said}: chưa có đơn vị tính theo {printable(repr(per.text))}",
        hint="declare the unit in the plan ([[units]]), or write the target in a known unit",
        hint_vi="hãy khai báo đơn vị tính trong kế hoạch ([[units]]), hoặc ghi theo đơn vị đã có",
        text=printable(text),
        position=per.start,
    )
