"""Bare surnames: "Titov" wherever else the cable writes the surname of a person found.

The rule ``person.surname`` runs after every other person rule, over every text part of
the cable, on the surnames of the people those rules found.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kg.extract.finds import Find
from kg.extract.gazetteer import load
from kg.extract.names import clean_name
from kg.extract.text import indices, segments, tokenize
from kg.model import Cable


def surname_mentions(cable: Cable, people: Sequence[Find]) -> Iterator[Find]:
    """Bare surnames of people already found, wherever else the cable writes them."""
    gazetteer = load()
    surnames: dict[str, str] = {}
    particled: dict[str, int] = {}  # surname -> how many particles open it ("La Russa": 1)
    for find in people:
        words = [w for w in find.name.split() if len(w) > 2 and not w.endswith(".")]
        if find.name and not find.refers and words and find.field != "tags":
            surnames.setdefault(words[-1].lower(), words[-1])
            parts = find.name.split()
            lead = 0
            while lead + 1 < len(parts) and parts[-2 - lead].lower() in gazetteer.particles:
                lead += 1
            if lead:
                particled.setdefault(words[-1].lower(), lead)
    if not surnames:
        return
    taken = {(f.paragraph, f.field): [] for f in people}  # type: dict[tuple[int | None, str], list[tuple[int, int]]]
    for find in people:
        taken.setdefault((find.paragraph, find.field), []).append((find.start, find.end))
    for segment in segments(cable):
        spans = taken.get((segment.paragraph, segment.field), [])
        tokens = tokenize(segment.text)
        for k in indices(tokens, surnames, case=str.lower):
            token = tokens[k]
            if not token.is_word:
                continue
            if not segment.caps and not token.is_cap:
                continue
            if any(s < token.end and token.start < e for s, e in spans):
                continue
            lead = particled.get(token.text.lower(), 0)
            first = k - lead
            if first < 0 or any(t.text.lower() not in gazetteer.particles for t in tokens[first:k]):
                continue  # "Russa" alone is not Ignazio La Russa
            if not lead and k and tokens[k - 1].text.lower() in gazetteer.particles:
                continue  # "Van Voorst" is not Voorst
            name = (
                segment.text[tokens[first].start : token.end]
                if lead
                else surnames[token.text.lower()]
            )
            if lead and (segment.caps or all(t.is_upper for t in tokens[first : k + 1])):
                name = clean_name(tokens[first : k + 1], caps=True)
            yield Find(
                "person",
                segment.text[tokens[first].start : token.end],
                tokens[first].start,
                token.end,
                segment.paragraph,
                segment.field,
                name,
                confidence=0.7,
                rule="person.surname",
            )
