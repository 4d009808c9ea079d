"""The per-factory storage quota and document limit, against the real test database and real files.

A factory's uploads past its quota (or past its document limit) are refused with the numbers, before
anything is written; other factories are not affected; the meter counts what is really on disk.
"""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import func, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.config import get_settings
from realsourcing.core import uploads
from realsourcing.core.errors import DomainError
from realsourcing.core.uploads import UploadRejected
from realsourcing.db import session_scope
from realsourcing.profile import documents, media, storage
from realsourcing.profile.documents import DocumentForm
from realsourcing.profile.models import FactoryDocument, MediaAsset
from realsourcing.webinars import service as webinars
from tests.support.builders import a_factory, a_product

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
KB = 1024


def pdf(size: int) -> bytes:
    """A PDF (by its content) of exactly `size` bytes; PDFs are stored as sent."""
    head, tail = b"%PDF-1.4\n", b"\n%%EOF\n"
    return head + b"%" * (size - len(head) - len(tail)) + tail


def video(size: int) -> bytes:
    """An MP4 (by its content) of exactly `size` bytes, stored as sent (see `videos_stored_as_sent`)."""
    head = b"\x00\x00\x00\x18ftypmp42"
    return head + os.urandom(size - len(head))


@pytest.fixture(autouse=True)
def videos_stored_as_sent(monkeypatch):
    """Quotas are counted on stored bytes; so that sizes here are exact, videos skip the metadata remux
    (tested on real videos in tests/unit/test_uploads.py)."""
    monkeypatch.setattr(uploads, "remux_without_metadata", lambda data, container: data)


def photo(width: int = 800, height: int = 600) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((width, height), 40).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def limits(monkeypatch):
    """Set the quota (MB) and the document limit for one test, through the environment as in production."""

    def set_limits(quota_mb: int | None = None, documents_limit: int | None = None) -> None:
        if quota_mb is not None:
            monkeypatch.setenv("FACTORY_STORAGE_QUOTA_MB", str(quota_mb))
        if documents_limit is not None:
            monkeypatch.setenv("FACTORY_DOCUMENT_LIMIT", str(documents_limit))
        get_settings.cache_clear()

    yield set_limits
    monkeypatch.delenv("FACTORY_STORAGE_QUOTA_MB", raising=False)
    monkeypatch.delenv("FACTORY_DOCUMENT_LIMIT", raising=False)
    get_settings.cache_clear()


def files_of(owner: CurrentUser) -> list[Path]:
    settings = get_settings()
    folders = (
        settings.media_dir / f"factories/{owner.factory_id}",
        settings.private_dir / f"documents/{owner.factory_id}",
    )
    return sorted(p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file())


def rows_of(owner: CurrentUser) -> tuple[int, int]:
    with session_scope() as db:
        assets = db.exec(select(func.count()).where(MediaAsset.factory_id == owner.factory_id)).one()
        docs = db.exec(select(func.count()).where(FactoryDocument.factory_id == owner.factory_id)).one()
    return assets, docs


def test_a_file_past_the_quota_is_refused_with_the_numbers_and_nothing_is_written(limits):
    limits(quota_mb=1)
    owner = a_factory()
    media.add_media(owner, video(700 * KB))
    files_before, rows_before = files_of(owner), rows_of(owner)

    with pytest.raises(UploadRejected) as refused:
        media.add_media(owner, video(400 * KB))

    assert refused.value.key == "err.storage_quota_reached"
    assert refused.value.params == {"used": "700 KB", "quota": "1 MB", "size": "400 KB"}
    assert files_of(owner) == files_before and rows_of(owner) == rows_before
    media.add_media(owner, video(324 * KB))  # what still fits is taken: exactly up to the quota
    assert storage.my_storage(owner).used_bytes == 1024 * KB


def test_another_factory_is_not_affected_by_a_full_one(limits):
    limits(quota_mb=1)
    full, other = a_factory(), a_factory()
    media.add_media(full, video(1000 * KB))
    with pytest.raises(UploadRejected):
        documents.upload_document(full, DocumentForm("business_license", "LIC-1", "AMR"), "l.pdf", pdf(30 * KB))
    assert rows_of(full)[1] == 0

    documents.upload_document(other, DocumentForm("business_license", "LIC-2", "AMR"), "l.pdf", PDF)
    media.add_media(other, video(900 * KB))
    assert rows_of(other) == (1, 1)


def test_the_document_limit_refuses_one_more_until_one_is_removed(limits):
    limits(documents_limit=2)
    owner, other = a_factory(), a_factory()
    first = documents.upload_document(owner, DocumentForm("business_license", "LIC-3", "AMR"), "a.pdf", PDF)
    documents.upload_document(owner, DocumentForm("iso_9001", "ISO-3", "SGS", valid_until="2035-01-01"), "b.pdf", PDF)
    files_before = files_of(owner)

    with pytest.raises(UploadRejected) as refused:
        documents.upload_document(owner, DocumentForm("ce", "CE-3", "TÜV", valid_until="2035-01-01"), "c.pdf", PDF)

    assert refused.value.key == "err.document_limit_reached"
    assert refused.value.params == {"count": "2", "limit": "2"}
    assert files_of(owner) == files_before and rows_of(owner)[1] == 2
    documents.upload_document(other, DocumentForm("business_license", "LIC-4", "AMR"), "a.pdf", PDF)  # unaffected
    documents.delete_document(owner, first)
    documents.upload_document(owner, DocumentForm("ce", "CE-3", "TÜV", valid_until="2035-01-01"), "c.pdf", PDF)
    assert rows_of(owner)[1] == 2


def test_usage_is_what_every_kind_of_file_takes_on_disk_thumbnails_included():
    owner = a_factory()
    product_id = a_product(owner)
    webinar_id = webinars.save_webinar(
        owner,
        webinars.WebinarForm(title_en="Kiln tour", start_local="2031-03-01T10:00", duration_min="45"),
    )
    documents.upload_document(owner, DocumentForm("business_license", "LIC-5", "AMR"), "l.pdf", PDF)
    documents.upload_document(owner, DocumentForm("business_license", "LIC-6", "AMR"), "scan.jpg", photo())
    media.add_media(owner, photo())
    media.add_media(owner, video(50 * KB))
    media.add_media(owner, photo(), product_id=product_id)
    webinars.set_cover(owner, webinar_id, media.add_media(owner, photo(1600, 900), kind="webinar_cover"))
    media.replace_logo(owner, photo(300, 300))

    usage = storage.my_storage(owner)

    assert usage.used_bytes == sum(p.stat().st_size for p in files_of(owner))
    assert usage.documents == 2 and usage.document_limit == 200 and usage.quota_bytes == 2048 * 1024 * 1024
    assert len([p for p in files_of(owner) if "_thumb" in p.name]) == 4  # gallery, product, cover, logo


def test_a_new_logo_replaces_the_old_one_on_disk_too():
    owner = a_factory()
    media.replace_logo(owner, photo(300, 300))
    used_once, files_once = storage.my_storage(owner).used_bytes, len(files_of(owner))

    media.replace_logo(owner, photo(300, 300))

    assert len(files_of(owner)) == files_once == 2  # the logo and its thumbnail, once
    assert storage.my_storage(owner).used_bytes == pytest.approx(used_once, rel=0.2)
    assert rows_of(owner) == (1, 0)


def test_uploads_at_the_same_moment_cannot_squeeze_past_the_quota_together(limits):
    limits(quota_mb=1)
    owner = a_factory()
    outcomes: list[str] = []
    start = threading.Barrier(6)

    def upload() -> None:
        start.wait()
        try:
            media.add_media(owner, video(300 * KB))
            outcomes.append("stored")
        except DomainError as exc:
            outcomes.append(exc.key)

    threads = [threading.Thread(target=upload) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["err.storage_quota_reached"] * 3 + ["stored"] * 3
    assert storage.my_storage(owner).used_bytes == 900 * KB == sum(p.stat().st_size for p in files_of(owner))


@pytest.mark.parametrize(
    "size, en, zh",
    [
        (0, "0 MB", "0 MB"),
        (300, "1 KB", "1 KB"),
        (700 * KB, "700 KB", "700 KB"),
        (350 * 1024 * KB, "350 MB", "350 MB"),
        (int(1.2 * 1024 * 1024 * KB), "1.2 GB", "1.2 GB"),
        (2048 * 1024 * KB, "2 GB", "2 GB"),
        (1536 * 1024 * 1024 * KB, "1,536 GB", "1,536 GB"),
    ],
)
def test_sizes_read_as_people_write_them(size, en, zh):
    assert storage.format_size(size, "en") == en
    assert storage.format_size(size, "zh") == zh
