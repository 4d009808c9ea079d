"""Times in the browser are the reader's own: the zone comes from the browser, named as people know it."""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import httpx
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect

from realsourcing.accounts import zones
from realsourcing.accounts.models import User
from realsourcing.core.idempotency import new_key
from realsourcing.db import session_scope, utcnow
from realsourcing.meetings import booking
from realsourcing.meetings.booking import BookingRequest
from realsourcing.notifications.service import notify
from realsourcing.profile.models import Factory
from realsourcing.webinars import service as webinars
from realsourcing.webinars.service import WebinarForm
from tests.e2e.helpers import log_in, open_page, watch_csp
from tests.support.builders import PASSWORD, a_bookable_factory, a_buyer, a_factory

NEW_YORK, SHANGHAI = ZoneInfo("America/New_York"), ZoneInfo("Asia/Shanghai")


def zone_of(user_id: int) -> str:
    with session_scope() as db:
        user = db.get(User, user_id)
        assert user is not None
        return user.timezone


def wait_for_zone(user_id: int, zone: str) -> None:
    """The browser reports its zone just after the page mounts; wait for it to be on the account."""
    deadline = time.monotonic() + 15
    while zone_of(user_id) != zone and time.monotonic() < deadline:
        time.sleep(0.2)
    assert zone_of(user_id) == zone


def a_notification_for(user_id: int) -> None:
    with session_scope() as db:
        user = db.get(User, user_id)
        assert user is not None
        notify(db, user, "order_shipped", {"reference": "RS-TZ-1", "tracking": "DHL 1"}, link="/orders/1")


def test_a_new_york_buyer_sees_new_york_times_named_as_people_know_them(browser: Browser, app_url: str):
    buyer = a_buyer()
    assert zone_of(buyer.id) == "UTC"  # a new account has no zone of its own yet
    context = browser.new_context(base_url=app_url, locale="en-US", timezone_id="America/New_York")
    csp = watch_csp(context)
    try:
        page = context.new_page()
        log_in(page, buyer.email, PASSWORD)
        wait_for_zone(buyer.id, "America/New_York")

        a_notification_for(buyer.id)
        open_page(page, "/notifications")
        row = page.locator(".notification-row").first
        expect(row).to_contain_text(re.compile(r"New York, E[SD]T, UTC−[45]\)"))
        expect(row).not_to_contain_text("UTC)")

        open_page(page, "/account")
        expect(page.locator("#account-timezone")).to_contain_text(re.compile(r"New York, E[SD]T, UTC−[45]"))
    finally:
        context.close()
    assert not csp


def test_a_factory_owner_reads_shanghai_time_in_chinese_and_can_change_the_zone(browser: Browser, app_url: str):
    owner = a_factory(name="Zone Works")
    context = browser.new_context(base_url=app_url, locale="zh-CN", timezone_id="Asia/Shanghai")
    context.add_cookies([{"name": "rs_lang", "value": "zh", "url": app_url}])
    csp = watch_csp(context)
    try:
        page = context.new_page()
        log_in(page, owner.email, PASSWORD)
        wait_for_zone(owner.id, "Asia/Shanghai")
        open_page(page, "/account")
        expect(page.locator("#account-timezone")).to_contain_text("上海，中国标准时间，UTC+8")

        page.click("#account-timezone")
        page.get_by_role("option", name=re.compile("^东京")).click()
        expect(page.locator("#account-timezone")).to_contain_text("东京")
        wait_for_zone(owner.id, "Asia/Tokyo")
        a_notification_for(owner.id)
        open_page(page, "/notifications")
        expect(page.locator(".notification-row").first).to_contain_text("（东京，日本标准时间，UTC+9）")
    finally:
        context.close()
    assert not csp


def test_a_chosen_zone_is_not_overwritten_by_another_browser(page: Page):
    buyer = a_buyer()
    zones.set_timezone(buyer, "Europe/Paris")
    log_in(page, buyer.email, PASSWORD)  # this browser (the default context) is in UTC
    open_page(page, "/account")
    expect(page.locator("#account-timezone")).to_contain_text("Paris")
    assert zone_of(buyer.id) == "Europe/Paris"


def _clock(local: datetime) -> str:
    """8:00 PM: how the English pages write a local time (built here without Babel)."""
    return f"{local.hour % 12 or 12}:{local:%M} {'AM' if local.hour < 12 else 'PM'}"


def _open_day(owner) -> datetime:
    """A scheduled webinar of the owner's factory, 09:00 Shanghai in twelve days; its UTC start."""
    day = (utcnow() + timedelta(days=12)).astimezone(SHANGHAI).date()
    form = WebinarForm(title_en="Kiln open day", start_local=f"{day.isoformat()}T09:00", duration_min="45")
    webinars.schedule(owner, webinars.save_webinar(owner, form))
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=SHANGHAI).astimezone(ZoneInfo("UTC"))


def _slug(factory_id: int) -> str:
    with session_scope() as db:
        factory = db.get(Factory, factory_id)
        assert factory is not None
        return factory.slug


def test_a_visitor_who_is_not_signed_in_reads_open_days_in_the_browsers_zone(browser: Browser, app_url: str):
    owner = a_factory(name="Kolkata Visitor Works")
    start = _open_day(owner)
    local = start.astimezone(ZoneInfo("Asia/Kolkata"))
    context = browser.new_context(base_url=app_url, locale="en-IN", timezone_id="Asia/Kolkata")
    csp = watch_csp(context)
    try:
        page = context.new_page()
        open_page(page, f"/factories/{_slug(owner.factory_id)}")
        open_day = page.locator(".open-day-link", has_text="Kiln open day")
        expect(open_day).to_contain_text(f"{_clock(local)} (Kolkata, UTC+5:30)")
        open_day.click()
        expect(page.locator("#webinar-local-time")).to_contain_text(f"{_clock(local)}–")
        expect(page.locator("#webinar-local-time")).to_contain_text("(Kolkata, UTC+5:30)")
        expect(page.locator("#host-time")).to_contain_text("9:00 AM–9:45 AM (Shanghai, UTC+8)")
    finally:
        context.close()
    assert not csp


def test_a_meeting_page_shows_both_sides_times_and_adds_to_calendars(browser: Browser, app_url: str):
    owner, type_id = a_bookable_factory(name="Both Zones Works")
    buyer = a_buyer()
    zones.set_timezone(buyer, "America/New_York")
    day = (utcnow() + timedelta(days=10)).astimezone(NEW_YORK).date()
    start = datetime(day.year, day.month, day.day, 21, 0, tzinfo=NEW_YORK).astimezone(ZoneInfo("UTC"))
    request = BookingRequest(factory_id=owner.factory_id, meeting_type_id=type_id, starts_at=start, agenda="QC")
    meeting_id = booking.reserve(buyer, request, key=new_key())
    ny, sh = start.astimezone(NEW_YORK), start.astimezone(SHANGHAI)
    context = browser.new_context(base_url=app_url, timezone_id="America/New_York")
    csp = watch_csp(context)
    try:
        page = context.new_page()
        log_in(page, buyer.email, PASSWORD)
        open_page(page, f"/meetings/{meeting_id}")
        expect(page.locator("#meeting-when")).to_contain_text(
            f"{ny:%a, %b} {ny.day}, {ny.year}, {_clock(ny)}–{_clock(ny + timedelta(hours=1))} (New York, {ny.tzname()}"
        )
        expect(page.locator("#meeting-other-when")).to_contain_text(f"{_clock(sh)}–")
        expect(page.locator("#meeting-other-when")).to_contain_text("(Shanghai, UTC+8)")

        google = parse_qs(urlparse(page.locator("#calendar-google").get_attribute("href") or "").query)
        end = start + timedelta(hours=1)
        assert google["dates"] == [f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}"]
        outlook = parse_qs(urlparse(page.locator("#calendar-outlook").get_attribute("href") or "").query)
        assert outlook["startdt"] == [f"{start:%Y-%m-%dT%H:%M:%SZ}"]

        with page.expect_download() as download:
            page.click("#calendar-ics")
        event = Calendar.from_ical(download.value.path().read_bytes()).walk("VEVENT")[0]
        assert event.decoded("dtstart") == start
        cookies = {c["name"]: c["value"] for c in context.cookies()}
    finally:
        context.close()
    assert not csp
    ics_url = f"{app_url}/api/meetings/{meeting_id}/calendar.ics"
    assert httpx.get(ics_url).status_code == 404  # nobody signed in
    assert httpx.get(ics_url, cookies=cookies).status_code == 200
