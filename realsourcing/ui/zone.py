"""The browser tells the server its time zone once per tab; an account without a zone takes it.

Pages format times on the server in the reader's zone (core/timefmt); a new account's zone comes from
here, and its owner can change it on the account page.
"""

from __future__ import annotations

import reflex as rx
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts import zones
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


def report_browser_zone() -> rx.event.EventSpec:
    """on_mount of every page: the browser's zone, for accounts that have none yet."""
    return rx.call_script(BROWSER_ZONE_JS, callback=ClientZoneState.report)
