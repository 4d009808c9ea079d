"""One-time sign-in links and sign-up throttling (issue 11)

Revision ID: one_time_links
Revises: session_exchange
Create Date: 2026-12-01 12:00:00
"""

from collections.abc import Sequence

revision: str = "one_time_links"
down_revision: str | None = "session_exchange"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
