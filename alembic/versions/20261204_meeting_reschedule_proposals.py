"""A reschedule is a proposal the other side answers (issue 13)

meetings.proposed_by_id: who proposed a meeting's time (a proposal made by a reschedule; NULL for
bookings). A proposed time holds its slot: the partial unique index on (factory_id, starts_at) counts
'proposed' among the statuses that hold one. Downgrade: proposals still waiting are withdrawn first
(the older code knows no 'proposed' meeting), then the index and the column go back.

Revision ID: meeting_reschedule_proposals
Revises: search_index
Create Date: 2026-12-04 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "meeting_reschedule_proposals"
down_revision: str | None = "search_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "uq_meetings_factory_active_start"
# The statuses holding a slot, before and after this revision (a migration keeps its own copy).
BEFORE = sa.text("status IN ('requested', 'confirmed')")
AFTER = sa.text("status IN ('requested', 'confirmed', 'proposed')")


def upgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("proposed_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_meetings_proposed_by_id", "users", ["proposed_by_id"], ["id"])
        batch_op.drop_index(INDEX, sqlite_where=BEFORE, postgresql_where=BEFORE)
        batch_op.create_index(
            INDEX, ["factory_id", "starts_at"], unique=True, sqlite_where=AFTER, postgresql_where=AFTER
        )


def downgrade() -> None:
    op.execute("UPDATE meetings SET status = 'withdrawn' WHERE status = 'proposed'")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index(INDEX, sqlite_where=AFTER, postgresql_where=AFTER)
        batch_op.create_index(
            INDEX, ["factory_id", "starts_at"], unique=True, sqlite_where=BEFORE, postgresql_where=BEFORE
        )
        batch_op.drop_constraint("fk_meetings_proposed_by_id", type_="foreignkey")
        batch_op.drop_column("proposed_by_id")
