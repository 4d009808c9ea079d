"""The account page: who I am, where I'm logged in, log out everywhere."""

from __future__ import annotations

from typing import TypedDict

import reflex as rx

from realsourcing.accounts import service as accounts
from realsourcing.accounts import zones
from realsourcing.accounts.identity import CurrentUser
from realsourcing.core import timefmt
from realsourcing.notifications import service as notifications
from realsourcing.ui.session import SessionState, id_from_client, refusals_shown, sign_out_browser


class SessionRow(TypedDict):
    id: int
    created: str
    last_seen: str
    where: str
    method: str
    current: bool


class ZoneOption(TypedDict):
    value: str
    label: str


class AccountState(SessionState):
    loaded: bool = False
    email: str = ""
    full_name: str = ""
    company_name: str = ""
    account_kind: str = ""  # i18n key of the account type, for display only
    sessions: list[SessionRow] = []
    webinar_emails: bool = True
    timezone: str = "UTC"
    zone_label: str = ""
    zone_options: list[ZoneOption] = []

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded = False
        user = self.user()
        self.email, self.full_name, self.company_name = user.email, user.full_name, user.company_name
        self.account_kind = f"account.type_{user.role}"
        self._load_sessions(user)
        self.webinar_emails = notifications.preferences(user)["webinars"]
        self._show_zone(user.timezone)
        self.loaded = True

    def _show_zone(self, zone: str) -> None:
        self.timezone = zone
        self.zone_label = timefmt.zone_label(zone, self.lang)
        self.zone_options = [ZoneOption(value=z, label=label) for z, label in zones.choices(self.lang, zone)]

    @rx.event
    @refusals_shown
    def set_timezone(self, zone: str):
        user = self.user()
        zones.set_timezone(user, zone)
        self._show_zone(zone)
        self._load_sessions(self.user())  # the times on this page, in the new zone
        return rx.toast.success(self.tr("account.timezone_saved", zone=self.zone_label))

    @rx.event
    @refusals_shown
    def set_webinar_emails(self, enabled: bool):
        notifications.set_preference(self.user(), "webinars", bool(enabled))
        self.webinar_emails = bool(enabled)
        return rx.toast.success(self.tr("avail.saved"))

    def _load_sessions(self, user: CurrentUser) -> None:
        self.sessions = [
            SessionRow(
                id=s.id,
                created=timefmt.moment(s.created_at, user.timezone, self.lang),
                last_seen=timefmt.moment(s.last_seen_at, user.timezone, self.lang, with_zone=False),
                where=f"{describe_agent(s.user_agent)} · {s.ip or '—'}",
                method=s.method,
                current=s.is_current,
            )
            for s in accounts.active_sessions(user)
        ]

    @rx.event
    @refusals_shown
    def end_session(self, session_id: int):
        user = self.user()
        accounts.revoke_other_session(user, id_from_client(session_id))
        self._load_sessions(user)
        return rx.toast.success(self.tr("msg.session_ended"))

    @rx.event
    @refusals_shown
    def logout_everywhere(self):
        count = accounts.revoke_all_sessions(self.user())
        self._notice = self.tr("msg.logged_out_everywhere", count=count)  # shown once /login has loaded
        return sign_out_browser("/login")


def describe_agent(user_agent: str) -> str:
    """A short, human description of a browser from its User-Agent."""
    ua = user_agent or ""
    browser = next(
        (
            name
            for token, name in (("Edg/", "Edge"), ("Chrome/", "Chrome"), ("Firefox/", "Firefox"), ("Safari/", "Safari"))
            if token in ua
        ),
        "Browser",
    )
    system = next(
        (
            name
            for token, name in (
                ("Android", "Android"),
                ("iPhone", "iPhone"),
                ("Windows", "Windows"),
                ("Mac OS", "macOS"),
                ("Linux", "Linux"),
            )
            if token in ua
        ),
        "",
    )
    return f"{browser} on {system}" if system else browser
