"""A one-line progress display for long ingests: cables, cables/s, rejects.

It redraws at most a few times a second, and only on a terminal: when stderr is a
file or a pipe (CI logs, scripts) it stays quiet, so logs hold the summary alone.
"""

from __future__ import annotations

import time
from typing import IO

from kg.ingest.outcomes import Outcome

REDRAW_EVERY = 0.2  # seconds


class Progress:
    """Callable fed one Outcome per record by ``kg.ingest.ingest``."""

    def __init__(self, stream: IO[str], *, enabled: bool | None = None) -> None:
        self.stream = stream
        self.enabled = stream.isatty() if enabled is None else enabled
        self.started = time.monotonic()
        self.last_drawn = 0.0
        self.cables = 0
        self.rejects = 0

    def __call__(self, outcome: Outcome) -> None:
        if outcome.status == "rejected":
            self.rejects += 1
        else:
            self.cables += 1
        now = time.monotonic()
        if self.enabled and now - self.last_drawn >= REDRAW_EVERY:
            self.last_drawn = now
            self.draw(now)

    def line(self, now: float | None = None) -> str:
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.cables / elapsed
        plural = "" if self.cables == 1 else "s"
        return f"{self.cables} cable{plural}, {rate:.1f} cables/s, {self.rejects} rejected"

    def draw(self, now: float | None = None) -> None:
        self.stream.write("\r\x1b[K" + self.line(now))
        self.stream.flush()

    def close(self) -> None:
        """Clear the line so the summary that follows starts clean."""
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
