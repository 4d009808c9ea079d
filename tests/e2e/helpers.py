"""Small steps the browser tests share."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

DEMO_PASSWORD = "realsourcing-demo"


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
