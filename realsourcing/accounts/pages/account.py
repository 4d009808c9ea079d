"""`/account`: profile summary, password, email address, the browsers where the account is signed in,
and deleting the account."""

from __future__ import annotations

import reflex as rx

from realsourcing.accounts.states.account import AccountState, SessionRow
from realsourcing.ui.forms import check_label, field_error, text_field
from realsourcing.ui.i18n import t
from realsourcing.ui.layout import loading, page


def _session_row(row: SessionRow) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.vstack(
                rx.hstack(
                    rx.text(row["where"], weight="medium"),
                    rx.cond(row["current"], rx.badge(t("account.this_device"), color_scheme="green")),
                    align="center",
                    wrap="wrap",
                ),
                rx.text(
                    t("account.signed_in"),
                    ": ",
                    row["created"],
                    " · ",
                    t("account.last_seen"),
                    ": ",
                    row["last_seen"],
                    " · ",
                    rx.cond(row["method"] == "oidc", t("account.method_oidc"), t("account.method_password")),
                    size="1",
                    color_scheme="gray",
                ),
                spacing="1",
            ),
            rx.spacer(),
            rx.cond(
                ~row["current"],
                rx.button(
                    t("account.end_session"),
                    variant="soft",
                    color_scheme="red",
                    size="1",
                    on_click=AccountState.end_session(row["id"]),
                ),
            ),
            direction=rx.breakpoints(initial="column", sm="row"),
            spacing="2",
            align=rx.breakpoints(initial="start", sm="center"),
        ),
        width="100%",
        class_name="session-row",
    )


def _field(label_key: str, name: str, errors: rx.Var, type_: str = "password", autocomplete: str = "") -> rx.Component:
    error = errors.get(name, "")
    return text_field(
        label_key,
        name,
        error,
        type_=type_,
        required=True,
        autocomplete=autocomplete,
        color_scheme=rx.cond(error != "", "red", "gray"),
    )


def _password_card() -> rx.Component:
    err = AccountState.password_errors
    change = rx.form(
        rx.vstack(
            rx.el.input(
                type="email",
                name="username",
                value=AccountState.email,
                auto_complete="username",
                hidden=True,
                read_only=True,
            ),
            _field("account.current_password", "current_password", err, autocomplete="current-password"),
            rx.grid(
                _field("account.new_password", "new_password", err, autocomplete="new-password"),
                _field("account.confirm_password", "confirm_password", err, autocomplete="new-password"),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            rx.text(t("account.password_rules"), size="1", color_scheme="gray"),
            rx.flex(
                rx.button(
                    t("account.change_password"),
                    type="submit",
                    loading=AccountState.password_working,
                    id="change-password-submit",
                ),
                rx.link(t("login.forgot"), href="/password/forgot", size="2"),
                spacing="3",
                align="center",
                wrap="wrap",
            ),
            rx.text(t("account.change_password_help"), size="1", color_scheme="gray"),
            spacing="3",
            width="100%",
        ),
        on_submit=AccountState.change_password,
        width="100%",
    )
    first = rx.vstack(
        rx.text(t("account.no_password"), size="2"),
        rx.cond(
            AccountState.first_password_sent,
            rx.callout(
                t("account.first_password_sent"),
                icon="mail-check",
                color_scheme="green",
                size="1",
                id="first-password-sent",
            ),
            rx.button(
                rx.icon("mail", size=16),
                t("account.set_password"),
                loading=AccountState.password_working,
                on_click=AccountState.send_first_password_link,
                id="first-password-submit",
            ),
        ),
        field_error(err.get("first_password", ""), "first_password-error"),
        spacing="2",
        width="100%",
    )
    return rx.card(rx.cond(AccountState.has_password, change, first), width="100%", id="password-card")


def _email_card() -> rx.Component:
    err = AccountState.email_errors
    form = rx.form(
        rx.vstack(
            rx.grid(
                _field("account.new_email", "new_email", err, type_="email", autocomplete="email"),
                _field("account.email_password", "email_password", err, autocomplete="current-password"),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="3",
                width="100%",
            ),
            rx.button(
                t("account.change_email"), type="submit", loading=AccountState.email_working, id="change-email-submit"
            ),
            rx.text(t("account.change_email_help"), size="1", color_scheme="gray"),
            spacing="3",
            width="100%",
        ),
        on_submit=AccountState.change_email,
        width="100%",
    )
    return rx.card(
        rx.vstack(
            rx.cond(
                AccountState.email_pending != "",
                rx.callout(
                    rx.vstack(
                        rx.text(t("account.email_pending")),
                        rx.text.strong(AccountState.email_pending, word_break="break-all", id="email-pending-to"),
                        rx.text(t("account.email_pending_keep")),
                        spacing="1",
                    ),
                    icon="mail-check",
                    color_scheme="green",
                    size="1",
                    id="email-pending",
                    width="100%",
                ),
            ),
            rx.cond(AccountState.has_password, form, rx.text(t("account.email_needs_password"), size="2")),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="email-card",
    )


def _delete_dialog() -> rx.Component:
    err = AccountState.delete_errors
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("account.delete_title")),
            rx.alert_dialog.description(t("account.delete_what"), size="2"),
            rx.form(
                rx.vstack(
                    rx.cond(
                        err.get("form", "") != "",
                        rx.callout(err.get("form", ""), icon="triangle-alert", color_scheme="red", size="1"),
                    ),
                    rx.cond(
                        AccountState.has_password,
                        _field("account.delete_password", "delete_password", err, autocomplete="current-password"),
                    ),
                    _field("account.delete_word", "confirm_word", err, type_="text", autocomplete="off"),
                    rx.flex(
                        rx.alert_dialog.cancel(
                            rx.button(t("account.delete_keep"), variant="soft", color_scheme="gray", type="button")
                        ),
                        rx.button(
                            t("account.delete_confirm"),
                            color_scheme="red",
                            type="submit",
                            loading=AccountState.delete_working,
                            id="delete-confirm",
                        ),
                        spacing="3",
                        justify="end",
                        wrap="wrap",
                    ),
                    spacing="3",
                    width="100%",
                ),
                on_submit=AccountState.delete_account,
                width="100%",
            ),
            max_width="460px",
        ),
        open=AccountState.delete_open,
        on_open_change=AccountState.show_delete,
    )


def _delete_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(t("account.delete_help"), size="2"),
            rx.cond(
                AccountState.delete_blocker != "",
                rx.callout(
                    AccountState.delete_blocker,
                    icon="triangle-alert",
                    color_scheme="amber",
                    size="1",
                    id="delete-blocker",
                ),
            ),
            rx.button(
                t("account.delete"),
                color_scheme="red",
                variant="soft",
                disabled=AccountState.delete_blocker != "",
                on_click=AccountState.show_delete(True),
                id="delete-account",
            ),
            _delete_dialog(),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="delete-card",
    )


def _content() -> rx.Component:
    return rx.vstack(
        rx.heading(t("account.title"), size="7"),
        rx.card(
            rx.data_list.root(
                rx.data_list.item(rx.data_list.label(t("common.name")), rx.data_list.value(AccountState.full_name)),
                rx.data_list.item(
                    rx.data_list.label(t("login.email")), rx.data_list.value(AccountState.email, id="account-email")
                ),
                rx.data_list.item(
                    rx.data_list.label(t("signup.company")), rx.data_list.value(AccountState.company_name)
                ),
                rx.data_list.item(
                    rx.data_list.label(t("account.type")),
                    rx.data_list.value(
                        rx.match(
                            AccountState.account_kind,
                            ("account.type_factory", t("account.type_factory")),
                            ("account.type_admin", t("account.type_admin")),
                            t("account.type_buyer"),
                        )
                    ),
                ),
                orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
            ),
            width="100%",
        ),
        rx.heading(t("account.password"), size="5", margin_top="1em"),
        _password_card(),
        rx.heading(t("account.email_address"), size="5", margin_top="1em"),
        _email_card(),
        rx.heading(t("account.timezone"), size="5", margin_top="1em"),
        rx.card(
            rx.vstack(
                rx.select.root(
                    rx.select.trigger(id="account-timezone", width="100%", max_width="420px"),
                    rx.select.content(
                        rx.foreach(AccountState.zone_options, lambda z: rx.select.item(z["label"], value=z["value"]))
                    ),
                    value=AccountState.timezone,
                    on_change=AccountState.set_timezone,
                ),
                rx.text(t("account.timezone_help"), size="1", color_scheme="gray"),
                spacing="2",
                width="100%",
            ),
            width="100%",
        ),
        rx.heading(t("account.emails"), size="5", margin_top="1em"),
        rx.card(
            rx.vstack(
                check_label(
                    rx.switch(
                        checked=AccountState.webinar_emails,
                        on_change=AccountState.set_webinar_emails,
                        id="webinar-emails",
                    ),
                    t("account.webinar_emails"),
                ),
                rx.text(t("account.emails_help"), size="1", color_scheme="gray"),
                spacing="2",
            ),
            width="100%",
        ),
        rx.heading(t("account.sessions"), size="5", margin_top="1em"),
        rx.text(t("account.sessions_help"), color_scheme="gray", size="2"),
        rx.foreach(AccountState.sessions, _session_row),
        rx.flex(
            rx.button(
                t("account.logout_everywhere"),
                color_scheme="red",
                on_click=AccountState.logout_everywhere,
                id="logout-everywhere",
            ),
            rx.text(t("account.logout_everywhere_help"), size="2", color_scheme="gray"),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        rx.heading(t("account.delete_heading"), size="5", margin_top="1em"),
        _delete_card(),
        spacing="3",
        width="100%",
    )


def account_page() -> rx.Component:
    return page(rx.cond(AccountState.loaded, _content(), loading()), width="820px")
