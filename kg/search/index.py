"""The search index: one SQLite database of FTS5 tables, written and searched.

``SearchIndex.replace`` indexes cables again from the store (``kg.search.documents``
reads them), ``SearchIndex.search`` answers a user's words with passages, names and the
counts of each facet.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.search.documents import BATCH, graph_values, write_cables
from kg.store import Store

#: Marks around a match in a snippet: private-use characters no cable holds, so that the
#: caller can escape the text and then turn them into markup.
MARK_START, MARK_END = "\ue000", "\ue001"
FACETS = ("origin", "year", "classification")  # columns of ``cables``; TAGS have a table

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
                return write_cables(db, store, "", None)
            indexed = 0
            for start in range(0, len(graphs), BATCH):
                batch = graphs[start : start + BATCH]
                ids = [graph.rsplit("/", 1)[-1] for graph in batch]
                marks = ",".join("?" * len(ids))
                for table in ("cables", "cable_tags", "passages"):
                    db.execute(f"DELETE FROM {table} WHERE refid IN ({marks})", ids)
                indexed += write_cables(db, store, graph_values(batch), batch)
            return indexed

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
        where, params = ["passages MATCH ?"], [expression]
        for column in FACETS:
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
            named = _named(db, text)
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
            facets = _facets(db, condition, params)
            names = db.execute(
                "SELECT iri, kind, name, "
                f"snippet(names, 0, '{MARK_START}', '{MARK_END}', '…', 12) "
                "FROM names WHERE names MATCH ? ORDER BY rank LIMIT 20",
                [expression],
            ).fetchall()
        return Results(
            query=text,
            hits=tuple(
                Hit(refid, None if paragraph is None else int(paragraph), *rest)
                for refid, paragraph, *rest in rows
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


def _named(db: sqlite3.Connection, text: str) -> tuple[str, ...]:
    """The cables whose reference IDs are among the words of ``text``."""
    words = [word.upper() for word in re.findall(r"\w+", text)][:20]
    marks = ",".join("?" * len(words))
    return tuple(
        refid
        for (refid,) in db.execute(
            f"SELECT refid FROM cables WHERE refid IN ({marks}) ORDER BY refid", words
        )
    )


def _facets(db: sqlite3.Connection, condition: str, params: Sequence[str]) -> Facets:
    """How many of the cables matching ``condition`` have each value of each facet."""
    joined = f"FROM passages JOIN cables ON cables.refid = passages.refid WHERE {condition}"
    return Facets(
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
            for column in FACETS
        },
        tag=tuple(
            db.execute(
                "SELECT cable_tags.tag, COUNT(DISTINCT passages.refid) "
                "FROM passages JOIN cables ON cables.refid = passages.refid "
                f"JOIN cable_tags ON cable_tags.refid = passages.refid WHERE {condition} "
                "GROUP BY cable_tags.tag ORDER BY 2 DESC, 1 LIMIT 30",
                params,
            )
        ),
    )
