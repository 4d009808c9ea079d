"""Benchmark (not a test): does a big photo upload freeze everybody else's pages? Run with `make bench`.

One signed-in factory owner uploads 20 photos of 36 megapixels (7360×4912 JPEG, ~4 MB each, one
request, through the real `/_upload` endpoint exactly as the gallery page sends them) while another
client measures, every ~50 ms:
- an HTTP round trip (GET /ping), and
- a websocket event round trip (a state event over socket.io, answered with its delta), as a tab does.
Prints p50 and worst for both while idle and during the upload, and the ratio during/idle.
Goal on a 2-core machine: worst during the upload < 300 ms.

Runs the real app in prod mode on a temporary SQLite database; the photos are generated once with
Pillow and cached under the system's temp folder.
"""

from __future__ import annotations

import abc
import asyncio
import io
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PHOTOS = int(os.environ.get("BENCH_PHOTOS", "20"))
IDLE_SECONDS = float(os.environ.get("BENCH_IDLE_SECONDS", "5"))
PROBE_INTERVAL = 0.05
PHOTO_SIZE = (7360, 4912)  # 36 megapixels, a full-frame camera's photo
GOAL_WORST_MS = 300

_tmp = Path(tempfile.mkdtemp(prefix="realsourcing-bench-upload-"))
os.environ.update(
    {
        "REFLEX_DB_URL": f"sqlite:///{_tmp / 'bench.db'}",
        "DATABASE_URL": f"sqlite:///{_tmp / 'bench.db'}",
        "INSTANCE_DIR": str(_tmp / "instance"),
        "REFLEX_UPLOADED_FILES_DIR": str(_tmp / "media"),
        "PRIVATE_DIR": str(_tmp / "private"),
    }
)

import httpx  # noqa: E402
import socketio  # noqa: E402
from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from realsourcing.cli import migrate  # noqa: E402
from realsourcing.profile import media  # noqa: E402
from realsourcing.profile.states.media import MediaState  # noqa: E402
from realsourcing.ui.session import SessionState  # noqa: E402
from tests.support.app_server import CHROMIUM_ARGS, browser_path, running_app  # noqa: E402
from tests.support.builders import PASSWORD, a_factory  # noqa: E402

HYDRATED = "main[data-hydrated='true']"
NAMESPACE = "/_event"  # Reflex's socket.io path and namespace
PHOTO_DIR = Path(tempfile.gettempdir()) / f"realsourcing-bench-photos-{PHOTO_SIZE[0]}x{PHOTO_SIZE[1]}"


def photos(count: int) -> list[Path]:
    """`count` distinct 36-megapixel JPEGs with photo-like texture (noise), ~4 MB each; made once."""
    PHOTO_DIR.mkdir(exist_ok=True)
    paths = [PHOTO_DIR / f"photo-{i:02d}.jpg" for i in range(count)]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"Generating {len(missing)} photos of {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]} into {PHOTO_DIR} (once)…")
        width, height = PHOTO_SIZE
        coarse = Image.effect_noise((width // 8, height // 8), 60).convert("L").resize(PHOTO_SIZE, Image.BICUBIC)
        fine = Image.effect_noise(PHOTO_SIZE, 12)
        gradient = Image.linear_gradient("L").resize(PHOTO_SIZE)
        bands = [coarse, gradient, Image.blend(fine, coarse, 0.5)]
        for path in missing:
            i = paths.index(path)
            order = [bands[(i + k) % 3] for k in range(3)]  # each photo differs: bands rotated, mirrored
            image = Image.merge("RGB", order)
            if i % 2:
                image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=68 + i % 4)
            path.write_bytes(buffer.getvalue())
    return paths


class Probe(abc.ABC):
    """Measures one kind of round trip every PROBE_INTERVAL in its own thread: (started_at, seconds)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.samples: list[tuple[float, float]] = []
        self.errors = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> Probe:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def between(self, start: float, end: float) -> list[float]:
        return [seconds for at, seconds in self.samples if start <= at <= end]

    @abc.abstractmethod
    def _run(self) -> None:
        """Measure until stopped, appending to self.samples."""


class PingProbe(Probe):
    def __init__(self, url: str) -> None:
        super().__init__("HTTP GET /ping")
        self.url = url

    def _run(self) -> None:
        with httpx.Client(timeout=60) as client:
            while not self._stop.is_set():
                start = time.perf_counter()
                try:
                    client.get(f"{self.url}/ping").raise_for_status()
                    self.samples.append((start, time.perf_counter() - start))
                except httpx.HTTPError:
                    self.errors += 1
                time.sleep(max(0.0, PROBE_INTERVAL - (time.perf_counter() - start)))


class EventProbe(Probe):
    """A tab's websocket: sends a state event and waits for the server's answer (its final delta)."""

    def __init__(self, url: str) -> None:
        super().__init__("websocket event round trip")
        self.url = url
        self.connected = threading.Event()

    def _run(self) -> None:
        asyncio.run(self._loop())

    async def _loop(self) -> None:
        client = socketio.AsyncClient(reconnection=False)
        answered = asyncio.Event()

        @client.on("event", namespace=NAMESPACE)
        async def _on_event(_update):  # this event's handler answers with one update (its delta)
            answered.set()

        token = str(uuid.uuid4())
        await client.connect(
            f"{self.url}?token={token}",
            transports=["websocket"],
            socketio_path=NAMESPACE,
            namespaces=[NAMESPACE],
            wait_timeout=30,
        )
        # the language switch: a small event every page has (it reads the session, changes one var)
        event = {
            "name": f"{SessionState.get_full_name()}.toggle_language",
            "payload": {},
            "router_data": {"pathname": "/", "asPath": "/"},
        }
        self.connected.set()
        try:
            while not self._stop.is_set():
                answered.clear()
                start = time.perf_counter()
                await client.emit("event", event, namespace=NAMESPACE)
                try:
                    await asyncio.wait_for(answered.wait(), timeout=60)
                    self.samples.append((start, time.perf_counter() - start))
                except TimeoutError:
                    self.errors += 1
                await asyncio.sleep(max(0.0, PROBE_INTERVAL - (time.perf_counter() - start)))
        finally:
            await client.disconnect()


def signed_in_gallery_token(browser, url: str, email: str) -> tuple[object, str]:
    """A Chromium tab signed in as the owner on /dashboard/media; its Reflex client token."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/login")
    page.wait_for_selector(HYDRATED)
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_selector("#nav-logout")
    page.goto(url + "/dashboard/media")
    page.wait_for_selector("#media-upload")
    return context, page.evaluate("() => window.sessionStorage.getItem('token')")


def upload(url: str, token: str, paths: list[Path]) -> tuple[float, float]:
    """POST the photos to /_upload as the gallery page does (one request); returns (start, end)."""
    handles = [path.open("rb") for path in paths]
    try:
        start = time.perf_counter()
        with httpx.stream(
            "POST",
            f"{url}/_upload",
            files=[("files", (path.name, handle, "image/jpeg")) for path, handle in zip(paths, handles, strict=True)],
            headers={"Reflex-Client-Token": token, "Reflex-Event-Handler": f"{MediaState.get_full_name()}.upload"},
            timeout=900,
        ) as response:
            response.raise_for_status()
            for _ in response.iter_lines():  # the handler's deltas, streamed until it is done
                pass
        return start, time.perf_counter()
    finally:
        for handle in handles:
            handle.close()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def summary(samples: list[float]) -> tuple[float, float]:
    return (statistics.median(samples), max(samples)) if samples else (float("nan"), float("nan"))


def report(probe: Probe, idle: tuple[float, float], busy: tuple[float, float]) -> float:
    idle_p50, idle_worst = summary(probe.between(*idle))
    busy_samples = probe.between(*busy)
    busy_p50, busy_worst = summary(busy_samples)
    print(f"\n{probe.name} (every {PROBE_INTERVAL * 1000:.0f} ms; errors {probe.errors})")
    print(f"  idle          p50 {ms(idle_p50)}   worst {ms(idle_worst)}   (n={len(probe.between(*idle))})")
    print(f"  during upload p50 {ms(busy_p50)}   worst {ms(busy_worst)}   (n={len(busy_samples)})")
    print(f"  ratio during/idle: p50 {busy_p50 / idle_p50:.1f}×, worst {busy_worst / idle_worst:.1f}×")
    return busy_worst


def main() -> None:
    paths = photos(PHOTOS)
    total_mb = sum(p.stat().st_size for p in paths) / 1024 / 1024
    migrate()
    owner = a_factory(name="Bench Upload Works")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path(), args=CHROMIUM_ARGS)
        with running_app({}, _tmp / "reflex.log") as url:
            context, token = signed_in_gallery_token(browser, url, owner.email)
            ping = PingProbe(url).start()
            events = EventProbe(url).start()
            events.connected.wait(timeout=30)
            time.sleep(1)  # let both probes settle
            idle = (time.perf_counter(), time.perf_counter() + IDLE_SECONDS)
            time.sleep(IDLE_SECONDS)
            print(
                f"\nUploading {len(paths)} photos of {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]} ({total_mb:.0f} MB, one request)…"
            )
            busy = upload(url, token, paths)
            ping.stop()
            events.stop()
            context.close()
        browser.close()
    stored = len(media.my_gallery(owner))
    print(f"  upload took {busy[1] - busy[0]:.1f} s; {stored} of {len(paths)} photos stored")
    worst = max(report(ping, idle, busy), report(events, idle, busy))
    verdict = "met" if worst < GOAL_WORST_MS / 1000 else "NOT met"
    print(f"(load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; the machine is shared)")
    print(f"\nGoal: worst round trip during the upload < {GOAL_WORST_MS} ms: {verdict} (worst {ms(worst).strip()})")


if __name__ == "__main__":
    main()
