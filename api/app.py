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
    /openapi.json     an OpenAPI description of the routes above but GraphQL (api.openapi)

Errors raised anywhere become responses in one place, ``STATUSES`` below.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import logging
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from api import openapi
from api.access import WriteAccess
from api.errors import (
    BusyError,
    MethodNotAllowedError,
    NotAcceptableError,
    NotFoundError,
    ProtocolError,
    QueryTimeoutError,
    ResourceLimitError,
    TooComplexError,
    TooLargeError,
    UnauthorizedError,
    UnsupportedMediaError,
)
from api.freshness import Refresh
from api.graphstore import GraphStoreEndpoint
from api.headers import SecurityHeaders
from api.isolation import ProcessPool
from api.pages import Pages
from api.paths import RefuseControlPaths
from api.queries import SavedQueries
from api.runner import Runner
from api.sparql import SparqlEndpoint, answer
from kg import queries
from kg.errors import (
    ConfigError,
    KGError,
    QueryError,
    ReadOnlyError,
    StoreChangedError,
    StoreError,
)
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
    ResourceLimitError: 503,
    StoreChangedError: 503,
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
    if isinstance(exc, QueryTimeoutError | BusyError | StoreChangedError):
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


async def health(request: Request) -> Response:
    """The server is up; each worker pool's slots, free slots and queue."""
    admissions = getattr(request.app.state, "admissions", {})
    workers = {
        name: {"slots": gate.slots, "free": gate.free, "waiting": gate.waiting}
        for name, gate in admissions.items()
    }
    return JSONResponse({"status": "ok", "workers": workers})


def _served(document: dict[str, Any]) -> Any:
    """A GET handler answering ``document`` as JSON (serialized once)."""
    response = JSONResponse(document)

    async def endpoint(request: Request) -> Response:
        return Response(response.body, media_type="application/json")

    return endpoint


def _sparql_pool(
    store: Store,
    access: WriteAccess,
    workers: int,
    what: str,
    *,
    limits: tuple[float, int, float, int, int | None],
    isolate: bool | None,
    memory: int | None,
) -> tuple[SparqlEndpoint, Runner, ProcessPool | None]:
    """A SPARQL endpoint with ``workers`` of its own (threads, or query processes)."""
    timeout, queue, queue_wait, max_query_bytes, result_limit = limits
    runner = Runner(timeout=timeout, workers=workers, queue=queue, queue_wait=queue_wait, what=what)
    processes = _query_processes(store, isolate, workers=workers, memory=memory)
    endpoint = SparqlEndpoint(
        store,
        runner=runner,
        access=access,
        max_query_bytes=max_query_bytes,
        result_limit=result_limit,
        processes=processes,
    )
    return endpoint, runner, processes


def _query_processes(
    store: Store, isolate: bool | None, *, workers: int, memory: int | None
) -> ProcessPool | None:
    """Child processes for SPARQL (``api.isolation``) when asked, or by default when the
    store is on disk and read-only; None for worker threads."""
    read_only = bool(getattr(store, "read_only", False))
    if isolate is None:
        isolate = read_only and store.path is not None
    if not isolate:
        return None
    if store.path is None or not read_only:
        raise ConfigError(
            "queries can run in child processes only over a store on disk opened read-only",
            hint="serve without --allow-update, or without isolation",
        )
    return ProcessPool(store.path, workers=workers, memory=memory, answer=answer)


def _middleware(store: Store, cors_origins: Sequence[str]) -> list[Middleware]:
    """Security headers and a fresh view of the store on every response; CORS if asked."""
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(RefuseControlPaths),
        Middleware(Refresh, store=store),
    ]
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
    return middleware


class _Closable(Protocol):
    def close(self) -> None: ...


def _closing(*resources: _Closable | None) -> Any:
    """A lifespan that ends the query processes and the GraphQL worker threads when the
    server stops."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            for resource in resources:
                if resource is not None:
                    resource.close()

    return lifespan


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
    page_workers: int = 2,
    saved_workers: int = 2,
    queue: int = 1024,
    queue_wait: float = 30.0,
    isolate: bool | None = None,
    query_memory: int | None = 2 * 2**30,
) -> Starlette:
    """The application over ``store``; every limit is described in docs/http-api.md.

    Read-only unless ``allow_update`` or ``update_token`` (bearer token for writers);
    ``cors_origins`` lets browser apps on those origins call the API. SPARQL, GraphQL and
    the pages each have workers of their own (``query_workers``, ``graphql_workers``,
    ``page_workers``) with a queue of ``queue`` requests waiting up to ``queue_wait`` s
    before a 503 (``api.admission``). SPARQL runs in child processes (``api.isolation``)
    when ``isolate``, by default over a store on disk opened read-only: the deadline
    (``query_timeout``) then stops the query itself, and ``query_memory`` bounds it.
    Sizes: ``max_query_bytes``, ``max_upload_bytes``, ``result_limit``; GraphQL's cost:
    ``graphql_max_cost``; ``/queries`` serves the saved queries in ``queries_dir``, with
    ``saved_workers`` of their own (a dozen heavy ones leave a cheap SELECT unhindered).
    """
    access = WriteAccess(allow_update=allow_update, update_token=update_token)

    pool = functools.partial(
        _sparql_pool,
        store,
        access,
        limits=(query_timeout, queue, queue_wait, max_query_bytes, result_limit),
        isolate=isolate,
        memory=query_memory,
    )
    sparql, runner, processes = pool(query_workers, "query")
    saved_sparql, saved_runner, saved_processes = pool(saved_workers, "saved query")
    graphs = GraphStoreEndpoint(
        store, runner=runner, access=access, max_upload_bytes=max_upload_bytes
    )
    saved = SavedQueries(
        saved_queries(queries_dir), sparql=saved_sparql, max_query_bytes=max_query_bytes
    )
    graphql = graphql_routes(
        store,
        max_cost=graphql_max_cost,
        timeout=query_timeout if graphql_timeout is None else graphql_timeout,
        workers=graphql_workers,
        queue=queue,
        queue_wait=queue_wait,
    )
    page_runner = Runner(
        timeout=query_timeout, workers=page_workers, queue=queue, queue_wait=queue_wait, what="page"
    )
    pages = Pages(store, runner=page_runner, has_graphql=bool(graphql))
    executor = getattr(getattr(graphql[0], "endpoint", None), "executor", None) if graphql else None

    routes: list[BaseRoute] = [
        Route("/", pages.home, methods=["GET"]),
        Route("/search", pages.search, methods=["GET"]),
        Route("/query", pages.editor, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        Route("/health", health, methods=["GET"]),
        Route(openapi.PATH, _served(openapi.description(entity_prefix=pages.entity_prefix))),
        Route("/sparql", sparql.handle, methods=sparql.methods),  # Allow of a 405 names these
        Route("/sparql/", sparql.handle, methods=sparql.methods),
        Route("/graphs", graphs.handle, methods=graphs.methods),
        Route("/queries", saved.listing, methods=["GET"]),
        Route("/queries/", saved.listing, methods=["GET"]),
        Route("/queries/{name}.rq", saved.text, methods=["GET"]),
        Route("/queries/{name}", saved.run, methods=saved.methods),
        Route("/cable/{reference_id}", pages.cable, methods=["GET"]),
        Route(pages.entity_route, pages.entity, methods=["GET"]),
        *graphql,
    ]
    app = Starlette(
        routes=routes,
        middleware=_middleware(store, cors_origins),
        exception_handlers={KGError: kg_error},
        lifespan=_closing(processes, saved_processes, executor),
    )
    app.state.admissions = {  # for /health, and tests that wait on queues, not the clock
        "sparql": runner.admission,
        "saved queries": saved_runner.admission,
        "pages": page_runner.admission,
    }
    app.state.processes = processes
    if executor is not None:
        app.state.admissions["graphql"] = executor.admission
    return app
