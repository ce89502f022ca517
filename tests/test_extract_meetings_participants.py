"""Who took part in a meeting told in a paragraph, one row per form of the genre.

Each row is a small cable written in the style of the release (invented, not copied from
any cable): its paragraphs, the people who must have met one another (every pair of them,
in one meeting), and pairs of people who must not have met.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import pytest

from kg.extract import extract
from kg.model import ClassifiedBy, Extraction
from tests.handmade import hand_cable

DOYLE = ClassifiedBy("Ambassador Ann Doyle: 1.4 (b, d).", "Ann Doyle", "Ambassador")


@dataclass(frozen=True)
class Case:
    name: str
    texts: tuple[str, ...]
    met: tuple[str, ...] = ()  # every pair of these met in one meeting
    apart: tuple[tuple[str, str], ...] = ()  # pairs that met in no meeting
    reported: tuple[str, ...] = ()  # these met in one meeting told second-hand
    fields: dict[str, Any] = field(default_factory=dict)


def _pairs(extraction: Extraction, status: str | None = None) -> set[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for meeting in extraction.meetings:
        if status is not None and meeting.status != status:
            continue
        names = [extraction.entity(k).name for k in meeting.participants]
        pairs |= {frozenset(p) for p in combinations(names, 2)}
    return pairs


CASES = (
    # paragraph.another-contact: several contacts, each telling us in paragraphs of his own
    Case(
        "contacts who each told us something, one after the other, never met one another",
        (
            "Deputy Minister Olga Marin told us that the ministry wants to renegotiate the "
            "supply contract. She added that the refinery needed crude from the north.",
            "The head of the Socialist parliamentary group, Petras Valenta, told us that the "
            "Prime Minister would put the budget first. He said the vote would pass.",
            "Opposition leader Dainius Kerr told Poloff that the sale would be delayed.",
        ),
        apart=(
            ("Olga Marin", "Petras Valenta"),
            ("Olga Marin", "Dainius Kerr"),
            ("Petras Valenta", "Dainius Kerr"),
        ),
    ),
    Case(
        "a contact introduced by a long apposition before telling us is another encounter",
        (
            "Deputy Minister Olga Marin told us that the ministry wants a Western buyer.",
            "Dr. Anton Vasko, an industry analyst and adviser to the chairman of one of the "
            "country's largest banks, told us that Moscow holds the real leverage. He "
            "stressed that any buyer depends on Russian crude.",
            "Vasko also told us that the letter from Moscow was a veiled threat.",
        ),
        apart=(("Olga Marin", "Anton Vasko"),),
    ),
    Case(
        "a contact telling the Ambassador after another told the Ambassador",
        (
            "Mayor Karl Hessen told the Ambassador on May 4 that the vote surprised him.",
            "Interior Minister Ivan Petrov told the Ambassador that the police would act.",
        ),
        apart=(("Karl Hessen", "Ivan Petrov"),),
        fields={"classified_by": DOYLE},
    ),
    # the addressee after a verb of speech and "to"
    Case(
        "confirmed to Ambassador: the chief of mission is addressed",
        (
            "Ambassador Jean Badou (the Facilitator's representative in the capital) "
            "confirmed to Ambassador on June 26 the power-sharing nature of the accord. "
            "Badou acknowledged that the mixed brigades are meant to reassure both sides.",
        ),
        met=("Ann Doyle", "Jean Badou"),
        fields={"classified_by": DOYLE},
    ),
    Case(
        "complained to the Minister: both in the exchange told",
        (
            "On May 4, Senator Karl Whitby complained to Interior Minister Ivan Petrov that "
            "the border law had stalled.",
        ),
        met=("Karl Whitby", "Ivan Petrov"),
    ),
    # meeting.reported-speech: an encounter told second-hand
    Case(
        "he said he had spoken to the President: the teller and the President, reported",
        (
            "Polchief spoke on August 20 with Major General Hayk Arutian of the MOD. Arutian "
            "said he had spoken to President Sarkis Barian, who was ready to act.",
        ),
        reported=("Hayk Arutian", "Sarkis Barian"),
    ),
    Case(
        "a contact says two others talked by phone: those two, reported",
        (
            "Deputy Minister Olga Marin told Poloff that Foreign Minister Mihai Sorin had "
            "talked by phone with Prime Minister Radu Vlad on Sunday.",
        ),
        reported=("Mihai Sorin", "Radu Vlad"),
    ),
    # meeting.recalled: someone's own encounter, told inside the one being told
    Case(
        "his meeting with another president, recalled in the meeting: reported, apart",
        (
            "On January 5, the Charge met with President Fernando Arce and his adviser Omar "
            "Castell.",
            "Arce asked why the agreement was never signed. The Charge explained our "
            "patience. Then we had to wait for the elections; and then President Arce's "
            "inauguration; and then his meeting with President Karl Whitby. Arce laughed.",
        ),
        met=("Fernando Arce", "Omar Castell"),
        apart=(("Omar Castell", "Karl Whitby"),),
        reported=("Fernando Arce", "Karl Whitby"),
    ),
    # verbs of belief: a view held tells of no exchange by itself
    Case(
        "someone of whom the meeting says only what he believed is not a participant",
        (
            "On May 4, the Ambassador met with Foreign Minister Mihai Sorin.",
            "Sorin said the vote would pass in June. Prime Minister Radu Vlad believed the "
            "opposition would split.",
        ),
        met=("Ann Doyle", "Mihai Sorin"),
        apart=(("Mihai Sorin", "Radu Vlad"), ("Ann Doyle", "Radu Vlad")),
        fields={"classified_by": DOYLE},
    ),
    Case(
        "a participant who believes something goes on taking part",
        (
            "On May 4, the Ambassador met with Foreign Minister Mihai Sorin and Deputy "
            "Foreign Minister Lina Stoeva.",
            "Stoeva believes the brigade will deploy in May.",
        ),
        met=("Ann Doyle", "Mihai Sorin", "Lina Stoeva"),
        fields={"classified_by": DOYLE},
    ),
    # what still goes on with the encounter being told
    Case(
        "someone named in the meeting's opening who speaks in a paragraph of his own",
        (
            "On May 4, the Ambassador met with Foreign Minister Mihai Sorin and Deputy "
            "Foreign Minister Lina Stoeva.",
            "Sorin said the vote would pass in June.",
            "Stoeva told the Ambassador that the opposition would not block it.",
        ),
        met=("Ann Doyle", "Mihai Sorin", "Lina Stoeva"),
        fields={"classified_by": DOYLE},
    ),
    Case(
        "a new speaker who answers someone of the meeting stays in it",
        (
            "On May 4, the Ambassador met with Foreign Minister Mihai Sorin.",
            "Sorin said the vote would pass in June. Political Director Radu Vlad told the "
            "Ambassador that Sorin was right.",
        ),
        met=("Ann Doyle", "Mihai Sorin", "Radu Vlad"),
        fields={"classified_by": DOYLE},
    ),
)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_participants_of_the_genre(case: Case) -> None:
    extraction = extract(hand_cable(*case.texts, **case.fields))
    pairs = _pairs(extraction)
    for pair in combinations(case.met, 2):
        assert frozenset(pair) in pairs, (pair, pairs)
    for pair in case.apart:
        assert frozenset(pair) not in pairs, (pair, pairs)
    reported = _pairs(extraction, "reported")
    for pair in combinations(case.reported, 2):
        assert frozenset(pair) in reported, (pair, reported)
