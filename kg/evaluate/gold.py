"""Gold files: the hand annotation of a cable, validated and loaded.

The gold files in ``tests/gold/`` (one JSON file per cable; rules in
``tests/gold/README.md``) list the people, organizations, places and meetings that a
careful reader finds in a cable. ``load_gold`` reads a folder of them; a file that breaks
the schema raises :class:`GoldError` naming the file and the field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

STATUSES = ("held", "planned", "reported")


STATUSES = ("held", "planned", "reported")


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
