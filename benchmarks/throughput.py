"""Throughput of the ingest stages, and of store writes, on a generated corpus.

    python -m benchmarks.throughput [--cables 10000] [--write-cables 2000] [--workers 2]

Every figure comes from this one run on this machine, so ratios compare like with like:
parse+extract on N workers against 1 worker (the baseline), parse alone against
parse+extract, and grouped or bulk store writes against one ``replace_graph`` per cable
(the baseline; ``kg ingest`` writes new cables in groups). ``benchmarks/store_writes.py``
looks at the writes alone, over several runs. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pyoxigraph as ox

import kg.extract
import kg.sources
from benchmarks.corpus import write_corpus
from kg.ingest import compose, outcomes, run
from kg.ingest.pool import pool_context
from kg.ingest.writer import GROUP_CABLES
from kg.model import RawRecord
from kg.parse import parse
from kg.rdf.iri import IRIs
from kg.store import Store

CHUNK = 32


def _parse_chunk(records: list[RawRecord]) -> int:
    for record in records:
        parse(record)
    return len(records)


def _parse_extract_chunk(records: list[RawRecord]) -> int:
    for record in records:
        kg.extract.extract(parse(record))
    return len(records)


def _process_chunk(records: list[RawRecord]) -> int:
    for record in records:
        compose.process(record, iris=IRIs())
    return len(records)


def _warm(work: Callable[[list[RawRecord]], int], records: list[RawRecord]) -> int:
    done = work(records)
    time.sleep(0.5)  # stay busy so that the next warm-up task goes to another worker
    return done


def _chunks(records: Sequence[RawRecord]) -> list[list[RawRecord]]:
    return [list(records[i : i + CHUNK]) for i in range(0, len(records), CHUNK)]


def rate(
    work: Callable[[list[RawRecord]], int], records: Sequence[RawRecord], workers: int
) -> float:
    """Cables per second for ``work`` over ``records`` on ``workers`` processes."""
    chunks = _chunks(records)
    if workers == 1:
        work(chunks[0][:2])  # loading rules and gazetteers is not throughput
        started = time.perf_counter()
        done = sum(work(chunk) for chunk in chunks)
        return done / (time.perf_counter() - started)
    with ProcessPoolExecutor(max_workers=workers, mp_context=pool_context()) as pool:
        # Start-up, imports and loading rules are not throughput: warm every worker.
        list(pool.map(_warm, [work] * workers, [chunks[0][:2]] * workers))
        started = time.perf_counter()
        done = sum(pool.map(work, chunks))
        return done / (time.perf_counter() - started)


def write_rates(processed: list[outcomes.Processed], folder: Path) -> dict[str, float]:
    """Cables per second into a fresh on-disk store, five ways."""
    rates: dict[str, float] = {}
    triples = sum(len(p.triples) for p in processed)

    def quads_of(p: outcomes.Processed) -> list[ox.Quad]:
        graph = ox.NamedNode(p.graph)
        return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in p.triples]

    store = Store(folder / "replace")
    started = time.perf_counter()
    for p in processed:
        store.replace_graph(p.graph, p.triples)
    store.flush()
    rates["replace_graph per cable (baseline)"] = len(processed) / (time.perf_counter() - started)

    store = Store(folder / "text")
    texts = [outcomes.Ready.of(p) for p in processed]
    started = time.perf_counter()
    for ready in texts:
        store.replace_graph_ntriples(ready.graph, ready.ntriples)
    store.flush()
    rates["replace_graph_ntriples per cable"] = len(processed) / (time.perf_counter() - started)

    store = Store(folder / "groups")
    started = time.perf_counter()
    for i in range(0, len(texts), GROUP_CABLES):
        store.add_graphs_ntriples([(r.graph, r.ntriples) for r in texts[i : i + GROUP_CABLES]])
    store.flush()
    rates[f"add_graphs_ntriples, {GROUP_CABLES} a group (as kg ingest)"] = len(processed) / (
        time.perf_counter() - started
    )

    store = Store(folder / "extend")
    started = time.perf_counter()
    for p in processed:
        store.oxigraph.extend(quads_of(p))
    store.flush()
    rates["extend per cable (no drop)"] = len(processed) / (time.perf_counter() - started)

    store = Store(folder / "bulk")
    started = time.perf_counter()
    store.oxigraph.bulk_extend(q for p in processed for q in quads_of(p))
    store.flush()
    rates["bulk_extend, all at once"] = len(processed) / (time.perf_counter() - started)
    rates["_triples_per_cable"] = triples / max(len(processed), 1)
    return rates


def ingest_rate(folder: Path, workers: int, count: int) -> float:
    """Cables per second through ``kg.ingest.ingest`` into a fresh on-disk store."""
    # The generator is seeded: these are the corpus's first ``count`` cables again.
    part = write_corpus(folder / f"first-{count}.csv", count)
    report = run.ingest([str(part)], Store(folder / f"ingest-{workers}"), workers=workers)
    return report.cables / report.seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.throughput", description=__doc__)
    parser.add_argument("--cables", type=int, default=10_000, help="size of the generated corpus")
    parser.add_argument(
        "--sample", type=int, default=2_000, help="cables (spread over the corpus) to extract"
    )
    parser.add_argument("--write-cables", type=int, default=1_000, help="cables to write")
    parser.add_argument("--workers", type=int, default=2, help="workers to compare with 1")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        corpus = write_corpus(folder / "cables.csv", args.cables)
        generated = time.perf_counter() - started
        started = time.perf_counter()
        records = [r for r in kg.sources.read(corpus) if isinstance(r, RawRecord)]
        read_rate = len(records) / (time.perf_counter() - started)
        size = corpus.stat().st_size / 1e6
        step = max(1, len(records) // max(args.sample, 1))
        sample = records[::step][: args.sample]
        print(f"corpus: {len(records)} cables ({size:.1f} MB cables.csv) in {generated:.1f} s;")
        print(f"extraction measured on {len(sample)} of them, every {step}th")
        print(f"machine: {os.cpu_count()} CPUs; every figure below is from this run\n")

        parse_all = rate(_parse_chunk, records, 1)
        extract_1 = rate(_parse_extract_chunk, sample, 1)
        extract_n = rate(_parse_extract_chunk, sample, args.workers)
        process_1 = rate(_process_chunk, sample, 1)
        process_n = rate(_process_chunk, sample, args.workers)
        n = args.workers
        rows: list[tuple[str, int, int, float, str]] = [
            ("read cables.csv", len(records), 1, read_rate, ""),
            ("parse", len(records), 1, parse_all, ""),
            ("parse+extract", len(sample), 1, extract_1, "baseline"),
            ("parse+extract", len(sample), n, extract_n, f"{extract_n / extract_1:.2f}x baseline"),
            ("parse+extract+rdf", len(sample), 1, process_1, ""),
            ("parse+extract+rdf", len(sample), n, process_n, f"{process_n / process_1:.2f}x"),
        ]
        print(f"{'stage':<20}{'cables':>8}{'workers':>8}{'cables/s':>10}  note")
        for stage, count, workers, value, note in rows:
            print(f"{stage:<20}{count:>8}{workers:>8}{value:>10.1f}  {note}")
        print(f"\nparse alone: {parse_all / extract_1:.1f}x the rate of parse+extract (1 worker)")

        subset = records[: args.write_cables]
        processed = [compose.process(r, iris=IRIs()) for r in subset]
        writes = write_rates(processed, folder)
        per_cable = writes.pop("_triples_per_cable")
        baseline = writes["replace_graph per cable (baseline)"]
        print(f"\nstore writes: {len(processed)} cables, {per_cable:.0f} triples each, on disk")
        print(f"{'method':<48}{'cables/s':>10}{'triples/s':>12}  vs baseline")
        for method, value in writes.items():
            print(f"{method:<48}{value:>10.1f}{value * per_cable:>12.0f}  {value / baseline:.2f}x")

        ingest_1 = ingest_rate(folder, 1, args.write_cables)
        ingest_n = ingest_rate(folder, n, args.write_cables)
        print(f"\nkg ingest, all stages and writes, {args.write_cables} cables from cables.csv:")
        print(f"  1 worker  {ingest_1:8.1f} cables/s  (baseline)")
        print(f"  {n} workers {ingest_n:8.1f} cables/s  {ingest_n / ingest_1:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
