"""A killed ingest leaves a store that opens, holds only whole cables, and a rerun completes.

``kg ingest`` runs in a subprocess on a few hundred generated cables and is killed with
SIGKILL (no clean-up of any kind) once some cables are in. New cables are written in
groups (1, 2, 4, ... up to ``GROUP_CABLES``), each group in one atomic step, so the store
holds whole groups and every cable graph in it must be complete: its identifier, its
checksum and every one of its paragraphs.
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.sources
from benchmarks.corpus import write_corpus
from kg import cli
from kg.errors import StoreError
from kg.ingest.writer import group_sizes
from kg.model import RawRecord
from kg.parse import parse
from kg.store import Store

ROOT = Path(__file__).resolve().parent.parent
CABLES = 200
DCT = "http://purl.org/dc/terms/"
KG = "https://w3id.org/cablegraph/ontology#"


def stored(path: Path) -> int:
    """Cable graphs in the store, read beside the writer (0 until it exists)."""
    try:
        return sum(1 for _ in Store(path, read_only=True).cable_graphs())
    except (StoreError, OSError, RuntimeError):  # RuntimeError: the store is being created
        return 0


@pytest.mark.slow
def test_sigkill_mid_ingest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path / "cables.csv", CABLES)
    records = [r for r in kg.sources.read(corpus) if isinstance(r, RawRecord)]
    cables = [(parse(record), record) for record in records]
    paragraphs = {cable.reference_id: len(cable.paragraphs) for cable, _ in cables}
    # Each cable as committed is the record offered, byte for byte: its kg:checksum.
    checksums = {cable.reference_id: record.checksum for cable, record in cables}
    assert len(paragraphs) == len(checksums) == CABLES

    store_path = tmp_path / "store"
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "--store", str(store_path), "ingest", str(corpus)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while stored(store_path) < 10 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"

    graphs = check_whole(
        Store(store_path), paragraphs, checksums
    )  # opens (and recovers) after the kill
    assert 10 <= len(graphs) < CABLES
    boundaries = list(itertools.accumulate(itertools.islice(group_sizes(), CABLES)))
    assert len(graphs) in boundaries, "part of a group was stored"
    assert not list(store_path.glob("bulk-*.sst")), "files of the unfinished group were left"

    rejects = str(tmp_path / "rejects.jsonl")
    argv = [
        "--store",
        str(store_path),
        "ingest",
        str(corpus),
        "--rejects",
        rejects,
        "--workers",
        "2",
    ]
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == (
        f"ingested {CABLES - len(graphs)}, unchanged {len(graphs)}, replaced 0, rejected 0"
    )
    assert len(check_whole(Store(store_path), paragraphs, checksums)) == CABLES


def check_whole(store: Store, paragraphs: dict[str, int], checksums: dict[str, str]) -> list[str]:
    """The store's cable graphs, each checked to be complete and to hold the checksum of
    the record it was made from; the store is closed after."""
    graphs = sorted(store.cable_graphs())
    identifier, has_part, text = (
        ox.NamedNode(DCT + "identifier"),
        ox.NamedNode(DCT + "hasPart"),
        ox.NamedNode(KG + "text"),
    )
    for graph in graphs:
        name = ox.NamedNode(graph)
        [quad] = list(store.oxigraph.quads_for_pattern(None, identifier, None, name))
        assert isinstance(quad.object, ox.Literal)
        refid = quad.object.value
        assert store.checksum(refid) == checksums[refid], refid
        parts = list(store.oxigraph.quads_for_pattern(None, has_part, None, name))
        assert len(parts) == paragraphs[refid], f"{refid}: a partial cable was stored"
        for part in parts:
            assert isinstance(part.object, ox.NamedNode)
            assert len(list(store.oxigraph.quads_for_pattern(part.object, text, None, name))) == 1
    return graphs
