"""One-time codes that hand a new session to the browser as an HttpOnly cookie (issue 11)

Revision ID: session_exchange
Revises: upload_quota
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import realsourcing.core.columns
from alembic import op

revision: str = "session_exchange"
down_revision: str | None = "upload_quota"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "session_exchange_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("created_at", realsourcing.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", realsourcing.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", realsourcing.core.columns.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["auth_sessions.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_hash"),
    )
    with op.batch_alter_table("session_exchange_codes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_exchange_codes_session_id"), ["session_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_session_exchange_codes_expires_at"), ["expires_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("session_exchange_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_exchange_codes_expires_at"))
        batch_op.drop_index(batch_op.f("ix_session_exchange_codes_session_id"))
    op.drop_table("session_exchange_codes")
