"""`/notifications` and `/admin/outbox`."""

from __future__ import annotations

import reflex as rx

from realsourcing.notifications.states.inbox import InboxState, NotificationRow, OutboxState, OutboxView
from realsourcing.ui.i18n import t
from realsourcing.ui.layout import loading, page


def _notification(row: NotificationRow) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.cond(
                row["read"],
                rx.icon("circle", size=10, color=rx.color("gray", 6)),
                rx.icon("circle-dot", size=12, color=rx.color("accent", 9)),
            ),
            rx.text(row["title"], weight=rx.cond(row["read"], "regular", "bold"), size="2"),
            rx.spacer(),
            rx.text(row["when"], size="1", color_scheme="gray"),
            align="center",
            width="100%",
        ),
        on_click=InboxState.open_item(row["id"], row["link"]),
        cursor="pointer",
        width="100%",
        class_name="notification-row",
        tab_index=0,
    )


def notifications_page() -> rx.Component:
    return page(
        rx.cond(
            InboxState.loaded,
            rx.vstack(
                rx.hstack(
                    rx.heading(t("notif.title"), size="7"),
                    rx.spacer(),
                    rx.button(
                        t("notif.mark_all"), variant="soft", on_click=InboxState.mark_all_read, id="mark-all-read"
                    ),
                    width="100%",
                    align="center",
                ),
                rx.cond(
                    InboxState.items.length() > 0,
                    rx.foreach(InboxState.items, _notification),
                    rx.callout(t("notif.none"), icon="bell", width="100%"),
                ),
                spacing="3",
                width="100%",
            ),
            loading(),
        ),
        width="820px",
    )


def _email(row: OutboxView) -> rx.Component:
    scheme = rx.match(
        row["status"], ("sent", "green"), ("pending", "gray"), ("failed", "amber"), ("dead", "red"), "blue"
    )
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.badge(row["status"], color_scheme=scheme),
                rx.text(row["subject"], weight="bold", size="2"),
                rx.spacer(),
                rx.text(row["when"], size="1", color_scheme="gray"),
                width="100%",
                wrap="wrap",
            ),
            rx.text(
                t("notif.to"),
                " ",
                row["to"],
                " · ",
                row["kind"],
                " · ",
                t("notif.attempts"),
                " ",
                row["attempts"],
                size="1",
                color_scheme="gray",
            ),
            rx.cond(row["error"] != "", rx.text(row["error"], size="1", color_scheme="red")),
            rx.el.details(rx.el.summary(t("notif.body")), rx.text(row["body"], size="1", white_space="pre-wrap")),
            spacing="1",
            width="100%",
        ),
        width="100%",
        class_name="outbox-row",
    )


def outbox_page() -> rx.Component:
    return page(
        rx.cond(
            OutboxState.loaded,
            rx.vstack(
                rx.heading(t("notif.outbox"), size="7", id="outbox-title"),
                rx.text(t("notif.outbox_help"), size="2", color_scheme="gray"),
                rx.select.root(
                    rx.select.trigger(width="200px"),
                    rx.select.content(
                        *[
                            rx.select.item(label, value=value)
                            for value, label in (
                                ("all", "all"),
                                ("pending", "pending"),
                                ("sent", "sent"),
                                ("failed", "failed"),
                                ("dead", "dead"),
                            )
                        ]
                    ),
                    value=OutboxState.status,
                    on_change=OutboxState.set_status,
                ),
                rx.cond(
                    OutboxState.rows.length() > 0,
                    rx.foreach(OutboxState.rows, _email),
                    rx.text(t("notif.none"), color_scheme="gray"),
                ),
                spacing="3",
                width="100%",
            ),
            loading(),
        ),
        width="900px",
    )
