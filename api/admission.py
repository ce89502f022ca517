"""A bounded queue in front of a fixed number of worker slots: wait your turn, then run.

Load is answered by queueing, not by refusing: a request that finds every worker taken
waits, in arrival order, for the next free one. Only past the queue's bound (``queue``
requests already waiting) or its wait (``wait`` seconds without a slot) is it refused,
with ``BusyError`` (503 and ``Retry-After``). A slot is released by the worker thread when
its work really ends, which may be after the client was answered (a query past its
deadline stops at its next check), so runaway work can never pile up past ``slots``.

Slots are handed over directly from the releasing thread to the longest waiter, so a
newcomer cannot overtake the queue, and a waiter that gives up (timeout, client gone)
leaves it without losing a slot.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import deque
from collections.abc import AsyncIterator

from api.errors import BusyError


class Admission:
    """``slots`` workers, and at most ``queue`` requests waiting up to ``wait`` s for one."""

    def __init__(self, *, slots: int, queue: int, wait: float, what: str = "query") -> None:
        if slots < 1:
            raise ValueError("an admission needs at least one slot")
        self.slots = slots
        self.queue = queue
        self.wait = wait
        self.what = what
        self._lock = threading.Lock()
        self._free = slots
        self._waiters: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = deque()

    @property
    def waiting(self) -> int:
        """Requests waiting for a slot now."""
        with self._lock:
            return len(self._waiters)

    @property
    def free(self) -> int:
        """Slots free now."""
        with self._lock:
            return self._free

    def _busy(self, why: str) -> BusyError:
        return BusyError(
            f"all {self.slots} {self.what} workers are busy and {why}",
            hint="retry in a few seconds",
        )

    async def acquire(self) -> None:
        """Take a slot, waiting in turn; BusyError past the queue's bound or wait."""
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._free > 0 and not self._waiters:
                self._free -= 1
                return
            if len(self._waiters) >= self.queue:
                raise self._busy(f"{self.queue} requests are already waiting")
            future: asyncio.Future[None] = loop.create_future()
            entry = (loop, future)
            self._waiters.append(entry)
        try:
            await asyncio.wait_for(asyncio.shield(future), timeout=self.wait)
        except BaseException as error:
            with self._lock:
                handed = entry not in self._waiters
                if not handed:  # never handed a slot: just leave the queue
                    self._waiters.remove(entry)
            if handed:  # a slot reached us as we gave up: pass it on
                self.release()
            if isinstance(error, TimeoutError):
                raise self._busy(f"no slot came free within {self.wait:g} s") from None
            raise

    def release(self) -> None:
        """Give a slot back (from any thread): to the longest waiter, else to the pool."""
        with self._lock:
            while self._waiters:
                loop, future = self._waiters.popleft()
                try:
                    loop.call_soon_threadsafe(_grant, future)
                except RuntimeError:  # that waiter's loop is closed: try the next one
                    continue
                return
            self._free += 1

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """``async with admission.slot():`` for work that ends on the event loop."""
        await self.acquire()
        try:
            yield
        finally:
            self.release()


def _grant(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
