"""Benchmark (not a test): can one tab flooding the websocket slow everybody else down? Run with `make bench`.

One tab writes FLOOD_EVENTS (3,000) state events — the directory's search, which reads the database — as
fast as its websocket takes them (speaking engine.io itself, so every frame counted is on the wire;
reconnecting 200 ms after a disconnect, as Reflex's client does, if frames are left to write) while
PROBE_TABS other tabs each send one small event every 20 ms and time its round trip (event out → its
delta back). Measured twice on the real app in prod mode, each time on a fresh server: with the rate limit
off (EVENT_RATE_LIMIT_ENABLED=false, the baseline) and with the default limit.
Prints, for the other tabs, p50 and p99 idle, while the server handles the flood, and over the same
window in both runs (the flood's length without the limit: what the other users live through), each
with its ratio to idle; for the flooder, how many events the server answered, how often it was told to
slow down, and when it was disconnected.
Goal: with the limit, the flood raises the other tabs' p50 by less than 2× (over that same window).
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FLOOD_EVENTS = int(os.environ.get("BENCH_FLOOD_EVENTS", "3000"))
PROBE_TABS = int(os.environ.get("BENCH_PROBE_TABS", "3"))
IDLE_SECONDS = float(os.environ.get("BENCH_IDLE_SECONDS", "5"))
PROBE_INTERVAL = 0.02
RECONNECT_DELAY = 0.2  # Reflex's client retries after 200 ms × attempts; a runaway script would not wait
QUIET_AFTER_FLOOD = 1.0  # the flood is over when the flooder has heard nothing for this long
SAME_WINDOW_AT_LEAST = 5.0  # both runs are compared over the same seconds after the flood starts
GOAL_RATIO = 2.0

_tmp = Path(tempfile.mkdtemp(prefix="realsourcing-bench-flood-"))
os.environ.update(
    {
        "REFLEX_DB_URL": f"sqlite:///{_tmp / 'bench.db'}",
        "DATABASE_URL": f"sqlite:///{_tmp / 'bench.db'}",
        "INSTANCE_DIR": str(_tmp / "instance"),
        "REFLEX_UPLOADED_FILES_DIR": str(_tmp / "media"),
        "PRIVATE_DIR": str(_tmp / "private"),
    }
)

import aiohttp  # noqa: E402
import socketio  # noqa: E402

from realsourcing.api.event_rate_limit import POLICY_VIOLATION  # noqa: E402
from realsourcing.cli import migrate  # noqa: E402
from realsourcing.profile.states.public import DirectoryState  # noqa: E402
from realsourcing.seed import seed_demo_data  # noqa: E402
from realsourcing.ui.flood_notice import FLOOD_TOAST_ID  # noqa: E402
from realsourcing.ui.session import SessionState  # noqa: E402
from tests.support.app_server import running_app  # noqa: E402

NAMESPACE = "/_event"  # Reflex's socket.io path and namespace
# The other tabs: the language switch, a small event every page has (reads the session, changes one var).
EVENT = {
    "name": f"{SessionState.get_full_name()}.toggle_language",
    "payload": {},
    "router_data": {"pathname": "/", "asPath": "/"},
}
# The flooder: the factory directory's on_load (a search in the database), the kind of event worth flooding.
FLOOD_EVENT = {
    "name": f"{DirectoryState.get_full_name()}.open",
    "payload": {},
    "router_data": {"pathname": "/factories", "asPath": "/factories?q=toys"},
}


async def connect(url: str, token: str, on_update) -> socketio.AsyncClient:
    client = socketio.AsyncClient(reconnection=False)
    client.on("event", on_update, namespace=NAMESPACE)
    await client.connect(
        f"{url}?token={token}",
        transports=["websocket"],
        socketio_path=NAMESPACE,
        namespaces=[NAMESPACE],
        wait_timeout=30,
    )
    return client


class ProbeTab:
    """A tab that sends one event every PROBE_INTERVAL and times each round trip: (started_at, seconds)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.samples: list[tuple[float, float]] = []
        self.errors = 0
        self.connected = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    def start(self) -> ProbeTab:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=90)

    def between(self, start: float, end: float) -> list[float]:
        return [seconds for at, seconds in self.samples if start <= at <= end]

    async def _run(self) -> None:
        answered = asyncio.Event()

        async def on_update(_update):
            answered.set()

        client = await connect(self.url, str(uuid.uuid4()), on_update)
        self.connected.set()
        try:
            while not self._stop.is_set():
                answered.clear()
                start = time.perf_counter()
                await client.emit("event", EVENT, namespace=NAMESPACE)
                try:
                    await asyncio.wait_for(answered.wait(), timeout=60)
                    self.samples.append((start, time.perf_counter() - start))
                except TimeoutError:
                    self.errors += 1
                await asyncio.sleep(max(0.0, PROBE_INTERVAL - (time.perf_counter() - start)))
        finally:
            await client.disconnect()


@dataclass
class Flood:
    started: float = 0.0
    ended: float = 0.0
    sent: int = 0
    answers: int = 0
    notices: int = 0
    disconnects: int = 0
    closed_at: float | None = None  # when the server's close first arrived
    sent_when_closed: int = 0
    last_heard: float = field(default=0.0)


class RawTab:
    """A tab speaking engine.io/socket.io itself over one websocket, so every frame it counts is on the wire."""

    def __init__(self, session: aiohttp.ClientSession, url: str, token: str, flood: Flood) -> None:
        self.session, self.url, self.token, self.flood = session, url, token, flood
        self.closed = asyncio.Event()
        self.ws: aiohttp.ClientWebSocketResponse | None = None

    async def open(self) -> bool:
        """Connect to Reflex's namespace; False when the server closes the socket first."""
        self.closed.clear()
        ws_url = self.url.replace("http://", "ws://") + f"{NAMESPACE}/?EIO=4&transport=websocket&token={self.token}"
        self.ws = await self.session.ws_connect(ws_url, max_msg_size=0)
        await self.ws.receive_str()  # engine.io "open"
        await self.ws.send_str(f"40{NAMESPACE},")
        reply = await self.ws.receive()
        if reply.type != aiohttp.WSMsgType.TEXT or not reply.data.startswith(f"40{NAMESPACE},"):
            await self.ws.close()
            return False
        asyncio.get_running_loop().create_task(self._read(self.ws))
        return True

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for message in ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                break
            if message.data == "2":  # engine.io ping
                await ws.send_str("3")
            elif message.data.startswith(f"42{NAMESPACE},"):
                self.flood.last_heard = time.perf_counter()
                if FLOOD_TOAST_ID in message.data:
                    self.flood.notices += 1
                else:
                    self.flood.answers += 1
        if self.flood.closed_at is None and ws.close_code == POLICY_VIOLATION:
            self.flood.closed_at, self.flood.sent_when_closed = time.perf_counter(), self.flood.sent
        self.closed.set()

    async def send(self, frame: str) -> bool:
        if self.ws is None or self.closed.is_set() or self.ws.closed:
            return False
        try:
            await self.ws.send_str(frame)
        except (ConnectionError, RuntimeError, aiohttp.ClientError):
            return False
        return True


async def flood(url: str) -> Flood:
    """FLOOD_EVENTS events as fast as the socket takes them. Disconnected, it reconnects after
    RECONNECT_DELAY (as Reflex's client does) and goes on, as a tab whose script runs away would."""
    result = Flood()
    frame = f"42{NAMESPACE}," + json.dumps(["event", FLOOD_EVENT])
    async with aiohttp.ClientSession() as session:
        tab = RawTab(session, url, str(uuid.uuid4()), result)
        await tab.open()
        result.started = result.last_heard = time.perf_counter()
        while result.sent < FLOOD_EVENTS:
            if await tab.send(frame):
                result.sent += 1
                await asyncio.sleep(0)  # let the reader see the server's answers (and its close) as they come
                continue
            result.disconnects += 1
            while True:
                await asyncio.sleep(RECONNECT_DELAY)
                if await tab.open():
                    break
        while (
            time.perf_counter() - result.last_heard < QUIET_AFTER_FLOOD  # the server still answers the flood
            or (tab.closed.is_set() is False and time.perf_counter() - result.started < SAME_WINDOW_AT_LEAST)
        ):
            await asyncio.sleep(0.05)
        result.ended = result.last_heard
        if tab.ws is not None:
            await tab.ws.close()
    return result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def p50_p99(samples: list[float]) -> tuple[float, float]:
    if len(samples) < 2:
        return (samples[0], samples[0]) if samples else (float("nan"), float("nan"))
    return statistics.median(samples), statistics.quantiles(samples, n=100)[98]


@dataclass
class Run:
    name: str
    idle: list[float]
    tabs: list[ProbeTab]
    flood: Flood
    errors: int

    def during(self, seconds: float | None = None) -> list[float]:
        """Round trips the other tabs started during the flood, or during `seconds` from its start."""
        end = self.flood.ended if seconds is None else self.flood.started + seconds
        return [s for tab in self.tabs for s in tab.between(self.flood.started, end)]


def measure(limited: bool, hold: float = SAME_WINDOW_AT_LEAST) -> Run:
    """One run on a fresh server; the other tabs keep measuring for at least `hold` seconds after the flood starts."""
    name = "with the rate limit (defaults)" if limited else "without the rate limit (baseline)"
    env = {"EVENT_RATE_LIMIT_ENABLED": "true" if limited else "false"}
    with running_app(env, _tmp / f"reflex-{'limited' if limited else 'unlimited'}.log") as url:
        tabs = [ProbeTab(url).start() for _ in range(PROBE_TABS)]
        for tab in tabs:
            tab.connected.wait(timeout=60)
        time.sleep(1)  # let the tabs settle
        idle = (time.perf_counter(), time.perf_counter() + IDLE_SECONDS)
        time.sleep(IDLE_SECONDS)
        flooded = asyncio.run(flood(url))
        time.sleep(max(0.0, flooded.started + hold - time.perf_counter()))
        for tab in tabs:
            tab.stop()
    idle_samples = [s for tab in tabs for s in tab.between(*idle)]
    return Run(name, idle_samples, tabs, flooded, sum(tab.errors for tab in tabs))


def line(label: str, samples: list[float], idle: tuple[float, float]) -> tuple[float, float]:
    p50, p99 = p50_p99(samples)
    print(
        f"    {label:<34} p50 {ms(p50)}   p99 {ms(p99)}   (n={len(samples)})"
        f"   ratio to idle: p50 {p50 / idle[0]:.1f}×, p99 {p99 / idle[1]:.1f}×"
    )
    return p50, p99


def report(run: Run, window: float) -> float:
    """Prints the run; returns the other tabs' p50 ratio over `window` seconds from the flood's start."""
    flooded = run.flood
    print(f"\n{run.name}")
    print(f"  other tabs ({PROBE_TABS}, one event every {PROBE_INTERVAL * 1000:.0f} ms each; timeouts {run.errors})")
    idle = p50_p99(run.idle)
    print(f"    {'idle':<34} p50 {ms(idle[0])}   p99 {ms(idle[1])}   (n={len(run.idle)})")
    active = flooded.ended - flooded.started
    line(f"while the server handles it ({active:.1f} s)", run.during(), idle)
    p50, _ = line(f"over {window:.1f} s from its start", run.during(window), idle)
    print(
        f"  flooding tab: wrote {flooded.sent} events; the server answered {flooded.answers} "
        f"and told it to slow down {flooded.notices}×"
    )
    if flooded.closed_at is None:
        print("    never disconnected")
    else:
        print(
            f"    disconnected {(flooded.closed_at - flooded.started) * 1000:.0f} ms after the flood began "
            f"(its client had written {flooded.sent_when_closed} frames by then, most of them never read); "
            f"{flooded.disconnects} reconnect(s) to write the rest"
        )
    return p50 / idle[0]


def main() -> None:
    migrate()
    seed_demo_data()  # the directory the flooder searches
    print(f"One tab floods {FLOOD_EVENTS} events while {PROBE_TABS} other tabs time their event round trips.")
    baseline = measure(limited=False)
    window = max(baseline.flood.ended - baseline.flood.started, SAME_WINDOW_AT_LEAST)
    limited = measure(limited=True, hold=window)
    base_ratio = report(baseline, window)
    ratio = report(limited, window)
    print(f"\n(load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; the machine is shared)")
    verdict = "met" if ratio < GOAL_RATIO else "NOT met"
    print(
        f"Other tabs' p50 over the {window:.1f} s after a tab starts flooding (the flood's length without the "
        f"limit): {base_ratio:.1f}× idle without the limit → {ratio:.1f}× with it. "
        f"Goal < {GOAL_RATIO:.0f}× with the limit: {verdict}."
    )


if __name__ == "__main__":
    main()
