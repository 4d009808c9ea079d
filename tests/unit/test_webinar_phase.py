from datetime import UTC, datetime, timedelta

from realsourcing.webinars.phase import DID_NOT_TAKE_PLACE, never_went_live, shown_status

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_a_scheduled_webinar_past_its_planned_end_did_not_take_place():
    assert shown_status("scheduled", START, 60, START + timedelta(minutes=60)) == DID_NOT_TAKE_PLACE
    assert shown_status("scheduled", START, 60, START + timedelta(days=3)) == DID_NOT_TAKE_PLACE


def test_until_its_planned_end_it_is_still_scheduled():
    assert shown_status("scheduled", START, 60, START - timedelta(hours=1)) == "scheduled"
    assert shown_status("scheduled", START, 60, START + timedelta(minutes=59)) == "scheduled"
    assert not never_went_live("scheduled", START, 240, START + timedelta(minutes=239))


def test_one_that_went_live_ended_or_was_cancelled_keeps_its_status():
    late = START + timedelta(days=1)
    for status in ("live", "ended", "cancelled", "draft"):
        assert shown_status(status, START, 60, late) == status
        assert not never_went_live(status, START, 60, late)
