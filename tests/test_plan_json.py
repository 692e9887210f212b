"""Plans as JSON: the same structure as the TOML plan file, another syntax.

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given

import thidua
from thidua import Plan, PlanError, UsageError
from thidua._planfile import MAX_JSON_CHARS, MAX_JSON_DEPTH, collect_plan
from thidua.examples import hoa_thuan_2024
from thidua.strategies import plans

SMALL = {
    "id": "p",
    "title": "Kế hoạch thử",
    "year": 2024,
    "groups": [
        {
            "id": "A",
            "name": "Nhóm A",
            "indicators": [
                {"id": "K1", "name": "Hộ nghèo", "unit": "household", "rule": "<= 42 hộ"},
                {"id": "K2", "name": "Tỷ lệ", "unit": "percent", "rule": ">= 97,5 %"},
                {"id": "K3", "name": "Có", "rule": "is true"},
            ],
        }
    ],
    "reports": [{"name": "Báo cáo 6 tháng", "period": "2024-H1", "due": "2024-06-10"}],
}


def _error(text: str) -> PlanError:
    with pytest.raises(PlanError) as info:
        thidua.loads_plan(text, format="json")
    return info.value


def test_the_example_plan_round_trips_through_json() -> None:
    """The example plan round trips through JSON."""
    plan = hoa_thuan_2024()
    text = thidua.dumps_plan(plan, format="json")
    assert thidua.loads_plan(text, format="json") == plan
    assert "Hòa Thuận" in text  # Vietnamese kept as it is, not \\u escapes
    assert json.loads(text)["id"] == plan.id


def test_toml_to_plan_to_json_to_plan() -> None:
    """TOML to plan to JSON to plan."""
    toml_text = thidua.dumps_plan(hoa_thuan_2024())
    plan = thidua.loads_plan(toml_text)
    again = thidua.loads_plan(thidua.dumps_plan(plan, format="json"), format="json")
    assert again == plan
    assert thidua.dumps_plan(again) == toml_text


def test_json_carries_the_same_keys_as_toml() -> None:
    """JSON carries the same keys as TOML."""
    plan = thidua.loads_plan(json.dumps(SMALL), format="json")
    assert [i.id for i in plan.indicators()] == ["K1", "K2", "K3"]
    assert str(plan.reports[0].due) == "2024-06-10"
    doc = json.loads(thidua.dumps_plan(plan, format="json"))
    assert doc["reports"] == [{"name": "Báo cáo 6 tháng", "period": "2024-H1", "due": "2024-06-10"}]
    assert doc["groups"][0]["indicators"][1]["rule"] == str(list(plan.indicators())[1].rule)


@given(plans())
def test_any_plan_round_trips_through_json(plan: Plan) -> None:
    """Any plan round trips through JSON."""
    text = thidua.dumps_plan(plan, format="json")
    assert thidua.loads_plan(text, format="json") == plan


def test_files_by_suffix(tmp_path: Path) -> None:
    """Files by suffix."""
    plan = hoa_thuan_2024()
    thidua.dump_plan(plan, tmp_path / "plan.json")
    assert (tmp_path / "plan.json").read_text(encoding="utf-8").startswith("{")
    assert thidua.load_plan(tmp_path / "plan.json") == plan
    thidua.dump_plan(plan, tmp_path / "plan.toml")
    assert thidua.load_plan(tmp_path / "plan.toml") == plan
    thidua.dump_plan(plan, tmp_path / "plan.txt", format="json")
    assert thidua.load_plan(tmp_path / "plan.txt", format="json") == plan
    with pytest.raises(PlanError) as info:
        thidua.load_plan(tmp_path / "plan.txt")  # JSON read as TOML
    assert info.value.code == "toml.syntax"


def test_an_unknown_format_is_refused() -> None:
    """An unknown format is refused."""
    with pytest.raises(UsageError) as info:
        thidua.loads_plan("{}", format="yaml")  # type: ignore[arg-type]
    assert info.value.code == "usage.format"
    with pytest.raises(UsageError):
        thidua.dumps_plan(hoa_thuan_2024(), format="xml")  # type: ignore[arg-type]


def test_errors_are_located_by_key_path() -> None:
    """Errors are located by key path."""
    doc = json.loads(json.dumps(SMALL))
    doc["groups"][0]["indicators"][2]["rule"] = ">= abc"
    error = _error(json.dumps(doc))
    assert error.key == "groups[0].indicators[2].rule"
    assert error.indicator == "K3"
    assert error.file == "<plan>"


def test_every_problem_is_collected() -> None:
    """Every problem is collected."""
    doc = json.loads(json.dumps(SMALL))
    doc["groups"][0]["indicators"][0]["rule"] = ">= abc"
    doc["groups"][0]["indicators"][1]["colour"] = "red"
    doc["year"] = "2024"
    plan, found = collect_plan(json.dumps(doc), file="p.json", format="json")
    assert plan is None
    assert {p.key for p in found} == {
        "year",
        "groups[0].indicators[0].rule",
        "groups[0].indicators[1].colour",
    }
    assert all(p.file == "p.json" for p in found)


def test_a_syntax_error_has_its_line_and_column() -> None:
    """A syntax error has its line and column."""
    error = _error('{\n  "id": "p",\n  "title": "t",\n}')
    assert (error.code, error.line, error.column) == ("json.syntax", 4, 1)
    assert error.what("vi")
    assert _error('{"id": "p"').code == "json.syntax"
    assert "dấu ngoặc" in _error('{"id": p}').how("vi")
    assert "cú pháp JSON" in _error('{"id": "p"} x').what("vi")


def test_a_key_twice_is_refused_with_its_path() -> None:
    """A key twice is refused with its path."""
    error = _error('{"id": "p", "groups": [{"id": "A", "name": "x", "name": "y"}]}')
    assert error.code == "json.duplicate_key"
    assert error.key == "groups[0].name"
    assert _error('{"id": "p", "id": "q"}').key == "id"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('{"year": NaN}', "json.not_finite"),
        ('{"year": -Infinity}', "json.not_finite"),
        ('{"year": 1e400}', "json.number_too_long"),
        ('{"year": 1' + "0" * 120 + "}", "json.number_too_long"),
        ('{"year": 1' + "0" * 5000 + "}", "json.number_too_long"),
        ("[" * (MAX_JSON_DEPTH + 2) + "]" * (MAX_JSON_DEPTH + 2), "json.too_deep"),
        ("[" * 100_000 + "]" * 100_000, "json.too_deep"),
        ("[]", "plan.wrong_type"),
        ('"plan"', "plan.wrong_type"),
        ('{"id": "p\\u0000", "title": "t", "year": 2024}', "text.control_character"),
    ],
)
def test_what_json_cannot_hold_is_refused(text: str, code: str) -> None:
    """What JSON cannot hold is refused."""
    assert _error(text).code == code


def test_the_size_limit() -> None:
    """The size limit."""
    error = _error(" " * (MAX_JSON_CHARS + 1))
    assert error.code == "file.too_large"


def test_the_plan_text_must_be_text() -> None:
    """The plan text must be text."""
    with pytest.raises(thidua.ArgumentTypeError):
        thidua.loads_plan(b"{}", format="json")  # type: ignore[arg-type]
    from thidua._planfile import parse_json

    with pytest.raises(thidua.ArgumentTypeError):
        parse_json(b"{}", file="x")


def test_messages_python_does_not_translate_are_kept() -> None:
    """A syntax error the Vietnamese table does not know keeps Python's words, in brackets."""
    error = _error('{"id": "\\u12"}')
    assert error.code == "json.syntax"
    assert "(" in error.what("vi")


def test_a_plan_with_bad_units_in_json() -> None:
    """The plan's own units are read first, by key path, as in TOML."""
    doc = dict(SMALL, units=[{"name": 5}])
    _, found = collect_plan(json.dumps(doc), file="p.json", format="json")
    assert [p.key for p in found] == ["units[0].name"]


def test_only_plans_are_written() -> None:
    """dumps_plan refuses anything but a Plan, in either format."""
    with pytest.raises(thidua.ArgumentTypeError):
        thidua.dumps_plan("plan", format="json")  # type: ignore[arg-type]


def test_key_path_errors_have_their_line() -> None:
    """A problem of a value is on the line where its key is written (the JSON as indented)."""
    doc = json.loads(json.dumps(SMALL))
    doc["groups"][0]["indicators"][1]["rule"] = ">= abc"
    doc["groups"][0]["indicators"][2]["colour"] = "red"
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    lines = text.splitlines()
    _, found = collect_plan(text, file="p.json", format="json")
    assert [p.key for p in found] == [
        "groups[0].indicators[1].rule",
        "groups[0].indicators[2].colour",
    ]
    for problem in found:
        assert problem.line is not None
        assert f'"{problem.key.rsplit(".", 1)[-1]}"' in lines[problem.line - 1]
    error = _error('{\n  "id": "p",\n  "year": 2024,\n  "year": 2025\n}')
    assert (error.code, error.key, error.line) == ("json.duplicate_key", "year", 3)
    error = _error('{"id": "p",\n "groups": [{"id": "G", "name": "g"},\n  {"id": "H", "name": 5}]}')
    assert (error.key, error.line) == ("groups[1].name", 3)


def test_the_line_finder_is_lenient() -> None:
    """Lines of elements, nested arrays and a document that is one array."""
    from thidua._planfile import _json_lines

    lines = _json_lines('[\n  [1,\n   2],\n  {"a": [\n    {}]}\n]')
    assert lines[(0,)] == 2
    assert lines[(0, 1)] == 3
    assert lines[(1,)] == 4
    assert lines[(1, "a", 0)] == 5
    assert _json_lines("") == {}
