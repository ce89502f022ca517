"""What the search index holds, read from the store's own triples.

``write_cables`` writes the rows of some cables (their facets, TAGS, subject and
paragraphs) and the names they point to, ``write_names`` the names and aliases of people,
organizations, posts, places, topics and TAGS, each with its kind. Both take the open
SQLite transaction of ``kg.search.index.SearchIndex.replace``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

import pyoxigraph as ox

from kg.rdf.vocabulary import FOAF_NS, KG, ORG_NS, SCHEMA_NS, SKOS_NS, sparql_prefixes
from kg.store import Store

BATCH = 400  # IRIs per VALUES block when reading names back

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


def graph_values(graphs: Sequence[str]) -> str:
    return "VALUES ?graph { " + " ".join(f"<{g}>" for g in graphs) + " }"


def _value(row: dict[str, Any], name: str) -> str | None:
    term = row.get(name)
    return None if term is None else str(term.value)


def write_cables(
    db: sqlite3.Connection, store: Store, values: str, graphs: Sequence[str] | None
) -> int:
    """Write the rows of the cables that ``values`` (a VALUES block of their graphs, or
    nothing for every cable) selects, and the names they point to; returns the cables."""
    cables: dict[str, dict[str, list[str]]] = {}
    for row in store.select(FIELDS % values):
        field = (_value(row, "p") or "").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        cables.setdefault(_value(row, "id") or "", {}).setdefault(field, []).append(
            _value(row, "o") or ""
        )
    named = sorted(
        {iri for fields in cables.values() for f in ("origin", "tag") for iri in fields.get(f, [])}
    )
    labels: dict[str, list[str]] = {}
    for start in range(0, len(named), BATCH):
        batch = " ".join(f"<{iri}>" for iri in named[start : start + BATCH])
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
        write_names(db, store, None)
    else:
        targets = [row["x"] for row in store.select(TARGETS % values)]
        write_names(db, store, [t for t in targets if isinstance(t, ox.NamedNode)])
    return len(cables)


def write_names(db: sqlite3.Connection, store: Store, iris: Sequence[ox.NamedNode] | None) -> None:
    """Write the names of ``iris`` (every named thing for None) afresh."""
    batches: Iterable[Sequence[ox.NamedNode] | None] = (
        [None] if iris is None else (iris[i : i + BATCH] for i in range(0, len(iris), BATCH))
    )
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


def _origin(labels: Sequence[str]) -> str:
    """The post's name as the release gives it ("Embassy Moscow"), rather than as the
    routing lines do ("AMEMBASSY MOSCOW"), when it has both."""
    names = sorted(set(labels))
    return next((name for name in names if not name.isupper()), names[0] if names else "")


def _kind(type_iri: str) -> str:
    return next((kind for kind, iri in KINDS if iri == type_iri), "thing")


def _rank(kind: str) -> int:
    return next((i for i, (name, _) in enumerate(KINDS) if name == kind), len(KINDS))
