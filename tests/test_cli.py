"""The command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import thidua
from thidua.cli import main


def test_example_table(capsys: pytest.CaptureFixture[str]) -> None:
    """`thidua evaluate --example hoa-thuan-2024` prints the table and exits 0."""
    assert main(["evaluate", "--example", "hoa-thuan-2024"]) == 0
    out = capsys.readouterr().out
    assert "Số hộ nghèo" in out
    assert "Đạt: 17, Không đạt: 5, Chưa có số liệu: 2, Không áp dụng: 1" in out


def test_example_json_matches_the_spec(capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON form has plan, period, summary and results with the promised keys."""
    assert main(["evaluate", "--example", "hoa-thuan-2024", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["plan"] == "hoa-thuan-2024"
    assert doc["period"] == "2024"
    assert doc["summary"] == {"achieved": 17, "not_achieved": 5, "no_data": 2, "not_applicable": 1}
    assert len(doc["results"]) == 25

    def check_shape(result: dict[str, object]) -> None:
        for key in ("indicator", "status", "actual", "target", "explanation", "criteria"):
            assert key in result
        assert set(result["explanation"]) == {"vi", "en"}  # type: ignore[arg-type]
        for c in result["criteria"]:  # type: ignore[attr-defined]
            check_shape(c)

    for result in doc["results"]:
        check_shape(result)
    kt07 = next(r for r in doc["results"] if r["indicator"] == "KT07")
    assert doc["schema"] == "thidua/evaluation/v1"
    assert (kt07["status"], kt07["actual"]["exact"], kt07["actual"]["unit"]) == (
        "achieved",
        "42",
        "household",
    )
    assert kt07["actual"]["text"] == "42 hộ"
    assert (kt07["target"]["op"], kt07["target"]["text"]) == ("<=", "≤ 43 hộ")
    ck08 = next(r for r in doc["results"] if r["indicator"] == "CK08")
    assert [c["indicator"] for c in ck08["criteria"]] == ["CK08a", "CK08b", "CK08c"]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_other_formats(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """Markdown and HTML outputs carry every indicator."""
    assert (
        main(["evaluate", "--example", "hoa-thuan-2024", "--format", fmt, "--language", "en"]) == 0
    )
    out = capsys.readouterr().out
    assert "KT13" in out
    assert "Not applicable" in out


def test_files_and_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A plan file, a data file and a period."""
    plan = tmp_path / "plan.toml"
    thidua.dump_plan(thidua.examples.hoa_thuan_2024(), plan)
    data = tmp_path / "data.csv"
    data.write_text("indicator,period,value\nKT07,2024-H1,43\nKT07,2023-H1,46\n", encoding="utf-8")
    assert (
        main(
            ["evaluate", str(plan), "--data", str(data), "--period", "2024-H1", "--format", "json"]
        )
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["period"] == "2024-H1"
    assert next(r for r in doc["results"] if r["indicator"] == "KT07")["status"] == "achieved"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["evaluate"], "give a plan file and --data"),
        (["evaluate", "nope.toml", "--data", "nope.csv"], "nope.toml: cannot read the plan file"),
        (
            ["evaluate", "--example", "hoa-thuan-2024", "--period", "2024-H9"],
            "cannot read period '2024-H9'",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad input exits 2 with a one-line message on stderr, in the language asked for."""
    assert main([*args, "--language", "en"]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert main(args) == 2  # Vietnamese by default: the same problem, the same code
    vi = capsys.readouterr().err
    assert vi.count("\n") == 1
    assert vi.rsplit("[", 1)[1] == err.rsplit("[", 1)[1]
    assert vi != err


def test_bad_data_line_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad data row is reported with file and line."""
    plan = tmp_path / "plan.toml"
    thidua.dump_plan(thidua.examples.hoa_thuan_2024(), plan)
    data = tmp_path / "data.csv"
    data.write_text("indicator,period,value\nKT07,2024,-3\n", encoding="utf-8")
    assert main(["evaluate", str(plan), "--data", str(data), "--language", "en"]) == 2
    assert (
        f"{data}:2: indicator KT07, period 2024: a count cannot be negative"
        in capsys.readouterr().err
    )
    assert main(["evaluate", str(plan), "--data", str(data)]) == 2
    assert f"{data}:2: chỉ tiêu KT07, kỳ 2024: " in capsys.readouterr().err


def test_argument_errors_exit_2() -> None:
    """Unknown options are usage errors with exit status 2."""
    with pytest.raises(SystemExit) as info:
        main(["evaluate", "--format", "pdf"])
    assert info.value.code == 2


def test_console_script_runs() -> None:
    """The installed `thidua` command runs the example."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "thidua.cli",
            "evaluate",
            "--example",
            "hoa-thuan-2024",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert json.loads(out.stdout)["plan"] == "hoa-thuan-2024"


def test_help_fits_the_terminal_without_shutil(monkeypatch: pytest.MonkeyPatch) -> None:
    """Help is as wide as COLUMNS says, else the terminal, else 80 columns."""
    from thidua import cli

    monkeypatch.setenv("COLUMNS", "50")
    assert cli._columns() == 50
    monkeypatch.setenv("COLUMNS", "wide")
    assert cli._columns() >= 1  # the terminal's width, or 80 when there is none
    monkeypatch.delenv("COLUMNS")
    monkeypatch.setattr(cli.sys, "__stdout__", None)
    assert cli._columns() == 80
    assert cli._Formatter("thidua")._width == 78
