"""GraphQL over HTTP: status codes and media types per graphql/graphql-over-http, in
process; and (marked ``server``) the graphql-http npm audits against a live server."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from api.graphql import graphql_app
from tests.builders import fixture_store

GQL = "application/graphql-response+json"
AUDIT_DIR = Path(__file__).parent / "graphql_http"


class Client:
    """Requests to the ASGI app in process (httpx's ASGI transport), one event loop each."""

    def __init__(self) -> None:
        self.app = graphql_app(fixture_store())

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(send())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", url, **kwargs)


@pytest.fixture(scope="module")
def client() -> Client:
    return Client()


def post(client: Client, body: object, accept: str | None = None) -> tuple[int, str, Any]:
    headers = {"content-type": "application/json"}
    if accept:
        headers["accept"] = accept
    response = client.post("/graphql", content=json.dumps(body), headers=headers)
    return response.status_code, response.headers["content-type"], response.json()


def test_post_json(client: Client) -> None:
    status, media, body = post(
        client, {"query": '{ cable(referenceId: "07MOSCOW628") { origin } }'}, "application/json"
    )
    assert (status, media) == (200, "application/json; charset=utf-8")
    assert body == {"data": {"cable": {"origin": "Embassy Moscow"}}}


def test_post_graphql_response_json(client: Client) -> None:
    status, media, body = post(client, {"query": "{ __typename }"}, GQL)
    assert (status, media, body) == (
        200,
        f"{GQL}; charset=utf-8",
        {"data": {"__typename": "Query"}},
    )


def test_wildcard_and_missing_accept_mean_json(client: Client) -> None:
    assert post(client, {"query": "{ __typename }"}, "*/*")[1].startswith("application/json")
    assert post(client, {"query": "{ __typename }"})[1].startswith("application/json")
    both = f"{GQL}, application/json;q=0.9"
    assert post(client, {"query": "{ __typename }"}, both)[1].startswith(GQL)


@pytest.mark.parametrize(("query", "kind"), [("{", "parse"), ("{ nosuchfield }", "validation")])
def test_request_errors_are_400_without_data_for_graphql_response_json(
    client: Client, query: str, kind: str
) -> None:
    status, _, body = post(client, {"query": query}, GQL)
    assert status == 400, kind
    assert "data" not in body
    assert body["errors"]
    status, _, body = post(client, {"query": query}, "application/json")
    assert status == 200, kind  # legacy clients read errors from a 200
    assert "data" not in body


def test_variable_coercion_failure(client: Client) -> None:
    body = {"query": "query($n: String!) { person(name: $n) { name } }", "variables": {"n": None}}
    assert post(client, body, GQL)[0] == 400
    assert post(client, body, "application/json")[0] == 200


def test_field_errors_keep_data_and_200(client: Client) -> None:
    status, _, body = post(client, {"query": "{ cables(first: 100000) { totalCount } }"}, GQL)
    assert status == 200
    assert body["data"] is None or body["data"]["cables"] is None
    assert "first must be between" in body["errors"][0]["message"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"", 400),
        (b'{ "not json', 400),
        (b"[1]", 400),
        (b'{"query": 1}', 400),
        (b'{"query": "{ __typename }", "variables": "x"}', 400),
        (b'{"query": "{ __typename }", "operationName": 3}', 400),
    ],
)
def test_malformed_requests_are_400(client: Client, body: bytes, status: int) -> None:
    response = client.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == status


def test_other_content_type_is_415(client: Client) -> None:
    response = client.post(
        "/graphql", content=b"{ __typename }", headers={"content-type": "text/plain"}
    )
    assert response.status_code == 415


def test_get_runs_queries_with_json_variables(client: Client) -> None:
    response = client.get(
        "/graphql",
        params={
            "query": "query($n: String!) { person(name: $n) { name } }",
            "variables": json.dumps({"n": "wisner"}),
        },
        headers={"accept": GQL},
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"person": {"name": "Frank Wisner"}}}


def test_get_mutation_is_405(client: Client) -> None:
    response = client.get("/graphql", params={"query": "mutation { x }"}, headers={"accept": GQL})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


def test_other_methods_are_405(client: Client) -> None:
    response = client.put("/graphql", content=b"{}")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"


def test_unacceptable_media_type_is_406(client: Client) -> None:
    response = client.get(
        "/graphql", params={"query": "{ __typename }"}, headers={"accept": "text/csv"}
    )
    assert response.status_code == 406


def test_browsers_get_graphiql(client: Client) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/graphql", headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "graphiql" in response.text.lower()


# -- the graphql-http audits against a live server ----------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live_url() -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(
        graphql_app(fixture_store()),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
        ws="none",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 10 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/graphql"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.server
@pytest.mark.parametrize("how", ["one by one", "all at once"])
def test_graphql_http_audits_all_pass(live_url: str, how: str) -> None:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are needed for the graphql-http audits (npm package)")
    if not (AUDIT_DIR / "node_modules" / "graphql-http").is_dir():
        install = ["ci"] if (AUDIT_DIR / "package-lock.json").exists() else ["install"]
        subprocess.run(
            [npm, *install, "--no-audit", "--no-fund"],
            cwd=AUDIT_DIR,
            check=True,
            capture_output=True,
            timeout=300,
        )
    command = [node, "audit.mjs", live_url] + (["--concurrent"] if how == "all at once" else [])
    result = subprocess.run(command, cwd=AUDIT_DIR, capture_output=True, text=True, timeout=120)
    assert "total 61: 61 ok, 0 warnings, 0 errors, 0 notices" in result.stdout, result.stdout
    assert result.returncode == 0, result.stdout + result.stderr


def test_too_deep_a_selection_is_a_request_error(client: Client) -> None:
    deep = '{ person(name: "Titov") { ' + "metWith { " * 12 + "name" + " }" * 12 + " } }"
    status, _, body = post(client, {"query": deep}, GQL)
    assert status == 400
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]
    shallow = '{ person(name: "Titov") { ' + "metWith { " * 3 + "name" + " }" * 3 + " } }"
    assert post(client, {"query": shallow}, GQL)[0] == 200
