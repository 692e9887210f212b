"""Properties of ranking, the quota and cluster scores (issue 5)."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from thidua import Dataset, Indicator, Observation
from thidua.classification import Rating, apply_quota
from thidua.clusters import Cluster, Member, rank_cluster
from thidua.ranking import Entry, rank
from thidua.scoring import Band, Scheme, ScoreItem

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
