"""Benchmark (not a test): what does an open, idle tab cost the server? Run with `make bench`.

Starts the real app (prod mode, temporary SQLite database), then measures the CPU time of the
server's whole process tree (from /proc) over an idle window in three cases, one after another:
no tab open (the baseline: the server's own background work), N anonymous Chromium tabs on the
landing page, and N tabs of one signed-in buyer on the same page. Prints CPU-seconds per minute
for each case, per tab above the baseline, and the ratio signed-in / anonymous.
Goal: an idle signed-in tab costs at most 2× an anonymous one (the bell used to poll every 4 s: 29×).

BENCH_TABS (default 10) and BENCH_IDLE_SECONDS (default 60) change the size and the window.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TABS = int(os.environ.get("BENCH_TABS", "10"))
IDLE_SECONDS = float(os.environ.get("BENCH_IDLE_SECONDS", "60"))
SETTLE_SECONDS = 3.0  # after the tabs loaded: let their page loads finish before measuring
GOAL_RATIO = 2.0

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

from realsourcing.cli import migrate  # noqa: E402
from tests.support.app_server import CHROMIUM_ARGS, browser_path, running_app  # noqa: E402
from tests.support.builders import PASSWORD, a_buyer  # noqa: E402

HYDRATED = "main[data-hydrated='true']"
TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds used) of a process, from /proc/<pid>/stat; None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # after "pid (name) "
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS  # ppid, utime + stime


def tree_cpu_seconds(root_pid: int) -> float:
    """CPU seconds used so far by `root_pid` and all its descendants (the server and its workers)."""
    stats = {int(p.name): s for p in Path("/proc").iterdir() if p.name.isdigit() and (s := _stat(int(p.name)))}
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    total, stack = 0.0, [root_pid]
    while stack:
        pid = stack.pop()
        if pid in stats:
            total += stats[pid][1]
        stack.extend(children.get(pid, []))
    return total


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
    parents = {pid: (_stat(pid) or (0, 0.0))[0] for pid in owners}
    roots = [pid for pid in owners if parents[pid] not in owners]
    return min(roots or owners)


def measure(root_pid: int, seconds: float) -> float:
    """CPU-seconds per minute the server tree used over an idle window of `seconds`."""
    before, start = tree_cpu_seconds(root_pid), time.monotonic()
    time.sleep(seconds)
    used, elapsed = tree_cpu_seconds(root_pid) - before, time.monotonic() - start
    return used * 60.0 / elapsed


def open_tabs(context, url: str, count: int) -> list:
    pages = []
    for _ in range(count):
        page = context.new_page()
        page.goto(url + "/")
        page.wait_for_selector(HYDRATED)
        pages.append(page)
    return pages


def main() -> int:
    migrate()
    email = a_buyer().email
    with running_app({}, _tmp / "server.log") as url, sync_playwright() as p:
        root = server_pid(url)
        browser = p.chromium.launch(executable_path=browser_path(), args=CHROMIUM_ARGS)
        time.sleep(SETTLE_SECONDS)
        baseline = measure(root, IDLE_SECONDS)

        anonymous = browser.new_context()
        open_tabs(anonymous, url, TABS)
        time.sleep(SETTLE_SECONDS)
        anon = measure(root, IDLE_SECONDS)
        anonymous.close()

        signed_in = browser.new_context()
        login = signed_in.new_page()
        login.goto(url + "/login")
        login.wait_for_selector(HYDRATED)
        login.fill("#email", email)
        login.fill("#password", PASSWORD)
        login.click("#login-submit")
        login.wait_for_selector("#nav-logout")
        login.close()
        pages = open_tabs(signed_in, url, TABS)
        if pages[0].locator("#nav-logout").count() != 1:
            raise RuntimeError("the tabs are not signed in")
        time.sleep(SETTLE_SECONDS)
        signed = measure(root, IDLE_SECONDS)
        signed_in.close()
        browser.close()

    per_anon, per_signed = (anon - baseline) / TABS, (signed - baseline) / TABS
    print(f"Idle tabs: {TABS} tabs per case, {IDLE_SECONDS:.0f} s idle window each, server CPU from /proc")
    print(f"  no tab (baseline)    {baseline:8.4f} CPU-s/min")
    print(f"  {TABS:>2} anonymous tabs     {anon:8.4f} CPU-s/min   per tab above baseline {per_anon:+.5f}")
    print(f"  {TABS:>2} signed-in tabs     {signed:8.4f} CPU-s/min   per tab above baseline {per_signed:+.5f}")
    print(f"  ratio signed-in / anonymous (whole server): {signed / anon:.2f}×   (goal ≤ {GOAL_RATIO:.0f}×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
