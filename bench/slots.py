"""Slot engine speed (a benchmark, not a test): 90 days of slots for a factory with 500 meetings.

Goal: median < 5 ms. Prints median, p95 and the ratio to the goal.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from realsourcing.meetings.slots import Busy, Rules, free_slots

RUNS = 50


def main() -> None:
    rnd = random.Random(3)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    rules = Rules(
        timezone="Asia/Shanghai",
        weekly={d: ((9 * 60, 12 * 60), (13 * 60 + 30, 17 * 60 + 30)) for d in range(5)},
        closed_dates=frozenset({date(2027, 2, 6), date(2027, 2, 7)}),
        buffer_before_min=10,
        buffer_after_min=10,
        min_notice=timedelta(hours=12),
        horizon_days=90,
        max_per_day=8,
    )
    busy = []
    for _ in range(500):
        start = now + timedelta(days=rnd.randint(0, 89), hours=rnd.randint(0, 23), minutes=rnd.choice((0, 30)))
        busy.append(Busy(start, start + timedelta(minutes=rnd.choice((30, 60))), is_meeting=rnd.random() < 0.9))
    first, last = now.date(), now.date() + timedelta(days=89)
    samples, count = [], 0
    for _ in range(RUNS):
        t0 = time.perf_counter()
        count = len(free_slots(rules, 30, busy, now, first, last))
        samples.append(time.perf_counter() - t0)
    samples.sort()
    median, p95 = statistics.median(samples) * 1000, samples[int(0.95 * len(samples)) - 1] * 1000
    print(f"90 days of 30-min slots, 500 busy blocks: {count} free slots")
    print(f"median {median:.2f} ms, p95 {p95:.2f} ms (goal median < 5 ms; ratio {median / 5:.2f})")


if __name__ == "__main__":
    main()
