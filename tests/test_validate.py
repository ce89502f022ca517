"""The shapes accept what kg.rdf writes and reject graphs that break the mapping."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.rdf.iri import IRIs
from kg.rdf.mapping import graph_iri, quads, triples
from kg.store import Store
from kg.validate import as_graph, validate, validate_store
from tests.builders import IRIS, handmade_cable, handmade_extraction

KG = "https://w3id.org/cablegraph/ontology#"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
CABLE = "https://example.org/id/cable/07MOSCOW999"
MEETING = f"{CABLE}/meeting/0"
MENTION = f"{CABLE}/p/0#char=24,38"  # "Vladimir Titov", named by its span (RFC 5147)
FIELD_MENTION = f"{CABLE}/mention/5"  # "PREL" in the TAGS line: offsets as literals

Edit = Callable[[list[ox.Triple]], list[ox.Triple]]


def handmade() -> list[ox.Triple]:
    return triples(handmade_cable(), handmade_extraction(), iris=IRIS)


def without(subject: str, predicate: str) -> Edit:
    def edit(data: list[ox.Triple]) -> list[ox.Triple]:
        return [
            t
            for t in data
            if (str(t.subject), str(t.predicate)) != (f"<{subject}>", f"<{predicate}>")
        ]

    return edit


def replacing(subject: str, predicate: str, value: ox.NamedNode | ox.Literal) -> Edit:
    def edit(data: list[ox.Triple]) -> list[ox.Triple]:
        kept = without(subject, predicate)(data)
        return [*kept, ox.Triple(ox.NamedNode(subject), ox.NamedNode(predicate), value)]

    return edit


def renaming(subject: str, new: str) -> Edit:
    """Give the node ``subject`` the IRI ``new`` (a mention: another span)."""

    def edit(data: list[ox.Triple]) -> list[ox.Triple]:
        node = ox.NamedNode(new)
        return [
            ox.Triple(node, t.predicate, t.object) if t.subject.value == subject else t
            for t in data
        ]

    return edit


def adding(*added: tuple[str, str, ox.NamedNode | ox.Literal]) -> Edit:
    def edit(data: list[ox.Triple]) -> list[ox.Triple]:
        extra = [ox.Triple(ox.NamedNode(s), ox.NamedNode(p), o) for s, p, o in added]
        return [*data, *extra]

    return edit


def integer(number: int) -> ox.Literal:
    return ox.Literal(
        str(number), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    )


def test_the_handmade_graph_conforms() -> None:
    conforms, report = validate(handmade())
    assert conforms, report


def test_a_cable_without_an_extraction_conforms() -> None:
    conforms, report = validate(triples(handmade_cable(), None, iris=IRIs()))
    assert conforms, report


def test_validate_takes_quads_and_rdflib_graphs() -> None:
    data = quads(handmade_cable(), handmade_extraction(), iris=IRIS)
    assert validate(data)[0]
    assert validate(as_graph(handmade()))[0]


@pytest.mark.parametrize(
    ("edit", "complaint"),
    [
        (without(MEETING, KG + "participant"), "participant"),
        (without(CABLE, DCTERMS + "identifier"), "identifier"),
        (replacing(MEETING, KG + "status", ox.NamedNode(KG + "Cancelled")), "status"),
        (without(MEETING, "http://www.w3.org/ns/prov#wasDerivedFrom"), "wasDerivedFrom"),
        (replacing(CABLE, DCTERMS + "created", ox.Literal("13 Feb 2007")), "created"),
        (renaming(MENTION, f"{CABLE}/p/0#char=24,24"), "span"),  # ends where it starts
        (renaming(MENTION, f"{CABLE}/p/0#char=-1,38"), "span"),
        (renaming(MENTION, f"{CABLE}/p/0#char=24,9999"), "span"),  # past the text
        (renaming(MENTION, f"{CABLE}/p/1#char=24,38"), "span"),  # not its paragraph
        (renaming(MENTION, f"{CABLE}/mention/0"), "span"),  # no offsets at all
        (replacing(FIELD_MENTION, KG + "end", integer(0)), "start"),  # end == start
        (replacing(FIELD_MENTION, KG + "start", integer(-1)), "start"),
        (without(FIELD_MENTION, KG + "surface"), "Or"),
        (without(MENTION, KG + "refersTo"), "refersTo"),  # a span naming nothing
        (
            adding(  # a mention as earlier versions wrote it, wrong by one
                (f"{CABLE}/mention/0", RDF_TYPE, ox.NamedNode(KG + "Mention")),
                (f"{CABLE}/mention/0", KG + "refersTo", ox.NamedNode(f"{CABLE}/p/0")),
                (f"{CABLE}/mention/0", KG + "inParagraph", ox.NamedNode(f"{CABLE}/p/0")),
                (f"{CABLE}/mention/0", KG + "start", integer(23)),
                (f"{CABLE}/mention/0", KG + "end", integer(37)),
                (f"{CABLE}/mention/0", KG + "surface", ox.Literal("Vladimir Titov")),
            ),
            "offsets",
        ),
        (
            without(
                "https://example.org/id/person/vladimir-titov", "http://xmlns.com/foaf/0.1/name"
            ),
            "name",
        ),
        (replacing(CABLE, KG + "checksum", ox.Literal("not a checksum")), "checksum"),
    ],
    ids=[
        "meeting-without-participant",
        "cable-without-identifier",
        "unknown-meeting-status",
        "meeting-without-paragraph",
        "created-not-a-date-time",
        "mention-ends-where-it-starts",
        "negative-offset",
        "span-past-the-text",
        "span-of-another-paragraph",
        "paragraph-mention-without-span",
        "field-mention-ends-where-it-starts",
        "field-mention-negative-offset",
        "field-mention-without-surface",
        "span-without-what-it-names",
        "earlier-form-offsets-miss-the-surface",
        "person-without-name",
        "bad-checksum",
    ],
)
def test_a_broken_graph_fails(edit: Edit, complaint: str) -> None:
    conforms, report = validate(edit(handmade()))
    assert not conforms
    assert complaint in report


def test_a_store_is_validated_graph_by_graph() -> None:
    store = Store(iris=IRIS)
    cable = handmade_cable()
    store.replace_graph(graph_iri(cable, IRIS), handmade())
    assert validate_store(store) == (True, "Conforms: True")
    broken = without(MEETING, KG + "participant")(handmade())
    store.replace_graph(graph_iri(cable, IRIS), broken)
    conforms, report = validate_store(store)
    assert not conforms
    assert report.startswith(f"graph <{graph_iri(cable, IRIS)}>")
    assert validate_store(store, graph=graph_iri(cable, IRIS)).conforms is False
    missing = validate_store(store, graph=IRIS.graph("07MOSCOW1"))
    assert not missing.conforms
    assert "not in the store" in missing.text


@pytest.mark.slow
def test_the_bundled_cables_conform_after_parse_and_extract(
    seed_path: Path, sample_dir: Path
) -> None:
    import kg.extract
    import kg.sources
    from kg.errors import RecordError
    from kg.ingest.compose import parse
    from kg.model import RawRecord

    if not hasattr(kg.extract, "extract"):
        pytest.skip("kg.extract.extract does not exist yet")
    failures: list[str] = []
    for record in kg.sources.read_all([str(seed_path), str(sample_dir)]):
        if not isinstance(record, RawRecord):
            continue  # unreadable input is the sources' tests' concern
        try:
            cable = parse(record)
        except RecordError:
            continue  # so is a record that does not parse
        conforms, report = validate(triples(cable, kg.extract.extract(cable), iris=IRIs()))
        if not conforms:
            failures.append(f"{cable.reference_id}:\n{report}")
    assert not failures, "\n".join(failures)
