"""Properties of scoring against the cluster's leader (``credit = "leader"``)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import Dataset, Observation, Status
from thidua.clusters import Cluster, Member, rank_cluster
from thidua.evaluation import Facts, Target
from thidua.rules import parse_rule
from thidua.scoring import Leader, Scheme, ScoreItem, cluster_leaders, score_facts
from thidua.units import Quantity

from ..test_leader_scoring import PLAN

ONE = Scheme("s", "s", 10, items=[ScoreItem("A", 10, credit="leader")])


def _fact(actual: int, target: int, direction: int) -> Facts:
    """The facts of a unit with ``actual`` against ``target`` (more or less is better)."""
    rule = parse_rule(f"{'>=' if direction > 0 else '<='} {target}")
    margin = (actual - target) * direction
    status = Status.ACHIEVED if margin >= 0 else Status.NOT_ACHIEVED
    return Facts(
        "A",
        "a",
        status,
        rule,
        Quantity(actual),
        Target(rule, rule.op, Quantity(target)),
        None,
        margin > 0,
    )


def _points(actual: int, target: int, leader: int, direction: int) -> Fraction:
    leaders = {"A": Leader("A", leader, ["L"])}
    return score_facts({"A": _fact(actual, target, direction)}, ONE, leaders=leaders).earned


@given(
    st.integers(1, 60),
    st.integers(1, 60),
    st.integers(0, 200),
    st.integers(0, 200),
    st.sampled_from([1, -1]),
)
def test_more_actual_never_gives_fewer_points_and_never_above_the_maximum(
    target: int, excess: int, first: int, second: int, direction: int
) -> None:
    """For a fixed leader and target: monotone in the actual, within [0, points], the leader full."""
    leader = target + excess * direction
    if direction > 0:  # nobody beyond the leader
        low, high = sorted((min(first, leader), min(second, leader)))
    else:
        high, low = sorted((max(first, leader), max(second, leader)))  # less is better
    worse, better = (
        _points(low, target, leader, direction),
        _points(high, target, leader, direction),
    )
    assert 0 <= worse <= better <= 10
    assert _points(leader, target, leader, direction) == 10
    assert _points(target, target, leader, direction) == 5


_figure = st.one_of(st.none(), st.integers(0, 30))


@given(
    st.lists(
        st.tuples(
            _figure,
            st.integers(0, 30),
            st.integers(0, 30),
            st.one_of(st.none(), st.integers(1, 25)),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_batch_and_full_paths_agree(rows: list[tuple[int | None, int, int, int | None]]) -> None:
    """rank_cluster's batch scores are score_facts on full evaluations, with the same leaders.

    Few values: ties for the lead, nobody exceeding, no data and no assigned target.
    """
    members = [Member(f"P{i}", f"Phường {i}") for i in range(len(rows))]
    scheme = Scheme(
        "s",
        "s",
        40,
        items=[
            ScoreItem("T", 10, credit="leader"),
            ScoreItem("V", 10, credit="leader"),
            ScoreItem("A", 10, credit="leader"),
            ScoreItem("B", 10),
        ],
    )
    observations = []
    for member, (t, v, a, assigned) in zip(members, rows, strict=True):
        if t is not None:
            observations.append(Observation("T", "2024", value=t * 10, org_unit=member.id))
        observations.append(Observation("V", "2024", value=v, org_unit=member.id))
        observations.append(Observation("A", "2024", value=a, org_unit=member.id))
        if assigned is not None:
            observations.append(
                Observation("A", "2024", value=assigned, org_unit=member.id, kind="assigned")
            )
        observations.append(Observation("B", "2024", value=v % 2 == 0, org_unit=member.id))
    data = Dataset(observations)
    ranking = rank_cluster(Cluster("c", "Cụm", members, scheme), PLAN, data, "2024")
    many = thidua.evaluate_many(PLAN, data, "2024", members=members)
    full = {m.id: many[m.id].results for m in members}
    leaders = cluster_leaders(scheme, full)
    for member in members:
        mine = ranking.standing(member.id).score
        theirs = score_facts(full[member.id], scheme, leaders=leaders)
        assert mine == theirs
        assert [line.reason for line in mine.lines] == [line.reason for line in theirs.lines]
        for line in mine.lines[:3]:
            assert 0 <= line.awarded <= line.possible
            leader = leaders[line.indicator]
            if member.id in leader.members:  # the leader gets full points
                assert line.awarded == line.possible
