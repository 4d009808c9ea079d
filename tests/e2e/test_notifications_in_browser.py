"""The bell: a factory confirms a meeting and the buyer's unread count rises without a reload."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from realsourcing.accounts import service as accounts
from realsourcing.accounts.service import SignUpForm
from realsourcing.core.idempotency import new_key
from realsourcing.db import utcnow
from realsourcing.meetings import booking, schedule_setup
from tests.e2e.helpers import log_in, open_page, path_is
from tests.support.builders import PASSWORD


def test_confirmation_reaches_the_buyers_bell_live(page: Page, browser, app_url: str):
    log_in(page, "olivia@example.com")
    open_page(page, "/notifications")
    page.click("#mark-all-read")
    expect(page.locator("#unread-count")).to_have_count(0)

    owner_email = f"bell-{uuid.uuid4().hex[:8]}@example.com"
    owner = accounts.sign_up(
        SignUpForm(
            email=owner_email,
            password=PASSWORD,
            full_name="Bell Host",
            account_type="factory",
            factory_name_en="Bell Works",
            factory_city="Wuxi",
        )
    )
    schedule_setup.save_schedule(
        owner,
        schedule_setup.ScheduleForm(
            timezone="Asia/Shanghai", weekly={d: "00:00-23:30" for d in range(7)}, min_notice_hours="0", max_per_day="0"
        ),
    )
    type_id = schedule_setup.save_meeting_type(owner, "Sample discussion", "样品沟通", "30")
    olivia, _ = accounts.authenticate("olivia@example.com", "realsourcing-demo", ip="10.6.0.1")
    tomorrow = (utcnow() + timedelta(days=2)).astimezone(ZoneInfo("Asia/Shanghai")).date()
    start = booking.slots_for(owner.factory_id, type_id, tomorrow, tomorrow)[0]
    meeting_id = booking.reserve(
        olivia,
        booking.BookingRequest(factory_id=owner.factory_id, meeting_type_id=type_id, starts_at=start),
        key=new_key(),
    )
    expect(page.locator("#unread-count")).to_have_text("1", timeout=20000)  # the request, without a reload

    factory_ctx = browser.new_context(base_url=app_url)
    try:
        host = factory_ctx.new_page()
        log_in(host, owner_email, PASSWORD)
        open_page(host, f"/meetings/{meeting_id}")
        host.click("#confirm-meeting")
        expect(host.locator(".meeting-status").first).to_have_text("Confirmed")
    finally:
        factory_ctx.close()

    expect(page.locator("#unread-count")).to_have_text("2", timeout=20000)  # the confirmation, still without a reload
    page.click("#bell")
    path_is(page, "/notifications")
    expect(page.locator(".notification-row").first).to_contain_text("Meeting confirmed")
    page.locator(".notification-row").first.click()
    expect(page).to_have_url(re.compile(rf"/meetings/{meeting_id}/?$"))
    expect(page.locator("#unread-count")).to_have_text("1")


def test_the_outbox_page_is_for_admins(page: Page):
    log_in(page, "admin@example.com")
    open_page(page, "/admin/outbox")
    expect(page.locator("#outbox-title")).to_be_visible()
    expect(page.locator(".outbox-row").first).to_be_visible()
    page.click("#nav-logout")
    log_in(page, "maya@example.com")
    open_page(page, "/admin/outbox")
    path_is(page, "/")
