"""Lists of who was there: participant blocks, side lists and delegation lists.

A memorandum of conversation names its participants in a block of their own, before or
after the paragraphs that tell the encounter: "Participants:", "U.S. Participants:",
"GOCR participants:", "UK Delegation:", "Brazil Side:", "Participants in the meeting with
FM Sikorski:", often one side per paragraph or under a heading of its own ("United States"
over a name and title per line). The rules, in the order the reader runs them:

- ``meeting.attendees``: a paragraph that opens with a list head: its people were there;
  the list opens the encounter when none is told yet (or one was listed already: the next
  memorandum), else it names who took part in the one told before it;
- ``paragraph.side-list``: in a block of lists, a paragraph of one side, under a side's
  heading or a side's head ("Brazil:", "Colombia", "Syrian participants:"): the same
  encounter;
- ``paragraph.listed-goes-on``: after a list that opened an encounter, the paragraphs that
  follow tell it, headed by topic or not, until a new list, a heading that names another
  encounter, "Separately", or a cue on another day.

When a block ends it is settled: a list of both sides ("Participants:", or two sides'
lists) folds into its encounter every other one told first-hand where two of its people
meet (one conversation told under several headings); a list of one side ("U.S.
Delegation:") joins the visiting side to each call where one of its people takes part
(separate calls of a delegation, each with the delegation's members).
"""

from __future__ import annotations

import re

from kg.extract.cues import PLANNED, first_cue
from kg.extract.dates import find_dates
from kg.extract.meetings.episodes import Episode
from kg.extract.meetings.state import Passage, Reader
from kg.extract.text import list_head

# a side's own head inside a block: "U.S.:", "Brazil:", "GOCR:", "United States" (alone)
_SIDE_HEAD = re.compile(r"^\W*(?:[A-Z][\w.'’/-]*\.?\s*){1,4}(?::|--|\n)")
# a section's heading that heads a list: "Participants", "U.S. Delegation", "Meeting
# Participants" (not "On the Other Side of the Berm", "Participants Say Iftar a Success")
_HEADING_LIST = re.compile(
    r"^\W*(?P<side>(?:[\w.'’/-]+\s+){0,3}?)"
    r"(?P<head>participants|attendees|delegation(?:\s+list|\s+members)?)\W*$",
    re.IGNORECASE,
)
# a heading that names an encounter, not a topic: "Lunch with Senior Dutch Officials"
_ENCOUNTER_HEADING = re.compile(
    r"\b(?:meeting|meets|met|call|calls|lunch|dinner|breakfast)\b", re.IGNORECASE
)
_SEPARATELY = re.compile(r"^\W*(?:separately|in a separate|on another occasion)\b", re.I)
# "The U.S. delegation included A, B and C", "The Libyan delegation, led by FM Kusa,
# consisted of ...", "CODEL members were ...", "Delegation members included ..."
_COMPOSED = re.compile(
    r"\b(?:delegation|codel|staffdel|team|side)s?(?:\s+members)?\b[^.;:]{0,80}?"
    r"\b(?:included|includes|consisted of|consists of|comprised|comprises|was composed of"
    r"|was made up of|members were|were made up of)\b",
    re.IGNORECASE,
)
# the cheap tests before _COMPOSED: substrings, no pattern over the paragraph
_GROUP_STEMS = (
    "elegation",
    "ELEGATION",
    "odel",
    "ODEL",
    "taffdel",
    "TAFFDEL",
    " team",
    " Team",
    " TEAM",
    " side",
    " Side",
    " SIDE",
)
_VERB_STEMS = (
    "nclud",
    "NCLUD",
    "onsist",
    "ONSIST",
    "ompris",
    "OMPRIS",
    "ompos",
    "OMPOS",
    "ade up",
    "ADE UP",
    "embers were",
    "EMBERS WERE",
)
# a call of the visiting group: "The delegation met with PM X", "CODEL called on ..."
_GROUP = re.compile(r"\b(?:delegation|codel|staffdel|team|the senators|the members)\b", re.I)


def _both_sides(match: re.Match[str]) -> bool:
    """A head for everyone there: "Participants:", not "U.S. Participants:"."""
    groups = match.groupdict()
    if "head" not in groups:
        return True  # the older forms: "Participants in July 3 and 4 Meetings", "Present"
    head = groups["head"].lower()
    return not groups["side"].strip() and head in ("participants", "attendees")


def attendees(reader: Reader, passage: Passage) -> bool:
    """ "Participants: ...", "U.S. Delegation: ...": who was there."""
    match = list_head(passage.text)
    heading = passage.paragraph.heading
    if match is None and heading and len(passage.people) >= 2:
        match = _HEADING_LIST.match(heading)  # a section headed "Participants", names under it
    if match is None:
        return False
    listed = [k for _, k in passage.people]
    which = match.groupdict().get("which")
    if which and reader.listing is not None:
        settle(reader)  # "Participants in the meeting with MOD Klich:": a list of its own
    block = reader.listing
    if block is not None:  # the next side's list of the same block
        _enlist(block, listed, passage.index)
        reader.both_sides = True
        return True
    target = _target(reader, passage, match, listed)
    reader.current = target
    reader.listing = target
    reader.both_sides = _both_sides(match)
    if target is not None:
        _enlist(target, listed, passage.index)
    return True


def _target(
    reader: Reader, passage: Passage, match: re.Match[str], listed: list[str]
) -> Episode | None:
    """The encounter a list names: the one told before it, else a new one."""
    episodes = reader.episodes
    if match.groupdict().get("which"):  # "Participants in the meeting with FM Sikorski:"
        named = {k for f, k in passage.people if f.start < match.end()}
        met = next((e for e in episodes if named & set(e.participants) and not e.listed), None)
        if met is not None:
            return met
    else:  # the first encounter told since the last list, if any: the list after its tale
        since = max((max(e.paragraphs, default=-1) for e in episodes if e.listed), default=-1)
        told = next(
            (
                e
                for e in episodes
                if not e.summary
                and e.status == "held"
                and not e.listed
                and min(e.paragraphs, default=-1) > since
            ),
            None,
        )
        if told is not None:
            return told
    index = passage.index
    previous = reader.cable.paragraphs[index - 1].text if index else ""
    head = passage.text[: match.end()]
    dates = find_dates(head, reader.created) or (
        find_dates(previous, reader.created) if len(previous) < 200 else []
    )
    target = Episode(
        "meeting", [], "meeting.attendees", dates[0].day if dates else None, explicit=True
    )
    episodes.append(target)
    return target


def _enlist(target: Episode, keys: list[str], index: int) -> None:
    """Let a list's people take part, however the encounter was listed before."""
    target.listed = False
    target.add(keys, "participant.attendees")
    target.paragraphs.append(index)
    target.explicit = target.dialogue = True  # a list of who was there
    target.listed = True


def side_list(reader: Reader, passage: Passage) -> bool:
    """In a block of lists, a paragraph of one side: its people join the same encounter.
    Anything else ends the block, which is then settled."""
    block = reader.listing
    if block is None:
        return False
    heading = passage.paragraph.heading or ""
    one_side = (
        bool(passage.people)
        and not _speaks(passage)
        and (
            0 < len(heading.split()) <= 4
            or _SIDE_HEAD.match(passage.text) is not None
            or not any(s.subjects for s in passage.parsed)  # names and titles, no one acts
        )
    )
    if one_side:
        _enlist(block, [k for _, k in passage.people], passage.index)
        reader.both_sides = True
        return True
    settle(reader)
    return False


def _speaks(passage: Passage) -> bool:
    return any(s.objects or s.replies for s in passage.parsed)


def listed_goes_on(reader: Reader, passage: Passage) -> bool:
    """After a list that opened an encounter, the paragraphs that follow tell it."""
    current = reader.current
    if current is None or not current.listed or current.rule != "meeting.attendees":
        return False
    if _SEPARATELY.match(passage.text) or _another_encounter(reader, passage, current):
        reader.current = None
        return False
    current.paragraphs.append(passage.index)
    return True


def _another_encounter(reader: Reader, passage: Passage, current: Episode) -> bool:
    """A cue on another day than the listed encounter's, or, under a heading that names an
    encounter ("Lunch with Senior Dutch Officials"), a cue with someone not on the list."""
    cue = first_cue(passage.text, passage.parsed, reader.gazetteer, passage.caps)
    if cue is None:
        return False
    sentence = cue[0]
    span = passage.text[sentence.start : sentence.reported_from or sentence.end]
    if current.day is not None:
        days = find_dates(span, reader.created, caps=passage.caps)
        if days and days[0].day != current.day:
            return True
    heading = passage.paragraph.heading or ""
    if not _ENCOUNTER_HEADING.search(heading) or PLANNED.search(span):
        return False  # a topic, or an encounter to come talked about in this one
    limit = sentence.reported_from or sentence.end
    return any(k not in current.participants for f, k in sentence.people if f.start < limit)


def settle(reader: Reader) -> None:
    """The end of a block of lists: a list of both sides folds the encounter's other
    tellings into it; a list of one side waits for the end of the cable (``spread``)."""
    block, reader.listing = reader.listing, None
    if block is None:
        return
    if not reader.both_sides:
        reader.delegations.append(block)
        if reader.current is block and block.rule == "meeting.attendees":
            reader.current = None  # the visiting side alone: its calls are told apart
        return
    members = set(block.participants)
    folded = [
        e
        for e in reader.episodes
        if e is not block
        and not e.summary
        and e.status == "held"
        and not e.listed
        and len(members & set(e.participants)) >= 2
    ]
    kept: list[Episode] = []
    for episode in folded:
        block.paragraphs.extend(episode.paragraphs)
        if block.day is None:
            block.day = episode.day
        rest = _told_within(episode, members)
        if rest is not None:
            kept.append(rest)
    reader.episodes[:] = [e for e in reader.episodes if e not in folded] + kept


def _told_within(episode: Episode, members: set[str]) -> Episode | None:
    """What an encounter folded into a listed one keeps of its own: the people its cue
    named beside the list ("LTG Ma noted his discussion with ADM Keating"), if any."""
    pairs = list(zip(episode.participants, episode.participant_rules, strict=True))
    outside = [(k, r) for k, r in pairs if k not in members]
    if not outside:
        return None
    named = [(k, r) for k, r in pairs if k in members and r == "participant.listed"]
    if not named:
        return None
    episode.participants, episode.participant_rules = [], []
    episode.add_each(named + outside)
    return episode


def delegation(reader: Reader, passage: Passage) -> bool:
    """ "The U.S. delegation included A, B and C": the people of that sentence are one
    side, who join each of the side's calls (``spread``); the paragraph is read on."""
    text = passage.text
    if not passage.people or not any(stem in text for stem in _VERB_STEMS):
        return False
    if not any(stem in text for stem in _GROUP_STEMS):
        return False
    for sentence in passage.parsed:
        match = _COMPOSED.search(passage.text, sentence.start, sentence.end)
        if match is None:
            continue
        side = [k for f, k in sentence.people if f.start >= match.start()]
        if side:
            listed = Episode("meeting", [passage.index], "meeting.delegation", explicit=True)
            listed.add(side, "participant.delegation")
            listed.dialogue = listed.listed = True
            reader.delegations.append(listed)
    return False


def spread(reader: Reader) -> None:
    """At the end of the cable: a list of one side joins each call of theirs told
    first-hand (a delegation's separate calls, each with the delegation's members)."""
    settle(reader)
    for block in reader.delegations:
        members = set(block.participants)
        joining = list(zip(block.participants, block.participant_rules, strict=True))
        calls = [
            e
            for e in reader.episodes
            if e is not block
            and not e.summary
            and (e.status == "held" or e.status_rule == "status.others")
            and (members & set(e.participants) or _of_group(reader, e))
        ]
        for episode in calls:
            episode.add_each(joining)
            if episode.status_rule == "status.others":  # the visiting group is our side
                episode.status, episode.status_rule = "held", "status.held"
        if not calls and block not in reader.episodes:
            reader.episodes.append(block)  # no call told apart: the list is the encounter


def _of_group(reader: Reader, episode: Episode) -> bool:
    """The encounter's first paragraph names the visiting group: "The delegation met ..."."""
    if not episode.paragraphs:
        return False
    first = reader.cable.paragraphs[min(episode.paragraphs)].text
    return _GROUP.search(first) is not None
