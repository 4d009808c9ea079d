"""Who belongs to a factory: the one place that asks the factory_members table.

Every service that lets a factory's people do something (edit the profile, confirm a meeting, ship an
order, host a webinar, read a private document) asks here, so the rule "members of the factory, and
nobody else" has one spelling. Owners may do everything; staff everything but the bank details and the
team (`require_owner`). Both read the membership from the database on every call, never from the
session: a removed member, or an owner made staff, loses that access at their very next request.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import User
from realsourcing.core.errors import PermissionDenied
from realsourcing.db import id_of
from realsourcing.profile.models import Factory, FactoryMember, MemberRole


class OwnerOnly(PermissionDenied):
    """A member who is not the factory's owner asked for something only the owner may do."""

    def __init__(self) -> None:
        super().__init__("err.owner_only")


def is_member(db: Session, factory_id: int | None, user_id: int | None) -> bool:
    """True when the user is a member (owner or staff) of the factory."""
    if factory_id is None or user_id is None:
        return False
    found = db.exec(
        select(FactoryMember.id).where(FactoryMember.factory_id == factory_id, FactoryMember.user_id == user_id)
    ).first()
    return found is not None


def members(db: Session, factory_id: int) -> list[User]:
    """The factory's people, owner first (who gets told about its meetings, orders and documents)."""
    return [user for user, _role in team(db, factory_id)]


def team(db: Session, factory_id: int) -> list[tuple[User, str]]:
    """The factory's people with their role (owner or staff), owner first."""
    rows = db.exec(
        select(User, FactoryMember.role)
        .join(FactoryMember, col(FactoryMember.user_id) == User.id)
        .where(FactoryMember.factory_id == factory_id)
        .order_by(col(FactoryMember.id))
    ).all()
    return [(user, role) for user, role in rows]


def member_ids(db: Session, factory_id: int) -> list[int]:
    return [id_of(user) for user in members(db, factory_id)]


def membership_of(db: Session, user_id: int) -> FactoryMember | None:
    """The user's (first) factory membership, or None for buyers and admins: which factory they act for."""
    return db.exec(
        select(FactoryMember).where(FactoryMember.user_id == user_id).order_by(col(FactoryMember.id))
    ).first()


def require_member(db: Session, actor: CurrentUser) -> Factory:
    """The actor's own factory; PermissionDenied for anyone who is not a member of it."""
    if actor.factory_id is None or not is_member(db, actor.factory_id, actor.id):
        raise PermissionDenied()
    factory = db.get(Factory, actor.factory_id)
    if factory is None:
        raise PermissionDenied()
    return factory


def role_of(db: Session, factory_id: int | None, user_id: int | None) -> str | None:
    """The user's role (owner or staff) in the factory, or None when they are not a member."""
    if factory_id is None or user_id is None:
        return None
    return db.exec(
        select(FactoryMember.role).where(FactoryMember.factory_id == factory_id, FactoryMember.user_id == user_id)
    ).first()


def require_owner(db: Session, actor: CurrentUser) -> Factory:
    """The actor's own factory when they are its owner; OwnerOnly for its staff, PermissionDenied for others."""
    factory = require_member(db, actor)
    if not is_owner(db, factory.id, actor.id):
        raise OwnerOnly()
    return factory


def is_owner(db: Session, factory_id: int | None, user_id: int) -> bool:
    """True when the user is the factory's owner (not staff)."""
    role = db.exec(
        select(FactoryMember.role).where(FactoryMember.factory_id == factory_id, FactoryMember.user_id == user_id)
    ).first()
    return role == MemberRole.OWNER.value
