"""kg.rdf: a hand-made cable and extraction give exactly the triples the mapping documents."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

from kg.model import (
    Entity,
    Extraction,
    Meeting,
    Mention,
    Paragraph,
    Role,
    checksum,
)
from kg.posts import post_name
from kg.rdf import terms
from kg.rdf.extraction import role_label
from kg.rdf.iri import slug
from kg.rdf.mapping import graph_iri, quads, triples
from kg.validate import as_graph, normalize, validate
from tests.builders import IRIS, P0, P1, RAW, handmade_cable, handmade_extraction

EXPECTED = """
@prefix kg: <https://w3id.org/cablegraph/ontology#> .
@prefix cable: <https://example.org/id/cable/> .
@prefix person: <https://example.org/id/person/> .
@prefix cgorg: <https://example.org/id/org/> .
@prefix place: <https://example.org/id/place/> .
@prefix tag: <https://example.org/id/tag/> .
@prefix topic: <https://example.org/id/topic/> .
@prefix post: <https://example.org/id/post/> .
@prefix role: <https://example.org/id/role/> .
@prefix c: <https://example.org/id/cable/07MOSCOW999/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

cable:07MOSCOW999 a kg:Cable ;
    dcterms:identifier "07MOSCOW999" ;
    dcterms:title "DFM TITOV ON KOSOVO" ;
    dcterms:created "2007-02-13T14:39:00Z"^^xsd:dateTime ;
    kg:released "2011-08-30T01:44:00Z"^^xsd:dateTime ;
    kg:classification "CONFIDENTIAL" ;
    kg:origin post:embassy-moscow ;
    kg:banner "CONFIDENTIAL SECTION 01 OF 02 MOSCOW 000999" ;
    kg:executiveOrder "12958" ;
    kg:declassifyOn "2017-02-13"^^xsd:date ;
    kg:classifiedBy person:william-j-burns ;
    kg:classifiedByRole "Ambassador" ;
    kg:classificationReason "1.4 (b) and (d)" ;
    kg:signature "BURNS" ;
    kg:partialExtract false ;
    kg:sourceFile "hand/made.txt" ;
    kg:recordPosition 1 ;
    kg:sourceFormat "telegram" ;
    kg:checksum "@CHECKSUM@" ;
    kg:rawText "RAW TELEGRAM TEXT OF 07MOSCOW999" ;
    kg:precedence "O" ;
    kg:transmissionId "VZCZCXRO6133" ;
    kg:dateTimeGroup "131439Z FEB 07" ;
    kg:sent "2007-02-13T14:39:00Z"^^xsd:dateTime ;
    kg:sender post:embassy-moscow ;
    kg:to post:secretary-of-state ;
    kg:info post:embassy-lisbon ;
    kg:tag tag:PREL, tag:RS, tag:UNSC ;
    kg:referenceText "A. STATE 15283 B. MOSCOW TV" ;
    dcterms:references cable:07STATE15283 ;
    dcterms:hasPart c:p\\/0, c:p\\/1 ;
    kg:mentions person:vladimir-titov, person:frank-wisner,
        cgorg:ministry-of-foreign-affairs, place:RS, tag:PREL, topic:kosovo .

post:embassy-moscow a kg:Post ;
    rdfs:label "Embassy Moscow", "AMEMBASSY MOSCOW" ;
    kg:routingIndicator "RUEHMO" .
post:secretary-of-state a kg:Post ;
    rdfs:label "SECSTATE WASHDC" ; kg:routingIndicator "RUEHC" .
post:embassy-lisbon a kg:Post ;
    rdfs:label "AMEMBASSY LISBON" ; kg:routingIndicator "RUEHLI" .

tag:PREL a skos:Concept ;
    skos:notation "PREL" ;
    skos:prefLabel "External Political Relations" ;
    skos:inScheme kg:SubjectTags .
tag:RS a skos:Concept ; skos:notation "RS" .
tag:UNSC a skos:Concept ; skos:notation "UNSC" .
topic:kosovo a skos:Concept ;
    skos:prefLabel "Kosovo" ;
    skos:inScheme kg:FreeTopics .

c:p\\/0 a kg:Paragraph ;
    dcterms:isPartOf cable:07MOSCOW999 ;
    kg:order 0 ; kg:number 1 ; kg:classification "C" ; kg:heading "SUMMARY" ;
    kg:text "@P0@" .
c:p\\/1 a kg:Paragraph ;
    dcterms:isPartOf cable:07MOSCOW999 ;
    kg:order 1 ; kg:number 2 ; kg:classification "C" ;
    kg:text "@P1@" .

person:vladimir-titov a foaf:Person, schema:Person ;
    foaf:name "Vladimir Titov" ;
    skos:altLabel "Titov" ;
    org:hasMembership c:membership\\/0 .
c:membership\\/0 a org:Membership ;
    org:member person:vladimir-titov ;
    org:role role:deputy-foreign-minister ;
    org:organization cgorg:ministry-of-foreign-affairs ;
    kg:country place:RS ;
    kg:asOf "2007-02-13"^^xsd:date ;
    prov:wasDerivedFrom c:p\\/0 .
role:deputy-foreign-minister a org:Role, kg:Role ;
    skos:prefLabel "Deputy Foreign Minister" .

person:frank-wisner a foaf:Person, schema:Person ;
    foaf:name "Frank Wisner" ;
    kg:confidence 0.9 .

person:william-j-burns a foaf:Person, schema:Person ;
    foaf:name "William J. Burns" .

cgorg:ministry-of-foreign-affairs a org:Organization ;
    skos:prefLabel "Ministry of Foreign Affairs" ;
    skos:altLabel "MFA" ;
    kg:acronym "MFA" ;
    kg:country place:RS .

place:RS a schema:Place, schema:Country ;
    skos:prefLabel "Russia" ;
    kg:fipsCode "RS" .

c:meeting\\/0 a kg:Meeting ;
    kg:participant person:vladimir-titov, person:frank-wisner ;
    dcterms:date "2007-02-12"^^xsd:date ;
    kg:topic topic:kosovo ;
    kg:status kg:Held ;
    kg:meetingKind "meeting" ;
    kg:reportedIn cable:07MOSCOW999 ;
    prov:wasDerivedFrom c:p\\/0 .

# A mention in a paragraph is named by its span there (RFC 5147, as in NIF 2.0): its
# offsets are in the IRI and its surface is the paragraph text cut at them.
<https://example.org/id/cable/07MOSCOW999/p/0#char=24,38> kg:refersTo person:vladimir-titov ;
    kg:inParagraph c:p\\/0 .
<https://example.org/id/cable/07MOSCOW999/p/0#char=76,88> kg:refersTo person:frank-wisner ;
    kg:inParagraph c:p\\/0 .
<https://example.org/id/cable/07MOSCOW999/p/0#char=115,121> kg:refersTo topic:kosovo ;
    kg:inParagraph c:p\\/0 .
<https://example.org/id/cable/07MOSCOW999/p/1#char=0,5> kg:refersTo person:vladimir-titov ;
    kg:inParagraph c:p\\/1 .
<https://example.org/id/cable/07MOSCOW999/p/1#char=11,17> kg:refersTo place:RS ;
    kg:inParagraph c:p\\/1 .
# One in a header field keeps its number, offsets and surface (the graph holds no text
# of the field as such).
c:mention\\/5 kg:refersTo tag:PREL ; kg:inField "tags" ;
    kg:start 0 ; kg:end 4 ; kg:surface "PREL" .

# Match keys: each run of whole words of a person's names and aliases, and of the labels
# of the cable's topics and tags (ontology/README.md, "Match keys").
person:vladimir-titov kg:nameKey "vladimir" , "vladimir titov" , "titov" .
person:frank-wisner kg:nameKey "frank" , "frank wisner" , "wisner" .
person:william-j-burns kg:nameKey "william" , "william j" , "william j burns" , "j" ,
    "j burns" , "burns" .
tag:PREL kg:labelKey "external" , "external political" , "external political relations" ,
    "political" , "political relations" , "relations" .
topic:kosovo kg:labelKey "kosovo" .
"""


def expected_graph() -> Graph:
    text = EXPECTED.replace("@CHECKSUM@", checksum(RAW)).replace("@P0@", P0).replace("@P1@", P1)
    return Graph().parse(data=text, format="turtle")


def assert_isomorphic(actual: Graph, expected: Graph) -> None:
    """Graph equality up to blank nodes, with the differing triples listed on failure."""
    actual, expected = normalize(actual), normalize(expected)
    if isomorphic(actual, expected):
        return
    _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
    lines = ["graphs differ;", "only in actual:"]
    lines += sorted(f"  + {t[0].n3()} {t[1].n3()} {t[2].n3()}" for t in only_actual)
    lines += ["only in expected:"]
    lines += sorted(f"  - {t[0].n3()} {t[1].n3()} {t[2].n3()}" for t in only_expected)
    pytest.fail("\n".join(lines), pytrace=False)


def test_the_handmade_cable_maps_as_documented() -> None:
    actual = as_graph(triples(handmade_cable(), handmade_extraction(), iris=IRIS))
    assert_isomorphic(actual, expected_graph())


def test_the_same_input_gives_the_same_triples_in_the_same_order() -> None:
    first = triples(handmade_cable(), handmade_extraction(), iris=IRIS)
    second = triples(handmade_cable(), handmade_extraction(), iris=IRIS)
    assert [str(t) for t in first] == [str(t) for t in second]
    assert len(set(first)) == len(first), "no triple is emitted twice"


def test_quads_put_every_triple_in_the_cable_graph() -> None:
    cable = handmade_cable()
    result = quads(cable, handmade_extraction(), iris=IRIS)
    assert graph_iri(cable, IRIS) == "https://example.org/id/graph/07MOSCOW999"
    assert {q.graph_name for q in result} == {ox.NamedNode(graph_iri(cable, IRIS))}
    assert len(result) == len(triples(cable, handmade_extraction(), iris=IRIS))


def test_literals_are_plain_strings_or_typed_never_language_tagged() -> None:
    for triple in triples(handmade_cable(), handmade_extraction(), iris=IRIS):
        if isinstance(triple.object, ox.Literal):
            assert triple.object.language is None


def test_without_an_extraction_tags_still_have_their_notation() -> None:
    graph = as_graph(triples(handmade_cable(), None, iris=IRIS))
    rows = graph.query(
        """SELECT ?code WHERE { ?cable kg:tag ?tag . ?tag skos:notation ?code }""",
        initNs={
            "kg": "https://w3id.org/cablegraph/ontology#",
            "skos": "http://www.w3.org/2004/02/skos/core#",
        },
    )
    assert sorted(str(row[0]) for row in rows) == ["PREL", "RS", "UNSC"]  # type: ignore[index]
    # The Classified By person is kept even when nothing was extracted.
    burns = "https://example.org/id/person/william-j-burns"
    assert any(str(t.object) == f"<{burns}>" for t in triples(handmade_cable(), None, iris=IRIS))


def test_an_extracted_signer_is_linked_by_mention_and_by_surname() -> None:
    burns = Entity("burns", "person", "William J. Burns", global_id="William J. Burns")
    extraction = Extraction(
        "07MOSCOW999",
        entities=(burns,),
        mentions=(Mention("burns", "William J. Burns", 26, 42, field="classified_by"),),
    )
    result = {str(t) for t in triples(handmade_cable(), extraction, iris=IRIS)}
    cable = "<https://example.org/id/cable/07MOSCOW999>"
    person = "<https://example.org/id/person/william-j-burns>"
    assert f"{cable} <https://w3id.org/cablegraph/ontology#classifiedBy> {person}" in result
    assert f"{cable} <https://w3id.org/cablegraph/ontology#signedBy> {person}" in result


@pytest.mark.parametrize(
    ("name", "release_form"),
    [
        ("AMEMBASSY MOSCOW", "Embassy Moscow"),
        ("Embassy Moscow", "Embassy Moscow"),
        ("AMCONSUL  SAO PAULO", "Consulate Sao Paulo"),
        ("SECSTATE WASHDC", "Secretary of State"),
        ("USMISSION GENEVA", "Mission Geneva"),
        ("USMISSION USUN NEW YORK", "USUN New York"),
        ("USEU BRUSSELS", "USEU Brussels"),
        ("SECDEF WASHINGTON DC", "Secretary of Defense"),
        ("NSC WASHINGTON DC", "NSC WASHDC"),
    ],
)
def test_telegraphic_and_release_post_names_give_one_iri(name: str, release_form: str) -> None:
    assert IRIS.post(post_name(name)) == IRIS.post(release_form)


def test_an_unknown_entity_key_is_reported_with_the_cable() -> None:
    extraction = Extraction(
        "07MOSCOW999",
        meetings=(Meeting("m1", "call", "planned", participants=("nobody",), paragraphs=(0,)),),
    )
    with pytest.raises(ValueError, match=r"07MOSCOW999.*'nobody'"):
        triples(handmade_cable(), extraction, iris=IRIS)


def test_two_entities_on_one_iri_keep_one_name_and_the_rest_as_aliases() -> None:
    extraction = Extraction(
        "07MOSCOW999",
        entities=(
            Entity("a", "person", "Vladimir Titov", global_id="Vladimir Titov"),
            Entity("b", "person", "V. Titov", global_id="Vladimir Titov"),
        ),
    )
    graph = as_graph(triples(handmade_cable(), extraction, iris=IRIS))
    titov = URIRef("https://example.org/id/person/vladimir-titov")
    assert [str(o) for o in graph.objects(titov, FOAF.name)] == ["Vladimir Titov"]
    assert [str(o) for o in graph.objects(titov, SKOS.altLabel)] == ["V. Titov"]


def test_a_paragraph_mention_without_its_paragraph_is_reported() -> None:
    extraction = Extraction(
        "07MOSCOW999",
        entities=(Entity("k", "topic", "Kosovo"),),
        mentions=(Mention("k", "Kosovo", 0, 6),),
    )
    with pytest.raises(ValueError, match="names none"):
        triples(handmade_cable(), extraction, iris=IRIS)


def test_the_graph_read_back_through_oxrdflib_is_the_same_once_normalized() -> None:
    from oxrdflib import OxigraphStore

    from kg.store import Store

    store = Store(iris=IRIS)
    cable = handmade_cable()
    written = triples(cable, handmade_extraction(), iris=IRIS)
    store.replace_graph(graph_iri(cable, IRIS), written)
    dataset = Dataset(store=OxigraphStore(store=store.oxigraph))
    read = dataset.graph(URIRef(graph_iri(cable, IRIS)))
    assert len(read) == len(written)
    assert_isomorphic(Graph() + read, as_graph(written))


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(2007, 2, 13, 14, 39), "2007-02-13T14:39:00"),
        (datetime(2007, 2, 13, 14, 39, 0, 500000), "2007-02-13T14:39:00.5"),
        (datetime(2007, 2, 13, 14, 39, tzinfo=UTC), "2007-02-13T14:39:00Z"),
        (
            datetime(2007, 2, 13, 14, 39, tzinfo=timezone(timedelta(hours=-5))),
            "2007-02-13T14:39:00-05:00",
        ),
    ],
)
def test_date_times_are_written_as_the_store_reads_them_back(moment: datetime, text: str) -> None:
    literal = terms.date_time(moment)
    assert literal.value == text
    store = ox.Store()
    store.add(
        ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), literal)
    )
    assert next(iter(store)).object == literal


def test_undecodable_bytes_become_replacement_characters_one_for_one() -> None:
    text = b"caf\xe9 au lait".decode("utf-8", "surrogateescape")
    assert terms.string(text).value == "caf\ufffd au lait"


# -- one value, once ------------------------------------------------------------------------

KG_NS = "https://w3id.org/cablegraph/ontology#"


def predicates(result: list[ox.Triple]) -> set[str]:
    return {t.predicate.value for t in result}


def test_the_body_is_stored_once_in_the_paragraphs_and_the_raw_record_is_kept() -> None:
    cable = handmade_cable()
    result = triples(cable, handmade_extraction(), iris=IRIS)
    assert KG_NS + "bodyText" not in predicates(result)
    texts = {t.subject.value: t.object.value for t in result if t.predicate == terms.TEXT}
    body = [texts[IRIS.paragraph(cable.reference_id, p.index)] for p in cable.paragraphs]
    assert "\n\n".join(body) == cable.body
    raw = [t.object.value for t in result if t.predicate == terms.RAW_TEXT]
    assert raw == [RAW]


def test_a_meeting_date_is_written_once_as_dcterms_date() -> None:
    result = triples(handmade_cable(), handmade_extraction(), iris=IRIS)
    assert "https://schema.org/startDate" not in predicates(result)
    dates = [t.object for t in result if t.predicate == terms.DCT_DATE]
    assert dates == [terms.day(date(2007, 2, 12))]


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(2007, 2, 13, 14, 39), "2007-02-13T14:39:00Z"),  # the release's: Zulu
        (datetime(2007, 2, 13, 14, 39, tzinfo=UTC), "2007-02-13T14:39:00Z"),
        (
            datetime(2007, 2, 13, 9, 39, tzinfo=timezone(timedelta(hours=-5))),
            "2007-02-13T14:39:00Z",
        ),
    ],
)
def test_cable_date_times_are_utc_with_z(moment: datetime, text: str) -> None:
    assert terms.utc_date_time(moment).value == text


def test_created_released_and_sent_share_one_time_zone() -> None:
    result = triples(handmade_cable(), None, iris=IRIS)
    wanted = {terms.DCT_CREATED, terms.RELEASED, terms.SENT}
    values = {t.predicate.value: t.object for t in result if t.predicate in wanted}
    assert len(values) == 3
    for literal in values.values():
        assert isinstance(literal, ox.Literal)
        assert literal.datatype == terms.XSD_DATETIME
        assert literal.value.endswith("Z")
    # 07MOSCOW999 was created at 14:39, its date-time group 131439Z: the same instant.
    assert values[terms.DCT_CREATED.value] == values[terms.SENT.value]


# -- role labels ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("director", "Director"),
        ("Director", "Director"),
        ("DIRECTOR", "Director"),
        ("deputy chief of mission", "Deputy Chief of Mission"),
        ("DEPUTY CHIEF OF MISSION", "Deputy Chief of Mission"),
        ("National Intelligence director", "National Intelligence Director"),
        ("charge d'affaires", "Charge d'Affaires"),
        ("pol/econ counselor", "Pol/Econ Counselor"),
        ("Pol-Mil Counselor", "Pol-Mil Counselor"),
        ("IP Chief", "IP Chief"),  # an acronym in a title written in mixed case
        ("DFM", "DFM"),
        ("Dr.", "Dr."),
        ("  Under   Secretary for Political Affairs ", "Under Secretary for Political Affairs"),
    ],
)
def test_a_role_label_does_not_depend_on_the_case_a_cable_writes(title: str, label: str) -> None:
    assert role_label(title) == label


def test_one_role_in_two_cables_has_one_label_in_the_union() -> None:
    from kg.store import Store

    store = Store(iris=IRIS)
    for ref, title in (("07MOSCOW998", "director"), ("07MOSCOW999", "Director")):
        cable = replace(handmade_cable(), reference_id=ref)
        extraction = Extraction(
            ref,
            entities=(
                Entity("v", "person", "Cecile Vigneau", roles=(Role(title),), global_id="CV"),
            ),
        )
        store.replace_graph(graph_iri(cable, IRIS), triples(cable, extraction, iris=IRIS))
    rows = store.query(
        f"SELECT DISTINCT ?label WHERE {{ <{IRIS.role('director')}> "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"
    )
    assert [row["label"].value for row in rows] == ["Director"]  # type: ignore[index]


# -- slugs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Wałęsa", "walesa"),
        ("Lech Wałęsa", "lech-walesa"),
        ("Søren Østergaard", "soren-ostergaard"),
        ("Zoran Đinđić", "zoran-dindic"),
        ("Straße", "strasse"),
        ("Æsop Œuvre", "aesop-oeuvre"),
        ("Kılıçdaroğlu", "kilicdaroglu"),
        ("Botsan-Karchenko, Aleksandr", "botsan-karchenko-aleksandr"),
        ("Éric Noël", "eric-noel"),
        ("", "x"),
        # Letters with no Latin form: 10 hex digits of the name's SHA-1 (fixed: IRIs).
        ("Сергей Лавров", "9fcd0d2fe1"),
        ("Sergey Лавров", "sergey-e10231f344"),
    ],
)
def test_slugs_transliterate_latin_letters(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_names_in_other_scripts_never_share_a_slug() -> None:
    names = ["Владимир Путин", "Сергей Лавров", "محمود عباس", "حسني مبارك", "胡锦涛", "温家宝"]
    slugs = [slug(name) for name in names]
    assert len(set(slugs)) == len(names)
    assert all(re.fullmatch(r"[a-z0-9-]+", s) for s in slugs)
    # As for Latin names, case, spacing and punctuation do not make another slug.
    assert slug("ВЛАДИМИР  ПУТИН") == slug("Владимир Путин") == slug("Владимир-Путин")
    assert all(slug(s) == s for s in slugs)  # a slug is its own slug (global IDs are slugs)


def test_people_named_in_cyrillic_get_distinct_iris() -> None:
    extraction = Extraction(
        "07MOSCOW999",
        entities=(
            Entity("a", "person", "Владимир Путин", global_id="Владимир Путин"),
            Entity("b", "person", "Сергей Лавров", global_id="Сергей Лавров"),
        ),
    )
    graph = as_graph(triples(handmade_cable(), extraction, iris=IRIS))
    people = set(graph.subjects(FOAF.name, None))
    assert len(people) == 3  # the two and William J. Burns (Classified By)


# -- posts named in the text ----------------------------------------------------------------


def test_a_post_named_in_the_text_is_the_post_routing_names() -> None:
    cable = replace(
        handmade_cable(),
        paragraphs=(Paragraph(0, "Embassy Lisbon and the U.S. Embassy in Amman agreed.", 1),),
    )
    extraction = Extraction(
        "07MOSCOW999",
        entities=(
            Entity("lisbon", "organization", "Embassy Lisbon", subtype="post"),
            Entity("amman", "organization", "U.S. Embassy in Amman", subtype="post", code="AMM"),
            Entity("mfa", "organization", "Ministry of Foreign Affairs", global_id="MFA"),
        ),
        mentions=(
            Mention("lisbon", "Embassy Lisbon", 0, 14, paragraph=0),
            Mention("amman", "U.S. Embassy in Amman", 23, 44, paragraph=0),
        ),
    )
    result = triples(cable, extraction, iris=IRIS)
    graph = as_graph(result)
    lisbon = URIRef(IRIS.post("Embassy Lisbon"))  # also the INFO addressee AMEMBASSY LISBON
    amman = URIRef(IRIS.post("Embassy Amman"))
    assert str(amman) == "https://example.org/id/post/embassy-amman"
    post, organization = URIRef(KG_NS + "Post"), URIRef("http://www.w3.org/ns/org#Organization")
    for node in (lisbon, amman):
        assert set(graph.objects(node, RDF.type)) == {post}
        assert (URIRef(IRIS.cable("07MOSCOW999")), URIRef(KG_NS + "mentions"), node) in graph
        assert not list(graph.objects(node, SKOS.prefLabel))  # posts have rdfs:labels
    assert {str(o) for o in graph.objects(lisbon, RDFS.label)} == {
        "AMEMBASSY LISBON",
        "Embassy Lisbon",
    }
    assert {str(o) for o in graph.objects(amman, RDFS.label)} == {"U.S. Embassy in Amman"}
    mfa = URIRef(IRIS.organization("MFA", reference_id="07MOSCOW999", local="mfa"))
    assert set(graph.subjects(RDF.type, organization)) == {mfa}
    referred = {str(o) for o in graph.objects(None, URIRef(KG_NS + "refersTo"))}
    assert referred == {str(lisbon), str(amman)}
    conforms, report = validate(result)
    assert conforms, report


@pytest.mark.parametrize(
    "name",
    [
        "Embassy Amman",
        "AMEMBASSY AMMAN",
        "the U.S. Embassy in Amman",
        "US Embassy Amman",
        "American Embassy Amman",
        "embassy in amman",
    ],
)
def test_the_forms_of_a_post_in_text_give_its_iri(name: str) -> None:
    assert IRIS.post(post_name(name)) == IRIS.post("Embassy Amman")


@pytest.mark.parametrize(
    "name",
    [
        "Consulate Chiang Mai",
        "AMCONSUL CHIANG MAI",
        "Consulate General Chiang Mai",
        "the US Consulate-General in Chiang Mai",
        "AMCONGEN CHIANG MAI",
    ],
)
def test_consulates_general_are_consulates(name: str) -> None:
    assert IRIS.post(post_name(name)) == IRIS.post("Consulate Chiang Mai")
