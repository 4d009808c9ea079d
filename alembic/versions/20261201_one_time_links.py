"""One-time sign-in links and sign-up throttling (issue 11)

Revision ID: one_time_links
Revises: session_exchange
Create Date: 2026-12-01 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import realsourcing.core.columns
from alembic import op

revision: str = "one_time_links"
down_revision: str | None = "session_exchange"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "one_time_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("purpose", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("ip", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", realsourcing.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", realsourcing.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", realsourcing.core.columns.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("one_time_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_one_time_links_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_one_time_links_user_id"), ["user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_one_time_links_expires_at"), ["expires_at"], unique=False)
    op.create_table(
        "link_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("ip", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", realsourcing.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("link_requests", schema=None) as batch_op:
        batch_op.create_index("ix_link_requests_ip_time", ["kind", "ip", "created_at"], unique=False)
        batch_op.create_index("ix_link_requests_email_time", ["kind", "email", "created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("link_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_link_requests_email_time")
        batch_op.drop_index("ix_link_requests_ip_time")
    op.drop_table("link_requests")
    with op.batch_alter_table("one_time_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_one_time_links_expires_at"))
        batch_op.drop_index(batch_op.f("ix_one_time_links_user_id"))
        batch_op.drop_index(batch_op.f("ix_one_time_links_email"))
    op.drop_table("one_time_links")
