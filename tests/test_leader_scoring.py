"""Scoring against the cluster's leader (``credit = "leader"``): the two passes, traced."""

from __future__ import annotations

from fractions import Fraction

import pytest

import thidua
from thidua import Dataset, Indicator, Observation, PlanError, Status, UsageError
from thidua.clusters import Cluster, Member, rank_cluster
from thidua.evaluation import Facts, Target
from thidua.rules import parse_rule
from thidua.scoring import (
    Band,
    Credit,
    Leader,
    Scheme,
    ScoreItem,
    Scorer,
    cluster_leaders,
    loads_scheme,
    score,
    score_facts,
)
from thidua.units import Quantity

from .builders import plan_of

#: Thu ngân sách (more is better), số vụ vi phạm (less is better), and a target
#: each member is assigned (some are not).
PLAN = plan_of(
    Indicator("T", "Thu ngân sách", unit="person", rule=">= 100", maximum=1000),
    Indicator("V", "Số vụ vi phạm", unit="case", rule="<= 10"),
    Indicator("A", "Chỉ tiêu giao", unit="household", rule=">= assigned"),
    Indicator("B", "Có đề án", rule="is true"),
)
SCHEME = Scheme(
    "s",
    "Thang điểm",
    30,
    items=[
        ScoreItem("T", 10, credit="leader"),
        ScoreItem("V", 10, credit="leader"),
        ScoreItem("A", 10, credit="leader"),
    ],
)
MEMBERS = [Member(f"P{i}", f"Phường {i}") for i in range(1, 6)]
CLUSTER = Cluster("c", "Cụm", MEMBERS, SCHEME)

#: member: (T, V, G actual, G assigned)
FIGURES: dict[str, tuple[int | None, int, int, int | None]] = {
    "P1": (120, 5, 60, 50),
    "P2": (150, 8, 50, 50),
    "P3": (100, 10, 40, None),
    "P4": (80, 12, 30, None),
    "P5": (None, 2, 70, 50),
}

#: Computed by hand.
EXPECTED: dict[str, tuple[Fraction, Fraction, Fraction]] = {
    # T: leader P2 (150): ½·10 + ½·10·(120−100)/(150−100) = 7
    # V: leader P5 (2): ½·10 + ½·10·(10−5)/(10−2) = 65/8
    # G: leader P5 (70): ½·10 + ½·10·(60−50)/(70−50) = 15/2
    "P1": (Fraction(7), Fraction(65, 8), Fraction(15, 2)),
    # V: 5 + 5·(10−8)/(10−2) = 25/4; G at target: 5
    "P2": (Fraction(10), Fraction(25, 4), Fraction(5)),
    # T at target: 5; V at target: 5; G no target, the best such unit: 10
    "P3": (Fraction(5), Fraction(5), Fraction(10)),
    # T below: ½·10·80/100 = 4; V below: ½·10·10/12 = 25/6; G: 10·30/40 = 15/2
    "P4": (Fraction(4), Fraction(25, 6), Fraction(15, 2)),
    # T no data: 0; V leader: 10; G leader: 10
    "P5": (Fraction(0), Fraction(10), Fraction(10)),
}


def _data(figures: dict[str, tuple[int | None, int, int, int | None]] = FIGURES) -> Dataset:
    rows = []
    for member, (t, v, g, assigned) in figures.items():
        if t is not None:
            rows.append(Observation("T", "2024", value=t, org_unit=member))
        rows.append(Observation("V", "2024", value=v, org_unit=member))
        rows.append(Observation("A", "2024", value=g, org_unit=member))
        if assigned is not None:
            rows.append(Observation("A", "2024", value=assigned, org_unit=member, kind="assigned"))
        rows.append(Observation("B", "2024", value=True, org_unit=member))
    return Dataset(rows)


def test_a_small_cluster_computed_by_hand() -> None:
    """Five wards, three items: every line is the hand-computed figure, traced."""
    ranking = rank_cluster(CLUSTER, PLAN, _data(), "2024")
    for member, points in EXPECTED.items():
        got = ranking.standing(member).score
        assert tuple(line.awarded for line in got.lines) == points, member
        assert got.total == sum(points)
        assert all(line.credit is Credit.LEADER for line in got.lines)
    p1 = ranking.standing("P1").score
    assert p1.line("T").reason.vi == (
        "½ × 10 + ½ × 10 × (120 − 100)/(150 − 100) = 7 điểm; đơn vị dẫn đầu: P2 (150)"
    )
    assert p1.line("T").reason.en == (
        "½ × 10 + ½ × 10 × (120 − 100)/(150 − 100) = 7 points; the leader: P2 (150)"
    )
    assert p1.line("V").reason.vi == (
        "½ × 10 + ½ × 10 × (10 − 5)/(10 − 2) = 8,125 điểm; đơn vị dẫn đầu: P5 (2)"
    )
    p2, p3, p4, p5 = (ranking.standing(m).score for m in ("P2", "P3", "P4", "P5"))
    assert p2.line("T").reason.vi == "đơn vị dẫn đầu: P2 (150): 10 điểm"
    assert p2.line("A").reason.vi == "đạt, không vượt chỉ tiêu: ½ × 10 = 5 điểm"
    assert p4.line("T").reason.vi == "không đạt: ½ × 10 × 80/100 = 4 điểm"
    assert p4.line("V").reason.en == "not achieved: ½ × 10 × 10/12 = ≈4.1667 points"
    assert p3.line("A").status is Status.NO_DATA
    assert p3.line("A").reason.vi == (
        "chưa được giao chỉ tiêu, so với đơn vị tốt nhất chưa được giao: P3 (40): cao nhất: 10 điểm"
    )
    assert p4.line("A").reason.en == (
        "no assigned target, against the best unit without one: P3 (40): 10 × 30/40 = 7.5 points"
    )
    assert p5.line("T").reason.vi == "chưa có số liệu: 0 điểm"
    assert [s.member.id for s in ranking.standings] == [
        "P1",
        "P2",
        "P3",
        "P5",
        "P4",
    ]  # P3 over P5 on T


def test_batch_and_full_paths_agree() -> None:
    """The batch's columns and each member's full evaluation give the same scores."""
    ranking = rank_cluster(CLUSTER, PLAN, _data(), "2024")
    many = thidua.evaluate_many(PLAN, _data(), "2024", members=MEMBERS)
    full = {m.id: many[m.id].results for m in MEMBERS}
    leaders = cluster_leaders(SCHEME, full)
    assert many._batch is not None  # the batch path decides these members
    assert leaders == cluster_leaders(SCHEME, {m.id: many.facts(m.id) for m in MEMBERS})
    assert leaders["T"] == Leader("T", 150, ["P2"], untargeted=None)
    assert leaders["A"] == Leader("A", 70, ["P5"], untargeted=40, untargeted_members=["P3"])
    for member in MEMBERS:
        mine = ranking.standing(member.id).score
        theirs = score_facts(full[member.id], SCHEME, leaders=leaders)
        assert mine == theirs
        assert [line.reason for line in mine.lines] == [line.reason for line in theirs.lines]
        assert score(many[member.id], SCHEME, leaders=leaders) == theirs


def test_a_single_unit_needs_the_cluster() -> None:
    """score() of one unit refuses leader credit without leaders=, naming the need."""
    many = thidua.evaluate_many(PLAN, _data(), "2024", members=MEMBERS)
    with pytest.raises(UsageError) as raised:
        score(many["P1"], SCHEME)
    assert raised.value.code == "scoring.leader_needs_cluster"
    assert raised.value.indicator == "T"
    assert "cluster_leaders" in raised.value.message("en")
    assert "đơn vị dẫn đầu cụm" in raised.value.message("vi")
    # a leader figure given by hand
    one = Scheme("s", "s", 10, items=[ScoreItem("T", 10, credit="leader")])
    given = score(many["P1"], one, leaders={"T": Leader("T", "200", ["X"])})
    assert given.total == Fraction(5) + Fraction(5) * 20 / 100
    assert given.lines[0].reason.vi.endswith("đơn vị dẫn đầu: X (200)")


def test_a_leader_that_does_not_fit_is_refused() -> None:
    """A unit that exceeded beyond the given leader, or a missing untargeted best."""
    many = thidua.evaluate_many(PLAN, _data(), "2024", members=MEMBERS)
    one = Scheme("s", "s", 10, items=[ScoreItem("T", 10, credit="leader")])
    for leader in (Leader("T", 110, ["X"]), Leader("T")):
        with pytest.raises(UsageError) as raised:
            score(many["P1"], one, leaders={"T": leader})
        assert raised.value.code == "scoring.leader_mismatch"
    a = Scheme("s", "s", 10, items=[ScoreItem("A", 10, credit="leader")])
    with pytest.raises(UsageError) as raised:
        score(many["P3"], a, leaders={"A": Leader("A", 70, ["P5"])})
    assert raised.value.code == "scoring.leader_mismatch"
    assert "không khớp" in raised.value.message("vi")


def test_ties_for_the_lead_all_get_full_points() -> None:
    """Two members with the leader's actual both lead; the reason names both."""
    figures = dict(FIGURES)
    figures["P1"] = (150, 2, 70, 50)
    ranking = rank_cluster(CLUSTER, PLAN, _data(figures), "2024")
    for member in ("P1", "P2"):
        line = ranking.standing(member).score.line("T")
        assert line.awarded == 10
        assert line.reason.vi == "đồng dẫn đầu: P1, P2 (150): 10 điểm"
    assert ranking.standing("P5").score.line("V").reason.en == (
        "tied for the lead: P1, P5 (2): 10 points"
    )


def test_nobody_exceeding_and_the_leader_at_the_target() -> None:
    """No leader: at the target ½, below ½ × attainment; reaching it is not leading."""
    figures = {
        "P1": (100, 10, 50, 50),
        "P2": (90, 11, 50, 50),
        "P3": (100, 10, 40, 50),
        "P4": (50, 20, 50, 50),
        "P5": (0, 10, 50, 50),
    }
    ranking = rank_cluster(CLUSTER, PLAN, _data(figures), "2024")
    leaders = cluster_leaders(
        SCHEME,
        {
            m.id: thidua.evaluate_many(PLAN, _data(figures), "2024", members=MEMBERS).facts(m.id)
            for m in MEMBERS
        },
    )
    assert leaders["T"] == Leader("T")  # nobody exceeded: no leader, no division by zero
    got = {m.id: tuple(x.awarded for x in ranking.standing(m.id).score.lines) for m in MEMBERS}
    assert got["P1"] == (5, 5, 5)
    assert got["P2"] == (Fraction(9, 2), Fraction(50, 11), 5)
    assert got["P3"] == (5, 5, 4)
    assert got["P4"] == (Fraction(5, 2), Fraction(5, 2), 5)
    assert got["P5"] == (0, 5, 5)


def test_not_applicable_points_are_spread_and_no_data_scores_nothing() -> None:
    """A not-applicable item's points go to the others, which are scored on them."""
    scheme = Scheme("s", "s", 20, items=[ScoreItem("T", 10, credit="leader"), ScoreItem("N", 10)])
    rule = parse_rule(">= 100")
    target = Target(rule, rule.op, Quantity(100))
    facts = {
        "X": {
            "T": Facts("T", "t", Status.ACHIEVED, rule, Quantity(150), target, None, True),
            "N": Facts("N", "n", Status.NOT_APPLICABLE, parse_rule(">= 1")),
        },
        "Y": {
            "T": Facts("T", "t", Status.NOT_APPLICABLE, rule),
            "N": Facts("N", "n", Status.NOT_APPLICABLE, parse_rule(">= 1")),
        },
        "Z": {
            "T": Facts("T", "t", Status.NO_DATA, rule),
            "N": Facts("N", "n", Status.ACHIEVED, parse_rule(">= 1")),
        },
    }
    leaders = cluster_leaders(scheme, facts)
    assert leaders["T"] == Leader("T", 150, ["X"])
    x = score_facts(facts["X"], scheme, leaders=leaders)
    assert x.lines[0].awarded == 20  # the leader, on 10 + 10 spread points
    assert x.lines[1].reason.vi.startswith("không áp dụng")
    assert score_facts(facts["Y"], scheme, leaders=leaders).lines[0].awarded == 0
    z = score_facts(facts["Z"], scheme, leaders=leaders)
    assert (z.lines[0].awarded, z.lines[0].reason.vi) == (0, "chưa có số liệu: 0 điểm")
    no_target = dict(
        facts["X"], T=Facts("T", "t", Status.ACHIEVED, rule, Quantity(150), None, None, True)
    )
    with pytest.raises(UsageError) as raised:  # exceeded without a target: does not fit
        score_facts(no_target, scheme, leaders=leaders)
    assert raised.value.code == "scoring.leader_mismatch"


def test_the_cluster_file_reads_leader_credit() -> None:
    """``credit = "leader"`` in a cluster's scheme table, and in a scheme file."""
    cluster = thidua.loads_cluster(
        """
id = "c"
name = "Cụm"
[[members]]
id = "P1"
name = "Phường 1"
[[members]]
id = "P2"
name = "Phường 2"
[scheme]
id = "s"
name = "s"
maximum = 10
[[scheme.items]]
indicator = "T"
points = 10
credit = "leader"
""",
        file="cum.toml",
    )
    assert cluster.scheme.items[0].credit is Credit.LEADER
    data = Dataset(
        [
            Observation("T", "2024", value=130, org_unit="P1"),
            Observation("T", "2024", value=110, org_unit="P2"),
        ]
    )
    ranking = rank_cluster(cluster, PLAN, data, "2024")
    assert [s.total for s in ranking.standings] == [10, Fraction(5) + Fraction(5) * 10 / 30]
    scheme = loads_scheme(
        'id = "s"\nname = "s"\nmaximum = 4\n[[items]]\nindicator = "V"\npoints = 4\n'
        'credit = "leader"\n'
    )
    assert Scorer.reads_of(scheme) == {0: "leader"}


@pytest.mark.parametrize(
    ("rule", "values", "fixed"),
    [("> 100", ("101", "100", "150"), ">="), ("< 5", ("5", "4", "0"), "<=")],
)
def test_leader_credit_refuses_strict_rules(
    rule: str, values: tuple[str, str, str], fixed: str
) -> None:
    """``> 100``: a unit at exactly 100 did not achieve, yet ½ × P × a/t would give it ½ × P.

    The points of a unit at its target must not go to one that missed a strict
    target, and no share of that half can be told for it: leader credit on a
    strict rule is refused, in the cluster, in the first pass and alone.
    """
    plan = plan_of(Indicator("THU", "Chỉ tiêu", unit="case", rule=rule))
    scheme = Scheme("s", "Thang điểm", 10, items=[ScoreItem("THU", 10, credit="leader")])
    members = [Member(f"P{i}", f"Phường {i}") for i in range(1, 4)]
    data = Dataset(
        [
            Observation("THU", "2024", value=v, org_unit=f"P{i}")
            for i, v in enumerate(values, start=1)
        ]
    )
    with pytest.raises(PlanError) as raised:
        rank_cluster(Cluster("c", "Cụm", members, scheme), plan, data, "2024")
    error = raised.value
    assert (error.code, error.indicator) == ("scoring.leader_rule", "THU")
    assert f"strict rule ({rule})" in error.message("en")
    assert "so sánh chặt" in error.message("vi")
    assert f"with {fixed}" in error.message("en")
    assert f"với {fixed}" in error.message("vi")
    evaluation = thidua.evaluate(plan, Dataset([Observation("THU", "2024", value=values[1])]))
    with pytest.raises(PlanError, match="strict rule"):
        score(evaluation, scheme, leaders={"THU": Leader("THU")})
    facts = {"P2": dict(evaluation.results)}
    with pytest.raises(PlanError, match="strict rule"):
        cluster_leaders(scheme, facts)
    relaxed = plan_of(Indicator("THU", "Chỉ tiêu", unit="case", rule=f"{fixed} {rule[2:]}"))
    ranking = rank_cluster(Cluster("c", "Cụm", members, scheme), relaxed, data, "2024")
    at_target = ranking.standing("P2" if fixed == ">=" else "P1")
    assert at_target.evaluation.results["THU"].status is Status.ACHIEVED
    assert at_target.total == 5  # reaching a non-strict target is the at-target half


def test_leader_credit_needs_a_comparison_with_a_direction() -> None:
    """A yes/no indicator has no leader: PlanError naming it, in the cluster and alone."""
    scheme = Scheme("s", "s", 10, items=[ScoreItem("B", 10, credit="leader")])
    with pytest.raises(PlanError) as raised:
        rank_cluster(Cluster("c", "Cụm", MEMBERS, scheme), PLAN, _data(), "2024")
    assert raised.value.code == "scoring.leader_rule"
    assert raised.value.indicator == "B"
    assert "is true" in raised.value.message("en")
    composite = Facts("K", "k", Status.ACHIEVED, None)
    other = Scheme("s", "s", 10, items=[ScoreItem("K", 10, credit="leader")])
    with pytest.raises(PlanError, match="composite"):
        cluster_leaders(other, {"X": {"K": composite}})
    with pytest.raises(PlanError) as missing:
        cluster_leaders(other, {"X": {}})
    assert missing.value.code == "scoring.unknown_indicator"
    with pytest.raises(thidua.ThiduaError):
        cluster_leaders("s", {})  # type: ignore[arg-type]
    assert cluster_leaders(Scheme("s", "s", 1, items=[ScoreItem("B", 1)]), {}) == {}


def test_a_member_left_out_is_named_on_every_line_scored_against_the_leader() -> None:
    """With errors="collect", the leader is found without the failed member, and says so."""
    rows = [o for o in _data() if not (o.org_unit == "P2" and o.indicator == "T")]
    rows.append(Observation("T", "2024", value=5000, org_unit="P2"))  # above the maximum
    ranking = rank_cluster(CLUSTER, PLAN, Dataset(rows), "2024", errors="collect")
    assert [n.member.id for n in ranking.not_ranked] == ["P2"]
    line = ranking.standing("P1").score.line("T")
    assert line.awarded == 10  # P1 leads among those evaluated
    assert line.reason.vi == ("đơn vị dẫn đầu: P1 (120): 10 điểm; chưa so với P2 (số liệu có lỗi)")
    assert line.reason.en.endswith("not compared with P2 (data could not be evaluated)")
    assert (
        ranking.standing("P4")
        .score.line("A")
        .reason.vi.endswith("; chưa so với P2 (số liệu có lỗi)")
    )


def test_the_scorer_refuses_a_leader_item_without_its_column() -> None:
    """score_many with a leader item but no leaders (or no column): the same UsageError."""
    scorer = Scorer(SCHEME, ["t", "v", "a"], [">= 100", "<= 10", ">= assigned"])
    statuses = [[Status.ACHIEVED]] * 3
    with pytest.raises(UsageError) as raised:
        scorer.score_many(statuses, [[False]] * 3, {}, [{}])
    assert raised.value.code == "scoring.leader_needs_cluster"
    leaders = {i.indicator: Leader(i.indicator) for i in SCHEME.items}
    with pytest.raises(UsageError):
        Scorer(SCHEME, ["t", "v", "a"], [None] * 3, leaders=leaders).score_many(
            statuses, [[False]] * 3, {}, [{}]
        )


def test_untargeted_edge_cases() -> None:
    """The best without a target at 0 (more is better) gives nothing; less is better works."""
    rule = parse_rule(">= assigned")
    less = parse_rule("<= assigned")

    def fact(value: int, how: object = rule) -> Facts:
        return Facts("A", "a", Status.NO_DATA, how, Quantity(value))  # type: ignore[arg-type]

    one = Scheme("s", "s", 10, items=[ScoreItem("A", 10, credit="leader")])
    zero = cluster_leaders(one, {"X": {"A": fact(0)}, "Y": {"A": fact(-2)}})
    assert zero["A"] == Leader("A", untargeted=0, untargeted_members=["X"])
    for member in (fact(0), fact(-2)):
        got = score_facts({"A": member}, one, leaders=zero).lines[0]
        assert got.awarded == 0
    assert (
        "không có kết quả dương"
        in score_facts({"A": fact(0)}, one, leaders=zero).lines[0].reason.vi
    )
    facts = {"X": {"A": fact(2, less)}, "Y": {"A": fact(8, less)}, "Z": {"A": fact(0, less)}}
    low = cluster_leaders(one, facts)
    assert low["A"] == Leader("A", untargeted=0, untargeted_members=["Z"])
    assert [score_facts(facts[m], one, leaders=low).lines[0].awarded for m in "XYZ"] == [0, 0, 10]
    best2 = Leader("A", untargeted=2, untargeted_members=["X"])
    got = score_facts(facts["Y"], one, leaders={"A": best2}).lines[0]
    assert (got.awarded, got.reason.vi.split(": ")[-1]) == (Fraction(5, 2), "10 × 2/8 = 2,5 điểm")
    with pytest.raises(UsageError):  # Z is better than the best given
        score_facts(facts["Z"], one, leaders={"A": best2})
    negative = Leader("A", untargeted=-1, untargeted_members=["Q"])
    assert score_facts({"A": fact(0, less)}, one, leaders={"A": negative}).lines[0].awarded == 0
    assert score_facts({"A": fact(2, less)}, one, leaders={"A": negative}).lines[0].awarded == 0


def test_below_target_without_a_ratio_and_less_is_better_excess() -> None:
    """Not achieved with no positive target: 0 points, said so; the less-is-better formula."""
    rule = parse_rule("<= 0")
    target = Target(rule, rule.op, Quantity(0))
    one = Scheme("s", "s", 10, items=[ScoreItem("A", 10, credit="leader")])
    missed = Facts("A", "a", Status.NOT_ACHIEVED, rule, Quantity(3), target)
    got = score_facts({"A": missed}, one, leaders={"A": Leader("A")}).lines[0]
    assert got.awarded == 0
    assert got.reason.en == "not achieved, no ratio to the target: 0 of 10 points"
    low = parse_rule("<= 10")
    ten = Target(low, low.op, Quantity(10))
    behind = Facts("A", "a", Status.ACHIEVED, low, Quantity(6), ten, None, True)
    got = score_facts({"A": behind}, one, leaders={"A": Leader("A", 2, ["P"])}).lines[0]
    assert got.awarded == 5 + Fraction(5) * 4 / 8
    assert got.reason.vi.startswith("½ × 10 + ½ × 10 × (10 − 6)/(10 − 2) = 7,5 điểm")
    negative = Facts("A", "a", Status.NOT_ACHIEVED, parse_rule(">= 10"), Quantity(-5), ten)
    assert score_facts({"A": negative}, one, leaders={"A": Leader("A")}).lines[0].awarded == 0


def test_leader_credit_beside_the_other_policies() -> None:
    """Proportional, banded and all-or-nothing items keep their points beside leader credit."""
    scheme = Scheme(
        "s",
        "s",
        40,
        items=[
            ScoreItem("T", 10, credit="proportional"),
            ScoreItem("V", 10, credit="leader"),
            ScoreItem("A", 10, credit="banded", bands=[Band(">= 50", 10), Band(">= 40", 4)]),
            ScoreItem("B", 10),
        ],
    )
    ranking = rank_cluster(Cluster("c", "Cụm", MEMBERS, scheme), PLAN, _data(), "2024")
    many = thidua.evaluate_many(PLAN, _data(), "2024", members=MEMBERS)
    leaders = cluster_leaders(scheme, {m.id: many[m.id].results for m in MEMBERS})
    assert list(leaders) == ["V"]
    p1 = ranking.standing("P1").score
    assert [line.awarded for line in p1.lines] == [10, Fraction(65, 8), 10, 10]
    for member in MEMBERS:
        assert ranking.standing(member.id).score == score_facts(
            many[member.id].results, scheme, leaders=leaders
        )
