"""Every row of the bad-input catalogue (docs/bad-input.md) is a test.

A row names the reader, the input, the error class, the stable code and a part
of the message in English and in Vietnamese. Inputs are Python expressions of a
small, safe kind, read here without ``eval``: text literals, the names ``H``
and ``G`` (plan-file heads), ``+`` and ``text * count``, and calls of thidua's
public functions with such arguments (``thidua.parse_rule('x')``).

Two more checks keep the catalogue whole: every code written in ``src/`` has a
row, and every error that gives a hint gives it in Vietnamese too.
"""

from __future__ import annotations

import ast
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import thidua
import thidua.cli
import thidua.strategies
import thidua.titles

ROOT = Path(__file__).resolve().parent.parent
H = 'id = "p"\ntitle = "T"\nyear = 2024\n'
G = H + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "I1"\nname = "x"\n'
#: Between a plan file and a data file in an "evaluate" input.
SEPARATOR = "\n---\n"


def _evaluate(text: str) -> object:
    """A plan file, ``---``, a data file (and optionally ``---`` and the period)."""
    plan_text, data_text, *period = text.split(SEPARATOR)
    plan = thidua.loads_plan(plan_text, file="plan.toml")
    data = thidua.loads_data(data_text, file="data.csv", plan=plan)
    return thidua.evaluate(plan, data, period[0] if period else None)


def _validate(text: str) -> object:
    """A plan file, ``---``, a data file (``---`` and the period): the last problem found."""
    plan_text, data_text, *period = text.split(SEPARATOR)
    with tempfile.TemporaryDirectory() as folder:
        plan, data = Path(folder, "plan.toml"), Path(folder, "data.csv")
        plan.write_text(plan_text, encoding="utf-8")
        data.write_text(data_text, encoding="utf-8")
        problems = thidua.validate(plan, data, period[0] if period else None)
    if problems:
        raise problems[-1]
    return problems


def _without(module: str) -> Callable[[str], object]:
    """The call, with ``module`` (an optional package) hidden as if not installed."""

    def call(expression: str) -> object:
        saved = sys.modules.get(module)
        sys.modules[module] = None  # type: ignore[assignment]
        try:
            return _input(expression)
        finally:
            if saved is None:
                del sys.modules[module]
            else:
                sys.modules[module] = saved

    return call


def _command(text: str) -> object:
    """The command line's words, split on spaces; it raises instead of printing."""
    return thidua.cli.run(text.split())


def _cell(value: Any) -> tuple[Any, str | None]:
    """A workbook cell of the catalogue: a value, or ``{"date": ..., "format": ...}``."""
    import datetime as dt

    if not isinstance(value, dict):
        return value, None
    if "date" in value:
        return dt.datetime.fromisoformat(value["date"]), value.get("format")
    return value.get("value"), value.get("format")


def _workbook(spec: Any) -> object:
    """A workbook written with openpyxl as Excel writes it, read by ``load_data``.

    ``spec`` is the file's bytes, or a dict: ``rows`` (cells: values, or dicts
    with ``date``/``value`` and ``format``), ``merge`` (ranges), ``cells`` (more
    cells by name), ``sheet`` (the name to read); or ``template`` (a period: the example plan's template) with
    ``cells`` to edit (``"Sheet!A5": value``) and ``plan`` (``"other"``: the
    plan of ``H``). The file is ``so-lieu.xlsx`` in a temporary folder.
    """
    import os

    import openpyxl

    plan = None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "so-lieu.xlsx")
        if isinstance(spec, bytes):
            path.write_bytes(spec)
        elif "template" in spec:
            plan = thidua.examples.hoa_thuan_2024()
            thidua.data_template(plan, spec["template"], path)
            book = openpyxl.load_workbook(path)
            for where, value in spec.get("cells", {}).items():
                sheet, cell = where.split("!")
                book[sheet][cell] = value
            book.save(path)
            if spec.get("plan") == "other":
                plan = thidua.loads_plan(H)
        else:
            book = openpyxl.Workbook()
            sheet = book.active
            for r, row in enumerate(spec.get("rows", []), start=1):
                for c, given in enumerate(row, start=1):
                    value, number_format = _cell(given)
                    cell = sheet.cell(r, c, value)
                    if number_format:
                        cell.number_format = number_format
            for merged in spec.get("merge", []):
                sheet.merge_cells(merged)
            for where, value in spec.get("cells", {}).items():
                sheet[where] = value
            book.save(path)
        here = os.getcwd()
        os.chdir(folder)
        try:
            return thidua.load_data(
                "so-lieu.xlsx",
                plan=plan,
                sheet=spec.get("sheet") if isinstance(spec, dict) else None,
            )
        finally:
            os.chdir(here)


READERS: dict[str, Callable[[Any], object]] = {
    "rule": thidua.parse_rule,
    "number": thidua.parse_number,
    "value": thidua.parse_value,
    "period": thidua.parse_period,
    "date": thidua.parse_date,
    "plan file": lambda text: thidua.loads_plan(text, file="plan.toml"),
    "data file": lambda text: thidua.loads_data(text, file="data.csv"),
    "cluster file": lambda text: thidua.loads_cluster(text, file="cum.toml"),
    "scheme file": lambda text: thidua.scoring.loads_scheme(text, file="scheme.toml"),
    "titles file": lambda text: thidua.titles.loads_titles(text, file="titles.toml"),
    "evaluate": _evaluate,
    "command": _command,
    "validate": _validate,
    "workbook": _workbook,
    "call": lambda value: value,  # the expression itself is the call
    "call without pandas": _without("pandas"),
}
#: Readers given the input expression itself, not its value.
CALLS = {"call", "call without pandas"}
ROW = re.compile(
    r"^\| (?P<where>[a-z ]+) \| `(?P<input>.*)` \| `(?P<error>\w+)` \| `(?P<code>[a-z_.]+)` "
    r"\| (?P<en>.*) \| (?P<vi>.*) \|$"
)


def _public(path: list[str]) -> Callable[..., object]:
    """``thidua.<path>``: public names only (no underscore), reached attribute by attribute."""
    node: Any = thidua
    for name in path:
        if name.startswith("_") and name != "__version__":
            msg = f"catalogue calls may use public names only, not {name!r}"
            raise AssertionError(msg)
        node = getattr(node, name)
    if not callable(node):
        msg = f"thidua.{'.'.join(path)} is not callable"
        raise TypeError(msg)
    return node  # type: ignore[no-any-return]


def _dotted(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Name) and node.id == "thidua":
        return []
    if isinstance(node, ast.Attribute):
        return [*_dotted(node.value), node.attr]
    msg = f"unsupported callee: {ast.dump(node)}"
    raise AssertionError(msg)


def _value(node: ast.expr) -> Any:
    """The value a catalogue cell describes (no eval): literals, H, G, +, *, calls of thidua."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name) and node.id in ("H", "G"):
        return {"H": H, "G": G}[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_value(node.operand)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mult | ast.Pow):
        left, right = _value(node.left), _value(node.right)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Pow):
            return left**right
        return left * right
    if isinstance(node, ast.Tuple | ast.List):
        items = [_value(e) for e in node.elts]
        return tuple(items) if isinstance(node, ast.Tuple) else items
    if isinstance(node, ast.Dict):
        return {_value(k): _value(v) for k, v in zip(node.keys, node.values, strict=True)}  # type: ignore[arg-type]
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call):
            function = getattr(_value(node.func.value), node.func.attr)  # a method of a result
        else:
            function = _public(_dotted(node.func))
        args = [_value(a) for a in node.args]
        kwargs = {k.arg: _value(k.value) for k in node.keywords if k.arg is not None}
        return function(*args, **kwargs)
    msg = f"unsupported catalogue expression: {ast.dump(node)}"
    raise AssertionError(msg)


def _input(expression: str) -> Any:
    return _value(ast.parse(expression, mode="eval").body)


def _rows() -> list[tuple[str, str, str, str, str, str]]:
    rows = []
    for line in (ROOT / "docs" / "bad-input.md").read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            unescape = lambda s: s.replace("\\|", "|").strip()  # noqa: E731
            rows.append(
                (
                    match["where"],
                    unescape(match["input"]),
                    match["error"],
                    match["code"],
                    unescape(match["en"]),
                    unescape(match["vi"]),
                )
            )
    return rows


CATALOGUE = _rows()


def test_the_catalogue_is_not_empty() -> None:
    """The page has entries for every reader."""
    assert len(CATALOGUE) >= 40
    assert {where for where, *_ in CATALOGUE} <= set(READERS)


@pytest.mark.parametrize(
    ("where", "expression", "error", "code", "en", "vi"),
    CATALOGUE,
    ids=[f"{r[3]}:{r[1][:30]}" for r in CATALOGUE],
)
def test_catalogue_entry(  # noqa: PLR0917 - one argument per column of the table
    where: str, expression: str, error: str, code: str, en: str, vi: str
) -> None:
    """The input raises the named error, with its code and both messages as shown."""
    read = (
        (lambda: READERS[where](expression) if where != "call" else _input(expression))
        if where in CALLS
        else (lambda: READERS[where](_input(expression)))
    )
    with pytest.raises(thidua.ThiduaError) as info:
        read()
    assert type(info.value).__name__ == error, info.value
    assert info.value.code == code, info.value
    assert en in info.value.message("en")
    assert vi in info.value.message("vi")
    assert str(info.value) == info.value.message("en")


def _source_calls() -> list[tuple[str, ast.Call]]:
    """Every call in src/ that passes ``code=``."""
    calls = []
    for path in sorted((ROOT / "src" / "thidua").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls.extend(
            (f"{path.relative_to(ROOT)}:{node.lineno}", node)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and any(k.arg == "code" for k in node.keywords)
        )
    return calls


def _codes() -> dict[str, str]:
    """The code literals written in src/, each with the place it is first written."""
    codes: dict[str, str] = {}
    for where, call in _source_calls():
        for keyword in call.keywords:
            if keyword.arg == "code" and isinstance(keyword.value, ast.Constant):
                codes.setdefault(str(keyword.value.value), where)
    return codes


def test_every_code_has_a_catalogue_row() -> None:
    """Each code written in the source is shown by at least one row of the catalogue."""
    listed = {code for _, _, _, code, _, _ in CATALOGUE}
    missing = {code: where for code, where in _codes().items() if code not in listed}
    assert not missing, f"codes without a row in docs/bad-input.md: {missing}"


def test_codes_are_dotted_names() -> None:
    """Codes are stable dotted names: area.problem, lower case."""
    for code in _codes():
        assert re.fullmatch(r"[a-z]+(\.[a-z_]+)+", code), code


def test_every_hint_is_given_in_both_languages() -> None:
    """An error that says how to fix it says so in Vietnamese too."""
    for where, call in _source_calls():
        names = {k.arg for k in call.keywords}
        if "hint" in names:
            assert "hint_vi" in names, f"{where}: hint= without hint_vi="
        assert "vi" in names, f"{where}: code= without vi="
