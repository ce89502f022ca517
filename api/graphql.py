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

from api.gql.http import GraphQLApp
from api.gql.query import Query
from api.gql.types import (
    Cable,
    Context,
    Meeting,
    Organization,
    Paragraph,
    Person,
    Place,
    Post,
    Topic,
)
from kg.store import Store

__all__ = ["SDL_PATH", "Context", "GraphQLApp", "export_sdl", "graphql_app", "schema"]

#: Where the exported schema is committed (a test checks it matches ``schema``).
SDL_PATH = Path(__file__).with_name("schema.graphql")

schema = strawberry.Schema(
    query=Query,
    # Reachable only through the Node interface (node(id:), search, Mention.entity):
    types=[Cable, Meeting, Organization, Paragraph, Person, Place, Post, Topic],
)


def graphql_app(store: Store, *, graphiql: bool = True) -> GraphQLApp:
    """The ASGI app serving ``schema`` over ``store`` (GraphQL over HTTP, GraphiQL)."""
    return GraphQLApp(schema, store, graphiql=graphiql)


def export_sdl() -> str:
    """The schema in SDL, as committed in ``api/schema.graphql``."""
    return schema.as_str() + "\n"
