"""Calendar files (.ics) for webinars and meetings, with correct UTC times and a stable UID; and the
Google Calendar / Outlook web links of "Add to calendar", built from the same UTC times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode

from icalendar import Calendar, Event, vCalAddress, vText

from realsourcing.db import utcnow

PRODID = "-//RealSourcing//realsourcing//EN"


def webinar_ics(
    *,
    webinar_id: int,
    title: str,
    description: str,
    starts_at,
    duration_min: int,
    factory_name: str,
    url: str,
    sequence: int = 0,
    cancelled: bool = False,
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", f"webinar-{webinar_id}@realsourcing")
    event.add("sequence", sequence)
    event.add("dtstamp", utcnow())
    event.add("dtstart", starts_at)
    event.add("dtend", starts_at + timedelta(minutes=duration_min))
    event.add("summary", f"{title} — {factory_name}")
    event.add("description", f"{description}\n\nJoin: {url}".strip())
    event.add("url", url)
    event.add("location", vText(url))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()


def meeting_ics(
    *,
    uid: str,
    sequence: int,
    cancelled: bool,
    starts_at,
    ends_at,
    summary: str,
    description: str,
    url: str,
    organizer_email: str,
    attendees: list[tuple[str, str]],
) -> str:
    """An invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL) for one meeting.

    The UID stays the same across every change; SEQUENCE grows on each reschedule, so calendar apps
    update the event they already have instead of adding a new one.
    """

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", utcnow())
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    event.add("summary", summary)
    event.add("description", f"{description}\n\nRoom: {url}".strip())
    event.add("url", url)
    event.add("location", vText(url))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{organizer_email}")
    organizer.params["cn"] = vText("RealSourcing")
    event["organizer"] = organizer
    for name, email in attendees:
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["cn"] = vText(name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=False)
    calendar.add_component(event)
    return calendar.to_ical().decode()


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")  # a machine format for the calendar services


def google_calendar_url(*, title: str, starts_at: datetime, ends_at: datetime, details: str, location: str) -> str:
    """Google Calendar's "add event" link, with the event's UTC times (Google shows them in the reader's zone)."""
    query = {
        "action": "TEMPLATE",
        "text": title,
        "dates": f"{_stamp(starts_at)}/{_stamp(ends_at)}",
        "details": details,
        "location": location,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query, quote_via=quote)


def outlook_calendar_url(*, title: str, starts_at: datetime, ends_at: datetime, details: str, location: str) -> str:
    """Outlook on the web's "new event" link, with the event's UTC times."""
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        "startdt": starts_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "enddt": ends_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "body": details,
        "location": location,
    }
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(query, quote_via=quote)
