"""The order's documents: who may have its proforma invoice or receipt, when, and what they say.

Rules:
- The order's buyer, the members of its factory and platform admins may have its documents; anyone
  else is told the order does not exist (NotFound / PermissionDenied, which the route answers alike).
- The proforma invoice exists as soon as the order does (awaiting payment and every status after;
  a cancelled order's says it is not payable). The receipt exists only once the money was received:
  paid, accepted, shipped, delivered, completed, and refunded (which the receipt then says, with the
  day of the refund); before that `NoReceiptYet`.
- Everything printed comes from the stored order: the lines as ordered (the Chinese product name is the
  product's present one, as the order keeps only the English name it was ordered under), the amounts
  computed on the server, the ship-to address copied onto the order, the factory's legal names,
  address, contact, zone and bank details.
- Card receipts name the payment provider's reference (the Stripe payment intent); bank-transfer
  receipts the day the factory confirmed the money arrived.

`document_for` reads the database (call it off the event loop); `invoice_pdf.render` then makes the bytes.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import User
from realsourcing.core import places
from realsourcing.core.errors import DomainError, PermissionDenied
from realsourcing.db import id_of, session_scope, utcnow
from realsourcing.orders.access import order_for
from realsourcing.orders.events import OrderEventKind
from realsourcing.orders.invoice_pdf import (
    Buyer,
    DocumentKind,
    InvoiceLine,
    OrderDocument,
    PaymentFacts,
    Seller,
    document_number,
)
from realsourcing.orders.lifecycle import OrderStatus, PaymentMethod
from realsourcing.orders.models import OrderEvent, SampleOrder, SampleOrderItem
from realsourcing.profile import bank_details
from realsourcing.profile.catalog_models import Product
from realsourcing.profile.models import Factory

RECEIPT_STATUSES = frozenset(
    {
        OrderStatus.PAID,
        OrderStatus.ACCEPTED,
        OrderStatus.SHIPPED,
        OrderStatus.DELIVERED,
        OrderStatus.COMPLETED,
        OrderStatus.REFUNDED,
    }
)
PAID_EVENTS = (OrderEventKind.PAID_BY_CARD, OrderEventKind.CARD_PAYMENT_AFTER_SWITCH)
REFUND_EVENTS = (OrderEventKind.REFUNDED_BY_CARD, OrderEventKind.REFUNDED_BY_BANK)


class NoReceiptYet(DomainError):
    def __init__(self) -> None:
        super().__init__("order.invoice_err_not_paid")


def has_receipt(status: str) -> bool:
    """Whether an order in this status has a receipt (the money was received)."""
    return status in RECEIPT_STATUSES


def payee_bank_details(db: Session, factory: Factory) -> list[tuple[str, str]]:
    """The payee's bank, as the documents print it: (catalogue key of the label; value) — the factory's
    checked bank details (profile/bank_details.py: the holder is the licensed company), [] when none are set."""
    details = bank_details.for_factory(db, id_of(factory))
    if details is None:
        return []
    return [
        ("bank.account_holder", details.account_holder),
        ("bank.bank_name", details.bank_name),
        ("bank.iban" if details.is_iban else "bank.account_number", details.account_for_people()),
        ("bank.swift_bic", details.swift_bic),
        ("bank.bank_address", details.bank_address),
        ("bank.currency", details.currency),
    ]


def _readable_order(db: Session, actor: CurrentUser, order_id: int) -> SampleOrder:
    """The order for its buyer, its factory's members, or an admin (NotFound / PermissionDenied otherwise)."""
    try:
        order, _ = order_for(db, actor, order_id)
    except PermissionDenied:
        if not actor.is_admin:
            raise
        found = db.get(SampleOrder, order_id)  # order_for found it, or it would have said NotFound
        assert found is not None
        return found
    return order


def _seller(factory: Factory) -> Seller:
    place = ", ".join(p for p in (factory.city, factory.province) if p)
    address = [
        a
        for a in (factory.address, place, f"{places.country_name('CN', 'en')} · {places.country_name('CN', 'zh')}")
        if a
    ]
    contact = [c for c in (factory.contact_name, factory.contact_email, factory.contact_phone) if c]
    return Seller(factory.legal_name_en or factory.display_name_en, factory.legal_name_zh, address, contact)


def _buyer(buyer: User, order: SampleOrder) -> Buyer:
    country = order.ship_country.upper()
    country_line = (
        f"{places.country_name(country, 'en')} · {places.country_name(country, 'zh')}"
        if places.is_country(country)
        else country
    )
    ship_to = [
        order.ship_name,
        order.ship_company,
        order.ship_line1,
        order.ship_line2,
        " ".join(p for p in (order.ship_city, order.ship_region, order.ship_postal_code) if p),
        country_line,
    ]
    return Buyer(buyer.full_name, buyer.company_name, [line for line in ship_to if line], order.ship_phone)


def _events(db: Session, order_id: int) -> list[OrderEvent]:
    return list(
        db.exec(
            select(OrderEvent)
            .where(OrderEvent.order_id == order_id)
            .order_by(col(OrderEvent.created_at), col(OrderEvent.id))
        ).all()
    )


def _payment_facts(db: Session, order: SampleOrder) -> PaymentFacts | None:
    if order.paid_at is None or not has_receipt(order.status):
        return None
    assert order.id is not None
    events = _events(db, order.id)
    reference = ""
    if order.payment_method == PaymentMethod.CARD.value:
        paid = [e for e in events if e.kind in PAID_EVENTS and e.data.get("payment_intent")]
        reference = order.stripe_payment_intent_id or (str(paid[-1].data["payment_intent"]) if paid else "")
    refunds = [e.created_at for e in events if e.kind in REFUND_EVENTS]
    refunded_at = refunds[-1] if refunds and order.status == OrderStatus.REFUNDED.value else None
    return PaymentFacts(order.paid_at, reference, refunded_at)


def document_for(actor: CurrentUser, order_id: int, kind: DocumentKind) -> OrderDocument:
    """What the order's proforma invoice or receipt says (NotFound, PermissionDenied, NoReceiptYet)."""
    with session_scope() as db:
        order = _readable_order(db, actor, order_id)
        if kind == DocumentKind.RECEIPT and (order.paid_at is None or not has_receipt(order.status)):
            raise NoReceiptYet()
        assert order.id is not None
        factory = db.exec(select(Factory).where(Factory.id == order.factory_id)).one()
        buyer = db.exec(select(User).where(User.id == order.buyer_id)).one()
        items = db.exec(
            select(SampleOrderItem, Product.name_zh)
            .join(Product, col(Product.id) == SampleOrderItem.product_id)
            .where(SampleOrderItem.order_id == order.id)
            .order_by(col(SampleOrderItem.id))
        ).all()
        bank = order.payment_method == PaymentMethod.BANK_TRANSFER.value
        return OrderDocument(
            kind=kind,
            order_reference=order.reference,
            status=order.status,
            placed_at=order.created_at,
            zone=factory.timezone,
            currency=order.currency,
            seller=_seller(factory),
            buyer=_buyer(buyer, order),
            lines=[
                InvoiceLine(item.product_name, name_zh or "", item.quantity, item.unit_price_cents, item.options)
                for item, name_zh in items
            ],
            shipping_label=order.shipping_label,
            shipping_cents=order.shipping_cents,
            subtotal_cents=order.subtotal_cents,
            total_cents=order.total_cents,
            payment_method=order.payment_method,
            generated_at=utcnow(),
            bank_details=payee_bank_details(db, factory) if bank else [],
            payment=_payment_facts(db, order),
        )


__all__ = ["NoReceiptYet", "document_for", "document_number", "has_receipt", "payee_bank_details"]
