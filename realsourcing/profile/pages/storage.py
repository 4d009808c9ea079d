"""The storage meter: how much of the factory's quota its files take, and how many documents it holds."""

from __future__ import annotations

import reflex as rx

from realsourcing.ui.i18n import pick, t


def storage_meter(view: rx.Var) -> rx.Component:
    """`view` is a page state's StorageMeterView var."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("hard-drive", size=16),
                rx.text(t("storage.title"), weight="bold", size="2"),
                rx.spacer(),
                rx.text(pick(view["text_en"], view["text_zh"]), size="2", id="storage-meter-text"),
                align="center",
                width="100%",
                wrap="wrap",
            ),
            rx.cond(
                view["nearly_full"],
                rx.progress(value=view["percent"], max=100, color_scheme="red", width="100%"),
                rx.progress(value=view["percent"], max=100, width="100%"),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        id="storage-meter",
    )
