"""The app as a whole: routes, pages, content negotiation on pages, CORS, error statuses."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from starlette.routing import Mount, Route

from api.app import STATUSES, create_app, status_of
from api.errors import BusyError, NotAcceptableError, QueryTimeoutError, UnauthorizedError
from kg.errors import KGError, QueryError, ReadOnlyError, StoreError
from kg.store import Store
from tests.builders import BASE
from tests.live_server import client_for

pytestmark = pytest.mark.store("sample")

CABLE = f"{BASE}cable/07MOSCOW628"


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[httpx.Client]:
    with client_for(create_app(store, cors_origins=["https://app.example"])) as http:
        yield http


def test_every_route_is_listed_in_the_factory(store: Store) -> None:
    app = create_app(store)
    paths = {r.path for r in app.routes if isinstance(r, Route | Mount)}
    assert {"/", "/health", "/sparql", "/graphs", "/cable/{reference_id}"} <= paths
    assert "/id/{path:path}" in paths


@pytest.mark.server
def test_graphql_answers_at_slash_graphql(client: httpx.Client) -> None:
    pytest.importorskip("api.graphql")
    query = '{ cable(referenceId: "07MOSCOW628") { subject } }'
    response = client.post("/graphql", json={"query": query})
    assert response.status_code == 200
    assert "FINAL STATUS" in response.json()["data"]["cable"]["subject"]


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (QueryError("x"), 400),
        (NotAcceptableError("x", ["y"]), 406),
        (ReadOnlyError("x"), 403),
        (UnauthorizedError("x"), 401),
        (QueryTimeoutError("x"), 503),
        (BusyError("x"), 503),
        (StoreError("x"), 500),
        (KGError("x"), 500),
    ],
)
def test_errors_map_to_statuses(error: KGError, status: int) -> None:
    assert status_of(error) == status
    assert all(issubclass(cls, KGError) for cls in STATUSES)


@pytest.mark.server
def test_health(client: httpx.Client) -> None:
    health = client.get("/health").json()
    assert health["status"] == "ok"
    assert set(health["workers"]) == {"sparql", "saved queries", "pages", "graphql"}
    assert health["workers"]["sparql"]["slots"] == 4


@pytest.mark.server
def test_home_page_links_endpoints_examples_and_cables(client: httpx.Client) -> None:
    response = client.get("/", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert 'href="/sparql"' in response.text
    assert "/sparql?query=" in response.text
    assert 'href="/cable/07MOSCOW628"' in response.text
    assert "DFM TITOV ON KOSOVO, &quot;FINAL STATUS&quot;" in response.text


@pytest.mark.server
def test_cable_page_shows_metadata_and_paragraphs_in_order(client: httpx.Client) -> None:
    response = client.get("/cable/07MOSCOW628")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    text = response.text
    assert "CONFIDENTIAL" in text
    assert 'href="/id/post/embassy-moscow"' in text
    assert 'href="/cable/07MOSCOW627"' in text
    first = text.index("DFM Vladimir Titov told the Ambassador")
    second = text.index("&quot;We are ready to talk&quot;, but &lt;not&gt; at any price &amp;")
    assert first < second


@pytest.mark.server
@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_cable_page_gives_the_cables_graph_to_rdf_clients(
    client: httpx.Client, store: Store, accept: str, fmt: ox.RdfFormat
) -> None:
    response = client.get("/cable/07MOSCOW628", headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    graph = ox.NamedNode(f"{BASE}graph/07MOSCOW628")
    expected = {q.triple for q in store.oxigraph.quads_for_pattern(None, None, None, graph)}
    assert {q.triple for q in ox.parse(response.content, fmt)} == expected


@pytest.mark.server
def test_unknown_cable_is_404(client: httpx.Client) -> None:
    assert client.get("/cable/99NOWHERE1").status_code == 404


@pytest.mark.server
def test_entity_pages_under_the_base_path(client: httpx.Client) -> None:
    page = client.get("/id/person/vladimir-titov", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "Vladimir Titov" in page.text
    assert 'href="/id/cable/07MOSCOW628/meeting/0"' in page.text  # what points to him
    turtle = client.get("/id/person/vladimir-titov", headers={"accept": "text/turtle"})
    triples = set(ox.parse(turtle.content, ox.RdfFormat.TURTLE))
    assert ox.Literal("Vladimir Titov") in {q.object for q in triples}
    assert client.get("/id/person/nobody").status_code == 404


@pytest.mark.server
def test_cors_when_origins_are_given(client: httpx.Client) -> None:
    preflight = client.options(
        "/sparql",
        headers={
            "origin": "https://app.example",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://app.example"
    simple = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"origin": "https://app.example"}
    )
    assert simple.headers["access-control-allow-origin"] == "https://app.example"
    other = client.get("/health", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


@pytest.mark.server
def test_no_cors_headers_by_default(store: Store) -> None:
    with client_for(create_app(store)) as client:
        response = client.get("/health", headers={"origin": "https://app.example"})
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.server
def test_pages_show_names_not_iris(client: httpx.Client) -> None:
    cable = client.get("/cable/07MOSCOW628").text
    assert ">Embassy Moscow</a>" in cable
    assert ">William Burns</a>" in cable
    assert "1. (C) SUMMARY" in cable
    person = client.get("/id/person/vladimir-titov", headers={"accept": "text/html"}).text
    assert "<h1>Vladimir Titov</h1>" in person


@pytest.mark.server
def test_a_cable_iri_redirects_to_its_page(client: httpx.Client) -> None:
    response = client.get("/id/cable/07MOSCOW628", headers={"accept": "text/turtle"})
    assert response.status_code == 303
    assert response.headers["location"] == "/cable/07MOSCOW628"
    followed = client.get(
        "/id/cable/07MOSCOW628", headers={"accept": "text/turtle"}, follow_redirects=True
    )
    assert followed.headers["content-type"].startswith("text/turtle")


@pytest.mark.server
def test_entity_pages_follow_the_base_iri() -> None:
    from kg.rdf.iri import IRIs

    store = Store(iris=IRIs("http://localhost:8000/resource/"))
    store.load(
        b'<http://localhost:8000/resource/person/x> <http://xmlns.com/foaf/0.1/name> "X" .',
        format="nt",
        graph="http://localhost:8000/resource/graph/1",
    )
    with client_for(create_app(store)) as client:
        response = client.get("/resource/person/x", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "<h1>X</h1>" in response.text
