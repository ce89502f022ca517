"""Who does what in a sentence: speakers, addressees, reported speech, the post's officers.

``analyse`` reads one sentence of a paragraph against the people found in it: who is the
subject of a verb of speech ("Kosachev stressed"), who is addressed ("told Wisner",
"Asked by the Ambassador", "confirmed to Ambassador", "complained to Minister X"), where
reported content begins ("stressed that ...", "According to Saran, ..."), and whether the
post's own officers act ("We approached", "told PolOff").
People named only inside reported content are not taken as acting.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import compress

from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer
from kg.extract.text import Token, indices, tokenize

OFFICERS_KEY = "org:post-officers"
ACCORDING = re.compile(r"\W*according to\b", re.IGNORECASE)
# reported speech without "that": "Wu said he had met Kim", "she said they would vote"
# "he said President Guebuza had spoken with Mbeki": a name and a perfect or a future
_BARE_CLAUSE = (
    r"(?:(?:he|she|they|we)\s+(?:had|has|have|would|will|was|were|is|are|could|did|might"
    r"|should|planned|hoped|expected|believed)"
    r"|(?:the\s+)?(?:[a-z][\w.'-]*\s+){1,4}(?:had|would)\s+(?:\w+ly\s+)?(?:been|[a-z]+ed|met"
    r"|spoken|spoke|told|sent|not|soon))\b"
)
_THAT = re.compile(
    r"(?:[\s,]+(?:[a-z0-9]+|\([^()]{0,20}\))){0,8}?,?\s+(?:that|how|whether|why)\b|\s*:"
    r"|\s+(?=" + _BARE_CLAUSE + ")"
)
_THAT_WORDS = ("that", "how", "whether", "why")  # as in _THAT
_WORD = re.compile(r"[a-z]+")
# people said to be there: "X and Y (were) also present", "also attending were X and Y"
_PRESENT = re.compile(
    r"\b(?:also|were|was)\s+(?:present|in attendance|attended)\b|\balso attending\b",
    re.IGNORECASE,
)
_AND = re.compile(r"\s*,?\s*and\s+(?:the\s+)?")  # between coordinated names
# a verb after a name, and the words before one (text in lower case)
_VERB_NEXT = re.compile(
    r"^(?:\s*\([^)]*\))?\s*,?\s*(?:(?:also|then|later|again|separately|\w+ly)\s+)?([a-z]+)"
)
_WORD_BEFORE = re.compile(r"\b([a-z]+)\s+(?:\w+ly\s+)?(?:the\s+|(?:[a-z/]+\s+)?)$")
_VERB_BEFORE = re.compile(r"\b([a-z]+)\s+(?:\w+ly\s+)?(?:the\s+)?$")
# the addressee of an earlier exchange: "he had told Prime Minister Tanaka"
EARLIER_ADDRESS = re.compile(
    r"\bhad\s+(?:\w+ly\s+)?(?:told|asked|informed|assured|urged|warned)\s+(?:the\s+)?"
    r"(?:[a-z/.-]+\s+){0,4}$"
)
_ASKED_BY = re.compile(r"\basked by\s+(?:the\s+)?$")
# the addressee after a verb of speech and "to": "confirmed to Ambassador", "complained to
# the Minister", "explained to PolOff"
_SAID_TO = re.compile(
    r"\b(?:said|confirmed|explained|complained|described|stressed|noted|expressed|mentioned"
    r"|conveyed|reiterated|repeated|emphasized|underscored|suggested|proposed|admitted"
    r"|conceded|acknowledged|lamented|confided|outlined|recounted|spoke|talked|speaking"
    r"|talking|remarked|commented|insisted|signaled|signalled|denied|delivered|presented"
    r"|handed|pledged|promised|apologized|complaining|explaining)"
    r"\s+(?:\w+ly\s+)?to\s+(?:the\s+)?$"
)
# speech told after what was said: "..., Fawthrop asserted." is read as a subject before
# its verb; these take the speaker after the verb ("..., asserted Fawthrop.", "..., per
# A/S Carson.", "... according to Ward.")
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|added|noted|asked|replied|stated|asserted|argued|explained|declared"
    r"|continued|countered|observed|commented|remarked|offered|concluded|insisted|queried"
    r"|wondered|stressed|emphasized|according to|per)\s+(?:the\s+)?$"
)
_REPLY_VERBS = frozenset({
    "replied", "responded", "answered", "countered", "rejoined", "retorted", "agreed",
    "disagreed", "asked", "thanked", "pressed", "urged", "told", "assured", "reassured",
    "disputed", "challenged",
})  # fmt: skip
# verbs of belief: their subject holds a view, which tells of no exchange by itself ("the PM
# believed", "Camuroglu believes"): such a subject takes part only when already in it
_BELIEF_VERBS = frozenset({"believed", "believes", "expected", "hoped", "feared", "worried"})
_VERB_AFTER = re.compile(r"(?:\s*\([^)]*\))?\s*,?\s*(?:\w+ly\s+)?([a-z]+)")


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    people: list[tuple[Find, str]]
    reported_from: int | None
    subjects: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    officers: bool = False
    replies: bool = False  # someone answers someone: "Wisner replied", "told Wisner"
    # people the sentence says were there with someone: "X was accompanied by A and B"
    companions: list[str] = field(default_factory=list)
    chief: bool = False  # the post's chief acts, unnamed: "the Consul General told Escarp"
    believers: list[str] = field(default_factory=list)  # "the PM believed": a view held


def analyse(
    text: str,
    start: int,
    end: int,
    people: list[tuple[Find, str]],
    gazetteer: Gazetteer,
    caps: bool,
    reported_all: bool = False,
) -> Sentence:
    inside = [(f, k) for f, k in people if start <= f.start < end]
    reported = _reported_from(text, start, end, gazetteer)
    if reported_all or ACCORDING.match(text, start):
        reported = start  # "According to Saran, ...": all of it is his account
    sentence = Sentence(start, end, inside, reported)
    low = text.lower() if inside else ""  # read only around the people inside
    previous_role: str | None = None
    previous_end = -1
    for find, key in inside:
        if reported is not None and find.start >= reported:
            break
        role = _role(low, find, sentence.start, gazetteer)
        joined = previous_end >= 0 and _AND.fullmatch(low[previous_end : find.start]) is not None
        if role is None and joined:
            role = previous_role
        if role == "subject":
            verb = _VERB_AFTER.match(low, find.clause_end or find.end)
            if verb is not None and verb.group(1) in _BELIEF_VERBS:
                append_key(sentence.believers, key)
                previous_role, previous_end = role, find.clause_end or find.end
                continue
            append_key(sentence.subjects, key)
            if verb is not None and verb.group(1) in _REPLY_VERBS:
                sentence.replies = True
        elif role == "object":
            append_key(sentence.objects, key)
        previous_role, previous_end = role, find.clause_end or find.end
    # coordinated subjects: "Arbatov and Nikonov agreed" marks both
    for (first, first_key), (second, second_key) in itertools.pairwise(inside):
        gap = low[first.end : second.start]
        if second_key in sentence.subjects and _AND.fullmatch(gap):
            append_key(sentence.subjects, first_key)
    if (
        inside
        and _mentions_presence(low, start, reported or end)
        and _PRESENT.search(text, start, reported or end)
    ):
        for find, key in inside:  # "Vice Minister Togo and Takashima also present": all there
            if reported is None or find.start < reported:
                append_key(sentence.subjects, key)
    sentence.officers = _officers_act(text, start, reported or end, gazetteer)
    if inside and _mentions_company(low, start, reported or end):
        sentence.companions = _companions(text, low, start, reported or end, inside)
    sentence.chief = _chief_acts(text, start, reported or end, inside, gazetteer, sentence)
    return sentence


def append_key(keys: list[str], key: str) -> None:
    if key not in keys:
        keys.append(key)


def _role(low: str, find: Find, sentence_start: int, gazetteer: Gazetteer) -> str | None:
    after_at = find.clause_end or find.end
    after = low[after_at : after_at + 60]
    if after.startswith(("'s", "’s")):
        return None
    verb = _VERB_NEXT.match(after)
    if verb and verb.group(1) in gazetteer.speech_verbs:
        return "subject"
    before = low[max(sentence_start, find.start - 40) : find.start]
    if EARLIER_ADDRESS.search(low, max(sentence_start, find.start - 60), find.start):
        return None  # "he had told PM Tanaka": an earlier exchange, not this one
    if _WORD_BEFORE.search(before):
        word = _VERB_BEFORE.search(before)
        if word and word.group(1) in gazetteer.address_verbs:
            return "object"
    if _ASKED_BY.search(before) or _SAID_TO.search(before):
        return "object"
    if find.title and _SAID_TO.search(_before_title(before, find.title, gazetteer)):
        return "object"  # "complained to Interior Minister Petrov"
    if find.title and _addressed_past_title(before, find.title, gazetteer):
        return "object"  # "told Ambassador Macomber", "assured FM Riekstins"
    if after[:1] in ".," and _said_before(before, find.title, gazetteer):
        return "subject"
    return None


def _before_title(before: str, title: str, gazetteer: Gazetteer) -> str:
    """The words before a name's title: "complained to " for "complained to Interior
    Minister Petrov"."""
    words = before.split()[-6:]
    skip = {w.lower() for w in title.split()} | {"the", "of", "for"}
    while words and (words[-1] in skip or (words[-1].rstrip("."),) in gazetteer.titles_folded):
        words.pop()
    return " ".join(words) + " "


def _addressed_past_title(before: str, title: str, gazetteer: Gazetteer) -> bool:
    words = before.split()[-6:]
    skip = {w.lower() for w in title.split()} | {"the", "of", "for"}
    while words and (words[-1] in skip or (words[-1].rstrip("."),) in gazetteer.titles_folded):
        words.pop()
    return bool(words) and words[-1] in gazetteer.address_verbs


def _said_before(before: str, title: str | None, gazetteer: Gazetteer) -> bool:
    """A verb of speech (or "per", "according to") just before the name and its title."""
    if _SAID_BEFORE.search(before):
        return True
    if not title:
        return False
    words = before.split()[-6:]
    skip = {w.lower() for w in title.split()} | {"the", "of", "for"}
    while words and (words[-1] in skip or (words[-1].rstrip("."),) in gazetteer.titles_folded):
        words.pop()
    return bool(words) and _SAID_BEFORE.search(" ".join(words) + " ") is not None


def _mentions_presence(low: str, start: int, end: int) -> bool:
    """A quick test before _PRESENT (text in lower case): most sentences say nothing of who
    was there."""
    return low.find("present", start, end) >= 0 or low.find("attend", start, end) >= 0


# a sentence of its own that names who came with whom: the people after the phrase are
# companions ("X was accompanied by A and B", "Y, joined by A and by B,", "Accompanying the
# Minister were A and B", "Joining the Ruler were A and B", "In attendance were the
# following: ..."), and so are the people
# before it ("A and B accompanied him", "A joined the meeting", "A and a notetaker rounded
# out the U.S. side")
_COMPANY_AFTER = re.compile(
    r"\b(?:(?:accompanied|joined)(?:\s+[a-z]+){0,3}?\s+by\b|accompanying\b"
    r"|joining\s+(?:[\w'/.-]+\s+){1,4}?(?:were|was)\b"
    r"|(?:in attendance|attending|also present|present)(?:\s+(?:were|was)\b|\s*:))"
)
_COMPANY_BEFORE = re.compile(
    r"\b(?:accompanied(?!(?:\s+[a-z]+){0,3}?\s+by\b)|rounded out"
    r"|joined\s+(?:(?:us|him|her|them)\b|(?:the|our|their|his|her)\s+"
    r"(?:[a-z/-]+\s+){0,2}?(?:meeting|discussion|conversation|talks|call|lunch|dinner"
    r"|breakfast|session|delegation|group|ambassador|side)s?\b))"
)
_JOINED = re.compile(r"\bjoined\s+(?:the\s+)?")


def _mentions_company(low: str, start: int, end: int) -> bool:
    """A quick test before the companion patterns (text in lower case)."""
    return any(
        low.find(word, start, end) >= 0
        for word in ("accompan", "joined", "joining", "rounded out", "attend", "present")
    )


def _companions(
    text: str, low: str, start: int, end: int, inside: list[tuple[Find, str]]
) -> list[str]:
    """The people a sentence of company names: those on either side of its phrase.

    A phrase that names the companions after it needs a person after it; one that names
    them before it ("A and B accompanied him") a person before it. Possessives and the
    people of a parenthesis inside someone's title are not companions.
    """
    people = [(f, k) for f, k in inside if f.start < end]
    spans: list[tuple[int, int]] = []
    for match in _COMPANY_AFTER.finditer(low, start, end):
        if any(f.start >= match.end() for f, _ in people):
            spans.append((match.start(), match.end()))
    for match in _COMPANY_BEFORE.finditer(low, start, end):
        if any(f.end <= match.start() for f, _ in people):
            spans.append((match.start(), match.end()))
    for match in _JOINED.finditer(low, start, end):  # "joined the Ambassador", "joined Smith"
        if any(0 <= f.start - match.end() <= 30 for f, _ in people) and any(
            f.end <= match.start() for f, _ in people
        ):
            spans.append((match.start(), match.end()))
    if not spans:
        return []
    keys: list[str] = []
    for find, key in people:
        after = text[find.clause_end or find.end : (find.clause_end or find.end) + 2]
        if after.startswith(("'s", "’s")):
            continue
        append_key(keys, key)
    return keys


@cache
def post_chiefs() -> dict[str, str]:
    """The words a cable names its post's chief by, and the kind of post that uses them
    (``meeting_post_chiefs.tsv``): "Consul General", "ConGen", "CG" in a consulate's cable."""
    text = resources.files("kg.data.extract").joinpath("meeting_post_chiefs.tsv").read_text()
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {row[0].strip(): row[1].strip() for row in rows if len(row) >= 2}


@cache
def _chief_pattern() -> re.Pattern[str]:
    words = sorted(post_chiefs(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")


# the words around an unnamed chief that make it act in the sentence (text in lower case)
_CHIEF_NEXT = re.compile(r"\s*(?:\([^)]*\)\s*)?,?\s*(?:\w+ly\s+)?([a-z]+)")
_CHIEF_BEFORE = re.compile(r"\b([a-z]+)\s+(?:the\s+)?$")
_CHIEF_VERBS = frozenset({
    "and", "called", "met", "paid", "had", "hosted", "joined", "accompanied", "attended",
    "later", "also", "then",
})  # fmt: skip
_CHIEF_ROLES = frozenset({"with", "to", "by", "and", "per"})


def _chief_acts(
    text: str,
    start: int,
    end: int,
    inside: list[tuple[Find, str]],
    gazetteer: Gazetteer,
    sentence: Sentence,
) -> bool:
    """The post's chief, named by role only, speaks, acts, is addressed or is one of the
    company: "CG met with ...", "told the Consul General", "..., per the CG.", "along with
    the Ambassador, Consul General, codel staff ..."."""
    if not any(word in text[start:end] for word in post_chiefs()):
        return False  # a quick test before the pattern
    for match in _chief_pattern().finditer(text, start, end):
        if any(
            f.start <= match.start() < f.end or 0 <= f.start - match.end() <= 2 for f, _ in inside
        ):
            continue  # "Consul General Jake Walles": named, a person of its own
        rest = text[match.end() : match.end() + 40]
        if rest.startswith(("'s", "’s")):
            continue
        nxt = _CHIEF_NEXT.match(rest.lower())
        before = _CHIEF_BEFORE.search(text[max(start, match.start() - 30) : match.start()].lower())
        word_after = nxt.group(1) if nxt else ""
        word_before = before.group(1) if before else ""
        listed = text[max(start, match.start() - 2) : match.start()].endswith(", ") and (
            rest.startswith(",") or word_after == "and"
        )
        if (
            word_after in gazetteer.speech_verbs
            or word_after in _CHIEF_VERBS
            or word_before in gazetteer.address_verbs
            or word_before in _CHIEF_ROLES
            or listed
            or sentence.companions
        ):
            return True
    return False


def companions_of(parsed: Sequence[Sentence]) -> list[str]:
    """The companions the sentences name (``participant.companions``)."""
    keys: list[str] = []
    for sentence in parsed:
        for key in sentence.companions:
            append_key(keys, key)
    return keys


def _bare_clause(low: str) -> bool:
    """Words that a clause without "that" needs ("said he had met"): a quick test only."""
    if " he " in low or " she " in low or " they " in low or " we " in low:
        return True
    return (" had " in low or " would " in low) and (" said " in low or " says " in low)


def _reported_from(text: str, start: int, end: int, gazetteer: Gazetteer) -> int | None:
    """Where reported content begins in a sentence: after "<speech verb> that" or a colon."""
    low = text[start:end].lower()
    if ":" not in low and not any(w in low for w in _THAT_WORDS) and not _bare_clause(low):
        return None  # nothing for reported content to open with
    words = list(_WORD.finditer(low))
    verbs = compress(words, map(gazetteer.speech_verbs.__contains__, map(re.Match.group, words)))
    for match in verbs:
        rest = _THAT.match(low, match.end())
        if rest is not None:
            return start + rest.end()
    return None


def _officers_act(text: str, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """The post's own officers take part: "We approached", "called on", "told PolOff"."""
    acting = _officers_acting(text, gazetteer)
    return any(start <= at < end for at in acting)


@lru_cache(maxsize=1024)
def _officers_acting(text: str, gazetteer: Gazetteer) -> tuple[int, ...]:
    """Where in a paragraph the post's officers speak, act or are addressed."""
    words = [t for t in tokenize(text) if t.is_word]
    found: list[int] = []
    for k in indices(words, gazetteer.officers):
        token = words[k]
        nxt = words[k + 1].text.lower() if k + 1 < len(words) else ""
        prev = _word_before_post(words, k)
        if (
            nxt in gazetteer.speech_verbs
            or nxt in ("and", "called", "met", "paid")
            or prev in gazetteer.address_verbs
            or prev in ("with", "to", "by")
        ):
            found.append(token.start)
    return tuple(found)


_POST_WORDS = frozenset({"embassy", "consulate", "mission", "post", "the", "our"})


def _word_before_post(words: Sequence[Token], k: int) -> str:
    """The word before an officer word and the post or city that locates it: "with" in
    "telcon with Embassy Econoff", "meeting with Sao Paulo econoff"."""
    at = k - 1
    while at >= 0 and k - at <= 3:
        word = words[at].text
        city = word[:1].isupper() and not word.isupper()  # "Sao Paulo", not "ASSURED"
        if word.lower() not in _POST_WORDS and not city:
            break
        at -= 1
    return words[at].text.lower() if at >= 0 else ""


def interactions_of(parsed: Sequence[Sentence]) -> list[str]:
    keys: list[str] = []
    for sentence in parsed:
        for key in [*sentence.subjects, *sentence.objects]:
            append_key(keys, key)
        if sentence.officers:
            append_key(keys, OFFICERS_KEY)
    return keys
