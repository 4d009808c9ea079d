"""Image derivatives (issue 17): the WebP widths written beside each photo

- `media_assets.derivative_widths`: the widths of its WebP derivatives ("320,640,1280"), empty until they
  exist. Existing photos get theirs from `python -m realsourcing.cli derive-images` (run by `make run`).
  Intrinsic width and height were already recorded (`media_assets.width/height`).

Revision ID: image_derivatives
Revises: order_reviews
Create Date: 2026-12-04 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "image_derivatives"
down_revision: str | None = "order_reviews"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("media_assets") as batch:
        batch.add_column(
            sa.Column(
                "derivative_widths", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False, server_default=""
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("media_assets") as batch:
        batch.drop_column("derivative_widths")
