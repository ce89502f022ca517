"""One rule for "a person's name matches" (``kg.matching``), whoever asks.

The saved queries hold the rule's SPARQL verbatim (a query file cannot import it), and
GraphQL builds its queries from it: for the same words both name the same people.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from api.gql.context import Context
from api.graphql import schema
from kg.matching import key_of
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


def test_every_saved_query_on_people_looks_the_key_up_and_states_the_rule_verbatim() -> None:
    on_people = {
        name: saved
        for name, saved in load_queries(QUERIES).items()
        if any(p.name == "person" for p in saved.parameters)
    }
    assert {"who_met", "cables_mentioning", "person_everywhere", "who_classified"} <= set(on_people)
    for name, saved in on_people.items():
        # The key the runner writes in, looked up in the index...
        assert states(
            saved.sparql,
            "{ SELECT DISTINCT ?who ?person_key WHERE { ?who kg:nameKey ?person_key } }",
        ), name
        # ...and the same key made in SPARQL, for a client that binds PERSON alone.
        assert states(saved.sparql, f"BIND({key_of('?person')} AS ?personKey)"), name
        assert states(saved.sparql, "FILTER(?person_key = ?personKey)"), name
        assert "STR(?label)" not in saved.sparql, name


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
