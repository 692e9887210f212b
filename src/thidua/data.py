"""Data: observations of indicators, and the CSV files they come in.

An :class:`Observation` is one figure: an indicator id, a period, an optional org
unit, a kind (``actual``, ``assigned`` or ``estimate``) and either a value or a
numerator and denominator, with an optional note and its source (file, line).
A :class:`Dataset` holds observations and refuses two for the same indicator,
period, org unit and kind -- never a silent overwrite.

Values are read as people write them: ``97,5%``, ``42 hộ``, ``3,2 tỷ đồng``,
``đạt`` / ``không đạt``, ``true`` / ``false``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv
import enum
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from typing import Any, TypeAlias

import attrs

from thidua._files import read_text
from thidua.errors import DataError, ThiduaError
from thidua.numbers import NumberFormat, to_decimal_string
from thidua.periods import Period, parse_period
from thidua.units import Quantity, Ratio, Units, default_units

__all__ = [
    "MAX_DATA_BYTES",
    "Dataset",
    "Kind",
    "Observation",
    "Source",
    "Value",
    "dump_data",
    "load_data",
    "loads_data",
    "parse_value",
]

#: A value (an exact quantity, a yes/no answer, or a rate given as numerator/denominator).
Value: TypeAlias = Quantity | bool | Ratio

#: Largest data file read (bytes); larger files are a :class:`DataError`.
MAX_DATA_BYTES = 64 * 1024 * 1024

_TRUE = {"true", "đạt", "có", "yes", "x", "✓", "hoàn thành", "đạt chuẩn"}
_FALSE = {"false", "không đạt", "không", "no", "chưa đạt", "không hoàn thành"}
_FRACTION = re.compile(r"(\d+)\s*/\s*(\d+)")
_COLUMNS = (
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


class Kind(enum.Enum):
    """What an observation is: the actual figure, the assigned target, or an estimate.

    .. versionadded:: 0.1.0
    """

    ACTUAL = "actual"
    ASSIGNED = "assigned"
    ESTIMATE = "estimate"

    # Members are singletons compared by identity, so identity hashing is exact -- and
    # runs in C, where Enum's own hash is Python code run on every dataset lookup.
    __hash__ = object.__hash__


@attrs.frozen
class Source:
    """Where an observation came from: a file and a 1-based line.

    .. versionadded:: 0.1.0
    """

    #: The file name as given to the loader.
    file: str | None = None
    #: 1-based line in the file.
    line: int | None = None
    #: Where the figure itself comes from, as written in the ``source`` column
    #: (e.g. "Báo cáo của Công an phường").
    reference: str | None = None

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        if self.reference:
            where = f"{where} ({self.reference})" if where else self.reference
        return where or "(unknown)"


def parse_value(
    text: object,
    *,
    unit: str | None = None,
    units: Units | None = None,
    number_format: NumberFormat = None,
) -> Value | None:
    """Read a value as people write it.

    Args:
        text: ``"97,5%"``, ``"42 hộ"``, ``"3,2 tỷ đồng"``, ``"đạt"``, ``"true"``, a
            number, a bool, a :class:`~thidua.units.Quantity` or a
            :class:`~thidua.units.Ratio`. Empty text is ``None`` (no data).
        unit: Unit of a bare number (e.g. the indicator's).
        units: The unit registry (a plan's); the domain's by default.
        number_format: ``"vi"`` or ``"en"`` for ambiguous numbers.

    Raises:
        ParseError: The text is not a value.
        UnitError: The unit is unknown.

    >>> parse_value("97,5%")
    Quantity(magnitude=Fraction(195, 2), unit='percent')
    >>> parse_value("không đạt")
    False

    .. versionadded:: 0.1.0
    """
    registry = units or default_units()
    if text is None or isinstance(text, bool | Ratio):
        return text
    if isinstance(text, Quantity):
        return text.with_unit(unit)
    if isinstance(text, str):
        raw = " ".join(unicodedata.normalize("NFC", text).split())
        if not raw:
            return None
        folded = raw.casefold()
        fraction = _FRACTION.fullmatch(raw)
        if fraction is not None:  # "44/57": 44 of 57
            return Ratio(int(fraction[1]), int(fraction[2]))
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        quantity = registry.parse_quantity(raw, number_format=number_format)
        return quantity.with_unit(registry.resolve(unit).name if unit else None)
    pint_units = getattr(text, "units", None)
    if pint_units is not None and hasattr(text, "magnitude"):  # a caller's pint Quantity
        name = (
            registry.resolve(str(pint_units)).name
            if str(pint_units) != "dimensionless"
            else "dimensionless"
        )
        return Quantity(text.magnitude, name)
    return Quantity(text, unit)


def _kind(value: object) -> Kind:
    if isinstance(value, Kind):
        return value
    try:
        return Kind(str(value).strip().casefold())
    except ValueError:
        msg = f"kind={value!r} must be one of actual, assigned, estimate"
        raise DataError(msg) from None


def _period(value: object) -> Period:
    return parse_period(value)


def _optional_text(value: object) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).strip()
    return text or None


def _text(value: object) -> str:
    text = _optional_text(value)
    if text is None:
        msg = "the indicator id is empty"
        raise DataError(msg, hint="fill the indicator column")
    return text


def _value(value: object) -> Value | None:
    return parse_value(value)


def _optional_fraction(value: object) -> Fraction | None:
    if value is None:
        return None
    q = parse_value(value)
    if not isinstance(q, Quantity) or q.unit not in (None, "dimensionless"):
        msg = f"numerator/denominator {value!r} must be a plain number"
        raise DataError(msg)
    return q.magnitude


@attrs.frozen
class Observation:
    """One figure of one indicator for one period (and org unit).

    .. versionadded:: 0.1.0
    """

    #: Indicator id.
    indicator: str = attrs.field(converter=_text)
    #: The period it covers.
    period: Period = attrs.field(converter=_period)
    #: The value (None when given as numerator and denominator).
    value: Value | None = attrs.field(default=None, converter=_value, kw_only=True)
    #: Org unit id (or name); None for the whole plan's area.
    org_unit: str | None = attrs.field(default=None, converter=_optional_text, kw_only=True)
    #: Actual, assigned target, or estimate.
    kind: Kind = attrs.field(default=Kind.ACTUAL, converter=_kind, kw_only=True)
    #: Numerator of a rate (e.g. petitions resolved).
    numerator: Fraction | None = attrs.field(
        default=None, converter=_optional_fraction, kw_only=True
    )
    #: Denominator of a rate (e.g. petitions received).
    denominator: Fraction | None = attrs.field(
        default=None, converter=_optional_fraction, kw_only=True
    )
    #: A note, kept as written.
    note: str | None = attrs.field(default=None, converter=_optional_text, kw_only=True)
    #: Where it came from.
    source: Source | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        rate = (self.numerator, self.denominator)
        where: dict[str, Any] = {"indicator": self.indicator, "period": str(self.period)}
        if self.source is not None:
            where |= {"file": self.source.file, "line": self.source.line}
        if (rate[0] is None) != (rate[1] is None):
            msg = "a rate needs both numerator and denominator"
            raise DataError(msg, hint="fill both columns, or give the value", **where)
        if rate[0] is not None and rate[1] is not None:
            if rate[0] < 0 or rate[1] < 0:
                msg = "numerator and denominator must not be negative"
                raise DataError(msg, **where)
            if isinstance(self.value, Quantity) and rate[1] != 0:
                computed = rate[0] / rate[1]
                given = self.value.magnitude / (100 if self.value.unit == "percent" else 1)
                if self.value.unit not in (None, "percent", "dimensionless") or given != computed:
                    msg = (
                        f"value {self.value} disagrees with numerator/denominator "
                        f"{to_decimal_string(rate[0])}/{to_decimal_string(rate[1])}"
                    )
                    raise DataError(msg, hint="give one of them, or make them agree", **where)
            elif self.value is not None and not isinstance(self.value, Quantity):
                msg = "a rate given by numerator/denominator cannot also have a yes/no value"
                raise DataError(msg, **where)

    @property
    def key(self) -> tuple[str, Period, str | None, Kind]:
        """What makes it unique in a dataset (indicator, period, org unit, kind)."""
        return (self.indicator, self.period, self.org_unit, self.kind)

    @property
    def rate(self) -> Ratio | None:
        """The numerator/denominator as a :class:`~thidua.units.Ratio`, if given."""
        if self.numerator is None or self.denominator is None:
            return None
        return Ratio(self.numerator, self.denominator)

    @property
    def observed(self) -> Value | None:
        """The value to judge (the rate if given, else the value)."""
        return self.rate if self.rate is not None else self.value

    def where(self) -> dict[str, Any]:
        """Location fields for errors about this observation."""
        where: dict[str, Any] = {"indicator": self.indicator, "period": str(self.period)}
        if self.source is not None:
            where |= {"file": self.source.file, "line": self.source.line}
        return where


def _observations(value: Iterable[Observation]) -> tuple[Observation, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, Observation):
            msg = f"a Dataset holds Observations, not {type(item).__name__}"
            raise DataError(msg)
    return items


#: Where a dataset keeps its observations: by (period number, org unit, kind), then
#: by indicator. A period's number is its place among the dataset's periods: small
#: ints hash and compare in C, where a Period runs Python code on every lookup, and
#: a reader of one org unit's figures for one period finds them all in one table.
_Groups: TypeAlias = "dict[tuple[int, str | None, Kind], dict[str, Observation]]"


@attrs.frozen
class _Index(Mapping[tuple[str, Period, "str | None", Kind], Observation]):
    """A dataset's observations by (indicator, period, org unit, kind), read-only."""

    groups: Mapping[tuple[int, str | None, Kind], Mapping[str, Observation]]
    numbers: Mapping[Period, int]
    periods: tuple[Period, ...]

    def __getitem__(self, key: tuple[str, Period, str | None, Kind]) -> Observation:
        try:
            indicator, period, org_unit, kind = key
            return self.groups[(self.numbers[period], org_unit, kind)][indicator]
        except (TypeError, ValueError):  # not a key of this shape, or unhashable
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[tuple[str, Period, str | None, Kind]]:
        for (number, org_unit, kind), group in self.groups.items():
            period = self.periods[number]
            for indicator in group:
                yield indicator, period, org_unit, kind

    def __len__(self) -> int:
        return sum(len(g) for g in self.groups.values())


@attrs.frozen
class Dataset:
    """A set of observations; at most one per indicator, period, org unit and kind.

    >>> ds = Dataset([Observation("KT07", "2024", value="42 hộ")])
    >>> ds.get("KT07", "2024").value
    Quantity(magnitude=Fraction(42, 1), unit='household')

    .. versionadded:: 0.1.0
    """

    #: The observations, in the order given.
    observations: tuple[Observation, ...] = attrs.field(default=(), converter=_observations)
    #: The observations by (period number, org unit, kind), then by indicator.
    _groups: _Groups = attrs.field(init=False, repr=False, eq=False, hash=False)
    #: Each distinct period and its number.
    _periods: Mapping[Period, int] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _period_list: tuple[Period, ...] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _org_units: frozenset[str | None] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        groups: _Groups = {}
        periods: dict[Period, int] = {}
        org_units: set[str | None] = set()
        for obs in self.observations:
            number = periods.setdefault(obs.period, len(periods))
            group = groups.setdefault((number, obs.org_unit, obs.kind), {})
            first = group.get(obs.indicator)
            if first is not None:
                where = f" (first at {first.source})" if first.source else ""
                unit = f", org unit {obs.org_unit}" if obs.org_unit else ""
                msg = f"two {obs.kind.value} observations for the same period{unit}{where}"
                raise DataError(msg, hint="keep one of them; nothing is overwritten", **obs.where())
            group[obs.indicator] = obs
            org_units.add(obs.org_unit)
        object.__setattr__(self, "_groups", groups)
        object.__setattr__(self, "_org_units", frozenset(org_units))
        object.__setattr__(self, "_periods", periods)
        object.__setattr__(self, "_period_list", tuple(periods))

    def __len__(self) -> int:
        return len(self.observations)

    @property
    def index(self) -> Mapping[tuple[str, Period, str | None, Kind], Observation]:
        """The observations by (indicator, period, org unit, kind), read-only."""
        return _Index(self._groups, self._periods, self._period_list)

    @property
    def org_units(self) -> frozenset[str | None]:
        """The distinct org units of the observations (None: the whole area)."""
        return self._org_units

    def __iter__(self) -> Iterator[Observation]:
        return iter(self.observations)

    def get(
        self,
        indicator: str,
        period: Period | str,
        *,
        kind: Kind = Kind.ACTUAL,
        org_unit: str | None = None,
    ) -> Observation | None:
        """The observation for this indicator, period, kind and org unit, or None."""
        number = self._periods.get(parse_period(period))
        group = None if number is None else self._groups.get((number, org_unit, kind))
        return None if group is None else group.get(indicator)

    def __add__(self, other: Dataset) -> Dataset:
        return Dataset(self.observations + other.observations)

    @property
    def indicators(self) -> frozenset[str]:
        """The indicator ids observed."""
        return frozenset(o.indicator for o in self.observations)

    def to_dataframe(self) -> Any:
        """The observations as a pandas DataFrame, one row per observation.

        Columns: ``indicator``, ``period`` (canonical text), ``org_unit``, ``kind``
        (categorical), ``value`` (exact: :class:`~fractions.Fraction`, bool or None),
        ``unit`` (canonical name), ``numerator``, ``denominator`` (exact), ``note``,
        ``source_file``, ``source_line``, ``source_reference``.
        ``Dataset.from_dataframe(ds.to_dataframe()) == ds``.

        Raises:
            ExtraNotInstalledError: pandas is not installed (the ``notebook`` extra).
        """
        from thidua._frames import dataset_frame  # noqa: PLC0415  (pandas only when asked)

        return dataset_frame(self)

    @classmethod
    def from_dataframe(cls, frame: Any) -> Dataset:
        """A dataset from a DataFrame with the columns of :meth:`to_dataframe`.

        Only ``indicator`` and ``period`` are required; ``value`` may hold numbers
        (with ``unit``), bools, or text as people write it.

        Raises:
            DataError: A row is wrong; the error names the row.
            ExtraNotInstalledError: pandas is not installed (the ``notebook`` extra).
        """
        from thidua._frames import dataset_from_frame  # noqa: PLC0415

        return dataset_from_frame(frame)


def load_data(
    path: str | os.PathLike[str],
    *,
    number_format: NumberFormat = None,
    units: Units | None = None,
) -> Dataset:
    """Read a dataset from a CSV file (UTF-8, an optional byte-order mark).

    The header has ``indicator,period,value`` and may add ``org_unit``, ``kind``,
    ``unit``, ``numerator``, ``denominator``, ``note``, ``source``.

    Raises:
        DataError: The file cannot be read, is not UTF-8, or a row is wrong; the
            error names the file, line and column.

    .. versionadded:: 0.1.0
    """
    name, text = read_text(path, what="data file", max_bytes=MAX_DATA_BYTES, error=DataError)
    return loads_data(text, file=name, number_format=number_format, units=units)


def loads_data(
    text: str,
    *,
    file: str | None = None,
    number_format: NumberFormat = None,
    units: Units | None = None,
) -> Dataset:
    """Read a dataset from CSV text; see :func:`load_data`.

    .. versionadded:: 0.1.0
    """
    registry = units or default_units()
    name = file or "<data>"
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        msg = "the file contains a NUL character"
        raise DataError(msg, file=name, line=line, hint="is it a CSV text file?")
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        msg = f"cannot read the header: {exc}"
        raise DataError(msg, file=name, line=1) from None
    if header is None:
        msg = "the file is empty"
        raise DataError(msg, file=name, line=1, hint="the header is indicator,period,value")
    columns = [unicodedata.normalize("NFC", c).strip().casefold() for c in header]
    for i, col in enumerate(columns):
        if col not in _COLUMNS:
            msg = f"unknown column {header[i]!r}"
            raise DataError(
                msg, file=name, line=1, column=i + 1, hint=f"columns: {', '.join(_COLUMNS)}"
            )
        if columns.index(col) != i:
            msg = f"column {header[i]!r} appears twice"
            raise DataError(msg, file=name, line=1, column=i + 1)
    for required in ("indicator", "period"):
        if required not in columns:
            msg = f"the header lacks the {required!r} column"
            raise DataError(msg, file=name, line=1, hint="the header is indicator,period,value")
    if "value" not in columns and "numerator" not in columns:
        msg = "the header needs a 'value' column (or 'numerator' and 'denominator')"
        raise DataError(msg, file=name, line=1)
    observations: list[Observation] = []
    periods: dict[str, Period] = {}  # each period text read once, its Period shared by rows
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(columns):
                msg = f"the row has {len(row)} cells but the header {len(columns)}"
                raise DataError(
                    msg,
                    file=name,
                    line=line,
                    column=len(columns) + 1,
                    hint="quote cells with commas",
                )
            observations.append(
                _row(
                    dict(zip(columns, row, strict=False)),
                    columns,
                    name=name,
                    line=line,
                    registry=registry,
                    number_format=number_format,
                    periods=periods,
                )
            )
    except csv.Error as exc:
        msg = f"malformed CSV: {exc}"
        raise DataError(msg, file=name, line=reader.line_num) from None
    try:
        return Dataset(observations)
    except ThiduaError as exc:
        raise exc.located(file=name) from None


def _row(
    cells: dict[str, str],
    columns: list[str],
    *,
    name: str,
    line: int,
    registry: Units,
    number_format: NumberFormat,
    periods: dict[str, Period],
) -> Observation:
    column = "indicator"
    try:
        indicator = cells.get("indicator", "")
        unit = (cells.get("unit") or "").strip() or None
        fields: dict[str, Any] = {}
        column = "unit"
        unit_name = registry.resolve(unit).name if unit else None
        column = "value"
        fields["value"] = parse_value(
            cells.get("value"), unit=unit_name, units=registry, number_format=number_format
        )
        for col in ("numerator", "denominator"):
            column = col
            cell = (cells.get(col) or "").strip()
            if cell:
                q = registry.parse_quantity(cell, number_format=number_format)
                if q.unit is not None:
                    msg = f"{col} {cell!r} must be a plain count"
                    raise DataError(msg)
                fields[col] = q.magnitude
        for col in ("org_unit", "note"):
            if cells.get(col, "").strip():
                fields[col] = cells[col]
        column = "kind"
        if cells.get("kind", "").strip():
            fields["kind"] = _kind(cells["kind"])
        column = "period"
        text = cells.get("period", "")
        period = periods.get(text)
        if period is None:
            period = periods[text] = parse_period(text)
        column = "indicator"
        return Observation(
            indicator,
            period,
            source=Source(name, line, _optional_text(cells.get("source"))),
            **fields,
        )
    except ThiduaError as exc:
        at_column = columns.index(column) + 1 if column in columns else None
        raise exc.located(file=name, line=line, column=at_column) from None


def dump_data(dataset: Dataset) -> str:
    """Write a dataset as CSV text that :func:`loads_data` reads back equal (sources aside).

    .. versionadded:: 0.1.0
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_COLUMNS)
    for obs in dataset:
        value = obs.value
        text = (
            ""
            if value is None
            else ("true" if value is True else "false" if value is False else str(value))
        )
        writer.writerow(
            [
                obs.indicator,
                str(obs.period),
                text,
                obs.org_unit or "",
                obs.kind.value,
                "",
                "" if obs.numerator is None else to_decimal_string(obs.numerator),
                "" if obs.denominator is None else to_decimal_string(obs.denominator),
                obs.note or "",
                (obs.source.reference if obs.source else None) or "",
            ]
        )
    return out.getvalue()
