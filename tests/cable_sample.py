"""Two small hand-written cables in the shape of ``ontology/README.md``, for the HTTP tests.

Each cable's triples sit in its own named graph, as the pipeline writes them; the people,
posts and TAGS concepts are described in every graph that mentions them.
"""

from __future__ import annotations

from kg.store import Store

BASE = "https://w3id.org/cablegraph/id/"

CABLES_TRIG = """
@prefix kg: <https://w3id.org/cablegraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/cablegraph/id/> .

id:graph\\/07MOSCOW628 {
  id:cable\\/07MOSCOW628 a kg:Cable ;
    dcterms:identifier "07MOSCOW628" ;
    dcterms:title "DFM TITOV ON KOSOVO, \\"FINAL STATUS\\" AND THE UNSC" ;
    dcterms:created "2007-02-13T14:39:00"^^xsd:dateTime ;
    kg:classification "CONFIDENTIAL" ;
    kg:origin id:post\\/embassy-moscow ;
    kg:tag id:tag\\/PREL, id:tag\\/KV ;
    dcterms:references id:cable\\/07MOSCOW627 ;
    kg:signedBy id:person\\/william-burns ;
    dcterms:hasPart id:cable\\/07MOSCOW628\\/p\\/0, id:cable\\/07MOSCOW628\\/p\\/1 .
  id:cable\\/07MOSCOW628\\/p\\/0 a kg:Paragraph ;
    dcterms:isPartOf id:cable\\/07MOSCOW628 ; kg:order 0 ; kg:number 1 ;
    kg:classification "C" ; kg:heading "SUMMARY" ;
    kg:text "DFM Vladimir Titov told the Ambassador that Russia would not accept an imposed \
settlement." .
  id:cable\\/07MOSCOW628\\/p\\/1 a kg:Paragraph ;
    dcterms:isPartOf id:cable\\/07MOSCOW628 ; kg:order 1 ; kg:number 2 ;
    kg:classification "C" ;
    kg:text "Titov said, \\"We are ready to talk\\", but <not> at any price & not now." .
  id:post\\/embassy-moscow a kg:Post ; rdfs:label "Embassy Moscow" .
  id:tag\\/PREL a skos:Concept ; skos:notation "PREL" ;
    skos:prefLabel "External Political Relations" .
  id:tag\\/KV a skos:Concept ; skos:notation "KV" ; skos:prefLabel "Kosovo" .
  id:person\\/vladimir-titov a foaf:Person ; foaf:name "Vladimir Titov" ;
    skos:altLabel "Titov", "DFM Titov" .
  id:person\\/william-burns a foaf:Person ; foaf:name "William Burns" .
  id:cable\\/07MOSCOW628\\/meeting\\/0 a kg:Meeting ;
    kg:participant id:person\\/vladimir-titov, id:person\\/william-burns ;
    kg:topic id:tag\\/KV ; dcterms:date "2007-02-12"^^xsd:date ;
    kg:reportedIn id:cable\\/07MOSCOW628 .
}

id:graph\\/07MOSCOW627 {
  id:cable\\/07MOSCOW627 a kg:Cable ;
    dcterms:identifier "07MOSCOW627" ;
    dcterms:title "RUSSIA AND ABKHAZIA: FEBRUARY REPORT" ;
    dcterms:created "2007-02-13T14:11:00"^^xsd:dateTime ;
    kg:classification "SECRET//NOFORN" ;
    kg:origin id:post\\/embassy-moscow ;
    kg:tag id:tag\\/PREL ;
    dcterms:hasPart id:cable\\/07MOSCOW627\\/p\\/0 .
  id:cable\\/07MOSCOW627\\/p\\/0 a kg:Paragraph ;
    dcterms:isPartOf id:cable\\/07MOSCOW627 ; kg:order 0 ; kg:number 1 ;
    kg:classification "S" ;
    kg:text "Abkhaz officials met the Russian envoy in Sukhumi.\\nNo agreement was reached." .
  id:post\\/embassy-moscow a kg:Post ; rdfs:label "Embassy Moscow" .
  id:tag\\/PREL a skos:Concept ; skos:notation "PREL" ;
    skos:prefLabel "External Political Relations"@en .
}
"""

REFERENCE_IDS = ("07MOSCOW627", "07MOSCOW628")


def cable_store() -> Store:
    """An in-memory store holding the two sample cables."""
    store = Store()
    store.load(CABLES_TRIG.encode(), format="trig")
    return store
