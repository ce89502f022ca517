"""DECL: the declassification date in the forms the release writes it."""

from __future__ import annotations

import pytest

from kg.model import RawRecord
from kg.parse import parse

ROUTING = "R 101200Z MAR 08\nFM AMEMBASSY SOFIA\nTO SECSTATE WASHDC 0001\n"


def declassify_on(line: str) -> str | None:
    text = ROUTING + "CONFIDENTIAL SOFIA 000120\n\n" + line + "\n\n1. (C) Text.\n\nBEYRLE\n"
    return parse(RawRecord("t.txt", 1, "telegram", text, line=1)).declassify_on


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("E.O. 12958: DECL: 11/03/2015", "2015-11-03"),
        ("EO 12958 DECL: 12/31/2034", "2034-12-31"),
        ("E.o. 12958: decl: 07/01/2034", "2034-07-01"),
        ("EO 12958: decl: 6/3/08", "2008-06-03"),
        ("EO 12958 DECL: 2020/02/23", "2020-02-23"),
        ("DEPT FOR EUR/CE E.O. 12958: DECL: 11/22/2012 ", "2012-11-22"),
        ("E.O. 12958: DECL: .", None),
        # The order does not apply (an unclassified cable): no date, and no marker.
        ("E.O. 12958: N/A", None),
        ("E.O. 12958: DECL: N/A", None),
        ("EO 12958 N / A", None),
        ("E.O. 12958: DECL: X1", "X1"),
        ("E.O. 12958: DECL: 25X1 HUMAN", "25X1"),
    ],
)
def test_declassify_on(line: str, expected: str | None) -> None:
    assert declassify_on(line) == expected
