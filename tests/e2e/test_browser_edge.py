"""The browser edge, in Chromium and over HTTP: an HttpOnly session cookie, exact origins, security headers."""

from __future__ import annotations

import base64
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, WebSocket, expect

from realsourcing.accounts import service as accounts
from realsourcing.accounts import session_exchange
from realsourcing.profile.documents import DocumentForm, upload_document
from tests.e2e.helpers import log_in, open_page, path_is, watch_csp
from tests.support.app_server import free_port
from tests.support.builders import PASSWORD, a_factory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EVIL = "https://evil.example"
READ_WITH_COOKIES = """async (url) => {
    try {
        const response = await fetch(url, {credentials: "include"});
        return "read " + (await response.arrayBuffer()).byteLength + " bytes";
    } catch (error) {
        return "blocked";
    }
}"""


class _Page(BaseHTTPRequestHandler):
    """A page on another origin of the same site (localhost, another port), as a sibling app would be."""

    def do_GET(self) -> None:
        body = b"<!doctype html><html><body><p id='sibling'>another app on this site</p></body></html>"
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def sibling_origin() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://localhost:{server.server_port}"
    server.shutdown()


def session_cookies(context: BrowserContext) -> list[dict]:
    return [c for c in context.cookies() if c["name"] == accounts.SESSION_COOKIE]


def session_cookie(context: BrowserContext) -> dict:
    (cookie,) = session_cookies(context)
    return cookie


def eventually(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in policy.split("; "))}


def websocket_handshake_status(app_url: str, origin: str) -> int:
    """The HTTP status a websocket upgrade to Reflex's event socket gets when sent with this Origin."""
    parts = urlsplit(app_url)
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET /_event/?EIO=4&transport=websocket HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
        f"Sec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n"
    )
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as conn:
        conn.sendall(request.encode())
        status_line = conn.recv(4096).split(b"\r\n", 1)[0]
    return int(status_line.split()[1])


def test_the_session_cookie_is_http_only_and_never_reaches_page_scripts(context: BrowserContext, page: Page):
    frames: list[str] = []

    def record(ws: WebSocket) -> None:
        ws.on("framesent", lambda payload: frames.append(str(payload)))
        ws.on("framereceived", lambda payload: frames.append(str(payload)))

    page.on("websocket", record)
    log_in(page, "maya@example.com")
    cookie = session_cookie(context)
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    assert cookie["secure"] is False  # the test app runs on http://; APP_URL https:// makes it Secure
    assert "rs_session" not in page.evaluate("document.cookie")
    assert cookie["value"] not in page.evaluate("document.cookie")
    assert frames and not any(cookie["value"] in frame for frame in frames)  # no state var carries the token
    for path in ("/account", "/orders"):
        open_page(page, path)  # full loads: each opens a new websocket with the cookie
        path_is(page, path)
        page.reload()
        page.wait_for_selector("main[data-hydrated='true']")
        expect(page.locator("#nav-logout")).to_be_visible()
    assert "rs_session" not in page.evaluate("document.cookie")


def test_a_sign_in_code_works_once(context: BrowserContext, page: Page):
    handoffs: list[str] = []
    page.on("request", lambda request: handoffs.append(request.url) if "/auth/session?" in request.url else None)
    log_in(page, "lukas@example.com")
    assert len(handoffs) == 1
    context.clear_cookies()
    open_page(page, "/")
    expect(page.locator("#nav-login")).to_be_visible()
    page.evaluate("url => window.location.assign(url)", handoffs[0])  # the same code again, from this site
    page.wait_for_url("**/login**")
    page.wait_for_selector("main[data-hydrated='true']")
    expect(page.locator("#login-error")).to_contain_text("link was used or had expired")
    assert session_cookies(context) == []


def test_a_code_planted_from_another_origin_signs_nobody_in(context: BrowserContext, app_url: str, sibling_origin: str):
    """Login CSRF: an attacker's own fresh code, opened in a victim's browser by another site, is refused."""
    attacker = a_factory(name="Planted Session Works")
    _user, token = accounts.authenticate(attacker.email, PASSWORD, "198.51.100.7")
    planted = app_url + session_exchange.exchange_url(token, "/dashboard")
    victim = context.new_page()
    victim.goto(sibling_origin)
    victim.evaluate("url => window.location.assign(url)", planted)
    victim.wait_for_url("**/login**")
    victim.wait_for_selector("main[data-hydrated='true']")
    expect(victim.locator("#login-error")).to_be_visible()
    assert session_cookies(context) == []


def test_another_origin_of_the_site_cannot_read_a_private_licence(
    context: BrowserContext, page: Page, app_url: str, sibling_origin: str
):
    owner = a_factory(name="Licence Holder Works")
    document_id = upload_document(owner, DocumentForm("business_license", "LIC-EDGE", "AMR"), "licence.pdf", PDF)
    document_url = f"{app_url}/api/documents/{document_id}"
    log_in(page, owner.email, PASSWORD)
    assert page.evaluate(READ_WITH_COOKIES, document_url) == f"read {len(PDF)} bytes"  # the app's own page may
    sibling = context.new_page()
    sibling.goto(sibling_origin)  # same site (localhost), another origin: the cookie (Lax) is sent along
    expect(sibling.locator("#sibling")).to_be_visible()
    assert sibling.evaluate(READ_WITH_COOKIES, document_url) == "blocked"


def test_cors_answers_only_the_apps_own_origin(app_url: str):
    own = httpx.get(f"{app_url}/ping", headers={"Origin": app_url})
    assert own.headers["access-control-allow-origin"] == app_url
    assert own.headers["access-control-allow-credentials"] == "true"
    for origin in (EVIL, app_url.replace("localhost", "127.0.0.1"), "null"):
        foreign = httpx.get(f"{app_url}/api/documents/1", headers={"Origin": origin})
        assert "access-control-allow-origin" not in foreign.headers, origin
    preflight = httpx.options(
        f"{app_url}/api/documents/1",
        headers={"Origin": EVIL, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-a"},
    )
    assert preflight.status_code == 400 and "access-control-allow-origin" not in preflight.headers


def test_the_event_websocket_refuses_a_foreign_origin(app_url: str):
    assert websocket_handshake_status(app_url, app_url) == 101
    assert websocket_handshake_status(app_url, EVIL) != 101
    assert websocket_handshake_status(app_url, app_url.replace("localhost", "127.0.0.1")) != 101


def test_every_response_carries_the_security_headers(app_url: str):
    for path in ("/", "/login/", "/factories/", "/ping", "/api/documents/1", "/no-such-page/"):
        headers = httpx.get(f"{app_url}{path}").headers
        policy = directives(headers["content-security-policy"])
        assert policy["frame-ancestors"] == ["'none'"], path
        assert "'unsafe-inline'" not in policy["script-src"], path
        assert any(source.startswith("'sha256-") for source in policy["script-src"]), path  # the built pages' own
        assert headers["x-frame-options"] == "DENY", path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin", path
        assert headers["permissions-policy"].startswith("camera=(self), microphone=(self)"), path


def test_csp_lets_the_app_run_and_blocks_injected_scripts_and_framing(browser: Browser, app_url: str):
    context = browser.new_context(base_url=app_url)
    violations = watch_csp(context)
    try:
        page = context.new_page()
        log_in(page, "maya@example.com")
        for path in ("/", "/factories", "/webinars", "/meetings", "/account", "/notifications"):
            open_page(page, path)
        assert violations == []  # the pages, their hydration scripts, styles and the websocket are allowed
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
            " document.body.appendChild(s); }"
        )
        assert page.evaluate("window.injected") is None  # an injected inline script does not run...
        assert eventually(lambda: any("inline script" in v for v in violations))  # ...and Chromium says why
        framer = context.new_page()
        framer.set_content(f"<iframe id='framed' src='{app_url}/account'></iframe>")
        assert eventually(lambda: any("frame-ancestors" in v for v in violations))  # no site can frame a page
        assert framer.frame_locator("#framed").locator("main").count() == 0
    finally:
        context.close()


def test_log_out_goes_through_the_server_and_clears_the_cookie(context: BrowserContext, page: Page):
    logouts: list[str] = []
    page.on("request", lambda request: logouts.append(request.url) if "/auth/logout" in request.url else None)
    log_in(page, "olivia@example.com")
    token = session_cookie(context)["value"]
    open_page(page, "/account")
    page.click("#nav-logout")
    page.wait_for_url(lambda url: urlsplit(url).path in ("", "/"))  # home, through /auth/logout
    page.wait_for_selector("main[data-hydrated='true']")
    expect(page.locator("#nav-login")).to_be_visible()
    assert len(logouts) == 1
    assert session_cookies(context) == []
    assert accounts.resolve_session(token) is None
