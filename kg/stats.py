"""What the store holds, counted: cables, triples, graphs, people, ..., by origin and year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.rdf.vocabulary import DCTERMS_NS, KG, sparql_prefixes
from kg.results import plain
from kg.store import Store

_PREFIXES = "\n" + sparql_prefixes("kg", "dcterms", "foaf", "org", "rdfs")
_COUNTS = {
    "cables": "?x a kg:Cable",
    "people": "?x a foaf:Person",
    "organizations": "?x a org:Organization FILTER NOT EXISTS { ?x a kg:Post }",
    "meetings": "?x a kg:Meeting",
}
# A post carries the release's name ("Embassy Moscow") and the routing one ("AMEMBASSY
# MOSCOW"): the key sorts the mixed-case name first so MIN picks it.
_BY_ORIGIN = """
SELECT ?post (MIN(?key) AS ?label) (COUNT(DISTINCT ?cable) AS ?n) WHERE {
  ?cable a kg:Cable ; kg:origin ?post . ?post rdfs:label ?name .
  BIND(CONCAT(IF(UCASE(STR(?name)) = STR(?name), "1", "0"), STR(?name)) AS ?key)
} GROUP BY ?post ORDER BY DESC(?n) ?label
"""
_BY_YEAR = """
SELECT ?year (COUNT(DISTINCT ?cable) AS ?n) WHERE {
  ?cable a kg:Cable ; dcterms:created ?created . BIND(YEAR(?created) AS ?year)
} GROUP BY ?year ORDER BY ?year
"""


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts of what a store holds."""

    cables: int
    quads: int
    graphs: int
    people: int
    organizations: int
    meetings: int
    by_origin: tuple[tuple[str, int], ...]
    by_year: tuple[tuple[int, int], ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "cables": self.cables,
            "triples": self.quads,
            "graphs": self.graphs,
            "people": self.people,
            "organizations": self.organizations,
            "meetings": self.meetings,
            "by_origin": dict(self.by_origin),
            "by_year": {str(year): n for year, n in self.by_year},
        }

    def text(self) -> str:
        lines = [
            f"cables         {self.cables}",
            f"triples        {self.quads}",
            f"graphs         {self.graphs}",
            f"people         {self.people}",
            f"organizations  {self.organizations}",
            f"meetings       {self.meetings}",
        ]
        if self.by_origin:
            lines.append("by origin:")
            lines += [f"  {n:>7}  {origin}" for origin, n in self.by_origin]
        if self.by_year:
            lines.append("by year:")
            lines += [f"  {n:>7}  {year}" for year, n in self.by_year]
        return "\n".join(lines)


def stats(store: Store) -> Stats:
    """Count cables, triples (quads), graphs, people, organizations and meetings."""

    def count(pattern: str) -> int:
        rows = store.select(f"{_PREFIXES} SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")
        return int(plain(rows[0]["n"])) if rows else 0

    counts = {name: count(pattern) for name, pattern in _COUNTS.items()}
    by_origin = tuple(
        (plain(row["label"])[1:], int(plain(row["n"])))
        for row in store.select(_PREFIXES + _BY_ORIGIN)
        if "label" in row
    )
    by_year = tuple(
        (int(plain(row["year"])), int(plain(row["n"])))
        for row in store.select(_PREFIXES + _BY_YEAR)
        if "year" in row
    )
    return Stats(
        cables=counts["cables"],
        quads=len(store),
        graphs=sum(1 for _ in store.cable_graphs()),
        people=counts["people"],
        organizations=counts["organizations"],
        meetings=counts["meetings"],
        by_origin=by_origin,
        by_year=by_year,
    )


def cable_ids(store: Store) -> list[str]:
    """The reference IDs of the stored cables, sorted."""
    rows = store.select(
        f"SELECT DISTINCT ?id WHERE {{ GRAPH ?g {{ ?cable a <{KG.Cable}> ; "
        f"<{DCTERMS_NS}identifier> ?id }} }}"
    )
    return sorted({term.value for row in rows if isinstance(term := row.get("id"), ox.Literal)})
