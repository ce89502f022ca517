"""A cable and what was extracted from it, as RDF triples: the one place results become RDF.

The mapping is the one documented in ``ontology/README.md`` and checked by
``ontology/shapes.ttl``. This module maps the cable itself (header, routing, TAGS,
references, paragraphs, provenance); ``kg.rdf.extraction`` maps the extraction.

Terms are pyoxigraph nodes built directly (``kg.rdf.terms``), never rdflib objects: this
runs once per cable over the whole release, and the store takes pyoxigraph terms as they
are. The same input always gives the same triples, in the same order, each once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import pyoxigraph as ox

from kg.matching import keys
from kg.model import Address, Cable, Extraction
from kg.posts import post_name
from kg.rdf import terms as t
from kg.rdf.extraction import extraction_triples
from kg.rdf.iri import IRIs
from kg.store import Store

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def graph_iri(cable: Cable, iris: IRIs) -> str:
    """The named graph that holds every triple derived from ``cable``."""
    return iris.graph(cable.reference_id)


def triples(cable: Cable, extraction: Extraction | None, *, iris: IRIs) -> list[ox.Triple]:
    """Every triple the cable and its extraction give, each once, in a stable order.

    Raises ValueError when the extraction is inconsistent with itself or the cable (a key
    no entity has, a paragraph index the cable lacks): that is a bug to fix, not data.
    """
    out = t.TripleList()
    node = ox.NamedNode(iris.cable(cable.reference_id))
    _header(out, node, cable, iris)
    _routing(out, node, cable, iris)
    _tags(out, node, cable, iris)
    _references(out, node, cable, iris)
    _paragraphs(out, node, cable, iris)
    extraction_triples(out, cable, extraction or Extraction(cable.reference_id), iris)
    return out.triples + match_keys(out.triples)  # each once: their predicates are new


def quads(cable: Cable, extraction: Extraction | None, *, iris: IRIs) -> list[ox.Quad]:
    """``triples`` placed in the cable's named graph, ready for ``Store.extend`` or a dump."""
    graph = ox.NamedNode(graph_iri(cable, iris))
    return [
        ox.Quad(triple.subject, triple.predicate, triple.object, graph)
        for triple in triples(cable, extraction, iris=iris)
    ]


_NAMES = frozenset({t.FOAF_NAME, t.SKOS_ALT_LABEL})
_LABELS = frozenset({t.SKOS_PREF_LABEL, t.SKOS_ALT_LABEL, t.LABEL})


def match_keys(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The keys that names and labels among ``triples`` (one graph's) are looked up by
    (``kg.matching``): ``kg:nameKey`` for each run of whole words of a person's names
    and aliases, ``kg:labelKey`` for each run of the labels of a meeting's topic or a
    TAGS concept and of what they are exact matches of. Nothing else is looked up by
    words, so nothing else has keys."""
    given = list(triples)
    people = {tr.subject for tr in given if tr.predicate == t.TYPE and tr.object == t.FOAF_PERSON}
    topics = {tr.object for tr in given if tr.predicate in (t.TOPIC, t.TAG)}
    for tr in given:
        if tr.predicate == t.SKOS_EXACT_MATCH and (tr.subject in topics or tr.object in topics):
            topics |= {tr.subject, tr.object}
    names: dict[ox.NamedNode, list[str]] = {}
    labels: dict[ox.NamedNode, list[str]] = {}
    for tr in given:
        subject, obj = tr.subject, tr.object
        if not isinstance(subject, ox.NamedNode) or not isinstance(obj, ox.Literal):
            continue
        if subject in people and tr.predicate in _NAMES:
            names.setdefault(subject, []).append(obj.value)
        elif subject in topics and tr.predicate in _LABELS:
            labels.setdefault(subject, []).append(obj.value)
    out = t.TripleList()
    for predicate, found in ((t.NAME_KEY, names), (t.LABEL_KEY, labels)):
        for subject, texts in found.items():
            for text in keys(texts):
                out.add(subject, predicate, t.string(text))
    return out.triples


def add_match_keys(store: Store) -> int:
    """Write the keys of every graph of ``store`` that lacks them (data the mapping did
    not write: ``kg load``, hand-made fixtures); returns how many quads that added."""
    graphs: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Triple]] = {}
    for predicate in (t.TYPE, t.TOPIC, t.TAG, t.SKOS_EXACT_MATCH, *_NAMES, *_LABELS):
        for quad in store.quads(predicate=predicate):
            graphs.setdefault(quad.graph_name, []).append(quad.triple)
    lines = [
        f"{ox.Quad(triple.subject, triple.predicate, triple.object, graph)} ."
        for graph, found in graphs.items()
        for triple in match_keys(found)
    ]
    if lines:
        store.load("\n".join(lines).encode(), format="nquads")
    return len(lines)


def _declassify_on(marker: str) -> ox.Literal:
    """A date when the line gives one (2017-02-13), else the marker as written (25X1)."""
    if _ISO_DATE.fullmatch(marker):
        try:
            return t.day(date.fromisoformat(marker))
        except ValueError:  # 2017-02-30: keep what the cable says rather than guess
            pass
    return t.string(marker)


def _header(out: t.TripleList, node: ox.NamedNode, cable: Cable, iris: IRIs) -> None:
    out.add(node, t.TYPE, t.CABLE)
    out.add(node, t.DCT_IDENTIFIER, t.string(cable.reference_id))
    out.text(node, t.DCT_TITLE, cable.subject)
    if cable.created is not None:
        out.add(node, t.DCT_CREATED, t.utc_date_time(cable.created))
    if cable.released is not None:
        out.add(node, t.RELEASED, t.utc_date_time(cable.released))
    out.text(node, t.CLASSIFICATION, cable.classification)
    if cable.origin:
        out.add(node, t.ORIGIN, _post(out, iris, cable.origin))
    out.text(node, t.BANNER, cable.banner)
    out.text(node, t.EXECUTIVE_ORDER, cable.executive_order)
    if cable.declassify_on is not None:
        out.add(node, t.DECLASSIFY_ON, _declassify_on(cable.declassify_on))
    if cable.classified_by is not None:  # the person is linked with the extraction
        out.text(node, t.CLASSIFIED_BY_ROLE, cable.classified_by.role)
        out.text(node, t.CLASSIFICATION_REASON, cable.classified_by.reason)
    out.text(node, t.SIGNATURE, cable.signature)
    out.add(node, t.PARTIAL_EXTRACT, t.boolean(cable.partial))
    provenance = cable.provenance
    out.add(node, t.SOURCE_FILE, t.string(provenance.source))
    out.add(node, t.RECORD_POSITION, t.integer(provenance.position))
    out.add(node, t.SOURCE_FORMAT, t.string(provenance.format))
    out.add(node, t.CHECKSUM, t.string(provenance.checksum))
    # The raw record keeps everything the source says; the body is the paragraphs' text.
    out.add(node, t.RAW_TEXT, t.string(cable.raw))


def _post(out: t.TripleList, iris: IRIs, name: str, indicator: str | None = None) -> ox.NamedNode:
    """The post a header names; labelled as this cable writes it."""
    node = ox.NamedNode(iris.post(post_name(name)))
    out.add(node, t.TYPE, t.POST)
    out.add(node, t.LABEL, t.string(name))
    out.text(node, t.ROUTING_INDICATOR, indicator)
    return node


def _routing(out: t.TripleList, node: ox.NamedNode, cable: Cable, iris: IRIs) -> None:
    routing = cable.routing
    if routing is None:
        return
    out.text(node, t.PRECEDENCE, routing.precedence)
    out.text(node, t.TRANSMISSION_ID, routing.transmission_id)
    out.text(node, t.DATE_TIME_GROUP, routing.date_time_group)
    if routing.sent is not None:
        out.add(node, t.SENT, t.utc_date_time(routing.sent))
    if routing.sender is not None:
        # The DE line's station is the sender's routing indicator when FM gives none.
        indicator = routing.sender.indicator or routing.station
        out.add(node, t.SENDER, _post(out, iris, routing.sender.name, indicator))
    addressees: list[tuple[ox.NamedNode, Address]] = [(t.TO, a) for a in routing.to]
    addressees += [(t.INFO, a) for a in routing.info]
    for predicate, address in addressees:
        out.add(node, predicate, _post(out, iris, address.name, address.indicator))


def _tags(out: t.TripleList, node: ox.NamedNode, cable: Cable, iris: IRIs) -> None:
    # Labels and schemes come with the topic entities of the extraction, when there is one.
    # A person's name among the TAGS ("RICE, CONDOLEEZZA" after OVIP) is no topic: the
    # extraction makes it a person, mentioned in the cable's tags.
    for code in cable.tags:
        if ", " in code:
            continue
        concept = ox.NamedNode(iris.tag(code))
        out.add(node, t.TAG, concept)
        out.add(concept, t.TYPE, t.SKOS_CONCEPT)
        out.add(concept, t.SKOS_NOTATION, t.string(code.strip().upper()))


def _references(out: t.TripleList, node: ox.NamedNode, cable: Cable, iris: IRIs) -> None:
    out.text(node, t.REFERENCE_TEXT, cable.reference_text)
    for reference in cable.references:
        if reference.cable_id:
            out.add(node, t.DCT_REFERENCES, ox.NamedNode(iris.cable(reference.cable_id)))


def _paragraphs(out: t.TripleList, node: ox.NamedNode, cable: Cable, iris: IRIs) -> None:
    for paragraph in cable.paragraphs:
        part = ox.NamedNode(iris.paragraph(cable.reference_id, paragraph.index))
        out.add(node, t.DCT_HAS_PART, part)
        out.add(part, t.TYPE, t.PARAGRAPH)
        out.add(part, t.DCT_IS_PART_OF, node)
        out.add(part, t.ORDER, t.integer(paragraph.index))
        if paragraph.number is not None:
            out.add(part, t.NUMBER, t.integer(paragraph.number))
        out.text(part, t.CLASSIFICATION, paragraph.classification)
        out.text(part, t.HEADING, paragraph.heading)
        out.add(part, t.TEXT, t.string(paragraph.text))
