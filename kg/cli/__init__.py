"""The ``kg`` command: thin commands over the library, errors mapped to exit codes here.

    kg [--store DIR] [--base IRI] COMMAND ...
      ingest PATH...      files, folders or - (stdin) -> the store
      link                identity links: surname-only people to full names (owl:sameAs)
      serve               SPARQL, Graph Store, GraphQL and linked-data pages over HTTP
      query Q             SPARQL text, or a saved query's NAME with --param key=value
      export              Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML
      load FILE...        a user's own RDF into the store
      stats               counts: cables, triples, graphs, people, ..., by origin and year
      validate            SHACL over the store or one cable
      index               the full-text search index beside the store, built afresh
      compact             the store rewritten through the bulk loader, compressed
      eval ...            the extraction scorer

The environment (KG_STORE, KG_BASE_IRI, KG_QUERIES, KG_UPDATE_TOKEN) is read once, in
``main``; every command gets its settings as arguments.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Callable, Sequence

from kg.cli import compact, export, index, ingest, link, load, query, serve, stats, validate
from kg.cli import eval as eval_command
from kg.cli.common import EXIT_CODES, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, Env, exit_code
from kg.errors import KGError

__all__ = [
    "EXIT_CODES",
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "Env",
    "build_parser",
    "exit_code",
    "main",
]

#: The commands, in the order ``kg --help`` lists them; each module adds its own.
COMMANDS = (ingest, link, serve, query, export, load, stats, validate, index, compact, eval_command)


def build_parser(env: Env) -> argparse.ArgumentParser:
    # --store and --base are accepted before or after the command; after wins.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--store",
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="the store folder, or a SPARQL server's URL",
    )
    common.add_argument(
        "--base", default=argparse.SUPPRESS, metavar="IRI", help="base of instance IRIs"
    )

    parser = argparse.ArgumentParser(
        prog="kg", description="A knowledge graph of US diplomatic cables."
    )
    parser.add_argument(
        "--store",
        default=env.store,
        metavar="DIR",
        help="the store folder ($KG_STORE, else ./kg-data), or a SPARQL server's query "
        "endpoint URL (docs/scale-out.md)",
    )
    parser.add_argument(
        "--base", default=env.base, metavar="IRI", help="base of instance IRIs ($KG_BASE_IRI)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.add(commands, common, env)
    return parser


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    # `kg eval` hands everything after it to the scorer's own parser, options included.
    if "eval" in argv:
        at = argv.index("eval")
        try:
            with contextlib.redirect_stderr(io.StringIO()):
                args = parser.parse_args(argv[: at + 1])
        except SystemExit:
            pass  # "eval" was an option's value, not the command
        else:
            args.args = argv[at + 1 :]
            return args
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    env = Env.read(os.environ)
    parser = build_parser(env)
    args = _parse(parser, list(sys.argv[1:] if argv is None else argv))
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except KGError as error:
        print(f"kg: error: {error}", file=sys.stderr)
        return exit_code(error)
    except KeyboardInterrupt:
        print("kg: interrupted; the store holds every cable finished so far", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `kg export | head`: the reader left; not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
