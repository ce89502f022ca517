"""The vocabulary: every namespace IRI and prefix the project writes or queries, once.

Elsewhere a namespace is named through this module (``DCTERMS_NS``, ``sparql_prefixes``,
``prefixes``), never retyped; ``tests/test_tree.py`` fails on a namespace
IRI typed in another module. The project's own ontology namespace is closed, mirroring
``ontology/cable.ttl``: a typo in a term fails at first use (``_fail = True``);
``tests/test_ontology.py`` checks that the class and the ontology file declare the same terms.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

#: The ontology namespace. Fixed: data from every deployment shares it.
ONTOLOGY_IRI = "https://w3id.org/cablegraph/ontology#"

#: The default base for instance IRIs; a deployment may choose its own (``--base``).
DEFAULT_BASE_IRI = "https://w3id.org/cablegraph/id/"

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
DCTERMS_NS = "http://purl.org/dc/terms/"
FOAF_NS = "http://xmlns.com/foaf/0.1/"
ORG_NS = "http://www.w3.org/ns/org#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
PROV_NS = "http://www.w3.org/ns/prov#"
SCHEMA_NS = "https://schema.org/"
#: Namespaces of the SPARQL service description and results, used by the HTTP API.
SD_NS = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

#: Every namespace by its usual prefix: what query text and serializers call them.
NAMESPACES: dict[str, str] = {
    "kg": ONTOLOGY_IRI,
    "dcterms": DCTERMS_NS,
    "foaf": FOAF_NS,
    "org": ORG_NS,
    "skos": SKOS_NS,
    "prov": PROV_NS,
    "schema": SCHEMA_NS,
    "rdf": RDF_NS,
    "rdfs": RDFS_NS,
    "xsd": XSD_NS,
    "owl": OWL_NS,
}

RDF_TYPE = RDF_NS + "type"
RDF_LANG_STRING = RDF_NS + "langString"
XSD_STRING = XSD_NS + "string"
OWL_SAME_AS = OWL_NS + "sameAs"

ORG = Namespace(ORG_NS)
SCHEMA = Namespace(SCHEMA_NS)
PROV = Namespace(PROV_NS)


def sparql_prefixes(*names: str) -> str:
    """``PREFIX name: <iri>`` lines, one per name in ``names`` (every namespace when none)."""
    return "".join(f"PREFIX {name}: <{NAMESPACES[name]}>\n" for name in names or NAMESPACES)


_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def compact(iri: str, prefixes: Mapping[str, str], *, plain: bool = False) -> str | None:
    """``prefix:rest`` for ``iri``, by the longest namespace of ``prefixes`` it starts with;
    ``plain``: only where the rest is a plain name (letters, digits, ``_.-``), as a JSON-LD
    compact IRI must be. None when no prefix fits."""
    fits = [
        (len(namespace), prefix)
        for prefix, namespace in prefixes.items()
        if iri.startswith(namespace) and (not plain or _PLAIN_NAME.fullmatch(iri[len(namespace) :]))
    ]
    if not fits:
        return None
    _, prefix = max(fits)
    return f"{prefix}:{iri[len(prefixes[prefix]) :]}"


def prefixes(base: str) -> dict[str, str]:
    """The prefixes serializers write (Turtle, TriG, JSON-LD contexts, HTML): the
    vocabularies', and one per kind of instance node under ``base``."""
    return {
        "kg": ONTOLOGY_IRI,
        "cg": base,
        # One per kind of node, so that Turtle writes cable:07MOSCOW628, not cg:cable\/…
        "cable": base + "cable/",
        "person": base + "person/",
        "cgorg": base + "org/",  # org: is the W3C Organization ontology
        "place": base + "place/",
        "tag": base + "tag/",
        "topic": base + "topic/",
        "post": base + "post/",
        "role": base + "role/",
        "graph": base + "graph/",
        "link": base + "link/",
        "dcterms": DCTERMS_NS,
        "foaf": FOAF_NS,
        "org": ORG_NS,
        "prov": PROV_NS,
        "schema": SCHEMA_NS,
        "skos": SKOS_NS,
        "rdfs": RDFS_NS,
        "xsd": XSD_NS,
    }


class KG(DefinedNamespace):
    """Terms of the cable ontology."""

    _NS = Namespace(ONTOLOGY_IRI)
    _fail = True

    # Classes
    Cable: URIRef  # a diplomatic telegram
    Paragraph: URIRef  # a paragraph of a cable's body
    Post: URIRef  # an embassy, consulate, mission or Washington office that sends or receives
    Meeting: URIRef  # an encounter a cable tells of
    Mention: URIRef  # a span of text that names an entity
    MeetingStatus: URIRef  # held, planned, reported
    Role: URIRef  # a title held (org:Role)

    # Meeting statuses (individuals of MeetingStatus)
    Held: URIRef
    Planned: URIRef
    Reported: URIRef

    # Concept schemes for topics
    SubjectTags: URIRef
    ProgramTags: URIRef
    OrganizationTags: URIRef
    GeoTags: URIRef
    PersonTags: URIRef
    FreeTopics: URIRef

    # Cable properties
    released: URIRef
    classification: URIRef
    origin: URIRef
    precedence: URIRef
    transmissionId: URIRef
    dateTimeGroup: URIRef
    sent: URIRef
    sender: URIRef
    to: URIRef
    info: URIRef
    tag: URIRef
    referenceText: URIRef
    referenceLabel: URIRef
    classifiedBy: URIRef
    classifiedByRole: URIRef
    classificationReason: URIRef
    executiveOrder: URIRef
    declassifyOn: URIRef
    signedBy: URIRef
    signature: URIRef
    banner: URIRef
    partialExtract: URIRef
    mentions: URIRef
    # Provenance of the raw record
    sourceFile: URIRef
    recordPosition: URIRef
    sourceFormat: URIRef
    checksum: URIRef
    rawText: URIRef
    bodyText: URIRef

    # Post properties
    routingIndicator: URIRef

    # Paragraph properties
    number: URIRef
    order: URIRef
    heading: URIRef
    text: URIRef

    # Entity properties
    fipsCode: URIRef
    acronym: URIRef
    country: URIRef
    confidence: URIRef
    asOf: URIRef
    nameKey: URIRef
    labelKey: URIRef

    # Meeting properties
    participant: URIRef  # a person who took part
    party: URIRef  # a side that took part and is no person: a post, a redacted contact
    host: URIRef
    status: URIRef
    meetingKind: URIRef
    topic: URIRef
    reportedIn: URIRef

    # Mention properties
    refersTo: URIRef
    inParagraph: URIRef
    inField: URIRef
    start: URIRef
    end: URIRef
    surface: URIRef

    # Identity links across cables (the links graph)
    IdentityLink: URIRef  # a scored claim that two person nodes are one person
    linkSource: URIRef
    linkTarget: URIRef
