"""People across the genre: name forms, titles and routing lines of cables from many posts.

Each row is a small cable written in the genre's style (not taken from any annotated
cable), the names of people it must give, and names it must not give.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from kg.extract import extract
from kg.model import Cable
from tests.handmade import hand_cable


@dataclass(frozen=True)
class Case:
    id: str
    texts: tuple[str, ...]
    people: frozenset[str]
    not_people: frozenset[str] = frozenset()
    routing: str | None = None

    def cable(self) -> Cable:
        cable = hand_cable(*self.texts)
        if self.routing is None:
            return cable
        return replace(cable, body=f"{self.routing}\n\nE.O. 12958: N/A\n\n{cable.body}")


def case(
    id: str,
    text: str,
    people: set[str],
    not_people: set[str] | None = None,
    *,
    routing: str | None = None,
) -> Case:
    return Case(id, (text,), frozenset(people), frozenset(not_people or ()), routing)


CASES = (
    # -- surnames that are also title, place or nationality words -------------------------
    case(
        "surname-title-word",
        "During a March 4 meeting with Special Envoy Robert King, the minister spoke.",
        {"Robert King"},
        {"Robert"},
    ),
    case(
        "surname-demonym",
        "Director Lucia French said the ministry would review the law.",
        {"Lucia French"},
        {"Lucia"},
    ),
    case(
        "surname-title-verb",
        "UK Ambassador Julian King confirmed that the mission would go ahead.",
        {"Julian King"},
        {"Julian"},
    ),
    case(
        "surname-place",
        "The leader of the opposition Samuel Doria Medina said the strike was political.",
        {"Samuel Doria Medina"},
        {"Samuel Doria"},
    ),
    case(
        "appositive-surname",
        "He was joined by the Senator's chief of staff, Maria Bishop, and two aides.",
        {"Maria Bishop"},
        {"Maria"},
    ),
    case(
        "nationality-not-surname",
        "The delegation met Maria French officials and their hosts later that week.",
        set(),
        {"Maria French"},
    ),
    case(
        "given-name-that-is-a-month",
        "Prime Minister Jan Peter Balkenende announced the plan in The Hague.",
        {"Jan Peter Balkenende"},
        {"Peter Balkenende"},
    ),
    case(
        "catalan-conjunction",
        "The CG met Deputy Mayor Pere Vidal i Serra on Monday.",
        {"Pere Vidal i Serra"},
        {"Pere Vidal"},
    ),
    case(
        "plural-acronyms-and-nouns",
        "The MEPs said the POWs were freed. Director of Records Ana Lobo agreed.",
        {"Ana Lobo"},
        {"MEPs", "POWs", "Records"},
    ),
    # -- public figures named bare ----------------------------------------------------------
    case(
        "known-figure-bare",
        "He wanted a statement for the incoming Obama administration. When Stalin drew "
        "the borders, nobody asked. Even Mousavi cannot make a deal, he said.",
        {"Obama", "Stalin", "Mousavi"},
    ),
    case(
        "known-figure-inside-a-name",
        "The Mandela Foundation hosted the event at Lake Nasser.",
        set(),
        {"Mandela", "Nasser", "Mandela Foundation"},
    ),
    # -- titles the lexicon lacked ----------------------------------------------------------
    case(
        "hyphenated-titles",
        "Governor-elect Jose Serra met Director-General Harry Tseng on Tuesday.",
        {"Jose Serra", "Harry Tseng"},
        {"Governor-elect Jose Serra", "Director-General Harry Tseng"},
    ),
    case(
        "rank-shorthand",
        "LtCol Mohammad Tillawi briefed DepSec Poneman before Brig. Tariq Khan arrived.",
        {"Mohammad Tillawi", "Poneman", "Tariq Khan"},
        {"LtCol Mohammad Tillawi", "DepSec Poneman"},
    ),
    case(
        "office-acronyms",
        "SRAP Holbrooke met DNSA Abrams, CJCS Mullen and SACEUR Craddock in Brussels.",
        {"Holbrooke", "Abrams", "Mullen", "Craddock"},
    ),
    case(
        "long-title-unknown-qualifier",
        "He was jailed under Minister of Textiles Oraz Berdyeva, and Mayor of Piura "
        "Cesar Quispe, and President of San Lucas Maria Vidal, said the report.",
        {"Oraz Berdyeva", "Cesar Quispe", "Maria Vidal"},
        {"Textiles Oraz Berdyeva", "Piura Cesar Quispe", "Lucas Maria Vidal"},
    ),
    case(
        "title-governs-organization",
        "He is the President of Fond Politika and General Counsel of Baker Hughes "
        "Incorporated, and he met Deputy Minister of Interior Hekmat Musa Salman.",
        {"Hekmat Musa Salman"},
        {"Fond Politika", "Hughes Incorporated", "Musa Salman"},
    ),
    case(
        "initials-as-one-word",
        "Police Commissioner A.N. Roy fired the inspector, the U.S. Consulate heard.",
        {"A.N. Roy"},
        {"Roy", "U.S. Consulate"},
    ),
    case(
        "business-titles",
        "Guests were Chevron Public Affairs Manager Tunde Bakare; Acme Oil Managing "
        "Director Ruth Okoye; and Delta Drilling General Manager Ifeanyi Obi.",
        {"Tunde Bakare", "Ruth Okoye", "Ifeanyi Obi"},
    ),
    case(
        "initial-without-period",
        "In Delhi, Admiral K Menon told the Charge that the exercise would proceed.",
        {"K Menon"},
    ),
    case(
        "thing-after-article",
        "The reception took place at the Grand Palisade hotel, near the Sixth Fleet pier.",
        set(),
        {"Grand Palisade", "Sixth Fleet"},
    ),
    case(
        "storm-not-person",
        "Relief after Hurricane Mitch reached the coast, said Minister Elena Ruiz.",
        {"Elena Ruiz"},
        {"Hurricane Mitch"},
    ),
    # -- headline verbs are no names --------------------------------------------------------
    case(
        "heading-verb",
        "The minister talked about the budget.\n\nPM Neglects Need for Strategy\n"
        "------------------------------\n\nHe said nothing about it.",
        set(),
        {"Neglects Need"},
    ),
    # -- a signature the parser did not see --------------------------------------------
    case(
        "signature-after-last-sentence",
        "Time will tell how the party fares in 2011. DE LA ROSA",
        {"De La Rosa"},
    ),
    case(
        "signature-backslash",
        "The talks went well. \\\nEnd comment. \\\nHALVORSEN \\",
        {"Halvorsen"},
    ),
    case(
        "signature-lower-case",
        "Visit our site.\n**********************\nmacready",
        {"Macready"},
    ),
    case(
        "no-signature-from-closing-words",
        "We will report further.\nEND TEXT",
        set(),
        {"End Text", "End", "Text"},
    ),
    case(
        "redacted-signer",
        "We will follow up. XXXXXXXXXXXX",
        set(),
        {"Xxxxxxxxxxxx", "XXXXXXXXXXXX"},
    ),
    case(
        "place-opening-with-given-name",
        "The delegation flew on to Abu Dhabi. Charge D'Affaires Lena Moss met them.",
        {"Lena Moss"},
        {"Abu Dhabi", "D'Affaires"},
    ),
    # -- routing and distribution lines -----------------------------------------------------
    case(
        "routing-run-together",
        "Text.",
        {"C. Barton", "D. Jorgensen"},
        routing="NSC FOR CBARTON\nTREASURY FOR DJORGENSEN",
    ),
    case(
        "routing-slash-list",
        "Text.",
        {"P. Kovac", "E. Arnott"},
        routing="STATE FOR EUR/NB (PKOVAC/EARNOTT)",
    ),
    case(
        "routing-double-initial",
        "Text.",
        {"P. B. Vantongeren"},
        routing="CA/OCS FOR PBVANTONGEREN",
    ),
    case(
        "routing-office-and-name",
        "Text.",
        {"Delva Okafor", "T. Kuhn"},
        routing="DEPARTMENT FOR AF/W DELVA OKAFOR\nUSDOC FOR TKUHN DOJ",
    ),
    case(
        "routing-initial-no-space",
        "Text.",
        {"D. Marsh", "M. O'Leary"},
        routing="COMMERCE FOR D.MARSH\nDEPT FOR EUR/WE (M. O\u2019LEARY)",
    ),
    case(
        "routing-surname-list",
        "Text.",
        {"Pearlman", "McAllister"},
        {"P. Earlman", "M. C. Allister"},
        routing="NSC FOR PEARLMAN/MCALLISTER",
    ),
    case(
        "routing-office-not-initial",
        "Text.",
        {"Sullivan"},
        {"P. Treasury"},
        routing="STATE FOR P TREASURY (SULLIVAN)\nSTATE FOR ADDIS ABABA",
    ),
    case(
        "routing-surname-kept",
        "Text.",
        {"Scanlon", "Elkind"},
        routing="STATE PASS TO DOE FOR SCANLON AND ELKIND",
    ),
    case(
        "routing-lines-run-on",
        "Text.",
        {"Priya Raman", "Katie Lillard", "Galloway", "Judy Garvey"},
        routing="NSC FOR PRIYA RAMAN WHITE HOUSE FOR KATIE LILLARD\n"
        "NEA/IR; LONDON FOR GALLOWAY; STATE FOR EUR/NCE - JUDY GARVEY",
    ),
    case(
        "routing-defense-and-trade-titles",
        "Text.",
        {"Warlick", "Eissenstat", "Springer"},
        {"Dasd Warlick", "Austr Eissenstat", "Lcdr Springer"},
        routing="SECDEF FOR DASD WARLICK\nUSTR FOR AUSTR EISSENSTAT\nSTATE FOR LCDR SPRINGER",
    ),
    case(
        "routing-places-and-agencies",
        "Text.",
        set(),
        {"Paris", "London", "Usdoe", "Treasury", "Fraud Prevention Units"},
        routing="USDOE FOR PARIS AND LONDON\nTREASURY FOR OASIA\nPOSTS FOR FRAUD PREVENTION UNITS",
    ),
)


def _people(cable: Cable) -> set[str]:
    extraction = extract(cable)
    named = {m.entity for m in extraction.mentions}
    return {e.name for e in extraction.entities if e.kind == "person" and e.key in named}


@pytest.mark.parametrize("row", CASES, ids=[row.id for row in CASES])
def test_people_of_the_genre(row: Case) -> None:
    # names compare without case, as the gold sets score them
    people = {name.lower() for name in _people(row.cable())}
    assert {name.lower() for name in row.people} <= people, sorted(people)
    assert not ({name.lower() for name in row.not_people} & people), sorted(people)
