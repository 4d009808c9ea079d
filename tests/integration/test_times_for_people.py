"""Times told to people: a New York buyer and a Shanghai factory each read a meeting in their own zone,
with the other side's time beside it; the meeting's calendar file is theirs alone."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlmodel import col, select

from realsourcing.accounts import service as accounts
from realsourcing.accounts import zones
from realsourcing.core.errors import NotFound, PermissionDenied, ValidationFailed
from realsourcing.core.idempotency import new_key
from realsourcing.db import session_scope, utcnow
from realsourcing.meetings import booking
from realsourcing.meetings.booking import BookingRequest
from realsourcing.notifications import service as notifications
from realsourcing.notifications.models import OutboxMessage
from tests.support.builders import a_bookable_factory, a_buyer

NEW_YORK, SHANGHAI = ZoneInfo("America/New_York"), ZoneInfo("Asia/Shanghai")


def _evening_in_new_york() -> datetime:
    """21:00 New York ten days from now: 09:00 or 10:00 the next morning in Shanghai (inside the factory's hours)."""
    day = (utcnow() + timedelta(days=10)).astimezone(NEW_YORK).date()
    return datetime(day.year, day.month, day.day, 21, 0, tzinfo=NEW_YORK).astimezone(ZoneInfo("UTC"))


def _written(at: datetime, zone: ZoneInfo, city: str, *, abbreviation: bool) -> tuple[str, str]:
    """(start, end) of a one-hour meeting as the English emails write them, built with plain strftime."""
    local, end = at.astimezone(zone), (at + timedelta(hours=1)).astimezone(zone)
    hours = int(local.utcoffset().total_seconds() // 3600)  # type: ignore[union-attr]
    offset = f"UTC{'+' if hours >= 0 else '−'}{abs(hours)}"
    label = f"{city}, {local.tzname()}, {offset}" if abbreviation else f"{city}, {offset}"
    clock = lambda t: f"{t.hour % 12 or 12}:{t:%M} {'AM' if t.hour < 12 else 'PM'}"  # noqa: E731
    return f"{local:%a, %b} {local.day}, {local.year}, {clock(local)}–{clock(end)}", f"({label})"


def _mail_to(user_id: int, kind: str) -> OutboxMessage:
    with session_scope() as db:
        return db.exec(
            select(OutboxMessage)
            .where(OutboxMessage.user_id == user_id, OutboxMessage.kind == kind)
            .order_by(col(OutboxMessage.id).desc())
        ).first()


def test_each_side_reads_the_meeting_email_in_its_own_zone_and_sees_the_other_sides_time():
    owner, type_id = a_bookable_factory(auto_confirm=True)
    buyer = a_buyer()
    zones.set_timezone(buyer, "America/New_York")
    zones.set_timezone(owner, "Asia/Shanghai")
    accounts.set_language(owner, "zh")
    start = _evening_in_new_york()
    request = BookingRequest(factory_id=owner.factory_id, meeting_type_id=type_id, starts_at=start, agenda="QC")
    booking.reserve(buyer, request, key=new_key())

    to_buyer = _mail_to(buyer.id, "meeting_confirmed").body_text
    ny_when, ny_zone = _written(start, NEW_YORK, "New York", abbreviation=True)
    sh_when, sh_zone = _written(start, SHANGHAI, "Shanghai", abbreviation=False)
    assert f"{ny_when} {ny_zone} / {sh_when} {sh_zone}" in to_buyer
    assert "(UTC)" not in to_buyer

    to_factory = _mail_to(owner.id, "meeting_confirmed").body_text
    local = start.astimezone(SHANGHAI)
    assert f"{local.year}年{local.month}月{local.day}日" in to_factory
    assert f"{local:%H:%M}–{local + timedelta(hours=1):%H:%M}（上海，中国标准时间，UTC+8）" in to_factory
    assert "纽约" in to_factory.split("；")[1]  # then the buyer's time, in the factory's language


def test_the_meeting_page_knows_both_zones():
    owner, type_id = a_bookable_factory()
    buyer = a_buyer()
    zones.set_timezone(buyer, "America/New_York")
    start = _evening_in_new_york()
    request = BookingRequest(factory_id=owner.factory_id, meeting_type_id=type_id, starts_at=start, agenda="QC")
    meeting_id = booking.reserve(buyer, request, key=new_key())
    summary = booking.meeting_detail(owner, meeting_id).summary
    assert (summary.buyer_timezone, summary.factory_timezone) == ("America/New_York", "Asia/Shanghai")


def test_the_calendar_file_is_for_the_two_sides_only():
    owner, type_id = a_bookable_factory()
    buyer = a_buyer()
    start = _evening_in_new_york()
    request = BookingRequest(factory_id=owner.factory_id, meeting_type_id=type_id, starts_at=start, agenda="QC")
    meeting_id = booking.reserve(buyer, request, key=new_key())
    for reader in (buyer, owner):
        event = next(c for c in Calendar.from_ical(booking.calendar_file(reader, meeting_id)).walk("VEVENT"))
        assert event.decoded("dtstart") == start  # UTC, as stored
        assert event.decoded("dtend") == start + timedelta(hours=1)
    with pytest.raises(PermissionDenied):
        booking.calendar_file(a_buyer(), meeting_id)
    with pytest.raises(NotFound):
        booking.calendar_file(buyer, 99_999_999)


def test_a_chosen_zone_wins_over_the_browsers_and_nonsense_is_refused():
    buyer = a_buyer()
    assert zones.remember_browser_zone(buyer, "Europe/Berlin") is True
    assert zones.remember_browser_zone(buyer, "Asia/Tokyo") is False  # the account already has one
    with pytest.raises(ValidationFailed):
        zones.set_timezone(buyer, "Mars/Olympus_Mons")
    fresh = a_buyer()
    assert zones.remember_browser_zone(fresh, "../../etc/passwd") is False
    with session_scope() as db:
        from realsourcing.accounts.models import User

        assert db.get(User, buyer.id).timezone == "Europe/Berlin"
        assert db.get(User, fresh.id).timezone == "UTC"


def test_old_messages_without_an_end_still_read_in_the_readers_zone():
    payload = {"starts_at": "2026-12-01T01:00:00+00:00", "meeting_type": "audit", "factory": "F", "link": "x"}
    _subject, body = notifications.render("meeting_confirmed", "en", payload, "America/New_York")
    assert "Mon, Nov 30, 2026, 8:00 PM (New York, EST, UTC−5)" in body
