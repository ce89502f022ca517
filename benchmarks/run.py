"""The benchmark: ingest, store size, questions and export, each beside its baseline.

    python -m benchmarks.run [--sizes 10000,50000] [--workers 2] [--repeat 15]
    make bench                                   # the same, 10k and 50k cables
    python -m benchmarks.run --sizes 2000,10000  # a quick run

For each size, a corpus of generated cables (``benchmarks/generate.py``, seeded, so every
run and every size shares its first cables) is ingested into a fresh on-disk store, and
every figure is set beside a baseline measured in the same run on the same machine:

- ingest (``kg.ingest.ingest``: read, parse, extract, map on ``--workers`` processes,
  the single writer) in cables/s, against pyoxigraph's ``bulk_load`` of the same quads
  from an N-Quads file into a fresh store (the practical limit of the store);
- identity linking (``kg.link.relink``) in seconds, after the ingest;
- store bytes per cable, against the bulk-loaded store of the same quads;
- GraphQL ``meetings(participant:, topic:)`` and ``person(name:) { cables }``, p50 and p99
  over HTTP (the app of ``api.app.create_app`` through a test client), and every saved
  query in ``queries/`` (``.rq`` at ``/queries/NAME``, ``.graphql`` at ``/graphql``), p50,
  each against the same question asked straight of pyoxigraph with hand-written SPARQL
  (names and codes bound as exact terms, so it reads the indexes; over the union of the
  cables' graphs, as the project asks, hence DISTINCT);
- the time of each question at the largest size over its time at the smallest (an index,
  not a scan, keeps it near 1);
- export (``kg export``'s ``Store.dump``) in MB/s, against ``pyoxigraph.Store.dump``.

Figures are printed and saved as JSON in ``benchmarks/results/`` (a file per run, and
``last.json``). A question that takes longer than ``--budget`` seconds is asked once
only. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox

from benchmarks import generate
from kg import export
from kg.store import Store

RESULTS = Path(__file__).resolve().parent / "results"
PREFIXES = """PREFIX kg: <https://w3id.org/cablegraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def ingest(paths: Sequence[str], store: Store, *, workers: int) -> Any:
    """The project's ingest (one place to change should it move)."""
    from kg.ingest import ingest as project_ingest

    return project_ingest(paths, store, workers=workers)


@dataclass(frozen=True, slots=True)
class Subjects:
    """What the questions ask about, taken from the generated corpus."""

    frequent: str  # the person the corpus names most often
    rare: str  # a person named in a few cables only
    topic: str
    cited: str  # the reference ID the corpus cites most
    cable: str  # a cable with meetings
    classifier: str
    origin: str


@dataclass(slots=True)
class Question:
    """One question, asked through the project and straight of pyoxigraph."""

    name: str
    ask: Callable[[], int]  # returns the number of answers
    baseline: Callable[[], int] | None = None


@dataclass(slots=True)
class Timing:
    p50_ms: float
    p99_ms: float
    runs: int
    answers: int

    @classmethod
    def of(cls, ask: Callable[[], int], repeat: int, budget: float) -> Timing:
        times: list[float] = []
        answers = 0
        spent = 0.0
        while len(times) < repeat and (spent < budget or len(times) < 1):
            started = time.perf_counter()
            answers = ask()
            times.append(time.perf_counter() - started)
            spent += times[-1]
        times.sort()
        p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
        return cls(statistics.median(times) * 1000, p99 * 1000, len(times), answers)


@dataclass(slots=True)
class SizeResult:
    cables: int
    corpus_mb: float
    ingest_s: float
    ingest_cables_per_s: float
    link_s: float | None
    quads: int
    bulk_load_s: float
    bulk_load_cables_per_s: float
    store_bytes_per_cable: float
    bulk_store_bytes_per_cable: float
    export_nquads_mb_per_s: float
    dump_nquads_mb_per_s: float
    export_turtle_mb_per_s: float | None
    questions: dict[str, dict[str, Any]] = field(default_factory=dict)


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def subjects_of(rows: Iterable[dict[str, object]]) -> Subjects:
    """Frequent and rare people, the most cited cable and so on, from the corpus's text."""
    names: Counter[str] = Counter()
    cited: Counter[str] = Counter()
    classifiers: Counter[str] = Counter()
    origins: Counter[str] = Counter()
    cable = ""
    everyone = {p.name for pool in generate.people().values() for p in pool}
    for row in rows:
        body = str(row["body"])
        cited.update(cast("list[str]", row["references"]))
        origins[str(row["origin"])] += 1
        for line in body.splitlines():
            if line.startswith("Classified By: Ambassador "):
                classifiers[line.split(" for reasons")[0].removeprefix("Classified By: ")] += 1
        if not cable and "accompanied by" in body and "TAGS: PREL" in body:
            cable = str(row["reference_id"])
        words = body.replace(",", " ").replace(".", " ").split()
        for i in range(len(words) - 1):
            pair = f"{words[i]} {words[i + 1]}"
            if pair in everyone:
                names[pair] += 1
    ranked = names.most_common()
    return Subjects(
        frequent=ranked[0][0],
        rare=next((n for n, c in reversed(ranked) if c >= 2), ranked[-1][0]),
        topic="PREL",
        cited=cited.most_common(1)[0][0] if cited else cable,
        cable=cable,
        classifier=classifiers.most_common(1)[0][0].split(" ", 1)[1],
        origin=origins.most_common(1)[0][0],
    )


def _answers(data: Any) -> int:
    """The length of the longest list in a GraphQL answer (1 for a lone object, 0 for null)."""

    def longest(value: Any) -> int | None:
        found: int | None = len(value) if isinstance(value, list) else None
        items = (
            value if isinstance(value, list) else value.values() if isinstance(value, dict) else ()
        )
        for item in items:
            inner = longest(item)
            if inner is not None and (found is None or inner > found):
                found = inner
        return found

    found = longest(data)
    return found if found is not None else int(bool(data) and any(data.values()))


def sparql_count(store: ox.Store, text: str) -> Callable[[], int]:
    def ask() -> int:
        # The cables are in named graphs; the project queries their union, as here.
        solutions = store.query(PREFIXES + text, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        return sum(1 for _ in solutions)

    return ask


def baselines(store: ox.Store, s: Subjects) -> dict[str, Callable[[], int]]:
    """Each question as hand-written SPARQL: names and codes bound as exact terms."""
    from kg.rdf.iri import IRIs

    cable_iri = f"<{IRIs().cable(s.cited)}>"
    graph_iri = f"<{IRIs().graph(s.cable)}>"
    # A cable's facts are in its own graph: asked graph by graph, a node that every
    # cable's graph describes (a TAGS concept, a post, a person) is not met once per graph.
    tag = f"<{IRIs().base}tag/{s.topic}>"
    node = 'SELECT DISTINCT ?who WHERE {{ ?who foaf:name "{person}" }}'
    meetings = """SELECT DISTINCT ?meeting ?date ?name ?ref WHERE {{
      {{ {node} }}
      GRAPH ?g {{
        ?meeting kg:participant ?who ; kg:topic {tag} ; kg:reportedIn ?cable .
        ?cable dcterms:identifier ?ref .
        ?meeting kg:participant ?other . ?other foaf:name ?name .
        OPTIONAL {{ ?meeting dcterms:date ?date }} }}
    }}"""
    cables = """SELECT DISTINCT ?ref ?created WHERE {{
      {{ {node} }}
      GRAPH ?g {{ ?cable kg:mentions ?who ; dcterms:identifier ?ref .
        OPTIONAL {{ ?cable dcterms:created ?created }} }}
    }}"""
    q = {
        "meetings": meetings.format(node=node.format(person=s.frequent), tag=tag),
        "meetings_rare": meetings.format(node=node.format(person=s.rare), tag=tag),
        "person_cables": cables.format(node=node.format(person=s.frequent)),
        "person_cables_rare": cables.format(node=node.format(person=s.rare)),
        "cables_by_tag": f"""SELECT DISTINCT ?ref ?created WHERE {{ GRAPH ?g {{
            ?cable kg:tag {tag} ; dcterms:identifier ?ref ; dcterms:created ?created }}
            FILTER(STR(?created) >= "2007-02-01" && STR(?created) < "2007-03")
        }} ORDER BY ?created""",
        "cables_citing": f"""SELECT DISTINCT ?ref WHERE {{ GRAPH ?g {{
            ?citing dcterms:references {cable_iri} ; dcterms:identifier ?ref }} }}""",
        "cables_mentioning": cables.format(node=node.format(person=s.frequent)),
        "people_in_cable": f"""SELECT DISTINCT ?name ?role WHERE {{ GRAPH {graph_iri} {{
            ?who a foaf:Person ; foaf:name ?name .
            OPTIONAL {{ ?who org:hasMembership/org:role/skos:prefLabel ?role }} }} }}""",
        "person_everywhere": f"""SELECT DISTINCT ?ref ?name WHERE {{
            {{ {node.format(person=s.frequent)} }}
            ?who (owl:sameAs | ^owl:sameAs | owl:sameAs/^owl:sameAs)? ?node .
            GRAPH ?g {{ ?cable kg:mentions ?node ; dcterms:identifier ?ref .
                        ?node foaf:name ?name }} }}""",
        "who_classified": f"""SELECT DISTINCT ?ref ?reason WHERE {{
            {{ {node.format(person=s.classifier)} }}
            GRAPH ?g {{ ?cable kg:classifiedBy ?who ; dcterms:identifier ?ref .
            OPTIONAL {{ ?cable kg:classificationReason ?reason }} }} }}""",
        "who_classified_by_origin": f"""SELECT DISTINCT ?ref ?created ?who WHERE {{
            GRAPH ?g {{ ?cable kg:origin ?post ; dcterms:identifier ?ref ;
                dcterms:created ?created . ?post rdfs:label "{s.origin}" .
            OPTIONAL {{ ?cable kg:classifiedBy ?who }} }} }} ORDER BY ?created LIMIT 20""",
        "who_met": f"""SELECT DISTINCT ?name WHERE {{
            {{ {node.format(person=s.frequent)} }}
            GRAPH ?g {{ ?meeting kg:participant ?who ; kg:topic {tag} ;
                kg:participant ?other . ?other foaf:name ?name FILTER(?other != ?who) }} }}""",
    }
    return {name: sparql_count(store, text) for name, text in q.items()}


def questions(client: Any, store: ox.Store, s: Subjects) -> list[Question]:
    """The headline questions and every saved query, each with its baseline (``client``
    may be None to count them)."""
    from kg import queries

    base = baselines(store, s)

    def graphql(text: str, variables: dict[str, Any]) -> Callable[[], int]:
        def ask() -> int:
            response = client.post("/graphql", json={"query": text, "variables": variables})
            response.raise_for_status()
            body = response.json()
            if body.get("errors"):
                raise RuntimeError(body["errors"])
            return _answers(body["data"])

        return ask

    def saved(name: str, params: dict[str, str]) -> Callable[[], int]:
        def ask() -> int:
            response = client.get(
                f"/queries/{name}", params=params, headers={"Accept": "application/json"}
            )
            response.raise_for_status()
            return len(response.json()["results"]["bindings"])

        return ask

    meetings = """query($p: String, $t: String) { meetings(participant: $p, topic: $t) {
        date participants { name } topics { code } cable { referenceId } } }"""
    person = "query($n: String!) { person(name: $n) { name cables { referenceId } } }"
    found = [
        Question(
            "graphql meetings(participant: frequent, topic: PREL)",
            graphql(meetings, {"p": s.frequent, "t": s.topic}),
            base["meetings"],
        ),
        Question(
            "graphql meetings(participant: rare, topic: PREL)",
            graphql(meetings, {"p": s.rare, "t": s.topic}),
            base["meetings_rare"],
        ),
        Question(
            "graphql person(name: frequent) { cables }",
            graphql(person, {"n": s.frequent}),
            base["person_cables"],
        ),
        Question(
            "graphql person(name: rare) { cables }",
            graphql(person, {"n": s.rare}),
            base["person_cables_rare"],
        ),
    ]
    rq_params = {
        "cables_by_tag": {"tag": "PREL", "from": "2007-02-01", "to": "2007-02-28"},
        "cables_citing": {"cable": s.cited},
        "cables_mentioning": {"person": s.frequent},
        "people_in_cable": {"cable": s.cable},
        "person_everywhere": {"person": s.frequent},
        "who_classified": {"person": s.classifier},
        "who_met": {"person": s.frequent, "topic": s.topic},
    }
    gql_vars: dict[str, tuple[dict[str, Any], str]] = {
        "cables_by_tag": (
            {"tag": "PREL", "from": "2007-02-01", "to": "2007-02-28"},
            "cables_by_tag",
        ),
        "cables_citing": ({"referenceId": s.cited}, "cables_citing"),
        "cables_mentioning": ({"name": s.frequent}, "cables_mentioning"),
        "people_in_cable": ({"referenceId": s.cable}, "people_in_cable"),
        "who_classified": ({"origin": s.origin}, "who_classified_by_origin"),
        "who_met": ({"participant": s.frequent, "topic": s.topic}, "who_met"),
    }
    folder = queries.default_dir()
    for path in sorted(folder.glob("*.rq")):
        params = rq_params.get(path.stem)
        if params is not None:
            found.append(
                Question(f"saved {path.name}", saved(path.stem, params), base.get(path.stem))
            )
    for path in sorted(folder.glob("*.graphql")):
        if path.stem in gql_vars:
            variables, baseline = gql_vars[path.stem]
            found.append(
                Question(f"saved {path.name}", graphql(path.read_text(), variables), base[baseline])
            )
    return found


def _ask(path: Path, subjects: Subjects, index: int, args: argparse.Namespace, queue: Any) -> None:
    """In a process of its own: the baseline, then the question through the app."""
    import warnings

    with warnings.catch_warnings():
        # Starlette's test client warns that it runs on httpx; it is what asks here.
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from starlette.testclient import TestClient

    from api.app import create_app

    store = Store(path, read_only=True)
    app = create_app(store, query_timeout=args.timeout, graphql_timeout=args.timeout)
    with TestClient(app) as client:
        question = questions(client, store.oxigraph, subjects)[index]
        row: dict[str, Any] = {}
        if question.baseline is not None:  # first: a timed-out question runs on in a thread
            row["baseline"] = asdict(Timing.of(question.baseline, args.repeat, args.budget))
        try:
            row.update(asdict(Timing.of(question.ask, args.repeat, args.budget)))
        except Exception as error:  # a refused or failed question is a figure too
            row["error"] = str(error)[:300]
        queue.put((question.name, row))


def ask_apart(
    path: Path, subjects: Subjects, index: int, args: argparse.Namespace
) -> tuple[str, dict[str, Any]]:
    """One question in a process of its own, ended when done: Oxigraph cannot interrupt a
    query, so a timed-out one would go on taking CPU from the questions after it."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_ask, args=(path, subjects, index, args, queue))
    process.start()
    limit = 2 * args.budget + 2 * args.timeout + 60
    try:
        return queue.get(timeout=limit)  # type: ignore[no-any-return]
    except Exception:
        return f"question {index}", {"error": f"no answer within {limit:.0f} s"}
    finally:
        process.kill()
        process.join()


def measure(size: int, folder: Path, args: argparse.Namespace, subjects: Subjects) -> SizeResult:
    corpus = folder / f"cables-{size}.csv"
    generate.write_corpus(corpus, size, seed=args.seed)
    corpus_mb = corpus.stat().st_size / 1e6
    print(f"\n== {size:,} cables ({corpus.stat().st_size / 1e6:.1f} MB cables.csv)")
    print(f"   asking about: {subjects}")

    store = Store(folder / f"store-{size}")
    report = ingest([str(corpus)], store, workers=args.workers)
    ingest_s = report.seconds
    print(f"ingest            {report.cables / ingest_s:8.1f} cables/s  ({ingest_s:.0f} s)")
    link_s: float | None = None
    if args.link:
        from kg.link import relink

        started = time.perf_counter()
        relink(store)
        link_s = time.perf_counter() - started
        print(f"link              {link_s:8.1f} s")
    store.flush()
    quads = len(store.oxigraph)
    store_bytes = folder_bytes(folder / f"store-{size}")

    # Export through the project, then pyoxigraph's own dump of the same store.
    nquads = folder / f"dump-{size}.nq"
    export_s = dump_s = float("inf")
    for _ in range(2):  # alternated, the best of two each: the first pass warms the cache
        started = time.perf_counter()
        with nquads.open("wb") as out:
            store.oxigraph.dump(out, ox.RdfFormat.N_QUADS)
        dump_s = min(dump_s, time.perf_counter() - started)
        started = time.perf_counter()
        with (folder / f"export-{size}.nq").open("wb") as out:
            export.write(store, out, format="nquads")
        export_s = min(export_s, time.perf_counter() - started)
    mb = nquads.stat().st_size / 1e6
    print(f"export N-Quads    {mb / export_s:8.1f} MB/s  (pyoxigraph dump {mb / dump_s:.1f} MB/s)")
    turtle_rate: float | None = None
    if args.turtle:  # sorted, so about a tenth of the N-Quads rate: long at large sizes
        started = time.perf_counter()
        with (folder / f"export-{size}.ttl").open("wb") as out:
            export.write(store, out, format="turtle")
        turtle_rate = (folder / f"export-{size}.ttl").stat().st_size / 1e6
        turtle_rate /= time.perf_counter() - started
        print(f"export Turtle     {turtle_rate:8.1f} MB/s")

    # The practical limit of the store: the same quads through the bulk loader.
    bulk = ox.Store(str(folder / f"bulk-{size}"))
    started = time.perf_counter()
    bulk.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    bulk.flush()
    bulk_s = time.perf_counter() - started
    bulk_bytes = folder_bytes(folder / f"bulk-{size}")
    del bulk
    print(f"bulk_load         {size / bulk_s:8.1f} cables/s  ({quads / bulk_s:,.0f} quads/s)")
    print(
        f"store             {store_bytes / size / 1e3:8.1f} KB/cable, "
        f"{quads / size:.0f} quads/cable "
        f"(bulk-loaded: {bulk_bytes / size / 1e3:.1f} KB/cable)"
    )
    for path in folder.glob(f"*-{size}.*"):
        path.unlink()

    result = SizeResult(
        cables=report.cables,
        corpus_mb=corpus_mb,
        ingest_s=ingest_s,
        ingest_cables_per_s=report.cables / ingest_s,
        link_s=link_s,
        quads=quads,
        bulk_load_s=bulk_s,
        bulk_load_cables_per_s=size / bulk_s,
        store_bytes_per_cable=store_bytes / size,
        bulk_store_bytes_per_cable=bulk_bytes / size,
        export_nquads_mb_per_s=mb / export_s,
        dump_nquads_mb_per_s=mb / dump_s,
        export_turtle_mb_per_s=turtle_rate,
    )
    store.flush()
    count = len(questions(None, store.oxigraph, subjects))
    print(
        f"{'question':<58}{'p50 ms':>10}{'p99 ms':>10}{'runs':>6}{'base p50':>10}{'ratio':>8}"
        "  answers/baseline's"
    )
    for index in range(count):
        name, row = ask_apart(folder / f"store-{size}", subjects, index, args)
        result.questions[name] = row
        p50 = row.get("p50_ms")
        base = row.get("baseline", {}).get("p50_ms")
        ratio = f"{p50 / base:8.1f}" if p50 and base else f"{'':>8}"
        answers = f"{row.get('answers', '-')}/{row.get('baseline', {}).get('answers', '-')}"
        if p50:
            shown = f"{p50:10.1f}{row['p99_ms']:10.1f}{row['runs']:6d}"
        else:
            shown = f"{str(row.get('error', ''))[:26]:>26}"
        print(f"{name:<58}{shown}{base or 0:10.1f}{ratio}  {answers}", flush=True)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--sizes", default="10000,50000", help="corpus sizes, comma-separated")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=15, help="runs per question, at most")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per question, about")
    parser.add_argument(
        "--timeout", type=float, default=30.0, help="query timeout, seconds (as served)"
    )
    parser.add_argument("--seed", type=int, default=generate.SEED)
    parser.add_argument("--no-link", dest="link", action="store_false", help="skip kg link")
    parser.add_argument(
        "--no-turtle", dest="turtle", action="store_false", help="skip the Turtle export"
    )
    parser.add_argument("--tmp", type=Path, default=None, help="folder for corpora and stores")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    started = datetime.now(UTC)
    run: dict[str, Any] = {
        "started": started.isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "pyoxigraph": ox.__version__ if hasattr(ox, "__version__") else "",
            "load_average": os.getloadavg(),
        },
        "workers": args.workers,
        "seed": args.seed,
        "sizes": {},
    }
    # Asked about at every size: chosen in the smallest corpus, which every larger one
    # starts with, so that the growth of a question's time compares like with like.
    subjects = subjects_of(generate.generate(min(sizes), seed=args.seed))
    run["subjects"] = asdict(subjects)
    with tempfile.TemporaryDirectory(prefix="kg-bench-", dir=args.tmp) as tmp:
        for size in sizes:
            run["sizes"][str(size)] = asdict(measure(size, Path(tmp), args, subjects))
    if len(sizes) > 1:
        small, large = run["sizes"][str(sizes[0])], run["sizes"][str(sizes[-1])]
        growth: dict[str, float] = {}
        print(f"\ntime at {sizes[-1]:,} over time at {sizes[0]:,} (p50; near 1 for an index)")
        for name, row in large["questions"].items():
            before = small["questions"].get(name, {})
            if row.get("p50_ms") and before.get("p50_ms"):
                growth[name] = row["p50_ms"] / before["p50_ms"]
                base = row["baseline"]["p50_ms"] / before["baseline"]["p50_ms"]
                print(f"{name:<58}{growth[name]:8.2f}x   (baseline {base:.2f}x)")
        run["growth"] = growth
    run["load_average_after"] = os.getloadavg()
    args.out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(run, indent=2) + "\n"
    name = f"{started:%Y%m%dT%H%M%S}-{'-'.join(str(s) for s in sizes)}.json"
    (args.out / name).write_text(text, encoding="utf-8")
    (args.out / "last.json").write_text(text, encoding="utf-8")
    print(f"\nsaved {args.out / name} and last.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
