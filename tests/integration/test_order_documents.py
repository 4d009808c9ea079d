"""An order's proforma invoice and receipt over HTTP (the app's routes in-process, as the app mounts them):
who gets which document, when the receipt exists, and what the documents say about the stored order."""

from __future__ import annotations

import asyncio
import threading
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import httpx
import pytest

from realsourcing.accounts import service as accounts
from realsourcing.accounts.identity import CurrentUser
from realsourcing.api import body_size_limit, make_api
from realsourcing.core.idempotency import new_key
from realsourcing.db import session_scope
from realsourcing.orders import service as orders
from realsourcing.orders import transitions
from realsourcing.orders.invoice_pdf import both
from realsourcing.orders.lifecycle import Action, Side
from realsourcing.orders.models import SampleOrder, ShippingRate
from realsourcing.orders.service import Address, Line
from realsourcing.profile.models import Factory, FactoryMember
from tests.support.builders import PASSWORD, a_buyer, a_factory, a_product, with_bank_details
from tests.support.pdf_text import pdf_text

ADDRESS = Address(
    "Maya Thompson", "Northwind Goods", "US", "12 Harbor St", "", "Portland", "OR", "97201", "+1 503 555 0100"
)
ZONE = ZoneInfo("Asia/Shanghai")  # the factory's zone (the sign-up default): the documents' days
BAD_IDS = ["0", "-1", "abc", str(2**31), "99999999999999999999"]


def get(path: str, user: CurrentUser | None = None) -> httpx.Response:
    """GET through the app's routes and body limit, signed in as `user` (a fresh session) or not at all."""
    cookies = {}
    if user is not None:
        _, token = accounts.authenticate(user.email, PASSWORD if user.email != ADMIN_EMAIL else DEMO, ip="10.13.0.1")
        cookies = {accounts.SESSION_COOKIE: token}

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=body_size_limit(make_api()))
        async with httpx.AsyncClient(transport=transport, base_url="http://app.test", cookies=cookies) as client:
            return await client.get(path)

    box: dict = {}
    thread = threading.Thread(target=lambda: box.update(response=asyncio.run(send())))
    thread.start()
    thread.join()
    return box["response"]


ADMIN_EMAIL, DEMO = "admin@example.com", "realsourcing-demo"  # the seeded platform admin


def an_admin() -> CurrentUser:
    admin, _ = accounts.authenticate(ADMIN_EMAIL, DEMO, ip="10.13.0.2")
    return admin


def a_factory_selling_mugs() -> tuple[CurrentUser, CurrentUser, int]:
    """A factory (its owner and a staff member) with a published mug named in English and Chinese."""
    owner = a_factory(name="Harbor Ceramics", city="Chaozhou")
    mug = a_product(
        owner, name_en="Ceramic mug 350 ml", name_zh="陶瓷马克杯 350 毫升", sample_price="12.50", published=True
    )
    staff = a_buyer(full_name="Chen Jing", company_name="")
    with session_scope() as db:
        db.add(ShippingRate(factory_id=owner.factory_id, region="north_america", label="DHL Express", fee_cents=4500))
        db.add(FactoryMember(factory_id=owner.factory_id, user_id=staff.id))
        factory = db.get(Factory, owner.factory_id)
        factory.legal_name_en, factory.legal_name_zh = "Chaozhou Harbor Ceramics Co., Ltd.", "潮州海港陶瓷有限公司"
        factory.address, factory.province = "No. 8 Kiln Road, Fengxi District", "Guangdong"
        db.add(factory)
    with_bank_details(owner)
    return owner, staff, mug


def an_order(buyer: CurrentUser, owner: CurrentUser, mug: int, method: str = "bank_transfer") -> int:
    return orders.create_order(
        buyer, owner.factory_id, [Line(mug, 2, "blue glaze")], ADDRESS, payment_method=method, key=new_key()
    )


def pay_by_card(order_id: int, intent: str) -> None:
    """What a verified Stripe payment does to the order (the webhook's own lifecycle action)."""
    with session_scope() as db:
        order = db.get(SampleOrder, order_id)
        order.stripe_payment_intent_id = intent
        transitions.apply(db, order, Action.PAYMENT_SUCCEEDED, Side.PAYMENT, None, {"payment_intent": intent})


@pytest.fixture(scope="module")
def shop():
    owner, staff, mug = a_factory_selling_mugs()
    buyer = a_buyer(full_name="Maya Thompson", company_name="Northwind Goods")
    return owner, staff, mug, buyer


def test_the_buyer_the_factory_and_admins_get_the_proforma_and_nobody_else_learns_the_order_exists(shop):
    owner, staff, mug, buyer = shop
    order_id = an_order(buyer, owner, mug)
    path = f"/api/orders/{order_id}/proforma.pdf"
    for reader in (buyer, owner, staff, an_admin()):
        response = get(path, reader)
        assert response.status_code == 200, reader.email
        assert response.headers["content-type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        assert response.headers["cache-control"] == "private, no-store"
        reference = orders.view(buyer, order_id).reference
        assert response.headers["content-disposition"] == f'attachment; filename="proforma-invoice-{reference}.pdf"'
    other_factory, _, _ = a_factory_selling_mugs()
    for stranger in (a_buyer(), other_factory):
        for kind in ("proforma", "receipt"):
            refused = get(f"/api/orders/{order_id}/{kind}.pdf", stranger)
            missing = get(f"/api/orders/{2**31 - 1}/{kind}.pdf", stranger)
            assert (refused.status_code, refused.text) == (missing.status_code, missing.text) == (404, "Not found")
    anonymous = get(path)
    assert anonymous.status_code == 303
    assert unquote(anonymous.headers["location"]) == f"/login?next=/orders/{order_id}"
    for bad in BAD_IDS:
        assert get(f"/api/orders/{bad}/proforma.pdf", buyer).status_code == 404, bad


def test_the_proforma_says_what_the_order_says_in_both_languages(shop):
    owner, _, mug, buyer = shop
    order_id = an_order(buyer, owner, mug)
    reference = orders.view(buyer, order_id).reference
    text = pdf_text(get(f"/api/orders/{order_id}/proforma.pdf", buyer).content)
    assert "Proforma Invoice 形式发票" in text and f"PI-{reference}" in text
    assert "Ceramic mug 350 ml 陶瓷马克杯 350 毫升 Options · 规格要求: blue glaze 2 $12.50 $25.00" in text
    assert "Shipping · 运费 (DHL Express) $45.00" in text and "Total · 合计 (USD) $70.00" in text
    assert "Chaozhou Harbor Ceramics Co., Ltd. 潮州海港陶瓷有限公司 No. 8 Kiln Road, Fengxi District" in text
    assert "Maya Thompson Northwind Goods" in text and "Portland OR 97201 United States · 美国" in text
    # the payee is the factory's checked bank details, labelled in both languages
    for key, value in (
        ("bank.bank_name", "Bank of China, Ningbo Branch"),
        ("bank.account_number", "6217850000001234567"),  # stored without the spaces typed
        ("bank.swift_bic", "BKCHCNBJ"),
    ):
        assert f"{both(key)}: {value}" in " ".join(text.split()), key
    assert f"Payment reference · 付款附言 {reference}" in text


def test_there_is_no_receipt_before_the_money_arrives_and_the_page_offers_none(shop):
    owner, _, mug, buyer = shop
    order_id = an_order(buyer, owner, mug)
    for reader in (buyer, owner):
        refused = get(f"/api/orders/{order_id}/receipt.pdf", reader)
        assert refused.status_code == 409
        assert "not paid yet" in refused.text and "尚未付款" in refused.text
    orders.act(buyer, order_id, "cancel", note="ordered the wrong colour")
    assert get(f"/api/orders/{order_id}/receipt.pdf", buyer).status_code == 409  # cancelled unpaid: none ever
    text = pdf_text(get(f"/api/orders/{order_id}/proforma.pdf", buyer).content)
    assert "此订单已取消，无需付款" in text and "Bank of China" not in text


def test_a_bank_transfer_receipt_says_the_factory_confirmed_it_and_a_refunded_one_says_refunded(shop):
    owner, staff, mug, buyer = shop
    order_id = an_order(buyer, owner, mug)
    orders.act(owner, order_id, "mark_paid")
    with session_scope() as db:
        paid_on = db.get(SampleOrder, order_id).paid_at.astimezone(ZONE).date().isoformat()
    receipt = get(f"/api/orders/{order_id}/receipt.pdf", buyer)
    assert receipt.status_code == 200
    assert receipt.headers["content-disposition"].startswith('attachment; filename="receipt-RS-')
    text = pdf_text(receipt.content)
    assert "Receipt 收据" in text and f"Paid on · 付款日期 {paid_on}" in text
    assert "Amount received · 实收金额 $70.00" in text
    assert f"Bank transfer confirmed by the factory on {paid_on}" in text
    assert "REFUNDED" not in text
    orders.act(owner, order_id, "refund_bank", note="out of stock")
    refunded = pdf_text(get(f"/api/orders/{order_id}/receipt.pdf", staff).content)
    assert "REFUNDED on " in refunded and "退款：该笔款项已退还买方" in refunded
    assert "Order status · 订单状态 Refunded · 已退款" in refunded


def test_a_card_receipt_names_the_stripe_payment(shop):
    owner, _, mug, buyer = shop
    order_id = an_order(buyer, owner, mug, method="card")
    assert "Card (Stripe) · 银行卡（Stripe）" in pdf_text(get(f"/api/orders/{order_id}/proforma.pdf", buyer).content)
    pay_by_card(order_id, "pi_3TestDocuments0001")
    text = pdf_text(get(f"/api/orders/{order_id}/receipt.pdf", an_admin()).content)
    assert "Card payment through Stripe, payment ID" in text and "pi_3TestDocuments0001" in text
    assert "Amount received · 实收金额 $70.00" in text


def test_totals_that_do_not_add_up_are_refused_not_printed(shop):
    owner, _, mug, buyer = shop
    order_id = an_order(buyer, owner, mug)
    with session_scope() as db:
        order = db.get(SampleOrder, order_id)
        order.total_cents += 1  # a stored total the lines do not make
        db.add(order)
    refused = get(f"/api/orders/{order_id}/proforma.pdf", buyer)
    assert refused.status_code == 409 and "do not add up" in refused.text


def test_documents_made_at_the_same_time_on_several_threads_all_come_out_whole(shop):
    owner, _, mug, buyer = shop
    order_ids = [an_order(buyer, owner, mug) for _ in range(3)]
    _, token = accounts.authenticate(buyer.email, PASSWORD, ip="10.13.0.3")

    async def all_at_once() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=body_size_limit(make_api()))
        cookies = {accounts.SESSION_COOKIE: token}
        async with httpx.AsyncClient(transport=transport, base_url="http://app.test", cookies=cookies) as client:
            paths = [f"/api/orders/{order_id}/proforma.pdf" for order_id in order_ids for _ in range(2)]
            return list(await asyncio.gather(*(client.get(path) for path in paths)))

    box: dict = {}
    thread = threading.Thread(target=lambda: box.update(responses=asyncio.run(all_at_once())))
    thread.start()
    thread.join()
    references = [orders.view(buyer, order_id).reference for order_id in order_ids for _ in range(2)]
    for response, reference in zip(box["responses"], references, strict=True):
        assert response.status_code == 200
        assert f"PI-{reference}" in pdf_text(response.content) and "Total · 合计 (USD) $70.00" in pdf_text(
            response.content
        )
