"""Factory bank details (issue 13): structured T/T payee, its history, the licence's approved legal names

- `factory_bank_details`: one account per factory (holder, bank, account number or IBAN, SWIFT/BIC, bank
  address, currency), set only by the factory's owner, its holder the company on the approved licence.
- `factory_bank_details_changes`: every setting and change (who, when, what it became), so the notice on
  open bank-transfer orders ("the factory changed its bank details on …") is true.
- `factory_documents.licensed_name_en/zh`: the legal names as the admin approved them with the licence;
  approved licences get the factory's present legal names.
- `factories.bank_instructions` (free text, never validated, its payee never checked) is dropped: nobody
  is shown an unchecked account any more; factories enter structured details instead.

Revision ID: factory_bank_details
Revises: division_codes
Create Date: 2026-12-04 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import realsourcing.core.columns
from alembic import op

revision: str = "factory_bank_details"
down_revision: str | None = "division_codes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_UTC = realsourcing.core.columns.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "factory_bank_details",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("factory_id", sa.Integer(), nullable=False),
        sa.Column("account_holder", _TEXT(length=200), nullable=False),
        sa.Column("bank_name", _TEXT(length=140), nullable=False),
        sa.Column("account_number", _TEXT(length=34), nullable=False),
        sa.Column("swift_bic", _TEXT(length=11), nullable=False),
        sa.Column("bank_address", _TEXT(length=300), nullable=False),
        sa.Column("currency", _TEXT(length=3), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", _UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["factory_id"], ["factories.id"]),
        sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("factory_id"),
    )
    op.create_table(
        "factory_bank_details_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("factory_id", sa.Integer(), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", _UTC(timezone=True), nullable=False),
        sa.Column("replaced_earlier", sa.Boolean(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["changed_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["factory_id"], ["factories.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_bank_details_changes_factory_time", "factory_bank_details_changes", ["factory_id", "changed_at"]
    )
    op.add_column("factory_documents", sa.Column("licensed_name_en", _TEXT(length=200), nullable=False, server_default=""))
    op.add_column("factory_documents", sa.Column("licensed_name_zh", _TEXT(length=200), nullable=False, server_default=""))
    documents = sa.table(
        "factory_documents",
        sa.column("factory_id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("status", sa.String),
        sa.column("licensed_name_en", sa.String),
        sa.column("licensed_name_zh", sa.String),
    )
    factories = sa.table(
        "factories", sa.column("id", sa.Integer), sa.column("legal_name_en", sa.String), sa.column("legal_name_zh", sa.String)
    )
    of_factory = factories.c.id == documents.c.factory_id
    op.execute(
        documents.update()
        .where(documents.c.kind == "business_license", documents.c.status == "approved")
        .values(
            licensed_name_en=sa.select(factories.c.legal_name_en).where(of_factory).scalar_subquery(),
            licensed_name_zh=sa.select(factories.c.legal_name_zh).where(of_factory).scalar_subquery(),
        )
    )
    # A plain DROP COLUMN (SQLite 3.35+ and PostgreSQL): a batch copy of factories on SQLite would drop the
    # directory's search triggers and indexes (see search_index).
    op.execute("ALTER TABLE factories DROP COLUMN bank_instructions")


def downgrade() -> None:
    op.add_column("factories", sa.Column("bank_instructions", sa.VARCHAR(length=2000), nullable=False, server_default=""))
    op.execute("ALTER TABLE factory_documents DROP COLUMN licensed_name_zh")
    op.execute("ALTER TABLE factory_documents DROP COLUMN licensed_name_en")
    op.drop_index("ix_bank_details_changes_factory_time", table_name="factory_bank_details_changes")
    op.drop_table("factory_bank_details_changes")
    op.drop_table("factory_bank_details")
