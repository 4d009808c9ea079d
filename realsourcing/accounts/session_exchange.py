"""Handing a new session to the browser as an HttpOnly cookie.

Rules:
- The session cookie is HttpOnly, so page scripts never see the token; only an HTTP response can set
  it. A sign-in that happens over the websocket (password, sign-up, one-time link) therefore ends by
  sending the browser to `/auth/session?code=…`, and that HTTP route swaps the code for the cookie.
- A code is random, only its SHA-256 is stored, it lives EXCHANGE_TTL (60 s) and works once.
- The swap rotates the session's token: the token the sign-in produced never leaves the server, and
  a session that ended (revoked, expired) before the swap gives no cookie.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from urllib.parse import urlencode

from sqlalchemy import delete, update
from sqlmodel import col, select

from realsourcing.accounts.models import AuthSession, SessionExchangeCode
from realsourcing.accounts.service import _hash_token, safe_return_path
from realsourcing.db import id_of, session_scope, utcnow

EXCHANGE_PATH = "/auth/session"
EXCHANGE_TTL = timedelta(seconds=60)
# Old codes are deleted when new ones are issued; kept a little past expiry so a late swap still finds "used/expired".
EXCHANGE_RETENTION = timedelta(minutes=10)
# The login page shows this when a swap fails (code used, expired, or not from this site).
EXCHANGE_FAILED_KEY = "err.sign_in_handoff"


def issue_code(session_token: str) -> str:
    """A one-time code for the session behind `session_token` (a token `create_session` just returned)."""
    now = utcnow()
    code = secrets.token_urlsafe(32)
    with session_scope() as db:
        auth_session = db.exec(select(AuthSession).where(AuthSession.token_hash == _hash_token(session_token))).one()
        db.exec(delete(SessionExchangeCode).where(col(SessionExchangeCode.expires_at) < now - EXCHANGE_RETENTION))
        db.add(
            SessionExchangeCode(
                code_hash=_hash_token(code),
                session_id=id_of(auth_session),
                created_at=now,
                expires_at=now + EXCHANGE_TTL,
            )
        )
    return code


def exchange_url(session_token: str, next_path: str | None = None) -> str:
    """Where to send the browser so it gets the cookie for this new session, then lands on `next_path`.

    Call it with the token of a session created for this browser a moment ago (password sign-in,
    sign-up, a one-time sign-in link) and navigate there with a full page load.
    """
    query = urlencode({"code": issue_code(session_token), "next": safe_return_path(next_path)})
    return f"{EXCHANGE_PATH}?{query}"


def redeem_code(code: str | None) -> str | None:
    """The session token to put in the cookie, once per code; None when the code is unknown, used or expired.

    The session gets a new token here, so only the browser that redeemed the code holds a working one.
    """
    if not code or len(code) > 200:
        return None
    now = utcnow()
    digest = _hash_token(code)
    with session_scope() as db:
        # One UPDATE claims the code: two concurrent redemptions cannot both see it unused.
        claimed = db.exec(
            update(SessionExchangeCode)
            .where(
                col(SessionExchangeCode.code_hash) == digest,
                col(SessionExchangeCode.used_at).is_(None),
                col(SessionExchangeCode.expires_at) > now,
            )
            .values(used_at=now)
        )
        if claimed.rowcount != 1:
            return None
        session_id = db.exec(
            select(SessionExchangeCode.session_id).where(SessionExchangeCode.code_hash == digest)
        ).one()
        auth_session = db.get(AuthSession, session_id)
        if auth_session is None or auth_session.revoked_at is not None or auth_session.expires_at <= now:
            return None
        token = secrets.token_urlsafe(32)
        auth_session.token_hash = _hash_token(token)
        db.add(auth_session)
    return token
