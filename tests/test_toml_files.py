"""The four TOML readers (plan, cluster, scheme, titles): limits, safe text, locations, lookups."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

import thidua
from thidua import (
    ArgumentTypeError,
    Indicator,
    IndicatorGroup,
    NotFoundError,
    OrgUnit,
    ParseError,
    Plan,
    PlanError,
    Report,
    Responsibility,
    Signer,
)
from thidua._planfile import collect_plan
from thidua._tomlfile import Locator
from thidua.classification import Cap, Classification, Grade, Rating, classify
from thidua.clusters import Cluster, Member, collect_cluster, loads_cluster
from thidua.scoring import Adjustment, Band, Scheme, ScoreItem, loads_scheme, score
from thidua.titles import Candidate, Condition, Title, eligibility, loads_titles

HEAD = 'id = "p"\ntitle = "T"\nyear = 2024\n'
GROUP = HEAD + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "I1"\nname = "x"\n'
SCHEME = 'scheme = {id = "s", name = "s", maximum = 1, items = [{indicator = "A", points = 1}]}\n'
CLUSTER = 'id = "c"\nname = "c"\n' + SCHEME + '[[members]]\nid = "X"\nname = "Xã X"\n'
SCHEME_FILE = 'id = "s"\nname = "s"\nmaximum = 1\n[[items]]\nindicator = "A"\npoints = 1\n'
TITLES = '[[titles]]\nid = "A"\nname = "a"\nsubject = "person"\nconditions = []\n'

READERS = {
    "plan": lambda text: thidua.loads_plan(text, file="f.toml"),
    "cluster": lambda text: loads_cluster(text, file="f.toml"),
    "scheme": lambda text: loads_scheme(text, file="f.toml"),
    "titles": lambda text: loads_titles(text, file="f.toml"),
}
GOOD = {"plan": HEAD, "cluster": CLUSTER, "scheme": SCHEME_FILE, "titles": TITLES}
#: The table the last line of each good file is in (what a key added after it extends).
LAST = {"plan": "", "cluster": "members[0].", "scheme": "items[0].", "titles": "titles[0]."}


def _error(reader: str, text: str) -> PlanError:
    with pytest.raises(PlanError) as info:
        READERS[reader](text)
    assert info.value.file == "f.toml"
    return info.value


# ---------------------------------------------------------------- limits at the door


@pytest.mark.parametrize("reader", READERS)
def test_an_integer_of_thousands_of_digits_is_located(reader: str) -> None:
    """Python's int digit limit is a located PlanError, not a bare ValueError."""
    error = _error(reader, GOOD[reader] + "extra = " + "7" * 5000 + "\n")
    assert error.code == "toml.number_too_long"
    assert error.line == GOOD[reader].count("\n") + 1
    assert "more than 100 digits" in error.message("en")
    assert "dài hơn 100 chữ số" in error.message("vi")


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("number", ["1" + "0" * 100, "-1" + "0" * 100, "1e300", "0x" + "f" * 90])
def test_numbers_of_more_than_100_digits_are_refused(reader: str, number: str) -> None:
    """Whatever key holds it, a number beyond 100 digits is refused at its key and line."""
    error = _error(reader, GOOD[reader] + f"extra = {number}\n")
    assert (error.code, error.key) == ("toml.number_too_long", LAST[reader] + "extra")
    assert error.line == GOOD[reader].count("\n") + 1


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("value", ["inf", "-inf", "+inf", "nan", "-nan"])
def test_inf_and_nan_are_refused(reader: str, value: str) -> None:
    """Infinities and NaN are valid TOML but never a figure: refused with the key path."""
    error = _error(reader, GOOD[reader] + f"extra = [1, {{ x = {value} }}]\n")
    assert (error.code, error.key) == ("toml.not_finite", LAST[reader] + "extra[1].x")
    assert "không phải là một số" in error.message("vi")


def test_inf_where_a_number_is_expected_is_refused_everywhere() -> None:
    """Bounds, points, maxima, shares and quotas refuse inf and nan."""
    cases = [
        ("plan", GROUP + 'rule = ">= 1"\nminimum = -inf\n', "groups[0].indicators[0].minimum"),
        ("scheme", SCHEME_FILE.replace("maximum = 1", "maximum = inf"), "maximum"),
        ("cluster", CLUSTER + "women_share = nan\n", "members[0].women_share"),
        ("cluster", CLUSTER + "[classification]\nquota = inf\n", "classification.quota"),
    ]
    for reader, text, key in cases:
        error = _error(reader, text)
        assert (error.code, error.key) == ("toml.not_finite", key), error


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('id = "p"\ntitle = "T"\nyear = 0\n', "year"),
        ('id = "p"\ntitle = "T"\nyear = -5\n', "year"),
        ('id = "p"\ntitle = "T"\nyear = 1000000000\n', "year"),
        ('id = "p"\ntitle = "T"\nyear = 1899\n', "year"),
        ('id = "p"\ntitle = "T"\nyear = 2201\n', "year"),
        (HEAD + "[issued]\nyear = 99999\n", "issued.year"),
        (HEAD + '[[reports]]\nname = "r"\nperiod = "2024"\ndue = 1066-10-14\n', "reports[0].due"),
        (HEAD + '[[reports]]\nname = "r"\nperiod = "2024"\ndue = 9999-12-31\n', "reports[0].due"),
    ],
)
def test_years_and_dates_outside_1900_to_2200_are_refused(text: str, key: str) -> None:
    """Plan years, dates of issue and due dates lie in [MIN_YEAR, MAX_YEAR], named at the key."""
    plan, problems = collect_plan(text, file="plan.toml")
    assert plan is None
    assert [(p.code, p.key, p.file) for p in problems] == [("plan.out_of_range", key, "plan.toml")]
    assert problems[0].line == text.count("\n")
    with pytest.raises(PlanError, match="1900"):
        thidua.loads_plan(text)


def test_years_at_the_edges_are_accepted() -> None:
    """1900 and 2200 are plan years; a plan of 2200 evaluates."""
    for year in (thidua.periods.MIN_YEAR, thidua.periods.MAX_YEAR):
        plan = thidua.loads_plan(f'id = "p"\ntitle = "T"\nyear = {year}\n')
        assert plan.year == year
    with pytest.raises(PlanError, match="between 1900 and 2200"):
        Plan("p", "T", year=10**9)
    with pytest.raises(PlanError, match="≈10\\^5000 must lie between 1900"):
        Plan("p", "T", year=10**5000)  # never printed in full: Python's digit limit
    with pytest.raises(ArgumentTypeError, match="the year must be a whole number"):
        Plan("p", "T", year=2024.0)  # type: ignore[arg-type]


def test_large_counts_do_not_crash_anything_downstream() -> None:
    """10**30 points, counts and bounds score, classify, rank and print."""
    big = 10**30
    plan = thidua.loads_plan(GROUP + f'rule = ">= 1"\nunit = "household"\nmaximum = {big}\n')
    assert plan.indicator("I1").maximum == thidua.Quantity(big)
    data = thidua.Dataset([thidua.Observation("I1", "2024", value=big)])
    evaluation = thidua.evaluate(plan, data, "2024")
    scheme = loads_scheme(
        f'id = "s"\nname = "s"\nmaximum = {big}\nbonus_cap = {big}\n'
        f'[[items]]\nindicator = "I1"\npoints = {big}\n'
        f'[[adjustments]]\nid = "b"\nname = "b"\npoints = {big}\n'
    )
    result = score(evaluation, scheme, events={"b": big})
    assert result.total == 2 * big
    assert classify(result, Classification(quota="100%")).rating is Rating.HTXSNV
    assert "1000000000000000000000000000000" in thidua.formats.render(evaluation, "json")
    cluster = loads_cluster(
        'id = "c"\nname = "c"\nscheme = {id = "s", name = "s", maximum = '
        f'{big}, items = [{{indicator = "I1", points = {big}}}]}}\n'
        "[classification]\nquota = 1\n"
        '[[members]]\nid = "X"\nname = "x"\nwomen_share = "100%"\n'
    )
    data = thidua.Dataset([thidua.Observation("I1", "2024", value=big, org_unit="X")])
    ranking = thidua.rank_cluster(cluster, plan, data, "2024")
    assert ranking.standings[0].total == big
    assert ranking.to_dict()["standings"][0]["member"] == "X"


def test_numbers_beyond_100_digits_in_python_constructors() -> None:
    """Bounds, points and event counts beyond 100 digits are refused from Python too."""
    for build in (
        lambda: Indicator("A", "a", rule=">= 1", maximum=10**150),
        lambda: ScoreItem("A", 10**150),
        lambda: Grade("HTTNV", 10**150),
    ):
        with pytest.raises(PlanError) as info:
            build()
        assert info.value.code == "plan.number_too_large"
    with pytest.raises(PlanError) as info:
        Member("X", "x", events={"b": 10**150})
    assert info.value.code == "event.bad_count"


@pytest.mark.parametrize("reader", READERS)
def test_deep_nesting_is_refused_before_it_is_read(reader: str) -> None:
    """Tables nested far deeper than any plan needs are refused, not a RecursionError."""
    headers = "".join(f"[{'.'.join(['t'] * (n + 1))}]\nx = 1\n" for n in range(200))
    error = _error(reader, GOOD[reader] + headers)
    assert error.code == "toml.too_deep"
    assert error.line is not None
    deep_criteria = (
        GROUP
        + 'combine = "all"\n'
        + "".join(
            f"[[groups.indicators{'.criteria' * (n + 1)}]]\nid = 'c{n}'\nname = 'c'\ncombine = 'all'\n"
            for n in range(300)
        )
    )
    assert _error("plan", deep_criteria).code == "toml.too_deep"


def test_inverted_bounds_are_refused() -> None:
    """A minimum above the maximum (same unit) cannot be right."""
    with pytest.raises(PlanError) as info:
        Indicator("A", "a", unit="percent", rule=">= 1 %", minimum="100 %", maximum="0 %")
    assert (info.value.code, info.value.key) == ("plan.bounds", "minimum")
    assert Indicator("A", "a", rule=">= 1", minimum=1, maximum=1).minimum == thidua.Quantity(1)


# ---------------------------------------------------------------- safe text


UNSAFE = ["\x1b[31m", "\x00", "\x7f", "\x85", "\u202e", "\u2066", "\ud800", "\u2028"]
CONSTRUCTORS = {
    "Indicator.name": lambda t: Indicator("A", f"x{t}", rule=">= 1"),
    "Indicator.id": lambda t: Indicator(f"A{t}", "x", rule=">= 1"),
    "Indicator.unit": lambda t: Indicator("A", "x", unit=f"hộ{t}", rule=">= 1"),
    "Indicator.rule": lambda t: Indicator("A", "x", rule=f">= 1{t}"),
    "Indicator.minimum": lambda t: Indicator("A", "x", rule=">= 1", minimum=f"1{t}"),
    "Indicator.note": lambda t: Indicator("A", "x", rule=">= 1", note=f"n{t}"),
    "IndicatorGroup.name": lambda t: IndicatorGroup("G", f"g{t}"),
    "OrgUnit.name": lambda t: OrgUnit("K1", f"Khóm{t}"),
    "OrgUnit.kind": lambda t: OrgUnit("K1", "Khóm 1", kind=f"khóm{t}"),
    "Responsibility.party": lambda t: Responsibility(f"VP{t}"),
    "Responsibility.duties": lambda t: Responsibility("VP", duties=[f"d{t}"]),
    "Signer.title": lambda t: Signer("A", f"Chủ tịch{t}"),
    "Report.name": lambda t: Report(f"r{t}", "2024", dt.date(2024, 6, 10)),
    "Report.period": lambda t: Report("r", f"2024{t}", dt.date(2024, 6, 10)),
    "Plan.title": lambda t: Plan("p", f"T{t}", year=2024),
    "Plan.purposes": lambda t: Plan("p", "T", year=2024, purposes=[f"x{t}"]),
    "Plan.preamble": lambda t: Plan("p", "T", year=2024, preamble=f"x{t}"),
    "Plan.units": lambda t: Plan(
        "p", "T", year=2024, units=[thidua.UnitDefinition("don", vi=f"đơn{t}")]
    ),
    "Member.name": lambda t: Member("X", f"x{t}"),
    "Member.events": lambda t: Member("X", "x", events={f"b{t}": 1}),
    "Cluster.note": lambda t: Cluster(
        "c", "c", [Member("X", "x")], Scheme("s", "s", 0), note=f"n{t}"
    ),
    "Scheme.name": lambda t: Scheme("s", f"s{t}", 0),
    "ScoreItem.indicator": lambda t: ScoreItem(f"A{t}", 1),
    "Band.rule": lambda t: Band(f">= 1{t}", 1),
    "Adjustment.name": lambda t: Adjustment("a", f"a{t}", 1),
    "Grade.requires": lambda t: Grade("HTTNV", 70, requires=[f"A{t}"]),
    "Cap.name": lambda t: Cap("a", f"a{t}"),
    "Classification.name": lambda t: Classification(name=f"x{t}"),
    "Condition.name": lambda t: Condition(f"c{t}", rating="HTNV"),
    "Title.name": lambda t: Title("A", f"a{t}", "person", []),
    "Candidate.name": lambda t: Candidate("x", f"x{t}", "person"),
    "Candidate.facts": lambda t: Candidate("x", "x", "person", facts={"f": f"5{t}"}),
}


@pytest.mark.parametrize("character", UNSAFE, ids=[repr(c) for c in UNSAFE])
@pytest.mark.parametrize("field", CONSTRUCTORS)
def test_every_text_of_every_model_refuses_control_characters(field: str, character: str) -> None:
    """The choke point: a control character, bidi override or lone surrogate is refused."""
    with pytest.raises(PlanError) as info:
        CONSTRUCTORS[field](character)
    assert info.value.code == "text.control_character", info.value
    assert character not in info.value.message("en")
    assert character not in info.value.message("vi")


def test_free_texts_keep_line_breaks_names_do_not() -> None:
    """Tab and line breaks are allowed in long free texts only."""
    assert Plan("p", "T", year=2024, preamble="a\nb\tc").preamble == "a\nb\tc"
    assert Indicator("A", "x", rule=">= 1", note="ghi chú\nhai dòng").note == "ghi chú\nhai dòng"
    with pytest.raises(PlanError, match="the indicator name holds the control character"):
        Indicator("A", "x\ny", rule=">= 1")


@pytest.mark.parametrize(
    ("reader", "text", "key"),
    [
        ("plan", 'id = "p"\ntitle = "T\\u001b[2J"\nyear = 2024\n', "title"),
        ("plan", GROUP + 'rule = ">= 1"\nnote = "a\\u202eb"\n', "groups[0].indicators[0].note"),
        ("plan", HEAD + '[[units]]\nname = "don"\nvi = "đơn\\u0007"\n', "units[0].vi"),
        ("cluster", CLUSTER.replace("Xã X", "Xã\\u001bX"), "members[0].name"),
        ("scheme", SCHEME_FILE.replace('name = "s"', 'name = "s\\u0000"'), "name"),
        ("titles", TITLES.replace('name = "a"', 'name = "a\\u009b"'), "titles[0].name"),
        ("plan", HEAD + '"bad\\u001bkey" = 1\n', '"bad\\u001bkey"'),
    ],
)
def test_files_refuse_control_characters_at_their_key(reader: str, text: str, key: str) -> None:
    """Every text (and key) of every file is checked, and the error names the key path."""
    error = _error(reader, text)
    assert error.code == "text.control_character"
    assert error.key is not None
    assert error.key == key
    assert "\x1b" not in error.message("en")


# ---------------------------------------------------------------- locations and did-you-mean


def test_cluster_files_say_did_you_mean_with_the_key_path() -> None:
    """The cluster loader names file, line and key path, and the close key."""
    error = _error("cluster", CLUSTER + 'women_shar = "72%"\n')
    assert (error.code, error.key, error.line, error.member) == (
        "plan.unknown_key",
        "members[0].women_shar",
        7,
        "X",
    )
    assert "did you mean 'women_share'?" in error.message("en")
    assert "có phải là 'women_share' không?" in error.message("vi")


@pytest.mark.parametrize(
    ("reader", "text", "key", "close"),
    [
        (
            "plan",
            GROUP + 'rule = ">= 1"\nagregation = "sum"\n',
            "groups[0].indicators[0].agregation",
            "aggregation",
        ),
        ("plan", HEAD + "[[org_unit]]\n", "org_unit", "org_units"),
        ("scheme", "bonus_capp = 1\n" + SCHEME_FILE, "bonus_capp", "bonus_cap"),
        ("scheme", SCHEME_FILE + "credt = 'banded'\n", "items[0].credt", "credit"),
        ("cluster", CLUSTER + "[classification]\nquotas = 1\n", "classification.quotas", "quota"),
        ("titles", TITLES + "sourse = 'x'\n", "titles[0].sourse", "source"),
    ],
)
def test_every_loader_says_did_you_mean(reader: str, text: str, key: str, close: str) -> None:
    """A misspelt key anywhere in any file gets the key path and a did-you-mean."""
    error = _error(reader, text)
    assert (error.code, error.key) == ("plan.unknown_key", key)
    misspelt = key.rpartition(".")[2]
    assert error.line == text[: text.index(misspelt)].count("\n") + 1
    assert f"did you mean {close!r}?" in str(error)


def test_lines_are_found_in_inline_tables_arrays_and_strings() -> None:
    """The locator follows inline tables, arrays, quoted keys and multi-line strings."""
    text = (
        'id = "p"\n'
        'title = "T"\n'
        'preamble = """\n[[groups]]\nid = "fake"\n"""\n'  # a table header inside a string
        "year = 2024\n"
        "# [[groups]] in a comment\n"
        "[[groups]]\n"
        'id = "G"\n'
        "name = 'g'\n"
        "indicators = [\n"
        '  { id = "A", name = "a", rule = ">= 1" },\n'
        '  { id = "B", name = "b", rule = ">= 1", colour = 1 },\n'
        "]\n"
    )
    plan, problems = collect_plan(text, file="p.toml")
    assert plan is None
    assert [(p.key, p.line, p.indicator) for p in problems] == [
        ("groups[0].indicators[1].colour", 14, "B")
    ]
    locator = Locator(text)
    assert locator.line(("groups", 0, "indicators", 0, "rule")) == 13
    assert locator.line(("groups", 0, "name")) == 11
    assert locator.line(("groups", 0, "missing", 3)) == 9  # the nearest table
    assert locator.line(("year",)) == 7


def test_arrays_of_tables_are_counted_per_parent() -> None:
    """[[groups.indicators]] after a second [[groups]] starts again at index 0."""
    text = (
        HEAD
        + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "A"\nname = "a"\nrule = ">= 1"\n'
        + '[[groups]]\nid = "H"\nname = "h"\n[[groups.indicators]]\nid = "B"\nname = "b"\nrulee = ">= 1"\n'
    )
    error = _error("plan", text)
    assert (error.key, error.line, error.indicator) == ("groups[1].indicators[0].rulee", 17, "B")


# ---------------------------------------------------------------- every problem at once


def test_collect_plan_lists_every_problem_in_line_order() -> None:
    """Leaf problems of keys and values, and the indicators' own problems, all at once."""
    text = (
        'id = "p q"\n'
        "title = 5\n"
        "year = 1800\n"
        "colour = 1\n"
        '[[groups]]\nid = "G"\nname = "g"\n'
        '[[groups.indicators]]\nid = "A"\nname = "a"\nrule = ">= 1 household"\nunit = "person"\n'
        '[[groups.indicators]]\nid = "B"\nname = "b"\n'
    )
    plan, problems = collect_plan(text, file="p.toml")
    assert plan is None
    assert [(p.line, p.code, p.key) for p in problems] == [
        (1, "plan.bad_id", "id"),
        (2, "plan.wrong_type", "title"),
        (3, "plan.out_of_range", "year"),
        (4, "plan.unknown_key", "colour"),
        (11, "plan.rule_unit", "groups[0].indicators[0].rule"),
        (13, "plan.no_rule", "groups[0].indicators[1]"),
    ]
    assert all(isinstance(p, PlanError) and p.file == "p.toml" for p in problems)
    with pytest.raises(PlanError) as info:
        thidua.loads_plan(text, file="p.toml")
    assert info.value.code == "plan.bad_id"
    assert "(and 5 more problems)" in str(info.value)
    assert "(và 5 lỗi khác)" in info.value.message("vi")


def test_collect_plan_finds_the_plans_own_problems_beside_unreadable_parts() -> None:
    """Ids used twice and unknown references are found even when other parts cannot be read."""
    text = (
        HEAD
        + '[[groups]]\nid = "G"\nname = "g"\n'
        + '[[groups.indicators]]\nid = "A"\nname = "a"\nrule = ">= 1"\n'
        + '[[groups.indicators]]\nid = "A"\nname = "again"\nrule = ">= 1"\n'
        + '[[groups.indicators]]\nid = "C"\nname = "c"\nrule = "blah"\n'
        + '[[responsibilities]]\nparty = "VP"\nindicators = ["ZZ", "C"]\n'
    )
    plan, problems = collect_plan(text, file="p.toml")
    assert plan is None
    found = [(p.code, p.key) for p in problems]
    assert ("plan.duplicate_id", "groups[0].indicators[1].id") in found
    assert ("plan.unknown_indicator", "responsibilities[0].indicators[0]") in found
    assert all(p.key != "responsibilities[0].indicators[1]" for p in problems)  # C: unreadable
    assert any(p.key == "groups[0].indicators[2].rule" for p in problems)
    assert [p.line for p in problems] == sorted(p.line or 0 for p in problems)


def test_collect_plan_of_a_good_plan() -> None:
    """A good plan file gives the plan and no problems; a TOML error is the only problem."""
    text = thidua.dumps_plan(thidua.examples.hoa_thuan_2024())
    plan, problems = collect_plan(text, file="seed.toml")
    assert problems == []
    assert plan == thidua.examples.hoa_thuan_2024()
    plan, problems = collect_plan("id = ", file="x.toml")
    assert plan is None
    assert [(p.code, p.line, p.column) for p in problems] == [("toml.syntax", 1, 6)]


def test_collect_cluster_lists_every_problem() -> None:
    """The cluster file's problems, each with its member."""
    text = (
        'id = "c"\nname = "c"\n'
        + SCHEME
        + '[[members]]\nid = "X"\nname = "x"\nwomen_share = "170%"\n'
        + '[[members]]\nid = "Y Z"\nname = "y"\nevent = {}\n'
    )
    cluster, problems = collect_cluster(text, file="cum.toml")
    assert cluster is None
    assert [(p.key, p.member) for p in problems] == [
        ("members[0].women_share", "X"),
        ("members[1].id", "Y Z"),
        ("members[1].event", "Y Z"),
    ]
    cluster, problems = collect_cluster(CLUSTER, file="cum.toml")
    assert problems == []
    assert cluster is not None
    assert cluster.members[0].name == "Xã X"


def test_a_scheme_file_named_by_a_cluster_reports_its_own_file(tmp_path: object) -> None:
    """Problems of a scheme file named by the cluster name that file."""
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "scheme.toml").write_text(SCHEME_FILE + "colour = 1\n", encoding="utf-8")
    (folder / "cum.toml").write_text(
        'id = "c"\nname = "c"\nscheme = "scheme.toml"\n[[members]]\nid = "X"\nname = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as info:
        thidua.load_cluster(folder / "cum.toml")
    assert info.value.file is not None
    assert info.value.file.endswith("scheme.toml")
    assert (info.value.key, info.value.line) == ("items[0].colour", 7)


# ---------------------------------------------------------------- lookups and types


def test_lookups_raise_not_found_errors() -> None:
    """An id that is not there is a NotFoundError, a KeyError, with its code."""
    plan = thidua.examples.hoa_thuan_2024()
    cluster = thidua.examples.cluster("cum-phuong-cao-lanh-2024")
    evaluation = thidua.evaluate(plan, thidua.examples.hoa_thuan_2024_data())
    result = score(evaluation, Scheme("s", "s", 1, items=[ScoreItem("KT07", 1)]))
    titles = eligibility(Candidate("x", "x", "collective"))
    cases = [
        (lambda: plan.indicator("KT99"), "plan.unknown_indicator"),
        (lambda: plan.org_unit("Khóm 9"), "plan.unknown_org_unit"),
        (lambda: cluster.member("P99"), "cluster.unknown_member"),
        (lambda: result.line("KT01"), "scoring.not_scored"),
        (lambda: titles.result("LDTT"), "titles.unknown_title"),
        (lambda: thidua.examples.plan("x"), "example.unknown"),
        (lambda: thidua.examples.data("x"), "example.unknown"),
        (lambda: thidua.examples.cluster("x"), "example.unknown"),
        (lambda: thidua.examples.cluster_data("x"), "example.unknown"),
    ]
    for lookup, code in cases:
        with pytest.raises(KeyError) as info:
            lookup()
        assert isinstance(info.value, NotFoundError)
        assert info.value.code == code
    assert plan.org_unit("khóm 1") is plan.org_units[0]
    assert plan.find_org_unit("Khóm 9") is None
    assert cluster.member(" phường  1 ").id == "P1"


def test_wrong_argument_types_are_argument_type_errors() -> None:
    """Wrong types are ArgumentTypeErrors (TypeErrors), with code plan.wrong_type."""
    plan = thidua.examples.hoa_thuan_2024()
    evaluation = thidua.evaluate(plan, thidua.examples.hoa_thuan_2024_data())
    scheme = Scheme("s", "s", 1, items=[ScoreItem("KT07", 1)])
    cases = [
        lambda: plan.indicator(7),
        lambda: plan.org_unit(None),
        lambda: thidua.examples.cluster("cum-phuong-cao-lanh-2024").member(1),
        lambda: score("evaluation", scheme),
        lambda: score(evaluation, "scheme"),
        lambda: score(evaluation, scheme, events=[("a", 1)]),
        lambda: classify("score"),
        lambda: eligibility("candidate"),
        lambda: thidua.loads_plan(b'id = "p"'),
        lambda: thidua.dumps_plan("plan"),
        lambda: loads_cluster(None),
        lambda: Rating.parse(3),
        lambda: Indicator("A", "a", rule=5),
        lambda: Report("r", 2024.5, dt.date(2024, 1, 1)),
        lambda: Report("r", "2024", 20240101),
    ]
    for case in cases:
        with pytest.raises(TypeError) as info:
            case()  # type: ignore[no-untyped-call]
        assert isinstance(info.value, ArgumentTypeError)
        assert info.value.code == "plan.wrong_type"


def test_rating_parse_raises_parse_error_as_documented() -> None:
    """Unreadable rating text is a ParseError (it was a PlanError)."""
    with pytest.raises(ParseError) as info:
        Rating.parse("giỏi")
    assert info.value.code == "rating.unknown"
    assert info.value.text == "giỏi"
    assert Rating.parse("  Hoàn thành  tốt nhiệm vụ ") is Rating.HTTNV


def test_mappings_given_to_constructors_say_did_you_mean() -> None:
    """A mapping of fields with a misspelt key is refused with the close key."""
    with pytest.raises(PlanError, match="unknown key 'women_shar' — did you mean 'women_share'"):
        Cluster("c", "c", [{"id": "X", "name": "x", "women_shar": 0.5}], Scheme("s", "s", 0))
    with pytest.raises(PlanError, match="the required key 'name' is missing"):
        Cluster("c", "c", [{"id": "X"}], Scheme("s", "s", 0))


# ---------------------------------------------------------------- the plan's language


def test_plan_language() -> None:
    """Plan.language is 'vi' by default, read, validated and written back."""
    assert thidua.examples.hoa_thuan_2024().language == "vi"
    assert "language" not in thidua.dumps_plan(thidua.loads_plan(HEAD))
    english = thidua.loads_plan(HEAD + 'language = "en"\n')
    assert english.language == "en"
    assert 'language = "en"' in thidua.dumps_plan(english)
    assert thidua.loads_plan(thidua.dumps_plan(english)) == english
    assert Plan("p", "T", year=2024, language="en").language == "en"
    for bad in ("fr", "VI", 1, None):
        with pytest.raises(PlanError) as info:
            Plan("p", "T", year=2024, language=bad)  # type: ignore[arg-type]
        assert info.value.code == "plan.bad_choice"
    error = _error("plan", HEAD + 'language = "vn"\n')
    assert (error.key, error.line) == ("language", 4)


def test_fractions_and_shares_read_from_files() -> None:
    """Shares are read as percentages or fractions; exact."""
    cluster = loads_cluster(CLUSTER + 'women_share = "72%"\n[classification]\nquota = 0.25\n')
    assert cluster.members[0].women_share == Fraction(18, 25)
    assert cluster.classification.quota == Fraction(1, 4)
