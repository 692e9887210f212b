"""Data as records: a list of mappings (parsed JSON, a web form's rows) read into a Dataset.

Each record is a mapping with the keys of the CSV data file's columns
(``indicator``, ``period``, ``value``, ``org_unit``, ``kind``, ``unit``,
``numerator``, ``denominator``, ``note``, ``source``), read by the CSV reader's
own cell functions: a text value is read exactly as a CSV cell is (``"95,4%"``
with the plan's number format, ``"42 hộ"``, ``"đạt"``, ``"44/57"``). Beside
text, a value may be:

- an int: that number, exactly (a bare number: the ``unit`` key gives its unit);
- a float: the decimal its shortest ``repr`` writes (``95.4`` is 954/10, never
  the binary fraction 95.400000000000005684...): the number the JSON text
  wrote (as :func:`thidua.numbers.to_fraction` reads it). ``NaN`` and
  infinities are refused;
- a bool: a yes/no answer (``true`` is achieved, as the text ``"đạt"``);
- None (JSON ``null``) or a missing key: no value, as an empty cell.

Every error is located by the record's index and key (``records[3].value``),
with the indicator and period as far as they can be read.

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sized
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from thidua._text import printable, safe_repr
from thidua.data import (
    _COLUMNS,
    MAX_PROBLEMS,
    Dataset,
    Kind,
    Observation,
    Source,
    Value,
    _Builder,
    _check_part,
    _check_value,
    _count,
    _duplicate,
    _indicator,
    _kind,
    _new,
    _note,
    _options,
    _org_unit,
    _period,
    _rate_problem,
    _read_value,
    _reference,
    _set_denominator,
    _set_indicator,
    _set_kind,
    _set_note,
    _set_numerator,
    _set_org_unit,
    _set_period,
    _set_source,
    _set_value,
    _unit_conflict,
    _unit_name,
    _unlisted,
)
from thidua.errors import DataError, ThiduaError, wrong_type
from thidua.numbers import NumberFormat, to_fraction
from thidua.units import Quantity, Ratio, UnitDefinition, Units

if TYPE_CHECKING:
    from thidua.plans import Plan

__all__ = ["MAX_RECORDS", "RecordValue", "data_from_records"]

#: Most records read: more is a :class:`~thidua.errors.DataError` (``data.too_many_records``).
MAX_RECORDS = 1_000_000

#: What a record's value may be: text as in a CSV cell, a number, a yes/no, or nothing.
RecordValue = str | int | float | bool | Decimal | Fraction | Quantity | Ratio | None


def _key(index: int, name: str | None = None) -> str:
    return f"records[{index}]" if name is None else f"records[{index}].{name}"


def _shown(value: object) -> str:
    return safe_repr(value, limit=60)


def _not_a_record(value: object) -> DataError:
    given = printable(type(value).__name__)
    msg = f"a record is a mapping of keys and values (a JSON object), not {given}"
    return DataError(
        msg,
        code="data.not_a_record",
        vi=f"mỗi bản ghi phải là một đối tượng gồm các mục và giá trị, không phải kiểu {given}",
        hint='write it as {"indicator": "KT07", "period": "2024", "value": "42 hộ"}',
        hint_vi='hãy viết dạng {"indicator": "KT07", "period": "2024", "value": "42 hộ"}',
    )


def _unknown_key(key: object) -> DataError:
    shown = _shown(key)
    listed = ", ".join(_COLUMNS)
    hint, hint_vi = f"the keys are: {listed}", f"các mục có thể dùng: {listed}"
    near = difflib.get_close_matches(key, _COLUMNS, n=1, cutoff=0.6) if isinstance(key, str) else []
    if near:
        hint = f"did you mean {near[0]!r}? {hint}"
        hint_vi = f"có phải là {near[0]!r} không? Các mục có thể dùng: {listed}"
    msg = f"unknown key {shown}"
    return DataError(
        msg,
        code="data.unknown_key",
        vi=f"mục {shown} không có trong mẫu số liệu",
        hint=hint,
        hint_vi=hint_vi,
    )


def _too_many(count: int) -> DataError:
    shown = f"{count:,}"
    return DataError(
        f"more than {shown} records",
        code="data.too_many_records",
        vi=f"có hơn {shown.replace(',', '.')} bản ghi",
        hint="split the data into smaller parts",
        hint_vi="hãy chia số liệu thành nhiều phần nhỏ hơn",
    )


def _wrong(what: str, what_vi: str, value: object, expected: str, expected_vi: str) -> DataError:
    shown = _shown(value)
    given = printable(type(value).__name__)
    msg = f"{what} {shown} must be {expected}, not {given}"
    return DataError(
        msg,
        code="data.wrong_type",
        vi=f"{what_vi} {shown} phải là {expected_vi}, không phải kiểu {given}",
        hint=f"write {expected}",
        hint_vi=f"hãy ghi {expected_vi}",
    )


def _number(value: int | float, what: str, what_vi: str) -> Fraction:
    """An int exactly; a float as the decimal its shortest repr writes (``95.4`` is 954/10)."""
    return _check_part(to_fraction(value, what=what), what, what_vi)


def _text_field(value: object, what: str, what_vi: str, *, whole: bool = True) -> Any:
    """A key that holds text: text, None or (``whole``: an id, a year) an int, else refused."""
    if value is None or isinstance(value, str):
        return value
    if whole and isinstance(value, int) and not isinstance(value, bool):
        return value  # a year, an id written as a number: read as the CSV reader reads it
    raise _wrong(what, what_vi, value, "text", "chữ")


def _record_value(
    value: object, unit_name: str | None, registry: Units, number_format: NumberFormat
) -> Value | None:
    """A record's value: text read as a CSV cell is, a number, a yes/no answer, or None."""
    if value is None or isinstance(value, bool | Ratio):
        found: Value | None = value
    elif isinstance(value, str):
        found = _read_value(value, None, registry, number_format)
    elif isinstance(value, int | float):
        found = Quantity(_number(value, "the value", "giá trị"))
    elif isinstance(value, Decimal | Fraction):
        found = Quantity(value)
    elif isinstance(value, Quantity):
        found = value
    else:
        what = "the value"
        raise _wrong(
            what,
            "giá trị",
            value,
            "text such as '95,4%', a number or true/false",
            "chữ như '95,4%', một số hoặc true/false",
        )
    if isinstance(found, Quantity) and unit_name is not None:
        if found.unit is None:
            found = Quantity(found.magnitude, unit_name)
        elif found.unit != unit_name:
            raise _unit_conflict(found, unit_name)
    return _check_value(found)


def _record_count(
    value: object, column: str, registry: Units, number_format: NumberFormat
) -> Fraction | None:
    """A numerator or denominator: a plain number, as text or as a JSON number."""
    what, what_vi = f"the {column}", "tử số" if column == "numerator" else "mẫu số"
    if value is None:
        return None
    if isinstance(value, str):
        found = _count(value, column, registry, number_format)
        return None if found is None else _check_part(found, what, what_vi)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number(value, what, what_vi)
    if isinstance(value, Decimal | Fraction):
        return _check_part(Fraction(value), what, what_vi)
    raise _wrong(what, what_vi, value, "a number", "một số")


class _Reader:
    """Reads records one by one into a dataset, with the plan's units and number format."""

    def __init__(self, registry: Units, number_format: NumberFormat) -> None:
        self.registry = registry
        self.number_format = number_format
        self.builder = _Builder()
        #: The index of each observation read (by its id), to name a duplicate's first.
        self.indices: dict[int, int] = {}
        #: Where the record being read is: the key, the indicator and period read so far.
        self.key: str | None = None
        self.indicator: str | None = None
        self.period: str | None = None

    def add(self, index: int, record: object) -> None:
        """Read record number ``index``; raises its first problem, located."""
        self.key = self.indicator = self.period = None
        try:
            obs = self.observation(record)
            first = self.builder.add(obs, self.builder.number(obs.period))
            if first is not None:
                error = _duplicate(obs, first)
                at = _key(self.indices[id(first)])
                msg = f"{error.what('en')} (first at {at})"
                raise DataError(
                    msg,
                    code=error.code,
                    vi=f"{error.what('vi')} (bản ghi trước ở {at})",
                    hint=error.how("en"),
                    hint_vi=error.how("vi"),
                )
            self.indices[id(obs)] = index
        except ThiduaError as exc:
            raise exc.located(
                key=_key(index, self.key), indicator=self.indicator, period=self.period
            ) from None

    def field(self, record: Mapping[str, object], key: str, *, whole: bool = False) -> Any:
        """The value of ``key`` (None if left out), remembered as where a problem would be."""
        self.key = key
        what, what_vi = _WHAT[key]
        return _text_field(record.get(key), what, what_vi, whole=whole)

    def observation(self, record: object) -> Observation:
        """The observation of one record, its fields read by the CSV reader's cell functions."""
        if not isinstance(record, Mapping):
            raise _not_a_record(record)
        for name in record:
            if name not in _COLUMNS:
                self.key = name if isinstance(name, str) else None
                raise _unknown_key(name)
        registry, number_format = self.registry, self.number_format
        indicator = self.indicator = _indicator(self.field(record, "indicator", whole=True))
        period = _period(self.field(record, "period", whole=True) or "")
        self.period = str(period)
        org_unit = _org_unit(self.field(record, "org_unit", whole=True))
        kind_text = self.field(record, "kind")
        kind = _kind(kind_text) if isinstance(kind_text, str) and kind_text.strip() else Kind.ACTUAL
        unit_name = _unit_name(self.field(record, "unit"), registry)
        self.key = "value"
        value = _record_value(record.get("value"), unit_name, registry, number_format)
        self.key = "numerator"
        numerator = _record_count(record.get("numerator"), "numerator", registry, number_format)
        self.key = "denominator"
        denominator = _record_count(
            record.get("denominator"), "denominator", registry, number_format
        )
        problem = _rate_problem(value, numerator, denominator)
        if problem is not None:
            self.key = problem[1]
            raise problem[0]
        note = _note(self.field(record, "note"))
        reference = _reference(self.field(record, "source"))
        self.key = None
        obs = _new(Observation)  # every field checked above, as the CSV reader does
        _set_indicator(obs, indicator)
        _set_period(obs, period)
        _set_value(obs, value)
        _set_org_unit(obs, org_unit)
        _set_kind(obs, kind)
        _set_numerator(obs, numerator)
        _set_denominator(obs, denominator)
        _set_note(obs, note)
        _set_source(obs, None if reference is None else Source(reference=reference))
        return obs


#: What each text key is, in messages.
_WHAT = {
    "indicator": ("the indicator id", "mã chỉ tiêu"),
    "period": ("the period", "kỳ"),
    "org_unit": ("the org unit", "khóm/ấp"),
    "kind": ("the kind", "loại số liệu"),
    "unit": ("the unit", "đơn vị tính"),
    "note": ("the note", "ghi chú"),
    "source": ("the source reference", "nguồn số liệu"),
}


def _read(
    records: object,
    *,
    plan: object,
    number_format: object,
    units: object,
    problems: list[ThiduaError] | None,
) -> Dataset:
    registry, fmt = _options(plan, number_format, units)
    if not isinstance(records, Iterable) or isinstance(records, str | bytes | bytearray | Mapping):
        msg = "records"
        raise wrong_type(
            msg,
            records,
            "records: a list of mappings (JSON objects)",
            "các bản ghi: một danh sách các đối tượng (JSON object)",
        )
    if isinstance(records, Sized) and len(records) > MAX_RECORDS:  # refused before any is read
        raise _too_many(MAX_RECORDS).located(key=_key(MAX_RECORDS))
    reader = _Reader(registry, fmt)
    unlisted = 0
    for index, record in enumerate(records):
        if index >= MAX_RECORDS:
            error = _too_many(MAX_RECORDS).located(key=_key(index))
            if problems is None:
                raise error
            problems.append(error)
            break
        try:
            reader.add(index, record)
        except ThiduaError as exc:
            if problems is None:
                raise
            if len(problems) < MAX_PROBLEMS:
                problems.append(exc)
            else:
                unlisted += 1
    if unlisted:
        problems.append(_unlisted(unlisted, file=None))  # type: ignore[union-attr]
    return reader.builder.dataset()


def data_from_records(
    records: Iterable[Mapping[str, RecordValue]],
    *,
    plan: Plan | None = None,
    number_format: NumberFormat = None,
    units: Units | tuple[UnitDefinition, ...] | None = None,
) -> Dataset:
    """Read a dataset from records: a list (any iterable) of mappings, such as parsed JSON.

    Each record has the keys of the CSV data file's columns: ``indicator`` and
    ``period`` (required), ``value``, ``org_unit``, ``kind``, ``unit``,
    ``numerator``, ``denominator``, ``note``, ``source``; a key set to None is
    as a key left out. A text is read as the CSV reader reads a cell (``"95,4%"``
    with the plan's number format, ``"42 hộ"``, ``"đạt"``, ``"44/57"``); an int is
    that number exactly, a float the decimal its shortest repr writes (``95.4`` is
    exactly 95.4), a bool a yes/no answer. A record's ``source`` text is kept as
    the observation's source reference.

    Args:
        records: The records (at most :data:`MAX_RECORDS`).
        plan: The plan the data is for: its ``number_format`` and its units.
        number_format: ``"vi"`` (``1.850`` is 1850) or ``"en"``; overrides the plan's.
        units: The unit registry to read units with; overrides the plan's.

    Raises:
        DataError: A record is not a mapping (``data.not_a_record``), has an
            unknown key (``data.unknown_key``), a value of a wrong type
            (``data.wrong_type``), a problem a CSV row can have
            (``data.no_indicator``, ``data.unknown_kind``, ...), repeats another
            (``data.duplicate_observation``), or there are more than
            :data:`MAX_RECORDS` records (``data.too_many_records``). Every error
            names the record and key (``records[3].value``), with the
            indicator and period.
        ParseError: A period, a value or a number cannot be read (a float that
            is not finite: ``number.not_finite``).
        UnitError: A unit is unknown.
        ArgumentTypeError: ``records`` is not an iterable of records, or another
            argument is of a wrong type.
        UsageError: ``number_format`` is neither ``"vi"``, ``"en"`` nor None.

    >>> ds = data_from_records([{"indicator": "KT07", "period": "2024", "value": "42 hộ"}])
    >>> ds.get("KT07", "2024").value
    Quantity(magnitude=Fraction(42, 1), unit='household')

    .. versionadded:: 0.4.0
    """
    return _read(records, plan=plan, number_format=number_format, units=units, problems=None)


def _data_from_records_collecting(
    records: Iterable[Mapping[str, RecordValue]],
    *,
    plan: Plan | None = None,
    number_format: NumberFormat = None,
    units: Units | tuple[UnitDefinition, ...] | None = None,
) -> tuple[Dataset, list[ThiduaError]]:
    """Read records as :func:`data_from_records` does, collecting every problem.

    Every bad record becomes one located problem and reading goes on (a
    duplicate keeps the first); the dataset holds the good observations. Past
    :data:`MAX_RECORDS` records, one problem says so and reading stops.

    Raises:
        ArgumentTypeError: An argument is of a wrong type (the call, not the records).
        UsageError: ``number_format`` is neither ``"vi"``, ``"en"`` nor None.
        PlanError: The plan's units cannot be built.
    """
    problems: list[ThiduaError] = []
    dataset = _read(records, plan=plan, number_format=number_format, units=units, problems=problems)
    return dataset, problems
