"""`/dashboard/webinars` and the editor (`/dashboard/webinars/new`, `/dashboard/webinars/[id]/edit`)."""

from __future__ import annotations

import reflex as rx

from realsourcing.ui.dashboard import dashboard_page
from realsourcing.ui.forms import SECOND_CLICK_MS, check_label, labelled, section, text_area, text_field
from realsourcing.ui.i18n import pick, t
from realsourcing.webinars.pages.public import KIND_KEYS, _status_badge, kind_label
from realsourcing.webinars.states.dashboard import (
    DashboardWebinarsState,
    DashboardWebinarView,
    WebinarEditorState,
)


def _cancel_dialog(row: DashboardWebinarView) -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(rx.button(t("web.cancel"), variant="ghost", color_scheme="red", size="1")),
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("web.cancel"), ": ", pick(row["card"]["title_en"], row["card"]["title_zh"])),
            rx.alert_dialog.description(t("web.cancel_help")),
            rx.input(
                placeholder=t("docs.reason"),
                on_change=DashboardWebinarsState.set_cancel_reason,
                margin_top="0.75em",
                id="cancel-reason",
            ),
            rx.flex(
                rx.alert_dialog.cancel(rx.button(t("profile.discard"), variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(
                    rx.button(
                        t("web.cancel"),
                        color_scheme="red",
                        on_click=DashboardWebinarsState.cancel(row["card"]["id"]),
                        id="confirm-cancel",
                    )
                ),
                spacing="3",
                justify="end",
                margin_top="1em",
            ),
        ),
    )


def _row(row: DashboardWebinarView) -> rx.Component:
    card = row["card"]
    webinar_id = card["id"].to_string()
    return rx.card(
        rx.flex(
            rx.vstack(
                rx.hstack(
                    _status_badge(card["status"]), rx.badge(kind_label(card["kind"]), variant="outline"), align="center"
                ),
                rx.link(pick(card["title_en"], card["title_zh"]), href="/webinars/" + webinar_id, weight="bold"),
                rx.hstack(
                    rx.icon("calendar", size=13, flex_shrink="0", margin_top="4px"),
                    rx.text(card["when"], " · ", card["duration"], " min", size="2", class_name="local-time"),
                    align="start",
                    spacing="2",
                ),
                rx.text(
                    t("web.registrations"),
                    ": ",
                    card["seats"],
                    rx.cond(
                        card["status"] == "ended",
                        rx.text.span(" · ", t("web.attended"), ": ", row["attendees"], " · ", row["minutes"], " min"),
                    ),
                    size="2",
                    color_scheme="gray",
                ),
                rx.cond(row["who"] != "", rx.text(row["who"], size="1", color_scheme="gray", class_name="attendance")),
                spacing="1",
            ),
            rx.spacer(),
            rx.flex(
                rx.cond(
                    (card["status"] == "draft") | (card["status"] == "scheduled"),
                    rx.link(
                        rx.button(t("prod.edit"), variant="soft", size="1"),
                        href="/dashboard/webinars/" + webinar_id + "/edit",
                    ),
                ),
                rx.cond(
                    card["status"] == "draft",
                    rx.button(
                        t("web.schedule"),
                        size="1",
                        color_scheme="green",
                        on_click=DashboardWebinarsState.schedule(card["id"]),
                        class_name="schedule",
                    ),
                ),
                rx.cond(
                    (card["status"] == "scheduled") | (card["status"] == "live"),
                    rx.link(
                        rx.button(rx.icon("video", size=13), t("web.open_room"), size="1"),
                        href="/webinars/" + webinar_id + "/live",
                    ),
                ),
                rx.cond((card["status"] == "draft") | (card["status"] == "scheduled"), _cancel_dialog(row)),
                spacing="2",
                wrap="wrap",
                align="center",
            ),
            direction=rx.breakpoints(initial="column", sm="row"),
            spacing="3",
        ),
        width="100%",
        class_name="dashboard-webinar",
    )


def dashboard_webinars_page() -> rx.Component:
    return dashboard_page(
        "webinars",
        DashboardWebinarsState.loaded,
        rx.hstack(
            rx.heading(t("web.title"), size="6"),
            rx.spacer(),
            rx.link(
                rx.button(rx.icon("plus", size=15), t("web.new")), href="/dashboard/webinars/new", id="new-webinar"
            ),
            width="100%",
            align="center",
        ),
        rx.cond(
            DashboardWebinarsState.rows.length() > 0,
            rx.foreach(DashboardWebinarsState.rows, _row),
            rx.callout(t("web.none_yet"), icon="radio", width="100%"),
        ),
    )


V, E = WebinarEditorState.values, WebinarEditorState.errors


def _select(
    label_key: str, name: str, value: rx.Var, on_change, options: list[tuple[str, rx.Var | str]]
) -> rx.Component:
    return labelled(
        label_key,
        name,
        rx.select.root(
            rx.select.trigger(id=name, width="100%"),
            rx.select.content(*[rx.select.item(label, value=v) for v, label in options]),
            value=value,
            on_change=on_change,
            size="3",
        ),
        E.get(name, ""),
    )


def _start() -> rx.Component:
    return rx.vstack(
        text_field(
            "web.start",
            "start_local",
            E.get("start_local", ""),
            value=V.get("start_local", ""),
            type_="datetime-local",
            required=True,
            on_change=WebinarEditorState.preview_start,
        ),
        rx.text(t("web.factory_zone"), ": ", WebinarEditorState.timezone, size="1", color_scheme="gray"),
        rx.cond(
            WebinarEditorState.start_utc != "",
            rx.vstack(
                rx.text(
                    t("meet.your_time"),
                    " ",
                    WebinarEditorState.start_yours,
                    size="1",
                    color_scheme="gray",
                    id="start-yours",
                ),
                spacing="0",
            ),
        ),
        spacing="1",
        width="100%",
    )


def _products() -> rx.Component:
    return rx.vstack(
        rx.text(t("web.featured"), weight="medium", size="2"),
        rx.cond(
            WebinarEditorState.choices.length() > 0,
            rx.flex(
                rx.foreach(
                    WebinarEditorState.choices,
                    lambda p: check_label(
                        rx.checkbox(
                            checked=WebinarEditorState.chosen.contains(p["id"]),
                            on_change=lambda _c: WebinarEditorState.toggle_product(p["id"]),
                        ),
                        pick(p["name_en"], p["name_zh"]),
                    ),
                ),
                spacing="4",
                wrap="wrap",
            ),
            rx.text(t("web.no_products"), size="2", color_scheme="gray"),
        ),
        grid_column="1 / -1",
        width="100%",
    )


def _cover() -> rx.Component:
    return rx.card(
        rx.flex(
            rx.cond(
                WebinarEditorState.cover_key != "",
                rx.image(
                    src=rx.get_upload_url(WebinarEditorState.cover_key),
                    width="160px",
                    height="90px",
                    object_fit="cover",
                    border_radius="6px",
                ),
                rx.center(
                    rx.icon("image", size=28, color=rx.color("gray", 8)),
                    width="160px",
                    height="90px",
                    background=rx.color("gray", 3),
                    border_radius="6px",
                ),
            ),
            rx.vstack(
                rx.text(t("web.cover"), weight="bold"),
                rx.cond(
                    WebinarEditorState.webinar_id == 0,
                    rx.text(t("web.cover_after_save"), size="2", color_scheme="gray"),
                    rx.upload.root(
                        rx.button(
                            rx.icon("upload", size=14),
                            t("web.upload_cover"),
                            variant="soft",
                            size="2",
                            type="button",
                            loading=WebinarEditorState.uploading,
                            disabled=WebinarEditorState.uploading,
                        ),
                        id="webinar-cover",
                        accept={"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"]},
                        max_files=1,
                        no_drag=True,
                        on_drop=WebinarEditorState.upload_cover(rx.upload_files(upload_id="webinar-cover")),
                    ),
                ),
                rx.cond(
                    WebinarEditorState.cover_error != "",
                    rx.text(WebinarEditorState.cover_error, color_scheme="red", size="2", role="alert"),
                ),
                spacing="2",
            ),
            spacing="4",
            align="center",
        ),
        width="100%",
    )


def _editor() -> rx.Component:
    return rx.form(
        rx.vstack(
            section(
                "web.details",
                text_field(
                    "web.title_en", "title_en", E.get("title_en", ""), value=V.get("title_en", ""), required=True
                ),
                text_field("web.title_zh", "title_zh", E.get("title_zh", ""), value=V.get("title_zh", "")),
                _select(
                    "web.kind",
                    "kind",
                    WebinarEditorState.kind,
                    WebinarEditorState.set_kind,
                    [(k.removeprefix("web.kind_"), t(k)) for k in KIND_KEYS],
                ),
                _select(
                    "web.language",
                    "language",
                    WebinarEditorState.language,
                    WebinarEditorState.set_language,
                    [("en", "English"), ("zh", "中文")],
                ),
                rx.box(
                    text_area(
                        "web.description",
                        "description",
                        E.get("description", ""),
                        value=V.get("description", ""),
                        rows="5",
                    ),
                    grid_column="1 / -1",
                ),
            ),
            section(
                "web.when",
                _start(),
                text_field(
                    "web.duration",
                    "duration_min",
                    E.get("duration_min", ""),
                    value=V.get("duration_min", ""),
                    type_="number",
                    min="15",
                    max="240",
                ),
                text_field(
                    "web.capacity",
                    "capacity",
                    E.get("capacity", ""),
                    value=V.get("capacity", ""),
                    type_="number",
                    min="1",
                    max="1000",
                ),
                columns="3",
            ),
            rx.card(_products(), width="100%"),
            rx.hstack(
                rx.cond(
                    V.get("status", "draft") == "draft",
                    check_label(
                        rx.el.input(type="checkbox", name="schedule_now", id="schedule-now", default_checked=True),
                        t("web.schedule_now"),
                    ),
                ),
                rx.spacer(),
                rx.button(
                    rx.icon("save", size=15),
                    t("common.save"),
                    type="submit",
                    id="webinar-save",
                    loading=WebinarEditorState.working,
                    disabled=WebinarEditorState.working,
                ),
                width="100%",
                align="center",
            ),
            spacing="4",
            width="100%",
        ),
        on_submit=WebinarEditorState.save.throttle(SECOND_CLICK_MS),
        width="100%",
    )


def dashboard_webinar_editor_page() -> rx.Component:
    return dashboard_page(
        "webinars",
        WebinarEditorState.loaded,
        rx.link(
            rx.hstack(rx.icon("arrow-left", size=14), t("web.title"), align="center"),
            href="/dashboard/webinars",
            size="2",
        ),
        rx.heading(
            rx.cond(
                WebinarEditorState.webinar_id == 0, t("web.new"), pick(V.get("title_en", ""), V.get("title_zh", ""))
            ),
            size="6",
        ),
        _cover(),
        _editor(),
    )
