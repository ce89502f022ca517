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
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.rdf.iri import IRIs
from kg.rdf.vocabulary import KG, XSD_STRING
from kg.store.oxigraph import Term, ntriples


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
    ) -> None:
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or endpoint
        self.iris = iris or IRIs()
        self.token = token
        self.timeout = timeout

    def _post(self, url: str, body: str, content_type: str, accept: str | None = None) -> bytes:
        headers = {"Content-Type": f"{content_type}; charset=utf-8"}
        if accept:
            headers["Accept"] = accept
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(url, data=body.encode("utf-8"), headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                data: bytes = response.read()
                return data
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")[:500]
            kind = QueryError if error.code == 400 else StoreError
            raise kind(f"{url} answered {error.code}: {detail}") from error
        except (urllib.error.URLError, OSError) as error:
            raise StoreError(
                f"cannot reach the SPARQL server at {url}: {error}",
                hint="is it running, and does --store name its SPARQL endpoint?",
            ) from error

    def select(self, sparql: str, **_: Any) -> list[dict[str, Term]]:
        """A SELECT query's solutions; the server decides what the default graph is."""
        data = self._post(
            self.endpoint, sparql, "application/sparql-query", "application/sparql-results+json"
        )
        document = json.loads(data)
        return [
            {name: term(value) for name, value in row.items()}
            for row in document["results"]["bindings"]
        ]

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
        """``replace_graph`` for triples already written by ``kg.store.ntriples``."""
        self.update(
            f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body} }} }}"
        )

    def flush(self) -> None:
        """Nothing to do: the server made each update durable when it answered."""
