"""The GraphQL worker threads (``api.gql.executor``): stopped with the app, and a worker
that fails to start leaves its slot to the next operation."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
import pytest

import api.gql.executor
from api.app import create_app
from api.gql.executor import Executor
from api.graphql import graphql_app
from kg.store import Store

pytestmark = pytest.mark.store("sample")

QUERY = {"query": '{ cable(referenceId: "07MOSCOW628") { subject } }'}


def workers() -> set[threading.Thread]:
    return {thread for thread in threading.enumerate() if thread.name == "graphql-worker"}


async def serve_one(app: Any) -> set[threading.Thread]:
    """Start ``app`` (its lifespan), answer one GraphQL request, stop it: the worker
    threads that were alive while it served."""
    inbox: asyncio.Queue[dict[str, str]] = asyncio.Queue()
    outbox: asyncio.Queue[dict[str, str]] = asyncio.Queue()
    scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
    lifespan = asyncio.create_task(app(scope, inbox.get, outbox.put))
    await inbox.put({"type": "lifespan.startup"})
    assert (await outbox.get())["type"] == "lifespan.startup.complete"
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.post("/graphql", json=QUERY)
    assert response.status_code == 200
    serving = workers()
    await inbox.put({"type": "lifespan.shutdown"})
    assert (await outbox.get())["type"] == "lifespan.shutdown.complete"
    await lifespan
    return serving


@pytest.mark.parametrize("factory", [create_app, graphql_app], ids=["app", "graphql alone"])
def test_closing_an_app_stops_its_workers(store: Store, factory: Any) -> None:
    before = workers()  # other tests' apps, never closed
    for _ in range(2):
        started = asyncio.run(serve_one(factory(store))) - before
        assert len(started) == 1
        assert workers() - before == set()
        assert not any(thread.is_alive() for thread in started)


async def answer() -> int:
    return 42


def test_a_worker_that_fails_to_start_gives_its_slot_back(monkeypatch: pytest.MonkeyPatch) -> None:
    real = api.gql.executor._Worker
    failures = [RuntimeError("can't start new thread")]

    def starting() -> api.gql.executor._Worker:
        if failures:
            raise failures.pop()
        return real()

    monkeypatch.setattr(api.gql.executor, "_Worker", starting)
    executor = Executor(timeout=30, workers=1)

    async def scenario() -> int:
        with pytest.raises(RuntimeError, match="can't start"):
            await executor.run(answer)
        return await executor.run(answer)

    try:
        assert asyncio.run(scenario()) == 42
    finally:
        executor.close()


def test_a_closed_executor_stops_its_loops_and_starts_no_more() -> None:
    executor = Executor(timeout=30, workers=2)
    assert asyncio.run(executor.run(answer)) == 42
    started = list(executor._started)
    executor.close()
    assert [worker.thread.is_alive() for worker in started] == [False]
    assert [worker.loop.is_closed() for worker in started] == [True]
    with pytest.raises(RuntimeError, match="closed"):
        asyncio.run(executor.run(answer))
    assert executor.admission.free == 2  # the refused operation gave its slot back
    executor.close()  # twice is harmless
