"""A cable store on any SPARQL 1.1 server, spoken to over the SPARQL 1.1 Protocol.

Past one machine the pipeline writes to an existing server (Oxigraph server, Fuseki,
GraphDB, ``kg serve --allow-update``...) instead of the embedded store: ``kg --store
https://host/sparql ingest ...``. It offers what ``kg.ingest.ingest`` needs
(``checksum``, ``replace_graph``, ``select``) and nothing more; each cable is still one
update request (``DROP SILENT GRAPH`` + ``INSERT DATA``), which SPARQL servers apply as one
transaction. Only the standard library speaks HTTP here, so no client package is needed.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError, StoreError, StoreWriteError
from kg.rdf.iri import IRIs
from kg.rdf.vocabulary import KG, XSD_STRING
from kg.store.oxigraph import Term, ntriples


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


def term(binding: dict[str, str]) -> Term:
    """A pyoxigraph term for one value of the SPARQL 1.1 Query Results JSON format."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    return ox.Literal(value, datatype=ox.NamedNode(binding.get("datatype", XSD_STRING)))


class RemoteStore:
    """A SPARQL 1.1 endpoint used as the pipeline's store."""

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
        self.update_endpoint = update_endpoint or endpoint
        self.iris = iris or IRIs()
        self.token = token
        self.timeout = timeout
        self.retry_for = retry_for
        self.sleep = time.sleep  # replaced in tests

    def _post(self, url: str, body: str, content_type: str, accept: str | None = None) -> bytes:
        headers = {"Content-Type": f"{content_type}; charset=utf-8"}
        if accept:
            headers["Accept"] = accept
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        waited = 0.0
        while True:
            request = urllib.request.Request(url, data=body.encode("utf-8"), headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    data: bytes = response.read()
                    return data
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

    def select(self, sparql: str, **_: Any) -> list[dict[str, Term]]:
        """A SELECT query's solutions; the server decides what the default graph is."""
        data = self._post(
            self.endpoint, sparql, "application/sparql-query", "application/sparql-results+json"
        )
        try:
            document = json.loads(data)
            rows = document["results"]["bindings"]
            return [{name: term(value) for name, value in row.items()} for row in rows]
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise StoreError(
                f"{self.endpoint} did not answer in SPARQL JSON results: "
                f"{data[:200].decode('utf-8', 'replace')!r}",
                hint="does --store name the server's SPARQL query endpoint?",
            ) from error

    def update(self, sparql: str) -> None:
        self._post(self.update_endpoint, sparql, "application/sparql-update")

    def checksum(self, reference_id: str) -> str | None:
        graph, cable = self.iris.graph(reference_id), self.iris.cable(reference_id)
        rows = self.select(
            f"SELECT ?c WHERE {{ GRAPH <{graph}> {{ <{cable}> <{KG.checksum}> ?c }} }} LIMIT 1"
        )
        value = rows[0].get("c") if rows else None
        return value.value if isinstance(value, ox.Literal) else None

    def cable_graphs(self) -> Iterator[str]:
        for row in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            graph = row.get("g")
            if isinstance(graph, ox.NamedNode):
                yield graph.value

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

    def flush(self) -> None:
        """Nothing to do: the server made each update durable when it answered."""
