"""``kg load FILE...``: a user's own RDF into the store (``kg.load``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.common import (
    EXIT_OK,
    Commands,
    Env,
    command,
    open_store,
)


def run(args: argparse.Namespace) -> int:
    from kg.load import check_graph, load_file

    store = open_store(args)
    if args.graph:
        check_graph(store, args.graph, force=args.force)
    for name in args.files:
        path = Path(name)
        added = load_file(store, path, format=args.format, graph=args.graph)
        print(f"{path}: {added} quads added", file=sys.stdout)
    store.flush()
    return EXIT_OK


def add(commands: Commands, common: argparse.ArgumentParser, env: Env) -> None:
    sub = command(commands, common, "load", run, "add a user's own RDF to the store")
    sub.add_argument("files", nargs="+", metavar="FILE")
    sub.add_argument(
        "--format",
        choices=("turtle", "nt", "nquads", "trig", "rdfxml", "jsonld", "n3"),
        help="default from the extension",
    )
    sub.add_argument(
        "--graph",
        metavar="IRI",
        help="the named graph for triple formats (default: the default graph)",
    )
    sub.add_argument(
        "--force",
        action="store_true",
        help="load into a cable's graph or the identity links' graph even so (lost when "
        "they are rewritten)",
    )
