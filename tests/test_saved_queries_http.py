"""Saved queries over HTTP: ``$name`` bindings on /sparql, and the /queries resource.

Both are checked against ``kg.queries.run_saved`` on the seed cables: the same rows, by
either way in, in every results format.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from api.app import create_app
from kg.errors import ConfigError
from kg.queries import load_queries, parse_saved, run_saved
from kg.store import Store, Term
from tests.builders import cable_store
from tests.conftest import ROOT
from tests.live_server import LiveServer, client_for, serve
from tests.seed_answers import TALKED_ABOUT, WISNER_MET

pytestmark = [pytest.mark.server, pytest.mark.store("seed")]

WHO_MET = (ROOT / "queries" / "who_met.rq").read_text(encoding="utf-8")
WISNER_KOSOVO = {"person": "Wisner", "topic": "Kosovo"}
XSD = "http://www.w3.org/2001/XMLSchema#"
RESULTS_JSON = "application/sparql-results+json"

Row = dict[str, Term]


@pytest.fixture(scope="module")
def server(store: Store) -> Iterator[LiveServer]:
    with serve(create_app(store)) as live:
        yield live


@pytest.fixture(scope="module")
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        yield http


@pytest.fixture(scope="module")
def expected(store: Store) -> list[Row]:
    return run_saved(store, "who_met", WISNER_KOSOVO)


def solutions(
    content: bytes, fmt: ox.QueryResultsFormat, *, drop: tuple[str, ...] = ()
) -> list[Row]:
    """Rows read back with pyoxigraph's own results parser, without the ``drop`` columns."""
    answer: Any = ox.parse_query_results(content, fmt)
    names = [v.value for v in answer.variables if v.value not in drop]
    return [{n: s[n] for n in names if s[n] is not None} for s in answer]


def names(rows: list[Row]) -> list[str]:
    return [str(row["name"].value) for row in rows]  # type: ignore[union-attr]


def test_the_seed_answer_is_the_one_the_cables_give(expected: list[Row]) -> None:
    found = names(expected)
    assert set(found) >= WISNER_MET
    for name in TALKED_ABOUT:
        assert not any(name in other for other in found), name


# -- /sparql with $name bindings ---------------------------------------------------------


def test_sparql_with_bindings_gives_the_saved_query_rows(
    client: httpx.Client, expected: list[Row]
) -> None:
    response = client.get(
        "/sparql",
        params={"query": WHO_MET, "$person": "Wisner", "$topic": "Kosovo"},
        headers={"accept": RESULTS_JSON},
    )
    assert response.status_code == 200, response.text
    assert solutions(response.content, ox.QueryResultsFormat.JSON, drop=("person", "topic")) == (
        expected
    )
    # The bound variables are projected, so they come back with their values.
    for row in solutions(response.content, ox.QueryResultsFormat.JSON):
        assert (row["person"], row["topic"]) == (ox.Literal("Wisner"), ox.Literal("Kosovo"))


@pytest.mark.parametrize(
    "send",
    ["form", "body", "quoted"],
)
def test_bindings_by_post_and_as_quoted_literals(
    client: httpx.Client, expected: list[Row], send: str
) -> None:
    headers = {"accept": "text/tab-separated-values"}
    if send == "form":
        data = {"query": WHO_MET, "$person": "Wisner", "$topic": "Kosovo"}
        response = client.post("/sparql", data=data, headers=headers)
    elif send == "body":
        response = client.post(
            "/sparql",
            params={"$person": "Wisner", "$topic": "Kosovo"},
            content=WHO_MET.encode(),
            headers={**headers, "content-type": "application/sparql-query"},
        )
    else:
        params = {"query": WHO_MET, "$person": '"Wisner"', "$topic": "'Kosovo'"}
        response = client.get("/sparql", params=params, headers=headers)
    assert response.status_code == 200, response.text
    rows = solutions(response.content, ox.QueryResultsFormat.TSV, drop=("person", "topic"))
    assert rows == expected


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_sends_bindings_as_parameters(
    server: LiveServer, expected: list[Row], method: str
) -> None:
    sparql = SPARQLWrapper(f"{server.url}/sparql")
    sparql.setQuery(WHO_MET)
    assert sparql.addParameter("$person", "Wisner")
    assert sparql.addParameter("$topic", "Kosovo")
    sparql.setReturnFormat(JSON)
    if method == "POST":
        sparql.setMethod(POST)
    result: Any = sparql.query().convert()
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == names(expected)


ECHO = "SELECT ?x (DATATYPE(?x) AS ?type) (LANG(?x) AS ?lang) (isIRI(?x) AS ?iri) WHERE {}"


@pytest.mark.parametrize(
    ("value", "term"),
    [
        ("Wisner", ox.Literal("Wisner")),
        ("Frank Wisner", ox.Literal("Frank Wisner")),
        ("", ox.Literal("")),
        ("42", ox.Literal("42")),
        ('"Wisner"', ox.Literal("Wisner")),
        ('"x"@en', ox.Literal("x", language="en")),
        ('"a \\"b\\"\\n"', ox.Literal('a "b"\n')),
        (
            f'"2007-02-13"^^<{XSD}date>',
            ox.Literal("2007-02-13", datatype=ox.NamedNode(XSD + "date")),
        ),
        ('"5"^^xsd:integer', ox.Literal("5", datatype=ox.NamedNode(XSD + "integer"))),
        (
            "<https://w3id.org/cablegraph/id/person/x>",
            ox.NamedNode("https://w3id.org/cablegraph/id/person/x"),
        ),
    ],
)
def test_values_are_read_as_rdf_terms(client: httpx.Client, value: str, term: Term) -> None:
    response = client.get(
        "/sparql", params={"query": ECHO, "$x": value}, headers={"accept": RESULTS_JSON}
    )
    assert response.status_code == 200, response.text
    [row] = solutions(response.content, ox.QueryResultsFormat.JSON)
    assert row["x"] == term
    is_iri = "true" if isinstance(term, ox.NamedNode) else "false"
    assert row["iri"] == ox.Literal(is_iri, datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(term, ox.Literal):
        assert (row["type"], row["lang"]) == (term.datatype, ox.Literal(term.language or ""))


def test_bindings_work_for_ask_construct_and_describe(client: httpx.Client) -> None:
    cable = "<https://w3id.org/cablegraph/id/cable/07MOSCOW628>"
    ask = "ASK { ?cable <http://purl.org/dc/terms/identifier> ?id }"
    for value, answer in (('"07MOSCOW628"', True), ("07MOSCOW628", True), ("07XXX", False)):
        response = client.get(
            "/sparql", params={"query": ask, "$id": value}, headers={"accept": RESULTS_JSON}
        )
        assert response.status_code == 200, response.text
        assert response.json()["boolean"] is answer, value

    construct = "CONSTRUCT { ?cable ?p ?o } WHERE { ?cable ?p ?o }"
    describe = "DESCRIBE ?cable"
    for query in (construct, describe):
        response = client.get(
            "/sparql",
            params={"query": query, "$cable": cable},
            headers={"accept": "application/n-triples"},
        )
        assert response.status_code == 200, response.text
        triples = list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
        assert triples
        assert {str(t.subject) for t in triples} == {cable}, query


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"$person": '"Wisner'}, "$person"),
        ({"$person": "<not an iri>"}, "$person"),
        ({"$person": '"x"@'}, "$person"),
        ({"$person": '"a", "b"'}, "more than one"),
        ({"$person": "_:b"}, "not an IRI or a literal"),
        ({"$per son": "x"}, "names no SPARQL variable"),
    ],
)
def test_malformed_bindings_are_400_naming_the_parameter(
    client: httpx.Client, params: dict[str, str], message: str
) -> None:
    response = client.get("/sparql", params={"query": WHO_MET, "$topic": "Kosovo", **params})
    assert response.status_code == 400
    assert message in response.text


def test_a_binding_given_twice_is_400(client: httpx.Client) -> None:
    params: list[tuple[str, str | int | float | bool | None]] = [
        ("query", WHO_MET),
        ("$person", "Wisner"),
        ("$person", "Burns"),
    ]
    response = client.get("/sparql", params=params)
    assert response.status_code == 400
    assert "$person is given twice" in response.text


def test_a_select_must_project_what_it_binds(client: httpx.Client) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?o }"
    response = client.get("/sparql", params={"query": query, "$o": "x"})
    assert response.status_code == 400
    assert "?o" in response.text


def test_ask_binds_what_its_pattern_binds(client: httpx.Client) -> None:
    created = "?cable <http://purl.org/dc/terms/created> ?created"
    test = "FILTER(SUBSTR(STR(?created), 1, 10) = ?day)"
    params = {"$day": "2007-02-13"}
    response = client.get("/sparql", params={"query": f"ASK {{ {created} {test} }}", **params})
    assert response.status_code == 400
    assert "?day" in response.text
    assert "VALUES ?name { UNDEF }" in response.text
    query = f"ASK {{ VALUES ?day {{ UNDEF }} {created} {test} }}"
    for day, answer in (("2007-02-13", True), ("2007-02-14", False)):
        response = client.get(
            "/sparql", params={"query": query, "$day": day}, headers={"accept": RESULTS_JSON}
        )
        assert response.json()["boolean"] is answer


def test_updates_take_no_bindings() -> None:
    with client_for(create_app(cable_store(), allow_update=True)) as http:
        update = "INSERT { <http://e/s> <http://e/p> ?o } WHERE {}"
        response = http.post("/sparql", data={"update": update, "$o": "x"})
        assert response.status_code == 400
        assert "$o" in response.text
        response = http.post(
            "/sparql",
            params={"$o": "x"},
            content=update.encode(),
            headers={"content-type": "application/sparql-update"},
        )
        assert response.status_code == 400


def test_the_service_description_tells_of_bindings(client: httpx.Client) -> None:
    response = client.get("/sparql", headers={"accept": "text/turtle"})
    graph = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
    comments = [t.object.value for t in graph if t.predicate.value.endswith("rdf-schema#comment")]
    assert any("$name=value" in comment for comment in comments)


# -- /queries ----------------------------------------------------------------------------


def test_queries_runs_a_saved_query_by_name_in_json(
    client: httpx.Client, expected: list[Row]
) -> None:
    response = client.get(
        "/queries/who_met", params=WISNER_KOSOVO, headers={"accept": RESULTS_JSON}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(RESULTS_JSON)
    # The parameter columns are left out, as kg query leaves them out.
    assert response.json()["head"]["vars"] == ["name"]
    assert solutions(response.content, ox.QueryResultsFormat.JSON) == expected


def test_queries_in_csv(client: httpx.Client, expected: list[Row]) -> None:
    response = client.get("/queries/who_met", params=WISNER_KOSOVO, headers={"accept": "text/csv"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.text)))
    assert table == [["name"], *([name] for name in names(expected))]


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("application/json", ox.QueryResultsFormat.JSON),
    ],
)
def test_queries_negotiate_like_sparql(
    client: httpx.Client, expected: list[Row], accept: str, fmt: ox.QueryResultsFormat
) -> None:
    response = client.get("/queries/who_met", params=WISNER_KOSOVO, headers={"accept": accept})
    assert response.status_code == 200, response.text
    assert solutions(response.content, fmt) == expected


def test_queries_by_post_form(client: httpx.Client, expected: list[Row]) -> None:
    response = client.post("/queries/who_met", data=WISNER_KOSOVO, headers={"accept": RESULTS_JSON})
    assert response.status_code == 200, response.text
    assert solutions(response.content, ox.QueryResultsFormat.JSON) == expected


@pytest.mark.parametrize(
    ("path", "params", "status", "message"),
    [
        ("/queries/who_met", {"person": "Wisner"}, 400, "topic"),
        ("/queries/who_met", {}, 400, "person, topic"),
        ("/queries/who_met", {**WISNER_KOSOVO, "colour": "red"}, 400, "colour"),
        ("/queries/cables_by_tag", {"tag": "PREL", "from": "13/02/2007"}, 400, "not a valid date"),
        ("/queries/who_meet", WISNER_KOSOVO, 404, "who_met"),
        ("/queries/who_meet.rq", {}, 404, "who_met"),
    ],
)
def test_queries_errors_name_what_is_wrong(
    client: httpx.Client, path: str, params: dict[str, str], status: int, message: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    assert message in response.text


def test_queries_refuses_what_it_cannot_answer_in(client: httpx.Client) -> None:
    response = client.get("/queries/who_met", params=WISNER_KOSOVO, headers={"accept": "image/png"})
    assert response.status_code == 406
    response = client.put("/queries/who_met", params=WISNER_KOSOVO)
    assert response.status_code == 405


def test_query_text(client: httpx.Client) -> None:
    response = client.get("/queries/who_met.rq")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-query")
    assert response.text == WHO_MET


def test_query_list_in_json(client: httpx.Client) -> None:
    response = client.get("/queries")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    listed = {entry["name"]: entry for entry in response.json()["queries"]}
    assert set(listed) == set(load_queries())
    who_met = listed["who_met"]
    assert who_met["title"] == "Who met a person about a topic"
    assert who_met["description"]
    assert [(p["name"], p["type"], p["required"]) for p in who_met["parameters"]] == [
        ("person", "string", True),
        ("topic", "string", True),
    ]
    assert who_met["example"] == WISNER_KOSOVO
    assert (who_met["url"], who_met["text"]) == ("/queries/who_met", "/queries/who_met.rq")
    by_tag = {p["name"]: p for p in listed["cables_by_tag"]["parameters"]}
    assert by_tag["from"]["type"] == "date"
    assert by_tag["from"]["default"] == "0001-01-01"


def test_query_list_in_html_and_linked_from_home(client: httpx.Client) -> None:
    browser = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    response = client.get("/queries", headers=browser)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert 'action="/queries/who_met"' in response.text
    assert 'href="/queries/who_met?person=Wisner&amp;topic=Kosovo"' in response.text
    assert 'href="/queries/who_met.rq"' in response.text
    assert 'href="/queries"' in client.get("/", headers=browser).text


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_every_saved_query_runs_through_queries_with_its_example(
    client: httpx.Client, store: Store, name: str
) -> None:
    saved = load_queries()[name]
    example = saved.example_params
    assert {p.name for p in saved.parameters if p.required} <= set(example), name
    response = client.get(f"/queries/{name}", params=example, headers={"accept": RESULTS_JSON})
    assert response.status_code == 200, response.text
    rows = solutions(response.content, ox.QueryResultsFormat.JSON)
    assert rows == run_saved(store, name, example)
    assert rows, f"the example of {name} finds nothing in the seed cables"


def test_queries_keep_the_sparql_limits(store: Store) -> None:
    with client_for(create_app(store, result_limit=2)) as http:
        response = http.get(
            "/queries/who_met", params=WISNER_KOSOVO, headers={"accept": RESULTS_JSON}
        )
        assert response.status_code == 200
        assert response.headers["SPARQL-Result-Limit"] == "2"
        assert len(response.json()["results"]["bindings"]) == 2


def test_queries_from_another_folder(store: Store, tmp_path: Path) -> None:
    (tmp_path / "cables.rq").write_text(
        "# title: Cables\n# description: Every cable.\n"
        "SELECT DISTINCT ?id WHERE { ?c <http://purl.org/dc/terms/identifier> ?id }\n"
    )
    with client_for(create_app(store, queries_dir=tmp_path)) as http:
        assert [q["name"] for q in http.get("/queries").json()["queries"]] == ["cables"]
        assert http.get("/queries/cables").status_code == 200
        assert http.get("/queries/who_met", params=WISNER_KOSOVO).status_code == 404
    with pytest.raises(ConfigError, match="no saved-query folder"):
        create_app(store, queries_dir=tmp_path / "missing")


def test_example_lines_are_read_and_checked(tmp_path: Path) -> None:
    head = "# param: person (string)\n# param: n (integer, default 5)\n"
    saved = parse_saved(
        head + '# example: person="Frank Wisner" n=3\nSELECT DISTINCT ?person ?n WHERE {}',
        name="q",
        path=tmp_path / "q.rq",
    )
    assert saved.example_params == {"person": "Frank Wisner", "n": "3"}
    with pytest.raises(ConfigError, match="names no parameter colour"):
        parse_saved(head + "# example: colour=red\nSELECT", name="q", path=tmp_path)
    with pytest.raises(ConfigError, match="NAME=VALUE"):
        parse_saved(head + "# example: person\nSELECT", name="q", path=tmp_path)
