"""Every call of the service into thidua's JSON, records and reports, in one place.

thidua 0.4 brings plans as JSON (``dumps_plan(plan, format="json")``), data
from JSON records (``thidua.data_from_records``), the versioned evaluation
JSON and its schemas (``thidua.schemas``). This module uses each when the
installed thidua has it and falls back to the public API of thidua 0.3
otherwise: a plan document from the plan's TOML, a dataset built from
:class:`thidua.Observation` objects.

Figures are read one record at a time, each field with the function thidua
reads it with, so that *every* problem is listed (record index and field),
not only the first.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import inspect
import json
import tomllib
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import thidua
from thidua import formats
from ward_service.problems import problem

__all__ = [
    "FIELDS",
    "REPORT_TYPES",
    "Figures",
    "evaluation_document",
    "has_schemas",
    "plan_document",
    "report_bytes",
    "schema",
]

#: The keys of a figure record, as the data file's columns.
FIELDS = (
    "indicator",
    "period",
    "value",
    "org_unit",
    "kind",
    "unit",
    "numerator",
    "denominator",
    "note",
    "source",
)
#: The keys every record must have.
REQUIRED = ("indicator", "period")

#: The report formats, each with its content type.
REPORT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}

#: What each key may hold, in English and Vietnamese, by the JSON types allowed.
_TYPES: dict[str, tuple[tuple[type, ...], str, str]] = {
    "indicator": ((str,), "text", "chữ"),
    "period": ((str, int), "text or a whole number", "chữ hoặc số nguyên"),
    "value": (
        (str, int, Decimal, bool),
        "text, a number, true/false or null",
        "chữ, số, true/false hoặc null",
    ),
    "org_unit": ((str,), "text or null", "chữ hoặc null"),
    "kind": ((str,), "text or null", "chữ hoặc null"),
    "unit": ((str,), "text or null", "chữ hoặc null"),
    "numerator": ((str, int, Decimal), "a number, text or null", "số, chữ hoặc null"),
    "denominator": ((str, int, Decimal), "a number, text or null", "số, chữ hoặc null"),
    "note": ((str,), "text or null", "chữ hoặc null"),
    "source": ((str,), "text or null", "chữ hoặc null"),
}

#: Stand-ins for the other fields while one field is read alone.
_ANY_INDICATOR = "-"
_ANY_PERIOD = 2000


def has_schemas() -> bool:
    """Whether the installed thidua ships its JSON Schemas (``thidua.schemas``)."""
    return importlib.util.find_spec("thidua.schemas") is not None


def schema(kind: str) -> dict[str, Any] | None:
    """The JSON Schema of ``kind`` (``"evaluation"``…) thidua ships, or None if it has none."""
    if not has_schemas():
        return None
    module = importlib.import_module("thidua.schemas")
    if kind not in getattr(module, "KINDS", ()):
        return None
    found: dict[str, Any] = module.schema(kind)
    return found


def _accepts(function: Callable[..., Any], name: str) -> bool:
    try:
        return name in inspect.signature(function).parameters
    except (TypeError, ValueError):  # a builtin without a signature
        return False


def _plain(value: Any) -> Any:
    """TOML data as JSON data: dates as ISO text."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def plan_document(plan: thidua.Plan) -> dict[str, Any]:
    """The plan document: the plan file's content as JSON data (same keys as its TOML)."""
    dumps_plan: Any = thidua.dumps_plan
    if _accepts(dumps_plan, "format"):
        loaded: dict[str, Any] = json.loads(dumps_plan(plan, format="json"))
        return loaded
    plain: dict[str, Any] = _plain(tomllib.loads(thidua.dumps_plan(plan)))
    return plain


def evaluation_document(evaluation: thidua.Evaluation, *, language: str) -> dict[str, Any]:
    """The evaluation as thidua writes it in JSON (its v1 form when thidua has it)."""
    to_dict: Any = formats.to_dict
    if _accepts(to_dict, "language"):
        versioned: dict[str, Any] = to_dict(evaluation, language=language)
        return versioned
    return formats.to_dict(evaluation)


def report_bytes(
    evaluation: thidua.Evaluation, data: thidua.Dataset, format: str, *, language: str
) -> bytes:
    """The report of ``evaluation`` as a file's bytes (``format``: a key of REPORT_TYPES)."""
    report = thidua.report
    if format == "xlsx":
        return report.to_xlsx(evaluation, data=data, language=language)
    if format == "docx":
        return report.to_docx(evaluation, data=data, language=language)
    return report.render(evaluation, "html", data=data, language=language).encode("utf-8")


class Figures:
    """Figure records read into a dataset, with every problem found on the way.

    Args:
        plan: The plan the figures are for (its units and number format).
        records: The records, as JSON gives them (numbers with a fraction as
            :class:`~decimal.Decimal`: read exactly as written).
        period: The period to check the figures against the plan for; the
            plan's year by default.
    """

    def __init__(
        self, plan: thidua.Plan, records: Sequence[object], *, period: str | None = None
    ) -> None:
        self.plan = plan
        self.units = plan.unit_registry()
        #: Every problem, as problem dicts (see :mod:`ward_service.problems`).
        self.problems: list[dict[str, Any]] = []
        observations: list[thidua.Observation | None] = [
            self._record(index, record) for index, record in enumerate(records)
        ]
        kept = self._without_duplicates(observations)
        #: The dataset (of the records without problems of their own).
        self.dataset = self._dataset(records, kept)
        # The records read, against the plan (unknown indicators, units, bounds).
        for error in thidua.validate(plan, self.dataset, period):
            self.problems.append(problem(error, record=_record_of(error), field=None))

    # ------------------------------------------------------------ one record

    def _add(
        self, error: thidua.ThiduaError, index: int, field: str | None, *, alone: bool = True
    ) -> None:
        """List ``error`` of record ``index`` (``alone``: found reading one field alone)."""
        key = f"records[{index}]" if field is None else f"records[{index}].{field}"
        if alone:
            error = _rebuilt(error, key=key)
        elif error.file is None:
            error = error.located(key=key)
        self.problems.append(problem(error, record=index, field=field))

    def _record(self, index: int, record: object) -> thidua.Observation | None:
        if not isinstance(record, Mapping):
            self._add(
                thidua.DataError(
                    "a figure must be a JSON object",
                    code="records.not_an_object",
                    vi="mỗi số liệu phải là một đối tượng JSON ({…})",
                    hint='e.g. {"indicator": "KT07", "period": "2024", "value": "42 hộ"}',
                    hint_vi='ví dụ {"indicator": "KT07", "period": "2024", "value": "42 hộ"}',
                ),
                index,
                None,
            )
            return None
        before = len(self.problems)
        for key in record:
            if key not in FIELDS:
                shown = repr(str(key)[:60])  # repr escapes control characters
                self._add(
                    thidua.DataError(
                        f"unknown key {shown}",
                        code="records.unknown_key",
                        vi=f"khóa {shown} không có trong mẫu số liệu",
                        hint="keys: " + ", ".join(FIELDS),
                        hint_vi="các khóa: " + ", ".join(FIELDS),
                    ),
                    index,
                    str(key)[:60],
                )
        for key in REQUIRED:
            if record.get(key) is None:
                self._add(
                    thidua.DataError(
                        f"the figure has no {key}",
                        code="records.missing_key",
                        vi=f"số liệu thiếu khóa {key}",
                        hint=f"give its {key}",
                        hint_vi=f"hãy ghi {key}",
                    ),
                    index,
                    key,
                )
        fields = {key: record.get(key) for key in FIELDS}
        read: dict[str, Any] = {}
        for key, value in fields.items():
            if value is None:
                read[key] = None
                continue
            try:
                read[key] = self._field(key, value, fields)
            except thidua.ThiduaError as error:
                self._add(error, index, key)
        if len(self.problems) > before:
            return None
        try:
            return thidua.Observation(
                read["indicator"],
                read["period"],
                value=read["value"],
                org_unit=read["org_unit"],
                kind=read["kind"] or "actual",
                numerator=read["numerator"],
                denominator=read["denominator"],
                note=read["note"],
                source=thidua.Source(f"records[{index}]", None, read["source"]),
            )
        except thidua.ThiduaError as error:  # between fields: a rate and its value
            self._add(error, index, None, alone=False)
            return None

    def _field(self, key: str, value: Any, fields: Mapping[str, object]) -> Any:
        """The field ``key`` read alone (raises the error thidua gives for it)."""
        types, expected, expected_vi = _TYPES[key]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            given, given_vi = _json_type(value)
            refusal = thidua.DataError(
                f"{key} must be {expected}, not {given}",
                code="records.wrong_type",
                vi=f"{key} phải là {expected_vi}, không phải {given_vi}",
            )
            raise refusal
        value = _untyped(value)
        number_format = self.plan.number_format
        if key == "indicator":
            return thidua.Observation(value, _ANY_PERIOD).indicator
        if key == "period":
            return thidua.Observation(_ANY_INDICATOR, value).period
        if key in ("org_unit", "note"):
            one = thidua.Observation(_ANY_INDICATOR, _ANY_PERIOD, **{key: value})
            return getattr(one, key)
        if key == "kind":
            return thidua.Observation(_ANY_INDICATOR, _ANY_PERIOD, kind=value).kind
        if key == "source":
            return thidua.Source(None, None, value).reference
        if key == "unit":
            return self.units.resolve(value).name
        if key == "value":
            unit = fields.get("unit")
            try:
                unit_name = self.units.resolve(unit).name if isinstance(unit, str) else None
            except thidua.ThiduaError:
                unit_name = None  # the unit's own problem is listed under "unit"
            parsed = thidua.parse_value(
                value, unit=unit_name, units=self.units, number_format=number_format
            )
            return thidua.Observation(_ANY_INDICATOR, _ANY_PERIOD, value=parsed).value
        # numerator, denominator: a plain count
        count: Any = thidua.parse_value(value, units=self.units, number_format=number_format)
        one = thidua.Observation(_ANY_INDICATOR, _ANY_PERIOD, numerator=count, denominator=count)
        return one.numerator

    # ---------------------------------------------------------- the records

    def _without_duplicates(
        self, observations: list[thidua.Observation | None]
    ) -> list[thidua.Observation]:
        """The observations, each duplicate listed as a problem (as thidua words it)."""
        first: dict[tuple[Any, ...], thidua.Observation] = {}
        kept = []
        for index, obs in enumerate(observations):
            if obs is None:
                continue
            earlier = first.get(obs.key)
            if earlier is None:
                first[obs.key] = obs
                kept.append(obs)
                continue
            try:
                thidua.Dataset([earlier, obs])
            except thidua.ThiduaError as error:
                self._add(error, index, None, alone=False)
        return kept

    def _dataset(self, records: Sequence[object], kept: list[thidua.Observation]) -> thidua.Dataset:
        """The dataset, each figure's source its record (``records[3]``).

        Where thidua has ``data_from_records``, it reads the records too: its
        refusals are listed, and where it reads them otherwise than the fields
        were read here, its dataset is the one kept (thidua's reader decides).
        """
        mine = thidua.Dataset(kept)
        from_records = getattr(thidua, "data_from_records", None)
        if from_records is None or self.problems:
            return mine
        try:
            theirs: thidua.Dataset = from_records(records, plan=self.plan)
        except thidua.ThiduaError as error:
            self.problems.append(problem(error, record=_record_of(error), field=_field_of(error)))
            return mine
        if [_content(obs) for obs in theirs] == [_content(obs) for obs in mine]:
            return mine
        return theirs


def _content(obs: thidua.Observation) -> tuple[object, ...]:
    """What an observation says, without where it came from (but with its reference)."""
    reference = None if obs.source is None else obs.source.reference
    return (*obs.key, obs.value, obs.numerator, obs.denominator, obs.note, reference)


def _untyped(value: object) -> Any:
    """``value``, checked to be of a JSON type that thidua's reader of its field takes."""
    return value


def _json_type(value: object) -> tuple[str, str]:
    """What JSON type ``value`` is, in English and Vietnamese."""
    if isinstance(value, bool):
        return "true/false", "true/false"
    if isinstance(value, int | Decimal):
        return "a number", "số"
    if isinstance(value, str):
        return "text", "chữ"
    if isinstance(value, list):
        return "a list", "danh sách"
    if isinstance(value, dict):
        return "an object", "đối tượng"
    return type(value).__name__, type(value).__name__  # JSON gives nothing else


def _rebuilt(error: thidua.ThiduaError, *, key: str) -> thidua.ThiduaError:
    """``error`` located at ``key`` alone (what a field read alone is not: its stand-ins)."""
    return type(error)(
        error.what("en"),
        code=error.code,
        vi=error.what("vi"),
        hint=error.how("en"),
        hint_vi=error.how("vi"),
        key=key,
        text=error.text,
        position=error.position,
    )


def _field_of(error: thidua.ThiduaError) -> str | None:
    """The field an error of thidua's is about, if its key is ``records[i].field``."""
    key = error.key or ""
    field = key[key.find("].") + 2 :] if key.startswith("records[") and "]." in key else None
    return field if field in FIELDS else None


def _record_of(error: thidua.ThiduaError) -> int | None:
    """The record an error of thidua's is about: its source file (or key) is ``records[i]``."""
    for where in (error.file or "", error.key or ""):
        index = where[8 : where.find("]")] if where.startswith("records[") else ""
        if index.isdigit():
            return int(index)
    return None
