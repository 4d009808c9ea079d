"""One review from a paid sample order, as the order page and the factory page show it."""

from __future__ import annotations

import reflex as rx

from realsourcing.ui.i18n import t
from realsourcing.ui.session import SessionState

RATING_LABELS = (
    ("matched", "review.matched"),
    ("communication", "review.communication"),
    ("shipping", "review.shipping"),
)


def _written_in(language: rx.Var) -> rx.Component:
    """The language a text was written in, when it is not the reader's (texts are shown as written)."""
    return rx.cond(
        (language != "") & (language != SessionState.lang),
        rx.badge(
            rx.cond(language == "zh", t("review.written_in_zh"), t("review.written_in_en")),
            color_scheme="gray",
            variant="soft",
            size="1",
            class_name="review-language",
        ),
    )


def _stars(value: rx.Var) -> rx.Component:
    return rx.text(
        rx.match(value, ("1", "★☆☆☆☆"), ("2", "★★☆☆☆"), ("3", "★★★☆☆"), ("4", "★★★★☆"), ("5", "★★★★★"), ""),
        " ",
        value,
        "/5",
        size="2",
        color=rx.color("amber", 10),
        aria_hidden="true",
    )


def review_card(review: rx.Var) -> rx.Component:
    """`review` is a dict var (orders.reviews.shown): who, where from, the text as written, answer, ratings."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(review["buyer"], weight="bold", size="2"),
                rx.text(
                    rx.cond(SessionState.lang == "zh", review["from_zh"], review["from_en"]),
                    size="1",
                    color_scheme="gray",
                    class_name="review-from",
                ),
                wrap="wrap",
                align="baseline",
                spacing="2",
            ),
            rx.flex(
                *(
                    rx.hstack(
                        rx.text(t(key), size="1", color_scheme="gray"),
                        _stars(review[name]),
                        rx.el.span(
                            review[name], "/5", class_name="sr-only", style={"position": "absolute", "left": "-9999px"}
                        ),
                        align="center",
                        spacing="1",
                        class_name=f"review-rating-{name}",
                    )
                    for name, key in RATING_LABELS
                ),
                wrap="wrap",
                spacing="4",
            ),
            _written_in(review["language"]),
            rx.text(review["text"], size="2", white_space="pre-wrap", class_name="review-text"),
            rx.cond(
                review["answer"] != "",
                rx.box(
                    rx.hstack(
                        rx.text(t("review.answer"), size="1", weight="bold"),
                        _written_in(review["answer_language"]),
                        align="center",
                        spacing="2",
                    ),
                    rx.text(review["answer"], size="2", white_space="pre-wrap", class_name="review-answer"),
                    padding_left="0.75em",
                    border_left=f"3px solid {rx.color('accent', 6)}",
                    width="100%",
                ),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        class_name="review",
    )
