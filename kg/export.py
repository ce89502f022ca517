"""JSON-LD export; the other formats come from Oxigraph in ``Store.dump`` (Turtle and TriG
sorted by subject, the others streamed).

JSON-LD goes through rdflib's serializer, with a ``@context`` made of the store's
prefixes (``Store.prefixes``: one per kind of node, ``cable:``, ``person:``, ``cgorg:``, …)
so the output reads as ``dcterms:title`` and ``person:vladimir-titov`` rather than full
IRIs. The whole
store becomes one document whose ``@graph`` lists each cable's named graph as
``{"@id": graph, "@graph": [...]}``; it is written one named graph at a time, so
memory holds one cable's graph, not the release.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.serializers.jsonld import from_rdf
from rdflib.term import Node

if TYPE_CHECKING:
    from kg.store import Store

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def compact(iri: str, context: dict[str, str]) -> str:
    """``graph:07MOSCOW628`` for an IRI that a prefix of ``context`` cuts to a plain name."""
    fits = [
        (len(namespace), prefix)
        for prefix, namespace in context.items()
        if iri.startswith(namespace) and _PLAIN.fullmatch(iri[len(namespace) :])
    ]
    if not fits:
        return iri
    _, prefix = max(fits)
    return f"{prefix}:{iri[len(context[prefix]) :]}"


def to_rdflib(term: Any) -> Node:
    """An rdflib term for a pyoxigraph one; ``xsd:string`` literals become plain literals."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"cannot export {term!r} as JSON-LD (RDF-star terms are not supported)")


def graph_of(triples: Iterable[Any]) -> Graph:
    """An rdflib graph of pyoxigraph triples or quads (graph names ignored)."""
    graph = Graph()
    for triple in triples:
        graph.add(
            (to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object))
        )
    return graph


def nodes(graph: Graph, context: dict[str, str]) -> list[Any]:
    """The node objects of ``graph`` in JSON-LD, compacted with ``context``."""
    if len(graph) == 0:
        return []
    document = from_rdf(graph, context_data=context)  # type: ignore[no-untyped-call]
    if isinstance(document, dict) and "@graph" in document:
        return list(document["@graph"])
    if isinstance(document, dict):
        document.pop("@context", None)
        return [document]
    return list(document)


def dump_jsonld(store: Store, output: IO[bytes], graph: str | None = None) -> None:
    """Write the store (or one graph, as a plain graph) as one JSON-LD document."""
    context = store.prefixes()
    oxigraph = store.oxigraph

    def write(text: str) -> None:
        output.write(text.encode("utf-8"))

    def encode(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, indent=1)

    write('{"@context": ' + encode(context) + ',\n"@graph": [')
    first = True

    def emit(item: Any) -> None:
        nonlocal first
        write(("\n" if first else ",\n") + encode(item))
        first = False

    if graph is not None:
        quads = oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        for node in nodes(graph_of(quads), context):
            emit(node)
    else:
        default = oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())
        for node in nodes(graph_of(default), context):
            emit(node)
        for name in sorted(store.named_graphs()):
            quads = oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(name))
            emit({"@id": compact(name, context), "@graph": nodes(graph_of(quads), context)})
    write("\n]}\n")
