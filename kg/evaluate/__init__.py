"""Score extractions against hand-annotated gold cables.

The gold files in ``tests/gold/`` (one JSON file per cable; rules in
``tests/gold/README.md``) list the people, organizations, places and meetings that a
careful reader finds in a cable. ``evaluate`` runs a parser and an extractor over the
same cables and reports precision, recall and F1 per entity type and for meeting
participant pairs, per cable and micro-averaged, with every miss and false hit; the
"who met X" score; and, with ``--by-rule``, the true and false finds of each named
extraction rule.

    python -m kg.evaluate tests/gold [--cable 07MOSCOW628] [--json] [--by-rule]

The package reads as the scoring does: ``gold`` (loading and validating gold files),
``matching`` (names, aliases, surnames, codes), ``scoring`` (one cable's counts),
``rules`` (the counts of each extraction rule), ``report`` (text and JSON); this module
runs the pipeline over a gold set and holds the command line.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from kg.evaluate.gold import (
    STATUSES,
    Gold,
    GoldError,
    GoldMeeting,
    GoldOrganization,
    GoldPerson,
    GoldPlace,
    gold_from_dict,
    load_gold,
)
from kg.evaluate.matching import normalize, surname
from kg.evaluate.report import format_by_rule, format_report, report_to_dict
from kg.evaluate.rules import RuleScore
from kg.evaluate.scoring import (
    CATEGORIES,
    CableScore,
    Category,
    CategoryScore,
    Counts,
    Report,
    score,
)
from kg.model import Cable, Extraction, RawRecord

__all__ = [
    "CATEGORIES",
    "STATUSES",
    "CableScore",
    "Category",
    "CategoryScore",
    "Counts",
    "Gold",
    "GoldError",
    "GoldMeeting",
    "GoldOrganization",
    "GoldPerson",
    "GoldPlace",
    "MissingStageError",
    "Report",
    "RuleScore",
    "evaluate",
    "format_by_rule",
    "format_report",
    "gold_from_dict",
    "load_gold",
    "main",
    "normalize",
    "report_to_dict",
    "score",
    "surname",
]

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"


# -- running the pipeline -------------------------------------------------------------

Parse = Callable[[RawRecord], Cable]
Extract = Callable[[Cable], Extraction]
Read = Callable[[Path], Iterable[object]]


class MissingStageError(RuntimeError):
    """A default pipeline stage (reader, parser, extractor) cannot be imported."""


def _stage(module: str, name: str) -> Any:
    # Imported on use: the scorer loads and validates gold without the pipeline modules.
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as error:
        raise MissingStageError(
            f"{module}.{name} is not available ({error}); pass the stage explicitly"
        ) from error


def _cables(path: Path, read: Read, parse: Parse) -> Iterator[Cable | str]:
    """Every cable parsed from one source file, or an error message per failure."""
    try:
        items = list(read(path))
    except Exception as error:
        yield f"cannot read {path}: {type(error).__name__}: {error}"
        return
    for item in items:
        if not isinstance(item, RawRecord):
            continue
        try:
            yield parse(item)
        except Exception as error:
            yield f"{item.where}: {type(error).__name__}: {error}"


def _source(root: Path, gold_dir: Path, source: str) -> Path:
    """The source under the data folder, else beside the gold files (cables written for them)."""
    path = root / source
    if not path.exists() and (gold_dir / source).exists():
        return gold_dir / source
    return path


def evaluate(
    gold_dir: str | Path,
    *,
    extract: Extract | None = None,
    parse: Parse | None = None,
    read: Read | None = None,
    data_dir: str | Path | None = None,
    cables: Iterable[str] | None = None,
) -> Report:
    """Run parse and extract over every gold cable's source and score the results.

    ``extract``, ``parse`` and ``read`` default to ``kg.extract.extract``,
    ``kg.parse.parse`` and ``kg.sources.read``; sources are looked up under ``data_dir``
    (the repository's ``data/`` by default), then under ``gold_dir``. ``cables`` limits
    the run to some reference IDs. A cable that cannot be read, parsed or extracted is
    scored as extracting nothing, with the reason in ``CableScore.error``.
    """
    golds = load_gold(gold_dir)
    wanted = set(cables) if cables is not None else None
    extract_ = extract or _stage("kg.extract", "extract")
    parse_ = parse or _stage("kg.parse", "parse")
    read_ = read or _stage("kg.sources", "read")
    root = Path(data_dir) if data_dir is not None else DATA_DIR
    parsed: dict[str, tuple[dict[str, Cable], list[str]]] = {}
    scores = []
    for reference_id, gold in sorted(golds.items()):
        if wanted is not None and reference_id not in wanted:
            continue
        if gold.source not in parsed:
            found: dict[str, Cable] = {}
            problems: list[str] = []
            for item in _cables(_source(root, Path(gold_dir), gold.source), read_, parse_):
                if isinstance(item, str):
                    problems.append(item)
                else:
                    found.setdefault(item.reference_id, item)
            parsed[gold.source] = (found, problems)
        found, problems = parsed[gold.source]
        cable = found.get(reference_id)
        if cable is None:
            why = "; ".join(problems) or f"parsed {len(found)} other cable(s)"
            scores.append(replace(_empty(gold), error=f"not found in {gold.source} ({why})"))
            continue
        try:
            extraction = extract_(cable)
        except Exception as error:
            failure = f"extract failed: {type(error).__name__}: {error}"
            scores.append(replace(_empty(gold), error=failure))
            continue
        scores.append(score(gold, extraction))
    return Report(tuple(scores))


def _empty(gold: Gold) -> CableScore:
    return score(gold, Extraction(gold.reference_id))


# -- output ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.evaluate GOLD_DIR [--cable REFID] [--json] [--by-rule]``."""
    parser = argparse.ArgumentParser(
        prog="kg eval", description="Score the extractor against hand-annotated gold cables."
    )
    parser.add_argument("gold_dir", help="folder of gold JSON files (tests/gold)")
    parser.add_argument(
        "--cable", action="append", metavar="REFID", help="score only this cable (repeatable)"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--data", metavar="DIR", help="folder the gold sources are under")
    parser.add_argument(
        "--by-rule",
        action="store_true",
        help="also give the true and false finds of each extraction rule",
    )
    parser.add_argument(
        "--against",
        metavar="GOLD_DIR",
        help="also score this set (a frozen test split) and give its totals only, beside the "
        "first set's, with the difference: the overfitting measure",
    )
    args = parser.parse_args(argv)
    try:
        report = evaluate(args.gold_dir, cables=args.cable, data_dir=args.data)
    except GoldError as error:
        print(f"kg eval: {error}", file=sys.stderr)
        return 2
    except MissingStageError as error:
        print(f"kg eval: {error}", file=sys.stderr)
        return 1
    unknown = sorted(set(args.cable or ()) - {cable.reference_id for cable in report.cables})
    if unknown:
        print(f"kg eval: no gold file for {', '.join(unknown)} in {args.gold_dir}", file=sys.stderr)
        return 2
    against = None
    if args.against:
        try:
            against = evaluate(args.against, data_dir=args.data)
        except GoldError as error:
            print(f"kg eval: {error}", file=sys.stderr)
            return 2
    if args.json:
        data = report_to_dict(report, by_rule=args.by_rule)
        if against is not None:
            data["against"] = {"gold_dir": args.against, **totals(against)}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    text = format_report(report)
    if args.by_rule:
        text += "\n\n" + format_by_rule(report)
    if against is not None:
        text += "\n\n" + format_comparison(report, against, args.gold_dir, args.against)
    print(text)
    return 0


def totals(report: Report) -> dict[str, Any]:
    """The overall figures of a report and its who-met-X score: no per-cable detail."""
    people, who_met = report.who_met()
    overall = {name: round(report.overall(name).f1, 4) for name in CATEGORIES}
    return {"f1": overall, "who_met": {"people": people, "f1": round(who_met, 4)}}


def format_comparison(first: Report, second: Report, first_name: str, second_name: str) -> str:
    """F1 of two sets side by side, and the first minus the second."""
    one, two = totals(first), totals(second)
    rows: list[tuple[str, float, float]] = [
        (name, one["f1"][name], two["f1"][name]) for name in CATEGORIES
    ]
    rows.append(("who met X", one["who_met"]["f1"], two["who_met"]["f1"]))
    lines = [f"{'F1':<16}{first_name:>22}{second_name:>22}{'difference':>12}"]
    lines += [f"{name:<16}{a:>22.2f}{b:>22.2f}{a - b:>+12.2f}" for name, a, b in rows]
    return "\n".join(lines)
