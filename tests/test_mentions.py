"""Mentions in the graph: the same facts as the extraction, and each traceable to its text.

A mention in a paragraph is named by its span there (``{paragraph}#char=START,END``,
RFC 5147 as in NIF 2.0) and written with ``kg:refersTo`` and ``kg:inParagraph`` only;
one in a header field keeps its number, offsets and surface. These tests read the store
the way a SPARQL user would and check that nothing of the extraction's mentions is lost.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.model import Cable, Extraction
from kg.rdf.extraction import entity_nodes
from kg.rdf.iri import IRIs, char_range
from kg.rdf.mapping import graph_iri, triples
from kg.store import Store
from kg.validate import validate
from tests.builders import IRIS, handmade_cable, handmade_extraction

PREFIX = "PREFIX kg: <https://w3id.org/cablegraph/ontology#>\n"
IN_PARAGRAPHS = (
    PREFIX + "SELECT ?g ?m ?x ?p ?text WHERE { GRAPH ?g {"
    " ?m kg:refersTo ?x ; kg:inParagraph ?p . ?p kg:text ?text } }"
)
IN_FIELDS = (
    PREFIX + "SELECT ?g ?m ?x ?field ?start ?end ?surface WHERE { GRAPH ?g {"
    " ?m kg:refersTo ?x ; kg:inField ?field ; kg:start ?start ; kg:end ?end ;"
    " kg:surface ?surface } }"
)

#: (what it refers to, the paragraph's IRI or the field's name, start, end, surface)
Fact = tuple[str, str, int, int, str]


def extracted(cable: Cable, extraction: Extraction, iris: IRIs) -> set[Fact]:
    """The mentions as the extraction gives them."""
    nodes = entity_nodes(cable, extraction, iris)
    facts: set[Fact] = set()
    for m in extraction.mentions:
        where = m.field
        if m.field == "paragraph" and m.paragraph is not None:
            where = iris.paragraph(cable.reference_id, m.paragraph)
        facts.add((nodes[m.entity], where, m.start, m.end, m.text))
    return facts


def stored(store: Store, cable: Cable) -> set[Fact]:
    """The mentions as the store holds them: a paragraph mention's span from its IRI and
    its surface cut out of the paragraph's text at those offsets."""
    graph = {"g": ox.NamedNode(graph_iri(cable, store.iris))}
    facts: set[Fact] = set()
    for row in store.select(IN_PARAGRAPHS, bindings=graph):
        span = char_range(row["m"].value)
        assert span is not None, f"{row['m'].value} does not name a span of its paragraph"
        document, start, end = span
        assert document == row["p"].value, f"{row['m'].value} is not in {row['p'].value}"
        text = row["text"].value
        facts.add((row["x"].value, document, start, end, text[start:end]))
    for row in store.select(IN_FIELDS, bindings=graph):
        start, end = int(row["start"].value), int(row["end"].value)
        where = (row["field"].value, row["surface"].value)
        facts.add((row["x"].value, where[0], start, end, where[1]))
    return facts


def store_of(pairs: list[tuple[Cable, Extraction]], iris: IRIs) -> Store:
    store = Store(iris=iris)
    for cable, extraction in pairs:
        store.replace_graph(graph_iri(cable, iris), triples(cable, extraction, iris=iris))
    return store


def test_a_paragraph_mention_is_named_by_its_span() -> None:
    iri = IRIS.paragraph_mention("07MOSCOW999", 0, 24, 38)
    assert iri == "https://example.org/id/cable/07MOSCOW999/p/0#char=24,38"
    assert char_range(iri) == ("https://example.org/id/cable/07MOSCOW999/p/0", 24, 38)
    assert char_range("https://example.org/id/cable/07MOSCOW999/mention/5") is None
    assert char_range("https://example.org/id/cable/07MOSCOW999/p/0#char=24") is None
    # What an untrusted store may hold: a reversed span, offsets past any text, other digits.
    assert char_range("https://example.org/id/cable/X/p/0#char=38,24") is None
    assert char_range("https://example.org/id/cable/X/p/0#char=1," + "9" * 5000) is None
    assert char_range("https://example.org/id/cable/X/p/0#char=\u0663,\u0668") is None
    # Under a base ending in "#" the paragraph has a fragment already: a path segment then.
    hashed = IRIs("https://example.org/data#").paragraph_mention("07MOSCOW999", 0, 24, 38)
    assert hashed == "https://example.org/data#cable/07MOSCOW999/p/0/char=24,38"
    assert char_range(hashed) == ("https://example.org/data#cable/07MOSCOW999/p/0", 24, 38)


def test_under_a_hash_base_the_graph_is_valid_and_keeps_the_mentions() -> None:
    iris = IRIs("https://example.org/data#")
    cable, extraction = handmade_cable(), handmade_extraction()
    store = store_of([(cable, extraction)], iris)
    assert stored(store, cable) == extracted(cable, extraction, iris)
    conforms, report = validate(triples(cable, extraction, iris=iris))
    assert conforms, report


def test_the_handmade_mentions_are_all_in_the_store_with_their_text() -> None:
    cable, extraction = handmade_cable(), handmade_extraction()
    store = store_of([(cable, extraction)], IRIS)
    assert stored(store, cable) == extracted(cable, extraction, IRIS)
    assert ("https://example.org/id/person/vladimir-titov", IRIS.paragraph("07MOSCOW999", 0),
            24, 38, "Vladimir Titov") in stored(store, cable)  # fmt: skip


def test_a_mention_is_two_triples_in_a_paragraph_and_five_in_a_field() -> None:
    cable, extraction = handmade_cable(), handmade_extraction()
    data = triples(cable, extraction, iris=IRIS)
    spans = [t for t in data if char_range(t.subject.value) is not None]
    in_paragraphs = sum(1 for m in extraction.mentions if m.field == "paragraph")
    assert len(spans) == 2 * in_paragraphs
    field = IRIS.mention("07MOSCOW999", len(extraction.mentions) - 1)
    assert len([t for t in data if t.subject.value == field]) == 5
    typed = [t for t in data if t.object.value == "https://w3id.org/cablegraph/ontology#Mention"]
    assert typed == []  # kg:refersTo's domain says it


@pytest.mark.slow
def test_the_bundled_cables_keep_every_mention_and_its_offsets(
    seed_path: Path, sample_dir: Path
) -> None:
    """No fewer facts: every mention the extraction finds is in the store, with what it
    refers to, its paragraph (or field) and its offsets, which cut its surface out of
    the paragraph's text."""
    import kg.sources
    from kg.errors import RecordError
    from kg.extract import extract
    from kg.ingest.compose import parse
    from kg.model import RawRecord

    iris = IRIs()
    pairs: list[tuple[Cable, Extraction]] = []
    for record in kg.sources.read_all([str(seed_path), str(sample_dir)]):
        if not isinstance(record, RawRecord):
            continue
        try:
            cable = parse(record)
        except RecordError:
            continue
        pairs.append((cable, extract(cable)))
    store = store_of(pairs, iris)
    total = 0
    for cable, extraction in pairs:
        expected = extracted(cable, extraction, iris)
        assert stored(store, cable) == expected, cable.reference_id
        total += len(expected)
    assert total > 500  # the check saw mentions, in paragraphs and in fields
