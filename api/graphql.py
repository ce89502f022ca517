"""The GraphQL API: ``schema``, the ASGI app the app factory mounts at ``/graphql``, the SDL.

    from api.graphql import graphql_app, schema
    app = graphql_app(store)          # GraphQL over HTTP + GraphiQL for browsers
    result = await schema.execute(query, context_value=Context.for_store(store))

The store reaches resolvers through the GraphQL context (``api.gql.types.Context``),
built per request; ``export_sdl()`` prints the schema committed as ``api/schema.graphql``.
"""

from __future__ import annotations

from pathlib import Path

import strawberry
from graphql import GraphQLError
from strawberry.extensions import QueryDepthLimiter
from strawberry.types import ExecutionContext

from api.gql.context import Context
from api.gql.document import Checked
from api.gql.executor import StopAtDeadline, past_deadline
from api.gql.http import GraphQLApp
from api.gql.nodes import IdentityLink, Organization, Place, Post, Topic
from api.gql.query import Query
from api.gql.types import Cable, Meeting, Paragraph, Person
from kg.store import Store

__all__ = [
    "MAX_COST",
    "MAX_DEPTH",
    "SDL_PATH",
    "Context",
    "GraphQLApp",
    "export_sdl",
    "graphql_app",
    "schema",
]

#: Where the exported schema is committed (a test checks it matches ``schema``).
SDL_PATH = Path(__file__).with_name("schema.graphql")

#: How deep a selection may nest. Each level multiplies the work of the one above
#: (cables -> people -> cables -> ...); the saved queries need at most seven.
MAX_DEPTH = 12


class DepthLimit(QueryDepthLimiter):
    """``QueryDepthLimiter`` at ``MAX_DEPTH`` (strawberry takes extensions as classes)."""

    def __init__(self) -> None:
        super().__init__(max_depth=MAX_DEPTH)


class Schema(strawberry.Schema):
    """strawberry's schema, without logging the fields failed at a deadline: their
    operation is answered 503 as a whole (``api.gql.http``), which logs it once."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        kept = [error for error in errors if not past_deadline(error)]
        super().process_errors(kept, execution_context)


schema = Schema(
    query=Query,
    extensions=[DepthLimit, StopAtDeadline, Checked],
    # Reachable only through the Node interface (node(id:), search, Mention.entity):
    types=[Cable, IdentityLink, Meeting, Organization, Paragraph, Person, Place, Post, Topic],
)


#: The largest estimated cost (``api.gql.cost``) served by default: a page of 100 cables
#: with their people's names and their meetings' dates and participants costs 13,502, four
#: nested levels of ``metWith { name }`` 12,222; seven levels cost 12 million.
MAX_COST = 20_000


def graphql_app(
    store: Store,
    *,
    graphiql: bool = True,
    max_cost: int = MAX_COST,
    timeout: float = 30.0,
    workers: int = 2,
    queue: int = 1024,
    queue_wait: float = 30.0,
) -> GraphQLApp:
    """The ASGI app serving ``schema`` over ``store`` (GraphQL over HTTP, GraphiQL).

    Operations nested deeper than ``MAX_DEPTH`` or estimated to cost more than
    ``max_cost`` are refused before they run; the others run at most ``workers`` at once,
    each for at most ``timeout`` seconds (``api.gql.executor``), the rest waiting in a queue
    of at most ``queue`` operations for at most ``queue_wait`` seconds each.
    """
    return GraphQLApp(
        schema,
        store,
        graphiql=graphiql,
        validation_rules=DepthLimit().validation_rules,
        max_cost=max_cost,
        timeout=timeout,
        workers=workers,
        queue=queue,
        queue_wait=queue_wait,
    )


def export_sdl() -> str:
    """The schema in SDL, as committed in ``api/schema.graphql``."""
    return schema.as_str() + "\n"
