"""Saved SPARQL queries (``queries/*.rq``) run with bound parameters; results as text; stats.

A saved query starts with comment lines that describe it::

    # title: Who met a person about a topic
    # description: The other participants of meetings ...
    # param: person (string) — a full name, surname or alias
    # param: from (date, default 0001-01-01) — earliest creation date
    # example: person=Wisner topic=Kosovo

``example`` lines give values to try the query with (shell-style quoting for values with
spaces: ``person="Frank Wisner"``); the tests and the HTTP listing use them.

Parameter values are never pasted into the query text: they become RDF terms bound
to the variable of the same name (pyoxigraph substitutions), so a value such as
``"} DROP ALL {"`` is only ever a string to compare with. Oxigraph substitutes only
variables the SELECT projects, so each query projects its parameters too;
``run_saved`` drops those columns from the rows it returns.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg.errors import ConfigError, ParameterError, QueryError, UnknownQuery
from kg.rdf.vocabulary import XSD_NS, sparql_prefixes
from kg.store import Store, Term

XSD = XSD_NS
TYPES = ("string", "refid", "date", "datetime", "integer", "iri")
_HEADER = re.compile(r"^#\s*(\w+)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^(\w+)\s*\(([^)]*)\)\s*(?:[—–:-]+\s*)?(.*)$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


@dataclass(frozen=True, slots=True)
class Parameter:
    """One parameter of a saved query: bound to the SPARQL variable of the same name."""

    name: str
    type: str = "string"
    description: str = ""
    default: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None

    def term(self, value: str) -> Term:
        """The RDF term for a value given as text; ParameterError if it does not fit."""
        try:
            if self.type == "string":
                return ox.Literal(value)
            if self.type == "refid":
                return ox.Literal(value.strip().upper())
            if self.type == "date":
                return ox.Literal(
                    date.fromisoformat(value).isoformat(), datatype=ox.NamedNode(XSD + "date")
                )
            if self.type == "datetime":
                text = datetime.fromisoformat(value).isoformat()
                return ox.Literal(text, datatype=ox.NamedNode(XSD + "dateTime"))
            if self.type == "integer":
                return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
            return ox.NamedNode(value)
        except ValueError as error:
            raise ParameterError(
                f"parameter {self.name!r}: {value!r} is not a valid {self.type}",
                hint=self.description or None,
            ) from error


@dataclass(frozen=True, slots=True)
class SavedQuery:
    """A query file and what its header says."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    sparql: str
    path: Path
    example: tuple[tuple[str, str], ...] = ()

    @property
    def example_params(self) -> dict[str, str]:
        """The parameters of the header's ``# example:`` line, by name."""
        return dict(self.example)

    def check(self, params: Collection[str]) -> None:
        """ParameterError naming every unknown and every missing required parameter."""
        known = {p.name for p in self.parameters}
        unknown = sorted(set(params) - known)
        missing = [p.name for p in self.parameters if p.required and p.name not in params]
        problems = []
        if unknown:
            problems.append(f"has no parameter {', '.join(unknown)}")
        if missing:
            plural = "s" if len(missing) > 1 else ""
            problems.append(f"needs the parameter{plural} {', '.join(missing)}")
        if problems:
            raise ParameterError(
                f"query {self.name!r} {' and '.join(problems)}",
                hint=f"its parameters: {self.signature() or 'none'}",
            )

    def signature(self) -> str:
        """The parameters as ``person (string), from (date, default 0001-01-01)``."""
        parts = []
        for p in self.parameters:
            shown = p.default or '""'  # an empty default, shown as the empty string
            default = "" if p.default is None else f", default {shown}"
            parts.append(f"{p.name} ({p.type}{default})")
        return ", ".join(parts)

    def bindings(self, params: Mapping[str, str]) -> dict[str, Term]:
        """Terms for every parameter, from ``params`` or the defaults; rejects unknown keys."""
        known = {p.name for p in self.parameters}
        unknown = sorted(set(params) - known)
        if unknown:
            raise ParameterError(
                f"query {self.name!r} has no parameter {', '.join(unknown)}",
                hint=f"its parameters: {', '.join(sorted(known)) or 'none'}",
            )
        bindings: dict[str, Term] = {}
        for parameter in self.parameters:
            value = params.get(parameter.name, parameter.default)
            if value is None:
                raise ParameterError(
                    f"query {self.name!r} needs --param {parameter.name}=VALUE",
                    hint=parameter.description or None,
                )
            bindings[parameter.name] = parameter.term(value)
        return bindings

    def usage(self) -> str:
        params = " ".join(
            f"--param {p.name}=…" if p.required else f"[--param {p.name}=…]"
            for p in self.parameters
        )
        return f"kg query {self.name} {params}".rstrip()


def parse_saved(text: str, *, name: str, path: Path) -> SavedQuery:
    """Read the header of a query file (the leading ``#`` lines)."""
    fields: dict[str, str] = {}
    parameters: list[Parameter] = []
    example: list[tuple[str, str]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER.match(stripped)
        if match is None:
            continue
        key, value = match.group(1).lower(), match.group(2)
        if key == "param":
            parameters.append(_parameter(value, name))
        elif key == "example":
            example += _example(value, name)
        else:
            fields[key] = value
    return SavedQuery(
        name=name,
        title=fields.get("title", name),
        description=fields.get("description", ""),
        parameters=tuple(parameters),
        sparql=text,
        path=path,
        example=_checked_example(example, parameters, name),
    )


def _example(text: str, query: str) -> list[tuple[str, str]]:
    try:
        words = shlex.split(text)
    except ValueError as error:
        raise ConfigError(
            f"query {query!r}: cannot read '# example: {text}': {error}",
            hint='# example: NAME=VALUE NAME="VALUE WITH SPACES"',
        ) from error
    pairs = []
    for word in words:
        key, sep, value = word.partition("=")
        if not sep or not key:
            raise ConfigError(
                f"query {query!r}: example {word!r} is not NAME=VALUE",
                hint='# example: NAME=VALUE NAME="VALUE WITH SPACES"',
            )
        pairs.append((key, value))
    return pairs


def _checked_example(
    example: list[tuple[str, str]], parameters: list[Parameter], query: str
) -> tuple[tuple[str, str], ...]:
    known = {p.name for p in parameters}
    unknown = sorted({key for key, _ in example} - known)
    if unknown:
        raise ConfigError(
            f"query {query!r}: the example names no parameter {', '.join(unknown)}",
            hint=f"its parameters: {', '.join(sorted(known)) or 'none'}",
        )
    return tuple(example)


def _parameter(text: str, query: str) -> Parameter:
    match = _PARAM.match(text)
    if match is None:
        raise ConfigError(
            f"query {query!r}: cannot read '# param: {text}'", hint="# param: NAME (TYPE) — text"
        )
    name, spec, description = match.groups()
    kind, default = "string", None
    for part in (p.strip() for p in spec.split(",")):
        if part.startswith("default"):
            default = part[len("default") :].strip()
        elif part in TYPES:
            kind = part
        elif part:
            raise ConfigError(
                f"query {query!r}: parameter {name!r} has unknown type {part!r}",
                hint=f"one of {', '.join(TYPES)}",
            )
    return Parameter(name=name, type=kind, description=description, default=default)


def default_dir() -> Path:
    """``queries/`` at the top of the repository this package was installed from."""
    return Path(__file__).resolve().parent.parent / "queries"


def queries_dir(explicit: str | Path | None = None) -> Path:
    """The folder of saved queries: ``explicit`` (--queries-dir, $KG_QUERIES) or the default."""
    directory = Path(explicit) if explicit else default_dir()
    if not directory.is_dir():
        raise ConfigError(
            f"no saved-query folder at {directory}",
            hint="pass --queries-dir DIR or set KG_QUERIES",
        )
    return directory


def load_queries(directory: str | Path | None = None) -> dict[str, SavedQuery]:
    """Every ``*.rq`` file in ``directory``, by name (the file name without ``.rq``)."""
    folder = queries_dir(directory)
    return {
        path.stem: parse_saved(path.read_text(encoding="utf-8"), name=path.stem, path=path)
        for path in sorted(folder.glob("*.rq"))
    }


def is_name(text: str) -> bool:
    """Whether a ``kg query`` argument is a saved query's name rather than SPARQL text."""
    return bool(_NAME.match(text.strip()))


def get(name: str, directory: str | Path | None = None) -> SavedQuery:
    queries = load_queries(directory)
    if name not in queries:
        raise UnknownQuery(
            f"no saved query named {name!r}",
            hint=f"saved queries: {', '.join(sorted(queries)) or 'none'}",
        )
    return queries[name]


def execute(
    store: Store, sparql: str, bindings: Mapping[str, Term] | None = None, **options: Any
) -> Any:
    """Run SPARQL with bound values, with the binding errors pyoxigraph raises made ours.

    ``options`` go to ``Store.query`` (``base_iri``, ``default_graph``, ``named_graphs``).
    """
    try:
        return store.query(sparql, bindings=dict(bindings) if bindings else None, **options)
    except RuntimeError as error:
        raise QueryError(
            f"cannot bind the parameters: {error}",
            hint="a bound variable must be projected: in a SELECT, named in the SELECT "
            "clause; in ASK, CONSTRUCT or DESCRIBE, bound by the pattern (a FILTER alone does "
            "not bind it; VALUES ?name { UNDEF } does)",
        ) from error


def run_saved(
    store: Store, name: str, params: Mapping[str, str], *, directory: str | Path | None = None
) -> list[dict[str, Term]]:
    """Run saved query ``name`` with ``params`` bound; rows without the parameter columns."""
    saved = get(name, directory)
    bindings = saved.bindings(params)
    solutions = execute(store, saved.sparql, bindings)
    names = [v.value for v in solutions.variables if v.value not in bindings]
    rows: list[dict[str, Term]] = []
    for solution in solutions:
        row = {n: solution[n] for n in names if solution[n] is not None}
        rows.append(row)
    return rows


# -- results as text ---------------------------------------------------------------------

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
        writer.writerows([_plain(term) for term in row] for row in rows)
    elif format == "tsv":
        # The SPARQL TSV format writes terms in Turtle syntax, which str() of a term gives.
        output.write("\t".join("?" + name for name in names) + "\n")
        for row in rows:
            output.write("\t".join("" if term is None else str(term) for term in row) + "\n")
    else:
        _write_table(names, rows, output, prefixes or {})


def _plain(term: Term | None) -> str:
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
        elif term.datatype.value != XSD + "string":
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
    return " ".join(_plain(term).split())


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


# -- what the store holds ----------------------------------------------------------------

_PREFIXES = "\n" + sparql_prefixes("kg", "dcterms", "foaf", "org", "rdfs")
_COUNTS = {
    "cables": "?x a kg:Cable",
    "people": "?x a foaf:Person",
    "organizations": "?x a org:Organization FILTER NOT EXISTS { ?x a kg:Post }",
    "meetings": "?x a kg:Meeting",
}
# A post carries the release's name ("Embassy Moscow") and the routing one ("AMEMBASSY
# MOSCOW"): the key sorts the mixed-case name first so MIN picks it.
_BY_ORIGIN = """
SELECT ?post (MIN(?key) AS ?label) (COUNT(DISTINCT ?cable) AS ?n) WHERE {
  ?cable a kg:Cable ; kg:origin ?post . ?post rdfs:label ?name .
  BIND(CONCAT(IF(UCASE(STR(?name)) = STR(?name), "1", "0"), STR(?name)) AS ?key)
} GROUP BY ?post ORDER BY DESC(?n) ?label
"""
_BY_YEAR = """
SELECT ?year (COUNT(DISTINCT ?cable) AS ?n) WHERE {
  ?cable a kg:Cable ; dcterms:created ?created . BIND(YEAR(?created) AS ?year)
} GROUP BY ?year ORDER BY ?year
"""


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts of what a store holds."""

    cables: int
    quads: int
    graphs: int
    people: int
    organizations: int
    meetings: int
    by_origin: tuple[tuple[str, int], ...]
    by_year: tuple[tuple[int, int], ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "cables": self.cables,
            "triples": self.quads,
            "graphs": self.graphs,
            "people": self.people,
            "organizations": self.organizations,
            "meetings": self.meetings,
            "by_origin": dict(self.by_origin),
            "by_year": {str(year): n for year, n in self.by_year},
        }

    def text(self) -> str:
        lines = [
            f"cables         {self.cables}",
            f"triples        {self.quads}",
            f"graphs         {self.graphs}",
            f"people         {self.people}",
            f"organizations  {self.organizations}",
            f"meetings       {self.meetings}",
        ]
        if self.by_origin:
            lines.append("by origin:")
            lines += [f"  {n:>7}  {origin}" for origin, n in self.by_origin]
        if self.by_year:
            lines.append("by year:")
            lines += [f"  {n:>7}  {year}" for year, n in self.by_year]
        return "\n".join(lines)


def stats(store: Store) -> Stats:
    """Count cables, triples (quads), graphs, people, organizations and meetings."""

    def count(pattern: str) -> int:
        rows = store.select(f"{_PREFIXES} SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")
        return int(_plain(rows[0]["n"])) if rows else 0

    counts = {name: count(pattern) for name, pattern in _COUNTS.items()}
    by_origin = tuple(
        (_plain(row["label"])[1:], int(_plain(row["n"])))
        for row in store.select(_PREFIXES + _BY_ORIGIN)
        if "label" in row
    )
    by_year = tuple(
        (int(_plain(row["year"])), int(_plain(row["n"])))
        for row in store.select(_PREFIXES + _BY_YEAR)
        if "year" in row
    )
    return Stats(
        cables=counts["cables"],
        quads=len(store),
        graphs=sum(1 for _ in store.cable_graphs()),
        people=counts["people"],
        organizations=counts["organizations"],
        meetings=counts["meetings"],
        by_origin=by_origin,
        by_year=by_year,
    )
