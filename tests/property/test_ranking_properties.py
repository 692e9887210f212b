"""Properties of ranking, the quota and cluster scores (issue 5)."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import Dataset, Indicator, Observation, Quantity, ThiduaError
from thidua.classification import Cap, Classification, Grade, Rating, apply_quota, classify
from thidua.clusters import Cluster, Member, rank_cluster
from thidua.ranking import Entry, rank
from thidua.rules import Comparison
from thidua.scoring import Adjustment, Band, Scheme, ScoreItem, score
from thidua.strategies import BOUNDARY, datasets, plans, values_for

from ..builders import plan_of

_totals = st.integers(0, 6).map(Fraction)  # few values: many ties
_entries = st.lists(
    st.builds(
        lambda total, points, women: (total, points, women),
        _totals,
        st.tuples(st.integers(0, 2), st.integers(0, 2)),
        st.one_of(st.none(), st.sampled_from(["0", "0.5", "0.7", "1"])),
    ),
    min_size=1,
    max_size=12,
)


def _make(raw: list[tuple[Fraction, tuple[int, int], str | None]]) -> list[Entry]:
    return [Entry(f"M{i}", t, p, w) for i, (t, p, w) in enumerate(raw)]


@given(_entries, st.randoms(use_true_random=False))
def test_ranking_is_a_stable_permutation_with_equal_ranks_for_ties(
    raw: list[tuple[Fraction, tuple[int, int], str | None]], random: object
) -> None:
    """Every member once; ranks independent of input order; equal keys, equal ranks."""
    entries = _make(raw)
    ranked = rank(entries)
    assert sorted(r.member for r in ranked) == sorted(e.member for e in entries)
    shuffled = list(entries)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert rank(shuffled) == ranked
    by_member = {e.member: e for e in entries}

    def key(e: Entry) -> tuple[object, ...]:
        return (e.total, e.points, e.preferred)

    for r in ranked:
        better = sum(key(o) > key(by_member[r.member]) for o in entries)
        assert r.rank == 1 + better  # standard competition ranking
        for other in ranked:
            if key(by_member[other.member]) == key(by_member[r.member]):
                assert other.rank == r.rank
    assert [r.rank for r in ranked] == sorted(r.rank for r in ranked)
    assert all(a.total >= b.total for a, b in itertools.pairwise(ranked))


_ratings = st.lists(st.sampled_from(list(Rating)), min_size=1, max_size=15)


@given(_ratings, st.sampled_from([Fraction(1, 5), Fraction(1, 4), Fraction(1, 2), Fraction(0)]),
       st.data())  # fmt: skip
def test_the_quota_never_leaves_more_htxsnv_than_allowed(
    ratings: list[Rating], quota: Fraction, data: st.DataObject
) -> None:
    """At most ⌊quota × HTTNV-or-better⌋ keep HTXSNV; only HTXSNV move, and only to HTTNV."""
    members = {f"M{i}": r for i, r in enumerate(ratings)}
    ranks = {m: data.draw(st.integers(1, len(members)), label=m) for m in members}
    outcome = apply_quota(members, ranks, quota)
    eligible = sum(r.at_least(Rating.HTTNV) for r in ratings)
    kept = [m for m, r in outcome.ratings.items() if r is Rating.HTXSNV]
    assert len(kept) <= math.floor(quota * eligible) == outcome.allowed
    for m, before in members.items():
        after = outcome.ratings[m]
        if after is not before:
            assert (before, after) == (Rating.HTXSNV, Rating.HTTNV)
            assert m in outcome.reasons
    moved = [m for m in members if outcome.ratings[m] is not members[m]]
    for m in kept:  # nobody kept ranks below someone moved for the quota
        assert all(ranks[m] < ranks[other] for other in moved)


_PLAN = plan_of(
    Indicator("A", "a", unit="person", rule=">= 10"),
    Indicator("B", "b", unit="person", rule=">= 10"),
    Indicator("C", "c", unit="percent", rule=">= 90 %"),
)
_SCHEME = Scheme(
    "s",
    "s",
    100,
    items=[
        ScoreItem("A", 40),
        ScoreItem("B", 30, credit="proportional"),
        ScoreItem("C", 30, credit="banded", bands=[Band(">= 90 %", 30), Band(">= 80 %", 10)]),
    ],
)
_values = st.tuples(st.integers(0, 20), st.integers(0, 20), st.integers(50, 100))


def _cluster_data(values: list[tuple[int, int, int]]) -> Dataset:
    return Dataset(
        [
            Observation(ind, "2024", value=v, org_unit=f"M{i}")
            for i, row in enumerate(values)
            for ind, v in zip("AB", row[:2], strict=True)
        ]
        + [
            Observation("C", "2024", value=f"{row[2]}%", org_unit=f"M{i}")
            for i, row in enumerate(values)
        ]
    )


@given(st.lists(_values, min_size=2, max_size=6), st.data())
def test_raising_an_actual_never_lowers_score_or_rank(
    values: list[tuple[int, int, int]], data: st.DataObject
) -> None:
    """Under monotone schemes, a better figure never costs points or places."""
    cluster = Cluster("c", "c", [Member(f"M{i}", f"Xã {i}") for i in range(len(values))], _SCHEME)
    who = data.draw(st.integers(0, len(values) - 1), label="member")
    which = data.draw(st.integers(0, 2), label="indicator")
    raised = [list(v) for v in values]
    raised[who][which] += data.draw(st.integers(1, 10), label="by")
    before = rank_cluster(cluster, _PLAN, _cluster_data(values), "2024").standing(f"M{who}")
    after = rank_cluster(
        cluster,
        _PLAN,
        _cluster_data([tuple(v) for v in raised]),
        "2024",  # type: ignore[misc]
    ).standing(f"M{who}")
    assert after.total >= before.total
    assert after.rank <= before.rank


@st.composite
def _scored_cluster(draw: st.DrawFn) -> tuple[thidua.Plan, Cluster, dict[str, Dataset]]:
    """A plan, a cluster scoring some of its top indicators every way, each member's data."""
    plan = draw(plans(max_indicators=5, year=2024))
    tops = [indicator for _, indicator in plan.top_indicators()]
    chosen = draw(st.lists(st.sampled_from(tops), min_size=1, max_size=len(tops), unique_by=id))
    items = []
    for indicator in chosen:
        credit = draw(st.sampled_from(["all_or_nothing", "proportional", "banded"]))
        rule = indicator.rule
        if credit == "banded":  # the indicator's own rule, or one that may not fit its figures
            other = draw(st.sampled_from([">= 50 %", ">= 1", "is true"]))
            constant = isinstance(rule, Comparison) and isinstance(rule.operand, Quantity)
            bands = [Band(rule if constant else other, 10), Band(other, 5)]
            items.append(ScoreItem(indicator.id, 10, credit="banded", bands=bands))
        elif credit == "proportional":
            cap = draw(st.sampled_from([Fraction(1), Fraction(1, 2)]))
            items.append(ScoreItem(indicator.id, 10, credit="proportional", cap=cap))
        else:
            items.append(ScoreItem(indicator.id, 10))
    scheme = Scheme(
        "s",
        "s",
        10 * len(items),
        items=items,
        adjustments=[Adjustment("b", "thưởng", 2), Adjustment("d", "trừ", 3, deduction=True)],
        bonus_cap=draw(st.sampled_from([None, Fraction(3)])),
        not_applicable=draw(st.sampled_from(["spread", "rescale"])),
    )
    size = draw(st.integers(1, 5))
    members = [
        Member(
            f"M{i}",
            f"Xã {i}",
            women_share=draw(st.sampled_from([None, "50%", "72%"])),
            events=draw(st.dictionaries(st.sampled_from(["b", "d", "cap"]), st.integers(1, 2))),
        )
        for i in range(size)
    ]
    classification = Classification(
        grades=[
            Grade(Rating.HTXSNV, 90, all_achieved=True, exceeded_share=Fraction(1, 2)),
            Grade(Rating.HTTNV, 50),
        ],
        caps=[Cap("cap", "giới hạn", Rating.HTNV)],
        quota=Fraction(1, 2),
    )
    cluster = Cluster("c", "Cụm", members, scheme, classification)
    data = {m.id: draw(_member_data(plan)) for m in members}
    return plan, cluster, data


@st.composite
def _member_data(draw: st.DrawFn, plan: thidua.Plan) -> Dataset:
    """A member's figures; some exactly on their indicator's threshold (achieved, not exceeded)."""
    drawn = draw(datasets(plan, "2024"))
    on_threshold = {
        indicator.id: draw(values_for(indicator.rule, BOUNDARY, unit=indicator.unit))
        for indicator in plan.indicators()
        if isinstance(indicator.rule, Comparison) and draw(st.booleans())
    }
    observations = [o for o in drawn if o.indicator not in on_threshold]
    for indicator, case in on_threshold.items():
        observations.append(Observation(indicator, "2024", value=case.value))
        if case.previous is not None:
            observations.append(Observation(indicator, "2023", value=case.previous))
        if case.assigned is not None:
            observations.append(
                Observation(indicator, "2024", value=case.assigned, kind="assigned")
            )
    return Dataset(observations)


def _from_full_evaluations(
    plan: thidua.Plan, cluster: Cluster, data: dict[str, Dataset]
) -> list[tuple[object, ...]] | str:
    """The ranking as score(evaluate(...)) of each member, then rank, gives it."""
    scheme, rules = cluster.scheme, cluster.classification
    adjustments = {a.id for a in scheme.adjustments}
    try:  # every member evaluated first, as evaluate_many does, then scored
        evaluations = {m.id: thidua.evaluate(plan, data[m.id], "2024") for m in cluster.members}
        scores, classified = {}, {}
        for m in cluster.members:
            events = m.event_counts
            evaluation = evaluations[m.id]
            scores[m.id] = score(
                evaluation, scheme, events={k: n for k, n in events.items() if k in adjustments}
            )
            classified[m.id] = classify(
                scores[m.id], rules, events={k: n for k, n in events.items() if k in rules.events}
            )
    except ThiduaError as exc:
        return type(exc).__name__
    entries = [
        Entry(
            m.id, scores[m.id].total, [line.awarded for line in scores[m.id].lines], m.women_share
        )
        for m in cluster.members
    ]
    ranked = rank(entries, items=[i.indicator for i in scheme.items], on="2024-12-31")
    quota = apply_quota(
        {k: c.rating for k, c in classified.items()},
        {r.member: r.rank for r in ranked},
        rules.quota,
    )
    return [
        (r, scores[r.member], classified[r.member], quota.ratings[r.member], r.explanation)
        for r in ranked
    ]


@given(_scored_cluster())
def test_rank_cluster_is_the_ranking_of_full_evaluations(
    case: tuple[thidua.Plan, Cluster, dict[str, Dataset]],
) -> None:
    """The batch's scores, ranks and ratings are those of every member's full evaluation.

    Scores with their lines and reasons, ranks with their explanations, ratings
    before and after the quota -- or the same error.
    """
    plan, cluster, data = case
    expected = _from_full_evaluations(plan, cluster, data)
    if isinstance(expected, str):  # an error: the same one
        with pytest.raises(ThiduaError) as raised:
            rank_cluster(cluster, plan, data, "2024")
        assert type(raised.value).__name__ == expected
        return
    ranking = rank_cluster(cluster, plan, data, "2024")
    got = [
        (s.ranked, s.score, s.classified, s.rating, s.ranked.explanation) for s in ranking.standings
    ]
    assert got == expected
    for mine, theirs in zip(got, expected, strict=True):  # the texts, written when read
        assert [line.reason for line in mine[1].lines] == [
            line.reason
            for line in theirs[1].lines  # type: ignore[attr-defined]
        ]
