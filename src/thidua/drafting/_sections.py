"""The parts of a plan document: header, sections, lists of indicators, signer."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from typing import Any

import attrs

from thidua.drafting._documents import Block
from thidua.drafting._indicators import Where, _has, _lower, _trim
from thidua.drafting._notes import ReviewNote, config, note
from thidua.plans import Responsibility, Role, Signer

_ROMAN = re.compile(r"^(?P<n>[IVX]{1,5})\s*[.)\-–:]\s*(?P<t>\S.*)$")
_NUMBER = re.compile(r"^(?P<n>\d{1,3})\s*(?:[.)](?!\d)|[/\-–](?=\s))\s*(?P<t>\S.*)$")
_SUBNUMBER = re.compile(r"^(?P<n>\d{1,2}\.\d{1,2})(?:[.)]\s*|\s+(?=[^\W\d_]))(?P<t>\S.*)$")
_LETTER = re.compile(r"^(?P<n>[a-zđ])\s*(?:\)|\.(?=\s))\s*(?P<t>\S.*)$")
_PAREN = re.compile(r"^\((?P<n>\d{1,3})\)\s*(?P<t>\S.*)$")
_DASH = re.compile(r"^(?P<n>[-–—•*◦▪●○■□])\s*(?P<t>\S.*)$")
_PLUS = re.compile(r"^(?P<n>\+)\s*(?P<t>\S.*)$")
_FOOTNOTE = re.compile(r"^(?P<m>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(?P<t>\S.*)$")
_MARKS = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_DATE = re.compile(
    r"^(?P<place>[^,0-9]{2,60}),\s*ngày\s*(?P<d>\d{1,2})?\s*tháng\s*(?P<m>\d{1,2})?\s*năm\s*(?P<y>\d{4})"
)
_SPAN = re.compile(r"(?P<a>(?:19|20)\d\d)\s*[-–]\s*(?P<b>(?:19|20)\d\d)")
_YEAR = re.compile(r"năm\s+(?P<y>(?:19|20)\d\d)")
_COUNT = re.compile(r"\((?P<n>\d{1,3})\s+(?:nội dung|chỉ tiêu|tiêu chí)\)")
_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_KINDS = (
    ("roman", _ROMAN),
    ("subnumber", _SUBNUMBER),
    ("paren", _PAREN),
    ("number", _NUMBER),
    ("letter", _LETTER),
    ("dash", _DASH),
    ("plus", _PLUS),
)


#: Longest item that a paragraph is joined to (joining stays linear).
_MAX_JOINED = 10_000


@attrs.frozen
class Line:
    """A block with its list marker read."""

    block: Block
    kind: str  # roman, subnumber, number, paren, letter, dash, plus, or "" for plain text
    number: str
    text: str

    @property
    def where(self) -> Where:
        return Where(self.block.line, self.block.table, self.block.cell)


def marked(block: Block, text: str | None = None) -> Line:
    """The block with its list marker ("1.", "a)", "-", "(1)", "II.") taken off."""
    text = block.text if text is None else text
    for kind, pattern in _KINDS:
        match = pattern.match(text)
        if match and not (kind == "subnumber" and _figure(text, match)):
            return Line(block, kind, match.group("n"), match.group("t").strip())
    return Line(block, "", "", text)


def _figure(text: str, match: re.Match[str]) -> bool:
    """Whether "1.5 triệu đồng" is a number with a decimal part, not a marker "1.5"."""
    rest = match.group("t")
    return text[len(match.group("n")) : len(match.group("n")) + 1] == " " and not rest[:1].isupper()


def inline_items(text: str) -> list[str]:
    """A paragraph that runs its list together ("… 1. A … 2. B …", "(1) A; (2) B"), cut up.

    Markers count only in sequence: "(1)", "(2)", … or "1.", "2.", … (and the
    roman "I.", "II.", … between them); a paragraph without two of them is kept whole.
    """
    for pattern in (r"\((\d{1,3})\)\s*", r"(?:(?<=\s)|^)(\d{1,3})\.\s+(?=[A-ZÀ-ỸĐ])"):
        cuts: list[int] = []
        expected = None
        for match in re.finditer(pattern, text):
            number = int(match.group(1))
            if expected is None and number == 1:
                cuts.append(match.start())
                expected = 2
            elif expected is not None and number == expected:
                cuts.append(match.start())
                expected += 1
        if len(cuts) >= 2:
            pieces = [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
            head = text[: cuts[0]]
            out = [*_romans(head), *(p for piece in pieces for p in _romans(piece))]
            return [p.strip() for p in out if p.strip()]
    return [text]


def _romans(text: str) -> list[str]:
    """Roman headings run into a paragraph ("… 14. X II. Về văn hóa …")."""
    numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    cuts = [
        match.start()
        for match in re.finditer(r"(?:(?<=\s)|^)([IVX]{1,4})\.\s+(?=[A-ZÀ-ỸĐ])", text)
        if match.group(1) in numerals
    ]
    if not cuts:
        return [text]
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def _section_kind(text: str) -> str:
    low = _lower(text)
    for section in config()["section"]:
        if _has(low, section["words"]):
            return str(section["kind"])
    return "other"


def is_indicator_heading(text: str) -> bool:
    """A short line that announces indicators ("CÁC CHỈ TIÊU CHỦ YẾU …:", "1. Chỉ tiêu …:").

    Criteria that are a standard to reach ("Đạt Bộ tiêu chí quốc gia về y tế xã",
    "Xã đạt tiêu chí an toàn thực phẩm") are an item's target, not a heading.
    """
    low = _lower(text)
    for standard in config()["targets"]["not_headings"]:
        low = low.replace(standard, " ")
    if not _has(low, ["chỉ tiêu", "tiêu chí"]) or len(text) > 140:
        return False
    return text.rstrip().endswith(":") or not text.rstrip().endswith((".", ";"))


def is_group_heading(line: Line) -> bool:
    """A line inside a list of indicators that names a group ("- Về kinh tế:", "I. Về kinh tế")."""
    text = line.text.rstrip()
    low = _lower(text)
    if len(text) > 140:
        return False
    if low.startswith("về ") or line.kind == "roman":
        return True
    if text.endswith(":") and not re.search(r"\d", _COUNT.sub("", text.rstrip(":"))):
        return not low.endswith(("trong đó:", "gồm:"))
    return is_indicator_heading(text) and not re.search(r"\d\s*%", text)


@attrs.frozen
class ItemText:
    """One item of a list of indicators."""

    text: str
    where: Where
    #: Whether the item had a list marker ("1.", "-", "(1)").
    marked: bool = True


@attrs.frozen
class Group:
    """A list of indicators as the document groups them."""

    name: str
    note: str | None
    items: list[ItemText] = attrs.field(factory=list)
    #: The count the document announces ("(12 nội dung)"), if any.
    count: int | None = None
    where: Where = attrs.field(factory=Where)


@attrs.frozen
class Parts:
    """What was read from a document, before it is made a plan."""

    fields: dict[str, Any]
    groups: list[Group]
    notes: list[ReviewNote]


def _sentence_case(text: str) -> str:
    """Capitals as a sentence ("ỦY BAN NHÂN DÂN": "Ủy ban nhân dân"); mixed case is kept."""
    if text != text.upper():
        return text
    low = text.lower()
    return low[:1].upper() + low[1:]


def _first_cap(text: str) -> str:
    return text[:1].upper() + text[1:]


_EXPANSIONS = {"ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân"}


def _agency(text: str, body: str) -> tuple[str, bool]:
    """An agency named in capitals in the header, as the body of the text writes it.

    Returns the name and whether the body writes it (else it is in lower case,
    its abbreviations spelt out, and must be reviewed).
    """
    words = [_EXPANSIONS.get(w, w) for w in _lower(text).split()]
    wanted = " ".join(words)
    at = _lower(body).find(wanted)
    if at != -1:
        return body[at : at + len(wanted)], True
    return _first_cap(wanted), text == text.lower()


def read_parts(blocks: list[Block], *, year: int | None) -> Parts:  # noqa: PLR0915
    """The header, sections, lists of indicators and signer of a document."""
    fields: dict[str, Any] = {}
    notes: list[ReviewNote] = []
    groups: list[Group] = []
    footnotes: dict[str, tuple[Block, str]] = {}
    referenced: dict[str, str] = {}
    body: list[Block] = []
    for block in blocks:
        match = _FOOTNOTE.match(block.text)
        if match and block.table is None:
            footnotes[match.group("m")] = (block, match.group("t"))
        else:
            body.append(block)
    body = [
        attrs.evolve(block, text=piece) if piece != block.text else block
        for block in body
        for piece in (inline_items(block.text) if block.table is None else [block.text])
    ]
    # ---------------------------------------------------------------- header
    kinds = tuple(config()["kinds"])  # KẾ HOẠCH, NGHỊ QUYẾT, CHƯƠNG TRÌNH …
    title_at = next(
        (i for i, b in enumerate(body) if b.text.startswith(kinds) and b.table is None),
        None,
    )
    header = body[:title_at] if title_at is not None else body[:12]
    agencies: list[str] = []
    for block in header:
        text = block.text
        low = _lower(text)
        if low.startswith(("số:", "số ")):
            fields["number"] = text.split(":", 1)[-1].strip() if ":" in text else text[3:].strip()
            continue
        date = _DATE.match(text)
        if date:
            fields["place"] = date.group("place").strip()
            issued: dict[str, int] = {"year": int(date.group("y"))}
            if date.group("m"):
                issued["month"] = int(date.group("m"))
            if date.group("d"):
                issued["day"] = int(date.group("d"))
            fields["issued"] = issued
            continue
        if low.startswith(("cộng hòa", "cộng hoà", "độc lập")) or set(text) <= set("-–_ "):
            continue
        if title_at is not None and text == text.upper() and any(c.isalpha() for c in text):
            agencies.append(text)
    if title_at is not None:
        title = body[title_at].text
        kind = next(k for k in kinds if title.startswith(k))
        rest = title[len(kind) :].strip()
        used = title_at + 1
        if not rest and used < len(body):
            rest = body[used].text
            used += 1
        rest = _sentence_case(rest)
        fields["title"] = (
            kind[:1] + kind[1:].lower() + " " + (rest[:1].lower() + rest[1:] if rest else "")
        )
        fields["title"] = fields["title"].strip()
        start = used
    else:
        first = body[0].text if body else "Kế hoạch"
        fields["title"] = _sentence_case(_trim(first)) or "Kế hoạch"
        start = 0
    after = " ".join(b.text for b in body[start:])  # the body, not the header's capitals
    for key, text in zip(("issuer", "superior"), reversed(agencies[-2:]), strict=False):
        fields[key], sure = _agency(text, after)
        if not sure:
            notes.append(note("draft.capitals", text=text, word=fields[key], target=key))
    fields["year"] = year if year is not None else _year(fields, body, titled=title_at is not None)
    # ---------------------------------------------------------------- body
    section = "preamble"
    purposes_part = "purposes"
    lists: dict[str, list[str]] = {
        "legal_basis": [],
        "purposes": [],
        "requirements": [],
        "objectives": [],
        "contents": [],
        "solutions": [],
        "recipients": [],
    }
    preamble: list[str] = []
    parties: list[dict[str, Any]] = []
    signer: list[str] = []
    zone: Group | None = None
    zone_level: str | None = None
    last_target: list[str] | None = None
    last_block: Block | None = None
    previous_numbers: dict[str, list[int]] = {}
    for index in range(start, len(body)):
        block = body[index]
        text = block.text
        low = _lower(text)
        line = marked(block)
        if section == "signer":
            signer.append(text)
            continue
        if low.startswith("nơi nhận"):
            section = "recipients"
            zone = None
            rest = text.split(":", 1)[1].strip() if ":" in text else ""
            if rest:
                lists["recipients"].append(_trim(rest.lstrip("-–")))
            continue
        if section == "recipients":
            if line.kind in {"dash", "plus"}:
                lists["recipients"].append(_trim(line.text))
                continue
            section = "signer"
            signer.append(text)
            continue
        if low.startswith(("trên đây là", "trên đây là")):
            section = "closing"
            zone = None
            continue
        if section == "closing":
            if low.startswith(("tm.", "kt.", "q.", "tl.", "chủ tịch")):
                section = "signer"
                signer.append(text)
            continue
        # joined paragraphs: a page break or footnotes cut the text of an item
        if (
            last_target is not None
            and last_block is not None
            and line.kind == ""
            and text[:1].islower()
            and not last_block.text.rstrip().endswith((".", ":", ";", "!", "?"))
            and len(last_target[-1]) < _MAX_JOINED
        ):
            last_target[-1] = f"{last_target[-1]} {text}"  # at most _MAX_JOINED long
            notes.append(
                note("draft.joined", text=text, line=block.line, table=block.table, cell=block.cell)
            )
            last_block = block
            continue
        last_block = block
        if line.kind == "roman" and not (
            zone is not None
            and is_group_heading(line)
            and _section_kind(line.text) in {"other", "indicators", "contents"}
            and low.find("về ") != -1
        ):
            kind = _section_kind(line.text)
            zone = None
            if kind == "indicators" or is_indicator_heading(line.text):
                zone = Group(_first_cap(_sentence_case(line.text)), None, where=line.where)
                zone_level = "roman"
                groups.append(zone)
                section = "indicators"
            else:
                section = kind
            if (
                kind == "purposes"
                and _has(line.text, ["yêu cầu"])
                and not _has(line.text, ["mục đích"])
            ):
                purposes_part = "requirements"
            else:
                purposes_part = "purposes"
            last_target = None
            continue
        if section == "preamble":
            if low.startswith("căn cứ"):
                lists["legal_basis"].append(
                    _first_cap(_trim(text[len("căn cứ") :]) + ("." if text.endswith(".") else ""))
                )
                last_target = lists["legal_basis"]
                continue
            if is_indicator_heading(text) or (line.kind and is_indicator_heading(line.text)):
                zone = Group(_first_cap(_sentence_case(_trim(line.text))), None, where=line.where)
                zone_level = line.kind or "plain"
                groups.append(zone)
                section = "indicators"
                continue
            preamble.append(text)
            last_target = preamble
            continue
        if section == "indicators" and zone is not None:
            for piece in inline_items(line.text if line.kind == "" else text):
                sub = marked(block, piece)
                if sub.kind and zone_level and sub.kind == zone_level and zone_level != "plain":
                    pass
                if is_group_heading(sub) and not _item_like(sub):
                    name = _first_cap(_sentence_case(_trim(sub.text)))
                    count = _COUNT.search(sub.text)
                    zone = Group(
                        name, None, count=int(count.group("n")) if count else None, where=sub.where
                    )
                    groups.append(zone)
                    continue
                if is_indicator_heading(sub.text) and sub.kind == "":
                    name = _first_cap(_sentence_case(_trim(sub.text)))
                    zone = Group(name, None, where=sub.where)
                    groups.append(zone)
                    continue
                zone.items.append(ItemText(_MARKS.sub("", sub.text), sub.where, bool(sub.kind)))
            last_target = None
            continue
        # a heading that opens a list of indicators inside another section
        if line.kind and is_indicator_heading(line.text) and section not in {"organisation"}:
            zone = Group(_first_cap(_sentence_case(_trim(line.text))), None, where=line.where)
            zone_level = line.kind
            groups.append(zone)
            section = "indicators"
            continue
        if section == "purposes":
            if line.kind and len(line.text) < 40:
                if _has(line.text, ["yêu cầu"]):
                    purposes_part = "requirements"
                    continue
                if _has(line.text, ["mục đích"]):
                    purposes_part = "purposes"
                    continue
            lists[purposes_part].append(_MARKS.sub("", line.text))
            last_target = lists[purposes_part]
            continue
        if section in {"objectives", "contents", "solutions"}:
            item = _MARKS.sub("", line.text)
            for mark in _MARKS.findall(line.text):
                referenced[mark] = item
            lists[section].append(item)
            last_target = lists[section]
            if line.kind in {"number", "paren"} and line.number.isdigit():
                previous_numbers.setdefault(section, []).append(int(line.number))
            continue
        if section == "organisation":
            if line.kind in {"number", "letter", "subnumber"}:
                parties.append({"party": line.text, "duties": [], "where": line.where})
                last_target = None
                continue
            if parties:
                parties[-1]["duties"].append(_MARKS.sub("", line.text))
                last_target = parties[-1]["duties"]
            continue
        # other sections (rewards, …) are not part of the plan model
        last_target = None
    # ---------------------------------------------------------------- footnotes
    for mark, (block, text) in footnotes.items():
        items = inline_items(text)
        item_lines = [marked(block, p) for p in items]
        about = referenced.get(mark)
        count = _COUNT.search(about or "")
        name = (
            _trim(_COUNT.sub("", about))
            if about
            else f"Chú thích {mark.translate(_FROM_SUPERSCRIPT)}"
        )
        group = Group(
            name,
            f"Chú thích {mark.translate(_FROM_SUPERSCRIPT)} của kế hoạch",
            count=int(count.group("n")) if count else None,
            where=Where(block.line, block.table, block.cell),
        )
        for sub in item_lines:
            group.items.append(ItemText(_trim(sub.text), sub.where))
        groups.append(group)
    # ---------------------------------------------------------------- tables
    # (tables of indicators are read by the caller from the blocks)
    # ---------------------------------------------------------------- the rest
    for key, values in lists.items():
        fields[key] = [_trim_end(v) if key == "recipients" else v for v in values if v]
    if preamble:
        fields["preamble"] = " ".join(preamble)
    for section_name, numbers in previous_numbers.items():
        gaps = [n for a, n in itertools.pairwise(numbers) if n != a + 1]
        if gaps:
            shown = ", ".join(str(n) for n in numbers)
            notes.append(note("draft.numbering", numbers=shown, target=section_name))
    fields["responsibilities"] = [_responsibility(p, notes) for p in parties]
    signed = _signer(signer)
    if signed is not None:
        fields["signer"] = signed
    elif title_at is not None:
        notes.append(note("draft.no_signer", target="signer"))
    if "issuer" not in fields and title_at is not None:
        found = _issuer_from_text(fields.get("preamble", ""))
        if found:
            fields["issuer"] = found
            notes.append(note("draft.issuer_from_text", word=found, target="issuer"))
        else:
            notes.append(note("draft.no_issuer", target="issuer"))
    if "superior" not in fields and title_at is not None:
        notes.append(note("draft.no_superior", target="superior"))
    if "issued" not in fields and title_at is not None:
        notes.append(note("draft.no_date", target="issued"))
    return Parts(fields, groups, notes)


def _item_like(line: Line) -> bool:
    """A heading-looking line that states a target after its colon ("Thu ngân sách: 100%")."""
    text = line.text.rstrip()
    return ":" in text[:-1] and bool(re.search(r"\d", text.split(":", 1)[1]))


def _trim_end(text: str) -> str:
    return text.rstrip(" ;,.").rstrip()


def _year(fields: dict[str, Any], body: list[Block], *, titled: bool) -> int | None:
    """The plan's year: the title's (a term's first year), else the latest "năm YYYY"."""
    title = fields.get("title", "")
    span = _SPAN.search(title)
    if span:
        return int(span.group("a"))
    match = _YEAR.search(_lower(title))
    if match and titled:
        return int(match.group("y"))
    issued = fields.get("issued")
    if issued and titled:
        return int(issued["year"])
    years = [int(m.group("y")) for b in body for m in _YEAR.finditer(_lower(b.text))]
    if years:
        return max(years)
    return int(issued["year"]) if issued else None


def _issuer_from_text(text: str) -> str | None:
    match = re.match(
        r"^((?:Ủy ban nhân dân|UBND|Hội đồng nhân dân|Ban Thường vụ|Ban Chấp hành|Đảng ủy)"
        r"[^,.;:]{0,80}?)\s+(?:phát động|ban hành|xây dựng|triển khai|tổ chức)",
        text,
    )
    return match.group(1).strip() if match else None


def _responsibility(party: dict[str, Any], notes: list[ReviewNote]) -> Responsibility:
    roles = config()["roles"]
    name = _trim(party["party"])
    low = _lower(name)
    for prefix in roles["party_prefixes"]:
        if low.startswith(prefix + " "):
            name = _first_cap(name[len(prefix) :].strip())
            break
    duties = [_trim(d) + ("." if d.rstrip().endswith(".") else "") for d in party["duties"]]
    first = _lower(duties[0]) if duties else ""
    role = None
    for words, found in ((roles["lead"], Role.LEAD), (roles["support"], Role.SUPPORT)):
        if any(first.startswith(w) for w in words):
            role = found
            break
    if any(low.startswith(p + " ") for p in roles["party_prefixes"]):
        role = Role.SUPPORT
    if role is None:
        role = Role.SUPPORT
        where: Where = party["where"]
        notes.append(
            note(
                "draft.role",
                text=name,
                line=where.line,
                table=where.table,
                cell=where.cell,
                target=name,
            )
        )
    return Responsibility(name, role=role, duties=[d for d in duties if d])


def _signer(lines: list[str]) -> Signer | None:
    lines = [t for t in lines if t.strip()]
    if len(lines) < 2:
        return None
    behalf = None
    rest = list(lines)
    if _lower(rest[0]).startswith(("tm.", "kt.", "q.", "tl.", "tuq.")):
        head, _, tail = rest[0].partition(".")
        behalf = f"{head.upper()}. {_sentence_case(tail.strip())}"
        rest = rest[1:]
    if len(rest) < 2:
        return None
    title = _sentence_case(rest[0])
    name = rest[-1]
    return Signer(name, title, on_behalf_of=behalf)


def table_rows(blocks: list[Block]) -> Iterator[tuple[int, dict[int, dict[int, list[Block]]]]]:
    """The tables of the blocks: number -> row -> column -> blocks."""
    tables: dict[int, dict[int, dict[int, list[Block]]]] = {}
    for block in blocks:
        if block.table is not None:
            tables.setdefault(block.table, {}).setdefault(block.row, {}).setdefault(
                block.column, []
            ).append(block)
    yield from tables.items()


_NAME_HEADERS = ["chỉ tiêu", "nội dung", "tên", "tiêu chí"]
#: Headers of a column of targets: the strong ones first, then the weak ones.
_TARGET_HEADERS = ["kế hoạch", "mục tiêu", "chỉ tiêu", "phấn đấu", "kh "]
_WEAK_TARGET_HEADERS = ["năm 20", "mức", "yêu cầu"]
#: Headers of columns of results, estimates and comparisons: never targets.
_NOT_TARGET_HEADERS = ["thực hiện", "ước", "kết quả", "so với", "so sánh", "đạt được", "tỷ lệ", "%"]
_UNIT_HEADERS = ["đơn vị tính", "đvt", "đơn vị"]


def indicator_tables(blocks: list[Block]) -> tuple[list[Group], set[int]]:
    """Tables with a column of names and one of targets, as groups of items.

    A row whose target cell is empty names a group; the unit column, if any, is
    written after the target ("98" with ĐVT "%" is "98 %").
    """
    groups: list[Group] = []
    used: set[int] = set()
    for number, rows in table_rows(blocks):
        if not rows:
            continue
        first = min(rows)
        header = {c: _lower(" ".join(b.text for b in cells)) for c, cells in rows[first].items()}
        name_col = next((c for c in sorted(header) if _has(header[c], _NAME_HEADERS)), None)
        if name_col is None:
            continue
        later = [
            c for c in sorted(header) if c > name_col and not _has(header[c], _NOT_TARGET_HEADERS)
        ]
        target_col = next((c for c in later if _has(header[c] + " ", _TARGET_HEADERS)), None)
        if target_col is None:
            target_col = next((c for c in later if _has(header[c], _WEAK_TARGET_HEADERS)), None)
        if target_col is None:
            continue
        unit_col = next((c for c in sorted(header) if _has(header[c], _UNIT_HEADERS)), None)
        used.add(number)
        head = rows[first][name_col][0]
        group = Group(f"Bảng {number}", None, where=Where(head.line, head.table, head.cell))
        groups.append(group)
        for row in sorted(rows)[1:]:
            cells = rows[row]
            name = " ".join(b.text for b in cells.get(name_col, []))
            target = " ".join(b.text for b in cells.get(target_col, []))
            unit = " ".join(b.text for b in cells.get(unit_col, [])) if unit_col is not None else ""
            if not name:
                continue
            at = cells[name_col][0]
            where = Where(at.line, at.table, at.cell)
            if not target:
                group = Group(
                    _first_cap(_sentence_case(_trim(marked(at, name).text))), None, where=where
                )
                groups.append(group)
                continue
            text = f"{_trim(marked(at, name).text)}: {target}"
            if unit and re.fullmatch(r"[\d.,]+", target.strip()):
                text = f"{text} {unit}"
            group.items.append(ItemText(text, where))
    return [g for g in groups if g.items], used


_ANNOUNCE = re.compile(
    r"(?:phấn đấu|đặt mục tiêu|mục tiêu(?: cụ thể| chính| tổng quát)?|các chỉ tiêu|chỉ tiêu|"
    r"theo kế hoạch|trong đó)[^:;]{0,60}?:\s*|"
    r"(?:đặt mục tiêu|phấn đấu)\s+(?=\d)",
)
_REFERENCE = re.compile(r"\bsố\s*:?\s*\d+\s*/|^ngày\s+\d", re.IGNORECASE)


_FLAG_WORDS = ["đạt chuẩn", "công nhận", "giữ vững", "hoàn thành"]


def prose_groups(blocks: list[Block]) -> list[Group]:
    """Targets stated in running text, for a document without lists of indicators.

    Each sentence is cut after the words that announce targets ("phấn đấu:",
    "mục tiêu cụ thể:", "đặt mục tiêu"), then at ";" and before each further target
    after a comma or *và*; a piece with no number and no target word is left out.
    """
    from thidua.drafting._indicators import _sentences, _starts  # noqa: PLC0415

    words: list[str] = config()["targets"]["words"]
    group = Group("Mục tiêu", None)
    for block in blocks:
        for sentence in _sentences(marked(block).text):
            if _REFERENCE.search(sentence):
                continue
            low = _lower(sentence)
            rest = sentence
            cut = None
            for match in _ANNOUNCE.finditer(low):
                cut = match.end()
            if cut is not None:
                rest = sentence[cut:]
            for clause in rest.split(";"):
                for piece in _pieces(clause, words, _starts):
                    figures = _SPAN.sub("", _YEAR.sub("", _lower(piece)))
                    if not re.search(r"[^\W\d_]", piece):
                        continue  # a figure alone: nothing it is the target of
                    if re.search(r"\d", figures) or _has(piece, _FLAG_WORDS):
                        group.items.append(
                            ItemText(_trim(piece), Where(block.line, block.table, block.cell))
                        )
    return [group] if group.items else []


def _pieces(clause: str, words: list[str], starts: Any) -> list[str]:
    """A clause cut before each target that follows a comma or *và* and has a number.

    Linear in the clause: the target starts and the separators are found once,
    and each piece is looked at once.
    """
    from thidua.drafting._indicators import after_separator  # noqa: PLC0415

    low = _lower(clause)
    found = list(starts(clause, words))
    cuts = {0, *(i for i in found if i > 0 and after_separator(low, i))}
    # "Số hộ khá tăng, số hộ nghèo dưới 0,68%": a target, then a subject with its own figure
    separators = [(m.start(), m.end()) for m in re.finditer(r",\s+|\s+và\s+", clause)]
    digits = [m.start() for m in re.finditer(r"\d", clause)]
    last_cut = 0
    for index, (begin, end) in enumerate(separators):
        stop = separators[index + 1][0] if index + 1 < len(separators) else len(clause)
        if (
            _any_in(found, last_cut, begin)
            and _any_in(found, end, stop)
            and _any_in(digits, end, stop)
        ):
            cuts.add(end)
        if end in cuts:
            last_cut = end
    bounds = sorted(cuts)
    out: list[list[str]] = []
    for a, b in itertools.pairwise([*bounds, len(clause)]):
        piece = re.sub(r"(?:,|\s+và)\s*$", "", clause[a:b].strip())
        if out and not _any_in(digits, a, b) and not _has(piece, ["đạt chuẩn", "giữ vững"]):
            out[-1].append(piece)
        else:
            out.append([piece])
    return [", ".join(parts) for parts in out]


def _any_in(positions: list[int], low: int, high: int) -> bool:
    """Whether a sorted list of positions has one in ``[low, high)``."""
    at = bisect.bisect_left(positions, low)
    return at < len(positions) and positions[at] < high
