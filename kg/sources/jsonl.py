"""Read JSON lines exported from the cables.csv dump.

Keys: ``origin``, ``date_time`` (``M/D/YYYY H:MM``), ``classification``, ``body`` (newlines
collapsed to double spaces) and ``_id``, which holds the REFERENCES column, not the
cable's ID: that comes from the body banner and the year.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from kg.errors import RecordError
from kg.model import RawRecord
from kg.sources.stream import text_lines

_KEYS = {
    "origin": "origin",
    "date_time": "created",
    "date": "created",
    "classification": "classification",
    "body": "body",
    "header": "header",
    "_id": "references",
    "references": "references",
    "reference_id": "reference_id",
    "refid": "reference_id",
}


_EXPECTED = ("origin", "date_time", "classification", "body", "_id")


def _found(value: object) -> str:
    """What a line holds instead of a cable object, for the hint."""
    if not isinstance(value, dict):
        return f"a JSON {_json_type(value)}, not an object"
    keys = [str(key) for key in value]
    if "body" in value:
        keys[keys.index("body")] = f"body (a {_json_type(value['body'])}, not a string)"
    return ", ".join(keys) if keys else "no keys"


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    names = {bool: "boolean", int: "number", float: "number", str: "string", list: "array"}
    return names.get(type(value), "object")


def read_jsonl(lines: Iterable[str], source: str) -> Iterator[RawRecord | RecordError]:
    """One record per non-blank line; a RecordError for a line that is not a JSON object."""
    position = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        position += 1
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RecordError(
                source,
                position,
                f"invalid JSON: {exc.msg} at column {exc.colno}",
                line=number,
                hint="each line must be one JSON object; the line is skipped",
            )
            continue
        if not isinstance(value, dict) or not isinstance(value.get("body"), str):
            yield RecordError(
                source,
                position,
                "not a cable object: expected a JSON object with a string 'body'",
                line=number,
                hint=f"expected keys: {', '.join(_EXPECTED)}; found: {_found(value)}",
            )
            continue
        fields = {
            _KEYS[key]: str(item)
            for key, item in value.items()
            if key in _KEYS and item is not None and str(item) != ""
        }
        fields["body"] = value["body"]
        yield RawRecord(source, position, "jsonl", line.rstrip("\n"), line=number, fields=fields)


def looks_like(text: str) -> bool:
    """Whether a file's first bytes read as JSON lines: its first line is an object."""
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line.lstrip().startswith("{"):
            return False
        try:
            return isinstance(json.loads(line), dict)
        except ValueError:
            # A first line cut short by the sample size still starts like an object.
            return bool(re.match(r'\s*\{\s*"[^"]+"\s*:', line))
    return False


def read_file(data: BinaryIO, source: str) -> Iterator[RawRecord | RecordError]:
    """The records of a JSON lines file, streamed."""
    return read_jsonl(text_lines(data), source)
