"""Encounters of others: told inside reported speech, told as past, or still to come.

These rules read one sentence at a time, beside the main thread of a cable's encounters
(``kg.extract.meetings.reader``), and each makes an episode of its own:

- ``meeting.reported-speech``: "he said he had discussed it with X", "he said he had spoken
  to President X", "According to Saran, Fernandes told him that ..." (``reported``, or
  ``planned`` when still to come); the teller joins when the account is their own;
- ``meeting.earlier-address``: "He had told PM Tanaka that ..." (``reported``);
- ``meeting.to-meet``: "He plans to meet Guebuza" (``planned``);
- ``meeting.action-request``: a Department instruction to a named post ("Embassy Amman is
  requested to deliver ... to FM Judeh"), a planned demarche to its addressee.

A sentence that tells an encounter in reported speech is told: the later rules skip it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from kg.extract.clauses import ACCORDING, EARLIER_ADDRESS, Sentence
from kg.extract.coref import Coreference
from kg.extract.cues import PLANNED
from kg.extract.dates import find_dates
from kg.extract.finds import Find
from kg.extract.meetings.episodes import Episode
from kg.extract.rules import Rule, names
from kg.model import Cable, MeetingStatus, Paragraph

# "he had met DPRK Vice Foreign Minister Kim": the one met, titles between
_MET_BEFORE = re.compile(r"\b(?:met|meeting|visited)\s+(?:the\s+)?(?:[A-Z][\w/.'-]*\s+){0,5}$")
_MET_WORD = re.compile(r"met|meeting|visited")  # a quick test before _MET_BEFORE
# "he had spoken to President Sargsian", "she talked by phone with FM Lavrov": the one spoken to
_SPOKE_TO_BEFORE = re.compile(
    r"\b(?:spoken|spoke|talked|phoned|telephoned)\s+(?:(?:by\s+)?(?:tele)?phone\s+)?"
    r"(?:to|with)\s+(?:the\s+)?(?:[A-Z][\w/.'-]*\s+){0,5}$"
)
_SPOKE_WORD = re.compile(r"spok|talked|phoned")  # a quick test before _SPOKE_TO_BEFORE
HE_SHE = re.compile(r"\s*(?:he|she)\b", re.IGNORECASE)
_TO_MEET = re.compile(r"\b(?:to|will|would|could)\s+meet\b", re.IGNORECASE)
_MEET = re.compile(r"meet", re.IGNORECASE)  # a quick test before _TO_MEET
_WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?(?:\S+\s+)?$")
_TOLD_HIM = re.compile(
    r"\s+(?:\w+ly\s+)?(?:told|assured|informed|briefed|warned|asked)\s+(?:him|her|them)\b"
)
_OWN_ACCOUNT = re.compile(
    r"(?:^\W*|\bthat\s+|[,;]\s*)(?:he|she|they)\b(?:\s*\([^)]*\))?\s+(?:\w+\s+){0,3}?(?:met|discussed|talked|spoke|spoken|phoned|telephoned|"
    r"raised|broached|dined|lunched|opened discussions|held talks|conveyed)\b",
    re.IGNORECASE,
)
# "he was forced to wait three hours for a meeting with Chavez": the teller's own encounter
_OWN_MEETING = re.compile(
    r"\b(?:he|she|they)\b[^.;]{0,60}?\b(?:a|an|his|her|their)\s+(?:\w+\s+)?"
    r"(?:meeting|conversation|talk|call|audience)\s+with\b",
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
# "Embassy Amman is requested to deliver the points below to FM Judeh no later than June 16"
_ACTION = re.compile(
    r"\s+(?:is|are)\s+(?:hereby\s+)?(?:requested|instructed|asked|directed)\s+to\s+"
    r"(?:deliver|convey|raise|present|share|pass|demarche|approach|brief|inform|seek|urge)\b"
    r"[^.;]*",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Account:
    """One paragraph read for encounters of others, and the subject last named in it."""

    paragraph: Paragraph
    parsed: Sequence[Sentence]
    created: date | None
    caps: bool
    teller: str | None  # the one the whole paragraph is credited to ("According to Saran")
    low: str  # the text in lower case, when it has "had" (else empty: no earlier address)
    last_subject: str | None = None
    text: str = field(init=False)  # the paragraph's text

    def __post_init__(self) -> None:
        self.text = self.paragraph.text

    def episode(self, rule: str, keys: list[str], day: date | None, status: MeetingStatus,
                status_rule: str, teller: str | None = None) -> Episode:  # fmt: skip
        """An encounter of others in this paragraph; the teller takes part as ``teller``."""
        participant = "participant." + rule.removeprefix("meeting.")
        return Episode(
            "meeting",
            [self.paragraph.index],
            rule,
            day,
            status=status,
            status_rule=status_rule,
            explicit=True,
            participants=keys,
            participant_rules=["participant.teller" if k == teller else participant for k in keys],
        )


_SentenceRule = Rule[Callable[[_Account, Sentence], Episode | None]]


def side_meetings(
    paragraph: Paragraph, parsed: Sequence[Sentence], created: date | None, caps: bool
) -> list[Episode]:
    """Encounters of others in one paragraph: each sentence through the side rules."""
    text = paragraph.text
    account = _Account(
        paragraph,
        parsed,
        created,
        caps,
        _teller(text, 0, parsed[0].people) if parsed else None,
        # "he had told X": read only in paragraphs that have "had" and people
        text.lower() if (" had " in text or " HAD " in text) else "",
    )
    found: list[Episode] = []
    for previous, sentence in zip([None, *parsed], parsed, strict=False):
        if previous is not None and previous.subjects:
            account.last_subject = previous.subjects[0]
        if not _claim(account, sentence, found):
            for rule in ASIDE_RULES:
                episode = rule.apply(account, sentence)
                if episode is not None:
                    found.append(episode)
    return found


def _claim(account: _Account, sentence: Sentence, found: list[Episode]) -> bool:
    """The first account rule that tells the sentence writes its episode."""
    for rule in ACCOUNT_RULES:
        episode = rule.apply(account, sentence)
        if episode is not None:
            found.append(episode)
            return True
    return False


def _reported_speech(account: _Account, sentence: Sentence) -> Episode | None:
    """An encounter told inside what someone said: who met whom, who told whom."""
    reported = sentence.reported_from
    if reported is None:
        return None
    text = account.text
    span = text[reported : sentence.end]
    teller = (
        sentence.subjects[-1]
        if sentence.subjects
        else _teller(text, sentence.start, sentence.people) or account.teller
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
        or (
            _SPOKE_WORD.search(text, max(reported, f.start - 60), f.start) is not None
            and _SPOKE_TO_BEFORE.search(text, max(reported, f.start - 60), f.start)
        )
    ]
    told = [k for f, k in inside if _TOLD_HIM.match(text, f.clause_end or f.end)]
    actors = [k for f, k in inside if _ACTOR_OF_ENCOUNTER.match(text, f.clause_end or f.end)]
    if people:
        people = [*(k for k in actors if k not in people), *people]
    own = teller is not None and (
        _OWN_ACCOUNT.search(span) is not None or _OWN_MEETING.search(span) is not None or bool(told)
    )
    if not ((people and _ENCOUNTER.search(span)) or told):
        return None
    dates = find_dates(span, account.created, caps=account.caps)
    day = dates[0].day if dates else None
    ahead = day is not None and account.created is not None and day > account.created
    planned = not own and (PLANNED.search(span) or ahead)
    keys = [*people, *told]
    if own and teller is not None and teller not in keys:
        keys.insert(0, teller)
    rule = "meeting.reported-speech"
    if planned:
        return account.episode(rule, keys, day, "planned", "status.planned", teller)
    return account.episode(rule, keys, day, "reported", "status.reported", teller)


def _earlier_address(account: _Account, sentence: Sentence) -> Episode | None:
    """ "He had told PM Tanaka that ...": an encounter before the one told, reported."""
    low = account.low
    earlier = [
        k
        for f, k in (sentence.people if low else ())
        if low.find(" had ", max(sentence.start, f.start - 60), f.start) >= 0
        and EARLIER_ADDRESS.search(low, max(sentence.start, f.start - 60), f.start)
    ]
    teller = sentence.subjects[0] if sentence.subjects else None
    if earlier and teller is None and HE_SHE.match(account.text, sentence.start):
        teller = account.last_subject
    if not (earlier and teller is not None):
        return None
    keys = [teller, *(k for k in earlier if k != teller)]
    rule = "meeting.earlier-address"
    return account.episode(rule, keys, None, "reported", "status.reported", teller)


def _to_meet(account: _Account, sentence: Sentence) -> Episode | None:
    """ "X is to meet Y", "He plans to meet Guebuza": an encounter to come."""
    text = account.text
    span = text[sentence.start : sentence.end]
    match = _TO_MEET.search(span) if _MEET.search(span) else None
    if match is None:
        return None
    people = [
        k
        for f, k in sentence.people
        if k not in sentence.subjects
        and k not in sentence.believers
        and not text[f.end : f.end + 2].startswith("'")
    ]
    last = account.last_subject
    teller = None
    if people and last and HE_SHE.match(span) and last not in people:
        people.insert(0, last)  # "He plans to meet Guebuza": the one just told of
        teller = last
    if not people:
        return None
    dates = find_dates(span, account.created, caps=account.caps)
    day = dates[0].day if dates else None
    return account.episode("meeting.to-meet", people, day, "planned", "status.planned", teller)


# a sentence claimed by the first of these is told; else each of the others may read it
ACCOUNT_RULES: tuple[_SentenceRule, ...] = (Rule("meeting.reported-speech", _reported_speech),)
ASIDE_RULES: tuple[_SentenceRule, ...] = (
    Rule("meeting.earlier-address", _earlier_address),
    Rule("meeting.to-meet", _to_meet),
)
RULE_NAMES = (*names(ACCOUNT_RULES), *names(ASIDE_RULES), "meeting.action-request")


def _teller(text: str, start: int, people: list[tuple[Find, str]]) -> str | None:
    """The person an account is credited to: "According to Saran, ..."."""
    match = ACCORDING.match(text, start)
    if match is None:
        return None
    for find, key in people:
        if 0 <= find.start - match.end() <= 30:
            return key
    return None


def action_requests(
    cable: Cable, finds: Sequence[Find], coref: Coreference, created: date | None
) -> list[Episode]:
    """A Department instruction to a named post: a planned encounter with its addressee."""
    if not (cable.origin or "").startswith("Secretary of State"):
        return []
    posts = {e.key for e in coref.entities if e.kind == "organization" and e.subtype == "post"}
    found: list[Episode] = []
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
                Episode(
                    "demarche",
                    [paragraph.index],
                    "meeting.action-request",
                    day,
                    status="planned",
                    status_rule="status.planned",
                    explicit=True,
                    participants=[key, whom[0]],
                    participant_rules=["participant.post", "participant.addressee"],
                )
            )
    return found
