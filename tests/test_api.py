"""The public face: exports, docstrings, typing marker and doctests."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
from importlib import resources
from types import ModuleType

import pytest

import thidua

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(thidua.__path__, "thidua.")
    if not m.name.split(".")[-1].startswith("_")
)


def test_all_is_sorted_and_complete() -> None:
    """__all__ is sorted and equals the public names (submodules only where exported)."""
    for name in thidua.__all__:  # every name resolves (they are imported on first use)
        getattr(thidua, name)
    public = {
        name
        for name, value in vars(thidua).items()
        if not name.startswith("_")
        and not (isinstance(value, ModuleType) and name not in thidua.__all__)
    }

    def order(name: str) -> tuple[int, str]:
        return (0 if name[0].isupper() else 1 if name.startswith("__") else 2, name)

    assert list(thidua.__all__) == sorted(thidua.__all__, key=order)
    assert set(thidua.__all__) - {"__version__"} == public


@pytest.mark.parametrize("name", MODULES)
def test_public_names_have_docstrings(name: str) -> None:
    """Every public module, class and function has a docstring."""
    module = importlib.import_module(name)
    assert module.__doc__
    for attr in getattr(module, "__all__", []):
        obj = getattr(module, attr)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert obj.__doc__, f"{name}.{attr}"


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    """The examples in docstrings run."""
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert failures == 0


def test_typed_marker_is_shipped() -> None:
    """py.typed ships, so type checkers use the annotations."""
    assert resources.files("thidua").joinpath("py.typed").is_file()


def test_version() -> None:
    """The version is a string."""
    assert isinstance(thidua.__version__, str)


def test_the_command_line_starts_without_heavy_imports() -> None:
    """Evaluating the example imports neither pint nor any optional extra (start-up time)."""
    import subprocess
    import sys

    code = (
        "import sys; from thidua.cli import main; main(['evaluate', '--example', "
        "'hoa-thuan-2024', '--format', 'json']); heavy = {'pint', 'numpy', 'pandas', "
        "'matplotlib', 'jinja2', 'openpyxl', 'hypothesis', 'icalendar'}; "
        "print(sorted(heavy & set(sys.modules)), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stderr.strip() == "[]"
