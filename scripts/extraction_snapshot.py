"""Every cable's extraction as sorted JSON lines: a snapshot to compare two builds by.

    python scripts/extraction_snapshot.py data/seed data/sample .dev-corpus > snapshot.jsonl

One line per cable, ``{"reference_id": ..., "extraction": ...}``, sorted by reference ID
and source position; the extraction is every field of :class:`kg.model.Extraction` but the
names of the rules that made each find (``rule``, ``rules``, ``participant_rules``,
``status_rule``), which a change may rename without changing what is found. Two builds
that find the same things write the same file, so ``cmp`` tells whether a refactoring
changed behaviour:

    git stash; python scripts/extraction_snapshot.py data/seed data/sample > before.jsonl
    git stash pop; python scripts/extraction_snapshot.py data/seed data/sample > after.jsonl
    cmp before.jsonl after.jsonl
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Sequence
from typing import Any

import kg.sources
from kg.extract import extract
from kg.model import RawRecord
from kg.parse import parse

_RULE_FIELDS = frozenset({"rule", "rules", "participant_rules", "status_rule"})


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in _RULE_FIELDS
        }
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def main(argv: Sequence[str]) -> int:
    lines: list[tuple[str, str, int, str]] = []
    for path in kg.sources.expand(argv):
        for record in kg.sources.read(path):
            if not isinstance(record, RawRecord):
                continue
            try:
                cable = parse(record)
            except Exception as error:  # a parse error is part of the snapshot
                text = json.dumps({"source": record.source, "error": type(error).__name__})
                lines.append(("", record.source, record.position, text))
                continue
            extraction = _plain(extract(cable))
            text = json.dumps(
                {"reference_id": cable.reference_id, "extraction": extraction}, sort_keys=True
            )
            lines.append((cable.reference_id, record.source, record.position, text))
    for *_, text in sorted(lines):
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
