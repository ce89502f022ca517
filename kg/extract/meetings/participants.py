"""Who takes part in an encounter a cue opens, and its status: two ordered rule tables.

A cue sentence ("Ambassador and A/DCM called on FM Riekstins") names its participants by
these rules, in order (``PARTICIPANT_RULES``):

- ``participant.listed``: everyone the sentence names, save possessives, modifiers and
  people talked about ("met with A, B and C");
- ``participant.officers``: the post's own unnamed officers ("we", "PolOff");
- ``participant.redacted``: a contact the release blacked out ("met with XXXXXXXXXXXX");
- ``participant.post-chief``: the post's chief named by role only ("ConGen met with ...",
  "the Consul General had lunch with ..."): in a consulate's cable, the consul general
  who classified it, else who signed it;
- ``participant.teller``: "He plans to meet Guebuza": the subject of the sentence before;
- ``participant.visitor``: a scenesetter's "your meetings with A and B": its visitor.

The people who speak or act in the paragraphs that tell it join by
``participant.interactions``; those a sentence of its own says came with someone ("X was
accompanied by A and B", "A and B joined the meeting", "A and a notetaker rounded out the
U.S. side") by ``participant.companions``; a list of who was there by
``participant.attendees``.

Its status (``STATUS_RULES``): ``status.addressed`` (a scenesetter speaks to the visitor
of meetings to come) and ``status.planned`` (a day ahead of the cable, "will meet") make it
planned; else ``status.held``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from kg.extract.clauses import OFFICERS_KEY, Sentence
from kg.extract.cues import cue_people, is_planned
from kg.extract.gazetteer import Gazetteer
from kg.extract.meetings.episodes import REDACTED_KEY
from kg.extract.meetings.side import HE_SHE
from kg.extract.rules import Rule, names
from kg.model import MeetingStatus

_REDACTED = re.compile(r"X{6,}")
_YOU = re.compile(r"\byou(?:r)?\b", re.IGNORECASE)


@dataclass(slots=True)
class Cue:
    """A sentence that opens an encounter, in its paragraph."""

    text: str
    sentence: Sentence
    parsed: Sequence[Sentence]
    gazetteer: Gazetteer
    visitor: str | None  # the visitor a scenesetter is addressed to
    created: date | None
    chief: str | None = None  # the post's chief, whom "the Consul General" names

    @property
    def addressed(self) -> bool:
        """The sentence speaks to the visitor: "you will meet", "your meetings with"."""
        sentence = self.sentence
        end = sentence.reported_from or sentence.end
        return self.visitor is not None and bool(_YOU.search(self.text, sentence.start, end))


@dataclass(slots=True)
class Joined:
    """The participants a rule names; ``first`` puts them before the others, once each."""

    keys: list[str]
    first: bool = False


def _listed(cue: Cue) -> Joined:
    keys = cue_people(cue.text, cue.sentence, cue.gazetteer)
    sentence = cue.sentence
    if cue.text[sentence.start : sentence.end].rstrip().endswith(":"):
        # "had lunch with two top figures of the party:" and the list after the colon
        listed = next((p for p in cue.parsed if p.start >= sentence.end), None)
        if listed is not None:
            keys += [k for k in cue_people(cue.text, listed, cue.gazetteer) if k not in keys]
    return Joined(keys)


def _officers(cue: Cue) -> Joined:
    return Joined([OFFICERS_KEY] if cue.sentence.officers else [])


def _redacted(cue: Cue) -> Joined:
    found = _REDACTED.search(cue.text, cue.sentence.start, cue.sentence.end)
    return Joined([REDACTED_KEY] if found else [])  # "met with XXXXXXXXXXXX": someone was there


def _post_chief(cue: Cue) -> Joined:
    chief = cue.chief
    return Joined([chief] if chief is not None and cue.sentence.chief else [])


def _teller(cue: Cue) -> Joined:
    teller = pronoun_teller(cue.text, cue.sentence, cue.parsed)
    return Joined([teller] if teller is not None else [], first=True)


def _visitor(cue: Cue) -> Joined:
    visitor = cue.visitor
    return Joined([visitor] if cue.addressed and visitor is not None else [], first=True)


PARTICIPANT_RULES: tuple[Rule[Callable[[Cue], Joined]], ...] = (
    Rule("participant.listed", _listed),
    Rule("participant.officers", _officers),
    Rule("participant.redacted", _redacted),
    Rule("participant.post-chief", _post_chief),
    Rule("participant.teller", _teller),
    Rule("participant.visitor", _visitor),
)


def participants(cue: Cue) -> list[tuple[str, str]]:
    """The participants a cue names, as (entity key, rule name): the rules in turn."""
    found: list[tuple[str, str]] = []
    for rule in PARTICIPANT_RULES:
        joined = rule.apply(cue)
        if not joined.first:
            found.extend((key, rule.name) for key in joined.keys)
            continue
        for key in reversed(joined.keys):
            if key not in [k for k, _ in found]:
                found.insert(0, (key, rule.name))
    return found


def pronoun_teller(text: str, sentence: Sentence, parsed: Sequence[Sentence]) -> str | None:
    """The subject of the sentence before, when this one opens with "He" or "She"."""
    if sentence.subjects or not HE_SHE.match(text, sentence.start):
        return None
    before = [p for p in parsed if p.end <= sentence.start]
    return before[-1].subjects[0] if before and before[-1].subjects else None


def _planned_addressed(cue: Cue, day: date | None) -> bool:
    return cue.addressed


def _planned(cue: Cue, day: date | None) -> bool:
    return is_planned(cue.text, cue.sentence, day, cue.created)


# the first rule that holds sets the status "planned"; none holds: "held"
STATUS_RULES: tuple[Rule[Callable[[Cue, date | None], bool]], ...] = (
    Rule("status.addressed", _planned_addressed),
    Rule("status.planned", _planned),
)
STATUS_NAMES = (*names(STATUS_RULES), "status.held", "status.others", "status.reported")


def status(cue: Cue, day: date | None) -> tuple[MeetingStatus, str]:
    """The status of the encounter a cue opens on ``day``, and the rule that set it."""
    for rule in STATUS_RULES:
        if rule.apply(cue, day):
            return "planned", rule.name
    return "held", "status.held"


PARTICIPANT_NAMES = (
    *names(PARTICIPANT_RULES),
    "participant.interactions",
    "participant.companions",
    "participant.attendees",
    "participant.delegation",
)
