"""The GraphQL schema against hand-written fixture data: the contract fields, the
question shapes researchers ask (who met Wisner about Kosovo), and the extensions a
frontend builds on (Relay lists, filters, node IDs, mentions)."""

from __future__ import annotations

import datetime as dt

import pytest

from api.graphql import schema
from kg.store import Store
from tests.builders import run_graphql

pytestmark = pytest.mark.store("graphql")


# -- the contract -----------------------------------------------------------------------


def test_cable_scalar_fields(store: Store) -> None:
    data = run_graphql(
        store,
        """{ cable(referenceId: "07MOSCOW628") {
        referenceId subject created classification origin } }""",
    )
    assert data["cable"] == {
        "referenceId": "07MOSCOW628",
        "subject": "KOSOVO: RUSSIAN VIEWS AHEAD OF STATUS PROPOSAL",
        "created": "2007-02-13T14:39:00",
        "classification": "CONFIDENTIAL",
        "origin": "Embassy Moscow",  # the release's form, not "AMEMBASSY MOSCOW"
    }
    assert dt.datetime.fromisoformat(data["cable"]["created"])


def test_cable_lookup_is_forgiving_and_null_when_absent(store: Store) -> None:
    found = run_graphql(store, '{ cable(referenceId: " 07moscow627 ") { referenceId } }')
    assert found["cable"] == {"referenceId": "07MOSCOW627"}
    absent = run_graphql(store, '{ cable(referenceId: "99NOWHERE1") { referenceId } }')
    assert absent["cable"] is None


def test_cable_classification_as_stated(store: Store) -> None:
    data = run_graphql(store, '{ cable(referenceId: "07MOSCOW627") { classification origin } }')
    assert data["cable"] == {"classification": "SECRET//NOFORN", "origin": "Embassy Moscow"}


def test_cable_tags(store: Store) -> None:
    data = run_graphql(store, '{ cable(referenceId: "07MOSCOW628") { tags { code label } } }')
    assert data["cable"]["tags"] == [
        {"code": "KV", "label": "Kosovo"},
        {"code": "PGOV", "label": "Internal Governmental Affairs"},
        {"code": "PREL", "label": "External Political Relations"},
        {"code": "RS", "label": "Russia"},
    ]


def test_cable_paragraphs_in_order(store: Store) -> None:
    data = run_graphql(
        store,
        """{ cable(referenceId: "07MOSCOW628") {
        paragraphs { number classification text } } }""",
    )
    paragraphs = data["cable"]["paragraphs"]
    assert [p["number"] for p in paragraphs] == [1, 2, 3]
    assert [p["classification"] for p in paragraphs] == ["C", "C", "S"]
    assert paragraphs[1]["text"].startswith("On February 12 Special Envoy Frank Wisner")


def test_cable_people_and_organizations(store: Store) -> None:
    data = run_graphql(
        store,
        """{ cable(referenceId: "07MOSCOW628") {
        people { name } organizations { name aliases } } }""",
    )
    assert [p["name"] for p in data["cable"]["people"]] == [
        "Frank Wisner",
        "Sergey Lavrov",
        "Vladimir Titov",
    ]
    assert data["cable"]["organizations"] == [
        {"name": "Ministry of Foreign Affairs", "aliases": ["Russian MFA"]}
    ]


def test_cable_meetings(store: Store) -> None:
    data = run_graphql(
        store,
        """{ cable(referenceId: "07MOSCOW628") { meetings {
        date status participants { name } topics { code label } cable { referenceId }
        paragraphs { number } } } }""",
    )
    assert data["cable"]["meetings"] == [
        {
            "date": "2007-02-12",
            "status": "held",
            "participants": [{"name": "Frank Wisner"}, {"name": "Vladimir Titov"}],
            "topics": [{"code": None, "label": "Kosovo"}],
            "cable": {"referenceId": "07MOSCOW628"},
            "paragraphs": [{"number": 2}],
        },
        {
            "date": "2007-02-20",
            "status": "planned",
            "participants": [{"name": "Frank Wisner"}, {"name": "Sergey Lavrov"}],
            "topics": [{"code": "KV", "label": "Kosovo"}],
            "cable": {"referenceId": "07MOSCOW628"},
            "paragraphs": [{"number": 3}],
        },
    ]


@pytest.mark.parametrize(
    "name", ["Vladimir Titov", "vladimir titov", "Titov", "TITOV", "DFM Titov"]
)
def test_person_by_full_name_surname_or_alias(store: Store, name: str) -> None:
    data = run_graphql(store, "query($n: String!) { person(name: $n) { name } }", n=name)
    assert data["person"] == {"name": "Vladimir Titov"}


def test_person_fields(store: Store) -> None:
    data = run_graphql(
        store,
        """{ person(name: "Titov") {
        name aliases roles cables { referenceId } metWith { name } } }""",
    )
    assert data["person"] == {
        "name": "Vladimir Titov",  # the fullest form, though one graph also says "Titov"
        "aliases": ["DFM Titov", "Titov"],
        "roles": ["Deputy Foreign Minister"],
        "cables": [{"referenceId": "07MOSCOW627"}, {"referenceId": "07MOSCOW628"}],
        "metWith": [{"name": "Daniel Fried"}, {"name": "Frank Wisner"}],
    }


def test_person_absent_is_null(store: Store) -> None:
    assert run_graphql(store, '{ person(name: "Nobody Atall") { name } }')["person"] is None


def test_met_with_topic(store: Store) -> None:
    data = run_graphql(
        store,
        """{ person(name: "Titov") {
        kosovo: metWith(topic: "Kosovo") { name }
        abkhazia: metWith(topic: "abkhazia") { name } } }""",
    )
    assert data["person"]["kosovo"] == [{"name": "Frank Wisner"}]
    assert data["person"]["abkhazia"] == [{"name": "Daniel Fried"}]


def test_who_met_wisner_about_kosovo(store: Store) -> None:
    """Free topic "Kosovo", the TAGS concept KV and the place Kosovo all count."""
    data = run_graphql(
        store,
        """{ meetings(participant: "Wisner", topic: "Kosovo") {
        date status participants { name } cable { referenceId } } }""",
    )
    assert data["meetings"] == [
        {
            "date": "2007-02-12",
            "status": "held",
            "cable": {"referenceId": "07MOSCOW628"},
            "participants": [{"name": "Frank Wisner"}, {"name": "Vladimir Titov"}],
        },
        {
            "date": "2007-02-19",
            "status": "held",
            "cable": {"referenceId": "07PRISTINA55"},
            "participants": [{"name": "Agim Ceku"}, {"name": "Frank Wisner"}],
        },
        {
            "date": "2007-02-20",
            "status": "planned",
            "cable": {"referenceId": "07MOSCOW628"},
            "participants": [{"name": "Frank Wisner"}, {"name": "Sergey Lavrov"}],
        },
    ]


@pytest.mark.parametrize(
    ("participant", "topic", "count"),
    [
        ("frank wisner", "KV", 2),  # the TAGS code and the place's FIPS code, not free "Kosovo"
        ("WISNER", "kosovo", 3),
        ("Titov", None, 2),
        (None, "Abkhazia", 1),
        ("Fried", "Kosovo", 0),
        (None, None, 4),
    ],
)
def test_meetings_filters(
    store: Store, participant: str | None, topic: str | None, count: int
) -> None:
    data = run_graphql(
        store,
        "query($p: String, $t: String) { meetings(participant: $p, topic: $t) { date } }",
        p=participant,
        t=topic,
    )
    assert len(data["meetings"]) == count


def test_user_input_is_bound_not_pasted(store: Store) -> None:
    hostile = '" } } SELECT * WHERE { ?s ?p ?o } #'
    data = run_graphql(
        store,
        """query($x: String!) { person(name: $x) { name }
        meetings(participant: $x, topic: $x) { date } cable(referenceId: $x) { subject } }""",
        x=hostile,
    )
    assert data == {"person": None, "meetings": [], "cable": None}


# -- the exported schema ----------------------------------------------------------------


def test_committed_sdl_matches_schema() -> None:
    from api.graphql import SDL_PATH, export_sdl

    assert SDL_PATH.read_text(encoding="utf-8") == export_sdl(), (
        "api/schema.graphql is stale: run python -c "
        "'from api.graphql import export_sdl, SDL_PATH; SDL_PATH.write_text(export_sdl())'"
    )


def test_contract_fields_exist() -> None:
    """The fields outside tools rely on, with their exact names and types."""
    sdl = schema.as_str()
    for line in [
        "cable(referenceId: String!): Cable",
        "person(name: String!): Person",
        "meetings(participant: String = null, topic: String = null): [Meeting!]!",
        "referenceId: String!",
        "subject: String",
        "created: DateTime",
        "classification: String",
        "origin: String",
        "tags: [Topic!]!",
        "paragraphs: [Paragraph!]!",
        "people: [Person!]!",
        "organizations: [Organization!]!",
        "meetings: [Meeting!]!",
        "date: Date",
        "status: String",
        "participants: [Person!]!",
        "topics: [Topic!]!",
        "cable: Cable!",
        "name: String!",
        "aliases: [String!]!",
        "roles: [String!]!",
        "cables: [Cable!]!",
        "metWith(topic: String = null): [Person!]!",
        "number: Int",
        "text: String!",
        "code: String",
        "label: String!",
    ]:
        assert line in sdl, line


def test_person_prefers_the_identified_person_to_a_surname_only_one(store: Store) -> None:
    # 07PRISTINA55 names a "Lavrov" it cannot identify: its foaf:name is exactly "Lavrov".
    assert run_graphql(store, '{ person(name: "Lavrov") { name } }')["person"] == {
        "name": "Sergey Lavrov"
    }
