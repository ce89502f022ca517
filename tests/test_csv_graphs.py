"""The bundled cables written as a ``cables.csv`` dump ingest to the graphs of the originals.

The dump's layout (8 columns, no header row, backslash-escaped quotes, multi-line fields) is
written with the parser's own writer; every cable graph built from the dump must equal the
one built from the original file, but for the provenance triples that name the source and
the release date, which the dump has no column for.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.ingest import ingest
from kg.model import RawRecord
from kg.parse import parse
from kg.rdf.vocabulary import KG
from kg.sources import expand, read, write_record
from kg.store import Store

PROVENANCE = {
    str(p) for p in (KG.sourceFile, KG.recordPosition, KG.sourceFormat, KG.checksum, KG.rawText)
} | {str(KG.released)}  # the dump has no release-date column


def _graphs(store: Store) -> dict[str, set[str]]:
    """Each cable graph as a set of N-Triples lines, provenance left out."""
    graphs: dict[str, set[str]] = {}
    for graph in store.cable_graphs():
        triples = store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        graphs[graph] = {str(q.triple) for q in triples if q.predicate.value not in PROVENANCE}
    return graphs


@pytest.mark.slow
def test_a_dump_built_from_the_cables_ingests_to_the_same_graphs(
    tmp_path: Path, sample_dir: Path, seed_path: Path
) -> None:
    paths = [str(seed_path), *(str(p) for p in expand([str(sample_dir)]))]
    dump = tmp_path / "cables.csv"
    with dump.open("w", encoding="utf-8", newline="") as out:
        number = 0
        for path in paths:
            for record in read(path):
                assert isinstance(record, RawRecord)
                number += 1
                write_record(out, record, parse(record), record_id=number)

    originals, from_dump = Store(), Store()
    first = ingest(paths, originals)
    second = ingest([str(dump)], from_dump)
    assert not first.rejected
    assert not second.rejected
    expected, got = _graphs(originals), _graphs(from_dump)
    assert len(expected) == 34
    assert sorted(got) == sorted(expected)
    for graph, triples in expected.items():
        assert got[graph] == triples, (
            f"{graph}: only in the original: {sorted(triples - got[graph])[:3]}; "
            f"only from the dump: {sorted(got[graph] - triples)[:3]}"
        )
