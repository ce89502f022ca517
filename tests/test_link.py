"""kg.link: people named by surname alone linked to full names across cables, and why."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import cli
from kg.link import (
    SAME_AS_THRESHOLD,
    Link,
    Name,
    Title,
    link_people,
    link_triples,
    links_graph,
    relink,
    write_links,
)
from kg.model import Cable, Entity, Extraction, Role
from kg.queries import run_saved
from kg.rdf.iri import IRIs
from kg.rdf.mapping import graph_iri, triples
from kg.store import Store
from kg.validate import validate
from tests.builders import linking_cable as cable

IRIS = IRIs("https://example.org/id/")
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
QUERIES = Path(__file__).resolve().parent.parent / "queries"


def person(name: str, *roles: Role, local: bool = False, confidence: float = 1.0) -> Entity:
    """A person entity: by full name (global), or by surname alone (cable-local)."""
    return Entity(
        key=name.lower().replace(" ", "-"),
        kind="person",
        name=name,
        roles=roles,
        global_id=None if local else name,
        confidence=confidence,
    )


def store_of(*cables: tuple[Cable, Extraction]) -> Store:
    store = Store(iris=IRIS)
    for made, extraction in cables:
        store.replace_graph(graph_iri(made, IRIS), triples(made, extraction, iris=IRIS))
    return store


def local(reference_id: str, name: str) -> str:
    return IRIS.person(None, reference_id=reference_id, local=name.lower())


def full(name: str) -> str:
    return IRIS.person(name, reference_id="", local="")


DFM = Role("Deputy Foreign Minister", country="RS")
TITOV_627 = cable("07MOSCOW627", person("Vladimir Titov", DFM))
TITOV_628 = cable("07MOSCOW628", person("Titov", Role("DFM"), local=True))


def by_pair(links: list[Link]) -> dict[tuple[str, str], Link]:
    return {(link.local_iri, link.global_iri): link for link in links}


# -- names and titles ------------------------------------------------------------------------


def test_names_fold_accents_case_honorifics_and_suffixes() -> None:
    assert Name.of("Charles W. Larson, Jr.") == Name("larson", ("charles", "w"))
    assert Name.of("Mrs. Borrel") == Name("borrel", (), "f")
    assert Name.of("Jorge del Castillo") == Name("castillo", ("jorge",))
    assert Name.of("Aleksey ARBATOV") == Name("arbatov", ("aleksey",))
    assert Name.of("Nadia Arbátova") == Name("arbatova", ("nadia",))
    assert Name.of("  ") is None


@pytest.mark.parametrize(
    ("a", "b", "same", "fits"),
    [
        ("DFM", "Deputy Foreign Minister", True, True),
        ("Minister of Foreign Affairs", "Foreign Minister", True, True),
        ("Pol Counselor", "Political Counselor", True, True),
        ("Deputy Minister", "Deputy Foreign Minister", False, True),
        ("Special Envoy", "Special Envoy for Kosovo", False, True),
        ("Foreign Minister", "Deputy Foreign Minister", False, False),
        ("Ambassador", "Deputy Foreign Minister", False, False),
    ],
)
def test_titles_compare_with_abbreviations_expanded(a: str, b: str, same: bool, fits: bool) -> None:
    title_a, title_b = Title.of(a), Title.of(b)
    assert title_a is not None
    assert title_b is not None
    assert title_a.same(title_b) is same
    assert title_a.fits(title_b) is fits


def test_an_honorific_is_not_a_title() -> None:
    assert Title.of("Mr.") is None


# -- linking -----------------------------------------------------------------------------------


def test_dfm_titov_is_vladimir_titov() -> None:
    links = link_people(store_of(TITOV_627, TITOV_628))
    assert [(x.local_iri, x.global_iri) for x in links] == [
        (local("07MOSCOW628", "Titov"), full("Vladimir Titov"))
    ]
    (link,) = links
    assert link.same_as
    assert link.confidence >= 0.9
    assert any("same role: DFM / Deputy Foreign Minister" in r for r in link.reasons)
    assert any("same year" in r for r in link.reasons)
    assert any("Embassy Moscow" in r for r in link.reasons)


def test_arbatov_is_never_arbatova() -> None:
    store = store_of(
        cable(
            "07MOSCOW628",
            person("Aleksey Arbatov", Role("Director")),
            person("Nadia Arbatova", Role("Director")),
        ),
        cable("07MOSCOW700", person("Arbatov", Role("Director"), local=True)),
    )
    links = link_people(store, min_confidence=0.0)
    assert [x.global_iri for x in links] == [full("Aleksey Arbatov")]
    assert links[0].same_as


def test_two_popovs_leave_a_surname_alone_ambiguous() -> None:
    store = store_of(
        cable("07MOSCOW626", person("Popov", Role("South Ossetia negotiator"), local=True)),
        cable("07MOSCOW700", person("Oleg Popov")),
        cable("07MOSCOW701", person("Ivan Popov")),
    )
    assert link_people(store) == []  # nothing reaches even the default minimum
    links = link_people(store, min_confidence=0.0)
    assert {x.global_iri for x in links} == {full("Oleg Popov"), full("Ivan Popov")}
    assert not any(x.same_as for x in links)
    assert all(any(r.startswith("ambiguous") for r in x.reasons) for x in links)


def test_a_clearly_better_candidate_still_links() -> None:
    store = store_of(
        TITOV_627,
        TITOV_628,
        cable(
            "72TEHRAN5055",
            person("Pavel Titov", Role("Colonel")),
            origin="Embassy Tehran",
            year=1972,
            tags=("IR",),
        ),
    )
    pairs = by_pair(link_people(store, min_confidence=0.0))
    best = pairs[(local("07MOSCOW628", "Titov"), full("Vladimir Titov"))]
    other = pairs[(local("07MOSCOW628", "Titov"), full("Pavel Titov"))]
    assert best.same_as
    assert not other.same_as
    assert any("fit less well" in r for r in best.reasons)


def test_conflicting_roles_lower_the_confidence_below_the_threshold() -> None:
    ambassador = cable("07MOSCOW628", person("Titov", Role("Ambassador"), local=True))
    (link,) = link_people(store_of(TITOV_627, ambassador), min_confidence=0.0)
    assert link.confidence < SAME_AS_THRESHOLD
    assert any(
        r.startswith("conflicting roles: Ambassador / Deputy Foreign Minister")
        for r in link.reasons
    )
    compatible = cable("07MOSCOW628", person("Titov", Role("Deputy Minister"), local=True))
    (better,) = link_people(store_of(TITOV_627, compatible))
    assert better.confidence > link.confidence


def test_conflicting_given_names_and_genders_lower_the_confidence() -> None:
    store = store_of(
        cable("08PARIS1568", person("Bernard Borrel", Role("Mr."))),
        cable("08PARIS1600", person("Mrs. Borrel", local=True)),
        cable("08PARIS1601", person("S. Borrel", local=True)),
    )
    assert link_people(store) == []


def test_the_same_cable_naming_both_apart_keeps_them_apart() -> None:
    store = store_of(
        cable("08PARIS1568", person("Bernard Borrel"), person("Borrel", local=True)),
    )
    (link,) = link_people(store, min_confidence=0.0)
    assert not link.same_as
    assert "the same cable names both, apart (-0.40)" in link.reasons


def test_full_names_that_differ_by_a_middle_initial() -> None:
    ambassador = Role("Ambassador", country="US")
    store = store_of(
        cable("07MOSCOW627", person("William J. Burns", ambassador)),
        cable("07MOSCOW700", person("William Burns", ambassador)),
        cable("07MOSCOW701", person("Wilma K. Burns")),
    )
    links = link_people(store, min_confidence=0.0)
    assert [(x.local_iri, x.global_iri) for x in links] == [
        (full("William Burns"), full("William J. Burns"))
    ]
    assert links[0].same_as
    assert links[0].reasons[0].startswith("names differ only by a middle name")


def test_conflicting_middle_initials_are_not_linked() -> None:
    store = store_of(
        cable("07MOSCOW627", person("William J. Burns")),
        cable("07MOSCOW700", person("William K. Burns")),
    )
    assert link_people(store, min_confidence=0.0) == []


def test_linked_full_names_do_not_make_a_surname_ambiguous() -> None:
    ambassador = Role("Ambassador", country="US")
    store = store_of(
        cable("07MOSCOW627", person("William J. Burns", ambassador)),
        cable("07MOSCOW700", person("William Burns", ambassador)),
        cable("07MOSCOW701", person("Burns", ambassador, local=True)),
    )
    pairs = by_pair(link_people(store))
    assert pairs[(local("07MOSCOW701", "Burns"), full("William J. Burns"))].same_as
    assert pairs[(local("07MOSCOW701", "Burns"), full("William Burns"))].same_as


def test_linking_is_deterministic() -> None:
    cables = [TITOV_627, TITOV_628, cable("07MOSCOW700", person("Oleg Popov"))]
    first = link_people(store_of(*cables), min_confidence=0.0)
    again = link_people(store_of(*reversed(cables)), min_confidence=0.0)
    assert first == again
    assert link_triples(first, iris=IRIS) == link_triples(again, iris=IRIS)


# -- the links graph -----------------------------------------------------------------------


def graph_triples(store: Store, graph: str) -> set[ox.Triple]:
    quads = store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


def test_relink_writes_same_as_and_a_scored_link_node() -> None:
    store = store_of(TITOV_627, TITOV_628)
    (link,) = relink(store)
    graph = links_graph(IRIS)
    assert graph == "https://example.org/id/graph/links"
    written = graph_triples(store, graph)
    source, target = ox.NamedNode(link.local_iri), ox.NamedNode(link.global_iri)
    assert ox.Triple(source, ox.NamedNode(OWL_SAME_AS), target) in written
    rows = store.select(
        f"""PREFIX kg: <https://w3id.org/cablegraph/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?confidence (COUNT(?note) AS ?notes) WHERE {{ GRAPH ?g {{
          ?link a kg:IdentityLink ; kg:linkSource {source} ; kg:linkTarget {target} ;
                kg:confidence ?confidence ; skos:note ?note }} }} GROUP BY ?confidence"""
    )
    assert [float(str(getattr(row["confidence"], "value", ""))) for row in rows] == [
        link.confidence
    ]
    conforms, text = validate(written)
    assert conforms, text


def test_relink_replaces_the_graph_and_follows_a_changed_cable() -> None:
    store = store_of(TITOV_627, TITOV_628)
    relink(store)
    before = graph_triples(store, links_graph(IRIS))
    relink(store)
    assert graph_triples(store, links_graph(IRIS)) == before
    # 07MOSCOW628 is ingested again, now calling its Titov an ambassador: no sameAs any more.
    made, _ = TITOV_628
    changed = Extraction("07MOSCOW628", (person("Titov", Role("Ambassador"), local=True),))
    store.replace_graph(graph_iri(made, IRIS), triples(made, changed, iris=IRIS))
    assert not any(x.same_as for x in relink(store, min_confidence=0.0))
    after = graph_triples(store, links_graph(IRIS))
    assert not any(str(x.predicate.value) == OWL_SAME_AS for x in after)


def test_links_of_an_empty_store_are_an_empty_graph() -> None:
    store = Store(iris=IRIS)
    assert relink(store) == []
    write_links(store, [])
    assert graph_triples(store, links_graph(IRIS)) == set()


# -- the real cables ---------------------------------------------------------------------------


def test_the_seed_links_dfm_titov_to_vladimir_titov(linked_seed_store: Store) -> None:
    iris = linked_seed_store.iris
    links = by_pair(link_people(linked_seed_store))
    titov = (
        f"{iris.base}cable/07MOSCOW628/person/person-titov",
        f"{iris.base}person/vladimir-titov",
    )
    assert links[titov].same_as
    assert not any("arbatova" in x.global_iri for x in links.values())


def test_person_everywhere_follows_same_as(linked_seed_store: Store) -> None:
    def cables(name: str) -> list[tuple[str, str]]:
        rows = run_saved(
            linked_seed_store, "person_everywhere", {"person": name}, directory=QUERIES
        )
        return [
            (str(getattr(r["reference_id"], "value", "")), str(getattr(r["name"], "value", "")))
            for r in rows
        ]

    assert cables("Vladimir Titov") == [("07MOSCOW627", "Vladimir Titov"), ("07MOSCOW628", "Titov")]
    assert cables("titov") == cables("Vladimir Titov")
    assert ("07MOSCOW628", "Frank Wisner") in cables("Wisner")
    # Whole words, never a stem: Arbatov is Aleksey's alias, not Nadia Arbatova's surname.
    assert [name for _, name in cables("Arbatov")] == ["Aleksey Arbatov"]
    assert [name for _, name in cables("Arbatova")] == ["Nadia Arbatova"]


# -- the command line ------------------------------------------------------------------------


@pytest.mark.slow
def test_kg_link_writes_the_links_graph(
    seed_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "store")
    assert cli.main(["--store", store, "ingest", str(seed_path)]) == 0
    capsys.readouterr()
    assert cli.main(["--store", store, "link"]) == 0
    out = capsys.readouterr().out
    titov = "cable/07MOSCOW628/person/person-titov  https://w3id.org/cablegraph/id/person/vladimir-titov"
    assert any(line.endswith(titov) and "sameAs" in line for line in out.splitlines())
    assert out.splitlines()[-1].startswith("linked ")
    assert cli.main(["--store", store, "link", "--min-confidence", "0.99"]) == 0
    assert capsys.readouterr().out.splitlines() == ["linked 0, sameAs 0"]
    with pytest.raises(SystemExit):
        cli.main(["--store", store, "link", "--min-confidence", "2"])


@pytest.mark.slow
def test_kg_ingest_link_relinks_after_a_batch_that_stored_something(
    seed_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "store")
    assert cli.main(["--store", store, "ingest", "--link", str(seed_path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("linked ")
    assert cli.main(["--store", store, "ingest", "--link", str(seed_path)]) == 0
    assert "linked" not in capsys.readouterr().out  # nothing changed, nothing to redo
    opened = Store(store, read_only=True)
    assert any(link.same_as for link in link_people(opened))
    assert links_graph(opened.iris) in set(opened.graph_names())
    assert links_graph(opened.iris) not in set(opened.cable_graphs())


@pytest.mark.slow
def test_kg_ingest_links_by_default_and_no_link_skips(
    seed_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    linked, unlinked = str(tmp_path / "linked"), str(tmp_path / "unlinked")
    assert cli.main(["--store", linked, "ingest", str(seed_path)]) == 0
    assert cli.main(["--store", unlinked, "ingest", "--no-link", str(seed_path)]) == 0
    out = capsys.readouterr().out
    assert "linked" not in out  # the count is printed when --link is asked for by name
    opened = Store(linked, read_only=True)
    assert links_graph(opened.iris) in set(opened.graph_names())
    assert any(link.same_as for link in link_people(opened))
    assert len(list(opened.cable_graphs())) == 4
    assert links_graph(opened.iris) not in set(Store(unlinked, read_only=True).graph_names())
    # Only a batch that stored something redoes the links.
    assert cli.main(["--store", unlinked, "ingest", str(seed_path)]) == 0
    assert links_graph(opened.iris) not in set(Store(unlinked, read_only=True).graph_names())
