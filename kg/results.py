"""Query results as text for a terminal or a file: table, JSON, CSV, TSV; graphs as RDF."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Collection, Mapping
from typing import IO, Any

import pyoxigraph as ox

from kg.rdf.vocabulary import XSD_STRING
from kg.store import Term

RESULT_FORMATS = ("table", "json", "csv", "tsv")
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}


def write_results(
    result: Any,
    output: IO[str],
    *,
    format: str = "table",
    hidden: Collection[str] = (),
    prefixes: Mapping[str, str] | None = None,
) -> None:
    """Write what ``Store.query`` returned: solutions as a table, JSON, CSV or TSV (the
    SPARQL 1.1 results formats), a boolean as ``true``/``false``, triples as Turtle.
    ``hidden`` variables (bound parameters) are left out."""
    if isinstance(result, ox.QueryBoolean):
        output.write("true\n" if bool(result) else "false\n")
        return
    if isinstance(result, ox.QueryTriples):
        buffer = io.BytesIO()
        rdf_format = GRAPH_FORMATS.get(format, ox.RdfFormat.TURTLE)
        ox.serialize(result, buffer, rdf_format, prefixes=dict(prefixes or {}))
        output.write(buffer.getvalue().decode("utf-8"))
        return
    names = [v.value for v in result.variables if v.value not in hidden]
    rows = [[solution[name] for name in names] for solution in result]
    if format == "json":
        _write_json(names, rows, output)
    elif format == "csv":
        writer = csv.writer(output)
        writer.writerow(names)
        writer.writerows([plain(term) for term in row] for row in rows)
    elif format == "tsv":
        # The SPARQL TSV format writes terms in Turtle syntax, which str() of a term gives.
        output.write("\t".join("?" + name for name in names) + "\n")
        for row in rows:
            output.write("\t".join("" if term is None else str(term) for term in row) + "\n")
    else:
        _write_table(names, rows, output, prefixes or {})


def plain(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return str(term.value)


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        value = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            value["datatype"] = term.datatype.value
        return value
    return {"type": "triple", "value": str(term)}


def _write_json(names: list[str], rows: list[list[Term | None]], output: IO[str]) -> None:
    bindings = [
        {name: _json_term(term) for name, term in zip(names, row, strict=True) if term is not None}
        for row in rows
    ]
    document = {"head": {"vars": names}, "results": {"bindings": bindings}}
    output.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def _short(term: Term | None, prefixes: Mapping[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        # The longest namespace wins: the base IRI is a prefix of nothing else we declare.
        for prefix, namespace in sorted(prefixes.items(), key=lambda item: -len(item[1])):
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace) :]}"
        return f"<{term.value}>"
    return " ".join(plain(term).split())


def _write_table(
    names: list[str], rows: list[list[Term | None]], output: IO[str], prefixes: Mapping[str, str]
) -> None:
    width = 80  # a cell longer than this is cut: the table is for reading, --format for data
    cells = [[_cut(_short(term, prefixes), width) for term in row] for row in rows]
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(names)]
    output.write("  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip() + "\n")
    output.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        output.write(
            "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n"
        )
    output.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
