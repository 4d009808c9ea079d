"""Ordering samples, the orders list, one order (with its timeline), and the factory's shipping fees."""

from __future__ import annotations

from functools import partial
from typing import TypedDict

import reflex as rx

from realsourcing.accounts.identity import CurrentUser
from realsourcing.core import idempotency, places, timefmt
from realsourcing.core.errors import PermissionDenied, ValidationFailed
from realsourcing.core.money import format_money
from realsourcing.core.offload import run_cpu
from realsourcing.orders import carriers, events, invoices, reviews
from realsourcing.orders import service as orders
from realsourcing.orders.lifecycle import Action, OrderRefused, PaymentMethod
from realsourcing.orders.pricing import REGIONS
from realsourcing.orders.row_ids import row_id
from realsourcing.orders.service import Address, Line
from realsourcing.orders.stripe_gateway import PaymentUnavailable, StripeGateway
from realsourcing.ui.session import SessionState, refusals_shown

ADDRESS_FIELDS = ("name", "company", "country", "line1", "line2", "city", "region", "postal_code", "phone")


class LineView(TypedDict):
    id: str
    name: str
    price: str
    max: int


class OrderFormState(SessionState):
    loaded: bool = False
    missing: bool = False
    factory_slug: str = ""
    factory_name: str = ""
    lines: list[LineView] = []
    quantities: dict[str, str] = {}
    address: dict[str, str] = {}
    saved: list[dict[str, str]] = []
    payment_method: str = PaymentMethod.BANK_TRANSFER.value
    card_payments: bool = False
    bank_transfer: bool = False  # the factory set its bank details
    totals: dict[str, str] = {}
    errors: dict[str, str] = {}
    message: str = ""
    working: bool = False  # "Place order" shows a spinner and takes no click while placing
    _factory_id: int = 0
    _meeting_id: int = 0
    _webinar_id: int = 0
    _order_key: idempotency.FormKey = idempotency.FormKey()  # one order per key, however often it is submitted
    _checkout_url: str = ""  # where the card checkout of the order placed with _order_key sent the buyer

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded, self.missing, self.errors, self.message, self.totals = False, False, {}, "", {}
        self.working, user, params = False, self.user(), self.router.url.query_parameters
        if (key := self._order_key.opened(f"{self.router.url.path}?{self.router.url.query}")) != self._order_key:
            self._order_key, self._checkout_url = key, ""  # a new key: no order placed with it yet
        self._show_form(orders.order_form(str(params.get("factory", ""))), str(params.get("product", "")))
        self._remember_origin(str(params.get("meeting", "")), str(params.get("webinar", "")))
        self._prefill_address(user)
        self._reprice()
        self.loaded = True

    def _show_form(self, form: orders.OrderForm, wanted_product: str) -> None:
        self._factory_id, self.factory_slug = form.factory_id, form.factory_slug
        self.factory_name = orders.name_for_reader(form.factory_name, form.factory_name_zh, self.lang)
        self.lines = [
            LineView(id=str(i), name=n, price=format_money(c, form.currency, self.lang), max=m)
            for i, n, c, m in form.products
        ]
        self.quantities = {line["id"]: "1" if line["id"] == wanted_product else "0" for line in self.lines}
        self.card_payments, self.bank_transfer = form.card_payments, form.bank_transfer
        self.payment_method = (
            PaymentMethod.CARD if form.card_payments or not form.bank_transfer else PaymentMethod.BANK_TRANSFER
        ).value

    def _remember_origin(self, meeting: str, webinar: str) -> None:
        """The meeting or webinar that led here (the service keeps it only if the buyer took part in it)."""
        self._meeting_id = row_id(meeting) or 0
        self._webinar_id = row_id(webinar) or 0

    def _prefill_address(self, user: CurrentUser) -> None:
        self.saved = [
            {"id": str(i), "label": f"{a.name}, {a.line1}, {a.city} ({a.country})", **vars(a)}
            for i, a in orders.saved_addresses(user)
        ]
        self.address = {k: "" for k in ADDRESS_FIELDS} | (
            {k: self.saved[0][k] for k in ADDRESS_FIELDS}
            if self.saved
            else {"name": user.full_name, "company": user.company_name}
        )

    def _lines(self) -> list[Line]:
        offered = {line["id"] for line in self.lines}  # the client may send any key: only this form's products
        return [
            Line(int(pid), int(q))
            for pid, q in self.quantities.items()
            if pid in offered and str(q).isascii() and str(q).isdigit() and int(q) > 0
        ]

    def _reprice(self) -> None:
        self.totals = {}
        country = self.address.get("country", "").strip().upper()
        if not self._lines() or len(country) != 2:
            return
        try:
            priced = orders.preview(self._factory_id, self._lines(), country)
        except ValidationFailed as exc:
            self.errors = {k: self.tr(v) for k, v in exc.field_errors.items()}
            return
        self.errors = {}
        money = partial(format_money, currency=priced.currency, language=self.lang)
        self.totals = {
            "subtotal": money(priced.subtotal_cents),
            "shipping": money(priced.shipping_cents),
            "total": money(priced.total_cents),
            "label": priced.shipping_label,
            "lead": str(priced.lead_time_days),
        }

    @rx.event
    def set_quantity(self, product_id: str, value: str):
        if str(product_id) not in self.quantities:
            return  # not a product of this form
        text = str(value).strip()[:3]
        self.quantities = {**self.quantities, str(product_id): text}
        self.errors = {k: v for k, v in self.errors.items() if k != f"qty_{product_id}"}
        self._reprice()
        # Shown at the field at once, before a country is chosen (the service checks again when pricing).
        most = next((line["max"] for line in self.lines if line["id"] == str(product_id)), 0)
        if text and not (text.isascii() and text.isdigit()):
            self.errors = {**self.errors, f"qty_{product_id}": self.tr("err.quantity_number")}
        elif text and int(text) > max(1, most):
            self.errors = {**self.errors, f"qty_{product_id}": self.tr("err.sample_limit")}

    @rx.var
    def country_options(self) -> list[dict[str, str]]:
        return [{"value": code, "label": name} for code, name in places.country_choices(self.lang)]

    @rx.var
    def phone_hint(self) -> str:
        example = places.example_phone(self.address.get("country", ""))
        return self.tr("order.phone_example", example=example) if example else self.tr("order.phone_help")

    @rx.event
    def set_address_field(self, name: str, value: str):
        if name in ADDRESS_FIELDS:
            self.address = {**self.address, name: str(value)[:200]}
            if name == "country":
                self._reprice()

    @rx.event
    def use_saved(self, address_id: str):
        chosen = next((a for a in self.saved if a["id"] == address_id), None)
        if chosen:
            self.address = {k: chosen[k] for k in ADDRESS_FIELDS}
            self._reprice()

    @rx.event
    def set_payment_method(self, value: str):
        if (value == PaymentMethod.BANK_TRANSFER and self.bank_transfer) or (
            value == PaymentMethod.CARD and self.card_payments
        ):
            self.payment_method = value

    @rx.event
    def place(self, form: dict):
        self.working = True
        yield  # the button shows it is working before the order is priced and stored
        try:
            yield self._place(form)
        finally:
            self.working = False

    @refusals_shown
    def _place(self, form: dict):
        user = self.user()
        self.message = ""
        try:
            order_id = orders.create_order(
                user,
                self._factory_id,
                self._lines(),
                Address(**{k: self.address.get(k, "") for k in ADDRESS_FIELDS}),
                payment_method=self.payment_method,
                notes=str(form.get("notes", "")),
                save_address=bool(form.get("save_address")),
                origin_meeting_id=self._meeting_id or None,
                origin_webinar_id=self._webinar_id or None,
                key=self._order_key.key,
            )
        except ValidationFailed as exc:
            self.errors = {k: self.tr(v) for k, v in exc.field_errors.items()}
            self.message = self.tr(exc.key)
            return
        except OrderRefused as exc:
            self.message = self.explain(exc)
            return
        self._order_key = self._order_key.used_for(order_id)
        if self.payment_method != PaymentMethod.CARD:
            return rx.redirect(f"/orders/{order_id}")
        if not self._checkout_url:  # a repeated submit goes where the first went, not to a second checkout
            try:
                checkout = orders.act(user, order_id, Action.PAY, gateway=StripeGateway.from_settings())
            except (PaymentUnavailable, OrderRefused) as exc:  # the order exists: show it, with the reason
                return [rx.redirect(f"/orders/{order_id}"), rx.toast.error(self.explain(exc))]
            self._checkout_url = checkout or f"/orders/{order_id}"
        return rx.redirect(self._checkout_url, is_external=False)


class OrderRow(TypedDict):
    id: int
    reference: str
    status: str
    factory: str
    buyer: str
    total: str
    created: str
    late: bool
    factory_side: bool


def _row(v: orders.OrderView, language: str, zone: str) -> OrderRow:
    return OrderRow(
        id=v.id,
        reference=v.reference,
        status=v.status,
        factory=orders.name_for_reader(v.factory_name, v.factory_name_zh, language),
        buyer=v.buyer_name,
        total=format_money(v.total_cents, v.currency, language),
        created=timefmt.day(v.created_at, zone, language),
        late=v.late,
        factory_side=v.is_factory_side,
    )


class OrdersState(SessionState):
    loaded: bool = False
    rows: list[OrderRow] = []
    status: str = "all"
    rates: dict[str, str] = {}
    rate_errors: dict[str, str] = {}
    is_factory: bool = False

    def _reload(self) -> None:
        user = self.user()
        wanted = "" if self.status == "all" else self.status
        self.rows = [_row(v, self.lang, user.timezone) for v in orders.my_orders(user, wanted)]
        self.is_factory = user.is_factory_member
        if self.is_factory:
            try:
                current = orders.shipping_rates(user)
            except PermissionDenied:  # a factory account that is no longer a member: its orders only
                self.is_factory, current = False, {}
            self.rates = {
                **{f"label_{r}": label for r, (label, _fee) in current.items()},
                **{f"fee_{r}": fee for r, (_label, fee) in current.items()},
            }
        self.loaded = True

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded = False
        self._reload()

    @rx.event
    @refusals_shown
    def set_status(self, value: str):
        self.status = value
        self._reload()

    @rx.event
    @refusals_shown
    def save_rates(self, form: dict):
        user = self.user()
        try:
            orders.save_shipping_rates(
                user, {r: (str(form.get(f"label_{r}", "")), str(form.get(f"fee_{r}", ""))) for r in REGIONS}
            )
        except ValidationFailed as exc:
            self.rate_errors = {k: self.tr(v) for k, v in exc.field_errors.items()}
            return
        self.rate_errors = {}
        self._reload()
        return rx.toast.success(self.tr("avail.saved"))


class EventRow(TypedDict):
    when: str
    status: str
    who: str
    text: str
    note: str


class ItemRow(TypedDict):
    name: str
    quantity: int
    price: str
    line_total: str
    options: str


class OrderState(SessionState):
    loaded: bool = False
    missing: bool = False
    order: dict[str, str] = {}
    factory_side: bool = False
    late: bool = False
    confirming_payment: bool = False
    show_bank_details: bool = False
    receipt_ready: bool = False  # paid (or later): the receipt can be downloaded
    bank_rows: list[dict[str, str]] = []  # where to send the transfer (label, value); [] when not set
    actions: list[str] = []
    items: list[ItemRow] = []
    timeline: list[EventRow] = []
    carrier_choice: str = ""  # a known carrier's code, or carriers.OTHER
    carrier: str = ""  # typed by the factory when the carrier is not in the list
    tracking: str = ""
    message: str = ""
    cancel_open: bool = False
    cancel_reason: str = ""
    cancelling: bool = False
    switching: bool = False  # "Pay by … instead" shows a spinner and takes no click while switching
    checkout_cancelled: bool = False  # back from the hosted checkout by its cancel link
    errors: dict[str, str] = {}
    # Reviewing (orders/reviews.py): the buyer's form on a completed paid order, the review, the factory's answer
    can_review: bool = False
    can_answer: bool = False
    review: dict[str, str] = {}  # {} : no review yet
    ratings: dict[str, str] = {}  # rating name -> "1".."5"
    review_text: str = ""
    answer_text: str = ""
    review_errors: dict[str, str] = {}
    reviewing: bool = False  # "Publish review" takes no click while publishing
    answering: bool = False
    _review_key: idempotency.FormKey = idempotency.FormKey()

    def _show(self, v: orders.OrderView, zone: str) -> None:
        money = partial(format_money, currency=v.currency, language=self.lang)
        self.order = {
            "id": str(v.id),
            "reference": v.reference,
            "status": v.status,
            "factory": orders.name_for_reader(v.factory_name, v.factory_name_zh, self.lang),
            "factory_slug": v.factory_slug,
            "buyer": v.buyer_name,
            "subtotal": money(v.subtotal_cents),
            "shipping": money(v.shipping_cents),
            "total": money(v.total_cents),
            "shipping_label": v.shipping_label,
            "ship_to": v.ship_to,
            "ship_phone": v.ship_phone,
            "buyer_notes": v.buyer_notes,
            "carrier": carriers.display_name(v.carrier, self.lang),
            "tracking": v.tracking_number,
            "tracking_url": carriers.tracking_link(v.carrier, v.tracking_number),
            "promised": timefmt.calendar_day(v.promised_ship_by, self.lang) if v.promised_ship_by else "",
            "bank_reference": self.tr("order.bank_reference", reference=v.reference),
            "bank_changed": self.tr("order.bank_changed", when=timefmt.moment(v.bank_changed_at, zone, self.lang))
            if v.bank_changed_at
            else "",
        }
        self.bank_rows = (
            [{"label": label, "value": value} for label, value in v.bank.lines(self.lang)] if v.bank else []
        )
        self.factory_side, self.late, self.actions = v.is_factory_side, v.late, [a.value for a in v.actions]
        self.confirming_payment = (
            v.awaiting_payment and v.has_checkout and not v.is_factory_side and not self.checkout_cancelled
        )
        self.show_bank_details = v.awaiting_payment and v.payment_method == PaymentMethod.BANK_TRANSFER
        self.receipt_ready = invoices.has_receipt(v.status)
        self.items = [
            ItemRow(name=n, quantity=q, price=money(c), line_total=money(q * c), options=o) for n, q, c, o in v.items
        ]
        self.timeline = [self._event_row(e, zone) for e in v.timeline]

    def _event_row(self, e: orders.TimelineEntry, zone: str) -> EventRow:
        key, params = events.message(e.kind, e.data, self.lang)
        return EventRow(
            when=timefmt.moment(e.when, zone, self.lang),
            status=e.status,
            who=self.tr(f"order.by_{e.by}"),
            text=self.tr(key, **params),
            note=events.note_of(e.data),
        )

    def _order_id(self) -> int:
        """The order id in the path (0, which no order has, when it is not one)."""
        return row_id(self.path_segment(1)) or 0

    @rx.event
    @refusals_shown
    def open(self):
        self.loaded, self.missing, self.message = False, False, ""
        self.switching = False
        # Only what the page says: whether the order is paid comes from the server, never from the link.
        self.checkout_cancelled = self.router.url.query_parameters.get("cancelled") == "1"
        try:
            user = self.user()
            self._show(orders.view(user, self._order_id()), user.timezone)
            self._show_review(reviews.for_order(user, self._order_id()))
        except PermissionDenied:
            self.missing = True  # someone else's order looks like no order at all
        self.loaded = True

    @rx.var
    def carrier_options(self) -> list[dict[str, str]]:
        return [{"value": c.code, "label": c.name(self.lang)} for c in carriers.CARRIERS]

    @rx.event
    def set_carrier_choice(self, value: str):
        value = str(value)
        self.carrier_choice = value if value in carriers.BY_CODE or value == carriers.OTHER else ""

    @rx.event
    def set_carrier(self, value: str):
        self.carrier = str(value)[:60]

    @rx.event
    def set_tracking(self, value: str):
        self.tracking = str(value)[:80]

    @rx.event
    def set_cancel_open(self, open_: bool):
        self.cancel_open, self.errors = bool(open_), {}
        if not open_:
            self.cancel_reason = ""

    @rx.event
    def set_cancel_reason(self, value: str):
        self.cancel_reason = str(value)[:1000]
        self.errors = {}

    @rx.event
    @refusals_shown
    def confirm_cancel(self):
        """Cancelling asks why: the reason goes to the other side with the news."""
        user, order_id = self.user(), self._order_id()
        self.cancelling = True
        try:
            orders.act(user, order_id, Action.CANCEL.value, note=self.cancel_reason)
        except ValidationFailed as exc:
            self.errors = {f: self.tr(key) for f, key in exc.field_errors.items()}
            return
        except OrderRefused as exc:
            self.cancel_open, self.message = False, self.explain(exc)
            return
        finally:
            self.cancelling = False
        self.cancel_open, self.cancel_reason, self.message = False, "", ""
        self._show(orders.view(user, order_id), user.timezone)
        return rx.toast.success(self.tr("order.cancelled_toast"))

    @rx.event
    @refusals_shown
    def change(self, action: str):
        user, order_id = self.user(), self._order_id()
        try:
            next_url = orders.act(
                user,
                order_id,
                action,
                carrier=self.carrier if self.carrier_choice == carriers.OTHER else self.carrier_choice,
                tracking=self.tracking,
                gateway=StripeGateway.from_settings(),
            )
        except (OrderRefused, ValidationFailed, PaymentUnavailable) as exc:
            self.message = self.explain(exc)  # shown beside the buttons
            return
        if next_url:
            return rx.redirect(next_url)
        self.message = ""
        self._show(orders.view(user, order_id), user.timezone)
        return rx.toast.success(self.tr("meet.updated"))

    @rx.event
    def switch_method(self, action: str):
        """ "Pay by bank transfer instead" / "Pay by card instead" (the latter goes on to the hosted checkout)."""
        if self.switching:
            return
        self.switching = True
        yield  # the button shows it is working before Stripe is called
        try:
            yield self._switch(str(action))
        finally:
            self.switching = False

    @refusals_shown
    def _switch(self, action: str):
        if action not in (Action.SWITCH_TO_BANK_TRANSFER, Action.SWITCH_TO_CARD):
            return None  # every other action goes through `change`
        user, order_id = self.user(), self._order_id()
        try:
            next_url = orders.act(user, order_id, action, gateway=StripeGateway.from_settings())
        except (OrderRefused, PaymentUnavailable) as exc:
            self.message = self.explain(exc)  # shown beside the buttons
            self._show(orders.view(user, order_id), user.timezone)  # e.g. switched to card, checkout not opened
            return None
        if next_url:
            return rx.redirect(next_url)
        self.message, self.checkout_cancelled = "", False
        self._show(orders.view(user, order_id), user.timezone)
        return rx.toast.success(self.tr("order.switched_toast"))

    def _show_review(self, box: reviews.OrderReviewBox) -> None:
        self.can_review, self.can_answer, self.review_errors = box.can_review, box.can_answer, {}
        self.reviewing = self.answering = False
        if box.can_review:
            self._review_key = self._review_key.opened(f"/orders/{self._order_id()}/review")
        self.review = reviews.shown(box.review) if box.review is not None else {}

    @rx.event
    def set_rating(self, name: str, value: str):
        if name in reviews.RATINGS and str(value) in {"1", "2", "3", "4", "5"}:
            self.ratings = {**self.ratings, name: str(value)}
            self.review_errors = {k: v for k, v in self.review_errors.items() if k != f"rating_{name}"}

    @rx.event
    def set_review_text(self, value: str):
        self.review_text = str(value)[: reviews.MAX_TEXT + 100]
        self.review_errors = {k: v for k, v in self.review_errors.items() if k != "text"}

    @rx.event
    def set_answer_text(self, value: str):
        self.answer_text = str(value)[: reviews.MAX_TEXT + 100]
        self.review_errors = {k: v for k, v in self.review_errors.items() if k != "answer"}

    @rx.event
    async def submit_review(self):
        if self.reviewing:
            return
        self.reviewing = True
        yield  # the button shows it is working before the review is stored
        try:
            async for event in self._submit_review():
                yield event
        finally:
            self.reviewing = False

    @refusals_shown
    async def _submit_review(self):
        user, order_id = self.user(), self._order_id()
        try:
            review_id = await run_cpu(
                reviews.create_review,
                user,
                order_id,
                dict(self.ratings),
                self.review_text,
                key=self._review_key.key,
                language=self.lang,
            )
        except ValidationFailed as exc:
            self.review_errors = {k: self.tr(v) for k, v in exc.field_errors.items()}
            return
        except reviews.ReviewRefused as exc:
            self.review_errors = {"form": self.explain(exc)}
            return
        self._review_key = self._review_key.used_for(review_id)
        self.ratings, self.review_text = {}, ""
        self._show_review(await run_cpu(reviews.for_order, user, order_id))
        yield rx.toast.success(self.tr("review.published"))

    @rx.event
    async def submit_answer(self):
        if self.answering:
            return
        self.answering = True
        yield
        try:
            async for event in self._submit_answer():
                yield event
        finally:
            self.answering = False

    @refusals_shown
    async def _submit_answer(self):
        user, order_id = self.user(), self._order_id()
        try:
            await run_cpu(reviews.answer_review, user, order_id, self.answer_text, language=self.lang)
        except ValidationFailed as exc:
            self.review_errors = {k: self.tr(v) for k, v in exc.field_errors.items()}
            return
        except reviews.ReviewRefused as exc:
            self.review_errors = {"answer": self.explain(exc)}
            return
        self.answer_text = ""
        self._show_review(await run_cpu(reviews.for_order, user, order_id))
        yield rx.toast.success(self.tr("review.answered_toast"))
