"""The bell: a new notification reaches every open tab of its recipient at once, pushed, never polled."""

from __future__ import annotations

import os
import re
import uuid
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, WebSocket, expect

from realsourcing.accounts import service as accounts
from realsourcing.accounts.models import User
from realsourcing.accounts.service import SignUpForm
from realsourcing.core.idempotency import new_key
from realsourcing.db import get_existing, session_scope, utcnow
from realsourcing.meetings import booking, schedule_setup
from realsourcing.notifications import service as notifications
from tests.e2e.helpers import log_in, open_page, path_is
from tests.support.builders import PASSWORD

IDLE_SECONDS = 10  # the bell used to poll every 4 s: an idle tab then received at least two updates by now


def _a_factory_with_a_meeting_request_from(buyer_email: str) -> tuple[str, int]:
    """A new factory with open hours, and a meeting `buyer_email` requested from it: (owner email, meeting id)."""
    owner_email = f"bell-{uuid.uuid4().hex[:8]}@example.com"
    owner = accounts.sign_up(
        SignUpForm(
            email=owner_email,
            password=PASSWORD,
            full_name="Bell Host",
            account_type="factory",
            factory_name_en="Bell Works",
            factory_city="320200",
            factory_province="320000",
        )
    )
    schedule_setup.save_schedule(
        owner,
        schedule_setup.ScheduleForm(
            timezone="Asia/Shanghai", weekly={d: "00:00-23:30" for d in range(7)}, min_notice_hours="0", max_per_day="0"
        ),
    )
    type_id = schedule_setup.save_meeting_type(owner, "Sample discussion", "样品沟通", "30")
    buyer, _ = accounts.authenticate(buyer_email, "realsourcing-demo", ip="10.6.0.1")
    day = (utcnow() + timedelta(days=2)).astimezone(ZoneInfo("Asia/Shanghai")).date()
    start = booking.slots_for(owner.factory_id, type_id, day, day)[0]
    meeting_id = booking.reserve(
        buyer,
        booking.BookingRequest(factory_id=owner.factory_id, meeting_type_id=type_id, starts_at=start),
        key=new_key(),
    )
    return owner_email, meeting_id


def test_a_confirmation_reaches_both_open_tabs_of_the_buyer_and_reading_it_clears_both(
    page: Page, context, browser, app_url: str
):
    owner_email, meeting_id = _a_factory_with_a_meeting_request_from("olivia@example.com")
    log_in(page, "olivia@example.com")
    open_page(page, "/notifications")
    page.click("#mark-all-read")
    expect(page.locator("#unread-count")).to_have_count(0)
    other_tab = context.new_page()
    open_page(other_tab, "/orders")
    expect(other_tab.locator("#unread-count")).to_have_count(0)

    factory_ctx = browser.new_context(base_url=app_url)
    try:
        host = factory_ctx.new_page()
        log_in(host, owner_email, PASSWORD)
        open_page(host, f"/meetings/{meeting_id}")
        host.click("#confirm-meeting")
        expect(host.locator(".meeting-status").first).to_have_text("Confirmed")
    finally:
        factory_ctx.close()

    # Another person's action, and neither of the buyer's tabs reloads.
    expect(page.locator("#unread-count")).to_have_text("1")
    expect(other_tab.locator("#unread-count")).to_have_text("1")

    page.click("#bell")
    path_is(page, "/notifications")
    expect(page.locator(".notification-row").first).to_contain_text("Meeting confirmed")
    page.locator(".notification-row").first.click()
    expect(page).to_have_url(re.compile(rf"/meetings/{meeting_id}/?$"))
    expect(page.locator("#unread-count")).to_have_count(0)
    expect(other_tab.locator("#unread-count")).to_have_count(0)  # read in one tab: cleared in the other


@pytest.mark.skipif(not os.environ.get("REFLEX_REDIS_URL"), reason="only several workers share a Redis")
def test_a_notification_made_in_another_process_reaches_the_open_tab_through_redis(page: Page):
    log_in(page, "lukas@example.com")
    open_page(page, "/notifications")
    page.click("#mark-all-read")
    expect(page.locator("#unread-count")).to_have_count(0)
    lukas, _ = accounts.authenticate("lukas@example.com", "realsourcing-demo", ip="10.6.0.2")
    with session_scope() as db:  # this test process is neither of the app's workers
        notifications.notify(db, get_existing(db, User, lukas.id), "account_created", {}, link="/factories")
    expect(page.locator("#unread-count")).to_have_text("1")


def test_an_idle_signed_in_tab_receives_nothing(page: Page):
    log_in(page, "maya@example.com")
    received: list[str] = []

    def watch(ws: WebSocket) -> None:
        # Socket.IO messages start with "4"; "2"/"3" are the transport's keep-alive pings.
        ws.on("framereceived", lambda payload: received.append(str(payload)) if str(payload)[:1] == "4" else None)

    page.on("websocket", watch)
    page.reload()
    page.wait_for_selector("main[data-hydrated='true']")
    expect(page.locator("#nav-logout")).to_be_visible()
    page.wait_for_timeout(1000)  # the page's own load answers
    assert received, "the page's load did not come over the watched websocket"
    loaded = len(received)
    page.wait_for_timeout(IDLE_SECONDS * 1000)
    assert received[loaded:] == [], "an idle tab was sent updates"


def test_the_outbox_page_is_for_admins(page: Page):
    log_in(page, "admin@example.com")
    open_page(page, "/admin/outbox")
    expect(page.locator("#outbox-title")).to_be_visible()
    expect(page.locator(".outbox-row").first).to_be_visible()
    page.click("#nav-logout")
    path_is(page, "/")  # the sign-out's own page load ends before the next navigation starts
    page.wait_for_selector("main[data-hydrated='true']")
    log_in(page, "maya@example.com")
    open_page(page, "/admin/outbox")
    path_is(page, "/")
