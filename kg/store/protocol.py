"""What the readers and the writers need of a store: the embedded Oxigraph store and a
SPARQL server (``RemoteStore``) both fit."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.rdf.iri import IRIs
    from kg.store.oxigraph import GraphName, Term


class CableStore(Protocol):
    """What ingestion needs of a store: ``kg.store.Store`` or ``kg.store.remote.RemoteStore``."""

    iris: IRIs

    def checksum(self, reference_id: str) -> str | None: ...

    def replace_graph_ntriples(self, graph: str, body: str) -> None: ...

    def select(self, sparql: str) -> list[dict[str, Term]]: ...

    def flush(self) -> None: ...


class GroupStore(CableStore, Protocol):
    """A store that also writes several new cable graphs in one atomic step."""

    def has_graph(self, graph: str) -> bool: ...

    def add_graphs_ntriples(self, graphs: Sequence[tuple[str, str]]) -> None: ...


class ReadableStore(Protocol):
    """What the read commands (query, export, stats, validate) and the HTTP API read
    through: ``kg.store.Store`` or ``kg.store.remote.RemoteStore``.

    ``query`` answers as pyoxigraph does (``QuerySolutions``, ``QueryBoolean``, or
    triples that ``serialize``); ``quads`` are pyoxigraph ``Quad`` values; ``path`` is the
    store's folder, None for a store in memory or on a server (then no search index beside
    it, and SPARQL runs in threads, not child processes).
    """

    iris: IRIs
    path: Any
    read_only: bool

    def query(
        self,
        sparql: str,
        *,
        bindings: dict[str, Term] | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
    ) -> Any: ...

    def select(self, sparql: str, **kwargs: Any) -> list[dict[str, Term]]: ...

    def quads(
        self,
        graph: GraphName | None = None,
        *,
        subject: ox.NamedNode | None = None,
        predicate: ox.NamedNode | None = None,
    ) -> Iterator[ox.Quad]: ...

    def graph_names(self) -> Iterator[str]: ...

    def cable_graphs(self) -> Iterator[str]: ...

    def contains_graph(self, graph: str) -> bool: ...

    def has_graph(self, graph: str) -> bool: ...

    def dump(
        self,
        output: IO[bytes],
        format: ox.RdfFormat,
        *,
        graph: GraphName | None = None,
        prefixes: dict[str, str] | None = None,
    ) -> None: ...

    def prefixes(self) -> dict[str, str]: ...

    def refresh(self, *, force: bool = False) -> bool: ...

    def __len__(self) -> int: ...
