"""Query answers written out: the one writer behind ``kg query`` and the HTTP endpoints.

SELECT solutions go out in the four W3C formats (SPARQL 1.1 Query Results JSON, XML,
CSV and TSV), one solution at a time, so that a caller can check a deadline or cut the
rows between solutions (``api.results``); a terminal also gets a table, its IRIs cut
short by the store's prefixes (``vocabulary.compact``). Booleans and triples go through
pyoxigraph's own serializers. Everything is written as bytes to anything with ``write``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import IO, Any, Protocol
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.rdf.vocabulary import RESULTS_NS, XSD_STRING, compact
from kg.store import Term

#: The formats of SELECT answers: the W3C four, and a table for a terminal.
SOLUTION_FORMATS = ("json", "xml", "csv", "tsv")
RESULT_FORMATS = ("table", "json", "csv", "tsv")
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}


class Output(Protocol):
    """Where answers are written: a binary file, a response stream."""

    def write(self, data: bytes, /) -> Any: ...


#: A row of a SELECT answer: the term bound to each variable, None if unbound.
Row = Mapping[str, Any]


def write_solutions(names: list[str], rows: Iterable[Row], format: str, out: Output) -> None:
    """Write SELECT ``rows`` over the variables ``names`` in one of ``SOLUTION_FORMATS``."""
    _WRITERS[format](names, rows, out)


# -- JSON --------------------------------------------------------------------------------


def json_term(term: Any) -> dict[str, Any]:
    """A term as the SPARQL 1.1 Query Results JSON Format writes it."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        encoded: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            encoded["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            encoded["datatype"] = term.datatype.value
        return encoded
    return {
        "type": "triple",
        "value": {
            "subject": json_term(term.subject),
            "predicate": json_term(term.predicate),
            "object": json_term(term.object),
        },
    }


def _write_json(names: list[str], rows: Iterable[Row], out: Output) -> None:
    out.write(
        b'{"head":{"vars":'
        + json.dumps(names, separators=(",", ":")).encode()
        + b'},"results":{"bindings":['
    )
    for n, row in enumerate(rows):
        binding = {name: json_term(row[name]) for name in names if row[name] is not None}
        out.write(
            (b"," if n else b"")
            + json.dumps(binding, ensure_ascii=False, separators=(",", ":")).encode()
        )
    out.write(b"]}}")


# -- XML ---------------------------------------------------------------------------------


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            datatype = quoteattr(term.datatype.value)
            return f"<literal datatype={datatype}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject>"
        f"<predicate>{_xml_term(term.predicate)}</predicate>"
        f"<object>{_xml_term(term.object)}</object></triple>"
    )


def _write_xml(names: list[str], rows: Iterable[Row], out: Output) -> None:
    head = "".join(f"<variable name={quoteattr(name)}/>" for name in names)
    out.write(
        f'<?xml version="1.0"?>\n<sparql xmlns="{RESULTS_NS}"><head>{head}</head><results>'.encode()
    )
    for row in rows:
        bindings = "".join(
            f"<binding name={quoteattr(name)}>{_xml_term(row[name])}</binding>"
            for name in names
            if row[name] is not None
        )
        out.write(f"<result>{bindings}</result>".encode())
    out.write(b"</results></sparql>\n")


# -- CSV and TSV -------------------------------------------------------------------------


def plain(term: Term | None) -> str:
    """A term as CSV writes it: the value alone (a blank node as ``_:id``)."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return str(term.value)
    return str(term)


def _write_csv(names: list[str], rows: Iterable[Row], out: Output) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([plain(row[name]) for name in names])
        if text.tell() > 8192:
            out.write(text.getvalue().encode())
            text.seek(0)
            text.truncate()
    out.write(text.getvalue().encode())


def _tsv_term(term: Any) -> str:
    # N-Triples syntax (what str() of a pyoxigraph term gives) escapes tabs and newlines;
    # a triple term needs the RDF 1.2 brackets that str() of a Triple leaves out.
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        parts = (_tsv_term(term.subject), _tsv_term(term.predicate), _tsv_term(term.object))
        return f"<<( {' '.join(parts)} )>>"
    return str(term)


def _write_tsv(names: list[str], rows: Iterable[Row], out: Output) -> None:
    out.write(("\t".join(f"?{name}" for name in names) + "\n").encode())
    for row in rows:
        line = "\t".join(_tsv_term(row[name]) for name in names)
        out.write((line + "\n").encode())


_WRITERS: dict[str, Callable[[list[str], Iterable[Row], Output], None]] = {
    "json": _write_json,
    "xml": _write_xml,
    "csv": _write_csv,
    "tsv": _write_tsv,
}


# -- for a terminal ------------------------------------------------------------------------


class _Text:
    """An ``Output`` over a text stream (whole rows are written at a time, so each chunk
    decodes on its own)."""

    def __init__(self, output: IO[str]) -> None:
        self.output = output

    def write(self, data: bytes, /) -> int:
        return self.output.write(data.decode("utf-8"))


def write_results(
    result: Any,
    output: IO[str],
    *,
    format: str = "table",
    hidden: Collection[str] = (),
    prefixes: Mapping[str, str] | None = None,
) -> None:
    """Write what ``Store.query`` returned to a text stream (``kg query``): solutions as a
    table or in a W3C format, a boolean as ``true``/``false``, triples as Turtle or
    N-Triples. ``hidden`` variables (bound parameters) are left out."""
    if isinstance(result, ox.QueryBoolean):
        output.write("true\n" if bool(result) else "false\n")
        return
    if not isinstance(result, ox.QuerySolutions):  # triples: pyoxigraph's, or a server's
        buffer = io.BytesIO()
        rdf_format = GRAPH_FORMATS.get(format, ox.RdfFormat.TURTLE)
        ox.serialize(result, buffer, rdf_format, prefixes=dict(prefixes or {}))
        output.write(buffer.getvalue().decode("utf-8"))
        return
    names = [v.value for v in result.variables if v.value not in hidden]
    if format == "json":
        # The same document as over HTTP, indented for a person reading a terminal.
        buffer = io.BytesIO()
        write_solutions(names, result, format, buffer)
        document = json.loads(buffer.getvalue())
        output.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return
    if format in SOLUTION_FORMATS:
        write_solutions(names, result, format, _Text(output))
        return
    rows = [[solution[name] for name in names] for solution in result]
    _write_table(names, rows, output, prefixes or {})


def _short(term: Term | None, prefixes: Mapping[str, str]) -> str:
    if isinstance(term, ox.NamedNode):
        return compact(term.value, prefixes) or f"<{term.value}>"
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
