"""Read raw telegram text (PlusD style): routing header first, then the body.

A file usually holds one telegram; when several follow one another each starts with
its own transmission line (``VZCZC...``) and is read as a record of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from kg.errors import RecordError
from kg.model import RawRecord
from kg.parse.clean import normalize_newlines
from kg.sources.stream import decode

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


_HEADER_LINE = re.compile(
    r"^\s*(?:VZCZC\w*|DE [A-Z]{4,7} #|FM (?:AMEMBASSY|AMCONSUL|SECSTATE|USMISSION|USDEL)\b|"
    r"(?:[A-Z]{1,2} )?\d{6}Z [A-Z]{3} \d{2}\s*$)",
    re.MULTILINE,
)
_BANNER = re.compile(
    r"^\s*(?:UNCLAS(?:SIFIED)?|C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L|S\s?E\s?C\s?R\s?E\s?T|"
    r"LIMITED OFFICIAL USE)\s+(?:SECTION \d+ OF \d+ )?[A-Z][A-Z ]*\s\d{3,}",
    re.MULTILINE,
)


def looks_like(text: str) -> bool:
    """Whether a file's first bytes read as a raw telegram: a routing line or a banner."""
    return bool(_HEADER_LINE.search(text) or _BANNER.search(text))


def read_file(data: BinaryIO, source: str) -> Iterator[RawRecord | RecordError]:
    """The telegrams of a file, one record each."""
    return read_telegrams(decode(data.read()), source)
