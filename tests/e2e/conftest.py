"""Browser tests: the real app (prod mode) on the test database, a real OIDC provider, real Chromium."""

from __future__ import annotations

import os

import pytest
from oidc_provider_mock import run_server_in_thread
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from realsourcing.config import get_settings
from tests.e2e.helpers import watch_csp
from tests.support.app_server import CHROMIUM_ARGS, browser_path, free_port, running_app
from tests.support.smtp_standin import SmtpStandIn
from tests.support.stripe_standin import StripeStandIn

OIDC_CLIENT_ID = "realsourcing-test"
OIDC_CLIENT_SECRET = "test-secret"
LIVEKIT_KEY = "e2e-livekit-key"
LIVEKIT_SECRET = "e2e-livekit-secret-long-enough-for-hs256"
LIVEKIT_PORT = free_port()
STRIPE_KEY = "sk_test_e2e"
STRIPE_WEBHOOK_SECRET = (
    "whsec_e2e_secret"  # nothing listens there: the app must show "video unavailable" and keep working
)


@pytest.fixture(scope="session", autouse=True)
def database(migrated_database: str) -> str:
    """Every browser test runs on the migrated, seeded test database of tests/conftest.py (the app uses it too)."""
    return migrated_database


@pytest.fixture(scope="session")
def oidc_provider():
    """A real OpenID Connect provider on a local port (any client id is accepted)."""
    with run_server_in_thread(port=free_port()) as server:
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="session")
def stripe_standin():
    """Stands in for api.stripe.com and the hosted checkout page."""
    standin = StripeStandIn().start()
    yield standin
    standin.stop()


@pytest.fixture
def mailbox():
    """A real SMTP server; the outbox is delivered to it from here (the app under test has no SMTP_HOST):
    see helpers.the_email_to."""
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


@pytest.fixture(scope="session")
def app_url(migrated_database, oidc_provider, stripe_standin, tmp_path_factory):
    """The real app on a free port, against the test database, with OIDC sign-in configured."""
    log_path = tmp_path_factory.mktemp("server") / "reflex.log"
    oidc = {
        "OIDC_ISSUER": oidc_provider,
        "OIDC_CLIENT_ID": OIDC_CLIENT_ID,
        "OIDC_CLIENT_SECRET": OIDC_CLIENT_SECRET,
        "OIDC_PROVIDER_NAME": "TestID",
        "LIVEKIT_URL": f"ws://127.0.0.1:{LIVEKIT_PORT}",
        "LIVEKIT_API_KEY": LIVEKIT_KEY,
        "LIVEKIT_API_SECRET": LIVEKIT_SECRET,
        "STRIPE_SECRET_KEY": STRIPE_KEY,
        "STRIPE_WEBHOOK_SECRET": STRIPE_WEBHOOK_SECRET,
        "STRIPE_API_BASE": stripe_standin.url,
    }
    try:
        with running_app(oidc, log_path) as url:
            yield url
    finally:
        if os.environ.get("RS_SHOW_SERVER_LOG") and log_path.exists():
            print(log_path.read_text()[-8000:])


@pytest.fixture(scope="session")
def browser() -> Browser:
    try:
        executable = browser_path()
    except RuntimeError as exc:
        pytest.exit(str(exc), returncode=3)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def context(browser: Browser, app_url: str) -> BrowserContext:
    """A fresh browser profile; every browser test also fails if a page broke the Content-Security-Policy."""
    ctx = browser.new_context(base_url=app_url, viewport={"width": 1280, "height": 900}, locale="en-US")
    ctx.set_default_timeout(15000)
    csp_violations = watch_csp(ctx)
    yield ctx
    ctx.close()
    assert not csp_violations, "the Content-Security-Policy blocked something the app loads:\n" + "\n".join(
        csp_violations
    )


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
