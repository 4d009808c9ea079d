"""Sample orders: prices computed on the server, what people do to an order, and what they see of it.

Rules:
- Prices come from the catalogue (sample price × quantity) plus the factory's shipping fee for the
  destination region, in integer cents; nothing the client sends is trusted.
- Only published products of one factory that offer samples, each within its sample limit.
- Which action moves an order where, and who may take it, is `lifecycle.TABLE`; every action goes
  through it (`transitions.apply`), is an OrderEvent (who, when, kind, data) and notifies both sides.
- The buyer and the factory's members see the order; nobody else.
- The meeting or webinar that led to an order is kept (for the factory's insights) only when the buyer
  took part in it: their own meeting with that factory, or a webinar of that factory they registered
  for. Any other id makes it a plain product order (a stale or foreign link never blocks a purchase).
- Ids from a route, a query string or a form are range-checked (row_ids): a bad one is "not found".
- Bank transfer (T/T) is offered only by a factory that set its bank details (profile/bank_details.py):
  placing a bank-transfer order with any other is refused at the payment-method field. A T/T order shows
  those details, and when they changed after the order was placed, since when.
- Placing an order carries the order form's idempotency key: the same key places one order
  (`core.idempotency`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import User
from realsourcing.core import idempotency, places
from realsourcing.core.errors import NotFound, ValidationFailed
from realsourcing.db import session_scope, utcnow
from realsourcing.meetings.models import Meeting
from realsourcing.orders import lifecycle, payments, transitions
from realsourcing.orders.access import order_for
from realsourcing.orders.events import OrderEventKind
from realsourcing.orders.lifecycle import Action, OrderRefused, OrderStatus, PaymentMethod, Side
from realsourcing.orders.models import (
    OrderEvent,
    OrderOrigin,
    SampleOrder,
    SampleOrderItem,
    ShippingAddress,
    ShippingRate,
)
from realsourcing.orders.pricing import CURRENCY, REGIONS, region_for, sample_lead_time_days
from realsourcing.orders.row_ids import row_id
from realsourcing.orders.stripe_gateway import StripeGateway, card_payments_enabled
from realsourcing.profile import bank_details
from realsourcing.profile.bank_details import BankDetails
from realsourcing.profile.catalog import cents_to_text, money_to_cents
from realsourcing.profile.catalog_models import Product, ProductStatus
from realsourcing.profile.membership import is_member, require_member
from realsourcing.profile.models import Factory
from realsourcing.webinars.models import Webinar, WebinarAttendance, WebinarRegistration


@dataclass(frozen=True)
class Line:
    product_id: int
    quantity: int
    options: str = ""


@dataclass(frozen=True)
class PricedLine:
    product_id: int
    name: str
    unit_price_cents: int
    quantity: int
    options: str
    lead_time_days: int


@dataclass(frozen=True)
class Quote:
    factory_id: int
    currency: str
    lines: list[PricedLine]
    subtotal_cents: int
    shipping_cents: int
    total_cents: int
    shipping_label: str
    lead_time_days: int


def quote(db: Session, factory_id: int, lines: list[Line], country: str) -> Quote:
    """Price an order from the catalogue and the factory's shipping rates (raises ValidationFailed)."""
    errors: dict[str, str] = {}
    wanted = [line for line in lines if line.quantity > 0]
    if not wanted:
        raise ValidationFailed({"lines": "err.order_empty"})
    ids = [line.product_id for line in wanted if row_id(line.product_id) is not None]
    products = {p.id: p for p in db.exec(select(Product).where(col(Product.id).in_(ids))).all()} if ids else {}
    priced: list[PricedLine] = []
    for line in wanted:
        product = products.get(line.product_id)
        if (
            product is None
            or product.factory_id != factory_id
            or product.status != ProductStatus.PUBLISHED.value
            or product.deleted_at is not None
            or product.sample_price_cents is None
        ):
            errors[f"qty_{line.product_id}"] = "err.no_samples"
            continue
        if not 1 <= line.quantity <= max(1, product.sample_max_qty):
            errors[f"qty_{line.product_id}"] = "err.sample_limit"
            continue
        priced.append(
            PricedLine(
                line.product_id,
                product.name_en,
                product.sample_price_cents,
                line.quantity,
                (line.options or "").strip()[:500],
                sample_lead_time_days(product.sample_lead_time_days),
            )
        )
    region = region_for(country)
    rate = db.exec(
        select(ShippingRate).where(ShippingRate.factory_id == factory_id, ShippingRate.region == region)
    ).first()
    if rate is None:
        errors["country"] = "err.no_shipping"
    if errors or rate is None:
        raise ValidationFailed(errors)
    subtotal = sum(p.unit_price_cents * p.quantity for p in priced)
    return Quote(
        factory_id,
        CURRENCY,
        priced,
        subtotal,
        rate.fee_cents,
        subtotal + rate.fee_cents,
        rate.label or region,
        max(p.lead_time_days for p in priced),
    )


@dataclass(frozen=True)
class Address:
    name: str
    company: str
    country: str
    line1: str
    line2: str
    city: str
    region: str
    postal_code: str
    phone: str


def validate_address(address: Address) -> Address:
    errors = {}
    for field, minimum in (("name", 2), ("line1", 3), ("city", 2)):
        if len(getattr(address, field).strip()) < minimum:
            errors[f"ship_{field}"] = "err.required"
    country = address.country.strip().upper()
    if not places.is_country(country):
        errors["ship_country"] = "err.country"
    phone = places.international_phone(address.phone, country)
    if phone is None:
        errors["ship_phone"] = "err.phone"
    if errors:
        raise ValidationFailed(errors)
    return Address(
        **{k: " ".join(str(v).split())[:200] for k, v in vars(address).items()}
        | {"country": country, "phone": phone or ""}
    )


ORDER_KIND = "sample_order"


@idempotency.once(ORDER_KIND)
def create_order(
    actor: CurrentUser,
    factory_id: int,
    lines: list[Line],
    address: Address,
    *,
    payment_method: str,
    notes: str = "",
    save_address: bool = False,
    origin_meeting_id: int | None = None,
    origin_webinar_id: int | None = None,
    key: str,
) -> int:
    """A new order awaiting payment, priced on the server. Returns its id (the first one's for a repeated key).

    The meeting or webinar it came from counts only when the buyer took part in it (see `origin_of`).
    """
    if payment_method not in {m.value for m in PaymentMethod}:
        raise ValidationFailed({"payment_method": "err.unknown_option"})
    address = validate_address(address)
    with session_scope() as db:
        if row_id(factory_id) is None or db.get(Factory, factory_id) is None:
            raise NotFound()
        if is_member(db, factory_id, actor.id):
            raise OrderRefused("err.own_factory")
        if payment_method == PaymentMethod.BANK_TRANSFER and not bank_details.are_set(db, factory_id):
            raise ValidationFailed({"payment_method": "err.bank_transfer_not_offered"})
        priced = quote(db, factory_id, lines, address.country)
        origin, origin_meeting_id, origin_webinar_id = origin_of(
            db, actor, factory_id, origin_meeting_id, origin_webinar_id
        )
        order = SampleOrder(
            reference="pending",
            buyer_id=actor.id,
            factory_id=factory_id,
            currency=priced.currency,
            subtotal_cents=priced.subtotal_cents,
            shipping_cents=priced.shipping_cents,
            total_cents=priced.total_cents,
            payment_method=payment_method,
            origin=origin,
            origin_meeting_id=origin_meeting_id,
            origin_webinar_id=origin_webinar_id,
            shipping_label=priced.shipping_label,
            notes=(notes or "").strip()[:2000],
            **{f"ship_{k}": v for k, v in vars(address).items()},
        )
        db.add(order)
        db.flush()
        assert order.id is not None, "flushed rows have ids"
        order.reference = f"RS-{utcnow().year}-{order.id:06d}"
        for line in priced.lines:
            db.add(
                SampleOrderItem(
                    order_id=order.id,
                    product_id=line.product_id,
                    product_name=line.name,
                    unit_price_cents=line.unit_price_cents,
                    quantity=line.quantity,
                    options=line.options,
                )
            )
        if save_address:
            db.add(ShippingAddress(user_id=actor.id, **vars(address)))
        transitions.record(db, order, OrderEventKind.PLACED, Side.BUYER, actor.id, from_status="")
        # The buyer's own receipt too (it carries the payment link), not news of their act.
        transitions.tell(db, order, "order_awaiting_payment")
        idempotency.remember(db, order.id)
        return order.id


def origin_of(
    db: Session, actor: CurrentUser, factory_id: int, meeting_id: int | None, webinar_id: int | None
) -> tuple[str, int | None, int | None]:
    """(origin, meeting id, webinar id) of a new order: a meeting or webinar only if the buyer took part in it.

    Took part: their own meeting with this factory; a webinar of this factory they are registered for or attended.
    """
    if (meeting := row_id(meeting_id)) is not None and db.exec(
        select(Meeting.id).where(Meeting.id == meeting, Meeting.buyer_id == actor.id, Meeting.factory_id == factory_id)
    ).first():
        return OrderOrigin.MEETING.value, meeting, None
    if (webinar := row_id(webinar_id)) is not None and db.exec(
        select(Webinar.id).where(
            Webinar.id == webinar,
            Webinar.factory_id == factory_id,
            select(WebinarRegistration.id)
            .where(
                WebinarRegistration.webinar_id == webinar,
                WebinarRegistration.user_id == actor.id,
                col(WebinarRegistration.cancelled_at).is_(None),
            )
            .exists()
            | select(WebinarAttendance.id)
            .where(WebinarAttendance.webinar_id == webinar, WebinarAttendance.user_id == actor.id)
            .exists(),
        )
    ).first():
        return OrderOrigin.WEBINAR.value, None, webinar
    return OrderOrigin.PRODUCT.value, None, None


def act(
    actor: CurrentUser,
    order_id: int,
    action: str,
    *,
    carrier: str = "",
    tracking: str = "",
    note: str = "",
    gateway: StripeGateway | None = None,
) -> str | None:
    """What people do to an order, as `lifecycle.TABLE` allows it.

    The factory accepts, ships (with carrier and tracking number), confirms a bank transfer or refunds;
    the buyer pays by card, switches between card and bank transfer while awaiting payment, cancels,
    confirms delivery and completes. Actions at the card provider need
    its gateway. Returns where to send the actor next (the hosted checkout for `pay`), else None.
    """
    if action == Action.PAY:
        return payments.start_checkout(actor, order_id, gateway)
    if action == Action.REFUND_CARD:
        payments.refund_card(actor, order_id, gateway)
        return None
    if action == Action.SWITCH_TO_CARD:
        return payments.switch_to_card(actor, order_id, gateway)
    if action == Action.SWITCH_TO_BANK_TRANSFER:
        payments.switch_to_bank_transfer(actor, order_id, gateway)
        return None
    with session_scope() as db:
        order, side = order_for(db, actor, order_id)
        lifecycle.decide(order.status, action, side, order.payment_method)  # refuse before reading the input
        data: dict[str, str] = {"note": " ".join(note.split())[:1000]} if note.strip() else {}
        if action == Action.CANCEL and len(note.strip()) < 3:
            raise ValidationFailed({"reason": "err.cancel_reason_required"})  # the other side is told why
        if action == Action.SHIP:
            carrier, tracking = " ".join(carrier.split())[:60], " ".join(tracking.split())[:80]
            if len(carrier) < 2 or len(tracking) < 4:
                raise ValidationFailed({"tracking": "err.tracking_required"})
            order.carrier, order.tracking_number = carrier, tracking
            data |= {"carrier": carrier, "tracking_number": tracking}
        transitions.apply(db, order, Action(action), side, actor.id, data)
    return None


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime
    kind: OrderEventKind
    status: str  # the order's status after the event
    by: str  # a lifecycle.Side value
    data: dict


def name_for_reader(name_en: str, name_zh: str, language: str) -> str:
    """A factory's name as the reader reads it: its Chinese name for Chinese readers, when it has one."""
    return name_zh if language == "zh" and name_zh else name_en


@dataclass(frozen=True)
class OrderView:
    id: int
    reference: str
    status: str
    factory_id: int
    factory_slug: str
    factory_name: str
    buyer_name: str
    payment_method: str
    currency: str
    subtotal_cents: int
    shipping_cents: int
    total_cents: int
    shipping_label: str
    ship_to: str
    carrier: str
    tracking_number: str
    promised_ship_by: date | None
    shipped_at: datetime | None
    late: bool
    bank: BankDetails | None  # where to send a bank transfer (bank-transfer orders only; None: not set)
    items: list[tuple[str, int, int, str]]  # name, quantity, unit cents, options
    timeline: list[TimelineEntry]
    is_factory_side: bool
    created_at: datetime
    has_checkout: bool  # a card checkout is open (its outcome not reported yet)
    awaiting_payment: bool
    actions: list[Action]  # what the viewer may do now (lifecycle.available_actions)
    ship_phone: str = ""
    buyer_notes: str = ""  # what the buyer wrote with the order (options, packaging…), for the factory
    bank_changed_at: datetime | None = None  # the factory changed its bank details after this order was placed
    factory_name_zh: str = ""  # the factory's Chinese name, when it gave one


def view(actor: CurrentUser, order_id: int) -> OrderView:
    with session_scope() as db:
        order, side = order_for(db, actor, order_id)
        return _view(db, order, side, card_payments_enabled())


def _view(db: Session, order: SampleOrder, side: Side, has_card_gateway: bool) -> OrderView:
    assert order.id is not None, "loaded rows have ids"
    factory = db.exec(select(Factory).where(Factory.id == order.factory_id)).one()
    buyer = db.exec(select(User).where(User.id == order.buyer_id)).one()
    items = db.exec(select(SampleOrderItem).where(SampleOrderItem.order_id == order.id)).all()
    events = db.exec(
        select(OrderEvent)
        .where(OrderEvent.order_id == order.id)
        .order_by(col(OrderEvent.created_at), col(OrderEvent.id))
    ).all()
    ship_to = ", ".join(
        p
        for p in (
            order.ship_name,
            order.ship_company,
            order.ship_line1,
            order.ship_line2,
            order.ship_city,
            order.ship_region,
            order.ship_postal_code,
            order.ship_country,
        )
        if p
    )
    payee = bank_details.for_factory(db, order.factory_id)
    bank = order.payment_method == PaymentMethod.BANK_TRANSFER
    changed = bank_details.last_change(db, order.factory_id) if bank and payee is not None else None
    actions = lifecycle.available_actions(order.status, side, order.payment_method, has_card_gateway)
    if payee is None:  # no account to pay into: bank transfer is not offered
        actions = [a for a in actions if a != Action.SWITCH_TO_BANK_TRANSFER]
    return OrderView(
        order.id,
        order.reference,
        order.status,
        order.factory_id,
        factory.slug,
        factory.display_name_en,
        f"{buyer.full_name} · {buyer.company_name}" if buyer.company_name else buyer.full_name,
        order.payment_method,
        order.currency,
        order.subtotal_cents,
        order.shipping_cents,
        order.total_cents,
        order.shipping_label,
        ship_to,
        order.carrier,
        order.tracking_number,
        order.promised_ship_by,
        order.shipped_at,
        lifecycle.is_late(
            order.status,
            order.promised_ship_by,
            order.shipped_at.date() if order.shipped_at else None,
            utcnow().date(),
        ),
        payee if bank else None,
        [(i.product_name, i.quantity, i.unit_price_cents, i.options) for i in items],
        [TimelineEntry(e.created_at, e.kind, e.to_status, e.actor_kind, dict(e.data)) for e in events],
        side == Side.FACTORY,
        order.created_at,
        bool(order.stripe_checkout_session_id),
        order.status == OrderStatus.AWAITING_PAYMENT,
        actions,
        ship_phone=order.ship_phone,
        buyer_notes=order.notes,
        bank_changed_at=changed if changed is not None and changed > order.created_at else None,
        factory_name_zh=factory.display_name_zh,
    )


def my_orders(actor: CurrentUser, status: str = "") -> list[OrderView]:
    """The actor's orders as a buyer, and their factory's orders as a member; newest first."""
    with session_scope() as db:
        condition = SampleOrder.buyer_id == actor.id
        member = is_member(db, actor.factory_id, actor.id)
        if member:
            condition = condition | (SampleOrder.factory_id == actor.factory_id)
        query = select(SampleOrder).where(condition)
        if status in {s.value for s in OrderStatus}:
            query = query.where(SampleOrder.status == status)
        orders = db.exec(query.order_by(col(SampleOrder.created_at).desc()).limit(200)).all()
        has_card_gateway = card_payments_enabled()
        return [
            _view(db, o, Side.FACTORY if member and o.factory_id == actor.factory_id else Side.BUYER, has_card_gateway)
            for o in orders
        ]


def saved_addresses(actor: CurrentUser) -> list[tuple[int, Address]]:
    with session_scope() as db:
        rows = db.exec(
            select(ShippingAddress)
            .where(ShippingAddress.user_id == actor.id)
            .order_by(col(ShippingAddress.id).desc())
            .limit(10)
        ).all()
        return [
            (a.id, Address(a.name, a.company, a.country, a.line1, a.line2, a.city, a.region, a.postal_code, a.phone))
            for a in rows
            if a.id is not None
        ]


def shipping_rates(actor: CurrentUser) -> dict[str, tuple[str, str]]:
    """The actor's factory's sample shipping: region → (label, fee as text; "" = does not ship there)."""
    with session_scope() as db:
        factory = require_member(db, actor)
        rates = {r.region: r for r in db.exec(select(ShippingRate).where(ShippingRate.factory_id == factory.id)).all()}
        return {
            region: (rates[region].label, cents_to_text(rates[region].fee_cents)) if region in rates else ("", "")
            for region in REGIONS
        }


def save_shipping_rates(actor: CurrentUser, rates: dict[str, tuple[str, str]]) -> None:
    errors: dict[str, str] = {}
    clean: dict[str, tuple[str, int | None]] = {}
    for region in REGIONS:
        label, fee = rates.get(region, ("", ""))
        try:
            cents = money_to_cents(fee)
        except ValueError:
            errors[f"fee_{region}"] = "err.money"
            continue
        clean[region] = (" ".join(label.split())[:120], cents)
    if errors:
        raise ValidationFailed(errors)
    with session_scope() as db:
        factory = require_member(db, actor)
        assert factory.id is not None, "loaded rows have ids"
        existing = {
            r.region: r for r in db.exec(select(ShippingRate).where(ShippingRate.factory_id == factory.id)).all()
        }
        for region, (label, cents) in clean.items():
            if cents is None:
                if region in existing:
                    db.delete(existing[region])
                continue
            rate = existing.get(region) or ShippingRate(factory_id=factory.id, region=region, fee_cents=0)
            rate.label, rate.fee_cents = label, cents
            db.add(rate)


@dataclass(frozen=True)
class OrderForm:
    factory_id: int
    factory_slug: str
    factory_name: str
    currency: str
    products: list[tuple[int, str, int, int]]  # id, name, sample price cents, max qty
    regions: list[str]
    card_payments: bool
    bank_transfer: bool  # the factory set its bank details
    factory_name_zh: str = ""


def order_form(slug: str) -> OrderForm:
    with session_scope() as db:
        factory = db.exec(select(Factory).where(Factory.slug == slug)).first()
        if factory is None or factory.id is None:
            raise NotFound()
        products = db.exec(
            select(Product)
            .where(
                Product.factory_id == factory.id,
                Product.status == ProductStatus.PUBLISHED.value,
                col(Product.deleted_at).is_(None),
                col(Product.sample_price_cents).is_not(None),
            )
            .order_by(col(Product.id))
        ).all()
        regions = list(db.exec(select(ShippingRate.region).where(ShippingRate.factory_id == factory.id)).all())
        return OrderForm(
            factory.id,
            factory.slug,
            factory.display_name_en,
            CURRENCY,
            [
                (p.id, p.name_en, p.sample_price_cents, max(1, p.sample_max_qty))
                for p in products
                if p.id is not None and p.sample_price_cents is not None
            ],
            regions,
            card_payments_enabled(),
            bank_details.are_set(db, factory.id),
            factory.display_name_zh,
        )


def preview(factory_id: int, lines: list[Line], country: str) -> Quote:
    if row_id(factory_id) is None:
        raise NotFound()
    with session_scope() as db:
        return quote(db, factory_id, lines, country)
