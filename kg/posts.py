"""Post names: the telegraphic form of routing headers and the plain form of the release.

Routing headers name posts telegraphically ("AMEMBASSY MOSCOW", "SECSTATE WASHDC"), the
release plainly ("Embassy Moscow", "Secretary of State"). Both must give one post IRI,
so a name is rewritten to the release's form before the IRI is made from it. The
rewriting is three small tables, applied in order: suffixes, whole names, prefixes.
Running text names posts a third way ("the U.S. Embassy in Amman", "Consulate General
Chiang Mai"); those words are dropped first.
"""

from __future__ import annotations

import re

# Running text's forms, rewritten before the tables: the article and nationality, "in".
_TEXT_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(Consulate)[ -]General\b", re.I), r"\1"),
    (
        re.compile(
            r"^(?:the )?(?:(?:U\.S\.|US|American) )?(?=(?:Embassy|Consulate|Mission) )", re.I
        ),
        "",
    ),
    (re.compile(r"^(Embassy|Consulate|Mission) (?:in|at) ", re.I), r"\1 "),
)

# Washington offices appear with both spellings of the city.
_SUFFIXES: tuple[tuple[str, str], ...] = ((" WASHINGTON DC", " WASHDC"),)

_NAMES: dict[str, str] = {
    "SECSTATE WASHDC": "Secretary of State",
    "SECSTATE": "Secretary of State",
    "SECDEF WASHDC": "Secretary of Defense",
    "USMISSION USUN NEW YORK": "USUN New York",
}

_PREFIXES: tuple[tuple[str, str], ...] = (
    ("AMEMBASSY ", "Embassy "),
    ("AMEMB ", "Embassy "),
    ("AMCONSUL ", "Consulate "),
    ("AMCONGEN ", "Consulate "),
    ("USMISSION ", "Mission "),
    ("USOFFICE ", "US Office "),
    ("USINT ", "US Interests Section "),
)


def post_name(name: str) -> str:
    """The release's form of a post name: ``"AMEMBASSY MOSCOW"`` -> ``"Embassy MOSCOW"``.

    Only what decides the IRI is rewritten; the IRI's slug ignores case.
    """
    text = " ".join(name.split())
    for pattern, replacement in _TEXT_FORMS:
        text = pattern.sub(replacement, text, count=1)
    for suffix, replacement in _SUFFIXES:
        if text.upper().endswith(suffix):
            text = text[: -len(suffix)] + replacement
    upper = text.upper()
    if upper in _NAMES:
        return _NAMES[upper]
    for prefix, replacement in _PREFIXES:
        if upper.startswith(prefix):
            return replacement + text[len(prefix) :]
    return text
