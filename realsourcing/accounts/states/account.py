"""The account page: who I am, where I'm logged in, log out everywhere; change my password or my email,
set a first password (OIDC-only accounts), delete my account. Every rule sits in the accounts services;
these handlers ask who is signing in on the server, pass the form along and show its refusals at their
fields. The argon2 and database work of the forms runs off the event loop."""

from __future__ import annotations

from typing import TypedDict

import reflex as rx
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts import account_changes, account_deletion, password_reset, zones
from realsourcing.accounts import service as accounts
from realsourcing.accounts.identity import CurrentUser
from realsourcing.core import timefmt
from realsourcing.core.errors import DomainError, TooManyAttempts, ValidationFailed
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
    has_password: bool = True
    # Change password (or, without one, the emailed link that sets the first one).
    password_errors: dict[str, str] = {}
    password_working: bool = False
    first_password_sent: bool = False
    # Change email: the new address a link went to, waiting for its click.
    email_errors: dict[str, str] = {}
    email_working: bool = False
    email_pending: str = ""
    # Delete account: why it cannot be deleted now (the factory it alone owns), the dialog's refusals.
    delete_blocker: str = ""
    delete_open: bool = False
    delete_errors: dict[str, str] = {}
    delete_working: bool = False

    @rx.event
    @refusals_shown
    async def open(self):
        self.loaded = False
        user = await run_in_threadpool(self.user)
        self.email, self.full_name, self.company_name = user.email, user.full_name, user.company_name
        self.account_kind = f"account.type_{user.role}"
        sessions = await run_in_threadpool(accounts.active_sessions, user)
        self._show_sessions(user, sessions)
        self.webinar_emails = (await run_in_threadpool(notifications.preferences, user))["webinars"]
        self.has_password = user.has_password
        blocker = await run_in_threadpool(account_deletion.deletion_blocker, user)
        self.delete_blocker = self.tr("err.sole_owner", factory=blocker) if blocker else ""
        self.password_errors, self.email_errors, self.delete_errors = {}, {}, {}
        self.first_password_sent = self.delete_open = False
        self.email_pending = ""
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
        self._show_sessions(user, accounts.active_sessions(user))

    def _show_sessions(self, user: CurrentUser, sessions: list[accounts.SessionInfo]) -> None:
        self.sessions = [
            SessionRow(
                id=s.id,
                created=timefmt.moment(s.created_at, user.timezone, self.lang),
                last_seen=timefmt.moment(s.last_seen_at, user.timezone, self.lang, with_zone=False),
                where=f"{describe_agent(s.user_agent)} · {s.ip or '—'}",
                method=s.method,
                current=s.is_current,
            )
            for s in sessions
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

    def _field_errors(self, exc: DomainError, default_field: str) -> dict[str, str]:
        if isinstance(exc, ValidationFailed):
            return {field: self.tr(key) for field, key in exc.field_errors.items()}
        return {default_field: self.explain(exc)}

    # ------------------------------------------------------------ password

    @rx.event
    @refusals_shown
    async def change_password(self, form: dict):
        if self.password_working:
            return
        self.password_errors = {}
        self.password_working = True
        yield
        try:
            user = await run_in_threadpool(self.user)
            ended = await account_changes.change_password(
                user,
                str(form.get("current_password", "")),
                str(form.get("new_password", "")),
                str(form.get("confirm_password", "")),
                self.client_ip(),
            )
        except (ValidationFailed, TooManyAttempts, DomainError) as exc:
            self.password_errors = self._field_errors(exc, "current_password")
            return
        finally:
            self.password_working = False
        self._show_sessions(user, await run_in_threadpool(accounts.active_sessions, user))
        yield [
            *(rx.set_value(name, "") for name in ("current_password", "new_password", "confirm_password")),
            rx.toast.success(self.tr("account.password_changed", count=ended)),
        ]

    @rx.event
    @refusals_shown
    async def send_first_password_link(self):
        if self.password_working:
            return
        self.password_errors = {}
        self.password_working = True
        yield
        try:
            user = await run_in_threadpool(self.user)
            await run_in_threadpool(password_reset.request_first_password, user, self.client_ip())
        except TooManyAttempts as exc:
            self.password_errors = {"first_password": self.explain(exc)}
            return
        finally:
            self.password_working = False
        self.first_password_sent = True

    # ------------------------------------------------------------ email

    @rx.event
    @refusals_shown
    async def change_email(self, form: dict):
        if self.email_working:
            return
        self.email_errors = {}
        self.email_working = True
        yield
        try:
            user = await run_in_threadpool(self.user)
            sent_to = await account_changes.request_email_change(
                user, str(form.get("new_email", "")), str(form.get("email_password", "")), self.client_ip()
            )
        except (ValidationFailed, TooManyAttempts) as exc:
            self.email_errors = self._field_errors(exc, "new_email")
            return
        finally:
            self.email_working = False
        self.email_pending = sent_to
        yield rx.set_value("email_password", "")

    # ------------------------------------------------------------ deletion

    @rx.event
    def show_delete(self, wanted: bool):
        self.delete_open = bool(wanted) and not self.delete_blocker
        self.delete_errors = {}

    @rx.event
    @refusals_shown
    async def delete_account(self, form: dict):
        if self.delete_working:
            return
        self.delete_errors = {}
        self.delete_working = True
        yield
        try:
            user = await run_in_threadpool(self.user)
            await account_deletion.delete_account(
                user, str(form.get("delete_password", "")), str(form.get("confirm_word", "")), self.client_ip()
            )
        except account_deletion.SoleOwner as exc:
            self.delete_blocker = self.explain(exc)
            self.delete_errors = {"form": self.delete_blocker}
            return
        except (ValidationFailed, TooManyAttempts) as exc:
            self.delete_errors = self._field_errors(exc, "delete_password")
            return
        finally:
            self.delete_working = False
        self._forget_resolved_user()
        self._notice = self.tr("msg.account_deleted")  # shown once the home page has loaded
        yield sign_out_browser("/")


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
