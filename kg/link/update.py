"""Linking what an ingest changed: the people of the cables it wrote, against the index.

``link_cables`` gives the same links as a whole ``relink`` of the store (the same pairs,
confidences and reasons) while reading only what can have changed. A link's score reads
its two people's summaries (``Person.profile``) and, through the marking down of rivals
and the clusters of full names that are one person, the other full names its source's
name allows and the full names of their surnames. So:

1. the people the written cables name now (read from those cables) and named before
   (the index: a replaced cable's), are *touched*; a new cable adds to its people's
   summaries, a replaced one makes them be read again from every cable that names them;
2. a full name whose summary, keys or existence changed, or that a written cable names
   beside another full name of its surname, is *dirty*, and so are the surnames it had
   and has;
3. the links to redo are those of the touched people and of everyone whose surname is
   a dirty surname or a key of a full name of one (the rest read nothing that changed);
4. they are scored over those people, the full names their names allow and the full
   names of those surnames, read from the index; the links that differ from the old
   ones (the index keeps them) replace those in one update of the links graph.

A frequent name whose summary is already complete (its years, posts, countries, roles)
is not dirty when one more cable names it: the cable's own people are linked to it and
nothing else is redone. When the index is missing or behind the cables (see
``kg.link.index``) the store is linked whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

import pyoxigraph as ox

from kg.link.evidence import Evidence, Person, iri_values, is_global
from kg.link.index import LinkIndex
from kg.link.links import (
    OWL_SAME_AS,
    Link,
    LinkStore,
    link_iri,
    link_triples,
    links_graph,
)
from kg.link.score import relink, settle
from kg.store import ntriples


class UpdateStore(LinkStore, Protocol):
    """What updating links needs beyond ``LinkStore``: a SPARQL update."""

    def update(self, sparql: str) -> None: ...


def link_cables(
    store: UpdateStore, graphs: Iterable[str], *, min_confidence: float = 0.5
) -> tuple[int, int]:
    """Link the people of the cable graphs ``graphs`` (written, replaced or removed since
    the last link) and return the store's counts of links and of ``owl:sameAs``.

    Against the store's index when it has one that is up to date; else a whole
    ``relink``, which builds the index for the next time.
    """
    index = LinkIndex.open(store)
    if index is None or not index.ready(min_confidence):
        links = relink(store, min_confidence=min_confidence)
        if index is not None:
            index.close()
        return len(links), sum(1 for link in links if link.same_as)
    try:
        index.set_status("linking")
        _link_changed(store, index, set(graphs), min_confidence=min_confidence)
        return index.counts()
    finally:
        index.close()


def _link_changed(
    store: UpdateStore, index: LinkIndex, changed: set[str], *, min_confidence: float
) -> None:
    base = store.iris.base
    fresh = Evidence.read(store, changed).people  # what the written cables say now
    before_in_changed = index.people_in(changed)  # named by a replaced cable's old version
    touched = before_in_changed | set(fresh)
    before = index.people(touched)

    after: dict[str, Person | None] = {}
    for iri in set(fresh) - before_in_changed:
        person = Person(iri)  # a new cable adds to what the index sums up
        for part in (before.get(iri), fresh[iri]):
            if part is not None:
                person.add(part)
        after[iri] = person
    if before_in_changed:
        # What an old version said cannot be taken away from a sum: read them again.
        again: set[str] = set()
        for iri in before_in_changed:
            again |= before[iri].graphs - changed if iri in before else set()
            again |= fresh[iri].graphs if iri in fresh else set()
        reread = Evidence.read(store, again).people
        for iri in before_in_changed:
            after[iri] = reread.get(iri)

    def keys(person: Person | None) -> set[str]:
        return person.keys(is_global=is_global(person.iri, base)) if person else set()

    def surnames(person: Person | None) -> set[str]:
        name = person.name if person is not None else None
        return {name.surname} if name is not None else set()

    dirty: set[str] = set()
    for iri in touched:
        if not is_global(iri, base):
            continue
        old, new = before.get(iri), after.get(iri)
        if old is None or new is None or old.profile() != new.profile() or keys(old) != keys(new):
            dirty.add(iri)
    # Two full names of one surname in one written cable: "named apart" may change.
    by_cable: dict[tuple[str, str], set[str]] = defaultdict(set)
    for iri in touched:
        if is_global(iri, base):
            for state in (before.get(iri), after.get(iri)):
                for graph in (state.graphs & changed) if state else ():
                    for surname in surnames(state):
                        by_cable[(graph, surname)].add(iri)
    dirty |= {iri for group in by_cable.values() if len(group) > 1 for iri in group}

    def current(iris: Iterable[str]) -> dict[str, Person]:
        wanted = set(iris)
        found = index.people(wanted - touched)
        found.update({iri: p for iri in wanted & touched if (p := after.get(iri)) is not None})
        return found

    def lookup(wanted: set[str], *, only_global: bool) -> set[str]:
        """Who has any of the keys ``wanted`` now (the index, with touched people as now)."""
        found = index.with_keys(wanted, only_global=only_global) - touched
        for iri in touched:
            if keys(after.get(iri)) & wanted and (not only_global or is_global(iri, base)):
                found.add(iri)
        return found

    dirty_surnames = {
        s for iri in dirty for s in surnames(before.get(iri)) | surnames(after.get(iri))
    }
    dirty_keys = set(dirty_surnames)
    for iri in dirty:
        dirty_keys |= keys(before.get(iri)) | keys(after.get(iri))
    group = current(lookup(dirty_surnames, only_global=True))
    for person in group.values():
        if surnames(person) & dirty_surnames:
            dirty_keys |= keys(person)
    redo = touched | lookup(dirty_keys, only_global=False)

    # The world the links of ``redo`` read: their candidates and those candidates' surnames.
    people = current(redo)
    candidates = lookup({s for p in people.values() for s in surnames(p)}, only_global=True)
    people.update(current(candidates - set(people)))
    rivals = lookup(
        {s for iri in candidates if iri in people for s in surnames(people[iri])}, only_global=True
    )
    people.update(current(rivals - set(people)))
    links = [
        link
        for link in settle(Evidence(base, people), min_confidence=min_confidence)
        if link.local_iri in redo
    ]
    before_links = {(x.local_iri, x.global_iri): x for x in index.links_of(redo)}
    after_links = {(x.local_iri, x.global_iri): x for x in links}
    _replace_links(
        store,
        [x for key, x in sorted(before_links.items()) if after_links.get(key) != x],
        [x for key, x in sorted(after_links.items()) if before_links.get(key) != x],
    )
    store.flush()
    index.update(after, redo, links, base=base)


def _replace_links(store: UpdateStore, gone: list[Link], added: list[Link]) -> None:
    """The links ``gone`` out of the links graph, ``added`` in: one update (a link whose
    score changed is in both)."""
    graph = ox.NamedNode(links_graph(store.iris))
    parts = [
        f"DELETE {{ GRAPH {graph} {{ ?n ?p ?o }} }} WHERE {{ VALUES ?n {{ {values} }} "
        f"GRAPH {graph} {{ ?n ?p ?o }} }}"
        for values in iri_values(link_iri(store.iris, link) for link in gone)
    ]
    same_as = [f"<{x.local_iri}> {OWL_SAME_AS} <{x.global_iri}>" for x in gone if x.same_as]
    if same_as:
        parts.append(f"DELETE DATA {{ GRAPH {graph} {{ {' . '.join(same_as)} }} }}")
    body = ntriples(link_triples(added, iris=store.iris))
    if body:
        parts.append(f"INSERT DATA {{ GRAPH {graph} {{\n{body} }} }}")
    if parts:
        store.update(" ;\n".join(parts))
