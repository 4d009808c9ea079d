"""`/dashboard/bank`: where buyers send bank transfers; set by the owner, checked against the licence."""

from __future__ import annotations

import reflex as rx

from realsourcing.profile.states.bank import BankRow, BankState
from realsourcing.ui.dashboard import dashboard_page
from realsourcing.ui.forms import SECOND_CLICK_MS, field_error, labelled, text_field
from realsourcing.ui.i18n import t

V, E = BankState.values, BankState.errors


def _saved_row(row: BankRow) -> rx.Component:
    return rx.flex(
        rx.text(row["label"], size="2", color_scheme="gray", min_width="9em"),
        rx.text(row["value"], size="2", weight="medium", style={"overflow-wrap": "anywhere"}),
        direction=rx.breakpoints(initial="column", sm="row"),
        spacing=rx.breakpoints(initial="0", sm="3"),
        width="100%",
        align="start",
    )


def _saved() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("bank.current"), size="4"),
            rx.cond(
                BankState.has_details,
                rx.vstack(
                    rx.foreach(BankState.saved_rows, _saved_row),
                    rx.text(BankState.last_changed, size="1", color_scheme="gray"),
                    spacing="2",
                    width="100%",
                    id="bank-saved",
                ),
                rx.callout(t("bank.none_yet"), icon="info", color_scheme="amber", size="1", id="bank-none"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _field(name: str, label_key: str, help_text: rx.Component | None = None, **props) -> rx.Component:
    return rx.vstack(
        text_field(label_key, name, E.get(name, ""), value=V.get(name, ""), **props),
        help_text or rx.fragment(),
        spacing="1",
        width="100%",
    )


def _currency() -> rx.Component:
    return labelled(
        "bank.currency",
        "currency",
        rx.el.select(
            rx.foreach(BankState.currency_options, lambda c: rx.el.option(c["label"], value=c["value"])),
            id="currency",
            name="currency",
            default_value=V.get("currency", "USD"),
            style={
                "width": "100%",
                "height": "40px",
                "border-radius": "6px",
                "padding": "0 8px",
                "border": f"1px solid {rx.color('gray', 7)}",
                "background": "transparent",
            },
        ),
        E.get("currency", ""),
    )


def _confirm_identity() -> rx.Component:
    return rx.cond(
        BankState.has_password,
        rx.vstack(
            text_field(
                "bank.password", "password", E.get("password", ""), type_="password", autocomplete="current-password"
            ),
            rx.text(t("bank.password_help"), size="1", color_scheme="gray"),
            spacing="1",
            width="100%",
        ),
        rx.vstack(
            rx.text(BankState.fresh_help, size="2"),
            field_error(E.get("password", ""), "password-error"),
            rx.button(
                t("bank.sign_in_again"),
                type="button",
                variant="soft",
                on_click=BankState.sign_in_again,
                id="sign-in-again",
            ),
            spacing="2",
            width="100%",
        ),
    )


def _form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(t("bank.edit"), size="4"),
                rx.grid(
                    rx.box(
                        _field(
                            "account_holder",
                            "bank.account_holder",
                            rx.text(
                                BankState.holder_help,
                                size="1",
                                color_scheme="gray",
                                id="holder-help",
                            ),
                            required=True,
                        ),
                        grid_column="1 / -1",
                    ),
                    _field("bank_name", "bank.bank_name", required=True),
                    _field(
                        "account_number",
                        "bank.account_or_iban",
                        rx.text(t("bank.account_help"), size="1", color_scheme="gray"),
                        required=True,
                        autocomplete="off",
                    ),
                    _field("swift_bic", "bank.swift_bic", required=True, autocomplete="off"),
                    _currency(),
                    rx.box(_field("bank_address", "bank.bank_address", required=True), grid_column="1 / -1"),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="4",
                    width="100%",
                ),
                rx.separator(size="4"),
                _confirm_identity(),
                rx.button(
                    rx.icon("save", size=15),
                    t("bank.save"),
                    type="submit",
                    loading=BankState.saving,
                    disabled=BankState.saving,
                    id="bank-save",
                ),
                spacing="3",
                width="100%",
            ),
            on_submit=BankState.save.throttle(SECOND_CLICK_MS),
            key=BankState.form_version.to_string(),
            width="100%",
        ),
        width="100%",
    )


def _editing() -> rx.Component:
    """The owner with an approved licence edits; staff and unlicensed factories are told why not."""
    return rx.cond(
        ~BankState.is_owner,
        rx.callout(
            BankState.owner_note,
            icon="lock",
            size="1",
            id="bank-owner-only",
        ),
        rx.cond(
            BankState.licensed_names == "",
            rx.callout(
                rx.vstack(
                    rx.text(t("bank.no_licence_note")),
                    rx.link(t("bank.go_documents"), href="/dashboard/documents"),
                    spacing="1",
                ),
                icon="file-badge",
                color_scheme="amber",
                size="1",
                id="bank-no-licence",
            ),
            _form(),
        ),
    )


def dashboard_bank_page() -> rx.Component:
    return dashboard_page(
        "bank",
        BankState.loaded,
        rx.heading(t("bank.title"), size="6"),
        rx.text(t("bank.intro"), size="2"),
        rx.callout(t("bank.fraud_warning"), icon="shield-alert", color_scheme="blue", size="1", id="bank-why"),
        rx.cond(
            BankState.message != "",
            rx.callout(BankState.message, icon="triangle-alert", color_scheme="red", size="1", id="bank-message"),
        ),
        _saved(),
        _editing(),
        rx.cond(
            BankState.history.length() > 0,
            rx.card(
                rx.vstack(
                    rx.heading(t("bank.history"), size="4"),
                    rx.foreach(BankState.history, lambda line: rx.text(line, size="2")),
                    spacing="2",
                    width="100%",
                    id="bank-history",
                ),
                width="100%",
            ),
        ),
    )
