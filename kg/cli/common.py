"""What every command shares: the environment read once, exit codes, opening the store."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import (
    ConfigError,
    InputError,
    KGError,
    QueryError,
    StoreError,
)
from kg.rdf.iri import IRIs
from kg.rdf.vocabulary import DEFAULT_BASE_IRI
from kg.store import Store
from kg.store.remote import is_url

if TYPE_CHECKING:
    pass

#: Exit codes, the one place they are decided. Order matters: the first match wins.
EXIT_OK = 0
EXIT_FAILED = 1  # the command ran, and found problems: rejects, non-conformance
EXIT_INTERRUPTED = 130
EXIT_CODES: tuple[tuple[type[KGError], int], ...] = (
    (QueryError, 2),
    (InputError, 2),
    (ConfigError, 2),
    (StoreError, 3),
    (KGError, 1),
)


def exit_code(error: KGError) -> int:
    for kind, code in EXIT_CODES:
        if isinstance(error, kind):
            return code
    return EXIT_FAILED


@dataclass(frozen=True, slots=True)
class Env:
    """The settings the environment may give, read once."""

    store: str = "kg-data"
    base: str = DEFAULT_BASE_IRI
    queries: str | None = None
    update_token: str | None = None

    @classmethod
    def read(cls, environ: Mapping[str, str]) -> Env:
        return cls(
            store=environ.get("KG_STORE") or "kg-data",
            base=environ.get("KG_BASE_IRI") or DEFAULT_BASE_IRI,
            queries=environ.get("KG_QUERIES") or None,
            update_token=environ.get("KG_UPDATE_TOKEN") or None,
        )


# -- opening the store -------------------------------------------------------------------


def open_store(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    """The store named by --store; read-only commands never create one.

    A URL names a SPARQL 1.1 server's endpoint (``kg.store.remote.RemoteStore``), which
    every command works on as on a folder.
    """
    iris = IRIs(args.base)
    if is_url(args.store):
        from kg.store.remote import RemoteStore

        return RemoteStore(args.store, iris=iris)
    path = Path(args.store)
    if read_only:
        if not path.is_dir():
            raise StoreError(
                f"no store at {path.resolve()}", hint="run kg ingest first or check --store"
            )
        try:
            return Store(path, iris=iris, read_only=True)
        except (StoreError, RuntimeError):
            pass  # e.g. a store still being created; a normal open says why if it fails too
    return Store(path, iris=iris)


Commands = Any  # argparse's private _SubParsersAction


def command(
    commands: Commands,
    common: argparse.ArgumentParser,
    name: str,
    run: Callable[[argparse.Namespace], int],
    text: str,
) -> argparse.ArgumentParser:
    """A subcommand ``name`` that runs ``run``; --store and --base are accepted after it too."""
    sub: argparse.ArgumentParser = commands.add_parser(
        name, parents=[common], help=text, description=text
    )
    sub.set_defaults(run=run)
    return sub


def fraction(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
