"""Scores: one cable's extraction against its gold annotation.

Precision, recall and F1 per entity type and for meeting participant pairs (a predicted
pair matches when both ends match a gold pair), per cable and micro-averaged over a set;
the "who met X" score (for each gold person who met someone, the F1 of the set of people
they met, averaged over those people); and, per extraction rule, the true and false finds
it made (``kg.evaluate.rules``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Literal

from kg.evaluate.gold import Gold
from kg.evaluate.matching import Guess, Target, assign_matches, best_match, normalize, target_of
from kg.evaluate.rules import RuleScore, entity_rules, pair_rules, total
from kg.model import Entity, Extraction

Category = Literal["people", "organizations", "places", "pairs"]
CATEGORIES: tuple[Category, ...] = ("people", "organizations", "places", "pairs")


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives, with the usual ratios.

    With nothing predicted precision is 1.0; with nothing to find recall is 1.0.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class CategoryScore:
    """One category of one cable: the counts, what was missed and what was wrongly found."""

    counts: Counts = field(default_factory=Counts)
    misses: tuple[str, ...] = ()
    false_hits: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CableScore:
    reference_id: str
    people: CategoryScore
    organizations: CategoryScore
    places: CategoryScore
    pairs: CategoryScore
    error: str | None = None  # why the cable could not be scored as extracted
    # "who met X": for each gold person who met someone, the F1 of the people they met
    who_met: tuple[tuple[str, float], ...] = ()
    rules: tuple[RuleScore, ...] = ()  # the true and false finds of each extraction rule

    def category(self, name: Category) -> CategoryScore:
        score: CategoryScore = getattr(self, name)
        return score


@dataclass(frozen=True, slots=True)
class Report:
    cables: tuple[CableScore, ...]

    def overall(self, name: Category) -> Counts:
        """Micro-average: the sums of the counts over every cable."""
        total = Counts()
        for cable in self.cables:
            total = total + cable.category(name).counts
        return total

    def who_met(self) -> tuple[int, float]:
        """ "Who met X": how many gold people met someone, and their mean F1 (macro)."""
        scores = [f1 for cable in self.cables for _, f1 in cable.who_met]
        return len(scores), (sum(scores) / len(scores) if scores else 1.0)

    def by_rule(self) -> list[RuleScore]:
        """The true and false finds of each extraction rule over every cable."""
        return total(rule for cable in self.cables for rule in cable.rules)


def _guess(entity: Entity, *, with_aliases: bool) -> Guess:
    forms = [*entity.aliases] if with_aliases else []
    if with_aliases and entity.kind == "organization" and entity.code:
        forms.append(entity.code)  # an organization's code is its acronym
    aliases = frozenset(normalize(a) for a in forms) - {""}
    return Guess(entity.name, normalize(entity.name), aliases, entity.code)


def _pair_label(pair: frozenset[str]) -> str:
    return " – ".join(sorted(name.removeprefix("?") for name in pair))


def _named(extraction: Extraction) -> list[Entity]:
    """The entities the cable names: those at least one mention points to.

    Entities without any mention are placeholders (the unnamed officers of the post that
    a meeting lists as a party); the gold annotates names, so they are not scored.
    An extraction that carries no mentions at all is taken whole.
    """
    if not extraction.mentions:
        return list(extraction.entities)
    mentioned = {mention.entity for mention in extraction.mentions}
    return [e for e in extraction.entities if e.key in mentioned]


def score(gold: Gold, extraction: Extraction) -> CableScore:
    """Compare one cable's extraction with its gold annotation."""
    entities = _named(extraction)
    people = [e for e in entities if e.kind == "person"]
    person_guesses = [_guess(e, with_aliases=False) for e in people]
    person_targets = [target_of(p.name, p.aliases) for p in gold.people]
    org_targets = [target_of(o.name, o.aliases) for o in gold.organizations]
    place_targets = [target_of(p.name, p.aliases, p.code) for p in gold.places]

    # Participants: each predicted person refers to the gold person it matches best (a
    # duplicate entity still names the same person); unmatched ones stay themselves.
    identity: dict[str, str] = {}
    for entity, guess in zip(people, person_guesses, strict=True):
        index = best_match(guess, person_targets, people=True)
        identity[entity.key] = (
            person_targets[index].name if index is not None else f"?{entity.name}"
        )
    predicted: set[frozenset[str]] = set()
    for meeting in extraction.meetings:
        ends = {identity[k] for k in meeting.participants if k in identity}
        predicted.update(frozenset(pair) for pair in combinations(sorted(ends), 2))
    expected = gold.pairs
    pairs = CategoryScore(
        Counts(len(predicted & expected), len(predicted - expected), len(expected - predicted)),
        tuple(sorted(_pair_label(p) for p in expected - predicted)),
        tuple(sorted(_pair_label(p) for p in predicted - expected)),
    )
    scored = {
        "people": _score_entities("people", people, person_targets, people=True),
        "organizations": _score_entities("organizations", entities, org_targets, people=False),
        "places": _score_entities("places", entities, place_targets, people=False),
    }
    return CableScore(
        gold.reference_id,
        scored["people"][0],
        scored["organizations"][0],
        scored["places"][0],
        pairs,
        who_met=who_met(predicted, expected),
        rules=(
            *(rule for _, rules in scored.values() for rule in rules),
            *pair_rules(extraction.meetings, identity, expected),
        ),
    )


_KINDS = {"people": "person", "organizations": "organization", "places": "place"}


def _score_entities(
    category: str, entities: Sequence[Entity], targets: Sequence[Target], *, people: bool
) -> tuple[CategoryScore, tuple[RuleScore, ...]]:
    """One entity category: its counts, misses and false hits, and its rules' finds."""
    found = [e for e in entities if e.kind == _KINDS[category]]
    guesses = [_guess(e, with_aliases=not people) for e in found]
    assigned = assign_matches(guesses, targets, people=people)
    matched = set(assigned.values())
    tp = len(assigned)
    counts = CategoryScore(
        Counts(tp, len(guesses) - tp, len(targets) - tp),
        tuple(t.name for i, t in enumerate(targets) if i not in matched),
        tuple(g.label for i, g in enumerate(guesses) if i not in assigned),
    )
    return counts, entity_rules(category, found, assigned)


def who_met(
    predicted: set[frozenset[str]], expected: frozenset[frozenset[str]]
) -> tuple[tuple[str, float], ...]:
    """For each gold person who met someone, the F1 of the set of people they met.

    People are mapped as for pairs (a predicted person is the gold person it matches
    best); someone predicted to have met people the gold does not know counts against.
    """
    wanted = _met(expected)
    got = _met(predicted)
    scores = []
    for name in sorted(wanted):
        true, found = wanted[name], got.get(name, set())
        scores.append((name, 2 * len(true & found) / (len(true) + len(found))))
    return tuple(scores)


def _met(pairs: Iterable[frozenset[str]]) -> dict[str, set[str]]:
    met: dict[str, set[str]] = {}
    for pair in pairs:
        a, b = sorted(pair)
        met.setdefault(a, set()).add(b)
        met.setdefault(b, set()).add(a)
    return met
