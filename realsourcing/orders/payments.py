"""Card payments through Stripe Checkout, and reconciling Stripe's webhooks with our orders.

Rules:
- The Checkout Session is created on the server with the order's line items (prices from our
  database), the order id in metadata and client_reference_id, and an idempotency key derived from
  the order and the attempt (the number of checkouts opened before, counted from the typed events),
  so a retried request never creates a second session.
- A webhook is trusted only with a valid signature over the raw body (see stripe_gateway); each event
  id is applied once; whatever the lifecycle table does not allow in the order's present status is
  acknowledged and ignored, so out-of-order deliveries leave the order correct (an expired session
  never undoes a payment).
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select
from stripe.params.checkout import SessionCreateParams, SessionCreateParamsLineItem

from realsourcing.accounts.identity import CurrentUser
from realsourcing.config import get_settings
from realsourcing.core.errors import PermissionDenied
from realsourcing.db import session_scope
from realsourcing.orders import lifecycle, transitions
from realsourcing.orders.access import order_for
from realsourcing.orders.events import OrderEventKind
from realsourcing.orders.lifecycle import Action, Side
from realsourcing.orders.models import OrderEvent, ProviderEvent, SampleOrder, SampleOrderItem
from realsourcing.orders.stripe_gateway import PaymentUnavailable, StripeGateway


def checkout_params(order: SampleOrder, items: list[SampleOrderItem], app_url: str) -> SessionCreateParams:
    currency = order.currency.lower()
    line_items: list[SessionCreateParamsLineItem] = [
        {
            "price_data": {
                "currency": currency,
                "unit_amount": item.unit_price_cents,
                "product_data": {"name": f"Sample: {item.product_name}"},
            },
            "quantity": item.quantity,
        }
        for item in items
    ]
    if order.shipping_cents:
        line_items.append(
            {
                "price_data": {
                    "currency": currency,
                    "unit_amount": order.shipping_cents,
                    "product_data": {"name": f"Shipping: {order.shipping_label}"},
                },
                "quantity": 1,
            }
        )
    return {
        "mode": "payment",
        "line_items": line_items,
        "client_reference_id": str(order.id),
        "metadata": {"order_id": str(order.id), "reference": order.reference},
        "payment_intent_data": {"metadata": {"order_id": str(order.id)}},
        "success_url": f"{app_url}/orders/{order.id}?paid=1",
        "cancel_url": f"{app_url}/orders/{order.id}?cancelled=1",
    }


def _checkouts_opened(db: Session, order_id: int) -> int:
    return db.exec(
        select(func.count())
        .select_from(OrderEvent)
        .where(OrderEvent.order_id == order_id, OrderEvent.kind == OrderEventKind.CHECKOUT_STARTED)
    ).one()


def start_checkout(actor: CurrentUser, order_id: int, gateway: StripeGateway | None) -> str:
    """The hosted checkout URL for the buyer of an order awaiting card payment (a new session per attempt)."""
    if gateway is None:
        raise PaymentUnavailable()
    with session_scope() as db:
        order, side = order_for(db, actor, order_id)
        lifecycle.decide(order.status, Action.PAY, side, order.payment_method)
        items = list(db.exec(select(SampleOrderItem).where(SampleOrderItem.order_id == order_id)).all())
        attempt = 1 + _checkouts_opened(db, order_id)
        params = checkout_params(order, items, get_settings().app_url)
    session = gateway.create_checkout(params, idempotency_key=f"rs-order-{order_id}-checkout-{attempt}")
    with session_scope() as db:
        order, side = order_for(db, actor, order_id)
        order.stripe_checkout_session_id = session.id
        transitions.apply(db, order, Action.PAY, side, actor.id, {"session_id": session.id, "attempt": attempt})
    return session.url


def refund_card(actor: CurrentUser, order_id: int, gateway: StripeGateway | None) -> None:
    """Ask Stripe to refund a card payment; the order becomes refunded when charge.refunded arrives."""
    if gateway is None:
        raise PaymentUnavailable()
    with session_scope() as db:
        order, side = order_for(db, actor, order_id)
        lifecycle.decide(order.status, Action.REFUND_CARD, side, order.payment_method)
        intent = order.stripe_payment_intent_id
        if not intent:  # Stripe has not told us the payment yet: there is nothing to refund
            raise PermissionDenied()
    gateway.refund(intent, idempotency_key=f"rs-order-{order_id}-refund")
    with session_scope() as db:
        order, side = order_for(db, actor, order_id)
        transitions.apply(db, order, Action.REFUND_CARD, side, actor.id, {"payment_intent": intent})


def _order_for(db: Session, obj: dict) -> SampleOrder | None:
    order_id = (obj.get("metadata") or {}).get("order_id") or obj.get("client_reference_id")
    if order_id and str(order_id).isdigit():
        return db.get(SampleOrder, int(order_id))
    if obj.get("payment_intent"):
        return db.exec(select(SampleOrder).where(SampleOrder.stripe_payment_intent_id == obj["payment_intent"])).first()
    return None


def _action_for(event_type: str, obj: dict) -> Action | None:
    """What a Stripe event means for an order, in the lifecycle's words (None: nothing)."""
    if event_type == "checkout.session.completed":
        return Action.PAYMENT_SUCCEEDED if obj.get("payment_status") == "paid" else Action.PAYMENT_PROCESSING
    return {
        "checkout.session.async_payment_succeeded": Action.PAYMENT_SUCCEEDED,
        "checkout.session.async_payment_failed": Action.PAYMENT_FAILED,
        "checkout.session.expired": Action.CHECKOUT_EXPIRED,
        "charge.refunded": Action.REFUND_CONFIRMED,
    }.get(event_type)


def handle_event(event: dict) -> bool:
    """Apply a verified Stripe event once. Returns False for a duplicate; unknown types are ignored."""
    event_id, event_type = str(event.get("id", "")), str(event.get("type", ""))
    obj = (event.get("data") or {}).get("object") or {}
    with session_scope() as db:
        if db.exec(
            select(ProviderEvent.id).where(ProviderEvent.provider == "stripe", ProviderEvent.event_id == event_id)
        ).first():
            return False
        db.add(
            ProviderEvent(
                provider="stripe", event_id=event_id, event_type=event_type, payload={"object_id": obj.get("id", "")}
            )
        )
        db.flush()
        order = _order_for(db, obj)
        action = _action_for(event_type, obj)
        if order is None or action is None:
            return True
        session_id = str(obj.get("id") or "")
        if action == Action.PAYMENT_SUCCEEDED:
            # Whatever the order's status, remember how it was paid (a refund needs the payment intent).
            if obj.get("payment_intent"):
                order.stripe_payment_intent_id = str(obj["payment_intent"])
            order.stripe_checkout_session_id = session_id or order.stripe_checkout_session_id
            db.add(order)
        if (
            action in (Action.PAYMENT_FAILED, Action.CHECKOUT_EXPIRED)
            and order.stripe_checkout_session_id != session_id
        ):
            return True  # only the current session matters
        if not lifecycle.permits(order.status, action, Side.PAYMENT, order.payment_method):
            return True
        if action in (Action.PAYMENT_FAILED, Action.CHECKOUT_EXPIRED):
            order.stripe_checkout_session_id = None
        data = {"session_id": session_id} if event_type.startswith("checkout.session.") else {}
        if obj.get("payment_intent"):
            data["payment_intent"] = str(obj["payment_intent"])
        transitions.apply(db, order, action, Side.PAYMENT, None, data)
        return True
