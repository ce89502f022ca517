"""``kg query Q``: SPARQL text, or a saved query by name with --param key=value."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kg.cli.common import (
    EXIT_OK,
    Commands,
    Env,
    command,
    open_store,
)
from kg.errors import ConfigError, QueryError


def run(args: argparse.Namespace) -> int:
    from kg import queries
    from kg.results import write_results

    params = _params(args.param)
    text = sys.stdin.read() if args.query == "-" else args.query
    store = open_store(args, read_only=True)
    hidden: set[str] = set()
    bindings = {}
    if queries.is_name(text):
        saved = queries.get(text.strip(), args.queries_dir)
        sparql, hidden = saved.prepared(params, store.iris)
    else:
        import pyoxigraph as ox

        # Ad-hoc SPARQL: --param values bind as plain strings.
        bindings = {key: ox.Literal(value) for key, value in params.items()}
        sparql = text
    try:
        result = queries.execute(store, sparql, bindings)
    except QueryError as error:
        if queries.is_update(sparql):
            raise QueryError(
                "kg query runs queries, not updates (INSERT, DELETE, LOAD, DROP, ...)",
                hint="to change the store, add RDF with kg load FILE, or run kg serve "
                "--allow-update and send the SPARQL Update to /sparql",
            ) from error
        raise
    fmt = args.format or ("table" if sys.stdout.isatty() else "csv")
    write_results(result, sys.stdout, format=fmt, hidden=hidden, prefixes=store.prefixes())
    return EXIT_OK


def _params(pairs: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ConfigError(
                f"--param {pair!r} is not key=value", hint="e.g. --param person=Wisner"
            )
        params[key.strip()] = value
    return params


def add(commands: Commands, common: argparse.ArgumentParser, env: Env) -> None:
    sub = command(commands, common, "query", run, "run SPARQL text, or a saved query by NAME")
    sub.add_argument(
        "query", metavar="SPARQL|NAME", help="query text, a saved query's name, or - for stdin"
    )
    sub.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a saved query's parameter (repeatable)",
    )
    sub.add_argument(
        "--format",
        choices=("table", "json", "csv", "tsv", "turtle", "nt"),
        help="table on a terminal, else csv; CONSTRUCT gives turtle",
    )
    sub.add_argument(
        "--queries-dir",
        default=env.queries,
        metavar="DIR",
        help="saved queries ($KG_QUERIES, else queries/)",
    )
