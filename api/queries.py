"""Saved queries over HTTP: the list at ``/queries``, each one run at ``/queries/{name}``.

    GET /queries                the saved queries (name, title, description, parameters,
                                an example): JSON, or HTML for a browser
    GET|POST /queries/{name}    run one, its parameters (query string or form) bound with
                                the types its header gives; answered as /sparql answers
    GET /queries/{name}.rq      the query's text, as application/sparql-query

Parameters are checked against the header (unknown or missing ones are a 400 that names
them), turned into RDF terms by ``kg.queries`` and bound, never pasted into the text. The
query then takes the /sparql endpoint's own path (``SparqlEndpoint.run``): the same limits,
content negotiation and streaming. The parameter columns a saved query projects (Oxigraph
binds projected variables only) are left out of the answer, as ``kg query`` leaves them.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote, urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from api.bodies import decode_utf8, media_type, read_body
from api.errors import (
    MethodNotAllowedError,
    NotAcceptableError,
    NotFoundError,
    ProtocolError,
    TooLargeError,
    UnsupportedMediaError,
)
from api.html import page
from api.negotiation import HTML, Format, choose
from api.sparql import FORM, QUERY_BODY, Operation, SparqlEndpoint, parse_params
from kg.queries import Parameter, SavedQuery

LIST_JSON = Format("json", "application/json")
LIST_FORMATS = (LIST_JSON, HTML)


def describe(saved: SavedQuery) -> dict[str, Any]:
    """What ``GET /queries`` says of one saved query."""
    return {
        "name": saved.name,
        "title": saved.title,
        "description": saved.description,
        "parameters": [
            {
                "name": parameter.name,
                "type": parameter.type,
                "required": parameter.required,
                "default": parameter.default,
                "description": parameter.description,
            }
            for parameter in saved.parameters
        ],
        "example": saved.example_params,
        "url": f"/queries/{quote(saved.name)}",
        "text": f"/queries/{quote(saved.name)}.rq",
    }


class SavedQueries:
    """Request handlers for ``/queries``: ``saved`` by name, run through ``sparql``."""

    methods = ("GET", "HEAD", "POST")

    def __init__(
        self, saved: Mapping[str, SavedQuery], *, sparql: SparqlEndpoint, max_query_bytes: int
    ) -> None:
        self.saved = dict(saved)
        self.sparql = sparql
        self.max_query_bytes = max_query_bytes

    def _get(self, name: str) -> SavedQuery:
        if name not in self.saved:
            raise NotFoundError(
                f"no saved query named {name!r}",
                hint=f"saved queries: {', '.join(sorted(self.saved)) or 'none'} (see /queries)",
            )
        return self.saved[name]

    async def listing(self, request: Request) -> Response:
        accept = request.headers.get("accept")
        fmt = choose(accept, LIST_FORMATS)
        if fmt is None:
            raise NotAcceptableError(accept or "", [offer.media_type for offer in LIST_FORMATS])
        queries = [self.saved[name] for name in sorted(self.saved)]
        headers = {"Vary": "Accept"}
        if fmt is HTML:
            return HTMLResponse(listing_html(queries), headers=headers)
        return JSONResponse({"queries": [describe(saved) for saved in queries]}, headers=headers)

    async def text(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            raise MethodNotAllowedError(request.method, ("GET", "HEAD"))
        saved = self._get(request.path_params["name"])
        return Response(saved.sparql, media_type=QUERY_BODY)

    async def run(self, request: Request) -> Response:
        if request.method not in self.methods:
            raise MethodNotAllowedError(request.method, self.methods)
        saved = self._get(request.path_params["name"])
        params = _single(await self._params(request))
        saved.check(params)
        sparql, hidden = saved.prepared(params, self.sparql.store.iris)
        return await self.sparql.run(request, Operation("query", sparql), hidden=hidden)

    async def _params(self, request: Request) -> list[tuple[str, str]]:
        """The query string's parameters, and a POSTed form's."""
        if len(request.url.query) > self.max_query_bytes:
            raise TooLargeError(f"the query string is longer than {self.max_query_bytes} bytes")
        params = parse_params(request.url.query, "the query string")
        if request.method != "POST":
            return params
        kind, charset = media_type(request)
        body = await read_body(request, self.max_query_bytes)
        if kind == FORM:
            return params + parse_params(decode_utf8(body, charset, "the form"), "the form")
        if kind or body:
            raise UnsupportedMediaError(
                f"cannot read a request body of type {kind or '(none given)'}",
                hint=f"send the parameters as {FORM}, or in the query string",
            )
        return params


def _single(params: Sequence[tuple[str, str]]) -> dict[str, str]:
    values: dict[str, str] = {}
    for key, value in params:
        if key in values:
            raise ProtocolError(f"parameter {key} is given twice", hint="give each one once")
        values[key] = value
    return values


def _e(text: object) -> str:
    return html.escape(str(text))


def _requirement(parameter: Parameter) -> str:
    if parameter.default is None:
        return "required"
    return "default " + _e(parameter.default or '""')


def listing_html(queries: Sequence[SavedQuery]) -> str:
    """The list for a browser: each query with a form prefilled with its example."""
    items = []
    for saved in queries:
        url = f"/queries/{quote(saved.name)}"
        example = saved.example_params
        inputs = "".join(
            f'<label>{_e(p.name)} <input name="{_e(p.name)}" '
            f'value="{_e(example.get(p.name, p.default or ""))}"'
            f"{' required' if p.required else ''}></label> "
            for p in saved.parameters
        )
        rows = "".join(
            f"<tr><td><code>{_e(p.name)}</code></td><td>{_e(p.type)}</td>"
            f"<td>{_requirement(p)}</td><td>{_e(p.description)}</td></tr>"
            for p in saved.parameters
        )
        tried = f"{url}?{urlencode(example)}" if example else url
        items.append(
            f'<li><h2 id="{_e(saved.name)}">{_e(saved.title)}</h2>'
            f"<p><code>{_e(saved.name)}</code>: {_e(saved.description)}</p>"
            f"<table>{rows}</table>"
            f'<form action="{_e(url)}" method="get">{inputs}'
            '<button type="submit">Run</button></form>'
            f'<p><a href="{_e(tried)}">the example</a> · '
            f'<a href="{_e(url)}.rq">the query text</a></p></li>'
        )
    body = (
        "<p>Saved SPARQL queries: <code>GET /queries/NAME?param=value</code> runs one with "
        'its parameters bound, answered as <a href="/sparql">/sparql</a> answers (send '
        "an <code>Accept</code> header for JSON, XML, CSV or TSV). As JSON: "
        "<code>Accept: application/json</code>.</p>"
        f"<ul>{''.join(items) or '<li>(none)</li>'}</ul>"
    )
    return page("Saved queries", body)
