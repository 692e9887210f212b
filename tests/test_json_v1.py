"""The versioned JSON (v1): value objects, the schema key, the legacy option (issue 18)."""

from __future__ import annotations

import json
import math
import warnings
from fractions import Fraction

import pytest

import thidua
from thidua import _json
from thidua.cli import _execute, main, run
from thidua.formats import ranking_to_dict, render, render_score, result_to_dict, to_dict
from thidua.units import Quantity


@pytest.fixture(scope="module")
def evaluation() -> thidua.Evaluation:
    """The example plan on its data, for the year."""
    return thidua.evaluate(thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data())


@pytest.fixture(scope="module")
def in_year() -> thidua.Evaluation:
    """The example plan on its data, as of 30 June."""
    return thidua.evaluate(
        thidua.examples.hoa_thuan_2024(),
        thidua.examples.hoa_thuan_2024_data(),
        as_of="30/6/2024",
    )


def _result(doc: dict[str, object], indicator: str) -> dict[str, object]:
    def walk(results: list[dict[str, object]]) -> dict[str, object] | None:
        for r in results:
            if r["indicator"] == indicator:
                return r
            found = walk(r["criteria"])  # type: ignore[arg-type]
            if found is not None:
                return found
        return None

    found = walk(doc["results"])  # type: ignore[arg-type]
    assert found is not None
    return found


# ---------------------------------------------------------------- the value objects


def test_an_amount_is_exact_text_a_float_its_unit_and_text() -> None:
    """97.5 % is {"exact": "97.5", "value": 97.5, "unit": "percent", "text": "97,5%"}."""
    assert _json.value(Quantity("97.5", "percent"), "vi") == {
        "exact": "97.5",
        "value": 97.5,
        "unit": "percent",
        "text": "97,5%",
    }
    assert _json.value(Quantity("97.5", "percent"), "en")["text"] == "97.5%"  # type: ignore[index]
    third = _json.value(Quantity(Fraction(18500, 201), "percent"), "vi")
    assert third is not None
    assert third["exact"] == "18500/201"  # no finite decimal form: the fraction
    assert math.isclose(third["value"], 18500 / 201)
    assert _json.value(Fraction(3, 4), "vi") == {
        "exact": "0.75",
        "value": 0.75,
        "unit": None,
        "text": "0,75",
    }
    assert _json.value(None, "vi") is None
    assert _json.value(7, "en") == {"exact": "7", "value": 7.0, "unit": None, "text": "7"}


def test_an_amount_past_the_float_range_has_no_float() -> None:
    """10**400 is exact text; its float is null, never inf (not JSON)."""
    huge = _json.value(Fraction(10**400), "en")
    assert huge is not None
    assert huge["exact"] == "1" + "0" * 400
    assert huge["value"] is None


def test_a_yes_no_value_is_a_boolean_and_its_text() -> None:
    """True is {"value": true, "text": "đạt"} (yes in English); None stays None."""
    assert _json.yes_no(True, "vi") == {"value": True, "text": "đạt"}
    assert _json.yes_no(False, "en") == {"value": False, "text": "no"}
    assert _json.any_value(True, "en") == {"value": True, "text": "yes"}
    assert _json.yes_no(None, "vi") is None


# ---------------------------------------------------------------- the evaluation


def test_the_evaluation_names_its_schema_and_gives_value_objects(
    evaluation: thidua.Evaluation,
) -> None:
    """KT07: actual 42 hộ, target ≤ 43 hộ from the previous year's 45 hộ, margin 1."""
    doc = to_dict(evaluation)
    assert doc["schema"] == "thidua/evaluation/v1"
    assert next(iter(doc)) == "schema"
    assert doc["language"] == "vi"
    assert doc["period_text"] == "năm 2024"
    kt07 = _result(doc, "KT07")
    assert kt07["actual"] == {"exact": "42", "value": 42.0, "unit": "household", "text": "42 hộ"}
    assert kt07["target"]["op"] == "<="  # type: ignore[index]
    assert kt07["target"]["threshold"]["exact"] == "43"  # type: ignore[index]
    assert kt07["target"]["reference"]["exact"] == "45"  # type: ignore[index]
    assert kt07["target"]["text"] == "≤ 43 hộ"  # type: ignore[index]
    assert kt07["previous"]["text"] == "45 hộ"  # type: ignore[index]
    assert kt07["margin"]["exact"] == "1"  # type: ignore[index]
    assert kt07["status_text"] == "Đạt"
    assert kt07["missing"] == []
    en = to_dict(evaluation, language="en")
    assert _result(en, "KT07")["actual"]["text"] == "42 households"  # type: ignore[index]
    assert _result(en, "KT07")["status_text"] == "Achieved"


def test_yes_no_results_and_ratios(evaluation: thidua.Evaluation) -> None:
    """A flag's actual is a yes/no object; a ratio gives numerator and denominator objects."""
    doc = to_dict(evaluation)
    flags = [
        r
        for top in doc["results"]
        for r in [top, *top["criteria"]]
        if isinstance(r["actual"], dict) and isinstance(r["actual"]["value"], bool)
    ]
    assert flags
    for r in flags:
        assert set(r["actual"]) == {"value", "text"}
        assert r["actual"]["text"] in ("đạt", "không đạt")
        assert r["target"]["expected"]["value"] in (True, False)
    ratios = [r for r in doc["results"] if r["numerator"] is not None]
    assert ratios
    for r in ratios:
        assert r["denominator"]["unit"] is None
        assert isinstance(r["numerator"]["value"], float)


def test_org_unit_counts_show_met_over_counted(evaluation: thidua.Evaluation) -> None:
    """A count of org units reads 3/5 for people, and each unit has its own value object."""
    doc = to_dict(evaluation)
    every = [r for top in doc["results"] for r in [top, *top["criteria"]]]
    counted = [r for r in every if r["org_units"]]
    assert counted
    for r in counted:
        if r["actual"] is not None:
            assert r["actual"]["text"].endswith(f"/{len(r['org_units'])}")
        for unit in r["org_units"]:
            assert {"org_unit", "name", "status", "status_text", "actual"} <= set(unit)


def test_result_to_dict_is_the_evaluations_result(evaluation: thidua.Evaluation) -> None:
    """result_to_dict gives the same object as the evaluation's (without the plan's units)."""
    kt07 = evaluation.results["KT07"]
    assert result_to_dict(kt07) == _result(to_dict(evaluation), "KT07")
    assert result_to_dict(kt07, language="en")["status_text"] == "Achieved"


def test_render_json_is_to_dict(evaluation: thidua.Evaluation) -> None:
    """render(..., "json") writes to_dict in the language asked for."""
    assert json.loads(render(evaluation, "json", language="en")) == to_dict(
        evaluation, language="en"
    )


# ---------------------------------------------------------------- in the year


def test_in_year_results_are_outlooks_and_miss_only_what_is_missing(
    in_year: thidua.Evaluation,
) -> None:
    """As of 30/6: CK02's 1.6 billion so far is shown, and not listed as missing (the bug)."""
    doc = to_dict(in_year)
    assert doc["schema"] == "thidua/outlook/v1"
    assert doc["as_of"] == "2024-06-30"
    ck02 = _result(doc, "CK02")
    assert ck02["status"] == "no_data"
    assert ck02["actual"]["exact"] == "1600000000"  # type: ignore[index]
    assert ck02["actual"]["unit"] == "VND"  # type: ignore[index]
    assert ck02["missing"] == []
    assert ck02["outlook"] == "on_track"
    projection = ck02["projection"]
    assert projection["pro_rata_target"]["exact"] == "291200000000/183"  # type: ignore[index]
    assert projection["elapsed"]["exact"] == "91/183"  # type: ignore[index]
    assert projection["status_text"] == "Đạt"  # type: ignore[index]
    for r in in_year.results.values():  # no result lists as missing what it shows
        if r.assessment.actual is not None:
            assert "actual" not in r.missing, r.indicator
    assert "actual" in in_year.results["CK07"].missing  # nothing at all: missing indeed


def test_a_sum_so_far_that_cannot_decide_is_not_missing() -> None:
    """A count summed so far below a >= target: no_data, actual shown, nothing missing."""
    plan = thidua.loads_plan(
        'id = "p"\ntitle = "P"\nyear = 2024\n'
        '[[groups]]\nid = "g"\nname = "G"\n'
        '[[groups.indicators]]\nid = "H"\nname = "Hộ"\nunit = "household"\n'
        'rule = ">= 10 household"\naggregation = "sum"\n'
    )
    data = thidua.loads_data("indicator,period,value\nH,2024-01,3 hộ\nH,2024-02,4 hộ\n")
    result = thidua.evaluate(plan, data, "2024", as_of="31/3/2024").results["H"]
    assert result.status is thidua.Status.NO_DATA
    assert result.assessment.actual == Quantity(7, "household")
    assert result.missing == ()
    shown = result_to_dict(result)
    assert shown["actual"]["exact"] == "7"
    assert shown["missing"] == []
    decided = thidua.evaluate(
        plan,
        thidua.loads_data("indicator,period,value\nH,2024-01,12 hộ\n"),
        "2024",
        as_of="31/3/2024",
    ).results["H"]
    assert decided.status is thidua.Status.ACHIEVED  # more cannot undo it


def test_a_missing_assigned_target_is_still_named_in_the_year() -> None:
    """The figure so far is shown, the assigned target is missing: only it is listed."""
    plan = thidua.loads_plan(
        'id = "p"\ntitle = "P"\nyear = 2024\n'
        '[[groups]]\nid = "g"\nname = "G"\n'
        '[[groups.indicators]]\nid = "T"\nname = "Thu"\nunit = "VND"\n'
        'rule = ">= assigned"\naggregation = "sum"\n'
    )
    data = thidua.loads_data("indicator,period,value\nT,2024-01,3 tỷ đồng\n")
    result = thidua.evaluate(plan, data, "2024", as_of="31/1/2024").results["T"]
    assert result.missing == ("assigned",)
    assert result.assessment.actual is not None


# ---------------------------------------------------------------- score and ranking


def _scored() -> tuple[object, object, object]:
    from thidua.classification import classify
    from thidua.scoring import score

    cluster = thidua.examples.cluster("cum-phuong-cao-lanh-2024")
    evaluation = thidua.evaluate(
        thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data()
    )
    result = score(evaluation, cluster.scheme)
    return cluster, result, classify(result, cluster.classification)


def test_a_score_has_value_objects_and_ratings() -> None:
    """Points are bare value objects; the rating is its code and its text."""
    _, result, classified = _scored()
    doc = json.loads(
        render_score(result, classified, "json", plan="hoa-thuan-2024", language="en")  # type: ignore[arg-type]
    )
    assert doc["schema"] == "thidua/score/v1"
    assert doc["plan"] == "hoa-thuan-2024"
    assert doc["total"]["exact"] == "875/12"
    assert doc["total"]["unit"] is None
    assert doc["rating"]["value"] == "HTTNV"
    assert doc["rating"]["text"]
    assert doc["lines"][0]["possible"]["exact"]
    bare = thidua.formats.score_to_dict(result)  # type: ignore[arg-type]
    assert bare["rating"] is None
    assert bare["reasons"] == []


def test_a_ranking_has_value_objects() -> None:
    """The v1 ranking: totals as value objects, ratings with their text."""
    cluster = thidua.examples.cluster("cum-phuong-cao-lanh-2024")
    ranking = thidua.rank_cluster(
        cluster,
        thidua.examples.hoa_thuan_2024(),
        thidua.examples.cluster_data("cum-phuong-cao-lanh-2024"),
    )
    doc = ranking_to_dict(ranking, language="en")
    assert doc["schema"] == "thidua/ranking/v1"
    assert doc["standings"][0]["total"]["exact"] == "101"
    assert doc["standings"][0]["rating"]["value"]
    with pytest.warns(DeprecationWarning, match="json_version=0"):
        assert ranking_to_dict(ranking, json_version=0) == ranking.to_dict()


# ---------------------------------------------------------------- the legacy form


def test_json_version_0_is_the_old_form_and_warns(evaluation: thidua.Evaluation) -> None:
    """json_version=0: exact text as before 0.4.0, with a DeprecationWarning (once)."""
    with pytest.warns(DeprecationWarning, match="0.5.0") as caught:
        doc = json.loads(render(evaluation, "json", json_version=0))
    assert len(caught) == 1
    assert "schema" not in doc
    kt07 = next(r for r in doc["results"] if r["indicator"] == "KT07")
    assert (kt07["actual"], kt07["target"]) == ("42 household", "<= 43 household")
    with pytest.warns(DeprecationWarning, match="json_version=0"):
        assert to_dict(evaluation, json_version=0) == doc
    with pytest.warns(DeprecationWarning, match="json_version=0"):
        assert result_to_dict(evaluation.results["KT07"], json_version=0) == kt07
    _, result, classified = _scored()
    with pytest.warns(DeprecationWarning, match="json_version=0"):
        old = json.loads(render_score(result, classified, "json", json_version=0))  # type: ignore[arg-type]
    assert old["total"] == "875/12"
    assert old["rating"] == "HTTNV"


@pytest.mark.parametrize("version", [2, -1, True, "1", None, 1.0])
def test_an_unknown_json_version_is_refused(evaluation: thidua.Evaluation, version: object) -> None:
    """Only 1 and 0: anything else is a usage error (usage.json_version)."""
    if version == 1.0 and not isinstance(version, bool | int):
        version = 1.5
    with pytest.raises(thidua.UsageError) as info:
        to_dict(evaluation, json_version=version)  # type: ignore[arg-type]
    assert info.value.code == "usage.json_version"
    assert "json_version" in info.value.message("vi")


def test_the_command_line_writes_v1_and_takes_json_version_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--json-version 0: the old form and one warning on stderr; v1 by default."""
    argv = ["calendar", "--example", "hoa-thuan-2024", "--format", "json"]
    assert json.loads(run(argv))["schema"] == "thidua/calendar/v1"
    assert main([*argv, "--json-version", "0"]) == 0
    captured = capsys.readouterr()
    assert "schema" not in json.loads(captured.out)
    assert captured.err.startswith("thidua: warning: json_version=0")
    assert captured.err.count("warning") == 1
    with pytest.warns(DeprecationWarning, match="json_version=0"):
        old = run(["evaluate", "--example", "hoa-thuan-2024", "--format", "json",
                   "--json-version", "0"])  # fmt: skip
    assert json.loads(old)["results"][0]["actual"] == "100 %"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        text, status = _execute(["sources", "--format", "json"])
    assert status == 0
    assert json.loads(text)["schema"] == "thidua/sources/v1"
    with pytest.raises(SystemExit):
        run(["evaluate", "--example", "hoa-thuan-2024", "--json-version", "2"])


def test_the_value_module_examples_run() -> None:
    """The examples in thidua._json's docstring (a private module: not in test_api)."""
    import doctest

    failures, tried = doctest.testmod(_json)
    assert (failures, tried > 0) == (0, True)


def test_the_old_form_in_the_year_keeps_its_keys(
    in_year: thidua.Evaluation, evaluation: thidua.Evaluation
) -> None:
    """json_version=0 in the year: outlook, projection and rollup as before 0.4.0 (text)."""
    with pytest.warns(DeprecationWarning, match="json_version=0"):
        doc = to_dict(in_year, json_version=0)
    ck02 = next(r for r in doc["results"] if r["indicator"] == "CK02")
    assert ck02["actual"] == "1600000000 VND"
    assert "missing" not in ck02  # the in-year fix holds in the old form too
    assert ck02["projection"]["pro_rata_target"] == "291200000000/183 VND"
    assert ck02["projection"]["elapsed"] == "91/183"
    assert ck02["rollup"]["aggregation"] == "sum"
    assert ck02["assigned"] == "3200000000 VND"
    counted = [c for r in doc["results"] for c in [r, *r["criteria"]] if c.get("org_units")]
    assert counted
    assert set(counted[0]["org_units"][0]) == {"org_unit", "name", "status", "actual"}
    with pytest.warns(DeprecationWarning, match="json_version=0"):
        year = to_dict(evaluation, json_version=0)
    ratios = [r for r in year["results"] if "numerator" in r]
    assert ratios
    assert (ratios[0]["numerator"], ratios[0]["denominator"]) == ("148", "150")
