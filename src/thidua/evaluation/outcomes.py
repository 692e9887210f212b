"""The outcome types of judging: statuses, explanations, targets, assessments, outlooks.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs

from thidua._choices import Choice
from thidua._text import printable
from thidua.data import Observation
from thidua.periods import Period
from thidua.rules import Op, Rule
from thidua.units import Quantity, Ratio

__all__ = [
    "Assessment",
    "Composition",
    "Explanation",
    "Facts",
    "OrgUnitResult",
    "Outlook",
    "Pace",
    "Status",
    "Target",
    "Unused",
]


class Status(Choice):
    """The outcome of judging an indicator.

    .. versionadded:: 0.1.0
    """

    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    NO_DATA = "no_data"
    NOT_APPLICABLE = "not_applicable"

    # singletons compared by identity: identity hashing is exact, and runs in C
    __hash__ = object.__hash__

    @property
    def vi(self) -> str:
        """The Vietnamese label (Đạt, Không đạt, Chưa có số liệu, Không áp dụng)."""
        return _LABELS[self][0]

    @property
    def en(self) -> str:
        """The English label."""
        return _LABELS[self][1]

    def label(self, language: str = "vi") -> str:
        """The label in ``language`` (``vi`` or ``en``)."""
        return self.vi if language == "vi" else self.en


_LABELS = {
    Status.ACHIEVED: ("Đạt", "Achieved"),
    Status.NOT_ACHIEVED: ("Không đạt", "Not achieved"),
    Status.NO_DATA: ("Chưa có số liệu", "No data"),
    Status.NOT_APPLICABLE: ("Không áp dụng", "Not applicable"),
}


@attrs.frozen
class Explanation:
    """One sentence in Vietnamese and one in English.

    .. versionadded:: 0.1.0
    """

    #: Vietnamese.
    vi: str
    #: English.
    en: str

    def __str__(self) -> str:
        return printable(self.vi)


@attrs.frozen
class Target:
    """A rule resolved against the data: ``<= 43 household`` from previous 45 minus 2.

    .. versionadded:: 0.1.0
    """

    #: The rule it resolves.
    rule: Rule
    #: The operator.
    op: Op
    #: The threshold of a comparison, in the indicator's unit.
    quantity: Quantity | None = None
    #: The value a flag expects.
    expected: bool | None = None
    #: How many org units must meet the per-unit rule.
    count: int | None = None
    #: The previous or assigned value the threshold was computed from.
    reference: Quantity | None = None
    #: The low and high bounds of a range, in the indicator's unit (``quantity`` is
    #: the one that decides: low for ``>=``, high for ``<=``).
    #:
    #: .. versionadded:: 0.3.0
    bounds: tuple[Quantity, Quantity] | None = None
    #: The bound the threshold was clipped to, when the rule resolved beyond what
    #: the indicator's figures can reach (``≤ 1 % − 1,5`` points on a rate: ``≤ 0 %``):
    #: ``minimum`` or ``maximum`` (declared), ``count`` or ``rate`` (not negative).
    #:
    #: .. versionadded:: 0.4.0
    clipped: str | None = None

    def __str__(self) -> str:
        if self.expected is not None:
            return "is true" if self.expected else "is false"
        if self.count is not None:
            return f"{self.op.value} {self.count} org units"
        if self.bounds is not None:
            low, high = self.bounds
            return f"{self.op.value} {Quantity(low.magnitude)} .. {high}"
        return f"{self.op.value} {self.quantity}"


@attrs.frozen
class Composition:
    """How the figure of a merged unit was made up from its predecessors' figures.

    A figure of a successor (see :class:`thidua.Lineage`) for a period that
    starts before its date is composed of its parts: its own figure (under its
    code, which it kept from its host) and each predecessor's (times its share,
    where it was divided). Counts and amounts are summed; rates recomputed from
    the summed numerators and denominators. See :doc:`/after-merger-vi`.

    .. versionadded:: 0.4.0
    """

    #: What the figure is for the rule: ``actual`` (this period's), ``previous``
    #: (the same period a year earlier) or ``base`` (a base year's).
    role: str
    #: The period of the figure.
    period: Period
    #: The names of the parts whose figures were used, in order (with a share:
    #: ``"1/3 của X"`` is shown in the explanation).
    parts: tuple[str, ...]
    #: The shares of the parts, in the same order (1 for a whole unit).
    shares: tuple[Fraction, ...] = ()
    #: The parts without a figure for the period (the figure is then unknown).
    missing: tuple[str, ...] = ()
    #: Why the figure could not be composed, if it could not: ``not_comparable``
    #: (a mean, a latest value or a yes/no), ``rate_without_parts`` (a rate
    #: given without numerator and denominator) or ``missing``; None: composed.
    reason: str | None = None
    #: The part a reason is about (a rate without parts), if one.
    culprit: str | None = None
    #: Whether the figure is a rate recomputed from numerators and denominators.
    rate: bool = False

    @property
    def composed(self) -> bool:
        """Whether the figure was composed (no reason against it)."""
        return self.reason is None


@attrs.frozen
class Assessment:
    """The facts of judging one value against one rule.

    .. versionadded:: 0.1.0
    """

    #: The status.
    status: Status
    #: The value judged (a rate as its quantity), in the indicator's unit.
    actual: Quantity | bool | None = None
    #: The resolved target, when it could be resolved.
    target: Target | None = None
    #: Signed margin in the good direction (positive when better than the target).
    margin: Quantity | None = None
    #: Achieved with a positive margin.
    exceeded: bool = False
    #: actual / target (target / actual where less is better), where meaningful.
    attainment: Fraction | None = None
    #: What was missing for ``no_data``: ``actual``, ``previous``, ``assigned``, org unit ids.
    missing: tuple[str, ...] = ()
    #: The rate, when the value came as numerator / denominator.
    ratio: Ratio | None = None
    #: The previous value used.
    previous: Quantity | None = None
    #: The assigned target used.
    assigned: Quantity | None = None
    #: How the figures of a merged unit were made up from its predecessors'
    #: (the actual one, the previous one), where they were.
    #:
    #: .. versionadded:: 0.4.0
    composed: tuple[Composition, ...] = ()


@attrs.frozen
class OrgUnitResult:
    """How one org unit fared under an org-unit rule.

    .. versionadded:: 0.1.0
    """

    #: Org unit id.
    org_unit: str
    #: Its name.
    name: str
    #: Its status under the per-unit rule.
    status: Status
    #: Its value.
    actual: Quantity | bool | None = None


class Pace(Choice):
    """Whether an indicator keeps pace with its target part-way through a period.

    .. versionadded:: 0.1.0
    """

    ON_TRACK = "on_track"
    BEHIND = "behind"


@attrs.frozen
class Outlook:
    """Where an indicator stands before its period ends, and where it is heading.

    For ``sum`` indicators the figure so far is held against a pro-rata target
    (the target times the share of the period that the data covers) and the
    full-period value is projected at the same pace; for levels, rates and yes/no
    indicators the latest value is the projection. An ``estimate`` observation
    for the period (ước thực hiện cả năm) is the projection whenever it is given.

    .. versionadded:: 0.1.0
    """

    #: The date of the evaluation.
    as_of: dt.date
    #: On track or behind; None when nothing is known yet.
    pace: Pace | None
    #: The projected value of the whole period.
    projected: Quantity | bool | None
    #: The status the projected value would have.
    projected_status: Status
    #: How the projection was made: ``linear``, ``estimate``, ``latest``, ``mean``, ``rate``.
    method: str | None
    #: The value so far.
    so_far: Quantity | bool | None = None
    #: The last day the data so far covers.
    through: dt.date | None = None
    #: The share of the period the data covers.
    elapsed: Fraction | None = None
    #: The target pro rata to ``elapsed`` (``sum`` indicators).
    pro_rata: Quantity | None = None
    #: How the outlook was reached, in Vietnamese and English.
    explanation: Explanation | None = None


@attrs.frozen
class Unused:
    """An observation the evaluation did not use, and why.

    .. versionadded:: 0.1.0
    """

    #: The observation.
    observation: Observation
    #: Why it was not used.
    reason: str
    #: Why it was not used, in Vietnamese (None where only the English is known).
    #:
    #: .. versionadded:: 0.4.0
    reason_vi: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class Facts:
    """The facts of one indicator for one member, without explanation or observations.

    What the batch path of :func:`thidua.evaluate_many` gives for tables and
    scoring; the same attributes as a :class:`~thidua.evaluation.Result`'s
    (``status``, ``actual``, ``target``, ``margin``, ``exceeded``,
    ``attainment``), so either may be read where only the facts matter.

    .. versionadded:: 0.3.0
    """

    #: Indicator id and name.
    indicator: str
    name: str
    #: The status.
    status: Status
    #: The indicator's rule (None for a composite).
    rule: Rule | None
    #: The value judged, in the indicator's unit.
    actual: Quantity | bool | None = None
    #: The resolved target.
    target: Target | None = None
    #: Signed margin in the good direction.
    margin: Quantity | None = None
    #: Achieved with a positive margin.
    exceeded: bool = False
    #: actual / target (target / actual where less is better), where meaningful.
    attainment: Fraction | None = None
