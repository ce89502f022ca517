"""Hostile queries against a live server: the server answers on time and stays up."""

from __future__ import annotations

import time

import httpx
import pyoxigraph as ox
import pytest

from api.app import create_app
from kg.store import Store
from tests.holding import HOLD, HoldingStore
from tests.live_server import client_for

pytestmark = pytest.mark.server

# Three-way cross products: cheap to write, slow to answer (n**3 combinations).
COUNT_PRODUCT = "SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"
ALL_PRODUCT = "SELECT * { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"


def product_store(n: int) -> Store:
    store = Store()
    store.oxigraph.extend(
        ox.Quad(
            ox.NamedNode(f"http://e/{i}"),
            ox.NamedNode("http://e/p"),
            ox.Literal(i),
            ox.NamedNode("http://e/g"),
        )
        for i in range(n)
    )
    return store


def test_a_slow_query_gets_503_at_its_deadline_and_others_are_served() -> None:
    store = HoldingStore()
    with client_for(create_app(store, query_timeout=0.3)) as client:
        try:
            response = client.get("/sparql", params={"query": "ASK {} " + HOLD})
            # answered at the deadline while the query is still held, not at its end
            assert store.holding == 1
            assert not store.release.is_set()
            assert client.get("/health").status_code == 200
        finally:
            store.release.set()
    assert response.status_code == 503
    assert "longer than 0.3 s" in response.text
    assert response.headers["retry-after"]


def test_a_long_stream_is_cut_at_the_deadline_and_frees_its_worker() -> None:
    app = create_app(product_store(300), query_timeout=0.5, query_workers=1)
    with client_for(app) as client:
        started = time.monotonic()
        received: list[int] = []

        def read_all() -> None:
            with client.stream("GET", "/sparql", params={"query": ALL_PRODUCT}) as response:
                assert response.status_code == 200
                received.extend(len(chunk) for chunk in response.iter_bytes())

        with pytest.raises(httpx.HTTPError):
            read_all()
        assert sum(received) > 0
        assert time.monotonic() - started < 20  # cut, not streamed to its end
        # the worker frees itself; the next query waits for it if need be, and is answered
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_result_limit_applies_to_triples_too() -> None:
    with client_for(create_app(product_store(50), result_limit=7)) as client:
        response = client.get(
            "/sparql",
            params={"query": "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"},
            headers={"accept": "application/n-triples"},
        )
    assert len(response.text.splitlines()) == 7


def test_an_upload_over_the_limit_is_413() -> None:
    app = create_app(Store(), allow_update=True, max_upload_bytes=1000)
    with client_for(app) as client:
        body = "".join(f"<http://e/{i}> <http://e/p> {i} .\n" for i in range(100))
        response = client.put(
            "/graphs",
            params={"graph": "http://e/g"},
            content=body,
            headers={"content-type": "application/n-triples"},
        )
    assert response.status_code == 413


# Each of these crashed (stack overflow) or stalled a pyoxigraph 0.5 process when parsed.
HOSTILE_SHAPES = {
    "nested parentheses": "SELECT * WHERE { FILTER(" + "(" * 20_000 + "1" + ")" * 20_000 + ") }",
    "nested functions": "SELECT * { BIND(" + "CONCAT(" * 2_000 + "'a'" + ")" * 2_000 + " AS ?x) }",
    "nested groups": "SELECT * WHERE " + "{" * 20_000 + "}" * 20_000,
    "operator chain": "SELECT * WHERE { FILTER(1" + "+1" * 20_000 + ") }",
    "union chain": "SELECT * WHERE { {}" + " UNION {}" * 20_000 + " }",
    "many binds": "SELECT * { " + " ".join(f"BIND({i} AS ?v{i})" for i in range(5_000)) + " }",
    "wide group": "SELECT * { " + " ".join(f"?s <http://p> ?o{i} ." for i in range(300)) + " }",
}


@pytest.mark.parametrize("query", HOSTILE_SHAPES.values(), ids=HOSTILE_SHAPES.keys())
def test_hostile_shapes_are_refused_and_the_server_lives(query: str) -> None:
    with client_for(create_app(Store())) as client:
        response = client.post(
            "/sparql", content=query, headers={"content-type": "application/sparql-query"}
        )
        assert response.status_code == 400
        assert "this endpoint takes at most" in response.text
        assert client.get("/health").status_code == 200


def test_long_data_blocks_are_not_refused() -> None:
    values = " ".join(f"<http://e/{i}>" for i in range(20_000))
    data = " ".join(f'<http://e/{i}> <http://e/p> "{i}" .' for i in range(20_000))
    store = Store()
    with client_for(create_app(store, allow_update=True)) as client:
        query = client.post(
            "/sparql",
            data={"query": f"SELECT (COUNT(*) AS ?n) {{ VALUES ?x {{ {values} }} }}"},
            headers={"accept": "text/csv"},
        )
        assert query.text.split() == ["n", "20000"]
        update = client.post(
            "/sparql",
            content=f"INSERT DATA {{ GRAPH <http://e/g> {{ {data} }} }}",
            headers={"content-type": "application/sparql-update"},
        )
        assert update.status_code == 204
    assert len(store) == 20_000


def test_federated_queries_are_refused() -> None:
    with client_for(create_app(Store())) as client:
        response = client.get(
            "/sparql",
            params={"query": "SELECT * { SERVICE <http://169.254.169.254/latest/> { ?s ?p ?o } }"},
        )
    assert response.status_code == 400
    assert "SERVICE" in response.text
