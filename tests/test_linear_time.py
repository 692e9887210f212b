"""Every text thidua reads in rules, numbers, quantities, periods and dates costs time linear in its length.

Three kinds of evidence:

* the **structure** of every pattern: repetitions of more than one character are
  possessive, and at most one scan per atomic segment can be retried, followed by
  a bounded tail, so the regular-expression engine cannot try a text in many ways;
* **timings** of adversarial texts at the full length limit, in a subprocess with
  a timeout (a hang fails the test instead of stalling the suite);
* a **scaling law**: ten times the input never costs much more than ten times the
  time, for every family of adversarial inputs;

and one of **meaning**: the possessive patterns read every text exactly as the
backtracking patterns they replaced did.
"""

from __future__ import annotations

import contextlib
import decimal
import json
import re
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pytest

import thidua
from thidua import ThiduaError, numbers, periods, units
from thidua.rules import MAX_RULE_LENGTH, _grammar, _vietnamese

ROOT = Path(__file__).resolve().parent.parent

# ------------------------------------------------------------- the structure

_SINGLE = {sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN, sre.CATEGORY, sre.RANGE}
_UNBOUNDED = sre.MAXREPEAT
_INFINITE = float("inf")


def _width(items: Any) -> float:
    """The most characters ``items`` can match (inf if unbounded)."""
    total: float = 0
    for op, av in items:
        if op in _SINGLE:
            total += 1
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        elif op is sre.SUBPATTERN:
            total += _width(av[3])
        elif op is sre.ATOMIC_GROUP:
            total += _width(av)
        elif op is sre.BRANCH:
            total += max(_width(b) for b in av[1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            _, high, body = av
            total += _INFINITE if high == _UNBOUNDED else high * _width(body)
        else:
            total = _INFINITE
    return total


def _is_scan(op: Any, av: Any) -> bool:
    """A repetition of one character class that the engine may retry (``.*?``, ``[0-9]*``)."""
    return op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[1] == _UNBOUNDED


def _trailing_free(items: list[Any]) -> list[Any]:
    """``items`` without a final greedy ``.*`` (a description): it reads to the end once."""
    if not items:
        return items
    op, av = items[-1]
    if op is sre.MAX_REPEAT and av[1] == _UNBOUNDED and list(av[2]) == [(sre.ANY, None)]:
        return _trailing_free(items[:-1])
    if op is sre.MAX_REPEAT and av[1] == 1:
        return [*items[:-1], (op, (av[0], av[1], _trailing_free(list(av[2]))))]
    if op is sre.SUBPATTERN:
        return [*items[:-1], (op, (*av[:3], _trailing_free(list(av[3]))))]
    return items


def _problems(items: list[Any], after: float, scans: list[float], where: str) -> Iterator[str]:
    """Why ``items`` could be tried in many ways; ``scans`` collects the retried scans' tails."""
    for index, (op, av) in enumerate(items):
        tail = _width(items[index + 1 :]) + after
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            _, high, body = av
            if high == _UNBOUNDED:
                body = list(body)
                if len(body) != 1 or body[0][0] not in _SINGLE:
                    yield f"{where}: an unbounded repetition of a group must be possessive"
                scans.append(tail)
            else:
                yield from _problems(list(body), tail + (high - 1) * _width(body), scans, where)
        elif op is sre.POSSESSIVE_REPEAT or op is sre.ATOMIC_GROUP:
            inner = list(av[2]) if op is sre.POSSESSIVE_REPEAT else list(av)
            yield from _segment(inner, where)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _segment(list(av[1]), where)
        elif op is sre.SUBPATTERN:
            yield from _problems(list(av[3]), tail, scans, where)
        elif op is sre.BRANCH:
            for branch in av[1]:
                yield from _problems(list(branch), tail, scans, where)


def _segment(items: list[Any], where: str) -> Iterator[str]:
    """One atomic segment: at most one retried scan, with a bounded tail."""
    scans: list[float] = []
    yield from _problems(items, 0, scans, where)
    if len(scans) > 1:
        yield f"{where}: {len(scans)} scans can be retried against each other"
    if any(tail == _INFINITE for tail in scans):
        yield f"{where}: a retried scan is followed by an unbounded tail"


def linear_problems(pattern: re.Pattern[str]) -> list[str]:
    """Why ``pattern`` might take more than linear time, or ``[]``."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    return list(_segment(_trailing_free(list(parsed)), pattern.pattern))


def _module_patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for module in (numbers, units, periods, _grammar, _vietnamese):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.append((f"{module.__name__}.{name}", value))
    return found


PHRASE_PATTERNS = [
    (f"form {index} ({form.tokens})", form.pattern)
    for index, form in enumerate(_vietnamese.phrase_table())
]


@pytest.mark.parametrize(
    ("name", "pattern"),
    PHRASE_PATTERNS + _module_patterns(),
    ids=[name for name, _ in PHRASE_PATTERNS + _module_patterns()],
)
def test_every_pattern_is_read_in_one_way(name: str, pattern: re.Pattern[str]) -> None:
    """No pattern can try one text in many ways: possessive loops, one bounded retry."""
    assert linear_problems(pattern) == []


@pytest.mark.parametrize(
    "source",
    [
        r"(?:(?:đạt|đạt điểm số|điểm số) )*x",  # the old {pre}: one text, many readings
        r"(?:\S+ )*?chỉ tiêu(?: .*)? giao",  # a lazy loop of words before a scan
        r"(?P<q>\d.*?) chỉ tiêu(?: .*)? giao",  # two scans retried against each other
        r"\d.*? (?:\S++ )*+x",  # a retried scan followed by an unbounded tail
    ],
)
def test_the_structure_check_catches_backtracking_patterns(source: str) -> None:
    """The checker above rejects the shapes that made the old phrase table slow."""
    assert linear_problems(re.compile(source))


# ------------------------------------------------------------------- meaning


def test_every_example_of_the_grammar_reads() -> None:
    """Each form's real examples read as a rule, or are refused by name (term, rating)."""
    for form in _vietnamese.phrase_table():
        for example in form.examples:
            if form.meaning.startswith("refuse"):
                with pytest.raises(thidua.ParseError):
                    thidua.parse_rule(example)
            else:
                thidua.parse_rule(example)


# ------------------------------------------------------------------- timings


def _fill(unit: str, size: int, head: str = "", tail: str = "") -> str:
    """``head``, ``unit`` repeated, ``tail``: at most ``size`` characters."""
    count = max(0, (size - len(head) - len(tail)) // len(unit))
    return head + unit * count + tail


#: Families of adversarial inputs: (reader, input of about ``size`` characters).
FAMILIES: dict[str, tuple[str, Callable[[int], str]]] = {
    "pre words then x": ("rule", lambda n: _fill("đạt điểm số ", n, tail="x")),
    "pre words then đạt chuẩn": ("rule", lambda n: _fill("đạt điểm số ", n, tail="đạt chuẩn")),
    "pre words then có thêm": ("rule", lambda n: _fill("phấn đấu có ", n, tail="có thêm 1")),
    "digits": ("rule", lambda n: _fill("9", n)),
    "canonical digits": ("rule", lambda n: _fill("9", n, head=">= ")),
    "previous plus digits": ("rule", lambda n: _fill("1", n, head=">= previous + ")),
    "many chỉ tiêu": ("rule", lambda n: _fill("chỉ tiêu ", n, head="hoàn thành ")),
    "many chỉ tiêu after a number": ("rule", lambda n: _fill("chỉ tiêu ", n, head="đạt 5 ")),
    "many chỉ tiêu giao": ("rule", lambda n: _fill("chỉ tiêu giao ", n, head="5 ", tail="x")),
    "many giao": ("rule", lambda n: _fill("giao ", n, head="hoàn thành chỉ tiêu ", tail="x")),
    "many spaces": ("rule", lambda n: _fill(" ", n, head="5", tail="x")),
    "many commas": ("rule", lambda n: _fill(", ", n, head="5", tail="x")),
    "many so với năm trước": ("rule", lambda n: _fill("so với năm trước ", n, head="tăng 5% ")),
    "many còn": ("rule", lambda n: _fill("còn x ", n, head="giảm ")),
    "many words before còn": ("rule", lambda n: _fill("a ", n, head="giảm ", tail="còn")),
    "many numbers": ("rule", lambda n: _fill("5 ", n, head="tăng ", tail="x")),
    "many units": ("rule", lambda n: _fill("hộ ", n, head="trên 5 ")),
    "long description": ("rule", lambda n: _fill("a ", n, head="không để xảy ra ")),
    "dots and digits": ("rule", lambda n: _fill("1.", n)),
    "slashes": ("rule", lambda n: _fill("5/", n)),
    "many ranges": ("rule", lambda n: _fill("từ 8 đến 10 ", n)),
    "many dashes": ("rule", lambda n: _fill("8-", n, tail="10%")),
    "many multipliers": ("rule", lambda n: _fill("1 triệu ", n, head="ít nhất ")),
    "many compound amounts": ("rule", lambda n: _fill("405 tỉ 449 triệu ", n)),
    "many years": ("rule", lambda n: _fill("năm 2020 ", n, head="so với ")),
    "many subject words": ("rule", lambda n: _fill("hộ dân ", n, head="trên 98% ")),
    "many verbs": ("rule", lambda n: _fill("cho ", n, head="dạy nghề ", tail="5 hộ")),
    "many symbols": ("rule", lambda n: _fill("≥ ", n, tail="5 hộ gia đình")),
    "many per units": ("rule", lambda n: _fill("đồng/người/", n, head="5 triệu ")),
    "many parentheses": ("rule", lambda n: _fill("(", n, head="trên 5% ")),
    "many number words": ("rule", lambda n: _fill("một ", n, head="ít nhất ", tail="mô hình")),
    "number dots": ("number", lambda n: _fill("1.", n)),
    "number commas": ("number", lambda n: _fill("1,", n)),
    "number digits": ("number", lambda n: _fill("9", n)),
    "number signs": ("number", lambda n: _fill("+", n, tail="1")),
    "quantity spaces": ("quantity", lambda n: _fill(" ", n, head="5 a", tail="b")),
    "quantity slashes": ("quantity", lambda n: _fill("/ ", n, head="5 a")),
    "quantity annual": ("quantity", lambda n: _fill("/năm", n, head="5 hộ")),
    "period ranges": ("period", lambda n: _fill("1/1/2024 đến ", n, head="từ ")),
    "period words": ("period", lambda n: _fill("a ", n, head="từ ", tail="đến 1/1/2024")),
    "period dashes": ("period", lambda n: _fill("-", n, head="2024")),
    "period spaces": ("period", lambda n: _fill(" ", n, head="quý i", tail="/2024")),
    "date words": ("date", lambda n: _fill("ngày ", n, tail="1/1/2024")),
    "date digits": ("date", lambda n: _fill("1", n)),
    "date separators": ("date", lambda n: _fill("/", n, head="1")),
}
LIMITS = {
    "rule": MAX_RULE_LENGTH,
    "number": numbers.MAX_NUMBER_LENGTH,
    "quantity": units.MAX_QUANTITY_LENGTH,
    "period": periods.MAX_PERIOD_LENGTH,
    "date": periods.MAX_DATE_LENGTH,
}
READERS: dict[str, Callable[[str], object]] = {
    "rule": thidua.parse_rule,
    "number": thidua.parse_number,
    "quantity": lambda text: thidua.default_units().parse_quantity(text),
    "period": thidua.parse_period,
    "date": thidua.parse_date,
}


def _read(reader: str, text: str) -> None:
    with contextlib.suppress(ThiduaError):
        READERS[reader](text)


def _best_time(reader: str, text: str, *, repeats: int = 7, loops: int = 5) -> float:
    """The least time of ``loops`` reads, over ``repeats`` tries (noise only adds time)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(loops):
            _read(reader, text)
        best = min(best, (time.perf_counter() - start) / loops)
    return best


#: Each adversarial text at the full length limit must take less than this (seconds).
WELL_UNDER_A_SECOND = 0.2

_TIMING_SCRIPT = textwrap.dedent(
    """
    import json, sys, time
    import thidua
    cases = json.loads(sys.stdin.read())
    readers = {
        "rule": thidua.parse_rule,
        "number": thidua.parse_number,
        "quantity": thidua.default_units().parse_quantity,
        "period": thidua.parse_period,
        "date": thidua.parse_date,
    }
    for reader in readers.values():  # warm up: tables, registries
        try:
            reader("1")
        except thidua.ThiduaError:
            pass
    out = []
    for name, reader, text in cases:
        start = time.perf_counter()
        try:
            readers[reader](text)
        except thidua.ThiduaError:
            pass
        out.append([name, len(text), time.perf_counter() - start])
        print(json.dumps(out[-1]), flush=True)
    """
)


def _adversarial_cases() -> list[tuple[str, str, str]]:
    cases = [(name, reader, build(LIMITS[reader])) for name, (reader, build) in FAMILIES.items()]
    cases += [
        ("the reported hang", "rule", "đạt điểm số " * 83 + "x"),
        ("a huge rule", "rule", "đạt điểm số " * 100_000),
        ("a huge number", "number", "9" * 1_000_000),
        ("a huge quantity", "quantity", "5 " + "hộ " * 300_000),
        ("a huge period", "period", "từ " + "1/1/2024 đến " * 100_000),
        ("a huge date", "date", "1/" * 500_000),
    ]
    return cases


def test_adversarial_texts_are_read_well_under_a_second() -> None:
    """Every adversarial text at the length limit (and far beyond) is read quickly.

    The reading runs in a subprocess with a timeout, so a hang fails here with
    the names of the texts that were read, instead of stalling the suite.
    """
    cases = _adversarial_cases()
    assert len(cases[-6][2]) <= MAX_RULE_LENGTH  # the reported hang, at the full limit
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    try:
        done = subprocess.run(
            [sys.executable, "-c", _TIMING_SCRIPT],
            input=json.dumps(cases),
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
            check=True,
        )
    except subprocess.TimeoutExpired as exc:
        finished = (exc.stdout or b"").decode() if isinstance(exc.stdout, bytes) else exc.stdout
        pytest.fail(f"reading hung after: {finished}")
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [name for name, _, _ in results] == [name for name, _, _ in cases]
    slow = {name: seconds for name, _, seconds in results if seconds > WELL_UNDER_A_SECOND}
    assert not slow, slow


#: Allowed growth of the time when the input grows tenfold (10 if exactly linear).
MAX_RATIO = 25
#: Times below this (seconds) are measurement noise, not a cost.
FLOOR = 20e-6

_SCALING_SCRIPT = textwrap.dedent(
    """
    import json, sys
    sys.path.insert(0, sys.argv[1])
    import test_linear_time as t
    for name in sorted(t.FAMILIES):
        reader, build = t.FAMILIES[name]
        large = t.LIMITS[reader]
        for _attempt in range(3):  # a busy machine may slow one measurement: measure again
            small = max(t._best_time(reader, build(large // 10)), t.FLOOR)
            big = t._best_time(reader, build(large))
            if big < t.MAX_RATIO * small:
                break
        print(json.dumps([name, small, big]), flush=True)
    """
)


@pytest.fixture(scope="module")
def scaling() -> dict[str, tuple[float, float]]:
    """Time of each family at a tenth of its limit and at its limit, measured in a subprocess.

    A reader that takes much more than linear time would hang at the limit; the
    timeout turns that into failures naming the families measured so far.
    """
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    try:
        done = subprocess.run(
            [sys.executable, "-c", _SCALING_SCRIPT, str(Path(__file__).parent)],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            check=True,
        )
        output = done.stdout
    except subprocess.TimeoutExpired as exc:
        output = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
    return {name: (small, big) for name, small, big in map(json.loads, output.splitlines())}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_ten_times_the_input_costs_about_ten_times_the_time(
    family: str, scaling: dict[str, tuple[float, float]]
) -> None:
    """For each family of adversarial texts, time(10 n) < 25 time(n) (with a noise floor)."""
    assert family in scaling, f"measuring {family!r} did not finish in time"
    small, large = scaling[family]
    assert large < MAX_RATIO * small, (family, small, large)


@pytest.mark.parametrize("reader", sorted(READERS))
def test_texts_beyond_the_limit_are_refused_in_linear_time(reader: str) -> None:
    """Far beyond the limit, refusing costs no more than reading the text once."""
    sizes = (10**5, 10**6)
    times = [_best_time(reader, "1 " * (size // 2), repeats=3, loops=1) for size in sizes]
    assert times[1] < MAX_RATIO * max(times[0], FLOOR), times
    with pytest.raises(ThiduaError, match="longer than"):
        READERS[reader]("1 " * (sizes[0] // 2))


# ---------------------------------------------------------- printing numbers


@pytest.mark.parametrize(
    "value",
    [
        Fraction(1, 10**1000),
        Fraction(10**1000 - 1, 2**999 * 5**3),
        Fraction(-(3**2000), 2**3000),
        Fraction(10**6000 + 1),
        Fraction(7**3000, 11),
    ],
    ids=["tiny", "half places", "many twos", "beyond str()", "not decimal"],
)
def test_any_number_prints_in_full(value: Fraction) -> None:
    """to_decimal_string and format_number print numbers of any size exactly and quickly."""
    start = time.perf_counter()
    text = numbers.to_decimal_string(value)
    shown = numbers.format_number(value, locale="en")
    assert time.perf_counter() - start < 1
    if numbers.is_decimal(value):
        _, _, places = text.lstrip("-").partition(".")
        assert Fraction(decimal.Decimal(text)) == value  # exact, and without str()'s digit limit
        assert not places.endswith("0")
    else:
        numerator, denominator = text.split("/")
        assert Fraction(int(numerator), int(denominator)) == value
    rounded = Fraction(decimal.Decimal(shown.lstrip("≈").replace(",", "")))
    assert abs(rounded - value) <= Fraction(1, 200)  # two decimals, rounded half-even
    assert shown.startswith("≈") == ((value * 100).denominator != 1)


def test_to_decimal_string_costs_about_what_printing_its_digits_costs() -> None:
    """No place-by-place loop: a number of 10,000 places prints about as fast as its digits."""
    value = Fraction(3**20_000, 2**10_000 * 5**5_000)  # 10,000 places
    digits = 3**20_000 * 5**5_000  # the integer whose digits are printed

    def best(function: Callable[[], object]) -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
        return max(min(times), FLOOR)

    assert len(numbers.to_decimal_string(value)) > 10_000
    assert best(lambda: numbers.to_decimal_string(value)) < 5 * best(
        lambda: numbers._int_text(digits)
    )
