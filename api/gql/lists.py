"""The lists the root query pages through: a SPARQL pattern per list, filters, order.

A ``Pattern`` binds ``?x`` (the items) and ``?sortkey``; ``page`` and ``count`` wrap it
in the ``SELECT``. Two rules keep these queries linear in the size of the store:

- Words that name shared nodes (a person, a TAGS code, a post, a topic) are first
  resolved to IRIs by their own query (``Loaders.people_named`` and friends), and
  the list query joins on ``VALUES`` of those IRIs through cable-local triples only.
  Joining through a shared node's own triples would multiply rows by the number of
  cable graphs that restate them (the default graph is their multiset union).
- Lists of shared nodes (people, organizations, places, topics) take their items and
  sort keys from ``SELECT DISTINCT`` subqueries, which collapse those repeats first.

User text reaches the store bound (``bindings=``) or as IRIs that pyoxigraph escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import get_args

import pyoxigraph as ox
import strawberry

from api.gql.loaders import Loaders
from api.gql.relay import Page
from api.gql.sparql import (
    KG,
    XSD,
    Bindings,
    needle,
    projected,
    select_in_thread,
    value,
    values,
)
from kg.link import links_graph
from kg.model import MeetingStatus
from kg.rdf.vocabulary import OWL_SAME_AS
from kg.store import Store


@dataclass(frozen=True, slots=True)
class Pattern:
    """A graph pattern binding ``?x`` and ``?sortkey``, with its bindings."""

    where: str
    bindings: Bindings

    async def page(self, store: Store, page: Page | None, *, descending: bool = False) -> list[str]:
        """The IRIs of one page (plus one, see ``Page.sparql``), by sort key then IRI."""
        bound = projected(self.bindings)
        # Items without a sort key (an undated meeting) go last either way.
        order = "(!BOUND(?sort)) " + ("DESC(?sort)" if descending else "?sort")
        rows = await select_in_thread(
            store,
            f"""SELECT ?x (MIN(?sortkey) AS ?sort) {bound} WHERE {{ {self.where} }}
            GROUP BY ?x {bound} ORDER BY {order} ?x {page.sparql if page else ""}""",
            self.bindings,
        )
        return [value(row["x"]) for row in rows]

    async def count(self, store: Store) -> int:
        bound = projected(self.bindings)
        group = f"GROUP BY {bound}" if bound else ""
        rows = await select_in_thread(
            store,
            f"SELECT (COUNT(DISTINCT ?x) AS ?n) {bound} WHERE {{ {self.where} }} {group}",
            self.bindings,
        )
        return int(value(rows[0]["n"])) if rows else 0


def _contains(predicates: str, text: str, bindings: Bindings, key: str) -> str:
    """Keep ``?x`` when one of its ``predicates`` values contains ``text`` (any case)."""
    bindings[key] = needle(text)
    return (
        f"FILTER EXISTS {{ ?x {predicates} ?{key}Text . "
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
        default=None, description='The post, by any of its labels, any case: "Embassy Moscow".'
    )
    classification: str | None = strawberry.field(
        default=None, description='Exactly this classification, any case: "SECRET//NOFORN".'
    )
    tags: list[str] | None = strawberry.field(
        default=None, description='Carries every one of these TAGS codes: ["PREL", "KV"].'
    )
    person: str | None = strawberry.field(
        default=None, description="Mentions this person (full name, surname or alias)."
    )
    topic: str | None = strawberry.field(
        default=None,
        description="Tagged with it or reports a meeting about it (a label or code of a topic, "
        "place or TAGS concept).",
    )
    text: str | None = strawberry.field(
        default=None, description="Words in the subject or body, any case."
    )


async def cable_pattern(
    store: Store, loaders: Loaders, where: CableFilter | None, order: CableOrder
) -> Pattern:
    bindings: Bindings = {}
    sortkey = "?ref" if order is CableOrder.REFERENCE_ID else "?created"
    parts = [
        "?x a kg:Cable ; dcterms:identifier ?ref .",
        "OPTIONAL { ?x dcterms:created ?created }",
        f"BIND({sortkey} AS ?sortkey)",
    ]
    f = where or CableFilter()
    if f.created_from is not None:
        # Days compared as text: created is UTC ("…Z"), a day has no zone to compare with.
        bindings["createdFrom"] = ox.Literal(f.created_from.isoformat())
        parts.append("FILTER(SUBSTR(STR(?created), 1, 10) >= ?createdFrom)")
    if f.created_to is not None:
        bindings["createdTo"] = ox.Literal(f.created_to.isoformat())
        parts.append("FILTER(SUBSTR(STR(?created), 1, 10) <= ?createdTo)")
    if f.classification is not None:
        bindings["classification"] = needle(f.classification)
        parts.append(
            "FILTER EXISTS { ?x kg:classification ?cl . FILTER(LCASE(STR(?cl)) = ?classification) }"
        )
    if f.text is not None:
        parts.append(_contains("dcterms:title|dcterms:hasPart/kg:text", f.text, bindings, "text"))
    # Words naming shared nodes narrow the cables to a set, one query per filter; the
    # page query then starts from VALUES ?x. Joining those filters inside one query
    # made oxigraph pick slow join orders once several combined.
    found: list[set[str]] = []
    if f.origin is not None:
        posts = await _resolve(store, "?x rdfs:label ?l . FILTER(LCASE(STR(?l)) = ?q)", f.origin)
        found.append(await _linked(store, posts, "?x kg:origin ?t ."))
    for code in f.tags or []:
        tags = await _resolve(store, "?x skos:notation ?q .", code.strip().upper(), lower=False)
        found.append(await _linked(store, tags, "?x kg:tag ?t ."))
    if f.person is not None:
        people = await loaders.people_named.load(f.person)
        found.append(await _linked(store, people, CABLES_NAMING))
    if f.topic is not None:
        topics = await loaders.topics_named.load(f.topic)
        found.append(
            await _linked(
                store, topics, "{ ?x kg:tag ?t } UNION { ?m kg:reportedIn ?x ; kg:topic ?t }"
            )
        )
    if found:
        parts.insert(0, values("x", sorted(set.intersection(*found))))
    return Pattern("\n".join(parts), bindings)


#: Cables that name ``?t``: in the text, as a meeting participant, or by a mention.
CABLES_NAMING = """
    { ?x kg:mentions ?t }
    UNION { ?m kg:participant|kg:host ?t ; kg:reportedIn ?x }
    UNION { ?mention kg:refersTo ?t ; kg:inParagraph ?p . ?p dcterms:isPartOf ?x }"""


async def _linked(
    store: Store, targets: Sequence[str], where: str, *, within: set[str] | None = None
) -> set[str]:
    """The ``?x`` that ``where`` links to one of ``targets`` (bound to ``?t``); only
    those ``within`` a set found before, when given (the query starts from them)."""
    if not targets or within == set():
        return set()
    if within is None:
        pattern = f"{values('t', targets)} {where}"
    else:
        # The targets as a FILTER, not a second VALUES block: oxigraph would start from
        # that one, listing everything linked to a target (every meeting on PREL), and
        # join the two lists; here it starts from the items and looks each one up.
        among = ", ".join(str(ox.NamedNode(t)) for t in targets)
        pattern = f"{values('x', sorted(within))} {where} FILTER(?t IN ({among}))"
    rows = await select_in_thread(store, f"SELECT DISTINCT ?x WHERE {{ {pattern} }}")
    return {value(row["x"]) for row in rows}


async def _resolve(store: Store, where: str, text: str, *, lower: bool = True) -> list[str]:
    """IRIs ``?x`` matching ``where`` with ``?q`` bound to ``text`` (lower-cased)."""
    q = needle(text) if lower else ox.Literal(text)
    rows = await select_in_thread(store, f"SELECT DISTINCT ?x ?q WHERE {{ {where} }}", {"q": q})
    return sorted({value(row["x"]) for row in rows})


# -- meetings ----------------------------------------------------------------------------


async def meeting_pattern(
    store: Store,
    loaders: Loaders,
    participant: str | None,
    topic: str | None,
    status: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> Pattern:
    bindings: Bindings = {}
    parts = ["?x a kg:Meeting .", "OPTIONAL { ?x dcterms:date ?sortkey }"]
    # Narrowed as for cables (see cable_pattern), the participant's meetings first: the
    # topic then only checks those, rather than listing every meeting on the topic.
    found: set[str] | None = None
    if participant is not None:
        people = await loaders.people_named.load(participant)
        found = await _linked(store, people, "?x kg:participant|kg:host ?t .")
    if topic is not None and found != set():
        topics = await loaders.topics_named.load(topic)
        found = await _linked(store, topics, "?x kg:topic ?t .", within=found)
    if found is not None:
        parts.insert(0, values("x", sorted(found)))
    if status is not None:
        known = get_args(MeetingStatus)
        if status.strip().lower() not in known:
            raise ValueError(f"unknown meeting status {status!r}: use one of {', '.join(known)}")
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


# -- shared nodes ------------------------------------------------------------------------


@strawberry.enum(description="The concept schemes topics belong to.")
class TopicScheme(Enum):
    SUBJECT_TAGS = "SubjectTags"
    PROGRAM_TAGS = "ProgramTags"
    ORGANIZATION_TAGS = "OrganizationTags"
    GEO_TAGS = "GeoTags"
    PERSON_TAGS = "PersonTags"
    FREE_TOPICS = "FreeTopics"


async def _containing(store: Store, search: str, text: str) -> list[str]:
    """Nodes with a ``search`` value containing ``text``, any case."""
    return await _resolve(store, f"?x {search} ?l . FILTER(CONTAINS(LCASE(STR(?l)), ?q))", text)


async def _shared(
    store: Store,
    types: str,
    labels: str,
    search: str,
    text: str | None,
    *,
    found: list[str] | None = None,
) -> str:
    """Distinct nodes of one of ``types`` with their distinct ``labels`` as sort keys;
    with ``text``, only those with a ``search`` value containing it (found first, by a
    query of its own, so the subqueries look up those nodes only), or ``found``."""
    if found is None and text is not None:
        found = await _containing(store, search, text)
    only = values("x", found) if found is not None else ""
    return f"""
        {{ SELECT DISTINCT ?x WHERE {{ {only} ?x a ?type . VALUES ?type {{ {types} }} }} }}
        {{ SELECT DISTINCT ?x ?sortkey WHERE {{ {only} {labels} }} }}"""


async def people_pattern(store: Store, loaders: Loaders, name: str | None) -> Pattern:
    """People, one per identity cluster: a node with an ``owl:sameAs`` of its own in the
    links graph is left out (its cluster's canonical node stands for it), and ``name``
    found on such a node keeps the canonical one."""
    search = "foaf:name|skos:altLabel"
    found = None
    links = loaders.links
    if name is not None:
        found = await _containing(store, search, name)
        if links and found:
            found = sorted(set(await loaders.canonical(found)))
    where = await _shared(
        store, "foaf:Person schema:Person", "?x foaf:name ?sortkey", search, name, found=found
    )
    if links:
        graph = ox.NamedNode(links_graph(store.iris))
        where += f"\nFILTER NOT EXISTS {{ GRAPH {graph} {{ ?x <{OWL_SAME_AS}> ?same }} }}"
    return Pattern(where, {})


async def organizations_pattern(store: Store, name: str | None) -> Pattern:
    # Posts are typed kg:Post only: cables' origins and addressees, not listed here.
    where = await _shared(
        store,
        "org:Organization org:FormalOrganization",
        "?x skos:prefLabel ?sortkey",
        "skos:prefLabel|skos:altLabel|kg:acronym",
        name,
    )
    return Pattern(where, {})


PLACE_TYPES = "schema:Place schema:Country schema:City schema:AdministrativeArea"


async def places_pattern(store: Store, name: str | None) -> Pattern:
    where = await _shared(
        store,
        PLACE_TYPES,
        "?x skos:prefLabel ?sortkey",
        "skos:prefLabel|skos:altLabel|kg:fipsCode",
        name,
    )
    return Pattern(where, {})


async def topics_pattern(store: Store, scheme: TopicScheme | None, text: str | None) -> Pattern:
    # Coded concepts first by code ("0PREL"), then free topics by label ("1kosovo").
    where = await _shared(
        store,
        "skos:Concept",
        """{ ?x skos:notation ?code BIND(CONCAT("0", STR(?code)) AS ?sortkey) }
        UNION { ?x skos:prefLabel ?label BIND(CONCAT("1", LCASE(STR(?label))) AS ?sortkey) }""",
        "skos:notation|skos:prefLabel|skos:altLabel",
        text,
    )
    bindings: Bindings = {}
    if scheme is not None:
        bindings["scheme"] = ox.NamedNode(KG + scheme.value)
        where += "\nFILTER EXISTS { ?x skos:inScheme ?scheme }"
    return Pattern(where, bindings)


#: What search looks in: names, labels, codes, reference IDs and subjects.
SEARCHED = (
    "foaf:name|skos:altLabel|skos:prefLabel|skos:notation|rdfs:label|kg:acronym"
    "|dcterms:identifier|dcterms:title"
)


def search_pattern(text: str) -> Pattern:
    """Nodes with a name, label, code, reference ID or subject containing ``text``;
    those where it is the whole value first, then by that value."""
    return Pattern(
        f"""?x {SEARCHED} ?l .
        FILTER(CONTAINS(LCASE(STR(?l)), ?text))
        BIND(CONCAT(IF(LCASE(STR(?l)) = ?text, "0", "1"), LCASE(STR(?l))) AS ?sortkey)""",
        {"text": needle(text)},
    )
