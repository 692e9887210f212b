"""Data: observations of indicators, and the CSV files they come in.

An :class:`Observation` is one figure: an indicator id, a period, an optional org
unit, a kind (``actual``, ``assigned`` or ``estimate``) and either a value or a
numerator and denominator, with an optional note and its source (file, line).
A :class:`Dataset` holds observations and refuses two for the same indicator,
period, org unit and kind -- never a silent overwrite.

Values are read as people write them: ``97,5%``, ``42 hộ``, ``3,2 tỷ đồng``,
``đạt`` / ``không đạt``, ``true`` / ``false``, ``44/57``.

A data file is read as a stream, one line at a time: its cost in memory is the
dataset it gives, not copies of its text. Cells that repeat (indicator ids,
periods, org units, values, notes) are read once and their parsed values shared
by the rows.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   ``plan=`` for :func:`load_data`, :func:`loads_data` and
   :meth:`Dataset.from_dataframe`; control characters refused in every text;
   errors with codes and Vietnamese messages.
"""

from __future__ import annotations

import csv
import decimal
import difflib
import gc
import io
import itertools
import numbers
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from fractions import Fraction
from functools import cache
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from thidua._choices import Choice
from thidua._files import (
    decode,
    decoded_lines,
    file_name,
    open_binary,
    packaged_text,
    text_lines,
    too_large,
    unreadable,
)
from thidua._text import fold, fold_column, printable, safe_repr
from thidua.errors import (
    ArgumentTypeError,
    DataError,
    ParseError,
    PlanError,
    ThiduaError,
    UsageError,
    clean_text,
    wrong_type,
)
from thidua.numbers import MAX_NUMBER_LENGTH, NumberFormat, to_decimal_string
from thidua.periods import Period, parse_period
from thidua.units import (
    Magnitude,
    Quantity,
    Ratio,
    UnitDefinition,
    Units,
    default_units,
    units_with,
)

if TYPE_CHECKING:
    from thidua.plans import Plan

__all__ = [
    "MAX_DATA_BYTES",
    "MAX_PROBLEMS",
    "WORKBOOK_SUFFIXES",
    "Dataset",
    "Kind",
    "Observation",
    "Source",
    "Value",
    "ValueLike",
    "dump_data",
    "load_data",
    "loads_data",
    "parse_value",
]

#: A value (an exact quantity, a yes/no answer, or a rate given as numerator/denominator).
Value: TypeAlias = Quantity | bool | Ratio

#: What a value may be given as: text as people write it (``"97,5%"``, ``"42 hộ"``,
#: ``"đạt"``, ``"44/57"``), a number, a yes/no answer, a Quantity or a Ratio; None
#: for no value. (New in 0.4.0.)
ValueLike: TypeAlias = (
    Quantity | Ratio | bool | int | Fraction | decimal.Decimal | float | str | None
)

#: Largest data file read (bytes); larger files are a :class:`DataError`.
MAX_DATA_BYTES = 64 * 1024 * 1024

#: Most problems a collecting read lists one by one; beyond, one more problem counts the rest.
MAX_PROBLEMS = 1000

#: Figures keep their numerator and denominator below this (at most 100 digits each):
#: every figure read prints quickly in every form.
_MAX_PART = 10**MAX_NUMBER_LENGTH

_TRUE = {"true", "đạt", "có", "yes", "x", "✓", "hoàn thành", "đạt chuẩn"}
_FALSE = {"false", "không đạt", "không", "no", "chưa đạt", "không hoàn thành"}
_FRACTION = re.compile(r"([0-9]+)\s*/\s*([0-9]+)")
_STARTS_WITH_NUMBER = re.compile(r"[+-]?\d")
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
#: How many distinct cells of a column a load remembers (then it starts afresh).
_CACHE_SIZE = 1 << 16
_KIND_VI = {"actual": "thực hiện", "assigned": "được giao", "estimate": "ước thực hiện"}
#: The delimiters a CSV file's header may use.
_DELIMITERS = (",", ";", "\t")
#: The suffixes read as workbooks (by :mod:`thidua.spreadsheets`; new in 0.4.0).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@cache
def aliases() -> tuple[dict[str, str], dict[str, str]]:
    """The Vietnamese names of the columns and of the kinds, by their key (``data_columns.toml``).

    Returns:
        ``(columns, kinds)``: each maps a name's :func:`~thidua._text.fold_column`
        key (columns) or :func:`~thidua._text.fold` key (kinds) to the canonical
        column (``indicator``) or kind (``assigned``).

    .. versionadded:: 0.4.0
    """
    table = tomllib.loads(packaged_text("data_columns.toml"))
    columns = {
        fold_column(name): column for column, names in table["columns"].items() for name in names
    }
    kinds = {fold(name): kind for kind, names in table["kinds"].items() for name in names}
    return columns, kinds


def column_of(cell: str) -> str:
    """The canonical column a header cell names (its English name or a Vietnamese alias).

    The key is :func:`~thidua._text.fold_column`: NFC, case-folded, spaces as ``_``;
    diacritics must be exact. An unknown name is returned as its key.

    >>> column_of("Mã  Chỉ Tiêu"), column_of("Kỳ"), column_of("value")
    ('indicator', 'period', 'value')

    .. versionadded:: 0.4.0
    """
    key = fold_column(cell)
    return aliases()[0].get(key, key)


def _shown(value: object, limit: int = 60) -> str:
    """``repr(value)`` for a message: control characters escaped, long texts cut short."""
    if isinstance(value, str) and len(value) > limit:
        quoted = repr(value[:limit])
        return printable(quoted[:-1] + "…" + quoted[-1])
    return safe_repr(value, limit=limit)


class Kind(Choice):
    """What an observation is: the actual figure, the assigned target, or an estimate.

    .. versionadded:: 0.1.0
    """

    ACTUAL = "actual"
    ASSIGNED = "assigned"
    ESTIMATE = "estimate"

    # Members are singletons compared by identity, so identity hashing is exact -- and
    # runs in C, where Enum's own hash is Python code run on every dataset lookup.
    __hash__ = object.__hash__


def _text(value: object, what: str, what_vi: str, *, multiline: bool = False) -> str | None:
    """Text given for a field: NFC, trimmed, no control characters; None if blank."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value
    elif isinstance(value, numbers.Number) and not isinstance(value, bool):
        try:
            text = str(value)  # an id written as a number (a column of a DataFrame)
        except ValueError:  # an int beyond Python's 4,300 digits
            msg = f"{what} is a number too long to write"
            raise DataError(
                msg,
                code="number.too_long",
                vi=f"{what_vi} là một số dài quá, không viết ra được",
                hint="write it as text, as people write it",
                hint_vi="hãy viết nó thành chữ, như người ta vẫn viết",
            ) from None
    else:
        raise wrong_type(what.rsplit(maxsplit=1)[-1], value, "text", "văn bản")
    text = clean_text(
        text.strip(), what=what, what_vi=what_vi, multiline=multiline, error=DataError
    )
    return text or None


def _file(value: str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    msg = "file"
    raise wrong_type(msg, value, "a file name (str) or None", "tên tệp (str) hoặc None")


def _line(value: int | None) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        msg = "line"
        raise wrong_type(msg, value, "a line number (int) or None", "số dòng (int) hoặc None")
    if value < 1:
        msg = f"line={value} must be 1 or more"
        raise DataError(
            msg,
            code="data.source_line",
            vi=f"số thứ tự dòng (line) phải từ 1 trở lên, không phải {value}",
        )
    return value


def _reference(value: str | None) -> str | None:
    return _text(value, "the source reference", "nguồn số liệu")


@attrs.frozen
class Source:
    """Where an observation came from: a file and a 1-based line.

    Raises:
        ArgumentTypeError: ``file`` is not text, or ``line`` not an int.
        DataError: ``line`` is below 1, or ``reference`` holds a control character.

    .. versionadded:: 0.1.0
    """

    #: The file name as given to the loader.
    file: str | None = attrs.field(default=None, converter=_file)
    #: 1-based line in the file.
    line: int | None = attrs.field(default=None, converter=_line)
    #: Where the figure itself comes from, as written in the ``source`` column
    #: (e.g. "Báo cáo của Công an phường").
    reference: str | None = attrs.field(default=None, converter=_reference)

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        if self.reference:
            where = f"{where} ({self.reference})" if where else self.reference
        return where or "(unknown)"


def _registry(units: object) -> Units:
    """A unit registry from what a caller gives: a registry, or unit definitions."""
    if units is None:
        return default_units()
    if isinstance(units, Units):
        return units
    if isinstance(units, tuple | list) and all(isinstance(u, UnitDefinition) for u in units):
        return units_with(tuple(units))  # a plan's units (plan.units)
    msg = "units"
    raise wrong_type(
        msg,
        units,
        "a Units registry (plan.unit_registry()) or a tuple of UnitDefinition",
        "bảng đơn vị tính Units (plan.unit_registry()) hoặc một bộ UnitDefinition",
    )


def _number_format(value: object) -> NumberFormat:
    if value is None or value in ("vi", "en"):
        return value
    if not isinstance(value, str):
        msg = "number_format"
        raise wrong_type(msg, value, "'vi', 'en' or None", "'vi', 'en' hoặc None")
    shown = _shown(value)
    msg = f"number_format={shown} must be 'vi', 'en' or None"
    raise UsageError(
        msg,
        code="usage.number_format",
        vi=f"cách viết số number_format={shown} không hợp lệ: chọn 'vi', 'en' hoặc None",
        hint="'vi' reads 1.000,5 and 'en' reads 1,000.5",
        hint_vi="'vi' đọc 1.000,5, 'en' đọc 1,000.5; None nhận cả hai",
    )


def _options(plan: object, number_format: object, units: object) -> tuple[Units, NumberFormat]:
    """The registry and number format of a read: explicit ones, else the plan's."""
    from thidua.plans import Plan  # noqa: PLC0415  (plans import much more than data)

    if plan is not None and not isinstance(plan, Plan):
        msg = "plan"
        raise wrong_type(msg, plan, "a Plan (see load_plan)", "một kế hoạch Plan (xem load_plan)")
    fmt = _number_format(number_format)
    if fmt is None and plan is not None:
        fmt = plan.number_format
    if units is not None:
        registry = _registry(units)
    elif plan is not None:
        registry = plan.unit_registry()
    else:
        registry = default_units()
    return registry, fmt


def _too_long(text: str) -> ParseError:
    return ParseError(
        f"cannot read {printable(text[:20])!r}… as a number: longer than "
        f"{MAX_NUMBER_LENGTH} characters",
        code="number.too_long",
        vi=f"không đọc được số {printable(text[:20])!r}…: dài quá {MAX_NUMBER_LENGTH} ký tự",
        hint="write a shorter number",
        hint_vi="hãy viết số ngắn hơn",
        text=printable(text[:40]),
    )


def _whole(digits: str) -> int:
    if len(digits) > MAX_NUMBER_LENGTH:
        raise _too_long(digits)
    return int(digits)


def _check_part(value: Fraction, what: str, what_vi: str) -> Fraction:
    """``value`` if its numerator and denominator have at most 100 digits each."""
    if abs(value.numerator) >= _MAX_PART or value.denominator >= _MAX_PART:
        msg = f"{what} is too large: it has more than {MAX_NUMBER_LENGTH} digits"
        raise DataError(
            msg,
            code="data.number_too_large",
            vi=f"{what_vi} quá lớn: có hơn {MAX_NUMBER_LENGTH} chữ số",
            hint="write a smaller number",
            hint_vi="hãy viết một số nhỏ hơn",
        )
    return value


def _check_value(value: Value | None) -> Value | None:
    if isinstance(value, Quantity):
        _check_part(value.magnitude, "the value", "giá trị")
    elif isinstance(value, Ratio):
        _check_part(value.numerator, "the numerator", "tử số")
        _check_part(value.denominator, "the denominator", "mẫu số")
    return value


def _unreadable(text: str) -> ParseError:
    shown = _shown(text)
    return ParseError(
        f"cannot read {shown} as a quantity, a rate or a yes/no answer",
        code="value.unreadable",
        vi=f"không đọc được giá trị {shown}",
        hint="write a number with its unit (97,5%, 42 hộ), a rate (44/57) or đạt / không đạt",
        hint_vi="hãy ghi một số kèm đơn vị tính (97,5%, 42 hộ), một tỷ lệ (44/57) "
        "hoặc đạt / không đạt",
        text=printable(text),
        position=0,
    )


def _unit_name(unit: object, registry: Units) -> str | None:
    if unit is None:
        return None
    if not isinstance(unit, str):
        msg = "unit"
        raise wrong_type(msg, unit, "a unit name (str) or None", "tên đơn vị tính (str) hoặc None")
    text = clean_text(unit.strip(), what="the unit", what_vi="đơn vị tính", error=DataError)
    return registry.resolve(text).name if text else None


def parse_value(
    text: ValueLike,
    *,
    unit: str | None = None,
    units: Units | None = None,
    number_format: NumberFormat = None,
) -> Value | None:
    """Read a value as people write it.

    Args:
        text: ``"97,5%"``, ``"42 hộ"``, ``"3,2 tỷ đồng"``, ``"đạt"``, ``"true"``,
            ``"44/57"`` (a rate: 44 of 57), a number, a bool, a
            :class:`~thidua.units.Quantity` or a :class:`~thidua.units.Ratio`.
            Empty text is ``None`` (no data).
        unit: Unit of a bare number (e.g. the indicator's), a name, symbol or alias.
        units: The unit registry (a plan's); the domain's by default.
        number_format: ``"vi"`` or ``"en"`` for ambiguous numbers.

    Raises:
        ParseError: The text is not a value (``value.unreadable``), holds a control
            character (``text.control_character``), a number in it cannot be read
            or is longer than 100 characters (``number.too_long``).
        UnitError: The unit is unknown.
        ArgumentTypeError: ``text``, ``unit`` or ``units`` is of a wrong type.

    >>> parse_value("97,5%")
    Quantity(magnitude=Fraction(195, 2), unit='percent')
    >>> parse_value("không đạt")
    False
    >>> parse_value("44/57")
    Ratio(numerator=Fraction(44, 1), denominator=Fraction(57, 1))

    .. versionadded:: 0.1.0
    """
    registry = _registry(units)
    if text is None or isinstance(text, bool | Ratio):
        return text
    if isinstance(text, Quantity):
        return text.with_unit(_unit_name(unit, registry))
    if isinstance(text, str):
        return _read_value(text, _unit_name(unit, registry), registry, number_format)
    pint_units = getattr(text, "units", None)
    if pint_units is not None and hasattr(text, "magnitude"):  # a caller's pint Quantity
        name = (
            registry.resolve(str(pint_units)).name
            if str(pint_units) != "dimensionless"
            else "dimensionless"
        )
        return Quantity(text.magnitude, name)
    if isinstance(text, numbers.Number | decimal.Decimal):
        # any number (numpy's too): read exactly, or refused, by the magnitude's converter
        return Quantity(text, _unit_name(unit, registry))
    msg = "value"
    raise wrong_type(
        msg,
        text,
        "text, a number, a bool, a Quantity or a Ratio",
        "chữ, số, True/False, Quantity hoặc Ratio",
    )


def _read_value(
    text: str, unit_name: str | None, registry: Units, number_format: NumberFormat
) -> Value | None:
    """A value cell's text read (``unit_name`` is the unit of a bare number)."""
    checked = clean_text(text, what="the value", what_vi="giá trị", multiline=True)
    raw = " ".join(checked.split())  # a line break or a tab inside is a space
    if not raw:
        return None
    fraction = _FRACTION.fullmatch(raw)
    if fraction is not None:  # "44/57": 44 of 57
        return Ratio(_whole(fraction[1]), _whole(fraction[2]))
    folded = fold(raw)
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    if _STARTS_WITH_NUMBER.match(raw) is None:
        raise _unreadable(raw)
    quantity = registry.parse_quantity(raw, number_format=number_format)
    return quantity.with_unit(unit_name)


def _kind(value: object) -> Kind:
    if isinstance(value, Kind):
        return value
    if isinstance(value, str):
        text = fold(value)
        for kind in Kind:
            if kind.value == text:
                return kind
        named = aliases()[1].get(text)
        if named is not None:
            return Kind(named)
    shown = _shown(value)
    msg = f"kind={shown} must be one of actual, assigned, estimate"
    raise DataError(
        msg,
        code="data.unknown_kind",
        vi=f"loại số liệu (kind) {shown} không hợp lệ: chọn actual (thực hiện), "
        "assigned (giao, chỉ tiêu giao) hoặc estimate (ước, ước thực hiện)",
        hint="leave it empty for an actual figure; Vietnamese: thực hiện, giao, ước",
        hint_vi="hãy để trống nếu là số thực hiện",
    )


def _indicator(value: object) -> str:
    text = _text(value, "the indicator id", "mã chỉ tiêu")
    if text is None:
        msg = "the indicator id is empty"
        raise DataError(
            msg,
            code="data.no_indicator",
            vi="mã chỉ tiêu bị bỏ trống",
            hint="fill the indicator column",
            hint_vi="hãy ghi mã chỉ tiêu vào cột indicator",
        )
    return text


def _period(value: Period | str | int) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, str):
        text = clean_text(value.strip(), what="the period", what_vi="kỳ", error=DataError)
        if not text:
            msg = "the period is empty"
            raise DataError(
                msg,
                code="data.no_period",
                vi="kỳ số liệu bị bỏ trống",
                hint="write e.g. 2024, 2024-H1 or quý III/2024",
                hint_vi="hãy ghi kỳ, ví dụ 2024, 2024-H1 hoặc quý III/2024",
            )
        return parse_period(text)
    return parse_period(value)


def _org_unit(value: object) -> str | None:
    return _text(value, "the org unit", "tên khóm/ấp")


def _note(value: object) -> str | None:
    return _text(value, "the note", "ghi chú", multiline=True)


def _value(value: ValueLike) -> Value | None:
    return _check_value(parse_value(value))


def _optional_fraction(value: ValueLike) -> Fraction | None:
    if value is None:
        return None
    q = parse_value(value)
    if not isinstance(q, Quantity) or q.unit not in (None, "dimensionless"):
        shown = _shown(value)
        msg = f"numerator/denominator {shown} must be a plain number"
        raise DataError(
            msg,
            code="data.not_a_count",
            vi=f"tử số/mẫu số {shown} phải là một số (không kèm đơn vị tính)",
            hint="write the counts alone, e.g. 49 and 50",
            hint_vi="hãy chỉ ghi số, ví dụ 49 và 50",
        )
    return _check_part(q.magnitude, "the numerator/denominator", "tử số/mẫu số")


def _source(value: object) -> Source | None:
    if value is None or isinstance(value, Source):
        return value
    msg = "source"
    raise wrong_type(msg, value, "a Source or None", "một Source hoặc None")


def _quantity_text(quantity: Quantity, language: str) -> str:
    number = to_decimal_string(quantity.magnitude)
    if quantity.unit is None:
        return number
    info = default_units().get(quantity.unit)
    label = quantity.unit if info is None else (info.vi if language == "vi" else info.en_plural)
    return f"{number} {label}" if label != "%" else f"{number} %"


def _disagrees(value_en: str, value_vi: str, rate: str) -> DataError:
    return DataError(
        f"value {value_en} disagrees with numerator/denominator {rate}",
        code="data.value_disagrees",
        vi=f"giá trị {value_vi} không khớp với tử số/mẫu số {rate}",
        hint="give one of them, or make them agree",
        hint_vi="hãy chỉ ghi một trong hai, hoặc sửa cho khớp",
    )


def _rate_problem(
    value: Value | None, numerator: Fraction | None, denominator: Fraction | None
) -> tuple[DataError, str] | None:
    """What is wrong with a rate given by numerator and denominator, and in which field."""
    if numerator is None and denominator is None:
        return None
    if numerator is None or denominator is None:
        missing = "numerator" if numerator is None else "denominator"
        error = DataError(
            "a rate needs both numerator and denominator",
            code="data.rate_needs_both",
            vi="tỷ lệ cần có cả tử số và mẫu số",
            hint="fill both columns, or give the value",
            hint_vi="hãy ghi cả hai cột numerator và denominator, hoặc chỉ ghi cột value",
        )
        return error, missing
    if numerator < 0 or denominator < 0:
        field = "numerator" if numerator < 0 else "denominator"
        error = DataError(
            "numerator and denominator must not be negative",
            code="data.negative_count",
            vi="tử số và mẫu số không được là số âm",
            hint="a rate counts things: both parts are 0 or more",
            hint_vi="tử số và mẫu số của tỷ lệ là số đếm, phải từ 0 trở lên",
        )
        return error, field
    if value is None:
        return None
    rate = f"{to_decimal_string(numerator)}/{to_decimal_string(denominator)}"
    if isinstance(value, Ratio):
        if (value.numerator, value.denominator) == (numerator, denominator):
            return None
        return _disagrees(str(value), str(value), rate), "value"
    if isinstance(value, Quantity):
        if value.unit not in (None, "percent", "dimensionless"):
            shown = (_quantity_text(value, "en"), _quantity_text(value, "vi"))
            return _disagrees(*shown, rate), "value"
        if denominator == 0:
            return None
        given = value.magnitude / (100 if value.unit == "percent" else 1)
        if given != numerator / denominator:
            shown = (_quantity_text(value, "en"), _quantity_text(value, "vi"))
            return _disagrees(*shown, rate), "value"
    elif value is not None:
        error = DataError(
            "a rate given by numerator/denominator cannot also have a yes/no value",
            code="data.rate_with_yes_no",
            vi="tỷ lệ đã ghi bằng tử số/mẫu số thì không ghi thêm giá trị đạt/không đạt",
            hint="leave the value empty",
            hint_vi="hãy để trống cột value",
        )
        return error, "value"
    return None


def _period_shown(period: Period | str | int) -> str | None:
    if isinstance(period, Period):
        return str(period)
    try:
        return str(_period(period))
    except ThiduaError:
        return printable(period.strip()) or None if isinstance(period, str) else None


def _indicator_shown(indicator: object) -> str | None:
    try:
        return _indicator(indicator)
    except ThiduaError:
        return None


@attrs.frozen(init=False)
class Observation:
    """One figure of one indicator for one period (and org unit).

    Every error the constructor raises names the indicator and the period (as far
    as they can be read) and, when ``source`` is given, its file and line.

    Raises:
        DataError: The indicator id is empty (``data.no_indicator``), a text holds a
            control character (``text.control_character``), the kind is unknown
            (``data.unknown_kind``), a rate is incomplete, negative or disagrees
            with the value, or a figure has more than 100 digits.
        ParseError: The period or the value cannot be read.
        UnitError: The value's unit is unknown.
        ArgumentTypeError: An argument of a wrong type (``source`` not a Source).

    .. versionadded:: 0.1.0
    """

    #: Indicator id.
    indicator: str = attrs.field(converter=_indicator)
    #: The period it covers.
    period: Period = attrs.field(converter=_period)
    #: The value (None when given as numerator and denominator).
    value: Value | None = attrs.field(default=None, converter=_value, kw_only=True)
    #: Org unit id (or name); None for the whole plan's area.
    org_unit: str | None = attrs.field(default=None, converter=_org_unit, kw_only=True)
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
    #: A note, kept as written (several lines allowed).
    note: str | None = attrs.field(default=None, converter=_note, kw_only=True)
    #: Where it came from.
    source: Source | None = attrs.field(default=None, converter=_source, kw_only=True)

    def __init__(
        self,
        indicator: str,
        period: Period | str | int,
        *,
        value: ValueLike = None,
        org_unit: str | None = None,
        kind: Kind | str = Kind.ACTUAL,
        numerator: Magnitude | None = None,
        denominator: Magnitude | None = None,
        note: str | None = None,
        source: Source | None = None,
    ) -> None:
        try:
            self.__attrs_init__(
                indicator,
                period,
                value=value,
                org_unit=org_unit,
                kind=kind,
                numerator=numerator,
                denominator=denominator,
                note=note,
                source=source,
            )
        except ThiduaError as exc:
            where: dict[str, Any] = {
                "indicator": _indicator_shown(indicator),
                "period": _period_shown(period),
            }
            if isinstance(source, Source):
                where |= {"file": source.file, "line": source.line}
            raise exc.located(**where) from None

    def __attrs_post_init__(self) -> None:
        problem = _rate_problem(self.value, self.numerator, self.denominator)
        if problem is not None:
            raise problem[0].located(**self.where())

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


_new = object.__new__
_set = object.__setattr__
#: The slots' own setters: a frozen class's fields set without its __setattr__.
(
    _set_indicator,
    _set_period,
    _set_value,
    _set_org_unit,
    _set_kind,
    _set_numerator,
    _set_denominator,
    _set_note,
    _set_source,
) = (Observation.__dict__[a.name].__set__ for a in attrs.fields(Observation))
_set_file, _set_line, _set_reference = (
    Source.__dict__[a.name].__set__ for a in attrs.fields(Source)
)


def _observations(value: Iterable[Observation]) -> tuple[Observation, ...]:
    if not isinstance(value, Iterable) or isinstance(value, str | bytes):
        msg = "observations"
        raise wrong_type(msg, value, "Observations (a list or tuple)", "danh sách các Observation")
    try:
        items = tuple(value)
    except TypeError:  # iterable in name only (a pint Quantity of a number)
        msg = "observations"
        raise wrong_type(
            msg, value, "Observations (a list or tuple)", "danh sách các Observation"
        ) from None
    for item in items:
        if not isinstance(item, Observation):
            given = printable(type(item).__name__)
            msg = f"a Dataset holds Observations, not {given}"
            raise ArgumentTypeError(
                msg,
                code="argument.type",
                vi=f"một Dataset chỉ chứa các Observation, không chứa kiểu {given}",
            )
    return items


#: Where a dataset keeps its observations: by (period number, org unit, kind), then
#: by indicator. A period's number is its place among the dataset's periods: small
#: ints hash and compare in C, where a Period runs Python code on every lookup, and
#: a reader of one org unit's figures for one period finds them all in one table.
_Groups: TypeAlias = "dict[tuple[int, str | None, Kind], dict[str, Observation]]"


def _duplicate(obs: Observation, first: Observation) -> DataError:
    kind = obs.kind.value
    where = f" (first at {first.source})" if first.source else ""
    where_vi = f" (dòng trước ở {first.source})" if first.source else ""
    unit = f", org unit {obs.org_unit}" if obs.org_unit else ""
    unit_vi = f" và khóm/ấp {obs.org_unit}" if obs.org_unit else ""
    return DataError(
        f"two {kind} observations for the same period{unit}{where}",
        code="data.duplicate_observation",
        vi=f"có hai số liệu {_KIND_VI[kind]} cho cùng chỉ tiêu, cùng kỳ{unit_vi}{where_vi}",
        hint="keep one of them; nothing is overwritten",
        hint_vi="hãy giữ lại một dòng (dòng sau không tự động ghi đè dòng trước)",
        **obs.where(),
    )


class _Builder:
    """Observations gathered into a dataset's tables as they come, duplicates found."""

    __slots__ = ("groups", "observations", "org_units", "periods")

    def __init__(self) -> None:
        self.observations: list[Observation] = []
        self.groups: _Groups = {}
        self.periods: dict[Period, int] = {}
        self.org_units: set[str | None] = set()

    def number(self, period: Period) -> int:
        """The number of ``period`` in this dataset (given on first sight)."""
        return self.periods.setdefault(period, len(self.periods))

    def add(self, obs: Observation, number: int) -> Observation | None:
        """Add ``obs`` (of period number ``number``), or return the one it duplicates."""
        key = (number, obs.org_unit, obs.kind)
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = {}
        first = group.get(obs.indicator)
        if first is not None:
            return first
        group[obs.indicator] = obs
        self.observations.append(obs)
        self.org_units.add(obs.org_unit)
        return None

    def dataset(self) -> Dataset:
        """The dataset of the observations added (they are known to be Observations)."""
        dataset = _new(Dataset)
        self.fill(dataset, tuple(self.observations))
        return dataset

    def fill(self, dataset: Dataset, observations: tuple[Observation, ...]) -> None:
        _set(dataset, "observations", observations)
        _set(dataset, "_groups", self.groups)
        _set(dataset, "_org_units", frozenset(self.org_units))
        _set(dataset, "_periods", self.periods)
        _set(dataset, "_period_list", tuple(self.periods))


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

    Raises:
        DataError: Two observations have the same indicator, period, org unit and
            kind (``data.duplicate_observation``).
        ArgumentTypeError: Something other than Observations is given.

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
        builder = _Builder()
        number = builder.number
        for obs in self.observations:
            first = builder.add(obs, number(obs.period))
            if first is not None:
                raise _duplicate(obs, first)
        builder.fill(self, self.observations)

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
        """The observation for this indicator, period, kind and org unit, or None.

        Raises:
            ParseError: ``period`` cannot be read.
        """
        number = self._periods.get(parse_period(period))
        group = None if number is None else self._groups.get((number, org_unit, kind))
        return None if group is None else group.get(indicator)

    def __add__(self, other: object) -> Dataset:
        if not isinstance(other, Dataset):
            return NotImplemented
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
    def from_dataframe(cls, frame: Any, *, plan: Plan | None = None) -> Dataset:
        """A dataset from a DataFrame with the columns of :meth:`to_dataframe`.

        Only ``indicator`` and ``period`` are required; ``value`` may hold numbers
        (with ``unit``), bools, or text as people write it -- read in the plan's
        number format and units when ``plan`` is given.

        Raises:
            DataError: A row is wrong; the error names the row.
            ParseError: A value or a period cannot be read; the error names the row.
            UnitError: A unit is unknown.
            ArgumentTypeError: ``frame`` is not a DataFrame, or ``plan`` not a Plan.
            ExtraNotInstalledError: pandas is not installed (the ``notebook`` extra).

        .. versionchanged:: 0.2.0
           ``plan=``.
        """
        from thidua._frames import dataset_from_frame  # noqa: PLC0415

        registry, number_format = _options(plan, None, None)
        return dataset_from_frame(frame, units=registry, number_format=number_format)


# ---------------------------------------------------------------- reading CSV


def _problem_csv(exc: csv.Error, name: str, line: int) -> DataError:
    text = printable(str(exc))
    if "field larger than field limit" in text:
        limit = f"{csv.field_size_limit():,}"
        return DataError(
            f"malformed CSV: field larger than field limit ({limit} characters)",
            code="data.malformed_csv",
            vi=f"có ô dài quá {limit.replace(',', '.')} ký tự",
            hint='is a quote (") left open? A cell ends at the next quote',
            hint_vi='có dấu ngoặc kép (") nào chưa đóng không? '
            "Một ô kết thúc ở dấu ngoặc kép tiếp theo",
            file=name,
            line=line,
        )
    return DataError(
        f"malformed CSV: {text}",
        code="data.malformed_csv",
        vi=f"tệp CSV sai cấu trúc ({text})",
        hint="save it again from the spreadsheet as CSV",
        hint_vi="hãy mở tệp bằng Excel rồi lưu lại theo kiểu CSV UTF-8",
        file=name,
        line=line,
    )


def _nul(name: str, line: int) -> DataError:
    return DataError(
        "the file contains a NUL character",
        code="data.nul_character",
        vi="tệp chứa ký tự NUL (không phải tệp văn bản)",
        hint="is it a CSV text file?",
        hint_vi="hãy kiểm tra đây có đúng là tệp CSV (dạng văn bản) không, hay là tệp Excel"
        " (.xlsx)",
        file=name,
        line=line,
    )


def _header(
    header: list[str], name: str, locate: Callable[[int | None], dict[str, Any]] | None = None
) -> list[str]:
    """The canonical column names of a header row (English names or Vietnamese aliases).

    Args:
        header: The header's cells.
        name: The file's name.
        locate: Where column ``i`` (0-based; None: the header row) is, as location
            fields; a CSV file's line 1 by default.

    Raises:
        DataError: An unknown column (with the nearest known name), a column given
            twice or two columns meaning one field, or a required column missing.
    """
    where = locate or (
        lambda i: {"file": name, "line": 1} | ({} if i is None else {"column": i + 1})
    )
    columns: list[str] = []
    for i, cell in enumerate(header):
        col = column_of(cell)
        shown = _shown(cell.strip())
        if not col:
            msg = f"column {i + 1} of the header has no name"
            raise DataError(
                msg,
                code="data.unknown_column",
                vi=f"cột thứ {i + 1} của dòng tiêu đề không có tên",
                hint="name it, or delete the empty column",
                hint_vi="hãy đặt tên cột, hoặc xóa cột trống đó",
                **where(i),
            )
        if col not in _COLUMNS:
            known = [*_COLUMNS, *aliases()[0]]
            near = difflib.get_close_matches(col, known, n=1, cutoff=0.6)
            listed = ", ".join(_COLUMNS)
            hint, hint_vi = f"the columns are: {listed}", f"các cột có thể dùng: {listed}"
            hint_vi += " (hoặc tên tiếng Việt: mã chỉ tiêu, kỳ, giá trị, khóm, ...)"
            if near:
                shown_near = near[0].replace("_", " ")
                hint = f"did you mean {shown_near!r}? {hint}"
                hint_vi = f"có phải là {shown_near!r} không? {hint_vi[0].upper()}{hint_vi[1:]}"
            msg = f"unknown column {shown}"
            raise DataError(
                msg,
                code="data.unknown_column",
                vi=f"cột {shown} không có trong mẫu tệp số liệu",
                hint=hint,
                hint_vi=hint_vi,
                **where(i),
            )
        if col in columns:
            first = header[columns.index(col)]
            if fold_column(first) == fold_column(cell):
                msg = f"column {shown} appears twice"
                raise DataError(
                    msg,
                    code="data.duplicate_column",
                    vi=f"cột {shown} xuất hiện hai lần",
                    hint="keep one of them",
                    hint_vi="hãy giữ lại một cột",
                    **where(i),
                )
            other = _shown(first.strip())
            msg = f"columns {other} and {shown} both mean {col!r}: the header is ambiguous"
            raise DataError(
                msg,
                code="data.ambiguous_column",
                vi=f"hai cột {other} và {shown} cùng có nghĩa là {col!r}: dòng tiêu đề không rõ"
                " nghĩa",
                hint="keep one of them, or rename the other",
                hint_vi="hãy giữ lại một cột, hoặc đổi tên cột kia",
                **where(i),
            )
        columns.append(col)
    for required in ("indicator", "period"):
        if required not in columns:
            msg = f"the header lacks the {required!r} column"
            raise DataError(
                msg,
                code="data.missing_column",
                vi=f"dòng tiêu đề thiếu cột {required!r}",
                hint="the header is indicator,period,value",
                hint_vi="dòng tiêu đề phải có ít nhất các cột indicator,period,value"
                " (hoặc mã chỉ tiêu, kỳ, giá trị)",
                **where(None),
            )
    if "value" not in columns and "numerator" not in columns:
        msg = "the header needs a 'value' column (or 'numerator' and 'denominator')"
        raise DataError(
            msg,
            code="data.missing_column",
            vi="dòng tiêu đề cần có cột 'value' (hoặc 'numerator' và 'denominator')",
            hint="the header is indicator,period,value",
            hint_vi="dòng tiêu đề phải có ít nhất các cột indicator,period,value"
            " (hoặc mã chỉ tiêu, kỳ, giá trị)",
            **where(None),
        )
    return columns


def _split_header(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def _names_columns(cells: list[str]) -> bool:
    """Whether every cell names a known column and the required ones are there."""
    columns = [column_of(cell) for cell in cells]
    return all(c in _COLUMNS for c in columns) and "indicator" in columns and "period" in columns


def _delimiter(header: str | None, name: str) -> str:
    """The delimiter of a CSV file, decided from its header line alone.

    The header is split by each of ``,``, ``;`` and tab: the one delimiter found
    in it is the file's; if several are found, the one whose cells all name known
    columns. Otherwise the header is ambiguous and refused.

    Raises:
        DataError: ``data.ambiguous_delimiter``.
    """
    if header is None:
        return ","
    found = [d for d in _DELIMITERS if d in header]
    if len(found) <= 1:
        return found[0] if found else ","
    fitting = [d for d in found if _names_columns(_split_header(header, d))]
    if len(fitting) == 1:
        return fitting[0]
    shown = " ".join(repr(d) for d in found)
    msg = f"the header line holds several delimiters ({shown}): which one separates the cells?"
    raise DataError(
        msg,
        code="data.ambiguous_delimiter",
        vi=f"dòng tiêu đề có nhiều loại dấu phân cách ({shown}): không rõ dấu nào ngăn các cột",
        hint="separate the header's cells with one delimiter (',' ';' or tab)",
        hint_vi="hãy ngăn các cột của dòng tiêu đề bằng một loại dấu (dấu phẩy, dấu chấm phẩy"
        " hoặc tab)",
        file=name,
        line=1,
    )


def _remember(cache: dict[str, Any], raw: str, value: Any) -> Any:
    if len(cache) >= _CACHE_SIZE:
        cache.clear()
    cache[raw] = value
    return value


def _unit_conflict(value: Quantity, unit_name: str) -> DataError:
    given = _quantity_text(value, "en")
    column = _quantity_text(Quantity(1, unit_name), "en")[2:]
    return DataError(
        f"the value {given} has another unit than the unit column ({column})",
        code="data.unit_conflict",
        vi=f"giá trị {_quantity_text(value, 'vi')} có đơn vị tính khác với cột unit "
        f"({_quantity_text(Quantity(1, unit_name), 'vi')[2:]})",
        hint="write the unit in one place only",
        hint_vi="hãy chỉ ghi đơn vị tính ở một chỗ: trong ô value hoặc ở cột unit",
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many objects without cycles are made.

    A load creates millions of objects without cycles, and judging or ranking
    many members hundreds of thousands; the collector would scan them again and
    again as they come (≈ 40 % of the time of a large load, ≈ 10 % of a ranking
    beside a large dataset). It is switched back on afterwards, unless the
    program had switched it off (or an outer pause is still on).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(  # noqa: PLR0915 - the reader's loop, kept in one frame for speed
    lines: Iterable[str],
    *,
    name: str,
    registry: Units,
    number_format: NumberFormat,
    problems: list[ThiduaError] | None,
) -> Dataset:
    """Read CSV lines into a dataset: one reader, two policies.

    With ``problems`` None, the first problem is raised. Otherwise every bad row
    is added to ``problems`` (located: file, line, column, indicator, period) and
    reading goes on; a duplicate observation is a problem too (the first is kept).
    ``lines`` hold no NUL (the csv module cannot read one): the callers refuse it.
    Problems of the header and of the file itself (not UTF-8, NUL) are raised in
    both policies.
    """
    lines = iter(lines)
    first_line = next(lines, None)
    delimiter = _delimiter(first_line, name)
    reader = csv.reader(
        lines if first_line is None else itertools.chain((first_line,), lines),
        delimiter=delimiter,
    )
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise _problem_csv(exc, name, max(reader.line_num, 1)) from None
    if header is None:
        msg = "the file is empty"
        raise DataError(
            msg,
            code="data.empty",
            vi="tệp trống",
            hint="the header is indicator,period,value",
            hint_vi="dòng đầu tiên phải là dòng tiêu đề, ví dụ indicator,period,value",
            file=name,
            line=1,
        )
    columns = _header(header, name)
    width = len(columns)
    at = {c: columns.index(c) if c in columns else width for c in _COLUMNS}
    i_indicator, i_period, i_value = at["indicator"], at["period"], at["value"]
    i_org, i_kind, i_unit = at["org_unit"], at["kind"], at["unit"]
    i_num, i_den, i_note, i_source = (
        at["numerator"],
        at["denominator"],
        at["note"],
        at["source"],
    )
    indicators: dict[str, str] = {}
    periods: dict[str, tuple[Period, int]] = {}
    org_units: dict[str, str | None] = {}
    kinds: dict[str, Kind] = {"": Kind.ACTUAL}
    unit_names: dict[str, str | None] = {"": None}
    values: dict[str | None, dict[str, Value | None]] = {}
    counts: dict[str, Fraction | None] = {"": None}
    notes: dict[str, str | None] = {"": None}
    references: dict[str, str | None] = {"": None}
    builder = _Builder()
    groups, append, seen_units = builder.groups, builder.observations.append, builder.org_units
    new = _new
    set_indicator, set_period, set_value = _set_indicator, _set_period, _set_value
    set_org_unit, set_kind, set_numerator = _set_org_unit, _set_kind, _set_numerator
    set_denominator, set_note, set_source = _set_denominator, _set_note, _set_source
    set_file, set_line, set_reference = _set_file, _set_line, _set_reference
    last_number: int | None = None
    last_org: str | None = None
    last_kind: Kind | None = None
    group: dict[str, Observation] = {}
    listed = 0
    unlisted = 0
    last = reader.line_num
    try:
        for row in reader:
            line = last + 1
            last = reader.line_num
            if not row or (not row[0].strip() and not "".join(row).strip()):
                continue  # a blank row (the join is made only when the first cell is blank)
            column = width
            indicator: str | None = None
            period: Period | None = None
            try:
                if len(row) != width:
                    if len(row) > width and "".join(row[width:]).strip():
                        column = width
                        msg = f"the row has {len(row)} cells but the header {width}"
                        raise DataError(
                            msg,
                            code="data.row_too_long",
                            vi=f"dòng có {len(row)} ô nhưng dòng tiêu đề chỉ có {width} cột",
                            hint="quote cells with commas",
                            hint_vi='hãy đặt ô có dấu phẩy trong dấu ngoặc kép ("3,2 tỷ đồng")',
                            column=width + 1,
                        )
                    del row[width:]
                    row.extend([""] * (width - len(row)))
                row.append("")  # the cell of every column the file does not have
                column = i_indicator
                raw = row[i_indicator]
                indicator = indicators.get(raw)
                if indicator is None:
                    indicator = _remember(indicators, raw, _indicator(raw))
                column = i_period
                raw = row[i_period]
                seen = periods.get(raw)
                if seen is None:
                    parsed = _period(raw)
                    seen = _remember(periods, raw, (parsed, builder.number(parsed)))
                period, number = seen
                column = i_org
                raw = row[i_org]
                org_unit = org_units.get(raw, raw)
                if org_unit is raw:
                    org_unit = _remember(org_units, raw, _org_unit(raw))
                column = i_kind
                raw = row[i_kind]
                kind = kinds.get(raw)
                if kind is None:
                    kind = _remember(kinds, raw, Kind.ACTUAL if not raw.strip() else _kind(raw))
                column = i_unit
                raw = row[i_unit]
                unit_name = unit_names.get(raw, raw)
                if unit_name is raw:
                    unit_name = _remember(unit_names, raw, _unit_name(raw, registry))
                column = i_value
                raw = row[i_value]
                cache = values.get(unit_name)
                if cache is None:
                    cache = values[unit_name] = {"": None}
                value = cache.get(raw, raw)
                if value is raw:
                    value = _read_value(raw, None, registry, number_format)
                    if isinstance(value, Quantity) and unit_name is not None:
                        if value.unit is None:
                            value = Quantity(value.magnitude, unit_name)
                        elif value.unit != unit_name:
                            raise _unit_conflict(value, unit_name)
                    value = _remember(cache, raw, value)
                column = i_num
                raw = row[i_num]
                numerator = counts.get(raw, raw)
                if numerator is raw:
                    numerator = _remember(
                        counts, raw, _count(raw, "numerator", registry, number_format)
                    )
                column = i_den
                raw = row[i_den]
                denominator = counts.get(raw, raw)
                if denominator is raw:
                    denominator = _remember(
                        counts, raw, _count(raw, "denominator", registry, number_format)
                    )
                if numerator is not None or denominator is not None:
                    problem = _rate_problem(value, numerator, denominator)  # type: ignore[arg-type]
                    if problem is not None:
                        column = at[problem[1]]
                        raise problem[0]
                column = i_note
                raw = row[i_note]
                note = notes.get(raw, raw)
                if note is raw:
                    note = _remember(notes, raw, _note(raw))
                column = i_source
                raw = row[i_source]
                reference = references.get(raw, raw)
                if reference is raw:
                    reference = _remember(references, raw, _reference(raw))
                column = width
                # the source and the observation, their fields already checked (no converters)
                source = new(Source)
                set_file(source, name)
                set_line(source, line)
                set_reference(source, reference)
                obs = new(Observation)
                set_indicator(obs, indicator)
                set_period(obs, period)
                set_value(obs, value)
                set_org_unit(obs, org_unit)
                set_kind(obs, kind)
                set_numerator(obs, numerator)
                set_denominator(obs, denominator)
                set_note(obs, note)
                set_source(obs, source)
                # rows come grouped: the group of the row before is most often this one's
                if number is not last_number or org_unit is not last_org or kind is not last_kind:
                    key = (number, org_unit, kind)
                    found = groups.get(key)
                    if found is None:
                        found = groups[key] = {}
                        seen_units.add(org_unit)  # a new group is the first sight of a unit
                    group = found
                    last_number, last_org, last_kind = number, org_unit, kind
                first = group.get(indicator)
                if first is not None:
                    raise _duplicate(obs, first)
                group[indicator] = obs
                append(obs)
            except ThiduaError as exc:
                located = exc.located(
                    file=name,
                    line=line,
                    column=column + 1 if column < width else None,
                    indicator=indicator,
                    period=None if period is None else str(period),
                )
                if problems is None:
                    raise located from None
                if listed < MAX_PROBLEMS:
                    problems.append(located)
                    listed += 1
                else:
                    unlisted += 1
    except csv.Error as exc:  # the file's structure is lost from here: reading stops
        malformed = _problem_csv(exc, name, last + 1)
        if problems is None:
            raise malformed from None
        problems.append(malformed)
    if unlisted:
        problems.append(_unlisted(unlisted, file=name))  # type: ignore[union-attr]
    return builder.dataset()


def _unlisted(count: int, *, file: str | None) -> DataError:
    """The problem that counts those a collecting read does not list (beyond MAX_PROBLEMS)."""
    again, again_vi = ("the file", "tệp") if file is not None else ("the records", "dữ liệu")
    return DataError(
        f"{count} more problems are not listed (the first {MAX_PROBLEMS} are)",
        code="data.too_many_problems",
        vi=f"còn {count} lỗi khác chưa được liệt kê (chỉ liệt kê {MAX_PROBLEMS} lỗi đầu tiên)",
        hint=f"fix these and read {again} again",
        hint_vi=f"hãy sửa các lỗi này rồi đọc lại {again_vi}",
        file=file,
    )


def _count(raw: str, column: str, registry: Units, number_format: NumberFormat) -> Fraction | None:
    """A numerator or denominator cell: a plain number, or None if blank."""
    cell = raw.strip()
    if not cell:
        return None
    cell = clean_text(
        cell,
        what=f"the {column}",
        what_vi="tử số" if column == "numerator" else "mẫu số",
        error=DataError,
    )
    q = registry.parse_quantity(cell, number_format=number_format)
    if q.unit is not None:
        shown = _shown(cell)
        part_vi = "tử số" if column == "numerator" else "mẫu số"
        msg = f"{column} {shown} must be a plain count"
        raise DataError(
            msg,
            code="data.not_a_count",
            vi=f"{part_vi} {shown} phải là một số (không kèm đơn vị tính)",
            hint="write the counts alone, e.g. 49 and 50",
            hint_vi="hãy chỉ ghi số, ví dụ 49 và 50",
        )
    return q.magnitude


def _text_input(text: object, file: object) -> tuple[str, str]:
    """The text (bytes decoded as UTF-8) and the name of a CSV given in memory."""
    if file is not None and not isinstance(file, str):
        msg = "file"
        raise wrong_type(msg, file, "a file name (str) or None", "tên tệp (str) hoặc None")
    name = file or "<data>"
    if isinstance(text, bytes | bytearray):
        text = decode(bytes(text), name=name, what="data file", error=DataError)
    if not isinstance(text, str):
        msg = "text"
        raise wrong_type(msg, text, "the CSV text (str or bytes)", "nội dung CSV (str hoặc bytes)")
    if len(text) > MAX_DATA_BYTES:
        raise too_large(name, what="data file", max_bytes=MAX_DATA_BYTES, error=DataError)
    if "\x00" in text:
        raise _nul(name, text.count("\n", 0, text.index("\x00")) + 1)
    return text.removeprefix("\ufeff"), name


def _loads(
    text: object,
    *,
    file: object,
    plan: object,
    number_format: object,
    units: object,
    problems: list[ThiduaError] | None,
) -> Dataset:
    registry, fmt = _options(plan, number_format, units)
    source, name = _text_input(text, file)
    with collector_paused():
        return _read(
            text_lines(source), name=name, registry=registry, number_format=fmt, problems=problems
        )


def _is_workbook(path: object) -> bool:
    name = file_name(path)
    return os.path.splitext(name)[1].lower() in WORKBOOK_SUFFIXES


def _load(
    path: object,
    *,
    plan: object,
    number_format: object,
    units: object,
    problems: list[ThiduaError] | None,
    sheet: object = None,
) -> Dataset:
    registry, fmt = _options(plan, number_format, units)
    if _is_workbook(path):
        from thidua.spreadsheets import read_workbook  # noqa: PLC0415  (openpyxl when asked)

        with collector_paused():
            return read_workbook(
                path,
                sheet=sheet,  # type: ignore[arg-type]
                registry=registry,
                number_format=fmt,
                plan=plan,
                problems=problems,
            )
    if sheet is not None:
        msg = "sheet= is for workbooks (.xlsx, .xlsm), not CSV files"
        raise UsageError(
            msg,
            code="usage.sheet",
            vi="tham số sheet= chỉ dùng cho bảng tính Excel (.xlsx, .xlsm), không dùng cho tệp CSV",
            hint="leave sheet= out for a CSV file",
            hint_vi="hãy bỏ sheet= khi đọc tệp CSV",
        )
    what = "data file"
    name, handle = open_binary(path, what=what, max_bytes=MAX_DATA_BYTES, error=DataError)
    with handle, collector_paused():
        lines = decoded_lines(
            handle,
            name=name,
            what=what,
            max_bytes=MAX_DATA_BYTES,
            error=DataError,
            nul=lambda line: _nul(name, line),
        )
        try:
            return _read(lines, name=name, registry=registry, number_format=fmt, problems=problems)
        except OSError as exc:  # a folder, or a read error after opening
            raise unreadable(exc, name, what="data file", error=DataError) from None


def load_data(
    path: str | os.PathLike[str],
    *,
    plan: Plan | None = None,
    number_format: NumberFormat = None,
    units: Units | tuple[UnitDefinition, ...] | None = None,
    sheet: str | None = None,
) -> Dataset:
    """Read a dataset from a CSV file (UTF-8, an optional byte-order mark) or a workbook.

    The header has ``indicator,period,value`` and may add ``org_unit``, ``kind``,
    ``unit``, ``numerator``, ``denominator``, ``note``, ``source``; each column
    may be named in Vietnamese (``mã chỉ tiêu``, ``kỳ``, ``giá trị``, ``khóm``,
    ``loại``, ``đơn vị tính``, ``tử số``, ``mẫu số``, ``ghi chú``, ``nguồn``: the
    table is ``data_columns.toml``), and a kind too (``thực hiện``, ``giao``,
    ``ước``). A CSV file's cells may be separated by ``,``, ``;`` or tabs: the
    header line decides. The file is read as a stream: it costs about the memory
    of the dataset it gives.

    A file named ``.xlsx`` or ``.xlsm`` is read as an Excel workbook (see
    :doc:`/spreadsheets`): the sheet ``sheet`` (or the first one), its header
    the first row that names the columns; a data-entry template written by
    :func:`thidua.entry.data_template` is recognised and read by its layout.

    Args:
        path: The file.
        plan: The plan the data is for: its ``number_format`` and its units (with
            their Vietnamese names) are used to read the values.
        number_format: ``"vi"`` (``1.850`` is 1850) or ``"en"``; overrides the plan's.
        units: The unit registry to read units with (``plan.unit_registry()``, or
            a tuple of :class:`~thidua.units.UnitDefinition` such as
            ``plan.units``); overrides the plan's.
        sheet: The sheet of a workbook to read (the first one if None).

    Raises:
        DataError: The file cannot be read (``file.unreadable``), is larger than
            :data:`MAX_DATA_BYTES` (``file.too_large``), is not UTF-8
            (``file.encoding``), holds a NUL (``data.nul_character``), its header
            is wrong (``data.empty``, ``data.unknown_column``,
            ``data.duplicate_column``, ``data.missing_column``), a cell is too long
            (``data.malformed_csv``), a row is wrong (``data.row_too_long``,
            ``data.no_indicator``, ``data.unknown_kind``, ...) or repeats another
            (``data.duplicate_observation``). Every error names the file, line
            and, for a cell, its column, with the indicator and period.
        ParseError: A period, a value or a number cannot be read.
        UnitError: A unit is unknown.
        ArgumentTypeError: An argument is of a wrong type.
        UsageError: ``number_format`` is neither ``"vi"``, ``"en"`` nor None, or
            ``sheet`` is given for a CSV file (``usage.sheet``).
        ExtraNotInstalledError: A workbook is read without openpyxl and
            python-calamine (the ``excel`` extra).

    A workbook's errors name its sheet and cell (``sheet="Sheet1", cell="C7"``).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``plan=``; ``units=`` also takes a tuple of unit definitions.
    .. versionchanged:: 0.4.0
       Workbooks (``.xlsx``, ``.xlsm``) and ``sheet=``; Vietnamese column and
       kind names; ``;`` and tab delimiters.
    """
    return _load(
        path, plan=plan, number_format=number_format, units=units, problems=None, sheet=sheet
    )


def loads_data(
    text: str | bytes,
    *,
    file: str | None = None,
    plan: Plan | None = None,
    number_format: NumberFormat = None,
    units: Units | tuple[UnitDefinition, ...] | None = None,
) -> Dataset:
    """Read a dataset from CSV text (or UTF-8 bytes); see :func:`load_data`.

    Args:
        text: The CSV text; bytes are read as UTF-8 (a byte-order mark is fine).
        file: The name errors and sources give the text (``"<data>"`` by default).
        plan: As for :func:`load_data`.
        number_format: As for :func:`load_data`.
        units: As for :func:`load_data`.

    Raises:
        DataError: As for :func:`load_data`.
        ParseError: As for :func:`load_data`.
        UnitError: As for :func:`load_data`.
        ArgumentTypeError: ``text`` is not text, or another argument is of a wrong type.
        UsageError: As for :func:`load_data`.

    >>> text = "indicator,period,value" + chr(10) + "KT07,2024,42 hộ" + chr(10)
    >>> loads_data(text).get("KT07", "2024").value
    Quantity(magnitude=Fraction(42, 1), unit='household')

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       ``plan=``; bytes.
    """
    return _loads(
        text, file=file, plan=plan, number_format=number_format, units=units, problems=None
    )


def _collecting(read: Any) -> tuple[Dataset, list[ThiduaError]]:
    problems: list[ThiduaError] = []
    try:
        dataset = read(problems)
    except (ArgumentTypeError, UsageError, PlanError):
        raise  # the call or the plan is wrong, not the file
    except ThiduaError as exc:  # the header or the file itself: nothing can be read
        return Dataset(), [exc]
    return dataset, problems


def _loads_data_collecting(
    text: str | bytes,
    *,
    file: str | None = None,
    plan: Plan | None = None,
    number_format: NumberFormat = None,
    units: Units | tuple[UnitDefinition, ...] | None = None,
) -> tuple[Dataset, list[ThiduaError]]:
    """Read CSV text as :func:`loads_data` does, collecting every problem.

    Every bad row becomes one located problem (file, line, column, indicator,
    period) and reading goes on; a duplicate observation is a problem too (the
    first is kept). The dataset holds the good observations. A problem of the
    header or of the text itself (not UTF-8, NUL, too large) is the only problem,
    with an empty dataset. A malformed CSV structure (a cell longer than the
    limit) is a problem and reading stops there. Beyond :data:`MAX_PROBLEMS`
    problems, one more problem (``data.too_many_problems``) counts the rest.

    Raises:
        ArgumentTypeError: An argument is of a wrong type (the call, not the file).
        UsageError: ``number_format`` is neither ``"vi"``, ``"en"`` nor None.
        PlanError: The plan's units cannot be built.
    """
    return _collecting(
        lambda problems: _loads(
            text, file=file, plan=plan, number_format=number_format, units=units, problems=problems
        )
    )


def _load_data_collecting(
    path: str | os.PathLike[str],
    *,
    plan: Plan | None = None,
    number_format: NumberFormat = None,
    units: Units | tuple[UnitDefinition, ...] | None = None,
    sheet: str | None = None,
) -> tuple[Dataset, list[ThiduaError]]:
    """Read a CSV file as :func:`load_data` does, collecting every problem.

    See :func:`_loads_data_collecting`; a file that cannot be read, is too large
    or is not UTF-8 is the only problem, with an empty dataset.

    Raises:
        ArgumentTypeError: An argument is of a wrong type (the call, not the file).
        UsageError: ``number_format`` is neither ``"vi"``, ``"en"`` nor None.
        PlanError: The plan's units cannot be built.
    """
    return _collecting(
        lambda problems: _load(
            path,
            plan=plan,
            number_format=number_format,
            units=units,
            problems=problems,
            sheet=sheet,
        )
    )


def dump_data(dataset: Dataset) -> str:
    """Write a dataset as CSV text that :func:`loads_data` reads back equal (sources aside).

    Raises:
        ArgumentTypeError: ``dataset`` is not a Dataset.

    .. versionadded:: 0.1.0
    """
    if not isinstance(dataset, Dataset):
        msg = "dataset"
        raise wrong_type(msg, dataset, "a Dataset", "một Dataset")
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
