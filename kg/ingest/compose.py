"""The pure part of ingestion: one record in, one cable's named graph and triples out.

``process`` is the whole composition (parse -> extract -> triples); it runs anywhere,
in worker processes too, and touches no store. The ``*_or_reject`` forms turn a
failure into a ``Reject``, so that one bad record never stops a batch.
"""

from __future__ import annotations

import kg.extract
import kg.parse
from kg.errors import KGError, RecordError
from kg.ingest.outcomes import CableSummary, Content, Processed, Ready, Reject, reason
from kg.model import Cable, RawRecord
from kg.rdf.iri import IRIs
from kg.rdf.mapping import graph_iri, triples


def parse(record: RawRecord) -> Cable:
    """The parse stage (raises RecordError)."""
    return kg.parse.parse(record)


def build(cable: Cable, *, iris: IRIs) -> Processed:
    """Extract and build the triples of a parsed cable."""
    extraction = kg.extract.extract(cable)
    graph_triples = triples(cable, extraction, iris=iris)
    return Processed(
        summary=CableSummary.of(cable),
        checksum=cable.provenance.checksum,
        graph=str(graph_iri(cable, iris)),
        triples=tuple(graph_triples),
        provenance=cable.provenance,
        content=Content.of(cable),
    )


def process(record: RawRecord, *, iris: IRIs) -> Processed:
    """parse -> extract -> triples for one record; pure. Raises RecordError."""
    return build(parse(record), iris=iris)


def reject_of(record: RawRecord, error: Exception, reference_id: str | None = None) -> Reject:
    text = reason(error)
    if not isinstance(error, KGError):
        # A bug in a stage, but one cable's bug must not stop the batch.
        text = f"internal error in {'extraction' if reference_id else 'parsing'}: {text}"
    line = error.line if isinstance(error, RecordError) and error.line else record.line
    return Reject(record.source, text, record.position, line, reference_id)


def parse_or_reject(record: RawRecord) -> Cable | Reject:
    try:
        return parse(record)
    except Exception as error:
        return reject_of(record, error)


def build_or_reject(record: RawRecord, cable: Cable, iris: IRIs) -> Ready | Reject:
    try:
        return Ready.of(build(cable, iris=iris))
    except Exception as error:
        return reject_of(record, error, cable.reference_id)


def process_chunk(records: list[RawRecord], iris: IRIs) -> list[Ready | Reject]:
    """A worker's task: process each record, turning failures into rejects (they pickle)."""
    results: list[Ready | Reject] = []
    for record in records:
        cable = parse_or_reject(record)
        results.append(cable if isinstance(cable, Reject) else build_or_reject(record, cable, iris))
    return results
