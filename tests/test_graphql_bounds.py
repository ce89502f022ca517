"""GraphQL requests bounded before they cost anything: body, document, fragments, aliases.

The fragment bomb (fragments that each spread the one before twice) once held the server's
event loop for seconds at 22 levels and for ever at 40; JSON nested ~990 deep got a 500.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import strawberry.schema.schema
from graphql import parse

import api.gql.document
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


def test_a_document_is_validated_once_and_remembered(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    validated: list[str] = []
    original = api.gql.document.validate

    def counting(*args: Any, **kwargs: Any) -> Any:
        validated.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(api.gql.document, "validate", counting)  # prepare's
    monkeypatch.setattr(strawberry.schema.schema, "validate", counting)  # strawberry's
    # The comment makes the text one no other test sends: none has remembered it yet.
    query = '# validated once\n{ cable(referenceId: "07MOSCOW628") { subject } __typename }'
    for _ in range(3):
        response = post(client, query)
        assert response.status_code == 200
        assert response.json()["data"]["__typename"] == "Query"
    assert validated == ["graphql-worker"]  # the first time, by prepare, in a worker


def test_a_remembered_document_still_refuses_what_breaks_its_rules(client: httpx.Client) -> None:
    for _ in range(2):  # refused the same way when remembered
        response = post(client, "{ cable { nothing } }")
        assert response.status_code == 400
        assert "errors" in response.json()
        assert "data" not in response.json()


def test_operations_run_on_a_few_long_lived_threads(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    original = api.gql.http.prepare

    def recording(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(api.gql.http, "prepare", recording)
    for _ in range(10):
        assert post(client, "{ __typename }").status_code == 200
    assert len(threads) == 10
    # The default two workers, started once: never a thread per operation.
    assert len({id(thread) for thread in threads}) <= 2


def test_only_valid_documents_are_remembered(client: httpx.Client) -> None:
    remembered = api.gql.document._check_cached
    remembered.clear()
    # Answered 400 (an unknown field), then refused (too many aliases): neither kept.
    assert post(client, "{ " + "nosuchfield " * 50 + "}").status_code == 400
    aliases = " ".join(f"a{i}: __typename" for i in range(300))
    assert post(client, "{ " + aliases + " }").status_code == 400
    assert len(remembered) == 0
    assert post(client, "{ __typename }").status_code == 200
    assert len(remembered) == 1
    assert post(client, "{ __typename }").status_code == 200
    assert len(remembered) == 1
