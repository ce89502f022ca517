"""Refuse queries and updates whose shape alone would crash or stall the server.

Oxigraph parses and plans recursively: measured with pyoxigraph 0.5 on an 8 MB thread
stack, 10,000 nested parentheses (a 20 kB query), a chain of 10,000 ``+``, or 5,000
``BIND``s overflow the stack and kill the process, every client with it; and planning a
group of 200 triple patterns takes 15 s of CPU that no deadline can interrupt. So before a
text reaches the parser its shape is measured, cheaply and without parsing, and refused
with a 400 past these limits, which leave room for any query a person writes:

- brackets nested at most ``MAX_DEPTH`` deep;
- at most ``MAX_TOKENS`` tokens;
- at most ``MAX_PATTERNS`` triple patterns (counted by their separators ``.``, ``;``, ``,``).

``SERVICE`` is refused too: Oxigraph would fetch the remote endpoint itself, which would
let anyone make the server request URLs inside its network.

Data blocks (``VALUES ... { }``, ``INSERT DATA { }``, ``DELETE DATA { }``) are flat lists
that Oxigraph reads without recursion (100,000 values parse in half a second), so what
is inside them counts toward none of the limits. The worker threads also get a larger
stack (``api.runner.STACK_BYTES``) as a second line of defence.
"""

from __future__ import annotations

from dataclasses import dataclass

from api.errors import TooComplexError
from api.lexer import tokens

MAX_DEPTH = 64
MAX_TOKENS = 10_000
MAX_PATTERNS = 120


@dataclass(frozen=True, slots=True)
class Shape:
    depth: int
    tokens: int
    patterns: int
    services: int  # SERVICE clauses: federated calls to other endpoints


def shape(text: str) -> Shape:
    """How deep, long and wide ``text`` is, outside its data blocks."""
    depth = count = patterns = services = 0
    data_depth: int | None = None  # the depth a data block opened at, while inside one
    data_next = False  # after VALUES or DATA: the next "{" opens a data block
    for token in tokens(text):
        if data_depth is not None:
            if token.kind == "close" and token.depth == data_depth:
                data_depth = None
            continue
        count += 1
        if token.keyword in ("VALUES", "DATA"):
            data_next = True
        elif token.keyword == "SERVICE":
            services += 1
        elif token.kind == "open":
            depth = max(depth, token.depth + 1)
            if token.text == "{" and data_next:
                data_depth, data_next = token.depth, False
        elif token.kind == "punct" and token.text in ".;," and token.depth > 0:
            patterns += 1
    return Shape(depth, count, patterns, services)


def check(text: str, what: str) -> None:
    """Raise TooComplexError if ``text`` (a query or an update) is past the limits."""
    measured = shape(text)
    if measured.services:
        # Oxigraph would make the HTTP call itself: from a public endpoint, that lets
        # anyone fetch URLs from inside our network (and wait on them in a worker).
        raise TooComplexError(
            f"the {what} calls another endpoint (SERVICE); this endpoint does not federate",
            hint="run the federated query from your own client or SPARQL engine",
        )
    for name, value, limit in (
        ("brackets nested", measured.depth, MAX_DEPTH),
        ("tokens", measured.tokens, MAX_TOKENS),
        ("triple patterns", measured.patterns, MAX_PATTERNS),
    ):
        if value > limit:
            raise TooComplexError(
                f"the {what} has {value} {name}; this endpoint takes at most {limit}",
                hint="split it, or move long lists of values into a VALUES block",
            )
