"""The bank-details migration: approved business licences get the factory's legal names as approved ones,
other documents none; the free-text instructions column goes; SQLite keeps the directory's search triggers.
On a scratch database of the same engine as the test run."""

from __future__ import annotations

import sqlalchemy as sa

from realsourcing.db import make_engine
from tests.integration.test_order_events_migration import insert, migrate, scratch_url  # noqa: F401 (fixture)

BEFORE, AFTER = "search_index", "factory_bank_details"


def test_approved_licences_carry_the_legal_names_and_the_free_text_is_gone(scratch_url):  # noqa: F811 (the fixture)
    migrate(scratch_url, BEFORE)
    engine = make_engine(scratch_url)
    tables = sa.MetaData()
    tables.reflect(engine, only=["factories", "factory_documents"])
    factories, docs = tables.tables["factories"], tables.tables["factory_documents"]
    with engine.begin() as connection:
        insert(
            connection,
            factories,
            id=1,
            slug="works",
            legal_name_en="Works Co., Ltd.",
            legal_name_zh="工坊有限公司",
            bank_instructions="Pay anyone",
        )
        insert(connection, docs, id=1, factory_id=1, kind="business_license", status="approved")
        insert(connection, docs, id=2, factory_id=1, kind="business_license", status="pending")
        insert(connection, docs, id=3, factory_id=1, kind="iso_9001", status="approved")

    migrate(scratch_url, AFTER)

    after = sa.MetaData()
    after.reflect(engine, only=["factories", "factory_documents"])
    with engine.connect() as connection:
        names = connection.execute(
            sa.text("SELECT id, licensed_name_en, licensed_name_zh FROM factory_documents ORDER BY id")
        ).all()
        if engine.dialect.name == "sqlite":
            triggers = set(connection.execute(sa.text("SELECT name FROM sqlite_master WHERE type='trigger'")).scalars())
            assert {"factory_search_ai", "factory_search_ad", "factory_search_au"} <= triggers
    engine.dispose()
    assert [tuple(row) for row in names] == [(1, "Works Co., Ltd.", "工坊有限公司"), (2, "", ""), (3, "", "")]
    assert "bank_instructions" not in after.tables["factories"].columns
