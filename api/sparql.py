"""The SPARQL 1.1 Protocol endpoint: queries by GET and POST, updates by POST.

Requests (https://www.w3.org/TR/sparql11-protocol/):

- query: ``GET ?query=``, ``POST`` form-encoded ``query=``, or ``POST`` with
  ``Content-Type: application/sparql-query``; ``default-graph-uri`` and
  ``named-graph-uri`` (repeatable) give the dataset, overriding ``FROM`` in the query.
  Without them the default graph is the union of all graphs (every cable).
- update: ``POST`` form-encoded ``update=`` or ``application/sparql-update``, with
  ``using-graph-uri`` / ``using-named-graph-uri``; only where writes are on (``api.access``).
- variable bindings (the RDF4J, GraphDB and Stardog convention): each further parameter
  ``$name=value`` (query string or form) binds ``?name`` before the query is evaluated,
  through Oxigraph's substitutions, never by editing the text. The value is an RDF term in
  N-Triples or Turtle syntax (``"Wisner"``, ``"x"@en``, ``"2007-02-13"^^xsd:date``,
  ``<http://...>``); one that starts with neither a quote nor ``<`` is a plain string.
  Updates take no bindings. A bound variable must be projected (``kg.queries.execute``).
- ``GET`` with neither: the service description (``api.service``), or a query form for
  a browser.

Relative IRIs in queries and updates resolve against the endpoint's own URL. Answers are
negotiated by ``Accept``: SELECT and ASK as SPARQL JSON, XML, CSV or TSV; CONSTRUCT and
DESCRIBE as Turtle, N-Triples, RDF/XML, JSON-LD, N-Quads or TriG. Limits (time, size, rows)
are in ``api.runner`` and ``create_app``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse

from api import guard, html, results, service
from api.access import WriteAccess
from api.bodies import decode_utf8, media_type, read_body
from api.errors import (
    MethodNotAllowedError,
    NotAcceptableError,
    ProtocolError,
    TooLargeError,
    UnsupportedMediaError,
)
from api.isolation import ProcessPool, QueryJob
from api.negotiation import GRAPH_FORMATS, HTML, RESULT_FORMATS, Format, choose
from api.runner import Deadline, Output, Runner
from api.update_dataset import apply_using
from kg import queries
from kg.rdf.vocabulary import NAMESPACES
from kg.store import Store, Term

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"

#: Prefixes a bound value may use in Turtle syntax (``"2007-02-13"^^xsd:date``).
TERM_PREFIXES = {name: NAMESPACES[name] for name in ("xsd", "rdf", "rdfs")}
_VARIABLE = re.compile(r"^\w+$")
_PARSER_POSITION = re.compile(r"^Parser error[^:]*: |\s*\(line \d+\)$")

BoundTerm = ox.NamedNode | ox.Literal


@dataclass(frozen=True, slots=True)
class Operation:
    """One protocol operation: a query or an update, with the dataset the request gives."""

    kind: Literal["query", "update"]
    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    bindings: tuple[tuple[str, Term], ...] = ()

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


def bound_term(name: str, value: str) -> BoundTerm:
    """The term ``$name=value`` binds: N-Triples or Turtle syntax, else a plain string.

    The value is read by Oxigraph's Turtle parser as the object of one triple, and must
    come out as exactly one IRI or literal: anything more (a second object, a blank node,
    a triple term) is refused, so a value can never add to what is parsed.
    """
    if not value.startswith(('"', "'", "<", "_:")):
        return ox.Literal(value)
    subject, predicate = "urn:x-cablegraph:binding", "urn:x-cablegraph:value"
    prefixes = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in TERM_PREFIXES.items())
    document = f"{prefixes}<{subject}> <{predicate}> {value}\n."
    try:
        parsed = list(ox.parse(document.encode(), format=ox.RdfFormat.TURTLE))
    except SyntaxError as error:
        reason = _PARSER_POSITION.sub("", str(error))
        raise ProtocolError(
            f"${name}: {value!r} is not an RDF term: {reason}",
            hint='write a literal as "text", "text"@en or "2007-02-13"^^xsd:date, '
            "an IRI as <http://...>, or a plain string without quotes",
        ) from error
    if len(parsed) != 1:
        raise ProtocolError(
            f"${name}: {value!r} is more than one RDF term", hint="bind one value per variable"
        )
    term = parsed[0].object
    if not isinstance(term, ox.NamedNode | ox.Literal):
        raise ProtocolError(
            f"${name}: {value!r} is not an IRI or a literal",
            hint="a blank node or triple term bound to a variable would match nothing",
        )
    return term


def _bindings(params: Sequence[tuple[str, str]]) -> tuple[tuple[str, BoundTerm], ...]:
    """The ``$name=value`` parameters as (variable name, term), each name once."""
    bound: dict[str, BoundTerm] = {}
    for key, value in params:
        if not key.startswith("$"):
            continue
        name = key[1:]
        if not _VARIABLE.match(name):
            raise ProtocolError(
                f"{key!r} names no SPARQL variable", hint="send $name=value to bind ?name"
            )
        if name in bound:
            raise ProtocolError(f"${name} is given twice", hint="bind one value per variable")
        bound[name] = bound_term(name, value)
    return tuple(bound.items())


def _graph_iris(params: Sequence[tuple[str, str]], name: str) -> tuple[str, ...]:
    iris = tuple(value for key, value in params if key == name)
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError as error:
            raise ProtocolError(f"{name} {iri!r} is not an absolute IRI: {error}") from error
    return iris


def _operation(
    params: Sequence[tuple[str, str]], *, direct: tuple[str, str] | None = None
) -> Operation | None:
    """The operation named by ``params`` (and a body sent directly); None if there is none."""
    texts = [(key, value) for key, value in params if key in ("query", "update")]
    if direct is not None:
        texts.append(direct)
    if len(texts) > 1:
        names = ", ".join(key for key, _ in texts)
        raise ProtocolError(
            f"one request carries one query or one update, this one has: {names}",
            hint="send them as separate requests",
        )
    if not texts:
        return None
    kind, text = texts[0]
    if kind == "query":
        return Operation(
            "query",
            text,
            _graph_iris(params, "default-graph-uri"),
            _graph_iris(params, "named-graph-uri"),
            _bindings(params),
        )
    bound = [key for key, _ in params if key.startswith("$")]
    if bound:
        names = ", ".join(bound)
        raise ProtocolError(
            f"an update takes no variable bindings, this one has: {names}",
            hint="bindings apply to queries (SELECT, ASK, CONSTRUCT, DESCRIBE) only",
        )
    return Operation(
        "update",
        text,
        _graph_iris(params, "using-graph-uri"),
        _graph_iris(params, "using-named-graph-uri"),
    )


def parse_params(text: str, what: str) -> list[tuple[str, str]]:
    """Form-encoded ``text`` (a query string or a body) as pairs; 400 if it is not UTF-8."""
    try:
        return parse_qsl(text, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as error:
        raise ProtocolError(f"{what} has percent-encoded bytes that are not UTF-8") from error


async def read_operation(request: Request, max_bytes: int) -> Operation | None:
    """Read the protocol operation of ``request``; None for a GET that asks for none."""
    url_params = parse_params(request.url.query, "the query string")
    if request.method in ("GET", "HEAD"):
        if len(request.url.query) > max_bytes:
            raise TooLargeError(f"the query string is longer than {max_bytes} bytes")
        if any(key == "update" for key, _ in url_params):
            raise ProtocolError("updates cannot be sent by GET", hint="POST them")
        return _operation(url_params)
    kind, charset = media_type(request)
    body = await read_body(request, max_bytes)
    if kind == FORM:
        form = parse_params(decode_utf8(body, charset, "the form"), "the form")
        operation = _operation(url_params + form)
        if operation is None:
            raise ProtocolError("the form has no query and no update parameter")
        return operation
    if kind in (QUERY_BODY, UPDATE_BODY):
        what = "query" if kind == QUERY_BODY else "update"
        text = decode_utf8(body, charset, f"the {what}")
        return _operation(url_params, direct=(what, text))
    raise UnsupportedMediaError(
        f"cannot read a request body of type {kind or '(none given)'}",
        hint=f"send {FORM}, {QUERY_BODY} or {UPDATE_BODY}",
    )


def endpoint_url(request: Request) -> str:
    return str(request.url.replace(query="", fragment=""))


class SparqlEndpoint:
    """The ``/sparql`` request handler."""

    methods = ("GET", "HEAD", "POST")

    def __init__(
        self,
        store: Store,
        *,
        runner: Runner,
        access: WriteAccess,
        max_query_bytes: int,
        result_limit: int | None,
        processes: ProcessPool | None = None,
    ) -> None:
        """``processes``: run queries in child processes that a deadline can stop
        (``api.isolation``), else in the runner's threads."""
        self.processes = processes
        self.store = store
        self.runner = runner
        self.access = access
        self.max_query_bytes = max_query_bytes
        self.result_limit = result_limit

    async def handle(self, request: Request) -> Response:
        if request.method not in self.methods:
            raise MethodNotAllowedError(request.method, self.methods)
        operation = await read_operation(request, self.max_query_bytes)
        if operation is None:
            return self.describe(request)
        return await self.run(request, operation)

    async def run(
        self, request: Request, operation: Operation, *, hidden: Collection[str] = ()
    ) -> Response:
        """Answer ``operation`` as this endpoint would (limits, negotiation, streaming).

        ``hidden`` variables are left out of SELECT answers (a saved query's parameters).
        """
        guard.check(operation.text, operation.kind)
        if operation.kind == "update":
            return await self.update(request, operation)
        return await self.query(request, operation, hidden=hidden)

    def describe(self, request: Request) -> Response:
        offers = (*service.FORMATS, HTML)
        accept = request.headers.get("accept")
        fmt = choose(accept, offers)
        if fmt is None:
            raise NotAcceptableError(accept or "", [offer.media_type for offer in offers])
        if fmt is HTML:
            return HTMLResponse(html.query_form(endpoint_url(request)))
        body = service.description(endpoint_url(request), fmt, writable=self.access.possible)
        return Response(body, media_type=fmt.media_type, headers={"Vary": "Accept"})

    async def update(self, request: Request, operation: Operation) -> Response:
        self.access.check(request)
        text = apply_using(operation.text, operation.default_graphs, operation.named_graphs)
        base = endpoint_url(request)

        def run(deadline: Deadline) -> None:
            self.store.update(text, base_iri=base)

        await self.runner.call(run)
        return Response(status_code=204)

    async def query(
        self, request: Request, operation: Operation, *, hidden: Collection[str] = ()
    ) -> Response:
        accept = request.headers.get("accept")
        # The final choice waits for the query's form; a hopeless Accept is refused first.
        _negotiate(accept, (*RESULT_FORMATS, *GRAPH_FORMATS))
        job = QueryJob(
            text=operation.text,
            bindings=operation.bindings,
            base_iri=endpoint_url(request),
            default_graph=operation.default_graphs if operation.has_dataset else None,
            named_graphs=operation.named_graphs if operation.has_dataset else None,
            accept=accept,
            hidden=tuple(hidden),
            result_limit=self.result_limit,
        )
        chosen: list[str] = []

        def produce(deadline: Deadline, out: Output) -> None:
            if self.processes is not None:
                self.processes.run(job, deadline, out, chosen.append)
            else:
                answer(self.store, job, deadline, out, chosen.append)

        stream = await self.runner.stream(produce)
        headers = {"Vary": "Accept"}
        if self.result_limit is not None:
            headers["SPARQL-Result-Limit"] = str(self.result_limit)
        media = FORMATS_BY_NAME[chosen[0]].media_type
        if stream.done:
            return Response(stream.head, media_type=media, headers=headers)
        return StreamingResponse(stream.rest(), media_type=media, headers=headers)


FORMATS_BY_NAME = {fmt.name: fmt for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS)}


def answer(
    store: Store, job: QueryJob, deadline: Deadline, out: Output, on_format: Callable[[str], None]
) -> None:
    """Run ``job`` on ``store`` and write its answer to ``out``, naming the format first.

    The same in a worker thread and in a child process (``api.isolation``). Oxigraph's
    result iterators must stay on the thread that made them, so the query, the
    negotiation that depends on its form, and the writing all happen here.
    """
    dataset: dict[str, Any] = {}
    if job.default_graph is not None or job.named_graphs is not None:
        dataset = {
            "default_graph": list(job.default_graph or ()),
            "named_graphs": list(job.named_graphs or ()),
        }
    result = queries.execute(store, job.text, dict(job.bindings), base_iri=job.base_iri, **dataset)
    if isinstance(result, ox.QueryBoolean):
        fmt = _negotiate(job.accept, RESULT_FORMATS)
        on_format(fmt.name)
        results.write_boolean(result, fmt, out)
    elif isinstance(result, ox.QuerySolutions):
        fmt = _negotiate(job.accept, RESULT_FORMATS)
        on_format(fmt.name)
        rows = results.capped(result, deadline, job.result_limit)
        shown = _Projection([v for v in result.variables if v.value not in job.hidden])
        results.write_solutions(shown, fmt, out, rows)
    else:
        fmt = _negotiate(job.accept, GRAPH_FORMATS)
        on_format(fmt.name)
        triples = results.capped(result, deadline, job.result_limit)
        results.write_triples(triples, fmt, out, prefixes=store.prefixes())


@dataclass(frozen=True, slots=True)
class _Projection:
    """The variables of an answer that are written, where some are hidden."""

    variables: list[ox.Variable]


def _negotiate(accept: str | None, offers: Sequence[Format]) -> Format:
    fmt = choose(accept, offers)
    if fmt is None:
        raise NotAcceptableError(accept or "", [offer.media_type for offer in offers])
    return fmt
