"""Every JSON document thidua writes validates against its shipped schema (issue 18).

The examples, hypothesis-drawn plans and data (for the year and in the year),
problems, members not ranked; the plan and data documents; the schemas
themselves, ``thidua.schemas`` and ``thidua schema KIND``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import thidua
from thidua.cli import _execute, run
from thidua.formats import ranking_to_dict, render, render_score, score_to_dict, to_dict
from thidua.schemas import KINDS, schema
from thidua.strategies import datasets, plans

EXAMPLE = "hoa-thuan-2024"
CLUSTER = "cum-phuong-cao-lanh-2024"
_CHECKER = jsonschema.Draft202012Validator.FORMAT_CHECKER


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(kind), format_checker=_CHECKER)


_VALIDATORS = {kind: _validator(kind) for kind in KINDS}


def assert_valid(doc: Any, kind: str | None = None) -> None:
    """``doc`` is valid against the schema it names (or ``kind``), with every error shown."""
    if kind is None:
        assert doc["schema"].startswith("thidua/")
        kind = doc["schema"].split("/")[1]
        assert doc["schema"] == f"thidua/{kind}/v1"
    errors = sorted(_VALIDATORS[kind].iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message[:300]}" for e in errors)


def _plan_document(plan: thidua.Plan) -> dict[str, Any]:
    """The JSON form of a plan file: the TOML's keys, dates as YYYY-MM-DD."""

    def jsonable(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: jsonable(v) for k, v in value.items()}
        if isinstance(value, list):
            return [jsonable(v) for v in value]
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    return jsonable(tomllib.loads(thidua.dumps_plan(plan)))


def _data_document(data: thidua.Dataset) -> list[dict[str, Any]]:
    """The JSON form of a data file: one record per row, empty cells null."""
    rows = csv.DictReader(io.StringIO(thidua.dump_data(data)))
    return [{k: (v if v != "" else None) for k, v in row.items()} for row in rows]


# ---------------------------------------------------------------- the schemas themselves


@pytest.mark.parametrize("kind", KINDS)
def test_each_schema_is_a_draft_2020_12_schema_shipped_in_the_package(kind: str) -> None:
    """Valid against the meta-schema; the file is package data; its $id names the kind."""
    body = schema(kind)
    jsonschema.Draft202012Validator.check_schema(body)
    assert body["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert body["$id"].endswith(f"/{kind}.v1.json")
    assert body["title"]
    shipped = resources.files("thidua.schemas").joinpath(f"{kind}.json")
    assert json.loads(shipped.read_text(encoding="utf-8")) == body
    if kind not in ("plan", "data"):
        assert body["properties"]["schema"] == {"const": f"thidua/{kind}/v1"}
        assert "schema" in body["required"]


def test_schema_gives_a_fresh_copy() -> None:
    """Changing what schema() returned does not change the next one."""
    first = schema("score")
    first["title"] = "changed"
    assert schema("score")["title"] != "changed"


@pytest.mark.parametrize("kind", ["nope", "", None, 3, "Evaluation"])
def test_an_unknown_kind_is_refused(kind: object) -> None:
    """Only the KINDS: anything else is usage.schema_kind, naming the kinds."""
    with pytest.raises(thidua.UsageError) as info:
        schema(kind)  # type: ignore[arg-type]
    assert info.value.code == "usage.schema_kind"
    assert "evaluation" in info.value.message("en")
    assert "lược đồ" in info.value.message("vi")


def test_the_command_line_prints_each_schema() -> None:
    """``thidua schema KIND`` prints the schema; an unknown kind is argparse's error."""
    for kind in KINDS:
        assert json.loads(run(["schema", kind])) == schema(kind)
    with pytest.raises(SystemExit):
        run(["schema", "nope"])
    assert thidua.schemas.schema("data")["type"] == "array"


# ---------------------------------------------------------------- the examples


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("as_of", [None, "10/1/2024", "30/6/2024", "5/10/2024", "31/12/2024"])
def test_the_example_evaluations_validate(language: str, as_of: str | None) -> None:
    """The example plan's evaluation, for the year and on several days of it."""
    evaluation = thidua.evaluate(
        thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data(), as_of=as_of
    )
    doc = to_dict(evaluation, language=language)
    assert doc["schema"] == ("thidua/evaluation/v1" if as_of is None else "thidua/outlook/v1")
    assert_valid(doc)
    assert_valid(json.loads(render(evaluation, "json", language=language)))


def test_every_command_line_json_validates(tmp_path: Path) -> None:
    """evaluate, score, rank, calendar, validate, sources: each --format json output."""
    argvs = [
        ["evaluate", "--example", EXAMPLE, "--format", "json"],
        ["evaluate", "--example", EXAMPLE, "--format", "json", "--as-of", "30/6/2024"],
        ["score", "--example", EXAMPLE, "--format", "json", "--event", "sang-kien=2"],
        ["rank", "--example", CLUSTER, "--format", "json", "--language", "en"],
        ["calendar", "--example", EXAMPLE, "--format", "json"],
        ["calendar", "--example", EXAMPLE, "--format", "json", "--as-of", "1/6/2024"],
        ["sources", "--format", "json"],
        ["sources", "--format", "json", "--on", "31/12/2024"],
    ]
    kinds = set()
    for argv in argvs:
        doc = json.loads(run(argv))
        assert_valid(doc)
        kinds.add(doc["schema"])
    assert len(kinds) == 6  # and validation, below
    plan = tmp_path / "plan.toml"
    plan.write_text(thidua.dumps_plan(thidua.examples.hoa_thuan_2024()), encoding="utf-8")
    good, status = _execute(["validate", str(plan), "--format", "json"])
    assert status == 0
    assert_valid(json.loads(good))


def test_problems_validate(tmp_path: Path) -> None:
    """`thidua validate --format json` with problems in the plan, and in the data."""
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'id = "x"\ntitle = "X"\nyear = 2024\n[[groups]]\nid = "g"\nname = "G"\n'
        '[[groups.indicators]]\nid = "A"\nname = "A"\nrule = ">= 5 nope"\n'
        '[[groups.indicators]]\nid = "A"\nname = "B"\nrule = "???"\n',
        encoding="utf-8",
    )
    text, status = _execute(["validate", str(bad), "--format", "json"])
    assert status == 2
    doc = json.loads(text)
    assert doc["count"] >= 2
    assert_valid(doc)
    plan = tmp_path / "plan.toml"
    plan.write_text(thidua.dumps_plan(thidua.examples.hoa_thuan_2024()), encoding="utf-8")
    data = tmp_path / "data.csv"
    data.write_text(
        "indicator,period,value\nKT07,2024,-3 hộ\nKT07,2024,abc\nZZ,2024,1\n\x00,x,y\n",
        encoding="utf-8",
    )
    text, status = _execute(["validate", str(plan), "--data", str(data), "--format", "json"])
    doc = json.loads(text)
    assert status == 2
    assert doc["count"] >= 1
    assert any("line" in p for p in doc["problems"])
    assert_valid(doc)


def test_scores_and_rankings_validate() -> None:
    """A score with and without a rating; a ranking with a member not ranked."""
    from thidua.classification import classify
    from thidua.scoring import score

    cluster = thidua.examples.cluster(CLUSTER)
    plan = thidua.examples.hoa_thuan_2024()
    evaluation = thidua.evaluate(plan, thidua.examples.hoa_thuan_2024_data())
    result = score(evaluation, cluster.scheme)
    for language in ("vi", "en"):
        assert_valid(score_to_dict(result, language=language))
        assert_valid(
            json.loads(render_score(result, classify(result, cluster.classification), "json"))
        )
    observations = list(thidua.examples.cluster_data(CLUSTER))
    index = next(
        i
        for i, o in enumerate(observations)
        if o.org_unit == "P3" and o.indicator == "KT07" and str(o.period) == "2023"
    )
    observations[index] = attrs.evolve(observations[index], value=thidua.Quantity(-3, "household"))
    ranking = thidua.rank_cluster(
        cluster, plan, thidua.Dataset(observations), "2024", errors="collect"
    )
    doc = ranking_to_dict(ranking)
    assert [n["member"] for n in doc["not_ranked"]] == ["P3"]
    assert_valid(doc)
    in_year = thidua.rank_cluster(
        cluster, plan, thidua.examples.cluster_data(CLUSTER), "2024", as_of="30/6/2024"
    )
    assert_valid(ranking_to_dict(in_year, language="en"))


def test_the_example_plans_and_data_validate_as_documents() -> None:
    """The example plans and data, in their JSON forms."""
    for name in thidua.examples.NAMES:
        plan = thidua.examples.plan(name)
        assert_valid(_plan_document(plan), "plan")
        assert_valid(_data_document(thidua.examples.data(name, plan=plan)), "data")
    assert_valid(_data_document(thidua.examples.cluster_data(CLUSTER)), "data")


def test_the_data_document_takes_text_numbers_and_booleans() -> None:
    """value: "95,4%", 95.4 or true; a record needs indicator and period; no other keys."""
    good = [
        {"indicator": "CK03", "period": "2024", "value": "95,4%"},
        {"indicator": "CK03", "period": 2024, "value": 95.4, "unit": "percent"},
        {"indicator": "CK09", "period": "2024", "value": True, "kind": "actual"},
        {
            "indicator": "CK01",
            "period": "2024-Q2",
            "value": None,
            "numerator": "58",
            "denominator": 100,
            "org_unit": "K1",
            "note": "ghi chú",
            "source": "sổ theo dõi",
        },
    ]
    assert_valid(good, "data")
    for bad in (
        [{"period": "2024", "value": 1}],
        [{"indicator": "A", "period": "2024", "value": [1]}],
        [{"indicator": "A", "period": "2024", "colour": "red"}],
        [{"indicator": "A", "period": "2024", "kind": "guess"}],
        {"indicator": "A", "period": "2024"},
    ):
        assert list(_VALIDATORS["data"].iter_errors(bad)), bad


def test_the_schemas_refuse_what_is_not_the_v1_form() -> None:
    """The legacy form, a wrong schema key and a bare number for a value do not validate."""
    evaluation = thidua.evaluate(
        thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data()
    )
    doc = to_dict(evaluation)
    broken = json.loads(json.dumps(doc))
    broken["results"][0]["actual"] = "100 %"
    assert list(_VALIDATORS["evaluation"].iter_errors(broken))
    broken = json.loads(json.dumps(doc))
    broken["schema"] = "thidua/evaluation/v2"
    assert list(_VALIDATORS["evaluation"].iter_errors(broken))
    assert list(_VALIDATORS["outlook"].iter_errors(doc))  # no as_of: not an outlook
    with pytest.warns(DeprecationWarning, match="json_version=0"):
        legacy = to_dict(evaluation, json_version=0)
    assert list(_VALIDATORS["evaluation"].iter_errors(legacy))


# ---------------------------------------------------------------- drawn plans and data


@st.composite
def _drawn(draw: st.DrawFn) -> tuple[thidua.Plan, thidua.Dataset, dt.date | None]:
    plan = draw(plans(max_indicators=4, year=2024))
    data = draw(datasets(plan, "2024"))
    as_of = draw(st.none() | st.dates(dt.date(2024, 1, 1), dt.date(2024, 12, 31)))
    return plan, data, as_of


@settings(max_examples=min(settings().max_examples, 60))  # the file stays well under 30 s
@given(_drawn(), st.sampled_from(["vi", "en"]))
def test_drawn_evaluations_validate(
    drawn: tuple[thidua.Plan, thidua.Dataset, dt.date | None], language: str
) -> None:
    """Any plan and data drawn: the evaluation (or its outlook) validates; so do plan and data."""
    plan, data, as_of = drawn
    assert_valid(_plan_document(plan), "plan")
    assert_valid(_data_document(data), "data")
    try:
        evaluation = thidua.evaluate(plan, data, "2024", as_of=as_of)
    except thidua.ThiduaError as exc:  # data the plan refuses: the problem as JSON
        assert_valid({"schema": "thidua/validation/v1", "plan": plan.id, "data": None,
                      "problems": [exc.as_dict()], "count": 1})  # fmt: skip
        return
    doc = to_dict(evaluation, language=language)
    assert_valid(doc)
    assert json.loads(json.dumps(doc)) == doc
    for result in evaluation.results.values():  # only what is missing is listed
        if result.assessment.actual is not None:
            assert "actual" not in result.missing
