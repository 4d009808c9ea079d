"""Per-factory storage quota (issue 11)

Revision ID: upload_quota
Revises: sign_in_links
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence

revision: str = "upload_quota"
down_revision: str | None = "sign_in_links"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
