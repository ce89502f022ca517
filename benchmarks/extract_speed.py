"""Extraction speed against parsing, on the bundled cables, in one process.

    python -m benchmarks.extract_speed [--repeat 20] [PATH ...]

The bundled cables (``data/seed`` and ``data/sample``), or the files and folders given, are
read once; then every record is parsed (parse only, the baseline) and parsed and extracted
(parse+extract), the whole set ``--repeat`` times over, the two passes taking turns so that
both see the same machine. Rates are per core: cables per second of the CPU time the
process was given (``time.process_time``), not of the wall clock, which on a shared machine
also counts the waits for a core. Extraction keeps a few memos keyed by text (tokens,
sentences); they are emptied before each pass so that a repeated cable costs what a new
one would. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import time
from collections.abc import Sequence
from pathlib import Path

import kg.extract
import kg.sources
from kg.model import RawRecord
from kg.parse import parse

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = (ROOT / "data" / "seed", ROOT / "data" / "sample")


def bundled_records(paths: Sequence[str] = ()) -> list[RawRecord]:
    """Every record of the bundled cables (or of ``paths``), read (not parsed)."""
    found = kg.sources.expand(list(paths) or [str(p) for p in BUNDLED])
    return [r for path in found for r in kg.sources.read(path) if isinstance(r, RawRecord)]


def forget_memos() -> None:
    """Empty extraction's bounded memos (the per-text and per-cable ones, not the rules)."""
    for info in pkgutil.iter_modules(kg.extract.__path__):
        module = importlib.import_module(f"kg.extract.{info.name}")
        for value in vars(module).values():
            cache_info = getattr(value, "cache_info", None)
            if cache_info is not None and cache_info().maxsize is None:
                continue  # @cache: rules and gazetteers, loaded once per process
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


def _parse_only(records: Sequence[RawRecord]) -> None:
    for record in records:
        parse(record)


def _parse_extract(records: Sequence[RawRecord]) -> None:
    for record in records:
        kg.extract.extract(parse(record))


def rates(records: Sequence[RawRecord], repeat: int) -> tuple[float, float]:
    """Cables per CPU second for parse only and for parse+extract over ``records``.

    The two passes alternate, ``repeat`` times each, so that both see the same machine.
    """
    seconds = {_parse_only: 0.0, _parse_extract: 0.0}
    for _ in range(repeat):
        for work in seconds:
            forget_memos()
            started = time.process_time()
            work(records)
            seconds[work] += time.process_time() - started
    done = len(records) * repeat
    return done / seconds[_parse_only], done / seconds[_parse_extract]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.extract_speed", description=__doc__)
    parser.add_argument("--repeat", type=int, default=20, help="passes over the cables")
    parser.add_argument("paths", nargs="*", help="cable files or folders (default: bundled)")
    args = parser.parse_args(argv)
    records = bundled_records(args.paths)
    _parse_extract(records)  # loading rules and gazetteers is not throughput
    parse_only, parse_extract = rates(records, args.repeat)
    which = "given" if args.paths else "bundled"
    print(f"{len(records)} {which} cables x {args.repeat}, one process, per CPU second")
    print(f"parse only      {parse_only:8.0f} cables/s  (baseline)")
    print(
        f"parse+extract   {parse_extract:8.0f} cables/s  {parse_extract / parse_only:.3f}x baseline"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
