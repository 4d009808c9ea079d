"""The browser tells the server its time zone once per page; an account without a zone takes it, and
pages read by visitors who are not signed in show their times in it.

Pages format times on the server in the reader's zone (core/timefmt): the account's zone when signed in
(its owner can change it on the account page), else this tab's browser zone, else UTC.
"""

from __future__ import annotations

import reflex as rx
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts import zones
from realsourcing.accounts.identity import CurrentUser
from realsourcing.ui.session import SessionState

BROWSER_ZONE_JS = "Intl.DateTimeFormat().resolvedOptions().timeZone"


class ClientZoneState(SessionState):
    _taken: bool = False  # this tab's zone is known to the account; nothing more to do

    @rx.event
    async def report(self, zone: str):
        if self._taken or not zones.is_zone(zone):
            return
        user = await run_in_threadpool(self.current_user)
        if user is None:
            return  # asked again on the next page, after signing in
        self._taken = True
        await run_in_threadpool(zones.remember_browser_zone, user, zone)


def reader_zone(user: CurrentUser | None, browser_zone: str) -> str:
    """The zone a page's times are written in: the account's own, else the browser's, else UTC."""
    if user is not None and user.timezone != zones.UNSET:
        return user.timezone
    return browser_zone if zones.is_zone(browser_zone) else zones.UNSET


def report_browser_zone(callback: rx.event.EventHandler | None = None) -> rx.event.EventSpec:
    """on_mount of every page: the browser's zone, to `callback` (a page that shows times to visitors
    takes it there, and passes it on to ClientZoneState.report) or to ClientZoneState.report."""
    return rx.call_script(BROWSER_ZONE_JS, callback=callback or ClientZoneState.report)
