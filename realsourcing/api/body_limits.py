"""ASGI middleware: every HTTP request's body is limited before it is read.

Rules:
- Each route has a limit: POST /_upload (Reflex's upload endpoint, which checks sizes only in the
  browser) the largest upload; the webhooks MAX_WEBHOOK_BYTES; every other route takes no body at all
  (pages, /ping, /auth/*, the OIDC callback, private files, calendar files, media under /_upload/…).
- A request announcing more (Content-Length) gets 413 at once, before anything reads it.
- A body sent without a length (chunked) is refused at once where no body is taken; where one is, it is
  counted while it streams and cut off with 413 as soon as it grows past the limit.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from realsourcing.api.webhooks import MAX_WEBHOOK_BYTES
from realsourcing.core.uploads import MAX_REQUEST_BYTES

UPLOAD_PATH = "/_upload"
WEBHOOKS_PREFIX = "/api/webhooks/"
NO_BODY = 0


def body_limit(method: str, path: str) -> int:
    """The largest body (bytes) a request to `path` may carry."""
    if method == "POST" and path.rstrip("/").endswith(UPLOAD_PATH):
        return MAX_REQUEST_BYTES
    if method == "POST" and path.startswith(WEBHOOKS_PREFIX):
        return MAX_WEBHOOK_BYTES
    return NO_BODY


async def _send_413(send: Send, limit: int) -> None:
    body = json.dumps({"detail": "Request body too large", "limit_bytes": limit}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),  # the unread body must not be taken for the next request
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _announced_too_large(headers: dict[bytes, bytes], limit: int) -> bool:
    declared = headers.get(b"content-length")
    if declared is not None:
        text = declared.decode("latin-1").strip()
        return not (text.isascii() and text.isdigit()) or int(text) > limit
    chunked = b"chunked" in headers.get(b"transfer-encoding", b"").lower()
    return chunked and limit == NO_BODY  # a body of unknown length where none is taken


def body_size_limit(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        limit = body_limit(scope.get("method", ""), scope.get("path", ""))
        headers = {name.lower(): value for name, value in scope.get("headers") or []}
        if _announced_too_large(headers, limit):
            await _send_413(send, limit)
            return
        received = 0
        started = refused = False

        async def counting_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Answer now and tell the app the client is gone: it stops reading, and whatever it
                    # still sends (or the error page of its ClientDisconnect) goes nowhere.
                    refused = True
                    if not started:
                        await _send_413(send, limit)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await app(scope, counting_receive, guarded_send)
        except Exception:
            if not refused:
                raise  # a refused body's ClientDisconnect is expected; anything else is a real error

    return middleware
