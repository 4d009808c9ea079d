"""The upload-quota migration reads every stored file's size from disk (thumbnail included), on a scratch
database of the same engine as the test run; rows whose file is gone keep the size they had."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from realsourcing.config import get_settings
from realsourcing.db import make_engine
from tests.integration.test_order_events_migration import insert, migrate, scratch_url  # noqa: F401 (fixture)

BEFORE, AFTER = "sign_in_links", "upload_quota"


def test_sizes_are_read_again_from_the_files_on_disk(scratch_url):  # noqa: F811 (the fixture)
    settings, folder = get_settings(), f"factories/migration-{uuid.uuid4().hex[:8]}"
    (settings.media_dir / folder).mkdir(parents=True)
    (settings.private_dir / folder).mkdir(parents=True)
    (settings.media_dir / folder / "photo.jpg").write_bytes(b"p" * 5000)
    (settings.media_dir / folder / "photo_thumb.jpg").write_bytes(b"t" * 700)
    (settings.media_dir / folder / "clip.mp4").write_bytes(b"v" * 9000)
    (settings.private_dir / folder / "licence.pdf").write_bytes(b"d" * 1234)
    migrate(scratch_url, BEFORE)
    engine = make_engine(scratch_url)
    tables = sa.MetaData()
    tables.reflect(engine, only=["factories", "media_assets", "factory_documents"])
    factories, assets, docs = (tables.tables[n] for n in ("factories", "media_assets", "factory_documents"))
    with engine.begin() as connection:
        insert(connection, factories, id=1, slug="works")
        # as written before the quota: the main file's size only, or nothing
        photo, thumb = f"{folder}/photo.jpg", f"{folder}/photo_thumb.jpg"
        insert(connection, assets, id=1, factory_id=1, storage_key=photo, thumbnail_key=thumb, size_bytes=5000)
        insert(connection, assets, id=2, factory_id=1, storage_key=f"{folder}/clip.mp4", thumbnail_key="", size_bytes=0)
        insert(
            connection, assets, id=3, factory_id=1, storage_key=f"{folder}/gone.jpg", thumbnail_key="", size_bytes=42
        )
        insert(connection, docs, id=1, factory_id=1, storage_key=f"{folder}/licence.pdf", size_bytes=0)
        insert(connection, docs, id=2, factory_id=1, storage_key=f"{folder}/gone.pdf", size_bytes=77)

    migrate(scratch_url, AFTER)

    with engine.connect() as connection:
        media_sizes = dict(connection.execute(sa.select(assets.c.id, assets.c.size_bytes)).all())
        document_sizes = dict(connection.execute(sa.select(docs.c.id, docs.c.size_bytes)).all())
    engine.dispose()
    assert media_sizes == {1: 5700, 2: 9000, 3: 42}
    assert document_sizes == {1: 1234, 2: 77}
