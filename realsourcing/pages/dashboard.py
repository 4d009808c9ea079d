"""`/dashboard`: the factory's own overview (members only; issue 3 adds the editors)."""

from __future__ import annotations

import reflex as rx

from realsourcing.components.i18n import pick, t
from realsourcing.components.layout import loading, page
from realsourcing.states.dashboard import DashboardState, TeamRow


def _stat(label_key: str, value: rx.Var, test_id: str) -> rx.Component:
    return rx.card(rx.vstack(rx.text(t(label_key), size="2", color_scheme="gray"), rx.heading(value, size="7", id=test_id), spacing="1"))


def _member(row: TeamRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["name"]),
        rx.table.cell(row["email"]),
        rx.table.cell(rx.cond(row["role"] == "owner", rx.badge(t("dash.role_owner")), rx.badge(t("dash.role_staff"), variant="soft"))),
    )


def _content() -> rx.Component:
    return rx.vstack(
        rx.text(t("dash.title"), color_scheme="gray", size="2"),
        rx.hstack(
            rx.heading(pick(DashboardState.factory_name_en, DashboardState.factory_name_zh), size="7", id="dashboard-factory"),
            rx.cond(
                DashboardState.is_verified,
                rx.badge(rx.icon("badge-check", size=14), t("home.verified"), color_scheme="green", size="2"),
                rx.badge(t("home.not_verified"), color_scheme="amber", size="2"),
            ),
            align="center",
            wrap="wrap",
        ),
        rx.hstack(rx.icon("map-pin", size=14), rx.text(DashboardState.place, size="2"), color=rx.color("gray", 11), align="center"),
        rx.grid(
            _stat("dash.products", DashboardState.published_products, "stat-products"),
            _stat("dash.documents", DashboardState.approved_documents, "stat-documents"),
            _stat("admin.pending_docs", DashboardState.pending_documents, "stat-pending"),
            columns=rx.breakpoints(initial="1", sm="3"),
            spacing="4",
            width="100%",
        ),
        rx.heading(t("dash.team"), size="5", margin_top="1em"),
        rx.box(
            rx.table.root(
                rx.table.header(rx.table.row(rx.table.column_header_cell(t("common.name")), rx.table.column_header_cell(t("login.email")), rx.table.column_header_cell(""))),
                rx.table.body(rx.foreach(DashboardState.team, _member)),
                width="100%",
            ),
            width="100%",
            overflow_x="auto",
        ),
        spacing="3",
        width="100%",
    )


def dashboard_page() -> rx.Component:
    return page(rx.cond(DashboardState.loaded, _content(), loading()))
