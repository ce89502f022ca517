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

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from api.errors import ProtocolError

_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-.]*(?::[^\s{}()<>;,\"'#]*)?|[?$]\w+")
_LONG_STRING = {
    "'''": re.compile(r"'''(?:[^'\\]|\\.|'(?!''))*'''", re.S),
    '"""': re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""', re.S),
}
_SHORT_STRING = {
    "'": re.compile(r"'(?:[^'\\\n\r]|\\.)*'"),
    '"': re.compile(r'"(?:[^"\\\n\r]|\\.)*"'),
}


@dataclass(frozen=True, slots=True)
class _Token:
    text: str  # upper-cased for words; the brace itself for braces
    start: int
    end: int
    depth: int  # brace depth before the token


def _tokens(update: str) -> Iterator[_Token]:
    """Top-level words and all braces of ``update``; strings, IRIs and comments skipped."""
    i, depth, n = 0, 0, len(update)
    while i < n:
        char = update[i]
        if char.isspace():
            i += 1
        elif char == "#":
            newline = update.find("\n", i)
            i = n if newline < 0 else newline + 1
        elif char in "'\"":
            long_pattern = _LONG_STRING.get(update[i : i + 3])
            match = (long_pattern or _SHORT_STRING[char]).match(update, i)
            i = match.end() if match else i + 1
        elif char == "<":
            match = _IRI.match(update, i)
            i = match.end() if match else i + 1
        elif char == "{":
            yield _Token("{", i, i + 1, depth)
            depth += 1
            i += 1
        elif char == "}":
            depth -= 1
            yield _Token("}", i, i + 1, depth)
            i += 1
        else:
            match = _WORD.match(update, i)
            if match:
                if depth == 0:
                    yield _Token(match.group().upper(), i, match.end(), depth)
                i = match.end()
            else:
                i += 1


def _closing_brace(tokens: list[_Token], opening: int) -> int:
    """Index in ``tokens`` of the brace closing the one at index ``opening``."""
    depth = tokens[opening].depth
    for k in range(opening + 1, len(tokens)):
        if tokens[k].text == "}" and tokens[k].depth == depth:
            return k
    return len(tokens) - 1


def apply_using(update: str, using: Sequence[str], using_named: Sequence[str]) -> str:
    """``update`` with the protocol's dataset written in as USING clauses."""
    if not using and not using_named:
        return update
    tokens = list(_tokens(update))
    for token in tokens:
        if token.depth == 0 and token.text in ("USING", "WITH"):
            raise ProtocolError(
                f"the update has a {token.text} clause and the request has "
                "using-graph-uri or using-named-graph-uri",
                hint="give the dataset one way only",
            )
    clauses = " ".join(
        [f"USING <{iri}>" for iri in using] + [f"USING NAMED <{iri}>" for iri in using_named]
    )
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), in text order
    for k, token in enumerate(tokens):
        if token.depth != 0 or token.text != "WHERE":
            continue
        previous = tokens[k - 1].text if k else ""
        if previous == "DELETE" and k + 1 < len(tokens) and tokens[k + 1].text == "{":
            close = _closing_brace(tokens, k + 1)
            pattern = update[tokens[k + 1].start : tokens[close].end]
            edits.append((token.start, token.end, f"{pattern} {clauses} WHERE"))
        else:
            edits.append((token.start, token.start, f"{clauses} "))
    for start, end, replacement in reversed(edits):
        update = update[:start] + replacement + update[end:]
    return update
