"""What a factory makes, and the terms on which it sends samples."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from realsourcing.core.columns import created_at_field, utc_field


class ProductStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class Product(SQLModel, table=True):
    __tablename__ = "products"
    __table_args__ = (
        Index("ix_products_factory_status", "factory_id", "status"),
        Index("ix_products_category_status", "category", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    factory_id: int = Field(foreign_key="factories.id")
    name_en: str = Field(max_length=200)
    name_zh: str = Field(default="", max_length=200)
    category: str = Field(max_length=60)
    description_en: str = Field(default="", max_length=4000)
    description_zh: str = Field(default="", max_length=4000)
    specifications: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    currency: str = Field(default="USD", max_length=3)
    price_min_cents: int | None = None  # bulk price range per unit
    price_max_cents: int | None = None
    moq: int | None = None
    sample_price_cents: int | None = None  # None: samples not offered
    sample_max_qty: int = 0
    sample_lead_time_days: int | None = None
    customization: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str = Field(default=ProductStatus.DRAFT.value, max_length=16)
    deleted_at: datetime | None = utc_field()  # soft delete keeps order history intact
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()
