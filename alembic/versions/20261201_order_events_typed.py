"""Order events: typed kind + data (filled in by the orders work)

Revision ID: order_events_typed
Revises: 058dd79a4ab2
Create Date: 2026-12-01 08:00:00
"""

from collections.abc import Sequence

revision: str = "order_events_typed"
down_revision: str | None = "058dd79a4ab2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
