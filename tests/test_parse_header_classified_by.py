"""Classified By: the person however the line is written, broken or misspelt."""

from __future__ import annotations

import pytest

from kg.model import Cable, RawRecord
from kg.parse import parse
from kg.parse.classified_by import parse_classified_by

LINES = [
    # Titles misspelt or not in the list stay out of the name.
    ("Classified By: Ambasador Helen R. Quint for reasons 1.4 (b) and (d).", "Helen R. Quint"),
    ("Classified By: AMBASSADR PETER LOWE FOR REASONS 1.4 (B) AND (D)", "Peter Lowe"),
    ("Classified By: Political Counselr Dana K. Marsh for reasons 1.4 (b)", "Dana K. Marsh"),
    ("CLASSIFIED BY POLOFF GRANT HUBER, 1.5 (D).", "Grant Huber"),
    ("Classified By: Kandahar PRT Team Leader Owen Fisk for reason 1.4 (b)", "Owen Fisk"),
    ("Classified By: ECONOFF R. TODD PARRY FOR REASONS 1.4 (B) and (D)", "R. Todd Parry"),
    ("Classified By: Pol/Econ Couns Mara J. Teller for reasons 1.4 (b&d).", "Mara J. Teller"),
    ("Classified By: USDEL Member Ines Y. Varga, reasons 1.4 (b,d)", "Ines Y. Varga"),
    ("Classified By: Acting DCM/Leo Brandt for reasons 1.4 (b and d)", "Leo Brandt"),
    # The name before the title.
    (
        "CLASSIFIED BY: Nora E. Halvorsen, Assistant Secretary, Department of State, VCI; "
        "REASON: 1.4(B), (D)",
        "Nora E. Halvorsen",
    ),
    ("CLASSIFIED BY: Strand Oskar, Ambassador; REASON: 1.4(B)", "Strand Oskar"),
    ("CLASSIFIED BY WALTER P. HURST, JR., AMBASSADOR. REASON: 1.5 (B)", "Walter P. Hurst, Jr."),
    (
        "CLASSIFIED BY LEE 0. KANTOR, DIRECTOR, SA/PAB, DEPARTMENT OF STATE. REASON: 1.5(D).",
        "Lee O. Kantor",
    ),
    # The reason introduced otherwise, or broken over a line.
    ("Classified By: Pol/Econ Chief Gail Roth under 1.4 b/d", "Gail Roth"),
    ("Classified By: DCM ROY E. BANKS DUE TO 1,4 (C) AND (D).", "Roy E. Banks"),
    (
        "Classified By: Acting Permanent Representative Ada M. Fell\n per reasons 1.4 (b)",
        "Ada M. Fell",
    ),
    ("Classified By: CHARGE ALVIN MOSS F0R REASONS 1.5 (B) AND (D)", "Alvin Moss"),
    ("Classified By: DCM IRA BOLT BASED ON E.O.12958 REASONS 1.4 (b) and (d)", "Ira Bolt"),
    ("Classified By: Minister Counselor Aaron Sills for re\nason 1.4 (b/d)", "Aaron Sills"),
    ("CLASSIFIED BY: ACTING CONSUL LEON WADE.  REA\nSONS: 1.4 (B,D)", "Leon Wade"),
    ("Classified By: Ambassador Vera Lund for reaons 1.4 (b) and (d).", "Vera Lund"),
    ("Classified By: Ambassador Carl Ebner.  Resons 1.5 (B) and (D)", "Carl Ebner"),
    ("Classified By: Ambassador Tom Hale for for reasons 1.4 b and d.", "Tom Hale"),
    ("Classified By: Amb. Rita Sayles. E.O 12958. Reasons 1.4 (B&D).", "Rita Sayles"),
    # Doubled prefixes and markings.
    ("Classified By: Classified by DCM Ned Cole for reasons 1.4 (b) and (d).", "Ned Cole"),
    ("Classified By: (C) CLASSIFIED BY DCM NED COLE; REASON 1.4 (B) AND (D).", "Ned Cole"),
    ("Classified By: This message classified by Econ Counselor Ned Cole for 1.4 (b).", "Ned Cole"),
    # Initials kept, words a line break cut in two joined.
    ("1. CLASSIFIED BY POL/ECONOFF. R.J. DALTON.  REASON:  1.5(D)", "R.J. Dalton"),
    ("Classified By: A/DCM B.T. Royce, reason para 1.4 (b)", "B.T. Royce"),
    (
        "Classified By: Deputy Political Counselor Tomas J. Hurl\na, E.O. 12958, reasons 1.4 (b)",
        "Tomas J. Hurla",
    ),
    ("Classified By: Deputy Coordinator Hal Y\nee for reasons 1.4 (b) and (d)", "Hal Yee"),
    # Junk after the name.
    ("CLASSIFIED BY: ACTING CONSUL LEON WADE.  REA SONS: 1.4 (B,D)", "Leon Wade"),
    (
        "CLASSIFIED BY AMBASSADOR ROY KEMP.\n CONFIDENTIAL\n\nPAGE 02 HARARE 03759 111533Z",
        "Roy Kemp",
    ),
    # A surname that is also a title word; "Confidential by"; a comma after reasons.
    ("Classified By: CDA Dora R. Leader for reasons 1.4 (b)", "Dora R. Leader"),
    ("Classified By: Confidential by Political Minister Gil Ortega. Reason: 1.4 (b)", "Gil Ortega"),
    ("Classified By: Political Counselor Rand Mills for reasons, 1.4 b and d", "Rand Mills"),
    # No name.
    ("CLASSIFIED BY SECTION 1.5 (B) AND (D).", None),
]


@pytest.mark.parametrize(("line", "person"), LINES)
def test_person(line: str, person: str | None) -> None:
    assert parse_classified_by(line).person == person


def test_role_and_reason() -> None:
    found = parse_classified_by("Classified By: Ambassaor Joan Pike for reasons 1.4 (b and d).")
    assert (found.person, found.role, found.reason) == ("Joan Pike", "Ambassaor", "1.4 (b and d)")


ROUTING = "R 101200Z MAR 96\nFM AMEMBASSY RIYADH\nTO SECSTATE WASHDC 0001\n"


def telegram(body: str) -> Cable:
    return parse(RawRecord("t.txt", 1, "telegram", ROUTING + body, line=1))


def test_classified_by_in_the_first_paragraph() -> None:
    cable = telegram(
        "CONFIDENTIAL RIYADH 002406\n\nE.O. 12958: DECL: 1.6X6\nTAGS: PREL SA\n"
        "SUBJECT: A SUBJECT\n\n1.  CONFIDENTIAL - ENTIRE TEXT.  CLASSIFIED BY DCM\n"
        "KARL OSTER - 1.5 B,D.\n\n2.  (C) Text.\n"
    )
    assert cable.classified_by is not None
    assert cable.classified_by.person == "Karl Oster"


def test_the_block_that_names_someone() -> None:
    cable = telegram(
        "CONFIDENTIAL RIYADH 002406\n\n- - C O R R E C T E D  C O P Y - - CLASSIFIED BY LINE ADDED"
        "\n\nE.O. 12958: DECL: 08/24/05\nTAGS: PREL SA\nSUBJECT: A SUBJECT\n\n"
        "CLASSIFIED BY DCM PWELLS PER 1.5 (B) AND (D)\n\n1. (C) Text.\n"
    )
    assert cable.classified_by is not None
    assert cable.classified_by.person == "Pwells"


PEOPLE = [
    # Two people joined by "and", each with a title: both, in order; the first is `person`.
    (
        "CLASSIFIED BY EUR DIR ALAN GROVE, ACTING AND S/CT DAS MIRA\nSOLBERG ; REASON: 1.4 (B)",
        ("Alan Grove", "Mira Solberg"),
    ),
    (
        "Classified By: Poloff Ruth Anker and DAO Lee Vance for reasons 1.4 (b, d).",
        ("Ruth Anker", "Lee Vance"),
    ),
    ("Classified By: DCM Ann Cole & Econoff Bo Hart, reasons 1.4 (b)", ("Ann Cole", "Bo Hart")),
    # An "and" inside a title joins no people.
    (
        "Classified By: Political and Economic Chief Tara Lindqvist for reasons 1.4 (d)",
        ("Tara Lindqvist",),
    ),
    (
        "Classified by: Minister Counselor for Economic and Political Affairs Gil R. Moss "
        "for reasons 1.4(b) and (d).",
        ("Gil R. Moss",),
    ),
    (
        "CLASSIFIED BY ACTING U/S FOR ARMS CONTROL AND INTERNATIONAL SECURITY (T) PAUL C. "
        "ORTEGA, REASONS, 1.4 (B) AND (D).",
        ("Paul C. Ortega",),
    ),
    ("Classified By: Ambassador Vera Holm, reasons 1.4 (b) and (d)", ("Vera Holm",)),
    ("CLASSIFIED BY SECTION 1.5 (B) AND (D).", ()),
]


@pytest.mark.parametrize(("line", "people"), PEOPLE)
def test_every_person_the_line_names(line: str, people: tuple[str, ...]) -> None:
    classified_by = parse_classified_by(line)
    assert classified_by.people == people
    assert classified_by.person == (people[0] if people else None)


def test_the_cable_lists_everyone_who_classified_it() -> None:
    cable = telegram(
        "CONFIDENTIAL RIYADH 002406\n\nE.O. 12958: DECL: 08/24/15\nTAGS: PREL SA\n"
        "SUBJECT: A SUBJECT\n\nClassified By: Poloff Ruth Anker and DAO Lee Vance for "
        "reasons 1.4 (b, d).\n\n1. (C) Text.\n"
    )
    assert cable.classified_by_all == ("Ruth Anker", "Lee Vance")
    assert telegram("CONFIDENTIAL RIYADH 002406\n\n1. (C) Text.\n").classified_by_all == ()
