"""The slot engine, table-driven (the habit Cal.com keeps for getSlots)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from realsourcing.meetings.slots import Busy, Rules, days_with_slots, free_slots, local_instant

SH = ZoneInfo("Asia/Shanghai")
MON = date(2026, 12, 7)  # a Monday
NOW = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)


def sh(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SH).astimezone(UTC)


def rules(**changes) -> Rules:
    base = dict(
        timezone="Asia/Shanghai", weekly={0: ((9 * 60, 12 * 60),)}, min_notice=timedelta(hours=0), horizon_days=365
    )
    base.update(changes)
    return Rules(**base)


def local_times(slots, tz=SH) -> list[str]:
    return [s.astimezone(tz).strftime("%a %H:%M") for s in slots]


CASES = [
    ("one morning range, 60-minute slots", rules(), 60, [], ["Mon 09:00", "Mon 10:00", "Mon 11:00"]),
    (
        "30-minute slots fill the grid",
        rules(),
        30,
        [],
        ["Mon 09:00", "Mon 09:30", "Mon 10:00", "Mon 10:30", "Mon 11:00", "Mon 11:30"],
    ),
    ("a slot must end inside the range", rules(weekly={0: ((9 * 60, 10 * 60 + 30),)}), 60, [], ["Mon 09:00"]),
    (
        "several ranges a day",
        rules(weekly={0: ((9 * 60, 10 * 60), (14 * 60, 15 * 60))}),
        60,
        [],
        ["Mon 09:00", "Mon 14:00"],
    ),
    ("closed date (Chinese New Year)", rules(closed_dates=frozenset({MON})), 60, [], []),
    (
        "extra hours on a date",
        rules(extra_hours={MON: ((19 * 60, 20 * 60),)}),
        60,
        [],
        ["Mon 09:00", "Mon 10:00", "Mon 11:00", "Mon 19:00"],
    ),
    ("a meeting takes its slot", rules(), 60, [Busy(sh(MON, 10), sh(MON, 11))], ["Mon 09:00", "Mon 11:00"]),
    (
        "buffers keep distance from a meeting",
        rules(buffer_before_min=15, buffer_after_min=15),
        60,
        [Busy(sh(MON, 10), sh(MON, 11))],
        [],
    ),
    ("buffer after only", rules(buffer_after_min=30), 60, [Busy(sh(MON, 11), sh(MON, 12))], ["Mon 09:00"]),
    (
        "a scheduled webinar blocks time",
        rules(),
        60,
        [Busy(sh(MON, 9, 30), sh(MON, 10, 15), is_meeting=False)],
        ["Mon 11:00"],
    ),
    ("max per day counts meetings, not webinars", rules(max_per_day=1), 60, [Busy(sh(MON, 11), sh(MON, 12))], []),
    (
        "webinars do not count toward the daily max",
        rules(max_per_day=1),
        60,
        [Busy(sh(MON, 11), sh(MON, 12), is_meeting=False)],
        ["Mon 09:00", "Mon 10:00"],
    ),
]


@pytest.mark.parametrize("name, rule, duration, busy, expected", CASES, ids=[c[0] for c in CASES])
def test_slots(name, rule, duration, busy, expected):
    assert local_times(free_slots(rule, duration, busy, NOW, MON, MON)) == expected


def test_minimum_notice_and_horizon():
    now = sh(MON, 8)
    assert local_times(free_slots(rules(min_notice=timedelta(hours=2)), 60, [], now, MON, MON)) == [
        "Mon 10:00",
        "Mon 11:00",
    ]
    far = MON + timedelta(days=14)
    assert free_slots(rules(horizon_days=10), 60, [], now, far, far) == []
    assert len(free_slots(rules(horizon_days=30), 60, [], now, far, far)) == 3


def test_dst_spring_forward_skips_times_that_do_not_exist():
    berlin = rules(timezone="Europe/Berlin", weekly={6: ((1 * 60, 4 * 60),)})  # Sunday 01:00–04:00
    day = date(2027, 3, 28)  # clocks jump 02:00 → 03:00
    slots = free_slots(berlin, 60, [], NOW, day, day)
    assert local_times(slots, ZoneInfo("Europe/Berlin")) == ["Sun 01:00", "Sun 03:00"]
    assert [s.hour for s in slots] == [0, 1]  # 01:00 CET = 00:00 UTC, 03:00 CEST = 01:00 UTC


def test_dst_fall_back_uses_the_first_occurrence_once():
    berlin = rules(timezone="Europe/Berlin", weekly={6: ((1 * 60, 4 * 60),)})
    day = date(2026, 10, 25)  # clocks go 03:00 → 02:00
    slots = free_slots(berlin, 60, [], NOW - timedelta(days=60), day, day)
    assert [s.strftime("%H:%M") for s in slots] == ["23:00", "00:00", "02:00"]  # UTC; 02:00 local once (as CEST)
    assert len(set(slots)) == len(slots)


def test_buyer_across_the_date_line_and_dst_sees_the_right_local_day():
    # Shanghai 09:00 Monday is Sunday evening in New York; the US leaves DST on 2026-11-01.
    before = free_slots(
        rules(weekly={4: ((9 * 60, 10 * 60),)}),
        60,
        [],
        NOW - timedelta(days=60),
        date(2026, 10, 30),
        date(2026, 10, 30),
    )
    after = free_slots(
        rules(weekly={4: ((9 * 60, 10 * 60),)}), 60, [], NOW - timedelta(days=60), date(2026, 11, 6), date(2026, 11, 6)
    )
    ny = ZoneInfo("America/New_York")
    assert before[0].astimezone(ny).strftime("%a %d %H:%M") == "Thu 29 21:00"  # EDT
    assert after[0].astimezone(ny).strftime("%a %d %H:%M") == "Thu 05 20:00"  # EST
    grouped = days_with_slots(before + after, "America/New_York")
    assert sorted(grouped) == [date(2026, 10, 29), date(2026, 11, 5)]


def test_berlin_buyer_sees_shanghai_slots_move_with_european_dst():
    before = free_slots(
        rules(weekly={4: ((15 * 60, 16 * 60),)}),
        60,
        [],
        NOW - timedelta(days=60),
        date(2026, 10, 23),
        date(2026, 10, 23),
    )
    after = free_slots(
        rules(weekly={4: ((15 * 60, 16 * 60),)}),
        60,
        [],
        NOW - timedelta(days=60),
        date(2026, 10, 30),
        date(2026, 10, 30),
    )
    berlin = ZoneInfo("Europe/Berlin")
    assert before[0].astimezone(berlin).strftime("%H:%M") == "09:00"  # CEST
    assert after[0].astimezone(berlin).strftime("%H:%M") == "08:00"  # CET


def test_local_instant_reports_nonexistent_times():
    berlin = ZoneInfo("Europe/Berlin")
    assert local_instant(date(2027, 3, 28), 2 * 60 + 30, berlin) is None
    assert local_instant(date(2027, 3, 28), 3 * 60, berlin) == datetime(2027, 3, 28, 1, 0, tzinfo=UTC)
