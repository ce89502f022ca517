"""Which words can belong to a personal name, and which titles can stand before one.

Shared by the people extractors: a word is ruled out as a name when the word lists know
it as something else (a common capitalized word, a place, a nationality, an organization,
a title, a group like "Maoists"); names keep their particles ("Jorge del Castillo",
"Ali al-Haidary") and are given in normal case when written in capitals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from kg.extract.gazetteer import Gazetteer, Title, load
from kg.extract.text import Token


def _not_name_word(token: Token, gazetteer: Gazetteer) -> bool:
    word = token.bare
    lower = word.lower()
    if lower in gazetteer.capwords or word in gazetteer.demonyms or word in gazetteer.places:
        return True
    if word in gazetteer.organizations or lower in gazetteer.officers or word in gazetteer.officers:
        return True
    if (word,) in gazetteer.titles or (token.text,) in gazetteer.titles:
        return True
    if _PLURAL_ACRONYM.match(word):
        return True  # MEPs, POWs, MRLs: a plural acronym names a group
    if lower.endswith(_GROUP_ENDINGS) and len(lower) > 6:
        return True  # Djiboutians, Maoists, Shiites: groups, not people
    if "-" in word and any(
        part in gazetteer.places or part in gazetteer.demonyms for part in word.split("-")
    ):
        return True  # France-Afrique, US-Russian
    return word.endswith("s") and word[:-1] in gazetteer.demonyms


_GROUP_ENDINGS = ("ans", "ists", "ites", "ards")
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")
ARABIC_ARTICLE = re.compile(r"^(?:al|el|Al|El|ad|as|ash|an|ar|az|bin|ibn|abu|Abu|Bin|Ibn)-[A-Z]")
_GARBLED = re.compile(r"^(?!Mc|Mac|De|Di|La|Le|Van|Von|Du|Da)[A-Z][a-z]{2,}[A-Z]")  # CooQnator
_INNER_CAPITAL = re.compile(r"^[A-Z][a-z]{1,2}[A-Z]$")  # GoB, MoH, MoD: acronyms, not names


def is_name_word(token: Token, gazetteer: Gazetteer, *, allow_upper: bool = False) -> bool:
    memo = _NAME_WORDS[allow_upper]
    known = memo.get(token.text)
    if known is None:
        known = memo[token.text] = _name_word(token, gazetteer, allow_upper)
    return known


# by allow_upper, then by text; one gazetteer per process: safe to memoize
_NAME_WORDS: dict[bool, dict[str, bool]] = {False: {}, True: {}}


def _name_word(token: Token, gazetteer: Gazetteer, allow_upper: bool) -> bool:
    if ARABIC_ARTICLE.match(token.text):
        return True
    if not token.is_word or not token.is_cap or "/" in token.text:
        return False
    if _INNER_CAPITAL.match(token.text) or _GARBLED.match(token.text):
        return False
    if token.is_upper and not allow_upper:
        return False
    if len(token.bare) == 1 and not token.text.endswith("."):
        return False
    return not _not_name_word(token, gazetteer)


def is_initial(token: Token) -> bool:
    return len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "."


def match_title(
    tokens: Sequence[Token], at: int, gazetteer: Gazetteer, *, folded: bool = False
) -> tuple[Title, int] | None:
    """The longest title starting at ``tokens[at]``: (title, number of tokens)."""
    first = tokens[at].text
    if (first.lower() if folded else first) not in title_starts(gazetteer, folded):
        return None
    table = gazetteer.titles_folded if folded else gazetteer.titles
    prefixes = _title_prefixes(gazetteer, folded)
    found: tuple[Title, int] | None = None
    words: tuple[str, ...] = ()
    for token in tokens[at : at + gazetteer.title_max_len]:  # word by word, while a title can go on
        words = (*words, token.text.lower() if folded else token.text)
        if words not in prefixes:
            break
        title = table.get(words)
        if title is not None:
            found = title, len(words)
    return found


@cache
def title_starts(gazetteer: Gazetteer, folded: bool) -> frozenset[str]:
    keys = gazetteer.titles_folded if folded else gazetteer.titles
    return frozenset(key[0] for key in keys)


@cache
def _title_prefixes(gazetteer: Gazetteer, folded: bool) -> frozenset[tuple[str, ...]]:
    """Every leading run of words of every title."""
    keys = gazetteer.titles_folded if folded else gazetteer.titles
    return frozenset(key[:n] for key in keys for n in range(1, len(key) + 1))


# --- mixed-case text ---------------------------------------------------------------------


def adjacent(left: Token, right: Token) -> bool:
    """No punctuation between two tokens (only spaces or a line break)."""
    return right.start - left.end <= 3


def name_run(
    tokens: Sequence[Token], at: int, end: int, gazetteer: Gazetteer, *, allow_upper: bool = False
) -> int:
    """How many tokens from ``at`` (before ``end``) form a personal name."""
    j = at
    while j < end:
        token = tokens[j]
        if (
            is_initial(token)
            or is_name_word(token, gazetteer, allow_upper=allow_upper)
            or _bare_initial(tokens, j, end, gazetteer)
            or _initials(tokens, j, end, gazetteer)
            or _given_before_given(tokens, j, end, gazetteer)
            or (token.text in gazetteer.particles and j + 1 < end and tokens[j + 1].is_cap)
        ):
            j += 1
        elif (
            j >= at + 2
            and token.bare in gazetteer.places
            and j + 1 < end
            and tokens[j + 1].bare.lower() in gazetteer.first_names
        ):
            j += 1  # "Humberto Sergio Costa Lima Luiz Fernando Furlan": Lima ends a name here
        else:
            if _surname_word(tokens, at, j, end, gazetteer):
                j += 1  # "Special Envoy Robert King,", "Director Lucia French said"
            break
    while j > at and (tokens[j - 1].text in gazetteer.particles or tokens[j - 1].text == "and"):
        j -= 1
    # a name never ends on an initial alone: "William J." is "William"
    while j > at + 1 and is_initial(tokens[j - 1]):
        j -= 1
    return j - at


_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
_NOT_INITIALS = frozenset({"U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "A.M.", "P.M.", "U.A.E."})


def _initials(tokens: Sequence[Token], j: int, end: int, gazetteer: Gazetteer) -> bool:
    """Two or three initials written as one word before a surname: "H.T. Imam"."""
    token = tokens[j]
    if token.text in _NOT_INITIALS or not _INITIALS.fullmatch(token.text):
        return False
    if j + 1 >= end or not adjacent(token, tokens[j + 1]):
        return False
    following = tokens[j + 1]
    return not following.is_upper and is_name_word(following, gazetteer)


def _bare_initial(tokens: Sequence[Token], j: int, end: int, gazetteer: Gazetteer) -> bool:
    """An initial written without its full stop inside a name: "Admiral K Menon"."""
    token = tokens[j]
    if len(token.text) != 1 or not token.text.isupper() or token.text in ("A", "I"):
        return False
    if j + 1 >= end or not adjacent(token, tokens[j + 1]):
        return False
    following = tokens[j + 1]
    return not following.is_upper and is_name_word(following, gazetteer)


def _given_before_given(tokens: Sequence[Token], j: int, end: int, gazetteer: Gazetteer) -> bool:
    """A given name that is also a common word ("Jan", a month) before a second given name:
    "Prime Minister Jan Peter Balkenende"."""
    token = tokens[j]
    if j + 2 >= end or token.is_upper or token.bare.lower() not in gazetteer.first_names:
        return False
    following = tokens[j + 1]
    return (
        adjacent(token, following)
        and following.bare.lower() in gazetteer.first_names
        and is_name_word(following, gazetteer)
        and is_name_word(tokens[j + 2], gazetteer)
    )


# what may follow a surname that is also a title, place or nationality word
_NAME_ENDS = frozenset({",", ".", ";", ")", "'s", "’s", "and", "who", "whom", "whose"})


def _surname_word(tokens: Sequence[Token], at: int, j: int, end: int, gazetteer: Gazetteer) -> bool:
    """A word the lists know as something else ("King", "French", "Bishop", "Medina") that
    ends a name opened by a given name, "Julian King confirmed", "Maria Bishop,": the
    word is last in its capitalized run and a verb or punctuation follows it."""
    if j == at or j >= end:
        return False
    token = tokens[j]
    if not (token.is_word and token.is_cap) or token.is_upper or not token.bare.isalpha():
        return False
    if tokens[at].bare.lower() not in gazetteer.first_names or not adjacent(tokens[j - 1], token):
        return False
    if token.bare in gazetteer.organizations or token.bare.lower() in gazetteer.officers:
        return False
    if token.bare in gazetteer.org_keywords or len(token.bare) < 3:
        return False
    if j + 1 >= len(tokens):
        return True
    after = tokens[j + 1]
    if after.text in _NAME_ENDS:
        return True
    return after.text in gazetteer.speech_verbs or after.text in _NAME_VERBS


_NAME_VERBS = frozenset(
    {"has", "had", "was", "is", "will", "would", "could", "can", "did", "does", "met"}
)


# a Chinese or Korean given name of two syllables: "Myung-hwan", "Chen-fang", "Erh-cheng"
_SYLLABLES = re.compile(r"(?!Abd|Abu|Al|El|Ul|Ud)[A-Z][a-z]{1,5}-[a-z]{1,6}")


def surname_first(words: Sequence[str]) -> bool:
    """A Chinese or Korean name written surname first, "Yu Myung-hwan", "Hwa Erh-cheng":
    a short surname, then a given name of two syllables joined by a hyphen."""
    return len(words) == 2 and len(words[0]) <= 5 and _SYLLABLES.fullmatch(words[1]) is not None


def clean_name(tokens: Sequence[Token], caps: bool = False) -> str:
    words = [t.text for t in tokens]
    if caps or all(t.is_upper for t in tokens if len(t.bare) > 1):
        words = [normal_case(w) for w in words]
    return " ".join(words)


def normal_case(word: str) -> str:
    if len(word) <= 2 and word.endswith("."):
        return word.upper()
    parts = re.split(r"([-'’])", word.lower())
    out = []
    for part in parts:
        if part in ("al", "el", "bin", "ibn", "de", "del", "van", "von", "da", "di"):
            out.append(part)
        else:
            out.append(part[:1].upper() + part[1:])
    text = "".join(out)
    # McX always; MacX only for the Gaelic names listed (MACOMBER is Macomber, MACHADO Machado)
    if text.startswith("Mc") and len(text) > 3:
        text = text[:2] + text[2].upper() + text[3:]
    elif text.startswith("Mac") and text[3:].lower() in load().mac_stems:
        text = text[:3] + text[3].upper() + text[4:]
    return text
