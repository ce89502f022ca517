"""Extraction: a parsed cable in, people, organizations, places, topics and meetings out.

    extract(cable) -> Extraction

Each extractor is a plain callable ``Cable -> Iterable[Find]`` (``find_people``,
``find_organizations``, ``find_places``, ``find_topics``, ``find_routing``);
``coref.resolve`` merges the finds into entities and mentions in one explicit step;
``find_meetings`` reads the encounters off the resolved mentions. The word lists are data
files under ``kg/data/extract/``, loaded once; the rules are named, ordered tables
(``kg.extract.rules``, all of them listed by ``kg.extract.catalog``), and every find,
mention, entity and meeting carries the names of the rules that made it.
"""

from __future__ import annotations

from kg.extract.coref import remove_overlaps, resolve
from kg.extract.finds import Find
from kg.extract.meetings import find_meetings
from kg.extract.organizations import find_organizations
from kg.extract.passing import find_routing
from kg.extract.people import find_people
from kg.extract.places import find_places
from kg.extract.surnames import surname_mentions
from kg.extract.text import one_cable
from kg.extract.topics import find_topics
from kg.model import Cable, Extraction

__all__ = ["Find", "extract", "find_finds"]


def find_finds(cable: Cable) -> list[Find]:
    """Every find of every extractor, overlaps settled (longest span wins)."""
    routing = list(find_routing(cable))
    people = [*find_people(cable), *(f for f in routing if f.kind == "person")]
    people.extend(surname_mentions(cable, people))
    organizations = [*find_organizations(cable), *(f for f in routing if f.kind != "person")]
    return remove_overlaps([*people, *organizations, *find_places(cable), *find_topics(cable)])


def extract(cable: Cable) -> Extraction:
    """Everything extracted from one cable. Pure and deterministic."""
    with one_cable():
        finds = find_finds(cable)
        coref = resolve(cable, finds)
        meetings, extra = find_meetings(cable, finds, coref)
    return Extraction(
        reference_id=cable.reference_id,
        entities=(*coref.entities, *extra),
        mentions=coref.mentions,
        meetings=tuple(meetings),
    )
