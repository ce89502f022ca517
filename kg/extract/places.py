"""Places: countries, cities and regions named in the text, from the FIPS and place tables.

Countries carry their FIPS 10-4 code (``Serbia`` -> RI); cities and regions carry the code
of the country they lie in. Adjectives of nationality ("Russian") are not places: they
only tell which countries a cable is about (used to read "GOP" as Government of Portugal).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache

from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer, load
from kg.extract.rules import Rule, names
from kg.extract.text import Segment, lookup, per_cable, segments, tokenize
from kg.model import Cable

_CAPITALIZED = re.compile(r"[A-Z](?<=\b[A-Z])[a-z]+\b")  # \b[A-Z]..., skipping ahead
# A proper name before a geographic head noun is a place: "Manica Province", "Cam Ranh
# Bay", "the Paracel Islands", "the South China Sea", "the Korean Peninsula".
_FEATURE_HEADS = (
    "Province|Sea|Bay|Islands|Island|Peninsula|Gulf|Strait|Straits|Valley|River|Mountains|"
    "Desert|Lake|Plateau|Basin|Corridor|Governorate|Oblast|Prefecture"
)
_FEATURE = re.compile(rf"\b((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+){{1,3}})({_FEATURE_HEADS})\b")
_FEATURE_CAPS = re.compile(rf"\b((?:[A-Z]+(?:-[A-Z]+)?\s+){{1,3}})({_FEATURE_HEADS.upper()})\b")
_HEADS = re.compile(rf"(?:{_FEATURE_HEADS})\b")
_HEADS_CAPS = re.compile(rf"(?:{_FEATURE_HEADS.upper()})\b")
_NOT_FEATURE_WORDS = frozenset(
    {"the", "a", "an", "in", "on", "at", "of", "near", "from", "to", "and", "or", "by", "for"}
    | {"with", "into", "across", "along", "off", "this", "that", "its", "his", "her", "their"}
)
_COMPASS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central"}
)
_NAME_GOES_ON = re.compile(r"[ \t]+[A-Z]")
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
    """Place finds in one segment: each rule of ``RULES`` in turn."""
    for rule in RULES:
        yield from rule.apply(segment, gazetteer)


def _known_places(segment: Segment, gazetteer: Gazetteer) -> Iterator[Find]:
    """Places of the gazetteer, longest first ("Sadr City", "Nepal"); not a cable number."""
    table = _table(gazetteer, segment.caps)
    text = segment.text
    for start, end, key in lookup(text, tokenize(text), table, longest=5, fold=segment.caps):
        place = gazetteer.places.get(table[key]) or gazetteer.cities[table[key]]
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
            rule="place.known",
        )


def _features(segment: Segment, gazetteer: Gazetteer) -> Iterator[Find]:
    """Places named by a geographic head noun after proper words ("Makkah Province")."""
    text = segment.text
    heads = _HEADS_CAPS if segment.caps else _HEADS
    if heads.search(text) is None:
        return  # most paragraphs name no feature: a quick test spares them the long pattern
    pattern = _FEATURE_CAPS if segment.caps else _FEATURE
    for match in pattern.finditer(text):
        if not segment.caps and _NAME_GOES_ON.match(text, match.end()):
            continue  # "Korean Peninsula Affairs", "Red Sea Hotel": a longer name
        words = match.group(1).split()
        if segment.caps:
            # in capitals a verb can stand before the name: keep the word next to the head
            # and, before it, only words that belong to place names ("SOUTH CHINA SEA")
            keep = len(words) - 1
            while keep and words[keep - 1].lower() in gazetteer.place_words:
                keep -= 1
            words = words[keep:]
        while (
            words
            and words[0].lower() not in _COMPASS
            and (words[0].lower() in _NOT_FEATURE_WORDS or words[0].lower() in gazetteer.capwords)
        ):
            words = words[1:]  # sentence words before the name
        if not words or any(w.lower() in _NOT_FEATURE_WORDS - _COMPASS for w in words):
            continue
        start = match.start(1) + match.group(1).index(words[0])
        surface = text[start : match.end()]
        name = " ".join([*words, match.group(2)])
        if segment.caps:
            name = " ".join(w.capitalize() if "-" not in w else w.title() for w in name.split())
        yield Find(
            "place",
            surface,
            start,
            match.end(),
            segment.paragraph,
            segment.field,
            name,
            subtype="region",
            rule="place.feature",
        )


_ScanRule = Callable[[Segment, Gazetteer], Iterator[Find]]
# the place rules, in the order they run on a segment
RULES: tuple[Rule[_ScanRule], ...] = (
    Rule("place.known", _known_places),
    Rule("place.feature", _features),
)
RULE_NAMES = names(RULES)

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
    known = [*gazetteer.places, *gazetteer.cities]
    if not caps:
        return {n: n for n in known if len(n) > 2 or n.isupper()}
    return {n.upper(): n for n in known if len(n) > 3}


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
