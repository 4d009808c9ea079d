"""Benchmarks (not tests): run with `make bench`. Prints figures; never asserts on time.

1. Landing page load in Chromium, median of 10: cold (fresh browser profile each time) and warm
   (same profile, cached assets), measured to the first paint of content and to "hydrated"
   (websocket connected and on_load handlers done).
2. Log-in round trip in the browser, median of 10: click "Log in" → signed-in navigation shown.
   Also the server-side part alone (argon2id verification + session row), median of 10.

Runs the real app in prod mode on a temporary SQLite database loaded with the demo marketplace.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RUNS = int(os.environ.get("BENCH_RUNS", "10"))
_tmp = Path(tempfile.mkdtemp(prefix="realsourcing-bench-"))
os.environ.update(
    {
        "REFLEX_DB_URL": f"sqlite:///{_tmp / 'bench.db'}",
        "DATABASE_URL": f"sqlite:///{_tmp / 'bench.db'}",
        "INSTANCE_DIR": str(_tmp / "instance"),
        "REFLEX_UPLOADED_FILES_DIR": str(_tmp / "media"),
        "PRIVATE_DIR": str(_tmp / "private"),
        "LOGIN_MAX_FAILURES_PER_IP": "1000",
    }
)

from playwright.sync_api import sync_playwright  # noqa: E402

from realsourcing.cli import migrate  # noqa: E402
from realsourcing.seed import DEMO_PASSWORD, seed_demo_data  # noqa: E402
from realsourcing.services import accounts  # noqa: E402
from tests.support.app_server import CHROMIUM_ARGS, browser_path, running_app  # noqa: E402

HYDRATED = "main[data-hydrated='true']"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def report(name: str, samples: list[float]) -> float:
    median = statistics.median(samples)
    print(f"  {name:<44} median {ms(median)}   min {ms(min(samples))}   max {ms(max(samples))}   (n={len(samples)})")
    return median


def page_load(browser, url: str) -> None:
    print(f"\nLanding page load ({url}/)")
    cold_paint, cold_ready, warm_paint, warm_ready = [], [], [], []
    for _ in range(RUNS):
        ctx = browser.new_context()
        page = ctx.new_page()
        start = time.perf_counter()
        page.goto(url + "/")
        page.wait_for_selector("#home-title")
        cold_paint.append(time.perf_counter() - start)
        page.wait_for_selector(".factory-card")
        page.wait_for_selector(HYDRATED)
        cold_ready.append(time.perf_counter() - start)
        ctx.close()
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(url + "/")
    page.wait_for_selector(HYDRATED)
    for _ in range(RUNS):
        start = time.perf_counter()
        page.reload()
        page.wait_for_selector("#home-title")
        warm_paint.append(time.perf_counter() - start)
        page.wait_for_selector(".factory-card")
        page.wait_for_selector(HYDRATED)
        warm_ready.append(time.perf_counter() - start)
    ctx.close()
    cold = report("cold: first content", cold_paint)
    cold_h = report("cold: hydrated with factories", cold_ready)
    warm = report("warm: first content", warm_paint)
    warm_h = report("warm: hydrated with factories", warm_ready)
    print(f"  ratio warm/cold: first content {warm / cold:.2f}, hydrated {warm_h / cold_h:.2f}")


def login_round_trip(browser, url: str) -> None:
    print("\nLog-in round trip (maya@example.com)")
    samples = []
    for _ in range(RUNS):
        ctx = browser.new_context()
        page = ctx.new_page()
        page.goto(url + "/login")
        page.wait_for_selector(HYDRATED)
        page.fill("#email", "maya@example.com")
        page.fill("#password", DEMO_PASSWORD)
        start = time.perf_counter()
        page.click("#login-submit")
        page.wait_for_selector("#nav-logout")
        samples.append(time.perf_counter() - start)
        ctx.close()
    browser_median = report("browser: click → signed in", samples)
    server = []
    for _ in range(RUNS):
        start = time.perf_counter()
        accounts.authenticate("maya@example.com", DEMO_PASSWORD, ip="127.0.0.9")
        server.append(time.perf_counter() - start)
    server_median = report("server only: authenticate()", server)
    print(f"  share of the round trip spent in authenticate(): {server_median / browser_median:.0%}")


def main() -> None:
    migrate()
    seed_demo_data()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path(), args=CHROMIUM_ARGS)
        with running_app({}, _tmp / "reflex.log") as url:
            page_load(browser, url)
            login_round_trip(browser, url)
        browser.close()


if __name__ == "__main__":
    main()
