"""Platform-admin views (issue 3 adds verification review, issue 7 the full overview)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import AuthSession, LoginAttempt, Role, User
from realsourcing.core.errors import PermissionDenied
from realsourcing.db import session_scope, utcnow
from realsourcing.meetings.lifecycle import STANDING_STATUSES, MeetingStatus
from realsourcing.meetings.models import Meeting
from realsourcing.notifications.models import OutboxMessage
from realsourcing.orders.models import SampleOrder
from realsourcing.profile.models import Factory, FactoryDocument, ReviewStatus
from realsourcing.webinars.models import Webinar


@dataclass(frozen=True)
class PlatformCounts:
    buyers: int
    factory_users: int
    factories: int
    verified_factories: int
    pending_documents: int
    active_sessions: int
    failed_logins_24h: int
    oldest_pending_document_days: int
    webinars_this_week: int
    meetings_booked: int
    sample_orders: int
    failed_emails: int
    gmv_cents: dict[str, int]  # paid, not refunded sample orders, per currency (ISO code → minor units)


def require_admin(actor: CurrentUser) -> CurrentUser:
    if not actor.is_admin:
        raise PermissionDenied()
    return actor


def platform_counts(actor: CurrentUser) -> PlatformCounts:
    require_admin(actor)
    now = utcnow()
    with session_scope() as db:
        by_role = dict(db.exec(select(User.role, func.count()).group_by(User.role)).all())

        def count(*where: Any) -> int:
            return db.exec(select(func.count()).where(*where)).one()

        return PlatformCounts(
            buyers=by_role.get(Role.BUYER.value, 0),
            factory_users=by_role.get(Role.FACTORY.value, 0),
            factories=db.exec(select(func.count()).select_from(Factory)).one(),
            verified_factories=count(col(Factory.is_verified).is_(True)),
            pending_documents=count(FactoryDocument.status == ReviewStatus.PENDING.value),
            active_sessions=count(col(AuthSession.revoked_at).is_(None), AuthSession.expires_at > now),
            failed_logins_24h=count(
                col(LoginAttempt.succeeded).is_(False), LoginAttempt.created_at > now - timedelta(hours=24)
            ),
            oldest_pending_document_days=(now - oldest).days
            if (
                oldest := db.exec(
                    select(func.min(FactoryDocument.created_at)).where(
                        FactoryDocument.status == ReviewStatus.PENDING.value
                    )
                ).one()
            )
            else 0,
            webinars_this_week=count(
                Webinar.starts_at >= now - timedelta(days=now.weekday()),
                Webinar.starts_at < now + timedelta(days=7 - now.weekday()),
                col(Webinar.status) != "cancelled",
            ),
            meetings_booked=count(col(Meeting.status).in_([*STANDING_STATUSES, MeetingStatus.COMPLETED])),
            sample_orders=db.exec(select(func.count()).select_from(SampleOrder)).one(),
            failed_emails=count(col(OutboxMessage.status).in_(["failed", "dead"])),
            gmv_cents={
                currency: int(total)
                for currency, total in db.exec(
                    select(SampleOrder.currency, func.sum(SampleOrder.total_cents))
                    .where(col(SampleOrder.paid_at).is_not(None), SampleOrder.status != "refunded")
                    .group_by(SampleOrder.currency)
                    .order_by(col(SampleOrder.currency))
                ).all()
            },
        )
