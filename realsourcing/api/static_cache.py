"""ASGI middleware: the built app's hashed files (/assets/name-HASH.js|css|…) are cached for a year and
marked immutable — their name changes whenever their content does, so a browser never has to ask again.

Everything else keeps the caching it had (pages revalidate: their HTML names the current files)."""

from __future__ import annotations

import re
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

YEAR = 365 * 86400
IMMUTABLE = f"public, max-age={YEAR}, immutable".encode()
# Vite/Rolldown names: a readable stem, a dash and an 8-character content hash (e.g. root-QUdfBtgo.js).
_HASHED = re.compile(r"^/assets/[^/]+-[A-Za-z0-9_-]{8}\.(?:js|mjs|css|woff2?|ttf|svg|png|jpe?g|webp|avif)$")


def is_hashed_asset(path: str) -> bool:
    return bool(_HASHED.match(path))


def static_cache() -> Callable[[ASGIApp], ASGIApp]:
    """An `api_transformer` (see the module docstring)."""

    def transform(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http" or not is_hashed_asset(scope.get("path", "")):
                await app(scope, receive, send)
                return

            async def send_cached(message: Message) -> None:
                if message["type"] == "http.response.start" and message.get("status") in (200, 304):
                    kept = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                    message = {**message, "headers": [*kept, (b"cache-control", IMMUTABLE)]}
                await send(message)

            await app(scope, receive, send_cached)

        return middleware

    return transform
