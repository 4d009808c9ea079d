"""The order's PDFs from the order page: the buyer downloads the proforma invoice (bank details, total,
Chinese product name inside), the receipt appears once the factory confirms the money, and the factory's
members find both links too, in Chinese."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from realsourcing.accounts import service as accounts
from realsourcing.orders import service as orders
from tests.e2e.helpers import DEMO_PASSWORD, log_in, open_page
from tests.e2e.test_orders_in_browser import OWNER, a_bank_transfer_order_by_maya
from tests.support.pdf_text import pdf_text


def download(page: Page, link: str, tmp_path: Path) -> tuple[str, str]:
    """Click a download link; the file's suggested name and its text."""
    with page.expect_download() as info:
        page.click(link)
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    return info.value.suggested_filename, pdf_text(saved.read_bytes())


def test_the_buyer_downloads_the_proforma_then_the_receipt_once_paid(page: Page, browser, app_url: str, tmp_path):
    order_id = a_bank_transfer_order_by_maya(quantity=2)
    owner, _ = accounts.authenticate(OWNER, DEMO_PASSWORD, ip="10.14.0.1")
    view = orders.view(owner, order_id)
    log_in(page, "maya@example.com")
    open_page(page, f"/orders/{order_id}")
    expect(page.locator("#download-proforma")).to_contain_text("Download proforma invoice (PDF)")
    expect(page.locator("#download-receipt")).to_have_count(0)  # nothing paid yet

    name, text = download(page, "#download-proforma", tmp_path)
    assert name == f"proforma-invoice-{view.reference}.pdf"
    assert "Proforma Invoice 形式发票" in text and f"PI-{view.reference}" in text
    product_en, quantity, unit_cents, _ = view.items[0]
    assert f"{product_en} 木制彩虹叠叠乐" in text  # the seeded product's Chinese name
    assert f"{quantity} ${unit_cents / 100:.2f} ${quantity * unit_cents / 100:.2f}" in text
    assert f"Total · 合计 (USD) ${view.total_cents / 100:.2f}" in text
    assert "Bank of China" in text and f"Payment reference · 付款附言 {view.reference}" in text

    orders.act(owner, order_id, "mark_paid")  # the factory confirms the transfer arrived
    page.reload()
    page.wait_for_selector("main[data-hydrated='true']")
    name, text = download(page, "#download-receipt", tmp_path)
    assert name == f"receipt-{view.reference}.pdf"
    assert "Receipt 收据" in text and "Bank transfer confirmed by the factory on" in text

    factory_ctx = browser.new_context(base_url=app_url, accept_downloads=True)
    try:
        host = factory_ctx.new_page()
        log_in(host, OWNER)
        open_page(host, f"/orders/{order_id}")
        host.click("#language-switch")
        expect(host.locator("#download-proforma")).to_contain_text("下载形式发票（PDF）")
        expect(host.locator("#download-receipt")).to_contain_text("下载收据（PDF）")
        _, text = download(host, "#download-receipt", tmp_path)
        assert f"RC-{view.reference}" in text
    finally:
        factory_ctx.close()
