"""An OpenAPI 3.1 description of the routes other than GraphQL, served at ``/openapi.json``.

Written from the routes of ``api.app`` and the formats of ``api.negotiation``; a test
compares its paths and methods with the app's routes, and schemathesis sends requests
generated from it (``tests/test_openapi.py``). GraphQL describes itself (its schema, at
``/graphql``, and ``api/schema.graphql``). Every error is plain text with a status
(``api.app.STATUSES``); 503s carry ``Retry-After``.
"""

from __future__ import annotations

from typing import Any

from api.negotiation import GRAPH_FORMATS, HTML, RESULT_FORMATS
from api.service import FORMATS as SERVICE_FORMATS

#: The path of the description itself.
PATH = "/openapi.json"

TEXT = "text/plain"
JSON = "application/json"
FORM = "application/x-www-form-urlencoded"

_STRING: dict[str, Any] = {"type": "string"}
_ANY_BODY: dict[str, Any] = {"schema": _STRING}

#: What each error status means on every route that may answer it.
_ERRORS = {
    "400": "a malformed request: a query that does not parse or is too complex, a bad parameter",
    "401": "a write without the update token",
    "403": "a write to a read-only server",
    "404": "nothing there",
    "405": "a method the route does not take (``Allow`` names those it does)",
    "406": "no type of ``Accept`` is served",
    "413": "a query, form or upload over its size limit",
    "415": "a request body of a type the route does not read",
    "503": "past the deadline, the queue's bound or wait, or a memory bound (``Retry-After``)",
}


def _errors(*statuses: str) -> dict[str, Any]:
    return {
        status: {"description": _ERRORS[status], "content": {TEXT: _ANY_BODY}}
        for status in statuses
    }


def _ok(description: str, *media_types: str, schema: dict[str, Any] | None = None) -> Any:
    body = {"schema": schema} if schema is not None else _ANY_BODY
    return {"200": {"description": description, "content": dict.fromkeys(media_types, body)}}


def _query(name: str, description: str, *, required: bool = False, many: bool = False) -> Any:
    schema: dict[str, Any] = {"type": "array", "items": _STRING} if many else _STRING
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema,
        **({"style": "form", "explode": True} if many else {}),
    }


def _path(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": _STRING,
    }


_ACCEPT = {
    "name": "Accept",
    "in": "header",
    "required": False,
    "description": "the media types the client takes (content negotiation)",
    "schema": _STRING,
}

_ANSWERS = [f.media_type for f in (*RESULT_FORMATS, *GRAPH_FORMATS)]
_GRAPHS = [f.media_type for f in GRAPH_FORMATS]
_DATASET = [
    _query("default-graph-uri", "a graph of the default graph (else: the union)", many=True),
    _query("named-graph-uri", "a graph of the named graphs", many=True),
]
_SPARQL_ERRORS = _errors("400", "401", "403", "406", "413", "415", "503")


def _sparql() -> dict[str, Any]:
    description = [f.media_type for f in (*SERVICE_FORMATS, HTML)]
    form = {
        "type": "object",
        "properties": {
            "query": _STRING,
            "update": _STRING,
            "default-graph-uri": _STRING,
            "named-graph-uri": _STRING,
        },
    }
    answers = {
        "200": {
            "description": "the answer (SELECT, ASK: results; CONSTRUCT, DESCRIBE: RDF); "
            "without a query, the service description (or the query editor)",
            "content": dict.fromkeys(dict.fromkeys([*_ANSWERS, *description]), _ANY_BODY),
        },
        "204": {"description": "an update was applied"},
    }
    return {
        "get": {
            "summary": "SPARQL 1.1 Protocol: a query in the query string",
            "parameters": [_query("query", "the SPARQL query"), *_DATASET, _ACCEPT],
            "responses": {"200": answers["200"], **_SPARQL_ERRORS},
        },
        "post": {
            "summary": "SPARQL 1.1 Protocol: a query or update as a form or as the body",
            "parameters": [*_DATASET, _ACCEPT],
            "requestBody": {
                "required": True,
                "content": {
                    FORM: {"schema": form},
                    "application/sparql-query": _ANY_BODY,
                    "application/sparql-update": _ANY_BODY,
                },
            },
            "responses": {**answers, **_SPARQL_ERRORS},
        },
    }


def _graphs() -> dict[str, Any]:
    target = [
        _query("graph", "the graph's IRI (or ?default)"),
        {
            "name": "default",
            "in": "query",
            "required": False,
            "description": "the default graph",
            "schema": _STRING,
            "allowEmptyValue": True,
        },
    ]
    upload = {"required": True, "content": dict.fromkeys(_GRAPHS, _ANY_BODY)}
    writes = {
        "201": {"description": "a graph was created"},
        "204": {"description": "the graph was written or deleted"},
        **_errors("400", "401", "403", "404", "413", "415", "503"),
    }
    return {
        "get": {
            "summary": "Graph Store protocol: a graph, or the default graph",
            "parameters": [*target, _ACCEPT],
            "responses": {**_ok("the graph", *_GRAPHS), **_errors("400", "404", "406", "503")},
        },
        "head": {
            "summary": "whether the graph exists",
            "parameters": [*target, _ACCEPT],
            "responses": {"200": {"description": "it exists"}, **_errors("400", "404", "406")},
        },
        "put": {
            "summary": "replace a graph",
            "parameters": target,
            "requestBody": upload,
            "responses": writes,
        },
        "post": {
            "summary": "add to a graph",
            "parameters": target,
            "requestBody": upload,
            "responses": writes,
        },
        "delete": {"summary": "drop a graph", "parameters": target, "responses": writes},
    }


def _queries() -> dict[str, Any]:
    listing = {
        "type": "object",
        "required": ["queries"],
        "properties": {
            "queries": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "title", "parameters", "url", "text"],
                    "properties": {
                        "name": _STRING,
                        "title": _STRING,
                        "description": _STRING,
                        "parameters": {"type": "array", "items": {"type": "object"}},
                        "example": {"type": "object"},
                        "url": _STRING,
                        "text": _STRING,
                    },
                },
            }
        },
    }
    name = _path("name", "a saved query's name (queries/NAME.rq)")
    run = {
        "parameters": [name, _ACCEPT],
        "responses": {
            **_ok("the answer", *_ANSWERS),
            **_errors("400", "404", "406", "413", "415", "503"),
        },
    }
    return {
        "/queries": {
            "get": {
                "summary": "the saved queries: name, title, parameters, example, URLs",
                "parameters": [_ACCEPT],
                "responses": {
                    **_ok(
                        "the list (JSON, or a page with a form per query)",
                        JSON,
                        HTML.media_type,
                        schema=listing,
                    ),
                    **_errors("406"),
                },
            }
        },
        "/queries/{name}": {
            "get": {"summary": "a saved query run, its parameters in the query string", **run},
            "post": {
                "summary": "a saved query run, its parameters as a form",
                **run,
                "requestBody": {
                    "required": False,
                    "content": {FORM: {"schema": {"type": "object"}}},
                },
            },
        },
        "/queries/{name}.rq": {
            "get": {
                "summary": "a saved query's text",
                "parameters": [name],
                "responses": {**_ok("the query", "application/sparql-query"), **_errors("404")},
            }
        },
    }


def _pages(entity_prefix: str) -> dict[str, Any]:
    html = HTML.media_type
    page = _ok("the page", html)
    search = [
        _query("q", "words to find in paragraphs and names"),
        *(
            _query(name, f"only cables of this {name}")
            for name in ("origin", "year", "classification", "tag")
        ),
        _query("start", "the first hit shown (a number)"),
    ]
    health = {
        "type": "object",
        "required": ["status"],
        "properties": {"status": {"const": "ok"}, "workers": {"type": "object"}},
    }
    return {
        "/": {"get": {"summary": "home page", "responses": {**page, **_errors("503")}}},
        "/search": {
            "get": {
                "summary": "full-text search",
                "parameters": search,
                "responses": {**page, **_errors("503")},
            }
        },
        "/query": {
            "get": {
                "summary": "the SPARQL editor",
                "parameters": [_query("query", "the query shown")],
                "responses": page,
            }
        },
        "/health": {"get": {"summary": "liveness", "responses": _ok("up", JSON, schema=health)}},
        "/cable/{reference_id}": {
            "get": {
                "summary": "a cable's page, or its named graph as RDF (by Accept)",
                "parameters": [_path("reference_id", "the cable's reference ID"), _ACCEPT],
                "responses": {
                    **_ok("the page or graph", html, *_GRAPHS),
                    **_errors("404", "406", "503"),
                },
            }
        },
        entity_prefix + "{path}": {
            "get": {
                "summary": "a page for an IRI under the base IRI, or its triples as RDF",
                "parameters": [
                    _path("path", "the IRI's path under the base"),
                    _query("view", "data: the triples, even for a browser"),
                    _ACCEPT,
                ],
                "responses": {
                    **_ok("the page or triples", html, *_GRAPHS),
                    "303": {"description": "a cable's IRI: see its page under /cable/"},
                    **_errors("404", "406", "503"),
                },
            }
        },
    }


def description(*, entity_prefix: str = "/id/") -> dict[str, Any]:
    """The OpenAPI document; ``entity_prefix`` is where the entity pages live."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "cablegraph",
            "version": "1",
            "description": "SPARQL, saved queries, the Graph Store protocol and linked-data "
            "pages over a knowledge graph of diplomatic cables. GraphQL is at /graphql.",
        },
        "paths": {
            "/sparql": _sparql(),
            "/graphs": _graphs(),
            **_queries(),
            **_pages(entity_prefix),
            PATH: {
                "get": {
                    "summary": "this description",
                    "responses": _ok("it", JSON, schema={"type": "object"}),
                }
            },
        },
    }
