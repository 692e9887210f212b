"""Data as records (parsed JSON, any iterable of mappings): thidua.data_from_records.

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import (
    ArgumentTypeError,
    DataError,
    Dataset,
    Kind,
    ParseError,
    Plan,
    Quantity,
    Ratio,
    UnitError,
    UsageError,
)
from thidua import records as records_module
from thidua.examples import hoa_thuan_2024
from thidua.numbers import to_decimal_string
from thidua.records import _data_from_records_collecting, data_from_records
from thidua.strategies import datasets, plans

PLAN = hoa_thuan_2024()


def _one(record: dict[str, Any], **options: Any) -> thidua.Observation:
    (obs,) = data_from_records([record], **options)
    return obs


def _error(records: Any, **options: Any) -> thidua.ThiduaError:
    with pytest.raises(thidua.ThiduaError) as info:
        data_from_records(records, **options)
    return info.value


def test_values_are_read_as_csv_cells_are() -> None:
    """Values are read as CSV cells are."""
    text = (
        "indicator,period,value,unit,kind,org_unit,numerator,denominator,note,source\n"
        "KT07,2024,42 hộ,,,,,,,\n"
        'KT01,2024,"95,4%",,assigned,,,,,\n'
        "KT02,quý III/2024,đạt,,,K1,,,ghi chú,Công an\n"
        "KT03,2024,,,,,44,57,,\n"
        "KT04,2024,12,household,,,,,,\n"
    )
    rows = [
        {"indicator": "KT07", "period": "2024", "value": "42 hộ"},
        {"indicator": "KT01", "period": "2024", "value": "95,4%", "kind": "assigned"},
        {
            "indicator": "KT02",
            "period": "quý III/2024",
            "value": "đạt",
            "org_unit": "K1",
            "note": "ghi chú",
            "source": "Công an",
        },
        {"indicator": "KT03", "period": "2024", "numerator": "44", "denominator": "57"},
        {"indicator": "KT04", "period": "2024", "value": "12", "unit": "household"},
    ]
    from_csv = thidua.loads_data(text, plan=PLAN)
    from_records = data_from_records(rows, plan=PLAN)
    assert [(o.key, o.observed, o.note) for o in from_records] == [
        (o.key, o.observed, o.note) for o in from_csv
    ]
    assert [o.source.reference if o.source else None for o in from_records] == [
        None,
        None,
        "Công an",
        None,
        None,
    ]


def test_numbers_and_booleans() -> None:
    """Numbers and booleans."""
    assert _one({"indicator": "K", "period": 2024, "value": 42}).value == Quantity(42)
    # a float is the decimal it is written as (95.4, not the nearest binary fraction)
    assert _one({"indicator": "K", "period": "2024", "value": 95.4}).value == Quantity(
        Fraction(954, 10)
    )
    assert _one({"indicator": "K", "period": "2024", "value": 1e-7}).value == Quantity(
        Fraction(1, 10**7)
    )
    assert _one({"indicator": "K", "period": "2024", "value": 95.4, "unit": "%"}).value == (
        Quantity(Fraction(954, 10), "percent")
    )
    assert _one({"indicator": "K", "period": "2024", "value": True}).value is True
    assert _one({"indicator": "K", "period": "2024", "value": False}).value is False
    assert _one({"indicator": "K", "period": "2024", "value": None}).value is None
    assert _one({"indicator": "K", "period": "2024", "value": Decimal("1.5")}).value == Quantity(
        Fraction(3, 2)
    )
    assert _one({"indicator": "K", "period": "2024", "value": Fraction(1, 3)}).value == Quantity(
        Fraction(1, 3)
    )
    assert _one({"indicator": "K", "period": "2024", "value": Quantity(5, "household")}).value == (
        Quantity(5, "household")
    )
    assert _one({"indicator": "K", "period": "2024", "value": Ratio(1, 2)}).value == Ratio(1, 2)
    given = {"indicator": "K", "period": "2024", "value": Quantity(5, "household"), "unit": "hộ"}
    assert _one(given).value == Quantity(5, "household")
    counted = _one(
        {"indicator": "K", "period": "2024", "numerator": 49, "denominator": 50.0, "value": "98%"}
    )
    assert (counted.numerator, counted.denominator) == (49, 50)
    counted = _one(
        {"indicator": "K", "period": "2024", "numerator": Decimal(1), "denominator": Fraction(2)}
    )
    assert counted.rate == Ratio(1, 2)
    assert _one({"indicator": 7, "period": "2024", "org_unit": 3}).key[::2] == ("7", "3")


def test_the_plan_number_format_reads_text() -> None:
    """The plan number format reads text."""
    assert _one({"indicator": "K", "period": "2024", "value": "1.850"}, plan=PLAN).value == (
        Quantity(1850)
    )
    assert _one(
        {"indicator": "K", "period": "2024", "value": "1,850"}, number_format="en"
    ).value == Quantity(1850)
    units = PLAN.unit_registry()
    assert _one({"indicator": "K", "period": "2024", "value": "3 hộ"}, units=units).value == (
        Quantity(3, "household")
    )


def test_json_records() -> None:
    """JSON records."""
    text = json.dumps(
        [
            {"indicator": "KT07", "period": "2024", "value": "42 hộ", "org_unit": None},
            {"indicator": "KT08", "period": "2024", "value": 97.5, "unit": "percent"},
            {"indicator": "KT09", "period": "2024-H1", "value": True, "kind": "estimate"},
        ],
        ensure_ascii=False,
    )
    data = data_from_records(json.loads(text), plan=PLAN)
    assert data.get("KT08", "2024").value == Quantity(Fraction(195, 2), "percent")
    assert data.get("KT09", "2024-H1", kind=Kind.ESTIMATE).value is True


def test_any_iterable_of_mappings() -> None:
    """Any iterable of mappings."""

    def rows() -> Iterator[dict[str, Any]]:
        for n in range(3):
            yield {"indicator": f"K{n}", "period": "2024", "value": n}

    assert len(data_from_records(rows())) == 3
    assert len(data_from_records(())) == 0


@pytest.mark.parametrize(
    ("record", "code", "key"),
    [
        ({"indicator": "K", "period": "2024", "valeu": 1}, "data.unknown_key", "records[0].valeu"),
        ({"indicator": "K", "period": "2024", 5: 1}, "data.unknown_key", "records[0]"),
        ({"period": "2024", "value": 1}, "data.no_indicator", "records[0].indicator"),
        ({"indicator": "K", "value": 1}, "data.no_period", "records[0].period"),
        ({"indicator": "K", "period": "2024", "value": [1]}, "data.wrong_type", "records[0].value"),
        ({"indicator": "K", "period": 2.5}, "data.wrong_type", "records[0].period"),
        ({"indicator": True, "period": "2024"}, "data.wrong_type", "records[0].indicator"),
        ({"indicator": "K", "period": "2024", "unit": 3}, "data.wrong_type", "records[0].unit"),
        (
            {"indicator": "K", "period": "2024", "kind": "guess"},
            "data.unknown_kind",
            "records[0].kind",
        ),
        (
            {"indicator": "K", "period": "2024", "value": float("nan")},
            "number.not_finite",
            "records[0].value",
        ),
        (
            {"indicator": "K", "period": "2024", "numerator": float("inf"), "denominator": 1},
            "number.not_finite",
            "records[0].numerator",
        ),
        (
            {"indicator": "K", "period": "2024", "value": "abc"},
            "value.unreadable",
            "records[0].value",
        ),
        (
            {"indicator": "K", "period": "2024", "value": "5 hộ", "unit": "%"},
            "data.unit_conflict",
            "records[0].value",
        ),
        (
            {"indicator": "K", "period": "2024", "value": 10**200},
            "number.too_long",
            "records[0].value",
        ),
        (
            {"indicator": "K", "period": "2024", "value": Decimal("1e150")},
            "data.number_too_large",
            "records[0].value",
        ),
        (
            {"indicator": "K", "period": "2024", "numerator": Fraction(10**150), "denominator": 1},
            "data.number_too_large",
            "records[0].numerator",
        ),
        (
            {"indicator": "K", "period": "2024", "numerator": True, "denominator": 2},
            "data.wrong_type",
            "records[0].numerator",
        ),
        (
            {"indicator": "K", "period": "2024", "numerator": "3 hộ", "denominator": 2},
            "data.not_a_count",
            "records[0].numerator",
        ),
        (
            {"indicator": "K", "period": "2024", "numerator": 3},
            "data.rate_needs_both",
            "records[0].denominator",
        ),
        (
            {"indicator": "K", "period": "2024", "numerator": -1, "denominator": 2},
            "data.negative_count",
            "records[0].numerator",
        ),
        (
            {"indicator": "K", "period": "2024", "numerator": 1, "denominator": 2, "value": "60%"},
            "data.value_disagrees",
            "records[0].value",
        ),
        (
            {"indicator": "K", "period": "2024", "numerator": "", "denominator": 2},
            "data.rate_needs_both",
            "records[0].numerator",
        ),
        (
            {"indicator": "K", "period": "2024", "note": "a\x00b"},
            "text.control_character",
            "records[0].note",
        ),
        ({"indicator": "K", "period": "2024", "source": 5}, "data.wrong_type", "records[0].source"),
        (
            {"indicator": "K", "period": "2024", "value": "5 gizmo"},
            "unit.unknown",
            "records[0].value",
        ),
        ({"indicator": "K", "period": "2024-Q9"}, "period.unreadable", "records[0].period"),
    ],
)
def test_errors_are_located_by_record_and_key(record: Any, code: str, key: str) -> None:
    """Errors are located by record and key."""
    error = _error([record])
    assert error.code == code, error
    assert error.key == key
    assert error.what("vi")
    assert error.how("en")


def test_errors_name_the_indicator_and_period() -> None:
    """Errors name the indicator and period."""
    error = _error([{"indicator": "KT07", "period": "2024", "value": "abc"}])
    assert (error.indicator, error.period) == ("KT07", "2024")
    assert isinstance(error, ParseError)
    assert isinstance(_error([{"indicator": "K", "period": "2024", "unit": "gizmo"}]), UnitError)


def test_a_record_twice_names_the_first() -> None:
    """A record twice names the first."""
    rows = [
        {"indicator": "K", "period": "2024", "value": 1},
        {"indicator": "L", "period": "2024", "value": 1},
        {"indicator": "K", "period": "2024", "value": 2},
    ]
    error = _error(rows)
    assert (error.code, error.key) == ("data.duplicate_observation", "records[2]")
    assert "records[0]" in error.what("en")
    assert "records[0]" in error.what("vi")


def test_what_is_not_a_record() -> None:
    """What is not a record."""
    assert _error([1]).code == "data.not_a_record"
    assert _error([{"indicator": "K", "period": "2024"}, "x"]).key == "records[1]"
    for records in ("[]", b"[]", {"indicator": "K"}, 5, None):
        with pytest.raises(ArgumentTypeError):
            data_from_records(records)  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        data_from_records([], number_format="fr")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError):
        data_from_records([], plan="plan")  # type: ignore[arg-type]


def test_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The size limit."""
    monkeypatch.setattr(records_module, "MAX_RECORDS", 3)
    rows = [{"indicator": f"K{n}", "period": "2024"} for n in range(5)]
    assert len(data_from_records(rows[:3])) == 3
    error = _error(rows)
    assert (error.code, error.key) == ("data.too_many_records", "records[3]")
    error = _error(iter(rows))  # counted as they come
    assert (error.code, error.key) == ("data.too_many_records", "records[3]")
    with pytest.raises(DataError):
        _data_from_records_collecting(rows)  # a list too long is refused before it is read
    data, found = _data_from_records_collecting(iter(rows))
    assert len(data) == 3
    assert [p.code for p in found] == ["data.too_many_records"]


def test_collecting_lists_every_bad_record() -> None:
    """Collecting lists every bad record."""
    rows = [
        {"indicator": "K", "period": "2024", "value": "abc"},
        {"indicator": "L", "period": "2024", "value": 1},
        {"indicator": "M", "period": "2024", "colour": 1},
        {"indicator": "L", "period": "2024", "value": 2},
    ]
    data, found = _data_from_records_collecting(rows)
    assert [o.indicator for o in data] == ["L"]
    assert [(p.code, p.key) for p in found] == [
        ("value.unreadable", "records[0].value"),
        ("data.unknown_key", "records[2].colour"),
        ("data.duplicate_observation", "records[3]"),
    ]


def test_collecting_stops_listing_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Collecting stops listing past the limit."""
    monkeypatch.setattr(records_module, "MAX_PROBLEMS", 2)
    rows = [{"indicator": "K", "period": "2024", "value": "abc"}] * 5
    _, found = _data_from_records_collecting(rows)
    assert [p.code for p in found] == ["value.unreadable"] * 2 + ["data.too_many_problems"]
    assert "3 more" in found[-1].what("en")


def _records(dataset: Dataset) -> list[dict[str, Any]]:
    """A dataset as JSON records, values written as text (as in the CSV file)."""
    out = []
    for obs in dataset:
        record: dict[str, Any] = {"indicator": obs.indicator, "period": str(obs.period)}
        if isinstance(obs.value, bool):
            record["value"] = obs.value
        elif obs.value is not None:
            record["value"] = str(obs.value)
        if obs.org_unit is not None:
            record["org_unit"] = obs.org_unit
        record["kind"] = obs.kind.value
        if obs.numerator is not None and obs.denominator is not None:
            record["numerator"] = to_decimal_string(obs.numerator)
            record["denominator"] = to_decimal_string(obs.denominator)
        out.append(record)
    return out


@given(st.data(), plans())
def test_a_dataset_round_trips_through_json_records(data: st.DataObject, plan: Plan) -> None:
    """A dataset round trips through JSON records."""
    dataset = data.draw(datasets(plan))
    records = json.loads(json.dumps(_records(dataset), ensure_ascii=False))
    again = data_from_records(records, plan=plan, number_format="en")
    assert again == dataset
