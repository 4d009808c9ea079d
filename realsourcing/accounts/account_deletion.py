"""Deleting one's own account: the personal data goes, the records others rely on stay.

Rules:
- Only the signed-in owner deletes their account, confirming with their password (an account without
  one, OIDC only, is already signed in through its provider) and by typing a confirmation word
  (CONFIRM_WORDS: "DELETE" or "删除", whichever language the person reads).
- Deletion is immediate, not after a grace period: the person confirmed twice, and a half-deleted
  account that can still sign in for 14 days would keep every personal field we promised to remove
  (README: "Deleting an account").
- The only owner of a factory cannot delete their account: the factory, its orders and its meetings
  need someone who answers for them. They are told why; another owner must be added first.
- Removed: name, company, email (replaced by the tombstone deleted-<id>@invalid, which no mailbox
  has and no sign-up can take), password, saved shipping addresses (with their phones), OIDC identities,
  factory memberships (and the factory contact details when they were the person's), follows, email
  preferences, notifications, emails queued or sent to them, one-time links, sign-in attempts; every
  session ends and the account can no longer sign in.
- Kept: orders (with their buyer name and address snapshot, as the law of orders requires), meetings,
  messages' records and webinar registrations, pointing at the anonymous account.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import AuthSession, LinkRequest, LoginAttempt, OidcIdentity, OneTimeLink, User
from realsourcing.accounts.passwords import verify_password
from realsourcing.accounts.service import _throttle_check
from realsourcing.core.errors import DomainError, ValidationFailed
from realsourcing.core.offload import run_cpu
from realsourcing.db import get_existing, session_scope, utcnow
from realsourcing.notifications.models import EmailPreference, Notification, OutboxMessage
from realsourcing.orders.models import ShippingAddress
from realsourcing.profile.models import Factory, FactoryMember, Follow, MemberRole

CONFIRM_WORDS = ("DELETE", "删除")
DELETED_NAME = "Deleted user"


def tombstone_email(user_id: int) -> str:
    return f"deleted-{user_id}@invalid"


def confirm_word_ok(typed: str) -> bool:
    return (typed or "").strip().upper() in CONFIRM_WORDS


def sole_owned_factory(db: Session, user_id: int) -> str | None:
    """The name of a factory this user is the only owner of (which blocks deletion), or None (one statement)."""
    others = aliased(FactoryMember)
    owners = (
        select(func.count())
        .where(others.factory_id == FactoryMember.factory_id, others.role == MemberRole.OWNER.value)
        .scalar_subquery()
    )
    return db.exec(
        select(Factory.display_name_en)
        .join(FactoryMember, col(FactoryMember.factory_id) == Factory.id)
        .where(FactoryMember.user_id == user_id, FactoryMember.role == MemberRole.OWNER.value, owners <= 1)
        .limit(1)
    ).first()


def deletion_blocker(actor: CurrentUser) -> str | None:
    """Why this account cannot be deleted now (the factory it alone owns), or None."""
    if actor.factory_id is None:
        return None  # a member of no factory (the page load resolved its membership already)
    with session_scope() as db:
        return sole_owned_factory(db, actor.id)


class SoleOwner(DomainError):
    def __init__(self, factory: str) -> None:
        super().__init__("err.sole_owner", factory=factory)


def _prepare(actor: CurrentUser, ip: str, now: datetime) -> tuple[str, str | None]:
    with session_scope() as db:
        user = get_existing(db, User, actor.id)
        if user.password_hash:
            _throttle_check(db, user.email, ip, now)
        return user.email, user.password_hash


def _erase(actor: CurrentUser, now: datetime) -> None:
    with session_scope() as db:
        user = get_existing(db, User, actor.id)
        if blocked := sole_owned_factory(db, actor.id):
            raise SoleOwner(blocked)
        old_email = user.email
        uid = actor.id
        db.exec(
            update(AuthSession)
            .where(col(AuthSession.user_id) == uid, col(AuthSession.revoked_at).is_(None))
            .values(revoked_at=now)
        )
        db.exec(delete(OidcIdentity).where(col(OidcIdentity.user_id) == uid))
        db.exec(delete(OneTimeLink).where(or_(col(OneTimeLink.user_id) == uid, col(OneTimeLink.email) == old_email)))
        db.exec(delete(LinkRequest).where(col(LinkRequest.email) == old_email))
        db.exec(delete(LoginAttempt).where(col(LoginAttempt.email) == old_email))
        db.exec(delete(ShippingAddress).where(col(ShippingAddress.user_id) == uid))
        db.exec(delete(Follow).where(col(Follow.buyer_id) == uid))
        db.exec(delete(EmailPreference).where(col(EmailPreference.user_id) == uid))
        db.exec(
            delete(OutboxMessage).where(
                or_(col(OutboxMessage.user_id) == uid, col(OutboxMessage.to_address) == old_email)
            )
        )
        db.exec(delete(Notification).where(col(Notification.user_id) == uid))
        for factory in db.exec(
            select(Factory)
            .join(FactoryMember, col(FactoryMember.factory_id) == Factory.id)
            .where(FactoryMember.user_id == uid)
        ).all():
            if factory.contact_email == old_email:
                factory.contact_name = factory.contact_email = factory.contact_phone = ""
                db.add(factory)
        db.exec(delete(FactoryMember).where(col(FactoryMember.user_id) == uid))
        user.email = tombstone_email(uid)
        user.full_name = DELETED_NAME
        user.company_name = ""
        user.password_hash = None
        user.is_active = False
        db.add(user)


async def delete_account(actor: CurrentUser, password: str, typed_word: str, ip: str = "") -> None:
    """Delete the actor's account now (see the rules above).

    Raises ValidationFailed on delete_password / confirm_word, SoleOwner, TooManyAttempts.
    """
    now = utcnow()
    errors: dict[str, str] = {}
    if not confirm_word_ok(typed_word):
        errors["confirm_word"] = "err.confirm_word"
    email, password_hash = await run_in_threadpool(_prepare, actor, ip, now)
    if password_hash and not password:
        errors["delete_password"] = "err.password_required"
    if errors:
        raise ValidationFailed(errors)
    if password_hash and not await run_cpu(verify_password, password, password_hash):
        await run_in_threadpool(_record_failure, email, ip, now)
        raise ValidationFailed({"delete_password": "err.current_password_wrong"})
    await run_in_threadpool(_erase, actor, now)


def _record_failure(email: str, ip: str, now: datetime) -> None:
    with session_scope() as db:
        db.add(LoginAttempt(email=email, ip=ip[:64], succeeded=False, created_at=now))
