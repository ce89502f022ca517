"""Read an archive page: several cables one after another, each with its release table.

Each cable starts with ``<REFID>, <SUBJECT>``, then WikiLeaks boilerplate, the row under
``Reference ID Created Released Classification Origin``, the routing header and body,
and ends at a line ``Wikileaks``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from kg.errors import RecordError
from kg.model import RawRecord
from kg.parse.routing import split_telegram
from kg.sources.stream import decode

TITLE = re.compile(r"^(?P<refid>\d{2}[A-Z][A-Z0-9-]*?\d{1,7}),\s+(?P<subject>.*?)\s*$")
TABLE_HEAD = re.compile(
    r"^\s*Reference ID\s+Created\s+Released\s+Classification\s+Origin\b\s*(?P<rest>.*?)\s*$"
)
_STAMP = r"\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}"
# The classification can hold spaces and slashes (UNCLASSIFIED//FOR OFFICIAL USE ONLY);
# the origin is the rest and, unlike the classification, is not all capitals.
TABLE_ROW = re.compile(
    rf"^\s*(?P<reference_id>\S+)\s+(?P<created>{_STAMP})\s+(?P<released>{_STAMP})\s+"
    r"(?P<classification>(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|LIMITED OFFICIAL USE)"
    r"(?://(?:FOR OFFICIAL USE ONLY|[A-Z]+))*)\s+"
    r"(?P<origin>(?:[A-Z][A-Za-z.]*[a-z]|[A-Z]+\s+[A-Z][a-z]).*?)\s*$"
)
END = re.compile(r"^\s*Wikileaks\s*$")


def _row(lines: list[str], k: int) -> tuple[int, str]:
    """The release table row under the head at ``lines[k]``: on the head's own line when
    a converter ran them together, else the next line that is not blank."""
    rest = TABLE_HEAD.match(lines[k])
    if rest is not None and rest.group("rest"):
        return k, rest.group("rest")
    j = k + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j, lines[j] if j < len(lines) else ""


def _record(source: str, position: int, start: int, lines: list[str]) -> RawRecord | RecordError:
    text = "\n".join(lines)
    title = TITLE.match(lines[0])
    fields: dict[str, str] = {}
    if title:
        fields["subject"] = " ".join(title.group("subject").replace("\u00a0", " ").split())
    for k, line in enumerate(lines):
        if not TABLE_HEAD.match(line):
            continue
        at, row_text = _row(lines, k)
        row = TABLE_ROW.match(row_text)
        if row is None:
            return RecordError(
                source,
                position,
                "release table row not understood: " + row_text.strip()[:80],
                line=start + at,
                hint="expected 'REFID YYYY-MM-DD HH:MM YYYY-MM-DD HH:MM CLASSIFICATION Origin'",
            )
        fields.update({key: value for key, value in row.groupdict().items() if value})
        telegram = lines[at + 1 :]
        while telegram and (END.match(telegram[-1]) or not telegram[-1].strip()):
            telegram.pop()
        header, body = split_telegram("\n".join(telegram))
        fields["header"], fields["body"] = header.strip("\n"), body
        return RawRecord(source, position, "archive", text, line=start, fields=fields)
    return RecordError(
        source,
        position,
        "no release table under the title line",
        line=start,
        hint="expected a line 'Reference ID Created Released Classification Origin'",
    )


def read_archive(lines: Iterable[str], source: str) -> Iterator[RawRecord | RecordError]:
    """Records of an archive page, given its lines (without line ends).

    A record starts at a title line, or at a release table when the record being read
    has one already (pages that leave the titles out); it ends at ``Wikileaks``.
    """
    current: list[str] = []
    has_table = False
    start = 0
    position = 0
    for number, line in enumerate(lines, 1):
        is_table = bool(TABLE_HEAD.match(line))
        if TITLE.match(line) or (is_table and (has_table or not current)):
            if current:
                position += 1
                yield _record(source, position, start, current)
            current, start, has_table = [line], number, is_table
        elif current:
            current.append(line)
            has_table = has_table or is_table
            if END.match(line):
                position += 1
                yield _record(source, position, start, current)
                current, has_table = [], False
    if current:
        position += 1
        yield _record(source, position, start, current)


_TABLE_HEAD_LINE = re.compile(
    r"^\s*Reference ID\s+Created\s+Released\s+Classification\s+Origin\s*$", re.MULTILINE
)
_FIRST_TITLE = re.compile(r"^\d{2}[A-Z]+\d+, \S", re.MULTILINE)


def looks_like(text: str) -> bool:
    """Whether a file's first bytes read as an archive page: a release table's head, or a
    cable's title line on a page that links to WikiLeaks."""
    return bool(
        _TABLE_HEAD_LINE.search(text) or (_FIRST_TITLE.search(text) and "WikiLeaks Link" in text)
    )


def read_file(data: BinaryIO, source: str) -> Iterator[RawRecord | RecordError]:
    """The records of an archive page."""
    content = decode(data.read())
    return read_archive(content.replace("\r\n", "\n").split("\n"), source)
