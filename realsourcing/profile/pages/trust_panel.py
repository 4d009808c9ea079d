"""The trust panel: verified documents and measured signals, beside every factory-facing view."""

from __future__ import annotations

import reflex as rx

from realsourcing.profile.states.public import DocView, SignalView
from realsourcing.profile.terms import DOCUMENT_KINDS
from realsourcing.ui.i18n import name_of, t, t_of

SIGNAL_KEYS = (
    "trust.response_rate",
    "trust.response_time",
    "trust.meetings_held",
    "trust.webinars_hosted",
    "trust.on_time_shipping",
    "trust.review_matched",
    "trust.review_communication",
    "trust.review_shipping",
    "trust.reviews",
)


def _doc(doc: DocView) -> rx.Component:
    return rx.hstack(
        rx.cond(
            doc["expired"],
            rx.icon("clock-alert", size=18, color=rx.color("orange", 9)),
            rx.icon("badge-check", size=18, color=rx.color("green", 9)),
        ),
        rx.vstack(
            rx.hstack(
                rx.text(name_of(doc["kind"], DOCUMENT_KINDS), weight="bold", size="2"),
                rx.cond(
                    doc["expired"],
                    rx.badge(t("docs.status_expired"), color_scheme="orange"),
                    rx.badge(t("docs.status_approved"), color_scheme="green"),
                ),
                align="center",
            ),
            rx.text(
                t("fac.number"),
                " ",
                doc["number"],
                " · ",
                t("fac.issued_by"),
                " ",
                doc["issuer"],
                size="1",
                color_scheme="gray",
            ),
            rx.text(
                t("fac.valid_until"),
                " ",
                rx.cond(doc["valid_until"] != "", doc["valid_until"], t("fac.no_expiry")),
                size="1",
                color_scheme="gray",
            ),
            spacing="0",
        ),
        align="start",
        class_name="trust-document",
        custom_attrs={"data-kind": doc["kind"]},
    )


def _signal(signal: SignalView) -> rx.Component:
    return rx.hstack(
        rx.text(t_of(signal["key"], SIGNAL_KEYS), size="2"),
        rx.spacer(),
        rx.cond(
            signal["known"],
            rx.text(signal["value"], weight="bold", size="2"),
            rx.text(t("fac.not_enough"), size="1", color_scheme="gray", style={"font-style": "italic"}),
        ),
        width="100%",
    )


def trust_panel(documents: rx.Var, signals: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("shield-check", size=18, color=rx.color("accent", 10)),
                rx.heading(t("fac.trust"), size="4"),
                align="center",
            ),
            rx.text(t("fac.verified_docs"), weight="medium", size="2", color_scheme="gray"),
            rx.cond(
                documents.length() > 0,
                rx.foreach(documents, _doc),
                rx.text(t("fac.no_docs"), size="2", color_scheme="gray"),
            ),
            rx.separator(size="4"),
            rx.text(t("fac.signals"), weight="medium", size="2", color_scheme="gray"),
            rx.foreach(signals, _signal),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="trust-panel",
    )
