"""Many units: one plan evaluated as a template for many members, each on its own data.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

import attrs

from thidua._text import fold, printable, safe_repr
from thidua.clusters.model import Member, member_table
from thidua.data import Dataset, Observation, collector_paused
from thidua.errors import (
    NotFoundError,
    ThiduaError,
    UsageError,
    not_found,
    require_type,
    shown_ids,
)
from thidua.evaluation import (
    Evaluation,
    Facts,
    Result,
    Status,
    Unused,
)
from thidua.evaluation.batch import (
    ABSENT,
    Compiled,
    ScoredColumns,
    Shape,
    Statuses,
    View,
    compile_batch,
    view,
)
from thidua.evaluation.core import CompiledPlan, compile_plan
from thidua.evaluation.engine import evaluate_compiled, period_and_day
from thidua.evaluation.merged import Successions
from thidua.evaluation.merged import successions as successions_of
from thidua.lineage import Lineage, lineage_of
from thidua.periods import Period
from thidua.plans import OrgUnit, Plan
from thidua.rules import Rule

__all__ = ["ErrorsOption", "Evaluations", "evaluate_many"]


# ---------------------------------------------------------------- many units


#: What ``errors=`` may be: stop at the first member whose data are wrong, or go on.
ErrorsOption = Literal["raise", "collect"]


def collect_errors(errors: object) -> bool:
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


def member_not_found(key: object, members: Iterable[Member], what: str = "member") -> ThiduaError:
    return not_found(key, (m.id for m in members), what, "đơn vị")


#: The scored indicators' columns of statuses, of exceeded flags and of reads, and
#: the places of the members the full evaluation must give them for (see
#: :meth:`thidua.evaluation.batch.Scored.columns`).
_Columns = tuple[list[list[Status]], list[list[bool]], dict[int, list[Any]], set[int]]


class _Read(NamedTuple):
    """What scoring reads of the members, read with their statuses (:func:`evaluate_and_read`)."""

    #: The scored indicators' ids and what is read of some (by place), as asked.
    asked: tuple[tuple[str, ...], tuple[tuple[int, str], ...]]
    #: The members read (the batch decided them), in order, and their columns.
    members: list[str]
    columns: _Columns


#: The scored indicators' names and rules, and the reader of the members' figures.
_Scoring = tuple[
    tuple[str, ...],
    tuple["Rule | None", ...],
    Callable[[Sequence[str]], tuple[list[str], _Columns]],
]


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
        default=attrs.Factory(lambda self: member_table(self.members), takes_self=True), repr=False
    )
    #: The members whose data could not be evaluated (``errors="collect"``): member
    #: id → the error, which names the member and, where known, the file, line,
    #: indicator and period. In the order of :attr:`members`.
    errors: Mapping[str, ThiduaError] = attrs.field(
        factory=dict, converter=_read_only, kw_only=True
    )
    #: The plan compiled once, shared by every member's full evaluation.
    _compiled: CompiledPlan | None = attrs.field(default=None, kw_only=True, repr=False)
    #: The batch path and each member's view of the data, for facts without full
    #: evaluations (tables, scoring); the facts made so far (a memo).
    _batch: Compiled | None = attrs.field(default=None, kw_only=True, repr=False)
    _views: Mapping[str, View | None] = attrs.field(factory=dict, kw_only=True, repr=False)
    _facts: dict[str, Mapping[str, Facts]] = attrs.field(factory=dict, repr=False, init=False)
    #: The merged units of each member that has any (its own, its org units').
    _successions: Mapping[str, Successions] = attrs.field(factory=dict, kw_only=True, repr=False)
    #: What scoring reads of the members, if it was read with their statuses.
    _read: _Read | None = attrs.field(default=None, kw_only=True, repr=False)

    def _member(self, key: object) -> Member:
        """The member with this id or name, failed or not (NotFoundError otherwise)."""
        member = self._by_key.get(fold(key)) if isinstance(key, str) else None
        if member is None:
            raise member_not_found(key, self.members)
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
                self._compiled or compile_plan(self.plan),
                member,
                self._data[member.id],
                self.period,
                self.as_of,
                successions=self._successions.get(member.id),
            )
        return made

    def __contains__(self, key: object) -> bool:
        member = self._by_key.get(fold(key)) if isinstance(key, str) else None
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

    def facts(self, member: str) -> Mapping[str, Facts]:
        """The facts of every indicator (criteria included) of one member, by indicator id.

        Status, actual, target, margin, attainment and exceeded -- what tables and
        scores need -- from the batch path where it decides, without building the
        member's full evaluation (its explanations and observations).

        Raises:
            NotFoundError: No member has that id or name.
            ThiduaError: The member's own error, if its data could not be evaluated.

        .. versionadded:: 0.3.0
        """
        found = self._evaluated(member)
        made = self._facts.get(found.id)
        if made is None:
            view = self._views.get(found.id)
            batch = self._batch
            facts = None
            if batch is not None and view is not None and found.id not in self._made:
                own = self.plan.org_units if found.org_units is None else found.org_units
                facts = batch.facts(view, own)
            if facts is None:
                facts = {k: _facts_of(r) for k, r in self[found.id].results.items()}
            made = self._facts[found.id] = MappingProxyType(facts)
        return made

    def _scored(self, ids: Sequence[str], reads: Mapping[int, str]) -> _Scoring | None:
        """What scoring reads of the members beyond their statuses, from the batch path.

        The names and rules of the indicators ``ids``, and a function of the
        members' ids (members evaluated, not in :attr:`errors`): the ids of
        those the batch path decided, and their columns -- one per indicator of
        ``ids`` -- of statuses, of exceeded flags, and of what ``reads`` asks of
        some of them (by place: ``"attainment"`` or ``"actual"``); see
        :meth:`thidua.evaluation.batch.Scored.columns`. The other members'
        facts are their full evaluations' (:meth:`facts`). None if there is no
        batch path.
        """
        batch = self._batch
        scored = None if batch is None else batch.scored(ids, reads)
        if scored is None:
            return None
        views, made, by_status, plan = self._views, self._made, self.by_status, self.plan
        by_id = {m.id: m for m in self.members}
        asked = (tuple(ids), tuple(sorted(reads.items())))

        def read(members: Sequence[str]) -> tuple[list[str], _Columns]:
            chosen, chosen_views, rows = [], [], []
            for member in members:
                view = views.get(member)
                statuses = by_status[member]
                if view is not None and member not in made and isinstance(statuses, Statuses):
                    chosen.append(member)
                    chosen_views.append(view)
                    rows.append(statuses.row)
            early = self._read
            if early is not None and early.asked == asked and early.members == chosen:
                done, flags, values, gave_up = early.columns  # read with the statuses
                return chosen, (done, flags, dict(values), set(gave_up))
            own: list[Sequence[OrgUnit]] = []
            for m in chosen:
                units = by_id[m].org_units
                own.append(plan.org_units if units is None else units)
            return chosen, scored.columns(chosen_views, own, rows)

        return scored.names, scored.rules, read

    def rows(self) -> list[dict[str, Any]]:
        """One row per member evaluated and top-level indicator.

        Each row has ``member``, ``member_name``, ``indicator``, ``status``,
        ``actual`` and ``target``; members in :attr:`errors` have no rows.
        """
        top = [indicator.id for _, indicator in self.plan.top_indicators()]
        rows = []
        for member in self.evaluated:
            facts = self.facts(member.id)
            for indicator in top:
                fact = facts[indicator]
                rows.append(
                    {
                        "member": member.id,
                        "member_name": member.name,
                        "indicator": indicator,
                        "status": fact.status.value,
                        "actual": None if fact.actual is None else str(fact.actual),
                        "target": None if fact.target is None else str(fact.target),
                    }
                )
        return rows

    def counts(self) -> dict[str, dict[Status, int]]:
        """How many top-level indicators each member evaluated has of each status."""
        top = [indicator.id for _, indicator in self.plan.top_indicators()]
        out = {}
        for m in self.evaluated:
            statuses = [self.by_status[m.id][i] for i in top]
            out[m.id] = {s: statuses.count(s) for s in Status}
        return out

    def to_dataframe(self, *, numeric: bool = False, explanations: bool = False) -> Any:
        """One row per member evaluated and indicator (criteria included), pandas required.

        The columns are ``member`` and ``member_name`` followed by those of
        :meth:`thidua.evaluation.Evaluation.to_dataframe` (``level`` 0 for
        top-level indicators); members in :attr:`errors` have no rows.

        Args:
            numeric: Float columns (``actual``, ``threshold``, ``margin``,
                ``attainment``) for ``plot()`` and ``describe()``, instead of the
                exact :class:`~fractions.Fraction` objects.
            explanations: Add ``explanation_vi`` and ``explanation_en`` (this makes
                every member's full evaluation: much slower for many members).

        Raises:
            ExtraNotInstalledError: pandas is not installed (the ``notebook`` extra).

        .. versionchanged:: 0.3.0
           ``numeric=`` and ``explanations=``; explanations only when asked for.
        """
        from thidua.evaluation.frames import members_frame  # noqa: PLC0415  (pandas when asked)

        full = explanations or self.as_of is not None
        rows = (
            (m.id, m.name, self[m.id].results if full else self.facts(m.id)) for m in self.evaluated
        )
        return members_frame(
            self.plan, rows, numeric=numeric, explanations=explanations, as_of=self.as_of
        )

    def org_units_frame(self, *, numeric: bool = False) -> Any:
        """One row per member, org-unit indicator and org unit (khóm): its status and value.

        Columns: ``member``, ``member_name``, ``indicator``, ``org_unit``,
        ``org_unit_name``, ``status`` (categorical), ``actual`` (exact, or float
        with ``numeric``), ``unit``.

        Raises:
            ExtraNotInstalledError: pandas is not installed (the ``notebook`` extra).

        .. versionadded:: 0.3.0
        """
        from thidua.evaluation.frames import org_units_frame  # noqa: PLC0415  (pandas when asked)

        return org_units_frame(
            ((m.id, m.name, self[m.id]) for m in self.evaluated), numeric=numeric
        )

    def _repr_html_(self) -> str:
        from thidua.display import evaluations_html  # noqa: PLC0415

        return evaluations_html(self)


_NO_MEMBER = "no org unit: with many members, each row names its member"

#: What :func:`_owners` finds: each member's own rows' key, its khóm's keys by folded
#: label, its own rows written another way (as written, id), the strays (why).
_Found = tuple[
    dict[str, str], dict[str, dict[str, list[str]]], list[tuple[str, str]], dict[str | None, str]
]

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
    #: Where each row belongs, found when the first dataset is asked for.
    owners: Callable[[], _Owners]
    #: The predecessors' own rows (by their org unit as written) and the members
    #: that inherit them (see :mod:`thidua.lineage`).
    heirs: Mapping[str, Sequence[str]] = attrs.field(factory=dict)
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
            owners, heirs = self.owners(), self.heirs
            for obs in self.data:
                owner = owners.get(obs.org_unit) if obs.org_unit is not None else None
                if owner is not None:
                    parts[owner[0]].append((owner[1], obs))
                for heir in heirs.get(obs.org_unit, ()) if heirs and obs.org_unit else ():
                    parts[heir].append((obs.org_unit, obs))
            self._parts = parts
        return Dataset(
            obs if obs.org_unit == unit else attrs.evolve(obs, org_unit=unit)
            for unit, obs in self._parts[member]
        )


def _evaluate_member(
    compiled: CompiledPlan,
    member: Member,
    data: Callable[[], Dataset],
    period: Period,
    as_of: dt.date | None,
    *,
    successions: Successions | None = None,
) -> Evaluation:
    """The full evaluation of one member on its own data (``data``: their maker).

    ``successions``: the member's merged units (itself, its org units), if any.

    Raises:
        ThiduaError: The member's data are wrong (its own rows written two ways, a
            figure wrong for its indicator); the error names the member.
    """
    plan = compiled.plan
    org_units = plan.org_units if member.org_units is None else member.org_units
    try:
        return evaluate_compiled(
            compiled, data(), period, as_of=as_of, org_units=org_units, successions=successions
        )
    except ThiduaError as exc:
        raise exc.located(member=member.id) from None


#: Each member's view for the batch path (None: the full path decides), a maker
#: of its own dataset, and the observations that belong to no member.
_MemberData = tuple[dict[str, "View | None"], Mapping[str, Callable[[], Dataset]], list[Unused]]


def _member_data(
    data: object,
    members: Sequence[Member],
    table: Mapping[str, Member],
    plan: Plan,
    period: Period,
    *,
    inherits: Mapping[str, frozenset[str]] | None = None,
) -> _MemberData:
    """Read ``data`` for each member (``table``: the members by folded id and name).

    ``inherits``: the folded ids of the predecessors whose rows each member
    with a lineage needs (the batch path leaves those members to the engine).
    """
    previous = period.previous()
    views: dict[str, View | None] = {}
    datasets: dict[str, Callable[[], Dataset]] = {}
    inherits = inherits or {}
    if isinstance(data, Dataset):
        return _shared_data(data, members, table, plan, period, inherits=inherits)
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
    wanted = frozenset().union(*inherits.values()) if inherits else frozenset()
    sources: dict[str, tuple[str, Dataset]] = {}  # folded id -> id as written, its dataset
    for key, dataset in data.items():
        member = table.get(fold(key)) if isinstance(key, str) else None
        if member is None and isinstance(key, str) and fold(key) in wanted:
            _require_dataset(key, dataset)
            sources[fold(key)] = (key.strip(), dataset)
            continue
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
        _require_dataset(key, dataset)
        given[member.id] = dataset
        if wanted and fold(member.id) in wanted:
            sources[fold(member.id)] = (member.id, dataset)
    shape = Shape()
    for member in members:
        dataset = given[member.id]
        needed = inherits.get(member.id)
        if needed is not None:
            views[member.id] = None  # a merged unit: the full path composes its figures
            datasets[member.id] = functools.partial(_inherited, dataset, needed, sources)
            continue
        own = plan.org_units if member.org_units is None else member.org_units
        views[member.id] = view(dataset, period, previous, shape, org_units=own)
        datasets[member.id] = functools.partial(_same, dataset)
    return views, datasets, []


def _require_dataset(key: str, dataset: object) -> None:
    """Refuse ``data[key]`` unless it is a Dataset (the message made only when it is not)."""
    if dataset.__class__ is not Dataset:
        require_type(
            dataset,
            Dataset,
            f"data[{safe_repr(key, limit=60)}]",
            "a Dataset (see load_data)",
            "một bộ số liệu (xem load_data)",
        )


def _inherited(
    dataset: Dataset, needed: frozenset[str], sources: Mapping[str, tuple[str, Dataset]]
) -> Dataset:
    """A member's own dataset with its predecessors' own figures, under their ids."""
    rows = list(dataset)
    for key in sorted(needed):
        source = sources.get(key)
        if source is None:
            continue
        written, part = source
        rows += [attrs.evolve(obs, org_unit=written) for obs in part if obs.org_unit is None]
    return Dataset(rows)


def _heirs(data: Dataset, inherits: Mapping[str, frozenset[str]]) -> dict[str, list[str]]:
    """A predecessor's own rows, by their org unit as written: the members that inherit them."""
    heirs: dict[str, list[str]] = {}
    by_predecessor: dict[str, list[str]] = {}
    for member_id, needed in inherits.items():
        for key in needed:
            by_predecessor.setdefault(key, []).append(member_id)
    for written in data.org_units:
        if written is not None and "/" not in written:
            heirs_of = by_predecessor.get(fold(written))
            if heirs_of:
                heirs[written] = heirs_of
    return heirs


def _where(
    owners: Mapping[str, str],
    units: Mapping[str, Mapping[str, Sequence[str]]],
    twice: Sequence[tuple[str, str]],
) -> _Owners:
    """Each org unit as written in a shared dataset: its member, and its own org unit.

    From what :func:`_shared_data` found: each member's own rows' key (and the
    other ways they were written), and its org units' keys.
    """
    where: dict[str, tuple[str, str | None]] = {}
    for member_id, written in owners.items():
        where[written] = (member_id, None)
    for written, member_id in twice:
        where[written] = (member_id, None)
    for member_id, labels in units.items():
        for keys in labels.values():
            for written in keys:
                where[written] = (member_id, written.partition("/")[2].strip())
    return where


def _owners(data: Dataset, table: Mapping[str, Member], heirs: Mapping[str, object]) -> _Found:
    """Whose each org unit of a shared dataset is, however the member and its khóm are written.

    Each member's own rows' key, its khóm's keys by their folded label, its own rows
    written another way (as written, the member's id), and the org units that
    belong to no member (why). ``heirs``: predecessors' own rows, not strays.
    """
    owners: dict[str, str] = {}  # member id -> how its own rows name it
    units: dict[str, dict[str, list[str]]] = {}  # member id -> folded label -> rows' keys
    twice: list[tuple[str, str]] = []  # members' own rows written another way: as written, id
    strays: dict[str | None, str] = {}
    heads: dict[str, Any] = {}
    labels_folded: dict[str, str] = {}  # khóm labels repeat from member to member: folded once
    for written in data.org_units:  # distinct org units, not rows
        if written is None:
            strays[None] = _NO_MEMBER
            continue
        head, _, rest = written.partition("/")
        member = heads.get(head, ABSENT)
        if member is ABSENT:  # each way of writing a member folded once, not once per khóm
            member = heads[head] = table.get(fold(head))
        if member is None:
            if written not in heirs:
                strays[written] = f"there is no member {head.strip()!r}"
            continue
        label = ""
        if rest:
            label = labels_folded.get(rest, "")
            if not label:
                label = labels_folded[rest] = fold(rest)
        if label:  # a khóm written two ways is found both ways, and a duplicate refused
            labels = units.get(member.id)
            if labels is None:
                labels = units[member.id] = {}
            keys = labels.get(label)
            if keys is None:
                labels[label] = [written]
            else:
                keys.append(written)
        elif owners.setdefault(member.id, written) is not written:
            twice.append((written, member.id))
    return owners, units, twice, strays


def _as_ids(data: Dataset, members: Sequence[Member], plan: Plan) -> _Found | None:
    """:func:`_owners` in the common case, found without reading each org unit's text.

    Where every org unit of the dataset is written exactly as a member's id or
    ``id/khóm id`` (one of its khóm), each is looked up by that text: when as many
    are found as the dataset has, no other is written another way (ids have no
    ``/``, and a member's khóm have distinct labels: each text is one member's or
    one khóm's, counted once). None if one is written otherwise, names no member
    or khóm of its member, or a member has two khóm of one label.
    """
    written = data.org_units
    wanted = len(written) - (None in written)
    owners: dict[str, str] = {}
    units: dict[str, dict[str, list[str]]] = {}
    folded: dict[int, list[tuple[str, str]]] = {}  # by org units' identity: (id, folded id)
    matched = 0
    for member in members:
        mid = member.id
        if mid in written:
            owners[mid] = mid
            matched += 1
        own = plan.org_units if member.org_units is None else member.org_units
        labels = folded.get(id(own))
        if labels is None:
            labels = folded[id(own)] = [(u.id, fold(u.id)) for u in own]
            if len({label for _, label in labels}) != len(labels):  # pragma: no cover
                return None  # K1 twice, or K1 and k1 (plans and members refuse them)
        keys: dict[str, list[str]] | None = None
        for uid, label in labels:
            key = f"{mid}/{uid}"
            if key in written:
                if keys is None:
                    keys = units[mid] = {}
                keys[label] = [key]
                matched += 1
    if matched != wanted:
        return None
    strays: dict[str | None, str] = {None: _NO_MEMBER} if None in written else {}
    return owners, units, [], strays


def _shared_data(
    data: Dataset,
    members: Sequence[Member],
    table: Mapping[str, Member],
    plan: Plan,
    period: Period,
    *,
    inherits: Mapping[str, frozenset[str]],
) -> _MemberData:
    """Views of one dataset whose ``org_unit`` names the member (``P1``, ``P1/K2``), in place.

    A predecessor's own rows (``P2``) go to the members in ``inherits`` that need them.
    """
    heirs = _heirs(data, inherits) if inherits else {}
    found = None if inherits else _as_ids(data, members, plan)
    owners, units, twice, strays = _owners(data, table, heirs) if found is None else found
    unmatched = (
        [Unused(o, strays[o.org_unit]) for o in data if o.org_unit in strays] if strays else []
    )
    split = _Split(data, members, functools.partial(_where, owners, units, twice), heirs)
    twice_ids = {member_id for _, member_id in twice}
    shape = Shape()
    previous = period.previous()
    numbers = (data._periods.get(period, -1), data._periods.get(previous, -1))
    views: dict[str, View | None] = {}
    for member in members:
        if member.id in twice_ids or member.id in inherits:
            views[member.id] = None  # written two ways, or merged: the full path decides
            continue
        own = plan.org_units if member.org_units is None else member.org_units
        views[member.id] = view(
            data,
            period,
            previous,
            shape,
            owner=owners.get(member.id, ABSENT),
            units=units.get(member.id, {}),
            org_units=own,
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
    lineage: Lineage | None = None,
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
        lineage: Which units were merged into which (see :func:`thidua.load_lineage`),
            with the members' and org units' own ``predecessors``: a merged
            member's figures for a period before its date are composed from its
            predecessors' figures -- rows of ``data`` under their own ids (``P2``),
            or entries of the mapping under their ids -- as :func:`thidua.evaluate`
            composes them (see :doc:`/after-merger-vi`).

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
    .. versionchanged:: 0.4.0
       ``lineage=``; members' and org units' ``predecessors`` and ``since``.
    """
    return evaluate_and_read(
        plan, data, period, members=members, as_of=as_of, errors=errors, lineage=lineage
    )


def evaluate_and_read(
    plan: Plan,
    data: Dataset | Mapping[str, Dataset],
    period: Period | str | int | None = None,
    *,
    members: Sequence[Member | OrgUnit] | None = None,
    as_of: dt.date | str | None = None,
    errors: ErrorsOption = "raise",
    lineage: Lineage | None = None,
    scoring: tuple[Sequence[str], Mapping[int, str]] | None = None,
) -> Evaluations:
    """:func:`evaluate_many`, reading at once what a scheme scores (``scoring``).

    ``scoring``: the scored indicators' ids and what is read of some of them (as
    :meth:`Evaluations._scored` takes them); the batch reads them block by block
    right after the members' statuses, and :meth:`Evaluations._scored` gives
    them without reading the members again.
    """
    require_type(plan, Plan, "plan", "a Plan (see load_plan)", "một kế hoạch (xem load_plan)")
    collect = collect_errors(errors)
    chosen, day = period_and_day(plan, period, as_of)
    if members is None:
        chosen_members = tuple(
            Member(u.id, u.name, org_units=(), predecessors=u.predecessors, since=u.since)
            for u in plan.org_units
        )
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
            Member(m.id, m.name, org_units=(), predecessors=m.predecessors, since=m.since)
            if isinstance(m, OrgUnit)
            else m
            for m in members
        )
    table = member_table(chosen_members)
    successions, inherits = member_successions(plan, chosen_members, lineage)
    views, datasets, unmatched = _member_data(
        data, chosen_members, table, plan, chosen, inherits=inherits
    )
    compiled_plan = compile_plan(plan)
    compiled = compile_batch(compiled_plan, chosen) if day is None else None
    by_status: dict[str, Mapping[str, Status]] = {}
    made: dict[str, Evaluation] = {}
    failed: dict[str, ThiduaError] = {}
    gathered: ScoredColumns | None = None
    if compiled is not None:
        scored = None if scoring is None else compiled.scored(*scoring)
        gathered = None if scored is None else ScoredColumns(scored)
        with collector_paused():  # statuses and reads: many objects, none in a cycle
            batch = compiled.statuses(
                [views[m.id] for m in chosen_members],
                [plan.org_units if m.org_units is None else m.org_units for m in chosen_members],
                then=gathered,
            )
    else:
        batch = [None] * len(chosen_members)
    early = None
    if gathered is not None and scoring is not None:
        ids, reads = scoring
        early = _Read(
            (tuple(ids), tuple(sorted(reads.items()))),
            [chosen_members[p].id for p in gathered.places],
            (gathered.statuses, gathered.exceeded, gathered.reads, gathered.gave_up),
        )
    for member, statuses in zip(chosen_members, batch, strict=True):
        if statuses is not None:
            by_status[member.id] = statuses
            continue
        # the batch path gave up on this member: the full evaluation decides
        try:
            full = _evaluate_member(
                compiled_plan,
                member,
                datasets[member.id],
                chosen,
                day,
                successions=successions.get(member.id),
            )
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
        compiled=compiled_plan,
        batch=compiled,
        views=views,
        successions=successions,
        read=early,
    )


def member_successions(
    plan: Plan, members: Sequence[Member], lineage: Lineage | None
) -> tuple[dict[str, Successions], dict[str, frozenset[str]]]:
    """Each merged member's successions, and the folded ids of the predecessors it needs.

    Raises:
        ArgumentTypeError: ``lineage`` is not a :class:`~thidua.Lineage`.
        DataError: The lineage is wrong, or a member declares other
            predecessors than it gives (``lineage.*``).
    """
    plan_merged = any(u.predecessors for u in plan.org_units)
    if lineage is None and not any(
        m.predecessors
        or (plan_merged if m.org_units is None else any(u.predecessors for u in m.org_units))
        for m in members
    ):
        return {}, {}
    if lineage is not None:
        require_type(
            lineage,
            Lineage,
            "lineage",
            "a Lineage (see load_lineage)",
            "một lineage (xem load_lineage)",
        )
    whole = lineage_of(members, lineage)
    names = {m.id: m.name for m in members}
    found: dict[str, Successions] = {}
    inherits: dict[str, frozenset[str]] = {}
    for m in members:
        own = plan.org_units if m.org_units is None else m.org_units
        units = lineage_of(own, whole)
        area = (m.id, m.name) if units.links_of(m.id) else None
        made = successions_of(units, area=area, org_units=own, names=names)
        if made:
            found[m.id] = made
            inherits[m.id] = frozenset(fold(p.id) for s in made.values() for p in s.parts)
    return found, inherits


def _same(dataset: Dataset) -> Dataset:
    return dataset


def _facts_of(result: Result) -> Facts:
    """A full result's facts."""
    return Facts(
        result.indicator,
        result.name,
        result.status,
        result.rule,
        result.actual,
        result.target,
        result.margin,
        result.exceeded,
        result.attainment,
    )
