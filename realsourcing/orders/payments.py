"""Card payments through Stripe Checkout, behind one small gateway, and Stripe's webhooks.

Rules:
- The Checkout Session is created on the server with the order's line items (prices from our
  database), the order id in metadata and client_reference_id, and an idempotency key derived from
  the order and the attempt, so a retried request never creates a second session.
- A webhook is trusted only with a valid signature over the raw body; each event id is applied
  once; out-of-order deliveries leave the order correct (an expired session never undoes a payment).
"""

from __future__ import annotations

from dataclasses import dataclass

import stripe
from sqlmodel import Session, col, select

from realsourcing.accounts.service import CurrentUser
from realsourcing.config import get_settings
from realsourcing.core.errors import DomainError, PermissionDenied
from realsourcing.db import session_scope
from realsourcing.orders.models import (
    OrderEvent,
    OrderStatus,
    PaymentMethod,
    ProviderEvent,
    SampleOrder,
    SampleOrderItem,
)
from realsourcing.orders.service import _load, move


class PaymentUnavailable(DomainError):
    def __init__(self) -> None:
        super().__init__("err.payment_unavailable")


class SignatureRejected(Exception):
    pass


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str


class StripeGateway:
    def __init__(self, secret_key: str, webhook_secret: str, api_base: str) -> None:
        self.secret_key, self.webhook_secret, self.api_base = secret_key, webhook_secret, api_base.rstrip("/")

    @classmethod
    def from_settings(cls) -> StripeGateway | None:
        """None when Stripe is not configured (the embedded default: bank transfer only)."""
        settings = get_settings()
        if not settings.stripe_secret_key:
            return None
        return cls(settings.stripe_secret_key, settings.stripe_webhook_secret, settings.stripe_api_base)

    def _client(self) -> stripe.StripeClient:
        return stripe.StripeClient(self.secret_key, base_addresses={"api": self.api_base}, max_network_retries=0)

    def create_checkout(self, params: dict, idempotency_key: str) -> CheckoutSession:
        try:
            session = self._client().v1.checkout.sessions.create(params, {"idempotency_key": idempotency_key})
        except stripe.StripeError as exc:
            raise PaymentUnavailable() from exc
        return CheckoutSession(session.id, session.url)

    def refund(self, payment_intent: str, idempotency_key: str) -> str:
        try:
            return (
                self._client()
                .v1.refunds.create({"payment_intent": payment_intent}, {"idempotency_key": idempotency_key})
                .id
            )
        except stripe.StripeError as exc:
            raise PaymentUnavailable() from exc

    def verify(self, payload: bytes, signature_header: str) -> dict:
        try:
            event = stripe.Webhook.construct_event(payload, signature_header, self.webhook_secret)
        except (ValueError, stripe.SignatureVerificationError) as exc:
            raise SignatureRejected(str(exc)) from exc
        return event.to_dict() if hasattr(event, "to_dict") else dict(event)


def checkout_params(order: SampleOrder, items: list[SampleOrderItem], app_url: str) -> dict:
    line_items = [
        {
            "price_data": {
                "currency": order.currency.lower(),
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
                    "currency": order.currency.lower(),
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


def start_checkout(actor: CurrentUser | None, order_id: int, gateway: StripeGateway | None) -> str:
    """The hosted checkout URL for an order awaiting card payment (a new session per attempt)."""
    if gateway is None:
        raise PaymentUnavailable()
    with session_scope() as db:
        order, is_factory = _load(db, actor, order_id)
        if is_factory or order.status != OrderStatus.AWAITING_PAYMENT.value:
            raise PermissionDenied()
        items = list(db.exec(select(SampleOrderItem).where(SampleOrderItem.order_id == order.id)).all())
        attempt = 1 + len(
            db.exec(
                select(OrderEvent.id).where(
                    OrderEvent.order_id == order.id, col(OrderEvent.note).like("checkout session%")
                )
            ).all()
        )
        params = checkout_params(order, items, get_settings().app_url)
    session = gateway.create_checkout(params, idempotency_key=f"rs-order-{order_id}-checkout-{attempt}")
    with session_scope() as db:
        order = db.get(SampleOrder, order_id)
        order.stripe_checkout_session_id = session.id
        order.payment_method = PaymentMethod.CARD.value
        db.add(order)
        db.add(
            OrderEvent(
                order_id=order.id,
                from_status=order.status,
                to_status=order.status,
                actor_user_id=actor.id,
                actor_kind="buyer",
                note=f"checkout session {session.id}",
            )
        )
    return session.url


def refund_card(actor: CurrentUser | None, order_id: int, gateway: StripeGateway | None) -> None:
    """Ask Stripe to refund a card payment; the order becomes refunded when charge.refunded arrives."""
    if gateway is None:
        raise PaymentUnavailable()
    with session_scope() as db:
        order, is_factory = _load(db, actor, order_id)
        if (
            not is_factory
            or order.status not in (OrderStatus.PAID.value, OrderStatus.ACCEPTED.value)
            or not order.stripe_payment_intent_id
        ):
            raise PermissionDenied()
        intent = order.stripe_payment_intent_id
    gateway.refund(intent, idempotency_key=f"rs-order-{order_id}-refund")
    with session_scope() as db:
        order = db.get(SampleOrder, order_id)
        db.add(
            OrderEvent(
                order_id=order.id,
                from_status=order.status,
                to_status=order.status,
                actor_user_id=actor.id,
                actor_kind="factory",
                note="refund requested at Stripe",
            )
        )


def _order_for(db: Session, obj: dict) -> SampleOrder | None:
    order_id = (obj.get("metadata") or {}).get("order_id") or obj.get("client_reference_id")
    if order_id and str(order_id).isdigit():
        return db.get(SampleOrder, int(order_id))
    if obj.get("payment_intent"):
        return db.exec(select(SampleOrder).where(SampleOrder.stripe_payment_intent_id == obj["payment_intent"])).first()
    return None


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
        if order is None:
            return True
        paid_now = (
            event_type == "checkout.session.completed" and obj.get("payment_status") == "paid"
        ) or event_type == "checkout.session.async_payment_succeeded"
        if paid_now:
            if obj.get("payment_intent"):
                order.stripe_payment_intent_id = str(obj["payment_intent"])
            order.stripe_checkout_session_id = str(obj.get("id") or order.stripe_checkout_session_id)
            if order.status == OrderStatus.AWAITING_PAYMENT.value:
                move(db, order, OrderStatus.PAID.value, "payment", None, f"paid by card ({event_type})")
        elif event_type in ("checkout.session.async_payment_failed", "checkout.session.expired"):
            # Only the current session matters, and never after the order was paid.
            if order.status == OrderStatus.AWAITING_PAYMENT.value and order.stripe_checkout_session_id == obj.get("id"):
                order.stripe_checkout_session_id = None
                db.add(order)
                db.add(
                    OrderEvent(
                        order_id=order.id,
                        from_status=order.status,
                        to_status=order.status,
                        actor_kind="stripe",
                        note="payment failed" if event_type.endswith("failed") else "checkout expired",
                    )
                )
        elif event_type == "checkout.session.completed":
            db.add(
                OrderEvent(
                    order_id=order.id,
                    from_status=order.status,
                    to_status=order.status,
                    actor_kind="stripe",
                    note="payment processing",
                )
            )
        elif event_type == "charge.refunded" and order.status in (OrderStatus.PAID.value, OrderStatus.ACCEPTED.value):
            move(db, order, OrderStatus.REFUNDED.value, "payment", None, "refunded by card")
        return True
