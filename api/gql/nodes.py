"""The Node interface and the types that lead to no cable or person: posts,
organizations, places, topics."""

from __future__ import annotations

from urllib.parse import unquote

import strawberry

from api.gql.context import GQLInfo, label_of, load_props, local_name, release_label
from api.gql.fields import field
from api.gql.relay import global_id
from api.gql.sparql import (
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


@strawberry.type(description="An embassy, consulate, mission or Washington office.")
class Post(Node):
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
class Organization(Node):
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
        props = await load_props(info, self.iri)
        return props.string(SKOS + "notation") or props.string(KG + "fipsCode")

    @field(description='The label: "External Political Relations", "Kosovo".')
    async def label(self, info: GQLInfo) -> str:
        return label_of(await load_props(info, self.iri)) or unquote(local_name(self.iri))

    @field(description='The scheme: "SubjectTags", "GeoTags", "FreeTopics"...; null if none.')
    async def scheme(self, info: GQLInfo) -> str | None:
        schemes = (await load_props(info, self.iri)).iris(SKOS + "inScheme")
        return local_name(schemes[0]) if schemes else None
