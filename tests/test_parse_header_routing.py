"""Routing: TO and INFO over page headers; excluded posts are no recipients."""

from __future__ import annotations

import pytest

from kg.model import Address
from kg.parse.routing import parse_routing


def addresses(header: str, field: str) -> list[Address]:
    routing = parse_routing(header)
    if routing is None:
        return []
    return list(routing.to if field == "to" else routing.info)


CASES = [
    (
        "P 101010Z MAR 09\nFM SECSTATE WASHDC\nTO PAGE 02        STATE   021004  101022Z\n"
        "ALL AFRICAN DIPLOMATIC POSTS COLLECTIVE PRIORITY\nAMEMBASSY ACCRA PRIORITY",
        "to",
        [
            Address("ALL AFRICAN DIPLOMATIC POSTS COLLECTIVE", precedence="PRIORITY"),
            Address("AMEMBASSY ACCRA", precedence="PRIORITY"),
        ],
    ),
    (
        "FM SECSTATE WASHDC\nTO PAGE 02        STATE   021004  101022Z\nAMEMBASSY ACCRA PRIORITY\n"
        "INFO NUCLEAR SUPPLIERS GROUP COLLECTIVE PRIORITY",
        "info",
        [Address("NUCLEAR SUPPLIERS GROUP COLLECTIVE", precedence="PRIORITY")],
    ),
    ("INFO AMEMBASSY QUITO", "info", [Address("AMEMBASSY QUITO")]),
    (
        "INFO RUEHMD/AMEMBASSY MADRID 0441\nRUEUIAA/DET 4 12AB INCIRLIK TU",
        "info",
        [
            Address("AMEMBASSY MADRID", indicator="RUEHMD", serial="0441"),
            Address("DET 4 12AB INCIRLIK TU", indicator="RUEUIAA"),
        ],
    ),
    ("INFO XMT AMCONSUL JEDDAH", "info", []),
    (
        "TO ALL NATO CAPITALS COLLECTIVE\nXMT AMEMBASSY REYKJAVIK\nAMEMBASSY OSLO",
        "to",
        [Address("ALL NATO CAPITALS COLLECTIVE")],
    ),
    (
        "O 051200Z DEC 89\nFM SECSTATE WASHDC\nTO SPECIAL EMBASSY PROGRAM NIACT IMMEDIATE",
        "to",
        [Address("SPECIAL EMBASSY PROGRAM", precedence="NIACT IMMEDIATE")],
    ),
]


@pytest.mark.parametrize(("header", "field", "expected"), CASES)
def test_recipients(header: str, field: str, expected: list[Address]) -> None:
    assert addresses(header, field) == expected


MORE_CASES = [
    # Precedence and serial without an indicator.
    (
        "P 061232Z MAR 09\nFM AMEMBASSY SOFIA\nTO SECSTATE WASHDC PRIORITY 0872",
        "to",
        [Address("SECSTATE WASHDC", precedence="PRIORITY", serial="0872")],
    ),
    # NIACT IMMEDIATE on every line of the list.
    (
        "FM SECSTATE WASHDC\nTO SPECIAL EMBASSY PROGRAM NIACT IMMEDIATE\n"
        "AMCONSUL KRAKOW NIACT IMMEDIATE",
        "to",
        [
            Address("SPECIAL EMBASSY PROGRAM", precedence="NIACT IMMEDIATE"),
            Address("AMCONSUL KRAKOW", precedence="NIACT IMMEDIATE"),
        ],
    ),
    # INFO right after FM, no TO; an address that starts with a digit.
    (
        "R 270230Z NOV 08\nFM SECSTATE WASHDC\nINFO AMEMBASSY QUITO",
        "info",
        [Address("AMEMBASSY QUITO")],
    ),
    (
        "INFO RUEHMD/AMEMBASSY MADRID 0441\nRHMFIUU/12OS INCIRLIK AB TU",
        "info",
        [
            Address("AMEMBASSY MADRID", indicator="RUEHMD", serial="0441"),
            Address("12OS INCIRLIK AB TU", indicator="RHMFIUU"),
        ],
    ),
    # TO stops where INFO starts; INFO runs on over lines without a keyword.
    (
        "FM SECSTATE WASHDC\nTO AMEMBASSY ROME IMMEDIATE\nINFO AMEMBASSY PARIS ROUTINE\n"
        "AMEMBASSY LONDON",
        "to",
        [Address("AMEMBASSY ROME", precedence="IMMEDIATE")],
    ),
    (
        "FM SECSTATE WASHDC\nTO AMEMBASSY ROME IMMEDIATE\nINFO AMEMBASSY PARIS ROUTINE\n"
        "AMEMBASSY LONDON",
        "info",
        [Address("AMEMBASSY PARIS", precedence="ROUTINE"), Address("AMEMBASSY LONDON")],
    ),
    # Indicators before each address, and ZEN for one served by other means.
    (
        "FM AMEMBASSY SOFIA\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1234\n"
        "RUEHBS/AMEMBASSY BRUSSELS PRIORITY 0099\nZEN/AMCONSUL PODGORICA",
        "to",
        [
            Address("SECSTATE WASHDC", indicator="RUEHC", precedence="IMMEDIATE", serial="1234"),
            Address("AMEMBASSY BRUSSELS", indicator="RUEHBS", precedence="PRIORITY", serial="0099"),
            Address("AMCONSUL PODGORICA", indicator="ZEN"),
        ],
    ),
    # A range of serials: the message went in several parts.
    (
        "FM SECSTATE WASHDC\nTO ZEN/AMEMBASSY TALLINN NIACT IMMEDIATE 1210-1213\n"
        "AMEMBASSY VILNIUS IMMEDIATE 0550-0553",
        "to",
        [
            Address(
                "AMEMBASSY TALLINN",
                indicator="ZEN",
                precedence="NIACT IMMEDIATE",
                serial="1210-1213",
            ),
            Address("AMEMBASSY VILNIUS", precedence="IMMEDIATE", serial="0550-0553"),
        ],
    ),
    # BT ends the list.
    (
        "FM SECSTATE WASHDC\nTO AMEMBASSY ROME FLASH\nAMEMBASSY PARIS\nBT",
        "to",
        [Address("AMEMBASSY ROME", precedence="FLASH"), Address("AMEMBASSY PARIS")],
    ),
]


@pytest.mark.parametrize(("header", "field", "expected"), MORE_CASES)
def test_more_recipients(header: str, field: str, expected: list[Address]) -> None:
    assert addresses(header, field) == expected


def test_a_header_of_excluded_posts_alone_is_a_routing_with_no_recipients() -> None:
    routing = parse_routing("INFO XMT AMCONSUL JEDDAH")
    assert routing is not None
    assert (routing.to, routing.info) == ((), ())
