"""The page reader stays linear on hostile pages: unclosed tags cost no rescans.

A 1.1 MB page of unclosed tags once stalled an ingest for over two minutes (each opening
tag rescanned the rest of the page). Read here in a thread with a bound hours away from
the quadratic time and thousands of times the linear one: it fails only on that hang.
"""

from __future__ import annotations

import threading

import pytest

from kg.model import RawRecord
from kg.sources.html import read_html

HOSTILE_PIECES = {
    "pre": "<pre>x ",
    "cells": "<table class='cable'><tr><td>x ",
    "tags": "< x ",
    "title": "<h3>Viewing cable 09X1, a ",
}


def read_within(text: str, seconds: float = 60) -> object:
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(read_html(text, "hostile.html")))
    worker.start()
    worker.join(seconds)
    assert outcome, "the reader hung on the hostile page"
    return outcome[0]


@pytest.mark.parametrize("kind", sorted(HOSTILE_PIECES))
def test_a_megabyte_of_unclosed_tags_is_read_in_one_pass(kind: str) -> None:
    piece = HOSTILE_PIECES[kind]
    page = piece * (1_100_000 // len(piece))
    read_within(page)  # a record or a RecordError: either way, an answer


def test_a_cable_after_the_hostile_part_is_still_found() -> None:
    cable = (
        "<table class='cable'><tr><th>Reference ID</th><th>Origin</th></tr>"
        "<tr><td>09X1</td><td>Embassy X</td></tr></table><pre>HEADER</pre><pre>BODY</pre>"
    )
    record = read_within("<pre " * 100_000 + cable)
    assert isinstance(record, RawRecord)
    assert record.fields["reference_id"] == "09X1"
    assert record.fields["body"] == "BODY"
