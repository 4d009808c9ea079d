"""The page shell: navigation for each kind of visitor, language and theme switches, footer."""

from __future__ import annotations

import reflex as rx

from realsourcing.ui.bell import BellState
from realsourcing.ui.i18n import t
from realsourcing.ui.session import SessionState
from realsourcing.ui.zone import report_browser_zone


def _nav_link(label_key: str, href: str, test_id: str) -> rx.Component:
    return rx.link(
        t(label_key), href=href, size="2", weight="medium", color_scheme="gray", high_contrast=True, id=test_id
    )


def _language_button() -> rx.Component:
    return rx.button(
        rx.icon("languages", size=16),
        rx.text(t("nav.language"), display=["none", "inline"]),  # icon only on narrow phones
        on_click=SessionState.toggle_language,
        variant="soft",
        size="2",
        aria_label=t("nav.language_label"),
        id="language-switch",
    )


def _theme_button() -> rx.Component:
    return rx.icon_button(
        rx.color_mode_cond(light=rx.icon("moon", size=16), dark=rx.icon("sun", size=16)),
        on_click=rx.toggle_color_mode,
        variant="ghost",
        size="2",
        aria_label=t("nav.theme"),
        id="theme-switch",
    )


def bell() -> rx.Component:
    """The bell and its unread count, which the server pushes when it changes (see ui/bell.py)."""
    unread = BellState.unread
    return rx.cond(
        SessionState.signed_in,
        rx.link(
            rx.box(
                rx.icon("bell", size=18),
                rx.cond(
                    unread > 0,
                    rx.badge(
                        rx.cond(unread > 99, "99+", unread.to_string()),
                        color_scheme="red",
                        variant="solid",
                        radius="full",
                        size="1",
                        position="absolute",
                        top="-8px",
                        left="11px",  # grows to the right, so even "99+" leaves the bell visible
                        min_width="18px",
                        justify_content="center",
                        id="unread-count",
                    ),
                ),
                position="relative",
                display="flex",
                padding_right="6px",
            ),
            href="/notifications",
            aria_label=rx.cond(
                unread > 0,
                t("notif.title") + " (" + unread.to_string() + " " + t("notif.unread") + ")",
                t("notif.title"),
            ),
            color_scheme="gray",
            high_contrast=True,
            id="bell",
        ),
    )


def _desktop_links() -> rx.Component:
    return rx.hstack(
        _nav_link("nav.factories", "/factories", "nav-factories"),
        _nav_link("nav.webinars", "/webinars", "nav-webinars"),
        rx.cond(SessionState.has_dashboard, _nav_link("nav.dashboard", "/dashboard", "nav-dashboard")),
        rx.cond(SessionState.has_admin, _nav_link("nav.admin", "/admin", "nav-admin")),
        rx.cond(SessionState.has_admin, _nav_link("review.nav", "/admin/verification", "nav-verification")),
        rx.cond(
            SessionState.signed_in,
            rx.hstack(
                _nav_link("nav.meetings", "/meetings", "nav-meetings"),
                _nav_link("nav.orders", "/orders", "nav-orders"),
                _nav_link("nav.account", "/account", "nav-account"),
                rx.button(t("nav.logout"), on_click=SessionState.logout, variant="outline", size="2", id="nav-logout"),
                spacing="5",
                align="center",
            ),
            rx.hstack(
                _nav_link("nav.login", "/login", "nav-login"),
                rx.link(rx.button(t("nav.signup"), size="2"), href="/signup", id="nav-signup"),
                spacing="4",
                align="center",
            ),
        ),
        spacing="5",
        align="center",
        display=["none", "none", "flex"],
    )


def _menu_item(label_key: str, href: str) -> rx.Component:
    return rx.menu.item(t(label_key), on_click=rx.redirect(href))


def _mobile_menu() -> rx.Component:
    return rx.box(
        rx.menu.root(
            rx.menu.trigger(
                rx.icon_button(
                    rx.icon("menu", size=18), variant="soft", size="2", aria_label=t("nav.menu"), id="mobile-menu"
                )
            ),
            rx.menu.content(
                _menu_item("nav.factories", "/factories"),
                _menu_item("nav.webinars", "/webinars"),
                rx.cond(SessionState.has_dashboard, _menu_item("nav.dashboard", "/dashboard")),
                rx.cond(SessionState.has_admin, _menu_item("nav.admin", "/admin")),
                rx.cond(SessionState.has_admin, _menu_item("review.nav", "/admin/verification")),
                rx.cond(
                    SessionState.signed_in,
                    rx.fragment(
                        _menu_item("nav.meetings", "/meetings"),
                        _menu_item("nav.orders", "/orders"),
                        _menu_item("nav.account", "/account"),
                        rx.menu.separator(),
                        rx.menu.item(t("nav.logout"), on_click=SessionState.logout, color="red"),
                    ),
                    rx.fragment(_menu_item("nav.login", "/login"), _menu_item("nav.signup", "/signup")),
                ),
                align="end",
            ),
        ),
        display=["block", "block", "none"],
    )


def navbar() -> rx.Component:
    return rx.el.nav(
        rx.hstack(
            rx.link(
                rx.hstack(
                    rx.icon("factory", size=22, color=rx.color("accent", 10)),
                    rx.text("RealSourcing", size=rx.breakpoints(initial="4", sm="5"), weight="bold"),
                    align="center",
                    spacing="2",
                ),
                href="/",
                underline="none",
                color_scheme="gray",
                high_contrast=True,
                id="nav-home",
            ),
            rx.spacer(),
            _desktop_links(),
            bell(),
            _language_button(),
            _theme_button(),
            _mobile_menu(),
            align="center",
            spacing="4",
            max_width="1120px",
            margin_x="auto",
            padding_x=["1em", "1.5em"],
            padding_y="0.75em",
        ),
        border_bottom=f"1px solid {rx.color('gray', 5)}",
        background=rx.color("gray", 1),
        position="sticky",
        top="0",
        z_index="10",
    )


def footer() -> rx.Component:
    return rx.el.footer(
        rx.text(t("footer.note"), size="1", color_scheme="gray"),
        text_align="center",
        padding="2em 1em",
        border_top=f"1px solid {rx.color('gray', 4)}",
        margin_top="3em",
    )


def page(*children: rx.Component, width: str = "1120px", on_zone: rx.event.EventHandler | None = None) -> rx.Component:
    """A full page: navigation, the content in a centred column, footer. `on_zone` receives the
    browser's time zone (pages that show times to visitors who are not signed in)."""
    return rx.box(
        navbar(),
        rx.el.main(
            *children,
            # Lets tests (and monitoring) know on_load has run: Reflex flips is_hydrated after it.
            custom_attrs={"data-hydrated": rx.State.is_hydrated.to_string()},
            max_width=width,
            margin_x="auto",
            padding_x=["1em", "1.5em"],
            padding_top="2em",
            min_height="70vh",
        ),
        footer(),
        on_mount=report_browser_zone(on_zone),
    )


def loading() -> rx.Component:
    return rx.center(
        rx.hstack(rx.spinner(size="3"), rx.text(t("common.loading"), color_scheme="gray")), padding_y="4em"
    )
