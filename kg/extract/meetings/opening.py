"""What a cue opens: the rules for a sentence that tells an encounter, in order.

A cue sentence ("In a February 8 dinner meeting with ...", "Ambassador and A/DCM called on
FM Riekstins") goes to the first rule of ``CUE_RULES`` that takes it:

- ``paragraph.cue-continues``: "the meeting" again, with no one new and no new day: the
  current encounter goes on;
- ``meeting.quoted``: a cue inside a quotation: an encounter the speaker recalls,
  reported; the current encounter goes on;
- ``meeting.recalled``: in a paragraph where the encounter being told goes on, someone's
  own encounter with others ("and then his meeting with President Bush"): reported (held
  when it is our side's), the current encounter goes on;
- ``meeting.dated-guests``: "met Abbas in Ramallah on February 9 and Netanyahu in
  Jerusalem on February 10": one encounter per guest, each on its own day;
- ``meeting.plural``: "meetings with A and B", "separately met A and B": one encounter per
  guest, with the main participants in each;
- ``meeting.cue``: one encounter; a later "separate" cue in the same paragraph opens a
  second one (``meeting.separate-cue``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kg.extract.clauses import OFFICERS_KEY, Sentence, interactions_of
from kg.extract.cues import all_cues, cue_people, host_of, place_of
from kg.extract.dates import SAME_DAY, find_dates, relative_day
from kg.extract.meetings.episodes import Episode
from kg.extract.meetings.participants import Cue, participants, status
from kg.extract.meetings.state import Passage, Reader, join_company
from kg.extract.rules import Rule, names
from kg.model import MeetingStatus

_GENERIC_KINDS = frozenset({"meeting", "discussion", "conversation", "talks"})
_SEPARATELY = re.compile(r"\bseparately\b", re.IGNORECASE)
_SEPARATE = re.compile(r"\bseparate(?:ly)?\b", re.IGNORECASE)


@dataclass(slots=True)
class Opening:
    """A cue sentence, its kind of encounter, and the participants it names."""

    reader: Reader
    passage: Passage
    cue: Cue
    kind: str  # meeting, call, dinner ...
    plural: bool  # "meetings", "discussions": encounters, not one
    listed: list[tuple[str, str]]  # (entity key, participant rule)

    @property
    def keys(self) -> list[str]:
        return [k for k, _ in self.listed]

    def rule_of(self, key: str) -> str:
        # a subject the cue does not list still acts in it
        return next((r for k, r in self.listed if k == key), "participant.interactions")


def open_by_cue(
    reader: Reader, passage: Passage, sentence: Sentence, kind: str, plural: bool
) -> None:
    """The first rule of ``CUE_RULES`` that takes the cue writes what it opens."""
    cue = Cue(
        passage.text,
        sentence,
        passage.parsed,
        reader.gazetteer,
        reader.visitor,
        reader.created,
        reader.chief,
    )
    opening = Opening(reader, passage, cue, kind, plural, participants(cue))
    for rule in CUE_RULES:
        if rule.apply(opening):
            return


def _continues(opening: Opening) -> bool:
    reader, passage, sentence = opening.reader, opening.passage, opening.cue.sentence
    current = reader.current
    if current is None or opening.plural or current.summary != passage.summary:
        return False
    generic = opening.kind in _GENERIC_KINDS or opening.kind == current.kind
    if not (generic or not passage.paragraph.heading):
        return False
    if not set(opening.keys) <= set(current.participants):
        return False
    span = passage.text[sentence.start : sentence.end]
    if find_dates(span, reader.created, caps=passage.caps):
        return False
    current.paragraphs.append(passage.index)
    current.add(passage.interactions, "participant.interactions")
    join_company(current, passage.parsed, reader.chief)
    current.hear(passage.parsed, reader.ours)
    settle_status(reader, current)
    return True


_QUOTES = ('"', "“", "”")


def _quoted(opening: Opening) -> bool:
    """A cue inside a quotation ("... and then his meeting with President Bush; and then
    ...") tells an encounter the speaker recalls: reported, and the encounter being told
    goes on."""
    reader, passage, sentence = opening.reader, opening.passage, opening.cue.sentence
    text = passage.text
    before = text[: sentence.start]
    opened = before.count('"') % 2 == 1 or before.count("“") > before.count("”")
    if not (opened or text[sentence.start : sentence.start + 1] in _QUOTES):
        return False
    if opening.keys:
        reader.others.append(
            Episode(
                opening.kind,
                [passage.index],
                "meeting.quoted",
                status="reported",
                status_rule="status.reported",
                explicit=True,
                participants=list(opening.keys),
                participant_rules=[opening.rule_of(k) for k in opening.keys],
            )
        )
    current = reader.current
    if current is not None:
        current.paragraphs.append(passage.index)
        current.add(passage.interactions, "participant.interactions")
        join_company(current, passage.parsed, reader.chief)
        current.hear(passage.parsed, reader.ours)
    return True


# "his meeting with President Bush", "Lugo's talks with the King": an encounter of someone's
_THEIR_MEETING = re.compile(
    r"\b(?:his|her|their|[A-Z][\w-]*['’]s?)\s+(?:[\w-]+\s+){0,3}?(?:meetings?|talks|"
    r"conversations?|call|visit|discussions?|consultations)\s+with\b"
)


def _recalled(opening: Opening) -> bool:
    """Inside a paragraph where the encounter being told goes on, someone's own encounter
    with others ("Charge explained ...; then President Lugo's inauguration; and then his
    meeting with President Bush"): an encounter told second-hand (reported, or planned when
    still to come), and the encounter being told goes on."""
    reader, passage, sentence = opening.reader, opening.passage, opening.cue.sentence
    current = reader.current
    if current is None or passage.summary or sentence.officers or sentence.chief:
        return False
    text = passage.text
    found = _THEIR_MEETING.search(text, sentence.start, sentence.reported_from or sentence.end)
    if found is None:
        return False
    goes_on = set(current.participants) & set(passage.interactions)
    new = [k for k in opening.keys if k not in current.participants]
    if not (goes_on and new) or sentence is passage.parsed[0]:
        return False
    keys = list(opening.keys)
    rules = [opening.rule_of(k) for k in keys]
    owner = _owner(passage, sentence, found.start())
    if owner is not None and owner not in keys:
        keys.insert(0, owner)
        rules.insert(0, "participant.teller")
    state, state_rule = status(opening.cue, None)
    ours = {OFFICERS_KEY, *reader.ours, reader.chief}
    if state == "held" and not ours & set(keys):  # our own encounter recalled: held
        state, state_rule = "reported", "status.reported"
    reader.others.append(
        Episode(
            opening.kind,
            [passage.index],
            "meeting.recalled",
            status=state,
            status_rule=state_rule,
            explicit=True,
            participants=keys,
            participant_rules=rules,
        )
    )
    current.paragraphs.append(passage.index)
    current.add(passage.interactions, "participant.interactions")
    join_company(current, passage.parsed, reader.chief)
    current.hear(passage.parsed, reader.ours)
    return True


def _owner(passage: Passage, sentence: Sentence, at: int) -> str | None:
    """Whose encounter "his meeting with" tells: the person named just before "'s", else the
    last person named before it in the sentence, else the last subject of the sentences
    before it."""
    named = next((k for f, k in sentence.people if f.start <= at < f.end), None)
    if named is not None:
        return named  # "Lugo's meeting with"
    earlier = [k for f, k in sentence.people if f.end <= at]
    if earlier:
        return earlier[-1]  # "President Lugo's inauguration; and then his meeting with"
    before = [s for s in passage.parsed if s.end <= sentence.start and s.subjects]
    return before[-1].subjects[-1] if before else None


def _dated_guests(opening: Opening) -> bool:
    guests = dated_guests(opening)
    if not guests:
        return False
    sentence, passage = opening.cue.sentence, opening.passage
    for guest, guest_day in guests:
        state, state_rule = _status(opening, guest_day)
        mains = [(k, opening.rule_of(k)) for k in sentence.subjects]
        episode = Episode(
            opening.kind,
            [passage.index],
            "meeting.dated-guests",
            guest_day,
            status=state,
            status_rule=state_rule,
            explicit=True,
            summary=passage.summary,
            participants=[*sentence.subjects, guest],
            participant_rules=[*(r for _, r in mains), opening.rule_of(guest)],
        )
        opening.reader.episodes.append(episode)
    opening.reader.current = None
    return True


def _plural(opening: Opening) -> bool:
    reader, passage, sentence = opening.reader, opening.passage, opening.cue.sentence
    text = passage.text
    addressed = opening.cue.addressed
    apart = _SEPARATELY.search(text, sentence.start, sentence.end)
    separately = apart is not None
    plural = opening.plural and (passage.summary or addressed)
    if not (plural or separately):
        return False
    listed = opening.keys
    mains = [k for k in sentence.subjects if k in listed]
    if addressed and reader.visitor is not None:
        mains = [reader.visitor]
    if apart is not None:
        mains = [k for k in listed if k == OFFICERS_KEY or k in sentence.subjects]
        if not mains:  # "While in Minsk, Paet upgraded ..., and separately met with A and B"
            before = {k for f, k in sentence.people if f.start < apart.start()}
            mains = [k for k in listed if k in before]
    guests = [k for k in listed if k not in mains]
    day, place, _ = _when_where(opening)
    state, state_rule = _status(opening, day)
    group = []
    for guest in guests:
        episode = Episode(
            opening.kind,
            [passage.index],
            "meeting.plural",
            day,
            place,
            status=state,
            status_rule=state_rule,
            explicit=True,
            summary=passage.summary,
            participants=[*mains, guest],
            participant_rules=[opening.rule_of(k) for k in (*mains, guest)],
        )
        reader.episodes.append(episode)
        group.append(episode)
    reader.current = None
    if separately:  # what follows is told of each encounter in turn
        reader.separate = group
    return True


def _one(opening: Opening) -> bool:
    reader, passage, sentence = opening.reader, opening.passage, opening.cue.sentence
    text = passage.text
    day, place, host = _when_where(opening)
    state, state_rule = _status(opening, day)
    current = Episode(
        opening.kind,
        [passage.index],
        "meeting.cue",
        day,
        place,
        host,
        status=state,
        status_rule=state_rule,
        explicit=True,
        summary=passage.summary,
    )
    reader.current = current
    if day is None and SAME_DAY.search(text[sentence.start : sentence.end]):
        current.follows = next((e for e in reversed(reader.episodes) if not e.summary), None)
    current.add_each(opening.listed)
    after = [p for p in passage.parsed if p.start > sentence.start]
    later = all_cues(text, after, reader.gazetteer, passage.caps)  # read up to a "separate" one
    second = next((c for c in later if _SEPARATE.search(text, c[0].start, c[0].end)), None)
    if second is None:
        current.add(passage.interactions, "participant.interactions")
        join_company(current, passage.parsed, reader.chief)
        current.hear(passage.parsed, reader.ours)
        reader.episodes.append(current)
        return True
    # "In separate discussions, Poloff received ... from X": two encounters in one
    # paragraph, each with the people of its own sentences
    before = [p for p in passage.parsed if p.start < second[0].start]
    current.add(interactions_of(before), "participant.interactions")
    join_company(current, before, reader.chief)
    reader.episodes.append(current)
    other = Episode(
        second[1], [passage.index], "meeting.separate-cue", explicit=True, summary=passage.summary
    )
    other.add(cue_people(text, second[0], reader.gazetteer), "participant.listed")
    other.add([OFFICERS_KEY] if second[0].officers else [], "participant.officers")
    rest = [p for p in passage.parsed if p.start >= second[0].start]
    other.add(interactions_of(rest), "participant.interactions")
    join_company(other, rest, reader.chief)
    reader.episodes.append(other)
    reader.separate, reader.current = [current, other], None
    return True


def _status(opening: Opening, day: date | None) -> tuple[MeetingStatus, str]:
    """The status rules of the cue; then ``status.others``: an encounter that none of our
    side takes part in (the post's officers and chief, who signed or classified, the
    visitor, the people of the subject line), told after one of ours, is told second-hand
    ("In his January meeting with General Jones, the King cited ...", "Paet separately met
    with Lukashenko")."""
    state, rule = status(opening.cue, day)
    if state == "held" and _of_others(opening):
        return "reported", "status.others"
    return state, rule


def _of_others(opening: Opening) -> bool:
    reader, passage, sentence = opening.reader, opening.passage, opening.cue.sentence
    if sentence.officers or sentence.chief:
        return False
    ours = _our_side(reader)
    # those who speak or act in the paragraph take part too: our side among them holds it
    if ours & {*opening.keys, *sentence.subjects, *passage.interactions}:
        return False
    return any(
        e.explicit and e.status == "held" and ours & set(e.participants) for e in reader.episodes
    )


def _our_side(reader: Reader) -> set[str]:
    side = {OFFICERS_KEY, *reader.ours, *reader.headline}
    side |= {k for k in (reader.chief, reader.visitor) if k is not None}
    return side


def settle_status(reader: Reader, episode: Episode) -> None:
    """An encounter taken for one of others that our side turns out to take part in, in a
    paragraph that goes on telling it, is held after all."""
    if episode.status_rule == "status.others" and _our_side(reader) & set(episode.participants):
        episode.status, episode.status_rule = "held", "status.held"


CUE_RULES: tuple[Rule[Callable[[Opening], bool]], ...] = (
    Rule("paragraph.cue-continues", _continues),
    Rule("meeting.quoted", _quoted),
    Rule("meeting.recalled", _recalled),
    Rule("meeting.dated-guests", _dated_guests),
    Rule("meeting.plural", _plural),
    Rule("meeting.cue", _one),
)
RULE_NAMES = (*names(CUE_RULES), "meeting.separate-cue")


def _when_where(opening: Opening) -> tuple[date | None, str | None, str | None]:
    """The day, place and host of the encounter a cue opens."""
    reader, passage, sentence = opening.reader, opening.passage, opening.cue.sentence
    text = passage.text
    day = _day(reader, passage, sentence)
    place = place_of(text, sentence, reader.spots.get(passage.index, []), reader.places)
    return day, place, host_of(text, sentence)


def _day(reader: Reader, passage: Passage, sentence: Sentence) -> date | None:
    text, caps, created = passage.text, passage.caps, reader.created
    span = text[sentence.start : sentence.reported_from or sentence.end]
    dates = find_dates(span, created, caps=caps)
    if dates:
        return dates[0].day
    previous = next((e.day for e in reversed(reader.episodes) if e.day is not None), None)
    relative = relative_day(span, created, previous)
    if relative is not None:
        return relative
    for other in passage.parsed:  # another sentence of the paragraph where the same people meet
        if other is sentence or not (other.subjects or other.objects) or not other.officers:
            continue
        dates = find_dates(text[other.start : other.reported_from or other.end], created, caps=caps)
        if dates:
            return dates[0].day
    return None


def dated_guests(opening: Opening) -> list[tuple[str, date]]:
    """Guests each followed by a day of their own, when the sentence gives two days or more."""
    sentence, passage = opening.cue.sentence, opening.passage
    if not sentence.subjects:
        return []
    span = passage.text[sentence.start : sentence.reported_from or sentence.end]
    dates = find_dates(span, opening.reader.created, caps=passage.caps)
    if len(dates) < 2:
        return []
    listed = opening.keys
    guests = [
        (find.start - sentence.start, key)
        for find, key in sentence.people
        if key in listed and key not in sentence.subjects
    ]
    found: list[tuple[str, date]] = []
    for i, (at, key) in enumerate(guests):
        limit = guests[i + 1][0] if i + 1 < len(guests) else len(span)
        own = [d for d in dates if at < d.start < limit]
        if len(own) != 1:
            return []
        found.append((key, own[0].day))
    return found if len({d for _, d in found}) == len(found) >= 2 else []
