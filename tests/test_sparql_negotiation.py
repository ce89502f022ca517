"""Choosing a format from an Accept header (RFC 9110 q-values and specificity)."""

from __future__ import annotations

import pytest

from api.negotiation import (
    GRAPH_FORMATS,
    HTML,
    JSON_LD,
    N_TRIPLES,
    RDF_XML,
    RESULT_FORMATS,
    RESULTS_JSON,
    RESULTS_TSV,
    RESULTS_XML,
    TURTLE,
    Format,
    choose,
)


@pytest.mark.parametrize(
    ("accept", "offers", "expected"),
    [
        (None, RESULT_FORMATS, RESULTS_JSON),
        ("", RESULT_FORMATS, RESULTS_JSON),
        ("*/*", GRAPH_FORMATS, TURTLE),
        ("application/rdf+xml, text/turtle;q=0.9", GRAPH_FORMATS, RDF_XML),
        ("text/turtle;q=0.2, application/ld+json;q=0.8", GRAPH_FORMATS, JSON_LD),
        ("text/plain", GRAPH_FORMATS, N_TRIPLES),
        ("text/*;q=0.5, text/tab-separated-values", RESULT_FORMATS, RESULTS_TSV),
        ("application/xml", RESULT_FORMATS, RESULTS_XML),
        ("APPLICATION/SPARQL-RESULTS+XML", RESULT_FORMATS, RESULTS_XML),
        ("*/*;q=0.1, text/turtle;q=0", GRAPH_FORMATS, N_TRIPLES),
        ("text/html,application/xhtml+xml,*/*;q=0.8", (TURTLE, HTML), HTML),
        ("image/png", RESULT_FORMATS, None),
        ("application/sparql-results+json;q=0", RESULT_FORMATS, None),
        ("garbage, ;;, text/csv;q=x", RESULT_FORMATS, None),
    ],
)
def test_choose(accept: str | None, offers: tuple[Format, ...], expected: Format | None) -> None:
    assert choose(accept, offers) is expected
