"""GraphQL under hostile operations: a cost limit before they run, a deadline while they
run, and workers of their own, so that neither /graphql nor /sparql starves the other."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from graphql import get_operation_ast, parse

from api.app import create_app
from api.gql.cost import LIST_FANOUT, estimate
from api.graphql import MAX_COST, schema
from kg.store import Store
from tests.builders import generated_store
from tests.live_server import client_for
from tests.test_sparql_limits import COUNT_PRODUCT, product_store

GQL = "application/graphql-response+json"

#: Seven levels of "who met whom", then their cables and those cables' people: the shape
#: that held a server for 35 s. In the generated store one envoy meets every official.
HEAVY = (
    '{ person(name: "Special Envoy") { '
    + "metWith { name " * 7
    + "cables { referenceId people { name } }"
    + " }" * 7
    + " } }"
)


def cost(query: str, **variables: Any) -> int:
    document = parse(query)
    operation = get_operation_ast(document)
    assert operation is not None
    return estimate(schema._schema, document, operation, variables)


# -- the estimate -------------------------------------------------------------------------


def test_fields_count_once_per_object_they_are_selected_on() -> None:
    assert cost('{ cable(referenceId: "X") { referenceId subject } }') == 3
    # person 1, its metWith 1, their metWith and names 10 each, their names 100
    assert cost('{ person(name: "X") { metWith { name metWith { name } } } }') == 122


def test_lists_multiply_by_first_or_by_the_default_fanout() -> None:
    page = "{ cables(first: 50) { totalCount edges { cursor node { referenceId } } } }"
    assert cost(page) == 1 + 1 + 1 + 50 + 50 + 50
    assert cost("{ cables { nodes { referenceId } } }") == 1 + 1 + 20  # the default page
    assert cost("query($n: Int) { cables(first: $n) { nodes { id } } }", n=100) == 102
    people = cost('{ cable(referenceId: "X") { people { name } } }')
    assert people == 1 + 1 + LIST_FANOUT


def test_fragments_count_where_they_are_spread_and_introspection_is_free() -> None:
    inline = '{ person(name: "X") { metWith { metWith { name } } } }'
    spread = '{ person(name: "X") { metWith { ...M } } } fragment M on Person { metWith { name } }'
    assert cost(spread) == cost(inline)
    assert cost("{ __schema { types { name fields { name args { name } } } } }") == 0


def test_the_heavy_shape_is_far_over_the_default_and_saved_shapes_are_under() -> None:
    assert cost(HEAVY) > 1000 * MAX_COST
    listing = (
        "{ cables(first: 100) { edges { node { referenceId subject people { name } "
        "meetings { date participants { name } } } } } }"
    )
    assert cost(listing) < MAX_COST


# -- over HTTP ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store() -> Store:
    return generated_store(60)


def graphql(client: httpx.Client, query: str, accept: str = GQL) -> httpx.Response:
    return client.post("/graphql", json={"query": query}, headers={"accept": accept})


def test_a_costly_operation_is_refused_before_it_runs(store: Store) -> None:
    with client_for(create_app(store)) as client:
        before = store.queries_run
        response = graphql(client, HEAVY)
        assert store.queries_run == before  # refused before any SPARQL ran
        assert response.status_code == 400
        assert response.headers["content-type"].startswith(GQL)
        body = response.json()
        assert "data" not in body
        message = body["errors"][0]["message"]
        assert f"cost about {cost(HEAVY)}" in message
        assert f"at most {MAX_COST}" in message
        # legacy JSON clients read request errors from a 200, as for any invalid document
        legacy = graphql(client, HEAVY, "application/json")
        assert legacy.status_code == 200
        assert "data" not in legacy.json()
        small = graphql(client, '{ person(name: "Special Envoy") { metWith { name } } }')
        assert small.status_code == 200
        assert len(small.json()["data"]["person"]["metWith"]) == 60


def test_the_limit_is_an_option(store: Store) -> None:
    query = '{ person(name: "Special Envoy") { metWith { name } } }'
    with client_for(create_app(store, graphql_max_cost=5)) as client:
        response = graphql(client, query)
    assert response.status_code == 400
    assert "at most 5" in response.json()["errors"][0]["message"]


def ask(client: httpx.Client) -> float:
    started = time.monotonic()
    response = client.get("/sparql", params={"query": "ASK {}"})
    assert response.status_code == 200
    return time.monotonic() - started


@pytest.fixture
def unlimited(store: Store) -> Iterator[httpx.Client]:
    """A server that lets the heavy operation run, for 2 s, one at a time."""
    app = create_app(store, graphql_max_cost=10**15, graphql_timeout=2, graphql_workers=1)
    with client_for(app) as client:
        yield client


@pytest.mark.server
def test_sparql_answers_while_a_heavy_operation_runs_and_it_is_cut_at_its_deadline(
    unlimited: httpx.Client,
) -> None:
    for _ in range(3):
        ask(unlimited)  # warm up
    baseline = statistics.median(ask(unlimited) for _ in range(15))

    heavy: dict[str, Any] = {}

    def run_heavy() -> None:
        started = time.monotonic()
        heavy["response"] = graphql(unlimited, HEAVY)
        heavy["seconds"] = time.monotonic() - started

    worker = threading.Thread(target=run_heavy)
    worker.start()
    time.sleep(0.2)
    during = []
    while worker.is_alive():
        during.append(ask(unlimited))
        time.sleep(0.05)
    worker.join()

    response = heavy["response"]
    assert response.status_code == 503
    assert response.headers["retry-after"]
    assert "longer than 2 s" in response.json()["errors"][0]["message"]
    assert heavy["seconds"] < 2 + 1.5
    # Before, one ASK waited for the whole heavy operation (33 s of its 35).
    assert len(during) >= 5, during
    assert statistics.median(during) < 10 * baseline + 0.05, (baseline, during)
    assert max(during) < heavy["seconds"] / 2, (baseline, during)
    wait_until_free(unlimited)


@pytest.mark.server
def test_one_operation_too_many_is_refused_and_sparql_is_not(unlimited: httpx.Client) -> None:
    heavy: dict[str, httpx.Response] = {}
    worker = threading.Thread(target=lambda: heavy.update(r=graphql(unlimited, HEAVY)))
    worker.start()
    time.sleep(0.3)
    refused = graphql(unlimited, "{ __typename }")
    assert refused.status_code == 503
    assert refused.headers["retry-after"]
    assert "GraphQL workers are busy" in refused.json()["errors"][0]["message"]
    assert unlimited.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    worker.join()
    assert heavy["r"].status_code == 503
    wait_until_free(unlimited)


def wait_until_free(client: httpx.Client) -> None:
    """Wait for the cut operation to wind down and free its worker."""
    deadline = time.monotonic() + 10
    while graphql(client, "{ __typename }").status_code == 503:
        assert time.monotonic() < deadline, "the GraphQL worker never freed its slot"
        time.sleep(0.1)


@pytest.mark.server
def test_graphql_answers_while_every_sparql_worker_is_busy() -> None:
    app = create_app(product_store(200), query_workers=1, query_timeout=10)
    with client_for(app) as client:
        slow: dict[str, httpx.Response] = {}
        worker = threading.Thread(
            target=lambda: slow.update(r=client.get("/sparql", params={"query": COUNT_PRODUCT}))
        )
        worker.start()
        time.sleep(0.2)
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 503
        response = graphql(client, '{ cable(referenceId: "07MOSCOW628") { referenceId } }')
        assert worker.is_alive(), "the SPARQL query ended too soon to show anything"
        worker.join()
    assert response.status_code == 200
    assert response.json() == {"data": {"cable": None}}
    assert slow["r"].status_code == 200
