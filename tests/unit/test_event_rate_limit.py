"""The websocket's event rate limit without a server: the bucket on a fixed clock, and the ASGI middleware
fed frames the way Reflex's socket.io client sends them."""

from __future__ import annotations

import json

from realsourcing.api.event_rate_limit import (
    Admission,
    EventBucket,
    event_frame,
    event_rate_limit,
    language_of,
)
from realsourcing.config import Settings
from tests.support.coroutines import run_coroutine

EVENT = '42/_event,["event",{"name":"reflex___state____state.x.toggle_language","payload":{}}]'


def a_bucket(burst: float = 10, per_second: float = 5, disconnect_after: int = 20) -> EventBucket:
    return EventBucket(burst=burst, per_second=per_second, disconnect_after=disconnect_after)


def verdicts(bucket: EventBucket, times: list[float]) -> list[Admission]:
    return [bucket.admit(t) for t in times]


def test_a_full_bucket_takes_a_burst_at_once():
    assert verdicts(a_bucket(burst=10), [0.0] * 10) == [Admission.ACCEPT] * 10


def test_the_first_event_past_the_burst_is_dropped_and_told_once():
    got = verdicts(a_bucket(burst=10), [0.0] * 15)
    assert got[10] is Admission.DROP_AND_TELL
    assert got[11:] == [Admission.DROP] * 4


def test_the_bucket_refills_at_its_rate_and_never_past_its_burst():
    bucket = a_bucket(burst=10, per_second=5)
    verdicts(bucket, [0.0] * 10)
    assert bucket.admit(0.1) is not Admission.ACCEPT  # 0.5 token: not yet
    assert bucket.admit(0.2) is Admission.ACCEPT  # 1 token after 0.2 s
    assert verdicts(bucket, [100.0] * 10) == [Admission.ACCEPT] * 10  # a long pause refills 10, not 500
    assert bucket.admit(100.0) is not Admission.ACCEPT


def test_a_sustained_flood_is_disconnected_after_its_drops():
    bucket = a_bucket(burst=10, per_second=5, disconnect_after=20)
    got = verdicts(bucket, [0.0] * 31)
    assert got[:10] == [Admission.ACCEPT] * 10
    assert Admission.DISCONNECT not in got[:30]
    assert got[30] is Admission.DISCONNECT  # the 21st drop


def test_a_flood_at_any_speed_faster_than_the_rate_is_disconnected():
    bucket = a_bucket(burst=10, per_second=5, disconnect_after=20)
    got = verdicts(bucket, [i * 0.1 for i in range(200)])  # 10 events a second, twice the rate
    assert Admission.DISCONNECT in got


def test_a_pause_that_refills_the_bucket_forgives_earlier_drops_but_tells_only_once():
    bucket = a_bucket(burst=10, per_second=5, disconnect_after=20)
    assert Admission.DROP_AND_TELL in verdicts(bucket, [0.0] * 25)  # 15 drops
    later = verdicts(bucket, [10.0] * 25)  # full again: counting restarts, no second notice
    assert later.count(Admission.ACCEPT) == 10
    assert later[10:] == [Admission.DROP] * 15
    assert bucket.dropped_since_full == 15


def test_a_person_never_meets_the_default_limit():
    """Measured on the real app: a page load sends 2–4 frames, a navigation 2, a keystroke in a field
    with on_change 1, an upload's progress 1 every 50 ms (the browser's progress interval). The worst
    day: a page load, then typing at 15 keys a second (180 words a minute) for a minute while a slow
    upload reports progress for two minutes, then clicking through 20 pages one after another."""
    settings = Settings()
    bucket = EventBucket(
        burst=settings.event_burst,
        per_second=settings.event_rate_per_second,
        disconnect_after=settings.event_flood_disconnect_after,
    )
    times = [0.0] * 4  # page load: connect (hydrate) and the on_load events
    times += [0.5 + i / 15 for i in range(15 * 60)]  # typing
    times += [0.5 + i * 0.05 for i in range(20 * 120)]  # upload progress
    times += [121.0 + (i // 2) * 0.05 for i in range(40)]  # 20 navigations 50 ms apart, 2 frames each
    assert set(verdicts(bucket, sorted(times))) == {Admission.ACCEPT}


def test_language_comes_from_the_cookie_then_accept_language():
    def scope(*headers: tuple[str, str]) -> dict:
        return {"headers": [(k.encode(), v.encode()) for k, v in headers]}

    assert language_of(scope(("cookie", "rs_session=abc; rs_lang=zh"), ("accept-language", "en-US"))) == "zh"
    assert language_of(scope(("Accept-Language", "zh-CN,zh;q=0.9"))) == "zh"
    assert language_of(scope(("cookie", "rs_lang=fr"))) == "en"
    assert language_of(scope(("cookie", 'bad"cookie; =;'), ("accept-language", "zh-TW"))) == "zh"
    assert language_of(scope()) == "en"


def test_the_notice_is_a_socket_io_event_on_reflexs_namespace():
    frame = event_frame({"events": [{"name": "_call_function", "payload": {"function": "() => 1"}}]})
    prefix, _, packet = frame.partition(",")
    assert prefix == "42/_event"  # engine.io message (4), socket.io EVENT (2), namespace
    assert json.loads(packet) == ["event", {"events": [{"name": "_call_function", "payload": {"function": "() => 1"}}]}]


class FakeSocket:
    """An ASGI websocket: the client's frames in, what the server sends out, and a clock the test moves."""

    def __init__(
        self, frames: list[str], path: str = "/_event/", cookie: str = "rs_lang=zh", token: str = "tab-1"
    ) -> None:
        self.incoming = [{"type": "websocket.connect"}, *({"type": "websocket.receive", "text": f} for f in frames)]
        self.incoming.append({"type": "websocket.disconnect", "code": 1000})
        self.sent: list[dict] = []
        self.scope = {
            "type": "websocket",
            "path": path,
            "query_string": f"EIO=4&transport=websocket&token={token}".encode(),
            "headers": [(b"cookie", cookie.encode())],
        }
        self.now = 0.0

    async def receive(self) -> dict:
        return self.incoming.pop(0)

    async def send(self, message: dict) -> None:
        self.sent.append(message)


def notice(language: str) -> dict:
    return {"events": [{"name": "_call_function", "payload": {"language": language}}]}


def run_middleware(socket: FakeSocket, settings: Settings, transform=None) -> list[dict]:
    """What the app behind the middleware received, until it saw a disconnect."""
    seen: list[dict] = []

    async def app(scope, receive, send):
        while True:
            message = await receive()
            seen.append(message)
            if message["type"] == "websocket.disconnect":
                await send({"type": "websocket.close", "code": 1000})  # must not reach a closed socket twice
                return

    middleware = (transform or event_rate_limit(settings, notice, clock=lambda: socket.now))(app)
    run_coroutine(middleware(socket.scope, socket.receive, socket.send))
    return seen


def limits(**env: str) -> Settings:
    return Settings(**{"EVENT_BURST": "10", "EVENT_RATE_PER_SECOND": "5", "EVENT_FLOOD_DISCONNECT_AFTER": "20", **env})


def test_a_flood_reaches_the_app_only_up_to_the_burst_is_told_once_in_its_language_and_closed():
    socket = FakeSocket([EVENT] * 3000)
    seen = run_middleware(socket, limits())
    events = [m for m in seen if m["type"] == "websocket.receive"]
    assert len(events) == 10
    assert seen[-1] == {"type": "websocket.disconnect", "code": 1008}
    notices = [m for m in socket.sent if m["type"] == "websocket.send"]
    assert len(notices) == 1
    assert json.loads(notices[0]["text"].partition(",")[2])[1]["events"][0]["payload"] == {"language": "zh"}
    assert socket.sent[-1] == {"type": "websocket.close", "code": 1008}  # ours; the app's own close is swallowed
    assert socket.incoming == []  # the rest was read and dropped until the client answered the close


def test_a_tab_within_its_rate_reaches_the_app_whole():
    socket = FakeSocket([EVENT] * 50)
    seen_times: list[float] = []
    original = socket.receive

    async def paced_receive() -> dict:
        socket.now += 0.25  # four frames a second, below the rate of five
        seen_times.append(socket.now)
        return await original()

    socket.receive = paced_receive  # type: ignore[method-assign]
    seen = run_middleware(socket, limits())
    assert len([m for m in seen if m["type"] == "websocket.receive"]) == 50
    assert not [m for m in socket.sent if m["type"] == "websocket.send"]
    assert seen[-1] == {"type": "websocket.disconnect", "code": 1000}


def test_the_limit_leaves_other_paths_and_a_disabled_setting_alone():
    for socket, settings in (
        (FakeSocket([EVENT] * 100, path="/other"), limits()),
        (FakeSocket([EVENT] * 100), limits(EVENT_RATE_LIMIT_ENABLED="false")),
    ):
        seen = run_middleware(socket, settings)
        assert len([m for m in seen if m["type"] == "websocket.receive"]) == 100


def test_reconnecting_never_refills_a_flooders_bucket_nor_tells_it_twice():
    clock = {"now": 0.0}
    transform = event_rate_limit(limits(), notice, clock=lambda: clock["now"])
    first = FakeSocket([EVENT] * 100)
    run_middleware(first, limits(), transform)
    again = FakeSocket([EVENT] * 100)  # the same tab (token) at once: nothing refilled, closed at its first frame
    seen = run_middleware(again, limits(), transform)
    assert [m for m in seen if m["type"] == "websocket.receive"] == []
    assert not [m for m in again.sent if m["type"] == "websocket.send"]
    assert again.sent[-1] == {"type": "websocket.close", "code": 1008}
    clock["now"] = 60.0  # a minute later the bucket is full again: the tab works
    later = FakeSocket([EVENT] * 5)
    assert len([m for m in run_middleware(later, limits(), transform) if m["type"] == "websocket.receive"]) == 5
    other_tab = FakeSocket([EVENT] * 5, token="tab-2")  # another tab never shared the flooder's bucket
    clock["now"] = 0.0
    assert len([m for m in run_middleware(other_tab, limits(), transform) if m["type"] == "websocket.receive"]) == 5
