"""Score extractions against hand-annotated gold cables.

The gold files in ``tests/gold/`` (one JSON file per cable; rules in
``tests/gold/README.md``) list the people, organizations, places and meetings that a
careful reader finds in a cable. ``evaluate`` runs a parser and an extractor over the
same cables and reports precision, recall and F1 per entity type and for meeting
participant pairs, per cable and micro-averaged, with every miss and false hit.

    python -m kg.evaluate tests/gold [--cable 07MOSCOW628] [--json]

Matching, in short: names are compared case- and accent-insensitively after
punctuation is normalized; a prediction matches a gold item by its canonical name, by
one of the gold aliases, or (people only) by an unambiguous surname; places also match
by FIPS code; a predicted participant pair matches when both ends match a gold pair.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any, Literal

from kg.model import Cable, Entity, Extraction, RawRecord

Category = Literal["people", "organizations", "places", "pairs"]
CATEGORIES: tuple[Category, ...] = ("people", "organizations", "places", "pairs")
STATUSES = ("held", "planned", "reported")
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Generational suffixes are not surnames: "Charles W. Larson, Jr." is a Larson.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_DROPPED = re.compile(r"[.'’‘`´]")
_SPACED = re.compile(r"[^\w]+|_")


# -- gold values ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldPerson:
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldOrganization:
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldPlace:
    name: str
    code: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldMeeting:
    participants: tuple[str, ...]  # canonical names of GoldPerson
    status: str
    date: date | None = None
    paragraphs: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Gold:
    """The hand annotation of one cable."""

    reference_id: str
    source: str  # path under the data folder
    people: tuple[GoldPerson, ...] = ()
    organizations: tuple[GoldOrganization, ...] = ()
    places: tuple[GoldPlace, ...] = ()
    meetings: tuple[GoldMeeting, ...] = ()

    @property
    def pairs(self) -> frozenset[frozenset[str]]:
        """Every unordered pair of distinct participants of one meeting, over all meetings."""
        return frozenset(
            frozenset(pair)
            for meeting in self.meetings
            for pair in combinations(sorted(set(meeting.participants)), 2)
        )


class GoldError(ValueError):
    """A gold file breaks the schema; the message names the file and the field."""


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise GoldError(f"{where}: expected a list of non-empty strings")
    return tuple(value)


def _name(item: dict[str, Any], where: str) -> str:
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise GoldError(f"{where}: 'name' must be a non-empty string")
    return name


def _items(data: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise GoldError(f"{where}: '{key}' must be a list of objects")
    return items


def gold_from_dict(data: dict[str, Any], *, where: str = "gold") -> Gold:
    """Validate one gold document and build its value (raises GoldError)."""
    reference_id = data.get("reference_id")
    source = data.get("source")
    if not isinstance(reference_id, str) or not reference_id:
        raise GoldError(f"{where}: 'reference_id' must be a non-empty string")
    if not isinstance(source, str) or not source:
        raise GoldError(f"{where}: 'source' must be a path under data/")
    people = tuple(
        GoldPerson(
            _name(p, f"{where}: people[{i}]"),
            _strings(p.get("aliases", []), f"{where}: people[{i}].aliases"),
            _strings(p.get("roles", []), f"{where}: people[{i}].roles"),
        )
        for i, p in enumerate(_items(data, "people", where))
    )
    organizations = tuple(
        GoldOrganization(
            _name(o, f"{where}: organizations[{i}]"),
            _strings(o.get("aliases", []), f"{where}: organizations[{i}].aliases"),
        )
        for i, o in enumerate(_items(data, "organizations", where))
    )
    places = []
    for i, p in enumerate(_items(data, "places", where)):
        code = p.get("code")
        if code is not None and not (isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code)):
            raise GoldError(f"{where}: places[{i}].code must be a two-letter FIPS code or null")
        aliases = _strings(p.get("aliases", []), f"{where}: places[{i}].aliases")
        places.append(GoldPlace(_name(p, f"{where}: places[{i}]"), code, aliases))
    meetings = []
    for i, m in enumerate(_items(data, "meetings", where)):
        at = f"{where}: meetings[{i}]"
        participants = _strings(m.get("participants", []), f"{at}.participants")
        status = m.get("status")
        if status not in STATUSES:
            raise GoldError(f"{at}.status must be one of {', '.join(STATUSES)}")
        raw_date = m.get("date")
        try:
            day = date.fromisoformat(raw_date) if raw_date is not None else None
        except (TypeError, ValueError):
            raise GoldError(f"{at}.date must be YYYY-MM-DD or null") from None
        paragraphs = m.get("paragraphs", [])
        if not isinstance(paragraphs, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in paragraphs
        ):
            raise GoldError(f"{at}.paragraphs must be a list of printed paragraph numbers")
        meetings.append(GoldMeeting(participants, status, day, tuple(paragraphs)))
    gold = Gold(reference_id, source, people, organizations, tuple(places), tuple(meetings))
    _check_names(gold, where)
    return gold


def _check_names(gold: Gold, where: str) -> None:
    for kind, names in (
        ("people", [p.name for p in gold.people]),
        ("organizations", [o.name for o in gold.organizations]),
        ("places", [p.name for p in gold.places]),
    ):
        seen = set()
        for name in names:
            if name in seen:
                raise GoldError(f"{where}: {kind} lists {name!r} twice")
            seen.add(name)
    people = {p.name for p in gold.people}
    for i, meeting in enumerate(gold.meetings):
        for name in meeting.participants:
            if name not in people:
                raise GoldError(
                    f"{where}: meetings[{i}] participant {name!r} is not in people "
                    "(participants are given by the canonical name of a person)"
                )


def load_gold(gold_dir: str | Path) -> dict[str, Gold]:
    """Every ``*.json`` gold file in ``gold_dir``, by reference ID (raises GoldError)."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise GoldError(f"{folder}: not a folder of gold files")
    golds: dict[str, Gold] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise GoldError(f"{path}: invalid JSON: {error}") from None
        if not isinstance(data, dict):
            raise GoldError(f"{path}: expected one JSON object")
        gold = gold_from_dict(data, where=str(path))
        if path.stem != gold.reference_id:
            raise GoldError(f"{path}: file name does not match reference_id {gold.reference_id}")
        golds[gold.reference_id] = gold
    return golds


# -- matching -------------------------------------------------------------------------


def normalize(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DROPPED.sub("", text.casefold())
    return " ".join(_SPACED.sub(" ", text).split())


def surname(text: str) -> str:
    """The last word of a normalized name, generational suffixes skipped."""
    words = normalize(text).split()
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return words[-1] if words else ""


@dataclass(frozen=True, slots=True)
class _Target:
    """A gold item as the matcher sees it."""

    name: str
    canonical: str  # normalized name
    keys: frozenset[str]  # normalized name and aliases
    surnames: frozenset[str]
    code: str | None = None


@dataclass(frozen=True, slots=True)
class _Guess:
    """A predicted entity as the matcher sees it."""

    label: str
    name: str  # normalized
    aliases: frozenset[str] = frozenset()  # normalized, tried for organizations and places
    code: str | None = None


def _target(name: str, aliases: Iterable[str], code: str | None = None) -> _Target:
    forms = [name, *aliases]
    keys = frozenset(k for k in map(normalize, forms) if k)
    surnames = frozenset(s for s in map(surname, forms) if s)
    return _Target(name, normalize(name), keys, surnames, code)


def _strength(guess: _Guess, target: _Target, targets: Sequence[_Target], people: bool) -> int:
    """How strongly a guess matches a target: 4 by canonical name, 3 by a gold alias,
    2 by a predicted alias or code, 1 by surname, 0 not at all."""
    if guess.name == target.canonical:
        return 4
    if guess.name in target.keys:
        return 3
    if guess.aliases & target.keys:
        return 2
    if guess.code and target.code and guess.code.upper() == target.code.upper():
        return 2
    if not people:
        return 0
    words = guess.name.split()
    if len(words) == 1:
        # "Titov" against "Vladimir Titov": the surname must point at one gold person only.
        if words[0] in target.surnames:
            holders = [t for t in targets if words[0] in t.surnames]
            return 1 if len(holders) == 1 else 0
        return 0
    if len(target.keys) and all(len(k.split()) == 1 for k in target.keys):
        # Gold knows the surname only ("Curto"); the guess gives a fuller name.
        last = surname(guess.name)
        if last in target.keys:
            holders = [t for t in targets if last in t.surnames]
            return 1 if len(holders) == 1 else 0
    return 0


def _assign(
    guesses: Sequence[_Guess], targets: Sequence[_Target], *, people: bool
) -> dict[int, int]:
    """One-to-one matching, strongest evidence first: guess index -> target index."""
    candidates = sorted(
        (
            (-strength, gi, ti)
            for gi, guess in enumerate(guesses)
            for ti, target in enumerate(targets)
            if (strength := _strength(guess, target, targets, people))
        ),
    )
    assigned: dict[int, int] = {}
    taken: set[int] = set()
    for _, gi, ti in candidates:
        if gi not in assigned and ti not in taken:
            assigned[gi] = ti
            taken.add(ti)
    return assigned


def _best(guess: _Guess, targets: Sequence[_Target], *, people: bool) -> int | None:
    """The target a guess refers to, many-to-one (used for meeting participants)."""
    best: int | None = None
    strongest = 0
    for index, target in enumerate(targets):
        strength = _strength(guess, target, targets, people)
        if strength > strongest:
            best, strongest = index, strength
    return best


# -- scores ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives, with the usual ratios.

    With nothing predicted precision is 1.0; with nothing to find recall is 1.0.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class CategoryScore:
    """One category of one cable: the counts, what was missed and what was wrongly found."""

    counts: Counts = field(default_factory=Counts)
    misses: tuple[str, ...] = ()
    false_hits: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CableScore:
    reference_id: str
    people: CategoryScore
    organizations: CategoryScore
    places: CategoryScore
    pairs: CategoryScore
    error: str | None = None  # why the cable could not be scored as extracted

    def category(self, name: Category) -> CategoryScore:
        score: CategoryScore = getattr(self, name)
        return score


@dataclass(frozen=True, slots=True)
class Report:
    cables: tuple[CableScore, ...]

    def overall(self, name: Category) -> Counts:
        """Micro-average: the sums of the counts over every cable."""
        total = Counts()
        for cable in self.cables:
            total = total + cable.category(name).counts
        return total


def _score_entities(
    guesses: Sequence[_Guess], targets: Sequence[_Target], *, people: bool
) -> CategoryScore:
    assigned = _assign(guesses, targets, people=people)
    matched = set(assigned.values())
    tp = len(assigned)
    return CategoryScore(
        Counts(tp, len(guesses) - tp, len(targets) - tp),
        tuple(t.name for i, t in enumerate(targets) if i not in matched),
        tuple(g.label for i, g in enumerate(guesses) if i not in assigned),
    )


def _guess(entity: Entity, *, with_aliases: bool) -> _Guess:
    forms = [*entity.aliases] if with_aliases else []
    if with_aliases and entity.kind == "organization" and entity.code:
        forms.append(entity.code)  # an organization's code is its acronym
    aliases = frozenset(normalize(a) for a in forms) - {""}
    return _Guess(entity.name, normalize(entity.name), aliases, entity.code)


def _pair_label(pair: frozenset[str]) -> str:
    return " – ".join(sorted(name.removeprefix("?") for name in pair))


def _named(extraction: Extraction) -> list[Entity]:
    """The entities the cable names: those at least one mention points to.

    Entities without any mention are placeholders (the unnamed officers of the post that
    a meeting lists as a participant); the gold annotates names, so they are not scored.
    An extraction that carries no mentions at all is taken whole.
    """
    if not extraction.mentions:
        return list(extraction.entities)
    mentioned = {mention.entity for mention in extraction.mentions}
    return [e for e in extraction.entities if e.key in mentioned]


def score(gold: Gold, extraction: Extraction) -> CableScore:
    """Compare one cable's extraction with its gold annotation."""
    entities = _named(extraction)
    people = [e for e in entities if e.kind == "person"]
    person_guesses = [_guess(e, with_aliases=False) for e in people]
    person_targets = [_target(p.name, p.aliases) for p in gold.people]
    org_targets = [_target(o.name, o.aliases) for o in gold.organizations]
    place_targets = [_target(p.name, p.aliases, p.code) for p in gold.places]

    # Participants: each predicted person refers to the gold person it matches best (a
    # duplicate entity still names the same person); unmatched ones stay themselves.
    identity: dict[str, str] = {}
    for entity, guess in zip(people, person_guesses, strict=True):
        index = _best(guess, person_targets, people=True)
        identity[entity.key] = (
            person_targets[index].name if index is not None else f"?{entity.name}"
        )
    predicted: set[frozenset[str]] = set()
    for meeting in extraction.meetings:
        ends = {identity[k] for k in meeting.participants if k in identity}
        predicted.update(frozenset(pair) for pair in combinations(sorted(ends), 2))
    expected = gold.pairs
    pairs = CategoryScore(
        Counts(len(predicted & expected), len(predicted - expected), len(expected - predicted)),
        tuple(sorted(_pair_label(p) for p in expected - predicted)),
        tuple(sorted(_pair_label(p) for p in predicted - expected)),
    )
    return CableScore(
        gold.reference_id,
        _score_entities(person_guesses, person_targets, people=True),
        _score_entities(
            [_guess(e, with_aliases=True) for e in entities if e.kind == "organization"],
            org_targets,
            people=False,
        ),
        _score_entities(
            [_guess(e, with_aliases=True) for e in entities if e.kind == "place"],
            place_targets,
            people=False,
        ),
        pairs,
    )


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


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    return {
        "overall": {c: _counts_dict(report.overall(c)) for c in CATEGORIES},
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
            }
            for cable in report.cables
        ],
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.evaluate GOLD_DIR [--cable REFID] [--json]``."""
    parser = argparse.ArgumentParser(
        prog="kg eval", description="Score the extractor against hand-annotated gold cables."
    )
    parser.add_argument("gold_dir", help="folder of gold JSON files (tests/gold)")
    parser.add_argument(
        "--cable", action="append", metavar="REFID", help="score only this cable (repeatable)"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--data", metavar="DIR", help="folder the gold sources are under")
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
    if args.json:
        print(json.dumps(report_to_dict(report), indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
