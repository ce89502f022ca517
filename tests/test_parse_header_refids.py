"""Reference IDs: the release's abbreviations, misspellings and junk mapped to the canonical
post, and a malformed ID repaired from the banner."""

from __future__ import annotations

import pytest

from kg.model import RawRecord
from kg.parse import canonical_reference_id, parse
from kg.parse.refids import known_post, make_reference_id

CANONICAL = [
    # Abbreviations and other names of a post.
    ("04HAGUE310", "04THEHAGUE310"),
    ("07BA2210", "07BUENOSAIRES2210"),
    ("08BKK1402", "08BANGKOK1402"),
    ("06PAP77", "06PORTAUPRINCE77"),
    ("06USUN1191", "06USUNNEWYORK1191"),
    ("06USUNNY1191", "06USUNNEWYORK1191"),
    ("08CASA77", "08CASABLANCA77"),
    ("05USEU3001", "05USEUBRUSSELS3001"),
    ("05UNVIE410", "05UNVIEVIENNA410"),
    ("05PARISFR16", "05UNESCOPARISFR16"),
    ("09MEXICOCITY881", "09MEXICO881"),
    ("03BRAZIL45", "03BRASILIA45"),
    ("05SECSTATE4412", "05STATE4412"),
    ("05SECTSTATE4412", "05STATE4412"),
    ("05SECDEF3", "05SECDEF3"),
    ("05SECDEFWASHDC3", "05SECDEF3"),
    ("02USDA90", "02USDAFAS90"),
    ("08TAIPEI1501", "08TAIPEI1501"),
    ("09AIT1501", "09AITTAIPEI1501"),
    # Hyphens and spaces inside the post.
    ("06PORT-OF-SPAIN905", "06PORTOFSPAIN905"),
    ("07PORT-AU-PRINCE1450", "07PORTAUPRINCE1450"),
    ("07 sao paulo 0061", "07SAOPAULO61"),
    # Letters lost, doubled, swapped or wrong.
    ("04SAOPAUO88", "04SAOPAULO88"),
    ("09BRASILA702", "09BRASILIA702"),
    ("08WELLINGOTN14", "08WELLINGTON14"),
    ("08WELLLINGTON14", "08WELLINGTON14"),
    ("06KINSTON610", "06KINGSTON610"),
    ("06RIODEJANIERO33", "06RIODEJANEIRO33"),
    ("07TRIPOLII5", "07TRIPOLI5"),
    ("07SOIA828", "07SOFIA828"),
    ("09COPENHAEN17", "09COPENHAGEN17"),
    # A post cut short, the start of only one.
    ("08HALIF220", "08HALIFAX220"),
    ("08KUALALUMP730", "08KUALALUMPUR730"),
    ("04VAT19", "04VATICAN19"),
    ("05RIO301", "05RIODEJANEIRO301"),
    # Junk glued in: a section marker, a caveat, an address, a doubled year, a tail.
    ("08SECTION01OF02MANAMA492", "08MANAMA492"),
    ("09SQCTION02OF03DUSHANBE14", "09DUSHANBE14"),
    ("08SECTIN01GF02BUDAPEST836", "08BUDAPEST836"),
    ("09EFTOYEREVAN12", "09YEREVAN12"),
    ("09SIFIEDACCRA73", "09ACCRA73"),
    ("09AMEMBASSYHANOI1290", "09HANOI1290"),
    ("05EMBASSYNOWHERE1", "05NOWHERE1"),
    ("7676LIBREVILLE12", "76LIBREVILLE12"),
    ("06MADRID002601ZFR2603", "06MADRID2601"),
    # Well formed: unchanged.
    ("07MOSCOW628", "07MOSCOW628"),
    ("09USEUBRUSSELS1292", "09USEUBRUSSELS1292"),
    ("02BRUSSELS12", "02BRUSSELS12"),
]


@pytest.mark.parametrize(("raw", "expected"), CANONICAL)
def test_canonical_reference_id(raw: str, expected: str) -> None:
    assert canonical_reference_id(raw) == expected


REPAIRED = [
    # (malformed ID, the banner's ID)
    ("10AQNA272", "10ASTANA272"),
    ("07QXICO3307", "07MEXICO3307"),
    ("092OF5", "09STATE126780"),
    ("06ASTANA", "06ASTANA204"),
    ("09SECTION01OF03BRUSSELS1234", "09USEUBRUSSELS1234"),
    ("08ACCRA001382SUSPECTEDDUPLICATE1392", "08ACCRA1392"),
    ("08SECTION01GF02BISHIEK21", "08BISHKEK1021"),
]


@pytest.mark.parametrize(("raw", "banner_id"), REPAIRED)
def test_malformed_id_repaired_from_the_banner(raw: str, banner_id: str) -> None:
    assert canonical_reference_id(raw, banner_id=banner_id) == banner_id


def test_a_different_serial_is_no_repair() -> None:
    assert canonical_reference_id("07SOFIA828", banner_id="07SOFIA829") == "07SOFIA828"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("SAO PAULO", "SAOPAULO"), ("THE HAGUE", "THEHAGUE"), ("USEU BRUSSELS", "USEUBRUSSELS")],
)
def test_banner_posts(name: str, expected: str) -> None:
    assert make_reference_id(2008, name, "000012") == f"08{expected}12"


@pytest.mark.parametrize("name", ["REPORT", "EMAIL", "POINTS", "OSD"])
def test_words_that_are_no_post(name: str) -> None:
    assert known_post(name) is None


FROM_THE_ID = [
    # (malformed ID, the release's origin of the cable, the ID read)
    # A Q in place of letters lost in transmission, when one post fits.
    ("06BUENOSQRES41", None, "06BUENOSAIRES41"),
    ("08MANQGUA300", None, "08MANAGUA300"),
    ("07QRIPOLI9", None, "07TRIPOLI9"),
    # Two posts fit (ADANA, ASTANA): the origin settles it, or the ID stays as written.
    ("10AQNA5", "Embassy Astana", "10ASTANA5"),
    ("10AQNA5", "Consulate Adana", "10ADANA5"),
    ("10AQNA5", None, "10AQNA5"),
    ("10AQNA5", "Embassy Moscow", "10AQNA5"),
    # An origin close to the mangled post names it; a far one does not.
    ("09TGUCIGLPA77", "Embassy Tegucigalpa", "09TEGUCIGALPA77"),
    ("05NOWHERE1", "Embassy Moscow", "05NOWHERE1"),
    ("05NOWHERE1", "AMEMBASSY MOSCOW", "05NOWHERE1"),
]


@pytest.mark.parametrize(("raw", "origin", "expected"), FROM_THE_ID)
def test_malformed_id_repaired_from_the_id_alone(
    raw: str, origin: str | None, expected: str
) -> None:
    assert canonical_reference_id(raw, origin=origin) == expected


def test_the_pages_origin_repairs_its_id() -> None:
    text = "E.O. 12958: N/A\nTAGS: PREL\nSUBJECT: TEST\n\n1. (U) Text.\n\nSMITH\n"
    fields = {"reference_id": "10AQNA5", "created": "2010-01-02 03:04", "origin": "Embassy Astana"}
    record = RawRecord("t.html", 1, "html", text, fields=fields)
    assert parse(record).reference_id == "10ASTANA5"
