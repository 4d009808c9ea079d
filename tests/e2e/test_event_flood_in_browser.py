"""The websocket's rate limit in the real app: a tab that floods its own socket gets its excess dropped, is
told once (a toast in its language), is disconnected, and works again once it calms down; a tab used
normally — page loads, fast typing in a live field, the language switch — never meets the limit.

The flooding tab is a real Chromium tab: Playwright sits on its websocket (passing every frame through
both ways) and pushes extra event frames into it towards the server, as a runaway script would.
"""

from __future__ import annotations

import contextlib
import re

from playwright.sync_api import BrowserContext, Page, WebSocketRoute, expect

from realsourcing.api.event_rate_limit import POLICY_VIOLATION
from realsourcing.config import get_settings
from realsourcing.core.i18n import translate
from realsourcing.profile.states.public import DirectoryState
from realsourcing.ui.flood_notice import FLOOD_TOAST_ID
from tests.e2e.helpers import log_in, open_page
from tests.support.builders import PASSWORD, a_factory

EVENT_SOCKET = re.compile(r".*/_event/.*")
ABNORMAL_CLOSURE = 1006
FLOOD = 3000
# A harmless event (a filter the directory does not have: nothing changes), so the flood leaves no trace.
HARMLESS = (
    '42/_event,["event",{"name":"' + DirectoryState.get_full_name() + '.set_filter",'
    '"payload":{"name":"none","value":"x"},"router_data":{"pathname":"/factories","asPath":"/factories"}}]'
)


class WatchedSocket:
    """Every websocket of one page, passed through; what the server sent and how it closed, per connection."""

    def __init__(self, page: Page) -> None:
        self.connections: list[dict] = []
        page.route_web_socket(EVENT_SOCKET, self._route)

    def _route(self, ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()
        record: dict = {"server": server, "received": [], "closed_with": None, "page_closed": False}
        self.connections.append(record)

        def from_server(message: str | bytes) -> None:
            record["received"].append(message)
            ws.send(message)

        def server_closed(code: int | None, reason: str | None) -> None:
            record["closed_with"] = code
            with contextlib.suppress(Exception):  # the page may have gone already
                ws.close(code=code, reason=reason)

        def page_closed(code: int | None, reason: str | None) -> None:
            record["page_closed"] = record["closed_with"] is None  # the page hung up first
            with contextlib.suppress(Exception):
                server.close(code=code, reason=reason)

        ws.on_message(server.send)
        server.on_message(from_server)
        server.on_close(server_closed)
        ws.on_close(page_closed)

    def notices(self) -> int:
        return sum(FLOOD_TOAST_ID in str(m) for c in self.connections for m in c["received"])

    def close_codes(self) -> list[int | None]:
        return [c["closed_with"] for c in self.connections if c["closed_with"] is not None]


def test_a_flooding_tab_is_dropped_told_once_in_its_language_and_disconnected(
    context: BrowserContext, page: Page, app_url: str
):
    context.add_cookies([{"name": "rs_lang", "value": "zh", "url": app_url}])
    watched = WatchedSocket(page)
    open_page(page, "/factories")
    flooding = watched.connections[-1]
    answers_before = len(flooding["received"])
    sent = 0
    for _ in range(FLOOD):
        if flooding["closed_with"] is not None:
            break
        try:
            flooding["server"].send(HARMLESS)
        except Exception:  # the server closed this socket while we were pushing: the flood is over for it
            break
        sent += 1
    expect(page.get_by_text(translate("edge.event_flood", "zh"))).to_be_visible()  # told, in Chinese
    for _ in range(150):  # Playwright delivers the socket's callbacks while the page is waited on
        if flooding["closed_with"] is not None:
            break
        page.wait_for_timeout(100)
    # The server closed the flood's socket (the page did not: it was idle). The close says 1008; a browser
    # still writing thousands of frames may see its TCP connection reset before reading it (then 1006).
    assert flooding["closed_with"] in (POLICY_VIOLATION, ABNORMAL_CLOSURE)
    assert not flooding["page_closed"]
    settings = get_settings()
    answered = len([m for m in flooding["received"][answers_before:] if FLOOD_TOAST_ID not in str(m)])
    assert sent > settings.event_flood_disconnect_after  # it was closed only after the threshold of drops
    assert answered < sent - settings.event_flood_disconnect_after  # the excess never reached a handler
    # Reflex's client reconnects; once the bucket has refilled, the same tab works again — told only once.
    expect(page.locator("#language-switch")).to_contain_text(translate("nav.language", "zh"))
    page.locator("#language-switch").click()
    expect(page.locator("#language-switch")).to_contain_text(translate("nav.language", "en"), timeout=30000)
    assert watched.notices() == 1


def test_a_tab_used_normally_never_meets_the_limit(context: BrowserContext, page: Page):
    owner = a_factory(name="Steady Typing Works")
    watched = WatchedSocket(page)
    log_in(page, owner.email, PASSWORD)
    for path in ("/dashboard", "/dashboard/profile", "/factories", "/webinars", "/dashboard/documents"):
        open_page(page, path)  # full page loads: connect, hydrate, on_load
    number = "LIC-" + "0123456789" * 6  # 64 keystrokes as fast as the keyboard goes, one event each
    page.locator("#doc-number").press_sequentially(number, delay=0)
    issuer = "Ningbo Administration for Market Regulation"
    page.locator("#doc-issuer").press_sequentially(issuer, delay=40)  # a fast typist
    expect(page.locator("#doc-number")).to_have_value(number)  # the server's value: every keystroke arrived
    expect(page.locator("#doc-issuer")).to_have_value(issuer)
    for _ in range(6):
        page.locator("#language-switch").click()
    expect(page.locator("#language-switch")).to_be_visible()
    assert watched.notices() == 0
    assert POLICY_VIOLATION not in watched.close_codes()  # navigations close sockets; the limit never did
