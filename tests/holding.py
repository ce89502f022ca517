"""A store whose queries wait on an event: tests decide when work is busy and when it ends."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from kg.store import Store

HOLD = "# hold"


class HoldingStore(Store):
    """An in-memory store whose queries marked ``# hold`` wait until ``release`` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.holding = 0

    def query(self, sparql: str, **kwargs: Any) -> Any:
        if HOLD in sparql:
            self.holding += 1
            if not self.release.wait(timeout=60):
                raise RuntimeError("the test never released the held query")
        return super().query(sparql, **kwargs)


def until(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    """Wait for ``condition``; fail only if it never comes (a hang, not a slow machine)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.01)
