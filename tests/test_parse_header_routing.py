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
