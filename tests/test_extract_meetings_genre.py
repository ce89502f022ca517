"""Meeting participants and status in the genre's own constructions, one row per form.

Each row is a small cable written in the style of the release (not copied from any cable):
the paragraphs, then the people who must have met one another (all pairs, in one meeting)
and, where it matters, people who must not be in any meeting with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import pytest

from kg.extract import extract
from kg.model import Extraction
from tests.handmade import hand_cable


@dataclass(frozen=True)
class Case:
    name: str
    texts: tuple[str, ...]
    met: tuple[str, ...]  # every pair of these met in one meeting
    absent: tuple[str, ...] = ()  # none of these is a participant of any meeting
    fields: dict[str, Any] = field(default_factory=dict)


def _pairs(extraction: Extraction) -> set[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for meeting in extraction.meetings:
        names = [extraction.entity(k).name for k in meeting.participants]
        pairs |= {frozenset(p) for p in combinations(names, 2)}
    return pairs


def _participants(extraction: Extraction) -> set[str]:
    return {extraction.entity(k).name for m in extraction.meetings for k in m.participants}


COMPANIONS = (
    Case(
        "accompanied by, in a sentence of its own, on both sides",
        (
            "On March 4, Assistant Secretary Hollis met with Interior Minister Petrov. Hollis "
            "was accompanied by DAS Laura Bell and PolCouns Tom Reyes. Petrov was accompanied "
            "by Deputy Minister Olga Marin.",
        ),
        ("Hollis", "Petrov", "Laura Bell", "Tom Reyes", "Olga Marin"),
    ),
    Case(
        "accompanied by, in the next paragraph",
        (
            "On March 4, Assistant Secretary Hollis called on Interior Minister Petrov.",
            "Petrov was accompanied by Deputy Minister Olga Marin and adviser Ivan Kolev.",
            "Petrov said the border law would pass in May.",
        ),
        ("Hollis", "Petrov", "Olga Marin", "Ivan Kolev"),
    ),
    Case(
        "joined the meeting, as well as",
        (
            "On March 4, the Ambassador met with Finance Minister Anna Dobreva. Deputy "
            "Minister Pavel Georgiev and Central Bank Governor Lina Stoeva, as well as "
            "adviser Boris Marek, joined the meeting.",
        ),
        ("Anna Dobreva", "Pavel Georgiev", "Lina Stoeva", "Boris Marek"),
    ),
    Case(
        "joined by A and by B",
        (
            "On March 4, Senator Karl Whitby met with Prime Minister Dana Ilescu. Ilescu was "
            "joined by Foreign Minister Mihai Sorin and by Defense Minister Radu Vlad.",
        ),
        ("Karl Whitby", "Dana Ilescu", "Mihai Sorin", "Radu Vlad"),
    ),
    Case(
        "A and B accompanied him",
        (
            "On March 4, Under Secretary Ruth Camden called on President Ilir Dushku. "
            "PolCouns Tom Reyes and DAS Laura Bell accompanied her.",
        ),
        ("Ruth Camden", "Ilir Dushku", "Tom Reyes", "Laura Bell"),
    ),
    Case(
        "rounded out the U.S. side",
        (
            "On March 4, Under Secretary Ruth Camden met with Foreign Minister Ilir Dushku. "
            "Ambassador Mark Dyson and a notetaker rounded out the U.S. side.",
        ),
        ("Ruth Camden", "Ilir Dushku", "Mark Dyson"),
    ),
    Case(
        "accompanied by A and B, X said",
        (
            "On March 4, Under Secretary Ruth Camden met with Foreign Minister Ilir Dushku.",
            "Accompanied by Deputy Minister Olga Marin and adviser Ivan Kolev, Dushku said "
            "the talks would resume in May.",
        ),
        ("Ruth Camden", "Ilir Dushku", "Olga Marin", "Ivan Kolev"),
    ),
    Case(
        "in attendance were the following",
        (
            "On March 4, Assistant Secretary Hollis met with members of the oil industry in "
            "the capital. In attendance were the following: Shell Manager Paul Lind; "
            "Chevron Director Anne Roche; Total Manager Luc Perrin.",
            "Roche said the new law discouraged investment.",
        ),
        ("Hollis", "Paul Lind", "Anne Roche", "Luc Perrin"),
    ),
    Case(
        "met for over an hour with, the guest after a long title",
        (
            "On March 4, Senator Karl Whitby met for over an hour with the Deputy Director "
            "of the National Counter Narcotics Police Brigadier Ivo Kraus.",
        ),
        ("Karl Whitby", "Ivo Kraus"),
    ),
    Case(
        "joining the ruler were",
        (
            "On March 4, Senator Karl Whitby met with Prime Minister Dana Ilescu. Joining "
            "Ilescu were Foreign Minister Mihai Sorin and Interior Minister Radu Vlad.",
        ),
        ("Karl Whitby", "Dana Ilescu", "Mihai Sorin", "Radu Vlad"),
    ),
)

# the consul general who signs a consulate's cable, named by role only
CHIEFS = (
    Case(
        "ConGen met with",
        ("On February 4, ConGen met with Governor Ivan Petrov.",),
        ("Dale", "Ivan Petrov"),
        fields={"origin": "Consulate Vladivostok", "signature": "DALE"},
    ),
    Case(
        "the Consul General had lunch with",
        (
            "On February 4, the Consul General had lunch with Mayor Ivan Petrov and "
            "Deputy Mayor Olga Marin.",
        ),
        ("Dale", "Ivan Petrov", "Olga Marin"),
        fields={"origin": "Consulate Vladivostok", "signature": "DALE"},
    ),
    Case(
        "a list after a colon that ends the cue sentence",
        (
            "On February 4, the Consul General had lunch with two figures of the ruling "
            "party:\nFinance Minister Mihai Sorin and Senator Radu Vlad.",
        ),
        ("Dale", "Mihai Sorin", "Radu Vlad"),
        fields={"origin": "Consulate Vladivostok", "signature": "DALE"},
    ),
    Case(
        "the CG added, in a paragraph of the meeting",
        (
            "On February 4, Assistant Secretary Hollis met with Governor Ivan Petrov.",
            "Petrov said investment had fallen. The CG added that the port needed work.",
        ),
        ("Dale", "Ivan Petrov", "Hollis"),
        fields={"origin": "Consulate Vladivostok", "signature": "DALE"},
    ),
)

NOT_CHIEFS = (
    Case(
        "an embassy's cable: no consul general who signs",
        ("On February 4, ConGen met with Governor Ivan Petrov.",),
        ("Ivan Petrov",),
        absent=("Dale",),
        fields={"origin": "Embassy Moscow", "signature": "DALE"},
    ),
    Case(
        "a consul general named: the named one, not the signer",
        ("On February 4, Consul General Tom Reyes met with Governor Ivan Petrov.",),
        ("Tom Reyes", "Ivan Petrov"),
        absent=("Dale",),
        fields={"origin": "Consulate Vladivostok", "signature": "DALE"},
    ),
)

NOT_COMPANIONS = (
    Case(
        "joined a party: a career, not a meeting",
        (
            "On March 4, the Ambassador met with Foreign Minister Ilir Dushku.",
            "Dushku said his deputy Arben Lani joined the Socialist Party in 1998.",
        ),
        ("Ilir Dushku", "William J. Burns"),
        absent=("Arben Lani",),
        fields={"signature": "BURNS"},
    ),
    Case(
        "accompanied by no one named: protests, a letter",
        (
            "On March 4, the Ambassador met with Foreign Minister Ilir Dushku. "
            "Dushku said the visit of President Ivo Kraus was accompanied by protests.",
        ),
        ("Ilir Dushku",),
        absent=("Ivo Kraus",),
    ),
)


@pytest.mark.parametrize("case", COMPANIONS, ids=lambda c: c.name)
def test_companions_named_in_a_sentence_of_their_own_take_part(case: Case) -> None:
    extraction = extract(hand_cable(*case.texts, **case.fields))
    pairs = _pairs(extraction)
    missing = [p for p in combinations(case.met, 2) if frozenset(p) not in pairs]
    assert not missing, (missing, [m.participants for m in extraction.meetings])


@pytest.mark.parametrize("case", NOT_COMPANIONS, ids=lambda c: c.name)
def test_company_words_without_company_add_no_one(case: Case) -> None:
    extraction = extract(hand_cable(*case.texts, **case.fields))
    assert not set(case.absent) & _participants(extraction)


@pytest.mark.parametrize("case", CHIEFS, ids=lambda c: c.name)
def test_the_consul_general_by_role_is_the_one_who_signs(case: Case) -> None:
    test_companions_named_in_a_sentence_of_their_own_take_part(case)


@pytest.mark.parametrize("case", NOT_CHIEFS, ids=lambda c: c.name)
def test_the_signer_is_no_chief_where_the_role_names_no_one(case: Case) -> None:
    test_companions_named_in_a_sentence_of_their_own_take_part(case)
    test_company_words_without_company_add_no_one(case)


@dataclass(frozen=True)
class Status:
    name: str
    texts: tuple[str, ...]
    pair: tuple[str, ...]  # people of one meeting ...
    status: str  # ... whose status is this
    fields: dict[str, Any] = field(default_factory=dict)


STATUSES = (
    Status(
        "a day before the cable's: held, whatever else is upcoming",
        (
            "In a February 9 meeting at the Foreign Ministry, A/S Ruth Camden and Foreign "
            "Minister Ilir Dushku discussed the upcoming donors' conference.",
        ),
        ("Ruth Camden", "Ilir Dushku"),
        "held",
    ),
    Status(
        "a day after the cable's: planned",
        ("On February 20, A/S Ruth Camden will meet with Foreign Minister Ilir Dushku.",),
        ("Ruth Camden", "Ilir Dushku"),
        "planned",
    ),
    Status(
        "eagerly awaited talks: planned, not held",
        (
            "In the eagerly awaited talks with President Ivo Kraus, Prime Minister Dana "
            "Ilescu means to settle the border question.",
        ),
        ("Dana Ilescu", "Ivo Kraus"),
        "planned",
    ),
    Status(
        "told the Ambassador (on a day) that he had met X: reported",
        (
            "Mayor Hans Brandt told the Ambassador today (2/12) that he had met with "
            "Chancellor Eva Lindner last night.",
        ),
        ("Hans Brandt", "Eva Lindner"),
        "reported",
    ),
    Status(
        "the teller's own meeting, told as an anecdote",
        (
            "On February 9, A/S Ruth Camden met with Ambassador Jorge Salcedo.",
            "Salcedo recounted how he was kept waiting for hours for a meeting with "
            "President Hugo Ramos several years ago.",
        ),
        ("Jorge Salcedo", "Hugo Ramos"),
        "reported",
    ),
    Status(
        "none of our side, told after our meeting: reported",
        (
            "On February 9, Ambassador William Burns met with Foreign Minister Ilir Dushku.",
            "In his February 2 meeting with President Ivo Kraus, Dushku raised the border.",
        ),
        ("Ilir Dushku", "Ivo Kraus"),
        "reported",
        {"signature": "BURNS"},
    ),
    Status(
        "the visitor of the subject line meets without the post: held",
        (
            "On February 9, the Ambassador met with Foreign Minister Ilir Dushku.",
            "On February 10, Senator Karl Whitby met with President Ivo Kraus.",
        ),
        ("Karl Whitby", "Ivo Kraus"),
        "held",
        {"signature": "BURNS", "subject": "SENATOR WHITBY MEETS PRESIDENT KRAUS"},
    ),
    Status(
        "the visitor of the subject line joins in the next paragraph: held",
        (
            "On February 9, the Ambassador met with Foreign Minister Ilir Dushku.",
            "On February 10, Duma Chairman Petr Orlov received the delegation.",
            "Orlov told Special Envoy Frank Whitby that the Duma would wait.",
        ),
        ("Petr Orlov", "Frank Whitby"),
        "held",
        {"signature": "BURNS", "subject": "SPECIAL ENVOY WHITBY IN MOSCOW"},
    ),
    Status(
        "with Embassy Econoff: our officer, held",
        (
            "On February 9, the Ambassador met with Foreign Minister Ilir Dushku.",
            "In a February 10 telcon with Embassy Econoff, Director Ivo Kraus of the Bank "
            "of Ruritania voiced concern.",
        ),
        ("Ivo Kraus",),
        "held",
        {"signature": "BURNS"},
    ),
    Status(
        "a meeting recalled inside a quotation: reported",
        (
            "On February 9, the Ambassador met with Foreign Minister Ilir Dushku.",
            'Dushku sighed. "First the elections, then his meeting with President Ivo '
            'Kraus, and now this."',
        ),
        ("Ivo Kraus",),
        "reported",
        {"signature": "BURNS"},
    ),
)


@pytest.mark.parametrize("case", STATUSES, ids=lambda c: c.name)
def test_status_of_an_encounter(case: Status) -> None:
    extraction = extract(hand_cable(*case.texts, **case.fields))
    statuses = {
        m.status
        for m in extraction.meetings
        if set(case.pair) <= {extraction.entity(k).name for k in m.participants}
    }
    assert case.status in statuses, [(m.status, m.participants) for m in extraction.meetings]


def test_the_others_of_an_account_stay_out_of_the_meeting_told() -> None:
    # "he had met Lindner last night" is Brandt's account: Lindner did not meet the Ambassador
    extraction = extract(
        hand_cable(
            "Mayor Hans Brandt told Ambassador William Burns today (2/12) that he had met with "
            "Chancellor Eva Lindner last night. Lindner expressed concern to Brandt that the "
            "vote would fail.",
        )
    )
    held = [
        {extraction.entity(k).name for k in m.participants}
        for m in extraction.meetings
        if m.status == "held"
    ]
    assert any({"Hans Brandt", "William Burns"} <= names for names in held), held
    assert not any("Eva Lindner" in names for names in held), held


def test_a_quoted_cue_leaves_the_meeting_told_going_on() -> None:
    extraction = extract(
        hand_cable(
            "On February 9, the Ambassador met with Foreign Minister Ilir Dushku.",
            'Dushku sighed. "First the elections, then his meeting with President Ivo '
            'Kraus, and now this." Dushku told the Ambassador that talks would resume.',
            signature="BURNS",
        )
    )
    held = [m for m in extraction.meetings if m.status == "held"]
    assert len(held) == 1, extraction.meetings
    assert held[0].paragraphs == (0, 1), extraction.meetings


def test_the_charge_no_one_named_holds_is_the_chief_of_mission() -> None:
    extraction = extract(
        hand_cable(
            "On February 9, Charge and poloff (notetaker) met with President Ivo Kraus. "
            "Charge told Kraus that the agreement had never been signed.",
            signature="FITZ",
        )
    )
    assert ("Fitz", "Ivo Kraus") in {
        tuple(sorted(extraction.entity(k).name for k in m.participants if "person" in k))
        for m in extraction.meetings
    }


def test_separately_met_after_another_verb_meets_each_guest_apart() -> None:
    extraction = extract(
        hand_cable(
            "While in Minsk, Foreign Minister Urmas Kask opened the new embassy and "
            "separately met with President Ivo Kraus and Interior Minister Petr Orlov.",
        )
    )
    pairs = _pairs(extraction)
    assert frozenset({"Urmas Kask", "Ivo Kraus"}) in pairs
    assert frozenset({"Urmas Kask", "Petr Orlov"}) in pairs
    assert frozenset({"Ivo Kraus", "Petr Orlov"}) not in pairs
