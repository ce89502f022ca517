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
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.rdf.vocabulary import FOAF_NS, KG, ORG_NS, SCHEMA_NS, SKOS_NS, sparql_prefixes
from kg.store import Store

FILENAME = "search.sqlite"
_BATCH = 400  # IRIs per VALUES block when reading names back
#: Marks around a match in a snippet: private-use characters no cable holds, so that the
#: caller can escape the text and then turn them into markup.
MARK_START, MARK_END = "\ue000", "\ue001"

SCHEMA = """
CREATE TABLE IF NOT EXISTS cables(
  refid TEXT PRIMARY KEY, title TEXT, created TEXT, year INTEGER,
  origin TEXT, classification TEXT);
CREATE TABLE IF NOT EXISTS cable_tags(refid TEXT, tag TEXT);
CREATE INDEX IF NOT EXISTS cable_tags_refid ON cable_tags(refid);
CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5(
  text, refid UNINDEXED, paragraph UNINDEXED, number UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS names USING fts5(
  labels, iri UNINDEXED, kind UNINDEXED, name UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2');
"""

PREFIXES = sparql_prefixes("dcterms", "kg", "foaf", "skos", "rdfs", "org", "schema", "owl")

# Plain patterns, put together in Python: Oxigraph answers a scan of one predicate set far
# faster than the same data grouped or filtered in SPARQL (seconds, not minutes, at 6k
# cables).
FIELDS = (
    PREFIXES
    + """
SELECT ?id ?p ?o WHERE {
  GRAPH ?graph { ?cable a kg:Cable ; dcterms:identifier ?id ; ?p ?o .
    VALUES ?p { dcterms:title dcterms:created kg:classification kg:origin kg:tag } }
  %s
}
"""
)

#: A post's names, a TAGS concept's code.
NAMED_BY = PREFIXES + "SELECT ?x ?label WHERE { %s ?x rdfs:label|skos:notation ?label }"

PASSAGES = (
    PREFIXES
    + """
SELECT ?id ?order ?number ?text WHERE {
  GRAPH ?graph { ?cable a kg:Cable ; dcterms:identifier ?id .
    ?p dcterms:isPartOf ?cable ; kg:text ?text ; kg:order ?order .
    OPTIONAL { ?p kg:number ?number } }
  %s
}
"""
)

#: Every IRI a cable's graph points to: the entities whose names it may add or change.
TARGETS = """
SELECT DISTINCT ?x WHERE { GRAPH ?graph { ?s ?p ?x } FILTER(isIRI(?x)) %s }
"""

#: The kinds of named things, by class; the first that fits names the kind.
KINDS = (
    ("person", FOAF_NS + "Person"),
    ("post", str(KG.Post)),
    ("organization", ORG_NS + "Organization"),
    ("place", SCHEMA_NS + "Place"),
    ("topic", SKOS_NS + "Concept"),
)

TYPES = (
    PREFIXES
    + """SELECT ?x ?type WHERE { %s ?x a ?type .
  VALUES ?type { foaf:Person kg:Post org:Organization schema:Place skos:Concept } }"""
)
LABELS = (
    PREFIXES
    + """SELECT ?x ?p ?label WHERE { %s ?x ?p ?label .
  VALUES ?p { foaf:name skos:prefLabel skos:altLabel rdfs:label skos:notation } }"""
)
#: A cable's own node linked to a person of the whole corpus is found under that person.
LINKED = PREFIXES + "SELECT ?x WHERE { %s ?x owl:sameAs ?same }"
FULL_NAMES = frozenset({FOAF_NS + "name", SKOS_NS + "prefLabel"})


def default_path(store: Store) -> Path | None:
    """Where the index of an on-disk store lives; None for a store in memory."""
    return None if store.path is None else store.path / FILENAME


def _graph_values(graphs: Sequence[str]) -> str:
    return "VALUES ?graph { " + " ".join(f"<{g}>" for g in graphs) + " }"


def _value(row: dict[str, Any], name: str) -> str | None:
    term = row.get(name)
    return None if term is None else str(term.value)


@dataclass(frozen=True, slots=True)
class Hit:
    """A passage that matches: the cable, the paragraph (None for the subject), a snippet
    with ``MARK_START``/``MARK_END`` around each match, and the cable's facets."""

    reference_id: str
    paragraph: int | None
    number: str | None
    snippet: str
    title: str
    created: str
    origin: str
    classification: str


@dataclass(frozen=True, slots=True)
class NameHit:
    iri: str
    kind: str
    name: str
    snippet: str


@dataclass(frozen=True, slots=True)
class Facets:
    """Counts of matching cables per value of each facet, largest first."""

    origin: tuple[tuple[str, int], ...] = ()
    year: tuple[tuple[str, int], ...] = ()
    classification: tuple[tuple[str, int], ...] = ()
    tag: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Results:
    query: str
    hits: tuple[Hit, ...]
    total: int  # matching passages under the filters
    cables: int  # distinct cables among them
    names: tuple[NameHit, ...]
    facets: Facets = field(default_factory=Facets)
    reference_ids: tuple[str, ...] = ()  # cables the words name by reference ID


@dataclass(frozen=True, slots=True)
class Filters:
    """Facet values a search is narrowed to (each empty: no narrowing)."""

    origin: str = ""
    year: str = ""
    classification: str = ""
    tag: str = ""


def match_expression(text: str) -> str:
    """A user's words as an FTS5 query: every word must occur (a phrase in double quotes
    stays a phrase); no operator or syntax error can come from the user's text."""
    phrases = re.findall(r'"([^"]+)"|(\S+)', text)
    terms = []
    for quoted, word in phrases:
        tokens = re.findall(r"\w+", quoted or word)
        if tokens:
            terms.append('"' + " ".join(tokens) + '"')
    return " ".join(terms)


class SearchIndex:
    """One SQLite database with the schema above."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.lock = threading.Lock()  # one connection may be shared by threads (in memory)

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> SearchIndex:
        if read_only:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        else:
            connection = sqlite3.connect(path, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(SCHEMA)
        return cls(connection)

    @classmethod
    def in_memory(cls, store: Store) -> SearchIndex:
        """An index of ``store`` held in memory."""
        index = cls(sqlite3.connect(":memory:", check_same_thread=False))
        index.connection.executescript(SCHEMA)
        index.replace(store, None)
        return index

    def close(self) -> None:
        self.connection.close()

    # -- writing -------------------------------------------------------------------------

    def replace(self, store: Store, graphs: Sequence[str] | None) -> int:
        """Index the cables of ``graphs`` again (all of them for None), in one transaction;
        returns the number of cables indexed."""
        with self.lock, self.connection as db:
            if graphs is None:
                for table in ("cables", "cable_tags", "passages", "names"):
                    db.execute(f"DELETE FROM {table}")
                return self._write(db, store, "", None)
            indexed = 0
            for start in range(0, len(graphs), _BATCH):
                batch = graphs[start : start + _BATCH]
                ids = [graph.rsplit("/", 1)[-1] for graph in batch]
                marks = ",".join("?" * len(ids))
                for table in ("cables", "cable_tags", "passages"):
                    db.execute(f"DELETE FROM {table} WHERE refid IN ({marks})", ids)
                indexed += self._write(db, store, _graph_values(batch), batch)
            return indexed

    def _write(
        self, db: sqlite3.Connection, store: Store, values: str, graphs: Sequence[str] | None
    ) -> int:
        cables: dict[str, dict[str, list[str]]] = {}
        for row in store.select(FIELDS % values):
            field = (_value(row, "p") or "").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            cables.setdefault(_value(row, "id") or "", {}).setdefault(field, []).append(
                _value(row, "o") or ""
            )
        named = sorted(
            {
                iri
                for fields in cables.values()
                for f in ("origin", "tag")
                for iri in fields.get(f, [])
            }
        )
        labels: dict[str, list[str]] = {}
        for start in range(0, len(named), _BATCH):
            batch = " ".join(f"<{iri}>" for iri in named[start : start + _BATCH])
            for row in store.select(NAMED_BY % f"VALUES ?x {{ {batch} }}"):
                labels.setdefault(_value(row, "x") or "", []).append(_value(row, "label") or "")
        for refid, fields in cables.items():
            created = min(fields.get("created", [""]))
            origin = [name for post in fields.get("origin", []) for name in labels.get(post, [])]
            db.execute(
                "INSERT OR REPLACE INTO cables VALUES (?, ?, ?, ?, ?, ?)",
                (
                    refid,
                    min(fields.get("title", [""])),
                    created,
                    int(created[:4]) if created[:4].isdigit() else None,
                    _origin(origin),
                    min(fields.get("classification", [""])),
                ),
            )
            db.executemany(
                "INSERT INTO cable_tags VALUES (?, ?)",
                [
                    (refid, code)
                    for code in sorted(
                        {
                            min(labels.get(tag, [tag.rsplit("/", 1)[-1]]))
                            for tag in fields.get("tag", [])
                        }
                    )
                ],
            )
            for title in sorted(set(fields.get("title", []))):
                db.execute("INSERT INTO passages VALUES (?, ?, NULL, NULL)", (title, refid))
        db.executemany(
            "INSERT INTO passages VALUES (?, ?, ?, ?)",
            (
                (
                    _value(row, "text"),
                    _value(row, "id"),
                    _value(row, "order"),
                    _value(row, "number"),
                )
                for row in store.select(PASSAGES % values)
            ),
        )
        if graphs is None:
            self._write_names(db, store, None)
        else:
            targets = [row["x"] for row in store.select(TARGETS % values)]
            self._write_names(db, store, [t for t in targets if isinstance(t, ox.NamedNode)])
        return len(cables)

    def _write_names(
        self, db: sqlite3.Connection, store: Store, iris: Sequence[ox.NamedNode] | None
    ) -> None:
        batches: Iterable[Sequence[ox.NamedNode] | None]
        if iris is None:
            batches = [None]
        else:
            batches = (iris[i : i + _BATCH] for i in range(0, len(iris), _BATCH))
        for batch in batches:
            values = "" if batch is None else "VALUES ?x { " + " ".join(map(str, batch)) + " }"
            kinds: dict[str, str] = {}
            for row in store.select(TYPES % values):
                iri, kind = _value(row, "x") or "", _kind(_value(row, "type") or "")
                if iri not in kinds or _rank(kind) < _rank(kinds[iri]):
                    kinds[iri] = kind
            for row in store.select(LINKED % values):
                kinds.pop(_value(row, "x") or "", None)
            names: dict[str, str] = {}
            labels: dict[str, set[str]] = {}
            for row in store.select(LABELS % values):
                iri, label = _value(row, "x") or "", _value(row, "label") or ""
                if iri not in kinds or not label:
                    continue
                labels.setdefault(iri, set()).add(label)
                if _value(row, "p") in FULL_NAMES:
                    names[iri] = min(label, names.get(iri, label))
            if batch is not None:
                marks = ",".join("?" * len(batch))
                db.execute(f"DELETE FROM names WHERE iri IN ({marks})", [n.value for n in batch])
            db.executemany(
                "INSERT INTO names VALUES (?, ?, ?, ?)",
                (
                    (" · ".join(sorted(found)), iri, kinds[iri], names.get(iri, min(found)))
                    for iri, found in labels.items()
                ),
            )

    # -- reading -------------------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        filters: Filters = Filters(),  # frozen: one shared default is safe
        limit: int = 20,
        offset: int = 0,
    ) -> Results:
        """Passages and names matching ``text`` (every word), best first."""
        expression = match_expression(text)
        if not expression:
            return Results(text, (), 0, 0, ())
        words = [word.upper() for word in re.findall(r"\w+", text)][:20]
        with self.lock:
            marks = ",".join("?" * len(words))
            named = tuple(
                refid
                for (refid,) in self.connection.execute(
                    f"SELECT refid FROM cables WHERE refid IN ({marks}) ORDER BY refid", words
                )
            )
        where, params = ["passages MATCH ?"], [expression]
        for column in ("origin", "year", "classification"):
            value = getattr(filters, column)
            if value:
                where.append(f"cables.{column} = ?")
                params.append(value)
        if filters.tag:
            where.append("passages.refid IN (SELECT refid FROM cable_tags WHERE tag = ?)")
            params.append(filters.tag)
        condition = " AND ".join(where)
        joined = f"FROM passages JOIN cables ON cables.refid = passages.refid WHERE {condition}"
        with self.lock:
            db = self.connection
            rows = db.execute(
                "SELECT passages.refid, paragraph, number, "
                f"snippet(passages, 0, '{MARK_START}', '{MARK_END}', '…', 24), "
                f"title, created, origin, classification {joined} "
                "ORDER BY rank LIMIT ? OFFSET ?",
                [*params, limit, offset],
            ).fetchall()
            total, cables = db.execute(
                f"SELECT COUNT(*), COUNT(DISTINCT passages.refid) {joined}", params
            ).fetchone()
            facets = Facets(
                **{
                    column: tuple(
                        (str(value), count)
                        for value, count in db.execute(
                            f"SELECT cables.{column}, COUNT(DISTINCT passages.refid) {joined} "
                            f"AND cables.{column} IS NOT NULL AND cables.{column} != '' "
                            f"GROUP BY cables.{column} ORDER BY 2 DESC, 1 LIMIT 30",
                            params,
                        )
                    )
                    for column in ("origin", "year", "classification")
                },
                tag=tuple(
                    db.execute(
                        "SELECT cable_tags.tag, COUNT(DISTINCT passages.refid) "
                        f"FROM passages JOIN cables ON cables.refid = passages.refid "
                        f"JOIN cable_tags ON cable_tags.refid = passages.refid WHERE {condition} "
                        "GROUP BY cable_tags.tag ORDER BY 2 DESC, 1 LIMIT 30",
                        params,
                    )
                ),
            )
            names = db.execute(
                "SELECT iri, kind, name, "
                f"snippet(names, 0, '{MARK_START}', '{MARK_END}', '…', 12) "
                "FROM names WHERE names MATCH ? ORDER BY rank LIMIT 20",
                [expression],
            ).fetchall()
        return Results(
            query=text,
            hits=tuple(
                Hit(
                    reference_id=refid,
                    paragraph=None if paragraph is None else int(paragraph),
                    number=number,
                    snippet=snippet,
                    title=title,
                    created=created,
                    origin=origin,
                    classification=classification,
                )
                for (
                    refid,
                    paragraph,
                    number,
                    snippet,
                    title,
                    created,
                    origin,
                    classification,
                ) in rows
            ),
            total=total,
            cables=cables,
            names=tuple(NameHit(*row) for row in names),
            facets=facets,
            reference_ids=named,
        )

    def count(self) -> int:
        with self.lock:
            (cables,) = self.connection.execute("SELECT COUNT(*) FROM cables").fetchone()
        return int(cables)


def _origin(labels: Sequence[str]) -> str:
    """The post's name as the release gives it ("Embassy Moscow"), rather than as the
    routing lines do ("AMEMBASSY MOSCOW"), when it has both."""
    names = sorted(set(labels))
    return next((name for name in names if not name.isupper()), names[0] if names else "")


def _kind(type_iri: str) -> str:
    return next((kind for kind, iri in KINDS if iri == type_iri), "thing")


def _rank(kind: str) -> int:
    return next((i for i, (name, _) in enumerate(KINDS) if name == kind), len(KINDS))


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
