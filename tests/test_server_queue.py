"""Load is queued, then answered: no request is refused while the queue has room.

Work is held by a store whose queries wait on an event, so each test decides when a
worker is busy and when it frees, instead of racing the machine's speed; waits on the
server's queues are bounded generously and fail only on a real hang.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from api.app import create_app
from kg.ingest import ingest
from kg.link import relink
from kg.store import Store
from tests.holding import HOLD, HoldingStore, until
from tests.live_server import LiveServer, serve

HELD_QUERY = "ASK { ?s ?p ?o } " + HOLD
HEADLINE = '{ meetings(participant: "Wisner", topic: "Kosovo") { date participants { name } } }'
GQL = "application/graphql-response+json"


@pytest.fixture
def holding() -> Iterator[HoldingStore]:
    store = HoldingStore()
    yield store
    store.release.set()


def gates(app: Starlette) -> dict[str, Any]:
    admissions: dict[str, Any] = app.state.admissions
    return admissions


def test_queries_past_the_workers_wait_their_turn_and_are_all_answered(
    holding: HoldingStore,
) -> None:
    app = create_app(holding, query_workers=1)
    with serve(app) as server, ThreadPoolExecutor(max_workers=12) as pool:
        client = httpx.Client(base_url=server.url, timeout=60)
        held = pool.submit(client.get, "/sparql", params={"query": HELD_QUERY})
        until(lambda: gates(app)["sparql"].free == 0, "the held query took the worker")
        waiting = [
            pool.submit(client.get, "/sparql", params={"query": "ASK {}"}) for _ in range(10)
        ]
        until(lambda: gates(app)["sparql"].waiting == 10, "ten queries queued")
        assert not any(future.done() for future in waiting)
        holding.release.set()
        assert held.result().status_code == 200
        assert [future.result().status_code for future in waiting] == [200] * 10
        client.close()


def test_pages_and_graphql_answer_while_every_sparql_worker_is_held(
    holding: HoldingStore,
) -> None:
    app = create_app(holding, query_workers=1, queue=0)
    with serve(app) as server, ThreadPoolExecutor(max_workers=2) as pool:
        client = httpx.Client(base_url=server.url, timeout=60)
        held = pool.submit(client.get, "/sparql", params={"query": HELD_QUERY})
        until(lambda: gates(app)["sparql"].free == 0, "the held query took the worker")
        assert client.get("/").status_code == 200
        answer = client.post(
            "/graphql",
            json={"query": '{ cable(referenceId: "07MOSCOW628") { referenceId } }'},
            headers={"accept": GQL},
        )
        assert answer.status_code == 200
        assert answer.json() == {"data": {"cable": None}}
        health = client.get("/health").json()
        assert health["workers"]["sparql"] == {"slots": 1, "free": 0, "waiting": 0}
        holding.release.set()
        assert held.result().status_code == 200
        client.close()


def test_past_the_queue_bound_a_request_is_refused_with_retry_after(
    holding: HoldingStore,
) -> None:
    app = create_app(holding, query_workers=1, queue=1)
    with serve(app) as server, ThreadPoolExecutor(max_workers=2) as pool:
        client = httpx.Client(base_url=server.url, timeout=60)
        held = pool.submit(client.get, "/sparql", params={"query": HELD_QUERY})
        until(lambda: gates(app)["sparql"].free == 0, "the held query took the worker")
        queued = pool.submit(client.get, "/sparql", params={"query": "ASK {}"})
        until(lambda: gates(app)["sparql"].waiting == 1, "one query queued")
        refused = client.get("/sparql", params={"query": "ASK {}"})
        assert refused.status_code == 503
        assert refused.headers["retry-after"]
        assert "1 requests are already waiting" in refused.text
        holding.release.set()
        assert held.result().status_code == 200
        assert queued.result().status_code == 200
        client.close()


def test_a_graphql_operation_past_the_workers_waits_and_is_answered(
    holding: HoldingStore,
) -> None:
    app = create_app(holding, graphql_workers=1)
    gate = gates(app)["graphql"]
    with serve(app) as server, ThreadPoolExecutor(max_workers=8) as pool:
        client = httpx.Client(base_url=server.url, timeout=60)
        # Hold the one GraphQL worker from outside: take its slot as a running operation would.
        asyncio.run(gate.acquire())
        assert gate.free == 0
        asks = [
            pool.submit(
                client.post, "/graphql", json={"query": "{ __typename }"}, headers={"accept": GQL}
            )
            for _ in range(5)
        ]
        until(lambda: gate.waiting == 5, "five operations queued")
        gate.release()
        assert [future.result().status_code for future in asks] == [200] * 5
        client.close()


# -- many at once on the seed cables ---------------------------------------------------------


@pytest.fixture(scope="module")
def seed_server(seed_path: Path) -> Iterator[LiveServer]:
    store = Store()
    report = ingest([str(seed_path)], store)
    assert report.ingested == 4
    relink(store)
    with serve(create_app(store)) as live:
        yield live


def mixed_request(client: httpx.Client, number: int) -> httpx.Response:
    kind = number % 3
    if kind == 0:
        return client.post("/graphql", json={"query": HEADLINE}, headers={"accept": GQL})
    if kind == 1:
        query = "SELECT ?c WHERE { ?c a <https://w3id.org/cablegraph/ontology#Cable> } LIMIT 10"
        return client.get("/sparql", params={"query": query}, headers={"accept": "text/csv"})
    return client.get("/", headers={"accept": "text/html"})


@pytest.mark.server
def test_256_requests_at_once_are_all_answered(seed_server: LiveServer) -> None:
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=0)
    with httpx.Client(base_url=seed_server.url, timeout=120, limits=limits) as client:
        barrier = threading.Barrier(256)

        def send(number: int) -> int:
            barrier.wait()
            return mixed_request(client, number).status_code

        with ThreadPoolExecutor(max_workers=256) as pool:
            statuses = list(pool.map(send, range(256)))
    assert statuses == [200] * 256, {s: statuses.count(s) for s in set(statuses)}


def test_a_held_saved_query_leaves_sparql_answering(holding: HoldingStore, tmp_path: Path) -> None:
    (tmp_path / "slow.rq").write_text(
        "# title: Slow\n# description: held by the test\n" + HELD_QUERY + "\n", encoding="utf-8"
    )
    app = create_app(holding, query_workers=1, saved_workers=1, queue=0, queries_dir=tmp_path)
    with serve(app) as server, ThreadPoolExecutor(max_workers=2) as pool:
        client = httpx.Client(base_url=server.url, timeout=60)
        held = pool.submit(client.get, "/queries/slow", headers={"accept": "text/csv"})
        until(lambda: gates(app)["saved queries"].free == 0, "the saved query took its worker")
        answer = client.get("/sparql", params={"query": "ASK {}"})
        assert answer.status_code == 200  # its own worker, not behind the saved query
        holding.release.set()
        assert held.result().status_code == 200
        client.close()
