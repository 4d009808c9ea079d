"""Full-text search index for the directory (issue 12)

Revision ID: search_index
Revises: one_time_links
Create Date: 2026-12-01 12:10:00

factories.search_text (lower-case names, places, categories, published product names; rebuilt by the
services) gains the Chinese one- and two-character grams of that text (realsourcing/profile/search_text.py)
and becomes indexed, so a word is found without reading every row:
- SQLite: an FTS5 table with the trigram tokenizer over that column (external content: the text is
  stored once, in factories), kept in step by triggers on factories; the backfill is FTS5's 'rebuild'.
- PostgreSQL: a pg_trgm GIN index on the column, which serves the same `LIKE '%word%'` the directory
  runs (PostgreSQL keeps it in step itself). The extension is per database and may already exist in
  any schema (test runs use a schema of their own): it is created in public if missing, and the
  operator class is named with the schema it actually lives in.
Note: a later SQLite batch_alter_table on factories (copy and move) drops the triggers: recreate them.
Both: indexes for the directory's sort orders, so the first page of 100,000 factories is not a sort of
all of them.
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "search_index"
down_revision: str | None = "one_time_links"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in realsourcing/profile/search_text.py at this revision (a migration keeps its own copy).
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff]+")
_GRAMS = re.compile(r"  ((?:\S{1,2} )+)$")


def _with_grams(text: str) -> str:
    grams: dict[str, None] = {}
    for run in _CJK_RUN.findall(text):
        for i, char in enumerate(run):
            grams.setdefault(char)
            if i + 1 < len(run):
                grams.setdefault(run[i : i + 2])
    return f"{text}  {' '.join(grams)} " if grams else text


def _rewrite_search_text(change) -> None:
    bind = op.get_bind()
    factories = sa.table("factories", sa.column("id", sa.Integer), sa.column("search_text", sa.Text))
    rows = bind.execute(sa.select(factories.c.id, factories.c.search_text)).all()
    updates = [{"key": i, "text": change(t)} for i, t in rows if change(t) != t]
    if updates:
        bind.execute(
            factories.update().where(factories.c.id == sa.bindparam("key")).values(search_text=sa.bindparam("text")),
            updates,
        )


SORT_INDEXES = {
    "ix_factories_relevance": "is_verified, updated_at, id",
    "ix_factories_newest": "created_at, id",
    "ix_factories_name_lower": "lower(display_name_en), id",
    "ix_factories_name_zh_lower": "lower(display_name_zh)",
    "ix_factories_established": "(founded_year IS NULL), founded_year, id",
}


def upgrade() -> None:
    bind = op.get_bind()
    # Backfill: Chinese one- and two-character grams after the text, so short Chinese words are indexed.
    _rewrite_search_text(lambda text: text if _GRAMS.search(text) else _with_grams(text))
    if bind.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE factory_search USING fts5("
            "search_text, content='factories', content_rowid='id', tokenize='trigram')"
        )
        op.execute(
            "CREATE TRIGGER factory_search_ai AFTER INSERT ON factories BEGIN "
            "INSERT INTO factory_search(rowid, search_text) VALUES (new.id, new.search_text); END"
        )
        op.execute(
            "CREATE TRIGGER factory_search_ad AFTER DELETE ON factories BEGIN "
            "INSERT INTO factory_search(factory_search, rowid, search_text) "
            "VALUES ('delete', old.id, old.search_text); END"
        )
        op.execute(
            "CREATE TRIGGER factory_search_au AFTER UPDATE OF search_text ON factories BEGIN "
            "INSERT INTO factory_search(factory_search, rowid, search_text) "
            "VALUES ('delete', old.id, old.search_text); "
            "INSERT INTO factory_search(rowid, search_text) VALUES (new.id, new.search_text); END"
        )
        op.execute("INSERT INTO factory_search(factory_search) VALUES ('rebuild')")
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
        schema = bind.exec_driver_sql(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'pg_trgm'"
        ).scalar_one()
        op.execute(
            f'CREATE INDEX ix_factories_search_trgm ON factories USING gin (search_text "{schema}".gin_trgm_ops)'
        )
    for name, columns in SORT_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON factories ({columns})")


def downgrade() -> None:
    for name in SORT_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("factory_search_ai", "factory_search_ad", "factory_search_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS factory_search")
    else:
        # The extension stays: other schemas of the same database may use it.
        op.execute("DROP INDEX IF EXISTS ix_factories_search_trgm")
    _rewrite_search_text(lambda text: _GRAMS.sub("", text))
