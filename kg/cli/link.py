"""``kg link``: identity links, surname-only people to full names (``kg.link``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kg.cli.common import (
    EXIT_OK,
    Commands,
    Env,
    command,
    fraction,
    open_store,
)

if TYPE_CHECKING:
    from kg.link import Link


def run(args: argparse.Namespace) -> int:
    from kg.link import relink

    links = relink(open_store(args), min_confidence=args.min_confidence)
    for link in links:
        same_as = "sameAs" if link.same_as else "      "
        print(f"{link.confidence:.2f}  {same_as}  {link.local_iri}  {link.global_iri}")
    print(links_summary(links), file=sys.stdout)
    return EXIT_OK


def links_summary(links: Sequence[Link]) -> str:
    return links_count(len(links), sum(1 for link in links if link.same_as))


def links_count(linked: int, same_as: int) -> str:
    return f"linked {linked}, sameAs {same_as}"


def add(commands: Commands, common: argparse.ArgumentParser, env: Env) -> None:
    sub = command(commands, common, "link", run, "link people named by surname alone to full names")
    sub.add_argument(
        "--min-confidence",
        type=fraction,
        default=0.5,
        metavar="X",
        help="keep links at least this sure, 0 to 1 (default 0.5)",
    )
