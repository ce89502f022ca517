"""Who may write: SPARQL Update and Graph Store writes are off unless the server says so.

Two ways on: ``allow_update`` (anyone; for local use and test suites) or an update token
(a client sends ``Authorization: Bearer <token>``). Refusals differ so a client can tell
what to do: 401 with ``WWW-Authenticate`` when a token would help, 403 when nothing would.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from starlette.requests import Request

from api.errors import UnauthorizedError
from kg.errors import ReadOnlyError


@dataclass(frozen=True, slots=True)
class WriteAccess:
    allow_update: bool = False
    update_token: str | None = None

    @property
    def possible(self) -> bool:
        """Whether any request could write (the service description says so)."""
        return self.allow_update or bool(self.update_token)

    def check(self, request: Request) -> None:
        """Raise unless ``request`` may write."""
        if self.allow_update:
            return
        if not self.update_token:
            raise ReadOnlyError(
                "this endpoint is read-only",
                hint="start the server with --allow-update or --update-token to enable writes",
            )
        scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(
            credentials.strip().encode(), self.update_token.encode()
        ):
            return
        raise UnauthorizedError(
            "writes need a bearer token", hint="send 'Authorization: Bearer <update token>'"
        )
