"""Organization names without a table: capitalized phrases headed by an organization word.

"Center for International Security", "Russian Chamber of Commerce and Industry": a run of
capitalized words (with "of", "for", "and" inside) that holds an organization word, trimmed
of the sentence words before it and of a person's title. The rule ``org.keyword``
(``kg.extract.organizations``) writes what ``keyword_phrases`` finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.gazetteer import Gazetteer
from kg.extract.names import title_starts
from kg.extract.text import Token, capitalized

LEADING = frozenset(
    [
        "in",
        "during",
        "at",
        "on",
        "the",
        "a",
        "an",
        "for",
        "from",
        "with",
        "by",
        "to",
        "of",
        "and",
        "but",
        "while",
        "when",
        "as",
        "after",
        "before",
        "since",
        "following",
        "according",
        "under",
        "if",
        "although",
        "however",
        "then",
        "that",
        "this",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "both",
        "each",
        "former",
        "recent",
        # sentence words of the genre that open a capitalized run ("Yet Lebanese Forces ...",
        # "Per the American Chamber of Commerce ...", "Most Church leaders ...")
        "yet",
        "per",
        "most",
        "many",
        "some",
        "several",
        "such",
        "any",
        "every",
        "also",
        "even",
        "only",
        "thus",
        "meanwhile",
        "moreover",
        "instead",
        "indeed",
        "separately",
        "additionally",
        "similarly",
        "likewise",
        "currently",
        "previously",
        "despite",
        "among",
        "between",
        "through",
        "via",
        "within",
        "without",
        "like",
        "unlike",
        "because",
        "where",
        "whereas",
    ]
)


_CALENDAR = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


_ADJECTIVE = re.compile(r"-[a-z]{4,}$")  # a compound adjective: "Russia-centric"
_JOINERS = frozenset({"of", "for", "on", "and", "the", "de", "la", "du", "del", "&", "des"})


def keyword_phrases(
    text: str, tokens: list[Token], gazetteer: Gazetteer, caps: bool
) -> Iterator[tuple[int, int, str]]:
    """Capitalized phrases headed by an organization word, trimmed of sentence words."""
    n = len(tokens)
    resume = 0  # the token after the last phrase
    for i in capitalized(tokens):
        if i < resume:
            continue
        j = i + 1
        tail = (
            False  # inside an "of/for/on" tail, where "and" may join ("of Commerce and Industry")
        )
        while j < n:
            token = tokens[j]
            if token.is_word and token.is_cap and token.start - tokens[j - 1].end <= 2:
                if token.bare.lower() in _CALENDAR:
                    break
                j += 1
            elif (
                token.text in _JOINERS
                and (token.text != "and" or tail)
                and j + 1 < n
                and tokens[j + 1].is_word
                and tokens[j + 1].is_cap
                and tokens[j + 1].bare.lower() not in _CALENDAR
                and not caps
            ):
                tail = tail or token.text in ("of", "for", "on")
                j += 1
            elif _group_possessive(tokens, j) or _listed_tail(tokens, j, tail, caps):
                j += 1  # "People's Liberation Army"; "of Science, Technology and Development"
            elif (
                token.text in ("of", "for", "on")
                and j + 2 < n
                and tokens[j + 1].text == "the"
                and tokens[j + 2].is_cap
                and tokens[j + 2].is_word
                and tokens[j + 2].bare.lower() not in _CALENDAR
                and not caps
            ):
                tail = True
                j += 2
            else:
                break
        phrase = _trim(tokens[i:j], gazetteer, caps)
        resume = j
        if phrase is None:
            continue
        first, last = phrase
        if text[last.end : last.end + 1] == ":":
            continue  # a form's label: "Unit:", "Service No.:"
        name = text[first.start : last.end]
        words = name.split()
        if len(words) == 2 and words[1] == "Government" and words[0] in gazetteer.demonyms:
            name = f"Government of {gazetteer.country_names.get(gazetteer.demonyms[words[0]], '')}"
        if caps:
            name = " ".join(
                w.capitalize() if w.lower() not in _JOINERS else w.lower() for w in name.split()
            )
        yield first.start, last.end, name


# plural nouns whose possessive opens a body's name: "People's Liberation Army", "Workers' Party"
_GROUP_WORDS = frozenset({"People", "Peoples", "Workers", "Women", "Children", "Farmers", "Youth"})


def _group_possessive(tokens: list[Token], j: int) -> bool:
    """The possessive of a group noun inside a name, before a capitalized word."""
    return (
        tokens[j].text in ("'s", "'", "’s", "’")
        and tokens[j - 1].text in _GROUP_WORDS
        and tokens[j - 1].end == tokens[j].start
        and j + 1 < len(tokens)
        and tokens[j + 1].is_cap
        and tokens[j + 1].is_word
    )


def _listed_tail(tokens: list[Token], j: int, tail: bool, caps: bool) -> bool:
    """A comma inside an "of" tail that lists fields, closed by "and" and a capitalized word:
    "Department of Science, Technology and Economic Development"."""
    if not tail or caps or tokens[j].text != "," or j + 1 >= len(tokens):
        return False
    if not (tokens[j + 1].is_cap and tokens[j + 1].is_word) or tokens[j + 1].is_upper:
        return False
    for k in range(j + 2, min(j + 5, len(tokens) - 1)):
        if tokens[k].text == "and":
            return tokens[k + 1].is_cap and tokens[k + 1].is_word
        if not tokens[k].is_cap:
            return False
    return False


def _trim(run: list[Token], gazetteer: Gazetteer, caps: bool) -> tuple[Token, Token] | None:
    heads = [
        k
        for k, t in enumerate(run)
        if t.bare in gazetteer.org_keywords
        or (caps and t.bare.capitalize() in gazetteer.org_keywords)
    ]
    if not heads:
        return None
    head = heads[-1]
    end = len(run)
    first = heads[0]
    if run[first].bare in gazetteer.org_heads_first and first + 1 < end and not caps:
        head = first  # "Banco Delta Asia", "Partido Revolucionario Institucional": it runs on
    # stop after the head unless an "of/for/on" tail follows it
    elif head + 1 < end and run[head + 1].text not in _JOINERS:
        end = head + 1
    tail = next((k for k in range(head) if run[k].text in ("of", "for")), None)
    if tail is not None and not any(
        t.bare in gazetteer.org_keywords or (caps and t.bare.capitalize() in gazetteer.org_keywords)
        for t in run[:tail]
    ):
        # "Morgan Tsvangirai of the Movement for Democratic Change": the name begins after "of"
        run = run[tail + 1 :]
        head -= tail + 1
        end -= tail + 1
    for k in range(head + 2, end):
        # "Office of the High Commissioner for Human Rights": a title after "the" and one
        # word names the office's holder, part of the name
        holder = run[k - 2].text == "the"
        if run[k - 1].text not in _JOINERS and (
            (_is_title_word(run[k], gazetteer) and not holder)
            or _opens_person(run, k, gazetteer, caps)
        ):
            end = k  # "Ministry of Foreign Affairs and Cooperation Director ...": a title
            break
    while end > head + 1 and run[end - 1].text in _JOINERS:
        end -= 1
    start = 0
    if caps:
        start = head
        while start > 0 and _caps_part(run[start - 1], gazetteer):
            start -= 1
        if start > 0 and head > start and run[start - 1].bare.title() in gazetteer.places:
            rest = " ".join(t.bare.title() for t in run[start:end])
            if rest not in gazetteer.organizations:
                start -= 1  # "JAPAN SOCIALIST PARTY": a place opens the name
    for k in range(start + 1, head):
        if _is_title_word(run[k], gazetteer) and _surname_like(run[k - 1], gazetteer):
            start = k  # "Ambassador Jorge Dezcallar Deputy Chief of Mission": a name ends it
    while start < head and (
        run[start].text.lower() in LEADING
        or _ADJECTIVE.search(run[start].text)  # "Russia-centric", "Kremlin-backed"
        or (_is_title_word(run[start], gazetteer) and not _eponym(run, start, head))
        or run[start].text.startswith("XXXX")  # a redaction before the name
    ):
        start += 1
    words = _known_first(run[start:end], gazetteer)
    if not words:
        return None
    if len(words) == 1 and words[0].bare not in _ONE_WORD_BODIES:
        return None  # "Council", "Government" alone are references, not names
    if all(w.bare.lower() in ("government", "embassy", "mission", "consulate") for w in words):
        return None
    if words[-1].bare in ("Embassy", "Consulate", "Mission") and not (
        words[0].text in gazetteer.demonyms or words[0].text in gazetteer.places
    ):
        return None  # "Public Affairs Section of Embassy": a part of the post
    while (
        len(words) > 2
        and words[0].bare in gazetteer.places
        and (" ".join(w.text for w in words[1:]) in gazetteer.organizations)
    ):
        words = words[1:]  # "Vienna Contact Group" is the Contact Group
    if " ".join(w.text for w in words) in gazetteer.places:
        return None
    return words[0], words[-1]


_EPONYM_TITLES = frozenset({"King", "Queen", "Prince", "Princess", "Sultan", "Sheikh", "Emir"})


def _eponym(run: list[Token], k: int, head: int) -> bool:
    """ "King Abdulaziz University", "Sultan Qaboos University": named after a ruler."""
    return run[k].bare in _EPONYM_TITLES and k + 1 < head and run[k + 1].is_cap


# parliaments named by one word: "the Duma", "the Senate", "the Sejm"
_ONE_WORD_BODIES = frozenset(
    {"Duma", "Majlis", "Knesset", "Bundestag", "Bundesrat", "Senate", "Sejm", "Rada", "Riksdag"}
    | {"Storting", "Folketing", "Althingi", "Diet", "Congress"}
)


def _known_first(words: list[Token], gazetteer: Gazetteer) -> list[Token]:
    """A known body's name followed by words that name no body ends there: "Ministry of
    Defense Parliamentary Secretary", "Ministry of Foreign Affairs Shen Jian and ..."."""
    for q in range(2, len(words)):
        if words[q].text in _JOINERS or words[q - 1].text in _JOINERS:
            continue
        if " ".join(w.text for w in words[:q]) not in gazetteer.organizations:
            continue
        more = next((k for k in range(q, len(words)) if words[k].text in _JOINERS), len(words))
        if not any(w.bare in gazetteer.org_keywords for w in words[q:more]):
            return words[:q]  # not "Ministry of Defense Intelligence Directorate"
    return words


def _opens_person(run: list[Token], k: int, gazetteer: Gazetteer, caps: bool) -> bool:
    """After an "of" tail, a given name or an office acronym begins what follows the body's
    name: "Office of the Secretary of Defense Rich Davison", "Council of State Carlos Lage",
    "Ministry of Foreign Affairs AF Assistant Secretary"."""
    token = run[k]
    if not any(t.text in ("of", "for", "on") for t in run[:k]):
        return False
    given = (
        token.bare.lower() in gazetteer.first_names and token.bare.lower() not in gazetteer.capwords
    )
    if given and k + 1 < len(run) and _surname_like(run[k + 1], gazetteer):
        return True
    return not caps and token.is_upper and token.bare in gazetteer.offices


def _is_title_word(token: Token, gazetteer: Gazetteer) -> bool:
    return (token.text,) in gazetteer.titles and token.bare not in gazetteer.org_keywords


def _surname_like(token: Token, gazetteer: Gazetteer) -> bool:
    """A capitalized word that no list knows: the end of a personal name before a title."""
    word = token.bare
    return (
        token.is_word
        and token.is_cap
        and not token.is_upper
        and word not in gazetteer.org_keywords
        and word.lower() not in gazetteer.capwords
        and word not in gazetteer.places
        and word not in gazetteer.demonyms
        and word not in title_starts(gazetteer, False)
    )


def _caps_part(token: Token, gazetteer: Gazetteer) -> bool:
    word = token.bare
    if not token.is_word or word.lower() in LEADING or word.lower() in _JOINERS:
        return False
    if word.title() in gazetteer.places:
        return False
    return word.lower() in gazetteer.capwords or word.title() in gazetteer.demonyms
