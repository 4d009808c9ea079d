"""`/login` and `/signup`."""

from __future__ import annotations

import reflex as rx

from realsourcing.accounts.states.auth import LoginState, SignupState
from realsourcing.ui.forms import field_error, text_field
from realsourcing.ui.i18n import t
from realsourcing.ui.layout import page
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


def login_page() -> rx.Component:
    return page(
        _card(
            rx.heading(t("login.title"), size="6"),
            rx.cond(LoginState.info != "", rx.callout(LoginState.info, icon="info", size="1")),
            rx.cond(
                LoginState.form_error != "",
                rx.callout(
                    LoginState.form_error, icon="triangle-alert", color_scheme="red", size="1", id="login-error"
                ),
            ),
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
            _oidc_button(),
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


def signup_page() -> rx.Component:
    err = SignupState.errors
    return page(
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
                            rx.grid(
                                _field("signup.city", "factory_city", err.get("factory_city", "")),
                                _field(
                                    "signup.province",
                                    "factory_province",
                                    err.get("factory_province", ""),
                                    required=False,
                                ),
                                columns=rx.breakpoints(initial="1", sm="2"),
                                spacing="3",
                                width="100%",
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
        width="720px",
    )
