"""Load the word lists and small tables the parser's rules use (``kg/data/parse``).

Lists hold one entry per line, tables tab-separated columns; ``#`` starts a comment.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def lines(name: str) -> tuple[str, ...]:
    """The entries of a list file, one per line."""
    return tuple(line.strip() for line in _lines(name))


def _lines(name: str) -> list[str]:
    text = resources.files("kg").joinpath(f"data/parse/{name}").read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """A word list, upper-cased: every whitespace-separated word of every line."""
    return frozenset(w.upper() for line in _lines(name) for w in line.split("#")[0].split())


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """A tab-separated table, each row's cells stripped."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(name))
