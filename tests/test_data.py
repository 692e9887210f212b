"""Data: observations, values as people write them, and CSV files."""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua import (
    DataError,
    Dataset,
    Kind,
    Observation,
    ParseError,
    Quantity,
    Ratio,
    UnitError,
    load_data,
    loads_data,
    parse_value,
)
from thidua.data import dump_data


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("97,5%", Quantity("97.5", "percent")),
        ("42 hộ", Quantity(42, "household")),
        ("3,2 tỷ đồng", Quantity("3.2", "billion_VND")),
        ("đạt", True),
        ("Không đạt", False),
        ("true", True),
        ("FALSE", False),
        ("44/57", Ratio(44, 57)),
        ("", None),
        ("  ", None),
        (7, Quantity(7)),
    ],
)
def test_values_as_people_write_them(text: object, value: object) -> None:
    """Percentages, units, đạt/không đạt, true/false and n/m are understood."""
    assert parse_value(text) == value  # type: ignore[arg-type]


def test_bare_values_take_the_given_unit() -> None:
    """A bare number takes the unit it is given (the indicator's)."""
    assert parse_value("97,8", unit="percent") == Quantity("97.8", "percent")


def _csv(tmp_path: Path, text: str, *, encoding: str = "utf-8", bom: bool = False) -> Path:
    path = tmp_path / "data.csv"
    raw = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + raw)
    return path


def test_reads_every_column(tmp_path: Path) -> None:
    """All columns of the CSV form are read, with sources."""
    path = _csv(
        tmp_path,
        "indicator,period,value,org_unit,kind,unit,numerator,denominator,note,source\n"
        "KT07,2024,42,,actual,hộ,,,ghi chú,Công an phường\n"
        "KT06a,2024,đạt,K1,,,,,,\n"
        "KT12,2024-H1,,,,,49,50,,\n"
        'CK02,2024,"3,2 tỷ đồng",,assigned,,,,,\n',
    )
    data = load_data(path)
    kt07 = data.get("KT07", "2024")
    assert kt07 is not None
    assert kt07.value == Quantity(42, "household")
    assert kt07.note == "ghi chú"
    assert kt07.source is not None
    assert (kt07.source.file, kt07.source.line, kt07.source.reference) == (
        str(path),
        2,
        "Công an phường",
    )
    assert data.get("KT06a", "2024", org_unit="K1").value is True  # type: ignore[union-attr]
    assert data.get("KT12", "2024-H1").rate == Ratio(49, 50)  # type: ignore[union-attr]
    assert data.get("CK02", "2024", kind=Kind.ASSIGNED).value == Quantity("3.2", "billion_VND")  # type: ignore[union-attr]


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    """Spreadsheet programs write a BOM; it is ignored."""
    assert len(load_data(_csv(tmp_path, "indicator,period,value\nKT07,2024,42\n", bom=True))) == 1


def test_other_encodings_are_a_clear_error(tmp_path: Path) -> None:
    """A file that is not UTF-8 names the file, line and byte."""
    path = _csv(tmp_path, 'indicator,period,value\nKT07,2024,"42 hô"\n', encoding="latin-1")
    with pytest.raises(DataError, match=r"data.csv:2:\d+: the data file is not UTF-8"):
        load_data(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "data.csv:1: the file is empty"),
        ("indicator,value\n", "data.csv:1: the header lacks the 'period' column"),
        ("indicator,period\n", "needs a 'value' column"),
        ("indicator,period,value,colour\n", "data.csv:1:4: unknown column 'colour'"),
        ("indicator,period,value,value\n", "data.csv:1:4: column 'value' appears twice"),
        ("indicator,period,value\nKT07,2024,42,9\n", "data.csv:2:4: the row has 4 cells"),
        (
            "indicator,period,value\nKT07,2024-H3,42\n",
            "data.csv:2:2: indicator KT07: cannot read period '2024-H3'",
        ),
        (
            "indicator,period,value\nKT07,2024,12.345\n",
            "data.csv:2:3: indicator KT07, period 2024: '12.345' is ambiguous",
        ),
        (
            "indicator,period,value\nKT07,2024,42 thùng\n",
            "data.csv:2:3: indicator KT07, period 2024: unknown unit 'thùng'",
        ),
        (
            "indicator,period,value\nKT07,2024,42\nKT07,2024,41\n",
            "data.csv:3: indicator KT07, period 2024: two actual observations for the same period (first at",
        ),
        (
            "indicator,period,value,kind\nKT07,2024,42,guess\n",
            "data.csv:2:4: indicator KT07, period 2024: kind='guess' must be one of actual, "
            "assigned, estimate",
        ),
        (
            "indicator,period,numerator,denominator\nKT12,2024,49,\n",
            "a rate needs both numerator and denominator",
        ),
        (
            "indicator,period,value,numerator,denominator\nKT12,2024,97%,49,50\n",
            "value 97 % disagrees with numerator/denominator 49/50",
        ),
        (
            "indicator,period,numerator,denominator\nKT12,2024,-1,50\n",
            "numerator and denominator must not be negative",
        ),
        ("indicator,period,value\n,2024,42\n", "data.csv:2:1: the indicator id is empty"),
        (
            'indicator,period,value\nKT07,2024,"4\x002"\n',
            "data.csv:2: the file contains a NUL character",
        ),
    ],
)
def test_bad_data_files(tmp_path: Path, text: str, message: str) -> None:
    """Each kind of bad data file raises a DataError, ParseError or UnitError with file, line and column."""
    with pytest.raises((DataError, ParseError, UnitError)) as info:
        load_data(_csv(tmp_path, text))
    assert message in str(info.value)


def test_a_missing_file_is_a_data_error(tmp_path: Path) -> None:
    """A path that does not exist is a DataError naming it."""
    with pytest.raises(DataError, match="cannot read the data file"):
        load_data(tmp_path / "nope.csv")


def test_number_format_of_the_file(tmp_path: Path) -> None:
    """A stated number format resolves ambiguous numbers."""
    path = _csv(tmp_path, 'indicator,period,value\nKT02,2024,"12.345 triệu đồng"\n')
    assert load_data(path, number_format="vi").get("KT02", "2024").value == Quantity(
        12345, "million_VND"
    )  # type: ignore[union-attr]


def test_blank_rows_are_skipped_and_nothing_else(tmp_path: Path) -> None:
    """Only empty rows are skipped; every other row becomes an observation."""
    data = load_data(_csv(tmp_path, "indicator,period,value\n\nKT07,2024,42\n,,\nZZ99,2024,1\n"))
    assert [o.indicator for o in data] == ["KT07", "ZZ99"]


def test_dump_and_load_round_trip() -> None:
    """dump_data then loads_data (with the format it writes) gives an equal dataset, notes kept."""
    ds = Dataset(
        [
            Observation("KT07", "2024", value="42 hộ", note="minh họa"),
            Observation("KT12", "2024", numerator=49, denominator=50),
            Observation("KT06a", "2024", value=True, org_unit="K1"),
            Observation("CK02", "2024", value=Quantity("12.345", "billion_VND"), kind="assigned"),
        ]
    )
    again = loads_data(dump_data(ds), number_format="en")
    assert [(o.key, o.value, o.rate, o.note) for o in again] == [
        (o.key, o.value, o.rate, o.note) for o in ds
    ]


def test_datasets_refuse_duplicates() -> None:
    """Two observations with the same key are an error, never an overwrite."""
    with pytest.raises(DataError, match="two actual observations"):
        Dataset([Observation("KT07", "2024", value=1), Observation("KT07", "2024", value=2)])
    merged = Dataset([Observation("KT07", "2024", value=1)]) + Dataset(
        [Observation("KT07", "2023", value=2)]
    )
    assert len(merged) == 2
