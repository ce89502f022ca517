"""The words of TAGS lines that are no codes: people's names, place names, free-text phrases.

A post writes among its codes a person without brackets (``SOTO ERNESTO``, surname then
given name, sometimes an initial), a place (``SOUTH AFRICA``, ``GAZA``) or a phrase of its own
(``GAZA RECONSTRUCTION``, ``HUMAN RIGHTS``). These tables tell such words from codes no table
lists (``KSEP``, ``TIP``): given names (``kg/data/extract/first_names.txt`` and
``kg/data/tags/given_names.txt``), the names of countries and territories of the TAGS
tables (``name_fips_regions.txt``) and the phrases the release shows (``phrases.tsv``).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from kg.parse.refids import POSTS


def _data_lines(path: str) -> list[str]:
    text = resources.files("kg").joinpath(f"data/{path}").read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def given_names() -> frozenset[str]:
    """Given names, upper case."""
    names: set[str] = set()
    for path in ("extract/first_names.txt", "tags/given_names.txt"):
        names.update(w.upper() for line in _data_lines(path) for w in line.split())
    return frozenset(names)


@cache
def place_names() -> frozenset[tuple[str, ...]]:
    """Names of countries and territories as words (``("SOUTH", "AFRICA")``, ``("TURKEY",)``);
    the forms with brackets or commas (``Korea (Republic of)``) left out."""
    names: set[tuple[str, ...]] = set()
    for line in _data_lines("tags/name_fips_regions.txt"):
        match = re.match(r"([A-Za-z' -]+?)\s+[A-Z]{2}\s", line + " ")
        if match and "(" not in line.split(" ")[0]:
            names.add(tuple(match.group(1).upper().replace("-", " ").split()))
    return frozenset(names)


@cache
def place_words() -> frozenset[str]:
    """The words of four letters in place names (``GAZA`` of Gaza Strip, ``CUBA``): words,
    though as short as a code."""
    return frozenset(w for name in place_names() for w in name if len(w) == 4 and w.isalpha())


@cache
def phrases() -> dict[tuple[str, ...], str]:
    """The free-text tags the release shows and place names, as words -> the tag."""
    table: dict[tuple[str, ...], str] = {name: " ".join(name) for name in place_names()}
    for line in _data_lines("tags/phrases.tsv"):
        phrase, _, tag = line.partition("\t")
        table[tuple(phrase.split())] = tag.strip() or phrase.strip()
    return table


@cache
def phrase_words() -> frozenset[str]:
    """The words of the release's phrases of several words (``RIGHTS`` of HUMAN RIGHTS)."""
    return frozenset(w for p in phrases() if len(p) > 1 for w in p if len(w) >= 4)


@cache
def _longest_phrase() -> int:
    return max(3, *(len(p) for p in phrases()))


def phrase_at(
    words: list[str] | tuple[str, ...], at: int, known_codes: frozenset[str] = frozenset()
) -> tuple[int, str] | None:
    """The longest phrase starting at ``words[at]`` (size, tag): a phrase the release
    shows, a country's name (``SOUTH AFRICA``, ``TURKEY``), a post's name in words that
    the release's IDs write as one (``SAN JOSE``, ``SAO PAULO``; not ``US NATO``, whose
    words are ``known_codes``)."""
    table = phrases()
    for size in range(min(_longest_phrase(), len(words) - at), 0, -1):
        key = tuple(words[at : at + size])
        if key in table:
            return size, table[key]
        if size > 1 and "".join(key) in POSTS and not any(w in known_codes for w in key):
            return size, " ".join(key)
    return None


def person_name(words: list[str]) -> str:
    """A person's name from its words, surname first: ``SOTO ERNESTO`` -> ``SOTO,
    ERNESTO``, ``GATES ROBERT M`` -> ``GATES, ROBERT M``."""
    return f"{words[0]}, {' '.join(words[1:])}"
