"""`/admin`: platform overview for admins (issue 3 adds verification review)."""

from __future__ import annotations

import reflex as rx

from realsourcing.admin.states.overview import AdminState
from realsourcing.ui.i18n import t
from realsourcing.ui.layout import loading, page

TILES = (
    ("admin.buyers", "buyers"),
    ("admin.factory_users", "factory_users"),
    ("admin.factories", "factories"),
    ("admin.verified", "verified_factories"),
    ("admin.pending_docs", "pending_documents"),
    ("admin.active_sessions", "active_sessions"),
    ("admin.failed_logins", "failed_logins_24h"),
    ("admin.oldest_pending", "oldest_pending_document_days"),
    ("admin.webinars_week", "webinars_this_week"),
    ("admin.meetings", "meetings_booked"),
    ("admin.orders", "sample_orders"),
    ("admin.failed_emails", "failed_emails"),
)


def _tile(label_key: str, value: rx.Var, test_id: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(t(label_key), size="2", color_scheme="gray"),
            rx.heading(value, size="7", id=test_id),
            spacing="1",
        )
    )


def _content() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(t("admin.title"), size="7", id="admin-title"),
            rx.spacer(),
            rx.link(rx.button(rx.icon("file-check", size=15), t("review.title")), href="/admin/verification"),
            rx.link(rx.button(rx.icon("mail", size=15), t("notif.outbox"), variant="soft"), href="/admin/outbox"),
            rx.link(
                rx.button(rx.icon("credit-card", size=15), t("admin.payments"), variant="soft", id="admin-payments"),
                href="/admin/payments",
            ),
            width="100%",
            align="center",
            wrap="wrap",
        ),
        rx.grid(
            *[_tile(label, AdminState.counts[key], f"admin-{key}") for label, key in TILES],
            _tile("admin.gmv", rx.cond(AdminState.gmv != "", AdminState.gmv, "0"), "admin-gmv"),
            columns=rx.breakpoints(initial="1", sm="2", md="4"),
            spacing="4",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


def admin_page() -> rx.Component:
    return page(rx.cond(AdminState.loaded, _content(), loading()))
