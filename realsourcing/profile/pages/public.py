"""`/factories`, `/factories/[slug]`, `/products/[id]`: what a buyer reads before trusting a factory."""

from __future__ import annotations

import reflex as rx

from realsourcing.core import divisions
from realsourcing.profile.pages.cards import factory_card, product_card, verified_badge
from realsourcing.profile.pages.trust_panel import trust_panel
from realsourcing.profile.states.public import (
    ALL,
    MOQ_CHOICES,
    DirectoryState,
    FactoryPageState,
    GalleryView,
    ProductPageState,
    SpecView,
    WebinarView,
)
from realsourcing.profile.terms import CATEGORIES, CERTIFICATE_KINDS, CUSTOMIZATION, DOCUMENT_KINDS
from realsourcing.ui.forms import check_label
from realsourcing.ui.i18n import name_of, pick, t
from realsourcing.ui.images import responsive_image
from realsourcing.ui.layout import loading, page
from realsourcing.ui.reviews import review_card

# ---------------------------------------------------------------- directory

# (code, English, Chinese), in English alphabetical order (pinyin order, near enough, for Chinese readers)
PROVINCE_OPTIONS = [
    (code, divisions.province_name(code, "en"), divisions.province_name(code, "zh"))
    for code, _ in divisions.province_choices("en")
]


def _select(
    name: str, value: rx.Var, all_key: str, options: list[tuple[str, rx.Var | str]], test_id: str
) -> rx.Component:
    return rx.select.root(
        # the filter's name for screen readers (the trigger shows only the chosen value)
        rx.select.trigger(id=test_id, width="100%", aria_label=t(f"dir.filter_{name}")),
        rx.select.content(
            rx.select.item(t(all_key), value=ALL), *[rx.select.item(label, value=v) for v, label in options]
        ),
        value=value,
        on_change=lambda v: DirectoryState.set_filter(name, v),
    )


def _filters() -> rx.Component:
    return rx.grid(
        _select(
            "category",
            DirectoryState.category,
            "dir.all_categories",
            [(k, pick(en, zh)) for k, (en, zh) in CATEGORIES.items()],
            "filter-category",
        ),
        _select(
            "province",
            DirectoryState.province,
            "dir.all_provinces",
            [(code, pick(en, zh)) for code, en, zh in PROVINCE_OPTIONS],
            "filter-province",
        ),
        _select(
            "cert",
            DirectoryState.certification,
            "dir.any_certification",
            [(k, DOCUMENT_KINDS[k][0]) for k in CERTIFICATE_KINDS],
            "filter-cert",
        ),
        _select(
            "moq", DirectoryState.max_moq, "dir.any_moq", [(m, f"≤ {int(m):,}") for m in MOQ_CHOICES], "filter-moq"
        ),
        rx.select.root(
            rx.select.trigger(id="sort", width="100%"),
            rx.select.content(
                *[rx.select.item(t(f"dir.sort_{s}"), value=s) for s in ("relevance", "newest", "name", "established")]
            ),
            value=DirectoryState.sort,
            on_change=lambda v: DirectoryState.set_filter("sort", v),
        ),
        check_label(
            rx.switch(checked=DirectoryState.verified_only, on_change=DirectoryState.set_verified, id="verified-only"),
            t("dir.verified_only"),
        ),
        columns=rx.breakpoints(initial="2", md="3", lg="6"),
        spacing="3",
        width="100%",
        align="center",
    )


def _pager() -> rx.Component:
    return rx.cond(
        DirectoryState.pages > 1,
        rx.hstack(
            rx.button(
                t("dir.previous"),
                variant="soft",
                disabled=DirectoryState.page <= 1,
                on_click=DirectoryState.goto_page(DirectoryState.page - 1),
                id="page-prev",
            ),
            rx.text(
                t("dir.page"),
                " ",
                DirectoryState.page,
                " ",
                t("dir.of"),
                " ",
                DirectoryState.pages,
                rx.cond(DirectoryState.total_capped, "+", ""),
                size="2",
                id="page-label",
            ),
            rx.button(
                t("dir.next"),
                variant="soft",
                disabled=(DirectoryState.page >= DirectoryState.pages) & ~DirectoryState.total_capped,
                on_click=DirectoryState.goto_page(DirectoryState.page + 1),
                id="page-next",
            ),
            justify="center",
            align="center",
            width="100%",
            spacing="4",
        ),
    )


def directory_page() -> rx.Component:
    return page(
        rx.vstack(
            rx.heading(t("dir.title"), size="7"),
            rx.form(
                rx.hstack(
                    rx.input(
                        name="q",
                        id="search",
                        default_value=DirectoryState.text,
                        placeholder=t("dir.search"),
                        aria_label=t("dir.search"),
                        type="search",
                        size="3",
                        width="100%",
                        key=DirectoryState.text,
                    ),
                    rx.button(
                        rx.icon("search", size=16), t("dir.search_button"), type="submit", size="3", id="search-submit"
                    ),
                    width="100%",
                ),
                on_submit=DirectoryState.submit,
                width="100%",
            ),
            _filters(),
            rx.cond(
                DirectoryState.loaded,
                rx.vstack(
                    rx.hstack(
                        rx.text(
                            DirectoryState.total_label,
                            " ",
                            t("dir.results"),
                            size="2",
                            color_scheme="gray",
                            id="result-count",
                        ),
                        rx.spacer(),
                        rx.button(t("dir.clear"), variant="ghost", size="1", on_click=DirectoryState.clear),
                        width="100%",
                    ),
                    rx.cond(
                        DirectoryState.total > 0,
                        rx.grid(
                            rx.foreach(DirectoryState.results, factory_card),
                            columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                            spacing="4",
                            width="100%",
                        ),
                        rx.callout(t("dir.none"), icon="search-x", width="100%", id="no-results"),
                    ),
                    _pager(),
                    spacing="3",
                    width="100%",
                ),
                loading(),
            ),
            spacing="4",
            width="100%",
        )
    )


# ---------------------------------------------------------------- factory page


def _fact(label_key: str, value: rx.Var, suffix: rx.Var | str = "") -> rx.Component:
    return rx.cond(value != "", rx.data_list.item(rx.data_list.label(t(label_key)), rx.data_list.value(value, suffix)))


def _gallery_item(item: GalleryView, index: rx.Var) -> rx.Component:
    return rx.box(
        rx.cond(
            item["kind"] == "video",
            rx.el.video(
                src=rx.get_upload_url(item["key"]),
                controls=True,
                preload="metadata",
                style={"width": "100%", "aspect-ratio": "4 / 3", "background": "#000", "border-radius": "8px"},
            ),
            responsive_image(
                src=item["src"],
                srcset=item["srcset"],
                sizes=item["sizes"],
                width=item["width"],
                height=item["height"],
                alt=pick(item["caption_en"], item["caption_zh"]),
                eager=index == 0,  # the page's largest image, above the fold
                style={
                    "width": "100%",
                    "height": "auto",
                    "aspect-ratio": "4 / 3",
                    "object-fit": "cover",
                    "border-radius": "8px",
                },
            ),
        ),
        rx.text(pick(item["caption_en"], item["caption_zh"]), size="1", color_scheme="gray"),
        class_name="gallery-item",
    )


def _webinar(w: WebinarView) -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.icon("radio", size=15, color=rx.color("accent", 9)),
            rx.text(pick(w["title_en"], w["title_zh"]), size="2"),
            rx.spacer(),
            rx.text(w["when"], size="1", color_scheme="gray"),
            width="100%",
            wrap="wrap",
        ),
        href="/webinars/" + w["id"].to_string(),
        underline="hover",
        width="100%",
        class_name="open-day-link",
    )


def _factory_header() -> rx.Component:
    info = FactoryPageState.info
    return rx.flex(
        rx.cond(
            info["logo"] != "",
            rx.image(
                src=rx.get_upload_url(info["logo"]),
                alt=pick(info["name_en"], info["name_zh"]),
                width="72px",
                height="72px",
                object_fit="contain",
                border_radius="8px",
            ),
        ),
        rx.vstack(
            rx.hstack(
                rx.heading(pick(info["name_en"], info["name_zh"]), size="8", id="factory-name"),
                verified_badge(FactoryPageState.verified),
                align="center",
                wrap="wrap",
            ),
            rx.text(pick(info["legal_en"], info["legal_zh"]), size="2", color_scheme="gray"),
            rx.hstack(
                rx.hstack(
                    rx.icon("map-pin", size=14),
                    rx.text(pick(info["place_en"], info["place_zh"]), size="2"),
                    align="center",
                ),
                rx.cond(info["years"] != "", rx.text(info["years"], " ", t("fac.years"), size="2")),
                rx.foreach(FactoryPageState.categories, lambda c: rx.badge(name_of(c, CATEGORIES), variant="outline")),
                spacing="3",
                wrap="wrap",
                color=rx.color("gray", 11),
            ),
            spacing="2",
        ),
        rx.spacer(),
        rx.vstack(
            rx.link(
                rx.button(rx.icon("video", size=16), t("fac.book"), size="3"),
                href="/meeting/new?factory=" + info["slug"],
                id="book-meeting",
            ),
            rx.cond(
                FactoryPageState.can_follow,
                rx.button(
                    rx.icon(rx.cond(FactoryPageState.following, "star-off", "star"), size=14),
                    rx.cond(FactoryPageState.following, t("fac.unfollow"), t("fac.follow")),
                    variant="soft",
                    size="2",
                    on_click=FactoryPageState.toggle_follow,
                    id="follow",
                ),
            ),
            align="end",
        ),
        direction=rx.breakpoints(initial="column", md="row"),
        spacing="4",
        width="100%",
    )


def _factory_body() -> rx.Component:
    info = FactoryPageState.info
    return rx.vstack(
        _factory_header(),
        rx.grid(
            rx.vstack(
                rx.cond(
                    pick(info["about_en"], info["about_zh"]) != "",
                    rx.card(
                        rx.vstack(
                            rx.heading(t("fac.about"), size="4"),
                            rx.text(pick(info["about_en"], info["about_zh"]), size="2", white_space="pre-wrap"),
                            spacing="2",
                        ),
                        width="100%",
                    ),
                ),
                rx.heading(t("fac.gallery"), size="5"),
                rx.cond(
                    FactoryPageState.gallery.length() > 0,
                    rx.grid(
                        rx.foreach(FactoryPageState.gallery, _gallery_item),
                        columns=rx.breakpoints(initial="1", sm="2"),
                        spacing="3",
                        width="100%",
                    ),
                    rx.text(t("fac.no_gallery"), size="2", color_scheme="gray"),
                ),
                rx.heading(t("fac.products"), size="5"),
                rx.cond(
                    FactoryPageState.products.length() > 0,
                    rx.grid(
                        rx.foreach(FactoryPageState.products, product_card),
                        columns=rx.breakpoints(initial="2", md="3"),
                        spacing="3",
                        width="100%",
                    ),
                    rx.text(t("fac.no_products"), size="2", color_scheme="gray"),
                ),
                rx.heading(t("review.section"), size="5", id="reviews"),
                rx.cond(
                    FactoryPageState.reviews.length() > 0,
                    rx.vstack(rx.foreach(FactoryPageState.reviews, review_card), spacing="3", width="100%"),
                    rx.text(t("review.none"), size="2", color_scheme="gray", id="no-reviews"),
                ),
                spacing="3",
                width="100%",
            ),
            rx.vstack(
                trust_panel(FactoryPageState.documents, FactoryPageState.signals),
                rx.card(
                    rx.vstack(
                        rx.heading(t("fac.facts"), size="4"),
                        rx.data_list.root(
                            _fact("profile.founded_year", info["founded"]),
                            _fact("fac.staff", info["staff"]),
                            _fact("fac.area", info["area"], " m²"),
                            _fact("fac.markets", info["markets"]),
                            _fact("fac.export", info["export"]),
                            _fact("fac.lines", info["lines"]),
                            _fact("fac.capacity", info["capacity"]),
                            _fact("fac.moq", info["moq"]),
                            _fact("fac.lead_time", info["lead"], rx.text.span("\u00a0", t("fac.days"))),
                            _fact("fac.languages", info["languages"]),
                            orientation="vertical",
                            size="2",
                        ),
                        spacing="3",
                    ),
                    width="100%",
                ),
                rx.card(
                    rx.vstack(
                        rx.heading(t("fac.webinars"), size="4"),
                        rx.cond(
                            FactoryPageState.webinars.length() > 0,
                            rx.foreach(FactoryPageState.webinars, _webinar),
                            rx.text(t("fac.no_upcoming"), size="2", color_scheme="gray"),
                        ),
                        spacing="2",
                        width="100%",
                    ),
                    width="100%",
                ),
                spacing="4",
                width="100%",
            ),
            columns=rx.breakpoints(initial="1", md="3fr 2fr"),
            spacing="5",
            width="100%",
        ),
        spacing="5",
        width="100%",
    )


def _missing() -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.heading(t("notfound.title"), size="6", id="notfound-title"),
            rx.link(rx.button(t("nav.factories")), href="/factories"),
            align="center",
        ),
        padding_y="4em",
    )


def factory_page() -> rx.Component:
    return page(
        rx.cond(FactoryPageState.loaded, rx.cond(FactoryPageState.missing, _missing(), _factory_body()), loading()),
        on_zone=FactoryPageState.show_in_zone,
    )


# ---------------------------------------------------------------- product page


def _spec(spec: SpecView) -> rx.Component:
    return rx.table.row(rx.table.row_header_cell(spec["name"]), rx.table.cell(spec["value"]))


def _product_body() -> rx.Component:
    info = ProductPageState.info
    return rx.vstack(
        rx.link(
            rx.hstack(
                rx.icon("factory", size=14),
                t("product.by"),
                " ",
                pick(info["factory_en"], info["factory_zh"]),
                verified_badge(ProductPageState.factory_verified),
                align="center",
            ),
            href="/factories/" + info["factory_slug"],
            size="2",
        ),
        rx.grid(
            rx.vstack(
                rx.cond(
                    ProductPageState.images.length() > 0,
                    rx.grid(
                        rx.foreach(
                            ProductPageState.images,
                            lambda image, index: responsive_image(
                                src=image["src"],
                                srcset=image["srcset"],
                                sizes=image["sizes"],
                                width=image["width"],
                                height=image["height"],
                                alt=pick(ProductPageState.info["name_en"], ProductPageState.info["name_zh"]),
                                eager=index == 0,
                                style={
                                    "width": "100%",
                                    "height": "auto",
                                    "aspect-ratio": "1",
                                    "object-fit": "cover",
                                    "border-radius": "8px",
                                },
                            ),
                        ),
                        columns="2",
                        spacing="2",
                        width="100%",
                    ),
                    rx.center(
                        rx.icon("package", size=48, color=rx.color("gray", 8)),
                        height="240px",
                        width="100%",
                        background=rx.color("gray", 3),
                        border_radius="8px",
                    ),
                ),
                width="100%",
            ),
            rx.vstack(
                rx.heading(pick(info["name_en"], info["name_zh"]), size="7", id="product-name"),
                rx.badge(name_of(info["category"], CATEGORIES), variant="outline"),
                rx.text(pick(info["description_en"], info["description_zh"]), size="2", white_space="pre-wrap"),
                rx.card(
                    rx.vstack(
                        rx.heading(t("product.sample_terms"), size="4"),
                        rx.cond(
                            info["sample_price"] != "",
                            rx.vstack(
                                rx.text(
                                    t("product.sample_price"),
                                    ": ",
                                    rx.text.strong(info["sample_price"]),
                                    size="3",
                                    id="sample-price",
                                ),
                                rx.text(
                                    t("product.sample_max"), " ", info["sample_max"], " ", t("product.units"), size="2"
                                ),
                                rx.text(
                                    t("product.sample_lead"), " ", info["sample_lead"], " ", t("fac.days"), size="2"
                                ),
                                rx.hstack(
                                    rx.link(
                                        rx.button(
                                            rx.icon("shopping-cart", size=16), t("product.order_sample"), size="3"
                                        ),
                                        href="/orders/new?factory="
                                        + info["factory_slug"]
                                        + "&product="
                                        + ProductPageState.product_id.to_string(),
                                        id="order-sample",
                                    ),
                                    rx.link(
                                        rx.button(rx.icon("video", size=16), t("fac.book"), size="3", variant="soft"),
                                        href="/meeting/new?factory="
                                        + info["factory_slug"]
                                        + "&product="
                                        + ProductPageState.product_id.to_string(),
                                    ),
                                    wrap="wrap",
                                ),
                                spacing="2",
                            ),
                            rx.text(t("prod.no_samples"), size="2", color_scheme="gray"),
                        ),
                        spacing="2",
                        width="100%",
                    ),
                    width="100%",
                ),
                rx.cond(
                    info["price_min"] != "",
                    rx.text(
                        t("product.bulk"),
                        ": ",
                        info["price_min"],
                        rx.cond(info["price_max"] != "", rx.text.span(" – ", info["price_max"])),
                        rx.cond(info["moq"] != "", rx.text.span(" · ", t("product.moq"), " ", info["moq"])),
                        size="2",
                    ),
                ),
                rx.cond(
                    ProductPageState.options.length() > 0,
                    rx.hstack(
                        rx.text(t("product.customization"), ":", size="2"),
                        rx.foreach(ProductPageState.options, lambda o: rx.badge(name_of(o, CUSTOMIZATION))),
                        wrap="wrap",
                    ),
                ),
                spacing="3",
                width="100%",
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="5",
            width="100%",
        ),
        rx.cond(
            ProductPageState.specs.length() > 0,
            rx.vstack(
                rx.heading(t("product.specs"), size="5"),
                rx.table.root(
                    rx.table.body(rx.foreach(ProductPageState.specs, _spec)), width="100%", variant="surface"
                ),
                width="100%",
            ),
        ),
        spacing="4",
        width="100%",
    )


def product_page() -> rx.Component:
    return page(
        rx.cond(ProductPageState.loaded, rx.cond(ProductPageState.missing, _missing(), _product_body()), loading())
    )
