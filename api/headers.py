"""Headers every response carries: no sniffing, no framing, no referrer leaks, caches told.

A pure ASGI middleware (no response buffering, so streamed SPARQL answers stay streamed).
The Content-Security-Policy forbids plugins, framing and foreign base URIs everywhere;
scripts and styles are left to each page, since GraphiQL loads its own.
``Vary: Accept`` is added wherever the route negotiates the media type, so a shared cache
never hands Turtle to a browser that asked for HTML.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy", b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
)

#: Routes whose answer depends on the Accept header.
NEGOTIATED_PREFIXES = ("/cable/", "/id/", "/sparql", "/queries", "/graphs", "/graphql")


class SecurityHeaders:
    """Add ``SECURITY_HEADERS`` (and ``Vary: Accept`` where negotiated) to each response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        negotiated = path == "/" or path.startswith(NEGOTIATED_PREFIXES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                vary = [v for k, v in headers if k.lower() == b"vary"]
                if negotiated and not any(b"accept" in v.lower() for v in vary):
                    headers.append((b"vary", b"Accept"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
