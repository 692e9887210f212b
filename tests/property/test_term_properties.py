"""Properties of term targets: exact milestones and boundaries, canonical round trips."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import Quantity, Status
from thidua.evaluation.core import compile_rule, compile_term
from thidua.rules import AnnualChange, AnnualGrowth, ByYear, Comparison, Op, Previous
from thidua.strategies import TERM_KINDS, decimals, rules
from thidua.terms import milestones


@given(rules(kinds=TERM_KINDS))
def test_canonical_round_trip(rule: thidua.Rule) -> None:
    """Every term rule prints to canonical text that reads back equal."""
    assert thidua.parse_rule(str(rule)) == rule


@given(
    target=decimals(min_value=0, max_value=100, places=2),
    baseline=decimals(min_value=0, max_value=100, places=2),
    base_year=st.integers(2000, 2090),
    length=st.integers(1, 10),
)
def test_a_level_by_the_end_year_is_reached_exactly(
    target: Fraction, baseline: Fraction, base_year: int, length: int
) -> None:
    """The last milestone of a level by the end year is the target, exactly; the path is linear."""
    end = base_year + length
    rule = ByYear(Op.GE, Quantity(target, "percent"), end)
    path = milestones(rule, Quantity(baseline, "percent"), base_year, end)
    assert path[end] == Quantity(target, "percent")
    steps = {
        path[y].magnitude - (path[y - 1].magnitude if y > base_year + 1 else baseline) for y in path
    }
    assert len(steps) == 1


@given(
    growth=st.integers(1, 30),
    baseline=st.integers(1, 10**6),
    years=st.integers(0, 8),
)
def test_growth_boundaries_are_exact(growth: int, baseline: int, years: int) -> None:
    """The boundary base × (1 + g)ⁿ is achieved; the least unit less is not."""
    rule = AnnualGrowth(Op.GE, Quantity(100 + growth, "percent"))
    exact = baseline * Fraction(100 + growth, 100) ** years
    below = exact - Fraction(1, 10**30)
    assert (
        thidua.check(
            rule,
            Quantity(exact, "billion_VND"),
            baseline=Quantity(baseline, "billion_VND"),
            years=years,
        )
        is Status.ACHIEVED
    )
    assert (
        thidua.check(
            rule,
            Quantity(below, "billion_VND"),
            baseline=Quantity(baseline, "billion_VND"),
            years=years,
        )
        is Status.NOT_ACHIEVED
    )
    path = milestones(rule, Quantity(baseline, "billion_VND"), 2025, 2025 + max(years, 1))
    assert path[2025 + max(years, 1)].magnitude == baseline * Fraction(100 + growth, 100) ** max(
        years, 1
    )


@given(
    step=decimals(min_value=-10, max_value=10, places=2),
    baseline=decimals(min_value=0, max_value=100, places=2),
    length=st.integers(1, 10),
)
def test_a_yearly_change_is_linear_and_reaches_its_end(
    step: Fraction, baseline: Fraction, length: int
) -> None:
    """A yearly change: the end-year milestone is base + step × years, exactly."""
    rule = AnnualChange(Op.LE, Quantity(step, "percent"))
    assert thidua.parse_rule(str(rule)) == rule
    path = milestones(rule, Quantity(baseline, "percent"), 2025, 2025 + length)
    assert path[2025 + length].magnitude == baseline + step * length


@given(total=st.integers(1, 10**6), years=st.integers(1, 10))
def test_a_cumulative_total_is_reached_exactly(total: int, years: int) -> None:
    """The pro-rata path of a cumulative total ends at the total."""
    rule = thidua.parse_rule(f"cumulative >= {total} billion_VND over 2026-{2025 + years}")
    path = milestones(rule, None, 2025, 2025 + years)
    assert path[2025 + years] == Quantity(total, "billion_VND")
    assert list(path) == list(range(2026, 2026 + years))


_BOUNDED = thidua.Indicator(
    "HN", "Tỷ lệ hộ nghèo", unit="%", rule="<= 5 %", minimum="0 %", maximum="100 %"
)
_OPEN = thidua.Indicator("HN", "Tỷ lệ hộ nghèo", unit="%", rule="<= 5 %")


@given(
    step=decimals(min_value=-10, max_value=10, places=2),
    baseline=decimals(min_value=0, max_value=100, places=2),
    years=st.integers(1, 10),
    declared=st.booleans(),
)
def test_a_figure_at_the_bound_is_never_behind_a_path_beyond_it(
    step: Fraction, baseline: Fraction, years: int, declared: bool
) -> None:
    """At 0 % (less is better) or 100 % (more is better) a rate is never behind its path.

    With the bounds declared the path is clipped to them (on the path); without,
    a path beyond them is not judged (no data), never judged behind.
    """
    indicator = _BOUNDED if declared else _OPEN
    for op, bound in ((Op.LE, 0), (Op.GE, 100)):
        rule = AnnualChange(op, Quantity(step, "percent"))
        judge = compile_term(rule, thidua.default_units(), indicator=indicator, base_year=2025)
        got = judge.assess(
            Quantity(bound, "percent"), baseline=Quantity(baseline, "percent"), years=years
        )
        assert got.status is not Status.NOT_ACHIEVED
        if declared:
            assert got.status is Status.ACHIEVED
            milestone = got.target.quantity if got.target else None
            assert milestone is not None
            assert 0 <= milestone.magnitude <= 100  # exact, within the bounds


@given(
    change=decimals(min_value=-10, max_value=10, places=2),
    previous=decimals(min_value=0, max_value=100, places=2),
    declared=st.booleans(),
)
def test_a_figure_at_the_bound_meets_a_change_beyond_it(
    change: Fraction, previous: Fraction, declared: bool
) -> None:
    """``≤ previous − x`` points: 0 % is never behind; the same on every path."""
    indicator = _BOUNDED if declared else _OPEN
    rule = Comparison(Op.LE, Previous(offset=Quantity(change, "percent")))
    judge = compile_rule(rule, thidua.default_units(), indicator=indicator)
    got = judge.assess(Quantity(0, "percent"), previous=Quantity(previous, "percent"))
    assert got.status is not Status.NOT_ACHIEVED
    quick = judge.status(Quantity(0, "percent"), previous=Quantity(previous, "percent"))
    assert quick in (None, got.status)
    if declared:
        assert got.status is Status.ACHIEVED
