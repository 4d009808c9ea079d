"""Benchmark (not a test): what does an open, idle tab cost the server? Run with `make bench`.

For each of three cases it starts the real app afresh (prod mode, one temporary SQLite database, a
state folder of its own) and measures the CPU time of the server's whole process tree (from /proc)
over an idle window: no tab open (the baseline: the server's own background work), N anonymous
Chromium tabs on the landing page, and N tabs of one signed-in buyer on the same page. Prints CPU-seconds per minute
for each case, per tab above the baseline, and the ratio signed-in / anonymous.
Goal: an idle signed-in tab costs at most 2× an anonymous one (the bell used to poll every 4 s: 29×).
Then times the push itself: "mark all read" in one of the buyer's tabs until the bell of another of
their tabs is cleared, 10 times (goal: under 1 s).

BENCH_TABS (default 20) and BENCH_IDLE_SECONDS (default 60) change the size and the window.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TABS = int(os.environ.get("BENCH_TABS", "20"))
IDLE_SECONDS = float(os.environ.get("BENCH_IDLE_SECONDS", "60"))
SETTLE_SECONDS = 10.0  # after start and page loads: let the server finish its start-up work first
GOAL_RATIO = 2.0
LATENCY_REPEATS = 10

_tmp = Path(tempfile.mkdtemp(prefix="realsourcing-bench-idle-"))
os.environ.update(
    {
        "REFLEX_DB_URL": f"sqlite:///{_tmp / 'bench.db'}",
        "DATABASE_URL": f"sqlite:///{_tmp / 'bench.db'}",
        "INSTANCE_DIR": str(_tmp / "instance"),
        "REFLEX_UPLOADED_FILES_DIR": str(_tmp / "media"),
        "PRIVATE_DIR": str(_tmp / "private"),
    }
)

from playwright.sync_api import sync_playwright  # noqa: E402

from realsourcing.accounts.models import User  # noqa: E402
from realsourcing.cli import migrate  # noqa: E402
from realsourcing.db import get_existing, session_scope  # noqa: E402
from realsourcing.notifications import service as notifications  # noqa: E402
from tests.support.app_server import CHROMIUM_ARGS, browser_path, running_app  # noqa: E402
from tests.support.builders import PASSWORD, a_buyer  # noqa: E402

HYDRATED = "main[data-hydrated='true']"


def _parent(pid: int) -> int | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(text[text.rindex(")") + 2 :].split()[1])  # the field after "pid (name) state"


def tree_threads(root_pid: int) -> dict[tuple[int, int], int]:
    """CPU nanoseconds used so far by each thread of `root_pid` and its descendants (server and workers).

    From /proc/<pid>/task/<tid>/schedstat (nanoseconds: an idle tab costs a few milliseconds a minute,
    below the 10 ms ticks of /proc/<pid>/stat).
    """
    parents = {int(p.name): _parent(int(p.name)) for p in Path("/proc").iterdir() if p.name.isdigit()}
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        if ppid is not None:
            children.setdefault(ppid, []).append(pid)
    used: dict[tuple[int, int], int] = {}
    stack = [root_pid]
    while stack:
        pid = stack.pop()
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{pid}/task").iterdir():
                with contextlib.suppress(OSError, ValueError):  # a thread that just ended
                    used[(pid, int(task.name))] = int((task / "schedstat").read_text().split()[0])
        stack.extend(children.get(pid, []))
    return used


def server_pid(url: str) -> int:
    """The process listening on the app's port (the root of the server's process tree)."""
    port = int(url.rsplit(":", 1)[1])
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            cols = line.split()
            if int(cols[1].rsplit(":", 1)[1], 16) == port and cols[3] == "0A":  # LISTEN
                inodes.add(cols[9])
    owners = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if any(os.readlink(fd).removeprefix("socket:[").rstrip("]") in inodes for fd in (proc / "fd").iterdir()):
                owners.append(int(proc.name))
        except OSError:
            continue
    if not owners:
        raise RuntimeError(f"no process listens on port {port}")
    # Several workers may share the socket: their common ancestor among them is the root.
    parents = {pid: _parent(pid) for pid in owners}
    roots = [pid for pid in owners if parents[pid] not in owners]
    return min(roots or owners)


def measure(root_pid: int, seconds: float) -> float:
    """CPU-seconds per minute the server tree used over an idle window of `seconds`.

    Threads that end during the window are left out (none should, in an idle server), new ones count whole.
    """
    before, start = tree_threads(root_pid), time.monotonic()
    time.sleep(seconds)
    after, elapsed = tree_threads(root_pid), time.monotonic() - start
    used_ns = sum(ns - before.get(thread, 0) for thread, ns in after.items())
    return used_ns / 1e9 * 60.0 / elapsed


def open_tabs(context, url: str, count: int) -> list:
    pages = []
    for _ in range(count):
        page = context.new_page()
        page.goto(url + "/")
        page.wait_for_selector(HYDRATED)
        pages.append(page)
    return pages


def push_latency(url: str, reader, watcher, user_id: int) -> tuple[list[float], list[float]]:
    """From "mark all read" in `reader` (a window of its own): seconds until the count's update reaches
    `watcher`, the user's tab in front in another window (its websocket frame), and until its bell is
    cleared on screen."""
    arrived, shown = [], []
    for _ in range(LATENCY_REPEATS):
        with session_scope() as db:  # made here, outside the server: the tabs see it at their next load
            notifications.notify(db, get_existing(db, User, user_id), "account_created", {})
        with watcher.expect_websocket() as socket:
            watcher.reload()
        watcher.wait_for_selector("#unread-count")
        reader.goto(url + "/notifications")
        reader.wait_for_selector(HYDRATED)
        reader.wait_for_selector("#unread-count")
        start = time.perf_counter()
        with socket.value.expect_event("framereceived", predicate=lambda payload: "bell_state" in str(payload)):
            reader.click("#mark-all-read")
        arrived.append(time.perf_counter() - start)
        watcher.wait_for_selector("#unread-count", state="detached")
        shown.append(time.perf_counter() - start)
    return arrived, shown


def signed_in_context(browser, url: str, email: str):
    context = browser.new_context()
    login = context.new_page()
    login.goto(url + "/login")
    login.wait_for_selector(HYDRATED)
    login.fill("#email", email)
    login.fill("#password", PASSWORD)
    login.click("#login-submit")
    login.wait_for_selector("#nav-logout")
    login.close()
    return context


def idle_case(browser, case: str, buyer) -> tuple[float, tuple[list[float], list[float]]]:
    """A fresh server (and fresh state folder) with TABS idle tabs of `case`: CPU-s/min, push latencies."""
    states = _tmp / f"states-{case}"  # Reflex's disk state manager rescans its folder: never share it between cases
    with running_app({"REFLEX_STATES_WORKDIR": str(states)}, _tmp / f"server-{case}.log") as url:
        root = server_pid(url)
        context = None
        pages: list = []
        if case == "anonymous":
            context = browser.new_context()
        elif case == "signed-in":
            context = signed_in_context(browser, url, buyer.email)
        if context is not None:
            pages = open_tabs(context, url, TABS)
        if case == "signed-in" and pages[0].locator("#nav-logout").count() != 1:
            raise RuntimeError("the tabs are not signed in")
        time.sleep(SETTLE_SECONDS)
        cpu = measure(root, IDLE_SECONDS)
        latency: tuple[list[float], list[float]] = ([], [])
        if case == "signed-in":
            reader_window = signed_in_context(browser, url, buyer.email)  # the same buyer, another window
            latency = push_latency(url, reader_window.new_page(), pages[-1], buyer.id)
            reader_window.close()
        if context is not None:
            context.close()
    return cpu, latency


def main() -> int:
    migrate()
    buyer = a_buyer()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path(), args=CHROMIUM_ARGS)
        baseline, _ = idle_case(browser, "none", buyer)
        anon, _ = idle_case(browser, "anonymous", buyer)
        signed, (arrived, shown) = idle_case(browser, "signed-in", buyer)
        browser.close()

    per_anon, per_signed = (anon - baseline) / TABS, (signed - baseline) / TABS
    print(f"Idle tabs: {TABS} tabs per case, a fresh server and {IDLE_SECONDS:.0f} s idle window each, CPU from /proc")
    print(f"  no tab (baseline)    {baseline:8.4f} CPU-s/min")
    print(f"  {TABS:>2} anonymous tabs     {anon:8.4f} CPU-s/min   per tab above baseline {per_anon:+.5f}")
    print(f"  {TABS:>2} signed-in tabs     {signed:8.4f} CPU-s/min   per tab above baseline {per_signed:+.5f}")
    print(f"  ratio signed-in / anonymous (whole server): {signed / anon:.2f}×   (goal ≤ {GOAL_RATIO:.0f}×)")
    print(f"Push: marked read in one window, {len(arrived)} times; the user's tab in front in another window:")
    for label, samples in (("got the update (websocket frame)", arrived), ("showed the cleared bell", shown)):
        median, worst = statistics.median(samples) * 1000, max(samples) * 1000
        print(f"  {label:34} median {median:5.0f} ms, worst {worst:5.0f} ms (goal < 1000 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
