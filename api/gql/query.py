"""The root ``Query``: lookups by key, the Relay lists with their filters, and search."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import TypeVar

import pyoxigraph as ox
import strawberry

from api.gql.context import GQLInfo
from api.gql.fields import field
from api.gql.lists import (
    CableFilter,
    CableOrder,
    Pattern,
    TopicScheme,
    cable_pattern,
    meeting_pattern,
    organizations_pattern,
    people_pattern,
    places_pattern,
    search_pattern,
    topics_pattern,
)
from api.gql.nodes import Node, Organization, Place, Topic
from api.gql.relay import Connection, Page, connection, parse_global_id
from api.gql.sparql import FOAF, needle, select_in_thread, value
from api.gql.types import NODE_TYPES, Cable, Meeting, Person, kind_of
from kg.matching import key, matches
from kg.store.bind import substitute

N = TypeVar("N", bound=Node)


async def _node(info: GQLInfo, id: str) -> Node | None:
    parsed = parse_global_id(id)
    if parsed is None or parsed[0] not in NODE_TYPES:
        return None
    type_name, iri = parsed
    try:
        ox.NamedNode(iri)  # checked here: one bad IRI would fail the whole batch
    except ValueError:
        return None
    props = await info.context.loaders.props.load(iri)
    if not props.exists:
        return None
    cls = NODE_TYPES[type_name]
    if cls is Person:  # one Person per identity cluster: the canonical node
        return Person(iri=(await info.context.loaders.identity_of(iri)).canonical)
    return cls(iri=iri)


async def _list(
    info: GQLInfo, pattern: Pattern, cls: type[N], first: int | None, after: str | None
) -> Connection[N]:
    page = Page.of(first, after)
    store = info.context.store
    items = [cls(iri=i) for i in await pattern.page(store, page)]
    return connection(items, page, lambda: pattern.count(store))


@strawberry.type(description="Questions to the cable graph.")
class Query:
    @field(
        description="Any node by its global ID; null if it names nothing. The ID of a person "
        "node linked to another (owl:sameAs: a surname one cable gives, a shorter name) gives "
        "the canonical Person, whose `id` differs from the one asked for."
    )
    async def node(self, info: GQLInfo, id: strawberry.ID) -> Node | None:
        return await _node(info, id)

    @field(description="Nodes by global ID, null where an ID names nothing.")
    async def nodes(self, info: GQLInfo, ids: list[strawberry.ID]) -> list[Node | None]:
        return list(await asyncio.gather(*(_node(info, i) for i in ids)))

    @field(description='A cable by reference ID: "07MOSCOW628".')
    async def cable(self, info: GQLInfo, reference_id: str) -> Cable | None:
        rows = await select_in_thread(
            info.context.store,
            "SELECT ?x ?ref WHERE { ?x a kg:Cable ; dcterms:identifier ?ref } ORDER BY ?x LIMIT 1",
            {"ref": ox.Literal(reference_id.strip().upper())},
        )
        return Cable(iri=value(rows[0]["x"])) if rows else None

    @field(
        description="A person by full name, surname or alias, case-insensitive; the best "
        "match: people identified by full name before those one cable names by surname only, "
        "then a full name, an alias, a surname. A node linked to another (owl:sameAs) gives "
        'the canonical Person: "Titov" is Vladimir Titov.'
    )
    async def person(self, info: GQLInfo, name: str) -> Person | None:
        q = needle(name)
        wanted = key(name)
        if not wanted:
            return None
        # The nodes come from the index by the name's key; their names rank them.
        rows = await select_in_thread(
            info.context.store,
            substitute(
                """SELECT DISTINCT ?x ?p ?l WHERE {
                  { SELECT DISTINCT ?x WHERE { ?x kg:nameKey ?key } }
                  ?x ?p ?l . VALUES ?p { foaf:name skos:altLabel }
                }""",
                {"key": ox.Literal(wanted)},
            ),
        )
        rows = [row for row in rows if matches(name, value(row["l"]))]
        found = await info.context.loaders.props.load_many(sorted({value(r["x"]) for r in rows}))
        people = {p.iri for p in found if kind_of(p) is Person}

        def rank(
            row: dict[str, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple],
        ) -> tuple[bool, int, str]:
            exact = value(row["l"]).lower() == q.value
            full = value(row["p"]) == FOAF + "name"
            iri = value(row["x"])
            # A person known by full name has an IRI of their own; one a single cable names
            # too thinly ("Titov") has a cable-local IRI and ranks after, however exact.
            return ("/cable/" in iri, (0 if exact else 2) + (0 if full else 1), iri)

        candidates = [row for row in rows if value(row["x"]) in people]
        if not candidates:
            return None
        best = value(min(candidates, key=rank)["x"])
        return Person(iri=(await info.context.loaders.identity_of(best)).canonical)

    @field(
        description="Meetings, by date, with this participant (full name, surname or alias) "
        "and about this topic (a label or code of a topic, place or TAGS concept), any case."
    )
    async def meetings(
        self, info: GQLInfo, participant: str | None = None, topic: str | None = None
    ) -> list[Meeting]:
        pattern = await meeting_pattern(
            info.context.store, info.context.loaders, participant, topic
        )
        return [Meeting(iri=i) for i in await pattern.page(info.context.store, None)]

    @field(description="Cables, filtered and ordered, a page at a time.")
    async def cables(
        self,
        info: GQLInfo,
        first: int | None = None,
        after: str | None = None,
        where: CableFilter | None = None,
        order_by: CableOrder = CableOrder.CREATED_ASC,
    ) -> Connection[Cable]:
        page = Page.of(first, after)
        store = info.context.store
        pattern = await cable_pattern(store, info.context.loaders, where, order_by)
        iris = await pattern.page(store, page, descending=order_by is CableOrder.CREATED_DESC)
        return connection([Cable(iri=i) for i in iris], page, lambda: pattern.count(store))

    @field(
        description="People by name, each once (see `Person`); `name` keeps those with a name "
        "or alias containing it, on any of their linked nodes."
    )
    async def people(
        self,
        info: GQLInfo,
        first: int | None = None,
        after: str | None = None,
        name: str | None = None,
    ) -> Connection[Person]:
        return await _list(
            info,
            await people_pattern(info.context.store, info.context.loaders, name),
            Person,
            first,
            after,
        )

    @field(description="Organizations (posts aside) by name; `name` matches names and acronyms.")
    async def organizations(
        self,
        info: GQLInfo,
        first: int | None = None,
        after: str | None = None,
        name: str | None = None,
    ) -> Connection[Organization]:
        return await _list(
            info, await organizations_pattern(info.context.store, name), Organization, first, after
        )

    @field(description="Places by name; `name` matches names and FIPS codes.")
    async def places(
        self,
        info: GQLInfo,
        first: int | None = None,
        after: str | None = None,
        name: str | None = None,
    ) -> Connection[Place]:
        return await _list(
            info, await places_pattern(info.context.store, name), Place, first, after
        )

    @field(description="Topics: TAGS concepts by code, then free topics by label.")
    async def topics(
        self,
        info: GQLInfo,
        first: int | None = None,
        after: str | None = None,
        scheme: TopicScheme | None = None,
        text: str | None = None,
    ) -> Connection[Topic]:
        return await _list(
            info, await topics_pattern(info.context.store, scheme, text), Topic, first, after
        )

    @field(
        description="Meetings a page at a time, by date; filters as `meetings`, plus status "
        '("held", "planned", "reported") and a date range (inclusive).'
    )
    async def meetings_connection(
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
        pattern = await meeting_pattern(
            info.context.store, info.context.loaders, participant, topic, status, date_from, date_to
        )
        return await _list(info, pattern, Meeting, first, after)

    @field(
        description="Cables (by reference ID or subject), people, organizations, posts, places "
        "and topics whose names contain `text`, any case; exact matches first. A person is "
        "shown once a page, as the canonical Person, however many of their nodes match."
    )
    async def search(
        self,
        info: GQLInfo,
        text: str,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Node]:
        page = Page.of(first, after)
        store = info.context.store
        pattern = search_pattern(text)
        iris = await pattern.page(store, page)
        loaders = info.context.loaders
        found = await loaders.props.load_many(iris)
        people = [p.iri for p in found if kind_of(p) is Person]
        canonical = {
            iri: identity.canonical
            for iri, identity in zip(people, await loaders.identities_of(people), strict=True)
        }
        # A node of no GraphQL type (a role whose label matched) gets no edge, nor does a
        # person already on the page under another node of theirs ("Titov", "Vladimir Titov").
        items: list[Node | None] = []
        shown: set[str] = set()
        for p in found:
            cls = kind_of(p)
            iri = canonical.get(p.iri, p.iri)
            items.append(cls(iri=iri) if cls and iri not in shown else None)
            shown.add(iri)
        return connection(items, page, lambda: pattern.count(store))
