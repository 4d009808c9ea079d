"""Full-text search index for the directory (issue 12)

Revision ID: search_index
Revises: one_time_links
Create Date: 2026-12-01 12:10:00
"""

from collections.abc import Sequence

revision: str = "search_index"
down_revision: str | None = "one_time_links"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
