"""One-time sign-in links and sign-up throttling (issue 11)

Revision ID: sign_in_links
Revises: idempotency_keys
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence

revision: str = "sign_in_links"
down_revision: str | None = "idempotency_keys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
