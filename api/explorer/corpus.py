"""The home page's figures over the whole corpus: counts, the timeline, the people who
met the most others, the newest cables (``api.explorer.reads.Overview``).

Counted once per version of the store (``api.pages.Pages.home`` keeps the last count): it
scans the whole store.
"""

from __future__ import annotations

from collections import Counter

from api.explorer.reads import PREFIXES, CableRef, Overview, refs, term_text
from kg.store import Store


def overview(store: Store) -> Overview:
    """The home page's figures, timeline, most connected people and newest cables."""
    (cables,) = store.select(
        PREFIXES + "SELECT (COUNT(?c) AS ?n) (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {"
        " ?c a kg:Cable OPTIONAL { ?c dcterms:created ?d } }"
    )

    def count(pattern: str) -> int:
        (row,) = store.select(PREFIXES + f"SELECT (COUNT(DISTINCT ?x) AS ?n) {{ {pattern} }}")
        return int(term_text(row, "n", "0"))

    months = tuple(
        (term_text(row, "month"), int(term_text(row, "n")))
        for row in store.select(
            PREFIXES + "SELECT ?month (COUNT(?c) AS ?n) WHERE { ?c a kg:Cable ; dcterms:created"
            " ?d BIND(SUBSTR(STR(?d), 1, 7) AS ?month) } GROUP BY ?month ORDER BY ?month"
        )
    )
    # Who met the most people: counted here from the plain participant rows, which
    # Oxigraph gives far faster than it joins and groups them (1.8 s to 0.2 s at 6k cables).
    same = {
        term_text(row, "x"): term_text(row, "c")
        for row in store.select(PREFIXES + "SELECT ?x ?c { ?x owl:sameAs ?c }")
    }
    taking_part: dict[str, set[str]] = {}
    for row in store.select(PREFIXES + "SELECT ?m ?x { ?m kg:participant ?x }"):
        x = term_text(row, "x")
        taking_part.setdefault(term_text(row, "m"), set()).add(same.get(x, x))
    met: dict[str, set[str]] = {}
    meetings: Counter[str] = Counter()
    for together in taking_part.values():
        if len(together) < 2:
            continue
        for person in together:
            met.setdefault(person, set()).update(together - {person})
            meetings[person] += 1
    ranked = sorted(met, key=lambda p: (-len(met[p]), -meetings[p], p))[:12]
    people = {ref.iri: ref for ref in refs(store, ranked)}
    newest = tuple(
        CableRef(term_text(row, "id"), term_text(row, "title"), term_text(row, "created"))
        for row in store.select(
            PREFIXES + "SELECT ?id ?created ?title WHERE { ?cable a kg:Cable ;"
            " dcterms:identifier ?id . OPTIONAL { ?cable dcterms:created ?created }"
            " OPTIONAL { ?cable dcterms:title ?title } } ORDER BY DESC(?created) LIMIT 20"
        )
    )
    return Overview(
        cables=int(term_text(cables, "n", "0")),
        # People but the cables' own nodes linked to a person of the whole corpus.
        people=count("?x a foaf:Person") - count("?x owl:sameAs ?same . ?x a foaf:Person"),
        organizations=count("?x a org:Organization"),
        meetings=count("?x a kg:Meeting"),
        first=term_text(cables, "first")[:10],
        last=term_text(cables, "last")[:10],
        months=months,
        connected=tuple((people[p], len(met[p]), meetings[p]) for p in ranked if p in people),
        newest=newest,
    )
