"""kg.ingest: per-record accounting, atomic replacement, rejects, workers."""

from __future__ import annotations

import io
import json
import pickle
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.extract
from kg.errors import StoreError
from kg.ingest import Outcome, Processed, ingest, pool, process
from kg.ingest.compose import parse
from kg.ingest.outcomes import Content, Ready
from kg.ingest.run import records
from kg.ingest.writer import GROUP_CABLES, group_sizes, stored_content
from kg.link import links_graph, relink
from kg.model import Cable, Extraction, RawRecord
from kg.rdf.iri import IRIs
from kg.store import Store
from tests.builders import SEED_IDS

# -- helpers -----------------------------------------------------------------------------


def quads(store: Store) -> set[ox.Quad]:
    return set(store.oxigraph)


def records_of(path: Path) -> list[RawRecord]:
    return [r for r in records([str(path)]) if isinstance(r, RawRecord)]


def changed_copy(seed: Path, folder: Path, old: str, new: str) -> Path:
    text = seed.read_text(encoding="utf-8")
    assert old in text
    path = folder / seed.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# -- tests -------------------------------------------------------------------------------


def test_ingest_counts_every_record(seed_path: Path) -> None:
    store = Store()
    seen: list[Outcome] = []
    report = ingest([str(seed_path)], store, on_progress=seen.append)
    assert (report.ingested, report.unchanged, report.replaced, report.rejected) == (4, 0, 0, 0)
    assert report.summary() == "ingested 4, unchanged 0, replaced 0, rejected 0"
    assert sorted(o.cable.reference_id for o in seen if o.cable) == SEED_IDS
    assert sorted(store.cable_graphs()) == [store.iris.graph(r) for r in SEED_IDS]
    for refid in SEED_IDS:
        assert store.checksum(refid) is not None
    relink(store)  # the identity links' graph is not a cable's
    links = links_graph(store.iris)
    assert sorted(store.cable_graphs()) == [store.iris.graph(r) for r in SEED_IDS]
    assert sorted(store.graph_names()) == sorted([links, *store.cable_graphs()])


def test_second_ingest_is_unchanged_and_store_identical(seed_path: Path) -> None:
    store = Store()
    ingest([str(seed_path)], store)
    before = quads(store)
    report = ingest([str(seed_path)], store)
    assert report.summary() == "ingested 0, unchanged 4, replaced 0, rejected 0"
    assert quads(store) == before


def test_unchanged_skips_extraction(seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store()
    ingest([str(seed_path)], store)

    def no_extract(cable: Cable) -> Extraction:
        raise AssertionError("an unchanged cable was extracted again")

    monkeypatch.setattr(kg.extract, "extract", no_extract, raising=False)
    assert ingest([str(seed_path)], store).unchanged == 4


def test_changed_record_replaces_its_graph_whole(seed_path: Path, tmp_path: Path) -> None:
    store = Store()
    ingest([str(seed_path)], store)
    old_text = "Curto flagged that the GOP would soon approach"
    changed = changed_copy(
        seed_path, tmp_path, old_text, "Curto hinted that Portugal would soon approach"
    )
    graph = ox.NamedNode(store.iris.graph("07MOSCOW629"))
    others = {q for q in quads(store) if q.graph_name != graph}
    report = ingest([str(changed)], store)
    assert (report.replaced, report.unchanged, report.ingested) == (1, 3, 0)
    quads_now = store.oxigraph.quads_for_pattern(None, None, None, graph)
    texts = " ".join(q.object.value for q in quads_now if isinstance(q.object, ox.Literal))
    assert "Curto hinted" in texts
    assert old_text not in texts  # nothing of the old version is left behind
    assert {q for q in quads(store) if q.graph_name != graph} == others
    assert store.checksum("07MOSCOW629") == records_of(changed)[0].checksum


def test_bad_file_is_rejected_and_the_batch_goes_on(seed_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "garbage.txt"
    bad.write_text("this is not a cable at all\n", encoding="utf-8")
    rejects = io.StringIO()
    report = ingest([str(bad), str(seed_path)], Store(), rejects=rejects)
    assert report.ingested == 4
    assert report.rejected == 1
    line = json.loads(rejects.getvalue().splitlines()[0])
    assert set(line) == {"file", "record", "line", "reference_id", "reason"}
    assert line["file"].endswith("garbage.txt")
    assert line["reason"]


def test_failing_extraction_rejects_one_cable(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = kg.extract.extract

    def flaky(cable: Cable) -> Extraction:
        if cable.reference_id == "07MOSCOW627":
            raise IndexError("boom")
        return real(cable)

    monkeypatch.setattr(kg.extract, "extract", flaky, raising=False)
    store = Store()
    report = ingest([str(seed_path)], store)
    assert report.ingested == 3
    [reject] = report.rejects
    assert reject.reference_id == "07MOSCOW627"
    assert reject.record == 3
    assert "IndexError: boom" in reject.reason
    assert store.checksum("07MOSCOW627") is None


@pytest.mark.slow
@pytest.mark.parametrize("group", [1, GROUP_CABLES])
def test_store_refusal_rejects_one_cable(
    seed_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, group: int
) -> None:
    store = Store(tmp_path / "store")
    real_one, real_group = store.replace_graph_ntriples, store.add_graphs_ntriples

    def refuse(graph: str, body: str) -> None:
        if graph.endswith("07MOSCOW628"):
            raise StoreError("disk says no")
        real_one(graph, body)

    def refuse_group(graphs: Sequence[tuple[str, str]]) -> None:
        if any(graph.endswith("07MOSCOW628") for graph, _ in graphs):
            raise StoreError("disk says no")  # and writes nothing, as the store does
        real_group(graphs)

    monkeypatch.setattr(store, "replace_graph_ntriples", refuse)
    monkeypatch.setattr(store, "add_graphs_ntriples", refuse_group)
    report = ingest([str(seed_path)], store, group=group)
    assert report.ingested == 3
    assert report.rejects[0].reference_id == "07MOSCOW628"
    assert sorted(store.cable_graphs()) == [
        store.iris.graph(r) for r in SEED_IDS if r != "07MOSCOW628"
    ]


@pytest.mark.slow
def test_groups_on_disk_store_what_one_transaction_per_cable_stores(
    seed_path: Path, tmp_path: Path
) -> None:
    per_cable, grouped = Store(tmp_path / "one"), Store(tmp_path / "group")
    seen: list[Outcome] = []
    ingest([str(seed_path)], per_cable, group=1)
    report = ingest([str(seed_path)], grouped, group=3, on_progress=seen.append)
    assert report.summary() == "ingested 4, unchanged 0, replaced 0, rejected 0"
    assert sorted(o.cable.reference_id for o in seen if o.cable) == SEED_IDS
    assert quads(grouped) == quads(per_cable)
    assert ingest([str(seed_path)], grouped).unchanged == 4


@pytest.mark.slow
def test_a_changed_copy_after_a_waiting_new_one_replaces_it(
    seed_path: Path, tmp_path: Path
) -> None:
    changed = changed_copy(seed_path, tmp_path, "Curto flagged that", "Curto hinted that")
    store = Store(tmp_path / "store")
    report = ingest([str(seed_path), str(changed)], store)
    assert (report.ingested, report.unchanged, report.replaced) == (4, 3, 1)
    assert store.checksum("07MOSCOW629") == records_of(changed)[0].checksum
    assert len(list(store.cable_graphs())) == 4


def test_duplicate_in_one_batch_is_unchanged(seed_path: Path) -> None:
    report = ingest([str(seed_path), str(seed_path)], Store())
    assert (report.ingested, report.unchanged) == (4, 4)


@pytest.mark.slow
def test_workers_give_the_same_store(seed_path: Path, tmp_path: Path) -> None:
    serial, parallel = Store(), Store()
    ingest([str(seed_path)], serial)
    report = ingest([str(seed_path)], parallel, workers=2)
    assert report.ingested == 4
    assert quads(parallel) == quads(serial)
    again = ingest([str(seed_path)], parallel, workers=2)
    assert again.unchanged == 4


def test_process_is_pure_and_pickles(seed_path: Path) -> None:
    record = records_of(seed_path)[1]
    first, second = process(record, iris=IRIs()), process(record, iris=IRIs())
    assert first == second
    assert isinstance(first, Processed)
    assert pickle.loads(pickle.dumps(first)) == first
    assert first.graph == IRIs().graph(first.summary.reference_id)
    assert first.checksum == record.checksum


@pytest.mark.slow
@pytest.mark.parametrize(("group", "written"), [(1, 2), (4, 3)])
def test_interrupt_leaves_whole_cables(
    seed_path: Path, tmp_path: Path, group: int, written: int
) -> None:
    store = Store(tmp_path / "store")
    done: list[Outcome] = []

    def stop_after_two(outcome: Outcome) -> None:
        done.append(outcome)
        if len(done) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([str(seed_path)], store, on_progress=stop_after_two, group=group)
    # A cable is reported once its group is written: per cable, the two reported are
    # in; in groups (1, then 2, ...) the second report comes from the group of two,
    # which is in whole, and the cable after it is not.
    assert len(list(store.cable_graphs())) == written
    report = ingest([str(seed_path)], store)
    assert (report.unchanged, report.ingested) == (written, 4 - written)


def test_groups_start_small_and_double() -> None:
    sizes = group_sizes(32)
    assert [next(sizes) for _ in range(8)] == [1, 2, 4, 8, 16, 32, 32, 32]


def test_stdin(seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(seed_path.read_bytes()), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    report = ingest(["-"], Store())
    assert report.ingested == 4


def test_a_record_that_kills_its_worker_is_rejected_alone(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing
    import os

    real = kg.extract.extract

    def fatal(cable: Cable) -> Extraction:
        if cable.reference_id == "07MOSCOW627":
            os._exit(1)  # as a segfault or the OOM killer would end it
        return real(cable)

    # Forked workers inherit the patched stage; the real ones start clean from a server.
    monkeypatch.setattr(pool, "pool_context", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(kg.extract, "extract", fatal)
    store = Store()
    report = ingest([str(seed_path)], store, workers=2)
    assert report.ingested == 3
    [reject] = report.rejects
    assert (reject.record, "worker process died" in reject.reason) == (3, True)
    assert store.checksum("07MOSCOW627") is None


def test_ready_text_writes_what_the_triples_say(seed_path: Path) -> None:
    processed = process(records_of(seed_path)[0], iris=IRIs())
    by_terms, by_text = Store(), Store()
    by_terms.replace_graph(processed.graph, processed.triples)
    ready = Ready.of(processed)
    by_text.replace_graph_ntriples(ready.graph, ready.ntriples)
    assert quads(by_text) == quads(by_terms)
    assert len(quads(by_text)) == len(set(processed.triples))


def test_a_graph_without_checksum_is_still_replaced_whole(seed_path: Path) -> None:
    store = Store()
    graph = store.iris.graph("07MOSCOW629")
    stray = '<https://example.org/s> <https://example.org/p> "left over"'
    store.load(f"{stray} .".encode(), format="nt", graph=graph)
    report = ingest([str(seed_path)], store)
    assert report.ingested == 4
    objects = {
        q.object for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    }
    assert ox.Literal("left over") not in objects


# -- a poorer copy never replaces a fuller stored cable ----------------------------------


def cut_copy(seed: Path, folder: Path, size: int = 4000) -> Path:
    """The seed page cut off after ``size`` bytes, as a failed download leaves it."""
    path = folder / seed.name
    path.write_bytes(seed.read_bytes()[:size])
    return path


def graph_quads(store: Store, refid: str) -> set[ox.Quad]:
    graph = ox.NamedNode(store.iris.graph(refid))
    return set(store.oxigraph.quads_for_pattern(None, None, None, graph))


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_a_cut_off_copy_is_kept_out(seed_path: Path, tmp_path: Path, workers: int) -> None:
    store = Store()
    ingest([str(seed_path)], store)
    before = graph_quads(store, "07MOSCOW628")
    cut = cut_copy(seed_path, tmp_path)
    rejects = io.StringIO()
    report = ingest([str(cut)], store, rejects=rejects, workers=workers)
    assert (report.ingested, report.unchanged, report.replaced, report.rejected) == (0, 1, 0, 0)
    [kept] = report.kept
    assert (kept.reference_id, kept.record, kept.file) == ("07MOSCOW628", 2, str(cut))
    # (partial too, if the parser tells the record was cut)
    assert kept.reason.startswith("a poorer copy: ")
    assert "1 paragraph vs 16 / " in kept.reason
    assert report.summary().startswith(
        "ingested 0, unchanged 1, replaced 0, kept 1 (a poorer copy: "
    )
    assert "1 paragraph vs 16" in report.summary()
    assert report.summary().endswith(", rejected 0")
    assert graph_quads(store, "07MOSCOW628") == before  # nothing of the full cable is lost
    [line] = [json.loads(text) for text in rejects.getvalue().splitlines()]
    assert line["outcome"] == "kept"
    assert (line["file"], line["record"], line["reference_id"]) == (str(cut), 2, "07MOSCOW628")
    assert "--force" in line["reason"]


def test_force_replaces_with_a_poorer_copy(seed_path: Path, tmp_path: Path) -> None:
    store = Store()
    ingest([str(seed_path)], store)
    report = ingest([str(cut_copy(seed_path, tmp_path))], store, force=True)
    assert (report.replaced, report.kept) == (1, [])
    assert stored_content(store, ["07MOSCOW628"])["07MOSCOW628"].paragraphs == 1


def test_a_fuller_copy_replaces_a_poorer_one(seed_path: Path, tmp_path: Path) -> None:
    store = Store()
    ingest([str(cut_copy(seed_path, tmp_path))], store)
    report = ingest([str(seed_path)], store)
    assert report.summary() == "ingested 2, unchanged 1, replaced 1, rejected 0"
    assert stored_content(store, ["07MOSCOW628"])["07MOSCOW628"].paragraphs == 16


def test_stored_content_in_one_query(seed_path: Path) -> None:
    store = Store()
    ingest([str(seed_path)], store)
    cables = {r.reference_id: r for r in map(parse, records_of(seed_path))}
    store.queries_run = 0
    found = stored_content(store, [*SEED_IDS, "99NOWHERE1"])
    assert store.queries_run == 1
    assert found == {refid: Content.of(cables[refid]) for refid in SEED_IDS}


@pytest.mark.parametrize(
    ("new", "why"),
    [
        (Content(True, 16, 12000), "a poorer copy: partial"),
        (Content(False, 15, 12000), "a poorer copy: 15 paragraphs vs 16"),
        (
            Content(True, 3, 100),
            "a poorer copy: partial / 3 paragraphs vs 16 / "
            "100 characters of paragraph text vs 12000",
        ),
        (Content(False, 16, 10000), "a poorer copy: 10000 characters of paragraph text"),
        (Content(False, 16, 11000), None),  # a cleaner copy may be a little shorter
        (Content(False, 17, 13000), None),
    ],
)
def test_what_makes_a_copy_poorer(new: Content, why: str | None) -> None:
    got = new.poorer(Content(False, 16, 12000))
    assert got == why if why is None or why.endswith("12000") else (got or "").startswith(why)
    assert Content(True, 3, 100).poorer(Content(True, 3, 100)) is None


def test_a_copy_that_says_the_same_is_unchanged(seed_path: Path, tmp_path: Path) -> None:
    store = Store()
    ingest([str(seed_path)], store)
    before = quads(store)
    # Another record (another checksum) that parses to the very same cable.
    same = changed_copy(seed_path, tmp_path, "Curto flagged that", "Curto  flagged that")
    assert records_of(same)[0].checksum != records_of(seed_path)[0].checksum
    report = ingest([str(same)], store)
    assert report.summary() == "ingested 0, unchanged 4, replaced 0, rejected 0"
    assert quads(store) == before  # nothing written: the provenance still names the seed
