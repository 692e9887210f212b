"""pandas DataFrames of evaluations and datasets (the ``notebook`` extra)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from thidua._extras import require
from thidua._text import printable
from thidua.data import Dataset, Kind, Observation, Source, parse_value
from thidua.errors import ArgumentTypeError, DataError, ThiduaError
from thidua.evaluation import Evaluation, Pace, Result, Status
from thidua.numbers import NumberFormat
from thidua.units import Quantity, Units

if TYPE_CHECKING:
    import datetime as dt

    from thidua.plans import Indicator, Plan

_STATUSES = [s.value for s in Status]
_KINDS = [k.value for k in Kind]
_PACES = [p.value for p in Pace]


def _walk(
    result: Result, parent: str | None, level: int
) -> Iterator[tuple[Result, str | None, int]]:
    yield result, parent, level
    for criterion in result.criteria:
        yield from _walk(criterion, result.indicator, level + 1)


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
        c["target"].append(None if target is None else str(target))
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
        for r, parent, level in _walk(top, None, 0):
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


def dataset_frame(dataset: Dataset) -> Any:
    """One row per observation; exact values, units in their own column, sources kept."""
    pd = require("pandas")
    rows = []
    for obs in dataset:
        value = obs.value
        rows.append(
            {
                "indicator": obs.indicator,
                "period": str(obs.period),
                "org_unit": obs.org_unit,
                "kind": obs.kind.value,
                "value": value.magnitude if isinstance(value, Quantity) else value,
                "unit": value.unit if isinstance(value, Quantity) else None,
                "numerator": obs.numerator,
                "denominator": obs.denominator,
                "note": obs.note,
                "source_file": obs.source.file if obs.source else None,
                "source_line": obs.source.line if obs.source else None,
                "source_reference": obs.source.reference if obs.source else None,
            }
        )
    columns = [
        "indicator",
        "period",
        "org_unit",
        "kind",
        "value",
        "unit",
        "numerator",
        "denominator",
        "note",
        "source_file",
        "source_line",
        "source_reference",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    for column in (
        "indicator",
        "period",
        "org_unit",
        "unit",
        "note",
        "source_file",
        "source_reference",
    ):
        frame[column] = frame[column].astype("string")
    for column in ("value", "numerator", "denominator"):
        frame[column] = frame[column].astype(object)
    frame["kind"] = pd.Categorical(frame["kind"], categories=_KINDS)
    frame["source_line"] = frame["source_line"].astype("Int64")
    return frame


def _cell(pd: Any, value: Any) -> Any:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    return value


def dataset_from_frame(
    frame: Any, *, units: Units | None = None, number_format: NumberFormat = None
) -> Dataset:
    """Observations from a DataFrame with the columns :func:`dataset_frame` writes.

    Text values are read with ``units`` and ``number_format`` (a plan's).

    Raises:
        ArgumentTypeError: ``frame`` is not a DataFrame.
        DataError: A column is missing, or a row is wrong (the error names the row).
        ParseError: A value or a period of a row cannot be read.
        UnitError: A unit is unknown.
    """
    pd = require("pandas")
    if not isinstance(frame, pd.DataFrame):
        given = printable(type(frame).__name__)
        msg = f"frame= must be a pandas DataFrame, not {given}"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"tham số frame= phải là một bảng pandas DataFrame, không phải {given}",
        )
    for required in ("indicator", "period"):
        if required not in frame.columns:
            msg = f"the DataFrame lacks the {required!r} column"
            raise DataError(
                msg,
                code="data.missing_column",
                vi=f"bảng DataFrame thiếu cột {required!r}",
                hint="columns: indicator, period, value, unit, …",
                hint_vi="các cột: indicator, period, value, unit, …",
            )
    observations = []
    for number, record in enumerate(frame.to_dict("records")):
        row = {k: _cell(pd, v) for k, v in record.items()}
        try:
            value = row.get("value")
            if isinstance(value, str):
                value = parse_value(
                    value, unit=row.get("unit"), units=units, number_format=number_format
                )
            elif value is not None and not isinstance(value, bool):
                value = parse_value(value, unit=row.get("unit"), units=units)
            source = None
            if any(
                row.get(c) is not None for c in ("source_file", "source_line", "source_reference")
            ):
                line = row.get("source_line")
                source = Source(
                    row.get("source_file"),
                    None if line is None else int(line),
                    row.get("source_reference"),
                )
            observations.append(
                Observation(
                    row["indicator"],
                    str(row["period"]),
                    value=value,
                    org_unit=row.get("org_unit"),
                    kind=row.get("kind") or "actual",
                    numerator=row.get("numerator"),
                    denominator=row.get("denominator"),
                    note=row.get("note"),
                    source=source,
                )
            )
        except ThiduaError as exc:
            raise exc.located(key=f"row {number}") from None
        except (TypeError, ValueError, OverflowError) as exc:
            reason = printable(str(exc))
            msg = f"a cell of the row cannot be read: {reason}"
            raise ArgumentTypeError(
                msg,
                code="argument.type",
                vi=f"không đọc được một ô của dòng này: {reason}",
                key=f"row {number}",
            ) from None
    return Dataset(observations)
