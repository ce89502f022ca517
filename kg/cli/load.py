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
    from kg.load import EXTENSIONS, check_graph, load_file

    store = open_store(args)
    if args.graph:
        check_graph(store, args.graph, force=args.force)
    added_to_cables = False
    for name in args.files:
        path = Path(name)
        added = load_file(store, path, format=args.format, graph=args.graph)
        print(f"{path}: {added} quads added", file=sys.stdout)
        # A quad format names its graphs, perhaps cables': the linker cannot tell which.
        fmt = args.format or EXTENSIONS.get(path.suffix.lower())
        into = args.graph or ("?" if fmt in ("nquads", "trig", "jsonld") else "")
        if added and (into == "?" or into.startswith(f"{store.iris.base}graph/")):
            added_to_cables = True
    store.flush()
    if added_to_cables:
        from kg.link.index import LinkIndex

        index = LinkIndex.open(store)  # the next link reads the whole store
        if index is not None:
            index.set_status("stale")
            index.close()
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
