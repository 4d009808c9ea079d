"""`/dashboard`: completeness with next steps, what is coming up, the team."""

from __future__ import annotations

import reflex as rx

from realsourcing.profile.factories import STEP_KEYS
from realsourcing.profile.pages.storage import storage_meter
from realsourcing.profile.states.overview import DashboardState, StepRow, TeamRow, WebinarRow
from realsourcing.ui.dashboard import dashboard_page
from realsourcing.ui.i18n import pick, t, t_of


def _stat(label_key: str, value: rx.Var, test_id: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(t(label_key), size="2", color_scheme="gray"), rx.heading(value, size="7", id=test_id), spacing="1"
        )
    )


def _member(row: TeamRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["name"]),
        rx.table.cell(row["email"]),
        rx.table.cell(
            rx.cond(
                row["role"] == "owner", rx.badge(t("dash.role_owner")), rx.badge(t("dash.role_staff"), variant="soft")
            )
        ),
    )


def _step(row: StepRow) -> rx.Component:
    return rx.cond(
        row["done"],
        rx.fragment(),
        rx.link(
            rx.hstack(
                rx.icon("circle-arrow-right", size=16), rx.text(t_of(row["key"], STEP_KEYS), size="2"), align="center"
            ),
            href=row["href"],
            class_name="next-step",
        ),
    )


def _completeness() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(t("dash.completeness"), weight="bold"),
                rx.spacer(),
                rx.heading(DashboardState.completeness.to_string() + "%", size="6", id="completeness"),
                width="100%",
                align="center",
            ),
            rx.progress(value=DashboardState.completeness, max=100, width="100%"),
            rx.cond(
                DashboardState.completeness < 100,
                rx.vstack(
                    rx.text(t("dash.next_steps"), size="2", color_scheme="gray"),
                    rx.foreach(DashboardState.steps, _step),
                    spacing="2",
                ),
                rx.callout(t("dash.all_done"), icon="badge-check", color_scheme="green", size="1"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _webinar(row: WebinarRow) -> rx.Component:
    """An upcoming open day, leading to its webinar page."""
    return rx.link(
        rx.hstack(
            rx.icon("radio", size=15),
            rx.text(pick(row["title_en"], row["title_zh"]), size="2"),
            rx.spacer(),
            rx.text(row["when"], size="1", color_scheme="gray"),
            width="100%",
            wrap="wrap",
        ),
        href="/webinars/" + row["id"].to_string(),
        underline="hover",
        width="100%",
        class_name="dashboard-open-day",
    )


def _coming_up() -> rx.Component:
    return rx.grid(
        rx.card(
            rx.vstack(
                rx.text(t("dash.upcoming_webinars"), weight="bold"),
                rx.cond(
                    DashboardState.webinars.length() > 0,
                    rx.foreach(DashboardState.webinars, _webinar),
                    rx.text(t("dash.no_webinars"), size="2", color_scheme="gray"),
                ),
                spacing="2",
                width="100%",
            )
        ),
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.text(t("dash.meetings"), weight="bold"), rx.spacer(), rx.badge(DashboardState.open_requests)
                ),
                rx.hstack(
                    rx.text(t("dash.open_orders"), weight="bold"), rx.spacer(), rx.badge(DashboardState.open_orders)
                ),
                rx.cond(
                    (DashboardState.open_requests == 0) & (DashboardState.open_orders == 0),
                    rx.text(t("dash.none_yet"), size="2", color_scheme="gray"),
                ),
                spacing="2",
                width="100%",
            )
        ),
        columns=rx.breakpoints(initial="1", md="2"),
        spacing="4",
        width="100%",
    )


def _chart(title_key: str, series: list[tuple[str, str | rx.Var, str]], test_id: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(t(title_key), weight="bold", size="2"),
            rx.recharts.bar_chart(
                *[rx.recharts.bar(data_key=key, name=label, fill=rx.color(colour, 9)) for key, label, colour in series],
                rx.recharts.x_axis(data_key="week"),
                rx.recharts.y_axis(allow_decimals=False, width=30),
                rx.recharts.graphing_tooltip(),
                rx.recharts.legend(),
                data=DashboardState.weeks,
                height=220,
                width="100%",
            ),
            width="100%",
        ),
        width="100%",
        id=test_id,
    )


def _insights() -> rx.Component:
    return rx.vstack(
        rx.heading(t("ins.title"), size="5"),
        rx.cond(
            DashboardState.has_insights,
            rx.vstack(
                rx.hstack(
                    rx.badge(
                        t("trust.response_time"),
                        ": ",
                        rx.cond(
                            DashboardState.median_response != "", DashboardState.median_response, t("fac.not_enough")
                        ),
                    ),
                    rx.badge(
                        t("trust.on_time_shipping"),
                        ": ",
                        rx.cond(DashboardState.on_time != "", DashboardState.on_time, t("fac.not_enough")),
                    ),
                    rx.cond(
                        DashboardState.revenue != "",
                        rx.badge(t("ins.revenue"), ": ", DashboardState.revenue, id="insights-revenue"),
                    ),
                    wrap="wrap",
                ),
                rx.grid(
                    _chart("ins.views", [("views", "views", "accent")], "chart-views"),
                    _chart(
                        "ins.webinars",
                        [("registrations", "registrations", "blue"), ("attendees", "attendees", "green")],
                        "chart-webinars",
                    ),
                    _chart(
                        "ins.meetings",
                        [
                            ("requests", "requests", "amber"),
                            ("confirmed", "confirmed", "blue"),
                            ("held", "held", "green"),
                        ],
                        "chart-meetings",
                    ),
                    _chart(
                        "ins.orders",
                        [
                            ("orders", "orders", "indigo"),
                            (
                                "revenue",
                                rx.cond(
                                    DashboardState.revenue_currency != "", DashboardState.revenue_currency, "revenue"
                                ),
                                "green",
                            ),
                        ],
                        "chart-orders",
                    ),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="4",
                    width="100%",
                ),
                width="100%",
            ),
            rx.callout(t("ins.empty"), icon="chart-bar", width="100%", id="insights-empty"),
        ),
        spacing="3",
        width="100%",
    )


def _header() -> rx.Component:
    return rx.flex(
        rx.vstack(
            rx.hstack(
                rx.heading(
                    pick(DashboardState.factory_name_en, DashboardState.factory_name_zh),
                    size="7",
                    id="dashboard-factory",
                ),
                rx.cond(
                    DashboardState.is_verified,
                    rx.badge(rx.icon("badge-check", size=14), t("home.verified"), color_scheme="green", size="2"),
                    rx.cond(
                        DashboardState.licence_under_review,
                        rx.badge(t("home.not_verified"), color_scheme="amber", size="2", id="verification-pending"),
                        rx.link(
                            rx.badge(t("fac.not_verified_yet"), color_scheme="gray", size="2", id="not-verified-yet"),
                            href="/dashboard/documents",
                        ),
                    ),
                ),
                align="center",
                wrap="wrap",
            ),
            rx.hstack(
                rx.icon("map-pin", size=14),
                rx.text(pick(DashboardState.place_en, DashboardState.place_zh), size="2"),
                color=rx.color("gray", 11),
                align="center",
            ),
            spacing="1",
        ),
        rx.spacer(),
        rx.link(
            rx.button(rx.icon("external-link", size=14), t("dash.view_public"), variant="soft"),
            href="/factories/" + DashboardState.slug,
        ),
        direction=rx.breakpoints(initial="column", sm="row"),
        spacing="3",
        width="100%",
    )


def dashboard_overview_page() -> rx.Component:
    return dashboard_page(
        "overview",
        DashboardState.loaded,
        _header(),
        _completeness(),
        rx.grid(
            _stat("dash.products", DashboardState.published_products, "stat-products"),
            _stat("dash.documents", DashboardState.approved_documents, "stat-documents"),
            _stat("admin.pending_docs", DashboardState.pending_documents, "stat-pending"),
            columns=rx.breakpoints(initial="1", sm="3"),
            spacing="4",
            width="100%",
        ),
        _coming_up(),
        storage_meter(DashboardState.storage),
        _insights(),
        rx.hstack(
            rx.heading(t("dash.team"), size="5"),
            rx.spacer(),
            rx.link(t("dash.team_open"), href="/dashboard/team", size="2", id="open-team"),
            align="center",
            width="100%",
            margin_top="0.5em",
        ),
        rx.box(
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell(t("common.name")),
                        rx.table.column_header_cell(t("login.email")),
                        rx.table.column_header_cell(""),
                    )
                ),
                rx.table.body(rx.foreach(DashboardState.team, _member)),
                width="100%",
            ),
            width="100%",
            overflow_x="auto",
        ),
    )
