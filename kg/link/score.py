"""Scoring: how likely two person nodes are one person, and the links that are kept."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

from kg.link.evidence import Evidence, Person, code
from kg.link.links import (
    MAX_CONFIDENCE,
    Link,
    LinkStore,
    write_links,
)
from kg.link.names import Name, differ_by_middle, fold, given_conflict

# -- scoring -------------------------------------------------------------------------------


def _score(source: Person, target: Person, base: float, why: str) -> tuple[float, list[str]]:
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

    years_apart = _years_apart(source.years, target.years)
    _roles(add, source, target, years_apart)
    shared_orgs = source.organizations & target.organizations
    if shared_orgs:
        add(0.1, f"same organization: {code(sorted(shared_orgs)[0])}")
    source_countries = source.countries | source.cable_countries
    target_countries = target.countries | target.cable_countries
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
    origins = source.origins & target.origins
    if origins:
        add(0.1, f"cables from the same post: {sorted(o for o in origins if o)[0]}")
    signed = source.signed & target.signed
    if signed:
        add(0.15, f"both sign or classify cables of {sorted(o for o in signed if o)[0]}")
    if source.graphs & target.graphs:
        add(-0.4, "the same cable names both, apart")
    if source.confidence < 1:
        add(-(1 - source.confidence) / 2, f"extraction confidence {source.confidence:g}")
    return score, reasons


def _years_apart(a: Iterable[int], b: Iterable[int]) -> int | None:
    gaps = [abs(x - y) for x in a for y in b]
    return min(gaps) if gaps else None


def _roles(add: Add, source: Person, target: Person, years_apart: int | None) -> None:
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


class Add(Protocol):
    def __call__(self, weight: float, reason: str, /) -> None: ...


# -- linking -------------------------------------------------------------------------------


def _candidates(evidence: Evidence) -> dict[str, list[tuple[str, float, str]]]:
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


def settle(evidence: Evidence, *, min_confidence: float = 0.5) -> list[Link]:
    """The links of every person in ``evidence`` to the others, sorted by source, then target.

    Exact for a source when ``evidence`` holds every full name its name allows and every
    full name of those candidates' surnames (``kg.link.update`` reads just that much).
    """
    candidates = _candidates(evidence)
    scored: dict[str, list[tuple[str, float, list[str]]]] = {}
    for source in sorted(candidates):
        scored[source] = [
            (target, *_score(evidence.people[source], evidence.people[target], base, why))
            for target, base, why in candidates[source]
        ]
    # Full names that are one person count once when they compete for a surname.
    global_pairs = [s for s in sorted(scored) if evidence.is_global(s)]
    cluster = _clusters(link for s in global_pairs for link in _settle(s, scored[s], {}))
    links = [link for s in sorted(scored) for link in _settle(s, scored[s], cluster)]
    kept = [link for link in links if link.confidence >= min_confidence]
    return sorted(kept, key=lambda link: (link.local_iri, link.global_iri))


def link_people(store: LinkStore, *, min_confidence: float = 0.5) -> list[Link]:
    """Every identity link the store supports with at least ``min_confidence``.

    Reads the store as it is now (every cable graph; the links graph is ignored) and
    writes nothing. Sorted by source, then target: the same store gives the same list.
    """
    return settle(Evidence.read(store), min_confidence=min_confidence)


def relink(store: LinkStore, *, min_confidence: float = 0.5) -> list[Link]:
    """Recompute every identity link from the store as it is and replace the links graph.

    Also rebuilds the store's index of names (``kg.link.index``) when it keeps one, so
    that later ingests link only what they changed (``kg.link.update``).
    """
    from kg.link.index import LinkIndex

    index = LinkIndex.open(store)
    if index is not None:
        index.set_status("linking")
    evidence = Evidence.read(store)
    links = settle(evidence, min_confidence=min_confidence)
    write_links(store, links)
    store.flush()
    if index is not None:
        index.rebuild(evidence, links, min_confidence=min_confidence)
        index.close()
    return links
