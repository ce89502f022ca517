"""``kg compact``: the store rewritten through the bulk loader holds the same quads."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from kg import cli
from kg.errors import StoreError
from kg.rdf.mapping import graph_iri
from kg.store import Store, ntriples
from kg.store import compact as compact_module
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


def test_compact_holds_the_store_until_the_old_folder_is_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer opening the store during the bulk load would commit into the old folder,
    which the swap removes: it is refused until then."""
    path = tmp_path / "store"
    quads = written(path)
    rewrite = compact_module._rewrite
    refused: list[str] = []

    def rewrite_then_open(*args: Any) -> int:
        done = rewrite(*args)
        with pytest.raises(StoreError, match="cannot open") as error:
            Store(path, iris=IRIS)
        refused.append(str(error.value))
        return done

    monkeypatch.setattr(compact_module, "_rewrite", rewrite_then_open)
    compact(path)
    assert len(refused) == 1
    assert {str(quad) for quad in Store(path, iris=IRIS).quads()} == quads


def test_compact_follows_a_link_to_the_store(tmp_path: Path) -> None:
    (tmp_path / "disk").mkdir()
    path = tmp_path / "disk" / "store"
    quads = written(path)
    link = tmp_path / "link"
    link.symlink_to(path)
    compact(link)
    assert link.is_symlink()
    assert link.resolve() == path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["disk", "link"]
    assert sorted(p.name for p in path.parent.iterdir()) == ["store"]
    assert (path / "search.sqlite").read_bytes() == b"an index of kg's own"
    assert {str(quad) for quad in Store(link, iris=IRIS).quads()} == quads


def test_kg_compact_of_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "store"
    quads = written(path)
    monkeypatch.chdir(path)
    assert cli.main(["--store", ".", "compact"]) == 0
    out, err = capsys.readouterr()
    assert f"compacted {len(quads):,} quads" in out
    assert f"cd {path}" in err  # the shell's folder was the old one, now removed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_compact_of_a_folder_that_will_not_move(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mount point cannot be renamed (EBUSY): the work is removed, the store kept."""
    path = tmp_path / "store"
    quads = written(path)
    rename = Path.rename

    def busy(self: Path, target: str | Path) -> Path:
        if self == path:
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(self))
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", busy)
    assert cli.main(["--store", str(path), "compact"]) == 3
    err = capsys.readouterr().err
    assert "cannot be moved aside" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]
    assert {str(quad) for quad in Store(path, iris=IRIS).quads()} == quads


OWN = ("search.sqlite", "search.sqlite-wal", "link-index.sqlite-shm", "rejects")


def test_compact_moves_every_file_of_its_own_before_removing_the_old_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store"
    written(path)
    for name in OWN[1:3]:
        (path / name).write_text(name)
    finish = compact_module._finish
    seen: list[list[str]] = []

    def finish_and_look(old: Path, at: Path) -> None:
        finish(old, at)
        seen.append(sorted(p.name for p in at.iterdir() if p.name in OWN))

    monkeypatch.setattr(compact_module, "_finish", finish_and_look)
    compact(path)
    assert seen == [sorted(OWN)]
    assert (path / "search.sqlite-wal").read_text() == "search.sqlite-wal"


def test_compact_finishes_a_swap_stopped_after_the_renames(tmp_path: Path) -> None:
    """Stopped while kg's files moved across: the next run moves the rest, loses none."""
    path = tmp_path / "store"
    quads = written(path)
    old = tmp_path / ".store.before-compaction"
    old.mkdir()
    for name in ("search.sqlite-wal", "000009.sst"):  # one of kg's, one of the engine's
        (old / name).write_text(name)
    compact(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]
    assert (path / "search.sqlite-wal").read_text() == "search.sqlite-wal"
    assert (path / "search.sqlite").read_bytes() == b"an index of kg's own"
    assert {str(quad) for quad in Store(path, iris=IRIS).quads()} == quads


def test_compact_puts_back_a_store_stopped_between_the_renames(tmp_path: Path) -> None:
    path = tmp_path / "store"
    quads = written(path)
    path.rename(tmp_path / ".store.before-compaction")
    (tmp_path / ".store.compacting").mkdir()
    compact(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]
    assert (path / "rejects" / "run.jsonl").read_text() == "{}\n"
    assert {str(quad) for quad in Store(path, iris=IRIS).quads()} == quads


def test_compact_says_what_an_interrupted_run_left(tmp_path: Path) -> None:
    path = tmp_path / "store"
    written(path)
    old = tmp_path / ".store.before-compaction"
    old.mkdir()
    (old / "search.sqlite").write_text("which one?")
    with pytest.raises(StoreError, match="interrupted compaction") as error:
        compact(path)
    assert "search.sqlite" in str(error.value)
    assert (old / "search.sqlite").read_text() == "which one?"  # nothing lost
    assert (path / "search.sqlite").read_bytes() == b"an index of kg's own"
    with pytest.raises(StoreError, match="no store"):
        compact(tmp_path / "nothing")


def test_kg_compact_prints_the_sizes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "store"
    quads = written(path)
    assert cli.main(["--store", str(path), "compact"]) == 0
    assert f"compacted {len(quads):,} quads: " in capsys.readouterr().out
