"""A factory's storage: what its files take on disk, against its quota.

Rules:
- Every file a factory stores counts, at the size it takes on disk (thumbnails included): licences
  and certificates, gallery photos and videos, the logo, product images and webinar covers.
- A new file is refused, before anything is written, when it would take the factory past
  FACTORY_STORAGE_QUOTA_MB; a new document also when the factory already holds FACTORY_DOCUMENT_LIMIT.
  The refusal says the numbers (used, quota, this file), in the member's language.
- The final check and the new row share one transaction that locks the factory's row, so two
  uploads at once cannot both squeeze into the last free megabytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_decimal
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.config import get_settings
from realsourcing.core.money import LOCALES
from realsourcing.core.uploads import MB, UploadRejected
from realsourcing.db import id_of, session_scope
from realsourcing.profile.membership import require_member
from realsourcing.profile.models import Factory, FactoryDocument, MediaAsset

GB = 1024 * MB


@dataclass(frozen=True)
class StorageUsage:
    used_bytes: int
    quota_bytes: int
    documents: int
    document_limit: int

    @property
    def used_percent(self) -> int:
        """Share of the quota in use, 0-100 (a sliver in use shows as 1, never as an empty bar)."""
        if self.used_bytes <= 0:
            return 0
        return max(1, min(100, round(self.used_bytes * 100 / self.quota_bytes)))


def format_count(number: int, language: str = "en") -> str:
    """A whole number in the language's format ("1,200")."""
    return format_decimal(number, format="#,##0", locale=LOCALES.get(language, "en_US"))


def format_size(size_bytes: int, language: str = "en") -> str:
    """A size as people read it, in their language's number format: "1.2 GB", "350 MB", "12 KB"."""
    locale = LOCALES.get(language, "en_US")
    if size_bytes >= GB:
        return f"{format_decimal(Decimal(size_bytes) / GB, format='#,##0.#', locale=locale)} GB"
    if size_bytes >= MB or size_bytes == 0:
        return f"{format_decimal(Decimal(size_bytes) / MB, format='#,##0.#', locale=locale)} MB"
    return f"{format_decimal(max(1, round(size_bytes / 1024)), format='#,##0', locale=locale)} KB"


def usage(db: Session, factory_id: int) -> StorageUsage:
    """What the factory's files take now, and its limits (from the settings)."""
    media_bytes = db.exec(
        select(func.coalesce(func.sum(MediaAsset.size_bytes), 0)).where(MediaAsset.factory_id == factory_id)
    ).one()
    document_bytes, documents = db.exec(
        select(func.coalesce(func.sum(FactoryDocument.size_bytes), 0), func.count()).where(
            FactoryDocument.factory_id == factory_id
        )
    ).one()
    return usage_of(int(media_bytes), int(document_bytes), int(documents))


def usage_of(media_bytes: int, document_bytes: int, documents: int) -> StorageUsage:
    """A factory's usage from its file sizes and document count (read elsewhere), with its limits."""
    settings = get_settings()
    return StorageUsage(
        used_bytes=int(media_bytes) + int(document_bytes),
        quota_bytes=settings.factory_storage_quota_mb * MB,
        documents=int(documents),
        document_limit=settings.factory_document_limit,
    )


def my_storage(actor: CurrentUser) -> StorageUsage:
    """The actor's factory's storage, for the meter on the dashboard."""
    with session_scope() as db:
        return usage(db, id_of(require_member(db, actor)))


def lock_factory(db: Session, factory_id: int) -> None:
    """Serialize a factory's uploads: each first writes the factory's row (a row lock on PostgreSQL, the
    write lock on SQLite, whose driver begins a transaction only at the first write), as booking does."""
    db.exec(update(Factory).where(col(Factory.id) == factory_id).values(updated_at=Factory.updated_at))


def require_room(
    db: Session, factory_id: int, incoming_bytes: int, language: str, *, document: bool = False
) -> StorageUsage:
    """The factory's usage when a file of incoming_bytes (a document, when said so) still fits; else refused."""
    now = usage(db, factory_id)
    if document and now.documents >= now.document_limit:
        raise UploadRejected(
            "err.document_limit_reached",
            count=format_count(now.documents, language),
            limit=format_count(now.document_limit, language),
        )
    if now.used_bytes + incoming_bytes > now.quota_bytes:
        raise UploadRejected(
            "err.storage_quota_reached",
            used=format_size(now.used_bytes, language),
            quota=format_size(now.quota_bytes, language),
            size=format_size(incoming_bytes, language),
        )
    return now
