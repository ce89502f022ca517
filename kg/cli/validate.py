"""``kg validate``: SHACL over the store or one cable (``kg.validate``)."""

from __future__ import annotations

import argparse
import sys

from kg.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    Commands,
    Env,
    command,
    open_store,
)
from kg.errors import QueryError


def run(args: argparse.Namespace) -> int:
    from kg.validate import validate_store

    store = open_store(args, read_only=True)
    graph = None
    if args.cable:
        graph = store.iris.graph(args.cable.strip().upper())
        if graph not in set(store.cable_graphs()):
            raise QueryError(
                f"no cable {args.cable} in the store at {args.store}",
                hint="kg stats --cables lists the reference IDs it holds",
            )
    conforms, text = validate_store(store, graph=graph)
    print(text, file=sys.stdout)
    return EXIT_OK if conforms else EXIT_FAILED


def add(commands: Commands, common: argparse.ArgumentParser, env: Env) -> None:
    sub = command(
        commands, common, "validate", run, "check the store (or one cable) against the SHACL shapes"
    )
    sub.add_argument("--cable", metavar="REFID")
