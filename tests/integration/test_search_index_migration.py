"""The search-index migration, on a scratch database of the test run's engine: upgrade adds the Chinese
grams to the existing search text and indexes it (FTS5 on SQLite, pg_trgm GIN on PostgreSQL, in the run's
own schema); downgrade removes both."""

from __future__ import annotations

import sqlalchemy as sa

from realsourcing.db import make_engine
from tests.integration.test_order_events_migration import insert, migrate, scratch_url  # noqa: F401 (fixture)

BEFORE, AFTER = "one_time_links", "search_index"


def _index_objects(connection: sa.Connection) -> set[str]:
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE name LIKE 'factory_search%'")
    else:
        rows = connection.execute(
            sa.text(
                "SELECT indexname FROM pg_indexes "
                "WHERE schemaname = current_schema() AND indexname LIKE 'ix_factories_%'"
            )
        )
    return {r[0] for r in rows}


def test_upgrade_backfills_and_indexes_and_downgrade_removes_it(scratch_url):  # noqa: F811 (the fixture)
    migrate(scratch_url, BEFORE)
    engine = make_engine(scratch_url)
    tables = sa.MetaData()
    tables.reflect(engine, only=["factories"])
    factories = tables.tables["factories"]
    with engine.begin() as connection:
        insert(connection, factories, id=1, slug="ningbo-toys", search_text="宁波市玩具厂 ningbo toys")
        insert(connection, factories, id=2, slug="steel", search_text="steel works")
        before = _index_objects(connection)

    migrate(scratch_url, AFTER)
    with engine.connect() as connection:
        texts = dict(connection.execute(sa.select(factories.c.id, factories.c.search_text)).all())
        assert texts[1].startswith("宁波市玩具厂 ningbo toys  ") and " 宁波 " in texts[1] and " 玩具 " in texts[1]
        assert texts[2] == "steel works"
        if connection.dialect.name == "sqlite":
            found = connection.exec_driver_sql(
                "SELECT rowid FROM factory_search WHERE factory_search MATCH ? ORDER BY rowid", ('" 宁波 "',)
            ).all()
            assert found == [(1,)]
            assert "factory_search" in _index_objects(connection) - before
        else:
            assert "ix_factories_search_trgm" in _index_objects(connection) - before
            connection.exec_driver_sql("ANALYZE factories")  # fresh statistics: the plan does not depend on autovacuum
            connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
            plan = connection.exec_driver_sql(
                "EXPLAIN SELECT id FROM factories WHERE search_text LIKE %(pattern)s", {"pattern": "% 宁波 %"}
            ).all()
            assert "ix_factories_search_trgm" in " ".join(r[0] for r in plan)  # short Chinese words use it too

    migrate(scratch_url, BEFORE, down=True)
    with engine.connect() as connection:
        texts = dict(connection.execute(sa.select(factories.c.id, factories.c.search_text)).all())
        assert texts == {1: "宁波市玩具厂 ningbo toys", 2: "steel works"}
        assert _index_objects(connection) == before
    engine.dispose()
