"""Navigation, language, access rules, 404 and OIDC sign-in, in the browser."""

from __future__ import annotations

import json
import re
import urllib.request
import uuid

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import log_in, open_page, path_is

TITLE_EN = "Trust a Chinese factory before your first sample"
TITLE_ZH = "第一次打样之前，先建立对工厂的信任"


def test_landing_page_shows_the_marketplace(page: Page):
    open_page(page, "/")
    expect(page.locator("#home-title")).to_have_text(TITLE_EN)
    expect(page.locator(".factory-card").first).to_be_visible()
    assert page.locator(".factory-card").count() == 6


def test_language_switch_changes_the_text_and_is_remembered(page: Page):
    open_page(page, "/")
    expect(page.locator("#home-title")).to_have_text(TITLE_EN)
    page.click("#language-switch")
    expect(page.locator("#home-title")).to_have_text(TITLE_ZH)
    expect(page.locator("#nav-login")).to_have_text("登录")
    page.reload()
    page.wait_for_selector("main[data-hydrated='true']")
    expect(page.locator("#home-title")).to_have_text(TITLE_ZH)
    page.click("#language-switch")
    expect(page.locator("#home-title")).to_have_text(TITLE_EN)


def test_a_chinese_browser_gets_chinese_first(browser: Browser, app_url: str):
    ctx = browser.new_context(
        base_url=app_url, locale="zh-CN", extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"}
    )
    try:
        page = ctx.new_page()
        open_page(page, "/")
        expect(page.locator("#home-title")).to_have_text(TITLE_ZH)
    finally:
        ctx.close()


@pytest.mark.parametrize("path", ["/dashboard", "/admin", "/account"])
def test_signed_out_visitors_are_sent_to_log_in(page: Page, path: str):
    open_page(page, path)
    expect(page).to_have_url(re.compile(rf"/login/?\?next=(%2F|/){path[1:]}(%2F|/)?$"))
    expect(page.locator("#login-submit")).to_be_visible()
    expect(page.get_by_text("Please log in to continue.")).to_be_visible()


@pytest.mark.parametrize("path", ["/dashboard", "/admin"])
def test_a_buyer_cannot_open_factory_or_admin_pages(page: Page, path: str):
    log_in(page, "maya@example.com")
    expect(page.locator("#nav-dashboard")).to_have_count(0)
    expect(page.locator("#nav-admin")).to_have_count(0)
    open_page(page, path)
    path_is(page, "/")
    expect(page.get_by_text("This page isn't for your account")).to_be_visible()
    expect(page.locator("#dashboard-factory")).to_have_count(0)
    expect(page.locator("#admin-title")).to_have_count(0)


def test_a_factory_owner_sees_their_dashboard_but_not_admin(page: Page):
    log_in(page, "owner@yiwu-sunny-toys.example.com")
    page.click("#nav-dashboard")
    expect(page.locator("#dashboard-factory")).to_have_text("Sunny Toys")
    open_page(page, "/admin")
    path_is(page, "/")


def test_the_admin_sees_the_platform_overview(page: Page):
    log_in(page, "admin@example.com")
    page.click("#nav-admin")
    expect(page.locator("#admin-title")).to_be_visible()
    assert int(page.locator("#admin-factories").inner_text()) >= 13


def test_unknown_address_shows_a_friendly_404(page: Page):
    page.goto("/no/such/page")
    expect(page.locator("#notfound-title")).to_have_text("We couldn't find that page")
    expect(page.get_by_role("link", name="Back to the home page")).to_be_visible()


def test_phone_layout_uses_a_menu(browser: Browser, app_url: str):
    ctx = browser.new_context(base_url=app_url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        open_page(page, "/")
        expect(page.locator("#nav-login")).to_be_hidden()
        page.click("#mobile-menu")
        page.get_by_role("menuitem", name="Log in").click()
        path_is(page, "/login")
    finally:
        ctx.close()


def _put_provider_user(provider: str, sub: str, claims: dict) -> None:
    request = urllib.request.Request(
        f"{provider}/users/{sub}",
        data=json.dumps(claims).encode(),
        method="PUT",
        headers={"Content-Type": "application/json"},
    )
    urllib.request.urlopen(request).close()


def _sign_in_at_provider(page: Page, sub: str) -> None:
    page.click("#oidc-login")
    page.wait_for_selector("input[name=sub]")
    page.fill("input[name=sub]", sub)
    page.get_by_role("button", name="Authorize").click()


def test_oidc_sign_in_creates_an_account(page: Page, oidc_provider: str):
    sub = f"sso-{uuid.uuid4().hex[:8]}"
    _put_provider_user(oidc_provider, sub, {"email": f"{sub}@example.com", "email_verified": True, "name": "Robin Sso"})
    open_page(page, "/login")
    expect(page.locator("#oidc-login")).to_contain_text("TestID")
    _sign_in_at_provider(page, sub)
    path_is(page, "/")
    expect(page.locator("#welcome")).to_contain_text("Robin Sso")
    open_page(page, "/account")
    expect(page.locator("#account-email")).to_have_text(f"{sub}@example.com")


def test_oidc_links_an_existing_account_by_verified_email(page: Page, oidc_provider: str):
    sub = f"google-{uuid.uuid4().hex[:8]}"
    _put_provider_user(
        oidc_provider, sub, {"email": "OLIVIA@example.com", "email_verified": True, "name": "Someone Else"}
    )
    open_page(page, "/login")
    _sign_in_at_provider(page, sub)
    expect(page.locator("#welcome")).to_contain_text("Olivia Nguyen")  # the existing account, not a new one


def test_oidc_with_an_unverified_email_is_refused(page: Page, oidc_provider: str):
    sub = f"unverified-{uuid.uuid4().hex[:8]}"
    _put_provider_user(oidc_provider, sub, {"email": "maya@example.com", "email_verified": False})
    open_page(page, "/login")
    _sign_in_at_provider(page, sub)
    path_is(page, "/login")
    expect(page.locator("#login-error")).to_contain_text("hasn't verified your email")
    expect(page.locator("#nav-logout")).to_have_count(0)
