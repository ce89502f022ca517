"""Reports: a scored gold set as a readable table or as JSON-ready data."""

from __future__ import annotations

from typing import Any

from kg.evaluate.rules import RuleScore
from kg.evaluate.scoring import CATEGORIES, Counts, Report

_HEADINGS = {"people": "people", "organizations": "orgs", "places": "places", "pairs": "pairs"}


def _cell(counts: Counts) -> str:
    return f"{counts.precision:4.2f} {counts.recall:4.2f} {counts.f1:4.2f}"


def format_report(report: Report) -> str:
    """A readable table: one row per cable, the micro-averaged row, then the errors."""
    width = max([len("overall (micro)"), *(len(c.reference_id) for c in report.cables)])
    head = " | ".join(f"{_HEADINGS[c]:^14}" for c in CATEGORIES)
    sub = " | ".join(f"{'P    R    F1':^14}" for _ in CATEGORIES)
    lines = [f"{'cable':<{width}} | {head}", f"{'':<{width}} | {sub}"]
    rule = "-" * len(lines[0])
    lines.append(rule)
    for cable in report.cables:
        cells = " | ".join(_cell(cable.category(c).counts) for c in CATEGORIES)
        lines.append(f"{cable.reference_id:<{width}} | {cells}" + (" !" if cable.error else ""))
    lines.append(rule)
    overall = " | ".join(_cell(report.overall(c)) for c in CATEGORIES)
    lines.append(f"{'overall (micro)':<{width}} | {overall}")
    totals = ", ".join(
        f"{_HEADINGS[c]} tp {n.tp} fp {n.fp} fn {n.fn}"
        for c in CATEGORIES
        if (n := report.overall(c))
    )
    count = len(report.cables)
    lines.append(f"{count} cable{'' if count == 1 else 's'}; {totals}")
    people, who_met = report.who_met()
    lines.append(f"who met X: macro F1 {who_met:4.2f} over {people} people who met someone")
    details = []
    for cable in report.cables:
        block = []
        if cable.error:
            block.append(f"  error: {cable.error}")
        for c in CATEGORIES:
            part = cable.category(c)
            if part.misses:
                block.append(f"  {_HEADINGS[c]:<7} missed: {'; '.join(part.misses)}")
            if part.false_hits:
                block.append(f"  {_HEADINGS[c]:<7} false:  {'; '.join(part.false_hits)}")
        if block:
            details.extend(["", cable.reference_id, *block])
    if details:
        lines.extend(["", "Misses and false hits", *details])
    return "\n".join(lines)


def _counts_dict(counts: Counts) -> dict[str, float | int]:
    return {
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "precision": round(counts.precision, 4),
        "recall": round(counts.recall, 4),
        "f1": round(counts.f1, 4),
    }


def report_to_dict(report: Report, *, by_rule: bool = False) -> dict[str, Any]:
    """The report as plain JSON-ready data (with each rule's finds when ``by_rule``)."""
    people, who_met = report.who_met()
    data = {
        "overall": {c: _counts_dict(report.overall(c)) for c in CATEGORIES},
        "who_met": {"people": people, "f1": round(who_met, 4)},
        "cables": [
            {
                "reference_id": cable.reference_id,
                "error": cable.error,
                **{
                    c: {
                        **_counts_dict(cable.category(c).counts),
                        "misses": list(cable.category(c).misses),
                        "false_hits": list(cable.category(c).false_hits),
                    }
                    for c in CATEGORIES
                },
                "who_met": {name: round(f1, 4) for name, f1 in cable.who_met},
            }
            for cable in report.cables
        ],
    }
    if by_rule:
        data["by_rule"] = [_rule_dict(rule) for rule in report.by_rule()]
    return data


def _rule_dict(rule: RuleScore) -> dict[str, Any]:
    return {
        "category": rule.category,
        "rule": rule.rule,
        "tp": rule.tp,
        "fp": rule.fp,
        "precision": round(rule.precision, 4),
        "false_hits": list(rule.false_hits),
    }


def format_by_rule(report: Report) -> str:
    """A table of each rule's true and false finds per category, most false finds first."""
    rules = report.by_rule()
    width = max([len("rule"), *(len(r.rule) for r in rules)])
    lines = [
        "True and false finds per rule (a find counts for every rule that made it)",
        f"{'category':<13} {'rule':<{width}} {'tp':>5} {'fp':>5} {'P':>5}  false finds (some)",
    ]
    for rule in rules:
        false = "; ".join(rule.false_hits[:3])
        lines.append(
            f"{rule.category:<13} {rule.rule:<{width}} {rule.tp:>5} {rule.fp:>5} "
            f"{rule.precision:5.2f}  {false}".rstrip()
        )
    return "\n".join(lines)
