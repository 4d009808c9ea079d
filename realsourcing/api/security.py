"""ASGI middleware: the security headers every HTTP response carries.

- Content-Security-Policy allows what the pages really load: scripts and styles from this origin;
  the inline scripts of the built pages by their SHA-256 (React Router's hydration data, the theme
  and scroll scripts — read from the build at start-up, so no 'unsafe-inline' for scripts);
  'unsafe-eval', because Reflex delivers what a server event runs in the browser (toasts,
  call_script) as JavaScript source that the client evals; inline styles (Emotion and Radix write
  style tags and attributes at run time); images and media from this origin, data: and blob:;
  the websocket to this origin and the LiveKit server. Stripe Checkout is a redirect: nothing to allow.
- frame-ancestors 'none' and X-Frame-Options DENY: no other site can frame a signed-in page.
- nosniff, a referrer that never leaves a path to other sites, camera and microphone for this
  origin's pages only, and HSTS when APP_URL is https.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from realsourcing.config import Settings

HSTS_SECONDS = 365 * 86400
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.DOTALL | re.IGNORECASE)


def inline_script_hashes(pages_dir: Path | None) -> list[str]:
    """CSP sources ('sha256-…') for every inline script in the built HTML pages, sorted, without repeats."""
    if pages_dir is None or not pages_dir.is_dir():
        return []
    digests: set[str] = set()
    for page in pages_dir.rglob("*.html"):
        for script in _INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            if re.search(r"\ssrc\s*=", script["attrs"], re.IGNORECASE):
                continue
            digest = base64.b64encode(hashlib.sha256(script["body"].encode("utf-8")).digest()).decode()
            digests.add(f"'sha256-{digest}'")
    return sorted(digests)


def _websocket_and_http(url: str) -> list[str]:
    """A server's websocket and HTTP origins (LiveKit answers both on one host)."""
    parts = urlsplit(url)
    if not parts.netloc:
        return []
    secure = parts.scheme in ("wss", "https")
    return [f"{'wss' if secure else 'ws'}://{parts.netloc}", f"{'https' if secure else 'http'}://{parts.netloc}"]


def content_security_policy(settings: Settings, script_hashes: Iterable[str] = ()) -> str:
    """The Content-Security-Policy of every response (see the module docstring for each source's reason)."""
    own_socket = _websocket_and_http(settings.app_origin)[0]  # 'self' covers ws: only in newer browsers
    connect = ["'self'", own_socket, *_websocket_and_http(settings.livekit_url)]
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-eval'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": list(dict.fromkeys(connect)),
        "worker-src": ["'self'", "blob:"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def security_header_values(settings: Settings, script_hashes: Iterable[str] = ()) -> list[tuple[bytes, bytes]]:
    """Every header the middleware sets, as ASGI (name, value) pairs."""
    headers = {
        "content-security-policy": content_security_policy(settings, script_hashes),
        "x-frame-options": "DENY",
        "x-content-type-options": "nosniff",
        "referrer-policy": "strict-origin-when-cross-origin",
        "permissions-policy": (
            "camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()"
        ),
        "cross-origin-opener-policy": "same-origin",
    }
    if settings.uses_https:
        headers["strict-transport-security"] = f"max-age={HSTS_SECONDS}"
    return [(name.encode(), value.encode()) for name, value in headers.items()]


def security_headers(settings: Settings, pages_dir: Path | None) -> Callable[[ASGIApp], ASGIApp]:
    """An `api_transformer`: wraps the whole backend so every HTTP response carries the headers above.

    The built pages are read once, at the first response: the frontend build is complete by then
    (reading them at import could see a previous build).
    """
    ours: list[tuple[bytes, bytes]] = []

    def header_values() -> list[tuple[bytes, bytes]]:
        if not ours:
            ours.extend(security_header_values(settings, inline_script_hashes(pages_dir)))
        return ours

    def transform(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return

            async def send_with_headers(message: Message) -> None:
                if message["type"] == "http.response.start":
                    values = header_values()
                    names = {name for name, _ in values}
                    kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                    message = {**message, "headers": kept + values}
                await send(message)

            await app(scope, receive, send_with_headers)

        return middleware

    return transform
