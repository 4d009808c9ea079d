"""Meeting events: typed kind + data (filled in by the meetings work)

Every meeting event gets a `kind` (meetings.lifecycle.MeetingEventKind) and a JSON `data` dict; the
prose `note` goes. Existing rows are backfilled from their statuses and notes (the last time a note is
read): "joined:<user id>" → participant_joined, a decline's or cancellation's note → its reason, a
reschedule's two sides → the meeting ids and start times they point at.

Revision ID: meeting_events_typed
Revises: order_events_typed
Create Date: 2026-12-01 08:00:00
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
import sqlmodel
from alembic import op

import realsourcing.core.columns

revision: str = "meeting_events_typed"
down_revision: str | None = "order_events_typed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables as this revision knows them (not the models, which move on).
events = sa.table(
    "meeting_events",
    sa.column("id", sa.Integer),
    sa.column("meeting_id", sa.Integer),
    sa.column("from_status", sa.String),
    sa.column("to_status", sa.String),
    sa.column("note", sa.String),
    sa.column("kind", sa.String),
    sa.column("data", sa.JSON),
    sa.column("created_at", realsourcing.core.columns.UTCDateTime(timezone=True)),
)
meetings = sa.table(
    "meetings",
    sa.column("id", sa.Integer),
    sa.column("buyer_id", sa.Integer),
    sa.column("starts_at", realsourcing.core.columns.UTCDateTime(timezone=True)),
    sa.column("rescheduled_from_id", sa.Integer),
)


def _typed(row: Any, meeting: Any, replacement: Any, replaced: Any) -> tuple[str, dict[str, Any]]:
    """The kind and data of one old event, from what the old code wrote."""
    note = row.note or ""
    if note.startswith("joined:"):
        identity = note.removeprefix("joined:")
        # Only the buyer and the factory's members ever got a room token, so anyone else was the factory.
        side = "buyer" if identity == str(meeting.buyer_id) else "factory"
        return "participant_joined", {"identity": identity, "side": side, "at": row.created_at.isoformat()}
    if row.from_status == "":
        return "booked", {}
    if row.from_status == "rescheduled":
        return "moved_from", {
            "from_meeting_id": meeting.rescheduled_from_id,
            "from_starts_at": replaced.starts_at.isoformat() if replaced is not None else "",
        }
    if row.to_status in ("declined", "cancelled"):
        return row.to_status, {"reason": note}
    if row.to_status == "rescheduled":
        if replacement is None:
            return "rescheduled", {}
        return "rescheduled", {"to_meeting_id": replacement.id, "to_starts_at": replacement.starts_at.isoformat()}
    if row.to_status in ("confirmed", "completed", "no_show"):
        return row.to_status, {}
    raise RuntimeError(f"meeting event {row.id}: no kind for {row.from_status!r} → {row.to_status!r}")


def upgrade() -> None:
    with op.batch_alter_table("meeting_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True))
        batch_op.add_column(sa.Column("data", sa.JSON(), nullable=True))

    connection = op.get_bind()
    by_id = {m.id: m for m in connection.execute(sa.select(meetings)).all()}
    replacement_of = {m.rescheduled_from_id: m for m in by_id.values() if m.rescheduled_from_id is not None}
    for row in connection.execute(sa.select(events)).all():
        meeting = by_id[row.meeting_id]
        kind, data = _typed(
            row, meeting, replacement_of.get(meeting.id), by_id.get(meeting.rescheduled_from_id)
        )
        connection.execute(events.update().where(events.c.id == row.id).values(kind=kind, data=data))

    with op.batch_alter_table("meeting_events", schema=None) as batch_op:
        batch_op.alter_column("kind", existing_type=sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False)
        batch_op.alter_column("data", existing_type=sa.JSON(), nullable=False)
        batch_op.drop_column("note")


def _note(kind: str, data: dict[str, Any]) -> str:
    """What the old code wrote for this kind of event."""
    if kind == "participant_joined":
        return f"joined:{data.get('identity', '')}"
    if kind in ("declined", "cancelled"):
        return str(data.get("reason", ""))[:1000]
    if kind == "moved_from":
        return f"moved from {data.get('from_starts_at', '')}"
    return {"completed": "both sides joined", "no_show": "not everyone joined"}.get(kind, "")


def downgrade() -> None:
    with op.batch_alter_table("meeting_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True))

    connection = op.get_bind()
    for row in connection.execute(sa.select(events.c.id, events.c.kind, events.c.data)).all():
        connection.execute(
            events.update().where(events.c.id == row.id).values(note=_note(row.kind, row.data or {}))
        )

    with op.batch_alter_table("meeting_events", schema=None) as batch_op:
        batch_op.alter_column("note", existing_type=sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False)
        batch_op.drop_column("data")
        batch_op.drop_column("kind")
