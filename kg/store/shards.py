"""Sharded N-Quads files in place of a store, for a server's own bulk loader.

``kg ingest --emit nquads DIR`` writes what an ingest would store as ``DIR/part-00000.nq``,
``part-00001.nq``... (``.nq.gz`` with ``compress``): each shard holds whole cable graphs,
and a new shard begins once one holds ``shard_quads`` quads. Oxigraph, Jena's
``tdb2.tdbloader`` and Virtuoso's ``ld_dir`` read such files far faster than any update
request (``docs/scale-out.md``).

A shard is written as ``part-NNNNN.nq.partial`` and renamed when it is complete, so a
loader never reads half a shard: an interrupted run leaves whole shards and at most one
``.partial`` file. The files are a fresh store's contents, not a store: a cable that
comes twice with different content cannot replace what is already written, so the second
copy is rejected and named.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from kg.errors import ConfigError, StoreError, StoreWriteError
from kg.rdf.iri import IRIs
from kg.rdf.vocabulary import KG
from kg.store.oxigraph import Term, nquads

#: Quads in a shard before the next begins (a shard ends between cables, so a little more).
SHARD_QUADS = 100_000


class NQuadsShards:
    """A write-only ``GroupStore`` that appends cable graphs to N-Quads shard files."""

    def __init__(
        self,
        folder: str | Path,
        *,
        iris: IRIs | None = None,
        shard_quads: int = SHARD_QUADS,
        compress: bool = False,
    ) -> None:
        self.folder = Path(folder)
        self.iris = iris or IRIs()
        self.shard_quads = shard_quads
        self.suffix = ".nq.gz" if compress else ".nq"
        self.checksums: dict[str, str] = {}  # the cables written, by graph IRI
        self.shards: list[Path] = []  # complete shards, in order
        self.quads = 0  # written in all
        self._file: IO[bytes] | gzip.GzipFile | None = None
        self._partial: Path | None = None
        self._raw: IO[bytes] | None = None
        self._in_shard = 0
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ConfigError(f"cannot make the folder {self.folder}: {error}") from error
        existing = sorted(self.folder.glob("part-*.nq*"))
        if existing:
            raise ConfigError(
                f"{self.folder} holds shards already ({existing[0].name}, ...)",
                hint="choose an empty folder, or remove the shards of the earlier run",
            )

    # -- what the writer asks of a store -----------------------------------------------

    def checksum(self, reference_id: str) -> str | None:
        """The checksum of the record written for ``reference_id`` in this run, if any."""
        return self.checksums.get(self.iris.graph(reference_id))

    def has_graph(self, graph: str) -> bool:
        return graph in self.checksums

    def select(self, sparql: str) -> list[dict[str, Term]]:
        """Nothing can be read back from the files: every question has no answer."""
        return []

    def add_graphs_ntriples(self, graphs: Sequence[tuple[str, str]]) -> None:
        """Append whole graphs to the current shard; then begin a new one if it is full."""
        text = "".join(nquads(graph, body) for graph, body in graphs)
        for graph, body in graphs:
            self.checksums[graph] = _checksum(body)
        if text:
            self._write(text)

    def replace_graph_ntriples(self, graph: str, body: str) -> None:
        if graph in self.checksums:
            raise StoreError(
                f"graph <{graph}> is written to the shards already, with other content",
                hint="the shards hold one copy of each cable: ingest into a store to replace",
            )
        self.add_graphs_ntriples([(graph, body)])

    def flush(self) -> None:
        """Complete the shard being written (the end of an ingest)."""
        self._close_shard()

    # -- the files ---------------------------------------------------------------------

    def _write(self, text: str) -> None:
        data = text.encode("utf-8")
        count = data.count(b"\n")
        try:
            if self._file is None:
                self._open_shard()
            assert self._file is not None
            self._file.write(data)
        except OSError as error:
            raise StoreWriteError(
                f"could not write the shard {self._partial}: {error}",
                hint="free some space, or choose another folder",
            ) from error
        self.quads += count
        self._in_shard += count
        if self._in_shard >= self.shard_quads:
            self._close_shard()

    def _open_shard(self) -> None:
        name = f"part-{len(self.shards):05d}{self.suffix}"
        self._partial = self.folder / f"{name}.partial"
        raw: IO[bytes] = self._partial.open("wb")
        self._raw = raw
        self._file = gzip.GzipFile(fileobj=raw, mode="wb") if self.suffix.endswith("gz") else raw
        self._in_shard = 0

    def _close_shard(self) -> None:
        if self._file is None or self._partial is None:
            return
        try:
            self._file.close()
            if self._raw is not None:
                self._raw.close()
            done = self._partial.with_name(self._partial.name.removesuffix(".partial"))
            self._partial.rename(done)
        except OSError as error:
            what = f"could not complete the shard {self._partial}"
            raise StoreWriteError(f"{what}: {error}") from error
        self.shards.append(done)
        self._file = self._raw = self._partial = None


def _checksum(body: str) -> str:
    """The record checksum a cable graph states (``kg:checksum``), as the store's
    ``checksum`` reads it; the whole text's hash for a graph that states none."""
    marker = f'<{KG.checksum}> "'
    start = body.find(marker)
    if start >= 0:
        start += len(marker)
        return body[start : body.index('"', start)]
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
