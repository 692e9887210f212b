"""Findings of the adversarial review, one test each: input that crashed, hung or leaked.

Each docstring names the finding: the input, and what happened before the fix.
Anything that could hang runs in a fresh interpreter with a timeout.
"""

from __future__ import annotations

import datetime as dt
import decimal
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import thidua
from thidua import scoring, titles

#: Seconds a fresh interpreter may take for one of these inputs (start-up included).
LIMIT = 10.0


def _python(code: str) -> str:
    """Run ``code`` in a fresh interpreter with a timeout; return what it printed."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=LIMIT,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _refused(call: Any, *args: Any, **kwargs: Any) -> thidua.ThiduaError:
    """The ThiduaError ``call(*args, **kwargs)`` raises; its messages must be writable."""
    with pytest.raises(thidua.ThiduaError) as info:
        call(*args, **kwargs)
    error = info.value
    for language in ("vi", "en"):
        assert error.message(language)
    assert error.as_dict()["code"] == error.code
    return error


class _BrokenRepr:
    """An argument whose repr() fails, as a buggy caller's object may."""

    def __repr__(self) -> str:
        msg = "broken repr"
        raise RuntimeError(msg)


HUGE = 10**5000


@pytest.mark.parametrize(
    "call",
    [
        thidua.parse_rule,
        thidua.parse_number,
        lambda v: thidua.Quantity(1, v),
        lambda v: thidua.check(v, 5),
        lambda v: thidua.assess(v, 5),
        lambda v: thidua.Indicator("a", "n", rule=v),
        thidua.loads_plan,
        thidua.loads_cluster,
        scoring.loads_scheme,
        titles.loads_titles,
        lambda v: thidua.ThiduaError("x", code="a.b", vi="y").message(v),
    ],
    ids=[
        "parse_rule",
        "parse_number",
        "Quantity-unit",
        "check",
        "assess",
        "Indicator",
        "loads_plan",
        "loads_cluster",
        "loads_scheme",
        "loads_titles",
        "message",
    ],
)
@pytest.mark.parametrize("value", [HUGE, _BrokenRepr()], ids=["int-5000-digits", "broken-repr"])
def test_messages_never_fail_on_the_argument_they_show(call: Any, value: object) -> None:
    """Crash: the message refusing a huge int or an object with a broken repr() failed.

    A wrong argument of 5,000 digits, or with a failing repr(), raised the
    ValueError of Python's int→str limit (or the object's own error) while the
    message that refused it was being written.
    """
    error = _refused(call, value)
    assert "Traceback" not in error.message("en")


def test_a_year_of_5000_digits() -> None:
    """Crash: a year of 5,000 digits broke the message saying it is out of range.

    parse_period(10**5000) and parse_date("10/6", year=10**5000) raised
    ValueError (int→str limit).
    """
    assert _refused(thidua.parse_period, HUGE).code == "period.year_out_of_range"
    error = _refused(thidua.parse_date, "10/6", year=HUGE)
    assert error.code == "date.out_of_range"
    assert "digits" in error.message("vi")


def test_an_id_of_5000_digits() -> None:
    """Crash: Observation(10**5000, "2024", value=1) raised ValueError from str() of the id."""
    assert _refused(thidua.Observation, HUGE, "2024", value=1).code == "number.too_long"
    assert _refused(thidua.Observation, "KT01", HUGE, value=1).code == "period.year_out_of_range"


def test_a_dataset_of_an_iterable_in_name_only() -> None:
    """Crash: Dataset(pint Quantity) raised TypeError ('int' object is not iterable)."""
    pint = pytest.importorskip("pint")
    quantity = pint.UnitRegistry().Quantity(1, "m")
    assert _refused(thidua.Dataset, quantity).code == "argument.type"


LOADERS = [
    thidua.load_plan,
    thidua.load_data,
    thidua.load_cluster,
    scoring.load_scheme,
    titles.load_titles,
]


@pytest.mark.parametrize("loader", LOADERS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("path", ["a\x00b.toml", "\ud800.csv"], ids=["nul", "surrogate"])
def test_paths_the_system_cannot_name(loader: Any, path: str) -> None:
    r"""Crash: a path with a NUL or a lone surrogate.

    load_plan("a\x00b") raised ValueError (embedded null byte), and a path with
    a lone surrogate UnicodeEncodeError, from os.stat.
    """
    error = _refused(loader, path)
    assert error.code == "file.unreadable"
    assert "\x00" not in error.message("en")
    assert "\ud800" not in error.message("vi")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_nobody_writes_to(tmp_path: Path) -> None:
    """Hang: every load_* on a named pipe (FIFO) waited forever in open()."""
    fifo = tmp_path / "plan.toml"
    os.mkfifo(fifo)
    out = _python(
        "import thidua\nfrom thidua import scoring, titles\n"
        "for load in (thidua.load_plan, thidua.load_data, thidua.load_cluster,\n"
        "             scoring.load_scheme, titles.load_titles):\n"
        "    try:\n"
        f"        load({str(fifo)!r})\n"
        "        print('read')\n"
        "    except thidua.ThiduaError as e:\n"
        "        print(e.code)\n"
    )
    assert len(out.split()) == len(LOADERS)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_without_end() -> None:
    """Memory: load_data("/dev/zero") read one endless line into memory.

    The size cap only counted whole lines; the process grew until it was killed.
    """
    out = _python(
        "import thidua\n"
        "try:\n    thidua.load_data('/dev/zero')\n"
        "except thidua.ThiduaError as e:\n    print(e.code)\n"
    )
    assert out.split() == ["file.too_large"]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"value": 1.5}, "argument.type"),
        ({"value": "98%"}, "argument.type"),
        ({"value": None}, "argument.type"),
        ({"value": True}, "argument.type"),
        ({"value": Fraction(1, 3), "max_decimals": -1}, "usage.max_decimals"),
        ({"value": Fraction(1, 3), "max_decimals": None}, "usage.max_decimals"),
        ({"value": Fraction(1, 3), "max_decimals": 10**7}, "usage.max_decimals"),
        ({"value": Fraction(1, 3), "locale": "xx"}, "usage.locale"),
        ({"value": Fraction(1, 3), "locale": "\x1b[2J"}, "usage.locale"),
        ({"value": Fraction(1, 3), "locale": None}, "argument.type"),
    ],
    ids=str,
)
def test_format_number_refuses_what_it_cannot_format(kwargs: dict[str, Any], code: str) -> None:
    """Crash and slowness: format_number took any argument.

    A float or a str gave AttributeError, None TypeError, max_decimals=-1
    AttributeError, max_decimals=10**7 ran 6 s and then raised
    decimal.InvalidOperation, locale='xx' Babel's UnknownLocaleError.
    """
    error = _refused(thidua.format_number, **kwargs)
    assert error.code == code
    assert "\x1b" not in error.message("en")


def test_format_number_still_formats() -> None:
    """The checks refuse nothing format_number could format before."""
    assert thidua.format_number(Fraction(1, 3), locale="de") == "≈0,33"
    assert thidua.format_number(5, max_decimals=0) == "5"
    assert thidua.format_number(Fraction(1, 3), max_decimals=1000).startswith("≈0,333")


def _evaluation() -> thidua.Evaluation:
    return thidua.evaluate(thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data())


@pytest.mark.parametrize(
    "name",
    [
        "status_badge",
        "result_html",
        "evaluation_html",
        "evaluations_html",
        "ranking_html",
        "indicator_html",
        "plan_html",
        "attainment_chart",
        "progress_chart",
    ],
)
@pytest.mark.parametrize("value", [None, "x", 5, []], ids=["None", "str", "int", "list"])
def test_display_refuses_what_it_cannot_show(name: str, value: object) -> None:
    """Crash: display.evaluation_html("x") (and every display function) raised AttributeError.

    status_badge(None) said 'NoneType' object has no attribute 'value', plan_html(5)
    'int' object has no attribute 'number'; now an ArgumentTypeError names the argument.
    """
    from thidua import display

    error = _refused(getattr(display, name), value)
    assert isinstance(error, thidua.ArgumentTypeError)
    assert error.code == "argument.type"


@pytest.mark.parametrize(
    "argv",
    [5, [5], ["evaluate", b"plan.toml"], "evaluate"],
    ids=["int", "int-word", "bytes", "str"],
)
def test_command_line_words_that_are_not_words(
    argv: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """Crash: thidua.cli.main(5) and main([5]) raised TypeError inside argparse."""
    from thidua import cli

    assert cli.main(argv) == 2
    assert "[argument.type]" in capsys.readouterr().err
    with pytest.raises(thidua.ArgumentTypeError):
        cli.run(argv)


def test_argparse_errors_echo_words_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    r"""Injection: 'thidua evaluate --\x1b[2J' echoed the escape raw ("unrecognized arguments")."""
    from thidua import cli

    with pytest.raises(SystemExit):
        cli.main(["evaluate", "--\x1b[2J\u202e"])
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "\u202e" not in err
    assert "\\x1b[2J" in err


@pytest.mark.parametrize(
    "call",
    [
        lambda: thidua.default_units().resolve(5),
        lambda: thidua.default_units().resolve(None),
        lambda: thidua.default_units().extend(5),
        lambda: thidua.default_units().extend(["hộ"]),
        lambda: thidua.Period(2024, "month"),
        lambda: thidua.Period(2024, thidua.PeriodKind.MONTH, HUGE),
        lambda: thidua.Period(2024).subperiods(_BrokenRepr()),
        lambda: thidua.reporting.to_ics(thidua.examples.hoa_thuan_2024(), alarm_days=HUGE),
        lambda: thidua.reporting.deadlines(
            thidua.examples.hoa_thuan_2024(), "1/1/2024", notice_days=HUGE
        ),
        lambda: thidua.ranking.rank(5),
        lambda: thidua.validate(HUGE),
        lambda: thidua.validate(_BrokenRepr()),
        lambda: thidua.validate(thidua.examples.hoa_thuan_2024(), HUGE),
    ],
    ids=[
        "resolve-int",
        "resolve-None",
        "extend-int",
        "extend-str",
        "Period-kind-str",
        "Period-index-huge",
        "subperiods-broken",
        "to_ics-huge",
        "deadlines-huge",
        "rank-int",
        "validate-huge",
        "validate-broken",
        "validate-data-huge",
    ],
)
def test_calls_with_arguments_of_the_wrong_kind(call: Any) -> None:
    """Crash: bare TypeError, AttributeError or ValueError from calls with odd arguments.

    Units.resolve(5) raised TypeError from unicodedata, Units.extend(["hộ"])
    AttributeError, Period(2024, "month") attrs' TypeError with its internals,
    Period(2024, MONTH, 10**5000), to_ics(alarm_days=10**5000) and validate(10**5000)
    ValueError (int→str limit), rank(5) TypeError, validate(obj) the repr's own error.
    """
    _refused(call)


def test_options_compared_only_when_text() -> None:
    """Crash: report.render(ev, obj) and evaluate_many(errors=obj) ran the object's __eq__."""

    class Odd:
        def __eq__(self, other: object) -> bool:
            msg = "broken eq"
            raise RuntimeError(msg)

        __hash__ = object.__hash__

    evaluation = _evaluation()
    assert _refused(thidua.report.render, evaluation, Odd()).code == "usage.format"
    plan, data = thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data()
    assert _refused(thidua.evaluate_many, plan, data, errors=Odd()).code == "usage.errors"


def test_a_datetime_is_in_the_period_of_its_day() -> None:
    """Crash: datetime(2024, 1, 1) in Period(2024) raised TypeError (datetime against date)."""
    import datetime as dt

    assert dt.datetime(2024, 6, 10, 12, 30) in thidua.Period(2024)
    assert dt.datetime(2025, 1, 1) not in thidua.Period(2024)


@pytest.mark.parametrize(
    "shape",
    [
        "'.'.join(['a'] * n) + ' = 1'",
        "'[' + '.'.join(['a'] * n) + ']'",
        "'x = {' + '.'.join(['a'] * n) + ' = 1}'",
        "''.join('[[' + '.'.join(['c'] * k) + ']]\\n' for k in range(1, n // 20))",
    ],
    ids=["pair", "table", "inline", "deep-headers"],
)
def test_a_key_of_many_dotted_parts(shape: str) -> None:
    """Hang: tomllib reads a key of n dotted parts in time n² (a 60 KB file took 14 s).

    A key 'a.a.a…' of 30,000 parts, and the headers of criteria nested a
    thousand deep (4.5 MB, 17 s in the line scanner), now stop at once with
    toml.too_deep, whatever their size: ten times the input is not ten times slower.
    """
    out = _python(
        "import time, thidua\n"
        'H = \'id = "p"\\ntitle = "T"\\nyear = 2024\\n\'\n'
        "for n in (3000, 30000):\n"
        f"    text = H + {shape}\n"
        "    t = time.perf_counter()\n"
        "    try:\n        thidua.loads_plan(text)\n"
        "    except thidua.ThiduaError as e:\n        print(e.code)\n"
        "    print(time.perf_counter() - t)\n"
    )
    words = out.split()
    assert words[0] == words[2] == "toml.too_deep"
    assert float(words[3]) < 1.0


def test_keys_of_64_parts_are_still_read() -> None:
    """The door on dotted keys refuses only keys deeper than the nesting limit (64)."""
    from thidua import _tomlfile

    assert _tomlfile.parse(".".join(["a"] * 64) + " = 1", file="x.toml")
    with pytest.raises(thidua.PlanError) as info:
        _tomlfile.parse("x = 1\n" + ".".join(["a"] * 65) + " = 1", file="x.toml")
    assert (info.value.code, info.value.line) == ("toml.too_deep", 2)
    # dotted text in a value is no key
    assert _tomlfile.parse('x = "' + ".".join(["a"] * 100) + '"', file="x.toml")


@pytest.mark.parametrize(
    "value", ["=>", None, [1], 10**5000, float("nan")], ids=["text", "none", "list", "huge", "nan"]
)
def test_enumerations_refuse_unknown_values_with_a_thidua_error(value: object) -> None:
    """thidua.Op("=>") raised Enum's bare ValueError (and its repr failed on 5,000 digits)."""
    for enumeration in (thidua.Op, thidua.Status, thidua.Kind, thidua.PeriodKind, thidua.Combine):
        with pytest.raises(thidua.ParseError) as info:
            enumeration(value)
        assert info.value.code == "choice.unknown"
        assert enumeration.__name__ in info.value.message("vi")
    assert thidua.Op(">=") is thidua.Op.GE


@pytest.mark.parametrize("path", [True, 1, 2])
def test_dump_plan_never_takes_a_number_for_a_file(path: object) -> None:
    """dump_plan(plan, True) wrote to file descriptor 1 (the terminal) and closed it."""
    import os

    with pytest.raises(thidua.ArgumentTypeError) as info:
        thidua.dump_plan(thidua.examples.hoa_thuan_2024(), path)  # type: ignore[arg-type]
    assert info.value.code == "argument.type"
    os.fstat(1)  # still open
    os.fstat(2)


def test_every_public_call_refuses_wrong_arguments_with_a_thidua_error() -> None:
    """A fuzzer calling public functions with wrong types met attrs', Enum's, json's and Babel's errors."""
    from thidua import display, formats
    from thidua.units import UnitDefinition, Units

    calls = [
        lambda: thidua.Comparison(thidua.ratio(1, 2), 1),  # type: ignore[arg-type]
        lambda: thidua.Comparison(10**5000, 1),  # type: ignore[arg-type]
        lambda: thidua.Flag(0),  # type: ignore[arg-type]
        lambda: thidua.OrgUnits(None, [1]),  # type: ignore[arg-type]
        lambda: UnitDefinition(10**5000),  # type: ignore[arg-type]
        lambda: UnitDefinition("x", vi=5),  # type: ignore[arg-type]
        lambda: Units("hộ"),  # type: ignore[arg-type]
        lambda: Units(dt.date(2024, 1, 1)),  # type: ignore[arg-type]
        lambda: thidua.Status("achieved", None),  # type: ignore[call-arg]
        lambda: thidua.Op("x", {"A": 1}),  # type: ignore[call-arg]
        lambda: formats.to_dict(True),  # type: ignore[arg-type]
        lambda: formats.result_to_dict([]),  # type: ignore[arg-type]
        lambda: formats.render_ranking("r"),  # type: ignore[arg-type]
        lambda: formats.render_score("s"),  # type: ignore[arg-type]
        lambda: formats.score_to_dict([]),  # type: ignore[arg-type]
        lambda: formats.dumps_json(decimal.Decimal(1)),
        lambda: formats.dumps_json(10**5000),
        lambda: thidua.format_date(thidua.Status.ACHIEVED),  # type: ignore[arg-type]
        lambda: thidua.format_date(dt.date(2024, 1, 1), language="fr"),
    ]
    for call in calls:
        with pytest.raises(thidua.ThiduaError):
            call()
    assert display.show_points(10**5000, "fr").startswith("1")
