"""Forgotten passwords, and a first password for an account that signs in through OIDC only.

Rules:
- "Forgot your password?" takes an email address and answers the same whatever it is: no error, no
  "unknown address", so the form tells nobody which addresses have accounts. Only an active account
  gets an email, with a one-time link (one_time_links, purpose PASSWORD_RESET) that works for
  RESET_LINK_TTL (1 hour).
- Requests are throttled like sign-up requests: per IP (SIGNUP_MAX_PER_IP in SIGNUP_WINDOW_MINUTES;
  past it the form asks to wait, whatever the address), and per address silently (at most
  MAX_EMAILS_PER_ADDRESS emails per window, so nobody floods a mailbox through us).
- Opening the link shows a form; the link is used only when a new password is accepted there. The new
  password follows the sign-up rules and is typed twice; a refused password does not spend the link.
- The link works only for the account it was sent to, while that account still has the address it was
  sent to and is active.
- Setting the password ends every session of the account (whoever knew the old password, or held a
  browser, is out) and every email change still waiting for its link, signs this browser in with a
  fresh session, and emails the owner that it changed.
- A signed-in account without a password (OIDC only) sets its first one through the same link, sent to
  its own address; that proves the mailbox again instead of a current password it does not have.
- argon2 runs on the bounded CPU pool; the database work in threads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import col, select
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts import one_time_links
from realsourcing.accounts.email_address import normalize_email
from realsourcing.accounts.email_sign_in import (
    MAX_EMAILS_PER_ADDRESS,
    LinkRefused,
    _window_start,
    admit_link_request,
    count_requests,
    queue_email,
)
from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import AuthSession, LinkPurpose, LoginAttempt, User
from realsourcing.accounts.passwords import hash_password, password_problem
from realsourcing.accounts.service import _load_current_user, create_session
from realsourcing.config import get_settings
from realsourcing.core.errors import PermissionDenied, ValidationFailed
from realsourcing.core.offload import run_cpu
from realsourcing.db import get_existing, id_of, session_scope, utcnow

RESET_LINK_TTL = timedelta(hours=1)
FORGOT_PATH = "/password/forgot"


def forgot_url() -> str:
    """Where an email sends someone who did not change their password themselves."""
    return f"{get_settings().app_url}{FORGOT_PATH}"


def new_password_problems(new: str, confirm: str, email: str, *, field: str = "new_password") -> dict[str, str]:
    """Field → message key for a new password typed twice (the sign-up rules); empty when acceptable."""
    if not new:
        return {field: "err.password_required"}
    if problem := password_problem(new, email):
        return {field: problem}
    if new != confirm:
        return {"confirm_password": "err.password_mismatch"}
    return {}


def _send_link(db, user: User, kind: str, ip: str, now: datetime) -> None:
    token = one_time_links.issue(
        db, LinkPurpose.PASSWORD_RESET, user.email, now=now, user_id=id_of(user), ip=ip, ttl=RESET_LINK_TTL
    )
    values = {"link": one_time_links.link_url(token), "name": user.full_name}
    queue_email(db, user.email, user.language, kind, values, id_of(user))


def request_password_reset(email: str, ip: str, now: datetime | None = None) -> None:
    """The forgot-password form: email a reset link to the active account with this address, if any.

    Returns None whatever the address. Raises ValidationFailed only when it is not an email address,
    TooManyAttempts when this IP asked too often (both say nothing about accounts).
    """
    email = normalize_email(email)
    now = now or utcnow()
    admit_link_request(LinkPurpose.PASSWORD_RESET, email, ip, now)
    with session_scope() as db:
        # This request is already counted, hence ">".
        sent = count_requests(db, LinkPurpose.PASSWORD_RESET.value, _window_start(now), email=email)
        if sent > MAX_EMAILS_PER_ADDRESS:
            return
        user = db.exec(select(User).where(User.email == email)).first()
        if user is None or not user.is_active:
            return
        _send_link(db, user, "password_reset_link", ip, now)


def request_first_password(actor: CurrentUser, ip: str = "", now: datetime | None = None) -> None:
    """An account without a password asks to set one: a link to its own address (throttled like resets).

    PermissionDenied when the account already has a password (it changes it with the current one).
    """
    now = now or utcnow()
    with session_scope() as db:
        user = get_existing(db, User, actor.id)
        if user.password_hash:
            raise PermissionDenied()
        email = user.email
    admit_link_request(LinkPurpose.PASSWORD_RESET, email, ip, now)
    with session_scope() as db:
        if (
            count_requests(db, LinkPurpose.PASSWORD_RESET.value, _window_start(now), email=email)
            > MAX_EMAILS_PER_ADDRESS
        ):
            return
        user = get_existing(db, User, actor.id)
        _send_link(db, user, "password_set_link", ip, now)


@dataclass(frozen=True)
class _Reset:
    user_id: int
    had_password: bool


def _apply_reset(token: str, password_hash: str, ip: str, now: datetime) -> _Reset:
    with session_scope() as db:
        link = one_time_links.claim(db, token, LinkPurpose.PASSWORD_RESET, now)
        user = get_existing(db, User, link.user_id) if link and link.user_id is not None else None
        if link is None or user is None or not user.is_active or user.email != link.email:
            raise LinkRefused()
        had_password = bool(user.password_hash)
        one_time_links.withdraw(db, id_of(user), LinkPurpose.EMAIL_CHANGE)  # asked by whoever had the old one
        user.password_hash = password_hash
        db.add(user)
        db.exec(
            update(AuthSession)
            .where(col(AuthSession.user_id) == link.user_id, col(AuthSession.revoked_at).is_(None))
            .values(revoked_at=now)
        )
        # A success: whatever failures locked password sign-in for the account no longer count.
        db.add(LoginAttempt(email=user.email, ip=ip[:64], succeeded=True, created_at=now))
        values = {"name": user.full_name, "reset_link": forgot_url()}
        queue_email(db, user.email, user.language, "password_changed", values, id_of(user))
        return _Reset(id_of(user), had_password)


async def reset_password(
    token: str, new: str, confirm: str, ip: str = "", user_agent: str = "", now: datetime | None = None
) -> tuple[CurrentUser, str]:
    """Set the password a reset link was sent for; every session ends, this browser gets a new one.

    Returns the user and the new session's token. Raises LinkRefused (unknown, used, expired, or the
    account changed) or ValidationFailed (new_password / confirm_password) without spending the link.
    """
    now = now or utcnow()
    found = await run_in_threadpool(one_time_links.preview, token, now)
    if found is None or found.purpose != LinkPurpose.PASSWORD_RESET.value:
        raise LinkRefused()
    if errors := new_password_problems(new, confirm, found.email):
        raise ValidationFailed(errors)
    password_hash = await run_cpu(hash_password, new)
    done = await run_in_threadpool(_apply_reset, token, password_hash, ip, now)
    session_token = await run_in_threadpool(create_session, done.user_id, ip=ip, user_agent=user_agent, method="link")
    return await run_in_threadpool(_load_current_user, done.user_id), session_token
