"""Writing query answers: SELECT solutions, ASK booleans, CONSTRUCT/DESCRIBE triples.

Booleans and triples go through pyoxigraph's own serializers. SELECT solutions are
written here, one solution at a time, because pyoxigraph's results serializer consumes the
whole iterator in one call: writing them ourselves is what lets the deadline and the row
cap be checked between solutions. The four formats are small and fixed by the W3C
(SPARQL 1.1 Query Results JSON, XML, CSV and TSV); tests read our output back with
pyoxigraph's parser.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any, cast
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from api.negotiation import OX_RDF_FORMATS, OX_RESULTS_FORMATS, Format
from api.runner import Deadline, Output
from kg.errors import StoreError
from kg.rdf.vocabulary import RESULTS_NS, XSD_STRING


def capped(items: Iterable[Any], deadline: Deadline, limit: int | None) -> Iterator[Any]:
    """``items`` up to ``limit``, checking the deadline before each one.

    Oxigraph evaluates lazily, so a store failure can surface here, mid-answer: it is
    raised as the project's StoreError, not as a bare OSError.
    """
    iterator = iter(items)
    count = 0
    while limit is None or count < limit:
        deadline.check()
        try:
            item = next(iterator)
        except StopIteration:
            return
        except OSError as error:
            raise StoreError(f"the store failed while answering: {error}") from error
        yield item
        count += 1


def write_boolean(answer: ox.QueryBoolean, fmt: Format, out: Output) -> None:
    out.write(answer.serialize(format=OX_RESULTS_FORMATS[fmt.name]) or b"")


def write_triples(
    triples: Iterable[ox.Triple] | Iterable[ox.Quad],
    fmt: Format,
    out: Output,
    *,
    prefixes: dict[str, str] | None = None,
) -> None:
    # pyoxigraph only calls write() and flush(), which is all Output promises.
    output = cast(IO[bytes], out)
    ox.serialize(triples, output, OX_RDF_FORMATS[fmt.name], prefixes=prefixes or None)


def write_solutions(solutions: Any, fmt: Format, out: Output, rows: Iterable[Any]) -> None:
    """Write SELECT ``rows`` (taken from ``solutions``, which names the variables)."""
    names = [variable.value for variable in solutions.variables]
    writer = _WRITERS[fmt.name]
    writer(names, rows, out)


# -- JSON --------------------------------------------------------------------------------


def _json_term(term: Any) -> dict[str, Any]:
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
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _write_json(names: list[str], rows: Iterable[Any], out: Output) -> None:
    out.write(
        b'{"head":{"vars":'
        + json.dumps(names, separators=(",", ":")).encode()
        + b'},"results":{"bindings":['
    )
    for n, row in enumerate(rows):
        binding = {name: _json_term(row[name]) for name in names if row[name] is not None}
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


def _write_xml(names: list[str], rows: Iterable[Any], out: Output) -> None:
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


def _csv_value(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return str(term.value)
    return str(term)


def _write_csv(names: list[str], rows: Iterable[Any], out: Output) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_csv_value(row[name]) for name in names])
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


def _write_tsv(names: list[str], rows: Iterable[Any], out: Output) -> None:
    out.write(("\t".join(f"?{name}" for name in names) + "\n").encode())
    for row in rows:
        line = "\t".join(_tsv_term(row[name]) for name in names)
        out.write((line + "\n").encode())


_WRITERS = {"json": _write_json, "xml": _write_xml, "csv": _write_csv, "tsv": _write_tsv}
