"""`/`: what RealSourcing is, the four steps of trust, and factories to look at."""

from __future__ import annotations

import reflex as rx

from realsourcing.home.states.home import HomeState
from realsourcing.profile.pages.cards import factory_card
from realsourcing.ui.i18n import pick, t
from realsourcing.ui.layout import loading, page
from realsourcing.ui.session import SessionState

STEPS = (
    ("shield-check", "home.step1", "home.step1_text"),
    ("radio", "home.step2", "home.step2_text"),
    ("video", "home.step3", "home.step3_text"),
    ("package", "home.step4", "home.step4_text"),
)


def _first_steps() -> rx.Component:
    """Where a new person starts: a buyer looks at factories and open days; a factory fills its profile."""
    return rx.cond(
        SessionState.has_dashboard,
        rx.flex(
            rx.text(t("home.first_factory_hint"), size="3"),
            rx.link(rx.button(t("home.first_factory_cta"), size="2"), href="/dashboard"),
            spacing="3",
            align="center",
            wrap="wrap",
            id="first-steps",
        ),
        rx.cond(
            HomeState.show_pipeline,
            rx.flex(
                rx.text(t("home.first_buyer_hint"), size="3"),
                rx.link(rx.button(t("home.first_buyer_factories"), size="2"), href="/factories"),
                rx.link(rx.button(t("home.first_buyer_webinars"), size="2", variant="outline"), href="/webinars"),
                spacing="3",
                align="center",
                wrap="wrap",
                id="first-steps",
            ),
        ),
    )


def _greeting() -> rx.Component:
    return rx.cond(
        HomeState.first_visit,
        rx.vstack(
            rx.text(
                t("home.welcome_first"), pick(" ", ""), SessionState.display_name, color_scheme="gray", id="welcome"
            ),
            _first_steps(),
            spacing="3",
        ),
        rx.text(t("home.welcome"), pick(" ", ""), SessionState.display_name, color_scheme="gray", id="welcome"),
    )


def _hero() -> rx.Component:
    return rx.vstack(
        rx.cond(SessionState.signed_in & HomeState.loaded, _greeting()),  # first visit or not is known once loaded
        rx.heading(t("home.title"), size=rx.breakpoints(initial="7", md="9"), id="home-title", max_width="22ch"),
        rx.text(t("home.subtitle"), size="4", color_scheme="gray", max_width="60ch"),
        rx.cond(
            ~SessionState.signed_in,
            rx.flex(
                rx.link(rx.button(t("home.cta_buyer"), size="3"), href="/signup?as=buyer"),
                rx.link(rx.button(t("home.cta_factory"), size="3", variant="outline"), href="/signup?as=factory"),
                spacing="3",
                wrap="wrap",
            ),
        ),
        spacing="4",
        padding_y=["1em", "2.5em"],
    )


def _steps() -> rx.Component:
    return rx.vstack(
        rx.heading(t("home.how"), size="6"),
        rx.grid(
            *[
                rx.card(
                    rx.vstack(
                        rx.hstack(
                            rx.badge(str(i + 1), size="2", radius="full"),
                            rx.icon(icon, size=20, color=rx.color("accent", 10)),
                            align="center",
                        ),
                        rx.text(t(title), weight="bold"),
                        rx.text(t(text), size="2", color_scheme="gray"),
                        spacing="2",
                    )
                )
                for i, (icon, title, text) in enumerate(STEPS)
            ],
            columns=rx.breakpoints(initial="1", sm="2", lg="4"),
            spacing="4",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


def _factories() -> rx.Component:
    return rx.vstack(
        rx.heading(t("home.factories"), size="6"),
        rx.cond(
            HomeState.loaded,
            rx.cond(
                HomeState.featured.length() > 0,
                rx.grid(
                    rx.foreach(HomeState.featured, factory_card),
                    columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                    spacing="4",
                    width="100%",
                ),
                rx.callout(t("home.factories_empty"), icon="info", width="100%"),
            ),
            loading(),
        ),
        spacing="4",
        width="100%",
        margin_top="2.5em",
    )


def _pipeline_column(title_key: str, rows: rx.Var, empty_key: str, with_time: bool) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(t(title_key), weight="bold"),
            rx.cond(
                rows.length() > 0,
                rx.foreach(
                    rows,
                    lambda r: rx.link(
                        rx.vstack(
                            rx.text(r["title"], size="2", weight="medium"),
                            rx.text(r["when"], size="1", color_scheme="gray")
                            if with_time
                            else rx.text(r.get("status", ""), size="1"),
                            spacing="0",
                        ),
                        href=r["href"],
                        underline="none",
                    ),
                ),
                rx.text(t(empty_key), size="1", color_scheme="gray"),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _pipeline() -> rx.Component:
    return rx.cond(
        HomeState.show_pipeline,
        rx.vstack(
            rx.heading(t("pipe.title"), size="6"),
            rx.grid(
                _pipeline_column("pipe.webinars", HomeState.pipeline_webinars, "pipe.none_webinars", True),
                _pipeline_column("pipe.meetings", HomeState.pipeline_meetings, "pipe.none_meetings", True),
                _pipeline_column("pipe.orders", HomeState.pipeline_orders, "pipe.none_orders", False),
                _pipeline_column("pipe.factories", HomeState.pipeline_factories, "pipe.none_factories", False),
                columns=rx.breakpoints(initial="1", sm="2", lg="4"),
                spacing="4",
                width="100%",
            ),
            spacing="3",
            width="100%",
            margin_bottom="2em",
            id="pipeline",
        ),
    )


def home_page() -> rx.Component:
    return page(_hero(), _pipeline(), _steps(), _factories())
