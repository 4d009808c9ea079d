"""In-app notifications, the email outbox, scheduled reminders and email preferences."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from realsourcing.core.columns import UTCDateTime, created_at_field, utc_field


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # will be retried at next_attempt_at
    DEAD = "dead"  # gave up; visible to admins


class ReminderStatus(StrEnum):
    DUE = "due"
    CLAIMED = "claimed"
    SENT = "sent"
    CANCELLED = "cancelled"


class Notification(SQLModel, table=True):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_at", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id")
    kind: str = Field(max_length=48)
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    link: str = Field(default="", max_length=300)
    read_at: datetime | None = utc_field()
    created_at: datetime = created_at_field()


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    notification_id: int | None = Field(default=None, foreign_key="notifications.id")
    channel: str = Field(default="email", max_length=16)
    to_address: str = Field(max_length=254)
    kind: str = Field(max_length=48)
    language: str = Field(default="en", max_length=8)
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    subject: str = Field(default="", max_length=300)
    body_text: str = Field(default="", max_length=20000)
    ics: str = Field(default="", max_length=20000)
    status: str = Field(default=OutboxStatus.PENDING.value, max_length=16)
    attempts: int = 0
    next_attempt_at: datetime = created_at_field()
    last_error: str = Field(default="", max_length=2000)
    sent_at: datetime | None = utc_field()
    created_at: datetime = created_at_field()


class Reminder(SQLModel, table=True):
    """A message due at a time (e.g. 15 min before a webinar), claimed atomically by one worker."""

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("kind", "subject_key", name="uq_reminder_subject"),
        Index("ix_reminders_due", "status", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=48)
    subject_key: str = Field(max_length=120)  # e.g. "webinar:12:user:7"
    user_id: int | None = Field(default=None, foreign_key="users.id")
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    due_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    status: str = Field(default=ReminderStatus.DUE.value, max_length=16)
    claimed_by: str = Field(default="", max_length=80)
    claimed_at: datetime | None = utc_field()
    created_at: datetime = created_at_field()


class EmailPreference(SQLModel, table=True):
    """A user's choice for one optional email category (absent row: the default, on)."""

    __tablename__ = "email_preferences"
    __table_args__ = (UniqueConstraint("user_id", "category", name="uq_email_preference"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id")
    category: str = Field(max_length=48)
    enabled: bool = True
