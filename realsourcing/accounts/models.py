"""People, their sign-in sessions, and what protects sign-in."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from realsourcing.core.columns import UTCDateTime, created_at_field, utc_field


class Role(StrEnum):
    BUYER = "buyer"
    FACTORY = "factory"
    ADMIN = "admin"


class User(SQLModel, table=True):
    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)  # normalised (lower-case domain and local part)
    password_hash: str | None = Field(default=None, max_length=255)  # None: signs in through OIDC only
    full_name: str = Field(max_length=120)
    company_name: str = Field(default="", max_length=160)
    role: str = Field(default=Role.BUYER.value, max_length=16, index=True)
    language: str = Field(default="en", max_length=8)
    timezone: str = Field(default="UTC", max_length=64)
    is_active: bool = Field(default=True)
    created_at: datetime = created_at_field()


class AuthSession(SQLModel, table=True):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored."""

    __tablename__ = "auth_sessions"
    __table_args__ = (Index("ix_auth_sessions_user_active", "user_id", "revoked_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = created_at_field()
    last_seen_at: datetime = created_at_field()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    revoked_at: datetime | None = utc_field()
    ip: str = Field(default="", max_length=64)
    user_agent: str = Field(default="", max_length=300)
    method: str = Field(default="password", max_length=16)  # password | oidc | signup


class SessionExchangeCode(SQLModel, table=True):
    """A one-time code the browser swaps for its HttpOnly session cookie at /auth/session.

    Only the code's SHA-256 is stored; it lives a minute at most and works once.
    """

    __tablename__ = "session_exchange_codes"

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True)
    session_id: int = Field(foreign_key="auth_sessions.id", index=True)
    created_at: datetime = created_at_field()
    expires_at: datetime = utc_field(nullable=False, index=True)
    used_at: datetime | None = utc_field()


class LoginAttempt(SQLModel, table=True):
    """Every password sign-in attempt, for throttling per account and per IP across workers."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_email_time", "email", "created_at"),
        Index("ix_login_attempts_ip_time", "ip", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254)
    ip: str = Field(max_length=64)
    succeeded: bool = Field(default=False)
    created_at: datetime = created_at_field()


class OidcIdentity(SQLModel, table=True):
    """A user's account at an OpenID Connect provider (issuer + subject), linked by verified email."""

    __tablename__ = "oidc_identities"
    __table_args__ = (UniqueConstraint("issuer", "subject", name="uq_oidc_identity"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    issuer: str = Field(max_length=255)
    subject: str = Field(max_length=255)
    email: str = Field(default="", max_length=254)
    created_at: datetime = created_at_field()


class LinkPurpose(StrEnum):
    SIGNUP = "signup"  # creates the account the sign-up form described (its email is thereby verified)
    SIGN_IN = "sign_in"  # signs an existing account in without its password
    PASSWORD_RESET = "password_reset"  # sets a new password (forgot password; an OIDC-only account's first one)
    EMAIL_CHANGE = "email_change"  # moves the account to the address it was sent to (payload: the old one)
    TEAM_INVITE = "team_invite"  # joins a factory's team (profile/team.py); its payload names the invite


class OneTimeLink(SQLModel, table=True):
    """A link emailed to an address: only the token's SHA-256 is stored; it works once, for one purpose.

    `payload` holds what the link completes (for a sign-up: the form, its password already hashed).
    """

    __tablename__ = "one_time_links"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    purpose: str = Field(max_length=24)
    email: str = Field(max_length=254, index=True)
    user_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    ip: str = Field(default="", max_length=64)
    created_at: datetime = created_at_field()
    expires_at: datetime = utc_field(nullable=False, index=True)
    used_at: datetime | None = utc_field()


class LinkRequest(SQLModel, table=True):
    """Every request that emails a link (sign-up form, "email me a sign-in link"), for throttling."""

    __tablename__ = "link_requests"
    __table_args__ = (
        Index("ix_link_requests_ip_time", "kind", "ip", "created_at"),
        Index("ix_link_requests_email_time", "kind", "email", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=24)  # signup | sign_in | password_reset | email_change
    email: str = Field(max_length=254)
    ip: str = Field(max_length=64)
    created_at: datetime = created_at_field()
