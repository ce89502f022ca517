"""Identical GraphQL operations in flight at once are answered by one execution.

A burst of one question (a page that many visitors open at once, a client retrying) would
otherwise run it once per request, each in a worker of its own, the last waiting for all
the others. Here a request whose operation (document, operation name, variables, method,
media type) is already being executed over the same view of the store waits for that
execution and is answered with its response, byte for byte.

Only over a store served read-only: its data changes only when the server reopens it on a
writer's commit (``api.freshness``), and the view is part of the key, so no request is
answered from a view older than the one it arrived on. Where the server itself takes
writes, an operation sent after a write must see it, and nothing is shared.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

from kg.store import Store

T = TypeVar("T")


def operation_key(store: Store, *parts: Any) -> Hashable | None:
    """What makes two requests the same operation over the same view of ``store``; None
    when requests must not share (a store that takes writes, variables not in JSON)."""
    view = getattr(store, "oxigraph", None)
    if not getattr(store, "read_only", False) or view is None:
        return None
    try:
        spelled = json.dumps(parts, sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError):
        return None
    # The view itself, not its id: a view let go after a refresh can leave its address to
    # the next one, and the flights' table holds the view alive while its flight runs.
    return (view, spelled)


class Collapse:
    """Runs ``work`` once per key at a time; requests with the key meanwhile share it."""

    def __init__(self) -> None:
        self._flights: dict[Hashable, asyncio.Future[Any]] = {}

    @property
    def in_flight(self) -> int:
        return len(self._flights)

    async def run(self, key: Hashable | None, work: Callable[[], Awaitable[T]]) -> T:
        if key is None:
            return await work()
        flight = self._flights.get(key)
        if flight is not None:
            try:
                result: T = await asyncio.shield(flight)
                return result
            except asyncio.CancelledError:
                if not flight.cancelled():
                    raise  # this request was cancelled, not the execution it waited for
            return await work()  # the execution was cancelled: run it for this request
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._flights[key] = future
        try:
            value = await work()
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # retrieved: none may be waiting
            raise
        else:
            future.set_result(value)
            return value
        finally:
            del self._flights[key]
