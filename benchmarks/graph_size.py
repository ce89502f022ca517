"""Quads per cable, by predicate and by kind of node, of the graphs ``kg.rdf`` writes.

    python -m benchmarks.graph_size data/sample data/seed          # parse, extract, map
    python -m benchmarks.graph_size --top 15 cables.csv

Every record is parsed, extracted and mapped as ``kg ingest`` does (no store), and each
triple counted under its predicate and under the kind of its subject: the last path
segment before a number or a name (``cable``, ``p``, ``mention``, ``meeting``, ``person``
...), with a paragraph mention (``p/3#char=12,18``) counted as ``mention``. The figures
behind "A leaner graph" in ``ontology/README.md``.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Sequence

from kg.errors import RecordError
from kg.extract import extract
from kg.ingest.compose import parse
from kg.model import RawRecord
from kg.rdf.iri import IRIs, char_range
from kg.rdf.mapping import triples
from kg.sources import read_all


def kind(iri: str, base: str) -> str:
    """``cable``, ``p``, ``mention``, ``person`` ... for an instance IRI under ``base``."""
    if char_range(iri) is not None:
        return "mention"
    if not iri.startswith(base):
        return "other"
    rest = iri[len(base) :]
    parts = rest.split("/")
    if parts[0] == "cable" and len(parts) >= 3:
        return parts[2]
    return parts[0]


def predicate_name(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def count(paths: Sequence[str], iris: IRIs) -> tuple[int, Counter[str], Counter[str]]:
    """(cables, triples by predicate, triples by kind of subject)."""
    cables, predicates, kinds = 0, Counter[str](), Counter[str]()
    for record in read_all(list(paths)):
        if not isinstance(record, RawRecord):
            continue
        try:
            cable = parse(record)
        except RecordError:
            continue
        cables += 1
        for triple in triples(cable, extract(cable), iris=iris):
            predicates[predicate_name(triple.predicate.value)] += 1
            kinds[kind(triple.subject.value, iris.base)] += 1
    return cables, predicates, kinds


def report(title: str, counts: Counter[str], cables: int, top: int) -> None:
    total = sum(counts.values())
    print(f"\n{title:<28} {'per cable':>10} {'share':>7}")
    for name, n in counts.most_common(top):
        print(f"{name:<28} {n / cables:>10.1f} {100 * n / total:>6.1f}%")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", help="files or folders in any format kg reads")
    parser.add_argument("--top", type=int, default=25, help="rows per table")
    args = parser.parse_args(argv)
    iris = IRIs()
    cables, predicates, kinds = count(args.paths, iris)
    if not cables:
        raise SystemExit("no cable parsed")
    total = sum(predicates.values())
    print(f"{cables} cables, {total / cables:.1f} triples per cable")
    report("predicate", predicates, cables, args.top)
    report("kind of subject", kinds, cables, args.top)


if __name__ == "__main__":
    main()
