"""Log-in and sign-up forms."""

from __future__ import annotations

from urllib.parse import urlencode

import reflex as rx

from realsourcing.accounts import service as accounts
from realsourcing.accounts import session_exchange
from realsourcing.accounts.service import SignUpForm
from realsourcing.core.errors import TooManyAttempts, ValidationFailed
from realsourcing.ui.session import SessionState, hand_session_to_browser

# Sign-in failures that reach the login page as ?error=<key> from an HTTP route.
LOGIN_ERROR_KEYS = (*accounts.OIDC_ERROR_KEYS, session_exchange.EXCHANGE_FAILED_KEY)


class LoginState(SessionState):
    form_error: str = ""
    email_error: str = ""
    password_error: str = ""
    working: bool = False
    info: str = ""
    oidc_href: str = "/auth/oidc/login"

    @rx.event
    def open(self):
        self.form_error = self.email_error = self.password_error = ""
        self.working = False
        params = self.router.url.query_parameters
        self.info = self.tr("login.need_login") if params.get("next") else ""
        self.oidc_href = "/auth/oidc/login?" + urlencode({"next": accounts.safe_return_path(params.get("next"))})
        if error := params.get("error"):
            self.form_error = self.tr(error if error in LOGIN_ERROR_KEYS else "err.oidc_failed")
        if self.current_user() is not None:
            return rx.redirect(accounts.safe_return_path(params.get("next")))

    @rx.event
    def submit(self, form: dict):
        self.form_error = self.email_error = self.password_error = ""
        self.working = True
        yield
        try:
            _user, token = accounts.authenticate(
                str(form.get("email", "")), str(form.get("password", "")), self.client_ip(), self.user_agent()
            )
        except TooManyAttempts as exc:
            self.form_error = self.explain(exc)
            return
        except ValidationFailed as exc:
            self.email_error = self.tr(exc.field_errors["email"]) if "email" in exc.field_errors else ""
            self.password_error = self.tr(exc.field_errors["password"]) if "password" in exc.field_errors else ""
            return
        finally:
            self.working = False
        # The page shows "signed in" only after the reload that brings the cookie (see hand_session_to_browser).
        yield hand_session_to_browser(token, self.router.url.query_parameters.get("next"))


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


class SignupState(SessionState):
    account_type: str = "buyer"
    errors: dict[str, str] = {}
    form_error: str = ""
    working: bool = False

    @rx.event
    def open(self):
        self.errors = {}
        self.form_error = ""
        wanted = self.router.url.query_parameters.get("as")
        if wanted in ("buyer", "factory"):
            self.account_type = wanted
        if self.current_user() is not None:
            return rx.redirect("/")

    @rx.event
    def set_account_type(self, value: str):
        if value in ("buyer", "factory"):
            self.account_type = value

    @rx.event
    def submit(self, form: dict):
        values = {name: str(form.get(name, "") or "") for name in SIGNUP_FIELDS}
        values["account_type"] = self.account_type
        self.working = True
        yield
        try:
            user = accounts.sign_up(SignUpForm(**values, language=self.lang or "en"))
        except ValidationFailed as exc:
            self.errors = {field: self.tr(key) for field, key in exc.field_errors.items()}
            self.form_error = self.tr(exc.key, **exc.params)
            return
        finally:
            self.working = False
        self.errors = {}
        self.form_error = ""
        token = accounts.create_session(user.id, ip=self.client_ip(), user_agent=self.user_agent(), method="signup")
        yield hand_session_to_browser(token, "/dashboard" if user.is_factory_member else "/")
