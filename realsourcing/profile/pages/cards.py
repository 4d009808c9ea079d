"""Cards buyers scan: a factory at a glance."""

from __future__ import annotations

import reflex as rx

from realsourcing.profile.states.cards import FactoryCardRow
from realsourcing.profile.states.public import ProductCardView
from realsourcing.profile.terms import CATEGORIES
from realsourcing.ui.i18n import name_of, pick, t
from realsourcing.ui.images import responsive_image


def verified_badge(verified: rx.Var) -> rx.Component:
    return rx.cond(
        verified,
        rx.badge(rx.icon("badge-check", size=14), t("home.verified"), color_scheme="green"),
        rx.badge(t("fac.not_verified_yet"), color_scheme="gray", variant="soft"),
    )


def factory_card(card: FactoryCardRow) -> rx.Component:
    return rx.link(
        rx.card(
            rx.cond(
                card["cover"] != "",
                rx.inset(
                    responsive_image(
                        src=card["cover"],
                        srcset=card["cover_srcset"],
                        sizes=card["cover_sizes"],
                        width=card["cover_width"],
                        height=card["cover_height"],
                        alt=card["name_en"],
                        style={"width": "100%", "height": "140px", "object-fit": "cover"},
                    ),
                    side="top",
                    pb="current",
                ),
            ),
            rx.vstack(
                rx.hstack(
                    rx.text(pick(card["name_en"], card["name_zh"]), weight="bold", size="3"),
                    rx.spacer(),
                    verified_badge(card["verified"]),
                    width="100%",
                    align="start",
                ),
                rx.hstack(
                    rx.icon("map-pin", size=14),
                    rx.text(pick(card["place_en"], card["place_zh"]), size="2"),
                    color=rx.color("gray", 11),
                    align="center",
                ),
                rx.hstack(
                    rx.cond(card["category"] != "", rx.badge(name_of(card["category"], CATEGORIES), variant="outline")),
                    rx.text(card["products"], " ", t("home.products_count"), size="2", color_scheme="gray"),
                    rx.cond(
                        card["founded"] != "",
                        rx.text(t("home.since"), " ", card["founded"], size="2", color_scheme="gray"),
                    ),
                    spacing="3",
                    align="center",
                    wrap="wrap",
                ),
                spacing="2",
            ),
            height="100%",
            class_name="factory-card",
        ),
        href="/factories/" + card["slug"],
        underline="none",
        color_scheme="gray",
        high_contrast=True,
    )


def product_card(product: ProductCardView) -> rx.Component:
    return rx.link(
        rx.card(
            rx.cond(
                product["image"] != "",
                rx.inset(
                    responsive_image(
                        src=product["image"],
                        srcset=product["image_srcset"],
                        sizes=product["image_sizes"],
                        width=product["image_width"],
                        height=product["image_height"],
                        alt=pick(product["name_en"], product["name_zh"]),
                        style={"width": "100%", "height": "120px", "object-fit": "cover"},
                    ),
                    side="top",
                    pb="current",
                ),
            ),
            rx.text(pick(product["name_en"], product["name_zh"]), weight="bold", size="2"),
            rx.text(
                rx.cond(
                    product["sample"] != "",
                    rx.text.span(t("prod.sample"), " ", product["sample"]),
                    t("prod.no_samples"),
                ),
                rx.cond(product["moq"] != "", rx.text.span(" · MOQ ", product["moq"])),
                size="1",
                color_scheme="gray",
            ),
            height="100%",
            class_name="product-card",
        ),
        href="/products/" + product["id"].to_string(),
        underline="none",
        color_scheme="gray",
        high_contrast=True,
    )
