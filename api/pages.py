"""Linked-data pages and the explorer: home, search, one page per cable, one per entity IRI.

Every IRI under the base (``https://w3id.org/cablegraph/id/`` by default) is served at
the base's own path (``/id/...``), so that once the base resolves to this server the IRIs
in the data dereference. ``/cable/{refid}`` is the readable page of a cable, its metadata
and paragraphs. Both negotiate: a browser gets HTML, an RDF client triples (a cable page
gives the cable's whole named graph; an entity page what the graph says of the entity).

For a browser, people, organizations, posts, places, roles, topics and meetings get an
explorer page (``api.explorer``); ``?view=data`` shows any node's raw triples. ``/search``
searches the full-text index beside the store (``kg.search``): its file for a store on
disk, an index built in memory for a store in memory. Every HTML page is served under a
strict Content-Security-Policy: scripts and styles from this server only.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from api import html, results
from api.errors import NotAcceptableError, NotFoundError
from api.explorer import corpus, reads, views
from api.negotiation import DATASET_FORMATS, GRAPH_FORMATS, HTML, Format, choose
from api.runner import Deadline, Output, Runner
from kg import search
from kg.rdf.vocabulary import DCTERMS_NS, KG, sparql_prefixes
from kg.store import Store

PAGE_FORMATS = (HTML, *GRAPH_FORMATS)
LISTED = 500  # rows of an entity page, each way; the SPARQL endpoint has the rest
HITS = 20  # passages on one page of search results
OVERVIEW_SECONDS = 600  # the home page's figures, at most this old without a search index
#: Pages load scripts, styles and images from this server only.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


def page_response(text: str) -> HTMLResponse:
    return HTMLResponse(text, headers={"Content-Security-Policy": CSP, "Vary": "Accept"})


#: Cable fields shown on its page, in order: (label, property IRI).
CABLE_FIELDS = (
    ("Reference ID", DCTERMS_NS + "identifier"),
    ("Subject", DCTERMS_NS + "title"),
    ("Created", DCTERMS_NS + "created"),
    ("Released", str(KG.released)),
    ("Classification", str(KG.classification)),
    ("Origin", str(KG.origin)),
    ("Precedence", str(KG.precedence)),
    ("To", str(KG.to)),
    ("Info", str(KG.info)),
    ("TAGS", str(KG.tag)),
    ("References", DCTERMS_NS + "references"),
    ("Classified by", str(KG.classifiedBy)),
    ("Reason", str(KG.classificationReason)),
    ("Declassify on", str(KG.declassifyOn)),
    ("Signed by", str(KG.signedBy)),
)

# Bound variables (?cable, ?graph) must be projected: Oxigraph substitutes only those.
PARAGRAPHS = (
    sparql_prefixes("dcterms", "kg")
    + """
SELECT ?cable ?graph ?p ?order ?number ?classification ?heading ?text WHERE {
  GRAPH ?graph { ?p dcterms:isPartOf ?cable ; kg:text ?text .
    OPTIONAL { ?p kg:order ?order } OPTIONAL { ?p kg:number ?number }
    OPTIONAL { ?p kg:classification ?classification } OPTIONAL { ?p kg:heading ?heading } }
} ORDER BY ?order
"""
)

LABELS = (
    sparql_prefixes("foaf", "skos", "rdfs", "dcterms")
    + """
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


def _seen(task: asyncio.Task[Any]) -> None:
    """Take a finished count's failure, so that one nobody waited for is not reported as
    never retrieved (the next visit counts again)."""
    if not task.cancelled():
        task.exception()


class Pages:
    """Request handlers for the pages, reading the store through ``runner``."""

    def __init__(self, store: Store, *, runner: Runner, has_graphql: bool) -> None:
        self.store = store
        self.runner = runner
        self.has_graphql = has_graphql
        self.entity_prefix = html.base_path(store.iris)
        self.entity_route = self.entity_prefix + "{path:path}"
        self._memory_index: tuple[int, search.SearchIndex] | None = None
        self._index_lock = threading.Lock()
        self._overview: tuple[tuple[float, int], reads.Overview] | None = None
        self._counting: asyncio.Task[reads.Overview] | None = None

    def index(self) -> search.SearchIndex | None:
        """The search index: the file beside an on-disk store (None when there is none),
        for a store in memory one built in memory, again whenever the store has changed."""
        if self.store.path is not None:
            return search.open_for(self.store)
        with self._index_lock:
            size = len(self.store)
            if self._memory_index is None or self._memory_index[0] != size:
                self._memory_index = (size, search.SearchIndex.in_memory(self.store))
            return self._memory_index[1]

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

    def _version(self) -> tuple[float, int]:
        """What changes when the store does, cheaply: an on-disk store's search index is
        rewritten by every ingest (its modification time, else the clock's ten minutes);
        a store in memory is small enough to count."""
        if self.store.path is None:
            return 0.0, len(self.store)
        path = search.default_path(self.store)
        if path is not None and path.exists():
            wal = path.with_name(path.name + "-wal")  # written first, folded in at close
            return max(p.stat().st_mtime for p in (path, wal) if p.exists()), 0
        return time.monotonic() // OVERVIEW_SECONDS, 0

    async def home(self, request: Request) -> Response:
        overview = await self.overview()
        return page_response(views.home(overview, self.store.iris, examples=html.EXAMPLE_QUERIES))

    async def overview(self) -> reads.Overview:
        """The home page's figures. They count the whole store, so they are counted once per
        version of it, by one count at a time that every visitor meanwhile shares; while a
        newer version is counted (an ingest is writing), visitors get the last figures."""
        version = self._version()
        cached = self._overview
        if cached is not None and cached[0] == version:
            return cached[1]
        if self._counting is None or self._counting.done():
            self._counting = asyncio.ensure_future(self._count(version))
            self._counting.add_done_callback(_seen)
        if cached is not None:
            return cached[1]
        return await asyncio.shield(self._counting)

    async def _count(self, version: tuple[float, int]) -> reads.Overview:
        overview = await self.runner.call(lambda deadline: corpus.overview(self.store))
        self._overview = (version, overview)
        return overview

    async def search(self, request: Request) -> Response:
        params = request.query_params
        text = params.get("q", "").strip()
        filters = search.Filters(
            **{name: params.get(name, "") for name in ("origin", "year", "classification", "tag")}
        )
        start = params.get("start", "0")
        # isascii too: "²" is a digit to str.isdigit, and no number to int().
        offset = int(start) if start.isascii() and start.isdigit() else 0

        def read(deadline: Deadline) -> tuple[search.Results | None, str]:
            if not text:
                return None, ""
            index = self.index()
            if index is None:
                return None, (
                    "There is no search index beside this store yet: run `kg index` "
                    "(or ingest cables) to build it."
                )
            try:
                return index.search(text, filters=filters, limit=HITS, offset=offset), ""
            finally:
                if self.store.path is not None:
                    index.close()

        found, note = await self.runner.call(read)
        return page_response(
            views.search_page(
                text, found, filters, self.store.iris, offset=offset, limit=HITS, note=note
            )
        )

    async def editor(self, request: Request) -> Response:
        query = request.query_params.get("query", html.EXAMPLE_QUERIES[0][1])
        return page_response(
            html.query_form(
                "/sparql",
                query,
                base=self.store.iris.base,
                base_path=html.base_path(self.store.iris),
            )
        )

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

        def read(deadline: Deadline) -> str:
            fields = []
            for label, prop in CABLE_FIELDS:
                for quad in self.store.quads(
                    graph.value, subject=cable, predicate=ox.NamedNode(prop)
                ):
                    fields.append((label, quad.object))
            bindings = {"cable": cable, "graph": graph}
            paragraphs = [_plain(row) for row in self.store.select(PARAGRAPHS, bindings=bindings)]
            return views.cable(
                reference_id,
                fields=fields,
                paragraphs=paragraphs,
                mentions=reads.mentions(self.store, reference_id),
                meetings=reads.meetings(self.store, f"?m kg:reportedIn {cable} ."),
                cited_by=reads.cited_by(self.store, reference_id),
                iris=iris,
                labels=labels(self.store, (value for _, value in fields)),
            )

        return page_response(await self.runner.call(read))

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
        if fmt is HTML and request.query_params.get("view") != "data":
            kind = await self.runner.call(lambda deadline: reads.kind_of(self.store, iri.value))
            if kind in reads.EXPLORED:
                found = await self.runner.call(
                    lambda deadline: reads.entity(self.store, iri.value, kind)
                )
                return page_response(views.entity(found, self.store.iris))

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
        return page_response(
            html.entity(
                iri.value,
                outgoing=outgoing,
                incoming=incoming,
                iris=self.store.iris,
                labels=names,
            )
        )
