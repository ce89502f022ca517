"""The protocol's using-graph-uri / using-named-graph-uri written into update text."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from api.errors import ProtocolError
from api.update_dataset import apply_using


def test_no_parameters_leave_the_update_alone() -> None:
    update = "INSERT { ?s a 1 } WHERE { ?s ?p ?o }"
    assert apply_using(update, (), ()) == update


def test_clauses_go_before_each_top_level_where() -> None:
    update = (
        "PREFIX ex: <http://e/> # a WHERE in a comment { \n"
        "INSERT DATA { ex:a ex:b 'WHERE {' } ;\n"
        'DELETE { ?s ?p ?o } INSERT { ?s ex:was "}" } WHERE { ?s ?p ?o FILTER(?o < 3) } ;\n'
        "INSERT { ?x ex:q 1 } WHERE { { SELECT ?x WHERE { ?x ?y ?z } } }"
    )
    rewritten = apply_using(update, ["http://e/g1"], ["http://e/n1", "http://e/n2"])
    clauses = "USING <http://e/g1> USING NAMED <http://e/n1> USING NAMED <http://e/n2> WHERE"
    assert rewritten.count(clauses) == 2
    assert "'WHERE {'" in rewritten
    assert "{ SELECT ?x WHERE" in rewritten
    ox.Store().update(rewritten)  # still valid SPARQL


def test_delete_where_is_expanded_to_take_using() -> None:
    rewritten = apply_using("DELETE WHERE { ?s <http://e/p> ?o }", ["http://e/g"], ())
    assert rewritten == (
        "DELETE { ?s <http://e/p> ?o } USING <http://e/g> WHERE { ?s <http://e/p> ?o }"
    )
    store = ox.Store()
    store.update("INSERT DATA { GRAPH <http://e/g> { <http://e/s> <http://e/p> 1 } }")
    store.update("INSERT DATA { <http://e/s> <http://e/p> 1 }")
    store.update(rewritten)
    assert len(store) == 1  # DELETE without GRAPH acts on the default graph only


@pytest.mark.parametrize(
    "update",
    [
        "WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "delete { ?s ?p ?o } using <http://e/g> where { ?s ?p ?o }",
    ],
)
def test_dataset_given_twice_is_an_error(update: str) -> None:
    with pytest.raises(ProtocolError, match="one way only"):
        apply_using(update, ["http://e/other"], ())


def test_keywords_in_strings_and_iris_are_not_clauses() -> None:
    update = 'INSERT DATA { <http://e/WITH> <http://e/p> """USING""" }'
    assert apply_using(update, ["http://e/g"], ()) == update


def test_shape_skips_data_blocks() -> None:
    from api.guard import shape

    measured = shape(
        "PREFIX ex: <http://e/> INSERT DATA { GRAPH ex:g { ex:a ex:b 1 . ex:c ex:d 2 } } ;\n"
        "INSERT { ?s ex:p ?o } WHERE { VALUES (?s ?o) { (ex:a 1) (ex:b 2) } ?s ?q ?o . }"
    )
    assert measured.depth == 2  # WHERE { VALUES (?s ?o) ... }
    assert measured.patterns == 1
