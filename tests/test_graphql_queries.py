"""Every saved GraphQL operation in ``queries/*.graphql``: its header (title, description,
one ``param`` line per variable, an example), validity against the schema, and a run
of its example against the fixture data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from graphql import OperationDefinitionNode, parse, print_ast, validate

from api.graphql import schema
from kg.store import Store
from tests.builders import run_graphql

pytestmark = pytest.mark.store("graphql")

QUERIES = sorted((Path(__file__).parent.parent / "queries").glob("*.graphql"))
HEADER = re.compile(r"^#\s*(\w+)\s*:\s*(.*?)\s*$")
PARAM = re.compile(r"^(\w+)\s*\(([^)]*)\)\s*[—–-]+\s*(.+)$")


def header(path: Path) -> dict[str, list[str]]:
    """The ``# key: value`` lines that open the file."""
    fields: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = HEADER.match(line)
        if not match:
            break
        fields.setdefault(match.group(1), []).append(match.group(2))
    return fields


def test_the_saved_operations_are_there() -> None:
    names = {path.stem for path in QUERIES}
    assert {
        "who_met",
        "cables_mentioning",
        "people_in_cable",
        "cables_by_tag",
        "who_classified",
    } <= names


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_saved_operation(path: Path, store: Store) -> None:
    fields = header(path)
    assert fields.get("title"), f"{path.name}: no '# title:' line"
    assert fields.get("description"), f"{path.name}: no '# description:' line"
    document = parse(path.read_text(encoding="utf-8"))
    assert validate(schema._schema, document) == [], path.name
    (operation,) = document.definitions
    assert isinstance(operation, OperationDefinitionNode)
    definitions = operation.variable_definitions or ()
    variables = {v.variable.name.value: print_ast(v.type) for v in definitions}
    params = {}
    for line in fields.get("param", []):
        match = PARAM.match(line)
        assert match, f"{path.name}: param line {line!r} is not 'name (Type) — description'"
        params[match.group(1)] = match.group(2)
    assert params == variables, f"{path.name}: the param lines do not match the variables"

    (example,) = fields["example"]
    data = run_graphql(store, path.read_text(encoding="utf-8"), **json.loads(example))
    (result,) = data.values()
    assert result, f"{path.name}: the example found nothing in the fixture data"
