"""``kg index``: the full-text search index beside the store, built afresh (``kg.search``)."""

from __future__ import annotations

import argparse
import sys

from kg.cli.common import EXIT_OK, Commands, Env, command, open_store
from kg.errors import ConfigError


def run(args: argparse.Namespace) -> int:
    from kg.search import FILENAME, rebuild

    store = open_store(args, read_only=True)
    if store.path is None:
        raise ConfigError("kg index needs a store folder")
    cables = rebuild(store, store.path / FILENAME)
    print(f"indexed {cables} cables in {store.path / FILENAME}", file=sys.stdout)
    return EXIT_OK


def add(commands: Commands, common: argparse.ArgumentParser, env: Env) -> None:
    command(commands, common, "index", run, "build the full-text search index beside the store")
