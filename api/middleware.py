"""ASGI middleware: a cap on request bodies and security headers on every response."""
from __future__ import annotations

import json
import logging

from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.logs import redact_path

logger = logging.getLogger(__name__)

SECURITY_HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"no-referrer",
    b"permissions-policy": b"camera=(), microphone=(), geolocation=()",
}


class BodyLimitMiddleware:
    """Answers 413 to a body over `max_bytes`: at once when Content-Length says so, else as
    soon as the chunks read so far pass the limit (chunked uploads), never reading it whole.

    Past the limit it answers 413 itself and tells the app the client left, so the app
    stops reading; whatever the app then tries to answer is dropped.

    It also quiets clients that leave: a route reading a body whose client disconnected
    (or was cut off at the limit) raises ClientDisconnect, which would otherwise be logged
    as an unexpected error with its traceback, twice (the app's handler, then uvicorn).
    Here each is one INFO line (`api.middleware`), and the request ends without an answer
    (nobody is left to read one).
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            self._log_too_large(scope)
            await self._reject(send)
            return
        seen = 0
        started = rejected = False

        async def limited_receive() -> Message:
            nonlocal seen, rejected
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    if not started and not rejected:
                        rejected = True
                        self._log_too_large(scope)
                        await self._reject(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if rejected:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except ClientDisconnect:
            if not rejected:
                logger.info("%s %s: the client disconnected before its request was read",
                            scope.get("method"), redact_path(scope.get("path", "")))
            if not started and not rejected:  # uvicorn drops it if the client is gone
                await send({"type": "http.response.start", "status": 400, "headers": []})
                await send({"type": "http.response.body", "body": b""})

    def _log_too_large(self, scope: Scope) -> None:
        logger.info("%s %s: request body over %d bytes (MAX_BODY_BYTES), answered 413",
                    scope.get("method"), redact_path(scope.get("path", "")), self.max_bytes)

    async def _reject(self, send: Send) -> None:
        body = json.dumps({"detail": f"request body is larger than {self.max_bytes} bytes"})
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body.encode()})


def _framing_allowed_by_csp(headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether the route's Content-Security-Policy says who may frame it (frame-ancestors)."""
    return any(name.lower() == b"content-security-policy" and b"frame-ancestors" in value.lower()
               for name, value in headers)


class SecurityHeadersMiddleware:
    """Adds the security headers every response should carry, unless a route set its own.

    A response whose CSP has frame-ancestors gets no X-Frame-Options: the CSP says who may
    frame it (the widget's frame may be embedded by any site), and DENY would contradict it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                if _framing_allowed_by_csp(headers):
                    present.add(b"x-frame-options")
                message["headers"] = headers + [
                    (name, value) for name, value in SECURITY_HEADERS.items()
                    if name not in present]
            await send(message)

        await self.app(scope, receive, with_headers)
