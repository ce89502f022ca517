"""What ingestion hands on and reports: processed cables, rejects, outcomes, the counts.

Values only: made in worker processes (``Processed``, ``Ready``, ``Reject`` pickle), read
by the writer, the CLI and the progress line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from kg.errors import FormatError, KGError, RecordError, StoreWriteError
from kg.model import Cable, Provenance
from kg.store.oxigraph import ntriples

Status = Literal["ingested", "unchanged", "replaced", "kept", "rejected"]


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


class IngestStoppedError(StoreWriteError):
    """The store stopped taking writes midway; ``report`` says what was committed before.

    Every cable the report counts as ingested or replaced is stored whole; the group in
    flight is not stored at all, and running the same ingest again completes the rest.
    """

    def __init__(self, cause: StoreWriteError, report: IngestReport) -> None:
        super().__init__(f"the ingest stopped: {cause.message}", hint=cause.hint)
        self.report = report
