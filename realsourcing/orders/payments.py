"""Card payments through Stripe Checkout, and reconciling Stripe's events with our orders.

Rules:
- The Checkout Session is created on the server with the order's line items (prices from our
  database), the order id in metadata and client_reference_id, and an idempotency key derived from
  the order and the attempt (the number of checkouts opened before, counted from the typed events),
  so a retried request never creates a second session; a session whose order moved on while it was
  being created (switched to bank transfer, paid, cancelled in another tab) is expired at once. The
  session id is kept in the order's checkout_started event; the payment intent on the order once a
  verified payment names it.
- A webhook is trusted only with a valid signature over the raw body (see stripe_gateway); each event
  id is applied once (webhook, retry or catch-up alike).
- An event is about an order only through what that order created: a Checkout Session it opened, or
  the payment intent it was paid with; the order id written in the event is a hint that must agree.
  It fulfils the order only for the exact total, in the order's currency, on a card order
  (payment_state.mismatch). Anything else changes nothing and is kept as a payment anomaly.
- The order's status follows the payment state derived from all its accepted events
  (payment_state.payment_state), so arrival order does not matter: a refund that arrives before its
  payment waits for it, a late "completed" never undoes a refund, an expired session never undoes a payment.
- While awaiting payment the buyer may switch between card and bank transfer (lifecycle.TABLE), to bank
  transfer only when the factory set its bank details (there is no account to pay into otherwise). Before a
  switch to bank transfer is recorded, every checkout the order opened that may still be paid is expired
  at Stripe; if Stripe says one was paid first ("complete"), the switch is refused (the payment is on its
  way to the webhook), and without Stripe it is refused too (nothing else can close them). Every switch,
  in either direction, is told to the factory and the buyer. Switching to card opens a checkout at once,
  as "Pay" does.
- A payment from one of the order's own checkouts that still arrives after a switch to bank transfer (a
  delivery racing the switch) is TAKEN, not bounced: its identity (a session this order opened) and its
  amount and currency are verified as for any card payment, so the order goes back to card (a provider
  event on the timeline says why) and is paid; both sides are told it is paid, so the buyer sends no
  transfer. Refunding it instead would leave a buyer who did pay with an unpaid order, their money on its
  way back for days and a bank fee to pay. If the order was cancelled meanwhile, the same switch back
  makes it a late payment, refunded as below. A bank-transfer order the factory already confirmed as paid
  keeps such a payment as an anomaly (not_a_card_order) for an admin to refund.
- Money that arrives for a cancelled order is refunded at Stripe (idempotency key from the order and
  the payment intent), recorded on the order's timeline and told to both sides; if Stripe cannot be
  reached the anomaly says so and the catch-up tries again.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select
from stripe.params.checkout import SessionCreateParams, SessionCreateParamsLineItem

from realsourcing.accounts.identity import CurrentUser
from realsourcing.config import get_settings
from realsourcing.core.errors import PermissionDenied
from realsourcing.db import session_scope, utcnow
from realsourcing.orders import anomalies, lifecycle, transitions
from realsourcing.orders.access import order_for
from realsourcing.orders.events import OrderEventKind
from realsourcing.orders.lifecycle import Action, OrderRefused, OrderStatus, Side
from realsourcing.orders.models import OrderEvent, ProviderEvent, SampleOrder, SampleOrderItem
from realsourcing.orders.payment_state import (
    REFUND_EVENTS,
    SHIPPED_ALREADY,
    FactKind,
    Mismatch,
    OrderTerms,
    PaymentFact,
    ended_after_switch,
    fact_of,
    late_payment,
    mismatch,
    moves_to_match,
    paid_after_switch,
    paying_fact,
    payment_state,
)
from realsourcing.orders.stripe_gateway import PaymentUnavailable, StripeGateway
from realsourcing.profile import bank_details

STRIPE = "stripe"
# What a fact about the order's current checkout adds to its timeline (it moves no status).
TIMELINE_ONLY: dict[FactKind, Action] = {
    FactKind.PROCESSING: Action.PAYMENT_PROCESSING,
    FactKind.FAILED: Action.PAYMENT_FAILED,
    FactKind.EXPIRED: Action.CHECKOUT_EXPIRED,
}


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
    try:
        with session_scope() as db:
            order, side = order_for(db, actor, order_id)
            order.stripe_checkout_session_id = session.id
            transitions.apply(db, order, Action.PAY, side, actor.id, {"session_id": session.id, "attempt": attempt})
    except (OrderRefused, PermissionDenied):
        gateway.close_checkout(session.id)  # the order moved on meanwhile (switched, paid, cancelled): unpayable
        raise
    return session.url


def _checkouts_that_may_be_paid(db: Session, order_id: int) -> list[str]:
    """Sessions the order opened that no fact says ended and no earlier switch expired, oldest first."""
    kinds = (OrderEventKind.CHECKOUT_STARTED, OrderEventKind.SWITCHED_TO_BANK_TRANSFER)
    opened: list[str] = []
    closed = {f.session_id for f in _facts(db, order_id) if f.kind in (FactKind.FAILED, FactKind.EXPIRED)}
    for kind, data in db.exec(
        select(OrderEvent.kind, OrderEvent.data)
        .where(OrderEvent.order_id == order_id, col(OrderEvent.kind).in_(kinds))
        .order_by(col(OrderEvent.id))
    ).all():
        if kind == OrderEventKind.CHECKOUT_STARTED:
            opened.append(str(data.get("session_id", "")))
        else:
            closed |= set(str(data.get("expired_sessions", "")).split())
    return [session for session in dict.fromkeys(opened) if session and session not in closed]


def _locked(db: Session, actor: CurrentUser, order_id: int) -> tuple[SampleOrder, Side]:
    order, side = order_for(db, actor, order_id)
    return db.exec(select(SampleOrder).where(SampleOrder.id == order.id).with_for_update()).one(), side


def switch_to_bank_transfer(actor: CurrentUser, order_id: int, gateway: StripeGateway | None) -> None:
    """The buyer pays by bank transfer instead: the order's payable checkouts are expired at Stripe first."""
    with session_scope() as db:
        order, side = order_for(db, actor, order_id)
        lifecycle.decide(order.status, Action.SWITCH_TO_BANK_TRANSFER, side, order.payment_method)
        if not bank_details.are_set(db, order.factory_id):
            raise OrderRefused("err.bank_transfer_not_offered")  # no account to pay into
        sessions = _checkouts_that_may_be_paid(db, order_id)
    if sessions and gateway is None:
        raise PaymentUnavailable()  # nobody else can make them unpayable
    for session_id in sessions:
        if gateway is not None and gateway.close_checkout(session_id) == "complete":
            raise OrderRefused("err.card_payment_under_way")  # paid first: the webhook will tell us
    with session_scope() as db:
        order, side = _locked(db, actor, order_id)
        if set(_checkouts_that_may_be_paid(db, order_id)) - set(sessions):
            raise OrderRefused("err.order_changed")  # a checkout was opened meanwhile (another tab)
        data = {"expired_sessions": " ".join(sessions)}
        transitions.apply(db, order, Action.SWITCH_TO_BANK_TRANSFER, side, actor.id, data)
        order.stripe_checkout_session_id = None
        db.add(order)
        transitions.tell(db, order, "order_switched_to_bank_transfer")


def switch_to_card(actor: CurrentUser, order_id: int, gateway: StripeGateway | None) -> str:
    """The buyer pays by card instead; returns the hosted checkout URL of the checkout opened for it."""
    if gateway is None:
        raise PaymentUnavailable()
    with session_scope() as db:
        order, side = _locked(db, actor, order_id)
        transitions.apply(db, order, Action.SWITCH_TO_CARD, side, actor.id)
        transitions.tell(db, order, "order_switched_to_card")
    return start_checkout(actor, order_id, gateway)


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


def handle_event(event: dict, gateway: StripeGateway | None = None) -> bool:
    """Apply a verified Stripe event once. Returns False for a duplicate; types we do not reconcile are ignored.

    `gateway` refunds money that arrives for a cancelled order (without one, that refund is an anomaly).
    """
    event_id, event_type = str(event.get("id", "")), str(event.get("type", ""))
    fact = fact_of(event)
    with session_scope() as db:
        if db.exec(
            select(ProviderEvent.id).where(ProviderEvent.provider == STRIPE, ProviderEvent.event_id == event_id)
        ).first():
            return False
        received = ProviderEvent(
            provider=STRIPE,
            event_id=event_id,
            event_type=event_type,
            payload=event if fact else {"object_id": _object_id(event)},
            payment_intent=fact.payment_intent[:255] if fact else "",
            processed_at=utcnow(),
        )
        db.add(received)
        db.flush()  # a second delivery of the same event, at the same moment, stops here (unique event id)
        order_id = _apply(db, received, fact, event) if fact else None
    if order_id is not None:
        settle_late_payment(order_id, gateway)
    return True


def _object_id(event: dict) -> str:
    data = event.get("data")
    obj = data.get("object") if isinstance(data, dict) else None
    return str(obj.get("id", "")) if isinstance(obj, dict) else ""


def _owner(db: Session, fact: PaymentFact) -> tuple[SampleOrder | None, Mismatch, str]:
    """The order that created this fact's Checkout Session or payment intent (else why none is)."""
    if fact.kind == FactKind.REFUNDED:
        order = (
            db.exec(select(SampleOrder).where(SampleOrder.stripe_payment_intent_id == fact.payment_intent)).first()
            if fact.payment_intent
            else None
        )
        reason = f"no order was paid with payment intent {fact.payment_intent or '(none)'} (yet): kept for it"
        return order, Mismatch.UNKNOWN_PAYMENT_INTENT, reason
    order_id = None
    if fact.session_id:
        opened_by = col(OrderEvent.data)["session_id"].as_string() == fact.session_id
        order_id = (
            db.exec(
                select(OrderEvent.order_id).where(OrderEvent.kind == OrderEventKind.CHECKOUT_STARTED, opened_by)
            ).first()
            or db.exec(select(SampleOrder.id).where(SampleOrder.stripe_checkout_session_id == fact.session_id)).first()
        )
    order = db.get(SampleOrder, order_id) if order_id is not None else None
    return order, Mismatch.UNKNOWN_SESSION, f"no order opened Checkout Session {fact.session_id or '(none)'}"


def _terms(order: SampleOrder) -> OrderTerms:
    assert order.id is not None, "loaded rows have ids"
    return OrderTerms(
        order.id, order.payment_method, order.total_cents, order.currency, order.stripe_payment_intent_id or ""
    )


def _refuse(db: Session, received: ProviderEvent, kind: Mismatch, reason: str, event: dict, order_id: int | None):
    received.error = f"{kind.value}: {reason}"[:2000]
    db.add(received)
    anomalies.record(db, kind, reason, event, order_id)


def _apply(db: Session, received: ProviderEvent, fact: PaymentFact, event: dict) -> int | None:
    """Tie the event to its order, or keep it as an anomaly; then bring the order in line. Returns the order id."""
    order, unknown, reason = _owner(db, fact)
    if order is None:
        _refuse(db, received, unknown, reason, event, fact.order_hint)
        return None
    order = db.exec(select(SampleOrder).where(SampleOrder.id == order.id).with_for_update()).one()
    found = mismatch(fact, _terms(order))
    if found is not None and ended_after_switch(fact, _terms(order)):
        found = None  # the switch to bank transfer expired it: one of the order's facts, nothing to report
    elif (
        found is not None
        and paid_after_switch(fact, _terms(order))
        and lifecycle.permits(order.status, Action.CARD_PAYMENT_AFTER_SWITCH, Side.PAYMENT, order.payment_method)
    ):
        data = {"session_id": fact.session_id}
        transitions.apply(db, order, Action.CARD_PAYMENT_AFTER_SWITCH, Side.PAYMENT, None, data)
        found = mismatch(fact, _terms(order))
    if found is not None:
        _refuse(db, received, *found, event, order.id)
        return None
    _tie(db, received, order, fact)
    if fact.kind == FactKind.SUCCEEDED and not order.stripe_payment_intent_id:
        order.stripe_payment_intent_id = fact.payment_intent  # whatever the status: a refund needs it
        db.add(order)
        _adopt_waiting_refunds(db, order)
    db.flush()
    _note_on_timeline(db, order, fact)
    _follow_payment_state(db, order)
    return order.id


def _tie(db: Session, received: ProviderEvent, order: SampleOrder, fact: PaymentFact) -> None:
    """The event is one of the order's payment facts from now on."""
    received.order_id, received.error = order.id, ""
    db.add(received)
    if fact.kind == FactKind.REFUNDED and order.status in SHIPPED_ALREADY:
        reason = f"Stripe refunded the payment of order {order.id}, which is already {order.status}"
        anomalies.record(db, Mismatch.REFUND_AFTER_SHIPPING, reason, received.payload, order.id)


def _waiting_refunds():
    """Refund events kept because no order had their payment intent when they arrived."""
    return select(ProviderEvent).where(
        ProviderEvent.provider == STRIPE,
        col(ProviderEvent.order_id).is_(None),
        col(ProviderEvent.event_type).in_(REFUND_EVENTS),
        col(ProviderEvent.error).startswith(Mismatch.UNKNOWN_PAYMENT_INTENT.value),
    )


def _adopt_waiting_refunds(db: Session, order: SampleOrder) -> None:
    """Refunds of the order's payment intent that arrived before the payment now count for it (if they match)."""
    for refund in db.exec(_waiting_refunds().where(ProviderEvent.payment_intent == order.stripe_payment_intent_id)):
        fact = fact_of(refund.payload)
        found = mismatch(fact, _terms(order)) if fact else (Mismatch.UNKNOWN_PAYMENT_INTENT, "not a refund")
        if found is not None:
            _refuse(db, refund, *found, refund.payload, order.id)
        elif fact is not None:
            _tie(db, refund, order, fact)


def apply_waiting_refunds() -> int:
    """Adopt refunds whose payment became known meanwhile (two deliveries crossing); the catch-up runs this."""
    with session_scope() as db:
        order_ids = db.exec(
            select(SampleOrder.id).where(
                col(SampleOrder.stripe_payment_intent_id).in_(
                    _waiting_refunds().with_only_columns(col(ProviderEvent.payment_intent))
                )
            )
        ).all()
    for order_id in order_ids:
        with session_scope() as db:
            order = db.exec(select(SampleOrder).where(SampleOrder.id == order_id).with_for_update()).one()
            _adopt_waiting_refunds(db, order)
            db.flush()
            _follow_payment_state(db, order)
    return len(order_ids)


def _note_on_timeline(db: Session, order: SampleOrder, fact: PaymentFact) -> None:
    """A pending, failed or expired checkout shows on the timeline (failed/expired: only the current session)."""
    action = TIMELINE_ONLY.get(fact.kind)
    if action is None or not lifecycle.permits(order.status, action, Side.PAYMENT, order.payment_method):
        return
    if fact.kind != FactKind.PROCESSING:
        if order.stripe_checkout_session_id != fact.session_id:
            return  # an older attempt ended: the buyer's current checkout is what matters
        order.stripe_checkout_session_id = None
    transitions.apply(db, order, action, Side.PAYMENT, None, {"session_id": fact.session_id})


def _facts(db: Session, order_id: int) -> list[PaymentFact]:
    payloads = db.exec(
        select(ProviderEvent.payload).where(ProviderEvent.provider == STRIPE, ProviderEvent.order_id == order_id)
    ).all()
    return [fact for fact in (fact_of(dict(payload)) for payload in payloads) if fact is not None]


def _follow_payment_state(db: Session, order: SampleOrder) -> None:
    """Move the order's status to the payment state of all its facts, through the lifecycle's own actions."""
    facts = _facts(db, order.id or 0)
    paid_by = paying_fact(facts)
    for action in moves_to_match(order.status, payment_state(facts)):
        data = {"payment_intent": order.stripe_payment_intent_id or ""}
        if action == Action.PAYMENT_SUCCEEDED and paid_by is not None:
            data = {"session_id": paid_by.session_id, "payment_intent": paid_by.payment_intent}
        transitions.apply(db, order, action, Side.PAYMENT, None, data)


def late_refund_key(order_id: int, payment_intent: str) -> str:
    """The idempotency key of the refund of money that arrived after the order was cancelled."""
    return f"rs-order-{order_id}-late-payment-{payment_intent}"


def _late_refund_recorded(db: Session, order_id: int, payment_intent: str) -> bool:
    return (
        db.exec(
            select(OrderEvent.id).where(
                OrderEvent.order_id == order_id,
                OrderEvent.kind == OrderEventKind.LATE_PAYMENT_REFUNDED,
                col(OrderEvent.data)["payment_intent"].as_string() == payment_intent,
            )
        ).first()
        is not None
    )


def settle_late_payment(order_id: int, gateway: StripeGateway | None) -> bool:
    """Refund money that arrived for a cancelled order, once; tell both sides. True when a refund was made now."""
    with session_scope() as db:
        order = db.get(SampleOrder, order_id)
        if order is None or not late_payment(order.status, payment_state(_facts(db, order_id))):
            return False
        intent = order.stripe_payment_intent_id or ""
        if not intent or _late_refund_recorded(db, order_id, intent):
            return False
        paid_with = db.exec(
            select(ProviderEvent.payload)
            .where(ProviderEvent.order_id == order_id, ProviderEvent.payment_intent == intent)
            .order_by(col(ProviderEvent.id))
        ).first()
    try:
        if gateway is None:
            raise PaymentUnavailable()
        refund_id = gateway.refund(intent, idempotency_key=late_refund_key(order_id, intent))
    except PaymentUnavailable:
        with session_scope() as db:
            reason = f"order {order_id} was cancelled before {intent} paid it; the refund did not reach Stripe"
            anomalies.record(db, Mismatch.REFUND_FAILED, reason, dict(paid_with or {}), order_id)
        return False
    with session_scope() as db:
        order = db.exec(select(SampleOrder).where(SampleOrder.id == order_id).with_for_update()).one()
        if _late_refund_recorded(db, order_id, intent):
            return False
        data = {"payment_intent": intent, "refund_id": refund_id}
        transitions.record(db, order, OrderEventKind.LATE_PAYMENT_REFUNDED, Side.PAYMENT, None, data)
        transitions.tell(db, order, "order_late_payment_refunded")
    return True


def settle_all_late_payments(gateway: StripeGateway | None) -> int:
    """Retry every late payment whose refund is still owed (the catch-up command runs this). Returns how many."""
    with session_scope() as db:
        refunded_already = select(OrderEvent.id).where(
            OrderEvent.order_id == SampleOrder.id, OrderEvent.kind == OrderEventKind.LATE_PAYMENT_REFUNDED
        )
        cancelled_but_paid = db.exec(
            select(SampleOrder.id).where(
                SampleOrder.status == OrderStatus.CANCELLED,
                col(SampleOrder.stripe_payment_intent_id).is_not(None),
                ~refunded_already.exists(),
            )
        ).all()
    return sum(settle_late_payment(order_id, gateway) for order_id in cancelled_but_paid if order_id is not None)
