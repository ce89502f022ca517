"""The 30 sample cables: metadata against the manifest, header fields and paragraphs as read."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from kg.model import Cable, RawRecord
from kg.parse import parse
from kg.sources import read

HTML = "wikileaks_cablegate_html/cable"


def _parse_all(sample_dir: Path) -> dict[str, Cable]:
    cables: dict[str, Cable] = {}
    for path in sorted(sample_dir.rglob("*")):
        if path.name == "manifest.csv" or not path.is_file():
            continue
        for record in read(path):
            assert isinstance(record, RawRecord), record
            cable = parse(record)
            cables[cable.reference_id] = cable
    return cables


@pytest.fixture(scope="module")
def cables(sample_dir: Path) -> dict[str, Cable]:
    return _parse_all(sample_dir)


def _stamp(text: str) -> datetime:
    for layout in ("%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M"):
        try:
            return datetime.strptime(text, layout)
        except ValueError:
            continue
    raise AssertionError(text)


def test_every_sample_cable_parses(cables: dict[str, Cable]) -> None:
    assert len(cables) == 30


def test_html_metadata_matches_manifest(
    cables: dict[str, Cable], manifest: list[dict[str, str]]
) -> None:
    rows = [r for r in manifest if r["format"] == "wikileaks_cablegate_html"]
    assert len(rows) == 24
    for row in rows:
        cable = cables[row["reference_id"]]
        assert cable.created == _stamp(row["created"]), row["reference_id"]
        assert cable.released == _stamp(row["released"]), row["reference_id"]
        assert cable.classification == row["classification"], row["reference_id"]
        assert cable.origin == row["origin"], row["reference_id"]
        assert cable.provenance.format == "html"


def test_jsonl_metadata_matches_manifest(
    cables: dict[str, Cable], manifest: list[dict[str, str]]
) -> None:
    # The manifest has no reference ID for these rows: the ID comes from the banner and
    # the year (BAGHDAD 000586 of 2004 -> 04BAGHDAD586), read by eye from each body.
    banner_ids = ["04BAGHDAD586", "05BAGHDAD2862", "04BAGHDAD229", "05BAGHDAD2972"]
    rows = [r for r in manifest if r["format"].startswith("mongo_jsonl")]
    for refid, row in zip(banner_ids, rows, strict=True):
        cable = cables[refid]
        assert cable.provenance.format == "jsonl"
        assert cable.created == _stamp(row["created"])
        assert cable.classification == row["classification"]
        assert cable.origin == row["origin"]
        assert cable.released is None


def test_telegrams_derive_metadata_from_banner_and_dtg(cables: dict[str, Cable]) -> None:
    kingston = cables["07KINGSTON382"]
    assert kingston.created == datetime(2007, 3, 19, 15, 58)
    assert kingston.classification == "UNCLASSIFIED"
    assert kingston.origin == "Embassy Kingston"
    paris = cables["09PARIS1052"]
    assert paris.created == datetime(2009, 8, 3, 16, 36)
    assert paris.origin == "Embassy Paris"
    assert paris.classification == "UNCLASSIFIED"


# Subject, TAGS, cited cables and paragraph count per cable, as read from the cables.
EXPECTED = {
    "72TEHRAN5055": (
        "CONTINUING TERRORIST VIOLENCE",
        ("IR", "PTER"),
        ["72TEHRAN4887"],
        4,
    ),
    "03KATHMANDU2366": (
        "NEPAL: AMBASSADOR RELAYS CONCERNS ABOUT ACTIVITIES OF INDIAN INTELLIGENCE AGENTS",
        ("PREL", "PTER", "NP", "IN"),
        ["03KATHMANDU2282", "03KATHMANDU2298"],
        4,
    ),
    "04BRASILIA676": (
        "BRAZIL: AMBASSADOR'S DEMARCHES TO MRE U/S PEDROSA ON HAITI MIF, IRAQ AND UNCHR ISSUES",
        ("PREL", "MARR", "MOPS", "BR", "UNSC"),
        ["04STATE56282", "04STATE56666", "04STATE41252", "04STATE44603", "04BRASILIA616"],
        10,
    ),
    "04THEHAGUE1919": (
        "NETHERLANDS/EU/TURKEY: MOVING IN THE RIGHT DIRECTION",
        ("PREL", "PGOV", "PHUM", "TK", "NL", "EUN"),
        ["04USEUBRUSSELS3226"],
        13,
    ),
    "06SAOPAULO526": (
        "GANG WAGES WAR ON SAO PAULO POLICE",
        ("PGOV", "PHUM", "KCRM", "SOCI", "SNAR", "ASEC", "BR"),
        ["06SAOPAULO42", "05SAOPAULO975", "06SAOPAULO319"],
        14,
    ),
    "08RIGA472": (
        "TFGG01: LATVIAN FM WANTS STRONG NATO AND EU STATEMENTS BUT NOT OPTIMISTIC",
        ("PREL", "MOPS", "ENRG", "NATO", "EUN", "RS", "GG", "LG"),
        ["08STATE856708", "08STATE86108"],
        7,
    ),
    "08STATE100219": (
        "Secretary Rice's 09/16/2008 Meeting with Spanish Ambassador Dezcallar",
        # The person of the person tag is a tag of its own, surname first, as for a name
        # in brackets ("OVIP (STEINBERG, JAMES B.)"); kg.parse.tags.person_tags joins them.
        ("OVIP", "RICE, CONDOLEEZZA", "PREL", "PHSA", "SP", "KV", "CU", "BL", "IS"),
        [],
        12,
    ),
    "09CAIRO2205": (
        "BLIND COPTIC GIRLS' CHOIR USED FOR ALIEN SMUGGLING",
        ("KFRD", "KIRF", "CVIS", "CMGT", "KOCI", "ASEC", "PHUM", "SMIG", "EG"),
        ["09CAIRO2178"],
        5,
    ),
    "09CAIRO1945": (
        "Cooperation and Coordination Busts Fraud Ring",
        ("KFRD", "CVIS", "CMGT", "ASEC", "SMIG", "EG"),
        [],
        6,
    ),
    "09BRASILIA1280": (
        "BRAZIL RESPONSE: UNGA THIRD COMMITTEE PRIORITIES 2009",
        ("UN", "PHUM", "PREL", "BR"),
        ["09STATE109397"],
        9,
    ),
    "10RIYADH184": (
        "TWO FACES OF SAUDI ARABIA’S CLIMATE NEGOTIATING POSITION",
        ("KGHG", "SENV", "EPET", "ENRG", "PREL", "SA"),
        [
            "09DHAHRAN201",
            "09RIYADH1302",
            "09RIYADH1397",
            "09RIYADH1492",
            "09RIYADH1557",
            "09RIYADH1642",
            "10RIYADH103",
            "10STATE3080",
            "10STATE11182",
        ],
        12,
    ),
    "09KABUL3161": (
        "PAKISTANIS AT KANDAHAR BORDER FLAG MEETING -- THE QUETTA SHURA IS A FABRICATION",
        ("PGOV", "PREL", "MOPS", "UK", "AF", "PAK"),
        [],
        8,
    ),
    "09STATE15113": (
        "REQUEST FOR INFORMATION:CRITICAL FOREIGN DEPENDENCIES (CRITICAL INFRASTRUCTURE AND "
        "KEY RESOURCES LOCATED ABROAD)",
        ("PTER", "PGOV", "ASEC", "EFIN", "ENRG", "KCIP"),
        ["09STATE6461"],
        16,
    ),
    "09PARIS1052": (
        "FRANCE - COUNTER TORTURE INITIATIVES",
        ("PHUM", "UN", "FR"),
        ["09STATE70129"],
        5,
    ),
    "07KINGSTON382": (
        "REQUEST FOR HUMAN RIGHTS VETTING FOR US IMET IS 26 MARCH 2007",
        ("PGOV", "PHUM", "JM"),
        [],
        3,
    ),
    "04BAGHDAD586": (
        "SECURITY IN SADR CITY AND BAGHDAD: PROGRESS IS SLOW",
        ("MOPS", "PGOV", "PTER", "PREL", "IZ", "IR"),
        ["04BAGHDAD320"],
        5,
    ),
    "05BAGHDAD2862": (
        "KIRKUK: US, UK ENGAGE KIRKUK ETHNIC GROUPS TO ACHIEVE CONSENSUS GOVERNMENT",
        ("PGOV", "KDEM", "IZ"),
        ["05BAGHDAD2746", "05BAGHDAD2860"],
        14,
    ),
    "05BAGHDAD2972": (
        "PRIME MINISTER PREVIEWS IRAN TRIP, PLEDGES MOVEMENT ON DETAINEES",
        ("PREL", "PTER", "PINS", "ETRD", "IZ", "IRAN", "DETAINEES"),
        [],
        8,
    ),
}


@pytest.mark.parametrize("refid", sorted(EXPECTED))
def test_header_fields_and_paragraph_counts(cables: dict[str, Cable], refid: str) -> None:
    subject, tags, cited, paragraphs = EXPECTED[refid]
    cable = cables[refid]
    assert cable.subject == subject
    assert cable.tags == tags
    assert [r.cable_id for r in cable.references] == cited
    assert len(cable.paragraphs) == paragraphs
    assert [p.index for p in cable.paragraphs] == list(range(paragraphs))


def test_jsonl_references_match_the_id_column(cables: dict[str, Cable]) -> None:
    # The export's _id holds the resolved REF list: our reading of the REF line agrees.
    assert [r.cable_id for r in cables["05BAGHDAD2862"].references] == [
        "05BAGHDAD2746",
        "05BAGHDAD2860",
    ]
    assert cables["05BAGHDAD2862"].reference_text == "Baghdad 2746 Baghdad 2860"


@pytest.mark.parametrize(
    ("refid", "person", "role", "reason"),
    [
        ("04BAGHDAD586", "Robert Ford", "Political Counselor", "1.4 (A) (B) AND (D)"),
        ("04BAGHDAD229", "Ronald E. Neumann", "Pol-Mil Counselor", "1.4 (A) AND (D)"),
        ("05BAGHDAD2972", "David M. Satterfield", "Charge d' Affaires", "1.4 (b) and (d)"),
        ("08RIGA472", "Charles W. Larson, Jr.", "Ambassador", "1.4 (d)"),
        ("03KATHMANDU2366", "Michael E. Malinowski", "Amb.", "1.5 (B,D)"),
        ("05SANAA923", "Nabeel Khoury", "DCM", "1.4 (b) AND (d)"),
        ("09STATE15113", "Susan F. Burk", "S/CT DAS", "1/4 (B), (D), (E), and (G)"),
        ("09BAKU744", "Rob Garverick", "Pol/Econ Counselor", "1.4 (a) and (d)"),
        ("08STATE100219", "Daniel Fried", "EUR A/S", "1.4(b) and (d)"),
        ("10RIYADH184", "James B. Smith", "Ambassador", "1.4 (b) and (d)"),
    ],
)
def test_classified_by(
    cables: dict[str, Cable], refid: str, person: str, role: str, reason: str
) -> None:
    classified_by = cables[refid].classified_by
    assert classified_by is not None
    assert (classified_by.person, classified_by.role, classified_by.reason) == (
        person,
        role,
        reason,
    )


@pytest.mark.parametrize(
    ("refid", "signature"),
    [
        ("08RIGA472", "LARSON"),  # on the last text line
        ("08MANAMA363", "HENZEL"),  # after a row of asterisks
        ("72TEHRAN5055", "FARLAND"),
        ("07KINGSTON382", "JOHNSON"),
        ("09PARIS1052", "PEKALA"),
        ("05QUITO2057", "JEWELL"),  # above a "CABLE ENDS" trailer
        ("04BAGHDAD586", "JEFFREY"),
        ("09BAKU744", "Lu"),
        ("05BAGHDAD2972", "Satterfield"),  # run onto the last sentence, in mixed case
    ],
)
def test_signature(cables: dict[str, Cable], refid: str, signature: str) -> None:
    cable = cables[refid]
    assert cable.signature == signature
    assert not cable.paragraphs[-1].text.endswith(signature)


def test_partial_extracts(cables: dict[str, Cable], manifest: list[dict[str, str]]) -> None:
    for row in manifest:
        if row["h_partial_extract"] in ("True", "False"):
            assert cables[row["reference_id"]].partial is (row["h_partial_extract"] == "True")


def test_truncated_first_copy_is_replaced_by_the_full_text(cables: dict[str, Cable]) -> None:
    hague = cables["04THEHAGUE1919"]
    assert hague.body.startswith("C O N F I D E N T I A L SECTION 01 OF 02 THE HAGUE 001919")
    assert "header ends" not in hague.body
    assert "19303" not in hague.body
    assert hague.paragraphs[0].classification == "C/NF"
    quito = cables["05QUITO2057"]
    assert "header ends" not in quito.body
    assert quito.classified_by is not None
    assert quito.classified_by.person == "Larry L. Memmott"


def test_run_together_header(cables: dict[str, Cable]) -> None:
    riga = cables["08RIGA472"]
    assert riga.declassify_on == "2018-08-12"
    assert [r.label for r in riga.references] == ["A", "B"]
    assert riga.paragraphs[0].number == 1
    assert riga.paragraphs[0].text.startswith("Summary: Latvian FM Riekstins")
    cairo = cables["09CAIRO1945"]
    assert cairo.executive_order == "12958"
    assert cairo.declassify_on is None  # "E.O. 12958: N/A" gives no declassification date


def test_headings(cables: dict[str, Cable]) -> None:
    def headings(refid: str) -> dict[int | None, str]:
        return {p.number: p.heading for p in cables[refid].paragraphs if p.heading}

    assert headings("09PARIS1052") == {
        2: "INTERNATIONAL CONVENTIONS",
        4: "EUROPEAN UNION INITIATIVES",
        5: "NON-GOVERNMENTAL ACTION",
    }
    assert headings("05SANAA923") == {
        1: "Gentlemen, We've Got Him!",
        2: "Now, Where's Our Stuff?",
        3: "Action Request",
    }
    assert headings("09CAIRO1945")[2] == "Greek Suspicions"  # ran onto the previous line
    assert headings("06SAOPAULO526")[3] == "PCC WAGES ALL OUT WAR ON SAO PAULO POLICE"
    assert headings("05BAGHDAD2972")[2] == "Iran Trip: Borders and More"  # collapsed JSON
    assert headings("04BAGHDAD586")[5] == "COMMENT"


def test_paragraph_markings(cables: dict[str, Cable]) -> None:
    assert [p.classification for p in cables["03KATHMANDU2366"].paragraphs][:1] == ["S/NF"]
    assert [p.classification for p in cables["05BAGHDAD2972"].paragraphs][:2] == ["S/NF", "S/NF"]
    assert {p.classification for p in cables["09CAIRO2205"].paragraphs} == {"SBU"}
    assert [p.number for p in cables["05BAGHDAD2972"].paragraphs] == [1, 2, 3, 4, 6, 7, 8, 9]


def test_unnumbered_opening_paragraph(cables: dict[str, Cable]) -> None:
    tehran = cables["72TEHRAN5055"]
    assert tehran.paragraphs[0].number is None
    assert tehran.paragraphs[0].text.startswith("SUMMARY: FOLLOWING ASSASSINATION OF GENERAL")
    assert tehran.paragraphs[0].text.endswith("END SUMMARY")
    assert tehran.declassify_on == "AS AMENDED; DECLASSIFIED JUNE 21, 2006"


def test_telegram_paragraph_marks_and_routing(cables: dict[str, Cable]) -> None:
    paris = cables["09PARIS1052"]
    assert [p.number for p in paris.paragraphs] == [1, 2, 3, 4, 5]
    assert paris.paragraphs[0].text.startswith("SUMMARY: France actively supports")
    assert "\ufffd" not in paris.body
    assert "¶" not in paris.body
    assert "\r" not in paris.body
    routing = paris.routing
    assert routing is not None
    assert routing.station == "RUEHFR"
    assert [a.name for a in routing.info] == ["EUROPEAN POLITICAL COLLECTIVE"]
    assert paris.body.startswith("UNCLAS PARIS 001052")


def test_long_info_list(cables: dict[str, Cable]) -> None:
    routing = cables["09LONDON2649"].routing
    assert routing is not None
    assert len(routing.info) == 19
    assert routing.info[-1].name == "AMCONSUL JERUSALEM"
    assert routing.info[-1].serial == "0334"
    lima = cables["06LIMA1452"].routing
    assert lima is not None
    assert lima.info[-1].name == "CDR USSOUTHCOM MIAMI FL"


def test_redactions_and_caveats_kept(cables: dict[str, Cable]) -> None:
    assert "XXXXXXXXXXXX selection" in cables["08MANAMA363"].paragraphs[0].text
    assert "SIPDIS" not in " ".join(p.text for p in cables["05BAGHDAD2862"].paragraphs)


def test_page_breaks_leave_no_trace(cables: dict[str, Cable]) -> None:
    baku = cables["09BAKU744"]
    assert "against central government policies" in baku.paragraphs[4].text
    assert "alienation. Defying clan elders" in baku.paragraphs[8].text
    for cable in cables.values():
        for paragraph in cable.paragraphs:
            assert not re.search(r"\b0\d{7}\s+\d{3}", paragraph.text), cable.reference_id


def test_list_lines_keep_their_breaks(cables: dict[str, Cable]) -> None:
    participants = cables["08STATE100219"].paragraphs[2].text
    assert participants.startswith("Participants:\nU.S.\nThe Secretary\nEUR A/DAS Nerissa Cook\n")
    assert "\nAmbassador Jorge Dezcallar\nDCM Jose Pascual Marco" in participants
    bullets = cables["06LIMA1452"].paragraphs[1].text.split("\n")
    assert bullets[0] == "According to del Castillo:"
    assert all(line.startswith("-- ") for line in bullets[1:])
    # Wrapped prose stays one line, also where the page header cut a line in two.
    assert "\n" not in cables["09BAKU744"].paragraphs[4].text
    for cable in cables.values():
        for paragraph in cable.paragraphs:
            assert "\n\n" not in paragraph.text
            assert paragraph.text == paragraph.text.strip()
