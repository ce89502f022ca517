"""The schema beyond the contract, on the fixture data: Relay lists (cursors, counts),
cable filters and orders, global IDs, references, mentions, memberships, search."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from kg.store import Store
from tests.builders import run_graphql

pytestmark = pytest.mark.store("graphql")


def refs(data: dict[str, Any]) -> list[str]:
    return [edge["node"]["referenceId"] for edge in data["cables"]["edges"]]


CABLES = """query($first: Int, $after: String, $where: CableFilter, $order: CableOrder) {
  cables(first: $first, after: $after, where: $where, orderBy: $order) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { referenceId } }
  }
}"""


def test_cables_paginate_with_cursors(store: Store) -> None:
    first = run_graphql(store, CABLES, first=2)
    assert refs(first) == ["07MOSCOW627", "07MOSCOW628"]  # by creation time
    info = first["cables"]["pageInfo"]
    assert info["hasNextPage"] is True
    assert info["hasPreviousPage"] is False
    assert first["cables"]["totalCount"] == 3
    rest = run_graphql(store, CABLES, first=2, after=info["endCursor"])
    assert refs(rest) == ["07PRISTINA55"]
    assert rest["cables"]["pageInfo"]["hasNextPage"] is False
    assert rest["cables"]["pageInfo"]["hasPreviousPage"] is True


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("CREATED_ASC", ["07MOSCOW627", "07MOSCOW628", "07PRISTINA55"]),
        ("CREATED_DESC", ["07PRISTINA55", "07MOSCOW628", "07MOSCOW627"]),
        ("REFERENCE_ID", ["07MOSCOW627", "07MOSCOW628", "07PRISTINA55"]),
    ],
)
def test_cable_orders(store: Store, order: str, expected: list[str]) -> None:
    assert refs(run_graphql(store, CABLES, order=order)) == expected


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"createdFrom": "2007-02-14"}, ["07PRISTINA55"]),
        ({"createdTo": "2007-02-13"}, ["07MOSCOW627", "07MOSCOW628"]),
        ({"createdFrom": "2007-02-13", "createdTo": "2007-02-13"}, ["07MOSCOW627", "07MOSCOW628"]),
        ({"origin": "embassy moscow"}, ["07MOSCOW627", "07MOSCOW628"]),
        ({"origin": "AMEMBASSY MOSCOW"}, ["07MOSCOW627", "07MOSCOW628"]),
        ({"classification": "secret//noforn"}, ["07MOSCOW627"]),
        ({"tags": ["kv"]}, ["07MOSCOW628", "07PRISTINA55"]),
        ({"tags": ["KV", "PREL"]}, ["07MOSCOW628"]),
        ({"person": "Titov"}, ["07MOSCOW627", "07MOSCOW628"]),
        ({"person": "Ceku"}, ["07PRISTINA55"]),
        ({"topic": "Abkhazia"}, ["07MOSCOW627"]),
        ({"topic": "Kosovo"}, ["07MOSCOW628", "07PRISTINA55"]),
        ({"text": "imposed settlement"}, ["07MOSCOW628"]),
        ({"text": "envoy"}, ["07MOSCOW628", "07PRISTINA55"]),
        ({"origin": "Embassy Moscow", "tags": ["KV"], "person": "wisner"}, ["07MOSCOW628"]),
        ({"person": "Nobody"}, []),
        ({"tags": ["ZZZZ"]}, []),
    ],
)
def test_cable_filters(store: Store, where: dict[str, Any], expected: list[str]) -> None:
    data = run_graphql(store, CABLES, where=where)
    assert refs(data) == expected
    assert data["cables"]["totalCount"] == len(expected)


def test_bad_page_arguments_are_errors(store: Store) -> None:
    from api.graphql import Context, schema

    async def execute(query: str) -> Any:
        return await schema.execute(query, context_value=Context.for_store(store))

    import asyncio

    for query in [
        "{ cables(first: -1) { totalCount } }",
        '{ cables(after: "bogus") { totalCount } }',
    ]:
        result = asyncio.run(execute(query))
        assert result.errors, query


def test_node_by_global_id(store: Store) -> None:
    data = run_graphql(
        store, '{ cable(referenceId: "07MOSCOW628") { id iri } person(name: "Titov") { id } }'
    )
    cable_id = data["cable"]["id"]
    assert base64.b64decode(cable_id).decode() == f"Cable:{data['cable']['iri']}"
    found = run_graphql(
        store,
        """query($a: ID!, $b: ID!) { nodes(ids: [$a, $b, "bm9wZQ==", "Q2FibGU6bm90IGFuIElSSQ=="]) {
            __typename ... on Cable { referenceId } ... on Person { name } } }""",
        a=cable_id,
        b=data["person"]["id"],
    )
    assert found["nodes"] == [
        {"__typename": "Cable", "referenceId": "07MOSCOW628"},
        {"__typename": "Person", "name": "Vladimir Titov"},
        None,  # not a global ID
        None,  # "Cable:not an IRI"
    ]
    missing = base64.b64encode(b"Cable:https://w3id.org/cablegraph/id/cable/NOPE").decode()
    found = run_graphql(store, "query($id: ID!) { node(id: $id) { id } }", id=missing)
    assert found["node"] is None


def test_references_both_ways(store: Store) -> None:
    data = run_graphql(
        store,
        """{ cable(referenceId: "07MOSCOW628") {
        references { referenceId stored } referencedBy { referenceId } } }""",
    )
    assert data["cable"] == {
        "references": [
            {"referenceId": "06MOSCOW1234", "stored": False},
            {"referenceId": "07MOSCOW627", "stored": True},
        ],
        "referencedBy": [{"referenceId": "07PRISTINA55"}],
    }


def test_mentions_index_the_paragraph_text(store: Store) -> None:
    data = run_graphql(
        store,
        """{ cable(referenceId: "07MOSCOW628") { paragraphs { text mentions {
        text start end entity { __typename ... on Person { name } ... on Place { name code }
        ... on Organization { name acronym } } } } } }""",
    )
    seen = []
    for paragraph in data["cable"]["paragraphs"]:
        for mention in paragraph["mentions"]:
            assert paragraph["text"][mention["start"] : mention["end"]] == mention["text"]
            seen.append((mention["text"], mention["entity"]))
    assert ("DFM Titov", {"__typename": "Person", "name": "Vladimir Titov"}) in seen
    assert ("Kosovo", {"__typename": "Place", "name": "Kosovo", "code": "KV"}) in seen
    assert (
        "MFA",
        {"__typename": "Organization", "name": "Ministry of Foreign Affairs", "acronym": "MFA"},
    ) in seen


def test_memberships(store: Store) -> None:
    data = run_graphql(
        store,
        """{ person(name: "Titov") { memberships {
        role organization { name acronym country { name code kind } } country { name }
        asOf cable { referenceId } person { name } } } }""",
    )
    assert data["person"]["memberships"] == [
        {
            "role": "Deputy Foreign Minister",
            "organization": {
                "name": "Ministry of Foreign Affairs",
                "acronym": "MFA",
                "country": {"name": "Russia", "code": "RS", "kind": "Country"},
            },
            "country": {"name": "Russia"},
            "asOf": "2007-02-13",
            "cable": {"referenceId": "07MOSCOW628"},
            "person": {"name": "Vladimir Titov"},
        }
    ]


def test_cable_header_fields(store: Store) -> None:
    data = run_graphql(
        store,
        """{ cable(referenceId: "07MOSCOW628") {
        released precedence classifiedBy { name } classifiedByRole classificationReason
        signedBy { name } signature originPost { name labels routingIndicator } to { name } } }""",
    )
    assert data["cable"] == {
        "released": "2011-08-30T01:44:00",
        "precedence": "PRIORITY",
        "classifiedBy": {"name": "William J. Burns"},
        "classifiedByRole": "Ambassador",
        "classificationReason": "1.4 (b, d)",
        "signedBy": {"name": "William J. Burns"},
        "signature": "BURNS",
        "originPost": {
            "name": "Embassy Moscow",
            "labels": ["AMEMBASSY MOSCOW", "Embassy Moscow"],
            "routingIndicator": "RUEHMO",
        },
        "to": [{"name": "Secretary of State"}],
    }


def test_people_organizations_places_topics(store: Store) -> None:
    data = run_graphql(
        store,
        """{
      people(first: 3) { totalCount nodes { name } pageInfo { hasNextPage } }
      titovs: people(name: "tit") { nodes { name } }
      organizations { nodes { name acronym } }
      mfa: organizations(name: "mfa") { totalCount }
      places { nodes { name code kind } }
      kv: places(name: "kv") { nodes { name } }
      topics(first: 2) { totalCount nodes { code label scheme } }
      geo: topics(scheme: GEO_TAGS) { nodes { code } }
      free: topics(scheme: FREE_TOPICS) { nodes { label } }
    }""",
    )
    assert data["people"]["totalCount"] == 9
    assert [p["name"] for p in data["people"]["nodes"]] == [
        "Agim Ceku",
        "Daniel A. Russell",
        "Daniel Fried",
    ]
    assert data["titovs"]["nodes"] == [{"name": "Vladimir Titov"}]
    assert data["organizations"]["nodes"] == [
        {"name": "Ministry of Foreign Affairs", "acronym": "MFA"}
    ]
    assert data["mfa"]["totalCount"] == 1
    assert {p["name"] for p in data["places"]["nodes"]} == {
        "Abkhazia",
        "Georgia",
        "Kosovo",
        "Russia",
    }
    assert data["kv"]["nodes"] == [{"name": "Kosovo"}]
    assert data["topics"]["totalCount"] == 6
    assert data["topics"]["nodes"] == [
        {"code": "GG", "label": "Georgia", "scheme": "GeoTags"},
        {"code": "KV", "label": "Kosovo", "scheme": "GeoTags"},
    ]
    assert [t["code"] for t in data["geo"]["nodes"]] == ["GG", "KV", "RS"]
    assert data["free"]["nodes"] == [{"label": "Kosovo"}]


def test_meetings_connection(store: Store) -> None:
    data = run_graphql(
        store,
        """{
      all: meetingsConnection { totalCount nodes { date status } }
      held: meetingsConnection(participant: "wisner", status: "held") { nodes { date } }
      february: meetingsConnection(dateFrom: "2007-02-13", dateTo: "2007-02-20") {
        nodes { date } }
    }""",
    )
    assert data["all"]["totalCount"] == 4
    assert data["all"]["nodes"][-1] == {"date": None, "status": "reported"}  # undated: last
    assert data["held"]["nodes"] == [{"date": "2007-02-12"}, {"date": "2007-02-19"}]
    assert data["february"]["nodes"] == [{"date": "2007-02-19"}, {"date": "2007-02-20"}]


def test_person_meetings_and_met_with(store: Store) -> None:
    data = run_graphql(
        store,
        """{ person(name: "Wisner") {
        meetings { date cable { referenceId } }
        metWith { name }
        aboutKosovo: metWith(topic: "KV") { name } } }""",
    )
    person = data["person"]
    assert [m["date"] for m in person["meetings"]] == ["2007-02-12", "2007-02-19", "2007-02-20"]
    assert [p["name"] for p in person["metWith"]] == [
        "Agim Ceku",
        "Sergey Lavrov",
        "Vladimir Titov",
    ]
    assert [p["name"] for p in person["aboutKosovo"]] == ["Agim Ceku", "Sergey Lavrov"]


def test_search(store: Store) -> None:
    data = run_graphql(
        store,
        """{ search(text: "kosovo") { totalCount
        nodes { __typename ... on Cable { referenceId } ... on Topic { label } } } }""",
    )
    kinds = [n["__typename"] for n in data["search"]["nodes"]]
    # The exact matches (the place, the TAGS concept, the free topic) before the subjects.
    assert kinds[:3] == ["Place", "Topic", "Topic"]
    assert {n.get("referenceId") for n in data["search"]["nodes"][3:]} == {
        "07MOSCOW628",
        "07PRISTINA55",
    }
    assert data["search"]["totalCount"] == 5
    titov = run_graphql(store, '{ search(text: "titov") { nodes { ... on Person { name } } } }')
    assert titov["search"]["nodes"] == [{"name": "Vladimir Titov"}]
