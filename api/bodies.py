"""Reading request bodies within a size limit, and their media type and charset."""

from __future__ import annotations

from starlette.requests import Request

from api.errors import TooLargeError, UnsupportedMediaError


def media_type(request: Request) -> tuple[str, str | None]:
    """The request's media type (lower case, no parameters) and its charset, if stated."""
    header = request.headers.get("content-type", "")
    pieces = [piece.strip() for piece in header.split(";")]
    charset = None
    for param in pieces[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return pieces[0].lower(), charset


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refusing (413) past ``limit`` bytes without reading further."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLargeError(
            f"the request body is {declared} bytes, more than the limit of {limit}",
            hint="send a smaller request",
        )
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise TooLargeError(
                f"the request body is more than the limit of {limit} bytes",
                hint="send a smaller request",
            )
    return bytes(body)


def decode_utf8(body: bytes, charset: str | None, what: str) -> str:
    """``body`` as text: the SPARQL protocols take UTF-8 only."""
    if charset not in (None, "utf-8", "utf8"):
        raise UnsupportedMediaError(
            f"{what} in charset {charset} is not supported", hint="send it as UTF-8"
        )
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnsupportedMediaError(
            f"{what} is not valid UTF-8 (byte {error.start})", hint="send it as UTF-8"
        ) from error
