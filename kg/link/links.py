"""Identity links as data: the ``Link`` value, the graph that holds them, its triples."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox

from kg.rdf import terms as t
from kg.rdf import vocabulary
from kg.rdf.iri import IRIs
from kg.rdf.vocabulary import KG
from kg.store import Term, ntriples

#: At or above this confidence a link is also asserted as ``owl:sameAs``.
SAME_AS_THRESHOLD = 0.8
#: The highest confidence a link gets: the name alone never makes it certain.
MAX_CONFIDENCE = 0.95

OWL_SAME_AS = ox.NamedNode(vocabulary.OWL_SAME_AS)
SKOS_NOTE = ox.NamedNode(vocabulary.SKOS_NS + "note")
RDF_PREDICATE = ox.NamedNode(vocabulary.RDF_NS + "predicate")
IDENTITY_LINK = ox.NamedNode(str(KG.IdentityLink))
LINK_SOURCE = ox.NamedNode(str(KG.linkSource))
LINK_TARGET = ox.NamedNode(str(KG.linkTarget))
CONFIDENCE = ox.NamedNode(str(KG.confidence))

_BATCH = 200  # IRIs per VALUES block


@dataclass(frozen=True, slots=True)
class Link:
    """A scored claim that ``local_iri`` is the person ``global_iri``.

    ``local_iri`` is the less identified node: a cable-local person, or the shorter of
    two full names. ``reasons`` say what raised or lowered the confidence, in order.
    """

    local_iri: str
    global_iri: str
    confidence: float
    reasons: tuple[str, ...]

    @property
    def same_as(self) -> bool:
        return self.confidence >= SAME_AS_THRESHOLD


class LinkStore(Protocol):
    """What linking needs of a store: ``kg.store.Store`` or ``kg.store.remote.RemoteStore``."""

    iris: IRIs

    def select(self, sparql: str) -> list[dict[str, Term]]: ...

    def replace_graph_ntriples(self, graph: str, body: str) -> None: ...

    def flush(self) -> None: ...


def links_graph(iris: IRIs) -> str:
    """The named graph that holds every identity link: ``{base}graph/links``."""
    return f"{iris.base}graph/links"


# -- writing -------------------------------------------------------------------------------


def link_iri(iris: IRIs, link: Link) -> str:
    """``{base}link/HASH``: from the two nodes, so a link keeps its IRI across runs."""
    digest = hashlib.sha256(f"{link.local_iri} {link.global_iri}".encode()).hexdigest()
    return f"{iris.base}link/{digest[:16]}"


def link_triples(links: Iterable[Link], *, iris: IRIs) -> list[ox.Triple]:
    """The links graph's triples, in a stable order: sameAs where sure, a node for each."""
    out = t.TripleList()
    for link in sorted(links, key=lambda x: (x.local_iri, x.global_iri)):
        source, target = ox.NamedNode(link.local_iri), ox.NamedNode(link.global_iri)
        if link.same_as:
            out.add(source, OWL_SAME_AS, target)
        node = ox.NamedNode(link_iri(iris, link))
        out.add(node, t.TYPE, IDENTITY_LINK)
        out.add(node, LINK_SOURCE, source)
        out.add(node, RDF_PREDICATE, OWL_SAME_AS)
        out.add(node, LINK_TARGET, target)
        out.add(node, CONFIDENCE, t.decimal(link.confidence))
        for reason in link.reasons:
            out.add(node, SKOS_NOTE, t.string(reason))
    return out.triples


def write_links(store: LinkStore, links: Iterable[Link]) -> None:
    """Replace the links graph with ``links``, atomically."""
    body = ntriples(link_triples(links, iris=store.iris))
    store.replace_graph_ntriples(links_graph(store.iris), body)
