"""Read raw telegram text (PlusD style): routing header first, then the body.

A file usually holds one telegram; when several follow one another each starts with
its own transmission line (``VZCZC...``) and is read as a record of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.model import RawRecord
from kg.parse.clean import normalize_newlines

_START = re.compile(r"^VZCZC\w*\s*$", re.MULTILINE)


def read_telegrams(text: str, source: str) -> Iterator[RawRecord]:
    """One record per telegram in ``text``; fields are left to the parser."""
    text = normalize_newlines(text)
    starts = [m.start() for m in _START.finditer(text)]
    if len(starts) <= 1:
        yield RawRecord(source, 1, "telegram", text, line=1)
        return
    starts[0] = 0
    for position, (begin, end) in enumerate(zip(starts, [*starts[1:], len(text)], strict=False), 1):
        yield RawRecord(
            source, position, "telegram", text[begin:end], line=text.count("\n", 0, begin) + 1
        )
