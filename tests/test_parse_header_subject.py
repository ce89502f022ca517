"""SUBJECT: ends at the next field even without a line break, loses the dirt of continued
lines and its marking, survives a cut keyword and rules around it."""

from __future__ import annotations

import pytest

from kg.model import RawRecord
from kg.parse import parse

ROUTING = "R 101200Z MAR 08\nFM AMEMBASSY OSLO\nTO SECSTATE WASHDC 0001\n"


def subject(header: str) -> str | None:
    text = ROUTING + "CONFIDENTIAL OSLO 000120\n\n" + header + "\n\n1. (C) Text.\n\nWHITNEY\n"
    return parse(RawRecord("t.txt", 1, "telegram", text, line=1)).subject


CASES = [
    ("SUBJECT: NORWAY AND THE HIGH NORTH \n\nREF: OSLO 1", "NORWAY AND THE HIGH NORTH"),
    ("SUBJECT: NORWAY AND THE HIGH NORTH\nREF A. OSLO 1 B. OSLO 2", "NORWAY AND THE HIGH NORTH"),
    ("SUBJECT NORWAY AND THE HIGH NORTH\nREF A. OSLO 1", "NORWAY AND THE HIGH NORTH"),
    (
        "SUBJECT: NORWAY AND THE HIGH\nNORTH, PART TWO\n\nREF: OSLO 1",
        "NORWAY AND THE HIGH NORTH, PART TWO",
    ),
    # Run into the next field.
    ("SUBJECT: A VISIT TO TROMSOREF: A. OSLO 1939  B. OSLO 1704", "A VISIT TO TROMSO"),
    ("SUBJECT: A VISIT TO TROMSOClassified By: DCM Kai Berg, reasons 1.4 (b)", "A VISIT TO TROMSO"),
    ("SUBJECT: A VISIT TO TROMSO REF: OSLO 861", "A VISIT TO TROMSO"),
    (
        "SUBJECT: A VISIT TO TROMSO Classified By: DCM Kai Berg, Reasons 1.4 (b)",
        "A VISIT TO TROMSO",
    ),
    # Backslashes of continued lines, markings.
    (
        "SUBJECT: EU CONCERNS \\\nREGARDING THE ARCTIC \\\n\\\n\nREF: OSLO 1",
        "EU CONCERNS REGARDING THE ARCTIC",
    ),
    ("SUBJECT: (C/NF) WHO LEADS THE STORTING", "WHO LEADS THE STORTING"),
    ("SUBJECT: (SBU) Fisheries talks", "Fisheries talks"),
    # A cut keyword, rules around the field, a rule under it.
    ("UBJECT: THE KEYWORD LOST ITS FIRST LETTER REF: OSLO 20", "THE KEYWORD LOST ITS FIRST LETTER"),
    ("-----------------\nSUBJECT: BETWEEN RULES\n-----------------", "BETWEEN RULES"),
    (
        "SUBJECT: WEEKLY NOTES 11-09-2009\n-----------\n1. SUMMARY\n-----------",
        "WEEKLY NOTES 11-09-2009",
    ),
    # Prose after a subject in capitals is the body.
    (
        "SUBJECT: A SUBJECT IN CAPITALS\nON TWO LINES\nThis is an action request. See para 2.",
        "A SUBJECT IN CAPITALS ON TWO LINES",
    ),
]


@pytest.mark.parametrize(("header", "expected"), CASES)
def test_subject(header: str, expected: str) -> None:
    assert subject(header) == expected
