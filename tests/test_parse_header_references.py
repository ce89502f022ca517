"""REF blocks: items over blank lines and page headers, labels in any case or bracket,
years written every way, canonical posts, and items that cite no cable kept uncited."""

from __future__ import annotations

import pytest

from kg.model import Cable, RawRecord
from kg.parse import parse
from kg.parse.references import parse_references

ROUTING = """R 101200Z MAR 08
FM AMEMBASSY LIMA
TO SECSTATE WASHDC 0001
"""


def telegram(header: str) -> Cable:
    body = f"CONFIDENTIAL LIMA 000410\n\n{header}\n\n1. (C) Text of the cable.\n\nJONES\n"
    return parse(RawRecord("t.txt", 1, "telegram", ROUTING + body, line=1))


BLOCKS = [
    # Posts by their other names, abbreviations and misspellings.
    (
        "REF: A. Rio 0207 B. 07 HAGUE 1189 C. BA 602",
        ["08RIODEJANEIRO207", "07THEHAGUE1189", "08BUENOSAIRES602"],
    ),
    ("REF: A. SAO PAUO 33 B. BRASILA 910", ["08SAOPAULO33", "08BRASILIA910"]),
    ("REF: A. THE HAGUE 77 B. 06 THE HAGUE 1002", ["08THEHAGUE77", "06THEHAGUE1002"]),
    ("REF: SECSTATE 40110", ["08STATE40110"]),
    # Years written otherwise.
    (
        "REF: A. 2006 MANAGUA 118 B. QUITO 2210-99 C. (97) ROME 4410",
        ["06MANAGUA118", "99QUITO2210", "97ROME4410"],
    ),
    # Labels in lower case, bracketed, glued to the post.
    ("Ref: a. 06 state 11223\nb. 06 berlin 456", ["06STATE11223", "06BERLIN456"]),
    ("REF: [A] LIMA 12 [B] LIMA 13", ["08LIMA12", "08LIMA13"]),
    ("REF: (A)BOGOTA 700, (B)BOGOTA 701", ["08BOGOTA700", "08BOGOTA701"]),
    ("REF: A. A) LIMA 5 B. B) LIMA 6", ["08LIMA5", "08LIMA6"]),
    # Items after a blank line, and across a page header.
    ("REF: A. LIMA 300\n\nB. LIMA 301\n\nC. LIMA 302", ["08LIMA300", "08LIMA301", "08LIMA302"]),
    (
        "REF: A. STATE 5501\n CONFIDENTIAL\nPAGE 02 LIMA 00410 01 OF 02 101200Z  B. LIMA 298",
        ["08STATE5501", "08LIMA298"],
    ),
    ("REF: A) LIMA 199, B) LIMA 227 LIMA 00000410 \n\n001.2 OF 003", ["08LIMA199", "08LIMA227"]),
    # What cites no cable is no cable ID.
    (
        "REF: A. LIMA 250 B. OSD REPORT DTG 120000Z MAR 08 C. PEREZ-SMITH EMAIL 03/02/08",
        ["08LIMA250"],
    ),
    ("REF: EMBASSY LIMA E-MAIL TO WHA/AND OF MARCH 3", []),
    ("REF: A. LIMA POINTS JUNE 5 B. LIMA 12", ["08LIMA12"]),
    ("REF: STATE 1101; LIMA IIR 6 871 0022 08; 2007 LIMA 3301", ["08STATE1101", "07LIMA3301"]),
]


# Serials and years written every way.
BLOCKS += [
    ("REF: [A] State 41880, 52231, [B] Lima 2285", ["08STATE41880", "08STATE52231", "08LIMA2285"]),
    ("REF: Lima 7472 and 7677", ["08LIMA7472", "08LIMA7677"]),
    ("REF: SECSTATE 232089 & USUN 2336", ["08STATE232089", "08USUNNEWYORK2336"]),
    (
        "REF: A) Lima 936/935; B) 07 Lima 5353/5194/4319 and previous",
        ["08LIMA936", "08LIMA935", "07LIMA5353", "07LIMA5194", "07LIMA4319"],
    ),
    ("REF: A. A: LIMA 00789/07 B. B: LIMA 00930/07", ["07LIMA789", "07LIMA930"]),
    ("REF: LIMA 07718 99, LIMA 05986 00", ["99LIMA7718", "00LIMA5986"]),
    ("REF: A) STATE (07) 201265, B) STATE (07) 213042", ["07STATE201265", "07STATE213042"]),
    ("REF: LIMA 849, LIMA, 1228", ["08LIMA849", "08LIMA1228"]),
    ("REF: LIMA #3565", ["08LIMA3565"]),
    ("REF: LIMA (C)02293", ["08LIMA2293"]),
    ("REF: 870 Lima", ["08LIMA870"]),
    ("REF: A) USDOC 05667 B)HK05511", ["08USDOC5667", "08HONGKONG5511"]),
    ("REF: (A) LIMA O1512, (B) COTON0U 348", ["08LIMA1512", "08COTONOU348"]),
    # Items set apart by semicolons, dashes before labels, a label left at a line's end.
    ("REF: 08 STATE 1234; E-Mail Tralala; 05 STATE 1234", ["08STATE1234", "05STATE1234"]),
    (
        "Refs:  (A) State 348254\n-      (B) State 348253 -      (C) Lima 2179",
        ["08STATE348254", "08STATE348253", "08LIMA2179"],
    ),
    (
        "REF: A) LIMA 2605, B) LIMA 2447,C)\n\nLIMA 02034",
        ["08LIMA2605", "08LIMA2447", "08LIMA2034"],
    ),
    ("REF: A - Lima 28", ["08LIMA28"]),
]


@pytest.mark.parametrize(("block", "expected"), BLOCKS)
def test_ref_block(block: str, expected: list[str]) -> None:
    cable = telegram(f"TAGS: PREL PE\nSUBJECT: THE SUBJECT\n\n{block}")
    assert [r.cable_id for r in cable.references if r.cable_id] == expected


def test_non_cable_items_are_kept_without_an_id() -> None:
    cable = telegram("SUBJECT: X\n\nREF: A. LIMA 250 B. PEREZ-SMITH EMAIL 03/02/08")
    assert [(r.label, r.cable_id) for r in cable.references] == [("A", "08LIMA250"), ("B", None)]
    assert cable.references[1].text == "PEREZ-SMITH EMAIL 03/02/08"


@pytest.mark.parametrize(
    "header",
    [
        "SUBJECT: A VISIT TO THE PRIMEREF: A. LIMA 77 B. LIMA 78",
        "SUBJECT: A VISIT TO THE PRIME REF: A. LIMA 77 B. LIMA 78",
        "SUBJECT: A VISIT TO THE PRIME\nRef(s): A) LIMA 77; B) LIMA 78",
    ],
)
def test_ref_run_into_the_subject(header: str) -> None:
    cable = telegram(header)
    assert cable.subject == "A VISIT TO THE PRIME"
    assert [r.cable_id for r in cable.references] == ["08LIMA77", "08LIMA78"]


def test_labels_skipping_letters_at_line_starts() -> None:
    cable = telegram(
        "SUBJECT: X\n\nREF: A. LIMA 71\nB. LIMA 151\nF. 07 LIMA 720\n"
        "G. SMITH/JONES TELCON 02/16/2008"
    )
    assert [(r.label, r.cable_id) for r in cable.references] == [
        ("A", "08LIMA71"),
        ("B", "08LIMA151"),
        ("F", "07LIMA720"),
        ("G", None),
    ]


def test_labels_after_a_pilcrow_and_a_longer_skip_at_line_starts() -> None:
    # A page's markup left a pilcrow before each label; the list jumps from B to H.
    cable = telegram(
        "SUBJECT: X\n\nREF: A. STATE 1203\n   \u00b6B. QUITO 88\n"
        "   \u00b6H. (C) DAO QUITO IIR 6 812 0044 08"
    )
    assert [(r.label, r.cable_id) for r in cable.references] == [
        ("A", "08STATE1203"),
        ("B", "08QUITO88"),
        ("H", None),
    ]


def test_a_blank_line_does_not_carry_the_block_into_the_text() -> None:
    cable = telegram(
        "SUBJECT: X\n\nREF: 08 STATE 74840\n\na. COUNTRY CONDITIONS: Fraud is low.\n\n"
        "b. VISAS: Few cases."
    )
    assert [r.cable_id for r in cable.references] == ["08STATE74840"]
    assert cable.paragraphs[0].text.startswith("a. COUNTRY CONDITIONS")


def test_the_text_run_onto_the_last_item_is_body_text() -> None:
    cable = telegram("SUBJECT: X\n\nREF: A. STATE 51536\n\n B. STATE 46997 (SBU) Post has acted.")
    assert [r.cable_id for r in cable.references] == ["08STATE51536", "08STATE46997"]
    assert cable.paragraphs[0].text == "(SBU) Post has acted."


def test_the_cable_does_not_cite_itself() -> None:
    cable = telegram("SUBJECT: X\n\nREF: A) LIMA 199, B) LIMA 227 LIMA 410")
    assert [r.cable_id for r in cable.references] == ["08LIMA199", "08LIMA227"]


def test_repeated_label_counts_once() -> None:
    items = parse_references("A) LIMA 366 B) SMITH EMAIL 05/11/07 B) LIMA 347", year=2008)
    assert [r.cable_id for r in items if r.cable_id] == ["08LIMA366", "08LIMA347"]
