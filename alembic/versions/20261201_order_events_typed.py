"""Order events: typed kind + data (filled in by the orders work)

Every order event gets a `kind` (realsourcing.orders.events.OrderEventKind) and a `data` JSON dict; the
prose `note` column goes. Existing rows are read once, here, to choose their kind and data (the last
time anything parses those notes); words a person typed (a cancellation reason) move to data["note"].
Provider events recorded as actor "stripe" become "payment", the side the lifecycle calls them.

Revision ID: order_events_typed
Revises: 058dd79a4ab2
Create Date: 2026-12-01 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "order_events_typed"
down_revision: str | None = "058dd79a4ab2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The kinds as they were when this migration was written (a migration never imports the app's code).
EVENTS = sa.table(
    "order_events",
    sa.column("id", sa.Integer),
    sa.column("order_id", sa.Integer),
    sa.column("from_status", sa.String),
    sa.column("to_status", sa.String),
    sa.column("actor_kind", sa.String),
    sa.column("note", sa.String),
    sa.column("kind", sa.String),
    sa.column("data", sa.JSON),
    sa.column("created_at", sa.DateTime),
)
ORDERS = sa.table(
    "sample_orders",
    sa.column("id", sa.Integer),
    sa.column("carrier", sa.String),
    sa.column("tracking_number", sa.String),
    sa.column("stripe_payment_intent_id", sa.String),
)
MOVED_TO = {"accepted": "accepted", "delivered": "delivered", "completed": "completed"}
FIXED_NOTES = {
    "order placed": "placed",
    "payment processing": "payment_processing",
    "payment failed": "payment_failed",
    "checkout expired": "checkout_expired",
    "refund requested at Stripe": "refund_requested",
    "bank transfer received": "bank_transfer_received",
    "refunded by card": "refunded_by_card",
}


def _typed(row, order, attempt: int) -> tuple[str, dict]:
    """(kind, data) for one old event, from its note, its statuses and its order."""
    note, moved = (row.note or "").strip(), row.from_status != row.to_status
    intent = (order.stripe_payment_intent_id or "") if order else ""
    if note.startswith("checkout session "):
        return "checkout_started", {"session_id": note.removeprefix("checkout session ").strip(), "attempt": attempt}
    if note in FIXED_NOTES:
        kind = FIXED_NOTES[note]
        return kind, {"payment_intent": intent} if kind in ("refund_requested", "refunded_by_card") else {}
    if not row.from_status:
        return "placed", {}
    if moved and row.to_status == "paid":
        if row.actor_kind == "payment" or note.startswith("paid by card"):
            return "paid_by_card", {"payment_intent": intent}
        return "bank_transfer_received", {}
    if moved and row.to_status == "shipped":
        return "shipped", {
            "carrier": order.carrier if order else "",
            "tracking_number": order.tracking_number if order else "",
        }
    if moved and row.to_status in MOVED_TO:
        return MOVED_TO[row.to_status], {"note": note} if note else {}
    if moved and row.to_status == "cancelled":
        return "cancelled", {"note": note} if note else {}
    if moved and row.to_status == "refunded":
        if row.actor_kind == "payment":
            return "refunded_by_card", {"payment_intent": intent}
        return "refunded_by_bank", {"note": note} if note and note != "refunded by bank transfer" else {}
    return "note", {"note": note}


def upgrade() -> None:
    with op.batch_alter_table("order_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
        batch_op.add_column(sa.Column("data", sa.JSON(), nullable=True))

    connection = op.get_bind()
    orders = {o.id: o for o in connection.execute(sa.select(ORDERS)).all()}
    checkouts: dict[int, int] = {}
    rows = connection.execute(sa.select(EVENTS).order_by(EVENTS.c.order_id, EVENTS.c.created_at, EVENTS.c.id)).all()
    for row in rows:
        if (row.note or "").startswith("checkout session "):
            checkouts[row.order_id] = checkouts.get(row.order_id, 0) + 1
        kind, data = _typed(row, orders.get(row.order_id), checkouts.get(row.order_id, 0))
        actor = "payment" if row.actor_kind == "stripe" else row.actor_kind
        connection.execute(EVENTS.update().where(EVENTS.c.id == row.id).values(kind=kind, data=data, actor_kind=actor))

    with op.batch_alter_table("order_events", schema=None) as batch_op:
        batch_op.alter_column("kind", existing_type=sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False)
        batch_op.alter_column("data", existing_type=sa.JSON(), nullable=False)
        batch_op.drop_column("note")


# What the old code wrote for each kind (so a downgraded app can still count checkout attempts).
OLD_NOTES = {
    "placed": "order placed",
    "payment_processing": "payment processing",
    "payment_failed": "payment failed",
    "checkout_expired": "checkout expired",
    "refund_requested": "refund requested at Stripe",
    "bank_transfer_received": "bank transfer received",
    "paid_by_card": "paid by card",
    "refunded_by_card": "refunded by card",
}


def _note(kind: str, data: dict) -> str:
    if kind == "checkout_started":
        return f"checkout session {data.get('session_id', '')}"
    if kind == "shipped":
        return f"{data.get('carrier', '')} {data.get('tracking_number', '')}".strip()
    if kind == "refunded_by_bank":
        return str(data.get("note") or "refunded by bank transfer")
    return OLD_NOTES.get(kind) or str(data.get("note", ""))


def downgrade() -> None:
    with op.batch_alter_table("order_events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False, server_default="")
        )

    connection = op.get_bind()
    for row in connection.execute(sa.select(EVENTS.c.id, EVENTS.c.kind, EVENTS.c.data)).all():
        connection.execute(
            EVENTS.update().where(EVENTS.c.id == row.id).values(note=_note(row.kind, row.data or {})[:1000])
        )

    with op.batch_alter_table("order_events", schema=None) as batch_op:
        batch_op.alter_column("note", existing_type=sqlmodel.sql.sqltypes.AutoString(length=1000), server_default=None)
        batch_op.drop_column("data")
        batch_op.drop_column("kind")
