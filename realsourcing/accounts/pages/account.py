"""`/account`: profile summary and the browsers where the account is signed in."""

from __future__ import annotations

import reflex as rx

from realsourcing.accounts.states.account import AccountState, SessionRow
from realsourcing.ui.forms import check_label
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
        spacing="3",
        width="100%",
    )


def account_page() -> rx.Component:
    return page(rx.cond(AccountState.loaded, _content(), loading()), width="820px")
