"""Many units, classification, ranking a cluster, and the flag (issue 5)."""

from __future__ import annotations

import gc
import importlib.util
import json
from collections.abc import Iterator
from fractions import Fraction

import attrs
import pytest

import thidua
from thidua import Dataset, Indicator, Observation, OrgUnit, Status
from thidua.classification import (
    Cap,
    Classification,
    Grade,
    Rating,
    apply_quota,
    classify,
    classify_many,
    line_counts,
)
from thidua.cli import main
from thidua.clusters import Cluster, Member, evaluate_many, loads_cluster, rank_cluster
from thidua.clusters.many import evaluate_and_read
from thidua.clusters.standings import _scoring_of
from thidua.ranking import Entry, Placed, make_entries, rank
from thidua.scoring import (
    Adjustment,
    Credit,
    Scheme,
    Score,
    ScoreItem,
    ScoreLine,
    score,
    score_facts,
)

from .builders import plan_of as _plan

EXAMPLE = "cum-phuong-cao-lanh-2024"


@pytest.fixture(scope="module")
def example_ranking() -> thidua.ClusterRanking:
    """The shipped cluster of the eight wards of Cao Lãnh, ranked for 2024."""
    return rank_cluster(
        thidua.examples.cluster(EXAMPLE),
        thidua.examples.hoa_thuan_2024(),
        thidua.examples.cluster_data(EXAMPLE),
        "2024",
    )


def test_the_example_cluster_by_hand(example_ranking: thidua.ClusterRanking) -> None:
    """Totals, ranks and ratings computed by hand from the illustrative data.

    25 scored indicators × 4 points. P1, P2, P6 achieve all (100), P1 +1 bonus,
    P2 −1 deduction; P4 and MP miss 5 (80); HT and P3 miss 6 and have KT13 not
    applicable (its 4 points spread: 100/24 each) and KT03 in the 2-point band:
    17 × 100/24 + 100/24/2 = 875/12; P11 misses 10 (60).
    """
    got = [(s.rank, s.member.id, s.total) for s in example_ranking.standings]
    assert got == [
        (1, "P1", 101),
        (2, "P6", 100),
        (3, "P2", 99),
        (4, "P4", 80),
        (5, "MP", 80),
        (6, "HT", Fraction(875, 12)),
        (7, "P3", Fraction(875, 12)),
        (8, "P11", 60),
    ]
    ratings = {s.member.id: (s.classified.by_score, s.rating) for s in example_ranking.standings}
    assert ratings == {
        "P1": (Rating.HTXSNV, Rating.HTXSNV),
        "P6": (Rating.HTXSNV, Rating.HTTNV),  # the quota
        "P2": (Rating.HTXSNV, Rating.HTTNV),  # disciplined leader: at most HTTNV
        "P4": (Rating.HTTNV, Rating.HTTNV),
        "MP": (Rating.HTTNV, Rating.HTTNV),
        "HT": (Rating.HTTNV, Rating.HTTNV),
        "P3": (Rating.HTTNV, Rating.HTTNV),
        "P11": (Rating.HTNV, Rating.KHTNV),  # veto
    }
    assert example_ranking.quota.eligible == 7
    assert example_ranking.quota.allowed == 1  # ⌊20 % × 7⌋


def test_the_example_cluster_says_why(example_ranking: thidua.ClusterRanking) -> None:
    """Every move down and every tie-break is explained."""
    p6 = example_ranking.standing("P6")
    assert "vượt tỷ lệ HTXSNV" in p6.reasons[-1].vi
    assert "over the HTXSNV quota" in p6.reasons[-1].en
    assert "Người đứng đầu bị kỷ luật" in example_ranking.standing("Phường 2").reasons[0].vi
    assert "sự cố nghiêm trọng" in example_ranking.standing("P11").reasons[0].vi
    p4, mp = example_ranking.standing("P4"), example_ranking.standing("MP")
    assert p4.ranked.placed is mp.ranked.placed is Placed.BY_PREFERENCE
    assert "Nghị định 98/2023" in p4.ranked.explanation.vi
    ht = example_ranking.standing("HT")
    assert ht.ranked.placed is Placed.BY_ITEM
    assert "CK01" in ht.ranked.explanation.vi
    assert example_ranking.standing("P1").ranked.placed is Placed.BY_TOTAL


def test_the_example_flag(example_ranking: thidua.ClusterRanking) -> None:
    """Phường 1 leads alone, achieved all and exceeded 12 of 25 (48 % ≥ 30 %)."""
    candidate = example_ranking.flag_candidate
    assert candidate is not None
    assert candidate.member.id == "P1"
    assert candidate.classified.exceeded_share == Fraction(12, 25)
    assert "Phường 1" in example_ranking.flag.vi
    assert [s.flag_candidate for s in example_ranking.standings].count(True) == 1


def test_a_ranking_is_a_table(example_ranking: thidua.ClusterRanking) -> None:
    """JSON form, DataFrame and HTML."""
    doc = example_ranking.to_dict()
    assert doc["flag"]["candidate"] == "P1"
    assert doc["standings"][5]["total"] == "875/12"
    json.dumps(doc)
    frame = example_ranking.to_dataframe()
    assert list(frame["member"]) == ["P1", "P6", "P2", "P4", "MP", "HT", "P3", "P11"]
    assert str(frame["rating"].dtype) == "category"
    html = example_ranking._repr_html_()
    assert "Phường Hòa Thuận" in html
    assert repr(example_ranking).startswith("<ClusterRanking")


def test_no_flag_when_the_leader_missed_an_indicator() -> None:
    """Leading the cluster is not enough: the flag needs every indicator achieved."""
    plan = _plan(Indicator("A", "a", rule=">= 10"), Indicator("B", "b", rule=">= 10"))
    scheme = Scheme("s", "s", 100, items=[ScoreItem("A", 60), ScoreItem("B", 40)])
    cluster = Cluster("c", "Cụm", [Member("X", "Xã X"), Member("Y", "Xã Y")], scheme)
    data = Dataset(
        [
            Observation("A", "2024", value=12, org_unit="X"),
            Observation("B", "2024", value=9, org_unit="X"),
            Observation("A", "2024", value=5, org_unit="Y"),
            Observation("B", "2024", value=11, org_unit="Y"),
        ]
    )
    ranking = rank_cluster(cluster, plan, data, "2024")
    assert [s.member.id for s in ranking.standings] == ["X", "Y"]
    assert ranking.flag_candidate is None
    assert "chưa đạt tất cả chỉ tiêu" in ranking.flag.vi


def test_no_flag_when_tied_for_first() -> None:
    """Two leaders with equal everything: a kept tie, and no flag candidate."""
    plan = _plan(Indicator("A", "a", rule=">= 10"))
    scheme = Scheme("s", "s", 100, items=[ScoreItem("A", 100)])
    cluster = Cluster("c", "Cụm", [Member("X", "Xã X"), Member("Y", "Xã Y")], scheme)
    data = Dataset([Observation("A", "2024", value=20, org_unit=u) for u in ("X", "Y")])
    ranking = rank_cluster(cluster, plan, data, "2024")
    assert [s.rank for s in ranking.standings] == [1, 1]
    assert ranking.standing("X").ranked.placed is Placed.TIED
    assert ranking.flag_candidate is None
    assert "đồng hạng nhất" in ranking.flag.vi
    # both rated HTXSNV by score, the quota allows 0 of 2: a tie at the limit
    assert all(s.rating is Rating.HTTNV for s in ranking.standings)


# ---------------------------------------------------------------- evaluate_many


def test_evaluate_many_defaults_to_the_khom_of_the_plan() -> None:
    """Each khóm evaluated on its own; org-unit rules do not apply to a khóm."""
    plan = _plan(
        Indicator("R", "Tỷ lệ", unit="percent", rule=">= 90 %"),
        Indicator("V", "Khóm văn minh", rule="all org units"),
        org_units=2,
    )
    data = Dataset(
        [
            Observation("R", "2024", value="95%", org_unit="K1"),
            Observation("R", "2024", value="85%", org_unit="Khóm 2"),
        ]
    )
    many = evaluate_many(plan, data, "2024")
    assert list(many) == ["K1", "K2"]
    assert many.status("K1", "R") is Status.ACHIEVED
    assert many["Khóm 2"].results["R"].status is Status.NOT_ACHIEVED
    assert many.status("K1", "V") is Status.NOT_APPLICABLE
    assert many.counts()["K1"][Status.ACHIEVED] == 1
    assert len(many.rows()) == 4
    assert repr(many) == "<Evaluations 'p' 2024: 2 members>"
    assert "Khóm 2" in many._repr_html_()


def test_evaluate_many_takes_each_members_own_khom_and_targets() -> None:
    """Members bring their own org units and assigned targets; paths name the khóm."""
    plan = _plan(
        Indicator("T", "Thu", unit="VND", rule=">= assigned"),
        Indicator("V", "Khóm văn minh", rule="all org units"),
        org_units=3,  # the template's own khóm; each member below brings its own
    )
    members = [
        Member("P1", "Phường 1", org_units=[OrgUnit("K1", "Khóm 1"), OrgUnit("K2", "Khóm 2")]),
        Member("P2", "Phường 2", org_units=[OrgUnit("A", "Khóm A")]),
    ]
    data = Dataset(
        [
            Observation("T", "2024", value="3 tỷ đồng", org_unit="P1"),
            Observation("T", "2024", value="2,5 tỷ đồng", org_unit="P1", kind="assigned"),
            Observation("T", "2024", value="1 tỷ đồng", org_unit="Phường 2"),
            Observation("T", "2024", value="2 tỷ đồng", org_unit="P2", kind="assigned"),
            Observation("V", "2024", value=True, org_unit="P1/K1"),
            Observation("V", "2024", value=True, org_unit="P1 / Khóm 2"),
            Observation("V", "2024", value=False, org_unit="P2/A"),
            Observation("V", "2024", value=True, org_unit="P9/A"),
            Observation("V", "2024", value=True),
        ]
    )
    many = evaluate_many(plan, data, "2024", members=members)
    assert many.status("P1", "T") is Status.ACHIEVED
    assert many.status("P2", "T") is Status.NOT_ACHIEVED
    assert many.status("P1", "V") is Status.ACHIEVED
    assert many.status("P2", "V") is Status.NOT_ACHIEVED
    assert [u.reason for u in many.unmatched] == [
        "there is no member 'P9'",
        "no org unit: with many members, each row names its member",
    ]
    as_mapping = evaluate_many(
        plan,
        {"P1": Dataset([Observation("T", "2024", value=3, org_unit=None)])},
        "2024",
        members=members,
    )
    assert as_mapping.status("P1", "T") is Status.NO_DATA  # no assigned target given
    assert as_mapping.status("P2", "T") is Status.NO_DATA


def test_evaluate_many_equals_evaluate_member_by_member() -> None:
    """The evaluation of a member is that of the plan on its data alone."""
    plan = thidua.examples.hoa_thuan_2024()
    data = thidua.examples.cluster_data(EXAMPLE)
    many = evaluate_many(plan, data, "2024", members=thidua.examples.cluster(EXAMPLE).members)
    alone = thidua.evaluate(plan, thidua.examples.hoa_thuan_2024_data(), "2024")
    ht = many["HT"]
    assert {k: r.status for k, r in ht.results.items()} == {
        k: r.status for k, r in alone.results.items()
    }
    assert {k: r.actual for k, r in ht.results.items()} == {
        k: r.actual for k, r in alone.results.items()
    }


def test_the_batch_path_decides_the_example_cluster_without_full_evaluations() -> None:
    """Speed guard (issue 7): plain yearly data never falls back to the full evaluation.

    The statuses must also be those of the full evaluation, member by member, whether
    the data is one dataset naming the members or one dataset per member.
    """
    plan = thidua.examples.hoa_thuan_2024()
    data = thidua.examples.cluster_data(EXAMPLE)
    members = thidua.examples.cluster(EXAMPLE).members
    shared = evaluate_many(plan, data, "2024", members=members)
    assert shared._made == {}  # nothing was evaluated in full
    split = {m.id: shared._data[m.id]() for m in members}
    assert list(shared._data) == [m.id for m in members]
    assert len(shared._data) == len(members)
    with pytest.raises(KeyError):
        shared._data["nobody"]
    own = evaluate_many(plan, split, "2024", members=members)
    assert own._made == {}
    for member in members:
        full = {k: r.status for k, r in shared[member.id].results.items()}
        assert dict(shared.statuses(member.id)) == full == dict(own.statuses(member.id))
    assert shared.statuses("HT") == own.statuses(next(m.name for m in members if m.id == "HT"))
    assert repr(shared.statuses("HT")).startswith("{'")


def test_the_batch_path_reads_members_written_two_ways() -> None:
    """A member written by id and by name in one dataset is decided by the full path."""
    plan = _plan(Indicator("C", "Số vụ", unit="case", rule="== 0"))
    data = Dataset(
        [
            Observation("C", "2024", value=0, org_unit="X"),
            Observation("C", "2023", value=2, org_unit="Xã X"),
            Observation("C", "2024", value=1, org_unit="Y"),
        ]
    )
    many = evaluate_many(plan, data, "2024", members=[Member("X", "Xã X"), Member("Y", "Xã Y")])
    assert many.status("X", "C") is Status.ACHIEVED
    assert many.status("Y", "C") is Status.NOT_ACHIEVED
    assert set(many._made) == {"X"}  # the full path decided X only


def test_evaluate_many_errors_name_the_member() -> None:
    """A wrong figure of one member names the member, the indicator and the row."""
    plan = _plan(Indicator("C", "Số vụ", unit="case", rule="== 0"))
    data = Dataset([Observation("C", "2024", value=-1, org_unit="X")])
    with pytest.raises(thidua.DataError) as info:
        evaluate_many(plan, data, "2024", members=[Member("X", "Xã X")])
    assert info.value.member == "X"
    assert "member X" in str(info.value)
    with pytest.raises(thidua.ThiduaError, match="not a member"):
        evaluate_many(plan, {"Z": Dataset()}, "2024", members=[Member("X", "Xã X")])
    with pytest.raises(thidua.PlanError, match="share the id or name"):
        evaluate_many(plan, Dataset(), "2024", members=[Member("X", "a"), Member("Y", "A")])
    with pytest.raises(thidua.ThiduaError, match="must be a Dataset"):
        evaluate_many(plan, [1, 2], "2024")  # type: ignore[arg-type]
    with pytest.raises(thidua.ThiduaError, match="before the period"):
        evaluate_many(plan, Dataset(), "2024", as_of="2023-12-31")


def _one_bad_member() -> Dataset:
    """The example cluster's data, with P3's KT07 of 2023 made negative (row 9 of data.csv)."""
    observations = list(thidua.examples.cluster_data(EXAMPLE))
    index = next(
        i
        for i, o in enumerate(observations)
        if o.org_unit == "P3" and o.indicator == "KT07" and str(o.period) == "2023"
    )
    observations[index] = attrs.evolve(
        observations[index],
        value=thidua.Quantity(-3, "household"),
        source=thidua.Source(file="data.csv", line=9),
    )
    return Dataset(observations)


def test_one_bad_member_never_stops_a_batch() -> None:
    """errors="collect": the others are evaluated, the bad one keeps its located error."""
    plan, members = thidua.examples.hoa_thuan_2024(), thidua.examples.cluster(EXAMPLE).members
    data = _one_bad_member()
    with pytest.raises(thidua.DataError) as raised:
        evaluate_many(plan, data, "2024", members=members)
    many = evaluate_many(plan, data, "2024", members=members, errors="collect")
    assert list(many.errors) == ["P3"]
    error = many.errors["P3"]
    assert (error.code, error.member, error.file, error.line) == (
        "data.negative_count",
        "P3",
        "data.csv",
        9,
    )
    assert (error.indicator, error.period) == ("KT07", "2023")
    assert error.message("vi") == raised.value.message("vi")
    assert "data.csv:9: đơn vị P3, chỉ tiêu KT07, kỳ 2023: số đếm không được âm (-3 hộ)" in (
        error.message("vi")
    )
    good = evaluate_many(plan, thidua.examples.cluster_data(EXAMPLE), "2024", members=members)
    others = [m.id for m in members if m.id != "P3"]
    assert list(many) == others
    assert len(many) == len(others)
    assert [m.id for m in many.evaluated] == others
    assert len(many.members) == len(members)
    for member in others:
        assert dict(many.statuses(member)) == dict(good.statuses(member))
    # a failed member: not in the mapping, and every lookup raises its error again
    assert "P3" not in many
    assert "Phường 3" not in many
    assert many.get("P3") is None
    assert "P3" not in many.by_status
    assert "P3" not in many.counts()
    assert {r["member"] for r in many.rows()} == set(others)
    for lookup in (
        lambda: many["P3"],
        lambda: many["Phường 3"],
        lambda: many.statuses("P3"),
        lambda: many.status("P3", "KT07"),
    ):
        with pytest.raises(thidua.DataError) as again:
            lookup()
        assert again.value.code == "data.negative_count"
        assert again.value.member == "P3"
    assert repr(many) == "<Evaluations 'hoa-thuan-2024' 2024: 8 members, 1 not evaluated (P3)>"
    shown = many._repr_html_()
    assert "Lỗi số liệu" in shown
    assert "số đếm không được âm (-3 hộ)" in shown
    if importlib.util.find_spec("pandas") is not None:
        assert set(many.to_dataframe()["member"]) == set(others)


def test_collect_changes_nothing_on_good_data() -> None:
    """On data without errors, collect gives what raise gives."""
    plan, members = thidua.examples.hoa_thuan_2024(), thidua.examples.cluster(EXAMPLE).members
    data = thidua.examples.cluster_data(EXAMPLE)
    raised = evaluate_many(plan, data, "2024", members=members)
    collected = evaluate_many(plan, data, "2024", members=members, errors="collect")
    assert not collected.errors
    assert collected.rows() == raised.rows()
    assert collected.counts() == raised.counts()
    assert repr(collected) == repr(raised)
    cluster = thidua.examples.cluster(EXAMPLE)
    assert (
        rank_cluster(cluster, plan, data, "2024", errors="collect").to_dict()
        == rank_cluster(cluster, plan, data, "2024").to_dict()
    )


def test_a_member_written_two_ways_with_a_duplicate_is_collected() -> None:
    """Rows of P1 and of Phường 1 for the same figure: P1's error, the others evaluated."""
    plan = _plan(Indicator("C", "Số vụ", unit="case", rule="== 0"))
    data = Dataset(
        [
            Observation("C", "2024", value=0, org_unit="X"),
            Observation("C", "2024", value=1, org_unit="Xã X"),
            Observation("C", "2024", value=0, org_unit="Y"),
        ]
    )
    members = [Member("X", "Xã X"), Member("Y", "Xã Y")]
    many = evaluate_many(plan, data, "2024", members=members, errors="collect")
    assert list(many.errors) == ["X"]
    assert many.errors["X"].member == "X"
    assert isinstance(many.errors["X"], thidua.DataError)  # the same figure twice
    assert many.status("Y", "C") is Status.ACHIEVED


@pytest.mark.parametrize("errors", ["ignore", "RAISE", None, 1, ["collect"]])
def test_errors_takes_raise_or_collect_only(errors: object) -> None:
    """Any other value of errors= is a UsageError, for evaluate_many and rank_cluster."""
    plan = thidua.examples.hoa_thuan_2024()
    with pytest.raises(thidua.UsageError) as info:
        evaluate_many(plan, Dataset(), "2024", errors=errors)  # type: ignore[arg-type]
    assert info.value.code == "usage.errors"
    assert "'raise' hoặc 'collect'" in info.value.message("vi")
    with pytest.raises(thidua.UsageError):
        rank_cluster(thidua.examples.cluster(EXAMPLE), plan, Dataset(), "2024", errors=errors)  # type: ignore[arg-type]


def test_rank_cluster_lists_members_not_ranked_with_the_reason() -> None:
    """The others are ranked among themselves; the bad member is not ranked, never last."""
    plan, cluster = thidua.examples.hoa_thuan_2024(), thidua.examples.cluster(EXAMPLE)
    data = _one_bad_member()
    with pytest.raises(thidua.DataError):
        rank_cluster(cluster, plan, data, "2024")
    ranking = rank_cluster(cluster, plan, data, "2024", errors="collect")
    assert [n.member.id for n in ranking.not_ranked] == ["P3"]
    left_out = ranking.not_ranked[0]
    assert left_out.error.code == "data.negative_count"
    assert "số đếm không được âm" in left_out.reason.vi
    assert "a count cannot be negative" in left_out.reason.en
    assert [s.member.id for s in ranking.standings] == ["P1", "P6", "P2", "P4", "MP", "HT", "P11"]
    assert [s.rank for s in ranking.standings] == [1, 2, 3, 4, 5, 6, 7]
    assert ranking.quota.eligible == 6  # the members ranked
    assert ranking.flag_candidate is None  # the leader cannot be told while P3 is left out
    assert "chưa được xếp hạng" in ranking.flag.vi
    assert "P3" in ranking.flag.en
    assert repr(ranking) == (
        "<ClusterRanking 'cum-phuong-cao-lanh-2024' 2024: 7 members, 1 not ranked>"
    )
    with pytest.raises(thidua.DataError) as info:
        ranking.standing("P3")
    assert info.value.member == "P3"
    with pytest.raises(thidua.NotFoundError) as missing:
        ranking.standing("P99")
    assert missing.value.code == "member.not_found"
    doc = ranking.to_dict()
    assert [s["member"] for s in doc["standings"]] == ["P1", "P6", "P2", "P4", "MP", "HT", "P11"]
    assert doc["not_ranked"][0]["member"] == "P3"
    assert doc["not_ranked"][0]["error"]["code"] == "data.negative_count"
    assert doc["not_ranked"][0]["error"]["line"] == 9
    assert "số đếm không được âm" in doc["not_ranked"][0]["reason"]["vi"]
    v1 = json.loads(thidua.formats.render_ranking(ranking, "json"))
    assert v1 == thidua.formats.ranking_to_dict(ranking)
    assert v1["schema"] == "thidua/ranking/v1"
    assert [s["member"] for s in v1["standings"]] == [s["member"] for s in doc["standings"]]
    assert [s["total"]["exact"] for s in v1["standings"]] == [s["total"] for s in doc["standings"]]
    assert v1["not_ranked"] == doc["not_ranked"]
    with pytest.warns(DeprecationWarning, match="json_version=0"):
        legacy = thidua.formats.render_ranking(ranking, "json", json_version=0)
    assert json.loads(legacy) == doc
    table = thidua.formats.render_ranking(ranking)
    assert "Không xếp hạng (số liệu có lỗi):" in table
    assert "  - P3 Phường 3: data.csv:9: đơn vị P3" in table
    assert "Not ranked (data with errors):" in thidua.formats.render_ranking(ranking, language="en")
    shown = ranking._repr_html_()
    assert "Phường 3" in shown
    assert "số đếm không được âm" in shown
    if importlib.util.find_spec("pandas") is not None:
        assert "P3" not in set(ranking.to_dataframe()["member"])


def test_rank_cluster_when_no_member_can_be_ranked() -> None:
    """Every member fails: nobody ranked, each listed with its reason."""
    plan = thidua.examples.hoa_thuan_2024()
    cluster = thidua.examples.cluster(EXAMPLE)
    data = Dataset(Observation("KT07", "2024", value=-1, org_unit=m.id) for m in cluster.members)
    ranking = rank_cluster(cluster, plan, data, "2024", errors="collect")
    assert ranking.standings == ()
    assert [n.member.id for n in ranking.not_ranked] == [m.id for m in cluster.members]
    assert ranking.flag_candidate is None
    assert "Không xếp hạng" in thidua.formats.render_ranking(ranking)


def test_rank_cluster_refuses_a_scheme_the_plan_cannot_score() -> None:
    """A scheme scoring an indicator the plan lacks stops the ranking, collect or not."""
    cluster = thidua.examples.cluster(EXAMPLE)
    plan = _plan(Indicator("C", "Số vụ", unit="case", rule="== 0"))
    for errors in ("raise", "collect"):
        with pytest.raises(thidua.PlanError) as info:
            rank_cluster(cluster, plan, Dataset(), "2024", errors=errors)  # type: ignore[arg-type]
        assert info.value.code == "scheme.unknown_indicator"
        assert "kế hoạch không có chỉ tiêu này" in info.value.message("vi")


def test_lookups_by_id_raise_not_found() -> None:
    """Unknown members and indicators: NotFoundError (a KeyError) with the known ids."""
    plan, members = thidua.examples.hoa_thuan_2024(), thidua.examples.cluster(EXAMPLE).members
    many = evaluate_many(plan, thidua.examples.cluster_data(EXAMPLE), "2024", members=members)
    with pytest.raises(KeyError):
        many["P99"]
    with pytest.raises(thidua.NotFoundError) as info:
        many.statuses("P99")
    assert info.value.code == "member.not_found"
    assert "không có đơn vị 'P99'" in info.value.message("vi")
    with pytest.raises(thidua.NotFoundError) as info:
        many.status("P1", "ZZ")
    assert info.value.code == "indicator.not_found"
    with pytest.raises(thidua.NotFoundError):
        many.statuses("P1")["ZZ"]
    with pytest.raises(thidua.NotFoundError) as info:
        many["P1"].results["ZZ"]
    assert info.value.code == "indicator.not_found"
    assert "P99" not in many
    assert 3 not in many  # type: ignore[comparison-overlap]


def test_evaluate_many_refuses_wrong_argument_types() -> None:
    """ArgumentTypeError (a TypeError) naming the argument."""
    plan = thidua.examples.hoa_thuan_2024()
    for call in (
        lambda: evaluate_many("plan", Dataset()),  # type: ignore[arg-type]
        lambda: evaluate_many(plan, Dataset(), members=3),  # type: ignore[arg-type]
        lambda: evaluate_many(plan, Dataset(), members=["P1"]),  # type: ignore[list-item]
        lambda: evaluate_many(plan, {"P1": [1]}, members=[Member("P1", "x")]),  # type: ignore[dict-item]
        lambda: rank_cluster("cluster", plan, Dataset()),  # type: ignore[arg-type]
    ):
        with pytest.raises(thidua.ArgumentTypeError) as info:
            call()
        assert isinstance(info.value, TypeError)
        assert info.value.code == "argument.type"
        assert "tham số" in info.value.message("vi")


def test_evaluations_to_dataframe() -> None:
    """One row per member and indicator, member columns first."""
    pytest.importorskip("pandas")
    many = evaluate_many(
        thidua.examples.hoa_thuan_2024(),
        thidua.examples.cluster_data(EXAMPLE),
        "2024",
        members=thidua.examples.cluster(EXAMPLE).members,
    )
    frame = many.to_dataframe()
    assert list(frame.columns[:2]) == ["member", "member_name"]
    assert set(frame["member"]) == {"P1", "P2", "P3", "P4", "P6", "P11", "HT", "MP"}


# ---------------------------------------------------------------- classification


def _score(
    total_points: dict[str, tuple[Status, int]],
    *,
    exceeded: frozenset[str] | set[str] = frozenset(),
) -> object:
    """A score with the given status and points per indicator (via a small plan)."""
    indicators = [Indicator(i, i, rule=">= 10") for i in total_points]
    plan = _plan(*indicators)
    values = {
        Status.ACHIEVED: 10,
        Status.NOT_ACHIEVED: 5,
    }
    data = Dataset(
        [
            Observation(i, "2024", value=(11 if i in exceeded else values[s]))
            for i, (s, _) in total_points.items()
            if s in values
        ]
    )
    scheme = Scheme(
        "s",
        "s",
        sum(p for _, p in total_points.values()),
        items=[ScoreItem(i, p) for i, (_, p) in total_points.items()],
    )
    return score(thidua.evaluate(plan, data, "2024"), scheme)


def test_classification_bands_and_conditions() -> None:
    """≥ 90 needs all achieved and 30 % exceeded; otherwise the next band that fits."""
    rules = Classification()
    all_exceeded = _score({"A": (Status.ACHIEVED, 50), "B": (Status.ACHIEVED, 50)}, exceeded={"A"})
    assert classify(all_exceeded, rules).rating is Rating.HTXSNV  # type: ignore[arg-type]
    few_exceeded = _score(
        {f"I{i}": (Status.ACHIEVED, 10) for i in range(10)}, exceeded={"I0", "I1"}
    )
    result = classify(few_exceeded, rules)  # type: ignore[arg-type]
    assert (result.by_score, result.rating) == (Rating.HTXSNV, Rating.HTTNV)
    assert "vượt ít nhất 30%" in result.reasons[0].vi
    assert result.exceeded_share == Fraction(1, 5)
    missed = _score({"A": (Status.ACHIEVED, 95), "B": (Status.NOT_ACHIEVED, 5)}, exceeded={"A"})
    result = classify(missed, rules)  # type: ignore[arg-type]
    assert (result.by_score, result.rating) == (Rating.HTXSNV, Rating.HTTNV)
    assert "chưa đạt: B" in result.reasons[0].vi
    for points, rating in ((70, Rating.HTTNV), (69, Rating.HTNV), (50, Rating.HTNV),
                           (49, Rating.KHTNV)):  # fmt: skip
        s = _score({"A": (Status.ACHIEVED, points), "B": (Status.NOT_ACHIEVED, 100 - points)})
        assert classify(s, rules).rating is rating, points  # type: ignore[arg-type]


def test_caps_and_vetoes() -> None:
    """A veto forces KHTNV; a cap lowers to at most its rating, never raises."""
    rules = Classification(
        caps=[Cap("su-co", "Sự cố nghiêm trọng"), Cap("ky-luat", "Lãnh đạo bị kỷ luật", "HTTNV")]
    )
    s = _score({"A": (Status.ACHIEVED, 100)}, exceeded={"A"})
    assert classify(s, rules).rating is Rating.HTXSNV  # type: ignore[arg-type]
    assert classify(s, rules, events={"ky-luat": 1}).rating is Rating.HTTNV  # type: ignore[arg-type]
    assert classify(s, rules, events={"su-co": 1}).rating is Rating.KHTNV  # type: ignore[arg-type]
    low = _score({"A": (Status.ACHIEVED, 60), "B": (Status.NOT_ACHIEVED, 40)})
    assert classify(low, rules, events={"ky-luat": 1}).reasons == ()  # type: ignore[arg-type]
    with pytest.raises(thidua.ThiduaError, match="whole number"):
        classify(s, rules, events={"su-co": -1})  # type: ignore[arg-type]


def test_requires_names_indicators_that_must_be_achieved() -> None:
    """A grade may require named indicators."""
    rules = Classification(
        grades=[Grade("HTXSNV", 90), Grade("HTTNV", 70, requires=["B"]), Grade("HTNV", 50)]
    )
    s = _score({"A": (Status.ACHIEVED, 80), "B": (Status.NOT_ACHIEVED, 20)})
    result = classify(s, rules)  # type: ignore[arg-type]
    assert result.rating is Rating.HTNV
    assert "cần đạt chỉ tiêu B" in result.reasons[0].vi


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"grades": [Grade("HTTNV", 70), Grade("HTXSNV", 90)]}, "from the best rating"),
        ({"grades": [Grade("HTXSNV", 60), Grade("HTTNV", 70)]}, "fewer points"),
        ({"caps": [Cap("a", "x"), Cap("a", "y")]}, "caps the rating twice"),
        ({"quota": "120%"}, "between 0 and 1"),
        ({"grades": [{"rating": "XUAT SAC", "minimum": 90}]}, "not a rating"),
    ],
)
def test_bad_classifications(fields: dict[str, object], message: str) -> None:
    """Invalid classifications are refused with the reason."""
    with pytest.raises(thidua.ThiduaError, match=message):
        Classification(**fields)  # type: ignore[arg-type]


def test_rating_names() -> None:
    """Ratings read from codes or Vietnamese names, in any case."""
    assert Rating.parse("hoàn thành xuất sắc nhiệm vụ") is Rating.HTXSNV
    assert Rating.parse(" khtnv ") is Rating.KHTNV
    assert Rating.HTNV.vi == "Hoàn thành nhiệm vụ"
    assert Rating.HTTNV.en == "Completed tasks well"
    assert Rating.HTNV.at_least(Rating.KHTNV)
    assert not Rating.HTNV.at_least(Rating.HTTNV)


def test_quota_by_rank_with_reasons_and_ties() -> None:
    """The quota keeps the best ranked; a tie across the limit moves both down."""
    ratings = dict.fromkeys("ABCDEFGHIJ", Rating.HTTNV)
    ratings.update(A=Rating.HTXSNV, B=Rating.HTXSNV, C=Rating.HTXSNV)
    ranks = {m: i for i, m in enumerate("ABCDEFGHIJ", start=1)}
    outcome = apply_quota(ratings, ranks, Fraction(1, 5))
    assert (outcome.eligible, outcome.allowed) == (10, 2)
    assert [m for m, r in outcome.ratings.items() if r is Rating.HTXSNV] == ["A", "B"]
    assert "xếp hạng 3" in outcome.reasons["C"].vi
    tied = dict(ranks, B=2, C=2)
    outcome = apply_quota(ratings, tied, Fraction(1, 5))
    assert [m for m, r in outcome.ratings.items() if r is Rating.HTXSNV] == ["A"]
    assert "đồng hạng 2" in outcome.reasons["B"].vi
    assert apply_quota(ratings, ranks, None).ratings == ratings
    with pytest.raises(thidua.ThiduaError, match="no rank"):
        apply_quota(ratings, {}, Fraction(1, 5))


# ---------------------------------------------------------------- ranking


def test_standard_competition_ranking() -> None:
    """1, 2, 2, 4 — and the same whatever the input order."""
    entries = [Entry("A", 90), Entry("B", 95), Entry("C", 90), Entry("D", 80)]
    ranked = rank(entries)
    assert [(r.member, r.rank) for r in ranked] == [("B", 1), ("A", 2), ("C", 2), ("D", 4)]
    assert ranked[1].tied_with == ("C",)
    assert rank(reversed(entries)) == ranked


def test_tie_breakers_in_order() -> None:
    """Items in declared order first, then the Decree 98 preference, else a kept tie."""
    ranked = rank(
        [
            Entry("A", 10, (5, 5)),
            Entry("B", 10, (6, 4)),
            Entry("C", 10, (5, 5), women_share="70%"),
            Entry("D", 10, (5, 5), women_share=Fraction(1, 2)),
        ],
        items=["KT01", "KT02"],
    )
    assert [(r.member, r.rank, r.placed) for r in ranked] == [
        ("B", 1, Placed.BY_ITEM),
        ("C", 2, Placed.BY_PREFERENCE),
        ("A", 3, Placed.BY_PREFERENCE),
        ("D", 3, Placed.BY_PREFERENCE),
    ]
    assert "theo điểm chỉ tiêu KT01" in ranked[0].explanation.vi
    assert "vẫn đồng hạng với D" in ranked[2].explanation.vi
    assert "still tied with A" in ranked[3].explanation.en


def test_ranking_errors() -> None:
    """A member twice, or points of different items, are refused."""
    with pytest.raises(thidua.ThiduaError, match="ranked twice"):
        rank([Entry("A", 1), Entry("A", 2)])
    with pytest.raises(thidua.ThiduaError, match="same items"):
        rank([Entry("A", 1, (1,)), Entry("B", 2)])
    with pytest.raises(thidua.ThiduaError, match="between 0 and 1"):
        Entry("A", 1, women_share=2)


# ---------------------------------------------------------------- the cluster file


def test_cluster_file_with_a_scheme_beside_it(tmp_path: object) -> None:
    """The scheme may be a file next to the cluster's."""
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "scheme.toml").write_text(
        'id = "s"\nname = "s"\nmaximum = 10\n[[items]]\nindicator = "A"\npoints = 10\n',
        encoding="utf-8",
    )
    (folder / "cluster.toml").write_text(
        'id = "c"\nname = "Cụm"\nscheme = "scheme.toml"\n'
        '[[members]]\nid = "X"\nname = "Xã X"\nwomen_share = 0.8\n',
        encoding="utf-8",
    )
    cluster = thidua.load_cluster(folder / "cluster.toml")
    assert cluster.scheme.maximum == 10
    assert cluster.members[0].women_share == Fraction(4, 5)
    assert cluster.classification == Classification()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id = ", "not valid TOML"),
        (
            'id = "c"\nname = "c"\nmembers = []\nwho = 1\nscheme = {}',
            "cum.toml:4: at who: unknown key 'who'",
        ),
        (
            'id = "c"\nname = "c"\nmembers = []\n'
            'scheme = {id = "s", name = "s", maximum = 1, items = [{indicator = "A", points = 1}]}',
            "has no members",
        ),
        (
            'id = "c"\nname = "c"\nmembers = [{id = "X", name = "x", events = {la = 1}}]\n'
            'scheme = {id = "s", name = "s", maximum = 1, items = [{indicator = "A", points = 1}]}',
            "neither the scheme nor the classification knows",
        ),
        (
            'id = "c"\nname = "c"\nmembers = [{id = "X Y", name = "x"}]\n'
            'scheme = {id = "s", name = "s", maximum = 1, items = [{indicator = "A", points = 1}]}',
            "without spaces",
        ),
        (
            'id = "c"\nname = "c"\nmembers = [{id = "X"}]\nscheme = 3',
            r"cum.toml:3: member X, at members\[0\].name: the required key 'name' is missing",
        ),
    ],
)
def test_bad_cluster_files(text: str, message: str) -> None:
    """Bad cluster files name the file and say what is wrong."""
    with pytest.raises(thidua.PlanError, match=message) as info:
        loads_cluster(text, file="cum.toml")
    assert info.value.file == "cum.toml"


def test_member_events_and_lookup() -> None:
    """Events are counts; members are found by id or name."""
    scheme = Scheme("s", "s", 1, items=[ScoreItem("A", 1)], adjustments=[Adjustment("b", "b", 1)])
    cluster = Cluster("c", "c", [Member("X", "Xã Ẩn", events={"b": 2})], scheme)
    assert cluster.member("xã ẩn").event_counts == {"b": 2}
    with pytest.raises(thidua.ThiduaError, match="no member"):
        cluster.member("Y")
    with pytest.raises(thidua.PlanError, match="whole number"):
        Member("X", "x", events={"b": -1})


# ---------------------------------------------------------------- command line


def test_cli_rank_and_score(capsys: pytest.CaptureFixture[str]) -> None:
    """`thidua rank` and `thidua score`, table and JSON."""
    assert main(["rank", "--example", EXAMPLE]) == 0
    out = capsys.readouterr().out
    assert "Phường 1 ★" in out
    assert "Tỷ lệ HTXSNV: tối đa 1 trên 7" in out
    assert main(["rank", "--example", "hoa-thuan-2024", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [s["member"] for s in doc["standings"]][:2] == ["P1", "P6"]
    assert main(["score", "--example", "hoa-thuan-2024", "--event", "sang-kien=2"]) == 0
    out = capsys.readouterr().out
    assert "điểm thưởng: 2" in out
    assert "Xếp loại: HTTNV" in out
    assert main(["score", "--example", "hoa-thuan-2024", "--format", "json", "--language",
                 "en"]) == 0  # fmt: skip
    doc = json.loads(capsys.readouterr().out)
    assert doc["total"]["exact"] == "875/12"
    assert doc["total"]["text"] == "≈72.9167"
    assert doc["schema"] == "thidua/score/v1"
    assert doc["rating"]["value"] == "HTTNV"
    assert doc["lines"][0]["indicator"] == "CK01"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["rank"], "give a cluster file"),
        (["rank", "--example", EXAMPLE, "--plan", "x.toml"], "not both"),
        (["score", "--example", "hoa-thuan-2024", "--event", "la=1"], "neither adjustments"),
        (["score", "--example", "hoa-thuan-2024", "--event", "sang-kien=x"], "ID=N"),
        (["score", "--example", "hoa-thuan-2024", "--scheme", "s.toml"], "not both"),
        (["score", "plan.toml", "--data", "d.csv"], "--scheme"),
    ],
)
def test_cli_rank_and_score_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad command lines exit 2 with one line naming the problem."""
    assert main([*argv, "--language", "en"]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1


def test_scores_from_the_batch_facts_are_the_scores_of_full_evaluations() -> None:
    """rank_cluster scores from the batch's facts; each score is that of the full evaluation."""
    plan = thidua.examples.hoa_thuan_2024()
    cluster = thidua.examples.cluster("cum-phuong-cao-lanh-2024")
    data = thidua.examples.cluster_data("cum-phuong-cao-lanh-2024")
    ranking = rank_cluster(cluster, plan, data, "2024")
    ids = {i.id for i in cluster.scheme.adjustments}
    for standing in ranking.standings:
        events = {k: n for k, n in standing.member.event_counts.items() if k in ids}
        full = thidua.scoring.score(standing.evaluation, cluster.scheme, events=events)
        assert standing.score == full


def test_a_base_year_rule_is_scored_against_the_base_year_figure() -> None:
    """Proportional credit of a ``year 2020`` rule reads the attainment against 2020's figure.

    Not the previous year's (found by the property test of rank_cluster).
    """
    plan = _plan(
        Indicator("A", "a", unit="percent", rule=">= year 2020 + 0 %"),
        Indicator("B", "b", unit="percent", rule=">= 90 %"),
    )
    scheme = Scheme(
        "s",
        "s",
        20,
        items=[ScoreItem("A", 10, credit="proportional"), ScoreItem("B", 10)],
    )
    cluster = Cluster("c", "Cụm", [Member("M1", "Xã 1"), Member("M2", "Xã 2")], scheme)
    data = {
        "M1": Dataset(
            [
                Observation("A", "2024", value="40 %"),
                Observation("A", "2023", value="10 %"),
                Observation("A", "2020", value="50 %"),
                Observation("B", "2024", value="95 %"),
            ]
        ),
        "M2": Dataset(
            [
                Observation("A", "2024", value="60 %"),
                Observation("A", "2023", value="0 %"),
                Observation("A", "2020", value="50 %"),
                Observation("B", "2024", value="80 %"),
            ]
        ),
    }
    ranking = rank_cluster(cluster, plan, data, "2024")
    totals = {s.member.id: s.total for s in ranking.standings}
    assert totals == {"M1": 18, "M2": 10}
    for standing in ranking.standings:
        full = score(thidua.evaluate(plan, data[standing.member.id], "2024"), scheme)
        assert standing.score == full
        assert [line.reason for line in standing.score.lines] == [
            line.reason for line in full.lines
        ]
        assert standing.score.lines[0].exceeded is (standing.member.id == "M2")


def test_rank_orders_totals_of_the_same_float_exactly() -> None:
    """Totals a float cannot tell apart are ranked exactly; equal points tie, whatever object."""
    tiny = Fraction(1, 10**30)
    assert float(1 + tiny) == float(1 + 2 * tiny) == 1.0
    four, other_four = Fraction(4), Fraction(8, 2)
    ranked = rank(
        [
            Entry("A", 1, [four, Fraction(1, 3)]),
            Entry("B", 1 + tiny, [four, 1]),
            Entry("C", 1 + 2 * tiny, [four, 1]),
            Entry("D", 1, [other_four, Fraction(1, 3)]),
            Entry("E", 1, [four, Fraction(1, 3) + tiny]),
            Entry("F", 1 + tiny, [Fraction(0), 1]),
        ]
    )
    assert [(r.member, r.rank, r.placed) for r in ranked] == [
        ("C", 1, Placed.BY_TOTAL),
        ("B", 2, Placed.BY_ITEM),
        ("F", 3, Placed.BY_ITEM),
        ("E", 4, Placed.BY_ITEM),
        ("A", 5, Placed.BY_ITEM),
        ("D", 5, Placed.BY_ITEM),
    ]
    assert ranked[4].tied_with == ("D",)


def test_a_range_is_exceeded_only_past_its_other_bound_in_rank_cluster() -> None:
    """The batch's exceeded flags of a range are the full path's: past its other bound only."""
    plan = _plan(
        Indicator("A", "a", unit="household", rule=">= 8 .. 10 household"),
        Indicator("B", "b", unit="percent", rule=">= 90 %"),
    )
    scheme = Scheme("s", "s", 20, items=[ScoreItem("A", 10), ScoreItem("B", 10)])
    cluster = Cluster("c", "Cụm", [Member("M1", "Xã 1"), Member("M2", "Xã 2")], scheme)
    data = {
        "M1": Dataset(
            [Observation("A", "2024", value="9 household"), Observation("B", "2024", value="95 %")]
        ),
        "M2": Dataset(
            [Observation("A", "2024", value="12 household"), Observation("B", "2024", value="80 %")]
        ),
    }
    ranking = rank_cluster(cluster, plan, data, "2024")
    flags = {s.member.id: [line.exceeded for line in s.score.lines] for s in ranking.standings}
    assert flags == {"M1": [False, True], "M2": [True, False]}
    for standing in ranking.standings:
        full = score(thidua.evaluate(plan, data[standing.member.id], "2024"), scheme)
        assert standing.score == full
        assert standing.classified.exceeded_share == Fraction(1, 2)


def test_classify_many_is_classify_of_each() -> None:
    """classify_many gives each score classify's rating, reasons and shares, or its error."""

    def line(indicator: str, status: Status, exceeded: bool) -> ScoreLine:
        reason = thidua.Explanation("x", "x")
        return ScoreLine(
            indicator, indicator, status, None, Credit.ALL_OR_NOTHING, 10, 0, reason, exceeded
        )

    rules = Classification(
        grades=[
            Grade(Rating.HTXSNV, 90, all_achieved=True, exceeded_share=Fraction(1, 2)),
            Grade(Rating.HTTNV, 70, requires=["C"]),
            Grade(Rating.HTNV, 50),
        ],
        caps=[Cap("su-co", "Sự cố"), Cap("ky-luat", "Kỷ luật", "HTTNV")],
    )
    statuses = [Status.ACHIEVED, Status.NOT_ACHIEVED, Status.NOT_APPLICABLE, Status.NO_DATA]
    scores, events = [], []
    for n in range(64):
        lines = tuple(
            line(indicator, statuses[(n >> (2 * k)) % 4], bool((n >> k) & 1))
            for k, indicator in enumerate("ABC")
        )
        earned = Fraction(40 + 17 * (n % 4), 1 + n % 3)
        scores.append(Score("s", lines, Fraction(100), earned, Fraction(n % 2), Fraction(0)))
        events.append([None, {}, {"ky-luat": 1}, {"su-co": 2}, {"su-co": -1}][n % 5])
    got = classify_many(scores, rules, events)
    for s, given, made in zip(scores, events, got, strict=True):
        try:
            expected: object = classify(s, rules, events=given)
        except thidua.ThiduaError as exc:
            expected = exc.code
        assert (made.code if isinstance(made, thidua.ThiduaError) else made) == expected
    # the lines' counts from the scores' columns (a not-applicable line's flag not counted)
    columns = [[s.lines[k].status for s in scores] for k in range(3)]
    flags = [[s.lines[k].exceeded for s in scores] for k in range(3)]
    counts = line_counts(columns, flags, len(scores))
    assert len(counts) == len(scores)
    for s, (applicable, achieved, over) in zip(scores, counts, strict=True):
        lines = [x for x in s.lines if x.status is not Status.NOT_APPLICABLE]
        assert applicable == len(lines)
        assert achieved == sum(x.status is Status.ACHIEVED for x in lines)
        assert over == sum(x.exceeded for x in lines)

    def shown(made: list[object]) -> list[object]:
        return [m.code if isinstance(m, thidua.ThiduaError) else m for m in made]

    some = [c if n % 3 else None for n, c in enumerate(counts)]  # the others counted from lines
    assert shown(classify_many(scores, rules, events, counts=some)) == shown(got)  # type: ignore[arg-type]
    assert shown(classify_many(scores, rules, events, counts=counts)) == shown(got)  # type: ignore[arg-type]
    assert line_counts([], [], 2) == [(0, 0, 0), (0, 0, 0)]  # a scheme without items


def test_a_scheme_without_items_ranks_every_member_at_zero() -> None:
    """A scheme scoring nothing gives every member 0 points, one rank, a rating by 0.

    (Found in review: counting the lines of no columns gave no counts at all.)
    """
    plan = _plan(Indicator("A", "a", unit="person", rule=">= 10"))
    members = [Member("M1", "Xã 1"), Member("M2", "Xã 2")]
    cluster = Cluster(
        "c",
        "Cụm",
        members,
        Scheme("s", "s", 0, items=[]),
        Classification(grades=[Grade(Rating.HTTNV, 0)]),
    )
    data = {m.id: Dataset([Observation("A", "2024", value="12 person")]) for m in members}
    for errors in ("raise", "collect"):
        ranking = rank_cluster(cluster, plan, data, "2024", errors=errors)
        assert [
            (s.member.id, s.ranked.rank, s.score.total, s.rating) for s in ranking.standings
        ] == [
            ("M1", 1, 0, Rating.HTTNV),
            ("M2", 1, 0, Rating.HTTNV),
        ]
        assert not ranking.not_ranked


def test_classify_many_of_scores_made_one_at_a_time() -> None:
    """Scores made as they are rated (freed after) are rated by their own totals.

    Their totals' memory is reused from one score to the next: the grades
    reached are remembered by each total kept alive, never by a reused address.
    """
    rules = Classification(grades=[Grade(Rating.HTTNV, 70), Grade(Rating.HTNV, 50)])
    totals = [Fraction(30 + (n * 37) % 61, 1 + n % 2) for n in range(40)]  # no period

    def made() -> Iterator[Score]:
        for total in totals:
            yield Score(
                "s",
                (),
                Fraction(100),
                Fraction(total.numerator, total.denominator),
                Fraction(0),
                Fraction(0),
            )

    got = classify_many(made(), rules, [None] * len(totals))  # type: ignore[arg-type]
    assert [c.by_score for c in got] == [  # type: ignore[union-attr]
        classify(Score("s", (), Fraction(100), t, Fraction(0), Fraction(0)), rules).by_score
        for t in totals
    ]


def test_make_entries_are_the_entries_entry_makes() -> None:
    """make_entries gives Entry(...) of each, or the first error Entry raises."""
    shared = Fraction(4)
    rows = [
        ("A", Fraction(8), (shared, Fraction(4))),
        ("B", Fraction(7, 3), (shared, Fraction(1, 3))),
    ]
    shares = [None, Fraction(7, 10)]
    made = make_entries([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], shares)
    assert made == [Entry(*r, women_share=s) for r, s in zip(rows, shares, strict=True)]
    assert made[0].points is rows[0][2]
    # values Entry converts or refuses: made by Entry itself
    assert make_entries(["A"], [3], [[1, Fraction(2)]], ["70%"]) == [Entry("A", 3, [1, 2], "70%")]
    for members, totals, points, women in (
        (["A"], [Fraction(10**101)], [()], [None]),
        (["A"], [Fraction(1)], [(Fraction(1, 10**101),)], [None]),
        (["A"], [Fraction(1)], [()], [Fraction(3, 2)]),
        ([1], [Fraction(1)], [()], [None]),
    ):
        with pytest.raises(thidua.ThiduaError) as expected:
            Entry(members[0], totals[0], points[0], women[0])  # type: ignore[arg-type]
        with pytest.raises(thidua.ThiduaError) as got:
            make_entries(members, totals, points, women)  # type: ignore[arg-type]
        assert got.value.code == expected.value.code


def test_scoring_reads_made_with_the_statuses_are_those_made_after() -> None:
    """rank_cluster reads what scoring needs block by block with the statuses: the same columns.

    Over several blocks of members, some of them left to the full path (a month's
    figure where the year's is missing), and the same standings as when read after.
    """
    plan = thidua.examples.hoa_thuan_2024()
    example = thidua.examples.cluster(EXAMPLE)
    own = thidua.examples.hoa_thuan_2024_data()
    members = [Member(f"P{n:03d}", f"Phường {n}") for n in range(300)]
    monthly = Dataset(
        [
            *(o for o in own if not (o.indicator == "CK06a" and str(o.period) == "2024")),
            Observation("CK06a", "2024-12", value="3 cơ sở"),
        ]
    )
    data = {m.id: monthly if n % 97 == 5 else own for n, m in enumerate(members)}
    scoring = _scoring_of(example.scheme)
    early = evaluate_and_read(plan, data, "2024", members=members, scoring=scoring)
    late = evaluate_many(plan, data, "2024", members=members)
    assert early._read is not None
    assert late._read is None
    assert set(early._made) == set(late._made) == {"P005", "P102", "P199", "P296"}
    ids = [m.id for m in members]
    early_batch, late_batch = early._scored(*scoring), late._scored(*scoring)
    assert early_batch is not None
    assert late_batch is not None
    assert early_batch[2](ids) == late_batch[2](ids)
    cluster = attrs.evolve(example, members=tuple(members))
    ranked = {s.member.id: s.score for s in rank_cluster(cluster, plan, data, "2024").standings}
    assert ranked == {m: score_facts(late.facts(m), example.scheme) for m in ids}


def test_a_member_whose_khom_repeat_is_refused() -> None:
    """A member's org units with one id twice (or in two cases) would count one khóm twice."""
    for second in ("K1", "k1"):
        with pytest.raises(thidua.PlanError) as raised:
            Member("X1", "Xã Một", org_units=[OrgUnit("K1", "Khóm 1"), OrgUnit(second, "Khóm 2")])
        assert raised.value.code == "plan.duplicate_id"
        assert raised.value.key == "org_units[1].id"
        assert "used twice" in raised.value.what("en")
        assert "hai lần" in raised.value.what("vi")


def test_judging_and_ranking_switch_the_collector_back_on() -> None:
    """Evaluating and ranking many members pause the garbage collector, and no longer.

    It is on again afterwards, even after an error; off, if the caller had it off.
    """
    plan = thidua.examples.hoa_thuan_2024()
    data = thidua.examples.cluster_data(EXAMPLE)
    cluster = thidua.examples.cluster(EXAMPLE)
    assert gc.isenabled()
    rank_cluster(cluster, plan, data, "2024")
    assert gc.isenabled()
    bad = Dataset([Observation("CK06a", "2024", value="5 hộ", org_unit=cluster.members[0].id)])
    with pytest.raises(thidua.ThiduaError):
        evaluate_many(plan, bad, "2024", members=cluster.members)
    assert gc.isenabled()
    gc.disable()
    try:
        evaluate_many(plan, data, "2024", members=cluster.members)
        assert not gc.isenabled()
    finally:
        gc.enable()
