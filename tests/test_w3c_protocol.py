"""The W3C SPARQL 1.1 Protocol and Service Description suites, run against our server.

The manifests in ``tests/w3c/`` are read as RDF: each protocol test is a list of HTTP
requests (``ht:Request``: method, path, headers, body) with the response expected of each
(``mf:expectedStatus``, ``mf:expectedFormat``, ``mf:expectedBoolean``). They are sent
over loopback to the app served by uvicorn, over an in-memory store holding the suite's
three named graphs, reloaded before every test since the update tests change them.

The service-description tests carry no machine-readable action; what each checks is
from its name and the Service Description recommendation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from api.app import create_app
from kg.store import Store
from tests.live_server import LiveServer, serve

pytestmark = pytest.mark.server

W3C = Path(__file__).parent / "w3c"
PROTOCOL = W3C / "sparql11-protocol"
SERVICE_DESCRIPTION = W3C / "sparql11-service-description"
DATA_GRAPH = "http://kasei.us/2009/09/sparql/data/data{}.rdf"
ENDPOINT = "/sparql"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

# Media types each mf:expectedFormat admits, as the manifest's test names list them.
EXPECTED_FORMATS = {
    "boolean": {"application/sparql-results+xml", "application/sparql-results+json"},
    "tabular": {
        "application/sparql-results+xml",
        "application/sparql-results+json",
        "text/csv",
        "text/tab-separated-values",
    },
    "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples", "text/html"},
}
RESULTS_FORMATS = {
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
}


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: frozenset[int]  # acceptable status classes: 2 for 2xx, ...
    format: str | None
    boolean: bool | None


@dataclass(frozen=True)
class ProtocolTest:
    name: str
    title: str
    requests: list[HttpRequest] = field(default_factory=list)


def _value(graph: Graph, node: URIRef | BNode, prop: URIRef) -> str | None:
    value = graph.value(node, prop)
    return None if value is None else str(value)


def _request(graph: Graph, node: BNode) -> HttpRequest:
    headers = {}
    header_list = graph.value(node, HT.headers)
    if header_list is not None:
        for header in Collection(graph, header_list):
            headers[str(graph.value(header, HT.fieldName))] = str(
                graph.value(header, HT.fieldValue)
            )
    body = None
    body_node = graph.value(node, HT.body)
    if body_node is not None:
        encoding = _value(graph, body_node, CNT.characterEncoding) or "UTF-8"
        body = str(graph.value(body_node, CNT.chars)).encode(encoding)
    response = graph.value(node, HT.resp)
    statuses = frozenset(
        int(str(status).removeprefix(str(HTS)).removeprefix("StatusCode")[0])
        for status in graph.objects(response, MF.expectedStatus)
    )
    boolean = graph.value(response, MF.expectedBoolean)
    assert isinstance(boolean, Literal | None)
    return HttpRequest(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)),
        headers=headers,
        body=body,
        statuses=statuses,
        format=_value(graph, response, MF.expectedFormat),
        boolean=None if boolean is None else bool(boolean.toPython()),
    )


def _manifest_entries(path: Path) -> tuple[Graph, list[URIRef]]:
    graph = Graph().parse(path, format="turtle", publicID=path.as_uri())
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    entries = [URIRef(e) for e in Collection(graph, graph.value(manifest, MF.entries))]
    return graph, entries


def protocol_tests() -> list[ProtocolTest]:
    graph, entries = _manifest_entries(PROTOCOL / "manifest.ttl")
    tests = []
    for entry in entries:
        action = graph.value(entry, MF.action)
        requests = [_request(graph, r) for r in Collection(graph, graph.value(action, HT.requests))]
        tests.append(ProtocolTest(entry.fragment, str(graph.value(entry, MF.name)), requests))
    return tests


def service_description_tests() -> list[str]:
    _, entries = _manifest_entries(SERVICE_DESCRIPTION / "manifest.ttl")
    return [entry.fragment for entry in entries]


PROTOCOL_TESTS = protocol_tests()


def reload(store: Store) -> None:
    store.update("DROP ALL")
    for n in (1, 2, 3):
        store.load((PROTOCOL / f"data{n}.nt").read_bytes(), format="nt", graph=DATA_GRAPH.format(n))


@pytest.fixture(scope="module")
def store() -> Store:
    return Store()


@pytest.fixture(scope="module")
def server(store: Store) -> Iterator[LiveServer]:
    with serve(create_app(store, allow_update=True)) as live:
        yield live


@pytest.fixture
def client(server: LiveServer, store: Store) -> Iterator[httpx.Client]:
    reload(store)
    with httpx.Client(base_url=server.url, timeout=10) as http:
        yield http


def _send(client: httpx.Client, request: HttpRequest) -> httpx.Response:
    # The manifest's paths start with /sparql/; ours is /sparql.
    path = ENDPOINT + request.path.removeprefix("/sparql/")
    return client.request(request.method, path, headers=request.headers, content=request.body)


def test_manifest_has_every_test() -> None:
    assert len(PROTOCOL_TESTS) == 34
    assert len(service_description_tests()) == 3


@pytest.mark.parametrize("test", PROTOCOL_TESTS, ids=[t.name for t in PROTOCOL_TESTS])
def test_protocol(test: ProtocolTest, client: httpx.Client) -> None:
    for n, request in enumerate(test.requests):
        response = _send(client, request)
        where = f"{test.title}, request {n + 1}: {request.method} {request.path}"
        assert response.status_code // 100 in request.statuses, (
            f"{where}: status {response.status_code}, {response.text[:300]}"
        )
        media_type = response.headers.get("content-type", "").split(";")[0].strip()
        if request.format is not None:
            assert media_type in EXPECTED_FORMATS[request.format], f"{where}: {media_type}"
        if request.boolean is not None:
            answer = ox.parse_query_results(response.content, RESULTS_FORMATS[media_type])
            assert isinstance(answer, ox.QueryBoolean), f"{where}: not a boolean"
            assert bool(answer) is request.boolean, f"{where}: {response.text}"


# -- service description -------------------------------------------------------------------

RDF_MEDIA = {
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}

# The Service Description vocabulary: each property's domain and, for node-valued ones,
# its range (https://www.w3.org/TR/sparql11-service-description/#vocab).
SD_PROPERTIES = {
    SD.endpoint: (SD.Service, None),
    SD.feature: (SD.Service, SD.Feature),
    SD.defaultEntailmentRegime: (SD.Service, SD.EntailmentRegime),
    SD.defaultSupportedEntailmentProfile: (SD.Service, SD.EntailmentProfile),
    SD.extensionFunction: (SD.Service, SD.Function),
    SD.extensionAggregate: (SD.Service, SD.Aggregate),
    SD.languageExtension: (SD.Service, SD.Feature),
    SD.supportedLanguage: (SD.Service, SD.Language),
    SD.propertyFeature: (SD.Service, None),
    SD.defaultDataset: (SD.Service, SD.Dataset),
    SD.availableGraphs: (SD.Service, SD.GraphCollection),
    SD.resultFormat: (SD.Service, None),
    SD.inputFormat: (SD.Service, None),
    SD.defaultGraph: (SD.Dataset, SD.Graph),
    SD.namedGraph: (SD.GraphCollection, SD.NamedGraph),
    SD.name: (SD.NamedGraph, None),
    SD.graph: (SD.NamedGraph, SD.Graph),
    SD.entailmentRegime: (None, SD.EntailmentRegime),
    SD.supportedEntailmentProfile: (None, SD.EntailmentProfile),
}
SD_INSTANCES = {
    SD.SPARQL10Query: SD.Language,
    SD.SPARQL11Query: SD.Language,
    SD.SPARQL11Update: SD.Language,
    SD.DereferencesURIs: SD.Feature,
    SD.UnionDefaultGraph: SD.Feature,
    SD.RequiresDataset: SD.Feature,
    SD.EmptyGraphs: SD.Feature,
    SD.BasicFederatedQuery: SD.Feature,
}
SUBCLASSES = {SD.Dataset: {SD.GraphCollection}}


def _description(client: httpx.Client, accept: str | None) -> tuple[httpx.Response, Graph]:
    response = client.get(ENDPOINT, headers={"accept": accept} if accept else {})
    media_type = response.headers.get("content-type", "").split(";")[0].strip()
    assert response.status_code == 200, response.text
    assert media_type in RDF_MEDIA, media_type
    graph = Graph().parse(data=response.content, format=RDF_MEDIA[media_type])
    return response, graph


def _types(graph: Graph, node: object) -> set[object]:
    types: set[object] = set(graph.objects(node, RDF.type))  # type: ignore[arg-type]
    if node in SD_INSTANCES:
        types.add(SD_INSTANCES[node])  # type: ignore[index]
    for cls in list(types):
        types |= {sub for sub, supers in SUBCLASSES.items() if cls in supers}
    return types


def check_returns_rdf(client: httpx.Client, server: LiveServer) -> None:
    for accept in (None, "text/turtle", "application/rdf+xml", "application/ld+json"):
        _, graph = _description(client, accept)
        assert len(graph) > 0


def check_has_endpoint_triple(client: httpx.Client, server: LiveServer) -> None:
    response, graph = _description(client, "application/rdf+xml, text/turtle;q=0.9")
    endpoint = URIRef(str(response.url))
    services = set(graph.subjects(SD.endpoint, endpoint))
    assert services, f"no ?service sd:endpoint <{endpoint}>"
    assert all((s, RDF.type, SD.Service) in graph for s in services)


def check_conforms_to_schema(client: httpx.Client, server: LiveServer) -> None:
    _, graph = _description(client, "text/turtle")
    assert set(graph.subjects(RDF.type, SD.Service)), "no sd:Service"
    for s, p, o in graph:
        if not str(p).startswith(str(SD)):
            continue
        assert p in SD_PROPERTIES, f"{p} is not in the Service Description vocabulary"
        domain, range_ = SD_PROPERTIES[p]
        if domain is not None:
            assert domain in _types(graph, s), f"{s} {p}: subject is not a {domain}"
        if range_ is not None:
            assert isinstance(o, URIRef | BNode), f"{p} needs a node, not {o!r}"
            assert range_ in _types(graph, o), f"{p} {o}: object is not a {range_}"
        if p in (SD.endpoint, SD.resultFormat, SD.inputFormat):
            assert isinstance(o, URIRef), f"{p} needs an IRI, not {o!r}"
    for term in set(graph.subjects()) | set(graph.objects()):
        if isinstance(term, URIRef) and str(term).startswith(str(SD)):
            known = (
                set(SD_PROPERTIES)
                | set(SD_INSTANCES)
                | {
                    SD[c]
                    for c in (
                        "Service",
                        "Dataset",
                        "Graph",
                        "NamedGraph",
                        "GraphCollection",
                        "Language",
                        "Feature",
                        "Function",
                        "Aggregate",
                        "EntailmentRegime",
                        "EntailmentProfile",
                    )
                }
            )
            assert term in known, f"{term} is not in the Service Description vocabulary"


SD_CHECKS = {
    "returns-rdf": check_returns_rdf,
    "has-endpoint-triple": check_has_endpoint_triple,
    "conforms-to-schema": check_conforms_to_schema,
}


@pytest.mark.parametrize("name", service_description_tests())
# rdflib's JSON-LD parser still builds a ConjunctiveGraph internally.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_service_description(name: str, client: httpx.Client, server: LiveServer) -> None:
    SD_CHECKS[name](client, server)
