"""Every export format parses with a second, independent parser and gives back the store.

pyoxigraph writes Turtle, N-Triples, N-Quads, TriG and RDF/XML: rdflib reads them back.
rdflib writes JSON-LD: pyoxigraph reads it back. Literals are compared after making
``"x"^^xsd:string`` plain, which RDF 1.1 holds equal and rdflib does not.
"""

from __future__ import annotations

import io
import json
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD

from kg import export
from kg.export import compact, to_rdflib
from kg.ingest import ingest
from kg.store import Store

# Every format through a second parser: thorough, and slow.
pytestmark = pytest.mark.slow

TRIPLE_FORMATS = {"turtle": "turtle", "nt": "nt", "rdfxml": "xml"}
QUAD_FORMATS = {"nquads": "nquads", "trig": "trig"}
EXTRA = """
@prefix ex: <https://example.org/> .
ex:thing ex:label "Moskva"@ru , "plain" , "typed"^^<http://www.w3.org/2001/XMLSchema#string> ;
    ex:count 3 ; ex:when "2007-02-13"^^<http://www.w3.org/2001/XMLSchema#date> ;
    ex:part [ ex:label "a blank node" ] .
"""


@pytest.fixture(scope="module")
def store(seed_path: Path) -> Store:
    store = Store()
    report = ingest([str(seed_path)], store)
    assert report.ingested == 4
    # A user's own data, in the default graph: language tags, numbers, a blank node.
    store.load(EXTRA.encode(), format="turtle")
    return store


def normalized(triples: Iterable[Any]) -> Graph:
    graph = Graph()
    for s, p, o in triples:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        graph.add((s, p, o))
    return graph


def of_store(store: Store, graph: str | None = None) -> Graph:
    """The store's content (all graphs merged, or one) as a normalized rdflib graph."""
    name = ox.NamedNode(graph) if graph else None
    quads = store.oxigraph.quads_for_pattern(None, None, None, name)
    return normalized(
        (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads
    )


def same(expected: Graph, got: Graph) -> None:
    if isomorphic(expected, got):
        return
    _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
    missing = sorted(only_expected.serialize(format="nt").splitlines())[:10]
    extra = sorted(only_got.serialize(format="nt").splitlines())[:10]
    pytest.fail("graphs differ\nmissing:\n" + "\n".join(missing) + "\nextra:\n" + "\n".join(extra))


def read_quads(data: bytes, fmt: str) -> dict[str, Graph]:
    """Graphs by name ("" for the default graph), as rdflib reads a quad format."""
    with warnings.catch_warnings():
        # rdflib 7.6 warns about its own Dataset internals while parsing quad formats.
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = Dataset()
        dataset.parse(data=data, format=QUAD_FORMATS[fmt])
        graphs: dict[str, Graph] = {}
        for s, p, o, g in dataset.quads():
            name = "" if g is None or g == DATASET_DEFAULT_GRAPH_ID else str(g)
            graphs.setdefault(name, Graph()).add((s, p, o))
    return {name: normalized(graph) for name, graph in graphs.items()}


def dump(store: Store, fmt: str, graph: str | None = None) -> bytes:
    output = io.BytesIO()
    export.write(store, output, format=fmt, graph=graph)
    return output.getvalue()


@pytest.mark.parametrize("fmt", sorted(TRIPLE_FORMATS))
def test_triple_formats_hold_the_union(store: Store, fmt: str) -> None:
    data = dump(store, fmt)
    got = Graph().parse(data=data, format=TRIPLE_FORMATS[fmt])
    same(of_store(store), normalized(got))


@pytest.mark.parametrize("fmt", sorted(QUAD_FORMATS))
def test_quad_formats_hold_every_graph(store: Store, fmt: str) -> None:
    graphs = read_quads(dump(store, fmt), fmt)
    assert set(graphs) == {"", *store.cable_graphs()}
    for name in store.cable_graphs():
        same(of_store(store, name), graphs[name])
    same(of_store(store), normalized(t for graph in graphs.values() for t in graph))


def test_jsonld_holds_every_graph(store: Store) -> None:
    data = dump(store, "jsonld")
    quads = list(ox.parse(data, ox.RdfFormat.JSON_LD))
    by_graph: dict[str, list[Any]] = {}
    for quad in quads:
        key = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        by_graph.setdefault(key, []).append(
            (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object))
        )
    assert set(by_graph) == {"", *store.cable_graphs()}
    for name in store.cable_graphs():
        same(of_store(store, name), normalized(by_graph[name]))
    default = store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())
    expected = normalized(
        (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in default
    )
    same(expected, normalized(by_graph[""]))


def test_jsonld_uses_the_prefixes(store: Store) -> None:
    text = dump(store, "jsonld").decode("utf-8")
    assert '"dcterms": "http://purl.org/dc/terms/"' in text
    assert '"dcterms:identifier"' in text


@pytest.mark.parametrize("fmt", [*sorted(TRIPLE_FORMATS), *sorted(QUAD_FORMATS), "jsonld"])
def test_one_cable(store: Store, fmt: str) -> None:
    name = store.iris.graph("07MOSCOW628")
    data = dump(store, fmt, graph=name)
    if fmt == "jsonld":
        parsed = ox.parse(data, ox.RdfFormat.JSON_LD)
        got = normalized(
            (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in parsed
        )
    elif fmt in QUAD_FORMATS:
        graphs = read_quads(data, fmt)
        assert set(graphs) == {name}
        got = graphs[name]
    else:
        got = normalized(Graph().parse(data=data, format=TRIPLE_FORMATS[fmt]))
    same(of_store(store, name), got)
    assert "07MOSCOW629" not in data.decode("utf-8")


def test_turtle_names_nodes_by_kind(store: Store) -> None:
    text = dump(store, "turtle").decode("utf-8")
    base = store.iris.base
    for prefix, path in [
        ("cg", ""),
        ("cable", "cable/"),
        ("person", "person/"),
        ("cgorg", "org/"),
        ("post", "post/"),
        ("tag", "tag/"),
    ]:
        assert f"@prefix {prefix}: <{base}{path}> ." in text
    assert "@prefix id:" not in text
    assert "@prefix org: <http://www.w3.org/ns/org#> ." in text  # the W3C ontology's
    assert "cable:07MOSCOW628 " in text  # a cable's node, without escapes
    assert "post:embassy-moscow" in text
    subjects = {line.split(" ", 1)[0] for line in text.splitlines() if line[:1].isalpha()}
    assert "cable:07MOSCOW628" in subjects  # cable-level nodes read cleanly, no \/ escapes
    assert any(s.startswith("post:") for s in subjects)
    assert not [s for s in subjects if s.startswith(("post:", "person:", "tag:")) and "\\" in s]


def test_jsonld_context_has_the_prefixes_and_names_graphs_with_them(store: Store) -> None:
    text = dump(store, "jsonld").decode("utf-8")
    document = json.loads(text)
    context = document["@context"]
    assert "id" not in context  # JSON-LD frontends alias id to @id
    assert context["cg"] == store.iris.base
    assert context["cable"] == store.iris.base + "cable/"
    assert context["cgorg"] == store.iris.base + "org/"
    assert {"@id": "graph:07MOSCOW628"}.items() <= next(
        g for g in document["@graph"] if g.get("@id") == "graph:07MOSCOW628"
    ).items()
    assert '"@id": "cable:07MOSCOW628"' in text


def test_compact_cuts_only_to_plain_names() -> None:
    context = {"cg": "https://x.org/id/", "cable": "https://x.org/id/cable/"}
    assert compact("https://x.org/id/cable/07MOSCOW628", context) == "cable:07MOSCOW628"
    assert compact("https://x.org/id/graph/links", context) == "https://x.org/id/graph/links"
    assert compact("https://x.org/id/links", context) == "cg:links"
    assert compact("https://x.org/id/cable/07X1/p/0", context) == "https://x.org/id/cable/07X1/p/0"
    assert compact("https://other.org/a", context) == "https://other.org/a"


def order(quad: Any) -> tuple[str, str, str]:
    """Subject, predicate (IRIs and blank node labels), object as N-Triples text."""
    subject = quad.subject
    first = f"_:{subject.value}" if isinstance(subject, ox.BlankNode) else subject.value
    return first, quad.predicate.value, str(quad.object)


def subject_blocks(text: str) -> list[str]:
    """The subjects that start a block of Turtle or TriG (``@prefix`` and graphs aside)."""
    return [
        line.split(" ", 1)[0]
        for line in text.splitlines()
        if line[:1] not in ("", "\t", " ", "@", "}") and not line.endswith("{")
    ]


@pytest.mark.parametrize("graph", [False, True])
def test_turtle_is_sorted_by_subject_predicate_object(store: Store, graph: bool) -> None:
    name = store.iris.graph("07MOSCOW628") if graph else None
    data = dump(store, "turtle", graph=name)
    statements = [order(q) for q in ox.parse(data, ox.RdfFormat.TURTLE)]
    assert statements == sorted(set(statements))  # each triple once, in order
    blocks = subject_blocks(data.decode("utf-8"))
    assert len(blocks) == len(set(blocks)) == len({s for s, _, _ in statements})
    assert data == dump(store, "turtle", graph=name)


def test_turtle_sorts_iris_not_their_brackets(store: Store) -> None:
    text = dump(store, "turtle").decode("utf-8")
    # "…/p/1" then "…/p/10": the IRI's text, not "<…/p/1>" (where ">" sorts after "0").
    first, tenth = "\ncable:07MOSCOW628\\/p\\/1 ", "\ncable:07MOSCOW628\\/p\\/10 "
    assert first in text
    assert tenth in text
    assert text.index(first) < text.index(tenth)


def test_trig_is_sorted_graph_by_graph(store: Store) -> None:
    data = dump(store, "trig")
    by_graph: dict[str, list[tuple[str, str, str]]] = {}
    names: list[str] = []
    for quad in ox.parse(data, ox.RdfFormat.TRIG):
        key = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        if not names or names[-1] != key:
            names.append(key)
        by_graph.setdefault(key, []).append(order(quad))
    assert names == ["", *sorted(store.graph_names())]  # each graph once, in order
    for statements in by_graph.values():
        assert statements == sorted(statements)
    one = store.iris.graph("07MOSCOW628")
    assert [order(q) for q in ox.parse(dump(store, "trig", graph=one), ox.RdfFormat.TRIG)] == (
        by_graph[one]
    )


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_sorted_formats_do_not_depend_on_the_order_of_loading(seed_path: Path, fmt: str) -> None:
    """The same data loaded in another order exports to the same bytes: exports diff."""
    original = Store()
    ingest([str(seed_path)], original)
    nquads = dump(original, "nquads").splitlines()
    reloaded = Store()
    reloaded.load(b"\n".join(reversed(nquads)) + b"\n", format="nquads")
    assert dump(reloaded, fmt) == dump(original, fmt)
