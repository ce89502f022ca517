"""No N+1: the number of SPARQL queries a request costs does not grow with the list.

The data are generated: N small cables, each with two people (one shared by all),
one organization, a paragraph with a mention, two tags and a meeting with a topic.
"""

from __future__ import annotations

import pytest

from kg.store import Store
from tests.builders import generated_store, queries_for

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
