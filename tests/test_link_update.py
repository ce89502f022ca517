"""kg.link.update: linking the cables an ingest wrote gives the links of a whole relink."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import cli
from kg.link import link_cables, links_graph, relink
from kg.link.index import LinkIndex
from kg.model import Cable, Entity, Extraction, Role
from kg.rdf.iri import IRIs
from kg.rdf.mapping import graph_iri, triples
from kg.store import Store
from tests.builders import linking_cable as cable

IRIS = IRIs("https://example.org/id/")
DFM = Role("Deputy Foreign Minister", country="RS")
AMBASSADOR = Role("Ambassador", country="US")


def person(name: str, *roles: Role, local: bool = False) -> Entity:
    return Entity(
        key=name.lower().replace(" ", "-"),
        kind="person",
        name=name,
        roles=roles,
        global_id=None if local else name,
    )


def write(store: Store, *cables: tuple[Cable, Extraction]) -> list[str]:
    graphs = []
    for made, extraction in cables:
        graph = graph_iri(made, IRIS)
        store.replace_graph(graph, triples(made, extraction, iris=IRIS))
        graphs.append(graph)
    return graphs


def links_of(store: Store) -> set[str]:
    return {str(quad.triple) for quad in store.quads(links_graph(store.iris))}


FIRST = [
    cable("07MOSCOW627", person("Vladimir Titov", DFM)),
    cable("07MOSCOW628", person("Titov", Role("DFM"), local=True)),
    cable("07MOSCOW629", person("William J. Burns", AMBASSADOR)),
    cable("07MOSCOW630", person("Burns", AMBASSADOR, local=True)),
    cable("07MOSCOW631", person("Popov", Role("Negotiator"), local=True)),
]
SECOND = [
    # One more cable of a known name, and a second Titov who makes "Titov" less sure.
    cable("07MOSCOW700", person("Vladimir Titov", DFM), person("Titov", local=True)),
    cable(
        "72TEHRAN5055",
        person("Pavel Titov", Role("Colonel")),
        origin="Embassy Tehran",
        year=1972,
        tags=("IR",),
    ),
    # A middle name: William Burns and William J. Burns are one person.
    cable("08MOSCOW701", person("William Burns", AMBASSADOR), year=2008),
    # The Popov of 07MOSCOW631 gets a candidate; a Popov with no one yet.
    cable("07MOSCOW702", person("Oleg Popov", Role("Negotiator"))),
    cable("07MOSCOW703", person("Kosachev", local=True)),
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store", iris=IRIS)


def test_two_batches_link_as_one_whole_link(store: Store) -> None:
    write(store, *FIRST)
    relink(store)
    written = write(store, *SECOND)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("kg.link.update.relink", None)  # not called: the index is up to date
        counts = link_cables(store, written)
    linked = links_of(store)
    whole = relink(store)
    assert linked == links_of(store)
    assert counts == (len(whole), sum(1 for link in whole if link.same_as))
    assert any("fit less well" in str(link.reasons) for link in whole)  # the batch mattered


def test_a_replaced_cable_leaves_no_stale_links(store: Store) -> None:
    write(store, *FIRST, *SECOND)
    relink(store)
    # 07MOSCOW700 now names neither Titov; 08MOSCOW701 names another Burns.
    replaced = write(
        store,
        cable("07MOSCOW700", person("Kosachev", local=True)),
        cable("08MOSCOW701", person("Nicholas Burns", AMBASSADOR), year=2008),
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("kg.link.update.relink", None)
        link_cables(store, replaced)
    linked = links_of(store)
    relink(store)
    assert linked == links_of(store)
    assert not any("07MOSCOW700/person/person-titov" in triple for triple in linked)
    assert not any("william-burns>" in triple for triple in linked)


def test_a_removed_cable_takes_its_links_along(store: Store) -> None:
    graphs = write(store, *FIRST)
    relink(store)
    store.drop_graph(graphs[1])  # the DFM Titov
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("kg.link.update.relink", None)
        link_cables(store, [graphs[1]])
    linked = links_of(store)
    relink(store)
    assert linked == links_of(store)
    assert not any("person-titov" in triple for triple in linked)


def test_without_an_index_up_to_date_the_store_is_linked_whole(store: Store) -> None:
    graphs = write(store, *FIRST)
    write(store, *SECOND)
    link_cables(store, graphs)  # no index yet: every cable is read, not only these
    linked = links_of(store)
    relink(store)
    assert linked == links_of(store)
    index = LinkIndex.open(store)
    assert index is not None
    assert index.status == "ok"
    index.begin_writing()
    assert index.status == "writing"
    index.begin_writing()  # an ingest that stopped before linking: the next is whole
    assert index.status == "stale"
    assert not index.ready(0.5)
    index.close()


def test_a_store_in_memory_keeps_no_index() -> None:
    memory = Store(iris=IRIS)
    graphs = write(memory, *FIRST)
    assert LinkIndex.open(memory) is None
    assert link_cables(memory, graphs) == (len(relink(memory)), 2)


@pytest.mark.slow
def test_kg_ingest_links_the_second_batch_as_kg_link_would(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks.corpus import generate
    from kg.sources.csvdump import write_row

    rows = list(generate(60, seed=7))
    batches = []
    for n, part in enumerate((rows[:45], rows[45:])):
        path = tmp_path / f"batch{n}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            for row in part:
                write_row(out, **row)  # type: ignore[arg-type]
        batches.append(str(path))
    store = str(tmp_path / "store")
    assert cli.main(["--store", store, "ingest", "--link", batches[0]]) == 0
    assert cli.main(["--store", store, "ingest", "--link", batches[1]]) == 0
    incremental = capsys.readouterr().out.splitlines()[-1]
    opened = Store(store, iris=IRIs())
    linked = links_of(opened)
    opened.oxigraph.flush()
    del opened
    assert cli.main(["--store", store, "link"]) == 0
    whole = capsys.readouterr().out.splitlines()[-1]
    assert incremental == whole
    assert linked == links_of(Store(store, read_only=True))
    assert len(linked) > 100


def test_kg_load_into_a_cables_graph_leaves_the_next_link_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "store"
    store = Store(folder)
    graph = store.iris.graph("07MOSCOW628")
    relink(store)
    del store
    data = tmp_path / "more.ttl"
    data.write_text('<https://example.org/x> <https://example.org/p> "o" .\n', encoding="utf-8")
    mine = ["--store", str(folder), "load", str(data), "--graph", "https://example.org/mine"]
    assert cli.main(mine) == 0
    index = LinkIndex.open(Store(folder))
    assert index is not None
    assert index.status == "ok"  # a graph of the user's own: nothing to link
    index.close()
    cables = ["--store", str(folder), "load", str(data), "--graph", graph, "--force"]
    assert cli.main(cables) == 0
    index = LinkIndex.open(Store(folder))
    assert index is not None
    assert index.status == "stale"
    index.close()
