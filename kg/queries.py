"""Saved SPARQL queries (``queries/*.rq``) run with bound parameters.

A saved query starts with comment lines that describe it::

    # title: Who met a person about a topic
    # description: The other participants of meetings ...
    # param: person (string) — a full name, surname or alias
    # param: from (date, default 0001-01-01) — earliest creation date
    # example: person=Wisner topic=Kosovo

``example`` lines give values to try the query with (shell-style quoting for values with
spaces: ``person="Frank Wisner"``); the tests and the HTTP listing use them.

Parameter values are never pasted into the query text as text: each becomes the RDF
term of its type (``Parameter.term``), written where its variable stands as N-Triples
writes it (``kg.store.bind.substitute``, pyoxigraph's own escaped serialization, the
same as for a SPARQL server), so a value such as ``"} DROP ALL {"`` is only ever a
string to compare with, and the store plans the query knowing the value. A projected
parameter becomes ``(TERM AS ?name)``; ``run_saved`` drops those columns from the rows
it returns. Beside a string parameter ``person`` a query may name ``?person_key`` (its
match key, ``kg.matching``) and ``?person_code`` (the text in upper case), beside a
``refid`` parameter ``cable`` ``?cable_iri`` (the cable's IRI): the runner writes those
in too, so names, codes and cited cables are looked up in the store's indexes.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import ConfigError, ParameterError, QueryError, UnknownQuery
from kg.matching import bound_keys
from kg.rdf.iri import IRIs
from kg.rdf.vocabulary import XSD_NS
from kg.store import Store, Term
from kg.store.bind import substitute

XSD = XSD_NS
TYPES = ("string", "refid", "date", "datetime", "integer", "iri")
_HEADER = re.compile(r"^#\s*(\w+)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^(\w+)\s*\(([^)]*)\)\s*(?:[—–:-]+\s*)?(.*)$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")


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

    def prepared(self, params: Mapping[str, str], iris: IRIs | None = None) -> tuple[str, set[str]]:
        """The query's text with ``params`` written in, and the names of the parameter
        columns to leave out of its answers.

        Each value is written as the RDF term ``bindings`` makes of it, in N-Triples
        (``kg.store.bind.substitute``, as for a SPARQL server): the store plans the query
        with the values known, so it starts from them (a reference ID, a key) instead of
        planning for any value. Beside a string parameter ``person``, ``?person_key`` gets
        its match key and ``?person_code`` the text in upper case, where the query names
        them (``kg.matching.bound_keys``): a name is then looked up in the index. Beside
        a ``refid`` parameter ``cable``, ``?cable_iri`` gets the cable's IRI (``iris``,
        the store's): a cable that is cited but not stored is found by it."""
        bindings = self.bindings(params)
        variables = set(_VARIABLE.findall(self.sparql))
        texts = {
            name: term.value
            for name, term in bindings.items()
            if isinstance(term, ox.Literal) and term.datatype == ox.NamedNode(XSD + "string")
        }
        derived = bound_keys(texts, variables)
        terms: dict[str, Term] = {**bindings, **{k: ox.Literal(v) for k, v in derived.items()}}
        for p in self.parameters:
            term = bindings[p.name]
            if p.type == "refid" and f"{p.name}_iri" in variables and isinstance(term, ox.Literal):
                terms[f"{p.name}_iri"] = ox.NamedNode((iris or IRIs()).cable(term.value))
        return substitute(self.sparql, terms), set(bindings)

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
    sparql, hidden = saved.prepared(params, store.iris)
    solutions = execute(store, sparql)
    names = [v.value for v in solutions.variables if v.value not in hidden]
    rows: list[dict[str, Term]] = []
    for solution in solutions:
        row = {n: solution[n] for n in names if solution[n] is not None}
        rows.append(row)
    return rows


_PROLOGUE = re.compile(
    r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[\w.-]*:\s*<[^>]*>)*", re.IGNORECASE
)
_UPDATE = re.compile(
    r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE
)


def is_update(sparql: str) -> bool:
    """Whether ``sparql`` reads as a SPARQL Update (its first keyword after the prologue)."""
    start = _PROLOGUE.match(sparql)
    return bool(_UPDATE.match(sparql, start.end() if start else 0))
