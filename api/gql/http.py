"""GraphQL over HTTP (graphql/graphql-over-http) for ``schema``, plus GraphiQL.

A thin ASGI view over ``schema.execute`` rather than strawberry's stock view, because
the spec ties status codes to the negotiated media type, which the stock view does
not: with ``application/graphql-response+json`` a request that fails before
execution (unparsable document, validation or variable coercion failure) is a 400
without ``data``, while legacy ``application/json`` clients get 200 for the same.

- ``POST`` takes ``application/json`` (UTF-8); ``GET`` takes the query string and runs
  queries only (a mutation by ``GET`` is 405, ``Allow: POST``).
- ``Accept`` picks ``application/graphql-response+json`` or ``application/json``
  (``*/*`` and a missing header mean JSON); anything else is 406. A browser asking
  for ``text/html`` by ``GET`` gets GraphiQL.
- A malformed request (bad JSON, a non-string ``query``, a non-object ``variables``)
  is 400; another content type is 415; another method 405.

The app answers on whatever path it is mounted at: ``Route("/graphql", app)`` or
``Mount("/graphql", app)``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import strawberry
from graphql import specified_rules
from graphql.validation import ASTValidationRule
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from api.bodies import read_body
from api.errors import BusyError, QueryTimeoutError, TooLargeError
from api.explorer.graphiql import CSP as GRAPHIQL_CSP
from api.explorer.graphiql import HTML as GRAPHIQL_HTML
from api.gql.collapse import Collapse, operation_key
from api.gql.document import Bounds, Refusal, checked, prepare
from api.gql.executor import Executor
from api.gql.types import Context
from kg.store import Store

log = logging.getLogger(__name__)

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
HTML = "text/html"


class RequestError(Exception):
    """A request that cannot be executed, with the HTTP status that says why."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def negotiate(accept: str | None, *, html: bool) -> str | None:
    """The media type to answer with, or None when the client accepts none we serve."""
    if accept is None or not accept.strip():
        return JSON  # the spec's default for clients that do not say
    ranges = _accept_ranges(accept)
    best: tuple[float, int, int] | None = None
    chosen = None
    offers = (GRAPHQL_RESPONSE, JSON, HTML) if html else (GRAPHQL_RESPONSE, JSON)
    for offer in offers:
        kind = offer.split("/")[0]
        matches = [
            (specificity, q)
            for media, q in ranges
            for specificity, pattern in ((2, offer), (1, f"{kind}/*"), (0, "*/*"))
            if media == pattern
        ]
        if not matches:
            continue
        specificity, q = max(matches)
        if q <= 0 or (offer == HTML and specificity == 0):
            continue  # browsers name text/html; */* alone means an API client
        # Ties: a client naming graphql-response+json wants it; a wildcard gets JSON,
        # which every client understands.
        preferred = offer == GRAPHQL_RESPONSE if specificity == 2 else offer == JSON
        key = (q, specificity, int(preferred) * 2 + int(offer != HTML))
        if best is None or key > best:
            best, chosen = key, offer
    return chosen


def _encode(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json_response(
    body: dict[str, Any], status: int, media: str, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        _encode(body),
        status_code=status,
        headers={
            **(headers or {}),
            "content-type": f"{media}; charset=utf-8",
        },
    )


def _object_param(value: Any, name: str, *, from_query_string: bool) -> dict[str, Any] | None:
    """``variables``/``extensions``: null or a map (a JSON string in a GET's query string)."""
    if from_query_string and isinstance(value, str):
        if not value:
            return None
        try:
            value = json.loads(value)
        except ValueError as error:
            raise RequestError(400, f"{name} is not valid JSON: {error}") from error
    if value is None or isinstance(value, dict):
        return value
    raise RequestError(400, f"{name} must be a map (a JSON object) or null")


class GraphQLApp:
    """The ASGI app: GraphQL over HTTP for ``schema`` over ``store``."""

    def __init__(
        self,
        schema: strawberry.Schema,
        store: Store,
        *,
        graphiql: bool = True,
        validation_rules: Sequence[type[ASTValidationRule]] = (),
        max_cost: int = 20_000,
        timeout: float = 30.0,
        workers: int = 2,
        queue: int = 1024,
        queue_wait: float = 30.0,
        bounds: Bounds | None = None,
    ) -> None:
        """``validation_rules``: the schema's extra rules (a depth limit), checked in the
        validation done here so that breaking one is a request error (400) like any
        other invalid document, not an execution error. An operation whose estimated
        cost (``api.gql.cost``) is over ``max_cost`` is refused the same way; the others
        run in at most ``workers`` threads, each for at most ``timeout`` seconds
        (``api.gql.executor``), the others waiting their turn in a queue of at most
        ``queue`` for at most ``queue_wait`` seconds: 503 past the deadline or the queue."""
        self.schema = schema
        self.store = store
        self.graphiql = graphiql
        # strawberry's own rules too: the validation here is the only one (``Checked``).
        self.rules = [
            *specified_rules,
            *validation_rules,
            MaybeNullValidationRule,
            OneOfInputValidationRule,
        ]
        self.bounds = replace(bounds or Bounds(), max_cost=max_cost)
        self.collapse = Collapse()
        self.executor = Executor(
            timeout=timeout, workers=workers, queue=queue, queue_wait=queue_wait
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":  # served alone (tests, uvicorn): nothing to set up
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            self.executor.close()
            await send({"type": "lifespan.shutdown.complete"})
            return
        if scope["type"] != "http":
            raise RuntimeError("the GraphQL app serves HTTP only (no subscriptions)")
        response = await self.respond(Request(scope, receive))
        await response(scope, receive, send)

    async def respond(self, request: Request) -> Response:
        if request.method not in ("GET", "POST"):
            return _json_response(
                {"errors": [{"message": f"{request.method} is not allowed: use GET or POST"}]},
                405,
                JSON,
                {"allow": "GET, POST"},
            )
        media = negotiate(request.headers.get("accept"), html=request.method == "GET")
        if media is None:
            return _json_response(
                {
                    "errors": [
                        {
                            "message": f"cannot answer in any type of Accept: "
                            f"{request.headers.get('accept')!r}; accept {GRAPHQL_RESPONSE} "
                            f"or {JSON}"
                        }
                    ]
                },
                406,
                JSON,
            )
        if media == HTML:
            if self.graphiql:
                return HTMLResponse(
                    GRAPHIQL_HTML, headers={"Content-Security-Policy": GRAPHIQL_CSP}
                )
            media = JSON
        try:
            return await self.execute(request, media)
        except (BusyError, QueryTimeoutError) as error:
            # Not a GraphQL error: the server could not give this request a response.
            log.warning("%s %s: %s", request.method, request.url.path, error)
            return _json_response(
                {"errors": [{"message": str(error)}]}, 503, media, {"retry-after": "5"}
            )
        except RequestError as error:
            return _json_response(
                {"errors": [{"message": error.message}]}, error.status, media, error.headers
            )

    async def _params(self, request: Request) -> dict[str, Any]:
        if request.method == "GET":
            return dict(request.query_params)
        content_type = request.headers.get("content-type", "")
        media, *params = (p.strip().lower() for p in content_type.split(";"))
        charset = next(
            (p.partition("=")[2].strip('"') for p in params if p.startswith("charset=")), "utf-8"
        )
        if media != JSON or charset not in ("utf-8", "utf8"):
            raise RequestError(
                415, f"unsupported content type {content_type!r}: POST {JSON} in UTF-8"
            )
        try:
            body = await read_body(request, self.bounds.max_body_bytes)
        except TooLargeError as error:
            raise RequestError(413, str(error)) from None
        if not body.strip():
            raise RequestError(400, "the request body is empty: POST a JSON object with a query")
        try:
            params = json.loads(body.decode("utf-8"))
        except ValueError as error:
            raise RequestError(400, f"the request body is not valid JSON: {error}") from error
        except RecursionError:
            raise RequestError(400, "the request body nests too deep") from None
        if not isinstance(params, dict):
            raise RequestError(400, "the request body must be a JSON object")
        return params

    async def execute(self, request: Request, media: str) -> Response:
        is_get = request.method == "GET"
        params = await self._params(request)
        query = params.get("query")
        if not isinstance(query, str) or not query.strip():
            raise RequestError(400, "the query parameter must be a non-empty string")
        operation_name = params.get("operationName")
        if operation_name == "" and is_get:
            operation_name = None
        if operation_name is not None and not isinstance(operation_name, str):
            raise RequestError(400, "operationName must be a string or null")
        variables = _object_param(params.get("variables"), "variables", from_query_string=is_get)
        extensions = _object_param(params.get("extensions"), "extensions", from_query_string=is_get)
        del extensions  # accepted as the spec asks; no extension is implemented

        # Failures before execution are request errors: 400 and no "data" for clients of
        # graphql-response+json, 200 for legacy JSON clients (spec, "application/json").
        # The checks run in the worker, not on the event loop (api.gql.document).
        request_error_status = 400 if media == GRAPHQL_RESPONSE else 200

        async def run() -> tuple[int, bytes, dict[str, str]]:
            prepared = prepare(
                self.schema._schema,
                self.rules,
                query,
                operation_name=operation_name,
                variables=variables,
                by_get=is_get,
                bounds=self.bounds,
            )
            if isinstance(prepared, Refusal):
                status = prepared.status or request_error_status
                return status, _encode({"errors": list(prepared.errors)}), dict(prepared.headers)
            checked.set((query, prepared.document))
            result = await self.schema.execute(
                query,
                variable_values=variables,
                context_value=Context.for_store(self.store),
                operation_name=operation_name,
            )
            body: dict[str, Any] = {}
            if result.errors:
                body["errors"] = [e.formatted for e in result.errors]
            body["data"] = result.data
            if result.extensions:
                body["extensions"] = result.extensions
            return 200, _encode(body), {}

        key = operation_key(self.store, query, operation_name, variables, is_get, media)
        status, content, headers = await self.collapse.run(key, lambda: self.executor.run(run))
        return Response(
            content,
            status_code=status,
            headers={**headers, "content-type": f"{media}; charset=utf-8"},
        )
