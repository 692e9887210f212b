"""Errors: one root, built-in bases, structured fields, messages and pickling."""

from __future__ import annotations

import pickle

import pytest

import thidua
from thidua import DataError, ParseError, PlanError, ThiduaError, UnitError


@pytest.mark.parametrize("cls", [ParseError, UnitError, DataError, PlanError])
def test_every_error_is_a_thidua_error_and_a_value_error(cls: type[ThiduaError]) -> None:
    """Concrete errors derive from ThiduaError and ValueError."""
    assert issubclass(cls, ThiduaError)
    assert issubclass(cls, ValueError)


def test_message_names_the_location_and_the_fix() -> None:
    """The message is built from the structured fields."""
    error = DataError(
        "a count cannot be negative (-1 household)",
        file="data.csv",
        line=7,
        column=3,
        indicator="KT07",
        period="2024",
        hint="check the sign",
    )
    assert (
        str(error)
        == "data.csv:7:3: indicator KT07, period 2024: a count cannot be negative (-1 household). check the sign"
    )


def test_errors_pickle_with_their_fields() -> None:
    """Errors survive pickling with every field."""
    error = ParseError("bad", text="trên x", position=5, hint="write a number")
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    assert type(copy) is ParseError
    assert (copy.text, copy.position, copy.hint, str(copy)) == (
        "trên x",
        5,
        "write a number",
        str(error),
    )


def test_located_fills_only_missing_fields() -> None:
    """located() adds the file and line without overwriting what is known."""
    error = UnitError("oops", indicator="KT07").located(file="f.csv", line=3, indicator="X")
    assert (error.file, error.line, error.indicator) == ("f.csv", 3, "KT07")
    with pytest.raises(TypeError):
        error.located(nonsense=1)


def test_extra_error_is_an_import_error() -> None:
    """A missing optional extra is a ThiduaError and an ImportError."""
    assert issubclass(thidua.ExtraNotInstalledError, ImportError)
