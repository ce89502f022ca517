"""Matching predictions to gold items: names, aliases, surnames and codes.

Names are compared case- and accent-insensitively after punctuation is normalized; a
prediction matches a gold item by its canonical name, by one of the gold aliases, or
(people only) by an unambiguous surname; places also match by FIPS code. Entities are
matched one to one, strongest evidence first (:func:`assign`); a meeting participant
refers to the gold person it matches best (:func:`best`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Generational suffixes are not surnames: "Charles W. Larson, Jr." is a Larson.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_DROPPED = re.compile(r"[.'’‘`´]")
_SPACED = re.compile(r"[^\w]+|_")


# Generational suffixes are not surnames: "Charles W. Larson, Jr." is a Larson.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


_DROPPED = re.compile(r"[.'’‘`´]")


_SPACED = re.compile(r"[^\w]+|_")


def normalize(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DROPPED.sub("", text.casefold())
    return " ".join(_SPACED.sub(" ", text).split())


def surname(text: str) -> str:
    """The last word of a normalized name, generational suffixes skipped."""
    words = normalize(text).split()
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return words[-1] if words else ""


@dataclass(frozen=True, slots=True)
class Target:
    """A gold item as the matcher sees it."""

    name: str
    canonical: str  # normalized name
    keys: frozenset[str]  # normalized name and aliases
    surnames: frozenset[str]
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Guess:
    """A predicted entity as the matcher sees it."""

    label: str
    name: str  # normalized
    aliases: frozenset[str] = frozenset()  # normalized, tried for organizations and places
    code: str | None = None


def target_of(name: str, aliases: Iterable[str], code: str | None = None) -> Target:
    forms = [name, *aliases]
    keys = frozenset(k for k in map(normalize, forms) if k)
    surnames = frozenset(s for s in map(surname, forms) if s)
    return Target(name, normalize(name), keys, surnames, code)


def match_strength(guess: Guess, target: Target, targets: Sequence[Target], people: bool) -> int:
    """How strongly a guess matches a target: 4 by canonical name, 3 by a gold alias,
    2 by a predicted alias or code, 1 by surname, 0 not at all."""
    if guess.name == target.canonical:
        return 4
    if guess.name in target.keys:
        return 3
    if guess.aliases & target.keys:
        return 2
    if guess.code and target.code and guess.code.upper() == target.code.upper():
        return 2
    if not people:
        return 0
    words = guess.name.split()
    if len(words) == 1:
        # "Titov" against "Vladimir Titov": the surname must point at one gold person only.
        if words[0] in target.surnames:
            holders = [t for t in targets if words[0] in t.surnames]
            return 1 if len(holders) == 1 else 0
        return 0
    if len(target.keys) and all(len(k.split()) == 1 for k in target.keys):
        # Gold knows the surname only ("Curto"); the guess gives a fuller name.
        last = surname(guess.name)
        if last in target.keys:
            holders = [t for t in targets if last in t.surnames]
            return 1 if len(holders) == 1 else 0
    return 0


def assign_matches(
    guesses: Sequence[Guess], targets: Sequence[Target], *, people: bool
) -> dict[int, int]:
    """One-to-one matching, strongest evidence first: guess index -> target index."""
    candidates = sorted(
        (
            (-strength, gi, ti)
            for gi, guess in enumerate(guesses)
            for ti, target in enumerate(targets)
            if (strength := match_strength(guess, target, targets, people))
        ),
    )
    assigned: dict[int, int] = {}
    taken: set[int] = set()
    for _, gi, ti in candidates:
        if gi not in assigned and ti not in taken:
            assigned[gi] = ti
            taken.add(ti)
    return assigned


def best_match(guess: Guess, targets: Sequence[Target], *, people: bool) -> int | None:
    """The target a guess refers to, many-to-one (used for meeting participants)."""
    best: int | None = None
    strongest = 0
    for index, target in enumerate(targets):
        strength = match_strength(guess, target, targets, people)
        if strength > strongest:
            best, strongest = index, strength
    return best
