"""Errors: one root, built-in bases, codes, messages in two languages, pickling."""

from __future__ import annotations

import pickle

import pytest

import thidua
from thidua import (
    ArgumentTypeError,
    DataError,
    NotFoundError,
    ParseError,
    PlanError,
    ThiduaError,
    UnitError,
    UsageError,
)
from thidua.errors import clean_text


@pytest.mark.parametrize("cls", [ParseError, UnitError, DataError, PlanError, UsageError])
def test_every_error_is_a_thidua_error_and_a_value_error(cls: type[ThiduaError]) -> None:
    """Concrete errors derive from ThiduaError and ValueError."""
    assert issubclass(cls, ThiduaError)
    assert issubclass(cls, ValueError)


def test_lookups_and_types_have_their_builtin_bases() -> None:
    """A missing id is a KeyError, a wrong argument type a TypeError, both ThiduaErrors."""
    assert issubclass(NotFoundError, KeyError)
    assert issubclass(NotFoundError, ThiduaError)
    assert issubclass(ArgumentTypeError, TypeError)
    assert issubclass(ArgumentTypeError, ThiduaError)


def _negative() -> DataError:
    return DataError(
        "a count cannot be negative (-1 hộ)",
        code="data.negative_count",
        vi="số đếm không được âm (-1 hộ)",
        file="data.csv",
        line=7,
        column=3,
        indicator="KT07",
        period="2024",
        hint="check the sign",
        hint_vi="kiểm tra lại dấu",
    )


def test_message_names_the_location_and_the_fix_in_both_languages() -> None:
    """The message is built from the structured fields, in English and in Vietnamese."""
    error = _negative()
    assert (
        error.message("en")
        == "data.csv:7:3: indicator KT07, period 2024: a count cannot be negative (-1 hộ). check the sign"
    )
    assert (
        error.message("vi")
        == "data.csv:7:3: chỉ tiêu KT07, kỳ 2024: số đếm không được âm (-1 hộ). kiểm tra lại dấu"
    )
    assert str(error) == error.message("en")
    assert (error.what("vi"), error.how("vi")) == (
        "số đếm không được âm (-1 hộ)",
        "kiểm tra lại dấu",
    )
    assert error.code == "data.negative_count"


def test_sheet_and_cell_locate_a_workbook_problem() -> None:
    """A workbook location reads file, sheet!cell."""
    error = DataError("x", code="data.c", vi="y", file="so-lieu.xlsx", sheet="Sheet1", cell="C7")
    assert error.message("vi") == "so-lieu.xlsx, Sheet1!C7: y"


def test_member_and_key_are_named() -> None:
    """A member and a key path come before the indicator."""
    error = PlanError("x", code="plan.c", vi="y", member="P1", key="members[0].id")
    assert error.message("en") == "member P1, at members[0].id: x"
    assert error.message("vi") == "đơn vị P1, tại mục members[0].id: y"


def test_unknown_language_is_a_usage_error() -> None:
    """Only Vietnamese and English are written."""
    with pytest.raises(UsageError) as info:
        _negative().message("fr")
    assert info.value.code == "usage.language"


def test_errors_pickle_with_their_fields() -> None:
    """Errors survive pickling with every field, code and both languages."""
    error = ParseError(
        "bad", code="rule.x", vi="sai", text="trên x", position=5, hint="a", hint_vi="b"
    )
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert type(copy) is ParseError
    assert (copy.code, copy.text, copy.position, copy.hint, copy.message("vi")) == (
        "rule.x",
        "trên x",
        5,
        "a",
        error.message("vi"),
    )


def test_located_fills_only_missing_fields() -> None:
    """located() adds the file and line without overwriting what is known."""
    error = UnitError("oops", code="unit.x", vi="ôi", indicator="KT07")
    moved = error.located(file="f.csv", line=3, indicator="X")
    assert (moved.file, moved.line, moved.indicator, moved.code) == ("f.csv", 3, "KT07", "unit.x")
    assert moved.message("vi") == "f.csv:3: chỉ tiêu KT07: ôi"
    with pytest.raises(TypeError):
        error.located(nonsense=1)


def test_as_dict_is_plain_data() -> None:
    """as_dict() gives the code, the class, both messages and the fields that are set."""
    doc = _negative().as_dict()
    assert doc["code"] == "data.negative_count"
    assert doc["error"] == "DataError"
    assert doc["message"]["vi"].startswith("data.csv:7:3: chỉ tiêu KT07")
    assert (doc["line"], doc["indicator"]) == (7, "KT07")
    assert "member" not in doc


def test_control_characters_never_reach_a_message() -> None:
    """An escape sequence in the input is shown escaped in every part of the message."""
    error = DataError(
        "unknown org unit 'K1\x1b[2J'", code="data.x", vi="không rõ 'K1\x1b[2J'", file="a\x07.csv"
    )
    for language in ("vi", "en"):
        text = error.message(language)
        assert "\x1b" not in text
        assert "\x07" not in text
        assert "\\x1b[2J" in text


def test_clean_text_refuses_controls_and_surrogates() -> None:
    """Input text with a control character or a lone surrogate is refused, with the position."""
    assert clean_text("Kho\u0301m 1", what="a name", what_vi="tên") == "Khóm 1"
    assert clean_text("a\tb\nc", what="a note", what_vi="ghi chú", multiline=True) == "a\tb\nc"
    for bad, at in (("K1\x1b[2J", 2), ("x\ud800", 1), ("a\u202eb", 1), ("a\tb", 1)):
        with pytest.raises(ParseError) as info:
            clean_text(bad, what="a name", what_vi="tên")
        assert info.value.code == "text.control_character"
        assert info.value.position == at
        assert "\\" in info.value.message("vi")


def test_extra_error_is_an_import_error() -> None:
    """A missing optional extra is a ThiduaError and an ImportError."""
    assert issubclass(thidua.ExtraNotInstalledError, ImportError)
