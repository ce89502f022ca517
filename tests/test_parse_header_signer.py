"""The signer: read over what follows the signature (classification lines, NNNN, a note,
a page foot, the release's stamp) and without junk glued to the name."""

from __future__ import annotations

import pytest

from kg.model import RawRecord
from kg.parse import parse

ROUTING = "R 101200Z MAR 88\nFM AMEMBASSY ROME\nTO SECSTATE WASHDC 0001\n"
OPENING = "CONFIDENTIAL ROME 004410\n\nSUBJECT: A SUBJECT\n\n1. (C) THE FIRST PARAGRAPH.\n\n"


def signer(tail: str) -> str | None:
    text = ROUTING + OPENING + "2. (C) THE LAST PARAGRAPH ENDS HERE.\n" + tail
    return parse(RawRecord("t.txt", 1, "telegram", text, line=1)).signature


TAILS = [
    ("\nHOLLIS\n", "HOLLIS"),
    ("HOLLIS\nCONFIDENTIAL\n", "HOLLIS"),
    ("\nHOLLIS\n\nCONFIDENTIAL\n\nSIPDIS\n", "HOLLIS"),
    ("\nHOLLIS\nLIMITED OFFICIAL USE\nNNNN", "HOLLIS"),
    ("\nHOLLIS\n\n\nNNNN\n\n      1988ROME04410 - CONFIDENTIAL", "HOLLIS"),
    ("HOLLIS \n \n          SECRET \n \n> \n 1988ROME04410 - Classification: SECRET", "HOLLIS"),
    ("\nHOLLIS\n\nNOTE BY OC/T:  TEXT AS RECEIVED.\n", "HOLLIS"),
    ("HOLLIS\n\nNOTE: NOT PASSED TO ABOVE ADDRESSEE(S)\n\n       CONFIDENTIAL", "HOLLIS"),
    (
        "\nHOLLIS\n\nCONFIDENTIAL\n\nDeclassified/Released US Department of State EO Systematic\n"
        "Review 30 JUN 2006\n",
        "HOLLIS",
    ),
    (
        "\nHOLLIS\n     UNCLASSIFIED\n\nPAGE 04        ROME  04410  04 OF 04  071629Z\n\nNNNN\n",
        "HOLLIS",
    ),
    ("\nHOLLIS##\n", "HOLLIS"),
    ("\nHOLLIS.\n", "HOLLIS"),
    ("END OF TEXT. HOLLIS\n\n\nUNCLASSIFIED\n", "HOLLIS"),
    ("\nVAN DER BERG\n", "VAN DER BERG"),
    ("\nO'CONNELL\n", "O'CONNELL"),
    ("\n\nCONFIDENTIAL\n", None),
]


@pytest.mark.parametrize(("tail", "expected"), TAILS)
def test_signer(tail: str, expected: str | None) -> None:
    assert signer(tail) == expected
