"""Bank details in the browser: a factory owner, in Chinese, sets them (a wrong password is refused at its
field first); the buyer of an open bank-transfer order sees the new details and the change notice."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlmodel import col, select

from realsourcing.accounts import service as accounts
from realsourcing.core.idempotency import new_key
from realsourcing.db import session_scope
from realsourcing.orders import service as orders
from realsourcing.profile.catalog_models import Product
from realsourcing.profile.models import Factory
from realsourcing.ui.forms import SECOND_CLICK_MS
from tests.e2e.helpers import DEMO_PASSWORD, log_in, open_page

SLUG = "xiamen-greenleaf-packaging"  # verified in the demo data, used by no other browser test
OWNER = f"owner@{SLUG}.example.com"


def a_bank_transfer_order_by_maya() -> tuple[int, str]:
    """An open bank-transfer order of Maya's with this factory (placed through the service): id, reference."""
    maya, _ = accounts.authenticate("maya@example.com", DEMO_PASSWORD, ip="10.7.0.2")
    with session_scope() as db:
        factory_id = db.exec(select(Factory.id).where(Factory.slug == SLUG)).one()
        product = db.exec(
            select(Product.id)
            .where(Product.factory_id == factory_id, Product.status == "published")
            .order_by(col(Product.id))
        ).first()
    order_id = orders.create_order(
        maya,
        factory_id,
        [orders.Line(product, 1)],
        orders.Address("Maya", "", "US", "12 Harbor St", "", "Portland", "OR", "97201", "+1 503 555 0100"),
        payment_method="bank_transfer",
        key=new_key(),
    )
    return order_id, orders.view(maya, order_id).reference


def test_an_owner_sets_bank_details_in_chinese_and_the_buyer_pays_only_to_them(page: Page, browser, app_url: str):
    order_id, reference = a_bank_transfer_order_by_maya()
    with session_scope() as db:
        legal_zh = db.exec(select(Factory.legal_name_zh).where(Factory.slug == SLUG)).one()

    page.context.add_cookies([{"name": "rs_lang", "value": "zh", "url": app_url}])
    log_in(page, OWNER)
    open_page(page, "/dashboard/bank")
    expect(page.locator("#bank-saved")).to_contain_text("••••")  # the demo account, masked
    expect(page.locator("#holder-help")).to_contain_text(legal_zh)
    page.fill("#account_holder", "某某贸易有限公司")  # not the licensed company
    page.fill("#bank_name", "中国工商银行厦门分行")
    page.fill("#account_number", "6222 0210 0111 2345 678")
    page.fill("#swift_bic", "icbkcnbjxmn")
    page.fill("#bank_address", "厦门市思明区湖滨北路 1 号")
    page.select_option("#currency", "CNY")
    page.fill("#password", DEMO_PASSWORD)
    page.click("#bank-save")
    expect(page.locator("#account_holder-error")).to_contain_text("不一致")

    page.fill("#account_holder", legal_zh.replace("（", "(").replace("）", ")"))
    page.fill("#password", "not the password")
    page.wait_for_timeout(SECOND_CLICK_MS + 100)  # a retry, not a double click (the browser drops those)
    page.click("#bank-save")
    expect(page.locator("#password-error")).to_contain_text("密码不正确")

    page.fill("#password", DEMO_PASSWORD)
    page.wait_for_timeout(SECOND_CLICK_MS + 100)
    page.click("#bank-save")
    expect(page.get_by_text("收款账户已保存")).to_be_visible()
    saved = page.locator("#bank-saved")
    expect(saved).to_contain_text("中国工商银行厦门分行")
    expect(saved).to_contain_text("•••• 5678")
    expect(saved).not_to_contain_text("6222021001112345678")  # masked in the dashboard
    expect(page.locator("#bank-history")).to_contain_text("修改")

    buyer_ctx = browser.new_context(base_url=app_url)
    try:
        buyer = buyer_ctx.new_page()
        log_in(buyer, "maya@example.com")
        open_page(buyer, f"/orders/{order_id}")
        details = buyer.locator("#bank-details")
        expect(buyer.locator("#bank-changed-notice")).to_contain_text("pay only to the details below")
        expect(details).to_contain_text(legal_zh.replace("（", "(").replace("）", ")"))
        expect(details).to_contain_text("6222021001112345678")  # in full for the payer
        expect(details).to_contain_text("ICBKCNBJXMN")
        expect(details).to_contain_text("CNY — Chinese Yuan")
        expect(buyer.locator("#bank-reference")).to_contain_text(f"Use order number {reference}")
    finally:
        buyer_ctx.close()
