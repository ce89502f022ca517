"""A real Oxigraph server (the ``oxigraph`` package's CLI) on loopback, for RemoteStore tests.

``oxigraph serve --location TMP --bind 127.0.0.1:PORT --union-default-graph`` on a free
port, waited for until it answers, stopped after. Without the ``oxigraph`` binary the tests
that need it are skipped, unless ``$KG_REQUIRE_OXIGRAPH`` is set (``.ci/run`` sets it):
then they fail, so that CI cannot pass without running them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REQUIRED = bool(os.environ.get("KG_REQUIRE_OXIGRAPH"))


def binary() -> str | None:
    """The ``oxigraph`` CLI: beside this Python (the venv's), else on the PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """The base URL of an Oxigraph server over ``location``, for the block's duration."""
    program = binary()
    if program is None:
        reason = "the oxigraph server is not installed (pip install oxigraph)"
        if REQUIRED:
            pytest.fail(f"{reason}, and KG_REQUIRE_OXIGRAPH is set")
        pytest.skip(reason)
    for _attempt in range(3):  # a port taken between choosing it and binding it: again
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        command = [program, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
        process = subprocess.Popen(
            [*command, "--union-default-graph"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30  # only a bound on a server that never comes up
        while process.poll() is None and not _answers(url):
            if time.monotonic() > deadline:
                process.kill()
                break
            time.sleep(0.05)
        if process.poll() is None:
            break
        error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    else:
        pytest.fail(f"the oxigraph server did not start: {error}")
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()
