"""Every response carries the security headers; negotiated routes say they vary by Accept;
GraphQL arguments never become IRIs unchecked."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from kg.store import Store
from tests.live_server import client_for


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with client_for(create_app(Store())) as client:
        yield client


@pytest.mark.parametrize(
    "path",
    ["/", "/health", "/sparql?query=ASK%7B%7D", "/queries", "/cable/07MOSCOW628", "/nowhere"],
)
def test_security_headers_on_every_response(client: httpx.Client, path: str) -> None:
    response = client.get(path, headers={"accept": "text/html"})
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("path", ["/", "/cable/07MOSCOW628", "/sparql?query=ASK%7B%7D", "/queries"])
def test_negotiated_routes_vary_by_accept(client: httpx.Client, path: str) -> None:
    response = client.get(path, headers={"accept": "text/html"})
    assert "accept" in response.headers["vary"].lower()


def test_a_meeting_status_outside_the_known_ones_is_an_error(client: httpx.Client) -> None:
    query = '{ meetingsConnection(status: "> <http://evil/x") { totalCount } }'
    response = client.post("/graphql", json={"query": query})
    body = response.json()
    assert body["data"] is None
    assert "unknown meeting status" in body["errors"][0]["message"]
    good = client.post(
        "/graphql", json={"query": '{ meetingsConnection(status: "held") { totalCount } }'}
    )
    assert good.json() == {"data": {"meetingsConnection": {"totalCount": 0}}}
