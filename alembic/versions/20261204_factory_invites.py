"""Factory team (issue 13): invitations by email, and one factory per person

`factory_invites` holds an owner's invitation of an address with a role (owner or staff); the emailed
one-time link (purpose team_invite) names the row. `factory_members.user_id` becomes unique: a person
belongs to one factory at most (nothing ever created a second membership before this revision).

Revision ID: factory_invites
Revises: meeting_reschedule_proposals
Create Date: 2026-12-04 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import realsourcing.core.columns

revision: str = "factory_invites"
down_revision: str | None = "meeting_reschedule_proposals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "factory_invites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("factory_id", sa.Integer(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=True),
        sa.Column("accepted_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", realsourcing.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", realsourcing.core.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("closed_at", realsourcing.core.columns.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["accepted_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["factory_id"], ["factories.id"]),
        sa.ForeignKeyConstraint(["invited_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_factory_invites_factory_created", "factory_invites", ["factory_id", "created_at"])
    op.create_index("ix_factory_invites_factory_email", "factory_invites", ["factory_id", "email"])
    op.drop_index("ix_factory_members_user_id", table_name="factory_members")
    op.create_index("ix_factory_members_user_id", "factory_members", ["user_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_factory_members_user_id", table_name="factory_members")
    op.create_index("ix_factory_members_user_id", "factory_members", ["user_id"], unique=False)
    op.drop_index("ix_factory_invites_factory_email", table_name="factory_invites")
    op.drop_index("ix_factory_invites_factory_created", table_name="factory_invites")
    op.drop_table("factory_invites")
