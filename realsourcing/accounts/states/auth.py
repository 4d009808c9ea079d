"""Log-in, sign-up and one-time link forms.

Every handler here keeps the event loop free: argon2 runs on the bounded CPU pool (inside the
accounts services) and each database call in a thread, so a burst of log-ins does not stall the
other tabs this worker serves.
"""

from __future__ import annotations

from urllib.parse import urlencode

import reflex as rx
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts import account_changes, email_sign_in, one_time_links, password_reset, session_exchange
from realsourcing.accounts import service as accounts
from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.service import SignUpForm
from realsourcing.core.errors import DomainError, TooManyAttempts, ValidationFailed
from realsourcing.ui.place_picker import PlaceChoice
from realsourcing.ui.session import SessionState, visit

# Sign-in failures that reach the login page as ?error=<key> from an HTTP route.
LOGIN_ERROR_KEYS = (*accounts.OIDC_ERROR_KEYS, session_exchange.EXCHANGE_FAILED_KEY)


async def _signed_in_user(state: SessionState) -> CurrentUser | None:
    """Who this tab's cookie belongs to (the page load's answer, else looked up in a thread)."""
    return await run_in_threadpool(state.current_user)


async def _hand_over(session_token: str, next_path: str | None) -> rx.event.EventSpec:
    """The full page load that swaps a one-time code for the HttpOnly cookie (the code minted in a thread)."""
    return visit(await run_in_threadpool(session_exchange.exchange_url, session_token, next_path))


class LoginState(SessionState):
    form_error: str = ""
    email_error: str = ""
    password_error: str = ""
    working: bool = False
    info: str = ""
    oidc_href: str = "/auth/oidc/login"
    # Password sign-in refused for now: offer the emailed link for the address just typed.
    throttled: bool = False
    # "Email me a sign-in link" form shown instead of the password form, and its answer.
    link_mode: bool = False
    link_sent: bool = False
    link_error: str = ""
    _typed_email: str = ""

    @rx.event
    async def open(self):
        self.form_error = self.email_error = self.password_error = self.link_error = ""
        self.working = self.throttled = self.link_sent = False
        params = self.router.url.query_parameters
        self.link_mode = params.get("link") == "1"
        self.info = self.tr("login.need_login") if params.get("next") else ""
        self.oidc_href = "/auth/oidc/login?" + urlencode({"next": accounts.safe_return_path(params.get("next"))})
        if error := params.get("error"):
            self.form_error = self.tr(error if error in LOGIN_ERROR_KEYS else "err.oidc_failed")
        if await _signed_in_user(self) is not None:
            return rx.redirect(accounts.safe_return_path(params.get("next")))

    @rx.event
    async def submit(self, form: dict):
        self.form_error = self.email_error = self.password_error = ""
        self.throttled = False
        self.working = True
        self._typed_email = str(form.get("email", ""))
        yield
        try:
            _user, token = await accounts.sign_in_with_password(
                self._typed_email, str(form.get("password", "")), self.client_ip(), self.user_agent()
            )
        except TooManyAttempts as exc:
            self.form_error = self.explain(exc)
            self.throttled = True
            return
        except ValidationFailed as exc:
            self.email_error = self.tr(exc.field_errors["email"]) if "email" in exc.field_errors else ""
            self.password_error = self.tr(exc.field_errors["password"]) if "password" in exc.field_errors else ""
            return
        finally:
            self.working = False
        # The page shows "signed in" only after the reload that brings the cookie (see hand_session_to_browser).
        yield await _hand_over(token, self.router.url.query_parameters.get("next"))

    @rx.event
    def show_link_form(self, wanted: bool):
        self.link_mode = bool(wanted)
        self.link_sent = False
        self.link_error = ""

    async def _send_link(self, email: str):
        self.link_error = ""
        self.working = True
        yield
        try:
            await run_in_threadpool(email_sign_in.request_sign_in_link, email, self.client_ip())
        except ValidationFailed as exc:
            self.link_error = self.explain(exc)
            return
        finally:
            self.working = False
        self.link_sent = True
        self.throttled = False
        self.form_error = ""

    @rx.event
    async def send_link(self, form: dict):
        """The "email me a sign-in link" form."""
        async for update in self._send_link(str(form.get("link_email", ""))):
            yield update

    @rx.event
    async def send_link_to_typed_email(self):
        """Password sign-in is throttled: send the link to the address the visitor just tried."""
        async for update in self._send_link(self._typed_email):
            yield update


SIGNUP_FIELDS = (
    "email",
    "password",
    "full_name",
    "company_name",
    "account_type",
    "factory_name_en",
    "factory_name_zh",
    "factory_city",
    "factory_province",
)


class SignupState(PlaceChoice, SessionState):
    account_type: str = "buyer"
    errors: dict[str, str] = {}
    form_error: str = ""
    working: bool = False
    # The address the "check your email" screen names once the form was accepted.
    sent_to: str = ""

    @rx.event
    async def open(self):
        self.errors = {}
        self.form_error = ""
        self.sent_to = ""
        wanted = self.router.url.query_parameters.get("as")
        if wanted in ("buyer", "factory"):
            self.account_type = wanted
        if await _signed_in_user(self) is not None:
            return rx.redirect("/")

    @rx.event
    def set_account_type(self, value: str):
        if value in ("buyer", "factory"):
            self.account_type = value

    @rx.event
    async def submit(self, form: dict):
        values = {name: str(form.get(name, "") or "") for name in SIGNUP_FIELDS}
        values["account_type"] = self.account_type
        self.working = True
        yield
        try:
            await email_sign_in.request_sign_up(SignUpForm(**values, language=self.lang or "en"), self.client_ip())
        except ValidationFailed as exc:
            self.errors = {field: self.tr(key) for field, key in exc.field_errors.items()}
            self.form_error = self.tr(exc.key, **exc.params)
            return
        except TooManyAttempts as exc:
            self.errors = {}
            self.form_error = self.tr("err.too_many_signups", minutes=exc.minutes)
            return
        finally:
            self.working = False
        self.errors = {}
        self.form_error = ""
        self.sent_to = values["email"].strip()

    @rx.event
    def start_over(self):
        self.sent_to = ""


class LinkState(SessionState):
    """`/link?token=…`: opening the emailed link shows what it does; only the confirm click uses it."""

    purpose: str = ""  # signup | sign_in | password_reset | email_change | "" (unknown, used or expired)
    email: str = ""
    loaded: bool = False
    working: bool = False
    # A password reset link: the new-password form's refusals. An email-change link: the address now used.
    errors: dict[str, str] = {}
    form_error: str = ""
    changed_to: str = ""
    _token: str = ""
    _used: bool = False

    @rx.event
    async def open(self):
        self.loaded = self.working = self._used = False
        self.errors, self.form_error, self.changed_to = {}, "", ""
        self._token = self.router.url.query_parameters.get("token", "") or ""
        found = await run_in_threadpool(one_time_links.preview, self._token)
        self.purpose = found.purpose if found else ""
        self.email = found.email if found else ""
        self.loaded = True

    @rx.event
    async def set_password(self, form: dict):
        """A password reset link's form: the new password typed twice."""
        if self.purpose != "password_reset" or self._used or self.working:
            return
        self.errors, self.form_error = {}, ""
        self.working = True
        yield
        try:
            user, token = await password_reset.reset_password(
                self._token,
                str(form.get("new_password", "")),
                str(form.get("confirm_password", "")),
                self.client_ip(),
                self.user_agent(),
            )
        except email_sign_in.LinkRefused:
            self.purpose = ""
            return
        except ValidationFailed as exc:
            self.errors = {field: self.tr(key) for field, key in exc.field_errors.items()}
            return
        finally:
            self.working = False
        self._used = True
        self._notice = self.tr("msg.password_reset_done")  # shown once the signed-in page has loaded
        yield await _hand_over(token, "/dashboard" if user.is_factory_member else "/")

    async def _confirm_email_change(self):
        self.working = True
        yield
        try:
            self.changed_to = await run_in_threadpool(account_changes.confirm_email_change, self._token)
        except email_sign_in.LinkRefused:
            self.purpose = ""
            return
        except DomainError as exc:
            self.form_error = self.explain(exc)
            return
        finally:
            self.working = False
        self._used = True
        self._forget_resolved_user()  # the navigation's user carries the old address

    @rx.event
    async def confirm(self):
        if not self.purpose or self._used or self.working:
            return  # a second click while the first one's page load is on its way
        if self.purpose == "email_change":
            async for update in self._confirm_email_change():
                yield update
            return
        if self.purpose not in ("signup", "sign_in"):
            return
        self.working = True
        yield
        try:
            user, token = await run_in_threadpool(
                email_sign_in.confirm_link, self._token, self.purpose, self.client_ip(), self.user_agent()
            )
        except email_sign_in.LinkRefused:
            self.purpose = ""
            return
        finally:
            self.working = False
        self._used = True
        yield await _hand_over(token, "/dashboard" if user.is_factory_member else "/")


class ForgotPasswordState(SessionState):
    """`/password/forgot`: an address in, the same answer out whatever it is (password_reset.py)."""

    email_error: str = ""
    form_error: str = ""
    working: bool = False
    sent: bool = False

    @rx.event
    def open(self):
        self.email_error = self.form_error = ""
        self.working = self.sent = False

    @rx.event
    async def submit(self, form: dict):
        if self.working:
            return
        self.email_error = self.form_error = ""
        self.working = True
        yield
        try:
            await run_in_threadpool(password_reset.request_password_reset, str(form.get("email", "")), self.client_ip())
        except ValidationFailed as exc:
            self.email_error = self.explain(exc)
            return
        except TooManyAttempts as exc:
            self.form_error = self.tr("err.too_many_resets", minutes=exc.minutes)
            return
        finally:
            self.working = False
        self.sent = True

    @rx.event
    def start_over(self):
        self.sent = False
