"""GraphQL operations off the server's event loop, under a deadline, a few at a time.

Resolving a large selection is Python work (a resolver call per field) between batched
SPARQL queries that the loaders run synchronously, so an operation executed on the
server's event loop would hold it, and every other request (``/sparql`` too) would wait.
So each operation runs in a worker thread, on that worker's own event loop:

- the whole operation, loaders included, runs on that one loop, so a DataLoader still
  batches every load of one tick (one query per field per level), and pyoxigraph results
  are read on the thread that made them;
- the ``workers`` threads and their loops live as long as the executor, started on first
  use and stopped by ``close()`` (the app's shutdown): one operation at a time on each.
  (A thread and a loop started per operation, and the loop's thread pool shut down after
  it, cost a fifth of a small operation's time.)
- at most ``workers`` operations run at once, apart from the SPARQL workers
  (``api.runner``); more wait their turn in a bounded queue (``api.admission``), and
  only past its bound or wait is one refused (``BusyError``, 503 with ``Retry-After``);
- after ``timeout`` seconds the client gets ``QueryTimeoutError`` (503), and every field
  still to resolve fails at once (``StopAtDeadline``), so the operation winds down without
  starting more work: what runs already (a batch's SPARQL query, which Oxigraph cannot
  interrupt) finishes first. The thread keeps its slot until the operation has ended, so
  runaway operations cannot pile up past ``workers``. (Cancelling the operation's tasks
  instead took longer, a task at a time, and left resolver coroutines never awaited.)
- the response body is serialized in the thread too: a large one is Python work as well.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import queue as queues
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from typing import Any, TypeVar, cast

import anyio
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.utils.await_maybe import AwaitableOrValue

from api.admission import Admission
from api.errors import QueryTimeoutError
from api.runner import scrubbed

T = TypeVar("T")

log = logging.getLogger(__name__)

#: How long past its deadline a worker may take to stop before the client is answered.
GRACE = 0.25

#: When the operation running in this context must end (``time.monotonic()``); unset for
#: operations executed in process (``schema.execute``), which have no deadline.
_deadline: ContextVar[float | None] = ContextVar("graphql_deadline", default=None)


class PastDeadlineError(GraphQLError):
    """A field not resolved because the operation's deadline had passed."""

    def __init__(self) -> None:
        super().__init__("the operation ran past its deadline")


def past_deadline(error: GraphQLError) -> bool:
    """Whether ``error`` is a field failed at the deadline (also once located in the tree)."""
    return isinstance(error, PastDeadlineError) or isinstance(
        error.original_error, PastDeadlineError
    )


class StopAtDeadline(SchemaExtension):
    """Past the operation's deadline, fail each field at once instead of resolving it."""

    def resolve(
        self, _next: Callable[..., object], root: Any, info: Any, *args: Any, **kwargs: Any
    ) -> AwaitableOrValue[object]:
        at = _deadline.get()
        if at is not None and time.monotonic() > at:
            raise PastDeadlineError
        return _next(root, info, *args, **kwargs)


class _Worker:
    """A daemon thread running an event loop of its own until ``stop()``."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._tasks: set[asyncio.Task[None]] = set()  # the loop keeps only weak references
        self.thread = threading.Thread(target=self._run, name="graphql-worker", daemon=True)
        try:
            self.thread.start()
        except BaseException:
            self.loop.close()
            raise

    def _run(self) -> None:
        """Run the loop until stopped; then end what it still holds and close it, here,
        on the thread that ran it."""
        try:
            self.loop.run_forever()
            self.loop.run_until_complete(self._wind_down())
        finally:
            self.loop.close()

    async def _wind_down(self) -> None:
        tasks = asyncio.all_tasks() - {asyncio.current_task()}
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self.loop.shutdown_asyncgens()
        await self.loop.shutdown_default_executor()

    def stop(self, wait: float | None) -> bool:
        """Stop the loop once the step it runs now returns (thread-safely), and wait up
        to ``wait`` seconds for the thread to end: whether it did. An operation still
        running is cancelled at its next ``await``."""
        with contextlib.suppress(RuntimeError):  # the loop is closed: stopped already
            self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(wait)
        return not self.thread.is_alive()

    def start(self, operation: Coroutine[Any, Any, None]) -> None:
        """Run ``operation`` on this worker's loop, in a context of its own (so that the
        deadline it sets stays with it)."""

        def create() -> None:
            task = self.loop.create_task(operation)
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

        self.loop.call_soon_threadsafe(create, context=contextvars.Context())


class Executor:
    """Runs operations in at most ``workers`` threads, each under ``timeout`` seconds."""

    def __init__(
        self, *, timeout: float, workers: int, queue: int = 1024, queue_wait: float = 30.0
    ) -> None:
        self.timeout = timeout
        self.workers = workers
        self.admission = Admission(slots=workers, queue=queue, wait=queue_wait, what="GraphQL")
        # Idle workers; a slot of the admission is a worker, so one is idle for each
        # operation admitted. None stands for a worker not started yet.
        self._idle: queues.SimpleQueue[_Worker | None] = queues.SimpleQueue()
        for _ in range(workers):
            self._idle.put(None)
        self._lock = threading.Lock()
        self._started: list[_Worker] = []  # stopped by ``close()``
        self._closed = False

    def expired(self) -> QueryTimeoutError:
        return QueryTimeoutError(
            f"the GraphQL operation ran longer than {self.timeout:g} s",
            hint="select less (fewer nested lists, smaller pages) or ask for a longer timeout",
        )

    def _take(self) -> _Worker:
        worker = self._idle.get_nowait()  # the admission admits at most ``workers``
        if worker is not None:
            return worker
        if self._closed:
            self._idle.put(None)
            raise RuntimeError("the GraphQL executor is closed")
        try:
            worker = _Worker()
        except BaseException:
            self._idle.put(None)  # the slot's worker is still to start, for the next one
            raise
        with self._lock:
            self._started.append(worker)
        return worker

    def close(self) -> None:
        """Stop the worker threads and close their loops (the server is stopping): each
        after the step its operation runs now, if any, waiting at most ``timeout`` and
        ``GRACE`` for it; a thread still busy past that is left to end with the process.
        Operations started later are refused."""
        with self._lock:
            self._closed = True
            workers, self._started = self._started, []
        for worker in workers:
            if not worker.stop(self.timeout + GRACE):
                log.warning("a GraphQL worker still ran an operation at shutdown: left it")

    async def run(self, work: Callable[[], Awaitable[T]]) -> T:
        """``await work()`` on a worker thread's own loop: its result, or the error it
        raised, ``QueryTimeoutError`` past the deadline, ``BusyError`` if all are busy.

        What crosses back must be plain data (no pyoxigraph object): errors are stripped
        of their frames on the worker (``api.runner.scrubbed``)."""
        await self.admission.acquire()
        try:
            worker = self._take()
        except BaseException:
            self.admission.release()
            raise
        done = anyio.Event()
        server = asyncio.get_running_loop()
        outcome: list[tuple[bool, Any]] = []

        async def bounded() -> None:
            at = time.monotonic() + self.timeout
            _deadline.set(at)  # seen by every task this one starts (they copy the context)
            try:
                result = await work()
                if time.monotonic() > at:  # fields failed at the deadline: no answer to give
                    raise self.expired()
                outcome.append((True, result))
            except BaseException as error:
                outcome.append((False, scrubbed(error)))
            finally:
                # The worker is free again before its slot is: whoever the slot goes to
                # finds an idle worker.
                self._idle.put(worker)
                self.admission.release()
                with contextlib.suppress(RuntimeError):  # the server's loop may be gone
                    server.call_soon_threadsafe(done.set)

        worker.start(bounded())
        with anyio.move_on_after(self.timeout + GRACE):
            await done.wait()
        if not outcome:
            raise self.expired()
        succeeded, value = outcome[0]
        if not succeeded:
            raise value
        return cast(T, value)
