"""Episodes: encounters as the meeting rules build them, and the one step that writes them.

An :class:`Episode` is a meeting still being read: the rules open it, add participants and
paragraphs to it, and :func:`finish` turns the episodes of a cable into
:class:`kg.model.Meeting` values (dropping statements side by side that are no encounter,
folding a summary's encounter into the one told in full, filling days and places), then
:func:`stand_ins` writes the post's officers and a redacted contact as organizations and
moves every side that is no person from the participants to the meeting's parties.
Each episode keeps the name of the rule that opened it, of the rule that set its status
and, for each participant, of the rule that put it in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from kg.extract.clauses import OFFICERS_KEY, Sentence, append_key
from kg.extract.coref import Coreference
from kg.model import Cable, Entity, Meeting, MeetingStatus
from kg.posts import post_name

# A contact whose name the release blacked out: one stand-in per cable, an organization-kind
# entity without mentions, so it is never a person and never scored as a name
REDACTED_KEY = "org:redacted-source"


@dataclass(slots=True)
class Episode:
    """An encounter being read: who, which paragraphs, when, where, and by which rules."""

    kind: str
    paragraphs: list[int]
    rule: str  # the rule that opened it: "meeting.cue"
    day: date | None = None
    place: str | None = None
    host: str | None = None
    status: MeetingStatus = "held"
    status_rule: str = "status.held"
    explicit: bool = False  # opened by a cue, not by a change of speaker
    summary: bool = False
    participants: list[str] = field(default_factory=list)
    participant_rules: list[str] = field(default_factory=list)
    dialogue: bool = False  # an exchange, not two statements side by side
    listed: bool = False  # participants given by a list ("Participants: ...")
    follows: Episode | None = None  # "later that day": the encounter it follows

    def add(self, keys: Sequence[str], rule: str) -> None:
        """Let the people of ``keys`` take part, by the participant rule ``rule``."""
        if self.listed:
            return  # the cable listed who was there: that list is the word on it
        for key in keys:
            if key not in self.participants:
                self.participants.append(key)
                self.participant_rules.append(rule)

    def add_each(self, keys: Sequence[tuple[str, str]]) -> None:
        """Let the people of ``keys`` take part, each by its own rule: (key, rule) pairs."""
        for key, rule in keys:
            self.add((key,), rule)

    def hear(self, parsed: Sequence[Sentence], ours: set[str]) -> None:
        """Note whether these sentences are an exchange (a reply, an addressee, our side)."""
        for sentence in parsed:
            if (
                sentence.replies
                or sentence.objects
                or sentence.officers
                or (set(sentence.subjects) & ours)
            ):
                self.dialogue = True


def finish(
    episodes: list[Episode],
    others: list[Episode],
    default_day: date | None,
    default_place: str | None,
    coref: Coreference,
    texts: dict[int, str],
) -> list[Meeting]:
    """The meetings of the episodes read: encounters kept, merged and filled in."""
    kept = _fold_summaries([e for e in episodes if _an_encounter(e)])
    for episode in kept:
        if episode.day is None and episode.follows is not None:
            episode.day = episode.follows.day
        if episode.day is None and episode.status == "held" and not episode.summary:
            episode.day = default_day
        if episode.place is None and episode.status == "held":
            episode.place = default_place
    topics = _topics(coref)
    meetings: list[Meeting] = []
    for n, episode in enumerate([*kept, *others]):
        if not episode.participants:
            continue
        meetings.append(
            Meeting(
                key=f"meeting:{n}",
                kind=episode.kind,
                status=episode.status,
                participants=tuple(episode.participants),
                paragraphs=tuple(sorted(set(episode.paragraphs))),
                date=episode.day,
                place=episode.place,
                topics=tuple(_meeting_topics(episode, topics, coref, texts)),
                host=episode.host,
                rule=episode.rule,
                participant_rules=tuple(episode.participant_rules),
                status_rule=episode.status_rule,
            )
        )
    return meetings


def _an_encounter(episode: Episode) -> bool:
    """Someone beside our officers, and a cue or an exchange: statements side by side are
    not an encounter."""
    if not [k for k in episode.participants if k != OFFICERS_KEY]:
        return False
    return episode.explicit or (len(episode.participants) >= 2 and episode.dialogue)


def _fold_summaries(kept: list[Episode]) -> list[Episode]:
    """An encounter a summary sums up is the one told in full later: fold it in."""
    merged: list[Episode] = []
    for episode in kept:
        target = next(
            (
                o
                for o in kept
                if o is not episode
                and o not in merged
                and not o.summary
                and set(episode.participants) <= set(o.participants)
                and episode.summary
            ),
            None,
        )
        if target is None and episode.summary:
            target = _told_that_day(episode, kept, merged)
            if target is not None:
                target.add_each(
                    list(zip(episode.participants, episode.participant_rules, strict=True))
                )
        if target is not None:
            target.paragraphs = sorted(set(target.paragraphs) | set(episode.paragraphs))
            if target.day is None:
                target.day = episode.day
            merged.append(episode)
    return [e for e in kept if e not in merged]


def _told_that_day(episode: Episode, kept: list[Episode], merged: list[Episode]) -> Episode | None:
    """The one encounter told in full on the day a summary's encounter was held: the same
    encounter, its people named in the summary and its company in the body ("Senator X met
    MbR on 29 May" sums up "Senator X, along with the Ambassador, met MbR ... Joining MbR
    were A, B and C")."""
    if episode.day is None or episode.status != "held":
        return None
    told = [
        o
        for o in kept
        if o is not episode
        and o not in merged
        and not o.summary
        and o.explicit
        and o.status == "held"
        and o.day == episode.day
    ]
    return told[0] if len(told) == 1 else None


def stand_ins(
    cable: Cable, meetings: list[Meeting], coref: Coreference
) -> tuple[list[Meeting], list[Entity]]:
    """The post's own officers and a redacted contact, as the organizations they stand for,
    and every meeting's sides that are no person moved from its participants to its parties.

    The post's officers ("Poloff", "we") stand for the post: the post the text names when
    it names the origin, else one entity typed as the post itself. Participants are people
    only: the post, a redacted contact or a group are the meeting's parties.
    """
    entities: list[Entity] = []
    if any(OFFICERS_KEY in m.participants for m in meetings):
        origin = cable.origin or "Embassy"
        named = next(
            (
                e.key
                for e in coref.entities
                if e.kind == "organization"
                and e.subtype == "post"
                and post_name(e.name).lower() == post_name(origin).lower()
            ),
            None,
        )
        if named is not None:
            meetings = [_officers_as(m, named) for m in meetings]
        else:
            entities.append(
                Entity(OFFICERS_KEY, "organization", origin, subtype="post", confidence=0.5)
            )
    if any(REDACTED_KEY in m.participants for m in meetings):
        entities.append(
            Entity(
                REDACTED_KEY, "organization", "redacted source", subtype="redacted", confidence=0.5
            )
        )
    people = {e.key for e in coref.entities if e.kind == "person"}
    return [_parties_apart(m, people) for m in meetings], entities


def _parties_apart(meeting: Meeting, people: set[str]) -> Meeting:
    """The meeting with its participants that are no person (of ``people``) as parties."""
    if all(key in people for key in meeting.participants):
        return meeting
    rules = dict(zip(meeting.participants, meeting.participant_rules, strict=False))
    persons = [k for k in meeting.participants if k in people]
    parties = [k for k in meeting.participants if k not in people]
    return replace(
        meeting,
        participants=tuple(persons),
        participant_rules=tuple(rules.get(k, "") for k in persons),
        parties=tuple(parties),
        party_rules=tuple(rules.get(k, "") for k in parties),
    )


def _officers_as(meeting: Meeting, post: str) -> Meeting:
    """The meeting with the post's officers written as the post named in the text."""
    rules = dict(zip(meeting.participants, meeting.participant_rules, strict=False))
    keys: dict[str, str] = {}
    for key in meeting.participants:
        keys.setdefault(post if key == OFFICERS_KEY else key, rules.get(key, ""))
    return replace(meeting, participants=tuple(keys), participant_rules=tuple(keys.values()))


def _topics(coref: Coreference) -> list[str]:
    """Cable-wide topics: the free topic of the subject line, and the TAGS but person TAGS."""
    where: dict[str, set[str]] = {}
    for mention in coref.mentions:
        where.setdefault(mention.entity, set()).add(mention.field)
    return [
        e.key
        for e in coref.entities
        if e.kind == "topic"
        and (
            "subject" in where.get(e.key, ())
            if e.scheme == "free"
            else e.scheme != "person" and "tags" in where.get(e.key, ())
        )
    ]


# what a meeting is about: the object of a verb or preposition of discussion
_ABOUT = re.compile(
    r"\b(?:discuss(?:ed|es|ing)?|review(?:ed|ing)?|on|about|regarding|concerning|over"
    r"|raised|address(?:ed|ing)?|the (?:situation|issue|question) (?:in|of))"
    r"\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,2}$"
)


def _meeting_topics(
    episode: Episode, cable_topics: list[str], coref: Coreference, texts: dict[int, str]
) -> list[str]:
    """The subject's and headings' topics, the TAGS, and what the meeting discussed.

    A place is a topic only as the object of discussion ("discussed Kosovo", "on Kosovo"),
    not wherever the paragraphs name it; a free topic that names a place listed already
    is the same topic.
    """
    keys = list(cable_topics)
    wanted = set(episode.paragraphs)
    for index in sorted(wanted):
        for key in coref.headings.get(index, []):
            append_key(keys, key)
    for mention in coref.mentions:
        if mention.paragraph not in wanted or mention.field != "paragraph":
            continue
        if mention.entity.startswith(("place:", "org:")):
            text = texts.get(mention.paragraph, "")
            if _ABOUT.search(text, max(0, mention.start - 60), mention.start):
                append_key(keys, mention.entity)
    if episode.place in keys:
        keys.remove(episode.place)
    by_key = {e.key: e for e in coref.entities}
    named = [by_key[k] for k in keys if k in by_key and by_key[k].kind != "topic"]
    names = {e.name.lower() for e in named} | {e.code for e in named if e.code}
    return [
        k
        for k in keys
        if not (
            k in by_key
            and by_key[k].kind == "topic"
            and by_key[k].scheme in ("free", "geo")
            and (by_key[k].name.lower() in names or by_key[k].code in names)
        )
    ]
