"""Per-request DataLoaders: every field that reads the store does so in batches.

A resolver asks a loader for one node; the loader collects every key asked for in the
same tick and runs ONE SPARQL query with ``VALUES ?key { ... }`` for all of them. So
listing 5 or 500 cables with their people and meetings costs the same number of
queries (one per field per level of the selection), never one per cable.

``props`` fetches the outgoing properties that the types read (a fixed list of
predicates: the large ``kg:rawText`` literals stay in the store), for nodes of any type
at once, or only those a resolver names (``PropsLoader.load_of``: a shared node's type,
name or code without the rest of its restated triples); the other loaders follow the
paths that need joins, and ``people_named``/``topics_named`` turn a user's words into
the IRIs they name (one query per distinct text, the text bound, never pasted).

The default graph is the union of one graph per cable, a multiset: a triple about a
shared node (a person, a post, a TAGS concept) comes back once per cable graph that
states it. So these queries join only through triples about cable-local nodes (the
cable, its paragraphs, meetings, mentions, memberships) and read shared nodes'
properties through ``props`` with ``DISTINCT``: a join through a shared node would
multiply rows by the number of cables that describe it. For the same reason types,
names and dates used for filtering and ordering come from ``props`` in Python
rather than from ``OPTIONAL``/``ORDER BY`` in the query.

People are one per identity cluster: ``identity`` maps any person IRI to its cluster
(the nodes that ``owl:sameAs`` joins, either way and through chains, in the links
graph that ``kg link`` writes) and to the cluster's canonical node, the one every link
leads to (a full name, never a cable-local node). One query per batch, like the
others, and none at all when the store holds no links graph (one check per request).
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
    RDFS,
    SCHEMA,
    SKOS,
    TOPIC_LABEL,
    group,
    needle,
    select,
    value,
    values,
)
from kg.link import links_graph
from kg.matching import key as match_key
from kg.rdf.vocabulary import OWL_SAME_AS, RDF_TYPE
from kg.store import Store, Term
from kg.store.bind import substitute

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
    KG + "party",
    KG + "host",
    DCTERMS + "date",
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
    # identity link
    KG + "linkSource",
    KG + "linkTarget",
    SKOS + "note",
)


_PREDICATES = ", ".join(f"<{p}>" for p in PROPERTIES)


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


@dataclass(frozen=True, slots=True)
class Identity:
    """One person across cables: the canonical node and every node linked to it
    (canonical first, then by IRI); a node without links is a cluster of one."""

    canonical: str
    members: tuple[str, ...]

    @classmethod
    def alone(cls, iri: str) -> Identity:
        return cls(iri, (iri,))


def identities(store: Store, iris: Sequence[str]) -> dict[str, Identity]:
    """The identity cluster of each of ``iris``, in one query (see the module docstring).

    The canonical node is the one with no ``owl:sameAs`` of its own: links go from the
    less identified node (cable-local, or the shorter name) to the fuller one, so every
    chain (Burns -> William Burns -> William J. Burns) ends there. Should a cluster have
    several such ends, a person's own IRI wins over a cable-local one, then the first IRI.
    """
    found = {iri: Identity.alone(iri) for iri in iris}
    if not iris:
        return found
    graph = ox.NamedNode(links_graph(store.iris))
    rows = select(
        store,
        f"""SELECT DISTINCT ?key ?x ?out WHERE {{
          {values("key", iris)}
          GRAPH {graph} {{ ?key (<{OWL_SAME_AS}>|^<{OWL_SAME_AS}>)+ ?x }}
          OPTIONAL {{ GRAPH {graph} {{ ?x <{OWL_SAME_AS}> ?out }} }}
        }}""",
    )
    for key, key_rows in group(rows).items():
        linking = {value(row["x"]) for row in key_rows if "out" in row}
        members = {key} | {value(row["x"]) for row in key_rows}
        canonical = min(members, key=lambda m: (m in linking, "/cable/" in m, m))
        found[key] = Identity(canonical, (canonical, *sorted(members - {canonical})))
    return found


def has_links(store: Store) -> bool:
    """Whether the store holds any ``owl:sameAs`` in its links graph."""
    graph = ox.NamedNode(links_graph(store.iris))
    rows = select(store, f"SELECT ?s WHERE {{ GRAPH {graph} {{ ?s <{OWL_SAME_AS}> ?o }} }} LIMIT 1")
    return bool(rows)


#: The predicates of a ``PropsLoader`` key that asks for every one of ``PROPERTIES``.
ALL: tuple[str, ...] = ()


class PropsLoader:
    """Nodes' properties, batched: all that ``PROPERTIES`` lists (``load``), or only
    some (``load_of``), the two kinds of request of one tick in one query.

    A shared node's triples come back once per cable graph that restates it, and the
    ``FILTER IN`` of ``load`` reads every one of them (its match keys among them) to
    keep the predicates it carries, where ``load_of`` reads only the pairs of node and
    predicate asked for, each an index range: a resolver that reads a person's name or
    a TAGS concept's code asks for that."""

    def __init__(
        self, loader: DataLoader[tuple[str, tuple[str, ...]], dict[str, list[Term]]]
    ) -> None:
        self._loader = loader

    async def load(self, iri: str) -> Props:
        return Props(iri, await self._loader.load((iri, ALL)))

    async def load_many(self, iris: Sequence[str]) -> list[Props]:
        found = await self._loader.load_many([(iri, ALL) for iri in iris])
        return [Props(iri, objects) for iri, objects in zip(iris, found, strict=True)]

    async def load_of(self, iris: Sequence[str], predicates: tuple[str, ...]) -> list[Props]:
        """The nodes' ``predicates`` only (a Props without the others)."""
        if len(iris) == 1:  # a plain load: load_many's gather costs a turn of the loop
            return [Props(iris[0], await self._loader.load((iris[0], predicates)))]
        found = await self._loader.load_many([(iri, predicates) for iri in iris])
        return [Props(iri, objects) for iri, objects in zip(iris, found, strict=True)]


def _ordered(term: Term) -> tuple[int, str]:
    return (0 if isinstance(term, ox.NamedNode) else 1, str(term))


class Loaders:
    """The loaders of one request (their caches must not outlive it)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.props = PropsLoader(DataLoader(load_fn=self._props))
        self.cable_entities: DataLoader[str, list[str]] = DataLoader(load_fn=self._cable_entities)
        self.cable_meetings: DataLoader[str, list[str]] = DataLoader(load_fn=self._cable_meetings)
        self.referenced_by: DataLoader[str, list[str]] = DataLoader(load_fn=self._referenced_by)
        self.person_cables: DataLoader[str, list[str]] = DataLoader(load_fn=self._person_cables)
        self.person_meetings: DataLoader[str, list[str]] = DataLoader(load_fn=self._person_meetings)
        self.memberships: DataLoader[str, list[str]] = DataLoader(load_fn=self._memberships)
        self.mentions: DataLoader[str, list[str]] = DataLoader(load_fn=self._mentions)
        self.met_with: DataLoader[tuple[str, tuple[str, ...] | None], list[str]] = DataLoader(
            load_fn=self._met_with
        )
        self.people_named: DataLoader[str, tuple[str, ...]] = DataLoader(load_fn=self._people_named)
        self.topics_named: DataLoader[str, tuple[str, ...]] = DataLoader(load_fn=self._topics_named)
        self.identity: DataLoader[str, Identity] = DataLoader(load_fn=self._identity)
        self.identity_links: DataLoader[str, list[str]] = DataLoader(load_fn=self._identity_links)
        self._links: bool | None = None

    @property
    def links(self) -> bool:
        """Whether identity links exist (asked once per request)."""
        if self._links is None:
            self._links = has_links(self.store)
        return self._links

    async def _identity(self, keys: list[str]) -> list[Identity]:
        if not self.links:
            return [Identity.alone(key) for key in keys]
        found = identities(self.store, keys)
        for identity in found.values():
            for member in identity.members:  # the other members need no query of their own
                self.identity.prime(member, identity)
        return [found[key] for key in keys]

    async def identity_of(self, iri: str) -> Identity:
        """The cluster of ``iri``; without links, at once (no batch to wait for)."""
        return await self.identity.load(iri) if self.links else Identity.alone(iri)

    async def identities_of(self, iris: Sequence[str]) -> list[Identity]:
        if not self.links:
            return [Identity.alone(iri) for iri in iris]
        return list(await self.identity.load_many(iris))

    async def canonical(self, iris: Sequence[str]) -> list[str]:
        """``iris`` as their clusters' canonical nodes, each once, in first-seen order."""
        found = await self.identities_of(iris)
        return list(dict.fromkeys(identity.canonical for identity in found))

    # -- what a user's words name: one query per distinct text, the text bound ------------

    async def _people_named(self, keys: list[str]) -> list[tuple[str, ...]]:
        """People with a name or alias that the text matches (``kg.matching``: "Wisner"
        names Frank Wisner), looked up by the text's key, with every node linked to them
        ("Vladimir Titov" names the "Titov" of a cable that gives only the surname)."""
        answers = []
        for text in keys:
            found = self._keyed("?x kg:nameKey ?key .", text)
            if found and self.links:
                clusters = identities(self.store, found).values()
                found = tuple(sorted({m for cluster in clusters for m in cluster.members}))
            answers.append(found)
        return answers

    async def _topics_named(self, keys: list[str]) -> list[tuple[str, ...]]:
        """Concepts, places and organizations with a label or code equal to the text,
        with their exact matches (the TAGS concept KV and the place Kosovo).

        A label equal to the text has the text's key among its keys, and codes are
        stored in upper case: the nodes with that key or code come from the index (each
        once, however many cable graphs restate it), and only their labels are compared
        with the text."""
        answers = []
        for text in keys:
            code = ox.Literal(" ".join(text.split()).upper())
            where = f"""{{ SELECT DISTINCT ?t WHERE {{
                  {{ ?t kg:labelKey|kg:nameKey ?key }}
                  UNION {{ ?t skos:notation|kg:fipsCode ?code }}
                }} }}
                FILTER EXISTS {{ ?t {TOPIC_LABEL} ?l . FILTER(LCASE(STR(?l)) = ?q) }}
                ?t (skos:exactMatch|^skos:exactMatch)? ?x"""
            answers.append(self._keyed(where, text, {"code": code, "q": needle(text)}))
        return answers

    def _keyed(
        self, where: str, text: str, bindings: dict[str, Term] | None = None
    ) -> tuple[str, ...]:
        """The ``?x`` that ``where`` finds with ``?key`` bound to the text's key
        (``kg.matching.key``): none when the text holds no letter or digit. The values
        are written into the query as RDF terms (``kg.store.bind.substitute``), so that
        the store plans it knowing them and looks the key up, in subqueries too."""
        found = match_key(text)
        if not found:
            return ()
        bound: dict[str, Term] = {"key": ox.Literal(found), **(bindings or {})}
        rows = select(self.store, substitute(f"SELECT DISTINCT ?x WHERE {{ {where} }}", bound))
        return tuple(sorted({value(row["x"]) for row in rows}))

    async def _props(self, keys: list[tuple[str, tuple[str, ...]]]) -> list[dict[str, list[Term]]]:
        """Properties by node: every one ``PROPERTIES`` lists for a key ``(iri, ALL)``,
        those named for ``(iri, predicates)``, the lot in one query."""
        everything: list[str] = []
        by_predicate: dict[str, dict[str, None]] = defaultdict(dict)
        for iri, predicates in dict.fromkeys(keys):
            if predicates == ALL:
                everything.append(iri)
            for predicate in predicates:
                by_predicate[predicate][iri] = None
        # FILTER IN, not a VALUES block: oxigraph joins two VALUES blocks slowly.
        branches = (
            [f"{{ {values('key', everything)} ?key ?p ?o FILTER(?p IN ({_PREDICATES})) }}"]
            if everything
            else []
        )
        for predicate, iris in by_predicate.items():
            node = ox.NamedNode(predicate)
            branches.append(f"{{ {values('key', iris)} ?key {node} ?o BIND({node} AS ?p) }}")
        rows = select(
            self.store, f"SELECT DISTINCT ?key ?p ?o WHERE {{ {' UNION '.join(branches)} }}"
        )
        found: dict[str, dict[str, list[Term]]] = defaultdict(dict)
        for row in rows:
            terms = found[value(row["key"])].setdefault(value(row["p"]), [])
            if row["o"] not in terms:
                terms.append(row["o"])
        for by_predicate_found in found.values():
            for terms in by_predicate_found.values():
                terms.sort(key=_ordered)  # the union of graphs has no order of its own
        return [
            found.get(iri, {})
            if predicates == ALL
            else {p: found[iri][p] for p in predicates if p in found.get(iri, {})}
            for iri, predicates in keys
        ]

    def _linked(self, keys: Sequence[str], sparql: str) -> list[list[str]]:
        """Run ``sparql`` (``{keys}`` marks the VALUES block) and list ``?x`` per ``?key``."""
        rows = select(self.store, sparql.replace("{keys}", values("key", keys)))
        grouped = group(rows)
        result = []
        for key in keys:
            seen: dict[str, None] = {}
            for row in grouped.get(key, []):
                seen.setdefault(value(row["x"]), None)
            result.append(list(seen))
        return result

    async def _cable_entities(self, keys: list[str]) -> list[list[str]]:
        # Everything the cable names; resolvers keep the people or the organizations.
        return self._linked(
            keys,
            """
            SELECT DISTINCT ?key ?x WHERE {
              {keys}
              { ?key kg:mentions ?x }
              UNION { ?m kg:reportedIn ?key ; kg:participant|kg:host ?x }
              UNION { ?key dcterms:hasPart ?p . ?mention kg:inParagraph ?p ; kg:refersTo ?x }
            }""",
        )

    async def _cable_meetings(self, keys: list[str]) -> list[list[str]]:
        return self._linked(keys, "SELECT DISTINCT ?key ?x WHERE { {keys} ?x kg:reportedIn ?key }")

    async def _referenced_by(self, keys: list[str]) -> list[list[str]]:
        return self._linked(
            keys, "SELECT DISTINCT ?key ?x WHERE { {keys} ?x dcterms:references ?key }"
        )

    async def _person_cables(self, keys: list[str]) -> list[list[str]]:
        return self._linked(
            keys,
            """
            SELECT DISTINCT ?key ?x WHERE {
              {keys}
              { ?x kg:mentions ?key }
              UNION { ?m kg:participant|kg:host ?key ; kg:reportedIn ?x }
              UNION { ?mention kg:refersTo ?key ; kg:inParagraph ?p . ?p dcterms:isPartOf ?x }
            }""",
        )

    async def _person_meetings(self, keys: list[str]) -> list[list[str]]:
        return self._linked(
            keys, "SELECT DISTINCT ?key ?x WHERE { {keys} ?x kg:participant|kg:host ?key }"
        )

    async def _memberships(self, keys: list[str]) -> list[list[str]]:
        return self._linked(
            keys,
            """
            SELECT DISTINCT ?key ?x WHERE {
              {keys}
              { ?key org:hasMembership ?x } UNION { ?x org:member ?key }
            }""",
        )

    async def _identity_links(self, keys: list[str]) -> list[list[str]]:
        """The kg:IdentityLink nodes with the person as source or target."""
        return self._linked(
            keys, "SELECT DISTINCT ?key ?x WHERE { {keys} ?x kg:linkSource|kg:linkTarget ?key }"
        )

    async def _mentions(self, keys: list[str]) -> list[list[str]]:
        return self._linked(keys, "SELECT DISTINCT ?key ?x WHERE { {keys} ?x kg:inParagraph ?key }")

    async def _met_with(self, keys: list[tuple[str, tuple[str, ...] | None]]) -> list[list[str]]:
        """Co-participants, per (person, topic nodes or None for any topic): one query
        per distinct topic in the batch (usually one), not per person."""
        by_topic: dict[tuple[str, ...] | None, list[str]] = defaultdict(list)
        for iri, topics in keys:
            by_topic[topics].append(iri)
        answers: dict[tuple[str, tuple[str, ...] | None], list[str]] = {}
        for topics, iris in by_topic.items():
            about = f"{values('t', topics)} ?m kg:topic ?t ." if topics is not None else ""
            rows = select(
                self.store,
                f"""
                SELECT DISTINCT ?key ?x WHERE {{
                  {values("key", iris)}
                  ?m kg:participant|kg:host ?key .
                  {about}
                  ?m kg:participant|kg:host ?x .
                  FILTER(?x != ?key)
                }}""",
            )
            grouped = group(rows)
            for iri in iris:
                answers[(iri, topics)] = list(
                    dict.fromkeys(value(row["x"]) for row in grouped.get(iri, []))
                )
        return [answers[key] for key in keys]
