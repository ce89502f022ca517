"""What the writers need of a store: the local Oxigraph store and a SPARQL server both fit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kg.rdf.iri import IRIs
    from kg.store.oxigraph import Term


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
