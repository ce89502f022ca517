"""The ontology files: they parse, agree with the closed namespace, and ship unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.rdf import terms
from kg.rdf.vocabulary import KG, ONTOLOGY_IRI, SCHEMA
from kg.validate import ONTOLOGY_FILES, ontology_graph, ontology_text, shapes_graph

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = URIRef(ONTOLOGY_IRI.rstrip("#"))
FOAF = "http://xmlns.com/foaf/0.1/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"


def namespace_terms() -> set[URIRef]:
    return {URIRef(ONTOLOGY_IRI + name) for name in KG.__annotations__}


def declared_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(ONTOLOGY_IRI)}


def test_the_ontology_describes_itself() -> None:
    graph = ontology_graph()
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in graph
    for predicate in (DCTERMS.title, DCTERMS.description, DCTERMS.license, OWL.versionInfo):
        assert graph.value(ONTOLOGY, predicate) is not None, predicate


def test_the_closed_namespace_and_the_ontology_declare_the_same_terms() -> None:
    declared, named = declared_terms(ontology_graph()), namespace_terms()
    assert not named - declared, "in kg/rdf/vocabulary.py, missing from ontology/cable.ttl"
    assert not declared - named, "in ontology/cable.ttl, missing from kg/rdf/vocabulary.py"


@pytest.mark.parametrize("term", sorted(namespace_terms()), ids=lambda t: t.split("#")[-1])
def test_every_term_has_a_type_label_and_comment(term: URIRef) -> None:
    graph = ontology_graph()
    assert graph.value(term, RDF.type) is not None
    assert graph.value(term, RDFS.label) is not None
    assert graph.value(term, RDFS.comment) is not None


def test_properties_are_typed_by_what_they_point_at() -> None:
    graph = ontology_graph()
    for name in KG.__annotations__:
        term = URIRef(ONTOLOGY_IRI + name)
        if name[0].islower():
            kinds = set(graph.objects(term, RDF.type))
            assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, name


@pytest.mark.parametrize(
    ("term", "axiom", "parent"),
    [
        (KG.Cable, RDFS.subClassOf, SCHEMA.Message),
        (KG.Cable, RDFS.subClassOf, URIRef(FOAF + "Document")),
        (KG.Cable, RDFS.subClassOf, URIRef(PROV + "Entity")),
        (KG.Meeting, RDFS.subClassOf, SCHEMA.Event),
        (KG.Post, RDFS.subClassOf, URIRef(ORG + "Organization")),
        (KG.Role, RDFS.subClassOf, URIRef(ORG + "Role")),
        (KG.participant, RDFS.subPropertyOf, SCHEMA.attendee),
        (KG.topic, RDFS.subPropertyOf, DCTERMS.subject),
        (KG.Held, RDF.type, KG.MeetingStatus),
        (KG.Planned, RDF.type, KG.MeetingStatus),
        (KG.Reported, RDF.type, KG.MeetingStatus),
        (KG.SubjectTags, RDF.type, SKOS.ConceptScheme),
        (KG.ProgramTags, RDF.type, SKOS.ConceptScheme),
        (KG.OrganizationTags, RDF.type, SKOS.ConceptScheme),
        (KG.GeoTags, RDF.type, SKOS.ConceptScheme),
        (KG.PersonTags, RDF.type, SKOS.ConceptScheme),
        (KG.FreeTopics, RDF.type, SKOS.ConceptScheme),
    ],
)
def test_alignments_to_standard_vocabularies(term: URIRef, axiom: URIRef, parent: URIRef) -> None:
    assert (term, axiom, parent) in ontology_graph()


def test_the_shapes_use_only_declared_terms() -> None:
    used = {
        term
        for triple in shapes_graph()
        for term in triple
        if isinstance(term, URIRef) and term.startswith(ONTOLOGY_IRI)
    }
    assert used <= namespace_terms()


def test_every_kg_node_the_rdf_module_writes_is_declared() -> None:
    nodes = {
        URIRef(value.value)
        for value in vars(terms).values()
        if hasattr(value, "value") and str(getattr(value, "value", "")).startswith(ONTOLOGY_IRI)
    }
    assert nodes
    assert nodes <= namespace_terms()


@pytest.mark.parametrize("name", ONTOLOGY_FILES)
def test_the_packaged_copy_equals_the_source(name: str) -> None:
    # ontology/ is the source; kg/data/ontology/ is what an installed package reads.
    source = (ROOT / "ontology" / name).read_bytes()
    assert ontology_text(name).encode("utf-8") == source, (
        f"kg/data/ontology/{name} differs from ontology/{name}: "
        f"cp ontology/{name} kg/data/ontology/{name}"
    )
