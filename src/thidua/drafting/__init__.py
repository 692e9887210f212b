"""Drafting a plan from a Vietnamese plan document (.docx, .txt, .md).

:func:`draft_plan` reads a kế hoạch -- its header, Căn cứ lines, sections,
responsibilities, Nơi nhận and signer -- and its indicators from numbered lists
wherever they stand (footnotes "(1) …; (2) …", numbered, lettered and dashed
lines under a heading of indicators, tables of names and targets). Each target
phrase is read by :func:`thidua.rules.parse_rule`; nothing is guessed: a target
the reader refuses, a term target, a bare value without a direction, an unclear
unit are kept as :class:`ReviewNote` s with their text and place.

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import os
import re
from typing import Any

import attrs

from thidua._text import printable
from thidua.drafting._documents import (
    MAX_BLOCKS,
    MAX_DOCUMENT_BYTES,
    read_source,
)
from thidua.drafting._indicators import Context, Drafted, _lower, draft_item
from thidua.drafting._notes import ReviewNote, config, note
from thidua.drafting._sections import Group, indicator_tables, prose_groups, read_parts
from thidua.errors import PlanError, ThiduaError, check_language
from thidua.plans import (
    Indicator,
    IndicatorGroup,
    IssueDate,
    OrgUnit,
    Plan,
    Responsibility,
    Signer,
    dumps_plan,
)
from thidua.units import default_units

__all__ = ["MAX_BLOCKS", "MAX_DOCUMENT_BYTES", "PlanDraft", "ReviewNote", "draft_plan"]


@attrs.frozen
class PlanDraft:
    """A plan drafted from a document, and what a person must review in it.

    .. versionadded:: 0.4.0
    """

    #: The drafted plan (a valid :class:`~thidua.Plan`).
    plan: Plan
    #: The review notes, in document order (whole-document notes first).
    notes: tuple[ReviewNote, ...]

    def review(self, language: str = "vi") -> str:
        """The review list, one note a line."""
        check_language(language)
        return "".join(f"- {n.message(language)}\n" for n in self.notes)

    def to_toml(self) -> str:
        """The plan as TOML, each note a comment next to what it concerns.

        The text reads back with :func:`thidua.plans.loads_plan` to :attr:`plan`.
        Notes about indicators that are not in the plan (no rule could be
        read) come at the top, with their text.
        """
        lines = dumps_plan(self.plan).splitlines()
        by_target: dict[str, list[ReviewNote]] = {}
        for n in self.notes:
            by_target.setdefault(n.target or "\0", []).append(n)
        placed: set[str] = set()
        out: list[str] = []
        header_at: int | None = None
        in_tables = False
        for line in lines:
            stripped = line.strip()
            if stripped.startswith("["):
                in_tables = True
                header_at = len(out)
                key = stripped.strip("[]")
                if key in by_target and key not in placed:
                    out.extend(_comments(by_target[key]))
                    placed.add(key)
                    header_at = len(out)
                out.append(line)
                continue
            match = re.match(r'^(\w+) = "(.*)"$', stripped)
            if in_tables and match and match.group(1) in {"id", "party"} and header_at is not None:
                key = match.group(2)
                if key in by_target and key not in placed:
                    out[header_at:header_at] = _comments(by_target[key])
                    placed.add(key)
            elif not in_tables:
                key = stripped.split(" = ", 1)[0] if " = " in stripped else ""
                if key in by_target and key not in placed:
                    out.extend(_comments(by_target[key]))
                    placed.add(key)
            out.append(line)
        rest = [n for key, notes in by_target.items() if key not in placed for n in notes]
        top = []
        if rest:
            top = [
                "# Cần xem lại (review) -- ghi chú chung và các mục không đưa vào kế hoạch:",
                *_comments(rest),
                "",
            ]
        start = next((i for i, line in enumerate(out) if not line.startswith("#")), 0)
        return "\n".join([*out[:start], *top, *out[start:]]) + "\n"


def _comments(notes: list[ReviewNote]) -> list[str]:
    lines = []
    for n in notes:
        lines.append(_one_line(f"# REVIEW {n.message('vi')}"))
        lines.append(_one_line(f"#   en: {n.where('en')}: {n.en} ({n.code})"))
    return lines


def _one_line(text: str) -> str:
    return printable(text).replace("\n", " ").replace("\r", " ")


def draft_plan(
    source: str | bytes | os.PathLike[str],
    *,
    id: str | None = None,
    year: int | None = None,
) -> PlanDraft:
    """Draft a plan from a plan document, with the list of what to review.

    Args:
        source: A path to a ``.docx``, ``.txt`` or ``.md`` file, the bytes of a
            ``.docx`` (an upload), or the text itself (a ``str`` that is not a
            file name). A file is at most :data:`MAX_DOCUMENT_BYTES` (10 MB) and
            :data:`MAX_BLOCKS` (200 000) paragraphs, lines or cells; reading
            takes time linear in its length.
        id: The plan's id; by default the place and year ("hòa-thuận-2024").
        year: The plan's year; by default the year of the title ("năm 2024"),
            of a term's first year ("nhiệm kỳ 2020-2025"), or of the date of issue.

    Returns:
        The drafted plan and its review notes.

    Raises:
        DataError: The file cannot be read: ``draft.not_docx`` (not a .docx, a
            damaged zip, no ``word/document.xml``, damaged XML), ``draft.encrypted``
            (a password-protected or old .doc file), ``draft.too_large`` (too many
            paragraphs, or an XML part over 64 MB uncompressed), ``file.too_large``,
            ``file.encoding`` (a text file not in UTF-8), ``file.unreadable``.
        PlanError: ``draft.no_indicators`` (no list of indicators was found),
            ``draft.no_year`` (no year could be read; give ``year=``).
        ArgumentTypeError: ``source`` is neither a path nor text.

    .. versionadded:: 0.4.0
    """
    blocks, file = read_source(source)
    tables, used = indicator_tables(blocks)
    flow = [b for b in blocks if b.table is None or b.table not in used]
    parts = read_parts(flow, year=year)
    fields = parts.fields
    plan_year = fields.get("year")
    if not isinstance(plan_year, int):
        msg = "the year of the plan cannot be read from the document"
        raise PlanError(
            msg,
            code="draft.no_year",
            vi="không đọc được năm của kế hoạch trong văn bản",
            hint="give the year: draft_plan(..., year=2024) or --year 2024",
            hint_vi="hãy ghi năm: draft_plan(..., year=2024) hoặc --year 2024",
            file=file,
        )
    for group in parts.groups:
        if any(item.marked for item in group.items):
            group.items[:] = [item for item in group.items if item.marked]
    groups = [g for g in [*parts.groups, *tables] if g.items]
    if not groups:
        groups = [g for g in prose_groups(flow) if g.items]
    if not groups:
        msg = "no list of indicators was found in the document"
        raise PlanError(
            msg,
            code="draft.no_indicators",
            vi="không tìm thấy danh sách chỉ tiêu nào trong văn bản",
            hint=(
                "indicators are read from numbered or dashed lists under a heading with "
                "'chỉ tiêu', from footnotes '(1) …; (2) …' and from tables of names and targets"
            ),
            hint_vi=(
                "chỉ tiêu được đọc từ danh sách đánh số hoặc gạch đầu dòng dưới tiêu đề có "
                "'chỉ tiêu', từ chú thích '(1) …; (2) …' và từ bảng tên và mức chỉ tiêu"
            ),
            file=file,
            line=blocks[-1].line if blocks else None,
        )
    ctx = Context(plan_year, default_units())
    notes: list[ReviewNote] = list(parts.notes)
    drafted_groups: list[tuple[Group, str, list[Indicator]]] = []
    org: tuple[int, str] | None = None
    used_ids: set[str] = set()
    for index, group in enumerate(groups):
        gid = _group_id(group.name, index, used_ids)
        indicators = []
        for number, item in enumerate(group.items, start=1):
            table_unit = None
            drafted: Drafted = draft_item(f"{gid}{number:02d}", item.text, item.where, ctx)
            del table_unit
            notes.extend(drafted.notes)
            if drafted.indicator is not None:
                indicators.append(drafted.indicator)
                org = org or drafted.org_units
        if group.count is not None and group.count != len(group.items):
            notes.append(
                note(
                    "draft.count",
                    expected=group.count,
                    found=len(group.items),
                    target=gid,
                    line=group.where.line,
                    table=group.where.table,
                    cell=group.where.cell,
                )
            )
        drafted_groups.append((group, gid, indicators))
    org_units: list[OrgUnit] = []
    if org is not None:
        count, kind = org
        prefix = (kind[:1].upper() or "U") if kind[:1].isalpha() else "U"
        org_units = [
            OrgUnit(f"{prefix}{n}", f"{kind[:1].upper()}{kind[1:]} {n}", kind=kind)
            for n in range(1, count + 1)
        ]
        notes.append(note("draft.org_units", count=count, kind=kind, target="org_units"))
    notes.append(note("draft.not_drafted"))
    plan = _plan(
        fields=fields,
        drafted=drafted_groups,
        org_units=org_units,
        ident=id,
        notes=notes,
    )
    return PlanDraft(plan, tuple(_ordered(notes)))


def _ordered(notes: list[ReviewNote]) -> list[ReviewNote]:
    return sorted(notes, key=lambda n: (n.line is not None, n.line or 0, n.table or 0))


def _group_id(name: str, index: int, used: set[str]) -> str:
    low = _lower(name)
    found = None
    for entry in config()["group_id"]:
        if any(w in low for w in entry["words"]):
            found = str(entry["id"])
            break
    base = found or f"G{index + 1}"
    ident = base
    n = 2
    while ident in used:
        ident = f"{base}{n}"
        n += 1
    used.add(ident)
    return ident


def _slug(text: str) -> str:
    words = re.findall(r"\w+", _lower(text))
    return "-".join(words)


def _plan(
    *,
    fields: dict[str, Any],
    drafted: list[tuple[Group, str, list[Indicator]]],
    org_units: list[OrgUnit],
    ident: str | None,
    notes: list[ReviewNote],
) -> Plan:
    year = int(fields["year"])
    plan_id = ident or "-".join(p for p in (_slug(fields.get("place", "")), str(year)) if p)
    if not ident and not fields.get("place"):
        plan_id = f"ke-hoach-{year}"
    values: dict[str, Any] = {
        key: fields[key]
        for key in ("number", "issuer", "superior", "place", "preamble")
        if fields.get(key)
    }
    for key in (
        "legal_basis",
        "purposes",
        "requirements",
        "objectives",
        "contents",
        "solutions",
        "recipients",
    ):
        values[key] = tuple(fields.get(key, ()))
    issued = fields.get("issued")
    if issued:
        values["issued"] = IssueDate(**issued)
    signer = fields.get("signer")
    if isinstance(signer, Signer):
        values["signer"] = signer
    responsibilities: list[Responsibility] = fields.get("responsibilities", [])
    dropped: set[str] = set()
    while True:  # each round drops one indicator the plan refuses, so it ends
        groups = []
        for group, gid, indicators in drafted:
            kept = [i for i in indicators if i.id not in dropped]
            if kept:
                groups.append(IndicatorGroup(gid, group.name, indicators=kept, note=group.note))
        try:
            return Plan(
                plan_id,
                fields.get("title") or "Kế hoạch",
                year=year,
                responsibilities=responsibilities,
                org_units=org_units,
                groups=groups,
                number_format="vi",
                **values,
            )
        except ThiduaError as exc:
            culprit = getattr(exc, "indicator", None)
            found = next(
                (
                    (i, leaf)
                    for _, _, inds in drafted
                    for i in inds
                    for leaf in i.walk()
                    if leaf.id == culprit
                ),
                None,
            )
            if found is None or found[0].id in dropped:
                raise
            top, leaf = found
            dropped.add(top.id)
            notes.append(
                note(
                    "draft.rule_invalid",
                    rule=str(leaf.rule),
                    reason=exc.what("en"),
                    reason_vi=exc.what("vi"),
                    target=top.id,
                    text=leaf.text or leaf.name,
                )
            )
