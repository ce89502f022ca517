"""The cable formats, in the order detection tries them: one row per format.

Each format is a module of this package with two functions: ``looks_like(text)`` (the
first ``SAMPLE_SIZE`` bytes of a file, decoded, read as this format) and
``read_file(data, source)`` (the records of a file). A new format is that module, a
row here, and its name in ``kg.model.Format``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO, NamedTuple

from kg.errors import RecordError
from kg.model import Format, RawRecord
from kg.sources import archive, csvdump, html, jsonl, telegram


class Reader(NamedTuple):
    looks_like: Callable[[str], bool]
    read_file: Callable[[BinaryIO, str], Iterator[RawRecord | RecordError]]


#: Tried in this order: the first whose ``looks_like`` holds names the file's format.
READERS: dict[Format, Reader] = {
    "jsonl": Reader(jsonl.looks_like, jsonl.read_file),
    "html": Reader(html.looks_like, html.read_file),
    "archive": Reader(archive.looks_like, archive.read_file),
    "csv": Reader(csvdump.looks_like, csvdump.read_file),
    "telegram": Reader(telegram.looks_like, telegram.read_file),
}
