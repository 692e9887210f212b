"""pandas DataFrames of evaluations: a member's, many members', their org units'.

Tables are filled column by column from :class:`~thidua.evaluation.Result` objects
or from their :class:`~thidua.evaluation.Facts` (no explanation is built unless a
column asks for it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from thidua._extras import require
from thidua.evaluation.outcomes import Pace, Status
from thidua.units import Quantity

if TYPE_CHECKING:
    import datetime as dt

    from thidua.evaluation.results import Evaluation, Result
    from thidua.plans import Indicator, Plan

__all__ = ["members_frame", "org_units_frame", "plan_order", "results_frame"]

_STATUSES = [s.value for s in Status]
_PACES = [p.value for p in Pace]


def _magnitude(value: Quantity | bool | None) -> Fraction | bool | None:
    return value.magnitude if isinstance(value, Quantity) else value


def _float(value: Fraction | bool | None) -> float:
    return float("nan") if value is None else float(value)


#: The exact columns, made float by ``numeric=True``.
_EXACT = ("actual", "threshold", "margin", "attainment")
_TEXT = ["indicator", "name", "group", "parent", "status_vi", "unit", "rule", "target"]
_EXPLANATIONS = ["explanation_vi", "explanation_en"]


class _Columns:
    """A results table filled row by row, column by column (no dictionary per row)."""

    def __init__(self, *, explanations: bool, outlook: bool, members: bool) -> None:
        names = [
            *(["member", "member_name"] if members else []),
            "indicator",
            "name",
            "group",
            "parent",
            "level",
            "status",
            "status_vi",
            "actual",
            "unit",
            "rule",
            "target",
            "threshold",
            "margin",
            "exceeded",
            "attainment",
            *(_EXPLANATIONS if explanations else []),
            *(["pace", "projected", "projected_status"] if outlook else []),
        ]
        self.columns: dict[str, list[Any]] = {name: [] for name in names}
        self.explanations = explanations
        self.outlook = outlook
        self._rule_text: dict[int, str | None] = {}
        #: Each target's text by its id, the target kept (its id is not reused meanwhile):
        #: a constant target is one object shared by every member's row.
        self._target_text: dict[int, tuple[object, str]] = {}

    def add(self, r: Any, group: str | None, parent: str | None, level: int) -> None:
        """One row: ``r`` is a :class:`Result` or its :class:`Facts`."""
        c = self.columns
        target = r.target
        actual = r.actual
        rule = r.rule
        rule_text = self._rule_text.get(id(rule), "") if rule is not None else None
        if rule_text == "":
            rule_text = self._rule_text[id(rule)] = str(rule)
        c["indicator"].append(r.indicator)
        c["name"].append(r.name)
        c["group"].append(group)
        c["parent"].append(parent)
        c["level"].append(level)
        c["status"].append(r.status.value)
        c["status_vi"].append(r.status.vi)
        c["actual"].append(_magnitude(actual))
        c["unit"].append(actual.unit if isinstance(actual, Quantity) else None)
        c["rule"].append(rule_text)
        if target is None:
            target_text = None
        else:
            known = self._target_text.get(id(target))
            if known is None:
                known = self._target_text[id(target)] = (target, str(target))
            target_text = known[1]
        c["target"].append(target_text)
        c["threshold"].append(
            None if target is None or target.quantity is None else target.quantity.magnitude
        )
        c["margin"].append(_magnitude(r.margin))
        c["exceeded"].append(r.exceeded)
        c["attainment"].append(r.attainment)
        if self.explanations:
            c["explanation_vi"].append(r.explanation.vi)
            c["explanation_en"].append(r.explanation.en)
        if self.outlook:
            o = r.outlook
            c["pace"].append(None if o is None or o.pace is None else o.pace.value)
            c["projected"].append(None if o is None else _magnitude(o.projected))
            c["projected_status"].append(None if o is None else o.projected_status.value)

    def frame(self, *, numeric: bool, index: str | None) -> Any:
        """The table as a DataFrame: exact object columns, or floats with ``numeric``."""
        pd = require("pandas")
        c = self.columns
        frame = pd.DataFrame(c)
        if frame.empty:
            return frame.set_index(index) if index else frame
        text = [*(["member", "member_name"] if "member" in c else []), *_TEXT]
        if self.explanations:
            text += _EXPLANATIONS
        for column in text:
            frame[column] = frame[column].astype("string")
        exact = [*_EXACT, *(["projected"] if self.outlook else [])]
        for column in exact:
            if numeric:
                frame[column] = [_float(v) for v in c[column]]
            else:
                frame[column] = frame[column].astype(object)
        frame["level"] = frame["level"].astype("int64")
        frame["exceeded"] = frame["exceeded"].astype(bool)
        frame["status"] = pd.Categorical(frame["status"], categories=_STATUSES)
        if self.outlook:
            frame["pace"] = pd.Categorical(frame["pace"], categories=_PACES)
            frame["projected_status"] = pd.Categorical(
                frame["projected_status"], categories=_STATUSES
            )
        return frame.set_index(index) if index else frame


def results_frame(
    results: Sequence[Result],
    *,
    as_of: dt.date | None,
    plan: Plan | None = None,
    numeric: bool = False,
) -> Any:
    """One row per result and criterion; exact values in object columns (floats: ``numeric``)."""
    groups = {top.id: group.id for group, top in plan.top_indicators()} if plan else {}
    table = _Columns(explanations=True, outlook=as_of is not None, members=False)
    for top in results:
        group = groups.get(top.indicator)
        for r, parent, level in top.walk():
            table.add(r, group, parent, level)
    return table.frame(numeric=numeric, index="indicator")


def plan_order(plan: Plan) -> list[tuple[str, str | None, str | None, int]]:
    """Every indicator of ``plan`` as a results table lists it: (id, group, parent, level)."""
    out: list[tuple[str, str | None, str | None, int]] = []

    def walk(indicator: Indicator, group: str, parent: str | None, level: int) -> None:
        out.append((indicator.id, group, parent, level))
        for criterion in indicator.criteria:
            walk(criterion, group, indicator.id, level + 1)

    for group, top in plan.top_indicators():
        walk(top, group.id, None, 0)
    return out


def members_frame(
    plan: Plan,
    rows: Iterable[tuple[str, str, Mapping[str, Any]]],
    *,
    numeric: bool = False,
    explanations: bool = False,
    as_of: dt.date | None = None,
) -> Any:
    """One row per member and indicator: ``rows`` gives (member id, name, facts by id).

    The facts are :class:`Facts` or :class:`Result` objects (results where
    ``explanations`` or ``as_of`` ask for their explanation or outlook).
    """
    order = plan_order(plan)
    table = _Columns(explanations=explanations, outlook=as_of is not None, members=True)
    member_ids, member_names = table.columns["member"], table.columns["member_name"]
    for member, name, facts in rows:
        for indicator, group, parent, level in order:
            member_ids.append(member)
            member_names.append(name)
            table.add(facts[indicator], group, parent, level)
    return table.frame(numeric=numeric, index=None)


def org_units_frame(
    evaluations: Iterable[tuple[str | None, str | None, Evaluation]], *, numeric: bool = False
) -> Any:
    """One row per (member,) org-unit indicator and org unit: status and value."""
    pd = require("pandas")
    columns: dict[str, list[Any]] = {
        name: []
        for name in (
            "member",
            "member_name",
            "indicator",
            "org_unit",
            "org_unit_name",
            "status",
            "actual",
            "unit",
        )
    }
    for member, name, evaluation in evaluations:
        for result in evaluation.results.values():
            for unit in result.org_units:
                columns["member"].append(member)
                columns["member_name"].append(name)
                columns["indicator"].append(result.indicator)
                columns["org_unit"].append(unit.org_unit)
                columns["org_unit_name"].append(unit.name)
                columns["status"].append(unit.status.value)
                columns["actual"].append(_magnitude(unit.actual))
                columns["unit"].append(
                    unit.actual.unit if isinstance(unit.actual, Quantity) else None
                )
    frame = pd.DataFrame(columns)
    for column in ("member", "member_name", "indicator", "org_unit", "org_unit_name", "unit"):
        frame[column] = frame[column].astype("string")
    frame["status"] = pd.Categorical(frame["status"], categories=_STATUSES)
    if numeric:
        frame["actual"] = [_float(v) for v in columns["actual"]]
    else:
        frame["actual"] = frame["actual"].astype(object)
    return frame
