"""Benchmark (not a test): does a wave of log-ins freeze everybody else's pages? Run with `make bench`.

20 clients log in at the same moment, each over its own websocket exactly as the login form does
(the LoginState.submit event: throttle check, argon2id verification, session row, one-time
hand-over code), while another client measures, every ~50 ms:
- an HTTP round trip (GET /ping), and
- a websocket event round trip (a small state event answered with its delta), as an open tab does.
Prints p50 and worst for both while idle and during the burst (the baseline is measured in the same
run, just before), and the ratio burst/idle. argon2 runs on the bounded CPU pool and the database
in threads, so the goal on a 2-core machine is: worst round trip during the burst < 300 ms.

Runs the real app in prod mode on a temporary SQLite database (the probes and the temporary
environment come from bench/upload_latency.py).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Importing it points the environment at a fresh temporary database and directories, as that benchmark does.
from bench import upload_latency as probes  # noqa: E402

LOGINS = int(os.environ.get("BENCH_LOGINS", "20"))
IDLE_SECONDS = float(os.environ.get("BENCH_IDLE_SECONDS", "5"))
GOAL_WORST_MS = 300
os.environ["LOGIN_MAX_FAILURES_PER_IP"] = "1000"  # every log-in here comes from 127.0.0.1

import socketio  # noqa: E402

from realsourcing.accounts.states.auth import LoginState  # noqa: E402
from realsourcing.cli import migrate  # noqa: E402
from tests.support.app_server import running_app  # noqa: E402
from tests.support.builders import PASSWORD, a_buyer, an_email  # noqa: E402

NAMESPACE = probes.NAMESPACE


async def one_login(url: str, email: str, go: asyncio.Event) -> float:
    """Connect a tab's websocket, wait for the signal, submit the login form; seconds until it is signed in."""
    client = socketio.AsyncClient(reconnection=False)
    done = asyncio.Event()

    @client.on("event", namespace=NAMESPACE)
    async def _on_event(update):
        # A signed-in log-in ends by sending the browser to /auth/session for its cookie.
        if isinstance(update, dict) and "/auth/session?code=" in str(update.get("events", "")):
            done.set()

    await client.connect(
        f"{url}?token={uuid.uuid4()}",
        transports=["websocket"],
        socketio_path=NAMESPACE,
        namespaces=[NAMESPACE],
        wait_timeout=30,
    )
    event = {
        "name": f"{LoginState.get_full_name()}.submit",
        "payload": {"form": {"email": email, "password": PASSWORD}},
        "router_data": {"pathname": "/login", "asPath": "/login", "query": {}},
    }
    try:
        await go.wait()
        start = time.perf_counter()
        await client.emit("event", event, namespace=NAMESPACE)
        await asyncio.wait_for(done.wait(), timeout=120)
        return time.perf_counter() - start
    finally:
        await client.disconnect()


async def burst(url: str, emails: list[str]) -> tuple[float, float, list[float]]:
    """All log-ins at once; (start, end, seconds per log-in)."""
    go = asyncio.Event()
    tasks = [asyncio.create_task(one_login(url, email, go)) for email in emails]
    await asyncio.sleep(2)  # every socket connected and waiting
    start = time.perf_counter()
    go.set()
    seconds = await asyncio.gather(*tasks)
    return start, time.perf_counter(), list(seconds)


def report(probe: probes.Probe, idle: tuple[float, float], busy: tuple[float, float]) -> float:
    idle_p50, idle_worst = probes.summary(probe.between(*idle))
    busy_samples = probe.between(*busy)
    busy_p50, busy_worst = probes.summary(busy_samples)
    print(f"\n{probe.name} (every {probes.PROBE_INTERVAL * 1000:.0f} ms; errors {probe.errors})")
    print(f"  idle         p50 {probes.ms(idle_p50)}   worst {probes.ms(idle_worst)}   (n={len(probe.between(*idle))})")
    print(f"  during burst p50 {probes.ms(busy_p50)}   worst {probes.ms(busy_worst)}   (n={len(busy_samples)})")
    print(f"  ratio burst/idle: p50 {busy_p50 / idle_p50:.1f}×, worst {busy_worst / idle_worst:.1f}×")
    return busy_worst


def main() -> None:
    migrate()
    emails = [a_buyer(an_email("burst")).email for _ in range(LOGINS)]
    with running_app({"LOGIN_MAX_FAILURES_PER_IP": "1000"}, probes._tmp / "reflex.log") as url:
        ping = probes.PingProbe(url).start()
        events = probes.EventProbe(url).start()
        events.connected.wait(timeout=30)
        time.sleep(1)  # let both probes settle
        idle = (time.perf_counter(), time.perf_counter() + IDLE_SECONDS)
        time.sleep(IDLE_SECONDS)
        print(f"\n{LOGINS} log-ins at the same moment, each over its own websocket…")
        start, end, each = asyncio.run(burst(url, emails))
        ping.stop()
        events.stop()
    print(
        f"  burst took {end - start:.2f} s; per log-in p50 {probes.ms(statistics.median(each))}, "
        f"worst {probes.ms(max(each))}"
    )
    worst = max(report(ping, (idle[0], idle[1]), (start, end)), report(events, (idle[0], idle[1]), (start, end)))
    verdict = "met" if worst < GOAL_WORST_MS / 1000 else "NOT met"
    print(f"(load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; the machine is shared)")
    print(
        f"\nGoal: worst round trip during the burst < {GOAL_WORST_MS} ms: {verdict} (worst {probes.ms(worst).strip()})"
    )


if __name__ == "__main__":
    main()
