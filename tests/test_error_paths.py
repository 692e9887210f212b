"""Every error path raises a ThiduaError subclass that names its location."""

from __future__ import annotations

import datetime as dt

import pytest

import thidua
from thidua import (
    DataError,
    Dataset,
    Indicator,
    IndicatorGroup,
    IssueDate,
    Observation,
    OrgUnit,
    ParseError,
    Period,
    PeriodKind,
    Plan,
    Quantity,
    Report,
    Responsibility,
    ThiduaError,
    UnitDefinition,
)
from thidua.data import Source

from .builders import plan_of as _plan


@pytest.mark.parametrize(
    ("build", "message", "indicator"),
    [
        (
            lambda: Plan(
                "p", "t", year=2024, groups=[IndicatorGroup("G", "g"), IndicatorGroup("G", "h")]
            ),
            "id 'G' is used twice",
            None,
        ),
        (
            lambda: _plan(org_units=[OrgUnit("K1", "a"), OrgUnit("K1", "b")]),
            "org unit id 'K1' is used twice",
            None,
        ),
        (  # lookups fold ids: K1 and k1 would be one khóm read twice
            lambda: _plan(org_units=[OrgUnit("K1", "a"), OrgUnit("k1", "b")]),
            "org unit id 'k1' is used twice (the same id as 'K1'",
            None,
        ),
        (
            lambda: _plan(
                Indicator("I", "x", rule=">= 1"),
                responsibilities=[Responsibility("VP", indicators=["ZZ"])],
            ),
            "names the unknown indicator 'ZZ'",
            None,
        ),
        (
            lambda: _plan(units=[UnitDefinition("household")]),
            "unit 'household' is defined twice",
            None,
        ),
        (
            lambda: _plan(
                Indicator("I", "x", rule=">= 6 org units"), org_units=[OrgUnit("K1", "a")]
            ),
            "asks for more org units than the plan's 1",
            "I",
        ),
        (
            lambda: _plan(Indicator("I", "x", unit="household", rule=">= 1", rate=True)),
            "a rate indicator must be in percent",
            "I",
        ),
        (
            lambda: _plan(Indicator("I", "x", unit="case", rule=">= previous * 2 case")),
            "must be a percent or a plain number",
            "I",
        ),
        (
            lambda: _plan(
                Indicator("I", "x", unit="case", rule=">= 1", maximum=Quantity(1, "percent"))
            ),
            "the maximum is in '%', which does not fit the indicator's unit 'case'",
            "I",
        ),
        (
            lambda: _plan(Indicator("I", "x", unit="thùng", rule=">= 1")),
            "unknown unit 'thùng'",
            "I",
        ),
        (
            lambda: _plan(Indicator("I", "x", unit="case", rule="<= previous - 2 household")),
            "the rule is in 'household', which does not fit the indicator's unit 'case'",
            "I",
        ),
        (
            lambda: Indicator("C", "c", combine="all", criteria=["x"]),
            "the criteria must be an Indicator, not 'x'",
            None,
        ),
        (lambda: Indicator("C", "c", rule=">= 1", combine="all"), "but there are no criteria", "C"),
        (
            lambda: Indicator("C", "c", rule="all org units", per_org_unit="all org units"),
            "cannot itself count org units",
            "C",
        ),
        (lambda: Indicator("C", "c", rule=5), "must be a Rule or rule text", None),
        (lambda: Indicator("C", 5, rule=">= 1"), "the indicator name must be text, not 5", None),
        (
            lambda: Plan("p", "t", year=2024, purposes="one"),
            "a purpose must be a list of texts, not 'one'",
            None,
        ),
        (
            lambda: Plan("p", "t", year=2024, number_format="fr"),
            "number_format='fr' must be 'vi' or 'en'",
            None,
        ),
        (
            lambda: IssueDate(2024, month=2, day=31),
            "the date of issue 31/2/2024 does not exist",
            None,
        ),
        (
            lambda: Report("r", "2024", "10/6"),
            "the due date '10/6' must be a date written 2024-06-10",
            None,
        ),
        (lambda: Period(0), "the year 0 lies outside the years 1900 to 2200", None),
        (lambda: Period(2024, PeriodKind.QUARTER, 5), "index=5 must be an int from 1 to 4", None),
        (lambda: thidua.parse_period(2024.5), "must be text such as", None),
        (lambda: Observation("I", "2024", kind="guess"), "kind='guess'", None),
        (
            lambda: Observation("I", "2024", numerator="đạt", denominator=1),
            "must be a plain number",
            None,
        ),
        (
            lambda: Observation("I", "2024", value="đạt", numerator=1, denominator=2),
            "cannot also have a yes/no value",
            "I",
        ),
        (lambda: Dataset(["not an observation"]), "a Dataset holds Observations", None),
        (lambda: _plan().indicator("ZZ"), "the plan has no indicator 'ZZ'", "ZZ"),
        (lambda: thidua.examples.plan("nowhere-2024"), "there is no example 'nowhere-2024'", None),
        (
            lambda: thidua.assess("all org units", {"K1": True}, per_org_unit="all org units"),
            "cannot itself count org units",
            None,
        ),
        (lambda: thidua.parse_value("abc"), "cannot read 'abc' as a quantity", None),
        (lambda: thidua.default_units().resolve("furlong"), "unknown unit 'furlong'", None),
        (lambda: thidua.Quantity(1, ""), "unit='' is empty", None),
        (lambda: thidua.Quantity(1, 5), "unit=5 must be a unit name", None),
        (lambda: thidua.formats.render(_evaluation(), "pdf"), "format='pdf' must be one of", None),
        (
            lambda: thidua.formats.render(_evaluation(), "json", language="fr"),
            "language='fr'",
            None,
        ),
    ],
)
def test_error_paths(build: object, message: str, indicator: str | None) -> None:
    """Each bad input raises a ThiduaError whose message says what is wrong."""
    with pytest.raises(ThiduaError) as info:
        build()  # type: ignore[operator]
    assert message in str(info.value)
    if indicator is not None:
        assert info.value.indicator == indicator


def _evaluation() -> thidua.Evaluation:
    return thidua.evaluate(_plan(Indicator("I", "x", rule=">= 1")), Dataset())


def test_small_model_helpers() -> None:
    """Dates, sources, labels and lookups behave as documented."""
    assert Report("r", "2024-H1", dt.datetime(2024, 6, 10, 8, 0)).due == dt.date(2024, 6, 10)
    assert Report("r", "2024-H1", "2024-06-10").due == dt.date(2024, 6, 10)
    assert str(IssueDate(2024, month=1)) == "ngày … tháng 01 năm 2024"
    assert str(IssueDate(2024, month=1, day=11)) == "ngày 11 tháng 01 năm 2024"
    assert str(Source("d.csv", 3, "Công an")) == "d.csv:3 (Công an)"
    assert str(Source(None, 3)) == "line 3"
    assert str(Source()) == "(unknown)"
    assert str(Source(reference="Kho bạc")) == "Kho bạc"
    assert Period(2024, PeriodKind.MONTH, 6).label() == "tháng 6/2024"
    assert Period(2024, PeriodKind.HALF, 2).label() == "6 tháng cuối năm 2024"
    assert Period(2024).label("en") == "2024"
    assert Period(2023) < Period(2024)
    assert "2024" not in Period(2024)
    plan = _plan(Indicator("I", "x", rule=">= 1"), org_units=[OrgUnit("K1", "Khóm 1")])
    assert plan.org_unit("khóm 1") == plan.org_units[0]
    assert plan.find_org_unit("K9") is None
    assert plan.find_org_unit(" KHÓM  1 ") == plan.org_units[0]
    with pytest.raises(thidua.NotFoundError, match="the plan has no org unit 'K9'") as info:
        plan.org_unit("K9")
    assert info.value.code == "plan.unknown_org_unit"
    assert isinstance(info.value, KeyError)
    assert thidua.Status.NOT_APPLICABLE.label("en") == "Not applicable"
    assert str(thidua.Explanation("vi", "en")) == "vi"


def test_explanations_of_every_shape() -> None:
    """Explanations for zero-denominator policies, money, any-composites and empty org units."""
    plan = Plan(
        "p",
        "t",
        year=2024,
        groups=[
            IndicatorGroup(
                "G",
                "g",
                indicators=[
                    Indicator(
                        "R",
                        "Tỷ lệ",
                        unit="percent",
                        rule="> 90 %",
                        rate=True,
                        zero_denominator="achieved",
                    ),
                    Indicator("M", "Thu", unit="VND", rule=">= 500 triệu đồng"),
                    Indicator(
                        "A",
                        "Any",
                        combine="any",
                        criteria=[
                            Indicator("A1", "a", rule="is true"),
                            Indicator("A2", "b", rule="is false"),
                        ],
                    ),
                    Indicator("O", "Khóm", rule="all org units", per_org_unit=">= previous"),
                ],
            )
        ],
        org_units=[OrgUnit("K1", "Khóm 1"), OrgUnit("K2", "Khóm 2")],
    )
    data = Dataset(
        [
            Observation("R", "2024", numerator=0, denominator=0),
            Observation("M", "2024", value="750000 nghìn đồng"),
            Observation("A1", "2024", value=False),
            Observation("A2", "2024", value=False),
            Observation("O", "2024", value=5, org_unit="K1"),
            Observation("O", "2023", value=4, org_unit="K1"),
            Observation("O", "2024", value=3, org_unit="K2"),
            Observation("O", "2023", value=4, org_unit="K2"),
        ]
    )
    ev = thidua.evaluate(plan, data, "2024")
    assert ev.results["R"].status is thidua.Status.ACHIEVED
    assert "mẫu số bằng 0 (0/0)" in ev.results["R"].explanation.vi
    assert ev.results["M"].explanation.vi == "Thu: 750 triệu đồng ≥ 500 triệu đồng — Đạt"
    assert ev.results["A"].status is thidua.Status.ACHIEVED
    assert "(cần đạt ít nhất một)" in ev.results["A"].explanation.vi
    assert ev.results["O"].status is thidua.Status.NOT_ACHIEVED
    assert "không đạt: Khóm 2" in ev.results["O"].explanation.vi
    for fmt in thidua.formats.FORMATS:
        for language in ("vi", "en"):
            assert "Tỷ lệ" in thidua.formats.render(ev, fmt, language=language)


def test_org_units_all_not_applicable() -> None:
    """An org-unit rule whose org units are all not applicable is not applicable."""
    plan = _plan(
        Indicator(
            "O",
            "Tỷ lệ khóm",
            unit="percent",
            rule="all org units",
            per_org_unit="> 90 %",
            rate=True,
        ),
        org_units=[OrgUnit("K1", "Khóm 1")],
    )
    ev = thidua.evaluate(
        plan, Dataset([Observation("O", "2024", numerator=0, denominator=0, org_unit="K1")]), "2024"
    )
    assert ev.results["O"].status is thidua.Status.NOT_APPLICABLE
    assert "không có khóm nào để xét" in ev.results["O"].explanation.vi


def test_hostile_text_is_escaped_in_html() -> None:
    """Plan text is HTML-escaped: a name with <script> shows as text."""
    plan = _plan(Indicator("I", "<script>alert(1)</script>", rule=">= 1"))
    out = thidua.formats.render(thidua.evaluate(plan, Dataset()), "html")
    assert "<script>" not in out
    assert "&lt;script&gt;" in out


def test_unused_reasons() -> None:
    """Each kind of unused observation is given its reason."""
    plan = _plan(
        Indicator("C", "c", combine="all", criteria=[Indicator("C1", "x", rule=">= 1")]),
        Indicator("F", "f", rule=">= 1"),
        org_units=[OrgUnit("K1", "Khóm 1")],
    )
    data = Dataset(
        [
            Observation("C", "2024", value=1),
            Observation("F", "2024", value=1, org_unit="K9"),
            Observation("F", "2024", value=1, org_unit="K1"),
            Observation("F", "2024", value=1, kind="estimate"),
            Observation("F", "2023", value=1),
        ]
    )
    reasons = [u.reason for u in thidua.evaluate(plan, data, "2024").unused]
    assert reasons == [
        "a composite indicator takes its status from its criteria",
        "the plan has no org unit 'K9'",
        "figures per org unit are not used by this indicator's rule "
        "(declare across_org_units to roll them up)",
        "estimates are used only for an in-year outlook (as_of)",
        "the indicator's rule does not need it",
    ]


def test_a_rate_for_a_count_indicator_is_refused() -> None:
    """Numerator/denominator for an indicator counted in households is a DataError."""
    plan = _plan(Indicator("I", "x", unit="household", rule=">= 1"))
    with pytest.raises(DataError, match="numerator/denominator was given"):
        thidua.evaluate(
            plan, Dataset([Observation("I", "2024", numerator=1, denominator=2)]), "2024"
        )


def test_cli_refuses_example_with_files(capsys: pytest.CaptureFixture[str]) -> None:
    """--example and a plan file together are bad input."""
    from thidua import cli  # a submodule: imported here, not a name of the package

    argv = ["evaluate", "plan.toml", "--example", "hoa-thuan-2024"]
    assert cli.main([*argv, "--language", "en"]) == 2
    assert "either --example or a plan" in capsys.readouterr().err


def test_parse_error_from_bad_period_text() -> None:
    """A bad period in an observation is a ParseError."""
    with pytest.raises(ParseError, match="cannot read period"):
        Observation("I", "2024-H3")
