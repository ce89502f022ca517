"""SPARQL text and RDF term helpers shared by the resolvers.

User input never enters query text: it is bound with ``bindings=`` (pyoxigraph
substitutions). pyoxigraph only substitutes variables that the outermost SELECT
projects, so every query here projects its bound variables. The only text built from
values is ``VALUES`` blocks of IRIs, each serialized by pyoxigraph's ``NamedNode``
(which rejects anything that is not an IRI), so nothing can break out of the block.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox

from kg.rdf.vocabulary import (
    DCTERMS_NS,
    FOAF_NS,
    ONTOLOGY_IRI,
    ORG_NS,
    PROV_NS,
    RDFS_NS,
    SCHEMA_NS,
    SKOS_NS,
    XSD_NS,
    sparql_prefixes,
)
from kg.store import Store, Term

KG = ONTOLOGY_IRI
DCTERMS = DCTERMS_NS
FOAF = FOAF_NS
ORG = ORG_NS
SKOS = SKOS_NS
PROV = PROV_NS
SCHEMA = SCHEMA_NS
RDFS = RDFS_NS
XSD = XSD_NS

PREFIXES = sparql_prefixes("kg", "dcterms", "foaf", "org", "skos", "prov", "schema", "rdfs", "xsd")

Row = dict[str, Term]
Bindings = dict[str, Term]

#: What counts as a label of a meeting topic (a concept, place or organization):
#: "Kosovo" finds the free topic Kosovo, the place Kosovo and the TAGS concept KV.
TOPIC_LABEL = "(skos:prefLabel|skos:altLabel|skos:notation|rdfs:label|kg:fipsCode|foaf:name)"


def select(store: Store, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[Row]:
    """Run a SELECT with the shared prefixes; ``bindings`` must be projected variables."""
    return store.select(PREFIXES + sparql, bindings=dict(bindings) if bindings else None)


async def select_in_thread(
    store: Store, sparql: str, bindings: Mapping[str, Term] | None = None
) -> list[Row]:
    """``select`` in a worker thread, for the root queries (filters, counts, search) that
    may scan: pyoxigraph evaluates without the GIL, and the event loop keeps serving.

    The loaders do not use it: a DataLoader batches the loads made in one tick of the
    loop, and resolvers resuming from threads at different moments would split one
    level's loads over several batches (several queries where one does).
    """
    return await asyncio.to_thread(select, store, sparql, bindings)


def value(term: Term) -> str:
    """The lexical value of an IRI, blank node or literal (quoted triples as N-Triples)."""
    return str(term) if isinstance(term, ox.Triple) else term.value


def values(var: str, iris: Iterable[str]) -> str:
    """``VALUES ?var { <a> <b> }``, each IRI checked and escaped by pyoxigraph."""
    return f"VALUES ?{var} {{ {' '.join(str(ox.NamedNode(i)) for i in iris)} }}"


def projected(bindings: Mapping[str, Term]) -> str:
    """The bound variables as a projection list (see the module docstring for why)."""
    return " ".join(f"?{name}" for name in bindings)


def needle(value: str) -> ox.Literal:
    """User text as a lower-case, whitespace-normalized literal for case-free matching."""
    return ox.Literal(" ".join(value.split()).lower())


def group(rows: Sequence[Row], key: str = "key") -> dict[str, list[Row]]:
    """Rows grouped by the IRI in ``key``."""
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        grouped[str(value(row[key]))].append(row)
    return grouped


def int_of(term: Term | None) -> int | None:
    if not isinstance(term, ox.Literal):
        return None
    try:
        return int(term.value)
    except ValueError:
        return None


def datetime_of(term: Term | None) -> dt.datetime | None:
    """An ``xsd:dateTime`` (or ``xsd:date``, read as midnight) as a datetime."""
    if not isinstance(term, ox.Literal):
        return None
    try:
        return dt.datetime.fromisoformat(term.value.replace("Z", "+00:00"))
    except ValueError:
        return None


def date_of(term: Term | None) -> dt.date | None:
    if not isinstance(term, ox.Literal):
        return None
    try:
        return dt.date.fromisoformat(term.value[:10])
    except ValueError:
        return None
