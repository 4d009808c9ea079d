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
