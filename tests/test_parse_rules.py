"""Genre rules on small cables written for the purpose: headers, references, IDs, dirt."""

from __future__ import annotations

from datetime import datetime

import pytest

from kg.errors import RecordError
from kg.model import Cable, RawRecord
from kg.parse import canonical_reference_id, cite, parse
from kg.parse.classified_by import parse_classified_by
from kg.parse.clean import clean_text
from kg.parse.references import parse_references
from kg.parse.routing import origin_from_sender, parse_address
from kg.parse.tags import split_tags

ROUTING = """VZCZCXRO1234
OO RUEHDBU
DE RUEHBJ #2963/01 2451020
ZNY SSSSS ZZH
O 021020Z SEP 08
FM AMEMBASSY BEIJING
TO RUEHC/SECSTATE WASHDC IMMEDIATE 0001
INFO RUEHOO/CHINA POSTS COLLECTIVE PRIORITY
RUEHUL/AMEMBASSY SEOUL PRIORITY 0002
"""


def telegram(body: str, routing: str = ROUTING) -> Cable:
    text = (routing + body).replace("\n", "\r\n")
    return parse(RawRecord("test.txt", 1, "telegram", text, line=1))


def test_lower_case_header_and_person_tag() -> None:
    cable = telegram(
        """S e c r e t section 01 of 02 beijing 002963

SIPDIS

e.o. 12958: decl: 09/02/2033
Tags: prel, pgov, ch, OVIP (STEINBERG, JAMES B.)
Subject: deputy secretary steinberg's
meeting with fm yang

Classified By: Ambassador Clark T. Randt, Jr. Reasons 1.4 (b) and (d).

1. (S) Summary text.
2. (S//NF) More text.

RANDT
"""
    )
    assert cable.reference_id == "08BEIJING2963"
    assert cable.classification == "SECRET"
    assert cable.origin == "Embassy Beijing"
    assert cable.banner == "S e c r e t section 01 of 02 beijing 002963"
    assert cable.tags == ("PREL", "PGOV", "CH", "OVIP", "STEINBERG, JAMES B.")
    assert cable.subject == "deputy secretary steinberg's meeting with fm yang"
    assert cable.declassify_on == "2033-09-02"
    assert [p.classification for p in cable.paragraphs] == ["S", "S//NF"]
    assert cable.signature == "RANDT"
    assert cable.created == datetime(2008, 9, 2, 10, 20)
    assert cable.routing is not None
    assert cable.routing.info[1].name == "AMEMBASSY SEOUL"


def test_several_ref_blocks_and_ref_forms() -> None:
    cable = telegram(
        """C O N F I D E N T I A L BEIJING 002963

E.O. 12958: DECL: 09/02/2018
TAGS: PREL
SUBJECT: REFS GALORE

REF: A. STATE 15283
     B. 07 MOSCOW 627

REF: C) 07MOSCOW628 D) USUN 123

1. (C) Text.
"""
    )
    assert [(r.label, r.cable_id) for r in cable.references] == [
        ("A", "08STATE15283"),
        ("B", "07MOSCOW627"),
        ("C", "07MOSCOW628"),
        ("D", "08USUNNEWYORK123"),
    ]
    assert cable.reference_text == "A. STATE 15283 B. 07 MOSCOW 627\nC) 07MOSCOW628 D) USUN 123"


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("STATE 15283", 2007, "07STATE15283"),
        ("08 STATE 1234", 2009, "08STATE1234"),
        ("07MOSCOW627", 2009, "07MOSCOW627"),
        ("SECSTATE 109397", 2009, "09STATE109397"),
        ("DEPTEL 112345", 1974, "74STATE112345"),
        ("SAO PAULO 0042", 2006, "06SAOPAULO42"),
        ("Baghdad 0320", 2004, "04BAGHDAD320"),
        ("IIR 6906012405", 2005, None),
        ("MEMCON OF 2 MAY", 2005, None),
        ("STATE 15283", None, None),
    ],
)
def test_cite(text: str, year: int | None, expected: str | None) -> None:
    assert cite(text, year=year) == expected


def test_ref_items_labelled_in_every_style() -> None:
    refs = parse_references("A) STATE 1 (B) STATE 2; C. STATE 3", year=2008)
    assert [(r.label, r.text, r.cable_id) for r in refs] == [
        ("A", "STATE 1", "08STATE1"),
        ("B", "STATE 2", "08STATE2"),
        ("C", "STATE 3", "08STATE3"),
    ]


@pytest.mark.parametrize(
    ("raw", "banner", "expected"),
    [
        ("08ECTION01OF02MANAMA492", "08MANAMA492", "08MANAMA492"),
        ("08SECTION01OF02MANAMA492", None, "08MANAMA492"),
        ("07 moscow 0628", None, "07MOSCOW628"),
        ("", "07MOSCOW628", "07MOSCOW628"),
        ("not an id", None, None),
        ("09STATE15113", "09STATE15113", "09STATE15113"),
    ],
)
def test_canonical_reference_id(raw: str, banner: str | None, expected: str | None) -> None:
    assert canonical_reference_id(raw, banner_id=banner) == expected


def test_malformed_id_repaired_from_banner() -> None:
    record = RawRecord(
        "x.csv",
        3,
        "csv",
        "",
        fields={
            "reference_id": "08ECTION01OF02MANAMA492",
            "created": "6/4/2008 13:01",
            "body": "C O N F I D E N T I A L SECTION 01 OF 02 MANAMA 000492\n\n1. (C) Text.\n",
            "header": "",
        },
    )
    assert parse(record).reference_id == "08MANAMA492"


def test_raw_telegram_without_table_derives_everything() -> None:
    cable = telegram(
        """UNCLAS SECTION 01 OF 02 GENEVA 000100

SENSITIVE
SIPDIS

E.0. 12598: N/A
TAGS: PHUM

SUBJECT: E.O. TYPOS
\x20
\ufffd1. (SBU) First.

\ufffd2. (U) Second.
""",
        routing="""R 010101Z JAN 09
FM USMISSION GENEVA
TO SECSTATE WASHDC 1
""",
    )
    assert cable.reference_id == "09GENEVA100"
    assert cable.origin == "US Mission Geneva"  # as the release names it
    assert cable.classification == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    assert cable.executive_order == "12598"
    assert cable.declassify_on is None  # "E.O. 12598: N/A": the order does not apply
    assert [p.number for p in cable.paragraphs] == [1, 2]
    assert cable.paragraphs[0].text == "First."


@pytest.mark.parametrize(
    ("sender", "origin"),
    [
        ("AMEMBASSY KINGSTON", "Embassy Kingston"),
        ("SECSTATE WASHDC", "Secretary of State"),
        ("AMCONSUL SAO PAULO", "Consulate Sao Paulo"),
        ("USMISSION USUN NEW YORK", "USUN New York"),
        ("USMISSION USNATO", "Mission USNATO"),
        ("USMISSION OSCE VIENNA", "Mission OSCE Vienna"),
        ("USINT HAVANA", "US Interests Section Havana"),
        ("AMEMBASSY DAR ES SALAAM", "Embassy Dar Es Salaam"),
        ("AIT TAIPEI", "American Institute Taiwan, Taipei"),
        ("REO BASRAH", "REO Basrah"),
        ("AMEMBASSY THE HAGUE", "Embassy The Hague"),
        ("CDR USSOUTHCOM MIAMI FL", None),
    ],
)
def test_origin_from_sender(sender: str, origin: str | None) -> None:
    assert origin_from_sender(parse_address(sender)) == origin


def test_address_parts() -> None:
    address = parse_address("RUEHLI/AMEMBASSY LISBON IMMEDIATE 0208")
    assert address is not None
    assert (address.indicator, address.name, address.precedence, address.serial) == (
        "RUEHLI",
        "AMEMBASSY LISBON",
        "IMMEDIATE",
        "0208",
    )


def test_split_words_joined_but_real_short_words_kept() -> None:
    text = clean_text(
        "the d\noor was open, S\nerbian, and a\nman said I\nthink so; go to\nthe office"
    )
    assert text == "the door was open, Serbian, and a\nman said I\nthink so; go to\nthe office"


def test_entity_split_over_lines_and_page_breaks() -> None:
    text = clean_text(
        "He &#x000A\n;emphasized it &amp; more.\nso the\n \nMOSCOW 00000627  003 OF 004\n"
        " \n \nstory goes on.\n"
    )
    # The line the page header cut in two is one line again.
    assert text == "He\nemphasized it & more.\nso the story goes on."


def test_repeated_sipdis_and_crlf() -> None:
    assert clean_text("A\r\n\r\nSIPDIS\r\n\r\nSIPDIS\r\n\r\nB and SIPDIS C\r\n") == (
        "A\n\nSIPDIS\n\nB and C"
    )


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("PREL, PGOV RS", ("PREL", "PGOV", "RS")),
        ("prel, pgov", ("PREL", "PGOV")),
        ("KFRDKIRFCVISCMGTKOCIASECPHUMSMIGEG", None),
        (
            "PINR PREL PTER YE COUNTER TERRORISM",
            ("PINR", "PREL", "PTER", "YE", "COUNTERTERRORISM"),
        ),
        ("OVIP (STEINBERG, JAMES B.) PREL", ("OVIP", "STEINBERG, JAMES B.", "PREL")),
    ],
)
def test_split_tags(text: str, tags: tuple[str, ...] | None) -> None:
    if tags is None:
        assert split_tags(text) == (
            "KFRD", "KIRF", "CVIS", "CMGT", "KOCI", "ASEC", "PHUM", "SMIG", "EG",
        )  # fmt: skip
    else:
        assert split_tags(text) == tags


@pytest.mark.parametrize(
    ("text", "person", "role", "reason"),
    [
        (
            "Classified By: Ambassador William J. Burns: 1.4 (b, d).",
            "William J. Burns",
            "Ambassador",
            "1.4 (b, d)",
        ),
        (
            "PolMilCouns Alice G. Wells.  Reason:  1.4 (b, d)",
            "Alice G. Wells",
            "PolMilCouns",
            "1.4 (b, d)",
        ),
        (
            "CLASSIFIED BY POLITICAL COUNSELOR ROBERT FORD FOR REASONS 1.4 (A) (B) AND (D)",
            "Robert Ford",
            "Political Counselor",
            "1.4 (A) (B) AND (D)",
        ),
        (
            "Classified By: Deputy Chief of Mission Jonathan R. Cohen for reasons 1.4 (b,d)",
            "Jonathan R. Cohen",
            "Deputy Chief of Mission",
            "1.4 (b,d)",
        ),
    ],
)
def test_classified_by_forms(text: str, person: str, role: str, reason: str) -> None:
    classified_by = parse_classified_by(text)
    assert (classified_by.person, classified_by.role, classified_by.reason) == (
        person,
        role,
        reason,
    )


def test_numbered_lists_inside_a_paragraph_stay_there() -> None:
    cable = telegram(
        """UNCLAS BEIJING 002963

SUBJECT: LISTS

1. Post proposes:
1. first item;
2. second item.

2. Second paragraph.

3. Third paragraph.
"""
    )
    assert [p.number for p in cable.paragraphs] == [1, 2, 3]
    assert cable.paragraphs[0].text == "Post proposes:\n1. first item;\n2. second item."


def test_collapsed_body_from_a_json_export() -> None:
    body = (
        "C O N F I D E N T I A L  KABUL 000100  SIPDIS  E.O. 12958: DECL: 01/01/2019 "
        "TAGS: PREL, AF SUBJECT: A  TWO-LINE SUBJECT  REF: KABUL 99  Classified By: "
        "Ambassador Karl Eikenberry for reasons 1.4 (b) and (d)  1.  (C) SUMMARY. One.  "
        "Two.  END SUMMARY.  ------- COMMENT -------  2.  (C) Three.   EIKENBERRY "
    )
    record = RawRecord(
        "k.jsonl",
        1,
        "jsonl",
        "{}",
        line=1,
        fields={"body": body, "created": "1/2/2009 10:00", "classification": "CONFIDENTIAL"},
    )
    cable = parse(record)
    assert cable.reference_id == "09KABUL100"
    assert cable.subject == "A TWO-LINE SUBJECT"
    assert [r.cable_id for r in cable.references] == ["09KABUL99"]
    assert [(p.number, p.heading) for p in cable.paragraphs] == [(1, None), (2, "COMMENT")]
    assert cable.paragraphs[0].text == "SUMMARY. One. Two. END SUMMARY."
    assert cable.signature == "EIKENBERRY"


def test_errors_name_the_record_and_a_way_out() -> None:
    empty = RawRecord("dump.csv", 12, "csv", "", line=40, fields={"body": "  \n", "header": ""})
    with pytest.raises(RecordError, match=r"dump\.csv, record 12, line 40: empty body") as caught:
        parse(empty)
    assert caught.value.hint
    anonymous = RawRecord("t.txt", 1, "telegram", "Some words without a banner.\n")
    with pytest.raises(RecordError, match="no reference ID") as caught:
        parse(anonymous)
    assert caught.value.hint is not None
    assert "banner" in caught.value.hint


def _csv_record(header: str, body: str, **fields: str) -> RawRecord:
    return RawRecord(
        "cables.csv", 1, "csv", body, line=1, fields={**fields, "header": header, "body": body}
    )


def test_older_telegram_with_page_headers() -> None:
    cable = parse(
        _csv_record(
            "R 281848Z DEC 73\nFM AMEMBASSY MOSCOW\nTO SECSTATE WASHDC 1603\nINFO AMEMBASSY TEHRAN",
            """LIMITED OFFICIAL USE MOSCOW 15603

E.O. 11652: N/A
TAGS: PFOR, UR, IR
SUBJECT: SOVIET VIEW OF IRANIAN GAS DEAL

REF: A. MOSCOW 15102; B. TEHRAN 8231

1. SUMMARY: SOVIET PRESS COVERAGE OF THE IRANIAN GAS AGREEMENT HAS BEEN
MUTED. END SUMMARY.

2. TASS ON DECEMBER 27 CARRIED A SHORT ITEM ON THE

PAGE 02 MOSCOW 15603 281901Z

AGREEMENT. IT QUOTED NO OFFICIALS.

3. COMMENT: WE EXPECT MORE COVERAGE. END COMMENT.
STOESSEL
""",
            created="12/28/1973 18:48",
            classification="LIMITED OFFICIAL USE",
            origin="Embassy Moscow",
        )
    )
    assert cable.reference_id == "73MOSCOW15603"
    assert (cable.executive_order, cable.declassify_on) == ("11652", None)  # N/A: no date
    assert cable.tags == ("PFOR", "UR", "IR")
    assert [(r.label, r.cable_id) for r in cable.references] == [
        ("A", "73MOSCOW15102"),
        ("B", "73TEHRAN8231"),
    ]
    assert [p.number for p in cable.paragraphs] == [1, 2, 3]
    assert cable.paragraphs[1].text == (
        "TASS ON DECEMBER 27 CARRIED A SHORT ITEM ON THE AGREEMENT. IT QUOTED NO OFFICIALS."
    )
    assert cable.signature == "STOESSEL"
    assert cable.routing is not None
    assert cable.routing.sent is not None
    assert cable.routing.sent.year == 1973


def test_body_without_header_fields_or_numbers() -> None:
    cable = parse(
        _csv_record(
            "",
            "UNCLAS ROME 000123\n\nSIPDIS\n\nA FIRST PARAGRAPH OF TEXT THAT RUNS\n"
            "OVER TWO LINES.\n\nA second one.\n\nSPOGLI\n",
            created="1/5/2008 10:00",
        )
    )
    assert cable.reference_id == "08ROME123"
    assert [p.text for p in cable.paragraphs] == [
        "A FIRST PARAGRAPH OF TEXT THAT RUNS OVER TWO LINES.",
        "A second one.",
    ]
    assert [p.number for p in cable.paragraphs] == [None, None]
    assert cable.signature == "SPOGLI"


def test_later_section_banner_is_dropped_not_taken_for_a_restart() -> None:
    cable = telegram(
        """C O N F I D E N T I A L SECTION 01 OF 02 BEIJING 002963

E.O. 12958: DECL: 09/02/2018
TAGS: PREL
SUBJECT: SECTIONS

1. (C) He paused...

C O N F I D E N T I A L SECTION 02 OF 02 BEIJING 002963

and went on.

2. (C) Second.
"""
    )
    assert [p.text for p in cable.paragraphs] == ["He paused... and went on.", "Second."]
    assert cable.subject == "SECTIONS"


def test_banner_caveat_tags_on_next_line_and_subj() -> None:
    body = """SECRET//NOFORN STATE 012345

E.O. 12958: DECL: 25X1
TAGS:
PREL, PGOV,
IZ
SUBJ: SOMETHING
ON TWO LINES
REF: (A) STATE 1 (B) BAGHDAD 2
Classified By: NEA A/S David Welch,
reasons 1.4 (b) and (d).

1. (S/NF) Text one.

2. (C-NF) Text two.

RICE
"""
    cable = parse(
        _csv_record(
            "O 010101Z JAN 08\nFM SECSTATE WASHDC\nTO ALL DIPLOMATIC POSTS COLLECTIVE IMMEDIATE",
            body,
            created="1/1/2008 01:01",
        )
    )
    assert cable.reference_id == "08STATE12345"
    assert cable.classification == "SECRET//NOFORN"
    assert cable.origin == "Secretary of State"
    assert cable.declassify_on == "25X1"
    assert cable.tags == ("PREL", "PGOV", "IZ")
    assert cable.subject == "SOMETHING ON TWO LINES"
    assert [r.cable_id for r in cable.references] == ["08STATE1", "08BAGHDAD2"]
    assert cable.classified_by is not None
    assert (cable.classified_by.person, cable.classified_by.role) == ("David Welch", "NEA A/S")
    assert [p.classification for p in cable.paragraphs] == ["S/NF", "C-NF"]
    assert cable.signature == "RICE"


def test_split_words_spare_acronyms_and_labels() -> None:
    text = clean_text("talks in Washington DC\nand Moscow under Plan B\nand beyond, S\nerbian")
    assert text == "talks in Washington DC\nand Moscow under Plan B\nand beyond, Serbian"


def test_headings_without_rules() -> None:
    cable = telegram(
        """UNCLAS BEIJING 002963

SUBJECT: HEADINGS

1. (U) Opening.

Background

2. (U) The past.

NEXT STEPS:

3. (U) The future.
Participants:

Smith

4. (U) End.
"""
    )
    assert [(p.number, p.heading) for p in cable.paragraphs] == [
        (1, None),
        (2, "Background"),
        (3, "NEXT STEPS"),
        (4, None),
    ]
    assert cable.paragraphs[2].text == "The future. Participants:\nSmith"


def test_references_column_when_the_body_names_none() -> None:
    cable = parse(
        _csv_record(
            "",
            "UNCLAS ROME 000123\n\nSUBJECT: NO REF LINE\n\n1. As reported septel.\n",
            created="1/5/2008 10:00",
            references="07ROME99|08STATE5",
        )
    )
    assert [(r.text, r.cable_id) for r in cable.references] == [
        ("07ROME99", "07ROME99"),
        ("08STATE5", "08STATE5"),
    ]


ATHENS_ROUTING = """VZCZCXRO1234
DE RUEHAT #0512/01 1231020
O 031020Z MAY 09
FM AMEMBASSY ATHENS
TO RUEHC/SECSTATE WASHDC IMMEDIATE 0001
"""


@pytest.mark.parametrize(
    ("labels", "signature"),
    [
        (("e.o.", "decl:", "tags:", "subject:", "ref:", "classified by:"), "argyros"),
        (("E.o.", "Decl:", "Tags:", "Subject:", "Ref:", "Classified by:"), "Argyros"),
        (("E.O.", "DECL:", "TAGS:", "SUBJECT:", "REF:", "CLASSIFIED BY:"), "ARGYROS"),
        (("e.O.", "dEcL:", "tAgS:", "SuBjEcT:", "rEf:", "cLaSsIfIeD bY:"), "argyros"),
    ],
)
def test_header_labels_and_signature_in_any_case(labels: tuple[str, ...], signature: str) -> None:
    eo, decl, tags, subject, ref, classified = labels
    cable = telegram(
        f"""c o n f i d e n t i a l athens 000512

sipdis

{eo} 12958: {decl} 05/03/2019
{tags} prel, pgov, gr
{subject} foreign minister on cyprus talks

{ref} a. athens 498 b. state 41252

{classified} ambassador daniel v. speckhard. reasons 1.4 (b) and (d).

1. (c) the foreign minister said the talks would resume.

2. (c) she added nothing more.

{signature}
""",
        routing=ATHENS_ROUTING,
    )
    assert cable.reference_id == "09ATHENS512"
    assert cable.executive_order == "12958"
    assert cable.declassify_on == "2019-05-03"
    assert cable.tags == ("PREL", "PGOV", "GR")
    assert cable.subject == "foreign minister on cyprus talks"
    assert [r.cable_id for r in cable.references] == ["09ATHENS498", "09STATE41252"]
    assert [r.label for r in cable.references] == ["A", "B"]
    assert cable.classified_by is not None
    assert cable.classified_by.person == "Daniel V. Speckhard"
    assert cable.classified_by.reason == "1.4 (b) and (d)"
    assert cable.signature == signature
    assert cable.paragraphs[-1].text == "she added nothing more."


@pytest.mark.parametrize(
    ("tail", "signature", "last"),
    [
        ("she added nothing more.\nargyros", "argyros", "she added nothing more."),
        ("she added nothing more.\n\nBurns", "Burns", "she added nothing more."),
        # A word wrapped off an unfinished sentence, or a common word, is no signature.
        ("she said the talks would\nresume", None, "she said the talks would resume"),
        ("she added nothing more.\n\nthanks", None, "she added nothing more. thanks"),
    ],
)
def test_one_word_signature(tail: str, signature: str | None, last: str) -> None:
    cable = telegram(
        f"""CONFIDENTIAL ATHENS 000512

E.O. 12958: DECL: 05/03/2019
TAGS: PREL
SUBJECT: TALKS

1. (C) The talks resume.

2. (C) {tail}
""",
        routing=ATHENS_ROUTING,
    )
    assert cable.signature == signature
    assert cable.paragraphs[-1].text == last


def test_a_tags_code_is_not_glued_to_a_lower_case_label_under_it() -> None:
    lines = clean_text("tags: prel, gr\nsubject: talks\nthe d\noor").split("\n")
    assert lines == ["tags: prel, gr", "subject: talks", "the door"]


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        # On a line of its own, in any case, the sentence it cut going on.
        (
            "against central\n\nBaku 00000744 002 of 003\n\n\ngovernment policies",
            "against central government policies",
        ),
        # Run into the text by a converter that lost the lines.
        (
            "against central BAKU 00000744 002 of 003 government policies",
            "against central government policies",
        ),
        (
            "against central baku 00000744 002 OF 003 government policies",
            "against central government policies",
        ),
        ("at least  SAO PAULO 00000526  002 OF 004  four of them", "at least four of them"),
        ("End Summary.  KABUL 00003161 001.2 OF 002", "End Summary."),
        # Numbers that are no page header stay.
        (
            "the vote was 00012 1 of 3 and 2009 002 of 003 remain",
            "the vote was 00012 1 of 3 and 2009 002 of 003 remain",
        ),
        ("IIR 6906012405 002 of 003", "IIR 6906012405 002 of 003"),
    ],
)
def test_page_breaks_go_wherever_they_stand(text: str, cleaned: str) -> None:
    assert clean_text(text) == cleaned


def test_page_break_inside_a_collapsed_paragraph() -> None:
    body = (
        "C O N F I D E N T I A L  BAKU 000744  E.O. 12958: DECL: 09/16/2019  TAGS: PGOV, IR  "
        "SUBJECT: LORDS OF THE MOUNTAINS  1.  (C) Armed resistance against central  "
        "BAKU 00000744  002 OF 003    government policies lasted.  2.  (C) More.  LU"
    )
    record = RawRecord(
        "b.jsonl", 1, "jsonl", "{}", line=1, fields={"body": body, "created": "9/18/2009 6:32"}
    )
    cable = parse(record)
    assert (
        cable.paragraphs[0].text == "Armed resistance against central government policies lasted."
    )


JSON_BODY = "C O N F I D E N T I A L  BAGHDAD 000100  SUBJECT: X  1.  (C) Text.  KHALILZAD"


@pytest.mark.parametrize("stated", ["not a date", "13/45/2009", "2009"])
def test_a_json_record_with_a_bad_date_says_so(stated: str) -> None:
    record = RawRecord(
        "b.jsonl", 3, "jsonl", "{}", line=7, fields={"body": JSON_BODY, "created": stated}
    )
    with pytest.raises(RecordError) as caught:
        parse(record)
    assert str(caught.value).startswith(
        f"b.jsonl, record 3, line 7: date_time '{stated}' is not M/D/YYYY H:MM"
    )
    assert "reference" not in str(caught.value)
    assert caught.value.hint


def test_a_json_record_with_a_good_date_gets_its_id_from_it() -> None:
    record = RawRecord(
        "b.jsonl", 3, "jsonl", "{}", line=7, fields={"body": JSON_BODY, "created": "1/2/2009 10:00"}
    )
    assert parse(record).reference_id == "09BAGHDAD100"


def test_a_csv_row_with_a_bad_date_falls_back_on_the_date_time_group() -> None:
    cable = parse(
        _csv_record(
            "R 281848Z DEC 73\nFM AMEMBASSY MOSCOW\nTO SECSTATE WASHDC 1603",
            "UNCLASSIFIED MOSCOW 15603\n\nSUBJECT: X\n\n1. TEXT.\n",
            created="12/45/1973 18:48",
        )
    )
    assert cable.reference_id == "73MOSCOW15603"
    assert cable.created == datetime(1973, 12, 28, 18, 48)
    with pytest.raises(RecordError, match=r"date '12/45/1973 18:48' is not M/D/YYYY H:MM"):
        parse(_csv_record("", "Some words. 1. More words.\n", created="12/45/1973 18:48"))


@pytest.mark.parametrize("stated", ["garbage!!", "MOSCOW", "7/2/2009"])
def test_a_csv_row_with_a_garbage_reference_id_says_so(stated: str) -> None:
    record = _csv_record(
        "", "Some words without a banner.\n\n1. More words.\n", reference_id=stated
    )
    with pytest.raises(RecordError) as caught:
        parse(record)
    assert f"reference_id '{stated}' is not a valid reference ID" in str(caught.value)
    assert "no reference_id field" not in str(caught.value)
    assert caught.value.hint is not None
    assert "07MOSCOW628" in caught.value.hint


CUT_HEADER = """CONFIDENTIAL SECTION 01 OF 03 ATHENS 000512

E.O. 12958: DECL: 05/03/2019
TAGS: PREL
SUBJECT: TALKS

1. (C) The talks resume.
"""


@pytest.mark.parametrize(
    ("body", "partial"),
    [
        # The header stops at E.O.: no paragraphs at all.
        (
            "CONFIDENTIAL SECTION 01 OF 03 ATHENS 000512\n\nSIPDIS\n\n"
            "E.O. 12958: DECL: 05/03/2019\n",
            True,
        ),
        (
            "CONFIDENTIAL ATHENS 000512\n\nE.O. 12958: DECL: 05/03/2019\nTAGS: PREL\nSUBJECT: X\n",
            True,
        ),
        # The first of three sections, broken off mid-sentence, unsigned.
        (CUT_HEADER + "\n2. (C) The minister said that the\ngovernment would consider", True),
        (CUT_HEADER + "\n2. (C) The minister said that the\ngovernment would,", True),
        # All three sections there: the page headers say so.
        (
            CUT_HEADER + "\n2. (C) The minister said that the\ngovernment would consider\n\n"
            "ATHENS 00000512 002 OF 003\n\nthe offer.\n\n3. (C) And\n\n"
            "ATHENS 00000512 003 OF 003\n\nthen more",
            False,
        ),
        # Signed, or ending a sentence or a list: complete as far as the text tells.
        (CUT_HEADER + "\n2. (C) The minister agreed.\n", False),
        (
            CUT_HEADER + "\n2. (C) The minister said that the\ngovernment would\n\nSPECKHARD\n",
            False,
        ),
        (CUT_HEADER + "\n2. (U) Participants:\nGovernor Ali Mustafa (independent)\n", False),
        # One section only: a sentence without its stop is no sign of a cut.
        ("CONFIDENTIAL ATHENS 000512\n\nSUBJECT: TALKS\n\n1. (C) The talks resume on", False),
    ],
)
def test_records_cut_short_are_partial(body: str, partial: bool) -> None:
    cable = telegram(body, routing=ATHENS_ROUTING)
    assert cable.partial is partial
    assert cable.reference_id == "09ATHENS512"


def test_a_collapsed_first_section_cut_short_is_partial() -> None:
    body = (
        "C O N F I D E N T I A L SECTION 01 OF 02 BAGHDAD 000100  E.O. 12958: DECL: 01/01/2015  "
        "TAGS: PREL, IZ  SUBJECT: SUNNI VIEWS  1.  (C) Summary.  2.  (C) Haddad said that the "
        "Sunnis could not envision an alliance with the"
    )
    record = RawRecord(
        "b.jsonl", 1, "jsonl", "{}", line=1, fields={"body": body, "created": "7/21/2005 10:00"}
    )
    cable = parse(record)
    assert cable.partial
    assert len(cable.paragraphs) == 2


def test_a_banner_alone_is_still_an_error() -> None:
    with pytest.raises(RecordError, match="no text under the header"):
        telegram("CONFIDENTIAL ATHENS 000512\n\nSIPDIS\n", routing=ATHENS_ROUTING)


MEMCON = """CONFIDENTIAL ROME 000412

E.O. 12958: DECL: 04/10/2019
TAGS: PREL, MARR, IT
SUBJECT: DEFENSE MINISTER ON AFGHANISTAN

1. (C) Summary: Defense Minister La Russa told the Ambassador on
April 8 that Italy would send more trainers to Afghanistan and
keep its troops in Herat through the elections, but that the
government needed a clear signal from Washington on the civilian
surge. Ambassador Ronald P. Spogli welcomed the commitment. End
Summary.

2. (U) Participants:
U.S.:
Ambassador Ronald P. Spogli
DCM Elizabeth Dibble
Italy:
Minister of Defense Ignazio La Russa
Gen. Vincenzo Camporini, Chief of Defense Staff

3. (C) La Russa said the cabinet had approved the plan and that
the parliament would vote on the funding in May. He listed the
units:
-- two training teams for the Afghan army;
-- one carabinieri unit for the police academy in Adraskan.
He added that Camporini would brief NATO partners in Brussels
next week on the timing of the deployment and the caveats.

4. (C) The Ambassador thanked La Russa.
The delegation's schedule:
Name              Office              Date
Dibble            DCM                 April 9
Spogli            Ambassador          April 10

SPOGLI
"""


def test_list_lines_keep_their_breaks_and_prose_runs_on() -> None:
    cable = telegram(MEMCON)
    summary, participants, units, schedule = (p.text for p in cable.paragraphs)
    # Wrapped prose is one line, a name wrapped across lines included.
    assert "\n" not in summary
    assert "End Summary." in summary
    assert participants == (
        "Participants:\nU.S.:\nAmbassador Ronald P. Spogli\nDCM Elizabeth Dibble\nItaly:\n"
        "Minister of Defense Ignazio La Russa\nGen. Vincenzo Camporini, Chief of Defense Staff"
    )
    assert units == (
        "La Russa said the cabinet had approved the plan and that the parliament would vote"
        " on the funding in May. He listed the units:\n"
        "-- two training teams for the Afghan army;\n"
        "-- one carabinieri unit for the police academy in Adraskan.\n"
        "He added that Camporini would brief NATO partners in Brussels next week on the"
        " timing of the deployment and the caveats."
    )
    assert schedule.split("\n") == [
        "The Ambassador thanked La Russa.",
        "The delegation's schedule:",
        "Name Office Date",
        "Dibble DCM April 9",
        "Spogli Ambassador April 10",
    ]
    assert cable.signature == "SPOGLI"


def test_a_short_line_or_two_inside_prose_is_no_list() -> None:
    # A mirror's edits leave a line short here and there; the sentence runs on.
    cable = telegram(
        """CONFIDENTIAL ROME 000412

SUBJECT: TALKS

1. (C) Kosachev concluded that Kosovo was a zero-sum game,
whereby the United
States would "win" independence for
Kosovo, while Russia was supposed to "lose" in its efforts to
defend the rights of Serbs, Abkhaz, South Ossetians, and the
Transdnistrians. The Ambassador underscored the international
understanding of the possible implications of Kosovo on the
frozen conflicts, but stressed that there were ways to address
"""
        + "Russian concerns in the drafting of the UNSCR resolution.\n"
    )
    assert "\n" not in cable.paragraphs[0].text
    assert "whereby the United States would" in cable.paragraphs[0].text


def test_collapsed_paragraphs_get_no_breaks_back() -> None:
    body = (
        "C O N F I D E N T I A L  ROME 000412  E.O. 12958: DECL: 04/10/2019  TAGS: PREL  "
        "SUBJECT: TALKS  1.  (C) Summary.  2.  (U) Participants:  U.S.:  Ambassador Ronald "
        "P. Spogli  DCM Elizabeth Dibble  Italy:  Minister Ignazio La Russa.  SPOGLI"
    )
    record = RawRecord(
        "r.jsonl", 1, "jsonl", "{}", line=1, fields={"body": body, "created": "4/10/2009 9:00"}
    )
    cable = parse(record)
    assert cable.paragraphs[1].text == (
        "Participants: U.S.: Ambassador Ronald P. Spogli DCM Elizabeth Dibble Italy: "
        "Minister Ignazio La Russa."
    )
