"""What every face shows the same way: the tree of results, values as text, status colours.

The faces (:mod:`thidua.formats`, :mod:`thidua.display`, :mod:`thidua.report`
and the DataFrames) all walk an evaluation's results the same way, show an
actual value and a target in the same words, and colour a status alike. This
module is that one place:

* :func:`walk`: a result, then its criteria, nested, each with the id of its
  parent and its level;
* :func:`value_text`, :func:`actual_text`, :func:`target_text`: values for
  people (``42 hộ``, ``đạt``, ``≤ 43 hộ``, ``3/5`` org units);
  :func:`canonical_value`: values for machines (``"42 household"``), as JSON
  writes an actual, a margin or a projection;
* :data:`COLOURS`: the colour of each status (badges, tables, charts, workbooks).

>>> import thidua
>>> ev = thidua.evaluate(thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data())
>>> [(n.result.indicator, n.parent, n.level) for n in walk(ev.results["CK06"])]
[('CK06', None, 0), ('CK06a', 'CK06', 1), ('CK06b', 'CK06', 1)]
>>> target_text(ev.results["KT07"].target, "vi")
'≤ 43 hộ'

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from thidua._explain import show
from thidua.errors import check_language, require_type
from thidua.evaluation import Result, Status, Target
from thidua.numbers import to_decimal_string
from thidua.units import Quantity, Units

__all__ = [
    "COLOURS",
    "Node",
    "actual_text",
    "canonical_value",
    "target_text",
    "value_text",
    "walk",
]

#: The colour of each status, for every face: badges and charts (:mod:`thidua.display`),
#: the HTML table (:mod:`thidua.formats`), the report's HTML and workbook (:mod:`thidua.report`).
COLOURS = {
    Status.ACHIEVED: "#1b7f3b",
    Status.NOT_ACHIEVED: "#b42318",
    Status.NO_DATA: "#9a6700",
    Status.NOT_APPLICABLE: "#57606a",
}


class Node(NamedTuple):
    """One result met by :func:`walk`: the result, the id of its parent, its level.

    .. versionadded:: 0.2.0
    """

    #: The result.
    result: Result
    #: The indicator id of the composite it is a criterion of (None at the top).
    parent: str | None
    #: 0 for the result the walk started from, 1 for its criteria, and so on.
    level: int


def walk(result: Result, parent: str | None = None, level: int = 0) -> Iterator[Node]:
    """``result``, then its criteria (and theirs, nested), in plan order.

    Each result comes as a :class:`Node` with the id of the composite it belongs
    to (``parent``, or the one given for the first) and its ``level`` (counted
    from the one given for the first). The walk keeps its own stack: a deep
    composite cannot reach Python's recursion limit.

    Raises:
        ArgumentTypeError: ``result`` is not a :class:`~thidua.evaluation.Result`.
    """
    require_type(result, Result, "result", "a Result", "một kết quả của chỉ tiêu (Result)")
    for node in result.walk(parent, level):  # the evaluation's one walk
        yield Node(*node)


def value_text(
    value: Quantity | bool | None, language: str = "vi", *, units: Units | None = None
) -> str:
    """A value for people: ``42 hộ``, ``97,5%``; ``đạt`` / ``không đạt`` (``yes`` / ``no``).

    Nothing (None) is the empty text. ``units`` names the units (a plan's
    :meth:`~thidua.plans.Plan.unit_registry`, so that a unit the plan declares
    shows its label: ``12.500 tấn``); the domain's units by default.

    .. versionchanged:: 0.4.0
       The argument ``units``.

    >>> value_text(True, "en"), value_text(None)
    ('yes', '')

    Raises:
        ArgumentTypeError: ``value`` is not a Quantity, a bool or None.
        UsageError: Unknown language (code ``usage.language``).
    """
    check_language(language)
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("đạt" if value else "không đạt") if language == "vi" else ("yes" if value else "no")
    require_type(
        value, Quantity, "value", "a Quantity, a bool or None", "một đại lượng, đúng/sai hoặc None"
    )
    return show(value, language, units)


def actual_text(result: Result, language: str = "vi") -> str:
    """The actual value of a result for people; an org-unit count as ``3/5`` (met / counted).

    Raises:
        ArgumentTypeError: ``result`` is not a :class:`~thidua.evaluation.Result`.
        UsageError: Unknown language (code ``usage.language``).
    """
    require_type(result, Result, "result", "a Result", "một kết quả của chỉ tiêu (Result)")
    actual = result.assessment.actual
    if result.org_units and isinstance(actual, Quantity):
        check_language(language)
        return f"{to_decimal_string(actual.magnitude)}/{len(result.org_units)}"
    return value_text(actual, language)


def target_text(target: Target | None, language: str = "vi", *, units: Units | None = None) -> str:
    """A resolved target for people: ``≥ 98%``, ``≤ 43 hộ``, ``= 5`` org units, ``đạt``.

    A range shows both bounds (``≥ 8 hộ – 10 hộ``); ``units`` as for :func:`value_text`.

    .. versionchanged:: 0.4.0
       The argument ``units``.

    No target (None) is the empty text.

    Raises:
        ArgumentTypeError: ``target`` is not a :class:`~thidua.evaluation.Target` or None.
        UsageError: Unknown language (code ``usage.language``).
    """
    if target is None:
        check_language(language)
        return ""
    require_type(target, Target, "target", "a Target or None", "một mục tiêu (Target) hoặc None")
    if target.expected is not None:
        return value_text(target.expected, language, units=units)
    if target.count is not None:
        check_language(language)
        return f"{target.op.symbol} {target.count}"
    if target.bounds is not None:  # a range: both bounds, ``≥ 8 – 10 hộ``
        low, high = target.bounds
        shown = (
            f"{value_text(low, language, units=units)} – {value_text(high, language, units=units)}"
        )
        return f"{target.op.symbol} {shown}"
    return f"{target.op.symbol} {value_text(target.quantity, language, units=units)}"


def canonical_value(value: Quantity | bool | None) -> str | bool | None:
    """A value for machines: a quantity as its canonical text (``"42 household"``, ``"98 %"``).

    A bool and None stay as they are; this is how JSON writes an actual value,
    a margin or a projection.

    >>> canonical_value(Quantity(42, "household")), canonical_value(False)
    ('42 household', False)

    Raises:
        ArgumentTypeError: ``value`` is not a Quantity, a bool or None.
    """
    if value is None or isinstance(value, bool):
        return value
    require_type(
        value, Quantity, "value", "a Quantity, a bool or None", "một đại lượng, đúng/sai hoặc None"
    )
    return str(value)
