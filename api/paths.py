"""Refuse request paths that hold control characters, before any route sees them.

Starlette compiles each route to a regular expression ending in ``$``, which also matches
before a final newline: ``/queries/%0A`` reached the list of saved queries, ``/health%0A``
the health check. No path of this server holds a control character (C0, DEL), so such a
request is answered 404, as a path that names nothing.
"""

from __future__ import annotations

import re

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class RefuseControlPaths:
    """Answer 404 to a request whose decoded path holds a control character."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _CONTROL.search(scope.get("path", "")):
            await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)
            return
        await self.app(scope, receive, send)
