"""Queries on a store served read-only run in child processes: stopped at the deadline,
bounded in memory, and seeing what an ingest beside the server commits.

Outcomes are counted, never timed: each bound below is minutes away from the behaviour
it guards against (a query running to its end, a server that never answers).
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from starlette.applications import Starlette

from api.app import create_app
from kg.rdf.vocabulary import KG
from kg.store import Store
from tests.live_server import LiveServer, serve

pytestmark = pytest.mark.server

#: 200**4 = 1.6 billion solutions counted in one uninterruptible aggregate step: minutes.
COUNT_PRODUCT = "SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }"
#: Every solution of a product, sorted: Oxigraph materializes all of it before the first row.
SORTED_PRODUCT = "SELECT * { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f } ORDER BY ?b ?d ?f"


def until(condition: Callable[[], bool], what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store")
    store = Store(path)
    store.oxigraph.extend(
        ox.Quad(
            ox.NamedNode(f"http://e/{i}"),
            ox.NamedNode("http://e/p"),
            ox.Literal(i),
            ox.NamedNode("http://e/g"),
        )
        for i in range(200)
    )
    store.flush()
    del store
    return path


def children(app: Starlette) -> list[object]:
    pool = app.state.processes
    return [child for child in pool._children if child.alive]


def running(app: Starlette) -> set[int]:
    return {child.process.pid for child in app.state.processes._children if child.alive}


@pytest.fixture
def isolated(store_path: Path) -> Iterator[tuple[Starlette, LiveServer]]:
    app = create_app(Store(store_path, read_only=True), query_timeout=1, query_workers=2)
    assert app.state.processes is not None
    with serve(app) as server:
        yield app, server
    app.state.processes.close()


def test_a_query_past_its_deadline_is_killed_not_left_running(
    isolated: tuple[Starlette, LiveServer],
) -> None:
    app, server = isolated
    with httpx.Client(base_url=server.url, timeout=120) as client:
        response = client.get("/sparql", params={"query": COUNT_PRODUCT})
        assert response.status_code == 503
        assert "longer than 1 s" in response.text
        stopped = app.state.processes.stopped
        # the process that ran it is killed (by its worker thread, right after the answer)
        until(lambda: len(stopped) == 1, "the query process was killed")
        assert not Path(f"/proc/{stopped[0]}").exists() or stopped[0] not in running(app)
        for _ in range(3):  # the next queries get fresh workers and are answered
            ok = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            assert ok.status_code == 200
            assert "true" in ok.text


def test_four_heavy_queries_leave_the_server_answering(
    isolated: tuple[Starlette, LiveServer],
) -> None:
    app, server = isolated
    import concurrent.futures

    with (
        httpx.Client(base_url=server.url, timeout=120) as client,
        concurrent.futures.ThreadPoolExecutor(4) as pool,
    ):
        heavy = [
            pool.submit(client.get, "/sparql", params={"query": COUNT_PRODUCT}) for _ in range(4)
        ]
        assert client.get("/health").status_code == 200
        assert client.get("/", headers={"accept": "text/html"}).status_code == 200
        assert [future.result().status_code for future in heavy] == [503] * 4
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    until(lambda: not children(app) or len(children(app)) <= 2, "runaway children ended")


def test_a_query_over_its_memory_bound_is_stopped_and_said_so(store_path: Path) -> None:
    app = create_app(Store(store_path, read_only=True), query_timeout=600, query_memory=300 * 2**20)
    with serve(app) as server, httpx.Client(base_url=server.url, timeout=600) as client:
        response = client.get("/sparql", params={"query": SORTED_PRODUCT})
        assert response.status_code == 503
        assert "memory" in response.text
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    app.state.processes.close()


def test_an_ingest_beside_the_server_shows_up_in_its_answers(
    tmp_path: Path, seed_path: Path
) -> None:
    path = tmp_path / "store"
    Store(path).flush()
    app = create_app(Store(path, read_only=True))
    count = f"SELECT (COUNT(DISTINCT ?c) AS ?n) {{ ?c a <{KG.Cable}> }}"
    with serve(app) as server, httpx.Client(base_url=server.url, timeout=120) as client:

        def graphs() -> str:
            answer = client.get("/sparql", params={"query": count}, headers={"accept": "text/csv"})
            assert answer.status_code == 200
            return answer.text.split()[-1]

        assert graphs() == "0"
        ingest = subprocess.run(
            [
                sys.executable,
                "-m",
                "kg.cli",
                "--store",
                str(path),
                "ingest",
                "--no-link",
                str(seed_path),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert ingest.returncode == 0, ingest.stderr
        until(lambda: graphs() == "4", "the four seed cables are answered")
        page = client.get("/cable/07MOSCOW628", headers={"accept": "text/html"})
        until(
            lambda: (
                client.get("/cable/07MOSCOW628", headers={"accept": "text/html"}).status_code == 200
            ),
            "the cable page is served",
        )
        del page
    app.state.processes.close()


def test_kg_serve_leaves_the_store_to_an_ingest(tmp_path: Path, seed_path: Path) -> None:
    import socket

    path = tmp_path / "store"
    kg = [sys.executable, "-m", "kg.cli", "--store", str(path)]
    subprocess.run([*kg, "ingest", "--no-link", str(seed_path)], check=True, capture_output=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [*kg, "serve", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        url = f"http://127.0.0.1:{port}"

        def up() -> bool:
            try:
                return httpx.get(f"{url}/health", timeout=5).status_code == 200
            except httpx.HTTPError:
                assert server.poll() is None, "kg serve ended"
                return False

        until(up, "kg serve answers")
        again = subprocess.run(
            [*kg, "ingest", "--force", str(seed_path)], capture_output=True, text=True, check=False
        )
        assert again.returncode == 0, again.stderr  # before: "is another process writing to it?"
        answer = httpx.get(
            f"{url}/sparql",
            params={"query": "ASK { GRAPH ?g { ?s ?p ?o } }"},
            headers={"accept": "text/csv"},
            timeout=60,
        )
        assert answer.status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=60)
