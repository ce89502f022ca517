"""What the explorer's pages show, read from the store as frozen values.

Each function takes the store and returns values (``Ref``, ``Meeting``, ``Person`` ...),
never rows: the views (``api.explorer.views``) only lay them out. A person is the node
asked for together with the cables' own nodes linked to it by ``owl:sameAs``
(``kg link``), so the page of Vladimir Titov also shows the cable that says only "Titov".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.rdf.iri import char_range
from kg.rdf.vocabulary import (
    FOAF_NS,
    KG,
    ORG_NS,
    OWL_SAME_AS,
    RDF_TYPE,
    RDFS_NS,
    SCHEMA_NS,
    SKOS_NS,
    sparql_prefixes,
)
from kg.store import Store

PREFIXES = sparql_prefixes("dcterms", "kg", "foaf", "skos", "rdfs", "org", "owl", "prov", "schema")
LISTED = 200  # cables or meetings on one page; the SPARQL endpoint has the rest

#: Page kinds by class, the first that fits wins.
KINDS = (
    ("cable", str(KG.Cable)),
    ("meeting", str(KG.Meeting)),
    ("person", FOAF_NS + "Person"),
    ("post", str(KG.Post)),
    ("organization", ORG_NS + "Organization"),
    ("place", SCHEMA_NS + "Place"),
    ("role", str(KG.Role)),
    ("topic", SKOS_NS + "Concept"),
)
#: Kinds that get an explorer page; the others (mentions, paragraphs, memberships,
#: identity links) show their triples.
EXPLORED = frozenset({"meeting", "person", "post", "organization", "place", "role", "topic"})


@dataclass(frozen=True, slots=True)
class Ref:
    """A link to a node: its IRI and what to call it."""

    iri: str
    label: str
    kind: str = ""


@dataclass(frozen=True, slots=True)
class CableRef:
    reference_id: str
    title: str
    created: str


@dataclass(frozen=True, slots=True)
class Meeting:
    iri: str
    date: str
    kind: str
    status: str
    cable: CableRef
    participants: tuple[Ref, ...]
    hosts: tuple[Ref, ...]
    topics: tuple[Ref, ...]
    paragraphs: tuple[int, ...]  # orders of the paragraphs that tell it
    parties: tuple[Ref, ...] = ()  # the sides that are no person: the post, a redacted contact


@dataclass(frozen=True, slots=True)
class Role:
    role: Ref
    organization: Ref | None
    as_of: str
    cable: str  # reference ID of the cable that says so
    paragraph: int | None


@dataclass(frozen=True, slots=True)
class Entity:
    """What a page about one node shows."""

    iri: str
    kind: str
    label: str
    names: tuple[str, ...]
    facts: tuple[tuple[str, Ref | str], ...]
    nodes: tuple[str, ...]  # the node and the cables' nodes linked to it
    cables: tuple[CableRef, ...]
    meetings: tuple[Meeting, ...]
    roles: tuple[Role, ...]
    members: tuple[tuple[Ref, Ref | None, str], ...]  # (person, role, as of)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    target: Ref


@dataclass(frozen=True, slots=True)
class Overview:
    cables: int
    people: int
    organizations: int
    meetings: int
    first: str
    last: str
    months: tuple[tuple[str, int], ...]
    connected: tuple[tuple[Ref, int, int], ...]  # (person, people met, meetings)
    newest: tuple[CableRef, ...]


def term_text(row: dict[str, Any], name: str, default: str = "") -> str:
    """The value of the term bound to ``name`` in a row of ``Store.select``, or ``default``."""
    term = row.get(name)
    return default if term is None else str(term.value)


def _values(name: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{name} {{ " + " ".join(f"<{iri}>" for iri in iris) + " }"


def kind_of(store: Store, iri: str) -> str:
    types = {
        term_text(row, "t")
        for row in store.select("SELECT ?x ?t { ?x a ?t }", bindings={"x": ox.NamedNode(iri)})
    }
    return next((kind for kind, cls in KINDS if cls in types), "")


def labels(store: Store, iris: Iterable[str]) -> dict[str, str]:
    """A display label for each of ``iris`` that has one (a name first)."""
    wanted = sorted({iri for iri in iris if iri})
    found: dict[str, str] = {}
    for start in range(0, len(wanted), 300):
        rows = store.select(
            PREFIXES
            + "SELECT ?x ?name ?label WHERE { "
            + _values("x", wanted[start : start + 300])
            + " OPTIONAL { ?x foaf:name|skos:prefLabel ?name }"
            " OPTIONAL { ?x rdfs:label|dcterms:identifier|skos:notation ?label } }"
        )
        for row in rows:
            name, label = term_text(row, "name"), term_text(row, "label")
            iri = term_text(row, "x")
            best = found.get(iri)
            # A name beats a label; between labels the one with lower case ("Embassy
            # Moscow" over "AMEMBASSY MOSCOW") wins.
            for text in (name, label):
                if text and (best is None or (best.isupper() and not text.isupper())):
                    best = text
            if best:
                found[iri] = best
    return found


def canonical(store: Store, iris: Iterable[str]) -> dict[str, str]:
    """Each of ``iris`` that a cable's node linked to a person of the whole corpus, to it."""
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    rows = store.select(PREFIXES + f"SELECT ?x ?c {{ {_values('x', wanted)} ?x owl:sameAs ?c }}")
    return {term_text(row, "x"): term_text(row, "c") for row in rows}


def refs(store: Store, iris: Iterable[str]) -> list[Ref]:
    """``iris`` as links, each to the person it is linked to, without repeats, in order."""
    listed = list(dict.fromkeys(iris))
    same = canonical(store, listed)
    targets = list(dict.fromkeys(same.get(iri, iri) for iri in listed))
    names = labels(store, targets)
    return [Ref(iri, names.get(iri, iri.rsplit("/", 1)[-1])) for iri in targets]


# -- meetings ----------------------------------------------------------------------------


def meetings(store: Store, pattern: str, *, limit: int = LISTED) -> list[Meeting]:
    """The meetings that ``pattern`` (a SPARQL group binding ``?m``) selects, by date."""
    rows = store.select(
        PREFIXES
        + "SELECT DISTINCT ?m ?date ?kind ?status ?id ?title ?created WHERE { "
        + pattern
        + " ?m a kg:Meeting ; kg:reportedIn ?cable . ?cable dcterms:identifier ?id ."
        " OPTIONAL { ?cable dcterms:title ?title } OPTIONAL { ?cable dcterms:created ?created }"
        " OPTIONAL { ?m dcterms:date ?date } OPTIONAL { ?m kg:meetingKind ?kind }"
        " OPTIONAL { ?m kg:status ?status } }"
        f" ORDER BY ?date ?id ?m LIMIT {limit}"
    )
    iris = [term_text(row, "m") for row in rows]
    if not iris:
        return []
    links: dict[str, dict[str, list[str]]] = {iri: {} for iri in iris}
    orders: dict[str, list[int]] = {iri: [] for iri in iris}
    values = _values("m", iris)
    for row in store.select(
        PREFIXES + f"SELECT ?m ?p ?x {{ {values} ?m ?p ?x . FILTER(?p IN "
        "(kg:participant, kg:party, kg:host, kg:topic)) }"
    ):
        role = term_text(row, "p").rsplit("#", 1)[-1]
        links[term_text(row, "m")].setdefault(role, []).append(term_text(row, "x"))
    for row in store.select(
        PREFIXES + f"SELECT ?m ?order {{ {values} ?m prov:wasDerivedFrom/kg:order ?order }}"
    ):
        orders[term_text(row, "m")].append(int(term_text(row, "order")))
    every = [x for by_role in links.values() for xs in by_role.values() for x in xs]
    known = {ref.iri: ref for ref in refs(store, every)}
    same = canonical(store, every)

    def linked(xs: Sequence[str]) -> tuple[Ref, ...]:
        picked = dict.fromkeys(same.get(x, x) for x in xs)
        return tuple(sorted((known[x] for x in picked if x in known), key=lambda r: r.label))

    return [
        Meeting(
            iri=term_text(row, "m"),
            date=term_text(row, "date"),
            kind=term_text(row, "kind", "meeting"),
            status=term_text(row, "status").rsplit("#", 1)[-1],
            cable=CableRef(
                term_text(row, "id"), term_text(row, "title"), term_text(row, "created")
            ),
            participants=linked(links[term_text(row, "m")].get("participant", [])),
            hosts=linked(links[term_text(row, "m")].get("host", [])),
            topics=linked(links[term_text(row, "m")].get("topic", [])),
            paragraphs=tuple(sorted(orders[term_text(row, "m")])),
            parties=linked(links[term_text(row, "m")].get("party", [])),
        )
        for row in rows
    ]


def met_with(person: Entity) -> list[tuple[Ref, int]]:
    """The people ``person`` met, with how many meetings each, most first."""
    counts: Counter[Ref] = Counter()
    for meeting in person.meetings:
        for other in meeting.participants:
            if other.iri not in person.nodes:
                counts[other] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].label))


# -- one node ----------------------------------------------------------------------------

NAME_PROPS = (FOAF_NS + "name", SKOS_NS + "prefLabel", SKOS_NS + "altLabel", RDFS_NS + "label")
#: Properties left out of an entity's facts: its names, its type, and the bookkeeping
#: that its "data" link shows.
HIDDEN = frozenset(
    {
        *NAME_PROPS,
        RDF_TYPE,
        ORG_NS + "hasMembership",
        OWL_SAME_AS,
        SKOS_NS + "inScheme",
    }
)


def _local_name(iri: str) -> str:
    name = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    spaced = "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()
    return spaced[:1].upper() + spaced[1:]


def entity(store: Store, iri: str, kind: str) -> Entity:
    """Everything a page about the node ``iri`` (of ``kind``, see ``KINDS``) shows."""
    node = ox.NamedNode(iri)
    nodes = [iri] + [
        term_text(row, "n")
        for row in store.select(
            PREFIXES + "SELECT DISTINCT ?n ?x { ?n owl:sameAs ?x }", bindings={"x": node}
        )
    ]
    values = _values("n", nodes)
    names: list[str] = []
    facts: list[tuple[str, Ref | str]] = []
    pointed: list[tuple[str, str]] = []
    for row in store.select(
        PREFIXES + f"SELECT DISTINCT ?p ?o {{ {values} ?n ?p ?o }} ORDER BY ?p ?o LIMIT 500"
    ):
        prop, obj = term_text(row, "p"), row["o"]
        if prop in NAME_PROPS and isinstance(obj, ox.Literal):
            names.append(obj.value)
        elif prop not in HIDDEN and kind != "meeting":
            if isinstance(obj, ox.NamedNode):
                pointed.append((_local_name(prop), obj.value))
            elif isinstance(obj, ox.Literal):
                facts.append((_local_name(prop), obj.value))
    named = {ref.iri: ref for ref in refs(store, [o for _, o in pointed])}
    facts += [(prop, named.get(o, Ref(o, o))) for prop, o in pointed]
    label = labels(store, [iri]).get(iri, iri.rsplit("/", 1)[-1])
    cables = [
        CableRef(term_text(row, "id"), term_text(row, "title"), term_text(row, "created"))
        for row in store.select(
            PREFIXES + "SELECT DISTINCT ?id ?title ?created WHERE { "
            f"{values} ?cable kg:mentions|kg:tag|kg:origin|kg:to|kg:info|kg:classifiedBy"
            "|kg:signedBy ?n ; dcterms:identifier ?id ."
            " OPTIONAL { ?cable dcterms:title ?title } OPTIONAL { ?cable dcterms:created ?created }"
            f"}} ORDER BY ?created ?id LIMIT {LISTED}"
        )
    ]
    if kind == "meeting":
        found = meetings(store, f"{values} BIND(?n AS ?m)")
        if found:  # a meeting has no name: what, when, where told
            told = found[0]
            what = told.kind[:1].upper() + told.kind[1:]
            label = f"{what}, {told.date or 'undated'}, in {told.cable.reference_id}"
    else:
        found = meetings(store, f"{values} ?m kg:participant|kg:party|kg:host|kg:topic ?n .")
    return Entity(
        iri=iri,
        kind=kind,
        label=label,
        names=tuple(sorted(set(names) - {label})),
        facts=tuple(facts),
        nodes=tuple(nodes),
        cables=tuple(cables),
        meetings=tuple(found),
        roles=tuple(roles(store, values)) if kind == "person" else (),
        members=tuple(members(store, iri)) if kind != "person" else (),
    )


def _source(iri: str, base: str) -> tuple[str, int | None]:
    """The cable and the paragraph (its order) a derived fact names as its source: the
    IRIs say so (``{base}cable/REFID`` and ``{base}cable/REFID/p/ORDER``, ``kg.iri``)."""
    parts = iri.removeprefix(base).split("/")
    if len(parts) < 2 or parts[0] != "cable":
        return "", None
    if len(parts) == 4 and parts[2] == "p" and parts[3].isdigit():
        return parts[1], int(parts[3])
    return parts[1], None


def roles(store: Store, values: str) -> list[Role]:
    rows = store.select(
        PREFIXES + "SELECT DISTINCT ?role ?org ?asOf ?src WHERE { "
        f"{values} ?ms org:member ?n ; org:role ?role ."
        " OPTIONAL { ?ms org:organization ?org } OPTIONAL { ?ms kg:asOf ?asOf }"
        " OPTIONAL { ?ms prov:wasDerivedFrom ?src } } ORDER BY ?asOf ?role"
    )
    names = labels(
        store, [term_text(r, "role") for r in rows] + [term_text(r, "org") for r in rows]
    )
    seen: set[tuple[str, str, str]] = set()
    found = []
    for row in rows:
        key = (term_text(row, "role"), term_text(row, "org"), term_text(row, "asOf"))
        if key in seen:
            continue
        seen.add(key)
        org = term_text(row, "org")
        cable, paragraph = _source(term_text(row, "src"), store.iris.base)
        found.append(
            Role(
                role=Ref(key[0], names.get(key[0], _local_name(key[0]))),
                organization=Ref(org, names.get(org, org)) if org else None,
                as_of=key[2],
                cable=cable,
                paragraph=paragraph,
            )
        )
    return found


def members(store: Store, iri: str) -> list[tuple[Ref, Ref | None, str]]:
    """The people who held a role in (or as) the organization or role ``iri``."""
    rows = store.select(
        PREFIXES + "SELECT DISTINCT ?n ?x ?role ?asOf WHERE { ?ms org:organization|org:role ?n ;"
        " org:member ?x . OPTIONAL { ?ms org:role ?role } OPTIONAL { ?ms kg:asOf ?asOf } }"
        f" ORDER BY ?asOf LIMIT {LISTED}",
        bindings={"n": ox.NamedNode(iri)},
    )
    people = {ref.iri: ref for ref in refs(store, [term_text(r, "x") for r in rows])}
    same = canonical(store, [term_text(r, "x") for r in rows])
    names = labels(store, [term_text(r, "role") for r in rows if r.get("role")])
    found: dict[tuple[str, str], tuple[Ref, Ref | None, str]] = {}
    for row in rows:
        person = people[same.get(term_text(row, "x"), term_text(row, "x"))]
        role = term_text(row, "role")
        ref = Ref(role, names.get(role, _local_name(role))) if role and role != iri else None
        found.setdefault((person.iri, role), (person, ref, term_text(row, "asOf")))
    return list(found.values())


# -- a cable -----------------------------------------------------------------------------


def mentions(store: Store, reference_id: str) -> dict[int, list[Mention]]:
    """The mentions in a cable's paragraphs, by paragraph order, in text order, each
    linked to what it refers to (a linked person rather than the cable's own node)."""
    graph = ox.NamedNode(store.iris.graph(reference_id))
    # The span is in the mention's IRI (p/3#char=12,18); graphs of earlier versions give
    # it as kg:start and kg:end.
    rows = store.select(
        PREFIXES + "SELECT ?graph ?order ?m ?start ?end ?x WHERE { GRAPH ?graph {"
        " ?m kg:inParagraph ?p ; kg:refersTo ?x . ?p kg:order ?order"
        " OPTIONAL { ?m kg:start ?start ; kg:end ?end } } }",
        bindings={"graph": graph},
    )
    targets = {ref.iri: ref for ref in refs(store, [term_text(r, "x") for r in rows])}
    same = canonical(store, [term_text(r, "x") for r in rows])
    types: dict[str, set[str]] = {}
    if targets:
        for r in store.select(PREFIXES + f"SELECT ?x ?t {{ {_values('x', targets)} ?x a ?t }}"):
            types.setdefault(term_text(r, "x"), set()).add(term_text(r, "t"))
    found: dict[int, list[Mention]] = {}
    for row in rows:
        span = _span(row)
        if span is None:
            continue
        x = term_text(row, "x")
        ref = targets[same.get(x, x)]
        kind = next((k for k, cls in KINDS if cls in types.get(ref.iri, ())), "")
        found.setdefault(int(term_text(row, "order")), []).append(
            Mention(*span, Ref(ref.iri, ref.label, kind))
        )
    for listed in found.values():
        listed.sort(key=lambda m: (m.start, -m.end))
    return found


def _span(row: dict[str, Any]) -> tuple[int, int] | None:
    """A mention row's offsets: from its literals when it has them, else its IRI."""
    if "start" in row and "end" in row:
        return int(term_text(row, "start")), int(term_text(row, "end"))
    named = char_range(term_text(row, "m"))
    return None if named is None else (named[1], named[2])


def cited_by(store: Store, reference_id: str) -> list[CableRef]:
    """The cables that reference this one."""
    return [
        CableRef(term_text(row, "id"), term_text(row, "title"), term_text(row, "created"))
        for row in store.select(
            PREFIXES + "SELECT DISTINCT ?cable ?id ?title ?created WHERE {"
            " ?other dcterms:references ?cable ; dcterms:identifier ?id ."
            " OPTIONAL { ?other dcterms:title ?title }"
            f" OPTIONAL {{ ?other dcterms:created ?created }} }} ORDER BY ?created LIMIT {LISTED}",
            bindings={"cable": ox.NamedNode(store.iris.cable(reference_id))},
        )
    ]
