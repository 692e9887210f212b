"""Properties of three-valued (Kleene) logic of composites and org-unit counts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from thidua import Combine, Op, OrgUnits, Status, check, combine

statuses = st.sampled_from(list(Status))
A, N, D, X = Status.ACHIEVED, Status.NOT_ACHIEVED, Status.NO_DATA, Status.NOT_APPLICABLE

# Kleene truth tables: A = true, N = false, D = unknown.
ALL_TABLE = {(A, A): A, (A, N): N, (A, D): D, (N, N): N, (N, D): N, (D, D): D}
ANY_TABLE = {(A, A): A, (A, N): A, (A, D): A, (N, N): N, (N, D): D, (D, D): D}


def test_all_matches_the_kleene_truth_table() -> None:
    """`all` of two criteria is Kleene conjunction, in either order."""
    for (a, b), expected in ALL_TABLE.items():
        assert combine(Combine.ALL, [a, b]) is expected
        assert combine(Combine.ALL, [b, a]) is expected


def test_any_matches_the_kleene_truth_table() -> None:
    """`any` of two criteria is Kleene disjunction, in either order."""
    for (a, b), expected in ANY_TABLE.items():
        assert combine(Combine.ANY, [a, b]) is expected
        assert combine(Combine.ANY, [b, a]) is expected


@given(
    st.lists(statuses, max_size=8),
    st.randoms(use_true_random=False),
    st.sampled_from(list(Combine)),
)
def test_combination_is_order_independent(items: list[Status], rnd: object, how: Combine) -> None:
    """Shuffling the criteria never changes the combined status."""
    shuffled = list(items)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert combine(how, items) is combine(how, shuffled)


@given(st.lists(statuses, max_size=8), st.sampled_from(list(Combine)))
def test_not_applicable_criteria_are_ignored(items: list[Status], how: Combine) -> None:
    """Adding a not-applicable criterion changes nothing, unless all were not applicable."""
    relevant = [s for s in items if s is not X]
    if relevant:
        assert combine(how, [*items, X]) is combine(how, relevant)
    else:
        assert combine(how, [*items, X]) is X


@given(st.lists(statuses, min_size=1, max_size=8))
def test_all_and_any_are_dual(items: list[Status]) -> None:
    """not(all(x)) == any(not x): swapping achieved/not achieved maps all to any."""
    swap = {A: N, N: A, D: D, X: X}
    assert swap[combine(Combine.ALL, items)] is combine(Combine.ANY, [swap[s] for s in items])


@given(
    st.lists(st.sampled_from([True, False, None]), min_size=1, max_size=10),
    st.integers(0, 10),
    st.sampled_from([Op.GE, Op.GT, Op.LE, Op.LT, Op.EQ, Op.NE]),
)
def test_org_unit_counts_decide_exactly_when_missing_units_cannot_matter(
    values: list[bool | None], count: int, op: Op
) -> None:
    """An org-unit rule is decided iff every filling-in of the missing units agrees."""
    rule = OrgUnits(count, op)
    mapping = {f"K{i}": v for i, v in enumerate(values)}
    achieved = values.count(True)
    unknown = values.count(None)
    outcomes = {op.holds(achieved + k, count) for k in range(unknown + 1)}
    status = check(rule, mapping)
    if outcomes == {True}:
        assert status is A
    elif outcomes == {False}:
        assert status is N
    else:
        assert status is D


@given(st.lists(st.sampled_from([True, False, None]), min_size=1, max_size=10))
def test_all_org_units(values: list[bool | None]) -> None:
    """`all org units` is achieved iff all are, not achieved iff one is not."""
    status = check(OrgUnits(), {f"K{i}": v for i, v in enumerate(values)})
    if False in values:
        assert status is N
    elif None in values:
        assert status is D
    else:
        assert status is A
