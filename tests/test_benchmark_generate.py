"""The generator: seeded, shaped like the release, and every cable it writes parses.

.venv/bin/python -m pytest benchmarks/test_generate.py -q
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import kg.sources
from benchmarks import generate
from kg.model import RawRecord
from kg.parse import parse


def _text(count: int, seed: int = generate.SEED) -> str:
    out = io.StringIO(newline="")
    for row in generate.generate(count, seed=seed):
        kg.sources.write_row(out, **row)  # type: ignore[arg-type]
    return out.getvalue()


def test_the_same_seed_gives_the_same_bytes() -> None:
    assert _text(60) == _text(60)
    assert _text(60) != _text(60, seed=1)


def test_a_longer_corpus_starts_with_a_shorter_one() -> None:
    assert _text(80).startswith(_text(40))


def test_every_cable_parses_as_written(tmp_path: Path) -> None:
    path = generate.write_corpus(tmp_path / "cables.csv", 150)
    records = list(kg.sources.read(path))
    assert len(records) == 150
    rows = list(generate.generate(150))
    for record, row in zip(records, rows, strict=True):
        assert isinstance(record, RawRecord)
        cable = parse(record)
        assert cable.reference_id == row["reference_id"]
        assert cable.origin == row["origin"]
        assert cable.classification == row["classification"]
    assert len({row["reference_id"] for row in rows}) == 150


def test_posts_and_names_are_many() -> None:
    assert len(generate.posts()) >= 270
    names = {p.name for pool in generate.people().values() for p in pool}
    assert len(names) > 20_000


def test_people_have_a_long_tail() -> None:
    generator = generate._Generator(generate.SEED)
    drawn = Counter(generator.person("arabic").name for _ in range(20_000))
    counts = sorted(drawn.values(), reverse=True)
    assert counts[0] > 50 * counts[len(counts) // 2]  # the head far above the middle
    assert sum(1 for c in counts if c <= 2) > len(counts) / 3  # many seen once or twice


def test_meetings_name_companions() -> None:
    bodies = [str(row["body"]) for row in generate.generate(200)]
    assert sum("accompanied by" in body for body in bodies) > 50
