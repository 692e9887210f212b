"""Many units: one plan for many org units, and the emulation cluster (cụm / khối thi đua).

:func:`evaluate_many` evaluates one plan as a template for many org units — the
wards of a city, each with its own data and assigned targets, or the khóm of a
ward — and returns :class:`Evaluations`, a table-like mapping by member.
A :class:`Cluster` declares its members, scoring scheme and classification;
:func:`rank_cluster` scores, ranks and rates them, applies the quota on
HTXSNV, and names the flag candidate (the unit that leads the cluster and
exceeded its targets).

Data for many units come in one dataset whose ``org_unit`` column names the
member (``Phường 1`` or its id) and, after a slash, one of its own org units
(``Phường 1/Khóm 2``), or as a mapping from member id to dataset.

>>> import thidua
>>> plan = thidua.examples.hoa_thuan_2024()
>>> ranking = rank_cluster(thidua.examples.cluster("cum-phuong-cao-lanh-2024"), plan,
...                        thidua.examples.cluster_data("cum-phuong-cao-lanh-2024"), "2024")
>>> [(s.rank, s.member.id, s.rating.value) for s in ranking.standings][:3]
[(1, 'P1', 'HTXSNV'), (2, 'P6', 'HTTNV'), (3, 'P2', 'HTTNV')]
>>> ranking.flag_candidate.member.name
'Phường 1'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import attrs

from thidua import _fields as f
from thidua._files import read_text
from thidua._text import printable, safe_repr
from thidua.classification import (
    Classification,
    Classified,
    QuotaOutcome,
    Rating,
    apply_quota,
    classify,
)
from thidua.data import Dataset, Observation
from thidua.errors import (
    NotFoundError,
    PlanError,
    ThiduaError,
    UsageError,
    clean_text,
    not_found,
    require_type,
    shown_ids,
)
from thidua.evaluation import (
    Evaluation,
    Explanation,
    Status,
    Unused,
)
from thidua.evaluation.batch import ABSENT, Shape, View, compile_plan, view
from thidua.evaluation.engine import evaluate_area, period_and_day
from thidua.numbers import format_number, to_decimal_string, to_share
from thidua.periods import Period
from thidua.plans import OrgUnit, Plan
from thidua.ranking import Entry, Ranked, rank
from thidua.scoring import Scheme, Score, event_counts, score

__all__ = [
    "Cluster",
    "ClusterRanking",
    "ErrorsOption",
    "Evaluations",
    "Member",
    "NotRanked",
    "Standing",
    "evaluate_many",
    "load_cluster",
    "loads_cluster",
    "rank_cluster",
]


#: Largest cluster file read (bytes).
MAX_CLUSTER_BYTES = 4 * 1024 * 1024


def _org_units(value: object) -> tuple[OrgUnit, ...] | None:
    if value is None:
        return None
    return f.models(OrgUnit, "the member's org units", "các đơn vị trực thuộc")(value)


def _share(value: object) -> Fraction | None:
    return None if value is None else to_share(value, what="women_share")


def _events(value: object) -> tuple[tuple[str, int], ...]:
    if isinstance(value, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in value):
        value = dict(value)
    if not isinstance(value, Mapping):
        msg = "the events"
        raise f.wrong_type(msg, "các sự kiện", "a table of counts", "một bảng số lần", value)
    event_name = f.text("an event's id", "mã sự kiện")
    named = {event_name(key): count for key, count in value.items()}
    counts = event_counts(named, None, scheme="", error=PlanError)
    return tuple(sorted(counts.items()))


_MEMBER_ID = f.identifier("the member id", "mã đơn vị thành viên", slash=False, hint="P1")


def _member_id(value: object) -> str:
    return _MEMBER_ID(value)


_MEMBER_NAME = f.text("the member's name", "tên đơn vị thành viên")


def _member_name(value: object) -> str:
    return _MEMBER_NAME(value)


@attrs.frozen
class Member:
    """A member of a cluster (a ward of a city), or one org unit evaluated on its own.

    .. versionadded:: 0.1.0
    """

    #: Fixed id, e.g. ``P1`` (no spaces, no ``/``).
    id: str = attrs.field(converter=_member_id)
    #: Its name, e.g. ``Phường 1``.
    name: str = attrs.field(converter=_member_name)
    #: Its own org units (khóm); None: those of the plan.
    org_units: tuple[OrgUnit, ...] | None = attrs.field(
        default=None, converter=_org_units, kw_only=True
    )
    #: Share of women (a collective) — 1 or 0 for a person; None when not known.
    #: Decree 98/2023 prefers ≥ 70 % when totals are equal.
    women_share: Fraction | None = attrs.field(default=None, converter=_share, kw_only=True)
    #: Bonus, deduction and capping events of the period, with their counts.
    events: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_events, kw_only=True)

    @property
    def event_counts(self) -> dict[str, int]:
        """The events as a dict."""
        return dict(self.events)


def _members(value: object) -> tuple[Member, ...]:
    return f.models(Member, "the members", "các đơn vị thành viên")(value)


def _scheme(value: object) -> Scheme:
    return f.model(Scheme, value, "the scheme", "thang điểm")


def _classification(value: object) -> Classification:
    return f.model(Classification, value, "the classification", "cách xếp loại")


def _flag_share(value: object) -> Fraction:
    return to_share(value, what="flag_exceeded_share")


_CLUSTER_ID = f.text("the cluster id", "mã cụm thi đua")


def _cluster_id(value: object) -> str:
    return _CLUSTER_ID(value)


_CLUSTER_NAME = f.text("the cluster name", "tên cụm thi đua")


def _cluster_name(value: object) -> str:
    return _CLUSTER_NAME(value)


_CLUSTER_NOTE = f.optional_text("the note", "ghi chú", multiline=True)


def _cluster_note(value: object) -> str | None:
    return _CLUSTER_NOTE(value)


@attrs.frozen
class Cluster:
    """An emulation cluster (cụm / khối thi đua): members, scheme and classification.

    Raises:
        PlanError: No members, two members with the same id or name, or a
            member's event that neither the scheme nor the classification knows.

    .. versionadded:: 0.1.0
    """

    #: Its id.
    id: str = attrs.field(converter=_cluster_id)
    #: Its name.
    name: str = attrs.field(converter=_cluster_name)
    #: The members.
    members: tuple[Member, ...] = attrs.field(converter=_members)
    #: The scoring scheme.
    scheme: Scheme = attrs.field(converter=_scheme)
    #: The classification (Regulation 366-QĐ/TW by default).
    classification: Classification = attrs.field(factory=Classification, converter=_classification)
    #: The flag candidate must have exceeded at least this share of its scored
    #: indicators (and achieved all of them); 30 %, as for HTXSNV, by default.
    flag_exceeded_share: Fraction = attrs.field(default=Fraction(3, 10), converter=_flag_share)
    #: A note.
    note: str | None = attrs.field(
        default=None,
        converter=_cluster_note,
        kw_only=True,
    )

    def __attrs_post_init__(self) -> None:
        if not self.members:
            msg = f"cluster {self.id!r} has no members"
            raise PlanError(
                msg,
                code="cluster.no_members",
                vi=f"cụm thi đua {self.id!r} chưa có đơn vị thành viên nào",
                hint="add [[members]] with id and name",
                hint_vi="hãy thêm [[members]] với id và name",
                key="members",
            )
        _table(self.members)
        known = {a.id for a in self.scheme.adjustments} | self.classification.events
        for number, member in enumerate(self.members):
            for event, _ in member.events:
                if event not in known:
                    listed = ", ".join(sorted(known)) or "none"
                    msg = (
                        f"member {member.id!r} has event {event!r}, which neither the scheme "
                        "nor the classification knows"
                    )
                    raise PlanError(
                        msg,
                        code="event.unknown",
                        vi=f"đơn vị {member.id!r} có sự kiện {event!r}, nhưng cả thang điểm "
                        "lẫn cách xếp loại đều không có sự kiện này",
                        hint=f"events: {listed}",
                        hint_vi=f"các sự kiện đã khai báo: {listed if known else 'không có'}",
                        member=member.id,
                        key=f"members[{number}].events",
                    )

    def member(self, key: str) -> Member:
        """The member with this id or name (any case, spaces collapsed).

        Raises:
            NotFoundError: No member has it.
            ArgumentTypeError: ``key`` is not a text.
        """
        if not isinstance(key, str):
            msg = "the member"
            raise f.wrong_type(msg, "đơn vị thành viên", "text", "chữ", key)
        found = _table(self.members).get(_fold(key))
        if found is None:
            quoted = f.shown(key)
            listed = ", ".join(m.id for m in self.members)
            close = f.did_you_mean(key, [m.id for m in self.members])
            msg = f"cluster {self.id!r} has no member {quoted}"
            raise NotFoundError(
                msg,
                code="cluster.unknown_member",
                vi=f"cụm thi đua {self.id!r} không có đơn vị thành viên {quoted}",
                hint=f"did you mean {close!r}?" if close else f"members: {listed}",
                hint_vi=f"có phải là {close!r} không?"
                if close
                else f"các đơn vị thành viên: {listed}",
            )
        return found


def _fold(key: str) -> str:
    """The form of an id or name that lookups compare: NFC, spaces collapsed, casefolded."""
    if key.isascii():  # the common case (P1, U00001): nothing to normalise
        return " ".join(key.split()).lower()
    return " ".join(unicodedata.normalize("NFC", key).split()).casefold()


def _table(members: Iterable[Member]) -> dict[str, Member]:
    """The members by folded id and name.

    Raises:
        PlanError: Two members share an id or a name.
    """
    table: dict[str, Member] = {}
    for member in members:
        for key in dict.fromkeys((_fold(member.id), _fold(member.name))):
            other = table.get(key)
            if other is not None and other is not member:
                msg = f"members {other.id!r} and {member.id!r} share the id or name {key!r}"
                raise PlanError(
                    msg,
                    code="plan.duplicate_id",
                    vi=f"hai đơn vị {other.id!r} và {member.id!r} trùng mã hoặc tên {key!r}",
                    hint="give each member its own id and name",
                    hint_vi="hãy đặt cho mỗi đơn vị một mã và một tên riêng",
                    member=member.id,
                )
            table[key] = member
    return table


def _cluster_converter(base: Path) -> Any:
    from thidua import _tomlfile  # noqa: PLC0415  (cattrs only when reading files)
    from thidua.classification import Cap, Grade  # noqa: PLC0415
    from thidua.scoring import Adjustment, Band, ScoreItem, load_scheme  # noqa: PLC0415

    def scheme(value: object, _: object) -> Scheme:
        if isinstance(value, str):
            name = clean_text(
                value, what="the scheme file's name", what_vi="tên tệp thang điểm", error=PlanError
            )
            return load_scheme(base / name)
        if isinstance(value, dict):
            return conv.structure(value, Scheme)
        msg = "the scheme"
        raise f.wrong_type(
            msg,
            "thang điểm",
            "a table, or the name of a scheme file",
            "một bảng, hoặc tên một tệp thang điểm",
            value,
        )

    models = (
        Cluster,
        Member,
        OrgUnit,
        Scheme,
        ScoreItem,
        Band,
        Adjustment,
        Classification,
        Grade,
        Cap,
    )
    conv = _tomlfile.converter(models, field_hooks={(Cluster, "scheme"): scheme})
    return conv


def _member_at(raw: dict[str, Any]) -> Callable[[tuple[str | int, ...]], dict[str, Any]]:
    def context(path: tuple[str | int, ...]) -> dict[str, Any]:
        members = raw.get("members")
        if len(path) >= 2 and path[0] == "members" and isinstance(members, list):
            index = path[1]
            if isinstance(index, int) and 0 <= index < len(members):
                member = members[index]
                if isinstance(member, dict) and isinstance(member.get("id"), str):
                    return {"member": member["id"]}
        return {}

    return context


def collect_cluster(
    text: str, *, file: str, base: str | os.PathLike[str] = "."
) -> tuple[Cluster | None, list[PlanError]]:
    """The cluster in TOML ``text``, or None and every problem of it, ordered by line.

    .. versionadded:: 0.2.0
    """
    from thidua import _tomlfile  # noqa: PLC0415

    conv = _cluster_converter(Path(os.fspath(base)))
    return _tomlfile.collect(text, Cluster, conv, file=file, context=_member_at)


def loads_cluster(
    text: str, *, file: str | None = None, base: str | os.PathLike[str] = "."
) -> Cluster:
    """Read a cluster from TOML text (see :func:`load_cluster`).

    Args:
        text: The TOML text.
        file: The file's name, for messages.
        base: The folder a scheme file named by the cluster is relative to.

    Raises:
        PlanError: Not valid TOML, or an invalid cluster; the first problem,
            naming the file, the line and the key path.

    .. versionadded:: 0.1.0
    """
    from thidua import _tomlfile  # noqa: PLC0415

    cluster, found = collect_cluster(text, file=file or "<cluster>", base=base)
    if found:
        raise _tomlfile.first(found)
    assert cluster is not None  # noqa: S101 - no problems means a cluster
    return cluster


def load_cluster(path: str | os.PathLike[str]) -> Cluster:
    """Read a cluster from a TOML file.

    The file has ``id``, ``name``, optional ``flag_exceeded_share`` and ``note``;
    ``scheme``, either a table (as a scheme file, see
    :func:`thidua.scoring.load_scheme`) or the path of a scheme file relative to
    this one; an optional ``[classification]`` table (``grades``, ``caps``,
    ``quota``); and ``[[members]]`` with ``id``, ``name``, optional
    ``women_share``, ``events`` (a table of counts) and ``[[members.org_units]]``.

    Raises:
        PlanError: The file cannot be read or describes an invalid cluster.

    .. versionadded:: 0.1.0
    """
    name, text = read_text(path, what="cluster", max_bytes=MAX_CLUSTER_BYTES, error=PlanError)
    return loads_cluster(text, file=name, base=Path(os.fspath(path)).parent)


# ---------------------------------------------------------------- many units


#: What ``errors=`` may be: stop at the first member whose data are wrong, or go on.
ErrorsOption = Literal["raise", "collect"]


def _collect(errors: object) -> bool:
    """Whether ``errors=`` asks to collect the members' errors.

    Raises:
        UsageError: ``errors`` is neither ``"raise"`` nor ``"collect"`` (code ``usage.errors``).
    """
    if isinstance(errors, str) and errors == "raise":
        return False
    if isinstance(errors, str) and errors == "collect":
        return True
    shown = safe_repr(errors, limit=60)
    msg = f"errors={shown} must be 'raise' or 'collect'"
    raise UsageError(
        msg,
        code="usage.errors",
        vi=f"errors={shown} không hợp lệ: chọn 'raise' hoặc 'collect'",
        hint="'raise' stops at the first member whose data are wrong; "
        "'collect' evaluates the others and lists the errors",
        hint_vi="'raise' dừng ở đơn vị đầu tiên có số liệu sai; "
        "'collect' vẫn đánh giá các đơn vị khác và liệt kê các lỗi",
    )


def _member_not_found(key: object, members: Iterable[Member], what: str = "member") -> ThiduaError:
    return not_found(key, (m.id for m in members), what, "đơn vị")


class _Statuses(dict[str, Status]):
    """A member's statuses by indicator id, from its full evaluation (NotFoundError if unknown)."""

    def __missing__(self, key: str) -> Status:
        raise not_found(key, self, "indicator", "chỉ tiêu")


def _read_only(errors: Mapping[str, ThiduaError]) -> Mapping[str, ThiduaError]:
    return MappingProxyType(dict(errors))


@attrs.frozen(repr=False, eq=False)
class Evaluations(Mapping[str, Evaluation]):
    """The evaluations of one plan for many members, by member id (a table-like mapping).

    :meth:`status`, :meth:`statuses` and :meth:`counts` answer from the batch
    path at once; ``evaluations[member]`` (id or name) is that member's full
    :class:`~thidua.evaluation.Evaluation` -- values, targets, explanations --
    made when first asked for. :meth:`rows` and :meth:`to_dataframe` give one
    row per member and indicator.

    Made with ``errors="collect"``, the members whose data could not be
    evaluated are in :attr:`errors` (member id → its error) and nowhere else:
    the mapping, :attr:`by_status`, :meth:`rows`, :meth:`counts` and
    :meth:`to_dataframe` hold the members that were evaluated; looking up a
    failed member (``evaluations["P3"]``, :meth:`statuses`, :meth:`status`)
    raises its error again; ``"P3" in evaluations`` is False; the notebook view
    and the ``repr`` list them with their error.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       :attr:`errors`; an unknown member raises :class:`~thidua.errors.NotFoundError`.
    """

    #: The plan (template).
    plan: Plan
    #: The period.
    period: Period
    #: The members, in the order given (those that failed included).
    members: tuple[Member, ...]
    #: The status of every indicator (criteria included), by member id then
    #: indicator id, for each member evaluated.
    by_status: Mapping[str, Mapping[str, Status]]
    #: Observations that belong to no member, with the reason.
    unmatched: tuple[Unused, ...] = ()
    #: The as-of date, if any.
    as_of: dt.date | None = None
    #: Each member's data, for its full evaluation.
    _data: Mapping[str, Callable[[], Dataset]] = attrs.field(factory=dict, repr=False)
    #: Full evaluations made so far (a memo: each is a pure function of its inputs).
    _made: dict[str, Evaluation] = attrs.field(factory=dict, repr=False)
    #: The members by folded id and name.
    _by_key: Mapping[str, Member] = attrs.field(
        default=attrs.Factory(lambda self: _table(self.members), takes_self=True), repr=False
    )
    #: The members whose data could not be evaluated (``errors="collect"``): member
    #: id → the error, which names the member and, where known, the file, line,
    #: indicator and period. In the order of :attr:`members`.
    errors: Mapping[str, ThiduaError] = attrs.field(
        factory=dict, converter=_read_only, kw_only=True
    )

    def _member(self, key: object) -> Member:
        """The member with this id or name, failed or not (NotFoundError otherwise)."""
        member = self._by_key.get(_fold(key)) if isinstance(key, str) else None
        if member is None:
            raise _member_not_found(key, self.members)
        return member

    def _evaluated(self, key: object) -> Member:
        """The member with this id or name; its error if it failed."""
        member = self._member(key)
        error = self.errors.get(member.id)
        if error is not None:
            raise error.located()  # a fresh copy: each raise has its own traceback
        return member

    def __getitem__(self, key: str) -> Evaluation:
        member = self._evaluated(key)
        made = self._made.get(member.id)
        if made is None:
            made = self._made[member.id] = _evaluate_member(
                self.plan, member, self._data[member.id], self.period, self.as_of
            )
        return made

    def __contains__(self, key: object) -> bool:
        member = self._by_key.get(_fold(key)) if isinstance(key, str) else None
        return member is not None and member.id not in self.errors

    def get(self, key: str, default: Any = None) -> Any:
        """The evaluation of a member evaluated, else ``default`` (a failed member too)."""
        return self[key] if key in self else default  # noqa: SIM401 - this is get()

    def __iter__(self) -> Iterator[str]:
        errors = self.errors
        return (m.id for m in self.members if m.id not in errors)

    def __len__(self) -> int:
        return len(self.members) - len(self.errors)

    @property
    def evaluated(self) -> tuple[Member, ...]:
        """The members evaluated (all of them, unless some failed under ``errors="collect"``)."""
        errors = self.errors
        return tuple(m for m in self.members if m.id not in errors)

    @property
    def by_member(self) -> dict[str, Evaluation]:
        """The full evaluation of every member evaluated, by id (made now where not yet)."""
        return {m.id: self[m.id] for m in self.evaluated}

    def statuses(self, member: str) -> Mapping[str, Status]:
        """The status of every indicator (criteria included) of one member (id or name).

        Raises:
            NotFoundError: No member has that id or name.
            ThiduaError: The member's own error, if its data could not be evaluated.
        """
        return self.by_status[self._evaluated(member).id]

    def __repr__(self) -> str:
        failed = ""
        if self.errors:
            failed = f", {len(self.errors)} not evaluated ({shown_ids(self.errors)})"
        return printable(
            f"<Evaluations {self.plan.id!r} {self.period}: {len(self.members)} members{failed}>"
        )

    def status(self, member: str, indicator: str) -> Status:
        """The status of one indicator for one member.

        Raises:
            NotFoundError: No member has that id or name, or the plan has no such indicator.
            ThiduaError: The member's own error, if its data could not be evaluated.
        """
        statuses = self.statuses(member)
        if not isinstance(indicator, str) or indicator not in statuses:
            known = (i.id for i in self.plan.indicators())
            raise not_found(indicator, known, "indicator", "chỉ tiêu")
        return statuses[indicator]

    def rows(self) -> list[dict[str, Any]]:
        """One row per member evaluated and top-level indicator.

        Each row has ``member``, ``member_name``, ``indicator``, ``status``,
        ``actual`` and ``target``; members in :attr:`errors` have no rows.
        """
        return [
            {
                "member": member.id,
                "member_name": member.name,
                "indicator": result.indicator,
                "status": result.status.value,
                "actual": None if result.actual is None else str(result.actual),
                "target": None if result.target is None else str(result.target),
            }
            for member in self.evaluated
            for result in self[member.id].top_results()
        ]

    def counts(self) -> dict[str, dict[Status, int]]:
        """How many top-level indicators each member evaluated has of each status."""
        top = [indicator.id for _, indicator in self.plan.top_indicators()]
        out = {}
        for m in self.evaluated:
            statuses = [self.by_status[m.id][i] for i in top]
            out[m.id] = {s: statuses.count(s) for s in Status}
        return out

    def to_dataframe(self) -> Any:
        """One row per member evaluated and indicator (criteria included), pandas required.

        The columns are ``member`` and ``member_name`` followed by those of
        :meth:`thidua.evaluation.Evaluation.to_dataframe`; members in
        :attr:`errors` have no rows.

        Raises:
            ExtraNotInstalledError: pandas is not installed (the ``notebook`` extra).
        """
        from thidua._extras import require  # noqa: PLC0415

        pd = require("pandas")
        frames = []
        for member in self.evaluated:
            frame = self[member.id].to_dataframe().reset_index()
            frame.insert(0, "member_name", member.name)
            frame.insert(0, "member", member.id)
            frames.append(frame)
        if not frames:
            return pd.DataFrame(columns=["member", "member_name", "indicator"])
        return pd.concat(frames, ignore_index=True)

    def _repr_html_(self) -> str:
        from thidua.display import evaluations_html  # noqa: PLC0415

        return evaluations_html(self)


_NO_MEMBER = "no org unit: with many members, each row names its member"

#: Where a row of a shared dataset belongs, by its org unit as written: the member's
#: id and the member's own org unit (None: the member's own figures).
_Owners = Mapping[str, tuple[str, "str | None"]]


@attrs.define(eq=False)
class _Split(Mapping[str, Callable[[], Dataset]]):
    """One dataset split among the members, when a member's own dataset is first asked for.

    A mapping of member id to the maker of its own dataset (for the full path).
    """

    data: Dataset
    members: Sequence[Member]
    owners: _Owners
    #: Each member's rows with their own org unit, once the first dataset is asked for.
    _parts: dict[str, list[tuple[str | None, Observation]]] | None = None
    _ids: frozenset[str] = attrs.field(
        default=attrs.Factory(lambda self: frozenset(m.id for m in self.members), takes_self=True)
    )

    def __getitem__(self, member: str) -> Callable[[], Dataset]:
        """The maker of ``member``'s own dataset."""
        if member not in self._ids:
            raise KeyError(member)
        return functools.partial(self.dataset, member)

    def __iter__(self) -> Iterator[str]:
        return (m.id for m in self.members)

    def __len__(self) -> int:
        return len(self.members)

    def dataset(self, member: str) -> Dataset:
        """``member``'s own dataset: its rows, each with its own org unit (None, ``K2``)."""
        if self._parts is None:  # one pass over the rows, for all members
            parts: dict[str, list[tuple[str | None, Observation]]] = {m: [] for m in self._ids}
            owners = self.owners
            for obs in self.data:
                owner = owners.get(obs.org_unit) if obs.org_unit is not None else None
                if owner is not None:
                    parts[owner[0]].append((owner[1], obs))
            self._parts = parts
        return Dataset(
            obs if obs.org_unit == unit else attrs.evolve(obs, org_unit=unit)
            for unit, obs in self._parts[member]
        )


def _evaluate_member(
    plan: Plan,
    member: Member,
    data: Callable[[], Dataset],
    period: Period,
    as_of: dt.date | None,
) -> Evaluation:
    """The full evaluation of one member on its own data (``data``: their maker).

    Raises:
        ThiduaError: The member's data are wrong (its own rows written two ways, a
            figure wrong for its indicator); the error names the member.
    """
    org_units = plan.org_units if member.org_units is None else member.org_units
    try:
        return evaluate_area(plan, data(), period, as_of=as_of, org_units=org_units)
    except ThiduaError as exc:
        raise exc.located(member=member.id) from None


#: Each member's view for the batch path (None: the full path decides), a maker
#: of its own dataset, and the observations that belong to no member.
_MemberData = tuple[dict[str, "View | None"], Mapping[str, Callable[[], Dataset]], list[Unused]]


def _member_data(
    data: object, members: Sequence[Member], table: Mapping[str, Member], plan: Plan, period: Period
) -> _MemberData:
    """Read ``data`` for each member (``table``: the members by folded id and name)."""
    previous = period.previous()
    views: dict[str, View | None] = {}
    datasets: dict[str, Callable[[], Dataset]] = {}
    if isinstance(data, Dataset):
        return _shared_data(data, members, table, plan, period)
    require_type(
        data,
        Mapping,
        "data",
        "a Dataset or a mapping of member id to Dataset",
        "một bộ số liệu, hoặc một bảng mã đơn vị → bộ số liệu",
    )
    assert isinstance(data, Mapping)  # noqa: S101 - checked just above
    empty = Dataset()
    given: dict[str, Dataset] = dict.fromkeys((m.id for m in members), empty)
    for key, dataset in data.items():
        member = table.get(_fold(key)) if isinstance(key, str) else None
        if member is None:
            shown, listed = safe_repr(key, limit=60), shown_ids(m.id for m in members)
            msg = f"data are given for {shown}, which is not a member"
            raise NotFoundError(
                msg,
                code="member.not_found",
                vi=f"có số liệu cho {shown}, nhưng đây không phải là đơn vị thành viên",
                hint=f"members: {listed}",
                hint_vi=f"các đơn vị thành viên: {listed}",
            )
        require_type(
            dataset,
            Dataset,
            f"data[{safe_repr(key, limit=60)}]",
            "a Dataset (see load_data)",
            "một bộ số liệu (xem load_data)",
        )
        given[member.id] = dataset
    shape = Shape()
    for member in members:
        dataset = given[member.id]
        own = plan.org_units if member.org_units is None else member.org_units
        views[member.id] = view(dataset, period, previous, shape, has_org_units=bool(own))
        datasets[member.id] = functools.partial(_same, dataset)
    return views, datasets, []


def _shared_data(
    data: Dataset,
    members: Sequence[Member],
    table: Mapping[str, Member],
    plan: Plan,
    period: Period,
) -> _MemberData:
    """Views of one dataset whose ``org_unit`` names the member (``P1``, ``P1/K2``), in place."""
    owners: dict[str, str] = {}  # member id -> how its own rows name it
    units: dict[str, dict[str, str]] = {}  # member id -> org unit label -> how rows name it
    twice: set[str] = set()  # members written two ways ("P1" and "Phường 1")
    strays: dict[str | None, str] = {}
    heads: dict[str, Any] = {}
    where: dict[str, tuple[str, str | None]] = {}  # org unit as written -> member, own unit
    for written in data.org_units:  # distinct org units, not rows
        if written is None:
            strays[None] = _NO_MEMBER
            continue
        head, _, rest = written.partition("/")
        member = heads.get(head, ABSENT)
        if member is ABSENT:  # each way of writing a member folded once, not once per khóm
            member = heads[head] = table.get(_fold(head))
        if member is None:
            strays[written] = f"there is no member {head.strip()!r}"
            continue
        label = rest.strip()
        where[written] = (member.id, label or None)
        if label:
            labels = units.get(member.id)
            if labels is None:
                labels = units[member.id] = {}
            first = labels.setdefault(label, written)
        else:
            first = owners.setdefault(member.id, written)
        if first is not written:
            twice.add(member.id)
    unmatched = (
        [Unused(o, strays[o.org_unit]) for o in data if o.org_unit in strays] if strays else []
    )
    split = _Split(data, members, where)
    shape = Shape()
    previous = period.previous()
    numbers = (data._periods.get(period, -1), data._periods.get(previous, -1))
    views: dict[str, View | None] = {}
    for member in members:
        if member.id in twice:
            views[member.id] = None  # written two ways: the full path decides
            continue
        own = plan.org_units if member.org_units is None else member.org_units
        views[member.id] = view(
            data,
            period,
            previous,
            shape,
            owner=owners.get(member.id, ABSENT),
            units=units.get(member.id, {}),
            has_org_units=bool(own),
            numbers=numbers,
        )
    return views, split, unmatched


def evaluate_many(
    plan: Plan,
    data: Dataset | Mapping[str, Dataset],
    period: Period | str | int | None = None,
    *,
    members: Sequence[Member | OrgUnit] | None = None,
    as_of: dt.date | str | None = None,
    errors: ErrorsOption = "raise",
) -> Evaluations:
    """Evaluate one plan as a template for many members, each on its own data.

    Args:
        plan: The plan; its indicators and rules are the template.
        data: One dataset whose ``org_unit`` names the member (``P1`` or
            ``Phường 1``), optionally followed by ``/`` and one of the member's
            own org units (``P1/K2``); or a mapping from member id to its dataset.
        period: The period (the plan's year by default).
        members: The members (cluster members, or org units). By default the
            plan's own org units, each evaluated on its own (its org-unit rules
            then do not apply: a khóm has no khóm).
        as_of: Evaluate as of this date (see :func:`thidua.evaluate`).
        errors: ``"raise"`` (the default): the first member whose data cannot be
            evaluated stops the call with its error. ``"collect"``: every other
            member is evaluated, and each failed member's error is kept in
            :attr:`Evaluations.errors`.

    Raises:
        DataError: With ``errors="raise"``, a member's data are wrong for the plan
            (the error names the member, and the file, line, indicator and period
            where known); a :class:`~thidua.errors.UnitError` for a unit that does
            not compare.
        PlanError: A member is given twice.
        NotFoundError: The mapping names a member that is not one.
        ArgumentTypeError: ``plan``, ``data`` or ``members`` is of the wrong type.
        ParseError: The period or the as-of date cannot be read.
        UsageError: The as-of date is before the period, or ``errors`` is neither
            ``"raise"`` nor ``"collect"``.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``errors=``.
    """
    require_type(plan, Plan, "plan", "a Plan (see load_plan)", "một kế hoạch (xem load_plan)")
    collect = _collect(errors)
    chosen, day = period_and_day(plan, period, as_of)
    if members is None:
        chosen_members = tuple(Member(u.id, u.name, org_units=()) for u in plan.org_units)
    else:
        require_type(
            members,
            (list, tuple),
            "members",
            "a list of Members or OrgUnits",
            "một danh sách đơn vị (Member hoặc OrgUnit)",
        )
        for m in members:
            require_type(
                m,
                (Member, OrgUnit),
                "members",
                "a list of Members or OrgUnits",
                "một danh sách đơn vị (Member hoặc OrgUnit)",
            )
        chosen_members = tuple(
            Member(m.id, m.name, org_units=()) if isinstance(m, OrgUnit) else m for m in members
        )
    table = _table(chosen_members)
    views, datasets, unmatched = _member_data(data, chosen_members, table, plan, chosen)
    compiled = compile_plan(plan, chosen) if day is None else None
    by_status: dict[str, Mapping[str, Status]] = {}
    made: dict[str, Evaluation] = {}
    failed: dict[str, ThiduaError] = {}
    if compiled is not None:
        batch = compiled.statuses(
            [views[m.id] for m in chosen_members],
            [plan.org_units if m.org_units is None else m.org_units for m in chosen_members],
        )
    else:
        batch = [None] * len(chosen_members)
    for member, statuses in zip(chosen_members, batch, strict=True):
        if statuses is not None:
            by_status[member.id] = statuses
            continue
        # the batch path gave up on this member: the full evaluation decides
        try:
            full = _evaluate_member(plan, member, datasets[member.id], chosen, day)
        except ThiduaError as exc:
            if not collect:
                raise
            failed[member.id] = exc
            continue
        made[member.id] = full
        by_status[member.id] = _Statuses((k, r.status) for k, r in full.results.items())
    return Evaluations(
        plan,
        chosen,
        chosen_members,
        by_status,
        tuple(unmatched),
        day,
        datasets,
        made,
        table,
        errors=failed,
    )


def _same(dataset: Dataset) -> Dataset:
    return dataset


# ---------------------------------------------------------------- the cluster


@attrs.frozen
class Standing:
    """A member's place in its cluster: score, rank, rating, and the flag.

    .. versionadded:: 0.1.0
    """

    #: The member.
    member: Member
    #: Its evaluation.
    evaluation: Evaluation
    #: Its score.
    score: Score
    #: Its rank and how it was placed.
    ranked: Ranked
    #: Its rating before the quota.
    classified: Classified
    #: Its rating after the quota.
    rating: Rating
    #: Why the rating is below the band of its total (conditions, caps, quota).
    reasons: tuple[Explanation, ...]
    #: Whether it is the cluster's candidate for the emulation flag.
    flag_candidate: bool = False

    @property
    def rank(self) -> int:
        """Its rank (1, 2, 2, 4)."""
        return self.ranked.rank

    @property
    def total(self) -> Fraction:
        """Its total score."""
        return self.score.total


@attrs.frozen
class NotRanked:
    """A member left out of the ranking because its data could not be evaluated.

    Only :func:`rank_cluster` with ``errors="collect"`` makes them; such a
    member has no rank (it is not ranked last).

    .. versionadded:: 0.2.0
    """

    #: The member.
    member: Member
    #: Its error (it names the member, and the file, line, indicator and period where known).
    error: ThiduaError

    @property
    def reason(self) -> Explanation:
        """Why it is not ranked: its error's message, in Vietnamese and English."""
        return Explanation(self.error.message("vi"), self.error.message("en"))


@attrs.frozen(repr=False)
class ClusterRanking:
    """A cluster scored, ranked and rated for one period.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       :attr:`not_ranked`.
    """

    #: The cluster.
    cluster: Cluster
    #: The period.
    period: Period
    #: The members ranked, by rank (members of equal rank by id).
    standings: tuple[Standing, ...]
    #: The quota applied (to the members ranked).
    quota: QuotaOutcome
    #: Who is proposed for the flag, or why nobody is.
    flag: Explanation
    #: The evaluations behind it.
    evaluations: Evaluations
    #: The members not ranked, with the reason, in the cluster's order
    #: (``errors="collect"`` only: otherwise their error stops the ranking).
    not_ranked: tuple[NotRanked, ...] = attrs.field(default=(), kw_only=True)

    def __repr__(self) -> str:
        left_out = f", {len(self.not_ranked)} not ranked" if self.not_ranked else ""
        return printable(
            f"<ClusterRanking {self.cluster.id!r} {self.period}: "
            f"{len(self.standings)} members{left_out}>"
        )

    def standing(self, member: str) -> Standing:
        """The standing of one member (id or name).

        Raises:
            NotFoundError: The cluster has no member with that id or name.
            ThiduaError: The member's own error, if it is not ranked.
        """
        found = _table(self.cluster.members).get(_fold(member)) if isinstance(member, str) else None
        if found is None:
            raise _member_not_found(member, self.cluster.members)
        for left_out in self.not_ranked:
            if left_out.member.id == found.id:
                raise left_out.error.located()  # a fresh copy of its error
        return next(s for s in self.standings if s.member.id == found.id)

    @property
    def flag_candidate(self) -> Standing | None:
        """The flag candidate, if any."""
        return next((s for s in self.standings if s.flag_candidate), None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (numbers as canonical decimal text, exact fractions alongside)."""
        return ranking_to_dict(self)

    def to_dataframe(self) -> Any:
        """One row per member ranked: rank, total, rating, rating by score, flag, reasons.

        Members not ranked have no row (see :attr:`not_ranked`).

        Raises:
            ExtraNotInstalledError: pandas is not installed (the ``notebook`` extra).
        """
        from thidua._extras import require  # noqa: PLC0415

        pd = require("pandas")
        rows = [
            {
                "rank": s.rank,
                "member": s.member.id,
                "name": s.member.name,
                "total": s.total,
                "earned": s.score.earned,
                "bonus": s.score.bonus,
                "deduction": s.score.deduction,
                "rating": s.rating.value,
                "by_score": s.classified.by_score.value,
                "flag_candidate": s.flag_candidate,
                "reasons": "; ".join(r.vi for r in s.reasons),
            }
            for s in self.standings
        ]
        frame = pd.DataFrame(rows, columns=_FRAME_COLUMNS)
        order = [r.value for r in Rating]
        for column in ("rating", "by_score"):
            frame[column] = pd.Categorical(frame[column], categories=order, ordered=True)
        return frame.set_index("rank")

    def _repr_html_(self) -> str:
        from thidua.display import ranking_html  # noqa: PLC0415

        return ranking_html(self)


_FRAME_COLUMNS = (
    "rank",
    "member",
    "name",
    "total",
    "earned",
    "bonus",
    "deduction",
    "rating",
    "by_score",
    "flag_candidate",
    "reasons",
)


def _number(value: Fraction) -> str:
    return to_decimal_string(value)


def ranking_to_dict(ranking: ClusterRanking) -> dict[str, Any]:
    """The JSON form of a cluster ranking (see :doc:`/cli`).

    ``standings`` holds the members ranked; ``not_ranked`` each member left out
    (``errors="collect"``) with ``reason`` (``{"vi": …, "en": …}``) and
    ``error`` (:meth:`~thidua.errors.ThiduaError.as_dict`).
    """
    return {
        "cluster": ranking.cluster.id,
        "period": str(ranking.period),
        "scheme": ranking.cluster.scheme.id,
        "classification": ranking.cluster.classification.id,
        "quota": {"eligible": ranking.quota.eligible, "allowed_htxsnv": ranking.quota.allowed},
        "flag": {
            "candidate": ranking.flag_candidate.member.id if ranking.flag_candidate else None,
            "explanation": {"vi": ranking.flag.vi, "en": ranking.flag.en},
        },
        "standings": [
            {
                "rank": s.rank,
                "member": s.member.id,
                "name": s.member.name,
                "total": _number(s.total),
                "earned": _number(s.score.earned),
                "bonus": _number(s.score.bonus),
                "deduction": _number(s.score.deduction),
                "placed": s.ranked.placed.value,
                "tied_with": list(s.ranked.tied_with),
                "placement": {"vi": s.ranked.explanation.vi, "en": s.ranked.explanation.en},
                "rating": s.rating.value,
                "by_score": s.classified.by_score.value,
                "reasons": [{"vi": r.vi, "en": r.en} for r in s.reasons],
                "flag_candidate": s.flag_candidate,
            }
            for s in ranking.standings
        ],
        "not_ranked": [
            {
                "member": n.member.id,
                "name": n.member.name,
                "reason": {"vi": n.reason.vi, "en": n.reason.en},
                "error": n.error.as_dict(),
            }
            for n in ranking.not_ranked
        ],
    }


def _check_scheme(scheme: Scheme, plan: Plan) -> None:
    """Refuse a scheme that scores an indicator the plan does not have.

    Raises:
        PlanError: Code ``scheme.unknown_indicator``.
    """
    known = {i.id for i in plan.indicators()}
    for item in scheme.items:
        if item.indicator not in known:
            shown = printable(repr(item.indicator))
            msg = (
                f"scheme {printable(repr(scheme.id))} scores indicator {shown}, "
                "which the plan does not have"
            )
            raise PlanError(
                msg,
                code="scheme.unknown_indicator",
                vi=f"thang điểm {printable(repr(scheme.id))} chấm điểm chỉ tiêu {shown}, "
                "nhưng kế hoạch không có chỉ tiêu này",
                hint="use the plan's indicator ids in the scheme",
                hint_vi="hãy dùng đúng mã chỉ tiêu của kế hoạch trong thang điểm",
                indicator=item.indicator,
            )


def _flag(
    cluster: Cluster,
    ranked: Sequence[Ranked],
    classified: Mapping[str, Classified],
    not_ranked: Sequence[NotRanked],
) -> tuple[str | None, Explanation]:
    """The flag candidate (member id) and the explanation."""
    leaders = [r for r in ranked if r.rank == 1]
    if not_ranked:  # the leader cannot be told while a member is left out
        ids = ", ".join(n.member.id for n in not_ranked)
        return None, Explanation(
            f"Không có đơn vị đề nghị Cờ thi đua: {len(not_ranked)} đơn vị chưa được xếp hạng "
            f"vì số liệu có lỗi ({ids}); hãy sửa số liệu rồi xếp hạng lại",
            f"No flag candidate: {len(not_ranked)} member(s) not ranked because their data "
            f"could not be evaluated ({ids}); correct the data and rank again",
        )
    if not leaders:
        return None, Explanation(
            "Không có đơn vị đề nghị Cờ thi đua: không có đơn vị nào được xếp hạng",
            "No flag candidate: no member was ranked",
        )
    if len(leaders) > 1:
        names = ", ".join(cluster.member(r.member).name for r in leaders)
        return None, Explanation(
            f"Không có đơn vị đề nghị Cờ thi đua: đồng hạng nhất ({names}); "
            "cấp có thẩm quyền quyết định",
            f"No flag candidate: tied for first ({names}); for the competent authority to decide",
        )
    lead = classified[leaders[0].member]
    name = cluster.member(leaders[0].member).name
    share_vi = format_number(cluster.flag_exceeded_share * 100, locale="vi", max_decimals=2)
    share_en = format_number(cluster.flag_exceeded_share * 100, locale="en", max_decimals=2)
    got_vi = format_number(lead.exceeded_share * 100, locale="vi", max_decimals=2)
    got_en = format_number(lead.exceeded_share * 100, locale="en", max_decimals=2)
    if lead.all_achieved and lead.exceeded_share >= cluster.flag_exceeded_share:
        return leaders[0].member, Explanation(
            f"Đề nghị Cờ thi đua: {name} — dẫn đầu cụm, đạt tất cả chỉ tiêu, "
            f"vượt {got_vi}% chỉ tiêu (yêu cầu từ {share_vi}%)",
            f"Proposed for the emulation flag: {name} — leads the cluster, achieved every "
            f"indicator, exceeded {got_en}% (at least {share_en}% required)",
        )
    return None, Explanation(
        f"Không có đơn vị đề nghị Cờ thi đua: {name} dẫn đầu cụm nhưng "
        + (
            "chưa đạt tất cả chỉ tiêu"
            if not lead.all_achieved
            else f"chỉ vượt {got_vi}% chỉ tiêu (yêu cầu từ {share_vi}%)"
        ),
        f"No flag candidate: {name} leads the cluster but "
        + (
            "did not achieve every indicator"
            if not lead.all_achieved
            else f"exceeded only {got_en}% of indicators (at least {share_en}% required)"
        ),
    )


def rank_cluster(
    cluster: Cluster,
    plan: Plan,
    data: Dataset | Mapping[str, Dataset],
    period: Period | str | int | None = None,
    *,
    as_of: dt.date | str | None = None,
    errors: ErrorsOption = "raise",
) -> ClusterRanking:
    """Score, rank and rate the members of a cluster, and name the flag candidate.

    Each member is evaluated (:func:`evaluate_many`), scored with the cluster's
    scheme (its events give the bonuses and deductions), classified (conditions
    and caps), ranked (:func:`thidua.ranking.rank`), and the quota on HTXSNV is
    applied by rank. The flag candidate leads the cluster alone, achieved every
    scored indicator and exceeded at least ``flag_exceeded_share`` of them.

    With ``errors="collect"``, a member whose data cannot be evaluated (or
    scored) is not ranked: it is listed in :attr:`ClusterRanking.not_ranked`
    with its error, the others are ranked among themselves and the quota counts
    them alone; nobody is proposed for the flag while a member is left out (the
    leader cannot be told).

    Raises:
        PlanError: The scheme scores an indicator the plan lacks (code
            ``scheme.unknown_indicator``).
        DataError: With ``errors="raise"``, a member's data are wrong for the
            plan (see :func:`evaluate_many` for this and the other errors).
        ArgumentTypeError: ``cluster`` is not a :class:`Cluster` (or see
            :func:`evaluate_many`).
        UsageError: ``errors`` is neither ``"raise"`` nor ``"collect"``.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``errors=``.
    """
    require_type(
        cluster,
        Cluster,
        "cluster",
        "a Cluster (see load_cluster)",
        "một cụm thi đua (xem load_cluster)",
    )
    collect = _collect(errors)
    require_type(plan, Plan, "plan", "a Plan (see load_plan)", "một kế hoạch (xem load_plan)")
    _check_scheme(cluster.scheme, plan)
    evaluations = evaluate_many(
        plan, data, period, members=cluster.members, as_of=as_of, errors=errors
    )
    scheme, rules = cluster.scheme, cluster.classification
    adjustment_ids = {a.id for a in scheme.adjustments}
    failed: dict[str, ThiduaError] = dict(evaluations.errors)
    scores: dict[str, Score] = {}
    classified: dict[str, Classified] = {}
    for member in cluster.members:
        if member.id in failed:
            continue
        events = member.event_counts
        try:
            scores[member.id] = score(
                evaluations[member.id],
                scheme,
                events={k: n for k, n in events.items() if k in adjustment_ids},
            )
            classified[member.id] = classify(
                scores[member.id],
                rules,
                events={k: n for k, n in events.items() if k in rules.events},
            )
        except ThiduaError as exc:
            if not collect:
                raise
            scores.pop(member.id, None)
            failed[member.id] = exc.located(member=member.id)
    not_ranked = tuple(NotRanked(m, failed[m.id]) for m in cluster.members if m.id in failed)
    members = [m for m in cluster.members if m.id not in failed]
    items = [i.indicator for i in scheme.items]
    ranked = rank(
        (
            Entry(
                m.id,
                scores[m.id].total,
                tuple(line.awarded for line in scores[m.id].lines),
                m.women_share,
            )
            for m in members
        ),
        items=items,
    )
    ranks = {r.member: r.rank for r in ranked}
    quota = apply_quota({k: c.rating for k, c in classified.items()}, ranks, rules.quota)
    candidate, flag = _flag(cluster, ranked, classified, not_ranked)
    by_id = {m.id: m for m in cluster.members}
    standings = []
    for r in ranked:
        c = classified[r.member]
        reasons = c.reasons
        if r.member in quota.reasons:
            reasons += (quota.reasons[r.member],)
        standings.append(
            Standing(
                by_id[r.member],
                evaluations[r.member],
                scores[r.member],
                r,
                c,
                quota.ratings[r.member],
                reasons,
                flag_candidate=r.member == candidate,
            )
        )
    return ClusterRanking(
        cluster,
        evaluations.period,
        tuple(standings),
        quota,
        flag,
        evaluations,
        not_ranked=not_ranked,
    )
