"""The storage quota in the browser: the meter on the dashboard, and a refusal with the numbers at the upload field.

The app runs with the default limits (2 GB, 200 documents). A factory close to them is set up directly
in the shared test database: its earlier files are rows with their recorded sizes (a 2 GB video is not
written to disk for a test); everything the browser then does goes through the real upload endpoint.
"""

from __future__ import annotations

import io
import re
import uuid

from PIL import Image
from playwright.sync_api import Page, expect

from realsourcing.accounts.identity import CurrentUser
from realsourcing.db import session_scope
from realsourcing.profile.models import FactoryDocument, MediaAsset
from realsourcing.ui.forms import SECOND_CLICK_MS
from tests.e2e.helpers import log_in, open_page
from tests.support.builders import PASSWORD, a_factory

MB = 1024 * 1024
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def noisy_jpeg() -> bytes:
    """A photo that stays a few hundred KB after re-encoding (noise does not compress)."""
    buffer = io.BytesIO()
    Image.effect_noise((900, 700), 60).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def already_stored(owner: CurrentUser, *, video_bytes: int = 0, documents: int = 0) -> None:
    """Earlier uploads of the owner's factory, as their rows record them."""
    with session_scope() as db:
        if video_bytes:
            db.add(
                MediaAsset(
                    factory_id=owner.factory_id,
                    kind="video",
                    storage_key=f"factories/{owner.factory_id}/{uuid.uuid4().hex}.mp4",
                    content_type="video/mp4",
                    size_bytes=video_bytes,
                )
            )
        for n in range(documents):
            db.add(
                FactoryDocument(
                    factory_id=owner.factory_id,
                    kind="ce",
                    certificate_number=f"CE-{n:04d}",
                    issuing_body="TÜV",
                    storage_key=f"documents/{owner.factory_id}/{uuid.uuid4().hex}.pdf",
                    content_type="application/pdf",
                    size_bytes=len(PDF),
                )
            )


def test_a_nearly_full_factory_sees_its_meter_and_a_photo_refused_with_the_numbers(page: Page):
    owner = a_factory(name=f"Full Shelf Works {uuid.uuid4().hex[:4]}")
    already_stored(owner, video_bytes=2048 * MB - 100 * 1024)  # 100 KB left
    log_in(page, owner.email, PASSWORD)

    open_page(page, "/dashboard")
    expect(page.locator("#storage-meter-text")).to_have_text("2 GB of 2 GB used · 0 of 200 documents")

    open_page(page, "/dashboard/media")
    page.locator("#gallery input[type=file]").set_input_files(
        {"name": "workshop.jpg", "mimeType": "image/jpeg", "buffer": noisy_jpeg()}
    )
    page.click("#media-upload")
    expect(page.locator(".upload-problem")).to_contain_text(
        re.compile(r"workshop\.jpg: Your factory's storage is full: 2 GB of 2 GB used, and this file needs \d+ KB\.")
    )
    expect(page.locator(".media-item")).to_have_count(1)  # only the earlier video

    page.click("#language-switch")
    expect(page.locator("#storage-meter-text")).to_have_text("已用 2 GB，共 2 GB · 证书文件 0/200 份")
    page.locator("#gallery input[type=file]").set_input_files(
        {"name": "workshop.jpg", "mimeType": "image/jpeg", "buffer": noisy_jpeg()}
    )
    page.wait_for_timeout(SECOND_CLICK_MS)  # a click this soon after the last one is taken for its double
    page.click("#media-upload")
    expect(page.locator(".upload-problem")).to_contain_text(re.compile(r"工厂存储空间已满：已用 2 GB，共 2 GB"))


def test_the_document_meter_counts_up_and_the_201st_document_is_refused_at_the_file_field(page: Page):
    owner = a_factory(name=f"Paper Trail Works {uuid.uuid4().hex[:4]}")
    log_in(page, owner.email, PASSWORD)
    open_page(page, "/dashboard/documents")
    expect(page.locator("#storage-meter-text")).to_have_text("0 MB of 2 GB used · 0 of 200 documents")

    _upload_licence(page, "licence.pdf")
    expect(page.locator(".document-row")).to_have_count(1)
    expect(page.locator("#storage-meter-text")).to_have_text("1 KB of 2 GB used · 1 of 200 documents")

    already_stored(owner, documents=199)
    open_page(page, "/dashboard/documents")
    expect(page.locator("#storage-meter-text")).to_contain_text("200 of 200 documents")
    _upload_licence(page, "one-too-many.pdf")
    expect(page.locator("#doc-file-error")).to_have_text(
        "Your factory already holds 200 of 200 documents. Remove one you no longer need before adding another."
    )
    expect(page.locator(".document-row")).to_have_count(200)


def _upload_licence(page: Page, filename: str) -> None:
    page.fill("#doc-number", "91350200MA34XYZ")
    page.fill("#doc-issuer", "Xiamen AMR")
    page.locator("#document input[type=file]").set_input_files(
        {"name": filename, "mimeType": "application/pdf", "buffer": PDF}
    )
    expect(page.get_by_text(filename)).to_be_visible()
    page.click("#doc-submit")
