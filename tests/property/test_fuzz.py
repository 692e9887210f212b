"""Fuzzing the readers: arbitrary input gives a result or a ThiduaError, nothing else.

Every fuzz test also runs under a one-second deadline per input: no input may
take longer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import thidua
from thidua import ThiduaError

RULE_WORDS = st.sampled_from(
    [
        ">=",
        ">",
        "<=",
        "==",
        "≠",
        "previous",
        "assigned",
        "+",
        "-",
        "*",
        "%",
        "hộ",
        "org units",
        "all",
        "is",
        "true",
        "trên",
        "đạt",
        "giảm",
        "tăng",
        "năm trước",
        "khóm",
        "/",
        "97,5",
        "1.000",
        "12.345",
        "02",
        "không",
        "có",
        "thêm",
        "chỉ tiêu",
        "giao",
        "tỷ đồng",
        "1e999999",
        "9" * 200,
        "\x00",
        "/năm",
    ]
)
rule_like = st.lists(RULE_WORDS, max_size=8).map(" ".join)


ONE_SECOND = settings(deadline=dt.timedelta(seconds=1))


def _safely(function: object, *args: object, **kwargs: object) -> None:
    with contextlib.suppress(ThiduaError):
        function(*args, **kwargs)  # type: ignore[operator]


@ONE_SECOND
@given(st.text(max_size=200) | rule_like)
def test_parse_rule(text: str) -> None:
    """parse_rule never raises anything but a ThiduaError."""
    _safely(thidua.parse_rule, text)


@ONE_SECOND
@given(st.text(max_size=200) | rule_like)
def test_value_readers(text: str) -> None:
    """The number, quantity, value and period readers never crash."""
    _safely(thidua.parse_number, text)
    _safely(thidua.default_units().parse_quantity, text)
    _safely(thidua.parse_value, text)
    _safely(thidua.parse_period, text)
    _safely(thidua.parse_period, text, year=2024)
    _safely(thidua.parse_date, text)
    _safely(thidua.parse_date, text, year=2024)
    _safely(thidua.check, ">= 1", text)


@ONE_SECOND
@given(st.text(max_size=500))
def test_loads_plan(text: str) -> None:
    """Any text given as a plan file (or scoring scheme) gives a result or a PlanError."""
    _safely(thidua.loads_plan, text)
    _safely(thidua.scoring.loads_scheme, text)
    _safely(thidua.loads_cluster, text)
    _safely(thidua.titles.loads_titles, text)


PLAN_LINES = st.sampled_from(
    [
        'id = "p"',
        'title = "T"',
        "year = 2024",
        "[[groups]]",
        'id = "G"',
        'name = "g"',
        "[[groups.indicators]]",
        'id = "I1"',
        'rule = ">= 1"',
        'rule = "trên 98%"',
        'unit = "hộ"',
        'combine = "all"',
        "[[groups.indicators.criteria]]",
        "[[org_units]]",
        'id = "K1"',
        "[signer]",
        "[issued]",
        "month = 13",
        "rate = true",
        'minimum = "x"',
        "[[units]]",
        'name = "đơn"',
        "[[members]]",
        'women_share = "170%"',
        "events = { la = -1 }",
        "[scheme]",
        "maximum = 1",
        "[[scheme.items]]",
        'indicator = "I1"',
        "points = 1",
        "[classification]",
        'quota = "x"',
        "[[classification.grades]]",
        'rating = "HTXSNV"',
        "[[titles]]",
        'subject = "person"',
        "[[titles.conditions]]",
        'fact = "f"',
        'title = "X"',
        # limits at the door: huge and non-finite numbers, years out of range, unsafe text
        "year = 0",
        "year = -5",
        "year = 1000000000",
        "maximum = " + "9" * 5000,
        "points = 1" + "0" * 120,
        "maximum = inf",
        "points = nan",
        "quota = -inf",
        "women_share = 1e300",
        "maximum = 1000000000000000000000000000000",
        "events = { b = 1000000000000000000000000000000 }",
        "due = 1066-10-14",
        "due = 2024-06-10",
        'period = "2024-H1"',
        "[[reports]]",
        'language = "fr"',
        'language = "en"',
        'name = "x\\u001b[2J"',
        'title = "\\u202eT"',
        '"k\\u0007" = 1',
        'preamble = """a\nb"""',
    ]
)


@ONE_SECOND
@given(st.lists(PLAN_LINES, max_size=25).map("\n".join))
def test_loads_plan_structured(text: str) -> None:
    """Plan files put together from real keys give a plan or a PlanError."""
    _safely(thidua.loads_plan, text)
    _safely(thidua.scoring.loads_scheme, text)
    _safely(thidua.loads_cluster, text)
    _safely(thidua.titles.loads_titles, text)


@ONE_SECOND
@given(st.lists(PLAN_LINES, max_size=25).map("\n".join))
def test_collect_plan_and_loads_plan_agree(text: str) -> None:
    """collect_plan and loads_plan agree, and every problem is located and safe to print.

    A plan and no problem, or no plan and PlanErrors naming the file, the first
    of which loads_plan raises; no message carries a raw control character.
    """
    from thidua._planfile import collect_plan
    from thidua._text import first_unsafe
    from thidua.clusters import collect_cluster

    plan, problems = collect_plan(text, file="p.toml")
    assert (plan is None) == bool(problems)
    for problem in problems:
        assert isinstance(problem, thidua.PlanError)
        assert problem.file == "p.toml"
        for language in ("vi", "en"):
            assert first_unsafe(problem.message(language)) is None
    if plan is None:
        with pytest.raises(thidua.PlanError) as info:
            thidua.loads_plan(text, file="p.toml")
        assert info.value.code == problems[0].code
    else:
        assert thidua.loads_plan(text) == plan
        assert thidua.loads_plan(thidua.dumps_plan(plan)) == plan
    cluster, found = collect_cluster(text, file="c.toml")
    assert (cluster is None) == bool(found)
    assert all(isinstance(p, thidua.PlanError) and p.file == "c.toml" for p in found)


@ONE_SECOND
@given(
    st.sampled_from(["name", "kind"]),
    st.text(max_size=20),
)
def test_any_text_in_a_plan_file_is_read_or_refused_safely(key: str, value: str) -> None:
    """Any text in any field is kept safe or refused with text.control_character."""
    from thidua._planfile import collect_plan
    from thidua._text import first_unsafe

    quoted = (
        '"'
        + "".join(  # a TOML basic string: what TOML refuses raw, escaped
            f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in '"\\' else c
            for c in value
        )
        + '"'
    )
    name = "" if key == "name" else 'name = "Khóm 1"\n'
    text = f'id = "p"\ntitle = "T"\nyear = 2024\n[[org_units]]\nid = "K1"\n{name}{key} = {quoted}\n'
    plan, problems = collect_plan(text, file="p.toml")
    for problem in problems:
        assert problem.code == "text.control_character"
        assert first_unsafe(problem.message("vi")) is None
    if plan is None:
        assert problems
        return
    for unit in plan.org_units:
        assert first_unsafe(unit.name) is None
        assert first_unsafe(unit.kind) is None


CSV_CELLS = st.sampled_from(
    [
        "KT07",
        "2024",
        "2024-H1",
        "42 hộ",
        "đạt",
        "-3",
        "97,5%",
        "",
        "assigned",
        "K1",
        "x",
        '"',
        "12.345",
        "0",
        "1/0",
    ]
)


@ONE_SECOND
@given(st.lists(st.lists(CSV_CELLS, min_size=1, max_size=6).map(",".join), max_size=8))
def test_loads_data(rows: list[str]) -> None:
    """CSV texts give a dataset or a DataError, and evaluating it does not crash."""
    text = "indicator,period,value,org_unit,kind\n" + "\n".join(rows)
    try:
        data = thidua.loads_data(text)
    except ThiduaError:
        return
    _safely(thidua.evaluate, thidua.examples.hoa_thuan_2024(), data, "2024")


@ONE_SECOND
@given(st.binary(max_size=300))
def test_load_data_bytes(raw: bytes) -> None:
    """Arbitrary bytes on disk (other encodings, BOMs, NULs) give a dataset or a DataError."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.csv"
        path.write_bytes(b"indicator,period,value\n" + raw)
        _safely(thidua.load_data, path)
        plan_path = Path(folder) / "plan.toml"
        plan_path.write_bytes(raw)
        _safely(thidua.load_plan, plan_path)


@ONE_SECOND
@given(st.text(max_size=40) | st.dates().map(str))
def test_as_of_and_calendar_dates(text: str) -> None:
    """Any as-of text gives an evaluation, a calendar, or a ThiduaError."""
    plan = thidua.examples.hoa_thuan_2024()
    _safely(thidua.evaluate, plan, thidua.Dataset(), "2024", as_of=text)
    _safely(thidua.reporting.deadlines, plan, text)
    _safely(thidua.reporting.next_deadline, plan, text)


ARGS = st.sampled_from(
    [
        "evaluate",
        "calendar",
        "report",
        "score",
        "rank",
        "cum-phuong-cao-lanh-2024",
        "--event",
        "sang-kien=2",
        "--scheme",
        "--plan",
        "--example",
        "hoa-thuan-2024",
        "--format",
        "json",
        "ics",
        "xlsx",
        "--period",
        "2024-H1",
        "2024-H9",
        "--as-of",
        "10/6/2024",
        "31/02/2024",
        "--data",
        "nope.csv",
        "plan.toml",
        "--language",
        "en",
        "--number-format",
        "vi",
        "--notice-days",
        "-3",
        "x",
        "",
    ]
)


@ONE_SECOND
@given(st.lists(ARGS, max_size=7))
def test_command_line(argv: list[str]) -> None:
    """Any command line exits 0 or 2 with a message; never a traceback."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from thidua.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    assert code in (0, 2)
    assert "Traceback" not in err.getvalue()
