"""The store's index of names for linking: a small table beside the quads.

What the linker needs per name, kept up to date so that an ingest links the people of
the cables it wrote instead of reading the whole store again (``kg.link.update``):

- ``person``: each person node the cables name, and its summary over every cable that
  names it (``Person.profile``: names, roles, the years, posts and countries of its
  cables), which only grows as cables are added;
- ``name_key``: the keys candidates are found by (a surname; a full name's one-word
  aliases), folded as linking compares them;
- ``named``: which cable graphs name which person (so that a replaced cable's people
  are found again, and two people named apart in one cable are told);
- ``link``: the links the links graph holds (to write only those that change, and to
  count them);
- ``state``: ``status`` and the ``min_confidence`` the links were made with.

It is an SQLite file in an on-disk store's folder (``link-index.sqlite``); a store in
memory or on a SPARQL server keeps none and is always linked whole. ``status`` says
whether the table and the links graph agree with the cables: ``ok`` after a link;
``writing`` while an ingest writes cables (it will link those it wrote); ``stale`` or
``linking`` when a run stopped half-way or cables were written unlinked (``--no-link``),
and then the next link is a whole one (``kg link`` rebuilds the table too).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from kg.link.evidence import Evidence, Person
from kg.link.links import Link, LinkStore

FILE = "link-index.sqlite"
_CHUNK = 500  # parameters per IN (...) list

_SCHEMA = """
CREATE TABLE IF NOT EXISTS person (iri TEXT PRIMARY KEY, global INTEGER NOT NULL,
                                   profile TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS name_key (key TEXT NOT NULL, iri TEXT NOT NULL,
                                     global INTEGER NOT NULL, PRIMARY KEY (key, iri));
CREATE INDEX IF NOT EXISTS name_key_iri ON name_key (iri);
CREATE TABLE IF NOT EXISTS named (graph TEXT NOT NULL, iri TEXT NOT NULL,
                                  PRIMARY KEY (graph, iri));
CREATE INDEX IF NOT EXISTS named_iri ON named (iri);
CREATE TABLE IF NOT EXISTS link (source TEXT NOT NULL, target TEXT NOT NULL,
                                 same_as INTEGER NOT NULL, confidence REAL NOT NULL,
                                 reasons TEXT NOT NULL, PRIMARY KEY (source, target));
CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _chunks(items: Iterable[str]) -> Iterator[list[str]]:
    batch = sorted(set(items))
    for start in range(0, len(batch), _CHUNK):
        yield batch[start : start + _CHUNK]


class LinkIndex:
    """The table of one on-disk store (``LinkIndex.open``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.executescript(_SCHEMA)

    @classmethod
    def open(cls, store: LinkStore) -> LinkIndex | None:
        """The store's table, created empty (``stale``) if need be; None for a store that
        has no folder of its own (in memory, or a SPARQL server's URL)."""
        folder = getattr(store, "path", None)
        if not isinstance(folder, Path) or getattr(store, "read_only", False):
            return None
        return cls(folder / FILE)

    def close(self) -> None:
        self.db.close()

    # -- state ---------------------------------------------------------------------------

    def _get(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
        return str(row[0]) if row else None

    def _set(self, name: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (name, value))

    @property
    def status(self) -> str:
        return self._get("status") or "stale"

    def set_status(self, status: str) -> None:
        self._set("status", status)
        self.db.commit()

    def begin_writing(self) -> None:
        """Before an ingest writes: ``writing`` if all was linked, else ``stale``."""
        self.set_status("writing" if self.status == "ok" else "stale")

    def ready(self, min_confidence: float) -> bool:
        """Whether the links agree with every cable but those being written, at
        ``min_confidence``: then linking the written cables alone is exact."""
        made_with = self._get("min_confidence")
        return (
            self.status in ("ok", "writing")
            and made_with is not None
            and float(made_with) == min_confidence
        )

    def counts(self) -> tuple[int, int]:
        """The number of links, and of those asserted as ``owl:sameAs``."""
        row = self.db.execute("SELECT COUNT(*), COALESCE(SUM(same_as), 0) FROM link").fetchone()
        return int(row[0]), int(row[1])

    # -- reading -------------------------------------------------------------------------

    def people_in(self, graphs: Iterable[str]) -> set[str]:
        """The people the index has as named in ``graphs`` (as they were last linked)."""
        found: set[str] = set()
        for chunk in _chunks(graphs):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT iri FROM named WHERE graph IN ({marks})", chunk)
            found |= {str(iri) for (iri,) in rows}
        return found

    def with_keys(self, keys: Iterable[str], *, only_global: bool = False) -> set[str]:
        """The people found by any of ``keys``; full names only if ``only_global``."""
        found: set[str] = set()
        wanted = " AND global = 1" if only_global else ""
        for chunk in _chunks(keys):
            marks = ",".join("?" * len(chunk))
            query = f"SELECT iri FROM name_key WHERE key IN ({marks}){wanted}"
            found |= {str(iri) for (iri,) in self.db.execute(query, chunk)}
        return found

    def people(self, iris: Iterable[str]) -> dict[str, Person]:
        """The people ``iris`` as the index sums them up (those it has)."""
        graphs: dict[str, set[str]] = {}
        profiles: dict[str, str] = {}
        for chunk in _chunks(iris):
            marks = ",".join("?" * len(chunk))
            for iri, profile in self.db.execute(
                f"SELECT iri, profile FROM person WHERE iri IN ({marks})", chunk
            ):
                profiles[iri] = profile
            for iri, graph in self.db.execute(
                f"SELECT iri, graph FROM named WHERE iri IN ({marks})", chunk
            ):
                graphs.setdefault(iri, set()).add(graph)
        return {
            iri: Person.of_profile(iri, profile, graphs.get(iri, ()))
            for iri, profile in profiles.items()
        }

    def links_of(self, sources: Iterable[str]) -> list[Link]:
        """The links of ``sources`` as the links graph holds them."""
        found = []
        for chunk in _chunks(sources):
            marks = ",".join("?" * len(chunk))
            query = (
                f"SELECT source, target, confidence, reasons FROM link WHERE source IN ({marks})"
            )
            for source, target, confidence, reasons in self.db.execute(query, chunk):
                found.append(Link(source, target, float(confidence), tuple(json.loads(reasons))))
        return found

    # -- writing -------------------------------------------------------------------------

    def _put(self, people: Mapping[str, Person | None], base: str) -> None:
        for chunk in _chunks(people):
            marks = ",".join("?" * len(chunk))
            for table in ("person", "name_key", "named"):
                self.db.execute(f"DELETE FROM {table} WHERE iri IN ({marks})", chunk)
        for iri, person in people.items():
            if person is None:
                continue
            is_global = Evidence(base, {}).is_global(iri)
            self.db.execute(
                "INSERT INTO person VALUES (?, ?, ?)", (iri, int(is_global), person.profile())
            )
            self.db.executemany(
                "INSERT INTO name_key VALUES (?, ?, ?)",
                [(key, iri, int(is_global)) for key in sorted(person.keys(is_global=is_global))],
            )
            self.db.executemany(
                "INSERT INTO named VALUES (?, ?)", [(graph, iri) for graph in person.graphs]
            )

    def _put_links(self, sources: Iterable[str], links: Iterable[Link]) -> None:
        for chunk in _chunks(sources):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM link WHERE source IN ({marks})", chunk)
        rows = [
            (
                link.local_iri,
                link.global_iri,
                int(link.same_as),
                link.confidence,
                json.dumps(link.reasons, ensure_ascii=False),
            )
            for link in links
        ]
        self.db.executemany("INSERT INTO link VALUES (?, ?, ?, ?, ?)", rows)

    def rebuild(self, evidence: Evidence, links: Iterable[Link], *, min_confidence: float) -> None:
        """Everything anew, from the whole store's evidence and links: then ``ok``."""
        for table in ("person", "name_key", "named", "link"):
            self.db.execute(f"DELETE FROM {table}")
        self._put(evidence.people, evidence.base)
        self._put_links((), links)
        self._set("min_confidence", repr(min_confidence))
        self._set("status", "ok")
        self.db.commit()

    def update(
        self,
        people: Mapping[str, Person | None],
        sources: Iterable[str],
        links: Iterable[Link],
        *,
        base: str,
    ) -> None:
        """``people`` as they are now (None: no cable names them any more), the links of
        ``sources`` replaced by ``links``: then ``ok``, in one transaction."""
        self._put(people, base)
        self._put_links(sources, links)
        self._set("status", "ok")
        self.db.commit()
