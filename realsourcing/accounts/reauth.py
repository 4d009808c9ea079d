"""Proving it is still you before a sensitive change (the factory's bank details): the password again.

Rules:
- An account with a password types it again; it is checked with argon2 off the event loop
  (`core/offload.run_cpu`), counted like a sign-in attempt, and throttled with the same lockout, so the
  prompt is no way to guess a password faster than the login page.
- An account without a password (it signs in through OIDC or emailed links only) has nothing to type: its
  session must have started within FRESH_SIGN_IN_MINUTES (a sign-in just now, at the provider or by link).
  Otherwise it is asked to sign in again first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from starlette.concurrency import run_in_threadpool

from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import AuthSession, LoginAttempt, User
from realsourcing.accounts.passwords import verify_password
from realsourcing.accounts.service import _throttle_check  # one lockout for sign-in and this prompt
from realsourcing.core.errors import PermissionDenied, ValidationFailed
from realsourcing.core.offload import run_cpu
from realsourcing.db import session_scope, utcnow

FRESH_SIGN_IN_MINUTES = 10


@dataclass(frozen=True)
class _Check:
    email: str
    password_hash: str | None
    session_started: datetime | None


def has_password(actor: CurrentUser) -> bool:
    """Whether the actor confirms with a password (else: with a fresh sign-in)."""
    with session_scope() as db:
        user = db.get(User, actor.id)
        return bool(user and user.password_hash)


def _start(actor: CurrentUser, ip: str, now: datetime) -> _Check:
    with session_scope() as db:
        user = db.get(User, actor.id)
        if user is None or not user.is_active:
            raise PermissionDenied()
        session = db.get(AuthSession, actor.session_id) if actor.session_id is not None else None
        started = session.created_at if session is not None and session.user_id == actor.id else None
        if user.password_hash:
            _throttle_check(db, user.email, ip, now)
        return _Check(user.email, user.password_hash, started)


def _record(email: str, ip: str, ok: bool, now: datetime) -> None:
    with session_scope() as db:
        db.add(LoginAttempt(email=email, ip=ip, succeeded=ok, created_at=now))


def fresh_enough(session_started: datetime | None, now: datetime) -> bool:
    return session_started is not None and now - session_started <= timedelta(minutes=FRESH_SIGN_IN_MINUTES)


async def confirm_identity(actor: CurrentUser, password: str, ip: str) -> None:
    """Return when the actor proved it is them; ValidationFailed at the "password" field otherwise
    (TooManyAttempts while locked out)."""
    now = utcnow()
    check = await run_in_threadpool(_start, actor, ip, now)
    if not check.password_hash:
        if not fresh_enough(check.session_started, now):
            raise ValidationFailed({"password": "err.reauth_sign_in_again"})
        return
    if not password:
        raise ValidationFailed({"password": "err.password_required"})
    ok = await run_cpu(verify_password, password, check.password_hash)
    await run_in_threadpool(_record, check.email, ip, ok, now)
    if not ok:
        raise ValidationFailed({"password": "err.reauth_wrong_password"})
