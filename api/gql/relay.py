"""Relay conventions: global IDs, opaque cursors, connections with ``totalCount``.

A global ID is base64 of ``Type:IRI`` (graphql-relay's ``toGlobalId`` shape), so
``node(id:)`` knows the type without a lookup and a client can still recover the IRI
(every node also exposes ``iri`` directly, for linking to the SPARQL endpoint).
A cursor is base64 of ``offset:N``: the lists are ordered deterministically in SPARQL
(``ORDER BY`` with the IRI as the last key), so an offset names a position reliably.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import strawberry
from graphql import GraphQLError

from api.gql.fields import field

#: Page size when ``first`` is not given, and the largest one served.
DEFAULT_PAGE = 20
MAX_PAGE = 500

T = TypeVar("T")


def global_id(type_name: str, iri: str) -> strawberry.ID:
    return strawberry.ID(base64.b64encode(f"{type_name}:{iri}".encode()).decode("ascii"))


def parse_global_id(value: str) -> tuple[str, str] | None:
    """``(type name, IRI)`` from a global ID, or None if it is not one of ours."""
    try:
        decoded = base64.b64decode(value.encode("ascii"), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        return None
    type_name, sep, iri = decoded.partition(":")
    if not sep or not type_name or not iri:
        return None
    return type_name, iri


def cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode("ascii")


def offset_after(after: str | None) -> int:
    """The offset of the first item after cursor ``after`` (0 without one)."""
    if after is None:
        return 0
    try:
        kind, _, number = (
            base64.b64decode(after.encode("ascii"), validate=True).decode().partition(":")
        )
        if kind == "offset" and int(number) >= 0:
            return int(number) + 1
    except (binascii.Error, UnicodeError, ValueError):
        pass
    raise GraphQLError(f"invalid cursor {after!r}: pass a cursor from a previous page")


@dataclass(frozen=True, slots=True)
class Page:
    """Which slice of a list a request asked for."""

    offset: int
    limit: int

    @classmethod
    def of(cls, first: int | None, after: str | None) -> Page:
        limit = DEFAULT_PAGE if first is None else first
        if not 0 <= limit <= MAX_PAGE:
            raise GraphQLError(f"first must be between 0 and {MAX_PAGE}, got {limit}")
        return cls(offset_after(after), limit)

    @property
    def sparql(self) -> str:
        """LIMIT/OFFSET fetching one extra item, which tells whether a next page exists."""
        return f"LIMIT {self.limit + 1} OFFSET {self.offset}"


@strawberry.type(description="Where a page sits in its list (Relay cursor connections).")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type(description="A node in a list, with the cursor to continue after it.")
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="A page of a list (Relay cursor connection).")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    # Counting is a query of its own, run only when a client selects totalCount.
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @field(description="Items in the whole list, over all pages.")
    async def total_count(self) -> int:
        return await self.count()

    @field(description="The nodes of this page, without cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def connection(
    items: Sequence[T | None], page: Page, count: Callable[[], Awaitable[int]]
) -> Connection[T]:
    """A connection from ``items`` fetched with ``page.sparql`` (one more than the page).

    A None item keeps its place (and so the cursors of those after it) but gets no edge:
    search drops matches of no GraphQL type that way.
    """
    shown = items[: page.limit]
    edges = [
        Edge(cursor=cursor(page.offset + i), node=item)
        for i, item in enumerate(shown)
        if item is not None
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=len(items) > page.limit,
            has_previous_page=page.offset > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor
            if edges
            else cursor(page.offset + len(shown) - 1)
            if shown
            else None,
        ),
        count=count,
    )
