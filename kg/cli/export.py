"""``kg export``: the store, or one cable's graph, as RDF (``kg.export``)."""

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
from kg.errors import QueryError


def run(args: argparse.Namespace) -> int:
    from kg import export

    store = open_store(args, read_only=True)
    graph = None
    if args.cable:
        reference_id = args.cable.strip().upper()
        graph = store.iris.graph(reference_id)
        if graph not in set(store.cable_graphs()):
            raise QueryError(
                f"no cable {reference_id} in the store at {args.store}",
                hint="kg stats --cables lists the reference IDs it holds",
            )
    if args.output in (None, "-"):
        export.write(store, sys.stdout.buffer, format=args.format, graph=graph)
        sys.stdout.buffer.flush()
    else:
        export.write_file(store, Path(args.output), format=args.format, graph=graph)
    return EXIT_OK


def add(commands: Commands, common: argparse.ArgumentParser, env: Env) -> None:
    sub = command(commands, common, "export", run, "write the store, or one cable's graph, as RDF")
    sub.add_argument(
        "--format", choices=("turtle", "nt", "nquads", "trig", "jsonld", "rdfxml"), default="nquads"
    )
    sub.add_argument("-o", "--output", metavar="FILE", help="default stdout")
    sub.add_argument("--cable", metavar="REFID", help="only this cable's named graph")
