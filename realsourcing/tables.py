"""All tables. Importing this package registers every table on SQLModel.metadata (alembic reads it)."""

from realsourcing.core.idempotency import IdempotencyKey  # noqa: F401

__all__ = [name for name in dir() if not name.startswith("_")]
