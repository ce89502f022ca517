"""The full-text index beside the store: built from the triples, kept current, searched."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import search
from kg.store import Store
from tests.builders import BASE, cable_store


@pytest.fixture
def store() -> Store:
    return cable_store()


def test_paragraphs_and_subjects_are_found_with_marked_snippets(store: Store) -> None:
    results = search.SearchIndex.in_memory(store).search("imposed settlement")
    assert [(hit.reference_id, hit.paragraph, hit.number) for hit in results.hits] == [
        ("07MOSCOW628", 0, "1")
    ]
    hit = results.hits[0]
    assert f"{search.MARK_START}imposed{search.MARK_END}" in hit.snippet
    assert (hit.origin, hit.classification, hit.created[:10]) == (
        "Embassy Moscow",
        "CONFIDENTIAL",
        "2007-02-13",
    )
    subject = search.SearchIndex.in_memory(store).search("FINAL STATUS").hits
    assert [(h.reference_id, h.paragraph) for h in subject] == [("07MOSCOW628", None)]


def test_a_reference_id_names_its_cable(store: Store) -> None:
    results = search.SearchIndex.in_memory(store).search("07moscow628 Titov")
    assert results.reference_ids == ("07MOSCOW628",)


def test_names_and_aliases_are_found(store: Store) -> None:
    names = search.SearchIndex.in_memory(store).search("Titov").names
    assert [(n.iri, n.kind, n.name) for n in names] == [
        (f"{BASE}person/vladimir-titov", "person", "Vladimir Titov")
    ]
    assert search.SearchIndex.in_memory(store).search("Embassy").names[0].kind == "post"


def test_facets_count_cables_and_narrow_the_search(store: Store) -> None:
    index = search.SearchIndex.in_memory(store)
    both = index.search("Russia OR Russian")  # words, not operators: every one must occur
    assert both.total == 0
    results = index.search("Russia")  # a paragraph of one cable, the subject of the other
    assert (results.total, results.cables) == (2, 2)
    assert results.facets.tag == (("PREL", 2), ("KV", 1))
    assert dict(results.facets.year) == {"2007": 2}
    assert dict(results.facets.classification) == {"CONFIDENTIAL": 1, "SECRET//NOFORN": 1}
    assert dict(results.facets.origin) == {"Embassy Moscow": 2}
    narrowed = index.search("Abkhaz", filters=search.Filters(classification="SECRET//NOFORN"))
    assert [hit.reference_id for hit in narrowed.hits] == ["07MOSCOW627"]
    assert index.search("Abkhaz", filters=search.Filters(tag="KV")).total == 0
    assert index.search("Russia", filters=search.Filters(year="2007")).total == 2
    assert index.search("Russia", filters=search.Filters(year="2008")).total == 0


@pytest.mark.parametrize("text", ['"', "AND", "NEAR(", "a*", "title:x", "-", "()", '"" OR'])
def test_no_user_text_is_a_syntax_error(store: Store, text: str) -> None:
    search.SearchIndex.in_memory(store).search(text)


def test_a_phrase_in_quotes_stays_a_phrase(store: Store) -> None:
    index = search.SearchIndex.in_memory(store)
    assert index.search('"ready to talk"').total == 1
    assert index.search('"talk ready"').total == 0
    assert search.match_expression('ready "to talk" x') == '"ready" "to talk" "x"'


def test_rebuild_update_and_index_cables_on_disk(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    store.load(_trig(), format="trig")
    path = search.default_path(store)
    assert path == tmp_path / "store" / search.FILENAME
    assert search.open_for(store) is None
    assert search.index_cables(store, ["07MOSCOW628"]) == 2  # no index yet: all of it
    index = search.open_for(store)
    assert index is not None
    assert index.count() == 2
    index.close()

    # A cable changed in the store, and one removed: update follows both.
    store.drop_graph(f"{BASE}graph/07MOSCOW627")
    store.update(
        f"DELETE DATA {{ GRAPH <{BASE}graph/07MOSCOW628> {{ <{BASE}cable/07MOSCOW628/p/1> "
        '<https://w3id.org/cablegraph/ontology#text> "Titov said, \\"We are ready to talk\\", '
        'but <not> at any price & not now." } } ; '
        f"INSERT DATA {{ GRAPH <{BASE}graph/07MOSCOW628> {{ <{BASE}cable/07MOSCOW628/p/1> "
        '<https://w3id.org/cablegraph/ontology#text> "Titov asked for patience." } }'
    )
    assert search.index_cables(store, ["07MOSCOW627", "07MOSCOW628"]) == 1
    index = search.open_for(store)
    assert index is not None
    assert index.count() == 1
    assert index.search("patience").total == 1
    assert index.search("ready").total == 0
    assert index.search("Abkhaz").total == 0
    index.close()
    assert search.rebuild(store, path) == 1


def test_a_store_in_memory_has_no_index_file() -> None:
    assert search.index_cables(cable_store(), ["07MOSCOW628"]) == 0


def _trig() -> str:
    from tests.builders import CABLES_TRIG

    return CABLES_TRIG


def test_kg_ingest_keeps_the_index_and_kg_index_rebuilds_it(
    tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg import cli

    folder = str(tmp_path / "store")
    rejects = str(tmp_path / "rejects.jsonl")
    assert cli.main(["--store", folder, "ingest", str(seed_path), "--rejects", rejects]) == 0
    store = Store(folder, read_only=True)
    index = search.open_for(store)
    assert index is not None
    assert index.count() == 4
    assert {hit.reference_id for hit in index.search("Titov").hits} >= {"07MOSCOW627"}
    index.close()
    del store
    capsys.readouterr()
    assert cli.main(["--store", folder, "index"]) == 0
    assert capsys.readouterr().out.startswith("indexed 4 cables in ")
