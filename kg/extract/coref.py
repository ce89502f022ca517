"""Coreference within one cable: merge finds into entities, and finds into mentions.

People: full names group by given name and surname ("William J. Burns" = "William Burns");
a surname alone joins the person whose surname is exactly that ("Arbatov" never joins
"Nadia Arbatova"); "the Deputy Foreign Minister" joins the one person holding that title;
"the Ambassador" is the chief of mission (the Classified By ambassador, else the signer of
an embassy cable). The canonical name is the fullest form the cable gives; a person known
by a full name gets it as ``global_id`` so that one person is one node across cables.
Organizations merge by name and acronym, places by FIPS code or name, topics by code.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg.extract.finds import Find
from kg.extract.gazetteer import load
from kg.model import Cable, Entity, Mention, Role
from kg.rdf.iri import slug

_PRIORITY = {"organization": 3, "person": 2, "place": 1, "topic": 0}
_CHIEF_TITLES = ("Ambassador", "Charge d'Affaires")
_SECRETARY = frozenset({"Secretary", "Secretary of State"})
_COURTESY = frozenset({"Mrs.", "Ms.", "Miss", "Madame", "Mme."})


@dataclass(slots=True)
class _Group:
    finds: list[Find] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.finds if f.name]


@dataclass(frozen=True, slots=True)
class Coreference:
    """Entities and mentions of one cable, and which entity each find refers to."""

    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    keys: dict[Find, str]
    headings: dict[int, list[str]]  # paragraph index -> topics its section heading names


@lru_cache(maxsize=4096)
def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower().replace("'s ", " ").replace(".", "")).strip()


@lru_cache(maxsize=4096)
def _tokens(name: str) -> tuple[str, ...]:
    words = name.replace(",", " ").split()
    particles = load().particles
    while len(words) > 1 and (words[0].islower() or words[0].lower() in particles):
        words = words[1:]  # "del Castillo", "La Russa": a surname with its particle
    name = " ".join(words)
    return tuple(
        w
        for w in name.replace(",", " ").split()
        if not re.fullmatch(r"[A-Z]\.?", w) and w.rstrip(".") not in ("Jr", "Sr", "II", "III")
    )


@lru_cache(maxsize=4096)
def _surname(name: str) -> str:
    words = _tokens(name)
    last = words[-1].lower() if words else name.lower()
    return re.sub(r"^(?:al|el)-", "", last)


@lru_cache(maxsize=4096)
def _middle_names(name: str) -> frozenset[str]:
    """The words between given name and surname, in lower case: "inacio", "lula", "da"."""
    return frozenset(w.lower() for w in _tokens(name)[1:-1])


@lru_cache(maxsize=4096)
def _variant(a: str, b: str) -> bool:
    """A misspelling of the same surname ("Riesktins" for "Riekstins"), never a different name.

    Equal first letters, at most two edits, and neither is the other plus a suffix: "Arbatov"
    and "Arbatova" stay apart.
    """
    a, b = re.sub(r"['’-]", "", a), re.sub(r"['’-]", "", b)  # Ja'fari, Jaffari
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False
    if a.startswith(b) or b.startswith(a):
        return False
    return _distance(a, b) <= (1 if min(len(a), len(b)) < 8 else 2)


def _distance(a: str, b: str) -> int:
    """Edit distance with transpositions (optimal string alignment)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


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
    entities.extend(_people(cable, people, keys, org_entities))
    entities.extend(_simple([f for f in finds if f.kind == "place"], keys))
    entities.extend(_simple([f for f in finds if f.kind == "topic"], keys))
    headings: dict[int, list[str]] = defaultdict(list)
    for find in finds:
        if find.field == "header" and find.paragraph is not None and find in keys:
            headings[find.paragraph].append(keys[find])  # offsets into a heading: no mention
    mentions = tuple(
        dict.fromkeys(
            Mention(keys[f], f.text, f.start, f.end, f.paragraph, f.field)
            for f in finds
            if f in keys and not (f.field == "header" and f.paragraph is not None)
        )
    )
    return Coreference(tuple(entities), mentions, keys, dict(headings))


def _people(
    cable: Cable, finds: list[Find], keys: dict[Find, str], organizations: list[Entity]
) -> list[Entity]:
    original: dict[Find, Find] = {}
    for find in finds:
        if find.name and not find.refers:
            original[_courtesy(find)] = find
    named = list(original)
    groups: list[_Group] = []
    by_full: dict[tuple[str, str], _Group] = {}
    # 1. full names, grouped by (given name, surname)
    for find in named:
        words = _tokens(find.name)
        if len(words) < 2:
            continue
        key = (words[0].lower(), _surname(find.name))
        group = by_full.get(key)
        if group is None:  # "Hussein al-Jaburi" and "Hussein al-Jabouri" in one cable
            group = next(
                (
                    g
                    for (given, last), g in by_full.items()
                    if given == key[0] and _variant(last, key[1])
                ),
                None,
            )
            if group is not None:
                by_full[key] = group
        if group is None:
            group = by_full[key] = _Group()
            groups.append(group)
        group.finds.append(find)
    # 2. surnames alone join the one full name with exactly that surname
    by_surname: dict[str, list[_Group]] = defaultdict(list)
    for group in groups:
        by_surname[_surname(group.finds[0].name)].append(group)
    singles: dict[str, _Group] = {}
    by_given: dict[str, list[_Group]] = defaultdict(list)
    for group in groups:
        by_given[_tokens(group.finds[0].name)[0].lower()].append(group)
    for find in named:
        if len(_tokens(find.name)) >= 2:
            continue
        surname = _surname(find.name)
        candidates = by_surname.get(surname, [])
        if not candidates:  # "Deputy Interior Minister Hekmat" for Hekmat Musa Salman
            given = by_given.get(find.name.lower(), [])
            candidates = given if len(given) == 1 else _last_named_before(find, given)
        if not candidates:
            candidates = [g for s, gs in by_surname.items() if _variant(surname, s) for g in gs]
            candidates = candidates if len(candidates) == 1 else []
        if not candidates:  # "Lula" for Luiz Inacio Lula da Silva
            middle = [g for g in groups if surname in _middle_names(g.finds[0].name)]
            candidates = middle if len(middle) == 1 else []
        if candidates:
            candidates[0].finds.append(find)
            continue
        group = singles.get(surname)
        if group is None:
            variant = [g for s, g in singles.items() if _variant(surname, s)]
            group = variant[0] if len(variant) == 1 else None
        if group is None:
            group = singles[surname] = _Group()
            groups.append(group)
        group.finds.append(find)
    # 3. unnamed references: the chief of mission, the one holder of a title
    chief = _chief(cable, groups)
    secretary = None
    if (cable.origin or "").startswith("Secretary of State"):
        secretary = next((g for g in groups if any(f.field == "signature" for f in g.finds)), None)
    for find in finds:
        if not find.refers:
            continue
        if find.refers == "chief":
            if chief is not None:
                chief.finds.append(find)
            continue
        title = find.refers.removeprefix("title:")
        holders = [
            g
            for g in groups
            if any(
                f.title and (f.title == title or f.title.startswith(title + " ")) for f in g.finds
            )
        ]
        if len(holders) == 1 and (holders[0] is not chief or title in _CHIEF_TITLES):
            holders[0].finds.append(find)
        elif not holders and title in _SECRETARY and secretary is not None:
            secretary.finds.append(find)  # "the Secretary" in the Secretary's own cable
        elif not holders and (classifier := _classifier_by_stem(title, groups)) is not None:
            classifier.finds.append(find)  # "Econcouns" for "Classified By: ECON Larry Memmott"
    entities = []
    used: set[str] = set()
    for group in groups:
        entity = _person_entity(group, organizations, used)
        if entity is None:
            continue
        entities.append(entity)
        for find in group.finds:
            keys[original.get(find, find)] = entity.key
    return entities


def _place_in_text(find: Find) -> tuple[int, int]:
    return (find.paragraph if find.paragraph is not None else -1, find.start)


def _last_named_before(find: Find, groups: list[_Group]) -> list[_Group]:
    """ "Kim told him" after "Kim Kye-gwan" and "Kim Jong-il": the one named last before it,
    in the same paragraph or the one before (a family name first, as in Korean and Chinese)."""
    if find.field != "paragraph" or find.paragraph is None:
        return []
    at = _place_in_text(find)
    best: tuple[tuple[int, int], _Group] | None = None
    for group in groups:
        for other in group.finds:
            where = _place_in_text(other)
            near = other.field == "paragraph" and where < at and at[0] - where[0] <= 1
            if near and (best is None or where > best[0]):
                best = (where, group)
    return [best[1]] if best is not None else []


def _classifier_by_stem(title: str, groups: list[_Group]) -> _Group | None:
    """The Classified By officer whose abbreviated role opens the same way ("Econ")."""
    if not title.startswith(("Political", "Economic", "Consul", "Public Affairs", "Management")):
        return None
    for group in groups:
        for find in group.finds:
            role = (find.title or "").lower()
            if (
                find.field == "classified_by"
                and len(role) >= 3
                and title.lower().startswith(role[:3])
                and _same_rank(title, role)
            ):
                return group
    return None


def _same_rank(title: str, role: str) -> bool:
    ranks = (_rank(title), _rank(role))
    return None in ranks or ranks[0] == ranks[1]


def _rank(role: str) -> str | None:
    """Officer or counselor: a Poloff is not the Political Counselor who classified."""
    low = role.lower()
    if "couns" in low or "minister" in low:
        return "counselor"
    if low.endswith(("officer", "off", "offs")):
        return "officer"
    return None


def _courtesy(find: Find) -> Find:
    """ "Mrs. Borrel" is not Bernard Borrel: a courtesy title stays in a surname-only name."""
    if find.title in _COURTESY and len(find.name.split()) == 1:
        return replace(find, name=f"{find.title} {find.name}")
    return find


def _chief(cable: Cable, groups: list[_Group]) -> _Group | None:
    """The chief of mission: the Classified By ambassador, else the signer of an embassy cable."""
    for group in groups:
        for find in group.finds:
            if (
                find.field == "classified_by"
                and find.title
                and find.title.startswith(_CHIEF_TITLES)
            ):
                return group
    origin = cable.origin or ""
    if origin.startswith(("Embassy", "US Mission", "USMission", "Mission")):
        for group in groups:
            if any(f.field == "signature" for f in group.finds):
                return group
    return None


def _person_entity(group: _Group, organizations: list[Entity], used: set[str]) -> Entity | None:
    names = group.names
    if not names:
        return None
    canonical = max(names, key=lambda n: (len(_tokens(n)), names.count(n), len(n), -names.index(n)))
    aliases: list[str] = []
    seen = {canonical.lower()}
    for name in names:
        if name.lower() not in seen:
            seen.add(name.lower())
            aliases.append(name)
    roles: list[Role] = []
    role_keys: set[tuple[str, str | None]] = set()
    for find in group.finds:
        if not find.title or find.refers:
            continue
        organization = _organization_key(find.organization, organizations)
        if (find.title, organization) in role_keys:
            continue
        role_keys.add((find.title, organization))
        roles.append(Role(find.title, organization, find.country, find.paragraph))
    base = "person:" + slug(canonical)
    key = base
    n = 2
    while key in used:
        key, n = f"{base}-{n}", n + 1
    used.add(key)
    full = len(_tokens(canonical)) >= 2 and canonical.split()[0] not in _COURTESY
    countries = [f.country for f in group.finds if f.country]
    return Entity(
        key=key,
        kind="person",
        name=canonical,
        aliases=tuple(aliases),
        roles=tuple(roles),
        global_id=canonical if full else None,
        country=countries[0] if countries else None,
        confidence=max(f.confidence for f in group.finds),
    )


def _organization_key(text: str | None, organizations: list[Entity]) -> str | None:
    if not text:
        return None
    wanted = _norm(text)
    for entity in organizations:
        forms = [entity.name, *entity.aliases, entity.code or ""]
        if any(form and _norm(form) == wanted for form in forms):
            return entity.key
    for entity in organizations:
        forms = [entity.name, *entity.aliases]
        if any(len(_norm(form)) > 6 and wanted.endswith(_norm(form)) for form in forms):
            return entity.key
    return None


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
            other = index.setdefault(_norm(form), i)
            parent[root(i)] = root(other)
    _join_short_forms(finds, index, parent, root)
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
            )
        )
        for find in members:
            keys[find] = key
    return entities


def _join_short_forms(
    finds: list[Find], index: dict[str, int], parent: dict[int, int], root: Callable[[int], int]
) -> None:
    """A later short form is the fuller name given before: "the Follow-Up Committee" after
    "the Arab League Follow-Up Committee", when exactly one earlier name ends with it."""
    known = load().organizations
    for i, find in enumerate(finds):
        short = _norm(find.name)
        if len(short.split()) < 2 or find.name in known or find.code:
            continue
        roots = {
            root(j)
            for name, j in index.items()
            if j < i and name.endswith(" " + short) and root(j) != root(i)
        }
        if len(roots) == 1:
            parent[root(i)] = roots.pop()


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
            )
        )
        for find in members:
            keys[find] = key
    return entities
