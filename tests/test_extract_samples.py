"""Extraction on cables from other posts and decades (the bundled sample), checked by reading."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.extract import extract
from kg.model import Cable, Extraction, RawRecord
from kg.parse import parse
from kg.sources import expand, read


@pytest.fixture(scope="module")
def cables(sample_dir: Path) -> dict[str, Cable]:
    found: dict[str, Cable] = {}
    for path in expand([str(sample_dir)]):
        if Path(path).name == "manifest.csv":
            continue
        for record in read(path):
            if isinstance(record, RawRecord):
                cable = parse(record)
                found[cable.reference_id] = cable
    return found


@pytest.fixture(scope="module")
def extractions(cables: dict[str, Cable]) -> dict[str, Extraction]:
    return {ref: extract(cable) for ref, cable in cables.items()}


def _people(extraction: Extraction) -> dict[str, str]:
    return {e.name: e.key for e in extraction.of_kind("person")}


def _participants(extraction: Extraction) -> list[set[str]]:
    return [
        {extraction.entity(k).name for k in m.participants if k.startswith("person:")}
        for m in extraction.meetings
    ]


def test_ambassador_called_on_the_foreign_minister(extractions: dict[str, Extraction]) -> None:
    riga = extractions["08RIGA472"]
    people = _people(riga)
    assert "Riekstins" in people  # the usual spelling, not the one-off "Rieskstins"
    assert "Rieskstins" in riga.entity(people["Riekstins"]).aliases
    call = next(m for m in riga.meetings if people["Riekstins"] in m.participants)
    assert call.status == "held"
    assert call.date == date(2008, 8, 12)
    assert people["Charles W. Larson, Jr."] in call.participants  # "Ambassador and A/DCM"


def test_capitals_of_1972(extractions: dict[str, Extraction]) -> None:
    tehran = extractions["72TEHRAN5055"]
    people = _people(tehran)
    assert {"Said Taheri", "Jaffarqoli Sadri"} <= set(people)
    meetings = [m for m in tehran.meetings if people["Jaffarqoli Sadri"] in m.participants]
    assert [m.date for m in meetings] == [date(1972, 8, 17)]
    assert people["Said Taheri"] not in meetings[0].participants  # the murdered general
    organizations = {e.name for e in tehran.of_kind("organization")}
    assert {"SAVAK", "National Iranian Oil Company"} <= organizations


def test_contacts_and_the_posts_officers(extractions: dict[str, Extraction]) -> None:
    london = extractions["09LONDON2649"]
    mann = london.entity(_people(london)["Alice Mann"])
    assert "Deputy Head" in {r.title for r in mann.roles}
    assert any("Alice Mann" in names for names in _participants(london))
    lima = extractions["06LIMA1452"]
    breakfast = next(m for m in lima.meetings if m.kind == "breakfast")
    assert breakfast.date == date(2006, 4, 12)
    names = {lima.entity(k).name for k in breakfast.participants}
    assert {"Jorge del Castillo", "Alexander Margulies"} <= names  # "Polcouns" = Classified By


def test_ambassador_and_dcm_by_role(extractions: dict[str, Extraction]) -> None:
    sanaa = extractions["05SANAA923"]
    assert {"Ali Abdallah Saleh", "Krajeski", "Nabeel Khoury"} in _participants(sanaa)


def test_routing_instructions(extractions: dict[str, Extraction]) -> None:
    baghdad = extractions["04BAGHDAD586"]
    assert "Likens" in _people(baghdad)  # "STATE FOR NEA/I, PM DAS LIKENS, PMAT"
    assert "NEA/I" in {e.name for e in baghdad.of_kind("organization")}


def test_memorandum_of_conversation(extractions: dict[str, Extraction]) -> None:
    memcon = extractions["08STATE100219"]
    first = _participants(memcon)[0]
    # Rice by her full name: the person tag (OVIP, RICE, CONDOLEEZZA) names her.
    assert {"Condoleezza Rice", "Jorge Dezcallar", "Jose Pascual Marco", "Nerissa Cook"} <= first
    assert memcon.meetings[0].date == date(2008, 9, 16)


def test_every_sample_cable_extracts(
    cables: dict[str, Cable], extractions: dict[str, Extraction]
) -> None:
    assert len(extractions) >= 30
    for ref, extraction in extractions.items():
        paragraphs = cables[ref].paragraphs
        for mention in extraction.mentions:
            if mention.field == "paragraph":
                assert mention.paragraph is not None
                text = paragraphs[mention.paragraph].text
                assert text[mention.start : mention.end] == mention.text, (ref, mention)
            elif mention.field == "header":
                assert cables[ref].body[mention.start : mention.end] == mention.text
        keys = {e.key for e in extraction.entities}
        assert len(keys) == len(extraction.entities)
        for meeting in extraction.meetings:
            assert set(meeting.participants) <= keys
            assert meeting.topics == tuple(dict.fromkeys(meeting.topics))
