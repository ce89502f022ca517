"""The OpenAPI description at /openapi.json: true to the app's routes, and requests
generated from it (schemathesis) get no 500, no crash, and answers that conform to it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from starlette.routing import Mount, Route

from api import openapi
from api.app import create_app
from kg.store import Store
from tests.live_server import client_for, serve

pytestmark = pytest.mark.store("seed")

#: Routes the description leaves out: GraphQL describes itself; the trailing-slash
#: spellings answer as their canonical paths do.
NOT_DESCRIBED = {"/graphql", "/graphql/", "/sparql/", "/queries/"}
#: Examples per operation: enough to find what is broken, few enough to run in seconds.
EXAMPLES = 25


def test_the_description_names_every_route_and_only_those(store: Store) -> None:
    app = create_app(store)
    described = openapi.description()["paths"]
    routed: dict[str, set[str]] = {}
    for route in app.routes:
        if isinstance(route, Mount):
            assert route.path == "/static"  # files, not an API
            continue
        assert isinstance(route, Route)
        if route.path in NOT_DESCRIBED:
            continue
        routed[route.path.replace("{path:path}", "{path}")] = {
            m.lower() for m in route.methods or ()
        } - {"head"}
    assert set(described) == set(routed)
    for path, methods in routed.items():
        assert set(described[path]) - {"head"} == methods, path


def test_the_description_is_served(store: Store) -> None:
    with client_for(create_app(store)) as client:
        response = client.get(openapi.PATH)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == openapi.description()


@pytest.fixture(scope="module")
def server_url(store: Store) -> Iterator[str]:
    with serve(create_app(store, query_timeout=10)) as server:
        yield server.url


schema = schemathesis.openapi.from_dict(openapi.description())


@schemathesis.serializer(
    "application/sparql-query",
    "application/sparql-update",
    "application/n-triples",
    "application/n-quads",
    "application/trig",
)
def as_text(context: Any, value: Any) -> bytes:
    """Bodies of text types (queries, RDF) as generated: strings, UTF-8 encoded."""
    return value if isinstance(value, bytes) else str(value).encode("utf-8")


@pytest.mark.server
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
    derandomize=True,  # the same examples on every run: the suite passes or fails alike
)
def test_generated_requests_are_answered_as_described(case: Any, server_url: str) -> None:
    # Excluded: "a request the description allows must get a 2xx". A query parameter is
    # any string by the description, while most strings are not SPARQL: 400 is right.
    case.call_and_validate(base_url=server_url, excluded_checks=[positive_data_acceptance])


# What schemathesis found, each kept as a test of its own.


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[httpx.Client]:
    with client_for(create_app(store)) as client:
        yield client


def test_a_search_start_of_unicode_digits_is_ignored_not_500(client: httpx.Client) -> None:
    # "²" is a digit to str.isdigit() and no number to int(): it was a 500.
    response = client.get("/search", params={"q": "Kosovo", "start": "²"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/sparql", {"GET", "HEAD", "POST"}),
        ("/graphs", {"GET", "HEAD", "PUT", "POST", "DELETE"}),
        ("/queries/who_met", {"GET", "HEAD", "POST"}),
        ("/queries/who_met.rq", {"GET", "HEAD"}),
    ],
)
def test_a_method_not_taken_is_405_naming_only_the_methods_taken(
    client: httpx.Client, path: str, allowed: set[str]
) -> None:
    # OPTIONS was answered with every method in Allow (PATCH on /sparql, ...).
    for method in ("OPTIONS", "PATCH"):
        response = client.request(method, path)
        assert response.status_code == 405
        assert {m.strip() for m in response.headers["allow"].split(",")} == allowed


@pytest.mark.parametrize("path", ["/queries/%0A", "/health%0A", "/queries%0D%0A", "/sparql%00"])
def test_a_path_with_a_control_character_names_nothing(client: httpx.Client, path: str) -> None:
    # A route's pattern ends in "$", which matched before a final newline: "/queries/%0A"
    # was answered with the list of saved queries.
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["x-content-type-options"] == "nosniff"
