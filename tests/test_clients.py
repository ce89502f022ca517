"""Real SPARQL clients against the live endpoint: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

from api.app import create_app
from tests.builders import BASE, cable_store
from tests.live_server import LiveServer, serve

pytestmark = pytest.mark.server

PREFIXES = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX kg: <https://w3id.org/cablegraph/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""
CABLES = (
    PREFIXES
    + """SELECT ?id ?classification WHERE {
  ?cable dcterms:identifier ?id ; kg:classification ?classification } ORDER BY ?id"""
)


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    with serve(create_app(cable_store())) as live:
        yield live


@pytest.fixture
def sparql(server: LiveServer) -> SPARQLWrapper:
    return SPARQLWrapper(f"{server.url}/sparql")


def test_sparqlwrapper_select_json(sparql: SPARQLWrapper) -> None:
    sparql.setQuery(CABLES)
    sparql.setReturnFormat(JSON)
    result: Any = sparql.query().convert()
    assert [b["id"]["value"] for b in result["results"]["bindings"]] == [
        "07MOSCOW627",
        "07MOSCOW628",
    ]
    assert result["head"]["vars"] == ["id", "classification"]


def test_sparqlwrapper_select_xml_by_post(sparql: SPARQLWrapper) -> None:
    sparql.setQuery(CABLES)
    sparql.setReturnFormat(XML)
    sparql.setMethod(POST)
    document: Any = sparql.query().convert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == ["07MOSCOW627", "SECRET//NOFORN", "07MOSCOW628", "CONFIDENTIAL"]


def test_sparqlwrapper_select_csv(sparql: SPARQLWrapper) -> None:
    sparql.setQuery(CABLES)
    sparql.setReturnFormat(CSV)
    data: Any = sparql.query().convert()
    table = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert table == [
        ["id", "classification"],
        ["07MOSCOW627", "SECRET//NOFORN"],
        ["07MOSCOW628", "CONFIDENTIAL"],
    ]


def test_sparqlwrapper_ask(sparql: SPARQLWrapper) -> None:
    sparql.setQuery(PREFIXES + 'ASK { ?p foaf:name "Vladimir Titov" }')
    sparql.setReturnFormat(JSON)
    result: Any = sparql.query().convert()
    assert result["boolean"] is True


def test_sparqlwrapper_construct(sparql: SPARQLWrapper) -> None:
    sparql.setQuery(PREFIXES + "CONSTRUCT { ?p foaf:name ?n } WHERE { ?p foaf:name ?n }")
    sparql.setReturnFormat(TURTLE)
    data: Any = sparql.query().convert()
    graph = Graph().parse(data=data, format="turtle")
    assert set(graph.objects(None, URIRef("http://xmlns.com/foaf/0.1/name"))) == {
        Literal("Vladimir Titov"),
        Literal("William Burns"),
    }


def test_rdflib_sparqlstore_reads_through_the_endpoint(server: LiveServer) -> None:
    graph = Graph(store=SPARQLStore(f"{server.url}/sparql"))
    rows = list(graph.query(CABLES))
    assert [str(row[0]) for row in rows] == ["07MOSCOW627", "07MOSCOW628"]  # type: ignore[index]
    cable = URIRef(f"{BASE}cable/07MOSCOW628")
    title = graph.value(cable, URIRef("http://purl.org/dc/terms/title"))
    assert title == Literal('DFM TITOV ON KOSOVO, "FINAL STATUS" AND THE UNSC')
    assert (cable, URIRef("http://purl.org/dc/terms/identifier"), Literal("07MOSCOW628")) in graph


TRIPLE = (URIRef("http://e/s"), URIRef("http://e/p"), Literal("o"))


def test_rdflib_sparqlupdatestore_is_refused_on_a_read_only_server(server: LiveServer) -> None:
    url = f"{server.url}/sparql"
    graph = Graph(store=SPARQLUpdateStore(url, url), identifier=URIRef("http://e/g"))
    with pytest.raises(Exception, match="403"):
        graph.add(TRIPLE)


def test_rdflib_sparqlupdatestore_writes_with_the_token() -> None:
    store = cable_store()
    with serve(create_app(store, update_token="t0ken")) as live:
        url = f"{live.url}/sparql"
        update_store = SPARQLUpdateStore(url, url, headers={"Authorization": "Bearer t0ken"})
        graph = Graph(store=update_store, identifier=URIRef("http://e/g"))
        graph.add(TRIPLE)
        assert TRIPLE in graph
    assert bool(store.query('ASK { GRAPH <http://e/g> { <http://e/s> <http://e/p> "o" } }'))
