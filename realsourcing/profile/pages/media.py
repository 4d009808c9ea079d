"""`/dashboard/media`: workshop photos and videos."""

from __future__ import annotations

import reflex as rx

from realsourcing.core.uploads import MAX_VIDEO_BYTES
from realsourcing.profile.pages.storage import storage_meter
from realsourcing.profile.states.media import MAX_GALLERY_FILES, MediaState, MediaView
from realsourcing.ui.dashboard import dashboard_page
from realsourcing.ui.forms import SECOND_CLICK_MS
from realsourcing.ui.i18n import t
from realsourcing.ui.uploading import refused_files

ACCEPT = {
    "image/jpeg": [".jpg", ".jpeg"],
    "image/png": [".png"],
    "image/webp": [".webp"],
    "video/mp4": [".mp4"],
    "video/webm": [".webm"],
}


def _uploader() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(t("media.help"), size="2", color_scheme="gray"),
            rx.upload.root(
                rx.vstack(
                    rx.icon("images", size=30, color=rx.color("accent", 9)),
                    rx.text(t("media.drop"), size="2"),
                    rx.cond(
                        rx.selected_files("gallery").length() > 0,
                        rx.text(
                            t("media.selected"),
                            " ",
                            rx.selected_files("gallery").join(", "),
                            size="1",
                            color_scheme="gray",
                        ),
                    ),
                    align="center",
                    spacing="2",
                ),
                id="gallery",
                accept=ACCEPT,
                multiple=True,
                max_files=MAX_GALLERY_FILES,
                max_size=MAX_VIDEO_BYTES,  # a larger file is refused when chosen, never sent
                on_drop_rejected=lambda rejected: MediaState.refused_at_selection(refused_files(rejected)),
                border=f"2px dashed {rx.color('gray', 7)}",
                border_radius="8px",
                padding="1.5em",
                width="100%",
                cursor="pointer",
            ),
            rx.hstack(
                rx.button(
                    rx.icon("upload", size=15),
                    t("media.upload"),
                    on_click=MediaState.upload(
                        rx.upload_files(
                            upload_id="gallery",
                            # each report says which upload it belongs to (see MediaState.attempt)
                            on_upload_progress=lambda progress: MediaState.on_progress(progress, MediaState.attempt),
                        )
                    ).throttle(SECOND_CLICK_MS),
                    loading=MediaState.uploading,
                    disabled=MediaState.uploading,
                    id="media-upload",
                ),
                rx.cond(
                    MediaState.uploading,
                    rx.hstack(
                        rx.progress(value=MediaState.progress, max=100, width="200px"),
                        rx.text(MediaState.progress.to_string() + "%", size="1"),
                        align="center",
                        id="media-upload-progress",
                    ),
                ),
                align="center",
                spacing="3",
            ),
            rx.foreach(
                MediaState.problems,
                lambda p: rx.callout(
                    p, icon="triangle-alert", color_scheme="red", size="1", class_name="upload-problem"
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _caption(item: MediaView, language: str) -> rx.Component:
    """Saved when the field is left (one event per edit, not per keystroke)."""
    return rx.input(
        default_value=item[f"caption_{language}"],
        placeholder=t(f"media.caption_{language}"),
        aria_label=t(f"media.caption_{language}"),
        on_blur=lambda v: MediaState.save_caption(item["id"], language, v),
        size="1",
        width="100%",
    )


def _item(item: MediaView) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.box(
                rx.cond(
                    item["kind"] == "video",
                    rx.el.video(
                        src=rx.get_upload_url(item["url_key"]),
                        controls=True,
                        preload="metadata",
                        style={"width": "100%", "height": "160px", "background": "#000"},
                    ),
                    rx.image(
                        src=rx.get_upload_url(item["thumb_key"]),
                        width="100%",
                        height="160px",
                        object_fit="cover",
                        border_radius="6px",
                    ),
                ),
                rx.cond(
                    item["cover"],
                    rx.badge(
                        rx.icon("star", size=12),
                        t("media.cover"),
                        color_scheme="amber",
                        position="absolute",
                        top="8px",
                        left="8px",
                    ),
                ),
                position="relative",
                width="100%",
            ),
            _caption(item, "en"),
            _caption(item, "zh"),
            rx.hstack(
                rx.icon_button(
                    rx.icon("arrow-left", size=14),
                    variant="soft",
                    size="1",
                    aria_label=t("media.earlier"),
                    on_click=MediaState.move(item["id"], -1),
                ),
                rx.icon_button(
                    rx.icon("arrow-right", size=14),
                    variant="soft",
                    size="1",
                    aria_label=t("media.later"),
                    on_click=MediaState.move(item["id"], 1),
                ),
                rx.cond(
                    (item["kind"] == "image") & ~item["cover"],
                    rx.button(
                        rx.icon("star", size=12),
                        t("media.make_cover"),
                        variant="soft",
                        size="1",
                        on_click=MediaState.make_cover(item["id"]),
                    ),
                ),
                rx.spacer(),
                rx.icon_button(
                    rx.icon("trash-2", size=14),
                    color_scheme="red",
                    variant="ghost",
                    size="1",
                    aria_label=t("media.remove"),
                    on_click=MediaState.remove(item["id"]),
                ),
                width="100%",
            ),
            spacing="2",
        ),
        class_name="media-item",
    )


def dashboard_media_page() -> rx.Component:
    return dashboard_page(
        "media",
        MediaState.loaded,
        rx.heading(t("media.title"), size="6"),
        storage_meter(MediaState.storage),
        _uploader(),
        rx.cond(
            MediaState.items.length() > 0,
            rx.grid(
                rx.foreach(MediaState.items, _item),
                columns=rx.breakpoints(initial="1", sm="2", md="3"),
                spacing="4",
                width="100%",
            ),
            rx.callout(t("media.empty"), icon="camera", width="100%"),
        ),
    )
