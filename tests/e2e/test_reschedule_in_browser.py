"""A reschedule in two browsers: the buyer proposes a new time, the meeting stays as it was; the factory,
reading Chinese, accepts it; the old meeting's page then points to the new one."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Browser, expect

from realsourcing.accounts import zones
from realsourcing.core.idempotency import new_key
from realsourcing.db import session_scope, utcnow
from realsourcing.meetings import booking
from realsourcing.meetings.booking import BookingRequest
from realsourcing.profile.models import Factory
from tests.e2e.helpers import log_in, open_page, path_is
from tests.support.builders import PASSWORD, a_bookable_factory, a_buyer, an_email

SH = ZoneInfo("Asia/Shanghai")


def a_confirmed_meeting() -> tuple[str, str, int]:
    """A confirmed 1:1 meeting five days ahead: (buyer's email, factory owner's email, meeting id)."""
    _buyer, _owner, buyer_email, owner_email, meeting_id = the_people_and_a_confirmed_meeting()
    return buyer_email, owner_email, meeting_id


def the_people_and_a_confirmed_meeting():
    """The buyer and the factory owner, their emails, and a confirmed meeting of theirs five days ahead."""
    owner_email, buyer_email = an_email("resched-owner"), an_email("resched-buyer")
    owner, type_id = a_bookable_factory(
        email=owner_email, name=f"Harbor Home Works {uuid.uuid4().hex[:4]}", full_name="Zhou Host"
    )
    with session_scope() as db:
        factory = db.get(Factory, owner.factory_id)
        factory.display_name_zh = "海港家居"
        db.add(factory)
    buyer = a_buyer(buyer_email, full_name="Maya Stone", company_name="Northwind", password=PASSWORD)
    zones.set_timezone(buyer, "Europe/Berlin")
    day = (utcnow() + timedelta(days=5)).astimezone(SH).date()
    start = datetime(day.year, day.month, day.day, 10, 0, tzinfo=SH).astimezone(ZoneInfo("UTC"))
    request = BookingRequest(
        factory_id=owner.factory_id, meeting_type_id=type_id, starts_at=start, agenda="Check moulds and QC"
    )
    meeting_id = booking.reserve(buyer, request, key=new_key())
    booking.confirm(owner, meeting_id)
    return buyer, owner, buyer_email, owner_email, meeting_id


def test_buyer_proposes_a_new_time_and_the_factory_accepts_it_in_chinese(browser: Browser, app_url: str):
    buyer_email, owner_email, meeting_id = a_confirmed_meeting()

    # The buyer proposes another time: same meeting type and agenda, only the time is chosen.
    buyer_ctx = browser.new_context(base_url=app_url, timezone_id="Europe/Berlin")
    factory_ctx = browser.new_context(base_url=app_url)
    factory_ctx.add_cookies([{"name": "rs_lang", "value": "zh", "url": app_url}])
    try:
        buyer = buyer_ctx.new_page()
        log_in(buyer, buyer_email, PASSWORD)
        open_page(buyer, f"/meetings/{meeting_id}")
        buyer.click("#propose-time")
        expect(buyer.locator("#booking-title")).to_have_text("Propose a new time")
        expect(buyer.locator("#reschedule-note")).to_contain_text("Deep factory audit with Harbor Home Works")
        expect(buyer.locator("#meeting-type")).to_contain_text("Deep factory audit · 60 min")
        expect(buyer.locator("#agenda-kept")).to_have_text("Check moulds and QC")
        buyer.locator(".slot").first.click()
        buyer.click("#confirm-booking")
        # Back on the meeting, which stands as it was; the toast says who was told.
        path_is(buyer, f"/meetings/{meeting_id}")
        expect(buyer.get_by_text(re.compile(r"New time proposed\. We told Harbor Home Works"))).to_be_visible()
        expect(buyer.locator(".meeting-status").first).to_have_text("Confirmed")
        expect(buyer.locator("#proposed-time")).to_contain_text("You proposed a new time:")
        expect(buyer.locator("#proposed-time")).to_contain_text("Until Harbor Home Works")
        expect(buyer.locator("#proposed-time .withdraw-time")).to_be_visible()
        expect(buyer.locator("#proposed-time .accept-time")).to_have_count(0)  # only the other side accepts
        proposed_when = buyer.locator("#proposed-time .version-when").inner_text()
        assert "(Berlin" in proposed_when

        # The factory, reading Chinese, sees the proposal on the meeting and accepts it.
        host = factory_ctx.new_page()
        log_in(host, owner_email, PASSWORD)
        open_page(host, f"/meetings/{meeting_id}")
        expect(host.locator("#proposed-time")).to_contain_text("Maya Stone 提议了新时间：")
        expect(host.locator("#proposed-time")).to_contain_text("买家时间：")  # and the buyer's clock too
        expect(host.locator("#proposed-time .withdraw-time")).to_have_count(0)
        expect(host.locator(".meeting-status").first).to_have_text("已确认")
        host.locator("#proposed-time .accept-time").click()
        expect(host).to_have_url(re.compile(rf"/meetings/(?!{meeting_id}/?$)\d+/?$"))
        new_id = int(re.search(r"/meetings/(\d+)", host.url).group(1))
        expect(host.get_by_text("已完成，并已通知 Maya Stone (Northwind)。")).to_be_visible()
        expect(host.locator("#meeting-title")).to_have_text("改期：深度验厂")
        expect(host.locator(".meeting-status").first).to_have_text("已确认")
        expect(host.get_by_text(re.compile(r"Zhou Host 已接受将本次会议从 .* 改到 "))).to_be_visible()
        expect(host.get_by_text(re.compile(r"Maya Stone 提议将本次会议从 "))).to_be_visible()

        # The buyer's old meeting page now points to the new one.
        open_page(buyer, f"/meetings/{meeting_id}")
        expect(buyer.locator(".meeting-status").first).to_have_text("Rescheduled")
        expect(buyer.locator("#moved-to")).to_contain_text("This meeting was moved to")
        expect(buyer.locator("#propose-time")).to_have_count(0)
        buyer.click("#open-new")
        path_is(buyer, f"/meetings/{new_id}")
        expect(buyer.locator("#meeting-title")).to_have_text("Rescheduling Deep factory audit")
        expect(buyer.locator("#meeting-when")).to_have_text(proposed_when)
    finally:
        buyer_ctx.close()
        factory_ctx.close()
