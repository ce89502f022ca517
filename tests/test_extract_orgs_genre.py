"""Organizations as the genre writes them: bare acronyms, names without a cue word, companies
and media, posts and office symbols in passing lines, and the fragments that are no body.

Each row is a small cable written in the style of the release (not copied from any cable),
the organizations it must give and the ones it must not. A name is found when an
organization entity carries it as its name, an alias or its code.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pytest

from kg.extract import extract
from kg.model import Cable
from tests.handmade import hand_cable


@dataclass(frozen=True)
class Case:
    id: str
    texts: tuple[str, ...]
    finds: tuple[str, ...] = ()
    not_finds: tuple[str, ...] = ()
    fields: dict[str, Any] = field(default_factory=dict)
    routing: str | None = None  # passing lines above E.O.

    def cable(self) -> Cable:
        cable = hand_cable(*self.texts, **self.fields)
        if self.routing is None:
            return cable
        return replace(cable, body=f"{self.routing}\n\nE.O. 12958: N/A\n\n{cable.body}")


CASES = (
    # -- bare acronyms (org.acronym) ---------------------------------------------------
    Case(
        "acronym-alone",
        ("SAARC foreign secretaries will meet in Kathmandu; LTTE cadres shelled the town.",),
        finds=("SAARC", "LTTE"),
        fields={"origin": "Embassy Colombo"},
    ),
    Case(
        "acronym-not-a-body",
        (
            "The MOU on WMD interdiction, a UNSCR 1540 matter, was cleared by POTUS; the SBU "
            "text follows. Benedict XVI spoke.",
        ),
        not_finds=("MOU", "WMD", "UNSCR", "POTUS", "SBU", "XVI"),
    ),
    Case(
        "acronym-spelled-as-a-thing",
        (
            "The Fraud Prevention Manager (FPM) searched the Consular Consolidated Database "
            "(CCD). FPM found nothing in CCD.",
        ),
        not_finds=("FPM", "CCD"),
    ),
    Case(
        "acronym-citing-a-cable",
        ("As reported in USNATO 291, allies agree.",),
        not_finds=("USNATO",),
    ),
    Case(
        "acronym-part-of-a-word",
        ("The SAARC-related talks and the UN/AU force stalled.",),
        not_finds=("SAARC",),
    ),
    # -- names without a cue word (organizations_genre.tsv) ------------------------------
    Case(
        "companies-and-media",
        (
            "Schlumberger and Exxon Mobil bid for the block, Sberbank lent the money, and "
            "Kommersant reported that Huawei had won the contract.",
        ),
        finds=("Schlumberger", "ExxonMobil", "Sberbank", "Kommersant", "Huawei"),
    ),
    Case(
        "one-word-bodies",
        ("The Kremlin has told Interpol it will cooperate.",),
        finds=("Kremlin", "Interpol"),
    ),
    Case(
        "state-department-one-body",
        ("The State Department spokesman spoke.", "The Department of State will reply."),
        finds=("Department of State",),
    ),
    Case(
        "parliament-head-word",
        ("The Georgian Parliament met on Friday.", "Parliament then voted to adjourn."),
        finds=("Georgian Parliament",),
        not_finds=("Parliament",),  # not an entity of its own: an alias of the Georgian one
        fields={"origin": "Embassy Tbilisi"},
    ),
    # -- governments by two letters (org.government-two) -------------------------------
    Case(
        "government-two-letters",
        ("The GONL will send two frigates to the Gulf of Aden.",),
        finds=("GONL", "Government of Netherlands"),
        fields={"origin": "Embassy The Hague"},
    ),
    Case(
        "government-two-letters-in-capitals",
        ("THE PLAN GOES AHEAD AS THE GOAL OF THE TALKS.",),
        not_finds=("GOES", "GOAL", "Government of Estonia"),
        fields={"origin": "Embassy Tallinn"},
    ),
    # -- posts (org.post, org.post-bare, org.routing-post) -----------------------------
    Case(
        "posts-in-text",
        (
            "Protesters gathered outside the U.S. Embassy. AmEmbassy Berlin and Embassy Togo "
            "were informed.",
        ),
        finds=("U.S. Embassy", "AmEmbassy Berlin", "Embassy Togo"),
    ),
    Case(
        "posts-in-passing-lines",
        ("Text.",),
        finds=("AmEmbassy Ankara", "AmConsul Adana"),
        routing="AMEMBASSY ANKARA PASS TO AMCONSUL ADANA",
    ),
    # -- agency words and office symbols in passing lines ------------------------------
    Case(
        "agencies-in-passing-lines",
        ("Text.",),
        finds=("Department of the Treasury", "Department of Commerce", "ITA"),
        routing="TREASURY FOR OASIA\nDEPT OF COMMERCE FOR ITA",
    ),
    Case(
        "symbol-before-a-name",
        ("Text.",),
        finds=("WHA/CEN", "EUR/CE"),
        not_finds=("A/S",),
        routing="STATE FOR WHA/CEN JOHN DOYLE, EUR/CE-MARY HOLT AND A/S SMITH",
    ),
    Case(
        "agency-before-a-name",
        ("Text.",),
        finds=("USTR", "USTDA"),
        routing="STATE PASS USTR - BILL JACKSON\nPLEASE PASS TO USTDA DAN STONE",
    ),
    # -- boundaries ----------------------------------------------------------------------
    Case(
        "name-after-the-tail",
        ("Vice President of the Council of State Carlos Lage met the visitors.",),
        finds=("Council of State",),
        not_finds=("Council of State Carlos Lage",),
    ),
    Case(
        "known-name-then-a-person",
        (
            "Ministry of Foreign Affairs Wu Tao and Ministry of Defense Parliamentary "
            "Secretary Ann Lee joined the Russia-centric Ministry of Interior delegation.",
        ),
        finds=("Ministry of Foreign Affairs", "Ministry of Defense", "Ministry of Interior"),
        not_finds=(
            "Ministry of Foreign Affairs Wu Tao",
            "Ministry of Defense Parliamentary",
            "Russia-centric Ministry of Interior",
        ),
    ),
    Case(
        "sentence-word-before-the-name",
        ("Yet Lebanese Forces deputies stayed away. Per the American Chamber of Commerce, ...",),
        finds=("Lebanese Forces", "American Chamber of Commerce"),
        not_finds=("Yet Lebanese Forces", "Per the American Chamber of Commerce"),
    ),
)


def _names(cable: Cable, *, aliases: bool) -> set[str]:
    """The organizations' names and codes (and their aliases too with ``aliases``)."""
    names: set[str] = set()
    for entity in extract(cable).entities:
        if entity.kind == "organization":
            names.update({entity.name, *(entity.aliases if aliases else ())})
            if entity.code:
                names.add(entity.code)
    return names


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_genre_organizations(case: Case) -> None:
    cable = case.cable()
    found = _names(cable, aliases=True)
    assert set(case.finds) <= found, found
    entities = _names(cable, aliases=False)  # an entity's own name or code
    assert not set(case.not_finds) & entities, entities
