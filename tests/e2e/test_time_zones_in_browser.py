"""Times in the browser are the reader's own: the zone comes from the browser, named as people know it."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Browser, Page, expect

from realsourcing.accounts.models import User
from realsourcing.db import session_scope
from realsourcing.notifications.service import notify
from tests.e2e.helpers import log_in, open_page, watch_csp
from tests.support.builders import PASSWORD, a_buyer, a_factory


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
        notify(db, user, "order_shipped", {"reference": "RS-TZ-1", "tracking": "DHL 1"}, link="/orders")


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
    from realsourcing.accounts import zones

    zones.set_timezone(buyer, "Europe/Paris")
    log_in(page, buyer.email, PASSWORD)  # this browser (the default context) is in UTC
    open_page(page, "/account")
    expect(page.locator("#account-timezone")).to_contain_text("Paris")
    assert zone_of(buyer.id) == "Europe/Paris"
