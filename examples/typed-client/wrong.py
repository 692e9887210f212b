"""Calls a type checker must refuse: ``tests/test_typed_client.py`` asserts each error.

Each line marked ``# error: <code>`` is one mypy reports with that code; this
file is never run.
"""

from __future__ import annotations

import thidua
from thidua import Evaluation, Indicator, Observation
from thidua.report import render


def wrong(evaluation: Evaluation) -> None:
    """Each call below is a type error."""
    render(evaluation, "xlsx")  # error: arg-type
    text: bytes = render(evaluation, "html")  # error: assignment
    Indicator(7, "Số hộ nghèo")  # error: arg-type
    Observation("KT07", "2024", value=[1, 2])  # error: arg-type
    thidua.evaluate(evaluation.plan, thidua.Dataset(), 2024.5)  # error: arg-type
    thidua.loads_plan("{}", format="yaml")  # error: arg-type
    thidua.Dataset([1])  # error: list-item
    thidua.data_from_records('[{"indicator": "KT07"}]')  # error: arg-type
    del text
