"""Named, ordered rule tables: what each extraction rule is called, and in which order it runs.

Every rule of extraction is one named entry of an ordered table, as in spaCy's
``EntityRuler``: the rule finds, and one explicit step writes what it found. The name
travels with the find (``Find.rule``), then with the mention (``Mention.rule``), the entity
(``Entity.rules``) and the meeting (``Meeting.rule``, ``Meeting.participant_rules``), so
that ``kg eval --by-rule`` can tell which rule made a true or a false find.

Names read ``family.rule``: ``person.title``, ``org.known``, ``coref.surname``,
``meeting.cue``, ``participant.listed``, ``status.planned``. A new rule is one function
and one row of its family's table (plus a row in the rule tests); ``kg.extract.catalog``
lists every table, so the tests can check that each rule has a test row of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

Apply = TypeVar("Apply", bound=Callable[..., object])


@dataclass(frozen=True, slots=True)
class Rule(Generic[Apply]):
    """One named rule of a table: its name, and the function that applies it."""

    name: str
    apply: Apply


def names(table: tuple[Rule[Apply], ...]) -> tuple[str, ...]:
    """The names of a table's rules, in order."""
    return tuple(rule.name for rule in table)
