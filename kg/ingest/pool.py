"""The process pool: records in chunks to worker processes, results back in order.

Workers run the pure composition (``kg.ingest.compose``) and hand back N-Triples text;
the writer, in this process, does every store write. A worker that dies takes its chunks
with it: those records are run again one by one, so only the one that kills a worker is
rejected.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from kg.children import end_with_parent
from kg.ingest.compose import parse_or_reject, process_chunk
from kg.ingest.outcomes import Ready, Reject
from kg.ingest.writer import Writer, stored_checksums
from kg.model import Cable, RawRecord
from kg.store.protocol import CableStore

#: Records per task sent to a worker: large enough to amortize pickling, small
#: enough that an interrupted run loses little work.
CHUNK_SIZE = 16


def pool_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: from a clean server process where the platform has one.

    Forking this process would copy an open store and its background threads into every
    worker; the workers need neither, and a fork beside threads can deadlock.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=pool_context(),
        initializer=end_with_parent,
        initargs=(os.getpid(),),
    )


class Parallel:
    """Records in chunks to worker processes, results back to the writer in order."""

    def __init__(self, store: CableStore, writer: Writer, workers: int) -> None:
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
        cable = parse_or_reject(record)
        if isinstance(cable, Cable) and self.writer.is_stored(
            cable.reference_id, cable.provenance.checksum
        ):
            self.writer.unchanged(cable)
            return True
        return False

    def submit(self, chunk: list[RawRecord]) -> None:
        future = self.pool.submit(process_chunk, chunk, self.store.iris)
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
                    results = pool.submit(process_chunk, [record], self.store.iris).result()
                except BrokenProcessPool:
                    reason = "the worker process died on this record (a crash in a stage)"
                    self.writer.reject(Reject(record.source, reason, record.position, record.line))
                    pool.shutdown(wait=False)
                    pool = _pool(1)
                    continue
                self.write(results)
        finally:
            pool.shutdown()
