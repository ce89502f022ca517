r"""What "a name matches" means, stated once for every way of asking.

A name or alias matches the user's text when the words of the text, in a row, are among
its words: any case, whatever punctuation stands between them, never a part of a word.
"Wisner" and "frank-wisner" find "Frank Wisner"; "Arbatov" finds Aleksey Arbatov and not
Nadia Arbatova; "an" only someone named "An"; "Wisner Frank" no one. A word is a run of
letters, marks and digits; a text without a letter or digit matches nothing. A topic's
label matches a text the same way ("Kosovo" finds "Kosovo's status", "ran" not "Iran").

So that no question reads every name in the store, the rule is written down when a cable
is mapped (``kg.rdf.mapping.match_keys``): each name and alias of a person carries one
``kg:nameKey`` literal per run of its whole words, in lower case, the words joined by one
space (``keys``: "Frank G. Wisner" gives "frank", "frank g", "frank g wisner", "g",
"g wisner", "wisner"), and each label of a node that is a topic or TAGS concept of the
cable one ``kg:labelKey`` the same way. The user's text becomes one key (``key``), and
"the text's words, in a row, among the name's words" is exactly "the text's key is one
of the name's keys": an equality on an indexed literal, which the store answers from its
index. ``key`` and ``keys`` are the one definition; every asker uses them:

- GraphQL (``api.gql``) and the pages compute ``key`` in Python and bind it;
- a saved query (``queries/*.rq``) names ``?person_key`` beside its ``person`` parameter,
  and the runner writes ``key(person)`` there (``bound_keys``, ``kg.queries``), so the
  store looks the key up in its index. A client that runs the file elsewhere binding only
  ``person`` gets the same answer: the file compares each key with ``key_of(?person)``,
  ``key`` in SPARQL, which then finds it by reading every key (slow, but the same rule).
  ``tests/test_matching.py`` checks that the files hold that text verbatim and that it
  agrees with ``key``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

#: What a word is made of, in SPARQL regular expressions (a backslash escaped for the
#: SPARQL string): letters, marks, digits.
_WORD = r"\\p{L}\\p{M}\\p{N}"

#: Runs of more words than this are not keys, except the whole name (n words give
#: n(n+1)/2 runs): a label that long is a sentence, asked for whole or by a few words.
MAX_RUN = 8


def words(text: str) -> list[str]:
    """The words of ``text`` in lower case: runs of letters, marks and digits."""
    found: list[str] = []
    word: list[str] = []
    for char in text.lower():
        if unicodedata.category(char)[0] in "LMN":
            word.append(char)
        elif word:
            found.append("".join(word))
            word = []
    if word:
        found.append("".join(word))
    return found


def key(text: str) -> str:
    """The key a user's text is looked up by: its words, lower case, joined by one space;
    "" (which no name has) when the text holds no letter or digit."""
    if not any(unicodedata.category(char)[0] in "LN" for char in text):
        return ""
    return " ".join(words(text))


def keys(names: Iterable[str]) -> list[str]:
    """Every key that ``names`` (a node's names, aliases or labels) are found by, each
    once: each run of whole words in a row, up to ``MAX_RUN`` words, and each whole name."""
    found: dict[str, None] = {}
    for name in names:
        parts = words(name)
        for start in range(len(parts)):
            for end in range(start + 1, min(len(parts), start + MAX_RUN) + 1):
                found[" ".join(parts[start:end])] = None
        if len(parts) > MAX_RUN:
            found[" ".join(parts)] = None
    return list(found)


def matches(text: str, name: str) -> bool:
    """Whether ``text`` matches ``name`` (for a name already at hand)."""
    wanted = key(text)
    return bool(wanted) and wanted in keys([name])


def key_of(text: str) -> str:
    """SPARQL: ``key`` of the string ``text`` (a variable or a literal): "" when it holds
    no letter or digit. For a bound parameter only; stored names have their keys."""
    return (
        f'IF(REGEX({text}, "[\\\\p{{L}}\\\\p{{N}}]"), '
        f'REPLACE(REPLACE(LCASE({text}), "^[^{_WORD}]+|[^{_WORD}]+$", ""), '
        f'"[^{_WORD}]+", " "), "")'
    )


#: The variables a saved query may name beside a string parameter P, and what the runner
#: writes there: ``?P_key`` its match key, ``?P_code`` the text in upper case (TAGS codes
#: and FIPS codes are stored so).
KEY_SUFFIX = "_key"
CODE_SUFFIX = "_code"


def bound_keys(params: Mapping[str, str], variables: Iterable[str]) -> dict[str, str]:
    """What to write for each of ``variables`` (a query's) that derives from a parameter
    in ``params``: ``{"person_key": key(person), "topic_code": topic.upper()}``."""
    found: dict[str, str] = {}
    for variable in variables:
        for suffix, make in ((KEY_SUFFIX, key), (CODE_SUFFIX, str.upper)):
            name = variable.removesuffix(suffix)
            if name != variable and name in params:
                found[variable] = make(params[name])
    return found
