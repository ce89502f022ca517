"""The root ``Query``: lookups by key, the Relay lists with their filters, and search.

Every user-supplied value reaches SPARQL through ``bindings=``; the query text is
assembled only from fixed fragments chosen by which arguments are present.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

import pyoxigraph as ox
import strawberry

from api.gql.relay import Connection, Page, connection, parse_global_id
from api.gql.sparql import (
    FOAF,
    KG,
    NAME_MATCH,
    TOPIC_LABEL,
    XSD,
    Bindings,
    needle,
    projected,
    select,
    start_of,
)
from api.gql.types import (
    NODE_TYPES,
    Cable,
    GQLInfo,
    Meeting,
    Node,
    Organization,
    Person,
    Place,
    Topic,
)
from kg.store import Store

# -- listing a filtered pattern, a page at a time ----------------------------------------


@dataclass(frozen=True, slots=True)
class Pattern:
    """A graph pattern binding ``?x`` (the items) and ``?sortkey``, with its bindings."""

    where: str
    bindings: Bindings

    def page(self, store: Store, page: Page | None, *, descending: bool = False) -> list[str]:
        """The IRIs of one page (plus one, see ``Page.sparql``), ordered by sort key, IRI."""
        bound = projected(self.bindings)
        order = "DESC(?sort)" if descending else "?sort"
        rows = select(
            store,
            f"""
            SELECT ?x (MIN(?sortkey) AS ?sort) {bound} WHERE {{ {self.where} }}
            GROUP BY ?x {bound} ORDER BY {order} ?x {page.sparql if page else ""}""",
            self.bindings,
        )
        return [row["x"].value for row in rows]

    def count(self, store: Store) -> int:
        bound = projected(self.bindings)
        group = f"GROUP BY {bound}" if bound else ""
        rows = select(
            store,
            f"""
            SELECT (COUNT(DISTINCT ?x) AS ?n) {bound} WHERE {{ {self.where} }} {group}""",
            self.bindings,
        )
        return int(rows[0]["n"].value) if rows else 0


def _person_filter(var: str, name: str, bindings: Bindings, key: str) -> str:
    """Keep ``?var`` (a person) when one of its names or aliases matches ``name``."""
    bindings[key] = needle(name)
    match = NAME_MATCH.format(label=f"{key}Label", q=key)
    return f"?{var} foaf:name|skos:altLabel ?{key}Label . FILTER({match})"


def _topic_filter(var: str, topic: str, bindings: Bindings, key: str) -> str:
    """Keep ``?var`` (a topic, place or organization) when a label or code matches."""
    bindings[key] = needle(topic)
    return (
        f"?{var} (skos:exactMatch|^skos:exactMatch)? ?{key}Node . "
        f"?{key}Node {TOPIC_LABEL} ?{key}Label . FILTER(LCASE(STR(?{key}Label)) = ?{key})"
    )


def _contains(var: str, predicates: str, text: str, bindings: Bindings, key: str) -> str:
    bindings[key] = needle(text)
    return (
        f"FILTER EXISTS {{ ?{var} {predicates} ?{key}Text . "
        f"FILTER(CONTAINS(LCASE(STR(?{key}Text)), ?{key})) }}"
    )


# -- cables ------------------------------------------------------------------------------


@strawberry.enum(description="Orders for cable lists.")
class CableOrder(Enum):
    CREATED_ASC = "created_asc"
    CREATED_DESC = "created_desc"
    REFERENCE_ID = "reference_id"


@strawberry.input(description="Conditions a cable must meet; all given ones apply (AND).")
class CableFilter:
    created_from: dt.date | None = strawberry.field(
        default=None, description="Written on or after this day."
    )
    created_to: dt.date | None = strawberry.field(
        default=None, description="Written on or before this day."
    )
    origin: str | None = strawberry.field(
        default=None, description='The post, any of its labels, case-insensitive: "Embassy Moscow".'
    )
    classification: str | None = strawberry.field(
        default=None, description='Exactly this classification, case-insensitive: "SECRET".'
    )
    tags: list[str] | None = strawberry.field(
        default=None, description='Carries every one of these TAGS codes: ["PREL", "KV"].'
    )
    person: str | None = strawberry.field(
        default=None, description="Mentions this person (full name, surname or alias)."
    )
    topic: str | None = strawberry.field(
        default=None, description="A TAGS code or label, or a topic of a meeting it reports."
    )
    text: str | None = strawberry.field(
        default=None, description="Words in the subject or body, case-insensitive."
    )


def cable_pattern(where: CableFilter | None, order: CableOrder) -> Pattern:
    bindings: Bindings = {}
    sortkey = "?ref" if order is CableOrder.REFERENCE_ID else "?created"
    parts = [
        "?x a kg:Cable ; dcterms:identifier ?ref .",
        "OPTIONAL { ?x dcterms:created ?created }",
        f"BIND({sortkey} AS ?sortkey)",
    ]
    f = where or CableFilter()
    if f.created_from is not None:
        bindings["createdFrom"] = start_of(f.created_from)
        parts.append("FILTER(?created >= ?createdFrom)")
    if f.created_to is not None:
        bindings["createdTo"] = start_of(f.created_to + dt.timedelta(days=1))
        parts.append("FILTER(?created < ?createdTo)")
    if f.origin is not None:
        bindings["origin"] = needle(f.origin)
        parts.append(
            "FILTER EXISTS { ?x kg:origin/rdfs:label ?originLabel . "
            "FILTER(LCASE(STR(?originLabel)) = ?origin) }"
        )
    if f.classification is not None:
        bindings["classification"] = needle(f.classification)
        parts.append(
            "FILTER EXISTS { ?x kg:classification ?cl . FILTER(LCASE(STR(?cl)) = ?classification) }"
        )
    for i, tag in enumerate(f.tags or []):
        bindings[f"tag{i}"] = ox.Literal(tag.strip().upper())
        parts.append(
            f"FILTER EXISTS {{ ?x kg:tag/skos:notation ?tagCode{i} . "
            f"FILTER(UCASE(STR(?tagCode{i})) = ?tag{i}) }}"
        )
    if f.person is not None:
        match = _person_filter("p", f.person, bindings, "person")
        parts.append(
            "FILTER EXISTS { { ?x kg:mentions ?p } "
            "UNION { ?pm kg:reportedIn ?x ; kg:participant|kg:host ?p } "
            f"?p a foaf:Person . {match} }}"
        )
    if f.topic is not None:
        match = _topic_filter("t", f.topic, bindings, "topic")
        parts.append(
            "FILTER EXISTS { { ?x kg:tag ?t } UNION { ?tm kg:reportedIn ?x ; kg:topic ?t } "
            f"{match} }}"
        )
    if f.text is not None:
        parts.append(
            _contains(
                "x", "dcterms:title|kg:bodyText|dcterms:hasPart/kg:text", f.text, bindings, "text"
            )
        )
    return Pattern("\n".join(parts), bindings)


# -- meetings ----------------------------------------------------------------------------


def meeting_pattern(
    participant: str | None,
    topic: str | None,
    status: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> Pattern:
    bindings: Bindings = {}
    parts = ["?x a kg:Meeting .", "OPTIONAL { ?x dcterms:date|schema:startDate ?sortkey }"]
    if participant is not None:
        match = _person_filter("p", participant, bindings, "participant")
        parts.append(f"FILTER EXISTS {{ ?x kg:participant|kg:host ?p . {match} }}")
    if topic is not None:
        match = _topic_filter("t", topic, bindings, "topic")
        parts.append(f"FILTER EXISTS {{ ?x kg:topic ?t . {match} }}")
    if status is not None:
        bindings["status"] = ox.NamedNode(KG + status.strip().capitalize())
        parts.append("?x kg:status ?status .")
    date = ox.NamedNode(XSD + "date")
    if date_from is not None:
        bindings["dateFrom"] = ox.Literal(date_from.isoformat(), datatype=date)
        parts.append("FILTER(?sortkey >= ?dateFrom)")
    if date_to is not None:
        bindings["dateTo"] = ox.Literal(date_to.isoformat(), datatype=date)
        parts.append("FILTER(?sortkey <= ?dateTo)")
    return Pattern("\n".join(parts), bindings)


# -- other lists -------------------------------------------------------------------------


@strawberry.enum(description="The concept schemes topics belong to.")
class TopicScheme(Enum):
    SUBJECT_TAGS = "SubjectTags"
    PROGRAM_TAGS = "ProgramTags"
    ORGANIZATION_TAGS = "OrganizationTags"
    GEO_TAGS = "GeoTags"
    PERSON_TAGS = "PersonTags"
    FREE_TOPICS = "FreeTopics"


def people_pattern(name: str | None) -> Pattern:
    bindings: Bindings = {}
    parts = ["?x a foaf:Person .", "OPTIONAL { ?x foaf:name ?sortkey }"]
    if name is not None:
        parts.append(_contains("x", "foaf:name|skos:altLabel", name, bindings, "name"))
    return Pattern("\n".join(parts), bindings)


def organizations_pattern(name: str | None) -> Pattern:
    bindings: Bindings = {}
    parts = [
        "{ ?x a org:Organization } UNION { ?x a org:FormalOrganization }",
        "FILTER NOT EXISTS { ?x a kg:Post }",  # posts are listed by cables' origins
        "OPTIONAL { ?x skos:prefLabel ?sortkey }",
    ]
    if name is not None:
        parts.append(
            _contains("x", "skos:prefLabel|skos:altLabel|kg:acronym", name, bindings, "name")
        )
    return Pattern("\n".join(parts), bindings)


PLACE_TYPES = "schema:Place schema:Country schema:City schema:AdministrativeArea"


def places_pattern(name: str | None) -> Pattern:
    bindings: Bindings = {}
    parts = [
        f"?x a ?placeType . VALUES ?placeType {{ {PLACE_TYPES} }}",
        "OPTIONAL { ?x skos:prefLabel ?sortkey }",
    ]
    if name is not None:
        parts.append(
            _contains("x", "skos:prefLabel|skos:altLabel|kg:fipsCode", name, bindings, "name")
        )
    return Pattern("\n".join(parts), bindings)


def topics_pattern(scheme: TopicScheme | None, text: str | None) -> Pattern:
    bindings: Bindings = {}
    parts = [
        "?x a skos:Concept .",
        "OPTIONAL { ?x skos:notation ?code } OPTIONAL { ?x skos:prefLabel ?label }",
        "BIND(COALESCE(?code, ?label) AS ?sortkey)",
    ]
    if scheme is not None:
        bindings["scheme"] = ox.NamedNode(KG + scheme.value)
        parts.append("?x skos:inScheme ?scheme .")
    if text is not None:
        parts.append(
            _contains("x", "skos:notation|skos:prefLabel|skos:altLabel", text, bindings, "text")
        )
    return Pattern("\n".join(parts), bindings)


def search_pattern(text: str) -> Pattern:
    """Cables, people, organizations, places, topics and posts whose names contain
    ``text``; exact matches rank first."""
    bindings: Bindings = {"text": needle(text)}
    where = f"""
        {{ ?x a kg:Cable ; dcterms:identifier|dcterms:title ?l . BIND("Cable" AS ?kind) }}
        UNION {{ ?x a foaf:Person ; foaf:name|skos:altLabel ?l . BIND("Person" AS ?kind) }}
        UNION {{ ?x a ?orgType ; skos:prefLabel|skos:altLabel|kg:acronym ?l .
                 VALUES ?orgType {{ org:Organization org:FormalOrganization }}
                 FILTER NOT EXISTS {{ ?x a kg:Post }} BIND("Organization" AS ?kind) }}
        UNION {{ ?x a kg:Post ; rdfs:label ?l . BIND("Post" AS ?kind) }}
        UNION {{ ?x a ?placeType ; skos:prefLabel|skos:altLabel ?l .
                 VALUES ?placeType {{ {PLACE_TYPES} }} BIND("Place" AS ?kind) }}
        UNION {{ ?x a skos:Concept ; skos:prefLabel|skos:notation ?l . BIND("Topic" AS ?kind) }}
        FILTER(CONTAINS(LCASE(STR(?l)), ?text))
        BIND(CONCAT(IF(LCASE(STR(?l)) = ?text, "0", "1"), ?kind, LCASE(STR(?l))) AS ?sortkey)"""
    return Pattern(where, bindings)


# -- the root ----------------------------------------------------------------------------


def _store(info: GQLInfo) -> Store:
    return info.context.store


@strawberry.type(description="Questions to the cable graph.")
class Query:
    @strawberry.field(description="Any node by its global ID.")
    async def node(self, info: GQLInfo, id: strawberry.ID) -> Node | None:
        parsed = parse_global_id(id)
        if parsed is None or parsed[0] not in NODE_TYPES:
            return None
        type_name, iri = parsed
        try:
            props = await info.context.loaders.props.load(iri)
        except ValueError:  # not an IRI at all
            return None
        return NODE_TYPES[type_name](iri=iri) if props.exists else None

    @strawberry.field(description="Nodes by global ID, null where an ID names nothing.")
    async def nodes(self, info: GQLInfo, ids: list[strawberry.ID]) -> list[Node | None]:
        return [await self.node(info, i) for i in ids]

    @strawberry.field(description='A cable by reference ID: "07MOSCOW628".')
    def cable(self, info: GQLInfo, reference_id: str) -> Cable | None:
        rows = select(
            _store(info),
            """
            SELECT ?x ?ref WHERE { ?x a kg:Cable ; dcterms:identifier ?ref } ORDER BY ?x LIMIT 1""",
            {"ref": ox.Literal(reference_id.strip().upper())},
        )
        return Cable(iri=rows[0]["x"].value) if rows else None

    @strawberry.field(
        description="A person by full name, surname or alias (case-insensitive); "
        "the best match: full name, then alias, then surname."
    )
    def person(self, info: GQLInfo, name: str) -> Person | None:
        match = NAME_MATCH.format(label="l", q="name")
        q = needle(name)
        rows = select(
            _store(info),
            f"""
            SELECT DISTINCT ?x ?p ?l ?name WHERE {{
              ?x a foaf:Person ; ?p ?l . VALUES ?p {{ foaf:name skos:altLabel }}
              FILTER({match})
            }}""",
            {"name": q},
        )

        def rank(
            row: dict[str, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple],
        ) -> tuple[int, int, str]:
            exact = row["l"].value.lower() == q.value
            full = row["p"].value == FOAF + "name"
            iri = row["x"].value
            # People known by full name have IRIs of their own; cable-local ones rank after.
            return ((0 if exact else 2) + (0 if full else 1), "/cable/" in iri, iri)

        return Person(iri=min(rows, key=rank)["x"].value) if rows else None

    @strawberry.field(
        description="Meetings with this participant (full name, surname or alias) "
        "and about this topic (label or code of a topic, place or TAGS concept), "
        "case-insensitive; by date."
    )
    def meetings(
        self, info: GQLInfo, participant: str | None = None, topic: str | None = None
    ) -> list[Meeting]:
        pattern = meeting_pattern(participant, topic)
        return [Meeting(iri=i) for i in pattern.page(_store(info), None)]

    @strawberry.field(description="Cables, filtered and ordered, a page at a time.")
    def cables(
        self,
        info: GQLInfo,
        first: int | None = None,
        after: str | None = None,
        where: CableFilter | None = None,
        order_by: CableOrder = CableOrder.CREATED_ASC,
    ) -> Connection[Cable]:
        page = Page.of(first, after)
        pattern = cable_pattern(where, order_by)
        store = _store(info)
        iris = pattern.page(store, page, descending=order_by is CableOrder.CREATED_DESC)
        return connection([Cable(iri=i) for i in iris], page, lambda: pattern.count(store))

    @strawberry.field(
        description="People, by name; `name` keeps those with a name or alias containing it."
    )
    def people(
        self,
        info: GQLInfo,
        first: int | None = None,
        after: str | None = None,
        name: str | None = None,
    ) -> Connection[Person]:
        return _list(info, people_pattern(name), Person, first, after)

    @strawberry.field(description="Organizations (posts excluded), by name.")
    def organizations(
        self,
        info: GQLInfo,
        first: int | None = None,
        after: str | None = None,
        name: str | None = None,
    ) -> Connection[Organization]:
        return _list(info, organizations_pattern(name), Organization, first, after)

    @strawberry.field(description="Places, by name.")
    def places(
        self,
        info: GQLInfo,
        first: int | None = None,
        after: str | None = None,
        name: str | None = None,
    ) -> Connection[Place]:
        return _list(info, places_pattern(name), Place, first, after)

    @strawberry.field(description="Topics (TAGS concepts and free topics), by code or label.")
    def topics(
        self,
        info: GQLInfo,
        first: int | None = None,
        after: str | None = None,
        scheme: TopicScheme | None = None,
        text: str | None = None,
    ) -> Connection[Topic]:
        return _list(info, topics_pattern(scheme, text), Topic, first, after)

    @strawberry.field(
        description="Meetings a page at a time, by date; filters as `meetings`, "
        'plus status ("held", "planned", "reported") and a date range.'
    )
    def meetings_connection(
        self,
        info: GQLInfo,
        first: int | None = None,
        after: str | None = None,
        participant: str | None = None,
        topic: str | None = None,
        status: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> Connection[Meeting]:
        pattern = meeting_pattern(participant, topic, status, date_from, date_to)
        return _list(info, pattern, Meeting, first, after)

    @strawberry.field(
        description="Cables (reference ID, subject), people, organizations, posts, "
        "places and topics whose names contain `text`; exact matches first."
    )
    def search(
        self,
        info: GQLInfo,
        text: str,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Node]:
        page = Page.of(first, after)
        pattern = search_pattern(text)
        store = _store(info)
        bound = projected(pattern.bindings)
        rows = select(
            store,
            f"""
            SELECT ?x (MIN(?sortkey) AS ?sort) {bound} WHERE {{ {pattern.where} }}
            GROUP BY ?x {bound} ORDER BY ?sort ?x {page.sparql}""",
            pattern.bindings,
        )
        # The winning sort key starts with "0"/"1" then the kind name, up to the label.
        nodes: list[Node] = []
        for row in rows:
            key = row["sort"].value[1:]
            kind = next(k for k in NODE_TYPES if key.startswith(k))
            nodes.append(NODE_TYPES[kind](iri=row["x"].value))
        return connection(nodes, page, lambda: pattern.count(store))


N = TypeVar("N", bound=Node)


def _list(
    info: GQLInfo, pattern: Pattern, cls: type[N], first: int | None, after: str | None
) -> Connection[N]:
    page = Page.of(first, after)
    store = _store(info)
    items = [cls(iri=i) for i in pattern.page(store, page)]
    return connection(items, page, lambda: pattern.count(store))
