"""The division-codes migration, on a scratch database of the test run's engine (SQLite or PostgreSQL in
its own schema): typed provinces and cities become codes, unmatched text stays as typed, the search text
gains both names so the index finds the factory in English and Chinese; downgrade writes English names."""

from __future__ import annotations

import sqlalchemy as sa

from realsourcing.db import make_engine
from tests.integration.test_order_events_migration import insert, migrate, scratch_url  # noqa: F401 (fixture)

BEFORE, AFTER = "search_index", "division_codes"

# id: (province, city, search_text) as typed before the pickers
TYPED = {
    1: ("浙江省", "宁波", "ningbo toys 宁波"),
    2: ("Zhejiang", "Ningbo", "harbour home zhejiang ningbo"),
    3: ("", "宁波市", "lamp works"),
    4: ("Jiangsu", "Suzhou", "silk road"),
    5: ("", "Suzhou", "suzhou silk"),  # 苏州 or 宿州: kept as typed
    6: ("Zhejiang Province", "Yiwu Futian", "yiwu toys"),  # a county-level town: province only
    7: ("Atlantis", "Ningbo City", "atlantis"),  # an unknown province: the city says where it is
    8: ("", "", "nowhere yet"),
}
EXPECTED = {
    1: ("330000", "330200"),
    2: ("330000", "330200"),
    3: ("330000", "330200"),
    4: ("320000", "320500"),
    5: ("", "Suzhou"),
    6: ("330000", "Yiwu Futian"),
    7: ("330000", "330200"),
    8: ("", ""),
}


def _rows(connection: sa.Connection, factories: sa.Table) -> dict[int, tuple[str, str, str]]:
    query = sa.select(factories.c.id, factories.c.province, factories.c.city, factories.c.search_text)
    return {i: (p, c, t) for i, p, c, t in connection.execute(query).all()}


def _found(connection: sa.Connection, word: str) -> set[int]:
    """Factories the directory's index finds for one word (FTS5 on SQLite, LIKE through pg_trgm otherwise)."""
    term = word if len(word) >= 3 else f" {word} "
    if connection.dialect.name == "sqlite":
        quoted = '"' + term.replace('"', '""') + '"'
        rows = connection.exec_driver_sql(
            "SELECT rowid FROM factory_search WHERE factory_search MATCH ?", (quoted,)
        ).all()
    else:
        rows = connection.execute(
            sa.text("SELECT id FROM factories WHERE search_text LIKE :p"), {"p": f"%{term}%"}
        ).all()
    return {r[0] for r in rows}


def test_typed_places_become_codes_and_are_found_by_both_names(scratch_url):  # noqa: F811 (the fixture)
    migrate(scratch_url, BEFORE)
    engine = make_engine(scratch_url)
    tables = sa.MetaData()
    tables.reflect(engine, only=["factories"])
    factories = tables.tables["factories"]
    with engine.begin() as connection:
        for key, (province, city, text) in TYPED.items():
            insert(connection, factories, id=key, slug=f"f{key}", province=province, city=city, search_text=text)

    migrate(scratch_url, AFTER)
    with engine.connect() as connection:
        rows = _rows(connection, factories)
        assert {k: (p, c) for k, (p, c, _) in rows.items()} == EXPECTED
        assert rows[2][2].startswith("harbour home zhejiang ningbo")  # what was there stays
        assert rows[8][2] == "nowhere yet" and rows[5][2] == "suzhou silk"  # untouched rows are untouched
        assert {1, 2, 3, 7} <= _found(connection, "宁波") and {1, 2, 3, 7} <= _found(connection, "ningbo")
        assert {2, 3, 6} <= _found(connection, "浙江")  # names added in the other language are indexed
        assert _found(connection, "苏州") == {4}

    migrate(scratch_url, BEFORE, down=True)
    with engine.connect() as connection:
        places = {k: (p, c) for k, (p, c, _) in _rows(connection, factories).items()}
        assert places[1] == ("Zhejiang", "Ningbo") and places[4] == ("Jiangsu", "Suzhou")
        assert places[5] == ("", "Suzhou") and places[6] == ("Zhejiang", "Yiwu Futian")
    engine.dispose()
