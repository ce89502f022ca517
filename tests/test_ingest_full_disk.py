"""A disk that fills up during an ingest: a clear message, exit status 3, the summary of
what was committed, and a store holding exactly those cables, each whole.

The full disk is a store that refuses writes past a budget of graphs, as Oxigraph does
with "No space left on device"; a real one (a small tmpfs) behaves the same, shown by hand
in docs/robustness.md.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence
from pathlib import Path

import pytest

import kg.cli.ingest
from kg.cli import main
from kg.errors import StoreWriteError
from kg.ingest import ingest
from kg.ingest.outcomes import IngestStoppedError
from kg.store import Store
from kg.store.oxigraph import _write_error


class FillingStore(Store):
    """A store on disk that takes ``budget`` graphs, then answers as a full disk does."""

    def __init__(self, path: Path, budget: int) -> None:
        super().__init__(path)
        self.budget = budget

    def _spend(self, count: int) -> None:
        if count > self.budget:
            raise _write_error("could not write", OSError(errno.ENOSPC, "No space left on device"))
        self.budget -= count

    def add_graphs_ntriples(self, graphs: Sequence[tuple[str, str]]) -> None:
        self._spend(len(graphs))
        super().add_graphs_ntriples(graphs)

    def replace_graph_ntriples(self, graph: str, body: str) -> None:
        self._spend(1)
        super().replace_graph_ntriples(graph, body)


def test_the_ingest_stops_with_what_was_committed(tmp_path: Path, sample_dir: Path) -> None:
    store = FillingStore(tmp_path / "store", budget=5)
    with pytest.raises(IngestStoppedError) as caught:
        ingest([str(sample_dir)], store)
    report = caught.value.report
    assert "the disk is full" in str(caught.value)
    assert isinstance(caught.value, StoreWriteError)
    stored = sorted(store.cable_graphs())
    assert len(stored) == report.ingested <= 5
    assert report.rejected == 0  # no record is blamed for the disk
    store.budget = 1000  # space freed: the same ingest completes the rest
    again = ingest([str(sample_dir)], store)
    assert again.unchanged == report.ingested
    assert again.ingested + again.unchanged == len(list(store.cable_graphs()))


def test_kg_ingest_says_so_and_exits_3(
    tmp_path: Path,
    sample_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    opened: list[FillingStore] = []

    def open_filling(args: object) -> FillingStore:
        opened.append(FillingStore(tmp_path / "store", budget=3))
        return opened[-1]

    monkeypatch.setattr(kg.cli.ingest, "open_store", open_filling)
    code = main(["--store", str(tmp_path / "store"), "ingest", "--no-link", str(sample_dir)])
    out, err = capsys.readouterr()
    assert code == 3
    stored = len(list(opened[0].cable_graphs()))
    assert f"ingested {stored}, unchanged 0, replaced 0, rejected 0" in out
    assert "kg: the ingest stopped" in err
    assert "the disk is full" in err
    assert "Traceback" not in err
