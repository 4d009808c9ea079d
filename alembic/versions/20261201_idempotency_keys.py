"""Exactly once from the browser: idempotency keys of creates (issue 11)

One row per create that carried a key: (actor, kind, key) -> the id it made, written in the same
transaction as the row it made; the unique constraint refuses a second create with the same key.

Revision ID: idempotency_keys
Revises: payment_reconciliation
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import realsourcing.core.columns

revision: str = "idempotency_keys"
down_revision: str | None = "payment_reconciliation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("result_id", sa.Integer(), nullable=False),
        sa.Column("created_at", realsourcing.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("actor_id", "kind", "key", name="uq_idempotency_key"),
    )


def downgrade() -> None:
    op.drop_table("idempotency_keys")
