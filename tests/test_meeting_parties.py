"""Meeting participants are people: the sides of a meeting that are no person (the post
whose unnamed officers were there, a redacted contact) are its parties, apart in the
extraction (``Meeting.parties``), in RDF (``kg:party``), in the shapes and in GraphQL
(``Meeting.parties``); ``kg eval`` scores pairs of people only and ignores them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.evaluate.gold import gold_from_dict
from kg.evaluate.scoring import score
from kg.extract import extract
from kg.model import Entity, Extraction, Meeting
from kg.rdf.mapping import graph_iri, triples
from kg.rdf.vocabulary import KG
from kg.store import Store
from kg.validate import validate
from tests.builders import IRIS, handmade_cable, handmade_extraction, run_graphql
from tests.handmade import hand_cable

AMMAN = {"origin": "Embassy Amman", "created": datetime(2008, 6, 10)}
FOAF_PERSON = ox.NamedNode("http://xmlns.com/foaf/0.1/Person")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


# -- extraction ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    name: str
    texts: tuple[str, ...]
    people: tuple[str, ...]  # the participants' names, in order
    parties: tuple[tuple[str, str | None], ...]  # each party's name and subtype
    fields: dict[str, Any]


ROWS = (
    Row(
        "officers-are-the-post",
        ("PolOff met with Interior Minister Karim Haddad on March 4 to discuss refugees.",),
        ("Karim Haddad",),
        (("Embassy Amman", "post"),),
        AMMAN,
    ),
    Row(
        "named-officer-and-unnamed-one",
        (
            "On June 3, Ambassador Ellen Marsh and PolCouns met with Deputy Foreign Minister "
            "Ivo Kraus.",
        ),
        ("Ellen Marsh", "Ivo Kraus"),
        (("Embassy Amman", "post"),),
        AMMAN,
    ),
    Row(
        "redacted-contact",
        ("Poloff met with XXXXXXXXXXXX on May 2 in Irbid.",),
        (),
        (("Embassy Amman", "post"), ("redacted source", "redacted")),
        AMMAN,
    ),
    Row(
        "the-post-the-text-names",
        (
            "PolOff met with Planning Minister Salma Nasser on May 20. Nasser asked that "
            "Embassy Amman pass her thanks to Washington.",
        ),
        ("Salma Nasser",),
        (("Embassy Amman", "post"),),
        AMMAN,
    ),
    Row(
        "people-only",
        ("Deputy Foreign Minister Ivo Kraus met Ambassador Ellen Marsh on June 3.",),
        ("Ivo Kraus", "Ellen Marsh"),
        (),
        AMMAN,
    ),
    Row(
        "action-request",
        (
            "Embassy Amman is requested to deliver the points in paragraph 3 to Foreign "
            "Minister Omar Saleh no later than June 16 and report the response.",
        ),
        ("Omar Saleh",),
        (("Embassy Amman", "post"),),
        {"origin": "Secretary of State", "created": datetime(2008, 6, 10), "signature": "RICE"},
    ),
)


def _sides(x: Extraction, meeting: Meeting) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    people = tuple(x.entity(k).name for k in meeting.participants)
    parties = tuple((x.entity(k).name, x.entity(k).subtype) for k in meeting.parties)
    return people, parties


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_participants_are_people_and_the_rest_are_parties(row: Row) -> None:
    x = extract(hand_cable(*row.texts, **row.fields))
    found = [_sides(x, m) for m in x.meetings]
    assert (row.people, row.parties) in found, found
    _check_invariants(x)


def _check_invariants(x: Extraction) -> None:
    kinds = {e.key: e.kind for e in x.entities}
    for meeting in x.meetings:
        assert all(kinds[k] == "person" for k in meeting.participants), meeting
        assert all(kinds[k] != "person" for k in meeting.parties), meeting
        assert len(meeting.participant_rules) == len(meeting.participants)
        assert len(meeting.party_rules) == len(meeting.parties)
        assert meeting.participants or meeting.parties


def _bundled(seed_path: Path, sample_dir: Path) -> list[Any]:
    import kg.sources
    from kg.errors import RecordError
    from kg.ingest.compose import parse
    from kg.model import RawRecord

    cables = []
    for record in kg.sources.read_all([str(seed_path), str(sample_dir)]):
        if not isinstance(record, RawRecord):
            continue
        try:
            cables.append(parse(record))
        except RecordError:
            continue
    return cables


def test_no_bundled_cable_has_a_participant_that_is_no_person(
    seed_path: Path, sample_dir: Path
) -> None:
    parties = 0
    for cable in _bundled(seed_path, sample_dir):
        x = extract(cable)
        _check_invariants(x)
        parties += sum(len(m.parties) for m in x.meetings)
    assert parties, "the bundled cables have meetings with the post's officers"


# -- RDF and shapes -----------------------------------------------------------------------

POST = Entity("org:post-officers", "organization", "Embassy Moscow", subtype="post")
REDACTED = Entity("org:redacted-source", "organization", "redacted source", subtype="redacted")


def _with_parties(*parties: Entity) -> Extraction:
    x = handmade_extraction()
    meeting = replace(
        x.meetings[0],
        parties=tuple(p.key for p in parties),
        party_rules=tuple("participant.officers" for _ in parties),
    )
    return replace(x, entities=(*x.entities, *parties), meetings=(meeting, *x.meetings[1:]))


def _objects(graph: list[ox.Triple], predicate: ox.NamedNode) -> set[str]:
    return {t.object.value for t in graph if t.predicate == predicate}


def test_parties_are_kg_party_and_never_participants() -> None:
    graph = triples(handmade_cable(), _with_parties(POST, REDACTED), iris=IRIS)
    parties = _objects(graph, ox.NamedNode(str(KG.party)))
    assert parties == {
        IRIS.post("Embassy Moscow"),
        IRIS.organization(None, reference_id="07MOSCOW999", local=REDACTED.key),
    }
    people = {t.subject.value for t in graph if t.predicate == RDF_TYPE and t.object == FOAF_PERSON}
    participants = _objects(graph, ox.NamedNode(str(KG.participant)))
    assert participants
    assert participants <= people
    assert not parties & people
    assert validate(graph).conforms


def test_the_shapes_refuse_a_post_as_participant_and_a_person_as_party() -> None:
    graph = triples(handmade_cable(), _with_parties(POST), iris=IRIS)
    party, participant = ox.NamedNode(str(KG.party)), ox.NamedNode(str(KG.participant))
    as_participant = [
        ox.Triple(t.subject, participant, t.object) if t.predicate == party else t for t in graph
    ]
    conforms, report = validate(as_participant)
    assert not conforms
    assert "a post or a group is a kg:party" in report
    person = next(t.object for t in graph if t.predicate == participant)
    meeting = next(t.subject for t in graph if t.predicate == participant)
    conforms, report = validate([*graph, ox.Triple(meeting, party, person)])
    assert not conforms
    assert "never a person" in report


def test_a_meeting_of_parties_alone_conforms() -> None:
    x = _with_parties(POST, REDACTED)
    alone = replace(x.meetings[0], participants=(), participant_rules=())
    graph = triples(handmade_cable(), replace(x, meetings=(alone,)), iris=IRIS)
    assert validate(graph).conforms
    meeting = ox.NamedNode(IRIS.meeting("07MOSCOW999", 0))
    bare = [t for t in graph if not (t.subject == meeting and t.predicate.value == str(KG.party))]
    conforms, _ = validate(bare)
    assert not conforms, "a meeting with neither participant nor party"


# -- GraphQL ------------------------------------------------------------------------------

MEETINGS = """{ meetings { iri participants { iri name } hosts { iri }
  parties { __typename iri name ... on Post { routingIndicator } } } }"""


def test_graphql_participants_are_people_and_the_post_is_a_party(seed_store: Store) -> None:
    meetings = run_graphql(seed_store, MEETINGS)["meetings"]
    assert meetings
    for meeting in meetings:
        assert all("/person/" in p["iri"] for p in meeting["participants"]), meeting
        assert all(p["__typename"] in ("Post", "Organization") for p in meeting["parties"])
    parties = {(p["__typename"], p["name"]) for m in meetings for p in m["parties"]}
    assert ("Post", "Embassy Moscow") in parties


def test_graphql_reads_a_post_written_as_participant_as_a_party() -> None:
    """A graph written before parties had a property of their own named the post's
    officers as kg:participant: the API still gives people as participants."""
    cable, x = handmade_cable(), _with_parties(POST)
    graph = triples(cable, x, iris=IRIS)
    party, participant = ox.NamedNode(str(KG.party)), ox.NamedNode(str(KG.participant))
    old = [
        ox.Triple(t.subject, participant, t.object) if t.predicate == party else t for t in graph
    ]
    store = Store(iris=IRIS)
    store.replace_graph(graph_iri(cable, IRIS), old)
    (meeting, *_) = run_graphql(store, MEETINGS)["meetings"]
    assert [p["name"] for p in meeting["parties"]] == ["Embassy Moscow"]
    assert all("/person/" in p["iri"] for p in meeting["participants"])
    assert len(meeting["participants"]) == 2


def test_graphql_party_interface_names_itself(seed_store: Store) -> None:
    data = run_graphql(
        seed_store, '{ cable(referenceId: "07MOSCOW626") { meetings { parties { name } } } }'
    )
    names = {p["name"] for m in data["cable"]["meetings"] for p in m["parties"]}
    assert names == {"Embassy Moscow"}


# -- kg eval ------------------------------------------------------------------------------


def test_eval_scores_people_pairs_and_ignores_parties() -> None:
    gold = gold_from_dict(
        {
            "reference_id": "07MOSCOW999",
            "source": "hand/made.txt",
            "people": [{"name": "Vladimir Titov"}, {"name": "Frank Wisner"}],
            "meetings": [{"participants": ["Vladimir Titov", "Frank Wisner"], "status": "held"}],
        }
    )
    plain = handmade_extraction()
    with_parties = _with_parties(POST, REDACTED)
    assert score(gold, with_parties).pairs == score(gold, plain).pairs
    assert score(gold, with_parties).who_met == score(gold, plain).who_met


def test_a_party_has_no_mention_to_score() -> None:
    x = extract(hand_cable("Poloff met with XXXXXXXXXXXX on May 2 in Irbid.", **AMMAN))
    parties = {k for m in x.meetings for k in m.parties}
    mentioned = {m.entity for m in x.mentions}
    assert parties
    assert not parties & mentioned


# -- the explorer -------------------------------------------------------------------------


def test_the_explorer_shows_the_post_as_a_party_of_its_meetings(seed_store: Store) -> None:
    from api.explorer import reads, views

    post = seed_store.iris.post("Embassy Moscow")
    found = reads.entity(seed_store, post, "post")
    assert found.meetings, "the post's page lists the meetings it was a party to"
    assert all(post in {r.iri for r in m.parties} for m in found.meetings)
    assert not any(post in {r.iri for r in m.participants} for m in found.meetings)
    meeting = found.meetings[0]
    page = views.entity(reads.entity(seed_store, meeting.iri, "meeting"), seed_store.iris)
    assert '<th scope="row">Parties</th>' in page
    assert "Embassy Moscow</a>" in page


def test_graphql_met_with_gives_people_never_a_post(seed_store: Store) -> None:
    data = run_graphql(seed_store, "{ meetings { participants { name metWith { iri } } } }")
    met = {p["iri"] for m in data["meetings"] for x in m["participants"] for p in x["metWith"]}
    assert met
    assert not [iri for iri in met if "/person/" not in iri]
