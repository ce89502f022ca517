"""Ingestion: records from files, through parse, extract and rdf, into the store.

run.py       ingest(paths, store): drives the rest, never stops for a bad record
compose.py   process(record) -> one cable's graph and triples: the pure composition
pool.py      worker processes for the pure part
writer.py    the transactional writer: groups of new cables, replacements, outcomes
outcomes.py  the values handed on and reported (Processed, Reject, Outcome, ...)
"""

from __future__ import annotations

from kg.ingest.compose import process
from kg.ingest.outcomes import IngestReport, Outcome, Processed, Reject
from kg.ingest.run import ingest

__all__ = ["IngestReport", "Outcome", "Processed", "Reject", "ingest", "process"]
