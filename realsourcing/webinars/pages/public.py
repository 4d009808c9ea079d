"""`/webinars` (the square), `/webinars/[id]`, `/webinars/[id]/live` (the room)."""

from __future__ import annotations

import reflex as rx

from realsourcing.profile.pages.cards import product_card, verified_badge
from realsourcing.profile.pages.trust_panel import trust_panel
from realsourcing.profile.terms import CATEGORIES
from realsourcing.ui.forms import check_label
from realsourcing.ui.i18n import moment_locale, pick, t, t_of
from realsourcing.ui.layout import loading, page
from realsourcing.ui.livekit import live_kit_room, video_conference
from realsourcing.webinars.states.public import (
    WebinarCardView,
    WebinarPageState,
    WebinarRoomState,
    WebinarSquareState,
)

KIND_KEYS = ("web.kind_workshop_tour", "web.kind_product_launch", "web.kind_process", "web.kind_live_qa")


def kind_label(kind: rx.Var) -> rx.Var:
    return t_of("web.kind_" + kind, KIND_KEYS)


def local_time(when: rx.Var, test_id: str | None = None) -> rx.Component:
    """A time written on the server in the viewer's own zone (core/timefmt), the zone named."""
    return rx.text(when, id=test_id, class_name="local-time")


def _status_badge(status: rx.Var) -> rx.Component:
    return rx.match(
        status,
        ("live", rx.badge(rx.icon("radio", size=12), t("web.live"), color_scheme="red")),
        ("scheduled", rx.badge(t("web.scheduled"), color_scheme="blue", variant="soft")),
        ("ended", rx.badge(t("web.ended"), color_scheme="gray", variant="soft")),
        (
            "did_not_take_place",
            rx.badge(t("web.not_held"), color_scheme="orange", variant="soft", class_name="not-held"),
        ),
        ("cancelled", rx.badge(t("web.cancelled"), color_scheme="orange")),
        rx.badge(t("web.draft"), color_scheme="gray", variant="outline"),
    )


def webinar_card(card: WebinarCardView) -> rx.Component:
    return rx.link(
        rx.card(
            rx.cond(
                card["cover"] != "",
                rx.inset(
                    rx.image(
                        src=rx.get_upload_url(card["cover"]),
                        alt=pick(card["title_en"], card["title_zh"]),
                        width="100%",
                        height="120px",
                        object_fit="cover",
                        loading="lazy",
                    ),
                    side="top",
                    pb="current",
                ),
            ),
            rx.vstack(
                rx.hstack(
                    _status_badge(card["status"]),
                    rx.badge(kind_label(card["kind"]), variant="outline"),
                    rx.spacer(),
                    rx.text(card["language"].upper(), size="1", color_scheme="gray"),
                    width="100%",
                ),
                rx.text(pick(card["title_en"], card["title_zh"]), weight="bold", size="3"),
                rx.hstack(
                    rx.icon("calendar", size=14, flex_shrink="0", margin_top="3px"),
                    rx.text(card["when"], " · ", card["duration"], " min", size="2", class_name="local-time"),
                    align="start",
                    spacing="2",
                ),
                rx.cond(
                    card["status"] == "scheduled",
                    rx.hstack(
                        rx.icon("timer", size=14),
                        rx.moment(card["starts_utc"], from_now=True, interval=30000, locale=moment_locale()),
                        align="center",
                        color=rx.color("accent", 11),
                        class_name="countdown",
                    ),
                ),
                rx.separator(size="4"),
                rx.hstack(
                    rx.text(pick(card["factory_en"], card["factory_zh"]), size="2", weight="medium"),
                    verified_badge(card["verified"]),
                    wrap="wrap",
                    align="center",
                ),
                rx.cond(
                    card["verified_docs"] > 0,
                    rx.hstack(
                        rx.icon("shield-check", size=13),
                        rx.text(card["verified_docs"], " ", t("web.verified_docs"), size="1"),
                        color=rx.color("green", 11),
                        align="center",
                    ),
                ),
                rx.hstack(
                    rx.icon("map-pin", size=13),
                    rx.text(card["place"], size="1"),
                    rx.spacer(),
                    rx.icon("users", size=13),
                    rx.text(card["seats"], size="1"),
                    color=rx.color("gray", 11),
                    width="100%",
                    align="center",
                ),
                spacing="2",
                width="100%",
            ),
            height="100%",
            class_name="webinar-card",
        ),
        href="/webinars/" + card["id"].to_string(),
        underline="none",
        color_scheme="gray",
        high_contrast=True,
    )


def _section(title_key: str, cards: rx.Var, empty_key: str, test_id: str) -> rx.Component:
    return rx.vstack(
        rx.heading(t(title_key), size="5"),
        rx.cond(
            cards.length() > 0,
            rx.grid(
                rx.foreach(cards, webinar_card),
                columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                spacing="4",
                width="100%",
            ),
            rx.text(t(empty_key), size="2", color_scheme="gray"),
        ),
        width="100%",
        spacing="3",
        id=test_id,
    )


def square_page() -> rx.Component:
    return page(
        rx.vstack(
            rx.heading(t("web.square_title"), size="7"),
            rx.text(t("web.square_subtitle"), color_scheme="gray"),
            rx.flex(
                rx.select.root(
                    rx.select.trigger(width="220px", id="web-category"),
                    rx.select.content(
                        rx.select.item(t("dir.all_categories"), value="all"),
                        *[rx.select.item(pick(en, zh), value=k) for k, (en, zh) in CATEGORIES.items()],
                    ),
                    value=WebinarSquareState.category,
                    on_change=WebinarSquareState.set_category,
                ),
                rx.select.root(
                    rx.select.trigger(width="160px", id="web-language"),
                    rx.select.content(
                        rx.select.item(t("web.any_language"), value="all"),
                        rx.select.item("English", value="en"),
                        rx.select.item("中文", value="zh"),
                    ),
                    value=WebinarSquareState.language,
                    on_change=WebinarSquareState.set_language,
                ),
                check_label(
                    rx.switch(
                        checked=WebinarSquareState.verified_only,
                        on_change=WebinarSquareState.set_verified,
                        id="web-verified",
                    ),
                    t("dir.verified_only"),
                ),
                spacing="3",
                wrap="wrap",
                align="center",
            ),
            rx.cond(
                WebinarSquareState.loaded,
                rx.vstack(
                    _section("web.live_now", WebinarSquareState.live, "web.none_live", "live-now"),
                    _section("web.upcoming", WebinarSquareState.upcoming, "web.none_upcoming", "upcoming"),
                    _section("web.past", WebinarSquareState.past, "web.none_past", "past"),
                    spacing="6",
                    width="100%",
                ),
                loading(),
            ),
            spacing="4",
            width="100%",
        ),
        on_zone=WebinarSquareState.show_in_zone,
    )


def _register_box() -> rx.Component:
    card = WebinarPageState.card
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("calendar", size=16, flex_shrink="0", margin_top="3px"),
                local_time(card["span"], "webinar-local-time"),
                align="start",
            ),
            rx.text(card["duration"], " min", size="1", color_scheme="gray"),
            rx.cond(
                card["host_span"] != "",
                rx.text(
                    t("meet.factory_side_time"), " ", card["host_span"], size="1", color_scheme="gray", id="host-time"
                ),
            ),
            rx.cond(
                card["status"] == "scheduled",
                rx.moment(
                    card["starts_utc"], from_now=True, interval=30000, locale=moment_locale(), class_name="countdown"
                ),
            ),
            rx.cond(
                card["status"] == "did_not_take_place",
                rx.callout(
                    rx.cond(WebinarPageState.is_host, t("web.not_held_note_host"), t("web.not_held_note")),
                    icon="calendar-x",
                    color_scheme="orange",
                    size="1",
                    id="not-held",
                ),
            ),
            rx.cond(
                card["status"] == "cancelled",
                rx.callout(
                    rx.text(t("web.cancelled"), ": ", WebinarPageState.cancel_reason),
                    icon="circle-x",
                    color_scheme="orange",
                    size="1",
                ),
                rx.vstack(
                    rx.cond(
                        WebinarPageState.is_host,
                        rx.badge(t("web.you_host"), color_scheme="blue"),
                        rx.cond(
                            WebinarPageState.registered,
                            rx.hstack(
                                rx.badge(
                                    rx.icon("check", size=12),
                                    t("web.registered"),
                                    color_scheme="green",
                                    id="registered-badge",
                                ),
                                rx.cond(
                                    (card["status"] == "scheduled") | (card["status"] == "live"),
                                    rx.button(
                                        t("web.unregister"),
                                        variant="ghost",
                                        size="1",
                                        on_click=WebinarPageState.unregister,
                                    ),
                                ),
                            ),
                            rx.cond(
                                (card["status"] == "scheduled") | (card["status"] == "live"),
                                rx.button(
                                    rx.icon("ticket", size=16),
                                    t("web.register"),
                                    size="3",
                                    on_click=WebinarPageState.register,
                                    id="register",
                                ),
                            ),
                        ),
                    ),
                    rx.cond(
                        WebinarPageState.message != "",
                        rx.text(WebinarPageState.message, color_scheme="red", size="2", role="alert"),
                    ),
                    rx.cond(
                        (WebinarPageState.registered | WebinarPageState.is_host)
                        & ((card["status"] == "scheduled") | (card["status"] == "live")),
                        rx.link(
                            rx.button(rx.icon("video", size=16), t("web.enter_room"), variant="soft", size="3"),
                            href="/webinars/" + card["id"].to_string() + "/live",
                            id="enter-room",
                        ),
                    ),
                    rx.cond(
                        card["status"] != "did_not_take_place",  # nothing left to put in a calendar
                        rx.link(
                            rx.hstack(rx.icon("calendar-plus", size=14), t("web.add_to_calendar"), align="center"),
                            href="/api/webinars/" + card["id"].to_string() + "/calendar.ics",
                            reload_document=True,
                            size="2",
                            id="add-to-calendar",
                        ),
                    ),
                    spacing="3",
                ),
            ),
            rx.text(t("web.seats"), ": ", card["seats"], size="1", color_scheme="gray"),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _webinar_body() -> rx.Component:
    card = WebinarPageState.card
    return rx.vstack(
        rx.hstack(_status_badge(card["status"]), rx.badge(kind_label(card["kind"]), variant="outline"), align="center"),
        rx.heading(pick(card["title_en"], card["title_zh"]), size="8", id="webinar-title"),
        rx.link(
            rx.hstack(
                rx.icon("factory", size=15),
                pick(card["factory_en"], card["factory_zh"]),
                verified_badge(card["verified"]),
                align="center",
            ),
            href="/factories/" + card["factory_slug"],
        ),
        rx.grid(
            rx.vstack(
                rx.text(WebinarPageState.description, white_space="pre-wrap"),
                rx.cond(
                    WebinarPageState.products.length() > 0,
                    rx.vstack(
                        rx.heading(t("web.featured"), size="5"),
                        rx.grid(
                            rx.foreach(WebinarPageState.products, product_card),
                            columns=rx.breakpoints(initial="2", md="3"),
                            spacing="3",
                            width="100%",
                        ),
                        width="100%",
                    ),
                ),
                spacing="4",
                width="100%",
            ),
            rx.vstack(
                _register_box(),
                trust_panel(WebinarPageState.documents, WebinarPageState.signals),
                spacing="4",
                width="100%",
            ),
            columns=rx.breakpoints(initial="1", md="3fr 2fr"),
            spacing="5",
            width="100%",
        ),
        spacing="3",
        width="100%",
    )


def webinar_page() -> rx.Component:
    return page(
        rx.cond(
            WebinarPageState.loaded,
            rx.cond(
                WebinarPageState.missing,
                rx.heading(t("notfound.title"), size="6", id="notfound-title"),
                _webinar_body(),
            ),
            loading(),
        ),
        on_zone=WebinarPageState.show_in_zone,
    )


def _audience_row(person: rx.Var) -> rx.Component:
    def act(label_key: str, action: str, scheme: str = "gray") -> rx.Component:
        return rx.button(
            t(label_key),
            size="1",
            variant="soft",
            color_scheme=scheme,
            on_click=WebinarRoomState.host_action(action, person["identity"]),
        )

    return rx.hstack(
        rx.text(person["name"], size="2"),
        rx.spacer(),
        act("web.stage", "stage", "green"),
        act("web.unstage", "unstage"),
        act("web.mute", "mute"),
        act("web.remove", "remove", "red"),
        width="100%",
        wrap="wrap",
        class_name="audience-row",
    )


def _host_controls() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("web.host_controls"), size="4"),
            rx.hstack(
                rx.cond(
                    WebinarRoomState.status == "scheduled",
                    rx.button(
                        rx.icon("radio", size=15),
                        t("web.go_live"),
                        color_scheme="red",
                        on_click=WebinarRoomState.host_action("go_live", ""),
                        id="go-live",
                    ),
                ),
                rx.cond(
                    WebinarRoomState.status == "live",
                    rx.button(
                        t("web.end"),
                        color_scheme="gray",
                        on_click=WebinarRoomState.host_action("end", ""),
                        id="end-webinar",
                    ),
                ),
            ),
            rx.cond(
                WebinarRoomState.host_message != "",
                rx.text(WebinarRoomState.host_message, color_scheme="red", size="2", role="alert"),
            ),
            rx.text(t("web.audience"), weight="medium", size="2"),
            rx.foreach(WebinarRoomState.audience, _audience_row),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _room() -> rx.Component:
    return rx.grid(
        rx.box(
            rx.cond(
                WebinarRoomState.video_error != "",
                rx.callout(
                    WebinarRoomState.video_error,
                    icon="video-off",
                    color_scheme="amber",
                    id="video-unavailable",
                    margin_bottom="0.5em",
                ),
            ),
            live_kit_room(
                video_conference(),
                server_url=WebinarRoomState.server_url,
                token=WebinarRoomState.token,
                connect=True,
                video=WebinarRoomState.is_host,
                audio=WebinarRoomState.is_host,
                on_error=WebinarRoomState.video_failed,
                custom_attrs={"data-lk-theme": "default"},
                style={"height": "min(70vh, 640px)", "border-radius": "8px", "overflow": "hidden"},
                id="livekit-room",
            ),
            width="100%",
        ),
        rx.vstack(
            rx.cond(WebinarRoomState.is_host, _host_controls()),
            rx.card(
                rx.vstack(
                    rx.link(
                        rx.button(rx.icon("factory", size=15), t("web.factory_profile"), variant="soft", width="100%"),
                        href="/factories/" + WebinarRoomState.factory_slug,
                        width="100%",
                    ),
                    rx.link(
                        rx.button(rx.icon("video", size=15), t("fac.book"), width="100%"),
                        href="/meeting/new?factory="
                        + WebinarRoomState.factory_slug
                        + "&webinar="
                        + WebinarRoomState.webinar_id.to_string(),
                        width="100%",
                    ),
                    spacing="2",
                    width="100%",
                ),
                width="100%",
            ),
            rx.cond(
                WebinarRoomState.products.length() > 0,
                rx.vstack(
                    rx.text(t("web.featured"), weight="bold"),
                    rx.foreach(WebinarRoomState.products, product_card),
                    spacing="2",
                    width="100%",
                ),
            ),
            trust_panel(WebinarRoomState.documents, WebinarRoomState.signals),
            spacing="3",
            width="100%",
        ),
        columns=rx.breakpoints(initial="1", lg="3fr 1fr"),
        spacing="4",
        width="100%",
    )


def room_page() -> rx.Component:
    return page(
        rx.cond(
            WebinarRoomState.loaded,
            rx.vstack(
                rx.hstack(
                    _status_badge(WebinarRoomState.status),
                    rx.heading(pick(WebinarRoomState.title_en, WebinarRoomState.title_zh), size="6"),
                    align="center",
                    wrap="wrap",
                ),
                rx.cond(
                    WebinarRoomState.refusal != "",
                    rx.callout(WebinarRoomState.refusal, icon="lock", size="2", id="room-refused"),
                    _room(),
                ),
                spacing="3",
                width="100%",
            ),
            loading(),
        ),
        width="1280px",
    )
