"""Changing an account's password and its email address, from the account page.

Rules:
- Changing the password asks for the current one. A wrong current password counts as a failed sign-in
  for the account's throttle (service._throttle_check), so a borrowed, signed-in browser cannot guess it.
- The new password follows the sign-up rules, differs from the current one and is typed twice.
- On success every other session of the account ends (this browser stays signed in), so does every
  email change still waiting for its link, and the address is told, with a way to reset the password
  if it was not the owner.
- An account without a password (OIDC only) sets its first one through a link emailed to its own
  address (password_reset.request_first_password), and changes its email once it has a password.
- Changing the email asks for a new address and the current password. A one-time link goes to the NEW
  address (purpose EMAIL_CHANGE, 15 minutes); until it is confirmed the account keeps its old address,
  which is told at once. Requests are limited per account (MAX_EMAILS_PER_ADDRESS per window).
- An address another account uses is refused at the field. That tells a signed-in person who knows
  their own password that an address has an account; the public forms (sign-up, forgot password, sign-in
  link) never tell. The per-account limit keeps this slow (README: "What the account forms reveal").
- Confirming the link moves the account to the new address, if the account still has the address the
  link was asked from and nobody took the new one meanwhile; the old address is told again. The click
  proved the new mailbox, so the account's email stays verified.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts import one_time_links
from realsourcing.accounts.email_address import normalize_email
from realsourcing.accounts.email_sign_in import (
    MAX_EMAILS_PER_ADDRESS,
    LinkRefused,
    _window_start,
    count_requests,
    queue_email,
)
from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import AuthSession, LinkPurpose, LinkRequest, LoginAttempt, User
from realsourcing.accounts.password_reset import forgot_url, new_password_problems
from realsourcing.accounts.passwords import hash_password, verify_password
from realsourcing.accounts.service import _throttle_check
from realsourcing.config import get_settings
from realsourcing.core.errors import DomainError, TooManyAttempts, ValidationFailed
from realsourcing.core.offload import run_cpu
from realsourcing.db import get_existing, id_of, session_scope, utcnow


@dataclass(frozen=True)
class _Current:
    email: str
    password_hash: str | None


def _current_password_of(actor: CurrentUser, ip: str, now: datetime) -> _Current:
    """The account's address and hash, after asking the sign-in throttle (TooManyAttempts)."""
    with session_scope() as db:
        user = get_existing(db, User, actor.id)
        _throttle_check(db, user.email, ip, now)
        return _Current(user.email, user.password_hash)


def _record_wrong_password(email: str, ip: str, now: datetime) -> None:
    with session_scope() as db:
        db.add(LoginAttempt(email=email, ip=ip[:64], succeeded=False, created_at=now))


async def _check_current_password(actor: CurrentUser, password: str, field: str, ip: str, now: datetime) -> _Current:
    current = await run_in_threadpool(_current_password_of, actor, ip, now)
    if not current.password_hash:
        raise ValidationFailed({field: "err.no_password_yet"})
    if not password:
        raise ValidationFailed({field: "err.password_required"})
    if not await run_cpu(verify_password, password, current.password_hash):
        await run_in_threadpool(_record_wrong_password, current.email, ip, now)
        raise ValidationFailed({field: "err.current_password_wrong"})
    return current


# ---------------------------------------------------------------- password


def _store_new_password(actor: CurrentUser, old_hash: str, new_hash: str, now: datetime) -> int:
    with session_scope() as db:
        user = get_existing(db, User, actor.id)
        if user.password_hash != old_hash:  # changed by another browser in the meantime
            raise DomainError("err.account_changed")
        user.password_hash = new_hash
        db.add(user)
        one_time_links.withdraw(db, actor.id, LinkPurpose.EMAIL_CHANGE)
        others = update(AuthSession).where(col(AuthSession.user_id) == actor.id, col(AuthSession.revoked_at).is_(None))
        if actor.session_id is not None:
            others = others.where(col(AuthSession.id) != actor.session_id)
        ended = db.exec(others.values(revoked_at=now)).rowcount or 0
        values = {"name": user.full_name, "reset_link": forgot_url()}
        queue_email(db, user.email, user.language, "password_changed", values, id_of(user))
        return ended


async def change_password(actor: CurrentUser, current: str, new: str, confirm: str, ip: str = "") -> int:
    """Replace the password; every other session ends. Returns how many sessions ended.

    Raises ValidationFailed on current_password / new_password / confirm_password, TooManyAttempts
    when the account's sign-in throttle is spent.
    """
    now = utcnow()
    if errors := new_password_problems(new, confirm, actor.email):
        if not current:
            errors["current_password"] = "err.password_required"
        raise ValidationFailed(errors)
    checked = await _check_current_password(actor, current, "current_password", ip, now)
    if new == current:
        raise ValidationFailed({"new_password": "err.password_reused"})
    new_hash = await run_cpu(hash_password, new)
    return await run_in_threadpool(_store_new_password, actor, str(checked.password_hash), new_hash, now)


# ---------------------------------------------------------------- email address


def _send_email_change(actor: CurrentUser, new_email: str, ip: str, now: datetime) -> None:
    with session_scope() as db:
        user = get_existing(db, User, actor.id)
        kind = LinkPurpose.EMAIL_CHANGE.value
        if count_requests(db, kind, _window_start(now), email=user.email) >= MAX_EMAILS_PER_ADDRESS:
            raise TooManyAttempts(get_settings().signup_window_minutes)
        if db.exec(select(User.id).where(User.email == new_email)).first() is not None:
            raise ValidationFailed({"new_email": "err.email_in_use"})
        db.add(LinkRequest(kind=kind, email=user.email, ip=ip[:64], created_at=now))
        token = one_time_links.issue(
            db,
            LinkPurpose.EMAIL_CHANGE,
            new_email,
            now=now,
            user_id=id_of(user),
            payload={"old_email": user.email},
            ip=ip,
        )
        values = {"link": one_time_links.link_url(token), "name": user.full_name}
        queue_email(db, new_email, user.language, "email_change_confirm", values, id_of(user))
        notice = {"name": user.full_name, "new_email": new_email, "reset_link": forgot_url()}
        queue_email(db, user.email, user.language, "email_change_requested", notice, id_of(user))


async def request_email_change(actor: CurrentUser, new_email: str, password: str, ip: str = "") -> str:
    """Send a confirmation link to `new_email`; the account keeps its address until it is used.

    Returns the normalised new address. Raises ValidationFailed on new_email / email_password,
    TooManyAttempts (sign-in throttle, or too many requests from this account).
    """
    now = utcnow()
    try:
        normalized = normalize_email(new_email)
    except ValidationFailed as exc:
        raise ValidationFailed({"new_email": exc.field_errors["email"]}) from None
    if normalized == actor.email:
        raise ValidationFailed({"new_email": "err.email_same"})
    await _check_current_password(actor, password, "email_password", ip, now)
    await run_in_threadpool(_send_email_change, actor, normalized, ip, now)
    return normalized


def confirm_email_change(token: str | None, now: datetime | None = None) -> str:
    """The link sent to the new address was confirmed: the account uses it from now on. Returns it.

    Raises LinkRefused (unknown, used, expired, the account changed its address or was closed meanwhile)
    or DomainError("err.email_taken_meanwhile").
    """
    now = now or utcnow()
    with session_scope() as db:
        link = one_time_links.claim(db, token, LinkPurpose.EMAIL_CHANGE, now)
        user = get_existing(db, User, link.user_id) if link and link.user_id is not None else None
        if link is None or user is None or not user.is_active or user.email != link.payload.get("old_email"):
            raise LinkRefused()
        if db.exec(select(User.id).where(User.email == link.email, col(User.id) != user.id)).first() is not None:
            raise DomainError("err.email_taken_meanwhile")
        old_email, user.email = user.email, link.email
        db.add(user)
        notice = {"name": user.full_name, "new_email": link.email}
        queue_email(db, old_email, user.language, "email_changed", notice, id_of(user))
        return link.email
