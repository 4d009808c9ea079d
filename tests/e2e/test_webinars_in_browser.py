"""Webinars in the browser: a factory schedules one, a buyer finds it on the square, registers,
and the room hands the LiveKit client a token with the buyer's grants."""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from datetime import timedelta
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import httpx
from google.protobuf.json_format import MessageToJson
from icalendar import Calendar
from livekit import api as lk
from playwright.sync_api import Page, expect
from sqlmodel import select

from realsourcing.accounts import service as accounts
from realsourcing.accounts.service import SignUpForm
from realsourcing.db import session_scope, utcnow
from realsourcing.webinars.models import Webinar
from tests.e2e.conftest import LIVEKIT_KEY, LIVEKIT_PORT, LIVEKIT_SECRET
from tests.e2e.helpers import log_in, open_page, path_is
from tests.support.builders import PASSWORD


def test_factory_schedules_buyer_registers_and_gets_a_viewer_token(page: Page, browser, app_url: str):
    owner = f"host-{uuid.uuid4().hex[:8]}@example.com"
    accounts.sign_up(
        SignUpForm(
            email=owner,
            password=PASSWORD,
            full_name="Li Host",
            account_type="factory",
            factory_name_en=f"Open Day Works {uuid.uuid4().hex[:4]}",
            factory_city="330200",
            factory_province="330000",
        )
    )
    title = f"Live kiln tour {uuid.uuid4().hex[:6]}"
    start = (utcnow() + timedelta(minutes=10)).astimezone(ZoneInfo("Asia/Shanghai"))

    log_in(page, owner, PASSWORD)
    open_page(page, "/dashboard/webinars/new")
    page.fill("#title_en", title)
    page.fill("#start_local", start.strftime("%Y-%m-%dT%H:%M"))
    in_utc = start.astimezone(ZoneInfo("UTC"))  # the owner's account has no zone of its own, nor has this browser
    expect(page.locator("#start-yours")).to_contain_text(f"{in_utc.hour % 12 or 12}:{in_utc:%M}")
    expect(page.locator("#start-yours")).to_contain_text("(UTC)")
    page.fill("#duration_min", "45")
    page.click("#webinar-save")
    path_is(page, "/dashboard/webinars")
    expect(page.locator(".dashboard-webinar", has_text=title).get_by_text("Scheduled")).to_be_visible()

    buyer_ctx = browser.new_context(base_url=app_url, timezone_id="America/New_York")
    try:
        buyer = buyer_ctx.new_page()
        sockets: list[str] = []
        buyer.on("websocket", lambda ws: sockets.append(ws.url))
        log_in(buyer, "maya@example.com")
        open_page(buyer, "/webinars")
        card = buyer.locator("#upcoming .webinar-card", has_text=title)
        expect(card).to_be_visible()
        expect(card.locator(".countdown")).to_contain_text("in ")  # English UI: "in 9 minutes"
        card.click()
        expect(buyer.locator("#webinar-title")).to_have_text(title)
        local = start.astimezone(ZoneInfo("America/New_York"))
        clock = f"{local.hour % 12 or 12}:{local:%M} {'AM' if local.hour < 12 else 'PM'}"
        # shown in the buyer's zone, as a span (" – " with both dates when it crosses the buyer's midnight)
        expect(buyer.locator("#webinar-local-time")).to_contain_text(re.compile(re.escape(clock) + " ?–"))
        expect(buyer.locator("#webinar-local-time")).to_contain_text("New York")
        buyer.click("#register")
        expect(buyer.locator("#registered-badge")).to_be_visible()
        buyer.click("#enter-room")
        expect(buyer.locator("#livekit-room")).to_be_visible()
        expect(
            buyer.locator("#video-unavailable")
        ).to_be_visible()  # no LiveKit server here: a clear message, page still works
        livekit = [u for u in sockets if f":{LIVEKIT_PORT}/rtc" in u]
        assert livekit, sockets
        token = parse_qs(urlparse(livekit[0]).query)["access_token"][0]
        claims = lk.TokenVerifier(LIVEKIT_KEY, LIVEKIT_SECRET).verify(token)
        with session_scope() as db:
            webinar = db.exec(select(Webinar).where(Webinar.title_en == title)).one()
        maya, _ = accounts.authenticate("maya@example.com", "realsourcing-demo", ip="10.8.0.1")
        assert claims.identity == str(maya.id)
        assert claims.name.startswith("Maya Thompson")
        assert claims.video.room == f"webinar-{webinar.id}"
        assert (
            claims.video.room_join,
            claims.video.can_publish,
            claims.video.can_subscribe,
            claims.video.can_publish_data,
            claims.video.room_admin,
        ) == (True, False, True, True, False)
    finally:
        buyer_ctx.close()


def test_room_is_closed_to_buyers_who_did_not_register(page: Page):
    with session_scope() as db:
        webinar = db.exec(
            select(Webinar).where(Webinar.status == "scheduled").order_by(Webinar.starts_at.desc())
        ).first()
    log_in(page, "lukas@example.com")
    open_page(page, f"/webinars/{webinar.id}/live")
    expect(page.locator("#room-refused")).to_contain_text("Register for this webinar")
    expect(page.locator("#livekit-room")).to_have_count(0)


def test_anonymous_visitors_log_in_before_registering_or_entering_the_room(page: Page):
    with session_scope() as db:
        webinar = db.exec(
            select(Webinar).where(Webinar.status == "scheduled").order_by(Webinar.starts_at.desc())
        ).first()
    open_page(page, f"/webinars/{webinar.id}")
    page.click("#register")
    path_is(page, "/login")
    assert re.search(rf"next=/webinars/{webinar.id}/?$", page.url), page.url  # and back to the webinar afterwards
    open_page(page, f"/webinars/{webinar.id}/live")
    path_is(page, "/login")
    expect(page.locator("#livekit-room")).to_have_count(0)


def _signed(event: lk.WebhookEvent, secret: str = LIVEKIT_SECRET) -> tuple[str, str]:
    body = MessageToJson(event)
    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    return body, lk.AccessToken(LIVEKIT_KEY, secret).with_sha256(digest).to_jwt()


def test_livekit_webhook_endpoint_verifies_and_is_idempotent(app_url: str):
    with session_scope() as db:
        webinar = db.exec(select(Webinar).where(Webinar.status == "scheduled").order_by(Webinar.starts_at)).first()
        webinar_id = webinar.id
    event = lk.WebhookEvent(
        event="room_started",
        id=f"EV_{uuid.uuid4().hex}",
        room=lk.Room(name=f"webinar-{webinar_id}"),
        created_at=int(utcnow().timestamp()),
    )
    body, token = _signed(event)
    forged_body, forged_token = _signed(event, secret="not-the-server-secret-but-long-enough")
    url = f"{app_url}/api/webhooks/livekit"
    assert (
        httpx.post(
            url,
            content=forged_body,
            headers={"Authorization": forged_token, "Content-Type": "application/webhook+json"},
        ).status_code
        == 401
    )
    assert (
        httpx.post(
            url, content=body.replace("room_started", "room_finished"), headers={"Authorization": token}
        ).status_code
        == 401
    )
    with session_scope() as db:
        assert db.get(Webinar, webinar_id).status == "scheduled"  # nothing changed
    first = httpx.post(url, content=body, headers={"Authorization": token, "Content-Type": "application/webhook+json"})
    again = httpx.post(url, content=body, headers={"Authorization": token, "Content-Type": "application/webhook+json"})
    assert (first.status_code, first.json()["duplicate"]) == (200, False)
    assert (again.status_code, again.json()["duplicate"]) == (200, True)
    with session_scope() as db:
        assert db.get(Webinar, webinar_id).status == "live"


def test_add_to_calendar_downloads_an_ics_with_utc_times(app_url: str):
    with session_scope() as db:
        webinar = db.exec(select(Webinar).where(Webinar.status == "scheduled")).first()
    response = httpx.get(f"{app_url}/api/webinars/{webinar.id}/calendar.ics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    event = next(c for c in Calendar.from_ical(response.content).walk() if c.name == "VEVENT")
    assert event.decoded("dtstart") == webinar.starts_at
    assert str(event["url"]).endswith(f"/webinars/{webinar.id}")
    assert httpx.get(f"{app_url}/api/webinars/999999/calendar.ics").status_code == 404


def test_square_filters_by_language(page: Page):
    open_page(page, "/webinars")
    expect(page.locator("#upcoming .webinar-card").first).to_be_visible()
    page.click("#web-language")
    page.get_by_role("option", name="中文").click()
    expect(page.locator("#upcoming").get_by_text("No upcoming webinars match.")).to_be_visible()
    assert re.search(r"/webinars/?$", page.url)
