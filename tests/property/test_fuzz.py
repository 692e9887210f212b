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
from thidua.data import _load_data_collecting, _loads_data_collecting
from thidua.numbers import format_number, to_decimal_string

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
        "-5%",
        "+5",
        "đạt điểm số",
        "điểm số",
        "so với",
        "còn",
        "xuống",
        "hoàn thành",
        "chuẩn",
        "ít nhất",
        "5/5",
        ",",
        "  ",
    ]
)
rule_like = st.lists(RULE_WORDS, max_size=8).map(" ".join)
#: Long texts of the same words, up to the length limit: the reader stays fast on them.
long_rule_like = st.lists(RULE_WORDS, min_size=20, max_size=120).map(" ".join)


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
@given(long_rule_like)
def test_parse_rule_on_long_texts(text: str) -> None:
    """Long texts made of the phrase table's words: a rule or a ThiduaError, within the deadline."""
    _safely(thidua.parse_rule, text)


PERIOD_WORDS = st.sampled_from(
    ["từ", "đến", "ngày", "tháng", "năm", "quý", "iv", "2024", "1899", "2201", "0000",
     "10/6", "31/02/2024", "01/01/2024", "-", "–", "..", "2024-06-10", "hết", "/", "9"]
)  # fmt: skip


@ONE_SECOND
@given(st.lists(PERIOD_WORDS, max_size=30).map(" ".join), st.none() | st.integers(-10, 10**5))
def test_period_and_date_words(text: str, year: int | None) -> None:
    """Texts of period and date words, with any year: a period, a date, or a ThiduaError."""
    _safely(thidua.parse_period, text, year=year)
    _safely(thidua.parse_date, text, year=year)


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
        "44/57",
        "1/" + "9" * 101,
        "9" * 100 + "/" + "7" * 100,
        "1/" + "2" * 4400,
        "K1\x1b[2J",
        "ghi\u202echú",
        "\ud800",
        "\x85",
        "\r",
        " ",
        "actual",
        "estimate",
        "49",
        "50",
        "1.850",
        "3,2 tỷ đồng",
    ]
)
HEADERS = st.sampled_from(
    [
        "indicator,period,value,org_unit,kind",
        "indicator,period,value,numerator,denominator",
        "indicator,period,numerator,denominator,note,source",
        "indicator,period,value,unit,note",
        "indicater,period,value",
        "indicator,period",
        "",
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
@given(
    HEADERS,
    st.lists(st.lists(CSV_CELLS | st.text(max_size=8), min_size=1, max_size=7), max_size=8),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_collecting_reader(header: str, rows: list[list[str]], end: str) -> None:
    """The collecting reader never raises for a file's content, and agrees with the raising one.

    Its problems are ThiduaErrors; with none, it gives what loads_data gives; with
    some, loads_data raises the first of them.
    """
    text = end.join([header, *(",".join(f'"{c}"' if "," in c else c for c in r) for r in rows)])
    dataset, problems = _loads_data_collecting(text, file="d.csv", number_format="vi")
    assert all(isinstance(p, ThiduaError) for p in problems)
    for problem in problems:
        for language in ("vi", "en"):
            message = problem.message(language)
            assert not any(c in message for c in "\x1b\u202e\x85\ud800\r")
    if problems:
        with pytest.raises(ThiduaError) as info:
            thidua.loads_data(text, file="d.csv", number_format="vi")
        assert info.value.as_dict() == problems[0].as_dict()
        return
    strict = thidua.loads_data(text, file="d.csv", number_format="vi")
    assert strict == dataset
    for obs in dataset:  # every figure read prints in every form
        figure = obs.observed
        quantity = figure.quantity if isinstance(figure, thidua.Ratio) else figure
        str(figure)
        if isinstance(quantity, thidua.Quantity):
            format_number(quantity.magnitude)
            to_decimal_string(quantity.magnitude)


@ONE_SECOND
@given(st.binary(max_size=300))
def test_collecting_reader_bytes(raw: bytes) -> None:
    """Arbitrary bytes on disk give a dataset and problems (ThiduaErrors), nothing else."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.csv"
        path.write_bytes(b"indicator,period,value\n" + raw)
        dataset, problems = _load_data_collecting(path)
        assert all(isinstance(p, ThiduaError) for p in problems)
        assert isinstance(dataset, thidua.Dataset)


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


MEMBER_CELLS = st.sampled_from(["P1", "P2", "Phường 1", "P1/K1", "P2/Khóm 2", "P9", "", "HT"])


def _fuzzed_members_data(rows: list[list[str]], members: list[str]) -> thidua.Dataset | None:
    lines = [",".join([*row, member]) for row, member in zip(rows, members, strict=False)]
    text = "indicator,period,value,org_unit\n" + "\n".join(lines)
    try:
        return thidua.loads_data(text)
    except ThiduaError:
        return None


@ONE_SECOND
@given(
    st.lists(st.lists(CSV_CELLS, min_size=3, max_size=3), max_size=8),
    st.lists(MEMBER_CELLS, min_size=8, max_size=8),
)
def test_evaluate_many_and_rank_cluster_collect(rows: list[list[str]], members: list[str]) -> None:
    """Fuzzed data of many members: raise gives a result or a ThiduaError; collect never raises.

    With collect, every member is either evaluated or has its error, and the
    ranking ranks the others and lists it as not ranked.
    """
    data = _fuzzed_members_data(rows, members)
    if data is None:
        return
    example = "cum-phuong-cao-lanh-2024"
    plan, cluster = thidua.examples.hoa_thuan_2024(), thidua.examples.cluster(example)
    _safely(thidua.evaluate_many, plan, data, "2024", members=cluster.members)
    _safely(thidua.rank_cluster, cluster, plan, data, "2024")
    many = thidua.evaluate_many(plan, data, "2024", members=cluster.members, errors="collect")
    assert {*many, *many.errors} == {m.id for m in cluster.members}
    assert all(isinstance(e, ThiduaError) and e.member for e in many.errors.values())
    ranking = thidua.rank_cluster(cluster, plan, data, "2024", errors="collect")
    ranked = [s.member.id for s in ranking.standings]
    left_out = [n.member.id for n in ranking.not_ranked]
    assert sorted(ranked + left_out) == sorted(m.id for m in cluster.members)
    assert set(left_out) == set(many.errors)
    assert [s.rank for s in ranking.standings] == sorted(s.rank for s in ranking.standings)
    thidua.formats.render_ranking(ranking)
    thidua.formats.render_ranking(ranking, "json")


@ONE_SECOND
@given(st.dates(), st.integers(-(10**12), 10**12), st.dates())
def test_calendar_on_any_date(due: dt.date, days: int, as_of: dt.date) -> None:
    """Any due date, any count of days: a calendar or a ThiduaError, never a crash.

    The models refuse dates outside 1900-2200; the due date is set past them, as a
    program could, so the calendar's own guards are fuzzed too.
    """
    import attrs

    plan = attrs.evolve(thidua.examples.hoa_thuan_2024())  # a copy: the example is shared
    report = attrs.evolve(plan.reports[0])
    object.__setattr__(report, "due", due)
    object.__setattr__(plan, "reports", (report,))
    _safely(thidua.reporting.to_ics, plan, alarm_days=days)
    _safely(thidua.reporting.deadlines, plan, as_of, notice_days=days)
    _safely(thidua.reporting.deadlines, plan, as_of)
    _safely(thidua.reporting.next_deadline, plan, as_of)
    thidua.reporting.to_ics(plan)


@ONE_SECOND
@given(
    st.lists(PLAN_LINES, max_size=25).map("\n".join) | st.text(max_size=200),
    st.lists(st.lists(CSV_CELLS, min_size=1, max_size=6).map(",".join), max_size=8),
    st.none() | st.sampled_from(["2024", "2024-H1", "2023", "2024-H9", "quý V/2024", "1066"]),
)
def test_validate_on_any_files(plan_text: str, rows: list[str], period: str | None) -> None:
    """validate() of any plan file and data file lists ThiduaErrors; it never raises.

    And it agrees with the raising readers: a file that loads has no problem of its
    own, and a file that does not load has at least one.
    """
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        plan_path, data_path = Path(folder, "p.toml"), Path(folder, "d.csv")
        plan_path.write_text(plan_text, encoding="utf-8", errors="surrogatepass")
        data_path.write_text(
            "indicator,period,value,org_unit,kind\n" + "\n".join(rows),
            encoding="utf-8",
            errors="surrogatepass",
        )
        problems = thidua.validate(plan_path, data_path, period)
        assert all(isinstance(p, ThiduaError) for p in problems)
        for problem in problems:
            assert problem.code
            assert problem.message("vi")
            assert problem.message("en")
        try:
            thidua.load_plan(plan_path)
        except ThiduaError:
            assert problems
            return
        if any(isinstance(p, thidua.PlanError) for p in problems):
            raise AssertionError(problems)


@ONE_SECOND
@given(st.lists(ARGS, max_size=5), st.sampled_from(["text", "json"]))
def test_command_line_validate(argv: list[str], fmt: str) -> None:
    """`thidua validate` on any words exits 0 or 2, and its JSON is JSON."""
    import io
    import json
    from contextlib import redirect_stderr, redirect_stdout

    from thidua.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["validate", "--format", fmt, *argv])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    assert code in (0, 2)
    assert "Traceback" not in err.getvalue()
    if fmt == "json" and out.getvalue():
        json.loads(out.getvalue())
