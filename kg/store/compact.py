"""Rewrite an on-disk store through Oxigraph's bulk loader, so every index is compressed.

An ingested store is larger than the same quads bulk-loaded into a fresh store (1.7x to
2x, ``ontology/README.md``, "A leaner graph"): Oxigraph opens RocksDB without compression
for level 0 and for the level compaction moves it into, and each group ``kg ingest``
writes overlaps what is stored (keys are hashes of the terms), so it lands in level 0
and is compacted into that uncompressed level. ``Store.optimize()`` compacts into the same
level. The bulk loader, given a fresh store, writes LZ4-compressed files straight into the
last level: so ``compact`` dumps the store as N-Quads, bulk-loads the dump into a new
folder beside it, and swaps the folders. The files that ``kg`` keeps beside the engine's
(the link and search indexes, reject lists) move across as they are.

Nothing else may use the store meanwhile: a writer would hold its lock (and ``compact``
refuses), and a server should be stopped (its read-only views would reopen on the new
folder, but answers in flight may fail). A compaction stopped before the swap leaves the
store as it was and a ``.NAME.compacting`` folder beside it, removed by the next run;
stopped during the swap (two renames), the old folder is kept as
``.NAME.before-compaction`` and the next run says so.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError

#: The names RocksDB gives its files; everything else in a store folder is kg's own.
_ENGINE_FILE = re.compile(
    r"\d+\.(sst|log|blob)|CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|MANIFEST-\d+|OPTIONS-\d+"
)


@dataclass(frozen=True, slots=True)
class Compaction:
    """What a compaction did: the engine's bytes on disk before and after, and the quads."""

    before: int
    after: int
    quads: int


def engine_bytes(path: Path) -> int:
    """The bytes of the engine's own files in a store folder (kg's indexes aside)."""
    return sum(
        entry.stat().st_size
        for entry in path.iterdir()
        if entry.is_file() and _ENGINE_FILE.fullmatch(entry.name)
    )


def compact(path: str | Path) -> Compaction:
    """Rewrite the store at ``path`` compressed, the same quads; see the module docstring."""
    path = Path(path)
    work = path.with_name(f".{path.name}.compacting")
    old = path.with_name(f".{path.name}.before-compaction")
    dump = path.with_name(f".{path.name}.compacting.nq")
    if old.exists():
        raise StoreError(
            f"an interrupted compaction left {old}",
            hint=f"if {path} opens and holds your data, delete {old}; else move it back to {path}",
        )
    if not (path / "CURRENT").is_file():
        raise StoreError(f"no store at {path}", hint="run kg ingest first or check --store")
    shutil.rmtree(work, ignore_errors=True)
    before = engine_bytes(path)
    try:
        quads = _rewrite(path, work, dump)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    finally:
        dump.unlink(missing_ok=True)
    path.rename(old)
    work.rename(path)
    for entry in old.iterdir():
        if not _ENGINE_FILE.fullmatch(entry.name):
            entry.rename(path / entry.name)
    shutil.rmtree(old)
    return Compaction(before, engine_bytes(path), quads)


def _rewrite(path: Path, work: Path, dump: Path) -> int:
    """Dump the store at ``path`` into ``dump`` and bulk-load it into a fresh store at
    ``work``; the number of quads, checked on both sides."""
    try:
        source = ox.Store(str(path))
    except OSError as error:
        raise StoreError(
            f"cannot open the store at {path}: {error}",
            hint="another process is using it: stop it (an ingest, a server) and run again",
        ) from error
    with dump.open("wb") as out:
        source.dump(out, ox.RdfFormat.N_QUADS)
    quads = len(source)
    del source  # closes the store and releases its lock
    work.mkdir()
    target = ox.Store(str(work))
    target.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    target.flush()
    loaded = len(target)
    del target
    if loaded != quads:
        raise StoreError(f"the compacted store holds {loaded} quads, not {quads}: kept the old one")
    return quads
