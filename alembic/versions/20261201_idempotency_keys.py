"""Exactly once from the browser: idempotency keys of creates (issue 11)

Revision ID: idempotency_keys
Revises: payment_reconciliation
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence

revision: str = "idempotency_keys"
down_revision: str | None = "payment_reconciliation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
