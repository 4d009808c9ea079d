"""Forgot password through the emailed link, and change password on the account page, in English and Chinese."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from realsourcing.accounts import service as accounts
from realsourcing.accounts.service import SignUpForm
from realsourcing.config import get_settings
from realsourcing.notifications import service as notifications
from tests.e2e.helpers import open_page, path_is
from tests.support.builders import PASSWORD, a_factory, an_email
from tests.support.smtp_standin import SmtpStandIn, link_in

NEW_PASSWORD = "a brand new passphrase"
TEXTS = {
    "en": {
        "forgot": "Forgot your password?",
        "subject": "Reset your RealSourcing password",
        "sent": "Check your email",
        "reset_title": "Choose a new password",
        "mismatch": "The two passwords differ.",
        "wrong_current": "That is not your current password.",
        "changed": "Password changed. Other browsers signed out: 1.",
        "changed_subject": "Your RealSourcing password was changed",
    },
    "zh": {
        "forgot": "忘记密码？",
        "subject": "重置您的 RealSourcing 密码",
        "sent": "请查收邮件",
        "reset_title": "设置新密码",
        "mismatch": "两次输入的密码不一致。",
        "wrong_current": "当前密码不正确。",
        "changed": "密码已修改，已退出其他浏览器：1 个。",
        "changed_subject": "您的 RealSourcing 密码已更改",
    },
}


@pytest.fixture
def mailbox():
    """A real SMTP server; the outbox is delivered to it from here (the app under test has no SMTP_HOST)."""
    smtp = SmtpStandIn().start()
    saved = {name: os.environ.get(name) for name in smtp.env()}
    os.environ.update(smtp.env())
    get_settings.cache_clear()
    try:
        yield smtp
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        get_settings.cache_clear()
        smtp.stop()


def log_in(page: Page, email: str, password: str) -> None:
    """helpers.log_in, waiting longer for the sign-in's page load (argon2 on a busy shared machine)."""
    open_page(page, "/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("#login-submit")
    expect(page.locator("#nav-logout")).to_be_visible(timeout=20_000)


def a_person(language: str) -> str:
    email = an_email(f"pw-{language}")
    accounts.sign_up(SignUpForm(email=email, password=PASSWORD, full_name="Pat Lee", language=language))
    return email


def new_context(browser: Browser, app_url: str, language: str) -> BrowserContext:
    context = browser.new_context(base_url=app_url, viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "rs_lang", "value": language, "url": app_url}])
    return context


def still_signed_in(context: BrowserContext) -> bool:
    tab = context.new_page()
    tab.goto("/account")
    tab.locator("#account-email, #login-submit").first.wait_for()  # the account page, or sent to log in
    signed_in = tab.locator("#account-email").count() > 0
    tab.close()
    return signed_in


@pytest.mark.parametrize("language", ["en", "zh"])
def test_forgot_password_by_the_emailed_link_signs_out_everywhere_and_signs_in_fresh(
    browser: Browser, app_url: str, mailbox: SmtpStandIn, language: str
):
    text = TEXTS[language]
    email = a_person(language)
    elsewhere = new_context(browser, app_url, language)
    here = new_context(browser, app_url, language)
    try:
        log_in(elsewhere.new_page(), email, PASSWORD)
        page = here.new_page()
        open_page(page, "/login")
        page.get_by_text(text["forgot"]).click()
        path_is(page, "/password/forgot")
        page.fill("#email", email)
        page.click("#forgot-submit")
        expect(page.locator("#forgot-sent")).to_have_text(text["sent"])
        notifications.deliver_due(limit=500)
        [mail] = mailbox.wait_for(email, subject=text["subject"])
        link = link_in(mail)
        open_page(page, link)
        expect(page.locator("#link-title")).to_have_text(text["reset_title"])
        expect(page.locator("#link-email")).to_have_text(email)
        page.fill("#new_password", NEW_PASSWORD)
        page.fill("#confirm_password", NEW_PASSWORD + "?")
        page.click("#reset-submit")
        expect(page.locator("#confirm_password-error")).to_have_text(text["mismatch"])
        page.fill("#confirm_password", NEW_PASSWORD)
        page.click("#reset-submit")
        path_is(page, "/")
        expect(page.locator("#nav-logout")).to_be_visible()
        assert not still_signed_in(elsewhere)
        open_page(page, link)  # used once
        expect(page.locator("#link-invalid")).to_be_visible()
        expect(page.locator("#link-reset-again")).to_be_visible()
        page.click("#nav-logout")
        expect(page.locator("#nav-login")).to_be_visible()
        log_in(page, email, NEW_PASSWORD)
    finally:
        elsewhere.close()
        here.close()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_change_password_on_the_account_page_signs_out_the_other_browsers(
    browser: Browser, app_url: str, mailbox: SmtpStandIn, language: str
):
    text = TEXTS[language]
    email = a_person(language)
    elsewhere = new_context(browser, app_url, language)
    here = new_context(browser, app_url, language)
    try:
        log_in(elsewhere.new_page(), email, PASSWORD)
        page = here.new_page()
        log_in(page, email, PASSWORD)
        open_page(page, "/account")
        page.fill("#current_password", "not the right one")
        page.fill("#new_password", NEW_PASSWORD)
        page.fill("#confirm_password", NEW_PASSWORD)
        page.click("#change-password-submit")
        expect(page.locator("#current_password-error")).to_have_text(text["wrong_current"])
        assert still_signed_in(elsewhere)
        page.fill("#current_password", PASSWORD)
        page.click("#change-password-submit")
        expect(page.get_by_text(text["changed"])).to_be_visible()
        expect(page.locator("#current_password")).to_have_value("")
        expect(page.locator(".session-row")).to_have_count(1)
        assert not still_signed_in(elsewhere)
        assert still_signed_in(here)
        notifications.deliver_due(limit=500)
        mailbox.wait_for(email, subject=text["changed_subject"])
    finally:
        elsewhere.close()
        here.close()


def test_a_buyer_deletes_their_account_and_a_factory_s_only_owner_is_told_why_they_cannot(page: Page):
    email = a_person("en")
    log_in(page, email, PASSWORD)
    open_page(page, "/account")
    page.click("#delete-account")
    page.fill("#delete_password", PASSWORD)
    page.fill("#confirm_word", "remove")
    page.click("#delete-confirm")
    expect(page.locator("#confirm_word-error")).to_have_text("Type DELETE (or 删除) to confirm.")
    page.fill("#confirm_word", "DELETE")
    page.click("#delete-confirm")
    path_is(page, "/")
    expect(page.get_by_text("Your account was deleted.")).to_be_visible()
    expect(page.locator("#nav-login")).to_be_visible()
    open_page(page, "/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    expect(page.locator("#password-error")).to_have_text("Wrong email or password.")

    owner = a_factory(name="Only Owner Works")
    log_in(page, owner.email, PASSWORD)
    open_page(page, "/account")
    expect(page.locator("#delete-blocker")).to_contain_text("You are the only owner of Only Owner Works")
    expect(page.locator("#delete-account")).to_be_disabled()
