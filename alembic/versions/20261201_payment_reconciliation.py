"""Payments reconcile: payment anomalies and what identifies an order's payment (issue 11)

A new table `payment_anomalies` (a payment event that moved nothing, with the event as Stripe sent it and
the reason); `provider_events` learns which order a payment event belongs to (`order_id`, set once its
Checkout Session or payment intent is known to be that order's) and the event's `payment_intent` (so a
refund that arrives before its payment is matched later). Earlier provider events keep order_id empty:
they were applied when they arrived, and the derived payment state never moves an order backwards.

Revision ID: payment_reconciliation
Revises: meeting_events_typed
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import realsourcing.core.columns
from alembic import op

revision: str = "payment_reconciliation"
down_revision: str | None = "meeting_events_typed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "payment_anomalies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("provider_event_id", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("event", sa.JSON(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("created_at", realsourcing.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["sample_orders.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("payment_anomalies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_anomalies_order_id"), ["order_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_payment_anomalies_provider_event_id"), ["provider_event_id"], unique=False
        )

    with op.batch_alter_table("provider_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("order_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "payment_intent", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False, server_default=""
            )
        )
        batch_op.create_foreign_key("fk_provider_events_order_id", "sample_orders", ["order_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_provider_events_order_id"), ["order_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_provider_events_payment_intent"), ["payment_intent"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("provider_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_provider_events_payment_intent"))
        batch_op.drop_index(batch_op.f("ix_provider_events_order_id"))
        batch_op.drop_constraint("fk_provider_events_order_id", type_="foreignkey")
        batch_op.drop_column("payment_intent")
        batch_op.drop_column("order_id")

    with op.batch_alter_table("payment_anomalies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_anomalies_provider_event_id"))
        batch_op.drop_index(batch_op.f("ix_payment_anomalies_order_id"))

    op.drop_table("payment_anomalies")
