"""A SPARQL server that is busy, strict about sizes, or answers nonsense: the remote store
retries what may be retried, splits what is too large, and says clearly what it cannot do.

The server is a small fake on loopback whose answers each test scripts; waits are recorded,
not slept.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.store.remote import RemoteStore

Answer = tuple[int, dict[str, str], bytes]
EMPTY_RESULTS = b'{"head": {"vars": ["c"]}, "results": {"bindings": []}}'


class Fake:
    """Requests seen (path, body) and a function choosing each answer."""

    def __init__(self, answer: Callable[[int, str], Answer]) -> None:
        self.answer = answer
        self.seen: list[str] = []


Start = Callable[[Callable[[int, str], Answer]], tuple[Fake, str]]


@pytest.fixture
def fake() -> Iterator[Start]:
    servers: list[ThreadingHTTPServer] = []

    def start(answer: Callable[[int, str], Answer]) -> tuple[Fake, str]:
        state = Fake(answer)

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                state.seen.append(body)
                status, headers, content = state.answer(len(state.seen), body)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return state, f"http://127.0.0.1:{server.server_address[1]}/sparql"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def remote(url: str, waits: list[float], **options: float) -> RemoteStore:
    store = RemoteStore(url, **options)
    store.sleep = waits.append
    return store


def test_a_busy_server_is_asked_again_after_the_wait_it_names(fake: Start) -> None:
    def answer(number: int, body: str) -> Answer:
        if number <= 2:
            return 503, {"Retry-After": "3"}, b"busy"
        return 200, {"Content-Type": "application/sparql-results+json"}, EMPTY_RESULTS

    state, url = fake(answer)
    waits: list[float] = []
    assert remote(url, waits).select("SELECT ?c {}") == []
    assert waits == [3.0, 3.0]
    assert len(state.seen) == 3


def test_a_server_busy_for_too_long_is_an_error_saying_so(fake: Start) -> None:
    _, url = fake(lambda number, body: (503, {"Retry-After": "10"}, b"busy"))
    waits: list[float] = []
    with pytest.raises(StoreError, match="answered 503"):
        remote(url, waits, retry_for=25).update("INSERT DATA {}")
    assert waits == [10.0, 10.0]


def test_a_graph_too_large_for_the_server_goes_in_pieces_it_takes(fake: Start) -> None:
    def answer(number: int, body: str) -> Answer:
        return (413, {}, b"too large") if len(body) > 400 else (204, {}, b"")

    state, url = fake(answer)
    triples = [
        ox.Triple(ox.NamedNode(f"http://e/s{i}"), ox.NamedNode("http://e/p"), ox.Literal(i))
        for i in range(40)
    ]
    remote(url, []).replace_graph("http://e/g", triples)
    accepted = [body for body in state.seen if len(body) <= 400]
    assert accepted[0].startswith("DROP SILENT GRAPH <http://e/g>")
    inserted = "".join(accepted[1:])
    assert all(f"<http://e/s{i}>" in inserted for i in range(40))
    assert sum(body.count("<http://e/p>") for body in accepted[1:]) == 40


def test_an_answer_that_is_not_sparql_json_is_an_error_not_a_crash(fake: Start) -> None:
    _, url = fake(lambda number, body: (200, {"Content-Type": "text/html"}, b"<html>hi</html>"))
    with pytest.raises(StoreError, match="did not answer in SPARQL JSON results"):
        remote(url, []).select("SELECT ?c {}")
