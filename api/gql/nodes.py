"""The Node interface and the types that lead to no cable or person: posts,
organizations (both a meeting's possible ``Party``), places, topics, identity links (which
name their two nodes by IRI and name)."""

from __future__ import annotations

from urllib.parse import unquote

import strawberry

from api.gql.context import (
    LABELS,
    TOPIC_READS,
    GQLInfo,
    confidence_of,
    kind_name,
    label_key,
    label_of,
    load_props,
    load_props_of,
    local_name,
    release_label,
)
from api.gql.fields import field
from api.gql.relay import global_id
from api.gql.sparql import (
    FOAF,
    KG,
    RDFS,
    SCHEMA,
    SKOS,
)
from kg.rdf.vocabulary import RDF_TYPE

# -- the Node interface ---------------------------------------------------------------


@strawberry.interface(description="Anything the graph names; fetch any one by `node(id:)`.")
class Node:
    iri: strawberry.Private[str]

    @field(description="Global ID: base64 of `Type:IRI`; opaque to clients.")
    def id(self) -> strawberry.ID:
        return global_id(type(self).__name__, self.iri)

    @field(name="iri", description="The node's IRI in the RDF graph (SPARQL, linked data).")
    def iri_field(self) -> str:
        return self.iri


@strawberry.interface(
    description="A side of a meeting that is no person: the post whose unnamed officers took "
    "part (a Post), a contact whose name the release redacted or a group named only as such "
    "(an Organization)."
)
class Party(Node):
    @field(description='The name: "Embassy Moscow", "redacted source".')
    async def name(self, info: GQLInfo) -> str:
        raise NotImplementedError  # each type that is a Party names itself


@strawberry.type(description="An embassy, consulate, mission or Washington office.")
class Post(Party):
    @field(description='As the release names it: "Embassy Moscow".')
    async def name(self, info: GQLInfo) -> str:
        props = await load_props(info, self.iri)
        return release_label(props.strings(RDFS + "label")) or local_name(self.iri)

    @field(description='Every form the graph holds: "Embassy Moscow", "AMEMBASSY MOSCOW".')
    async def labels(self, info: GQLInfo) -> list[str]:
        return sorted((await load_props(info, self.iri)).strings(RDFS + "label"))

    @field(description='The telegraphic routing indicator: "RUEHMO".')
    async def routing_indicator(self, info: GQLInfo) -> str | None:
        return (await load_props(info, self.iri)).string(KG + "routingIndicator")


@strawberry.type(description="An organization (ministry, party, agency, company...).")
class Organization(Party):
    @field(description='The preferred name: "Ministry of Foreign Affairs".')
    async def name(self, info: GQLInfo) -> str:
        return label_of(await load_props(info, self.iri)) or unquote(local_name(self.iri))

    @field(description="Other names.")
    async def aliases(self, info: GQLInfo) -> list[str]:
        props = await load_props(info, self.iri)
        name = await self.name(info)
        forms = props.strings(SKOS + "altLabel") + props.strings(SKOS + "prefLabel")
        return sorted({form for form in forms if form != name})

    @field(description='The acronym: "MFA".')
    async def acronym(self, info: GQLInfo) -> str | None:
        return (await load_props(info, self.iri)).string(KG + "acronym")

    @field(description="The country it belongs to.")
    async def country(self, info: GQLInfo) -> Place | None:
        places = (await load_props(info, self.iri)).iris(KG + "country")
        return Place(iri=places[0]) if places else None


@strawberry.type(description="A country, city or region.")
class Place(Node):
    @field(description='The preferred name: "Kosovo".')
    async def name(self, info: GQLInfo) -> str:
        return label_of(await load_props(info, self.iri)) or unquote(local_name(self.iri))

    @field(description='FIPS 10-4 / TAGS code: "KV".')
    async def code(self, info: GQLInfo) -> str | None:
        return (await load_props(info, self.iri)).string(KG + "fipsCode")

    @field(description='Its schema.org class: "Country", "City", "AdministrativeArea" or "Place".')
    async def kind(self, info: GQLInfo) -> str:
        types = (await load_props(info, self.iri)).iris(RDF_TYPE)
        for kind in ("Country", "City", "AdministrativeArea"):
            if SCHEMA + kind in types:
                return kind
        return "Place"

    @field(description="The country it lies in.")
    async def country(self, info: GQLInfo) -> Place | None:
        places = (await load_props(info, self.iri)).iris(KG + "country")
        return Place(iri=places[0]) if places else None


@strawberry.type(description="A TAGS concept, a free topic, or a place or organization discussed.")
class Topic(Node):
    @field(description='The code: "PREL" for TAGS, the FIPS code for places; null for free topics.')
    async def code(self, info: GQLInfo) -> str | None:
        (props,) = await load_props_of(info, [self.iri], TOPIC_READS)
        return props.string(SKOS + "notation") or props.string(KG + "fipsCode")

    @field(description='The label: "External Political Relations", "Kosovo".')
    async def label(self, info: GQLInfo) -> str:
        (props,) = await load_props_of(info, [self.iri], TOPIC_READS)
        return label_of(props) or unquote(local_name(self.iri))

    @field(description='The scheme: "SubjectTags", "GeoTags", "FreeTopics"...; null if none.')
    async def scheme(self, info: GQLInfo) -> str | None:
        schemes = (await load_props(info, self.iri)).iris(SKOS + "inScheme")
        return local_name(schemes[0]) if schemes else None


@strawberry.type(
    description="Why two person nodes are, or may be, one person (kg:IdentityLink, written by "
    "`kg link`): a cable-local node (a surname one cable gives) or a shorter name, the full "
    "name it may be, a confidence and the reasons."
)
class IdentityLink(Node):
    async def _end(self, info: GQLInfo, predicate: str) -> str:
        ends = (await load_props(info, self.iri)).iris(predicate)
        return ends[0] if ends else ""

    async def _name(self, info: GQLInfo, predicate: str) -> str | None:
        end = await self._end(info, predicate)
        props = await load_props(info, end) if end else None
        return (props.longest(FOAF + "name") or props.longest(SKOS + "altLabel")) if props else None

    @field(description="The less identified node's IRI (cable-local, or the shorter name).")
    async def source_iri(self, info: GQLInfo) -> str:
        return await self._end(info, KG + "linkSource")

    @field(description='The source node\'s name as its cable gives it: "Titov".')
    async def source_name(self, info: GQLInfo) -> str | None:
        return await self._name(info, KG + "linkSource")

    @field(description="The full-name node's IRI.")
    async def target_iri(self, info: GQLInfo) -> str:
        return await self._end(info, KG + "linkTarget")

    @field(description='The target node\'s name: "Vladimir Titov".')
    async def target_name(self, info: GQLInfo) -> str | None:
        return await self._name(info, KG + "linkTarget")

    @field(description="How likely the two are one person, from 0 to 0.95.")
    async def confidence(self, info: GQLInfo) -> float:
        return confidence_of(await load_props(info, self.iri))

    @field(
        description="Whether the two nodes are one Person in this API: the link is asserted "
        "(owl:sameAs, confidence at least 0.8), or other links join them."
    )
    async def asserted(self, info: GQLInfo) -> bool:
        ends = [await self._end(info, KG + "linkSource"), await self._end(info, KG + "linkTarget")]
        if not all(ends):
            return False
        source, target = await info.context.loaders.identities_of(ends)
        return source.canonical == target.canonical

    @field(
        description='What raised or lowered the confidence, sorted: "same role: DFM / ... (+0.30)".'
    )
    async def reasons(self, info: GQLInfo) -> list[str]:
        return sorted((await load_props(info, self.iri)).strings(SKOS + "note"))


async def parties_among(info: GQLInfo, iris: list[str]) -> tuple[list[Party], list[str]]:
    """A meeting's sides at ``iris`` that are no person (posts and organizations, by name),
    and the IRIs of the others (people), each once, in order."""
    sides = await load_props_of(info, list(dict.fromkeys(iris)), (RDF_TYPE,))
    kinds = {p.iri: kind_name(p) for p in sides}
    parties = sorted(
        await load_props_of(
            info, [p.iri for p in sides if kinds[p.iri] in ("Post", "Organization")], LABELS
        ),
        key=lambda p: (label_key(p), p.iri),
    )
    found: list[Party] = [
        Post(iri=p.iri) if kinds[p.iri] == "Post" else Organization(iri=p.iri) for p in parties
    ]
    apart = {p.iri for p in parties}
    return found, [p.iri for p in sides if p.iri not in apart]
