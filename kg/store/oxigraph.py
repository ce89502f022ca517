"""The quad store: embedded Oxigraph on disk by default, in memory for tests.

One named graph per cable holds every triple derived from it, so replacing a cable
is one atomic SPARQL update (``DROP GRAPH`` + ``INSERT DATA`` in a single
transaction): a reader or a crash sees the old version or the new one, never half.
Cables new to the store are written a group at a time (``add_graphs_ntriples``), each
group in one atomic step: a reader or a crash sees all of the group or none of it.

Queries see the union of all graphs as the default graph, which is what researchers
expect of "the graph"; each cable stays addressable by ``GRAPH <…/graph/REFID>``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg.errors import ConfigError, QueryError, StoreChangedError, StoreError, StoreWriteError
from kg.rdf.iri import IRIs
from kg.rdf.vocabulary import KG, prefixes

log = logging.getLogger(__name__)

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "n3": ox.RdfFormat.N3,
}

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
#: A graph of the store: a named graph's IRI, or the default graph.
GraphName = str | ox.DefaultGraph
DEFAULT_GRAPH = ox.DefaultGraph()


#: The most triples one ``add_graphs_ntriples`` call writes as a single ingestion; far
#: below the million quads that Oxigraph's bulk loader takes in one batch (above that a
#: bulk load is several ingestions, so larger groups go through a transactional load).
MAX_GROUP_TRIPLES = 250_000


def ntriples(triples: Iterable[ox.Triple]) -> str:
    """Triples as the body of an ``INSERT DATA`` block (N-Triples terms, one per line)."""
    return " .\n".join(str(t) for t in triples)


def nquads(graph: str, body: str) -> str:
    """An ``ntriples`` body as N-Quads lines in ``graph``, each ended by a newline.

    N-Triples escapes line breaks inside literals, so " .\\n" occurs only between
    statements and one replace places every triple in the graph.
    """
    if not body:
        return ""
    end = f" <{graph}> .\n"
    return body.replace(" .\n", end) + end


def named_node(iri: str) -> ox.NamedNode:
    """``iri`` as a graph name; a ConfigError naming it when it is not an absolute IRI."""
    try:
        return ox.NamedNode(iri)
    except ValueError as error:
        raise ConfigError(
            f"{iri!r} is not an absolute IRI: {error}", hint="e.g. https://example.org/my-links"
        ) from error


def _open_hint(error: OSError) -> str:
    """What to do about a store that would not open, from what the system said."""
    text = str(error).lower()
    if "lock" in text:
        return (
            "another process is writing to it (an ingest, or kg serve --allow-update): "
            "wait for it, or serve read-only, which leaves the store to a writer"
        )
    if "no space" in text or error.errno == 28:
        return "the disk is full: free some space, or choose another folder with --store"
    if "read-only file system" in text or "permission denied" in text or error.errno in (13, 30):
        return (
            "the folder cannot be written: read commands and kg serve open it read-only; "
            "to write, choose a writable folder with --store"
        )
    return "check the folder, or choose another with --store"


def rdf_format_named(format: str) -> ox.RdfFormat:
    """The pyoxigraph format for a name of ours ("turtle", "nt") or a file extension."""
    rdf_format = (
        RDF_FORMATS[format] if format in RDF_FORMATS else ox.RdfFormat.from_extension(format)
    )
    if rdf_format is None:
        raise StoreError(f"unknown RDF format {format!r}")
    return rdf_format


def _stale(error: BaseException) -> bool:
    """Whether a read failed because a writer beside a read-only handle removed its files."""
    text = f"{error} {error.__cause__ or ''}"
    return "No such file" in text or "Corruption" in text


def _write_error(what: str, error: OSError) -> StoreWriteError:
    """A write the disk refused: the store takes no more writes until that is fixed."""
    return StoreWriteError(f"{what}: {error}", hint=_open_hint(error))


class Store:
    """A cable store over one ``pyoxigraph.Store``.

    ``Store()`` is in memory; ``Store(path)`` opens (or creates) an on-disk store;
    ``read_only=True`` opens an on-disk store for reading beside a writer.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        iris: IRIs | None = None,
        read_only: bool = False,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.iris = iris or IRIs()
        try:
            if self.path is None:
                self.oxigraph = ox.Store()
            elif read_only:
                self.oxigraph = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.oxigraph = ox.Store(str(self.path))
                self._remove_unfinished_groups()
        except OSError as error:
            raise StoreError(
                f"cannot open the store at {self.path}: {error}", hint=_open_hint(error)
            ) from error
        self.queries_run = 0  # counted for tests of query batching (no N+1)
        self.read_only = read_only and self.path is not None
        self._version = self.disk_version() if self.read_only else None

    def _remove_unfinished_groups(self) -> None:
        """Delete the files a killed group write left behind (``add_graphs_ntriples``).

        The bulk loader writes a group's index files as ``bulk-*.sst`` beside the
        database, then hands them to RocksDB, which files them under its own names.
        Files still named so after opening (this process holds the store's lock, so no
        other writer is at work) belong to a group that was never added: nothing reads
        them, and they would only take disk space.
        """
        assert self.path is not None
        for leftover in self.path.glob("bulk-*.sst"):
            leftover.unlink(missing_ok=True)

    # -- reading beside a writer ------------------------------------------------------------

    def disk_version(self) -> tuple[object, ...] | None:
        """What identifies the on-disk state: the manifest RocksDB names in ``CURRENT``, its
        size and time, and the write-ahead logs' sizes. It changes with every commit."""
        if self.path is None:
            return None
        try:
            manifest = (self.path / "CURRENT").read_text().strip()
            stat = (self.path / manifest).stat()
            logs = sorted(
                (entry.name, entry.stat().st_size)
                for entry in os.scandir(self.path)
                if entry.name.endswith(".log")
            )
        except OSError:
            return None
        return (manifest, stat.st_size, stat.st_mtime_ns, *logs)

    def refresh(self, *, force: bool = False) -> bool:
        """Reopen a read-only store if a writer has committed since: True if it did.

        A read-only handle sees the store as it was when opened; the server calls this
        between requests so that cables an ingest commits meanwhile become visible. Queries
        already running keep the handle they started with. ``force`` reopens even when
        nothing seems changed (a read found a file the writer had compacted away).
        """
        if not self.read_only or self.path is None:
            return False
        version = self.disk_version()
        if version is None or (version == self._version and not force):
            return False
        try:
            self.oxigraph = ox.Store.read_only(str(self.path))
        except (OSError, RuntimeError) as error:  # a writer is mid-compaction: next time
            log.warning("kept the previous view of %s: %s", self.path, error)
            return False
        self._version = version
        return True

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
        """Run a SPARQL query; the default graph is the union of all graphs unless given.

        Returns what pyoxigraph returns: solutions (iterable of ``QuerySolution``),
        a ``QueryBoolean`` or triples. ``base_iri`` resolves relative IRIs in the query
        (the SPARQL endpoint passes its own URL, as the protocol suggests).
        """
        self.queries_run += 1
        options: dict[str, Any] = {}
        if base_iri is not None:
            options["base_iri"] = base_iri
        if default_graph is not None:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        else:
            options["use_default_graph_as_union"] = True
        if named_graphs is not None:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        if bindings:
            options["substitutions"] = {ox.Variable(k): v for k, v in bindings.items()}
        try:
            return self.oxigraph.query(sparql, **options)
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL query: {error}") from error
        except OSError as error:
            if self.read_only and _stale(error):
                self.refresh(force=True)
                raise StoreChangedError(
                    f"the store changed under the query: {error}",
                    hint="an ingest is writing beside the server; ask again",
                ) from error
            raise StoreError(f"the store could not answer: {error}") from error
        except RuntimeError as error:
            if not _stale(error):
                raise  # e.g. a binding the query does not project: kg.queries says so
            if self.read_only:
                self.refresh(force=True)
            raise StoreChangedError(
                f"the store changed under the query: {error}",
                hint="an ingest is writing beside the server; ask again",
            ) from error

    def select(self, sparql: str, **kwargs: Any) -> list[dict[str, Term]]:
        """A SELECT query's solutions as dicts from variable name to term (unbound left out).

        On a read-only handle whose files a writer beside it has compacted away, the view
        is reopened and the query asked once more.
        """
        try:
            return self._select(sparql, **kwargs)
        except (StoreError, OSError, RuntimeError) as error:
            if not (self.read_only and _stale(error)):
                raise
            self.refresh(force=True)
            return self._select(sparql, **kwargs)

    def _select(self, sparql: str, **kwargs: Any) -> list[dict[str, Term]]:
        solutions = self.query(sparql, **kwargs)
        names = [v.value for v in solutions.variables]
        rows = []
        for solution in solutions:
            row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = term
            rows.append(row)
        return rows

    def checksum(self, reference_id: str) -> str | None:
        """The checksum of the raw record a stored cable came from, or None if not stored."""
        graph = ox.NamedNode(self.iris.graph(reference_id))
        cable = ox.NamedNode(self.iris.cable(reference_id))
        for quad in self.oxigraph.quads_for_pattern(
            cable, ox.NamedNode(str(KG.checksum)), None, graph
        ):
            if isinstance(quad.object, ox.Literal):  # checksums are literals; mypy needs telling
                return quad.object.value
        return None

    def has_graph(self, graph: str) -> bool:
        """Whether ``graph`` holds any triple."""
        node = ox.NamedNode(graph)
        return next(self.oxigraph.quads_for_pattern(None, None, None, node), None) is not None

    def graph_names(self) -> Iterator[str]:
        """Every named graph: the cables', the identity links', a user's own."""
        for graph in self.oxigraph.named_graphs():
            if isinstance(graph, ox.NamedNode):
                yield graph.value

    def cable_graphs(self) -> Iterator[str]:
        """The named graphs but the identity links' (``kg.link.links_graph``)."""
        links = f"{self.iris.base}graph/links"
        return (graph for graph in self.graph_names() if graph != links)

    def __len__(self) -> int:
        return len(self.oxigraph)

    # -- writing -------------------------------------------------------------------------

    def replace_graph(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        """Make ``graph`` hold exactly ``triples``, atomically."""
        self.replace_graph_ntriples(graph, ntriples(triples))

    def replace_graph_ntriples(self, graph: str, body: str) -> None:
        """``replace_graph`` for triples already written by ``ntriples`` (in a worker
        process: text crosses processes far faster than term objects)."""
        node = ox.NamedNode(graph)
        try:
            if body and not self.has_graph(graph):
                # A new graph needs no DROP: a load is one transaction too, and on disk
                # it writes a cable about 1.4x as fast as the SPARQL update.
                data = (body + " .\n").encode("utf-8")
                self.oxigraph.load(data, ox.RdfFormat.N_TRIPLES, to_graph=node)
                return
            update = (
                f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body} }} }}"
            )
            self.oxigraph.update(update)
        except OSError as error:
            raise _write_error(f"could not write graph <{graph}>", error) from error
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"could not write graph <{graph}>: {error}") from error

    def add_graphs_ntriples(self, graphs: Sequence[tuple[str, str]]) -> None:
        """Write several graphs new to the store, each ``(graph IRI, ntriples body)``, in
        one atomic step: afterwards every one of them is stored whole, or (on an error,
        a crash, a kill) none of them is.

        Every graph must be absent from the store (``has_graph`` false): nothing is
        dropped first. On disk the group goes through Oxigraph's bulk loader, which
        parses it all, sorts it into one file per index and hands every file to RocksDB
        in one ingestion (recorded atomically across the indexes); it skips the
        per-triple existence checks and locks of a transaction, which is what makes it
        about twice as fast per cable (``benchmarks/store_writes.py``). A group above
        ``MAX_GROUP_TRIPLES``, or a store in memory, takes one transactional ``load``.
        """
        text = "".join(nquads(graph, body) for graph, body in graphs)
        if not text:
            return
        data = text.encode("utf-8")
        try:
            if self.path is None or data.count(b"\n") > MAX_GROUP_TRIPLES:
                self.oxigraph.load(data, ox.RdfFormat.N_QUADS)
            else:
                self.oxigraph.bulk_load(data, ox.RdfFormat.N_QUADS)
        except OSError as error:
            raise _write_error(f"could not write {len(graphs)} graphs", error) from error
        except (SyntaxError, ValueError) as error:
            names = ", ".join(f"<{graph}>" for graph, _ in graphs)
            raise StoreError(f"could not write graphs {names}: {error}") from error

    def drop_graph(self, graph: str) -> None:
        self.oxigraph.update(f"DROP SILENT GRAPH <{graph}>")

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """Run a SPARQL 1.1 Update (one transaction); ``base_iri`` resolves relative IRIs."""
        try:
            self.oxigraph.update(sparql, base_iri=base_iri)
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL update: {error}") from error
        except OSError as error:
            raise StoreError(f"the update failed: {error}") from error

    def load(
        self,
        data: IO[bytes] | bytes | str,
        *,
        format: str,
        graph: str | None = None,
        base_iri: str | None = None,
    ) -> None:
        """Load RDF text into ``graph`` (or, for quad formats, the graphs it names)."""
        rdf_format = rdf_format_named(format)
        to_graph = named_node(graph) if graph else None
        try:
            self.oxigraph.load(data, format=rdf_format, base_iri=base_iri, to_graph=to_graph)
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"could not load RDF: {error}") from error

    def flush(self) -> None:
        if self.path is not None:
            self.oxigraph.flush()

    # -- reading the data as it is stored ------------------------------------------------

    def quads(
        self,
        graph: GraphName | None = None,
        *,
        subject: ox.NamedNode | None = None,
        predicate: ox.NamedNode | None = None,
    ) -> Iterator[ox.Quad]:
        """The quads of ``graph`` (a named graph's IRI, or ``DEFAULT_GRAPH``), or every
        quad of the store when None; only those of ``subject`` and ``predicate`` if given."""
        if graph is None and subject is None and predicate is None:
            return iter(self.oxigraph)
        name = ox.NamedNode(graph) if isinstance(graph, str) else graph
        return self.oxigraph.quads_for_pattern(subject, predicate, None, name)

    def contains_graph(self, graph: str) -> bool:
        """Whether the store names ``graph`` (an empty named graph too; cf. ``has_graph``)."""
        return self.oxigraph.contains_named_graph(ox.NamedNode(graph))

    def dump(
        self,
        output: IO[bytes],
        format: ox.RdfFormat,
        *,
        graph: GraphName | None = None,
        prefixes: dict[str, str] | None = None,
    ) -> None:
        """Stream the store (or one graph's triples) to ``output`` as the engine writes it,
        in its own order; ``kg.export`` decides what is written how."""
        options: dict[str, Any] = {"prefixes": prefixes or {}}
        if graph is not None:
            options["from_graph"] = ox.NamedNode(graph) if isinstance(graph, str) else graph
        self.oxigraph.dump(output, format, **options)

    def prefixes(self) -> dict[str, str]:
        """The prefixes serializers write for this store's data (``vocabulary.prefixes``)."""
        return prefixes(self.iris.base)
