"""``kg eval ...``: the extraction scorer (``kg.evaluate``), its arguments its own."""

from __future__ import annotations

import argparse

from kg.cli.common import (
    Commands,
    Env,
    command,
)


def run(args: argparse.Namespace) -> int:
    from kg.evaluate import main as evaluate

    return evaluate(list(args.args))


def add(commands: Commands, common: argparse.ArgumentParser, env: Env) -> None:
    sub = command(commands, common, "eval", run, "score the extraction against annotated cables")
    sub.add_argument("args", nargs="*", metavar="ARG", help="see kg eval --help")
