"""Errors of the HTTP layer, placed in the project's hierarchy (``kg.errors``).

    KGError
     +-- QueryError
     |    +-- ProtocolError              a request breaks the SPARQL or Graph Store protocol
     |    |    +-- UnsupportedMediaError the body's media type or charset is not one we read
     |    |    +-- MethodNotAllowedError e.g. PUT on /sparql
     |    +-- NotAcceptableError         no format we write fits the Accept header
     |    +-- TooLargeError              the request is bigger than the configured limit
     |    +-- TooComplexError            the query's shape is past the parser's safe limits
     +-- StoreError
     |    +-- ReadOnlyError
     |    |    +-- UnauthorizedError     writes need a bearer token; none (or a wrong one) came
     |    +-- QueryTimeoutError          the query ran past its deadline
     |    +-- BusyError                  every query worker is taken
     |    +-- ResourceLimitError         the query needed more memory than it may use
     +-- NotFoundError                   no such graph, cable or resource

``api/app.py`` maps every one of them to an HTTP status, in one table.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.errors import KGError, QueryError, ReadOnlyError, StoreError


class ProtocolError(QueryError):
    """A request breaks the protocol (missing query, query and update together, ...)."""


class UnsupportedMediaError(ProtocolError):
    """The request body's media type or charset is not one this endpoint reads."""


class MethodNotAllowedError(ProtocolError):
    """The HTTP method is not one this endpoint answers."""

    def __init__(self, method: str, allowed: Sequence[str]) -> None:
        super().__init__(f"method {method} is not allowed here", hint=f"use {' or '.join(allowed)}")
        self.allowed = tuple(allowed)


class NotAcceptableError(QueryError):
    """No format we can write fits the client's Accept header."""

    def __init__(self, accept: str, offers: Sequence[str]) -> None:
        super().__init__(
            f"cannot answer in any of: {accept}", hint=f"accept one of {', '.join(offers)}"
        )


class TooLargeError(QueryError):
    """The request (query, update or upload) is larger than the configured limit."""


class TooComplexError(QueryError):
    """The query nests too deep or has too many parts for the parser to be safe."""


class UnauthorizedError(ReadOnlyError):
    """A write needs ``Authorization: Bearer <token>`` and it was missing or wrong."""


class QueryTimeoutError(StoreError):
    """The query ran past its deadline."""


class BusyError(StoreError):
    """Every query worker is taken by a running query."""


class ResourceLimitError(StoreError):
    """The query needed more memory than a query may use, and was stopped."""


class NotFoundError(KGError):
    """No such graph, cable or resource."""
