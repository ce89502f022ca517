"""Extraction rules on small cables written for the purpose: one genre convention each."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from kg.extract import extract
from kg.extract.dates import find_dates, relative_day
from kg.model import Cable, ClassifiedBy, Extraction
from tests.handmade import hand_cable


def _cable(*texts: str, **fields: Any) -> Cable:
    """A 2007 Moscow cable unless ``fields`` say otherwise."""
    return hand_cable(*texts, **fields)


def _people(extraction: Extraction) -> dict[str, str]:
    return {e.name: e.key for e in extraction.of_kind("person")}


def _met(extraction: Extraction) -> list[set[str]]:
    return [
        {extraction.entity(k).name for k in m.participants if k.startswith("person:")}
        for m in extraction.meetings
    ]


BURNS = ClassifiedBy("Ambassador William J. Burns: 1.4 (b, d).", "William J. Burns", "Ambassador")


def test_titles_appositions_and_given_names() -> None:
    x = extract(
        _cable(
            "DFM Titov met Ambassador Burns. Mikhail Margelov, Chairman of the Federation "
            "Council's International Affairs Committee, said he agreed. Nadia Arbatova spoke too.",
            classified_by=BURNS,
        )
    )
    people = _people(x)
    assert {"Titov", "Mikhail Margelov", "Nadia Arbatova", "William J. Burns"} <= set(people)
    titov = x.entity(people["Titov"])
    assert titov.global_id is None  # a surname alone stays local to the cable
    assert [r.title for r in titov.roles] == ["Deputy Foreign Minister"]
    assert x.entity(people["Mikhail Margelov"]).global_id == "Mikhail Margelov"


def test_similar_names_stay_apart() -> None:
    x = extract(
        _cable(
            "Aleksey Arbatov, Director of the Center for International Security, and Nadia "
            "Arbatova, Director of Research, spoke. Arbatov said the Duma would act."
        )
    )
    people = _people(x)
    assert {"Aleksey Arbatov", "Nadia Arbatova"} <= set(people)
    assert "Arbatov" in x.entity(people["Aleksey Arbatov"]).aliases
    assert "Arbatov" not in people


def test_not_people() -> None:
    x = extract(
        _cable(
            "The Duma and the Security Council met in Lisbon. XXXXXXXXXXXX said UNSCR 1244 "
            "applies. Hostilities would break out. The Djiboutians agreed. Mother's Day passed."
        )
    )
    assert not x.of_kind("person")


def test_the_ambassador_and_the_holder_of_a_title() -> None:
    x = extract(
        _cable(
            "In a February 8 dinner meeting with Deputy Foreign Minister Vladimir Titov, the "
            "Ambassador made the case. The Deputy Foreign Minister argued otherwise.",
            classified_by=BURNS,
            signature="BURNS",
        )
    )
    people = _people(x)
    assert _met(x) == [{"Vladimir Titov", "William J. Burns"}]
    burns = x.entity(people["William J. Burns"])
    assert "Burns" in burns.aliases  # the signature
    refs = [m for m in x.mentions if m.text == "Deputy Foreign Minister"]
    assert refs
    assert {m.entity for m in refs} == {people["Vladimir Titov"]}


def test_people_talked_about_are_not_participants() -> None:
    x = extract(
        _cable(
            "During a lunch hosted by Ambassador Burns, Wisner met with Andrey Kortunov. "
            "Kortunov stressed that this was Putin's message to Chancellor Merkel, and that the "
            "plan of Ahtisaari's would fail.",
            classified_by=BURNS,
        )
    )
    people = _people(x)
    assert {"Putin", "Merkel", "Ahtisaari"} <= set(people)
    assert _met(x) == [{"William J. Burns", "Wisner", "Andrey Kortunov"}]
    assert x.meetings[0].host == people["William J. Burns"]
    assert x.meetings[0].kind == "lunch"


def test_reported_and_planned_meetings() -> None:
    x = extract(
        _cable(
            "During a February 13 conversation with the Ambassador, Portuguese Ambassador Curto "
            "previewed an initiative. Curto explained that the Portuguese broached the idea with "
            "FM Lavrov during his visit to Lisbon.",
            "Ahtisaari's plan was discussed. Pending confirmation, it was possible for Ahtisaari "
            "to meet the parties in Vienna on February 23.",
            classified_by=BURNS,
        )
    )
    by_status = {m.status: m for m in x.meetings}
    assert set(by_status) == {"held", "reported", "planned"}
    assert by_status["held"].date == date(2007, 2, 13)
    assert {x.entity(k).name for k in by_status["reported"].participants} == {"Lavrov"}
    assert by_status["planned"].date == date(2007, 2, 23)


def test_government_acronyms_follow_the_cable() -> None:
    x = extract(
        _cable(
            "Curto said the GOP and the GOR agreed; the Portuguese side will write to Embassy "
            "Lisbon."
        )
    )
    names = {e.code: e.name for e in x.of_kind("organization")}
    assert names["GOP"] == "Government of Portugal"
    assert names["GOR"] == "Government of Russia"
    assert "Embassy Lisbon" in names.values()


def test_places_topics_and_tags() -> None:
    x = extract(
        _cable(
            "Serbia and Russia discussed Abkhazia. The U.S. military was not there.",
            subject="KOSOVO: TALKS IN MOSCOW",
            tags=("PREL", "KAWC", "RS", "OVIP (STEINBERG, JAMES B.)"),
        )
    )
    places = {e.name: e for e in x.of_kind("place")}
    assert places["Serbia"].code == "RI"
    assert places["Abkhazia"].country == "GG"
    assert "United States" not in places  # "U.S. military": a modifier
    topics = {(e.scheme, e.code): e.name for e in x.of_kind("topic")}
    assert topics[("subject", "PREL")] == "External Political Relations"
    assert topics[("program", "KAWC")] == "Atrocities and War Crimes"
    assert topics[("geo", "RS")] == "Russia"
    assert topics[("person", "OVIP")] == "James B. Steinberg"
    assert topics[("free", None)] == "Kosovo"
    assert "James B. Steinberg" in _people(x)


def test_capitals() -> None:
    x = extract(
        _cable(
            "CHIEF OF NATIONAL POLICE LTG JAFFARQOLI SADRI ASSURED EMBOFF AUG. 17 THAT THE "
            "GUERRILLAS ARE ON THE RUN. IN DISCUSSION WITH EMBOFF SADRI ATTACHED NO IMPORTANCE "
            "TO MURDER OF GENERAL SAID TAHERI.",
            origin="Embassy Tehran",
            created=datetime(1972, 8, 22),
        )
    )
    people = _people(x)
    assert {"Jaffarqoli Sadri", "Said Taheri"} <= set(people)
    assert _met(x) == [{"Jaffarqoli Sadri"}]
    assert x.meetings[0].date == date(1972, 8, 17)
    assert "National Police" in {e.name for e in x.of_kind("organization")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on February 9", date(2007, 2, 9)),
        ("8 February 2006", date(2006, 2, 8)),
        ("on December 28", date(2006, 12, 28)),  # after the cable's date: the year before
        ("a 4/12 breakfast", date(2007, 4, 12)),
    ],
)
def test_dates(text: str, expected: date | None) -> None:
    found = find_dates(text, date(2007, 2, 13))
    assert (found[0].day if found else None) == expected


def test_relative_days() -> None:
    assert relative_day("In a meeting later that day", date(2007, 2, 13), date(2007, 2, 9)) == (
        date(2007, 2, 9)
    )
    assert relative_day("yesterday", date(2007, 2, 13), None) == date(2007, 2, 12)


def test_odd_cables_do_not_break() -> None:
    for cable in (
        _cable(),
        _cable("", "   ", "--", created=None, origin=""),
        _cable("XXXXXXXXXXXX " * 50, "A" * 5000, "Ambassador " * 100),
        _cable("Éric Noël met Ambassador Burns in Montréal on 31 February.", created=None),
    ):
        extraction = extract(cable)
        assert extraction.reference_id == "07TEST1"


def test_a_courtesy_title_keeps_a_wife_apart() -> None:
    x = extract(
        _cable(
            "French judge Bernard Borrel died in 1995. President Sarkozy met with Mrs. Borrel, and "
            "Borrel's case was reopened."
        )
    )
    people = _people(x)
    assert {"Bernard Borrel", "Mrs. Borrel"} <= set(people)
    assert x.entity(people["Mrs. Borrel"]).global_id is None
    assert {"Sarkozy", "Mrs. Borrel"} in _met(x)
