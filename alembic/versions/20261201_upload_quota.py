"""Per-factory storage quota (issue 11): every stored file's size, thumbnails included

The quota adds up `size_bytes` of a factory's documents and media. Rows written before it held the
main file's size only (0 where nothing was recorded), so each row's size is read again from the
files on disk, main file plus thumbnail, where they are there; rows whose file is gone keep theirs.
No column changes: `size_bytes` exists on both tables since the first schema.

Revision ID: upload_quota
Revises: sign_in_links
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa

from alembic import op
from realsourcing.config import get_settings  # where the files are (the same settings alembic/env.py reads)

revision: str = "upload_quota"
down_revision: str | None = "sign_in_links"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MEDIA = sa.table(
    "media_assets",
    sa.column("id", sa.Integer),
    sa.column("storage_key", sa.String),
    sa.column("thumbnail_key", sa.String),
    sa.column("size_bytes", sa.Integer),
)
DOCUMENTS = sa.table(
    "factory_documents",
    sa.column("id", sa.Integer),
    sa.column("storage_key", sa.String),
    sa.column("size_bytes", sa.Integer),
)


def _size_on_disk(root: Path, key: str | None, thumbnail_key: str | None = None) -> int | None:
    """Bytes the row's files take, or None when its main file is not on disk (keep what the row says)."""
    if not key or not (root / key).is_file():
        return None
    size = (root / key).stat().st_size
    if thumbnail_key and (root / thumbnail_key).is_file():
        size += (root / thumbnail_key).stat().st_size
    return size


def upgrade() -> None:
    connection = op.get_bind()
    settings = get_settings()
    media = connection.execute(sa.select(MEDIA.c.id, MEDIA.c.storage_key, MEDIA.c.thumbnail_key, MEDIA.c.size_bytes))
    for row in media.all():
        size = _size_on_disk(settings.media_dir, row.storage_key, row.thumbnail_key)
        if size is not None and size != row.size_bytes:
            connection.execute(MEDIA.update().where(MEDIA.c.id == row.id).values(size_bytes=size))
    documents = connection.execute(sa.select(DOCUMENTS.c.id, DOCUMENTS.c.storage_key, DOCUMENTS.c.size_bytes))
    for row in documents.all():
        size = _size_on_disk(settings.private_dir, row.storage_key)
        if size is not None and size != row.size_bytes:
            connection.execute(DOCUMENTS.update().where(DOCUMENTS.c.id == row.id).values(size_bytes=size))


def downgrade() -> None:
    pass  # sizes read from disk are true before and after: nothing to undo
