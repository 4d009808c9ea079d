"""The factory team's rules, as pure functions (no I/O): profile/team.py applies them.

- A factory always keeps at least one owner: the last owner can be neither removed nor made staff.
- A person belongs to one factory at most. An invitation is accepted by a new account, or by a
  factory account that belongs to no factory now; a buyer's or an admin's account cannot join (its
  orders and meetings are a buyer's), and a member of another factory must leave it first.
- An invitation is usable while it is pending and before it expires; it is shown as expired after.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from realsourcing.accounts.models import Role
from realsourcing.profile.models import InviteStatus, MemberRole

ROLES = (MemberRole.OWNER.value, MemberRole.STAFF.value)
EXPIRED = "expired"  # how a pending invitation past its expiry is shown (never stored)


def owners_left(roles: Iterable[tuple[int, str]], user_id: int, new_role: str | None) -> int:
    """How many owners the team has once `user_id` gets `new_role` (None: removed)."""
    after = [new_role if member_id == user_id else role for member_id, role in roles]
    return after.count(MemberRole.OWNER.value)


def last_owner_refusal(roles: Iterable[tuple[int, str]], user_id: int, new_role: str | None) -> str | None:
    """The message key refusing a removal (new_role None) or role change that leaves no owner; else None."""
    return "err.team_last_owner" if owners_left(list(roles), user_id, new_role) == 0 else None


def join_refusal(account_role: str | None, current_factory_id: int | None, factory_id: int) -> str | None:
    """Why this account cannot join `factory_id` (a message key), or None when it can.

    `account_role` is None for an address without an account (it is created as a factory account).
    """
    if current_factory_id == factory_id:
        return "err.team_already_yours"
    if current_factory_id is not None:
        return "err.team_other_factory"
    if account_role in (Role.BUYER.value, Role.ADMIN.value):
        return "err.team_buyer_account"
    return None


def invite_state(status: str, expires_at: datetime, now: datetime) -> str:
    """What an invitation is now: pending, expired, accepted, revoked or replaced."""
    if status == InviteStatus.PENDING.value and expires_at <= now:
        return EXPIRED
    return status
