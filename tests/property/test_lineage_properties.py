"""A merged unit's figures are those of a unit that had always been the union."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import Dataset, Indicator, IndicatorGroup, Member, Observation, Plan, Quantity

COUNT = Indicator("N", "Số hộ", unit="household", rule=">= previous", aggregation="sum")
RATE = Indicator("R", "Tỷ lệ", unit="percent", rule=">= previous", aggregation="rate", rate=True)
PLAN = Plan("p", "Kế hoạch", year=2026, groups=[IndicatorGroup("G", "g", indicators=[COUNT, RATE])])

_COUNTS = st.lists(st.integers(0, 10**6), min_size=1, max_size=5)
_RATES = st.lists(
    st.tuples(st.integers(0, 500), st.integers(1, 500)).map(lambda p: (min(p), max(p))),
    min_size=1,
    max_size=5,
)


def _ids(n: int) -> list[str]:
    return [f"X{i}" for i in range(n)]


def _lineage(predecessors: list[str], since: str = "2026-01-01") -> thidua.Lineage:
    rows = "".join(f"S,{p},{since}\n" for p in predecessors)
    return thidua.loads_lineage("successor,predecessor,date\n" + rows)


@given(own=st.none() | st.integers(0, 10**6), parts=_COUNTS, now=st.integers(0, 2 * 10**6))
def test_a_composed_count_is_the_count_of_the_union(
    own: int | None, parts: list[int], now: int
) -> None:
    """S with predecessors X0… judged as a unit holding their sums: the same result.

    With a figure of its own for 2025, S is merged on 1 July 2025 (2025 straddles
    its date: its own part is needed); without, on 1 January 2026 (a new code).
    """
    names = _ids(len(parts))
    since = "2026-01-01" if own is None else "2025-07-01"
    rows = [
        Observation("N", "2025", value=f"{v} hộ", org_unit=u)
        for u, v in zip(names, parts, strict=True)
    ]
    if own is not None:
        rows.append(Observation("N", "2025", value=f"{own} hộ"))
    rows.append(Observation("N", "2026", value=f"{now} hộ"))
    merged = thidua.evaluate(PLAN, Dataset(rows), "2026", lineage=_lineage(names, since), area="S")
    total = sum(parts) + (own or 0)
    union = Dataset(
        [
            Observation("N", "2025", value=f"{total} hộ"),
            Observation("N", "2026", value=f"{now} hộ"),
        ]
    )
    alone = thidua.evaluate(PLAN, union, "2026")
    mine, theirs = merged.results["N"], alone.results["N"]
    assert mine.status is theirs.status
    assert mine.target == theirs.target
    assert mine.margin == theirs.margin
    # and evaluate_many on one shared dataset agrees
    shared = Dataset(
        [
            Observation(o.indicator, o.period, value=o.value, org_unit=o.org_unit or "S")
            for o in rows
        ]
    )
    many = thidua.evaluate_many(
        PLAN,
        shared,
        "2026",
        members=[Member("S", "Đơn vị mới", predecessors=names, since=since)],
    )
    assert many.status("S", "N") is theirs.status
    assert many.facts("S")["N"].target == theirs.target
    # and evaluate(area="S") on that shared dataset (S's rows tagged S) agrees too
    tagged = thidua.evaluate(PLAN, shared, "2026", lineage=_lineage(names, since), area="S")
    assert tagged.results["N"].status is theirs.status
    assert tagged.results["N"].target == theirs.target


@given(parts=_RATES, now=st.tuples(st.integers(0, 100), st.integers(1, 100)))
def test_a_composed_rate_is_the_rate_of_the_summed_parts(
    parts: list[tuple[int, int]], now: tuple[int, int]
) -> None:
    """The previous rate is Σ numerators / Σ denominators, never the mean of the rates."""
    names = _ids(len(parts))
    rows = [
        Observation("R", "2025", numerator=n, denominator=d, org_unit=u)
        for u, (n, d) in zip(names, parts, strict=True)
    ]
    numerator, denominator = min(now), max(now)
    rows.append(Observation("R", "2026", numerator=numerator, denominator=denominator))
    merged = thidua.evaluate(PLAN, Dataset(rows), "2026", lineage=_lineage(names), area="S")
    result = merged.results["R"]
    summed = Fraction(sum(n for n, _ in parts), sum(d for _, d in parts))
    assert result.target is not None
    assert result.target.quantity == Quantity(summed * 100, "percent")
    mean = sum(Fraction(n, d) for n, d in parts) / len(parts)
    if mean != summed:
        assert result.target.quantity != Quantity(mean * 100, "percent")
    expected = (
        thidua.Status.ACHIEVED
        if Fraction(numerator, denominator) >= summed
        else thidua.Status.NOT_ACHIEVED
    )
    assert result.status is expected


@given(
    whole=st.integers(0, 10**4),
    shares=st.lists(st.integers(1, 9), min_size=2, max_size=4),
)
def test_divided_shares_add_up_to_the_whole(whole: int, shares: list[int]) -> None:
    """A predecessor divided among successors: their parts of it sum to its figure."""
    total = sum(shares)
    fractions = [Fraction(s, total) for s in shares]
    heirs = [f"S{i}" for i in range(len(shares))]
    rows = "".join(f"{h},X,2026-01-01,{f}\n" for h, f in zip(heirs, fractions, strict=True))
    lineage = thidua.loads_lineage("successor,predecessor,date,share\n" + rows)
    data = Dataset(
        [Observation("N", "2025", value=f"{whole} hộ", org_unit="X")]
        + [Observation("N", "2026", value="0 hộ", org_unit=h) for h in heirs]
    )
    many = thidua.evaluate_many(
        PLAN, data, "2026", members=[Member(h, h) for h in heirs], lineage=lineage
    )
    targets = [many.facts(h)["N"].target for h in heirs]
    assert all(t is not None and t.quantity is not None for t in targets)
    assert sum(t.quantity.magnitude for t in targets if t and t.quantity) == whole


_WARD = Indicator(
    "N",
    "Số hộ",
    unit="household",
    rule=">= previous",
    aggregation="sum",
    across_org_units="sum",
)


@given(
    before=st.lists(st.integers(0, 1000), min_size=3, max_size=3), now=_COUNTS, listed=st.booleans()
)
def test_a_wards_roll_up_counts_a_merged_khoms_predecessor_once(
    before: list[int], now: list[int], listed: bool
) -> None:
    """K1 absorbed K2 on 1/7/2025: the ward's 2025 is K1 + K2 + K3, on both paths."""
    k1 = thidua.OrgUnit("K1", "Khóm 1", predecessors=["K2"], since="2025-07-01")
    units = [k1, thidua.OrgUnit("K3", "Khóm 3")]
    if listed:
        units.insert(1, thidua.OrgUnit("K2", "Khóm 2"))
    plan = Plan(
        "p",
        "KH",
        year=2026,
        groups=[IndicatorGroup("G", "g", indicators=[_WARD])],
        org_units=units,
    )
    rows = [
        Observation("N", "2025", value=f"{v} hộ", org_unit=u)
        for v, u in zip(before, ("K1", "K2", "K3"), strict=True)
    ]
    now_k1, now_k3 = sum(now[::2]), sum(now[1::2])
    rows += [Observation("N", "2026", value=f"{now_k1} hộ", org_unit="K1")]
    rows += [Observation("N", "2026", value=f"{now_k3} hộ", org_unit="K3")]
    result = thidua.evaluate(plan, Dataset(rows), "2026").results["N"]
    assert result.target is not None
    assert result.target.quantity == Quantity(sum(before), "household")
    expected = now_k1 + now_k3 >= sum(before)
    assert result.status is (thidua.Status.ACHIEVED if expected else thidua.Status.NOT_ACHIEVED)
    many = thidua.evaluate_many(plan, {"W": Dataset(rows)}, "2026", members=[Member("W", "W")])
    assert many.status("W", "N") is result.status


@given(closed=st.integers(2020, 2030), absorbs=st.integers(2020, 2030))
def test_a_code_absorbs_only_before_it_closes(closed: int, absorbs: int) -> None:
    """P2 closes into P1 in one year and absorbs P9 in another: refused unless before."""
    text = f"successor,predecessor,date\nP1,P2,{closed}-07-01\nP2,P9,{absorbs}-07-01\n"
    if absorbs < closed:
        assert thidua.loads_lineage(text).closed("P2") is not None
        return
    with pytest.raises(thidua.DataError) as info:
        thidua.loads_lineage(text)
    assert info.value.code == "lineage.closed_successor"
    assert info.value.line == 3
