"""Scoring schemes: credit policies, bonuses and deductions, not-applicable policies."""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import Dataset, Indicator, Observation, PlanError, Status, ThiduaError
from thidua.evaluation.judging import check, checker
from thidua.rules import parse_rule
from thidua.scoring import (
    Adjustment,
    Band,
    Credit,
    NotApplicable,
    Scheme,
    Score,
    ScoreItem,
    Scorer,
    load_scheme,
    loads_scheme,
    score,
)
from thidua.units import Quantity

from .builders import plan_of

RATE = Indicator("R", "Tỷ lệ", unit="percent", rule=">= 95 %", rate=True)
COUNT = Indicator("N", "Cơ sở mới", unit="establishment", rule=">= 10")
ZERO = Indicator("Z", "Trọng án", unit="case", rule="== 0")
PLAN = plan_of(RATE, COUNT, ZERO)


def _evaluate(rate: object = "96%", count: object = 12, zero: object = 0) -> thidua.Evaluation:
    observations = []
    for indicator, value in (("R", rate), ("N", count), ("Z", zero)):
        if isinstance(value, thidua.Ratio):
            observations.append(
                Observation(
                    indicator, "2024", numerator=value.numerator, denominator=value.denominator
                )
            )
        elif value is not None:
            observations.append(Observation(indicator, "2024", value=value))
    return thidua.evaluate(PLAN, Dataset(observations), "2024")


def test_each_credit_policy() -> None:
    """All-or-nothing, proportional with a cap, and banded credit, each traced to a reason."""
    scheme = Scheme(
        "s",
        "Thang điểm",
        10,
        items=[
            ScoreItem(
                "R",
                "2.5",
                credit="banded",
                bands=[Band("từ 95% trở lên", "2.5"), Band(">= 90 %", 1)],
            ),
            ScoreItem("N", "5.5", credit="proportional", cap=1),
            ScoreItem("Z", 2),
        ],
    )
    s = score(_evaluate("96%", 15, 0), scheme)
    assert [line.awarded for line in s.lines] == [
        Fraction(5, 2),
        Fraction(11, 2),
        2,
    ]
    assert str(s.line("R").reason) == ">= 95 %: 2,5 điểm"
    assert s.line("N").reason.en == "5.5 × 100% attainment = 5.5 points"  # 150 %, capped
    with pytest.raises(PlanError, match="at most 1") as info:
        ScoreItem("N", 5, credit="proportional", cap="1.2")
    assert "adjustments" in str(info.value)
    assert s.line("Z").reason.vi == "đạt: 2 điểm"
    low = score(_evaluate("92%", 5, 1), scheme)
    assert [line.awarded for line in low.lines] == [1, Fraction(11, 4), 0]
    assert str(low.line("R").reason) == ">= 90 %: 1 điểm"
    assert low.line("Z").reason.en == "not achieved: 0 points"
    none = score(_evaluate("80%", None, 0), scheme)
    assert none.line("R").awarded == 0
    assert none.line("R").reason.vi == "không vào khung điểm nào: 0 điểm"
    assert none.line("N").reason.en == "no data: 0 points"


def test_bonus_and_deduction_caps() -> None:
    """Bonuses and deductions count per occurrence, each up to its cap."""
    scheme = Scheme(
        "s",
        "x",
        10,
        items=[ScoreItem("R", 4), ScoreItem("N", 4), ScoreItem("Z", 2)],
        adjustments=[
            Adjustment("sang-kien", "Sáng kiến", 1),
            Adjustment("vi-pham", "Vi phạm", 2, deduction=True),
        ],
        bonus_cap=3,
        deduction_cap=3,
    )
    s = score(_evaluate(), scheme, events={"sang-kien": 5, "vi-pham": 1})
    assert (s.earned, s.bonus, s.deduction, s.total) == (10, 3, 2, 11)
    assert score(_evaluate(), scheme, events={"vi-pham": 4}).deduction == 3
    with pytest.raises(ThiduaError, match="event 'khen' is not an adjustment"):
        score(_evaluate(), scheme, events={"khen": 1})
    with pytest.raises(ThiduaError, match="happened -1 times"):
        score(_evaluate(), scheme, events={"vi-pham": -1})


@pytest.mark.parametrize(
    ("policy", "possible", "total"),
    [
        ("spread", [0, Fraction(125, 2), Fraction(75, 2)], Fraction(100)),
        ("rescale", [0, 50, 25], Fraction(100)),
    ],
)
def test_not_applicable_points(policy: str, possible: list[int], total: Fraction) -> None:
    """Points of a not-applicable indicator are spread over the others, or the total is rescaled."""
    scheme = Scheme(
        "s",
        "x",
        100,
        items=[ScoreItem("R", 25), ScoreItem("N", 50), ScoreItem("Z", 25)],
        not_applicable=policy,
    )
    s = score(_evaluate(thidua.ratio(0, 0), 12, 0), scheme)
    assert s.line("R").status is Status.NOT_APPLICABLE
    assert [line.possible for line in s.lines] == possible
    assert s.total == total


def test_scheme_files_and_errors(tmp_path: object) -> None:
    """Schemes load from TOML; inconsistent schemes are PlanErrors that say why."""
    text = """
id = "cum-phuong"
name = "Thang điểm cụm phường"
maximum = 10
bonus_cap = 3
[[items]]
indicator = "R"
points = 2.5
credit = "banded"
[[items.bands]]
rule = "từ 95% trở lên"
points = 2.5
[[items]]
indicator = "N"
points = 7.5
credit = "proportional"
[[adjustments]]
id = "sang-kien"
name = "Sáng kiến được công nhận"
points = 1
"""
    scheme = loads_scheme(text)
    assert scheme.items[0].credit is Credit.BANDED
    assert scheme.items[0].bands[0].rule == thidua.parse_rule(">= 95 %")
    assert scheme.not_applicable is NotApplicable.SPREAD
    path = tmp_path / "scheme.toml"  # type: ignore[operator]
    path.write_text(text, encoding="utf-8")
    assert load_scheme(path) == scheme
    for bad, message in [
        (
            'id = "s"\nname = "x"\nmaximum = 10\ncolour = 1\n',
            "scheme.toml:4: at colour: unknown key 'colour'",
        ),
        (
            'id = "s"\nname = "x"\nmaximum = 10\n[[items]]\nindicator = "R"\npoints = 5\n',
            "add up to 5, not the maximum 10",
        ),
        (
            'id = "s"\nname = "x"\nmaximum = 5\n[[items]]\nindicator = "R"\npoints = 5\ncredit = "banded"\n',
            "banded credit for R needs bands",
        ),
        (
            'id = "s"\nname = "x"\nmaximum = 5\n[[items]]\nindicator = "R"\npoints = -5\n',
            "must not be negative",
        ),
        (
            'id = "s"\nname = "x"\nmaximum = 5\n[[items]]\nindicator = "R"\npoints = 5\ncredit = "some"\n',
            "scheme.toml:7: at items[0].credit: credit 'some' must be one of 'all_or_nothing'",
        ),
        (
            'id = "s"\nname = "x"\nmaximum = 10\n[[items]]\nindicator = "R"\npoints = 5\n[[items]]\nindicator = "R"\npoints = 5\n',
            "indicator 'R' is scored twice",
        ),
        ("id = ", "not valid TOML"),
    ]:
        with pytest.raises(PlanError, match=message.replace("[", r"\[").replace("(", r"\(")):
            loads_scheme(bad, file="scheme.toml")
    with pytest.raises(ThiduaError, match="which the plan does not have"):
        score(_evaluate(), Scheme("s", "x", 1, items=[ScoreItem("KT99", 1)]))


@given(st.integers(0, 30), st.integers(0, 30), st.integers(0, 5), st.integers(0, 5))
def test_score_never_exceeds_maximum_plus_bonus_cap(
    count: int, percent: int, bonus: int, deduction: int
) -> None:
    """A score never exceeds the scheme's maximum plus its bonus cap."""
    scheme = Scheme(
        "s",
        "x",
        100,
        items=[
            ScoreItem("R", 30, credit="proportional", cap=1),
            ScoreItem("N", 50, credit="proportional", cap=1),
            ScoreItem("Z", 20),
        ],
        adjustments=[Adjustment("b", "b", 2), Adjustment("d", "d", 2, deduction=True)],
        bonus_cap=5,
    )
    s = score(
        _evaluate(f"{80 + percent % 21}%", count, 0), scheme, events={"b": bonus, "d": deduction}
    )
    assert s.total <= scheme.maximum + 5


@given(
    st.integers(0, 30),
    st.integers(0, 30),
    st.sampled_from(["all_or_nothing", "proportional", "banded"]),
)
def test_raising_an_actual_never_lowers_the_score(a: int, b: int, credit: str) -> None:
    """Under these monotone schemes, more of a good thing never scores less."""
    low, high = sorted((a, b))
    bands = [Band(">= 10", 50), Band(">= 5", 20)] if credit == "banded" else []
    scheme = Scheme("s", "x", 50, items=[ScoreItem("N", 50, credit=credit, bands=bands)])
    assert score(_evaluate(count=low), scheme).total <= score(_evaluate(count=high), scheme).total


@given(st.lists(st.booleans(), min_size=3, max_size=3), st.sampled_from(list(NotApplicable)))
def test_spreading_keeps_the_maximum(not_applicable: list[bool], policy: NotApplicable) -> None:
    """Whatever does not apply, the points that can be earned still add up to the maximum."""
    rate = thidua.ratio(0, 0) if not_applicable[0] else "96%"
    plan_values = (rate, 12, 0)
    scheme = Scheme(
        "s",
        "x",
        100,
        items=[ScoreItem("R", 25), ScoreItem("N", 50), ScoreItem("Z", 25)],
        not_applicable=policy,
    )
    s = score(_evaluate(*plan_values), scheme)
    if policy is NotApplicable.SPREAD:
        assert sum(line.possible for line in s.lines) == scheme.maximum
    assert s.total == scheme.maximum  # everything applicable was achieved


@pytest.mark.parametrize(
    ("rule", "unit"),
    [
        (">= 95 %", "percent"),
        ("> 97.5 %", "percent"),
        ("<= 10 household", "household"),
        ("== 0 case", "case"),
        (">= 8 .. 10 household", "household"),
        (">= 95 %", None),
        (">= 95 %", "household"),
        ("is true", None),
    ],
)
def test_a_band_checker_is_check(rule: str, unit: str | None) -> None:
    """judging.checker gives check()'s status, or raises its error, for every kind of value."""
    parsed = parse_rule(rule)
    decide = checker(parsed, unit=unit)
    values: list[object] = [
        Quantity(Fraction(195, 2), "percent"),
        Quantity(95, "percent"),
        Quantity(Fraction(19, 20), "dimensionless"),
        Quantity(9, "household"),
        Quantity(12, "household"),
        Quantity(0, "case"),
        Quantity(3, "case"),
        Quantity(96),
        Quantity(-1, "household"),
        Quantity(101, "percent"),
        Quantity(5, "VND"),
        "96 %",
        "đạt",
        True,
        None,
    ]
    for value in values:
        try:
            expected: object = check(parsed, value, unit=unit)
        except ThiduaError as exc:
            expected = exc.code
        try:
            got: object = decide(value)
        except ThiduaError as exc:
            got = exc.code
        assert got == expected, value


@given(
    st.lists(
        st.tuples(
            st.sampled_from([Status.ACHIEVED, Status.NOT_ACHIEVED, Status.NO_DATA]),
            st.booleans(),
            st.integers(0, 300),
            st.integers(1, 200),
            st.sampled_from(["95", "97.5", "98", "99.9", "100", "94.99"]),
            st.dictionaries(st.sampled_from(["sang-kien", "vi-pham"]), st.integers(1, 3)),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_scoring_many_units_is_scoring_each(
    units: list[tuple[Status, bool, int, int, str, dict[str, int]]],
) -> None:
    """Scorer.score_many gives each unit the score Scorer.score gives it alone.

    An attainment read as its two integers (not reduced) scores as its
    fraction; equal bands and equal events, memoised, score as the first did;
    every total is the one its Score computes.
    """
    scheme = Scheme(
        "s",
        "x",
        12,
        items=[
            ScoreItem("P", 4, credit="proportional", cap=Fraction(1)),
            ScoreItem("B", 4, credit="banded", bands=[Band("≥ 97,5%", 4), Band("≥ 95%", 2)]),
            ScoreItem("A", 4),
        ],
        adjustments=[
            Adjustment("sang-kien", "Sáng kiến", 1),
            Adjustment("vi-pham", "Vi phạm", 2, deduction=True),
        ],
        bonus_cap=2,
    )
    scorer = Scorer(scheme, ["p", "b", "a"], [">= assigned", ">= 95 %", ">= 100 %"])
    statuses = [[u[0] for u in units] for _ in range(3)]
    exceeded = [[u[1] for u in units] for _ in range(3)]
    decided = [u[0] is not Status.NO_DATA for u in units]
    pairs = [(u[2], u[3]) if d else None for u, d in zip(units, decided, strict=True)]
    bands = [Quantity(u[4], "percent") if d else None for u, d in zip(units, decided, strict=True)]
    many = scorer.score_many(statuses, exceeded, {0: pairs, 1: bands}, [u[5] for u in units])
    for n, unit in enumerate(units):
        attainment = None if pairs[n] is None else Fraction(*pairs[n])  # type: ignore[misc]
        alone = Scorer(scheme, ["p", "b", "a"], [">= assigned", ">= 95 %", ">= 100 %"]).score(
            [unit[0]] * 3, [unit[1]] * 3, {0: attainment, 1: bands[n]}, unit[5]
        )
        assert many[n] == alone
        made = many[n]
        assert isinstance(made, Score)
        assert made.total == Score(*attrs.astuple(made, recurse=False)).total == alone.total
        assert [line.reason for line in made.lines] == [line.reason for line in alone.lines]
