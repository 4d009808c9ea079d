"""Platform-admin views (issue 3 adds verification review, issue 7 the full overview)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func
from sqlmodel import col, select

from realsourcing.db import session_scope, utcnow
from realsourcing.models import AuthSession, Factory, FactoryDocument, LoginAttempt, ReviewStatus, Role, User
from realsourcing.services.accounts import CurrentUser
from realsourcing.services.errors import PermissionDenied


@dataclass(frozen=True)
class PlatformCounts:
    buyers: int
    factory_users: int
    factories: int
    verified_factories: int
    pending_documents: int
    active_sessions: int
    failed_logins_24h: int


def require_admin(actor: CurrentUser | None) -> CurrentUser:
    if actor is None or not actor.is_admin:
        raise PermissionDenied()
    return actor


def platform_counts(actor: CurrentUser | None) -> PlatformCounts:
    require_admin(actor)
    now = utcnow()
    with session_scope() as db:
        by_role = dict(db.exec(select(User.role, func.count()).group_by(User.role)).all())

        def count(*where) -> int:  # noqa: ANN002
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
        )
