"""What the outside sees stays the same: the RDF ``kg export`` writes, the CLI's help, the routes.

The files under ``tests/snapshots/`` were written from the code as it stood before the tree
was reshaped; a change of layout must leave every one of them as it is. A change of
behaviour that is meant rewrites them on purpose: ``KG_WRITE_SNAPSHOTS=1 pytest
tests/test_snapshots.py``, and the diff of the snapshot is part of the commit.
(The GraphQL SDL has its own drift test: ``api/schema.graphql``.)
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
from pathlib import Path

import pytest

from api.app import create_app
from kg.cli import main
from kg.store import Store

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
ROOT = SNAPSHOTS.parent.parent
WRITE = os.environ.get("KG_WRITE_SNAPSHOTS") == "1"
COMMANDS = ("ingest", "link", "serve", "query", "export", "load", "stats", "validate")


def check(name: str, text: str) -> None:
    """``text`` is the snapshot ``name`` (gzip-compressed when the name ends in .gz)."""
    path = SNAPSHOTS / name
    data = text.encode("utf-8")
    if WRITE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_bytes(gzip.compress(data, mtime=0) if name.endswith(".gz") else data)
    stored = path.read_bytes()
    if name.endswith(".gz"):
        stored = gzip.decompress(stored)
    if stored != data:
        old, new = stored.decode("utf-8").splitlines(), text.splitlines()
        gone = sorted(set(old) - set(new))[:10]
        came = sorted(set(new) - set(old))[:10]
        pytest.fail(f"{name} changed\n  gone: {gone}\n  new: {came}")


def run(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main(list(argv))
    return out.getvalue()


@pytest.fixture
def plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Help as a terminal of 100 columns shows it, with no setting from the environment."""
    for name in ("KG_STORE", "KG_BASE_IRI", "KG_QUERIES", "KG_UPDATE_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")


@pytest.mark.parametrize("folder", ["seed", pytest.param("sample", marks=pytest.mark.slow)])
def test_export_writes_the_same_rdf(folder: str, tmp_path: Path, plain_env: None) -> None:
    store = str(tmp_path / "store")
    output = tmp_path / "all.nq"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["--store", store, "ingest", str(ROOT / "data" / folder)]) == 0
        assert main(["--store", store, "export", "--format", "nquads", "-o", str(output)]) == 0
    # Source file paths are absolute: the checkout's own folder is not part of the snapshot.
    text = output.read_text(encoding="utf-8").replace(str(ROOT), "ROOT")
    lines = sorted(text.splitlines())
    check(f"export-{folder}.nq.gz", "\n".join(lines) + "\n")


def test_cli_help_is_the_same(plain_env: None) -> None:
    sections = [f"$ kg --help\n{run('--help')}"]
    sections += [f"$ kg {name} --help\n{run(name, '--help')}" for name in COMMANDS]
    check("cli-help.txt", "\n".join(sections))


def test_http_routes_are_the_same() -> None:
    app = create_app(Store())
    lines = []
    for route in app.routes:
        methods = sorted(getattr(route, "methods", None) or [])
        lines.append(f"{getattr(route, 'path', route)} {' '.join(methods)}".rstrip())
    check("routes.txt", "\n".join(lines) + "\n")
