"""Titles and appositions: the role a person's name is given with.

"Russian Deputy Foreign Minister Titov" gives the role Deputy Foreign Minister of Russia;
"Mikhail Margelov, Chairman of the Federation Council's Foreign Affairs Committee," an
apposition with its role and organization; "negotiator Popov" a title in lower case. The
person rules (``kg.extract.people``) call these to write the role of what they find.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from kg.extract.gazetteer import Gazetteer, Title
from kg.extract.names import adjacent, is_name_word, match_title
from kg.extract.text import Token

APPOSITION_LEAD = frozenset({"now", "former", "currently", "the", "a", "an", "also", "newly"})
FORMER = frozenset({"former", "ex"})


def role_from_prefix(
    prefix: Sequence[Token], title: Title, title_tokens: Sequence[Token], gazetteer: Gazetteer
) -> tuple[str, str | None, str | None]:
    """(role title, organization text, country) from the words before a title."""
    country: str | None = None
    words = list(prefix)
    for cut in range(len(words) - 1, -1, -1):
        if words[cut].text in ("and", "&", ",", "\n"):
            words = words[cut + 1 :]  # "King of Spain and Foreign Minister": two roles
            break
    while words and (
        words[0].text.lower() in gazetteer.capwords
        and words[0].text.lower() not in FORMER
        and not org_word(words[0], gazetteer)
        and words[0].text
        not in (
            "Foreign",
            "Deputy",
            "Acting",
            "First",
            "Vice",
            "Senior",
            "Special",
            "Chief",
            "Assistant",
            "Prime",
            "Permanent",
            "Former",
        )
    ):
        words.pop(0)
    if words and words[0].text in gazetteer.demonyms:
        country = gazetteer.demonyms[words.pop(0).text]
    elif words and (place := gazetteer.places.get(words[0].text)) is not None and place.code:
        country = place.code  # "Spain Ambassador", "India National Security Advisor"
        words.pop(0)
    org_end = 0
    for k, token in enumerate(words):
        if org_word(token, gazetteer):
            org_end = k + 1
    organization = " ".join(t.text for t in words[:org_end]) or None
    modifiers = [t.text for t in words[org_end:]]
    written = " ".join(t.text for t in title_tokens)
    core = title.expansion if written == title.form else written
    role = " ".join([*modifiers, core]).strip()
    if role.split()[0].lower() in FORMER:
        role = "Former " + " ".join(role.split()[1:])
    if organization and organization in gazetteer.organizations:
        known = gazetteer.organizations[organization]
        country = country or known.country
    return role, organization, country


def org_word(token: Token, gazetteer: Gazetteer) -> bool:
    word = token.bare
    return (
        word in gazetteer.org_keywords
        or word in gazetteer.organizations
        or (token.is_upper and len(word) >= 2 and word.startswith("GO") and len(word) == 3)
    )


def one_word_title(tokens: Sequence[Token], at: int, gazetteer: Gazetteer) -> bool:
    match = match_title(tokens, at, gazetteer)
    return match is not None and match[1] == 1


def lower_title_before(
    tokens: Sequence[Token], begin: int, gazetteer: Gazetteer
) -> tuple[Title, int] | None:
    if begin == 0 or tokens[begin - 1].text not in _lower_title_ends(gazetteer):
        return None
    for length in (3, 2, 1):
        start = begin - length
        if start < 0:
            continue
        words = tuple(t.text for t in tokens[start:begin])
        if not all(w.islower() for w in words):
            continue
        title = gazetteer.titles.get(words)
        if title is not None and title.lowercase_ok:
            return title, start
    return None


@cache
def _lower_title_ends(gazetteer: Gazetteer) -> frozenset[str]:
    return frozenset(
        k[-1] for k, t in gazetteer.titles.items() if t.lowercase_ok and k[-1].islower()
    )


def prefix_chunk(tokens: Sequence[Token], at: int, gazetteer: Gazetteer) -> Sequence[Token]:
    """The capitalized words right before a lower-case title: "Russian MFA (negotiator)"."""
    k = at
    while (
        k > 0
        and tokens[k - 1].is_word
        and tokens[k - 1].is_cap
        and adjacent(tokens[k - 1], tokens[k])
    ):
        k -= 1
    return tokens[k:at]


def apposition(
    text: str, tokens: Sequence[Token], after: int, gazetteer: Gazetteer
) -> tuple[str, str | None, int] | None:
    """ ", Chairman of the Russian Chamber of Commerce and Industry," -> (role, org, end)."""
    if after >= len(tokens) or tokens[after].text != ",":
        return None
    k = after + 1
    while k < len(tokens) and tokens[k].text.lower() in APPOSITION_LEAD:
        k += 1
    start = k
    # the apposition runs to the next comma, semicolon or sentence end
    stop = k
    while stop < len(tokens) and tokens[stop].text not in (",", ";", ".", "(", ":", "\n"):
        stop += 1
    words = tokens[start:stop]
    if not words or not words[0].is_cap or len(words) > 14:
        return None
    title_at = None
    for m in range(len(words)):
        match = match_title(words, m, gazetteer)
        if match is not None:
            title_at = (m, match)
            break
        if not (
            org_word(words[m], gazetteer)
            or words[m].text in gazetteer.demonyms
            or words[m].bare.lower() in gazetteer.capwords
            or words[m].is_upper
        ):
            return None
    if title_at is None:
        return None
    m, (title, length) = title_at
    role, organization, _ = role_from_prefix(words[:m], title, words[m : m + length], gazetteer)
    rest = words[m + length :]
    if rest and is_name_word(rest[0], gazetteer) and not org_word(rest[0], gazetteer):
        return None  # "Frank Wisner, Special Envoy Wisner made ...": a new clause, no apposition
    rest = rest[: _role_tail(rest, gazetteer)]
    if rest and rest[0].text in ("of", "at", "for") and len(rest) > 1:
        body = rest[1:]
        if body and body[0].text == "the":
            body = body[1:]
        if body:
            organization = text[body[0].start : body[-1].end]
    elif rest:
        role += " " + text[rest[0].start : rest[-1].end]
    end = tokens[stop].start if stop < len(tokens) else len(text)
    return role, organization, end


_TAIL_CONNECTORS = frozenset({"of", "for", "on", "the", "and", "to", "at", "in", "de", "du", "des"})


def _role_tail(words: Sequence[Token], gazetteer: Gazetteer) -> int:
    """How many words after a title still belong to the role: up to a verb, a clause, a title.

    ", Minister of Defense said Italy would ..." keeps "of Defense"; ", Foreign Minister and
    Defense Minister" keeps nothing after "and" that opens another title.
    """
    for i, token in enumerate(words):
        if token.text == "and" and i + 1 < len(words) and match_title(words, i + 1, gazetteer):
            return i
        if token.is_cap or token.text in _TAIL_CONNECTORS:
            continue
        if not token.is_word and token.text not in ("-", "'s", "’s", "/", "&"):
            return i
        if token.is_word:
            return i
    return len(words)
