"""The 404 page and the page shown when rendering fails."""

from __future__ import annotations

import reflex as rx

from realsourcing.ui.i18n import t
from realsourcing.ui.layout import page


def not_found_page() -> rx.Component:
    return page(
        rx.center(
            rx.vstack(
                rx.heading("404", size="9", color=rx.color("accent", 9)),
                rx.heading(t("notfound.title"), size="6", id="notfound-title"),
                rx.text(t("notfound.text"), color_scheme="gray"),
                rx.link(rx.button(t("common.back_home")), href="/"),
                align="center",
                spacing="3",
                text_align="center",
            ),
            padding_y="4em",
        )
    )


def render_failure() -> rx.Component:
    """Shown by the error boundary; static and bilingual, since state may be what failed."""
    return rx.el.div(
        rx.el.h1("Something went wrong · 页面出错了", style={"font-size": "24px", "margin-bottom": "12px"}),
        rx.el.p(
            "This page hit an error. Reloading the page usually helps; if it keeps happening, go back to the "
            "home page. 页面出现错误，请刷新页面重试；如果仍然出错，请返回首页。",
            style={"max-width": "56ch", "line-height": "1.5"},
        ),
        rx.el.p(
            rx.el.a("Home · 首页", href="/", style={"text-decoration": "underline"}),
            style={"margin-top": "16px"},
        ),
        style={
            "padding": "48px 24px",
            "font-family": "system-ui, sans-serif",
            "max-width": "720px",
            "margin": "0 auto",
        },
    )
