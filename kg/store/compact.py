"""Rewrite an on-disk store through Oxigraph's bulk loader, so every index is compressed.

An ingested store is larger than the same quads bulk-loaded into a fresh store (1.7x to
2x, ``ontology/README.md``, "A leaner graph"): Oxigraph opens RocksDB without compression
for level 0 and for the level compaction moves it into, and each group ``kg ingest``
writes overlaps what is stored (keys are hashes of the terms), so it lands in level 0
and is compacted into that uncompressed level. ``Store.optimize()`` compacts into the same
level. The bulk loader, given a fresh store, writes LZ4-compressed files straight into the
last level: so ``compact`` dumps the store as N-Quads, bulk-loads the dump into a new
folder beside it, and swaps the folders. The files that ``kg`` keeps beside the engine's
(the link and search indexes with their ``-wal``/``-shm`` journals, reject lists) move
across as they are, every one of them before the old folder is removed.

A symbolic link to the store is followed: the store is compacted where it lies, on its own
disk, and the link still points at it. A store folder that is a mount point cannot be
swapped (``compact`` says so, before the rewrite).

Nothing else may use the store meanwhile: ``compact`` holds the store's writer lock from
the dump until the old folder is moved aside, so an ingest started meanwhile is refused
(and ``compact`` refuses a store a writer holds); a server should be stopped (its
read-only views would reopen on the new folder, but answers in flight may fail). A
compaction stopped before the swap leaves the store as it was and a ``.NAME.compacting``
folder beside it, removed by the next run. Stopped during the swap, the old folder is
kept as ``.NAME.before-compaction``, and the next run finishes what was left: between the
two renames it puts the old store back, after them it moves the files of kg's own still
in the old folder across, then removes it.
"""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError

log = logging.getLogger(__name__)

#: The names RocksDB gives its files (and the bulk loader's, ``kg.store.oxigraph``);
#: everything else in a store folder is kg's own.
_ENGINE_FILE = re.compile(
    r"\d+\.(sst|log|blob)|CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|MANIFEST-\d+|OPTIONS-\d+"
    r"|bulk-.*\.sst"
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


class _Held:
    """The store at ``path`` open for writing, so that no other writer opens it, until
    ``release()``. Only this object holds it: frames kept by an error do not keep it open."""

    def __init__(self, path: Path) -> None:
        try:
            self.store: ox.Store | None = ox.Store(str(path))
        except OSError as error:
            raise StoreError(
                f"cannot open the store at {path}: {error}",
                hint="another process is using it: stop it (an ingest, a server) and run again",
            ) from error

    def release(self) -> None:
        self.store = None  # the last reference: closes the store and releases its lock


def compact(path: str | Path) -> Compaction:
    """Rewrite the store at ``path`` compressed, the same quads; see the module docstring."""
    path = Path(path).resolve()  # "." has no name to put beside; a link's target is the store
    if path.parent == path:
        raise StoreError(f"no store at {path}", hint="check --store")
    work, old, dump = (
        path.with_name(f".{path.name}{suffix}")
        for suffix in (".compacting", ".before-compaction", ".compacting.nq")
    )
    if old.is_dir() and not path.exists():  # stopped between the two renames
        log.warning("a compaction stopped during the swap: put %s back as %s", old, path)
        old.rename(path)
        shutil.rmtree(work, ignore_errors=True)
    if not (path / "CURRENT").is_file():
        raise StoreError(f"no store at {path}", hint="run kg ingest first or check --store")
    if path.is_mount():
        raise _unmovable(path, "it is a mount point")
    held = _Held(path)
    try:
        if old.is_dir():  # stopped after the two renames: finish moving kg's files
            log.warning("a compaction stopped during the swap: finishing it")
            _finish(old, path)
        shutil.rmtree(work, ignore_errors=True)
        before = engine_bytes(path)
        try:
            quads = _rewrite(held, work, dump)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        finally:
            dump.unlink(missing_ok=True)
        try:
            path.rename(old)
        except OSError as error:  # a mount point (EBUSY), a folder in use elsewhere
            shutil.rmtree(work, ignore_errors=True)
            raise _unmovable(path, error.strerror or str(error)) from error
    finally:
        held.release()  # moved aside with its lock: a writer opening the store waits for none
    try:
        work.rename(path)
        _finish(old, path)
    except OSError as error:
        raise StoreError(
            f"the compaction stopped during the swap: {error}",
            hint=f"run kg compact again, which finishes it: until then {old} holds files "
            "of the store",
        ) from error
    return Compaction(before, engine_bytes(path), quads)


def _unmovable(path: Path, why: str) -> StoreError:
    return StoreError(
        f"cannot compact the store at {path}: the folder cannot be moved aside ({why}); "
        "the store is as it was",
        hint=f"make the store a folder inside {path} (move its files into it) and give "
        "that folder as --store",
    )


def _finish(old: Path, path: Path) -> None:
    """Move kg's own files from ``old`` into the store at ``path``, then remove ``old``
    (the engine's files left there belong to the store before compaction)."""
    clashes = []
    for entry in sorted(old.iterdir()):
        if _ENGINE_FILE.fullmatch(entry.name):
            continue
        if (path / entry.name).exists() or (path / entry.name).is_symlink():
            clashes.append(entry.name)
        else:
            entry.rename(path / entry.name)
    if clashes:
        raise StoreError(
            f"{old}, left by an interrupted compaction, holds {', '.join(clashes)}, "
            f"and {path} holds files of the same names",
            hint=f"keep the ones you want in {path}, then delete {old}",
        )
    shutil.rmtree(old)


def _rewrite(held: _Held, work: Path, dump: Path) -> int:
    """Dump the store ``held`` into ``dump`` and bulk-load it into a fresh store at
    ``work``; the number of quads, checked on both sides. The store stays held."""
    assert held.store is not None
    with dump.open("wb") as out:
        held.store.dump(out, ox.RdfFormat.N_QUADS)
    quads = len(held.store)
    work.mkdir()
    target = ox.Store(str(work))
    target.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    target.flush()
    loaded = len(target)
    del target
    if loaded != quads:
        raise StoreError(f"the compacted store holds {loaded} quads, not {quads}: kept the old one")
    return quads
