"""The factory dashboard's frame: section navigation above each section's content."""

from __future__ import annotations

import reflex as rx

from realsourcing.ui.i18n import t
from realsourcing.ui.layout import loading, page

SECTIONS = (
    ("overview", "dash.overview", "/dashboard", "layout-dashboard"),
    ("profile", "dash.profile", "/dashboard/profile", "building-2"),
    ("documents", "dash.documents_tab", "/dashboard/documents", "file-badge"),
    ("media", "dash.media", "/dashboard/media", "images"),
    ("products", "dash.products_tab", "/dashboard/products", "package"),
    ("webinars", "web.title", "/dashboard/webinars", "radio"),
    ("availability", "avail.tab", "/dashboard/availability", "calendar-clock"),
    ("orders", "order.tab", "/dashboard/orders", "shopping-cart"),
    ("team", "dash.team", "/dashboard/team", "users"),
    ("bank", "dash.bank", "/dashboard/bank", "landmark"),
)


def section_nav(active: str) -> rx.Component:
    return rx.box(
        rx.hstack(
            *[
                rx.link(
                    rx.button(
                        rx.icon(icon, size=15),
                        t(label),
                        variant="solid" if key == active else "ghost",
                        size="2",
                        tab_index=-1,
                        white_space="nowrap",
                    ),
                    href=href,
                    id=f"section-{key}",
                    aria_current="page" if key == active else None,
                )
                for key, label, href, icon in SECTIONS
            ],
            spacing="2",
            padding_bottom="0.5em",
            width="max-content",
        ),
        overflow_x="auto",
        width="100%",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        margin_bottom="1em",
    )


def dashboard_page(active: str, loaded: rx.Var, *children: rx.Component) -> rx.Component:
    return page(section_nav(active), rx.cond(loaded, rx.vstack(*children, spacing="4", width="100%"), loading()))


def status_badge(status: rx.Var) -> rx.Component:
    return rx.match(
        status,
        ("approved", rx.badge(rx.icon("badge-check", size=13), t("docs.status_approved"), color_scheme="green")),
        ("rejected", rx.badge(t("docs.status_rejected"), color_scheme="red")),
        ("expired", rx.badge(t("docs.status_expired"), color_scheme="orange")),
        rx.badge(t("docs.status_pending"), color_scheme="amber", variant="soft"),
    )
