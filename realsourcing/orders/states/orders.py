"""Ordering samples, the orders list, one order (with its timeline), and the factory's shipping fees."""

from __future__ import annotations

from typing import TypedDict

import reflex as rx

from realsourcing.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from realsourcing.orders import payments
from realsourcing.orders import service as orders
from realsourcing.orders.payments import StripeGateway
from realsourcing.orders.service import Address, Line
from realsourcing.profile.catalog import cents_to_text
from realsourcing.ui.session import SessionState

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
    payment_method: str = "bank_transfer"
    stripe_enabled: bool = False
    totals: dict[str, str] = {}
    errors: dict[str, str] = {}
    message: str = ""
    working: bool = False
    _factory_id: int = 0
    _origin: str = "product"
    _meeting_id: int = 0
    _webinar_id: int = 0

    @rx.event
    def open(self):
        self.loaded, self.missing, self.errors, self.message, self.totals = False, False, {}, "", {}
        user = self.current_user()
        if user is None:
            return self.refuse(user)
        params = self.router.url.query_parameters
        try:
            form = orders.order_form(str(params.get("factory", "")))
        except NotFound:
            self.missing, self.loaded = True, True
            return
        self._factory_id, self.factory_slug, self.factory_name = form.factory_id, form.factory_slug, form.factory_name
        self.lines = [LineView(id=str(i), name=n, price=cents_to_text(c), max=m) for i, n, c, m in form.products]
        wanted = str(params.get("product", ""))
        self.quantities = {line["id"]: "1" if line["id"] == wanted else "0" for line in self.lines}
        self.stripe_enabled = form.stripe_enabled
        self.payment_method = "card" if form.stripe_enabled else "bank_transfer"
        self._meeting_id = int(params["meeting"]) if str(params.get("meeting", "")).isdigit() else 0
        self._webinar_id = int(params["webinar"]) if str(params.get("webinar", "")).isdigit() else 0
        self._origin = "meeting" if self._meeting_id else "webinar" if self._webinar_id else "product"
        self.saved = [
            {
                "id": str(i),
                "label": f"{a.name}, {a.line1}, {a.city} ({a.country})",
                **{k: getattr(a, k) for k in ADDRESS_FIELDS},
            }
            for i, a in orders.saved_addresses(user)
        ]
        self.address = {k: "" for k in ADDRESS_FIELDS} | (
            {k: self.saved[0][k] for k in ADDRESS_FIELDS}
            if self.saved
            else {"name": user.full_name, "company": user.company_name}
        )
        self._reprice()
        self.loaded = True

    def _lines(self) -> list[Line]:
        return [Line(int(pid), int(q)) for pid, q in self.quantities.items() if str(q).isdigit() and int(q) > 0]

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
        self.totals = {
            "subtotal": cents_to_text(priced.subtotal_cents),
            "shipping": cents_to_text(priced.shipping_cents),
            "total": cents_to_text(priced.total_cents),
            "label": priced.shipping_label,
            "lead": str(priced.lead_time_days),
        }

    @rx.event
    def set_quantity(self, product_id: str, value: str):
        self.quantities = {**self.quantities, str(product_id): str(value).strip()[:3]}
        self._reprice()

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
        if value in ("card", "bank_transfer") and (value != "card" or self.stripe_enabled):
            self.payment_method = value

    @rx.event
    def place(self, form: dict):
        user = self.current_user()
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
                origin=self._origin,
                origin_meeting_id=self._meeting_id or None,
                origin_webinar_id=self._webinar_id or None,
            )
        except ValidationFailed as exc:
            self.errors = {k: self.tr(v) for k, v in exc.field_errors.items()}
            self.message = self.tr(exc.key)
            return
        except (PermissionDenied, DomainError) as exc:
            self.message = self.tr(exc.key)
            return
        if self.payment_method == "card":
            try:
                return rx.redirect(
                    payments.start_checkout(user, order_id, StripeGateway.from_settings()), is_external=False
                )
            except DomainError as exc:
                return [rx.redirect(f"/orders/{order_id}"), rx.toast.error(self.tr(exc.key))]
        return rx.redirect(f"/orders/{order_id}")


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


def _row(v: orders.OrderView) -> OrderRow:
    return OrderRow(
        id=v.id,
        reference=v.reference,
        status=v.status,
        factory=v.factory_name,
        buyer=v.buyer_name,
        total=f"{v.currency} {cents_to_text(v.total_cents)}",
        created=v.created_at.strftime("%Y-%m-%d"),
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

    def _reload(self):
        user = self.current_user()
        if user is None:
            return self.refuse(user)
        self.rows = [_row(v) for v in orders.my_orders(user, "" if self.status == "all" else self.status)]
        self.is_factory = user.factory_id is not None
        if self.is_factory:
            try:
                current = orders.shipping_rates(user)
                self.rates = {
                    **{f"label_{r}": v[0] for r, v in current.items()},
                    **{f"fee_{r}": v[1] for r, v in current.items()},
                }
            except PermissionDenied:
                self.is_factory = False
        self.loaded = True

    @rx.event
    def open(self):
        self.loaded = False
        return self._reload()

    @rx.event
    def set_status(self, value: str):
        self.status = value
        return self._reload()

    @rx.event
    def save_rates(self, form: dict):
        user = self.current_user()
        try:
            orders.save_shipping_rates(
                user, {r: (str(form.get(f"label_{r}", "")), str(form.get(f"fee_{r}", ""))) for r in orders.REGIONS}
            )
        except PermissionDenied:
            return self.refuse(user)
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
    note: str


class ItemRow(TypedDict):
    name: str
    quantity: int
    price: str
    options: str


class OrderState(SessionState):
    loaded: bool = False
    missing: bool = False
    order: dict[str, str] = {}
    factory_side: bool = False
    late: bool = False
    has_checkout: bool = False
    items: list[ItemRow] = []
    timeline: list[EventRow] = []
    carrier: str = ""
    tracking: str = ""
    message: str = ""
    stripe_enabled: bool = False

    def _load(self, user) -> None:
        v = orders.view(user, self.path_id(1))
        money = lambda c: f"{v.currency} {cents_to_text(c)}"  # noqa: E731
        self.order = {
            "id": str(v.id),
            "reference": v.reference,
            "status": v.status,
            "factory": v.factory_name,
            "factory_slug": v.factory_slug,
            "buyer": v.buyer_name,
            "method": v.payment_method,
            "subtotal": money(v.subtotal_cents),
            "shipping": money(v.shipping_cents),
            "total": money(v.total_cents),
            "shipping_label": v.shipping_label,
            "ship_to": v.ship_to,
            "carrier": v.carrier,
            "tracking": v.tracking_number,
            "promised": v.promised_ship_by.isoformat() if v.promised_ship_by else "",
            "bank": v.bank_instructions,
        }
        self.factory_side, self.late, self.has_checkout = v.is_factory_side, v.late, v.has_checkout
        self.items = [ItemRow(name=n, quantity=q, price=money(c), options=o) for n, q, c, o in v.items]
        self.timeline = [
            EventRow(when=w.strftime("%Y-%m-%d %H:%M UTC"), status=s, who=who, note=note)
            for w, s, who, note in v.timeline
        ]
        self.stripe_enabled = StripeGateway.from_settings() is not None

    @rx.event
    def open(self):
        self.loaded, self.missing, self.message = False, False, ""
        user = self.current_user()
        if user is None:
            return self.refuse(user)
        try:
            self._load(user)
        except (PermissionDenied, NotFound):
            self.missing = True
        self.loaded = True

    @rx.event
    def set_carrier(self, value: str):
        self.carrier = str(value)[:60]

    @rx.event
    def set_tracking(self, value: str):
        self.tracking = str(value)[:80]

    @rx.event
    def change(self, action: str):
        user = self.current_user()
        order_id = self.path_id(1)
        try:
            if action == "pay":
                return rx.redirect(payments.start_checkout(user, order_id, StripeGateway.from_settings()))
            if action == "refund_card":
                payments.refund_card(user, order_id, StripeGateway.from_settings())
            elif action in ("mark_paid", "accept", "ship", "delivered", "complete", "cancel", "refund_bank"):
                orders.act(user, order_id, action, carrier=self.carrier, tracking=self.tracking)
            else:
                return
        except (PermissionDenied, NotFound):
            return rx.toast.error(self.tr("err.permission_denied"))
        except DomainError as exc:
            self.message = self.explain(exc)
            return
        self.message = ""
        self._load(user)
        return rx.toast.success(self.tr("meet.updated"))
