"""What the store says about people and the cables around them, read once for linking."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.link.links import LinkStore, links_graph
from kg.link.names import HONORIFICS, Name, Title, fold
from kg.rdf import vocabulary
from kg.store import Term

_BATCH = 200  # IRIs per VALUES block

# -- what the store says about people and cables -------------------------------------------

_PREFIXES = vocabulary.sparql_prefixes("kg", "foaf", "org", "skos", "dcterms", "rdfs")
_PEOPLE = """SELECT ?g ?p ?name ?alt ?confidence WHERE {
  GRAPH ?g {
    ?cable a kg:Cable . ?p a foaf:Person ; foaf:name ?name .
    OPTIONAL { ?p skos:altLabel ?alt }
    OPTIONAL { ?p kg:confidence ?confidence }
  }
}"""
_ROLES = """SELECT ?g ?p ?role ?org ?country WHERE {
  VALUES ?p { %s }
  GRAPH ?g {
    ?p org:hasMembership ?m . ?m org:role ?r . ?r skos:prefLabel ?role .
    OPTIONAL { ?m org:organization ?org } OPTIONAL { ?m kg:country ?country }
  }
}"""
_CABLES = """SELECT ?g ?created ?origin ?label ?code ?signer WHERE {
  VALUES ?g { %s }
  GRAPH ?g {
    ?cable a kg:Cable .
    OPTIONAL { ?cable dcterms:created ?created }
    OPTIONAL { ?cable kg:origin ?origin . OPTIONAL { ?origin rdfs:label ?label } }
    OPTIONAL { ?cable kg:tag ?tag . ?tag skos:notation ?code FILTER(REGEX(?code, "^[A-Z]{2}$")) }
    OPTIONAL { { ?cable kg:signedBy ?signer } UNION { ?cable kg:classifiedBy ?signer } }
  }
}"""


@dataclass(slots=True)
class Person:
    """Everything the store says about one person node, gathered across graphs."""

    iri: str
    names: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    graphs: set[str] = field(default_factory=set)
    titles: dict[str, Title] = field(default_factory=dict)
    organizations: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)  # of its roles
    confidence: float = 1.0
    genders: set[str] = field(default_factory=set)  # from honorifics given as roles

    @property
    def gender(self) -> str | None:
        return min(self.genders) if len(self.genders) == 1 else None

    @property
    def name(self) -> Name | None:
        # The fullest form any cable gives (most words), ties by text for determinism.
        fullest = sorted(self.names, key=lambda n: (-len(n.split()), n))
        return Name.of(fullest[0]) if fullest else None

    @property
    def label(self) -> str:
        return sorted(self.names, key=lambda n: (-len(n.split()), n))[0]


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


class Evidence:
    """The store read once: people, their roles, and the cables around them."""

    def __init__(self, store: LinkStore) -> None:
        self.iris = store.iris
        self.graph_prefix = f"{self.iris.base}graph/"
        self.people: dict[str, Person] = {}
        for row in store.select(_PREFIXES + _PEOPLE):
            graph, iri = value(row.get("g")), value(row.get("p"))
            if not graph.startswith(self.graph_prefix) or graph == links_graph(self.iris):
                continue
            person = self.people.setdefault(iri, Person(iri))
            person.graphs.add(graph)
            person.names.add(value(row.get("name")))
            if "alt" in row:
                person.aliases.add(value(row["alt"]))
            if "confidence" in row:
                person.confidence = min(person.confidence, float(value(row["confidence"])))
        self.cables: dict[str, CableFacts] = {}

    def is_global(self, iri: str) -> bool:
        return iri.startswith(f"{self.iris.base}person/")

    def is_local(self, iri: str) -> bool:
        return iri.startswith(f"{self.iris.base}cable/") and "/person/" in iri

    def load_details(self, store: LinkStore, iris: set[str]) -> None:
        """Roles of ``iris`` and the cables they appear in."""
        for values in iri_values(iris):
            for row in store.select(_PREFIXES + _ROLES % values):
                person = self.people.get(value(row.get("p")))
                if person is None or value(row.get("g")) not in person.graphs:
                    continue
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
        graphs = {g for iri in iris for g in self.people[iri].graphs}
        found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for values in iri_values(graphs):
            for row in store.select(_PREFIXES + _CABLES % values):
                facts = found[value(row.get("g"))]
                for key in ("created", "label", "code", "signer"):
                    if key in row:
                        facts[key].add(value(row[key]))
        for graph, facts in found.items():
            years = sorted(int(c[:4]) for c in facts["created"] if c[:4].isdigit())
            # A post has the release's name and the routing one: prefer the mixed-case one.
            labels = sorted(facts["label"], key=lambda n: (n.isupper(), n))
            self.cables[graph] = CableFacts(
                year=years[0] if years else None,
                origin=labels[0] if labels else None,
                countries=frozenset(facts["code"]),
                signers=frozenset(facts["signer"]),
            )

    def cables_of(self, person: Person) -> list[CableFacts]:
        return [self.cables[g] for g in sorted(person.graphs) if g in self.cables]
