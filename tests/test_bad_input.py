"""Every row of the bad-input catalogue (docs/bad-input.md) is a test."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import thidua

ROOT = Path(__file__).resolve().parent.parent
H = 'id = "p"\ntitle = "T"\nyear = 2024\n'
G = H + '[[groups]]\nid = "G"\nname = "g"\n[[groups.indicators]]\nid = "I1"\nname = "x"\n'
READERS: dict[str, Callable[[str], object]] = {
    "rule": thidua.parse_rule,
    "number": thidua.parse_number,
    "value": thidua.parse_value,
    "period": thidua.parse_period,
    "date": thidua.parse_date,
    "plan file": lambda text: thidua.loads_plan(text, file="plan.toml"),
    "data file": lambda text: thidua.loads_data(text, file="data.csv"),
    "cluster file": lambda text: thidua.loads_cluster(text, file="cum.toml"),
    "titles file": lambda text: thidua.titles.loads_titles(text, file="titles.toml"),
}
ROW = re.compile(
    r"^\| (?P<where>[a-z ]+) \| `(?P<input>.*)` \| `(?P<error>\w+)` \| (?P<message>.*) \|$"
)


def _text(expression: str) -> str:
    """The input a catalogue cell describes: literals, H, G, + and text * count (no eval)."""

    def value(node: ast.expr) -> str:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name) and node.id in ("H", "G"):
            return {"H": H, "G": G}[node.id]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return value(node.left) + value(node.right)
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mult)
            and isinstance(node.right, ast.Constant)
            and isinstance(node.right.value, int)
        ):
            return value(node.left) * node.right.value
        msg = f"unsupported catalogue expression: {ast.dump(node)}"
        raise AssertionError(msg)

    return value(ast.parse(expression, mode="eval").body)


def _rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in (ROOT / "docs" / "bad-input.md").read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            unescape = lambda s: s.replace("\\|", "|")  # noqa: E731
            rows.append(
                (
                    match["where"],
                    unescape(match["input"]),
                    match["error"],
                    unescape(match["message"]),
                )
            )
    return rows


CATALOGUE = _rows()


def test_the_catalogue_is_not_empty() -> None:
    """The page has entries for every reader."""
    assert len(CATALOGUE) >= 40
    assert {where for where, *_ in CATALOGUE} == set(READERS)


@pytest.mark.parametrize(
    ("where", "expression", "error", "message"),
    CATALOGUE,
    ids=[f"{r[0]}:{r[1][:40]}" for r in CATALOGUE],
)
def test_catalogue_entry(where: str, expression: str, error: str, message: str) -> None:
    """The input raises the named ThiduaError subclass with the message shown."""
    with pytest.raises(thidua.ThiduaError) as info:
        READERS[where](_text(expression))
    assert type(info.value).__name__ == error
    assert isinstance(info.value, ValueError)
    assert message in str(info.value)
