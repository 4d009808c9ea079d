"""ASGI middleware: refuse oversized uploads before their body is read.

Reflex's upload component checks sizes only in the browser; any client can POST to /_upload
directly. Requests announcing a larger Content-Length get 413 at once; a body that grows past the
limit while streaming (no or a false Content-Length) is cut off with 413 too.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from realsourcing.core.uploads import MAX_REQUEST_BYTES

UPLOAD_PATH = "/_upload"


class TooLarge(Exception):
    pass


async def _send_413(send: Send) -> None:
    body = json.dumps({"detail": "File too large", "limit_mb": MAX_REQUEST_BYTES // (1024 * 1024)}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def upload_size_limit(app: ASGIApp, limit: int = MAX_REQUEST_BYTES) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope.get("method") != "POST"
            or not scope.get("path", "").rstrip("/").endswith(UPLOAD_PATH)
        ):
            await app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > limit
            except ValueError:
                too_big = True
            if too_big:
                await _send_413(send)
                return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise TooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await app(scope, counting_receive, tracking_send)
        except TooLarge:
            if not started:
                await _send_413(send)

    return middleware
