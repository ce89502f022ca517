"""Coreference of people: which person finds of one cable name the same person.

Three steps, each an ordered table of named rules (``RULE_NAMES``):

1. full names group by given name and surname ("William J. Burns" = "William Burns",
   ``coref.full-name``; a misspelt surname, ``coref.name-variant``; the last words of one
   longer name, "Perez Roque" for Felipe Perez Roque, ``coref.name-tail``);
2. a name of one word joins the one full name it can only be: by surname
   (``coref.surname``; "Arbatov" never joins "Nadia Arbatova"), by given name
   (``coref.given-name``), by a misspelt surname (``coref.surname-variant``) or by a middle
   name ("Lula", ``coref.middle-name``); else it stands alone (``coref.surname-alone``);
3. an unnamed reference joins the one person it can be: "the Ambassador" the chief of
   mission (``coref.chief``), "the Deputy Foreign Minister" the one holder of that title
   (``coref.title-holder``; "the Secretary" in the Secretary's own cable is its signer,
   whom the signature gives that title), "Charge" that no one named holds the chief of
   mission (``coref.chief-title``), "Econcouns" the Classified By officer
   (``coref.classifier-stem``).

The canonical name is the fullest form the cable gives; a person known by a full name gets
it as ``global_id`` so that one person is one node across cables.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg.extract.finds import Find
from kg.extract.gazetteer import load
from kg.extract.rules import Rule, names
from kg.model import Cable, Entity, Role
from kg.rdf.iri import slug

_CHIEF_TITLES = ("Ambassador", "Charge d'Affaires")
_COURTESY = frozenset({"Mrs.", "Ms.", "Miss", "Madame", "Mme."})


@dataclass(slots=True)
class _Group:
    finds: list[Find] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # find and coreference rules, in order

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.finds if f.name]

    def add(self, find: Find, rule: str) -> None:
        """Let ``find`` join the person, by the coreference rule ``rule``."""
        self.finds.append(find)
        self.rules.extend((find.rule, rule))


@lru_cache(maxsize=4096)
def norm(name: str) -> str:
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


@dataclass(slots=True)
class _People:
    """The person groups of one cable as the steps build them, and their indexes."""

    cable: Cable
    groups: list[_Group] = field(default_factory=list)
    by_full: dict[tuple[str, str], _Group] = field(default_factory=dict)
    by_surname: dict[str, list[_Group]] = field(default_factory=lambda: defaultdict(list))
    by_given: dict[str, list[_Group]] = field(default_factory=lambda: defaultdict(list))
    singles: dict[str, _Group] = field(default_factory=dict)
    chief: _Group | None = None
    holders: tuple[str, list[_Group]] | None = None  # the holders of a title, for one reference

    def index_full_names(self) -> None:
        """Index the full-name groups by surname and by given name (after step 1)."""
        for group in self.groups:
            self.by_surname[_surname(group.finds[0].name)].append(group)
        for group in self.groups:
            self.by_given[_tokens(group.finds[0].name)[0].lower()].append(group)

    def find_chief(self) -> None:
        """The chief of mission, whom "the Ambassador" names (step 3)."""
        self.chief = _chief(self.cable, self.groups)


def resolve_people(
    cable: Cable, finds: list[Find], keys: dict[Find, str], organizations: list[Entity]
) -> list[Entity]:
    """Merge the person finds of one cable into entities: the three steps in turn."""
    original: dict[Find, Find] = {}
    for find in finds:
        if find.name and not find.refers:
            original[_courtesy(find)] = find
    named = list(original)
    people = _People(cable)
    for find in named:  # 1. full names, grouped by (given name, surname)
        if len(_tokens(find.name)) >= 2:
            _full_name(people, find)
    _name_tails(people)
    people.index_full_names()
    for find in named:  # 2. a name of one word joins the one full name it can only be
        if len(_tokens(find.name)) < 2:
            _short_name(people, find)
    people.find_chief()
    for find in finds:  # 3. unnamed references: the chief of mission, the one holder of a title
        if find.refers:
            _reference(people, find)
    entities = []
    used: set[str] = set()
    for group in people.groups:
        entity = _person_entity(group, organizations, used)
        if entity is None:
            continue
        entities.append(entity)
        for find in group.finds:
            keys[original.get(find, find)] = entity.key
    return entities


def _full_name(people: _People, find: Find) -> None:
    """Step 1: a full name joins the group of its given name and surname, or of a misspelt
    surname ("Hussein al-Jaburi" and "Hussein al-Jabouri" in one cable), or opens one."""
    key = (_tokens(find.name)[0].lower(), _surname(find.name))
    group = people.by_full.get(key)
    rule = "coref.full-name"
    if group is None:
        group = next(
            (
                g
                for (given, last), g in people.by_full.items()
                if given == key[0] and _variant(last, key[1])
            ),
            None,
        )
        if group is not None:
            people.by_full[key] = group
            rule = "coref.name-variant"
    if group is None:
        group = people.by_full[key] = _Group()
        people.groups.append(group)
    group.add(find, rule)


def _name_tails(people: _People) -> None:
    """Step 1, last: a full name that is the last words of one longer full name, given names
    before it, joins it: "Perez Roque" for Felipe Perez Roque, "Beatriz Roque" for Marta
    Beatriz Roque; never a father's name after "bin", nor "Mincouns Thomas Countryman"."""
    words = {id(g): max((_tokens(n) for n in g.names), key=len) for g in people.groups}
    lowered = {k: tuple(w.lower() for w in v) for k, v in words.items()}
    given = load().first_names
    for group in sorted(people.groups, key=lambda g: len(words[id(g)])):
        tail = lowered[id(group)]
        hosts = [
            g
            for g in people.groups
            if len(lowered[id(g)]) > len(tail)
            and lowered[id(g)][-len(tail) :] == tail
            and all(w in given for w in lowered[id(g)][: -len(tail)])
        ]
        if len(hosts) == 1:
            for find in group.finds:
                hosts[0].add(find, "coref.name-tail")
            people.groups.remove(group)
            people.by_full.update([(k, hosts[0]) for k, g in people.by_full.items() if g is group])


def _by_surname(people: _People, find: Find) -> list[_Group]:
    """ "Burns" for William J. Burns: the full names with exactly that surname."""
    return people.by_surname.get(_surname(find.name), [])


def _by_given_name(people: _People, find: Find) -> list[_Group]:
    """ "Deputy Interior Minister Hekmat" for Hekmat Musa Salman; of two with that given
    name, the one named last before it ("Kim" after "Kim Kye-gwan")."""
    given = people.by_given.get(find.name.lower(), [])
    return given if len(given) == 1 else _last_named_before(find, given)


def _by_surname_variant(people: _People, find: Find) -> list[_Group]:
    """ "Riesktins" for Riekstins: the one full name whose surname it misspells."""
    surname = _surname(find.name)
    found = [g for s, gs in people.by_surname.items() if _variant(surname, s) for g in gs]
    return found if len(found) == 1 else []


def _by_middle_name(people: _People, find: Find) -> list[_Group]:
    """ "Lula" for Luiz Inacio Lula da Silva: the one full name with it as a middle name."""
    surname = _surname(find.name)
    middle = [g for g in people.groups if surname in _middle_names(g.finds[0].name)]
    return middle if len(middle) == 1 else []


# step 2: the first rule that names candidates wins; the first candidate is joined
SHORT_NAME_RULES: tuple[Rule[Callable[[_People, Find], list[_Group]]], ...] = (
    Rule("coref.surname", _by_surname),
    Rule("coref.given-name", _by_given_name),
    Rule("coref.surname-variant", _by_surname_variant),
    Rule("coref.middle-name", _by_middle_name),
)


def _short_name(people: _People, find: Find) -> None:
    """Step 2: the first rule of ``SHORT_NAME_RULES`` with candidates joins the first; a name
    none of them places stands alone, with the other bare names of that surname."""
    for rule in SHORT_NAME_RULES:
        candidates = rule.apply(people, find)
        if candidates:
            candidates[0].add(find, rule.name)
            return
    surname = _surname(find.name)
    group = people.singles.get(surname)
    if group is None:
        variant = [g for s, g in people.singles.items() if _variant(surname, s)]
        group = variant[0] if len(variant) == 1 else None
    if group is None:
        group = people.singles[surname] = _Group()
        people.groups.append(group)
    group.add(find, "coref.surname-alone")


def _holders(people: _People, title: str) -> list[_Group]:
    """The people given ``title`` (or a longer title that opens with it), as of now: the
    rules of one reference share what the first of them computed."""
    if people.holders is not None and people.holders[0] == title:
        return people.holders[1]
    found = [
        g
        for g in people.groups
        if any(f.title and (f.title == title or f.title.startswith(title + " ")) for f in g.finds)
    ]
    people.holders = (title, found)
    return found


def _the_chief(people: _People, find: Find) -> _Group | None:
    """ "the Ambassador": the chief of mission."""
    return people.chief


def _title_holder(people: _People, find: Find) -> _Group | None:
    """ "the Deputy Foreign Minister": the one person given that title (the chief of mission
    only by a chief's title)."""
    title = (find.refers or "").removeprefix("title:")
    holders = _holders(people, title)
    if len(holders) == 1 and (holders[0] is not people.chief or title in _CHIEF_TITLES):
        return holders[0]
    return None


def _chief_by_title(people: _People, find: Find) -> _Group | None:
    """ "Charge told Lugo": a chief of mission's title that no one named holds is the chief
    of mission (who classified or signed the embassy's cable)."""
    title = (find.refers or "").removeprefix("title:")
    if title not in _CHIEF_TITLES or _holders(people, title):
        return None
    return people.chief


def _classifier(people: _People, find: Find) -> _Group | None:
    """ "Econcouns" for "Classified By: ECON Larry Memmott", when no one holds the title."""
    title = (find.refers or "").removeprefix("title:")
    if _holders(people, title):
        return None
    return _classifier_by_stem(title, people.groups)


_ReferenceRule = Rule[Callable[[_People, Find], _Group | None]]
# step 3: "the Ambassador" is read by the first table, a title by the second, in order
CHIEF_RULES: tuple[_ReferenceRule, ...] = (Rule("coref.chief", _the_chief),)
TITLE_RULES: tuple[_ReferenceRule, ...] = (
    Rule("coref.title-holder", _title_holder),
    Rule("coref.chief-title", _chief_by_title),
    Rule("coref.classifier-stem", _classifier),
)
RULE_NAMES = (
    "coref.full-name",
    "coref.name-variant",
    "coref.name-tail",
    *names(SHORT_NAME_RULES),
    "coref.surname-alone",
    *names(CHIEF_RULES),
    *names(TITLE_RULES),
)


def _reference(people: _People, find: Find) -> None:
    """Step 3: the first rule that names the one person an unnamed reference is."""
    people.holders = None  # a reference joined since: compute the holders afresh
    for rule in CHIEF_RULES if find.refers == "chief" else TITLE_RULES:
        group = rule.apply(people, find)
        if group is not None:
            group.add(find, rule.name)
            return


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
        rules=_named(group.rules),
    )


def _named(rules: list[str]) -> tuple[str, ...]:
    """Rule names once each, in order, the empty name left out."""
    unique = dict.fromkeys(rules)
    unique.pop("", None)
    return tuple(unique)


def _organization_key(text: str | None, organizations: list[Entity]) -> str | None:
    if not text:
        return None
    wanted = norm(text)
    for entity in organizations:
        forms = [entity.name, *entity.aliases, entity.code or ""]
        if any(form and norm(form) == wanted for form in forms):
            return entity.key
    for entity in organizations:
        forms = [entity.name, *entity.aliases]
        if any(len(norm(form)) > 6 and wanted.endswith(norm(form)) for form in forms):
            return entity.key
    return None
