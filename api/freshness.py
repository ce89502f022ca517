"""Serve what a writer beside the server has committed: reopen a read-only store between
requests when it changed on disk (``Store.refresh``), checking at most every ``interval`` s.

The check is a few file stats; requests already running keep the handle they started with.
"""

from __future__ import annotations

import threading
import time

from starlette.types import ASGIApp, Receive, Scope, Send

from kg.store import Store


class Refresh:
    """ASGI middleware: ``store.refresh()`` before a request, at most every ``interval`` s."""

    def __init__(self, app: ASGIApp, *, store: Store, interval: float = 0.5) -> None:
        self.app = app
        self.store = store
        self.interval = interval
        self._checked = 0.0
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.store.read_only:
            now = time.monotonic()
            if now - self._checked >= self.interval and self._lock.acquire(blocking=False):
                try:
                    self._checked = now
                    self.store.refresh()
                finally:
                    self._lock.release()
        await self.app(scope, receive, send)
