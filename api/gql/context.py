"""What every resolver reaches: the request's context, and the reading and ordering of
node properties through its loaders (``api.gql.loaders``) that the types share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from strawberry.dataloader import DataLoader
from strawberry.types import Info

from api.gql.loaders import Loaders, Props
from api.gql.sparql import (
    DCTERMS,
    FOAF,
    KG,
    ORG,
    RDFS,
    SCHEMA,
    SKOS,
)
from kg.rdf.vocabulary import RDF_TYPE
from kg.store import Store


@dataclass(frozen=True, slots=True)
class Context:
    """What every resolver reaches through ``info.context``: the store and the loaders."""

    store: Store
    loaders: Loaders

    @classmethod
    def for_store(cls, store: Store) -> Context:
        return cls(store=store, loaders=Loaders(store))


GQLInfo = Info[Context, None]


async def load_props(info: GQLInfo, iri: str) -> Props:
    return await info.context.loaders.props.load(iri)


async def load_props_many(info: GQLInfo, iris: list[str]) -> list[Props]:
    return list(await info.context.loaders.props.load_many(iris))


async def load_props_of(info: GQLInfo, iris: list[str], predicates: tuple[str, ...]) -> list[Props]:
    """The nodes' properties, ``predicates`` only (``PropsLoader.load_of``): for what a
    resolver reads of shared nodes, restated in every cable graph that names them."""
    return await info.context.loaders.props.load_of(iris, predicates)


async def sorted_by(
    info: GQLInfo,
    iris: list[str],
    key: Callable[[Props], str],
    reading: tuple[str, ...] | None = None,
) -> list[Props]:
    """The nodes' properties, ordered by ``key`` then IRI (sorted here, not in SPARQL:
    see ``api.gql.loaders`` on why the queries do not join for sort keys); ``reading``:
    the predicates ``key`` and the caller read, the only ones loaded."""
    if reading is None:
        found = await load_props_many(info, iris)
    else:
        found = await load_props_of(info, iris, reading)
    return sorted(found, key=lambda p: (key(p), p.iri))


async def union_of(loader: DataLoader[str, list[str]], iris: tuple[str, ...]) -> list[str]:
    """What ``loader`` lists for any of ``iris``, each once."""
    if len(iris) == 1:  # a plain load: load_many's gather would cost one turn of the loop,
        return list(await loader.load(iris[0]))  # and put later loads in a batch of their own
    return list(dict.fromkeys(x for found in await loader.load_many(iris) for x in found))


LAST = "\uffff"  # sorts after every real key: undated things go last


def name_key(props: Props) -> str:
    return (props.longest(FOAF + "name") or LAST).casefold()


def label_key(props: Props) -> str:
    return (label_of(props) or LAST).casefold()


def created_key(props: Props) -> str:
    return props.string(DCTERMS + "created") or LAST


def date_key(props: Props) -> str:
    return props.string(DCTERMS + "date") or LAST


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


#: What ``name_key`` and a person's name read.
NAMES = (FOAF + "name", SKOS + "altLabel")
#: What ``label_of`` reads.
LABELS = (SKOS + "prefLabel", FOAF + "name", RDFS + "label", SKOS + "notation")
#: What a topic's label and code read.
TOPIC_READS = (*LABELS, KG + "fipsCode")


def label_of(props: Props) -> str | None:
    """A display label for any node: preferred label, then other names, then the code."""
    for predicate in LABELS:
        found = props.longest(predicate) if predicate == FOAF + "name" else props.string(predicate)
        if found:
            return found
    return None


def release_label(labels: list[str]) -> str | None:
    """The post's name as the release gives it ("Embassy Moscow"), not the telegram
    header's upper-case form ("AMEMBASSY MOSCOW"), when the graph holds both."""
    if not labels:
        return None
    return min(labels, key=lambda s: (s.isupper(), len(s), s))


def confidence_of(props: Props) -> float:
    found = props.string(KG + "confidence")
    try:
        return float(found) if found is not None else 1.0
    except ValueError:
        return 1.0


#: rdf:type -> the name of its GraphQL type, most specific first (a Post is also an
#: org:Organization).
KINDS: tuple[tuple[str, str], ...] = (
    (KG + "Cable", "Cable"),
    (KG + "Paragraph", "Paragraph"),
    (KG + "Meeting", "Meeting"),
    (FOAF + "Person", "Person"),
    (SCHEMA + "Person", "Person"),
    (KG + "Post", "Post"),
    (ORG + "Organization", "Organization"),
    (ORG + "FormalOrganization", "Organization"),
    (SCHEMA + "Country", "Place"),
    (SCHEMA + "City", "Place"),
    (SCHEMA + "AdministrativeArea", "Place"),
    (SCHEMA + "Place", "Place"),
    (SKOS + "Concept", "Topic"),
    (KG + "IdentityLink", "IdentityLink"),
)


def kind_name(props: Props) -> str | None:
    """The name of the GraphQL type the node's rdf:type says, or None if untyped."""
    types = props.iris(RDF_TYPE)
    for rdf_type, name in KINDS:
        if rdf_type in types:
            return name
    return None
