"""Cross-cable identity: which person nodes are one person, how sure, and why.

A cable that gives a full name makes a global person node (``{base}person/vladimir-titov``);
one that gives only a surname ("DFM Titov") makes a node of its own
(``{base}cable/07MOSCOW628/person/person-titov``). ``link_people`` reads the store and
scores, for each such cable-local person, the global persons with exactly the same
surname (accents and case aside; never a shared stem: Arbatov is not Arbatova), and for
two global persons whose names differ only by a middle name or initial (William Burns,
William J. Burns), how likely they are one person. ``write_links`` puts the result in
one named graph, ``{base}graph/links``, replaced whole on every run: ``owl:sameAs`` for
links at or above ``SAME_AS_THRESHOLD``, and a ``kg:IdentityLink`` node for every link
with its confidence and reasons. ``relink`` does both; the pipeline calls it after an
ingest that changed anything.

The score starts from the name (same surname 0.45; same given name and surname, middles
compatible, 0.55) and adds or takes away for what the cables say around the two nodes:

    same role title (abbreviations expanded: DFM = Deputy Foreign Minister)  +0.30
        (+0.15 for a one-word title such as President, which many people hold)
    compatible titles (Deputy Minister / Deputy Foreign Minister)           +0.20 (+0.10)
    both have titles and none fits (Ambassador / Deputy Foreign Minister)   -0.30
        (-0.15 when the cables are three or more years apart: people move)
    a shared organization of their roles                                    +0.10
    a shared country (of a role or in the TAGS)                             +0.10
    the countries of their roles differ                                     -0.20
    else a role's country, none shared with the other's countries           -0.20
    cables of the same year +0.10, within two years +0.05, ten or more -0.10
    cables from the same post                                               +0.10
    both sign or classify cables of the same post (BURNS, the Ambassador)   +0.15
    given names or initials that conflict                                   -0.60
    honorifics of different genders (Mrs. Borrel, Mr. Borrel)               -0.50
    the same cable names both, apart (its extraction chose two people)      -0.40
    a less than certain extraction of the local person                      -(1 - c) / 2

and is kept between 0 and 0.95 (never certain: a surname is a surname). When several
people fit one node, each is marked down: by 0.30 when another fits about as well
(within 0.15: ambiguous, so no ``owl:sameAs``), by 0.05 for each one that fits clearly
less well. Global persons that are themselves linked at the threshold count as one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import pyoxigraph as ox

from kg.rdf import terms as t
from kg.rdf import vocabulary
from kg.rdf.iri import IRIs
from kg.rdf.vocabulary import KG
from kg.store import Term, ntriples

#: At or above this confidence a link is also asserted as ``owl:sameAs``.
SAME_AS_THRESHOLD = 0.8
#: The highest confidence a link gets: the name alone never makes it certain.
MAX_CONFIDENCE = 0.95

OWL_SAME_AS = ox.NamedNode(vocabulary.OWL_SAME_AS)
SKOS_NOTE = ox.NamedNode(vocabulary.SKOS_NS + "note")
RDF_PREDICATE = ox.NamedNode(vocabulary.RDF_NS + "predicate")
IDENTITY_LINK = ox.NamedNode(str(KG.IdentityLink))
LINK_SOURCE = ox.NamedNode(str(KG.linkSource))
LINK_TARGET = ox.NamedNode(str(KG.linkTarget))
CONFIDENCE = ox.NamedNode(str(KG.confidence))

_BATCH = 200  # IRIs per VALUES block


@dataclass(frozen=True, slots=True)
class Link:
    """A scored claim that ``local_iri`` is the person ``global_iri``.

    ``local_iri`` is the less identified node: a cable-local person, or the shorter of
    two full names. ``reasons`` say what raised or lowered the confidence, in order.
    """

    local_iri: str
    global_iri: str
    confidence: float
    reasons: tuple[str, ...]

    @property
    def same_as(self) -> bool:
        return self.confidence >= SAME_AS_THRESHOLD


class LinkStore(Protocol):
    """What linking needs of a store: ``kg.store.Store`` or ``kg.store.remote.RemoteStore``."""

    iris: IRIs

    def select(self, sparql: str) -> list[dict[str, Term]]: ...

    def replace_graph_ntriples(self, graph: str, body: str) -> None: ...

    def flush(self) -> None: ...


def links_graph(iris: IRIs) -> str:
    """The named graph that holds every identity link: ``{base}graph/links``."""
    return f"{iris.base}graph/links"


# -- names ---------------------------------------------------------------------------------

_HONORIFICS = {
    "mr": "m", "sir": "m", "monsieur": "m", "senor": "m",
    "mrs": "f", "ms": "f", "miss": "f", "madame": "f", "mme": "f", "senora": "f",
    "dr": None, "prof": None,
}  # fmt: skip
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_PARTICLES = {"da", "de", "del", "della", "der", "di", "do", "dos", "du", "la", "le", "van",
              "von", "bin", "ibn", "al", "el"}  # fmt: skip


def fold(text: str) -> str:
    """Accents, case and apostrophes away: ``"Ja'afari"`` -> ``"jaafari"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"['`]", "", ascii_text.casefold())


@dataclass(frozen=True, slots=True)
class Name:
    """A person's name cut into the parts linking compares."""

    surname: str  # folded: "titov", "pollmann-zaal"
    given: tuple[str, ...] = ()  # folded, particles left out: ("william", "j")
    gender: str | None = None  # "m" or "f" when an honorific says

    @classmethod
    def of(cls, text: str) -> Name | None:
        tokens = [w.strip(".") for w in re.split(r"[\s,]+", fold(text)) if w.strip(".-")]
        gender = None
        while tokens and tokens[0] in _HONORIFICS:
            gender = _HONORIFICS[tokens.pop(0)] or gender
        while len(tokens) > 1 and tokens[-1] in _SUFFIXES:
            tokens.pop()
        if not tokens:
            return None
        given = tuple(w for w in tokens[:-1] if w not in _PARTICLES)
        return cls(tokens[-1], given, gender)


def _same_initial(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) == 1 and a[0] == b[0])


def given_conflict(a: Name, b: Name) -> bool:
    """Whether two names' given names (or initials) cannot be the same person's."""
    if not a.given or not b.given:
        return False
    if not _same_initial(a.given[0], b.given[0]):
        return True
    middles_a, middles_b = a.given[1:], b.given[1:]
    return any(not _same_initial(x, y) for x, y in zip(middles_a, middles_b, strict=False))


def differ_by_middle(a: Name, b: Name) -> bool:
    """Same first given name in full and same surname; the middles differ but fit."""
    if a.surname != b.surname or not a.given or not b.given or a.given == b.given:
        return False
    first_a, first_b = a.given[0], b.given[0]
    return first_a == first_b and len(first_a) > 1 and not given_conflict(a, b)


# -- role titles ---------------------------------------------------------------------------

_ROLE_WORDS = {
    "dfm": "deputy foreign minister", "fm": "foreign minister", "pm": "prime minister",
    "dpm": "deputy prime minister", "fonmin": "foreign minister", "defmin": "defense minister",
    "amb": "ambassador", "ambassadors": "ambassador", "dcm": "deputy chief mission",
    "cda": "charge", "pol": "political", "econ": "economic", "mil": "military",
    "polmil": "political military", "polcouns": "political counselor", "couns": "counselor",
    "counsellor": "counselor", "dep": "deputy", "asst": "assistant",
    "das": "deputy assistant secretary",
    "undersecretary": "under secretary", "secy": "secretary", "sec": "secretary",
    "min": "minister", "dir": "director", "pres": "president", "vp": "vice president",
    "gen": "general", "col": "colonel", "chmn": "chairman", "chair": "chairman",
    "chairwoman": "chairman", "chairperson": "chairman", "defence": "defense",
    "daffaires": "", "affaires": "", "affairs": "",
}  # fmt: skip
_ROLE_PHRASES = {"a/s": "assistant secretary", "u/s": "under secretary", "d/s": "deputy secretary"}
_ROLE_STOP = {"of", "for", "the", "on", "and", "to", "in", "at", "d", "former", "acting", "then",
              "new", "current", "mr", "mrs", "ms", "miss", "dr", "madame"}  # fmt: skip
_RANKS = {"deputy", "vice", "assistant", "under", "associate"}


@dataclass(frozen=True, slots=True)
class Title:
    """A role title as a comparable key: rank words and the rest, abbreviations expanded."""

    label: str
    ranks: frozenset[str]
    words: frozenset[str]

    @classmethod
    def of(cls, label: str) -> Title | None:
        text = fold(label)
        for phrase, expansion in _ROLE_PHRASES.items():
            text = text.replace(phrase, f" {expansion} ")
        words: list[str] = []
        for word in re.split(r"[^a-z0-9]+", text):
            words += _ROLE_WORDS.get(word, word).split()
        kept = {w for w in words if w and w not in _ROLE_STOP}
        if not kept:
            return None  # an honorific ("Mr."), not a role
        return cls(label, frozenset(kept & _RANKS), frozenset(kept - _RANKS))

    @property
    def specific(self) -> bool:
        return len(self.ranks) + len(self.words) > 1

    def same(self, other: Title) -> bool:
        return self.ranks == other.ranks and self.words == other.words

    def fits(self, other: Title) -> bool:
        """Same rank and one title's words within the other's (Minister, Foreign Minister)."""
        if self.ranks != other.ranks or not self.words or not other.words:
            return False
        return self.words <= other.words or other.words <= self.words


# -- what the store says about people and cables -------------------------------------------

_PREFIXES = vocabulary.sparql_prefixes("kg", "foaf", "org", "skos", "dcterms", "rdfs")
_PEOPLE = """SELECT ?g ?p ?name ?alt ?confidence WHERE {
  GRAPH ?g {
    ?cable a kg:Cable . ?p a foaf:Person ; foaf:name ?name .
    OPTIONAL { ?p skos:altLabel ?alt }
    OPTIONAL { ?p kg:confidence ?confidence }
  }
}"""
_ROLES = """SELECT ?g ?p ?role ?org ?country WHERE {
  VALUES ?p { %s }
  GRAPH ?g {
    ?p org:hasMembership ?m . ?m org:role ?r . ?r skos:prefLabel ?role .
    OPTIONAL { ?m org:organization ?org } OPTIONAL { ?m kg:country ?country }
  }
}"""
_CABLES = """SELECT ?g ?created ?origin ?label ?code ?signer WHERE {
  VALUES ?g { %s }
  GRAPH ?g {
    ?cable a kg:Cable .
    OPTIONAL { ?cable dcterms:created ?created }
    OPTIONAL { ?cable kg:origin ?origin . OPTIONAL { ?origin rdfs:label ?label } }
    OPTIONAL { ?cable kg:tag ?tag . ?tag skos:notation ?code FILTER(REGEX(?code, "^[A-Z]{2}$")) }
    OPTIONAL { { ?cable kg:signedBy ?signer } UNION { ?cable kg:classifiedBy ?signer } }
  }
}"""


@dataclass(slots=True)
class _Person:
    """Everything the store says about one person node, gathered across graphs."""

    iri: str
    names: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    graphs: set[str] = field(default_factory=set)
    titles: dict[str, Title] = field(default_factory=dict)
    organizations: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)  # of its roles
    confidence: float = 1.0
    genders: set[str] = field(default_factory=set)  # from honorifics given as roles

    @property
    def gender(self) -> str | None:
        return min(self.genders) if len(self.genders) == 1 else None

    @property
    def name(self) -> Name | None:
        # The fullest form any cable gives (most words), ties by text for determinism.
        fullest = sorted(self.names, key=lambda n: (-len(n.split()), n))
        return Name.of(fullest[0]) if fullest else None

    @property
    def label(self) -> str:
        return sorted(self.names, key=lambda n: (-len(n.split()), n))[0]


@dataclass(frozen=True, slots=True)
class _Cable:
    year: int | None
    origin: str | None  # the post's label as the release names it
    countries: frozenset[str]
    signers: frozenset[str]


def _value(term: Term | None) -> str:
    return str(getattr(term, "value", "")) if term is not None else ""


def _values(iris: Iterable[str]) -> Iterator[str]:
    batch = sorted(iris)
    for start in range(0, len(batch), _BATCH):
        yield " ".join(str(ox.NamedNode(iri)) for iri in batch[start : start + _BATCH])


def _code(place: str) -> str:
    return place.rstrip("/").rsplit("/", 1)[-1]


class _Evidence:
    """The store read once: people, their roles, and the cables around them."""

    def __init__(self, store: LinkStore) -> None:
        self.iris = store.iris
        self.graph_prefix = f"{self.iris.base}graph/"
        self.people: dict[str, _Person] = {}
        for row in store.select(_PREFIXES + _PEOPLE):
            graph, iri = _value(row.get("g")), _value(row.get("p"))
            if not graph.startswith(self.graph_prefix) or graph == links_graph(self.iris):
                continue
            person = self.people.setdefault(iri, _Person(iri))
            person.graphs.add(graph)
            person.names.add(_value(row.get("name")))
            if "alt" in row:
                person.aliases.add(_value(row["alt"]))
            if "confidence" in row:
                person.confidence = min(person.confidence, float(_value(row["confidence"])))
        self.cables: dict[str, _Cable] = {}

    def is_global(self, iri: str) -> bool:
        return iri.startswith(f"{self.iris.base}person/")

    def is_local(self, iri: str) -> bool:
        return iri.startswith(f"{self.iris.base}cable/") and "/person/" in iri

    def load_details(self, store: LinkStore, iris: set[str]) -> None:
        """Roles of ``iris`` and the cables they appear in."""
        for values in _values(iris):
            for row in store.select(_PREFIXES + _ROLES % values):
                person = self.people.get(_value(row.get("p")))
                if person is None or _value(row.get("g")) not in person.graphs:
                    continue
                label = _value(row.get("role"))
                title = Title.of(label)
                if title is not None:
                    person.titles.setdefault(title.label, title)
                elif _HONORIFICS.get(fold(label).strip(". ")):
                    person.genders.add(_HONORIFICS[fold(label).strip(". ")] or "")  # "Mr."
                if "org" in row:
                    person.organizations.add(_value(row["org"]))
                if "country" in row:
                    person.countries.add(_code(_value(row["country"])))
        graphs = {g for iri in iris for g in self.people[iri].graphs}
        found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for values in _values(graphs):
            for row in store.select(_PREFIXES + _CABLES % values):
                facts = found[_value(row.get("g"))]
                for key in ("created", "label", "code", "signer"):
                    if key in row:
                        facts[key].add(_value(row[key]))
        for graph, facts in found.items():
            years = sorted(int(c[:4]) for c in facts["created"] if c[:4].isdigit())
            # A post has the release's name and the routing one: prefer the mixed-case one.
            labels = sorted(facts["label"], key=lambda n: (n.isupper(), n))
            self.cables[graph] = _Cable(
                year=years[0] if years else None,
                origin=labels[0] if labels else None,
                countries=frozenset(facts["code"]),
                signers=frozenset(facts["signer"]),
            )

    def cables_of(self, person: _Person) -> list[_Cable]:
        return [self.cables[g] for g in sorted(person.graphs) if g in self.cables]


# -- scoring -------------------------------------------------------------------------------


def _score(
    evidence: _Evidence, source: _Person, target: _Person, base: float, why: str
) -> tuple[float, list[str]]:
    score, reasons = base, [why]

    def add(weight: float, reason: str) -> None:
        nonlocal score
        score += weight
        reasons.append(f"{reason} ({weight:+.2f})")

    source_name, target_name = source.name, target.name
    if source_name and target_name:
        if given_conflict(source_name, target_name):
            add(-0.6, f"given names differ: {source.label} / {target.label}")
        genders = {source_name.gender or source.gender, target_name.gender or target.gender}
        genders -= {None}
        if len(genders) > 1:
            add(-0.5, f"honorifics of different genders: {source.label} / {target.label}")

    source_cables, target_cables = evidence.cables_of(source), evidence.cables_of(target)
    years_apart = _years_apart(source_cables, target_cables)
    _roles(add, source, target, years_apart)
    shared_orgs = source.organizations & target.organizations
    if shared_orgs:
        add(0.1, f"same organization: {_code(sorted(shared_orgs)[0])}")
    source_countries = source.countries | {c for x in source_cables for c in x.countries}
    target_countries = target.countries | {c for x in target_cables for c in x.countries}
    if source.countries and target.countries and not source.countries & target.countries:
        add(
            -0.2,
            "countries of their roles differ: "
            f"{' '.join(sorted(source.countries))} / {' '.join(sorted(target.countries))}",
        )
    elif source_countries & target_countries:
        add(0.1, f"shared country: {' '.join(sorted(source_countries & target_countries))}")
    elif (source.countries and target_countries) or (target.countries and source_countries):
        add(
            -0.2,
            "no country in common: "
            f"{' '.join(sorted(source_countries))} / {' '.join(sorted(target_countries))}",
        )
    if years_apart is not None:
        if years_apart == 0:
            add(0.1, "cables of the same year")
        elif years_apart <= 2:
            add(0.05, f"cables {years_apart} year{'s' if years_apart > 1 else ''} apart")
        elif years_apart >= 10:
            add(-0.1, f"cables {years_apart} years apart")
    origins = {c.origin for c in source_cables} & {c.origin for c in target_cables} - {None}
    if origins:
        add(0.1, f"cables from the same post: {sorted(o for o in origins if o)[0]}")
    signed = {c.origin for c in source_cables if source.iri in c.signers}
    signed &= {c.origin for c in target_cables if target.iri in c.signers}
    if signed - {None}:
        add(0.15, f"both sign or classify cables of {sorted(o for o in signed if o)[0]}")
    if source.graphs & target.graphs:
        add(-0.4, "the same cable names both, apart")
    if source.confidence < 1:
        add(-(1 - source.confidence) / 2, f"extraction confidence {source.confidence:g}")
    return score, reasons


def _years_apart(a: Sequence[_Cable], b: Sequence[_Cable]) -> int | None:
    gaps = [abs(x.year - y.year) for x in a for y in b if x.year is not None and y.year is not None]
    return min(gaps) if gaps else None


def _roles(add: _Add, source: _Person, target: _Person, years_apart: int | None) -> None:
    pairs = [
        (s, g)
        for s in sorted(source.titles.values(), key=lambda x: x.label)
        for g in sorted(target.titles.values(), key=lambda x: x.label)
    ]
    if not pairs:
        return
    for s, g in pairs:
        if s.same(g):
            add(0.3 if s.specific else 0.15, f"same role: {s.label} / {g.label}")
            return
    for s, g in pairs:
        if s.fits(g):
            specific = min((s, g), key=lambda x: len(x.words)).specific
            add(0.2 if specific else 0.1, f"compatible roles: {s.label} / {g.label}")
            return
    s, g = pairs[0]
    far = years_apart is not None and years_apart >= 3
    add(-0.15 if far else -0.3, f"conflicting roles: {s.label} / {g.label}")


class _Add(Protocol):
    def __call__(self, weight: float, reason: str, /) -> None: ...


# -- linking -------------------------------------------------------------------------------


def _candidates(evidence: _Evidence) -> dict[str, list[tuple[str, float, str]]]:
    """For each source node, the targets its name allows: (target, base score, why)."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_alias: dict[str, set[str]] = defaultdict(set)
    names: dict[str, Name] = {}
    for iri, person in evidence.people.items():
        name = person.name
        if name is None or not evidence.is_global(iri):
            continue
        names[iri] = name
        by_surname[name.surname].add(iri)
        for alias in person.aliases:
            if len(alias.split()) == 1:
                by_alias[fold(alias).strip(".")].add(iri)
    out: dict[str, list[tuple[str, float, str]]] = defaultdict(list)
    for iri, person in evidence.people.items():
        name = person.name
        if name is None or not evidence.is_local(iri):
            continue
        for target in sorted(by_surname.get(name.surname, ())):
            out[iri].append(
                (target, 0.45, f"same surname: {person.label} / {evidence.people[target].label}")
            )
        for target in sorted(
            by_alias.get(name.surname, set()) - by_surname.get(name.surname, set())
        ):
            out[iri].append(
                (
                    target,
                    0.45,
                    f"named as another cable names {evidence.people[target].label}: {person.label}",
                )
            )
    for surname in sorted(by_surname):
        group = sorted(by_surname[surname])
        for a in group:
            for b in group:
                shorter = (len(names[a].given), a) < (len(names[b].given), b)
                if shorter and differ_by_middle(names[a], names[b]):
                    why = f"names differ only by a middle name: {evidence.people[a].label} / "
                    out[a].append((b, 0.55, why + evidence.people[b].label))
    return out


def _clusters(links: Iterable[Link]) -> dict[str, str]:
    """Union-find over sameAs-strength links: each node to its cluster's smallest IRI."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for link in links:
        if link.same_as:
            a, b = sorted((find(link.local_iri), find(link.global_iri)))
            parent[b] = a
    return {x: find(x) for x in list(parent)}


def _settle(
    source: str, scored: list[tuple[str, float, list[str]]], cluster: dict[str, str]
) -> list[Link]:
    """Links for one source, marked down when several people fit it."""
    links = []
    for target, raw, reasons in scored:
        mine = cluster.get(target, target)
        others = [(o, s) for o, s, _ in scored if cluster.get(o, o) != mine]
        close = [o for o, s in others if s >= raw - 0.15]
        weaker = [o for o, s in others if s < raw - 0.15]
        score, why = raw, list(reasons)
        if close:
            score -= 0.3
            why.append(
                f"ambiguous: {len(close)} other{'s' if len(close) > 1 else ''} "
                f"with this name fit about as well (-0.30)"
            )
        elif weaker:
            cut = min(0.05 * len(weaker), 0.15)
            score -= cut
            why.append(
                f"{len(weaker)} other{'s' if len(weaker) > 1 else ''} with this name "
                f"fit less well (-{cut:.2f})"
            )
        confidence = round(max(0.0, min(MAX_CONFIDENCE, score)), 3)
        links.append(Link(source, target, confidence, tuple(why)))
    return links


def link_people(store: LinkStore, *, min_confidence: float = 0.5) -> list[Link]:
    """Every identity link the store supports with at least ``min_confidence``.

    Reads the store as it is now (every cable graph; the links graph is ignored) and
    writes nothing. Sorted by source, then target: the same store gives the same list.
    """
    evidence = _Evidence(store)
    candidates = _candidates(evidence)
    involved = set(candidates) | {target for c in candidates.values() for target, _, _ in c}
    evidence.load_details(store, involved)
    scored: dict[str, list[tuple[str, float, list[str]]]] = {}
    for source in sorted(candidates):
        scored[source] = [
            (target, *_score(evidence, evidence.people[source], evidence.people[target], base, why))
            for target, base, why in candidates[source]
        ]
    # Full names that are one person count once when they compete for a surname.
    global_pairs = [s for s in sorted(scored) if evidence.is_global(s)]
    cluster = _clusters(link for s in global_pairs for link in _settle(s, scored[s], {}))
    links = [link for s in sorted(scored) for link in _settle(s, scored[s], cluster)]
    kept = [link for link in links if link.confidence >= min_confidence]
    return sorted(kept, key=lambda link: (link.local_iri, link.global_iri))


# -- writing -------------------------------------------------------------------------------


def link_iri(iris: IRIs, link: Link) -> str:
    """``{base}link/HASH``: from the two nodes, so a link keeps its IRI across runs."""
    digest = hashlib.sha256(f"{link.local_iri} {link.global_iri}".encode()).hexdigest()
    return f"{iris.base}link/{digest[:16]}"


def link_triples(links: Iterable[Link], *, iris: IRIs) -> list[ox.Triple]:
    """The links graph's triples, in a stable order: sameAs where sure, a node for each."""
    out = t.TripleList()
    for link in sorted(links, key=lambda x: (x.local_iri, x.global_iri)):
        source, target = ox.NamedNode(link.local_iri), ox.NamedNode(link.global_iri)
        if link.same_as:
            out.add(source, OWL_SAME_AS, target)
        node = ox.NamedNode(link_iri(iris, link))
        out.add(node, t.TYPE, IDENTITY_LINK)
        out.add(node, LINK_SOURCE, source)
        out.add(node, RDF_PREDICATE, OWL_SAME_AS)
        out.add(node, LINK_TARGET, target)
        out.add(node, CONFIDENCE, t.decimal(link.confidence))
        for reason in link.reasons:
            out.add(node, SKOS_NOTE, t.string(reason))
    return out.triples


def write_links(store: LinkStore, links: Iterable[Link]) -> None:
    """Replace the links graph with ``links``, atomically."""
    body = ntriples(link_triples(links, iris=store.iris))
    store.replace_graph_ntriples(links_graph(store.iris), body)


def relink(store: LinkStore, *, min_confidence: float = 0.5) -> list[Link]:
    """Recompute every identity link from the store as it is and replace the links graph."""
    links = link_people(store, min_confidence=min_confidence)
    write_links(store, links)
    store.flush()
    return links
