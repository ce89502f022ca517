"""The SPARQL 1.1 Graph Store HTTP Protocol at /graphs (``?graph=IRI`` or ``?default``).

Reads (GET, HEAD) answer in every format we write: Turtle, N-Triples, RDF/XML and
JSON-LD, and N-Quads or TriG, which keep the graph names. ``?default`` reads the union of
all graphs, the same default graph the SPARQL endpoint queries; in N-Quads or TriG it is
the whole dataset, graph by graph. An unknown ``?graph`` is 404.

Writes (PUT replaces, POST adds, DELETE removes) need writes on (``api.access``) and take
Turtle, N-Triples, RDF/XML, JSON-LD or N3. There ``?default`` is the store's own default
graph (where no cable lives), since writing "into the union" means nothing. Each write is
one SPARQL update, so one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from api import results
from api.access import WriteAccess
from api.bodies import media_type, read_body
from api.errors import (
    MethodNotAllowedError,
    NotAcceptableError,
    NotFoundError,
    ProtocolError,
    UnsupportedMediaError,
)
from api.negotiation import DATASET_FORMATS, GRAPH_FORMATS, Format, choose
from api.runner import Deadline, Output, Runner
from kg.store import Store

#: Formats a write may send; quad formats are refused, as a graph holds triples.
WRITE_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/n3": ox.RdfFormat.N3,
}


def target_graph(request: Request) -> str | None:
    """The graph IRI the request names, or None for ``?default``."""
    params = request.query_params
    graphs = params.getlist("graph")
    if ("default" in params) == bool(graphs) or len(graphs) > 1:
        raise ProtocolError("name one graph: ?graph=IRI or ?default", hint="e.g. /graphs?default")
    if not graphs:
        return None
    try:
        ox.NamedNode(graphs[0])
    except ValueError as error:
        raise ProtocolError(f"graph {graphs[0]!r} is not an absolute IRI: {error}") from error
    return graphs[0]


def _triples(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    for quad in quads:
        yield quad.triple


class GraphStoreEndpoint:
    """The ``/graphs`` request handler."""

    methods = ("GET", "HEAD", "PUT", "POST", "DELETE")

    def __init__(
        self, store: Store, *, runner: Runner, access: WriteAccess, max_upload_bytes: int
    ) -> None:
        self.store = store
        self.runner = runner
        self.access = access
        self.max_upload_bytes = max_upload_bytes

    async def handle(self, request: Request) -> Response:
        if request.method not in self.methods:
            raise MethodNotAllowedError(request.method, self.methods)
        graph = target_graph(request)
        if request.method in ("GET", "HEAD"):
            return await self.read(request, graph)
        self.access.check(request)
        if request.method == "DELETE":
            return await self.delete(graph)
        return await self.write(request, graph, replace=request.method == "PUT")

    async def exists(self, graph: str | None) -> bool:
        if graph is None:
            return True
        return await self.runner.call(lambda deadline: self.store.contains_graph(graph))

    async def read(self, request: Request, graph: str | None) -> Response:
        accept = request.headers.get("accept")
        fmt = choose(accept, GRAPH_FORMATS)
        if fmt is None:
            raise NotAcceptableError(accept or "", [offer.media_type for offer in GRAPH_FORMATS])
        if not await self.exists(graph):
            raise NotFoundError(f"no graph <{graph}> in the store", hint="GET /graphs?default")
        headers = {"Vary": "Accept"}
        if request.method == "HEAD":
            return Response(media_type=fmt.media_type, headers=headers)
        stream = await self.runner.stream(
            lambda deadline, out: self.dump(graph, fmt, out, deadline)
        )
        if stream.done:
            return Response(stream.head, media_type=fmt.media_type, headers=headers)
        return StreamingResponse(stream.rest(), media_type=fmt.media_type, headers=headers)

    def dump(self, graph: str | None, fmt: Format, out: Output, deadline: Deadline) -> None:
        prefixes = self.store.prefixes()
        items: Iterable[ox.Triple | ox.Quad]
        if graph is not None:
            quads = self.store.quads(graph)
            items = quads if fmt in DATASET_FORMATS else _triples(quads)
        elif fmt in DATASET_FORMATS:
            items = self.store.quads()
        else:
            items = self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        results.write_triples(results.capped(items, deadline, None), fmt, out, prefixes=prefixes)

    async def delete(self, graph: str | None) -> Response:
        if not await self.exists(graph):
            raise NotFoundError(f"no graph <{graph}> in the store")
        target = "DEFAULT" if graph is None else f"GRAPH <{graph}>"
        await self.runner.call(lambda deadline: self.store.update(f"DROP SILENT {target}"))
        return Response(status_code=204)

    async def write(self, request: Request, graph: str | None, *, replace: bool) -> Response:
        kind, _ = media_type(request)
        rdf_format = WRITE_FORMATS.get(kind)
        if rdf_format is None:
            raise UnsupportedMediaError(
                f"cannot read a graph sent as {kind or '(no Content-Type)'}",
                hint=f"send one of {', '.join(WRITE_FORMATS)}",
            )
        body = await read_body(request, self.max_upload_bytes)
        base = str(request.url.replace(query="", fragment=""))
        created = not await self.exists(graph)

        def run(deadline: Deadline) -> None:
            try:
                triples = [q.triple for q in ox.parse(body, rdf_format, base_iri=base)]
            except (SyntaxError, ValueError) as error:
                raise ProtocolError(f"the request body is not valid RDF: {error}") from error
            data = " .\n".join(str(triple) for triple in triples)
            target = "DEFAULT" if graph is None else f"GRAPH <{graph}>"
            into = data if graph is None else f"GRAPH <{graph}> {{ {data} }}"
            drop = f"DROP SILENT {target} ;\n" if replace else ""
            # CREATE keeps an empty graph that was PUT, so a GET finds it afterwards.
            create = f"CREATE SILENT GRAPH <{graph}> ;\n" if graph is not None else ""
            self.store.update(f"{drop}{create}INSERT DATA {{ {into} }}")

        await self.runner.call(run)
        return Response(status_code=201 if created else 204)
