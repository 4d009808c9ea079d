"""Sign-up, sign-in, sessions and sign-out, as people do them in the browser."""

from __future__ import annotations

import time

from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlmodel import select

from realsourcing.accounts import service as accounts
from realsourcing.accounts.models import LoginAttempt
from realsourcing.accounts.service import SignUpForm
from realsourcing.db import session_scope
from tests.e2e.helpers import DEMO_PASSWORD, log_in, open_page, path_is
from tests.support.builders import an_email


def failed_attempts(email: str) -> int:
    with session_scope() as db:
        return len(
            db.exec(select(LoginAttempt).where(LoginAttempt.email == email, LoginAttempt.succeeded.is_(False))).all()
        )


def wait_until(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)


def test_buyer_signs_up_and_is_signed_in(page: Page):
    open_page(page, "/signup")
    page.fill("#full_name", "Jamie Rivera")
    page.fill("#email", an_email("jamie"))
    page.fill("#password", "sourcing from Ningbo")
    page.fill("#company_name", "Rivera Outdoor LLC")
    page.click("#signup-submit")
    path_is(page, "/")
    expect(page.locator("#welcome")).to_contain_text("Jamie Rivera")
    expect(page.locator("#nav-account")).to_be_visible()
    expect(page.locator("#nav-dashboard")).to_have_count(0)


def test_factory_signs_up_and_lands_on_its_dashboard(page: Page):
    email = an_email("factory")
    open_page(page, "/signup")
    page.click("#choose-factory")
    page.fill("#full_name", "Chen Jing")
    page.fill("#email", email)
    page.fill("#password", "ceramics since 1998")
    page.fill("#factory_name_en", "Jingdezhen Blue Kiln")
    page.fill("#factory_name_zh", "景德镇青窑")
    page.fill("#factory_city", "Jingdezhen")
    page.click("#signup-submit")
    path_is(page, "/dashboard")
    expect(page.locator("#dashboard-factory")).to_have_text("Jingdezhen Blue Kiln")
    expect(page.get_by_role("cell", name=email)).to_be_visible()
    expect(page.locator("#nav-dashboard")).to_be_visible()


def test_sign_up_explains_each_wrong_field(page: Page):
    open_page(page, "/signup")
    page.fill("#full_name", "Al")
    page.fill("#email", "al@localhost")  # the browser accepts it; the server must not
    page.fill("#password", "short")
    page.click("#signup-submit")
    expect(page.locator("#email-error")).to_contain_text("doesn't look like an email")
    expect(page.locator("#password-error")).to_have_text("Use at least 10 characters.")
    expect(page.locator("#signup-error")).to_be_visible()
    path_is(page, "/signup")


def test_wrong_password_shows_the_error_and_stays_signed_out(page: Page):
    open_page(page, "/login")
    page.fill("#email", "olivia@example.com")
    page.fill("#password", "not the password")
    page.click("#login-submit")
    expect(page.locator("#password-error")).to_have_text("Wrong email or password.")
    expect(page.locator("#nav-logout")).to_have_count(0)


def test_repeated_failures_lock_the_account_with_a_clear_message(page: Page):
    email = an_email("locked")
    accounts.sign_up(SignUpForm(email=email, password="the real passphrase", full_name="Locked Person"))
    open_page(page, "/login")
    page.fill("#email", email)
    for attempt in range(1, 6):
        page.fill("#password", "a wrong guess")
        page.click("#login-submit")
        expect(page.locator("#password-error")).to_have_text("Wrong email or password.")
        wait_until(lambda: failed_attempts(email) == attempt)  # each click reached the server
    page.fill("#password", "the real passphrase")
    page.click("#login-submit")
    expect(page.locator("#login-error")).to_contain_text("Too many failed attempts. Try again in")
    expect(page.locator("#nav-logout")).to_have_count(0)


def test_session_survives_reload_and_a_browser_restart(
    browser: Browser, context: BrowserContext, page: Page, app_url: str
):
    log_in(page, "maya@example.com")
    page.reload()
    page.wait_for_selector("main[data-hydrated='true']")
    expect(page.locator("#welcome")).to_contain_text("Maya Thompson")
    saved = context.storage_state()  # what a browser keeps on disk: persistent cookies
    restarted = browser.new_context(base_url=app_url, storage_state=saved)
    try:
        again = restarted.new_page()
        open_page(again, "/")
        expect(again.locator("#welcome")).to_contain_text("Maya Thompson")
    finally:
        restarted.close()


def test_logout_ends_the_session_on_the_server(browser: Browser, context: BrowserContext, page: Page, app_url: str):
    log_in(page, "lukas@example.com")
    stolen = context.storage_state()  # a copy of the cookie taken before logging out
    page.click("#nav-logout")
    expect(page.locator("#nav-login")).to_be_visible()
    page.reload()
    page.wait_for_selector("main[data-hydrated='true']")
    expect(page.locator("#nav-login")).to_be_visible()
    replay = browser.new_context(base_url=app_url, storage_state=stolen)
    try:
        other = replay.new_page()
        open_page(other, "/account")
        path_is(other, "/login")  # the old token is dead
    finally:
        replay.close()


def test_log_out_everywhere_signs_out_other_browsers(browser: Browser, page: Page, app_url: str):
    email = an_email("everywhere")
    accounts.sign_up(SignUpForm(email=email, password=DEMO_PASSWORD, full_name="Two Laptops"))
    log_in(page, email)
    second = browser.new_context(base_url=app_url)
    try:
        phone = second.new_page()
        log_in(phone, email)
        open_page(page, "/account")
        expect(page.locator(".session-row")).to_have_count(2)
        page.click("#logout-everywhere")
        path_is(page, "/login")
        expect(page.get_by_text("Logged out on 2 browser(s).")).to_be_visible()  # survives the cookie-clearing reload
        open_page(phone, "/account")
        path_is(phone, "/login")
    finally:
        second.close()
