"""The session cookie is handed over through a one-time code and set by HTTP responses only (HttpOnly)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import update
from sqlmodel import col, select
from starlette.testclient import TestClient

from realsourcing.accounts import service as accounts
from realsourcing.accounts import session_exchange
from realsourcing.accounts.models import SessionExchangeCode
from realsourcing.api import make_api
from realsourcing.config import get_settings
from realsourcing.db import session_scope, utcnow
from tests.support.builders import PASSWORD, a_buyer

FROM_OUR_PAGE = {"sec-fetch-site": "same-origin"}


def signed_in_token() -> tuple[accounts.CurrentUser, str]:
    user = a_buyer()
    return user, accounts.authenticate(user.email, PASSWORD, "203.0.113.5")[1]


def code_from(url: str) -> str:
    return parse_qs(urlsplit(url).query)["code"][0]


def set_cookie_header(response) -> str:
    return next(v for k, v in response.headers.items() if k == "set-cookie")


def test_a_code_gives_one_working_token_once_and_the_sign_in_token_never_leaves_the_server():
    user, sign_in_token = signed_in_token()
    code = session_exchange.issue_code(sign_in_token)
    cookie_token = session_exchange.redeem_code(code)
    assert cookie_token and cookie_token != sign_in_token
    assert accounts.resolve_session(cookie_token).id == user.id
    assert accounts.resolve_session(sign_in_token) is None  # rotated: only the cookie's token works
    assert session_exchange.redeem_code(code) is None  # single use
    with session_scope() as db:
        stored = db.exec(select(SessionExchangeCode.code_hash)).all()
    assert code not in stored and accounts._hash_token(code) in stored  # only its hash is kept


def test_a_code_expires_within_a_minute():
    _user, token = signed_in_token()
    code = session_exchange.issue_code(token)
    with session_scope() as db:
        row = db.exec(
            select(SessionExchangeCode).where(SessionExchangeCode.code_hash == accounts._hash_token(code))
        ).one()
        assert timedelta(0) < row.expires_at - row.created_at <= timedelta(seconds=60)
        db.exec(
            update(SessionExchangeCode)
            .where(col(SessionExchangeCode.code_hash) == accounts._hash_token(code))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    assert session_exchange.redeem_code(code) is None


def test_a_code_for_a_session_that_ended_gives_nothing():
    _user, token = signed_in_token()
    code = session_exchange.issue_code(token)
    accounts.revoke_session(token)
    assert session_exchange.redeem_code(code) is None


def test_unknown_and_malformed_codes_give_nothing():
    assert session_exchange.redeem_code("not-a-code") is None
    assert session_exchange.redeem_code("") is None
    assert session_exchange.redeem_code(None) is None
    assert session_exchange.redeem_code("x" * 5000) is None


def test_the_exchange_route_sets_an_http_only_cookie_and_goes_to_a_local_next():
    user, token = signed_in_token()
    client = TestClient(make_api())
    url = session_exchange.exchange_url(token, "/orders?tab=open")
    response = client.get(url, headers=FROM_OUR_PAGE, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/orders?tab=open"
    assert response.headers["cache-control"] == "no-store"
    cookie = set_cookie_header(response)
    assert cookie.startswith(f"{accounts.SESSION_COOKIE}=")
    attributes = {part.strip().lower() for part in cookie.split(";")}
    assert {"httponly", "samesite=lax", "path=/", f"max-age={get_settings().session_days * 86400}"} <= attributes
    assert "secure" not in attributes  # APP_URL is http:// in tests; https adds Secure
    new_token = client.cookies.get(accounts.SESSION_COOKIE)
    assert accounts.resolve_session(new_token).id == user.id
    # The same URL again (a replay from history or a log) signs nobody in.
    replay = TestClient(make_api()).get(url, headers=FROM_OUR_PAGE, follow_redirects=False)
    assert replay.headers["location"].startswith("/login?error=err.sign_in_handoff")
    assert "set-cookie" not in replay.headers


def test_the_exchange_route_never_sends_the_browser_to_another_site():
    for next_path in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        _user, token = signed_in_token()
        response = TestClient(make_api()).get(
            session_exchange.exchange_url(token, next_path), headers=FROM_OUR_PAGE, follow_redirects=False
        )
        assert response.headers["location"] == "/"


def test_a_code_planted_from_another_site_is_not_redeemed():
    """Login CSRF: an attacker's own code, opened in a victim's browser from another site, signs nobody in."""
    _user, token = signed_in_token()
    url = session_exchange.exchange_url(token, "/")
    client = TestClient(make_api())
    for headers in ({"sec-fetch-site": "cross-site"}, {"sec-fetch-site": "same-site"}, {}):
        response = client.get(url, headers=headers, follow_redirects=False)
        assert response.headers["location"].startswith("/login?error="), headers
        assert "set-cookie" not in response.headers
    # Browsers without Sec-Fetch-Site: the Referer's origin decides (and the code still works: it was not used).
    app_page = {"referer": get_settings().app_origin + "/login"}
    assert client.get(url, headers=app_page, follow_redirects=False).headers["location"] == "/"


def test_logout_route_ends_the_session_and_clears_the_cookie():
    user, token = signed_in_token()
    client = TestClient(make_api())
    client.cookies.set(accounts.SESSION_COOKIE, token)
    response = client.get("/auth/logout?next=/login", headers=FROM_OUR_PAGE, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login")
    cleared = set_cookie_header(response).lower()
    assert cleared.startswith(f'{accounts.SESSION_COOKIE}=""') and "max-age=0" in cleared and "httponly" in cleared
    assert accounts.resolve_session(token) is None
    assert user.id  # the account itself is untouched


def test_logout_route_ignores_other_sites():
    _user, token = signed_in_token()
    client = TestClient(make_api())
    client.cookies.set(accounts.SESSION_COOKIE, token)
    for headers in ({"sec-fetch-site": "cross-site"}, {"referer": "https://evil.example/page"}, {}):
        response = client.get("/auth/logout", headers=headers, follow_redirects=False)
        assert response.headers["location"] == "/" and "set-cookie" not in response.headers
    assert accounts.resolve_session(token) is not None
