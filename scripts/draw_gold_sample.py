"""Draw the cables of the genre gold sets from the development corpus, seeded and stratified.

Strata are (post, year). Posts are visited in a seeded random order, round after round; in
each visit the post gives one cable from the year it has given fewest so far, drawn at random.
Pages over ``--max-bytes`` (the page around a cable is ~60 KB, so 78 KB leaves ~16,000
characters of cable: 90% of the corpus) are left out so that every drawn cable can be read in
full by an annotator. Every third cable drawn goes to the frozen test split, the rest to dev.

    python scripts/draw_gold_sample.py .dev-corpus ../shared/corpus/dev/manifest.csv --count 129
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
from collections import Counter, defaultdict
from pathlib import Path


def draw(
    manifest: Path, corpus: Path, count: int, seed: int, max_bytes: int
) -> list[dict[str, str]]:
    by_post: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    with manifest.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            path = corpus / row["path"]
            if path.stat().st_size <= max_bytes:
                by_post[row["origin"]][row["created"][:4]].append(row)
    rng = random.Random(seed)
    posts = sorted(by_post)
    rng.shuffle(posts)
    taken: list[dict[str, str]] = []
    given: dict[str, Counter[str]] = defaultdict(Counter)
    while len(taken) < count and any(by_post[p] for p in posts):
        for post in posts:
            years = {y: rows for y, rows in by_post[post].items() if rows}
            if not years or len(taken) >= count:
                continue
            fewest = min(given[post][y] for y in years)
            year = rng.choice(sorted(y for y in years if given[post][y] == fewest))
            row = years[year].pop(rng.randrange(len(years[year])))
            given[post][year] += 1
            taken.append(row)
    return taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="the unpacked corpus (holds cable/YYYY/MM/)")
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--count", type=int, default=129)
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--max-bytes", type=int, default=78_000)
    parser.add_argument("--out", type=Path, default=Path("tests"))
    args = parser.parse_args()
    rows = draw(args.manifest, args.corpus, args.count, args.seed, args.max_bytes)
    for index, row in enumerate(rows):
        split = "gold_test" if index % 3 == 2 else "gold_dev"
        target = args.out / split / "cables" / Path(row["path"]).name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(args.corpus / row["path"], target)
        print(split, row["reference_id"], row["origin"], row["created"][:4], sep="\t")


if __name__ == "__main__":
    main()
