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
from strawberry.extensions import QueryDepthLimiter

from api.gql.http import GraphQLApp
from api.gql.query import Query
from api.gql.types import (
    Cable,
    Context,
    IdentityLink,
    Meeting,
    Organization,
    Paragraph,
    Person,
    Place,
    Post,
    Topic,
)
from kg.store import Store

__all__ = ["MAX_DEPTH", "SDL_PATH", "Context", "GraphQLApp", "export_sdl", "graphql_app", "schema"]

#: Where the exported schema is committed (a test checks it matches ``schema``).
SDL_PATH = Path(__file__).with_name("schema.graphql")

#: How deep a selection may nest. Each level multiplies the work of the one above
#: (cables -> people -> cables -> ...); the saved queries need at most seven.
MAX_DEPTH = 12


class DepthLimit(QueryDepthLimiter):
    """``QueryDepthLimiter`` at ``MAX_DEPTH`` (strawberry takes extensions as classes)."""

    def __init__(self) -> None:
        super().__init__(max_depth=MAX_DEPTH)


schema = strawberry.Schema(
    query=Query,
    extensions=[DepthLimit],
    # Reachable only through the Node interface (node(id:), search, Mention.entity):
    types=[Cable, IdentityLink, Meeting, Organization, Paragraph, Person, Place, Post, Topic],
)


def graphql_app(store: Store, *, graphiql: bool = True) -> GraphQLApp:
    """The ASGI app serving ``schema`` over ``store`` (GraphQL over HTTP, GraphiQL)."""
    return GraphQLApp(
        schema, store, graphiql=graphiql, validation_rules=DepthLimit().validation_rules
    )


def export_sdl() -> str:
    """The schema in SDL, as committed in ``api/schema.graphql``."""
    return schema.as_str() + "\n"
