"""Store writes as ``kg ingest`` does them, on disk: one transaction per cable (the
baseline) against new cables written a group at a time.

    python -m benchmarks.store_writes [--cables 2000] [--runs 3] [--group 32] [--ingest-runs 2]

The cables come from the generated corpus (``benchmarks/corpus.py``), processed once
up front (parse, extract, N-Triples text, as the workers hand them over); only the
writes are timed: the writer's checksum look-up per cable, the write, and the final
flush, into a fresh on-disk store each time. Each run times every method once, in
turn, so the ratios compare like with like on a shared, noisy machine; the summary
gives the spread over the runs. Before the runs, one profile of the baseline says
where a per-cable write spends its time. ``--ingest-runs`` adds ``kg ingest`` end to
end (read, parse, extract on ``--workers`` processes, write), per cable and in groups.
Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pyoxigraph as ox

import kg.sources
from benchmarks.corpus import write_corpus
from kg.ingest import compose, outcomes, run
from kg.ingest.pool import pool_context
from kg.ingest.writer import GROUP_CABLES, Writer
from kg.model import RawRecord
from kg.rdf.iri import IRIs
from kg.store import Store, nquads

BASELINE = "per cable: 1 transaction each (baseline)"
GROUPED_LOAD = "groups: 1 transactional load each"
GROUPED = "groups: 1 atomic ingestion each (kg ingest)"


def processed(corpus: Path, workers: int) -> list[outcomes.Ready]:
    """The corpus's cables, ready to write."""
    records = [r for r in kg.sources.read(corpus) if isinstance(r, RawRecord)]
    chunks = [records[i : i + 32] for i in range(0, len(records), 32)]
    with ProcessPoolExecutor(workers, mp_context=pool_context()) as pool:
        results = pool.map(compose.process_chunk, chunks, [IRIs()] * len(chunks))
        return [r for chunk in results for r in chunk if isinstance(r, outcomes.Ready)]


def by_writer(group: int) -> Callable[[Store, list[outcomes.Ready]], None]:
    """What ``kg ingest`` does with each cable after the workers: ``_Writer.write``."""

    def write(store: Store, ready: list[outcomes.Ready]) -> None:
        writer = Writer(store, outcomes.IngestReport(), None, None, group)
        for item in ready:
            writer.write(item)
        writer.commit()
        assert writer.report.ingested == len(ready)

    return write


def by_transactional_groups(group: int) -> Callable[[Store, list[outcomes.Ready]], None]:
    """Groups of new cables in one transactional ``load`` of N-Quads each."""

    def write(store: Store, ready: list[outcomes.Ready]) -> None:
        for i in range(0, len(ready), group):
            text = "".join(nquads(r.graph, r.ntriples) for r in ready[i : i + group])
            store.oxigraph.load(text.encode("utf-8"), ox.RdfFormat.N_QUADS)

    return write


def timed(
    write: Callable[[Store, list[outcomes.Ready]], None], ready: list[outcomes.Ready], path: Path
) -> float:
    """Cables per second of ``write`` into a fresh on-disk store at ``path``."""
    store = Store(path)
    started = time.perf_counter()
    write(store, ready)
    store.flush()
    seconds = time.perf_counter() - started
    assert len(list(store.cable_graphs())) == len(ready)
    return len(ready) / seconds


def profile(ready: list[outcomes.Ready], path: Path) -> dict[str, float]:
    """Seconds per part of the baseline's per-cable write."""
    store = Store(path)
    parts = dict.fromkeys(("checksum look-up", "graph exists?", "text to bytes", "load"), 0.0)
    started = time.perf_counter()
    for item in ready:
        t0 = time.perf_counter()
        store.checksum(item.summary.reference_id)
        t1 = time.perf_counter()
        store.has_graph(item.graph)
        t2 = time.perf_counter()
        data = (item.ntriples + " .\n").encode("utf-8")
        t3 = time.perf_counter()
        store.oxigraph.load(data, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(item.graph))
        t4 = time.perf_counter()
        for name, seconds in zip(parts, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            parts[name] += seconds
    t5 = time.perf_counter()
    store.flush()
    parts["flush"] = time.perf_counter() - t5
    parts["total"] = time.perf_counter() - started
    memory = ox.Store()
    t6 = time.perf_counter()
    for item in ready:
        data = (item.ntriples + " .\n").encode("utf-8")
        memory.load(data, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(item.graph))
    parts["same loads into a store in memory"] = time.perf_counter() - t6
    t7 = time.perf_counter()
    for item in ready:
        for _ in ox.parse((item.ntriples + " .\n").encode("utf-8"), ox.RdfFormat.N_TRIPLES):
            pass
    parts["parsing the text alone"] = time.perf_counter() - t7
    return parts


def ingest_rates(corpus: Path, folder: Path, workers: int, group: int) -> tuple[float, float]:
    """Cables per second through ``kg.ingest.ingest`` (every stage, ``workers``
    processes) into fresh on-disk stores: one transaction per cable, then in groups."""
    rates = []
    for size in (1, group):
        store = Store(folder / f"ingest-{size}-{time.monotonic_ns()}")
        report = run.ingest([str(corpus)], store, workers=workers, group=size)
        rates.append(report.ingested / report.seconds)
    return rates[0], rates[1]


def spread(values: Sequence[float]) -> str:
    return f"median {statistics.median(values):.2f}, {min(values):.2f} to {max(values):.2f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.store_writes", description=__doc__)
    parser.add_argument("--cables", type=int, default=2_000, help="cables to write")
    parser.add_argument("--runs", type=int, default=3, help="runs of every method")
    parser.add_argument("--group", type=int, default=GROUP_CABLES, help="cables a group")
    parser.add_argument("--workers", type=int, default=2, help="processes that prepare the cables")
    parser.add_argument("--no-profile", action="store_true", help="skip the baseline's profile")
    parser.add_argument(
        "--ingest-runs", type=int, default=0, help="also time kg ingest end to end, both ways"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="kg-writes-") as tmp:
        folder = Path(tmp)
        corpus = write_corpus(folder / "cables.csv", args.cables)
        ready = processed(corpus, args.workers)
        triples = sum(r.ntriples.count("\n") + 1 for r in ready)
        per_cable = triples / len(ready)
        megabytes = sum(len(r.ntriples) for r in ready) / 1e6
        print(f"{len(ready)} cables, {per_cable:.0f} triples each ({megabytes:.0f} MB N-Triples)")
        print(f"on disk in {tmp}; machine: {os.cpu_count()} CPUs\n")

        if not args.no_profile:
            parts = profile(ready, folder / "profile")
            total = parts["total"]
            print("where a per-cable write spends its time (baseline, one pass):")
            for name, seconds in parts.items():
                print(f"  {name:<36}{seconds:8.2f} s  {100 * seconds / total:5.1f}%")
            print()

        methods: dict[str, Callable[[Store, list[outcomes.Ready]], None]] = {
            BASELINE: by_writer(1),
            GROUPED_LOAD: by_transactional_groups(args.group),
            GROUPED: by_writer(args.group),
        }
        rates: dict[str, list[float]] = {name: [] for name in methods}
        print(
            f"{'run':<5}{'method (groups of ' + str(args.group) + ')':<46}"
            f"{'cables/s':>10}{'triples/s':>11}  vs baseline"
        )
        for run in range(1, args.runs + 1):
            for n, (name, write) in enumerate(methods.items()):
                value = timed(write, ready, folder / f"run{run}-{n}")
                rates[name].append(value)
                ratio = value / rates[BASELINE][-1]
                print(f"{run:<5}{name:<46}{value:>10.1f}{value * per_cable:>11.0f}  {ratio:.2f}x")

        print(f"\nover {args.runs} runs (cables/s; ratio to the baseline of the same run):")
        for name, values in rates.items():
            ratios = [v / b for v, b in zip(values, rates[BASELINE], strict=True)]
            print(f"  {name:<46}{spread(values)} cables/s; {spread(ratios)}x")

        if args.ingest_runs:
            print(f"\nkg ingest end to end, {len(ready)} cables, {args.workers} workers:")
            ends: list[tuple[float, float]] = []
            for run in range(1, args.ingest_runs + 1):
                one, grouped = ingest_rates(corpus, folder, args.workers, args.group)
                ends.append((one, grouped))
                print(
                    f"  run {run}: per cable {one:.1f} cables/s, in groups {grouped:.1f}"
                    f" ({grouped / one:.2f}x)"
                )
            print(f"  per cable: {spread([a for a, _ in ends])} cables/s")
            print(
                f"  in groups: {spread([b for _, b in ends])} cables/s;"
                f" {spread([b / a for a, b in ends])}x"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
