"""The values the pipeline stages hand each other.

    sources  -> RawRecord
    parse    -> Cable (with Routing, Reference, ClassifiedBy, Paragraph, Provenance)
    extract  -> Extraction (with Entity, Role, Mention, Meeting)
    rdf      -> quads

Every type here is a frozen dataclass: stages never mutate what they were given,
which keeps them pure and safe to run in worker processes (all types pickle).
Offsets are character offsets into ``Paragraph.text`` (or into the header field a
mention was found in), half-open: ``text[start:end] == surface``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from dataclasses import field as dataclass_field
from datetime import date, datetime
from typing import Literal

Format = Literal["archive", "html", "telegram", "csv", "jsonl"]
FORMATS: tuple[Format, ...] = ("archive", "html", "telegram", "csv", "jsonl")

EntityKind = Literal["person", "organization", "place", "topic"]
MeetingStatus = Literal["held", "planned", "reported"]
# Where outside the numbered paragraphs a mention can sit.
Field = Literal["paragraph", "subject", "ref", "classified_by", "signature", "tags", "header"]


def checksum(text: str) -> str:
    """The SHA-256 of a raw record's text, as lowercase hex."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as a source yields it, before any parsing.

    ``fields`` carries metadata that the container format states outside the
    telegram text (the CSV columns, the JSON keys, the WikiLeaks table cells):
    keys among reference_id, created, released, classification, origin,
    references, header, body.
    """

    source: str
    position: int  # 1-based record number within the source
    format: Format
    text: str
    line: int | None = None  # 1-based line where the record starts, when known
    fields: dict[str, str] = field(default_factory=dict, compare=True, hash=False)

    @property
    def checksum(self) -> str:
        return checksum(self.text)

    @property
    def where(self) -> str:
        """Human-readable location for error messages."""
        at = f", line {self.line}" if self.line is not None else ""
        return f"{self.source}, record {self.position}{at}"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a cable came from: enough to find the raw record again."""

    source: str
    position: int
    format: Format
    checksum: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Address:
    """One addressee of the routing header: ``RUEHLI/AMEMBASSY LISBON IMMEDIATE 0208``."""

    name: str  # AMEMBASSY LISBON
    indicator: str | None = None  # RUEHLI
    precedence: str | None = None  # IMMEDIATE
    serial: str | None = None  # 0208


@dataclass(frozen=True, slots=True)
class Routing:
    """The telegram routing header (the part before the classification banner)."""

    transmission_id: str | None = None  # VZCZCXRO6133
    precedence: str | None = None  # P, O, OO, PP ...
    date_time_group: str | None = None  # 131439Z FEB 07
    sent: datetime | None = None  # the date-time group read as UTC
    station: str | None = None  # DE RUEHMO #0628/01 0441439 -> RUEHMO
    sender: Address | None = None  # FM AMEMBASSY MOSCOW
    to: tuple[Address, ...] = ()
    info: tuple[Address, ...] = ()
    raw: str = ""


@dataclass(frozen=True, slots=True)
class Reference:
    """One item of a REF block: ``A. STATE 15283``."""

    text: str  # the raw item text, e.g. "STATE 15283"
    label: str | None = None  # A, B, ... when the block letters its items
    cable_id: str | None = None  # 07STATE15283 when it names a cable


@dataclass(frozen=True, slots=True)
class ClassifiedBy:
    """``Classified By: Ambassador William J. Burns: 1.4 (b, d).``"""

    raw: str
    person: str | None = None  # William J. Burns
    role: str | None = None  # Ambassador
    reason: str | None = None  # 1.4 (b, d)
    # Every person the line names, in order (``person`` is the first): "Classified By: AF
    # Karl Wycoff, Acting and S/CT DAS Shari Villarosa" names two.
    people: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A numbered (or unnumbered) paragraph of the body."""

    index: int  # 0-based position in Cable.paragraphs
    text: str  # cleaned text, marking and number stripped
    number: int | None = None  # 1, 2, ...
    classification: str | None = None  # C, S, U, SBU, S//NF ...
    heading: str | None = None  # the section heading above it, if any


@dataclass(frozen=True, slots=True)
class Cable:
    """A parsed cable: every header field and the body, dirt repaired."""

    reference_id: str  # 07MOSCOW628
    provenance: Provenance
    raw: str  # the raw record text, kept whole
    created: datetime | None = None
    released: datetime | None = None
    classification: str | None = None  # as the release states it: CONFIDENTIAL, SECRET//NOFORN
    origin: str | None = None  # as the release names it: Embassy Moscow
    subject: str | None = None
    tags: tuple[
        str, ...
    ] = ()  # TAGS as written, upper case: PREL, RS; OVIP then its person "STEINBERG, JAMES B."
    routing: Routing | None = None
    banner: str | None = None  # CONFIDENTIAL SECTION 01 OF 03 MOSCOW 000628
    executive_order: str | None = None  # 12958
    declassify_on: str | None = None  # 2017-02-13, or the raw marker (X1, 25X1); None for N/A
    references: tuple[Reference, ...] = ()
    reference_text: str | None = None  # the whole REF block as written
    classified_by: ClassifiedBy | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    signature: str | None = None  # BURNS
    body: str = ""  # the cleaned body text (banner to signature)
    partial: bool = False  # the source says it is a partial extract

    @property
    def classified_by_all(self) -> tuple[str, ...]:
        """Every person the Classified By line names, in order (most name one):
        ``classified_by.people``, or ``()`` when the cable has no such line."""
        return self.classified_by.people if self.classified_by is not None else ()


@dataclass(frozen=True, slots=True)
class Role:
    """A title a person holds at the cable's date: Deputy Foreign Minister (of Russia)."""

    title: str
    organization: str | None = None  # entity key of the organization, when the text gives one
    country: str | None = None  # FIPS code, when known
    paragraph: int | None = None  # index of the paragraph that states it


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organization, place or topic, as resolved within one cable.

    ``key`` is stable within the extraction; ``global_id`` is the cross-cable identity
    used for the IRI (a normalized full name, a FIPS code, a TAGS code) or None when
    the cable gives too little to identify the entity beyond itself.
    """

    key: str
    kind: EntityKind
    name: str  # canonical: the fullest form the cable gives
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    global_id: str | None = None
    code: str | None = None  # TAGS / FIPS code for places and topics, acronym for organizations
    scheme: str | None = None  # for topics: subject, program, organization, geo, person, free
    country: str | None = None  # FIPS code of the country it belongs to, when known
    subtype: str | None = None  # country, city, region; ministry, party, ...
    confidence: float = 1.0
    # the extraction rules that found it and merged its mentions, in order ("person.title",
    # "coref.surname"): for scoring rules, not part of what the entity is
    rules: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class Mention:
    """Where the text names an entity."""

    entity: str  # Entity.key
    text: str  # the surface form, exactly as in the text
    start: int
    end: int
    paragraph: int | None = None  # Paragraph.index, when field == "paragraph"
    field: Field = "paragraph"
    rule: str = dataclass_field(default="", compare=False)  # the rule that found it


@dataclass(frozen=True, slots=True)
class Meeting:
    """An encounter the cable tells of: who met whom, when, where, about what."""

    key: str
    kind: str  # meeting, call, dinner, lunch, roundtable, phone call, visit ...
    status: MeetingStatus
    participants: tuple[str, ...]  # Entity keys of the people who took part, people only
    paragraphs: tuple[int, ...]  # Paragraph.index of the paragraphs that tell it
    date: date | None = None
    place: str | None = None  # Entity key
    topics: tuple[str, ...] = ()  # Entity keys of topics, places or organizations discussed
    host: str | None = None  # Entity key of the host, when the text names one
    # the rule that found the encounter, and for each participant the rule that put it in
    # ("meeting.cue", ("participant.listed", ...)): for scoring rules, not part of the meeting
    rule: str = field(default="", compare=False)
    participant_rules: tuple[str, ...] = field(default=(), compare=False)
    status_rule: str = field(default="", compare=False)  # the rule that set the status
    # Entity keys of the sides that took part but are no person: the post's unnamed
    # officers (as the post), a redacted contact, a group named only as such
    parties: tuple[str, ...] = ()
    party_rules: tuple[str, ...] = field(default=(), compare=False)  # as participant_rules


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one cable."""

    reference_id: str
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    meetings: tuple[Meeting, ...] = ()

    def entity(self, key: str) -> Entity:
        for entity in self.entities:
            if entity.key == key:
                return entity
        raise KeyError(key)

    def of_kind(self, kind: EntityKind) -> tuple[Entity, ...]:
        return tuple(e for e in self.entities if e.kind == kind)
