"""Times shown to people: their zone, named as they know it, in their language."""

from datetime import UTC, datetime, timedelta

import pytest

from realsourcing.core import timefmt

# The meeting the issue found: a Monday 30 November 20:00 New York meeting, stored as 1 December 01:00 UTC.
MEETING = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def test_a_new_york_buyer_sees_monday_evening_with_the_zone_as_they_know_it():
    assert timefmt.moment(MEETING, "America/New_York", "en") == "Mon, Nov 30, 2026, 8:00 PM (New York, EST, UTC−5)"


def test_a_shenzhen_factory_sees_tuesday_morning_in_chinese():
    assert timefmt.moment(MEETING, "Asia/Shanghai", "zh") == "2026年12月1日周二 09:00（上海，中国标准时间，UTC+8）"


def test_daylight_saving_changes_the_name_and_the_offset():
    summer = datetime(2026, 7, 1, 0, 0, tzinfo=UTC)
    assert timefmt.zone_label("America/New_York", "en", summer) == "New York, EDT, UTC−4"
    assert timefmt.zone_label("America/New_York", "en", MEETING) == "New York, EST, UTC−5"
    assert timefmt.zone_label("Europe/Berlin", "en", summer) == "Berlin, UTC+2"


@pytest.mark.parametrize(
    ("zone", "label"),
    [("Asia/Kolkata", "Kolkata, UTC+5:30"), ("Europe/London", "London, UTC+0"), ("UTC", "UTC")],
)
def test_offsets_with_minutes_and_zero(zone, label):
    assert timefmt.zone_label(zone, "en", MEETING) == label


@pytest.mark.parametrize("zone", ["", None, "Mars/Olympus_Mons", "../../etc/passwd"])
def test_an_unknown_zone_falls_back_to_utc_instead_of_breaking_the_page(zone):
    assert timefmt.known_zone(zone) == "UTC"
    assert timefmt.moment(MEETING, zone, "en") == "Tue, Dec 1, 2026, 1:00 AM (UTC)"


def test_a_meeting_shows_start_and_end_with_the_date_once():
    end = MEETING + timedelta(minutes=45)
    assert (
        timefmt.span(MEETING, end, "America/New_York", "en")
        == "Mon, Nov 30, 2026, 8:00 PM–8:45 PM (New York, EST, UTC−5)"
    )
    assert timefmt.span(MEETING, end, "Asia/Shanghai", "zh", with_zone=False) == "2026年12月1日周二 09:00–09:45"


def test_a_span_across_local_midnight_writes_both_days():
    start = datetime(2026, 12, 1, 4, 30, tzinfo=UTC)  # 23:30 in New York
    text = timefmt.span(start, start + timedelta(hours=1), "America/New_York", "en", with_zone=False)
    assert text == "Mon, Nov 30, 2026, 11:30 PM – Tue, Dec 1, 2026, 12:30 AM"


def test_the_day_is_the_readers_day():
    assert timefmt.day(MEETING, "America/New_York", "en") == "Nov 30, 2026"
    assert timefmt.day(MEETING, "Asia/Shanghai", "zh") == "2026年12月1日"


def test_where_two_parties_meet_the_reader_sees_their_time_first_then_the_other_sides():
    end = MEETING + timedelta(minutes=45)
    zones = ["America/New_York", "Asia/Shanghai"]
    new_york = "Mon, Nov 30, 2026, 8:00 PM–8:45 PM (New York, EST, UTC−5)"
    shanghai = "Tue, Dec 1, 2026, 9:00 AM–9:45 AM (Shanghai, UTC+8)"
    assert timefmt.span_for_both(MEETING, end, "America/New_York", zones, "en") == f"{new_york} / {shanghai}"
    shanghai_zh = "2026年12月1日周二 09:00–09:45（上海，中国标准时间，UTC+8）"
    new_york_zh = "2026年11月30日周一 20:00–20:45（纽约，北美东部标准时间，UTC−5）"
    assert timefmt.span_for_both(MEETING, end, "Asia/Shanghai", zones, "zh") == f"{shanghai_zh}；{new_york_zh}"


def test_two_zones_with_the_same_clock_are_written_once():
    end = MEETING + timedelta(hours=1)
    assert timefmt.span_for_both(MEETING, end, "Asia/Shanghai", ["Asia/Hong_Kong"], "en") == timefmt.span(
        MEETING, end, "Asia/Shanghai", "en"
    )


def test_half_hour_zones_in_both_languages():
    assert timefmt.moment(MEETING, "Asia/Kolkata", "en") == "Tue, Dec 1, 2026, 6:30 AM (Kolkata, UTC+5:30)"
    assert timefmt.moment(MEETING, "Asia/Kolkata", "zh") == "2026年12月1日周二 06:30（加尔各答，印度时间，UTC+5:30）"


def test_daylight_saving_on_both_sides_of_the_change_in_new_york():
    before = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT, the first time round
    after = before + timedelta(hours=1)  # 01:30 EST, the second time round: same clock, other zone
    assert timefmt.moment(before, "America/New_York", "en") == "Sun, Nov 1, 2026, 1:30 AM (New York, EDT, UTC−4)"
    assert timefmt.moment(after, "America/New_York", "en") == "Sun, Nov 1, 2026, 1:30 AM (New York, EST, UTC−5)"
    spring = datetime(2027, 3, 14, 6, 30, tzinfo=UTC)  # 01:30 EST, then the clock jumps 02:00 → 03:00
    text = timefmt.span(spring, spring + timedelta(hours=1), "America/New_York", "en")
    assert text == "Sun, Mar 14, 2027, 1:30 AM–3:30 AM (New York, EST, UTC−5)"


def test_daylight_saving_in_the_southern_hemisphere_in_chinese():
    assert timefmt.zone_label("Australia/Sydney", "zh", MEETING).endswith("UTC+11")  # December: summer time
    assert timefmt.zone_label("Australia/Sydney", "zh", datetime(2026, 7, 1, tzinfo=UTC)).endswith("UTC+10")
    assert timefmt.zone_label("Australia/Sydney", "zh", MEETING).startswith("悉尼，")


def test_slot_clocks_and_week_days_in_both_languages():
    assert timefmt.clock(MEETING, "America/New_York", "en") == "8:00 PM"
    assert timefmt.clock(MEETING, "Asia/Shanghai", "en", weekday=True) == "Tue 9:00 AM"
    assert timefmt.clock(MEETING, "Asia/Shanghai", "zh", weekday=True) == "周二 09:00"
    assert timefmt.day(MEETING, "America/New_York", "en", weekday=True) == "Mon, Nov 30"
    assert timefmt.day(MEETING, "Asia/Shanghai", "zh", weekday=True) == "12月1日周二"


def test_a_plain_date_is_written_in_the_readers_language():
    from datetime import date

    assert timefmt.calendar_day(date(2028, 12, 31), "en") == "Dec 31, 2028"
    assert timefmt.calendar_day(date(2028, 12, 31), "zh") == "2028年12月31日"
