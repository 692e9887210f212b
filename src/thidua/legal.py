"""The legal sources of the defaults, and the policy in force at a date (cơ sở pháp lý).

Every default that comes from a legal text — the shipped titles and their
conditions, the tie-breaking preference of the ranking, the bands, the HTXSNV
condition and the quota of the classification, the flag rule of a cluster — is
a *legal fact*: one version of one policy (``ranking.preference``), taken from
one document (:class:`LegalSource`, e.g. Nghị định 98/2023/NĐ-CP), with its
article and the dates it is in force. When a document is replaced, the policy
gets a new version: Decree 98/2023 until 30/06/2025, Decree 152/2025 from
01/07/2025. The facts are data (``legal.toml``, shipped), checked when read: the
versions of a policy follow one another without overlap or gap.

A fact that was not checked against the text (``verified = False``) says so
wherever it is cited (``— chưa kiểm chứng`` / ``— unverified``).

>>> fact = in_force("ranking.preference", "2024-12-31")
>>> fact.cite()
'Nghị định 98/2023/NĐ-CP, Điều 4 — chưa kiểm chứng'
>>> in_force("ranking.preference", "2026-12-31").source.number
'152/2025/NĐ-CP'
>>> fact.share("share")
Fraction(7, 10)

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from fractions import Fraction
from functools import cache
from itertools import pairwise
from typing import Any

import attrs

from thidua import _fields as f
from thidua._files import packaged_text, read_text
from thidua.errors import NotFoundError, PlanError, check_language
from thidua.numbers import to_share
from thidua.periods import parse_date

__all__ = [
    "MAX_LEGAL_BYTES",
    "Legal",
    "LegalFact",
    "LegalSource",
    "default_legal",
    "in_force",
    "legal_facts",
    "load_legal",
    "loads_legal",
    "sources",
]

#: Largest legal-sources file read (bytes).
MAX_LEGAL_BYTES = 1024 * 1024


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
        msg = "the date"
        raise f.wrong_type(msg, "ngày", "a date such as 2024-01-01", "ngày như 2024-01-01", value)
    if isinstance(value, str):
        return parse_date(value)
    return f.check_date(value, "the date", "ngày")


def _optional_date(value: object) -> dt.date | None:
    return None if value is None else _date(value)


_ID = f.identifier("the source id", "mã văn bản", slash=False, hint="nd-98-2023")
_POLICY = f.identifier("the policy", "mã chính sách", slash=False, hint="ranking.preference")
_TEXT = f.text("the text", "nội dung")
_OPTIONAL_TEXT = f.optional_text("the text", "nội dung", multiline=True)
_VERIFIED = f.flag("verified", "mục verified")
_ARTICLE = f.optional_whole("the article", "điều", low=1, high=10_000)


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _id(value: object) -> str:
    return _ID(value)


def _optional_id(value: object) -> str | None:
    return None if value is None else _ID(value)


def _ids(value: object) -> tuple[str, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        msg = "the other sources"
        raise f.wrong_type(msg, "các văn bản khác", "a list of source ids", "danh sách mã", value)
    return tuple(_ID(item) for item in value)


def _policy(value: object) -> str:
    return _POLICY(value)


def _text(value: object) -> str:
    return _TEXT(value)


def _optional_text(value: object) -> str | None:
    return _OPTIONAL_TEXT(value)


def _verified(value: object) -> bool:
    return _VERIFIED(value)


def _article(value: object) -> int | None:
    return _ARTICLE(value)


def _values(value: object) -> tuple[tuple[str, str], ...]:
    if isinstance(value, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in value):
        value = dict(value)
    if not isinstance(value, Mapping):
        msg = "the values"
        raise f.wrong_type(msg, "các giá trị", "a table of texts", "một bảng chữ", value)
    name = f.identifier("a value's name", "tên giá trị", slash=False, hint="share")
    return tuple(sorted((name(k), _TEXT(v)) for k, v in value.items()))


def _dates_in_order(start: dt.date | None, end: dt.date | None, **where: Any) -> None:
    if start is not None and end is not None and end < start:
        msg = f"valid_to {end.isoformat()} comes before valid_from {start.isoformat()}"
        raise PlanError(
            msg,
            code="legal.dates",
            vi=f"ngày hết hiệu lực {end:%d/%m/%Y} trước ngày có hiệu lực {start:%d/%m/%Y}",
            hint="give valid_to on or after valid_from",
            hint_vi="hãy ghi valid_to từ ngày valid_from trở đi",
            **where,
        )


@attrs.frozen
class LegalSource:
    """A legal document: its number, title, issuer and the dates it is in force.

    .. versionadded:: 0.4.0
    """

    #: Fixed id, e.g. ``nd-98-2023``.
    id: str = attrs.field(converter=_id)
    #: Its number (số hiệu), e.g. ``98/2023/NĐ-CP``.
    number: str = attrs.field(converter=_text)
    #: How citations name it in Vietnamese, e.g. ``Nghị định 98/2023/NĐ-CP``.
    short: str = attrs.field(converter=_text)
    #: How citations name it in English, e.g. ``Decree 98/2023/NĐ-CP``.
    short_en: str = attrs.field(converter=_text)
    #: Its title (trích yếu), in Vietnamese.
    title: str = attrs.field(converter=_text)
    #: Its title in English.
    title_en: str = attrs.field(converter=_text)
    #: Who issued it, e.g. ``Chính phủ``.
    issuer: str = attrs.field(converter=_text)
    #: The day it was issued (None: not known).
    issued: dt.date | None = attrs.field(default=None, converter=_optional_date, kw_only=True)
    #: The first day it is in force (None: not known).
    valid_from: dt.date | None = attrs.field(default=None, converter=_optional_date, kw_only=True)
    #: The last day it is in force (None: still in force, or not known).
    valid_to: dt.date | None = attrs.field(default=None, converter=_optional_date, kw_only=True)
    #: The id of the document it replaces.
    replaces: str | None = attrs.field(default=None, converter=_optional_id, kw_only=True)
    #: Whether its number, title, issuer and dates were checked against a published text.
    verified: bool = attrs.field(default=False, converter=_verified, kw_only=True)
    #: What was checked, and where.
    checked: str | None = attrs.field(default=None, converter=_optional_text, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _dates_in_order(self.valid_from, self.valid_to, key="valid_to")

    def cite(self, language: str = "vi") -> str:
        """Its short name for citations (``Nghị định 98/2023/NĐ-CP``; ``Decree …`` in English).

        Raises:
            UsageError: ``language`` is neither ``"vi"`` nor ``"en"``.
        """
        return self.short if check_language(language) == "vi" else self.short_en

    def as_dict(self) -> dict[str, Any]:
        """Its fields as JSON data (dates as ``YYYY-MM-DD``, None for unknown)."""
        return {
            "id": self.id,
            "number": self.number,
            "short": self.short,
            "short_en": self.short_en,
            "title": self.title,
            "title_en": self.title_en,
            "issuer": self.issuer,
            "issued": _iso(self.issued),
            "valid_from": _iso(self.valid_from),
            "valid_to": _iso(self.valid_to),
            "replaces": self.replaces,
            "verified": self.verified,
            "checked": self.checked,
        }


@attrs.frozen
class _FactEntry:
    """A fact as the file writes it: its documents by id."""

    policy: str = attrs.field(converter=_policy)
    what: str = attrs.field(converter=_text)
    what_vi: str = attrs.field(converter=_text)
    source: str = attrs.field(converter=_id)
    valid_from: dt.date = attrs.field(converter=_date)
    valid_to: dt.date | None = attrs.field(default=None, converter=_optional_date)
    article: int | None = attrs.field(default=None, converter=_article)
    clause: int | None = attrs.field(default=None, converter=_article)
    also: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    amended_by: str | None = attrs.field(default=None, converter=_optional_id)
    values: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_values)
    verified: bool = attrs.field(default=False, converter=_verified)
    note: str | None = attrs.field(default=None, converter=_optional_text)


def _source(value: object) -> LegalSource:
    return f.model(LegalSource, value, "the source", "văn bản")


def _optional_source(value: object) -> LegalSource | None:
    return None if value is None else _source(value)


def _sources(value: object) -> tuple[LegalSource, ...]:
    return f.models(LegalSource, "the sources", "các văn bản")(value)


@attrs.frozen
class LegalFact:
    """One version of one policy: what a default takes from a document, and when.

    .. versionadded:: 0.4.0
    """

    #: The policy, e.g. ``ranking.preference`` or ``titles.LDTT``.
    policy: str = attrs.field(converter=_policy)
    #: What it says, in English.
    what: str = attrs.field(converter=_text)
    #: What it says, in Vietnamese.
    what_vi: str = attrs.field(converter=_text)
    #: The document it comes from.
    source: LegalSource = attrs.field(converter=_source)
    #: The first day this version is in force.
    valid_from: dt.date = attrs.field(converter=_date)
    #: The last day it is in force (None: still in force).
    valid_to: dt.date | None = attrs.field(default=None, converter=_optional_date)
    #: The article (điều) of the document, if known.
    article: int | None = attrs.field(default=None, converter=_article, kw_only=True)
    #: The clause (khoản) of the article, if known.
    clause: int | None = attrs.field(default=None, converter=_article, kw_only=True)
    #: Other documents it is read with (cited after the first).
    also: tuple[LegalSource, ...] = attrs.field(default=(), converter=_sources, kw_only=True)
    #: The document that amends the source for this version.
    amended_by: LegalSource | None = attrs.field(
        default=None, converter=_optional_source, kw_only=True
    )
    #: The figures it sets, by name, as text (``share = "70 %"``).
    values: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_values, kw_only=True)
    #: Whether the article and the content were checked against the text.
    verified: bool = attrs.field(default=False, converter=_verified, kw_only=True)
    #: What was checked, or why it could not be.
    note: str | None = attrs.field(default=None, converter=_optional_text, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _dates_in_order(self.valid_from, self.valid_to, key="valid_to")
        if self.clause is not None and self.article is None:
            msg = "a clause needs its article"
            raise PlanError(
                msg,
                code="legal.clause",
                vi="khoản cần có điều",
                hint="give article with clause",
                hint_vi="hãy ghi article cùng với clause",
                key="clause",
            )

    def in_force(self, on: dt.date | str) -> bool:
        """Whether this version is in force on the day ``on``.

        Raises:
            ParseError: ``on`` is text that is not a date.
        """
        day = parse_date(on)
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def cite(self, language: str = "vi") -> str:
        """The citation: document, article and clause, and the mark of an unverified fact.

        >>> in_force("classification.bands", "2026-12-31").cite("en")
        'Regulation 366-QĐ/TW, Art. 11'

        Raises:
            UsageError: ``language`` is neither ``"vi"`` nor ``"en"``.
        """
        vi = check_language(language) == "vi"
        parts = [self.source.cite(language)]
        if self.article is not None:
            if vi:
                parts.append(
                    f"Điều {self.article}" + (f" khoản {self.clause}" if self.clause else "")
                )
            else:
                parts.append(f"Art. {self.article}" + (f"({self.clause})" if self.clause else ""))
        if self.amended_by is not None:
            by = self.amended_by.cite(language)
            parts.append(f"sửa đổi bởi {by}" if vi else f"as amended by {by}")
        text = "; ".join([", ".join(parts), *(other.cite(language) for other in self.also)])
        if not self.verified:
            text += " — chưa kiểm chứng" if vi else " — unverified"
        return text

    def value(self, name: str) -> str:
        """The figure ``name`` as the data write it (``"70 %"``).

        Raises:
            NotFoundError: This fact sets no figure of that name (``legal.unknown_value``).
        """
        found = dict(self.values).get(name)
        if found is None:
            quoted = f.shown(name)
            listed = ", ".join(k for k, _ in self.values) or "none"
            msg = f"{self.policy} sets no value {quoted}"
            raise NotFoundError(
                msg,
                code="legal.unknown_value",
                vi=f"{self.policy} không có giá trị {quoted}",
                hint=f"values: {listed}",
                hint_vi=f"các giá trị: {listed if self.values else 'không có'}",
            )
        return found

    def as_dict(self) -> dict[str, Any]:
        """Its fields as JSON data: documents by id, dates as ``YYYY-MM-DD``, both citations."""
        return {
            "policy": self.policy,
            "what": self.what,
            "what_vi": self.what_vi,
            "source": self.source.id,
            "citation": self.cite("vi"),
            "citation_en": self.cite("en"),
            "article": self.article,
            "clause": self.clause,
            "also": [other.id for other in self.also],
            "amended_by": None if self.amended_by is None else self.amended_by.id,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": _iso(self.valid_to),
            "values": dict(self.values),
            "verified": self.verified,
            "note": self.note,
        }

    def share(self, name: str) -> Fraction:
        """The figure ``name`` read as a share of one (``"70 %"`` is 7/10).

        Raises:
            NotFoundError: No figure of that name.
            ParseError: The figure is not a share.
        """
        return to_share(self.value(name), what=f"{self.policy}.{name}")


def _facts(value: object) -> tuple[LegalFact, ...]:
    return f.models(LegalFact, "the facts", "các căn cứ")(value)


def _check_sources(found: tuple[LegalSource, ...]) -> None:
    seen: set[str] = set()
    for number, source in enumerate(found):
        if source.id in seen:
            msg = f"source {source.id!r} is declared twice"
            raise PlanError(
                msg,
                code="plan.duplicate_id",
                vi=f"văn bản {source.id!r} được khai báo hai lần",
                hint="give every source its own id",
                hint_vi="hãy đặt cho mỗi văn bản một mã riêng",
                key=f"sources[{number}].id",
            )
        seen.add(source.id)


def _day(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _check_versions(facts: tuple[LegalFact, ...]) -> None:
    """The versions of each policy follow one another: no overlap, no gap, inside their source."""
    by_policy: dict[str, list[tuple[int, LegalFact]]] = {}
    for number, fact in enumerate(facts):
        by_policy.setdefault(fact.policy, []).append((number, fact))
        src = fact.source
        before = src.valid_from is not None and fact.valid_from < src.valid_from
        end = fact.valid_to or dt.date.max
        after = src.valid_to is not None and end > src.valid_to
        if before or after:
            span = f"{_day(src.valid_from) if src.valid_from else '…'} – "
            span += _day(src.valid_to) if src.valid_to else "…"
            msg = f"{fact.policy} is in force outside the dates of its source {src.id} ({span})"
            raise PlanError(
                msg,
                code="legal.outside_source",
                vi=f"{fact.policy} có hiệu lực ngoài thời gian hiệu lực của văn bản {src.id} "
                f"({span})",
                hint="keep a fact's valid_from and valid_to within its source's",
                hint_vi="hãy để valid_from, valid_to của căn cứ nằm trong thời gian của văn bản",
                key=f"facts[{number}]",
            )
    for policy, versions in by_policy.items():
        ordered = sorted(versions, key=lambda pair: pair[1].valid_from)
        for (_, earlier), (number, later) in pairwise(ordered):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                msg = f"two versions of {policy} are in force on {_day(later.valid_from)}"
                raise PlanError(
                    msg,
                    code="legal.overlap",
                    vi=f"hai phiên bản của {policy} cùng có hiệu lực ngày {_day(later.valid_from)}",
                    hint="end the earlier version the day before the later one starts",
                    hint_vi="hãy cho phiên bản trước hết hiệu lực trước ngày phiên bản sau bắt đầu",
                    key=f"facts[{number}]",
                )
            follows = earlier.valid_to + dt.timedelta(days=1)
            if follows != later.valid_from:
                last = later.valid_from - dt.timedelta(days=1)
                when = (
                    f"on {_day(follows)}"
                    if follows == last
                    else f"from {_day(follows)} to {_day(last)}"
                )
                when_vi = (
                    f"ngày {_day(follows)}"
                    if follows == last
                    else f"từ {_day(follows)} đến {_day(last)}"
                )
                msg = f"no version of {policy} is in force {when}"
                raise PlanError(
                    msg,
                    code="legal.gap",
                    vi=f"không có phiên bản nào của {policy} có hiệu lực {when_vi}",
                    hint="start each version the day after the one before it ends",
                    hint_vi="hãy cho mỗi phiên bản bắt đầu ngay sau ngày phiên bản trước "
                    "hết hiệu lực",
                    key=f"facts[{number}]",
                )


@attrs.frozen
class Legal:
    """A register of legal sources and the facts taken from them.

    Raises:
        PlanError: A source declared twice, two versions of a policy in force on
            the same day (``legal.overlap``), a day between two versions with
            none in force (``legal.gap``), or a fact in force outside its
            source's dates (``legal.outside_source``).

    .. versionadded:: 0.4.0
    """

    #: The documents.
    sources: tuple[LegalSource, ...] = attrs.field(converter=_sources)
    #: The facts, each with its documents.
    facts: tuple[LegalFact, ...] = attrs.field(converter=_facts)

    def __attrs_post_init__(self) -> None:
        _check_sources(self.sources)
        _check_versions(self.facts)

    @property
    def policies(self) -> tuple[str, ...]:
        """The policies, in the order they first appear."""
        return tuple(dict.fromkeys(fact.policy for fact in self.facts))

    def source(self, id: str) -> LegalSource:
        """The document with this id.

        Raises:
            NotFoundError: No such document (``legal.unknown_source``).
        """
        for source in self.sources:
            if source.id == id:
                return source
        raise _unknown_source(id, [s.id for s in self.sources], NotFoundError)

    def versions(self, policy: str) -> tuple[LegalFact, ...]:
        """The versions of ``policy``, earliest first.

        Raises:
            NotFoundError: No such policy (``legal.unknown_policy``).
        """
        found = tuple(sorted((x for x in self.facts if x.policy == policy), key=_start))
        if not found:
            quoted = f.shown(policy)
            close = f.did_you_mean(str(policy), self.policies)
            msg = f"no legal policy {quoted}"
            raise NotFoundError(
                msg,
                code="legal.unknown_policy",
                vi=f"không có chính sách {quoted}",
                hint=f"did you mean {close!r}?"
                if close
                else f"policies: {', '.join(self.policies)}",
                hint_vi=f"có phải là {close!r} không?"
                if close
                else f"các chính sách: {', '.join(self.policies)}",
            )
        return found

    def in_force(self, policy: str, on: dt.date | str | None = None) -> LegalFact:
        """The version of ``policy`` in force on the day ``on`` (None: the latest version).

        Raises:
            NotFoundError: No such policy (``legal.unknown_policy``), or no
                version in force on that day (``legal.not_in_force``).
            ParseError: ``on`` is text that is not a date.
        """
        found = self.versions(policy)
        if on is None:
            return found[-1]
        day = parse_date(on)
        for fact in found:
            if fact.in_force(day):
                return fact
        first, last = found[0], found[-1]
        span = f"{_day(first.valid_from)} – {_day(last.valid_to) if last.valid_to else '…'}"
        msg = f"no version of {policy} is in force on {_day(day)} (thidua knows {span})"
        raise NotFoundError(
            msg,
            code="legal.not_in_force",
            vi=f"không có phiên bản nào của {policy} có hiệu lực ngày {_day(day)} "
            f"(thidua có từ {span})",
            hint="give your own rules (titles, classification) for that date",
            hint_vi="hãy dùng quy định của riêng bạn (danh hiệu, cách xếp loại) cho ngày đó",
        )


def _start(fact: LegalFact) -> dt.date:
    return fact.valid_from


def _unknown_source(
    id: str,
    known: list[str],
    error: type[PlanError | NotFoundError] = PlanError,
) -> PlanError | NotFoundError:
    quoted = f.shown(id)
    close = f.did_you_mean(id, known)
    msg = f"no source {quoted} is declared"
    return error(
        msg,
        code="legal.unknown_source",
        vi=f"không có văn bản {quoted} nào được khai báo",
        hint=f"did you mean {close!r}?" if close else "declare it in [[sources]]",
        hint_vi=f"có phải là {close!r} không?" if close else "hãy khai báo nó trong [[sources]]",
    )


@attrs.frozen
class _LegalFile:
    """What a legal-sources file holds; made into a :class:`Legal` once read."""

    sources: tuple[LegalSource, ...] = ()
    facts: tuple[_FactEntry, ...] = ()
    legal: Legal = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        by_id = {s.id: s for s in self.sources}
        _check_sources(self.sources)
        made = []
        for number, entry in enumerate(self.facts):

            def resolve(id: str, key: str, number: int = number) -> LegalSource:
                found = by_id.get(id)
                if found is None:
                    error = _unknown_source(id, list(by_id))
                    error.key = f"facts[{number}].{key}"
                    raise error
                return found

            try:
                fact = LegalFact(
                    entry.policy,
                    entry.what,
                    entry.what_vi,
                    resolve(entry.source, "source"),
                    entry.valid_from,
                    entry.valid_to,
                    article=entry.article,
                    clause=entry.clause,
                    also=tuple(resolve(i, "also") for i in entry.also),
                    amended_by=None
                    if entry.amended_by is None
                    else resolve(entry.amended_by, "amended_by"),
                    values=entry.values,
                    verified=entry.verified,
                    note=entry.note,
                )
            except PlanError as exc:
                if not (exc.key or "").startswith("facts["):
                    exc.key = f"facts[{number}]" + (f".{exc.key}" if exc.key else "")
                raise
            made.append(fact)
        object.__setattr__(self, "legal", Legal(self.sources, tuple(made)))


def loads_legal(text: str, *, file: str | None = None) -> Legal:
    """Read a register of legal sources from TOML text (see :func:`load_legal`).

    Raises:
        PlanError: Not valid TOML, or an invalid register; the first problem,
            naming the file, the line and the key path.

    .. versionadded:: 0.4.0
    """
    from thidua import _tomlfile  # noqa: PLC0415  (cattrs only when reading files)

    conv = _tomlfile.converter((_LegalFile, LegalSource, _FactEntry))
    made: Any = _tomlfile.read(text, _LegalFile, conv, file=file or "<legal>")
    return made.legal  # type: ignore[no-any-return]


def load_legal(path: str | os.PathLike[str]) -> Legal:
    """Read a register of legal sources from a TOML file.

    The file holds ``[[sources]]`` (``id``, ``number``, ``short``, ``short_en``,
    ``title``, ``title_en``, ``issuer``; optional ``issued``, ``valid_from``,
    ``valid_to``, ``replaces``, ``verified``, ``checked``) and ``[[facts]]``
    (``policy``, ``what``, ``what_vi``, ``source`` — a source's id —,
    ``valid_from``; optional ``valid_to``, ``article``, ``clause``, ``also``,
    ``amended_by``, ``values``, ``verified``, ``note``). Dates are TOML dates
    (``2024-01-01``).

    Raises:
        PlanError: The file cannot be read or describes an invalid register.

    .. versionadded:: 0.4.0
    """
    name, text = read_text(path, what="legal sources", max_bytes=MAX_LEGAL_BYTES, error=PlanError)
    return loads_legal(text, file=name)


@cache
def default_legal() -> Legal:
    """The shipped register (``legal.toml``): the sources of thidua's defaults.

    .. versionadded:: 0.4.0
    """
    return loads_legal(packaged_text("legal.toml"), file="legal.toml")


def sources() -> tuple[LegalSource, ...]:
    """The documents the shipped defaults cite, verified or not.

    .. versionadded:: 0.4.0
    """
    return default_legal().sources


def legal_facts(policy: str | None = None) -> tuple[LegalFact, ...]:
    """Every shipped legal fact (or the versions of one ``policy``), with its source and dates.

    >>> [(x.source.number, x.valid_from.isoformat()) for x in legal_facts("ranking.preference")]
    [('98/2023/NĐ-CP', '2024-01-01'), ('152/2025/NĐ-CP', '2025-07-01')]

    Raises:
        NotFoundError: No such policy (``legal.unknown_policy``).

    .. versionadded:: 0.4.0
    """
    legal = default_legal()
    return legal.facts if policy is None else legal.versions(policy)


def in_force(policy: str, on: dt.date | str | None = None) -> LegalFact:
    """The shipped version of ``policy`` in force on the day ``on`` (None: the latest).

    Raises:
        NotFoundError: No such policy, or none in force that day (see
            :meth:`Legal.in_force`).
        ParseError: ``on`` is text that is not a date.

    .. versionadded:: 0.4.0
    """
    return default_legal().in_force(policy, on)
