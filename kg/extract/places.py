"""Places: countries, cities and regions named in the text, from the FIPS and place tables.

Countries carry their FIPS 10-4 code (``Serbia`` -> RI); cities and regions carry the code
of the country they lie in. Adjectives of nationality ("Russian") are not places: they
only tell which countries a cable is about (used to read "GOP" as Government of Portugal).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer, load
from kg.extract.text import Segment, segments
from kg.model import Cable

_POST_CITY = re.compile(r"(?:Embassy|Consulate|Mission|USMission|US Mission to the)\s+(.+)$")


def find_places(cable: Cable) -> Iterator[Find]:
    """Place finds in the subject, REF, Classified By and body paragraphs."""
    gazetteer = load()
    for segment in segments(cable):
        if segment.field in ("classified_by", "header"):
            continue
        yield from scan(segment, gazetteer)


def scan(segment: Segment, gazetteer: Gazetteer) -> Iterator[Find]:
    pattern = _pattern(gazetteer, segment.caps)
    for match in pattern.finditer(segment.text):
        surface = match.group(0)
        place = gazetteer.places.get(surface) or gazetteer.places.get(
            _caps_index(gazetteer).get(surface, surface)
        )
        if place is None:
            continue
        if place.subtype == "country" and place.code:
            name = gazetteer.country_names.get(place.code, place.name)
            code: str | None = place.code
        else:
            name, code = place.name, None
        yield Find(
            "place",
            surface,
            match.start(),
            match.end(),
            segment.paragraph,
            segment.field,
            name,
            code=code,
            country=place.country,
            subtype=place.subtype,
        )


@cache
def _pattern(gazetteer: Gazetteer, caps: bool) -> re.Pattern[str]:
    names = [n for n in gazetteer.places if len(n) > 2 or n.isupper()]
    if caps:
        names = [n.upper() for n in names if len(n) > 3]
    names = sorted(set(names), key=len, reverse=True)
    body = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


@cache
def _caps_index(gazetteer: Gazetteer) -> dict[str, str]:
    return {name.upper(): name for name in gazetteer.places}


def origin_country(cable: Cable) -> str | None:
    """FIPS code of the reporting post's country: "Embassy Moscow" -> RS."""
    gazetteer = load()
    if not cable.origin:
        return None
    match = _POST_CITY.search(cable.origin)
    if match is None:
        return None
    place = gazetteer.places.get(match.group(1).strip())
    return place.country if place else None


def origin_city(cable: Cable) -> str | None:
    """The reporting post's city when the place table knows it: "Embassy Moscow" -> Moscow."""
    gazetteer = load()
    if not cable.origin:
        return None
    match = _POST_CITY.search(cable.origin)
    if match is None:
        return None
    name = match.group(1).strip()
    place = gazetteer.places.get(name)
    return name if place is not None and place.subtype == "city" else None


def cable_countries(cable: Cable) -> list[str]:
    """Countries the cable is about, most likely first: the post's, then by mentions."""
    gazetteer = load()
    counts: Counter[str] = Counter()
    text = " ".join(s.text for s in segments(cable))
    for word, code in gazetteer.demonyms.items():
        if word in text:
            counts[code] += text.count(word)
    for find in find_places(cable):
        if find.code:
            counts[find.code] += 1
    for tag in cable.tags:
        if tag in gazetteer.country_names:
            counts[tag] += 1
    ranked = [code for code, _ in counts.most_common()]
    home = origin_country(cable)
    if home:
        ranked = [home] + [c for c in ranked if c != home]
    return ranked
