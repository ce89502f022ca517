"""The SPARQL endpoint in process: formats, negotiation, datasets, errors, writes, limits."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import httpx
import pyoxigraph as ox
import pytest

from api.app import create_app
from kg.store import Store
from tests.builders import BASE, cable_store
from tests.live_server import client_for

pytestmark = [pytest.mark.server, pytest.mark.store("sample")]

TRICKY = """SELECT ?s ?o WHERE { VALUES (?s ?o) {
  (<http://e/1> "plain") (<http://e/2> "chat"@fr) (<http://e/3> 42)
  (<http://e/4> "a,b\\"c\\nd\\t<&>") (<http://e/5> UNDEF) (<http://e/6> "ünï €")
  (<http://e/7> "2007-02-13"^^<http://www.w3.org/2001/XMLSchema#date>) } }"""

CABLES = """PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?id WHERE { ?cable dcterms:identifier ?id } ORDER BY ?id"""

PARSEABLE = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_MEDIA = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[httpx.Client]:
    with client_for(create_app(store)) as http:
        yield http


def rows(solutions: Any) -> list[list[str | None]]:
    names = [v.value for v in solutions.variables]
    return [[None if s[n] is None else str(s[n]) for n in names] for s in solutions]


def media(response: Any) -> str:
    return str(response.headers["content-type"]).split(";")[0]


# -- answers -----------------------------------------------------------------------------


@pytest.mark.parametrize("media_type", list(PARSEABLE))
def test_select_reads_back_as_pyoxigraph_reads_its_own(
    client: httpx.Client, store: Store, media_type: str
) -> None:
    response = client.get("/sparql", params={"query": TRICKY}, headers={"accept": media_type})
    assert response.status_code == 200
    assert media(response) == media_type
    ours = rows(ox.parse_query_results(response.content, PARSEABLE[media_type]))
    theirs = store.query(TRICKY).serialize(format=PARSEABLE[media_type])
    assert ours == rows(ox.parse_query_results(theirs, PARSEABLE[media_type]))
    assert len(ours) == 7


def test_select_csv_quotes_what_needs_quoting(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": TRICKY}, headers={"accept": "text/csv"})
    assert media(response) == "text/csv"
    table = list(csv.reader(io.StringIO(response.text, newline="")))
    assert table[0] == ["s", "o"]
    assert table[1:5] == [
        ["http://e/1", "plain"],
        ["http://e/2", "chat"],
        ["http://e/3", "42"],
        ["http://e/4", 'a,b"c\nd\t<&>'],
    ]
    assert table[5] == ["http://e/5", ""]
    assert response.content.endswith(b"\r\n")


def test_select_blank_nodes_and_triple_terms(client: httpx.Client) -> None:
    query = (
        "SELECT ?b ?t WHERE { BIND(BNODE('x') AS ?b) "
        "BIND(<<( <http://e/s> <http://e/p> 1 )>> AS ?t) }"
    )
    for media_type, fmt in PARSEABLE.items():
        response = client.get("/sparql", params={"query": query}, headers={"accept": media_type})
        assert response.status_code == 200, response.text
        [solution] = list(ox.parse_query_results(response.content, fmt))
        assert isinstance(solution["b"], ox.BlankNode)
        assert isinstance(solution["t"], ox.Triple)


@pytest.mark.parametrize(
    "media_type",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
)
def test_ask(client: httpx.Client, media_type: str) -> None:
    response = client.get(
        "/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"accept": media_type}
    )
    assert response.status_code == 200
    assert media(response) == media_type
    assert b"true" in response.content


@pytest.mark.parametrize("media_type", list(GRAPH_MEDIA))
def test_construct_in_every_graph_format(
    client: httpx.Client, store: Store, media_type: str
) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    response = client.post(
        "/sparql",
        content=query,
        headers={"content-type": "application/sparql-query", "accept": media_type},
    )
    assert response.status_code == 200
    assert media(response) == media_type
    got = {q.triple for q in ox.parse(response.content, GRAPH_MEDIA[media_type])}
    assert got == set(store.query(query))


def test_describe(client: httpx.Client) -> None:
    response = client.get(
        "/sparql",
        params={"query": f"DESCRIBE <{BASE}person/vladimir-titov>"},
        headers={"accept": "application/n-triples"},
    )
    assert response.status_code == 200
    assert '"Vladimir Titov"' in response.text


def test_default_graph_is_the_union_of_cables(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": CABLES}, headers={"accept": "text/csv"})
    assert response.text.split() == ["id", "07MOSCOW627", "07MOSCOW628"]


def test_protocol_dataset_overrides_the_union(client: httpx.Client) -> None:
    response = client.get(
        "/sparql",
        params={"query": CABLES, "default-graph-uri": f"{BASE}graph/07MOSCOW628"},
        headers={"accept": "text/csv"},
    )
    assert response.text.split() == ["id", "07MOSCOW628"]
    named = client.get(
        "/sparql",
        params={
            "query": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            "named-graph-uri": f"{BASE}graph/07MOSCOW627",
        },
        headers={"accept": "text/csv"},
    )
    assert [row[0] for row in csv.reader(io.StringIO(named.text))][1:] == [
        f"{BASE}graph/07MOSCOW627"
    ]


def test_relative_iris_resolve_against_the_endpoint(client: httpx.Client) -> None:
    response = client.get(
        "/sparql", params={"query": "SELECT (<x> AS ?x) {}"}, headers={"accept": "text/csv"}
    )
    assert response.text.split()[1] == str(client.base_url.join("/x"))


# -- negotiation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml"),
        ("text/*", "text/csv"),
        ("application/json", "application/sparql-results+json"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "application/sparql-results+json"),
    ],
)
def test_accept_with_q_values(client: httpx.Client, accept: str | None, expected: str) -> None:
    headers = {"accept": accept} if accept is not None else {}
    response = client.get("/sparql", params={"query": CABLES}, headers=headers)
    assert media(response) == expected


def test_unsupported_accept_is_406(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": CABLES}, headers={"accept": "image/png"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.text
    construct = client.get(
        "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"accept": "text/csv"},
    )
    assert construct.status_code == 406


# -- errors -------------------------------------------------------------------------------


def test_malformed_query_is_400_with_the_parsers_message(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert "error at 1:" in response.text


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("post", {"data": {"query": CABLES, "update": "CLEAR ALL"}}),
        ("post", {"data": {"default-graph-uri": "http://e/g"}}),
        ("get", {"params": {"update": "CLEAR ALL"}}),
        ("get", {"params": {"query": ["ASK {}", "ASK {}"]}}),
        ("post", {"content": "ASK {}", "headers": {"content-type": "text/plain"}}),
        (
            "post",
            {
                "params": {"query": "ASK {}"},
                "content": "ASK {}",
                "headers": {"content-type": "application/sparql-query"},
            },
        ),
        ("get", {"params": {"query": "ASK {}", "default-graph-uri": "not an iri"}}),
    ],
)
def test_protocol_errors_are_4xx(client: httpx.Client, method: str, kwargs: dict[str, Any]) -> None:
    response = getattr(client, method)("/sparql", **kwargs)
    assert 400 <= response.status_code < 500, response.text


def test_query_larger_than_the_limit_is_413() -> None:
    store = cable_store()
    with client_for(create_app(store, max_query_bytes=100)) as client:
        big = "ASK {}" + " " * 200
        assert client.post("/sparql", data={"query": big}).status_code == 413
        assert client.get("/sparql", params={"query": big}).status_code == 413
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_result_limit_caps_rows_and_says_so() -> None:
    store = cable_store()
    with client_for(create_app(store, result_limit=3)) as client:
        response = client.get(
            "/sparql",
            params={"query": "SELECT * { ?s ?p ?o }"},
            headers={"accept": "text/tab-separated-values"},
        )
    assert response.headers["sparql-result-limit"] == "3"
    assert len(response.text.splitlines()) == 1 + 3


# -- service description -------------------------------------------------------------------


def test_service_description_says_whether_updates_are_on() -> None:
    store = cable_store()
    for writable in (False, True):
        with client_for(create_app(store, allow_update=writable)) as client:
            response = client.get("/sparql", headers={"accept": "text/turtle"})
        assert media(response) == "text/turtle"
        assert ("sd:SPARQL11Update" in response.text) is writable
        assert "sd:UnionDefaultGraph" in response.text
        assert f"<{client.base_url.join('/sparql')}>" in response.text


def test_browser_gets_a_query_form(client: httpx.Client) -> None:
    response = client.get("/sparql", headers={"accept": "text/html,*/*;q=0.8"})
    assert media(response) == "text/html"
    assert "<textarea" in response.text


# -- updates ------------------------------------------------------------------------------

INSERT = 'INSERT DATA { GRAPH <http://e/mine> { <http://e/s> <http://e/p> "o" } }'


def test_read_only_by_default(client: httpx.Client) -> None:
    response = client.post("/sparql", data={"update": INSERT})
    assert response.status_code == 403
    assert "www-authenticate" not in response.headers


def test_update_with_a_bearer_token() -> None:
    store = cable_store()
    with client_for(create_app(store, update_token="s3cret")) as client:
        missing = client.post("/sparql", data={"update": INSERT})
        wrong = client.post(
            "/sparql", data={"update": INSERT}, headers={"authorization": "Bearer nope"}
        )
        right = client.post(
            "/sparql",
            content=INSERT,
            headers={"authorization": "Bearer s3cret", "content-type": "application/sparql-update"},
        )
    assert missing.status_code == wrong.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert right.status_code == 204
    assert bool(store.query("ASK { GRAPH <http://e/mine> { ?s ?p ?o } }"))


def test_update_using_graph_uri() -> None:
    store = cable_store()
    update = "INSERT { GRAPH <http://e/out> { ?c a <http://e/Seen> } } WHERE { ?c a ?type }"
    with client_for(create_app(store, allow_update=True)) as client:
        response = client.post(
            "/sparql",
            params={"using-graph-uri": f"{BASE}graph/07MOSCOW627"},
            content=update,
            headers={"content-type": "application/sparql-update"},
        )
    assert response.status_code == 204
    seen = store.select("SELECT ?c { GRAPH <http://e/out> { ?c a <http://e/Seen> } }")
    assert {row["c"].value for row in seen} >= {f"{BASE}cable/07MOSCOW627"}
    assert f"{BASE}cable/07MOSCOW628" not in {row["c"].value for row in seen}


def test_malformed_update_is_400() -> None:
    store = cable_store()
    with client_for(create_app(store, allow_update=True)) as client:
        response = client.post("/sparql", data={"update": "INSERT DATA {"})
    assert response.status_code == 400
    assert "error at" in response.text


def test_percent_encoded_bytes_must_be_utf8(client: httpx.Client) -> None:
    assert client.get("/sparql?query=ASK%20%7B%7D%FF").status_code == 400
    form = client.post(
        "/sparql",
        content=b"query=ASK%20%7B%7D%FF",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert form.status_code == 400
