"""The ``kg`` command, run in process through ``main(argv)``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import cli
from kg.errors import ConfigError, ParameterError, QueryError, RecordError, StoreError, UnknownQuery
from kg.store import Store
from tests.builders import EXAMPLES, SEED_IDS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> str:
    """A store with the seed cables, shared by the tests that only read it."""
    folder = tmp_path_factory.mktemp("cli")
    path = str(folder / "store")
    rejects = str(folder / "r.jsonl")
    assert cli.main(["--store", path, "ingest", str(seed_path), "--rejects", rejects]) == 0
    return path


@pytest.mark.slow
def test_ingest_lists_small_batches_and_summarizes(
    tmp_path: Path,
    seed_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "ingest", "--store", "s", str(seed_path))
    assert code == 0
    lines = out.splitlines()
    assert lines[-1] == "ingested 4, unchanged 0, replaced 0, rejected 0"
    listed = sorted(line.split()[0] for line in lines[:-1])
    assert listed == SEED_IDS
    assert any(
        line.startswith("07MOSCOW628  2007-02-13 14:39  CONFIDENTIAL  Embassy Moscow")
        for line in lines
    )
    assert not (tmp_path / "rejects.jsonl").exists()  # no rejects, no file
    assert not (tmp_path / "s" / "rejects").exists()
    assert err == ""  # stderr is not a terminal: no progress line

    code, out, _ = run(capsys, "--store", "s", "ingest", str(seed_path))
    assert out.splitlines()[-1] == "ingested 0, unchanged 4, replaced 0, rejected 0"


@pytest.mark.slow
def test_ingest_with_rejects_exits_1_and_writes_them(
    tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("nothing to see\n", encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    code, out, err = run(
        capsys,
        "--store",
        str(tmp_path / "s"),
        "ingest",
        str(bad),
        str(seed_path),
        "--rejects",
        str(rejects),
    )
    assert code == 1
    assert out.splitlines()[-1] == "ingested 4, unchanged 0, replaced 0, rejected 1"
    assert "bad.txt" in err
    [line] = rejects.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["file"].endswith("bad.txt")


@pytest.mark.slow
def test_rejects_go_to_a_new_file_in_the_store(
    tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("nothing to see\n", encoding="utf-8")
    store = tmp_path / "s"
    files = []
    for _ in range(2):
        code, _, err = run(capsys, "--store", str(store), "ingest", str(bad), str(seed_path))
        assert code == 1
        [where] = [
            line.split(" listed in ")[1] for line in err.splitlines() if " listed in " in line
        ]
        assert Path(where).is_absolute()
        assert Path(where).parent == (store / "rejects").resolve()
        files.append(Path(where))
    assert files[0] != files[1]  # each run its own file; none overwritten
    for path in files:
        [line] = path.read_text(encoding="utf-8").splitlines()
        assert json.loads(line)["file"] == str(bad)
    assert Store(store, read_only=True).checksum("07MOSCOW628")  # the store opens beside them


@pytest.mark.slow
def test_a_poorer_copy_is_kept_and_exits_0(
    tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "s")
    cut = tmp_path / "cut.txt"
    cut.write_bytes(seed_path.read_bytes()[:4000])
    assert run(capsys, "--store", store, "ingest", str(seed_path))[0] == 0
    notes = tmp_path / "notes.jsonl"
    code, out, err = run(capsys, "--store", store, "ingest", str(cut), "--rejects", str(notes))
    assert code == 0  # kept is not an error
    listed = [line.split()[0] for line in out.splitlines()[:-1]]
    assert listed == ["07MOSCOW629"]  # the unchanged one; the kept one was not written
    summary = out.splitlines()[-1]
    assert summary.startswith("ingested 0, unchanged 1, replaced 0, kept 1 (a poorer copy: ")
    assert "1 paragraph vs 16" in summary
    assert f"kept: {cut}, record 2, line " in err
    assert "(07MOSCOW628): a poorer copy" in err
    assert f"listed in {notes}" in err
    [line] = [json.loads(text) for text in notes.read_text(encoding="utf-8").splitlines()]
    assert (line["outcome"], line["reference_id"], line["record"]) == ("kept", "07MOSCOW628", 2)
    code, out, _ = run(
        capsys, "--store", store, "export", "--cable", "07MOSCOW628", "--format", "nt"
    )
    assert out.count("http://purl.org/dc/terms/hasPart") == 16  # the full cable stays

    code, out, _ = run(capsys, "--store", store, "ingest", str(cut), "--force")
    assert (code, out.splitlines()[-1]) == (0, "ingested 0, unchanged 1, replaced 1, rejected 0")


@pytest.mark.slow
def test_files_in_no_cable_format_in_a_folder_are_named(
    tmp_path: Path, seed_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(seed_path.read_bytes())
    (folder / "notes.dat").write_bytes(b"\x00\x01 not a cable")
    (folder / ".hidden").write_text("skipped without a word")
    code, out, err = run(capsys, "--store", str(tmp_path / "s"), "ingest", str(folder))
    assert code == 0
    assert out.splitlines()[-1] == "ingested 4, unchanged 0, replaced 0, rejected 0"
    assert "passed over 1 file(s) in no cable format" in err
    assert "notes.dat" in err
    assert ".hidden" not in err


@pytest.mark.slow
def test_store_from_the_environment(
    tmp_path: Path,
    seed_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KG_STORE", str(tmp_path / "env-store"))
    assert run(capsys, "ingest", str(seed_path))[0] == 0
    assert (tmp_path / "env-store").is_dir()


def test_query_saved_and_text(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--store", store, "query", "cables_by_tag", "--param", "tag=pgov", "--format", "csv"
    )
    assert code == 0
    rows = out.splitlines()
    assert rows[0].startswith("reference_id,created,origin,subject")
    assert "tag" not in rows[0].split(",")  # bound parameters are not columns
    assert sorted(r.split(",")[0] for r in rows[1:]) == ["07MOSCOW627", "07MOSCOW628"]

    code, out, _ = run(
        capsys,
        "--store",
        store,
        "query",
        "cables_by_tag",
        "--param",
        "tag=PREL",
        "--param",
        "from=2007-02-13",
        "--param",
        "to=2007-02-13",
        "--format",
        "json",
    )
    document = json.loads(out)
    assert len(document["results"]["bindings"]) == 4
    code, out, _ = run(
        capsys,
        "--store",
        store,
        "query",
        "cables_by_tag",
        "--param",
        "tag=PREL",
        "--param",
        "to=2007-02-12",
    )
    assert out.splitlines() == ["reference_id,created,origin,subject"]

    sparql = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a kg:Cable }"
    sparql = "PREFIX kg: <https://w3id.org/cablegraph/ontology#> " + sparql
    code, out, _ = run(capsys, "--store", store, "query", sparql, "--format", "tsv")
    assert out.splitlines()[1] == '"4"^^<http://www.w3.org/2001/XMLSchema#integer>'
    code, out, _ = run(capsys, "--store", store, "query", "ASK { ?s ?p ?o }")
    assert out == "true\n"
    code, out, _ = run(
        capsys, "--store", store, "query", "CONSTRUCT { ?c a ?t } WHERE { ?c a ?t } LIMIT 1"
    )
    assert code == 0
    assert out.strip().endswith(".")


def test_query_table(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--store",
        store,
        "query",
        "people_in_cable",
        "--param",
        "cable=07moscow628",
        "--format",
        "table",
    )
    assert code == 0
    assert out.splitlines()[0].split() == ["name", "role"]
    assert out.rstrip().endswith("rows)") or out.rstrip().endswith("row)")


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["query", "no_such_query"], 2, "no saved query named 'no_such_query'"),
        (["query", "who_met", "--param", "person=Wisner"], 2, "--param topic=VALUE"),
        (
            ["query", "who_met", "--param", "person=x", "--param", "topic=y", "--param", "z=1"],
            2,
            "no parameter z",
        ),
        (
            ["query", "cables_by_tag", "--param", "tag=X", "--param", "from=yesterday"],
            2,
            "not a valid date",
        ),
        (["query", "SELECT WHERE {"], 2, "malformed SPARQL"),
        (["query", "who_met", "--param", "person"], 2, "is not key=value"),
        (["export", "--cable", "99NOWHERE1"], 2, "no cable 99NOWHERE1"),
        (["export", "--cable", "NOPE"], 2, "(kg stats --cables lists the reference IDs"),
        (["validate", "--cable", "NOPE"], 2, "(kg stats --cables lists the reference IDs"),
        (
            ["query", "INSERT DATA { <http://e/s> <http://e/p> 1 }"],
            2,
            "kg query runs queries, not updates",
        ),
        (
            ["query", "PREFIX e: <http://e/>\n# a comment\nDELETE WHERE { ?s e:p ?o }"],
            2,
            "kg serve --allow-update",
        ),
        (["export", "--format", "nt", "-o", "/nonexistent/x.nt"], 2, "/nonexistent/x.nt"),
    ],
)
def test_errors_map_to_exit_codes(
    store: str, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    got, _, err = run(capsys, "--store", store, *argv)
    assert got == code
    assert message in err
    assert err.startswith("kg: error:")


def test_load_refuses_what_would_be_lost_and_bad_input(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "ok.ttl"
    good.write_text("<http://e/s> <http://e/p> 1 .\n", encoding="utf-8")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://e/s> <http://e/p> .\n", encoding="utf-8")
    before = len(Store(store, read_only=True))

    code, _, err = run(capsys, "--store", store, "load", str(good), "--graph", "not an iri")
    assert (code, "--graph 'not an iri' is not an absolute IRI" in err) == (2, True)
    code, _, err = run(capsys, "--store", store, "load", str(bad))
    assert (code, err.startswith(f"kg: error: {bad}: ")) == (2, True)
    cable_graph = "https://w3id.org/cablegraph/id/graph/07MOSCOW628"
    code, _, err = run(capsys, "--store", store, "load", str(good), "--graph", cable_graph)
    assert code == 2
    assert "cable 07MOSCOW628's graph, replaced whole when the cable is ingested again" in err
    assert "--force" in err
    links = "https://w3id.org/cablegraph/id/graph/links"
    code, _, err = run(capsys, "--store", store, "load", str(good), "--graph", links)
    assert (code, "identity links' graph" in err) == (2, True)
    assert len(Store(store, read_only=True)) == before  # nothing was loaded

    other = str(tmp_path / "other")
    code, out, _ = run(
        capsys, "--store", other, "load", str(good), "--graph", cable_graph, "--force"
    )
    assert (code, out.endswith("1 quads added\n")) == (0, True)


def test_export_to_a_missing_folder_leaves_nothing(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "x.nt"
    code, _, err = run(capsys, "--store", store, "export", "--format", "nt", "-o", str(target))
    assert code == 2
    assert err.startswith(f"kg: error: cannot write {target}: ")
    assert not (tmp_path / "no").exists()


def test_exit_code_table() -> None:
    assert cli.exit_code(UnknownQuery("x")) == 2
    assert cli.exit_code(ParameterError("x")) == 2
    assert cli.exit_code(QueryError("x")) == 2
    assert cli.exit_code(RecordError("f", 1, "x")) == 2
    assert cli.exit_code(ConfigError("x")) == 2
    assert cli.exit_code(StoreError("x")) == 3


def test_param_values_are_bound_not_pasted(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = 'x") } } DROP ALL { GRAPH ?g { ?s ?p ?o'
    code, out, _ = run(
        capsys, "--store", store, "query", "cables_mentioning", "--param", f"person={hostile}"
    )
    assert code == 0
    assert out.splitlines()[1:] == []


def test_export_and_load(store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "one.ttl"
    code, _, _ = run(
        capsys,
        "--store",
        store,
        "export",
        "--format",
        "turtle",
        "--cable",
        "07moscow629",
        "-o",
        str(target),
    )
    assert code == 0
    assert "07MOSCOW629" in target.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("*.partial"))

    code, out, _ = run(capsys, "--store", store, "export", "--format", "nt")
    assert code == 0
    assert out.count("\n") > 100

    other = str(tmp_path / "other")
    code, out, _ = run(
        capsys, "--store", other, "load", str(target), "--graph", "https://example.org/g"
    )
    assert code == 0
    assert "quads added" in out
    code, out, _ = run(
        capsys,
        "--store",
        other,
        "query",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
        "--format",
        "csv",
    )
    assert out.splitlines()[1].startswith("https://example.org/g,")

    unknown = tmp_path / "data.xyz"
    unknown.write_text("", encoding="utf-8")
    assert run(capsys, "--store", other, "load", str(unknown))[0] == 2


def test_stats(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--store", store, "stats", "--format", "json")
    numbers = json.loads(out)
    assert numbers["cables"] == 4
    links = "https://w3id.org/cablegraph/id/graph/links"
    assert links in set(Store(store, read_only=True).graph_names())  # kg ingest linked
    assert numbers["graphs"] == 4  # cable graphs: the links' is not one
    assert numbers["by_origin"] == {"Embassy Moscow": 4}
    assert numbers["by_year"] == {"2007": 4}
    _, out, _ = run(capsys, "--store", store, "stats")
    assert out.startswith("cables         4")


@pytest.mark.parametrize(
    "argv",
    [["stats"], ["query", "ASK { ?s ?p ?o }"], ["export"], ["validate"], ["stats", "--cables"]],
)
def test_read_commands_on_a_missing_store_fail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    missing = tmp_path / "mistyped"
    code, out, err = run(capsys, "--store", str(missing), *argv)
    assert (code, out) == (3, "")
    assert f"no store at {missing}" in err
    assert "run kg ingest first or check --store" in err
    assert not missing.exists()  # and none is made


def test_stats_lists_the_cables(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", store, "stats", "--cables")
    assert (code, out.splitlines()) == (0, SEED_IDS)


def test_validate(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", store, "validate", "--cable", "07MOSCOW626")
    assert (code, out.strip()) == (0, "Conforms: True")


def test_serve_runs_the_app_over_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from starlette.applications import Starlette

    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(app=app, **options))
    monkeypatch.setenv("KG_UPDATE_TOKEN", "s3cret")
    argv = ["--store", str(tmp_path / "s"), "serve", "--port", "8123", "--cors-origin", "http://a"]
    assert cli.main(argv) == 0
    assert isinstance(seen.pop("app"), Starlette)
    assert seen == {"host": "127.0.0.1", "port": 8123}


def test_serve_passes_its_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    import api.app

    seen: dict[str, object] = {}

    def create_app(store: object, **options: object) -> str:
        seen.update(options)
        return "app"

    monkeypatch.setattr(api.app, "create_app", create_app)
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: None)
    monkeypatch.setenv("KG_UPDATE_TOKEN", "from-env")
    argv = ["--store", str(tmp_path / "s"), "serve", "--allow-update", "--cors-origin", "http://a"]
    assert cli.main([*argv, "--cors-origin", "http://b"]) == 0
    assert seen == {
        "allow_update": True,
        "update_token": "from-env",
        "cors_origins": ("http://a", "http://b"),
    }


def test_eval_hands_its_arguments_over(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.evaluate

    got: list[list[str]] = []

    def evaluate(argv: list[str]) -> int:
        got.append(argv)
        return 7

    monkeypatch.setattr(kg.evaluate, "main", evaluate)
    assert cli.main(["eval", "--json", "tests/gold", "--cable", "07MOSCOW628"]) == 7
    assert got == [["--json", "tests/gold", "--cable", "07MOSCOW628"]]


@pytest.mark.slow
def test_query_from_stdin_and_another_base(
    tmp_path: Path,
    seed_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    store = str(tmp_path / "s")
    base = "https://example.org/kg/"
    assert run(capsys, "--store", store, "--base", base, "ingest", str(seed_path))[0] == 0
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    )
    code, out, _ = run(capsys, "--store", store, "query", "-", "--format", "csv")
    graphs = sorted(out.splitlines()[1:])
    # Every graph is named from the base: the cables' and the identity links'.
    assert graphs == [f"{base}graph/{refid}" for refid in SEED_IDS] + [f"{base}graph/links"]
    code, out, _ = run(capsys, "--store", store, "--base", base, "export", "--cable", "07MOSCOW626")
    assert code == 0
    assert f"<{base}cable/07MOSCOW626>" in out


def test_progress_on_a_terminal() -> None:
    import io

    from kg.ingest.outcomes import CableSummary, Outcome, Reject
    from kg.progress import Progress

    stream = io.StringIO()
    progress = Progress(stream, enabled=True)
    progress(Outcome("ingested", CableSummary("07MOSCOW626")))
    progress(Outcome("rejected", reject=Reject("x.txt", "no cable")))
    progress.draw()
    assert "1 cable, " in stream.getvalue()
    assert "cables/s, 1 rejected" in stream.getvalue()
    quiet = io.StringIO()
    Progress(quiet)(Outcome("ingested", CableSummary("07MOSCOW626")))  # not a terminal
    assert quiet.getvalue() == ""


def test_ctrl_c_exits_130_with_a_note(
    tmp_path: Path,
    seed_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kg import progress

    def interrupt(self: object, outcome: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(progress.Progress, "__call__", interrupt)
    code, _, err = run(capsys, "--store", str(tmp_path / "s"), "ingest", str(seed_path))
    assert code == 130
    assert "interrupted" in err
    code, out, _ = run(capsys, "--store", str(tmp_path / "s"), "stats", "--format", "json")
    assert json.loads(out)["cables"] == 1  # the cable before the interrupt is in, whole


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_saved_query_from_the_command_line(
    store: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    params, column, _ = EXAMPLES[name]
    argv = [f"--param={key}={value}" for key, value in params.items()]
    code, out, err = run(capsys, "--store", store, "query", name, *argv, "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert column in document["head"]["vars"]
    assert not set(params) & set(document["head"]["vars"])
