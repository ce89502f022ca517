"""``kg stats``: counts of what the store holds (``kg.stats``)."""

from __future__ import annotations

import argparse
import sys

from kg.cli.common import (
    EXIT_OK,
    Commands,
    Env,
    command,
    open_store,
)


def run(args: argparse.Namespace) -> int:
    from kg.stats import cable_ids, stats

    store = open_store(args, read_only=True)
    if args.cables:
        for reference_id in cable_ids(store):
            print(reference_id, file=sys.stdout)
        return EXIT_OK
    numbers = stats(store)
    if args.format == "json":
        import json

        print(json.dumps(numbers.as_dict(), indent=2, ensure_ascii=False), file=sys.stdout)
    else:
        print(numbers.text(), file=sys.stdout)
    return EXIT_OK


def add(commands: Commands, common: argparse.ArgumentParser, env: Env) -> None:
    sub = command(commands, common, "stats", run, "counts of what the store holds")
    sub.add_argument("--format", choices=("text", "json"), default="text")
    sub.add_argument(
        "--cables", action="store_true", help="list the stored cables' reference IDs instead"
    )
