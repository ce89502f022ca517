"""Linked-data pages: the home page, one page per cable, one per entity IRI.

Every IRI under the base (``https://w3id.org/cablegraph/id/`` by default) is served at
the base's own path (``/id/...``), so that once the base resolves to this server the IRIs
in the data dereference. ``/cable/{refid}`` is the readable page of a cable, its metadata
and paragraphs. Both negotiate: a browser gets HTML, an RDF client triples (a cable page
gives the cable's whole named graph; an entity page what the graph says of the entity).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from api import html, results
from api.errors import NotAcceptableError, NotFoundError
from api.negotiation import DATASET_FORMATS, GRAPH_FORMATS, HTML, Format, choose
from api.runner import Deadline, Output, Runner
from kg.rdf.vocabulary import DCTERMS_NS, sparql_prefixes
from kg.store import Store

PAGE_FORMATS = (HTML, *GRAPH_FORMATS)
LISTED = 500  # rows of an entity page, each way; the SPARQL endpoint has the rest

#: Cable fields shown on its page, in order: (label, property IRI).
CABLE_FIELDS = (
    ("Reference ID", f"{DCTERMS_NS}identifier"),
    ("Subject", f"{DCTERMS_NS}title"),
    ("Created", f"{DCTERMS_NS}created"),
    ("Released", f"{html.KG}released"),
    ("Classification", f"{html.KG}classification"),
    ("Origin", f"{html.KG}origin"),
    ("Precedence", f"{html.KG}precedence"),
    ("To", f"{html.KG}to"),
    ("Info", f"{html.KG}info"),
    ("TAGS", f"{html.KG}tag"),
    ("References", f"{DCTERMS_NS}references"),
    ("Classified by", f"{html.KG}classifiedBy"),
    ("Reason", f"{html.KG}classificationReason"),
    ("Declassify on", f"{html.KG}declassifyOn"),
    ("Signed by", f"{html.KG}signedBy"),
)

# Bound variables (?cable, ?graph) must be projected: Oxigraph substitutes only those.
PARAGRAPHS = (
    sparql_prefixes("dcterms", "kg")
    + """\
SELECT ?cable ?graph ?order ?number ?classification ?heading ?text WHERE {
  GRAPH ?graph { ?p dcterms:isPartOf ?cable ; kg:text ?text .
    OPTIONAL { ?p kg:order ?order } OPTIONAL { ?p kg:number ?number }
    OPTIONAL { ?p kg:classification ?classification } OPTIONAL { ?p kg:heading ?heading } }
} ORDER BY ?order
"""
)

NEWEST = (
    sparql_prefixes("dcterms", "kg")
    + """\
SELECT ?id ?created ?title WHERE {
  ?cable a kg:Cable ; dcterms:identifier ?id .
  OPTIONAL { ?cable dcterms:created ?created } OPTIONAL { ?cable dcterms:title ?title }
} ORDER BY DESC(?created) LIMIT 50
"""
)


LABELS = (
    sparql_prefixes("foaf", "skos", "rdfs", "dcterms")
    + """\
SELECT ?x ?label WHERE {
  VALUES ?x { %s }
  ?x foaf:name|skos:prefLabel|rdfs:label|dcterms:identifier ?label
}
"""
)


def labels(store: Store, terms: Iterable[Any]) -> dict[str, str]:
    """A display label for each IRI among ``terms`` that has one (names first)."""
    iris = {term for term in terms if isinstance(term, ox.NamedNode)}
    if not iris:
        return {}
    found: dict[str, str] = {}
    # str() of a NamedNode is its SPARQL form, <...>, escaped by pyoxigraph.
    for row in store.select(LABELS % " ".join(str(iri) for iri in iris)):
        iri, label = row["x"], row["label"]
        if isinstance(iri, ox.NamedNode) and isinstance(label, ox.Literal):
            found.setdefault(iri.value, label.value)
    return found


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {name: term.value for name, term in row.items()}


class Pages:
    """Request handlers for the pages, reading the store through ``runner``."""

    def __init__(self, store: Store, *, runner: Runner, has_graphql: bool) -> None:
        self.store = store
        self.runner = runner
        self.has_graphql = has_graphql
        self.entity_route = html.base_path(store.iris) + "{path:path}"

    def _negotiate(self, request: Request) -> Format:
        accept = request.headers.get("accept")
        fmt = choose(accept, PAGE_FORMATS)
        if fmt is None:
            raise NotAcceptableError(accept or "", [offer.media_type for offer in PAGE_FORMATS])
        return fmt

    async def _rdf(self, fmt: Format, items: Callable[[], Iterator[Any]]) -> Response:
        def produce(deadline: Deadline, out: Output) -> None:
            results.write_triples(
                results.capped(items(), deadline, None), fmt, out, prefixes=self.store.prefixes()
            )

        stream = await self.runner.stream(produce)
        body = stream.head if stream.done else b"".join([c async for c in stream.rest()])
        return Response(body, media_type=fmt.media_type, headers={"Vary": "Accept"})

    async def home(self, request: Request) -> Response:
        def read(deadline: Deadline) -> tuple[list[dict[str, Any]], int]:
            rows = [_plain(row) for row in self.store.select(NEWEST)]
            return rows, sum(1 for _ in self.store.cable_graphs())

        cables, graphs = await self.runner.call(read)
        return HTMLResponse(html.home(cables=cables, graphs=graphs, has_graphql=self.has_graphql))

    async def cable(self, request: Request) -> Response:
        reference_id = request.path_params["reference_id"]
        iris = self.store.iris
        graph = ox.NamedNode(iris.graph(reference_id))
        cable = ox.NamedNode(iris.cable(reference_id))
        fmt = self._negotiate(request)
        exists = await self.runner.call(lambda deadline: self.store.contains_graph(graph.value))
        if not exists:
            raise NotFoundError(f"no cable {reference_id} in the store", hint="see / for the list")
        if fmt is not HTML:
            with_names = fmt in DATASET_FORMATS

            def items() -> Iterator[ox.Triple | ox.Quad]:
                for quad in self.store.quads(graph.value):
                    yield quad if with_names else quad.triple

            return await self._rdf(fmt, items)

        def read(
            deadline: Deadline,
        ) -> tuple[list[tuple[str, Any]], list[dict[str, Any]], dict[str, str]]:
            fields = []
            for label, prop in CABLE_FIELDS:
                for quad in self.store.quads(
                    graph.value, subject=cable, predicate=ox.NamedNode(prop)
                ):
                    fields.append((label, quad.object))
            bindings = {"cable": cable, "graph": graph}
            paragraphs = [_plain(row) for row in self.store.select(PARAGRAPHS, bindings=bindings)]
            return fields, paragraphs, labels(self.store, (value for _, value in fields))

        fields, paragraphs, names = await self.runner.call(read)
        return HTMLResponse(
            html.cable(reference_id, fields=fields, paragraphs=paragraphs, iris=iris, labels=names)
        )

    async def entity(self, request: Request) -> Response:
        path = request.path_params["path"]
        reference_id = path.removeprefix("cable/")
        if path.startswith("cable/") and reference_id and "/" not in reference_id:
            # A cable's IRI: its page (and, for RDF clients, its whole graph) is /cable/.
            return RedirectResponse(f"/cable/{reference_id}", status_code=303)
        try:
            iri = ox.NamedNode(self.store.iris.base + path)
        except ValueError as error:
            raise NotFoundError(f"{path!r} names no IRI: {error}") from error
        fmt = self._negotiate(request)

        def read(deadline: Deadline) -> tuple[list[Any], list[Any], dict[str, str]]:
            outgoing = [
                (row["p"], row["o"])
                for row in self.store.select(
                    f"SELECT DISTINCT ?s ?p ?o {{ ?s ?p ?o }} LIMIT {LISTED}", bindings={"s": iri}
                )
            ]
            incoming = [
                (row["s"], row["p"])
                for row in self.store.select(
                    f"SELECT DISTINCT ?s ?p ?o {{ ?s ?p ?o }} LIMIT {LISTED}", bindings={"o": iri}
                )
            ]
            shown = [iri, *(o for _, o in outgoing), *(s for s, _ in incoming)]
            return outgoing, incoming, labels(self.store, shown)

        outgoing, incoming, names = await self.runner.call(read)
        if not outgoing and not incoming:
            raise NotFoundError(f"nothing is known of <{iri.value}>")
        if fmt is not HTML:
            triples = [ox.Triple(iri, p, o) for p, o in outgoing]
            return await self._rdf(fmt, lambda: iter(triples))
        return HTMLResponse(
            html.entity(
                iri.value,
                outgoing=outgoing,
                incoming=incoming,
                iris=self.store.iris,
                labels=names,
            )
        )
