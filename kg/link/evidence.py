"""What the store says about people and the cables around them, read for linking.

``Evidence.read`` reads the whole store, or only what some cable graphs say (the cables
an ingest wrote); either way each ``Person`` carries what scoring compares, summed over
the cables read: names, roles, and the years, posts, countries and signatures of its
cables. Those sums only grow as cables are added (sets and a minimum), so a person's
summary can be kept (``Person.profile``, ``kg.link.index``) and added to.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox

from kg.link.links import LinkStore, links_graph
from kg.link.names import HONORIFICS, Name, Title, fold
from kg.rdf import vocabulary
from kg.store import Term

_BATCH = 200  # IRIs per VALUES block

# -- what the store says about people and cables -------------------------------------------

_PREFIXES = vocabulary.sparql_prefixes("kg", "foaf", "org", "skos", "dcterms", "rdfs")
# GRAPH {graph}: ?g over the whole store, or one cable's graph by name (far faster than
# a VALUES block of graphs, which Oxigraph joins after reading every graph).
_PEOPLE = """SELECT ?g ?p ?name ?alt ?confidence WHERE {
  GRAPH %s {
    ?cable a kg:Cable . ?p a foaf:Person ; foaf:name ?name .
    OPTIONAL { ?p skos:altLabel ?alt }
    OPTIONAL { ?p kg:confidence ?confidence }
  }
}"""
_ROLES = """SELECT ?g ?p ?role ?org ?country WHERE {
  GRAPH %s {
    ?p org:hasMembership ?m . ?m org:role ?r . ?r skos:prefLabel ?role .
    OPTIONAL { ?m org:organization ?org } OPTIONAL { ?m kg:country ?country }
  }
}"""
_CABLES = """SELECT ?g ?created ?origin ?label ?code ?signer WHERE {
  GRAPH %s {
    ?cable a kg:Cable .
    OPTIONAL { ?cable dcterms:created ?created }
    OPTIONAL { ?cable kg:origin ?origin . OPTIONAL { ?origin rdfs:label ?label } }
    OPTIONAL { ?cable kg:tag ?tag . ?tag skos:notation ?code FILTER(REGEX(?code, "^[A-Z]{2}$")) }
    OPTIONAL { { ?cable kg:signedBy ?signer } UNION { ?cable kg:classifiedBy ?signer } }
  }
}"""


@dataclass(slots=True)
class Person:
    """Everything the cables read say about one person node, summed across them."""

    iri: str
    names: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    graphs: set[str] = field(default_factory=set)
    titles: dict[str, Title] = field(default_factory=dict)
    organizations: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)  # of its roles
    confidence: float = 1.0
    genders: set[str] = field(default_factory=set)  # from honorifics given as roles
    # Of the cables that name it:
    years: set[int] = field(default_factory=set)
    origins: set[str] = field(default_factory=set)  # the posts' labels
    cable_countries: set[str] = field(default_factory=set)  # geographic TAGS
    signed: set[str] = field(default_factory=set)  # posts of the cables it signs or classifies

    @property
    def gender(self) -> str | None:
        return min(self.genders) if len(self.genders) == 1 else None

    @property
    def name(self) -> Name | None:
        return Name.of(self.label) if self.names else None

    @property
    def label(self) -> str:
        return _fullest(frozenset(self.names))

    def keys(self, *, is_global: bool) -> set[str]:
        """What candidates are found by: the surname, and a full name's one-word aliases."""
        name = self.name
        found = {name.surname} if name is not None else set()
        if is_global:
            found |= {fold(a).strip(".") for a in self.aliases if len(a.split()) == 1}
        return found

    def add(self, other: Person) -> None:
        """Sum ``other`` (the same node, read from other cables) into this one."""
        self.names |= other.names
        self.aliases |= other.aliases
        self.graphs |= other.graphs
        for label, title in other.titles.items():
            self.titles.setdefault(label, title)
        self.organizations |= other.organizations
        self.countries |= other.countries
        self.confidence = min(self.confidence, other.confidence)
        self.genders |= other.genders
        self.years |= other.years
        self.origins |= other.origins
        self.cable_countries |= other.cable_countries
        self.signed |= other.signed

    def profile(self) -> str:
        """Everything but the node and its cables, as one canonical JSON text."""
        fields: dict[str, object] = {
            "names": sorted(self.names),
            "aliases": sorted(self.aliases),
            "titles": sorted(self.titles),
            "organizations": sorted(self.organizations),
            "countries": sorted(self.countries),
            "confidence": self.confidence,
            "genders": sorted(self.genders),
            "years": sorted(self.years),
            "origins": sorted(self.origins),
            "cable_countries": sorted(self.cable_countries),
            "signed": sorted(self.signed),
        }
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def of_profile(cls, iri: str, profile: str, graphs: Iterable[str]) -> Person:
        data = json.loads(profile)
        titles = {label: Title.of(label) for label in data["titles"]}
        return cls(
            iri,
            names=set(data["names"]),
            aliases=set(data["aliases"]),
            graphs=set(graphs),
            titles={label: title for label, title in titles.items() if title is not None},
            organizations=set(data["organizations"]),
            countries=set(data["countries"]),
            confidence=float(data["confidence"]),
            genders=set(data["genders"]),
            years=set(data["years"]),
            origins=set(data["origins"]),
            cable_countries=set(data["cable_countries"]),
            signed=set(data["signed"]),
        )


@lru_cache(maxsize=1 << 16)
def _fullest(names: frozenset[str]) -> str:
    """The fullest form any cable gives (most words), ties by text for determinism."""
    return min(names, key=lambda n: (-len(n.split()), n))


@dataclass(frozen=True, slots=True)
class CableFacts:
    year: int | None
    origin: str | None  # the post's label as the release names it
    countries: frozenset[str]
    signers: frozenset[str]


def value(term: Term | None) -> str:
    return str(getattr(term, "value", "")) if term is not None else ""


def iri_values(iris: Iterable[str]) -> Iterator[str]:
    batch = sorted(iris)
    for start in range(0, len(batch), _BATCH):
        yield " ".join(str(ox.NamedNode(iri)) for iri in batch[start : start + _BATCH])


def code(place: str) -> str:
    return place.rstrip("/").rsplit("/", 1)[-1]


def is_global(iri: str, base: str) -> bool:
    return iri.startswith(f"{base}person/")


def is_local(iri: str, base: str) -> bool:
    return iri.startswith(f"{base}cable/") and "/person/" in iri


class Evidence:
    """People as the store (or some of its cables) says, each summed over those cables."""

    def __init__(self, base: str, people: dict[str, Person]) -> None:
        self.base = base
        self.people = people

    @classmethod
    def read(cls, store: LinkStore, graphs: Iterable[str] | None = None) -> Evidence:
        """The whole store's people, or what ``graphs`` alone say of theirs."""
        iris = store.iris
        prefix, links = f"{iris.base}graph/", links_graph(iris)

        def rows(query: str) -> Iterator[dict[str, Term]]:
            if graphs is None:
                yield from store.select(_PREFIXES + query % "?g")
                return
            for graph in sorted(set(graphs)):
                node = ox.NamedNode(graph)
                for row in store.select(_PREFIXES + query % node):
                    row["g"] = node
                    yield row

        people: dict[str, Person] = {}
        for row in rows(_PEOPLE):
            graph, iri = value(row.get("g")), value(row.get("p"))
            if not graph.startswith(prefix) or graph == links:
                continue
            person = people.setdefault(iri, Person(iri))
            person.graphs.add(graph)
            person.names.add(value(row.get("name")))
            if "alt" in row:
                person.aliases.add(value(row["alt"]))
            if "confidence" in row:
                person.confidence = min(person.confidence, float(value(row["confidence"])))
        for row in rows(_ROLES):
            member = people.get(value(row.get("p")))
            if member is None or value(row.get("g")) not in member.graphs:
                continue
            person = member
            label = value(row.get("role"))
            title = Title.of(label)
            if title is not None:
                person.titles.setdefault(title.label, title)
            elif HONORIFICS.get(fold(label).strip(". ")):
                person.genders.add(HONORIFICS[fold(label).strip(". ")] or "")  # "Mr."
            if "org" in row:
                person.organizations.add(value(row["org"]))
            if "country" in row:
                person.countries.add(code(value(row["country"])))
        cables = _cable_facts(rows(_CABLES))
        for person in people.values():
            for graph in person.graphs:
                facts = cables.get(graph)
                if facts is None:
                    continue
                if facts.year is not None:
                    person.years.add(facts.year)
                if facts.origin is not None:
                    person.origins.add(facts.origin)
                    if person.iri in facts.signers:
                        person.signed.add(facts.origin)
                person.cable_countries |= facts.countries
        return cls(iris.base, people)

    def is_global(self, iri: str) -> bool:
        return is_global(iri, self.base)

    def is_local(self, iri: str) -> bool:
        return is_local(iri, self.base)


def _cable_facts(rows: Iterable[dict[str, Term]]) -> dict[str, CableFacts]:
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        facts = found[value(row.get("g"))]
        for key in ("created", "label", "code", "signer"):
            if key in row:
                facts[key].add(value(row[key]))
    cables = {}
    for graph, facts in found.items():
        years = sorted(int(c[:4]) for c in facts["created"] if c[:4].isdigit())
        # A post has the release's name and the routing one: prefer the mixed-case one.
        labels = sorted(facts["label"], key=lambda n: (n.isupper(), n))
        cables[graph] = CableFacts(
            year=years[0] if years else None,
            origin=labels[0] if labels else None,
            countries=frozenset(facts["code"]),
            signers=frozenset(facts["signer"]),
        )
    return cables
