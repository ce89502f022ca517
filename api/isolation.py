"""SPARQL queries in child processes, so that a deadline or a memory bound really stops them.

Oxigraph cannot interrupt a query: one long step (a big aggregate, a sort, a product of
two patterns) runs to its end whatever the deadline, in a thread that holds its worker
and grows without bound (four runaway ``who_met`` once took the server to 24 GB). Where
the store is on disk and served read-only, each SPARQL worker is instead a child process
with its own read-only handle on the store:

- at the deadline the parent kills the child (SIGKILL) and the client gets its 503; the
  worker is replaced on its next use, so nothing keeps running past the deadline;
- each child's data segment is capped (``RLIMIT_DATA``, ``memory`` bytes): a query that
  needs more dies alone, and the client is told why; the server's own memory is untouched;
- a child reopens its handle when a writer has committed since (``Store.refresh``), so an
  ingest running beside the server shows up in answers.

The child runs ``answer`` exactly as a thread would, writing the answer's bytes to the
pipe in chunks; the parent hands them on as they come (``api.runner`` streams them).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import resource
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from api.errors import NotAcceptableError, QueryTimeoutError, ResourceLimitError
from api.runner import CHUNK_BYTES, Deadline, Output
from kg.errors import KGError, StoreError

log = logging.getLogger(__name__)


#: How long a new query process may take to start and open the store.
STARTUP_SECONDS = 120.0


@dataclass(frozen=True, slots=True)
class QueryJob:
    """Everything a query needs besides the store: picklable, so a child can run it."""

    text: str
    bindings: tuple[tuple[str, Any], ...]
    base_iri: str | None
    default_graph: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    accept: str | None
    hidden: tuple[str, ...]
    result_limit: int | None


#: ``answer(store, job, deadline, out, on_format)``: runs the query, names the format
#: chosen (``on_format(name)``) before writing the answer's bytes to ``out``.
Answer = Callable[[Any, QueryJob, Deadline, Output, Callable[[str], None]], None]


class _PipeOutput:
    """``Output`` that sends the child's bytes to the parent in chunks."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.buffer = bytearray()

    def write(self, data: bytes, /) -> int:
        self.buffer += data
        if len(self.buffer) >= CHUNK_BYTES:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buffer:
            self.connection.send(("data", bytes(self.buffer)))
            self.buffer.clear()


def _child(
    path: str, memory: int | None, answer: Answer, connection: Connection, owner: int
) -> None:
    """A child's life: open the store read-only, then answer jobs until the pipe closes."""
    from kg.children import end_with_parent
    from kg.store import Store

    end_with_parent(owner)  # a killed server leaves no query running behind it
    if memory is not None:
        resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    store = Store(path, read_only=True)
    connection.send(("ready", None))
    while True:
        try:
            job, seconds = connection.recv()
        except (EOFError, OSError):
            return
        out = _PipeOutput(connection)
        try:
            store.refresh()  # what a writer beside the server has committed since
            answer(
                store, job, Deadline(seconds), out, lambda name: connection.send(("format", name))
            )
            out.flush()
            connection.send(("end", None))
        except KGError as error:
            connection.send(("error", (type(error).__name__, error.message, error.hint)))
        except MemoryError:
            connection.send(("error", ("memory", "", None)))
        except Exception as error:  # reported to the parent, which logs it once
            connection.send(("error", ("unexpected", f"{type(error).__name__}: {error}", None)))


def _rebuilt(name: str, message: str, hint: str | None) -> KGError:
    """The child's error as the parent raises it (same class where it is one of ours)."""
    known: dict[str, type[KGError]] = {
        cls.__name__: cls for cls in (QueryTimeoutError, NotAcceptableError, StoreError)
    }
    from kg import errors

    cls = known.get(name) or getattr(errors, name, None)
    if isinstance(cls, type) and issubclass(cls, KGError):
        error = cls.__new__(cls)
        KGError.__init__(error, message, hint=hint)
        return error
    return StoreError(f"the query failed: {message}")


class _Child:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, context: Any, path: str, memory: int | None, answer: Answer) -> None:
        self.connection, theirs = multiprocessing.Pipe()
        self.process = context.Process(
            target=_child,
            args=(path, memory, answer, theirs, os.getpid()),
            name="sparql-child",
            daemon=True,
        )
        self.process.start()
        theirs.close()
        self.ready = False

    def wait_ready(self, seconds: float) -> None:
        """Wait for the child to have started and opened the store (StoreError if not)."""
        if self.ready:
            return
        if self.connection.poll(seconds):
            kind, _ = self.connection.recv()
            if kind == "ready":
                self.ready = True
                return
        raise StoreError(
            f"a query process did not start within {seconds:g} s",
            hint="the machine may be overloaded; try again",
        )

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(timeout=5)
        with contextlib.suppress(Exception):
            self.connection.close()

    @property
    def alive(self) -> bool:
        return bool(self.process.is_alive())


class ProcessPool:
    """``workers`` child processes answering SPARQL over a read-only store at ``path``."""

    def __init__(self, path: Path, *, workers: int, memory: int | None, answer: Answer) -> None:
        self.path = str(path)
        self.memory = memory
        self.answer = answer
        self.context = multiprocessing.get_context("spawn")  # never fork a threaded server
        self._idle: queue.LifoQueue[_Child | None] = queue.LifoQueue()
        for _ in range(workers):
            self._idle.put(None)  # started on first use
        self._lock = threading.Lock()
        self._children: set[_Child] = set()
        self.stopped: list[int] = []  # pids of the processes killed midway, for /health

    def _take(self) -> _Child:
        child = self._idle.get()  # the runner admits at most ``workers`` at once
        if child is None or not child.alive:
            if child is not None:
                child.kill()
            child = _Child(self.context, self.path, self.memory, self.answer)
            with self._lock:
                self._children.add(child)
        return child

    def _give_back(self, child: _Child | None) -> None:
        self._idle.put(child)

    def _discard(self, child: _Child) -> None:
        """Kill ``child`` and start its replacement at once, so the next query finds it
        ready (starting one costs the parent only a fork; the child imports meanwhile)."""
        child.kill()
        with self._lock:
            self._children.discard(child)
            self.stopped.append(child.process.pid)
        replacement = _Child(self.context, self.path, self.memory, self.answer)
        with self._lock:
            self._children.add(replacement)
        self._give_back(replacement)

    def run(
        self, job: QueryJob, deadline: Deadline, out: Output, on_format: Callable[[str], None]
    ) -> None:
        """Answer ``job`` in a child: bytes to ``out``; the child is killed at the deadline."""
        child = self._take()
        finished = False
        try:
            # Starting a process (its imports, opening the store) is not the query's time:
            # the deadline counts from when a ready process takes the query.
            if not child.ready:
                deadline.pause()
                child.wait_ready(STARTUP_SECONDS)
            deadline.restart()
            child.connection.send((job, deadline.remaining()))
            while True:
                if not child.connection.poll(deadline.remaining()):
                    raise deadline.expired()
                kind, value = child.connection.recv()
                if kind == "data":
                    out.write(value)
                elif kind == "format":
                    on_format(value)
                elif kind == "end":
                    finished = True
                    return
                else:
                    finished = True
                    raise self._error(*value)
        except (EOFError, OSError, BrokenPipeError):
            raise self._died(child) from None
        finally:
            if finished:
                self._give_back(child)
            else:  # stopped midway (deadline, client gone, a crash): the child goes too
                self._discard(child)

    def _error(self, name: str, message: str, hint: str | None) -> KGError:
        if name == "memory":
            return self._memory_error()
        if name == "unexpected":
            log.error("SPARQL child failed: %s", message)
            return StoreError("the query failed inside the store")
        return _rebuilt(name, message, hint)

    def _died(self, child: _Child) -> KGError:
        child.process.join(timeout=5)
        # Past RLIMIT_DATA an allocation fails and the engine aborts (SIGABRT).
        if self.memory is not None and child.process.exitcode in (-6, -11, 134):
            return self._memory_error()
        return StoreError(f"the query process ended unexpectedly (exit {child.process.exitcode})")

    def _memory_error(self) -> KGError:
        limit = f"{self.memory / 2**20:,.0f} MB" if self.memory else "the memory it was allowed"
        return ResourceLimitError(
            f"the query was stopped: it needed more than {limit} of memory",
            hint="narrow it (LIMIT, more specific patterns)",
        )

    def close(self) -> None:
        with self._lock:
            children, self._children = list(self._children), set()
        for child in children:
            child.kill()
