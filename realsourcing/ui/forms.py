"""Form pieces shared by every form: labelled fields with their error under them."""

from __future__ import annotations

import reflex as rx

from realsourcing.ui.i18n import t

# The browser drops a double click's second click (the server would answer it with the first result anyway).
SECOND_CLICK_MS = 1000


def field_error(message: rx.Var, test_id: str) -> rx.Component:
    return rx.cond(message != "", rx.text(message, color_scheme="red", size="2", id=test_id, role="alert"))


def labelled(label_key: str, name: str, control: rx.Component, error: rx.Var | str = "") -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label_key), html_for=name, style={"font-weight": "500", "font-size": "14px"}),
        control,
        field_error(error, f"{name}-error") if isinstance(error, rx.Var) else rx.fragment(),
        spacing="1",
        width="100%",
    )


def text_field(
    label_key: str,
    name: str,
    error: rx.Var | str = "",
    *,
    value: rx.Var | str | None = None,
    type_: str = "text",
    required: bool = False,
    autocomplete: str = "",
    **props,
) -> rx.Component:
    invalid = rx.cond(error != "", "true", "false") if isinstance(error, rx.Var) else "false"
    control = rx.input(
        id=name,
        name=name,
        type=type_,
        required=required,
        auto_complete=autocomplete or None,
        default_value=value,
        size="3",
        width="100%",
        aria_invalid=invalid,
        **props,
    )
    return labelled(label_key, name, control, error)


def text_area(
    label_key: str, name: str, error: rx.Var | str = "", *, value: rx.Var | str | None = None, rows: str = "4", **props
) -> rx.Component:
    control = rx.text_area(id=name, name=name, default_value=value, rows=rows, width="100%", size="3", **props)
    return labelled(label_key, name, control, error)


def section(title_key: str, *children: rx.Component, columns: str = "2") -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t(title_key), size="4"),
            rx.grid(*children, columns=rx.breakpoints(initial="1", sm=columns), spacing="4", width="100%"),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def check_label(control: rx.Component, text: rx.Var | str) -> rx.Component:
    """A checkbox or switch with its text, the whole line clickable."""
    return rx.el.label(
        control,
        rx.text(text, size="2"),
        style={"display": "flex", "gap": "8px", "align-items": "center", "cursor": "pointer"},
    )
