"""Bound values for a SPARQL server: a query's variables replaced by RDF terms.

The embedded store binds a query's parameters itself (pyoxigraph's ``substitutions``):
the variable stands for the value everywhere in the query, and a projected one still
comes back, bound to it. SPARQL 1.1 has no such parameter in its protocol, and a
``VALUES`` block would not do the same (bottom-up, a ``FILTER`` in an inner group would
see the variable unbound). So for a server the query's text has every occurrence of the
variable replaced by the term as N-Triples writes it (pyoxigraph's own, escaped,
serialization: a value can never be read as SPARQL), and in a ``SELECT`` clause
``?name`` becomes ``(TERM AS ?name)``. Strings, IRIs and comments are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kg.store.oxigraph import Term

_TOKENS = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<variable>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<open>[({])
  | (?P<close>[)}])
    """,
    re.VERBOSE | re.DOTALL,
)


def substitute(sparql: str, bindings: Mapping[str, Term]) -> str:
    """``sparql`` with each variable named in ``bindings`` replaced by its term."""
    if not bindings:
        return sparql
    values = {name: str(term) for name, term in bindings.items()}
    pieces: list[str] = []
    done = 0
    projecting = False  # between SELECT and the WHERE (or the first "{")
    depth = 0  # parentheses inside a SELECT clause: (expression AS ?v)
    for match in _TOKENS.finditer(sparql):
        kind, text = match.lastgroup, match.group()
        if kind == "word":
            upper = text.upper()
            if upper == "SELECT":
                projecting, depth = True, 0
            elif upper == "WHERE":
                projecting = False
        elif kind == "open":
            if text == "{":
                projecting = False
            else:
                depth += 1
        elif kind == "close" and text == ")":
            depth = max(0, depth - 1)
        elif kind == "variable" and text[1:] in values:
            value = values[text[1:]]
            replacement = f"({value} AS {text})" if projecting and depth == 0 else value
            pieces += [sparql[done : match.start()], replacement]
            done = match.end()
    pieces.append(sparql[done:])
    return "".join(pieces)
