"""GraphQL requests bounded before they cost anything: body, document, fragments, aliases.

The fragment bomb (fragments that each spread the one before twice) once held the server's
event loop for seconds at 22 levels and for ever at 40; JSON nested ~990 deep got a 500.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest
from graphql import parse

import api.gql.http
from api.app import create_app
from api.gql.document import expanded_size
from kg.store import Store
from tests.live_server import client_for

GQL = "application/graphql-response+json"


def fragment_bomb(levels: int) -> str:
    fragments = ["fragment F0 on Person { name }"]
    for level in range(1, levels + 1):
        fragments.append(
            f"fragment F{level} on Person {{ ...F{level - 1} metWith {{ ...F{level - 1} }} }}"
        )
    return f'{{ person(name: "X") {{ ...F{levels} }} }} ' + " ".join(fragments)


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with client_for(create_app(Store())) as client:
        yield client


def post(client: httpx.Client, query: str) -> httpx.Response:
    return client.post("/graphql", json={"query": query}, headers={"accept": GQL})


def test_the_expanded_size_is_counted_once_per_fragment() -> None:
    selections, aliases = expanded_size(parse(fragment_bomb(40)))
    assert selections > 2**40
    assert aliases == 0
    assert expanded_size(parse('{ a: cable(referenceId: "X") { b: subject } }')) == (2, 2)


@pytest.mark.parametrize("levels", [22, 40, 200])
def test_a_fragment_bomb_is_refused_and_the_server_stays_up(
    client: httpx.Client, levels: int
) -> None:
    response = post(client, fragment_bomb(levels))
    assert response.status_code == 400
    assert "once its fragments are spread" in response.json()["errors"][0]["message"]
    assert client.get("/health").status_code == 200


def test_a_fragment_spreading_itself_is_named_by_validation(client: httpx.Client) -> None:
    query = '{ person(name: "X") { ...A } } fragment A on Person { metWith { ...A } }'
    response = post(client, query)
    assert response.status_code == 400
    assert "Cannot spread fragment 'A' within itself" in response.text


def test_a_body_over_the_limit_is_413(client: httpx.Client) -> None:
    padding = " " * 1_100_000
    response = client.post(
        "/graphql",
        content=('{"query": "{ __typename }"' + padding + "}").encode(),
        headers={"accept": GQL, "content-type": "application/json"},
    )
    assert response.status_code == 413


def test_a_document_over_the_limit_is_413(client: httpx.Client) -> None:
    response = post(client, "{ __typename " + "# padding\n" * 20_000 + "}")
    assert response.status_code == 413
    assert "bytes" in response.json()["errors"][0]["message"]


def test_too_many_tokens_is_a_request_error(client: httpx.Client) -> None:
    response = post(client, "{ " + "__typename " * 20_000 + "}")
    assert response.status_code in (400, 413)


def test_too_many_aliases_is_refused(client: httpx.Client) -> None:
    query = "{ " + " ".join(f"a{n}: __typename" for n in range(300)) + " }"
    response = post(client, query)
    assert response.status_code == 400
    assert "aliases" in response.json()["errors"][0]["message"]


def test_json_nested_too_deep_is_400_not_500(client: httpx.Client) -> None:
    body = '{"query": "{ __typename }", "variables": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = client.post(
        "/graphql",
        content=body.encode(),
        headers={"accept": GQL, "content-type": "application/json"},
    )
    assert response.status_code == 400


def test_documents_are_checked_off_the_event_loop(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    original = api.gql.http.prepare

    def recording(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread().name)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(api.gql.http, "prepare", recording)
    assert post(client, "{ __typename }").status_code == 200
    assert threads == ["graphql-worker"]
