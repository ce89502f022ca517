"""The archive page the project started from: four Moscow cables of 2007-02-13."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from kg.model import Cable, RawRecord
from kg.parse import parse
from kg.sources import read


@pytest.fixture(scope="module")
def cables(seed_path: Path) -> dict[str, Cable]:
    records = list(read(seed_path))
    assert all(isinstance(r, RawRecord) for r in records)
    return {c.reference_id: c for c in (parse(r) for r in records if isinstance(r, RawRecord))}


def test_four_cables_in_page_order(seed_path: Path) -> None:
    records = [r for r in read(seed_path) if isinstance(r, RawRecord)]
    assert [parse(r).reference_id for r in records] == [
        "07MOSCOW629",
        "07MOSCOW628",
        "07MOSCOW627",
        "07MOSCOW626",
    ]
    assert [r.position for r in records] == [1, 2, 3, 4]
    assert all(r.format == "archive" for r in records)
    assert records[0].line == 3


@pytest.mark.parametrize(
    ("refid", "created", "tags", "paragraphs"),
    [
        ("07MOSCOW629", datetime(2007, 2, 13, 14, 45), ("PREL", "RS"), 3),
        ("07MOSCOW628", datetime(2007, 2, 13, 14, 39), ("PREL", "PGOV", "RS"), 16),
        ("07MOSCOW627", datetime(2007, 2, 13, 14, 15), ("PREL", "PGOV", "RS"), 22),
        (
            "07MOSCOW626",
            datetime(2007, 2, 13, 13, 47),
            ("PREL", "MARR", "MOPS", "MD", "GG", "RS"),
            3,
        ),
    ],
)
def test_metadata(
    cables: dict[str, Cable], refid: str, created: datetime, tags: tuple[str, ...], paragraphs: int
) -> None:
    cable = cables[refid]
    assert cable.created == created
    assert cable.released == datetime(2011, 8, 30, 1, 44)
    assert cable.classification == "CONFIDENTIAL"
    assert cable.origin == "Embassy Moscow"
    assert cable.tags == tags
    assert len(cable.paragraphs) == paragraphs
    assert [p.number for p in cable.paragraphs] == list(range(1, paragraphs + 1))
    assert [p.index for p in cable.paragraphs] == list(range(paragraphs))
    assert cable.signature == "BURNS"
    assert cable.executive_order == "12958"
    assert cable.provenance.format == "archive"


def test_multi_line_subjects(cables: dict[str, Cable]) -> None:
    assert cables["07MOSCOW629"].subject == "PORTUGUESE INITIATIVE: EU-US-RUSSIA TRILATERAL"
    assert (
        cables["07MOSCOW628"].subject
        == "KOSOVO: SPECIAL ENVOY WISNER HEARS RUSSIAN OPPOSITION TO KOSOVO INDEPENDENCE"
    )
    assert (
        cables["07MOSCOW627"].subject
        == "KOSOVO: DFM TITOV DETAILS PRINCIPLED DIFFERENCES TO SPECIAL ENVOY WISNER; "
        "POSSIBLE BARGAIN?"
    )
    assert cables["07MOSCOW626"].subject == "RESPONDING TO RUSSIAN ACTIONS ON SEPARATIST CONFLICTS"


def test_declassification_dates(cables: dict[str, Cable]) -> None:
    assert cables["07MOSCOW628"].declassify_on == "2017-02-13"
    assert cables["07MOSCOW627"].declassify_on == "2027-02-13"


def test_reference_resolves_with_the_cables_year(cables: dict[str, Cable]) -> None:
    cable = cables["07MOSCOW626"]
    assert [(r.text, r.cable_id) for r in cable.references] == [("STATE 15283", "07STATE15283")]
    assert cable.reference_text == "STATE 15283"
    assert cables["07MOSCOW628"].references == ()


def test_classified_by(cables: dict[str, Cable]) -> None:
    burns = cables["07MOSCOW629"].classified_by
    assert burns is not None
    assert (burns.person, burns.role, burns.reason) == (
        "William J. Burns",
        "Ambassador",
        "1.4 (b, d)",
    )
    wells = cables["07MOSCOW626"].classified_by
    assert wells is not None
    assert (wells.person, wells.role, wells.reason) == (
        "Alice G. Wells",
        "PolMilCouns",
        "1.4 (b, d)",
    )


def test_headings_attach_to_the_following_paragraph(cables: dict[str, Cable]) -> None:
    headings = {p.number: p.heading for p in cables["07MOSCOW628"].paragraphs if p.heading}
    assert headings == {
        2: "KOSACHEV: NO DUMA SUPPORT FOR AHTISAARI",
        7: "FEDERATION COUNCIL'S MARGELOV OFFERS CONCERNS",
        9: "RUSSIAN DIPLOMATIC ICON PRIMAKOV PREDICTS VETO",
        11: "LUNCH WITH WISE MEN",
        15: "ROUNDTABLE WITH THINK TANKERS",
    }
    assert cables["07MOSCOW627"].paragraphs[14].heading == "Will Russia Veto?"


def test_paragraph_markings_and_text(cables: dict[str, Cable]) -> None:
    paragraphs = cables["07MOSCOW628"].paragraphs
    assert {p.classification for p in paragraphs[:15]} == {"C"}
    assert paragraphs[15].classification == "U"
    assert paragraphs[15].text == "EUR/SCE cleared this cable."
    assert paragraphs[0].text.startswith(
        "SUMMARY: Fresh from meetings in Pristina, Belgrade and Vienna,"
    )
    assert "  " not in paragraphs[0].text


def test_dirt_repaired(cables: dict[str, Cable]) -> None:
    p628 = cables["07MOSCOW628"].paragraphs
    assert "the door was open to Serbia" in p628[13].text
    # The page break inside paragraph 5 is gone and the sentence runs on.
    assert "Serbia had shown little initiative in dealing with the issue." in p628[4].text
    assert "whereby the United States would" in p628[5].text
    p627 = cables["07MOSCOW627"].paragraphs
    assert "endorsement of Serbian territorial integrity" in p627[5].text
    assert "He emphasized Russian support for continued dialogue" in p627[14].text
    for cable in cables.values():
        assert "&#x000A" not in cable.body
        assert "OF 00" not in cable.body  # page headers "MOSCOW 00000628  002 OF 003"
        assert cable.body.count("SIPDIS") == 1
        assert all("SIPDIS" not in p.text and "BURNS" not in p.text for p in cable.paragraphs)


def test_routing_header(cables: dict[str, Cable]) -> None:
    routing = cables["07MOSCOW629"].routing
    assert routing is not None
    assert routing.transmission_id == "VZCZCXYZ0000"
    assert routing.station == "RUEHMO"
    assert routing.date_time_group == "131445Z FEB 07"
    assert routing.sent is not None
    assert routing.sent.isoformat() == "2007-02-13T14:45:00+00:00"
    assert routing.precedence == "O"
    assert routing.sender is not None
    assert routing.sender.name == "AMEMBASSY MOSCOW"
    assert [(a.indicator, a.name, a.precedence, a.serial) for a in routing.to] == [
        ("RUEHC", "SECSTATE WASHDC", "IMMEDIATE", "7416")
    ]
    assert [(a.indicator, a.name, a.precedence, a.serial) for a in routing.info] == [
        ("RUEHLI", "AMEMBASSY LISBON", "IMMEDIATE", "0208"),
        ("RUEHBS", "USEU BRUSSELS", "IMMEDIATE", None),
    ]


def test_banner_and_provenance(cables: dict[str, Cable], seed_path: Path) -> None:
    cable = cables["07MOSCOW628"]
    assert cable.banner == "C O N F I D E N T I A L SECTION 01 OF 03 MOSCOW 000628"
    assert cable.body.startswith("C O N F I D E N T I A L SECTION 01 OF 03 MOSCOW 000628")
    assert cable.provenance.source == str(seed_path)
    assert cable.provenance.position == 2
    assert len(cable.provenance.checksum) == 64
    assert cable.raw.startswith("07MOSCOW628, KOSOVO")
    assert not cable.partial
