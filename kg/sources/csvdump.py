"""Read and write the cables.csv dump layout.

Eight columns, no header row, every field quoted, quotes inside fields escaped with a
backslash (``\\"``), fields spanning lines: id, date (``12/28/1966 18:48``),
reference_id, origin, classification, references (``72MOSCOW1603|72TEHRAN1091``),
header (routing), body. The full dump is 1.7 GB, so rows are streamed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import BinaryIO, TextIO

from kg.errors import RecordError
from kg.model import Cable, RawRecord
from kg.parse.clean import normalize_newlines
from kg.parse.routing import split_telegram
from kg.sources.stream import text_lines

COLUMNS = (
    "id",
    "created",
    "reference_id",
    "origin",
    "classification",
    "references",
    "header",
    "body",
)


class _Dialect(csv.Dialect):
    delimiter = ","
    quotechar = '"'
    escapechar = "\\"
    doublequote = False
    skipinitialspace = False
    lineterminator = "\n"
    quoting = csv.QUOTE_ALL
    # Strict: an unescaped quote inside a field is an error, not a stray character kept in
    # the text (or, in the reference_id column, a cable filed under a wrong ID).
    strict = True


class _LineCounter:
    """A text stream wrapper that knows which line the csv reader has reached."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)
        self.line = 0
        self.taken: list[str] = []  # the lines of the row being read

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.line += 1
        self.taken.append(line)
        return line


def read_csv(lines: Iterable[str], source: str) -> Iterator[RawRecord | RecordError]:
    """One record per row; a RecordError for a row without the eight columns."""
    counter = _LineCounter(lines)
    reader = csv.reader(counter, dialect=_Dialect)
    position = 0
    start = 1
    while True:
        counter.taken = []
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            position += 1
            yield RecordError(
                source,
                position,
                f"unreadable CSV row: {exc}",
                line=start,
                hint="rows need 8 quoted fields with backslash-escaped quotes",
            )
            start = counter.line + 1
            continue
        position += 1
        if not row or all(not cell.strip() for cell in row):
            position -= 1
            start = counter.line + 1
            continue
        problem = _check(row) or _stray_quote(counter.taken, start)
        if len(row) != len(COLUMNS):
            ran_on = (
                f" over lines {start}-{counter.line}: an unclosed quote may have run into "
                "the rows after it"
                if len(row) > len(COLUMNS)
                else ""
            )
            yield RecordError(
                source,
                position,
                f"expected {len(COLUMNS)} columns, found {len(row)}{ran_on}",
                line=start,
                hint="columns: id, date, reference_id, origin, classification, references, "
                "header, body",
            )
        elif problem:
            yield RecordError(
                source,
                position,
                problem,
                line=start,
                hint="rows need 8 quoted fields with backslash-escaped quotes",
            )
        else:
            fields = {key: value for key, value in zip(COLUMNS, row, strict=True) if key != "id"}
            fields["record_id"] = row[0]
            text = _render(row)
            yield RawRecord(source, position, "csv", text, line=start, fields=fields)
        start = counter.line + 1


_REFERENCE_ID = re.compile(r"\d{2}[A-Z][A-Z0-9-]*\d+")
_DUMP_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}")


def _check(row: list[str]) -> str | None:
    """What is wrong with a row of eight columns whose quoting went astray, if anything."""
    if len(row) != len(COLUMNS):
        return None
    if not row[0].strip().isdigit():
        return f"the id column holds {row[0][:40]!r}, not a number (broken quotes?)"
    if row[1] and not _DUMP_DATE.fullmatch(row[1].strip()):
        return f"the date column holds {row[1][:40]!r}, not M/D/YYYY H:MM (broken quotes?)"
    if not _REFERENCE_ID.fullmatch(row[2].strip()):
        return f"the reference_id column holds {row[2][:40]!r}, not a reference ID (broken quotes?)"
    return None


# A quote that neither opens nor closes a field and is not escaped: between fields the
# dump has '","', at the ends of a row '"' and '"\n', inside a field '\\"'.
_STRAY_QUOTE = re.compile(r'(?<=[^\\,\n])"(?=[^,\r\n])')


def _stray_quote(lines: list[str], start: int) -> str | None:
    """Where the row has an unescaped quote inside a field, if it has one."""
    for offset, line in enumerate(lines):
        found = _STRAY_QUOTE.search(line, 1 if offset == 0 else 0)
        if found:
            return (
                f"an unescaped quote inside a field at line {start + offset}, column "
                f"{found.start() + 1}: the fields around it cannot be told apart"
            )
    return None


def _render(row: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, dialect=_Dialect).writerow(row)
    return buffer.getvalue().rstrip("\n")


def dump_date(created: datetime | None) -> str:
    """``12/28/1966 18:48``: the dump's date layout (month and day without zero padding)."""
    if created is None:
        return ""
    return f"{created.month}/{created.day}/{created.year} {created.hour:02d}:{created.minute:02d}"


def write_row(
    out: TextIO,
    *,
    record_id: int | str,
    created: datetime | None,
    reference_id: str,
    origin: str,
    classification: str,
    references: Iterable[str],
    header: str,
    body: str,
) -> None:
    """Write one row in the dump's exact layout."""
    csv.writer(out, dialect=_Dialect).writerow(
        [
            str(record_id),
            dump_date(created),
            reference_id,
            origin,
            classification,
            "|".join(references),
            header,
            body,
        ]
    )


def write_record(out: TextIO, record: RawRecord, cable: Cable, *, record_id: int | str) -> None:
    """Write ``record`` (parsed as ``cable``) as a dump row, with header and body as the
    record has them, so that the row parses to the same cable."""
    if "body" in record.fields:
        header, body = record.fields.get("header", ""), record.fields["body"]
    else:
        header, body = split_telegram(normalize_newlines(record.text))
    references = [r.cable_id for r in cable.references if r.cable_id]
    write_row(
        out,
        record_id=record_id,
        created=cable.created,
        reference_id=cable.reference_id,
        origin=cable.origin or "",
        classification=cable.classification or "",
        references=dict.fromkeys(references),
        header=header,
        body=body,
    )


# First field a record number, second a dump date: "1","12/28/1966 18:48","66...
_FIRST_FIELDS = re.compile(
    r'^\s*"?\d+"?\s*,\s*"?\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}"?\s*,', re.MULTILINE
)


def looks_like(text: str) -> bool:
    """Whether a file's first bytes read as a cables.csv dump: a record number, a date."""
    return bool(_FIRST_FIELDS.match(text))


def read_file(data: BinaryIO, source: str) -> Iterator[RawRecord | RecordError]:
    """The records of a cables.csv dump, streamed."""
    return read_csv(text_lines(data, keep_ends=True), source)
