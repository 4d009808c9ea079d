"""The supply side in the browser: a factory builds its trust profile, an admin verifies it, and a
buyer finds it in the directory."""

from __future__ import annotations

import io
import re
import socket
import uuid

import httpx
from PIL import Image
from playwright.sync_api import Page, expect

from realsourcing.accounts import service as accounts
from realsourcing.ui.forms import SECOND_CLICK_MS
from tests.e2e.helpers import log_in, open_page, path_is
from tests.support.builders import PASSWORD, a_factory
from tests.support.media import a_video

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def jpeg_bytes(colour=(200, 120, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 420), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def upload_document(page: Page, kind_label: str, number: str, issuer: str, until: str, filename: str) -> None:
    page.click("#doc-kind")
    page.get_by_role("option", name=kind_label, exact=True).click()
    page.fill("#doc-number", number)
    page.fill("#doc-issuer", issuer)
    page.fill("#doc-valid_until", until)
    page.locator("#document input[type=file]").set_input_files(
        {"name": filename, "mimeType": "application/pdf", "buffer": PDF}
    )
    expect(page.get_by_text(filename)).to_be_visible()
    page.wait_for_timeout(SECOND_CLICK_MS)  # a person takes longer to fill the form: a click sooner is a double's
    page.click("#doc-submit")


def test_factory_builds_its_profile_gets_verified_and_is_found(page: Page, browser, app_url: str):
    name = f"Tidewater Ceramics {uuid.uuid4().hex[:4]}"
    owner = a_factory(name=name).email
    log_in(page, owner, PASSWORD)

    # Profile: a field-level error first, then a complete save that survives a reload.
    open_page(page, "/dashboard/profile")
    page.fill("#display_name_zh", "潮水陶瓷")
    page.fill("#address", "88 Kiln Road, Huli District")
    page.locator("#address").blur()
    expect(page.locator("#unsaved-warning")).to_be_visible()
    page.fill("#staff_count", "lots")
    page.click("#cat-home_kitchen")
    page.click("#profile-save")
    expect(page.locator("#staff_count-error")).to_have_text("Enter a whole number.")
    page.fill("#staff_count", "240")
    page.fill("#founded_year", "2006")
    page.fill(
        "#about_en", "We fire porcelain tableware for European restaurant brands, 40 kilns, in-house glaze lab and QC."
    )
    page.click("#profile-save")
    expect(page.get_by_text("Profile saved.")).to_be_visible()
    expect(page.locator("#unsaved-warning")).to_have_count(0)
    page.reload()
    page.wait_for_selector("main[data-hydrated='true']")
    expect(page.locator("#display_name_zh")).to_have_value("潮水陶瓷")
    expect(page.locator("#staff_count")).to_have_value("240")

    # Documents: a licence and a certificate, both pending review.
    open_page(page, "/dashboard/documents")
    upload_document(page, "Business licence", "91350200MA34XYZ", "Xiamen AMR", "2030-12-31", "licence.pdf")
    expect(page.locator(".document-row")).to_have_count(1)
    upload_document(page, "ISO 9001", "CN-QMS-5521", "SGS", "2029-06-30", "iso9001.pdf")
    expect(page.locator(".document-row")).to_have_count(2)
    expect(page.get_by_text("Pending review")).to_have_count(2)

    # Product: create, then publish.
    open_page(page, "/dashboard/products/new")
    page.fill("#name_en", "Stoneware dinner plate 27 cm")
    page.click("#category")
    page.get_by_role("option", name="Home & kitchen").click()
    page.fill("#sample_price", "9.50")
    page.fill("#sample_max_qty", "4")
    page.fill("#sample_lead_time_days", "6")
    page.fill("#specifications", "Material: stoneware\nDiameter: 27 cm")
    page.click("#product-save")
    expect(page).to_have_url(re.compile(r"/dashboard/products/\d+/?$"))
    open_page(page, "/dashboard/products")
    page.locator(".product-row .publish").click()
    expect(page.locator(".product-row").get_by_text("Published")).to_be_visible()

    # An admin approves both documents.
    admin_ctx = browser.new_context(base_url=app_url)
    try:
        admin = admin_ctx.new_page()
        log_in(admin, "admin@example.com")
        open_page(admin, "/admin/verification")
        for _ in range(2):
            item = admin.locator(f".review-item[data-factory='{name}']").first
            item.locator(".approve").click()
            expect(admin.get_by_text("Approved.").first).to_be_visible()
        expect(admin.locator(f".review-item[data-factory='{name}']")).to_have_count(0)
    finally:
        admin_ctx.close()

    # A buyer finds it by its product, and sees it Verified with the certificate.
    open_page(page, "/factories?q=stoneware+plate")
    card = page.locator(".factory-card", has_text=name)
    expect(card).to_be_visible()
    expect(card.get_by_text("Verified")).to_be_visible()
    card.click()
    expect(page.locator("#factory-name")).to_have_text(name)
    expect(page.locator(".trust-document[data-kind='iso_9001']")).to_contain_text("CN-QMS-5521")
    expect(page.locator(".trust-document[data-kind='business_license']")).to_contain_text("Verified")
    expect(page.locator(".product-card", has_text="Stoneware dinner plate")).to_contain_text("$9.50")
    page.locator(".product-card", has_text="Stoneware dinner plate").click()
    expect(page.locator("#sample-price")).to_contain_text("$9.50")  # the product's currency, in the reader's language
    page.click("#order-sample")
    expect(page).to_have_url(re.compile(r"/orders/new/?\?factory="))
    expect(page.locator("input.qty, .qty input").first).to_have_value("1")


def test_rejected_document_shows_the_reason_to_the_factory(page: Page, browser, app_url: str):
    name = f"Blurry Scans {uuid.uuid4().hex[:4]}"
    owner = a_factory(name=name).email
    log_in(page, owner, PASSWORD)
    open_page(page, "/dashboard/documents")
    upload_document(page, "Business licence", "LIC-404", "AMR", "2031-01-01", "scan.pdf")
    expect(page.locator(".document-row")).to_have_count(1)
    admin_ctx = browser.new_context(base_url=app_url)
    try:
        admin = admin_ctx.new_page()
        log_in(admin, "admin@example.com")
        open_page(admin, "/admin/verification")
        item = admin.locator(f".review-item[data-factory='{name}']")
        item.locator(".reject").click()
        expect(item.get_by_role("alert")).to_contain_text("Tell the factory why")
        item.locator(".reject-reason input").fill("The licence number is not readable.")
        item.locator(".reject").click()
        expect(admin.locator(f".review-item[data-factory='{name}']")).to_have_count(0)
    finally:
        admin_ctx.close()
    open_page(page, "/dashboard/documents")
    expect(page.locator(".rejection-reason")).to_contain_text("The licence number is not readable.")


def test_gallery_upload_shows_photos_and_refuses_fakes(page: Page):
    owner = a_factory(name=f"Gallery Works {uuid.uuid4().hex[:4]}").email
    log_in(page, owner, PASSWORD)
    open_page(page, "/dashboard/media")
    page.locator("#gallery input[type=file]").set_input_files(
        [
            {"name": "floor.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()},
            {"name": "qc.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes((40, 90, 160))},
            {"name": "sneaky.jpg", "mimeType": "image/jpeg", "buffer": PDF},
        ]
    )
    page.click("#media-upload")
    expect(page.locator(".media-item")).to_have_count(2)
    expect(page.locator(".upload-problem")).to_contain_text("sneaky.jpg: That kind of file isn't accepted here.")


def test_private_documents_and_upload_limits_over_http(page: Page, app_url: str):
    owner = a_factory(name=f"Private Docs {uuid.uuid4().hex[:4]}").email
    log_in(page, owner, PASSWORD)
    open_page(page, "/dashboard/documents")
    upload_document(page, "Business licence", "LIC-777", "AMR", "2032-01-01", "private.pdf")
    href = page.locator(".document-row a").first.get_attribute("href")
    doc_url = app_url + href
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "rs_session")
    assert httpx.get(doc_url, cookies={"rs_session": token}).content == PDF
    assert httpx.get(doc_url).status_code == 404  # anonymous
    other = a_factory(name=f"Nosy Neighbour {uuid.uuid4().hex[:4]}").email
    _, other_token = accounts.authenticate(other, PASSWORD, ip="10.9.9.9")
    assert httpx.get(doc_url, cookies={"rs_session": other_token}).status_code == 404  # another factory
    _, admin_token = accounts.authenticate("admin@example.com", "realsourcing-demo", ip="10.9.9.8")
    assert httpx.get(doc_url, cookies={"rs_session": admin_token}).status_code == 200
    assert _status_of_announced_upload(app_url, 500 * 1024 * 1024) == 413  # refused before any body is sent


def _status_of_announced_upload(app_url: str, size: int) -> int:
    """POST /_upload announcing `size` bytes but sending none: only a server that answers from the
    headers alone replies (anything else would wait for the body and time out)."""
    host, port = app_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(
            f"POST /_upload HTTP/1.1\r\nHost: {host}\r\nContent-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {size}\r\n\r\n".encode()
        )
        status_line = conn.recv(200).split(b"\r\n", 1)[0]
    return int(status_line.split()[1])


def test_videos_are_served_with_range_requests(app_url: str):
    from realsourcing.profile import media

    owner_email = a_factory(name=f"Video Works {uuid.uuid4().hex[:4]}").email
    owner, _ = accounts.authenticate(owner_email, PASSWORD, ip="10.9.9.7")
    asset_id = media.add_media(owner, a_video("mp4", frames=20, noise=True))
    key = next(m.key for m in media.my_gallery(owner) if m.id == asset_id)
    video = httpx.get(f"{app_url}/_upload/{key}").content
    assert len(video) > 200
    response = httpx.get(f"{app_url}/_upload/{key}", headers={"Range": "bytes=100-199"})
    assert response.status_code == 206
    assert response.content == video[100:200]
    assert response.headers["content-range"] == f"bytes 100-199/{len(video)}"


def test_directory_filters_narrow_the_results(page: Page):
    open_page(page, "/factories")
    count_text = page.locator("#result-count").inner_text()
    total = int(count_text.split()[0])
    page.click("#verified-only")
    path_is(page, "/factories")
    expect(page).to_have_url(re.compile(r"verified=1"))
    expect(page.locator("#result-count")).not_to_have_text(count_text)
    verified = int(page.locator("#result-count").inner_text().split()[0])
    assert 0 < verified < total
    page.fill("#search", "no such factory anywhere")
    page.click("#search-submit")
    expect(page.locator("#no-results")).to_be_visible()


def test_a_buyer_follows_a_factory_and_sees_it_in_the_pipeline(page: Page):
    log_in(page, "lukas@example.com")
    open_page(page, "/factories/suzhou-silkline-textiles")
    page.click("#follow")
    expect(page.locator("#follow")).to_contain_text("Following")
    open_page(page, "/")
    expect(page.locator("#pipeline")).to_contain_text("Silkline Textiles")
    open_page(page, "/factories/suzhou-silkline-textiles")
    page.click("#follow")
    expect(page.locator("#follow")).to_contain_text("Follow")
