"""Calendar files (.ics) for webinars (and, later, meetings), with correct UTC times and a stable UID."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar, Event, vText

from realsourcing.db import utcnow

PRODID = "-//RealSourcing//realsourcing//EN"


def webinar_ics(*, webinar_id: int, title: str, description: str, starts_at, duration_min: int, factory_name: str,
                url: str, sequence: int = 0, cancelled: bool = False) -> bytes:
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
