"""An ingest killed outright (kill -9) leaves no worker process behind.

The ingest reads standard input that stays open, so its workers are alive and waiting
when it is killed; the test then waits (a minute at most: a real orphan never ends) for
every process it had started to be gone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc"),
]


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_killed_ingest_leaves_no_workers(tmp_path: Path, sample_dir: Path) -> None:
    line = (sample_dir / "mongo_jsonl" / "baghdad_2004-2005_excerpt.jsonl").read_text()
    command = [sys.executable, "-m", "kg.cli", "--store", str(tmp_path / "store"), "ingest"]
    ingest = subprocess.Popen(
        [*command, "--workers", "2", "--format", "jsonl", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert ingest.stdin is not None
    ingest.stdin.write(line.splitlines(keepends=True)[0].encode() * 40)
    ingest.stdin.flush()
    deadline = time.monotonic() + 60
    while len(descendants(ingest.pid)) < 3:  # the fork server and two workers at least
        assert time.monotonic() < deadline, "the workers never started"
        assert ingest.poll() is None, "the ingest ended on its own"
        time.sleep(0.1)
    started = descendants(ingest.pid)
    os.kill(ingest.pid, signal.SIGKILL)
    ingest.wait()
    ingest.stdin.close()
    deadline = time.monotonic() + 60
    while any(running(pid) for pid in started):
        assert time.monotonic() < deadline, f"orphans: {[p for p in started if running(p)]}"
        time.sleep(0.2)
