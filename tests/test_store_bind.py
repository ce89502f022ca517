"""kg.store.bind and RemoteStore without a server: bound values in query text, the shape."""

from __future__ import annotations

import inspect

import pyoxigraph as ox
import pytest

from kg.store import Store
from kg.store.bind import substitute
from kg.store.remote import RemoteStore, update_endpoint_of

WISNER = ox.Literal("Wisner")


def test_a_variable_becomes_its_term_everywhere() -> None:
    sparql = "SELECT ?name WHERE { ?p <n> ?name FILTER(CONTAINS(?name, ?person)) }"
    assert substitute(sparql, {"person": WISNER}) == (
        'SELECT ?name WHERE { ?p <n> ?name FILTER(CONTAINS(?name, "Wisner")) }'
    )


def test_a_projected_variable_stays_projected_with_its_value() -> None:
    sparql = "SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } LIMIT 5"
    iri = ox.NamedNode("https://example.org/x")
    assert substitute(sparql, {"s": iri}) == (
        "SELECT DISTINCT (<https://example.org/x> AS ?s) ?p ?o { <https://example.org/x> ?p ?o }"
        " LIMIT 5"
    )


def test_strings_iris_comments_and_longer_names_are_left_alone() -> None:
    sparql = (
        "# ?person in a comment\n"
        'SELECT ?personWords WHERE { ?x <urn:?person> \'?person\' ; <p> """?person""" ;'
        " <q> $person }"
    )
    assert substitute(sparql, {"person": WISNER}) == sparql.replace("$person", '"Wisner"')


def test_a_value_cannot_be_read_as_sparql() -> None:
    hostile = ox.Literal('x" } ; DROP ALL ; SELECT * { "')
    text = substitute("SELECT ?n WHERE { ?s ?p ?n FILTER(?n = ?v) }", {"v": hostile})
    assert '"x\\" } ; DROP ALL ; SELECT * { \\""' in text


def test_a_subquery_projects_its_own_select_clause() -> None:
    sparql = "SELECT ?a WHERE { { SELECT ?v (COUNT(?x) AS ?a) WHERE { ?x ?y ?v } GROUP BY ?v } }"
    assert '{ SELECT ("Wisner" AS ?v) (COUNT(?x) AS ?a) WHERE { ?x ?y "Wisner" }' in (
        substitute(sparql, {"v": WISNER})
    )


@pytest.mark.parametrize(
    ("endpoint", "update"),
    [
        ("http://h:7878/query", "http://h:7878/update"),
        ("http://h:3030/kg/query/", "http://h:3030/kg/update"),
        ("http://h:8000/sparql", "http://h:8000/sparql"),
    ],
)
def test_the_update_endpoint_beside_the_query_endpoint(endpoint: str, update: str) -> None:
    assert update_endpoint_of(endpoint) == update


def test_remote_store_overrides_every_method_that_reaches_the_engine() -> None:
    """RemoteStore is a Store for the readers' types; it has no engine, so every method of
    Store that uses one must be its own."""
    engine_free = {"select", "_select", "cable_graphs", "prefixes", "_remove_unfinished_groups"}
    for name, _ in inspect.getmembers(Store, inspect.isfunction):
        if name in engine_free or (name.startswith("__") and name != "__len__"):
            continue
        assert name in vars(RemoteStore), f"RemoteStore.{name} reaches Store's engine"
        assert "oxigraph" not in inspect.getsource(getattr(RemoteStore, name)), name
    for name in engine_free - {"_remove_unfinished_groups"}:
        assert "self.oxigraph" not in inspect.getsource(getattr(Store, name)), name
