"""`/admin/payments`: payment anomalies, newest first, each with the event exactly as Stripe sent it."""

from __future__ import annotations

import reflex as rx

from realsourcing.admin.states.payments import AnomalyRow, PaymentAnomaliesState
from realsourcing.orders.payment_state import Mismatch
from realsourcing.ui.i18n import t, t_of
from realsourcing.ui.layout import loading, page

KIND_KEYS = tuple(f"admin.anomaly_{kind.value}" for kind in Mismatch)


def _anomaly(row: AnomalyRow) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.badge(t_of(row["kind_key"], KIND_KEYS), color_scheme="red", class_name="anomaly-kind"),
                rx.cond(
                    row["order_id"] != "",
                    rx.link(row["order_reference"], href="/orders/" + row["order_id"], size="2"),
                ),
                rx.spacer(),
                rx.text(row["created"], size="1", color_scheme="gray"),
                width="100%",
                wrap="wrap",
            ),
            rx.text(row["reason"], size="2", class_name="anomaly-reason"),
            rx.text(t("admin.anomaly_event"), " ", rx.code(row["event_id"]), size="1", color_scheme="gray"),
            rx.el.details(
                rx.el.summary(t("admin.raw_event"), class_name="anomaly-raw-toggle"),
                rx.el.pre(
                    row["raw_event"],
                    class_name="anomaly-raw",
                    style={"white_space": "pre-wrap", "font_size": "12px", "max_height": "420px", "overflow": "auto"},
                ),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        class_name="anomaly-row",
    )


def _content() -> rx.Component:
    return rx.vstack(
        rx.heading(t("admin.payments"), size="7", id="payments-title"),
        rx.text(t("admin.payments_help"), size="2", color_scheme="gray"),
        rx.cond(
            PaymentAnomaliesState.rows.length() > 0,
            rx.vstack(rx.foreach(PaymentAnomaliesState.rows, _anomaly), spacing="3", width="100%"),
            rx.text(t("admin.no_anomalies"), color_scheme="gray", id="no-anomalies"),
        ),
        spacing="4",
        width="100%",
    )


def payments_page() -> rx.Component:
    return page(rx.cond(PaymentAnomaliesState.loaded, _content(), loading()))
