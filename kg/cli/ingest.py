"""``kg ingest PATH...``: files, folders or - (stdin) into the store (``kg.ingest``)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from kg.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    Commands,
    Env,
    command,
    exit_code,
    open_store,
    positive,
)
from kg.cli.link import links_count
from kg.errors import ConfigError, StoreError
from kg.model import FORMATS
from kg.rdf.iri import IRIs
from kg.store.remote import is_url

if TYPE_CHECKING:
    from kg.ingest.outcomes import Outcome
    from kg.link.index import LinkIndex
    from kg.store.protocol import CableStore
    from kg.store.shards import NQuadsShards

LISTED_CABLES = 20  # an ingest this small lists each cable


def run(args: argparse.Namespace) -> int:
    from kg.ingest import ingest
    from kg.ingest.outcomes import IngestStoppedError
    from kg.progress import Progress
    from kg.store import Store
    from kg.store.remote import RemoteStore

    store: CableStore
    if args.emit is not None:
        store = _shards(args)
    elif is_url(args.store):
        store = RemoteStore(args.store, iris=IRIs(args.base), token=args.update_token)
    else:
        store = open_store(args)
    progress = Progress(sys.stderr)
    listed: list[Outcome] = []
    changed: list[str] = []  # cables written: the search index follows them

    def on_progress(outcome: Outcome) -> None:
        progress(outcome)
        if outcome.cable is not None and outcome.status in ("ingested", "replaced"):
            changed.append(outcome.cable.reference_id)
        # A kept record's cable was not written: the stored one stays, so it is not listed.
        if outcome.cable is not None and outcome.kept is None and len(listed) <= LISTED_CABLES:
            listed.append(outcome)

    rejects = LazyFile(_rejects_path(args), new=args.rejects is None)
    stopped: StoreError | None = None
    index = _begin_writing(store)
    try:
        report = ingest(
            args.paths,
            store,
            format=args.format,
            workers=args.workers,
            on_progress=on_progress,
            rejects=rejects,
            force=args.force,
        )
    except IngestStoppedError as error:
        stopped, report = error, error.report
    finally:
        progress.close()
        rejects.close()
    if report.cables <= LISTED_CABLES:
        for outcome in listed:
            print(_cable_line(outcome), file=sys.stdout)
    for label, notes in (("kept", report.kept), ("rejected", report.rejects)):
        for note in notes[:LISTED_CABLES]:
            print(f"{label}: {note}", file=sys.stderr)
        if len(notes) > LISTED_CABLES:
            print(f"{label}: … and {len(notes) - LISTED_CABLES} more", file=sys.stderr)
    if rejects.file is not None:
        print(f"kg: rejected and kept records listed in {rejects.path}", file=sys.stderr)
    if report.passed_over:
        # Not errors (a README beside the cables), but never silent: a user must see them.
        shown = ", ".join(str(p) for p in report.passed_over[:LISTED_CABLES])
        more = len(report.passed_over) - LISTED_CABLES
        print(
            f"kg: passed over {len(report.passed_over)} file(s) in no cable format: {shown}"
            + (f", … and {more} more" if more > 0 else "")
            + " (name a file to see why, or use --format)",
            file=sys.stderr,
        )
    print(report.summary(), file=sys.stdout)
    if stopped is not None:
        # What the summary counts is stored whole; the rest is for the next run.
        print(f"kg: {stopped}", file=sys.stderr)
        return exit_code(stopped)
    if args.emit is not None:
        return _emitted(args, store, report.rejected)
    if index is not None and not report.ingested + report.replaced:
        index.set_status("ok" if index.status == "writing" else index.status)
    if args.link is False and report.ingested + report.replaced and index is not None:
        index.set_status("stale")  # the next link reads the whole store
    if index is not None:
        index.close()
    linked = args.link is not False and report.ingested + report.replaced
    if linked and isinstance(store, Store):
        # Only the people of the cables written are linked, against the store's index of
        # names (kg.link.update); without one (a server's store) every cable is read.
        from kg.link import link_cables

        terminal = sys.stderr.isatty()
        if terminal:
            print("kg: linking people across cables …", file=sys.stderr, end="", flush=True)
        graphs = [store.iris.graph(reference_id) for reference_id in changed]
        links = links_count(*link_cables(store, graphs))
        if terminal:
            print(f"\r\x1b[Kkg: {links}", file=sys.stderr)
        if args.link:  # asked for by name: the count is part of the output
            print(links, file=sys.stdout)
    if isinstance(store, Store):
        from kg.search import index_cables

        index_cables(store, changed)  # after the writes (and links) are committed
    return EXIT_OK if report.rejected == 0 else EXIT_FAILED


def _shards(args: argparse.Namespace) -> NQuadsShards:
    """The shard files of ``--emit nquads DIR`` (``kg.store.shards``)."""
    from kg.store.shards import NQuadsShards

    fmt, folder = args.emit
    if fmt != "nquads":
        raise ConfigError(f"kg ingest --emit writes nquads, not {fmt!r}", hint="--emit nquads DIR")
    return NQuadsShards(
        folder, iris=IRIs(args.base), shard_quads=args.shard_quads, compress=args.gzip
    )


def _emitted(args: argparse.Namespace, store: CableStore, rejected: int) -> int:
    """Name the shards written; the identity links and the search index are the loaded
    store's to make."""
    from kg.store.shards import NQuadsShards

    assert isinstance(store, NQuadsShards)
    print(
        f"wrote {store.quads:,} quads in {len(store.shards)} shard(s) to {store.folder.resolve()}",
        file=sys.stdout,
    )
    print(
        "kg: load them with the server's own loader (docs/scale-out.md), then run "
        "kg --store URL link for the identity links",
        file=sys.stderr,
    )
    return EXIT_OK if rejected == 0 else EXIT_FAILED


def _begin_writing(store: CableStore) -> LinkIndex | None:
    """The store's index of names for linking, told that cables are being written."""
    from kg.link.index import LinkIndex

    index = LinkIndex.open(store)
    if index is not None:
        index.begin_writing()
    return index


def _rejects_path(args: argparse.Namespace) -> Path:
    """--rejects, else a new file per run under the store: {store}/rejects/TIME.jsonl
    (beside the shards with --emit)."""
    if args.rejects is not None:
        return Path(args.rejects).resolve()
    if args.emit is not None:
        folder = Path(args.emit[1]) / "rejects"
    elif is_url(args.store):
        folder = Path("rejects")
    else:
        folder = Path(args.store) / "rejects"
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    return (folder / f"{stamp}.jsonl").resolve()


def _cable_line(outcome: Outcome) -> str:
    cable = outcome.cable
    assert cable is not None  # only outcomes with a cable are listed
    created = cable.created.isoformat(sep=" ", timespec="minutes") if cable.created else "-"
    fields = [
        cable.reference_id,
        created,
        cable.classification or "-",
        cable.origin or "-",
        " ".join(cable.tags) or "-",
        cable.subject or "-",
    ]
    return "  ".join(fields)


class LazyFile:
    """A text file created at the first write: no rejects, no file.

    ``new``: the folder is made if need be, and an existing file is never overwritten.
    """

    def __init__(self, path: Path, *, new: bool = False) -> None:
        self.path = path
        self.new = new
        self.file: IO[str] | None = None
        self.failed = False
        folder = path.parent
        if not new and not folder.is_dir():
            raise ConfigError(
                f"cannot write rejects to {path}: no folder {folder}",
                hint="make the folder or give another --rejects",
            )

    def write(self, text: str) -> int:
        if self.file is None:
            try:
                if self.new:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                self.file = self.path.open("x" if self.new else "w", encoding="utf-8")
            except OSError as error:
                raise StoreError(
                    f"cannot write rejects to {self.path}: {error.strerror or error}",
                    hint="give another --rejects",
                ) from error
        if self.failed:
            return 0
        try:
            return self.file.write(text)
        except OSError as error:
            self._give_up(error)
            return 0

    def flush(self) -> None:
        if self.file is not None and not self.failed:
            try:
                self.file.flush()
            except OSError as error:
                self._give_up(error)

    def close(self) -> None:
        if self.file is not None:
            try:
                self.file.close()
            except OSError as error:
                self._give_up(error)

    def _give_up(self, error: OSError) -> None:
        """A rejects file the disk will not take: say so once; stderr still lists them."""
        if not self.failed:
            print(
                f"kg: could not write the rejects file {self.path}: {error.strerror or error}"
                " (the rejected records are listed above)",
                file=sys.stderr,
            )
        self.failed = True


def add(commands: Commands, common: argparse.ArgumentParser, env: Env) -> None:
    sub = command(commands, common, "ingest", run, "ingest cables from files, folders or - (stdin)")
    sub.epilog = (
        "Cables new to the store are written in groups of up to 32 (the first ones smaller: "
        "1, 2, 4, ...), each group in one "
        "atomic step; a changed cable replaces its graph whole, alone, in one transaction. "
        "An interrupted ingest (Ctrl-C, a crash, a kill) leaves the store as it was before "
        "the group in flight: every stored cable is whole, the cables of that group (at "
        "most 32, or the one being replaced) are not stored, and running the same ingest "
        "again skips what is stored and completes the rest. A cable is listed only once it "
        "is written. A record that is a poorer copy of a stored cable (partial, fewer "
        "paragraphs, less than 90% of its paragraph text) is kept out and counted 'kept', "
        "not an error; --force replaces even so. Then, if any cable was ingested or "
        "replaced, the identity links are redone (--no-link skips it)."
    )
    sub.add_argument("paths", nargs="+", metavar="PATH")
    sub.add_argument("--format", choices=FORMATS, help="skip detection")
    sub.add_argument(
        "--workers", type=positive, default=1, help="worker processes for parse+extract"
    )
    sub.add_argument(
        "--rejects",
        default=None,
        metavar="FILE",
        help="JSON lines of rejected and kept records, written only if any (default: a new "
        "file per run, STORE/rejects/TIME.jsonl)",
    )
    sub.add_argument(
        "--force",
        action="store_true",
        help="replace stored cables even with poorer copies (partial, fewer paragraphs, "
        "less text); without it such records are kept out and counted 'kept'",
    )
    sub.add_argument(
        "--update-token",
        default=env.update_token,
        metavar="T",
        help="bearer token when --store is a SPARQL server's URL ($KG_UPDATE_TOKEN)",
    )
    sub.add_argument(
        "--emit",
        nargs=2,
        default=None,
        metavar=("nquads", "DIR"),
        help="write sharded N-Quads files to DIR (part-00000.nq, ...) instead of a store, "
        "for a SPARQL server's own bulk loader (docs/scale-out.md); no identity links",
    )
    sub.add_argument(
        "--shard-quads",
        type=positive,
        default=100_000,
        metavar="N",
        help="with --emit: a new shard once one holds N quads, between cables (100000)",
    )
    sub.add_argument(
        "--gzip", action="store_true", help="with --emit: gzip the shards (part-00000.nq.gz)"
    )
    sub.add_argument(
        "--link",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="redo the identity links (kg link) when cables were ingested or replaced: done "
        "by default (its count shown on a terminal); --link also prints the count after "
        "the summary, --no-link skips it",
    )
