"""Content negotiation: which of the formats we can write does the client's ``Accept`` prefer.

Formats are offered in order of our own preference; the first offer wins ties, so a
client sending ``*/*`` (or no ``Accept`` at all) gets the first one. Aliases let old
clients in: SPARQLWrapper asks for JSON results as ``application/json`` too, and some
tools still ask for N-Triples as ``text/plain``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True, slots=True)
class Format:
    """A format we can write: its media type, the aliases it answers to, and a short name."""

    name: str
    media_type: str
    aliases: tuple[str, ...] = ()

    def matches(self, media_range: str) -> bool:
        return media_range in (self.media_type, *self.aliases)


# Query results (SELECT, ASK).
RESULTS_JSON = Format("json", "application/sparql-results+json", ("application/json",))
RESULTS_XML = Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"))
RESULTS_CSV = Format("csv", "text/csv")
RESULTS_TSV = Format("tsv", "text/tab-separated-values")
RESULT_FORMATS = (RESULTS_JSON, RESULTS_XML, RESULTS_CSV, RESULTS_TSV)

# RDF graphs (CONSTRUCT, DESCRIBE, graph store reads, linked-data pages).
TURTLE = Format("turtle", "text/turtle", ("application/x-turtle", "text/n3", "text/rdf+n3"))
N_TRIPLES = Format("nt", "application/n-triples", ("text/plain",))
RDF_XML = Format("rdfxml", "application/rdf+xml")
JSON_LD = Format("jsonld", "application/ld+json", ("application/x-json+ld",))
N_QUADS = Format("nquads", "application/n-quads", ("text/x-nquads",))
TRIG = Format("trig", "application/trig")
GRAPH_FORMATS = (TURTLE, N_TRIPLES, RDF_XML, JSON_LD, N_QUADS, TRIG)
DATASET_FORMATS = (N_QUADS, TRIG)

HTML = Format("html", "text/html", ("application/xhtml+xml",))

OX_RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}

OX_RESULTS_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


@dataclass(frozen=True, slots=True)
class _Range:
    media_type: str  # lower case, parameters other than q dropped
    q: float
    specificity: int  # 2 for type/subtype, 1 for type/*, 0 for */*


def parse_accept(header: str | None) -> list[_Range]:
    """The media ranges of an ``Accept`` header; malformed parts are skipped, not fatal."""
    if not header:
        return [_Range("*/*", 1.0, 0)]
    ranges = []
    for part in header.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media_type = pieces[0].lower()
        if "/" not in media_type:
            continue
        q = 1.0
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        main, _, sub = media_type.partition("/")
        specificity = 0 if main == "*" else 1 if sub == "*" else 2
        ranges.append(_Range(media_type, q, specificity))
    return ranges


def _quality(offer: Format, ranges: Sequence[_Range]) -> float:
    """The q of the most specific range that matches ``offer`` (RFC 9110, section 12.5.1)."""
    best: _Range | None = None
    main = offer.media_type.split("/")[0]
    for media_range in ranges:
        if media_range.specificity == 2:
            hit = offer.matches(media_range.media_type)
        elif media_range.specificity == 1:
            hit = media_range.media_type == f"{main}/*"
        else:
            hit = True
        if hit and (best is None or media_range.specificity > best.specificity):
            best = media_range
    return best.q if best is not None else 0.0


def choose(accept: str | None, offers: Sequence[Format]) -> Format | None:
    """The offer the client prefers most (ties go to the earlier offer); None if none fits."""
    ranges = parse_accept(accept)
    best: Format | None = None
    best_q = 0.0
    for offer in offers:
        q = _quality(offer, ranges)
        if q > best_q:
            best, best_q = offer, q
    return best


def by_name(name: str, offers: Sequence[Format]) -> Format | None:
    """An offer by its short name (``?format=turtle``), for links a browser can follow."""
    return next((offer for offer in offers if offer.name == name), None)
