"""One rule for "a person's name matches" (``kg.matching``), whoever asks.

The saved queries hold the rule's SPARQL verbatim (a query file cannot import it), and
GraphQL builds its queries from it: for the same words both name the same people.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest

from api.gql.context import Context
from api.graphql import schema
from kg.matching import has_words, user_words
from kg.queries import load_queries, run_saved
from kg.store import Store

QUERIES = Path(__file__).resolve().parent.parent / "queries"
#: Full names, surnames, first names, any case and punctuation, and words that match no
#: name (parts of words, words out of order, no word at all).
TEXTS = [
    "Wisner",
    "frank wisner",
    " FRANK-Wisner. ",
    "Titov",
    "Vladimir",
    "vladimir titov",
    "Burns",
    "Lavrov",
    "isner",
    "Wisner Frank",
    "--",
    "Titova",
]


def graphql(store: Store, query: str, **variables: Any) -> dict[str, Any]:
    result = asyncio.run(
        schema.execute(query, variable_values=variables, context_value=Context.for_store(store))
    )
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


def values(rows: list[dict[str, Any]], column: str) -> set[str]:
    return {str(row[column].value) for row in rows if column in row}


def states(sparql: str, fragment: str) -> bool:
    """Whether every line of ``fragment`` is a line of ``sparql`` (indentation aside)."""
    lines = {line.strip() for line in sparql.splitlines()}
    return all(line.strip() in lines for line in fragment.splitlines())


def test_every_saved_query_on_people_states_the_rule_verbatim() -> None:
    on_people = {
        name: saved
        for name, saved in load_queries(QUERIES).items()
        if any(p.name == "person" for p in saved.parameters)
    }
    assert {"who_met", "cables_mentioning", "person_everywhere", "who_classified"} <= set(on_people)
    for name, saved in on_people.items():
        assert states(saved.sparql, user_words("?person", "?personWords")), name
        compared = re.findall(
            r'FILTER\(CONTAINS\(CONCAT\(" ", REPLACE\(LCASE\(STR\((\?\w+)\)\).*, \?personWords\)\)',
            saved.sparql,
        )
        assert compared, f"{name}: no name compared with ?personWords"
        for variable in compared:
            assert states(saved.sparql, has_words(variable, "?personWords")), (name, variable)


@pytest.mark.parametrize("text", TEXTS)
def test_graphql_and_the_saved_queries_name_the_same_cables(seed_store: Store, text: str) -> None:
    data = graphql(
        seed_store,
        "query($p: String!) { cables(first: 100, where: {person: $p}) "
        "{ edges { node { referenceId } } } }",
        p=text,
    )
    by_graphql = {edge["node"]["referenceId"] for edge in data["cables"]["edges"]}
    rows = run_saved(seed_store, "cables_mentioning", {"person": text}, directory=QUERIES)
    assert by_graphql == values(rows, "reference_id")


@pytest.mark.parametrize("text", TEXTS)
def test_graphql_and_who_met_name_the_same_people(seed_store: Store, text: str) -> None:
    data = graphql(
        seed_store,
        'query($p: String!) { meetings(participant: $p, topic: "Kosovo") '
        "{ participants { name } } }",
        p=text,
    )
    met = {p["name"] for meeting in data["meetings"] for p in meeting["participants"]}
    rows = run_saved(seed_store, "who_met", {"person": text, "topic": "Kosovo"}, directory=QUERIES)
    others = values(rows, "name")
    assert others <= met
    assert bool(others) == bool(met)
