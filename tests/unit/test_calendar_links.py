"""Add to calendar: the Google Calendar and Outlook web links carry the meeting's UTC times."""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

from realsourcing.notifications.calendar_ics import google_calendar_url, outlook_calendar_url

START = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # Monday 30 November, 20:00 in New York
EVENT = {
    "title": "Deep factory audit · Yiwu Sunny Toys",
    "starts_at": START,
    "ends_at": START + timedelta(minutes=45),
    "details": "Check moulds & QC\n\nhttps://app.example/meetings/7/room",
    "location": "https://app.example/meetings/7/room",
}


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def test_google_link_has_the_utc_start_and_end_and_the_words_intact():
    url = google_calendar_url(**EVENT)
    assert url.startswith("https://calendar.google.com/calendar/render?")
    query = _query(url)
    assert query["action"] == "TEMPLATE"
    assert query["dates"] == "20261201T010000Z/20261201T014500Z"
    assert query["text"] == EVENT["title"]
    assert query["details"] == EVENT["details"]  # "&" and the new lines survive the link


def test_outlook_link_has_the_utc_start_and_end():
    url = outlook_calendar_url(**EVENT)
    assert url.startswith("https://outlook.live.com/calendar/0/deeplink/compose?")
    query = _query(url)
    assert (query["startdt"], query["enddt"]) == ("2026-12-01T01:00:00Z", "2026-12-01T01:45:00Z")
    assert (query["subject"], query["rru"]) == (EVENT["title"], "addevent")


def test_a_start_given_in_another_zone_is_written_in_utc():
    local = START.astimezone(ZoneInfo("America/New_York"))
    assert _query(google_calendar_url(**{**EVENT, "starts_at": local}))["dates"].startswith("20261201T010000Z/")
