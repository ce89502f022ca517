"""``kg serve``: SPARQL, Graph Store, GraphQL and linked-data pages over HTTP (``api``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kg.cli.common import (
    EXIT_OK,
    Commands,
    Env,
    command,
    open_store,
    positive,
)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app

    # Read-only unless writes are on: an ingest can then run beside the server, and a store
    # on a read-only disk can be served; SPARQL runs in child processes a deadline can stop.
    store = open_store(args, read_only=not (args.allow_update or args.update_token))
    # Without --queries-dir (or $KG_QUERIES) the app finds the repository's queries/.
    saved: dict[str, Any] = {"queries_dir": Path(args.queries_dir)} if args.queries_dir else {}
    # Limits left unset keep create_app's defaults (one place states them).
    limits = {
        option: value
        for option, value in (
            ("query_timeout", args.query_timeout),
            ("query_workers", args.query_workers),
            ("max_query_bytes", args.max_query_bytes),
            ("max_upload_bytes", args.max_upload_bytes),
            ("result_limit", args.result_limit),
            ("graphql_max_cost", args.max_cost),
            ("graphql_timeout", args.graphql_timeout),
            ("graphql_workers", args.graphql_workers),
            ("saved_workers", args.saved_workers),
            ("queue", args.queue),
            ("queue_wait", args.queue_wait),
            ("query_memory", args.query_memory and args.query_memory * 2**20),
        )
        if value is not None
    }
    app = create_app(
        store,
        allow_update=args.allow_update,
        update_token=args.update_token,
        cors_origins=tuple(args.cors_origin),
        **saved,
        **limits,
    )
    uvicorn.run(app, host=args.host, port=args.port)
    return EXIT_OK


def add(commands: Commands, common: argparse.ArgumentParser, env: Env) -> None:
    sub = command(commands, common, "serve", run, "serve SPARQL, GraphQL and linked data over HTTP")
    sub.add_argument("--host", default="127.0.0.1")
    sub.add_argument("--port", type=int, default=8000)
    sub.add_argument(
        "--allow-update", action="store_true", help="accept SPARQL Update and Graph Store writes"
    )
    sub.add_argument(
        "--update-token",
        default=env.update_token,
        metavar="T",
        help="accept writes with this bearer token ($KG_UPDATE_TOKEN)",
    )
    sub.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="allow browser calls from ORIGIN (repeatable)",
    )
    sub.add_argument(
        "--queries-dir",
        default=env.queries,
        metavar="DIR",
        help="saved queries served at /queries ($KG_QUERIES, else queries/)",
    )
    limits = sub.add_argument_group("limits (docs/http-api.md)")
    for flag, kind, metavar, text in LIMITS:
        limits.add_argument(flag, type=kind, default=None, metavar=metavar, help=text)


#: The limit options: flag, type, metavar, help. Unset ones keep create_app's defaults.
LIMITS: tuple[tuple[str, Any, str, str], ...] = (
    ("--query-timeout", float, "S", "seconds a SPARQL query may run, 503 after (default 30)"),
    (
        "--query-workers",
        positive,
        "N",
        "SPARQL queries run at once; more wait in the queue (default 4)",
    ),
    (
        "--max-query-bytes",
        positive,
        "B",
        "longest query or update, 413 beyond (default 1000000)",
    ),
    (
        "--max-upload-bytes",
        positive,
        "B",
        "largest Graph Store upload, 413 beyond (default 100000000)",
    ),
    (
        "--result-limit",
        positive,
        "N",
        "cut SPARQL answers at N solutions or triples (default: no cut)",
    ),
    (
        "--max-cost",
        positive,
        "N",
        "largest estimated cost of a GraphQL operation, 400 beyond (default 20000)",
    ),
    (
        "--graphql-timeout",
        float,
        "S",
        "seconds a GraphQL operation may run, 503 after (default: --query-timeout)",
    ),
    ("--graphql-workers", positive, "N", "GraphQL operations run at once (default 2)"),
    ("--saved-workers", positive, "N", "saved queries (/queries) run at once (default 2)"),
    (
        "--queue",
        int,
        "N",
        "requests that may wait for a worker, per pool; 503 beyond (default 1024)",
    ),
    (
        "--queue-wait",
        float,
        "S",
        "seconds a request may wait for a worker, 503 after (default 30)",
    ),
    (
        "--query-memory",
        positive,
        "MB",
        "memory one SPARQL query may use, stopped beyond (default 2048)",
    ),
)
