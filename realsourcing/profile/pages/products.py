"""`/dashboard/products` and `/dashboard/products/[id]`: the catalogue and its editor."""

from __future__ import annotations

import reflex as rx

from realsourcing.profile.states.products import ImageView, ProductEditorState, ProductsState, ProductView
from realsourcing.profile.terms import CATEGORIES, CUSTOMIZATION
from realsourcing.ui.dashboard import dashboard_page
from realsourcing.ui.forms import SECOND_CLICK_MS, check_label, field_error, labelled, section, text_area, text_field
from realsourcing.ui.i18n import name_of, pick, t


def _status(status: rx.Var) -> rx.Component:
    return rx.cond(
        status == "published",
        rx.badge(t("prod.published"), color_scheme="green"),
        rx.badge(t("prod.draft"), color_scheme="gray", variant="soft"),
    )


def _confirm_delete(row: ProductView) -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(t("prod.delete"), variant="ghost", color_scheme="red", size="1", class_name="delete-product")
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("prod.delete_ask"), pick(row["name_en"], row["name_zh"]), t("prod.delete_ask_end")),
            rx.alert_dialog.description(t("prod.delete_consequences")),
            rx.flex(
                rx.alert_dialog.cancel(
                    rx.button(t("prod.keep"), variant="soft", color_scheme="gray", class_name="keep-product")
                ),
                rx.alert_dialog.action(
                    rx.button(
                        t("prod.delete_product"),
                        color_scheme="red",
                        on_click=ProductsState.delete(row["id"]),
                        class_name="confirm-delete",
                    )
                ),
                spacing="3",
                justify="end",
                margin_top="1em",
            ),
        ),
    )


def _row(row: ProductView) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.cond(
                row["image_key"] != "",
                rx.image(
                    src=rx.get_upload_url(row["image_key"]),
                    width="72px",
                    height="72px",
                    object_fit="cover",
                    border_radius="6px",
                ),
                rx.center(
                    rx.icon("package", size=24, color=rx.color("gray", 8)),
                    width="72px",
                    height="72px",
                    background=rx.color("gray", 3),
                    border_radius="6px",
                ),
            ),
            rx.vstack(
                rx.hstack(
                    rx.text(pick(row["name_en"], row["name_zh"]), weight="bold"),
                    _status(row["status"]),
                    align="center",
                    wrap="wrap",
                ),
                rx.text(
                    name_of(row["category"], CATEGORIES),
                    " · ",
                    rx.cond(
                        row["sample_price"] != "",
                        rx.text.span(t("prod.sample"), " ", row["sample_price"]),
                        t("prod.no_samples"),
                    ),
                    rx.cond(row["moq"] != "", rx.text.span(" · MOQ ", row["moq"])),
                    size="2",
                    color_scheme="gray",
                ),
                spacing="1",
            ),
            rx.spacer(),
            rx.flex(
                rx.link(
                    rx.button(t("prod.edit"), variant="soft", size="1"),
                    href="/dashboard/products/" + row["id"].to_string(),
                ),
                rx.cond(
                    row["status"] == "published",
                    rx.button(
                        t("prod.unpublish"),
                        variant="soft",
                        color_scheme="gray",
                        size="1",
                        on_click=ProductsState.publish(row["id"], False),
                    ),
                    rx.button(
                        t("prod.publish"),
                        variant="soft",
                        color_scheme="green",
                        size="1",
                        on_click=ProductsState.publish(row["id"], True),
                        class_name="publish",
                    ),
                ),
                rx.button(t("prod.duplicate"), variant="ghost", size="1", on_click=ProductsState.duplicate(row["id"])),
                _confirm_delete(row),
                spacing="2",
                wrap="wrap",
                align="center",
            ),
            direction=rx.breakpoints(initial="column", sm="row"),
            spacing="3",
            align=rx.breakpoints(initial="start", sm="center"),
        ),
        width="100%",
        class_name="product-row",
    )


def dashboard_products_page() -> rx.Component:
    return dashboard_page(
        "products",
        ProductsState.loaded,
        rx.hstack(
            rx.heading(t("prod.title"), size="6"),
            rx.spacer(),
            rx.link(
                rx.button(rx.icon("plus", size=15), t("prod.new")), href="/dashboard/products/new", id="new-product"
            ),
            width="100%",
            align="center",
        ),
        rx.cond(
            ProductsState.rows.length() > 0,
            rx.foreach(ProductsState.rows, _row),
            rx.callout(t("prod.empty"), icon="package", width="100%"),
        ),
    )


V, E = ProductEditorState.values, ProductEditorState.errors


def _f(name: str, **props) -> rx.Component:
    return text_field(f"prod.{name}", name, E.get(name, ""), value=V.get(name, ""), **props)


def _image(image: ImageView) -> rx.Component:
    return rx.box(
        rx.image(
            src=rx.get_upload_url(image["thumb_key"]),
            width="120px",
            height="120px",
            object_fit="cover",
            border_radius="6px",
        ),
        rx.icon_button(
            rx.icon("x", size=12),
            size="1",
            color_scheme="red",
            variant="solid",
            position="absolute",
            top="4px",
            right="4px",
            aria_label=t("media.remove"),
            on_click=ProductEditorState.remove_image(image["id"]),
        ),
        position="relative",
    )


def _images() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("prod.images"), size="4"),
            rx.cond(
                ProductEditorState.product_id == 0,
                rx.text(t("prod.images_after_save"), size="2", color_scheme="gray"),
                rx.vstack(
                    rx.flex(rx.foreach(ProductEditorState.images, _image), spacing="3", wrap="wrap"),
                    rx.upload.root(
                        rx.button(
                            rx.icon("image-plus", size=15),
                            t("media.drop"),
                            variant="soft",
                            type="button",
                            loading=ProductEditorState.uploading,
                            disabled=ProductEditorState.uploading,
                            id="product-images-button",
                        ),
                        id="product-images",
                        accept={"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"]},
                        multiple=True,
                        max_files=10,
                        no_drag=False,
                        on_drop=ProductEditorState.upload_images(rx.upload_files(upload_id="product-images")),
                    ),
                    rx.foreach(
                        ProductEditorState.image_problems,
                        lambda p: rx.callout(p, icon="triangle-alert", color_scheme="red", size="1"),
                    ),
                    spacing="3",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _category() -> rx.Component:
    return labelled(
        "prod.category",
        "category",
        rx.select.root(
            rx.select.trigger(id="category", width="100%", placeholder="—"),
            rx.select.content(*[rx.select.item(pick(en, zh), value=key) for key, (en, zh) in CATEGORIES.items()]),
            value=V.get("category", ""),
            on_change=ProductEditorState.set_category,
            size="3",
        ),
        E.get("category", ""),
    )


def _customization() -> rx.Component:
    return rx.vstack(
        rx.text(t("prod.customization"), weight="medium", size="2"),
        rx.flex(
            *[
                check_label(
                    rx.checkbox(
                        checked=ProductEditorState.customization.contains(key),
                        on_change=lambda _c, key=key: ProductEditorState.toggle_option(key),
                        id=f"opt-{key}",
                    ),
                    pick(en, zh),
                )
                for key, (en, zh) in CUSTOMIZATION.items()
            ],
            spacing="4",
            wrap="wrap",
        ),
        field_error(E.get("customization", ""), "customization-error"),
        grid_column="1 / -1",
    )


def _editor() -> rx.Component:
    return rx.form(
        rx.vstack(
            section(
                "prod.details",
                _f("name_en", required=True),
                _f("name_zh"),
                _category(),
                rx.box(),
                text_area(
                    "prod.description_en",
                    "description_en",
                    E.get("description_en", ""),
                    value=V.get("description_en", ""),
                ),
                text_area(
                    "prod.description_zh",
                    "description_zh",
                    E.get("description_zh", ""),
                    value=V.get("description_zh", ""),
                ),
            ),
            section(
                "prod.bulk",
                _f("price_min", input_mode="decimal"),
                _f("price_max", input_mode="decimal"),
                _f("moq", input_mode="numeric"),
                columns="3",
            ),
            section(
                "prod.sample_terms",
                _f("sample_price", input_mode="decimal"),
                _f("sample_max_qty", input_mode="numeric"),
                _f("sample_lead_time_days", input_mode="numeric"),
                _customization(),
                columns="3",
            ),
            rx.card(
                text_area(
                    "prod.specifications",
                    "specifications",
                    E.get("specifications", ""),
                    value=V.get("specifications", ""),
                    rows="6",
                ),
                width="100%",
            ),
            rx.hstack(
                rx.spacer(),
                rx.button(
                    rx.icon("save", size=15),
                    t("common.save"),
                    type="submit",
                    id="product-save",
                    loading=ProductEditorState.working,
                    disabled=ProductEditorState.working,
                ),
                width="100%",
            ),
            spacing="4",
            width="100%",
        ),
        on_submit=ProductEditorState.save.throttle(SECOND_CLICK_MS),
        width="100%",
    )


def dashboard_product_editor_page() -> rx.Component:
    return dashboard_page(
        "products",
        ProductEditorState.loaded,
        rx.link(
            rx.hstack(rx.icon("arrow-left", size=14), t("prod.back"), align="center"),
            href="/dashboard/products",
            size="2",
        ),
        rx.hstack(
            rx.heading(
                rx.cond(
                    ProductEditorState.product_id == 0, t("prod.new"), pick(V.get("name_en", ""), V.get("name_zh", ""))
                ),
                size="6",
            ),
            rx.cond(ProductEditorState.product_id != 0, _status(V.get("status", "draft"))),
            align="center",
        ),
        _editor(),
        _images(),
    )
