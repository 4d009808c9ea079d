"""Sign-up, sign-in, sessions and sign-out, as people do them in the browser."""

from __future__ import annotations

import time
import urllib.request
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlmodel import select

from realsourcing.accounts import one_time_links
from realsourcing.accounts import service as accounts
from realsourcing.accounts.models import LoginAttempt
from realsourcing.accounts.service import SignUpForm
from realsourcing.db import session_scope
from tests.e2e.helpers import DEMO_PASSWORD, log_in, open_page, path_is, the_email_to
from tests.support.builders import an_email
from tests.support.smtp_standin import SmtpStandIn, body_of, link_in


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


def fill_buyer_form(page: Page, email: str, name: str = "Jamie Rivera") -> None:
    page.fill("#full_name", name)
    page.fill("#email", email)
    page.fill("#password", "sourcing from Ningbo")
    page.fill("#company_name", "Rivera Outdoor LLC")


def test_buyer_signs_up_confirms_the_emailed_link_and_is_signed_in(page: Page, mailbox: SmtpStandIn):
    email = an_email("jamie")
    open_page(page, "/signup")
    fill_buyer_form(page, email)
    page.click("#signup-submit")
    expect(page.locator("#signup-sent")).to_have_text("Check your email")
    expect(page.locator("#signup-sent-to")).to_have_text(email)
    expect(page.locator("#nav-logout")).to_have_count(0)  # not signed in before the mailbox is proven
    mail = the_email_to(mailbox, email, "Confirm your email to finish signing up")
    open_page(page, link_in(mail))
    expect(page.locator("#link-title")).to_have_text("Finish creating your account")
    expect(page.locator("#link-email")).to_have_text(email)
    page.click("#link-confirm")
    path_is(page, "/")
    expect(page.locator("#welcome")).to_contain_text("Jamie Rivera")
    expect(page.locator("#nav-account")).to_be_visible()
    expect(page.locator("#nav-dashboard")).to_have_count(0)
    page.click("#nav-logout")
    expect(page.locator("#nav-login")).to_be_visible()
    open_page(page, link_in(mail))  # the link worked once
    expect(page.locator("#link-invalid")).to_be_visible()
    page.get_by_role("button", name="Email me a new sign-in link").click()
    expect(page.locator("#link_email")).to_be_visible()  # the login page opens on its link form


def test_a_known_email_gets_the_same_screen_and_an_email_to_log_in(browser: Browser, app_url: str, mailbox):
    known = an_email("known")
    accounts.sign_up(SignUpForm(email=known, password=DEMO_PASSWORD, full_name="Known Person"))
    screens = []
    for email in (an_email("fresh"), known):
        ctx = browser.new_context(base_url=app_url, viewport={"width": 1280, "height": 900})
        try:
            tab = ctx.new_page()
            open_page(tab, "/signup")
            fill_buyer_form(tab, email, name="Some Body")
            tab.click("#signup-submit")
            expect(tab.locator("#signup-sent")).to_be_visible()
            screens.append(tab.locator("main").inner_text().replace(email, "<email>"))
        finally:
            ctx.close()
    assert screens[0] == screens[1]  # nothing on screen tells which address has an account
    mail = the_email_to(mailbox, known, "You already have a RealSourcing account")
    body = body_of(mail)
    assert f"{app_url}/login" in body and "Forgot your password?" in body
    assert "/link?token=" in link_in(mail)


def test_factory_signs_up_and_lands_on_its_dashboard(page: Page, mailbox: SmtpStandIn):
    email = an_email("factory")
    open_page(page, "/signup")
    page.click("#choose-factory")
    page.fill("#full_name", "Chen Jing")
    page.fill("#email", email)
    page.fill("#password", "ceramics since 1998")
    page.fill("#factory_name_en", "Jingdezhen Blue Kiln")
    page.fill("#factory_name_zh", "景德镇青窑")
    expect(page.locator("#factory_city")).to_be_disabled()  # the province comes first
    page.select_option("#factory_province", label="Jiangxi")
    page.select_option("#factory_city", label="Jingdezhen")
    page.click("#signup-submit")
    expect(page.locator("#signup-sent")).to_be_visible()
    open_page(page, link_in(the_email_to(mailbox, email, "Confirm your email to finish signing up")))
    page.click("#link-confirm")
    path_is(page, "/dashboard")
    expect(page.locator("#dashboard-factory")).to_have_text("Jingdezhen Blue Kiln")
    expect(page.get_by_text("Jingdezhen, Jiangxi")).to_be_visible()  # the place chosen at sign-up is kept
    expect(page.get_by_role("cell", name=email)).to_be_visible()
    expect(page.locator("#nav-dashboard")).to_be_visible()


def test_a_mail_scanner_opening_the_link_does_not_use_it(page: Page, app_url: str, mailbox: SmtpStandIn):
    email = an_email("scanned")
    open_page(page, "/signup")
    fill_buyer_form(page, email, name="Scanned Person")
    page.click("#signup-submit")
    expect(page.locator("#signup-sent")).to_be_visible()
    link = link_in(the_email_to(mailbox, email, "Confirm your email to finish signing up"))
    assert link.startswith(app_url + "/link?token=")
    for _ in range(2):  # what a scanner does: fetch the URL over HTTP, follow redirects
        with urllib.request.urlopen(link) as answer:
            assert answer.status == 200
    token = parse_qs(urlsplit(link).query)["token"][0]
    assert one_time_links.preview(token) is not None  # still unused
    open_page(page, link)
    page.click("#link-confirm")
    path_is(page, "/")
    expect(page.locator("#welcome")).to_contain_text("Scanned Person")


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


def test_a_throttled_account_signs_in_with_an_emailed_link(page: Page, mailbox: SmtpStandIn):
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
    page.click("#login-send-link")  # the owner is not locked out: the mailbox still lets them in
    expect(page.locator("#link-sent")).to_be_visible()
    mail = the_email_to(mailbox, email, "Your RealSourcing sign-in link")
    open_page(page, link_in(mail))
    expect(page.locator("#link-title")).to_have_text("Sign in to RealSourcing")
    page.click("#link-confirm")
    path_is(page, "/")
    expect(page.locator("#welcome")).to_contain_text("Locked Person")


def test_anyone_can_ask_for_a_sign_in_link_from_the_login_page(page: Page, mailbox: SmtpStandIn):
    email = an_email("linked")
    accounts.sign_up(SignUpForm(email=email, password=DEMO_PASSWORD, full_name="Link Person"))
    open_page(page, "/login")
    page.click("#login-link-mode")
    page.fill("#link_email", email)
    page.click("#link-submit")
    expect(page.locator("#link-sent")).to_be_visible()
    open_page(page, link_in(the_email_to(mailbox, email, "Your RealSourcing sign-in link")))
    page.click("#link-confirm")
    path_is(page, "/")
    expect(page.locator("#welcome")).to_contain_text("Link Person")


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


def test_signing_out_and_in_as_someone_else_in_one_tab_shows_the_new_person(page: Page):
    """The page load's resolved user serves only that navigation and that token: never the previous person."""

    def log_in_to_account(email: str) -> None:
        open_page(page, "/login?next=/account")
        page.fill("#email", email)
        page.fill("#password", DEMO_PASSWORD)
        page.click("#login-submit")
        path_is(page, "/account")

    log_in_to_account("maya@example.com")
    expect(page.locator("#account-email")).to_have_text("maya@example.com")
    page.click("#nav-logout")
    expect(page.locator("#nav-login")).to_be_visible()
    log_in_to_account("lukas@example.com")
    expect(page.locator("#account-email")).to_have_text("lukas@example.com")
    expect(page.locator("#nav-logout")).to_be_visible()
    page.click("#nav-logout")
    expect(page.locator("#nav-login")).to_be_visible()
    open_page(page, "/account")
    path_is(page, "/login")  # signed out: nobody's account, not even for a moment
