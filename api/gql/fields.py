"""``field``: ``strawberry.field`` as a decorator that mypy --strict can check.

strawberry types its decorator form (``@strawberry.field(description=...)``) as
returning ``Any``, which strict mypy rejects as an untyped decorator; this wrapper
states what it does to a resolver (keeps it callable as the method it is).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import strawberry

F = TypeVar("F", bound=Callable[..., Any])


def field(*, description: str, name: str | None = None) -> Callable[[F], F]:
    """A resolver method as a GraphQL field with ``description``."""
    return cast(Callable[[F], F], strawberry.field(description=description, name=name))
