"""Switching an awaiting-payment order between card and bank transfer: only the buyer, only before payment;
the order's payable checkouts are expired at (the stand-in) Stripe first; a payment from one of them that
still arrives after the switch is taken and switches the order back to card, never lost, never silent."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from realsourcing.core.errors import PermissionDenied
from realsourcing.db import session_scope
from realsourcing.notifications.models import Notification, OutboxMessage
from realsourcing.orders import payments
from realsourcing.orders import service as orders
from realsourcing.orders.events import OrderEventKind
from realsourcing.orders.lifecycle import Action, OrderRefused
from realsourcing.orders.models import OrderEvent, PaymentAnomaly, SampleOrder
from realsourcing.orders.stripe_gateway import PaymentUnavailable, StripeGateway
from tests.integration import test_payment_reconciliation as reconcile
from tests.integration.test_payment_reconciliation import (
    TOTAL,
    a_card_checkout,
    an_order,
    completed,
    kinds_on_timeline,
    status_of,
)
from tests.support.builders import a_buyer

K = OrderEventKind
stripe, shop, buyer = reconcile.stripe, reconcile.shop, reconcile.buyer  # the same Stripe stand-in and shop


def order_row(order_id: int) -> SampleOrder:
    with session_scope() as db:
        order = db.get(SampleOrder, order_id)
        db.expunge(order)
        return order


def event_of(order_id: int, kind: OrderEventKind) -> OrderEvent:
    with session_scope() as db:
        event = db.exec(select(OrderEvent).where(OrderEvent.order_id == order_id, OrderEvent.kind == kind)).one()
        db.expunge(event)
        return event


def told(order_id: int, kind: str) -> list[tuple[int, str]]:
    """(recipient, email subject) of each notification of this kind about the order."""
    with session_scope() as db:
        return sorted(
            db.exec(
                select(Notification.user_id, OutboxMessage.subject)
                .join(OutboxMessage, col(OutboxMessage.notification_id) == Notification.id)
                .where(Notification.kind == kind, Notification.link == f"/orders/{order_id}")
            ).all()
        )


def anomalies_of(order_id: int) -> list[str]:
    with session_scope() as db:
        return list(db.exec(select(PaymentAnomaly.kind).where(PaymentAnomaly.order_id == order_id)).all())


def switch_to_bank(stripe, buyer, order_id: int) -> None:
    orders.act(buyer, order_id, Action.SWITCH_TO_BANK_TRANSFER.value, gateway=stripe.gateway)


def test_switching_to_bank_transfer_expires_every_payable_checkout_and_tells_the_factory(stripe, shop, buyer):
    order_id, first = a_card_checkout(stripe, shop, buyer)
    payments.start_checkout(buyer, order_id, stripe.gateway)  # "Pay" again: a second session, both payable
    second = stripe.standin.by_key[f"rs-order-{order_id}-checkout-2"]

    switch_to_bank(stripe, buyer, order_id)

    expired = stripe.standin.expire_requests()
    assert [r.path for r in expired] == [
        f"/v1/checkout/sessions/{first['id']}/expire",
        f"/v1/checkout/sessions/{second['id']}/expire",
    ]
    assert all(r.api_key == "sk_test_reconcile" for r in expired)
    assert [stripe.standin.sessions[s["id"]]["status"] for s in (first, second)] == ["expired", "expired"]
    order = order_row(order_id)
    assert (order.payment_method, order.status, order.stripe_checkout_session_id) == (
        "bank_transfer",
        "awaiting_payment",
        None,
    )
    switched = event_of(order_id, K.SWITCHED_TO_BANK_TRANSFER)
    assert (switched.actor_kind, switched.actor_user_id) == ("buyer", buyer.id)
    assert switched.data == {"expired_sessions": f"{first['id']} {second['id']}"}
    recipients = told(order_id, "order_switched_to_bank_transfer")
    assert sorted(user for user, _ in recipients) == sorted([buyer.id, shop.owner.id])
    assert all("to be paid by bank transfer" in subject for _, subject in recipients)

    shown = orders.view(buyer, order_id)
    assert shown.payment_method == "bank_transfer" and not shown.has_checkout
    assert shown.actions == [Action.SWITCH_TO_CARD, Action.CANCEL]
    assert orders.view(shop.owner, order_id).actions == [Action.MARK_PAID, Action.CANCEL]

    # Stripe then reports the expiries it made: they belong to the order and are nothing to report.
    for session in (first, second):
        event = stripe.standin.publish("checkout.session.expired", {**session, "status": "expired"})
        assert stripe.deliver(event).json() == {"received": True, "duplicate": False}
    assert anomalies_of(order_id) == []
    assert kinds_on_timeline(order_id)[-1] == K.SWITCHED_TO_BANK_TRANSFER

    # Back to card and to bank again: only the new checkout is expired, the old ones are known to be closed.
    checkout_url = orders.act(buyer, order_id, Action.SWITCH_TO_CARD.value, gateway=stripe.gateway)
    third = stripe.standin.by_key[f"rs-order-{order_id}-checkout-3"]
    assert checkout_url == third["url"]
    switch_to_bank(stripe, buyer, order_id)
    assert [r.path for r in stripe.standin.expire_requests()][2:] == [f"/v1/checkout/sessions/{third['id']}/expire"]


def test_only_the_buyer_switches_and_only_while_awaiting_payment(stripe, shop, buyer):
    order_id, _ = a_card_checkout(stripe, shop, buyer)
    with pytest.raises(PermissionDenied):
        switch_to_bank(stripe, shop.owner, order_id)
    with pytest.raises(PermissionDenied):
        switch_to_bank(stripe, a_buyer(), order_id)  # someone else's order
    with pytest.raises(PermissionDenied):  # a card order cannot "switch" to card
        orders.act(buyer, order_id, Action.SWITCH_TO_CARD.value, gateway=stripe.gateway)
    with pytest.raises(PermissionDenied):  # the provider's own action is nobody's to take
        orders.act(buyer, order_id, Action.CARD_PAYMENT_AFTER_SWITCH.value, gateway=stripe.gateway)
    assert stripe.standin.expire_requests() == []

    paid_id, session = a_card_checkout(stripe, shop, buyer)
    stripe.deliver(completed(stripe, session, f"pi_paid_{paid_id}"))
    with pytest.raises(OrderRefused):
        switch_to_bank(stripe, buyer, paid_id)
    bank_id = an_order(shop, buyer, method="bank_transfer")
    orders.act(shop.owner, bank_id, "mark_paid")
    with pytest.raises(OrderRefused):
        orders.act(buyer, bank_id, Action.SWITCH_TO_CARD.value, gateway=stripe.gateway)
    assert (order_row(paid_id).payment_method, order_row(bank_id).payment_method) == ("card", "bank_transfer")
    assert stripe.standin.expire_requests() == []


def test_a_checkout_paid_before_the_switch_refuses_it_and_the_payment_still_counts(stripe, shop, buyer):
    order_id, session = a_card_checkout(stripe, shop, buyer)
    paid = stripe.standin.complete(session["id"], f"pi_first_{order_id}")  # paid; the webhook is on its way
    with pytest.raises(OrderRefused) as refused:
        switch_to_bank(stripe, buyer, order_id)
    assert refused.value.key == "err.card_payment_under_way"
    # expire said "not open" (400), so the gateway asked Stripe what the session became
    assert [(r.method, r.path) for r in stripe.standin.requests[-2:]] == [
        ("POST", f"/v1/checkout/sessions/{session['id']}/expire"),
        ("GET", f"/v1/checkout/sessions/{session['id']}"),
    ]
    assert order_row(order_id).payment_method == "card" and K.SWITCHED_TO_BANK_TRANSFER not in kinds_on_timeline(
        order_id
    )
    stripe.deliver(stripe.standin.publish("checkout.session.completed", paid))
    assert status_of(order_id) == "paid"


def test_an_expired_checkout_is_read_back_and_an_unknown_one_is_unavailable(stripe):
    gateway = stripe.gateway
    created = gateway.create_checkout(
        {"mode": "payment", "line_items": [], "success_url": "http://x/ok", "cancel_url": "http://x/back"},
        idempotency_key="rs-test-close",
    )
    assert gateway.close_checkout(created.id) == "expired"
    assert gateway.close_checkout(created.id) == "expired"  # again: Stripe says 400, the read says expired
    assert stripe.standin.sessions[created.id]["status"] == "expired"
    with pytest.raises(PaymentUnavailable):
        gateway.close_checkout("cs_test_never_made")


def test_without_stripe_an_open_checkout_keeps_the_order_on_card(stripe, shop, buyer):
    order_id, _ = a_card_checkout(stripe, shop, buyer)
    with pytest.raises(PaymentUnavailable):
        orders.act(buyer, order_id, Action.SWITCH_TO_BANK_TRANSFER.value, gateway=None)
    assert order_row(order_id).payment_method == "card"
    with_no_checkout = an_order(shop, buyer)  # nothing can be paid at Stripe: the way out needs no Stripe
    orders.act(buyer, with_no_checkout, Action.SWITCH_TO_BANK_TRANSFER.value, gateway=None)
    assert order_row(with_no_checkout).payment_method == "bank_transfer"
    with pytest.raises(PaymentUnavailable):
        orders.act(buyer, with_no_checkout, Action.SWITCH_TO_CARD.value, gateway=None)
    assert order_row(with_no_checkout).payment_method == "bank_transfer"


def test_switching_to_card_opens_a_checkout_as_pay_does(stripe, shop, buyer):
    order_id = an_order(shop, buyer, method="bank_transfer")
    url = orders.act(buyer, order_id, Action.SWITCH_TO_CARD.value, gateway=stripe.gateway)
    created = stripe.standin.by_key[f"rs-order-{order_id}-checkout-1"]
    assert url == created["url"] and created["amount_total"] == TOTAL
    order = order_row(order_id)
    assert (order.payment_method, order.stripe_checkout_session_id) == ("card", created["id"])
    assert kinds_on_timeline(order_id) == [K.PLACED, K.SWITCHED_TO_CARD, K.CHECKOUT_STARTED]
    assert sorted(u for u, _ in told(order_id, "order_switched_to_card")) == sorted([buyer.id, shop.owner.id])
    stripe.deliver(completed(stripe, created, f"pi_switched_{order_id}"))
    assert status_of(order_id) == "paid"


def test_a_checkout_opened_while_another_tab_switches_to_bank_transfer_is_expired_at_once(stripe, shop, buyer):
    order_id = an_order(shop, buyer)

    class OtherTabSwitches(StripeGateway):
        """Stripe answers the checkout just after the buyer's other tab switched the order to bank transfer."""

        def create_checkout(self, params, idempotency_key):
            created = super().create_checkout(params, idempotency_key)
            switch_to_bank(stripe, buyer, order_id)
            return created

    racing = OtherTabSwitches(stripe.gateway.secret_key, stripe.gateway.webhook_secret, stripe.gateway.api_base)
    with pytest.raises(PermissionDenied):  # "Pay" is no action of a bank-transfer order
        payments.start_checkout(buyer, order_id, racing)
    created = stripe.standin.by_key[f"rs-order-{order_id}-checkout-1"]
    assert stripe.standin.sessions[created["id"]]["status"] == "expired"
    assert kinds_on_timeline(order_id) == [K.PLACED, K.SWITCHED_TO_BANK_TRANSFER]
    assert order_row(order_id).stripe_checkout_session_id is None


# --- the race: a payment from the order's own checkout after the switch ----------------------------------


def test_a_payment_from_an_own_checkout_after_the_switch_pays_the_order_by_card(stripe, shop, buyer):
    order_id, session = a_card_checkout(stripe, shop, buyer)
    switch_to_bank(stripe, buyer, order_id)
    race = completed(stripe, session, f"pi_race_{order_id}")  # delivered after the switch
    assert stripe.deliver(race).json() == {"received": True, "duplicate": False}
    assert stripe.deliver(race).json()["duplicate"] is True

    order = order_row(order_id)
    assert (order.status, order.payment_method, order.stripe_payment_intent_id) == (
        "paid",
        "card",
        f"pi_race_{order_id}",
    )
    assert kinds_on_timeline(order_id)[-3:] == [
        K.SWITCHED_TO_BANK_TRANSFER,
        K.CARD_PAYMENT_AFTER_SWITCH,
        K.PAID_BY_CARD,
    ]
    back = event_of(order_id, K.CARD_PAYMENT_AFTER_SWITCH)
    assert (back.actor_kind, back.data) == ("payment", {"session_id": session["id"]})
    assert anomalies_of(order_id) == [] and stripe.standin.refund_requests() == []
    assert sorted(u for u, _ in told(order_id, "order_paid")) == sorted([buyer.id, shop.owner.id])
    assert orders.view(buyer, order_id).bank is None  # a card order shows no bank account


def test_a_wrong_amount_from_an_own_checkout_after_the_switch_moves_nothing(stripe, shop, buyer):
    order_id, session = a_card_checkout(stripe, shop, buyer)
    switch_to_bank(stripe, buyer, order_id)
    before = kinds_on_timeline(order_id)
    stripe.deliver(completed(stripe, session, "pi_one_cent_after_switch", amount_total=1))
    assert (status_of(order_id), order_row(order_id).payment_method) == ("awaiting_payment", "bank_transfer")
    assert kinds_on_timeline(order_id) == before and anomalies_of(order_id) == ["not_a_card_order"]


def test_a_payment_after_the_switch_and_a_cancellation_is_refunded_once(stripe, shop, buyer):
    order_id, session = a_card_checkout(stripe, shop, buyer)
    switch_to_bank(stripe, buyer, order_id)
    orders.act(buyer, order_id, "cancel", note="bought elsewhere")
    stripe.deliver(completed(stripe, session, f"pi_late_switch_{order_id}"))
    assert [r.idempotency_key for r in stripe.standin.refund_requests()] == [
        f"rs-order-{order_id}-late-payment-pi_late_switch_{order_id}"
    ]
    assert status_of(order_id) == "cancelled"
    assert kinds_on_timeline(order_id)[-2:] == [K.CARD_PAYMENT_AFTER_SWITCH, K.LATE_PAYMENT_REFUNDED]


def test_a_payment_after_the_bank_transfer_was_confirmed_is_kept_for_an_admin(stripe, shop, buyer):
    order_id, session = a_card_checkout(stripe, shop, buyer)
    switch_to_bank(stripe, buyer, order_id)
    orders.act(shop.owner, order_id, "mark_paid")
    stripe.deliver(completed(stripe, session, f"pi_twice_{order_id}"))
    order = order_row(order_id)
    assert (order.status, order.payment_method, order.stripe_payment_intent_id) == ("paid", "bank_transfer", None)
    assert anomalies_of(order_id) == ["not_a_card_order"]
