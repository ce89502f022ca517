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
      eval ...            the extraction scorer

The environment (KG_STORE, KG_BASE_IRI, KG_QUERIES, KG_UPDATE_TOKEN) is read once, in
``main``; every command gets its settings as arguments.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from kg.errors import (
    ConfigError,
    InputError,
    KGError,
    QueryError,
    StoreError,
)
from kg.iri import IRIs
from kg.namespace import DEFAULT_BASE_IRI
from kg.remote import is_url
from kg.store import Store

if TYPE_CHECKING:
    from kg.link import Link
    from kg.pipeline import Outcome

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

LISTED_CABLES = 20  # an ingest this small lists each cable


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
    """The store named by --store; read-only commands never create one."""
    iris = IRIs(args.base)
    if is_url(args.store):
        raise ConfigError(
            f"kg {args.command} works on a store folder, not on a SPARQL server",
            hint="only kg ingest writes to a server; query it with its own endpoint",
        )
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


# -- commands ----------------------------------------------------------------------------
# Each imports what it needs when it runs: `kg query` should not pay for loading the
# extraction rules, nor `kg ingest` for the web stack.


def cmd_ingest(args: argparse.Namespace) -> int:
    from kg.pipeline import CableStore, ingest
    from kg.progress import Progress
    from kg.remote import RemoteStore

    store: CableStore
    if is_url(args.store):
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

    rejects = _LazyFile(_rejects_path(args), new=args.rejects is None)
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
    if args.link is not False and report.ingested + report.replaced:
        # Identity links read every cable: redone only when this batch changed some.
        from kg.link import relink

        terminal = sys.stderr.isatty()
        if terminal:
            print("kg: linking people across cables …", file=sys.stderr, end="", flush=True)
        links = _links_summary(relink(store))
        if terminal:
            print(f"\r\x1b[Kkg: {links}", file=sys.stderr)
        if args.link:  # asked for by name: the count is part of the output
            print(links, file=sys.stdout)
    if isinstance(store, Store):
        from kg.search import index_cables

        index_cables(store, changed)  # after the writes (and links) are committed
    return EXIT_OK if report.rejected == 0 else EXIT_FAILED


def cmd_index(args: argparse.Namespace) -> int:
    from kg.search import FILENAME, rebuild

    store = open_store(args)
    assert store.path is not None
    cables = rebuild(store, store.path / FILENAME)
    print(f"indexed {cables} cables in {store.path / FILENAME}", file=sys.stdout)
    return EXIT_OK


def _rejects_path(args: argparse.Namespace) -> Path:
    """--rejects, else a new file per run under the store: {store}/rejects/TIME.jsonl."""
    if args.rejects is not None:
        return Path(args.rejects).resolve()
    folder = Path("rejects") if is_url(args.store) else Path(args.store) / "rejects"
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


class _LazyFile:
    """A text file created at the first write: no rejects, no file.

    ``new``: the folder is made if need be, and an existing file is never overwritten.
    """

    def __init__(self, path: Path, *, new: bool = False) -> None:
        self.path = path
        self.new = new
        self.file: IO[str] | None = None
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
        return self.file.write(text)

    def flush(self) -> None:
        if self.file is not None:
            self.file.flush()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


def cmd_link(args: argparse.Namespace) -> int:
    from kg.link import relink

    links = relink(open_store(args), min_confidence=args.min_confidence)
    for link in links:
        same_as = "sameAs" if link.same_as else "      "
        print(f"{link.confidence:.2f}  {same_as}  {link.local_iri}  {link.global_iri}")
    print(_links_summary(links), file=sys.stdout)
    return EXIT_OK


def _links_summary(links: Sequence[Link]) -> str:
    return f"linked {len(links)}, sameAs {sum(1 for link in links if link.same_as)}"


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app

    store = open_store(args)
    # Without --queries-dir (or $KG_QUERIES) the app finds the repository's queries/.
    saved: dict[str, Any] = {"queries_dir": Path(args.queries_dir)} if args.queries_dir else {}
    # Limits left unset keep create_app's defaults (one place states them).
    limits = {
        option: value
        for option, value in (
            ("query_timeout", args.query_timeout),
            ("query_workers", args.query_workers),
            ("max_query_bytes", args.max_query_bytes),
            ("max_upload_bytes", args.max_upload_bytes),
            ("result_limit", args.result_limit),
            ("graphql_max_cost", args.max_cost),
            ("graphql_timeout", args.graphql_timeout),
            ("graphql_workers", args.graphql_workers),
        )
        if value is not None
    }
    app = create_app(
        store,
        allow_update=args.allow_update,
        update_token=args.update_token,
        cors_origins=tuple(args.cors_origin),
        **saved,
        **limits,
    )
    uvicorn.run(app, host=args.host, port=args.port)
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    from kg import queries

    params = _params(args.param)
    text = sys.stdin.read() if args.query == "-" else args.query
    store = open_store(args, read_only=True)
    hidden: set[str] = set()
    if queries.is_name(text):
        saved = queries.get(text.strip(), args.queries_dir)
        bindings = saved.bindings(params)
        hidden = set(bindings)
        sparql = saved.sparql
    else:
        import pyoxigraph as ox

        # Ad-hoc SPARQL: --param values bind as plain strings.
        bindings = {key: ox.Literal(value) for key, value in params.items()}
        sparql = text
    try:
        result = queries.execute(store, sparql, bindings)
    except QueryError as error:
        if _is_update(sparql):
            raise QueryError(
                "kg query runs queries, not updates (INSERT, DELETE, LOAD, DROP, ...)",
                hint="to change the store, add RDF with kg load FILE, or run kg serve "
                "--allow-update and send the SPARQL Update to /sparql",
            ) from error
        raise
    fmt = args.format or ("table" if sys.stdout.isatty() else "csv")
    queries.write_results(result, sys.stdout, format=fmt, hidden=hidden, prefixes=store.prefixes())
    return EXIT_OK


_PROLOGUE = re.compile(
    r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[\w.-]*:\s*<[^>]*>)*", re.IGNORECASE
)
_UPDATE = re.compile(
    r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE
)


def _is_update(sparql: str) -> bool:
    """Whether ``sparql`` reads as a SPARQL Update (its first keyword after the prologue)."""
    start = _PROLOGUE.match(sparql)
    return bool(_UPDATE.match(sparql, start.end() if start else 0))


def _params(pairs: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ConfigError(
                f"--param {pair!r} is not key=value", hint="e.g. --param person=Wisner"
            )
        params[key.strip()] = value
    return params


def cmd_export(args: argparse.Namespace) -> int:
    store = open_store(args, read_only=True)
    graph = None
    if args.cable:
        reference_id = args.cable.strip().upper()
        graph = store.iris.graph(reference_id)
        if graph not in set(store.cable_graphs()):
            raise QueryError(
                f"no cable {reference_id} in the store at {args.store}",
                hint="kg stats --cables lists the reference IDs it holds",
            )
    if args.output in (None, "-"):
        store.dump(sys.stdout.buffer, format=args.format, graph=graph)
        sys.stdout.buffer.flush()
        return EXIT_OK
    target = Path(args.output)
    partial = target.with_name(target.name + ".partial")
    # Written aside, then renamed: an interrupted export never leaves a truncated file.
    try:
        with partial.open("wb") as output:
            store.dump(output, format=args.format, graph=graph)
        partial.replace(target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ConfigError(
            f"cannot write {target}: {error.strerror or error}",
            hint="check that the folder exists and is writable",
        ) from error
    return EXIT_OK


EXTENSIONS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".rdf": "rdfxml",
    ".owl": "rdfxml",
    ".xml": "rdfxml",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".n3": "n3",
}


def cmd_load(args: argparse.Namespace) -> int:
    from kg.link import links_graph
    from kg.store import named_node

    if args.graph:
        try:
            named_node(args.graph)
        except ConfigError as error:
            raise ConfigError(f"--graph {error.message}", hint=error.hint) from error
    store = open_store(args)
    graphs = f"{store.iris.base}graph/"
    if args.graph and args.graph.startswith(graphs) and not args.force:
        whose = (
            "the identity links' graph, rewritten by every kg link"
            if args.graph == links_graph(store.iris)
            else f"cable {args.graph.removeprefix(graphs)}'s graph, replaced whole when "
            "the cable is ingested again"
        )
        raise ConfigError(
            f"--graph {args.graph} is {whose}: what is loaded there would be lost",
            hint="load into a graph of your own (e.g. https://example.org/my-links), "
            "or pass --force",
        )
    for name in args.files:
        path = Path(name)
        fmt = args.format or EXTENSIONS.get(path.suffix.lower())
        if fmt is None:
            raise ConfigError(
                f"{path}: cannot tell the RDF format from the extension", hint="pass --format"
            )
        if args.graph and fmt in ("nquads", "trig"):
            raise ConfigError(
                f"{path}: --graph applies to triple formats; {fmt} names its own graphs"
            )
        before = len(store)
        try:
            with path.open("rb") as data:
                store.load(data, format=fmt, graph=args.graph, base_iri=path.resolve().as_uri())
        except OSError as error:
            raise InputError(f"{path}: {error.strerror or error}") from error
        except StoreError as error:  # the file is not valid RDF of that format
            raise InputError(f"{path}: {error.message}", hint=error.hint) from error
        print(f"{path}: {len(store) - before} quads added", file=sys.stdout)
    store.flush()
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from kg.queries import stats

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


def cable_ids(store: Store) -> list[str]:
    """The reference IDs of the stored cables, sorted."""
    import pyoxigraph as ox

    from kg.namespace import KG

    rows = store.select(
        f"SELECT DISTINCT ?id WHERE {{ GRAPH ?g {{ ?cable a <{KG.Cable}> ; "
        "<http://purl.org/dc/terms/identifier> ?id } }"
    )
    return sorted({term.value for row in rows if isinstance(term := row.get("id"), ox.Literal)})


def cmd_validate(args: argparse.Namespace) -> int:
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


def cmd_eval(args: argparse.Namespace) -> int:
    from kg.evaluate import main as evaluate

    return evaluate(list(args.args))


# -- the parser --------------------------------------------------------------------------


def build_parser(env: Env) -> argparse.ArgumentParser:
    # --store and --base are accepted before or after the command; after wins.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--store", default=argparse.SUPPRESS, metavar="DIR", help="the store folder"
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
        help="the store folder ($KG_STORE, else ./kg-data); for ingest also a SPARQL URL",
    )
    parser.add_argument(
        "--base", default=env.base, metavar="IRI", help="base of instance IRIs ($KG_BASE_IRI)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, run: Callable[[argparse.Namespace], int], text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=text, description=text)
        sub.set_defaults(run=run)
        return sub

    sub = command("ingest", cmd_ingest, "ingest cables from files, folders or - (stdin)")
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
    sub.add_argument(
        "--format", choices=("archive", "html", "telegram", "csv", "jsonl"), help="skip detection"
    )
    sub.add_argument(
        "--workers", type=_positive, default=1, help="worker processes for parse+extract"
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
        "--link",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="redo the identity links (kg link) when cables were ingested or replaced: done "
        "by default (its count shown on a terminal); --link also prints the count after "
        "the summary, --no-link skips it",
    )

    sub = command("link", cmd_link, "link people named by surname alone to full names")
    sub.add_argument(
        "--min-confidence",
        type=_fraction,
        default=0.5,
        metavar="X",
        help="keep links at least this sure, 0 to 1 (default 0.5)",
    )

    sub = command("serve", cmd_serve, "serve SPARQL, GraphQL and linked data over HTTP")
    sub.add_argument("--host", default="127.0.0.1")
    sub.add_argument("--port", type=int, default=8000)
    sub.add_argument(
        "--allow-update", action="store_true", help="accept SPARQL Update and Graph Store writes"
    )
    sub.add_argument(
        "--update-token",
        default=env.update_token,
        metavar="T",
        help="accept writes with this bearer token ($KG_UPDATE_TOKEN)",
    )
    sub.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="allow browser calls from ORIGIN (repeatable)",
    )
    sub.add_argument(
        "--queries-dir",
        default=env.queries,
        metavar="DIR",
        help="saved queries served at /queries ($KG_QUERIES, else queries/)",
    )
    limits = sub.add_argument_group("limits (docs/http-api.md)")
    limits.add_argument(
        "--query-timeout",
        type=float,
        default=None,
        metavar="S",
        help="seconds a SPARQL query may run, 503 after (default 30)",
    )
    limits.add_argument(
        "--query-workers",
        type=_positive,
        default=None,
        metavar="N",
        help="SPARQL queries run at once, 503 for one more (default 4)",
    )
    limits.add_argument(
        "--max-query-bytes",
        type=_positive,
        default=None,
        metavar="B",
        help="longest query or update, 413 beyond (default 1000000)",
    )
    limits.add_argument(
        "--max-upload-bytes",
        type=_positive,
        default=None,
        metavar="B",
        help="largest Graph Store upload, 413 beyond (default 100000000)",
    )
    limits.add_argument(
        "--result-limit",
        type=_positive,
        default=None,
        metavar="N",
        help="cut SPARQL answers at N solutions or triples (default: no cut)",
    )
    limits.add_argument(
        "--max-cost",
        type=_positive,
        default=None,
        metavar="N",
        help="largest estimated cost of a GraphQL operation, 400 beyond (default 20000)",
    )
    limits.add_argument(
        "--graphql-timeout",
        type=float,
        default=None,
        metavar="S",
        help="seconds a GraphQL operation may run, 503 after (default: --query-timeout)",
    )
    limits.add_argument(
        "--graphql-workers",
        type=_positive,
        default=None,
        metavar="N",
        help="GraphQL operations run at once, 503 for one more (default 2)",
    )

    sub = command("query", cmd_query, "run SPARQL text, or a saved query by NAME")
    sub.add_argument(
        "query", metavar="SPARQL|NAME", help="query text, a saved query's name, or - for stdin"
    )
    sub.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a saved query's parameter (repeatable)",
    )
    sub.add_argument(
        "--format",
        choices=("table", "json", "csv", "tsv", "turtle", "nt"),
        help="table on a terminal, else csv; CONSTRUCT gives turtle",
    )
    sub.add_argument(
        "--queries-dir",
        default=env.queries,
        metavar="DIR",
        help="saved queries ($KG_QUERIES, else queries/)",
    )

    sub = command("export", cmd_export, "write the store, or one cable's graph, as RDF")
    sub.add_argument(
        "--format", choices=("turtle", "nt", "nquads", "trig", "jsonld", "rdfxml"), default="nquads"
    )
    sub.add_argument("-o", "--output", metavar="FILE", help="default stdout")
    sub.add_argument("--cable", metavar="REFID", help="only this cable's named graph")

    sub = command("load", cmd_load, "add a user's own RDF to the store")
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

    command("index", cmd_index, "build the full-text search index beside the store afresh")

    sub = command("stats", cmd_stats, "counts of what the store holds")
    sub.add_argument("--format", choices=("text", "json"), default="text")
    sub.add_argument(
        "--cables", action="store_true", help="list the stored cables' reference IDs instead"
    )

    sub = command(
        "validate", cmd_validate, "check the store (or one cable) against the SHACL shapes"
    )
    sub.add_argument("--cable", metavar="REFID")

    sub = command("eval", cmd_eval, "score the extraction against annotated cables")
    sub.add_argument("args", nargs="*", metavar="ARG", help="see kg eval --help")
    return parser


def _fraction(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


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


if __name__ == "__main__":
    sys.exit(main())
