"""Every finding of the hardening review, replayed end to end (hangs in a subprocess with a timeout).

Each test names the finding it guards against: a hang, a bare Python exception,
a silently wrong reading, an injection, or an error a ward tool cannot show.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import attrs
import pytest

import thidua
from thidua.cli import main

#: Seconds any of these inputs may take in a fresh interpreter (start-up included).
LIMIT = 10.0
ESC = "\x1b[2J\x1b]0;pwned\x07"


def _thidua(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command line in a fresh interpreter, killed after LIMIT seconds."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "thidua.cli", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=LIMIT,
        cwd=cwd,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert time.perf_counter() - started < LIMIT
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _python(code: str) -> str:
    """Run ``code`` in a fresh interpreter with a timeout; return what it printed."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=LIMIT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


H = 'id = "p"\ntitle = "T"\nyear = 2024\n'
RATE_PLAN = (
    H
    + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "KT12"\n'
    + 'name = "Tỷ lệ"\nunit = "percent"\nrate = true\nrule = "> 98 %"\n'
)


@pytest.mark.parametrize(
    "text",
    [
        "đạt điểm số " * 80 + "x",
        "phấn đấu " * 110 + "x",
        "hoàn thành chỉ tiêu " * 45 + "x",
        "đạt 1" + " 1" * 490 + " x",
        "tăng " + "1" * 99 + "% so với năm trước " * 40,
    ],
    ids=["dat-diem-so", "phan-dau", "chi-tieu", "digits", "so-voi"],
)
def test_no_rule_text_hangs(text: str) -> None:
    """Hang: phrase patterns that read one text many ways (≈ 10 s, doubling per word)."""
    out = _python(
        "import time, thidua\n"
        f"t = time.perf_counter()\ntext = {text!r}\n"
        "try:\n    thidua.parse_rule(text)\nexcept thidua.ThiduaError as e:\n    print(e.code)\n"
        "print(time.perf_counter() - t)\n"
    )
    assert float(out.split()[-1]) < 1.0


def test_a_huge_rate_in_a_small_file(tmp_path: Path) -> None:
    """Slow then crash: a 4 KB file with a rate 1/2**14000 took ≈ 15 s, then a traceback."""
    (tmp_path / "plan.toml").write_text(RATE_PLAN, encoding="utf-8")
    (tmp_path / "d.csv").write_text(
        f"indicator,period,value\nKT12,2024,1/{2**14000}\n", encoding="utf-8"
    )
    done = _thidua("evaluate", "plan.toml", "--data", "d.csv", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("thidua: d.csv:2:3")


@pytest.mark.parametrize(
    "cell",
    [f"1{'0' * 5000}/1", f"1/{'9' * 5000}", "1" + "0" * 4298],
    ids=["numerator", "denominator", "amount"],
)
def test_huge_cells_are_refused_at_the_door(cell: str, tmp_path: Path) -> None:
    """Bare ValueError: a/b cells had no length cap; a 10^4298 rate loaded, then failed to print."""
    with pytest.raises(thidua.ThiduaError) as info:
        thidua.loads_data(f"indicator,period,value\nKT12,2024,{cell}\n", file="d.csv")
    assert (info.value.file, info.value.line) == ("d.csv", 2)


def test_a_toml_integer_of_5000_digits() -> None:
    """Bare ValueError from tomllib for any TOML file."""
    text = f"x = {'9' * 5000}\n"
    readers = (
        lambda: thidua.loads_plan(text, file="p.toml"),
        lambda: thidua.loads_cluster(text, file="c.toml"),
        lambda: thidua.scoring.loads_scheme(text, file="s.toml"),
        lambda: thidua.titles.loads_titles(text, file="t.toml"),
    )
    for read in readers:
        with pytest.raises(thidua.PlanError) as info:
            read()
        assert info.value.file is not None
        assert info.value.line == 1


@pytest.mark.parametrize("year", ["0", "-5", "10000", "1000000000"])
def test_plan_years_lie_in_the_documented_range(year: str, tmp_path: Path) -> None:
    """load_plan accepted years 0, −5 and 10⁹; evaluate then failed without naming the file."""
    with pytest.raises(thidua.PlanError) as info:
        thidua.loads_plan(H.replace("2024", year), file="p.toml")
    assert (info.value.file, info.value.line) == ("p.toml", 3)
    (tmp_path / "p.toml").write_text(H.replace("2024", year), encoding="utf-8")
    done = _thidua("calendar", "p.toml", "--format", "ics", cwd=tmp_path)
    assert done.returncode == 2


def test_a_due_date_at_the_end_of_time(tmp_path: Path) -> None:
    """Calendar --format ics broke on a due date of 9999-12-31."""
    plan = H + '[[reports]]\nname = "r"\nperiod = "2024"\ndue = 9999-12-31\n'
    (tmp_path / "p.toml").write_text(plan, encoding="utf-8")
    done = _thidua("calendar", "p.toml", "--format", "ics", cwd=tmp_path)
    assert done.returncode == 2
    assert "reports[0].due" in done.stderr


def test_signed_changes_are_refused() -> None:
    """Silently wrong: 'tăng -5%' was read as >= previous * 95 %, so a fall counted as growth."""
    for text in ("tăng -5%", "giảm -5%", "tăng -2 hộ", "giảm -2 hộ"):
        with pytest.raises(thidua.ParseError) as info:
            thidua.parse_rule(text)
        assert "giảm" in info.value.message("vi") or "tăng" in info.value.message("vi")


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    """Injection: escape sequences in ids and names reached the terminal raw."""
    plan = thidua.examples.hoa_thuan_2024()
    thidua.dump_plan(plan, tmp_path / "p.toml")
    (tmp_path / "d.csv").write_text(
        f"indicator,period,value,org_unit\nKT07{ESC},2024,42,\nKT06a,2024,đạt,K{ESC}\n",
        encoding="utf-8",
    )
    for argv in (
        ("evaluate", "p.toml", "--data", "d.csv"),
        ("validate", "p.toml", "--data", "d.csv"),
        ("report", "p.toml", "--data", "d.csv"),
    ):
        done = _thidua(*argv, cwd=tmp_path)
        assert "\x1b" not in done.stdout + done.stderr
        assert "\x07" not in done.stdout + done.stderr
    named = (
        (tmp_path / "p.toml")
        .read_text(encoding="utf-8")
        .replace('name = "Số hộ nghèo"', 'name = "Số hộ nghèo\\u001b[31m"')
    )
    (tmp_path / "q.toml").write_text(named, encoding="utf-8")
    for fmt in ("markdown", "html", "xlsx"):
        done = _thidua(
            "report",
            "q.toml",
            "--data",
            "d.csv",
            "--format",
            fmt,
            "--output",
            f"r.{fmt}",
            cwd=tmp_path,
        )
        assert done.returncode == 2
        assert "\\x1b" in done.stderr
        assert "\x1b" not in done.stderr


def test_a_lone_surrogate_is_refused_when_read() -> None:
    """A lone surrogate in a plan string broke report writing."""
    with pytest.raises(thidua.ThiduaError) as info:
        thidua.Indicator("A", "x\ud800", unit="household", rule=">= 1")
    assert info.value.code == "text.control_character"


def test_messages_name_units_as_people_do() -> None:
    """Messages leaked registry names and dimensions ("billion_VND ([currency])")."""
    with pytest.raises(thidua.UnitError) as info:
        thidua.check(">= 90 %", "3 tỷ đồng")
    for language, label in (("vi", "tỷ đồng"), ("en", "billion VND")):
        text = info.value.message(language)
        assert "billion_VND" not in text
        assert "[currency]" not in text
        assert "dimensionless" not in text
        assert label in text


def test_one_bad_member_never_stops_the_batch() -> None:
    """A negative count in one of the communes made evaluate_many fail for all."""
    plan = thidua.examples.hoa_thuan_2024()
    rows = "".join(f"KT07,2024,{n} hộ,X{n}\n" for n in range(1, 30)) + "KT07,2024,-3 hộ,X0\n"
    data = thidua.loads_data("indicator,period,value,org_unit\n" + rows)
    members = [thidua.Member(f"X{n}", f"Xã {n}") for n in range(30)]
    many = thidua.evaluate_many(plan, data, "2024", members=members, errors="collect")
    assert set(many.errors) == {"X0"}
    assert many.errors["X0"].member == "X0"
    assert len(many) == 29 or "X0" in many
    with pytest.raises(thidua.ThiduaError):
        thidua.evaluate_many(plan, data, "2024", members=members)


def test_cluster_files_locate_unknown_keys() -> None:
    """Loaders said "Member.__init__() got an unexpected keyword argument 'women_shar'"."""
    text = (
        'id = "c"\nname = "c"\n[scheme]\nid = "s"\nname = "s"\nmaximum = 1\n'
        '[[scheme.items]]\nindicator = "A"\npoints = 1\n'
        '[[members]]\nid = "X"\nname = "x"\nwomen_shar = "70%"\n'
    )
    with pytest.raises(thidua.PlanError) as info:
        thidua.loads_cluster(text, file="cum.toml")
    message = info.value.message("en")
    assert "__init__" not in message
    assert (info.value.file, info.value.line) == ("cum.toml", 13)
    assert "women_share" in message


def test_load_data_takes_the_plan() -> None:
    """load_data ignored the plan's number format and units; units=plan.units raised."""
    base = thidua.examples.hoa_thuan_2024()
    vi_plan = attrs.evolve(base, number_format="vi")
    data = thidua.loads_data("indicator,period,value\nKT08,2024,1.850\n", plan=vi_plan)
    assert data.get("KT08", "2024").value == thidua.Quantity(1850)
    thidua.loads_data("indicator,period,value\nKT08,2024,18\n", units=base.units)


def test_constructors_keep_the_location() -> None:
    """Observation("KT05a", "2025", value="rồi") raised an error that carried no indicator."""
    with pytest.raises(thidua.ThiduaError) as info:
        thidua.Observation("KT05a", "2025", value="rồi")
    assert (info.value.indicator, info.value.period) == ("KT05a", "2025")


def test_lookups_agree() -> None:
    """Four conventions (PlanError, None, KeyError, a bare ThiduaError) became one."""
    plan = thidua.examples.hoa_thuan_2024()
    ev = thidua.evaluate(plan, thidua.examples.hoa_thuan_2024_data())
    cluster = thidua.examples.cluster("cum-phuong-cao-lanh-2024")
    for lookup in (
        lambda: plan.indicator("KT99"),
        lambda: plan.org_unit("Khóm 9"),
        lambda: ev.results["KT99"],
        lambda: cluster.member("nowhere"),
        lambda: thidua.examples.plan("nowhere"),
    ):
        with pytest.raises(KeyError) as info:
            lookup()
        assert isinstance(info.value, thidua.NotFoundError)


def test_wrong_types_are_type_errors() -> None:
    """evaluate("plan", …) raised a bare ThiduaError, not a TypeError."""
    data = thidua.examples.hoa_thuan_2024_data()
    with pytest.raises(TypeError) as info:
        thidua.evaluate("plan", data)  # type: ignore[arg-type]
    assert isinstance(info.value, thidua.ArgumentTypeError)


def test_messages_in_vietnamese_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Messages were English only, with no code to translate from."""
    (tmp_path / "d.csv").write_text("indicator,period,value\nKT07,2024,-3 hộ\n", encoding="utf-8")
    thidua.dump_plan(thidua.examples.hoa_thuan_2024(), tmp_path / "p.toml")
    assert main(["evaluate", str(tmp_path / "p.toml"), "--data", str(tmp_path / "d.csv")]) == 2
    err = capsys.readouterr().err
    assert "chỉ tiêu KT07, kỳ 2024" in err
    assert err.rstrip().endswith("]")


def test_toml_text_given_directly_has_the_file_limit() -> None:
    """Text handed to loads_* is limited like a file: 17 MB took seconds before failing."""
    big = 'title = "' + "x" * (17 * 1024 * 1024) + '"\n'
    for read in (
        thidua.loads_plan,
        thidua.loads_cluster,
        thidua.scoring.loads_scheme,
        thidua.titles.loads_titles,
    ):
        started = time.perf_counter()
        with pytest.raises(thidua.PlanError) as info:
            read(big)
        assert info.value.code == "file.too_large"
        assert time.perf_counter() - started < 1.0
