"""Name runs: the capitalized words of a chunk that are a name by their own look.

A run of name words is a person when an apposition follows it ("Mikhail Margelov,
Chairman of ..."), when it opens with a given name ("Nadia Arbatova"), or when it is two or
three unknown words in running prose ("with Fiona El Assuity"). ``RUN_RULES`` holds the
three in order; the first that takes a run writes it (``kg.extract.people``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer
from kg.extract.names import clean_name, is_initial, name_run
from kg.extract.roles import apposition
from kg.extract.rules import Rule
from kg.extract.text import Segment, Token, list_head


class Writer:
    """The one step that writes the person finds of a mixed-case segment.

    ``write(first, count, confidence, rule, title=...)`` makes the find of tokens
    ``[first, first + count)`` (a generational suffix after it included), unless an
    earlier find covers any of it; ``write.also(find)`` adds a second find of a span
    written already (a name with two roles). ``found`` holds them in order.
    """

    __slots__ = ("found", "segment", "taken", "tokens")

    def __init__(self, segment: Segment, tokens: list[Token]) -> None:
        self.segment = segment
        self.tokens = tokens
        self.taken: list[tuple[int, int]] = []
        self.found: list[Find] = []

    def __call__(
        self,
        first: int,
        count: int,
        confidence: float,
        rule: str,
        *,
        title: str | None = None,
        organization: str | None = None,
        country: str | None = None,
        clause_end: int | None = None,
    ) -> Find | None:
        tokens, text = self.tokens, self.segment.text
        last = first + count - 1
        start = tokens[first].start
        end = _with_suffix(text, tokens, last)
        if any(s < end and start < e for s, e in self.taken):
            return None
        self.taken.append((start, end))
        name = clean_name(tokens[first : last + 1])
        if end > tokens[last].end:
            name += " " + text[tokens[last].end : end].strip(", ").strip()
        find = Find(
            "person",
            text[start:end],
            start,
            end,
            self.segment.paragraph,
            self.segment.field,
            name,
            title=title,
            organization=organization,
            country=country,
            clause_end=clause_end,
            confidence=confidence,
            rule=rule,
        )
        self.found.append(find)
        return find

    def also(self, find: Find) -> None:
        self.found.append(find)


def _with_suffix(text: str, tokens: Sequence[Token], last: int) -> int:
    """Extend a name over ", Jr." / "Jr." that follows it; returns the new end offset."""
    end = tokens[last].end
    rest = text[end : end + 8]
    match = re.match(r",?\s+(Jr\.|Sr\.|III|II)(?![A-Za-z])", rest)
    return end + match.end() if match else end


@dataclass(slots=True)
class _Run:
    """A name run inside a chunk: tokens[k : k + count] of the chunk tokens[begin:end]."""

    text: str
    tokens: list[Token]
    k: int
    count: int
    begin: int
    end: int
    gazetteer: Gazetteer


@dataclass(slots=True)
class _Plan:
    """What a name-run rule found: how sure it is, and the role an apposition gives."""

    confidence: float
    title: str | None = None
    organization: str | None = None
    clause_end: int | None = None


def name_runs(
    segment: Segment, tokens: list[Token], begin: int, end: int, gazetteer: Gazetteer, write: Writer
) -> None:
    """Each name run of the chunk: the first rule of ``RUN_RULES`` that takes it writes it."""
    text = segment.text
    k = begin
    while k < end:
        count = name_run(tokens, k, end, gazetteer)
        if not count:
            k += 1
            continue
        if count >= 5 or (count == 4 and list_head(text) is not None):
            count = split_listed(tokens[k : k + count], count, gazetteer)
        run = _Run(text, tokens, k, count, begin, end, gazetteer)
        for rule in RUN_RULES:
            plan = rule.apply(run)
            if plan is None:
                continue
            write(
                k,
                count,
                plan.confidence,
                rule.name,
                title=plan.title,
                organization=plan.organization,
                clause_end=plan.clause_end,
            )
            break
        else:
            given = None
            if k > 0 and tokens[k - 1].text in ("of", "for"):
                given = given_inside(tokens, k, count, gazetteer)
            if given is not None:  # "Mayor of Trujillo Cesar Acuna"
                write(given, k + count - given, 0.9, "person.given-name")
        k += count


def split_listed(run: Sequence[Token], count: int, gazetteer: Gazetteer) -> int:
    """Names in a row, as in a signature block or a list of participants run together
    ("John Hollis Laura Bell, Deputy ..."): a run of four or more words ends before the
    second given name."""
    if count < 4:
        return count
    cut = next(
        (
            i
            for i in range(2, count - 1)
            if run[i].bare.lower() in gazetteer.first_names
            and run[i - 1].bare.lower() not in gazetteer.first_names
            and run[i - 1].text not in gazetteer.particles  # "Hamad bin Isa Al Khalifa"
        ),
        None,
    )
    return cut if cut is not None else count


def given_inside(tokens: Sequence[Token], k: int, count: int, gazetteer: Gazetteer) -> int | None:
    """Where a name that no rule took as a whole ends on a given name and a surname: the
    words before it are the end of a long title ("Minister of Textiles Jemal Goklenova",
    "Mayor of Trujillo Cesar Acuna")."""
    last = k + count - 1
    for i in range(k + 1, last):
        if tokens[i - 1].text in _PLACE_OPENERS:
            continue  # "President of San Martin Cesar Villanueva"
        if tokens[i].bare.lower() in gazetteer.first_names and not is_initial(tokens[i]):
            return i
    return None


_PLACE_OPENERS = frozenset({"San", "Santa", "Santo", "Sao", "St.", "Saint", "Los", "Las", "Port"})


def _apposed(run: _Run) -> _Plan | None:
    """A name the whole chunk ends with, then an apposition that gives its role:
    "Mikhail Margelov, Chairman of the Federation Council's Foreign Affairs Committee,"."""
    if run.k + run.count != run.end:
        return None
    found = apposition(run.text, run.tokens, run.k + run.count, run.gazetteer)
    if found is None:
        return None
    return _Plan(1.0, found[0], found[1], found[2])


def _given(run: _Run) -> _Plan | None:
    """Two words or more opening with a given name ("Nadia Arbatova"), or any run of an
    attendee list."""
    if run.count < 2:
        return None
    first = run.tokens[run.k].bare.lower()
    joined = " ".join(t.text for t in run.tokens[run.k : run.k + run.count])
    if joined in run.gazetteer.places:
        return None  # "Abu Dhabi", "San Jose": a place opening with a given name
    if first in run.gazetteer.first_names:
        return _Plan(0.95)
    if list_head(run.text) and not _role_words(run):
        return _Plan(0.95)
    return None


_FUNCTION_WORDS = frozenset({"for", "of", "and", "on", "the", "to", "in", "at", "&"})


def _role_words(run: _Run) -> bool:
    """In a list of participants, a run that is part of someone's title, not a name: after
    "for" or "of" ("Director for Strategic Capabilities"), before a title word
    ("Presidential Communications Director"), or ending in an organization's head word."""
    tokens, k, count = run.tokens, run.k, run.count
    if k > 0 and tokens[k - 1].text.lower() in _FUNCTION_WORDS:
        return True
    after = k + count
    if after < len(tokens) and (tokens[after].bare.lower(),) in run.gazetteer.titles_folded:
        return True
    return tokens[after - 1].bare in run.gazetteer.org_keywords


def _unknown(run: _Run) -> _Plan | None:
    """Two or three unknown words in running prose: "with Fiona El Assuity"."""
    found = _unknown_pair(run.text, run.tokens, run.k, run.count, run.begin, run.end, run.gazetteer)
    return _Plan(0.75) if found else None


# the rules of a name run inside a chunk: the first that takes it writes it
RUN_RULES: tuple[Rule[Callable[[_Run], _Plan | None]], ...] = (
    Rule("person.apposition", _apposed),
    Rule("person.given-name", _given),
    Rule("person.unknown-pair", _unknown),
)


_LOCATIVES = frozenset({"in", "at", "from", "near", "to", "into", "outside", "inside"})


_REDACTION = re.compile(r"^X{4,}$")
# the first word of a newspaper's or a place's name, never of a person named without a given
# name: Romance articles ("La Nacion", "El Tiempo"; not "Le": "Le Pen") and place openers
_THING_OPENERS = _PLACE_OPENERS | frozenset(
    {"La", "El", "Il", "Nuevo", "Nueva", "Puerto", "Porto", "Ciudad", "Foz", "Cayo"}
)
_ARTICLES = frozenset({"the", "a", "an"})


_NOUN_ENDINGS = (
    "tion", "sion", "ment", "ance", "ence", "ness", "ity", "ship", "ism", "ture", "ing",
    "ogy", "ics",
)  # fmt: skip


def _common(token: Token, gazetteer: Gazetteer) -> bool:
    """A common word of the genre that is no particle of a name ("bin Laden", "van Gogh")."""
    lower = token.bare.lower()
    return lower in gazetteer.common_words and lower not in gazetteer.particles


def _unknown_pair(
    text: str,
    tokens: Sequence[Token],
    k: int,
    count: int,
    begin: int,
    end: int,
    gazetteer: Gazetteer,
) -> bool:
    """ "like Mehdi Karroubi", "with Fiona El Assuity": two or three unknown words mid-sentence.

    Not at the start of a sentence (where any word is capitalized), not the whole of a longer
    capitalized run (a title, an organization), not before an organization word.
    """
    if not 2 <= count <= 3 or k != begin or k + count != end or k == 0:
        return False
    before = tokens[k - 1]
    if before.text in (".", "!", "?", ":", ";", '"', "“", "(", "--", "\n") or before.is_cap:
        return False
    if text[before.end : tokens[k].start].count("\n") > 1:
        return False
    if before.text in _ARTICLES:
        return False  # "the Grand Hyatt", "the Sixth Fleet", "a Red Bull": things
    if before.text in _LOCATIVES or _REDACTION.match(before.text):
        return False  # "in Mae Sot", "met XXXXXXXXXXXX on ...": a place, or the redaction's own

    run = tokens[k : k + count]
    if run[0].text in _THING_OPENERS:
        return False  # "La Nacion", "El Tiempo", "Nuevo Leon", "Puerto Iguazu": papers, places
    if any(_common(t, gazetteer) for t in run):
        return False  # "Drugs Board", "Fire Marshall", "Polo Sport": things named in words
    if any(t.is_upper or t.bare in gazetteer.places or t.text in gazetteer.demonyms for t in run):
        return False
    joined = " ".join(t.text for t in run)
    if joined in gazetteer.places or joined in gazetteer.demonyms:
        return False
    window = tokens[max(0, k - 8) : k + count + 8]
    if sum(1 for t in window if t.is_word and not t.is_cap) < 5:
        return False  # a list or a table of names of things, not running prose
    if any(t.bare.lower().endswith(_NOUN_ENDINGS) for t in run) or run[-1].bare.endswith("s"):
        return False  # "Enforced Disappearance", "Pishin Scouts": things, not people
    after = tokens[k + count] if k + count < len(tokens) else None
    if after is not None and after.text == ":":
        return False  # a form's label: "Gender:"
    return not (
        after is not None
        and after.text in ("'s", "’s")
        and k + count + 1 < len(tokens)
        and tokens[k + count + 1].is_cap
    )
