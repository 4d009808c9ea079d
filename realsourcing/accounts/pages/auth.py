"""`/login`, `/signup` and `/link` (the page an emailed one-time link opens)."""

from __future__ import annotations

import reflex as rx

from realsourcing.accounts.states.auth import ForgotPasswordState, LinkState, LoginState, SignupState
from realsourcing.ui.forms import field_error, text_field
from realsourcing.ui.i18n import t
from realsourcing.ui.layout import page
from realsourcing.ui.place_picker import place_pickers
from realsourcing.ui.session import SessionState


def _field(
    label_key: str, name: str, error: rx.Var, *, type_: str = "text", required: bool = True, autocomplete: str = ""
) -> rx.Component:
    return text_field(
        label_key,
        name,
        error,
        type_=type_,
        required=required,
        autocomplete=autocomplete,
        color_scheme=rx.cond(error != "", "red", "gray"),
    )


def _card(*children: rx.Component) -> rx.Component:
    return rx.center(
        rx.card(rx.vstack(*children, spacing="4", width="100%"), width="100%", max_width="440px", size="3")
    )


def _oidc_button() -> rx.Component:
    return rx.cond(
        SessionState.oidc_enabled,
        rx.vstack(
            rx.hstack(
                rx.separator(size="4"),
                rx.text(t("login.or"), size="1", color_scheme="gray"),
                rx.separator(size="4"),
                align="center",
                width="100%",
            ),
            # reload_document: the browser must leave the single-page app for the provider.
            rx.link(
                rx.button(
                    rx.icon("log-in", size=16),
                    t("login.with_oidc"),
                    " ",
                    SessionState.oidc_provider_name,
                    variant="outline",
                    size="3",
                    width="100%",
                    tab_index=-1,
                ),
                href=LoginState.oidc_href,
                reload_document=True,
                id="oidc-login",
                width="100%",
            ),
            width="100%",
            spacing="3",
        ),
    )


def _password_form() -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.vstack(
                _field("login.email", "email", LoginState.email_error, type_="email", autocomplete="username"),
                _field(
                    "login.password",
                    "password",
                    LoginState.password_error,
                    type_="password",
                    autocomplete="current-password",
                ),
                rx.link(t("login.forgot"), href="/password/forgot", size="2", id="login-forgot", align="right"),
                rx.button(
                    t("login.submit"),
                    type="submit",
                    size="3",
                    width="100%",
                    loading=LoginState.working,
                    id="login-submit",
                ),
                spacing="3",
                width="100%",
            ),
            on_submit=LoginState.submit,
            width="100%",
        ),
        rx.button(
            rx.icon("mail", size=16),
            t("login.email_link"),
            variant="ghost",
            size="2",
            on_click=LoginState.show_link_form(True),
            id="login-link-mode",
        ),
        _oidc_button(),
        width="100%",
        spacing="3",
        align="center",
    )


def _link_form() -> rx.Component:
    return rx.vstack(
        rx.text(t("login.link_intro"), size="2", color_scheme="gray"),
        rx.form(
            rx.vstack(
                _field("login.email", "link_email", LoginState.link_error, type_="email", autocomplete="username"),
                rx.button(
                    t("login.link_submit"),
                    type="submit",
                    size="3",
                    width="100%",
                    loading=LoginState.working,
                    id="link-submit",
                ),
                spacing="3",
                width="100%",
            ),
            on_submit=LoginState.send_link,
            width="100%",
        ),
        rx.button(
            t("login.use_password"),
            variant="ghost",
            size="2",
            on_click=LoginState.show_link_form(False),
            id="login-password-mode",
        ),
        width="100%",
        spacing="3",
        align="center",
    )


def _link_sent() -> rx.Component:
    return rx.vstack(
        rx.callout(
            t("login.link_sent"), icon="mail-check", color_scheme="green", size="2", id="link-sent", width="100%"
        ),
        rx.button(
            t("login.use_password"),
            variant="ghost",
            size="2",
            on_click=LoginState.show_link_form(False),
            id="login-back-to-password",
        ),
        width="100%",
        spacing="3",
        align="center",
    )


def login_page() -> rx.Component:
    return page(
        _card(
            rx.heading(rx.cond(LoginState.link_mode, t("login.link_title"), t("login.title")), size="6"),
            rx.cond(LoginState.info != "", rx.callout(LoginState.info, icon="info", size="1")),
            rx.cond(
                LoginState.form_error != "",
                rx.callout(
                    rx.vstack(
                        rx.text(LoginState.form_error, id="login-error"),
                        rx.cond(
                            LoginState.throttled,
                            rx.vstack(
                                rx.text(t("login.throttled_help"), size="2"),
                                rx.button(
                                    rx.icon("mail", size=16),
                                    t("login.link_submit"),
                                    size="2",
                                    loading=LoginState.working,
                                    on_click=LoginState.send_link_to_typed_email,
                                    id="login-send-link",
                                ),
                                spacing="2",
                            ),
                        ),
                        spacing="2",
                    ),
                    icon="triangle-alert",
                    color_scheme="red",
                    size="1",
                    width="100%",
                ),
            ),
            rx.cond(
                LoginState.link_sent,
                _link_sent(),
                rx.cond(LoginState.link_mode, _link_form(), _password_form()),
            ),
            rx.text(t("login.no_account"), " ", rx.link(t("login.create"), href="/signup"), size="2"),
        ),
        width="720px",
    )


def _account_type_choice() -> rx.Component:
    return rx.vstack(
        rx.text(t("signup.i_am"), weight="medium", size="2"),
        rx.radio_cards.root(
            rx.radio_cards.item(
                rx.hstack(rx.icon("shopping-bag", size=18), rx.text(t("signup.buyer"), size="2"), align="center"),
                value="buyer",
                id="choose-buyer",
            ),
            rx.radio_cards.item(
                rx.hstack(rx.icon("factory", size=18), rx.text(t("signup.factory"), size="2"), align="center"),
                value="factory",
                id="choose-factory",
            ),
            value=SignupState.account_type,
            on_value_change=SignupState.set_account_type,
            columns=rx.breakpoints(initial="1", sm="2"),
            width="100%",
            size="1",
        ),
        field_error(SignupState.errors.get("account_type", ""), "account_type-error"),
        width="100%",
        spacing="2",
    )


def _check_your_email() -> rx.Component:
    return rx.vstack(
        rx.center(rx.icon("mail-check", size=40, color=rx.color("green", 9)), width="100%"),
        rx.heading(t("signup.check_title"), size="6", id="signup-sent", align="center", width="100%"),
        rx.text(t("signup.check_sent_to"), size="2", align="center", width="100%"),
        rx.text(
            SignupState.sent_to,
            weight="bold",
            size="3",
            align="center",
            width="100%",
            word_break="break-all",
            id="signup-sent-to",
        ),
        rx.text(t("signup.check_body"), size="2", color_scheme="gray", align="center", width="100%"),
        rx.button(t("signup.use_other_email"), variant="soft", size="2", on_click=SignupState.start_over),
        spacing="3",
        align="center",
        width="100%",
    )


def signup_page() -> rx.Component:
    err = SignupState.errors
    return page(
        rx.cond(SignupState.sent_to != "", _card(_check_your_email()), _signup_form(err)),
        width="720px",
    )


def _signup_form(err: rx.Var) -> rx.Component:
    return rx.fragment(
        _card(
            rx.heading(t("signup.title"), size="6"),
            rx.cond(
                SignupState.form_error != "",
                rx.callout(
                    SignupState.form_error, icon="triangle-alert", color_scheme="red", size="1", id="signup-error"
                ),
            ),
            rx.form(
                rx.vstack(
                    _account_type_choice(),
                    _field("signup.full_name", "full_name", err.get("full_name", ""), autocomplete="name"),
                    _field("signup.email", "email", err.get("email", ""), type_="email", autocomplete="email"),
                    _field(
                        "signup.password",
                        "password",
                        err.get("password", ""),
                        type_="password",
                        autocomplete="new-password",
                    ),
                    _field(
                        "signup.company",
                        "company_name",
                        err.get("company_name", ""),
                        required=False,
                        autocomplete="organization",
                    ),
                    rx.cond(
                        SignupState.account_type == "factory",
                        rx.vstack(
                            _field("signup.factory_name_en", "factory_name_en", err.get("factory_name_en", "")),
                            _field(
                                "signup.factory_name_zh",
                                "factory_name_zh",
                                err.get("factory_name_zh", ""),
                                required=False,
                            ),
                            place_pickers(
                                SignupState,
                                province_name="factory_province",
                                city_name="factory_city",
                                province_error=err.get("factory_province", ""),
                                city_error=err.get("factory_city", ""),
                            ),
                            spacing="3",
                            width="100%",
                        ),
                    ),
                    rx.button(
                        t("signup.submit"),
                        type="submit",
                        size="3",
                        width="100%",
                        loading=SignupState.working,
                        id="signup-submit",
                    ),
                    spacing="3",
                    width="100%",
                ),
                on_submit=SignupState.submit,
                width="100%",
            ),
            rx.text(t("signup.have_account"), " ", rx.link(t("nav.login"), href="/login"), size="2"),
        ),
    )


def _link_action(title_key: str, body_key: str, button_key: str) -> rx.Component:
    return rx.vstack(
        rx.heading(t(title_key), size="6", id="link-title"),
        rx.text(t(body_key), size="2"),
        rx.text(LinkState.email, weight="bold", size="3", word_break="break-all", id="link-email"),
        rx.cond(
            LinkState.form_error != "",
            rx.callout(LinkState.form_error, icon="triangle-alert", color_scheme="red", size="1", id="link-error"),
        ),
        rx.button(
            t(button_key),
            size="3",
            width="100%",
            loading=LinkState.working,
            on_click=LinkState.confirm,
            id="link-confirm",
        ),
        rx.text(t("link.why_click"), size="1", color_scheme="gray"),
        spacing="3",
        width="100%",
    )


def _link_invalid() -> rx.Component:
    return rx.vstack(
        rx.heading(t("link.invalid_title"), size="6", id="link-invalid"),
        rx.text(t("link.invalid_body_any"), size="2"),
        rx.hstack(
            rx.link(rx.button(t("link.new_sign_in"), variant="soft", size="2"), href="/login?link=1"),
            rx.link(rx.button(t("link.sign_up_again"), variant="outline", size="2"), href="/signup"),
            rx.link(
                rx.button(t("link.reset_again"), variant="outline", size="2"),
                href="/password/forgot",
                id="link-reset-again",
            ),
            spacing="3",
            wrap="wrap",
        ),
        spacing="3",
        width="100%",
    )


def _reset_form() -> rx.Component:
    err = LinkState.errors
    return rx.vstack(
        rx.heading(t("link.reset_title"), size="6", id="link-title"),
        rx.text(t("link.reset_body"), size="2"),
        rx.text(LinkState.email, weight="bold", size="3", word_break="break-all", id="link-email"),
        rx.form(
            rx.vstack(
                # The account's address, for password managers (they save the new password under it).
                rx.el.input(
                    type="email",
                    name="username",
                    value=LinkState.email,
                    auto_complete="username",
                    hidden=True,
                    read_only=True,
                ),
                _field(
                    "account.new_password",
                    "new_password",
                    err.get("new_password", ""),
                    type_="password",
                    autocomplete="new-password",
                ),
                _field(
                    "account.confirm_password",
                    "confirm_password",
                    err.get("confirm_password", ""),
                    type_="password",
                    autocomplete="new-password",
                ),
                rx.text(t("account.password_rules"), size="1", color_scheme="gray"),
                rx.button(
                    t("link.reset_confirm"),
                    type="submit",
                    size="3",
                    width="100%",
                    loading=LinkState.working,
                    id="reset-submit",
                ),
                spacing="3",
                width="100%",
            ),
            on_submit=LinkState.set_password,
            width="100%",
        ),
        rx.text(t("link.reset_signs_out"), size="1", color_scheme="gray"),
        spacing="3",
        width="100%",
    )


def _email_changed() -> rx.Component:
    return rx.vstack(
        rx.heading(t("link.email_changed_title"), size="6", id="email-changed"),
        rx.text(t("link.email_changed_body"), size="2"),
        rx.text(LinkState.changed_to, weight="bold", size="3", word_break="break-all", id="email-changed-to"),
        rx.link(rx.button(t("nav.account"), variant="soft", size="2"), href="/account"),
        spacing="3",
        width="100%",
    )


def link_page() -> rx.Component:
    return page(
        _card(
            rx.cond(
                LinkState.loaded,
                rx.match(
                    LinkState.purpose,
                    ("signup", _link_action("link.signup_title", "link.signup_body", "link.signup_confirm")),
                    ("sign_in", _link_action("link.sign_in_title", "link.sign_in_body", "link.sign_in_confirm")),
                    ("password_reset", _reset_form()),
                    (
                        "email_change",
                        rx.cond(
                            LinkState.changed_to != "",
                            _email_changed(),
                            _link_action(
                                "link.email_change_title", "link.email_change_body", "link.email_change_confirm"
                            ),
                        ),
                    ),
                    _link_invalid(),
                ),
                rx.hstack(rx.spinner(), rx.text(t("link.checking"), size="2"), align="center"),
            ),
        ),
        width="720px",
    )


def _forgot_sent() -> rx.Component:
    return rx.vstack(
        rx.center(rx.icon("mail-check", size=40, color=rx.color("green", 9)), width="100%"),
        rx.heading(t("forgot.sent_title"), size="6", id="forgot-sent", align="center", width="100%"),
        rx.text(t("forgot.sent_body"), size="2", align="center", width="100%"),
        rx.button(t("signup.use_other_email"), variant="soft", size="2", on_click=ForgotPasswordState.start_over),
        rx.link(t("forgot.back_to_login"), href="/login", size="2"),
        spacing="3",
        align="center",
        width="100%",
    )


def _forgot_form() -> rx.Component:
    return rx.vstack(
        rx.heading(t("forgot.title"), size="6"),
        rx.text(t("forgot.intro"), size="2", color_scheme="gray"),
        rx.cond(
            ForgotPasswordState.form_error != "",
            rx.callout(
                ForgotPasswordState.form_error, icon="triangle-alert", color_scheme="red", size="1", id="forgot-error"
            ),
        ),
        rx.form(
            rx.vstack(
                _field("login.email", "email", ForgotPasswordState.email_error, type_="email", autocomplete="username"),
                rx.button(
                    t("forgot.submit"),
                    type="submit",
                    size="3",
                    width="100%",
                    loading=ForgotPasswordState.working,
                    id="forgot-submit",
                ),
                spacing="3",
                width="100%",
            ),
            on_submit=ForgotPasswordState.submit,
            width="100%",
        ),
        rx.link(t("forgot.back_to_login"), href="/login", size="2"),
        spacing="4",
        width="100%",
    )


def forgot_password_page() -> rx.Component:
    return page(_card(rx.cond(ForgotPasswordState.sent, _forgot_sent(), _forgot_form())), width="720px")
