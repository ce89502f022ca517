"""Extraction on the seed page: the four Moscow cables of 2007-02-13."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.extract import extract
from kg.model import Cable, Extraction, RawRecord
from kg.parse import parse
from kg.sources import read
from tests.seed_answers import TALKED_ABOUT, WISNER_MET


@pytest.fixture(scope="module")
def cables(seed_path: Path) -> dict[str, Cable]:
    found: dict[str, Cable] = {}
    for record in read(seed_path):
        assert isinstance(record, RawRecord)
        cable = parse(record)
        found[cable.reference_id] = cable
    return found


@pytest.fixture(scope="module")
def extractions(cables: dict[str, Cable]) -> dict[str, Extraction]:
    return {ref: extract(cable) for ref, cable in cables.items()}


def _names(extraction: Extraction, keys: tuple[str, ...]) -> set[str]:
    return {extraction.entity(k).name for k in keys}


def _person(extraction: Extraction, name: str) -> str:
    for entity in extraction.of_kind("person"):
        if entity.name == name:
            return entity.key
    raise AssertionError(f"{name} not found among {[e.name for e in extraction.of_kind('person')]}")


def _wisner_meetings_on_kosovo(extraction: Extraction) -> list[set[str]]:
    found = []
    for meeting in extraction.meetings:
        names = _names(extraction, meeting.participants)
        topics = {extraction.entity(k).name for k in meeting.topics}
        if any(n.endswith("Wisner") for n in names) and "Kosovo" in topics:
            found.append(names)
    return found


def test_who_met_wisner_about_kosovo(extractions: dict[str, Extraction]) -> None:
    met: set[str] = set()
    for ref in ("07MOSCOW627", "07MOSCOW628"):
        for names in _wisner_meetings_on_kosovo(extractions[ref]):
            met |= {n for n in names if not n.endswith("Wisner")}
    assert met >= WISNER_MET
    assert not met & set(TALKED_ABOUT)
    # 628 names the deputy minister only as "DFM Titov": a surname local to that cable
    assert met - WISNER_MET <= {"William J. Burns", "Titov"}


def test_meeting_dates(extractions: dict[str, Extraction]) -> None:
    x628, x627 = extractions["07MOSCOW628"], extractions["07MOSCOW627"]
    margelov = _person(x628, "Mikhail Margelov")
    assert [m.date for m in x628.meetings if margelov in m.participants] == [date(2007, 2, 9)]
    titov = _person(x627, "Vladimir Titov")
    dinner = [m for m in x627.meetings if titov in m.participants]
    assert [m.date for m in dinner] == [date(2007, 2, 8)]
    assert dinner[0].kind == "dinner"
    assert dinner[0].status == "held"


def test_the_ambassador_is_the_chief_of_mission(extractions: dict[str, Extraction]) -> None:
    x628 = extractions["07MOSCOW628"]
    burns = _person(x628, "William J. Burns")
    kosachev = _person(x628, "Konstantin Kosachev")
    meeting = next(m for m in x628.meetings if kosachev in m.participants)
    assert burns in meeting.participants  # "Wisner and the Ambassador underscored" (para 6)
    lunch = next(m for m in x628.meetings if m.kind == "lunch")
    assert lunch.host == burns


def test_surnames_and_titles(extractions: dict[str, Extraction]) -> None:
    x626 = extractions["07MOSCOW626"]
    people = {e.name: e for e in x626.of_kind("person")}
    assert {"Popov", "Nesterushkin", "Alice G. Wells"} <= set(people)
    assert people["Popov"].global_id is None
    assert people["Alice G. Wells"].global_id == "Alice G. Wells"
    x628 = extractions["07MOSCOW628"]
    names = {e.name for e in x628.of_kind("person")}
    assert "Titov" in names  # 628 gives no full name: the surname stays local to the cable
    assert {"Aleksey Arbatov", "Nadia Arbatova"} <= names


def test_roles(extractions: dict[str, Extraction]) -> None:
    x627, x628 = extractions["07MOSCOW627"], extractions["07MOSCOW628"]
    titov = x627.entity(_person(x627, "Vladimir Titov"))
    assert "Deputy Foreign Minister" in {r.title for r in titov.roles}
    kosachev = x628.entity(_person(x628, "Konstantin Kosachev"))
    chair = next(r for r in kosachev.roles if r.title == "Chairman")
    assert chair.organization is not None
    assert "Duma" in x628.entity(chair.organization).name
    primakov = x628.entity(_person(x628, "Yevgeniy Primakov"))
    organizations = {x628.entity(r.organization).name for r in primakov.roles if r.organization}
    assert "Russian Chamber of Commerce and Industry" in organizations
    burns = x628.entity(_person(x628, "William J. Burns"))
    assert "Ambassador" in {r.title for r in burns.roles}


def test_portuguese_ambassador_and_a_reported_meeting(extractions: dict[str, Extraction]) -> None:
    x629 = extractions["07MOSCOW629"]
    held = [m for m in x629.meetings if m.status == "held"]
    assert len(held) == 1
    assert _names(x629, held[0].participants) == {"William J. Burns", "Curto"}
    assert held[0].date == date(2007, 2, 13)
    reported = [m for m in x629.meetings if m.status == "reported"]
    assert [_names(x629, m.participants) for m in reported] == [{"Lavrov"}]
    gop = next(e for e in x629.of_kind("organization") if e.code == "GOP")
    assert gop.name == "Government of Portugal"


def test_places_and_topics(extractions: dict[str, Extraction]) -> None:
    x628 = extractions["07MOSCOW628"]
    places = {e.name: e for e in x628.of_kind("place")}
    assert places["Serbia"].code == "RI"
    assert places["Russia"].global_id == "RS"
    assert places["Abkhazia"].country == "GG"
    topics = {(e.scheme, e.code) for e in x628.of_kind("topic")}
    assert {("subject", "PREL"), ("subject", "PGOV"), ("geo", "RS")} <= topics
    prel = next(e for e in x628.of_kind("topic") if e.code == "PREL")
    assert prel.name == "External Political Relations"


def test_mentions_point_at_their_text(
    cables: dict[str, Cable], extractions: dict[str, Extraction]
) -> None:
    for ref, extraction in extractions.items():
        cable = cables[ref]
        keys = {e.key for e in extraction.entities}
        for mention in extraction.mentions:
            assert mention.entity in keys
            if mention.field == "paragraph":
                assert mention.paragraph is not None
                text = cable.paragraphs[mention.paragraph].text
                assert text[mention.start : mention.end] == mention.text
        for meeting in extraction.meetings:
            assert set(meeting.participants) <= keys


def test_deterministic(cables: dict[str, Cable]) -> None:
    for cable in cables.values():
        assert extract(cable) == extract(cable)


def test_encounters_told_separately(extractions: dict[str, Extraction]) -> None:
    """ "We approached ... Popov and, separately, ... Nesterushkin": two demarches."""
    x626 = extractions["07MOSCOW626"]
    people = [
        sorted(x626.entity(k).name for k in m.participants if k.startswith("person:"))
        for m in x626.meetings
    ]
    assert sorted(people) == [["Nesterushkin"], ["Popov"]]
    assert all(m.kind == "demarche" and m.status == "held" for m in x626.meetings)
