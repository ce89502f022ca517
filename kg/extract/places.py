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
from kg.extract.text import Segment, lookup, per_cable, segments, tokenize
from kg.model import Cable

_CAPITALIZED = re.compile(r"[A-Z](?<=\b[A-Z])[a-z]+\b")  # \b[A-Z]..., skipping ahead
_POST_CITY = re.compile(r"(?:Embassy|Consulate|Mission|USMission|US Mission to the)\s+(.+)$")


def find_places(cable: Cable) -> Iterator[Find]:
    """Place finds in the subject, the REF block and the body paragraphs."""
    return iter(_places_of(cable))


@per_cable
def _places_of(cable: Cable) -> tuple[Find, ...]:
    gazetteer = load()
    found: list[Find] = []
    for segment in segments(cable):
        if segment.field not in ("classified_by", "header"):
            found.extend(scan(segment, gazetteer))
    return tuple(found)


def scan(segment: Segment, gazetteer: Gazetteer) -> Iterator[Find]:
    table = _table(gazetteer, segment.caps)
    text = segment.text
    for start, end, key in lookup(text, tokenize(text), table, longest=5, fold=segment.caps):
        place = gazetteer.places[table[key]]
        surface = text[start:end]
        if _cable_number(text, end) or (place.code == "US" and _adjective(text, end)):
            continue
        if place.subtype == "country" and place.code:
            name = gazetteer.country_names.get(place.code, place.name)
            code: str | None = place.code
        else:
            name, code = place.name, None
        yield Find(
            "place",
            surface,
            start,
            end,
            segment.paragraph,
            segment.field,
            name,
            code=code,
            country=place.country,
            subtype=place.subtype,
        )


_CABLE_NUMBER = re.compile(r"\s+\d{2,6}\b(?![.,]\d)")
_NOUN_AFTER_US = re.compile(r"[-/]|\s+(?:[A-Z][a-z]|[a-z]+(?:al|ary|ic|ive|ian|ese|ish)?\b)")
_VERBISH = re.compile(
    r"\s+(?:is|was|were|are|has|had|have|will|would|could|should|can|must|did|does|do|may|"
    r"might|and|or|to|in|on|at|for|with|as|but|that|which|who|remains|continues|seeks|wants|"
    r"supports|expected|agreed|said|not|also|could|views|government)\b"
)


def _cable_number(text: str, end: int) -> bool:
    """ "REF: KATHMANDU 2345", "(Baghdad 0320)": a cable's number, not the city."""
    return _CABLE_NUMBER.match(text, end) is not None


def _adjective(text: str, end: int) -> bool:
    """ "U.S. military", "US-EU": the United States as a modifier, not a place named."""
    if _VERBISH.match(text, end):
        return False
    return _NOUN_AFTER_US.match(text, end) is not None


@cache
def _table(gazetteer: Gazetteer, caps: bool) -> dict[str, str]:
    if not caps:
        return {n: n for n in gazetteer.places if len(n) > 2 or n.isupper()}
    return {n.upper(): n for n in gazetteer.places if len(n) > 3}


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
    for segment in segments(cable):
        counts.update(filter(None, map(gazetteer.demonyms.get, _CAPITALIZED.findall(segment.text))))
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
