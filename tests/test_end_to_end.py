"""The whole way through, as a user runs it: ``kg ingest``, ``query``, ``export``, ``load``.

Every command runs in process through ``kg.cli.main`` on the bundled cables.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import cli
from kg.store import Store
from tests.seed_answers import TALKED_ABOUT, WISNER_MET

# Every format through a second parser: thorough, and slow.
pytestmark = pytest.mark.slow

SEED_CABLES = {
    "07MOSCOW626": ("2007-02-13 13:47", "RESPONDING TO RUSSIAN ACTIONS ON SEPARATIST CONFLICTS"),
    "07MOSCOW627": (
        "2007-02-13 14:15",
        "KOSOVO: DFM TITOV DETAILS PRINCIPLED DIFFERENCES TO SPECIAL ENVOY WISNER; "
        "POSSIBLE BARGAIN?",
    ),
    "07MOSCOW628": (
        "2007-02-13 14:39",
        "KOSOVO: SPECIAL ENVOY WISNER HEARS RUSSIAN OPPOSITION TO KOSOVO INDEPENDENCE",
    ),
    "07MOSCOW629": ("2007-02-13 14:45", "PORTUGUESE INITIATIVE: EU-US-RUSSIA TRILATERAL"),
}


def kg(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def nquads(store: str) -> set[ox.Quad]:
    return set(Store(store, read_only=True).oxigraph.quads_for_pattern(None, None, None, None))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> tuple[str, str]:
    """A store holding the seed page, and what ``kg ingest`` printed."""
    import contextlib
    import io

    folder = tmp_path_factory.mktemp("seeded")
    store = str(folder / "store")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(
            ["--store", store, "ingest", str(seed_path), "--rejects", str(folder / "r")]
        )
    assert code == 0
    return store, out.getvalue()


def test_ingest_seed_lists_the_four_cables(seeded: tuple[str, str]) -> None:
    _, out = seeded
    lines = out.splitlines()
    assert lines[-1] == "ingested 4, unchanged 0, replaced 0, rejected 0"
    listed = {line.split("  ")[0]: line.split("  ") for line in lines[:-1]}
    assert sorted(listed) == sorted(SEED_CABLES)
    for refid, (created, subject) in SEED_CABLES.items():
        _, when, classification, origin, tags, title = listed[refid]
        assert (when, classification, origin, title) == (
            created,
            "CONFIDENTIAL",
            "Embassy Moscow",
            subject,
        )
        assert tags.split()[0] == "PREL"
        assert "RS" in tags.split()


def test_ingest_twice_is_unchanged_and_identical(
    tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "store")
    kg(capsys, "--store", store, "ingest", str(seed_path))
    before = nquads(store)
    code, out, _ = kg(capsys, "--store", store, "ingest", str(seed_path))
    assert code == 0
    assert out.splitlines()[-1] == "ingested 0, unchanged 4, replaced 0, rejected 0"
    assert nquads(store) == before


def test_changed_record_replaces_its_graph_whole(
    tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "store")
    kg(capsys, "--store", store, "ingest", str(seed_path))
    text = seed_path.read_text(encoding="utf-8")
    old = "Curto flagged that the GOP would soon approach"
    changed = tmp_path / "changed.txt"
    changed.write_text(
        text.replace(old, "Curto warned that the GOP would soon approach"), encoding="utf-8"
    )
    code, out, _ = kg(capsys, "--store", store, "ingest", str(changed))
    assert code == 0
    assert out.splitlines()[-1] == "ingested 0, unchanged 3, replaced 1, rejected 0"
    code, out, _ = kg(
        capsys, "--store", store, "export", "--format", "nt", "--cable", "07MOSCOW629"
    )
    assert "Curto warned" in out
    assert "Curto flagged" not in out
    assert str(changed) in out  # the provenance now names the file it came from


def test_who_met_wisner_about_kosovo(
    seeded: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    store, _ = seeded
    code, out, _ = kg(
        capsys, "--store", store, "query", "who_met", "--param", "person=Wisner",
        "--param", "topic=Kosovo", "--format", "json",
    )  # fmt: skip
    assert code == 0
    names = [b["name"]["value"] for b in json.loads(out)["results"]["bindings"]]
    assert len(names) == len(set(names))
    for name in WISNER_MET:
        assert name in names
    for surname in TALKED_ABOUT:
        assert not [n for n in names if surname in n], surname


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle", "nt", "jsonld", "rdfxml"])
def test_export_round_trips(
    seeded: tuple[str, str], tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    store, _ = seeded
    suffix = {"nquads": "nq", "turtle": "ttl", "rdfxml": "rdf"}.get(fmt, fmt)
    target = tmp_path / f"all.{suffix}"
    assert kg(capsys, "--store", store, "export", "--format", fmt, "-o", str(target))[0] == 0
    copy = str(tmp_path / "copy")
    code, _, err = kg(capsys, "--store", copy, "load", str(target))
    assert (code, err) == (0, "")
    original, loaded = nquads(store), nquads(copy)
    if fmt in ("nquads", "trig", "jsonld"):
        assert loaded == original
    else:  # a triple format holds the union of the graphs
        assert {(q.subject, q.predicate, q.object) for q in loaded} == {
            (q.subject, q.predicate, q.object) for q in original
        }


def test_sample_cables_all_ingest(
    tmp_path: Path,
    sample_dir: Path,
    manifest: list[dict[str, str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = str(tmp_path / "store")
    code, out, err = kg(capsys, "--store", store, "ingest", str(sample_dir), "--workers", "2")
    assert code == 0
    # Nothing rejected; the one file said on stderr is the manifest beside the cables.
    assert err.splitlines() == [
        f"kg: passed over 1 file(s) in no cable format: {sample_dir / 'manifest.csv'}"
        " (name a file to see why, or use --format)"
    ]
    # More than 20 cables: the summary alone, no line per cable.
    assert out.splitlines() == ["ingested 30, unchanged 0, replaced 0, rejected 0"]
    assert not (tmp_path / "rejects.jsonl").exists()
    sparql = """
    PREFIX kg: <https://w3id.org/cablegraph/ontology#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT DISTINCT ?reference_id ?created ?classification WHERE {
      ?c a kg:Cable ; dcterms:identifier ?reference_id ; dcterms:created ?created ;
         kg:classification ?classification }
    """
    code, out, _ = kg(capsys, "--store", store, "query", sparql, "--format", "csv")
    rows = {r["reference_id"]: r for r in csv.DictReader(out.splitlines())}
    assert len(rows) == len(manifest) == 30
    # The JSON-lines excerpt has no reference IDs in the manifest; the rest must match it.
    for expected in (m for m in manifest if m["reference_id"]):
        row = rows[expected["reference_id"]]
        # The PDF-text samples leave some columns empty in the manifest.
        if expected["created"]:
            assert row["created"].replace("T", " ")[:16] == expected["created"]
        if expected["classification"]:
            assert row["classification"] == expected["classification"]


def test_malformed_input_is_rejected_and_the_rest_go_on(
    tmp_path: Path,
    seed_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01 not a cable in any format \xff\n")
    # A seed page whose second cable lost its Reference ID row.
    text = seed_path.read_text(encoding="utf-8")
    damaged = tmp_path / "damaged.txt"
    damaged.write_text(text.replace("07MOSCOW628 2007-02-13 14:39", "", 1), encoding="utf-8")
    code, out, err = kg(capsys, "--store", "store", "ingest", str(broken), str(damaged))
    assert code == 1
    summary = out.splitlines()[-1]
    assert summary.endswith("rejected 2") or summary.endswith("rejected 1"), summary
    ingested = int(summary.split(",")[0].split()[-1])
    assert ingested >= 3
    # The rejects go to a new file in the store, named on stderr by its absolute path.
    [where] = [line.split(" listed in ")[1] for line in err.splitlines() if " listed in " in line]
    assert Path(where) == next(Path("store", "rejects").glob("*.jsonl")).resolve()
    assert not Path("rejects.jsonl").exists()
    rejects = [json.loads(line) for line in Path(where).read_text().splitlines()]
    files = {r["file"] for r in rejects}
    assert str(broken) in files
    for reject in rejects:
        assert reject["reason"]
        assert set(reject) == {"file", "record", "line", "reference_id", "reason"}
    assert "broken.txt" in err


@pytest.mark.server
def test_ingest_into_a_sparql_server(
    tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket
    import threading
    import time

    import uvicorn

    from api.app import create_app

    backing = Store()
    server = uvicorn.Server(
        uvicorn.Config(create_app(backing, update_token="t0ken"), log_level="error")
    )
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        argv = ["--store", url, "ingest", str(seed_path), "--rejects", str(tmp_path / "r")]
        code, out, err = kg(capsys, *argv, "--update-token", "t0ken")
        assert (code, err) == (0, "")
        assert out.splitlines()[-1] == "ingested 4, unchanged 0, replaced 0, rejected 0"
        assert len(list(backing.cable_graphs())) == 4
        # The identity links were written too, through the server, in a graph of their own.
        assert len(list(backing.graph_names())) == 5
        code, out, _ = kg(capsys, *argv, "--update-token", "t0ken")
        assert out.splitlines()[-1] == "ingested 0, unchanged 4, replaced 0, rejected 0"

        backing.drop_graph(backing.iris.graph("07MOSCOW626"))
        code, out, err = kg(capsys, *argv, "--update-token", "wrong")
        assert code == 1  # the server refuses the write: that cable is rejected, the rest go on
        assert "07MOSCOW626" in err
        # The read commands work on the server as well (kg.store.remote).
        code, out, err = kg(capsys, "--store", url, "stats")
        assert code == 0
        assert out.splitlines()[0].split() == ["cables", "3"]
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()
