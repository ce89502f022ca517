"""The shape of the source tree: what the layout promises, checked on every run.

- no import cycle among the modules of ``kg`` and ``api`` (every import counts: at the
  top, inside a function, under ``TYPE_CHECKING``);
- the core never imports the web app: nothing in ``kg`` but ``kg.cli`` imports ``api``;
- no module over 500 lines, no function over 100; the files over a limit today are
  listed below by name, each with what it measures, and the list only shrinks: an entry
  that no longer exceeds its limit fails until it is taken off;
- the store's engine stays inside ``kg/store``; namespace IRIs are typed in the
  vocabulary module alone.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from kg.rdf import vocabulary

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("kg", "api")
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 100

#: Over a limit today, and rewritten elsewhere: (path, function or None for the module).
#: Take an entry off once it fits; never add one.
OVER_THE_LIMIT: dict[tuple[str, str | None], int] = {}


@cache
def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def modules() -> dict[str, Path]:
    """Every module of the packages, by dotted name (a package by its own name)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = modules()


def imported(name: str, path: Path) -> Iterator[str]:
    """The project modules that module ``name`` imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(parsed(path)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from kg.rdf import terms`` imports the module kg.rdf.terms.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                yield target


GRAPH = {name: set(imported(name, path)) for name, path in MODULES.items()}


def cycle() -> list[str] | None:
    """One import cycle, as the modules along it, or None."""
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done
    path: list[str] = []

    def walk(name: str) -> list[str] | None:
        state[name] = 1
        path.append(name)
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := walk(target)):
                return found
        path.pop()
        state[name] = 2
        return None

    for name in sorted(GRAPH):
        if name not in state and (found := walk(name)):
            return found
    return None


def test_no_import_cycle() -> None:
    found = cycle()
    assert found is None, " -> ".join(found or [])


def test_the_core_never_imports_the_web_app() -> None:
    for name, targets in GRAPH.items():
        if name.startswith("kg") and not name.startswith("kg.cli"):
            assert not {t for t in targets if t.split(".")[0] == "api"}, name


@cache
def measures() -> dict[tuple[str, str | None], int]:
    """Lines of every module and function of the packages, by (path, function)."""
    found: dict[tuple[str, str | None], int] = {}
    for path in MODULES.values():
        where = path.relative_to(ROOT).as_posix()
        found[(where, None)] = len(path.read_text(encoding="utf-8").splitlines())
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                lines = node.end_lineno - node.lineno + 1
                found[(where, node.name)] = max(lines, found.get((where, node.name), 0))
    return found


def test_no_module_over_500_lines_nor_function_over_100() -> None:
    over = {
        key: lines
        for key, lines in measures().items()
        if lines > (MAX_MODULE_LINES if key[1] is None else MAX_FUNCTION_LINES)
    }
    assert set(over) <= set(OVER_THE_LIMIT), sorted(set(over) - set(OVER_THE_LIMIT), key=str)


@pytest.mark.parametrize(("key", "lines"), sorted(OVER_THE_LIMIT.items(), key=str))
def test_the_list_of_exceptions_only_shrinks(key: tuple[str, str | None], lines: int) -> None:
    now = measures().get(key, 0)
    limit = MAX_MODULE_LINES if key[1] is None else MAX_FUNCTION_LINES
    assert now > limit, f"{key} fits now ({now} lines): take it off OVER_THE_LIMIT"
    assert now <= lines, f"{key} grew from {lines} to {now} lines"


def attributes(path: Path) -> set[str]:
    return {node.attr for node in ast.walk(parsed(path)) if isinstance(node, ast.Attribute)}


def test_only_the_store_touches_its_engine() -> None:
    for name, path in MODULES.items():
        if not name.startswith("kg.store"):
            assert "oxigraph" not in attributes(path), f"{name} reaches Store.oxigraph"


def strings(path: Path) -> Iterator[str]:
    for node in ast.walk(parsed(path)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def test_namespace_iris_are_typed_in_the_vocabulary_alone() -> None:
    namespaces = [*vocabulary.NAMESPACES.values(), vocabulary.SD_NS, vocabulary.FORMATS_NS]
    for name, path in MODULES.items():
        if name == "kg.rdf.vocabulary":
            continue
        for text in strings(path):
            typed = [ns for ns in namespaces if ns in text]
            assert not typed, f"{name} types {typed[0]}"


#: Test modules being rewritten elsewhere, left as they are: (importer, imported).
TEST_IMPORTS_LEFT = {("tests.test_limits", "tests.test_sparql_limits")}


def test_no_test_module_imports_another() -> None:
    """Builders live in ``tests/builders.py``, fixtures in ``tests/conftest.py``."""
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        name = f"tests.{path.stem}"
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tests.test"):
                assert (name, node.module) in TEST_IMPORTS_LEFT, f"{name} imports {node.module}"
