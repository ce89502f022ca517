"""A file's bytes as the readers take them: decoded text, or lines."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO


def decode(data: bytes) -> str:
    """UTF-8, or Windows-1252 for the older converters (where 0xB6 is a pilcrow)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def text_lines(data: BinaryIO, *, keep_ends: bool = False) -> Iterator[str]:
    """The lines of a UTF-8 stream, read as they come (a dump does not fit in memory);
    without their line ends unless ``keep_ends`` (the CSV reader needs them)."""
    text = io.TextIOWrapper(data, encoding="utf-8", errors="replace", newline="")
    return iter(text) if keep_ends else (line.rstrip("\r\n") for line in text)
