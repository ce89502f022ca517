"""``ingest``: every record of some files through parse, extract and rdf into the store.

``kg.ingest.compose.process`` composes the pure stages for one record (it runs in
worker processes, ``kg.ingest.pool``); ``ingest`` drives it over files, and the writer
(``kg.ingest.writer``) does every store write, in this process.
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

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import kg.sources
from kg.errors import InputError, RecordError, StoreWriteError
from kg.ingest.compose import build_or_reject, parse_or_reject
from kg.ingest.outcomes import IngestReport, IngestStoppedError, Outcome, Reject, reason
from kg.ingest.pool import Parallel
from kg.ingest.writer import GROUP_CABLES, TextSink, Writer
from kg.model import Format, RawRecord
from kg.store.protocol import CableStore


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
    writer = Writer(store, report, on_progress, rejects, group, force=force)
    items = records(paths, format=format, passed_over=report.passed_over)
    try:
        if workers <= 1:
            _ingest_serial(items, store, writer)
        else:
            Parallel(store, writer, workers).run(items)
        writer.commit()  # the last group; an exception leaves it unwritten
        store.flush()
    except StoreWriteError as error:
        raise IngestStoppedError(error, report) from error
    finally:
        report.seconds = time.monotonic() - started
    return report


def _ingest_serial(items: Iterator[RawRecord | Reject], store: CableStore, writer: Writer) -> None:
    for item in items:
        if isinstance(item, Reject):
            writer.reject(item)
            continue
        cable = parse_or_reject(item)
        if isinstance(cable, Reject):
            writer.reject(cable)
        elif writer.is_stored(cable.reference_id, cable.provenance.checksum):
            writer.unchanged(cable)  # skipped before the costly extraction
        else:
            ready = build_or_reject(item, cable, store.iris)
            if isinstance(ready, Reject):
                writer.reject(ready)
            else:
                writer.write(ready)
