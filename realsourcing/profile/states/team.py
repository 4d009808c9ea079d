"""The team page (`/dashboard/team`, members; owners manage it) and the invitation page (`/invite`).

Every handler asks the team service, which checks who is asking on the server; the database work
runs in threads (and the new password's hash on the CPU pool), never on the event loop.
"""

from __future__ import annotations

from typing import TypedDict
from urllib.parse import urlencode

import reflex as rx
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts import service as accounts
from realsourcing.accounts import session_exchange
from realsourcing.core import idempotency, timefmt
from realsourcing.core.errors import DomainError, NotFound, ValidationFailed
from realsourcing.profile import team
from realsourcing.profile.team_rules import ROLES
from realsourcing.ui.session import SessionState, id_from_client, refusals_shown, sign_out_browser, visit

TEAM_FORM = "/dashboard/team"


class MemberRow(TypedDict):
    user_id: str
    name: str
    email: str
    role: str
    is_you: bool


class InviteRow(TypedDict):
    id: str
    email: str
    role: str
    state: str  # pending | expired
    sent: str
    expires: str
    by: str


class TeamState(SessionState):
    loaded: bool = False
    is_owner: bool = False
    members: list[MemberRow] = []
    invites: list[InviteRow] = []
    invite_role: str = "staff"
    errors: dict[str, str] = {}
    form_error: str = ""
    working: bool = False  # "Send invitation" spins and takes no click while it runs
    busy: str = ""  # which row's action is running ("invite-3", "member-7")
    _key: idempotency.FormKey = idempotency.FormKey()  # one invitation per key, however often it is sent
    _last_email: str = ""  # the address the key last invited

    async def _me(self):
        """Who is asking (the session looked up in a thread, off the event loop)."""
        return await run_in_threadpool(self.user)

    async def _reload(self) -> None:
        user = await self._me()
        view = await run_in_threadpool(team.team_view, user)
        self.is_owner = view.is_owner
        self.members = [
            MemberRow(user_id=str(m.user_id), name=m.name, email=m.email, role=m.role, is_you=m.is_you)
            for m in view.members
        ]
        self.invites = [
            InviteRow(
                id=str(i.id),
                email=i.email,
                role=i.role,
                state=i.state,
                sent=timefmt.moment(i.sent_at, user.timezone, self.lang, with_zone=False),
                expires=timefmt.moment(i.expires_at, user.timezone, self.lang),
                by=i.invited_by,
            )
            for i in view.invites
        ]
        self.loaded = True

    @rx.event
    @refusals_shown
    async def open(self):
        self.loaded, self.working, self.busy = False, False, ""
        self.errors, self.form_error = {}, ""
        self._key = self._key.opened(TEAM_FORM)  # kept when a reconnect runs this again
        await self._reload()

    @rx.event
    def set_invite_role(self, value: str):
        if value in ROLES:
            self.invite_role = value

    @rx.event
    @refusals_shown
    async def send_invite(self, form: dict):
        user = await self._me()
        email = str(form.get("invite_email", ""))[:300]
        if email.strip().lower() != self._last_email:  # another address: a new invitation, so a new key
            self._key = self._key.opened(TEAM_FORM)
        self.errors, self.form_error = {}, ""
        self.working = True
        yield
        try:
            made = await run_in_threadpool(
                team.invite, user, email, self.invite_role, key=self._key.key, language=self.lang
            )
        except ValidationFailed as exc:
            self.errors = {field: self.tr(key) for field, key in exc.field_errors.items()}
            return
        except DomainError as exc:  # an owner's rule (staff), the daily limit, a stale form: said at the form
            self.form_error = self.explain(exc)
            return
        finally:
            self.working = False
        # The form stays open. A repeat of this submit (a double click) keeps the key; the next address gets a new one.
        self._key, self._last_email = self._key.used_for(made), email.strip().lower()
        await self._reload()
        yield rx.set_value("invite_email", "")
        yield rx.toast.success(self.tr("dash.team_invite_sent", email=email.strip()))

    async def _row_action(self, busy: str, action, done_key: str, **params: str):
        self.busy = busy
        yield
        try:
            await run_in_threadpool(action, await self._me())
        except (NotFound, DomainError) as exc:  # a refusal (not an owner, last owner, closed): a toast
            self.busy = ""
            await self._reload()
            yield rx.toast.error(self.explain(exc))
            return
        self.busy = ""
        await self._reload()
        yield rx.toast.success(self.tr(done_key, **params))

    @rx.event
    @refusals_shown
    async def resend(self, invite_id: str):
        wanted = id_from_client(invite_id)
        async for update in self._row_action(
            f"invite-{wanted}", lambda u: team.resend(u, wanted, language=self.lang), "dash.team_resent"
        ):
            yield update

    @rx.event
    @refusals_shown
    async def revoke(self, invite_id: str):
        wanted = id_from_client(invite_id)
        async for update in self._row_action(f"invite-{wanted}", lambda u: team.revoke(u, wanted), "dash.team_revoked"):
            yield update

    @rx.event
    @refusals_shown
    async def remove(self, user_id: str):
        wanted = id_from_client(user_id)
        name = next((m["name"] for m in self.members if m["user_id"] == str(wanted)), "")
        async for update in self._row_action(
            f"member-{wanted}", lambda u: team.remove_member(u, wanted), "dash.team_removed", name=name
        ):
            yield update

    @rx.event
    @refusals_shown
    async def set_role(self, user_id: str, role: str):
        wanted, role = id_from_client(user_id), str(role)
        async for update in self._row_action(
            f"member-{wanted}", lambda u: team.change_role(u, wanted, role), "dash.team_role_changed"
        ):
            yield update


class InviteState(SessionState):
    """`/invite?token=…`: opening the emailed invitation shows it; joining uses it."""

    loaded: bool = False
    state: str = ""  # pending | expired | accepted | revoked | replaced | unknown
    email: str = ""
    role: str = ""
    factory_en: str = ""
    factory_zh: str = ""
    inviter: str = ""
    has_account: bool = False
    viewer_email: str = ""  # who is signed in ("" for nobody)
    refusal: str = ""  # why the signed-in invitee cannot join, in their language
    errors: dict[str, str] = {}
    form_error: str = ""
    working: bool = False
    _token: str = ""
    _used: bool = False

    def _here(self) -> str:
        return f"{team.INVITE_PATH}?{urlencode({'token': self._token})}"

    @rx.event
    async def open(self):
        self.loaded = self.working = self._used = False
        self.errors, self.form_error = {}, ""
        self._token = (self.router.url.query_parameters.get("token", "") or "")[:200]
        viewer = await run_in_threadpool(self.current_user)
        found = await run_in_threadpool(team.preview, self._token, viewer)
        self.state, self.email, self.role = found.state, found.email, found.role
        self.factory_en, self.factory_zh, self.inviter = found.factory_en, found.factory_zh, found.inviter
        self.has_account = found.has_account
        self.viewer_email = viewer.email if viewer is not None else ""
        self.refusal = self.tr(found.refusal) if found.refusal else ""
        self.loaded = True

    @rx.event
    async def join(self):
        """Signed in with the invited address: join the team."""
        if self._used or self.state != "pending":
            return
        viewer = await run_in_threadpool(self.current_user)
        if viewer is None:
            yield rx.redirect(f"/login?{urlencode({'next': self._here()})}")
            return
        self.working, self.form_error = True, ""
        yield
        try:
            await run_in_threadpool(team.accept, viewer, self._token)
        except DomainError as exc:
            self.form_error = self.explain(exc)
            return
        finally:
            self.working = False
        self._used = True
        self._forget_resolved_user()
        yield visit("/dashboard")  # a full load: the navigation shows the dashboard from now on

    @rx.event
    async def join_with_sign_up(self, form: dict):
        """No account for the invited address: name and password, then the account joins."""
        if self._used or self.state != "pending":
            return
        self.working, self.errors, self.form_error = True, {}, ""
        yield
        try:
            _user, session_token = await team.accept_with_sign_up(
                self._token,
                team.JoinForm(str(form.get("full_name", ""))[:300], str(form.get("password", ""))[:1000]),
                self.client_ip(),
                self.user_agent(),
            )
        except ValidationFailed as exc:
            self.errors = {field: self.tr(key) for field, key in exc.field_errors.items()}
            return
        except DomainError as exc:
            self.form_error = self.explain(exc)
            return
        finally:
            self.working = False
        self._used = True
        yield visit(await run_in_threadpool(session_exchange.exchange_url, session_token, "/dashboard"))

    @rx.event
    async def log_out_and_return(self):
        """Signed in as someone else: log out, then land on this invitation again."""
        self._forget_resolved_user()
        await run_in_threadpool(accounts.revoke_session, self._session_token())
        return sign_out_browser(self._here())
