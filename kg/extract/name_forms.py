"""Name forms of the genre that the text must be read past before names are found.

Each step rewrites a paragraph's text into the same number of characters (offsets into the
paragraph still point at the same words or near them), so that the name rules read one name
where the telegram's layout or the writer's habit split it:

- ``name-form.particle-break``: a hard-wrapped line that ends on a name particle goes on
  with the next line's word, "Sheikh Hamdan bin\\nMohammad", "former PM Jorge Del\\nCastillo",
  "KSS Chief Athbi Al-Fahad Al\\nSabah"; so does a line that opens with "bin" or "ibn" after
  a name, "Sheikh Hamdan\\nbin Mohammad". A particle never ends a name, and a list's line
  never ends on one.
- ``name-form.given-break``: a line that ends on a title and a given name goes on with the
  next line's capitalized word, "Foreign Minister Alana\\nKorvath said": the given name alone
  is never the name.
- ``name-form.nickname``: a nickname in quotes between the given name and the surname is
  moved after the surname, "General William E. ("Kip") Ward" reads "General William E.
  Ward ("Kip")", "Jose "Pepe" Blanco" reads "Jose Blanco "Pepe"": one person, not two.
"""

from __future__ import annotations

import re
from functools import cache

from kg.extract.gazetteer import load

# the particles of surname_particles.txt that may end a line inside a name, in either case
_PARTICLE_BREAK = re.compile(
    r"(?<![^\s(])(?:[Aa]l|[Ee]l|bint?|ibn|[Aa]bu|[Dd]e|[Dd]el|[Dd]ella|[Dd]os|[Dd]as|[Dd]a"
    r"|[Dd]i|[Dd]u|[Vv]an|[Vv]on|[Dd]er)[^\S\n]*(\n)(?=[^\S\n]*[A-Z])"
    r"|(?<=[a-z])[^\S\n]*(\n)(?=[^\S\n]*(?:bint?|ibn)\s+[A-Z])"
)
# a title's last word and a given name at a line's end, then a capitalized word and what may
# follow a surname (punctuation, a lower-case word)
_GIVEN_BREAK = re.compile(
    r"\b[A-Z][A-Za-z.]+[^\S\n]+([A-Z][a-z]+)[^\S\n]*(\n)[^\S\n]*"
    r"(?=[A-Z][a-z'’-]+(?:[,.;)]|[^\S\n]+[a-z(]))"
)
_NICKNAME = re.compile(
    r"\b([A-Z][a-z]+)((?:[^\S\n]+[A-Z]\.)?)[^\S\n]+"
    r"(\(?[\"“][A-Z][a-z]+[\"”]\)?)[^\S\n]+([A-Z][a-z'’-]+)"
)


def read_name_forms(text: str) -> str:
    """The paragraph's text with the steps above applied (the same length)."""
    if "\n" in text:
        text = _PARTICLE_BREAK.sub(_joined, text)
        text = _GIVEN_BREAK.sub(_given_joined, text)
    if '"' in text or "“" in text:
        text = _NICKNAME.sub(_nickname_moved, text)
    return text


def _joined(match: re.Match[str]) -> str:
    at = 1 if match.group(1) is not None else 2
    whole = match.group(0)
    cut = match.start(at) - match.start(0)
    return whole[:cut] + " " + whole[cut + 1 :]


def _given_joined(match: re.Match[str]) -> str:
    whole = match.group(0)
    title = whole.split(None, 1)[0]
    given = match.group(1)
    if given.lower() not in load().first_names or title not in _title_words():
        return whole
    cut = match.start(2) - match.start(0)
    return whole[:cut] + " " + whole[cut + 1 :]


@cache
def _title_words() -> frozenset[str]:
    """The last word of every title ("Minister", "Amb.", "Gen.")."""
    return frozenset(key[-1] for key in load().titles)


def _nickname_moved(match: re.Match[str]) -> str:
    given, _, nickname, surname = match.groups()
    if given.lower() not in load().first_names:
        return match.group(0)
    # "William E. ("Kip") Ward" -> "William E. Ward ("Kip")": the spaces stay where they were
    head = match.group(0)[: match.start(3) - match.start(0)]
    gap = match.group(0)[match.end(3) - match.start(0) : match.start(4) - match.start(0)]
    return head + surname + gap + nickname
