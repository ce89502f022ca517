"""Store writes: several new graphs in one atomic step, on disk and in memory."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.store import Store, nquads

G1, G2 = "https://example.org/graph/1", "https://example.org/graph/2"
BODY1 = (
    '<https://example.org/a> <https://example.org/p> "one\\nline two" .\n'
    "<https://example.org/a> <https://example.org/q> <https://example.org/b>"
)
BODY2 = '<https://example.org/c> <https://example.org/p> "two"'


def stores(tmp_path: Path) -> list[Store]:
    return [Store(), Store(tmp_path / "store")]


def test_nquads_places_every_triple_in_the_graph() -> None:
    quads = list(ox.parse(nquads(G1, BODY1).encode(), ox.RdfFormat.N_QUADS))
    assert [q.graph_name for q in quads] == [ox.NamedNode(G1)] * 2
    assert quads[0].object == ox.Literal("one\nline two")
    assert nquads(G1, "") == ""


@pytest.mark.parametrize("on_disk", [False, True])
def test_add_graphs_writes_each_graph(tmp_path: Path, on_disk: bool) -> None:
    store = stores(tmp_path)[on_disk]
    store.add_graphs_ntriples([(G1, BODY1), (G2, BODY2)])
    assert sorted(store.cable_graphs()) == [G1, G2]
    assert store.has_graph(G1)
    assert not store.has_graph("https://example.org/graph/3")
    by_one = Store()
    by_one.replace_graph_ntriples(G1, BODY1)
    by_one.replace_graph_ntriples(G2, BODY2)
    assert set(store.oxigraph) == set(by_one.oxigraph)


@pytest.mark.parametrize("on_disk", [False, True])
def test_a_bad_graph_in_a_group_writes_none_of_it(tmp_path: Path, on_disk: bool) -> None:
    store = stores(tmp_path)[on_disk]
    with pytest.raises(StoreError):
        store.add_graphs_ntriples([(G1, BODY1), (G2, "<not an iri> <p> 'x'")])
    assert list(store.cable_graphs()) == []
    assert len(store) == 0
