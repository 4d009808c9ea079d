"""`/meeting/new`, `/meetings`, `/meetings/[id]`, `/meetings/[id]/room`."""

from __future__ import annotations

import reflex as rx

from realsourcing.meetings.lifecycle import Action, MeetingStatus
from realsourcing.meetings.states.meetings import (
    BookingState,
    DayCell,
    HistoryRow,
    InterestRow,
    MeetingRow,
    MeetingsState,
    MeetingState,
    SlotOption,
)
from realsourcing.profile.pages.cards import verified_badge
from realsourcing.ui.badges import status_badge_of
from realsourcing.ui.forms import SECOND_CLICK_MS
from realsourcing.ui.i18n import pick, t
from realsourcing.ui.layout import loading, page
from realsourcing.ui.livekit import live_kit_room, video_conference

STATUS_COLORS = {
    MeetingStatus.CONFIRMED: "green",
    MeetingStatus.REQUESTED: "amber",
    MeetingStatus.COMPLETED: "blue",
    MeetingStatus.CANCELLED: "gray",
    MeetingStatus.DECLINED: "red",
    MeetingStatus.PROPOSED: "violet",
    MeetingStatus.RESCHEDULED: "gray",
    MeetingStatus.WITHDRAWN: "gray",
}


def status_badge(status: rx.Var) -> rx.Component:
    return status_badge_of(status, "meet.status_", STATUS_COLORS, "meeting-status")


# ---------------------------------------------------------------- booking


def _day(cell: DayCell) -> rx.Component:
    selected = cell["iso"] == BookingState.day
    return rx.button(
        cell["label"],
        on_click=BookingState.pick_day(cell["iso"]),
        disabled=~cell["free"],
        variant=rx.cond(selected, "solid", rx.cond(cell["free"], "soft", "ghost")),
        opacity=rx.cond(cell["in_month"], "1", "0.35"),
        width="100%",
        aria_label=cell["iso"],
        aria_pressed=rx.cond(selected, "true", "false"),
        class_name=rx.cond(cell["free"], "day free-day", "day"),
        custom_attrs={"data-date": cell["iso"]},
    )


def _calendar() -> rx.Component:
    weekdays = (("Mo", "一"), ("Tu", "二"), ("We", "三"), ("Th", "四"), ("Fr", "五"), ("Sa", "六"), ("Su", "日"))
    return rx.vstack(
        rx.hstack(
            rx.icon_button(
                rx.icon("chevron-left", size=16),
                variant="ghost",
                on_click=BookingState.shift_month(-1),
                aria_label=t("meet.previous_month"),
            ),
            rx.text(pick(BookingState.month_label, BookingState.month_label_zh), weight="bold", id="month-label"),
            rx.icon_button(
                rx.icon("chevron-right", size=16),
                variant="ghost",
                on_click=BookingState.shift_month(1),
                aria_label=t("meet.next_month"),
                id="next-month",
            ),
            justify="between",
            width="100%",
            align="center",
        ),
        rx.grid(
            *[rx.text(pick(en, zh), size="1", color_scheme="gray", text_align="center") for en, zh in weekdays],
            columns="7",
            width="100%",
        ),
        rx.foreach(
            BookingState.weeks, lambda week: rx.grid(rx.foreach(week, _day), columns="7", spacing="1", width="100%")
        ),
        spacing="2",
        width="100%",
    )


def _other_clock() -> rx.Component:
    """The label of the slots' second clock: the factory's, or the buyer's when a factory member proposes."""
    return rx.cond(BookingState.other_is_buyer, t("meet.buyer_time"), t("meet.factory_time"))


def _slot(option: SlotOption) -> rx.Component:
    chosen = option["iso"] == BookingState.chosen
    return rx.button(
        rx.vstack(
            rx.text(option["buyer_time"], weight="bold"),
            rx.text(_other_clock(), " ", option["factory_time"], size="1"),
            spacing="0",
            align="center",
        ),
        on_click=BookingState.pick_slot(option["iso"]),
        variant=rx.cond(chosen, "solid", "outline"),
        height="auto",
        padding_y="0.5em",
        class_name="slot",
        aria_pressed=rx.cond(chosen, "true", "false"),
    )


def _booking_body() -> rx.Component:
    return rx.vstack(
        rx.heading(
            rx.cond(BookingState.rescheduling, t("meet.propose_title"), t("meet.book_title")),
            size="7",
            id="booking-title",
        ),
        rx.cond(
            BookingState.rescheduling,
            rx.text(
                pick(BookingState.reschedule_note_en, BookingState.reschedule_note_zh), size="2", id="reschedule-note"
            ),
            rx.link(
                rx.hstack(
                    rx.icon("factory", size=15),
                    pick(BookingState.factory_en, BookingState.factory_zh),
                    verified_badge(BookingState.factory_verified),
                    align="center",
                ),
                href="/factories/" + BookingState.factory_slug,
            ),
        ),
        rx.cond(
            BookingState.types.length() == 0,
            rx.callout(t("meet.no_types"), icon="calendar-x", width="100%"),
            rx.grid(
                rx.card(
                    rx.vstack(
                        rx.text(t("meet.type_label"), weight="medium", size="2"),
                        rx.cond(
                            BookingState.rescheduling,  # a new time for the same meeting: its type stays
                            rx.foreach(
                                BookingState.types,
                                lambda o: rx.text(pick(o["label_en"], o["label_zh"]), size="2", id="meeting-type"),
                            ),
                            rx.select.root(
                                rx.select.trigger(width="100%", id="meeting-type"),
                                rx.select.content(
                                    rx.foreach(
                                        BookingState.types,
                                        lambda o: rx.select.item(pick(o["label_en"], o["label_zh"]), value=o["id"]),
                                    )
                                ),
                                value=BookingState.type_id,
                                on_change=BookingState.set_type,
                            ),
                        ),
                        rx.text(t("meet.your_zone"), weight="medium", size="2"),
                        rx.select.root(
                            rx.select.trigger(width="100%", id="buyer-zone"),
                            rx.select.content(
                                rx.foreach(BookingState.zones, lambda z: rx.select.item(z["label"], value=z["value"]))
                            ),
                            value=BookingState.buyer_timezone,
                            on_change=BookingState.set_timezone,
                        ),
                        _calendar(),
                        spacing="3",
                        width="100%",
                    ),
                ),
                rx.vstack(
                    rx.card(
                        rx.vstack(
                            rx.text(t("meet.free_times"), weight="bold"),
                            rx.text(
                                t("meet.times_shown_in"),
                                " ",
                                BookingState.buyer_zone_label,
                                " · ",
                                _other_clock(),
                                " ",
                                BookingState.factory_zone_label,
                                size="1",
                                color_scheme="gray",
                            ),
                            rx.cond(
                                BookingState.slots.length() > 0,
                                rx.grid(
                                    rx.foreach(BookingState.slots, _slot),
                                    columns=rx.breakpoints(initial="2", sm="3"),
                                    spacing="2",
                                    width="100%",
                                ),
                                rx.text(t("meet.no_slots"), size="2", color_scheme="gray"),
                            ),
                            spacing="2",
                            width="100%",
                        ),
                        width="100%",
                    ),
                    rx.card(
                        rx.vstack(
                            rx.el.label(
                                t("meet.agenda"), html_for="agenda", style={"font-weight": "500", "font-size": "14px"}
                            ),
                            rx.cond(
                                BookingState.rescheduling,  # the agenda stays with the meeting
                                rx.text(BookingState.agenda, size="2", white_space="pre-wrap", id="agenda-kept"),
                                rx.text_area(
                                    id="agenda",
                                    value=BookingState.agenda,
                                    on_change=BookingState.set_agenda,
                                    rows="3",
                                    width="100%",
                                    placeholder=t("meet.agenda_help"),
                                ),
                            ),
                            rx.cond(
                                BookingState.products.length() > 0,
                                rx.vstack(
                                    rx.text(t("meet.products"), weight="medium", size="2"),
                                    rx.flex(
                                        rx.foreach(
                                            BookingState.products,
                                            lambda p: rx.el.label(
                                                rx.checkbox(
                                                    checked=BookingState.interested.contains(p["id"]),
                                                    on_change=lambda _c: BookingState.toggle_product(p["id"]),
                                                ),
                                                rx.text(pick(p["name_en"], p["name_zh"]), size="2"),
                                                style={"display": "flex", "gap": "8px", "align-items": "center"},
                                            ),
                                        ),
                                        spacing="3",
                                        wrap="wrap",
                                    ),
                                ),
                            ),
                            rx.cond(
                                BookingState.message != "",
                                rx.callout(
                                    BookingState.message,
                                    icon="info",
                                    color_scheme="amber",
                                    size="1",
                                    id="booking-message",
                                ),
                            ),
                            rx.button(
                                rx.icon("calendar-check", size=16),
                                rx.cond(BookingState.rescheduling, t("meet.propose_confirm"), t("meet.confirm")),
                                size="3",
                                width="100%",
                                on_click=BookingState.confirm.throttle(SECOND_CLICK_MS),
                                loading=BookingState.working,
                                disabled=(BookingState.chosen == "") | BookingState.working,
                                id="confirm-booking",
                            ),
                            spacing="3",
                            width="100%",
                        ),
                        width="100%",
                    ),
                    spacing="3",
                    width="100%",
                ),
                columns=rx.breakpoints(initial="1", md="2"),
                spacing="4",
                width="100%",
            ),
        ),
        spacing="3",
        width="100%",
    )


def booking_page() -> rx.Component:
    return page(
        rx.cond(
            BookingState.loaded,
            rx.cond(
                BookingState.missing, rx.heading(t("notfound.title"), size="6", id="notfound-title"), _booking_body()
            ),
            loading(),
        )
    )


# ---------------------------------------------------------------- list and detail


def _meeting_card(row: MeetingRow) -> rx.Component:
    return rx.link(
        rx.card(
            rx.flex(
                rx.vstack(
                    rx.hstack(
                        status_badge(row["status"]),
                        rx.text(pick(row["type_en"], row["type_zh"]), weight="bold"),
                        align="center",
                        wrap="wrap",
                    ),
                    rx.hstack(
                        rx.icon("calendar", size=14),
                        rx.text(row["when"], class_name="meeting-when"),
                        size="2",
                        align="center",
                    ),
                    rx.text(
                        rx.cond(row["factory_side"], row["buyer"], pick(row["factory_en"], row["factory_zh"])),
                        size="2",
                        color_scheme="gray",
                    ),
                    rx.cond(
                        row["proposed_en"] != "",
                        rx.badge(
                            rx.icon("calendar-clock", size=12),
                            pick(row["proposed_en"], row["proposed_zh"]),
                            color_scheme="violet",
                            class_name="meeting-proposed",
                        ),
                    ),
                    spacing="1",
                ),
                rx.spacer(),
                rx.icon("chevron-right", size=18),
                align="center",
            ),
            width="100%",
            class_name="meeting-card",
        ),
        href="/meetings/" + row["id"].to_string(),
        underline="none",
        color_scheme="gray",
        high_contrast=True,
        width="100%",
    )


def meetings_page() -> rx.Component:
    return page(
        rx.cond(
            MeetingsState.loaded,
            rx.vstack(
                rx.heading(t("meet.title"), size="7"),
                rx.heading(t("web.upcoming"), size="5"),
                rx.cond(
                    MeetingsState.upcoming.length() > 0,
                    rx.foreach(MeetingsState.upcoming, _meeting_card),
                    rx.callout(t("meet.none_upcoming"), icon="calendar", width="100%"),
                ),
                rx.heading(t("web.past"), size="5", margin_top="1em"),
                rx.cond(
                    MeetingsState.past.length() > 0,
                    rx.foreach(MeetingsState.past, _meeting_card),
                    rx.text(t("meet.none_past"), size="2", color_scheme="gray"),
                ),
                spacing="3",
                width="100%",
            ),
            loading(),
        ),
        width="900px",
    )


def _history(row: HistoryRow) -> rx.Component:
    return rx.hstack(
        rx.text(row["when"], size="1", color_scheme="gray", min_width="150px"),
        status_badge(row["status"]),
        rx.text(pick(row["text_en"], row["text_zh"]), size="1"),
        align="center",
        wrap="wrap",
    )


def _agenda_and_products() -> list[rx.Component]:
    """The agenda and the products of interest: on the meeting page and beside the video in the room."""
    return [
        rx.card(
            rx.vstack(
                rx.text(t("meet.agenda"), weight="bold"),
                rx.text(MeetingState.agenda, white_space="pre-wrap", size="2"),
                spacing="1",
            ),
            width="100%",
        ),
        rx.cond(
            MeetingState.interests.length() > 0,
            rx.card(
                rx.vstack(
                    rx.text(t("meet.products"), weight="bold"),
                    rx.foreach(MeetingState.interests, _interest),
                    spacing="2",
                ),
                width="100%",
            ),
        ),
    ]


def _interest(row: InterestRow) -> rx.Component:
    return rx.vstack(
        rx.link(
            pick(row["name_en"], row["name_zh"]), href="/products/" + row["id"].to_string(), weight="bold", size="2"
        ),
        rx.text(row["specs"], size="1", color_scheme="gray"),
        spacing="0",
    )


def _offered(action: Action) -> rx.Var:
    return MeetingState.actions.contains(action.value)


def _actions() -> rx.Component:
    """The moves the state found open to this visitor now (lifecycle.available_actions), nothing else."""
    m = MeetingState.meeting
    return rx.cond(
        MeetingState.actions.length() > 0,
        rx.card(
            rx.vstack(
                rx.cond(
                    _offered(Action.JOIN),
                    rx.link(
                        rx.button(rx.icon("video", size=15), t("meet.enter_video_room"), size="3"),
                        href="/meetings/" + m["id"].to_string() + "/room",
                        id="enter-meeting-room",
                    ),
                ),
                rx.cond(
                    _offered(Action.CONFIRM),
                    rx.button(
                        rx.icon("check", size=15),
                        t("meet.confirm_request"),
                        color_scheme="green",
                        on_click=MeetingState.change(Action.CONFIRM.value),
                        id="confirm-meeting",
                    ),
                ),
                rx.cond(
                    _offered(Action.RESCHEDULE),
                    rx.link(
                        rx.button(rx.icon("calendar-clock", size=15), t("meet.propose_time"), variant="soft"),
                        href="/meeting/new?reschedule=" + m["id"].to_string(),
                        id="propose-time",
                    ),
                ),
                _answers(MeetingState.actions),
                rx.cond(
                    MeetingState.reason_needed,
                    rx.input(
                        placeholder=t("meet.reason"),
                        value=MeetingState.reason,
                        on_change=MeetingState.set_reason,
                        width="100%",
                        id="meeting-reason",
                    ),
                ),
                rx.hstack(
                    rx.cond(
                        _offered(Action.DECLINE),
                        rx.button(
                            t("meet.decline"),
                            color_scheme="red",
                            variant="soft",
                            on_click=MeetingState.change(Action.DECLINE.value),
                        ),
                    ),
                    rx.cond(
                        _offered(Action.CANCEL),
                        rx.button(
                            t("meet.cancel"),
                            color_scheme="red",
                            variant="ghost",
                            on_click=MeetingState.change(Action.CANCEL.value),
                            id="cancel-meeting",
                        ),
                    ),
                ),
                rx.cond(
                    MeetingState.message != "",
                    rx.text(MeetingState.message, color_scheme="red", size="2", role="alert"),
                ),
                spacing="3",
                width="100%",
            ),
            width="100%",
        ),
    )


def _answers(offered: rx.Var) -> rx.Component:
    """Accept / decline a proposed time (its other side), or withdraw it (its proposer)."""
    return rx.flex(
        rx.cond(
            offered.contains(Action.ACCEPT_TIME.value),
            rx.button(
                rx.icon("check", size=15),
                t("meet.accept_time"),
                color_scheme="green",
                on_click=MeetingState.answer_proposal(Action.ACCEPT_TIME.value),
                loading=MeetingState.working,
                disabled=MeetingState.working,
                class_name="accept-time",
            ),
        ),
        rx.cond(
            offered.contains(Action.DECLINE_TIME.value),
            rx.button(
                t("meet.decline_time"),
                color_scheme="red",
                variant="soft",
                on_click=MeetingState.answer_proposal(Action.DECLINE_TIME.value),
                disabled=MeetingState.working,
                class_name="decline-time",
            ),
        ),
        rx.cond(
            offered.contains(Action.WITHDRAW_TIME.value),
            rx.button(
                t("meet.withdraw_time"),
                color_scheme="gray",
                variant="soft",
                on_click=MeetingState.answer_proposal(Action.WITHDRAW_TIME.value),
                loading=MeetingState.working,
                disabled=MeetingState.working,
                class_name="withdraw-time",
            ),
        ),
        spacing="2",
        wrap="wrap",
    )


def _version_times(version: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(version["when"], weight="bold", size="3", class_name="version-when"),
        rx.cond(
            version["other_when"] != "",
            rx.text(
                rx.cond(MeetingState.meeting["factory_side"], t("meet.buyer_side_time"), t("meet.factory_side_time")),
                " ",
                version["other_when"],
                size="2",
                class_name="version-other-when",
            ),
        ),
        spacing="0",
    )


def _other_versions() -> rx.Component:
    """A new time waiting for an answer; the meeting a proposal is for; the meeting that replaced this one."""
    p, o, moved = MeetingState.proposal, MeetingState.original, MeetingState.moved_to
    return rx.fragment(
        rx.cond(
            p["id"] != 0,
            rx.callout.root(
                rx.callout.icon(rx.icon("calendar-clock")),
                rx.vstack(
                    rx.text(pick(p["note_en"], p["note_zh"]), weight="medium", size="2"),
                    _version_times(p),
                    rx.text(pick(MeetingState.proposal_help_en, MeetingState.proposal_help_zh), size="2"),
                    _answers(MeetingState.proposal_actions),
                    rx.link(t("meet.open_proposal"), href="/meetings/" + p["id"].to_string(), size="2"),
                    rx.cond(
                        MeetingState.message != "",
                        rx.text(MeetingState.message, color_scheme="red", size="2", role="alert"),
                    ),
                    spacing="2",
                ),
                color_scheme="violet",
                width="100%",
                id="proposed-time",
            ),
        ),
        rx.cond(
            o["id"] != 0,
            rx.callout.root(
                rx.callout.icon(rx.icon("info")),
                rx.vstack(
                    rx.text(pick(o["note_en"], o["note_zh"]), size="2"),
                    rx.link(t("meet.open_original"), href="/meetings/" + o["id"].to_string(), size="2"),
                    spacing="1",
                ),
                width="100%",
                id="proposal-original",
            ),
        ),
        rx.cond(
            moved["id"] != 0,
            rx.callout.root(
                rx.callout.icon(rx.icon("calendar-check")),
                rx.vstack(
                    rx.text(pick(moved["note_en"], moved["note_zh"]), weight="medium", size="2"),
                    rx.link(t("meet.open_new"), href="/meetings/" + moved["id"].to_string(), size="2", id="open-new"),
                    spacing="1",
                ),
                color_scheme="green",
                width="100%",
                id="moved-to",
            ),
        ),
    )


def _times() -> rx.Component:
    """Start–end for the reader, and for the other side when their clock reads differently."""
    m = MeetingState.meeting
    return rx.vstack(
        rx.hstack(
            rx.icon("calendar", size=15),
            rx.text(t("meet.your_time"), size="2", color_scheme="gray"),
            rx.text(m["when"], size="2", weight="medium", id="meeting-when"),
            align="center",
            wrap="wrap",
            spacing="2",
        ),
        rx.cond(
            m["other_when"] != "",
            rx.hstack(
                rx.icon("globe", size=15),
                rx.text(
                    rx.cond(m["factory_side"], t("meet.buyer_side_time"), t("meet.factory_side_time")),
                    size="2",
                    color_scheme="gray",
                ),
                rx.text(m["other_when"], size="2", id="meeting-other-when"),
                align="center",
                wrap="wrap",
                spacing="2",
            ),
        ),
        spacing="1",
    )


def _add_to_calendar() -> rx.Component:
    links = MeetingState.calendar_links
    return rx.hstack(
        rx.text(t("meet.add_to_calendar"), size="2", color_scheme="gray"),
        rx.link(
            rx.button(rx.icon("calendar-plus", size=14), t("meet.calendar_file"), size="1", variant="soft"),
            href=links["ics"],
            reload_document=True,
            id="calendar-ics",
        ),
        rx.link(
            rx.button("Google Calendar", size="1", variant="soft"),
            href=links["google"],
            is_external=True,
            id="calendar-google",
        ),
        rx.link(
            rx.button("Outlook", size="1", variant="soft"),
            href=links["outlook"],
            is_external=True,
            id="calendar-outlook",
        ),
        align="center",
        wrap="wrap",
        spacing="2",
    )


def _meeting_body() -> rx.Component:
    m = MeetingState.meeting
    return rx.vstack(
        rx.hstack(
            status_badge(m["status"]),
            rx.heading(pick(m["type_en"], m["type_zh"]), size="7", id="meeting-title"),
            align="center",
            wrap="wrap",
        ),
        _times(),
        _other_versions(),
        rx.cond(MeetingState.can_add_to_calendar, _add_to_calendar()),
        rx.text(pick(m["factory_en"], m["factory_zh"]), " × ", m["buyer"], size="2", id="meeting-parties"),
        rx.grid(
            rx.vstack(
                *_agenda_and_products(),
                rx.cond(
                    MeetingState.cancel_reason != "",
                    rx.callout(rx.text(t("meet.reason"), ": ", MeetingState.cancel_reason), icon="info", size="1"),
                ),
                rx.card(
                    rx.vstack(
                        rx.text(t("meet.history"), weight="bold"),
                        rx.foreach(MeetingState.history, _history),
                        spacing="1",
                    ),
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
            _actions(),
            columns=rx.breakpoints(initial="1", md="3fr 2fr"),
            spacing="4",
            width="100%",
        ),
        spacing="3",
        width="100%",
    )


def _not_yours() -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.icon("lock", size=32),
            rx.heading(t("meet.not_yours"), size="5", id="not-your-meeting"),
            rx.link(rx.button(t("meet.title")), href="/meetings"),
            align="center",
        ),
        padding_y="4em",
    )


def meeting_page() -> rx.Component:
    return page(rx.cond(MeetingState.loaded, rx.cond(MeetingState.missing, _not_yours(), _meeting_body()), loading()))


def _room() -> rx.Component:
    m = MeetingState.meeting
    return rx.grid(
        rx.box(
            rx.cond(
                MeetingState.video_error != "",
                rx.callout(
                    MeetingState.video_error,
                    icon="video-off",
                    color_scheme="amber",
                    id="video-unavailable",
                    margin_bottom="0.5em",
                ),
            ),
            live_kit_room(
                video_conference(),
                server_url=MeetingState.server_url,
                token=MeetingState.token,
                connect=True,
                video=True,
                audio=True,
                on_error=MeetingState.video_failed,
                custom_attrs={"data-lk-theme": "default"},
                style={"height": "min(70vh, 640px)", "border-radius": "8px", "overflow": "hidden"},
                id="meeting-livekit-room",
            ),
            width="100%",
        ),
        rx.vstack(
            *_agenda_and_products(),
            rx.link(
                rx.button(rx.icon("shopping-cart", size=15), t("meet.create_order"), width="100%"),
                href="/orders/new?factory="
                + m["factory_slug"]
                + "&meeting="
                + m["id"].to_string()
                + "&product="
                + MeetingState.first_product,
                width="100%",
                id="create-order",
            ),
            rx.link(
                rx.button(t("meet.details"), variant="soft", width="100%"),
                href="/meetings/" + m["id"].to_string(),
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        columns=rx.breakpoints(initial="1", lg="3fr 1fr"),
        spacing="4",
        width="100%",
    )


def meeting_room_page() -> rx.Component:
    return page(
        rx.cond(
            MeetingState.loaded,
            rx.cond(
                MeetingState.missing,
                _not_yours(),
                rx.vstack(
                    rx.heading(
                        t("meet.room_title"),
                        " · ",
                        pick(MeetingState.meeting["type_en"], MeetingState.meeting["type_zh"]),
                        " · ",
                        rx.cond(
                            MeetingState.meeting["factory_side"],
                            MeetingState.meeting["buyer"],
                            pick(MeetingState.meeting["factory_en"], MeetingState.meeting["factory_zh"]),
                        ),
                        size="5",
                        id="meeting-room-title",
                    ),
                    rx.cond(
                        MeetingState.room_refusal != "",
                        rx.callout(MeetingState.room_refusal, icon="lock", id="room-refused"),
                        _room(),
                    ),
                    spacing="3",
                    width="100%",
                ),
            ),
            loading(),
        ),
        width="1280px",
    )
