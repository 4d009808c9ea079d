"""Sample orders in the browser: card payment through the (stand-in) hosted checkout and a signed
webhook, shipping with tracking; the bank-transfer flow end to end; and a forged payment that moves
nothing and shows up, with its raw event, on the admin's payments page."""

from __future__ import annotations

import json
import re
import uuid

import httpx
from playwright.sync_api import Page, expect
from sqlmodel import select

from realsourcing.core.i18n import translate
from realsourcing.core.idempotency import new_key
from realsourcing.core.money import format_money
from realsourcing.db import session_scope
from realsourcing.orders.models import ShippingRate
from realsourcing.profile.catalog_models import Product
from realsourcing.profile.models import Factory
from tests.e2e.conftest import STRIPE_WEBHOOK_SECRET
from tests.e2e.helpers import log_in, open_page
from tests.support.stripe_standin import sign

OWNER = "owner@yiwu-sunny-toys.example.com"


def sunny_product_id() -> int:
    with session_scope() as db:
        factory = db.exec(select(Factory).where(Factory.slug == "yiwu-sunny-toys")).one()
        return db.exec(
            select(Product.id)
            .where(Product.factory_id == factory.id, Product.status == "published")
            .order_by(Product.id)
        ).first()


def one_sample_to_the_us(product_id: int) -> str:
    """The order total as an English reader sees it: one sample plus the factory's North America fee."""
    with session_scope() as db:
        product = db.exec(select(Product).where(Product.id == product_id)).one()
        fee = db.exec(
            select(ShippingRate.fee_cents).where(
                ShippingRate.factory_id == product.factory_id, ShippingRate.region == "north_america"
            )
        ).one()
    return format_money((product.sample_price_cents or 0) + fee, "USD", "en")


def fill_address(page: Page) -> None:
    page.select_option("#ship_country", "US")
    for field, value in (
        ("name", "Maya Thompson"),
        ("line1", "12 Harbor St"),
        ("city", "Portland"),
        ("postal_code", "97201"),
        ("phone", "+1 503 555 0100"),
    ):
        page.fill(f"#ship_{field}", value)
    page.locator("#ship_phone").blur()


def a_bank_transfer_order_by_maya(quantity: int = 1, notes: str = "") -> int:
    """A sample order placed through the service (the browser flow has tests of its own)."""
    from realsourcing.accounts import service as accounts
    from realsourcing.orders import service as orders

    maya, _ = accounts.authenticate("maya@example.com", "realsourcing-demo", ip="10.7.0.1")
    with session_scope() as db:
        factory_id = db.exec(select(Factory.id).where(Factory.slug == "yiwu-sunny-toys")).one()
    return orders.create_order(
        maya,
        factory_id,
        [orders.Line(sunny_product_id(), quantity)],
        orders.Address("Maya", "", "US", "12 Harbor St", "", "Portland", "OR", "97201", "+1 503 555 0100"),
        payment_method="bank_transfer",
        notes=notes,
        key=new_key(),
    )


def test_card_payment_webhook_paid_then_shipped_with_tracking(page: Page, browser, app_url: str, stripe_standin):
    log_in(page, "maya@example.com")
    open_page(page, f"/products/{sunny_product_id()}")
    page.click("#order-sample")
    expect(page.locator(".qty input, input.qty").first).to_have_value("1")
    fill_address(page)
    expect(page.locator("#order-total")).to_have_text(one_sample_to_the_us(sunny_product_id()))
    page.click("#place-order")
    expect(page.locator("#standin-checkout")).to_be_visible()  # the buyer is on the hosted checkout
    checkout = stripe_standin.requests[-1]
    order_id = checkout.params["client_reference_id"]
    session = stripe_standin.by_key[checkout.idempotency_key]
    assert (
        checkout.params["metadata[order_id]"] == order_id
        and checkout.idempotency_key == f"rs-order-{order_id}-checkout-1"
    )

    # Back on our site before the webhook: the page shows the real state.
    open_page(page, f"/orders/{order_id}?paid=1")
    expect(page.locator(".order-status").first).to_have_text("Awaiting payment")
    expect(page.locator("#confirming-payment")).to_be_visible()

    event = {
        "id": f"evt_{uuid.uuid4().hex}",
        "object": "event",
        "type": "checkout.session.completed",
        "data": {
            "object": {
                "id": session["id"],
                "object": "checkout.session",
                "payment_status": "paid",
                "payment_intent": "pi_e2e",
                "amount_total": session["amount_total"],  # Stripe's total of the line items we sent
                "currency": session["currency"],
                "client_reference_id": order_id,
                "metadata": {"order_id": order_id},
            }
        },
    }
    body = json.dumps(event)
    url = f"{app_url}/api/webhooks/stripe"
    assert httpx.post(url, content=body, headers={"Stripe-Signature": sign(body, "whsec_wrong")}).status_code == 400
    assert httpx.post(url, content=body, headers={"Stripe-Signature": sign(body, STRIPE_WEBHOOK_SECRET)}).json() == {
        "received": True,
        "duplicate": False,
    }
    assert (
        httpx.post(url, content=body, headers={"Stripe-Signature": sign(body, STRIPE_WEBHOOK_SECRET)}).json()[
            "duplicate"
        ]
        is True
    )

    page.reload()
    page.wait_for_selector("main[data-hydrated='true']")
    expect(page.locator(".order-status").first).to_have_text("Paid")

    factory_ctx = browser.new_context(base_url=app_url)
    try:
        host = factory_ctx.new_page()
        log_in(host, OWNER)
        open_page(host, f"/orders/{order_id}")
        expect(host.locator(".order-status").first).to_have_text("Paid")
        host.click("#accept-order")
        expect(host.locator(".order-status").first).to_have_text("Accepted")
        host.click("#carrier-choice")
        host.get_by_role("option", name="DHL Express").click()
        host.get_by_label(translate("order.tracking", "en")).fill("JD0146000038")  # the field has its label
        expect(host.get_by_label(translate("order.carrier", "en"))).to_contain_text("DHL Express")
        host.click("#ship-order")
        expect(host.locator(".order-status").first).to_have_text("Shipped")
    finally:
        factory_ctx.close()

    open_page(page, f"/orders/{order_id}")
    expect(page.locator("#tracking-info")).to_contain_text("DHL Express")
    link = page.locator("#tracking-link")
    expect(link).to_contain_text("JD0146000038")
    assert link.get_attribute("href") == "https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD0146000038"
    assert "noopener" in (link.get_attribute("rel") or "")
    expect(page.locator(".timeline-row")).to_have_count(5)  # placed, checkout, paid, accepted, shipped
    rows = page.locator(".timeline-row")
    expect(rows.nth(1)).to_contain_text("Card checkout opened (attempt 1)")
    expect(rows.nth(2)).to_contain_text("Paid by card")
    expect(rows.nth(4)).to_contain_text("Shipped: DHL Express JD0146000038")


def test_bank_transfer_end_to_end(page: Page, browser, app_url: str):
    log_in(page, "olivia@example.com")
    open_page(page, f"/orders/new?factory=yiwu-sunny-toys&product={sunny_product_id()}")
    fill_address(page)
    page.select_option("#ship_country", "AU")
    page.click("#pay-bank")
    page.click("#place-order")
    expect(page).to_have_url(re.compile(r"/orders/\d+/?$"))
    expect(page.locator("#bank-instructions")).to_contain_text("Bank of China")
    reference = page.locator("#order-reference").inner_text()
    expect(page.locator("#bank-instructions")).to_contain_text(reference)
    order_url = page.url

    factory_ctx = browser.new_context(base_url=app_url)
    try:
        host = factory_ctx.new_page()
        log_in(host, OWNER)
        open_page(host, "/dashboard/orders")
        host.locator(".order-card", has_text=reference).click()
        host.click("#mark-paid")
        expect(host.locator(".order-status").first).to_have_text("Paid")
        expect(host.locator(".timeline-row").last).to_contain_text("Bank transfer received")
        expect(host.locator("#accept-order")).to_be_visible()
        expect(host.locator("#mark-paid")).to_have_count(0)
    finally:
        factory_ctx.close()

    page.goto(order_url)
    page.wait_for_selector("main[data-hydrated='true']")
    expect(page.locator(".order-status").first).to_have_text("Paid")


def test_a_stranger_cannot_open_someone_elses_order(page: Page):
    order_id = a_bank_transfer_order_by_maya()
    log_in(page, "lukas@example.com")
    open_page(page, f"/orders/{order_id}")
    expect(page.locator("#not-your-order")).to_have_text("This is not your order.")  # not "…your meeting"
    page.click("#language-switch")
    expect(page.locator("#not-your-order")).to_have_text("这不是您的订单。")
    page.click("#language-switch")


def test_a_forged_payment_moves_nothing_and_admins_see_it_with_its_raw_event(page: Page, app_url: str):
    from realsourcing.accounts import service as accounts
    from realsourcing.orders import service as orders

    maya, _ = accounts.authenticate("maya@example.com", "realsourcing-demo", ip="10.7.0.2")
    with session_scope() as db:
        factory_id = db.exec(select(Factory.id).where(Factory.slug == "yiwu-sunny-toys")).one()
    order_id = orders.create_order(
        maya,
        factory_id,
        [orders.Line(sunny_product_id(), 1)],
        orders.Address("Maya", "", "US", "12 Harbor St", "", "Portland", "OR", "97201", "+1 503 555 0100"),
        payment_method="card",
        key=new_key(),
    )
    event_id = f"evt_forged_{uuid.uuid4().hex[:12]}"
    one_cent = {
        "id": event_id,
        "object": "event",
        "type": "checkout.session.completed",
        "data": {
            "object": {
                "id": f"cs_test_forged_{uuid.uuid4().hex[:8]}",
                "object": "checkout.session",
                "payment_status": "paid",
                "amount_total": 1,
                "currency": "usd",
                "payment_intent": "pi_one_cent",
                "client_reference_id": str(order_id),
            }
        },
    }
    body = json.dumps(one_cent)
    url = f"{app_url}/api/webhooks/stripe"
    assert httpx.post(url, content=body).status_code == 400  # unsigned
    assert httpx.post(url, content=body, headers={"Stripe-Signature": sign(body, "whsec_guess")}).status_code == 400
    assert httpx.post(url, content=b"{" + b" " * (2 * 1024 * 1024) + b"}").status_code == 413
    signed = httpx.post(url, content=body, headers={"Stripe-Signature": sign(body, STRIPE_WEBHOOK_SECRET)})
    assert signed.json() == {"received": True, "duplicate": False}  # acknowledged, so Stripe stops retrying

    log_in(page, "maya@example.com")
    open_page(page, f"/orders/{order_id}")
    expect(page.locator(".order-status").first).to_have_text("Awaiting payment")

    page.context.clear_cookies()
    log_in(page, "admin@example.com")
    open_page(page, "/admin")
    page.click("#admin-payments")
    row = page.locator(".anomaly-row", has_text=event_id)
    expect(row).to_be_visible()
    expect(row.locator(".anomaly-kind")).to_have_text("Unknown checkout session")
    expect(row.get_by_role("link", name=orders.view(maya, order_id).reference)).to_be_visible()  # the order it named
    row.locator(".anomaly-raw-toggle").click()
    raw = row.locator(".anomaly-raw")
    expect(raw).to_be_visible()
    expect(raw).to_contain_text('"amount_total": 1')
    expect(raw).to_contain_text(f'"client_reference_id": "{order_id}"')


def test_the_factory_sees_line_totals_phone_and_notes_and_a_cancellation_asks_for_a_reason(
    page: Page, browser, app_url
):
    order_id = a_bank_transfer_order_by_maya(quantity=3, notes="Blue only, please; gift box packaging.")
    with session_scope() as db:
        product = db.get(Product, sunny_product_id())
        assert product is not None and product.sample_price_cents is not None
        unit_cents = product.sample_price_cents

    factory_ctx = browser.new_context(base_url=app_url, locale="en-US")
    try:
        host = factory_ctx.new_page()
        log_in(host, OWNER)
        open_page(host, f"/orders/{order_id}")
        expect(host.locator(".order-item .line-total")).to_have_text(format_money(3 * unit_cents, "USD", "en"))
        expect(host.locator("#ship-phone")).to_contain_text("+1 503-555-0100")
        expect(host.locator("#buyer-notes")).to_contain_text("Blue only, please; gift box packaging.")
    finally:
        factory_ctx.close()

    log_in(page, "maya@example.com")
    open_page(page, f"/orders/{order_id}")
    page.click("#cancel-order")
    page.click("#confirm-cancel")  # no reason yet: refused at the field, nothing cancelled
    expect(page.locator("#cancel-reason-error")).to_contain_text("Say why you cancel")
    expect(page.locator(".order-status").first).to_have_text("Awaiting payment")
    page.fill("#cancel-reason", "Ordered the wrong colour")
    page.wait_for_timeout(1100)  # past the button's double-click guard (SECOND_CLICK_MS), as a person would be
    page.click("#confirm-cancel")
    expect(page.locator(".order-status").first).to_have_text("Cancelled")
    expect(page.locator(".timeline-row").last).to_contain_text("Ordered the wrong colour")


def test_the_order_form_refuses_at_the_field_in_chinese(page: Page, app_url: str):
    page.context.add_cookies([{"name": "rs_lang", "value": "zh", "url": app_url}])
    log_in(page, "lukas@example.com")
    open_page(page, f"/orders/new?factory=yiwu-sunny-toys&product={sunny_product_id()}")
    quantity = page.locator(".qty input, input.qty").first
    quantity.fill("999")
    expect(page.locator("#qty-error")).to_contain_text("超过工厂的样品数量上限")
    expect(page.locator("[aria-invalid='true']")).to_have_count(1)  # the quantity field itself is marked
    quantity.fill("1")
    expect(page.locator("#qty-error")).to_have_count(0)

    expect(page.locator("#ship_country option[value='DE']")).to_have_text("德国")
    page.select_option("#ship_country", "DE")
    expect(page.locator("#order-total")).not_to_be_empty()
    for field, value in (("name", "Lukas Weber"), ("line1", "Hafenstraße 1"), ("city", "Hamburg")):
        page.fill(f"#ship_{field}", value)
    page.fill("#ship_phone", "555")
    page.locator("#ship_phone").blur()
    page.click("#place-order")
    expect(page.locator("#ship_phone-error")).to_contain_text("请填写该国家/地区可拨通的电话")
    expect(page).to_have_url(re.compile(r"/orders/new"))


def test_a_cancelled_card_checkout_is_no_dead_end_the_buyer_switches_to_bank_transfer(
    page: Page, browser, app_url: str, stripe_standin
):
    log_in(page, "maya@example.com")
    open_page(page, f"/orders/new?factory=yiwu-sunny-toys&product={sunny_product_id()}")
    fill_address(page)
    page.click("#pay-card")
    page.click("#place-order")
    expect(page.locator("#standin-checkout")).to_be_visible()
    checkout = stripe_standin.requests[-1]
    order_id = checkout.params["client_reference_id"]
    session_id = stripe_standin.by_key[checkout.idempotency_key]["id"]

    page.click("#standin-cancel")  # the hosted checkout's way back, to the order's cancel_url
    page.wait_for_selector("main[data-hydrated='true']")
    expect(page.locator("#checkout-cancelled")).to_be_visible()
    expect(page.locator("#confirming-payment")).to_have_count(0)
    expect(page.locator("#pay-again")).to_be_visible()  # both ways to pay are offered
    expect(page.locator("#switch-to-bank")).to_be_visible()

    page.click("#switch-to-bank")
    expect(page.locator("#bank-instructions")).to_contain_text("Bank of China")
    expect(page.locator("#bank-instructions")).to_contain_text(page.locator("#order-reference").inner_text())
    expect(page.locator("#switch-to-card")).to_be_visible()
    expect(page.locator("#switch-to-bank")).to_have_count(0)
    expect(page.locator("#pay-again")).to_have_count(0)
    expect(page.locator(".timeline-row").last).to_contain_text("Switched to bank transfer")
    # the open checkout can no longer be paid at Stripe
    assert stripe_standin.expire_requests()[-1].path == f"/v1/checkout/sessions/{session_id}/expire"
    assert stripe_standin.sessions[session_id]["status"] == "expired"

    factory_ctx = browser.new_context(base_url=app_url)
    try:
        host = factory_ctx.new_page()
        log_in(host, OWNER)
        open_page(host, f"/orders/{order_id}")
        expect(host.locator(".timeline-row").last).to_contain_text("Switched to bank transfer")
        expect(host.locator(".timeline-row").last).to_contain_text("Buyer")
        expect(host.locator("#mark-paid")).to_be_visible()  # the factory now confirms the transfer itself
        expect(host.locator("#switch-to-card")).to_have_count(0)
    finally:
        factory_ctx.close()
