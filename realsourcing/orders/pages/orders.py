"""`/orders/new`, `/orders`, `/orders/[id]`, and the factory's orders in the dashboard."""

from __future__ import annotations

import reflex as rx

from realsourcing.orders.lifecycle import Action, OrderStatus, PaymentMethod
from realsourcing.orders.pricing import CURRENCY, REGIONS
from realsourcing.orders.states.orders import (
    ADDRESS_FIELDS,
    EventRow,
    ItemRow,
    LineView,
    OrderFormState,
    OrderRow,
    OrdersState,
    OrderState,
)
from realsourcing.ui.badges import status_badge_of
from realsourcing.ui.dashboard import dashboard_page
from realsourcing.ui.forms import SECOND_CLICK_MS, field_error, labelled
from realsourcing.ui.i18n import t
from realsourcing.ui.layout import loading, page
from realsourcing.ui.reviews import RATING_LABELS, review_card

STATUS_COLORS = {
    OrderStatus.AWAITING_PAYMENT: "amber",
    OrderStatus.PAID: "green",
    OrderStatus.ACCEPTED: "blue",
    OrderStatus.SHIPPED: "indigo",
    OrderStatus.DELIVERED: "teal",
    OrderStatus.COMPLETED: "gray",
    OrderStatus.CANCELLED: "red",
    OrderStatus.REFUNDED: "orange",
}


def order_status(status: rx.Var) -> rx.Component:
    return status_badge_of(status, "order.status_", STATUS_COLORS, "order-status", fallback="red", size="2")


# ---------------------------------------------------------------- new order


def _line(line: LineView) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(line["name"], weight="medium", size="2"),
            rx.text(line["price"], " · ", t("order.max"), " ", line["max"], size="1", color_scheme="gray"),
            spacing="0",
        ),
        rx.spacer(),
        rx.vstack(
            rx.input(
                type="number",
                min="0",
                max=line["max"].to_string(),
                value=OrderFormState.quantities[line["id"]],
                on_change=lambda v: OrderFormState.set_quantity(line["id"], v),
                width="80px",
                aria_label=t("order.quantity"),
                color_scheme=rx.cond(OrderFormState.errors.contains("qty_" + line["id"]), "red", "gray"),
                variant=rx.cond(OrderFormState.errors.contains("qty_" + line["id"]), "soft", "surface"),
                custom_attrs={
                    "data-product": line["name"],
                    "aria-invalid": rx.cond(OrderFormState.errors.contains("qty_" + line["id"]), "true", "false"),
                },
                class_name="qty",
            ),
            field_error(OrderFormState.errors.get("qty_" + line["id"], ""), "qty-error"),
            align="end",
            spacing="1",
        ),
        width="100%",
        align="center",
    )


def _country_picker() -> rx.Component:
    """A native select: the phone's own picker on mobile, type-ahead with the keyboard on desktop."""
    return rx.el.select(
        rx.el.option(t("order.choose_country"), value="", disabled=True),
        rx.foreach(OrderFormState.country_options, lambda c: rx.el.option(c["label"], value=c["value"])),
        id="ship_country",
        value=OrderFormState.address["country"],
        on_change=lambda v: OrderFormState.set_address_field("country", v),
        autocomplete="country",
        class_name="rs-native-select",
        style={
            "width": "100%",
            "height": "var(--space-6)",
            "padding": "0 var(--space-2)",
            "border_radius": "var(--radius-2)",
            "border": "1px solid var(--gray-a7)",
            "background": "var(--color-surface)",
            "color": "var(--gray-12)",
            "font_size": "var(--font-size-2)",
        },
    )


def _address_field(name: str) -> rx.Component:
    control = (
        _country_picker()
        if name == "country"
        else rx.input(
            id=f"ship_{name}",
            value=OrderFormState.address[name],
            on_change=lambda v: OrderFormState.set_address_field(name, v),
            type="tel" if name == "phone" else "text",
            width="100%",
        )
    )
    return rx.vstack(
        rx.el.label(
            t(f"order.ship_{name}"), html_for=f"ship_{name}", style={"font-size": "13px", "font-weight": "500"}
        ),
        control,
        rx.text(OrderFormState.phone_hint, size="1", color_scheme="gray") if name == "phone" else rx.fragment(),
        field_error(OrderFormState.errors.get(f"ship_{name}", ""), f"ship_{name}-error"),
        spacing="1",
        width="100%",
    )


def _new_order_body() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(t("order.new_title"), size="7"),
            rx.link(OrderFormState.factory_name, href="/factories/" + OrderFormState.factory_slug),
            rx.grid(
                rx.vstack(
                    rx.card(
                        rx.vstack(
                            rx.text(t("order.samples"), weight="bold"),
                            rx.foreach(OrderFormState.lines, _line),
                            field_error(OrderFormState.errors.get("lines", ""), "lines-error"),
                            spacing="3",
                            width="100%",
                        ),
                        width="100%",
                    ),
                    rx.card(
                        rx.vstack(
                            rx.text(t("order.ship_to"), weight="bold"),
                            rx.cond(
                                OrderFormState.saved.length() > 0,
                                rx.select.root(
                                    rx.select.trigger(placeholder=t("order.saved_addresses"), width="100%"),
                                    rx.select.content(
                                        rx.foreach(
                                            OrderFormState.saved, lambda a: rx.select.item(a["label"], value=a["id"])
                                        )
                                    ),
                                    on_change=OrderFormState.use_saved,
                                ),
                            ),
                            rx.grid(
                                *[_address_field(n) for n in ADDRESS_FIELDS],
                                columns=rx.breakpoints(initial="1", sm="2"),
                                spacing="3",
                                width="100%",
                            ),
                            rx.el.label(
                                rx.el.input(type="checkbox", name="save_address", id="save-address"),
                                " ",
                                t("order.save_address"),
                                style={"font-size": "14px"},
                            ),
                            spacing="3",
                            width="100%",
                        ),
                        width="100%",
                    ),
                    rx.card(
                        rx.vstack(
                            rx.text(t("order.notes"), weight="bold"),
                            rx.text_area(name="notes", rows="3", width="100%", placeholder=t("order.notes_help")),
                        ),
                        width="100%",
                    ),
                    spacing="3",
                    width="100%",
                ),
                rx.card(
                    rx.vstack(
                        rx.text(t("order.summary"), weight="bold"),
                        rx.cond(
                            OrderFormState.totals.contains("total"),
                            rx.vstack(
                                rx.hstack(
                                    rx.text(t("order.subtotal")),
                                    rx.spacer(),
                                    rx.text(OrderFormState.totals["subtotal"]),
                                    width="100%",
                                ),
                                rx.hstack(
                                    rx.text(t("order.shipping"), " (", OrderFormState.totals["label"], ")"),
                                    rx.spacer(),
                                    rx.text(OrderFormState.totals["shipping"]),
                                    width="100%",
                                ),
                                rx.separator(size="4"),
                                rx.hstack(
                                    rx.text(t("order.total"), weight="bold"),
                                    rx.spacer(),
                                    rx.text(OrderFormState.totals["total"], weight="bold", id="order-total"),
                                    width="100%",
                                ),
                                rx.text(
                                    t("order.ships_within"),
                                    " ",
                                    OrderFormState.totals["lead"],
                                    " ",
                                    t("fac.days"),
                                    size="1",
                                    color_scheme="gray",
                                ),
                                width="100%",
                            ),
                            rx.text(t("order.summary_help"), size="2", color_scheme="gray"),
                        ),
                        field_error(OrderFormState.errors.get("country", ""), "country-error"),
                        rx.text(t("order.pay_with"), weight="medium", size="2"),
                        rx.radio_group.root(
                            rx.vstack(
                                rx.cond(
                                    OrderFormState.card_payments,
                                    rx.radio_group.item(t("order.card"), value=PaymentMethod.CARD.value, id="pay-card"),
                                ),
                                rx.radio_group.item(
                                    t("order.bank"),
                                    value=PaymentMethod.BANK_TRANSFER.value,
                                    disabled=~OrderFormState.bank_transfer,
                                    id="pay-bank",
                                ),
                            ),
                            value=OrderFormState.payment_method,
                            on_change=OrderFormState.set_payment_method,
                        ),
                        rx.cond(
                            ~OrderFormState.bank_transfer,
                            rx.text(t("order.bank_unavailable"), size="1", color_scheme="gray", id="bank-unavailable"),
                        ),
                        field_error(OrderFormState.errors.get("payment_method", ""), "payment_method-error"),
                        rx.cond(
                            ~OrderFormState.bank_transfer & ~OrderFormState.card_payments,
                            rx.callout(
                                t("order.no_payment"),
                                icon="circle-alert",
                                color_scheme="amber",
                                size="1",
                                id="no-payment",
                            ),
                        ),
                        rx.cond(
                            OrderFormState.message != "",
                            rx.callout(
                                OrderFormState.message,
                                icon="triangle-alert",
                                color_scheme="red",
                                size="1",
                                id="order-message",
                            ),
                        ),
                        rx.button(
                            rx.icon("shopping-cart", size=16),
                            t("order.place"),
                            type="submit",
                            size="3",
                            width="100%",
                            loading=OrderFormState.working,
                            disabled=OrderFormState.working
                            | (~OrderFormState.bank_transfer & ~OrderFormState.card_payments),
                            id="place-order",
                        ),
                        spacing="3",
                        width="100%",
                    ),
                    width="100%",
                ),
                columns=rx.breakpoints(initial="1", md="3fr 2fr"),
                spacing="4",
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=OrderFormState.place.throttle(SECOND_CLICK_MS),
        width="100%",
    )


def new_order_page() -> rx.Component:
    return page(
        rx.cond(
            OrderFormState.loaded,
            rx.cond(OrderFormState.missing, rx.heading(t("notfound.title"), id="notfound-title"), _new_order_body()),
            loading(),
        )
    )


# ---------------------------------------------------------------- lists


def _order_card(row: OrderRow) -> rx.Component:
    return rx.link(
        rx.card(
            rx.flex(
                rx.vstack(
                    rx.hstack(
                        order_status(row["status"]),
                        rx.text(row["reference"], weight="bold"),
                        rx.cond(row["late"], rx.badge(t("order.late"), color_scheme="red")),
                        wrap="wrap",
                        align="center",
                    ),
                    rx.text(
                        rx.cond(row["factory_side"], row["buyer"], row["factory"]),
                        " · ",
                        row["created"],
                        size="2",
                        color_scheme="gray",
                    ),
                    spacing="1",
                ),
                rx.spacer(),
                rx.text(row["total"], weight="bold"),
                align="center",
                spacing="3",
            ),
            width="100%",
            class_name="order-card",
        ),
        href="/orders/" + row["id"].to_string(),
        underline="none",
        color_scheme="gray",
        high_contrast=True,
        width="100%",
    )


def _filter() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(width="220px", id="order-filter"),
        rx.select.content(
            rx.select.item(t("order.all"), value="all"),
            *[rx.select.item(t(f"order.status_{s.value}"), value=s.value) for s in OrderStatus],
        ),
        value=OrdersState.status,
        on_change=OrdersState.set_status,
    )


def _list() -> rx.Component:
    return rx.vstack(
        _filter(),
        rx.cond(
            OrdersState.rows.length() > 0,
            rx.foreach(OrdersState.rows, _order_card),
            rx.callout(t("order.none"), icon="package", width="100%"),
        ),
        spacing="3",
        width="100%",
    )


def orders_page() -> rx.Component:
    return page(
        rx.cond(
            OrdersState.loaded,
            rx.vstack(rx.heading(t("order.title"), size="7"), _list(), spacing="3", width="100%"),
            loading(),
        ),
        width="900px",
    )


def _rates() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.text(t("order.rates"), weight="bold"),
                rx.text(t("order.rates_help"), size="1", color_scheme="gray"),
                *[
                    rx.hstack(
                        rx.text(t(f"order.region_{r}"), size="2", min_width="140px"),
                        rx.input(
                            name=f"label_{r}",
                            default_value=OrdersState.rates.get(f"label_{r}", ""),
                            placeholder="DHL Express, 3-5 days",
                            width="100%",
                        ),
                        rx.input(
                            name=f"fee_{r}",
                            default_value=OrdersState.rates.get(f"fee_{r}", ""),
                            placeholder=CURRENCY,
                            width="110px",
                            aria_label=t(f"order.region_{r}"),
                        ),
                        field_error(OrdersState.rate_errors.get(f"fee_{r}", ""), f"fee_{r}-error"),
                        width="100%",
                        align="center",
                    )
                    for r in REGIONS
                ],
                rx.hstack(rx.spacer(), rx.button(t("common.save"), type="submit", variant="soft"), width="100%"),
                spacing="2",
                width="100%",
            ),
            on_submit=OrdersState.save_rates,
        ),
        width="100%",
    )


def dashboard_orders_page() -> rx.Component:
    return dashboard_page(
        "orders",
        OrdersState.loaded,
        rx.heading(t("order.title_factory"), size="6"),
        rx.cond(OrdersState.is_factory, _rates()),
        _list(),
    )


# ---------------------------------------------------------------- one order


def _item(item: ItemRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            item["name"], rx.cond(item["options"] != "", rx.text(item["options"], size="1", color_scheme="gray"))
        ),
        rx.table.cell(item["quantity"], text_align="right"),
        rx.table.cell(item["price"], text_align="right"),
        rx.table.cell(item["line_total"], text_align="right", class_name="line-total"),
        class_name="order-item",
    )


def _items_table() -> rx.Component:
    right = {"text_align": "right", "white_space": "nowrap"}
    return rx.table.root(
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell(t("order.item")),
                rx.table.column_header_cell(t("order.quantity"), **right),
                rx.table.column_header_cell(t("order.unit_price"), **right),
                rx.table.column_header_cell(t("order.line_total"), **right),
            )
        ),
        rx.table.body(rx.foreach(OrderState.items, _item)),
        width="100%",
        size="1",
    )


def _cancel_dialog() -> rx.Component:
    """Cancelling is confirmed and says why (the other side is told the reason)."""
    return _when_allowed(
        Action.CANCEL,
        rx.alert_dialog.root(
            rx.alert_dialog.trigger(
                rx.button(t("order.cancel"), color_scheme="red", variant="ghost", id="cancel-order"),
            ),
            rx.alert_dialog.content(
                rx.alert_dialog.title(t("order.cancel_title")),
                rx.alert_dialog.description(t("order.cancel_text"), size="2"),
                rx.vstack(
                    rx.text(t("order.cancel_reason"), as_="label", html_for="cancel-reason", size="2", weight="medium"),
                    rx.text_area(
                        value=OrderState.cancel_reason,
                        on_change=OrderState.set_cancel_reason,
                        id="cancel-reason",
                        placeholder=t("order.cancel_reason_help"),
                        max_length=1000,
                        width="100%",
                    ),
                    field_error(OrderState.errors.get("reason", ""), "cancel-reason-error"),
                    width="100%",
                    spacing="1",
                    margin_top="0.75em",
                ),
                rx.flex(
                    rx.alert_dialog.cancel(rx.button(t("order.keep"), variant="soft", color_scheme="gray")),
                    rx.button(
                        t("order.cancel_confirm"),
                        color_scheme="red",
                        on_click=OrderState.confirm_cancel.throttle(SECOND_CLICK_MS),
                        loading=OrderState.cancelling,
                        id="confirm-cancel",
                    ),
                    spacing="3",
                    justify="end",
                    margin_top="1em",
                    wrap="wrap",
                ),
            ),
            open=OrderState.cancel_open,
            on_open_change=OrderState.set_cancel_open,
        ),
    )


def _event(row: EventRow) -> rx.Component:
    return rx.hstack(
        rx.text(row["when"], size="1", color_scheme="gray", min_width="150px"),
        order_status(row["status"]),
        rx.text(row["who"], size="1", weight="medium"),
        rx.text(row["text"], size="1"),
        rx.cond(row["note"] != "", rx.text("“", row["note"], "”", size="1", color_scheme="gray")),
        wrap="wrap",
        align="center",
        class_name="timeline-row",
    )


def _when_allowed(action: Action, component: rx.Component) -> rx.Component:
    """Shown only when the lifecycle offers this action to the viewer now (OrderState.actions)."""
    return rx.cond(OrderState.actions.contains(action.value), component)


def _action_button(action: Action, label: str, button_id: str, *icon: rx.Component, **style) -> rx.Component:
    return _when_allowed(
        action, rx.button(*icon, t(label), on_click=OrderState.change(action.value), id=button_id, **style)
    )


def _switch_button(action: Action, label: str, button_id: str, icon: str) -> rx.Component:
    """Changing how the buyer pays: one click at a time, the button busy until the server answers."""
    return _when_allowed(
        action,
        rx.button(
            rx.icon(icon, size=15),
            t(label),
            on_click=OrderState.switch_method(action.value).throttle(SECOND_CLICK_MS),
            loading=OrderState.switching,
            disabled=OrderState.switching,
            variant="outline",
            id=button_id,
        ),
    )


def _ship_form() -> rx.Component:
    """Carrier and tracking number, each with its label (the placeholder alone disappears once typed)."""
    return _when_allowed(
        Action.SHIP,
        rx.vstack(
            labelled(
                "order.carrier",
                "carrier-choice",
                rx.select.root(
                    rx.select.trigger(placeholder=t("order.carrier"), id="carrier-choice", width="100%"),
                    rx.select.content(
                        rx.foreach(OrderState.carrier_options, lambda c: rx.select.item(c["label"], value=c["value"])),
                        rx.select.item(t("order.carrier_other"), value="other"),
                    ),
                    value=OrderState.carrier_choice,
                    on_change=OrderState.set_carrier_choice,
                ),
            ),
            rx.cond(
                OrderState.carrier_choice == "other",
                labelled(
                    "order.carrier_name",
                    "carrier",
                    rx.input(
                        placeholder=t("order.carrier_name"),
                        value=OrderState.carrier,
                        on_change=OrderState.set_carrier,
                        id="carrier",
                        width="100%",
                    ),
                ),
            ),
            labelled(
                "order.tracking",
                "tracking",
                rx.input(
                    placeholder=t("order.tracking"),
                    value=OrderState.tracking,
                    on_change=OrderState.set_tracking,
                    id="tracking",
                    width="100%",
                ),
            ),
            rx.button(
                rx.icon("truck", size=15),
                t("order.ship"),
                on_click=OrderState.change(Action.SHIP.value),
                id="ship-order",
            ),
            width="100%",
        ),
    )


def _order_actions() -> rx.Component:
    refund = {"color_scheme": "orange", "variant": "soft"}
    return rx.card(
        rx.vstack(
            _action_button(Action.PAY, "order.pay_again", "pay-again", rx.icon("credit-card", size=15)),
            _switch_button(Action.SWITCH_TO_BANK_TRANSFER, "order.pay_by_bank_instead", "switch-to-bank", "landmark"),
            _when_allowed(
                Action.SWITCH_TO_BANK_TRANSFER, rx.text(t("order.switch_help"), size="1", color_scheme="gray")
            ),
            _action_button(Action.MARK_PAID, "order.mark_paid", "mark-paid", color_scheme="green"),
            _action_button(Action.ACCEPT, "order.accept", "accept-order", color_scheme="green"),
            _ship_form(),
            _action_button(Action.REFUND_BANK, "order.refund", "refund-order", **refund),
            _action_button(Action.REFUND_CARD, "order.refund", "refund-order", **refund),
            _action_button(Action.DELIVERED, "order.delivered", "mark-delivered"),
            _action_button(Action.COMPLETE, "order.complete", "complete-order"),
            _cancel_dialog(),
            rx.cond(OrderState.message != "", rx.text(OrderState.message, color_scheme="red", size="2", role="alert")),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _document_link(href: rx.Var, key: str, element_id: str) -> rx.Component:
    return rx.link(
        rx.button(rx.icon("file-down", size=15), t(key), size="2", variant="soft", width="100%"),
        href=href,
        reload_document=True,  # a file from the backend, not a page of the app
        width="100%",
        id=element_id,
    )


def _documents() -> rx.Component:
    """The proforma invoice from the start; the receipt once the money is in (the server decides both)."""
    base = "/api/orders/" + OrderState.order["id"]
    return rx.card(
        rx.vstack(
            rx.text(t("order.documents"), weight="bold", size="2"),
            _document_link(base + "/proforma.pdf", "order.download_proforma", "download-proforma"),
            rx.cond(
                OrderState.receipt_ready,
                _document_link(base + "/receipt.pdf", "order.download_receipt", "download-receipt"),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        id="order-documents",
    )


def _bank_row(row: dict) -> rx.Component:
    return rx.flex(
        rx.text(row["label"], size="2", color_scheme="gray", min_width="9em"),
        rx.text(row["value"], size="2", weight="bold", style={"overflow-wrap": "anywhere"}),
        direction=rx.breakpoints(initial="column", sm="row"),
        spacing=rx.breakpoints(initial="0", sm="3"),
        align="start",
        width="100%",
    )


def _bank_details() -> rx.Component:
    """Where the buyer sends a bank transfer: the factory's checked details, the reference, any recent change."""
    o = OrderState.order
    return rx.callout(
        rx.vstack(
            rx.cond(
                o["bank_changed"] != "",
                rx.callout(
                    o["bank_changed"], icon="triangle-alert", color_scheme="red", size="1", id="bank-changed-notice"
                ),
            ),
            rx.cond(
                OrderState.bank_rows.length() > 0,
                rx.vstack(
                    rx.text(t("order.bank_help"), weight="bold"),
                    rx.foreach(OrderState.bank_rows, _bank_row),
                    rx.text(o["bank_reference"], weight="medium", id="bank-reference"),
                    rx.text(t("order.bank_holder_note"), size="1", color_scheme="gray"),
                    spacing="1",
                    width="100%",
                    id="bank-details",
                ),
                rx.text(t("order.bank_not_set"), weight="medium", id="bank-not-set"),
            ),
            _switch_button(Action.SWITCH_TO_CARD, "order.pay_by_card_instead", "switch-to-card", "credit-card"),
            width="100%",
        ),
        icon="landmark",
        size="1",
        id="bank-instructions",
        width="100%",
    )


def _order_body() -> rx.Component:
    o = OrderState.order
    return rx.vstack(
        rx.hstack(
            order_status(o["status"]),
            rx.heading(o["reference"], size="7", id="order-reference"),
            rx.cond(OrderState.late, rx.badge(t("order.late"), color_scheme="red", id="late-badge")),
            align="center",
            wrap="wrap",
        ),
        rx.text(o["factory"], " × ", o["buyer"], size="2"),
        rx.cond(
            OrderState.confirming_payment,
            rx.callout(t("order.confirming"), icon="loader", size="1", id="confirming-payment"),
        ),
        rx.cond(
            OrderState.checkout_cancelled & OrderState.actions.contains(Action.PAY.value),
            rx.callout(
                t("order.checkout_cancelled"),
                icon="circle-alert",
                color_scheme="amber",
                size="1",
                id="checkout-cancelled",
            ),
        ),
        rx.cond(
            OrderState.show_bank_details,
            _bank_details(),
        ),
        rx.cond(
            o["tracking"] != "",
            rx.callout(
                rx.text(
                    t("order.tracking"),
                    ": ",
                    o["carrier"],
                    " ",
                    rx.cond(
                        o["tracking_url"] != "",
                        rx.link(
                            rx.code(o["tracking"]),
                            " ",
                            rx.icon("external-link", size=12),
                            href=o["tracking_url"],
                            is_external=True,
                            rel="noopener noreferrer",
                            id="tracking-link",
                        ),
                        rx.code(o["tracking"]),
                    ),
                ),
                icon="truck",
                size="1",
                id="tracking-info",
            ),
        ),
        rx.grid(
            rx.vstack(
                rx.card(_items_table(), width="100%"),
                rx.card(
                    rx.vstack(
                        rx.hstack(rx.text(t("order.subtotal")), rx.spacer(), rx.text(o["subtotal"]), width="100%"),
                        rx.hstack(
                            rx.text(t("order.shipping"), " (", o["shipping_label"], ")"),
                            rx.spacer(),
                            rx.text(o["shipping"]),
                            width="100%",
                        ),
                        rx.hstack(
                            rx.text(t("order.total"), weight="bold"),
                            rx.spacer(),
                            rx.text(o["total"], weight="bold"),
                            width="100%",
                        ),
                        rx.text(t("order.ship_to"), ": ", o["ship_to"], size="1", color_scheme="gray"),
                        rx.cond(
                            o["ship_phone"] != "",
                            rx.text(
                                t("order.ship_phone"),
                                ": ",
                                o["ship_phone"],
                                size="1",
                                color_scheme="gray",
                                id="ship-phone",
                            ),
                        ),
                        rx.cond(
                            o["buyer_notes"] != "",
                            rx.box(
                                rx.text(t("order.buyer_notes"), size="1", weight="bold"),
                                rx.text(o["buyer_notes"], size="2", white_space="pre-wrap"),
                                id="buyer-notes",
                                width="100%",
                            ),
                        ),
                        rx.cond(
                            o["promised"] != "",
                            rx.text(t("order.promised"), " ", o["promised"], size="1", color_scheme="gray"),
                        ),
                        width="100%",
                    ),
                    width="100%",
                ),
                rx.card(
                    rx.vstack(
                        rx.text(t("order.timeline"), weight="bold"),
                        rx.foreach(OrderState.timeline, _event),
                        spacing="1",
                    ),
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
            rx.vstack(
                # No empty card once nothing is left to do (a completed or refunded order).
                rx.cond((OrderState.actions.length() > 0) | (OrderState.message != ""), _order_actions()),
                _review_section(),
                _documents(),
                spacing="3",
                width="100%",
            ),
            columns=rx.breakpoints(initial="1", md="3fr 2fr"),
            spacing="4",
            width="100%",
        ),
        spacing="3",
        width="100%",
    )


def _rating_group(name: str, label_key: str) -> rx.Component:
    """One 1-5 rating as a labelled radio group (arrow keys move within it)."""
    return rx.vstack(
        rx.text(t(label_key), size="2", weight="medium", id=f"rating-{name}-label"),
        rx.radio_group.root(
            rx.flex(
                *(
                    rx.el.label(
                        rx.radio_group.item(value=str(n), id=f"rating-{name}-{n}"),
                        rx.text(str(n), size="2"),
                        style={"display": "flex", "gap": "4px", "align-items": "center", "cursor": "pointer"},
                    )
                    for n in range(1, 6)
                ),
                spacing="4",
                wrap="wrap",
            ),
            value=OrderState.ratings.get(name, ""),
            on_change=lambda v: OrderState.set_rating(name, v),
            aria_labelledby=f"rating-{name}-label",
            aria_invalid=rx.cond(OrderState.review_errors.get(f"rating_{name}", "") != "", "true", "false"),
            id=f"rating-{name}",
        ),
        field_error(OrderState.review_errors.get(f"rating_{name}", ""), f"rating_{name}-error"),
        spacing="1",
    )


def _review_form() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(t("review.rate_title"), size="4"),
            rx.text(t("review.rate_help"), size="2", color_scheme="gray"),
            *(_rating_group(name, key) for name, key in RATING_LABELS),
            rx.el.label(t("review.text"), html_for="review-text", style={"font-weight": "500", "font-size": "14px"}),
            rx.text_area(
                value=OrderState.review_text,
                on_change=OrderState.set_review_text,
                id="review-text",
                placeholder=t("review.text_help"),
                max_length=2000,
                rows="4",
                width="100%",
                aria_invalid=rx.cond(OrderState.review_errors.get("text", "") != "", "true", "false"),
            ),
            field_error(OrderState.review_errors.get("text", ""), "text-error"),
            field_error(OrderState.review_errors.get("form", ""), "review-form-error"),
            rx.button(
                t("review.submit"),
                on_click=OrderState.submit_review.throttle(SECOND_CLICK_MS),
                loading=OrderState.reviewing,
                disabled=OrderState.reviewing,
                id="submit-review",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="review-form",
    )


def _answer_form() -> rx.Component:
    return rx.vstack(
        rx.text(t("review.answer_title"), weight="bold", size="2"),
        rx.text(t("review.answer_help"), size="1", color_scheme="gray"),
        rx.text_area(
            value=OrderState.answer_text,
            on_change=OrderState.set_answer_text,
            id="review-answer",
            max_length=2000,
            rows="3",
            width="100%",
            aria_label=t("review.answer_title"),
            aria_invalid=rx.cond(OrderState.review_errors.get("answer", "") != "", "true", "false"),
        ),
        field_error(OrderState.review_errors.get("answer", ""), "answer-error"),
        rx.button(
            t("review.answer_submit"),
            on_click=OrderState.submit_answer.throttle(SECOND_CLICK_MS),
            loading=OrderState.answering,
            disabled=OrderState.answering,
            id="submit-answer",
        ),
        spacing="2",
        width="100%",
        id="answer-form",
    )


def _review_section() -> rx.Component:
    return rx.cond(
        OrderState.review.length() > 0,
        rx.vstack(
            rx.text(rx.cond(OrderState.factory_side, t("review.buyers"), t("review.yours")), weight="bold"),
            review_card(OrderState.review),
            rx.cond(OrderState.can_answer, _answer_form()),
            spacing="2",
            width="100%",
            id="order-review",
        ),
        rx.cond(OrderState.can_review, _review_form()),
    )


def order_page() -> rx.Component:
    return page(
        rx.cond(
            OrderState.loaded,
            rx.cond(OrderState.missing, rx.heading(t("order.not_yours"), size="5", id="not-your-order"), _order_body()),
            loading(),
        )
    )
