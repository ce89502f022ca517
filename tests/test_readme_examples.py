"""The README's examples that talk to a server run against a live one.

The server holds ``data/seed`` ingested with ``kg.ingest.ingest`` and linked with
``kg.link.relink`` (``ingest`` itself does not link; ``kg ingest`` does both), so it
answers as ``make serve`` does. ``http://127.0.0.1:8000`` and ``http://localhost:8000``
are rewritten to its URL.

Which fences run, by their language:

- ``sh``: only the ``curl`` commands, each one a test: a line that starts with ``curl ``
  and the lines it continues onto with a trailing backslash. They run in bash from the top
  of the repository (``query@queries/who_met.rq`` reads the file), told to fail on HTTP
  errors. Every other line (``make serve``, ``kg ingest ...``, ``kg query ...``) installs,
  ingests or works on a store folder, not on a server, and is not run.
- ``python``: a block that names the server's URL runs in a fresh namespace and must
  print something; other Python blocks are not run.
- ``graphql``: the document is POSTed to ``/graphql`` and must answer without errors.

What runs in the section "The example question, both ways" must also answer the question:
Konstantin Kosachev, Vladimir Titov and Aleksandr Botsan-Karchenko met Wisner about Kosovo;
Ahtisaari, Milosevic, Putin and Lavrov, whom the seed cables name otherwise, did not.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from kg.ingest import ingest
from kg.link import relink
from kg.store import Store
from tests.live_server import LiveServer, serve

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SEED = ROOT / "data" / "seed"
README_URLS = ("http://127.0.0.1:8000", "http://localhost:8000")
QUESTION = "The example question, both ways"
MET = ("Konstantin Kosachev", "Vladimir Titov", "Aleksandr Botsan-Karchenko")
NOT_MET = ("Ahtisaari", "Milosevic", "Putin", "Lavrov")

FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
HEADING = re.compile(r"^#+ (.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Example:
    language: str  # "curl", "python" or "graphql"
    code: str
    section: str  # the heading the example sits under

    @property
    def answers_the_question(self) -> bool:
        return self.section == QUESTION

    def id(self) -> str:
        first = self.code.strip().splitlines()[0]
        return f"{self.language}: {first[:60]}"


def _complete(command: str) -> bool:
    """Whether the shell would take ``command`` as ended: no trailing backslash, no quote
    left open."""
    if command.rstrip().endswith("\\"):
        return False
    try:
        shlex.split(command)
    except ValueError:  # "No closing quotation"
        return False
    return True


def curl_commands(code: str) -> Iterator[str]:
    """Each ``curl`` command of a shell block, with the lines it continues onto."""
    lines = code.splitlines()
    index = 0
    while index < len(lines):
        if not lines[index].startswith("curl "):
            index += 1
            continue
        command = lines[index]
        while not _complete(command) and index + 1 < len(lines):
            index += 1
            command += "\n" + lines[index]
        index += 1
        yield command


def _outside_fences(text: str) -> str:
    """``text`` with each fence blanked out, keeping every offset: a ``# comment`` line in
    a shell block is no heading."""
    return FENCE.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text)


def examples(text: str) -> list[Example]:
    """The examples of a Markdown text that the rules in the docstring run, in order."""
    headings = [
        (match.start(), match.group(1).strip()) for match in HEADING.finditer(_outside_fences(text))
    ]
    found = []
    for match in FENCE.finditer(text):
        section = next((title for at, title in reversed(headings) if at < match.start()), "")
        language, code = match.group(1), match.group(2)
        if language in ("sh", "bash", "shell"):
            found += [Example("curl", command, section) for command in curl_commands(code)]
        elif language == "python" and any(url in code for url in README_URLS):
            found.append(Example("python", code, section))
        elif language == "graphql":
            found.append(Example("graphql", code, section))
    return found


EXAMPLES = examples(README.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    store = Store()
    report = ingest([str(SEED)], store)
    assert report.ingested, report
    assert not report.rejected, report
    relink(store)
    with serve(create_app(store)) as live:
        yield live


def _local(code: str, server: LiveServer) -> str:
    for url in README_URLS:
        code = code.replace(url, server.url)
    return code


def run_curl(command: str, server: LiveServer) -> str:
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    script = 'set -e\ncurl() { command curl --fail-with-body --silent --show-error "$@"; }\n'
    done = subprocess.run(
        ["bash", "-c", script + _local(command, server)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
        env=os.environ.copy(),
        check=False,
    )
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    if "/graphql" in command:
        # A GraphQL error may come with status 200 (application/json): read the body.
        assert '"errors"' not in done.stdout, done.stdout
    return done.stdout


def run_python(code: str, server: LiveServer) -> str:
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(_local(code, server), f"{README.name} example", "exec"), {})
    return output.getvalue()


def run_graphql(document: str, server: LiveServer) -> str:
    response = httpx.post(
        f"{server.url}/graphql",
        json={"query": document},
        headers={"Accept": "application/graphql-response+json"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    assert body["data"], body
    return response.text


def test_the_readme_has_each_kind_of_example() -> None:
    asked = [e for e in EXAMPLES if e.answers_the_question]
    assert {e.language for e in asked} == {"curl", "python", "graphql"}
    curls = [e.code for e in asked if e.language == "curl"]
    assert any("/graphql" in c for c in curls), curls
    assert any("/queries/who_met" in c for c in curls), curls
    assert any("/sparql" in c and "$person=" in c and "$topic=" in c for c in curls), curls


def test_only_curl_lines_of_shell_blocks_are_taken() -> None:
    block = (
        "make serve\n"
        "curl -G http://x/a \\\n  --data-urlencode a=b\n"
        "kg query who_met\n"
        'curl http://x/b --data \'{"a": 1,\n  "b": 2}\'\n'
        "# curl in a comment\n"
    )
    assert list(curl_commands(block)) == [
        "curl -G http://x/a \\\n  --data-urlencode a=b",
        'curl http://x/b --data \'{"a": 1,\n  "b": 2}\'',
    ]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id() for e in EXAMPLES])
def test_example_runs(example: Example, server: LiveServer) -> None:
    if example.language == "curl":
        output = run_curl(example.code, server)
    elif example.language == "python":
        output = run_python(example.code, server)
    else:
        output = run_graphql(example.code, server)
    assert output.strip(), "the example printed nothing"
    if example.answers_the_question:
        for name in MET:
            assert name in output, f"{name} missing from\n{output}"
        for name in NOT_MET:
            assert name not in output, f"{name} in\n{output}"
