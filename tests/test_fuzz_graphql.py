"""Random valid GraphQL operations from our own schema (hypothesis-graphql) against the
app over the seed cables: every one answered as GraphQL (200, or a 400 request error for a
document over the cost limit), never a 500, and the server answers afterwards.

The cost and depth limits keep what may run bounded; the operations are generated, not
chosen, so arguments of every type and odd shapes are tried.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import queries

from api.app import create_app
from kg.store import Store
from tests.live_server import client_for

SDL = (Path(__file__).resolve().parent.parent / "api" / "schema.graphql").read_text()
GQL = "application/graphql-response+json"


@pytest.fixture(scope="module")
def client(seed_store: Store) -> Iterator[httpx.Client]:
    with client_for(create_app(seed_store, graphql_max_cost=2_000)) as client:
        yield client


@pytest.mark.slow
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=queries(SDL), accept=st.sampled_from([GQL, "application/json"]))
def test_generated_operations_never_fail_the_server(
    client: httpx.Client, query: str, accept: str
) -> None:
    response = client.post("/graphql", json={"query": query}, headers={"accept": accept})
    assert response.status_code in (200, 400), (response.status_code, query, response.text[:300])
    body = response.json()
    assert "data" in body or "errors" in body
    for error in body.get("errors", []):
        assert "Traceback" not in error.get("message", "")
        assert "Internal" not in error.get("message", ""), (query, error)
