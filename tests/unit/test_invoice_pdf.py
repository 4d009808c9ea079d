"""The proforma invoice and the receipt, rendered and read back: every label in both languages, amounts that
add up, Chinese names that survive, dates in the seller's zone, and what each kind of order's document says."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from realsourcing.orders.invoice_pdf import (
    CJK_FONT,
    Buyer,
    DocumentKind,
    InvoiceLine,
    OrderDocument,
    PaymentFacts,
    Seller,
    TotalsDoNotAddUp,
    download_name,
    markup,
    render,
)
from tests.support.pdf_text import pdf_pages, pdf_text

SELLER = Seller(
    "Yiwu Sunny Toys Co., Ltd.",
    "义乌阳光玩具有限公司",
    ["No. 12 Industrial Road, Yiwu", "Yiwu, Zhejiang", "China · 中国"],
    ["Li Wei", "sales@sunny.example.com", "+86 579 8555 0101"],
)
BUYER = Buyer(
    "Maya Thompson",
    "Northwind & Sons <Goods>",
    ["Maya Thompson", "12 Harbor St", "Portland OR 97201", "United States · 美国"],
    "+1 503 555 0100",
)
LINES = [
    InvoiceLine("Wooden stacking rainbow", "木制彩虹叠叠乐", 2, 1250, "blue glaze"),
    InvoiceLine("Plush bear 30 cm", "毛绒熊 30 厘米", 3, 799),
]
PLACED = datetime(2026, 12, 1, 17, 30, tzinfo=UTC)  # 2 December, 01:30 in Shanghai
PAID = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
BANK = [("", "Bank of China, Yiwu Branch"), ("order.invoice_bank_swift", "BKCHCNBJ")]


def a_document(kind: DocumentKind = DocumentKind.PROFORMA, **changes) -> OrderDocument:
    doc = OrderDocument(
        kind=kind,
        order_reference="RS-2026-000123",
        status="awaiting_payment",
        placed_at=PLACED,
        zone="Asia/Shanghai",
        currency="USD",
        seller=SELLER,
        buyer=BUYER,
        lines=LINES,
        shipping_label="DHL Express",
        shipping_cents=4500,
        subtotal_cents=2 * 1250 + 3 * 799,
        total_cents=2 * 1250 + 3 * 799 + 4500,
        payment_method="bank_transfer",
        generated_at=datetime(2026, 12, 4, 9, 15, tzinfo=UTC),
        bank_details=BANK,
    )
    return replace(doc, **changes)


def paid(kind: DocumentKind = DocumentKind.RECEIPT, **changes) -> OrderDocument:
    return a_document(kind, **({"status": "paid", "payment": PaymentFacts(PAID, "")} | changes))


def text_of(doc: OrderDocument) -> str:
    return pdf_text(render(doc))


def test_a_proforma_invoice_reads_back_with_its_lines_totals_and_both_languages():
    text = text_of(a_document())
    assert "Proforma Invoice 形式发票" in text
    assert "Document no. · 单据编号 PI-RS-2026-000123" in text  # derived from the order number
    # each line: both names, its quantity, unit price and quantity × unit price
    assert "Wooden stacking rainbow 木制彩虹叠叠乐 Options · 规格要求: blue glaze 2 $12.50 $25.00" in text
    assert "Plush bear 30 cm 毛绒熊 30 厘米 3 $7.99 $23.97" in text
    assert "Samples subtotal · 样品小计 $48.97" in text
    assert "Shipping · 运费 (DHL Express) $45.00" in text
    assert "Total · 合计 (USD) $93.97" in text
    assert "Currency · 币种: USD — US Dollar · 美元" in text
    for en, zh in [("Product", "产品"), ("Quantity", "数量"), ("Unit price", "单价"), ("Amount", "金额")]:
        assert f"{en} {zh}" in text  # column headings, English over Chinese
    for label in ("Seller · 卖方", "Buyer · 买方", "Ship to · 收货地址", "Issue date · 开具日期", "Order no. · 订单号"):
        assert label in text
    assert "Yiwu Sunny Toys Co., Ltd. 义乌阳光玩具有限公司" in text
    assert "Northwind & Sons <Goods>" in text  # what people typed is printed as typed, never read as markup
    assert "Phone · 电话: +1 503 555 0100" in text


def test_a_bank_transfer_proforma_names_the_payee_bank_and_the_order_number_as_reference():
    text = text_of(a_document())
    assert "Payment method · 付款方式 Bank transfer (T/T) · 银行转账（T/T）" in text
    assert "Payee bank details · 收款银行信息 Bank of China, Yiwu Branch SWIFT / BIC · SWIFT 代码: BKCHCNBJ" in text
    assert "Payment reference · 付款附言 RS-2026-000123" in text
    assert "Amount due · 应付金额 $93.97" in text
    without = text_of(a_document(bank_details=[]))
    assert "The factory has not entered its bank details yet" in without and "工厂尚未填写收款银行信息" in without


def test_a_card_proforma_shows_no_bank_details():
    text = text_of(a_document(payment_method="card", bank_details=[]))
    assert "Card (Stripe) · 银行卡（Stripe）" in text
    assert "Payee bank details" not in text and "Payment reference" not in text


def test_dates_are_days_in_the_sellers_zone_which_the_document_names():
    text = text_of(a_document())
    assert "Issue date · 开具日期 2026-12-02" in text  # 17:30 UTC on the 1st is the 2nd in Shanghai
    assert "seller's time zone (Shanghai, UTC+8)" in text and "卖方所在时区（上海，中国标准时间，UTC+8）" in text
    new_york = text_of(a_document(zone="America/New_York"))
    assert "Issue date · 开具日期 2026-12-01" in new_york and "UTC−5" in new_york
    assert "Generated 2026-12-04 09:15 UTC" in text  # the stamp says it is UTC


def test_a_cancelled_order_proforma_is_marked_not_payable_and_shows_no_bank():
    text = text_of(a_document(status="cancelled"))
    assert "This order was cancelled: nothing is to be paid · 此订单已取消，无需付款" in text
    assert "Bank of China" not in text and "Amount due" not in text


def test_a_card_receipt_states_the_day_the_amount_and_the_providers_reference():
    doc = paid(payment_method="card", bank_details=[], payment=PaymentFacts(PAID, "pi_3QxYz0123456789"))
    text = text_of(doc)
    assert "Receipt 收据" in text and "RC-RS-2026-000123" in text
    assert "Issue date · 开具日期 2026-12-03" in text  # issued when the money came in
    assert "Paid on · 付款日期 2026-12-03" in text
    assert "Amount received · 实收金额 $93.97" in text
    assert "pi_3QxYz0123456789" in text
    assert "REFUNDED" not in text and "已退款" not in text


def test_a_bank_transfer_receipt_says_when_the_factory_confirmed_the_money():
    text = text_of(paid())
    assert "Bank transfer confirmed by the factory on 2026-12-03 · 工厂已于 2026-12-03 确认收到银行转账" in text
    assert "Payee bank details" not in text  # a receipt does not ask for the money again


def test_a_refunded_orders_receipt_says_it_was_refunded_and_when():
    refunded = datetime(2026, 12, 6, 20, 0, tzinfo=UTC)  # the 7th in Shanghai
    text = text_of(a_document(DocumentKind.RECEIPT, status="refunded", payment=PaymentFacts(PAID, "", refunded)))
    assert "REFUNDED on 2026-12-07: this payment was returned to the buyer" in text
    assert "已于 2026-12-07 退款：该笔款项已退还买方" in text
    assert "Order status · 订单状态 Refunded · 已退款" in text


def test_amounts_that_do_not_add_up_are_never_printed():
    with pytest.raises(TotalsDoNotAddUp):
        render(a_document(total_cents=9000))  # not subtotal + shipping
    with pytest.raises(TotalsDoNotAddUp):
        render(a_document(subtotal_cents=4000, total_cents=8500))  # not the lines' sum


def test_a_receipt_needs_the_payments_facts():
    with pytest.raises(ValueError):
        render(a_document(DocumentKind.RECEIPT))


def test_a_long_order_runs_over_pages_with_every_line_and_the_headings_repeated():
    lines = [InvoiceLine(f"Sample item {n:02d}", f"样品 {n:02d}", 1, 100 * n) for n in range(1, 61)]
    subtotal = sum(100 * n for n in range(1, 61))
    pages = pdf_pages(render(a_document(lines=lines, subtotal_cents=subtotal, total_cents=subtotal + 4500)))
    assert len(pages) >= 2
    text = " ".join(" ".join(pages).split())
    for n in range(1, 61):
        assert f"Sample item {n:02d} 样品 {n:02d} 1 ${n}.00 ${n}.00" in text
    assert all(re.search(r"Unit price\s+单价", page) for page in pages[:2])  # the table's heading on each page
    assert "Page 2 · 第 2 页" in text


def test_chinese_runs_are_set_in_the_cjk_font_and_the_rest_escaped():
    assert markup("A&B 义乌 <x>") == f'A&amp;B <font face="{CJK_FONT}">义乌</font> &lt;x&gt;'
    assert markup("Café · №1") == f'Café · <font face="{CJK_FONT}">№</font>1'  # outside Helvetica's encoding


def test_downloads_have_readable_names():
    assert download_name(DocumentKind.PROFORMA, "RS-2026-000123") == "proforma-invoice-RS-2026-000123.pdf"
    assert download_name(DocumentKind.RECEIPT, 'RS-1"; x=y') == "receipt-RS-1xy.pdf"
