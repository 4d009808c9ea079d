"""One-time links emailed to an address: they prove the reader controls that mailbox.

Rules:
- A link's token is random (32 bytes); only its SHA-256 is stored, so the table alone opens nothing.
- A link has one purpose (sign-up, sign-in, team invitation) and is accepted only for that purpose.
- It works once (one UPDATE claims it, so two concurrent clicks cannot both succeed) and for
  LINK_TTL (15 minutes) after it was issued, or the `ttl` its issuer chose (a password reset: 1 hour;
  a team invitation: days, see profile/team.py). A link can be withdrawn before it is used (a resent or
  revoked invitation; email changes once the password changed).
- Opening the link only shows a page; the link is used when the person confirms on it, so a mail
  scanner that fetches every URL in an email does not spend it.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from realsourcing.accounts.models import LinkPurpose, OneTimeLink
from realsourcing.config import get_settings
from realsourcing.db import session_scope, utcnow

LINK_PATH = "/link"
LINK_TTL = timedelta(minutes=15)
# Used and expired links are deleted when new ones are issued, a day after they stopped working.
LINK_RETENTION = timedelta(days=1)
MAX_TOKEN_LENGTH = 200


@dataclass(frozen=True)
class LinkPreview:
    """What an unused, unexpired link would do (shown on the confirm page before it is used)."""

    purpose: str
    email: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_url(token: str) -> str:
    """The absolute address to put in the email."""
    return f"{get_settings().app_url}{LINK_PATH}?{urlencode({'token': token})}"


def issue(
    db: Session,
    purpose: LinkPurpose,
    email: str,
    *,
    now: datetime,
    user_id: int | None = None,
    payload: dict | None = None,
    ip: str = "",
    ttl: timedelta = LINK_TTL,
) -> str:
    """A new link's token (give it to the mailbox owner only), stored hashed in the caller's transaction."""
    db.exec(delete(OneTimeLink).where(col(OneTimeLink.expires_at) < now - LINK_RETENTION))
    token = secrets.token_urlsafe(32)
    db.add(
        OneTimeLink(
            token_hash=_digest(token),
            purpose=purpose.value,
            email=email,
            user_id=user_id,
            payload=payload or {},
            ip=ip[:64],
            created_at=now,
            expires_at=now + ttl,
        )
    )
    return token


def _usable(token: str | None) -> bool:
    return bool(token) and len(token or "") <= MAX_TOKEN_LENGTH


def preview(token: str | None, now: datetime | None = None) -> LinkPreview | None:
    """What the link would do, without using it; None when it is unknown, used or expired."""
    if not _usable(token):
        return None
    now = now or utcnow()
    with session_scope() as db:
        link = db.exec(select(OneTimeLink).where(OneTimeLink.token_hash == _digest(token or ""))).first()
        if link is None or link.used_at is not None or link.expires_at <= now:
            return None
        return LinkPreview(purpose=link.purpose, email=link.email)


def claim(db: Session, token: str | None, purpose: LinkPurpose, now: datetime) -> OneTimeLink | None:
    """Use the link (in the caller's transaction): the row when it was unused, unexpired and for `purpose`."""
    if not _usable(token):
        return None
    digest = _digest(token or "")
    won = db.exec(
        update(OneTimeLink)
        .where(
            col(OneTimeLink.token_hash) == digest,
            col(OneTimeLink.purpose) == purpose.value,
            col(OneTimeLink.used_at).is_(None),
            col(OneTimeLink.expires_at) > now,
        )
        .values(used_at=now)
    ).rowcount
    if won != 1:
        return None
    return db.exec(select(OneTimeLink).where(OneTimeLink.token_hash == digest)).one()


def withdraw(db: Session, user_id: int, purpose: LinkPurpose) -> None:
    """Unused links of one purpose for an account stop working (e.g. email changes once the password changed)."""
    db.exec(
        delete(OneTimeLink).where(
            col(OneTimeLink.user_id) == user_id,
            col(OneTimeLink.purpose) == purpose.value,
            col(OneTimeLink.used_at).is_(None),
        )
    )


def find(db: Session, token: str | None, purpose: LinkPurpose) -> OneTimeLink | None:
    """The link with this token and purpose whatever its state (used, expired, withdrawn), without using it."""
    if not _usable(token):
        return None
    return db.exec(
        select(OneTimeLink).where(OneTimeLink.token_hash == _digest(token or ""), OneTimeLink.purpose == purpose.value)
    ).first()


def withdraw_link(db: Session, link_id: int | None, now: datetime) -> None:
    """Make an unused link unusable (in the caller's transaction): it counts as used from now on."""
    if link_id is None:
        return
    db.exec(
        update(OneTimeLink)
        .where(col(OneTimeLink.id) == link_id, col(OneTimeLink.used_at).is_(None))
        .values(used_at=now)
    )
