"""No N+1: the number of SPARQL queries a request costs does not grow with the list.

The data are generated: N small cables, each with two people (one shared by all),
one organization, a paragraph with a mention, two tags and a meeting with a topic.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from api.graphql import Context, schema
from kg.store import Store

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
    return store


LIST_QUERY = """query($first: Int!) {
  cables(first: $first, orderBy: REFERENCE_ID) {
    totalCount
    edges { cursor node {
      referenceId subject created classification origin
      tags { code label }
      paragraphs { number text mentions { text start end entity { id ... on Person { name } } } }
      people { name aliases roles memberships { role organization { name } } }
      organizations { name acronym }
      meetings {
        date status participants { name roles } topics { code label } cable { referenceId }
      }
    } }
  }
}"""


def queries_for(store: Store, query: str, **variables: Any) -> tuple[int, dict[str, Any]]:
    before = store.queries_run
    result = asyncio.run(
        schema.execute(query, variable_values=variables, context_value=Context.for_store(store))
    )
    assert result.errors is None, result.errors
    assert result.data is not None
    return store.queries_run - before, result.data


@pytest.fixture(scope="module")
def store() -> Store:
    return generated_store(50)


def test_listing_50_cables_costs_what_listing_5_does(store: Store) -> None:
    five, data5 = queries_for(store, LIST_QUERY, first=5)
    fifty, data50 = queries_for(store, LIST_QUERY, first=50)
    assert len(data5["cables"]["edges"]) == 5
    assert len(data50["cables"]["edges"]) == 50
    assert data50["cables"]["totalCount"] == 50
    assert fifty == five, f"{five} queries for 5 cables but {fifty} for 50"
    assert fifty <= 20


def test_the_list_is_complete(store: Store) -> None:
    _, data = queries_for(store, LIST_QUERY, first=50)
    by_ref = {e["node"]["referenceId"]: e["node"] for e in data["cables"]["edges"]}
    node = by_ref["07TEST7"]
    assert node["origin"] == "Embassy Test"
    assert [p["name"] for p in node["people"]] == ["Official 7", "Special Envoy"]
    assert node["people"][0]["roles"] == ["Minister"]
    assert node["organizations"] == [{"name": "Ministry 1", "acronym": None}]
    assert [t["code"] for t in node["tags"]] == ["PREL", "T2"]
    meeting = node["meetings"][0]
    assert meeting["status"] == "held"
    assert [p["name"] for p in meeting["participants"]] == ["Official 7", "Special Envoy"]
    mention = node["paragraphs"][0]["mentions"][0]
    assert mention["entity"]["name"] == "Official 7"
    assert node["paragraphs"][0]["text"][mention["start"] : mention["end"]] == mention["text"]


def test_person_lists_batch_too(store: Store) -> None:
    query = """query($first: Int!) { people(first: $first) { edges { node {
        name aliases roles cables { referenceId } metWith { name } kv: metWith(topic: "T1") { name }
        meetings { date }
    } } } }"""
    few, _ = queries_for(store, query, first=5)
    many, data = queries_for(store, query, first=51)
    assert len(data["people"]["edges"]) == 51
    assert many == few
