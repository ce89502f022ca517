"""The transactional writer: the single place that writes cables to the store.

New cables are written in groups of up to ``GROUP_CABLES`` (and ``GROUP_TRIPLES``; the
first groups smaller: 1, 2, 4, ...), one atomic write per group; a cable already stored
with another checksum is replaced alone, in one atomic DROP + INSERT. Every record is
accounted for (``Outcome``) once its write is done.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol, cast

import pyoxigraph as ox

from kg.errors import StoreError, StoreWriteError
from kg.ingest.outcomes import CableSummary, Content, IngestReport, Kept, Outcome, Ready, Reject
from kg.model import Cable
from kg.rdf.vocabulary import DCTERMS_NS, KG
from kg.store.oxigraph import Term
from kg.store.protocol import CableStore, GroupStore


class TextSink(Protocol):
    """Where reject lines go: a text file, or anything with ``write`` and ``flush``."""

    def write(self, text: str, /) -> int: ...

    def flush(self) -> None: ...


#: New cables written together in one atomic step, at most (and at most about
#: ``GROUP_TRIPLES`` triples): enough to halve the cost of a cable on disk, few enough
#: that an interrupted run leaves little to redo. 1 writes each cable in its own
#: transaction. Groups start at one cable and double up to this size, so the first
#: cable is written (and shown) at once.
GROUP_CABLES = 32
GROUP_TRIPLES = 100_000


def group_sizes(group: int = GROUP_CABLES) -> Iterator[int]:
    """The sizes of the successive groups of new cables: 1, 2, 4, ... then ``group``."""
    size = 1
    while True:
        yield min(size, group)
        size *= 2


class Writer:
    """The single place that writes cables to the store and accounts for every record.

    New cables wait in ``pending`` until the group is full, a replacement or a second
    copy of a waiting cable comes, or the ingest ends (``commit``); only then are they
    written, in one atomic step, and reported.
    """

    def __init__(
        self,
        store: CableStore,
        report: IngestReport,
        on_progress: Callable[[Outcome], None] | None,
        rejects: TextSink | None,
        group: int = GROUP_CABLES,
        *,
        force: bool = False,
    ) -> None:
        self.store = store
        self.report = report
        self.on_progress = on_progress
        self.rejects = rejects
        self.force = force
        # What the stored cables that records may replace hold, read ahead (``prefetch``).
        self.stored_content: dict[str, Content] = {}
        # Stores that cannot write a group (a SPARQL server) get one update per cable.
        groups = group > 1 and hasattr(store, "add_graphs_ntriples")
        self.group_store = cast(GroupStore, store) if groups else None
        self.sizes = group_sizes(group)
        self.limit = next(self.sizes)
        self.pending: dict[str, Ready] = {}  # by reference ID
        self.pending_triples = 0

    def emit(self, outcome: Outcome) -> None:
        self.report.count(outcome)
        note = outcome.reject or outcome.kept
        if note is not None and self.rejects is not None:
            self.rejects.write(note.to_json() + "\n")
            self.rejects.flush()
        if self.on_progress is not None:
            self.on_progress(outcome)

    def reject(self, reject: Reject) -> None:
        self.emit(Outcome("rejected", reject=reject))

    def unchanged(self, cable: Cable) -> None:
        self.emit(Outcome("unchanged", CableSummary.of(cable)))

    def is_stored(self, reference_id: str, checksum: str) -> bool:
        """Whether this very record is stored already (or waiting to be, in this group)."""
        waiting = self.pending.get(reference_id)
        if waiting is not None:
            return waiting.checksum == checksum
        return self.store.checksum(reference_id) == checksum

    def write(self, ready: Ready) -> None:
        refid = ready.summary.reference_id
        if refid in self.pending:
            # The same record can occur twice in one batch: store the first copy now,
            # then this one is unchanged (or, changed, replaces it).
            self.commit()
        stored = self.store.checksum(refid)
        if stored == ready.checksum:
            self.emit(Outcome("unchanged", ready.summary))
            return
        if stored is not None and ready.content is not None:
            content = self.stored_content.pop(refid, None)
            if content is None:
                content = stored_content(self.store, [refid]).get(refid)
            if content is not None and self.keeps(ready, content):
                return
            if same_content(self.store, ready):
                self.emit(Outcome("unchanged", ready.summary))
                return
        if (
            self.group_store is not None
            and stored is None
            and not self.group_store.has_graph(ready.graph)
        ):
            self.pending[refid] = ready
            self.pending_triples += ready.ntriples.count("\n") + 1
            if len(self.pending) >= self.limit or self.pending_triples >= GROUP_TRIPLES:
                self.commit()
            return
        self.commit()  # the group first: cables are written in the order they come
        if self.write_one(ready):
            self.emit(Outcome("replaced" if stored is not None else "ingested", ready.summary))

    def keeps(self, ready: Ready, stored: Content) -> bool:
        """Leave the stored cable be when ``ready`` is a poorer copy of it."""
        assert ready.content is not None
        why = None if self.force else ready.content.poorer(stored)
        if why is None:
            return False
        refid = ready.summary.reference_id
        where = ready.provenance
        kept = Kept(
            where.source if where else refid,
            why,
            where.position if where else None,
            where.line if where else None,
            refid,
        )
        self.emit(Outcome("kept", ready.summary, kept=kept))
        return True

    def prefetch(self, readies: Iterable[Ready]) -> None:
        """Read in one query what the stored cables that ``readies`` would replace hold."""
        refids = [
            ready.summary.reference_id
            for ready in readies
            if ready.summary.reference_id not in self.pending
            and self.store.checksum(ready.summary.reference_id) not in (None, ready.checksum)
        ]
        if refids:
            self.stored_content.update(stored_content(self.store, refids))

    def write_one(self, ready: Ready) -> bool:
        """One cable in its own transaction (DROP + INSERT); a refusal rejects it alone."""
        refid = ready.summary.reference_id
        try:
            self.store.replace_graph_ntriples(ready.graph, ready.ntriples)
        except StoreWriteError:
            raise  # the store takes no writes at all: stop, do not reject every record
        except StoreError as error:
            self.reject(Reject(refid, f"could not store: {error}", reference_id=refid))
            return False
        return True

    def commit(self) -> None:
        """Write the waiting new cables in one atomic step, then report them."""
        if not self.pending:
            return
        group = list(self.pending.values())
        self.pending.clear()
        self.pending_triples = 0
        self.limit = next(self.sizes)
        assert self.group_store is not None  # only a group store has cables waiting
        try:
            self.group_store.add_graphs_ntriples([(r.graph, r.ntriples) for r in group])
            written = group
        except StoreWriteError:
            raise
        except StoreError:
            # Nothing of the group was written: one transaction per cable finds the one
            # the store refuses and rejects it alone.
            written = [ready for ready in group if self.write_one(ready)]
        for ready in written:
            self.emit(Outcome("ingested", ready.summary))


def stored_content(store: CableStore, reference_ids: Sequence[str]) -> dict[str, Content]:
    """How complete each stored cable of ``reference_ids`` is, in one query.

    Read from the triples every cable graph holds: ``kg:partialExtract``, the
    ``dcterms:hasPart`` paragraphs and their ``kg:text``.
    """
    iris = store.iris
    values = " ".join(
        f"(<{iris.graph(refid)}> <{iris.cable(refid)}> {json.dumps(refid)})"
        for refid in dict.fromkeys(reference_ids)
    )
    sparql = f"""
    SELECT ?id (SAMPLE(?partial) AS ?p) (COUNT(DISTINCT ?part) AS ?n) (SUM(?chars) AS ?t)
    WHERE {{
      VALUES (?g ?cable ?id) {{ {values} }}
      GRAPH ?g {{
        ?cable <{KG.checksum}> ?checksum .
        OPTIONAL {{ ?cable <{KG.partialExtract}> ?partial }}
        OPTIONAL {{
          ?cable <{DCTERMS_NS}hasPart> ?part .
          OPTIONAL {{ ?part <{KG.text}> ?text }}
          BIND(COALESCE(STRLEN(?text), 0) AS ?chars)
        }}
      }}
    }} GROUP BY ?id"""
    found: dict[str, Content] = {}
    for row in store.select(sparql):
        refid, partial = row.get("id"), row.get("p")
        if not isinstance(refid, ox.Literal):
            continue
        found[refid.value] = Content(
            partial=isinstance(partial, ox.Literal) and partial.value in ("true", "1"),
            paragraphs=_integer(row.get("n")),
            text=_integer(row.get("t")),
        )
    return found


#: What says where a record came from rather than what the cable says.
PROVENANCE = frozenset(
    str(predicate)
    for predicate in (KG.sourceFile, KG.recordPosition, KG.sourceFormat, KG.checksum, KG.rawText)
)


def same_content(store: CableStore, ready: Ready) -> bool:
    """Whether ``ready`` would store the very triples its stored graph holds, provenance
    aside (read for a replacement only: one query)."""
    rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ready.graph}> {{ ?s ?p ?o }} }}")
    stored = {
        (row["s"], row["p"], row["o"])
        for row in rows
        if isinstance(predicate := row.get("p"), ox.NamedNode) and predicate.value not in PROVENANCE
    }
    data = (ready.ntriples + " .\n").encode("utf-8") if ready.ntriples else b""
    new = {
        (triple.subject, triple.predicate, triple.object)
        for triple in ox.parse(data, ox.RdfFormat.N_TRIPLES)
        if triple.predicate.value not in PROVENANCE
    }
    return new == stored


def _integer(term: Term | None) -> int:
    return int(term.value) if isinstance(term, ox.Literal) else 0


def stored_checksums(store: CableStore) -> set[str]:
    """Checksums of every stored cable: a cheap first test for "unchanged"."""
    rows = store.select(f"SELECT DISTINCT ?c WHERE {{ GRAPH ?g {{ ?cable <{KG.checksum}> ?c }} }}")
    values = (row.get("c") for row in rows)
    return {value.value for value in values if isinstance(value, ox.Literal)}
