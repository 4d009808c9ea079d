"""ASGI middleware: the landing page, the directory, the webinar square and every factory, product and
webinar page leave the server with their own head and main text (core/page_head.py), so search engines
and link previews read them without running the app; people get the same Reflex page, which takes over
as before.

- Only GET/HEAD of those paths, asking for HTML, are touched; the built page is taken from the app
  below (the static server), decompressed when it came precompressed, and sent with the additions,
  uncompressed, `Cache-Control: no-cache` and no validators (the answer now depends on the data).
- A page whose factory, product or webinar does not exist keeps the app's page but answers 404.
- The language: `?lang=en|zh` when the address says it (canonical is then that version), else the
  visitor's language cookie, else Accept-Language — as the page itself chooses.
- The database work runs in a thread, off the event loop.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Callable
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from realsourcing.config import Settings
from realsourcing.core import i18n
from realsourcing.core.page_head import PageHead, inject
from realsourcing.home.page_head import landing_head, square_head
from realsourcing.profile.page_heads import directory_head, factory_head, product_head
from realsourcing.webinars.page_head import webinar_head

LANG_COOKIE = "rs_lang"  # the UI's language cookie (ui/session.py)
MAX_PAGE_BYTES = 2_000_000
_ROUTES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^/$"), "landing"),
    (re.compile(r"^/webinars/?$"), "square"),
    (re.compile(r"^/factories/?$"), "directory"),
    (re.compile(r"^/factories/(?P<key>[a-z0-9][a-z0-9-]{0,79})/?$"), "factory"),
    (re.compile(r"^/products/(?P<key>[0-9]{1,18})/?$"), "product"),
    (re.compile(r"^/webinars/(?P<key>[0-9]{1,18})/?$"), "webinar"),
]
ROW_ID_MAX = 2**63 - 1


def match(path: str) -> tuple[str, str] | None:
    """("factory", slug), ("product", id), ("webinar", id), ("directory", "") or None."""
    for pattern, kind in _ROUTES:
        found = pattern.match(path)
        if found:
            return kind, found.groupdict().get("key") or ""
    return None


def choose_language(query_string: str, cookie_header: str, accept_language: str) -> tuple[str, bool]:
    """(language, chosen by the address)."""
    asked = parse_qs(query_string).get("lang", [""])[0]
    if asked in i18n.LANGUAGES:
        return asked, True
    cookies = SimpleCookie()
    try:
        cookies.load(cookie_header)
    except Exception:  # a malformed cookie header: ignore it like the browser's own parser would
        cookies = SimpleCookie()
    kept = cookies.get(LANG_COOKIE)
    if kept is not None and kept.value in i18n.LANGUAGES:
        return kept.value, False
    return i18n.from_accept_language(accept_language), False


def head_for(kind: str, key: str, lang: str, app_url: str, chosen: bool) -> PageHead | None:
    if kind == "landing":
        return landing_head(lang, app_url, language_chosen=chosen)
    if kind == "square":
        return square_head(lang, app_url, language_chosen=chosen)
    if kind == "directory":
        return directory_head(lang, app_url, language_chosen=chosen)
    if kind == "factory":
        return factory_head(key, lang, app_url, language_chosen=chosen)
    number = int(key)
    if not 1 <= number <= ROW_ID_MAX:
        return None
    if kind == "product":
        return product_head(number, lang, app_url, language_chosen=chosen)
    return webinar_head(number, lang, app_url, language_chosen=chosen)


def _decoded(body: bytes, encoding: str) -> bytes | None:
    if encoding in ("", "identity"):
        return body
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "deflate":
        return zlib.decompress(body)
    return None  # brotli, zstd…: leave the page as it is


def page_heads(settings: Settings) -> Callable[[ASGIApp], ASGIApp]:
    """An `api_transformer` (see the module docstring)."""

    def transform(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            route = match(scope.get("path", "")) if scope["type"] == "http" else None
            if route is None or scope.get("method") not in ("GET", "HEAD"):
                await app(scope, receive, send)
                return
            headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
            # No validators: the stored page's ETag says nothing about today's data.
            inner_scope = {
                **scope,
                "method": "GET",  # a HEAD answer has no page to read
                # The static server would hand the file to the web server by path (granian's pathsend):
                # without the extension it sends the bytes, which are what we read.
                "extensions": {
                    k: v
                    for k, v in (scope.get("extensions") or {}).items()
                    if k not in ("http.response.pathsend", "http.response.zerocopysend")
                },
                "headers": [
                    (k, v)
                    for k, v in scope.get("headers", [])
                    if k.lower() not in (b"if-none-match", b"if-modified-since")
                ],
            }
            start: Message | None = None
            chunks: list[bytes] = []

            async def capture(message: Message) -> None:
                nonlocal start
                if message["type"] == "http.response.start":
                    start = message
                elif message["type"] == "http.response.body":
                    chunks.append(message.get("body", b""))

            await app(inner_scope, receive, capture)
            if start is None:
                return
            body = b"".join(chunks)
            response_headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in start.get("headers", [])}
            html = (
                start["status"] == 200
                and response_headers.get("content-type", "").startswith("text/html")
                and len(body) <= MAX_PAGE_BYTES
            )
            decoded = _decoded(body, response_headers.get("content-encoding", "")) if html else None
            if decoded is None:
                await send(start)
                await send({"type": "http.response.body", "body": body})
                return
            lang, chosen = choose_language(
                scope.get("query_string", b"").decode("latin-1"),
                headers.get("cookie", ""),
                headers.get("accept-language", ""),
            )
            kind, key = route
            head = await run_in_threadpool(head_for, kind, key, lang, settings.app_url, chosen)
            status = 200 if head is not None else 404
            out = inject(decoded.decode("utf-8"), head, settings.app_url).encode() if head is not None else decoded
            dropped = {b"content-length", b"content-encoding", b"etag", b"last-modified", b"cache-control"}
            kept = [(k, v) for k, v in start.get("headers", []) if k.lower() not in dropped]
            kept = [(k, v) for k, v in kept if k.lower() != b"vary"]
            kept += [
                (b"content-length", str(len(out)).encode()),
                (b"cache-control", b"no-cache"),
                (b"vary", b"Accept-Language, Cookie"),  # the language is chosen from them
            ]
            await send({"type": "http.response.start", "status": status, "headers": kept})
            await send({"type": "http.response.body", "body": b"" if scope.get("method") == "HEAD" else out})

        return middleware

    return transform
