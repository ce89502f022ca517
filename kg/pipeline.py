"""Ingestion: records from files, through parse, extract and rdf, into the store.

``process`` composes the pure stages for one record (it runs in worker processes);
``ingest`` drives it over files and does every store write itself, in this process.
Cables new to the store are written in groups of up to ``GROUP_CABLES`` (and
``GROUP_TRIPLES``; the first groups smaller: 1, 2, 4, ...), one atomic write per
group; a cable already stored with another checksum is replaced alone, in one atomic
DROP + INSERT. A crash, a kill or Ctrl-C therefore leaves the store as it was before
the group in flight (the new cables not yet written, at most ``GROUP_CABLES``, or the
one cable being replaced): every stored cable is whole, and a rerun skips what is
already in (same reference ID, same checksum) and completes the rest. A cable is
reported (``on_progress``) only once its write is done.

A record never replaces a stored cable with a poorer copy of it (``poorer``: marked
partial where the stored one is not, fewer paragraphs, or markedly less paragraph
text) unless ``force``: it is "kept" (the stored cable stays) and noted with its file,
record and reason. A record whose triples are the stored cable's but for where it came
from (another file, another format, whitespace) is "unchanged": nothing is written.
"""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.context
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal, Protocol, cast

import pyoxigraph as ox

import kg.extract
import kg.parse
import kg.rdf
import kg.sources
from kg.errors import FormatError, InputError, KGError, RecordError, StoreError
from kg.iri import IRIs
from kg.model import Cable, Format, Provenance, RawRecord
from kg.namespace import KG
from kg.store import Term, ntriples

Status = Literal["ingested", "unchanged", "replaced", "kept", "rejected"]


class CableStore(Protocol):
    """What ingestion needs of a store: ``kg.store.Store`` or ``kg.remote.RemoteStore``."""

    iris: IRIs

    def checksum(self, reference_id: str) -> str | None: ...

    def replace_graph_ntriples(self, graph: str, body: str) -> None: ...

    def select(self, sparql: str) -> list[dict[str, Term]]: ...

    def flush(self) -> None: ...


class GroupStore(CableStore, Protocol):
    """A store that also writes several new cable graphs in one atomic step."""

    def has_graph(self, graph: str) -> bool: ...

    def add_graphs_ntriples(self, graphs: Sequence[tuple[str, str]]) -> None: ...


class TextSink(Protocol):
    """Where reject lines go: a text file, or anything with ``write`` and ``flush``."""

    def write(self, text: str, /) -> int: ...

    def flush(self) -> None: ...


#: Records per task sent to a worker: large enough to amortize pickling, small
#: enough that an interrupted run loses little work.
CHUNK_SIZE = 16

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


@dataclass(frozen=True, slots=True)
class CableSummary:
    """The header fields a person checks after an ingest, one line per cable."""

    reference_id: str
    created: datetime | None = None
    classification: str | None = None
    origin: str | None = None
    tags: tuple[str, ...] = ()
    subject: str | None = None

    @classmethod
    def of(cls, cable: Cable) -> CableSummary:
        return cls(
            reference_id=cable.reference_id,
            created=cable.created,
            classification=cable.classification,
            origin=cable.origin,
            tags=cable.tags,
            subject=cable.subject,
        )


#: A copy with less than this share of the stored cable's paragraph text is poorer.
TEXT_SHARE = 0.9


@dataclass(frozen=True, slots=True)
class Content:
    """How complete a cable is, to tell a poorer copy from a fuller one."""

    partial: bool
    paragraphs: int
    text: int  # characters of paragraph text

    @classmethod
    def of(cls, cable: Cable) -> Content:
        return cls(
            partial=cable.partial,
            paragraphs=len(cable.paragraphs),
            text=sum(len(paragraph.text) for paragraph in cable.paragraphs),
        )

    def poorer(self, stored: Content) -> str | None:
        """Why this copy is poorer than the ``stored`` one, or None if it is not."""
        reasons = []
        if self.partial and not stored.partial:
            reasons.append("partial")
        if self.paragraphs < stored.paragraphs:
            plural = "" if self.paragraphs == 1 else "s"
            reasons.append(f"{self.paragraphs} paragraph{plural} vs {stored.paragraphs}")
        if self.text < TEXT_SHARE * stored.text:
            reasons.append(f"{self.text} characters of paragraph text vs {stored.text}")
        return f"a poorer copy: {' / '.join(reasons)}" if reasons else None


@dataclass(frozen=True, slots=True)
class Processed:
    """One cable ready to store: its named graph and every triple in it."""

    summary: CableSummary
    checksum: str
    graph: str
    triples: tuple[ox.Triple, ...]
    provenance: Provenance | None = None
    content: Content | None = None


@dataclass(frozen=True, slots=True)
class Ready:
    """A processed cable with its triples as N-Triples text, as the writer takes it.

    What crosses from a worker process to the writer: text pickles about ten times
    faster than the same triples as term objects, and the writer is the bottleneck.
    """

    summary: CableSummary
    checksum: str
    graph: str
    ntriples: str
    provenance: Provenance | None = None
    content: Content | None = None

    @classmethod
    def of(cls, processed: Processed) -> Ready:
        body = ntriples(processed.triples)
        return cls(
            processed.summary,
            processed.checksum,
            processed.graph,
            body,
            processed.provenance,
            processed.content,
        )


@dataclass(frozen=True, slots=True)
class Reject:
    """A record (or a whole file) that could not be ingested, and why."""

    file: str
    reason: str
    record: int | None = None
    line: int | None = None
    reference_id: str | None = None

    def to_json(self) -> str:
        return json.dumps(
            {
                "file": self.file,
                "record": self.record,
                "line": self.line,
                "reference_id": self.reference_id,
                "reason": self.reason,
            },
            ensure_ascii=False,
        )

    def __str__(self) -> str:
        where = self.file
        if self.record is not None:
            where += f", record {self.record}"
        if self.line is not None:
            where += f", line {self.line}"
        if self.reference_id:
            where += f" ({self.reference_id})"
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Kept(Reject):
    """A record not stored because the stored cable is fuller (not an error).

    In the rejects file its line has ``"outcome": "kept"``; a reject's has no outcome.
    """

    HINT = "the stored cable stays; kg ingest --force replaces it"

    def to_json(self) -> str:
        line = json.loads(Reject.to_json(self))
        line["reason"] = f"{self.reason} ({self.HINT})"
        return json.dumps({**line, "outcome": "kept"}, ensure_ascii=False)

    def __str__(self) -> str:
        return f"{Reject.__str__(self)} ({self.HINT})"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one record."""

    status: Status
    cable: CableSummary | None = None
    reject: Reject | None = None
    kept: Kept | None = None


@dataclass(slots=True)
class IngestReport:
    """Counts per outcome, the rejects, and the wall time."""

    ingested: int = 0
    unchanged: int = 0
    replaced: int = 0
    rejects: list[Reject] = field(default_factory=list)
    seconds: float = 0.0
    kept: list[Kept] = field(default_factory=list)
    passed_over: list[Path] = field(default_factory=list)  # files in folders, no cable format

    @property
    def rejected(self) -> int:
        return len(self.rejects)

    @property
    def cables(self) -> int:
        """Records that became (or already were) a stored cable, or left a fuller one be."""
        return self.ingested + self.unchanged + self.replaced + len(self.kept)

    def count(self, outcome: Outcome) -> None:
        if outcome.status == "ingested":
            self.ingested += 1
        elif outcome.status == "unchanged":
            self.unchanged += 1
        elif outcome.status == "replaced":
            self.replaced += 1
        elif outcome.kept is not None:
            self.kept.append(outcome.kept)
        elif outcome.reject is not None:
            self.rejects.append(outcome.reject)

    def summary(self) -> str:
        """``ingested 4, unchanged 0, replaced 0, rejected 0``; ``kept N`` before
        ``rejected`` when some records were (with the reason when there is one)."""
        kept = ""
        if len(self.kept) == 1:
            kept = f"kept 1 ({self.kept[0].reason}), "
        elif self.kept:
            kept = f"kept {len(self.kept)} (poorer copies of stored cables), "
        return (
            f"ingested {self.ingested}, unchanged {self.unchanged}, "
            f"replaced {self.replaced}, {kept}rejected {self.rejected}"
        )


# -- the pure part: runs anywhere, touches no store --------------------------------------


def parse(record: RawRecord) -> Cable:
    """The parse stage (raises RecordError)."""
    return kg.parse.parse(record)


def build(cable: Cable, *, iris: IRIs) -> Processed:
    """Extract and build the triples of a parsed cable."""
    extraction = kg.extract.extract(cable)
    triples = kg.rdf.triples(cable, extraction, iris=iris)
    return Processed(
        summary=CableSummary.of(cable),
        checksum=cable.provenance.checksum,
        graph=str(kg.rdf.graph_iri(cable, iris)),
        triples=tuple(triples),
        provenance=cable.provenance,
        content=Content.of(cable),
    )


def process(record: RawRecord, *, iris: IRIs) -> Processed:
    """parse -> extract -> triples for one record; pure. Raises RecordError."""
    return build(parse(record), iris=iris)


def reason(error: Exception) -> str:
    """What went wrong, for a reject line: the message without the location, and the hint."""
    if isinstance(error, RecordError):
        text = error.reason
    elif isinstance(error, FormatError):
        text = error.message.removeprefix(f"{error.source}: ")
    elif isinstance(error, KGError):
        text = error.message
    else:
        text = f"{type(error).__name__}: {error}"
    hint = getattr(error, "hint", None)
    return f"{text} ({hint})" if hint else text


def _reject(record: RawRecord, error: Exception, reference_id: str | None = None) -> Reject:
    text = reason(error)
    if not isinstance(error, KGError):
        # A bug in a stage, but one cable's bug must not stop the batch.
        text = f"internal error in {'extraction' if reference_id else 'parsing'}: {text}"
    line = error.line if isinstance(error, RecordError) and error.line else record.line
    return Reject(record.source, text, record.position, line, reference_id)


def _parse_or_reject(record: RawRecord) -> Cable | Reject:
    try:
        return parse(record)
    except Exception as error:
        return _reject(record, error)


def _build_or_reject(record: RawRecord, cable: Cable, iris: IRIs) -> Ready | Reject:
    try:
        return Ready.of(build(cable, iris=iris))
    except Exception as error:
        return _reject(record, error, cable.reference_id)


def _process_chunk(records: list[RawRecord], iris: IRIs) -> list[Ready | Reject]:
    """A worker's task: process each record, turning failures into rejects (they pickle)."""
    results: list[Ready | Reject] = []
    for record in records:
        cable = _parse_or_reject(record)
        results.append(
            cable if isinstance(cable, Reject) else _build_or_reject(record, cable, iris)
        )
    return results


def pool_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: from a clean server process where the platform has one.

    Forking this process would copy an open store and its background threads into every
    worker; the workers need neither, and a fork beside threads can deadlock.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _ignore_sigint() -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# -- the I/O part ------------------------------------------------------------------------


def records(
    paths: Iterable[str],
    *,
    format: Format | None = None,
    passed_over: list[Path] | None = None,
) -> Iterator[RawRecord | Reject]:
    """Every raw record in ``paths`` (files, folders, globs, ``-`` for stdin), or a Reject
    for each record or file that cannot be read; files in folders that are in no cable
    format are appended to ``passed_over``."""
    for path in kg.sources.expand(paths, passed_over=passed_over):
        try:
            for item in kg.sources.read(path, format=format):
                if isinstance(item, RecordError):
                    yield Reject(item.source, reason(item), item.position, item.line)
                else:
                    yield item
        except (InputError, OSError, UnicodeDecodeError) as error:
            yield Reject("<stdin>" if str(path) == "-" else str(path), reason(error))


class _Writer:
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
          ?cable <http://purl.org/dc/terms/hasPart> ?part .
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


def ingest(
    paths: Iterable[str],
    store: CableStore,
    *,
    format: Format | None = None,
    workers: int = 1,
    on_progress: Callable[[Outcome], None] | None = None,
    rejects: TextSink | None = None,
    group: int = GROUP_CABLES,
    force: bool = False,
) -> IngestReport:
    """Ingest every record in ``paths`` into ``store``; never stops for a bad record.

    ``rejects`` receives one JSON line per rejected record (file, record, line,
    reference_id, reason) as it happens, so an interrupted run still leaves them.
    New cables are written ``group`` at a time, each group atomically (1: one
    transaction per cable); an exception or a kill loses at most the group in flight.
    A poorer copy of a stored cable is kept out (reported "kept", with a line in
    ``rejects`` whose ``outcome`` is ``"kept"``) unless ``force``.
    """
    started = time.monotonic()
    report = IngestReport()
    writer = _Writer(store, report, on_progress, rejects, group, force=force)
    items = records(paths, format=format, passed_over=report.passed_over)
    try:
        if workers <= 1:
            _ingest_serial(items, store, writer)
        else:
            _Parallel(store, writer, workers).run(items)
        writer.commit()  # the last group; an exception leaves it unwritten
    finally:
        store.flush()
        report.seconds = time.monotonic() - started
    return report


def _ingest_serial(items: Iterator[RawRecord | Reject], store: CableStore, writer: _Writer) -> None:
    for item in items:
        if isinstance(item, Reject):
            writer.reject(item)
            continue
        cable = _parse_or_reject(item)
        if isinstance(cable, Reject):
            writer.reject(cable)
        elif writer.is_stored(cable.reference_id, cable.provenance.checksum):
            writer.unchanged(cable)  # skipped before the costly extraction
        else:
            ready = _build_or_reject(item, cable, store.iris)
            if isinstance(ready, Reject):
                writer.reject(ready)
            else:
                writer.write(ready)


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=pool_context(), initializer=_ignore_sigint
    )


class _Parallel:
    """Records in chunks to worker processes, results back to the writer in order."""

    def __init__(self, store: CableStore, writer: _Writer, workers: int) -> None:
        self.store = store
        self.writer = writer
        self.workers = workers
        self.pool = _pool(workers)
        # Each chunk is kept with its future: if a worker dies, its records are retried.
        self.pending: deque[tuple[Future[list[Ready | Reject]], list[RawRecord]]] = deque()

    def run(self, items: Iterator[RawRecord | Reject]) -> None:
        known = stored_checksums(self.store)
        max_in_flight = self.workers * 2  # keeps every worker busy while bounding memory
        try:
            chunk: list[RawRecord] = []
            for item in items:
                if isinstance(item, Reject):
                    self.writer.reject(item)
                    continue
                if item.checksum in known and self.unchanged(item):
                    continue
                chunk.append(item)
                if len(chunk) >= CHUNK_SIZE:
                    self.submit(chunk)
                    chunk = []
                    while len(self.pending) >= max_in_flight:
                        self.drain()
            if chunk:
                self.submit(chunk)
            while self.pending:
                self.drain()
        except BaseException:
            self.pool.shutdown(wait=False, cancel_futures=True)
            raise
        self.pool.shutdown()

    def unchanged(self, record: RawRecord) -> bool:
        """Confirm a probable "unchanged" with a (cheap) parse here, sparing the extraction."""
        cable = _parse_or_reject(record)
        if isinstance(cable, Cable) and self.writer.is_stored(
            cable.reference_id, cable.provenance.checksum
        ):
            self.writer.unchanged(cable)
            return True
        return False

    def submit(self, chunk: list[RawRecord]) -> None:
        future = self.pool.submit(_process_chunk, chunk, self.store.iris)
        self.pending.append((future, chunk))

    def drain(self) -> None:
        future, chunk = self.pending.popleft()
        try:
            results = future.result()
        except BrokenProcessPool:
            # A worker died (a crash, the OOM killer). Every chunk in flight is lost with
            # it; run those records one by one to reject only the one that kills a worker.
            records = [*chunk, *(r for _, waiting in self.pending for r in waiting)]
            self.pending.clear()
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.isolate(records)
            self.pool = _pool(self.workers)
            return
        self.write(results)

    def write(self, results: list[Ready | Reject]) -> None:
        self.writer.prefetch(result for result in results if isinstance(result, Ready))
        for result in results:
            if isinstance(result, Reject):
                self.writer.reject(result)
            else:
                self.writer.write(result)

    def isolate(self, records: list[RawRecord]) -> None:
        pool = _pool(1)
        try:
            for record in records:
                try:
                    results = pool.submit(_process_chunk, [record], self.store.iris).result()
                except BrokenProcessPool:
                    reason = "the worker process died on this record (a crash in a stage)"
                    self.writer.reject(Reject(record.source, reason, record.position, record.line))
                    pool.shutdown(wait=False)
                    pool = _pool(1)
                    continue
                self.write(results)
        finally:
            pool.shutdown()
