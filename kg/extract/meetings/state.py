"""The state of a cable being read for encounters, and a paragraph as the rules see it.

:class:`Reader` holds what the meeting rules share from paragraph to paragraph: the
encounter being told, the encounters told together, the summary's day and place;
:class:`Passage` one paragraph, parsed into sentences, with its people.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from kg.extract.clauses import OFFICERS_KEY, Sentence, analyse, companions_of, interactions_of
from kg.extract.cues import place_of
from kg.extract.dates import find_dates
from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer
from kg.extract.meetings.episodes import Episode
from kg.extract.text import is_caps, sentences
from kg.model import Cable, Entity, Paragraph

_SUMMARY = re.compile(r"^\W*summary\b", re.IGNORECASE)


_END_SUMMARY = re.compile(r"\bend\s+summary\b", re.IGNORECASE)


_TOLD_BY = re.compile(r"^\W*according to [^.:]{1,80}:", re.IGNORECASE)


@dataclass(slots=True)
class Reader:
    """A cable being read for encounters: what the rules share from paragraph to paragraph."""

    cable: Cable
    gazetteer: Gazetteer
    created: date | None
    by_paragraph: dict[int, list[tuple[Find, str]]]  # person finds and their entity keys
    spots: dict[int, list[tuple[Find, str]]]  # place finds and their entity keys
    places: dict[str, Entity]
    ours: set[str]  # the post's own people: who signed, who classified
    visitor: str | None  # the visitor a scenesetter is addressed to
    episodes: list[Episode] = field(default_factory=list)
    others: list[Episode] = field(default_factory=list)  # encounters of others
    current: Episode | None = None
    separate: list[Episode] = field(default_factory=list)  # told together, "separately"
    in_summary: bool = False
    default_day: date | None = None
    default_place: str | None = None
    chief: str | None = None  # the post's chief, whom "the Consul General" names
    headline: set[str] = field(default_factory=set)  # the people of the subject line
    listing: Episode | None = None  # the encounter a block of lists being read names
    both_sides: bool = False  # that block lists everyone there, not one side
    delegations: list[Episode] = field(default_factory=list)  # lists of one side


@dataclass(slots=True)
class Passage:
    """One paragraph as the rules read it."""

    paragraph: Paragraph
    caps: bool
    people: list[tuple[Find, str]]  # person finds in text order, with their keys
    told: bool  # "According to del Castillo: -- ...": all of it is an account
    parsed: list[Sentence]
    summary: bool  # inside the summary
    # the others of encounters told second-hand here ("he had met Merkel last night"): they
    # act in that account, not in the encounter being told
    elsewhere: set[str] = field(default_factory=set)
    _interactions: list[str] | None = None
    text: str = field(init=False)  # the paragraph's text
    index: int = field(init=False)  # the paragraph's index

    def __post_init__(self) -> None:
        self.text = self.paragraph.text
        self.index = self.paragraph.index

    @property
    def interactions(self) -> list[str]:
        """Who speaks, acts or is addressed in the paragraph (our officers included)."""
        if self._interactions is None:
            acting = interactions_of(self.parsed)
            self._interactions = [k for k in acting if k not in self.elsewhere]
        return self._interactions

    @property
    def companions(self) -> list[str]:
        """Who the paragraph says was there with someone: "X was accompanied by A and B"."""
        return companions_of(self.parsed)

    @property
    def speaking(self) -> list[str]:
        return [k for k in self.interactions if k != OFFICERS_KEY]


def join_company(episode: Episode, parsed: Sequence[Sentence], chief: str | None) -> None:
    """Let the companions these sentences name take part, and the post's chief when they
    name it by role only ("ConGen met with ...", "the Consul General added")."""
    episode.add(companions_of(parsed), "participant.companions")
    if chief is not None and any(s.chief for s in parsed):
        episode.add([chief], "participant.post-chief")


def enter(reader: Reader, paragraph: Paragraph) -> Passage:
    """Parse a paragraph's sentences, and note whether it is (or ends) the summary."""
    text = paragraph.text
    caps = is_caps(text)
    if _SUMMARY.search(text):
        reader.in_summary = True
    people = sorted(reader.by_paragraph.get(paragraph.index, []), key=lambda p: p[0].start)
    told = bool(_TOLD_BY.match(text))
    parsed = [analyse(text, s, e, people, reader.gazetteer, caps, told) for s, e in sentences(text)]
    summary = reader.in_summary
    if reader.in_summary and _END_SUMMARY.search(text):
        reader.in_summary = False
    if summary and reader.default_day is None:
        reader.default_day, reader.default_place = summary_default(
            text, parsed, reader.created, reader.places, reader.spots.get(paragraph.index, [])
        )
    return Passage(paragraph, caps, people, told, parsed, summary)


def summary_default(
    text: str,
    parsed: Sequence[Sentence],
    created: date | None,
    places: dict[str, Entity],
    spots: list[tuple[Find, str]],
) -> tuple[date | None, str | None]:
    """The day (and place) a summary gives for the encounters it sums up."""
    for sentence in parsed:
        span = text[sentence.start : sentence.end]
        if not re.search(r"\b(?:met|meetings?|consultations|talks|told|called on|visit)\b", span):
            continue
        dates = find_dates(span, created)
        if dates:
            return dates[0].day, place_of(text, sentence, spots, places)
    return None, None
