"""Full-text search beside the store: a SQLite FTS5 index of paragraphs and names.

The index is derived data, built from the store's own triples, and lives in the store's
folder (``STORE/search.sqlite``): delete it and ``kg index`` builds it again. It holds

- ``cables``: one row per cable with the facets (origin, year, classification) and
  ``cable_tags`` its TAGS;
- ``passages``: the full-text table of paragraph texts and subjects (a subject is the
  passage with no paragraph);
- ``names``: the full-text table of the names and aliases of people, organizations,
  posts, places, topics and TAGS.

``rebuild`` indexes the whole store, ``update`` the graphs of some cables (a cable gone
from the store leaves the index too), ``index_cables`` is what an ingest calls once its
cables are committed. Searching opens the file read-only, so a server reads while
``kg ingest`` writes (the file is in WAL mode). A store in memory gets an index in
memory (``SearchIndex.in_memory``).

``kg.search.index`` is the database (written, searched), ``kg.search.documents`` what it
holds of each cable and name, read from the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from kg.search.index import (
    MARK_END,
    MARK_START,
    Facets,
    Filters,
    Hit,
    NameHit,
    Results,
    SearchIndex,
    match_expression,
)
from kg.store import Store

__all__ = [
    "FILENAME",
    "MARK_END",
    "MARK_START",
    "Facets",
    "Filters",
    "Hit",
    "NameHit",
    "Results",
    "SearchIndex",
    "default_path",
    "index_cables",
    "match_expression",
    "open_for",
    "rebuild",
    "update",
]

FILENAME = "search.sqlite"


def default_path(store: Store) -> Path | None:
    """Where the index of an on-disk store lives; None for a store in memory."""
    return None if store.path is None else store.path / FILENAME


def rebuild(store: Store, path: Path) -> int:
    """Build the index of the whole of ``store`` at ``path`` afresh; returns the cables."""
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    index = SearchIndex.open(path)
    try:
        return index.replace(store, None)
    finally:
        index.close()


def update(store: Store, path: Path, graphs: Sequence[str]) -> int:
    """Index again the cables of ``graphs`` (graph IRIs) as the store now holds them."""
    index = SearchIndex.open(path)
    try:
        return index.replace(store, list(graphs))
    finally:
        index.close()


def index_cables(store: Store, reference_ids: Iterable[str]) -> int:
    """Bring the index beside an on-disk ``store`` up to date with these cables, once they
    are committed: the whole store is indexed when there is no index yet. A store in
    memory has no index file; nothing is done."""
    path = default_path(store)
    if path is None:
        return 0
    if not path.exists():
        return rebuild(store, path)
    return update(store, path, [store.iris.graph(refid) for refid in reference_ids])


def open_for(store: Store) -> SearchIndex | None:
    """The index to search ``store`` with: its file, read-only; None if there is none."""
    path = default_path(store)
    if path is None or not path.exists():
        return None
    return SearchIndex.open(path, read_only=True)
