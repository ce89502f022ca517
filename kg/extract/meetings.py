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
People named only inside what someone said ("Titov stressed that this was Putin's
message") are not participants; a meeting told inside reported speech is a meeting of
others ("reported"), one to come is "planned", as is a Department instruction to a named
post ("Embassy Amman is requested to deliver ... to FM X"). Topics are the subject's,
headings' and TAGS' topics and what the meeting discussed ("discussed Kosovo").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from kg.extract.clauses import (
    ACCORDING,
    EARLIER_ADDRESS,
    OFFICERS_KEY,
    Sentence,
    analyse,
    append_key,
    interactions_of,
)
from kg.extract.coref import Coreference
from kg.extract.cues import PLANNED, all_cues, cue_people, first_cue, host_of, is_planned, place_of
from kg.extract.dates import SAME_DAY as _SAME_DAY
from kg.extract.dates import find_dates, relative_day
from kg.extract.finds import Find
from kg.extract.gazetteer import load
from kg.extract.text import ATTENDEES, is_caps, sentences
from kg.model import Cable, Entity, Meeting, MeetingStatus, Paragraph
from kg.parse.tags import person_tags
from kg.posts import post_name

_SUMMARY = re.compile(r"^\W*summary\b", re.IGNORECASE)
_END_SUMMARY = re.compile(r"\bend\s+summary\b", re.IGNORECASE)
_CLOSING_HEAD = re.compile(r"\W*(?:comment|note|drafted by)\b", re.IGNORECASE)
# "c(?<=\bc)" is "\bc" written so that the search can skip to the next "c"
_CLOSING_WORDS = re.compile(
    r"c(?<=\bc)(?:leared this (?:cable|message)|lassified website)\b", re.IGNORECASE
)
# "he had met DPRK Vice Foreign Minister Kim": the one met, titles between
_MET_BEFORE = re.compile(r"\b(?:met|meeting|visited)\s+(?:the\s+)?(?:[A-Z][\w/.'-]*\s+){0,5}$")
_MET_WORD = re.compile(r"met|meeting|visited")  # a quick test before _MET_BEFORE
_HE_SHE = re.compile(r"\s*(?:he|she)\b", re.IGNORECASE)
_TO_MEET = re.compile(r"\b(?:to|will|would|could)\s+meet\b", re.IGNORECASE)
_MEET = re.compile(r"meet", re.IGNORECASE)  # a quick test before _TO_MEET
_GENERIC_KINDS = frozenset({"meeting", "discussion", "conversation", "talks"})
_SEPARATELY = re.compile(r"\bseparately\b", re.IGNORECASE)
_SEPARATE = re.compile(r"\bseparate(?:ly)?\b", re.IGNORECASE)
_TOLD_BY = re.compile(r"^\W*according to [^.:]{1,80}:", re.IGNORECASE)
_WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?(?:\S+\s+)?$")
_TOLD_HIM = re.compile(
    r"\s+(?:\w+ly\s+)?(?:told|assured|informed|briefed|warned|asked)\s+(?:him|her|them)\b"
)
_OWN_ACCOUNT = re.compile(
    r"(?:^\W*|\bthat\s+|[,;]\s*)(?:he|she|they)\b(?:\s*\([^)]*\))?\s+(?:\w+\s+){0,3}?(?:met|discussed|talked|spoke|"
    r"raised|broached|dined|lunched|opened discussions|held talks|conveyed)\b",
    re.IGNORECASE,
)
_ENCOUNTER = re.compile(
    r"\b(?:visit|meeting|met|talks|dinner|lunch|broached|discussed|discussions|conversation|"
    r"call|spoke|spoken|talked|telephoned|phoned|raised)\b"
)
# the one who met, inside an account: "(he said) Guebuza had spoken by telephone with Mbeki"
_ACTOR_OF_ENCOUNTER = re.compile(
    r"\s+(?:had\s+|has\s+|have\s+)?(?:\w+ly\s+)?(?:met|spoken|spoke|talked|telephoned|phoned"
    r"|dined|lunched|held talks|raised)\b"
)
_PRONOUN_SPEECH = re.compile(r"\b(?:he|she|they)\s+(?:\w+ly\s+)?(\w+)", re.IGNORECASE)


# "Embassy Amman is requested to deliver the points below to FM Judeh no later than June 16"
_ACTION = re.compile(
    r"\s+(?:is|are)\s+(?:hereby\s+)?(?:requested|instructed|asked|directed)\s+to\s+"
    r"(?:deliver|convey|raise|present|share|pass|demarche|approach|brief|inform|seek|urge)\b"
    r"[^.;]*",
    re.IGNORECASE,
)


_REDACTED = re.compile(r"X{6,}")
# A contact whose name the release blacked out: one stand-in per cable, an organization-kind
# entity without mentions, so it is never a person and never scored as a name
REDACTED_KEY = "org:redacted-source"


@dataclass(slots=True)
class _Episode:
    kind: str
    paragraphs: list[int]
    participants: list[str] = field(default_factory=list)
    day: date | None = None
    place: str | None = None
    host: str | None = None
    status: MeetingStatus = "held"
    explicit: bool = False  # opened by a cue, not by a change of speaker
    summary: bool = False
    dialogue: bool = False  # an exchange, not two statements side by side
    listed: bool = False  # participants given by a list ("Participants: ...")
    follows: _Episode | None = None  # "later that day": the encounter it follows

    def add(self, keys: Sequence[str]) -> None:
        if self.listed:
            return  # the cable listed who was there: that list is the word on it
        for key in keys:
            if key not in self.participants:
                self.participants.append(key)

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


def find_meetings(
    cable: Cable, finds: Sequence[Find], coref: Coreference
) -> tuple[list[Meeting], list[Entity]]:
    """The meetings of a cable, and the entities they need beyond the coreference ones."""
    gazetteer = load()
    created = cable.created.date() if cable.created else None
    by_paragraph: dict[int, list[tuple[Find, str]]] = {}
    spots: dict[int, list[tuple[Find, str]]] = {}
    for find in finds:
        key = coref.keys.get(find)
        if find.field != "paragraph" or find.paragraph is None or key is None:
            continue
        if find.kind == "place":
            spots.setdefault(find.paragraph, []).append((find, key))
        if find.kind != "person":
            continue
        by_paragraph.setdefault(find.paragraph, []).append((find, key))
    places = {k: e for k, e in ((e.key, e) for e in coref.entities) if e.kind == "place"}
    ours = {  # the post's own people: who signed, who classified
        m.entity for m in coref.mentions if m.field in ("signature", "classified_by")
    }
    episodes: list[_Episode] = []
    others: list[_Episode] = []
    current: _Episode | None = None
    separate: list[_Episode] = []  # encounters told together ("and, separately, ...")
    in_summary = False
    default_day: date | None = None
    default_place: str | None = None
    visitor = _visitor(cable, coref)
    for paragraph in cable.paragraphs:
        text = paragraph.text
        caps = is_caps(text)
        if _SUMMARY.search(text):
            in_summary = True
        people = sorted(by_paragraph.get(paragraph.index, []), key=lambda p: p[0].start)
        told = bool(_TOLD_BY.match(text))  # "According to del Castillo: -- ..."
        parsed = [analyse(text, s, e, people, gazetteer, caps, told) for s, e in sentences(text)]
        summary = in_summary
        if in_summary and _END_SUMMARY.search(text):
            in_summary = False
        if summary and default_day is None:
            default_day, default_place = _summary_default(
                text, parsed, created, places, spots.get(paragraph.index, [])
            )
        if _closing(text) and not any(s.subjects for s in parsed):
            current = None
            continue
        if ATTENDEES.match(text):  # "Participants in July 3 and 4 Meetings: ..."
            listed = [k for _, k in people]
            target = next((e for e in episodes if not e.summary and e.status == "held"), None)
            if target is None and listed:  # a memorandum of conversation: the list comes first
                previous = cable.paragraphs[paragraph.index - 1].text if paragraph.index else ""
                head = text[: ATTENDEES.match(text).end()]  # type: ignore[union-attr]
                dates = find_dates(head, created) or (
                    find_dates(previous, created) if len(previous) < 200 else []
                )
                day = dates[0].day if dates else None
                target = _Episode("meeting", [], [], day, None, None, "held", True, False)
                episodes.append(target)
                current = target
            else:
                current = None
            if target is not None:
                target.add(listed)
                target.paragraphs.append(paragraph.index)
                target.explicit = target.dialogue = True  # a list of who was there
                target.listed = True
            continue
        others.extend(_side_meetings(paragraph, parsed, text, created, caps))
        cue = first_cue(text, parsed, gazetteer, caps, definite=current is None)
        interactions = interactions_of(parsed)
        if cue is not None:
            sentence, kind, plural = cue
            listed = cue_people(text, sentence, gazetteer)
            if sentence.officers:
                listed.append(OFFICERS_KEY)
            if _REDACTED.search(text, sentence.start, sentence.end):
                listed.append(REDACTED_KEY)  # "met with XXXXXXXXXXXX": someone was there
            teller = _pronoun_teller(text, sentence, parsed)
            if teller is not None and teller not in listed:
                listed.insert(0, teller)  # "He plans to meet Guebuza": the one just told of
            addressed = visitor is not None and bool(
                _YOU.search(text, sentence.start, sentence.reported_from or sentence.end)
            )
            if addressed and visitor is not None and visitor not in listed:
                listed.insert(0, visitor)  # a scenesetter's "your meetings with A and B"
            generic = kind in _GENERIC_KINDS or kind == current_kind(current)
            if (
                current is not None
                and not plural
                and current.summary == summary
                and (generic or not paragraph.heading)
                and set(listed) <= set(current.participants)
                and not find_dates(text[sentence.start : sentence.end], created, caps=caps)
            ):
                current.paragraphs.append(paragraph.index)
                current.add(interactions)
                current.hear(parsed, ours)
                continue
            day = _day(text, sentence, parsed, created, episodes, caps)
            place = place_of(text, sentence, spots.get(paragraph.index, []), places)
            host = host_of(text, sentence)
            status: MeetingStatus = (
                "planned" if addressed or is_planned(text, sentence, day, created) else "held"
            )
            separately = bool(_SEPARATELY.search(text, sentence.start, sentence.end))
            if plural and not summary and not addressed:
                plural = False
            dated = _dated_guests(text, sentence, listed, created, caps)
            if dated:
                # "met Abbas in Ramallah on February 9 and Netanyahu in Jerusalem on
                # February 10": one encounter per guest, each on its own day
                for guest, guest_day in dated:
                    episodes.append(
                        _Episode(
                            kind,
                            [paragraph.index],
                            [*sentence.subjects, guest],
                            guest_day,
                            None,
                            None,
                            "planned"
                            if addressed or is_planned(text, sentence, guest_day, created)
                            else "held",
                            True,
                            summary,
                        )
                    )
                current = None
                continue
            if plural or separately:
                mains = [k for k in sentence.subjects if k in listed]
                if addressed and visitor is not None:
                    mains = [visitor]
                if separately:
                    mains = [k for k in listed if k == OFFICERS_KEY or k in sentence.subjects]
                guests = [k for k in listed if k not in mains]
                group = []
                for guest in guests:
                    episode = _Episode(
                        kind,
                        [paragraph.index],
                        [*mains, guest],
                        day,
                        place,
                        None,
                        status,
                        True,
                        summary,
                    )
                    episodes.append(episode)
                    group.append(episode)
                current = None
                if separately:  # what follows is told of each encounter in turn
                    for episode in group:
                        episode.add([k for k in interactions if k in episode.participants])
                    separate = group
                continue
            current = _Episode(kind, [paragraph.index], [], day, place, host, status, True, summary)
            if day is None and _SAME_DAY.search(text[sentence.start : sentence.end]):
                current.follows = next((e for e in reversed(episodes) if not e.summary), None)
            current.add(listed)
            after = [p for p in parsed if p.start > sentence.start]
            later = all_cues(
                text, after, gazetteer, caps
            )  # read one by one, up to a "separate" one
            second = next((c for c in later if _SEPARATE.search(text, c[0].start, c[0].end)), None)
            if second is None:
                current.add(interactions)
                current.hear(parsed, ours)
                episodes.append(current)
                continue
            # "In separate discussions, Poloff received ... from X": two encounters in one
            # paragraph, each with the people of its own sentences
            current.add(interactions_of([p for p in parsed if p.start < second[0].start]))
            episodes.append(current)
            other = _Episode(
                second[1], [paragraph.index], [], None, None, None, "held", True, summary
            )
            other.add(
                [
                    *cue_people(text, second[0], gazetteer),
                    *([OFFICERS_KEY] if second[0].officers else []),
                ]
            )
            other.add(interactions_of([p for p in parsed if p.start >= second[0].start]))
            episodes.append(other)
            separate, current = [current, other], None
            continue
        speaking = [k for k in interactions if k != OFFICERS_KEY]
        if separate and speaking and current is None:
            touched = [e for e in separate if set(speaking) & set(e.participants)]
            for episode in touched:
                episode.paragraphs.append(paragraph.index)
            if touched:
                continue
        if speaking:
            separate = []
        if current is not None and _another_encounter(text, parsed, current, ours, created, caps):
            current = None
        if current is not None:
            new_speakers = [
                k
                for s in parsed
                for k in s.subjects
                if k not in current.participants and k not in ours
            ]
            if paragraph.heading and new_speakers and not summary:
                current = None
            elif interactions or told or _PRONOUN_SPEECH.search(text):
                current.paragraphs.append(paragraph.index)
                current.add(interactions)
                current.hear(parsed, ours)
                continue
            elif not people:
                continue  # background between two turns of the same conversation
            else:
                current = None
                continue
        if speaking:
            day = None
            for sentence in parsed:
                acting = {*sentence.subjects, *sentence.objects}
                if acting and (sentence.officers or acting & ours):  # our side is in it
                    span = text[sentence.start : sentence.reported_from or sentence.end]
                    dates = find_dates(span, created, caps=caps)
                    day = dates[0].day if dates else None
                    break
            current = _Episode(
                "meeting", [paragraph.index], [], day, None, None, "held", False, summary
            )
            current.add(interactions)
            current.hear(parsed, ours)
            episodes.append(current)
    others.extend(_action_requests(cable, finds, coref, created))
    texts = {p.index: p.text for p in cable.paragraphs}
    meetings = _finish(episodes, others, default_day, default_place, coref, texts)
    entities: list[Entity] = []
    if any(OFFICERS_KEY in m.participants for m in meetings):
        # the post's own officers ("Poloff", "we") stand for the post: the post the text
        # names when it names the origin, else one entity typed as the post itself
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
            meetings = [
                replace(
                    m,
                    participants=tuple(
                        dict.fromkeys(named if k == OFFICERS_KEY else k for k in m.participants)
                    ),
                )
                for m in meetings
            ]
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
    return meetings, entities


_SEPARATELY_OPENS = re.compile(r"^\W*(?:separately|in a separate|on another occasion)\b", re.I)


def _another_encounter(
    text: str,
    parsed: Sequence[Sentence],
    current: _Episode,
    ours: set[str],
    created: date | None,
    caps: bool,
) -> bool:
    """A paragraph without a cue that tells another exchange, not the current one: it opens
    with "Separately", or our side talks with someone on another day ("told Poloff June 28")."""
    if _SEPARATELY_OPENS.match(text):
        return True
    if current.day is None:
        return False
    for sentence in parsed:
        acting = {*sentence.subjects, *sentence.objects}
        if acting and (sentence.officers or acting & ours):
            span = text[sentence.start : sentence.reported_from or sentence.end]
            dates = find_dates(span, created, caps=caps)
            return bool(dates) and dates[0].day is not None and dates[0].day != current.day
    return False


def _pronoun_teller(text: str, sentence: Sentence, parsed: Sequence[Sentence]) -> str | None:
    """The subject of the sentence before, when this one opens with "He" or "She"."""
    if sentence.subjects or not _HE_SHE.match(text, sentence.start):
        return None
    before = [p for p in parsed if p.end <= sentence.start]
    return before[-1].subjects[0] if before and before[-1].subjects else None


def _dated_guests(
    text: str, sentence: Sentence, listed: list[str], created: date | None, caps: bool
) -> list[tuple[str, date]]:
    """Guests each followed by a day of their own, when the sentence gives two days or more."""
    if not sentence.subjects:
        return []
    span = text[sentence.start : sentence.reported_from or sentence.end]
    dates = find_dates(span, created, caps=caps)
    if len(dates) < 2:
        return []
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


# a scenesetter speaks to the visitor: "Your visit comes at a time ...", "you will meet"
_YOUR_VISIT = re.compile(r"\byour (?:visit|trip|travel|schedule|meetings?|stop)\b", re.IGNORECASE)
_YOU = re.compile(r"\byou(?:r)?\b", re.IGNORECASE)


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


def _closing(text: str) -> bool:
    """A comment, a note, the drafting and clearance lines: what no longer tells an encounter."""
    return _CLOSING_HEAD.match(text) is not None or _CLOSING_WORDS.search(text) is not None


def current_kind(episode: _Episode | None) -> str | None:
    return episode.kind if episode is not None else None


def _day(
    text: str,
    sentence: Sentence,
    parsed: Sequence[Sentence],
    created: date | None,
    episodes: Sequence[_Episode],
    caps: bool,
) -> date | None:
    span = text[sentence.start : sentence.reported_from or sentence.end]
    dates = find_dates(span, created, caps=caps)
    if dates:
        return dates[0].day
    previous = next((e.day for e in reversed(episodes) if e.day is not None), None)
    relative = relative_day(span, created, previous)
    if relative is not None:
        return relative
    for other in parsed:  # another sentence of the paragraph where the same people meet
        if other is sentence or not (other.subjects or other.objects) or not other.officers:
            continue
        dates = find_dates(text[other.start : other.reported_from or other.end], created, caps=caps)
        if dates:
            return dates[0].day
    return None


def _summary_default(
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


def _side_meetings(
    paragraph: Paragraph,
    parsed: Sequence[Sentence],
    text: str,
    created: date | None,
    caps: bool,
) -> list[_Episode]:
    """Encounters of others: told inside reported speech, or still to come ("to meet").

    The teller joins the encounter they tell of when the account is their own: "he had
    discussed it with X", "He (del Castillo) has opened discussions with X", "According to
    Saran, Fernandes told him that ...".
    """
    found: list[_Episode] = []
    teller_of_paragraph = _teller(text, 0, parsed[0].people) if parsed else None
    last_subject: str | None = None
    # "he had told X": read only in paragraphs that have "had" and people
    low = text.lower() if (" had " in text or " HAD " in text) else ""
    for previous, sentence in zip([None, *parsed], parsed, strict=False):
        if previous is not None and previous.subjects:
            last_subject = previous.subjects[0]
        reported = sentence.reported_from
        if reported is not None:
            span = text[reported : sentence.end]
            teller = (
                sentence.subjects[-1]
                if sentence.subjects
                else _teller(text, sentence.start, sentence.people) or teller_of_paragraph
            )
            inside = [(f, k) for f, k in sentence.people if f.start >= reported]
            people = [
                k
                for f, k in inside
                if _WITH_BEFORE.search(text, max(reported, f.start - 25), f.start)
                or (
                    _MET_WORD.search(text, max(reported, f.start - 60), f.start) is not None
                    and _MET_BEFORE.search(text, max(reported, f.start - 60), f.start)
                )
            ]
            told = [k for f, k in inside if _TOLD_HIM.match(text, f.clause_end or f.end)]
            actors = [
                k for f, k in inside if _ACTOR_OF_ENCOUNTER.match(text, f.clause_end or f.end)
            ]
            if people:
                people = [*(k for k in actors if k not in people), *people]
            own = teller is not None and (_OWN_ACCOUNT.search(span) is not None or bool(told))
            if (people and _ENCOUNTER.search(span)) or told:
                dates = find_dates(span, created, caps=caps)
                day = dates[0].day if dates else None
                status: MeetingStatus = (
                    "planned"
                    if not own
                    and (
                        PLANNED.search(span)
                        or (day is not None and created is not None and day > created)
                    )
                    else "reported"
                )
                keys = [*people, *told]
                if own and teller is not None and teller not in keys:
                    keys.insert(0, teller)
                found.append(
                    _Episode("meeting", [paragraph.index], keys, day, None, None, status, True)
                )
                continue
        earlier = [
            k
            for f, k in (sentence.people if low else ())
            if low.find(" had ", max(sentence.start, f.start - 60), f.start) >= 0
            and EARLIER_ADDRESS.search(low, max(sentence.start, f.start - 60), f.start)
        ]
        teller = sentence.subjects[0] if sentence.subjects else None
        if earlier and teller is None and _HE_SHE.match(text, sentence.start):
            teller = last_subject
        if earlier and teller is not None:  # "He had told PM Tanaka that ...": reported
            keys = [teller, *(k for k in earlier if k != teller)]
            found.append(
                _Episode("meeting", [paragraph.index], keys, None, None, None, "reported", True)
            )
        span = text[sentence.start : sentence.end]
        match = _TO_MEET.search(span) if _MEET.search(span) else None
        if match is not None:
            people = [
                k
                for f, k in sentence.people
                if k not in sentence.subjects and not text[f.end : f.end + 2].startswith("'")
            ]
            if people and last_subject and _HE_SHE.match(span) and last_subject not in people:
                people.insert(0, last_subject)  # "He plans to meet Guebuza": the one just told of
            if people:
                dates = find_dates(span, created, caps=caps)
                found.append(
                    _Episode(
                        "meeting",
                        [paragraph.index],
                        people,
                        dates[0].day if dates else None,
                        None,
                        None,
                        "planned",
                        True,
                    )
                )
    return found


def _teller(text: str, start: int, people: list[tuple[Find, str]]) -> str | None:
    """The person an account is credited to: "According to Saran, ..."."""
    match = ACCORDING.match(text, start)
    if match is None:
        return None
    for find, key in people:
        if 0 <= find.start - match.end() <= 30:
            return key
    return None


# --- results ------------------------------------------------------------------------------


def _action_requests(
    cable: Cable, finds: Sequence[Find], coref: Coreference, created: date | None
) -> list[_Episode]:
    """A Department instruction to a named post: a planned encounter with its addressee."""
    if not (cable.origin or "").startswith("Secretary of State"):
        return []
    posts = {e.key for e in coref.entities if e.kind == "organization" and e.subtype == "post"}
    found: list[_Episode] = []
    for paragraph in cable.paragraphs:
        text = paragraph.text
        if "request" not in text and "instruct" not in text and "asked" not in text:
            continue  # a quick test before the pattern
        here = sorted(
            (
                (f, coref.keys[f])
                for f in finds
                if f.paragraph == paragraph.index and f.field == "paragraph" and f in coref.keys
            ),
            key=lambda p: p[0].start,
        )
        for find, key in here:
            if key not in posts:
                continue
            action = _ACTION.match(text, find.end)
            if action is None:
                continue
            inside = [(f, k) for f, k in here if action.start() <= f.start < action.end()]
            whom = [k for f, k in inside if f.kind == "person"] or [
                k for f, k in inside if f.kind == "organization" and k not in posts
            ]
            if not whom:
                continue
            dates = find_dates(text[action.start() : action.end()], created)
            day = dates[0].day if dates else None
            if day is not None and created is not None and day < created:
                ahead = day.replace(year=created.year)
                day = ahead if ahead >= created else day  # "no later than June 16": ahead
            found.append(
                _Episode(
                    "demarche", [paragraph.index], [key, whom[0]], day, None, None, "planned", True
                )
            )
    return found


def _finish(
    episodes: list[_Episode],
    others: list[_Episode],
    default_day: date | None,
    default_place: str | None,
    coref: Coreference,
    texts: dict[int, str],
) -> list[Meeting]:
    kept: list[_Episode] = []
    for episode in episodes:
        people = [k for k in episode.participants if k != OFFICERS_KEY]
        if not people:
            continue
        if not episode.explicit and (len(episode.participants) < 2 or not episode.dialogue):
            continue  # statements side by side are not an encounter
        kept.append(episode)
    # an encounter a summary sums up is the one told in full later: fold it in
    merged: list[_Episode] = []
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
        if target is not None:
            target.paragraphs = sorted(set(target.paragraphs) | set(episode.paragraphs))
            if target.day is None:
                target.day = episode.day
            merged.append(episode)
    kept = [e for e in kept if e not in merged]
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
            )
        )
    return meetings


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
    episode: _Episode, cable_topics: list[str], coref: Coreference, texts: dict[int, str]
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
