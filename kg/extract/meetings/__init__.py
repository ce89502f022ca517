"""Meetings: the encounters a cable tells, who took part, when, where, about what.

A meeting opens where the text says so ("In a February 8 dinner meeting with ...",
"During a lunch hosted by ...", "Ambassador and A/DCM called on FM Riekstins",
"We approached ... negotiator Popov") or where a new section brings a new speaker into an
exchange ("Kosachev listened ... Wisner answered"). It runs on through the paragraphs that
go on telling it. Participants are the people who speak or act in it (subjects of verbs of
speech and meeting), those addressed ("told Wisner", "urged Popov"), those listed with the
meeting ("met with A, B and C"), and the host; the post's own unnamed officers ("we",
"PolOff") take part as the post itself (an organization of subtype ``post``, the one the
text names when it names the origin); a redacted contact ("met with XXXXXXXXXXXX") as one
stand-in per cable ("redacted source", subtype ``redacted``, never a person, no mention).
Those two are the meeting's parties (``Meeting.parties``), not its participants, which are
people only.
People named only inside what someone said ("Titov stressed that this was Putin's
message") are not participants; a meeting told inside reported speech is a meeting of
others ("reported"), one to come is "planned", as is a Department instruction to a named
post ("Embassy Amman is requested to deliver ... to FM X"). Topics are the subject's,
headings' and TAGS' topics and what the meeting discussed ("discussed Kosovo").

The rules are ordered tables, one module each: ``reader`` (the paragraph rules),
``lists`` (participant blocks and delegation lists), ``opening`` (what a cue opens),
``participants`` (who a cue names, and the status), ``side`` (encounters of others),
``episodes`` (the one step that writes meetings).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract import gazetteer as _gazetteer
from kg.extract.clauses import post_chiefs
from kg.extract.coref import Coreference
from kg.extract.finds import Find
from kg.extract.meetings import lists, opening, participants, reader, side
from kg.extract.meetings.episodes import REDACTED_KEY, finish, stand_ins
from kg.extract.meetings.reader import read
from kg.extract.meetings.state import Reader
from kg.model import Cable, Entity, Meeting
from kg.parse.tags import person_tags

__all__ = ["REDACTED_KEY", "RULE_NAMES", "find_meetings"]

_READING = (*reader.RULE_NAMES, *opening.RULE_NAMES, *side.RULE_NAMES)
# every meeting rule by family: the rules that tell paragraphs (attach them to the encounter
# being told), the rules that find encounters, the rules that put participants in them,
# and the rules that set their status
RULE_NAMES: dict[str, tuple[str, ...]] = {
    "paragraph": tuple(r for r in _READING if r.startswith("paragraph.")),
    "meeting": tuple(r for r in _READING if r.startswith("meeting.")),
    "participant": (
        *participants.PARTICIPANT_NAMES,
        "participant.reported-speech",
        "participant.earlier-address",
        "participant.to-meet",
        "participant.post",
        "participant.addressee",
    ),
    "status": participants.STATUS_NAMES,
}


def find_meetings(
    cable: Cable, finds: Sequence[Find], coref: Coreference
) -> tuple[list[Meeting], list[Entity]]:
    """The meetings of a cable, and the entities they need beyond the coreference ones."""
    created = cable.created.date() if cable.created else None
    by_paragraph: dict[int, list[tuple[Find, str]]] = {}
    spots: dict[int, list[tuple[Find, str]]] = {}
    for find in finds:
        key = coref.keys.get(find)
        if find.field != "paragraph" or find.paragraph is None or key is None:
            continue
        if find.kind == "place":
            spots.setdefault(find.paragraph, []).append((find, key))
        if find.kind == "person":
            by_paragraph.setdefault(find.paragraph, []).append((find, key))
    state = Reader(
        cable,
        _gazetteer.load(),
        created,
        by_paragraph,
        spots,
        {e.key: e for e in coref.entities if e.kind == "place"},
        {m.entity for m in coref.mentions if m.field in ("signature", "classified_by")},
        _visitor(cable, coref),
        chief=_post_chief(cable, coref),
        headline={m.entity for m in coref.mentions if m.field == "subject"},
    )
    for paragraph in cable.paragraphs:
        read(state, paragraph)
    lists.spread(state)
    state.others.extend(side.action_requests(cable, finds, coref, created))
    texts = {p.index: p.text for p in cable.paragraphs}
    meetings = finish(
        state.episodes, state.others, state.default_day, state.default_place, coref, texts
    )
    return stand_ins(cable, meetings, coref)


def _post_chief(cable: Cable, coref: Coreference) -> str | None:
    """The post's chief, whom "the Consul General" or "ConGen" names in a consulate's cable:
    the officer who classified it as its chief, else the one who signed it."""
    origin = cable.origin or ""
    if not any(origin.startswith(kind) for kind in set(post_chiefs().values())):
        return None
    people = {e.key for e in coref.entities if e.kind == "person"}
    by_field: dict[str, list[str]] = {}
    for mention in coref.mentions:
        if mention.entity in people:
            by_field.setdefault(mention.field, []).append(mention.entity)
    raw = cable.classified_by.raw if cable.classified_by is not None else ""
    classified = by_field.get("classified_by", [])
    if classified and any(re.search(rf"\b{re.escape(w)}\b", raw) for w in post_chiefs()):
        return classified[0]
    signed = by_field.get("signature", [])
    return signed[0] if signed else None


# a scenesetter speaks to the visitor: "Your visit comes at a time ...", "you will meet"
_YOUR_VISIT = re.compile(r"\byour (?:visit|trip|travel|schedule|meetings?|stop)\b", re.IGNORECASE)


def _visitor(cable: Cable, coref: Coreference) -> str | None:
    """The visitor a scenesetter is addressed to: the one person of its person TAGS."""
    if not any("(" in tag for tag in person_tags(cable.tags)):
        return None  # no person TAGS: no visitor to name
    if not any(_YOUR_VISIT.search(p.text) for p in cable.paragraphs):
        return None
    tagged = {m.entity for m in coref.mentions if m.field == "tags"}
    people = {e.key for e in coref.entities if e.kind == "person"}
    found = tagged & people
    return found.pop() if len(found) == 1 else None
