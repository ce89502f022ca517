"""The pieces triples are made of, as pyoxigraph terms: vocabulary nodes, literals, a list.

Building a ``NamedNode`` per triple, or going through rdflib terms, costs more than the
rest of the RDF step (see DESIGN.md); the vocabulary nodes are built once, at import.
The ``kg:`` ones come from the closed namespace ``kg.rdf.vocabulary.KG``, so a term missing
from the ontology fails here, at import, not in a query later.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pyoxigraph as ox
from rdflib import URIRef

from kg.rdf.vocabulary import (
    DCTERMS_NS,
    FOAF_NS,
    KG,
    ORG_NS,
    PROV_NS,
    RDF_NS,
    RDFS_NS,
    SCHEMA_NS,
    SKOS_NS,
    XSD_NS,
)


def _kg(term: URIRef) -> ox.NamedNode:
    return ox.NamedNode(str(term))


# -- standard vocabularies ------------------------------------------------------------------
TYPE = ox.NamedNode(RDF_NS + "type")
LABEL = ox.NamedNode(RDFS_NS + "label")

XSD_STRING = ox.NamedNode(XSD_NS + "string")
XSD_INTEGER = ox.NamedNode(XSD_NS + "integer")
XSD_DECIMAL = ox.NamedNode(XSD_NS + "decimal")
XSD_BOOLEAN = ox.NamedNode(XSD_NS + "boolean")
XSD_DATE = ox.NamedNode(XSD_NS + "date")
XSD_DATETIME = ox.NamedNode(XSD_NS + "dateTime")

DCT_IDENTIFIER = ox.NamedNode(DCTERMS_NS + "identifier")
DCT_TITLE = ox.NamedNode(DCTERMS_NS + "title")
DCT_CREATED = ox.NamedNode(DCTERMS_NS + "created")
DCT_DATE = ox.NamedNode(DCTERMS_NS + "date")
DCT_REFERENCES = ox.NamedNode(DCTERMS_NS + "references")
DCT_HAS_PART = ox.NamedNode(DCTERMS_NS + "hasPart")
DCT_IS_PART_OF = ox.NamedNode(DCTERMS_NS + "isPartOf")

FOAF_PERSON = ox.NamedNode(FOAF_NS + "Person")
FOAF_NAME = ox.NamedNode(FOAF_NS + "name")
FOAF_FOCUS = ox.NamedNode(FOAF_NS + "focus")

ORG_ORGANIZATION = ox.NamedNode(ORG_NS + "Organization")
ORG_MEMBERSHIP = ox.NamedNode(ORG_NS + "Membership")
ORG_ROLE_CLASS = ox.NamedNode(ORG_NS + "Role")
ORG_HAS_MEMBERSHIP = ox.NamedNode(ORG_NS + "hasMembership")
ORG_MEMBER = ox.NamedNode(ORG_NS + "member")
ORG_ROLE = ox.NamedNode(ORG_NS + "role")
ORG_ORGANIZATION_PROP = ox.NamedNode(ORG_NS + "organization")

SKOS_CONCEPT = ox.NamedNode(SKOS_NS + "Concept")
SKOS_PREF_LABEL = ox.NamedNode(SKOS_NS + "prefLabel")
SKOS_ALT_LABEL = ox.NamedNode(SKOS_NS + "altLabel")
SKOS_NOTATION = ox.NamedNode(SKOS_NS + "notation")
SKOS_IN_SCHEME = ox.NamedNode(SKOS_NS + "inScheme")
SKOS_EXACT_MATCH = ox.NamedNode(SKOS_NS + "exactMatch")

PROV_WAS_DERIVED_FROM = ox.NamedNode(PROV_NS + "wasDerivedFrom")

SCHEMA_PERSON = ox.NamedNode(SCHEMA_NS + "Person")
SCHEMA_PLACE = ox.NamedNode(SCHEMA_NS + "Place")
SCHEMA_COUNTRY = ox.NamedNode(SCHEMA_NS + "Country")
SCHEMA_CITY = ox.NamedNode(SCHEMA_NS + "City")
SCHEMA_ADMINISTRATIVE_AREA = ox.NamedNode(SCHEMA_NS + "AdministrativeArea")
SCHEMA_LOCATION = ox.NamedNode(SCHEMA_NS + "location")

# -- the cable ontology ---------------------------------------------------------------------
CABLE = _kg(KG.Cable)
PARAGRAPH = _kg(KG.Paragraph)
POST = _kg(KG.Post)
MEETING = _kg(KG.Meeting)
MENTION = _kg(KG.Mention)
ROLE = _kg(KG.Role)
HELD = _kg(KG.Held)
PLANNED = _kg(KG.Planned)
REPORTED = _kg(KG.Reported)
SUBJECT_TAGS = _kg(KG.SubjectTags)
PROGRAM_TAGS = _kg(KG.ProgramTags)
ORGANIZATION_TAGS = _kg(KG.OrganizationTags)
GEO_TAGS = _kg(KG.GeoTags)
PERSON_TAGS = _kg(KG.PersonTags)
FREE_TOPICS = _kg(KG.FreeTopics)

RELEASED = _kg(KG.released)
CLASSIFICATION = _kg(KG.classification)
ORIGIN = _kg(KG.origin)
PRECEDENCE = _kg(KG.precedence)
TRANSMISSION_ID = _kg(KG.transmissionId)
DATE_TIME_GROUP = _kg(KG.dateTimeGroup)
SENT = _kg(KG.sent)
SENDER = _kg(KG.sender)
TO = _kg(KG.to)
INFO = _kg(KG.info)
TAG = _kg(KG.tag)
REFERENCE_TEXT = _kg(KG.referenceText)
CLASSIFIED_BY = _kg(KG.classifiedBy)
CLASSIFIED_BY_ROLE = _kg(KG.classifiedByRole)
CLASSIFICATION_REASON = _kg(KG.classificationReason)
EXECUTIVE_ORDER = _kg(KG.executiveOrder)
DECLASSIFY_ON = _kg(KG.declassifyOn)
SIGNED_BY = _kg(KG.signedBy)
SIGNATURE = _kg(KG.signature)
BANNER = _kg(KG.banner)
PARTIAL_EXTRACT = _kg(KG.partialExtract)
MENTIONS = _kg(KG.mentions)
SOURCE_FILE = _kg(KG.sourceFile)
RECORD_POSITION = _kg(KG.recordPosition)
SOURCE_FORMAT = _kg(KG.sourceFormat)
CHECKSUM = _kg(KG.checksum)
RAW_TEXT = _kg(KG.rawText)
ROUTING_INDICATOR = _kg(KG.routingIndicator)
NUMBER = _kg(KG.number)
ORDER = _kg(KG.order)
HEADING = _kg(KG.heading)
TEXT = _kg(KG.text)
FIPS_CODE = _kg(KG.fipsCode)
ACRONYM = _kg(KG.acronym)
COUNTRY = _kg(KG.country)
CONFIDENCE = _kg(KG.confidence)
AS_OF = _kg(KG.asOf)
NAME_KEY = _kg(KG.nameKey)
LABEL_KEY = _kg(KG.labelKey)
PARTICIPANT = _kg(KG.participant)
PARTY = _kg(KG.party)
HOST = _kg(KG.host)
STATUS = _kg(KG.status)
MEETING_KIND = _kg(KG.meetingKind)
TOPIC = _kg(KG.topic)
REPORTED_IN = _kg(KG.reportedIn)
REFERS_TO = _kg(KG.refersTo)
IN_PARAGRAPH = _kg(KG.inParagraph)
IN_FIELD = _kg(KG.inField)
START = _kg(KG.start)
END = _kg(KG.end)
SURFACE = _kg(KG.surface)


# -- literals -------------------------------------------------------------------------------
# Names and text are plain literals (xsd:string, never a language tag: the cables mix
# languages and a wrong tag is worse than none).


_SURROGATE = re.compile("[\ud800-\udfff]")


def string(text: str) -> ox.Literal:
    try:
        return ox.Literal(text)
    except ValueError:
        # Undecodable bytes of a source survive as lone surrogates, which RDF cannot
        # hold: one U+FFFD each keeps every character offset into the text valid.
        return ox.Literal(_SURROGATE.sub("\ufffd", text))


def integer(number: int) -> ox.Literal:
    return ox.Literal(str(number), datatype=XSD_INTEGER)


def boolean(flag: bool) -> ox.Literal:
    return ox.Literal("true" if flag else "false", datatype=XSD_BOOLEAN)


def date_time(moment: datetime) -> ox.Literal:
    # Naive date-times stay naive: the sources give no offset and none is invented.
    # Written in the canonical form Oxigraph stores (fraction trimmed, UTC as Z).
    text = moment.replace(microsecond=0, tzinfo=None).isoformat()
    if moment.microsecond:
        text += f".{moment.microsecond:06d}".rstrip("0")
    offset = moment.utcoffset()
    if offset is not None:
        text += "Z" if not offset else moment.isoformat()[-6:]
    return ox.Literal(text, datatype=XSD_DATETIME)


def utc_date_time(moment: datetime) -> ox.Literal:
    """A UTC date-time ending in Z; a naive one is read as UTC.

    The release's Created times are the telegram's Zulu times (07MOSCOW628, created 14:39,
    has the date-time group 131439Z), so created, released and sent are all UTC.
    """
    if moment.utcoffset() is None:
        moment = moment.replace(tzinfo=UTC)
    return date_time(moment.astimezone(UTC))


def day(value: date) -> ox.Literal:
    return ox.Literal(value.isoformat(), datatype=XSD_DATE)


def decimal(number: float) -> ox.Literal:
    # Three places, in the canonical form Oxigraph stores ("0.9", "1"), so that what is
    # written and what is read back compare equal.
    text = f"{number:.3f}".rstrip("0").rstrip(".")
    return ox.Literal(text or "0", datatype=XSD_DECIMAL)


# -- a list of triples ----------------------------------------------------------------------

Subject = ox.NamedNode
Object = ox.NamedNode | ox.Literal


class TripleList:
    """Triples in the order they were added, each once."""

    def __init__(self) -> None:
        self.triples: list[ox.Triple] = []
        self._seen: set[ox.Triple] = set()
        self._single: set[tuple[Subject, ox.NamedNode]] = set()

    def add(self, subject: Subject, predicate: ox.NamedNode, obj: Object) -> None:
        triple = ox.Triple(subject, predicate, obj)
        if triple not in self._seen:
            self._seen.add(triple)
            self.triples.append(triple)

    def text(self, subject: Subject, predicate: ox.NamedNode, value: str | None) -> None:
        """A plain literal, when there is a value."""
        if value is not None:
            self.add(subject, predicate, string(value))

    def label(self, subject: Subject, predicate: ox.NamedNode, value: str) -> None:
        """A label the shapes allow once per node (foaf:name, skos:prefLabel).

        Two entities of one cable can share an IRI (same person, two keys): the first
        name stays the label, later ones become ``skos:altLabel``s, so nothing is lost.
        """
        if (subject, predicate) in self._single:
            if ox.Triple(subject, predicate, string(value)) not in self._seen:
                self.add(subject, SKOS_ALT_LABEL, string(value))
            return
        self._single.add((subject, predicate))
        self.add(subject, predicate, string(value))
