"""The project's ontology namespace, closed, mirroring ``ontology/cable.ttl``.

A typo in a term fails at first use (``_fail = True``); ``tests/test_ontology.py``
checks that this class and the ontology file declare the same terms.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

#: The ontology namespace. Fixed: data from every deployment shares it.
ONTOLOGY_IRI = "https://w3id.org/cablegraph/ontology#"

#: The default base for instance IRIs; a deployment may choose its own (``--base``).
DEFAULT_BASE_IRI = "https://w3id.org/cablegraph/id/"

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")


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

    # Meeting properties
    participant: URIRef
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
