"""The emulation cluster (cụm / khối thi đua): its members, scheme and file.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from thidua import _fields as f
from thidua import lineage
from thidua._files import read_text
from thidua._text import fold
from thidua.classification import (
    Classification,
)
from thidua.errors import (
    NotFoundError,
    PlanError,
    clean_text,
)
from thidua.numbers import to_share
from thidua.plans import OrgUnit, org_unit_problems
from thidua.scoring import Scheme, event_counts

__all__ = [
    "MAX_CLUSTER_BYTES",
    "Cluster",
    "Member",
    "collect_cluster",
    "load_cluster",
    "loads_cluster",
]


#: Largest cluster file read (bytes).
MAX_CLUSTER_BYTES = 4 * 1024 * 1024


def _org_units(value: object) -> tuple[OrgUnit, ...] | None:
    if value is None:
        return None
    units = f.models(OrgUnit, "the member's org units", "các đơn vị trực thuộc")(value)
    problem = next(org_unit_problems(units, ("org_units",)), None)
    if problem is not None:  # K1 twice, or K1 and k1: one khóm counted twice
        raise problem
    return units


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
    #: On equal totals ≥ 70 % is preferred (policy ``ranking.preference`` of
    #: :mod:`thidua.legal`: Decree 98/2023/NĐ-CP, then Decree 152/2025/NĐ-CP).
    women_share: Fraction | None = attrs.field(default=None, converter=_share, kw_only=True)
    #: Bonus, deduction and capping events of the period, with their counts.
    events: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_events, kw_only=True)
    #: The ids of the units merged into it (closed codes), whose figures make up
    #: its figures before :attr:`since` (see :doc:`/after-merger-vi`).
    #:
    #: .. versionadded:: 0.4.0
    predecessors: tuple[str, ...] = attrs.field(
        default=(), converter=lineage.predecessor_ids, kw_only=True
    )
    #: The day it exists from, as merged (e.g. 2025-07-01); None: always. A member
    #: whose date is after a period's end is not ranked for that period.
    #:
    #: .. versionadded:: 0.4.0
    since: dt.date | None = attrs.field(default=None, converter=lineage.optional_date, kw_only=True)

    def __attrs_post_init__(self) -> None:
        lineage.check_unit(self.id, self.predecessors, self.since)

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
    #: The classification (Regulation 366-QĐ/TW by default; see
    #: :func:`thidua.classification.default_classification` for a period's texts).
    classification: Classification = attrs.field(factory=Classification, converter=_classification)
    #: The flag candidate must have exceeded at least this share of its scored
    #: indicators (and achieved all of them); 30 %, as for HTXSNV, by default
    #: (policy ``clusters.flag`` of :mod:`thidua.legal`: thidua's convention).
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
        member_table(self.members)
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
        found = member_table(self.members).get(fold(key))
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


def member_table(members: Iterable[Member]) -> dict[str, Member]:
    """The members by folded id and name.

    Raises:
        PlanError: Two members share an id or a name.
    """
    table: dict[str, Member] = {}
    for member in members:
        for key in dict.fromkeys((fold(member.id), fold(member.name))):
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
