"""The protocol's ``using-graph-uri`` / ``using-named-graph-uri`` for SPARQL updates.

The SPARQL 1.1 Protocol says these parameters give every ``DELETE``/``INSERT ... WHERE``
operation of the request the dataset that ``USING`` and ``USING NAMED`` clauses would, and
that a request carrying them together with ``USING``, ``USING NAMED`` or ``WITH`` in the
update text is an error. Oxigraph takes no dataset for updates, so the clauses are written
into the text: a small scanner finds the top-level ``WHERE`` of each operation (skipping
strings, IRIs, comments and everything inside braces) and puts the clauses before it.
``DELETE WHERE { P }`` has no room for ``USING``; it is expanded to its definition,
``DELETE { P } USING ... WHERE { P }``.
"""

from __future__ import annotations

from collections.abc import Sequence

from api.errors import ProtocolError
from api.lexer import Token, tokens


def _closing(found: list[Token], opening: int) -> int:
    """Index in ``found`` of the bracket closing the one at index ``opening``."""
    depth = found[opening].depth
    for k in range(opening + 1, len(found)):
        if found[k].kind == "close" and found[k].depth == depth:
            return k
    return len(found) - 1


def apply_using(update: str, using: Sequence[str], using_named: Sequence[str]) -> str:
    """``update`` with the protocol's dataset written in as USING clauses."""
    if not using and not using_named:
        return update
    found = [token for token in tokens(update) if token.depth == 0 or token.kind == "close"]
    for token in found:
        if token.depth == 0 and token.keyword in ("USING", "WITH"):
            raise ProtocolError(
                f"the update has a {token.keyword} clause and the request has "
                "using-graph-uri or using-named-graph-uri",
                hint="give the dataset one way only",
            )
    clauses = " ".join(
        [f"USING <{iri}>" for iri in using] + [f"USING NAMED <{iri}>" for iri in using_named]
    )
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), in text order
    for k, token in enumerate(found):
        if token.depth != 0 or token.keyword != "WHERE":
            continue
        previous = found[k - 1].keyword if k else ""
        if previous == "DELETE" and k + 1 < len(found) and found[k + 1].text == "{":
            close = _closing(found, k + 1)
            pattern = update[found[k + 1].start : found[close].end]
            edits.append((token.start, token.end, f"{pattern} {clauses} WHERE"))
        else:
            edits.append((token.start, token.start, f"{clauses} "))
    for start, end, replacement in reversed(edits):
        update = update[:start] + replacement + update[end:]
    return update
