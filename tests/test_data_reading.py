"""Reading data files: the plan's format and units, limits, safe text, every problem at once."""

from __future__ import annotations

import gc
import pickle
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

import thidua
import thidua.strategies
from thidua import (
    ArgumentTypeError,
    DataError,
    Dataset,
    Kind,
    Observation,
    ParseError,
    Quantity,
    Ratio,
    Source,
    ThiduaError,
    UsageError,
    load_data,
    loads_data,
    parse_value,
)
from thidua.data import (
    MAX_PROBLEMS,
    _load_data_collecting,
    _loads_data_collecting,
    dump_data,
)
from thidua.numbers import MAX_NUMBER_LENGTH, format_number, to_decimal_string
from thidua.plans import Indicator, IndicatorGroup, Plan
from thidua.units import UnitDefinition

HEADER = "indicator,period,value\n"


def _plan(**kwargs: object) -> Plan:
    group = IndicatorGroup("G", "g", indicators=[Indicator("KT02", "x", rule=">= 1")])
    return Plan("p", "t", year=2024, groups=[group], **kwargs)  # type: ignore[arg-type]


PETITION = UnitDefinition("petition", vi="đơn", aliases=("đơn", "đơn thư"))


# ------------------------------------------------------------------ the plan


def test_the_plans_number_format_reads_the_file() -> None:
    """With plan=, '1.850' is 1850 when the plan writes numbers the Vietnamese way."""
    text = HEADER + "KT02,2024,1.850\n"
    with pytest.raises(ParseError, match="ambiguous"):
        loads_data(text)
    data = loads_data(text, plan=_plan(number_format="vi"))
    assert data.get("KT02", "2024").value == Quantity(1850)  # type: ignore[union-attr]
    english = loads_data(text, plan=_plan(number_format="vi"), number_format="en")
    assert english.get("KT02", "2024").value == Quantity("1.85")  # type: ignore[union-attr]


def test_the_plans_units_are_known() -> None:
    """With plan=, the units the plan declares are read by their Vietnamese names."""
    text = HEADER + "KT02,2024,12 đơn thư\n"
    with pytest.raises(thidua.UnitError):
        loads_data(text)
    plan = _plan(units=[PETITION])
    assert loads_data(text, plan=plan).get("KT02", "2024").value == Quantity(12, "petition")  # type: ignore[union-attr]
    # units= also takes the plan's definitions as they are (a tuple), or a registry
    for units in (plan.units, list(plan.units), plan.unit_registry()):
        value = loads_data(text, units=units).get("KT02", "2024").value  # type: ignore[arg-type, union-attr]
        assert value == Quantity(12, "petition")


def test_explicit_units_override_the_plans() -> None:
    """units= wins over the plan's registry."""
    text = HEADER + "KT02,2024,12 đơn\n"
    with pytest.raises(thidua.UnitError):
        loads_data(text, plan=_plan(units=[PETITION]), units=thidua.default_units())


def test_load_data_takes_the_plan_too(tmp_path: Path) -> None:
    """load_data(path, plan=...) reads as loads_data does."""
    path = tmp_path / "d.csv"
    path.write_text(HEADER + "KT02,2024,1.850 đơn\n", encoding="utf-8")
    data = load_data(path, plan=_plan(number_format="vi", units=[PETITION]))
    assert data.get("KT02", "2024").value == Quantity(1850, "petition")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"plan": "hoa-thuan-2024"}, ArgumentTypeError, "plan= must be a Plan"),
        ({"units": "hộ"}, ArgumentTypeError, "units= must be a Units registry"),
        ({"units": ("hộ",)}, ArgumentTypeError, "units= must be a Units registry"),
        ({"number_format": 5}, ArgumentTypeError, "number_format= must be"),
        ({"number_format": "fr"}, UsageError, "number_format='fr' must be 'vi', 'en' or None"),
        ({"file": 5}, ArgumentTypeError, "file= must be a file name"),
    ],
)
def test_wrong_arguments(kwargs: dict[str, object], error: type[Exception], message: str) -> None:
    """Arguments of a wrong type are an ArgumentTypeError (a TypeError), bad choices a UsageError."""
    with pytest.raises(error, match=message):
        loads_data(HEADER, **kwargs)  # type: ignore[arg-type]
    if "file" not in kwargs:
        with pytest.raises(error, match=message):
            _loads_data_collecting(HEADER, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [None, 5, ["indicator,period,value"]])
def test_text_must_be_text(text: object) -> None:
    """loads_data refuses what is not text or bytes."""
    with pytest.raises(ArgumentTypeError, match="text= must be the CSV text"):
        loads_data(text)  # type: ignore[arg-type]


@pytest.mark.parametrize("path", [None, 5, b"data.csv"])
def test_path_must_be_a_path(path: object) -> None:
    """load_data refuses what is not a path (bytes included)."""
    with pytest.raises(ArgumentTypeError, match="path= must be a file path"):
        load_data(path)  # type: ignore[arg-type]


def test_bytes_are_read_as_utf8() -> None:
    """loads_data(bytes) reads UTF-8 with a BOM, and names the line and column of a bad byte."""
    data = loads_data(b"\xef\xbb\xbf" + (HEADER + "KT07,2024,42 hộ\n").encode())
    assert data.get("KT07", "2024").value == Quantity(42, "household")  # type: ignore[union-attr]
    with pytest.raises(DataError) as info:
        loads_data(b"indicator,period,value\nKT07,2024,42 h\xf4\n", file="d.csv")
    assert (info.value.code, info.value.line, info.value.column) == ("file.encoding", 2, 15)


def test_a_folder_is_not_a_data_file(tmp_path: Path) -> None:
    """Reading a folder is a file.unreadable problem."""
    with pytest.raises(DataError) as info:
        load_data(tmp_path)
    assert info.value.code == "file.unreadable"


# ------------------------------------------------------------------ files read as streams


def test_line_endings_of_every_kind(tmp_path: Path) -> None:
    """CRLF, lone CR and LF files read the same, with the same line numbers."""
    rows = ["indicator,period,value", "KT07,2024,42", "KT08,2024,1", "KT08,2024,2"]
    for end in ("\n", "\r\n", "\r"):
        text = end.join(rows) + end
        path = tmp_path / "d.csv"
        path.write_bytes(text.encode())
        for read, argument in (
            (load_data, path),
            (lambda t, p=path: loads_data(t, file=str(p)), text),
        ):
            with pytest.raises(DataError) as info:
                read(argument)  # type: ignore[operator]
            assert info.value.line == 4
            assert "first at" in str(info.value)
            assert f"{path}:3" in str(info.value)


def test_a_quoted_cell_over_lines_keeps_its_line_breaks(tmp_path: Path) -> None:
    """A note over several lines is kept as written; the row's line is its first."""
    text = 'indicator,period,value,note\nKT07,2024,42,"dòng 1\r\ndòng 2"\nKT08,2024,1,\n'
    path = tmp_path / "d.csv"
    path.write_bytes(text.encode())
    for data in (load_data(path), loads_data(text)):
        kt07, kt08 = data
        assert kt07.note == "dòng 1\r\ndòng 2"
        assert (kt07.source.line, kt08.source.line) == (2, 4)  # type: ignore[union-attr]


def test_not_utf8_far_in_a_file_names_its_line(tmp_path: Path) -> None:
    """The location of a byte that is not UTF-8 is found while streaming."""
    path = tmp_path / "d.csv"
    rows = "".join(f"K{n},2024,1\n" for n in range(500))
    path.write_bytes((HEADER + rows).encode() + b"KT07,20\xff24,1\n")
    with pytest.raises(DataError) as info:
        load_data(path)
    assert (info.value.code, info.value.line, info.value.column) == ("file.encoding", 502, 8)
    dataset, problems = _load_data_collecting(path)
    assert len(dataset) == 0
    assert [p.code for p in problems] == ["file.encoding"]


def test_a_nul_far_in_a_file_names_its_line(tmp_path: Path) -> None:
    """A NUL is found while streaming, with its line."""
    path = tmp_path / "d.csv"
    path.write_bytes((HEADER + "K1,2024,1\nK2,2024,1\nK3,2024,1\n").encode() + b"KT08,2024,\x001\n")
    with pytest.raises(DataError, match=r"d\.csv:5: the file contains a NUL character"):
        load_data(path)


def test_trailing_empty_cells_are_fine() -> None:
    """Spreadsheets add empty cells at the end of rows; only cells with text are too many."""
    data = loads_data(HEADER + "KT07,2024,42,,\nKT08,2024\n")
    assert [o.indicator for o in data] == ["KT07", "KT08"]
    assert data.get("KT08", "2024").value is None  # type: ignore[union-attr]


def test_header_names_are_read_as_people_write_them() -> None:
    """Column names ignore case, spaces around, and a space for the underscore."""
    data = loads_data("Indicator , PERIOD,value,Org Unit\nKT07,2024,42,K1\n")
    assert data.get("KT07", "2024", org_unit="K1") is not None


def test_parsed_cells_are_shared() -> None:
    """Cells that repeat are read once: rows share their parsed values and texts."""
    text = "indicator,period,value,org_unit,note\n" + "KT07,2024,42 hộ,K1,ghi chú\n" * 1
    text += "KT08,2024,42 hộ,K1,ghi chú\n"
    a, b = loads_data(text)
    assert a.value is b.value
    assert a.period is b.period
    assert a.org_unit is b.org_unit
    assert a.note is b.note
    assert a.source.file is b.source.file  # type: ignore[union-attr]


def test_loaded_observations_equal_constructed_ones() -> None:
    """What the reader builds is an Observation like any other: equal, hashable, picklable."""
    text = (
        "indicator,period,value,org_unit,kind,numerator,denominator,note,source\n"
        "KT12,2024,,K1,assigned,49,50,ghi chú,Công an\n"
    )
    (loaded,) = loads_data(text, file="d.csv")
    built = Observation(
        "KT12",
        "2024",
        org_unit="K1",
        kind="assigned",
        numerator=49,
        denominator=50,
        note="ghi chú",
        source=Source("d.csv", 2, "Công an"),
    )
    assert loaded == built
    assert hash(loaded) == hash(built)
    assert pickle.loads(pickle.dumps(loaded)) == loaded  # noqa: S301 - our own object
    assert attrs.evolve(loaded, note="khác").note == "khác"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        loaded.note = "x"  # type: ignore[misc]


def test_the_collector_is_switched_back_on() -> None:
    """Reading pauses the garbage collector and switches it back on, even after an error."""
    assert gc.isenabled()
    loads_data(HEADER + "KT07,2024,42\n")
    assert gc.isenabled()
    with pytest.raises(DataError):
        loads_data(HEADER + "KT07,2024,42\nKT07,2024,42\n")
    assert gc.isenabled()
    gc.disable()
    try:
        loads_data(HEADER + "KT07,2024,42\n")
        assert not gc.isenabled()  # a program's own choice is kept
    finally:
        gc.enable()


# ------------------------------------------------------------------ limits


@pytest.mark.parametrize(
    "text", ["1/" + "9" * 101, "9" * 101 + "/2", "1 / " + "1" * 5000, "1/" + "2" * 4400]
)
def test_rates_written_a_b_are_capped(text: str) -> None:
    """Each side of 'a/b' has at most 100 digits, like every number (no int() crash)."""
    with pytest.raises(ParseError) as info:
        parse_value(text)
    assert info.value.code == "number.too_long"
    with pytest.raises(ParseError):
        loads_data(HEADER + f"KT12,2024,{text}\n")


def test_the_longest_figures_print_in_every_form() -> None:
    """A figure at the limits loads and prints in every form, quickly."""
    side = "9" * MAX_NUMBER_LENGTH
    decimals = "0," + "0" * (MAX_NUMBER_LENGTH - 3) + "3"
    text = (
        "indicator,period,value,numerator,denominator\n"
        f"A,2024,{side}/{side[:-1]}7,,\n"
        f"B,2024,,{side},{side[:-1]}7\n"
        f'C,2024,"{decimals}",,\n'
        f"D,2024,1/{side},,\n"
    )
    data = loads_data(text, number_format="vi")
    for obs in data:
        figure = obs.observed
        assert figure is not None
        quantity = figure.quantity if isinstance(figure, Ratio) else figure
        assert str(figure)
        assert isinstance(quantity, Quantity)
        for language in ("vi", "en"):
            assert format_number(quantity.magnitude, locale=language)
        assert to_decimal_string(quantity.magnitude)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"value": 10**101},
        {"value": Fraction(1, 10**101)},
        {"value": Quantity(10**100, "household")},
        {"numerator": 10**100, "denominator": 1},
        {"numerator": 1, "denominator": Fraction(10**101)},
        {"value": Ratio(1, 10**100)},
    ],
)
def test_figures_of_more_than_100_digits_are_refused(kwargs: dict[str, object]) -> None:
    """Observations refuse figures no one writes, which would print slowly or not at all."""
    with pytest.raises(DataError) as info:
        Observation("KT07", "2024", **kwargs)  # type: ignore[arg-type]
    assert info.value.code == "data.number_too_large"
    assert (info.value.indicator, info.value.period) == ("KT07", "2024")


# ------------------------------------------------------------------ safe text


@pytest.mark.parametrize(
    ("column", "cell", "name"),
    [
        ("indicator", "KT\x1b07", "the indicator id"),
        ("period", "2024\x07", "the period"),
        ("value", "42\x9b hộ", "the value"),
        ("org_unit", "K1\u202e", "the org unit"),
        ("kind", "actual\x00", None),
        ("unit", "hộ\x7f", "the unit"),
        ("numerator", "4\x1f9", "the numerator"),
        ("note", "ghi\x1bchú", "the note"),
        ("source", "Công\u2066an", "the source reference"),
        ("org_unit", "K1\ud800", "the org unit"),
    ],
)
def test_control_characters_are_refused_in_every_cell(
    column: str, cell: str, name: str | None
) -> None:
    """Control characters, bidi overrides and lone surrogates are refused, with the cell's place."""
    columns = [
        "indicator",
        "period",
        "value",
        "org_unit",
        "kind",
        "unit",
        "numerator",
        "denominator",
    ]
    columns += ["note", "source"]
    row = {
        "indicator": "KT07",
        "period": "2024",
        "value": "",
        "numerator": "49",
        "denominator": "50",
    }
    row[column] = cell
    if column == "value":
        row["numerator"] = row["denominator"] = ""
    text = ",".join(columns) + "\n" + ",".join(f'"{row.get(c, "")}"' for c in columns) + "\n"
    with pytest.raises(ThiduaError) as info:
        loads_data(text, file="d.csv")
    error = info.value
    if name is None:  # NUL: the file is not text
        assert error.code == "data.nul_character"
        return
    assert error.code == "text.control_character", error
    assert (error.file, error.line, error.column) == ("d.csv", 2, columns.index(column) + 1)
    assert name in str(error)
    assert "\\x" in str(error) or "\\u" in str(error)
    for language in ("vi", "en"):
        assert not any(c in error.message(language) for c in cell if not c.isprintable())


def test_a_note_may_hold_line_breaks_and_tabs() -> None:
    """Notes are free text: tabs and line breaks are kept, other control characters refused."""
    obs = Observation("KT07", "2024", value=1, note="dòng 1\n\tdòng 2")
    assert obs.note == "dòng 1\n\tdòng 2"
    with pytest.raises(DataError, match="the note holds the control character"):
        Observation("KT07", "2024", value=1, note="x\x1by")
    with pytest.raises(DataError, match="the org unit holds the control character"):
        Observation("KT07", "2024", value=1, org_unit="K\n1")


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Source(reference="Công an\x1b[2J"), "the source reference holds"),
        (lambda: Source("a.csv", 0), "line=0 must be 1 or more"),
        (lambda: Source("a.csv", "3"), "line= must be a line number"),
        (lambda: Source("a.csv", True), "line= must be a line number"),
        (lambda: Source(5, 3), "file= must be a file name"),
        (lambda: Source("a.csv", 3, 5.5), None),
    ],
)
def test_sources_check_what_they_hold(build: object, message: str | None) -> None:
    """Source refuses control characters and values of a wrong type."""
    if message is None:
        assert build().reference == "5.5"  # type: ignore[operator]
        return
    with pytest.raises(ThiduaError, match=message):
        build()  # type: ignore[operator]


# ------------------------------------------------------------------ constructor errors


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"value": "rồi"}, "value.unreadable"),
        ({"value": "5 thùng"}, None),
        ({"value": "12.345"}, None),
        ({"kind": "guess"}, "data.unknown_kind"),
        ({"numerator": "đạt", "denominator": 1}, "data.not_a_count"),
        ({"numerator": 1}, "data.rate_needs_both"),
        ({"numerator": -1, "denominator": 2}, "data.negative_count"),
        ({"value": "97%", "numerator": 1, "denominator": 2}, "data.value_disagrees"),
        ({"value": "42 hộ", "numerator": 0, "denominator": 0}, "data.value_disagrees"),
        ({"value": "1/3", "numerator": 1, "denominator": 2}, "data.value_disagrees"),
        ({"value": True, "numerator": 1, "denominator": 2}, "data.rate_with_yes_no"),
        ({"org_unit": ["K1"]}, "argument.type"),
        ({"note": object()}, "argument.type"),
        ({"value": object()}, "argument.type"),
        ({"source": "a.csv"}, "argument.type"),
        ({"value": 1, "org_unit": "K\x1b"}, "text.control_character"),
    ],
)
def test_constructor_errors_name_indicator_period_and_source(
    kwargs: dict[str, object], code: str | None
) -> None:
    """Every error of the Observation constructor names the indicator, the period and the source."""
    source = None if "source" in kwargs else Source("d.csv", 7)
    with pytest.raises(ThiduaError) as info:
        Observation("KT05a", "2025", **({"source": source} | kwargs))  # type: ignore[arg-type]
    error = info.value
    if code is not None:
        assert error.code == code
    assert (error.indicator, error.period) == ("KT05a", "2025")
    assert error.message("vi").startswith("d.csv:7: chỉ tiêu KT05a, kỳ 2025: ") or source is None
    if source is not None:
        assert (error.file, error.line) == ("d.csv", 7)


def test_a_bad_period_is_named_as_written() -> None:
    """When the period itself is wrong, the error still names the indicator."""
    with pytest.raises(ParseError) as info:
        Observation("KT05a", "2024-H3", value=1)
    assert (info.value.indicator, info.value.period) == ("KT05a", "2024-H3")
    with pytest.raises(DataError) as empty:
        Observation("KT05a", " ", value=1)
    assert (empty.value.code, empty.value.indicator) == ("data.no_period", "KT05a")


def test_a_value_given_with_its_unit_and_a_rate_that_agree() -> None:
    """A value that agrees with numerator/denominator is kept, as a rate written a/b is."""
    assert Observation("KT12", "2024", value="98%", numerator=49, denominator=50).rate == Ratio(
        49, 50
    )
    assert Observation("KT12", "2024", value="49/50", numerator=49, denominator=50).value == Ratio(
        49, 50
    )


def test_datasets_check_what_they_hold() -> None:
    """A Dataset of something else, or of nothing iterable, is an ArgumentTypeError."""
    for wrong in (5, "KT07", [Observation("KT07", "2024", value=1), "x"]):
        with pytest.raises(ArgumentTypeError):
            Dataset(wrong)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Dataset() + 5  # type: ignore[operator]
    with pytest.raises(ArgumentTypeError):
        dump_data([Observation("KT07", "2024", value=1)])  # type: ignore[arg-type]


def test_the_unit_column_must_agree_with_the_value() -> None:
    """A value with its own unit and another unit in the unit column is refused."""
    ok = loads_data("indicator,period,value,unit\nKT07,2024,42 hộ,hộ gia đình\nKT08,2024,42,hộ\n")
    assert {o.value for o in ok} == {Quantity(42, "household")}
    with pytest.raises(DataError, match="has another unit than the unit column") as info:
        loads_data("indicator,period,value,unit\nKT07,2024,42 hộ,người\n")
    assert info.value.code == "data.unit_conflict"


# ------------------------------------------------------------------ every problem at once


BAD = (
    "indicator,period,value,kind\n"
    "KT01,2024,42,\n"  # 2 good
    "KT02,2024-H3,1,\n"  # 3 bad period
    ",2024,1,\n"  # 4 no indicator
    "KT03,2024,12.345,\n"  # 5 ambiguous
    "KT04,2024,1,guess\n"  # 6 bad kind
    "KT01,2024,43,\n"  # 7 duplicate of line 2
    "KT05,2024,đạt,assigned\n"  # 8 good
    "KT06,2024,1,2,3\n"  # 9 too long
    "\n"  # blank
    "KT07,2024,5 thùng,\n"  # 11 unknown unit
    'KT08,2024,"1/2",\n'  # 12 good
)


def test_every_bad_row_is_one_problem_and_reading_goes_on() -> None:
    """The collecting reader gives the good observations and one located problem a bad row."""
    dataset, problems = _loads_data_collecting(BAD, file="d.csv")
    assert [o.indicator for o in dataset] == ["KT01", "KT05", "KT08"]
    assert dataset.get("KT01", "2024").value == Quantity(42)  # type: ignore[union-attr]  # the first kept
    assert [(p.line, p.column) for p in problems] == [
        (3, 2),
        (4, 1),
        (5, 3),
        (6, 4),
        (7, None),
        (9, 5),
        (11, 3),
    ]
    assert all(p.file == "d.csv" for p in problems)
    assert isinstance(problems[0], ParseError)  # the period
    assert (problems[1].code, problems[3].code) == ("data.no_indicator", "data.unknown_kind")
    assert problems[4].code == "data.duplicate_observation"
    assert "first at d.csv:2" in str(problems[4])
    assert problems[5].code == "data.row_too_long"
    assert (problems[2].indicator, problems[2].period) == ("KT03", "2024")


def test_the_raising_reader_raises_the_first_collected_problem() -> None:
    """One reader, two policies: load raises exactly the first problem the collector lists."""
    _, problems = _loads_data_collecting(BAD, file="d.csv")
    with pytest.raises(ThiduaError) as info:
        loads_data(BAD, file="d.csv")
    assert info.value.as_dict() == problems[0].as_dict()


def test_good_files_read_the_same_both_ways(tmp_path: Path) -> None:
    """A good file gives the same dataset and no problem."""
    text = thidua.examples._text("hoa-thuan-2024-data.csv")  # type: ignore[attr-defined]
    plan = thidua.examples.hoa_thuan_2024()
    path = tmp_path / "d.csv"
    path.write_text(text, encoding="utf-8")
    dataset, problems = _load_data_collecting(path, plan=plan)
    assert problems == []
    assert dataset == load_data(path, plan=plan)
    assert dataset == loads_data(text, file=str(path), plan=plan)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "data.empty"),
        ("indicator,value\nKT01,1\n", "data.missing_column"),
        ("indicater,period,value\nKT01,2024,1\n", "data.unknown_column"),
        (HEADER + 'KT01,2024,"4\x002"\n', "data.nul_character"),
        (b"indicator,period,value\nKT01,2024,\xff\n", "file.encoding"),
    ],
)
def test_a_header_or_file_problem_is_the_only_problem(text: str | bytes, code: str) -> None:
    """A header or file problem is one problem, with an empty dataset."""
    dataset, problems = _loads_data_collecting(text, file="d.csv")
    assert len(dataset) == 0
    assert [p.code for p in problems] == [code]


def test_an_unreadable_file_is_the_only_problem(tmp_path: Path) -> None:
    """A file that does not exist is one problem, with an empty dataset."""
    dataset, problems = _load_data_collecting(tmp_path / "nope.csv")
    assert (len(dataset), [p.code for p in problems]) == (0, ["file.unreadable"])


def test_a_malformed_csv_stops_the_reading_there() -> None:
    """Past a cell too long for the csv module, the structure is lost: reading stops."""
    text = HEADER + "KT01,2024,1\n" + 'KT02,2024,"' + "x" * 200_000 + '"\nKT03,2024,1\n'
    dataset, problems = _loads_data_collecting(text, file="d.csv")
    assert [o.indicator for o in dataset] == ["KT01"]
    assert [(p.code, p.line) for p in problems] == [("data.malformed_csv", 3)]


def test_problems_beyond_the_cap_are_counted() -> None:
    """Past MAX_PROBLEMS, one more problem counts the rest; the good rows are all kept."""
    rows = [f"KT{n},2024,abc\nOK{n},2024,1\n" for n in range(MAX_PROBLEMS + 5)]
    dataset, problems = _loads_data_collecting(HEADER + "".join(rows))
    assert len(dataset) == MAX_PROBLEMS + 5
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].code == "data.too_many_problems"
    assert "5 more problems" in str(problems[-1])
    assert "còn 5 lỗi khác" in problems[-1].message("vi")


def test_duplicates_in_the_collecting_reader_keep_the_first() -> None:
    """A duplicate is a problem; the first observation stays in the dataset."""
    dataset, problems = _loads_data_collecting(HEADER + "A,2024,1\nA,2024,2\nA,2024,3\n")
    assert [o.value for o in dataset] == [Quantity(1)]
    assert [p.line for p in problems] == [3, 4]


# ------------------------------------------------------------------ messages


def test_near_miss_column_names_are_suggested() -> None:
    """An unknown column close to a known one suggests it, in both languages."""
    with pytest.raises(DataError) as info:
        loads_data("indicator,periode,value\n")
    assert "did you mean 'period'?" in info.value.message("en")
    assert "có phải là 'period' không?" in info.value.message("vi")
    with pytest.raises(DataError) as far:
        loads_data("indicator,period,value,xyzzy\n")
    assert "did you mean" not in far.value.message("en")


def test_messages_name_units_by_their_labels() -> None:
    """Messages about values name units as people know them, not by registry names."""
    with pytest.raises(DataError) as info:
        Observation("KT12", "2024", value="3 tỷ đồng", numerator=1, denominator=2)
    assert "3 tỷ đồng" in info.value.message("vi")
    assert "billion_VND" not in info.value.message("vi")


def test_kinds_are_read_whatever_the_case() -> None:
    """Kind cells are read whatever their case and spaces."""
    data = loads_data("indicator,period,value,kind\nA,2024,1, Assigned \nA,2024,2,ESTIMATE\n")
    assert [o.kind for o in data] == [Kind.ASSIGNED, Kind.ESTIMATE]


def test_from_dataframe_reads_the_plans_way() -> None:
    """Dataset.from_dataframe(frame, plan=...) reads text values in the plan's format and units."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"indicator": ["KT02"], "period": ["2024"], "value": ["1.850 đơn"]})
    plan = _plan(number_format="vi", units=[PETITION])
    data = Dataset.from_dataframe(frame, plan=plan)
    assert data.get("KT02", "2024").value == Quantity(1850, "petition")  # type: ignore[union-attr]
    with pytest.raises(ArgumentTypeError, match="plan= must be a Plan"):
        Dataset.from_dataframe(frame, plan="p")  # type: ignore[arg-type]
    with pytest.raises(ArgumentTypeError, match="must be a pandas DataFrame"):
        Dataset.from_dataframe([1, 2])


@settings(max_examples=30, deadline=None)
@given(thidua.strategies.datasets(thidua.examples.hoa_thuan_2024()))
def test_written_datasets_read_back_equal(dataset: Dataset) -> None:
    """dump_data then loads_data gives the same observations, by both readers."""
    text = dump_data(dataset)
    again = loads_data(text, number_format="en")
    collected, problems = _loads_data_collecting(text, number_format="en")
    assert problems == []
    assert [(o.key, o.value, o.rate, o.note) for o in again] == [
        (o.key, o.value, o.rate, o.note) for o in dataset
    ]
    assert collected == again


def test_long_inputs_are_cut_short_in_messages() -> None:
    """A message quotes at most the first 60 characters of a long input."""
    with pytest.raises(DataError) as info:
        loads_data("x" * 100_000 + ",period,value\n")
    for language in ("vi", "en"):
        assert len(info.value.message(language)) < 400
        assert "x" * 60 + "…'" in info.value.message(language)
    with pytest.raises(ParseError) as value:
        parse_value("x'y" * 100)
    assert len(str(value.value)) < 300
