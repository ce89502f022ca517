"""The web application: one factory that lists every route and mount.

    /                 home page: the corpus in figures, a timeline, search, newest cables
    /search           full-text search over paragraphs and names, with facets (api.pages)
    /query            the SPARQL editor: saved queries one click away, results as a table
    /static/...       the explorer's styles and scripts, vendored GraphiQL and React
    /sparql           SPARQL 1.1 Protocol (api.sparql) and service description (api.service)
    /graphs           SPARQL 1.1 Graph Store HTTP Protocol (api.graphstore)
    /graphql          GraphQL over HTTP, GraphiQL in a browser (api.graphql)
    /queries          saved queries (queries/*.rq): the list, each run by name (api.queries)
    /cable/{refid}    a cable's page, or its named graph as RDF (api.pages)
    /id/...           entity pages for IRIs under the base IRI (its last path segment)
    /health           liveness, for load balancers and tests

Errors raised anywhere become responses in one place, ``STATUSES`` below.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from api.access import WriteAccess
from api.errors import (
    BusyError,
    MethodNotAllowedError,
    NotAcceptableError,
    NotFoundError,
    ProtocolError,
    QueryTimeoutError,
    TooComplexError,
    TooLargeError,
    UnauthorizedError,
    UnsupportedMediaError,
)
from api.graphstore import GraphStoreEndpoint
from api.pages import Pages
from api.queries import SavedQueries
from api.runner import Runner
from api.sparql import SparqlEndpoint
from kg import queries
from kg.errors import KGError, QueryError, ReadOnlyError, StoreError
from kg.store import Store

log = logging.getLogger(__name__)

#: Error type -> HTTP status; the most specific class listed wins (checked in MRO order).
STATUSES: dict[type[KGError], int] = {
    UnsupportedMediaError: 415,
    MethodNotAllowedError: 405,
    ProtocolError: 400,
    NotAcceptableError: 406,
    TooLargeError: 413,
    TooComplexError: 400,
    QueryError: 400,
    UnauthorizedError: 401,
    ReadOnlyError: 403,
    QueryTimeoutError: 503,
    BusyError: 503,
    StoreError: 500,
    NotFoundError: 404,
    KGError: 500,
}

STATIC = Path(__file__).parent / "static"

ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"]


def status_of(error: KGError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUSES:
            return STATUSES[cls]
    return 500


async def kg_error(request: Request, exc: Exception) -> Response:
    """Every project error as a plain-text response with the status its type maps to."""
    assert isinstance(exc, KGError)
    status = status_of(exc)
    if status >= 500:
        log.warning("%s %s: %s", request.method, request.url.path, exc)
    headers: dict[str, str] = {}
    if isinstance(exc, UnauthorizedError):
        headers["WWW-Authenticate"] = 'Bearer realm="cablegraph"'
    if isinstance(exc, MethodNotAllowedError):
        headers["Allow"] = ", ".join(exc.allowed)
    if isinstance(exc, QueryTimeoutError | BusyError):
        headers["Retry-After"] = "5"
    return PlainTextResponse(str(exc) + "\n", status_code=status, headers=headers)


def graphql_routes(store: Store, **limits: Any) -> list[BaseRoute]:
    """The GraphQL app at /graphql, if its module is importable, under ``limits``
    (``api.graphql.graphql_app``'s keyword options).

    Routes rather than a Mount: a Mount would redirect ``/graphql`` to ``/graphql/``,
    and GraphQL clients POST to the path they are given without following redirects.
    """
    try:
        module = importlib.import_module("api.graphql")
        graphql_app: Any = module.graphql_app(store, **limits)
    except (ImportError, AttributeError) as error:
        log.warning("GraphQL not mounted at /graphql: %s", error)
        return []
    except Exception:
        # A broken GraphQL module must not take SPARQL and the pages down with it.
        log.exception("GraphQL not mounted at /graphql: the module failed")
        return []
    return [Route("/graphql", graphql_app), Route("/graphql/", graphql_app)]


def saved_queries(directory: Path | None) -> dict[str, queries.SavedQuery]:
    """The saved queries in ``directory``, else in ``queries/`` of the repository if any.

    A folder that was named and is missing is an error; the default one may be absent
    (an installed package has no ``queries/``), which leaves ``/queries`` empty.
    """
    if directory is None and not queries.default_dir().is_dir():
        log.info("no saved queries: %s is not a folder", queries.default_dir())
        return {}
    return queries.load_queries(directory)


def create_app(
    store: Store,
    *,
    allow_update: bool = False,
    update_token: str | None = None,
    cors_origins: Sequence[str] = (),
    query_timeout: float = 30.0,
    max_query_bytes: int = 1_000_000,
    result_limit: int | None = None,
    max_upload_bytes: int = 100_000_000,
    query_workers: int = 4,
    queries_dir: Path | None = None,
    graphql_max_cost: int = 20_000,
    graphql_timeout: float | None = None,
    graphql_workers: int = 2,
) -> Starlette:
    """The application over ``store``.

    Read-only unless ``allow_update`` (anyone may write) or ``update_token`` (writers send
    ``Authorization: Bearer <token>``). ``cors_origins`` lets browser apps on those origins
    call the API (``["*"]`` for any). Limits against hostile queries: each query gets
    ``query_timeout`` seconds (503 after), a query or update may be ``max_query_bytes`` long
    (413 beyond), a Graph Store upload ``max_upload_bytes``, at most ``query_workers``
    queries run at once (503 for one more), and ``result_limit``, if set, caps the solutions
    or triples of one answer (the rest is cut; the header ``SPARQL-Result-Limit`` says so).
    Queries whose shape would crash or stall the parser, and federated ones, are refused
    whatever the settings (``api.guard``). ``/queries`` serves the saved queries in
    ``queries_dir`` (default: ``queries/`` of the repository), under the same limits.

    GraphQL has limits of its own, and workers of its own, so that neither endpoint can
    starve the other: an operation estimated (``api.gql.cost``) to cost more than
    ``graphql_max_cost`` is refused (400), at most ``graphql_workers`` run at once (503 for
    one more), each for ``graphql_timeout`` seconds (default: ``query_timeout``; 503 after).
    """
    runner = Runner(timeout=query_timeout, workers=query_workers)
    access = WriteAccess(allow_update=allow_update, update_token=update_token)
    sparql = SparqlEndpoint(
        store,
        runner=runner,
        access=access,
        max_query_bytes=max_query_bytes,
        result_limit=result_limit,
    )
    graphs = GraphStoreEndpoint(
        store, runner=runner, access=access, max_upload_bytes=max_upload_bytes
    )
    saved = SavedQueries(saved_queries(queries_dir), sparql=sparql, max_query_bytes=max_query_bytes)
    graphql = graphql_routes(
        store,
        max_cost=graphql_max_cost,
        timeout=query_timeout if graphql_timeout is None else graphql_timeout,
        workers=graphql_workers,
    )
    pages = Pages(store, runner=runner, has_graphql=bool(graphql))

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    routes: list[BaseRoute] = [
        Route("/", pages.home, methods=["GET"]),
        Route("/search", pages.search, methods=["GET"]),
        Route("/query", pages.editor, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        Route("/health", health, methods=["GET"]),
        Route("/sparql", sparql.handle, methods=ALL_METHODS),
        Route("/sparql/", sparql.handle, methods=ALL_METHODS),
        Route("/graphs", graphs.handle, methods=ALL_METHODS),
        Route("/queries", saved.listing, methods=["GET"]),
        Route("/queries/", saved.listing, methods=["GET"]),
        Route("/queries/{name}.rq", saved.text, methods=ALL_METHODS),
        Route("/queries/{name}", saved.run, methods=ALL_METHODS),
        Route("/cable/{reference_id}", pages.cable, methods=["GET"]),
        Route(pages.entity_route, pages.entity, methods=["GET"]),
        *graphql,
    ]
    middleware = []
    if cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(cors_origins),
                allow_methods=ALL_METHODS,
                allow_headers=["Accept", "Authorization", "Content-Type"],
                expose_headers=["SPARQL-Result-Limit"],
            )
        )
    return Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={KGError: kg_error},
    )
