"""Identity linking after an ingest: the whole store again, or only the cables written.

    python -m benchmarks.link_speed [--cables 2000] [--last N] [--workers 2] [--head-store DIR]

Generates ``--cables`` cables (``benchmarks/corpus.py``), ingests all but the last
``--last`` (default 10%) without linking, links them whole (``kg link``, which also
builds the index of names), then ingests the last ones into two copies of that store
and times the linking that follows:
on one a whole ``relink`` (the baseline, what ``kg ingest`` did before), on the other
``link_cables`` over the cables written (what ``kg ingest`` does now). Both must leave
the same links graph; the run says whether they do. ``--head-store`` reuses a store
holding the first cables (unlinked) instead of ingesting them again. Not a test.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import generate
from kg.ingest import ingest
from kg.ingest.outcomes import Outcome
from kg.link import link_cables, links_graph, relink
from kg.link.index import LinkIndex
from kg.sources.csvdump import write_row
from kg.store import Store


def write_csv(path: Path, rows: list[dict[str, object]]) -> str:
    with path.open("w", encoding="utf-8", newline="") as out:
        for row in rows:
            write_row(out, **row)  # type: ignore[arg-type]
    return str(path)


def ingest_cables(store: Store, path: str, workers: int) -> list[str]:
    """Ingest ``path``; the graphs written."""
    written: list[str] = []

    def on_progress(outcome: Outcome) -> None:
        if outcome.cable is not None and outcome.status in ("ingested", "replaced"):
            written.append(store.iris.graph(outcome.cable.reference_id))

    ingest([path], store, workers=workers, on_progress=on_progress)
    return written


def links_of(folder: Path) -> set[str]:
    store = Store(folder, read_only=True)
    return {str(quad.triple) for quad in store.quads(links_graph(store.iris))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cables", type=int, default=2000)
    parser.add_argument("--last", type=int, default=None, help="default: 10%% of --cables")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--head-store", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="link-speed-") as tmp:
        folder = Path(tmp)
        rows = list(generate(args.cables))
        cut = args.cables - (args.last if args.last is not None else args.cables // 10)
        tail = write_csv(folder / "tail.csv", rows[cut:])
        head = folder / "head"
        if args.head_store is not None:
            shutil.copytree(args.head_store, head)
        else:
            store = Store(head)
            ingest_cables(store, write_csv(folder / "head.csv", rows[:cut]), args.workers)
            del store
        store = Store(head)
        started = time.perf_counter()
        relink(store)
        first = time.perf_counter() - started
        del store
        gc.collect()
        whole, changed = folder / "whole", folder / "changed"
        shutil.copytree(head, whole)
        shutil.copytree(head, changed)

        store = Store(whole)
        ingest_cables(store, tail, args.workers)
        started = time.perf_counter()
        links = relink(store)
        whole_seconds = time.perf_counter() - started
        del store

        store = Store(changed)
        index = LinkIndex.open(store)
        assert index is not None
        index.begin_writing()
        index.close()
        written = ingest_cables(store, tail, args.workers)
        started = time.perf_counter()
        counts = link_cables(store, written)
        changed_seconds = time.perf_counter() - started
        del store
        gc.collect()
        same = links_of(whole) == links_of(changed)

    print(f"{args.cables} cables: the first {cut} linked whole in {first:.1f} s")
    print(f"linking after ingesting the last {args.cables - cut} ({len(links)} links):")
    print("| linking | seconds | |")
    print("| --- | ---: | --- |")
    print(f"| whole store (`relink`) | {whole_seconds:.1f} | baseline |")
    print(
        f"| cables written (`link_cables`) | {changed_seconds:.1f} | "
        f"{whole_seconds / changed_seconds:.1f}x faster |"
    )
    print(f"same links graph: {same}; counts {counts}")


if __name__ == "__main__":
    main()
