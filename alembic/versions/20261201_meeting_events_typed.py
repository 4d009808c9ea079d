"""Meeting events: typed kind + data (filled in by the meetings work)

Revision ID: meeting_events_typed
Revises: order_events_typed
Create Date: 2026-12-01 08:00:00
"""

from collections.abc import Sequence

revision: str = "meeting_events_typed"
down_revision: str | None = "order_events_typed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
