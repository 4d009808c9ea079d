"""Applying the lifecycle to a stored order: the table decides; then the event, the dates and the notifications.

Rules:
- Every action goes through `lifecycle.decide`; nothing here knows which moves are allowed.
- Each applied action adds one typed OrderEvent (who, when, kind, data); a move that switches the
  payment method stores the new one on the order.
- A status change stamps its date (paid → the ship-by promise from the samples' lead times; shipped;
  delivered) and notifies the buyer and every member of the factory, each in their own language.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, col, select

from realsourcing.accounts.models import User
from realsourcing.core.money import format_money
from realsourcing.db import utcnow
from realsourcing.notifications.service import notify
from realsourcing.orders import carriers, lifecycle
from realsourcing.orders.events import OrderEventKind
from realsourcing.orders.lifecycle import Action, Move, OrderStatus, Side
from realsourcing.orders.models import OrderEvent, SampleOrder, SampleOrderItem
from realsourcing.orders.pricing import DEFAULT_SAMPLE_LEAD_TIME_DAYS, sample_lead_time_days
from realsourcing.profile.catalog_models import Product
from realsourcing.profile.membership import members
from realsourcing.profile.models import Factory


def record(
    db: Session,
    order: SampleOrder,
    kind: OrderEventKind,
    side: Side,
    user_id: int | None,
    data: dict | None = None,
    *,
    from_status: str | None = None,
) -> None:
    """Add one event to the order's timeline (from_status defaults to the present status: nothing moved)."""
    assert order.id is not None, "events belong to saved orders"
    db.add(
        OrderEvent(
            order_id=order.id,
            kind=kind,
            data=dict(data or {}),
            from_status=order.status if from_status is None else from_status,
            to_status=order.status,
            actor_user_id=user_id,
            actor_kind=side.value,
        )
    )


def apply(
    db: Session, order: SampleOrder, action: Action, side: Side, user_id: int | None, data: dict | None = None
) -> Move:
    """Take one action on the order as the lifecycle table allows (raises PermissionDenied or OrderRefused)."""
    move = lifecycle.decide(order.status, action, side, order.payment_method)
    before = order.status
    if move.to_status != before:
        _change_status(db, order, move.to_status)
    if move.switches_to is not None:
        order.payment_method, order.updated_at = move.switches_to.value, utcnow()
    record(db, order, move.event, side, user_id, data, from_status=before)
    db.add(order)
    db.flush()
    if move.to_status != before:
        tell(db, order, f"order_{move.to_status.value}", actor_id=user_id)
    return move


def _change_status(db: Session, order: SampleOrder, status: OrderStatus) -> None:
    now = utcnow()
    order.status, order.updated_at = status.value, now
    if status == OrderStatus.PAID:
        order.paid_at = now
        order.promised_ship_by = (now + timedelta(days=_lead_time_days(db, order))).date()
    elif status == OrderStatus.SHIPPED:
        order.shipped_at = now
    elif status == OrderStatus.DELIVERED:
        order.delivered_at = now


def _lead_time_days(db: Session, order: SampleOrder) -> int:
    """The slowest sample in the order sets the promise."""
    lead_times = db.exec(
        select(Product.sample_lead_time_days)
        .join(SampleOrderItem, col(SampleOrderItem.product_id) == Product.id)
        .where(SampleOrderItem.order_id == order.id)
    ).all()
    return max((sample_lead_time_days(days) for days in lead_times), default=DEFAULT_SAMPLE_LEAD_TIME_DAYS)


def tell(db: Session, order: SampleOrder, kind: str, actor_id: int | None = None) -> None:
    """Notify the buyer and the factory's members (amounts in each recipient's language), except whoever acted."""
    factory = db.exec(select(Factory).where(Factory.id == order.factory_id)).one()
    buyer = db.exec(select(User).where(User.id == order.buyer_id)).one()
    for user in [buyer, *members(db, order.factory_id)]:
        payload = {
            "order_id": order.id,
            "reference": order.reference,
            "factory": factory.display_name_en,
            "status": order.status,
            "total": format_money(order.total_cents, order.currency, user.language),
            "tracking": _tracking_for(order, user.language),
        }
        notify(db, user, kind, payload, link=f"/orders/{order.id}", actor_id=actor_id)


def _tracking_for(order: SampleOrder, lang: str) -> str:
    """Carrier, number and, for a carrier we know, the link to its tracking page."""
    text = f"{carriers.display_name(order.carrier, lang)} {order.tracking_number}".strip()
    link = carriers.tracking_link(order.carrier, order.tracking_number)
    return f"{text} — {link}" if link else text
