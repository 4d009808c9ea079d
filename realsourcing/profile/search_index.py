"""The directory's search index in the database: objects the search_index migration creates that no
model declares (FTS5 tables and their shadow tables, trigram and sort indexes). Alembic's autogenerate
and the schema test leave them alone through include_object."""

from __future__ import annotations

from typing import Any

FTS_TABLE = "factory_search"
TABLES = frozenset({FTS_TABLE, *(f"{FTS_TABLE}_{shadow}" for shadow in ("data", "idx", "docsize", "config"))})
INDEXES = frozenset(
    {
        "ix_factories_search_trgm",
        "ix_factories_relevance",
        "ix_factories_newest",
        "ix_factories_name_lower",
        "ix_factories_name_zh_lower",
        "ix_factories_established",
    }
)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """False for the search index's own tables and indexes (alembic's include_object hook)."""
    return not ((type_ == "table" and name in TABLES) or (type_ == "index" and name in INDEXES))
