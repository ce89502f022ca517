"""The store and the HTTP API over a real Oxigraph server (``RemoteStore``, ``--store URL``).

Each answer is checked against the same question asked of the embedded store holding the
same cables: the server must not be told apart. Needs the ``oxigraph`` CLI (the
``oxigraph`` package of the test dependencies): see ``tests/oxigraph_server.py``.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from api.app import create_app
from kg.cli import main
from kg.errors import QueryError
from kg.ingest import ingest
from kg.queries import load_queries, run_saved
from kg.store import Store
from kg.store.remote import RemoteStore
from tests.conftest import SEED
from tests.live_server import client_for
from tests.oxigraph_server import oxigraph_server

pytestmark = [pytest.mark.server]

CABLE = "https://w3id.org/cablegraph/id/graph/07MOSCOW627"
HREF = re.compile(r'href="([^"]*)"')
TITLE = re.compile(r"<title>(.*?)</title>")
HEADLINE = (
    '{ meetings(participant: "Wisner", topic: "Kosovo") '
    "{ date status cable { referenceId } participants { name } topics { label } } }"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(scope="module")
def remote(server: str) -> RemoteStore:
    """The seed cables ingested into the server through ``RemoteStore`` (no links)."""
    store = RemoteStore(f"{server}/query")
    assert ingest([str(SEED)], store).ingested == 4
    return store


@pytest.fixture
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteStore]:
    """A server of its own, for a test that writes."""
    with oxigraph_server(tmp_path_factory.mktemp("scratch")) as url:
        yield RemoteStore(f"{url}/query")


def kg(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(argv))
    return code, out.getvalue()


# -- the store -----------------------------------------------------------------------------


def test_an_ingest_stores_the_same_quads(remote: RemoteStore, seed_store: Store) -> None:
    assert set(remote.quads()) == set(seed_store.quads())
    assert len(remote) == len(seed_store)
    assert sorted(remote.graph_names()) == sorted(seed_store.graph_names())
    assert sorted(remote.cable_graphs()) == sorted(seed_store.cable_graphs())


def test_graphs_and_checksums(remote: RemoteStore, seed_store: Store) -> None:
    assert remote.checksum("07MOSCOW627") == seed_store.checksum("07MOSCOW627") is not None
    assert remote.checksum("99NOWHERE1") is None
    assert remote.has_graph(CABLE)
    assert remote.contains_graph(CABLE)
    assert not remote.has_graph(CABLE + "X")
    assert not remote.contains_graph(CABLE + "X")
    assert set(remote.quads(CABLE)) == set(seed_store.quads(CABLE))
    assert not list(remote.quads(ox.DefaultGraph()))  # every triple is in a cable's graph
    subject = ox.NamedNode("https://w3id.org/cablegraph/id/cable/07MOSCOW627")
    assert set(remote.quads(CABLE, subject=subject)) == set(
        seed_store.quads(CABLE, subject=subject)
    )


def test_every_saved_query_answers_as_the_embedded_store(
    remote: RemoteStore, seed_store: Store
) -> None:
    for name, saved in load_queries().items():
        params = saved.example_params
        assert run_saved(remote, name, params) == run_saved(seed_store, name, params), name


def test_query_forms_bindings_and_datasets(remote: RemoteStore, seed_store: Store) -> None:
    select = "SELECT ?x ?t WHERE { ?x a ?t } ORDER BY ?t"
    x = {"x": ox.NamedNode("https://w3id.org/cablegraph/id/cable/07MOSCOW627")}
    assert remote.select(select, bindings=x) == seed_store.select(select, bindings=x)
    assert bool(remote.query("ASK { ?s a ?t }")) is True
    construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{CABLE}> {{ ?s ?p ?o }} }}"
    assert set(remote.query(construct)) == set(seed_store.query(construct))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert remote.select(count, default_graph=[CABLE]) == seed_store.select(
        count, default_graph=[CABLE]
    )
    relative = "SELECT ?x WHERE { BIND(<here> AS ?x) }"
    assert remote.select(relative, base_iri="https://example.org/")[0]["x"] == ox.NamedNode(
        "https://example.org/here"
    )
    with pytest.raises(QueryError):
        remote.query("SELECT WHERE {")


def test_writes_replace_group_load_and_drop(scratch: RemoteStore) -> None:
    one, two = "https://example.org/g/1", "https://example.org/g/2"
    scratch.add_graphs_ntriples([(one, "<urn:a> <urn:b> <urn:c>"), (two, '<urn:a> <urn:b> "2"')])
    assert scratch.has_graph(one)
    assert scratch.has_graph(two)
    assert len(scratch) == 2
    scratch.replace_graph_ntriples(one, "<urn:x> <urn:y> <urn:z>")
    assert [q.subject.value for q in scratch.quads(one)] == ["urn:x"]
    scratch.load(b"<urn:l> <urn:m> <urn:n> .", format="nt", graph="https://example.org/g/3")
    assert scratch.contains_graph("https://example.org/g/3")
    scratch.drop_graph(two)
    assert sorted(scratch.graph_names()) == [one, "https://example.org/g/3"]
    output = io.BytesIO()
    scratch.dump(output, ox.RdfFormat.N_QUADS)
    assert set(ox.parse(output.getvalue(), ox.RdfFormat.N_QUADS)) == set(scratch.quads())


# -- the commands, --store URL -------------------------------------------------------------


def test_read_commands_answer_as_on_a_folder(remote: RemoteStore, tmp_path: Path) -> None:
    folder = str(tmp_path / "store")
    assert kg("--store", folder, "ingest", "--no-link", str(SEED))[0] == 0
    for command in (
        ["stats"],
        ["query", "who_met", "--param", "person=Wisner", "--param", "topic=Kosovo"],
        ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv"],
        ["validate"],
    ):
        on_server = kg("--store", remote.endpoint, *command)
        assert on_server == kg("--store", folder, *command), command
        assert on_server[0] == 0
    for export in (["--format", "nquads"], ["--format", "turtle", "--cable", "07MOSCOW627"]):
        outputs = [tmp_path / "server.out", tmp_path / "folder.out"]
        for store, output in zip((remote.endpoint, folder), outputs, strict=True):
            assert kg("--store", store, "export", *export, "-o", str(output))[0] == 0
        assert outputs[0].read_bytes() == outputs[1].read_bytes(), export


def test_ingest_emit_then_load_into_a_server(
    scratch: RemoteStore, seed_store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "shards"
    assert kg("ingest", "--emit", "nquads", str(folder), str(SEED))[0] == 0
    for shard in sorted(folder.glob("part-*.nq")):
        scratch.load(shard.read_bytes(), format="nquads")
    assert set(scratch.quads()) == set(seed_store.quads())


# -- the HTTP API over the server ----------------------------------------------------------


@pytest.fixture(scope="module")
def clients(remote: RemoteStore, seed_store: Store) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    with client_for(create_app(remote)) as on_server, client_for(create_app(seed_store)) as here:
        yield on_server, here


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20%7B%3Fs%20%3Fp%20%3Fo%7D", None),
        ("POST", "/graphql", {"query": HEADLINE}),
        ("GET", "/queries/who_met?person=Wisner&topic=Kosovo", None),
        ("GET", "/queries/people_in_cable?cable=07MOSCOW627", None),
        ("GET", "/cable/07MOSCOW627", None),
        ("GET", "/id/person/frank-wisner", None),
        ("GET", "/", None),
        ("GET", f"/graphs?graph={CABLE}", None),
    ],
)
def test_the_api_answers_as_over_the_embedded_store(
    clients: tuple[httpx.Client, httpx.Client], method: str, path: str, body: object
) -> None:
    on_server, here = clients
    headers = {"Accept": "application/sparql-results+json"} if "sparql" in path else {}
    answers = [
        client.request(method, path, json=body, headers=headers) for client in (on_server, here)
    ]
    assert answers[0].status_code == answers[1].status_code == 200, answers[0].text[:300]
    if answers[0].headers["content-type"].startswith("text/html"):
        # A page lists a property's values, and picks one of several labels, in the order
        # the store gives them, which is each engine's own: the same links, though.
        assert sorted(HREF.findall(answers[0].text)) == sorted(HREF.findall(answers[1].text))
        assert TITLE.findall(answers[0].text) == TITLE.findall(answers[1].text)
    elif answers[0].headers["content-type"].startswith("text/turtle"):  # in the store's order
        graphs = [set(ox.parse(a.content, ox.RdfFormat.TURTLE)) for a in answers]
        assert graphs[0] == graphs[1]
    else:
        assert answers[0].text == answers[1].text
