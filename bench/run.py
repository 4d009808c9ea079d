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

from realsourcing.accounts import service as accounts  # noqa: E402
from realsourcing.cli import migrate  # noqa: E402
from realsourcing.seed import DEMO_PASSWORD, seed_demo_data  # noqa: E402
from tests.support.app_server import CHROMIUM_ARGS, browser_path, running_app  # noqa: E402

HYDRATED = "main[data-hydrated='true']"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def report(name: str, samples: list[float]) -> float:
    median = statistics.median(samples)
    print(f"  {name:<44} median {ms(median)}   min {ms(min(samples))}   max {ms(max(samples))}   (n={len(samples)})")
    return median


def timed_load(page, navigate) -> tuple[float, float]:
    """Seconds from navigation to the first content, and to hydrated with the factory cards."""
    start = time.perf_counter()
    navigate()
    page.wait_for_selector("#home-title")
    paint = time.perf_counter() - start
    page.wait_for_selector(".factory-card")
    page.wait_for_selector(HYDRATED)
    return paint, time.perf_counter() - start


def page_load(browser, url: str) -> None:
    print(f"\nLanding page load ({url}/)")
    cold = []
    for _ in range(RUNS):  # a fresh profile each time: nothing cached
        ctx = browser.new_context()
        page = ctx.new_page()
        cold.append(timed_load(page, lambda: page.goto(url + "/")))
        ctx.close()
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(url + "/")
    page.wait_for_selector(HYDRATED)
    warm = [timed_load(page, page.reload) for _ in range(RUNS)]
    ctx.close()
    cold_paint = report("cold: first content", [p for p, _ in cold])
    cold_ready = report("cold: hydrated with factories", [r for _, r in cold])
    warm_paint = report("warm: first content", [p for p, _ in warm])
    warm_ready = report("warm: hydrated with factories", [r for _, r in warm])
    print(f"  ratio warm/cold: first content {warm_paint / cold_paint:.2f}, hydrated {warm_ready / cold_ready:.2f}")


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
