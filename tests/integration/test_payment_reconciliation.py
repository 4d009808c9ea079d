"""Payments reconcile exactly: every attack found against the webhook, delivered signed with Stripe's real
scheme through the real route, moves no order and leaves a payment anomaly; the order follows all its
payment events whatever their arrival order; money for a cancelled order goes back once; missed events
are caught up from Stripe's event list; webhook bodies are bounded and verified off the event loop."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import permutations
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlmodel import col, select

from realsourcing import cli
from realsourcing.accounts.identity import CurrentUser
from realsourcing.api import make_api
from realsourcing.config import get_settings
from realsourcing.core.errors import NotFound, ValidationFailed
from realsourcing.core.idempotency import new_key
from realsourcing.db import session_scope, utcnow
from realsourcing.meetings import booking
from realsourcing.meetings.booking import BookingRequest
from realsourcing.notifications.models import Notification, OutboxMessage
from realsourcing.orders import payments
from realsourcing.orders import service as orders
from realsourcing.orders.events import OrderEventKind
from realsourcing.orders.models import OrderEvent, PaymentAnomaly, ProviderEvent, SampleOrder, ShippingRate
from realsourcing.orders.row_ids import MAX_ROW_ID
from realsourcing.orders.service import Address, Line
from realsourcing.orders.stripe_catch_up import catch_up
from realsourcing.orders.stripe_gateway import StripeGateway
from realsourcing.webinars import service as webinars
from realsourcing.webinars.service import WebinarForm
from tests.support.builders import a_bookable_factory, a_buyer, a_product, with_bank_details
from tests.support.stripe_standin import StripeStandIn, sign

SECRET = "whsec_reconcile_secret"
ADDRESS = Address("Maya Thompson", "", "US", "12 Harbor St", "", "Portland", "OR", "97201", "+1 503 555 0100")
SAMPLE_CENTS, SHIPPING_CENTS = 1500, 3900
TOTAL = SAMPLE_CENTS + SHIPPING_CENTS  # the 54.00 order of the attack report
SHANGHAI = ZoneInfo("Asia/Shanghai")


class App:
    """The app's HTTP routes, called in-process (httpx's ASGI transport) on an event loop of their own."""

    def __init__(self) -> None:
        self.asgi = make_api()

    def post(self, path: str, content: bytes | str | Iterator[bytes], headers: dict | None = None) -> httpx.Response:
        async def send() -> httpx.Response:
            body = content
            if not isinstance(content, bytes | str):  # streamed, without a Content-Length

                async def chunks():
                    for chunk in content:
                        yield chunk

                body = chunks()
            transport = httpx.ASGITransport(app=self.asgi)
            async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
                return await client.post(path, content=body, headers=headers)

        box: dict = {}
        thread = threading.Thread(target=lambda: box.update(response=asyncio.run(send())))
        thread.start()
        thread.join()
        return box["response"]


@dataclass
class Stripe:
    """Stripe as the app meets it: the API stand-in, the gateway the app builds, and the app's webhook route."""

    standin: StripeStandIn
    gateway: StripeGateway
    app: App

    def deliver(self, event: dict, secret: str = SECRET) -> httpx.Response:
        body = json.dumps(event)
        return self.app.post("/api/webhooks/stripe", body, {"Stripe-Signature": sign(body, secret)})


def configure_stripe(monkeypatch, api_base: str) -> None:
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_test_reconcile")
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("STRIPE_API_BASE", api_base)
    get_settings.cache_clear()


@pytest.fixture
def stripe(monkeypatch) -> Iterator[Stripe]:
    standin = StripeStandIn().start()
    configure_stripe(monkeypatch, standin.url)
    try:
        yield Stripe(standin, StripeGateway("sk_test_reconcile", SECRET, standin.url), App())
    finally:
        standin.stop()
        monkeypatch.undo()
        get_settings.cache_clear()


@dataclass
class Shop:
    owner: CurrentUser
    product: int
    meeting_type: int


def a_shop() -> Shop:
    """A factory taking meetings and bank transfers, with one 15.00 sample shipped to North America for 39.00."""
    owner, meeting_type = a_bookable_factory(name="Reconcile Works")
    with_bank_details(owner)
    product = a_product(owner, sample_price="15.00", published=True)
    with session_scope() as db:
        db.add(ShippingRate(factory_id=owner.factory_id, region="north_america", label="DHL", fee_cents=SHIPPING_CENTS))
    return Shop(owner, product, meeting_type)


def an_order(shop: Shop, buyer: CurrentUser, method: str = "card", **origin) -> int:
    return orders.create_order(
        buyer, shop.owner.factory_id, [Line(shop.product, 1)], ADDRESS, payment_method=method, key=new_key(), **origin
    )


@pytest.fixture(scope="module")
def shop() -> Shop:
    return a_shop()


@pytest.fixture(scope="module")
def buyer() -> CurrentUser:
    return a_buyer()


def a_card_checkout(stripe: Stripe, shop: Shop, buyer: CurrentUser) -> tuple[int, dict]:
    """A card order whose buyer opened a checkout: its id and the session Stripe created."""
    order_id = an_order(shop, buyer)
    payments.start_checkout(buyer, order_id, stripe.gateway)
    return order_id, stripe.standin.by_key[f"rs-order-{order_id}-checkout-1"]


def completed(stripe: Stripe, session: dict, intent: str, **changes) -> dict:
    """checkout.session.completed for this session, as Stripe sends it once the card is charged."""
    paid = {**session, "payment_status": "paid", "status": "complete", "payment_intent": intent, **changes}
    return stripe.standin.publish("checkout.session.completed", paid)


def refunded(stripe: Stripe, intent: str, amount: int = TOTAL, **changes) -> dict:
    charge = {
        "id": f"ch_{intent}",
        "object": "charge",
        "payment_intent": intent,
        "amount": TOTAL,
        "amount_refunded": amount,
        "refunded": amount == TOTAL,
        "currency": "usd",
        **changes,
    }
    return stripe.standin.publish("charge.refunded", charge)


def status_of(order_id: int) -> str:
    with session_scope() as db:
        return db.get(SampleOrder, order_id).status


def kinds_on_timeline(order_id: int) -> list[OrderEventKind]:
    with session_scope() as db:
        return list(
            db.exec(select(OrderEvent.kind).where(OrderEvent.order_id == order_id).order_by(col(OrderEvent.id))).all()
        )


def anomaly_for(event: dict) -> PaymentAnomaly | None:
    with session_scope() as db:
        return db.exec(select(PaymentAnomaly).where(PaymentAnomaly.provider_event_id == event["id"])).first()


def assert_refused(stripe: Stripe, event: dict, kind: str, order_id: int | None, status: str = "awaiting_payment"):
    """Delivered, acknowledged, changed nothing, and kept for admins with the event as sent."""
    before = kinds_on_timeline(order_id) if order_id else []
    response = stripe.deliver(event)
    assert response.status_code == 200 and response.json() == {"received": True, "duplicate": False}
    anomaly = anomaly_for(event)
    assert anomaly is not None, "no anomaly recorded"
    assert (anomaly.kind, anomaly.order_id, anomaly.event) == (kind, order_id, event)
    assert anomaly.reason and anomaly.created_at is not None
    if order_id:
        assert status_of(order_id) == status
        assert kinds_on_timeline(order_id) == before


# --- the attacks -------------------------------------------------------------------------------------------


def test_one_cent_naming_the_order_only_in_client_reference_id_pays_nothing(stripe, shop, buyer):
    order_id, _ = a_card_checkout(stripe, shop, buyer)
    forged = {
        "id": "cs_test_not_ours",
        "object": "checkout.session",
        "payment_status": "paid",
        "amount_total": 1,
        "currency": "usd",
        "payment_intent": "pi_one_cent",
        "client_reference_id": str(order_id),
    }
    assert_refused(stripe, stripe.standin.publish("checkout.session.completed", forged), "unknown_session", order_id)
    with session_scope() as db:
        assert db.get(SampleOrder, order_id).stripe_payment_intent_id is None


def test_the_orders_own_session_with_another_amount_or_currency_pays_nothing(stripe, shop, buyer):
    order_id, session = a_card_checkout(stripe, shop, buyer)
    assert session["amount_total"] == TOTAL
    assert_refused(stripe, completed(stripe, session, "pi_cent", amount_total=1), "amount_mismatch", order_id)
    assert_refused(stripe, completed(stripe, session, "pi_eur", currency="eur"), "currency_mismatch", order_id)
    other_id, _ = a_card_checkout(stripe, shop, buyer)
    named_elsewhere = completed(stripe, session, "pi_x", metadata={"order_id": str(other_id)})
    assert_refused(stripe, named_elsewhere, "order_mismatch", order_id)
    assert status_of(other_id) == "awaiting_payment"
    assert stripe.deliver(completed(stripe, session, "pi_good")).status_code == 200  # the real payment still works
    assert status_of(order_id) == "paid"


def test_a_card_event_never_pays_a_bank_transfer_order(stripe, shop, buyer):
    order_id = an_order(shop, buyer, method="bank_transfer")
    forged = {
        "id": "cs_test_for_a_bank_order",
        "object": "checkout.session",
        "payment_status": "paid",
        "amount_total": TOTAL,  # even the right amount
        "currency": "usd",
        "payment_intent": "pi_bank",
        "client_reference_id": str(order_id),
        "metadata": {"order_id": str(order_id)},
    }
    assert_refused(stripe, stripe.standin.publish("checkout.session.completed", forged), "unknown_session", order_id)


def test_a_refund_naming_an_order_with_an_unrelated_payment_intent_refunds_nothing(stripe, shop, buyer):
    order_id, session = a_card_checkout(stripe, shop, buyer)
    stripe.deliver(completed(stripe, session, "pi_real_w"))
    assert status_of(order_id) == "paid"
    unrelated = refunded(stripe, "pi_unrelated", metadata={"order_id": str(order_id)})
    assert_refused(stripe, unrelated, "unknown_payment_intent", order_id, status="paid")
    other_id, other_session = a_card_checkout(stripe, shop, buyer)
    stripe.deliver(completed(stripe, other_session, "pi_of_v"))
    someone_elses = refunded(stripe, "pi_of_v", metadata={"order_id": str(order_id)})
    assert_refused(stripe, someone_elses, "order_mismatch", other_id, status="paid")
    assert status_of(order_id) == "paid"
    assert_refused(stripe, refunded(stripe, "pi_real_w", amount=100), "partial_refund", order_id, status="paid")


def test_an_order_id_no_row_can_have_is_no_order(stripe, shop, buyer):
    forged = {
        "id": "cs_test_huge",
        "object": "checkout.session",
        "payment_status": "paid",
        "amount_total": TOTAL,
        "currency": "usd",
        "payment_intent": "pi_huge",
        "client_reference_id": str(2**63),
        "metadata": {"order_id": "-4"},
    }
    assert_refused(stripe, stripe.standin.publish("checkout.session.completed", forged), "unknown_session", None)


# --- arrival order ------------------------------------------------------------------------------------------


def test_refunded_then_completed_ends_refunded(stripe, shop, buyer):
    order_id, session = a_card_checkout(stripe, shop, buyer)
    stripe.deliver(refunded(stripe, "pi_early_refund"))  # Stripe's delivery of "completed" is late
    assert status_of(order_id) == "awaiting_payment"
    stripe.deliver(completed(stripe, session, "pi_early_refund"))
    assert status_of(order_id) == "refunded"
    assert kinds_on_timeline(order_id)[-2:] == [OrderEventKind.PAID_BY_CARD, OrderEventKind.REFUNDED_BY_CARD]


def test_the_order_ends_the_same_for_every_arrival_order_of_its_events(stripe, shop, buyer):
    for arrival in permutations(range(3)):
        order_id, session = a_card_checkout(stripe, shop, buyer)
        intent = f"pi_perm_{order_id}"
        expired = stripe.standin.publish("checkout.session.expired", {**session, "status": "expired"})
        events = [completed(stripe, session, intent), refunded(stripe, intent), expired]
        for index in arrival:
            assert stripe.deliver(events[index]).json()["duplicate"] is False
            assert stripe.deliver(events[index]).json()["duplicate"] is True  # Stripe retries: nothing twice
        assert status_of(order_id) == "refunded", arrival
        timeline = kinds_on_timeline(order_id)
        assert timeline.count(OrderEventKind.PAID_BY_CARD) == 1 and timeline.count(OrderEventKind.REFUNDED_BY_CARD) == 1


def test_a_refund_after_shipping_is_shown_to_admins_and_moves_nothing(stripe, shop, buyer):
    order_id, session = a_card_checkout(stripe, shop, buyer)
    stripe.deliver(completed(stripe, session, "pi_shipped"))
    orders.act(shop.owner, order_id, "accept")
    orders.act(shop.owner, order_id, "ship", carrier="DHL", tracking="JD0146000038")
    event = refunded(stripe, "pi_shipped")
    stripe.deliver(event)
    assert status_of(order_id) == "shipped"
    assert anomaly_for(event).kind == "refund_after_shipping"


# --- money for a cancelled order ----------------------------------------------------------------------------


def test_a_payment_after_cancellation_is_refunded_once_and_both_sides_are_told(stripe, shop, buyer):
    order_id, session = a_card_checkout(stripe, shop, buyer)
    orders.act(buyer, order_id, "cancel", note="changed my mind")
    late = completed(stripe, session, "pi_late")
    assert stripe.deliver(late).json()["duplicate"] is False
    assert stripe.deliver(late).json()["duplicate"] is True  # delivered twice
    refunds = stripe.standin.refund_requests()
    assert [(r.params, r.idempotency_key) for r in refunds] == [
        ({"payment_intent": "pi_late"}, f"rs-order-{order_id}-late-payment-pi_late")
    ]
    assert status_of(order_id) == "cancelled"
    with session_scope() as db:
        event = db.exec(
            select(OrderEvent).where(
                OrderEvent.order_id == order_id, OrderEvent.kind == OrderEventKind.LATE_PAYMENT_REFUNDED
            )
        ).one()
        told = db.exec(
            select(Notification.user_id, Notification.id).where(
                Notification.kind == "order_late_payment_refunded", Notification.link == f"/orders/{order_id}"
            )
        ).all()
        emails = db.exec(
            select(OutboxMessage.user_id, OutboxMessage.subject).where(
                col(OutboxMessage.notification_id).in_([n for _, n in told])
            )
        ).all()
    refund_id = stripe.standin.by_key[refunds[0].idempotency_key]["id"]
    assert event.data == {"payment_intent": "pi_late", "refund_id": refund_id} and event.actor_kind == "payment"
    assert sorted(user for user, _ in told) == sorted(user for user, _ in emails) == sorted([buyer.id, shop.owner.id])
    assert all("payment after cancellation refunded" in subject for _, subject in emails)
    stripe.deliver(refunded(stripe, "pi_late"))  # Stripe confirms our refund
    catch_up(stripe.gateway, hours=1)
    assert status_of(order_id) == "cancelled"
    assert len(stripe.standin.refund_requests()) == 1  # never asked twice
    assert kinds_on_timeline(order_id).count(OrderEventKind.LATE_PAYMENT_REFUNDED) == 1


def test_a_late_refund_that_cannot_reach_stripe_is_an_anomaly_and_the_catch_up_retries(
    stripe, shop, buyer, monkeypatch
):
    order_id, session = a_card_checkout(stripe, shop, buyer)
    orders.act(shop.owner, order_id, "cancel", note="out of stock")
    late = completed(stripe, session, "pi_unreachable")
    configure_stripe(monkeypatch, "http://127.0.0.1:9")  # nothing listens there
    stripe.deliver(late)
    with session_scope() as db:
        failed = db.exec(
            select(PaymentAnomaly).where(PaymentAnomaly.order_id == order_id, PaymentAnomaly.kind == "refund_failed")
        ).one()
    assert failed.event == late and stripe.standin.refund_requests() == []
    report = catch_up(stripe.gateway, hours=1)
    assert report.late_refunds >= 1
    assert [r.idempotency_key for r in stripe.standin.refund_requests()] == [
        f"rs-order-{order_id}-late-payment-pi_unreachable"
    ]
    assert OrderEventKind.LATE_PAYMENT_REFUNDED in kinds_on_timeline(order_id)


# --- catching up with missed events -------------------------------------------------------------------------


def test_the_catch_up_applies_a_missed_event_once_page_by_page(stripe, shop, buyer):
    order_id, session = a_card_checkout(stripe, shop, buyer)
    old_order, old_session = a_card_checkout(stripe, shop, buyer)
    completed(stripe, session, "pi_missed")  # missed: the webhook never received it
    too_old = completed(stripe, old_session, "pi_too_old")
    too_old["created"] = int(time.time()) - 5 * 3600
    delivered = refunded(stripe, "pi_nobody")
    stripe.deliver(delivered)
    stripe.standin.publish("customer.created", {"id": "cus_1", "object": "customer"})
    for n in range(3):
        stripe.standin.publish("checkout.session.expired", {"id": f"cs_test_foreign_{n}", "object": "checkout.session"})

    report = catch_up(stripe.gateway, hours=2, page_size=2)
    assert (report.listed, report.applied) == (5, 4)  # the refund was delivered before; the old one is outside
    assert status_of(order_id) == "paid" and status_of(old_order) == "awaiting_payment"
    listing = [r for r in stripe.standin.requests if r.method == "GET"]
    assert len(listing) == 3 and all(r.path == "/v1/events" and r.params["limit"] == "2" for r in listing)
    assert listing[1].params["starting_after"] and "types[0]" in listing[0].params
    assert int(listing[0].params["created[gte]"]) == pytest.approx(time.time() - 2 * 3600, abs=60)

    assert catch_up(stripe.gateway, hours=2, page_size=2).applied == 0  # again: nothing twice
    assert kinds_on_timeline(order_id).count(OrderEventKind.PAID_BY_CARD) == 1


def test_the_catch_up_command(stripe, shop, buyer, capsys):
    order_id, session = a_card_checkout(stripe, shop, buyer)
    completed(stripe, session, "pi_command")
    assert cli.main(["stripe-catch-up", "--since", "1"]) == 0
    assert "applied now" in capsys.readouterr().out
    assert status_of(order_id) == "paid"
    assert cli.main(["stripe-catch-up"]) == 0
    assert kinds_on_timeline(order_id).count(OrderEventKind.PAID_BY_CARD) == 1


# --- the webhook route --------------------------------------------------------------------------------------


def test_forged_or_unsigned_webhooks_are_refused_and_recorded_nowhere(stripe, shop, buyer):
    order_id, session = a_card_checkout(stripe, shop, buyer)
    event = completed(stripe, session, "pi_forged")
    body = json.dumps(event)
    assert stripe.app.post("/api/webhooks/stripe", body).status_code == 400
    assert stripe.deliver(event, secret="whsec_guessed").status_code == 400
    stale = sign(body, SECRET, timestamp=int(time.time()) - 3600)  # replayed an hour later
    assert stripe.app.post("/api/webhooks/stripe", body, {"Stripe-Signature": stale}).status_code == 400
    with session_scope() as db:
        assert db.exec(select(ProviderEvent).where(ProviderEvent.event_id == event["id"])).first() is None
    assert status_of(order_id) == "awaiting_payment"


def test_a_webhook_body_over_one_megabyte_is_refused_before_it_is_read(stripe, shop, buyer):
    two_mb = b"{" + b" " * (2 * 1024 * 1024) + b"}"
    for route in ("/api/webhooks/stripe", "/api/webhooks/livekit"):
        assert stripe.app.post(route, two_mb).status_code == 413
        streamed = stripe.app.post(route, (two_mb[i : i + 65536] for i in range(0, len(two_mb), 65536)))
        assert streamed.status_code == 413  # no Content-Length: cut off past 1 MB
    order_id, session = a_card_checkout(stripe, shop, buyer)
    event = completed(stripe, session, "pi_padded", padding="x" * (1024 * 1024))
    assert stripe.deliver(event).status_code == 413
    assert status_of(order_id) == "awaiting_payment"


def test_the_signature_is_checked_off_the_event_loop(stripe, shop, buyer, monkeypatch):
    checked_in: list[tuple[str, bool]] = []
    real_verify = StripeGateway.verify

    def verify(self, payload, header):
        try:
            asyncio.get_running_loop()
            on_loop = True
        except RuntimeError:
            on_loop = False
        checked_in.append((threading.current_thread().name, on_loop))
        return real_verify(self, payload, header)

    monkeypatch.setattr(StripeGateway, "verify", verify)
    order_id, session = a_card_checkout(stripe, shop, buyer)
    assert stripe.deliver(completed(stripe, session, "pi_threaded")).status_code == 200
    assert len(checked_in) == 1 and checked_in[0][1] is False
    assert status_of(order_id) == "paid"


# --- route hygiene ------------------------------------------------------------------------------------------


def origin_of(order_id: int) -> tuple[str, int | None, int | None]:
    with session_scope() as db:
        order = db.get(SampleOrder, order_id)
        return order.origin, order.origin_meeting_id, order.origin_webinar_id


def shanghai(days: int, hour: int) -> datetime:
    day = (utcnow() + timedelta(days=days)).astimezone(SHANGHAI).date()
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=SHANGHAI)


def a_meeting(shop: Shop, buyer: CurrentUser, days: int) -> int:
    start = shanghai(days, 10).astimezone(ZoneInfo("UTC"))
    request = BookingRequest(shop.owner.factory_id, shop.meeting_type, start, agenda="Check moulds and QC")
    return booking.reserve(buyer, request, key=new_key())


def a_webinar(shop: Shop, days: int) -> int:
    start = shanghai(days, 15).strftime("%Y-%m-%dT%H:%M")
    webinar_id = webinars.save_webinar(shop.owner, WebinarForm(title_en="Line tour", start_local=start, capacity="5"))
    webinars.schedule(shop.owner, webinar_id)
    return webinar_id


def test_an_order_keeps_only_a_meeting_or_webinar_the_buyer_took_part_in():
    shop, elsewhere = a_shop(), a_shop()  # their own: meetings and webinars take these factories' time
    buyer, stranger = a_buyer(), a_buyer()
    own_meeting = a_meeting(shop, buyer, days=3)
    strangers_meeting = a_meeting(shop, stranger, days=4)
    meeting_elsewhere = a_meeting(elsewhere, buyer, days=3)
    webinar, webinar_elsewhere, unregistered = a_webinar(shop, 6), a_webinar(elsewhere, 6), a_webinar(shop, 7)
    webinars.register(buyer, webinar)
    webinars.register(buyer, webinar_elsewhere)

    assert origin_of(an_order(shop, buyer, origin_meeting_id=own_meeting)) == ("meeting", own_meeting, None)
    assert origin_of(an_order(shop, buyer, origin_webinar_id=webinar)) == ("webinar", None, webinar)
    for foreign in (
        {"origin_meeting_id": strangers_meeting},  # another buyer's meeting
        {"origin_meeting_id": meeting_elsewhere},  # the buyer's meeting, with another factory
        {"origin_webinar_id": unregistered},  # a webinar the buyer never joined
        {"origin_webinar_id": webinar_elsewhere},  # another factory's webinar
    ):
        assert origin_of(an_order(shop, buyer, **foreign)) == ("product", None, None), foreign
    webinars.unregister(buyer, webinar)
    assert origin_of(an_order(shop, buyer, origin_webinar_id=webinar)) == ("product", None, None)


def test_ids_no_row_can_have_are_not_found_never_an_error(shop, buyer):
    for bad in (2**31, 2**63, -1, 0):
        with pytest.raises(NotFound):
            orders.view(buyer, bad)
        with pytest.raises(NotFound):
            orders.act(buyer, bad, "cancel", note="no such order")
        with pytest.raises(NotFound):
            orders.create_order(buyer, bad, [Line(shop.product, 1)], ADDRESS, payment_method="card", key=new_key())
    with pytest.raises(ValidationFailed) as refused:
        orders.create_order(
            buyer, shop.owner.factory_id, [Line(MAX_ROW_ID + 1, 1)], ADDRESS, payment_method="card", key=new_key()
        )
    assert refused.value.field_errors == {f"qty_{MAX_ROW_ID + 1}": "err.no_samples"}
    order_id = an_order(shop, buyer, origin_meeting_id=2**40, origin_webinar_id=-5)
    assert origin_of(order_id) == ("product", None, None)
