"""evaluate_many's batch path always agrees with the full evaluation (issue 7)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import Dataset, Observation, Quantity, Status, ThiduaError
from thidua.clusters import Member, evaluate_many
from thidua.clusters.many import _as_ids, _owners  # the two ways of finding owners, compared
from thidua.clusters.model import member_table
from thidua.strategies import datasets, plans

from ..builders import plan_of

_ODD_VALUES = st.one_of(
    st.none(),  # an empty figure: a row without its value
    st.booleans(),
    st.builds(thidua.ratio, st.integers(0, 60), st.integers(0, 50)),
    st.builds(
        Quantity,
        st.integers(-5, 200),
        st.sampled_from([None, "percent", "person", "household", "million_VND", "point"]),
    ),
)


@st.composite
def _plan_and_data(draw: st.DrawFn) -> tuple[thidua.Plan, Dataset]:
    plan = draw(plans(max_indicators=5, year=2024))
    data = draw(datasets(plan, "2024"))
    leaves = [i.id for i in plan.indicators() if not i.is_composite]
    taken = {o.key for o in data}
    extra = []
    for _ in range(draw(st.integers(0, 4))):  # odd figures: other units, rates, months, khóm
        obs = Observation(
            draw(st.sampled_from(leaves)),
            draw(st.sampled_from(["2024", "2023", "2024-03", "2024-Q1"])),
            value=draw(_ODD_VALUES),
            org_unit=draw(st.sampled_from([None, None, "K1", "Khóm 2", "k2", "K3"])),
            kind=draw(st.sampled_from(["actual", "actual", "assigned"])),
        )
        if obs.key not in taken:
            taken.add(obs.key)
            extra.append(obs)
    return plan, Dataset([*data, *extra])


def _full(plan: thidua.Plan, data: Dataset) -> dict[str, Status] | str:
    try:
        return {k: r.status for k, r in thidua.evaluate(plan, data, "2024").results.items()}
    except ThiduaError as exc:
        return type(exc).__name__


def _batch(plan: thidua.Plan, data: Dataset, *, split: bool) -> dict[str, Status] | str:
    member = Member("X", "Xã X")
    given: Dataset | dict[str, Dataset] = {"X": data}
    if split:  # one dataset whose org_unit names the member
        given = Dataset(attrs_evolve(o, f"X/{o.org_unit}" if o.org_unit else "X") for o in data)
    try:
        many = evaluate_many(plan, given, "2024", members=[member])
    except ThiduaError as exc:
        return type(exc).__name__
    return dict(many.statuses("X"))


def attrs_evolve(obs: Observation, org_unit: str) -> Observation:
    """The observation with another org unit."""
    import attrs

    return attrs.evolve(obs, org_unit=org_unit)


@given(_plan_and_data(), st.booleans())
def test_the_batch_path_agrees_with_evaluate(
    case: tuple[thidua.Plan, Dataset], split: bool
) -> None:
    """Same status for every indicator and criterion, or the same error."""
    plan, data = case
    assert _batch(plan, data, split=split) == _full(plan, data)


@given(_plan_and_data())
def test_full_evaluations_on_demand_match(case: tuple[thidua.Plan, Dataset]) -> None:
    """The full evaluation made on demand has the statuses the batch path gave."""
    plan, data = case
    try:
        many = evaluate_many(plan, {"X": data}, "2024", members=[Member("X", "Xã X")])
    except ThiduaError:
        return
    assert {k: r.status for k, r in many["X"].results.items()} == dict(many.statuses("X"))


@given(_plan_and_data(), _plan_and_data(), st.booleans())
def test_members_sharing_one_dataset_are_judged_on_their_own_rows(
    first: tuple[thidua.Plan, Dataset], second: tuple[thidua.Plan, Dataset], by_name: bool
) -> None:
    """Two members in one dataset (the second written by id or by name): each as alone."""
    plan, mine = first
    _, theirs = second
    known = {i.id for i in plan.indicators()}
    theirs = Dataset(o for o in theirs if o.indicator in known)
    head = "Xã Y" if by_name else "Y"
    shared = Dataset(
        [
            *(attrs_evolve(o, f"X/{o.org_unit}" if o.org_unit else "X") for o in mine),
            *(attrs_evolve(o, f"{head}/{o.org_unit}" if o.org_unit else head) for o in theirs),
        ]
    )
    members = [Member("X", "Xã X"), Member("Y", "Xã Y")]
    expected = {"X": _full(plan, mine), "Y": _full(plan, theirs)}
    try:
        many = evaluate_many(plan, shared, "2024", members=members)
    except ThiduaError as exc:
        error = type(exc).__name__
    else:
        error = None
        assert {m: dict(many.statuses(m)) for m in ("X", "Y")} == expected
    assert error is None or error in expected.values()


def _alone(plan: thidua.Plan, data: Dataset) -> dict[str, Status] | ThiduaError:
    try:
        return {k: r.status for k, r in thidua.evaluate(plan, data, "2024").results.items()}
    except ThiduaError as exc:
        return exc


def _same_error(collected: ThiduaError, alone: ThiduaError, member: str) -> None:
    """The error collected for a member is the one evaluate() gives for its data alone."""
    assert type(collected) is type(alone)
    assert collected.code == alone.code
    assert collected.member == member
    for field in ("file", "line", "column", "indicator", "period"):
        assert getattr(collected, field) == getattr(alone, field), field
    for language in ("vi", "en"):
        assert collected.what(language) == alone.what(language)
        assert collected.how(language) == alone.how(language)


@given(_plan_and_data(), st.booleans())
def test_collect_on_good_data_is_raise(case: tuple[thidua.Plan, Dataset], split: bool) -> None:
    """errors="collect" changes nothing where no member fails; where one fails, raise raises."""
    plan, data = case
    member = Member("X", "Xã X")
    given_data: Dataset | dict[str, Dataset] = {"X": data}
    if split:
        given_data = Dataset(
            attrs_evolve(o, f"X/{o.org_unit}" if o.org_unit else "X") for o in data
        )
    collected = evaluate_many(plan, given_data, "2024", members=[member], errors="collect")
    try:
        raised = evaluate_many(plan, given_data, "2024", members=[member])
    except ThiduaError as exc:
        assert list(collected.errors) == ["X"]
        _same_error(collected.errors["X"], exc, "X")
        assert len(collected) == 0
        return
    assert not collected.errors
    assert dict(collected.statuses("X")) == dict(raised.statuses("X"))
    assert collected.rows() == raised.rows()


@given(st.lists(_plan_and_data(), min_size=2, max_size=4), st.booleans())
def test_collect_judges_each_member_as_alone(
    cases: list[tuple[thidua.Plan, Dataset]], shared: bool
) -> None:
    """Many members, some with bad data: each good one as alone, each bad one with its own error."""
    plan = cases[0][0]
    known = {i.id for i in plan.indicators()}
    members = [Member(f"X{i}", f"Xã {i}") for i in range(len(cases))]
    mine = [Dataset(o for o in data if o.indicator in known) for _, data in cases]
    given_data: Dataset | dict[str, Dataset]
    if shared:
        given_data = Dataset(
            attrs_evolve(o, f"{m.id}/{o.org_unit}" if o.org_unit else m.id)
            for m, data in zip(members, mine, strict=True)
            for o in data
        )
    else:
        given_data = {m.id: data for m, data in zip(members, mine, strict=True)}
    many = evaluate_many(plan, given_data, "2024", members=members, errors="collect")
    for member, data in zip(members, mine, strict=True):
        alone = _alone(plan, data)
        if isinstance(alone, ThiduaError):
            _same_error(many.errors[member.id], alone, member.id)
            assert member.id not in many
        else:
            assert member.id not in many.errors
            assert dict(many.statuses(member.id)) == alone
            assert {k: r.status for k, r in many[member.id].results.items()} == alone
    assert list(many) == [m.id for m in members if m.id not in many.errors]


def _facts(result: object) -> tuple[object, ...]:
    fields = ("indicator", "name", "status", "rule", "actual", "target", "margin")
    more = ("exceeded", "attainment")
    return tuple(getattr(result, f) for f in (*fields, *more))


@given(_plan_and_data(), st.booleans())
def test_the_batch_facts_are_the_full_results_facts(
    case: tuple[thidua.Plan, Dataset], split: bool
) -> None:
    """Status, actual, target, margin, exceeded, attainment: the same through both paths."""
    plan, data = case
    given_data: Dataset | dict[str, Dataset] = {"X": data}
    if split:
        given_data = Dataset(
            attrs_evolve(o, f"X/{o.org_unit}" if o.org_unit else "X") for o in data
        )
    try:
        fast = evaluate_many(plan, given_data, "2024", members=[Member("X", "Xã X")])
        facts = fast.facts("X")
    except ThiduaError:
        return
    full = thidua.evaluate(plan, data, "2024")
    assert {k: _facts(f) for k, f in facts.items()} == {
        k: _facts(r) for k, r in full.results.items()
    }


@given(_plan_and_data(), st.booleans())
def test_the_many_members_table_is_the_full_evaluations_table(
    case: tuple[thidua.Plan, Dataset], numeric: bool
) -> None:
    """to_dataframe() from the batch facts equals the one made from full evaluations."""
    plan, data = case
    try:
        many = evaluate_many(plan, {"X": data}, "2024", members=[Member("X", "Xã X")])
        fast = many.to_dataframe(numeric=numeric)
    except ThiduaError:
        return
    slow = many.to_dataframe(numeric=numeric, explanations=True)
    assert fast.equals(slow.drop(columns=["explanation_vi", "explanation_en"]))
    single = thidua.evaluate(plan, data, "2024").to_dataframe(numeric=numeric).reset_index()
    assert fast.drop(columns=["member", "member_name"]).equals(
        single.drop(columns=["explanation_vi", "explanation_en"])
    )


_WRITTEN = st.sampled_from(
    [
        None,
        "P1",
        "P2",
        "P1/K1",
        "P1/K2",
        "P2/K1",
        "P2/K3",
        "P1/K1/K2",
        "p1",
        "P1/k1",
        "P1/ K2",
        "P1/Khóm 1",
        "Phường 1/K2",
        "P9",
        "P1/K9",
    ]
)


@given(st.lists(_WRITTEN, max_size=10, unique=True))
def test_org_units_written_as_ids_are_read_as_however_written(written: list[str | None]) -> None:
    """A shared dataset's owners found from the ids (the quick way) are those read from the text.

    The quick way gives up (None) unless every org unit is written as an id; where it
    answers, it answers as reading each org unit's text does.
    """
    plan = plan_of(org_units=3)
    members = [Member("P1", "Phường 1"), Member("P2", "Phường 2")]
    data = Dataset(Observation("X", "2024", value=1, org_unit=w) for w in written)
    quick = _as_ids(data, members, plan)
    if quick is not None:
        assert quick == _owners(data, member_table(members), {})
    if all(w is None or w in ("P1", "P2", "P1/K1", "P1/K2", "P2/K1", "P2/K3") for w in written):
        assert quick is not None  # written as ids: the quick way answers
