"""Sample orders at the service layer: pricing, the state machine, authorization, Stripe requests
at a local stand-in, and idempotent, order-safe webhook processing."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from itertools import product as pairs

import pytest
from sqlmodel import col, select

from realsourcing.accounts import service as accounts
from realsourcing.core.errors import PermissionDenied, ValidationFailed
from realsourcing.core.idempotency import new_key
from realsourcing.db import session_scope
from realsourcing.notifications.models import OutboxMessage
from realsourcing.orders import lifecycle, payments
from realsourcing.orders import service as orders
from realsourcing.orders.events import OrderEventKind
from realsourcing.orders.lifecycle import OrderRefused
from realsourcing.orders.models import OrderEvent, OrderStatus, SampleOrder, ShippingRate
from realsourcing.orders.service import Address, Line
from realsourcing.orders.stripe_gateway import PaymentUnavailable, SignatureRejected, StripeGateway
from realsourcing.profile import catalog
from realsourcing.profile.models import Factory
from tests.support.builders import a_buyer, a_factory, a_product, with_bank_details
from tests.support.stripe_standin import StripeStandIn, sign

WEBHOOK_SECRET = "whsec_test_secret"
ADDRESS = Address(
    "Maya Thompson", "Northwind Goods", "US", "12 Harbor St", "", "Portland", "OR", "97201", "+1 503 555 0100"
)


def new_factory() -> tuple[accounts.CurrentUser, int, int]:
    """The factory these tests order from: a mug and a plate, published, shipped to North America and Europe,
    taking bank transfers."""
    owner = with_bank_details(a_factory(name="Sample Works", full_name="Order Factory", city="Xiamen"))
    mug = a_product(
        owner,
        name_en="Ceramic mug",
        sample_price="12.50",
        sample_max_qty="3",
        sample_lead_time_days="5",
        published=True,
    )
    plate = a_product(
        owner, name_en="Plate", sample_price="8.00", sample_max_qty="2", sample_lead_time_days="9", published=True
    )
    with session_scope() as db:
        db.add(ShippingRate(factory_id=owner.factory_id, region="north_america", label="DHL Express", fee_cents=4500))
        db.add(ShippingRate(factory_id=owner.factory_id, region="europe", label="DHL Express EU", fee_cents=4000))
    return owner, mug, plate


def test_prices_come_from_the_catalogue_and_the_destination():
    owner, mug, plate = new_factory()
    with session_scope() as db:
        us = orders.quote(db, owner.factory_id, [Line(mug, 2), Line(plate, 1)], "US")
        de = orders.quote(db, owner.factory_id, [Line(mug, 1)], "de")
    assert (us.subtotal_cents, us.shipping_cents, us.total_cents, us.lead_time_days) == (
        2 * 1250 + 800,
        4500,
        2 * 1250 + 800 + 4500,
        9,
    )
    assert (de.total_cents, de.shipping_label) == (1250 + 4000, "DHL Express EU")
    with session_scope() as db:
        with pytest.raises(ValidationFailed) as refused:
            orders.quote(db, owner.factory_id, [Line(mug, 4)], "US")
        assert refused.value.field_errors == {f"qty_{mug}": "err.sample_limit"}
        with pytest.raises(ValidationFailed) as refused:
            orders.quote(db, owner.factory_id, [Line(mug, 1)], "BR")
        assert refused.value.field_errors == {"country": "err.no_shipping"}


def test_products_of_another_factory_or_unpublished_are_refused():
    owner, mug, _ = new_factory()
    other, other_mug, _ = new_factory()
    draft = catalog.save_product(
        owner,
        {
            "name_en": "Secret",
            "category": "toys",
            "sample_price": "1",
            "sample_max_qty": "1",
            "sample_lead_time_days": "3",
        },
    )
    with session_scope() as db:
        for line in (Line(other_mug, 1), Line(draft, 1)):
            with pytest.raises(ValidationFailed):
                orders.quote(db, owner.factory_id, [line], "US")


ALL = [s.value for s in OrderStatus]
ALLOWED = {
    ("awaiting_payment", "paid"): {"payment", "factory_bank"},
    ("awaiting_payment", "cancelled"): {"buyer", "factory"},
    ("paid", "accepted"): {"factory"},
    ("paid", "refunded"): {"payment", "factory_bank"},
    ("accepted", "refunded"): {"payment", "factory_bank"},
    ("accepted", "shipped"): {"factory"},
    ("shipped", "delivered"): {"buyer", "factory"},
    ("delivered", "completed"): {"buyer"},
}


@pytest.mark.parametrize("from_status, to_status", list(pairs(ALL, ALL)))
def test_every_transition_is_allowed_or_refused_as_specified(from_status, to_status):
    for actor in ("buyer", "factory", "payment", "factory_bank", "stranger"):
        assert lifecycle.can_transition(from_status, to_status, actor) == (
            actor in ALLOWED.get((from_status, to_status), set())
        )


def test_bank_transfer_flow_and_late_shipping():
    owner, mug, _ = new_factory()
    buyer = a_buyer()
    order_id = orders.create_order(
        buyer,
        owner.factory_id,
        [Line(mug, 2, "blue glaze")],
        ADDRESS,
        payment_method="bank_transfer",
        save_address=True,
        key=new_key(),
    )
    view = orders.view(buyer, order_id)
    assert (view.status, view.total_cents, view.reference.startswith("RS-")) == (
        "awaiting_payment",
        2 * 1250 + 4500,
        True,
    )
    assert (orders.view(buyer, order_id).actions, orders.view(owner, order_id).actions) == (
        ["cancel"],
        ["mark_paid", "cancel"],
    )
    with pytest.raises(PermissionDenied):
        orders.act(buyer, order_id, "mark_paid")
    orders.act(owner, order_id, "mark_paid")
    assert orders.view(owner, order_id).actions == ["accept", "refund_bank"]
    orders.act(owner, order_id, "accept")
    with pytest.raises(ValidationFailed):
        orders.act(owner, order_id, "ship", carrier="", tracking="")
    with session_scope() as db:  # pretend the promised ship-by date was yesterday
        order = db.get(SampleOrder, order_id)
        assert order.promised_ship_by == order.paid_at.date() + timedelta(days=5)  # the mug's sample lead time
        order.promised_ship_by = order.paid_at.date() - timedelta(days=1)
        db.add(order)
    orders.act(owner, order_id, "ship", carrier="DHL", tracking="JD014600003828")
    shipped = orders.view(buyer, order_id)
    assert (shipped.status, shipped.tracking_number, shipped.late) == ("shipped", "JD014600003828", True)
    with pytest.raises(OrderRefused):
        orders.act(buyer, order_id, "complete")  # not delivered yet
    orders.act(buyer, order_id, "delivered")
    orders.act(buyer, order_id, "complete")
    assert [e.status for e in orders.view(owner, order_id).timeline] == [
        "awaiting_payment",
        "paid",
        "accepted",
        "shipped",
        "delivered",
        "completed",
    ]
    timeline = orders.view(buyer, order_id).timeline
    assert [(e.kind, e.by) for e in timeline] == [
        (OrderEventKind.PLACED, "buyer"),
        (OrderEventKind.BANK_TRANSFER_RECEIVED, "factory"),
        (OrderEventKind.ACCEPTED, "factory"),
        (OrderEventKind.SHIPPED, "factory"),
        (OrderEventKind.DELIVERED, "buyer"),
        (OrderEventKind.COMPLETED, "buyer"),
    ]
    assert timeline[3].data == {"carrier": "DHL", "tracking_number": "JD014600003828"}
    assert orders.view(buyer, order_id).actions == []
    assert len(orders.saved_addresses(buyer)) == 1


def test_a_chinese_reader_sees_the_factorys_chinese_name_on_its_orders():
    owner = with_bank_details(a_factory(name="Pearl Kiln Works", name_zh="珍珠窑"))
    mug = a_product(owner, sample_price="9.00", published=True)
    orders.save_shipping_rates(owner, {"north_america": ("DHL Express", "30.00")})
    with session_scope() as db:
        slug = db.exec(select(Factory.slug).where(Factory.id == owner.factory_id)).one()
    buyer = a_buyer()
    order_id = orders.create_order(
        buyer, owner.factory_id, [Line(mug, 1)], ADDRESS, payment_method="bank_transfer", key=new_key()
    )
    for named in (orders.order_form(slug), orders.view(buyer, order_id), orders.my_orders(owner)[0]):
        assert orders.name_for_reader(named.factory_name, named.factory_name_zh, "zh") == "珍珠窑"
        assert orders.name_for_reader(named.factory_name, named.factory_name_zh, "en") == "Pearl Kiln Works"
    assert orders.name_for_reader("Only English Works", "", "zh") == "Only English Works"  # no Chinese name given


def test_emails_show_the_total_in_each_recipients_language():
    owner, mug, _ = new_factory()
    accounts.set_language(owner, "zh")
    buyer = a_buyer()
    order_id = orders.create_order(
        buyer, owner.factory_id, [Line(mug, 2)], ADDRESS, payment_method="bank_transfer", key=new_key()
    )
    with session_scope() as db:
        sent = {
            m.user_id: m
            for m in db.exec(select(OutboxMessage).where(OutboxMessage.kind == "order_awaiting_payment")).all()
            if m.payload.get("order_id") == order_id
        }
    assert (sent[buyer.id].payload["total"], sent[owner.id].payload["total"]) == ("$70.00", "US$70.00")
    assert "($70.00)" in sent[buyer.id].body_text and "（US$70.00）" in sent[owner.id].body_text


def test_a_cancellation_keeps_the_reason_as_written():
    owner, mug, _ = new_factory()
    buyer = a_buyer()
    order_id = orders.create_order(
        buyer, owner.factory_id, [Line(mug, 1)], ADDRESS, payment_method="bank_transfer", key=new_key()
    )
    orders.act(buyer, order_id, "cancel", note="  ordered the  wrong colour ")
    cancelled = orders.view(owner, order_id).timeline[-1]
    assert (cancelled.kind, cancelled.status, cancelled.data) == (
        OrderEventKind.CANCELLED,
        "cancelled",
        {"note": "ordered the wrong colour"},
    )
    with pytest.raises(OrderRefused):
        orders.act(owner, order_id, "mark_paid")  # a cancelled order stays cancelled


def test_another_buyer_or_factory_cannot_read_or_change_an_order():
    owner, mug, _ = new_factory()
    other_owner, _, _ = new_factory()
    buyer, stranger = a_buyer(), a_buyer()
    order_id = orders.create_order(
        buyer, owner.factory_id, [Line(mug, 1)], ADDRESS, payment_method="bank_transfer", key=new_key()
    )
    for actor in (stranger, other_owner):
        for attempt in (
            lambda: orders.view(actor, order_id),
            lambda: orders.act(actor, order_id, "cancel", note="not for me"),
            lambda: orders.act(actor, order_id, "mark_paid"),
            lambda: payments.start_checkout(actor, order_id, None),
        ):
            with pytest.raises((PermissionDenied, PaymentUnavailable)):
                attempt()
    with pytest.raises(PermissionDenied):
        orders.act(buyer, order_id, "accept")  # only the factory accepts
    with pytest.raises(OrderRefused):
        orders.create_order(
            owner, owner.factory_id, [Line(mug, 1)], ADDRESS, payment_method="bank_transfer", key=new_key()
        )


@pytest.fixture
def stripe_standin():
    standin = StripeStandIn().start()
    yield standin
    standin.stop()


def event(event_type: str, obj: dict) -> dict:
    return {"id": f"evt_{uuid.uuid4().hex[:16]}", "object": "event", "type": event_type, "data": {"object": obj}}


def test_checkout_session_request_is_exactly_what_stripe_needs(stripe_standin):
    owner, mug, plate = new_factory()
    buyer = a_buyer()
    gateway = StripeGateway("sk_test_123", WEBHOOK_SECRET, stripe_standin.url)
    order_id = orders.create_order(
        buyer, owner.factory_id, [Line(mug, 2), Line(plate, 1)], ADDRESS, payment_method="card", key=new_key()
    )
    url = payments.start_checkout(buyer, order_id, gateway)
    sent = stripe_standin.requests[-1]
    assert url.startswith(f"{stripe_standin.url}/pay/cs_test_")
    assert (sent.path, sent.idempotency_key, sent.api_key) == (
        "/v1/checkout/sessions",
        f"rs-order-{order_id}-checkout-1",
        "sk_test_123",
    )
    p = sent.params
    assert (
        p["mode"] == "payment"
        and p["client_reference_id"] == str(order_id)
        and p["metadata[order_id]"] == str(order_id)
    )
    assert (
        p["line_items[0][price_data][unit_amount]"],
        p["line_items[0][quantity]"],
        p["line_items[0][price_data][currency]"],
    ) == ("1250", "2", "usd")
    assert (p["line_items[1][price_data][unit_amount]"], p["line_items[1][quantity]"]) == ("800", "1")
    assert p["line_items[2][price_data][unit_amount]"] == "4500"  # shipping
    assert p["success_url"].endswith(f"/orders/{order_id}?paid=1") and p["cancel_url"].endswith(
        f"/orders/{order_id}?cancelled=1"
    )
    orders.act(buyer, order_id, "pay", gateway=gateway)  # pay again: a new attempt, a new key
    assert stripe_standin.requests[-1].idempotency_key == f"rs-order-{order_id}-checkout-2"
    sessions = [stripe_standin.by_key[f"rs-order-{order_id}-checkout-{n}"] for n in (1, 2)]
    with session_scope() as db:
        opened = db.exec(
            select(OrderEvent.data)
            .where(OrderEvent.order_id == order_id, OrderEvent.kind == OrderEventKind.CHECKOUT_STARTED)
            .order_by(col(OrderEvent.id))
        ).all()
        assert db.get(SampleOrder, order_id).stripe_checkout_session_id == sessions[1]["id"]
    assert opened == [{"session_id": sessions[0]["id"], "attempt": 1}, {"session_id": sessions[1]["id"], "attempt": 2}]
    with pytest.raises(PermissionDenied):
        orders.act(owner, order_id, "pay", gateway=gateway)  # only the buyer pays
    with pytest.raises(PaymentUnavailable):
        orders.act(buyer, order_id, "pay", gateway=None)  # no card gateway configured


def test_webhooks_are_verified_idempotent_and_order_safe(stripe_standin):
    owner, mug, _ = new_factory()
    buyer = a_buyer()
    gateway = StripeGateway("sk_test_123", WEBHOOK_SECRET, stripe_standin.url)
    order_id = orders.create_order(
        buyer, owner.factory_id, [Line(mug, 1)], ADDRESS, payment_method="card", key=new_key()
    )
    payments.start_checkout(buyer, order_id, gateway)
    with session_scope() as db:
        session_id = db.get(SampleOrder, order_id).stripe_checkout_session_id
    completed = event(
        "checkout.session.completed",
        {
            "id": session_id,
            "object": "checkout.session",
            "payment_status": "paid",
            "payment_intent": "pi_test_1",
            "amount_total": 1250 + 4500,  # one mug and shipping, as Stripe reports the session's total
            "currency": "usd",
            "client_reference_id": str(order_id),
            "metadata": {"order_id": str(order_id)},
        },
    )
    body = json.dumps(completed)
    with pytest.raises(SignatureRejected):
        gateway.verify(body.encode(), sign(body, "whsec_wrong"))
    with pytest.raises(SignatureRejected):
        gateway.verify(body.replace('"paid"', '"unpaid"').encode(), sign(body, WEBHOOK_SECRET))
    verified = gateway.verify(body.encode(), sign(body, WEBHOOK_SECRET))
    assert payments.handle_event(verified) is True
    assert payments.handle_event(verified) is False  # replayed: nothing happens twice
    expired = event(
        "checkout.session.expired",
        {"id": session_id, "object": "checkout.session", "metadata": {"order_id": str(order_id)}},
    )
    assert payments.handle_event(expired) is True  # arrives after completion: the order stays paid
    assert payments.handle_event(event("customer.created", {"id": "cus_1"})) is True  # unknown: acknowledged, ignored
    view = orders.view(buyer, order_id)
    assert view.status == "paid" and [e.status for e in view.timeline].count("paid") == 1
    payments.refund_card(owner, order_id, gateway)
    refund_request = stripe_standin.requests[-1]
    assert (refund_request.path, refund_request.params, refund_request.idempotency_key) == (
        "/v1/refunds",
        {"payment_intent": "pi_test_1"},
        f"rs-order-{order_id}-refund",
    )
    assert orders.view(buyer, order_id).status == "paid"  # until Stripe confirms
    refunded = {"amount": 5750, "amount_refunded": 5750, "refunded": True, "currency": "usd"}
    payments.handle_event(
        event("charge.refunded", {"id": "ch_1", "object": "charge", "payment_intent": "pi_test_1", **refunded})
    )
    assert orders.view(buyer, order_id).status == "refunded"
    assert [(e.kind, e.by, e.status) for e in orders.view(owner, order_id).timeline] == [
        (OrderEventKind.PLACED, "buyer", "awaiting_payment"),
        (OrderEventKind.CHECKOUT_STARTED, "buyer", "awaiting_payment"),
        (OrderEventKind.PAID_BY_CARD, "payment", "paid"),
        (OrderEventKind.REFUND_REQUESTED, "factory", "paid"),
        (OrderEventKind.REFUNDED_BY_CARD, "payment", "refunded"),
    ]
    assert orders.view(owner, order_id).timeline[2].data == {"session_id": session_id, "payment_intent": "pi_test_1"}


def test_failed_async_payment_lets_the_buyer_pay_again(stripe_standin):
    owner, mug, _ = new_factory()
    buyer = a_buyer()
    gateway = StripeGateway("sk_test_123", WEBHOOK_SECRET, stripe_standin.url)
    order_id = orders.create_order(
        buyer, owner.factory_id, [Line(mug, 1)], ADDRESS, payment_method="card", key=new_key()
    )
    payments.start_checkout(buyer, order_id, gateway)
    with session_scope() as db:
        session_id = db.get(SampleOrder, order_id).stripe_checkout_session_id
    meta = {
        "metadata": {"order_id": str(order_id)},
        "object": "checkout.session",
        "amount_total": 5750,
        "currency": "usd",
    }
    payments.handle_event(event("checkout.session.completed", {"id": session_id, "payment_status": "unpaid", **meta}))
    assert orders.view(buyer, order_id).status == "awaiting_payment"  # processing (e.g. SEPA)
    payments.handle_event(event("checkout.session.async_payment_failed", {"id": session_id, **meta}))
    view = orders.view(buyer, order_id)
    assert view.status == "awaiting_payment" and not view.has_checkout
    assert [e.kind for e in view.timeline][-2:] == [OrderEventKind.PAYMENT_PROCESSING, OrderEventKind.PAYMENT_FAILED]
    payments.start_checkout(buyer, order_id, gateway)
    with session_scope() as db:
        new_session = db.get(SampleOrder, order_id).stripe_checkout_session_id
    payments.handle_event(
        event("checkout.session.async_payment_succeeded", {"id": new_session, "payment_intent": "pi_2", **meta})
    )
    assert orders.view(buyer, order_id).status == "paid"


def test_cancelling_needs_a_reason_and_nothing_moves_without_one():
    owner, mug, _ = new_factory()
    buyer = a_buyer()
    order_id = orders.create_order(
        buyer, owner.factory_id, [Line(mug, 2)], ADDRESS, payment_method="bank_transfer", notes="Blue", key=new_key()
    )
    for reason in ("", "  ", "no"):
        with pytest.raises(ValidationFailed) as refused:
            orders.act(buyer, order_id, "cancel", note=reason)
        assert refused.value.field_errors == {"reason": "err.cancel_reason_required"}
    seen = orders.view(owner, order_id)
    assert seen.status == "awaiting_payment"
    assert (seen.ship_phone, seen.buyer_notes) == ("+1 503-555-0100", "Blue")


def test_a_ship_to_address_needs_a_listed_country_and_a_phone_that_works_there():
    owner, mug, _ = new_factory()
    buyer = a_buyer()
    for country, phone, refused_fields in (
        ("USA", "+1 503 555 0100", {"ship_country"}),
        ("XX", "+1 503 555 0100", {"ship_country"}),
        ("US", "555", {"ship_phone"}),
        ("DE", "12", {"ship_phone"}),
        ("CN", "138 1234", {"ship_phone"}),  # a mobile number short of digits
    ):
        address = Address("Maya", "", country, "12 Harbor St", "", "Portland", "OR", "97201", phone)
        with pytest.raises(ValidationFailed) as refused:
            orders.create_order(
                buyer, owner.factory_id, [Line(mug, 1)], address, payment_method="bank_transfer", key=new_key()
            )
        assert set(refused.value.field_errors) >= refused_fields
    address = Address("Maya", "", "us", "12 Harbor St", "", "Portland", "OR", "97201", "(503) 555-0100")
    order_id = orders.create_order(
        buyer, owner.factory_id, [Line(mug, 1)], address, payment_method="bank_transfer", key=new_key()
    )
    assert orders.view(owner, order_id).ship_phone == "+1 503-555-0100"
