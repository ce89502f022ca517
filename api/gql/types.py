"""The GraphQL object types of the cable graph and their field resolvers.

Each object holds only its node's IRI; every field reads through the request's
loaders (``api.gql.loaders``), so sibling objects resolve their fields in one batch.
Field meanings follow ``ontology/README.md``: where the graph may state a value more
than once (a shared node described by several cables' graphs), the resolver picks
deterministically and says how.

A person is one per identity cluster (``Loaders.identity``): wherever a field returns
people it returns each cluster's canonical node once (the "Titov" of a cable that gives
only the surname is Vladimir Titov), and a ``Person``'s fields read the whole cluster.
Without a links graph every node is a cluster of its own.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

import strawberry

from api.gql.context import (
    LAST,
    NAMES,
    TOPIC_READS,
    GQLInfo,
    confidence_of,
    created_key,
    date_key,
    kind_name,
    label_key,
    label_of,
    load_props,
    load_props_many,
    load_props_of,
    local_name,
    name_key,
    sorted_by,
    union_of,
)
from api.gql.context import Context as Context
from api.gql.fields import field
from api.gql.loaders import Identity, Props
from api.gql.nodes import (
    IdentityLink,
    Node,
    Organization,
    Party,
    Place,
    Post,
    Topic,
    parties_among,
)
from api.gql.sparql import (
    DCTERMS,
    FOAF,
    KG,
    ORG,
    PROV,
    SCHEMA,
    SKOS,
    date_of,
    datetime_of,
    int_of,
)
from kg.rdf.iri import char_range


async def _person(info: GQLInfo, iri: str) -> Person:
    """The person at ``iri``: its identity cluster's canonical node."""
    return Person(iri=(await info.context.loaders.identity_of(iri)).canonical)


async def _people(info: GQLInfo, iris: list[str], *, by_name: bool = False) -> list[Person]:
    """The people at ``iris``, one per identity cluster, by name (``by_name``: ``iris``
    are in that order already, which holds unless links merged some of them)."""
    canonical = await info.context.loaders.canonical(iris)
    if by_name and canonical == list(dict.fromkeys(iris)):
        return [Person(iri=iri) for iri in canonical]
    named = await sorted_by(info, canonical, name_key, NAMES)
    return [Person(iri=p.iri) for p in named]


# -- cables ---------------------------------------------------------------------------


@strawberry.type(description="A diplomatic telegram.")
class Cable(Node):
    @field(description='The reference ID, e.g. "07MOSCOW628".')
    async def reference_id(self, info: GQLInfo) -> str:
        (props,) = await load_props_of(info, [self.iri], (DCTERMS + "identifier",))
        # A cited cable that is not in the store has no triples: its IRI still names it.
        return props.string(DCTERMS + "identifier") or unquote(local_name(self.iri))

    @field(description="False for a cable known only because another one cites it.")
    async def stored(self, info: GQLInfo) -> bool:
        (props,) = await load_props_of(info, [self.iri], (DCTERMS + "identifier",))
        return props.string(DCTERMS + "identifier") is not None

    @field(description="The subject line.")
    async def subject(self, info: GQLInfo) -> str | None:
        return (await load_props(info, self.iri)).string(DCTERMS + "title")

    @field(description="When the cable was written (ISO 8601, UTC).")
    async def created(self, info: GQLInfo) -> dt.datetime | None:
        return datetime_of((await load_props(info, self.iri)).first(DCTERMS + "created"))

    @field(description="When the cable was released.")
    async def released(self, info: GQLInfo) -> dt.datetime | None:
        return datetime_of((await load_props(info, self.iri)).first(KG + "released"))

    @field(description='As the release states it: "CONFIDENTIAL", "SECRET//NOFORN".')
    async def classification(self, info: GQLInfo) -> str | None:
        return (await load_props(info, self.iri)).string(KG + "classification")

    @field(description='The post as the release names it: "Embassy Moscow".')
    async def origin(self, info: GQLInfo) -> str | None:
        post = await self.origin_post(info)
        return await post.name(info) if post else None

    @field(description="The originating post as a node.")
    async def origin_post(self, info: GQLInfo) -> Post | None:
        iris = (await load_props(info, self.iri)).iris(KG + "origin")
        return Post(iri=iris[0]) if iris else None

    @field(description='Precedence: "IMMEDIATE", "PRIORITY", "ROUTINE".')
    async def precedence(self, info: GQLInfo) -> str | None:
        return (await load_props(info, self.iri)).string(KG + "precedence")

    @field(description="Action addressees.")
    async def to(self, info: GQLInfo) -> list[Post]:
        return [Post(iri=i) for i in (await load_props(info, self.iri)).iris(KG + "to")]

    @field(description="Info addressees.")
    async def info_addressees(self, info: GQLInfo) -> list[Post]:
        return [Post(iri=i) for i in (await load_props(info, self.iri)).iris(KG + "info")]

    @field(description="TAGS, as concepts (code PREL, label External Political Relations).")
    async def tags(self, info: GQLInfo) -> list[Topic]:
        iris = (await load_props(info, self.iri)).iris(KG + "tag")
        tags = await load_props_many(info, iris)
        tags.sort(key=lambda p: (p.string(SKOS + "notation") or "", p.iri))
        return [Topic(iri=p.iri) for p in tags]

    @field(description="Body paragraphs, in order.")
    async def paragraphs(self, info: GQLInfo) -> list[Paragraph]:
        iris = (await load_props(info, self.iri)).iris(DCTERMS + "hasPart")
        paragraphs = await load_props_many(info, iris)
        paragraphs.sort(key=lambda p: (int_of(p.first(KG + "order")) or 0, p.iri))
        return [Paragraph(iri=p.iri) for p in paragraphs]

    @field(description="People the cable mentions or reports in a meeting, by name.")
    async def people(self, info: GQLInfo) -> list[Person]:
        named = await sorted_by(
            info, await info.context.loaders.cable_entities.load(self.iri), name_key
        )
        return await _people(info, [p.iri for p in named if kind_of(p) is Person], by_name=True)

    @field(description="Organizations the cable mentions, by name.")
    async def organizations(self, info: GQLInfo) -> list[Organization]:
        named = await sorted_by(
            info, await info.context.loaders.cable_entities.load(self.iri), label_key
        )
        return [Organization(iri=p.iri) for p in named if kind_of(p) is Organization]

    @field(description="Meetings the cable tells of, by date.")
    async def meetings(self, info: GQLInfo) -> list[Meeting]:
        iris = await info.context.loaders.cable_meetings.load(self.iri)
        return [Meeting(iri=p.iri) for p in await sorted_by(info, iris, date_key)]

    @field(description="Cables this one cites (dcterms:references).")
    async def references(self, info: GQLInfo) -> list[Cable]:
        iris = sorted((await load_props(info, self.iri)).iris(DCTERMS + "references"))
        return [Cable(iri=i) for i in iris]

    @field(description="Cables that cite this one, oldest first.")
    async def referenced_by(self, info: GQLInfo) -> list[Cable]:
        iris = await info.context.loaders.referenced_by.load(self.iri)
        return [Cable(iri=p.iri) for p in await sorted_by(info, iris, created_key)]

    @field(description='Who classified it ("Classified by: ...").')
    async def classified_by(self, info: GQLInfo) -> Person | None:
        iris = (await load_props(info, self.iri)).iris(KG + "classifiedBy")
        return await _person(info, iris[0]) if iris else None

    @field(description='The classifier\'s title as the cable gives it: "Ambassador".')
    async def classified_by_role(self, info: GQLInfo) -> str | None:
        return (await load_props(info, self.iri)).string(KG + "classifiedByRole")

    @field(description='The reason cited: "1.4 (b, d)".')
    async def classification_reason(self, info: GQLInfo) -> str | None:
        return (await load_props(info, self.iri)).string(KG + "classificationReason")

    @field(description="Declassification date or event, as written.")
    async def declassify_on(self, info: GQLInfo) -> str | None:
        return (await load_props(info, self.iri)).string(KG + "declassifyOn")

    @field(description="Who signed it.")
    async def signed_by(self, info: GQLInfo) -> Person | None:
        iris = (await load_props(info, self.iri)).iris(KG + "signedBy")
        return await _person(info, iris[0]) if iris else None

    @field(description='The signature line: "BURNS".')
    async def signature(self, info: GQLInfo) -> str | None:
        return (await load_props(info, self.iri)).string(KG + "signature")


@strawberry.type(description="A paragraph of a cable's body.")
class Paragraph(Node):
    @field(description="The printed paragraph number.")
    async def number(self, info: GQLInfo) -> int | None:
        return int_of((await load_props(info, self.iri)).first(KG + "number"))

    @field(description="Position in the body, from 0.")
    async def order(self, info: GQLInfo) -> int | None:
        return int_of((await load_props(info, self.iri)).first(KG + "order"))

    @field(description='The paragraph marking: "C", "S", "U", "SBU".')
    async def classification(self, info: GQLInfo) -> str | None:
        return (await load_props(info, self.iri)).string(KG + "classification")

    @field(description="The paragraph heading, if it has one.")
    async def heading(self, info: GQLInfo) -> str | None:
        return (await load_props(info, self.iri)).string(KG + "heading")

    @field(description="The text; mention offsets index into it.")
    async def text(self, info: GQLInfo) -> str:
        return (await load_props(info, self.iri)).string(KG + "text") or ""

    @field(description="The cable it belongs to.")
    async def cable(self, info: GQLInfo) -> Cable | None:
        iris = (await load_props(info, self.iri)).iris(DCTERMS + "isPartOf")
        return Cable(iri=iris[0]) if iris else None

    @field(description="Spans of the text that name entities, in reading order.")
    async def mentions(self, info: GQLInfo) -> list[Mention]:
        iris = await info.context.loaders.mentions.load(self.iri)
        found = await load_props_many(info, iris)
        found.sort(key=lambda p: ((_span(p) or (0, 0))[0], p.iri))
        return [Mention(iri=p.iri) for p in found]


def _span(props: Props) -> tuple[int, int] | None:
    """A mention's offsets: in its IRI (``p/3#char=12,18``), or as literals (a mention in
    a header field, or a graph of an earlier version)."""
    start, end = int_of(props.first(KG + "start")), int_of(props.first(KG + "end"))
    if start is not None and end is not None:
        return start, end
    named = char_range(props.iri)
    return None if named is None else (named[1], named[2])


@strawberry.type(description="A span of paragraph text naming an entity; `[start, end)` offsets.")
class Mention:
    iri: strawberry.Private[str]

    @field(description="The text as written.")
    async def text(self, info: GQLInfo) -> str:
        props = await load_props(info, self.iri)
        surface = props.string(KG + "surface")
        span, paragraphs = _span(props), props.iris(KG + "inParagraph")
        if surface is not None or span is None or not paragraphs:
            return surface or ""
        text = (await load_props(info, paragraphs[0])).string(KG + "text") or ""
        return text[span[0] : span[1]]

    @field(description="Offset of the first character (0-based, in characters).")
    async def start(self, info: GQLInfo) -> int | None:
        span = _span(await load_props(info, self.iri))
        return None if span is None else span[0]

    @field(description="Offset just past the last character.")
    async def end(self, info: GQLInfo) -> int | None:
        span = _span(await load_props(info, self.iri))
        return None if span is None else span[1]

    @field(description="The entity named, typed (Person, Organization, Place, Topic...).")
    async def entity(self, info: GQLInfo) -> Node | None:
        iris = (await load_props(info, self.iri)).iris(KG + "refersTo")
        return await node_for(info, iris[0]) if iris else None


# -- people and organizations ---------------------------------------------------------


@strawberry.type(
    description="A person: every node the identity links join (owl:sameAs in the links "
    "graph) is one Person, shown as the canonical node (the fullest name); its lists are "
    "the union over those nodes."
)
class Person(Node):
    async def _identity(self, info: GQLInfo) -> Identity:
        return await info.context.loaders.identity_of(self.iri)

    @field(description='The fullest form the cables give: "Vladimir Titov".')
    async def name(self, info: GQLInfo) -> str:
        canonical = (await self._identity(info)).canonical
        (props,) = await load_props_of(info, [canonical], NAMES)
        return (
            props.longest(FOAF + "name")
            or props.longest(SKOS + "altLabel")
            or unquote(local_name(canonical))
        )

    @field(description='Other forms, of every linked node too: "Titov", "DFM Titov".')
    async def aliases(self, info: GQLInfo) -> list[str]:
        found = await load_props_many(info, list((await self._identity(info)).members))
        name = await self.name(info)
        forms = {
            form
            for props in found
            for form in props.strings(SKOS + "altLabel") + props.strings(FOAF + "name")
        }
        return sorted(forms - {name})

    @field(description='Titles held: "Deputy Foreign Minister".')
    async def roles(self, info: GQLInfo) -> list[str]:
        memberships = info.context.loaders.memberships
        held = await load_props_many(
            info, await union_of(memberships, (await self._identity(info)).members)
        )
        roles = await load_props_many(info, sorted({r for m in held for r in m.iris(ORG + "role")}))
        return sorted({label for role in roles if (label := label_of(role))})

    @field(description="Roles held, with organization, country and date.")
    async def memberships(self, info: GQLInfo) -> list[Membership]:
        memberships = info.context.loaders.memberships
        iris = await union_of(memberships, (await self._identity(info)).members)
        found = await sorted_by(info, iris, lambda p: p.string(KG + "asOf") or LAST)
        return [Membership(iri=p.iri) for p in found]

    @field(description="Cables that mention the person (under any linked node), oldest first.")
    async def cables(self, info: GQLInfo) -> list[Cable]:
        loader = info.context.loaders.person_cables
        iris = await union_of(loader, (await self._identity(info)).members)
        return [Cable(iri=p.iri) for p in await sorted_by(info, iris, created_key)]

    @field(description="Meetings the person took part in, by date.")
    async def meetings(self, info: GQLInfo) -> list[Meeting]:
        loader = info.context.loaders.person_meetings
        iris = await union_of(loader, (await self._identity(info)).members)
        return [Meeting(iri=p.iri) for p in await sorted_by(info, iris, date_key)]

    @field(
        description="People met in a meeting, by name; with `topic`, only meetings about it "
        "(a label or code of a topic, place or TAGS concept, case-insensitive)."
    )
    async def met_with(self, info: GQLInfo, topic: str | None = None) -> list[Person]:
        loaders = info.context.loaders
        about = await loaders.topics_named.load(topic) if topic is not None else None
        identity = await self._identity(info)
        if len(identity.members) == 1:  # as in _union: no gather, no extra turn of the loop
            found = [await loaders.met_with.load((identity.members[0], about))]
        else:
            found = list(await loaders.met_with.load_many([(m, about) for m in identity.members]))
        met = await loaders.canonical([x for iris in found for x in iris])
        return await _people(info, [x for x in met if x != identity.canonical])

    @field(
        name="sameAs",
        description="The identity links that touch any of the person's nodes, most confident "
        "first: those asserted as owl:sameAs joined the nodes into this Person; the others "
        "(below the threshold, or ambiguous) say why a node was left apart.",
    )
    async def same_as(self, info: GQLInfo) -> list[IdentityLink]:
        loader = info.context.loaders.identity_links
        iris = await union_of(loader, (await self._identity(info)).members)
        found = await sorted_by(info, iris, lambda p: f"{1 - confidence_of(p):.3f}")
        return [IdentityLink(iri=p.iri) for p in found]


@strawberry.type(description="A role held, as a cable states it (org:Membership).")
class Membership:
    iri: strawberry.Private[str]

    @field(description='The role title: "Deputy Foreign Minister".')
    async def role(self, info: GQLInfo) -> str | None:
        roles = (await load_props(info, self.iri)).iris(ORG + "role")
        return label_of(await load_props(info, roles[0])) if roles else None

    @field(description="The person who holds it.")
    async def person(self, info: GQLInfo) -> Person | None:
        members = (await load_props(info, self.iri)).iris(ORG + "member")
        return await _person(info, members[0]) if members else None

    @field(description="The organization, when the cable names it.")
    async def organization(self, info: GQLInfo) -> Organization | None:
        orgs = (await load_props(info, self.iri)).iris(ORG + "organization")
        return Organization(iri=orgs[0]) if orgs else None

    @field(description="The country, when the cable names it.")
    async def country(self, info: GQLInfo) -> Place | None:
        places = (await load_props(info, self.iri)).iris(KG + "country")
        return Place(iri=places[0]) if places else None

    @field(description="The date of the cable that states it.")
    async def as_of(self, info: GQLInfo) -> dt.date | None:
        return date_of((await load_props(info, self.iri)).first(KG + "asOf"))

    @field(description="The cable that states it.")
    async def cable(self, info: GQLInfo) -> Cable | None:
        sources = (await load_props(info, self.iri)).iris(PROV + "wasDerivedFrom")
        if not sources:
            return None
        parents = (await load_props(info, sources[0])).iris(DCTERMS + "isPartOf")
        return Cable(iri=parents[0] if parents else sources[0])


@strawberry.type(description="An encounter a cable tells of.")
class Meeting(Node):
    @field(description="When it took place (or is to).")
    async def date(self, info: GQLInfo) -> dt.date | None:
        props = await load_props(info, self.iri)
        return date_of(props.first(DCTERMS + "date"))

    @field(description='Whether it took place: "held", "planned" or "reported".')
    async def status(self, info: GQLInfo) -> str | None:
        statuses = (await load_props(info, self.iri)).iris(KG + "status")
        return local_name(statuses[0]).lower() if statuses else None

    @field(description='The kind of encounter as the cable says: "dinner", "meeting", "call"...')
    async def kind(self, info: GQLInfo) -> str | None:
        return (await load_props(info, self.iri)).string(KG + "meetingKind")

    @field(
        description="The people who took part (hosts included), by name; people only: "
        "the sides that are no person are `parties`."
    )
    async def participants(self, info: GQLInfo) -> list[Person]:
        props = await load_props(info, self.iri)
        _, people = await parties_among(
            info, props.iris(KG + "host") + props.iris(KG + "participant")
        )
        return await _people(info, people)

    @field(
        description="The sides that took part and are no person, by name: the post whose "
        "unnamed officers were there, a redacted contact, a group named only as such."
    )
    async def parties(self, info: GQLInfo) -> list[Party]:
        props = await load_props(info, self.iri)
        # a graph written before parties had a property of their own lists them as participants
        found, _ = await parties_among(
            info, props.iris(KG + "party") + props.iris(KG + "participant")
        )
        return found

    @field(description="Who hosted it.")
    async def hosts(self, info: GQLInfo) -> list[Person]:
        return await _people(info, (await load_props(info, self.iri)).iris(KG + "host"))

    @field(description="What was discussed: concepts, places, organizations.")
    async def topics(self, info: GQLInfo) -> list[Topic]:
        iris = (await load_props(info, self.iri)).iris(KG + "topic")
        return [Topic(iri=p.iri) for p in await sorted_by(info, iris, label_key, TOPIC_READS)]

    @field(description="Where it took place.")
    async def location(self, info: GQLInfo) -> Place | None:
        places = (await load_props(info, self.iri)).iris(SCHEMA + "location")
        return Place(iri=places[0]) if places else None

    @field(description="The cable that reports it.")
    async def cable(self, info: GQLInfo) -> Cable:
        props = await load_props(info, self.iri)
        cables = props.iris(KG + "reportedIn")
        if cables:
            return Cable(iri=cables[0])
        # Meeting IRIs are minted under their cable's (kg/rdf/iri.py): {cable}/meeting/N.
        return Cable(iri=self.iri.rsplit("/meeting/", 1)[0])

    @field(description="The paragraphs that tell of it.")
    async def paragraphs(self, info: GQLInfo) -> list[Paragraph]:
        sources = (await load_props(info, self.iri)).iris(PROV + "wasDerivedFrom")
        paragraphs = [p for p in await load_props_many(info, sources) if p.exists]
        paragraphs.sort(key=lambda p: (int_of(p.first(KG + "order")) or 0, p.iri))
        return [Paragraph(iri=p.iri) for p in paragraphs]


# -- resolving a node of unknown type -------------------------------------------------

NODE_TYPES: dict[str, type[Node]] = {
    cls.__name__: cls
    for cls in (Cable, Paragraph, Meeting, Person, Post, Organization, Place, Topic, IdentityLink)
}


def kind_of(props: Props) -> type[Node] | None:
    name = kind_name(props)
    return NODE_TYPES.get(name) if name else None


async def node_for(info: GQLInfo, iri: str) -> Node | None:
    """The node at ``iri`` as the GraphQL type its rdf:type says, or None if untyped."""
    cls = kind_of(await load_props(info, iri))
    if cls is Person:
        return await _person(info, iri)
    return cls(iri=iri) if cls else None
