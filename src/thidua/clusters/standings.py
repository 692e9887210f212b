"""Standings: a cluster's members scored, rated, ranked, and the flag candidate named.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import attrs

from thidua._text import fold, printable
from thidua.classification import (
    Classified,
    LineCounts,
    QuotaOutcome,
    Rating,
    apply_quota,
    classify_many,
    line_counts,
)
from thidua.clusters.many import (
    ErrorsOption,
    Evaluations,
    collect_errors,
    evaluate_and_read,
    member_not_found,
)
from thidua.clusters.model import Cluster, Member, member_table
from thidua.data import Dataset, collector_paused
from thidua.errors import (
    PlanError,
    ThiduaError,
    UsageError,
    require_type,
)
from thidua.evaluation import (
    Evaluation,
    Explanation,
)
from thidua.evaluation.engine import period_and_day
from thidua.lineage import Lineage, lineage_of
from thidua.numbers import format_number, to_decimal_string
from thidua.periods import Period
from thidua.plans import Plan
from thidua.ranking import Ranked, make_entries, rank
from thidua.rules import Rule
from thidua.scoring import (
    Credit,
    Leader,
    Scheme,
    Score,
    Scorer,
    cluster_leaders,
    event_counts,
    score_facts,
)

__all__ = ["ClusterRanking", "NotRanked", "Standing", "rank_cluster", "ranking_to_dict"]

_AWARDED = operator.attrgetter("awarded")
_NO_EVENTS: Mapping[str, int] = MappingProxyType({})


# ---------------------------------------------------------------- the cluster


@attrs.frozen
class Standing:
    """A member's place in its cluster: score, rank, rating, and the flag.

    .. versionadded:: 0.1.0
    """

    #: The member.
    member: Member
    #: Its evaluation, or the cluster's evaluations to take it from when first read
    #: (:attr:`evaluation`).
    _evaluation: Evaluation | Evaluations = attrs.field(eq=False, repr=False)
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
    def evaluation(self) -> Evaluation:
        """Its full evaluation (values, targets, explanations), made when first asked for."""
        made = self._evaluation
        return made if isinstance(made, Evaluation) else made[self.member.id]

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

    Only :func:`rank_cluster` makes them: with ``errors="collect"``, and for a
    member that did not exist for the period (merged units, code
    ``lineage.not_in_period``), or a predecessor merged during the period (code
    ``lineage.merged_in_period``: its figures are its successor's); such a
    member has no rank (it is not ranked last).

    .. versionadded:: 0.2.0
    .. versionchanged:: 0.4.0
       Members that did not exist for the period.
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
        found = (
            member_table(self.cluster.members).get(fold(member))
            if isinstance(member, str)
            else None
        )
        if found is None:
            raise member_not_found(member, self.cluster.members)
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


def _text(rule: Rule | None) -> str | None:
    return None if rule is None else str(rule)


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
    by_id: Mapping[str, Member],
) -> tuple[str | None, Explanation]:
    """The flag candidate (member id) and the explanation (``by_id``: the members)."""
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
        names = ", ".join(by_id[r.member].name for r in leaders)
        return None, Explanation(
            f"Không có đơn vị đề nghị Cờ thi đua: đồng hạng nhất ({names}); "
            "cấp có thẩm quyền quyết định",
            f"No flag candidate: tied for first ({names}); for the competent authority to decide",
        )
    lead = classified[leaders[0].member]
    name = by_id[leaders[0].member].name
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


def _leaders(
    cluster: Cluster, evaluations: Evaluations, failed: Mapping[str, ThiduaError]
) -> dict[str, Leader] | None:
    """The first pass of leader credit: each such item's leader (None: no such item).

    Found among the members evaluated; those in ``failed`` are named as left out.
    """
    scheme = cluster.scheme
    if not any(i.credit is Credit.LEADER for i in scheme.items):
        return None
    facts = {m.id: evaluations.facts(m.id) for m in cluster.members if m.id not in failed}
    left_out = [m.id for m in cluster.members if m.id in failed]
    return cluster_leaders(scheme, facts, left_out=left_out)


def _scoring_of(scheme: Scheme) -> tuple[list[str], dict[int, str]]:
    """What the batch reads for ``scheme``: its indicators, and what is read of some.

    Leader credit is read from each member's facts, not from the batch.
    """
    reads = Scorer.reads_of(scheme)
    return [i.indicator for i in scheme.items], {
        n: what for n, what in reads.items() if what != "leader"
    }


def _batch_scores(
    cluster: Cluster,
    evaluations: Evaluations,
    failed: Mapping[str, ThiduaError],
    leaders: Mapping[str, Leader] | None = None,
) -> tuple[dict[str, Score | ThiduaError | None], dict[str, LineCounts]]:
    """The scores of the members the batch path decided, from its columns, all at once.

    A member's error where scoring it failed; None (or no entry) where its full
    evaluation's facts score it. Items with leader credit (second pass, against
    ``leaders``) read each member's facts. With the scores, the counts of their
    lines that classification reads (:func:`~thidua.classification.line_counts`
    of the same columns), by member id.
    """
    scheme = cluster.scheme
    adjustment_ids = {a.id for a in scheme.adjustments}
    out: dict[str, Score | ThiduaError | None] = {}
    reads = Scorer.reads_of(scheme)
    batch = evaluations._scored(*_scoring_of(scheme))
    if batch is None:
        return out, {}
    names, texts, read = batch
    chosen, (statuses, exceeded, values, gave_up) = read(
        [m.id for m in cluster.members if m.id not in failed]
    )
    for n, what in reads.items():  # leader credit: the actual and target of each member
        if what == "leader":
            indicator = scheme.items[n].indicator
            values[n] = [
                None
                if place in gave_up
                else Scorer.read_leader(evaluations.facts(member_id)[indicator], indicator)
                for place, member_id in enumerate(chosen)
            ]
    by_id = {m.id: m for m in cluster.members}
    occurrences: list[Mapping[str, int]] = []
    skip = set(gave_up)
    for place, member_id in enumerate(chosen):
        events = by_id[member_id].events
        adjustments = {k: n for k, n in events if k in adjustment_ids} if events else None
        if not adjustments:  # no bonus or deduction: event_counts would give {}
            occurrences.append(_NO_EVENTS)
            continue
        try:
            occurrences.append(event_counts(adjustments, adjustment_ids, scheme=scheme.id))
        except ThiduaError as exc:  # pragma: no cover - a member's events are checked
            occurrences.append({})
            skip.add(place)
            out[member_id] = exc
    scorer = Scorer(scheme, names, [_text(r) for r in texts], leaders=leaders)
    made = scorer.score_many(statuses, exceeded, values, occurrences, skip)
    for place, member_id in enumerate(chosen):
        if member_id not in out:  # None: its full evaluation's facts
            out[member_id] = made[place]
    return out, dict(zip(chosen, line_counts(statuses, exceeded, len(chosen)), strict=True))


def _scored(
    cluster: Cluster, evaluations: Evaluations, failed: dict[str, ThiduaError], *, collect: bool
) -> tuple[dict[str, Score], dict[str, Classified]]:
    """The scores and ratings of the members not in ``failed``, by member id.

    A member whose scoring or rating fails is added to ``failed`` (``collect``),
    or the first such member's error, in the cluster's order, is raised.
    """
    scheme, rules = cluster.scheme, cluster.classification
    adjustment_ids = {a.id for a in scheme.adjustments}
    capping = rules.events
    leaders = _leaders(cluster, evaluations, failed)
    batch_scores, counts = _batch_scores(cluster, evaluations, failed, leaders)
    scores: dict[str, Score] = {}
    own: dict[str, ThiduaError] = {}  # the members' errors of scoring and rating
    for member in cluster.members:
        if member.id in failed:
            continue
        given = batch_scores.get(member.id)
        if given is None:  # its full evaluation's facts
            try:
                given = score_facts(
                    evaluations.facts(member.id),
                    scheme,
                    events={k: n for k, n in member.events if k in adjustment_ids},
                    leaders=leaders,
                )
            except ThiduaError as exc:
                given = exc
        if isinstance(given, ThiduaError):
            own[member.id] = given
        else:
            scores[member.id] = given
    scored = [m for m in cluster.members if m.id in scores]
    classified: dict[str, Classified] = {}
    for member, made in zip(
        scored,
        classify_many(
            [scores[m.id] for m in scored],
            rules,
            [{k: n for k, n in m.events if k in capping} if m.events else None for m in scored],
            counts=[  # where the batch's columns scored it; else counted from its lines
                counts.get(m.id) if isinstance(batch_scores.get(m.id), Score) else None
                for m in scored
            ],
        ),
        strict=True,
    ):
        if isinstance(made, ThiduaError):
            own[member.id] = made
        else:
            classified[member.id] = made
    if own:  # the first member's error (in the cluster's order) stops the ranking
        for member in cluster.members:
            error = own.get(member.id)
            if error is None:
                continue
            if not collect:
                raise error
            scores.pop(member.id, None)
            classified.pop(member.id, None)
            failed[member.id] = error.located(member=member.id)
    return scores, classified


def rank_cluster(
    cluster: Cluster,
    plan: Plan,
    data: Dataset | Mapping[str, Dataset],
    period: Period | str | int | None = None,
    *,
    as_of: dt.date | str | None = None,
    errors: ErrorsOption = "raise",
    lineage: Lineage | None = None,
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

    With merged units (``lineage=``, or members' ``predecessors`` and
    ``since``), only the members that existed for the period are ranked: a
    member whose ``since`` is after the period's end, and a predecessor closed
    (merged into another) by the period's start, are in
    :attr:`ClusterRanking.not_ranked` with the reason (code
    ``lineage.not_in_period``); a predecessor closed during the period is
    there too (code ``lineage.merged_in_period``): its figures for the period
    are its successor's, never counted twice, and its closed months are not
    missing data. They do not keep the flag from the leader. The merged
    members' figures are composed as :func:`evaluate_many` does.

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
    .. versionchanged:: 0.4.0
       ``lineage=``; members that did not exist for the period, and predecessors
       merged during it, are not ranked.
    """
    require_type(
        cluster,
        Cluster,
        "cluster",
        "a Cluster (see load_cluster)",
        "một cụm thi đua (xem load_cluster)",
    )
    collect = collect_errors(errors)
    require_type(plan, Plan, "plan", "a Plan (see load_plan)", "một kế hoạch (xem load_plan)")
    _check_scheme(cluster.scheme, plan)
    whole = cluster
    absent = _absent(cluster, plan, period, as_of, lineage)
    if absent:
        present = [m for m in cluster.members if m.id not in absent]
        if not present:
            raise next(iter(absent.values())).located()
        cluster = attrs.evolve(cluster, members=present)
        left = {m.id: m.name for m in whole.members if m.id in absent}  # named in compositions
        given = lineage if lineage is not None else Lineage()
        lineage = Lineage(given.links, names={**left, **dict(given.names)})
    evaluations = evaluate_and_read(
        plan,
        data,
        period,
        members=cluster.members,
        as_of=as_of,
        errors=errors,
        lineage=lineage,
        scoring=_scoring_of(cluster.scheme),
    )
    failed: dict[str, ThiduaError] = dict(evaluations.errors)
    with collector_paused():  # scores, ratings, ranks: many objects, none in a cycle
        scores, classified = _scored(cluster, evaluations, failed, collect=collect)
        scheme, rules = cluster.scheme, cluster.classification
        by_id = {m.id: m for m in cluster.members}
        not_ranked = tuple(NotRanked(m, failed[m.id]) for m in cluster.members if m.id in failed)
        members = [m for m in cluster.members if m.id not in failed]
        items = [i.indicator for i in scheme.items]
        own = [scores[m.id] for m in members]
        ranked = rank(
            make_entries(
                [m.id for m in members],
                [s.total for s in own],
                [tuple(map(_AWARDED, s.lines)) for s in own],
                [m.women_share for m in members],
            ),
            items=items,
            on=evaluations.as_of or evaluations.period.end,  # the preference in force then
        )
        ranks = {r.member: r.rank for r in ranked}
        quota = apply_quota({k: c.rating for k, c in classified.items()}, ranks, rules.quota)
        candidate, flag = _flag(cluster, ranked, classified, not_ranked, by_id)
        standings = []
        for r in ranked:
            c = classified[r.member]
            reasons = c.reasons
            if r.member in quota.reasons:
                reasons += (quota.reasons[r.member],)
            standings.append(
                Standing(
                    by_id[r.member],
                    evaluations,
                    scores[r.member],
                    r,
                    c,
                    quota.ratings[r.member],
                    reasons,
                    flag_candidate=r.member == candidate,
                )
            )
    if absent:
        not_ranked += tuple(NotRanked(m, absent[m.id]) for m in whole.members if m.id in absent)
    return ClusterRanking(
        whole,
        evaluations.period,
        tuple(standings),
        quota,
        flag,
        evaluations,
        not_ranked=not_ranked,
    )


def _absent(
    cluster: Cluster,
    plan: Plan,
    period: Period | str | int | None,
    as_of: dt.date | str | None,
    lineage: Lineage | None,
) -> dict[str, ThiduaError]:
    """The members that did not exist for the period, each with the reason why."""
    if lineage is None and not any(m.predecessors or m.since for m in cluster.members):
        return {}
    if lineage is not None:
        require_type(
            lineage,
            Lineage,
            "lineage",
            "a Lineage (see load_lineage)",
            "một lineage (xem load_lineage)",
        )
    chosen, _ = period_and_day(plan, period, as_of)
    whole = lineage_of(cluster.members, lineage)
    out: dict[str, ThiduaError] = {}
    for m in cluster.members:
        since = m.since if m.since is not None else whole.since(m.id)
        closed = whole.closed(m.id)
        if since is not None and since > chosen.end:
            msg = f"{m.name} exists only since {since.isoformat()}, after {chosen} ends: not ranked"
            vi = (
                f"{m.name} chỉ có từ ngày {since:%d/%m/%Y}, sau khi {chosen.label('vi')} kết thúc: "
                "không xếp hạng"
            )
        elif closed is not None and closed <= chosen.start:
            msg = f"{m.name} was merged on {closed.isoformat()}, before {chosen} starts: not ranked"
            vi = (
                f"{m.name} đã sáp nhập từ ngày {closed:%d/%m/%Y}, trước khi {chosen.label('vi')} "
                "bắt đầu: không xếp hạng"
            )
        elif closed is not None and closed <= chosen.end:
            out[m.id] = _merged_in_period(m, closed, whole, cluster, chosen)
            continue
        else:
            continue
        out[m.id] = UsageError(
            msg,
            code="lineage.not_in_period",
            vi=vi,
            hint="rank the unit for a period in which it existed",
            hint_vi="hãy xếp hạng đơn vị cho kỳ mà đơn vị đã tồn tại",
            member=m.id,
            period=str(chosen),
        )
    return out


def _merged_in_period(
    member: Member, closed: dt.date, whole: Lineage, cluster: Cluster, chosen: Period
) -> UsageError:
    """A predecessor closed during the period: its figures are its successor's."""
    key = fold(member.id)
    heirs = [link for link in whole.links if fold(link.predecessor) == key]
    names = {fold(m.id): m.name for m in cluster.members}
    shown = ", ".join(
        dict.fromkeys(
            names.get(fold(link.successor), whole.name(link.successor))
            for link in heirs
            if link.since == closed
        )
    )
    msg = (
        f"{member.name} was merged into {shown} on {closed.isoformat()}, during {chosen}: "
        "its figures are its successor's, it is not ranked on its own"
    )
    return UsageError(
        msg,
        code="lineage.merged_in_period",
        vi=f"{member.name} đã sáp nhập vào {shown} từ {closed:%d/%m/%Y}, trong "
        f"{chosen.label('vi')}: số liệu của đơn vị là của đơn vị mới, không xếp hạng riêng",
        hint="rank the successor, whose figures for the period include this unit's",
        hint_vi="hãy xếp hạng đơn vị mới: số liệu của kỳ đã gồm số liệu của đơn vị này",
        member=member.id,
        period=str(chosen),
    )
