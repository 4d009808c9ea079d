"""The slot engine: which meeting start times a factory offers. Pure functions, data in, data out.

Rules:
- Hours are weekly ranges in the factory's local time (several per weekday), changed per date by
  overrides: a closed day has no hours; "extra hours" add a range to that date.
- A slot is `duration` long, starts on the range's grid (every `duration` minutes from the range
  start) and ends inside the range.
- A slot is offered only if it starts at least `min_notice` after now and within `horizon_days`,
  its day has fewer than `max_per_day` meetings, and it (widened by the buffers before and after)
  overlaps nothing busy (meetings, scheduled or live webinars).
- Instants are UTC; local wall-clock times that do not exist (DST spring-forward) are skipped, and
  repeated ones (fall-back) use their first occurrence.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

Range = tuple[int, int]  # minutes after local midnight: [start, end)


@dataclass(frozen=True)
class Rules:
    timezone: str
    weekly: dict[int, tuple[Range, ...]]  # 0 = Monday
    closed_dates: frozenset[date] = frozenset()
    extra_hours: dict[date, tuple[Range, ...]] = field(default_factory=dict)
    buffer_before_min: int = 0
    buffer_after_min: int = 0
    min_notice: timedelta = timedelta(hours=24)
    horizon_days: int = 60
    max_per_day: int = 0  # 0: no limit


@dataclass(frozen=True)
class Busy:
    start: datetime  # UTC
    end: datetime
    is_meeting: bool = True  # meetings count toward the daily maximum; webinars only block time


def local_instant(day: date, minute: int, tz: ZoneInfo) -> datetime | None:
    """The UTC instant of a local wall-clock time, or None when DST skips it."""
    naive = datetime(day.year, day.month, day.day) + timedelta(minutes=minute)
    local = naive.replace(tzinfo=tz, fold=0)
    as_utc = local.astimezone(UTC)
    if as_utc.astimezone(tz).replace(tzinfo=None) != naive:
        return None  # this wall-clock time does not exist that day
    return as_utc


def hours_on(rules: Rules, day: date) -> tuple[Range, ...]:
    if day in rules.closed_dates:
        return ()
    return tuple(sorted(rules.weekly.get(day.weekday(), ()) + rules.extra_hours.get(day, ())))


def free_slots(
    rules: Rules, duration_min: int, busy: Iterable[Busy], now: datetime, first_day: date, last_day: date
) -> list[datetime]:
    """Free slot starts (UTC, ascending) on the factory-local dates first_day..last_day."""
    tz = ZoneInfo(rules.timezone)
    duration = timedelta(minutes=duration_min)
    before, after = timedelta(minutes=rules.buffer_before_min), timedelta(minutes=rules.buffer_after_min)
    earliest, latest = now + rules.min_notice, now + timedelta(days=rules.horizon_days)
    blocks = sorted(busy, key=lambda b: b.start)
    starts = [b.start for b in blocks]
    longest = max((b.end - b.start for b in blocks), default=timedelta(0))
    meetings_per_day: dict[date, int] = {}
    for b in blocks:
        if b.is_meeting:
            day = b.start.astimezone(tz).date()
            meetings_per_day[day] = meetings_per_day.get(day, 0) + 1

    def overlaps(start: datetime, end: datetime) -> bool:
        # Only blocks starting before `end` and not longer ago than the longest block can overlap.
        lo = bisect.bisect_left(starts, start - longest)
        hi = bisect.bisect_left(starts, end)
        return any(blocks[i].end > start for i in range(lo, hi))

    slots: list[datetime] = []
    day = first_day
    while day <= last_day:
        if not (rules.max_per_day and meetings_per_day.get(day, 0) >= rules.max_per_day):
            midnight, next_midnight = local_instant(day, 0, tz), local_instant(day + timedelta(days=1), 0, tz)
            # Most days have one UTC offset throughout: add minutes instead of converting each slot.
            uniform_midnight = (
                midnight
                if midnight is not None and next_midnight is not None and next_midnight - midnight == timedelta(days=1)
                else None
            )
            for range_start, range_end in hours_on(rules, day):
                minute = range_start
                while minute + duration_min <= range_end:
                    start = (
                        uniform_midnight + timedelta(minutes=minute)
                        if uniform_midnight is not None
                        else local_instant(day, minute, tz)
                    )
                    if (
                        start is not None
                        and earliest <= start < latest
                        and not overlaps(start - before, start + duration + after)
                    ):
                        slots.append(start)
                    minute += duration_min
        day += timedelta(days=1)
    return sorted(set(slots))


def days_with_slots(slots: Iterable[datetime], viewer_tz: str) -> dict[date, list[datetime]]:
    """Slots grouped by the viewer's local date (what the booking calendar highlights)."""
    tz = ZoneInfo(viewer_tz)
    grouped: dict[date, list[datetime]] = {}
    for slot in slots:
        grouped.setdefault(slot.astimezone(tz).date(), []).append(slot)
    return grouped
