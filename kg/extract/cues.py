"""What opens a meeting in a sentence, and who, when and where it names.

A meeting noun framed as an encounter ("In a February 8 dinner meeting with ...", "During a
lunch hosted by ...", "with a roundtable", "over dinner") or a meeting verb followed by a
person or the post's officers ("called on FM Riekstins", "We approached ... Popov").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from datetime import date
from functools import cache, lru_cache

from kg.extract.clauses import Sentence, append_key
from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer
from kg.model import Entity

_PP_CUE = re.compile(r"^\W*(?:In|During|At|Over|After|Following)\b[^.;:]{0,60}$", re.IGNORECASE)
_WITH_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:with|hosted by|organized by|organised by|between|later that day)\b",
    re.IGNORECASE,
)
PLANNED = re.compile(
    r"\b(?:will|shall|plans? to|planning to|is scheduled to|are scheduled to|expects? to"
    r"|intends? to|upcoming|next week|forthcoming|(?:eagerly\s+)?awaited|hopes? to"
    r"|looks? forward to|would like to|scheduled for|proposed)\b",
    re.IGNORECASE,
)
_ARTICLE_BEFORE = re.compile(
    r"\b(?:with|at|in|during|over|hosted|held|attended|had|gave|chaired|led|joined|convened)"
    r"\s+(?:a|an|the|his|her|their)"
    r"\s+(?:[\w/-]+\s+){0,3}$",
    re.IGNORECASE,
)
_CALL_ON = re.compile(r"^\s*on\b")  # "the Ambassador's May 27 call on PM Samak"
# "the Ambassador's May 27 call on": the owner of the encounter takes part in it
_OWN_ENCOUNTER = re.compile(
    r"^['’]s\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}\s+|\d{1,2}\s+[A-Z][a-z]+\s+)?"
    r"(?:courtesy\s+|introductory\s+|farewell\s+|recent\s+|first\s+)?"
    r"(?:call|meeting|visit|dinner|lunch|breakfast|conversation|talks)\b"
)
_IN_AT = re.compile(r"\b(?:in|at)\s+$")
_PLURAL_NOUNS = frozenset({"meetings", "discussions", "conversations", "calls", "consultations"})
_EXCLUDING_BEFORE = re.compile(
    r"\b(?:of|about|regarding|concerning|quoting|than|like|under|against)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def first_cue(
    text: str,
    parsed: Sequence[Sentence],
    gazetteer: Gazetteer,
    caps: bool,
    *,
    definite: bool = False,
) -> tuple[Sentence, str, bool] | None:
    """The first sentence that opens a meeting: (sentence, kind, plural noun).

    "the meeting" opens one only when no meeting is being told (``definite``).
    """
    return next(all_cues(text, parsed, gazetteer, caps, definite=definite), None)


def all_cues(
    text: str,
    parsed: Sequence[Sentence],
    gazetteer: Gazetteer,
    caps: bool,
    *,
    definite: bool = False,
) -> Iterator[tuple[Sentence, str, bool]]:
    """Every sentence that opens a meeting, in order (one cue per sentence)."""
    low = text.lower()
    for sentence in parsed:
        cue = _sentence_cue(text, low, sentence, gazetteer, definite)
        if cue is not None:
            yield sentence, cue[0], cue[1]


def _sentence_cue(
    text: str, low: str, sentence: Sentence, gazetteer: Gazetteer, definite: bool = False
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
        acting = sentence.subjects or sentence.objects or sentence.officers or sentence.chief
        if noun in _PLURAL_NOUNS and not after.lstrip().startswith("with"):
            framed = None
        if framed and acting:
            return gazetteer.meeting_nouns[noun], noun in _PLURAL_NOUNS
        with_at = _WITH_AFTER.match(after) or (
            _CALL_ON.match(after) if noun.endswith("call") else None
        )
        if with_at and _names_follow(
            text, sentence, sentence.start + match.end() + with_at.end(), gazetteer
        ):
            return gazetteer.meeting_nouns[noun], noun in _PLURAL_NOUNS
    verbs = _verb_places(text, gazetteer)  # in order: the first at or after the start
    first = bisect_left(verbs, sentence.start)
    if first == len(verbs) or verbs[first] >= limit:
        return None
    for pattern, kind in gazetteer.meeting_verbs:
        for match in pattern.finditer(text, sentence.start, limit):
            # the guest may follow a long title: "met with the Director of Costa Rica's
            # Counter Drug Police Allan Solano"
            following = [f for f, _ in sentence.people if 0 <= f.start - match.end() <= 100]
            officers_follow = _officer_pattern(gazetteer).match(text, match.end(), limit)
            if following or officers_follow or sentence.officers or sentence.chief:
                return kind, False
    return None


@lru_cache(maxsize=1024)
def _verb_places(text: str, gazetteer: Gazetteer) -> tuple[int, ...]:
    """Where a paragraph has a meeting verb ("met with", "called on")."""
    pattern = _any_verb(gazetteer)
    if text.isascii() and pattern.pattern.islower():
        # ASCII text in lower case, a pattern without capitals: the same matches as with
        # IGNORECASE, found in about half the time
        return tuple(
            m.start() for m in _any_verb(gazetteer, ignore_case=False).finditer(text.lower())
        )
    return tuple(m.start() for m in pattern.finditer(text))


@cache
def _any_verb(gazetteer: Gazetteer, *, ignore_case: bool = True) -> re.Pattern[str]:
    """Every meeting verb in one pattern."""
    verbs = "|".join(f"(?:{p.pattern})" for p, _ in gazetteer.meeting_verbs)
    return re.compile(verbs, re.IGNORECASE if ignore_case else 0)


@cache
def _noun_pattern(gazetteer: Gazetteer) -> re.Pattern[str]:
    nouns = sorted(gazetteer.meeting_nouns, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, nouns)) + r")\b")


@cache
def _officer_pattern(gazetteer: Gazetteer) -> re.Pattern[str]:
    words = sorted(gazetteer.officers, key=len, reverse=True)
    return re.compile(r"\s*(?:the\s+)?(?:" + "|".join(map(re.escape, words)) + r")\b")


def _names_follow(text: str, sentence: Sentence, at: int, gazetteer: Gazetteer) -> bool:
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


def cue_people(text: str, sentence: Sentence, gazetteer: Gazetteer) -> list[str]:
    """Everyone a cue sentence names, save possessives, modifiers and people talked about."""
    keys: list[str] = []
    limit = sentence.reported_from or sentence.end
    for find, key in sentence.people:
        if find.start >= limit:
            continue
        after = text[find.clause_end or find.end : (find.clause_end or find.end) + 40]
        before = text[max(sentence.start, find.start - 30) : find.start]
        if after.startswith(("'s", "’s")) and not _OWN_ENCOUNTER.match(after):
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
        append_key(keys, key)
    return keys


def is_planned(text: str, sentence: Sentence, day: date | None, created: date | None) -> bool:
    """The encounter is still to come: its day is after the cable's, or, without a day, the
    sentence speaks of the future ("will meet", "plans to"). A day before the cable's says
    it was held, whatever else is to come: "In a November 13 meeting, A and B discussed the
    upcoming conference"."""
    if day is not None and created is not None:
        return day > created
    return bool(PLANNED.search(text[sentence.start : sentence.reported_from or sentence.end]))


def place_of(
    text: str, sentence: Sentence, spots: list[tuple[Find, str]], places: dict[str, Entity]
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


def host_of(text: str, sentence: Sentence) -> str | None:
    for find, key in sentence.people:
        before = text[max(0, find.start - 60) : find.start]
        if re.search(r"\bhosted by\s+(?:the\s+)?(?:[A-Z][\w/.-]*\s+){0,4}$", before):
            return key
    return None
