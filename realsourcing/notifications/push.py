"""Push to open tabs: who has to see a new unread count, told once the change is committed.

Rules:
- A change to someone's notifications (a new one from `notify()`, or some marked read) is announced
  only after its transaction commits (`announce_after_commit`); a rollback announces nothing.
- An announcement carries user ids only, never counts or text: whoever delivers it reads the count
  from the database then, so a late or repeated announcement can never show a wrong number.
- Without Redis there is one backend worker: announcements go straight to that process's relay.
  With REFLEX_REDIS_URL (several workers) they are published on a Redis channel of this database and
  every worker delivers them to the tabs whose websocket it holds; its own announcements it delivers
  at once and skips when they come back (each relay has an origin id of its own, made when it
  starts: workers forked from one parent share everything made at import). A process without a
  relay (a CLI command, a test) publishes on Redis when it is configured, else has no tab to tell.
- Nothing runs while nothing changes: the relay waits on a queue and on the Redis subscription.

Redis pub/sub rather than PostgreSQL LISTEN/NOTIFY: several workers exist exactly when Redis is set
(Reflex needs it to share state), it works on SQLite too, and it needs no extra long-lived database
connection per worker; publishing after commit gives the same "only committed changes" rule NOTIFY
would. A message lost while Redis reconnects costs only that count until the tab's next page load.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import threading
import uuid
from collections.abc import Awaitable, Callable, Collection, Container, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, func
from sqlmodel import Session, col, select

from realsourcing.accounts.models import AuthSession, User
from realsourcing.config import get_settings
from realsourcing.db import session_scope
from realsourcing.notifications.models import Notification

logger = logging.getLogger("realsourcing.push")

_PENDING_KEY = "realsourcing.push.pending_users"
RETRY_AFTER_S = 2.0  # Redis connection lost: try again after this long


# ------------------------------------------------------------------ announcing


def announce_after_commit(db: Session, user_id: int) -> None:
    """Tell `user_id`'s open tabs about a change made in `db`'s transaction, once it commits."""
    pending: set[int] | None = db.info.get(_PENDING_KEY)
    if pending is None:
        pending = db.info[_PENDING_KEY] = set()
        event.listen(db, "after_commit", _announce_pending)
        event.listen(db, "after_rollback", _drop_pending)
    pending.add(user_id)


def _announce_pending(db: Session) -> None:
    pending: set[int] = db.info.get(_PENDING_KEY) or set()
    users = set(pending)
    pending.clear()
    if users:
        announce(users)


def _drop_pending(db: Session) -> None:
    pending: set[int] | None = db.info.get(_PENDING_KEY)
    if pending is not None:
        pending.clear()


def announce(user_ids: Iterable[int]) -> None:
    """Tell these users' open tabs that their notifications changed (call it after the commit).

    Safe from any thread; never raises (a lost announcement costs a count until the next page load).
    """
    users = frozenset(int(u) for u in user_ids)
    if not users:
        return
    if RELAY.hand_over(users):
        return
    if get_settings().redis_url:
        try:
            _sync_redis().publish(channel_name(), encode(NO_RELAY, users))
        except Exception as exc:  # Redis down: the change is committed, only the live count is late
            logger.warning("could not publish a notification change on Redis: %s", exc)


# ------------------------------------------------------------------ wire format (pure)

NO_RELAY = "-"  # the origin of announcements from processes that run no relay (never a relay's own)


def channel_name(database_url: str | None = None) -> str:
    """One channel per database: apps (or test runs) sharing a Redis never see each other's users."""
    url = database_url if database_url is not None else get_settings().database_url
    return f"realsourcing:bell:{hashlib.sha256(url.encode()).hexdigest()[:16]}"


def encode(origin: str, user_ids: Collection[int]) -> str:
    return json.dumps({"from": origin, "users": sorted(user_ids)})


def decode(raw: bytes | str) -> tuple[str, frozenset[int]] | None:
    """(origin, user ids) of a message, or None when it is not one of ours."""
    try:
        message = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(message, dict):
        return None
    origin, users = message.get("from"), message.get("users")
    if not isinstance(origin, str) or not isinstance(users, list):
        return None
    if not all(isinstance(u, int) and not isinstance(u, bool) and u > 0 for u in users):
        return None
    return origin, frozenset(users)


# ------------------------------------------------------------------ the tabs of this worker (pure)


@dataclass(frozen=True)
class Tab:
    token: str  # Reflex's client token of the browser tab
    user_id: int
    session_id: int  # the sign-in the tab showed; a revoked one gets no more counts


class TabRegistry:
    """The signed-in tabs whose websocket this worker holds, by user.

    Filled by each page load (which runs on the worker holding the tab's websocket); tabs that went
    away are dropped when a delivery or a growing registry checks them against the open connections.
    Used from the event loop's thread only.
    """

    def __init__(self) -> None:
        self._tabs: dict[str, Tab] = {}
        self._by_user: dict[int, set[str]] = {}
        self._checked_size = 0

    def __len__(self) -> int:
        return len(self._tabs)

    def show(self, token: str, user_id: int | None, session_id: int | None) -> None:
        """Record who the tab `token` shows now (None: nobody signed in)."""
        self.forget(token)
        if user_id is None or session_id is None or not token:
            return
        self._tabs[token] = Tab(token, user_id, session_id)
        self._by_user.setdefault(user_id, set()).add(token)

    def forget(self, token: str) -> None:
        tab = self._tabs.pop(token, None)
        if tab is not None:
            tokens = self._by_user.get(tab.user_id, set())
            tokens.discard(token)
            if not tokens:
                self._by_user.pop(tab.user_id, None)

    def tabs_of(self, user_ids: Iterable[int]) -> list[Tab]:
        return [self._tabs[t] for u in user_ids for t in sorted(self._by_user.get(u, ()))]

    def needs_check(self) -> bool:
        """Whether the registry doubled since it was last checked against the open connections."""
        return len(self._tabs) > 2 * self._checked_size + 32

    def keep_only(self, connected: Container[str]) -> None:
        """Drop the tabs whose websocket is no longer open on this worker."""
        for token in [t for t in self._tabs if t not in connected]:
            self.forget(token)
        self._checked_size = len(self._tabs)


# ------------------------------------------------------------------ reading what to show


def unread_counts(user_ids: Collection[int]) -> dict[int, int]:
    """Unread notifications of each user (0 for users with none), in one query."""
    if not user_ids:
        return {}
    with session_scope() as db:
        rows = db.exec(
            select(Notification.user_id, func.count())
            .where(col(Notification.user_id).in_(user_ids), col(Notification.read_at).is_(None))
            .group_by(col(Notification.user_id))
        ).all()
    counts = dict.fromkeys(user_ids, 0)
    counts.update({user_id: count for user_id, count in rows})
    return counts


def live_sessions(session_ids: Collection[int], now: datetime | None = None) -> set[int]:
    """The sign-ins among these that still count: not revoked, not expired, the user still active."""
    if not session_ids:
        return set()
    now = now or datetime.now(UTC)
    with session_scope() as db:
        rows = db.exec(
            select(AuthSession.id)
            .join(User, col(User.id) == AuthSession.user_id)
            .where(
                col(AuthSession.id).in_(session_ids),
                col(AuthSession.revoked_at).is_(None),
                AuthSession.expires_at > now,
                col(User.is_active).is_(True),
            )
        ).all()
    return {session_id for session_id in rows if session_id is not None}


@dataclass(frozen=True)
class Delivery:
    """What each still signed-in tab must show, and the tabs whose sign-in ended."""

    counts: dict[str, int]  # tab token -> unread count
    ended: list[str]


def plan_delivery(tabs: list[Tab], counts: dict[int, int], live: Container[int]) -> Delivery:
    ended = [tab.token for tab in tabs if tab.session_id not in live]
    shown = {tab.token: counts.get(tab.user_id, 0) for tab in tabs if tab.session_id in live}
    return Delivery(shown, ended)


def read_delivery(tabs: list[Tab]) -> Delivery:
    """The counts to show in these tabs, from the database (blocking: run it off the event loop)."""
    counts = unread_counts({tab.user_id for tab in tabs})
    return plan_delivery(tabs, counts, live_sessions({tab.session_id for tab in tabs}))


# ------------------------------------------------------------------ the relay of a backend worker


def coalesce(first: frozenset[int], queue: asyncio.Queue[frozenset[int]]) -> set[int]:
    """`first` and every announcement already waiting behind it: a burst becomes one delivery."""
    users = set(first)
    while True:
        try:
            users |= queue.get_nowait()
        except asyncio.QueueEmpty:
            return users


Deliver = Callable[[set[int]], Awaitable[None]]


class Relay:
    """This process's end of the announcements: local ones in, Redis both ways, one delivery at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._local: asyncio.Queue[frozenset[int]] | None = None
        self.origin = ""  # tells this relay its own announcements when Redis echoes them back

    def hand_over(self, users: frozenset[int]) -> bool:
        """Queue an announcement made in this process (any thread); False when no relay runs here."""
        with self._lock:
            loop, local = self._loop, self._local
        if loop is None or local is None or loop.is_closed():
            return False
        try:
            loop.call_soon_threadsafe(local.put_nowait, users)
        except RuntimeError:  # the loop closed meanwhile
            return False
        return True

    async def run(self, deliver: Deliver, redis_url: str | None = None) -> None:
        """Deliver every announcement until cancelled (the lifespan of a backend worker).

        `redis_url`: REFLEX_REDIS_URL when None; "" for this process alone.
        """
        redis_url = get_settings().redis_url if redis_url is None else redis_url
        local: asyncio.Queue[frozenset[int]] = asyncio.Queue()
        incoming: asyncio.Queue[frozenset[int]] = asyncio.Queue()
        self.origin = uuid.uuid4().hex
        with self._lock:
            self._loop, self._local = asyncio.get_running_loop(), local
        redis = _async_redis(redis_url) if redis_url else None
        tasks = [asyncio.create_task(self._forward_local(local, incoming, redis), name="bell-local")]
        if redis is not None:
            tasks.append(asyncio.create_task(self._listen_redis(incoming, redis), name="bell-redis"))
        try:
            while True:
                users = coalesce(await incoming.get(), incoming)
                if not users:
                    continue
                try:
                    await deliver(users)
                except Exception:  # one broken delivery must not stop the next
                    logger.exception("could not deliver a notification change")
        finally:
            with self._lock:
                self._loop = self._local = None
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            if redis is not None:
                with contextlib.suppress(Exception):
                    await redis.aclose()

    async def _forward_local(self, local: asyncio.Queue, incoming: asyncio.Queue, redis: Any) -> None:
        while True:
            users = coalesce(await local.get(), local)
            incoming.put_nowait(frozenset(users))
            if redis is not None:
                try:
                    await redis.publish(channel_name(), encode(self.origin, users))
                except Exception as exc:
                    logger.warning("could not publish a notification change on Redis: %s", exc)

    async def _listen_redis(self, incoming: asyncio.Queue, redis: Any) -> None:
        channel = channel_name()
        while True:
            try:
                async with redis.pubsub(ignore_subscribe_messages=True) as pubsub:
                    await pubsub.subscribe(channel)
                    async for message in pubsub.listen():
                        decoded = decode(message.get("data", b""))
                        if decoded is not None and decoded[0] != self.origin:
                            incoming.put_nowait(decoded[1])
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                logger.warning("lost the Redis subscription for notification changes (%s); retrying", exc)
            await asyncio.sleep(RETRY_AFTER_S)


class LatestOnly:
    """Shows counts in tabs: per tab one write at a time, and only the newest count waiting.

    A tab whose state is slow to lock (another worker holds it) delays only itself, never the others.
    """

    def __init__(self, write: Callable[[str, int], Awaitable[None]]) -> None:
        self._write = write
        self._latest: dict[str, int] = {}
        self._writers: dict[str, asyncio.Task] = {}

    def put(self, token: str, count: int) -> None:
        self._latest[token] = count
        if token not in self._writers:
            self._writers[token] = asyncio.create_task(self._drain(token), name="bell-tab")

    async def _drain(self, token: str) -> None:
        try:
            while token in self._latest:
                count = self._latest.pop(token)
                try:
                    await self._write(token, count)
                except Exception:
                    logger.exception("could not show the unread count in a tab")
        finally:
            self._writers.pop(token, None)

    async def written(self) -> None:
        """Wait until every waiting count is written."""
        while self._writers:
            await asyncio.gather(*self._writers.values(), return_exceptions=True)


RELAY = Relay()

_clients: dict[str, Any] = {}


def _sync_redis() -> Any:
    if "sync" not in _clients:
        import redis

        _clients["sync"] = redis.Redis.from_url(get_settings().redis_url, socket_connect_timeout=1, socket_timeout=2)
    return _clients["sync"]


def _async_redis(url: str) -> Any:
    import redis.asyncio

    return redis.asyncio.Redis.from_url(url, socket_connect_timeout=2)
