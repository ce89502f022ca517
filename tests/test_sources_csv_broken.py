"""Rows of cables.csv whose quoting went astray are rejected, named, and cost no other row."""

from __future__ import annotations

import pytest

from kg.errors import RecordError
from kg.model import RawRecord
from kg.sources.csvdump import read_csv

GOOD = '"{n}","12/28/1966 18:48","66BUENOSAIRES{n}","Embassy X","UNCLASSIFIED","","head","{body}"'


def read(*rows: str) -> list[RawRecord | RecordError]:
    lines = [line + "\n" for row in rows for line in row.split("\n")]
    return list(read_csv(lines, "cables.csv"))


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (GOOD.format(n=1, body='a "broken" quote'), "an unescaped quote inside a field at line 2"),
        (GOOD.format(n=1, body="x").replace(',"66B', ",66B"), "the reference_id column holds"),
        (GOOD.format(n=1, body="x").replace('"1","12', '"1x","12'), "the id column holds"),
        (GOOD.format(n=1, body="x").replace("12/28/1966", "Embassy"), "the date column holds"),
    ],
)
def test_a_broken_row_is_rejected_with_its_reason_and_the_rows_around_it_stay(
    row: str, words: str
) -> None:
    before, after = GOOD.format(n=7, body="first"), GOOD.format(n=8, body="last")
    records = read(before, row, after)
    assert [type(r).__name__ for r in records] == ["RawRecord", "RecordError", "RawRecord"]
    error = records[1]
    assert isinstance(error, RecordError)
    assert words in str(error)
    assert "cables.csv, record 2, line 2" in str(error)
    assert [r.fields["reference_id"] for r in records if isinstance(r, RawRecord)] == [
        "66BUENOSAIRES7",
        "66BUENOSAIRES8",
    ]


def test_an_unclosed_quote_that_runs_into_the_next_row_names_the_lines() -> None:
    records = read(GOOD.format(n=1, body="x").replace('"x"', '"x'), GOOD.format(n=2, body="y"))
    assert len(records) == 1
    assert isinstance(records[0], RecordError)
    assert "over lines 1-2: an unclosed quote may have run into the rows after it" in str(
        records[0]
    )


def test_escaped_quotes_commas_and_lines_inside_fields_are_fine() -> None:
    body = 'he said \\"no, never\\"\nand left, \\"quietly\\"'
    records = read(GOOD.format(n=3, body=body))
    assert isinstance(records[0], RawRecord)
    assert records[0].fields["body"] == 'he said "no, never"\nand left, "quietly"'
