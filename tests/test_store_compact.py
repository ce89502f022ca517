"""``kg compact``: the store rewritten through the bulk loader holds the same quads."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import cli
from kg.errors import StoreError
from kg.rdf.mapping import graph_iri
from kg.store import Store, ntriples
from kg.store.compact import compact, engine_bytes
from tests.builders import IRIS, handmade_cable, handmade_extraction


def written(path: Path) -> set[str]:
    """A store at ``path`` with the handmade cable, written as ``kg ingest`` writes new
    cables and then replaced (a transaction), and files of kg's own beside it; its quads."""
    from kg.rdf.mapping import triples

    store = Store(path, iris=IRIS)
    cable = handmade_cable()
    body = ntriples(triples(cable, handmade_extraction(), iris=IRIS))
    store.add_graphs_ntriples([(graph_iri(cable, IRIS), body)])
    store.replace_graph_ntriples(IRIS.graph("07MOSCOW1"), body.replace("07MOSCOW999", "07MOSCOW1"))
    quads = {str(quad) for quad in store.quads()}
    store.flush()
    del store
    (path / "search.sqlite").write_bytes(b"an index of kg's own")
    (path / "rejects").mkdir()
    (path / "rejects" / "run.jsonl").write_text("{}\n")
    return quads


def test_compact_keeps_every_quad_and_the_files_beside_the_engine(tmp_path: Path) -> None:
    path = tmp_path / "store"
    quads = written(path)
    done = compact(path)
    assert done.quads == len(quads)
    assert done.after == engine_bytes(path)
    assert (path / "search.sqlite").read_bytes() == b"an index of kg's own"
    assert (path / "rejects" / "run.jsonl").read_text() == "{}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # nothing left beside
    store = Store(path, iris=IRIS)  # the lock is released, the store opens and writes
    assert {str(quad) for quad in store.quads()} == quads
    store.drop_graph(IRIS.graph("07MOSCOW1"))
    assert len(store) < len(quads)


def test_compact_refuses_a_store_in_use(tmp_path: Path) -> None:
    path = tmp_path / "store"
    quads = written(path)
    store = Store(path, iris=IRIS)
    with pytest.raises(StoreError, match="cannot open"):
        compact(path)
    assert {str(quad) for quad in store.quads()} == quads  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_compact_says_what_an_interrupted_run_left(tmp_path: Path) -> None:
    path = tmp_path / "store"
    written(path)
    (tmp_path / ".store.before-compaction").mkdir()
    with pytest.raises(StoreError, match="interrupted compaction"):
        compact(path)
    with pytest.raises(StoreError, match="no store"):
        compact(tmp_path / "nothing")


def test_kg_compact_prints_the_sizes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "store"
    quads = written(path)
    assert cli.main(["--store", str(path), "compact"]) == 0
    assert f"compacted {len(quads):,} quads: " in capsys.readouterr().out
