"""1:1 video meetings: a factory's bookable hours and the meetings buyers book in them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import JSON, Column, Index, text
from sqlalchemy import Enum as SAEnum
from sqlmodel import Field, SQLModel

from realsourcing.core.columns import UTCDateTime, created_at_field, utc_field
from realsourcing.meetings.lifecycle import ACTIVE_STATUSES, MeetingEventKind, MeetingStatus

# The partial unique index's condition, spelled from the one list of active statuses.
ACTIVE_STATUS_SQL = "status IN ({})".format(", ".join(f"'{status.value}'" for status in ACTIVE_STATUSES))


class _Stored(Protocol):
    id: int | None


def stored_id(row: _Stored) -> int:
    """The primary key of a row read from, or flushed to, the database (None only before its first flush)."""
    if row.id is None:
        raise RuntimeError(f"{type(row).__name__} has no id yet: flush it first")
    return row.id


class AvailabilitySettings(SQLModel, table=True):
    __tablename__ = "availability_settings"

    id: int | None = Field(default=None, primary_key=True)
    factory_id: int = Field(foreign_key="factories.id", unique=True)
    timezone: str = Field(default="Asia/Shanghai", max_length=64)
    buffer_before_min: int = 0
    buffer_after_min: int = 0
    min_notice_hours: int = 24
    horizon_days: int = 60
    max_per_day: int = 6
    auto_confirm: bool = False
    max_pending_per_buyer: int = 3


class AvailabilityRule(SQLModel, table=True):
    """Weekly bookable hours in the factory's time zone; several ranges a weekday are allowed."""

    __tablename__ = "availability_rules"

    id: int | None = Field(default=None, primary_key=True)
    factory_id: int = Field(foreign_key="factories.id", index=True)
    weekday: int  # 0 = Monday
    start_minute: int  # minutes after local midnight
    end_minute: int


class DateOverride(SQLModel, table=True):
    """A closed day (e.g. Chinese New Year) or extra hours on one local date."""

    __tablename__ = "date_overrides"
    __table_args__ = (Index("ix_date_overrides_factory_day", "factory_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    factory_id: int = Field(foreign_key="factories.id")
    day: date
    closed: bool = True
    start_minute: int | None = None
    end_minute: int | None = None
    note: str = Field(default="", max_length=200)


class MeetingType(SQLModel, table=True):
    __tablename__ = "meeting_types"

    id: int | None = Field(default=None, primary_key=True)
    factory_id: int = Field(foreign_key="factories.id", index=True)
    name_en: str = Field(max_length=120)
    name_zh: str = Field(default="", max_length=120)
    duration_min: int = 30
    description: str = Field(default="", max_length=1000)
    is_active: bool = True


class Meeting(SQLModel, table=True):
    __tablename__ = "meetings"
    __table_args__ = (
        Index("ix_meetings_factory_start", "factory_id", "starts_at"),
        Index("ix_meetings_buyer_start", "buyer_id", "starts_at"),
        # The database refuses a second active meeting at the same start for a factory.
        Index(
            "uq_meetings_factory_active_start",
            "factory_id",
            "starts_at",
            unique=True,
            sqlite_where=text(ACTIVE_STATUS_SQL),
            postgresql_where=text(ACTIVE_STATUS_SQL),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    factory_id: int = Field(foreign_key="factories.id")
    buyer_id: int = Field(foreign_key="users.id")
    meeting_type_id: int | None = Field(default=None, foreign_key="meeting_types.id")
    starts_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    ends_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    status: str = Field(default=MeetingStatus.REQUESTED.value, max_length=16)
    agenda: str = Field(default="", max_length=2000)
    origin_webinar_id: int | None = Field(default=None, foreign_key="webinars.id")
    origin_product_id: int | None = Field(default=None, foreign_key="products.id")
    cancel_reason: str = Field(default="", max_length=1000)
    cancelled_by_id: int | None = Field(default=None, foreign_key="users.id")
    responded_at: datetime | None = utc_field()  # first factory answer, for the response-time signal
    rescheduled_from_id: int | None = Field(default=None, foreign_key="meetings.id")
    ics_uid: str = Field(default="", max_length=120)
    ics_sequence: int = 0
    room_name: str = Field(default="", max_length=80)
    created_at: datetime = created_at_field()
    updated_at: datetime = created_at_field()


class MeetingProduct(SQLModel, table=True):
    """A product the buyer wants to discuss in a meeting."""

    __tablename__ = "meeting_products"

    meeting_id: int = Field(foreign_key="meetings.id", primary_key=True)
    product_id: int = Field(foreign_key="products.id", primary_key=True)


class MeetingEvent(SQLModel, table=True):
    """History of a meeting (who, when, what happened): a typed kind and its data (see meetings.events)."""

    __tablename__ = "meeting_events"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meetings.id", index=True)
    kind: MeetingEventKind = Field(
        sa_column=Column(
            SAEnum(
                MeetingEventKind,
                native_enum=False,
                length=24,
                values_callable=lambda kinds: [kind.value for kind in kinds],
            ),
            nullable=False,
        )
    )
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    from_status: str = Field(default="", max_length=16)
    to_status: str = Field(max_length=16)
    actor_user_id: int | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_at_field()
