"""The factory team in the browser: an owner (Chinese UI) invites staff by email, the invitee joins."""

from __future__ import annotations

import os
from email.message import EmailMessage

import pytest
from playwright.sync_api import Browser, Page, expect

from realsourcing.config import get_settings
from realsourcing.notifications import service as notifications
from tests.e2e.helpers import open_page, path_is
from tests.support.builders import PASSWORD, a_factory, an_email
from tests.support.smtp_standin import SmtpStandIn, body_of, invite_link_in


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
    """helpers.log_in, waiting longer for the hand-over: the first sign-in after the app starts, on a
    loaded 2-core machine, has taken more than the default 5 s to show the signed-in navigation."""
    open_page(page, "/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("#login-submit")
    expect(page.locator("#nav-logout")).to_be_visible(timeout=20000)


def the_email_to(mailbox: SmtpStandIn, address: str, subject: str) -> EmailMessage:
    notifications.deliver_due(limit=500)
    return mailbox.wait_for(address, subject=subject)[0]


def test_owner_in_chinese_invites_staff_who_joins_and_cannot_manage_the_team(
    page: Page, browser: Browser, app_url: str, mailbox: SmtpStandIn
):
    owner = a_factory(name="Cixi Brass Works", full_name="Zhou Min", password=PASSWORD)
    staff_email = an_email("staff")
    log_in(page, owner.email, PASSWORD)
    open_page(page, "/dashboard/team")
    page.click("#language-switch")  # the owner works in Chinese (kept on the account: emails follow)
    expect(page.locator("#section-team")).to_have_text("团队成员")
    expect(page.locator("#section-team")).to_have_attribute("aria-current", "page")
    expect(page.locator("#team-members")).to_contain_text(owner.email)
    expect(page.locator("#no-invites")).to_have_text("暂无待处理的邀请。")
    page.fill("#invite_email", "not-an-email@localhost")  # the browser lets it through; the server does not
    page.click("#invite-submit")
    expect(page.locator("#invite_email-error")).to_be_visible()
    page.fill("#invite_email", staff_email)
    page.click("#invite-submit")
    invitation = page.locator(".team-invite", has_text=staff_email)
    expect(invitation).to_contain_text("待接受")
    expect(invitation).to_contain_text("员工")
    expect(page.locator("#invite_email")).to_have_value("")

    mail = the_email_to(mailbox, staff_email, "Zhou Min 邀请您加入 RealSourcing 上的 Cixi Brass Works")
    assert "7 天内有效" in body_of(mail)  # no account yet: written in the inviter's language
    link = invite_link_in(mail)

    staff_context = browser.new_context(base_url=app_url, viewport={"width": 1280, "height": 900}, locale="en-US")
    try:
        staff = staff_context.new_page()
        open_page(staff, link)
        expect(staff.locator("#invite-factory")).to_have_text("Cixi Brass Works")
        expect(staff.locator("#invite-email")).to_have_text(staff_email)
        expect(staff.locator("#invite-role")).to_have_text("Staff")
        staff.fill("#full_name", "Lin Yue")
        staff.fill("#password", "brass fittings 2026")
        staff.click("#invite-signup-submit")
        path_is(staff, "/dashboard")
        expect(staff.locator("#dashboard-factory")).to_have_text("Cixi Brass Works")
        expect(staff.locator("#nav-dashboard")).to_be_visible()

        staff.click("#section-team")
        path_is(staff, "/dashboard/team")
        expect(staff.locator("#team-members")).to_contain_text(owner.email)
        expect(staff.locator(".team-member", has_text=staff_email)).to_contain_text("Staff")
        expect(
            staff.get_by_text("Only an owner can invite, remove or change the role of team members.")
        ).to_be_visible()
        expect(staff.locator("#invite-form")).to_have_count(0)
        expect(staff.locator(".member-remove")).to_have_count(0)
        expect(staff.locator(".member-role")).to_have_count(0)

        # The owner sees the new member (and was told), then removes them after confirming.
        open_page(page, "/dashboard/team")
        member = page.locator(".team-member", has_text=staff_email)
        expect(member).to_contain_text("Lin Yue")
        expect(page.locator("#no-invites")).to_be_visible()
        the_email_to(mailbox, owner.email, "Lin Yue 已加入 Cixi Brass Works")
        member.locator(".member-remove").click()
        expect(page.get_by_role("alertdialog")).to_contain_text("对方将立即失去该工厂管理后台的访问权限")
        page.click("#confirm-remove")
        expect(page.locator(".team-member", has_text=staff_email)).to_have_count(0)

        staff.click("#section-overview")  # the removed member's open tab loses access at its next request
        path_is(staff, "/")
        expect(staff.locator("#nav-dashboard")).to_have_count(0)
    finally:
        staff_context.close()


def test_the_team_page_works_at_phone_width(page: Page, app_url: str):
    owner = a_factory(name="Phone Width Works", password=PASSWORD)
    log_in(page, owner.email, PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, "/dashboard/team")
    email = an_email("phone")
    page.fill("#invite_email", email)
    page.click("#invite_role")
    page.click("#invite-role-owner")
    page.click("#invite-submit")
    invitation = page.locator(".team-invite", has_text=email)
    expect(invitation).to_contain_text("Owner")
    expect(invitation.locator(".invite-resend")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways at phone width ({width} px)"
    invitation.locator(".invite-revoke").click()
    expect(page.locator(".team-invite", has_text=email)).to_have_count(0)
