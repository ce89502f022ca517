"""A realistic synthetic corpus made from the bundled real cables, for throughput runs.

Each generated cable is a real one with a new reference ID, a new date, other people's
surnames and its numbered paragraphs in another order, written as a ``cables.csv`` row
(the dump layout the parser reads) so that reading, parsing and extraction do the work
they do on the real release. A fixed seed makes runs comparable.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import kg.sources
from kg.model import Cable, RawRecord
from kg.parse import parse

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = (ROOT / "data" / "seed", ROOT / "data" / "sample")

# Surnames to swap in, beside those the templates give.
_MORE_SURNAMES = """
Abbott Baranov Castellanos Dubois Eriksen Fontaine Gallagher Haddad Ivanova Jensen Kowalski
Lindqvist Moreau Novak Okafor Petrov Quintero Rahman Sokolov Tanaka Umarov Varga Whitaker Xu
Yilmaz Zamora Bergstrom Chatterjee Delacroix Esposito Fischer Grigoryan
"""
SURNAMES = tuple(_MORE_SURNAMES.split())
_TITLED = re.compile(
    r"\b(?:Ambassador|Amb\.|DFM|FM|PM|Minister|Deputy|Chairman|Director|President|Senator|"
    r"Secretary|Envoy|Governor|General|Mr\.|Ms\.|Mrs\.|Dr\.)\s+"
    r"(?:[A-Z][a-z]+\s+(?:[A-Z]\.\s+)?)?([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)\b"
)
_NUMBERED = re.compile(r"^(\d{1,2})\.(\s)", re.M)
_REFID = re.compile(r"^(\d{2})([A-Z]+?)(\d+)$")


@dataclass(frozen=True, slots=True)
class Template:
    """A real cable, with what the generator varies in it."""

    cable: Cable
    header: str
    body: str
    station: str
    surnames: tuple[str, ...]


def templates() -> list[Template]:
    """The bundled real cables (seed page and samples), parsed."""
    found: list[Template] = []
    for path in kg.sources.expand([str(p) for p in TEMPLATES]):
        for item in kg.sources.read(path):
            if not isinstance(item, RawRecord):
                continue
            cable = parse(item)
            match = _REFID.match(cable.reference_id)
            if match is None or not cable.body:
                continue
            surnames = tuple(sorted(set(_TITLED.findall(cable.body))))
            header = cable.routing.raw if cable.routing else ""
            found.append(Template(cable, header, cable.body, match.group(2), surnames))
    return found


def _shuffle_paragraphs(body: str, rng: random.Random) -> str:
    """The numbered paragraphs in another order, renumbered 1, 2, ..."""
    starts = [m.start() for m in _NUMBERED.finditer(body)]
    if len(starts) < 3:
        return body
    head, blocks = body[: starts[0]], []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(body)
        blocks.append(body[start:end])
    # The last block carries the signature; keep it last so the cable still ends right.
    middle = blocks[1:-1]
    rng.shuffle(middle)
    ordered = [blocks[0], *middle, blocks[-1]]
    renumbered = [_NUMBERED.sub(f"{n}.\\2", block, count=1) for n, block in enumerate(ordered, 1)]
    return head + "".join(renumbered)


def _swap_names(body: str, surnames: tuple[str, ...], pool: list[str], rng: random.Random) -> str:
    for surname in surnames:
        body = re.sub(rf"\b{re.escape(surname)}\b", rng.choice(pool), body)
    return body


def generate(count: int, *, seed: int = 20070213) -> Iterator[dict[str, object]]:
    """``count`` cables as keyword arguments of ``kg.sources.csvdump.write_row``."""
    rng = random.Random(seed)
    bases = templates()
    pool = sorted({*SURNAMES, *(s for t in bases for s in t.surnames)})
    serials: dict[tuple[int, str], int] = {}
    start = datetime(1989, 1, 1)
    for n in range(count):
        template = bases[n % len(bases)]
        created = start + timedelta(minutes=rng.randrange(21 * 365 * 24 * 60))
        key = (created.year % 100, template.station)
        serials[key] = serials.get(key, 0) + rng.randint(1, 9)
        refid = f"{created.year % 100:02d}{template.station}{serials[key]}"
        body = _shuffle_paragraphs(template.body, rng)
        body = _swap_names(body, template.surnames, pool, rng)
        yield {
            "record_id": n + 1,
            "created": created,
            "reference_id": refid,
            "origin": template.cable.origin or "",
            "classification": template.cable.classification or "",
            "references": [r.cable_id for r in template.cable.references if r.cable_id],
            "header": template.header,
            "body": body,
        }


def write_corpus(path: Path, count: int, *, seed: int = 20070213) -> Path:
    """Write ``count`` generated cables to ``path`` as cables.csv; returns ``path``."""
    from kg.sources.csvdump import write_row

    with path.open("w", encoding="utf-8", newline="") as out:
        for row in generate(count, seed=seed):
            write_row(out, **row)  # type: ignore[arg-type]
    return path
