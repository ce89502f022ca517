"""TAGS: the words among the codes. People written as tags without brackets and without a
person tag before them (surname, given name, initials), places and the release's phrases
(one tag each, even when a word is as short as a code), codes glued to a phrase's word."""

from __future__ import annotations

import pytest

from kg.model import RawRecord
from kg.parse import parse
from kg.parse.tags import person_tags, split_tags

ROUTING = "R 141530Z JUN 06\nFM AMEMBASSY LIMA\nTO SECSTATE WASHDC 0001\n"


def tags(header: str) -> tuple[str, ...]:
    text = ROUTING + "CONFIDENTIAL LIMA 000412\n\n" + header + "\n\n1. (C) Text.\n\nSTRUBLE\n"
    return parse(RawRecord("t.txt", 1, "telegram", text, line=1)).tags


PEOPLE = [
    # Surname then given name, the surname as short as a code.
    ("CVIS PE SOTO ERNESTO", ("CVIS", "PE", "SOTO, ERNESTO")),
    ("CASC PE LUNA RAMIRO VEGA HECTOR", ("CASC", "PE", "LUNA, RAMIRO", "VEGA, HECTOR")),
    # With a middle initial, then a phrase.
    (
        "SNAR PE CASTILLO JORGE L CONSULAR AFFAIRS",
        ("SNAR", "PE", "CASTILLO, JORGE L", "CONSULAR AFFAIRS"),
    ),
    # After a person tag, as before.
    ("OVIP HUMALA OLLANTA PREL PE", ("OVIP", "HUMALA, OLLANTA", "PREL", "PE")),
    # An unlisted code before a short given name stays a code.
    ("PREL KSEP ALI", ("PREL", "KSEP", "ALI")),
]


@pytest.mark.parametrize(("text", "expected"), PEOPLE)
def test_people_written_as_tags(text: str, expected: tuple[str, ...]) -> None:
    assert tags("TAGS: " + text + "\nSUBJECT: X") == expected


def test_a_person_without_a_person_tag_stays_apart_for_readers() -> None:
    assert person_tags(("CASC", "PE", "LUNA, RAMIRO")) == ("CASC", "PE", "LUNA, RAMIRO")


PLACES_AND_PHRASES = [
    # Countries and posts of several words, even one that starts with a code (EL).
    ("PREL PGOV SOUTH AFRICA SF", ("PREL", "PGOV", "SOUTH AFRICA", "SF")),
    ("PREL EL SALVADOR ES", ("PREL", "EL SALVADOR", "ES")),
    ("ECON SAN JOSE CS", ("ECON", "SAN JOSE", "CS")),
    ("PREL PE SAO PAULO BR", ("PREL", "PE", "SAO PAULO", "BR")),
    # Codes that happen to spell a post stay codes.
    ("PREL US NATO", ("PREL", "US", "NATO")),
    # A place's word as short as a code opens a phrase; a country alone is a tag.
    ("PGOV IS GAZA RECONSTRUCTION", ("PGOV", "IS", "GAZA RECONSTRUCTION")),
    ("KPAO MEDIA REACTION TURKEY AFGHANISTAN", ("KPAO", "MEDIA REACTION", "TURKEY", "AFGHANISTAN")),
    # Phrases one after the other.
    (
        "PREL IS WEST BANK ISRAELI PALESTINIAN AFFAIRS",
        ("PREL", "IS", "WEST BANK", "ISRAELI PALESTINIAN AFFAIRS"),
    ),
    # A code no table lists before a long word stays apart, as before.
    ("PREL IS GOI EXTERNAL", ("PREL", "IS", "GOI", "EXTERNAL")),
]


@pytest.mark.parametrize(("text", "expected"), PLACES_AND_PHRASES)
def test_places_and_phrases(text: str, expected: tuple[str, ...]) -> None:
    assert tags("TAGS: " + text + "\nSUBJECT: X") == expected


GLUED = [
    # Codes run on after a phrase's word, three-letter ones among them.
    ("PE KDEM HUMAN RIGHTSPOLMARR", ("PE", "KDEM", "HUMAN RIGHTS", "POL", "MARR")),
    ("PE HUMAN RIGHTSPHUMKDEM", ("PE", "HUMAN RIGHTS", "PHUM", "KDEM")),
    # Codes run on before one.
    ("PE PHUMHUMAN RIGHTS", ("PE", "PHUM", "HUMAN RIGHTS")),
    # A word before the phrase stays a tag of its own.
    ("PE LABOR HUMAN RIGHTSPHUM", ("PE", "LABOR", "HUMAN RIGHTS", "PHUM")),
]


# Ordinary words that start or end with a phrase's word, the rest cutting into country
# codes, stay whole.
WORDS = ["INTERNATIONAL", "SOUTHWEST", "NATIONALIZED", "NATIONALISTS", "COUNTERDRUG", "LANDSCAPE"]


@pytest.mark.parametrize("word", WORDS)
def test_a_word_is_not_cut_into_country_codes(word: str) -> None:
    assert split_tags("PREL " + word) == ("PREL", word)


@pytest.mark.parametrize(("text", "expected"), GLUED)
def test_codes_glued_to_words(text: str, expected: tuple[str, ...]) -> None:
    assert split_tags(text) == expected


def test_pol_and_mil_are_release_tags() -> None:
    assert split_tags("MARR BR POL MIL") == ("MARR", "BR", "POL", "MIL")
