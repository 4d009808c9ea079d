"""The storage meter shown on the factory dashboard: "1.2 GB of 2 GB used · 37 of 200 documents"."""

from __future__ import annotations

from typing import TypedDict

from realsourcing.core.i18n import LANGUAGES, translate
from realsourcing.profile.storage import StorageUsage, format_count, format_size


class StorageMeterView(TypedDict):
    percent: int
    text_en: str  # both languages, so the meter follows a language switch without a round trip
    text_zh: str
    nearly_full: bool


def _text(usage: StorageUsage, language: str) -> str:
    return translate(
        "storage.meter",
        language,
        used=format_size(usage.used_bytes, language),
        quota=format_size(usage.quota_bytes, language),
        documents=format_count(usage.documents, language),
        limit=format_count(usage.document_limit, language),
    )


def meter_view(usage: StorageUsage | None) -> StorageMeterView:
    """The meter's vars (empty before the page has loaded the factory's usage)."""
    if usage is None:
        return StorageMeterView(percent=0, text_en="", text_zh="", nearly_full=False)
    texts = {language: _text(usage, language) for language in LANGUAGES}
    return StorageMeterView(
        percent=usage.used_percent,
        text_en=texts["en"],
        text_zh=texts["zh"],
        nearly_full=usage.used_percent >= 90 or usage.documents >= usage.document_limit,
    )
