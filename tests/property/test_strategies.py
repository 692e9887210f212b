"""The public strategies: values_for agrees with check, generated plans and data work."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import DataError, Status, check, parse_rule
from thidua.strategies import (
    BOUNDARY,
    Case,
    datasets,
    indicators,
    periods,
    plans,
    quantities,
    rule_texts,
    rules,
    values_for,
)

STATUSES = st.sampled_from([*Status, BOUNDARY])


@given(rules(), STATUSES, st.data())
def test_values_for_gives_the_status_it_promises(
    rule: thidua.Rule, status: object, data: st.DataObject
) -> None:
    """Every case values_for draws is judged by check() as promised (or refused clearly)."""
    refusal = None
    try:
        case = data.draw(values_for(rule, status))  # type: ignore[arg-type]
    except DataError as exc:
        refusal = str(exc)
    if refusal is not None:
        assert any(word in refusal for word in ("no ", "cannot", "not applicable"))
        return
    assert isinstance(case, Case)
    assert case.check() is case.expected
    assert check(rule, case.value, previous=case.previous, assigned=case.assigned) is case.expected
    if status != BOUNDARY:
        assert case.expected is status


@given(rules(kinds=["quantity", "previous", "previous_offset", "assigned_factor"]), st.data())
def test_boundary_values_sit_exactly_on_the_threshold(
    rule: thidua.Comparison, data: st.DataObject
) -> None:
    """A boundary case is achieved exactly for >=, <=, == and not for >, <, !=."""
    case = data.draw(values_for(rule, BOUNDARY))
    inclusive = rule.op.value in (">=", "<=", "==")
    assert case.expected is (Status.ACHIEVED if inclusive else Status.NOT_ACHIEVED)
    assessment = thidua.assess(rule, case.value, previous=case.previous, assigned=case.assigned)
    assert assessment.margin is not None
    assert assessment.margin.magnitude == 0


@given(rule_texts())
def test_rule_texts_parse(text: str) -> None:
    """Every generated rule text is read by parse_rule."""
    assert parse_rule(text) is not None


@given(quantities("household", min_value=0), periods(), indicators())
def test_building_blocks(
    quantity: thidua.Quantity, period: thidua.Period, indicator: thidua.Indicator
) -> None:
    """Quantities, periods and indicators are valid values that survive printing."""
    assert quantity.unit == "household"
    assert quantity.magnitude >= 0
    assert thidua.parse_period(str(period)) == period
    assert all(i.rule is not None or i.criteria for i in indicator.walk())


@given(plans(), st.data())
def test_generated_plans_and_datasets_evaluate_and_round_trip(
    plan: thidua.Plan, data: st.DataObject
) -> None:
    """Generated plans dump and load equal; their datasets evaluate; nothing is lost."""
    assert thidua.loads_plan(thidua.dumps_plan(plan)) == plan
    dataset = data.draw(datasets(plan))
    evaluation = thidua.evaluate(plan, dataset)
    _every_observation_is_accounted_for(evaluation, dataset)


def _every_observation_is_accounted_for(
    evaluation: thidua.Evaluation, dataset: thidua.Dataset
) -> None:
    used = {id(o) for r in evaluation.results.values() for o in r.observations}
    unused = [id(u.observation) for u in evaluation.unused]
    assert len(unused) == len(set(unused))
    assert used.isdisjoint(unused)
    assert used | set(unused) == {id(o) for o in dataset}


@given(st.data())
def test_the_seed_accounts_for_every_observation(data: st.DataObject) -> None:
    """On the seed data, for any period and as-of date, each observation is used or explained."""
    plan = thidua.examples.hoa_thuan_2024()
    dataset = thidua.examples.hoa_thuan_2024_data()
    period = data.draw(st.sampled_from(["2024", "2024-H1", "2024-Q3", "2023", "2024-06"]))
    as_of = data.draw(st.none() | st.dates(dt.date(2024, 1, 1), dt.date(2025, 1, 31)))
    if as_of is not None and as_of < thidua.parse_period(period).start:
        return
    _every_observation_is_accounted_for(
        thidua.evaluate(plan, dataset, period, as_of=as_of), dataset
    )


def test_values_for_refuses_impossible_requests() -> None:
    """Impossible requests are DataErrors (ThiduaErrors and ValueErrors)."""
    with pytest.raises(DataError, match="no not_applicable values"):
        values_for("is true", Status.NOT_APPLICABLE)
    with pytest.raises(DataError, match="no boundary values"):
        values_for("is true", BOUNDARY)
    with pytest.raises(DataError, match="not applicable only when"):
        values_for("all org units", Status.NOT_APPLICABLE)


@given(st.data())
def test_datasets_give_a_base_year_that_is_the_period_before_once(data: st.DataObject) -> None:
    """A ``year 2023`` rule in a 2024 plan compares with the period before: one row, not two."""
    plan = thidua.Plan(
        "p",
        "Kế hoạch",
        year=2024,
        groups=[
            thidua.IndicatorGroup(
                "CK",
                "Chỉ tiêu",
                indicators=[
                    thidua.Indicator("A", "Thu ngân sách", rule=parse_rule(">= year 2023"))
                ],
            )
        ],
    )
    dataset = data.draw(datasets(plan))
    assert len({(o.indicator, o.period, o.kind) for o in dataset}) == len(dataset)
