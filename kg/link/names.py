"""Person names and role titles as linking compares them (DFM = Deputy Foreign Minister)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# -- names ---------------------------------------------------------------------------------

HONORIFICS = {
    "mr": "m", "sir": "m", "monsieur": "m", "senor": "m",
    "mrs": "f", "ms": "f", "miss": "f", "madame": "f", "mme": "f", "senora": "f",
    "dr": None, "prof": None,
}  # fmt: skip
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_PARTICLES = {"da", "de", "del", "della", "der", "di", "do", "dos", "du", "la", "le", "van",
              "von", "bin", "ibn", "al", "el"}  # fmt: skip


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Accents, case and apostrophes away: ``"Ja'afari"`` -> ``"jaafari"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"['`]", "", ascii_text.casefold())


@dataclass(frozen=True, slots=True)
class Name:
    """A person's name cut into the parts linking compares."""

    surname: str  # folded: "titov", "pollmann-zaal"
    given: tuple[str, ...] = ()  # folded, particles left out: ("william", "j")
    gender: str | None = None  # "m" or "f" when an honorific says

    @classmethod
    def of(cls, text: str) -> Name | None:
        return _name_of(text)

    @classmethod
    def _of(cls, text: str) -> Name | None:
        tokens = [w.strip(".") for w in re.split(r"[\s,]+", fold(text)) if w.strip(".-")]
        gender = None
        while tokens and tokens[0] in HONORIFICS:
            gender = HONORIFICS[tokens.pop(0)] or gender
        while len(tokens) > 1 and tokens[-1] in _SUFFIXES:
            tokens.pop()
        if not tokens:
            return None
        given = tuple(w for w in tokens[:-1] if w not in _PARTICLES)
        return cls(tokens[-1], given, gender)


@lru_cache(maxsize=1 << 16)
def _name_of(text: str) -> Name | None:
    return Name._of(text)  # names recur across cables: cut once


def _same_initial(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) == 1 and a[0] == b[0])


def given_conflict(a: Name, b: Name) -> bool:
    """Whether two names' given names (or initials) cannot be the same person's."""
    if not a.given or not b.given:
        return False
    if not _same_initial(a.given[0], b.given[0]):
        return True
    middles_a, middles_b = a.given[1:], b.given[1:]
    return any(not _same_initial(x, y) for x, y in zip(middles_a, middles_b, strict=False))


def differ_by_middle(a: Name, b: Name) -> bool:
    """Same first given name in full and same surname; the middles differ but fit."""
    if a.surname != b.surname or not a.given or not b.given or a.given == b.given:
        return False
    first_a, first_b = a.given[0], b.given[0]
    return first_a == first_b and len(first_a) > 1 and not given_conflict(a, b)


# -- role titles ---------------------------------------------------------------------------

_ROLE_WORDS = {
    "dfm": "deputy foreign minister", "fm": "foreign minister", "pm": "prime minister",
    "dpm": "deputy prime minister", "fonmin": "foreign minister", "defmin": "defense minister",
    "amb": "ambassador", "ambassadors": "ambassador", "dcm": "deputy chief mission",
    "cda": "charge", "pol": "political", "econ": "economic", "mil": "military",
    "polmil": "political military", "polcouns": "political counselor", "couns": "counselor",
    "counsellor": "counselor", "dep": "deputy", "asst": "assistant",
    "das": "deputy assistant secretary",
    "undersecretary": "under secretary", "secy": "secretary", "sec": "secretary",
    "min": "minister", "dir": "director", "pres": "president", "vp": "vice president",
    "gen": "general", "col": "colonel", "chmn": "chairman", "chair": "chairman",
    "chairwoman": "chairman", "chairperson": "chairman", "defence": "defense",
    "daffaires": "", "affaires": "", "affairs": "",
}  # fmt: skip
_ROLE_PHRASES = {"a/s": "assistant secretary", "u/s": "under secretary", "d/s": "deputy secretary"}
_ROLE_STOP = {"of", "for", "the", "on", "and", "to", "in", "at", "d", "former", "acting", "then",
              "new", "current", "mr", "mrs", "ms", "miss", "dr", "madame"}  # fmt: skip
_RANKS = {"deputy", "vice", "assistant", "under", "associate"}


@dataclass(frozen=True, slots=True)
class Title:
    """A role title as a comparable key: rank words and the rest, abbreviations expanded."""

    label: str
    ranks: frozenset[str]
    words: frozenset[str]

    @classmethod
    def of(cls, label: str) -> Title | None:
        text = fold(label)
        for phrase, expansion in _ROLE_PHRASES.items():
            text = text.replace(phrase, f" {expansion} ")
        words: list[str] = []
        for word in re.split(r"[^a-z0-9]+", text):
            words += _ROLE_WORDS.get(word, word).split()
        kept = {w for w in words if w and w not in _ROLE_STOP}
        if not kept:
            return None  # an honorific ("Mr."), not a role
        return cls(label, frozenset(kept & _RANKS), frozenset(kept - _RANKS))

    @property
    def specific(self) -> bool:
        return len(self.ranks) + len(self.words) > 1

    def same(self, other: Title) -> bool:
        return self.ranks == other.ranks and self.words == other.words

    def fits(self, other: Title) -> bool:
        """Same rank and one title's words within the other's (Minister, Foreign Minister)."""
        if self.ranks != other.ranks or not self.words or not other.words:
            return False
        return self.words <= other.words or other.words <= self.words
