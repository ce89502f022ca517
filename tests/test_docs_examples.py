"""Every ``sh`` and ``python`` example in docs/http-api.md runs against a live server.

The docs address ``http://localhost:8000``; the tests point that at a server on a free
port holding the sample cables, with writes open to the token in ``$KG_UPDATE_TOKEN``.
Shell examples run in bash with real curl, told to fail on HTTP errors; Python examples
run in a fresh namespace. A shell example that talks to ``/graphql`` must also answer
without GraphQL ``errors``, which come with status 200 to ``application/json`` clients.
Both run from the top of the repository, where the examples read ``queries/*``. Other
fences (``bash`` for starting a server) are not run.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.app import create_app
from tests.builders import cable_store
from tests.live_server import LiveServer, serve

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "http-api.md"
DOC_URL = "http://localhost:8000"
TOKEN = "docs-example-token"
FENCE = re.compile(r"^```(sh|python)\n(.*?)^```", re.MULTILINE | re.DOTALL)
EXAMPLES = [(match.group(1), match.group(2)) for match in FENCE.finditer(DOC.read_text())]


def _id(example: tuple[str, str]) -> str:
    language, code = example
    first = next(line for line in code.splitlines() if line and not line.startswith("#"))
    return f"{language}: {first[:50]}"


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    with serve(create_app(cable_store(), update_token=TOKEN)) as live:
        yield live


def test_the_docs_have_examples_of_both_kinds() -> None:
    assert {language for language, _ in EXAMPLES} == {"sh", "python"}


def test_graphql_has_examples_of_both_kinds() -> None:
    graphql = {language for language, code in EXAMPLES if f"{DOC_URL}/graphql" in code}
    assert graphql == {"sh", "python"}


@pytest.mark.parametrize("example", EXAMPLES, ids=[_id(e) for e in EXAMPLES])
def test_example_runs(
    example: tuple[str, str], server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    language, code = example
    code = code.replace(DOC_URL, server.url)
    if language == "sh":
        if shutil.which("curl") is None:
            pytest.skip("curl is not installed")
        script = 'set -e\ncurl() { command curl --fail-with-body --silent --show-error "$@"; }\n'
        done = subprocess.run(
            ["bash", "-c", script + code],
            capture_output=True,
            text=True,
            timeout=30,
            cwd=ROOT,
            env={**os.environ, "KG_UPDATE_TOKEN": TOKEN},
            check=False,
        )
        assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
        if "/graphql" in code:
            # A GraphQL error may come with status 200 (application/json): read the body.
            assert '"errors"' not in done.stdout, done.stdout
        return
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(code, f"{DOC.name} example", "exec"), {"__name__": "docs_example"})
    assert output.getvalue().strip(), "the example printed nothing"
