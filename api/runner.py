"""Store work off the event loop, under a deadline, in a bounded number of worker threads.

A hostile or careless query must not take the server down with it, so:

- every query runs in a worker thread (pyoxigraph releases the GIL while it evaluates),
  and the event loop only waits on it, never computes;
- at most ``workers`` queries run at once; more wait their turn in a bounded queue
  (``api.admission``), and only past its bound or its wait is one answered 503;
- the deadline is checked between solutions (or triples) while results are produced and
  serialized. A single step that runs long (a huge ``ORDER BY`` or aggregate before the
  first solution) cannot be interrupted inside Oxigraph: the client gets its 503 at the
  deadline, and the thread stops at its next check, holding its worker slot until then so
  runaway queries cannot pile up past ``workers``;
- the first ``HEAD_BYTES`` of a response are produced before the status line is sent, so a
  small response that fails (timeout, store error) gets an honest status. A larger one is
  streamed; if it fails past that point the connection is cut, and the client sees a
  truncated body rather than a well-formed but partial answer.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
import traceback
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, cast

import anyio
import anyio.from_thread
import anyio.lowlevel
import anyio.to_thread

from api.admission import Admission
from api.errors import QueryTimeoutError
from kg.errors import KGError

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Bytes produced before the response status is committed.
HEAD_BYTES = 256 * 1024
#: Bytes handed from the worker to the event loop at a time.
CHUNK_BYTES = 64 * 1024
#: Stack of a worker thread (see ``_start``).
STACK_BYTES = 64 * 1024 * 1024


class Deadline:
    """A point in time; ``check()`` raises ``QueryTimeoutError`` once it has passed."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.paused = False

    def pause(self) -> None:
        """Stop the clock while the work waits to start (a query process starting up)."""
        self.paused = True

    def restart(self) -> None:
        """Count the ``seconds`` from now: the work proper starts."""
        self.at = time.monotonic() + self.seconds
        self.paused = False

    def remaining(self) -> float:
        if self.paused:
            return self.seconds
        return max(0.0, self.at - time.monotonic())

    def check(self) -> None:
        if not self.paused and time.monotonic() > self.at:
            raise self.expired()

    def expired(self) -> QueryTimeoutError:
        return QueryTimeoutError(
            f"the query ran longer than {self.seconds:g} s",
            hint="narrow it (LIMIT, more specific patterns) or ask for a longer timeout",
        )


class Output(Protocol):
    """Where a producer writes its bytes (pyoxigraph's serializers accept it too)."""

    def write(self, data: bytes, /) -> int: ...

    def flush(self) -> None: ...


Producer = Callable[[Deadline, Output], None]


class _CancelledError(Exception):
    """The consumer went away (client disconnected, response abandoned)."""


class _Sink:
    """A file-like object that hands chunks of the producer's output to a queue."""

    def __init__(self, channel: queue.Queue[object], deadline: Deadline) -> None:
        self.channel = channel
        self.deadline = deadline
        self.buffer = bytearray()
        self.cancelled = threading.Event()

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) >= CHUNK_BYTES:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buffer:
            chunk, self.buffer = bytes(self.buffer), bytearray()
            self.put(chunk)

    def put(self, item: object) -> None:
        # A bounded queue gives back-pressure; poll so a vanished client or the deadline
        # frees the worker instead of leaving it blocked forever.
        while True:
            if self.cancelled.is_set():
                raise _CancelledError
            try:
                self.channel.put(item, timeout=0.1)
                return
            except queue.Full:
                self.deadline.check()


_END = object()
_stack_size_lock = threading.Lock()


def _start(target: Callable[[], None]) -> None:
    """Run ``target`` in a new daemon thread with a ``STACK_BYTES`` stack.

    Oxigraph's parser and planner recurse; a larger stack (address space, not memory,
    until used) keeps a query that slips past ``api.guard`` from overflowing it.
    """
    with _stack_size_lock:
        previous = threading.stack_size(STACK_BYTES)
        try:
            threading.Thread(target=target, name="sparql-worker", daemon=True).start()
        finally:
            threading.stack_size(previous)


def scrubbed(error: BaseException) -> BaseException:
    """``error`` without its traceback's frames, ready to cross to another thread.

    The frames hold pyoxigraph result iterators, which abort the process if released on
    any thread but their own; so the frames are cleared here, on the worker. Unexpected
    errors are logged with their traceback first, since it is lost after.
    """
    if not isinstance(error, KGError | _CancelledError):
        log.error("query worker failed", exc_info=error)
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if current.__traceback__ is not None:
            traceback.clear_frames(current.__traceback__)
        current.__traceback__ = None
        current = current.__cause__ or current.__context__
    return error


@dataclass
class Stream:
    """A response body being produced: ``head`` is ready; ``rest()`` yields what follows."""

    head: bytes
    done: bool
    _sink: _Sink
    _runner: Runner

    async def rest(self) -> AsyncIterator[bytes]:
        try:
            if self.head:
                yield self.head
            while not self.done:
                item = await self._runner.next_item(self._sink)
                if item is _END:
                    return
                if isinstance(item, BaseException):
                    raise item
                assert isinstance(item, bytes)
                yield item
        finally:
            self._sink.cancelled.set()


class Runner:
    """Runs store work in at most ``workers`` threads, each under ``timeout`` seconds.

    Work beyond ``workers`` waits in a queue of at most ``queue`` requests, each for at
    most ``queue_wait`` seconds (BusyError past either); its deadline starts when it runs.
    """

    def __init__(
        self,
        *,
        timeout: float,
        workers: int,
        queue: int = 1024,
        queue_wait: float = 30.0,
        what: str = "query",
    ) -> None:
        self.timeout = timeout
        self.workers = workers
        self.admission = Admission(slots=workers, queue=queue, wait=queue_wait, what=what)

    async def call(self, work: Callable[[Deadline], T]) -> T:
        """``work(deadline)`` in a worker thread: its result, or QueryTimeoutError."""
        await self.admission.acquire()
        deadline = Deadline(self.timeout)
        done = anyio.Event()
        token = anyio.lowlevel.current_token()
        outcome: list[tuple[bool, Any]] = []

        def run() -> None:
            try:
                outcome.append((True, work(deadline)))
            except BaseException as error:
                outcome.append((False, scrubbed(error)))
            finally:
                self.admission.release()
                # The loop may be gone (server stopped) when an abandoned worker ends.
                with contextlib.suppress(RuntimeError):
                    anyio.from_thread.run_sync(done.set, token=token)

        _start(run)
        with anyio.move_on_after(self.timeout):
            await done.wait()
        if not outcome:
            raise deadline.expired()
        succeeded, value = outcome[0]
        if not succeeded:
            raise value
        return cast(T, value)

    async def stream(self, produce: Producer) -> Stream:
        """Start ``produce`` in a worker; return once its head is ready or it has ended.

        Errors raised before the head is ready propagate from here (so they become a
        proper status); later ones surface while iterating ``rest()``.
        """
        await self.admission.acquire()
        deadline = Deadline(self.timeout)
        sink = _Sink(queue.Queue(maxsize=8), deadline)

        def run() -> None:
            try:
                produce(deadline, sink)
                sink.flush()
                sink.put(_END)
            except _CancelledError:
                pass
            except BaseException as error:  # handed to the event loop, raised there
                with contextlib.suppress(_CancelledError, QueryTimeoutError):
                    sink.put(scrubbed(error))
            finally:
                self.admission.release()

        _start(run)
        head = bytearray()
        try:
            while len(head) < HEAD_BYTES:
                item = await self.next_item(sink)
                if item is _END:
                    return Stream(bytes(head), True, sink, self)
                if isinstance(item, BaseException):
                    raise item
                assert isinstance(item, bytes)
                head += item
        except BaseException:
            sink.cancelled.set()
            raise
        return Stream(bytes(head), False, sink, self)

    async def next_item(self, sink: _Sink) -> object:
        """The next chunk, end marker or error from the worker, waiting till the deadline."""

        def get() -> object:
            # The deadline may move (``Deadline.restart``): waited for in short slices.
            while True:
                try:
                    return sink.channel.get(timeout=min(sink.deadline.remaining() + 0.05, 0.5))
                except queue.Empty:
                    if sink.deadline.remaining() <= 0:
                        return None

        item = await anyio.to_thread.run_sync(get, abandon_on_cancel=True)
        if item is None:
            sink.cancelled.set()
            raise sink.deadline.expired()
        return item
