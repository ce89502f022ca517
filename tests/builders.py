"""What the tests build their data from, in one place (no test module imports another).

- ``cable_store``: two small hand-written cables in the shape of ``ontology/README.md``,
  for the HTTP tests. Each cable's triples sit in its own named graph, as ingestion
  writes them; the people, posts and TAGS concepts are described in every graph that
  mentions them.
- ``fixture_store``: the GraphQL fixture (``data/graphql_fixture.trig``); ``run_graphql``
  executes a query against a store in process.
- ``generated_store``: N generated cables, for tests of query batching and limits;
  ``queries_for`` counts the SPARQL queries a GraphQL request costs.
- ``handmade_cable`` and ``handmade_extraction``: values for the RDF mapping tests.
- ``SEED_IDS``, ``EXAMPLES``: the seed's reference IDs; a run of each saved query.
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from pathlib import Path
from typing import Any

from api.graphql import Context, schema
from kg.model import (
    Address,
    Cable,
    ClassifiedBy,
    Entity,
    Extraction,
    Meeting,
    Mention,
    Paragraph,
    Provenance,
    Reference,
    Role,
    Routing,
    checksum,
)
from kg.rdf.iri import IRIs
from kg.rdf.mapping import add_match_keys
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
    add_match_keys(store)  # what the mapping adds to the names it writes
    return store


FIXTURE = Path(__file__).parent / "data" / "graphql_fixture.trig"


def fixture_store() -> Store:
    store = Store()
    store.load(FIXTURE.read_bytes(), format="trig")
    add_match_keys(store)  # what the mapping adds to the names it writes
    return store


def run_graphql(store: Store, query: str, **variables: Any) -> dict[str, Any]:
    """Execute ``query`` in process; fail on any GraphQL error."""
    result = asyncio.run(
        schema.execute(query, variable_values=variables, context_value=Context.for_store(store))
    )
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


PREFIXES = """\
PREFIX kg: <https://w3id.org/cablegraph/ontology#>
PREFIX id: <https://w3id.org/cablegraph/id/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def small_cable(n: int) -> str:
    """TriG for cable 07TESTn, following ontology/README.md."""
    ref = f"07TEST{n}"
    c = f"id:cable\\/{ref}"
    return f"""
id:graph\\/{ref} {{
  {c} a kg:Cable ; dcterms:identifier "{ref}" ; dcterms:title "SUBJECT {n}" ;
    dcterms:created "2007-03-{1 + n % 28:02d}T10:{n % 60:02d}:00"^^xsd:dateTime ;
    kg:classification "CONFIDENTIAL" ; kg:origin id:post\\/embassy-test ;
    kg:tag id:tag\\/PREL , id:tag\\/T{n % 5} ;
    dcterms:hasPart {c}\\/p\\/0 ;
    kg:mentions id:person\\/envoy , id:person\\/official-{n} , id:org\\/ministry-{n % 3} .
  id:post\\/embassy-test a kg:Post ; rdfs:label "Embassy Test" .
  id:tag\\/PREL a skos:Concept ; skos:notation "PREL" ;
    skos:prefLabel "External Political Relations" .
  id:tag\\/T{n % 5} a skos:Concept ; skos:notation "T{n % 5}" ; skos:prefLabel "Tag {n % 5}" .
  {c}\\/p\\/0 a kg:Paragraph ; dcterms:isPartOf {c} ; kg:order 0 ; kg:number 1 ;
    kg:text "The Envoy met Official {n}." .
  {c}\\/mention\\/0 a kg:Mention ; kg:refersTo id:person\\/official-{n} ;
    kg:inParagraph {c}\\/p\\/0 ; kg:start 14 ; kg:end {23 + len(str(n))} ;
    kg:surface "Official {n}" .
  id:person\\/envoy a foaf:Person ; foaf:name "Special Envoy" ; skos:altLabel "Envoy" .
  id:person\\/official-{n} a foaf:Person ; foaf:name "Official {n}" ;
    org:hasMembership {c}\\/membership\\/0 .
  {c}\\/membership\\/0 a org:Membership ; org:member id:person\\/official-{n} ;
    org:role id:role\\/minister ; org:organization id:org\\/ministry-{n % 3} .
  id:role\\/minister skos:prefLabel "Minister" .
  id:org\\/ministry-{n % 3} a org:Organization ; skos:prefLabel "Ministry {n % 3}" .
  {c}\\/meeting\\/0 a kg:Meeting ; kg:participant id:person\\/envoy , id:person\\/official-{n} ;
    dcterms:date "2007-03-{1 + n % 28:02d}"^^xsd:date ; kg:status kg:Held ;
    kg:topic id:tag\\/T{n % 5} ; kg:reportedIn {c} ; prov:wasDerivedFrom {c}\\/p\\/0 .
}}
"""


def generated_store(count: int) -> Store:
    store = Store()
    trig = PREFIXES + "".join(small_cable(n) for n in range(count))
    store.load(trig.encode(), format="trig")
    add_match_keys(store)  # what the mapping adds to the names it writes
    return store


def queries_for(store: Store, query: str, **variables: Any) -> tuple[int, dict[str, Any]]:
    before = store.queries_run
    result = asyncio.run(
        schema.execute(query, variable_values=variables, context_value=Context.for_store(store))
    )
    assert result.errors is None, result.errors
    assert result.data is not None
    return store.queries_run - before, result.data


IRIS = IRIs("https://example.org/id/")
RAW = "RAW TELEGRAM TEXT OF 07MOSCOW999"
P0 = (
    "Deputy Foreign Minister Vladimir Titov met the Ambassador and Special Envoy Frank "
    "Wisner on February 12 to discuss Kosovo."
)
P1 = "Titov said Russia would not accept a solution imposed by the UNSC."
CLASSIFIED_BY = "Classified By: Ambassador William J. Burns. Reasons 1.4 (b) and (d)."


def handmade_cable() -> Cable:
    """A small made-up cable with every header field the mapping knows."""
    return Cable(
        reference_id="07MOSCOW999",
        provenance=Provenance("hand/made.txt", 1, "telegram", checksum(RAW), line=1),
        raw=RAW,
        created=datetime(2007, 2, 13, 14, 39),
        released=datetime(2011, 8, 30, 1, 44),
        classification="CONFIDENTIAL",
        origin="Embassy Moscow",
        subject="DFM TITOV ON KOSOVO",
        tags=("PREL", "RS", "UNSC"),
        routing=Routing(
            transmission_id="VZCZCXRO6133",
            precedence="O",
            date_time_group="131439Z FEB 07",
            sent=datetime(2007, 2, 13, 14, 39),
            station="RUEHMO",
            sender=Address("AMEMBASSY MOSCOW"),
            to=(Address("SECSTATE WASHDC", "RUEHC", "IMMEDIATE", "6915"),),
            info=(Address("AMEMBASSY LISBON", "RUEHLI", "IMMEDIATE", "0208"),),
        ),
        banner="CONFIDENTIAL SECTION 01 OF 02 MOSCOW 000999",
        executive_order="12958",
        declassify_on="2017-02-13",
        references=(Reference("STATE 15283", "A", "07STATE15283"), Reference("MOSCOW TV")),
        reference_text="A. STATE 15283 B. MOSCOW TV",
        classified_by=ClassifiedBy(
            CLASSIFIED_BY, "William J. Burns", "Ambassador", "1.4 (b) and (d)"
        ),
        paragraphs=(
            Paragraph(0, P0, number=1, classification="C", heading="SUMMARY"),
            Paragraph(1, P1, number=2, classification="C"),
        ),
        signature="BURNS",
        body=f"{P0}\n\n{P1}",
    )


def handmade_extraction() -> Extraction:
    """Two people (one with a role), an organization, a country, topics, a held meeting."""
    return Extraction(
        reference_id="07MOSCOW999",
        entities=(
            Entity(
                "titov",
                "person",
                "Vladimir Titov",
                aliases=("Titov",),
                roles=(Role("Deputy Foreign Minister", "mfa", "RS", paragraph=0),),
                global_id="Vladimir Titov",
            ),
            Entity("wisner", "person", "Frank Wisner", global_id="Frank Wisner", confidence=0.9),
            Entity(
                "mfa",
                "organization",
                "Ministry of Foreign Affairs",
                aliases=("MFA",),
                global_id="Ministry of Foreign Affairs",
                code="MFA",
                country="RS",
            ),
            Entity("russia", "place", "Russia", global_id="RS", code="RS", subtype="country"),
            Entity("prel", "topic", "External Political Relations", code="PREL", scheme="subject"),
            Entity("kosovo", "topic", "Kosovo", scheme="free"),
        ),
        mentions=(
            Mention("titov", "Vladimir Titov", 24, 38, paragraph=0),
            Mention("wisner", "Frank Wisner", 76, 88, paragraph=0),
            Mention("kosovo", "Kosovo", 115, 121, paragraph=0),
            Mention("titov", "Titov", 0, 5, paragraph=1),
            Mention("russia", "Russia", 11, 17, paragraph=1),
            Mention("prel", "PREL", 0, 4, field="tags"),
        ),
        meetings=(
            Meeting(
                "m1",
                "meeting",
                "held",
                participants=("titov", "wisner"),
                paragraphs=(0,),
                date=date(2007, 2, 12),
                topics=("kosovo",),
            ),
        ),
    )


SEED_IDS = ["07MOSCOW626", "07MOSCOW627", "07MOSCOW628", "07MOSCOW629"]


# Parameters for running each saved query, and a value each answer must include.
EXAMPLES: dict[str, tuple[dict[str, str], str, str]] = {
    "who_met": ({"person": "wisner", "topic": "kosovo"}, "name", "Konstantin Kosachev"),
    "cables_mentioning": ({"person": "Titov"}, "reference_id", "07MOSCOW700"),
    "people_in_cable": ({"cable": "07moscow628"}, "name", "Frank Wisner"),
    "cables_by_tag": ({"tag": "prel", "from": "2007-03-01"}, "reference_id", "07MOSCOW700"),
    "who_classified": ({}, "name", "William J. Burns"),
    "cables_citing": ({"cable": "07MOSCOW628"}, "reference_id", "07MOSCOW700"),
    "person_everywhere": ({"person": "Vladimir Titov"}, "reference_id", "07MOSCOW700"),
}


def linking_cable(
    reference_id: str,
    *people: Entity,
    year: int = 2007,
    origin: str = "Embassy Moscow",
    tags: tuple[str, ...] = ("PREL", "RS"),
) -> tuple[Cable, Extraction]:
    """A cable naming ``people`` and nothing else, for the identity-linking tests."""
    raw = f"RAW TEXT OF {reference_id} {[p.name for p in people]}"
    made = Cable(
        reference_id=reference_id,
        provenance=Provenance("hand/made.txt", 1, "telegram", checksum(raw)),
        raw=raw,
        created=datetime(year, 2, 13, 14, 39),
        origin=origin,
        tags=tags,
    )
    return made, Extraction(reference_id, entities=people)
