"""TAGS: the keyword misspelt or in lower case without a colon, continuation lines, page
headers among the codes, codes run together, caveats that are no tags, a second TAGS line."""

from __future__ import annotations

import pytest

from kg.model import RawRecord
from kg.parse import parse
from kg.parse.tags import person_tags

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


PERSON_AND_PHRASES = [
    # A person tag's name, in brackets or not, is a tag of its own, surname first.
    ("OVIP (KERRY, JOHN F.), PREL", ("OVIP", "KERRY, JOHN F.", "PREL")),
    ("OVIP (KERRY, JOHN F.) PREL ECON", ("OVIP", "KERRY, JOHN F.", "PREL", "ECON")),
    ("OVIP (KERRY,JOHN F. PREL", ("OVIP", "KERRY, JOHN F. PREL")),
    ("OVIP PELOSI NANCY PREL PGOV", ("OVIP", "PELOSI, NANCY", "PREL", "PGOV")),
    ("PREL PGOV OVIP GATES ROBERT M IT", ("PREL", "PGOV", "OVIP", "GATES, ROBERT M", "IT")),
    ("OVIP RICE CONDOLEEZZA\nIT, PREL", ("OVIP", "RICE, CONDOLEEZZA", "IT", "PREL")),
    # A code after OVIP is no name; one word alone stays a tag.
    ("PREL OTRA OVIP KSEP UNGA", ("PREL", "OTRA", "OVIP", "KSEP", "UNGA")),
    ("OVIP MQADHAFI PREL", ("OVIP", "MQADHAFI", "PREL")),
    # Free-text phrases: those the release shows, and long words that run on together.
    ("PREL IT IRAQI FREEDOM AFGHANISTAN", ("PREL", "IT", "IRAQI FREEDOM", "AFGHANISTAN")),
    (
        "IT ITALIAN POLITICS ITALY NATIONAL ELECTIONS",
        ("IT", "ITALIAN POLITICS", "ITALY NATIONAL ELECTIONS"),
    ),
    (
        "KWBG IS ISRAELI PALESTINIAN AFFAIRS GOI EXTERNAL",
        ("KWBG", "IS", "ISRAELI PALESTINIAN AFFAIRS", "GOI", "EXTERNAL"),
    ),
    ("PREL AR MEETINGS WITH AMBASSADOR", ("PREL", "AR", "MEETINGS WITH AMBASSADOR")),
    ("PTER YM COUNTER TERRORISM", ("PTER", "YM", "COUNTERTERRORISM")),
    ("ECON PM TRADE AND INVESTMENT", ("ECON", "PM", "TRADE AND INVESTMENT")),
    ("KPAO PREL MEDIA REACTION", ("KPAO", "PREL", "MEDIA REACTION")),
    # Unknown short codes stay apart; words split by commas stay apart.
    ("ECON FBI DHS DAO PREL", ("ECON", "FBI", "DHS", "DAO", "PREL")),
    ("PREL, BA, BILAT, REGION", ("PREL", "BA", "BILAT", "REGION")),
    # A code with a letter slipped in.
    ("PTER MARR MOPPS", ("PTER", "MARR", "MOPS")),
    ("EPET ENERG ECON", ("EPET", "ENRG", "ECON")),
    ("PRELP PGOV", ("PREL", "PGOV")),
]


@pytest.mark.parametrize(("text", "expected"), PERSON_AND_PHRASES)
def test_person_tags_and_phrases(text: str, expected: tuple[str, ...]) -> None:
    assert tags("TAGS: " + text + "\nSUBJECT: X") == expected


@pytest.mark.parametrize(
    ("tags_read", "joined"),
    [
        (("OVIP", "RICE, CONDOLEEZZA", "PREL"), ("OVIP (RICE, CONDOLEEZZA)", "PREL")),
        (("PREL", "OVIP (MABUS, RAY)"), ("PREL", "OVIP (MABUS, RAY)")),
        (("PREL", "HUMAN RIGHTS"), ("PREL", "HUMAN RIGHTS")),
        (("CU", "PM", "NOVO, GUILLERMO"), ("CU", "PM", "NOVO, GUILLERMO")),
    ],
)
def test_person_tags_joined_for_readers(
    tags_read: tuple[str, ...], joined: tuple[str, ...]
) -> None:
    assert person_tags(tags_read) == joined
