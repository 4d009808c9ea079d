"""Benchmark (not a test): which Reflex state manager for the single worker (no REFLEX_REDIS_URL)?

For each mode it starts a fresh Python process that imports the app (its real state tree), stores N tab
states through Reflex's own state manager (each tab touches the root, the session and one page state,
as a page load does: ≈3 files per tab in disk mode), lets the writes settle, then measures with no tab
active: CPU seconds per minute of the process, resident memory added by the N tabs, and files in the
states folder. Modes: "disk" (Reflex's default: memory plus pickles, expired after an hour), "disk" with
a 10-minute expiry, and "memory" (expired after an hour).

BENCH_TABS (default 4000: ≈12,000 files) and BENCH_IDLE_SECONDS (default 20) change the size and window.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TABS = int(os.environ.get("BENCH_TABS", "4000"))
IDLE_SECONDS = float(os.environ.get("BENCH_IDLE_SECONDS", "20"))
CASES = [("disk", 3600), ("disk", 600), ("memory", 3600)]


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _measure(mode: str) -> str:
    from reflex.istate.manager import StateManager
    from reflex.istate.manager.token import BaseStateToken
    from reflex.state import State

    import realsourcing.realsourcing  # noqa: F401  (registers every page state)
    from realsourcing.home.states.home import HomeState
    from realsourcing.ui.bell import BellState
    from realsourcing.ui.session import SessionState

    manager = StateManager.create()
    assert type(manager).__name__.lower().endswith(mode), type(manager)
    rss_before = _rss_mb()
    for tab in range(TABS):
        async with manager.modify_state(BaseStateToken(ident=f"bench-tab-{tab}", cls=State)) as root:
            session = await root.get_state(SessionState)
            session.display_name = f"Buyer {tab}"
            home = await root.get_state(HomeState)
            home.loaded = True
            bell = await root.get_state(BellState)
            bell.unread = tab % 3 + 1
    await asyncio.sleep(4)  # the disk manager writes after a 2 s debounce
    rss_after = _rss_mb()
    files = len(list(Path(os.environ["REFLEX_STATES_WORKDIR"]).glob("*.pkl")))
    cpu0, wall0 = time.process_time(), time.monotonic()
    await asyncio.sleep(IDLE_SECONDS)
    cpu = (time.process_time() - cpu0) / (time.monotonic() - wall0) * 60
    await manager.close()
    return f"{cpu:.2f}\t{rss_after - rss_before:.1f}\t{files}"


def _child() -> None:
    print(asyncio.run(_measure(sys.argv[2])))


def main() -> None:
    print(f"{TABS} stored tab states, idle window {IDLE_SECONDS:.0f} s, no tab active")
    print(f"{'mode':<22}{'CPU s/min':>10}{'RSS MB':>10}{'files':>8}")
    results = {}
    for mode, expiry in CASES:
        with tempfile.TemporaryDirectory(prefix="realsourcing-bench-states-") as tmp:
            env = {
                **os.environ,
                "REFLEX_STATE_MANAGER_MODE": mode,
                "REFLEX_REDIS_URL": "",
                "REFLEX_REDIS_TOKEN_EXPIRATION": str(expiry),
                "REFLEX_STATES_WORKDIR": tmp,
                "REFLEX_DB_URL": f"sqlite:///{tmp}/bench.db",
                "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
                "INSTANCE_DIR": f"{tmp}/instance",
            }
            out = (
                subprocess.run(
                    [sys.executable, __file__, "--child", mode],
                    env=env,
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
        cpu, rss, files = out.split("\t")
        label = f"{mode} (expiry {expiry // 60} min)"
        results[label] = float(cpu)
        print(f"{label:<22}{cpu:>10}{rss:>10}{files:>8}")
    base = results["memory (expiry 60 min)"]
    for label, cpu in results.items():
        print(f"{label}: {cpu - base:+.2f} CPU s/min ({(cpu - base) / 60:+.1%} of a core) against memory mode")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        _child()
    else:
        main()
