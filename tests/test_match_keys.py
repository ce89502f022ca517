"""The match keys (``kg.matching``): one function makes them, the store holds what it makes.

Names are looked up by equality on ``kg:nameKey`` and labels on ``kg:labelKey``: these
tests check that the keys the mapping stored are exactly ``keys`` of the names beside
them, graph by graph, that ``key`` of a user's text is among them when the rule says the
text matches, and that the SPARQL form of ``key`` (for a client that binds a saved
query's text alone) makes the same key as Python.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyoxigraph as ox
import pytest

from kg.matching import bound_keys, key, key_of, keys, matches
from kg.queries import execute, get, load_queries, run_saved
from kg.rdf.vocabulary import FOAF_NS, ONTOLOGY_IRI, RDF_NS, RDFS_NS, SKOS_NS
from kg.store import Store

KG_NS = ONTOLOGY_IRI
NAME_KEY = KG_NS + "nameKey"
LABEL_KEY = KG_NS + "labelKey"

#: Texts with case, punctuation, marks, scripts and digits that the two forms must agree on.
TEXTS = [
    "Wisner",
    " FRANK-Wisner. ",
    "Frank G. Wisner",
    "O'Brien",
    "Núñez  de\tBalboa",
    "Ахмед-Заки Закаев",
    "ΟΔΥΣΣΕΑΣ",
    "İstanbul",
    "e\u0301cole",
    "UNSCR 1244",
    "--",
    "",
    "\u0301",
    "al-Maliki's",
]


def test_keys_are_every_run_of_whole_words() -> None:
    assert keys(["Frank G. Wisner"]) == [
        "frank",
        "frank g",
        "frank g wisner",
        "g",
        "g wisner",
        "wisner",
    ]
    assert keys(["Wisner", "Frank Wisner"]) == ["wisner", "frank", "frank wisner"]
    assert key(" FRANK-Wisner. ") == "frank wisner"
    assert key("--") == key("") == key("\u0301") == ""  # no letter or digit: matches nothing


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Wisner", "Frank Wisner", True),
        ("frank-wisner", "Frank Wisner", True),
        ("Arbatov", "Aleksey Arbatov", True),
        ("Arbatov", "Nadia Arbatova", False),
        ("an", "An Ning", True),
        ("an", "Ivan Anin", False),
        ("Wisner Frank", "Frank Wisner", False),
        ("isner", "Frank Wisner", False),
        ("--", "--", False),
        ("kosovo", "Kosovo's status", True),
        ("ran", "Iran", False),
    ],
)
def test_a_text_matches_a_name_by_whole_words(text: str, name: str, expected: bool) -> None:
    assert matches(text, name) is expected


def test_a_long_label_is_found_whole_and_by_runs_of_up_to_eight_words() -> None:
    label = "one two three four five six seven eight nine ten"
    found = keys([label])
    assert key(label) in found
    assert "one two three four five six seven eight" in found
    assert "one two three four five six seven eight nine" not in found


def test_bound_keys_derive_from_the_parameters_the_query_names() -> None:
    derived = bound_keys({"person": "Frank Wisner", "topic": "prel"}, ["person_key", "topic_code"])
    assert derived == {"person_key": "frank wisner", "topic_code": "PREL"}
    assert bound_keys({"person": "x"}, ["other_key", "person"]) == {}


@pytest.mark.parametrize("text", TEXTS)
def test_the_sparql_key_is_the_python_key(text: str) -> None:
    store = Store()
    rows = list(
        store.query(
            f"SELECT ?text (({key_of('?text')}) AS ?key) WHERE {{}}",
            bindings={"text": ox.Literal(text)},
        )
    )
    assert rows[0]["key"] == ox.Literal(key(text))


def _by_graph(store: Store, predicate: str) -> dict[tuple[Any, Any], set[str]]:
    found: dict[tuple[Any, Any], set[str]] = defaultdict(set)
    for quad in store.quads(predicate=ox.NamedNode(predicate)):
        found[(quad.graph_name, quad.subject)].add(str(quad.object.value))  # type: ignore[union-attr]
    return found


def test_the_stored_name_keys_are_the_keys_of_each_persons_names(seed_store: Store) -> None:
    names: dict[tuple[Any, Any], list[str]] = defaultdict(list)
    people = {
        (q.graph_name, q.subject)
        for q in seed_store.quads(predicate=ox.NamedNode(RDF_NS + "type"))
        if q.object == ox.NamedNode(FOAF_NS + "Person")
    }
    for predicate in (FOAF_NS + "name", SKOS_NS + "altLabel"):
        for quad in seed_store.quads(predicate=ox.NamedNode(predicate)):
            if (quad.graph_name, quad.subject) in people:
                names[(quad.graph_name, quad.subject)].append(str(quad.object.value))  # type: ignore[union-attr]
    stored = _by_graph(seed_store, NAME_KEY)
    assert people
    assert set(stored) == {node for node in people if names[node]}
    for node, texts in names.items():
        assert stored[node] == set(keys(texts)), node
        for text in texts:
            assert key(text) in stored[node]


def test_label_keys_are_on_the_topics_and_tags_of_a_cable_only(seed_store: Store) -> None:
    stored = _by_graph(seed_store, LABEL_KEY)
    assert stored
    topics = {
        (q.graph_name, q.object)
        for p in (KG_NS + "topic", KG_NS + "tag")
        for q in seed_store.quads(predicate=ox.NamedNode(p))
    }
    matched = {
        (q.graph_name, node)
        for q in seed_store.quads(predicate=ox.NamedNode(SKOS_NS + "exactMatch"))
        for node in (q.subject, q.object)
    }
    labels: dict[tuple[Any, Any], list[str]] = defaultdict(list)
    for predicate in (SKOS_NS + "prefLabel", SKOS_NS + "altLabel", RDFS_NS + "label"):
        for quad in seed_store.quads(predicate=ox.NamedNode(predicate)):
            labels[(quad.graph_name, quad.subject)].append(str(quad.object.value))  # type: ignore[union-attr]
    for node, found in stored.items():
        assert node in topics | matched, node
        assert found == set(keys(labels[node])), node


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_a_saved_query_answers_the_same_with_its_parameters_alone_bound(
    seed_store: Store, name: str
) -> None:
    """As a client that runs the file on a SPARQL server binding only its parameters: the
    keys it then makes itself find what the runner's keys find."""
    saved = get(name)
    params = saved.example_params
    if not params:
        pytest.skip("no example")
    bindings = saved.bindings(params)
    expected = run_saved(seed_store, name, params)
    solutions = execute(seed_store, saved.sparql, bindings)
    names = [v.value for v in solutions.variables if v.value not in bindings]
    rows = [{n: s[n] for n in names if s[n] is not None} for s in solutions]
    assert rows == expected
