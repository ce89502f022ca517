"""The Graph Store HTTP Protocol at /graphs: reads in every format, writes when allowed."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest

from api.app import create_app
from kg.store import Store
from tests.builders import BASE, cable_store
from tests.live_server import client_for

pytestmark = [pytest.mark.server, pytest.mark.store("sample")]

GRAPH = f"{BASE}graph/07MOSCOW628"
FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
QUAD_FORMATS = {"application/n-quads", "application/trig"}


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[httpx.Client]:
    with client_for(create_app(store)) as http:
        yield http


def parse(response: httpx.Response) -> set[ox.Quad]:
    media = response.headers["content-type"].split(";")[0]
    return set(ox.parse(response.content, FORMATS[media]))


@pytest.mark.parametrize("media_type", list(FORMATS))
def test_get_a_graph_in_every_format(client: httpx.Client, store: Store, media_type: str) -> None:
    response = client.get("/graphs", params={"graph": GRAPH}, headers={"accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    expected = set(store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(GRAPH)))
    if media_type not in QUAD_FORMATS:
        expected = {ox.Quad(q.subject, q.predicate, q.object) for q in expected}
    assert parse(response) == expected


def test_default_reads_the_union_or_the_whole_dataset(client: httpx.Client, store: Store) -> None:
    union = parse(client.get("/graphs?default", headers={"accept": "application/n-triples"}))
    assert {q.triple for q in union} == {q.triple for q in store.oxigraph}
    dataset = parse(client.get("/graphs?default", headers={"accept": "application/n-quads"}))
    assert dataset == set(store.oxigraph)


def test_head_has_headers_and_no_body(client: httpx.Client) -> None:
    response = client.head("/graphs", params={"graph": GRAPH}, headers={"accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert response.content == b""


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"graph": "http://e/nothing"}, 404),
        ({}, 400),
        ({"graph": GRAPH, "default": ""}, 400),
        ({"graph": "not absolute"}, 400),
    ],
)
def test_bad_reads(client: httpx.Client, params: dict[str, str], status: int) -> None:
    assert client.get("/graphs", params=params).status_code == status


def test_unacceptable_is_406(client: httpx.Client) -> None:
    response = client.get("/graphs", params={"graph": GRAPH}, headers={"accept": "text/csv"})
    assert response.status_code == 406


@pytest.mark.parametrize("method", ["put", "post", "delete"])
def test_writes_are_refused_when_read_only(client: httpx.Client, method: str) -> None:
    kwargs = {} if method == "delete" else {"content": "<http://e/s> <http://e/p> 1 ."}
    response = client.request(
        method.upper(),
        "/graphs",
        params={"graph": GRAPH},
        headers={"content-type": "application/n-triples"},
        **kwargs,  # type: ignore[arg-type]
    )
    assert response.status_code == 403
    assert client.get("/graphs", params={"graph": GRAPH}).status_code == 200


def test_put_post_delete_a_graph() -> None:
    store = Store()
    with client_for(create_app(store, update_token="t0ken")) as client:
        auth = {"authorization": "Bearer t0ken", "content-type": "text/turtle"}
        put = client.put(
            "/graphs",
            params={"graph": "http://e/g"},
            headers=auth,
            content="<http://e/s> <http://e/p> 1, 2 .",
        )
        assert put.status_code == 201
        again = client.put(
            "/graphs",
            params={"graph": "http://e/g"},
            headers=auth,
            content="<http://e/s> <http://e/p> 3 .",
        )
        assert again.status_code == 204
        post = client.post(
            "/graphs",
            params={"graph": "http://e/g"},
            headers=auth,
            content="<s> <p> _:b .",
        )
        assert post.status_code == 204
        got = parse(client.get("/graphs", params={"graph": "http://e/g"}))
        objects = {str(q.object) for q in got if not isinstance(q.object, ox.BlankNode)}
        assert objects == {'"3"^^<http://www.w3.org/2001/XMLSchema#integer>'}
        assert any(q.subject == ox.NamedNode(str(client.base_url.join("/s"))) for q in got)
        unauthorized = client.delete("/graphs", params={"graph": "http://e/g"})
        assert unauthorized.status_code == 401
        assert (
            client.delete("/graphs", params={"graph": "http://e/g"}, headers=auth).status_code
            == 204
        )
        assert client.get("/graphs", params={"graph": "http://e/g"}).status_code == 404


def test_default_writes_go_to_the_real_default_graph() -> None:
    store = cable_store()
    with client_for(create_app(store, allow_update=True)) as client:
        response = client.put(
            "/graphs?default",
            content='<http://e/s> <http://e/p> "1" .',
            headers={"content-type": "application/n-triples"},
        )
        assert response.status_code == 204
    assert len(list(store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph()))) == 1
    assert len(list(store.cable_graphs())) == 2


def test_bad_uploads() -> None:
    with client_for(create_app(Store(), allow_update=True)) as client:
        broken = client.put(
            "/graphs",
            params={"graph": "http://e/g"},
            content="<http://e/s> <http://e/p> .",
            headers={"content-type": "text/turtle"},
        )
        assert broken.status_code == 400
        unknown = client.put(
            "/graphs",
            params={"graph": "http://e/g"},
            content="x",
            headers={"content-type": "text/csv"},
        )
        assert unknown.status_code == 415
