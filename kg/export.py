"""Export: the store, or one cable's graph, in a W3C format (``kg export``).

Depends on the store, never the other way round: it reads quads and streamed bytes
through the store's methods (``Store.quads``, ``Store.dump``, ``Store.query``) and decides
what is written how. Turtle and TriG are written sorted by subject, the others streamed
in the store's order.

JSON-LD goes through rdflib's serializer, with a ``@context`` made of the store's
prefixes (``Store.prefixes``: one per kind of node, ``cable:``, ``person:``, ``cgorg:``, …)
so the output reads as ``dcterms:title`` and ``person:vladimir-titov`` rather than full
IRIs. The whole
store becomes one document whose ``@graph`` lists each cable's named graph as
``{"@id": graph, "@graph": [...]}``; it is written one named graph at a time, so
memory holds one cable's graph, not the release.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.serializers.jsonld import from_rdf
from rdflib.term import Node

from kg.errors import ConfigError
from kg.rdf import vocabulary
from kg.rdf.vocabulary import XSD_STRING
from kg.store.oxigraph import DEFAULT_GRAPH, RDF_FORMATS, GraphName

if TYPE_CHECKING:
    from kg.store import Store

QUAD_FORMATS = frozenset({"nquads", "trig"})
#: Formats written sorted by subject; the others stream.
SORTED_FORMATS = frozenset({"turtle", "trig"})
#: Statements per N-Triples chunk parsed back when writing the sorted union.
_CHUNK = 10_000
_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def compact(iri: str, context: dict[str, str]) -> str:
    """``graph:07MOSCOW628`` for an IRI that a prefix of ``context`` cuts to a plain name."""
    return vocabulary.compact(iri, context, plain=True) or iri


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
        quads = store.quads(graph)
        for node in nodes(graph_of(quads), context):
            emit(node)
    else:
        default = store.quads(DEFAULT_GRAPH)
        for node in nodes(graph_of(default), context):
            emit(node)
        for name in sorted(store.graph_names()):
            quads = store.quads(name)
            emit({"@id": compact(name, context), "@graph": nodes(graph_of(quads), context)})
    write("\n]}\n")


def write(store: Store, output: IO[bytes], *, format: str, graph: str | None = None) -> None:
    """Serialize the whole store (or one graph) in a W3C format.

    Triple formats (Turtle, N-Triples, RDF/XML) hold one graph: without ``graph``
    they get the union of all graphs, duplicates removed.

    Turtle and TriG are written sorted by subject, then predicate, then object (TriG
    graph by graph: the default graph, then the named graphs by name), so each
    subject's triples make one block and two exports of the same data are the same
    file. N-Triples, N-Quads and RDF/XML stream in the store's order.
    """
    if format == "jsonld":
        dump_jsonld(store, output, graph=graph)
        return
    rdf_format = RDF_FORMATS[format]
    prefixes = store.prefixes()
    if format in SORTED_FORMATS:
        ox.serialize(_sorted(store, format, graph), output, rdf_format, prefixes=prefixes)
        return
    if graph is not None:
        if format in QUAD_FORMATS:
            ox.serialize(store.quads(graph), output, rdf_format, prefixes=prefixes)
        else:
            store.dump(output, rdf_format, graph=graph, prefixes=prefixes)
        return
    if format in QUAD_FORMATS:
        store.dump(output, rdf_format, prefixes=prefixes)
        return
    ox.serialize(store.query(_UNION), output, rdf_format, prefixes=prefixes)


def write_file(store: Store, target: Path, *, format: str, graph: str | None = None) -> None:
    """``write`` to the file ``target``: written aside, then renamed, so that an interrupted
    export never leaves a truncated file."""
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("wb") as output:
            write(store, output, format=format, graph=graph)
        partial.replace(target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ConfigError(
            f"cannot write {target}: {error.strerror or error}",
            hint="check that the folder exists and is writable",
        ) from error


def _sorted(store: Store, format: str, graph: str | None) -> Iterator[ox.Quad]:
    """The triples of ``graph`` (of their union for Turtle, of every graph in turn for
    TriG) sorted by subject, predicate, object; one graph in memory at a time."""
    if format == "turtle" and graph is None:
        union = io.BytesIO()
        store.query(_UNION).serialize(union, ox.RdfFormat.N_TRIPLES)
        yield from _sorted_ntriples(union)
        return
    names: list[GraphName] = [graph] if graph is not None else [DEFAULT_GRAPH]
    if graph is None:
        names += sorted(store.graph_names())
    for name in names:
        if format == "turtle":  # one graph, written as a plain graph
            text = io.BytesIO()
            store.dump(text, ox.RdfFormat.N_TRIPLES, graph=name)
            yield from _sorted_ntriples(text)
        else:
            yield from sorted(store.quads(name), key=_order)


def _order(quad: ox.Quad) -> tuple[str, str, str]:
    """Sort key of a statement: subject, predicate (IRIs as IRIs, not as ``<…>`` text, so
    ``…/p/1`` sorts before ``…/p/10``), then the object in N-Triples syntax."""
    subject = quad.subject
    if isinstance(subject, ox.NamedNode):
        first = subject.value
    elif isinstance(subject, ox.BlankNode):
        first = f"_:{subject.value}"
    else:
        first = str(subject)
    return first, quad.predicate.value, str(quad.object)


def _line_order(line: bytes) -> bytes:
    """``_order`` for an N-Triples line, as one byte string: subject and predicate without
    their angle brackets, each ended by a NUL (which no IRI holds, so one subject's lines
    stay together), then the whole line, which makes the order total."""
    subject, predicate, _ = line.split(b" ", 2)
    return b"%s\x00%s\x00%s" % (subject.strip(b"<>"), predicate.strip(b"<>"), line)


def _sorted_ntriples(buffer: io.BytesIO) -> Iterator[ox.Quad]:
    """The triples of an N-Triples document, each once, in ``_order``; closes ``buffer``.

    The lines are sorted as text and parsed back a chunk at a time: memory holds the text,
    and the terms of one chunk, rather than term objects for every triple.
    """
    data = buffer.getvalue()
    buffer.close()
    lines = sorted(set(data.splitlines()), key=_line_order)
    del data
    for start in range(0, len(lines), _CHUNK):
        chunk = b"\n".join(lines[start : start + _CHUNK]) + b"\n"
        yield from ox.parse(chunk, ox.RdfFormat.N_TRIPLES, lenient=True)
