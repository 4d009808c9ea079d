"""ASGI middleware: a per-connection rate limit on Reflex's websocket (socket.io over /_event).

Rules:
- Every frame a tab sends over its websocket (an engine.io packet: `42/_event,["event",{…}]` for an event,
  `40/_event,{…}` for the connect that carries the page's hydrate event, `3` for a pong) takes one token
  from its connection's bucket: EVENT_BURST tokens, refilled at EVENT_RATE_PER_SECOND. Measured on the
  real app, a page load sends 2–4 frames and the fastest typing one per keystroke, so a person never
  empties the default bucket.
- A frame that finds the bucket empty is dropped before socket.io parses it. The first drop on a
  connection tells the tab, once: a toast in the visitor's language, sent over the same socket as a
  Reflex state update.
- A connection that keeps flooding — more than EVENT_FLOOD_DISCONNECT_AFTER frames dropped since its
  bucket was last full — is closed (1008, policy violation); Reflex sees a disconnect and forgets it.
- A tab that reconnects (same Reflex client token, same worker) keeps its bucket, so reconnecting never
  refills it: a flooder gets back only what the rate has refilled, is closed at its next drop, and is
  never told twice. The last REMEMBERED_TABS tabs are remembered per worker.
- The limit costs the other tabs nothing: dropped frames never reach the event queue, so a flooding tab
  cannot fill the worker with work.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from realsourcing.config import Settings
from realsourcing.core import i18n

logger = logging.getLogger("realsourcing.edge")

EVENT_PATH = "/_event"  # Reflex's socket.io mount and namespace
LANG_COOKIE = "rs_lang"  # the visitor's language (set by the UI; first visit: Accept-Language)
POLICY_VIOLATION = 1008
REMEMBERED_TABS = 10_000
CLOSE_HANDSHAKE_S = 5.0


class Admission(enum.Enum):
    ACCEPT = "accept"
    DROP_AND_TELL = "drop and tell"  # the connection's first drop
    DROP = "drop"
    DISCONNECT = "disconnect"


@dataclass
class EventBucket:
    """A token bucket for one connection; `now` is passed in (seconds, any monotonic clock)."""

    burst: float
    per_second: float
    disconnect_after: int
    tokens: float = field(init=False)
    updated_at: float | None = field(default=None, init=False)
    dropped_since_full: int = field(default=0, init=False)
    told: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self.tokens = self.burst

    def admit(self, now: float) -> Admission:
        if self.updated_at is not None:
            self.tokens = min(self.burst, self.tokens + max(0.0, now - self.updated_at) * self.per_second)
        self.updated_at = now
        if self.tokens >= self.burst:
            self.dropped_since_full = 0  # the tab paused long enough to refill: earlier drops are forgiven
        if self.tokens >= 1:
            self.tokens -= 1
            return Admission.ACCEPT
        self.dropped_since_full += 1
        if self.dropped_since_full > self.disconnect_after:
            return Admission.DISCONNECT
        if not self.told:
            self.told = True
            return Admission.DROP_AND_TELL
        return Admission.DROP


def language_of(scope: Scope) -> str:
    """The visitor's language from the handshake's rs_lang cookie, else its Accept-Language."""
    headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope.get("headers") or []}
    cookie: SimpleCookie = SimpleCookie()
    with contextlib.suppress(CookieError):  # a malformed Cookie header: fall back to Accept-Language
        cookie.load(headers.get("cookie", ""))
    if LANG_COOKIE in cookie:
        return i18n.supported(cookie[LANG_COOKIE].value)
    return i18n.from_accept_language(headers.get("accept-language"))


def event_frame(update: dict, namespace: str = EVENT_PATH) -> str:
    """A server-sent socket.io EVENT packet ("event", update) on Reflex's namespace, as an engine.io message."""
    return f"42{namespace}," + json.dumps(["event", update], separators=(",", ":"), ensure_ascii=False)


def event_rate_limit(
    settings: Settings,
    notice: Callable[[str], dict],
    clock: Callable[[], float] = time.monotonic,
) -> Callable[[ASGIApp], ASGIApp]:
    """An `api_transformer` limiting each websocket on /_event; `notice(language)` is the state update
    (a dict, as Reflex serializes it) that tells a flooding tab to slow down."""

    remembered: OrderedDict[str, EventBucket] = OrderedDict()  # client token → its bucket, oldest first

    def bucket_for(scope: Scope) -> EventBucket:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        token = (query.get("token") or [""])[0][:200]
        bucket = remembered.pop(token, None) if token else None
        if bucket is None:
            bucket = EventBucket(
                burst=settings.event_burst,
                per_second=settings.event_rate_per_second,
                disconnect_after=settings.event_flood_disconnect_after,
            )
        if token:
            remembered[token] = bucket
            while len(remembered) > REMEMBERED_TABS:
                remembered.popitem(last=False)
        return bucket

    def transform(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if (
                scope["type"] != "websocket"
                or not settings.event_rate_limit_enabled
                or not scope.get("path", "").startswith(EVENT_PATH)
            ):
                await app(scope, receive, send)
                return
            bucket = bucket_for(scope)
            closed = False

            async def guarded_send(message: Message) -> None:
                if not closed:  # after our close, socket.io's own goodbye has nowhere to go
                    await send(message)

            async def limited_receive() -> Message:
                nonlocal closed
                while True:
                    if closed:  # whatever the client still sends after our close is not read
                        return {"type": "websocket.disconnect", "code": POLICY_VIOLATION}
                    message = await receive()
                    if message["type"] != "websocket.receive":
                        return message
                    verdict = bucket.admit(clock())
                    if verdict is Admission.ACCEPT:
                        return message
                    if verdict is Admission.DROP_AND_TELL:
                        logger.warning("websocket flood from %s: dropping its excess events", _client(scope))
                        await send({"type": "websocket.send", "text": event_frame(notice(language_of(scope)))})
                    elif verdict is Admission.DISCONNECT:
                        logger.warning("websocket flood from %s: disconnected", _client(scope))
                        closed = True  # socket.io hears the client left; the close goes out once it has let go
                        return {"type": "websocket.disconnect", "code": POLICY_VIOLATION}

            await app(scope, limited_receive, guarded_send)
            if closed:
                await send({"type": "websocket.close", "code": POLICY_VIOLATION})
                # Read (and drop) what the client still sends until it answers the close: a socket shut while
                # its frames keep arriving is reset, and a reset can lose the close frame (the browser then
                # sees 1006, not our 1008).
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(CLOSE_HANDSHAKE_S):
                        while (await receive())["type"] != "websocket.disconnect":
                            pass

        return middleware

    return transform


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return f"{client[0]}:{client[1]}" if client else "?"
