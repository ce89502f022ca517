"""The word lists and tables the extractors read, loaded once from packaged data files.

Rules live in ``kg/data/extract/`` (titles, given names, speech verbs, meeting nouns,
demonyms, places, organizations, officer words) and the TAGS tables in ``kg/data/tags/``.
Everything is read on first use and kept in one frozen :class:`Gazetteer`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_DATA = "kg.data"


@dataclass(frozen=True, slots=True)
class Title:
    """A title that can stand before a name: ``DFM`` -> Deputy Foreign Minister."""

    form: str
    expansion: str
    lowercase_ok: bool
    weak: bool = False  # too often a common word to trust in text written in capitals


@dataclass(frozen=True, slots=True)
class KnownOrganization:
    name: str
    acronym: str | None
    country: str | None
    subtype: str | None


@dataclass(frozen=True, slots=True)
class KnownPlace:
    name: str
    code: str | None  # FIPS code of the country itself (countries only)
    country: str | None  # FIPS code of the country it lies in
    subtype: str  # country, city, region


@dataclass(frozen=True, slots=True, eq=False)
class Gazetteer:
    titles: dict[tuple[str, ...], Title]  # token tuple -> title; keys as written
    titles_folded: dict[tuple[str, ...], Title]  # lower-cased token tuple -> title
    title_max_len: int
    first_names: frozenset[str]  # lower case
    particles: frozenset[str]
    capwords: frozenset[str]  # lower case
    speech_verbs: frozenset[str]
    address_verbs: frozenset[str]
    meeting_nouns: dict[str, str]  # noun phrase (lower) -> kind
    meeting_verbs: tuple[tuple[re.Pattern[str], str], ...]
    demonyms: dict[str, str]  # adjective -> FIPS
    places: dict[str, KnownPlace]  # name -> place
    # more cities, for finding places only: the name rules do not read them (a town's name is
    # often someone's surname: "Stolberg", "Takashima")
    cities: dict[str, KnownPlace]
    country_names: dict[str, str]  # FIPS -> preferred country name
    organizations: dict[str, KnownOrganization]  # name or acronym -> organization
    org_keywords: frozenset[str]
    org_heads_first: frozenset[str]  # heads that open a name: "Banco Delta Asia"
    officers: frozenset[str]
    subject_tags: dict[str, str]
    program_tags: dict[str, str]
    organization_tags: dict[str, str]
    place_words: frozenset[str]  # lower-cased words of every known place name
    caps_stopwords: frozenset[str]  # common words that end a name written in capitals
    offices: frozenset[str]  # State Department bureau codes that open an office symbol
    mac_stems: frozenset[str]  # lower case: "arthur" makes MACARTHUR "MacArthur"
    common_words: frozenset[str]  # lower case: words of the genre mostly written in lower case


def _lines(package: str, name: str, *, encoding: str = "utf-8") -> list[str]:
    raw = resources.files(package).joinpath(name).read_bytes()
    text = raw.decode(encoding, errors="replace")
    return [line.rstrip("\r\n") for line in text.splitlines()]


def _rows(package: str, name: str) -> list[list[str]]:
    rows = []
    for line in _lines(package, name):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def _words(package: str, name: str) -> list[str]:
    words: list[str] = []
    for line in _lines(package, name):
        if line.startswith("#"):
            continue
        words.extend(line.split())
    return words


def _tag_table(name: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _lines(f"{_DATA}.tags", name):
        if not line.strip() or line.startswith("#"):
            continue
        code, _, label = line.partition("\t")
        code, label = code.strip(), label.strip()
        if code and label and code not in table:
            table[code] = label
    return table


_GEO_ENTRY = re.compile(r"^geo:(\w+) isa onto:(country|region)-tag;\s*$")
_GEO_TITLE = re.compile(r'dc:title:\s*"([^"]+)"')


def _geo_tags() -> dict[str, tuple[str, str]]:
    """FIPS code -> (name, country|region) from ``geo-tags.ctm``."""
    table: dict[str, tuple[str, str]] = {}
    code: str | None = None
    kind = "country"
    for line in _lines(f"{_DATA}.tags", "geo-tags.ctm"):
        entry = _GEO_ENTRY.match(line)
        if entry:
            code, kind = entry.group(1), entry.group(2)
            continue
        title = _GEO_TITLE.search(line)
        if title and code and code not in table:
            table[code] = (title.group(1), kind)
    return table


def _places() -> tuple[dict[str, KnownPlace], dict[str, str]]:
    places: dict[str, KnownPlace] = {}
    names: dict[str, str] = {}
    for code, (name, kind) in _geo_tags().items():
        if kind != "country":
            continue
        names.setdefault(code, name)
        places[name] = KnownPlace(name, code, code, "country")
    name_line = re.compile(r"^(.+?) ([A-Z]{2}) ")
    for line in _lines(f"{_DATA}.tags", "name_fips_regions.txt"):
        match = name_line.match(line)
        if line.startswith("#") or not match:
            continue
        name, code = match.group(1).strip(), match.group(2)
        if ", " in name:  # "Bahamas, The"
            name = name.split(", ")[0]
        places.setdefault(name, KnownPlace(name, code, code, "country"))
        names.setdefault(code, name)
    for name, code in _rows(f"{_DATA}.extract", "countries.tsv"):
        places[name] = KnownPlace(name, code, code, "country")
        if " " in name and name[0].isupper() and name not in ("Russian Federation",):
            names.setdefault(code, name)
    names.update({"RI": "Serbia", "US": "United States", "UK": "United Kingdom", "RS": "Russia"})
    for row in _rows(f"{_DATA}.extract", "places.tsv"):
        name, country = row[0], (row[1] if len(row) > 1 and row[1] else None)
        subtype = row[2] if len(row) > 2 and row[2] else "region"
        places[name] = KnownPlace(name, None, country, subtype)
    return places, names


def _cities(places: dict[str, KnownPlace]) -> dict[str, KnownPlace]:
    """Cities of the world (``world_cities.tsv``, from GeoNames) that the tables above lack."""
    rows = _rows(f"{_DATA}.extract", "world_cities.tsv")
    return {r[0]: KnownPlace(r[0], None, r[1], "city") for r in rows if r[0] not in places}


def _caps_stopwords() -> frozenset[str]:
    """The listed words, and the present tense of every verb of speech ("relayed" -> "relays")."""
    words = set(_words(f"{_DATA}.extract", "caps_stopwords.txt"))
    for verb in _words(f"{_DATA}.extract", "speech_verbs.txt"):
        if verb.endswith("ied"):
            words.add(verb[:-3] + "ies")
        elif verb.endswith("ed"):
            words.update({verb[:-1] + "s", verb[:-2] + "s", verb[:-2] + "es"})
    return frozenset(words)


@cache
def load() -> Gazetteer:
    """Read every table once; later calls return the same value."""
    titles: dict[tuple[str, ...], Title] = {}
    folded: dict[tuple[str, ...], Title] = {}
    for row in _rows(f"{_DATA}.extract", "titles.tsv"):
        form, expansion = row[0], row[1]
        flags = row[2] if len(row) > 2 else ""
        lower_ok = "l" in flags
        title = Title(form, expansion, lower_ok, "w" in flags)
        key = tuple(form.split())
        titles[key] = title
        if lower_ok:
            titles[tuple(w.lower() for w in key)] = title
        folded.setdefault(tuple(w.lower() for w in key), title)
    demonyms = {row[0]: row[1] for row in _rows(f"{_DATA}.extract", "demonyms.tsv")}
    places, country_names = _places()
    organizations: dict[str, KnownOrganization] = {}
    rows = _rows(f"{_DATA}.extract", "organizations.tsv")
    rows += _rows(f"{_DATA}.extract", "organizations_more.tsv")
    rows += _rows(f"{_DATA}.extract", "organizations_genre.tsv")
    for row in rows:
        row += [""] * (5 - len(row))
        org = KnownOrganization(row[0], row[1] or None, row[2] or None, row[3] or None)
        organizations[org.name] = org
        if org.acronym:
            organizations.setdefault(org.acronym, org)
        for alias in filter(None, row[4].split("|")):  # other names: "State Department"
            organizations.setdefault(alias, org)
    organization_tags = _tag_table("organization-tags.txt")
    for _code, label in organization_tags.items():
        if len(label.split()) >= 3 and label not in organizations and "(" not in label:
            organizations[label] = KnownOrganization(label, None, None, None)
    heads_first = frozenset(_words(f"{_DATA}.extract", "org_heads_first.txt"))
    meeting_verbs = tuple(
        (re.compile(rf"\b{row[0]}", re.IGNORECASE), row[1])
        for row in _rows(f"{_DATA}.extract", "meeting_verbs.tsv")
    )
    return Gazetteer(
        titles=titles,
        titles_folded=folded,
        title_max_len=max(len(k) for k in titles),
        first_names=frozenset(w.lower() for w in _words(f"{_DATA}.extract", "first_names.txt")),
        particles=frozenset(_words(f"{_DATA}.extract", "surname_particles.txt")),
        capwords=frozenset(w.lower() for w in _words(f"{_DATA}.extract", "capwords.txt")),
        speech_verbs=frozenset(_words(f"{_DATA}.extract", "speech_verbs.txt")),
        address_verbs=frozenset(_words(f"{_DATA}.extract", "address_verbs.txt")),
        meeting_nouns={row[0]: row[1] for row in _rows(f"{_DATA}.extract", "meeting_nouns.tsv")},
        meeting_verbs=meeting_verbs,
        demonyms=demonyms,
        places=places,
        cities=_cities(places),
        country_names=country_names,
        organizations=organizations,
        org_keywords=frozenset(_words(f"{_DATA}.extract", "org_keywords.txt")) | heads_first,
        org_heads_first=heads_first,
        officers=frozenset(row[0] for row in _rows(f"{_DATA}.extract", "officers.tsv")),
        subject_tags=_tag_table("subject-tags.txt"),
        program_tags=_tag_table("program-tags.txt"),
        organization_tags=organization_tags,
        place_words=frozenset(w.lower() for name in places for w in name.split()),
        caps_stopwords=_caps_stopwords(),
        offices=frozenset(_words(f"{_DATA}.extract", "offices.txt")),
        mac_stems=frozenset(w.lower() for w in _words(f"{_DATA}.extract", "mac_stems.txt")),
        common_words=frozenset(_words(f"{_DATA}.extract", "common_words.txt")),
    )
