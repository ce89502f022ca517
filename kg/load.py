"""A user's own RDF into the store (``kg load``): the format from the extension, and
the graphs that the project rewrites kept from being loaded into by mistake."""

from __future__ import annotations

from pathlib import Path

from kg.errors import ConfigError, InputError, StoreError
from kg.link import links_graph
from kg.store import Store, named_node

#: The RDF format of a file, by its extension.
EXTENSIONS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".rdf": "rdfxml",
    ".owl": "rdfxml",
    ".xml": "rdfxml",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".n3": "n3",
}


def check_graph(store: Store, graph: str, *, force: bool = False) -> None:
    """A ConfigError unless ``graph`` is an absolute IRI that the project does not rewrite
    (a cable's graph, the identity links'), or ``force``."""
    try:
        named_node(graph)
    except ConfigError as error:
        raise ConfigError(f"--graph {error.message}", hint=error.hint) from error
    graphs = f"{store.iris.base}graph/"
    if not graph.startswith(graphs) or force:
        return
    whose = (
        "the identity links' graph, rewritten by every kg link"
        if graph == links_graph(store.iris)
        else f"cable {graph.removeprefix(graphs)}'s graph, replaced whole when "
        "the cable is ingested again"
    )
    raise ConfigError(
        f"--graph {graph} is {whose}: what is loaded there would be lost",
        hint="load into a graph of your own (e.g. https://example.org/my-links), or pass --force",
    )


def load_file(
    store: Store, path: Path, *, format: str | None = None, graph: str | None = None
) -> int:
    """Load the RDF file ``path`` (into ``graph`` for a triple format); the quads added."""
    fmt = format or EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise ConfigError(
            f"{path}: cannot tell the RDF format from the extension", hint="pass --format"
        )
    if graph and fmt in ("nquads", "trig"):
        raise ConfigError(f"{path}: --graph applies to triple formats; {fmt} names its own graphs")
    before = len(store)
    try:
        with path.open("rb") as data:
            store.load(data, format=fmt, graph=graph, base_iri=path.resolve().as_uri())
    except OSError as error:
        raise InputError(f"{path}: {error.strerror or error}") from error
    except StoreError as error:  # the file is not valid RDF of that format
        raise InputError(f"{path}: {error.message}", hint=error.hint) from error
    return len(store) - before
