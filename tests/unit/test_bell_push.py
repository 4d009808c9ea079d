"""Push to open tabs, the pure parts: the wire format, this worker's tabs, what a delivery shows, the relay."""

from __future__ import annotations

import asyncio
import threading

import pytest

from realsourcing.notifications import push
from realsourcing.notifications.push import Relay, Tab, TabRegistry, coalesce, decode, encode, plan_delivery
from tests.support.coroutines import run_coroutine


def test_an_announcement_travels_as_user_ids_and_its_origin():
    assert decode(encode("worker-a", {7, 3})) == ("worker-a", frozenset({3, 7}))
    assert decode(encode("worker-a", {7}).encode()) == ("worker-a", frozenset({7}))


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b"\xff\xfe",
        b"[1, 2]",
        b'{"users": [1]}',
        b'{"from": "a", "users": 1}',
        b'{"from": "a", "users": ["1"]}',
        b'{"from": "a", "users": [true]}',
        b'{"from": "a", "users": [0]}',
        b'{"from": 5, "users": [1]}',
    ],
)
def test_a_message_that_is_not_an_announcement_is_ignored(raw):
    assert decode(raw) is None


def test_each_database_has_its_own_channel():
    a = push.channel_name("postgresql://db/x?options=-csearch_path%3Drun_a")
    b = push.channel_name("postgresql://db/x?options=-csearch_path%3Drun_b")
    assert a != b
    assert a == push.channel_name("postgresql://db/x?options=-csearch_path%3Drun_a")
    assert a.startswith("realsourcing:bell:")


def test_the_registry_knows_each_tab_by_the_user_it_shows():
    tabs = TabRegistry()
    tabs.show("t1", 7, 70)
    tabs.show("t2", 7, 71)
    tabs.show("t3", 8, 80)
    assert {t.token for t in tabs.tabs_of([7])} == {"t1", "t2"}
    assert tabs.tabs_of([8, 9]) == [Tab("t3", 8, 80)]
    assert len(tabs) == 3


def test_a_tab_signed_in_as_someone_else_follows_only_them():
    tabs = TabRegistry()
    tabs.show("t1", 7, 70)
    tabs.show("t1", 8, 80)
    assert tabs.tabs_of([7]) == []
    assert tabs.tabs_of([8]) == [Tab("t1", 8, 80)]


def test_a_tab_that_signed_out_follows_nobody():
    tabs = TabRegistry()
    tabs.show("t1", 7, 70)
    tabs.show("t1", None, None)
    assert tabs.tabs_of([7]) == [] and len(tabs) == 0
    tabs.show("", 7, 70)  # no client token: nothing to push to
    assert len(tabs) == 0


def test_closed_tabs_are_dropped_against_the_open_connections():
    tabs = TabRegistry()
    for i in range(40):
        tabs.show(f"t{i}", i + 1, i + 100)
    assert tabs.needs_check()
    tabs.keep_only({"t3", "t5"})
    assert {t.token for t in tabs.tabs_of(range(1, 41))} == {"t3", "t5"}
    assert not tabs.needs_check()  # checked again only once it has grown well past this size


def test_a_delivery_shows_each_live_tab_its_users_count_and_drops_ended_sign_ins():
    tabs = [Tab("a", 1, 10), Tab("b", 1, 11), Tab("c", 2, 20), Tab("d", 3, 30)]
    delivery = plan_delivery(tabs, counts={1: 4, 2: 0}, live={10, 20, 30})
    assert delivery.counts == {"a": 4, "c": 0, "d": 0}
    assert delivery.ended == ["b"]


def test_a_burst_of_announcements_becomes_one_delivery():
    async def main():
        queue: asyncio.Queue[frozenset[int]] = asyncio.Queue()
        for users in ({2}, {3, 1}, {2}):
            queue.put_nowait(frozenset(users))
        return coalesce(frozenset({1}), queue), queue.empty()

    assert run_coroutine(main()) == ({1, 2, 3}, True)


async def _started(relay: Relay, deliver) -> asyncio.Task:
    task = asyncio.create_task(relay.run(deliver, redis_url=""))
    while not relay.hand_over(frozenset()):  # it has started once it takes announcements
        await asyncio.sleep(0)
    return task


def _from_another_thread(relay: Relay, users: set[int]) -> None:
    thread = threading.Thread(target=relay.hand_over, args=(frozenset(users),))
    thread.start()
    thread.join()


def test_announcements_from_other_threads_are_delivered_and_a_stopped_relay_takes_none():
    relay = Relay()
    delivered: list[set[int]] = []

    async def main():
        all_there = asyncio.Event()

        async def deliver(users: set[int]) -> None:
            delivered.append(users)
            if set().union(*delivered) >= {1, 2, 3}:
                all_there.set()

        task = await _started(relay, deliver)
        _from_another_thread(relay, {1})
        _from_another_thread(relay, {2, 3})
        await all_there.wait()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        return relay.hand_over(frozenset({1}))

    assert run_coroutine(main()) is False
    assert set().union(*delivered) == {1, 2, 3} and set() not in delivered


def test_a_broken_delivery_does_not_stop_the_next_one():
    relay = Relay()
    delivered: list[set[int]] = []

    async def main():
        failed, second = asyncio.Event(), asyncio.Event()

        async def deliver(users: set[int]) -> None:
            if not failed.is_set():
                failed.set()
                raise RuntimeError("a broken delivery")
            delivered.append(users)
            second.set()

        task = await _started(relay, deliver)
        _from_another_thread(relay, {4})
        await failed.wait()
        _from_another_thread(relay, {5})
        await second.wait()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    run_coroutine(main())
    assert delivered == [{5}]


def test_without_a_relay_in_this_process_nothing_is_taken():
    assert Relay().hand_over(frozenset({1})) is False


def test_a_tab_slow_to_lock_delays_only_itself_and_then_shows_only_the_newest_count():
    written: list[tuple[str, int]] = []

    async def main():
        slow_tab_free = asyncio.Event()

        async def write(token: str, count: int) -> None:
            if token == "slow":
                await slow_tab_free.wait()  # e.g. another worker holds this tab's state
            written.append((token, count))

        writes = push.LatestOnly(write)
        writes.put("slow", 1)
        writes.put("quick", 1)
        await asyncio.sleep(0)
        writes.put("slow", 2)
        writes.put("slow", 3)
        while ("quick", 1) not in written:
            await asyncio.sleep(0)
        assert written == [("quick", 1)], "the quick tab waited for the slow one"
        slow_tab_free.set()
        await writes.written()

    run_coroutine(main())
    assert written == [("quick", 1), ("slow", 1), ("slow", 3)]


def test_a_failed_write_does_not_stop_the_tabs_next_count():
    written: list[int] = []

    async def main():
        async def write(token: str, count: int) -> None:
            if count == 1:
                raise RuntimeError("the tab's state could not be locked")
            written.append(count)

        writes = push.LatestOnly(write)
        writes.put("tab", 1)
        await writes.written()
        writes.put("tab", 2)
        await writes.written()

    run_coroutine(main())
    assert written == [2]
