"""1:1 meetings in the browser: a buyer books from a factory's page, the factory confirms, both see
it, and the meeting room admits both and refuses anyone else."""

from __future__ import annotations

import re
import uuid
from urllib.parse import parse_qs, urlparse

from livekit import api as lk
from playwright.sync_api import Page, expect

from realsourcing.db import session_scope
from realsourcing.profile.models import Factory
from tests.e2e.conftest import LIVEKIT_KEY, LIVEKIT_PORT, LIVEKIT_SECRET
from tests.e2e.helpers import log_in, open_page
from tests.support.builders import PASSWORD, a_factory, a_meeting_type, an_email


def open_all_day_factory() -> tuple[str, str, str]:
    """A factory bookable every 15 minutes, right now (so the room opens during the test)."""
    email = an_email("meet")
    name = f"Always Open Works {uuid.uuid4().hex[:4]}"
    owner = a_factory(
        email, name=name, full_name="Zhou Host", city="Suzhou", province="Jiangsu", hours="00:00-23:45", max_per_day="0"
    )
    a_meeting_type(owner, "Quick sample call", "样品快速沟通", "15")
    with session_scope() as db:
        return email, name, db.get(Factory, owner.factory_id).slug


def test_buyer_books_factory_confirms_and_the_room_admits_only_them(page: Page, browser, app_url: str):
    owner_email, factory_name, slug = open_all_day_factory()

    # The buyer books from the factory's page.
    log_in(page, "maya@example.com")
    open_page(page, f"/factories/{slug}")
    page.click("#book-meeting")
    expect(page.locator(".slot").first).to_be_visible()
    page.locator(".slot").first.click()
    page.fill("#agenda", "Check the sample finish and packaging options")
    page.click("#confirm-booking")
    expect(page.locator("#meeting-title")).to_have_text("Quick sample call")
    expect(page.locator(".meeting-status").first).to_have_text("Requested")
    meeting_url = page.url
    meeting_id = re.search(r"/meetings/(\d+)", meeting_url).group(1)

    # The factory sees the request and confirms it.
    factory_ctx = browser.new_context(base_url=app_url)
    try:
        host = factory_ctx.new_page()
        log_in(host, owner_email, PASSWORD)
        open_page(host, "/meetings")
        card = host.locator(".meeting-card", has_text="Maya Thompson")
        expect(card).to_be_visible()
        card.click()
        host.click("#confirm-meeting")
        expect(host.locator(".meeting-status").first).to_have_text("Confirmed")
        host.click("#enter-meeting-room")
        expect(host.locator("#meeting-livekit-room")).to_be_visible()
    finally:
        factory_ctx.close()

    # The buyer sees it confirmed and enters the room with a publishing token for this room only.
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    open_page(page, f"/meetings/{meeting_id}")
    expect(page.locator(".meeting-status").first).to_have_text("Confirmed")
    page.click("#enter-meeting-room")
    expect(page.locator("#meeting-livekit-room")).to_be_visible()
    expect(page.locator("#video-unavailable")).to_be_visible()
    token = parse_qs(urlparse(next(u for u in sockets if f":{LIVEKIT_PORT}/rtc" in u)).query)["access_token"][0]
    claims = lk.TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET).verify(token)
    assert claims.video.room == f"meeting-{meeting_id}" and claims.video.can_publish and not claims.video.room_admin

    # Anyone else gets "not your meeting", from the server.
    third_ctx = browser.new_context(base_url=app_url)
    try:
        third = third_ctx.new_page()
        log_in(third, "lukas@example.com")
        open_page(third, f"/meetings/{meeting_id}/room")
        expect(third.locator("#not-your-meeting")).to_be_visible()
        expect(third.locator("#meeting-livekit-room")).to_have_count(0)
    finally:
        third_ctx.close()


def test_booking_needs_login_and_returns_to_the_same_page(page: Page):
    _owner, _name, slug = open_all_day_factory()
    page.goto(f"/meeting/new?factory={slug}")
    expect(page).to_have_url(re.compile(r"/login/?\?next="))
    page.fill("#email", "olivia@example.com")
    page.fill("#password", "realsourcing-demo")
    page.click("#login-submit")
    expect(page).to_have_url(re.compile(rf"/meeting/new/?\?factory={slug}"))
    expect(page.locator(".slot").first).to_be_visible()
