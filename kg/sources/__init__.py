"""Find cable files, tell their format from their content, and yield raw records.

This is where the pipeline does file I/O: everything after works on RawRecords.

    read(path, format=None)  -> RawRecord or RecordError per record ("-" is stdin)
    expand(paths)            -> files from files, folders, globs and "-"
    detect(sample, name=...) -> the format, or FormatError
    write_row / write_record -> rows in the cables.csv dump layout
"""

from __future__ import annotations

import glob
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from kg.errors import FormatError, RecordError
from kg.model import FORMATS, Format, RawRecord
from kg.sources.csvdump import write_record, write_row
from kg.sources.detect import SAMPLE_SIZE, detect
from kg.sources.readers import READERS
from kg.sources.stream import decode

__all__ = [
    "FORMATS",
    "Format",
    "decode",
    "detect",
    "expand",
    "read",
    "read_all",
    "write_record",
    "write_row",
]


def _open(path: str | Path) -> BinaryIO:
    if str(path) == "-":
        return sys.stdin.buffer
    try:
        return Path(path).open("rb")
    except OSError as exc:
        raise FormatError(str(path), f"cannot open: {exc.strerror}", hint="check the path") from exc


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were read off already (to tell its format): those
    bytes, then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def read(path: str | Path, *, format: Format | None = None) -> Iterator[RawRecord | RecordError]:
    """Records of one file, format detected from content unless ``format`` is given.

    A record that cannot be split out is yielded as a RecordError and reading goes on;
    a file whose format cannot be told raises FormatError.
    """
    source = "<stdin>" if str(path) == "-" else str(path)
    stream = _open(path)
    try:
        sample = stream.read(SAMPLE_SIZE)
        buffered = io.BufferedReader(_Prefixed(sample, stream), buffer_size=SAMPLE_SIZE)
        if format is None:
            format = detect(sample, name=source)
        elif format not in FORMATS:
            raise FormatError(source, f"unknown format {format!r}", hint=f"one of {FORMATS}")
        yield from READERS[format].read_file(buffered, source)
    finally:
        if str(path) != "-":
            stream.close()


_GLOB_CHARS = frozenset("*?[")


def _detected(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            detect(f.read(SAMPLE_SIZE), name=str(path))
    except (FormatError, OSError):
        return False
    return True


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def expand(paths: Iterable[str], *, passed_over: list[Path] | None = None) -> Iterator[Path | str]:
    """Files to read: each file as given, folders searched recursively, globs expanded.

    In folders only files in a cable format are taken (a manifest.csv or README next to
    the cables is passed over, and appended to ``passed_over`` so the caller can say so),
    hidden files and folders never. A file named explicitly is yielded even when its
    format is unknown, so that ``read`` reports it. ``"-"`` stands for standard input.
    """
    for item in paths:
        if item == "-":
            yield "-"
            continue
        path = Path(item)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                if _hidden(found, path):
                    continue
                if _detected(found):
                    yield found
                elif passed_over is not None:
                    passed_over.append(found)
        elif not path.exists() and _GLOB_CHARS & set(item):
            for match in sorted(glob.glob(item, recursive=True)):  # noqa: PTH207 (a user's pattern, may be absolute)
                found = Path(match)
                if found.is_file():
                    yield found
                elif found.is_dir():
                    yield from expand([match], passed_over=passed_over)
        else:
            yield path


def read_all(paths: Iterable[str]) -> Iterator[RawRecord | RecordError | FormatError]:
    """Every record of every file; a file that cannot be read yields its FormatError."""
    for path in expand(paths):
        try:
            yield from read(path)
        except FormatError as exc:
            yield exc
