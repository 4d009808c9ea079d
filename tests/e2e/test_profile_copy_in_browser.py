"""Profile and copy fixes in the browser (issue 13): a refused document field says so where it is, the
gallery button is itself again after uploads, the dashboard's verification badge, the product delete dialog,
the admin queue's expiry flag and the first-visit greeting."""

from __future__ import annotations

import io
import uuid
from datetime import date, timedelta

from PIL import Image
from playwright.sync_api import Page, expect
from sqlalchemy import update

from realsourcing.accounts.models import User
from realsourcing.db import session_scope, utcnow
from realsourcing.profile import catalog, documents
from realsourcing.profile.documents import DocumentForm
from realsourcing.profile.models import FactoryDocument
from realsourcing.ui.forms import SECOND_CLICK_MS
from tests.e2e.helpers import log_in, open_page
from tests.support.builders import PASSWORD, a_buyer, a_factory
from tests.support.media import a_video

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NEXT_YEAR = (date.today() + timedelta(days=365)).isoformat()


def a_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((640, 420), 60).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_one_letter_issuer_is_refused_at_the_issuer_field_in_either_language(page: Page):
    owner = a_factory(name=f"Short Issuer {uuid.uuid4().hex[:4]}")
    log_in(page, owner.email, PASSWORD)
    open_page(page, "/dashboard/documents")
    page.fill("#doc-number", "91350200MA34")
    page.fill("#doc-issuer", "A")
    page.locator("#document input[type=file]").set_input_files(
        {"name": "licence.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.wait_for_timeout(SECOND_CLICK_MS)
    page.click("#doc-submit")
    expect(page.locator("#doc-issuer-error")).to_have_text(
        "Enter the issuing body's name (at least 2 characters).", timeout=15000
    )
    expect(page.locator("#doc-submit")).to_be_enabled()
    expect(page.locator(".document-row")).to_have_count(0)

    page.click("#language-switch")
    page.fill("#doc-number", "91")
    page.wait_for_timeout(SECOND_CLICK_MS)
    page.click("#doc-submit")
    expect(page.locator("#doc-number-error")).to_have_text(
        "请按证件上印的内容填写编号（至少 3 个字符）。", timeout=15000
    )
    expect(page.locator("#doc-issuer-error")).to_have_text("请填写发证机构的名称（至少 2 个字符）。")

    page.fill("#doc-number", "91350200MA34")
    page.fill("#doc-issuer", "厦门市市场监督管理局")
    page.wait_for_timeout(SECOND_CLICK_MS)
    page.click("#doc-submit")
    expect(page.locator(".document-row")).to_have_count(1, timeout=15000)
    expect(page.locator("#doc-issuer-error")).to_have_count(0)


def test_the_gallery_button_is_itself_again_after_a_video_several_files_and_a_refusal(page: Page):
    owner = a_factory(name=f"Spinner Works {uuid.uuid4().hex[:4]}")
    log_in(page, owner.email, PASSWORD)
    open_page(page, "/dashboard/media")
    button = page.locator("#media-upload")
    rounds = (
        ([{"name": "tour.mp4", "mimeType": "video/mp4", "buffer": a_video("mp4", frames=40, noise=True)}], 1, ""),
        (
            [{"name": f"hall-{i}.jpg", "mimeType": "image/jpeg", "buffer": a_jpeg()} for i in range(3)]
            + [{"name": "fake.jpg", "mimeType": "image/jpeg", "buffer": PDF}],
            4,
            "fake.jpg",
        ),
    )
    for files, items, refused in rounds:
        page.locator("#gallery input[type=file]").set_input_files(files)
        page.wait_for_timeout(SECOND_CLICK_MS)
        button.click()
        expect(page.locator(".media-item")).to_have_count(items, timeout=30000)
        if refused:
            expect(page.locator(".upload-problem")).to_contain_text(refused)
        page.wait_for_timeout(1500)  # any late progress report has arrived by now
        expect(button).to_be_enabled()
        expect(button.locator(".rt-Spinner")).to_have_count(0)
        expect(page.locator("#media-upload-progress")).to_have_count(0)
    # A kind of file the gallery does not take is refused when chosen, in the reader's language; nothing spins.
    page.click("#language-switch")
    page.locator("#gallery input[type=file]").set_input_files(
        {"name": "logo.svg", "mimeType": "image/svg+xml", "buffer": b"<svg xmlns='http://www.w3.org/2000/svg'/>"}
    )
    expect(page.locator(".upload-problem")).to_have_text("logo.svg: 不支持该文件类型，请使用列出的格式。")
    expect(button).to_be_enabled()
    expect(button.locator(".rt-Spinner")).to_have_count(0)


def test_the_dashboard_says_not_verified_yet_until_a_licence_is_sent(page: Page):
    owner = a_factory(name=f"Badge Works {uuid.uuid4().hex[:4]}")
    log_in(page, owner.email, PASSWORD)
    open_page(page, "/dashboard")
    expect(page.locator("#not-verified-yet")).to_have_text("Not verified yet")
    expect(page.locator("#verification-pending")).to_have_count(0)
    documents.upload_document(owner, DocumentForm("iso_9001", "Q-88", "SGS", valid_until=NEXT_YEAR), "q.pdf", PDF)
    open_page(page, "/dashboard")
    expect(page.locator("#not-verified-yet")).to_be_visible()  # a certificate is not the licence
    documents.upload_document(owner, DocumentForm("business_license", "91-LIC-88", "AMR"), "l.pdf", PDF)
    open_page(page, "/dashboard")
    expect(page.locator("#verification-pending")).to_have_text("Verification pending")
    page.click("#language-switch")
    expect(page.locator("#verification-pending")).to_have_text("认证审核中")


def test_the_product_delete_dialog_asks_first_and_says_deleted_only_after(page: Page):
    owner = a_factory(name=f"Delete Works {uuid.uuid4().hex[:4]}")
    catalog.save_product(
        owner,
        {
            "name_en": "Bamboo cutting board",
            "category": "home_kitchen",
            "price_min": "2.10",
            "price_max": "3.50",
            "moq": "500",
            "sample_price": "12.00",
            "sample_max_qty": "3",
            "sample_lead_time_days": "7",
            "customization": "",
            "specifications": "",
        },
    )
    log_in(page, owner.email, PASSWORD)
    open_page(page, "/dashboard/products")
    page.locator(".delete-product").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog.get_by_role("heading")).to_have_text("Delete “Bamboo cutting board”?")
    expect(dialog).to_contain_text("Orders that already name it keep it. You can't undo this.")
    expect(dialog.locator(".keep-product")).to_have_text("Keep it")
    expect(dialog.locator(".confirm-delete")).to_have_text("Delete product")
    expect(page.get_by_text("Product deleted.")).to_have_count(0)  # nothing has happened yet
    dialog.locator(".keep-product").click()
    expect(page.locator(".product-row")).to_have_count(1)
    expect(page.get_by_text("Product deleted.")).to_have_count(0)
    page.locator(".delete-product").click()
    page.get_by_role("alertdialog").locator(".confirm-delete").click()
    expect(page.get_by_text("Product deleted. Orders that name it keep it.")).to_be_visible()
    expect(page.locator(".product-row")).to_have_count(0)


def test_the_admin_queue_flags_a_document_that_expired_while_it_waited(page: Page):
    name = f"Waited Too Long {uuid.uuid4().hex[:4]}"
    owner = a_factory(name=name)
    doc_id = documents.upload_document(
        owner, DocumentForm("iso_9001", "Q-LATE-1", "SGS", valid_until=NEXT_YEAR), "q.pdf", PDF
    )
    expired_on = date.today() - timedelta(days=2)
    with session_scope() as db:
        doc = db.get(FactoryDocument, doc_id)
        doc.valid_until = expired_on
        db.add(doc)
    log_in(page, "admin@example.com")
    open_page(page, "/admin/verification")
    item = page.locator(f".review-item[data-factory='{name}']")
    expect(item.locator(".expired-flag")).to_have_text(
        f"Expired on {expired_on:%b} {expired_on.day}, {expired_on.year}"
    )
    page.click("#language-switch")
    expect(item.locator(".expired-flag")).to_have_text(
        f"已于{expired_on.year}年{expired_on.month}月{expired_on.day}日过期"
    )


def test_a_first_time_buyer_is_welcomed_with_where_to_start_and_a_returning_one_welcomed_back(page: Page):
    email = f"first-{uuid.uuid4().hex[:8]}@example.com"
    buyer = a_buyer(email, full_name="Nova First")
    log_in(page, email, PASSWORD)
    open_page(page, "/")
    expect(page.locator("#welcome")).to_have_text("Welcome, Nova First")
    expect(page.locator("#first-steps")).to_contain_text("Browse factories")
    page.click("#language-switch")
    expect(page.locator("#welcome")).to_have_text("欢迎您，Nova First")
    page.click("#language-switch")
    page.click("#nav-logout")
    expect(page.locator("#nav-login")).to_be_visible()
    with session_scope() as db:  # days later
        db.exec(update(User).where(User.id == buyer.id).values(created_at=utcnow() - timedelta(days=4)))
    log_in(page, email, PASSWORD)
    open_page(page, "/")
    expect(page.locator("#welcome")).to_have_text("Welcome back, Nova First")
    expect(page.locator("#first-steps")).to_have_count(0)
