"""The one place that knows how to reach the database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from typing import Protocol, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from realsourcing.config import get_settings

Row = TypeVar("Row")


class RowMissing(LookupError):
    """A row the data guarantees (a foreign key points at it, or it was just flushed) is not there: a bug."""


class HasId(Protocol):
    id: int | None


def utcnow() -> datetime:
    return datetime.now(UTC)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            # WAL lets readers proceed during a write; foreign keys are off by default in SQLite.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


@contextmanager
def session_scope() -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def id_of(row: HasId) -> int:
    """The primary key of a row that was loaded or flushed (only a new, unflushed row has none yet)."""
    if row.id is None:
        raise RowMissing(f"{type(row).__name__} has no id yet: flush it first")
    return row.id


def get_existing(db: Session, model: type[Row], key: object) -> Row:
    """A row a foreign key or the signed-in session guarantees; its absence is a bug, not a visitor's mistake."""
    row = db.get(model, key)
    if row is None:
        raise RowMissing(f"{model.__name__} {key!r} does not exist")
    return row
