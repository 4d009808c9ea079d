"""The order-events migration types the timeline that already exists: each old prose note becomes a kind and
its data, on a scratch database of the same engine as the test run (SQLite file or PostgreSQL schema)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote

import pytest
import sqlalchemy as sa
from alembic.config import Config

from alembic import command
from realsourcing.config import PROJECT_ROOT
from realsourcing.db import make_engine

BEFORE, AFTER = "058dd79a4ab2", "order_events_typed"


@pytest.fixture
def scratch_url(tmp_path) -> Iterator[str]:
    url = os.environ["REFLEX_DB_URL"]
    if not url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'migration.db'}"
        return
    import psycopg

    base, schema = url.split("?")[0], f"rs_mig_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{base}?options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(base.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def migrate(url: str, revision: str, *, down: bool = False) -> None:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.attributes.update({"configure_logging": False, "database_url": url})
    (command.downgrade if down else command.upgrade)(cfg, revision)


def filler(column: sa.Column) -> object:
    """Any value of the column's type, for the NOT NULL columns this test does not care about."""
    python_type = column.type.python_type
    return {
        int: 0,
        str: "x",
        bool: False,
        float: 0.0,
        dict: {},
        datetime: datetime.now(UTC),
        date: date.today(),
    }.get(python_type, "x")


def insert(connection: sa.Connection, table: sa.Table, **values: object) -> None:
    for column in table.columns:
        if (
            column.name not in values
            and not column.nullable
            and not column.primary_key
            and column.server_default is None
        ):
            values[column.name] = filler(column)
    connection.execute(table.insert().values(**values))


T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
# order, from, to, actor, note (as the code before typed events wrote them)
OLD_EVENTS = [
    (1, "", "awaiting_payment", "buyer", "order placed"),
    (1, "awaiting_payment", "awaiting_payment", "buyer", "checkout session cs_first"),
    (1, "awaiting_payment", "awaiting_payment", "stripe", "payment failed"),
    (1, "awaiting_payment", "awaiting_payment", "buyer", "checkout session cs_second"),
    (1, "awaiting_payment", "awaiting_payment", "stripe", "payment processing"),
    (1, "awaiting_payment", "paid", "payment", "paid by card (checkout.session.async_payment_succeeded)"),
    (1, "paid", "paid", "factory", "refund requested at Stripe"),
    (1, "paid", "refunded", "payment", "refunded by card"),
    (2, "", "awaiting_payment", "buyer", "order placed"),
    (2, "awaiting_payment", "paid", "factory", "bank transfer received"),
    (2, "paid", "accepted", "factory", ""),
    (2, "accepted", "accepted", "factory", "called the buyer about the glaze"),
    (2, "accepted", "shipped", "factory", "DHL Express JD0146"),
    (2, "shipped", "delivered", "buyer", ""),
    (2, "delivered", "completed", "buyer", ""),
    (3, "", "awaiting_payment", "buyer", "order placed"),
    (3, "awaiting_payment", "cancelled", "buyer", "changed my mind"),
]
TYPED = [
    ("placed", {}, "buyer"),
    ("checkout_started", {"session_id": "cs_first", "attempt": 1}, "buyer"),
    ("payment_failed", {}, "payment"),
    ("checkout_started", {"session_id": "cs_second", "attempt": 2}, "buyer"),
    ("payment_processing", {}, "payment"),
    ("paid_by_card", {"payment_intent": "pi_old"}, "payment"),
    ("refund_requested", {"payment_intent": "pi_old"}, "factory"),
    ("refunded_by_card", {"payment_intent": "pi_old"}, "payment"),
    ("placed", {}, "buyer"),
    ("bank_transfer_received", {}, "factory"),
    ("accepted", {}, "factory"),
    ("note", {"note": "called the buyer about the glaze"}, "factory"),
    ("shipped", {"carrier": "DHL Express", "tracking_number": "JD0146"}, "factory"),
    ("delivered", {}, "buyer"),
    ("completed", {}, "buyer"),
    ("placed", {}, "buyer"),
    ("cancelled", {"note": "changed my mind"}, "buyer"),
]


def test_old_prose_events_become_typed_and_come_back(scratch_url):
    migrate(scratch_url, BEFORE)
    engine = make_engine(scratch_url)
    try:
        tables = sa.MetaData()
        tables.reflect(engine, only=["users", "factories", "sample_orders", "order_events"])
        with engine.begin() as db:
            insert(db, tables.tables["users"], id=1, email="old-buyer@example.com")
            insert(db, tables.tables["factories"], id=1, slug="old-factory")
            for order_id, method, intent, carrier, tracking in (
                (1, "card", "pi_old", "", ""),
                (2, "bank_transfer", None, "DHL Express", "JD0146"),
                (3, "bank_transfer", None, "", ""),
            ):
                insert(
                    db,
                    tables.tables["sample_orders"],
                    id=order_id,
                    reference=f"RS-2026-{order_id:06d}",
                    buyer_id=1,
                    factory_id=1,
                    payment_method=method,
                    stripe_payment_intent_id=intent,
                    carrier=carrier,
                    tracking_number=tracking,
                )
            for n, (order_id, from_status, to_status, actor, note) in enumerate(OLD_EVENTS):
                db.execute(
                    tables.tables["order_events"]
                    .insert()
                    .values(
                        order_id=order_id,
                        from_status=from_status,
                        to_status=to_status,
                        actor_kind=actor,
                        note=note,
                        created_at=T0 + timedelta(minutes=n),
                    )
                )

        migrate(scratch_url, AFTER)
        events = sa.Table("order_events", sa.MetaData(), autoload_with=engine)
        assert "note" not in events.columns and not events.columns["kind"].nullable
        with engine.connect() as db:
            rows = db.execute(sa.select(events).order_by(events.c.id)).all()
        assert [(r.kind, r.data, r.actor_kind) for r in rows] == TYPED
        assert [(r.from_status, r.to_status) for r in rows] == [(e[1], e[2]) for e in OLD_EVENTS]

        migrate(scratch_url, BEFORE, down=True)
        with engine.connect() as db:
            notes = db.execute(sa.text("SELECT note FROM order_events ORDER BY id")).scalars().all()
            attempts = db.execute(
                sa.text("SELECT count(*) FROM order_events WHERE order_id = 1 AND note LIKE 'checkout session%'")
            ).scalar_one()
        assert attempts == 2  # what the code before typed events counts to choose the next idempotency key
        assert notes[1] == "checkout session cs_first" and notes[12] == "DHL Express JD0146"
        assert (notes[11], notes[16]) == ("called the buyer about the glaze", "changed my mind")
    finally:
        engine.dispose()
