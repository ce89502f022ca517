"""Coreference within one cable: merge finds into entities, and finds into mentions.

People merge by the rules of ``kg.extract.coref_people`` (full names, then names of one
word, then unnamed references). Organizations merge by name and acronym
(``coref.org-name``) and a later short form joins the fuller name given before
(``coref.short-form``); places merge by FIPS code or name, topics by code. Each entity
keeps the names of the rules that found and merged it (``Entity.rules``), each mention the
rule that found it (``Mention.rule``).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kg.extract import coref_people
from kg.extract.coref_people import norm, resolve_people
from kg.extract.finds import Find
from kg.extract.gazetteer import load
from kg.model import Cable, Entity, Mention
from kg.rdf.iri import slug

_PRIORITY = {"organization": 3, "person": 2, "place": 1, "topic": 0}
# the coreference rules: the people's, then the organizations'
RULE_NAMES = (*coref_people.RULE_NAMES, "coref.org-name", "coref.short-form")


@dataclass(frozen=True, slots=True)
class Coreference:
    """Entities and mentions of one cable, and which entity each find refers to."""

    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    keys: dict[Find, str]
    headings: dict[int, list[str]]  # paragraph index -> topics its section heading names


def remove_overlaps(finds: Iterable[Find]) -> list[Find]:
    """Where two finds share characters, keep the longer (then organization > person > place).

    Two person finds on the same span both stay: a name with two roles ("Yevgeniy Primakov,
    now Chairman of ...") is one span found twice.
    """
    ordered = sorted(
        finds,
        key=lambda f: (-(f.end - f.start), -_PRIORITY[f.kind], f.code is None, f.start),
    )
    kept: list[Find] = []
    # kept spans of each text part, sorted; they never overlap, so their ends rise with their
    # starts and the one kept span that can overlap a find is the last one starting before it ends
    spans: dict[tuple[int | None, str], list[tuple[int, int]]] = defaultdict(list)
    people: set[tuple[int | None, str, int, int]] = set()
    for find in ordered:
        if find.kind == "topic" or find.field in ("tags", "signature"):
            kept.append(find)
            continue
        where = spans[(find.paragraph, find.field)]
        span = (find.start, find.end)
        at = bisect_left(where, (find.end, find.end))
        twice = find.kind == "person" and find.span in people
        if not twice and at and where[at - 1][1] > find.start:
            continue
        insort(where, span)
        if find.kind == "person":
            people.add(find.span)
        kept.append(find)
    kept.sort(key=lambda f: (f.field != "paragraph", f.paragraph or 0, f.start))
    return kept


def resolve(cable: Cable, finds: Sequence[Find]) -> Coreference:
    """Merge the finds of one cable into entities; every find gets an entity key or none."""
    keys: dict[Find, str] = {}
    entities: list[Entity] = []
    people = [f for f in finds if f.kind == "person"]
    orgs = [f for f in finds if f.kind == "organization"]
    org_entities = _organizations(orgs, keys)
    entities.extend(org_entities)
    entities.extend(resolve_people(cable, people, keys, org_entities))
    entities.extend(_simple([f for f in finds if f.kind == "place"], keys))
    entities.extend(_simple([f for f in finds if f.kind == "topic"], keys))
    headings: dict[int, list[str]] = defaultdict(list)
    for find in finds:
        if find.field == "header" and find.paragraph is not None and find in keys:
            headings[find.paragraph].append(keys[find])  # offsets into a heading: no mention
    mentions = tuple(
        dict.fromkeys(
            Mention(keys[f], f.text, f.start, f.end, f.paragraph, f.field, rule=f.rule)
            for f in finds
            if f in keys and not (f.field == "header" and f.paragraph is not None)
        )
    )
    return Coreference(tuple(entities), mentions, keys, dict(headings))


def _organizations(finds: list[Find], keys: dict[Find, str]) -> list[Entity]:
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent.get(i, i)
        return i

    index: dict[str, int] = {}
    for i, find in enumerate(finds):
        parent[i] = i
        for form in (find.name, find.code):
            if not form:
                continue
            other = index.setdefault(norm(form), i)  # coref.org-name
            parent[root(i)] = root(other)
    joined = _join_short_forms(finds, index, parent, root)
    clusters: dict[int, list[Find]] = defaultdict(list)
    for i, find in enumerate(finds):
        clusters[root(i)].append(find)
    gazetteer = load()
    entities = []
    used: set[str] = set()
    for members in clusters.values():
        names = [f.name for f in members]
        canonical = max(names, key=lambda n: (len(n.split()), len(n)))
        codes = [f.code for f in members if f.code]
        aliases = []
        seen = {canonical.lower()}
        for form in [*names, *(f.text for f in members)]:
            if form.lower() not in seen:
                seen.add(form.lower())
                aliases.append(form)
        countries = [f.country for f in members if f.country]
        subtypes = [f.subtype for f in members if f.subtype]
        known = gazetteer.organizations.get(canonical)
        ids = {id(f) for f in members}
        base = "org:" + slug(canonical)
        key = base if base not in used else f"{base}-{len(used)}"
        used.add(key)
        entities.append(
            Entity(
                key=key,
                kind="organization",
                name=canonical,
                aliases=tuple(aliases),
                global_id=canonical if (known or len(canonical.split()) >= 2) else None,
                code=codes[0] if codes else None,
                country=countries[0] if countries else None,
                subtype=subtypes[0] if subtypes else None,
                rules=_rules(members, *_merged_by(members, joined & ids)),
            )
        )
        for find in members:
            keys[find] = key
    return entities


def _rules(finds: Iterable[Find], *merged_by: str) -> tuple[str, ...]:
    """The rules that found an entity's finds, then the rules that merged them, in order."""
    unique = dict.fromkeys([f.rule for f in finds])
    unique.update(dict.fromkeys(merged_by))
    unique.pop("", None)
    return tuple(unique)


def _merged_by(members: list[Find], short: set[int]) -> tuple[str, ...]:
    """The organization rules that merged these finds: a name or acronym given again
    (``coref.org-name``), a short form of a fuller name (``coref.short-form``)."""
    again = len({norm(f.name) for f in members}) < len(members) or any(f.code for f in members)
    rules = ("coref.org-name",) if len(members) > 1 and again else ()
    return (*rules, "coref.short-form") if short else rules


def _join_short_forms(
    finds: list[Find], index: dict[str, int], parent: dict[int, int], root: Callable[[int], int]
) -> set[int]:
    """A later short form is the fuller name given before: "the Follow-Up Committee" after
    "the Arab League Follow-Up Committee", when exactly one earlier name ends with it; so is
    a body of no country named by its head word alone, anywhere in the cable ("Parliament"
    and "the Lebanese Parliament")."""
    known = load().organizations
    joined: set[int] = set()  # id() of the short forms joined
    for i, find in enumerate(finds):
        short = norm(find.name)
        head = find.name in known and known[find.name].country is None and " " not in short
        if not head and (len(short.split()) < 2 or find.name in known or find.code):
            continue
        roots = {
            root(j)
            for name, j in index.items()
            if (j < i or head) and name.endswith(" " + short) and root(j) != root(i)
        }
        if len(roots) == 1:
            parent[root(i)] = roots.pop()
            joined.add(id(find))
    return joined


def _simple(finds: Iterable[Find], keys: dict[Find, str]) -> list[Entity]:
    """Places and topics: one entity per code (or per name when there is no code)."""
    clusters: dict[str, list[Find]] = {}
    for find in finds:
        if find.kind == "topic":
            key = f"topic:{find.scheme}:{slug(find.code or find.name)}"
        else:
            key = f"place:{find.code or slug(find.name)}"
        clusters.setdefault(key, []).append(find)
    entities = []
    for key, members in clusters.items():
        first = members[0]
        aliases = []
        seen = {first.name.lower()}
        for find in members:
            for form in (find.name, find.text):
                if first.kind == "topic" and form == find.text and find.field == "tags":
                    continue
                if form.lower() not in seen:
                    seen.add(form.lower())
                    aliases.append(form)
        global_id = first.code if first.kind == "place" else None
        if first.kind == "topic":
            global_id = first.code if first.scheme != "free" else slug(first.name)
        elif global_id is None:
            global_id = slug(first.name)
        entities.append(
            Entity(
                key=key,
                kind=first.kind,
                name=first.name,
                aliases=tuple(aliases),
                global_id=global_id,
                code=first.code,
                scheme=first.scheme,
                country=first.country,
                subtype=first.subtype,
                rules=_rules(members),
            )
        )
        for find in members:
            keys[find] = key
    return entities
