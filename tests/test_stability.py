"""What is public is what ``__all__`` names, and docs/api.md documents exactly that (issue 18).

The stability policy (docs/stability.md): the public API of thidua is the names
in the ``__all__`` of the package and of each public module (a module directly
in the package whose name does not start with ``_``). This test reads the
``automodule`` sections of docs/api.md and the package's own list, and checks
them against the code both ways.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import warnings
from pathlib import Path

import pytest

import thidua

ROOT = Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
POLICY = (ROOT / "docs" / "stability.md").read_text(encoding="utf-8")

_SECTION = re.compile(r"^\.\. automodule:: (\S+)\n((?:   :\S+:.*\n)*)", re.MULTILINE)


def _documented() -> dict[str, list[str]]:
    """Each module the page documents, with the members it lists (in order)."""
    found: dict[str, list[str]] = {}
    for match in _SECTION.finditer(PAGE):
        module, options = match.group(1), match.group(2)
        assert module not in found, f"{module} is documented twice"
        listed = re.search(r"^   :members: (.*)$", options, re.MULTILINE)
        found[module] = [] if listed is None else [m.strip() for m in listed.group(1).split(",")]
    return found


DOCUMENTED = _documented()
PUBLIC = sorted(
    f"thidua.{m.name}" for m in pkgutil.iter_modules(thidua.__path__) if not m.name.startswith("_")
)


def _package_list() -> list[str]:
    """The names the page's section "The package" lists, in backticks."""
    section = PAGE.split("## The package", 1)[1].split("\n## ", 1)[0]
    paragraph = next(p for p in section.split("\n\n") if p.startswith("`"))
    return re.findall(r"`([^`]+)`", paragraph)


def test_the_public_modules_are_found() -> None:
    """The scan sees the modules users import (and no private one)."""
    for module in ("thidua.formats", "thidua.schemas", "thidua.evaluation", "thidua.cli"):
        assert module in PUBLIC
    assert not [m for m in PUBLIC if m.split(".")[1].startswith("_")]


@pytest.mark.parametrize("module", PUBLIC)
def test_each_public_module_has_all_and_the_page_documents_exactly_it(module: str) -> None:
    """Every name of __all__ is on the page, every name the page lists is in __all__."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loaded = importlib.import_module(module)
    names = getattr(loaded, "__all__", None)
    assert names is not None, f"{module} has no __all__"
    assert len(set(names)) == len(names), f"{module}.__all__ names something twice"
    for name in names:
        assert hasattr(loaded, name), f"{module}.__all__ names {name}, which it does not have"
    assert module in DOCUMENTED, f"docs/api.md has no automodule section for {module}"
    listed = DOCUMENTED[module]
    assert len(set(listed)) == len(listed), f"docs/api.md lists a name of {module} twice"
    assert set(names) - set(listed) == set(), f"{module}: in __all__, not in docs/api.md"
    assert set(listed) - set(names) == set(), f"{module}: in docs/api.md, not in __all__"


@pytest.mark.parametrize("module", sorted(set(DOCUMENTED) - set(PUBLIC)))
def test_a_documented_submodule_is_public_and_documented_exactly(module: str) -> None:
    """A section for a module inside a public package: no private part, __all__ exactly."""
    assert module.startswith("thidua.")
    assert not any(part.startswith("_") for part in module.split("."))
    assert ".".join(module.split(".")[:2]) in PUBLIC
    names = importlib.import_module(module).__all__
    assert set(names) == set(DOCUMENTED[module])


def test_the_page_documents_every_public_module() -> None:
    """Each public module has a section (a module that went away has none)."""
    assert set(PUBLIC) <= set(DOCUMENTED)


def test_the_package_list_is_thidua_all() -> None:
    """The section "The package" lists thidua.__all__ exactly; each name is documented."""
    listed = _package_list()
    assert len(set(listed)) == len(listed)
    assert set(listed) == set(thidua.__all__)
    everywhere = {(module, name) for module, members in DOCUMENTED.items() for name in members}
    for name in thidua.__all__:
        if name == "__version__":
            continue
        value = getattr(thidua, name)
        if f"thidua.{name}" in DOCUMENTED:  # a submodule
            assert value is importlib.import_module(f"thidua.{name}")
            continue
        homes = [m for m, n in everywhere if n == name]
        assert homes, f"thidua.{name} is documented in no module section"
        assert any(getattr(importlib.import_module(m), name) is value for m in homes), name


def test_the_policy_page_states_the_rules() -> None:
    """The page names __all__, semantic versioning, DeprecationWarning and the first example."""
    for words in ("__all__", "Semantic Versioning", "DeprecationWarning", "json_version=0"):
        assert words in POLICY


def test_the_first_deprecation_warns() -> None:
    """The legacy JSON (json_version=0), the policy's first example, warns as it says."""
    evaluation = thidua.evaluate(
        thidua.examples.hoa_thuan_2024(), thidua.examples.hoa_thuan_2024_data()
    )
    with pytest.warns(DeprecationWarning, match=r"json_version=0 .* 0\.5\.0"):
        thidua.formats.to_dict(evaluation, json_version=0)
