"""The layers of the package, as the Architecture page declares them, hold in the code.

The table is read from ``docs/architecture.md`` (the page and the test cannot
drift apart) and every module of ``src/thidua`` is parsed with :mod:`ast`. Every
import counts: at the top of a module, inside a function or a class, and under
``TYPE_CHECKING`` (none of those needs an exemption).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "thidua"
PAGE = ROOT / "docs" / "architecture.md"

#: The one kind of exception the page allows: a notebook display hook
#: (``_repr_html_``) of a lower layer reaching up to ``thidua.display``.
#: (importing module, the function that imports, imported module)
HOOKS = {
    ("thidua.plans", "Indicator._repr_html_", "thidua.display"),
    ("thidua.plans", "Plan._repr_html_", "thidua.display"),
    ("thidua.evaluation.results", "Result._repr_html_", "thidua.display"),
    ("thidua.evaluation.results", "Evaluation._repr_html_", "thidua.display"),
    ("thidua.clusters.many", "Evaluations._repr_html_", "thidua.display"),
    ("thidua.clusters.standings", "ClusterRanking._repr_html_", "thidua.display"),
}

#: Known violations, to be fixed and then removed from here (the test fails on an
#: entry that no longer violates): the DataFrame methods of the model and the
#: evaluation reach up to the faces' ``_frames``.
KNOWN: set[tuple[str, str, str]] = set()


class Layer(NamedTuple):
    """One row of the page's table."""

    number: int
    name: str
    #: The entries of the Modules column: ``name``, ``name.*`` or ``thidua``.
    entries: tuple[str, ...]


class Import(NamedTuple):
    """One import of a module of the package by another."""

    importer: str
    imported: str
    line: int
    #: The qualified name of the function or class it is made in ("" at the top).
    where: str
    #: Made inside a function (run when called, not when the module loads).
    lazy: bool
    #: Made under ``if TYPE_CHECKING:``.
    typing_only: bool

    @property
    def key(self) -> tuple[str, str, str]:
        """How :data:`HOOKS` and :data:`KNOWN` name it."""
        return (self.importer, self.where, self.imported)

    def __str__(self) -> str:
        path = self.importer.replace(".", "/")
        if (PACKAGE.parent / path).is_dir():
            path += "/__init__"
        where = f" in {self.where}" if self.where else ""
        return f"src/{path}.py:{self.line}{where}: imports {self.imported}"


def _layers() -> list[Layer]:
    """The table of the page: rows whose first cell is the layer's number."""
    layers = []
    for line in PAGE.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 3 and cells[0].isdigit():
            entries = tuple(re.findall(r"`([^`]+)`", cells[2]))
            layers.append(Layer(int(cells[0]), cells[1], entries))
    return layers


LAYERS = _layers()


def _modules() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _matches(entry: str, module: str) -> bool:
    if entry == "thidua":
        return module == "thidua"
    if entry.endswith(".*"):
        package = f"thidua.{entry[:-2]}"
        return module == package or module.startswith(package + ".")
    return module == f"thidua.{entry}"


def _layer_of() -> dict[str, int]:
    return {
        module: layer.number
        for layer in LAYERS
        for entry in layer.entries
        for module in MODULES
        if _matches(entry, module)
    }


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve(name: str) -> str | None:
    """The module of the package that ``name`` (a module or a name in one) lies in."""
    parts = name.split(".")
    while parts:
        if ".".join(parts) in MODULES:
            return ".".join(parts)
        parts.pop()
    return None


def _imports_of(module: str, path: Path) -> Iterator[Import]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]

    def targets(node: ast.Import | ast.ImportFrom) -> Iterator[str | None]:
        if isinstance(node, ast.Import):
            yield from (_resolve(a.name) for a in node.names)
            return
        base = node.module or ""
        if node.level:
            parts = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*parts, *([node.module] if node.module else [])])
        for alias in node.names:  # `from thidua import display` imports the module
            full = f"{base}.{alias.name}"
            yield full if full in MODULES else _resolve(base)

    def walk(node: ast.AST, where: str, lazy: bool, typing_only: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                for target in targets(child):
                    if target is not None and target != module:
                        yield Import(module, target, child.lineno, where, lazy, typing_only)
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                for part in child.body:
                    yield from walk(ast.Module([part], []), where, lazy, True)
                for part in child.orelse:
                    yield from walk(ast.Module([part], []), where, lazy, typing_only)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                inner = f"{where}.{child.name}" if where else child.name
                function = lazy or not isinstance(child, ast.ClassDef)
                yield from walk(child, inner, function, typing_only)
            else:
                yield from walk(child, where, lazy, typing_only)

    yield from walk(ast.parse(path.read_text(encoding="utf-8")), "", False, False)


IMPORTS = [i for module, path in MODULES.items() for i in _imports_of(module, path)]


def _upward() -> list[Import]:
    """The imports of a module of a higher layer (modules in no layer: see the table's test)."""
    layer = _layer_of()
    return [
        i
        for i in IMPORTS
        if i.importer in layer and i.imported in layer and layer[i.imported] > layer[i.importer]
    ]


# ------------------------------------------------------------------ the table itself


def test_the_page_declares_the_layers_lowest_first() -> None:
    """Six layers, numbered from 1 up, each with modules."""
    assert [layer.number for layer in LAYERS] == list(range(1, len(LAYERS) + 1))
    assert [layer.name for layer in LAYERS] == [
        "foundation",
        "model",
        "evaluation",
        "standings",
        "faces",
        "interface",
    ]
    assert all(layer.entries for layer in LAYERS)


def test_every_module_is_in_exactly_one_layer() -> None:
    """(a) Each module of the package is matched by one entry of the table, and no more."""
    places: dict[str, list[str]] = {module: [] for module in MODULES}
    for layer in LAYERS:
        for entry in layer.entries:
            for module in MODULES:
                if _matches(entry, module):
                    places[module].append(f"{layer.number} {layer.name} ({entry})")
    missing = sorted(m for m, found in places.items() if not found)
    twice = {m: found for m, found in places.items() if len(found) > 1}
    assert not missing, f"modules in no layer of docs/architecture.md: {missing}"
    assert not twice, f"modules in more than one layer: {twice}"


def test_every_entry_of_the_table_names_modules() -> None:
    """An entry that matches no module (renamed, moved, a typo) is an error of the page."""
    stale = [
        entry
        for layer in LAYERS
        for entry in layer.entries
        if not any(_matches(entry, module) for module in MODULES)
    ]
    assert not stale, f"entries of docs/architecture.md that name no module: {stale}"


# ------------------------------------------------------------------ the imports


def test_the_import_scan_sees_every_kind_of_import() -> None:
    """The scan finds top-level, in-function and TYPE_CHECKING imports (a check of the check)."""

    def found(importer: str, imported: str, *, lazy: bool, typing_only: bool) -> bool:
        return any(
            (i.importer, i.imported, i.lazy, i.typing_only)
            == (importer, imported, lazy, typing_only)
            for i in IMPORTS
        )

    assert found("thidua.report", "thidua.formats", lazy=False, typing_only=False)
    assert found("thidua.plans", "thidua._planfile", lazy=True, typing_only=False)
    assert found("thidua.formats", "thidua.scoring", lazy=False, typing_only=True)
    assert found("thidua.evaluation.core", "thidua._explain", lazy=False, typing_only=False)
    assert found("thidua.evaluation", "thidua.evaluation.core", lazy=False, typing_only=False)


def test_no_module_imports_a_higher_layer() -> None:
    """(b) Imports go down or stay in the layer, but for the named display hooks.

    Inside functions and under TYPE_CHECKING too; :data:`KNOWN` lists the
    violations found, to be fixed.
    """
    violations = [i for i in _upward() if i.key not in HOOKS | KNOWN]
    assert not violations, "imports of a higher layer:\n" + "\n".join(map(str, violations))


def test_the_exceptions_are_display_hooks_and_still_needed() -> None:
    """Each hook is a ``_repr_html_`` importing ``display`` from a lower layer, inside the method.

    An entry of :data:`HOOKS` or :data:`KNOWN` that no longer reaches up is
    stale: remove it.
    """
    upward = {i.key: i for i in _upward()}
    for importer, where, imported in HOOKS:
        assert where.endswith("._repr_html_"), where
        assert imported == "thidua.display", imported
        assert (importer, where, imported) in upward, f"not needed any more: {where}"
        assert upward[importer, where, imported].lazy
    fixed = sorted(KNOWN - set(upward))
    assert not fixed, f"fixed, so remove from KNOWN: {fixed}"


def test_no_import_cycle_between_layers() -> None:
    """(c) The imports between layers have no cycle; the exempt ones are made in functions.

    With no upward import (:func:`test_no_module_imports_a_higher_layer`) there
    can be no cycle; this names the cycle itself, should one appear. The exempt
    imports (:data:`HOOKS`, :data:`KNOWN`) go up, so they must be made when their
    function runs, never when the module loads: then they cannot make a cycle of
    imports at load time.
    """
    layer = _layer_of()
    exempt = HOOKS | KNOWN
    edges: dict[int, set[int]] = {}
    for i in IMPORTS:
        if i.key in exempt:
            assert i.lazy, f"an exempt import made when the module loads: {i}"
            continue
        low, high = layer.get(i.importer), layer.get(i.imported)
        if low is not None and high is not None and low != high:
            edges.setdefault(low, set()).add(high)

    def cycle_from(start: int, path: list[int]) -> list[int] | None:
        for nxt in sorted(edges.get(path[-1], ())):
            if nxt == start:
                return [*path, nxt]
            if nxt not in path:
                found = cycle_from(start, [*path, nxt])
                if found:
                    return found
        return None

    for start in edges:
        cycle = cycle_from(start, [start])
        assert cycle is None, f"layers import each other: {' -> '.join(map(str, cycle))}"


# ------------------------------------------------------------------ at run time


def _faces() -> list[str]:
    (faces,) = [layer for layer in LAYERS if layer.name == "faces"]
    return sorted(m for m in MODULES for e in faces.entries if _matches(e, m))


@pytest.mark.parametrize(
    "code",
    [
        "import thidua",
        "import thidua; ev = thidua.evaluate(thidua.examples.hoa_thuan_2024(), "
        "thidua.examples.hoa_thuan_2024_data()); str(ev); repr(ev); ev.results['KT07'].explanation",
    ],
    ids=["import", "evaluate"],
)
def test_the_package_loads_no_face(code: str) -> None:
    """``import thidua`` (and evaluating the example) imports none of the faces."""
    shown = f"{code}; import sys; print(sorted(m for m in sys.modules if m.startswith('thidua')))"
    done = subprocess.run(
        [sys.executable, "-c", shown],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=ROOT,
    )
    loaded = set(ast.literal_eval(done.stdout.strip()))
    assert loaded <= set(MODULES), sorted(loaded - set(MODULES))
    assert not loaded & set(_faces()), sorted(loaded & set(_faces()))


def test_drafting_is_a_reader_the_model_never_imports() -> None:
    """``drafting`` reads documents into plans: it may import the model, never the reverse.

    It sits in the model layer, beside the plan file's reader; only the package's
    lazy re-exports and the command line reach it.
    """
    layer = _layer_of()
    assert {layer[m] for m in MODULES if m.startswith("thidua.drafting")} == {2}
    importers = {i.importer for i in IMPORTS if i.imported.startswith("thidua.drafting")}
    assert {m for m in importers if not m.startswith("thidua.drafting")} <= {"thidua", "thidua.cli"}
