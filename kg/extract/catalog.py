"""Every named rule of extraction, by family, in the order the families run.

    catalog() -> {"person": ("person.classified-by", ...), "org": ..., "meeting": ...}

The tables live beside the code they name (``kg.extract.people``, ``organizations``,
``places``, ``coref``, ``meetings``); this module only gathers their names, for the rule
tests (every rule has a test row) and for ``kg eval --by-rule``.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract import coref, meetings, organizations, people, places


def catalog() -> dict[str, tuple[str, ...]]:
    """Every rule of extraction by family, in the order the families run."""
    return {
        "person": people.RULE_NAMES,
        "org": organizations.RULE_NAMES,
        "place": places.RULE_NAMES,
        "coref": coref.RULE_NAMES,
        **meetings.RULE_NAMES,
    }


def every_rule() -> Iterator[str]:
    """Every rule name of every table."""
    for table in catalog().values():
        yield from table
