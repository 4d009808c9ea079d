"""`/dashboard/availability`: hours, closed days, meeting types, limits — and the slots they make."""

from __future__ import annotations

import reflex as rx

from realsourcing.meetings.states.availability import WEEKDAYS, AvailabilityState, OverrideView, TypeView
from realsourcing.ui.dashboard import dashboard_page
from realsourcing.ui.forms import check_label, section, text_field
from realsourcing.ui.i18n import pick, t

V, E = AvailabilityState.values, AvailabilityState.errors


def _hours() -> rx.Component:
    return rx.form(
        rx.vstack(
            section(
                "avail.weekly",
                rx.vstack(
                    rx.text(t("avail.timezone"), weight="medium", size="2"),
                    rx.select.root(
                        rx.select.trigger(width="100%", id="factory-zone"),
                        rx.select.content(
                            rx.foreach(AvailabilityState.zones, lambda z: rx.select.item(z["label"], value=z["value"]))
                        ),
                        value=AvailabilityState.timezone,
                        on_change=AvailabilityState.set_timezone,
                    ),
                    rx.text(t("avail.hours_help"), size="1", color_scheme="gray"),
                    grid_column="1 / -1",
                    width="100%",
                ),
                *[
                    text_field(
                        f"avail.{name}",
                        f"day_{i}",
                        E.get(f"day_{i}", ""),
                        value=V.get(f"day_{i}", ""),
                        placeholder="09:00-12:00, 13:30-17:30",
                    )
                    for i, name in enumerate(WEEKDAYS)
                ],
            ),
            section(
                "avail.limits",
                text_field(
                    "avail.buffer_before",
                    "buffer_before_min",
                    E.get("buffer_before_min", ""),
                    value=V.get("buffer_before_min", ""),
                    type_="number",
                ),
                text_field(
                    "avail.buffer_after",
                    "buffer_after_min",
                    E.get("buffer_after_min", ""),
                    value=V.get("buffer_after_min", ""),
                    type_="number",
                ),
                text_field(
                    "avail.min_notice",
                    "min_notice_hours",
                    E.get("min_notice_hours", ""),
                    value=V.get("min_notice_hours", ""),
                    type_="number",
                ),
                text_field(
                    "avail.horizon",
                    "horizon_days",
                    E.get("horizon_days", ""),
                    value=V.get("horizon_days", ""),
                    type_="number",
                ),
                text_field(
                    "avail.max_per_day",
                    "max_per_day",
                    E.get("max_per_day", ""),
                    value=V.get("max_per_day", ""),
                    type_="number",
                ),
                check_label(
                    rx.checkbox(
                        checked=AvailabilityState.auto_confirm,
                        on_change=AvailabilityState.set_auto_confirm,
                        id="auto-confirm",
                    ),
                    t("avail.auto_confirm"),
                ),
                columns="3",
            ),
            rx.hstack(
                rx.spacer(),
                rx.button(rx.icon("save", size=15), t("common.save"), type="submit", id="availability-save"),
                width="100%",
            ),
            spacing="4",
            width="100%",
        ),
        on_submit=AvailabilityState.save,
        width="100%",
    )


def _override(row: OverrideView) -> rx.Component:
    return rx.hstack(
        rx.text(row["day"], weight="medium", size="2"),
        rx.cond(
            row["closed"], rx.badge(t("avail.closed"), color_scheme="red"), rx.badge(row["hours"], color_scheme="green")
        ),
        rx.text(row["note"], size="2", color_scheme="gray"),
        rx.spacer(),
        rx.icon_button(
            rx.icon("trash-2", size=14),
            variant="ghost",
            color_scheme="red",
            size="1",
            aria_label=t("docs.remove"),
            on_click=AvailabilityState.remove_override(row["id"]),
        ),
        width="100%",
    )


def _overrides() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("avail.overrides"), size="4"),
            rx.foreach(AvailabilityState.overrides, _override),
            rx.form(
                rx.flex(
                    rx.input(type="date", name="override_day", aria_label=t("avail.date"), required=True),
                    check_label(
                        rx.checkbox(
                            checked=AvailabilityState.override_closed, on_change=AvailabilityState.set_override_closed
                        ),
                        t("avail.closed"),
                    ),
                    rx.cond(
                        ~AvailabilityState.override_closed,
                        rx.input(name="override_hours", placeholder="19:00-21:00", aria_label=t("avail.extra_hours")),
                    ),
                    rx.input(name="override_note", placeholder=t("avail.note"), aria_label=t("avail.note")),
                    rx.button(t("avail.add"), type="submit", variant="soft"),
                    spacing="2",
                    wrap="wrap",
                    align="center",
                ),
                on_submit=AvailabilityState.add_override,
                reset_on_submit=True,
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _type(row: TypeView) -> rx.Component:
    return rx.hstack(
        rx.text(pick(row["name_en"], row["name_zh"]), weight="medium", size="2"),
        rx.badge(row["duration"], " min"),
        rx.spacer(),
        check_label(
            rx.switch(checked=row["active"], on_change=lambda v: AvailabilityState.toggle_type(row["id"], v)),
            t("avail.offered"),
        ),
        width="100%",
    )


def _types() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("avail.types"), size="4"),
            rx.foreach(AvailabilityState.types, _type),
            rx.form(
                rx.flex(
                    rx.input(
                        name="type_name_en",
                        placeholder=t("avail.type_name_en"),
                        aria_label=t("avail.type_name_en"),
                        required=True,
                    ),
                    rx.input(
                        name="type_name_zh", placeholder=t("avail.type_name_zh"), aria_label=t("avail.type_name_zh")
                    ),
                    rx.input(
                        name="type_duration",
                        type="number",
                        placeholder="30",
                        aria_label=t("avail.duration"),
                        min="15",
                        max="90",
                        width="90px",
                    ),
                    rx.button(t("avail.add"), type="submit", variant="soft"),
                    spacing="2",
                    wrap="wrap",
                ),
                on_submit=AvailabilityState.add_type,
                reset_on_submit=True,
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def dashboard_availability_page() -> rx.Component:
    return dashboard_page(
        "availability",
        AvailabilityState.loaded,
        rx.heading(t("avail.title"), size="6"),
        _hours(),
        rx.grid(_overrides(), _types(), columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%"),
        rx.card(
            rx.vstack(
                rx.heading(t("avail.preview"), size="4"),
                rx.cond(
                    AvailabilityState.preview.length() > 0,
                    rx.foreach(
                        AvailabilityState.preview, lambda line: rx.text(line, size="2", class_name="preview-day")
                    ),
                    rx.text(t("meet.no_slots"), size="2", color_scheme="gray"),
                ),
                spacing="2",
            ),
            width="100%",
        ),
    )
