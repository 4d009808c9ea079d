"""Sign-up and sign-in through a one-time link emailed to the address.

Rules:
- The sign-up form answers the same for a new and for a known email ("check your email"), so it
  tells nobody which addresses have accounts. A new address gets a link that creates the account
  when confirmed (which proves the mailbox is the person's); a known address gets an email saying
  it already has an account, with the log-in page and a one-time sign-in link.
- Sign-up requests are throttled per IP (SIGNUP_MAX_PER_IP in SIGNUP_WINDOW_MINUTES): past it the
  form asks the visitor to wait. One address gets at most MAX_EMAILS_PER_ADDRESS such emails per
  window, silently, so nobody can flood a mailbox through us.
- "Email me a sign-in link" works even when password sign-in is throttled for the account or the IP
  (repeated failures must not lock the owner out); its answer does not say whether the address has an
  account, and only an active account gets a link.
- Following a link and confirming uses it (one_time_links.claim) and signs that browser in; a
  sign-up link for an address that got an account meanwhile signs into that account.
- The password from the sign-up form is hashed (argon2, on the bounded CPU pool) before anything is
  stored; the pending sign-up keeps only that hash.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts import one_time_links
from realsourcing.accounts.email_address import normalize_email
from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import LinkPurpose, LinkRequest, LoginAttempt, User
from realsourcing.accounts.passwords import hash_password
from realsourcing.accounts.service import (
    SignUpForm,
    _load_current_user,
    create_account,
    create_session,
    validate_sign_up,
)
from realsourcing.config import get_settings
from realsourcing.core import i18n
from realsourcing.core.errors import DomainError, TooManyAttempts
from realsourcing.core.offload import run_cpu
from realsourcing.db import get_existing, id_of, session_scope, utcnow
from realsourcing.notifications.models import OutboxMessage
from realsourcing.notifications.service import render

MAX_EMAILS_PER_ADDRESS = 5  # per SIGNUP_WINDOW_MINUTES and kind; more requests are answered but send nothing
REQUEST_RETENTION = timedelta(days=1)


class LinkRefused(DomainError):
    """The link cannot be used (unknown, used, expired, another purpose, or the account is disabled)."""

    def __init__(self) -> None:
        super().__init__("err.link_invalid")


def _window_start(now: datetime) -> datetime:
    return now - timedelta(minutes=get_settings().signup_window_minutes)


def count_requests(db: Session, kind: str, since: datetime, *, ip: str | None = None, email: str | None = None) -> int:
    query = select(func.count()).where(LinkRequest.kind == kind, LinkRequest.created_at > since)
    if ip is not None:
        query = query.where(LinkRequest.ip == ip)
    if email is not None:
        query = query.where(LinkRequest.email == email)
    return db.exec(query).one()


def admit_link_request(kind: LinkPurpose, email: str, ip: str, now: datetime) -> None:
    """Count this request (sign-up form, password reset) against the IP's allowance of its kind;
    TooManyAttempts when it is spent. The same for every address, so it tells nothing about accounts."""
    settings = get_settings()
    since = _window_start(now)
    with session_scope() as db:
        db.exec(delete(LinkRequest).where(col(LinkRequest.created_at) < now - REQUEST_RETENTION))
        earlier = db.exec(
            select(LinkRequest.created_at)
            .where(LinkRequest.kind == kind.value, LinkRequest.ip == ip, LinkRequest.created_at > since)
            .order_by(col(LinkRequest.created_at))
        ).all()
        if len(earlier) >= settings.signup_max_per_ip:
            # Allowed again when the oldest request that still counts leaves the window.
            free_at = earlier[len(earlier) - settings.signup_max_per_ip] + timedelta(
                minutes=settings.signup_window_minutes
            )
            raise TooManyAttempts(max(1, int((free_at - now).total_seconds() // 60) + 1))
        db.add(LinkRequest(kind=kind.value, email=email, ip=ip[:64], created_at=now))


def queue_email(db: Session, to: str, language: str, kind: str, values: dict, user_id: int | None = None) -> None:
    """An email in the outbox (delivered by the outbox worker). No in-app notification: the
    recipient may have no account yet, and the link must not sit in anybody's notification list."""
    subject, body = render(kind, language, values)
    db.add(
        OutboxMessage(
            user_id=user_id,
            to_address=to,
            kind=kind,
            language=language,
            payload={},  # the body holds the link; the payload is shown in places the link must not be
            subject=subject[:300],
            body_text=body,
        )
    )


def _send_sign_up_email(form: SignUpForm, password_hash: str, ip: str, now: datetime) -> None:
    with session_scope() as db:
        if count_requests(db, LinkPurpose.SIGNUP.value, _window_start(now), email=form.email) > MAX_EMAILS_PER_ADDRESS:
            return
        existing = db.exec(select(User).where(User.email == form.email)).first()
        login_url = f"{get_settings().app_url}/login"
        if existing is not None:
            if not existing.is_active:
                return  # a disabled account gets no way in; the answer on screen is the same
            token = one_time_links.issue(
                db, LinkPurpose.SIGN_IN, existing.email, now=now, user_id=id_of(existing), ip=ip
            )
            values = {"link": one_time_links.link_url(token), "login_link": login_url, "name": existing.full_name}
            queue_email(db, existing.email, existing.language, "signup_existing_account", values, id_of(existing))
            return
        pending = {**asdict(form), "password": "", "password_hash": password_hash}
        token = one_time_links.issue(db, LinkPurpose.SIGNUP, form.email, now=now, payload=pending, ip=ip)
        values = {"link": one_time_links.link_url(token), "name": form.full_name}
        queue_email(db, form.email, form.language, "signup_confirm", values)


async def request_sign_up(form: SignUpForm, ip: str, now: datetime | None = None) -> None:
    """Take the sign-up form: validate it, count it against the IP, email the address.

    Answers the same (returns None) whether or not the address has an account. Raises
    ValidationFailed (bad fields) or TooManyAttempts (this IP sent too many sign-ups).
    """
    form = validate_sign_up(form)
    now = now or utcnow()
    await run_in_threadpool(admit_link_request, LinkPurpose.SIGNUP, form.email, ip, now)
    # Hashed for known addresses too: both answers take the same time.
    password_hash = await run_cpu(hash_password, form.password)
    await run_in_threadpool(_send_sign_up_email, form, password_hash, ip, now)


def request_sign_in_link(email: str, ip: str, now: datetime | None = None) -> None:
    """Email a one-time sign-in link to the account with this address, if there is an active one.

    Password throttling does not apply (this is the way in for a throttled owner); the same answer
    whatever the address. ValidationFailed only when the address is not an email address.
    """
    email = normalize_email(email)
    now = now or utcnow()
    with session_scope() as db:
        db.exec(delete(LinkRequest).where(col(LinkRequest.created_at) < now - REQUEST_RETENTION))
        sent_before = count_requests(db, LinkPurpose.SIGN_IN.value, _window_start(now), email=email)
        db.add(LinkRequest(kind=LinkPurpose.SIGN_IN.value, email=email, ip=ip[:64], created_at=now))
        if sent_before >= MAX_EMAILS_PER_ADDRESS:
            return
        user = db.exec(select(User).where(User.email == email)).first()
        if user is None or not user.is_active:
            return
        token = one_time_links.issue(db, LinkPurpose.SIGN_IN, user.email, now=now, user_id=id_of(user), ip=ip)
        values = {"link": one_time_links.link_url(token), "name": user.full_name}
        queue_email(db, user.email, user.language, "sign_in_link", values, id_of(user))


def _account_for_link(db: Session, token: str | None, purpose: LinkPurpose, now: datetime) -> int:
    """Use the link; the id of the account it signs into (created now for a sign-up link)."""
    link = one_time_links.claim(db, token, purpose, now)
    if link is None:
        raise LinkRefused()
    if link.purpose == LinkPurpose.SIGN_IN.value:
        user = get_existing(db, User, link.user_id) if link.user_id is not None else None
        if user is None or not user.is_active or user.email != link.email:
            raise LinkRefused()
        return id_of(user)
    existing = db.exec(select(User).where(User.email == link.email)).first()
    if existing is not None:  # another sign-up link for this address was confirmed first
        if not existing.is_active:
            raise LinkRefused()
        return id_of(existing)
    fields = {k: v for k, v in link.payload.items() if k in SignUpForm.__dataclass_fields__}
    form = SignUpForm(**{**fields, "language": i18n.supported(fields.get("language"))})
    return create_account(db, form, str(link.payload["password_hash"])).id


def confirm_link(
    token: str | None, purpose: str, ip: str = "", user_agent: str = "", now: datetime | None = None
) -> tuple[CurrentUser, str]:
    """The person confirmed on the link's page: use it, sign them in; the user and a new session token.

    `purpose` is what the page offered (sign up / sign in); a link for anything else is refused.
    Raises LinkRefused. A sign-in through a link counts as a successful sign-in for throttling.
    """
    if purpose not in (LinkPurpose.SIGNUP.value, LinkPurpose.SIGN_IN.value):
        raise LinkRefused()  # the other purposes (password reset, email change, team invitation) have their own pages
    now = now or utcnow()
    with session_scope() as db:
        user_id = _account_for_link(db, token, LinkPurpose(purpose), now)
        email = get_existing(db, User, user_id).email
        db.add(LoginAttempt(email=email, ip=ip[:64], succeeded=True, created_at=now))
    session_token = create_session(user_id, ip=ip, user_agent=user_agent, method="link")
    return _load_current_user(user_id), session_token
