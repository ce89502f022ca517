"""Participant blocks and delegation lists, one row per form of the genre.

Each row is a small cable written in the style of the release (invented, not copied from
any cable): its paragraphs, the people who must have met one another (every pair of them,
in one meeting), and people who must not have met some of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
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
    apart: tuple[tuple[str, str], ...] = ()  # pairs that met in no meeting
    headings: dict[int, str] = field(default_factory=dict)  # section headings by paragraph
    absent: tuple[str, ...] = ()  # no participant of any meeting
    fields: dict[str, Any] = field(default_factory=dict)


def _pairs(extraction: Extraction) -> set[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for meeting in extraction.meetings:
        names = [extraction.entity(k).name for k in meeting.participants]
        pairs |= {frozenset(p) for p in combinations(names, 2)}
    return pairs


CASES = (
    Case(
        "a block of both sides after the tale, run together as the release prints it",
        (
            "In a May 4 meeting, Assistant Secretary Paul Hollis urged Interior Minister "
            "Ivan Petrov to pass the border law.",
            "Petrov said the law would pass in June.",
            "Participants: UNITED STATES Assistant Secretary Paul Hollis Laura Bell, Deputy "
            "Assistant Secretary Tom Reyes, Political Officer (notetaker) RURITANIA Interior "
            "Minister Ivan Petrov Olga Marin, Deputy Minister",
        ),
        ("Paul Hollis", "Ivan Petrov", "Laura Bell", "Tom Reyes", "Olga Marin"),
    ),
    Case(
        "a summary's meeting is the one the body tells that day, with the company it names",
        (
            "SUMMARY: Senator Karl Whitby met with President Dana Ilescu on May 4. Ilescu "
            "asked for more help at the border. END SUMMARY.",
            "On May 4, the codel and Emboffs met the President at his palace. Joining the "
            "President were Foreign Minister Mihai Sorin and adviser Lina Stoeva.",
            "Ilescu said the border law would pass in June.",
        ),
        ("Karl Whitby", "Dana Ilescu", "Mihai Sorin", "Lina Stoeva"),
    ),
    Case(
        "words of a title in a list are no participant",
        (
            "Participants: Principal Director for Strategic Planning Tom Reyes, Ambassador "
            "Ann Doyle, Interior Minister Ivan Petrov, Olga Marin, Deputy Director for "
            "Organized Crime, Ruritanian Border Police",
            "Petrov said the border law would pass.",
        ),
        ("Tom Reyes", "Ann Doyle", "Ivan Petrov", "Olga Marin"),
        absent=("Strategic Planning", "Organized Crime"),
    ),
    Case(
        "one side per paragraph: U.S. Participants, then the hosts' list",
        (
            "U.S. Participants: Senator Karl Whitby, Ambassador Ann Doyle, Mark Fenn (notetaker)",
            "Ruritanian Participants: Prime Minister Dana Ilescu, Foreign Minister Mihai Sorin",
            "Ilescu welcomed the delegation and said Ruritania wanted closer ties.",
        ),
        ("Karl Whitby", "Ann Doyle", "Mark Fenn", "Dana Ilescu", "Mihai Sorin"),
    ),
    Case(
        "a bare head, then each side under a heading of its own",
        (
            "Participants:",
            "Ambassador Ann Doyle\nMark Fenn, Political Officer",
            "Foreign Minister Mihai Sorin\nLina Stoeva, MFA Director for the Americas",
            "Sorin said the government would not change its vote.",
        ),
        ("Ann Doyle", "Mark Fenn", "Mihai Sorin", "Lina Stoeva"),
    ),
    Case(
        "a section headed Participants after the tale, each side under its own head",
        (
            "On May 4, Senator Karl Whitby met with President Dana Ilescu.",
            "Ilescu said the reform would pass.",
            "U.S.A.:\nSenator Karl Whitby\nCharge d'Affaires Ann Doyle\nRuritania:\n"
            "President Dana Ilescu\nForeign Minister Mihai Sorin",
        ),
        ("Karl Whitby", "Ann Doyle", "Dana Ilescu", "Mihai Sorin"),
        headings={2: "Participants"},
    ),
    Case(
        "a memorandum: the list opens it, headed paragraphs on each topic go on telling it",
        (
            "Participants: Deputy Secretary Robert Lane, Ambassador Ann Doyle, Foreign "
            "Minister Mihai Sorin, Lina Stoeva",
            "Sorin opened by thanking Lane for the visit.",
            "Lane said Washington expected the vote to pass.",
        ),
        ("Robert Lane", "Ann Doyle", "Mihai Sorin", "Lina Stoeva"),
    ),
    Case(
        "two memoranda in one cable: a second list opens a second meeting",
        (
            "Participants: Ambassador Ann Doyle, Foreign Minister Mihai Sorin",
            "Sorin said the vote would pass.",
            "Participants: Ambassador Ann Doyle, Defense Minister Radu Vlad",
            "Vlad said the brigade would deploy in May.",
        ),
        ("Ann Doyle", "Radu Vlad"),
        apart=(("Mihai Sorin", "Radu Vlad"),),
    ),
    Case(
        "two meetings, each told and then listed",
        (
            "On May 3, Ambassador Ann Doyle met with Foreign Minister Mihai Sorin.",
            "Sorin said the vote would pass.",
            "Participants: Ambassador Ann Doyle, Mark Fenn, Foreign Minister Mihai Sorin, "
            "Lina Stoeva",
            "On May 4, Ambassador Doyle met with Defense Minister Radu Vlad.",
            "Vlad said the brigade would deploy.",
            "Participants: Ambassador Ann Doyle, Tom Reyes, Defense Minister Radu Vlad, "
            "General Pavel Georgiev",
        ),
        ("Ann Doyle", "Radu Vlad", "Tom Reyes", "Pavel Georgiev"),
        apart=(("Mark Fenn", "Radu Vlad"), ("Tom Reyes", "Mihai Sorin")),
    ),
    Case(
        "a list for each meeting: Participants in the meeting with X",
        (
            "On May 4, Under Secretary Ruth Alvarez met separately with Foreign Minister "
            "Mihai Sorin and Defense Minister Radu Vlad.",
            "Sorin said the vote would pass. Vlad said the brigade would deploy in May.",
            "Participants in the meeting with FM Sorin: U.S. Participants: Under Secretary "
            "Ruth Alvarez, Ambassador Ann Doyle. Ruritanian Participants: FM Mihai Sorin, "
            "Lina Stoeva",
            "Participants in the meeting with Defense Minister Vlad: U.S. Participants: Under "
            "Secretary Ruth Alvarez, Mark Fenn. Ruritanian Participants: Defense Minister Radu "
            "Vlad, General Pavel Georgiev",
        ),
        ("Ruth Alvarez", "Radu Vlad", "Mark Fenn", "Pavel Georgiev"),
        apart=(("Lina Stoeva", "Pavel Georgiev"), ("Mihai Sorin", "Mark Fenn")),
    ),
    Case(
        "a memorandum's topic headed as a meeting to come is still the same meeting",
        (
            "Participants: Deputy Secretary Robert Lane, Ambassador Ann Doyle, President "
            "Dana Ilescu, Lina Stoeva",
            "Ilescu thanked Lane for the visit.",
            "Lane said the President was looking forward to the meeting with President "
            "Karl Marten in June.",
            "Ilescu said the border law would pass.",
        ),
        ("Robert Lane", "Ann Doyle", "Dana Ilescu", "Lina Stoeva"),
        apart=(("Karl Marten", "Lina Stoeva"),),
        headings={2: "June Meeting in Vienna"},
    ),
    Case(
        "a delegation told in a sentence, then its separate calls",
        (
            "The U.S. delegation included Acting Assistant Secretary Karen Hollis, Scott "
            "Bramley, Director for Human Rights, and Maria Vance, Deputy Legal Adviser.",
            "On May 3, Hollis met with Justice Minister Pavel Georgiev.",
            "On May 4, Hollis called on Prime Minister Dana Ilescu.",
        ),
        ("Karen Hollis", "Scott Bramley", "Maria Vance", "Dana Ilescu"),
        apart=(("Pavel Georgiev", "Dana Ilescu"),),
    ),
    Case(
        "a delegation list of one side under its head joins each call of the delegation",
        (
            "U.S. Delegation: Senator Karl Whitby, Senator Ruth Alvarez, Mark Fenn",
            "On May 3, Senator Whitby met with Prime Minister Dana Ilescu.",
            "On May 4, Whitby met with Defense Minister Radu Vlad.",
        ),
        ("Karl Whitby", "Ruth Alvarez", "Mark Fenn", "Radu Vlad"),
        apart=(("Dana Ilescu", "Radu Vlad"),),
    ),
)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_lists_name_who_met(case: Case) -> None:
    cable = hand_cable(*case.texts, **case.fields)
    if case.headings:
        paragraphs = tuple(replace(p, heading=case.headings.get(p.index)) for p in cable.paragraphs)
        cable = replace(cable, paragraphs=paragraphs)
    extraction = extract(cable)
    pairs = _pairs(extraction)
    for pair in combinations(case.met, 2):
        assert frozenset(pair) in pairs, f"{pair} did not meet"
    for pair in case.apart:
        assert frozenset(pair) not in pairs, f"{pair} met"
    named = {extraction.entity(k).name for m in extraction.meetings for k in m.participants}
    assert not named & set(case.absent)


@pytest.mark.parametrize(
    "text",
    [
        "U.S. participants gave presentations on the forensics program.",
        "All participants agreed that the report should go to the OPCW.",
        "Included among invited Iranian participants at the event were officials.",
    ],
)
def test_prose_about_participants_is_no_list(text: str) -> None:
    from kg.extract.text import list_head

    assert list_head(text) is None
