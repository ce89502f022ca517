"""kg ingest --emit nquads DIR: sharded N-Quads that give the same store as an ingest."""

from __future__ import annotations

import contextlib
import gzip
import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.errors import ConfigError, StoreError
from kg.ingest import ingest
from kg.store import Store
from kg.store.shards import NQuadsShards

ROOT = Path(__file__).resolve().parent.parent


def emit(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["ingest", *argv])
    return code, out.getvalue()


def loaded(folder: Path) -> set[ox.Quad]:
    """The shards loaded into a fresh store, as a server's loader would (one file a time)."""
    store = Store()
    for shard in sorted(folder.glob("part-*.nq*")):
        data = gzip.decompress(shard.read_bytes()) if shard.suffix == ".gz" else shard.read_bytes()
        store.oxigraph.load(data, ox.RdfFormat.N_QUADS)
    return set(store.oxigraph)


@pytest.mark.parametrize("gzipped", [False, True])
def test_shards_give_the_same_quads_as_an_ingest(
    seed_path: Path, tmp_path: Path, gzipped: bool
) -> None:
    sources = [str(seed_path), str(ROOT / "data" / "sample")]
    store = Store()
    ingest(sources, store)
    folder = tmp_path / "shards"
    options = ["--gzip"] if gzipped else []
    code, out = emit("--emit", "nquads", str(folder), "--shard-quads", "500", *options, *sources)
    assert code == 0
    shards = sorted(folder.glob("part-*"))
    assert len(shards) > 1  # 500 quads a shard: the sample takes several
    assert all(s.name.endswith(".nq.gz" if gzipped else ".nq") for s in shards)
    assert not list(folder.glob("*.partial"))
    assert loaded(folder) == set(store.oxigraph)
    assert f"in {len(shards)} shard(s)" in out


def test_a_shard_holds_whole_cable_graphs(seed_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "shards"
    assert emit("--emit", "nquads", str(folder), "--shard-quads", "1", str(seed_path))[0] == 0
    graphs = [
        {q.graph_name for q in ox.parse(path=str(shard), format=ox.RdfFormat.N_QUADS)}
        for shard in sorted(folder.glob("part-*.nq"))
    ]
    assert len(graphs) > 1  # a shard per group of cables at 1 quad a shard
    assert sum(len(names) for names in graphs) == len(set().union(*graphs))  # none in two


def test_a_record_twice_is_unchanged_and_a_changed_copy_rejected(
    seed_path: Path, tmp_path: Path
) -> None:
    shards = NQuadsShards(tmp_path / "shards")
    report = ingest([str(seed_path), str(seed_path)], shards)
    assert report.ingested == report.unchanged > 0
    assert report.rejected == 0
    with pytest.raises(StoreError, match="written to the shards already"):
        shards.replace_graph_ntriples(next(iter(shards.checksums)), "<a:b> <a:c> <a:d>")


def test_a_folder_with_shards_is_refused(seed_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "shards"
    assert emit("--emit", "nquads", str(folder), str(seed_path))[0] == 0
    with pytest.raises(ConfigError, match="holds shards already"):
        NQuadsShards(folder)
    assert emit("--emit", "nquads", str(folder), str(seed_path))[0] == 2


def test_emit_writes_nquads_only(seed_path: Path, tmp_path: Path) -> None:
    assert emit("--emit", "turtle", str(tmp_path / "x"), str(seed_path))[0] == 2
