"""Payments reconcile: payment anomalies and what identifies an order's payment (issue 11)

Revision ID: payment_reconciliation
Revises: meeting_events_typed
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence

revision: str = "payment_reconciliation"
down_revision: str | None = "meeting_events_typed"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
