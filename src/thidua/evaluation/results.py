"""Results: one indicator's :class:`Result`, a plan's :class:`Evaluation`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction
from typing import Any

import attrs

from thidua._text import printable
from thidua.data import Observation
from thidua.errors import not_found
from thidua.evaluation.outcomes import (
    Assessment,
    Explanation,
    OrgUnitResult,
    Outlook,
    Status,
    Target,
    Unused,
)
from thidua.evaluation.rollup import Rollup
from thidua.periods import Period
from thidua.plans import Plan
from thidua.rules import Rule
from thidua.units import Quantity

__all__ = ["Evaluation", "Result", "Results"]


@attrs.frozen
class Result:
    """The evaluation of one indicator (or criterion) for one period.

    .. versionadded:: 0.1.0
    """

    #: Indicator id.
    indicator: str
    #: Indicator name.
    name: str
    #: The status.
    status: Status
    #: The indicator's rule (None for a composite).
    rule: Rule | None
    #: The explanation, or its maker: built when first asked for (:attr:`explanation`).
    _explanation: Explanation | Callable[[], Explanation] = attrs.field(eq=False, repr=False)
    #: The facts behind the status.
    assessment: Assessment
    #: Results of the criteria of a composite.
    criteria: tuple[Result, ...] = ()
    #: Results per org unit, for org-unit rules.
    org_units: tuple[OrgUnitResult, ...] = ()
    #: The observations used.
    observations: tuple[Observation, ...] = ()
    #: How the value was rolled up from sub-periods, if it was.
    rollup: Rollup | None = None
    #: The in-year outlook, when evaluated before the period ended (``as_of``).
    outlook: Outlook | None = None

    def walk(
        self, parent: str | None = None, level: int = 0
    ) -> Iterator[tuple[Result, str | None, int]]:
        """This result, then its criteria's, nested: (result, parent id, level).

        The one walk over results that every table and face follows (level 0 for
        a top-level indicator).

        .. versionadded:: 0.3.0
        """
        stack: list[tuple[Result, str | None, int]] = [(self, parent, level)]
        while stack:  # its own stack: a deep composite cannot reach the recursion limit
            result, above, depth = stack.pop()
            yield result, above, depth
            stack.extend((c, result.indicator, depth + 1) for c in reversed(result.criteria))

    @functools.cached_property
    def explanation(self) -> Explanation:
        """The explanation in Vietnamese and English (built when first asked for)."""
        made = self._explanation
        return made if isinstance(made, Explanation) else made()

    def __repr__(self) -> str:
        target = f" {self.target}" if self.target is not None else ""
        actual = f" {self.actual}" if self.actual is not None else ""
        return printable(f"<Result {self.indicator} {self.status.value}:{actual}{target}>")

    def __str__(self) -> str:
        return printable(self.explanation.vi)

    def _repr_html_(self) -> str:
        from thidua.display import result_html  # noqa: PLC0415  (the notebook face)

        return result_html(self)

    def to_dataframe(self, *, numeric: bool = False) -> Any:
        """This result and its criteria as a DataFrame (see :meth:`Evaluation.to_dataframe`)."""
        from thidua.evaluation.frames import results_frame  # noqa: PLC0415  (pandas when asked)

        return results_frame([self], as_of=None, numeric=numeric)

    @property
    def actual(self) -> Quantity | bool | None:
        """The value judged."""
        return self.assessment.actual

    @property
    def target(self) -> Target | None:
        """The resolved target."""
        return self.assessment.target

    @property
    def margin(self) -> Quantity | None:
        """Signed margin in the good direction."""
        return self.assessment.margin

    @property
    def exceeded(self) -> bool:
        """Achieved with a positive margin (vượt chỉ tiêu)."""
        return self.assessment.exceeded

    @property
    def attainment(self) -> Fraction | None:
        """Attainment ratio, where meaningful."""
        return self.assessment.attainment

    @property
    def missing(self) -> tuple[str, ...]:
        """What is missing, for ``no_data``."""
        return self.assessment.missing


class Results(Mapping[str, Result]):
    """An evaluation's results by indicator id, in plan order (a read-only mapping).

    Looking up an id the plan does not have raises
    :class:`~thidua.errors.NotFoundError` (a :class:`KeyError`), code
    ``indicator.not_found``.

    .. versionadded:: 0.2.0
    """

    __slots__ = ("_results",)

    def __init__(self, results: Mapping[str, Result]) -> None:
        self._results = dict(results)

    def __getitem__(self, key: str) -> Result:
        try:
            return self._results[key]
        except (KeyError, TypeError):
            raise not_found(key, self._results, "indicator", "chỉ tiêu") from None

    def __contains__(self, key: object) -> bool:
        try:
            return key in self._results
        except TypeError:  # an unhashable key is not an id
            return False

    def __iter__(self) -> Iterator[str]:
        return iter(self._results)

    def __len__(self) -> int:
        return len(self._results)

    def __repr__(self) -> str:
        return printable(repr(self._results))


def _results(value: Mapping[str, Result]) -> Results:
    return value if isinstance(value, Results) else Results(value)


@attrs.frozen(hash=False, repr=False)
class Evaluation:
    """A plan evaluated for a period.

    .. versionadded:: 0.1.0
    """

    #: The plan evaluated.
    plan: Plan
    #: The period.
    period: Period
    #: Results by indicator id, criteria of composites included, in plan order
    #: (an unknown id raises :class:`~thidua.errors.NotFoundError`).
    results: Mapping[str, Result] = attrs.field(converter=_results)
    #: Ids of the top-level indicators, in plan order.
    top: tuple[str, ...]
    #: Observations given but not used, with the reason.
    unused: tuple[Unused, ...] = ()
    #: The as-of date of an in-year evaluation, if one was given.
    as_of: dt.date | None = None

    @property
    def summary(self) -> dict[Status, int]:
        """How many top-level indicators have each status."""
        counts = dict.fromkeys(Status, 0)
        for indicator_id in self.top:
            counts[self.results[indicator_id].status] += 1
        return counts

    def top_results(self) -> list[Result]:
        """The results of the top-level indicators, in plan order."""
        return [self.results[i] for i in self.top]

    def __repr__(self) -> str:
        counts = ", ".join(f"{s.value} {n}" for s, n in self.summary.items())
        as_of = f" as of {self.as_of.isoformat()}" if self.as_of else ""
        return printable(f"<Evaluation {self.plan.id!r} {self.period}{as_of}: {counts}>")

    def __str__(self) -> str:
        """A one-line summary in Vietnamese: the plan, the period, the count of each status.

        Tables and reports are the faces' work (:func:`thidua.formats.render`).
        """
        counts = ", ".join(f"{s.vi} {n}" for s, n in self.summary.items())
        as_of = (
            f" (đến ngày {self.as_of.day:02d}/{self.as_of.month:02d}/{self.as_of.year})"
            if self.as_of
            else ""
        )
        return printable(f"{self.plan.id} — {self.period.label('vi')}{as_of}: {counts}")

    def _repr_html_(self) -> str:
        from thidua.display import evaluation_html  # noqa: PLC0415  (the notebook face)

        return evaluation_html(self)

    def to_dataframe(self, *, numeric: bool = False) -> Any:
        """The results as a pandas DataFrame, one row per indicator and criterion.

        With ``numeric`` the exact columns (``actual``, ``threshold``, ``margin``,
        ``attainment``, ``projected``) are floats (NaN where empty; yes/no as 1.0
        and 0.0), so ``plot()`` and ``describe()`` work; exact Fractions by default.

        Columns (index ``indicator``): ``name``, ``group``, ``parent`` (the composite
        a criterion belongs to), ``level`` (0 for top-level indicators),
        ``status`` (categorical, in the order of :class:`Status`), ``status_vi``,
        ``actual`` (exact: :class:`~fractions.Fraction`, bool or None), ``unit``,
        ``rule``, ``target`` (canonical text), ``threshold`` (exact), ``margin``
        (exact), ``exceeded``, ``attainment`` (exact), ``explanation_vi``,
        ``explanation_en``; for an in-year evaluation also ``pace``
        (categorical), ``projected`` (exact) and ``projected_status``.

        Raises:
            ExtraNotInstalledError: pandas is not installed (the ``notebook`` extra).
        """
        from thidua.evaluation.frames import results_frame  # noqa: PLC0415  (pandas when asked)

        return results_frame(self.top_results(), as_of=self.as_of, plan=self.plan, numeric=numeric)

    def org_units_frame(self, *, numeric: bool = False) -> Any:
        """One row per org-unit indicator and org unit (khóm): its status and value.

        Columns: ``member`` and ``member_name`` (empty here), ``indicator``,
        ``org_unit``, ``org_unit_name``, ``status`` (categorical), ``actual``
        (exact, or float with ``numeric``), ``unit``.

        Raises:
            ExtraNotInstalledError: pandas is not installed (the ``notebook`` extra).

        .. versionadded:: 0.3.0
        """
        from thidua.evaluation.frames import org_units_frame  # noqa: PLC0415  (pandas when asked)

        return org_units_frame([(None, None, self)], numeric=numeric)

    def counts(self) -> dict[str, dict[Status, int]]:
        """How many indicators have each status, top-level (``indicators``) and criteria apart.

        ``indicators`` counts the top-level indicators (as :attr:`summary` and the
        report do); ``criteria`` the criteria of composites.

        .. versionadded:: 0.3.0
        """
        top = set(self.top)
        out = {"indicators": dict.fromkeys(Status, 0), "criteria": dict.fromkeys(Status, 0)}
        for key, result in self.results.items():
            out["indicators" if key in top else "criteria"][result.status] += 1
        return out
