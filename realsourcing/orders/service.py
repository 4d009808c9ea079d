"""Sample orders: prices computed on the server, the order state machine, and who may move it.

Rules:
- Prices come from the catalogue (sample price × quantity) plus the factory's shipping fee for the
  destination region, in integer cents; nothing the client sends is trusted.
- Only published products of one factory that offer samples, each within its sample limit.
- awaiting_payment → paid → accepted → shipped → delivered → completed; awaiting_payment →
  cancelled; paid/accepted → refunded. Every transition is an OrderEvent (who, when, what) and a
  notification to both sides. Any other transition is refused.
- The buyer and the factory's members see the order; nobody else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from realsourcing.accounts.models import User
from realsourcing.accounts.service import CurrentUser
from realsourcing.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from realsourcing.db import session_scope, utcnow
from realsourcing.notifications.service import notify
from realsourcing.orders.models import (
    OrderEvent,
    OrderStatus,
    PaymentMethod,
    SampleOrder,
    SampleOrderItem,
    ShippingAddress,
    ShippingRate,
)
from realsourcing.profile.catalog_models import Product, ProductStatus
from realsourcing.profile.models import Factory, FactoryMember

S = OrderStatus
# (from, to) → who may make it: buyer, factory, payment (a verified payment-provider event)
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.AWAITING_PAYMENT, S.PAID): frozenset({"payment", "factory_bank"}),
    (S.AWAITING_PAYMENT, S.CANCELLED): frozenset({"buyer", "factory"}),
    (S.PAID, S.ACCEPTED): frozenset({"factory"}),
    (S.PAID, S.REFUNDED): frozenset({"payment", "factory_bank"}),
    (S.ACCEPTED, S.REFUNDED): frozenset({"payment", "factory_bank"}),
    (S.ACCEPTED, S.SHIPPED): frozenset({"factory"}),
    (S.SHIPPED, S.DELIVERED): frozenset({"buyer", "factory"}),
    (S.DELIVERED, S.COMPLETED): frozenset({"buyer"}),
}

EUROPE = {
    "AT",
    "BE",
    "BG",
    "CH",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GB",
    "GR",
    "HR",
    "HU",
    "IE",
    "IS",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "NO",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
}
NORTH_AMERICA = {"US", "CA", "MX"}
ASIA_PACIFIC = {"AU", "NZ", "JP", "KR", "SG", "HK", "TW", "MY", "TH", "VN", "PH", "ID", "IN"}


class OrderRefused(DomainError):
    pass


def can_transition(from_status: str, to_status: str, actor_kind: str) -> bool:
    """The order state machine: is this move allowed for this kind of actor?"""
    return actor_kind in TRANSITIONS.get((from_status, to_status), frozenset())


def region_for(country: str) -> str:
    country = (country or "").upper()
    if country in NORTH_AMERICA:
        return "north_america"
    if country in EUROPE:
        return "europe"
    if country in ASIA_PACIFIC:
        return "asia_pacific"
    return "rest_of_world"


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
    products = {
        p.id: p for p in db.exec(select(Product).where(col(Product.id).in_([line.product_id for line in wanted]))).all()
    }
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
                product.id,
                product.name_en,
                product.sample_price_cents,
                line.quantity,
                (line.options or "").strip()[:500],
                product.sample_lead_time_days or 7,
            )
        )
    region = region_for(country)
    rate = db.exec(
        select(ShippingRate).where(ShippingRate.factory_id == factory_id, ShippingRate.region == region)
    ).first()
    if rate is None:
        errors["country"] = "err.no_shipping"
    if errors:
        raise ValidationFailed(errors)
    subtotal = sum(p.unit_price_cents * p.quantity for p in priced)
    return Quote(
        factory_id,
        "USD",
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
    if len(address.country.strip()) != 2 or not address.country.isalpha():
        errors["ship_country"] = "err.country"
    if len(address.phone.strip()) < 6:
        errors["ship_phone"] = "err.phone"
    if errors:
        raise ValidationFailed(errors)
    return Address(
        **{k: " ".join(str(v).split())[:200] for k, v in vars(address).items()}
        | {"country": address.country.strip().upper()}
    )


def _sides(db: Session, order: SampleOrder) -> list[User]:
    members = db.exec(
        select(User)
        .join(FactoryMember, col(FactoryMember.user_id) == User.id)
        .where(FactoryMember.factory_id == order.factory_id)
    ).all()
    return [db.get(User, order.buyer_id), *members]


def _tell(db: Session, order: SampleOrder, kind: str, extra: dict | None = None) -> None:
    factory = db.get(Factory, order.factory_id)
    payload = {
        "order_id": order.id,
        "reference": order.reference,
        "factory": factory.display_name_en,
        "status": order.status,
        "total": f"{order.currency} {order.total_cents / 100:.2f}",
        "tracking": f"{order.carrier} {order.tracking_number}".strip(),
        **(extra or {}),
    }
    for user in _sides(db, order):
        notify(db, user, kind, payload, link=f"/orders/{order.id}")


def create_order(
    actor: CurrentUser | None,
    factory_id: int,
    lines: list[Line],
    address: Address,
    *,
    payment_method: str,
    notes: str = "",
    save_address: bool = False,
    origin: str = "product",
    origin_meeting_id: int | None = None,
    origin_webinar_id: int | None = None,
) -> int:
    """A new order awaiting payment, priced on the server. Returns its id."""
    if actor is None:
        raise PermissionDenied("err.login_required")
    if payment_method not in {m.value for m in PaymentMethod}:
        raise ValidationFailed({"payment_method": "err.unknown_option"})
    address = validate_address(address)
    with session_scope() as db:
        if db.exec(
            select(FactoryMember.id).where(FactoryMember.factory_id == factory_id, FactoryMember.user_id == actor.id)
        ).first():
            raise OrderRefused("err.own_factory")
        priced = quote(db, factory_id, lines, address.country)
        order = SampleOrder(
            reference="pending",
            buyer_id=actor.id,
            factory_id=factory_id,
            currency=priced.currency,
            subtotal_cents=priced.subtotal_cents,
            shipping_cents=priced.shipping_cents,
            total_cents=priced.total_cents,
            payment_method=payment_method,
            origin=origin if origin in ("product", "meeting", "webinar") else "product",
            origin_meeting_id=origin_meeting_id,
            origin_webinar_id=origin_webinar_id,
            shipping_label=priced.shipping_label,
            notes=(notes or "").strip()[:2000],
            **{f"ship_{k}": v for k, v in vars(address).items()},
        )
        db.add(order)
        db.flush()
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
        db.add(
            OrderEvent(
                order_id=order.id,
                to_status=order.status,
                actor_user_id=actor.id,
                actor_kind="buyer",
                note="order placed",
            )
        )
        _tell(db, order, "order_awaiting_payment")
        return order.id


def _load(db: Session, actor: CurrentUser | None, order_id: int) -> tuple[SampleOrder, bool]:
    if actor is None:
        raise PermissionDenied("err.login_required")
    order = db.get(SampleOrder, order_id)
    if order is None:
        raise NotFound()
    is_factory = (
        db.exec(
            select(FactoryMember.id).where(
                FactoryMember.factory_id == order.factory_id, FactoryMember.user_id == actor.id
            )
        ).first()
        is not None
    )
    if not is_factory and order.buyer_id != actor.id:
        raise PermissionDenied()
    return order, is_factory


def move(
    db: Session, order: SampleOrder, to_status: str, actor_kind: str, actor_id: int | None, note: str = ""
) -> None:
    """Apply one transition of the state machine (raises OrderRefused when it is not allowed)."""
    if not can_transition(order.status, to_status, actor_kind):
        raise OrderRefused("err.order_bad_transition")
    now = utcnow()
    db.add(
        OrderEvent(
            order_id=order.id,
            from_status=order.status,
            to_status=to_status,
            actor_user_id=actor_id,
            actor_kind=actor_kind.removesuffix("_bank"),
            note=note[:1000],
        )
    )
    order.status = to_status
    order.updated_at = now
    if to_status == S.PAID:
        order.paid_at = now
        lead = max(
            (
                p.sample_lead_time_days or 7
                for p in db.exec(
                    select(Product)
                    .join(SampleOrderItem, col(SampleOrderItem.product_id) == Product.id)
                    .where(SampleOrderItem.order_id == order.id)
                ).all()
            ),
            default=7,
        )
        order.promised_ship_by = (now + timedelta(days=lead)).date()
    elif to_status == S.SHIPPED:
        order.shipped_at = now
    elif to_status == S.DELIVERED:
        order.delivered_at = now
    db.add(order)
    db.flush()
    _tell(db, order, f"order_{to_status}")


def act(
    actor: CurrentUser | None, order_id: int, action: str, *, carrier: str = "", tracking: str = "", note: str = ""
) -> None:
    """What people do to an order.

    The factory accepts, ships, marks a bank transfer received or refunded; the buyer cancels, confirms delivery.
    """
    with session_scope() as db:
        order, is_factory = _load(db, actor, order_id)
        side = "factory" if is_factory else "buyer"
        if action == "mark_paid":
            if not is_factory or order.payment_method != PaymentMethod.BANK_TRANSFER.value:
                raise PermissionDenied()
            move(db, order, S.PAID, "factory_bank", actor.id, "bank transfer received")
        elif action == "accept" and is_factory:
            move(db, order, S.ACCEPTED, "factory", actor.id)
        elif action == "ship" and is_factory:
            carrier, tracking = " ".join(carrier.split())[:60], " ".join(tracking.split())[:80]
            if len(carrier) < 2 or len(tracking) < 4:
                raise ValidationFailed({"tracking": "err.tracking_required"})
            order.carrier, order.tracking_number = carrier, tracking
            move(db, order, S.SHIPPED, "factory", actor.id, f"{carrier} {tracking}")
        elif action == "delivered":
            move(db, order, S.DELIVERED, side, actor.id)
        elif action == "complete":
            move(db, order, S.COMPLETED, side, actor.id)
        elif action == "cancel":
            move(db, order, S.CANCELLED, side, actor.id, note)
        elif action == "refund_bank" and is_factory and order.payment_method == PaymentMethod.BANK_TRANSFER.value:
            move(db, order, S.REFUNDED, "factory_bank", actor.id, note or "refunded by bank transfer")
        else:
            raise PermissionDenied()


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
    bank_instructions: str
    items: list[tuple[str, int, int, str]]  # name, quantity, unit cents, options
    timeline: list[tuple[datetime, str, str, str]]  # when, status, who, note
    is_factory_side: bool
    created_at: datetime
    has_checkout: bool


def is_late(order: SampleOrder, today: date) -> bool:
    if order.promised_ship_by is None:
        return False
    shipped = order.shipped_at.date() if order.shipped_at else None
    return (shipped or today) > order.promised_ship_by and (shipped is not None or order.status in (S.PAID, S.ACCEPTED))


def view(actor: CurrentUser | None, order_id: int) -> OrderView:
    with session_scope() as db:
        order, is_factory = _load(db, actor, order_id)
        return _view(db, order, is_factory)


def _view(db: Session, order: SampleOrder, is_factory: bool) -> OrderView:
    factory, buyer = db.get(Factory, order.factory_id), db.get(User, order.buyer_id)
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
    return OrderView(
        order.id,
        order.reference,
        order.status,
        factory.id,
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
        is_late(order, utcnow().date()),
        factory.bank_instructions if order.payment_method == PaymentMethod.BANK_TRANSFER.value else "",
        [(i.product_name, i.quantity, i.unit_price_cents, i.options) for i in items],
        [(e.created_at, e.to_status, e.actor_kind, e.note) for e in events],
        is_factory,
        order.created_at,
        bool(order.stripe_checkout_session_id),
    )


def my_orders(actor: CurrentUser | None, status: str = "") -> list[OrderView]:
    """The actor's orders as a buyer, and their factory's orders as a member; newest first."""
    if actor is None:
        raise PermissionDenied("err.login_required")
    with session_scope() as db:
        condition = SampleOrder.buyer_id == actor.id
        member = (
            actor.factory_id is not None
            and db.exec(
                select(FactoryMember.id).where(
                    FactoryMember.factory_id == actor.factory_id, FactoryMember.user_id == actor.id
                )
            ).first()
        )
        if member:
            condition = condition | (SampleOrder.factory_id == actor.factory_id)
        query = select(SampleOrder).where(condition)
        if status in {s.value for s in OrderStatus}:
            query = query.where(SampleOrder.status == status)
        orders = db.exec(query.order_by(col(SampleOrder.created_at).desc()).limit(200)).all()
        return [_view(db, o, bool(member) and o.factory_id == actor.factory_id) for o in orders]


def saved_addresses(actor: CurrentUser | None) -> list[tuple[int, Address]]:
    if actor is None:
        raise PermissionDenied("err.login_required")
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
        ]


REGIONS = ("north_america", "europe", "asia_pacific", "rest_of_world")


def shipping_rates(actor: CurrentUser | None) -> dict[str, tuple[str, str]]:
    """The actor's factory's sample shipping: region → (label, fee as text; "" = does not ship there)."""
    from realsourcing.profile.catalog import cents_to_text
    from realsourcing.profile.factories import require_member

    with session_scope() as db:
        factory = require_member(db, actor)
        rates = {r.region: r for r in db.exec(select(ShippingRate).where(ShippingRate.factory_id == factory.id)).all()}
        return {
            region: (rates[region].label, cents_to_text(rates[region].fee_cents)) if region in rates else ("", "")
            for region in REGIONS
        }


def save_shipping_rates(actor: CurrentUser | None, rates: dict[str, tuple[str, str]]) -> None:
    from realsourcing.profile.catalog import money_to_cents
    from realsourcing.profile.factories import require_member

    errors, clean = {}, {}
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
    products: list[tuple[int, str, int, int]]  # id, name, sample price cents, max qty
    regions: list[str]
    stripe_enabled: bool


def order_form(slug: str) -> OrderForm:
    from realsourcing.orders.payments import StripeGateway

    with session_scope() as db:
        factory = db.exec(select(Factory).where(Factory.slug == slug)).first()
        if factory is None:
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
        regions = [r for r in db.exec(select(ShippingRate.region).where(ShippingRate.factory_id == factory.id)).all()]
        return OrderForm(
            factory.id,
            factory.slug,
            factory.display_name_en,
            [(p.id, p.name_en, p.sample_price_cents, max(1, p.sample_max_qty)) for p in products],
            regions,
            StripeGateway.from_settings() is not None,
        )


def preview(factory_id: int, lines: list[Line], country: str) -> Quote:
    with session_scope() as db:
        return quote(db, factory_id, lines, country)
