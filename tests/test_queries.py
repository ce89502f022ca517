"""Saved queries: headers, bound parameters, and every ``queries/*.rq`` run on a small graph."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import queries
from kg.errors import ConfigError, ParameterError, UnknownQuery
from kg.queries import Parameter, SavedQuery, load_queries, parse_saved, run_saved
from kg.store import Store
from tests.builders import EXAMPLES, add_match_keys

ID = "https://w3id.org/cablegraph/id/"
# Two cables' graphs, written by hand so these tests depend on the mapping alone.
DATA = """
@prefix kg: <https://w3id.org/cablegraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/cablegraph/id/> .

id:graph\\/07MOSCOW628 {
  id:cable\\/07MOSCOW628 a kg:Cable ; dcterms:identifier "07MOSCOW628" ;
    dcterms:title "KOSOVO: SPECIAL ENVOY WISNER HEARS RUSSIAN VIEWS" ;
    dcterms:created "2007-02-13T14:39:00"^^xsd:dateTime ;
    kg:origin id:post\\/embassy-moscow ; kg:tag id:tag\\/PREL , id:tag\\/KV ;
    kg:classifiedBy id:person\\/william-j-burns ; kg:classifiedByRole "Ambassador" ;
    kg:classificationReason "1.4 (b, d)" ;
    kg:mentions id:person\\/frank-wisner , id:person\\/konstantin-kosachev ,
      id:person\\/vladimir-titov , id:person\\/martti-ahtisaari , id:person\\/sergey-lavrov .
  id:post\\/embassy-moscow a kg:Post ; rdfs:label "Embassy Moscow" , "AMEMBASSY MOSCOW" .
  id:tag\\/PREL a skos:Concept ; skos:notation "PREL" .
  id:tag\\/KV a skos:Concept ; skos:notation "KV" ; skos:prefLabel "Kosovo" .
  id:topic\\/iran a skos:Concept ; skos:prefLabel "Iran" ; skos:altLabel "Iranian affairs" .
  id:person\\/william-j-burns a foaf:Person ; foaf:name "William J. Burns" .
  id:person\\/frank-wisner a foaf:Person ; foaf:name "Frank Wisner" ; skos:altLabel "Wisner" .
  id:person\\/konstantin-kosachev a foaf:Person ; foaf:name "Konstantin Kosachev" ;
    org:hasMembership id:cable\\/07MOSCOW628\\/membership\\/1 .
  id:cable\\/07MOSCOW628\\/membership\\/1 a org:Membership ; org:role id:role\\/chairman .
  id:role\\/chairman a org:Role ; skos:prefLabel "Chairman" .
  id:person\\/vladimir-titov a foaf:Person ; foaf:name "Vladimir Titov" ; skos:altLabel "Titov" .
  id:person\\/martti-ahtisaari a foaf:Person ; foaf:name "Martti Ahtisaari" .
  id:person\\/sergey-lavrov a foaf:Person ; foaf:name "Sergey Lavrov" .
  id:person\\/vladimir-putin a foaf:Person ; foaf:name "Vladimir Putin" .
  id:cable\\/07MOSCOW628\\/meeting\\/1 a kg:Meeting ; kg:participant id:person\\/frank-wisner ,
    id:person\\/konstantin-kosachev , id:person\\/vladimir-titov ; kg:topic id:tag\\/KV .
  id:cable\\/07MOSCOW628\\/meeting\\/2 a kg:Meeting ;
    kg:participant id:person\\/frank-wisner , id:person\\/vladimir-putin ;
    kg:topic id:topic\\/iran .
  id:cable\\/07MOSCOW628\\/meeting\\/3 a kg:Meeting ;
    kg:participant id:person\\/sergey-lavrov , id:person\\/konstantin-kosachev ;
    kg:topic id:tag\\/KV .
}

id:graph\\/07MOSCOW700 {
  id:cable\\/07MOSCOW700 a kg:Cable ; dcterms:identifier "07MOSCOW700" ;
    dcterms:created "2007-03-01T09:00:00"^^xsd:dateTime ; kg:tag id:tag\\/PREL ;
    dcterms:references id:cable\\/07MOSCOW628 ; kg:mentions id:person\\/vladimir-titov ,
      id:cable\\/07MOSCOW700\\/person\\/titov .
  id:tag\\/PREL a skos:Concept ; skos:notation "PREL" .
  id:person\\/vladimir-titov a foaf:Person ; foaf:name "Vladimir Titov" .
  id:person\\/frank-wisner a foaf:Person ; foaf:name "Frank Wisner" .
  id:tag\\/KV a skos:Concept ; skos:notation "KV" ; skos:prefLabel "Kosovo" .
  # This cable gives the surname only: a node of its own.
  id:cable\\/07MOSCOW700\\/person\\/titov a foaf:Person ; foaf:name "Titov" .
  id:cable\\/07MOSCOW700\\/meeting\\/1 a kg:Meeting ; kg:topic id:tag\\/KV ;
    kg:participant id:person\\/frank-wisner , id:cable\\/07MOSCOW700\\/person\\/titov .
}

id:graph\\/07MOSCOW800 {
  id:cable\\/07MOSCOW800 a kg:Cable ; dcterms:identifier "07MOSCOW800" ;
    dcterms:created "2007-04-02T10:00:00"^^xsd:dateTime ;
    kg:mentions id:person\\/aleksey-arbatov , id:person\\/nadia-arbatova , id:person\\/an-ning ,
      id:person\\/frank-wisner .
  id:person\\/aleksey-arbatov a foaf:Person ; foaf:name "Aleksey Arbatov" ;
    skos:altLabel "Arbatov" .
  id:person\\/nadia-arbatova a foaf:Person ; foaf:name "Nadia Arbatova" .
  id:person\\/an-ning a foaf:Person ; foaf:name "An Ning" .
  id:person\\/frank-wisner a foaf:Person ; foaf:name "Frank Wisner" .
  id:topic\\/kosovo-status a skos:Concept ; skos:prefLabel "Kosovo's status" .
  id:cable\\/07MOSCOW800\\/meeting\\/1 a kg:Meeting ; kg:topic id:topic\\/kosovo-status ;
    kg:participant id:person\\/frank-wisner , id:person\\/aleksey-arbatov ,
      id:person\\/nadia-arbatova .
}
"""


@pytest.fixture(scope="module")
def store() -> Store:
    store = Store()
    store.load(DATA.encode(), format="trig")
    add_match_keys(store)  # what the mapping writes beside the names
    return store


def values(
    rows: list[dict[str, ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple]], key: str
) -> list[str]:
    return [str(getattr(row[key], "value", row[key])) for row in rows if key in row]


def test_every_saved_query_has_a_header_and_uses_distinct() -> None:
    saved = load_queries()
    assert set(EXAMPLES) <= set(saved)
    for query in saved.values():
        assert query.title != query.name, query.name
        assert query.description, query.name
        select = re.search(r"SELECT\s+(DISTINCT\s+)?(.*?)\s+WHERE", query.sparql, re.S)
        assert select is not None, query.name
        assert select.group(1), f"{query.name}: the union default graph repeats rows"
        projected = set(re.findall(r"\?(\w+)", select.group(2)))
        for parameter in query.parameters:
            # Oxigraph binds only projected variables; an unprojected one stays unbound.
            assert parameter.name in projected, f"{query.name}: ?{parameter.name} not in SELECT"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_saved_query_runs(store: Store, name: str) -> None:
    params, column, expected = EXAMPLES[name]
    rows = run_saved(store, name, params)
    assert expected in values(rows, column)
    for row in rows:
        assert not set(row) & set(params)  # parameter columns are left out


def test_every_rq_file_is_exercised() -> None:
    assert set(load_queries()) == set(EXAMPLES)


def test_who_met(store: Store) -> None:
    rows = run_saved(store, "who_met", {"person": "Frank Wisner", "topic": "KV"})
    # "Titov" of 07MOSCOW700 is named as the Vladimir Titov who also met Wisner.
    assert values(rows, "name") == ["Konstantin Kosachev", "Vladimir Titov"]
    # Putin met Wisner about Iran, Lavrov met Kosachev about Kosovo: neither counts.
    assert run_saved(store, "who_met", {"person": "Wisner", "topic": "Iran"})
    assert values(run_saved(store, "who_met", {"person": "Wisner", "topic": "Iran"}), "name") == [
        "Vladimir Putin"
    ]


def test_who_met_topics_match_whole_words_and_codes_whole(store: Store) -> None:
    def met(topic: str) -> list[str]:
        return values(run_saved(store, "who_met", {"person": "Wisner", "topic": topic}), "name")

    assert met("affairs") == met("IRAN") == met("iranian  AFFAIRS") == ["Vladimir Putin"]
    assert met("rs") == []  # a code, not the inside of "affairs"
    assert met("ran") == []
    assert met("kv") == ["Konstantin Kosachev", "Vladimir Titov"]
    # "Kosovo" is the label of KV and a word of "Kosovo's status"; "Kosov" is neither.
    assert met("kosovo") == [
        "Aleksey Arbatov",
        "Konstantin Kosachev",
        "Nadia Arbatova",
        "Vladimir Titov",
    ]
    assert met("status") == met("Kosovo's status") == ["Aleksey Arbatov", "Nadia Arbatova"]
    assert met("kosov") == met("osovo") == met("--") == []


def test_who_met_people_match_whole_words(store: Store) -> None:
    def met(person: str) -> list[str]:
        return values(run_saved(store, "who_met", {"person": person, "topic": "Kosovo"}), "name")

    # "Arbatov" is Aleksey Arbatov, not Nadia Arbatova: she is one of the others.
    assert met("Arbatov") == ["Frank Wisner", "Nadia Arbatova"]
    assert met("nadia arbatova") == ["Aleksey Arbatov", "Frank Wisner"]
    assert met("wisner") == met(" Frank  WISNER. ") == met("Wisner")
    assert "Frank Wisner" not in met("Wisner")
    assert met("an") == met("isner") == met("Arbat") == met("Wisner Frank") == []


def test_cables_mentioning_matches_whole_words(store: Store) -> None:
    def names(person: str) -> list[str]:
        rows = run_saved(store, "cables_mentioning", {"person": person})
        return sorted(set(values(rows, "name")))

    assert names("an") == names("AN") == ["An Ning"]  # not every name with "an" inside
    assert names("Arbatov") == ["Aleksey Arbatov"]
    assert names("arbatova") == ["Nadia Arbatova"]
    assert names("wisner") == names("Frank Wisner") == names("frank-wisner") == ["Frank Wisner"]
    assert names("vladimir") == ["Vladimir Titov"]  # a first name is a whole word too
    assert names("Titov") == ["Titov", "Vladimir Titov"]
    for nothing in ["Arbat", "isner", "rank Wisner", "Wisner Frank", "", "  ", "--", ".*"]:
        assert names(nothing) == [], nothing


def test_person_everywhere_follows_identity_links(store: Store) -> None:
    def cables(person: str) -> list[tuple[str, str]]:
        rows = run_saved(store, "person_everywhere", {"person": person})
        return list(zip(values(rows, "reference_id"), values(rows, "name"), strict=True))

    assert cables("vladimir titov") == [
        ("07MOSCOW628", "Vladimir Titov"),
        ("07MOSCOW700", "Vladimir Titov"),
    ]
    store.update(
        "INSERT DATA { GRAPH <https://w3id.org/cablegraph/id/graph/links> {"
        " <https://w3id.org/cablegraph/id/cable/07MOSCOW700/person/titov>"
        " <http://www.w3.org/2002/07/owl#sameAs>"
        " <https://w3id.org/cablegraph/id/person/vladimir-titov> } }"
    )
    try:
        assert ("07MOSCOW700", "Titov") in cables("Vladimir Titov")
        assert ("07MOSCOW628", "Vladimir Titov") in cables("titov")
    finally:
        store.drop_graph("https://w3id.org/cablegraph/id/graph/links")
    # Whole words of a name, as every query on people matches them (kg.matching).
    assert cables("Vladimir") == cables("vladimir titov")
    assert cables("Vladi") == cables("Titov Vladimir") == []


def test_people_in_cable_stays_in_the_cable(store: Store) -> None:
    rows = run_saved(store, "people_in_cable", {"cable": "07MOSCOW700"})
    assert values(rows, "name") == ["Frank Wisner", "Titov", "Vladimir Titov"]
    rows = run_saved(store, "people_in_cable", {"cable": "07MOSCOW628"})
    pairs = {(values([r], "name")[0], values([r], "role")[0]) for r in rows if "role" in r}
    assert ("Konstantin Kosachev", "Chairman") in pairs


def test_cables_by_tag_dates(store: Store) -> None:
    assert values(run_saved(store, "cables_by_tag", {"tag": "PREL"}), "reference_id") == [
        "07MOSCOW628",
        "07MOSCOW700",
    ]
    rows = run_saved(store, "cables_by_tag", {"tag": "PREL", "to": "2007-02-13"})
    assert values(rows, "reference_id") == ["07MOSCOW628"]
    assert values(rows, "origin") == ["Embassy Moscow"]


def test_who_classified(store: Store) -> None:
    [row] = run_saved(store, "who_classified", {"person": "burns"})
    assert {k: str(v.value) for k, v in row.items() if k != "created"} == {  # type: ignore[union-attr]
        "name": "William J. Burns",
        "role": "Ambassador",
        "reason": "1.4 (b, d)",
        "reference_id": "07MOSCOW628",
    }
    assert run_saved(store, "who_classified", {"person": "nobody"}) == []
    assert run_saved(store, "who_classified", {"person": "urns"}) == []  # whole words only
    assert len(run_saved(store, "who_classified", {"person": "william j. burns"})) == 1
    assert len(run_saved(store, "who_classified", {"person": "WILLIAM"})) == 1
    assert len(run_saved(store, "who_classified", {"person": ""})) == 1  # everyone


def test_values_are_bound_never_pasted(store: Store) -> None:
    before = len(store)
    for hostile in ['") } DROP ALL #', "' || true || '", "?person", "\\u0022", "(.*)", "\\"]:
        assert run_saved(store, "cables_mentioning", {"person": hostile}) == []
    assert len(store) == before


def test_parameter_errors(store: Store) -> None:
    with pytest.raises(ParameterError, match="needs --param topic"):
        run_saved(store, "who_met", {"person": "Wisner"})
    with pytest.raises(ParameterError, match="no parameter colour"):
        run_saved(store, "who_met", {"person": "Wisner", "topic": "x", "colour": "red"})
    with pytest.raises(ParameterError, match="not a valid date"):
        run_saved(store, "cables_by_tag", {"tag": "PREL", "from": "13/02/2007"})
    with pytest.raises(UnknownQuery, match="who_met"):
        run_saved(store, "who_meet", {})


def test_header_parsing(tmp_path: Path) -> None:
    text = (
        "# title: Cables between dates\n"
        "# description: What it does.\n"
        "# param: person (string) — a full name, surname or alias\n"
        "# param: since (date, default 2000-01-01) - the first day\n"
        "# param: n (integer, default 10): how many\n"
        "# param: cable (refid)\n"
        "SELECT DISTINCT ?x ?person ?since ?n ?cable WHERE { ?x ?p ?o }\n"
    )
    saved = parse_saved(text, name="between", path=tmp_path / "between.rq")
    assert saved == SavedQuery(
        name="between",
        title="Cables between dates",
        description="What it does.",
        parameters=(
            Parameter("person", "string", "a full name, surname or alias"),
            Parameter("since", "date", "the first day", "2000-01-01"),
            Parameter("n", "integer", "how many", "10"),
            Parameter("cable", "refid", ""),
        ),
        sparql=text,
        path=tmp_path / "between.rq",
    )
    bindings = saved.bindings({"person": "Titov", "cable": " 07moscow628 "})
    assert bindings["cable"] == ox.Literal("07MOSCOW628")
    assert bindings["since"] == ox.Literal(
        "2000-01-01", datatype=ox.NamedNode(queries.XSD + "date")
    )
    assert bindings["n"] == ox.Literal("10", datatype=ox.NamedNode(queries.XSD + "integer"))
    assert saved.usage() == (
        "kg query between --param person=… [--param since=…] [--param n=…] --param cable=…"
    )
    with pytest.raises(ConfigError, match="unknown type"):
        parse_saved("# param: x (colour)\nSELECT", name="bad", path=tmp_path)


def test_queries_folder(tmp_path: Path) -> None:
    assert queries.default_dir() == Path(__file__).resolve().parent.parent / "queries"
    (tmp_path / "mine.rq").write_text("# title: Mine\nSELECT DISTINCT ?s WHERE { ?s ?p ?o }\n")
    assert set(load_queries(tmp_path)) == {"mine"}
    with pytest.raises(ConfigError, match="KG_QUERIES"):
        load_queries(tmp_path / "missing")


def test_is_name() -> None:
    assert queries.is_name("who_met")
    assert queries.is_name("cables-by-tag")
    assert not queries.is_name("SELECT * WHERE { ?s ?p ?o }")
