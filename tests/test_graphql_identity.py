"""One Person per identity cluster: the GraphQL API follows the links graph.

Hand-written data (``graphql_fixture.trig`` plus ``graphql_links.trig``: a cable that
names Titov, Wisner and Burns by surname only, and the owl:sameAs links `kg link` would
write), then the seed page ingested and linked for real.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from api.gql.relay import global_id
from api.graphql import Context, schema
from kg.ingest import ingest
from kg.link import relink
from kg.store import Store
from tests.builders import FIXTURE, add_match_keys, fixture_store, generated_store, queries_for
from tests.seed_answers import WISNER_MET

LINKS = Path(__file__).parent / "data" / "graphql_links.trig"
SEED = Path(__file__).parent.parent / "data" / "seed"
ID = "https://w3id.org/cablegraph/id/"
LOCAL_TITOV = ID + "cable/07MOSCOW700/person/titov"


def linked_store() -> Store:
    store = Store()
    for path in (FIXTURE, LINKS):
        store.load(path.read_bytes(), format="trig")
    add_match_keys(store)  # what the mapping writes beside the names
    return store


@pytest.fixture(scope="module")
def store() -> Store:
    return linked_store()


def run(store: Store, query: str, **variables: Any) -> dict[str, Any]:
    result = asyncio.run(
        schema.execute(query, variable_values=variables, context_value=Context.for_store(store))
    )
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


def names(people: list[dict[str, Any]]) -> list[str]:
    return [p["name"] for p in people]


# -- hand-written links -----------------------------------------------------------------


def test_participants_are_one_canonical_person_each(store: Store) -> None:
    data = run(
        store,
        """{ meetings(participant: "Wisner", topic: "Kosovo") {
        date participants { name } cable { referenceId } } }""",
    )
    last = data["meetings"][-1]
    assert last["cable"] == {"referenceId": "07MOSCOW700"}
    # Titov, Wisner, Burns (local) and William Burns: three people, by their fullest names.
    assert names(last["participants"]) == ["Frank Wisner", "Vladimir Titov", "William J. Burns"]
    every = {n for meeting in data["meetings"] for n in names(meeting["participants"])}
    assert not every & {"Titov", "Wisner", "Burns", "William Burns"}


def test_a_person_is_the_union_of_its_nodes(store: Store) -> None:
    data = run(
        store,
        """{ person(name: "Titov") {
        name aliases roles cables { referenceId } metWith { name }
        kosovo: metWith(topic: "Kosovo") { name } meetings { date } } }""",
    )
    assert data["person"] == {
        "name": "Vladimir Titov",
        "aliases": ["DFM Titov", "Titov"],
        "roles": ["Deputy Foreign Minister"],
        "cables": [
            {"referenceId": "07MOSCOW627"},
            {"referenceId": "07MOSCOW628"},
            {"referenceId": "07MOSCOW700"},
        ],
        "metWith": [
            {"name": "Daniel Fried"},
            {"name": "Frank Wisner"},
            {"name": "William J. Burns"},
        ],
        "kosovo": [{"name": "Frank Wisner"}, {"name": "William J. Burns"}],
        "meetings": [{"date": "2007-02-12"}, {"date": "2007-02-28"}, {"date": None}],
    }


def test_chains_end_at_the_fullest_name(store: Store) -> None:
    for name in ("Burns", "William Burns", "Ambassador Burns", "William J. Burns"):
        data = run(store, "query($n: String!) { person(name: $n) { name aliases roles } }", n=name)
        assert data["person"] == {
            "name": "William J. Burns",
            "aliases": ["Ambassador Burns", "Burns", "William Burns"],
            "roles": ["Ambassador", "Chief of Mission"],
        }


def test_cable_fields_name_canonical_people(store: Store) -> None:
    data = run(
        store,
        """{ cable(referenceId: "07MOSCOW700") {
        people { name } classifiedBy { name } signedBy { name }
        meetings { participants { name } hosts { name } }
        paragraphs { mentions { text entity { ... on Person { name } } } } } }""",
    )
    cable = data["cable"]
    assert names(cable["people"]) == ["Frank Wisner", "Vladimir Titov", "William J. Burns"]
    assert cable["classifiedBy"] == cable["signedBy"] == {"name": "William J. Burns"}
    assert names(cable["meetings"][0]["participants"]) == names(cable["people"])
    mentions = cable["paragraphs"][0]["mentions"]
    assert [(m["text"], m["entity"]["name"]) for m in mentions] == [
        ("DFM Titov", "Vladimir Titov"),
        ("Wisner", "Frank Wisner"),
    ]


def test_membership_person_is_canonical(store: Store) -> None:
    data = run(store, '{ person(name: "Titov") { memberships { role person { name } } } }')
    assert {(m["role"], m["person"]["name"]) for m in data["person"]["memberships"]} == {
        ("Deputy Foreign Minister", "Vladimir Titov")
    }


def test_node_of_a_linked_id_is_the_canonical_person(store: Store) -> None:
    canonical = global_id("Person", ID + "person/vladimir-titov")
    data = run(
        store,
        "query($id: ID!) { node(id: $id) { id ... on Person { name iri } } }",
        id=global_id("Person", LOCAL_TITOV),
    )
    assert data["node"] == {
        "id": canonical,
        "name": "Vladimir Titov",
        "iri": ID + "person/vladimir-titov",
    }


def test_lists_show_each_person_once(store: Store) -> None:
    data = run(store, "{ people(first: 50) { totalCount nodes { name } } }")
    listed = names(data["people"]["nodes"])
    assert data["people"]["totalCount"] == len(listed) == len(set(listed))
    assert "Vladimir Titov" in listed
    assert "William J. Burns" in listed
    assert not {"Titov", "Wisner", "Burns", "William Burns"} & set(listed)
    # Lavrov of 07PRISTINA55 is linked below the threshold: a person of his own still.
    assert "Lavrov" in listed
    assert "Sergey Lavrov" in listed
    # A name only a linked node has finds the canonical person.
    data = run(store, '{ people(name: "DFM Titov") { totalCount nodes { name } } }')
    assert data["people"] == {"totalCount": 1, "nodes": [{"name": "Vladimir Titov"}]}
    data = run(store, '{ search(text: "titov") { nodes { ... on Person { name } } } }')
    assert [n for n in data["search"]["nodes"] if n] == [{"name": "Vladimir Titov"}]


def test_filters_by_a_full_name_reach_the_linked_nodes(store: Store) -> None:
    data = run(
        store,
        """{ meetings(participant: "Vladimir Titov") { cable { referenceId } }
        cables(where: {person: "Vladimir Titov"}) { nodes { referenceId } } }""",
    )
    assert [m["cable"]["referenceId"] for m in data["meetings"]] == [
        "07MOSCOW628",
        "07MOSCOW700",
        "07MOSCOW627",
    ]
    assert [c["referenceId"] for c in data["cables"]["nodes"]] == [
        "07MOSCOW627",
        "07MOSCOW628",
        "07MOSCOW700",
    ]


def test_same_as_tells_why(store: Store) -> None:
    data = run(
        store,
        """{ titov: person(name: "Vladimir Titov") { sameAs {
          sourceIri sourceName targetName confidence asserted reasons } }
        lavrov: person(name: "Sergey Lavrov") { name sameAs { sourceName confidence asserted } }
        burns: person(name: "Burns") { sameAs { sourceName targetName } } }""",
    )
    assert data["titov"]["sameAs"] == [
        {
            "sourceIri": LOCAL_TITOV,
            "sourceName": "Titov",
            "targetName": "Vladimir Titov",
            "confidence": 0.95,
            "asserted": True,
            "reasons": [
                "cables of the same year (+0.10)",
                "same role: DFM / Deputy Foreign Minister (+0.30)",
                "same surname: Titov / Vladimir Titov",
            ],
        }
    ]
    assert data["lavrov"] == {
        "name": "Sergey Lavrov",
        "sameAs": [{"sourceName": "Lavrov", "confidence": 0.55, "asserted": False}],
    }
    assert {(x["sourceName"], x["targetName"]) for x in data["burns"]["sameAs"]} == {
        ("Burns", "William Burns"),
        ("William Burns", "William J. Burns"),
    }


def test_without_links_nothing_changes() -> None:
    plain = fixture_store()
    data = run(
        plain,
        """{ person(name: "Titov") { name aliases sameAs { confidence } }
        people(first: 50) { totalCount } }""",
    )
    assert data["person"] == {
        "name": "Vladimir Titov",
        "aliases": ["DFM Titov", "Titov"],
        "sameAs": [],
    }
    assert data["people"]["totalCount"] == 9


# -- batching ---------------------------------------------------------------------------


def linked_generated_store(count: int) -> Store:
    """The batching test's cables, each also naming the envoy by surname in a meeting of
    its own, the local node linked to the shared one."""
    store = generated_store(count)
    cables, links = [], []
    for n in range(count):
        c = f"<{ID}cable/07TEST{n}>"
        local = f"<{ID}cable/07TEST{n}/person/envoy>"
        cables.append(
            f"""<{ID}graph/07TEST{n}> {{
              {c} <https://w3id.org/cablegraph/ontology#mentions> {local} .
              {local} a <http://xmlns.com/foaf/0.1/Person> ;
                <http://xmlns.com/foaf/0.1/name> "Envoy" .
              <{ID}cable/07TEST{n}/meeting/0>
                <https://w3id.org/cablegraph/ontology#participant> {local} .
            }}"""
        )
        links.append(f"{local} <http://www.w3.org/2002/07/owl#sameAs> <{ID}person/envoy> .")
    trig = "\n".join(cables) + f"\n<{ID}graph/links> {{ {' '.join(links)} }}"
    store.load(trig.encode(), format="trig")
    return store


@pytest.mark.slow
def test_cluster_resolution_is_batched() -> None:
    store = linked_generated_store(50)
    query = """query($first: Int!) { cables(first: $first, orderBy: REFERENCE_ID) { nodes {
      referenceId
      people { name aliases roles cables { referenceId } metWith { name } }
      meetings { participants { name aliases } }
      paragraphs { mentions { entity { ... on Person { name } } } }
    } } }"""
    five, _ = queries_for(store, query, first=5)
    fifty, data = queries_for(store, query, first=50)
    # The envoy's cluster spans every cable, so a short page has more of it (and of the
    # people the envoy met) left to fetch: fewer cables may cost more, never the reverse.
    assert fifty <= five <= 20, f"{five} queries for 5 cables but {fifty} for 50"
    node = {c["referenceId"]: c for c in data["cables"]["nodes"]}["07TEST7"]
    assert names(node["people"]) == ["Official 7", "Special Envoy"]
    assert names(node["meetings"][0]["participants"]) == ["Official 7", "Special Envoy"]
    envoy = node["people"][1]
    assert envoy["aliases"] == ["Envoy"]
    assert len(envoy["cables"]) == 50


def test_person_lists_with_links_batch_too() -> None:
    store = linked_generated_store(50)
    query = """query($first: Int!) { people(first: $first) { totalCount nodes {
        name aliases roles cables { referenceId } metWith { name } kv: metWith(topic: "T1") { name }
        meetings { date } sameAs { confidence }
    } } }"""
    few, _ = queries_for(store, query, first=5)
    many, data = queries_for(store, query, first=51)
    assert data["people"]["totalCount"] == 51  # 50 officials and the envoy, once
    assert many <= few <= 20


# -- the seed page, ingested and linked -------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Store:
    store = Store()
    ingest([str(SEED)], store)
    relink(store)
    return store


def test_seed_who_met_wisner_about_kosovo(seed: Store) -> None:
    data = run(
        seed,
        '{ meetings(participant: "Wisner", topic: "Kosovo") { participants { name } } }',
    )
    assert data["meetings"]
    met: set[str] = set()
    for meeting in data["meetings"]:
        listed = names(meeting["participants"])
        assert len(listed) == len(set(listed)), listed
        assert "Frank Wisner" in listed
        met |= set(listed) - {"Frank Wisner"}
    assert WISNER_MET <= met <= WISNER_MET | {"William J. Burns"}
    for surname in ("Titov", "Wisner", "Burns"):
        assert surname not in met
    for other in (
        "Ahtisaari",
        "Milosevic",
        "Ceku",
        "Tadic",
        "Putin",
        "Merkel",
        "Churkin",
        "Lavrov",
    ):
        assert not any(other in name for name in met), other


def test_seed_person_titov(seed: Store) -> None:
    data = run(
        seed,
        """{ person(name: "Titov") {
        name cables { referenceId } metWith(topic: "Kosovo") { name } } }""",
    )
    person = data["person"]
    assert person["name"] == "Vladimir Titov"
    assert {"07MOSCOW627", "07MOSCOW628"} <= {c["referenceId"] for c in person["cables"]}
    met = names(person["metWith"])
    assert "Frank Wisner" in met
    assert "Wisner" not in met


def test_seed_cable_shows_canonical_names(seed: Store) -> None:
    data = run(
        seed,
        """{ cable(referenceId: "07MOSCOW628") {
        people { name aliases roles }
        meetings { participants { name } date status topics { label } } } }""",
    )
    people = {p["name"]: p for p in data["cable"]["people"]}
    assert "Vladimir Titov" in people
    assert "Titov" not in people
    assert "Titov" in people["Vladimir Titov"]["aliases"]
    assert "Deputy Foreign Minister" in people["Vladimir Titov"]["roles"]
    assert len(people) == len(data["cable"]["people"])
    listed = {n for m in data["cable"]["meetings"] for n in names(m["participants"])}
    assert "Vladimir Titov" in listed
    assert not {"Titov", "Wisner"} & listed
