"""The reader: a cable's paragraphs in order, each through the paragraph rules in turn.

``PARAGRAPH_RULES`` is an ordered table; the first rule that tells a paragraph (returns
True) ends its reading. The reader's state is the encounter being told (``current``), the
encounters told together ("and, separately, ..."), and whether a summary is being read.

- ``paragraph.closing``: a comment, a note, the drafting lines end the encounter;
- ``meeting.attendees``: "Participants: ...", "U.S. Delegation: ..." lists who was there
  (a memorandum of conversation opens with it); ``paragraph.side-list``: the next side's
  list of the same block; ``meeting.delegation``: "The U.S. delegation included ...", one
  side, joined to each of its calls; ``paragraph.listed-goes-on``: the paragraphs after a
  list that opened an encounter tell it (all four in ``kg.extract.meetings.lists``);
- ``paragraph.side``: encounters of others told in passing (``kg.extract.meetings.side``);
  never ends the reading;
- ``paragraph.cue``: a sentence that opens an encounter (the rules of ``opening``);
- ``paragraph.separate-turn``: after encounters told together, a paragraph of their people;
- ``paragraph.another-encounter``: "Separately, ...", or our side on another day, ends
  the current encounter; never ends the reading;
- ``paragraph.another-contact``: a contact the current encounter never named tells our
  side something, and none of its people speak: another encounter (several contacts, each
  "told us" in paragraphs of their own); never ends the reading;
- ``paragraph.continues``: the current encounter goes on (someone speaks or acts in it);
- ``meeting.exchange``: without a cue, our side and someone else speak: an exchange.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from kg.extract.clauses import OFFICERS_KEY
from kg.extract.cues import first_cue
from kg.extract.dates import find_dates
from kg.extract.meetings import lists
from kg.extract.meetings.episodes import Episode
from kg.extract.meetings.opening import open_by_cue, settle_status
from kg.extract.meetings.side import side_meetings
from kg.extract.meetings.state import Passage, Reader, enter, join_company
from kg.extract.rules import Rule, names
from kg.model import Paragraph

_CLOSING_HEAD = re.compile(r"\W*(?:comment|note|drafted by)\b", re.IGNORECASE)
# "c(?<=\bc)" is "\bc" written so that the search can skip to the next "c"
_CLOSING_WORDS = re.compile(
    r"c(?<=\bc)(?:leared this (?:cable|message)|lassified website)\b", re.IGNORECASE
)
_PRONOUN_SPEECH = re.compile(r"\b(?:he|she|they)\s+(?:\w+ly\s+)?(\w+)", re.IGNORECASE)
_SEPARATELY_OPENS = re.compile(r"^\W*(?:separately|in a separate|on another occasion)\b", re.I)
# our side addressed by name of role: "told us", "informed the Ambassador", "briefed CG"
_TOLD_US = re.compile(
    r"\b(?:told|tells|informed|briefed|assured|warned|shared with|explained to|said to)\s+"
    r"(?:the\s+)?(?:us|ambassador|charg[eé]|cda|dcm|cg|congen|consul general|poloff|econoff"
    r"|emboffs?|polcouns|econcouns|pol\s?fsn)\b",
    re.IGNORECASE,
)


def read(reader: Reader, paragraph: Paragraph) -> None:
    """One paragraph: the summary state, then the paragraph rules until one tells it."""
    passage = enter(reader, paragraph)
    for rule in PARAGRAPH_RULES:
        if rule.apply(reader, passage):
            return


def _closing(reader: Reader, passage: Passage) -> bool:
    """A comment, a note, the drafting and clearance lines: no longer an encounter."""
    text = passage.text
    closing = _CLOSING_HEAD.match(text) is not None or _CLOSING_WORDS.search(text) is not None
    if closing and not any(s.subjects for s in passage.parsed):
        reader.current = None
        return True
    return False


def _side(reader: Reader, passage: Passage) -> bool:
    """Encounters of others told in passing: kept aside, the paragraph read on. The others
    of an encounter told second-hand act in it, not in the one being told ("Beust told the
    Ambassador he had met Merkel last night. Merkel expressed concern to Beust ...")."""
    found = side_meetings(passage.paragraph, passage.parsed, reader.created, passage.caps)
    reader.others.extend(found)
    current = reader.current.participants if reader.current is not None else []
    for episode in found:
        if episode.status != "reported":
            continue
        for key, rule in zip(episode.participants, episode.participant_rules, strict=False):
            if rule != "participant.teller" and key not in current and key not in reader.ours:
                passage.elsewhere.add(key)
    return False


def _cue(reader: Reader, passage: Passage) -> bool:
    """A sentence that opens an encounter: the opening rules read it."""
    cue = first_cue(
        passage.text,
        passage.parsed,
        reader.gazetteer,
        passage.caps,
        definite=reader.current is None,
    )
    if cue is None:
        return False
    open_by_cue(reader, passage, *cue)
    return True


def _separate_turn(reader: Reader, passage: Passage) -> bool:
    """After encounters told together, a paragraph of their people goes to each of them."""
    speaking = passage.speaking
    if reader.separate and speaking and reader.current is None:
        touched = [e for e in reader.separate if set(speaking) & set(e.participants)]
        for episode in touched:
            episode.paragraphs.append(passage.index)
        if touched:
            return True
    if speaking:
        reader.separate = []
    return False


def _another_encounter(reader: Reader, passage: Passage) -> bool:
    """A paragraph without a cue that tells another exchange ends the current one: it opens
    with "Separately", or our side talks with someone on another day ("told Poloff June 28")."""
    current = reader.current
    if current is not None and _elsewhen(reader, passage, current):
        reader.current = None
    return False


def _elsewhen(reader: Reader, passage: Passage, current: Episode) -> bool:
    if _SEPARATELY_OPENS.match(passage.text):
        return True
    if current.day is None:
        return False
    day = _our_day(reader, passage)
    return day is not False and day is not None and day != current.day


def _our_day(reader: Reader, passage: Passage) -> date | bool | None:
    """The day of the first sentence where our side acts with someone: None when it gives
    none, False when there is no such sentence."""
    for sentence in passage.parsed:
        acting = {*sentence.subjects, *sentence.objects}
        if acting and (sentence.officers or acting & reader.ours):
            span = passage.text[sentence.start : sentence.reported_from or sentence.end]
            dates = find_dates(span, reader.created, caps=passage.caps)
            return dates[0].day if dates else None
    return False


def _another_contact(reader: Reader, passage: Passage) -> bool:
    """A contact not named in the encounter being told tells our side something, and no one
    of that encounter speaks: another encounter ("Olekas told us that ..." after "Vice
    Minister Eidukevicius told us ..."), the exchange rule opens it. Never ends the reading."""
    current = reader.current
    if current is None or current.listed or passage.summary:
        return False
    teller = next((s for s in passage.parsed if s.subjects or s.people), None)
    if teller is None:
        return False
    ours = {*reader.ours, OFFICERS_KEY}
    named = {key for i in current.paragraphs for _, key in reader.by_paragraph.get(i, [])}
    if any(k in current.participants and k not in ours for k in passage.interactions):
        return False
    # the subject, else who opens the sentence ("Dr. X, an analyst and adviser to ..., told us")
    tellers = teller.subjects or [teller.people[0][1]]
    if not any(k not in named and k not in ours for k in tellers):
        return False
    end = teller.reported_from or teller.end
    if (
        teller.officers
        or teller.chief
        or set(teller.objects) & ours
        or _TOLD_US.search(passage.text, teller.start, end)
    ):
        reader.current = None
    return False


def _continues(reader: Reader, passage: Passage) -> bool:
    """The current encounter goes on: someone speaks or acts; background between two turns
    stays in it; a new section with new speakers (outside the summary) does not."""
    current = reader.current
    if current is None:
        return False
    new_speakers = [
        k
        for s in passage.parsed
        for k in s.subjects
        if k not in current.participants and k not in reader.ours
    ]
    if passage.paragraph.heading and new_speakers and not passage.summary:
        reader.current = None
        return False
    held = [k for s in passage.parsed for k in s.believers if k in current.participants]
    if (
        passage.interactions
        or held
        or passage.companions
        or passage.told
        or _PRONOUN_SPEECH.search(passage.text)
        or (reader.chief is not None and any(s.chief for s in passage.parsed))
    ):
        current.paragraphs.append(passage.index)
        current.add(passage.interactions, "participant.interactions")
        join_company(current, passage.parsed, reader.chief)
        current.hear(passage.parsed, reader.ours)
        settle_status(reader, current)
        return True
    if passage.people:
        reader.current = None
    return True


def _exchange(reader: Reader, passage: Passage) -> bool:
    """Without a cue, people who speak or act: an exchange, kept if our side is in it."""
    if not passage.speaking:
        return False
    day = _our_day(reader, passage)
    current = Episode(
        "meeting",
        [passage.index],
        "meeting.exchange",
        day if isinstance(day, date) else None,
        summary=passage.summary,
    )
    current.add(passage.interactions, "participant.interactions")
    companions = passage.companions
    join_company(current, passage.parsed, reader.chief)
    current.hear(passage.parsed, reader.ours)
    if companions:
        current.dialogue = True  # people said to be there together: an encounter
    reader.episodes.append(current)
    reader.current = current
    return True


PARAGRAPH_RULES: tuple[Rule[Callable[[Reader, Passage], bool]], ...] = (
    Rule("paragraph.closing", _closing),
    Rule("meeting.attendees", lists.attendees),
    Rule("paragraph.side-list", lists.side_list),
    Rule("meeting.delegation", lists.delegation),
    Rule("paragraph.side", _side),
    Rule("paragraph.listed-goes-on", lists.listed_goes_on),
    Rule("paragraph.cue", _cue),
    Rule("paragraph.separate-turn", _separate_turn),
    Rule("paragraph.another-encounter", _another_encounter),
    Rule("paragraph.another-contact", _another_contact),
    Rule("paragraph.continues", _continues),
    Rule("meeting.exchange", _exchange),
)
RULE_NAMES = names(PARAGRAPH_RULES)
