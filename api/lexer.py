"""A small SPARQL tokenizer, enough to see a query's shape without parsing it.

It knows what can hide brackets or keywords (strings, IRIs, comments) and nothing of the
grammar; the real parser is Oxigraph's. Used to write the protocol's USING clauses into
updates (``api.update_dataset``) and to refuse queries whose shape would crash or stall
the parser (``api.guard``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

Kind = Literal["word", "iri", "string", "open", "close", "punct"]

_TOKEN = re.compile(
    r"""
    (?P<space>\s+|\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<open>[{(\[])
  | (?P<close>[})\]])
  | (?P<word>[?$]\w+
             |[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?
             |[A-Za-z_][\w\-.]*(?::[^\s{}()\[\]<>;,"'\#]*)?|:[^\s{}()\[\]<>;,"'\#]*
             |_:[\w\-.]+)
  | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    text: str
    start: int
    end: int
    depth: int  # bracket depth before the token (a closing bracket: after it)

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def tokens(text: str) -> Iterator[Token]:
    """The tokens of ``text``; whitespace and comments dropped.

    An unterminated string or IRI comes out as punctuation, one character at a time, so
    the scan never fails; the parser reports the error later.
    """
    depth = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "space" or kind is None:
            continue
        if kind == "close":
            depth = max(0, depth - 1)
        yield Token(kind, match.group(), match.start(), match.end(), depth)  # type: ignore[arg-type]
        if kind == "open":
            depth += 1
