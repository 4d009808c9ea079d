"""A webinar that never went live reads "did not take place" after its end, without "Enter the room"."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import Browser, Page, expect

from realsourcing.accounts import service as accounts
from realsourcing.db import session_scope, utcnow
from realsourcing.webinars import service as webinars
from realsourcing.webinars.models import Webinar
from tests.e2e.helpers import log_in, open_page
from tests.support.builders import PASSWORD, a_buyer, a_factory

SHOTS = os.environ.get("RS_SHOTS_DIR", "")  # set it to keep screenshots of the pages (outside git)


def _a_webinar_that_never_went_live():
    owner = a_factory(name="Quiet Kiln Works")
    buyer = a_buyer()
    start = utcnow() + timedelta(days=2)
    webinar_id = webinars.save_webinar(
        owner,
        webinars.WebinarForm(
            title_en="Kiln tour that never started",
            title_zh="从未开始的窑炉参观",
            start_local=start.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    webinars.schedule(owner, webinar_id)
    webinars.register(buyer, webinar_id)
    with session_scope() as db:
        db.get(Webinar, webinar_id).starts_at = utcnow() - timedelta(minutes=90)  # 60 minutes, over 30 ago
    return owner, buyer, webinar_id


def _log_in_any_width(page: Page, email: str) -> None:
    """log_in, on a phone too (there the sign-out button sits in the closed menu)."""
    open_page(page, "/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(lambda url: "/login" not in url)


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_a_webinar_that_never_went_live_says_so_in_both_languages(page: Page, browser: Browser, app_url: str):
    owner, buyer, webinar_id = _a_webinar_that_never_went_live()
    log_in(page, buyer.email, PASSWORD)
    open_page(page, f"/webinars/{webinar_id}")
    expect(page.locator("#not-held")).to_contain_text("did not take place")
    expect(page.locator(".not-held").first).to_have_text("Did not take place")
    expect(page.locator("#enter-room")).to_have_count(0)
    expect(page.locator("#register")).to_have_count(0)
    expect(page.locator("#add-to-calendar")).to_have_count(0)
    _shot(page, "webinar-en-desktop")
    open_page(page, "/webinars")
    _shot(page, "square-en-desktop")
    open_page(page, "/")
    expect(page.get_by_text("Kiln tour that never started")).to_have_count(0)  # gone from "your pipeline"

    accounts.set_language(buyer, "zh")
    for width, name in ((390, "phone"), (1280, "desktop")):
        context = browser.new_context(base_url=app_url, viewport={"width": width, "height": 900})
        context.add_cookies([{"name": "rs_lang", "value": "zh", "url": app_url}])
        zh = context.new_page()
        try:
            _log_in_any_width(zh, buyer.email)
            open_page(zh, f"/webinars/{webinar_id}")
            expect(zh.locator("#not-held")).to_contain_text("本场直播未举行")
            expect(zh.locator(".not-held").first).to_have_text("未举行")
            expect(zh.locator("#enter-room")).to_have_count(0)
            _shot(zh, f"webinar-zh-{name}")
            open_page(zh, "/webinars")
            _shot(zh, f"square-zh-{name}")
        finally:
            context.close()

    if SHOTS:  # the factory's dashboard and the English phone page, to look at
        context = browser.new_context(base_url=app_url, viewport={"width": 390, "height": 900})
        host = context.new_page()
        try:
            _log_in_any_width(host, owner.email)
            open_page(host, "/dashboard/webinars")
            expect(host.locator(".not-held").first).to_have_text("Did not take place")
            _shot(host, "dashboard-en-phone")
            open_page(host, f"/webinars/{webinar_id}")
            _shot(host, "webinar-host-en-phone")
        finally:
            context.close()
