"""Merged units after the 2025 reform: the lineage, its file, and composed figures."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import attrs
import pytest

import thidua
from thidua import (
    Dataset,
    Indicator,
    IndicatorGroup,
    Lineage,
    Link,
    Member,
    Observation,
    OrgUnit,
    Plan,
    Status,
)
from thidua.clusters import Cluster, loads_cluster
from thidua.scoring import Scheme, ScoreItem

LINEAGE = "successor,predecessor,date\nP1,P2,2025-07-01\nP1,MT,2025-07-01\n"


def _plan(*indicators: Indicator, year: int = 2026, org_units: tuple[OrgUnit, ...] = ()) -> Plan:
    return Plan(
        "p",
        "Kế hoạch",
        year=year,
        groups=[IndicatorGroup("G", "g", indicators=indicators)],
        org_units=org_units,
    )


COUNT = Indicator("N", "Số hộ mới", unit="household", rule=">= previous", aggregation="sum")
RATE = Indicator(
    "R", "Tỷ lệ giải quyết", unit="percent", rule=">= previous", aggregation="rate", rate=True
)
LEVEL = Indicator("L", "Hộ nghèo", unit="household", rule="<= previous", aggregation="last")
MEAN = Indicator("M", "Bình quân", unit="household", rule=">= previous", aggregation="mean")
BASE = Indicator("B", "So với năm 2024", unit="household", rule=">= year 2024", aggregation="sum")
FLAG = Indicator("F", "Đạt chuẩn", rule="is true", aggregation="last")


def _count(period: str, value: int, unit: str | None = None) -> Observation:
    return Observation("N", period, value=f"{value} hộ", org_unit=unit)


def _rate(period: str, num: int, den: int, unit: str | None = None) -> Observation:
    return Observation("R", period, numerator=num, denominator=den, org_unit=unit)


def _merged_data() -> Dataset:
    """P1 (kept code) with P2 and MT merged into it on 1 July 2025."""
    return Dataset(
        [
            _count("2025", 10),
            _count("2025", 5, "P2"),
            _count("2025", 4, "MT"),
            _count("2026", 20),
            _rate("2025", 8, 10),
            _rate("2025", 1, 10, "P2"),
            _rate("2025", 90, 100, "MT"),
            _rate("2026", 100, 120),
        ]
    )


# ---------------------------------------------------------------- the lineage and its file


def test_loads_lineage_reads_links_shares_and_dates() -> None:
    """Each row is one link; shares are exact; dates in either form."""
    lineage = thidua.loads_lineage(
        "successor,predecessor,date,share\n"
        "P1,P2,2025-07-01,\n"
        "P1,MT,01/07/2025,\n"
        "P3,X4,2025-07-01,1/3\n"
        "P5,X4,2025-07-01,2/3\n"
    )
    assert lineage.successors == ("P1", "P3", "P5")
    assert lineage.predecessors("P1") == ("P2", "MT")
    assert lineage.since("P1") == dt.date(2025, 7, 1)
    assert lineage.since("nobody") is None
    assert lineage.links_of("P3")[0].share == Fraction(1, 3)
    assert lineage.closed("X4") == dt.date(2025, 7, 1)
    assert lineage.closed("P1") is None
    assert len(lineage) == 4
    assert [link.predecessor for link in lineage] == ["P2", "MT", "X4", "X4"]
    assert lineage.links_of("P1")[0].where == {"file": "<lineage>", "line": 2}


def test_load_lineage_reads_a_file(tmp_path: Path) -> None:
    """The file form, UTF-8 with a byte-order mark, NFC ids."""
    path = tmp_path / "lineage.csv"
    path.write_bytes(b"\xef\xbb\xbf" + LINEAGE.encode())
    lineage = thidua.load_lineage(path)
    assert lineage.predecessors("P1") == ("P2", "MT")
    assert lineage.links_of("P1")[1].where["file"].endswith("lineage.csv")
    assert thidua.loads_lineage(LINEAGE) == lineage


def test_shares_as_percent_and_decimal() -> None:
    """A share is read exactly: 50% and 0.5 are one half."""
    lineage = thidua.loads_lineage(
        "successor,predecessor,date,share\nA,X,2025-07-01,50%\nB,X,2025-07-01,0.5\n"
    )
    assert [link.share for link in lineage] == [Fraction(1, 2), Fraction(1, 2)]


def test_merged_keeps_links_once() -> None:
    """Two lineages together keep a shared link once."""
    one = thidua.loads_lineage(LINEAGE)
    both = one.merged(Lineage([Link("P1", "P2", "2025-07-01"), Link("P9", "P8", "2025-07-01")]))
    assert both.successors == ("P1", "P9")
    assert len(both) == 3


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("successor,predecessor,date\nP1,P1,2025-07-01\n", "lineage.self_predecessor", 2),
        (
            "successor,predecessor,date\nA,B,2025-07-01\nB,C,2025-07-01\nC,A,2025-07-01\n",
            "lineage.cycle",
            4,
        ),
        (
            "successor,predecessor,date\nA,X,2025-07-01\nB,X,2025-07-01\n",
            "lineage.split_without_shares",
            3,
        ),
        (
            "successor,predecessor,date,share\nA,X,2025-07-01,1/3\nB,X,2025-07-01,1/3\n",
            "lineage.shares",
            3,
        ),
        ("successor,predecessor,date,share\nA,X,2025-07-01,1/2\n", "lineage.shares", 2),
        ("successor,predecessor,date\nA,X,31/02/2025\n", "lineage.bad_date", 2),
        ("successor,predecessor,date\nA,X,\n", "lineage.bad_date", 2),
        ("successor,predecessor,date\nA,X,sau sáp nhập\n", "lineage.bad_date", 2),
        ("successor,predecessor,date,share\nA,X,2025-07-01,0\n", "lineage.bad_share", 2),
        ("successor,predecessor,date,share\nA,X,2025-07-01,hai\n", "lineage.bad_share", 2),
        ("successor,predecessor,date,share\nA,X,2025-07-01,1/0\n", "lineage.bad_share", 2),
        ("successor,predecessor,date\nA,X Y,2025-07-01\n", "lineage.bad_id", 2),
        ("successor,predecessor,date\nA,,2025-07-01\n", "lineage.bad_id", 2),
        ("successor,predecessor,date\nA,X\x1b,2025-07-01\n", "lineage.bad_id", 2),
        (
            "successor,predecessor,date\nA,X,2025-07-01\nA,Y,2025-08-01\n",
            "lineage.two_dates",
            3,
        ),
        ("successor,predecessor,date\nA,X,2025-07-01\nA,x,2025-07-01\n", "lineage.duplicate", 3),
        (  # P2 closed on 1/1/2024, then said to absorb P9: a closed code is never reused
            "successor,predecessor,date\nP1,P2,2024-01-01\nP2,P9,2025-07-01\n",
            "lineage.closed_successor",
            3,
        ),
        (  # the same day: P2 closes and absorbs P9 (P9 is P1's, not P2's)
            "successor,predecessor,date\nP2,P9,2025-07-01\nP1,P2,2025-07-01\n",
            "lineage.closed_successor",
            2,
        ),
        ("đơn vị,tiền thân\nA,X\n", "lineage.columns", 1),
        ("successor,predecessor,date\nA,X\n", "lineage.row", 2),
        ("successor,predecessor,date\nA,X,2025-07-01,1,2\n", "lineage.row", 2),
        ('successor,predecessor,date\nA,"X\n', "lineage.csv", None),
        ("\n\n", "lineage.empty", None),
        ("", "lineage.empty", None),
    ],
)
def test_bad_lineage_files_are_refused_with_a_located_code(
    text: str, code: str, line: int | None
) -> None:
    """Every bad lineage is a DataError with its code, the file and the line."""
    with pytest.raises(thidua.DataError) as info:
        thidua.loads_lineage(text, file="lineage.csv")
    assert info.value.code == code
    assert info.value.file == "lineage.csv"
    if line is not None:
        assert info.value.line == line
    assert info.value.message("vi") != info.value.message("en")


def test_a_cycle_names_its_units() -> None:
    """The cycle error shows the loop."""
    with pytest.raises(thidua.DataError, match=r"A → .*A"):
        thidua.loads_lineage(
            "successor,predecessor,date\nA,B,2025-07-01\nB,A,2025-07-01\n", file="l.csv"
        )


def test_lineage_input_types_are_checked(tmp_path: Path) -> None:
    """Text, not bytes; a list of links; a file that exists and is not too large."""
    with pytest.raises(thidua.DataError) as info:
        thidua.loads_lineage(b"successor")  # type: ignore[arg-type]
    assert info.value.code == "lineage.not_text"
    with pytest.raises(thidua.DataError) as info:
        Lineage("P1")  # type: ignore[arg-type]
    assert info.value.code == "lineage.bad_links"
    with pytest.raises(thidua.DataError) as info:
        Lineage(["P1"])  # type: ignore[list-item]
    assert info.value.code == "lineage.bad_links"
    with pytest.raises(thidua.DataError) as info:
        thidua.load_lineage(tmp_path / "missing.csv")
    assert info.value.code == "file.unreadable"
    with pytest.raises(thidua.DataError) as info:
        thidua.loads_lineage("x" * (thidua.lineage.MAX_LINEAGE_BYTES + 1))
    assert info.value.code == "file.too_large"
    with pytest.raises(thidua.DataError) as info:
        Link("A", "B", "2025-07-01", share=True)
    assert info.value.code == "lineage.bad_share"
    assert Link("A", "B", dt.date(2025, 7, 1), share=Fraction(1, 2)).share == Fraction(1, 2)


# ---------------------------------------------------------------- units' own fields


def test_member_and_org_unit_carry_predecessors() -> None:
    """The fixed entry points: predecessors and since on Member and OrgUnit."""
    member = Member("P1", "Phường 1", predecessors=("A", "B"), since="2025-07-01")
    assert member.predecessors == ("A", "B")
    assert member.since == dt.date(2025, 7, 1)
    unit = OrgUnit("K1", "Khóm 1", predecessors=["K2"], since=dt.date(2025, 7, 1))
    assert unit.predecessors == ("K2",)
    assert OrgUnit("K1", "Khóm 1").predecessors == ()
    assert Member("P9", "Mới", since="2026-01-01").predecessors == ()


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"predecessors": ("A",)}, "lineage.no_date"),
        ({"predecessors": ("P1",), "since": "2025-07-01"}, "lineage.self_predecessor"),
        ({"predecessors": ("A", "a"), "since": "2025-07-01"}, "lineage.duplicate"),
        ({"predecessors": "A", "since": "2025-07-01"}, "lineage.bad_id"),
        ({"predecessors": ("A B",), "since": "2025-07-01"}, "lineage.bad_id"),
        ({"predecessors": ("A",), "since": "tháng 7"}, "lineage.bad_date"),
    ],
)
def test_bad_unit_lineage_fields(fields: dict[str, object], code: str) -> None:
    """A unit's own predecessors and date are checked where they are given."""
    with pytest.raises(thidua.DataError) as info:
        Member("P1", "Phường 1", **fields)  # type: ignore[arg-type]
    assert info.value.code == code
    with pytest.raises(thidua.DataError) as info:
        OrgUnit("P1", "Phường 1", **fields)  # type: ignore[arg-type]
    assert info.value.code == code


def test_plan_file_round_trips_predecessors() -> None:
    """A plan's org units keep predecessors and since through TOML."""
    merged = OrgUnit("K1", "Khóm 1", predecessors=["K2", "K3"], since="2025-07-01")
    plan = _plan(COUNT, org_units=(merged, OrgUnit("K4", "Khóm 4")))
    text = thidua.dumps_plan(plan)
    assert "since = 2025-07-01" in text
    again = thidua.loads_plan(text)
    assert again == plan
    assert again.org_units[0].predecessors == ("K2", "K3")
    quoted = thidua.loads_plan(text.replace("since = 2025-07-01", 'since = "01/07/2025"'))
    assert quoted == plan
    with pytest.raises(thidua.PlanError) as info:
        thidua.loads_plan(text.replace("since = 2025-07-01", 'since = "sau"'))
    assert info.value.code == "lineage.bad_date"
    assert info.value.line is not None


def test_cluster_file_carries_predecessors() -> None:
    """A cluster file's members carry predecessors and since."""
    cluster = loads_cluster(
        'id = "c"\nname = "Cụm"\n'
        'scheme = {id = "s", name = "s", maximum = 10, items = [{indicator = "N", points = 10}]}\n'
        '[[members]]\nid = "P1"\nname = "Phường 1"\npredecessors = ["P2", "MT"]\n'
        "since = 2025-07-01\n"
        '[[members]]\nid = "P3"\nname = "Phường 3"\n'
    )
    assert cluster.members[0].predecessors == ("P2", "MT")
    assert cluster.members[0].since == dt.date(2025, 7, 1)
    assert cluster.members[1].since is None


# ---------------------------------------------------------------- composed figures


def test_previous_figure_is_the_sum_of_the_parts() -> None:
    """cùng kỳ 2025 = P1 (host, kept code) + P2 + MT = 19; 2026: 20 ≥ 19."""
    plan = _plan(COUNT)
    lineage = thidua.loads_lineage(LINEAGE)
    ev = thidua.evaluate(plan, _merged_data(), "2026", lineage=lineage, area="P1")
    result = ev.results["N"]
    assert result.status is Status.ACHIEVED
    assert result.target is not None
    assert result.target.quantity == thidua.Quantity(19, "household")
    assert "cùng kỳ: tổng của P1, P2 và MT" in result.explanation.vi
    assert "same period last year: the sum of P1, P2 and MT" in result.explanation.en
    (composition,) = result.assessment.composed
    assert composition.role == "previous"
    assert composition.composed
    assert composition.parts == ("P1", "P2", "MT")
    assert {o.org_unit for o in result.observations} == {None, "P2", "MT"}
    # without the lineage, only P1's own figure counts
    alone = thidua.evaluate(plan, _merged_data(), "2026").results["N"]
    assert alone.target is not None
    assert alone.target.quantity == thidua.Quantity(10, "household")


def test_rates_are_recomputed_from_summed_parts_never_averaged() -> None:
    """(8 + 1 + 90) / (10 + 10 + 100) = 82,5 %, not the mean of 80 %, 10 % and 90 %."""
    plan = _plan(RATE)
    lineage = thidua.loads_lineage(LINEAGE)
    result = thidua.evaluate(plan, _merged_data(), "2026", lineage=lineage, area="P1").results["R"]
    assert result.target is not None
    assert result.target.quantity is not None
    assert result.target.quantity == thidua.Quantity(Fraction(99, 120) * 100, "percent")
    mean = (Fraction(8, 10) + Fraction(1, 10) + Fraction(9, 10)) / 3
    assert result.target.quantity.magnitude != mean * 100
    assert result.status is Status.ACHIEVED  # 100/120 ≥ 99/120
    assert "tổng tử số và mẫu số của P1, P2 và MT" in result.explanation.vi


def test_a_rate_without_its_parts_cannot_be_composed() -> None:
    """A predecessor's rate given as a percentage alone: no data, with the reason."""
    plan = _plan(RATE)
    data = Dataset(
        [
            _rate("2025", 8, 10),
            _rate("2025", 1, 10, "P2"),
            Observation("R", "2025", value="90%", org_unit="MT"),
            _rate("2026", 100, 120),
        ]
    )
    lineage = thidua.loads_lineage(LINEAGE)
    result = thidua.evaluate(plan, data, "2026", lineage=lineage, area="P1").results["R"]
    assert result.status is Status.NO_DATA
    assert result.assessment.composed[0].reason == "rate_without_parts"
    assert "tỷ lệ của MT không ghi tử số và mẫu số" in result.explanation.vi
    assert "the rate of MT has no numerator and denominator" in result.explanation.en


@pytest.mark.parametrize(("indicator", "year"), [(LEVEL, 2026), (MEAN, 2026), (FLAG, 2025)])
def test_levels_means_and_flags_are_not_comparable_after_the_merger(
    indicator: Indicator, year: int
) -> None:
    """A latest value, a mean or a yes/no of merged units: no data, with the reason.

    A yes/no compares with nothing before: only a year that straddles the date
    (2025 for a unit since 1 July 2025) has a figure to compose.
    """
    plan = _plan(indicator, year=year)
    value = "đạt" if indicator is FLAG else "3 hộ"
    data = Dataset(
        [
            Observation(indicator.id, period, value=value, org_unit=unit)
            for period, unit in [("2025", None), ("2025", "P2"), ("2025", "MT"), ("2026", None)]
        ]
    )
    lineage = thidua.loads_lineage(LINEAGE)
    ev = thidua.evaluate(plan, data, str(year), lineage=lineage, area="P1")
    result = ev.results[indicator.id]
    assert result.status is Status.NO_DATA
    assert "không so sánh được sau sáp nhập" in result.explanation.vi
    assert "not comparable after the merger" in result.explanation.en
    assert result.assessment.composed[0].reason == "not_comparable"


def test_a_missing_predecessor_figure_is_named() -> None:
    """No 2025 figure for MT: no data, naming MT."""
    plan = _plan(COUNT)
    data = Dataset([_count("2025", 10), _count("2025", 5, "P2"), _count("2026", 20)])
    lineage = thidua.loads_lineage(LINEAGE)
    result = thidua.evaluate(plan, data, "2026", lineage=lineage, area="P1").results["N"]
    assert result.status is Status.NO_DATA
    assert result.assessment.composed[0].missing == ("MT",)
    assert "thiếu số liệu của MT" in result.explanation.vi
    assert "no figure for MT" in result.explanation.en


def test_a_successor_with_a_new_code_is_its_predecessors() -> None:
    """A successor without figures of its own before its date: the sum of its predecessors."""
    plan = _plan(COUNT)
    data = Dataset([_count("2025", 5, "P2"), _count("2025", 4, "MT"), _count("2026", 8)])
    lineage = thidua.loads_lineage(LINEAGE.replace("2025-07-01", "2026-01-01"))
    result = thidua.evaluate(plan, data, "2026", lineage=lineage, area="P1").results["N"]
    assert result.status is Status.NOT_ACHIEVED  # 8 < 9
    assert result.assessment.composed[0].parts == ("P2", "MT")


def test_base_year_figure_is_composed() -> None:
    """``year 2024``: the 2024 figures of the parts."""
    plan = _plan(BASE)
    data = Dataset(
        [
            Observation("B", "2024", value="3 hộ"),
            Observation("B", "2024", value="3 hộ", org_unit="P2"),
            Observation("B", "2024", value="3 hộ", org_unit="MT"),
            Observation("B", "2026", value="9 hộ"),
        ]
    )
    lineage = thidua.loads_lineage(LINEAGE)
    result = thidua.evaluate(plan, data, "2026", lineage=lineage, area="P1").results["B"]
    assert result.status is Status.ACHIEVED
    assert result.assessment.composed[0].role == "base"
    assert "kỳ gốc năm 2024: tổng của P1, P2 và MT" in result.explanation.vi


def test_a_straddling_year_sums_the_successors_months_and_the_predecessors() -> None:
    """2025 for P1 since 1 July: its own July–December with P2's and MT's January–June.

    P1's host recorded 2 hộ a month under the kept code all year (24), P2 1 hộ a
    month until June (6) and MT 2 hộ a month until June (12): 42 in 2025.
    """
    plan = _plan(COUNT, year=2025)
    rows = [_count(f"2025-{m:02d}", 2) for m in range(1, 13)]
    rows += [_count(f"2025-{m:02d}", 1, "P2") for m in range(1, 7)]
    rows += [_count(f"2025-{m:02d}", 2, "MT") for m in range(1, 7)]
    rows += [_count("2024", 40), _count("2024", 1, "P2"), _count("2024", 1, "MT")]
    lineage = thidua.loads_lineage(LINEAGE)
    result = thidua.evaluate(plan, Dataset(rows), "2025", lineage=lineage, area="P1").results["N"]
    assert result.actual == thidua.Quantity(42, "household")
    assert result.target is not None
    assert result.target.quantity == thidua.Quantity(42, "household")
    assert result.status is Status.ACHIEVED
    roles = [c.role for c in result.assessment.composed]
    assert roles == ["actual", "previous"]
    assert "năm 2025: tổng của P1, P2 và MT" in result.explanation.vi


def test_a_straddling_year_needs_the_successors_own_part() -> None:
    """P1 has no figure for the months since its date: 2025 is not known."""
    plan = _plan(COUNT, year=2025)
    rows = [_count(f"2025-{m:02d}", 1, "P2") for m in range(1, 7)]
    rows += [_count(f"2025-{m:02d}", 1, "MT") for m in range(1, 7)]
    lineage = thidua.loads_lineage(LINEAGE)
    result = thidua.evaluate(plan, Dataset(rows), "2025", lineage=lineage, area="P1").results["N"]
    assert result.status is Status.NO_DATA
    assert result.assessment.composed[0].missing == ("P1",)


def test_a_divided_predecessor_counts_by_its_share() -> None:
    """X divided 1/3 into A and 2/3 into B: A's previous is A + X/3."""
    plan = _plan(COUNT)
    lineage = thidua.loads_lineage(
        "successor,predecessor,date,share\nA,X,2025-07-01,1/3\nB,X,2025-07-01,2/3\n"
    )
    data = Dataset([_count("2025", 10, "A"), _count("2025", 9, "X"), _count("2026", 13, "A")])
    members = [Member("A", "Xã A"), Member("B", "Xã B")]
    evs = thidua.evaluate_many(plan, data, "2026", members=members, lineage=lineage)
    result = evs["A"].results["N"]
    assert result.target is not None
    assert result.target.quantity == thidua.Quantity(13, "household")
    assert result.status is Status.ACHIEVED
    assert "1/3 của X" in result.explanation.vi
    assert evs["B"].results["N"].status is Status.NO_DATA  # B has no 2026 figure


def test_a_predecessor_with_figures_after_the_merger_is_refused() -> None:
    """A closed code has no figure for a period after its merger: a located error."""
    plan = _plan(COUNT)
    data = thidua.loads_data(
        "indicator,period,value,org_unit\nN,2025,10 hộ,\nN,2025-Q4,1 hộ,P2\n",
        plan=plan,
        file="data.csv",
    )
    lineage = thidua.loads_lineage(LINEAGE)
    with pytest.raises(thidua.DataError) as info:
        thidua.evaluate(plan, data, "2026", lineage=lineage, area="P1")
    assert info.value.code == "lineage.after_merger"
    assert info.value.file == "data.csv"
    assert info.value.line == 3
    assert "01/07/2025" in info.value.message("vi")


def test_the_area_must_be_a_successor() -> None:
    """area= names a successor of the lineage; the lineage is a Lineage."""
    plan = _plan(COUNT)
    lineage = thidua.loads_lineage(LINEAGE)
    with pytest.raises(thidua.UsageError) as info:
        thidua.evaluate(plan, _merged_data(), "2026", lineage=lineage, area="P9")
    assert info.value.code == "lineage.unknown_area"
    with pytest.raises(thidua.UsageError):
        thidua.evaluate(plan, _merged_data(), "2026", area="P1")
    with pytest.raises(thidua.ArgumentTypeError):
        thidua.evaluate(plan, _merged_data(), "2026", lineage=LINEAGE, area="P1")  # type: ignore[arg-type]
    with pytest.raises(thidua.ArgumentTypeError):
        thidua.evaluate(plan, _merged_data(), "2026", lineage=lineage, area=1)  # type: ignore[arg-type]


def test_a_unit_and_the_lineage_must_agree() -> None:
    """A member declaring other predecessors than the lineage: refused."""
    plan = _plan(COUNT)
    lineage = thidua.loads_lineage(LINEAGE)
    members = [Member("P1", "Phường 1", predecessors=("P2",), since="2025-07-01")]
    with pytest.raises(thidua.DataError) as info:
        thidua.evaluate_many(plan, Dataset(), "2026", members=members, lineage=lineage)
    assert info.value.code == "lineage.conflict"
    assert info.value.member == "P1"
    same = [Member("P1", "Phường 1", predecessors=("P2", "MT"), since="2025-07-01")]
    assert thidua.evaluate_many(plan, Dataset(), "2026", members=same, lineage=lineage)
    with pytest.raises(thidua.ArgumentTypeError):
        thidua.evaluate_many(plan, Dataset(), "2026", members=same, lineage="x")  # type: ignore[arg-type]


# ---------------------------------------------------------------- every path agrees


def _shared() -> Dataset:
    rows = [attrs.evolve(o, org_unit=o.org_unit or "P1") for o in _merged_data()]
    rows += [_count("2025", 7, "P3"), _count("2026", 8, "P3"), _rate("2025", 1, 2, "P3")]
    rows += [_rate("2026", 1, 2, "P3")]
    return Dataset(rows)


def _members() -> list[Member]:
    return [
        Member("P1", "Phường Mỹ Trà", predecessors=("P2", "MT"), since="2025-07-01"),
        Member("P3", "Phường 3"),
    ]


def test_every_data_form_agrees_with_evaluate() -> None:
    """evaluate, evaluate_many on one dataset and on a mapping: the same figures."""
    plan = _plan(COUNT, RATE)
    lineage = thidua.loads_lineage(LINEAGE)
    single = thidua.evaluate(plan, _merged_data(), "2026", lineage=lineage, area="P1")
    shared = thidua.evaluate_many(plan, _shared(), "2026", members=_members())
    assert shared.unmatched == ()  # the predecessors' rows belong to P1
    split = {
        unit or "P1": Dataset(
            attrs.evolve(o, org_unit=None) for o in _merged_data() if o.org_unit == unit
        )
        for unit in (None, "P2", "MT")
    }
    split["P3"] = Dataset(attrs.evolve(o, org_unit=None) for o in _shared() if o.org_unit == "P3")
    mapping = thidua.evaluate_many(plan, split, "2026", members=_members())
    by_lineage = thidua.evaluate_many(
        plan,
        _shared(),
        "2026",
        members=[Member("P1", "Phường Mỹ Trà"), Member("P3", "Phường 3")],
        lineage=lineage,
    )
    for many in (shared, mapping, by_lineage):
        for indicator in ("N", "R"):
            mine = many["P1"].results[indicator]
            assert mine.status is single.results[indicator].status
            assert mine.target == single.results[indicator].target
            assert many.facts("P1")[indicator].target == single.results[indicator].target
        assert many.status("P3", "N") is Status.ACHIEVED
    assert "Phường Mỹ Trà, P2 và MT" in shared["P1"].results["N"].explanation.vi


def test_scoring_sees_the_composed_figures() -> None:
    """rank_cluster scores a merged member on its composed figures."""
    plan = _plan(COUNT)
    scheme = Scheme("s", "s", 10, items=[ScoreItem("N", 10)])
    cluster = Cluster("c", "Cụm", _members(), scheme)
    ranking = thidua.rank_cluster(cluster, plan, _shared(), "2026")
    assert {s.member.id for s in ranking.standings} == {"P1", "P3"}
    assert ranking.standing("P1").total == 10  # 20 ≥ 10 + 5 + 4
    assert ranking.standing("P1").evaluation.results["N"].status is Status.ACHIEVED
    assert ranking.not_ranked == ()
    # P1 with 18 in 2026: 18 < 19 composed (though ≥ its own 10): scores follow composition
    low = Dataset(
        [
            o
            for o in _shared()
            if not (o.org_unit == "P1" and o.period == thidua.parse_period("2026"))
        ]
    )
    low = Dataset([*low, _count("2026", 18, "P1")])
    again = thidua.rank_cluster(cluster, plan, low, "2026")
    assert again.standing("P1").evaluation.results["N"].status is Status.NOT_ACHIEVED
    assert again.standing("P1").total == 0


def test_khom_with_predecessors_are_composed() -> None:
    """A plan's khóm merged: its per-khóm figure before the date is composed."""
    k1 = OrgUnit("K1", "Khóm 1", predecessors=["K2"], since="2025-07-01")
    plan = _plan(
        Indicator(
            "V",
            "Khóm đạt",
            unit="household",
            rule="all org units",
            per_org_unit=">= previous",
            aggregation="sum",
        ),
        org_units=(k1, OrgUnit("K3", "Khóm 3")),
    )
    data = Dataset(
        [
            Observation("V", "2025", value="3 hộ", org_unit="K1"),
            Observation("V", "2025", value="3 hộ", org_unit="K2"),
            Observation("V", "2026", value="5 hộ", org_unit="K1"),
            Observation("V", "2025", value="1 hộ", org_unit="K3"),
            Observation("V", "2026", value="1 hộ", org_unit="K3"),
        ]
    )
    ev = thidua.evaluate(plan, data, "2026")
    per = {r.org_unit: r.status for r in ev.results["V"].org_units}
    assert per == {"K1": Status.NOT_ACHIEVED, "K3": Status.ACHIEVED}  # 5 < 3 + 3
    # each khóm evaluated alone, as members: the same
    many = thidua.evaluate_many(
        _plan(
            Indicator("V", "Khóm đạt", unit="household", rule=">= previous", aggregation="sum"),
            org_units=(k1, OrgUnit("K3", "Khóm 3")),
        ),
        data,
        "2026",
    )
    assert many.status("K1", "V") is Status.NOT_ACHIEVED
    assert many.status("K3", "V") is Status.ACHIEVED


# ---------------------------------------------------------------- clusters whose membership changed


def test_members_that_did_not_exist_are_not_ranked() -> None:
    """2024: P1 (since 2025) is not ranked; 2026: P2, closed in 2025, is not ranked."""
    plan = _plan(Indicator("A", "a", unit="household", rule=">= 1", aggregation="sum"), year=2024)
    scheme = Scheme("s", "s", 10, items=[ScoreItem("A", 10)])
    members = [
        Member("P1", "Phường Mỹ Trà", predecessors=("P2",), since="2025-07-01"),
        Member("P2", "Phường 2"),
        Member("P3", "Phường 3"),
    ]
    cluster = Cluster("c", "Cụm", members, scheme)
    data = Dataset(
        [
            Observation("A", y, value="2 hộ", org_unit=u)
            for y in ("2024", "2026")
            for u in ("P1", "P3")
        ]
        + [Observation("A", "2024", value="3 hộ", org_unit="P2")]
    )
    before = thidua.rank_cluster(cluster, plan, data, "2024")
    assert {s.member.id for s in before.standings} == {"P2", "P3"}
    (left,) = before.not_ranked
    assert left.member.id == "P1"
    assert left.error.code == "lineage.not_in_period"
    assert "01/07/2025" in left.reason.vi
    with pytest.raises(thidua.UsageError):
        before.standing("P1")
    assert "chưa được xếp hạng" not in before.flag.vi  # the absent member keeps no flag away
    after = thidua.rank_cluster(cluster, plan, data, "2026")
    assert {s.member.id for s in after.standings} == {"P1", "P3"}
    assert [n.member.id for n in after.not_ranked] == ["P2"]
    assert "trước khi năm 2026 bắt đầu" in after.not_ranked[0].reason.vi
    straddling = thidua.rank_cluster(cluster, plan, data, "2025")
    assert [n.member.id for n in straddling.not_ranked] == ["P2"]  # merged into P1 in 2025
    assert straddling.not_ranked[0].error.code == "lineage.merged_in_period"


def test_a_predecessor_closed_during_the_period_is_not_ranked_on_its_own() -> None:
    """2025: P2 closed on 1/7/2025; its 12 hộ are P1's (24 hộ), never ranked twice.

    P2 is in not_ranked with the reason, its closed months are not "missing
    data", and it keeps no flag away (P1 and P3 tie: nobody leads alone).
    """
    plan = _plan(
        Indicator("KT01", "Số hộ", unit="household", rule=">= 15", aggregation="sum"), year=2025
    )
    members = [
        Member("P1", "Phường 1", predecessors=("P2",), since="2025-07-01"),
        Member("P2", "Phường 2"),
        Member("P3", "Phường 3"),
    ]
    cluster = Cluster("c", "Cụm", members, Scheme("s", "s", 10, items=[ScoreItem("KT01", 10)]))
    rows = [Observation("KT01", f"2025-{m:02d}", value="1 hộ", org_unit="P1") for m in range(1, 13)]
    rows += [Observation("KT01", f"2025-{m:02d}", value="2 hộ", org_unit="P2") for m in range(1, 7)]
    rows += [Observation("KT01", "2025", value="16 hộ", org_unit="P3")]
    ranking = thidua.rank_cluster(cluster, plan, Dataset(rows), "2025")
    assert [(s.member.id, s.rank, s.total) for s in ranking.standings] == [
        ("P1", 1, 10),
        ("P3", 1, 10),
    ]
    p1 = ranking.standing("P1").evaluation.results["KT01"]
    assert p1.actual == thidua.Quantity(24, "household")
    assert "tổng của Phường 1 và Phường 2" in p1.explanation.vi
    (left,) = ranking.not_ranked
    assert left.member.id == "P2"
    assert left.error.code == "lineage.merged_in_period"
    assert "đã sáp nhập vào Phường 1 từ 01/07/2025" in left.reason.vi
    assert "thiếu số liệu" not in left.reason.vi
    assert "chưa được xếp hạng" not in ranking.flag.vi
    with pytest.raises(thidua.UsageError):
        ranking.standing("P2")
    # the same from a lineage file, with the lineage's own names kept
    lineage = thidua.loads_lineage("successor,predecessor,date\nP1,P2,2025-07-01\n")
    plain = Cluster(
        "c",
        "Cụm",
        [Member("P1", "Phường 1"), Member("P2", "Phường 2"), Member("P3", "Phường 3")],
        cluster.scheme,
    )
    again = thidua.rank_cluster(plain, plan, Dataset(rows), "2025", lineage=lineage)
    assert [n.member.id for n in again.not_ranked] == ["P2"]
    assert again.standing("P1").total == 10


def test_a_cluster_with_no_member_for_the_period_is_refused() -> None:
    """Nobody existed: the first absent member's reason is raised."""
    plan = _plan(Indicator("A", "a", rule=">= 1"), year=2024)
    scheme = Scheme("s", "s", 10, items=[ScoreItem("A", 10)])
    cluster = Cluster("c", "Cụm", [Member("P1", "P", since="2026-01-01")], scheme)
    with pytest.raises(thidua.UsageError) as info:
        thidua.rank_cluster(cluster, plan, Dataset(), "2024")
    assert info.value.code == "lineage.not_in_period"
    with pytest.raises(thidua.ArgumentTypeError):
        thidua.rank_cluster(cluster, plan, Dataset(), "2024", lineage="x")  # type: ignore[arg-type]


# ---------------------------------------------------------------- names, odd figures, odd forms


def test_lineage_names_show_in_explanations() -> None:
    """Names given to the lineage (a mapping or pairs) name the parts; ids otherwise."""
    lineage = thidua.loads_lineage(LINEAGE).with_names({"P2": "Phường 2"})
    assert lineage.name("p2") == "Phường 2"
    assert lineage.name("MT") == "MT"
    assert Lineage(lineage.links, names=(("MT", "xã Mỹ Tân"),)).name("MT") == "xã Mỹ Tân"
    merged = lineage.merged(Lineage(names={"MT": "xã Mỹ Tân"}))
    plan = _plan(COUNT)
    result = thidua.evaluate(plan, _merged_data(), "2026", lineage=merged, area="P1").results["N"]
    assert "tổng của P1, Phường 2 và xã Mỹ Tân" in result.explanation.vi


@pytest.mark.parametrize("names", ["P2", {"P2": 2}, {"P2": "  "}, {"P2": "a\x1bb"}])
def test_bad_lineage_names(names: object) -> None:
    """Names map ids to non-empty safe text."""
    with pytest.raises(thidua.DataError) as info:
        Lineage(names=names)  # type: ignore[arg-type]
    assert info.value.code == "lineage.bad_names"


def test_a_unit_with_a_date_only_and_none_predecessors() -> None:
    """A new unit without predecessors has a date and nothing to compose."""
    plan = _plan(COUNT)
    assert Member("P1", "P", predecessors=None).predecessors == ()  # type: ignore[arg-type]
    members = [Member("P9", "Mới", since="2026-01-01"), Member("P3", "Phường 3")]
    data = Dataset([_count("2026", 3, "P9"), _count("2025", 1, "P3"), _count("2026", 2, "P3")])
    evs = thidua.evaluate_many(plan, data, "2026", members=members, lineage=Lineage())
    assert evs.status("P9", "N") is Status.NO_DATA
    assert evs.status("P3", "N") is Status.ACHIEVED


def test_a_count_without_a_unit_and_a_rate_summed_as_an_amount() -> None:
    """Bare numbers sum; a zero-denominator rate under ``sum`` cannot be composed."""
    bare = Indicator("U", "Số việc", rule=">= previous", aggregation="sum")
    plan = _plan(bare)
    data = Dataset(
        [
            Observation("U", "2025", value=2),
            Observation("U", "2025", value=3, org_unit="P2"),
            Observation("U", "2025", value=4, org_unit="MT"),
            Observation("U", "2026", value=9),
        ]
    )
    lineage = thidua.loads_lineage(LINEAGE)
    result = thidua.evaluate(plan, data, "2026", lineage=lineage, area="P1").results["U"]
    assert result.status is Status.ACHIEVED
    assert result.target is not None
    assert result.target.quantity is not None
    assert result.target.quantity.magnitude == 9
    share = Indicator("S", "Tỷ lệ cộng", unit="percent", rule=">= previous", aggregation="sum")
    plan = _plan(share)
    data = Dataset(
        [
            Observation("S", "2025", numerator=1, denominator=2),
            Observation("S", "2025", numerator=0, denominator=0, org_unit="P2"),
            Observation("S", "2025", numerator=1, denominator=2, org_unit="MT"),
            Observation("S", "2026", numerator=1, denominator=2),
        ]
    )
    result = thidua.evaluate(plan, data, "2026", lineage=lineage, area="P1").results["S"]
    assert result.status is Status.NO_DATA
    assert result.assessment.composed[0].reason == "not_comparable"


def test_the_mapping_form_with_a_predecessor_that_is_a_member_or_absent() -> None:
    """2025 straddles: P2 is a member and P1's predecessor; MT has no dataset at all."""
    plan = _plan(COUNT, year=2025)
    members = [
        Member("P1", "Phường 1", predecessors=("P2", "MT"), since="2025-07-01"),
        Member("P2", "Phường 2"),
    ]
    own = Dataset([_count("2025", 10), _count("2024", 30)])
    p2 = Dataset([_count("2025", 5), _count("2024", 4)])
    evs = thidua.evaluate_many(plan, {"P1": own, "P2": p2}, "2025", members=members)
    result = evs["P1"].results["N"]
    assert result.status is Status.NO_DATA
    assert result.assessment.composed[0].missing == ("MT",)
    assert evs.status("P2", "N") is Status.ACHIEVED  # 5 ≥ 4: P2 existed for half of 2025
    mt = Dataset([_count("2025", 4), _count("2024", 1)])
    evs = thidua.evaluate_many(plan, {"P1": own, "P2": p2, "MT": mt}, "2025", members=members)
    result = evs["P1"].results["N"]
    assert result.actual == thidua.Quantity(19, "household")
    assert result.status is Status.NOT_ACHIEVED  # 19 < 30 + 4 + 1


def test_a_chain_of_mergers_is_followed() -> None:
    """C merged into B on 1/1/2024, B into A on 1/7/2025: a 2024 plan for A.

    2024 (before A's date) is A's own 6 + B's own 4 = 10; 2023 is A's own 3 +
    B's 2023, itself B's own 1 + C's 2 (before B's date): 6.
    """
    lineage = thidua.loads_lineage("successor,predecessor,date\nA,B,2025-07-01\nB,C,2024-01-01\n")
    plan = _plan(COUNT, year=2024)
    data = Dataset(
        [
            _count("2023", 3),
            _count("2023", 1, "B"),
            _count("2023", 2, "C"),
            _count("2024", 6),
            _count("2024", 4, "B"),
        ]
    )
    result = thidua.evaluate(plan, data, "2024", lineage=lineage, area="A").results["N"]
    assert result.actual == thidua.Quantity(10, "household")
    assert result.target is not None
    assert result.target.quantity == thidua.Quantity(6, "household")
    assert result.status is Status.ACHIEVED


# ---------------------------------------------------------------- khóm merged inside a ward


def _ward_plan(*, listed: bool) -> Plan:
    """A ward whose K1 absorbed K2 on 1/7/2025: a roll-up and a per-khóm rule."""
    k1 = OrgUnit("K1", "Khóm 1", predecessors=["K2"], since="2025-07-01")
    units = (k1, OrgUnit("K2", "Khóm 2"), OrgUnit("K3", "Khóm 3"))
    return _plan(
        Indicator(
            "HO",
            "Số hộ được hỗ trợ",
            unit="household",
            rule=">= previous",
            aggregation="sum",
            across_org_units="sum",
        ),
        Indicator(
            "PK",
            "Số khóm không giảm",
            unit="household",
            rule="all org units",
            per_org_unit=">= previous",
            aggregation="sum",
        ),
        Indicator("VM", "Khóm văn minh", rule="all org units", per_org_unit="is true"),
        org_units=units if listed else (units[0], units[2]),
    )


def _ward_rows(prefix: str = "") -> list[Observation]:
    figures = [("2025", 5, "K1"), ("2025", 3, "K2"), ("2025", 4, "K3")]
    figures += [("2026", 6, "K1"), ("2026", 5, "K3")]
    rows = [
        Observation(i, y, value=f"{v} hộ", org_unit=prefix + u)
        for i in ("HO", "PK")
        for y, v, u in figures
    ]
    return rows + [
        Observation("VM", "2026", value="đạt", org_unit=prefix + u) for u in ("K1", "K3")
    ]


@pytest.mark.parametrize("listed", [False, True])
def test_a_merged_khom_predecessor_counts_in_the_wards_previous_total(listed: bool) -> None:
    """2025 is K1 5 + K2 3 + K3 4 = 12 hộ; 2026 is 11 < 12: Không đạt, on every path.

    K2, closed on 1/7/2025, is never a khóm of its own (listed or not): its 2025
    figure is K1's, and it is not required for 2026.
    """
    plan = _ward_plan(listed=listed)
    ev = thidua.evaluate(plan, Dataset(_ward_rows()), "2026")
    ho = ev.results["HO"]
    assert ho.status is Status.NOT_ACHIEVED
    assert ho.target is not None
    assert ho.target.quantity == thidua.Quantity(12, "household")
    assert "< 12 hộ" in ho.explanation.vi
    named = "Khóm 2" if listed else "K2"
    assert f"cùng kỳ: tổng của Khóm 1, {named} và Khóm 3" in ho.explanation.vi
    assert ev.unused == ()  # K2's rows are used, in K1's composed figures
    per = {r.org_unit: r.status for r in ev.results["PK"].org_units}
    assert per == {"K1": Status.NOT_ACHIEVED, "K3": Status.ACHIEVED}  # 6 < 5 + 3
    assert ev.results["VM"].status is Status.ACHIEVED  # 2/2: the closed K2 is not asked for
    lineage = thidua.loads_lineage("successor,predecessor,date\nK1,K2,2025-07-01\n")
    again = thidua.evaluate(plan, Dataset(_ward_rows()), "2026", lineage=lineage)
    assert again.results["HO"].status is Status.NOT_ACHIEVED
    ward = Member("W", "Phường W")
    forms = [
        thidua.evaluate_many(plan, Dataset(_ward_rows("W/")), "2026", members=[ward]),
        thidua.evaluate_many(plan, {"W": Dataset(_ward_rows())}, "2026", members=[ward]),
    ]
    for many in forms:
        assert {k: many.status("W", k) for k in ("HO", "PK", "VM")} == {
            "HO": Status.NOT_ACHIEVED,
            "PK": Status.NOT_ACHIEVED,
            "VM": Status.ACHIEVED,
        }
        assert many["W"].results["HO"].target == ho.target


def test_a_closed_code_never_absorbs_another() -> None:
    """The review's chain: refused however it is given, with both dates named."""
    with pytest.raises(thidua.DataError) as info:
        thidua.loads_lineage("successor,predecessor,date\nP1,P2,2024-01-01\nP2,P9,2025-07-01\n")
    assert info.value.code == "lineage.closed_successor"
    assert "01/01/2024" in info.value.message("vi")
    assert "01/07/2025" in info.value.message("vi")
    units = (
        OrgUnit("P1", "P1", predecessors=["P2"], since="2024-01-01"),
        OrgUnit("P2", "P2", predecessors=["P9"], since="2025-07-01"),
    )
    with pytest.raises(thidua.DataError) as info:
        thidua.evaluate(_plan(COUNT, org_units=units), Dataset(), "2026")
    assert info.value.code == "lineage.closed_successor"


def test_the_areas_own_rows_may_be_tagged_with_its_id() -> None:
    """evaluate(area="P1") reads rows tagged P1 as P1's own, as evaluate_many does."""
    plan = _plan(COUNT, RATE)
    lineage = thidua.loads_lineage(LINEAGE)
    shared = Dataset(o for o in _shared() if o.org_unit != "P3")
    tagged = thidua.evaluate(plan, shared, "2026", lineage=lineage, area="P1")
    untagged = thidua.evaluate(plan, _merged_data(), "2026", lineage=lineage, area="p1")
    many = thidua.evaluate_many(plan, shared, "2026", members=[Member("P1", "P1")], lineage=lineage)
    for indicator in ("N", "R"):
        mine = tagged.results[indicator]
        assert mine.status is untagged.results[indicator].status is Status.ACHIEVED
        assert mine.actual == untagged.results[indicator].actual
        assert mine.target == untagged.results[indicator].target
        assert many.status("P1", indicator) is mine.status
    assert tagged.unused == ()
    # one figure given both ways: refused at the second row, never one of them guessed
    both = Dataset([*_merged_data(), _count("2026", 21, "P1")])
    with pytest.raises(thidua.DataError) as info:
        thidua.evaluate(plan, both, "2026", lineage=lineage, area="P1")
    assert info.value.code == "data.duplicate_observation"
    assert "không ghi đơn vị" in info.value.message("vi")
    # a plan's org unit with the area's id keeps its rows: they are not the area's own
    with_unit = _plan(COUNT, org_units=(OrgUnit("P1", "Khu P1"),))
    kept = thidua.evaluate(with_unit, shared, "2026", lineage=lineage, area="P1")
    assert kept.results["N"].status is Status.NO_DATA


def test_a_merged_khom_without_its_predecessors_figure_names_it() -> None:
    """K2's 2025 row is missing: the ward's previous year is unknown, and K2 is named."""
    plan = _ward_plan(listed=False)
    rows = [o for o in _ward_rows() if not (o.org_unit == "K2" and o.indicator == "HO")]
    ho = thidua.evaluate(plan, Dataset(rows), "2026").results["HO"]
    assert ho.status is Status.NO_DATA
    assert ho.assessment.composed[0].missing == ("K2",)
    assert "thiếu số liệu của K2" in ho.explanation.vi
    mean = _plan(
        Indicator(
            "HO",
            "Bình quân hộ mỗi khóm",
            unit="household",
            rule=">= previous",
            aggregation="sum",
            across_org_units="mean",
        ),
        org_units=plan.org_units,
    )
    result = thidua.evaluate(mean, Dataset(_ward_rows()), "2026").results["HO"]
    assert result.target is not None
    assert result.target.quantity == thidua.Quantity(6, "household")  # (8 + 4) / 2 khóm
    assert "tổng của" not in result.explanation.vi  # a mean of khóm is no sum of parts
