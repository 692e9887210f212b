"""validate(): every problem of a plan and its data at once, and `thidua validate`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import thidua
from thidua.cli import main

H = 'id = "p"\ntitle = "T"\nyear = 2024\n'
PLAN = (
    H
    + '[[groups]]\nid = "G"\nname = "g"\n'
    + '[[groups.indicators]]\nid = "A"\nname = "Số hộ nghèo"\nunit = "household"\nrule = "<= 10"\n'
    + '[[groups.indicators]]\nid = "B"\nname = "Tỷ lệ"\nunit = "percent"\nrule = ">= 90 %"\n'
)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """A folder with a good plan file."""
    (tmp_path / "plan.toml").write_text(PLAN, encoding="utf-8")
    return tmp_path


def test_the_example_has_no_problems() -> None:
    """The shipped plan and data validate clean."""
    plan = thidua.examples.hoa_thuan_2024()
    assert thidua.validate(plan) == []
    assert thidua.validate(plan, thidua.examples.hoa_thuan_2024_data(), "2024") == []


def test_every_problem_of_a_plan_file(tmp_path: Path) -> None:
    """Three wrong things in a plan file are three located problems, not the first only."""
    bad = PLAN.replace('rule = "<= 10"', 'rule = "trên abc"').replace(
        'unit = "percent"', 'unit = "percent"\ncolour = 3'
    )
    bad = bad.replace("year = 2024", 'year = 2024\nnumber_format = "fr"')
    path = tmp_path / "plan.toml"
    path.write_text(bad, encoding="utf-8")
    problems = thidua.validate(path)
    assert len(problems) == 3
    assert all(isinstance(p, thidua.PlanError) for p in problems)
    assert all(p.file == str(path) and p.line is not None for p in problems)
    assert len({p.code for p in problems}) == 3


def test_every_bad_row_of_a_data_file(files: Path) -> None:
    """Each wrong row of a data file is its own problem, with its line."""
    (files / "data.csv").write_text(
        "indicator,period,value\nA,2024,abc\nB,2024,95%\nA,2024-H3,3\nB,2024,96%\n",
        encoding="utf-8",
    )
    problems = thidua.validate(files / "plan.toml", files / "data.csv")
    assert [p.line for p in problems] == [2, 4, 5]
    assert {p.code for p in problems} >= {"data.duplicate_observation"}


def test_evaluation_problems_of_every_indicator(files: Path) -> None:
    """An observation that cannot be right for its indicator is found for each indicator."""
    (files / "data.csv").write_text(
        "indicator,period,value\nA,2024,-3 hộ\nB,2024,5 hộ\n", encoding="utf-8"
    )
    problems = thidua.validate(files / "plan.toml", files / "data.csv", "2024")
    assert [p.indicator for p in problems] == ["A", "B"]
    assert all(p.file is not None and p.line is not None for p in problems)


def test_a_mistyped_indicator_is_named_with_a_guess() -> None:
    """A row for 'kt07' (the plan has KT07) is a problem that suggests the right id."""
    plan = thidua.examples.hoa_thuan_2024()
    data = thidua.loads_data("indicator,period,value\nkt07,2024,42 hộ\n", file="d.csv")
    (problem,) = thidua.validate(plan, data)
    assert problem.code == "data.unknown_indicator"
    assert (problem.file, problem.line) == ("d.csv", 2)
    assert "did you mean 'KT07'?" in problem.message("en")
    assert "có phải là 'KT07' không?" in problem.message("vi")


def test_an_unknown_org_unit_is_a_problem() -> None:
    """A row for a khóm the plan does not have is listed (names match in any case)."""
    plan = thidua.examples.hoa_thuan_2024()
    data = thidua.loads_data(
        "indicator,period,value,org_unit\nKT06a,2024,đạt,khóm 1\nKT06a,2024,đạt,Khóm 9\n"
    )
    (problem,) = thidua.validate(plan, data)
    assert problem.code == "data.unknown_org_unit"
    assert "'Khóm 9'" in problem.message("en")


def test_a_bad_period_is_a_problem(files: Path) -> None:
    """The period is read like every other input, and its problem listed."""
    problems = thidua.validate(files / "plan.toml", period="2024-H3")
    assert [p.code for p in problems] == [problems[0].code]
    assert isinstance(problems[0], thidua.ParseError)


def test_an_unreadable_file_is_one_problem(tmp_path: Path) -> None:
    """A missing plan file is a single problem naming the file."""
    (problem,) = thidua.validate(tmp_path / "none.toml")
    assert problem.file == str(tmp_path / "none.toml")


@pytest.mark.parametrize(("plan", "data"), [(42, None), (thidua.examples.hoa_thuan_2024(), 42)])
def test_wrong_types_are_type_errors(plan: object, data: object) -> None:
    """A plan or data of another type is an ArgumentTypeError (a TypeError)."""
    with pytest.raises(TypeError) as info:
        thidua.validate(plan, data)  # type: ignore[arg-type]
    assert isinstance(info.value, thidua.ArgumentTypeError)
    assert info.value.code == "argument.type"


def test_cli_validate_prints_one_line_per_problem(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`thidua validate` prints each problem on a line ending with its code, and exits 2."""
    (files / "data.csv").write_text(
        "indicator,period,value\nA,2024,abc\nB,2024,5 hộ\nkt,2024,1\n", encoding="utf-8"
    )
    status = main(["validate", str(files / "plan.toml"), "--data", str(files / "data.csv")])
    assert status == 2
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert all(line.endswith("]") for line in lines)
    assert "data.csv:2:3" in lines[0]
    assert "[data.unknown_indicator]" in lines[2]
    assert "kế hoạch không có chỉ tiêu 'kt'" in lines[2]


def test_cli_validate_limit_counts_the_rest(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --limit, the problems past it are counted, in the language asked for."""
    rows = "".join(f"A,2024-{m:02d},abc\n" for m in range(1, 13))
    (files / "data.csv").write_text("indicator,period,value\n" + rows, encoding="utf-8")
    argv = ["validate", str(files / "plan.toml"), "--data", str(files / "data.csv")]
    assert main([*argv, "--limit", "2", "--language", "en"]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert lines[2:] == ["… and 10 more problems"]
    assert main([*argv, "--limit", "5"]) == 2
    assert capsys.readouterr().out.splitlines()[5:] == ["… và 7 vấn đề khác"]


def test_cli_validate_json_and_clean(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """JSON lists the problems as data; a clean plan says so and exits 0."""
    assert main(["validate", str(files / "plan.toml")]) == 0
    assert capsys.readouterr().out == "Không có vấn đề nào.\n"
    assert (
        main(["validate", str(files / "plan.toml"), "--period", "2024-H9", "--format", "json"]) == 2
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["count"] == 1
    assert set(doc["problems"][0]["message"]) == {"vi", "en"}


def test_cli_prints_every_problem_of_a_plan_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Any command given a plan file with several problems lists each, not "(and 2 more)"."""
    bad = PLAN.replace('rule = "<= 10"', 'rule = "trên abc"').replace(
        'rule = ">= 90 %"', 'rule = ">= 90 %"\ncolour = 3'
    )
    (tmp_path / "plan.toml").write_text(bad, encoding="utf-8")
    (tmp_path / "data.csv").write_text("indicator,period,value\n", encoding="utf-8")
    argv = ["evaluate", str(tmp_path / "plan.toml"), "--data", str(tmp_path / "data.csv")]
    assert main(argv) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert all(line.startswith("thidua: ") and line.endswith("]") for line in err)


def test_cli_messages_in_english_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    """--language en gives English messages; Vietnamese is the default."""
    assert main(["calendar"]) == 2
    assert "hãy ghi tên một tệp kế hoạch" in capsys.readouterr().err
    assert main(["calendar", "--language", "en"]) == 2
    err = capsys.readouterr().err
    assert "give a plan file or --example" in err
    assert err.rstrip().endswith("[cli.usage]")


def test_cli_follows_the_plan_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --language, messages after the plan loads are in the plan's language."""
    text = PLAN.replace("year = 2024\n", 'year = 2024\nlanguage = "en"\n')
    (tmp_path / "plan.toml").write_text(text, encoding="utf-8")
    (tmp_path / "data.csv").write_text("indicator,period,value\nA,2024,-3 hộ\n", encoding="utf-8")
    argv = ["evaluate", str(tmp_path / "plan.toml"), "--data", str(tmp_path / "data.csv")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "indicator A, period 2024" in err
    assert "chỉ tiêu" not in err
    assert main([*argv, "--language", "vi"]) == 2
    assert "chỉ tiêu A, kỳ 2024" in capsys.readouterr().err


def test_run_raises_instead_of_printing() -> None:
    """cli.run returns the output and raises the ThiduaError a command meets."""
    assert "Số hộ nghèo" in thidua.cli.run(["evaluate", "--example", "hoa-thuan-2024"])
    with pytest.raises(thidua.UsageError) as info:
        thidua.cli.run(["calendar"])
    assert info.value.code == "cli.usage"


def test_an_org_unit_written_in_another_case_is_known() -> None:
    """A row for ``k1`` is org unit K1, as the evaluation reads it: not an unknown org unit."""
    plan = thidua.loads_plan(
        'id = "p"\ntitle = "Kế hoạch"\nyear = 2024\n'
        '[[org_units]]\nid = "K1"\nname = "Khóm 1"\n'
        '[[groups]]\nid = "G"\nname = "Nhóm"\n'
        '[[groups.indicators]]\nid = "I1"\nname = "Khóm đạt"\nrule = "all org units"\n'
    )
    data = thidua.loads_data("indicator,period,value,org_unit\nI1,2024,đạt,k1\n")
    assert [p.code for p in thidua.validate(plan, data)] == []
