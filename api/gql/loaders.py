"""Per-request DataLoaders: every field that reads the store does so in batches.

A resolver asks a loader for one node; the loader collects every key asked for in the
same tick and runs ONE SPARQL query with ``VALUES ?key { ... }`` for all of them. So
listing 5 or 500 cables with their people and meetings costs the same number of
queries (one per field per level of the selection), never one per cable.

``props`` fetches the outgoing properties that the types read (a fixed list of
predicates: the large ``kg:rawText``/``kg:bodyText`` literals stay in the store), for
nodes of any type at once; the other loaders follow the paths that need joins.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox
from strawberry.dataloader import DataLoader

from api.gql.sparql import (
    DCTERMS,
    FOAF,
    KG,
    ORG,
    PROV,
    RDF_TYPE,
    RDFS,
    SCHEMA,
    SKOS,
    TOPIC_LABEL,
    group,
    needle,
    select,
    values,
)
from kg.store import Store, Term

#: The predicates ``Props`` carries; everything a type's scalar field or link reads.
PROPERTIES = (
    RDF_TYPE,
    # cable
    DCTERMS + "identifier",
    DCTERMS + "title",
    DCTERMS + "created",
    KG + "released",
    KG + "classification",
    KG + "origin",
    KG + "precedence",
    KG + "sender",
    KG + "to",
    KG + "info",
    KG + "tag",
    DCTERMS + "references",
    KG + "classifiedBy",
    KG + "classifiedByRole",
    KG + "classificationReason",
    KG + "declassifyOn",
    KG + "signedBy",
    KG + "signature",
    DCTERMS + "hasPart",
    KG + "partialExtract",
    KG + "dateTimeGroup",
    # post, paragraph
    RDFS + "label",
    KG + "routingIndicator",
    DCTERMS + "isPartOf",
    KG + "order",
    KG + "number",
    KG + "heading",
    KG + "text",
    # person, membership, role, organization, place, concept
    FOAF + "name",
    SKOS + "altLabel",
    SKOS + "prefLabel",
    KG + "confidence",
    ORG + "member",
    ORG + "role",
    ORG + "organization",
    KG + "country",
    KG + "asOf",
    PROV + "wasDerivedFrom",
    KG + "acronym",
    KG + "fipsCode",
    SKOS + "notation",
    SKOS + "inScheme",
    SKOS + "exactMatch",
    FOAF + "focus",
    # meeting, mention
    KG + "participant",
    KG + "host",
    DCTERMS + "date",
    SCHEMA + "startDate",
    SCHEMA + "location",
    KG + "topic",
    KG + "status",
    KG + "meetingKind",
    KG + "reportedIn",
    KG + "refersTo",
    KG + "inParagraph",
    KG + "inField",
    KG + "start",
    KG + "end",
    KG + "surface",
)


@dataclass(frozen=True, slots=True)
class Props:
    """The properties of one node: predicate IRI -> objects, in a stable order."""

    iri: str
    objects: dict[str, list[Term]] = field(default_factory=dict)

    def all(self, predicate: str) -> list[Term]:
        return self.objects.get(predicate, [])

    def first(self, predicate: str) -> Term | None:
        found = self.objects.get(predicate)
        return found[0] if found else None

    def iris(self, predicate: str) -> list[str]:
        return [t.value for t in self.all(predicate) if isinstance(t, ox.NamedNode)]

    def strings(self, predicate: str) -> list[str]:
        return [t.value for t in self.all(predicate) if isinstance(t, ox.Literal)]

    def string(self, predicate: str) -> str | None:
        found = self.strings(predicate)
        return found[0] if found else None

    def longest(self, predicate: str) -> str | None:
        """The fullest of several forms (a name stated differently by several cables)."""
        found = self.strings(predicate)
        return max(found, key=lambda s: (len(s), s)) if found else None

    @property
    def exists(self) -> bool:
        return bool(self.objects)


def _ordered(term: Term) -> tuple[int, str]:
    return (0 if isinstance(term, ox.NamedNode) else 1, str(term))


class Loaders:
    """The loaders of one request (their caches must not outlive it)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.props: DataLoader[str, Props] = DataLoader(load_fn=self._props)
        self.cable_people: DataLoader[str, list[str]] = DataLoader(load_fn=self._cable_people)
        self.cable_organizations: DataLoader[str, list[str]] = DataLoader(
            load_fn=self._cable_organizations
        )
        self.cable_meetings: DataLoader[str, list[str]] = DataLoader(load_fn=self._cable_meetings)
        self.referenced_by: DataLoader[str, list[str]] = DataLoader(load_fn=self._referenced_by)
        self.person_cables: DataLoader[str, list[str]] = DataLoader(load_fn=self._person_cables)
        self.person_meetings: DataLoader[str, list[str]] = DataLoader(load_fn=self._person_meetings)
        self.memberships: DataLoader[str, list[str]] = DataLoader(load_fn=self._memberships)
        self.roles: DataLoader[str, list[str]] = DataLoader(load_fn=self._roles)
        self.mentions: DataLoader[str, list[str]] = DataLoader(load_fn=self._mentions)
        self.met_with: DataLoader[tuple[str, str | None], list[str]] = DataLoader(
            load_fn=self._met_with
        )

    async def _props(self, keys: list[str]) -> list[Props]:
        rows = select(
            self.store,
            f"SELECT ?key ?p ?o WHERE {{ {values('key', keys)} {values('p', PROPERTIES)} "
            "?key ?p ?o }",
        )
        found: dict[str, dict[str, list[Term]]] = defaultdict(dict)
        for row in rows:
            objects = found[row["key"].value].setdefault(row["p"].value, [])
            if row["o"] not in objects:
                objects.append(row["o"])
        for objects in found.values():
            for terms in objects.values():
                terms.sort(key=_ordered)  # the union of graphs has no order of its own
        return [Props(key, found.get(key, {})) for key in keys]

    def _linked(self, keys: Sequence[str], sparql: str, target: str = "x") -> list[list[str]]:
        """Run ``sparql`` (with ``{keys}`` for the VALUES block) and list ``?target`` per key,
        in the query's order, without repeats."""
        rows = select(self.store, sparql.replace("{keys}", values("key", keys)))
        grouped = group(rows)
        result = []
        for key in keys:
            seen: dict[str, None] = {}
            for row in grouped.get(key, []):
                seen.setdefault(row[target].value, None)
            result.append(list(seen))
        return result

    async def _cable_people(self, keys: list[str]) -> list[list[str]]:
        return self._linked(
            keys,
            """
            SELECT DISTINCT ?key ?x ?name WHERE {
              {keys}
              { ?key kg:mentions ?x }
              UNION { ?m kg:reportedIn ?key ; kg:participant|kg:host ?x }
              UNION { ?mention kg:refersTo ?x ; kg:inParagraph/dcterms:isPartOf ?key }
              ?x a foaf:Person .
              OPTIONAL { ?x foaf:name ?name }
            } ORDER BY ?key ?name ?x""",
        )

    async def _cable_organizations(self, keys: list[str]) -> list[list[str]]:
        return self._linked(
            keys,
            """
            SELECT DISTINCT ?key ?x ?name WHERE {
              {keys}
              { ?key kg:mentions ?x }
              UNION { ?mention kg:refersTo ?x ; kg:inParagraph/dcterms:isPartOf ?key }
              ?x a ?type . VALUES ?type { org:Organization org:FormalOrganization }
              OPTIONAL { ?x skos:prefLabel|rdfs:label ?name }
            } ORDER BY ?key ?name ?x""",
        )

    async def _cable_meetings(self, keys: list[str]) -> list[list[str]]:
        return self._linked(
            keys,
            """
            SELECT DISTINCT ?key ?x ?date WHERE {
              {keys}
              ?x kg:reportedIn ?key .
              OPTIONAL { ?x dcterms:date|schema:startDate ?date }
            } ORDER BY ?key ?date ?x""",
        )

    async def _referenced_by(self, keys: list[str]) -> list[list[str]]:
        return self._linked(
            keys,
            """
            SELECT DISTINCT ?key ?x ?created WHERE {
              {keys}
              ?x dcterms:references ?key .
              OPTIONAL { ?x dcterms:created ?created }
            } ORDER BY ?key ?created ?x""",
        )

    async def _person_cables(self, keys: list[str]) -> list[list[str]]:
        return self._linked(
            keys,
            """
            SELECT DISTINCT ?key ?x ?created WHERE {
              {keys}
              { ?x kg:mentions ?key }
              UNION { ?m kg:reportedIn ?x ; kg:participant|kg:host ?key }
              UNION { ?mention kg:refersTo ?key ; kg:inParagraph/dcterms:isPartOf ?x }
              OPTIONAL { ?x dcterms:created ?created }
            } ORDER BY ?key ?created ?x""",
        )

    async def _person_meetings(self, keys: list[str]) -> list[list[str]]:
        return self._linked(
            keys,
            """
            SELECT DISTINCT ?key ?x ?date WHERE {
              {keys}
              ?x kg:participant|kg:host ?key .
              OPTIONAL { ?x dcterms:date|schema:startDate ?date }
            } ORDER BY ?key ?date ?x""",
        )

    async def _memberships(self, keys: list[str]) -> list[list[str]]:
        return self._linked(
            keys,
            """
            SELECT DISTINCT ?key ?x ?asOf WHERE {
              {keys}
              { ?key org:hasMembership ?x } UNION { ?x org:member ?key }
              OPTIONAL { ?x kg:asOf ?asOf }
            } ORDER BY ?key ?asOf ?x""",
        )

    async def _roles(self, keys: list[str]) -> list[list[str]]:
        rows = select(
            self.store,
            f"""
            SELECT DISTINCT ?key ?label WHERE {{
              {values("key", keys)}
              {{ ?key org:hasMembership ?ms }} UNION {{ ?ms org:member ?key }}
              ?ms org:role ?role . ?role skos:prefLabel ?label .
            }} ORDER BY ?key ?label""",
        )
        grouped = group(rows)
        return [[row["label"].value for row in grouped.get(key, [])] for key in keys]

    async def _mentions(self, keys: list[str]) -> list[list[str]]:
        return self._linked(
            keys,
            """
            SELECT DISTINCT ?key ?x ?start WHERE {
              {keys}
              ?x kg:inParagraph ?key .
              OPTIONAL { ?x kg:start ?start }
            } ORDER BY ?key ?start ?x""",
        )

    async def _met_with(self, keys: list[tuple[str, str | None]]) -> list[list[str]]:
        # One query per distinct topic in the batch (usually one), not per person.
        by_topic: dict[str | None, list[str]] = defaultdict(list)
        for iri, topic in keys:
            by_topic[topic].append(iri)
        answers: dict[tuple[str, str | None], list[str]] = {}
        for topic, iris in by_topic.items():
            bindings = {"topic": needle(topic)} if topic is not None else {}
            topic_pattern = (
                f"?m kg:topic ?t0 . ?t0 (skos:exactMatch|^skos:exactMatch)? ?t . "
                f"?t {TOPIC_LABEL} ?tl . FILTER(LCASE(STR(?tl)) = ?topic)"
                if topic is not None
                else ""
            )
            rows = select(
                self.store,
                f"""
                SELECT DISTINCT ?key ?x ?name {"?topic" if topic is not None else ""} WHERE {{
                  {values("key", iris)}
                  ?m kg:participant|kg:host ?key .
                  ?m kg:participant|kg:host ?x .
                  FILTER(?x != ?key)
                  {topic_pattern}
                  OPTIONAL {{ ?x foaf:name ?name }}
                }} ORDER BY ?key ?name ?x""",
                bindings,
            )
            grouped = group(rows)
            for iri in iris:
                seen: dict[str, None] = {}
                for row in grouped.get(iri, []):
                    seen.setdefault(row["x"].value, None)
                answers[(iri, topic)] = list(seen)
        return [answers[key] for key in keys]
