"""TAGS: the keyword misspelt or in lower case without a colon, continuation lines, page
headers among the codes, codes run together, caveats that are no tags, a second TAGS line."""

from __future__ import annotations

import pytest

from kg.model import RawRecord
from kg.parse import parse
from kg.parse.tags import split_tags

ROUTING = "R 101200Z MAR 08\nFM AMEMBASSY ROME\nTO SECSTATE WASHDC 0001\n"


def tags(header: str) -> tuple[str, ...]:
    text = ROUTING + "CONFIDENTIAL ROME 000120\n\n" + header + "\n\n1. (C) Text.\n\nSPOGLI\n"
    return parse(RawRecord("t.txt", 1, "telegram", text, line=1)).tags


CASES = [
    ("TAGS: PREL PGOV IT", ("PREL", "PGOV", "IT")),
    ("TAGS PREL, PGOV, IT", ("PREL", "PGOV", "IT")),
    ("TAG PREL, PGOV, IT", ("PREL", "PGOV", "IT")),
    ("tags PREL PGOV IT", ("PREL", "PGOV", "IT")),
    ("Tags ecin, etrd", ("ECIN", "ETRD")),
    # The keyword misspelt.
    ("TAGES: PREL PGOV\nSUBJECT: X", ("PREL", "PGOV")),
    ("TAS: PREL PGOV\nSUBJECT: X", ("PREL", "PGOV")),
    ("TABS: PREL PGOV\nSUBJECT: X", ("PREL", "PGOV")),
    ("TGS: PREL PGOV\nSUBJECT: X", ("PREL", "PGOV")),
    ("E.O. 12958: DECL: 08/22/2017 AGS: PGOV, PREL, IT", ("PGOV", "PREL", "IT")),
    # Continuation lines: codes, or anything after a comma.
    ("TAGS: PREL PGOV\nECON, IT\nSUBJECT: X", ("PREL", "PGOV", "ECON", "IT")),
    ("TAGS: prel, pgov,\netrd, it\nSubject: x", ("PREL", "PGOV", "ETRD", "IT")),
    ("TAGS: PREL PGOV\nHere the body begins.", ("PREL", "PGOV")),
    # Page headers among the codes.
    ("TAGS: PREL PGOV\nSECRET PAGE 02 ROME 00120 101200Z\nIT\nSUBJECT: X", ("PREL", "PGOV", "IT")),
    # Codes run together.
    ("TAGS: KCRM PHUMIT", ("KCRM", "PHUM", "IT")),
    ("TAGS: IT ITPREL ITPREL", ("IT", "PREL")),
    ("TAGS: ETRDEINVECINPGOVIT", ("ETRD", "EINV", "ECIN", "PGOV", "IT")),
    # Caveats, free words, a second TAGS line.
    ("TAGS: ECON ETRD IT SIPDIS", ("ECON", "ETRD", "IT")),
    ("TAGS PHUM, IT, HUMAN RIGHTS", ("PHUM", "IT", "HUMAN RIGHTS")),
    ("TAGS: PREL PGOV\nSUBJECT: X\nTAGS: ECON", ("PREL", "PGOV", "ECON")),
]


@pytest.mark.parametrize(("header", "expected"), CASES)
def test_tags(header: str, expected: tuple[str, ...]) -> None:
    assert tags(header) == expected


def test_person_tags() -> None:
    assert split_tags("OVIP (STEINBERG, JAMES B.), PREL") == ("OVIP (STEINBERG, JAMES B.)", "PREL")
    assert split_tags("OVIP RICE CONDOLEEZZA PREL") == ("OVIP RICE CONDOLEEZZA", "PREL")
