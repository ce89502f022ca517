"""A cable store on any SPARQL 1.1 server, spoken to over the SPARQL 1.1 Protocol.

Past one machine every command and the HTTP API work on an existing server (Oxigraph
server, Fuseki, GraphDB, ``kg serve --allow-update``...) instead of the embedded store:
``kg --store https://host/sparql ingest|query|export|stats|validate|serve``.
``RemoteStore`` offers every method of the embedded ``Store`` (``ReadableStore`` in
``protocol.py`` lists the reading ones) over SPARQL 1.1 Query and Update alone: answers
come back as pyoxigraph's own values (solutions parsed from SPARQL JSON, triples from
N-Triples, quads streamed from TSV), so callers do not tell the two apart. A group of new
cables is one ``INSERT DATA`` request and a changed cable one ``DROP SILENT GRAPH`` +
``INSERT DATA`` request, each of which SPARQL servers apply as one transaction.

The server's default graph should be the union of its named graphs, as the embedded
store's is (``oxigraph serve --union-default-graph``; Fuseki's ``unionDefaultGraph``):
the saved queries, GraphQL and the pages ask the default graph. Only the standard
library speaks HTTP here, so no client package is needed.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from http.client import HTTPResponse
from typing import IO, Any

import pyoxigraph as ox

from kg.errors import QueryError, StoreError, StoreWriteError
from kg.rdf.iri import IRIs
from kg.rdf.vocabulary import KG
from kg.store.bind import substitute
from kg.store.oxigraph import (
    DEFAULT_GRAPH,
    GraphName,
    Store,
    Term,
    named_node,
    ntriples,
    rdf_format_named,
)

JSON_RESULTS = "application/sparql-results+json"
TSV_RESULTS = "text/tab-separated-values"
N_TRIPLES = "application/n-triples"


class TooLargeForServerError(StoreError):
    """The server refused a request as too large (413)."""


def _retry_after(error: urllib.error.HTTPError) -> float:
    """Seconds the server asks to wait (``Retry-After`` in seconds), 1 to 30; else 2."""
    value = error.headers.get("Retry-After", "") if error.headers else ""
    try:
        return min(30.0, max(1.0, float(value)))
    except ValueError:
        return 2.0


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


class Triples(list[ox.Triple]):
    """A CONSTRUCT or DESCRIBE answer from a server, as ``QueryTriples`` is used."""

    def serialize(
        self, output: IO[bytes], format: ox.RdfFormat, *, prefixes: dict[str, str] | None = None
    ) -> None:
        ox.serialize(self, output, format, prefixes=prefixes or {})


def update_endpoint_of(endpoint: str) -> str:
    """Where a server takes updates, from its query endpoint: beside it, ``…/update``,
    when that is named ``…/query`` (Oxigraph server, Fuseki's ``/dataset/query``);
    else the same URL (``kg serve``'s ``/sparql``, Fuseki's ``/dataset``, GraphDB)."""
    if endpoint.rstrip("/").endswith("/query"):
        return endpoint.rstrip("/").removesuffix("/query") + "/update"
    return endpoint


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint as the store: every method of ``Store``, over the protocol.

    A subclass so that every reader typed for the embedded store takes it; it holds no
    engine, and overrides every method that would reach one (``tests/test_store_remote``
    checks that none is left).
    """

    def __init__(
        self,
        endpoint: str,
        *,
        update_endpoint: str | None = None,
        iris: IRIs | None = None,
        token: str | None = None,
        timeout: float = 60.0,
        retry_for: float = 300.0,
    ) -> None:
        """``retry_for``: how long in all to keep retrying a request the server answers
        503 or 429 (busy), waiting what its ``Retry-After`` says (at most 30 s a time)."""
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or update_endpoint_of(endpoint)
        self.iris = iris or IRIs()
        self.token = token
        self.timeout = timeout
        self.retry_for = retry_for
        self.sleep = time.sleep  # replaced in tests
        self.path = None  # no folder: no search index, no child processes for queries
        self.read_only = False  # the server decides what it takes
        self.queries_run = 0
        self._version = None

    # -- HTTP ----------------------------------------------------------------------------

    def _open(
        self,
        url: str,
        body: str,
        content_type: str,
        accept: str | None = None,
        params: Sequence[tuple[str, str]] = (),
    ) -> HTTPResponse:
        """The server's response to a POST (to be closed by the caller), retried while
        the server says it is busy; its refusals as our errors."""
        headers = {"Content-Type": f"{content_type}; charset=utf-8"}
        if accept:
            headers["Accept"] = accept
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        waited = 0.0
        while True:
            request = urllib.request.Request(url, data=body.encode("utf-8"), headers=headers)
            try:
                response: HTTPResponse = urllib.request.urlopen(request, timeout=self.timeout)
                return response
            except urllib.error.HTTPError as error:
                detail = error.read().decode("utf-8", "replace")[:500]
                pause = _retry_after(error)
                if error.code in (429, 503) and waited + pause <= self.retry_for:
                    self.sleep(pause)
                    waited += pause
                    continue
                if error.code in (429, 503):
                    raise StoreWriteError(
                        f"{url} answered {error.code} for {waited:.0f} s: {detail}",
                        hint="the server is overloaded or down; try again later",
                    ) from error
                if error.code == 413:
                    raise TooLargeForServerError(
                        f"{url} answered 413: the request of {len(body):,} characters is more "
                        f"than it takes ({detail[:200]})"
                    ) from error
                kind = QueryError if error.code == 400 else StoreError
                raise kind(f"{url} answered {error.code}: {detail}") from error
            except (urllib.error.URLError, OSError) as error:
                raise StoreWriteError(
                    f"cannot reach the SPARQL server at {url}: {error}",
                    hint="is it running, and does --store name its SPARQL endpoint?",
                ) from error

    def _post(self, url: str, body: str, content_type: str, accept: str | None = None) -> bytes:
        with self._open(url, body, content_type, accept) as response:
            data: bytes = response.read()
            return data

    # -- reading -------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        bindings: dict[str, Term] | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
    ) -> Any:
        """``Store.query`` on the server: ``QuerySolutions`` or ``QueryBoolean`` parsed
        from SPARQL JSON, a list of triples for CONSTRUCT and DESCRIBE. Unless a dataset is
        given, the server's default graph is asked (the union of the graphs, set up so)."""
        self.queries_run += 1
        text = substitute(sparql, bindings or {})
        if base_iri is not None:
            text = f"BASE <{base_iri}>\n{text}"
        params = [("default-graph-uri", g) for g in default_graph or ()]
        params += [("named-graph-uri", g) for g in named_graphs or ()]
        accept = f"{JSON_RESULTS}, {N_TRIPLES};q=0.9"
        with self._open(self.endpoint, text, "application/sparql-query", accept, params) as answer:
            kind = answer.headers.get_content_type()
            data: bytes = answer.read()
        try:
            if kind == JSON_RESULTS or kind == "application/json":
                return ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
            if kind in (N_TRIPLES, "text/plain"):
                return Triples(quad.triple for quad in ox.parse(data, ox.RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError) as error:
            what = f"{self.endpoint} answered {kind} that does not parse"
            raise StoreError(f"{what}: {error}") from error
        raise StoreError(
            f"{self.endpoint} did not answer in SPARQL JSON results (nor N-Triples) but {kind}: "
            f"{data[:200].decode('utf-8', 'replace')!r}",
            hint="does --store name the server's SPARQL query endpoint?",
        )

    def _ask(self, sparql: str) -> bool:
        return bool(self.query(sparql))

    def _stream(self, sparql: str) -> Iterator[ox.QuerySolution]:
        """A SELECT's solutions read from the server as they come (TSV), never held whole."""
        self.queries_run += 1
        with self._open(self.endpoint, sparql, "application/sparql-query", TSV_RESULTS) as answer:
            solutions = ox.parse_query_results(answer, ox.QueryResultsFormat.TSV)
            assert isinstance(solutions, ox.QuerySolutions)
            yield from solutions

    def checksum(self, reference_id: str) -> str | None:
        graph, cable = self.iris.graph(reference_id), self.iris.cable(reference_id)
        rows = self.select(
            f"SELECT ?c WHERE {{ GRAPH <{graph}> {{ <{cable}> <{KG.checksum}> ?c }} }} LIMIT 1"
        )
        value = rows[0].get("c") if rows else None
        return value.value if isinstance(value, ox.Literal) else None

    def has_graph(self, graph: str) -> bool:
        return self._ask(f"ASK {{ GRAPH <{named_node(graph).value}> {{ ?s ?p ?o }} }}")

    def contains_graph(self, graph: str) -> bool:
        return self._ask(f"ASK {{ GRAPH <{named_node(graph).value}> {{ }} }}")

    def graph_names(self) -> Iterator[str]:
        for row in self._stream("SELECT ?g WHERE { GRAPH ?g { } }"):
            graph = row["g"]
            if isinstance(graph, ox.NamedNode):
                yield graph.value

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        count = rows[0].get("n") if rows else None
        return int(count.value) if isinstance(count, ox.Literal) else 0

    def quads(
        self,
        graph: GraphName | None = None,
        *,
        subject: ox.NamedNode | None = None,
        predicate: ox.NamedNode | None = None,
    ) -> Iterator[ox.Quad]:
        """``Store.quads`` on the server, streamed. The default graph's own triples are
        those in no named graph (the server may show the union as its default graph)."""
        pattern = f"{subject or '?s'} {predicate or '?p'} ?o"

        def quad(row: ox.QuerySolution, name: ox.NamedNode | ox.DefaultGraph) -> ox.Quad:
            s = row["s"] if subject is None else subject
            p = row["p"] if predicate is None else predicate
            return ox.Quad(s, p, row["o"], name)

        if isinstance(graph, str):
            name = named_node(graph)
            sparql = f"SELECT * WHERE {{ GRAPH {name} {{ {pattern} }} }}"
            yield from (quad(row, name) for row in self._stream(sparql))
            return
        if graph is None:
            sparql = f"SELECT * WHERE {{ GRAPH ?g {{ {pattern} }} }}"
            for row in self._stream(sparql):
                named = row["g"]
                assert isinstance(named, ox.NamedNode)
                yield quad(row, named)
        sparql = f"SELECT * WHERE {{ {pattern} FILTER NOT EXISTS {{ GRAPH ?g {{ {pattern} }} }} }}"
        yield from (quad(row, DEFAULT_GRAPH) for row in self._stream(sparql))

    def dump(
        self,
        output: IO[bytes],
        format: ox.RdfFormat,
        *,
        graph: GraphName | None = None,
        prefixes: dict[str, str] | None = None,
    ) -> None:
        """The store (or one graph's triples) written as ``format``, streamed."""
        if format.supports_datasets:
            ox.serialize(self.quads(graph), output, format, prefixes=prefixes or {})
            return
        quads = self.quads(DEFAULT_GRAPH if graph is None else graph)
        ox.serialize((q.triple for q in quads), output, format, prefixes=prefixes or {})

    def refresh(self, *, force: bool = False) -> bool:
        """Nothing to reopen: every request sees what the server has committed."""
        return False

    def disk_version(self) -> tuple[object, ...] | None:
        return None

    # -- writing -------------------------------------------------------------------------

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        text = sparql if base_iri is None else f"BASE <{base_iri}>\n{sparql}"
        self._post(self.update_endpoint, text, "application/sparql-update")

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Make ``graph`` hold exactly ``triples``: one update request, one transaction."""
        self.replace_graph_ntriples(graph, ntriples(triples))

    def replace_graph_ntriples(self, graph: str, body: str) -> None:
        """``replace_graph`` for triples already written by ``kg.store.ntriples``.

        One request, one transaction, where the server takes it whole. A graph too large
        for the server (413, e.g. the identity links of a large store) goes in pieces it
        takes: the graph dropped, then its triples added in halves, quarters... until each
        is accepted. Until the last piece is in, the graph is incomplete; the command that
        wrote it (``kg link``) can be run again.
        """
        try:
            self.update(
                f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body} }} }}"
            )
        except TooLargeForServerError:
            self.update(f"DROP SILENT GRAPH <{graph}>")
            self._insert_in_pieces(graph, body.splitlines())

    def add_graphs_ntriples(self, graphs: Sequence[tuple[str, str]]) -> None:
        """Several graphs new to the store in one ``INSERT DATA`` request: one transaction.
        A group the server refuses as too large is a ``StoreError``: the writer then
        writes its cables one by one."""
        blocks = "".join(f"GRAPH <{graph}> {{\n{body} }}\n" for graph, body in graphs if body)
        if blocks:
            self.update(f"INSERT DATA {{\n{blocks}}}")

    def _insert_in_pieces(self, graph: str, lines: list[str]) -> None:
        pending = [lines]
        while pending:
            piece = pending.pop()
            if not piece:
                continue
            text = "\n".join(piece)
            try:
                self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{text}\n}} }}")
            except TooLargeForServerError:
                if len(piece) == 1:
                    raise
                half = len(piece) // 2
                pending += [piece[half:], piece[:half]]

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH <{named_node(graph).value}>")

    def load(
        self,
        data: IO[bytes] | bytes | str,
        *,
        format: str,
        graph: str | None = None,
        base_iri: str | None = None,
    ) -> None:
        """Parse RDF here and send it as one ``INSERT DATA`` (one transaction)."""
        rdf_format = rdf_format_named(format)
        into = named_node(graph) if graph else None
        try:
            quads = list(ox.parse(data, rdf_format, base_iri=base_iri))
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"could not load RDF: {error}") from error
        by_graph: dict[str, list[str]] = {}
        default: list[str] = []
        for quad in quads:
            name = into or quad.graph_name
            if isinstance(name, ox.NamedNode):
                by_graph.setdefault(name.value, []).append(str(quad.triple))
            else:
                default.append(str(quad.triple))
        blocks = "".join(graph_block(name, lines) for name, lines in by_graph.items())
        blocks += " .\n".join(default) + " .\n" if default else ""
        if blocks:
            self.update(f"INSERT DATA {{\n{blocks}}}")

    def flush(self) -> None:
        """Nothing to do: the server made each update durable when it answered."""


def graph_block(graph: str, lines: list[str]) -> str:
    """Triples as a ``GRAPH`` block of ``INSERT DATA``."""
    return f"GRAPH <{graph}> {{\n" + " .\n".join(lines) + " }\n"
