"""pandas DataFrames of evaluations and datasets (the ``notebook`` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from thidua._extras import require
from thidua._text import printable
from thidua.data import Dataset, Kind, Observation, Source, parse_value
from thidua.errors import ArgumentTypeError, DataError, ThiduaError
from thidua.numbers import NumberFormat
from thidua.units import Quantity, Units

if TYPE_CHECKING:
    pass

_KINDS = [k.value for k in Kind]


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
