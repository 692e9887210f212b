"""The one presentation module: the walk over results, values as text, one colour per status."""

from __future__ import annotations

import io
import re
from fractions import Fraction

import openpyxl
import pytest

import thidua
from thidua import (
    Assessment,
    Explanation,
    Quantity,
    Result,
    Status,
    display,
    formats,
    presentation,
    report,
)
from thidua.presentation import (
    COLOURS,
    Node,
    actual_text,
    canonical_value,
    target_text,
    value_text,
    walk,
)


@pytest.fixture(scope="module")
def evaluation() -> thidua.Evaluation:
    """The seed plan evaluated on its example data."""
    return thidua.evaluate(thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data())


def _result(indicator: str, *criteria: Result, status: Status = Status.ACHIEVED) -> Result:
    return Result(
        indicator,
        indicator,
        status,
        None,
        Explanation("vi", "en"),
        Assessment(status),
        criteria=criteria,
    )


def test_the_walk_gives_each_result_with_its_parent_and_level() -> None:
    """A result, then its criteria, nested, in order; parents are indicator ids."""
    tree = _result("A", _result("A1", _result("A1x"), _result("A1y")), _result("A2"))
    nodes = list(walk(tree))
    assert [(n.result.indicator, n.parent, n.level) for n in nodes] == [
        ("A", None, 0),
        ("A1", "A", 1),
        ("A1x", "A1", 2),
        ("A1y", "A1", 2),
        ("A2", "A", 1),
    ]
    assert all(isinstance(n, Node) for n in nodes)
    result, parent, level = nodes[2]  # a node unpacks as (result, parent, level)
    assert (result.indicator, parent, level) == ("A1x", "A1", 2)


def test_the_walk_starts_where_it_is_told() -> None:
    """The parent and level of the first result can be given (a subtree of a larger walk)."""
    nodes = list(walk(_result("B", _result("B1")), "A", 3))
    assert [(n.result.indicator, n.parent, n.level) for n in nodes] == [
        ("B", "A", 3),
        ("B1", "B", 4),
    ]


def test_the_walk_needs_no_recursion() -> None:
    """A composite nested deeper than Python's recursion limit is walked."""
    tree = _result("leaf")
    for depth in range(3000):
        tree = _result(f"c{depth}", tree)
    levels = [n.level for n in walk(tree)]
    assert levels == list(range(3001))


def test_the_walk_follows_the_plan_order_of_the_example(evaluation: thidua.Evaluation) -> None:
    """Walking every top-level result meets every result of the evaluation once, in plan order."""
    walked = [n.result.indicator for top in evaluation.top_results() for n in walk(top)]
    assert walked == list(evaluation.results)


def test_values_for_people() -> None:
    """Quantities as people write them; yes/no as words; nothing as nothing."""
    assert value_text(Quantity(42, "household")) == "42 hộ"
    assert value_text(Quantity(Fraction(975, 1000), "dimensionless"), "vi") == "97,5%"
    assert value_text(Quantity(42, "household"), "en") == "42 households"
    assert [value_text(v, "vi") for v in (True, False, None)] == ["đạt", "không đạt", ""]
    assert [value_text(v, "en") for v in (True, False, None)] == ["yes", "no", ""]


def test_targets_for_people(evaluation: thidua.Evaluation) -> None:
    """A comparison with its operator, an org-unit count, a flag; no target as nothing."""
    assert target_text(evaluation.results["KT07"].target) == "≤ 43 hộ"
    assert target_text(evaluation.results["KT07"].target, "en") == "≤ 43 households"
    assert target_text(evaluation.results["KT06a"].target) == "≥ 5"
    flags = [r.target for r in evaluation.results.values() if r.target and r.target.expected]
    assert flags
    assert {target_text(t, "vi") for t in flags} == {"đạt"}
    assert target_text(None) == ""


def test_org_unit_counts_are_met_over_counted(evaluation: thidua.Evaluation) -> None:
    """An org-unit rule's actual is how many org units met it, over how many were counted."""
    result = evaluation.results["KT06a"]
    assert actual_text(result) == f"4/{len(result.org_units)}"
    assert actual_text(evaluation.results["KT07"], "en") == "42 households"


def test_values_for_machines() -> None:
    """JSON writes a quantity as its canonical text, yes/no and nothing as they are."""
    assert canonical_value(Quantity(42, "household")) == "42 household"
    assert canonical_value(Quantity(-2, "household")) == "-2 household"
    assert [canonical_value(v) for v in (True, False, None)] == [True, False, None]


@pytest.mark.parametrize(
    "call",
    [
        lambda: list(walk("KT07")),  # type: ignore[arg-type]
        lambda: value_text(42),  # type: ignore[arg-type]
        lambda: canonical_value("42 hộ"),  # type: ignore[arg-type]
        lambda: actual_text(None),  # type: ignore[arg-type]
        lambda: target_text("≥ 5"),  # type: ignore[arg-type]
    ],
)
def test_wrong_arguments_are_refused(call: object) -> None:
    """Each helper names the argument it cannot use (code ``argument.type``)."""
    with pytest.raises(thidua.ArgumentTypeError) as info:
        call()  # type: ignore[operator]
    assert info.value.code == "argument.type"


@pytest.mark.parametrize(
    "call",
    [
        lambda: value_text(None, "fr"),
        lambda: value_text(True, "fr"),
        lambda: target_text(None, "fr"),
    ],
)
def test_unknown_languages_are_refused(call: object) -> None:
    """Even where there is nothing to say, an unknown language is an error, not English."""
    with pytest.raises(thidua.UsageError) as info:
        call()  # type: ignore[operator]
    assert info.value.code == "usage.language"


def test_every_status_has_one_colour() -> None:
    """One colour per status, distinct, as #rrggbb; the display's name is the same table."""
    assert set(COLOURS) == set(Status)
    assert len(set(COLOURS.values())) == len(Status)
    assert all(re.fullmatch("#[0-9a-f]{6}", c) for c in COLOURS.values())
    assert display.COLOURS is presentation.COLOURS


def test_every_face_colours_a_status_alike(evaluation: thidua.Evaluation) -> None:
    """The HTML table, the notebook badges, the report's HTML and its workbook agree."""
    statuses = {r.status for r in evaluation.results.values()}
    table = formats.render(evaluation, "html")
    notebook = display.evaluation_html(evaluation)
    paper = report.render(evaluation, "html")
    for status in Status:
        colour = COLOURS[status]
        assert f".{status.value} .badge {{ background: {colour}; }}" in paper, status
    for status in statuses:
        colour = COLOURS[status]
        assert f"color:{colour};" in table, status
        assert f"background:{colour}" in notebook, status
    book = openpyxl.load_workbook(io.BytesIO(report.to_xlsx(evaluation)))
    fills = {
        cell.fill.fgColor.rgb[-6:].lower()
        for sheet in book.worksheets[1:]
        for cell in sheet["F"][1:]
        if cell.fill.fill_type == "solid"
    }
    assert fills == {COLOURS[s].lstrip("#") for s in statuses}
