"""Browser tests: the real app (prod mode) on the test database, a real OIDC provider, real Chromium."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from oidc_provider_mock import run_server_in_thread
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OIDC_CLIENT_ID = "realsourcing-test"
OIDC_CLIENT_SECRET = "test-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser_path() -> str:
    found = subprocess.run(["bash", str(ROOT / "tests" / "find_browser.sh")], capture_output=True, text=True)
    if found.returncode != 0:
        pytest.exit(found.stderr.strip() or "No Chromium found (set CHROMIUM_PATH).", returncode=3)
    return found.stdout.strip()


@pytest.fixture(scope="session")
def oidc_provider():
    """A real OpenID Connect provider on a local port (any client id is accepted)."""
    with run_server_in_thread(port=free_port()) as server:
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="session")
def app_url(migrated_database, oidc_provider, tmp_path_factory):
    """Starts `reflex run --env prod` on a free port against the test database; yields its URL."""
    port = free_port()
    url = f"http://localhost:{port}"
    env = dict(os.environ)
    env.update(
        {
            "APP_URL": url,
            "OIDC_ISSUER": oidc_provider,
            "OIDC_CLIENT_ID": OIDC_CLIENT_ID,
            "OIDC_CLIENT_SECRET": OIDC_CLIENT_SECRET,
            "OIDC_PROVIDER_NAME": "TestID",
            "PYTHONUNBUFFERED": "1",
        }
    )
    if env.get("REFLEX_REDIS_URL"):
        env.setdefault("GRANIAN_WORKERS", "2")  # several backend workers sharing state through Redis
    log_path = tmp_path_factory.mktemp("server") / "reflex.log"
    log = open(log_path, "w")
    reflex = shutil.which("reflex", path=str(ROOT / ".venv" / "bin")) or "reflex"
    proc = subprocess.Popen(
        [reflex, "run", "--env", "prod", "--single-port", "--frontend-port", str(port), "--backend-port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 240
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the app exited early:\n{log_path.read_text()[-4000:]}")
            try:
                with urllib.request.urlopen(f"{url}/ping", timeout=2) as r:
                    if r.status == 200:
                        with urllib.request.urlopen(f"{url}/", timeout=5):
                            break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the app did not answer within 240 s:\n{log_path.read_text()[-4000:]}")
            time.sleep(0.5)
        yield url
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
        if os.environ.get("RS_SHOW_SERVER_LOG"):
            print(log_path.read_text()[-8000:])


@pytest.fixture(scope="session")
def browser() -> Browser:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=browser_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def context(browser: Browser, app_url: str) -> BrowserContext:
    ctx = browser.new_context(base_url=app_url, viewport={"width": 1280, "height": 900}, locale="en-US")
    ctx.set_default_timeout(15000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
