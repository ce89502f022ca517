"""``kg compact``: rewrite the store compressed, through the bulk loader (``kg.store.compact``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.common import EXIT_OK, Commands, Env, command
from kg.errors import ConfigError
from kg.store.remote import is_url


def run(args: argparse.Namespace) -> int:
    from kg.store.compact import compact

    if is_url(args.store):
        raise ConfigError(
            "kg compact rewrites a store folder", hint="a SPARQL server compacts its own store"
        )
    path = Path(args.store).resolve()
    done = compact(path)
    before, after = done.before / 1e6, done.after / 1e6
    print(f"compacted {done.quads:,} quads: {before:,.1f} MB -> {after:,.1f} MB", file=sys.stdout)
    if _working_folder_gone():
        print(f"kg: the store folder is a new one: cd {path} to be in it", file=sys.stderr)
    return EXIT_OK


def _working_folder_gone() -> bool:
    """Whether the working folder was the store or in it (``--store .``): the old folder,
    now removed; a shell there must change into the new one."""
    try:
        Path.cwd()
    except FileNotFoundError:
        return True
    return False


def add(commands: Commands, common: argparse.ArgumentParser, env: Env) -> None:
    command(
        commands,
        common,
        "compact",
        run,
        "rewrite the store through the bulk loader, every index compressed (about half the "
        "size after an ingest); nothing else may use the store meanwhile",
    )
