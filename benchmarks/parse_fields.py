"""How often the parser reads each header field of the dev corpus where the text has it.

    python -m benchmarks.parse_fields [--corpus DIR] [--misses FIELD]

Every cable page of the corpus (WikiLeaks pages, ``YYYY/MM/*.html``; by default the
development corpus unpacked beside the checkout, ``.dev-corpus/cable``) is read and parsed;
the run counts the pages that raise anything but a RecordError (a crash) and, per field,
the share of cables that have it among those whose text visibly holds it: a SUBJECT
keyword, a TAGS keyword, a "Classified by" line, a REF keyword. The signer has no keyword:
its share is over every cable. ``--misses FIELD`` lists the cables that have the keyword
but not the field, to look at. The table is in ``docs/parser-fields.md``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import kg.sources
from kg.errors import RecordError
from kg.model import Cable, RawRecord
from kg.parse import parse

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / ".dev-corpus" / "cable"

# What makes a field visible in the text: its keyword where the header stands.
_VISIBLE = {
    "subject": re.compile(r"(?:^|\s)S?UBJ(?:ECT)?\b\s*:?", re.IGNORECASE | re.MULTILINE),
    "tags": re.compile(r"(?:^|\s)T(?:A?G?S?|AGES|ABS)\b\s*:?\s*[A-Za-z]", re.MULTILINE),
    "classified_by": re.compile(r"\bclass(?:i?f?i?e?d)\s+by\b", re.IGNORECASE),
    "references": re.compile(r"(?:^|\s)(?:REF(?:S|TEL|TELS)?|Refs?|Ref\(s\))\s*:|^\s*REF\b", re.M),
}
FIELDS = ("subject", "tags", "classified_by", "signer", "references", "reference_ids")


@dataclass
class Tally:
    pages: int = 0
    parsed: int = 0
    rejected: int = 0  # RecordError: no cable could be read
    crashed: list[str] = field(default_factory=list)
    visible: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    read: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: dict[str, list[str]] = field(default_factory=lambda: {f: [] for f in FIELDS})


def pages(corpus: Path) -> Iterator[Path]:
    yield from sorted(corpus.glob("*/*/*.html"))


def _head(record: RawRecord) -> str:
    """The body text up to the first numbered paragraph: where header fields stand."""
    body = record.fields.get("body", record.text)
    match = re.search(r"^\s*(?:¶\s*)?1\s?\.\s", body, re.MULTILINE)
    return body[: match.start()] if match else body[:3000]


def _has(cable: Cable, name: str) -> bool:
    if name == "subject":
        return bool(cable.subject)
    if name == "tags":
        return bool(cable.tags)
    if name == "classified_by":
        return cable.classified_by is not None and bool(cable.classified_by.person)
    if name == "signer":
        return bool(cable.signature)
    if name == "references":
        return bool(cable.references)
    return any(r.cable_id for r in cable.references)


def measure(corpus: Path) -> Tally:
    tally = Tally()
    for path in pages(corpus):
        tally.pages += 1
        try:
            for record in kg.sources.read(path):
                if isinstance(record, RecordError):
                    tally.rejected += 1
                    continue
                # The page title repeats the subject: read it from the text alone.
                bare = replace(
                    record, fields={k: v for k, v in record.fields.items() if k != "subject"}
                )
                cable = parse(bare)
                tally.parsed += 1
                head = _head(record)
                body = record.fields.get("body", record.text)
                for name in FIELDS:
                    if name == "signer":
                        shown = True
                    elif name == "classified_by":
                        shown = bool(_VISIBLE[name].search(body[:6000]))
                    else:
                        shown = bool(
                            _VISIBLE[name if name != "reference_ids" else "references"].search(head)
                        )
                    if not shown:
                        continue
                    tally.visible[name] += 1
                    if _has(cable, name):
                        tally.read[name] += 1
                    else:
                        tally.misses[name].append(cable.reference_id)
        except RecordError:
            tally.rejected += 1
        except Exception as exc:  # a crash is what is counted here
            tally.crashed.append(f"{path.name}: {type(exc).__name__}: {exc}")
    return tally


def table(tally: Tally) -> str:
    lines = [
        f"pages {tally.pages}, parsed {tally.parsed}, rejected {tally.rejected}, "
        f"crashed {len(tally.crashed)}",
        "",
        "| field | cables where the text has it | read | share |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name in FIELDS:
        seen, read = tally.visible[name], tally.read[name]
        share = f"{100 * read / seen:.1f}%" if seen else "-"
        lines.append(f"| {name} | {seen} | {read} | {share} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--misses", choices=FIELDS, help="list the cables missing this field")
    args = parser.parse_args(argv)
    tally = measure(args.corpus)
    print(table(tally))
    for crash in tally.crashed:
        print("crash:", crash, file=sys.stderr)
    if args.misses:
        print("\n".join(tally.misses[args.misses]))
    return 1 if tally.crashed else 0


if __name__ == "__main__":
    sys.exit(main())
