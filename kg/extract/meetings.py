"""Meetings: the encounters a cable tells, who took part, when, where, about what.

A meeting opens where the text says so ("In a February 8 dinner meeting with ...",
"During a lunch hosted by ...", "Ambassador and A/DCM called on FM Riekstins",
"We approached ... negotiator Popov") or where a new section brings a new speaker into an
exchange ("Kosachev listened ... Wisner answered"). It runs on through the paragraphs that
go on telling it. Participants are the people who speak or act in it (subjects of verbs of
speech and meeting), those addressed ("told Wisner", "urged Popov"), those listed with the
meeting ("met with A, B and C"), and the host; the post's own unnamed officers ("we",
"PolOff") take part as one group. People named only inside what someone said ("Titov
stressed that this was Putin's message") are not participants; a meeting told inside
reported speech is a meeting of others ("reported"), one to come is "planned".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from kg.extract.coref import Coreference
from kg.extract.dates import SAME_DAY as _SAME_DAY
from kg.extract.dates import find_dates, relative_day
from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer, load
from kg.extract.text import ATTENDEES, is_caps, sentences, tokenize
from kg.model import Cable, Entity, Meeting, MeetingStatus, Paragraph

OFFICERS_KEY = "org:post-officers"
_SUMMARY = re.compile(r"^\W*summary\b", re.IGNORECASE)
_END_SUMMARY = re.compile(r"\bend\s+summary\b", re.IGNORECASE)
_CLOSING = re.compile(
    r"^\W*(?:comment|note)\b|\bcleared this (?:cable|message)\b|^\W*drafted by\b"
    r"|\bclassified website\b",
    re.IGNORECASE,
)
_PP_CUE = re.compile(r"^\W*(?:In|During|At|Over|After|Following)\b[^.;:]{0,60}$", re.IGNORECASE)
_WITH_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:with|hosted by|organized by|organised by|between|later that day)\b",
    re.IGNORECASE,
)
_PLANNED = re.compile(
    r"\b(?:will|shall|plans? to|planning to|is scheduled to|are scheduled to|expects? to"
    r"|intends? to|upcoming|next week|forthcoming)\b",
    re.IGNORECASE,
)
_ARTICLE_BEFORE = re.compile(
    r"\b(?:with|at|in|during|over|hosted|held|attended|had|gave|chaired|led|joined|convened)"
    r"\s+(?:a|an|the|his|her|their)"
    r"\s+(?:[\w/-]+\s+){0,3}$",
    re.IGNORECASE,
)
_TO_MEET = re.compile(r"\b(?:to|will|would|could)\s+meet\b", re.IGNORECASE)
_GENERIC_KINDS = frozenset({"meeting", "discussion", "conversation", "talks"})
_SEPARATELY = re.compile(r"\bseparately\b", re.IGNORECASE)
_SEPARATE = re.compile(r"\bseparate(?:ly)?\b", re.IGNORECASE)
_TOLD_BY = re.compile(r"^\W*according to [^.:]{1,80}:", re.IGNORECASE)
_ACCORDING = re.compile(r"\W*according to\b", re.IGNORECASE)
_THAT = re.compile(r"(?:[\s,]+[a-z0-9]+){0,8}?,?\s+(?:that|how|whether|why)\b|\s*:")
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
    r"call|spoke|talked)\b"
)
_IN_AT = re.compile(r"\b(?:in|at)\s+$")
_REPLY_VERBS = frozenset({
    "replied", "responded", "answered", "countered", "rejoined", "retorted", "agreed",
    "disagreed", "asked", "thanked", "pressed", "urged", "told", "assured", "reassured",
    "disputed", "challenged",
})  # fmt: skip
_VERB_AFTER = re.compile(r"(?:\s*\([^)]*\))?\s*,?\s*(?:\w+ly\s+)?([a-z]+)")
_PLURAL_NOUNS = frozenset({"meetings", "discussions", "conversations", "calls", "consultations"})
_PRONOUN_SPEECH = re.compile(r"\b(?:he|she|they)\s+(?:\w+ly\s+)?(\w+)", re.IGNORECASE)
_EXCLUDING_BEFORE = re.compile(
    r"\b(?:of|about|regarding|concerning|quoting|than|like|under|against)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


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

    def hear(self, parsed: Sequence[_Sentence], ours: set[str]) -> None:
        """Note whether these sentences are an exchange (a reply, an addressee, our side)."""
        for sentence in parsed:
            if (
                sentence.replies
                or sentence.objects
                or sentence.officers
                or (set(sentence.subjects) & ours)
            ):
                self.dialogue = True


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    people: list[tuple[Find, str]]
    reported_from: int | None
    subjects: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    officers: bool = False
    replies: bool = False  # someone answers someone: "Wisner replied", "told Wisner"


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
    for paragraph in cable.paragraphs:
        text = paragraph.text
        caps = is_caps(text)
        if _SUMMARY.search(text):
            in_summary = True
        people = sorted(by_paragraph.get(paragraph.index, []), key=lambda p: p[0].start)
        told = bool(_TOLD_BY.match(text))  # "According to del Castillo: -- ..."
        parsed = [_analyse(text, s, e, people, gazetteer, caps, told) for s, e in sentences(text)]
        summary = in_summary
        if in_summary and _END_SUMMARY.search(text):
            in_summary = False
        if summary and default_day is None:
            default_day, default_place = _summary_default(
                text, parsed, created, places, spots.get(paragraph.index, [])
            )
        if _CLOSING.search(text) and not any(s.subjects for s in parsed):
            current = None
            continue
        if ATTENDEES.match(text):  # "Participants in July 3 and 4 Meetings: ..."
            listed = [k for _, k in people]
            target = next((e for e in episodes if not e.summary and e.status == "held"), None)
            if target is None and listed:  # a memorandum of conversation: the list comes first
                previous = cable.paragraphs[paragraph.index - 1].text if paragraph.index else ""
                dates = find_dates(previous, created) if len(previous) < 200 else []
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
        others.extend(_side_meetings(paragraph, parsed, text, created, caps, gazetteer))
        cue = _first_cue(text, parsed, gazetteer, caps, definite=current is None)
        interactions = _interactions(parsed)
        if cue is not None:
            sentence, kind, plural = cue
            listed = _cue_people(text, sentence, gazetteer)
            if sentence.officers:
                listed.append(OFFICERS_KEY)
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
            place = _place(text, sentence, spots.get(paragraph.index, []), places)
            host = _host(text, sentence)
            status: MeetingStatus = "planned" if _planned(text, sentence, day, created) else "held"
            separately = bool(_SEPARATELY.search(text, sentence.start, sentence.end))
            if plural and not summary:
                plural = False
            if plural or separately:
                mains = [k for k in sentence.subjects if k in listed]
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
            later = [c for c in _cues(text, parsed, gazetteer, caps) if c[0].start > sentence.start]
            second = next((c for c in later if _SEPARATE.search(text, c[0].start, c[0].end)), None)
            if second is None:
                current.add(interactions)
                current.hear(parsed, ours)
                episodes.append(current)
                continue
            # "In separate discussions, Poloff received ... from X": two encounters in one
            # paragraph, each with the people of its own sentences
            current.add(_interactions([p for p in parsed if p.start < second[0].start]))
            episodes.append(current)
            other = _Episode(
                second[1], [paragraph.index], [], None, None, None, "held", True, summary
            )
            other.add(
                [
                    *_cue_people(text, second[0], gazetteer),
                    *([OFFICERS_KEY] if second[0].officers else []),
                ]
            )
            other.add(_interactions([p for p in parsed if p.start >= second[0].start]))
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
            else:
                current = None
                continue
        if speaking:
            day = None
            for sentence in parsed:
                if (sentence.subjects or sentence.objects) and sentence.officers:
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
    meetings = _finish(cable, episodes, others, default_day, default_place, coref, created)
    entities: list[Entity] = []
    if any(OFFICERS_KEY in m.participants for m in meetings):
        origin = cable.origin or "Embassy"
        entities.append(
            Entity(
                OFFICERS_KEY,
                "organization",
                f"{origin} officials",
                subtype="post officers",
                confidence=0.5,
            )
        )
    return meetings, entities


def current_kind(episode: _Episode | None) -> str | None:
    return episode.kind if episode is not None else None


# --- sentences -----------------------------------------------------------------------------


def _analyse(
    text: str,
    start: int,
    end: int,
    people: list[tuple[Find, str]],
    gazetteer: Gazetteer,
    caps: bool,
    reported_all: bool = False,
) -> _Sentence:
    inside = [(f, k) for f, k in people if start <= f.start < end]
    reported = _reported_from(text, start, end, gazetteer)
    if reported_all or _ACCORDING.match(text, start):
        reported = start  # "According to Saran, ...": all of it is his account
    sentence = _Sentence(start, end, inside, reported)
    low = text.lower()
    previous_role: str | None = None
    previous_end = -1
    for find, key in inside:
        if reported is not None and find.start >= reported:
            break
        role = _role(low, find, sentence.start, gazetteer)
        joined = (
            previous_end >= 0
            and re.fullmatch(r"\s*,?\s*and\s+(?:the\s+)?", low[previous_end : find.start])
            is not None
        )
        if role is None and joined:
            role = previous_role
        if role == "subject":
            _append(sentence.subjects, key)
            verb = _VERB_AFTER.match(low, find.clause_end or find.end)
            if verb is not None and verb.group(1) in _REPLY_VERBS:
                sentence.replies = True
        elif role == "object":
            _append(sentence.objects, key)
        previous_role, previous_end = role, find.clause_end or find.end
    # coordinated subjects: "Arbatov and Nikonov agreed" marks both
    for (first, first_key), (second, second_key) in itertools.pairwise(inside):
        gap = low[first.end : second.start]
        if second_key in sentence.subjects and re.fullmatch(r"\s*,?\s*and\s+(?:the\s+)?", gap):
            _append(sentence.subjects, first_key)
    sentence.officers = _officers_act(text, start, reported or end, gazetteer)
    return sentence


def _append(keys: list[str], key: str) -> None:
    if key not in keys:
        keys.append(key)


def _role(low: str, find: Find, sentence_start: int, gazetteer: Gazetteer) -> str | None:
    after_at = find.clause_end or find.end
    after = low[after_at : after_at + 60]
    if after.startswith(("'s", "’s")):
        return None
    verb = re.match(
        r"^(?:\s*\([^)]*\))?\s*,?\s*(?:(?:also|then|later|again|separately|"
        r"\w+ly)\s+)?([a-z]+)",
        after,
    )
    if verb and verb.group(1) in gazetteer.speech_verbs:
        return "subject"
    before = low[max(sentence_start, find.start - 40) : find.start]
    if re.search(r"\b([a-z]+)\s+(?:\w+ly\s+)?(?:the\s+|(?:[a-z/]+\s+)?)$", before):
        word = re.search(r"\b([a-z]+)\s+(?:\w+ly\s+)?(?:the\s+)?$", before)
        if word and word.group(1) in gazetteer.address_verbs:
            return "object"
    if re.search(r"\basked by\s+(?:the\s+)?$", before):
        return "object"
    if re.search(r"\b(?:said|says|added|noted|asked|replied)\s*$", before) and after[:1] in ".,":
        return "subject"
    return None


def _reported_from(text: str, start: int, end: int, gazetteer: Gazetteer) -> int | None:
    """Where reported content begins in a sentence: after "<speech verb> that" or a colon."""
    low = text[start:end].lower()
    for match in re.finditer(r"[a-z]+", low):
        if match.group(0) not in gazetteer.speech_verbs:
            continue
        rest = _THAT.match(low, match.end())
        if rest is not None:
            return start + rest.end()
    return None


def _officers_act(text: str, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """The post's own officers take part: "We approached", "called on", "told PolOff"."""
    if _officer_word(gazetteer).search(text, start, end) is None:
        return False
    words = [t for t in tokenize(text) if t.is_word and start <= t.start < end]
    for k, token in enumerate(words):
        if token.text not in gazetteer.officers:
            continue
        nxt = words[k + 1].text.lower() if k + 1 < len(words) else ""
        prev = words[k - 1].text.lower() if k > 0 else ""
        if nxt in gazetteer.speech_verbs or nxt == "and" or prev in gazetteer.address_verbs:
            return True
        if prev in ("with", "to", "by") or nxt in ("called", "met", "paid"):
            return True
    return False


@cache
def _officer_word(gazetteer: Gazetteer) -> re.Pattern[str]:
    words = sorted(gazetteer.officers, key=len, reverse=True)
    return re.compile(r"(?<![\w/])(?:" + "|".join(map(re.escape, words)) + r")(?![\w/])")


def _interactions(parsed: Sequence[_Sentence]) -> list[str]:
    keys: list[str] = []
    for sentence in parsed:
        for key in [*sentence.subjects, *sentence.objects]:
            _append(keys, key)
        if sentence.officers:
            _append(keys, OFFICERS_KEY)
    return keys


# --- cues ---------------------------------------------------------------------------------


def _first_cue(
    text: str,
    parsed: Sequence[_Sentence],
    gazetteer: Gazetteer,
    caps: bool,
    *,
    definite: bool = False,
) -> tuple[_Sentence, str, bool] | None:
    """The first sentence that opens a meeting: (sentence, kind, plural noun).

    "the meeting" opens one only when no meeting is being told (``definite``).
    """
    return next(_cues(text, parsed, gazetteer, caps, definite=definite), None)


def _cues(
    text: str,
    parsed: Sequence[_Sentence],
    gazetteer: Gazetteer,
    caps: bool,
    *,
    definite: bool = False,
) -> Iterator[tuple[_Sentence, str, bool]]:
    """Every sentence that opens a meeting, in order (one cue per sentence)."""
    low = text.lower()
    for sentence in parsed:
        cue = _sentence_cue(text, low, sentence, gazetteer, definite)
        if cue is not None:
            yield sentence, cue[0], cue[1]


def _sentence_cue(
    text: str, low: str, sentence: _Sentence, gazetteer: Gazetteer, definite: bool = False
) -> tuple[str, bool] | None:
    """(kind, plural noun) when the sentence opens a meeting."""
    limit = sentence.reported_from or sentence.end
    span = low[sentence.start : limit]
    for match in _noun_pattern(gazetteer).finditer(span):
        noun = match.group(0)
        before = span[: match.start()]
        after = span[match.end() :]
        if (before.endswith("the ") and not definite) or before.count("(") > before.count(")"):
            continue  # "the meeting", "(also present in the meeting)": one already told
        if before.endswith("over "):
            before += "a "  # "told Casey over dinner July 14"
        framed = _PP_CUE.match(before) or _ARTICLE_BEFORE.search(before)
        acting = sentence.subjects or sentence.objects or sentence.officers
        if noun in _PLURAL_NOUNS and not after.lstrip().startswith("with"):
            framed = None
        if framed and acting:
            return gazetteer.meeting_nouns[noun], noun in _PLURAL_NOUNS
        with_at = _WITH_AFTER.match(after)
        if with_at and _names_follow(
            text, sentence, sentence.start + match.end() + with_at.end(), gazetteer
        ):
            return gazetteer.meeting_nouns[noun], noun in _PLURAL_NOUNS
    if _any_verb(gazetteer).search(text, sentence.start, limit) is None:
        return None
    for pattern, kind in gazetteer.meeting_verbs:
        for match in pattern.finditer(text, sentence.start, limit):
            following = [f for f, _ in sentence.people if 0 <= f.start - match.end() <= 60]
            officers_follow = _officer_pattern(gazetteer).match(text, match.end(), limit)
            if following or officers_follow or sentence.officers:
                return kind, False
    return None


@cache
def _any_verb(gazetteer: Gazetteer) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for p, _ in gazetteer.meeting_verbs), re.I)


@cache
def _noun_pattern(gazetteer: Gazetteer) -> re.Pattern[str]:
    nouns = sorted(gazetteer.meeting_nouns, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, nouns)) + r")\b")


@cache
def _officer_pattern(gazetteer: Gazetteer) -> re.Pattern[str]:
    words = sorted(gazetteer.officers, key=len, reverse=True)
    return re.compile(r"\s*(?:the\s+)?(?:" + "|".join(map(re.escape, words)) + r")\b")


def _names_follow(text: str, sentence: _Sentence, at: int, gazetteer: Gazetteer) -> bool:
    """A person or the post's officers are named within a few words after ``at``."""
    if any(0 <= f.start - at <= 45 for f, _ in sentence.people):
        return True
    words = re.findall(r"[A-Za-z/]+", text[at : at + 30])[:3]
    return any(w in gazetteer.officers for w in words)


def _strip_titles(before: str, gazetteer: Gazetteer) -> str:
    """ "murder of General " -> "murder of ": the words of a title before a name."""
    words = before.rstrip().split(" ")
    while words and (
        (words[-1].lower(),) in gazetteer.titles_folded or words[-1] in gazetteer.demonyms
    ):
        words.pop()
    return " ".join(words) + " "


def _cue_people(text: str, sentence: _Sentence, gazetteer: Gazetteer) -> list[str]:
    """Everyone a cue sentence names, save possessives, modifiers and people talked about."""
    keys: list[str] = []
    limit = sentence.reported_from or sentence.end
    for find, key in sentence.people:
        if find.start >= limit:
            continue
        after = text[find.clause_end or find.end : (find.clause_end or find.end) + 12]
        before = text[max(sentence.start, find.start - 30) : find.start]
        if after.startswith(("'s", "’s")):
            continue
        if (
            re.search(r"\bthe\s+$", before)
            and re.match(r"\s+[a-z]+", after)
            and not re.match(r"\s+(?:and|of|to|who|in|on|at)\b", after)
            and find.refers is None
        ):
            continue  # "the Ahtisaari plan"
        if _EXCLUDING_BEFORE.search(_strip_titles(before, gazetteer)):
            continue
        _append(keys, key)
    return keys


def _planned(text: str, sentence: _Sentence, day: date | None, created: date | None) -> bool:
    if day is not None and created is not None and day > created:
        return True
    return bool(_PLANNED.search(text[sentence.start : sentence.reported_from or sentence.end]))


def _day(
    text: str,
    sentence: _Sentence,
    parsed: Sequence[_Sentence],
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


def _place(
    text: str, sentence: _Sentence, spots: list[tuple[Find, str]], places: dict[str, Entity]
) -> str | None:
    """The city the sentence puts the encounter in ("held consultations in Moscow")."""
    limit = sentence.reported_from or sentence.end
    best: str | None = None
    for find, key in spots:
        entity = places.get(key)
        if entity is None or entity.subtype != "city" or not sentence.start <= find.start < limit:
            continue
        if _IN_AT.search(text, max(0, find.start - 4), find.start):
            best = key
    return best


def _host(text: str, sentence: _Sentence) -> str | None:
    for find, key in sentence.people:
        before = text[max(0, find.start - 60) : find.start]
        if re.search(r"\bhosted by\s+(?:the\s+)?(?:[A-Z][\w/.-]*\s+){0,4}$", before):
            return key
    return None


def _summary_default(
    text: str,
    parsed: Sequence[_Sentence],
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
            return dates[0].day, _place(text, sentence, spots, places)
    return None, None


def _side_meetings(
    paragraph: Paragraph,
    parsed: Sequence[_Sentence],
    text: str,
    created: date | None,
    caps: bool,
    gazetteer: Gazetteer,
) -> list[_Episode]:
    """Encounters of others: told inside reported speech, or still to come ("to meet").

    The teller joins the encounter they tell of when the account is their own: "he had
    discussed it with X", "He (del Castillo) has opened discussions with X", "According to
    Saran, Fernandes told him that ...".
    """
    found: list[_Episode] = []
    teller_of_paragraph = _teller(text, 0, parsed[0].people) if parsed else None
    for sentence in parsed:
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
            ]
            told = [k for f, k in inside if _TOLD_HIM.match(text, f.clause_end or f.end)]
            own = teller is not None and (_OWN_ACCOUNT.search(span) is not None or bool(told))
            if (people and _ENCOUNTER.search(span)) or told:
                dates = find_dates(span, created, caps=caps)
                day = dates[0].day if dates else None
                status: MeetingStatus = (
                    "planned"
                    if not own
                    and (
                        _PLANNED.search(span)
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
        span = text[sentence.start : sentence.end]
        match = _TO_MEET.search(span)
        if match is not None:
            people = [
                k
                for f, k in sentence.people
                if k not in sentence.subjects and not text[f.end : f.end + 2].startswith("'")
            ]
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
    del gazetteer
    return found


def _teller(text: str, start: int, people: list[tuple[Find, str]]) -> str | None:
    """The person an account is credited to: "According to Saran, ..."."""
    match = _ACCORDING.match(text, start)
    if match is None:
        return None
    for find, key in people:
        if 0 <= find.start - match.end() <= 30:
            return key
    return None


# --- results ------------------------------------------------------------------------------


def _finish(
    cable: Cable,
    episodes: list[_Episode],
    others: list[_Episode],
    default_day: date | None,
    default_place: str | None,
    coref: Coreference,
    created: date | None,
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
    topics = _topics(cable, coref)
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
                topics=tuple(_meeting_topics(episode, topics, coref)),
                host=episode.host,
            )
        )
    del created
    return meetings


def _topics(cable: Cable, coref: Coreference) -> list[str]:
    """Cable-wide topics: the free topic of the subject line."""
    del cable
    return [
        e.key
        for e in coref.entities
        if e.kind == "topic"
        and e.scheme == "free"
        and any(m.entity == e.key and m.field == "subject" for m in coref.mentions)
    ]


def _meeting_topics(episode: _Episode, cable_topics: list[str], coref: Coreference) -> list[str]:
    keys = list(cable_topics)
    wanted = set(episode.paragraphs)
    for index in sorted(wanted):
        for key in coref.headings.get(index, []):
            _append(keys, key)
    for mention in coref.mentions:
        if mention.paragraph not in wanted:
            continue
        if mention.entity.startswith("place:"):
            _append(keys, mention.entity)
    if episode.place in keys:
        keys.remove(episode.place)
    return keys
