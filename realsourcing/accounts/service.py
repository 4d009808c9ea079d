"""Accounts: sign-up, password sign-in with throttling, server-side sessions, OIDC linking.

Rules:
- Emails are normalised (validated, lower-cased) before they are stored or compared.
- A session token is a random value given to the browser once; only its SHA-256 is stored.
  A session is valid until it expires or is revoked (log out, log out everywhere).
- Password sign-in is refused for a while after repeated failures, per account and per IP; an emailed
  one-time sign-in link still works (email_sign_in.py), so nobody is locked out of their own account.
- argon2 runs on the bounded CPU pool and the database in threads when called from the event loop.
- An OIDC identity links to an existing account only through an email the provider verified.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, update
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool

from realsourcing.accounts.email_address import normalize_email
from realsourcing.accounts.identity import CurrentUser
from realsourcing.accounts.models import AuthSession, LoginAttempt, OidcIdentity, Role, User
from realsourcing.accounts.passwords import hash_password, password_problem, verify_password
from realsourcing.config import get_settings
from realsourcing.core import divisions, i18n, slugs
from realsourcing.core.errors import DomainError, PermissionDenied, TooManyAttempts, ValidationFailed
from realsourcing.core.offload import run_cpu
from realsourcing.db import get_existing, id_of, session_scope, utcnow
from realsourcing.notifications.service import notify
from realsourcing.profile.factories import refresh_search_text
from realsourcing.profile.membership import membership_of
from realsourcing.profile.models import Factory, FactoryMember, MemberRole

SESSION_COOKIE = "rs_session"  # holds the opaque session token; set by the login form and the OIDC callback

# Writing last_seen_at on every request would turn every page view into a write.
LAST_SEEN_RESOLUTION = timedelta(minutes=5)


@dataclass(frozen=True)
class SessionInfo:
    id: int
    created_at: datetime
    last_seen_at: datetime
    ip: str
    user_agent: str
    method: str
    is_current: bool


def safe_return_path(path: str | None, default: str = "/") -> str:
    """Where to send someone after sign-in: only a path on this site (no //host, no scheme)."""
    if path and path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path
    return default


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _clean_name(value: str, limit: int) -> str:
    return " ".join(unicodedata.normalize("NFKC", value or "").split())[:limit]


# ---------------------------------------------------------------- sign-up


@dataclass(frozen=True)
class SignUpForm:
    email: str
    password: str
    full_name: str
    company_name: str = ""
    account_type: str = Role.BUYER.value  # buyer | factory
    factory_name_en: str = ""
    factory_name_zh: str = ""
    factory_city: str = ""
    factory_province: str = ""
    language: str = "en"


def validate_sign_up(form: SignUpForm) -> SignUpForm:
    """The form with its email normalised and its names cleaned; ValidationFailed lists every bad field."""
    errors: dict[str, str] = {}
    email = ""
    try:
        email = normalize_email(form.email)
    except ValidationFailed as exc:
        errors.update(exc.field_errors)
    if problem := password_problem(form.password, email):
        errors["password"] = problem
    full_name = _clean_name(form.full_name, 120)
    if len(full_name) < 2:
        errors["full_name"] = "err.name_required"
    if form.account_type not in (Role.BUYER.value, Role.FACTORY.value):
        errors["account_type"] = "err.account_type"
    factory_name_en = _clean_name(form.factory_name_en, 120)
    if form.account_type == Role.FACTORY.value:
        if len(factory_name_en) < 2:
            errors["factory_name_en"] = "err.factory_name_required"
        place = divisions.place_errors(form.factory_province.strip(), form.factory_city.strip())
        errors.update({f"factory_{name}": key for name, key in place.items()})
    if errors:
        raise ValidationFailed(errors)
    return SignUpForm(
        email=email,
        password=form.password,
        full_name=full_name,
        company_name=_clean_name(form.company_name, 160),
        account_type=form.account_type,
        factory_name_en=factory_name_en,
        factory_name_zh=_clean_name(form.factory_name_zh, 120),
        factory_city=form.factory_city.strip() if form.account_type == Role.FACTORY.value else "",
        factory_province=form.factory_province.strip() if form.account_type == Role.FACTORY.value else "",
        language=i18n.supported(form.language),
    )


def sign_up(form: SignUpForm) -> CurrentUser:
    """Create a buyer, or a factory account together with its factory, now.

    For an address already known to be the person's: the sign-up form goes through
    `email_sign_in.request_sign_up` (the account is created when the emailed link is confirmed);
    this is for the demo data, scripts and tests.
    """
    form = validate_sign_up(form)
    with session_scope() as db:
        if db.exec(select(User.id).where(User.email == form.email)).first() is not None:
            raise ValidationFailed({"email": "err.email_taken"})
        return create_account(db, form, hash_password(form.password))


def create_account(db: Session, form: SignUpForm, password_hash: str) -> CurrentUser:
    """Insert the account (and its factory) for a validated form, in the caller's transaction."""
    user = User(
        email=form.email,
        password_hash=password_hash,
        full_name=form.full_name,
        company_name=form.company_name,
        role=form.account_type,
        language=i18n.supported(form.language),
    )
    db.add(user)
    db.flush()
    user_id = id_of(user)
    factory_id = None
    if form.account_type == Role.FACTORY.value:
        factory = Factory(
            slug=unique_factory_slug(db, form.factory_name_en, form.factory_name_zh),
            legal_name_en=form.factory_name_en,
            display_name_en=form.factory_name_en,
            legal_name_zh=form.factory_name_zh,
            display_name_zh=form.factory_name_zh,
            city=form.factory_city,
            province=form.factory_province,
            contact_name=form.full_name,
            contact_email=form.email,
        )
        db.add(factory)
        db.flush()
        factory_id = id_of(factory)
        refresh_search_text(db, factory)  # findable in the directory from the first minute
        db.add(FactoryMember(factory_id=factory_id, user_id=user_id, role=MemberRole.OWNER.value))
    notify(db, user, "account_created", {"name": user.full_name}, link="/dashboard" if factory_id else "/factories")
    return CurrentUser(
        id=user_id,
        email=user.email,
        full_name=user.full_name,
        company_name=user.company_name,
        role=user.role,
        language=user.language,
        factory_id=factory_id,
        factory_role=MemberRole.OWNER.value if factory_id else None,
    )


def unique_factory_slug(db: Session, *names: str) -> str:
    """The factory's URL name: from the first of `names` that gives a readable slug (Chinese names as
    pinyin, see core/slugs.py), else "factory"; "-2", "-3" … added while another factory has it.

    A slug is made once, at sign-up, and never changes: links to a factory page keep working.
    """
    base = next((s for s in (slugs.slug_of(n) for n in names) if s), "factory")
    # A slug holds only [a-z0-9-], so the LIKE pattern has no wildcards of its own.
    taken = set(
        db.exec(select(Factory.slug).where(or_(col(Factory.slug) == base, col(Factory.slug).like(f"{base}-%")))).all()
    )
    n = 1
    while slugs.with_suffix(base, n) in taken:
        n += 1
    return slugs.with_suffix(base, n)


# ---------------------------------------------------------------- password sign-in


def _throttle_check(db: Session, email: str, ip: str, now: datetime) -> None:
    settings = get_settings()
    window_start = now - timedelta(minutes=settings.login_lockout_minutes)

    last_success = db.exec(
        select(func.max(LoginAttempt.created_at)).where(
            LoginAttempt.email == email,
            LoginAttempt.succeeded == True,  # noqa: E712
        )
    ).one()
    since = max(window_start, last_success) if last_success else window_start
    account_failures = db.exec(
        select(LoginAttempt.created_at)
        .where(LoginAttempt.email == email, LoginAttempt.succeeded == False, LoginAttempt.created_at > since)  # noqa: E712
        .order_by(col(LoginAttempt.created_at))
    ).all()
    ip_failures = db.exec(
        select(LoginAttempt.created_at)
        .where(LoginAttempt.ip == ip, LoginAttempt.succeeded == False, LoginAttempt.created_at > window_start)  # noqa: E712
        .order_by(col(LoginAttempt.created_at))
    ).all()
    for failures, limit in (
        (account_failures, settings.login_max_failures_per_account),
        (ip_failures, settings.login_max_failures_per_ip),
    ):
        if len(failures) >= limit:
            # Locked until the oldest failure that still counts leaves the window.
            unlock_at = failures[len(failures) - limit] + timedelta(minutes=settings.login_lockout_minutes)
            minutes = max(1, int((unlock_at - now).total_seconds() // 60) + 1)
            raise TooManyAttempts(minutes)


@dataclass(frozen=True)
class _PasswordCheck:
    email: str
    user_id: int | None
    password_hash: str | None
    active: bool


def _start_password_sign_in(email: str, password: str, ip: str, now: datetime) -> _PasswordCheck:
    """The form checked, the throttle asked, the account looked up (database work, no hashing)."""
    email = normalize_email(email)
    if not password:
        raise ValidationFailed({"password": "err.password_required"})
    with session_scope() as db:
        _throttle_check(db, email, ip, now)
        user = db.exec(select(User).where(User.email == email)).first()
        if user is None:
            return _PasswordCheck(email, None, None, False)
        return _PasswordCheck(email, id_of(user), user.password_hash, user.is_active)


def _finish_password_sign_in(
    check: _PasswordCheck, password_ok: bool, ip: str, user_agent: str, now: datetime
) -> tuple[CurrentUser, str]:
    ok = password_ok and check.user_id is not None and check.active
    with session_scope() as db:
        db.add(LoginAttempt(email=check.email, ip=ip, succeeded=ok, created_at=now))
    if not ok or check.user_id is None:
        raise ValidationFailed({"password": "err.wrong_credentials"})
    token = create_session(check.user_id, ip=ip, user_agent=user_agent, method="password")
    return _load_current_user(check.user_id), token


async def sign_in_with_password(email: str, password: str, ip: str, user_agent: str = "") -> tuple[CurrentUser, str]:
    """`authenticate` for the event loop: the database in a thread, argon2 on the bounded CPU pool."""
    now = utcnow()
    check = await run_in_threadpool(_start_password_sign_in, email, password, ip, now)
    # The hash is checked even for an unknown email, so timing does not tell which emails exist.
    password_ok = await run_cpu(verify_password, password, check.password_hash)
    return await run_in_threadpool(_finish_password_sign_in, check, password_ok, ip, user_agent, now)


def authenticate(email: str, password: str, ip: str, user_agent: str = "") -> tuple[CurrentUser, str]:
    """Check a password sign-in; returns the user and a new session token (scripts, tests, threads).

    Raises ValidationFailed (bad form or wrong credentials) or TooManyAttempts. Handlers on the
    event loop use `sign_in_with_password`, the same steps off the loop.
    """
    now = utcnow()
    check = _start_password_sign_in(email, password, ip, now)
    return _finish_password_sign_in(check, verify_password(password, check.password_hash), ip, user_agent, now)


def create_session(user_id: int, *, ip: str = "", user_agent: str = "", method: str = "password") -> str:
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with session_scope() as db:
        db.add(
            AuthSession(
                user_id=user_id,
                token_hash=_hash_token(token),
                created_at=now,
                last_seen_at=now,
                expires_at=now + timedelta(days=get_settings().session_days),
                ip=ip[:64],
                user_agent=user_agent[:300],
                method=method,
            )
        )
    return token


def resolve_session(token: str | None) -> CurrentUser | None:
    """The signed-in user for a session token, or None (unknown, expired, revoked, or inactive user)."""
    if not token or len(token) > 200:
        return None
    now = utcnow()
    with session_scope() as db:
        row = db.exec(
            select(AuthSession, User)
            .join(User, col(User.id) == AuthSession.user_id)
            .where(AuthSession.token_hash == _hash_token(token))
        ).first()
        if row is None:
            return None
        auth_session, user = row
        if auth_session.revoked_at is not None or auth_session.expires_at <= now or not user.is_active:
            return None
        if now - auth_session.last_seen_at > LAST_SEEN_RESOLUTION:
            auth_session.last_seen_at = now
            db.add(auth_session)
        return _current_user(db, user, auth_session.id, auth_session.created_at)


def _current_user(
    db: Session, user: User, session_id: int | None = None, session_started_at: datetime | None = None
) -> CurrentUser:
    user_id = id_of(user)
    membership = membership_of(db, user_id)
    return CurrentUser(
        id=user_id,
        email=user.email,
        full_name=user.full_name,
        company_name=user.company_name,
        role=user.role,
        language=user.language,
        factory_id=membership.factory_id if membership else None,
        factory_role=membership.role if membership else None,
        session_id=session_id,
        timezone=user.timezone,
        has_password=bool(user.password_hash),
        signed_up_at=user.created_at,
        session_started_at=session_started_at,
    )


def _load_current_user(user_id: int) -> CurrentUser:
    with session_scope() as db:
        return _current_user(db, get_existing(db, User, user_id))


def revoke_session(token: str | None) -> None:
    """Log out this browser."""
    if not token:
        return
    with session_scope() as db:
        db.exec(
            update(AuthSession)
            .where(col(AuthSession.token_hash) == _hash_token(token), col(AuthSession.revoked_at).is_(None))
            .values(revoked_at=utcnow())
        )


def revoke_other_session(actor: CurrentUser, session_id: int) -> None:
    """Log out one of the actor's other browsers."""
    with session_scope() as db:
        target = db.get(AuthSession, session_id)
        if target is None or target.user_id != actor.id:
            raise PermissionDenied()
        if target.revoked_at is None:
            target.revoked_at = utcnow()
            db.add(target)


def revoke_all_sessions(actor: CurrentUser) -> int:
    """Log out everywhere: every session of the actor, this one included. Returns how many ended."""
    with session_scope() as db:
        result = db.exec(
            update(AuthSession)
            .where(col(AuthSession.user_id) == actor.id, col(AuthSession.revoked_at).is_(None))
            .values(revoked_at=utcnow())
        )
        return result.rowcount or 0


def active_sessions(actor: CurrentUser) -> list[SessionInfo]:
    now = utcnow()
    with session_scope() as db:
        rows = db.exec(
            select(AuthSession)
            .where(AuthSession.user_id == actor.id, col(AuthSession.revoked_at).is_(None), AuthSession.expires_at > now)
            .order_by(col(AuthSession.last_seen_at).desc())
        ).all()
        return [
            SessionInfo(
                id=id_of(r),
                created_at=r.created_at,
                last_seen_at=r.last_seen_at,
                ip=r.ip,
                user_agent=r.user_agent,
                method=r.method,
                is_current=r.id == actor.session_id,
            )
            for r in rows
        ]


def set_language(actor: CurrentUser, language: str) -> None:
    """Remember the UI language on the account too (emails use it)."""
    with session_scope() as db:
        user = get_existing(db, User, actor.id)
        user.language = i18n.supported(language)
        db.add(user)


# ---------------------------------------------------------------- OpenID Connect


class OidcRefused(DomainError):
    pass


# Message keys an OIDC failure may show on the login page (the page accepts no others from the URL).
OIDC_ERROR_KEYS = ("err.oidc_failed", "err.oidc_no_email", "err.oidc_email_unverified", "err.account_disabled")


def sign_in_with_oidc(issuer: str, claims: dict, *, ip: str = "", user_agent: str = "") -> tuple[CurrentUser, str]:
    """Sign in through an OIDC provider's verified claims; returns the user and a new session token.

    Known (issuer, sub): that account. Otherwise an account with the same email is linked only when
    the provider says the email is verified; with no such account a buyer account is created.
    """
    subject = str(claims.get("sub") or "")
    if not subject:
        raise OidcRefused("err.oidc_failed")
    with session_scope() as db:
        identity = db.exec(
            select(OidcIdentity).where(OidcIdentity.issuer == issuer, OidcIdentity.subject == subject)
        ).first()
        if identity is not None:
            user = get_existing(db, User, identity.user_id)
        else:
            try:
                email = normalize_email(str(claims.get("email") or ""))
            except ValidationFailed:
                raise OidcRefused("err.oidc_no_email") from None
            if claims.get("email_verified") is not True:
                raise OidcRefused("err.oidc_email_unverified")
            existing = db.exec(select(User).where(User.email == email)).first()
            if existing is None:
                name = _clean_name(str(claims.get("name") or email.split("@")[0]), 120)
                existing = User(email=email, password_hash=None, full_name=name, role=Role.BUYER.value)
                db.add(existing)
                db.flush()
            user = existing
            db.add(OidcIdentity(user_id=id_of(user), issuer=issuer, subject=subject, email=email))
        if not user.is_active:
            raise OidcRefused("err.account_disabled")
        user_id = id_of(user)
    token = create_session(user_id, ip=ip, user_agent=user_agent, method="oidc")
    return _load_current_user(user_id), token
