"""Order reviews (issue 16): a buyer's review of a factory, only from a completed, paid sample order

- `order_reviews`: one per order (unique order_id), three ratings 1-5, the text with its language, and the
  factory's one answer (text, language, when, by whom).

Revision ID: order_reviews
Revises: factory_bank_details
Create Date: 2026-12-04 20:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import realsourcing.core.columns
from alembic import op

revision: str = "order_reviews"
down_revision: str | None = "factory_bank_details"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_UTC = realsourcing.core.columns.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "order_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("factory_id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("matched", sa.Integer(), nullable=False),
        sa.Column("communication", sa.Integer(), nullable=False),
        sa.Column("shipping", sa.Integer(), nullable=False),
        sa.Column("text", _TEXT(length=2000), nullable=False),
        sa.Column("language", _TEXT(length=8), nullable=False),
        sa.Column("created_at", _UTC(timezone=True), nullable=False),
        sa.Column("answer", _TEXT(length=2000), nullable=False),
        sa.Column("answer_language", _TEXT(length=8), nullable=False),
        sa.Column("answered_at", _UTC(timezone=True), nullable=True),
        sa.Column("answered_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["order_id"], ["sample_orders.id"]),
        sa.ForeignKeyConstraint(["factory_id"], ["factories.id"]),
        sa.ForeignKeyConstraint(["buyer_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["answered_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("order_id", name="uq_order_review_order"),
    )
    op.create_index("ix_order_reviews_factory_id", "order_reviews", ["factory_id"])


def downgrade() -> None:
    op.drop_index("ix_order_reviews_factory_id", table_name="order_reviews")
    op.drop_table("order_reviews")
