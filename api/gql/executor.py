"""GraphQL operations off the server's event loop, under a deadline, a few at a time.

Resolving a large selection is Python work (a resolver call per field) between batched
SPARQL queries that the loaders run synchronously, so an operation executed on the
server's event loop would hold it, and every other request (``/sparql`` too) would wait.
So each operation runs in a thread of its own with an event loop of its own:

- the whole operation, loaders included, runs on that one loop, so a DataLoader still
  batches every load of one tick (one query per field per level), and pyoxigraph results
  are read on the thread that made them;
- at most ``workers`` operations run at once, apart from the SPARQL workers
  (``api.runner``); one more is refused at once (``BusyError``, 503) rather than queued;
- after ``timeout`` seconds the operation is cancelled: resolving stops at the next
  resolver that waits for data, and the client gets ``QueryTimeoutError`` (503). A SPARQL
  query already running finishes first (Oxigraph cannot be interrupted); the thread keeps
  its slot until it ends, so runaway operations cannot pile up past ``workers``;
- the response body is serialized in the thread too: a large one is Python work as well.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

import anyio
import anyio.from_thread
import anyio.lowlevel

from api.errors import BusyError, QueryTimeoutError
from api.runner import scrubbed

T = TypeVar("T")

#: How long past its deadline a worker may take to stop before the client is answered.
GRACE = 0.25


class Executor:
    """Runs operations in at most ``workers`` threads, each under ``timeout`` seconds."""

    def __init__(self, *, timeout: float, workers: int) -> None:
        self.timeout = timeout
        self.workers = workers
        self._slots = threading.BoundedSemaphore(workers)

    def expired(self) -> QueryTimeoutError:
        return QueryTimeoutError(
            f"the GraphQL operation ran longer than {self.timeout:g} s",
            hint="select less (fewer nested lists, smaller pages) or ask for a longer timeout",
        )

    async def run(self, work: Callable[[], Awaitable[T]]) -> T:
        """``await work()`` on a worker thread's own loop: its result, or the error it
        raised, ``QueryTimeoutError`` past the deadline, ``BusyError`` if all are busy.

        What crosses back must be plain data (no pyoxigraph object): errors are stripped
        of their frames on the worker (``api.runner.scrubbed``)."""
        if not self._slots.acquire(blocking=False):
            raise BusyError(
                f"all {self.workers} GraphQL workers are busy", hint="retry in a few seconds"
            )
        done = anyio.Event()
        token = anyio.lowlevel.current_token()
        outcome: list[tuple[bool, Any]] = []

        async def bounded() -> T:
            try:
                return await asyncio.wait_for(work(), self.timeout)
            except TimeoutError:
                raise self.expired() from None

        def target() -> None:
            try:
                outcome.append((True, asyncio.run(bounded())))
            except BaseException as error:
                outcome.append((False, scrubbed(error)))
            finally:
                self._slots.release()
                with contextlib.suppress(RuntimeError):  # the server's loop may be gone
                    anyio.from_thread.run_sync(done.set, token=token)

        threading.Thread(target=target, name="graphql-worker", daemon=True).start()
        with anyio.move_on_after(self.timeout + GRACE):
            await done.wait()
        if not outcome:
            raise self.expired()
        succeeded, value = outcome[0]
        if not succeeded:
            raise value
        return cast(T, value)
