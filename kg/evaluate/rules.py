"""Scores per extraction rule: the true and false finds each named rule made.

Every entity of an extraction carries the names of the rules that found and merged it
(``Entity.rules``); every meeting the rule that found it and, per participant, the rule
that put it in (``Meeting.rule``, ``Meeting.participant_rules``). A predicted person,
organization or place counts as a true find for each of its rules when it matches a gold
item, else as a false find; a predicted pair of people who met counts for the rules that
put its two participants in the meeting, and for the rule that found the meeting. Misses
have no rule: they show in the category figures, not here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from kg.model import Entity, Meeting

_KEEP = 5  # false finds named per rule and cable


@dataclass(frozen=True, slots=True)
class RuleScore:
    """What one rule found in one category: true finds, false finds, and some false ones."""

    category: str  # people, organizations, places, pairs
    rule: str
    tp: int = 0
    fp: int = 0
    false_hits: tuple[str, ...] = ()

    def __add__(self, other: RuleScore) -> RuleScore:
        hits = (*self.false_hits, *other.false_hits)
        return RuleScore(self.category, self.rule, self.tp + other.tp, self.fp + other.fp, hits)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0


def entity_rules(
    category: str, entities: Sequence[Entity], matched: Iterable[int]
) -> tuple[RuleScore, ...]:
    """The finds of each rule among ``entities``; ``matched`` indexes those that are true."""
    true = set(matched)
    found: dict[str, RuleScore] = {}
    for index, entity in enumerate(entities):
        ok = index in true
        for rule in entity.rules or ("(no rule)",):
            score = RuleScore(category, rule, int(ok), int(not ok), () if ok else (entity.name,))
            found[rule] = found[rule] + score if rule in found else score
    return tuple(_trimmed(s) for s in found.values())


def pair_rules(
    meetings: Sequence[Meeting], identity: dict[str, str], expected: frozenset[frozenset[str]]
) -> tuple[RuleScore, ...]:
    """The pairs of each rule: a pair counts for the rules that put its participants in a
    meeting and the rule that found the meeting, once per rule whatever the meetings."""
    rules_of: dict[frozenset[str], set[str]] = {}
    for meeting in meetings:
        put_by = dict(zip(meeting.participants, meeting.participant_rules, strict=False))
        people = [k for k in meeting.participants if k in identity]
        for a, b in combinations(people, 2):
            if identity[a] == identity[b]:
                continue
            pair = frozenset((identity[a], identity[b]))
            named = {put_by.get(a, ""), put_by.get(b, ""), meeting.rule} - {""}
            rules_of.setdefault(pair, set()).update(named or {"(no rule)"})
    found: dict[str, RuleScore] = {}
    for pair, rules in sorted(rules_of.items(), key=lambda item: sorted(item[0])):
        ok = pair in expected
        label = " – ".join(sorted(name.removeprefix("?") for name in pair))
        for rule in sorted(rules):
            score = RuleScore("pairs", rule, int(ok), int(not ok), () if ok else (label,))
            found[rule] = found[rule] + score if rule in found else score
    return tuple(_trimmed(s) for s in found.values())


def _trimmed(score: RuleScore) -> RuleScore:
    if len(score.false_hits) <= _KEEP:
        return score
    return RuleScore(score.category, score.rule, score.tp, score.fp, score.false_hits[:_KEEP])


def total(scores: Iterable[RuleScore]) -> list[RuleScore]:
    """The scores of many cables summed per (category, rule): most false finds first."""
    summed: dict[tuple[str, str], RuleScore] = {}
    for score in scores:
        key = (score.category, score.rule)
        summed[key] = summed[key] + score if key in summed else score
    return sorted(summed.values(), key=lambda s: (s.category, -s.fp, -s.tp, s.rule))
