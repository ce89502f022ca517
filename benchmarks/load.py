"""Many clients at once against a running server: throughput, latency, errors.

A bounded asyncio client on loopback: ``--clients`` clients each send requests one after
another, each on a connection of its own, for ``--requests`` in all; ``--mix full`` is a
quarter each of the GraphQL headline question, a SPARQL SELECT, the saved ``who_met``
query and the home page, ``--mix burst`` a third each of all but ``who_met``. The client
writes and reads raw HTTP/1.1 on asyncio streams: on a machine of two cores an HTTP client
library cost more CPU than the server it measured. Prints requests/s, p50/p99 per kind
and every status that is not 200 (``--server-pid``: the server's CPU time too). With
``--ingest PATH`` a ``kg ingest PATH`` runs into the served store at the same time (the
server reads the store read-only; the ingest is its one writer), and its exit status and
time are printed too.

    kg --store STORE serve --port 8000 &
    python -m benchmarks.load --url http://127.0.0.1:8000 --clients 256 --requests 5000 \\
        --person Titov --topic PREL [--store STORE --ingest more-cables.csv]

Only loopback addresses are accepted: this is a load test of our own server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlparse

GQL = "application/graphql-response+json"
TITLES = "SELECT ?c ?s WHERE { ?c <http://purl.org/dc/terms/title> ?s } LIMIT 20"


#: The kinds of each ``--mix``: ``full`` adds the saved ``who_met`` query to ``burst``,
#: the mix the 256-at-once target is stated for (a third each).
MIXES = {
    "full": ("graphql headline", "sparql select", "saved who_met", "page home"),
    "burst": ("graphql headline", "sparql select", "page home"),
}


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) of process ``pid`` and of every process under it that
    is alive (Linux ``/proc``): the server's own cost, whatever else the machine runs."""
    ticks = os.sysconf("SC_CLK_TCK")
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):
            continue  # ended meanwhile
    return total


def requests_for(
    person: str, topic: str, mix: str = "full"
) -> list[tuple[str, str, dict[str, object]]]:
    """(kind, method+path, options) of the mix, in the order clients cycle through them."""
    headline = (
        "query ($who: String, $topic: String) { meetings(participant: $who, topic: $topic) "
        "{ date cable { referenceId } participants { name } } }"
    )
    every: list[tuple[str, str, dict[str, object]]] = [
        (
            "graphql headline",
            "POST /graphql",
            {
                "json": {"query": headline, "variables": {"who": person, "topic": topic}},
                "headers": {"accept": GQL},
            },
        ),
        (
            "sparql select",
            "GET /sparql",
            {
                "params": {"query": TITLES},
                "headers": {"accept": "application/sparql-results+json"},
            },
        ),
        (
            "saved who_met",
            "GET /queries/who_met",
            {"params": {"person": person, "topic": topic}, "headers": {"accept": "text/csv"}},
        ),
        ("page home", "GET /", {"headers": {"accept": "text/html"}}),
    ]
    return [request for request in every if request[0] in MIXES[mix]]


def raw_request(host: str, route: str, options: dict[str, Any]) -> bytes:
    """The bytes of one HTTP/1.1 request (``Connection: close``), built once per kind."""
    method, path = route.split(" ", 1)
    if "params" in options:
        path += "?" + urlencode(options["params"])
    body = b""
    headers = {"host": host, "connection": "close", **options.get("headers", {})}
    if "json" in options:
        body = json.dumps(options["json"]).encode()
        headers["content-type"] = "application/json"
    if body or method == "POST":
        headers["content-length"] = str(len(body))
    head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return (head + "\r\n").encode() + body


async def send(host: str, port: int, request: bytes, timeout: float) -> int | str:
    """Send ``request`` on a new connection; the response's status (read to its end), or
    the name of what went wrong. Raw asyncio streams rather than an HTTP client library:
    the client must cost far less than the server, or it measures itself."""
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection(host, port)
            try:
                writer.write(request)
                status_line = await reader.readline()
                await reader.read()  # to the end: the server closes after the response
            finally:
                writer.close()
        return int(status_line.split()[1])
    except (OSError, TimeoutError, IndexError, ValueError) as error:
        return type(error).__name__


async def run(args: argparse.Namespace) -> dict[str, object]:
    url = urlparse(args.url)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    mix = [
        (kind, raw_request(url.netloc, route, options))
        for kind, route, options in requests_for(args.person, args.topic, args.mix)
    ]
    latencies: dict[str, list[float]] = defaultdict(list)
    statuses: Counter[tuple[str, int | str]] = Counter()
    counter = iter(range(args.requests))

    async def worker() -> None:
        for number in counter:
            kind, request = mix[number % len(mix)]
            started = time.perf_counter()
            status = await send(host, port, request, args.timeout)
            latencies[kind].append(time.perf_counter() - started)
            statuses[(kind, status)] += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(args.clients)))
    elapsed = time.perf_counter() - started
    by_kind = {
        kind: {
            "requests": len(times),
            "p50_ms": round(1000 * statistics.median(times), 1),
            "p99_ms": round(1000 * sorted(times)[max(0, int(len(times) * 0.99) - 1)], 1),
        }
        for kind, times in sorted(latencies.items())
    }
    errors = {f"{kind} {status}": n for (kind, status), n in statuses.items() if status != 200}
    return {
        "clients": args.clients,
        "mix": args.mix,
        "requests": args.requests,
        "seconds": round(elapsed, 2),
        "requests_per_s": round(args.requests / elapsed, 1),
        "by_kind": by_kind,
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--person", default="Wisner")
    parser.add_argument("--topic", default="Kosovo")
    parser.add_argument(
        "--mix",
        choices=sorted(MIXES),
        default="full",
        help="full: a quarter each of GraphQL, SPARQL, who_met and the home page; "
        "burst: a third each of GraphQL, SPARQL and the home page",
    )
    parser.add_argument("--store", help="the served store, for --ingest")
    parser.add_argument("--ingest", metavar="PATH", help="ingest PATH into --store meanwhile")
    parser.add_argument(
        "--server-pid",
        type=int,
        help="the server's process: report the CPU time it and its children used (Linux)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    host = urlparse(args.url).hostname or ""
    if not (host == "localhost" or host.startswith("127.") or host == "::1"):
        parser.error("the load test sends traffic to loopback addresses only")
    ingest = None
    if args.ingest:
        if not args.store:
            parser.error("--ingest needs --store (the store the server reads)")
        command = [sys.executable, "-m", "kg.cli", "--store", args.store, "ingest", args.ingest]
        ingest = (time.perf_counter(), subprocess.Popen(command, stdout=subprocess.DEVNULL))
    cpu_before = cpu_seconds(args.server_pid) if args.server_pid else 0.0
    figures = asyncio.run(run(args))
    if args.server_pid:
        used = cpu_seconds(args.server_pid) - cpu_before
        figures["server_cpu_s"] = round(used, 2)
        figures["server_cpu_ms_per_request"] = round(1000 * used / args.requests, 2)
    if ingest is not None:
        began, process = ingest
        figures["ingest"] = {
            "exit": process.wait(),
            "seconds": round(time.perf_counter() - began, 1),
        }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            f"{figures['requests']} requests from {figures['clients']} clients in "
            f"{figures['seconds']} s: {figures['requests_per_s']} requests/s"
        )
        for kind, row in figures["by_kind"].items():  # type: ignore[attr-defined]
            print(f"  {kind:18} p50 {row['p50_ms']:8.1f} ms   p99 {row['p99_ms']:8.1f} ms")
        print(f"  errors: {figures['errors'] or 'none'}")
        if "server_cpu_s" in figures:
            print(
                f"  server CPU: {figures['server_cpu_s']} s, "
                f"{figures['server_cpu_ms_per_request']} ms a request"
            )
        if "ingest" in figures:
            print(f"  ingest meanwhile: {figures['ingest']}")
    return 0 if not figures["errors"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
