"""Evaluation: judging data against rules and plans, exactly.

:func:`check` judges one value against one rule and gives a :class:`Status`;
:func:`assess` gives the facts behind it (resolved target, margin, attainment).
:func:`evaluate` judges every indicator of a plan for a period and returns an
:class:`Evaluation` whose :attr:`~Evaluation.results` map indicator ids (criteria
of composites included) to :class:`Result` objects with explanations in
Vietnamese and English.

Semantics (the docs page "Concepts and glossary"):

* a missing actual value, or a missing ``previous``/``assigned`` the rule needs,
  gives ``no_data`` and names what is missing;
* a rate with a zero denominator gives ``not_applicable`` unless the indicator
  declares another policy;
* composites use Kleene logic, ignoring ``not_applicable`` criteria: **all** is
  not achieved if any criterion is, else no data if any is, else achieved;
  **any** is achieved if any is, else no data if any is, else not achieved;
* org-unit rules count the org units that meet the per-unit rule and decide
  whenever the missing org units could not change the answer.

All comparisons are exact (fractions in the base unit of the dimension).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from thidua.evaluation.core import combine
from thidua.evaluation.engine import evaluate
from thidua.evaluation.judging import assess, check
from thidua.evaluation.outcomes import (
    Assessment,
    Composition,
    Explanation,
    Facts,
    OrgUnitResult,
    Outlook,
    Pace,
    Status,
    Target,
    Unused,
)
from thidua.evaluation.results import Evaluation, Result, Results
from thidua.evaluation.rollup import Rollup

__all__ = [
    "Assessment",
    "Composition",
    "Evaluation",
    "Explanation",
    "Facts",
    "OrgUnitResult",
    "Outlook",
    "Pace",
    "Result",
    "Results",
    "Rollup",
    "Status",
    "Target",
    "Unused",
    "assess",
    "check",
    "combine",
    "evaluate",
]
