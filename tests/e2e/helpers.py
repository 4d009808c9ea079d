"""Small steps the browser tests share."""

from __future__ import annotations

import re
from email.message import EmailMessage

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, expect

from realsourcing.notifications import service as notifications
from tests.support.smtp_standin import SmtpStandIn

DEMO_PASSWORD = "realsourcing-demo"
# How Chromium reports a Content-Security-Policy violation in the console.
CSP_VIOLATION = re.compile(r"Content Security Policy|Refused to (load|execute|apply|connect|frame|evaluate|display)")


def open_page(page: Page, path: str) -> None:
    page.goto(path)
    page.wait_for_selector("main[data-hydrated='true']")


def path_is(page: Page, path: str) -> None:
    """The page's path is `path` (prod paths may end with a slash; any query string is allowed)."""
    expect(page).to_have_url(re.compile(r"^https?://[^/]+" + re.escape(path.rstrip("/")) + r"/?(\?.*)?$"))


def log_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    open_page(page, "/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("#login-submit")
    expect(page.locator("#nav-logout")).to_be_visible()


def watch_csp(context: BrowserContext) -> list[str]:
    """Collect every CSP violation Chromium reports in any page of `context` (the list fills as they happen)."""
    violations: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if CSP_VIOLATION.search(message.text):
            violations.append(f"{message.page.url if message.page else '?'}: {message.text}")

    context.on("console", record)
    return violations


def the_email_to(mailbox: SmtpStandIn, address: str, subject: str) -> EmailMessage:
    """Deliver the outbox (the app queued the email a moment ago) and pick the one email wanted."""
    notifications.deliver_due(limit=500)
    return mailbox.wait_for(address, subject=subject)[0]
