"""A reschedule is a proposal the other side answers (issue 13)

A proposed time holds its slot: the partial unique index on meetings (factory_id, starts_at) counts
'proposed' among the statuses that hold one. Who proposed it is the actor of its 'time_proposed' history
entry (no new column: SQLite could only add a foreign key by copying the meetings table, which the rows
referencing it forbid). Downgrade: the older code knows no 'proposed' or 'withdrawn' meeting, so those
proposals (and their history entries) become 'cancelled' ones, which it reads; then the index goes back.

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


def _index(where: sa.TextClause) -> None:
    op.create_index(
        INDEX, "meetings", ["factory_id", "starts_at"], unique=True, sqlite_where=where, postgresql_where=where
    )


def upgrade() -> None:
    op.drop_index(INDEX, table_name="meetings", sqlite_where=BEFORE, postgresql_where=BEFORE)
    _index(AFTER)


def downgrade() -> None:
    unknown = "('proposed', 'withdrawn')"
    op.execute(f"UPDATE meetings SET status = 'cancelled' WHERE status IN {unknown}")
    op.execute(f"UPDATE meeting_events SET to_status = 'cancelled' WHERE to_status IN {unknown}")
    op.execute(f"UPDATE meeting_events SET from_status = 'cancelled' WHERE from_status IN {unknown}")
    op.drop_index(INDEX, table_name="meetings", sqlite_where=AFTER, postgresql_where=AFTER)
    _index(BEFORE)
