"""Push to open tabs against the real database (and Redis when configured): committed changes only."""

from __future__ import annotations

import asyncio
import time

import pytest

from realsourcing.accounts import service as accounts
from realsourcing.accounts.models import User
from realsourcing.config import get_settings
from realsourcing.db import get_existing, session_scope
from realsourcing.notifications import push
from realsourcing.notifications import service as notifications
from tests.support.builders import PASSWORD, a_buyer
from tests.support.coroutines import run_coroutine


class _Refused(Exception):
    pass


def _notify(user_id: int, fail: bool = False) -> None:
    with session_scope() as db:
        notifications.notify(db, get_existing(db, User, user_id), "account_created", {}, link="/factories")
        if fail:
            raise _Refused()


def _first_delivery(action, redis_url: str = "") -> set[int]:
    """Run this process's relay, do `action` on another thread, return the first delivery."""

    async def main():
        delivered: asyncio.Queue[set[int]] = asyncio.Queue()

        async def deliver(users: set[int]) -> None:
            delivered.put_nowait(users)

        task = asyncio.create_task(push.RELAY.run(deliver, redis_url=redis_url))
        while not push.RELAY.hand_over(frozenset()):
            await asyncio.sleep(0)
        try:
            await asyncio.to_thread(action)
            return await delivered.get()
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    return run_coroutine(main())


def test_a_notification_is_announced_once_committed_and_never_when_rolled_back():
    rolled_back, committed = a_buyer(), a_buyer()

    def both():
        with pytest.raises(_Refused):
            _notify(rolled_back.id, fail=True)
        _notify(committed.id)

    assert _first_delivery(both) == {committed.id}


def test_notifications_made_in_one_transaction_are_announced_together():
    first, second = a_buyer(), a_buyer()

    def one_transaction():
        with session_scope() as db:
            for user_id in (first.id, second.id):
                notifications.notify(db, get_existing(db, User, user_id), "account_created", {}, link="/factories")

    assert _first_delivery(one_transaction) == {first.id, second.id}


def test_the_counts_come_from_the_database_and_only_live_sign_ins_get_them():
    buyer, other = a_buyer(), a_buyer()  # signing up left each one unread welcome
    _notify(buyer.id)
    assert push.unread_counts({buyer.id, other.id, 999_999}) == {buyer.id: 2, other.id: 1, 999_999: 0}
    notifications.mark_read(buyer)
    assert push.unread_counts({buyer.id}) == {buyer.id: 0}

    kept = accounts.resolve_session(accounts.authenticate(buyer.email, PASSWORD, ip="10.9.0.1")[1])
    ended_token = accounts.authenticate(buyer.email, PASSWORD, ip="10.9.0.1")[1]
    ended = accounts.resolve_session(ended_token)
    assert kept and kept.session_id and ended and ended.session_id  # what a tab's page load sees
    accounts.revoke_session(ended_token)
    assert push.live_sessions({kept.session_id, ended.session_id}) == {kept.session_id}

    delivery = push.read_delivery(
        [push.Tab("tab-kept", buyer.id, kept.session_id), push.Tab("tab-ended", buyer.id, ended.session_id)]
    )
    assert delivery.counts == {"tab-kept": 0} and delivery.ended == ["tab-ended"]


needs_redis = pytest.mark.skipif(not get_settings().redis_url, reason="REFLEX_REDIS_URL is not set")


@needs_redis
def test_another_processs_announcement_arrives_through_redis_and_our_own_echo_is_skipped():
    import redis

    client = redis.Redis.from_url(get_settings().redis_url)
    channel = push.channel_name()

    async def main():
        delivered: asyncio.Queue[set[int]] = asyncio.Queue()

        async def deliver(users: set[int]) -> None:
            delivered.put_nowait(users)

        task = asyncio.create_task(push.RELAY.run(deliver, redis_url=get_settings().redis_url))
        while not push.RELAY.hand_over(frozenset()):  # started: it has its origin id now
            await asyncio.sleep(0)
        try:
            # Other subscribers (the browser tests' app) may listen already: announce until ours hears it.
            while delivered.empty():
                await asyncio.to_thread(client.publish, channel, push.encode(push.RELAY.origin, {111}))
                await asyncio.to_thread(client.publish, channel, push.encode("another-worker", {222}))
                await asyncio.to_thread(client.publish, "realsourcing:bell:another-db", push.encode("x", {333}))
                await asyncio.sleep(0.05)
            return await delivered.get()
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    assert run_coroutine(main()) == {222}


@needs_redis
def test_a_process_without_a_relay_publishes_its_committed_changes_on_redis():
    import redis

    buyer = a_buyer()
    pubsub = redis.Redis.from_url(get_settings().redis_url).pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(push.channel_name())
    try:
        _notify(buyer.id)
        deadline = time.monotonic() + 10
        message = None
        while message is None and time.monotonic() < deadline:
            message = pubsub.get_message(timeout=1)
        assert message is not None, "nothing was published"
        assert push.decode(message["data"]) == (push.NO_RELAY, frozenset({buyer.id}))
    finally:
        pubsub.close()
