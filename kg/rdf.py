"""A cable and what was extracted from it, as RDF triples: the one place results become RDF.

The mapping is the one documented in ``ontology/README.md`` and checked by
``ontology/shapes.ttl``. Terms are pyoxigraph nodes built directly (constants in
``kg.vocab``), never rdflib objects: this runs once per cable over the whole release, and
the store takes pyoxigraph terms as they are. The same input always gives the same
triples in the same order; nodes a cable numbers itself (memberships, meetings, mentions)
are numbered from 1 in the order the extraction lists them.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pyoxigraph as ox

from kg import vocab as v
from kg.iri import IRIs, slug
from kg.model import Address, Cable, Entity, Extraction, Field

Subject = ox.NamedNode
Object = ox.NamedNode | ox.Literal

# Routing headers name posts telegraphically ("AMEMBASSY MOSCOW", "SECSTATE WASHDC"), the
# release plainly ("Embassy Moscow", "Secretary of State"). Both must give one post IRI,
# so names are rewritten to the release's form before the IRI is made. Whole names first.
_POST_NAMES: dict[str, str] = {
    "SECSTATE WASHDC": "Secretary of State",
    "SECSTATE": "Secretary of State",
    "SECDEF WASHDC": "Secretary of Defense",
    "USMISSION USUN NEW YORK": "USUN New York",
    "USUN NEW YORK": "USUN New York",
}
_POST_PREFIXES: tuple[tuple[str, str], ...] = (
    ("AMEMBASSY ", "Embassy "),
    ("AMEMB ", "Embassy "),
    ("AMCONSUL ", "Consulate "),
    ("AMCONGEN ", "Consulate "),
    ("USMISSION ", "Mission "),
    ("USOFFICE ", "US Office "),
    ("USINT ", "US Interests Section "),
)

_SCHEMES: dict[str, ox.NamedNode] = {
    "subject": v.SUBJECT_TAGS,
    "program": v.PROGRAM_TAGS,
    "organization": v.ORGANIZATION_TAGS,
    "geo": v.GEO_TAGS,
    "person": v.PERSON_TAGS,
    "free": v.FREE_TOPICS,
}
_STATUSES: dict[str, ox.NamedNode] = {"held": v.HELD, "planned": v.PLANNED, "reported": v.REPORTED}
_PLACE_TYPES: dict[str, ox.NamedNode] = {
    "country": v.SCHEMA_COUNTRY,
    "city": v.SCHEMA_CITY,
    "region": v.SCHEMA_ADMINISTRATIVE_AREA,
    "province": v.SCHEMA_ADMINISTRATIVE_AREA,
    "state": v.SCHEMA_ADMINISTRATIVE_AREA,
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FIPS = re.compile(r"[A-Z0-9]{2}")
_PERSON_TAG = re.compile(r"\(\s*([^,()]+?)\s*,\s*([^()]+?)\s*\)")  # OVIP (STEINBERG, JAMES B.)


def post_name(name: str) -> str:
    """The release's form of a post name: ``"AMEMBASSY MOSCOW"`` -> ``"Embassy MOSCOW"``.

    Only the part that decides the IRI is rewritten; case does not matter to the slug.
    """
    text = " ".join(name.split())
    upper = text.upper()
    if upper in _POST_NAMES:
        return _POST_NAMES[upper]
    for prefix, replacement in _POST_PREFIXES:
        if upper.startswith(prefix):
            return replacement + text[len(prefix) :]
    return text


def graph_iri(cable: Cable, iris: IRIs) -> str:
    """The named graph that holds every triple derived from ``cable``."""
    return iris.graph(cable.reference_id)


def triples(cable: Cable, extraction: Extraction | None, *, iris: IRIs) -> list[ox.Triple]:
    """Every triple the cable and its extraction give, without duplicates, in a stable order."""
    return _Builder(cable, extraction or Extraction(cable.reference_id), iris).build()


def quads(cable: Cable, extraction: Extraction | None, *, iris: IRIs) -> list[ox.Quad]:
    """``triples`` placed in the cable's named graph, ready for ``Store.extend`` or a dump."""
    graph = ox.NamedNode(graph_iri(cable, iris))
    return [
        ox.Quad(t.subject, t.predicate, t.object, graph)
        for t in triples(cable, extraction, iris=iris)
    ]


# -- literals -------------------------------------------------------------------------------


def _string(text: str) -> ox.Literal:
    return ox.Literal(text)


def _integer(number: int) -> ox.Literal:
    return ox.Literal(str(number), datatype=v.XSD_INTEGER)


def _boolean(flag: bool) -> ox.Literal:
    return ox.Literal("true" if flag else "false", datatype=v.XSD_BOOLEAN)


def _datetime(moment: datetime) -> ox.Literal:
    # Naive date-times stay naive: the sources give no offset and we invent none.
    return ox.Literal(moment.isoformat(), datatype=v.XSD_DATETIME)


def _date(day: date) -> ox.Literal:
    return ox.Literal(day.isoformat(), datatype=v.XSD_DATE)


def _decimal(number: float) -> ox.Literal:
    return ox.Literal(f"{number:.3f}", datatype=v.XSD_DECIMAL)


def _declassify_on(marker: str) -> ox.Literal:
    """A date when the line gives one (2017-02-13), else the marker as written (25X1)."""
    if _ISO_DATE.fullmatch(marker):
        try:
            return _date(date.fromisoformat(marker))
        except ValueError:  # 2017-02-30: keep what the cable says rather than guess
            pass
    return _string(marker)


# -- the builder ----------------------------------------------------------------------------


class _Builder:
    """Collects one cable's triples; lives for one call of ``triples``."""

    def __init__(self, cable: Cable, extraction: Extraction, iris: IRIs) -> None:
        self.cable = cable
        self.extraction = extraction
        self.iris = iris
        self.ref = cable.reference_id
        self.node = ox.NamedNode(iris.cable(self.ref))
        self.out: list[ox.Triple] = []
        self.seen: set[ox.Triple] = set()
        self.entities = {e.key: self._entity_node(e) for e in extraction.entities}
        self.countries: list[str] = []  # FIPS codes linked by kg:country, described at the end
        self.memberships = 0

    def add(self, subject: Subject, predicate: ox.NamedNode, obj: Object) -> None:
        triple = ox.Triple(subject, predicate, obj)
        if triple not in self.seen:
            self.seen.add(triple)
            self.out.append(triple)

    def text(self, subject: Subject, predicate: ox.NamedNode, value: str | None) -> None:
        if value is not None:
            self.add(subject, predicate, _string(value))

    def build(self) -> list[ox.Triple]:
        self.header()
        self.routing()
        self.tags()
        self.references()
        self.paragraphs()
        for entity in self.extraction.entities:
            self.entity(entity)
        self.signers()
        self.meetings()
        self.mentions()
        self.country_stubs()
        return self.out

    # -- lookups ----------------------------------------------------------------------------

    def _entity_node(self, entity: Entity) -> ox.NamedNode:
        iris, ref = self.iris, self.ref
        if entity.kind == "person":
            return ox.NamedNode(iris.person(entity.global_id, reference_id=ref, local=entity.key))
        if entity.kind == "organization":
            iri = iris.organization(entity.global_id, reference_id=ref, local=entity.key)
            return ox.NamedNode(iri)
        if entity.kind == "place":
            return ox.NamedNode(iris.place(entity.code or entity.global_id or entity.name))
        if entity.code and entity.scheme != "free":
            return ox.NamedNode(iris.tag(entity.code))
        return ox.NamedNode(iris.topic(entity.global_id or entity.name))

    def entity_ref(self, key: str, what: str) -> ox.NamedNode:
        try:
            return self.entities[key]
        except KeyError:
            raise ValueError(
                f"cable {self.ref}: {what} names entity {key!r}, which the extraction does not "
                "define; every key must be the key of one of Extraction.entities"
            ) from None

    def paragraph_ref(self, index: int, what: str) -> ox.NamedNode:
        if not 0 <= index < len(self.cable.paragraphs):
            raise ValueError(
                f"cable {self.ref}: {what} points at paragraph index {index}, but the cable has "
                f"{len(self.cable.paragraphs)} paragraphs (indexes are 0-based)"
            )
        return ox.NamedNode(self.iris.paragraph(self.ref, index))

    def country(self, subject: Subject, code: str | None) -> None:
        if code:
            self.add(subject, v.COUNTRY, ox.NamedNode(self.iris.place(code)))
            self.countries.append(code)

    # -- the cable ----------------------------------------------------------------------------

    def header(self) -> None:
        cable, node = self.cable, self.node
        self.add(node, v.TYPE, v.CABLE)
        self.add(node, v.DCT_IDENTIFIER, _string(cable.reference_id))
        self.text(node, v.DCT_TITLE, cable.subject)
        if cable.created is not None:
            self.add(node, v.DCT_CREATED, _datetime(cable.created))
        if cable.released is not None:
            self.add(node, v.RELEASED, _datetime(cable.released))
        self.text(node, v.CLASSIFICATION, cable.classification)
        if cable.origin:
            self.add(node, v.ORIGIN, self.post(cable.origin))
        self.text(node, v.BANNER, cable.banner)
        self.text(node, v.EXECUTIVE_ORDER, cable.executive_order)
        if cable.declassify_on is not None:
            self.add(node, v.DECLASSIFY_ON, _declassify_on(cable.declassify_on))
        if cable.classified_by is not None:
            self.text(node, v.CLASSIFIED_BY_ROLE, cable.classified_by.role)
            self.text(node, v.CLASSIFICATION_REASON, cable.classified_by.reason)
        self.text(node, v.SIGNATURE, cable.signature)
        self.add(node, v.PARTIAL_EXTRACT, _boolean(cable.partial))
        provenance = cable.provenance
        self.add(node, v.SOURCE_FILE, _string(provenance.source))
        self.add(node, v.RECORD_POSITION, _integer(provenance.position))
        self.add(node, v.SOURCE_FORMAT, _string(provenance.format))
        self.add(node, v.CHECKSUM, _string(provenance.checksum))
        self.add(node, v.RAW_TEXT, _string(cable.raw))
        if cable.body:
            self.add(node, v.BODY_TEXT, _string(cable.body))

    def post(self, name: str, indicator: str | None = None) -> ox.NamedNode:
        node = ox.NamedNode(self.iris.post(post_name(name)))
        self.add(node, v.TYPE, v.POST)
        self.add(node, v.LABEL, _string(name))
        self.text(node, v.ROUTING_INDICATOR, indicator)
        return node

    def routing(self) -> None:
        routing, node = self.cable.routing, self.node
        if routing is None:
            return
        self.text(node, v.PRECEDENCE, routing.precedence)
        self.text(node, v.TRANSMISSION_ID, routing.transmission_id)
        self.text(node, v.DATE_TIME_GROUP, routing.date_time_group)
        if routing.sent is not None:
            self.add(node, v.SENT, _datetime(routing.sent))
        if routing.sender is not None:
            # The DE line's station is the sender's routing indicator when FM gives none.
            indicator = routing.sender.indicator or routing.station
            self.add(node, v.SENDER, self.post(routing.sender.name, indicator))
        addressees: list[tuple[ox.NamedNode, Address]] = [(v.TO, a) for a in routing.to]
        addressees += [(v.INFO, a) for a in routing.info]
        for predicate, address in addressees:
            self.add(node, predicate, self.post(address.name, address.indicator))

    def tags(self) -> None:
        for code in self.cable.tags:
            concept = ox.NamedNode(self.iris.tag(code))
            self.add(self.node, v.TAG, concept)
            self.add(concept, v.TYPE, v.SKOS_CONCEPT)
            self.add(concept, v.SKOS_NOTATION, _string(code))

    def references(self) -> None:
        self.text(self.node, v.REFERENCE_TEXT, self.cable.reference_text)
        for reference in self.cable.references:
            if reference.cable_id:
                self.add(
                    self.node, v.DCT_REFERENCES, ox.NamedNode(self.iris.cable(reference.cable_id))
                )

    def paragraphs(self) -> None:
        for paragraph in self.cable.paragraphs:
            node = ox.NamedNode(self.iris.paragraph(self.ref, paragraph.index))
            self.add(self.node, v.DCT_HAS_PART, node)
            self.add(node, v.TYPE, v.PARAGRAPH)
            self.add(node, v.DCT_IS_PART_OF, self.node)
            self.add(node, v.ORDER, _integer(paragraph.index))
            if paragraph.number is not None:
                self.add(node, v.NUMBER, _integer(paragraph.number))
            self.text(node, v.CLASSIFICATION, paragraph.classification)
            self.text(node, v.HEADING, paragraph.heading)
            self.add(node, v.TEXT, _string(paragraph.text))

    # -- entities -----------------------------------------------------------------------------

    def entity(self, entity: Entity) -> None:
        node = self.entities[entity.key]
        self.add(self.node, v.MENTIONS, node)
        if entity.kind == "person":
            self.person(node, entity)
        elif entity.kind == "organization":
            self.add(node, v.TYPE, v.ORG_ORGANIZATION)
            self.add(node, v.SKOS_PREF_LABEL, _string(entity.name))
            self.text(node, v.ACRONYM, entity.code)
            self.country(node, entity.country)
        elif entity.kind == "place":
            self.add(node, v.TYPE, v.SCHEMA_PLACE)
            if entity.subtype in _PLACE_TYPES:
                self.add(node, v.TYPE, _PLACE_TYPES[entity.subtype])
            self.add(node, v.SKOS_PREF_LABEL, _string(entity.name))
            if entity.code and _FIPS.fullmatch(entity.code):
                self.add(node, v.FIPS_CODE, _string(entity.code))
            if entity.country != entity.code:
                self.country(node, entity.country)
        else:
            self.topic(node, entity)
        for alias in entity.aliases:
            self.add(node, v.SKOS_ALT_LABEL, _string(alias))
        if entity.confidence < 1.0:
            self.add(node, v.CONFIDENCE, _decimal(entity.confidence))

    def person(self, node: ox.NamedNode, entity: Entity) -> None:
        self.add(node, v.TYPE, v.FOAF_PERSON)
        self.add(node, v.TYPE, v.SCHEMA_PERSON)
        self.add(node, v.FOAF_NAME, _string(entity.name))
        for role in entity.roles:
            self.memberships += 1
            membership = ox.NamedNode(self.iris.membership(self.ref, self.memberships))
            self.add(node, v.ORG_HAS_MEMBERSHIP, membership)
            self.add(membership, v.TYPE, v.ORG_MEMBERSHIP)
            self.add(membership, v.ORG_MEMBER, node)
            role_node = ox.NamedNode(self.iris.role(role.title))
            self.add(membership, v.ORG_ROLE, role_node)
            self.add(role_node, v.TYPE, v.ORG_ROLE_CLASS)
            self.add(role_node, v.TYPE, v.ROLE)
            self.add(role_node, v.SKOS_PREF_LABEL, _string(role.title))
            if role.organization is not None:
                organization = self.entity_ref(role.organization, f"a role of {entity.key!r}")
                self.add(membership, v.ORG_ORGANIZATION_PROP, organization)
            self.country(membership, role.country)
            if self.cable.created is not None:
                self.add(membership, v.AS_OF, _date(self.cable.created.date()))
            source = (
                self.node
                if role.paragraph is None
                else self.paragraph_ref(role.paragraph, f"a role of {entity.key!r}")
            )
            self.add(membership, v.PROV_WAS_DERIVED_FROM, source)

    def topic(self, node: ox.NamedNode, entity: Entity) -> None:
        self.add(node, v.TYPE, v.SKOS_CONCEPT)
        self.add(node, v.SKOS_PREF_LABEL, _string(entity.name))
        if entity.code:
            self.add(node, v.SKOS_NOTATION, _string(entity.code))
        # A topic without a TAGS code can only be a free topic, whatever the scheme says.
        scheme = entity.scheme if entity.code else "free"
        if scheme in _SCHEMES:
            self.add(node, v.SKOS_IN_SCHEME, _SCHEMES[scheme])
        if entity.scheme == "geo" and entity.code and _FIPS.fullmatch(entity.code):
            self.add(node, v.SKOS_EXACT_MATCH, ox.NamedNode(self.iris.place(entity.code)))
        if entity.scheme == "person" and entity.code:
            focus = self.person_named_in_tag(entity.code)
            if focus is not None:
                self.add(node, v.FOAF_FOCUS, focus)

    def person_named_in_tag(self, code: str) -> ox.NamedNode | None:
        """The person a person TAG names, ``OVIP (STEINBERG, JAMES B.)``, if extracted."""
        match = _PERSON_TAG.search(code)
        if match is None:
            return None
        surname, given = match.groups()
        wanted = {slug(f"{given} {surname}"), slug(f"{surname} {given}")}
        for entity in self.extraction.of_kind("person"):
            names = (entity.name, entity.global_id or "", *entity.aliases)
            if wanted & {slug(name) for name in names}:
                return self.entities[entity.key]
        return None

    def signers(self) -> None:
        classified_by = self.cable.classified_by
        if classified_by is not None:
            person = self.person_for("classified_by", classified_by.person)
            if person is None and classified_by.person:
                person = self.person_from_header(classified_by.person)
            if person is not None:
                self.add(self.node, v.CLASSIFIED_BY, person)
        if self.cable.signature:
            person = self.person_for("signature", self.cable.signature)
            if person is not None:
                self.add(self.node, v.SIGNED_BY, person)

    def person_for(self, field: Field, name: str | None) -> ox.NamedNode | None:
        """The extracted person a header field names: by a mention there, else by name."""
        people = self.extraction.of_kind("person")
        keys = {e.key for e in people}
        for mention in self.extraction.mentions:
            if mention.field == field and mention.entity in keys:
                return self.entities[mention.entity]
        if not name:
            return None
        wanted = name.casefold()
        for entity in people:
            if wanted in {n.casefold() for n in (entity.name, *entity.aliases)}:
                return self.entities[entity.key]
        # A signature is usually a surname alone (BURNS): accept it when only one fits.
        by_surname = [e for e in people if e.name.casefold().split()[-1:] == [wanted]]
        return self.entities[by_surname[0].key] if len(by_surname) == 1 else None

    def person_from_header(self, name: str) -> ox.NamedNode:
        """A person node for a Classified By name no extracted entity matches."""
        # A full name identifies the person across cables; a surname alone only here.
        global_id = name if len(name.split()) > 1 else None
        node = ox.NamedNode(self.iris.person(global_id, reference_id=self.ref, local=name))
        self.add(node, v.TYPE, v.FOAF_PERSON)
        self.add(node, v.TYPE, v.SCHEMA_PERSON)
        self.add(node, v.FOAF_NAME, _string(name))
        return node

    # -- meetings and mentions ----------------------------------------------------------------

    def meetings(self) -> None:
        for n, meeting in enumerate(self.extraction.meetings, start=1):
            what = f"meeting {meeting.key!r}"
            node = ox.NamedNode(self.iris.meeting(self.ref, n))
            self.add(node, v.TYPE, v.MEETING)
            for key in meeting.participants:
                self.add(node, v.PARTICIPANT, self.entity_ref(key, what))
            if meeting.host is not None:
                self.add(node, v.HOST, self.entity_ref(meeting.host, what))
            if meeting.date is not None:
                self.add(node, v.DCT_DATE, _date(meeting.date))
                self.add(node, v.SCHEMA_START_DATE, _date(meeting.date))
            if meeting.place is not None:
                self.add(node, v.SCHEMA_LOCATION, self.entity_ref(meeting.place, what))
            for key in meeting.topics:
                self.add(node, v.TOPIC, self.entity_ref(key, what))
            self.add(node, v.STATUS, _STATUSES[meeting.status])
            self.add(node, v.MEETING_KIND, _string(meeting.kind))
            self.add(node, v.REPORTED_IN, self.node)
            for index in meeting.paragraphs:
                self.add(node, v.PROV_WAS_DERIVED_FROM, self.paragraph_ref(index, what))

    def mentions(self) -> None:
        for n, mention in enumerate(self.extraction.mentions, start=1):
            what = f"mention {n} ({mention.text!r})"
            node = ox.NamedNode(self.iris.mention(self.ref, n))
            self.add(node, v.TYPE, v.MENTION)
            self.add(node, v.REFERS_TO, self.entity_ref(mention.entity, what))
            if mention.field == "paragraph" and mention.paragraph is not None:
                self.add(node, v.IN_PARAGRAPH, self.paragraph_ref(mention.paragraph, what))
            else:
                self.add(node, v.IN_FIELD, _string(mention.field))
            self.add(node, v.START, _integer(mention.start))
            self.add(node, v.END, _integer(mention.end))
            self.add(node, v.SURFACE, _string(mention.text))

    def country_stubs(self) -> None:
        """Describe countries linked by code that no place entity described."""
        described = {self.entities[e.key] for e in self.extraction.of_kind("place")}
        for code in self.countries:
            node = ox.NamedNode(self.iris.place(code))
            if node in described:
                continue
            # Enough for the place shape and for joins: the type and the code.
            self.add(node, v.TYPE, v.SCHEMA_PLACE)
            if _FIPS.fullmatch(code):
                self.add(node, v.TYPE, v.SCHEMA_COUNTRY)
                self.add(node, v.FIPS_CODE, _string(code))
            else:  # not a code after all: a name, which is the best label there is
                self.add(node, v.SKOS_PREF_LABEL, _string(code))
