"""Online open days: scheduled live video sessions a factory hosts for buyers."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from realsourcing.core.columns import UTCDateTime, created_at_field, utc_field


class WebinarKind(StrEnum):
    WORKSHOP_TOUR = "workshop_tour"
    PRODUCT_LAUNCH = "product_launch"
    PROCESS = "process"
    LIVE_QA = "live_qa"


class WebinarStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    LIVE = "live"
    ENDED = "ended"
    CANCELLED = "cancelled"


class Webinar(SQLModel, table=True):
    __tablename__ = "webinars"
    __table_args__ = (
        Index("ix_webinars_status_start", "status", "starts_at"),
        Index("ix_webinars_factory_start", "factory_id", "starts_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    factory_id: int = Field(foreign_key="factories.id")
    title_en: str = Field(max_length=200)
    title_zh: str = Field(default="", max_length=200)
    kind: str = Field(default=WebinarKind.WORKSHOP_TOUR.value, max_length=32)
    description: str = Field(default="", max_length=4000)
    starts_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    duration_min: int = 60
    language: str = Field(default="en", max_length=8)
    capacity: int = 100
    cover_asset_id: int | None = Field(default=None, foreign_key="media_assets.id")
    status: str = Field(default=WebinarStatus.DRAFT.value, max_length=16)
    room_name: str = Field(default="", max_length=80)
    went_live_at: datetime | None = utc_field()
    ended_at: datetime | None = utc_field()
    cancel_reason: str = Field(default="", max_length=1000)
    created_by_id: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class WebinarProduct(SQLModel, table=True):
    """A product featured in a webinar."""

    __tablename__ = "webinar_products"

    webinar_id: int = Field(foreign_key="webinars.id", primary_key=True)
    product_id: int = Field(foreign_key="products.id", primary_key=True)
    position: int = 0


class WebinarRegistration(SQLModel, table=True):
    __tablename__ = "webinar_registrations"
    __table_args__ = (UniqueConstraint("webinar_id", "user_id", name="uq_webinar_registration"),)

    id: int | None = Field(default=None, primary_key=True)
    webinar_id: int = Field(foreign_key="webinars.id", index=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    created_at: datetime = created_at_field()
    cancelled_at: datetime | None = utc_field()


class WebinarAttendance(SQLModel, table=True):
    """One stay in a live room (participant joined → left), recorded from LiveKit webhooks."""

    __tablename__ = "webinar_attendance"
    __table_args__ = (Index("ix_webinar_attendance_webinar_user", "webinar_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    webinar_id: int = Field(foreign_key="webinars.id")
    user_id: int | None = Field(default=None, foreign_key="users.id")
    participant_sid: str = Field(default="", max_length=80)
    joined_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    left_at: datetime | None = utc_field()
