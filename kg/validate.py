"""Check graphs against the cable shapes (``ontology/shapes.ttl``) with pyshacl.

The ontology and shapes are read from ``kg/data/ontology/``, byte-for-byte copies of
``ontology/*.ttl`` (a test keeps them equal): package data is found the same way from a
source checkout and from an installed wheel, where ``ontology/`` does not exist.

Shapes state cardinalities per cable graph (a person shared by two cables is described in
each), so a store is validated graph by graph.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources
from typing import TYPE_CHECKING, Literal, NamedTuple

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib import Literal as RDFLiteral
from rdflib.namespace import XSD

if TYPE_CHECKING:
    from kg.store import Store

Inference = Literal["none", "rdfs"]
Data = Graph | Iterable[ox.Triple] | Iterable[ox.Quad]

ONTOLOGY_FILES = ("cable.ttl", "shapes.ttl")


class Report(NamedTuple):
    """The outcome of a validation; unpacks as ``conforms, text = validate(...)``."""

    conforms: bool
    text: str


def ontology_text(name: str) -> str:
    """The text of one of ``ONTOLOGY_FILES`` as the package ships it."""
    if name not in ONTOLOGY_FILES:
        raise ValueError(f"unknown ontology file {name!r}; expected one of {ONTOLOGY_FILES}")
    return (resources.files("kg") / "data" / "ontology" / name).read_text(encoding="utf-8")


@functools.cache
def ontology_graph() -> Graph:
    """The OWL ontology (``cable.ttl``), parsed once. Treat it as read-only."""
    return Graph().parse(data=ontology_text("cable.ttl"), format="turtle")


@functools.cache
def shapes_graph() -> Graph:
    """The SHACL shapes (``shapes.ttl``), parsed once. Treat it as read-only."""
    return Graph().parse(data=ontology_text("shapes.ttl"), format="turtle")


def as_graph(data: Data) -> Graph:
    """An rdflib graph holding ``data``: pyoxigraph triples or quads (graph names dropped)."""
    if isinstance(data, Graph):
        return data
    triples = [
        ox.Triple(t.subject, t.predicate, t.object) if isinstance(t, ox.Quad) else t for t in data
    ]
    # One N-Triples round trip is both the simplest and the fastest bridge between the two.
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return Graph().parse(data=text.decode("utf-8"), format="nt")


def normalize(graph: Graph) -> Graph:
    """A copy of ``graph`` with ``"x"^^xsd:string`` literals made plain ``"x"``.

    RDF 1.1 holds the two equal, rdflib does not; graphs read back through oxrdflib carry
    the typed form. Normalize both sides before comparing graphs.
    """
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True)
    for s, p, o in graph:
        if isinstance(o, RDFLiteral) and o.datatype == XSD.string:
            o = RDFLiteral(str(o))
        copy.add((s, p, o))
    return copy


def validate(data: Data, *, inference: Inference = "none") -> Report:
    """Whether ``data`` conforms to the shapes, and pyshacl's report as text.

    ``data`` is an rdflib graph (a ``Dataset`` is checked graph by graph) or pyoxigraph
    triples or quads, such as ``kg.rdf.triples(...)``. The ontology is mixed in so that
    class constraints follow its subclass axioms; "rdfs" inference also applies domains
    and ranges, which hides missing types, so the default is none.
    """
    conforms, _, report = shacl_validate(
        as_graph(data),
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference=inference,
        abort_on_first=False,
        allow_warnings=False,
        advanced=False,
    )
    return Report(bool(conforms), str(report))


def validate_store(
    store: Store,
    *,
    graph: str | None = None,
    inference: Inference = "none",
) -> Report:
    """Validate each cable graph of ``store`` on its own, or only ``graph``.

    The text holds the reports of the graphs that do not conform, each headed by its
    graph IRI; a ``graph`` the store does not hold does not conform either.
    """
    reports: list[str] = []
    for name in [graph] if graph is not None else sorted(store.cable_graphs()):
        quads = list(store.quads(name))
        if not quads:
            reports.append(f"graph <{name}>: not in the store (is the reference ID right?)")
            continue
        conforms, text = validate(quads, inference=inference)
        if not conforms:
            reports.append(f"graph <{name}>:\n{text}")
    return Report(not reports, "\n".join(reports) if reports else "Conforms: True")
