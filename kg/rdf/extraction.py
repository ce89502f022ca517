"""What was extracted from a cable, as RDF triples: entities, roles, meetings, mentions.

The second half of ``kg.rdf`` (which is the entry point): the mapping in
``ontology/README.md`` for people, memberships, roles, organizations, places, topics,
meetings and mentions, and the links from the cable's header to its signers. Nodes the
cable numbers itself (memberships, meetings, mentions) are numbered from 0, like
paragraphs, in the order the extraction lists them, which is deterministic.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg.model import Cable, Entity, Extraction, Field, Meeting, Mention, Role
from kg.posts import post_name
from kg.rdf import terms as t
from kg.rdf.iri import IRIs, slug

_SCHEMES: dict[str, ox.NamedNode] = {
    "subject": t.SUBJECT_TAGS,
    "program": t.PROGRAM_TAGS,
    "organization": t.ORGANIZATION_TAGS,
    "geo": t.GEO_TAGS,
    "person": t.PERSON_TAGS,
    "free": t.FREE_TOPICS,
}
_STATUSES: dict[str, ox.NamedNode] = {"held": t.HELD, "planned": t.PLANNED, "reported": t.REPORTED}
_PLACE_TYPES: dict[str, ox.NamedNode] = {
    "country": t.SCHEMA_COUNTRY,
    "city": t.SCHEMA_CITY,
    "region": t.SCHEMA_ADMINISTRATIVE_AREA,
    "province": t.SCHEMA_ADMINISTRATIVE_AREA,
    "state": t.SCHEMA_ADMINISTRATIVE_AREA,
}
_FIPS = re.compile(r"[A-Z0-9]{2}")
_PERSON_TAG = re.compile(r"\(\s*([^,()]+?)\s*,\s*([^()]+?)\s*\)")  # OVIP (STEINBERG, JAMES B.)
# Words a role label keeps in lower case unless they start it: "Deputy Chief of Mission".
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "de", "del", "di", "du", "for", "in", "of", "on", "or"}
    | {"per", "the", "to", "van", "von"}
)
_ELISIONS = ("d'", "l'")  # "Charge d'Affaires"


def role_label(title: str) -> str:
    """A role's label, the same for every case a cable writes it in.

    Each cable's graph labels the role node, so ``"director"`` in one cable and
    ``"Director"`` in another would give the shared node two labels. Words are
    capitalized (each part of ``Pol-Mil``, ``Pol/Econ``) except small words after the
    first; a word in capitals is an acronym and kept (``IP Chief``) unless the whole
    title is in capitals (more than one word or a long one), where capitals say nothing.
    """
    words = title.split()
    shouting = title == title.upper() and (len(words) > 1 or len(title) > 4)
    out: list[str] = []
    for n, word in enumerate(words):
        if not shouting and word.isupper() and sum(c.isalpha() for c in word) > 1:
            out.append(word)
            continue
        lower = word.lower()
        if n and lower in _SMALL_WORDS:
            out.append(lower)
            continue
        prefix = next((e for e in _ELISIONS if n and lower.startswith(e) and len(lower) > 2), "")
        rest = lower[len(prefix) :]
        parts = re.split(r"([-/])", rest)
        out.append(prefix + "".join(part[:1].upper() + part[1:] for part in parts))
    return " ".join(out)


def extraction_triples(out: t.TripleList, cable: Cable, extraction: Extraction, iris: IRIs) -> None:
    """Add the triples of ``extraction`` (about ``cable``) to ``out``."""
    mapper = _Mapper(out, cable, extraction, iris)
    for entity in extraction.entities:
        mapper.entity(entity)
    mapper.signers()
    for n, meeting in enumerate(extraction.meetings):
        mapper.meeting(n, meeting)
    for n, mention in enumerate(extraction.mentions):
        mapper.mention(n, mention)
    mapper.country_stubs()


def entity_nodes(cable: Cable, extraction: Extraction, iris: IRIs) -> dict[str, str]:
    """The IRI each entity of ``extraction`` gets in the graph, by ``Entity.key``: what
    ``kg:refersTo`` of its mentions points at."""
    mapper = _Mapper(t.TripleList(), cable, extraction, iris)
    return {key: node.value for key, node in mapper.nodes.items()}


class _Mapper:
    """The state one extraction's mapping needs: entity IRIs and counters."""

    def __init__(self, out: t.TripleList, cable: Cable, extraction: Extraction, iris: IRIs):
        self.out, self.cable, self.extraction, self.iris = out, cable, extraction, iris
        self.ref = cable.reference_id
        self.node = ox.NamedNode(iris.cable(self.ref))
        self.nodes = {e.key: self._node(e) for e in extraction.entities}
        self.memberships = 0  # the next membership's number
        self.countries: list[str] = []  # codes linked by kg:country, described at the end

    def _node(self, entity: Entity) -> ox.NamedNode:
        iris, ref = self.iris, self.ref
        if entity.kind == "person":
            return ox.NamedNode(iris.person(entity.global_id, reference_id=ref, local=entity.key))
        if entity.kind == "organization" and entity.subtype == "post":
            return ox.NamedNode(iris.post(post_name(entity.name)))  # the routing's node
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
            return self.nodes[key]
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

    def country(self, subject: ox.NamedNode, code: str | None) -> None:
        if code:
            self.out.add(subject, t.COUNTRY, ox.NamedNode(self.iris.place(code)))
            self.countries.append(code)

    # -- entities -----------------------------------------------------------------------------

    def entity(self, entity: Entity) -> None:
        out, node = self.out, self.nodes[entity.key]
        out.add(self.node, t.MENTIONS, node)
        if entity.kind == "person":
            self.person(node, entity)
        elif entity.kind == "organization" and entity.subtype == "post":
            # A post named in the text ("Embassy Amman") is the post routing names: typed
            # and labelled as headers do, so every cable can add the form it writes.
            out.add(node, t.TYPE, t.POST)
            out.add(node, t.LABEL, t.string(entity.name))
            out.text(node, t.ACRONYM, entity.code)
            self.country(node, entity.country)
        elif entity.kind == "organization":
            out.add(node, t.TYPE, t.ORG_ORGANIZATION)
            out.label(node, t.SKOS_PREF_LABEL, entity.name)
            out.text(node, t.ACRONYM, entity.code)
            self.country(node, entity.country)
        elif entity.kind == "place":
            out.add(node, t.TYPE, t.SCHEMA_PLACE)
            if entity.subtype in _PLACE_TYPES:
                out.add(node, t.TYPE, _PLACE_TYPES[entity.subtype])
            out.label(node, t.SKOS_PREF_LABEL, entity.name)
            if entity.code and _FIPS.fullmatch(entity.code):
                out.add(node, t.FIPS_CODE, t.string(entity.code))
            if entity.country != entity.code:
                self.country(node, entity.country)
        else:
            self.topic(node, entity)
        for alias in entity.aliases:
            out.add(node, t.SKOS_ALT_LABEL, t.string(alias))
        if entity.confidence < 1.0:  # certain is the default and goes unsaid
            out.add(node, t.CONFIDENCE, t.decimal(entity.confidence))

    def person(self, node: ox.NamedNode, entity: Entity) -> None:
        self.out.add(node, t.TYPE, t.FOAF_PERSON)
        self.out.add(node, t.TYPE, t.SCHEMA_PERSON)
        self.out.label(node, t.FOAF_NAME, entity.name)
        for role in entity.roles:
            self.membership(node, entity, role)

    def membership(self, person: ox.NamedNode, entity: Entity, role: Role) -> None:
        out, what = self.out, f"a role of {entity.key!r}"
        node = ox.NamedNode(self.iris.membership(self.ref, self.memberships))
        self.memberships += 1
        out.add(person, t.ORG_HAS_MEMBERSHIP, node)
        out.add(node, t.TYPE, t.ORG_MEMBERSHIP)
        out.add(node, t.ORG_MEMBER, person)
        role_node = ox.NamedNode(self.iris.role(role.title))
        out.add(node, t.ORG_ROLE, role_node)
        out.add(role_node, t.TYPE, t.ORG_ROLE_CLASS)
        out.add(role_node, t.TYPE, t.ROLE)
        out.label(role_node, t.SKOS_PREF_LABEL, role_label(role.title))
        if role.organization is not None:
            out.add(node, t.ORG_ORGANIZATION_PROP, self.entity_ref(role.organization, what))
        self.country(node, role.country)
        if self.cable.created is not None:
            out.add(node, t.AS_OF, t.day(self.cable.created.date()))
        if role.paragraph is None:
            out.add(node, t.PROV_WAS_DERIVED_FROM, self.node)
        else:
            out.add(node, t.PROV_WAS_DERIVED_FROM, self.paragraph_ref(role.paragraph, what))

    def topic(self, node: ox.NamedNode, entity: Entity) -> None:
        out = self.out
        out.add(node, t.TYPE, t.SKOS_CONCEPT)
        out.label(node, t.SKOS_PREF_LABEL, entity.name)
        # A topic without a TAGS code can only be a free topic, whatever the scheme says.
        scheme = entity.scheme if entity.code else "free"
        if scheme in _SCHEMES:
            out.add(node, t.SKOS_IN_SCHEME, _SCHEMES[scheme])
        if not entity.code or scheme == "free":
            return
        out.add(node, t.SKOS_NOTATION, t.string(entity.code.strip().upper()))
        if scheme == "geo" and _FIPS.fullmatch(entity.code):
            out.add(node, t.SKOS_EXACT_MATCH, ox.NamedNode(self.iris.place(entity.code)))
        if scheme == "person":
            focus = self.person_in_tag(entity.code)
            if focus is not None:
                out.add(node, t.FOAF_FOCUS, focus)

    def person_in_tag(self, code: str) -> ox.NamedNode | None:
        """The extracted person a person TAG names: ``OVIP (STEINBERG, JAMES B.)``."""
        match = _PERSON_TAG.search(code)
        if match is None:
            return None
        surname, given = match.groups()
        wanted = {slug(f"{given} {surname}"), slug(f"{surname} {given}")}
        for entity in self.extraction.of_kind("person"):
            names = (entity.name, entity.global_id or "", *entity.aliases)
            if wanted & {slug(name) for name in names}:
                return self.nodes[entity.key]
        return None

    # -- signers ------------------------------------------------------------------------------

    def signers(self) -> None:
        classified_by = self.cable.classified_by
        if classified_by is not None:
            person = self.person_for("classified_by", classified_by.person)
            if person is None and classified_by.person:
                person = self.person_from_header(classified_by.person)
            if person is not None:
                self.out.add(self.node, t.CLASSIFIED_BY, person)
        if self.cable.signature:
            person = self.person_for("signature", self.cable.signature)
            if person is not None:
                self.out.add(self.node, t.SIGNED_BY, person)

    def person_for(self, field: Field, name: str | None) -> ox.NamedNode | None:
        """The extracted person a header field names: by a mention there, else by name."""
        people = self.extraction.of_kind("person")
        keys = {e.key for e in people}
        for mention in self.extraction.mentions:
            if mention.field == field and mention.entity in keys:
                return self.nodes[mention.entity]
        if not name:
            return None
        wanted = name.casefold()
        for entity in people:
            if wanted in {n.casefold() for n in (entity.name, *entity.aliases)}:
                return self.nodes[entity.key]
        # A signature is usually a surname alone (BURNS): accept it when only one fits.
        by_surname = [e for e in people if e.name.casefold().split()[-1:] == [wanted]]
        return self.nodes[by_surname[0].key] if len(by_surname) == 1 else None

    def person_from_header(self, name: str) -> ox.NamedNode:
        """A person node for a Classified By name that no extracted person matches."""
        # A full name identifies the person across cables; a surname alone only here.
        global_id = name if len(name.split()) > 1 else None
        node = ox.NamedNode(self.iris.person(global_id, reference_id=self.ref, local=name))
        self.out.add(node, t.TYPE, t.FOAF_PERSON)
        self.out.add(node, t.TYPE, t.SCHEMA_PERSON)
        self.out.label(node, t.FOAF_NAME, name)
        return node

    # -- meetings and mentions ----------------------------------------------------------------

    def meeting(self, n: int, meeting: Meeting) -> None:
        out, what = self.out, f"meeting {meeting.key!r}"
        node = ox.NamedNode(self.iris.meeting(self.ref, n))
        out.add(node, t.TYPE, t.MEETING)
        for key in meeting.participants:
            out.add(node, t.PARTICIPANT, self.entity_ref(key, what))
        for key in meeting.parties:
            out.add(node, t.PARTY, self.entity_ref(key, what))
        if meeting.host is not None:
            out.add(node, t.HOST, self.entity_ref(meeting.host, what))
        if meeting.date is not None:
            out.add(node, t.DCT_DATE, t.day(meeting.date))  # the ontology: = schema:startDate
        if meeting.place is not None:
            out.add(node, t.SCHEMA_LOCATION, self.entity_ref(meeting.place, what))
        for key in meeting.topics:
            out.add(node, t.TOPIC, self.entity_ref(key, what))
        out.add(node, t.STATUS, _STATUSES[meeting.status])
        out.add(node, t.MEETING_KIND, t.string(meeting.kind))
        out.add(node, t.REPORTED_IN, self.node)
        for index in meeting.paragraphs:
            out.add(node, t.PROV_WAS_DERIVED_FROM, self.paragraph_ref(index, what))

    def mention(self, n: int, mention: Mention) -> None:
        """A mention in a paragraph is named by its span there (``p/3#char=12,18``), so its
        paragraph and offsets need no triples but ``kg:inParagraph`` (the join readers
        use); its surface is the paragraph text cut at the offsets. A mention in a header
        field, whose text the graph does not hold as such, keeps its number, offsets and
        surface. No ``rdf:type``: ``kg:refersTo``'s domain says it is a ``kg:Mention``."""
        out, what = self.out, f"mention {n} ({mention.text!r})"
        target = self.entity_ref(mention.entity, what)
        if mention.field == "paragraph":
            if mention.paragraph is None:
                raise ValueError(f"cable {self.ref}: {what} is in a paragraph but names none")
            paragraph = self.paragraph_ref(mention.paragraph, what)
            iri = self.iris.paragraph_mention(
                self.ref, mention.paragraph, mention.start, mention.end
            )
            node = ox.NamedNode(iri)
            out.add(node, t.REFERS_TO, target)
            out.add(node, t.IN_PARAGRAPH, paragraph)
            return
        node = ox.NamedNode(self.iris.mention(self.ref, n))
        out.add(node, t.REFERS_TO, target)
        out.add(node, t.IN_FIELD, t.string(mention.field))
        out.add(node, t.START, t.integer(mention.start))
        out.add(node, t.END, t.integer(mention.end))
        out.add(node, t.SURFACE, t.string(mention.text))

    def country_stubs(self) -> None:
        """Describe countries linked by code that no place entity described."""
        described = {self.nodes[e.key] for e in self.extraction.of_kind("place")}
        for code in self.countries:
            node = ox.NamedNode(self.iris.place(code))
            if node in described:
                continue
            # Enough for the place shape and for joins: the type and the code.
            self.out.add(node, t.TYPE, t.SCHEMA_PLACE)
            if _FIPS.fullmatch(code):
                self.out.add(node, t.TYPE, t.SCHEMA_COUNTRY)
                self.out.add(node, t.FIPS_CODE, t.string(code))
            else:  # not a code after all but a name, the best label there is
                self.out.label(node, t.SKOS_PREF_LABEL, code)
