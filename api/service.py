"""The SPARQL 1.1 Service Description of the endpoint (a GET on /sparql with no query).

Tools read it to learn what the endpoint speaks: the languages (Query, and Update when
writes are possible), the result formats, and that the default graph is the union of the
named graphs (``sd:UnionDefaultGraph``). Named graphs are not listed one by one: there is
one per cable, hundreds of thousands; ``SELECT DISTINCT ?g { GRAPH ?g {} }`` lists them.
The variable bindings the endpoint takes (``$name=value``) have no term in the Service
Description vocabulary, so an ``rdfs:comment`` says how to send them.
"""

from __future__ import annotations

import io

import pyoxigraph as ox

from api.negotiation import JSON_LD, N_TRIPLES, RDF_XML, TURTLE, Format
from api.results import write_triples
from kg.rdf.vocabulary import DCTERMS_NS, FORMATS_NS, RDF_TYPE, RDFS_NS, SD_NS

SD = SD_NS
DCTERMS = DCTERMS_NS
RDFS = RDFS_NS

BINDINGS_COMMENT = (
    "Variable bindings: a request parameter $name=value (query string or form) binds "
    "?name before a query (SELECT, ASK, CONSTRUCT, DESCRIBE) is evaluated; updates take "
    'none. The value is an RDF term in N-Triples or Turtle syntax ("Wisner", "x"@en, '
    '"2007-02-13"^^xsd:date, <http://example.org/x>); a value that starts with neither a '
    "quote nor < is a plain string literal. A bound variable must be projected: named in "
    "the SELECT clause, or bound by the pattern of an ASK, CONSTRUCT or DESCRIBE."
)

#: The formats the description itself is served in, preferred first.
FORMATS = (TURTLE, RDF_XML, JSON_LD, N_TRIPLES)

#: What the endpoint answers in, as the W3C's format IRIs.
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "RDF_XML",
    "JSON-LD",
    "N-Quads",
    "TriG",
)


def triples(endpoint: str, *, writable: bool) -> list[ox.Triple]:
    """The description of the service at ``endpoint``."""
    service = ox.BlankNode("service")
    dataset = ox.BlankNode("dataset")
    default_graph = ox.BlankNode("defaultGraph")

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    a = ox.NamedNode(RDF_TYPE)
    simple = ox.NamedNode("http://www.w3.org/ns/entailment/Simple")
    description = [
        ox.Triple(service, a, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultEntailmentRegime"), simple),
        ox.Triple(simple, a, sd("EntailmentRegime")),
        ox.Triple(
            service,
            ox.NamedNode(DCTERMS + "title"),
            ox.Literal("cablegraph: a knowledge graph of US diplomatic cables"),
        ),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, a, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, a, sd("Graph")),
        ox.Triple(service, ox.NamedNode(RDFS + "comment"), ox.Literal(BINDINGS_COMMENT)),
    ]
    if writable:
        description.append(ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    description += [
        ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS_NS + name))
        for name in RESULT_FORMATS
    ]
    return description


def description(endpoint: str, fmt: Format, *, writable: bool) -> bytes:
    """The description serialized in ``fmt`` (one of ``FORMATS``)."""
    output = io.BytesIO()
    prefixes = {"sd": SD, "formats": FORMATS_NS, "dcterms": DCTERMS, "rdfs": RDFS}
    write_triples(triples(endpoint, writable=writable), fmt, output, prefixes=prefixes)
    return output.getvalue()
